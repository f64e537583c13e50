/* test-ui-backlog.c — UI tests of the backlog list, its item panel and inline editing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "vl-backlog-page-private.h"
#include "vl-ui-test.h"
#include "vl-view-list.h"
#include "vl-okr.h"
#include "vl-value.h"

static void
test_backlog_editing (void)
{
  g_autoptr(GFile) file = sample_file ("ui-sample.valueloop");
  VlWindow *window = vl_window_new (NULL);
  VlBacklogPage *page;
  GListModel *items;
  g_autofree char *first = NULL;

  page = open_backlog (window, file);
  items = vl_backlog_page_get_items (page);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 40); /* Storefront */
  g_assert_cmpstr (vl_window_get_status (window), ==, "Saved");
  first = g_strdup (title_at (items, 0));

  /* Ctrl+N adds below the selection. */
  select_only (page, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "backlog.new-item", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 41);
  g_assert_cmpstr (title_at (items, 1), ==, "New item");
  g_assert_cmpstr (vl_window_get_status (window), ==, "Saving…");

  /* Undo and redo, from the window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 40);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpstr (title_at (items, 1), ==, "New item");

  /* Alt+Shift+Up: to the top. */
  select_only (page, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "backlog.move-to-top", NULL));
  g_assert_cmpstr (title_at (items, 0), ==, "New item");
  g_assert_cmpstr (title_at (items, 1), ==, first);

  /* Drag and drop: the top item dropped on the lower half of the third
   * goes just below it; on the upper half of the first, back on top. */
  {
    g_autoptr(VlRecord) top = g_list_model_get_item (items, 0);
    g_autoptr(VlRecord) second = g_list_model_get_item (items, 1);
    g_autoptr(VlRecord) third = g_list_model_get_item (items, 2);

    g_assert_true (vl_backlog_page_drop_item (page, vl_record_get_uuid (top), third, TRUE));
    g_assert_cmpstr (title_at (items, 0), ==, vl_record_get_title (second));
    g_assert_cmpstr (title_at (items, 1), ==, vl_record_get_title (third));
    g_assert_cmpstr (title_at (items, 2), ==, "New item");
    g_assert_true (gtk_selection_model_is_selected (vl_backlog_page_get_selection (page), 2));
    g_assert_true (vl_backlog_page_drop_item (page, vl_record_get_uuid (top), second, FALSE));
    g_assert_cmpstr (title_at (items, 0), ==, "New item");
    g_assert_cmpstr (title_at (items, 1), ==, vl_record_get_title (second));
  }

  /* Delete, then undo from the toast's action. */
  select_only (page, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "backlog.delete", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 40);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 41);

  /* Ctrl+S publishes: the file on disk has the new item at the top. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  spin (50);
  g_assert_cmpstr (vl_window_get_status (window), ==, "Saved");
  g_assert_cmpint (vl_test_query_int (file, "SELECT count(*) FROM item WHERE deleted <> 1"), ==, 152);
  g_assert_cmpint (vl_test_query_int (file, "SELECT title = 'New item' FROM item WHERE deleted <> 1 "
                                            "AND backlog = (SELECT id FROM backlog WHERE name = "
                                            "'Storefront') ORDER BY rank, uuid LIMIT 1"), ==, 1);

  /* Another backlog from the sidebar. */
  vl_backlog_page_select_backlog (page, 3);
  g_assert_cmpuint (g_list_model_get_n_items (vl_backlog_page_get_items (page)), ==, 35);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

static guint
count_matching (GListModel *items, gboolean (*pred) (VlRecord *))
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(VlRecord) r = g_list_model_get_item (items, i);

      n += pred (r);
    }
  return n;
}

static gboolean
says_checkout (VlRecord *r)
{
  g_autofree char *t = g_utf8_casefold (vl_record_get_title (r), -1);
  g_autofree char *d = g_utf8_casefold (vl_record_get_string (r, "description"), -1);

  return strstr (t, "checkout") != NULL || strstr (d, "checkout") != NULL;
}

static gboolean
checkout_in_progress (VlRecord *r)
{
  return says_checkout (r) && vl_record_get_int (r, "status") == VL_STATUS_IN_PROGRESS;
}

static gboolean
checkout_in_progress_p1 (VlRecord *r)
{
  return checkout_in_progress (r) && vl_record_get_int (r, "p1");
}

static gboolean
is_must (VlRecord *r)
{
  return vl_record_get_int (r, "moscow") == VL_MOSCOW_MUST;
}

/* Types @text in the search: the entry's delayed search-changed comes
 * at once, so nothing here depends on timing. */
static void
search_for (VlBacklogPage *page, const char *text)
{
  GtkWidget *entry = find_by_id (GTK_WIDGET (page), "search_entry");

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "search-changed");
}

