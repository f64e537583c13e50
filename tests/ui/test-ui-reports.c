/* test-ui-reports.c — UI tests of the Reports page: every chart opened
 * with the keyboard, its points stepped through with the arrow keys (the
 * accessible description reads the focused one), an item opened from a
 * point, the table view, the exports (PNG, SVG, CSV), the period and
 * backlog choices, and the release calendar with its iCalendar export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "vl-calendar.h"
#include "vl-item-panel.h"
#include "vl-labels.h"
#include "vl-okr.h"
#include "vl-reports-page.h"
#include "vl-ui-test.h"

/* The first label showing @text (find_by_label() finds buttons). */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static VlReportsPage *
open_reports (VlWindow *window,
              GFile    *file)
{
  VlReportsPage *page;

  g_assert_true (vl_window_open_file (window, file));
  gtk_window_present (GTK_WINDOW (window));
  wait_shown (GTK_WIDGET (window));
  page = VL_REPORTS_PAGE (vl_window_get_reports_page (window));
  g_assert_true (press_keys (GTK_WIDGET (window), "key", "alt+6"));
  wait_shown (GTK_WIDGET (page));
  WAIT_UNTIL (vl_reports_page_get_report (page) != NULL, 10);
  return page;
}

static char *
description_of (GtkWidget *widget)
{
  /* What a screen reader is told: the label of the focused point. */
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  return g_strdup (tooltip != NULL ? tooltip : "");
}

/* Ctrl+1…6 open each chart; Home, Right and End step through its points
 * in order; the sample's numbers are the report's. */
