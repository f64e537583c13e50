/* vl-reports-page.c — the Reports page (Alt+6)
 *
 * The sidebar lists the reports (vl-reports.c computes them all in one
 * pass) and the release calendar. The period (the last 30, 90 or 180
 * days, the current cycle, or two days of one's choosing) and the backlog
 * are at the top; each report is drawn by the one chart widget
 * (vl-chart.c), says what its clock measures between, shows as a table
 * (Ctrl+T), and exports as PNG, SVG or CSV. A point's item opens in the
 * panel on the right (F9 hides it, as on every page).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-reports-page"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "vl-actions.h"
#include "vl-calendar.h"
#include "vl-item-panel.h"
#include "vl-labels.h"
#include "vl-node-writer.h"
#include "vl-okr.h"
#include "vl-reports-page.h"
#include "vl-toast.h"
#include "vl-value.h"

#define EPOCH_JULIAN 719163
#define EXPORT_WIDTH 1200
#define EXPORT_HEIGHT 700

enum {
  PERIOD_30,
  PERIOD_90,
  PERIOD_180,
  PERIOD_CYCLE,
  PERIOD_CUSTOM,
};

struct _VlReportsPage
{
  VlPage          parent_instance;

  GtkListBox     *report_list;
  GtkDropDown    *period_choice;
  GtkDropDown    *backlog_choice;
  GtkToggleButton *table_toggle;
  GtkLabel       *report_title;
  GtkLabel       *report_subtitle;
  GtkStack       *view_stack;
  VlChart        *chart;
  GtkColumnView  *table;
  GtkGrid        *month_grid;
  AdwStatusPage  *empty_page;
  GtkRevealer    *panel_revealer;
  VlItemPanel    *item_panel;

  VlDocument     *document;
  VlReport       *report;
  int             kind;           /* VlReportKind, or VL_REPORTS_CALENDAR */
  GArray         *backlog_ids;    /* gint64 per backlog choice; 0: every backlog */
  GDate           custom_from;
  GDate           custom_to;
  GDate           month;          /* the calendar's, its first day */
  VlCsvTable     *rows;           /* the table view's */
  VlReportJob    *job;            /* the reports being counted, between frames */
  guint           step_id;
  guint           refresh_id;
  gboolean        show_table;
  gboolean        stale;          /* edited while hidden: count again when shown */
  gboolean        panel_open;
  gboolean        filling;
  int             last_period;
};

G_DEFINE_FINAL_TYPE (VlReportsPage, vl_reports_page, VL_TYPE_PAGE)

