/* vl-backlog-page.c — backlogs on the left, the ranked items of one on the right
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-backlog-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "vl-actions.h"
#include "vl-backlog-page.h"
#include "vl-toast.h"
#include "vl-okr.h"
#include "vl-value.h"
#include "vl-enums.h"
#include "vl-item-search.h"
#include "vl-labels.h"
#include "vl-item-panel.h"
#include "vl-item-selection.h"
#include "vl-text-cell.h"
#include "vl-view-list.h"

#include <json-glib/json-glib.h>

struct _VlBacklogPage
{
  GtkWidget           parent_instance;

  GtkPaned           *paned;
  GtkListView        *backlog_list;
  VlViewList         *view_list;
  GtkStack           *content;
  GtkColumnView      *column_view;
  GtkPaned           *detail_paned;
  VlItemPanel        *item_panel;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *status_filter;
  GtkDropDown        *moscow_filter;
  GtkDropDown        *aarrr_filter;
  GtkToggleButton    *p1_filter;
  GtkMenuButton      *alignment_button;
  GtkDropDown        *ref_filters[3];   /* key result, value loop, iteration */
  guint               choices_id;       /* rebuilding the lists of choices */
  GtkLabel           *match_count;
  GtkWidget          *filter_bar;
  AdwStatusPage      *empty_page;
  GtkMenuButton      *bulk_button;
  GtkButton          *empty_button;
  GSettings          *settings;
  GHashTable         *title_items;      /* the title column's bound list items */
  GtkListItem        *editing;          /* the title cell being edited in place */
  GtkWidget          *editing_cell;     /* its VlTextCell, while a text field is shown */
  VlRecord           *editing_record;
  char               *editing_from;     /* the title when editing began */
  guint               edit_idle;
  guint               leave_idle;       /* the field lost the focus: write */
  GSimpleActionGroup *column_actions;   /* "columns.<id>": show or hide a column */
  GMenu              *column_menu;
  VlItemSearch       *filtered;     /* searched and filtered, in rank order */
  GListModel         *sorted;       /* what the list shows (filtered, sorted by the core) */

  VlDocument         *document;
  GtkSingleSelection *backlogs;    /* of VlBacklog */
  GListModel         *items;       /* the selected backlog's items, in rank order */
  VlItemSelection    *selection;
};

G_DEFINE_FINAL_TYPE (VlBacklogPage, vl_backlog_page, VL_TYPE_PAGE)

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

/* The item's rank in its whole backlog, also when a search or filter
 * shows only some of the items. */
static guint
backlog_rank (GtkListItem *list_item,
              VlRecord    *item)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  VlBacklogPage *page = VL_BACKLOG_PAGE (gtk_widget_get_ancestor (cell, VL_TYPE_BACKLOG_PAGE));

  if (page == NULL || page->filtered == NULL)
    return gtk_list_item_get_position (list_item) + 1;
  return vl_item_search_get_rank_at (page->filtered, gtk_list_item_get_position (list_item));
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
static GQuark column_quark, list_item_quark, position_handler_quark, page_quark;

static const Column *
cell_column (GtkListItem *list_item)
{
  return g_object_get_qdata (G_OBJECT (list_item), column_quark);
}

static VlBacklogPage *
cell_page (GtkListItem *list_item)
{
  return g_object_get_qdata (G_OBJECT (list_item), page_quark);
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

/* ---- editing a title in place (F2, a new item) -------------------------- */

static gboolean
is_title (const Column *c)
{
  return g_strcmp0 (c->field, "title") == 0;
}

static gboolean
drop_later_cb (gpointer object)
{
  g_object_unref (object);
  return G_SOURCE_REMOVE;
}

/* The title cell gives way to a text field, made for the edit only. Enter
 * or leaving the field writes the title (if it was changed), Escape leaves
 * it as it was; if the row shows another item meanwhile (a merge moved the
 * rows), what was typed goes to the item it was typed for. */
static void
finish_editing (VlBacklogPage *self,
                gboolean       write)
{
  GtkListItem *list_item = self->editing;
  g_autoptr(GtkWidget) cell = g_steal_pointer (&self->editing_cell);
  g_autoptr(VlRecord) record = g_steal_pointer (&self->editing_record);
  g_autofree char *from = g_steal_pointer (&self->editing_from);
  GtkWidget *text;
  g_autofree char *typed = NULL;
  gboolean had_focus;

  g_clear_handle_id (&self->leave_idle, g_source_remove);
  if (list_item == NULL)
    return;
  self->editing = NULL;   /* once: removing the field makes it lose the focus */
  text = gtk_list_item_get_child (list_item);
  /* The field may be in the middle of its own signal (activate, a key):
   * it goes once the main loop is back. */
  g_idle_add (drop_later_cb, g_object_ref (text));
  typed = g_strdup (gtk_editable_get_text (GTK_EDITABLE (text)));
  had_focus = gtk_widget_has_focus (text) || gtk_widget_get_focus_child (text) != NULL;
  gtk_list_item_set_child (list_item, cell);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
  if (write && g_strcmp0 (typed, from) != 0)
    g_object_set (record, "title", typed, NULL);
  update_cell (list_item);
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
edit_activate_cb (GtkText       *text,
                  VlBacklogPage *self)
{
  finish_editing (self, TRUE);
}

static gboolean
finish_editing_idle (gpointer data)
{
  VlBacklogPage *self = data;

  self->leave_idle = 0;
  finish_editing (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* Not at once: GTK is still moving the focus out of the field. A field
 * that lost the focus because the edit ended (and it went) is no longer
 * the one being edited, and must not end the next edit. */
static void
edit_leave_cb (GtkEventControllerFocus *focus,
               VlBacklogPage           *self)
{
  GtkWidget *text = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus));

  if (self->editing != NULL && gtk_list_item_get_child (self->editing) == text && self->leave_idle == 0)
    self->leave_idle = g_idle_add (finish_editing_idle, self);
}

static gboolean
edit_key_cb (GtkEventControllerKey *keys,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             VlBacklogPage         *self)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  finish_editing (self, FALSE);
  return TRUE;
}

/* Starts editing the title of the item at @position, if its row is bound. */
static gboolean
start_editing (VlBacklogPage *self,
               guint          position)
{
  GHashTableIter iter;
  gpointer key;
  GtkListItem *list_item = NULL;
  GtkEventController *focus, *keys;
  GtkWidget *text;
  VlRecord *record;

  if (self->editing != NULL || self->title_items == NULL)
    return self->editing != NULL;
  g_hash_table_iter_init (&iter, self->title_items);
  while (list_item == NULL && g_hash_table_iter_next (&iter, &key, NULL))
    if (gtk_list_item_get_position (key) == position)
      list_item = key;
  if (list_item == NULL || (record = row_record (list_item)) == NULL)
    return FALSE;
  self->editing = list_item;
  self->editing_cell = g_object_ref (gtk_list_item_get_child (list_item));
  self->editing_record = g_object_ref (record);
  self->editing_from = g_strdup (vl_record_get_title (record));
  text = gtk_text_new ();
  gtk_editable_set_text (GTK_EDITABLE (text), self->editing_from);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title"), -1);
  g_signal_connect (text, "activate", G_CALLBACK (edit_activate_cb), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (edit_leave_cb), self);
  gtk_widget_add_controller (text, focus);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (edit_key_cb), self);
  gtk_widget_add_controller (text, keys);
  /* Typing goes to the field, not to the search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, NULL);
  gtk_list_item_set_child (list_item, text);
  gtk_widget_grab_focus (text);
  gtk_editable_select_region (GTK_EDITABLE (text), 0, -1);
  return TRUE;
}

/* The row shows another item (@pspec NULL), or a field of its item
 * changed. */
static void
row_changed_cb (gpointer    list_item,
                GParamSpec *pspec)
{
  const Column *c = cell_column (list_item);

  if (pspec == NULL && is_title (c) && cell_page (list_item)->editing == list_item)
    finish_editing (cell_page (list_item), TRUE);
  if (pspec == NULL || (c->field != NULL && g_str_equal (pspec->name, c->field)) ||
      (c->show == SHOW_SCORE && (g_str_equal (pspec->name, "cost") || g_str_equal (pspec->name, "user-value") ||
                                 g_str_equal (pspec->name, "business-value"))) ||
      /* P1 at risk or late: its status and month count too */
      (c->show == SHOW_BOOL && (g_str_equal (pspec->name, "status") || g_str_equal (pspec->name, "iteration"))))
    update_cell (list_item);
}

/* ---- ranking by drag and drop ---------------------------------------- */

/* One drag source and one drop target on the whole list (not two
 * controllers on each of the thousands of cells a list makes): the row is
 * the cell under the pointer, which knows its list item. */
static GtkWidget *
cell_at (GtkWidget   *view,
         double       x,
         double       y,
         GtkListItem **list_item)
{
  GtkWidget *w = gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT);

  for (; w != NULL && w != view; w = gtk_widget_get_parent (w))
    if ((*list_item = g_object_get_qdata (G_OBJECT (w), list_item_quark)) != NULL)
      return w;
  return NULL;
}