static void
test_charts_from_keyboard (void)
{
  g_autoptr(GFile) file = sample_file ("ui-reports.valueloop");
  VlWindow *window = vl_window_new (NULL);
  VlReportsPage *page = open_reports (window, file);
  VlChart *chart = vl_reports_page_get_chart (page);
  const VlReport *report = vl_reports_page_get_report (page);
  const guint expected[] = { report->flow->len, report->cycle->len, report->lead->len, report->throughput->len,
                             report->aging->len, 0 };

  /* The sample's history: months of moves, so every chart has points. */
  g_assert_cmpuint (report->flow->len, ==, 90);
  g_assert_cmpuint (report->cycle->len, >=, 10);
  g_assert_cmpuint (report->aging->len, >=, 5);
  g_assert_cmpuint (report->calibration->len, >=, 5);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (chart)) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (page)));
  for (guint k = 0; k < VL_REPORT_N_KINDS; k++)
    {
      g_autofree char *keys = g_strdup_printf ("ctrl+%u", k + 1);
      g_autofree char *first = NULL, *second = NULL, *last = NULL;
      const VlChartPoint *p0, *p1;

      g_assert_true (press_keys (GTK_WIDGET (window), "key", keys));
      WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (chart)), 5);
      if (k < G_N_ELEMENTS (expected) && expected[k] > 0)
        g_assert_cmpuint (vl_chart_get_n_points (chart), ==, expected[k]);
      g_assert_cmpuint (vl_chart_get_n_points (chart), >, 2);
      gtk_widget_grab_focus (GTK_WIDGET (chart));
      g_assert_true (press_keys (GTK_WIDGET (window), "key", "Home"));
      WAIT_UNTIL (vl_chart_get_focused (chart) == 0, 5);
      first = description_of (GTK_WIDGET (chart));
      g_assert_cmpstr (first, ==, vl_chart_get_point (chart, 0)->label);
      g_assert_true (press_keys (GTK_WIDGET (window), "key", "Right"));
      WAIT_UNTIL (vl_chart_get_focused (chart) == 1, 5);
      second = description_of (GTK_WIDGET (chart));
      g_assert_cmpstr (second, !=, first);
      p0 = vl_chart_get_point (chart, 0);
      p1 = vl_chart_get_point (chart, 1);
      if (k != VL_REPORT_AGING)   /* (dots step by category, then by age) */
        g_assert_cmpfloat (p0->x, <=, p1->x);
      g_assert_true (press_keys (GTK_WIDGET (window), "key", "End"));
      WAIT_UNTIL (vl_chart_get_focused (chart) == (int) vl_chart_get_n_points (chart) - 1, 5);
      last = description_of (GTK_WIDGET (chart));
      g_assert_cmpstr (last, ==, vl_chart_get_point (chart, vl_chart_get_n_points (chart) - 1)->label);
    }
  /* The cycle time's first point, read out: its item's title and days. */
  g_assert_true (press_keys (GTK_WIDGET (window), "key", "ctrl+2"));
  gtk_widget_grab_focus (GTK_WIDGET (chart));
  g_assert_true (press_keys (GTK_WIDGET (window), "key", "Home"));
  WAIT_UNTIL (vl_chart_get_focused (chart) == 0, 5);
  {
    const VlDuration *d = &g_array_index (report->cycle, VlDuration, 0);
    g_autoptr(VlRecord) item = vl_document_lookup (vl_window_get_document (window), VL_KIND_ITEM, d->item);
    g_autofree char *said = description_of (GTK_WIDGET (chart));
    g_autofree char *days = g_strdup_printf ("%.1f", d->days);

    g_assert_true (g_str_has_prefix (said, vl_record_get_title (item)));
    g_assert_nonnull (strstr (said, days));

    /* Enter opens the point's item in the panel; Escape closes it. */
    g_assert_true (press_keys (GTK_WIDGET (window), "key", "Return"));
    WAIT_UNTIL (gtk_widget_get_mapped (vl_reports_page_get_item_panel (page)), 5);
    g_assert_true (vl_item_panel_get_item (VL_ITEM_PANEL (vl_reports_page_get_item_panel (page))) == item);
    gtk_widget_grab_focus (GTK_WIDGET (chart));
    g_assert_true (press_keys (GTK_WIDGET (window), "key", "Escape"));
    WAIT_UNTIL (!gtk_widget_get_mapped (vl_reports_page_get_item_panel (page)), 5);
  }

  /* An item launched while the page is hidden is counted when it shows
   * again, not meanwhile (no counting for a page nobody sees). */
  {
    guint aging = vl_reports_page_get_report (page)->aging->len;
    gint64 id = g_array_index (vl_reports_page_get_report (page)->aging, VlAgingItem, 0).item;
    g_autoptr(VlRecord) item = vl_document_lookup (vl_window_get_document (window), VL_KIND_ITEM, id);

    vl_window_show_page (window, "backlog");
    WAIT_UNTIL (!gtk_widget_get_mapped (GTK_WIDGET (page)), 5);
    g_object_set (item, "status", VL_STATUS_LAUNCHED, NULL);
    spin (800);
    g_assert_cmpuint (vl_reports_page_get_report (page)->aging->len, ==, aging);
    vl_window_show_page (window, "reports");
    WAIT_UNTIL (vl_reports_page_get_report (page) != NULL &&
                vl_reports_page_get_report (page)->aging->len == aging - 1, 10);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

/* A click on a point opens its item, as Enter does. */
static void
test_click_opens_item (void)
{
  g_autoptr(GFile) file = sample_file ("ui-reports-click.valueloop");
  VlWindow *window = vl_window_new (NULL);
  VlReportsPage *page = open_reports (window, file);
  VlChart *chart = vl_reports_page_get_chart (page);
  const VlChartPoint *p;
  graphene_point_t at;
  g_autofree char *click = NULL;
  double x, y;

  g_assert_true (press_keys (GTK_WIDGET (window), "key", "ctrl+5"));   /* aging: well-spread dots */
  gtk_widget_grab_focus (GTK_WIDGET (chart));
  g_assert_true (press_keys (GTK_WIDGET (window), "key", "End"));
  WAIT_UNTIL (vl_chart_get_focused (chart) >= 0, 5);
  p = vl_chart_get_point (chart, (guint) vl_chart_get_focused (chart));
  g_assert_true (vl_chart_get_point_position (chart, (guint) vl_chart_get_focused (chart), &x, &y));
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (chart), GTK_WIDGET (window), &GRAPHENE_POINT_INIT ((float) x, (float) y),
                                           &at));
  g_assert_true (press_keys (GTK_WIDGET (window), "key", "Home"));   /* the focus elsewhere first */
  click = g_strdup_printf ("mousemove --window WIN %d %d click 1", (int) at.x, (int) at.y);
  g_assert_true (run_xdotool (GTK_WIDGET (window), click));
  WAIT_UNTIL (gtk_widget_get_mapped (vl_reports_page_get_item_panel (page)), 5);
  g_assert_cmpint (vl_record_get_rowid (vl_item_panel_get_item (VL_ITEM_PANEL (vl_reports_page_get_item_panel (page)))),
                   ==, p->item);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

