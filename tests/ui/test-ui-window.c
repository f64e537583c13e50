/* test-ui-window.c — UI tests of the window: opening plans, bad files, copies, two windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "vl-ui-test.h"

static void
test_bad_file_dialog (void)
{
  g_autoptr(GFile) file = vl_test_file ("ui-broken.valueloop");
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *after = NULL;
  VlWindow *window = vl_window_new (NULL);
  GListModel *toplevels = gtk_window_get_toplevels ();
  gboolean found = FALSE;
  gsize len;

  g_assert_true (g_file_set_contents (path, "this is not a plan", -1, NULL));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (vl_window_open_file (window, file));
  spin (50);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w))
        {
          const char *body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (w));

          found = strstr (body, "ui-broken.valueloop") != NULL && strstr (body, "not a database") != NULL;
          gtk_window_destroy (GTK_WINDOW (w));
        }
    }
  g_assert_true (found);
  g_assert_null (vl_window_get_document (window));  /* still on the welcome page */
  after = vl_test_read (file, &len);
  g_assert_cmpstr (after, ==, "this is not a plan");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A new plan: from nothing to a first item, by keyboard actions only. */
static void
test_empty_plan (void)
{
  g_autoptr(GFile) file = vl_test_file ("ui-empty.valueloop");
  g_autoptr(GError) error = NULL;
  g_autoptr(VlDocument) made = vl_document_create (file, "Q1 planning", &error);
  VlWindow *window = vl_window_new (NULL);
  VlBacklogPage *page;

  g_clear_object (&made);
  page = open_backlog (window, file);
  g_assert_null (vl_backlog_page_get_items (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "backlog.new-backlog", NULL));
  g_assert_nonnull (vl_backlog_page_get_items (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "backlog.new-item", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (vl_backlog_page_get_items (page)), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_cmpint (vl_test_query_int (file, "SELECT count(*) FROM backlog WHERE deleted <> 1"), ==, 1);
  g_assert_cmpint (vl_test_query_int (file, "SELECT count(*) FROM item WHERE deleted <> 1"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

/* The welcome page lists recent plans; activating one opens it. */
static void
test_recent_plan_opens (void)
{
  g_autoptr(GFile) file = sample_file ("ui-recent.valueloop");
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *name = g_file_get_basename (file);
  VlWindow *window;
  GtkWidget *row = NULL;

  g_assert_true (gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri));
  spin (50);
  window = vl_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  wait_shown (GTK_WIDGET (window));
  for (GtkWidget *r = gtk_widget_get_first_child (find_by_id (GTK_WIDGET (window), "recent_list")); r != NULL;
       r = gtk_widget_get_next_sibling (r))
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (r)), name) == 0)
      row = r;
  g_assert_nonnull (row);
  g_assert_null (vl_window_get_document (window));
  g_assert_true (gtk_widget_activate (row));
  WAIT_UNTIL (vl_window_get_document (window) != NULL, 5);
  g_assert_true (g_file_equal (vl_document_get_file (vl_window_get_document (window)), file));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

/* Opening a copy of a plan that is open elsewhere offers to make it a
 * plan of its own; accepting opens it. */
static void
test_copy_made_independent (void)
{
  g_autoptr(GFile) file = sample_file ("ui-original.valueloop");
  g_autoptr(GFile) copy = vl_test_file ("ui-copy.valueloop");
  g_autoptr(GError) error = NULL;
  g_autoptr(VlDocument) original = vl_document_open (file, VL_DOCUMENT_OPEN_NONE, &error);
  VlWindow *window = vl_window_new (NULL);
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *dialog = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_copy (file, copy, 0, NULL, NULL, NULL, &error));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (vl_window_open_file (window, copy));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) &&
          adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (w), "independent"))
        dialog = ADW_MESSAGE_DIALOG (w);
    }
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "ui-copy.valueloop"));
  adw_message_dialog_response (dialog, "independent");
  g_assert_nonnull (vl_window_get_document (window));
  g_assert_cmpstr (vl_document_get_doc_id (vl_window_get_document (window)), !=,
                   vl_document_get_doc_id (original));
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}


static void
set_title_in_panel (VlBacklogPage *page, const char *title)
{
  GtkWidget *row = vl_item_panel_get_row (VL_ITEM_PANEL (vl_backlog_page_get_item_panel (page)),
                                          "title");

  gtk_editable_set_text (GTK_EDITABLE (row), title);
  g_signal_emit_by_name (row, "apply");
}

static VlWindow *
window_for_device (GFile *file, const char *name, const char *uuid, VlBacklogPage **page)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (vl_test_dir (), name, NULL);
  g_autoptr(VlDocument) doc = vl_document_open_for_device (file, dir, 0, &error);
  VlWindow *window = vl_window_new (NULL);

  g_assert_no_error (error);
  vl_document_set_device (doc, uuid, name);
  vl_window_set_document (window, doc);
  *page = show_backlog (window);
  return window;
}

static gboolean
status_is (VlWindow *window, const char *prefix)
{
  return g_str_has_prefix (vl_window_get_status (window), prefix);
}

/* Two laptops (two data directories) have the plan open in two windows on
 * one shared file. Nothing but the windows' own watching carries changes. */