static GtkWidget *
find_status_page (GtkWidget *widget)
{
  if (ADW_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_status_page (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_search_and_filters (void)
{
  g_autoptr(GFile) file = sample_file ("ui-search.valueloop");
  VlWindow *window = vl_window_new (NULL);
  VlBacklogPage *page;
  GListModel *shown;
  g_autoptr(GListModel) all = NULL;
  guint expected;
  g_autofree char *label = NULL;

  page = open_backlog (window, file);
  shown = vl_backlog_page_get_items (page);
  {
    g_autoptr(VlRecord) storefront = vl_document_find (vl_window_get_document (window),
                                                       VL_KIND_BACKLOG, "Storefront");

    all = vl_document_list (vl_window_get_document (window), VL_KIND_ITEM, "backlog", storefront);
  }

  /* Ctrl+F from anywhere in the window (here the board) goes to the search. */
  vl_window_show_page (window, "board");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  spin (50);
  g_assert_true (gtk_widget_has_focus (find_by_id (GTK_WIDGET (page), "search_entry")) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         find_by_id (GTK_WIDGET (page), "search_entry")));

  /* Search: case-insensitive, titles and descriptions. */
  search_for (page, "CHECKOUT");
  expected = count_matching (all, says_checkout);
  g_assert_cmpuint (expected, >, 3);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, expected);
  g_assert_cmpuint (count_matching (shown, says_checkout), ==, expected);
  label = g_strdup_printf ("%u of 40", expected);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_by_id (GTK_WIDGET (page), "match_count"))),
                   ==, label);

  /* Combined with a status filter and P1. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_by_id (GTK_WIDGET (page), "status_filter")),
                              VL_STATUS_IN_PROGRESS + 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, count_matching (all, checkout_in_progress));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_by_id (GTK_WIDGET (page), "p1_filter")), TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, count_matching (all, checkout_in_progress_p1));

  /* MoSCoW "Must" (after "Any" and "—" for not set) means Must. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_by_id (GTK_WIDGET (page), "p1_filter")), FALSE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_by_id (GTK_WIDGET (page), "status_filter")), 0);
  search_for (page, "");
  {
    GListModel *choices = gtk_drop_down_get_model (GTK_DROP_DOWN (find_by_id (GTK_WIDGET (page), "moscow_filter")));

    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), VL_MOSCOW_MUST + 1), ==, "Must");
  }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_by_id (GTK_WIDGET (page), "moscow_filter")),
                              VL_MOSCOW_MUST + 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, count_matching (all, is_must));
  g_assert_cmpuint (count_matching (shown, is_must), ==, g_list_model_get_n_items (shown));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_by_id (GTK_WIDGET (page), "moscow_filter")), 0);

  /* Alignment: the key result the first item serves, then also only
   * items in no iteration; the button counts the filters on. */
  {
    GtkDropDown *kr_filter = GTK_DROP_DOWN (find_by_id (GTK_WIDGET (page), "key_result_filter"));
    GtkDropDown *it_filter = GTK_DROP_DOWN (find_by_id (GTK_WIDGET (page), "iteration_filter"));
    GtkMenuButton *button = GTK_MENU_BUTTON (find_by_id (GTK_WIDGET (page), "alignment_button"));
    g_autoptr(VlRecord) first = g_list_model_get_item (all, 0);
    g_autoptr(VlRecord) kr = vl_record_dup_ref (first, "key-result");
    GListModel *choices = gtk_drop_down_get_model (kr_filter);
    guint at = GTK_INVALID_LIST_POSITION, want = 0, want_both = 0;

    g_assert_nonnull (kr);
    for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (choices), i), vl_record_get_title (kr)) == 0)
        at = i;
    g_assert_cmpuint (at, !=, GTK_INVALID_LIST_POSITION);
    for (guint i = 0; i < g_list_model_get_n_items (all); i++)
      {
        g_autoptr(VlRecord) r = g_list_model_get_item (all, i);
        gboolean serves = vl_record_get_ref_id (r, "key-result") == vl_record_get_rowid (kr);

        want += serves;
        want_both += serves && vl_record_get_ref_id (r, "iteration") == 0;
      }
    gtk_drop_down_set_selected (kr_filter, at);
    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, want);
    g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "Alignment (1)");
    gtk_drop_down_set_selected (it_filter, 1); /* Not Set */
    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, want_both);
    g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "Alignment (2)");
    gtk_drop_down_set_selected (kr_filter, 0);
    gtk_drop_down_set_selected (it_filter, 0);
    g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "Alignment");
  }

  /* Nothing matches: the page says so, and the filters stay. */
  search_for (page, "zzqx");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  {
    GtkWidget *status = find_status_page (GTK_WIDGET (page));

    g_assert_nonnull (status);
    g_assert_true (gtk_widget_get_mapped (status));
    g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "No Matching Items");
    g_assert_true (gtk_widget_get_mapped (find_by_id (GTK_WIDGET (page), "search_entry")));
  }

  /* Cleared: everything again. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_by_id (GTK_WIDGET (page), "p1_filter")), FALSE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_by_id (GTK_WIDGET (page), "status_filter")), 0);
  search_for (page, "");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 40);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_by_id (GTK_WIDGET (page), "match_count"))),
                   ==, "40");
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

/* Bulk edit: the status, iteration or backlog of every selected item, as
 * one undo step. */
static void
test_bulk_edit (void)
{
  g_autoptr(GFile) file = sample_file ("ui-bulk.valueloop");
  VlWindow *window = vl_window_new (NULL);
  VlBacklogPage *page;
  GListModel *shown;
  gint64 before[3];

  page = open_backlog (window, file);
  shown = vl_backlog_page_get_items (page);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(VlRecord) r = g_list_model_get_item (shown, i);

      before[i] = vl_record_get_int (r, "status");
    }
  gtk_selection_model_select_range (vl_backlog_page_get_selection (page), 0, 3, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "backlog.set-status", "i", VL_STATUS_PLANNED));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(VlRecord) r = g_list_model_get_item (shown, i);

      g_assert_cmpint (vl_record_get_int (r, "status"), ==, VL_STATUS_PLANNED);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(VlRecord) r = g_list_model_get_item (shown, i);

      g_assert_cmpint (vl_record_get_int (r, "status"), ==, before[i]);
    }

  /* The Edit Selected menu offers the plan's iterations and backlogs. */
  {
    GtkMenuButton *bulk = GTK_MENU_BUTTON (find_by_label (GTK_WIDGET (page), "Edit Selected"));
    GMenuModel *menu = gtk_menu_button_get_menu_model (bulk);

    g_assert_nonnull (menu);
    g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 3);
  }

  /* Items 0-2 into the first iteration, then to another backlog, each one
   * undoable step; the moved items keep their order there. */
  {
    VlDocument *doc = vl_window_get_document (window);
    g_autoptr(GListModel) iterations = vl_document_list (doc, VL_KIND_ITERATION, NULL, NULL);
    g_autoptr(GListModel) backlogs = vl_document_list (doc, VL_KIND_BACKLOG, NULL, NULL);
    g_autoptr(VlRecord) sprint = g_list_model_get_item (iterations, 0);
    g_autoptr(VlRecord) platform = g_list_model_get_item (backlogs, 3);
    g_autoptr(GListModel) there = vl_document_list (doc, VL_KIND_ITEM, "backlog", platform);
    guint n_here = g_list_model_get_n_items (shown), n_there = g_list_model_get_n_items (there);
    VlRecord *moved[3];

    for (guint i = 0; i < 3; i++)
      moved[i] = g_list_model_get_item (shown, i);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "backlog.set-iteration", "x",
                                               vl_record_get_rowid (sprint)));
    for (guint i = 0; i < 3; i++)
      g_assert_cmpint (vl_record_get_ref_id (moved[i], "iteration"), ==, vl_record_get_rowid (sprint));
    gtk_selection_model_select_range (vl_backlog_page_get_selection (page), 0, 3, TRUE);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "backlog.set-iteration", "x", (gint64) 0));
    for (guint i = 0; i < 3; i++)
      g_assert_cmpint (vl_record_get_ref_id (moved[i], "iteration"), ==, 0);

    gtk_selection_model_select_range (vl_backlog_page_get_selection (page), 0, 3, TRUE);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "backlog.move-to-backlog", "x",
                                               vl_record_get_rowid (platform)));
    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_here - 3);
    g_assert_cmpuint (g_list_model_get_n_items (there), ==, n_there + 3);
    for (guint i = 0; i < 3; i++)
      {
        g_autoptr(VlRecord) r = g_list_model_get_item (there, n_there + i);

        g_assert_true (r == moved[i]);
      }
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
    spin (50);
    {
      char *sql = sqlite3_mprintf ("SELECT count(*) FROM item WHERE backlog = (SELECT id FROM backlog "
                                   "WHERE name = %Q) AND title IN (%Q, %Q, %Q)",
                                   vl_record_get_string (platform, "name"), vl_record_get_title (moved[0]),
                                   vl_record_get_title (moved[1]), vl_record_get_title (moved[2]));

      g_assert_cmpint (vl_test_query_int (file, sql), ==, 3);
      sqlite3_free (sql);
    }
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_here);
    g_assert_cmpuint (g_list_model_get_n_items (there), ==, n_there);
    for (guint i = 0; i < 3; i++)
      g_object_unref (moved[i]);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