/* The first label whose text begins with @text. */
static GtkWidget *
find_label_prefix (GtkWidget  *widget,
                   const char *text)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), text))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_prefix (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The drop-down on @page that shows @text. */
static GtkDropDown *
choice_showing (VlReportsPage *page,
                const char    *text)
{
  GtkWidget *label = find_label (GTK_WIDGET (page), text);
  GtkWidget *choice = label != NULL ? gtk_widget_get_ancestor (label, GTK_TYPE_DROP_DOWN) : NULL;

  g_assert_nonnull (choice);
  return GTK_DROP_DOWN (choice);
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* Ctrl+T shows the same data as a table; each chart exports as PNG, SVG
 * and CSV; the period and the backlog change what is counted. */
static void
test_table_exports_and_choices (void)
{
  g_autoptr(GFile) file = sample_file ("ui-reports-export.valueloop");
  VlWindow *window = vl_window_new (NULL);
  VlReportsPage *page = open_reports (window, file);
  VlChart *chart = vl_reports_page_get_chart (page);
  g_autofree char *png = g_build_filename (vl_test_dir (), "cycle.png", NULL);
  g_autofree char *svg = g_build_filename (vl_test_dir (), "cycle.svg", NULL);
  g_autofree char *csv = g_build_filename (vl_test_dir (), "cycle.csv", NULL);
  g_autofree char *text = NULL, *svg_text = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  GtkColumnView *table;
  GtkWidget *found;
  guint n_all, n_storefront, n_30;

  g_assert_true (press_keys (GTK_WIDGET (window), "key", "ctrl+2"));
  n_all = vl_reports_page_get_report (page)->cycle->len;
  gtk_widget_grab_focus (GTK_WIDGET (chart));
  g_assert_true (press_keys (GTK_WIDGET (window), "key", "ctrl+t"));
  WAIT_UNTIL ((found = find_label (GTK_WIDGET (page), _("Title"))) != NULL && gtk_widget_get_mapped (found), 5);
  table = GTK_COLUMN_VIEW (gtk_widget_get_ancestor (found, GTK_TYPE_COLUMN_VIEW));
  g_assert_nonnull (table);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (table))), ==, n_all);
  g_assert_true (press_keys (GTK_WIDGET (window), "key", "ctrl+t"));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (chart)), 5);

  /* The exports, through the action the chooser ends in. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reports.export-to", "(ss)", "png", png));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reports.export-to", "(ss)", "svg", svg));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reports.export-to", "(ss)", "csv", csv));
  texture = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 2400);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 1400);
  svg_text = read_text (svg);
  g_assert_true (g_str_has_prefix (svg_text, "<?xml") || strstr (svg_text, "<svg") != NULL);
  g_assert_nonnull (strstr (svg_text, "85th"));                  /* the percentile lines' labels, as text */
  text = read_text (csv);
  g_assert_nonnull (strstr (text, "Days (From In Progress to Launched)"));
  {
    g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, n_all + 2);      /* header, rows, "" */
  }

  /* One backlog; then the last 30 days. */
  gtk_drop_down_set_selected (choice_showing (page, _("All Backlogs")), 1);
  WAIT_UNTIL (vl_reports_page_get_report (page) != NULL && vl_reports_page_get_report (page)->query.backlog != 0, 10);
  n_storefront = vl_reports_page_get_report (page)->cycle->len;
  g_assert_cmpuint (n_storefront, <, n_all);
  gtk_drop_down_set_selected (choice_showing (page, _("Last 90 Days")), 0);
  WAIT_UNTIL (vl_reports_page_get_report (page) != NULL && vl_reports_page_get_report (page)->flow->len == 30, 10);
  n_30 = vl_reports_page_get_report (page)->cycle->len;
  g_assert_cmpuint (n_30, <=, n_storefront);

  /* A custom period: a day that is not one is refused, and the period
   * stays; ten days in January are ten days of flow. */
  {
    GtkDropDown *period = GTK_DROP_DOWN (find_by_id (GTK_WIDGET (page), "period_choice"));
    AdwMessageDialog *dialog = NULL;
    const VlReport *report;
    char first[16];

    gtk_drop_down_set_selected (period, 4);
    WAIT_UNTIL ((dialog = find_dialog_with ("apply")) != NULL, 5);
    g_date_strftime (first, sizeof first, "%Y-%m-%d", &vl_reports_page_get_report (page)->query.from);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_by_id (GTK_WIDGET (dialog), "from_entry"))), ==, first);
    gtk_editable_set_text (GTK_EDITABLE (find_by_id (GTK_WIDGET (dialog), "from_entry")), "2026-01-32");
    adw_message_dialog_response (dialog, "apply");
    gtk_window_destroy (GTK_WINDOW (dialog));
    g_assert_cmpuint (gtk_drop_down_get_selected (period), ==, 0);
    spin (100);
    g_assert_cmpuint (vl_reports_page_get_report (page)->flow->len, ==, 30);

    gtk_drop_down_set_selected (period, 4);
    WAIT_UNTIL ((dialog = find_dialog_with ("apply")) != NULL, 5);
    gtk_editable_set_text (GTK_EDITABLE (find_by_id (GTK_WIDGET (dialog), "from_entry")), "2026-01-01");
    gtk_editable_set_text (GTK_EDITABLE (find_by_id (GTK_WIDGET (dialog), "to_entry")), "2026-01-10");
    adw_message_dialog_response (dialog, "apply");
    gtk_window_destroy (GTK_WINDOW (dialog));
    WAIT_UNTIL ((report = vl_reports_page_get_report (page)) != NULL && report->flow->len == 10, 10);
    g_date_strftime (first, sizeof first, "%Y-%m-%d", &report->query.from);
    g_assert_cmpstr (first, ==, "2026-01-01");
    g_assert_cmpuint (gtk_drop_down_get_selected (period), ==, 4);
    gtk_drop_down_set_selected (period, 0);
    WAIT_UNTIL (vl_reports_page_get_report (page) != NULL && vl_reports_page_get_report (page)->flow->len == 30, 10);
  }

  /* The clock's statuses, a plan setting: from Ready; the chart says so;
   * undone like any edit. */
  {
    AdwMessageDialog *dialog = NULL;
    AdwComboRow *start = NULL;
    VlStatus s, e;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reports.set-clock", NULL));
    WAIT_UNTIL ((dialog = find_dialog_with ("set")) != NULL, 5);
    start = ADW_COMBO_ROW (find_by_id (GTK_WIDGET (dialog), "start_choice"));
    g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (start)), ==,
                     vl_enum_label ("status", VL_STATUS_IN_PROGRESS));
    adw_combo_row_set_selected (start, VL_STATUS_READY);
    adw_message_dialog_response (dialog, "set");
    vl_document_get_clock_statuses (vl_window_get_document (window), &s, &e);
    g_assert_cmpint (s, ==, VL_STATUS_READY);
    WAIT_UNTIL (vl_reports_page_get_report (page) != NULL &&
                vl_reports_page_get_report (page)->query.clock_start == VL_STATUS_READY, 10);
    WAIT_UNTIL (find_label (GTK_WIDGET (page), "From Ready to Launched") != NULL ||
                (find_label_prefix (GTK_WIDGET (page), "From Ready to Launched") != NULL), 5);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    vl_document_get_clock_statuses (vl_window_get_document (window), &s, &e);
    g_assert_cmpint (s, ==, VL_STATUS_IN_PROGRESS);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

