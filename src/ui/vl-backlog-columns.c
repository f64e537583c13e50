/* vl-backlog-columns.c — the backlog's columns: how each field reads, cells, sort, which show
 *
 * The column table of the backlog's list: how each field reads in a cell,
 * the cells (VlTextCell, bound through the rows' slots so a jump through a
 * 100,000-item list binds only what shows), which column the list is
 * sorted by (the rows are sorted in the core's index, VlItemSearch), which
 * columns show (a setting, with one action per column for the menus) and
 * the title edited in place (VlTitleEditor).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-backlog-columns"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vl-backlog-columns.h"
#include "vl-item-selection.h"
#include "vl-labels.h"
#include "vl-okr.h"
#include "vl-text-cell.h"
#include "vl-title-editor.h"
#include "vl-value.h"

struct _VlBacklogColumns
{
  GObject             parent_instance;

  GtkColumnView      *view;          /* weak */
  GSettings          *settings;
  VlItemSearch       *search;        /* the rows shown: their ranks and sort */
  GHashTable         *title_items;   /* the title column's bound list items */
  VlTitleEditor      *editor;
  GSimpleActionGroup *actions;       /* "columns.<id>": show or hide a column */
  GMenu              *menu;
};

G_DEFINE_FINAL_TYPE (VlBacklogColumns, vl_backlog_columns, G_TYPE_OBJECT)