/* The upstream demand is one click away, in its own backlog. */
static void
test_upstream_navigation (void)
{
  g_autoptr(GFile) file = sample_file ("ui-upstream.valueloop");
  VlWindow *window = vl_window_new (NULL);
  VlBacklogPage *page;
  VlItemPanel *panel;

  page = open_backlog (window, file);
  panel = VL_ITEM_PANEL (vl_backlog_page_get_item_panel (page));
  vl_backlog_page_select_backlog (page, 3);              /* Commerce Platform */
  select_only (page, 0);
  g_assert_cmpstr (vl_record_get_title (vl_item_panel_get_item (panel)), ==, "Card vault tokenisation API");
  vl_item_panel_show_upstream (panel);
  g_assert_cmpstr (vl_record_get_title (vl_item_panel_get_item (panel)), ==, "Saved cards at checkout");
  {
    g_autoptr(VlRecord) backlog = vl_record_dup_ref (vl_item_panel_get_item (panel), "backlog");

    g_assert_cmpstr (vl_record_get_title (backlog), ==, "Checkout & Payments");
  }
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

/* Sorting by a column and back to rank order (Ctrl+R); ranking is refused
 * while sorted. */
static void
test_sorting (void)
{
  g_autoptr(GFile) file = sample_file ("ui-sort.valueloop");
  VlWindow *window = vl_window_new (NULL);
  VlBacklogPage *page;
  GListModel *shown;
  GtkColumnView *view;
  g_autoptr(GtkColumnViewColumn) title_column = NULL;
  g_autofree char *first_by_rank = NULL;

  page = open_backlog (window, file);
  shown = vl_backlog_page_get_items (page);
  first_by_rank = g_strdup (title_at (shown, 0));
  view = vl_backlog_page_get_column_view (page);
  title_column = g_list_model_get_item (gtk_column_view_get_columns (view), 1);

  gtk_column_view_sort_by_column (view, title_column, GTK_SORT_ASCENDING);
  for (guint i = 0; i + 1 < g_list_model_get_n_items (shown); i++)
    g_assert_cmpint (g_utf8_collate (title_at (shown, i), title_at (shown, i + 1)), <=, 0);
  {
    g_autofree char *second = g_strdup (title_at (shown, 1));

    select_only (page, 1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "backlog.move-up", NULL));
    g_assert_cmpstr (title_at (shown, 1), ==, second);  /* refused while sorted */
    {
      g_autoptr(VlRecord) a = g_list_model_get_item (shown, 0);
      g_autoptr(VlRecord) b = g_list_model_get_item (shown, 1);

      g_assert_false (vl_backlog_page_drop_item (page, vl_record_get_uuid (b), a, FALSE));
      g_assert_cmpstr (title_at (shown, 1), ==, second);
    }
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "backlog.rank-order", NULL));
  g_assert_cmpstr (title_at (shown, 0), ==, first_by_rank);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

/* Notes, for each row of the table in @widget's subtree that is in view,
 * whether one of its cells shows its item's title. */
static void
find_titles (GtkWidget *widget, GHashTable *rows)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (widget), "vl-list-item");

  if (VL_IS_TEXT_CELL (widget) && list_item != NULL && gtk_widget_get_mapped (widget))
    {
      GtkWidget *list = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLABLE);
      VlRowSlot *slot = gtk_list_item_get_item (list_item);
      graphene_rect_t b;

      g_assert_true (gtk_widget_compute_bounds (widget, list, &b));
      if (slot != NULL && b.origin.y >= 0 && b.origin.y + b.size.height <= gtk_widget_get_height (list))
        {
          const char *title = vl_record_get_title (vl_row_slot_get_record (slot));
          gboolean shown = g_str_equal (vl_text_cell_get_text (VL_TEXT_CELL (widget)), title);

          g_hash_table_insert (rows, slot,
                               GINT_TO_POINTER (shown || GPOINTER_TO_INT (g_hash_table_lookup (rows, slot))));
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_titles (child, rows);
}

/* After the next frame, every row in view shows its item's title; returns
 * how many rows are in view. */
static guint
assert_titles_shown (GtkColumnView *view)
{
  g_autoptr(GHashTable) rows = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer slot, shown;

  spin (120);
  find_titles (GTK_WIDGET (view), rows);
  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, &slot, &shown))
    if (!GPOINTER_TO_INT (shown))
      g_error ("the row of “%s” does not show its title", vl_record_get_title (vl_row_slot_get_record (slot)));
  g_assert_cmpuint (g_hash_table_size (rows), >, 5);
  return g_hash_table_size (rows);
}

/* The table's cells (VlTextCell) follow their rows' items when the view
 * scrolls, when rows above are deleted, and when the window grows. */