enum {
  PROP_0,
  PROP_SHOW_TABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Status colours, light and dark alike (GNOME's palette). */
static const int status_colours[VL_N_STATUSES] = {
  0x9a9996, 0x62a0ea, 0x1c71d8, 0xe5a50a, 0x2ec27e, 0x26a269, 0xc01c28,
};
static const int verdict_colours[] = { 0x9a9996, 0x2ec27e, 0xe01b24, 0xe5a50a };

static void refresh (VlReportsPage *self);
static void show_kind (VlReportsPage *self);

/* ---- the panel ---------------------------------------------------------------- */

static void
update_panel (VlReportsPage *self)
{
  gboolean shown = self->panel_open && vl_page_get_show_details (VL_PAGE (self));

  if (shown)
    gtk_widget_set_visible (GTK_WIDGET (self->panel_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->panel_revealer, shown);
}

static void
panel_revealed_cb (VlReportsPage *self)
{
  if (!gtk_revealer_get_child_revealed (self->panel_revealer) &&
      !gtk_revealer_get_reveal_child (self->panel_revealer))
    gtk_widget_set_visible (GTK_WIDGET (self->panel_revealer), FALSE);
}

static void
open_item (VlReportsPage *self,
           gint64         rowid)
{
  g_autoptr(VlRecord) item = self->document != NULL ? vl_document_lookup (self->document, VL_KIND_ITEM, rowid)
                                                    : NULL;

  if (item == NULL)
    return;
  vl_item_panel_set_item (self->item_panel, item);
  self->panel_open = TRUE;
  /* Opening an item is asking for the details: F9 had hidden them. */
  if (!vl_page_get_show_details (VL_PAGE (self)))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-details", NULL);
  update_panel (self);
}

static void
activate_point_cb (VlChart       *chart,
                   gint64         item,
                   VlReportsPage *self)
{
  open_item (self, item);
}

/* ---- the query ------------------------------------------------------------------ */

static gboolean
parse_day (const char *text,
           GDate      *out)
{
  int y, m, d;
  char end;

  g_date_clear (out, 1);
  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static void
make_query (VlReportsPage *self,
            VlReportQuery *q)
{
  guint period = gtk_drop_down_get_selected (self->period_choice);
  guint backlog = gtk_drop_down_get_selected (self->backlog_choice);

  vl_report_query_init (q, self->document, period == PERIOD_30 ? 30 : period == PERIOD_180 ? 180 : 90);
  if (period == PERIOD_CYCLE)
    {
      g_autoptr(GDate) today = vl_okr_today ();
      g_autoptr(VlRecord) cycle = vl_document_dup_current_cycle (self->document, today);
      GDate from, to;

      if (cycle != NULL && parse_day (vl_record_get_string (cycle, "start"), &from) &&
          parse_day (vl_record_get_string (cycle, "end"), &to) && g_date_compare (&from, &to) <= 0)
        {
          q->from = from;
          q->to = to;
        }
    }
  else if (period == PERIOD_CUSTOM && g_date_valid (&self->custom_from))
    {
      q->from = self->custom_from;
      q->to = self->custom_to;
    }
  if (backlog != GTK_INVALID_LIST_POSITION && backlog < self->backlog_ids->len)
    q->backlog = g_array_index (self->backlog_ids, gint64, backlog);
}

/* ---- charts --------------------------------------------------------------------- */

static char *
item_title (VlReportsPage *self,
            gint64         rowid)
{
  g_autoptr(VlRecord) item = vl_document_lookup (self->document, VL_KIND_ITEM, rowid);

  return g_strdup (item != NULL ? vl_record_get_title (item) : "");
}

static double
gdate_day (const GDate *date)
{
  return (double) g_date_get_julian (date) - EPOCH_JULIAN;
}

static char *
day_text (const GDate *date)
{
  char text[64];

  /* Translators: a day in a chart's tooltip (strftime) */
  g_date_strftime (text, sizeof text, C_("chart point", "%a %b %d, %Y"), date);
  return g_strdup (text);
}

static void
add_point (GArray *points,
           double  x,
           double  y,
           int     series,
           gint64  item,
           char   *label)
{
  VlChartPoint p = { x, y, series, item, label };

  g_array_append_val (points, p);
}

static void
add_percentile_lines (VlReportsPage       *self,
                      const VlPercentiles *p)
{
  g_autofree char *p50 = NULL, *p85 = NULL, *p95 = NULL;

  if (p->n == 0)
    return;
  /* Translators: a percentile line on a chart: "85th · 12.5 days" */
  p50 = g_strdup_printf (_("50th · %.1f days"), p->p50);
  p85 = g_strdup_printf (_("85th · %.1f days"), p->p85);
  p95 = g_strdup_printf (_("95th · %.1f days"), p->p95);
  vl_chart_add_line (self->chart, p->p50, p50);
  vl_chart_add_line (self->chart, p->p85, p85);
  vl_chart_add_line (self->chart, p->p95, p95);
}

/* Cumulative flow: the flow states stacked, done at the bottom. */
static GArray *
flow_points (VlReportsPage *self,
             const char   **series,
             int           *colours)
{
  static const VlStatus stack[] = { VL_STATUS_REVIEWED, VL_STATUS_LAUNCHED, VL_STATUS_IN_PROGRESS,
                                    VL_STATUS_PLANNED, VL_STATUS_READY, VL_STATUS_IDEA };
  GArray *points = g_array_new (FALSE, TRUE, sizeof (VlChartPoint));

  for (guint k = 0; k < G_N_ELEMENTS (stack); k++)
    {
      series[k] = vl_enum_label ("status", (int) stack[k]);
      colours[k] = status_colours[stack[k]];
    }
  series[G_N_ELEMENTS (stack)] = NULL;
  for (guint d = 0; d < self->report->flow->len; d++)
    {
      const VlFlowDay *day = &g_array_index (self->report->flow, VlFlowDay, d);
      g_autofree char *when = day_text (&day->day);
      g_autoptr(GString) label = g_string_new (when);

      for (int k = (int) G_N_ELEMENTS (stack) - 1; k >= 0; k--)
        g_string_append_printf (label, k == (int) G_N_ELEMENTS (stack) - 1 ? ": %s %u" : ", %s %u",
                                series[k], day->counts[stack[k]]);
      for (guint k = 0; k < G_N_ELEMENTS (stack); k++)
        add_point (points, gdate_day (&day->day), day->counts[stack[k]], (int) k, 0,
                   k == 0 ? g_strdup (label->str) : NULL);
    }
  return points;
}

static GArray *
duration_points (VlReportsPage *self,
                 GArray        *durations)
{
  GArray *points = g_array_new (FALSE, TRUE, sizeof (VlChartPoint));

  for (guint i = 0; i < durations->len; i++)
    {
      const VlDuration *d = &g_array_index (durations, VlDuration, i);
      g_autofree char *title = item_title (self, d->item), *when = day_text (&d->done);

      /* Translators: a point of the cycle or lead time chart */
      add_point (points, gdate_day (&d->done), d->days, 0, d->item,
                 g_strdup_printf (_("%s — %.1f days, done %s"), title, d->days, when));
    }
  return points;
}

static void
fill_chart (VlReportsPage *self)
{
  const VlReport *r = self->report;
  const char *series[VL_N_STATUSES + 1] = { NULL };
  int colours[VL_N_STATUSES] = { 0 };
  GArray *points;

  switch (self->kind)
    {
    case VL_REPORT_CFD:
      points = flow_points (self, series, colours);
      vl_chart_set_data (self->chart, VL_CHART_STACKED_AREA, points, series, colours, TRUE, NULL, _("Items"));
      break;
    case VL_REPORT_CYCLE_TIME:
    case VL_REPORT_LEAD_TIME:
      series[0] = vl_report_kind_title ((VlReportKind) self->kind);
      colours[0] = 0x3584e4;
      points = duration_points (self, self->kind == VL_REPORT_CYCLE_TIME ? r->cycle : r->lead);
      vl_chart_set_data (self->chart, VL_CHART_SCATTER, points, series, colours, TRUE, _("Day done"), _("Days"));
      add_percentile_lines (self, self->kind == VL_REPORT_CYCLE_TIME ? &r->cycle_pct : &r->lead_pct);
      break;
    case VL_REPORT_THROUGHPUT:
      series[0] = vl_report_kind_title (VL_REPORT_THROUGHPUT);
      colours[0] = 0x2ec27e;
      points = g_array_new (FALSE, TRUE, sizeof (VlChartPoint));
      for (guint i = 0; i < r->throughput->len; i++)
        {
          const VlWeek *w = &g_array_index (r->throughput, VlWeek, i);
          g_autofree char *monday = day_text (&w->monday);

          /* Translators: a point of the throughput chart: ISO week, its Monday, items */
          add_point (points, gdate_day (&w->monday), w->launched, 0, 0,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Week %d (from %s): %u item",
                                                   "Week %d (from %s): %u items", w->launched),
                                      w->iso_week, monday, w->launched));
        }
      vl_chart_set_data (self->chart, VL_CHART_RUN, points, series, colours, TRUE, _("Week"), _("Items"));
      break;
    case VL_REPORT_AGING:
      {
        int n = 0;

        for (int s = (int) r->query.clock_start; s < (int) r->query.clock_end; s++, n++)
          {
            series[n] = vl_enum_label ("status", s);
            colours[n] = status_colours[s];
          }
        series[n] = NULL;
        points = g_array_new (FALSE, TRUE, sizeof (VlChartPoint));
        for (guint i = 0; i < r->aging->len; i++)
          {
            const VlAgingItem *a = &g_array_index (r->aging, VlAgingItem, i);
            g_autofree char *title = item_title (self, a->item);

            /* Translators: a point of the aging chart: title, status, days */
            add_point (points, a->status - r->query.clock_start, a->days, a->status - (int) r->query.clock_start,
                       a->item, g_strdup_printf (_("%s — %s for %.1f days"), title,
                                                 vl_enum_label ("status", (int) a->status), a->days));
          }
        vl_chart_set_data (self->chart, VL_CHART_DOTS, points, series, colours, FALSE, NULL, _("Days"));
        add_percentile_lines (self, &r->cycle_pct);
      }
      break;
    case VL_REPORT_CALIBRATION:
    default:
      for (int v = VL_VERDICT_VALIDATED; v <= VL_VERDICT_INCONCLUSIVE; v++)
        {
          series[v - 1] = vl_enum_label ("verdict", v);
          colours[v - 1] = verdict_colours[v];
        }
      series[3] = NULL;
      points = g_array_new (FALSE, TRUE, sizeof (VlChartPoint));
      for (guint i = 0; i < r->calibration->len; i++)
        {
          const VlCalibrationPoint *p = &g_array_index (r->calibration, VlCalibrationPoint, i);
          g_autofree char *title = item_title (self, p->item), *when = day_text (&p->reviewed);

          if (isnan (p->expected_pct))
            continue;   /* a zero baseline: no share of it (the table lists it) */
          /* Translators: a point of the value calibration chart: changes in % of the baseline */
          add_point (points, p->expected_pct, p->achieved_pct, MAX ((int) p->verdict - 1, 0), p->item,
                     g_strdup_printf (_("%s — expected %+g %%, achieved %+g %% (%s), reviewed %s"), title,
                                      p->expected_pct, p->achieved_pct,
                                      vl_enum_label ("verdict", (int) p->verdict), when));
        }
      vl_chart_set_data (self->chart, VL_CHART_SCATTER, points, series, colours, FALSE,
                         /* xgettext:no-c-format */
                         _("Expected change, % of the baseline"),
                         /* xgettext:no-c-format */
                         _("Achieved change, % of the baseline"));
      vl_chart_set_diagonal (self->chart, TRUE);
      break;
    }
}

static char *
summary (VlReportsPage *self)
{
  const VlReport *r = self->report;
  g_autofree char *clock = vl_report_describe_clock (r, (VlReportKind) self->kind);
  GString *s = g_string_new (clock);

  switch (self->kind)
    {
    case VL_REPORT_CYCLE_TIME:
    case VL_REPORT_LEAD_TIME:
      {
        const VlPercentiles *p = self->kind == VL_REPORT_CYCLE_TIME ? &r->cycle_pct : &r->lead_pct;

        if (p->n > 0)
          /* Translators: under a chart's title: items, then the 85th percentile */
          g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, " · %u item, 85 %% within %.1f days",
                                                  " · %u items, 85 %% within %.1f days", p->n), p->n, p->p85);
        if (self->kind == VL_REPORT_CYCLE_TIME && r->done_without_start > 0)
          g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, " · %u done without a start, not counted",
                                                  " · %u done without a start, not counted",
                                                  r->done_without_start), r->done_without_start);
      }
      break;
    case VL_REPORT_AGING:
      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, " · %u item in progress",
                                              " · %u items in progress", r->aging->len), r->aging->len);
      break;
    case VL_REPORT_CALIBRATION:
      for (guint i = 0; i < r->calibration_months->len; i++)
        {
          const VlCalibrationMonth *m = &g_array_index (r->calibration_months, VlCalibrationMonth, i);
          GDate first;
          char month[32];

          g_date_clear (&first, 1);
          g_date_set_dmy (&first, 1, (GDateMonth) m->month, (GDateYear) m->year);
          g_date_strftime (month, sizeof month, "%b", &first);
          /* Translators: the share validated in a month: "Sep: 6 of 11 validated" */
          g_string_append_printf (s, _("%s%s: %u of %u validated"), s->len > 0 ? " · " : "", month, m->validated,
                                  m->reviewed);
        }
      if (r->calibration->len > 0)
        g_string_append (s, _(" · the diagonal is “as expected”"));
      break;
    case VL_REPORT_CFD:
    case VL_REPORT_THROUGHPUT:
    default:
      break;
    }
  return g_string_free (s, FALSE);
}

