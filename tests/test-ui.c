/* test-ui.c — the real window, driven through the actions a user triggers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "vl-backlog-page.h"
#include "vl-board-page.h"
#include "vl-enums.h"
#include "vl-goal-panel.h"
#include "vl-goals-page.h"
#include "vl-item-panel.h"
#include "vl-item-selection.h"
#include "vl-merge.h"
#include "vl-sample.h"
#include "vl-text-cell.h"
#include "vl-test-util.h"
#include "vl-window.h"

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

/* Runs the main loop until @cond holds, at most @secs seconds. */
#define WAIT_UNTIL(cond, secs)                                                  \
  G_STMT_START {                                                                \
    gint64 end_ = g_get_monotonic_time () + (secs) * G_USEC_PER_SEC;           \
    while (!(cond) && g_get_monotonic_time () < end_)                           \
      spin (20);                                                                \
    g_assert_true (cond);                                                       \
  } G_STMT_END

/* Shown on screen: mapped and laid out with a width. */
static void
wait_shown (GtkWidget *widget)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while ((!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) == 0) &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_cmpint (gtk_widget_get_width (widget), >, 0);
}

/* Opens @file in @window on the backlog page (the last page, from
 * GSettings, may be another), shown and laid out. */
static VlBacklogPage *
show_backlog (VlWindow *window)
{
  VlBacklogPage *page;

  gtk_window_present (GTK_WINDOW (window));
  vl_window_show_page (window, "backlog");
  page = VL_BACKLOG_PAGE (vl_window_get_backlog_page (window));
  wait_shown (GTK_WIDGET (page));
  return page;
}

static VlBacklogPage *
open_backlog (VlWindow *window,
              GFile    *file)
{
  g_assert_true (vl_window_open_file (window, file));
  return show_backlog (window);
}

static VlBoardPage *
open_board (VlWindow *window,
            GFile    *file)
{
  GtkWidget *board;

  g_assert_true (vl_window_open_file (window, file));
  gtk_window_present (GTK_WINDOW (window));
  vl_window_show_page (window, "board");
  board = vl_window_get_board_page (window);
  wait_shown (board);
  return VL_BOARD_PAGE (board);
}

static GFile *
sample_file (const char *name)
{
  g_autoptr(GError) error = NULL;
  GFile *file = vl_test_file (name);
  g_autoptr(VlDocument) doc = vl_document_create (file, "", &error);

  g_assert_true (vl_sample_fill (doc, &error));
  g_assert_true (vl_document_publish (doc, &error));
  return file;
}

/* The title shown at @position, or NULL past the end. */
static const char *
title_at (GListModel *items, guint position)
{
  g_autoptr(VlRecord) r = g_list_model_get_item (items, position);

  return r != NULL ? vl_record_get_title (r) : NULL;
}