static GdkContentProvider *
row_drag_prepare_cb (GtkDragSource *source,
                     double         x,
                     double         y,
                     gpointer       data)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  GtkListItem *list_item = NULL;
  VlRecord *item;

  if (cell_at (view, x, y, &list_item) == NULL || (item = row_record (list_item)) == NULL)
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_STRING, vl_record_get_uuid (item));
}

/* Dropped on the upper half of a row: above it; else below. */
static gboolean
row_drop_cb (GtkDropTarget *target,
             const GValue  *value,
             double         x,
             double         y,
             VlBacklogPage *self)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  GtkListItem *list_item = NULL;
  GtkWidget *cell = cell_at (view, x, y, &list_item);
  VlRecord *onto = list_item ? row_record (list_item) : NULL;
  double cx, cy;

  if (onto == NULL || !G_VALUE_HOLDS_STRING (value) ||
      !gtk_widget_translate_coordinates (view, cell, x, y, &cx, &cy))
    return FALSE;
  return vl_backlog_page_drop_item (self, g_value_get_string (value), onto,
                                    cy > gtk_widget_get_height (cell) / 2.0);
}

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
  g_object_set_qdata (G_OBJECT (list_item), page_quark, g_object_get_qdata (G_OBJECT (factory), page_quark));
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
    g_hash_table_add (cell_page (list_item)->title_items, list_item);
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
      VlBacklogPage *page = cell_page (list_item);

      if (page->editing == list_item)
        finish_editing (page, TRUE);
      g_hash_table_remove (page->title_items, list_item);
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
sorted_by (VlBacklogPage *self,
           gboolean      *descending)
{
  static GObject *probe[2];   /* two: a sorter takes an item as equal to itself */
  GtkOrdering order;

  if (probe[0] == NULL)
    {
      probe[0] = g_object_new (G_TYPE_OBJECT, NULL);
      probe[1] = g_object_new (G_TYPE_OBJECT, NULL);
    }
  probed_column = NULL;
  order = gtk_sorter_compare (gtk_column_view_get_sorter (self->column_view), probe[0], probe[1]);
  *descending = order == GTK_ORDERING_LARGER;
  return order == GTK_ORDERING_EQUAL ? NULL : probed_column;
}

static void
apply_sort (VlBacklogPage *self)
{
  gboolean descending;
  const Column *c = sorted_by (self, &descending);
  GtkOrdering order = c == NULL ? GTK_ORDERING_EQUAL : descending ? GTK_ORDERING_LARGER : GTK_ORDERING_SMALLER;

  if (self->filtered == NULL)
    return;
  if (c == NULL || order == GTK_ORDERING_EQUAL)
    vl_item_search_set_sort (self->filtered, NULL, FALSE);
  else
    vl_item_search_set_sort (self->filtered,
                             c->show == SHOW_RANK ? "rank" : c->show == SHOW_SCORE ? "score" : c->field,
                             order == GTK_ORDERING_LARGER);
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
apply_hidden_columns (VlBacklogPage *self)
{
  g_auto(GStrv) hidden = g_settings_get_strv (self->settings, HIDDEN_KEY);
  GListModel *list = gtk_column_view_get_columns (self->column_view);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      const char *id = column_id (&columns[i]);
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (list, i);
      gboolean shown = id == NULL || !g_strv_contains ((const char *const *) hidden, id);
      GAction *action = id ? g_action_map_lookup_action (G_ACTION_MAP (self->column_actions), id) : NULL;

      gtk_column_view_column_set_visible (column, shown);
      if (action != NULL)
        g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (shown));
    }
}

static void
show_column_cb (GSimpleAction *action,
                GVariant      *state,
                VlBacklogPage *self)
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
add_column_actions (VlBacklogPage *self)
{
  GMenu *section = g_menu_new ();

  self->column_actions = g_simple_action_group_new ();
  self->column_menu = g_menu_new ();
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      const char *id = column_id (&columns[i]);
      g_autoptr(GSimpleAction) action = NULL;
      g_autofree char *detailed = NULL;

      if (id == NULL)
        continue;
      action = g_simple_action_new_stateful (id, NULL, g_variant_new_boolean (TRUE));
      g_signal_connect (action, "change-state", G_CALLBACK (show_column_cb), self);
      g_action_map_add_action (G_ACTION_MAP (self->column_actions), G_ACTION (action));
      detailed = g_strconcat ("columns.", id, NULL);
      g_menu_append (section, _(columns[i].title), detailed);
    }
  g_menu_append_section (self->column_menu, _("Show Columns"), G_MENU_MODEL (section));
  g_object_unref (section);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "columns", G_ACTION_GROUP (self->column_actions));
  g_signal_connect_swapped (self->settings, "changed::" HIDDEN_KEY, G_CALLBACK (apply_hidden_columns), self);
}

/**
 * vl_backlog_page_get_column_actions:
 *
 * Returns: (transfer none): the "columns" actions (one per column that can
 *   be hidden), for a window's menus
 */
GActionGroup *
vl_backlog_page_get_column_actions (VlBacklogPage *self)
{
  g_return_val_if_fail (VL_IS_BACKLOG_PAGE (self), NULL);
  return G_ACTION_GROUP (self->column_actions);
}

/**
 * vl_backlog_page_get_column_menu:
 *
 * Returns: (transfer none): a menu that shows or hides the columns
 */
GMenuModel *
vl_backlog_page_get_column_menu (VlBacklogPage *self)
{
  g_return_val_if_fail (VL_IS_BACKLOG_PAGE (self), NULL);
  return G_MENU_MODEL (self->column_menu);
}

static void
add_columns (VlBacklogPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_qdata (G_OBJECT (factory), page_quark, self);
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
      gtk_column_view_column_set_header_menu (column, G_MENU_MODEL (self->column_menu));
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
  apply_hidden_columns (self);
}

/* ---- the backlog sidebar ----------------------------------------------- */

static void
update_count (GListModel *items,
              guint       position,
              guint       removed,
              guint       added,
              GtkLabel   *count)
{
  g_autofree char *text = g_strdup_printf ("%u", g_list_model_get_n_items (items));

  gtk_label_set_text (count, text);
}

static void
backlog_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *count = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_item_set_child (list_item, box);
}

static void
backlog_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 VlBacklogPage            *self)
{
  VlRecord *backlog = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *count = gtk_widget_get_last_child (box);
  GListModel *items = vl_document_list (self->document, VL_KIND_ITEM, "backlog", backlog);

  g_object_bind_property (backlog, "name", name, "label", G_BINDING_SYNC_CREATE);
  update_count (items, 0, 0, 0, GTK_LABEL (count));
  g_signal_connect_object (items, "items-changed", G_CALLBACK (update_count), count, 0);
  g_object_set_data_full (G_OBJECT (list_item), "items", items, g_object_unref);
}

static void
backlog_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  data)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GListModel *items = g_object_get_data (G_OBJECT (list_item), "items");

  if (items != NULL)
    g_signal_handlers_disconnect_by_data (items, gtk_widget_get_last_child (box));
  g_object_set_data (G_OBJECT (list_item), "items", NULL);
}

static void update_match_count (VlBacklogPage *self);

static void update_match_count (VlBacklogPage *self);

/* The list, or a page saying what to do: create a backlog, add an item,
 * or search for something else. The filters and the item panel show only
 * when there are items to filter and show. */
static void update_panel (VlBacklogPage *self);