static guint
n_points (VlReportsPage *self)
{
  const VlReport *r = self->report;

  switch (self->kind)
    {
    case VL_REPORT_CFD:
      return r->flow->len;
    case VL_REPORT_CYCLE_TIME:
      return r->cycle->len;
    case VL_REPORT_LEAD_TIME:
      return r->lead->len;
    case VL_REPORT_THROUGHPUT:
      return r->throughput->len;
    case VL_REPORT_AGING:
      return r->aging->len;
    default:
      return r->calibration->len;
    }
}

/* ---- the table ------------------------------------------------------------------ */

static GString *
report_csv (VlReportsPage *self,
            VlCsvFlavour   flavour)
{
  GString *out = g_string_new (NULL);
  VlCsvWriter w;

  vl_csv_writer_init (&w, flavour, flavour == VL_CSV_STANDARD ? "." : vl_csv_locale_decimal_mark (), out);
  vl_report_write_csv (self->document, self->report, (VlReportKind) self->kind, &w);
  return out;
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           VlReportsPage            *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  guint row = (guint) g_ascii_strtoull (gtk_string_object_get_string (gtk_list_item_get_item (list_item)), NULL, 10);
  const VlCsvRow *r = self->rows != NULL && row < self->rows->rows->len ? self->rows->rows->pdata[row] : NULL;

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      r != NULL && column < r->n_cells ? r->cells[column] : "");
}