static void
select_only (VlBacklogPage *page, guint position)
{
  gtk_selection_model_select_item (vl_backlog_page_get_selection (page), position, TRUE);
}

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
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.new-item", NULL));
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
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.move-to-top", NULL));
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
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.delete", NULL));
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
  GtkWidget *entry = vl_backlog_page_get_filter_widget (page, "search");

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
  g_assert_true (gtk_widget_has_focus (vl_backlog_page_get_filter_widget (page, "search")) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         vl_backlog_page_get_filter_widget (page, "search")));

  /* Search: case-insensitive, titles and descriptions. */
  search_for (page, "CHECKOUT");
  expected = count_matching (all, says_checkout);
  g_assert_cmpuint (expected, >, 3);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, expected);
  g_assert_cmpuint (count_matching (shown, says_checkout), ==, expected);
  label = g_strdup_printf ("%u of 40", expected);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (vl_backlog_page_get_filter_widget (page, "count"))),
                   ==, label);

  /* Combined with a status filter and P1. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (vl_backlog_page_get_filter_widget (page, "status")),
                              VL_STATUS_IN_PROGRESS + 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, count_matching (all, checkout_in_progress));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (vl_backlog_page_get_filter_widget (page, "p1")), TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, count_matching (all, checkout_in_progress_p1));

  /* MoSCoW "Must" (after "Any" and "—" for not set) means Must. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (vl_backlog_page_get_filter_widget (page, "p1")), FALSE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (vl_backlog_page_get_filter_widget (page, "status")), 0);
  search_for (page, "");
  {
    GListModel *choices = gtk_drop_down_get_model (GTK_DROP_DOWN (vl_backlog_page_get_filter_widget (page, "moscow")));

    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), VL_MOSCOW_MUST + 1), ==, "Must");
  }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (vl_backlog_page_get_filter_widget (page, "moscow")),
                              VL_MOSCOW_MUST + 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, count_matching (all, is_must));
  g_assert_cmpuint (count_matching (shown, is_must), ==, g_list_model_get_n_items (shown));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (vl_backlog_page_get_filter_widget (page, "moscow")), 0);

  /* Alignment: the key result the first item serves, then also only
   * items in no iteration; the button counts the filters on. */
  {
    GtkDropDown *kr_filter = GTK_DROP_DOWN (vl_backlog_page_get_filter_widget (page, "key-result"));
    GtkDropDown *it_filter = GTK_DROP_DOWN (vl_backlog_page_get_filter_widget (page, "iteration"));
    GtkMenuButton *button = GTK_MENU_BUTTON (vl_backlog_page_get_filter_widget (page, "alignment"));
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
    g_assert_true (gtk_widget_get_mapped (vl_backlog_page_get_filter_widget (page, "search")));
  }

  /* Cleared: everything again. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (vl_backlog_page_get_filter_widget (page, "p1")), FALSE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (vl_backlog_page_get_filter_widget (page, "status")), 0);
  search_for (page, "");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 40);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (vl_backlog_page_get_filter_widget (page, "count"))),
                   ==, "40");
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

/* The button whose label is @label. */
static GtkWidget *
find_by_label (GtkWidget *widget, const char *label)
{
  if ((GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0) ||
      (GTK_IS_MENU_BUTTON (widget) && g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), label) == 0))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_label (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
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
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.set-status", "i", VL_STATUS_PLANNED));
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
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.set-iteration", "x",
                                               vl_record_get_rowid (sprint)));
    for (guint i = 0; i < 3; i++)
      g_assert_cmpint (vl_record_get_ref_id (moved[i], "iteration"), ==, vl_record_get_rowid (sprint));
    gtk_selection_model_select_range (vl_backlog_page_get_selection (page), 0, 3, TRUE);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.set-iteration", "x", (gint64) 0));
    for (guint i = 0; i < 3; i++)
      g_assert_cmpint (vl_record_get_ref_id (moved[i], "iteration"), ==, 0);

    gtk_selection_model_select_range (vl_backlog_page_get_selection (page), 0, 3, TRUE);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.move-to-backlog", "x",
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
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.move-up", NULL));
    g_assert_cmpstr (title_at (shown, 1), ==, second);  /* refused while sorted */
    {
      g_autoptr(VlRecord) a = g_list_model_get_item (shown, 0);
      g_autoptr(VlRecord) b = g_list_model_get_item (shown, 1);

      g_assert_false (vl_backlog_page_drop_item (page, vl_record_get_uuid (b), a, FALSE));
      g_assert_cmpstr (title_at (shown, 1), ==, second);
    }
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.rank-order", NULL));
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
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.delete", NULL));
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
  g_assert_true (column_shown (view, 8));                /* Cost */

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
  g_assert_cmpuint (g_strv_length (hidden), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

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

/* The "Use This Value" button the panel shows for a conflict. */
static GtkWidget *
find_conflict_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && g_object_get_data (G_OBJECT (widget), "conflict") != NULL)
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

  /* Selecting one item shows it; its status changes from the combo row. */
  select_only (page, 0);
  g_assert_true (vl_item_panel_get_item (panel) == item);
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

  /* The description takes several lines; leaving the item writes it. */
  row = vl_item_panel_get_row (panel, "description");
  {
    GtkTextView *view = g_object_get_data (G_OBJECT (row), "text-view");

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
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.rename", NULL));
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
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.new-backlog", NULL));
  g_assert_nonnull (vl_backlog_page_get_items (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.new-item", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (vl_backlog_page_get_items (page)), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_cmpint (vl_test_query_int (file, "SELECT count(*) FROM backlog WHERE deleted <> 1"), ==, 1);
  g_assert_cmpint (vl_test_query_int (file, "SELECT count(*) FROM item WHERE deleted <> 1"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

static AdwMessageDialog *
find_dialog_with (const char *response)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (w), response))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
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
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.delete-backlog", NULL));
  g_assert_cmpuint (vl_document_count (doc, VL_KIND_BACKLOG), ==, 3);
  g_assert_cmpuint (vl_document_count (doc, VL_KIND_ITEM), ==, 111);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (vl_document_count (doc, VL_KIND_BACKLOG), ==, 4);
  g_assert_cmpuint (vl_document_count (doc, VL_KIND_ITEM), ==, 151);

  /* Rename through the dialog. */
  vl_backlog_page_select_backlog (page, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.rename-backlog", NULL));
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

/* The text a label or a table cell shows, or NULL. */
static const char *
label_text (GtkWidget *widget)
{
  return GTK_IS_LABEL (widget)      ? gtk_label_get_text (GTK_LABEL (widget))
         : VL_IS_TEXT_CELL (widget) ? vl_text_cell_get_text (VL_TEXT_CELL (widget))
                                    : NULL;
}

/* The y of the mapped cell showing @text, in @window's coordinates, or
 * -1 when no such cell is on screen. */
static double
cell_y (GtkWidget *widget, GtkWidget *window, const char *text)
{
  const char *shown = GTK_IS_EDITABLE (widget) ? gtk_editable_get_text (GTK_EDITABLE (widget)) : label_text (widget);
  double x, y;

  if (g_strcmp0 (shown, text) == 0 && gtk_widget_get_mapped (widget) &&
      gtk_widget_translate_coordinates (widget, window, 0, 0, &x, &y))
    return y;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      y = cell_y (child, window, text);
      if (y >= 0)
        return y;
    }
  return -1;
}

/* Runs xdotool with @args, where WIN stands for @window's X id, the main
 * loop running: real input from the X server (XTest), as a user's. FALSE
 * when that cannot be done here (the test is then skipped, saying why). */
static gboolean
run_xdotool (GtkWidget  *window,
             const char *args)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *win = NULL, *joined = NULL, *command = NULL;
  g_auto(GStrv) parts = NULL, argv = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  GPid pid;

  if (!GDK_IS_X11_SURFACE (surface) || xdotool == NULL)
    {
      g_test_skip (xdotool == NULL ? "xdotool is not installed (build-aux/dev test installs it)"
                                   : "not an X11 display");
      return FALSE;
    }
  win = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  parts = g_strsplit (args, "WIN", -1);
  joined = g_strjoinv (win, parts);
  command = g_strdup_printf ("%s %s", xdotool, joined);
  g_assert_true (g_shell_parse_argv (command, NULL, &argv, &error));
  g_assert_true (g_spawn_async (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error));
  while (waitpid (pid, &status, WNOHANG) == 0)
    spin (20);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  spin (250);
  return TRUE;
#else
  g_test_skip ("GTK was built without X11");
  return FALSE;
#endif
}

/* The X server's pointer drags from one point of @window to another. */
static gboolean
pointer_drag (GtkWidget *window, double x0, double y0, double x1, double y1)
{
  g_autofree char *args = NULL;
  double sx, sy;

  gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
  /* Pauses long enough for a slow build (ASan) to start the drag and
   * take the target before the button comes up. */
  args = g_strdup_printf ("mousemove --window WIN %d %d mousedown 1 sleep 0.4 "
                          "mousemove --window WIN %d %d sleep 0.4 mousemove --window WIN %d %d sleep 0.4 "
                          "mousemove --window WIN %d %d sleep 0.6 mouseup 1",
                          (int) (sx + x0), (int) (sy + y0), (int) (sx + x0), (int) (sy + y0 + 12),
                          (int) (sx + (x0 + x1) / 2), (int) (sy + (y0 + y1) / 2), (int) (sx + x1), (int) (sy + y1));
  if (!run_xdotool (window, args))
    return FALSE;
  spin (50);
  return TRUE;
}

/* The point of the mapped label showing @text, in @window's coordinates. */
static gboolean
label_point (GtkWidget *widget, GtkWidget *window, const char *text, double *x, double *y)
{
  if (g_strcmp0 (label_text (widget), text) == 0 && gtk_widget_get_mapped (widget))
    return gtk_widget_translate_coordinates (widget, window, 0, 0, x, y);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_point (child, window, text, x, y))
      return TRUE;
  return FALSE;
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
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page_a), "page.new-item", NULL));
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