static void
test_cells_follow_rows (void)
{
  g_autoptr(GFile) file = sample_file ("ui-cells.valueloop");
  VlWindow *window = vl_window_new (NULL);
  VlBacklogPage *page;
  GtkColumnView *view;
  GtkAdjustment *adj;
  guint rows_in_view;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 480);
  page = open_backlog (window, file);
  view = vl_backlog_page_get_column_view (page);
  adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  rows_in_view = assert_titles_shown (view);
  while (gtk_adjustment_get_value (adj) < gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj))
    {
      gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + 23);
      assert_titles_shown (view);
    }
  gtk_adjustment_set_value (adj, 0);
  assert_titles_shown (view);
  /* An item renamed (here, as by another window): its row follows. */
  {
    g_autoptr(VlRecord) second = g_list_model_get_item (vl_backlog_page_get_items (page), 1);

    g_object_set (second, "title", "Renamed while shown", NULL);
    assert_titles_shown (view);
  }
  gtk_selection_model_select_range (vl_backlog_page_get_selection (page), 0, 6, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "backlog.delete", NULL));
  assert_titles_shown (view);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  WAIT_UNTIL (gtk_widget_get_height (GTK_WIDGET (window)) >= 850, 5);
  g_assert_cmpuint (assert_titles_shown (view), >, rows_in_view);

  /* With hundreds of rows, a sort or a search shows new items in the rows
   * GTK keeps (VlItemSelection's row slots), in place. */
  {
    VlDocument *doc = vl_window_get_document (window);
    g_autoptr(VlRecord) first = g_list_model_get_item (vl_backlog_page_get_items (page), 0);
    g_autoptr(VlRecord) backlog = vl_record_dup_ref (first, "backlog");
    g_autoptr(GtkColumnViewColumn) title = g_list_model_get_item (gtk_column_view_get_columns (view), 1);

    vl_document_begin (doc, "Add many");
    for (guint i = 0; i < 400; i++)
      {
        g_autofree char *name = g_strdup_printf ("%c%03u bulk item", 'a' + i % 26, (i * 7919) % 1000);
        g_autoptr(VlRecord) item = vl_document_insert (doc, VL_KIND_ITEM, backlog, NULL, NULL, NULL);

        g_object_set (item, "title", name, NULL);
      }
    g_assert_true (vl_document_commit (doc, NULL));
    assert_titles_shown (view);
    gtk_column_view_sort_by_column (view, title, GTK_SORT_ASCENDING);
    assert_titles_shown (view);
    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) / 2);
    assert_titles_shown (view);
    search_for (page, "bulk");
    assert_titles_shown (view);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

static gboolean
column_shown (GtkColumnView *view, guint i)
{
  g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (gtk_column_view_get_columns (view), i);

  return gtk_column_view_column_get_visible (column);
}

/* Columns hidden and shown again, from the page's actions (a column
 * header's menu) and the window's (the primary menu): kept in GSettings,
 * followed by every window. */
static void
test_backlog_columns (void)
{
  g_autoptr(GFile) file = sample_file ("ui-columns.valueloop");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  VlWindow *window = vl_window_new (NULL), *other = vl_window_new (NULL);
  VlBacklogPage *page, *other_page;
  GtkColumnView *view, *other_view;
  g_auto(GStrv) hidden = NULL;
  gboolean found = FALSE;
  GMenuModel *menu = vl_backlog_page_get_column_menu (VL_BACKLOG_PAGE (vl_window_get_backlog_page (window)));
  GMenuModel *section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);

  g_settings_reset (settings, "backlog-hidden-columns");
  page = open_backlog (window, file);
  other_page = open_backlog (other, file);
  view = vl_backlog_page_get_column_view (page);
  other_view = vl_backlog_page_get_column_view (other_page);
  /* By default the score shows and its parts do not (the title has room);
   * show Cost for what follows. */
  g_assert_false (column_shown (view, 8));               /* Cost */
  g_assert_true (column_shown (view, 9));                /* Score */
  g_assert_true (column_shown (view, 10));               /* Key Result */
  g_assert_false (column_shown (view, 11));              /* Iteration */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "columns.cost", NULL));
  g_assert_true (column_shown (view, 8));
  g_assert_true (column_shown (other_view, 8));

  /* The menu lists the columns that can be hidden, not # and Title. */
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, 11);
  for (int i = 0; i < g_menu_model_get_n_items (section); i++)
    {
      g_autofree char *action = NULL;

      g_assert_true (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action));
      g_assert_false (g_str_equal (action, "columns.title"));
      found = found || g_str_equal (action, "columns.cost");
    }
  g_assert_true (found);
  g_object_unref (section);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "columns.cost", NULL));
  g_assert_false (column_shown (view, 8));
  g_assert_false (column_shown (other_view, 8));           /* the other window follows */
  g_assert_true (column_shown (view, 1));
  hidden = g_settings_get_strv (settings, "backlog-hidden-columns");
  g_assert_true (g_strv_contains ((const char *const *) hidden, "cost"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (other), "columns.score", NULL));
  g_assert_false (column_shown (view, 9));
  gtk_window_destroy (GTK_WINDOW (other));

  /* A new window starts with the same columns. */
  other = vl_window_new (NULL);
  other_page = open_backlog (other, file);
  g_assert_false (column_shown (vl_backlog_page_get_column_view (other_page), 8));
  g_assert_false (column_shown (vl_backlog_page_get_column_view (other_page), 9));
  gtk_window_destroy (GTK_WINDOW (other));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "columns.cost", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "columns.score", NULL));
  g_assert_true (column_shown (view, 8));
  g_assert_true (column_shown (view, 9));
  g_strfreev (hidden);
  hidden = g_settings_get_strv (settings, "backlog-hidden-columns");
  g_assert_cmpuint (g_strv_length (hidden), ==, 4);     /* the defaults but Cost */
  g_assert_false (g_strv_contains ((const char *const *) hidden, "cost"));
  g_assert_true (g_strv_contains ((const char *const *) hidden, "business-value"));
  g_settings_reset (settings, "backlog-hidden-columns");
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

/* The "Use This Value" button the panel shows for a conflict. */
static GtkWidget *
find_conflict_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "panel.use-value") == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_conflict_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The item panel edits every field; values that lost a concurrent edit on
 * another device are shown with "Use This Value". */