static void
fill_table (VlReportsPage *self)
{
  g_autoptr(GString) csv = report_csv (self, VL_CSV_STANDARD);
  g_autoptr(GtkStringList) rows = gtk_string_list_new (NULL);
  GListModel *columns = gtk_column_view_get_columns (self->table);
  g_autoptr(GtkNoSelection) selection = NULL;

  g_clear_pointer (&self->rows, vl_csv_table_free);
  self->rows = vl_csv_parse (csv->str, csv->len, vl_report_kind_title ((VlReportKind) self->kind), NULL);
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->table, c);
    }
  if (self->rows == NULL)
    return;
  for (guint c = 0; c < self->rows->header->n_cells; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
      column = gtk_column_view_column_new (self->rows->header->cells[c], factory);
      gtk_column_view_column_set_expand (column, c == 1 && self->kind != VL_REPORT_CFD &&
                                                 self->kind != VL_REPORT_THROUGHPUT);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->table, column);
    }
  for (guint r = 0; r < self->rows->rows->len; r++)
    {
      char index[16];

      g_snprintf (index, sizeof index, "%u", r);
      gtk_string_list_append (rows, index);
    }
  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&rows)));
  gtk_column_view_set_model (self->table, GTK_SELECTION_MODEL (selection));
}

/* ---- the release calendar ---------------------------------------------------------- */

static void
event_clicked_cb (GtkButton     *button,
                  VlReportsPage *self)
{
  open_item (self, *(gint64 *) g_object_get_data (G_OBJECT (button), "item"));
}

static GtkWidget *
event_widget (VlReportsPage         *self,
              const VlCalendarEvent *event)
{
  static const char *const classes[] = { "calendar-launch", "calendar-planned", "calendar-review",
                                         "calendar-iteration", "calendar-iteration" };
  /* The kind by its mark and colour (the subtitle says which is which), the item by its title. */
  static const char *const marks[] = { "● ", "○ ", "◆ ", "", "" };
  g_autofree char *text = event->kind >= VL_CALENDAR_ITERATION_START ? g_strdup (event->title)
                                                                     : g_strconcat (marks[event->kind], event->name, NULL);
  GtkWidget *label = gtk_label_new (text), *button;
  gint64 *item;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, classes[event->kind]);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_tooltip_text (label, event->title);
  if (event->kind >= VL_CALENDAR_ITERATION_START)
    return label;
  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "calendar-event");
  item = g_new (gint64, 1);
  *item = event->item;
  g_object_set_data_full (G_OBJECT (button), "item", item, g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (event_clicked_cb), self);
  return button;
}

static void
fill_calendar (VlReportsPage *self)
{
  GDate first = self->month, last = self->month, start, today_date;
  g_autoptr(GDate) today = vl_okr_today ();
  g_autoptr(GPtrArray) events = NULL;
  GtkWidget *child;
  char text[64];
  guint e = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->month_grid))) != NULL)
    gtk_grid_remove (self->month_grid, child);
  g_date_add_months (&last, 1);
  g_date_subtract_days (&last, 1);
  /* From the Monday of the first week to the Sunday of the last. */
  start = first;
  g_date_subtract_days (&start, g_date_get_weekday (&first) - G_DATE_MONDAY);
  events = vl_calendar_events (self->document, &start, NULL);
  vl_calendar_add_iterations (self->document, events, &start, NULL);
  today_date = *today;
  /* The month's P1 demands, with how they stand, above the days. */
  {
    g_autoptr(GArray) p1 = vl_calendar_p1_items (self->document, &first);
    GtkWidget *row = gtk_flow_box_new ();
    g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "P1 this month: %u demand",
                                                             "P1 this month: %u demands", p1->len), p1->len);
    GtkWidget *label = gtk_label_new (heading);

    gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (row), GTK_SELECTION_NONE);
    gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (row), 8);
    gtk_widget_add_css_class (label, "heading");
    gtk_flow_box_append (GTK_FLOW_BOX (row), label);
    for (guint i = 0; i < p1->len; i++)
      {
        g_autoptr(VlRecord) item = vl_document_lookup (self->document, VL_KIND_ITEM, g_array_index (p1, gint64, i));
        VlCalendarEvent event = { VL_CALENDAR_LAUNCH, g_array_index (p1, gint64, i), first, NULL, NULL, NULL, NULL };
        VlP1State state;
        GtkWidget *button;

        if (item == NULL)
          continue;
        state = vl_item_get_p1_state (item, today);
        event.name = (char *) vl_record_get_title (item);
        event.title = g_strdup_printf ("%s · %s", vl_record_get_title (item), vl_p1_state_tag (state));
        button = event_widget (self, &event);
        gtk_label_set_text (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), event.title);
        gtk_widget_set_tooltip_text (button, vl_p1_state_label (state));
        gtk_widget_remove_css_class (gtk_button_get_child (GTK_BUTTON (button)), "calendar-launch");
        if (state == VL_P1_AT_RISK || state == VL_P1_LATE)
          gtk_widget_add_css_class (gtk_button_get_child (GTK_BUTTON (button)), "error");
        gtk_flow_box_append (GTK_FLOW_BOX (row), button);
        g_free (event.title);
      }
    gtk_grid_attach (self->month_grid, row, 0, 0, 7, 1);
  }
  for (int wd = 0; wd < 7; wd++)
    {
      GDate day = start;
      GtkWidget *label;

      g_date_add_days (&day, wd);
      g_date_strftime (text, sizeof text, "%a", &day);
      label = gtk_label_new (text);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (self->month_grid, label, wd, 1, 1, 1);
    }
  for (int cell = 0; cell < 42; cell++)
    {
      GDate day = start;
      GtkWidget *box, *number;
      guint shown = 0, more = 0;

      g_date_add_days (&day, cell);
      if (cell % 7 == 0 && g_date_compare (&day, &last) > 0)
        break;
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      g_snprintf (text, sizeof text, "%d", g_date_get_day (&day));
      number = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (number), 0);
      gtk_widget_add_css_class (number, "heading");
      gtk_box_append (GTK_BOX (box), number);
      gtk_widget_add_css_class (box, "calendar-day");
      if (g_date_get_month (&day) != g_date_get_month (&first))
        gtk_widget_add_css_class (box, "calendar-other-month");
      if (g_date_compare (&day, &today_date) == 0)
        gtk_widget_add_css_class (box, "calendar-today");
      while (e < events->len && g_date_compare (&((VlCalendarEvent *) events->pdata[e])->day, &day) < 0)
        e++;
      for (; e < events->len && g_date_compare (&((VlCalendarEvent *) events->pdata[e])->day, &day) == 0; e++)
        if (shown < 4)
          {
            gtk_box_append (GTK_BOX (box), event_widget (self, events->pdata[e]));
            shown++;
          }
        else
          more++;
      if (more > 0)
        {
          g_autofree char *said = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more", "%u more", more), more);
          GtkWidget *label = gtk_label_new (said);

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_widget_add_css_class (label, "caption");
          gtk_widget_add_css_class (label, "dim-label");
          gtk_box_append (GTK_BOX (box), label);
        }
      gtk_grid_attach (self->month_grid, box, cell % 7, 2 + cell / 7, 1, 1);
    }
}