enum { PROP_0, PROP_EDITING, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* ---- how fields read --------------------------------------------------- */

typedef enum { SHOW_TEXT, SHOW_RANK, SHOW_ENUM, SHOW_REF, SHOW_NUMBER, SHOW_BOOL, SHOW_SCORE } Show;

typedef struct
{
  const char  *title;
  const char  *field;
  Show         show;
  gboolean     expand;
} Column;

static const Column columns[] = {
  { N_("#"), NULL, SHOW_RANK, FALSE },
  { N_("Title"), "title", SHOW_TEXT, TRUE },
  { N_("Status"), "status", SHOW_ENUM, FALSE },
  { N_("MoSCoW"), "moscow", SHOW_ENUM, FALSE },
  { N_("P1"), "p1", SHOW_BOOL, FALSE },
  { N_("AARRR"), "aarrr", SHOW_ENUM, FALSE },
  { N_("User Value"), "user-value", SHOW_NUMBER, FALSE },
  { N_("Business Value"), "business-value", SHOW_NUMBER, FALSE },
  { N_("Cost"), "cost", SHOW_NUMBER, FALSE },
  { N_("Score"), NULL, SHOW_SCORE, FALSE },
  { N_("Key Result"), "key-result", SHOW_REF, FALSE },
  { N_("Iteration"), "iteration", SHOW_REF, FALSE },
  { N_("Review Due"), "review-due", SHOW_TEXT, FALSE },
};

/* Score: value (user + business) per unit of cost. */
static char *
score_text (VlRecord *item)
{
  double cost = vl_record_get_number (item, "cost");
  gint64 value = vl_record_get_int (item, "user-value") + vl_record_get_int (item, "business-value");

  if (isnan (cost) || cost <= 0)
    return g_strdup ("—");
  return g_strdup_printf ("%.1f", value / cost);
}

static VlBacklogColumns *cell_columns (GtkListItem *list_item);

/* The item's rank in its whole backlog, also when a search or filter
 * shows only some of the items. */
static guint
backlog_rank (GtkListItem *list_item,
              VlRecord    *item)
{
  VlItemSearch *search = cell_columns (list_item)->search;

  if (search == NULL)
    return gtk_list_item_get_position (list_item) + 1;
  return vl_item_search_get_rank_at (search, gtk_list_item_get_position (list_item));
}

static VlP1State
p1_state (VlRecord *item)
{
  g_autoptr(GDate) today = vl_okr_today ();

  return vl_item_get_p1_state (item, today);
}

static char *
cell_text (const Column *c,
           VlRecord     *item,
           GtkListItem  *list_item)
{
  g_autoptr(VlRecord) ref = NULL;
  gint64 v;
  double d;

  switch (c->show)
    {
    case SHOW_RANK:
      return list_item ? g_strdup_printf ("%u", backlog_rank (list_item, item)) : g_strdup ("");
    case SHOW_ENUM:
      v = vl_record_get_int (item, c->field);
      return g_strdup (vl_enum_label (c->field, (int) v) ? vl_enum_label (c->field, (int) v) : "—");
    case SHOW_BOOL:
      /* A P1 demand says when it is at risk or late (DESIGN §11). */
      return g_strdup (vl_record_get_int (item, c->field) ? vl_p1_state_tag (p1_state (item)) : "");
    case SHOW_REF:
      ref = vl_record_dup_ref (item, c->field);
      return g_strdup (ref != NULL ? vl_record_get_title (ref) : "");
    case SHOW_NUMBER:
      if (g_str_equal (c->field, "cost"))
        {
          d = vl_record_get_number (item, c->field);
          return isnan (d) ? g_strdup ("—") : g_strdup_printf ("%g", d);
        }
      return g_strdup_printf ("%" G_GINT64_FORMAT, vl_record_get_int (item, c->field));
    case SHOW_SCORE:
      return score_text (item);
    case SHOW_TEXT:
    default:
      return g_strdup (vl_record_get_string (item, c->field) ? vl_record_get_string (item, c->field) : "");
    }
}


/* ---- cells ------------------------------------------------------------- */

/* Data on each cell's list item and widget, looked up by quark: a jump
 * through the list binds thousands of cells. */
static GQuark column_quark, list_item_quark, position_handler_quark, columns_quark;

static const Column *
cell_column (GtkListItem *list_item)
{
  return g_object_get_qdata (G_OBJECT (list_item), column_quark);
}

static VlBacklogColumns *
cell_columns (GtkListItem *list_item)
{
  return g_object_get_qdata (G_OBJECT (list_item), columns_quark);
}

/* The item a row of the list shows (the list's items are row slots). */
static VlRecord *
row_record (GtkListItem *list_item)
{
  VlRowSlot *slot = gtk_list_item_get_item (list_item);

  return slot != NULL ? vl_row_slot_get_record (slot) : NULL;
}

static void
update_cell (GtkListItem *list_item)
{
  const Column *c = cell_column (list_item);
  VlRecord *item = row_record (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);

  if (item == NULL)
    return;
  if (VL_IS_TEXT_CELL (child))   /* not the text field of a title being edited */
    vl_text_cell_take_text (VL_TEXT_CELL (child), cell_text (c, item, list_item));
  if (c->show == SHOW_BOOL)
    {
      VlP1State state = vl_record_get_int (item, "p1") ? p1_state (item) : VL_P1_ON_TRACK;

      if (state == VL_P1_AT_RISK || state == VL_P1_LATE)
        gtk_widget_add_css_class (child, state == VL_P1_LATE ? "error" : "warning");
      if (state != VL_P1_LATE)
        gtk_widget_remove_css_class (child, "error");
      if (state != VL_P1_AT_RISK)
        gtk_widget_remove_css_class (child, "warning");
    }
}

/* ---- the title, edited in place (F2, a new item) -------------------------- */

static gboolean
is_title (const Column *c)
{
  return g_strcmp0 (c->field, "title") == 0;
}

/* The row shows another item (@pspec NULL), or a field of its item
 * changed. */
static void
row_changed_cb (gpointer    list_item,
                GParamSpec *pspec)
{
  const Column *c = cell_column (list_item);

  if (pspec == NULL && is_title (c) &&
      vl_title_editor_get_list_item (cell_columns (list_item)->editor) == list_item)
    vl_title_editor_finish (cell_columns (list_item)->editor, TRUE);
  if (pspec == NULL || (c->field != NULL && g_str_equal (pspec->name, c->field)) ||
      (c->show == SHOW_SCORE && (g_str_equal (pspec->name, "cost") || g_str_equal (pspec->name, "user-value") ||
                                 g_str_equal (pspec->name, "business-value"))) ||
      /* P1 at risk or late: its status and month count too */
      (c->show == SHOW_BOOL && (g_str_equal (pspec->name, "status") || g_str_equal (pspec->name, "iteration"))))
    update_cell (list_item);
}

/* ---- sizes, binding and sorting ---------------------------------------------- */

/* What a cell of each column is sized for (VlTextCell): every text an
 * enum column can show, some digits, a fair share of a title. A line is as
 * tall as the font's: a taller fallback font (Chinese) draws into the
 * cell's padding, which is not clipped. */
static const char *const *
column_samples (const Column *c)
{
  static const char *digits[] = { "000000", NULL }, *number[] = { "00000", NULL }, *score[] = { "000.0", NULL },
                    *date[] = { "0000-00-00", NULL }, *title[] = { "nnnnnnnnnnnnnnnnnnnnnnnn", NULL },
                    *ref[] = { "nnnnnnnnnnnnnnnnnn", NULL }, *p1[] = { NULL, NULL };
  static GHashTable *enums;   /* field → GStrv of its labels and "—" */
  GPtrArray *labels;

  switch (c->show)
    {
    case SHOW_RANK:
      return digits;
    case SHOW_NUMBER:
      return number;
    case SHOW_SCORE:
      return score;
    case SHOW_REF:
      return ref;
    case SHOW_BOOL:
      p1[0] = vl_p1_state_tag (VL_P1_AT_RISK);
      return p1;
    case SHOW_TEXT:
      return g_str_equal (c->field, "title") ? title : date;
    case SHOW_ENUM:
    default:
      break;
    }
  if (enums == NULL)
    enums = g_hash_table_new (g_str_hash, g_str_equal);
  if ((labels = g_hash_table_lookup (enums, c->field)) == NULL)
    {
      labels = g_ptr_array_new ();
      for (guint v = 0; v < vl_enum_n_values (c->field); v++)
        if (vl_enum_label (c->field, (int) v) != NULL)
          g_ptr_array_add (labels, (gpointer) vl_enum_label (c->field, (int) v));
      g_ptr_array_add (labels, (gpointer) "—");
      g_ptr_array_add (labels, NULL);
      g_hash_table_insert (enums, (gpointer) c->field, labels);
    }
  return (const char *const *) labels->pdata;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          const Column             *c)
{
  gboolean numeric = c->show == SHOW_NUMBER || c->show == SHOW_RANK || c->show == SHOW_SCORE;
  GtkWidget *child;

  g_object_set_qdata (G_OBJECT (list_item), column_quark, (gpointer) c);
  g_object_set_qdata (G_OBJECT (list_item), columns_quark, g_object_get_qdata (G_OBJECT (factory), columns_quark));
  /* Titles are edited in the item panel (F2), so a click only selects.
   * Short values are never cut; references get a fair width and end in an
   * ellipsis; the title takes what is left. */
  child = vl_text_cell_new (column_samples (c), numeric ? 1.0f : 0.0f);
  vl_text_cell_set_numeric (VL_TEXT_CELL (child), numeric);
  if (c->show == SHOW_RANK)
    gtk_widget_add_css_class (child, "dim-label");
  g_object_set_qdata (G_OBJECT (child), list_item_quark, list_item);
  gtk_list_item_set_child (list_item, child);
}

/* A cell follows the item its row shows (which changes when a search or
 * sort fills the rows anew) and that item's field, through the row's
 * slot. */
static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         const Column             *c)
{
  vl_row_slot_watch (gtk_list_item_get_item (list_item), list_item, row_changed_cb);
  if (is_title (c))
    g_hash_table_add (cell_columns (list_item)->title_items, list_item);
  if (c->show == SHOW_RANK)
    {
      gulong id = g_signal_connect_swapped (list_item, "notify::position", G_CALLBACK (update_cell), list_item);

      g_object_set_qdata (G_OBJECT (list_item), position_handler_quark, GSIZE_TO_POINTER (id));
    }
  update_cell (list_item);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           const Column             *c)
{
  if (is_title (c))
    {
      VlBacklogColumns *self = cell_columns (list_item);

      if (vl_title_editor_get_list_item (self->editor) == list_item)
        vl_title_editor_finish (self->editor, TRUE);
      g_hash_table_remove (self->title_items, list_item);
    }
  if (gtk_list_item_get_item (list_item) != NULL)
    vl_row_slot_unwatch (gtk_list_item_get_item (list_item), list_item);
  if (c->show == SHOW_RANK)
    {
      gulong id = GPOINTER_TO_SIZE (g_object_steal_qdata (G_OBJECT (list_item), position_handler_quark));

      if (id != 0)
        g_signal_handler_disconnect (list_item, id);
    }
}

