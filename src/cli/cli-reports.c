/* cli-reports.c — `valueloop-cli report` and `valueloop-cli calendar`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "vl-calendar.h"
#include "vl-cli.h"
#include "vl-labels.h"
#include "vl-reports.h"

/* A day given on the command line: YYYY-MM-DD and a real date. */
static gboolean
parse_date (const char *option,
            const char *text,
            GDate      *out,
            GError    **error)
{
  int y, m, d;
  char end;

  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &end) == 3 && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m,
                                                                                  (GDateYear) y))
    {
      g_date_clear (out, 1);
      g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
      return TRUE;
    }
  g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
               /* Translators: %s is an option (--from), then what was given */
               _("%s: “%s” is not a date (YYYY-MM-DD)"), option, text);
  return FALSE;
}

static void
print_percentiles (const char          *what,
                   const VlPercentiles *p)
{
  if (p->n == 0)
    /* Translators: `valueloop-cli report`: %s is "Cycle time" or similar */
    g_print (_("# %s: nothing was done in the period\n"), what);
  else
    /* Translators: `valueloop-cli report`: percentiles of durations in days */
    g_print (_("# %s of %u items: 50th percentile %.1f days, 85th %.1f, 95th %.1f\n"), what, p->n, p->p50,
             p->p85, p->p95);
}

int
cmd_report (int argc, char **argv)
{
  g_autofree char *from = NULL, *to = NULL, *backlog_name = NULL;
  gboolean csv = FALSE;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The first day (default: 90 days ago)"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The last day (default: today)"), N_("YYYY-MM-DD") },
    { "backlog", 'b', 0, G_OPTION_ARG_STRING, &backlog_name, N_("Only this backlog"), N_("NAME") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Write CSV (RFC 4180) instead of a table"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(VlDocument) doc = NULL;
  g_autoptr(VlRecord) backlog = NULL;
  g_autoptr(VlReport) report = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *clock = NULL;
  VlReportQuery query;
  VlReportKind kind;
  VlCsvWriter writer;
  GError *error = NULL;
  int status;

  ctx = cli_parse (cli_find_command ("report"), entries, &argc, &argv, 2, &status);
  if (status != 0)
    return status;
  if (!vl_report_kind_from_name (argv[1], &kind))
    return cli_usage (ctx, _("The report is one of cfd, cycle-time, lead-time, throughput, aging, calibration"));
  doc = cli_open_plan (argv[2], FALSE, &error);
  if (doc == NULL)
    return cli_fail (error);
  vl_report_query_init (&query, doc, 90);
  if ((from != NULL && !parse_date ("--from", from, &query.from, &error)) ||
      (to != NULL && !parse_date ("--to", to, &query.to, &error)))
    return cli_fail (error);
  if (from == NULL && to != NULL)
    {
      query.from = query.to;
      g_date_subtract_days (&query.from, 89);
    }
  if (backlog_name != NULL && (backlog = cli_find_backlog (doc, backlog_name, &error)) == NULL)
    return cli_fail (error);
  query.backlog = backlog != NULL ? vl_record_get_rowid (backlog) : 0;
  report = vl_report_compute (doc, &query, &error);
  if (report == NULL)
    return cli_fail (error);

  vl_csv_writer_init (&writer, VL_CSV_STANDARD, ".", out);
  if (!csv)
    {
      char a[16], b[16];

      writer.separator = '\t';
      g_date_strftime (a, sizeof a, "%Y-%m-%d", &query.from);
      g_date_strftime (b, sizeof b, "%Y-%m-%d", &query.to);
      clock = vl_report_describe_clock (report, kind);
      /* Translators: `valueloop-cli report`'s first line: the report, its period */
      g_print (_("# %s, %s to %s\n"), vl_report_kind_title (kind), a, b);
      if (*clock != '\0')
        g_print ("# %s\n", clock);
      if (kind == VL_REPORT_CYCLE_TIME || kind == VL_REPORT_AGING)
        print_percentiles (vl_report_kind_title (VL_REPORT_CYCLE_TIME), &report->cycle_pct);
      if (kind == VL_REPORT_CYCLE_TIME && report->done_without_start > 0)
        g_print (ngettext ("# %u item was done without a start (not counted)\n",
                           "# %u items were done without a start (not counted)\n", report->done_without_start),
                 report->done_without_start);
      if (kind == VL_REPORT_LEAD_TIME)
        print_percentiles (vl_report_kind_title (VL_REPORT_LEAD_TIME), &report->lead_pct);
      for (guint i = 0; kind == VL_REPORT_CALIBRATION && i < report->calibration_months->len; i++)
        {
          const VlCalibrationMonth *m = &g_array_index (report->calibration_months, VlCalibrationMonth, i);

          /* Translators: `valueloop-cli report calibration`: a month, then validated of reviewed */
          g_print (_("# %04d-%02d: %u of %u reviews validated (%.0f %%)\n"), m->year, m->month, m->validated,
                   m->reviewed, 100.0 * m->validated / MAX (m->reviewed, 1));
        }
    }
  vl_report_write_csv (doc, report, kind, &writer);
  g_print ("%s", out->str);
  return 0;
}

int
cmd_calendar (int argc, char **argv)
{
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The iCalendar file to write"), N_("OUT.ics") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(VlDocument) doc = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) events = NULL;
  GError *error = NULL;
  int status;

  ctx = cli_parse (cli_find_command ("calendar"), entries, &argc, &argv, 1, &status);
  if (status != 0)
    return status;
  if (output == NULL)
    return cli_usage (ctx, _("Say where to write the calendar with -o OUT.ics"));
  doc = cli_open_plan (argv[1], FALSE, &error);
  if (doc == NULL)
    return cli_fail (error);
  file = g_file_new_for_commandline_arg (output);
  if (!vl_calendar_write_ical (doc, file, &error))
    return cli_fail (error);
  events = vl_calendar_events (doc, NULL, NULL);
  g_print (ngettext ("Wrote %u event to %s\n", "Wrote %u events to %s\n", events->len), events->len, output);
  return 0;
}
