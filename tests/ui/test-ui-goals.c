/* test-ui-goals.c — UI tests of the Goals page: OKR outline, check-ins, links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "vl-goals-page-private.h"
#include "vl-ui-test.h"

/* "title@depth" of every row of the outline, one per line. */
static char *
outline_text (VlGoalsPage *page)
{
  GListModel *rows = vl_goals_page_get_rows (page);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(VlRecord) r = gtk_tree_list_row_get_item (row);

      g_string_append_printf (text, "%s@%u\n", vl_record_get_title (r), gtk_tree_list_row_get_depth (row));
    }
  return g_string_free (text, FALSE);
}

static VlRecord *
objective_titled (VlWindow   *window,
                  const char *title)
{
  VlRecord *r = vl_document_find (vl_window_get_document (window), VL_KIND_OBJECTIVE, title);

  g_assert_nonnull (r);
  return r;
}

static void
make_cycle_in_dialog (VlGoalsPage *page)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "goals.new-cycle", NULL));
  dialog = find_dialog_with ("save");
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (find_by_id (GTK_WIDGET (dialog), "name_row")), "2026 H2");
  gtk_editable_set_text (GTK_EDITABLE (find_by_id (GTK_WIDGET (dialog), "start_row")), "2026-07-01");
  /* An impossible date, then an end before the start: the button stays off. */
  gtk_editable_set_text (GTK_EDITABLE (find_by_id (GTK_WIDGET (dialog), "end_row")), "2026-12-32");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (GTK_EDITABLE (find_by_id (GTK_WIDGET (dialog), "end_row")), "2026-06-30");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (GTK_EDITABLE (find_by_id (GTK_WIDGET (dialog), "end_row")), "2026-12-31");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (50);
}

/* A company → business line → project tree from an empty plan, with the
 * keyboard alone; then the outline's actions, checked in the rows and in
 * the file. */
