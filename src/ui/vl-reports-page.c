/* vl-reports-page.c — the Reports page (Alt+6)
 *
 * The sidebar lists the reports (vl-reports.c computes them all in one
 * pass) and the release calendar. The period (the last 30, 90 or 180
 * days, the current cycle, or two days of one's choosing) and the backlog
 * are at the top; each report is drawn by the one chart widget
 * (vl-chart.c), says what its clock measures between, shows as a table
 * (Ctrl+T), and exports as PNG, SVG or CSV. A point's item opens in the
 * panel on the right (F9 hides it, as on every page). The calendar's month
 * is vl-reports-page-calendar.c, the choices and actions
 * vl-reports-page-actions.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-reports-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vl-item-panel.h"
#include "vl-labels.h"
#include "vl-okr.h"
#include "vl-reports-page-private.h"
#include "vl-toast.h"
#include "vl-value.h"

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


/* ---- the panel ---------------------------------------------------------------- */

void
vl_reports_page_update_panel (VlReportsPage *self)
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

void
vl_reports_page_open_item (VlReportsPage *self,
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
  vl_reports_page_update_panel (self);
}

static void
activate_point_cb (VlChart       *chart,
                   gint64         item,
                   VlReportsPage *self)
{
  vl_reports_page_open_item (self, item);
}

/* ---- the query ------------------------------------------------------------------ */

gboolean
vl_reports_page_parse_day (const char *text,
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

void
vl_reports_page_make_query (VlReportsPage *self,
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

      if (cycle != NULL && vl_reports_page_parse_day (vl_record_get_string (cycle, "start"), &from) &&
          vl_reports_page_parse_day (vl_record_get_string (cycle, "end"), &to) && g_date_compare (&from, &to) <= 0)
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

void
vl_reports_page_fill_chart (VlReportsPage *self)
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

GString *
vl_reports_page_report_csv (VlReportsPage *self,
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

/* The place of the table's column that @factory makes the cells of. */
static guint
column_of (VlReportsPage      *self,
           GtkListItemFactory *factory)
{
  GListModel *columns = gtk_column_view_get_columns (self->table);
  guint n = g_list_model_get_n_items (columns);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (gtk_column_view_column_get_factory (column) == factory)
        return i;
    }
  return n;
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           VlReportsPage            *self)
{
  guint column = column_of (self, GTK_LIST_ITEM_FACTORY (factory));
  guint row = (guint) g_ascii_strtoull (gtk_string_object_get_string (gtk_list_item_get_item (list_item)), NULL, 10);
  const VlCsvRow *r = self->rows != NULL && row < self->rows->rows->len ? self->rows->rows->pdata[row] : NULL;

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      r != NULL && column < r->n_cells ? r->cells[column] : "");
}

static void
fill_table (VlReportsPage *self)
{
  g_autoptr(GString) csv = vl_reports_page_report_csv (self, VL_CSV_STANDARD);
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

void
vl_reports_page_show_kind (VlReportsPage *self)
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
        vl_reports_page_fill_calendar (self);
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
      vl_reports_page_fill_chart (self);
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
  vl_reports_page_show_kind (self);
  return G_SOURCE_REMOVE;
}

/* Counts the reports again, in steps between frames (a 100,000-item plan
 * takes a few hundred milliseconds): the page shows the reports it has,
 * or that it is counting, meanwhile. */
void
vl_reports_page_refresh (VlReportsPage *self)
{
  g_autoptr(GError) error = NULL;
  VlReportQuery q;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  cancel_job (self);
  self->stale = FALSE;
  if (self->document == NULL)
    return;
  vl_reports_page_make_query (self, &q);
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
      vl_reports_page_show_kind (self);
    }
}

static gboolean
refresh_idle (gpointer data)
{
  VlReportsPage *self = data;

  self->refresh_id = 0;
  vl_reports_page_refresh (self);
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
    vl_reports_page_refresh (self);
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
  vl_reports_page_update_panel (self);
  if (document == NULL)
    return;
  fill_backlogs (self);
  vl_reports_page_refresh (self);
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
          vl_reports_page_show_kind (self);
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

  vl_reports_page_class_add_actions (widget_class);
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
  vl_reports_page_connect_choices (self);
  g_signal_connect (self->chart, "activate-point", G_CALLBACK (activate_point_cb), self);
  g_signal_connect_swapped (self->panel_revealer, "notify::child-revealed", G_CALLBACK (panel_revealed_cb), self);
  g_signal_connect (self, "notify::show-details", G_CALLBACK (vl_reports_page_update_panel), NULL);
  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (counted_rows); i++)
    g_signal_group_connect (vl_page_get_document_signals (VL_PAGE (self)), counted_rows[i],
                            G_CALLBACK (rows_changed_cb), self);
  gtk_widget_set_visible (GTK_WIDGET (self->panel_revealer), FALSE);
  vl_reports_page_show_kind (self);
}