/* Whether a mapped cell at height @y shows @text. */
static gboolean
shows_at (GtkWidget  *widget,
          GtkWidget  *window,
          const char *text,
          double      y)
{
  double x, wy;

  if (g_strcmp0 (label_text (widget), text) == 0 && gtk_widget_get_mapped (widget) &&
      gtk_widget_translate_coordinates (widget, window, 0, 0, &x, &wy) && fabs (wy - y) < 1)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (shows_at (child, window, text, y))
      return TRUE;
  return FALSE;
}

/* A P1 demand planned in a month that has ended is late, one not in
 * progress past mid-month at risk: its row says so in the P1 column (the
 * Goals page's rows say it too, tests/ui/test-ui-goals.c). */
static void
test_p1_risk (void)
{
  g_autoptr(GFile) file = sample_file ("ui-p1.valueloop");
  VlWindow *window = vl_window_new (NULL);
  VlBacklogPage *page = open_backlog (window, file);
  VlDocument *document = vl_window_get_document (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) month = vl_document_insert (document, VL_KIND_ITERATION, NULL, NULL, NULL, &error);
  g_autoptr(VlRecord) item = g_list_model_get_item (vl_backlog_page_get_items (page), 0);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) last = g_date_time_add_months (now, -1);
  g_autofree char *start = g_strdup_printf ("%04d-%02d-01", g_date_time_get_year (last), g_date_time_get_month (last));
  g_autofree char *end = g_strdup_printf ("%04d-%02d-%02d", g_date_time_get_year (last), g_date_time_get_month (last),
                                          g_date_get_days_in_month ((GDateMonth) g_date_time_get_month (last),
                                                                    (GDateYear) g_date_time_get_year (last)));
  double y;

  g_object_set (month, "name", "Last month", "kind", VL_ITERATION_KIND_MONTH, NULL);
  g_assert_true (vl_record_set_from_text (month, "start", start, &error));
  g_assert_true (vl_record_set_from_text (month, "end", end, &error));
  g_object_set (item, "p1", TRUE, "iteration", month, "status", VL_STATUS_PLANNED, NULL);
  select_only (page, 0);
  WAIT_UNTIL (cell_y (GTK_WIDGET (page), GTK_WIDGET (window), vl_record_get_title (item)) >= 0, 5);
  y = cell_y (GTK_WIDGET (page), GTK_WIDGET (window), vl_record_get_title (item));
  WAIT_UNTIL (shows_at (GTK_WIDGET (page), GTK_WIDGET (window), "P1 · late", y), 5);
  /* Launched, it is no longer late. */
  g_object_set (item, "status", VL_STATUS_LAUNCHED, NULL);
  WAIT_UNTIL (shows_at (GTK_WIDGET (page), GTK_WIDGET (window), "P1", y), 5);
  {
    g_autoptr(GDate) today = vl_okr_today ();

    g_assert_cmpint (vl_item_get_p1_state (item, today), ==, VL_P1_DONE);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_item_panel_and_conflicts (void)
{
  g_autoptr(GFile) file = sample_file ("ui-panel.valueloop");
  g_autoptr(GFile) other = vl_test_file ("ui-panel-laptop2.valueloop");
  g_autoptr(GError) error = NULL;
  g_autofree char *other_dir = g_build_filename (vl_test_dir (), "laptop2", NULL);
  VlWindow *window = vl_window_new (NULL);
  VlBacklogPage *page;
  VlItemPanel *panel;
  GListModel *items;
  g_autoptr(VlRecord) item = NULL;
  GtkWidget *row;

  page = open_backlog (window, file);
  panel = VL_ITEM_PANEL (vl_backlog_page_get_item_panel (page));
  items = vl_backlog_page_get_items (page);
  item = g_list_model_get_item (items, 0);

  /* With nothing selected the panel takes no room; selecting one item
   * shows it, F9 hides the panel and shows it again. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel)));
  select_only (page, 0);
  g_assert_true (vl_item_panel_get_item (panel) == item);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));
  press_keys (GTK_WIDGET (window), "key", "F9");
  WAIT_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (panel)), 5);
  press_keys (GTK_WIDGET (window), "key", "F9");
  WAIT_UNTIL (gtk_widget_get_visible (GTK_WIDGET (panel)), 5);

  /* Its status changes from the combo row. */
  row = vl_item_panel_get_row (panel, "status");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), VL_STATUS_DROPPED);
  g_assert_cmpint (vl_record_get_int (item, "status"), ==, VL_STATUS_DROPPED);

  /* An impossible date is refused and the field keeps its value. */
  row = vl_item_panel_get_row (panel, "launch-date");
  {
    g_autofree char *before = g_strdup (vl_record_get_string (item, "launch-date"));

    gtk_editable_set_text (GTK_EDITABLE (row), "2026-02-30");
    g_signal_emit_by_name (row, "apply");
    g_assert_true (gtk_widget_has_css_class (row, "error"));
    g_assert_cmpstr (vl_record_get_string (item, "launch-date"), ==, before);
  }

  /* Launched, its hypothesis is frozen: a change asks first, Keep It
   * keeps it, Change writes it and the status history says what changed. */
  {
    g_autoptr(GListModel) history = vl_document_list (vl_window_get_document (window), VL_KIND_TRANSITION,
                                                      "item", item);
    AdwMessageDialog *dialog;
    guint before;

    g_object_set (item, "status", VL_STATUS_LAUNCHED, "expected", 3.0, NULL);
    before = g_list_model_get_n_items (history);
    row = vl_item_panel_get_row (panel, "expected");
    gtk_editable_set_text (GTK_EDITABLE (row), "3.5");
    g_signal_emit_by_name (row, "apply");
    WAIT_UNTIL ((dialog = find_dialog_with ("change")) != NULL, 5);
    adw_message_dialog_response (dialog, "cancel");
    gtk_window_destroy (GTK_WINDOW (dialog));
    g_assert_cmpfloat (vl_record_get_number (item, "expected"), ==, 3.0);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "3");
    gtk_editable_set_text (GTK_EDITABLE (row), "3.5");
    g_signal_emit_by_name (row, "apply");
    WAIT_UNTIL ((dialog = find_dialog_with ("change")) != NULL, 5);
    adw_message_dialog_response (dialog, "change");
    gtk_window_destroy (GTK_WINDOW (dialog));
    g_assert_cmpfloat (vl_record_get_number (item, "expected"), ==, 3.5);
    g_assert_cmpuint (g_list_model_get_n_items (history), ==, before + 1);
    {
      g_autoptr(VlRecord) t = g_list_model_get_item (history, before);

      g_assert_cmpstr (vl_record_get_string (t, "note"), ==, "Expected Value: 3 → 3.5");
    }
    /* The actual value is not the hypothesis: no question. */
    row = vl_item_panel_get_row (panel, "actual");
    gtk_editable_set_text (GTK_EDITABLE (row), "3.2");
    g_signal_emit_by_name (row, "apply");
    g_assert_cmpfloat (vl_record_get_number (item, "actual"), ==, 3.2);
    g_assert_null (find_dialog_with ("change"));
  }

  /* The description takes several lines; leaving the item writes it. */
  row = vl_item_panel_get_row (panel, "description");
  {
    GtkTextView *view = GTK_TEXT_VIEW (find_by_type (row, GTK_TYPE_TEXT_VIEW));

    g_assert_true (GTK_IS_TEXT_VIEW (view));
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "Why: guests drop out.\nHow: one page.", -1);
    select_only (page, 1);
    g_assert_cmpstr (vl_record_get_string (item, "description"), ==, "Why: guests drop out.\nHow: one page.");
    select_only (page, 0);
    g_assert_true (vl_item_panel_get_item (panel) == item);
  }

  /* Another laptop writes the same title at the same time and loses. */
  g_assert_true (vl_document_publish (vl_window_get_document (window), &error));
  g_assert_true (g_file_copy (file, other, 0, NULL, NULL, NULL, &error));
  {
    g_autoptr(VlDocument) laptop2 = vl_document_open_for_device (other, other_dir, 0, &error);
    g_autoptr(VlRecord) same = NULL;

    g_assert_no_error (error);
    vl_document_set_device (laptop2, "00000000-0000-4000-8000-000000000222", "laptop-2");
    same = vl_document_find (laptop2, VL_KIND_ITEM, vl_record_get_uuid (item));
    g_object_set (same, "title", "Written on laptop 2", NULL);
    g_assert_true (vl_document_publish (laptop2, &error));
  }
  g_usleep (2000);
  g_object_set (item, "title", "Written here, later", NULL);
  g_assert_true (vl_document_merge_file (vl_window_get_document (window), other, NULL, &error));
  g_assert_cmpstr (vl_record_get_title (item), ==, "Written here, later");
  g_assert_cmpuint (vl_item_panel_get_n_conflicts (panel), ==, 1);

  /* F2 goes to the title row; "Use This Value" takes laptop 2's title. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "backlog.rename", NULL));
  {
    GtkWidget *use = find_conflict_button (GTK_WIDGET (panel));

    g_assert_nonnull (use);
    g_signal_emit_by_name (use, "clicked");
  }
  g_assert_cmpstr (vl_record_get_title (item), ==, "Written on laptop 2");
  g_assert_cmpuint (vl_item_panel_get_n_conflicts (panel), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

static void
test_backlog_rename_delete (void)
{
  g_autoptr(GFile) file = sample_file ("ui-backlogs.valueloop");
  VlWindow *window = vl_window_new (NULL);
  VlBacklogPage *page;
  VlDocument *doc;
  AdwMessageDialog *dialog;
  g_autoptr(VlRecord) renamed = NULL;

  page = open_backlog (window, file);
  doc = vl_window_get_document (window);

  /* Delete Storefront: the backlog and its 40 items, one Undo away. */
  vl_backlog_page_select_backlog (page, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "backlog.delete-backlog", NULL));
  g_assert_cmpuint (vl_document_count (doc, VL_KIND_BACKLOG), ==, 3);
  g_assert_cmpuint (vl_document_count (doc, VL_KIND_ITEM), ==, 111);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (vl_document_count (doc, VL_KIND_BACKLOG), ==, 4);
  g_assert_cmpuint (vl_document_count (doc, VL_KIND_ITEM), ==, 151);

  /* Rename through the dialog. */
  vl_backlog_page_select_backlog (page, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "backlog.rename-backlog", NULL));
  dialog = find_dialog_with ("rename");
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "Checkout");
  adw_message_dialog_response (dialog, "rename");
  renamed = vl_document_find (doc, VL_KIND_BACKLOG, "Checkout");
  g_assert_nonnull (renamed);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