/* Which column the column view sorts by, and which way. GTK 4.8 has no
 * getter for it (gtk_column_view_sorter_get_primary_sort_column() is 4.10),
 * so its sorter is asked to compare a probe: it asks the primary column's
 * sorter first, which answers "smaller" and says which column it is; the
 * answer comes back inverted when the column sorts descending. The rows
 * are then sorted in the core's index (collation keys made once, no row
 * objects), not by a GtkSortListModel. */
static const Column *probed_column;

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      column)
{
  probed_column = column;
  return GTK_ORDERING_SMALLER;
}

/* The column the list is sorted by (NULL: rank order) and its direction. */
static const Column *
sorted_by (VlBacklogColumns *self,
           gboolean         *descending)
{
  static GObject *probe[2];   /* two: a sorter takes an item as equal to itself */
  GtkOrdering order;

  if (probe[0] == NULL)
    {
      probe[0] = g_object_new (G_TYPE_OBJECT, NULL);
      probe[1] = g_object_new (G_TYPE_OBJECT, NULL);
    }
  probed_column = NULL;
  order = gtk_sorter_compare (gtk_column_view_get_sorter (self->view), probe[0], probe[1]);
  *descending = order == GTK_ORDERING_LARGER;
  return order == GTK_ORDERING_EQUAL ? NULL : probed_column;
}