/* The release calendar: this month's grid with the reviews due on their
 * days; Page Down to the next month; the iCalendar export. */
static void
test_calendar (void)
{
  g_autoptr(GFile) file = sample_file ("ui-reports-calendar.valueloop");
  VlWindow *window = vl_window_new (NULL);
  VlReportsPage *page = open_reports (window, file);
  g_autofree char *ics = g_build_filename (vl_test_dir (), "releases.ics", NULL);
  g_autofree char *text = NULL, *title = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GDate) today = vl_okr_today ();
  GDate first = *today, last;
  const VlCalendarEvent *shown = NULL;

  g_assert_true (press_keys (GTK_WIDGET (window), "key", "ctrl+7"));
  g_date_set_day (&first, 1);
  last = first;
  g_date_add_months (&last, 1);
  g_date_subtract_days (&last, 1);
  events = vl_calendar_events (vl_window_get_document (window), &first, &last);
  g_assert_cmpuint (events->len, >, 0);
  shown = events->pdata[0];
  title = g_strconcat (shown->kind == VL_CALENDAR_LAUNCH ? "● " : shown->kind == VL_CALENDAR_PLANNED_LAUNCH ? "○ " : "◆ ",
                       shown->name, NULL);
  WAIT_UNTIL (find_label (GTK_WIDGET (page), title) != NULL, 5);
  /* The month's P1 demands, above the days. */
  {
    g_autoptr(GArray) p1 = vl_calendar_p1_items (vl_window_get_document (window), &first);
    g_autofree char *heading = g_strdup_printf (p1->len == 1 ? "P1 this month: %u demand" : "P1 this month: %u demands",
                                                p1->len);

    g_assert_cmpuint (p1->len, >, 0);
    g_assert_nonnull (find_label (GTK_WIDGET (page), heading));
  }
  /* A click on it opens the item. */
  gtk_widget_activate (gtk_widget_get_ancestor (find_label (GTK_WIDGET (page), title), GTK_TYPE_BUTTON));
  WAIT_UNTIL (gtk_widget_get_mapped (vl_reports_page_get_item_panel (page)), 5);
  g_assert_cmpint (vl_record_get_rowid (vl_item_panel_get_item (VL_ITEM_PANEL (vl_reports_page_get_item_panel (page)))),
                   ==, shown->item);
  g_assert_true (press_keys (GTK_WIDGET (window), "key", "Escape"));
  /* Page Down: the next month's title. */
  {
    char month[64];
    GDate next = first;

    g_date_add_months (&next, 1);
    g_date_strftime (month, sizeof month, C_("calendar month", "%B %Y"), &next);
    gtk_widget_grab_focus (GTK_WIDGET (gtk_widget_get_first_child (GTK_WIDGET (page))));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reports.next-month", NULL));
    WAIT_UNTIL (find_label (GTK_WIDGET (page), month) != NULL, 5);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reports.export-calendar-to", "s", ics));
  text = read_text (ics);
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\n"));
  g_assert_nonnull (strstr (text, shown->uid));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

/* Every key of the page and its chart is in the shortcuts window's
 * Reports group, and every key listed there does something. */
static void
test_shortcuts_listed (void)
{
  VlWindow *window = vl_window_new (NULL);
  GtkWidget *page = vl_window_get_reports_page (window);
  GtkWidget *widgets[] = { page, GTK_WIDGET (vl_reports_page_get_chart (VL_REPORTS_PAGE (page))), NULL };

  g_assert_cmpuint (assert_shortcuts_listed (widgets, "Reports"), >=, 19);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  int status;

  if (!vl_ui_test_init (&argc, &argv))
    return 0;
  g_test_add_func ("/ui/reports/charts-from-keyboard", test_charts_from_keyboard);
  g_test_add_func ("/ui/reports/click-opens-item", test_click_opens_item);
  g_test_add_func ("/ui/reports/table-exports-and-choices", test_table_exports_and_choices);
  g_test_add_func ("/ui/reports/calendar", test_calendar);
  g_test_add_func ("/ui/reports/shortcuts-listed", test_shortcuts_listed);
  status = g_test_run ();
  vl_test_dir_cleanup ();
  return status;
}