/* ---- Goals ---------------------------------------------------------------------- */

static VlGoalsPage *
open_goals (VlWindow *window,
            GFile    *file)
{
  GtkWidget *page;

  g_assert_true (vl_window_open_file (window, file));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "goals"));
  page = vl_window_get_goals_page (window);
  wait_shown (page);
  return VL_GOALS_PAGE (page);
}

/* Real keys from the X server into @window: the path a keyboard user's
 * presses take. @verb is "key" (key names) or "type" (text). */
static gboolean
press_keys (GtkWidget  *window,
            const char *verb,
            const char *keys)
{
  g_autofree char *quoted = g_str_equal (verb, "type") ? g_shell_quote (keys) : g_strdup (keys);
  g_autofree char *args = g_strdup_printf ("windowfocus --sync WIN %s --delay 60 %s", verb, quoted);

  return run_xdotool (window, args);
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
  GtkWidget *search = vl_backlog_page_get_filter_widget (page, "search");
  VlDocument *doc = vl_window_get_document (window);
  guint n = g_list_model_get_n_items (shown);
  g_autofree char *third = g_strdup (title_at (shown, 2));

  /* An edit ended by Enter, then F2 at once (before the main loop runs
   * again): the first field's going must not end the second edit. */
  select_only (page, 0);
  gtk_widget_grab_focus (view);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.rename", NULL));
  g_assert_true (GTK_IS_TEXT (gtk_window_get_focus (GTK_WINDOW (window))));
  g_signal_emit_by_name (gtk_window_get_focus (GTK_WINDOW (window)), "activate");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.rename", NULL));
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
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "name"), "2026 H2");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "start"), "2026-07-01");
  /* An impossible date, then an end before the start: the button stays off. */
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "end"), "2026-12-32");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "end"), "2026-06-30");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "end"), "2026-12-31");
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
  g_assert_cmpstr (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "value")), ==, "109");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "date"), "2026-02-30");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "check-in"));
  today = g_date_time_format (now, "%Y-%m-%d");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "date"), today);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "value"), "lots");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "check-in"));
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "value"), "112");
  gtk_spin_button_set_value (g_object_get_data (G_OBJECT (dialog), "confidence"), 0.8);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "note"), "Annual plans renewed");
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
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "entry"), "wishlist");
  g_signal_emit_by_name (g_object_get_data (G_OBJECT (dialog), "entry"), "search-changed");
  list = g_object_get_data (G_OBJECT (dialog), "list");
  {
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, 0);

    g_assert_nonnull (row);
    item_id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "rowid"));
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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  vl_test_dir ();  /* private XDG_DATA_HOME before GTK reads it */
  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display: run the UI tests with build-aux/dev test (it starts Xvfb)\n");
      return 0;
    }
  adw_init ();
  g_test_add_func ("/ui/backlog-editing", test_backlog_editing);
  g_test_add_func ("/ui/item-panel-and-conflicts", test_item_panel_and_conflicts);
  g_test_add_func ("/ui/search-and-filters", test_search_and_filters);
  g_test_add_func ("/ui/board", test_board);
  g_test_add_func ("/ui/board-limits-and-lanes", test_board_limits_and_lanes);
  g_test_add_func ("/ui/sorting", test_sorting);
  g_test_add_func ("/ui/cells-follow-rows", test_cells_follow_rows);
  g_test_add_func ("/ui/backlog-columns", test_backlog_columns);
  g_test_add_func ("/ui/inline-title", test_inline_title);
  g_test_add_func ("/ui/drag-to-rank", test_drag_to_rank);
  g_test_add_func ("/ui/drag-card", test_drag_card);
  g_test_add_func ("/ui/bulk-edit", test_bulk_edit);
  g_test_add_func ("/ui/upstream-navigation", test_upstream_navigation);
  g_test_add_func ("/ui/empty-plan", test_empty_plan);
  g_test_add_func ("/ui/backlog-rename-delete", test_backlog_rename_delete);
  g_test_add_func ("/ui/bad-file-dialog", test_bad_file_dialog);
  g_test_add_func ("/ui/copy-made-independent", test_copy_made_independent);
  g_test_add_func ("/ui/two-windows-converge", test_two_windows_converge);
  g_test_add_func ("/ui/goals/outline-keyboard", test_goals_outline_keyboard);
  g_test_add_func ("/ui/goals/check-in-and-link", test_goals_check_in_and_link);
  g_test_add_func ("/ui/goals/detached", test_goals_detached);
  return g_test_run ();
}