static void
update_content (VlBacklogPage *self)
{
  VlRecord *backlog = self->backlogs ? gtk_single_selection_get_selected_item (self->backlogs) : NULL;
  guint all = self->items ? g_list_model_get_n_items (self->items) : 0;
  guint shown = self->filtered ? g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) : 0;
  const char *title, *description;

  gtk_stack_set_visible_child_name (self->content, shown > 0 ? "items" : "empty");
  gtk_widget_set_visible (self->filter_bar, all > 0);
  update_panel (self);
  if (backlog == NULL)
    {
      title = _("No Backlog Yet");
      description = _("A backlog is one ranked list per product line or platform. "
                      "Press Ctrl+Shift+B to create one.");
    }
  else if (all == 0)
    {
      title = _("No Items Yet");
      description = _("Press Ctrl+N to add the first demand of this backlog.");
    }
  else
    {
      title = _("No Matching Items");
      description = _("No item of this backlog matches the search and filters.");
    }
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_button), all == 0);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->empty_button),
                                  backlog ? "backlog.new-item" : "backlog.new-backlog");
  gtk_button_set_label (self->empty_button, backlog ? _("_Add Item") : _("New _Backlog"));
  update_match_count (self);
}

static void
items_changed_cb (GListModel    *items,
                  guint          position,
                  guint          removed,
                  guint          added,
                  VlBacklogPage *self)
{
  update_content (self);
}

/* ---- search and filters ------------------------------------------------ */

/* Position 0 of a filter drop-down is "any": -1; position n is value n - 1. */
static int
enum_choice (GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected - 1;
}

static void
update_match_count (VlBacklogPage *self)
{
  g_autofree char *text = NULL;
  guint shown = self->filtered ? g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) : 0;
  guint all = self->items ? g_list_model_get_n_items (self->items) : 0;

  /* Translators: items shown of the items in the backlog */
  text = self->filtered && vl_item_search_get_active (self->filtered)
         ? g_strdup_printf (_("%u of %u"), shown, all) : g_strdup_printf ("%u", all);
  gtk_label_set_text (self->match_count, text);
}

/* The alignment filters: what an item serves, joins or is planned in. */
static const struct
{
  const char *field;
  VlKind      kind;
  const char *any;
} ref_filters[] = {
  { "key-result", VL_KIND_KEY_RESULT, N_("Any Key Result") },
  { "value-loop", VL_KIND_VALUE_LOOP, N_("Any Value Loop") },
  { "iteration", VL_KIND_ITERATION, N_("Any Iteration") },
};

/* Position 0 of an alignment drop-down is "any" (-1), 1 "not set" (0),
 * then the rows, whose ids the drop-down keeps. */
static gint64
ref_choice (GtkDropDown *dropdown)
{
  GArray *ids = g_object_get_data (G_OBJECT (dropdown), "ids");
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (ids == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return -1;
  if (selected == 1 || selected - 2 >= ids->len)
    return 0;
  return g_array_index (ids, gint64, selected - 2);
}

/* The alignment button says how many of its filters are on. */
static void
update_alignment_label (VlBacklogPage *self)
{
  guint on = 0;
  g_autofree char *label = NULL;

  for (guint r = 0; r < G_N_ELEMENTS (ref_filters); r++)
    on += ref_choice (self->ref_filters[r]) >= 0;
  /* Translators: the alignment filter button with %u filters on */
  label = on ? g_strdup_printf (_("Alignment (%u)"), on) : g_strdup (_("Alignment"));
  gtk_menu_button_set_label (self->alignment_button, label);
}

/* The search (folded in the core's index, not per keystroke per item)
 * and the filters, applied to the list shown. */
static void
filter_changed_cb (VlBacklogPage *self)
{
  if (self->filtered == NULL)
    return;
  vl_item_search_set_text (self->filtered, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  vl_item_search_set_enum (self->filtered, "status", enum_choice (self->status_filter));
  vl_item_search_set_enum (self->filtered, "moscow", enum_choice (self->moscow_filter));
  vl_item_search_set_enum (self->filtered, "aarrr", enum_choice (self->aarrr_filter));
  vl_item_search_set_p1_only (self->filtered, gtk_toggle_button_get_active (self->p1_filter));
  for (guint r = 0; r < G_N_ELEMENTS (ref_filters); r++)
    vl_item_search_set_ref (self->filtered, ref_filters[r].field, ref_choice (self->ref_filters[r]));
  update_alignment_label (self);
  update_match_count (self);
}

/* "Any …", "Not Set", then every row of the kind by title, keeping the
 * row chosen before (rows come and go, and are renamed, as the plan is
 * edited and merged). */
static void
set_ref_choices (VlBacklogPage *self,
                 guint          r)
{
  GtkDropDown *dropdown = self->ref_filters[r];
  gint64 chosen = ref_choice (dropdown);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint select = 0;

  gtk_string_list_append (list, _(ref_filters[r].any));
  gtk_string_list_append (list, _("Not Set"));
  if (chosen == 0)
    select = 1;
  if (self->document != NULL)
    {
      g_autoptr(GListModel) rows = vl_document_list (self->document, ref_filters[r].kind, NULL, NULL);

      for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
        {
          g_autoptr(VlRecord) row = g_list_model_get_item (rows, i);
          gint64 id = vl_record_get_rowid (row);

          gtk_string_list_append (list, vl_record_get_title (row));
          g_array_append_val (ids, id);
          if (id == chosen)
            select = i + 2;
        }
    }
  g_object_set_data_full (G_OBJECT (dropdown), "ids", ids, (GDestroyNotify) g_array_unref);
  g_signal_handlers_block_by_func (dropdown, filter_changed_cb, self);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown, select);
  g_signal_handlers_unblock_by_func (dropdown, filter_changed_cb, self);
}

/* "Any …", then the set values of @field (position n is value n - 1,
 * so a field whose value 0 means "not set" offers it as "—"). */
static void
set_choices (GtkDropDown *dropdown,
             const char  *any,
             const char  *field)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, any);
  for (guint i = 0; i < vl_enum_n_values (field); i++)
    gtk_string_list_append (list, vl_enum_label (field, (int) i) ? vl_enum_label (field, (int) i) : "—");
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
}

/* The panel shows the item when exactly one is selected (and F9 has not
 * hidden it); with nothing to show it takes no room: the titles get it. */
static void
update_panel (VlBacklogPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->item_panel), vl_item_panel_get_item (self->item_panel) != NULL &&
                                                         vl_page_get_show_details (VL_PAGE (self)));
}

static void
selection_changed_cb (GtkSelectionModel *selection,
                      guint              position,
                      guint              n_items,
                      VlBacklogPage     *self)
{
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (selection);
  g_autoptr(VlRecord) item = NULL;

  if (gtk_bitset_get_size (set) == 1)
    item = g_list_model_get_item (G_LIST_MODEL (self->sorted), gtk_bitset_get_minimum (set));
  vl_item_panel_set_item (self->item_panel, item);
  update_panel (self);
}

/* Which of the page's actions can run: the one place that says (the
 * others check the selection when they run). */
static void
update_actions (VlBacklogPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backlog.new-item", self->items != NULL);
}

