/* vl-backlog-page.c — backlogs on the left, the ranked items of one on the right
 *
 * The page puts together its units: the backlogs and saved views
 * (VlBacklogSidebar), the search and filters (VlFilterBar), the columns of
 * the list (VlBacklogColumns, with the title edited in place), the item
 * panel, and the actions (vl-backlog-page-actions.c). It shows the chosen
 * backlog's items searched, filtered and sorted in the core (VlItemSearch),
 * says what to do when there is nothing to show, and saves and shows the
 * saved views.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-backlog-page"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "vl-backlog-page-private.h"
#include "vl-toast.h"

G_DEFINE_FINAL_TYPE (VlBacklogPage, vl_backlog_page, VL_TYPE_PAGE)

/* ---- ranking by drag and drop ---------------------------------------- */

/* One drag source and one drop target on the whole list (not two
 * controllers on each of the thousands of cells a list makes): the row is
 * the one under the pointer. */
static GdkContentProvider *
row_drag_prepare_cb (GtkDragSource *source,
                     double         x,
                     double         y,
                     VlBacklogPage *self)
{
  VlRecord *item = vl_backlog_columns_item_at (self->columns, x, y, NULL);

  return item != NULL ? gdk_content_provider_new_typed (G_TYPE_STRING, vl_record_get_uuid (item)) : NULL;
}

/* Dropped on the upper half of a row: above it; else below. */
static gboolean
row_drop_cb (GtkDropTarget *target,
             const GValue  *value,
             double         x,
             double         y,
             VlBacklogPage *self)
{
  gboolean below = FALSE;
  VlRecord *onto = vl_backlog_columns_item_at (self->columns, x, y, &below);

  if (onto == NULL || !G_VALUE_HOLDS_STRING (value))
    return FALSE;
  return vl_backlog_page_drop_item (self, g_value_get_string (value), onto, below);
}

/* ---- what the page shows --------------------------------------------------- */

/* The list, or a page saying what to do: create a backlog, add an item,
 * or search for something else. The filters and the item panel show only
 * when there are items to filter and show. */
static void update_panel (VlBacklogPage *self);

static void
update_match_count (VlBacklogPage *self)
{
  vl_filter_bar_set_count (self->filter_bar,
                           self->filtered ? g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) : 0,
                           self->items ? g_list_model_get_n_items (self->items) : 0,
                           self->filtered != NULL && vl_item_search_get_active (self->filtered));
}

static void
update_content (VlBacklogPage *self)
{
  VlRecord *backlog = vl_backlog_sidebar_get_backlog (self->sidebar);
  guint all = self->items ? g_list_model_get_n_items (self->items) : 0;
  guint shown = self->filtered ? g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) : 0;
  const char *title, *description;

  gtk_stack_set_visible_child_name (self->content, shown > 0 ? "items" : "empty");
  gtk_widget_set_visible (GTK_WIDGET (self->filter_bar), all > 0);
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