/* ---- showing ------------------------------------------------------------------------ */

/* Which of the page's actions can run: the one place that says. */
static void
update_actions (VlReportsPage *self)
{
  gboolean calendar = self->kind == VL_REPORTS_CALENDAR;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export", !calendar && self->report != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.show-table", !calendar);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.previous-month", calendar);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.next-month", calendar);
}

static void
show_kind (VlReportsPage *self)
{
  g_autofree char *subtitle = NULL;
  gboolean calendar = self->kind == VL_REPORTS_CALENDAR;

  update_actions (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->period_choice), !calendar);
  gtk_widget_set_sensitive (GTK_WIDGET (self->backlog_choice), !calendar);
  if (calendar)
    {
      char month[64];

      g_date_strftime (month, sizeof month, C_("calendar month", "%B %Y"), &self->month);
      gtk_label_set_text (self->report_title, month);
      gtk_label_set_text (self->report_subtitle,
                          _("● launched · ○ planned to launch (the end of its iteration) · ◆ value review due · "
                            "Page Up and Page Down change the month"));
      if (self->document != NULL)
        fill_calendar (self);
      gtk_stack_set_visible_child_name (self->view_stack, "calendar");
      return;
    }
  gtk_label_set_text (self->report_title, vl_report_kind_title ((VlReportKind) self->kind));
  if (self->report == NULL)
    {
      gtk_label_set_text (self->report_subtitle, "");
      gtk_stack_set_visible_child_name (self->view_stack, self->job != NULL ? "counting" : "empty");
      return;
    }
  subtitle = summary (self);
  gtk_label_set_text (self->report_subtitle, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->report_subtitle), *subtitle != '\0');
  if (n_points (self) == 0)
    {
      adw_status_page_set_description (self->empty_page,
                                       _("Choose a longer period or another backlog, or see the calendar."));
      gtk_stack_set_visible_child_name (self->view_stack, "empty");
      return;
    }
  if (self->show_table)
    {
      fill_table (self);
      gtk_stack_set_visible_child_name (self->view_stack, "table");
    }
  else
    {
      fill_chart (self);
      gtk_stack_set_visible_child_name (self->view_stack, "chart");
    }
}

#define STEP_USEC 8000   /* a step of the counting, between two frames */

static void
cancel_job (VlReportsPage *self)
{
  g_clear_handle_id (&self->step_id, g_source_remove);
  g_clear_pointer (&self->job, vl_report_job_free);
}

static gboolean
step_cb (gpointer data)
{
  VlReportsPage *self = data;
  g_autoptr(GError) error = NULL;
  VlReport *report;

  if (!vl_report_job_step (self->job, STEP_USEC))
    return G_SOURCE_CONTINUE;
  self->step_id = 0;
  report = vl_report_job_finish (g_steal_pointer (&self->job), &error);
  if (report == NULL)
    {
      vl_toast (GTK_WIDGET (self), error->message, FALSE);
      return G_SOURCE_REMOVE;
    }
  g_clear_pointer (&self->report, vl_report_free);
  self->report = report;
  show_kind (self);
  return G_SOURCE_REMOVE;
}

/* Counts the reports again, in steps between frames (a 100,000-item plan
 * takes a few hundred milliseconds): the page shows the reports it has,
 * or that it is counting, meanwhile. */
static void
refresh (VlReportsPage *self)
{
  g_autoptr(GError) error = NULL;
  VlReportQuery q;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  cancel_job (self);
  self->stale = FALSE;
  if (self->document == NULL)
    return;
  make_query (self, &q);
  self->job = vl_report_job_new (self->document, &q, &error);
  if (self->job == NULL)
    {
      vl_toast (GTK_WIDGET (self), error->message, FALSE);
      return;
    }
  self->step_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, step_cb, self, NULL);
  if (self->report == NULL || self->report->query.backlog != q.backlog ||
      g_date_compare (&self->report->query.from, &q.from) != 0 || g_date_compare (&self->report->query.to, &q.to) != 0)
    {
      /* Other data: not the old chart meanwhile. */
      g_clear_pointer (&self->report, vl_report_free);
      show_kind (self);
    }
}