static void
show_backlog (VlBacklogPage *self)
{
  VlRecord *backlog = self->backlogs ? gtk_single_selection_get_selected_item (self->backlogs) : NULL;

  if (self->filtered != NULL)
    g_signal_handlers_disconnect_by_data (self->filtered, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->items);
  if (backlog != NULL)
    {
      self->items = vl_document_list (self->document, VL_KIND_ITEM, "backlog", backlog);
      self->filtered = vl_item_search_new (self->document, self->items);
      filter_changed_cb (self);
      g_signal_connect (self->filtered, "items-changed", G_CALLBACK (items_changed_cb), self);
      apply_sort (self);
      self->sorted = g_object_ref (G_LIST_MODEL (self->filtered));
      self->selection = vl_item_selection_new (self->document, self->filtered);
      g_signal_connect (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
    }
  vl_item_panel_set_item (self->item_panel, NULL);
  update_panel (self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  update_content (self);
  update_actions (self);
}

static GMenuModel *bulk_menu (VlDocument *document);

/* The choices that list the plan's rows: alignment filters and bulk edit. */
static void
rebuild_choices (VlBacklogPage *self)
{
  g_autoptr(GMenuModel) menu = bulk_menu (self->document);

  g_clear_handle_id (&self->choices_id, g_source_remove);
  for (guint r = 0; r < G_N_ELEMENTS (ref_filters); r++)
    set_ref_choices (self, r);
  gtk_menu_button_set_menu_model (self->bulk_button, menu);
  filter_changed_cb (self);
}

static gboolean
rebuild_choices_cb (gpointer data)
{
  VlBacklogPage *self = data;

  self->choices_id = 0;
  rebuild_choices (self);
  return G_SOURCE_REMOVE;
}

/* The rows the filters and the item panel offer as choices. */
static const char *const choice_rows[] = {
  "rows-changed::key_result", "rows-changed::value_loop", "rows-changed::iteration",
  "rows-changed::backlog",
};

static void
rows_changed_cb (VlDocument    *document,
                 guint          kind,
                 GPtrArray     *records,
                 VlBacklogPage *self)
{
  if ((kind == VL_KIND_KEY_RESULT || kind == VL_KIND_VALUE_LOOP || kind == VL_KIND_ITERATION ||
       kind == VL_KIND_BACKLOG) && self->choices_id == 0)
    self->choices_id = g_idle_add (rebuild_choices_cb, self);
}

static void
backlog_page_load (VlPage     *page,
                   VlDocument *document)
{
  VlBacklogPage *self = VL_BACKLOG_PAGE (page);

  g_set_object (&self->document, document);
  for (guint r = 0; r < G_N_ELEMENTS (ref_filters); r++)
    gtk_drop_down_set_selected (self->ref_filters[r], 0);
  rebuild_choices (self);
  g_clear_object (&self->backlogs);
  if (document != NULL)
    {
      self->backlogs = gtk_single_selection_new (vl_document_list (document, VL_KIND_BACKLOG, NULL, NULL));
      g_signal_connect_swapped (self->backlogs, "notify::selected-item", G_CALLBACK (show_backlog), self);
    }
  gtk_list_view_set_model (self->backlog_list, GTK_SELECTION_MODEL (self->backlogs));
  vl_view_list_set_document (self->view_list, document);
  show_backlog (self);
}

void
vl_backlog_page_select_backlog (VlBacklogPage *self,
                                guint          position)
{
  g_return_if_fail (VL_IS_BACKLOG_PAGE (self));
  if (self->backlogs != NULL)
    gtk_single_selection_set_selected (self->backlogs, position);
}

/* The backlog shown, or NULL before the page loads or in an empty plan. */
VlRecord *
vl_backlog_page_dup_backlog (VlBacklogPage *self)
{
  g_return_val_if_fail (VL_IS_BACKLOG_PAGE (self), NULL);
  if (self->backlogs == NULL)
    return NULL;
  return gtk_single_selection_get_selected_item (self->backlogs) != NULL
    ? g_object_ref (gtk_single_selection_get_selected_item (self->backlogs)) : NULL;
}

/* The items shown: the selected backlog's, searched, filtered, sorted. */
GListModel *
vl_backlog_page_get_items (VlBacklogPage *self)
{
  g_return_val_if_fail (VL_IS_BACKLOG_PAGE (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

GtkColumnView *
vl_backlog_page_get_column_view (VlBacklogPage *self)
{
  g_return_val_if_fail (VL_IS_BACKLOG_PAGE (self), NULL);
  return self->column_view;
}

GtkWidget *
vl_backlog_page_get_item_panel (VlBacklogPage *self)
{
  g_return_val_if_fail (VL_IS_BACKLOG_PAGE (self), NULL);
  return GTK_WIDGET (self->item_panel);
}

/* For tests: "search", "status", "moscow", "aarrr", "p1", "key-result",
 * "value-loop", "iteration", "alignment" (the button) or "count". */
GtkWidget *
vl_backlog_page_get_filter_widget (VlBacklogPage *self,
                                   const char    *name)
{
  g_return_val_if_fail (VL_IS_BACKLOG_PAGE (self), NULL);
  if (g_str_equal (name, "search"))
    return GTK_WIDGET (self->search_entry);
  if (g_str_equal (name, "status"))
    return GTK_WIDGET (self->status_filter);
  if (g_str_equal (name, "moscow"))
    return GTK_WIDGET (self->moscow_filter);
  if (g_str_equal (name, "aarrr"))
    return GTK_WIDGET (self->aarrr_filter);
  if (g_str_equal (name, "p1"))
    return GTK_WIDGET (self->p1_filter);
  for (guint r = 0; r < G_N_ELEMENTS (ref_filters); r++)
    if (g_str_equal (name, ref_filters[r].field))
      return GTK_WIDGET (self->ref_filters[r]);
  if (g_str_equal (name, "alignment"))
    return GTK_WIDGET (self->alignment_button);
  return GTK_WIDGET (self->match_count);
}

GtkSelectionModel *
vl_backlog_page_get_selection (VlBacklogPage *self)
{
  g_return_val_if_fail (VL_IS_BACKLOG_PAGE (self), NULL);
  return GTK_SELECTION_MODEL (self->selection);
}

/* ---- actions ----------------------------------------------------------- */

static int
first_selected (VlBacklogPage *self)
{
  g_autoptr(GtkBitset) set = NULL;

  if (self->selection == NULL)
    return -1;
  set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  return gtk_bitset_is_empty (set) ? -1 : (int) gtk_bitset_get_minimum (set);
}

static gboolean edit_new_item_cb (gpointer data);

/* A new item goes below the selection (at the end when none); its title
 * is then edited in its row. */
static void
new_item_action (GtkWidget *widget, const char *name, GVariant *param)
{
  VlBacklogPage *self = VL_BACKLOG_PAGE (widget);
  VlRecord *backlog = gtk_single_selection_get_selected_item (self->backlogs);
  int sel = first_selected (self);
  g_autoptr(VlRecord) prev = sel >= 0 ? g_list_model_get_item (G_LIST_MODEL (self->sorted), (guint) sel) : NULL;
  g_autoptr(VlRecord) next = NULL;
  g_autoptr(VlRecord) item = NULL;
  g_autoptr(GError) error = NULL;
  guint position;

  if (backlog == NULL)
    return;
  /* Below the selection in rank order, whatever the view is sorted by. */
  for (guint i = 0; prev != NULL && i < g_list_model_get_n_items (self->items); i++)
    {
      g_autoptr(VlRecord) r = g_list_model_get_item (self->items, i);

      if (r == prev)
        {
          next = g_list_model_get_item (self->items, i + 1);
          break;
        }
    }
  vl_document_begin (self->document, _("Add Item"));
  item = vl_document_insert (self->document, VL_KIND_ITEM, backlog, prev,
                             prev != NULL && next == NULL ? NULL : next, &error);
  if (item != NULL && prev != NULL && next == NULL)
    vl_document_move (self->document, item, backlog, prev, NULL, &error);
  if (item != NULL)
    g_object_set (item, "title", _("New item"), NULL);
  if (!vl_document_commit (self->document, &error) || item == NULL)
    {
      vl_toast (GTK_WIDGET (self), error->message, FALSE);
      return;
    }
  for (position = 0; position < g_list_model_get_n_items (G_LIST_MODEL (self->sorted)); position++)
    {
      g_autoptr(VlRecord) r = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

      if (r == item)
        break;
    }
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  if (self->edit_idle == 0)
    self->edit_idle = g_idle_add (edit_new_item_cb, self);
}

static void
delete_action (GtkWidget *widget, const char *name, GVariant *param)
{
  VlBacklogPage *self = VL_BACKLOG_PAGE (widget);
  g_autoptr(GtkBitset) set = NULL;
  g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GtkBitsetIter iter;
  guint pos;
  g_autofree char *text = NULL;

  if (self->selection == NULL)
    return;
  set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, set, &pos); ok; ok = gtk_bitset_iter_next (&iter, &pos))
    g_ptr_array_add (doomed, g_list_model_get_item (G_LIST_MODEL (self->sorted), pos));
  if (doomed->len == 0)
    return;
  vl_document_begin (self->document, _("Delete Items"));
  for (guint i = 0; i < doomed->len; i++)
    vl_document_delete (self->document, doomed->pdata[i], NULL);
  if (!vl_document_commit (self->document, &error))
    {
      vl_toast (GTK_WIDGET (self), error->message, FALSE);
      return;
    }
  text = doomed->len == 1
         ? g_strdup_printf (_("“%s” deleted"), vl_record_get_title (doomed->pdata[0]))
         : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item deleted", "%u items deleted",
                                         doomed->len), doomed->len);
  vl_toast (GTK_WIDGET (self), text, TRUE);
}

/* Alt+Up/Down: one place up or down; with Shift, to the top or bottom. */
static void
move_action (GtkWidget *widget, const char *name, GVariant *param)
{
  VlBacklogPage *self = VL_BACKLOG_PAGE (widget);
  VlRecord *backlog = gtk_single_selection_get_selected_item (self->backlogs);
  int sel = first_selected (self), n, target;
  gboolean up = g_str_has_suffix (name, "up") || g_str_has_suffix (name, "top");
  gboolean far = g_str_has_suffix (name, "top") || g_str_has_suffix (name, "bottom");
  g_autoptr(VlRecord) item = NULL, prev = NULL, next = NULL;
  g_autoptr(GError) error = NULL;

  if (sel < 0 || backlog == NULL)
    return;
  if (gtk_sorter_get_order (gtk_column_view_get_sorter (self->column_view)) != GTK_SORTER_ORDER_NONE)
    {
      vl_toast (GTK_WIDGET (self), _("The list is sorted by a column: press Ctrl+R for rank order, "
                                     "then rank"), FALSE);
      return;
    }
  n = (int) g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  target = far ? (up ? 0 : n - 1) : sel + (up ? -1 : 1);
  if (target < 0 || target >= n || target == sel)
    return;
  item = g_list_model_get_item (G_LIST_MODEL (self->sorted), (guint) sel);
  /* Between the neighbours of the target place, the item itself left out. */
  if (up)
    {
      prev = target > 0 ? g_list_model_get_item (G_LIST_MODEL (self->sorted), (guint) target - 1) : NULL;
      next = g_list_model_get_item (G_LIST_MODEL (self->sorted), (guint) target);
    }
  else
    {
      prev = g_list_model_get_item (G_LIST_MODEL (self->sorted), (guint) target);
      next = target + 1 < n ? g_list_model_get_item (G_LIST_MODEL (self->sorted), (guint) target + 1) : NULL;
    }
  vl_document_begin (self->document, _("Move Item"));
  if (!vl_document_move (self->document, item, backlog, prev, next, &error))
    vl_document_cancel (self->document);
  if (!vl_document_commit (self->document, NULL) && error != NULL)
    {
      vl_toast (GTK_WIDGET (self), error->message, FALSE);
      return;
    }
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), (guint) target, TRUE);
}