/* The search and filters, applied to the list shown. */
static void
filter_changed_cb (VlBacklogPage *self)
{
  if (self->filtered == NULL)
    return;
  vl_filter_bar_apply (self->filter_bar, self->filtered);
  update_match_count (self);
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
  VlRecord *backlog = vl_backlog_sidebar_get_backlog (self->sidebar);

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
      self->sorted = g_object_ref (G_LIST_MODEL (self->filtered));
      self->selection = vl_item_selection_new (self->document, self->filtered);
      g_signal_connect (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
    }
  vl_backlog_columns_set_search (self->columns, self->filtered);
  vl_item_panel_set_item (self->item_panel, NULL);
  update_panel (self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  update_content (self);
  update_actions (self);
}

/* The choices that list the plan's rows: alignment filters and bulk edit. */
static void
rebuild_choices (VlBacklogPage *self)
{
  g_autoptr(GMenuModel) menu = vl_backlog_page_bulk_menu (self->document);

  g_clear_handle_id (&self->choices_id, g_source_remove);
  vl_filter_bar_rebuild_choices (self->filter_bar);
  gtk_menu_button_set_menu_model (self->bulk_button, menu);
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
  vl_filter_bar_set_document (self->filter_bar, document);
  rebuild_choices (self);
  vl_backlog_sidebar_set_document (self->sidebar, document);   /* shows its first backlog */
}

void
vl_backlog_page_select_backlog (VlBacklogPage *self,
                                guint          position)
{
  g_return_if_fail (VL_IS_BACKLOG_PAGE (self));
  vl_backlog_sidebar_select (self->sidebar, position);
}

/* The backlog shown, or NULL before the page loads or in an empty plan. */
VlRecord *
vl_backlog_page_dup_backlog (VlBacklogPage *self)
{
  VlRecord *backlog;

  g_return_val_if_fail (VL_IS_BACKLOG_PAGE (self), NULL);
  backlog = vl_backlog_sidebar_get_backlog (self->sidebar);
  return backlog != NULL ? g_object_ref (backlog) : NULL;
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

GtkSelectionModel *
vl_backlog_page_get_selection (VlBacklogPage *self)
{
  g_return_val_if_fail (VL_IS_BACKLOG_PAGE (self), NULL);
  return GTK_SELECTION_MODEL (self->selection);
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
  return vl_backlog_columns_get_actions (self->columns);
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
  return vl_backlog_columns_get_menu (self->columns);
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
  vl_backlog_columns_finish_editing (self->columns);
}

/* ---- saved views ------------------------------------------------------------------ */

/* The search, filters, sort and columns shown, as a saved view's spec:
 * {"search", "status", "moscow", "aarrr" (-1: any), "p1", "refs" (by
 * field: a row's uuid, "" for not set; absent: any), "sort" ({"column",
 * "descending"}, absent: rank order), "hidden" (column ids)}. */
char *
vl_backlog_page_capture_view (VlBacklogPage *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) hidden = vl_backlog_columns_dup_hidden (self->columns);
  gboolean descending = FALSE;
  const char *sort = vl_backlog_columns_get_sort (self->columns, &descending);

  json_builder_begin_object (b);
  vl_filter_bar_save (self->filter_bar, b);
  if (sort != NULL)
    {
      json_builder_set_member_name (b, "sort");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "column");
      json_builder_add_string_value (b, sort);
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

/* Shows what @view saved: its backlog, search, filters, sort and columns. */
static void
apply_view (VlBacklogPage *self,
            VlRecord      *view)
{
  g_autoptr(VlRecord) backlog = vl_record_dup_ref (view, "backlog");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *spec, *sort;

  if (!json_parser_load_from_data (parser, vl_record_get_string (view, "spec"), -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_autofree char *said = g_strdup_printf (_("The saved view “%s” cannot be read (made by a newer Valueloop?)"),
                                               vl_record_get_title (view));

      vl_toast (GTK_WIDGET (self), said, FALSE);
      return;
    }
  spec = json_node_get_object (json_parser_get_root (parser));
  vl_backlog_sidebar_select_backlog (self->sidebar, backlog);
  if (json_object_has_member (spec, "hidden") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (spec, "hidden")))
    {
      JsonArray *hidden = json_object_get_array_member (spec, "hidden");
      g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
      g_auto(GStrv) strv = NULL;

      for (guint i = 0; i < json_array_get_length (hidden); i++)
        if (JSON_NODE_HOLDS_VALUE (json_array_get_element (hidden, i)))
          g_strv_builder_add (ids, json_array_get_string_element (hidden, i));
      strv = g_strv_builder_end (ids);
      vl_backlog_columns_set_hidden (self->columns, (const char *const *) strv);
    }
  sort = json_object_has_member (spec, "sort") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (spec, "sort"))
         ? json_object_get_object_member (spec, "sort") : NULL;
  vl_backlog_columns_sort_by (self->columns,
                              sort != NULL ? json_object_get_string_member_with_default (sort, "column", NULL) : NULL,
                              sort != NULL && json_object_get_boolean_member_with_default (sort, "descending", FALSE));
  /* The filters last: their change applies all of the above to the list. */
  vl_filter_bar_restore (self->filter_bar, spec);
}

static void
view_activated_cb (VlViewList    *list,
                   VlRecord      *view,
                   VlBacklogPage *self)
{
  apply_view (self, view);
}

/* Shows @item in its backlog, selected (from the panel's upstream link). */
static void
show_item_cb (VlItemPanel   *panel,
              VlRecord      *item,
              VlBacklogPage *self)
{
  g_autoptr(VlRecord) backlog = vl_record_dup_ref (item, "backlog");
  g_autoptr(JsonObject) nothing = json_object_new ();
  GListModel *shown;

  vl_backlog_sidebar_select_backlog (self->sidebar, backlog);
  /* A search or filter could hide it: clear them. */
  vl_filter_bar_restore (self->filter_bar, nothing);
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

/* ---- GObject ----------------------------------------------------------- */

static void
editing_cb (VlBacklogPage *self)
{
  /* Typing goes to a title being edited, not to the search. */
  gtk_search_entry_set_key_capture_widget (vl_filter_bar_get_search_entry (self->filter_bar),
                                           vl_backlog_columns_get_editing (self->columns)
                                           ? NULL : GTK_WIDGET (self->column_view));
}

static void
vl_backlog_page_dispose (GObject *object)
{
  VlBacklogPage *self = VL_BACKLOG_PAGE (object);

  if (self->filtered != NULL)
    g_signal_handlers_disconnect_by_data (self->filtered, self);
  g_clear_handle_id (&self->choices_id, g_source_remove);
  g_clear_handle_id (&self->edit_idle, g_source_remove);
  if (self->columns != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->columns, self);
      if (self->document != NULL)
        vl_backlog_columns_finish_editing (self->columns);
    }
  g_clear_object (&self->columns);
  gtk_widget_dispose_template (GTK_WIDGET (self), VL_TYPE_BACKLOG_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->items);
  g_clear_object (&self->document);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (vl_backlog_page_parent_class)->dispose (object);
}

static void
vl_backlog_page_class_init (VlBacklogPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vl_backlog_page_dispose;
  VL_PAGE_CLASS (klass)->load = backlog_page_load;

  g_type_ensure (VL_TYPE_BACKLOG_SIDEBAR);
  g_type_ensure (VL_TYPE_FILTER_BAR);
  g_type_ensure (VL_TYPE_ITEM_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/valueloop/Valueloop/vl-backlog-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, paned);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, bulk_button);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, content);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, detail_paned);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, item_panel);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogPage, empty_button);
  gtk_widget_class_bind_template_callback (widget_class, show_backlog);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_item_cb);
  vl_backlog_page_class_add_actions (widget_class);
}

static void
vl_backlog_page_init (VlBacklogPage *self)
{
  GtkDragSource *drag = gtk_drag_source_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (choice_rows); i++)
    g_signal_group_connect (vl_page_get_document_signals (VL_PAGE (self)), choice_rows[i],
                            G_CALLBACK (rows_changed_cb), self);
  g_signal_connect (vl_backlog_sidebar_get_view_list (self->sidebar), "view-activated",
                    G_CALLBACK (view_activated_cb), self);
  self->settings = g_settings_new (APP_ID);
  self->columns = vl_backlog_columns_new (self->column_view, self->settings);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "columns", vl_backlog_columns_get_actions (self->columns));
  g_signal_connect_swapped (self->columns, "notify::editing", G_CALLBACK (editing_cb), self);
  g_signal_connect (self, "notify::show-details", G_CALLBACK (update_panel), NULL);
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (row_drag_prepare_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (drop, "drop", G_CALLBACK (row_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (drop));
  rebuild_choices (self);
  editing_cb (self);
  update_actions (self);
}