/* Real drag and drop in the backlog: the first row's title dragged onto
 * the lower half of the fourth row. */
static void
test_drag_to_rank (void)
{
  g_autoptr(GFile) file = sample_file ("ui-drag.valueloop");
  VlWindow *window = vl_window_new (NULL);
  VlBacklogPage *page = open_backlog (window, file);
  GListModel *items = vl_backlog_page_get_items (page);
  g_autofree char *first = g_strdup (title_at (items, 0));
  g_autofree char *second = g_strdup (title_at (items, 1));
  g_autofree char *fourth = g_strdup (title_at (items, 3));
  double x0, y0, x3, y3;

  spin (200);
  /* The page loads when shown: wait until its rows stop moving (slow
   * under ASan) before aiming the pointer at them. */
  wait_label_settled (GTK_WIDGET (window), fourth);
  g_assert_true (label_point (GTK_WIDGET (window), GTK_WIDGET (window), first, &x0, &y0));
  g_assert_true (label_point (GTK_WIDGET (window), GTK_WIDGET (window), fourth, &x3, &y3));
  if (pointer_drag (GTK_WIDGET (window), x0 + 40, y0 + 8, x3 + 40, y3 + 16))
    {
      /* Rows 2-4 moved up one; the dragged row is fourth and selected. */
      WAIT_UNTIL (g_strcmp0 (title_at (items, 3), first) == 0, 5);
      g_assert_cmpstr (title_at (items, 0), ==, second);
      g_assert_cmpstr (title_at (items, 2), ==, fourth);
      g_assert_cmpstr (title_at (items, 3), ==, first);
      g_assert_true (gtk_selection_model_is_selected (vl_backlog_page_get_selection (page), 3));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
      g_assert_cmpstr (title_at (items, 0), ==, first);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

/* A title edited in its row, with real keys: F2 on the selection, a new
 * item (Ctrl+N starts editing its title), Escape, leaving the field; typing
 * in the list without F2 still searches. Checked in the rows and the file. */
static void
test_inline_title (void)
{
  g_autoptr(GFile) file = sample_file ("ui-inline.valueloop");
  g_autoptr(GError) error = NULL;
  VlWindow *window = vl_window_new (NULL);
  VlBacklogPage *page = open_backlog (window, file);
  GListModel *shown = vl_backlog_page_get_items (page);
  GtkWidget *view = GTK_WIDGET (vl_backlog_page_get_column_view (page));
  GtkWidget *search = find_by_id (GTK_WIDGET (page), "search_entry");
  VlDocument *doc = vl_window_get_document (window);
  guint n = g_list_model_get_n_items (shown);
  g_autofree char *third = g_strdup (title_at (shown, 2));

  /* An edit ended by Enter, then F2 at once (before the main loop runs
   * again): the first field's going must not end the second edit. */
  select_only (page, 0);
  gtk_widget_grab_focus (view);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "backlog.rename", NULL));
  g_assert_true (GTK_IS_TEXT (gtk_window_get_focus (GTK_WINDOW (window))));
  g_signal_emit_by_name (gtk_window_get_focus (GTK_WINDOW (window)), "activate");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "backlog.rename", NULL));
  spin (200);
  g_assert_true (GTK_IS_TEXT (gtk_window_get_focus (GTK_WINDOW (window))));
  g_signal_emit_by_name (gtk_window_get_focus (GTK_WINDOW (window)), "activate");
  spin (50);

  select_only (page, 1);
  gtk_widget_grab_focus (view);
  if (!press_keys (GTK_WIDGET (window), "key", "F2"))
    goto out;
  WAIT_UNTIL (GTK_IS_TEXT (gtk_window_get_focus (GTK_WINDOW (window))), 5);
  press_keys (GTK_WIDGET (window), "type", "Wallet passes");
  press_keys (GTK_WIDGET (window), "key", "Return");
  WAIT_UNTIL (g_strcmp0 (title_at (shown, 1), "Wallet passes") == 0, 5);
  g_assert_false (GTK_IS_TEXT (gtk_window_get_focus (GTK_WINDOW (window))));
  g_assert_true (cell_y (view, GTK_WIDGET (window), "Wallet passes") >= 0);   /* the row shows it */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");

  /* Ctrl+N: a new item below, its title being edited. */
  press_keys (GTK_WIDGET (window), "key", "ctrl+n");
  WAIT_UNTIL (g_list_model_get_n_items (shown) == n + 1 && GTK_IS_TEXT (gtk_window_get_focus (GTK_WINDOW (window))), 5);
  press_keys (GTK_WIDGET (window), "type", "Gift cards");
  press_keys (GTK_WIDGET (window), "key", "Return");
  WAIT_UNTIL (g_strcmp0 (title_at (shown, 2), "Gift cards") == 0, 5);
  g_assert_cmpstr (title_at (shown, 3), ==, third);

  /* Escape leaves the title as it was. */
  press_keys (GTK_WIDGET (window), "key", "F2");
  WAIT_UNTIL (GTK_IS_TEXT (gtk_window_get_focus (GTK_WINDOW (window))), 5);
  press_keys (GTK_WIDGET (window), "type", "Not this");
  press_keys (GTK_WIDGET (window), "key", "Escape");
  WAIT_UNTIL (!GTK_IS_TEXT (gtk_window_get_focus (GTK_WINDOW (window))), 5);
  g_assert_cmpstr (title_at (shown, 2), ==, "Gift cards");

  /* Leaving the field writes what was typed. */
  press_keys (GTK_WIDGET (window), "key", "F2");
  WAIT_UNTIL (GTK_IS_TEXT (gtk_window_get_focus (GTK_WINDOW (window))), 5);
  press_keys (GTK_WIDGET (window), "type", "Gift cards and vouchers");
  /* Every key has reached the field (a slow build may still be behind). */
  WAIT_UNTIL (GTK_IS_TEXT (gtk_window_get_focus (GTK_WINDOW (window))) &&
              g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (gtk_window_get_focus (GTK_WINDOW (window)))),
                         "Gift cards and vouchers") == 0, 5);
  gtk_widget_grab_focus (search);
  WAIT_UNTIL (g_strcmp0 (title_at (shown, 2), "Gift cards and vouchers") == 0, 5);

  /* Typing in the list, without F2, searches. */
  gtk_widget_grab_focus (view);
  press_keys (GTK_WIDGET (window), "type", "vouch");
  WAIT_UNTIL (g_list_model_get_n_items (shown) == 1, 5);
  g_assert_cmpstr (title_at (shown, 0), ==, "Gift cards and vouchers");

  /* Undo steps back through the edits; the file has the result. */
  g_assert_true (vl_document_undo (doc, &error));
  g_assert_cmpstr (vl_record_get_title (vl_document_find (doc, VL_KIND_ITEM, "Gift cards")), ==, "Gift cards");
  g_assert_true (vl_document_redo (doc, &error));
  g_assert_true (vl_document_publish (doc, &error));
  g_assert_no_error (error);
  g_assert_cmpint (vl_test_query_int (file, "SELECT count(*) FROM item WHERE title IN "
                                            "('Wallet passes', 'Gift cards and vouchers') AND deleted <> 1"), ==, 2);