/**
 * vl_backlog_page_drop_item:
 * @uuid: the dragged item
 * @onto: the row it was dropped on
 * @below: dropped on the lower half of @onto
 *
 * Ranks the dragged item just above or below @onto (in the whole backlog,
 * whatever a search hides) and selects it: what dropping a dragged row
 * does. Refused, with a hint, while the list is sorted by a column.
 */
gboolean
vl_backlog_page_drop_item (VlBacklogPage *self,
                           const char    *uuid,
                           VlRecord      *onto,
                           gboolean       below)
{
  VlRecord *backlog = self->backlogs ? gtk_single_selection_get_selected_item (self->backlogs) : NULL;
  g_autoptr(VlRecord) item = NULL, prev = NULL, next = NULL;
  g_autoptr(GError) error = NULL;
  guint n, at = G_MAXUINT;

  g_return_val_if_fail (VL_IS_BACKLOG_PAGE (self), FALSE);
  if (backlog == NULL || self->document == NULL ||
      (item = vl_document_find (self->document, VL_KIND_ITEM, uuid)) == NULL || item == onto)
    return FALSE;
  if (gtk_sorter_get_order (gtk_column_view_get_sorter (self->column_view)) != GTK_SORTER_ORDER_NONE)
    {
      vl_toast (GTK_WIDGET (self), _("The list is sorted by a column: press Ctrl+R for rank order, "
                                     "then rank"), FALSE);
      return FALSE;
    }
  /* The neighbours of the place in the whole backlog, the item left out. */
  n = g_list_model_get_n_items (self->items);
  for (guint i = 0; i < n && at == G_MAXUINT; i++)
    {
      g_autoptr(VlRecord) r = g_list_model_get_item (self->items, i);

      if (r == onto)
        at = i;
    }
  if (at == G_MAXUINT)
    return FALSE;
  for (guint i = at; below ? i < n : i != G_MAXUINT; below ? i++ : i--)
    {
      g_autoptr(VlRecord) r = g_list_model_get_item (self->items, i);

      if (r == onto || r == item)
        continue;
      if (below)
        next = g_steal_pointer (&r);
      else
        prev = g_steal_pointer (&r);
      break;
    }
  if (below)
    prev = g_object_ref (onto);
  else
    next = g_object_ref (onto);
  vl_document_begin (self->document, _("Move Item"));
  if (!vl_document_move (self->document, item, backlog, prev, next, &error))
    vl_document_cancel (self->document);
  if (!vl_document_commit (self->document, NULL) && error != NULL)
    {
      vl_toast (GTK_WIDGET (self), error->message, FALSE);
      return FALSE;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VlRecord) r = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      if (r == item)
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), i, TRUE);
    }
  return TRUE;
}

/* A new backlog at the end of the list, selected, ready to be named in
 * its panel-less way: the sidebar shows it at once. */
static void
new_backlog_action (GtkWidget *widget, const char *name, GVariant *param)
{
  VlBacklogPage *self = VL_BACKLOG_PAGE (widget);
  g_autoptr(VlRecord) backlog = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *backlogs;

  if (self->document == NULL)
    return;
  vl_document_begin (self->document, _("New Backlog"));
  backlog = vl_document_insert (self->document, VL_KIND_BACKLOG, NULL, NULL, NULL, &error);
  if (backlog != NULL)
    g_object_set (backlog, "name", _("New Backlog"), NULL);
  if (!vl_document_commit (self->document, &error) || backlog == NULL)
    {
      vl_toast (GTK_WIDGET (self), error->message, FALSE);
      return;
    }
  backlogs = gtk_single_selection_get_model (self->backlogs);
  gtk_single_selection_set_selected (self->backlogs, g_list_model_get_n_items (backlogs) - 1);
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    VlBacklogPage    *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  VlRecord *backlog = g_object_get_data (G_OBJECT (dialog), "backlog");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_strcmp0 (response, "rename") == 0 && *name != '\0')
    {
      vl_document_begin (self->document, _("Rename Backlog"));
      g_object_set (backlog, "name", name, NULL);
      vl_document_commit (self->document, NULL);
    }
}

static void
rename_backlog_action (GtkWidget *widget, const char *name, GVariant *param)
{
  VlBacklogPage *self = VL_BACKLOG_PAGE (widget);
  VlRecord *backlog = self->backlogs ? gtk_single_selection_get_selected_item (self->backlogs) : NULL;
  GtkWidget *dialog, *entry;

  if (backlog == NULL)
    return;
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), vl_record_get_title (backlog));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Rename Backlog"), NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  g_object_set_data_full (G_OBJECT (dialog), "backlog", g_object_ref (backlog), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (rename_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* ---- saved views ------------------------------------------------------------------ */

/* The search, filters, sort and columns shown, as a saved view's spec:
 * {"search", "status", "moscow", "aarrr" (-1: any), "p1", "refs" (by
 * field: a row's uuid, "" for not set; absent: any), "sort" ({"column",
 * "descending"}, absent: rank order), "hidden" (column ids)}. */