static void
test_goals_outline_keyboard (void)
{
  g_autoptr(GFile) file = vl_test_file ("ui-goals.valueloop");
  g_autoptr(GError) error = NULL;
  g_autoptr(VlDocument) made = vl_document_create (file, "OKRs", &error);
  VlWindow *window = vl_window_new (NULL);
  g_autoptr(VlRecord) grow = NULL, profit = NULL, checkout = NULL, kr = NULL;
  g_autoptr(VlRecord) parent = NULL;
  g_autofree char *text = NULL;
  VlGoalsPage *page;

  g_clear_object (&made);
  page = open_goals (window, file);
  g_assert_cmpstr (vl_goals_page_get_empty_state (page), ==, "no-cycles");
  make_cycle_in_dialog (page);
  g_assert_cmpstr (vl_goals_page_get_empty_state (page), ==, "empty");
  g_assert_cmpstr (vl_record_get_title (vl_goals_page_get_cycle (page)), ==, "2026 H2");

  if (!press_keys (GTK_WIDGET (window), "key", "ctrl+n"))
    goto out;
  WAIT_UNTIL (g_strcmp0 (vl_goals_page_get_empty_state (page), "outline") == 0, 5);
  press_keys (GTK_WIDGET (window), "type", "Grow");
  press_keys (GTK_WIDGET (window), "key", "Return Return");
  press_keys (GTK_WIDGET (window), "type", "Profit");
  press_keys (GTK_WIDGET (window), "key", "Return Tab Return");
  press_keys (GTK_WIDGET (window), "type", "Checkout");
  press_keys (GTK_WIDGET (window), "key", "Return Tab ctrl+k");
  press_keys (GTK_WIDGET (window), "type", "Median time to pay");
  press_keys (GTK_WIDGET (window), "key", "Return");
  text = outline_text (page);
  g_assert_cmpstr (text, ==, "Grow@0\nProfit@1\nCheckout@2\nMedian time to pay@3\n");
  grow = objective_titled (window, "Grow");
  profit = objective_titled (window, "Profit");
  checkout = objective_titled (window, "Checkout");
  g_assert_cmpint (vl_record_get_int (grow, "level"), ==, VL_LEVEL_COMPANY);
  g_assert_cmpint (vl_record_get_int (profit, "level"), ==, VL_LEVEL_BUSINESS_LINE);
  g_assert_cmpint (vl_record_get_int (checkout, "level"), ==, VL_LEVEL_PROJECT);

  /* Nothing aligns below a project objective: Tab on a new sibling of
   * "Checkout" is refused, and it stays where it is. */
  g_assert_true (vl_goals_page_select (page, checkout));
  press_keys (GTK_WIDGET (window), "key", "Return");
  press_keys (GTK_WIDGET (window), "type", "Loyalty");
  press_keys (GTK_WIDGET (window), "key", "Return Tab");
  {
    g_autoptr(VlRecord) loyalty = objective_titled (window, "Loyalty");

    parent = vl_record_dup_ref (loyalty, "parent");
    g_assert_true (parent == profit);
    g_clear_object (&parent);
    /* Shift+Tab takes it out from under "Profit", to follow it. */
    press_keys (GTK_WIDGET (window), "key", "shift+Tab");
    parent = vl_record_dup_ref (loyalty, "parent");
    g_assert_true (parent == grow);
    g_assert_cmpint (vl_record_get_int (loyalty, "level"), ==, VL_LEVEL_PROJECT);
    g_clear_object (&parent);
    /* Alt+Up puts it before "Profit". */
    press_keys (GTK_WIDGET (window), "key", "alt+Up");
    g_free (text);
    text = outline_text (page);
    g_assert_cmpstr (text, ==, "Grow@0\nLoyalty@1\nProfit@1\nCheckout@2\nMedian time to pay@3\n");
    /* F2 renames. */
    press_keys (GTK_WIDGET (window), "key", "F2 ctrl+a");
    press_keys (GTK_WIDGET (window), "type", "Loyalty MVP");
    press_keys (GTK_WIDGET (window), "key", "Return");
    g_assert_cmpstr (vl_record_get_title (loyalty), ==, "Loyalty MVP");
  }

  /* Delete takes the subtree; one undo brings it all back. */
  g_assert_true (vl_goals_page_select (page, grow));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "goals.delete", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (vl_goals_page_get_rows (page)), ==, 0);
  g_assert_cmpstr (vl_goals_page_get_empty_state (page), ==, "empty");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  spin (50);
  g_assert_cmpuint (g_list_model_get_n_items (vl_goals_page_get_rows (page)), ==, 5);

  /* The file holds the tree. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_cmpint (vl_test_query_int (file, "SELECT count(*) FROM objective WHERE deleted <> 1"), ==, 4);
  g_assert_cmpint (vl_test_query_int (file, "SELECT count(*) FROM objective c JOIN objective p ON c.parent = p.id "
                                            "WHERE c.title = 'Checkout' AND p.title = 'Profit' AND c.level = 2"), ==, 1);
  g_assert_cmpint (vl_test_query_int (file, "SELECT count(*) FROM key_result k JOIN objective o ON k.objective = o.id "
                                            "WHERE k.title = 'Median time to pay' AND o.title = 'Checkout' "
                                            "AND k.deleted <> 1"), ==, 1);
  g_assert_cmpint (vl_test_query_int (file, "SELECT count(*) FROM cycle WHERE name = '2026 H2' AND "
                                            "end_date = '2026-12-31'"), ==, 1);
out:
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

/* Check in, link and unlink an action on the sample plan; the details
 * panel, the backlog's item panel and the file agree. */