out:
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

static VlViewList *
find_view_list (GtkWidget *widget)
{
  if (VL_IS_VIEW_LIST (widget))
    return VL_VIEW_LIST (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      VlViewList *found = find_view_list (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Ctrl+D saves the search, filters, sort and columns under a name; the
 * view is listed under the backlogs and brings them all back from another
 * backlog; renamed and deleted, with Undo. */
static void
test_saved_views (void)
{
  g_autoptr(GFile) file = sample_file ("ui-views.valueloop");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  VlWindow *window = vl_window_new (NULL);
  VlBacklogPage *page;
  VlDocument *doc;
  GtkColumnView *view;
  GtkDropDown *status;
  GListModel *shown, *views;
  AdwMessageDialog *dialog = NULL;
  g_autoptr(VlRecord) saved = NULL, storefront = NULL;
  g_autoptr(GtkColumnViewColumn) title = NULL;
  g_auto(GStrv) hidden = NULL;
  guint matches;

  g_settings_reset (settings, "backlog-hidden-columns");
  page = open_backlog (window, file);
  doc = vl_window_get_document (window);
  storefront = vl_backlog_page_dup_backlog (page);
  shown = vl_backlog_page_get_items (page);
  view = vl_backlog_page_get_column_view (page);
  status = GTK_DROP_DOWN (find_by_id (GTK_WIDGET (page), "status_filter"));

  /* A search, a status, a sort by title descending, the Cost column shown. */
  search_for (page, "checkout");
  gtk_drop_down_set_selected (status, VL_STATUS_IN_PROGRESS + 1);
  title = g_list_model_get_item (gtk_column_view_get_columns (view), 1);
  gtk_column_view_sort_by_column (view, title, GTK_SORT_DESCENDING);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "columns.cost", NULL));
  spin (100);
  matches = g_list_model_get_n_items (shown);
  g_assert_cmpuint (matches, >, 1);

  gtk_widget_grab_focus (GTK_WIDGET (view));
  g_assert_true (press_keys (GTK_WIDGET (window), "key", "ctrl+d"));
  WAIT_UNTIL ((dialog = find_dialog_with ("save")) != NULL, 5);
  wait_shown (GTK_WIDGET (dialog));
  g_assert_true (press_keys (GTK_WIDGET (dialog), "key", "ctrl+a"));
  g_assert_true (press_keys (GTK_WIDGET (dialog), "type", "Checkout in flight"));
  g_assert_true (press_keys (GTK_WIDGET (dialog), "key", "Return"));
  WAIT_UNTIL (vl_document_count (doc, VL_KIND_VIEW) == 1, 5);
  saved = vl_document_find (doc, VL_KIND_VIEW, "Checkout in flight");
  g_assert_nonnull (saved);
  g_assert_true (vl_record_get_ref_id (saved, "backlog") == vl_record_get_rowid (storefront));

  /* Elsewhere: another backlog, nothing filtered, rank order, no Cost. */
  search_for (page, "");
  gtk_drop_down_set_selected (status, 0);
  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "columns.cost", NULL));
  vl_backlog_page_select_backlog (page, 1);
  spin (100);
  shown = vl_backlog_page_get_items (page);   /* (each backlog has its list) */
  g_assert_cmpuint (g_list_model_get_n_items (shown), !=, matches);

  /* The view, from the list under the backlogs. */
  views = vl_view_list_get_views (find_view_list (GTK_WIDGET (page)));
  g_assert_nonnull (views);
  g_assert_cmpuint (g_list_model_get_n_items (views), ==, 1);
  {
    /* (as a click or Enter on its row does) */
    GtkWidget *list = gtk_widget_get_last_child (GTK_WIDGET (find_view_list (GTK_WIDGET (page))));

    g_assert_true (GTK_IS_LIST_VIEW (list));
    wait_shown (list);
    g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", 0));
  }
  spin (100);
  {
    g_autoptr(VlRecord) now = vl_backlog_page_dup_backlog (page);

    g_assert_true (now == storefront);
  }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_by_id (GTK_WIDGET (page), "search_entry"))), ==,
                   "checkout");
  g_assert_cmpuint (gtk_drop_down_get_selected (status), ==, VL_STATUS_IN_PROGRESS + 1);
  WAIT_UNTIL (g_list_model_get_n_items ((shown = vl_backlog_page_get_items (page))) == matches, 5);
  hidden = g_settings_get_strv (settings, "backlog-hidden-columns");
  g_assert_false (g_strv_contains ((const char *const *) hidden, "cost"));
  if (matches > 1)
    g_assert_cmpint (g_utf8_collate (title_at (shown, 0), title_at (shown, matches - 1)), >=, 0);

  /* Renamed, then deleted; Undo brings it back. */
  vl_view_list_select (find_view_list (GTK_WIDGET (page)), saved);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (find_view_list (GTK_WIDGET (page))), "views.rename", NULL));
  WAIT_UNTIL ((dialog = find_dialog_with ("rename")) != NULL, 5);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "Launching soon");
  adw_message_dialog_response (dialog, "rename");
  WAIT_UNTIL (g_str_equal (vl_record_get_title (saved), "Launching soon"), 5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (find_view_list (GTK_WIDGET (page))), "views.delete", NULL));
  WAIT_UNTIL (vl_document_count (doc, VL_KIND_VIEW) == 0, 5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  WAIT_UNTIL (vl_document_count (doc, VL_KIND_VIEW) == 1, 5);
  g_settings_reset (settings, "backlog-hidden-columns");
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

/* Every key of the Backlog page is in the shortcuts window's Backlog
 * group, and every key listed there does something. */
static void
test_shortcuts_listed (void)
{
  VlWindow *window = vl_window_new (NULL);
  GtkWidget *widgets[] = { vl_window_get_backlog_page (window), NULL };

  g_assert_cmpuint (assert_shortcuts_listed (widgets, "Backlog"), >=, 11);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  if (!vl_ui_test_init (&argc, &argv))
    return 0;
  g_test_add_func ("/ui/backlog-editing", test_backlog_editing);
  g_test_add_func ("/ui/item-panel-and-conflicts", test_item_panel_and_conflicts);
  g_test_add_func ("/ui/p1-risk", test_p1_risk);
  g_test_add_func ("/ui/search-and-filters", test_search_and_filters);
  g_test_add_func ("/ui/sorting", test_sorting);
  g_test_add_func ("/ui/cells-follow-rows", test_cells_follow_rows);
  g_test_add_func ("/ui/backlog-columns", test_backlog_columns);
  g_test_add_func ("/ui/inline-title", test_inline_title);
  g_test_add_func ("/ui/drag-to-rank", test_drag_to_rank);
  g_test_add_func ("/ui/bulk-edit", test_bulk_edit);
  g_test_add_func ("/ui/upstream-navigation", test_upstream_navigation);
  g_test_add_func ("/ui/backlog-rename-delete", test_backlog_rename_delete);
  g_test_add_func ("/ui/saved-views", test_saved_views);
  g_test_add_func ("/ui/backlog-shortcuts-listed", test_shortcuts_listed);
  return g_test_run ();
}