static char *
capture_view (VlBacklogPage *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) hidden = g_settings_get_strv (self->settings, HIDDEN_KEY);
  gboolean descending;
  const Column *sort = sorted_by (self, &descending);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "search");
  json_builder_add_string_value (b, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  json_builder_set_member_name (b, "status");
  json_builder_add_int_value (b, enum_choice (self->status_filter));
  json_builder_set_member_name (b, "moscow");
  json_builder_add_int_value (b, enum_choice (self->moscow_filter));
  json_builder_set_member_name (b, "aarrr");
  json_builder_add_int_value (b, enum_choice (self->aarrr_filter));
  json_builder_set_member_name (b, "p1");
  json_builder_add_boolean_value (b, gtk_toggle_button_get_active (self->p1_filter));
  json_builder_set_member_name (b, "refs");
  json_builder_begin_object (b);
  for (guint r = 0; r < G_N_ELEMENTS (ref_filters); r++)
    {
      gint64 id = ref_choice (self->ref_filters[r]);
      g_autoptr(VlRecord) row = id > 0 ? vl_document_lookup (self->document, ref_filters[r].kind, id) : NULL;

      if (id < 0 || (id > 0 && row == NULL))
        continue;
      json_builder_set_member_name (b, ref_filters[r].field);
      json_builder_add_string_value (b, row != NULL ? vl_record_get_uuid (row) : "");
    }
  json_builder_end_object (b);
  if (sort != NULL && (sort->show == SHOW_RANK || sort->field != NULL || sort->show == SHOW_SCORE))
    {
      json_builder_set_member_name (b, "sort");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "column");
      json_builder_add_string_value (b, sort->show == SHOW_RANK ? "rank" : sort->show == SHOW_SCORE ? "score"
                                                                                            : sort->field);
      json_builder_set_member_name (b, "descending");
      json_builder_add_boolean_value (b, descending);
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "hidden");
  json_builder_begin_array (b);
  for (guint i = 0; hidden[i] != NULL; i++)
    json_builder_add_string_value (b, hidden[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static void
select_enum (GtkDropDown *dropdown,
             JsonObject  *spec,
             const char  *member)
{
  gint64 value = json_object_get_int_member_with_default (spec, member, -1);
  guint n = g_list_model_get_n_items (gtk_drop_down_get_model (dropdown));

  gtk_drop_down_set_selected (dropdown, value >= 0 && value + 1 < n ? (guint) value + 1 : 0);
}

/* The row of @kind whose uuid is @uuid; 0 when it is gone. */
static gint64
rowid_of_uuid (VlDocument *document,
               VlKind      kind,
               const char *uuid)
{
  g_autoptr(GListModel) rows = vl_document_list (document, kind, NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(VlRecord) row = g_list_model_get_item (rows, i);

      if (g_strcmp0 (vl_record_get_uuid (row), uuid) == 0)
        return vl_record_get_rowid (row);
    }
  return -1;
}

static void
select_ref (VlBacklogPage *self,
            guint          r,
            JsonObject    *refs)
{
  GtkDropDown *dropdown = self->ref_filters[r];
  GArray *ids = g_object_get_data (G_OBJECT (dropdown), "ids");
  const char *uuid = refs != NULL ? json_object_get_string_member_with_default (refs, ref_filters[r].field, NULL)
                                  : NULL;
  gint64 id = uuid == NULL ? -1 : *uuid == '\0' ? 0 : rowid_of_uuid (self->document, ref_filters[r].kind, uuid);
  guint position = id == 0 ? 1 : 0;

  for (guint i = 0; id > 0 && ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      position = i + 2;
  gtk_drop_down_set_selected (dropdown, position);
}

/* Shows what @view saved: its backlog, search, filters, sort and columns. */
static void
apply_view (VlBacklogPage *self,
            VlRecord      *view)
{
  g_autoptr(VlRecord) backlog = vl_record_dup_ref (view, "backlog");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *spec, *refs, *sort;
  const char *sort_column = NULL;
  GListModel *shown;

  if (!json_parser_load_from_data (parser, vl_record_get_string (view, "spec"), -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_autofree char *said = g_strdup_printf (_("The saved view “%s” cannot be read (made by a newer Valueloop?)"),
                                               vl_record_get_title (view));

      vl_toast (GTK_WIDGET (self), said, FALSE);
      return;
    }
  spec = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; backlog != NULL && self->backlogs != NULL &&
                    i < g_list_model_get_n_items (G_LIST_MODEL (self->backlogs)); i++)
    {
      g_autoptr(VlRecord) b = g_list_model_get_item (G_LIST_MODEL (self->backlogs), i);

      if (b == backlog)
        gtk_single_selection_set_selected (self->backlogs, i);
    }
  g_signal_handlers_block_by_func (self->status_filter, filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->moscow_filter, filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->aarrr_filter, filter_changed_cb, self);
  select_enum (self->status_filter, spec, "status");
  select_enum (self->moscow_filter, spec, "moscow");
  select_enum (self->aarrr_filter, spec, "aarrr");
  g_signal_handlers_unblock_by_func (self->status_filter, filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->moscow_filter, filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->aarrr_filter, filter_changed_cb, self);
  gtk_toggle_button_set_active (self->p1_filter, json_object_get_boolean_member_with_default (spec, "p1", FALSE));
  refs = json_object_has_member (spec, "refs") ? json_object_get_object_member (spec, "refs") : NULL;
  for (guint r = 0; r < G_N_ELEMENTS (ref_filters); r++)
    select_ref (self, r, refs);
  if (json_object_has_member (spec, "hidden") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (spec, "hidden")))
    {
      JsonArray *hidden = json_object_get_array_member (spec, "hidden");
      g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
      g_auto(GStrv) strv = NULL;

      for (guint i = 0; i < json_array_get_length (hidden); i++)
        if (JSON_NODE_HOLDS_VALUE (json_array_get_element (hidden, i)))
          g_strv_builder_add (ids, json_array_get_string_element (hidden, i));
      strv = g_strv_builder_end (ids);
      g_settings_set_strv (self->settings, HIDDEN_KEY, (const char *const *) strv);
    }
  sort = json_object_has_member (spec, "sort") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (spec, "sort"))
         ? json_object_get_object_member (spec, "sort") : NULL;
  sort_column = sort != NULL ? json_object_get_string_member_with_default (sort, "column", NULL) : NULL;
  shown = gtk_column_view_get_columns (self->column_view);
  gtk_column_view_sort_by_column (self->column_view, NULL, GTK_SORT_ASCENDING);
  for (guint i = 0; sort_column != NULL && i < G_N_ELEMENTS (columns); i++)
    {
      const Column *c = &columns[i];
      const char *id = c->show == SHOW_RANK ? "rank" : c->show == SHOW_SCORE ? "score" : c->field;

      if (g_strcmp0 (id, sort_column) == 0)
        {
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (shown, i);

          gtk_column_view_sort_by_column (self->column_view, column,
                                          json_object_get_boolean_member_with_default (sort, "descending", FALSE)
                                          ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
        }
    }
  /* The search last: its change applies all of the above to the list. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry),
                         json_object_get_string_member_with_default (spec, "search", ""));
  filter_changed_cb (self);
  apply_sort (self);
}

static void
view_activated_cb (VlViewList    *list,
                   VlRecord      *view,
                   VlBacklogPage *self)
{
  apply_view (self, view);
}

static void
view_saved_cb (AdwMessageDialog *dialog,
               const char       *response,
               VlBacklogPage    *self)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);
  const char *name = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(VlRecord) backlog = vl_backlog_page_dup_backlog (self);
  g_autoptr(VlRecord) view = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *spec = NULL, *said = NULL;

  if (!g_str_equal (response, "save") || backlog == NULL)
    return;
  spec = capture_view (self);
  vl_document_begin (self->document, _("Save View"));
  view = vl_document_insert (self->document, VL_KIND_VIEW, NULL, NULL, NULL, NULL);
  if (view != NULL)
    g_object_set (view, "name", *name != '\0' ? name : vl_record_get_title (backlog), "backlog", backlog,
                  "spec", spec, NULL);
  if (!vl_document_commit (self->document, &error))
    {
      vl_toast (GTK_WIDGET (self), error->message, FALSE);
      return;
    }
  vl_view_list_select (self->view_list, view);
  /* Translators: a toast after saving a view of the backlog */
  said = g_strdup_printf (_("View “%s” saved"), vl_record_get_title (view));
  vl_toast (GTK_WIDGET (self), said, TRUE);
}

/* "backlog.save-view" (Ctrl+D): the search, filters, sort and columns shown,
 * under a name, in the plan. */
static void
save_view_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  VlBacklogPage *self = VL_BACKLOG_PAGE (widget);
  g_autoptr(VlRecord) backlog = vl_backlog_page_dup_backlog (self);
  GtkWidget *dialog, *entry;
  const char *search;
  g_autofree char *suggested = NULL;

  if (backlog == NULL)
    return;
  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  /* Translators: the suggested name of a saved view: a backlog, then a search */
  suggested = *search != '\0' ? g_strdup_printf (_("%s — “%s”"), vl_record_get_title (backlog), search)
                              : g_strdup (vl_record_get_title (backlog));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), suggested);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Save View"),
                                   _("The search, filters, sort and columns shown, under a name everyone who "
                                     "shares the plan sees under the backlogs."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  g_signal_connect_object (dialog, "response", G_CALLBACK (view_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Deletes the backlog and its items in one action; one Undo brings all
 * of them back. */
static void
delete_backlog_action (GtkWidget *widget, const char *name, GVariant *param)
{
  VlBacklogPage *self = VL_BACKLOG_PAGE (widget);
  VlRecord *selected = self->backlogs ? gtk_single_selection_get_selected_item (self->backlogs) : NULL;
  g_autoptr(VlRecord) backlog = selected ? g_object_ref (selected) : NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (backlog == NULL)
    return;
  items = vl_document_list (self->document, VL_KIND_ITEM, "backlog", backlog);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    g_ptr_array_add (doomed, g_list_model_get_item (items, i));
  vl_document_begin (self->document, _("Delete Backlog"));
  for (guint i = 0; i < doomed->len; i++)
    vl_document_delete (self->document, doomed->pdata[i], NULL);
  vl_document_delete (self->document, backlog, NULL);
  if (!vl_document_commit (self->document, &error))
    {
      vl_toast (GTK_WIDGET (self), error->message, FALSE);
      return;
    }
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Backlog “%s” and its %u item deleted",
                                       "Backlog “%s” and its %u items deleted", doomed->len),
                          vl_record_get_title (backlog), doomed->len);
  vl_toast (GTK_WIDGET (self), text, TRUE);
}

static int
by_rank (gconstpointer a,
         gconstpointer b,
         gpointer      search)
{
  return (int) vl_item_search_get_rank (search, *(VlRecord **) a) -
         (int) vl_item_search_get_rank (search, *(VlRecord **) b);
}

/* page.set-status(i), page.set-moscow(i), page.set-iteration(x) (0: none),
 * page.move-to-backlog(x): every selected item, one action. */
static void
bulk_set_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  VlBacklogPage *self = VL_BACKLOG_PAGE (widget);
  g_autoptr(GtkBitset) set = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) target = NULL;
  gboolean moving = g_str_equal (name, "backlog.move-to-backlog");
  gboolean iteration = g_str_equal (name, "backlog.set-iteration");
  GtkBitsetIter iter;
  guint pos;

  if (self->selection == NULL)
    return;
  set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, set, &pos); ok; ok = gtk_bitset_iter_next (&iter, &pos))
    g_ptr_array_add (chosen, g_list_model_get_item (G_LIST_MODEL (self->sorted), pos));
  if (chosen->len == 0)
    {
      vl_toast (GTK_WIDGET (self), _("Select the items to edit first"), FALSE);
      return;
    }
  if (moving || iteration)
    {
      target = vl_document_lookup (self->document, moving ? VL_KIND_BACKLOG : VL_KIND_ITERATION,
                                   g_variant_get_int64 (param));
      if (target == NULL && (moving || g_variant_get_int64 (param) != 0))
        return;
    }
  vl_document_begin (self->document, moving      ? _("Move to Backlog")
                                     : iteration ? _("Set Iteration")
                                     : g_str_has_suffix (name, "status") ? _("Set Status")
                                                                         : _("Set MoSCoW"));
  /* Moved items keep their order, at the end of the other backlog. */
  g_ptr_array_sort_with_data (chosen, by_rank, self->filtered);
  for (guint i = 0; i < chosen->len; i++)
    if (moving)
      vl_document_move (self->document, chosen->pdata[i], target, NULL, NULL, NULL);
    else if (iteration)
      g_object_set (chosen->pdata[i], "iteration", target, NULL);
    else
      g_object_set (chosen->pdata[i], g_str_has_suffix (name, "status") ? "status" : "moscow",
                    g_variant_get_int32 (param), NULL);
  if (!vl_document_commit (self->document, &error))
    vl_toast (GTK_WIDGET (self), error->message, FALSE);
  else if (moving && target != NULL)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item moved to “%s”",
                                                            "%u items moved to “%s”", chosen->len),
                                               chosen->len, vl_record_get_title (target));

      vl_toast (GTK_WIDGET (self), text, TRUE);
    }
}