static void
test_goals_check_in_and_link (void)
{
  g_autoptr(GFile) file = sample_file ("ui-goals-sample.valueloop");
  VlWindow *window = vl_window_new (NULL);
  VlGoalsPage *page = open_goals (window, file);
  VlGoalPanel *panel = VL_GOAL_PANEL (vl_goals_page_get_panel (page));
  g_autoptr(VlRecord) kr = vl_document_find (vl_window_get_document (window), VL_KIND_KEY_RESULT,
                                             "Net revenue retention");
  g_autoptr(VlRecord) item = NULL, served = NULL;
  AdwMessageDialog *dialog;
  g_autofree char *today = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GtkListBox *list;
  guint checkins, actions;
  gint64 item_id;

  /* The outline opens on the current cycle with every objective open. */
  g_assert_nonnull (vl_goals_page_get_cycle (page));
  g_assert_cmpstr (vl_goals_page_get_empty_state (page), ==, "outline");
  g_assert_cmpuint (g_list_model_get_n_items (vl_goals_page_get_rows (page)), ==, 8 + 17);
  g_assert_true (vl_goals_page_select (page, kr));
  g_assert_true (vl_goal_panel_get_record (panel) == kr);
  g_assert_cmpstr (vl_goal_panel_get_progress_text (panel), ==, "45%");   /* 104 → 109 of 115 */
  checkins = vl_goal_panel_get_n_checkins (panel);
  actions = vl_goal_panel_get_n_actions (panel);

  /* Check in: the value typed (a bad date keeps the button off). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "goals.check-in", NULL));
  dialog = find_dialog_with ("check-in");
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_by_id (GTK_WIDGET (dialog), "value_row"))), ==, "109");
  gtk_editable_set_text (GTK_EDITABLE (find_by_id (GTK_WIDGET (dialog), "date_row")), "2026-02-30");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "check-in"));
  today = g_date_time_format (now, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (find_by_id (GTK_WIDGET (dialog), "date_row")), today);
  gtk_editable_set_text (GTK_EDITABLE (find_by_id (GTK_WIDGET (dialog), "value_row")), "lots");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "check-in"));
  gtk_editable_set_text (GTK_EDITABLE (find_by_id (GTK_WIDGET (dialog), "value_row")), "112");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_by_id (GTK_WIDGET (dialog), "confidence_button")), 0.8);
  gtk_editable_set_text (GTK_EDITABLE (find_by_id (GTK_WIDGET (dialog), "note_row")), "Annual plans renewed");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "check-in"));
  adw_message_dialog_response (dialog, "check-in");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (100);
  g_assert_cmpfloat (vl_record_get_number (kr, "current"), ==, 112);
  WAIT_UNTIL (vl_goal_panel_get_n_checkins (panel) == checkins + 1, 5);
  g_assert_cmpstr (vl_goal_panel_get_progress_text (panel), ==, "73%");

  /* Link an action by searching for it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "goals.link-action", NULL));
  dialog = find_dialog_with ("close");
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (find_by_id (GTK_WIDGET (dialog), "search_entry")), "wishlist");
  g_signal_emit_by_name (find_by_id (GTK_WIDGET (dialog), "search_entry"), "search-changed");
  list = GTK_LIST_BOX (find_by_id (GTK_WIDGET (dialog), "list"));
  {
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, 0);

    g_assert_nonnull (row);
    g_autoptr(VlRecord) listed = vl_document_find (vl_window_get_document (window), VL_KIND_ITEM,
                                                   adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));

    g_assert_nonnull (listed);
    item_id = vl_record_get_rowid (listed);
    g_assert_cmpint (item_id, >, 0);
    g_signal_emit_by_name (list, "row-activated", row);
  }
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (100);
  item = vl_document_lookup (vl_window_get_document (window), VL_KIND_ITEM, item_id);
  {
    g_autofree char *folded = g_utf8_casefold (vl_record_get_title (item), -1);

    g_assert_nonnull (strstr (folded, "wishlist"));
  }
  served = vl_record_dup_ref (item, "key-result");
  g_assert_true (served == kr);
  WAIT_UNTIL (vl_goal_panel_get_n_actions (panel) == actions + 1, 5);

  /* The backlog's item panel shows the same link: one object. */
  {
    VlBacklogPage *backlog = show_backlog (window);
    VlItemPanel *item_panel = VL_ITEM_PANEL (vl_backlog_page_get_item_panel (backlog));
    AdwComboRow *row;
    g_autoptr(GtkStringObject) shown = NULL;

    vl_item_panel_set_item (item_panel, item);
    row = ADW_COMBO_ROW (vl_item_panel_get_row (item_panel, "key-result"));
    shown = g_list_model_get_item (adw_combo_row_get_model (row), adw_combo_row_get_selected (row));
    g_assert_cmpstr (gtk_string_object_get_string (shown), ==, "Net revenue retention");
    vl_item_panel_set_item (item_panel, NULL);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "goals"));
    wait_shown (GTK_WIDGET (page));
  }
  /* The row of the key result can open to show it, and stays open across pages. */
  {
    guint position;
    GListModel *rows = vl_goals_page_get_rows (page);
    g_autoptr(GtkTreeListRow) row = NULL;

    for (position = 0; position < g_list_model_get_n_items (rows); position++)
      {
        g_autoptr(GtkTreeListRow) r = g_list_model_get_item (rows, position);
        g_autoptr(VlRecord) rec = gtk_tree_list_row_get_item (r);

        if (rec == kr)
          break;
      }
    row = g_list_model_get_item (rows, position);
    gtk_tree_list_row_set_expanded (row, TRUE);
    show_backlog (window);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "goals"));
    g_assert_true (gtk_tree_list_row_get_expanded (row));
  }

  /* Unlink from the panel's button action. */
  g_assert_true (vl_goals_page_select (page, kr));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "goals.unlink-item", "x", item_id));
  g_assert_null (vl_record_dup_ref (item, "key-result"));
  WAIT_UNTIL (vl_goal_panel_get_n_actions (panel) == actions, 5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_clear_object (&served);
  served = vl_record_dup_ref (item, "key-result");
  g_assert_true (served == kr);

  /* The end-of-cycle score takes 0 to 1.0 only. */
  {
    GtkWidget *score = vl_goal_panel_get_row (panel, "key_result:score");

    gtk_editable_set_text (GTK_EDITABLE (score), "1.5");
    g_signal_emit_by_name (score, "apply");
    g_assert_true (gtk_widget_has_css_class (score, "error"));
    g_assert_true (isnan (vl_record_get_number (kr, "score")));
    gtk_editable_set_text (GTK_EDITABLE (score), "0.7");
    g_signal_emit_by_name (score, "apply");
    g_assert_cmpfloat (vl_record_get_number (kr, "score"), ==, 0.7);
  }
  /* Levels only go down, in the panel too: a business-line objective
   * aligned to a company objective cannot become a company objective. */
  {
    g_autoptr(VlRecord) line = objective_titled (window, "Turn more visitors into buyers on merchant stores");
    AdwComboRow *level;

    g_assert_true (vl_goals_page_select (page, line));
    level = ADW_COMBO_ROW (vl_goal_panel_get_row (panel, "objective:level"));
    g_assert_cmpuint (adw_combo_row_get_selected (level), ==, VL_LEVEL_BUSINESS_LINE);
    adw_combo_row_set_selected (level, VL_LEVEL_COMPANY);
    g_assert_cmpint (vl_record_get_int (line, "level"), ==, VL_LEVEL_BUSINESS_LINE);
    g_assert_cmpuint (adw_combo_row_get_selected (level), ==, VL_LEVEL_BUSINESS_LINE);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_cmpint (vl_test_query_int (file, "SELECT count(*) FROM key_result WHERE score = 0.7"), ==, 1);
  g_assert_cmpint (vl_test_query_int (file, "SELECT count(*) FROM checkin c JOIN key_result k ON c.key_result = k.id "
                                            "WHERE k.title = 'Net revenue retention' AND c.value = 112 AND "
                                            "c.confidence = 0.8 AND c.note = 'Annual plans renewed'"), ==, 1);
  g_assert_cmpint (vl_test_query_int (file, "SELECT current_value FROM key_result WHERE "
                                            "title = 'Net revenue retention'"), ==, 112);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM item i JOIN key_result k ON i.key_result = k.id "
                                            "WHERE i.id = %" G_GINT64_FORMAT " AND k.title = 'Net revenue retention'",
                                            item_id);

    g_assert_cmpint (vl_test_query_int (file, sql), ==, 1);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

/* An objective whose parent is gone (deleted on another device while this
 * one aligned to it) is shown at the top, and back under its parent when
 * the parent comes back. */
static void
test_goals_detached (void)
{
  g_autoptr(GFile) file = vl_test_file ("ui-goals-detached.valueloop");
  g_autoptr(GError) error = NULL;
  VlWindow *window = vl_window_new (NULL);
  g_autofree char *text = NULL;
  VlGoalsPage *page;
  VlDocument *doc;

  {
    g_autoptr(VlDocument) made = vl_document_create (file, "Detached", &error);
    g_autoptr(VlRecord) cycle = vl_document_insert (made, VL_KIND_CYCLE, NULL, NULL, NULL, &error);
    g_autoptr(VlRecord) parent = vl_document_insert (made, VL_KIND_OBJECTIVE, NULL, NULL, NULL, &error);
    g_autoptr(VlRecord) child = vl_document_insert (made, VL_KIND_OBJECTIVE, parent, NULL, NULL, &error);

    g_object_set (cycle, "name", "2026 H2", "start", "2026-07-01", "end", "2026-12-31", NULL);
    g_object_set (parent, "title", "Grow", "cycle", cycle, NULL);
    g_object_set (child, "title", "Convert", "level", VL_LEVEL_BUSINESS_LINE, NULL);
    g_assert_true (vl_document_publish (made, &error));
  }
  page = open_goals (window, file);
  doc = vl_window_get_document (window);
  {
    g_autoptr(VlRecord) cycle = vl_document_find (doc, VL_KIND_CYCLE, "2026 H2");

    vl_goals_page_set_cycle (page, cycle);
  }
  text = outline_text (page);
  g_assert_cmpstr (text, ==, "Grow@0\nConvert@1\n");
  {
    g_autoptr(VlRecord) grow = objective_titled (window, "Grow");

    g_assert_true (vl_document_delete (doc, grow, &error));   /* the parent alone */
  }
  WAIT_UNTIL ((g_free (text), text = outline_text (page), g_strcmp0 (text, "Convert@0\n") == 0), 5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  WAIT_UNTIL ((g_free (text), text = outline_text (page), g_strcmp0 (text, "Grow@0\nConvert@1\n") == 0), 5);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

/* A P1 demand late in its month says so on its row, beside its status. */
static void
test_goals_p1_late (void)
{
  g_autoptr(GFile) file = sample_file ("ui-goals-p1.valueloop");
  VlWindow *window = vl_window_new (NULL);
  VlGoalsPage *page = open_goals (window, file);
  VlDocument *document = vl_window_get_document (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) month = vl_document_insert (document, VL_KIND_ITERATION, NULL, NULL, NULL, &error);
  g_autoptr(GListModel) items = vl_document_list (document, VL_KIND_ITEM, NULL, NULL);
  g_autoptr(VlRecord) item = NULL;
  GtkWidget *row;

  for (guint i = 0; item == NULL && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(VlRecord) candidate = g_list_model_get_item (items, i);
      g_autoptr(VlRecord) kr = vl_record_dup_ref (candidate, "key-result");

      if (kr != NULL && vl_goals_page_select (page, candidate))
        item = g_steal_pointer (&candidate);
    }
  g_assert_nonnull (item);
  g_object_set (month, "name", "An old month", "kind", VL_ITERATION_KIND_MONTH, NULL);
  g_assert_true (vl_record_set_from_text (month, "start", "2020-01-01", &error));
  g_assert_true (vl_record_set_from_text (month, "end", "2020-01-31", &error));
  g_object_set (item, "p1", TRUE, "iteration", month, "status", VL_STATUS_PLANNED, NULL);
  WAIT_UNTIL ((row = vl_goals_page_find_row_widget (page, item)) != NULL &&
              cell_y (row, GTK_WIDGET (window), "Planned · P1 · late") >= 0, 5);
  g_object_set (item, "p1", FALSE, NULL);
  WAIT_UNTIL (cell_y (vl_goals_page_find_row_widget (page, item), GTK_WIDGET (window), "Planned") >= 0, 5);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every key of the Goals page (its outline's too) is in the shortcuts
 * window's Goals group, and every key listed there does something. */
static void
test_shortcuts_listed (void)
{
  VlWindow *window = vl_window_new (NULL);
  GtkWidget *widgets[] = { vl_window_get_goals_page (window), NULL };

  g_assert_cmpuint (assert_shortcuts_listed (widgets, "Goals"), >=, 14);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  if (!vl_ui_test_init (&argc, &argv))
    return 0;
  g_test_add_func ("/ui/goals/outline-keyboard", test_goals_outline_keyboard);
  g_test_add_func ("/ui/goals/check-in-and-link", test_goals_check_in_and_link);
  g_test_add_func ("/ui/goals/detached", test_goals_detached);
  g_test_add_func ("/ui/goals/p1-late", test_goals_p1_late);
  g_test_add_func ("/ui/goals/shortcuts-listed", test_shortcuts_listed);
  return g_test_run ();
}