static gboolean
refresh_idle (gpointer data)
{
  VlReportsPage *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* Items and their moves changed: the reports follow, once per burst, and
 * only while the page shows (else when it shows again). */
/* The rows the reports count. */
static const char *const counted_rows[] = {
  "rows-changed::item", "rows-changed::transition", "rows-changed::iteration",
  "rows-changed::backlog",
};

static void
rows_changed_cb (VlDocument    *doc,
                 guint          kind,
                 GPtrArray     *records,
                 VlReportsPage *self)
{
  if (kind != VL_KIND_ITEM && kind != VL_KIND_TRANSITION && kind != VL_KIND_ITERATION && kind != VL_KIND_BACKLOG)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->stale = TRUE;
  else if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (300, refresh_idle, self);
}

static void
mapped_cb (VlReportsPage *self)
{
  if (self->stale && self->document != NULL)
    refresh (self);
}

static void
fill_backlogs (VlReportsPage *self)
{
  g_autoptr(GListModel) backlogs = vl_document_list (self->document, VL_KIND_BACKLOG, NULL, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 all = 0;

  self->filling = TRUE;
  g_array_set_size (self->backlog_ids, 0);
  gtk_string_list_append (names, _("All Backlogs"));
  g_array_append_val (self->backlog_ids, all);
  for (guint i = 0; i < g_list_model_get_n_items (backlogs); i++)
    {
      g_autoptr(VlRecord) b = g_list_model_get_item (backlogs, i);
      gint64 id = vl_record_get_rowid (b);

      gtk_string_list_append (names, vl_record_get_title (b));
      g_array_append_val (self->backlog_ids, id);
    }
  gtk_drop_down_set_model (self->backlog_choice, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->backlog_choice, 0);
  self->filling = FALSE;
}

static void
reports_page_load (VlPage     *page,
                   VlDocument *document)
{
  VlReportsPage *self = VL_REPORTS_PAGE (page);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  cancel_job (self);
  g_set_object (&self->document, document);
  g_clear_pointer (&self->report, vl_report_free);
  self->panel_open = FALSE;
  update_panel (self);
  if (document == NULL)
    return;
  fill_backlogs (self);
  refresh (self);
}

/* ---- choices and actions --------------------------------------------------------------- */

static void
report_chosen_cb (GtkListBox    *list,
                  GtkListBoxRow *row,
                  VlReportsPage *self)
{
  if (row == NULL)
    return;
  self->kind = gtk_list_box_row_get_index (row);
  show_kind (self);
}

/* A dialog's two choices: a custom period's days, the clock's statuses. */
typedef struct
{
  VlReportsPage *page;
  GtkWidget     *first, *second;
} Pair;

static void
pair_free (gpointer  data,
           GClosure *closure)
{
  Pair *c = data;

  g_object_unref (c->page);
  g_free (c);
}

/* @widget under its mnemonic @caption in @box. */
static GtkWidget *
add_labelled (GtkWidget  *box,
              const char *caption,
              GtkWidget  *widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (caption);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  return widget;
}

static void
custom_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Pair             *c)
{
  VlReportsPage *self = c->page;
  GDate from, to;

  if (!g_str_equal (response, "apply"))
    {
      gtk_drop_down_set_selected (self->period_choice, (guint) self->last_period);
      return;
    }
  if (!parse_day (gtk_editable_get_text (GTK_EDITABLE (c->first)), &from) ||
      !parse_day (gtk_editable_get_text (GTK_EDITABLE (c->second)), &to) || g_date_compare (&from, &to) > 0)
    {
      vl_toast (GTK_WIDGET (self), _("The period needs two dates (YYYY-MM-DD), the first one not after the second"),
                FALSE);
      gtk_drop_down_set_selected (self->period_choice, (guint) self->last_period);
      return;
    }
  self->custom_from = from;
  self->custom_to = to;
  self->last_period = PERIOD_CUSTOM;
  refresh (self);
}

static GtkWidget *
date_entry (GtkWidget   *box,
            const char  *caption,
            const GDate *date)
{
  GtkWidget *entry = gtk_entry_new ();
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  return add_labelled (box, caption, entry);
}

static void
ask_custom_period (VlReportsPage *self)
{
  GtkWidget *dialog, *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  Pair *c = g_new0 (Pair, 1);
  VlReportQuery q;

  make_query (self, &q);
  if (self->report != NULL)
    q = self->report->query;
  c->page = g_object_ref (self);
  c->first = date_entry (box, _("_From"), &q.from);
  c->second = date_entry (box, _("_To"), &q.to);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("Custom Period"),
                                   _("The reports cover these days, both included."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "apply", _("_Apply"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  g_signal_connect_data (dialog, "response", G_CALLBACK (custom_response_cb), c, pair_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
period_chosen_cb (VlReportsPage *self)
{
  if (gtk_drop_down_get_selected (self->period_choice) == PERIOD_CUSTOM)
    {
      ask_custom_period (self);
      return;
    }
  self->last_period = (int) gtk_drop_down_get_selected (self->period_choice);
  refresh (self);
}

static void
backlog_chosen_cb (VlReportsPage *self)
{
  if (!self->filling)
    refresh (self);
}

static void
write_png (GskRenderNode *node,
           GFile         *file,
           GError       **error)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, EXPORT_WIDTH * 2, EXPORT_HEIGHT * 2);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *path = NULL;
  g_autofree char *tmp = NULL;
  int fd;

  cairo_scale (cr, 2, 2);
  vl_node_draw_cairo (node, cr);
  cairo_destroy (cr);
  /* Written beside the target, then moved over it: a failed export leaves what was there. */
  fd = g_file_open_tmp ("vl-chart-XXXXXX.png", &tmp, error);
  if (fd >= 0)
    {
      close (fd);
      if (cairo_surface_write_to_png (surface, tmp) != CAIRO_STATUS_SUCCESS)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw the chart"));
      else
        {
          g_autoptr(GFile) from = g_file_new_for_path (tmp);

          g_file_move (from, file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error);
        }
      g_unlink (tmp);
    }
  cairo_surface_destroy (surface);
}

static void
export_to (VlReportsPage *self,
           const char    *format,
           GFile         *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file), *said = NULL;

  if (self->report == NULL || self->kind == VL_REPORTS_CALENDAR)
    return;
  if (g_str_equal (format, "csv"))
    {
      g_autoptr(GString) csv = report_csv (self, VL_CSV_SPREADSHEET);

      g_file_replace_contents (file, csv->str, csv->len, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
    }
  else
    {
      g_autoptr(GskRenderNode) node = NULL;

      fill_chart (self);
      node = vl_chart_render (self->chart, EXPORT_WIDTH, EXPORT_HEIGHT);
      if (g_str_equal (format, "svg"))
        {
          g_autofree char *svg = vl_node_to_svg (node, &GRAPHENE_RECT_INIT (0, 0, EXPORT_WIDTH, EXPORT_HEIGHT),
                                                 EXPORT_WIDTH, EXPORT_HEIGHT,
                                                 vl_report_kind_title ((VlReportKind) self->kind));

          g_file_replace_contents (file, svg, strlen (svg), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
        }
      else
        write_png (node, file, &error);
    }
  if (error != NULL)
    {
      vl_show_error (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("Could Not Export the Report"), error);
      return;
    }
  said = g_strdup_printf (_("“%s” exported"), name);
  vl_toast (GTK_WIDGET (self), said, FALSE);
}

/* "reports.export-to" (ss): a format (png, svg, csv) and a path, as the chooser gives them. */
static void
export_to_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  const char *format = NULL, *path = NULL;
  g_autoptr(GFile) file = NULL;

  g_variant_get (param, "(&s&s)", &format, &path);
  file = g_file_new_for_path (path);
  export_to (VL_REPORTS_PAGE (widget), format, file);
}

static void
calendar_to (VlReportsPage *self,
             GFile         *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file), *said = NULL;

  if (self->document == NULL)
    return;
  if (!vl_calendar_write_ical (self->document, file, &error))
    {
      vl_show_error (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("Could Not Export the Calendar"),
                     error);
      return;
    }
  said = g_strdup_printf (_("“%s” exported"), name);
  vl_toast (GTK_WIDGET (self), said, FALSE);
}

static void
export_calendar_to_action (GtkWidget  *widget,
                           const char *name,
                           GVariant   *param)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (param, NULL));

  calendar_to (VL_REPORTS_PAGE (widget), file);
}