/* Items for every row of @kind (and "None" first when @none): @action
 * with the row's id. */
static GMenuModel *
rows_menu (VlDocument *document,
           VlKind      kind,
           const char *action,
           const char *none)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GListModel) rows = document ? vl_document_list (document, kind, NULL, NULL) : NULL;

  if (none != NULL)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (none, NULL);

      g_menu_item_set_action_and_target (item, action, "x", (gint64) 0);
      g_menu_append_item (menu, item);
    }
  for (guint i = 0; rows != NULL && i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(VlRecord) row = g_list_model_get_item (rows, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (vl_record_get_title (row), NULL);

      g_menu_item_set_action_and_target (item, action, "x", vl_record_get_rowid (row));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

static GMenuModel *
bulk_menu (VlDocument *document)
{
  GMenu *menu = g_menu_new ();
  GMenu *status = g_menu_new ();
  GMenu *moscow = g_menu_new ();
  GMenu *more = g_menu_new ();
  g_autoptr(GMenuModel) iterations = rows_menu (document, VL_KIND_ITERATION, "backlog.set-iteration",
                                                _("No Iteration"));
  g_autoptr(GMenuModel) backlogs = rows_menu (document, VL_KIND_BACKLOG, "backlog.move-to-backlog", NULL);

  for (guint i = 0; i < vl_enum_n_values ("status"); i++)
    {
      g_autofree char *action = g_strdup_printf ("backlog.set-status(%u)", i);

      g_menu_append (status, vl_enum_label ("status", (int) i), action);
    }
  for (guint i = 1; i < vl_enum_n_values ("moscow"); i++)
    {
      g_autofree char *action = g_strdup_printf ("backlog.set-moscow(%u)", i);

      g_menu_append (moscow, vl_enum_label ("moscow", (int) i), action);
    }
  g_menu_append_section (menu, _("Status"), G_MENU_MODEL (status));
  g_menu_append_section (menu, _("MoSCoW"), G_MENU_MODEL (moscow));
  g_menu_append_submenu (more, _("_Iteration"), iterations);
  g_menu_append_submenu (more, _("Move to _Backlog"), backlogs);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (more));
  g_object_unref (status);
  g_object_unref (moscow);
  g_object_unref (more);
  return G_MENU_MODEL (menu);
}

/* Shows @item in its backlog, selected (from the panel's upstream link). */
static void
show_item_cb (VlItemPanel   *panel,
              VlRecord      *item,
              VlBacklogPage *self)
{
  g_autoptr(VlRecord) backlog = vl_record_dup_ref (item, "backlog");
  GListModel *backlogs = gtk_single_selection_get_model (self->backlogs);
  GListModel *shown;

  for (guint i = 0; backlog != NULL && i < g_list_model_get_n_items (backlogs); i++)
    {
      g_autoptr(VlRecord) b = g_list_model_get_item (backlogs, i);

      if (b == backlog)
        gtk_single_selection_set_selected (self->backlogs, i);
    }
  /* A search or filter could hide it: clear them. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->status_filter, 0);
  gtk_drop_down_set_selected (self->moscow_filter, 0);
  gtk_drop_down_set_selected (self->aarrr_filter, 0);
  gtk_toggle_button_set_active (self->p1_filter, FALSE);
  for (guint r = 0; r < G_N_ELEMENTS (ref_filters); r++)
    gtk_drop_down_set_selected (self->ref_filters[r], 0);
  filter_changed_cb (self);
  shown = G_LIST_MODEL (self->sorted);
  for (guint i = 0; shown != NULL && i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(VlRecord) r = g_list_model_get_item (shown, i);

      if (r == item)
        {
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), i, TRUE);
          break;
        }
    }
}

/* Ctrl+R: back to rank order. */
static void
rank_order_action (GtkWidget *widget, const char *name, GVariant *param)
{
  gtk_column_view_sort_by_column (VL_BACKLOG_PAGE (widget)->column_view, NULL, GTK_SORT_ASCENDING);
}

/* Ctrl+F */
static void
search_action (GtkWidget *widget, const char *name, GVariant *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (VL_BACKLOG_PAGE (widget)->search_entry));
}

/* F2: edit the selected item's title in its row (or, if its row is not
 * on screen, in the item panel). */
static void
rename_action (GtkWidget *widget, const char *name, GVariant *param)
{
  VlBacklogPage *self = VL_BACKLOG_PAGE (widget);
  GtkWidget *row = vl_item_panel_get_row (self->item_panel, "title");
  int sel = first_selected (self);

  if (sel >= 0 && start_editing (self, (guint) sel))
    return;
  if (vl_item_panel_get_item (self->item_panel) != NULL && row != NULL)
    gtk_widget_grab_focus (row);
}

/* A new item's title is edited at once, once its row is bound. */
static gboolean
edit_new_item_cb (gpointer data)
{
  VlBacklogPage *self = data;
  int sel = first_selected (self);

  self->edit_idle = 0;
  if (sel >= 0)
    rename_action (GTK_WIDGET (self), NULL, NULL);
  return G_SOURCE_REMOVE;
}

/**
 * vl_backlog_page_finish_editing:
 *
 * Writes a title being edited in place (before the window closes).
 */
void
vl_backlog_page_finish_editing (VlBacklogPage *self)
{
  g_return_if_fail (VL_IS_BACKLOG_PAGE (self));
  finish_editing (self, TRUE);
}

/* ---- GObject ----------------------------------------------------------- */

static void
vl_backlog_page_dispose (GObject *object)
{
  VlBacklogPage *self = VL_BACKLOG_PAGE (object);

  if (self->filtered != NULL)
    g_signal_handlers_disconnect_by_data (self->filtered, self);
  g_clear_handle_id (&self->choices_id, g_source_remove);
  g_clear_handle_id (&self->edit_idle, g_source_remove);
  g_clear_handle_id (&self->leave_idle, g_source_remove);
  if (self->document != NULL)
    finish_editing (self, TRUE);
  /* The column view drops its sort as it goes. */
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_func (gtk_column_view_get_sorter (self->column_view), apply_sort, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), VL_TYPE_BACKLOG_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->items);

  g_clear_object (&self->backlogs);
  g_clear_object (&self->document);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  if (self->column_actions != NULL)
    {
      g_auto(GStrv) names = g_action_group_list_actions (G_ACTION_GROUP (self->column_actions));

      for (guint i = 0; names[i] != NULL; i++)
        g_signal_handlers_disconnect_by_data (g_action_map_lookup_action (G_ACTION_MAP (self->column_actions),
                                                                          names[i]), self);
    }
  g_clear_object (&self->column_actions);
  g_clear_object (&self->column_menu);
  g_clear_pointer (&self->title_items, g_hash_table_unref);

  G_OBJECT_CLASS (vl_backlog_page_parent_class)->dispose (object);
}

