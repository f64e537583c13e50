/* test-ui-board.c — UI tests of the kanban board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "vl-board-page-private.h"
#include "vl-ui-test.h"

/* The board: Alt+Right moves the selected card one status on; the item's
 * status, its transition log and the columns follow. */
static void
test_board (void)
{
  g_autoptr(GFile) file = sample_file ("ui-board.valueloop");
  VlWindow *window = vl_window_new (NULL);
  VlBoardPage *board;
  GListModel *ready, *planned, *launched;
  guint n_ready, n_planned;
  g_autoptr(VlRecord) card = NULL;
  g_autoptr(GListModel) log = NULL;
  guint transitions;

  board = open_board (window, file);
  ready = vl_board_page_get_column (board, VL_STATUS_READY);
  planned = vl_board_page_get_column (board, VL_STATUS_PLANNED);
  n_ready = g_list_model_get_n_items (ready);
  n_planned = g_list_model_get_n_items (planned);
  g_assert_cmpuint (n_ready, >, 0);
  card = g_list_model_get_item (ready, 0);
  log = vl_document_list (vl_window_get_document (window), VL_KIND_TRANSITION, "item", card);
  transitions = g_list_model_get_n_items (log);

  vl_board_page_select (board, VL_STATUS_READY, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "board.move-right", NULL));
  g_assert_cmpint (vl_record_get_int (card, "status"), ==, VL_STATUS_PLANNED);
  g_assert_cmpuint (g_list_model_get_n_items (ready), ==, n_ready - 1);
  g_assert_cmpuint (g_list_model_get_n_items (planned), ==, n_planned + 1);
  g_assert_cmpuint (g_list_model_get_n_items (log), ==, transitions + 1);

  /* On to launched: the launch date and the review 30 days later are set. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "board.move-right", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "board.move-right", NULL));
  launched = vl_board_page_get_column (board, VL_STATUS_LAUNCHED);
  g_assert_cmpint (vl_record_get_int (card, "status"), ==, VL_STATUS_LAUNCHED);
  g_assert_nonnull (vl_record_get_string (card, "launch-date"));
  g_assert_nonnull (vl_record_get_string (card, "review-due"));
  g_assert_cmpuint (g_list_model_get_n_items (launched), >, 0);

  /* Undo puts the card back, from the window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (vl_record_get_int (card, "status"), ==, VL_STATUS_IN_PROGRESS);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

static char *
header_text (VlBoardPage *board, int status)
{
  return g_strdup (gtk_menu_button_get_label (GTK_MENU_BUTTON (vl_board_page_get_header (board, status))));
}

static gboolean
header_warns (VlBoardPage *board, int status)
{
  return gtk_widget_has_css_class (vl_board_page_get_header (board, status), "warning");
}

static guint
count_in_backlog (GListModel *items, VlRecord *backlog)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(VlRecord) r = g_list_model_get_item (items, i);

      n += vl_record_get_ref_id (r, "backlog") == vl_record_get_rowid (backlog);
    }
  return n;
}

/* WIP limits in the column headers, swimlanes per backlog, and dropping a
 * card in another lane. */