/* A column's name in the core's sort and in saved views. */
static const char *
sort_id (const Column *c)
{
  return c->show == SHOW_RANK ? "rank" : c->show == SHOW_SCORE ? "score" : c->field;
}

/**
 * vl_backlog_columns_apply_sort:
 *
 * Sorts the search's rows as the column view says (its headers), in the
 * core's index.
 */
void
vl_backlog_columns_apply_sort (VlBacklogColumns *self)
{
  gboolean descending;
  const Column *c;

  g_return_if_fail (VL_IS_BACKLOG_COLUMNS (self));
  if (self->search == NULL || self->view == NULL)
    return;
  c = sorted_by (self, &descending);
  vl_item_search_set_sort (self->search, c != NULL ? sort_id (c) : NULL, c != NULL && descending);
}

/* ---- which columns show ------------------------------------------------- */

#define HIDDEN_KEY "backlog-hidden-columns"

/* A column's name in actions and settings; NULL for the two that always
 * show (rank and title). */
static const char *
column_id (const Column *c)
{
  if (c->show == SHOW_RANK || g_strcmp0 (c->field, "title") == 0)
    return NULL;
  return c->field != NULL ? c->field : "score";
}

/* The columns follow the setting (also when another window changed it). */
static void
apply_hidden_columns (VlBacklogColumns *self)
{
  g_auto(GStrv) hidden = g_settings_get_strv (self->settings, HIDDEN_KEY);
  GListModel *list = gtk_column_view_get_columns (self->view);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      const char *id = column_id (&columns[i]);
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (list, i);
      gboolean shown = id == NULL || !g_strv_contains ((const char *const *) hidden, id);
      GAction *action = id ? g_action_map_lookup_action (G_ACTION_MAP (self->actions), id) : NULL;

      gtk_column_view_column_set_visible (column, shown);
      if (action != NULL)
        g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (shown));
    }
}

static void
show_column_cb (GSimpleAction    *action,
                GVariant         *state,
                VlBacklogColumns *self)
{
  g_auto(GStrv) hidden = g_settings_get_strv (self->settings, HIDDEN_KEY);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *id = g_action_get_name (G_ACTION (action));
  g_auto(GStrv) now = NULL;

  for (guint i = 0; hidden[i] != NULL; i++)
    if (!g_str_equal (hidden[i], id))
      g_strv_builder_add (builder, hidden[i]);
  if (!g_variant_get_boolean (state))
    g_strv_builder_add (builder, id);
  now = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, HIDDEN_KEY, (const char *const *) now);
  apply_hidden_columns (self);
}

/* One checkable action per column that can be hidden, and a menu of them
 * (each column header's menu, and the window's primary menu). */
static void
add_column_actions (VlBacklogColumns *self)
{
  GMenu *section = g_menu_new ();

  self->actions = g_simple_action_group_new ();
  self->menu = g_menu_new ();
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      const char *id = column_id (&columns[i]);
      g_autoptr(GSimpleAction) action = NULL;
      g_autofree char *detailed = NULL;

      if (id == NULL)
        continue;
      action = g_simple_action_new_stateful (id, NULL, g_variant_new_boolean (TRUE));
      g_signal_connect (action, "change-state", G_CALLBACK (show_column_cb), self);
      g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (action));
      detailed = g_strconcat ("columns.", id, NULL);
      g_menu_append (section, _(columns[i].title), detailed);
    }
  g_menu_append_section (self->menu, _("Show Columns"), G_MENU_MODEL (section));
  g_object_unref (section);
  g_signal_connect_swapped (self->settings, "changed::" HIDDEN_KEY, G_CALLBACK (apply_hidden_columns), self);
}