/* The page's actions and keys. */
static const VlActionEntry actions[] = {
  { "backlog.new-item", new_item_action, .accel = "<Control>n" },
  { "backlog.delete", delete_action, .accel = "Delete" },
  { "backlog.rename", rename_action, .accel = "F2" },
  { "backlog.search", search_action, .accel = "<Control>f" },
  { "backlog.new-backlog", new_backlog_action, .accel = "<Control><Shift>b" },
  { "backlog.rename-backlog", rename_backlog_action },
  { "backlog.delete-backlog", delete_backlog_action },
  { "backlog.rank-order", rank_order_action, .accel = "<Control>r" },
  { "backlog.set-status", bulk_set_action, "i" },
  { "backlog.set-moscow", bulk_set_action, "i" },
  { "backlog.set-iteration", bulk_set_action, "x" },
  { "backlog.move-to-backlog", bulk_set_action, "x" },
  { "backlog.move-up", move_action, .accel = "<Alt>Up" },
  { "backlog.move-down", move_action, .accel = "<Alt>Down" },
  { "backlog.move-to-top", move_action, .accel = "<Alt><Shift>Up" },
  { "backlog.move-to-bottom", move_action, .accel = "<Alt><Shift>Down" },
  { "backlog.save-view", save_view_action, .accel = "<Control>d" },
};

static void
vl_backlog_page_class_init (VlBacklogPageClass *klass)
{
  column_quark = g_quark_from_static_string ("vl-column");
  page_quark = g_quark_from_static_string ("vl-backlog-page");
  list_item_quark = g_quark_from_static_string ("vl-list-item");
  position_handler_quark = g_quark_from_static_string ("vl-position-handler");
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vl_backlog_page_dispose;
  VL_PAGE_CLASS (klass)->load = backlog_page_load;

  g_type_ensure (VL_TYPE_ITEM_PANEL);
  g_type_ensure (VL_TYPE_VIEW_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/valueloop/Valueloop/vl-backlog-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, paned);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, backlog_list);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, view_list);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, content);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, detail_paned);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, item_panel);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, moscow_filter);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, aarrr_filter);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, p1_filter);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, alignment_button);
  gtk_widget_class_bind_template_child_full (widget_class, "key_result_filter", FALSE,
                                             G_STRUCT_OFFSET (VlBacklogPage, ref_filters[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "value_loop_filter", FALSE,
                                             G_STRUCT_OFFSET (VlBacklogPage, ref_filters[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "iteration_filter", FALSE,
                                             G_STRUCT_OFFSET (VlBacklogPage, ref_filters[2]));
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, match_count);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, bulk_button);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, empty_button);

  vl_widget_class_add_actions (widget_class, actions, G_N_ELEMENTS (actions));
}

static void
vl_backlog_page_init (VlBacklogPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->view_list, "view-activated", G_CALLBACK (view_activated_cb), self);
  for (guint i = 0; i < G_N_ELEMENTS (choice_rows); i++)
    g_signal_group_connect (vl_page_get_document_signals (VL_PAGE (self)), choice_rows[i],
                            G_CALLBACK (rows_changed_cb), self);
  g_signal_connect (factory, "setup", G_CALLBACK (backlog_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (backlog_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (backlog_unbind_cb), self);
  gtk_list_view_set_factory (self->backlog_list, factory);
  g_object_unref (factory);
  self->settings = g_settings_new (APP_ID);
  self->title_items = g_hash_table_new (NULL, NULL);
  add_column_actions (self);
  add_columns (self);
  set_choices (self->status_filter, _("Any Status"), "status");
  set_choices (self->moscow_filter, _("Any MoSCoW"), "moscow");
  set_choices (self->aarrr_filter, _("Any Stage"), "aarrr");
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->status_filter, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->moscow_filter, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->aarrr_filter, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->p1_filter, "toggled", G_CALLBACK (filter_changed_cb), self);
  for (guint r = 0; r < G_N_ELEMENTS (ref_filters); r++)
    {
      GtkExpression *title = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

      gtk_drop_down_set_expression (self->ref_filters[r], title);
      gtk_drop_down_set_enable_search (self->ref_filters[r], TRUE);
      gtk_expression_unref (title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->ref_filters[r]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(ref_filters[r].any), -1);
      g_signal_connect_swapped (self->ref_filters[r], "notify::selected", G_CALLBACK (filter_changed_cb), self);
    }
  g_signal_connect (self->item_panel, "show-item", G_CALLBACK (show_item_cb), self);
  g_signal_connect (self, "notify::show-details", G_CALLBACK (update_panel), NULL);
  g_signal_connect_swapped (gtk_column_view_get_sorter (self->column_view), "changed",
                            G_CALLBACK (apply_sort), self);
  {
    GtkDragSource *drag = gtk_drag_source_new ();
    GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);

    gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
    g_signal_connect (drag, "prepare", G_CALLBACK (row_drag_prepare_cb), NULL);
    gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (drag));
    g_signal_connect (drop, "drop", G_CALLBACK (row_drop_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (drop));
  }
  /* The filters wrap on narrow windows; their wrappers take no focus. */
  for (GtkWidget *child = gtk_widget_get_first_child (self->filter_bar); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  rebuild_choices (self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
  update_actions (self);
}