typedef struct
{
  VlReportsPage *page;
  char          *format;   /* NULL: the calendar */
} Export;

static void
chosen_cb (GtkNativeDialog *chooser,
           int              response,
           Export          *e)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    {
      if (e->format != NULL)
        export_to (e->page, e->format, file);
      else
        calendar_to (e->page, file);
    }
  g_object_unref (e->page);
  g_free (e->format);
  g_free (e);
  g_object_unref (chooser);
}

static void
choose_file (VlReportsPage *self,
             const char    *format,
             const char    *title,
             const char    *suggested)
{
  GtkFileChooserNative *chooser;
  Export *e = g_new0 (Export, 1);

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  e->page = g_object_ref (self);
  e->format = g_strdup (format);
  g_signal_connect (chooser, "response", G_CALLBACK (chosen_cb), e);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  VlReportsPage *self = VL_REPORTS_PAGE (widget);
  const char *format = g_variant_get_string (param, NULL);
  g_autofree char *suggested = NULL;

  if (self->kind == VL_REPORTS_CALENDAR)
    return;
  suggested = g_strdup_printf ("%s.%s", vl_report_kind_title ((VlReportKind) self->kind), format);
  choose_file (self, format, _("Export Report"), suggested);
}

static void
export_calendar_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *param)
{
  /* Translators: the suggested name of an exported calendar */
  choose_file (VL_REPORTS_PAGE (widget), NULL, _("Export Calendar"), _("Releases.ics"));
}

static void
clock_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   Pair             *c)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "set") &&
      !vl_document_set_clock_statuses (c->page->document,
                                       (VlStatus) gtk_drop_down_get_selected (GTK_DROP_DOWN (c->first)),
                                       (VlStatus) gtk_drop_down_get_selected (GTK_DROP_DOWN (c->second)), &error))
    vl_toast (GTK_WIDGET (c->page), error->message, FALSE);
}

static GtkWidget *
status_choice (GtkWidget  *box,
               const char *caption,
               VlStatus    status)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *choice;

  for (int s = 0; s <= VL_STATUS_REVIEWED; s++)
    gtk_string_list_append (names, vl_enum_label ("status", s));
  choice = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (choice), status);
  return add_labelled (box, caption, choice);
}

/* "reports.set-clock": the plan's cycle time statuses (synced, undoable). */
static void
set_clock_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  VlReportsPage *self = VL_REPORTS_PAGE (widget);
  GtkWidget *dialog, *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  Pair *c;
  VlStatus start, end;

  if (self->document == NULL)
    return;
  vl_document_get_clock_statuses (self->document, &start, &end);
  c = g_new0 (Pair, 1);
  c->page = g_object_ref (self);
  c->first = status_choice (box, _("_Starts at the first entry into"), start);
  c->second = status_choice (box, _("_Stops at the first entry into"), end);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Cycle Time Statuses"),
                                   _("The cycle time, aging and the percentiles run between these statuses, "
                                     "for everyone who shares the plan."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "set", _("_Set"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "set", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "set");
  g_signal_connect_data (dialog, "response", G_CALLBACK (clock_response_cb), c, pair_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
settings_changed_cb (VlDocument    *doc,
                     VlReportsPage *self)
{
  refresh (self);
}

static void
close_item_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  VlReportsPage *self = VL_REPORTS_PAGE (widget);

  self->panel_open = FALSE;
  update_panel (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->chart));
}

static void
month_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  VlReportsPage *self = VL_REPORTS_PAGE (widget);

  if (g_str_equal (name, "reports.next-month"))
    g_date_add_months (&self->month, 1);
  else
    g_date_subtract_months (&self->month, 1);
  show_kind (self);
}

static void
show_report_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  VlReportsPage *self = VL_REPORTS_PAGE (widget);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->report_list, g_variant_get_int32 (param));

  if (row != NULL)
    gtk_list_box_select_row (self->report_list, row);
}

/* ---- the widget -------------------------------------------------------------------------- */

VlChart *
vl_reports_page_get_chart (VlReportsPage *self)
{
  g_return_val_if_fail (VL_IS_REPORTS_PAGE (self), NULL);
  return self->chart;
}

const VlReport *
vl_reports_page_get_report (VlReportsPage *self)
{
  g_return_val_if_fail (VL_IS_REPORTS_PAGE (self), NULL);
  return self->report;
}

GtkWidget *
vl_reports_page_get_item_panel (VlReportsPage *self)
{
  g_return_val_if_fail (VL_IS_REPORTS_PAGE (self), NULL);
  return GTK_WIDGET (self->item_panel);
}