static void
add_columns (VlBacklogColumns *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_qdata (G_OBJECT (factory), columns_quark, self);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), (gpointer) &columns[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), (gpointer) &columns[i]);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), (gpointer) &columns[i]);
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      {
        g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, (gpointer) &columns[i],
                                                                          NULL));

        gtk_column_view_column_set_sorter (column, sorter);
      }
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_header_menu (column, G_MENU_MODEL (self->menu));
      gtk_column_view_append_column (self->view, column);
      g_object_unref (column);
    }
  apply_hidden_columns (self);
}

/* ---- public ------------------------------------------------------------- */

GActionGroup *
vl_backlog_columns_get_actions (VlBacklogColumns *self)
{
  g_return_val_if_fail (VL_IS_BACKLOG_COLUMNS (self), NULL);
  return G_ACTION_GROUP (self->actions);
}

GMenuModel *
vl_backlog_columns_get_menu (VlBacklogColumns *self)
{
  g_return_val_if_fail (VL_IS_BACKLOG_COLUMNS (self), NULL);
  return G_MENU_MODEL (self->menu);
}

/* The rows shown (their ranks, and what the headers sort). */
void
vl_backlog_columns_set_search (VlBacklogColumns *self,
                               VlItemSearch     *search)
{
  g_return_if_fail (VL_IS_BACKLOG_COLUMNS (self));
  g_set_object (&self->search, search);
  vl_backlog_columns_apply_sort (self);
}

/* The column the list is sorted by ("rank", "score" or a field), or %NULL
 * for rank order. */
const char *
vl_backlog_columns_get_sort (VlBacklogColumns *self,
                             gboolean         *descending)
{
  const Column *c;

  g_return_val_if_fail (VL_IS_BACKLOG_COLUMNS (self), NULL);
  c = sorted_by (self, descending);
  return c != NULL ? sort_id (c) : NULL;
}

/* Sorts by @column ("rank", "score" or a field; %NULL: rank order). */
void
vl_backlog_columns_sort_by (VlBacklogColumns *self,
                            const char       *column,
                            gboolean          descending)
{
  GListModel *shown;

  g_return_if_fail (VL_IS_BACKLOG_COLUMNS (self));
  shown = gtk_column_view_get_columns (self->view);
  gtk_column_view_sort_by_column (self->view, NULL, GTK_SORT_ASCENDING);
  for (guint i = 0; column != NULL && i < G_N_ELEMENTS (columns); i++)
    if (g_strcmp0 (sort_id (&columns[i]), column) == 0)
      {
        g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (shown, i);

        gtk_column_view_sort_by_column (self->view, c, descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
      }
}

/* The ids of the hidden columns (a setting of this user's). */
char **
vl_backlog_columns_dup_hidden (VlBacklogColumns *self)
{
  g_return_val_if_fail (VL_IS_BACKLOG_COLUMNS (self), NULL);
  return g_settings_get_strv (self->settings, HIDDEN_KEY);
}

void
vl_backlog_columns_set_hidden (VlBacklogColumns  *self,
                               const char *const *hidden)
{
  g_return_if_fail (VL_IS_BACKLOG_COLUMNS (self));
  g_settings_set_strv (self->settings, HIDDEN_KEY, hidden);
}

/**
 * vl_backlog_columns_edit_title:
 *
 * Edits the title of the item at @position in its row, if the row is bound.
 */
gboolean
vl_backlog_columns_edit_title (VlBacklogColumns *self,
                               guint             position)
{
  GHashTableIter iter;
  gpointer key;
  GtkListItem *list_item = NULL;
  VlRecord *record;

  g_return_val_if_fail (VL_IS_BACKLOG_COLUMNS (self), FALSE);
  if (vl_title_editor_get_list_item (self->editor) != NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, self->title_items);
  while (list_item == NULL && g_hash_table_iter_next (&iter, &key, NULL))
    if (gtk_list_item_get_position (key) == position)
      list_item = key;
  if (list_item == NULL || (record = row_record (list_item)) == NULL)
    return FALSE;
  return vl_title_editor_start (self->editor, list_item, record);
}

/* Writes a title being edited in place. */
void
vl_backlog_columns_finish_editing (VlBacklogColumns *self)
{
  g_return_if_fail (VL_IS_BACKLOG_COLUMNS (self));
  vl_title_editor_finish (self->editor, TRUE);
}

gboolean
vl_backlog_columns_get_editing (VlBacklogColumns *self)
{
  g_return_val_if_fail (VL_IS_BACKLOG_COLUMNS (self), FALSE);
  return vl_title_editor_get_list_item (self->editor) != NULL;
}

/* The item of the row at (@x, @y) in the column view, and whether the
 * point is in the row's lower half (a drop there goes below it). */
VlRecord *
vl_backlog_columns_item_at (VlBacklogColumns *self,
                            double            x,
                            double            y,
                            gboolean         *lower_half)
{
  GtkWidget *view = GTK_WIDGET (self->view);
  GtkWidget *w = gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT);
  GtkListItem *list_item = NULL;
  double cx, cy;

  g_return_val_if_fail (VL_IS_BACKLOG_COLUMNS (self), NULL);
  for (; w != NULL && w != view && list_item == NULL; )
    if ((list_item = g_object_get_qdata (G_OBJECT (w), list_item_quark)) == NULL)
      w = gtk_widget_get_parent (w);
  if (list_item == NULL || !gtk_widget_translate_coordinates (view, w, x, y, &cx, &cy))
    return NULL;
  if (lower_half != NULL)
    *lower_half = cy > gtk_widget_get_height (w) / 2.0;
  return row_record (list_item);
}

