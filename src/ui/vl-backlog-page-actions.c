/* vl-backlog-page-actions.c — what can be done on the backlog page
 *
 * Every action of the page, and their table with the keys: new, delete,
 * move and drop items (ranking them: refused, with a hint, while the list
 * is sorted by a column), new, rename and delete backlogs, edit many
 * selected items at once, save a view, back to rank order, search, and
 * edit a title in place (F2).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-backlog-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vl-actions.h"
#include "vl-backlog-page-private.h"
#include "vl-labels.h"
#include "vl-name-dialog.h"
#include "vl-toast.h"


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
  VlRecord *backlog = vl_backlog_sidebar_get_backlog (self->sidebar);
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
  VlRecord *backlog = vl_backlog_sidebar_get_backlog (self->sidebar);
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
  VlRecord *backlog = vl_backlog_sidebar_get_backlog (self->sidebar);
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
  backlogs = vl_backlog_sidebar_get_backlogs (self->sidebar);
  vl_backlog_sidebar_select (self->sidebar, g_list_model_get_n_items (backlogs) - 1);
}

static void
rename_backlog_action (GtkWidget *widget, const char *name, GVariant *param)
{
  VlBacklogPage *self = VL_BACKLOG_PAGE (widget);
  VlRecord *backlog = vl_backlog_sidebar_get_backlog (self->sidebar);

  if (backlog != NULL)
    vl_name_dialog_rename (widget, _("Rename Backlog"), backlog);
}

static void
view_saved_cb (VlNameDialog  *dialog,
               const char    *response,
               VlBacklogPage *self)
{
  g_autofree char *name = vl_name_dialog_dup_name (dialog);
  g_autoptr(VlRecord) backlog = vl_backlog_page_dup_backlog (self);
  g_autoptr(VlRecord) view = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *spec = NULL, *said = NULL;

  if (backlog == NULL)
    return;
  spec = vl_backlog_page_capture_view (self);
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
  vl_view_list_select (vl_backlog_sidebar_get_view_list (self->sidebar), view);
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
  GtkWidget *dialog;
  const char *search;
  g_autofree char *suggested = NULL;

  if (backlog == NULL)
    return;
  search = gtk_editable_get_text (GTK_EDITABLE (vl_filter_bar_get_search_entry (self->filter_bar)));
  /* Translators: the suggested name of a saved view: a backlog, then a search */
  suggested = *search != '\0' ? g_strdup_printf (_("%s — “%s”"), vl_record_get_title (backlog), search)
                              : g_strdup (vl_record_get_title (backlog));
  dialog = vl_name_dialog_new (widget, _("Save View"),
                               _("The search, filters, sort and columns shown, under a name everyone who "
                                 "shares the plan sees under the backlogs."),
                               suggested, "save", _("_Save"));
  g_signal_connect_object (dialog, "response::save", G_CALLBACK (view_saved_cb), self, 0);
}

/* Deletes the backlog and its items in one action; one Undo brings all
 * of them back. */
static void
delete_backlog_action (GtkWidget *widget, const char *name, GVariant *param)
{
  VlBacklogPage *self = VL_BACKLOG_PAGE (widget);
  VlRecord *selected = vl_backlog_sidebar_get_backlog (self->sidebar);
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

GMenuModel *
vl_backlog_page_bulk_menu (VlDocument *document)
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
  gtk_widget_grab_focus (GTK_WIDGET (vl_filter_bar_get_search_entry (VL_BACKLOG_PAGE (widget)->filter_bar)));
}

/* F2: edit the selected item's title in its row (or, if its row is not
 * on screen, in the item panel). */
static void
rename_action (GtkWidget *widget, const char *name, GVariant *param)
{
  VlBacklogPage *self = VL_BACKLOG_PAGE (widget);
  GtkWidget *row = vl_item_panel_get_row (self->item_panel, "title");
  int sel = first_selected (self);

  if (sel >= 0 && vl_backlog_columns_edit_title (self->columns, (guint) sel))
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

void
vl_backlog_page_class_add_actions (GtkWidgetClass *widget_class)
{
  vl_widget_class_add_actions (widget_class, actions, G_N_ELEMENTS (actions));
}