static void
test_two_windows_converge (void)
{
  g_autoptr(GFile) file = sample_file ("ui-two-laptops.valueloop");
  VlBacklogPage *page_a, *page_b;
  VlWindow *a = window_for_device (file, "laptop-a", "00000000-0000-4000-8000-00000000000a",
                                   &page_a);
  VlWindow *b = window_for_device (file, "laptop-b", "00000000-0000-4000-8000-00000000000b",
                                   &page_b);
  GListModel *items_a = vl_backlog_page_get_items (page_a);
  GListModel *items_b = vl_backlog_page_get_items (page_b);
  GtkSelectionModel *selection_b = vl_backlog_page_get_selection (page_b);
  GtkAdjustment *scroll_b = gtk_scrollable_get_vadjustment (
    GTK_SCROLLABLE (vl_backlog_page_get_column_view (page_b)));
  g_autoptr(VlRecord) kept = NULL;
  g_autoptr(VlRecord) shared = NULL;
  double scrolled, kept_y;
  guint n = g_list_model_get_n_items (items_a);

  g_assert_cmpuint (g_list_model_get_n_items (items_b), ==, n);

  /* Laptop B is reading item 6, scrolled down a little. */
  select_only (page_b, 6);
  kept = g_list_model_get_item (items_b, 6);
  spin (100);
  gtk_adjustment_set_value (scroll_b, 120);
  spin (100);
  scrolled = gtk_adjustment_get_value (scroll_b);
  g_assert_cmpfloat (scrolled, >, 0);
  kept_y = cell_y (GTK_WIDGET (b), GTK_WIDGET (b), vl_record_get_title (kept));
  g_assert_cmpfloat (kept_y, >, 0);

  /* Laptop A adds an item and names it; it publishes by itself. */
  select_only (page_a, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page_a), "backlog.new-item", NULL));
  set_title_in_panel (page_a, "Added on laptop A");
  WAIT_UNTIL (g_list_model_get_n_items (items_b) == n + 1 &&
              g_strcmp0 (title_at (items_b, 1), "Added on laptop A") == 0, 15);
  g_assert_true (status_is (b, "Merged changes from laptop-a"));
  /* B's view updated in place: the same item selected, still scrolled
   * down, and the row B was reading did not move on screen. */
  g_assert_true (gtk_selection_model_is_selected (selection_b, 7));
  {
    g_autoptr(VlRecord) now = g_list_model_get_item (items_b, 7);

    g_assert_true (now == kept);
  }
  spin (100);
  g_assert_cmpfloat (gtk_adjustment_get_value (scroll_b), >=, scrolled);
  g_assert_cmpfloat (cell_y (GTK_WIDGET (b), GTK_WIDGET (b), vl_record_get_title (kept)), ==,
                     kept_y);
  WAIT_UNTIL (status_is (a, "Saved"), 5);

  /* Both change the same title at once and save; B writes last and wins,
   * and both windows show A's title as "Changed on two devices". */
  select_only (page_a, 2);
  select_only (page_b, 2);
  shared = g_list_model_get_item (items_a, 2);
  set_title_in_panel (page_a, "Title from laptop A");
  g_usleep (2000);
  set_title_in_panel (page_b, "Title from laptop B");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (a), "win.save", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (b), "win.save", NULL));
  WAIT_UNTIL (g_strcmp0 (title_at (items_a, 2), "Title from laptop B") == 0 &&
              g_strcmp0 (title_at (items_b, 2), "Title from laptop B") == 0 &&
              status_is (a, "Merged changes from laptop-b"), 15);
  g_assert_cmpuint (vl_item_panel_get_n_conflicts (
                      VL_ITEM_PANEL (vl_backlog_page_get_item_panel (page_a))), ==, 1);
  g_assert_cmpuint (vl_item_panel_get_n_conflicts (
                      VL_ITEM_PANEL (vl_backlog_page_get_item_panel (page_b))), ==, 1);

  /* The shared file holds both edits, and the losing value. */
  WAIT_UNTIL (status_is (a, "Merged") && status_is (b, "Saved"), 10);
  g_assert_cmpint (vl_test_query_int (file, "SELECT count(*) FROM item WHERE deleted <> 1 AND "
                                            "title IN ('Added on laptop A', 'Title from laptop B')"),
                   ==, 2);
  g_assert_cmpint (vl_test_query_int (file, "SELECT count(*) FROM conflict WHERE "
                                            "json_extract (value, '$.title') = 'Title from laptop A'"), ==, 1);
  g_assert_cmpstr (vl_record_get_title (shared), ==, "Title from laptop B");

  gtk_window_destroy (GTK_WINDOW (a));
  gtk_window_destroy (GTK_WINDOW (b));
  spin (20);
}

/* Every key of the window is in the shortcuts window's Plans, Editing or
 * Pages group, every key listed there does something, and every action
 * listed by name is the window's (or the application's). */
static void
test_shortcuts_listed (void)
{
  VlWindow *window = vl_window_new (NULL);
  GtkWidget *widgets[] = { GTK_WIDGET (window), NULL };
  const char *groups[] = { "Plans", "Editing", "Pages", NULL };

  g_assert_cmpuint (assert_keys_listed (widgets, groups, FALSE), >=, 10);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  if (!vl_ui_test_init (&argc, &argv))
    return 0;
  g_test_add_func ("/ui/empty-plan", test_empty_plan);
  g_test_add_func ("/ui/bad-file-dialog", test_bad_file_dialog);
  g_test_add_func ("/ui/copy-made-independent", test_copy_made_independent);
  g_test_add_func ("/ui/recent-plan-opens", test_recent_plan_opens);
  g_test_add_func ("/ui/two-windows-converge", test_two_windows_converge);
  g_test_add_func ("/ui/window-shortcuts-listed", test_shortcuts_listed);
  return g_test_run ();
}