/* ---- GObject ------------------------------------------------------------- */

static void
editor_finished_cb (VlTitleEditor *editor,
                    GtkListItem   *list_item,
                    gpointer       data)
{
  update_cell (list_item);
}

static void
editing_cb (VlBacklogColumns *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
}

static void
vl_backlog_columns_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_EDITING:
      g_value_set_boolean (value, vl_backlog_columns_get_editing (VL_BACKLOG_COLUMNS (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_backlog_columns_dispose (GObject *object)
{
  VlBacklogColumns *self = VL_BACKLOG_COLUMNS (object);

  if (self->editor != NULL)
    vl_title_editor_finish (self->editor, TRUE);
  /* The column view drops its sort as it goes. */
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->view), self);
  g_clear_weak_pointer (&self->view);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  if (self->actions != NULL)
    {
      g_auto(GStrv) names = g_action_group_list_actions (G_ACTION_GROUP (self->actions));

      for (guint i = 0; names[i] != NULL; i++)
        g_signal_handlers_disconnect_by_data (g_action_map_lookup_action (G_ACTION_MAP (self->actions), names[i]),
                                              self);
    }
  g_clear_object (&self->actions);
  g_clear_object (&self->menu);
  g_clear_object (&self->editor);
  g_clear_object (&self->search);
  g_clear_pointer (&self->title_items, g_hash_table_unref);

  G_OBJECT_CLASS (vl_backlog_columns_parent_class)->dispose (object);
}

static void
vl_backlog_columns_class_init (VlBacklogColumnsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  column_quark = g_quark_from_static_string ("vl-column");
  columns_quark = g_quark_from_static_string ("vl-backlog-columns");
  list_item_quark = g_quark_from_static_string ("vl-list-item");
  position_handler_quark = g_quark_from_static_string ("vl-position-handler");
  object_class->dispose = vl_backlog_columns_dispose;
  object_class->get_property = vl_backlog_columns_get_property;
  /**
   * VlBacklogColumns:editing:
   *
   * Whether a title is being edited in place.
   */
  properties[PROP_EDITING] = g_param_spec_boolean ("editing", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                   G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vl_backlog_columns_init (VlBacklogColumns *self)
{
  self->title_items = g_hash_table_new (NULL, NULL);
}

/**
 * vl_backlog_columns_new:
 * @view: the column view to fill (its columns, their menus and sort)
 * @settings: the application's settings (which columns are hidden)
 */
VlBacklogColumns *
vl_backlog_columns_new (GtkColumnView *view,
                        GSettings     *settings)
{
  VlBacklogColumns *self = g_object_new (VL_TYPE_BACKLOG_COLUMNS, NULL);

  g_set_weak_pointer (&self->view, view);
  self->settings = g_object_ref (settings);
  self->editor = vl_title_editor_new (GTK_WIDGET (view));
  g_signal_connect (self->editor, "finished", G_CALLBACK (editor_finished_cb), NULL);
  g_signal_connect_object (self->editor, "notify::editing", G_CALLBACK (editing_cb), self, G_CONNECT_SWAPPED);
  add_column_actions (self);
  add_columns (self);
  g_signal_connect_swapped (gtk_column_view_get_sorter (view), "changed",
                            G_CALLBACK (vl_backlog_columns_apply_sort), self);
  return self;
}