static void
vl_reports_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VlReportsPage *self = VL_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_TABLE:
      g_value_set_boolean (value, self->show_table);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_reports_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  VlReportsPage *self = VL_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_TABLE:
      if (self->show_table != g_value_get_boolean (value))
        {
          self->show_table = g_value_get_boolean (value);
          show_kind (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_reports_page_dispose (GObject *object)
{
  VlReportsPage *self = VL_REPORTS_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  cancel_job (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), VL_TYPE_REPORTS_PAGE);
  g_clear_pointer (&self->report, vl_report_free);
  g_clear_pointer (&self->rows, vl_csv_table_free);
  g_clear_pointer (&self->backlog_ids, g_array_unref);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (vl_reports_page_parent_class)->dispose (object);
}

/* The page's actions and keys. */
static const VlActionEntry actions[] = {
  { "reports.show-table", .property = "show-table", .accel = "<Control>t" },
  { "reports.export", export_action, "s" },
  { "reports.export-to", export_to_action, "(ss)" },
  { "reports.export-calendar", export_calendar_action },
  { "reports.export-calendar-to", export_calendar_to_action, "s" },
  { "reports.close-item", close_item_action, .accel = "Escape" },
  { "reports.set-clock", set_clock_action },
  { "reports.previous-month", month_action, .accel = "Page_Up" },
  { "reports.next-month", month_action, .accel = "Page_Down" },
  { "reports.show-report", show_report_action, "i", .accel = "<Control>1", .format = "i", .arg1 = 0 },
  { "reports.show-report", .accel = "<Control>2", .format = "i", .arg1 = 1 },
  { "reports.show-report", .accel = "<Control>3", .format = "i", .arg1 = 2 },
  { "reports.show-report", .accel = "<Control>4", .format = "i", .arg1 = 3 },
  { "reports.show-report", .accel = "<Control>5", .format = "i", .arg1 = 4 },
  { "reports.show-report", .accel = "<Control>6", .format = "i", .arg1 = 5 },
  { "reports.show-report", .accel = "<Control>7", .format = "i", .arg1 = 6 },
};

static void
vl_reports_page_class_init (VlReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->get_property = vl_reports_page_get_property;
  object_class->set_property = vl_reports_page_set_property;
  object_class->dispose = vl_reports_page_dispose;
  VL_PAGE_CLASS (klass)->load = reports_page_load;

  /**
   * VlReportsPage:show-table:
   *
   * Whether the report shows as a table instead of a chart.
   */
  properties[PROP_SHOW_TABLE] = g_param_spec_boolean ("show-table", NULL, NULL, FALSE,
                                                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                      G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VL_TYPE_CHART);
  g_type_ensure (VL_TYPE_ITEM_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/valueloop/Valueloop/vl-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VlReportsPage, report_list);
  gtk_widget_class_bind_template_child (widget_class, VlReportsPage, period_choice);
  gtk_widget_class_bind_template_child (widget_class, VlReportsPage, backlog_choice);
  gtk_widget_class_bind_template_child (widget_class, VlReportsPage, table_toggle);
  gtk_widget_class_bind_template_child (widget_class, VlReportsPage, report_title);
  gtk_widget_class_bind_template_child (widget_class, VlReportsPage, report_subtitle);
  gtk_widget_class_bind_template_child (widget_class, VlReportsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, VlReportsPage, chart);
  gtk_widget_class_bind_template_child (widget_class, VlReportsPage, table);
  gtk_widget_class_bind_template_child (widget_class, VlReportsPage, month_grid);
  gtk_widget_class_bind_template_child (widget_class, VlReportsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, VlReportsPage, panel_revealer);
  gtk_widget_class_bind_template_child (widget_class, VlReportsPage, item_panel);

  vl_widget_class_add_actions (widget_class, actions, G_N_ELEMENTS (actions));
}

static void
vl_reports_page_init (VlReportsPage *self)
{
  g_autoptr(GtkStringList) periods = gtk_string_list_new (NULL);
  g_autoptr(GDate) today = vl_okr_today ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->backlog_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_date_clear (&self->custom_from, 1);
  g_date_clear (&self->custom_to, 1);
  self->month = *today;
  g_date_set_day (&self->month, 1);
  self->last_period = PERIOD_90;
  gtk_string_list_append (periods, _("Last 30 Days"));
  gtk_string_list_append (periods, _("Last 90 Days"));
  gtk_string_list_append (periods, _("Last 180 Days"));
  gtk_string_list_append (periods, _("This Cycle"));
  gtk_string_list_append (periods, _("Custom…"));
  gtk_drop_down_set_model (self->period_choice, G_LIST_MODEL (periods));
  gtk_drop_down_set_selected (self->period_choice, PERIOD_90);
  for (int k = 0; k <= VL_REPORTS_CALENDAR; k++)
    {
      GtkWidget *label = gtk_label_new (k < VL_REPORT_N_KINDS ? vl_report_kind_title ((VlReportKind) k)
                                                              : _("Release Calendar"));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_list_box_append (self->report_list, label);
    }
  gtk_list_box_select_row (self->report_list, gtk_list_box_get_row_at_index (self->report_list, 0));
  g_signal_connect (self->report_list, "row-selected", G_CALLBACK (report_chosen_cb), self);
  g_signal_connect_swapped (self->period_choice, "notify::selected", G_CALLBACK (period_chosen_cb), self);
  g_signal_connect_swapped (self->backlog_choice, "notify::selected", G_CALLBACK (backlog_chosen_cb), self);
  g_signal_connect (self->chart, "activate-point", G_CALLBACK (activate_point_cb), self);
  g_signal_connect_swapped (self->panel_revealer, "notify::child-revealed", G_CALLBACK (panel_revealed_cb), self);
  g_signal_connect (self, "notify::show-details", G_CALLBACK (update_panel), NULL);
  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (counted_rows); i++)
    g_signal_group_connect (vl_page_get_document_signals (VL_PAGE (self)), counted_rows[i],
                            G_CALLBACK (rows_changed_cb), self);
  g_signal_group_connect (vl_page_get_document_signals (VL_PAGE (self)), "value-settings-changed",
                          G_CALLBACK (settings_changed_cb), self);
  gtk_widget_set_visible (GTK_WIDGET (self->panel_revealer), FALSE);
  show_kind (self);
}