static void
test_board_limits_and_lanes (void)
{
  g_autoptr(GFile) file = sample_file ("ui-board-limits.valueloop");
  VlWindow *window = vl_window_new (NULL);
  VlBoardPage *board;
  VlDocument *doc;
  g_autoptr(GListModel) backlogs = NULL;
  g_autoptr(VlRecord) storefront = NULL, platform = NULL, card = NULL;
  g_autofree char *text = NULL, *expected = NULL;
  GtkWidget *header;
  GtkPopover *popover;
  guint n_progress, n_planned, ready_store, planned_platform;
  GListModel *cell;

  board = open_board (window, file);
  doc = vl_window_get_document (window);
  n_progress = g_list_model_get_n_items (vl_board_page_get_column (board, VL_STATUS_IN_PROGRESS));
  n_planned = g_list_model_get_n_items (vl_board_page_get_column (board, VL_STATUS_PLANNED));

  /* The sample's team has more in progress than its limit of 15. */
  g_assert_cmpuint (n_progress, >, 15);
  text = header_text (board, VL_STATUS_IN_PROGRESS);
  expected = g_strdup_printf ("%u / 15", n_progress);
  g_assert_cmpstr (text, ==, expected);
  g_assert_true (header_warns (board, VL_STATUS_IN_PROGRESS));
  g_assert_false (header_warns (board, VL_STATUS_PLANNED));

  /* Raising it through the action clears the warning; undo brings it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "board.set-wip-limit", "(ii)",
                                             VL_STATUS_IN_PROGRESS, 40));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  text = header_text (board, VL_STATUS_IN_PROGRESS);
  expected = g_strdup_printf ("%u / 40", n_progress);
  g_assert_cmpstr (text, ==, expected);
  g_assert_false (header_warns (board, VL_STATUS_IN_PROGRESS));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (header_warns (board, VL_STATUS_IN_PROGRESS));

  /* From the keyboard: focus a Planned card, Ctrl+Shift+L, type, Enter. */
  vl_board_page_select (board, VL_STATUS_PLANNED, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "board.edit-wip-limit", NULL));
  header = vl_board_page_get_header (board, VL_STATUS_PLANNED);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (header));
  spin (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  {
    GtkWidget *entry = gtk_widget_get_first_child (gtk_popover_get_child (popover));

    entry = gtk_widget_get_next_sibling (entry);
    g_assert_true (GTK_IS_SPIN_BUTTON (entry));
    gtk_editable_set_text (GTK_EDITABLE (entry), "10");
    g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (entry)), "activate");
  }
  spin (50);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpuint (vl_document_get_wip_limit (doc, VL_STATUS_PLANNED), ==, 10);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  text = header_text (board, VL_STATUS_PLANNED);
  expected = g_strdup_printf ("%u / 10", n_planned);
  g_assert_cmpstr (text, ==, expected);
  g_assert_true (header_warns (board, VL_STATUS_PLANNED));

  /* Swimlanes: each backlog's cards in its own row of columns. */
  backlogs = vl_document_list (doc, VL_KIND_BACKLOG, NULL, NULL);
  storefront = g_list_model_get_item (backlogs, 0);
  platform = g_list_model_get_item (backlogs, g_list_model_get_n_items (backlogs) - 1);
  /* Without them, one list per column holds every backlog's cards. */
  g_assert_cmpuint (g_list_model_get_n_items (vl_board_page_get_cell (board, VL_STATUS_READY, storefront)),
                    ==, g_list_model_get_n_items (vl_board_page_get_column (board, VL_STATUS_READY)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "board.swimlanes", NULL));
  spin (50);
  ready_store = count_in_backlog (vl_board_page_get_column (board, VL_STATUS_READY), storefront);
  planned_platform = count_in_backlog (vl_board_page_get_column (board, VL_STATUS_PLANNED), platform);
  g_assert_cmpuint (ready_store, >, 0);
  cell = vl_board_page_get_cell (board, VL_STATUS_READY, storefront);
  g_assert_cmpuint (g_list_model_get_n_items (cell), ==, ready_store);
  g_assert_cmpuint (g_list_model_get_n_items (vl_board_page_get_cell (board, VL_STATUS_PLANNED, platform)),
                    ==, planned_platform);

  /* Dropping a Storefront idea on the platform's Planned column moves it
   * there and plans it, in one undoable step. */
  card = g_list_model_get_item (cell, 0);
  g_assert_true (vl_board_page_drop (board, vl_record_get_uuid (card), VL_STATUS_PLANNED, platform));
  g_assert_cmpint (vl_record_get_int (card, "status"), ==, VL_STATUS_PLANNED);
  g_assert_cmpint (vl_record_get_ref_id (card, "backlog"), ==, vl_record_get_rowid (platform));
  g_assert_cmpuint (g_list_model_get_n_items (cell), ==, ready_store - 1);
  g_assert_cmpuint (g_list_model_get_n_items (vl_board_page_get_cell (board, VL_STATUS_PLANNED, platform)),
                    ==, planned_platform + 1);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  text = header_text (board, VL_STATUS_PLANNED);
  expected = g_strdup_printf ("%u / 10", n_planned + 1);
  g_assert_cmpstr (text, ==, expected);

  /* Saved: the file has the limits and the moved card. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  spin (50);
  g_assert_cmpint (vl_test_query_int (file, "SELECT value FROM meta WHERE key = 'wip-limit.2'"), ==, 10);
  g_assert_cmpint (vl_test_query_int (file, "SELECT value FROM meta WHERE key = 'wip-limit.3'"), ==, 15);
  {
    char *sql = sqlite3_mprintf ("SELECT status = %d AND backlog = (SELECT id FROM backlog "
                                 "WHERE name = %Q) FROM item WHERE title = %Q", VL_STATUS_PLANNED,
                                 vl_record_get_string (platform, "name"), vl_record_get_title (card));

    g_assert_cmpint (vl_test_query_int (file, sql), ==, 1);
    sqlite3_free (sql);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (vl_record_get_int (card, "status"), ==, VL_STATUS_READY);
  g_assert_cmpint (vl_record_get_ref_id (card, "backlog"), ==, vl_record_get_rowid (storefront));
  g_assert_cmpuint (g_list_model_get_n_items (cell), ==, ready_store);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

/* Real drag and drop on the board: a Ready card onto the Planned column. */
static void
test_drag_card (void)
{
  g_autoptr(GFile) file = sample_file ("ui-drag-card.valueloop");
  VlWindow *window = vl_window_new (NULL);
  VlBoardPage *board;
  g_autoptr(VlRecord) card = NULL, planned_card = NULL;
  GListModel *ready, *planned;
  guint n_ready, n_planned;
  double x0, y0, x1, y1;

  board = open_board (window, file);
  spin (200);
  ready = vl_board_page_get_column (board, VL_STATUS_READY);
  planned = vl_board_page_get_column (board, VL_STATUS_PLANNED);
  n_ready = g_list_model_get_n_items (ready);
  n_planned = g_list_model_get_n_items (planned);
  card = g_list_model_get_item (ready, 0);
  planned_card = g_list_model_get_item (planned, 0);
  g_assert_true (label_point (GTK_WIDGET (window), GTK_WIDGET (window), vl_record_get_title (card), &x0, &y0));
  g_assert_true (label_point (GTK_WIDGET (window), GTK_WIDGET (window), vl_record_get_title (planned_card),
                              &x1, &y1));
  if (pointer_drag (GTK_WIDGET (window), x0 + 20, y0 + 6, x1 + 20, y1 + 6))
    {
      WAIT_UNTIL (vl_record_get_int (card, "status") == VL_STATUS_PLANNED, 5);
      g_assert_cmpuint (g_list_model_get_n_items (ready), ==, n_ready - 1);
      g_assert_cmpuint (g_list_model_get_n_items (planned), ==, n_planned + 1);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

/* Every key of the board is in the shortcuts window's Board group, and
 * every key listed there does something (Alt+S and Alt+D are its toggle
 * buttons' mnemonics). */
static void
test_shortcuts_listed (void)
{
  VlWindow *window = vl_window_new (NULL);
  GtkWidget *widgets[] = { vl_window_get_board_page (window), NULL };

  g_assert_cmpuint (assert_shortcuts_listed (widgets, "Board"), >=, 3);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  if (!vl_ui_test_init (&argc, &argv))
    return 0;
  g_test_add_func ("/ui/board", test_board);
  g_test_add_func ("/ui/board-limits-and-lanes", test_board_limits_and_lanes);
  g_test_add_func ("/ui/drag-card", test_drag_card);
  g_test_add_func ("/ui/board-shortcuts-listed", test_shortcuts_listed);
  return g_test_run ();
}
