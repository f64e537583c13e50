/* test-reports.c — flow and value reports on hand-built histories with
 * known answers (DESIGN §12)
 *
 * One plan, dated in March 2026 (UTC), with an item for each case: a
 * straight path, back-and-forth moves, an item launched twice, one with no
 * transition, one already in flight when the period starts, one launched
 * without having been in progress, one still in progress, one dropped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "vl-reports.h"
#include "vl-test-util.h"

#define DAY_MS ((gint64) 86400000)
#define HOUR_MS ((gint64) 3600000)

static gint64 fake_now;
static gint64 base_ms;   /* 2026-03-02 00:00 UTC, a Monday: day 0 */

static gint64
fake_clock (gpointer data)
{
  return fake_now;
}

static gint64
at (int day, int hour)
{
  return base_ms + day * DAY_MS + hour * HOUR_MS;
}

typedef struct
{
  VlDocument *doc;
  VlRecord   *backlog;
  VlRecord   *a, *b, *c, *d, *e, *f, *g, *i;
} Plan;

static VlRecord *
make_item (Plan       *p,
           const char *title,
           gint64      when)
{
  g_autoptr(GError) error = NULL;
  VlRecord *item;

  fake_now = when;
  item = vl_document_insert (p->doc, VL_KIND_ITEM, p->backlog, NULL, NULL, &error);
  g_assert_no_error (error);
  g_object_set (item, "title", title, NULL);
  return item;
}

static void
move (VlRecord *item,
      VlStatus  status,
      gint64    when)
{
  fake_now = when;
  g_object_set (item, "status", status, NULL);
  g_assert_cmpint (vl_record_get_int (item, "status"), ==, status);
}

/* Built in time order: the stamps of a device only move forward. */
static void
build (Plan *p)
{
  g_autoptr(GError) error = NULL;
  static int n;
  g_autofree char *name = g_strdup_printf ("reports-%d.valueloop", ++n);
  g_autoptr(GFile) file = vl_test_file (name);
  g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 3, 2, 0, 0, 0);

  base_ms = g_date_time_to_unix (base) * 1000;
  p->doc = vl_document_create (file, "Reports", &error);
  g_assert_no_error (error);
  vl_document_set_clock_func (p->doc, fake_clock, NULL);
  fake_now = at (-30, 0);
  p->backlog = vl_document_insert (p->doc, VL_KIND_BACKLOG, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  p->e = make_item (p, "E in flight", at (-20, 0));
  move (p->e, VL_STATUS_IN_PROGRESS, at (-10, 0));
  p->a = make_item (p, "A straight", at (0, 0));
  p->b = make_item (p, "B back and forth", at (0, 1));
  p->f = make_item (p, "F launched directly", at (0, 2));
  g_object_set (p->f, "metric", "Conversion", "baseline", 3.0, "expected", 3.3, NULL);
  p->i = make_item (p, "I dropped", at (0, 3));
  move (p->a, VL_STATUS_READY, at (1, 0));
  p->c = make_item (p, "C launched twice", at (1, 1));
  move (p->b, VL_STATUS_IN_PROGRESS, at (2, 0));
  move (p->e, VL_STATUS_LAUNCHED, at (2, 1));
  move (p->c, VL_STATUS_IN_PROGRESS, at (2, 2));
  move (p->a, VL_STATUS_IN_PROGRESS, at (3, 10));
  p->d = make_item (p, "D never moved", at (3, 11));
  move (p->b, VL_STATUS_READY, at (4, 0));
  move (p->f, VL_STATUS_LAUNCHED, at (4, 1));
  p->g = make_item (p, "G in progress", at (5, 0));
  move (p->c, VL_STATUS_LAUNCHED, at (5, 1));
  move (p->b, VL_STATUS_IN_PROGRESS, at (6, 0));
  move (p->c, VL_STATUS_IN_PROGRESS, at (6, 1));
  move (p->a, VL_STATUS_LAUNCHED, at (8, 10));
  move (p->c, VL_STATUS_LAUNCHED, at (9, 0));
  move (p->i, VL_STATUS_DROPPED, at (10, 0));
  move (p->b, VL_STATUS_LAUNCHED, at (12, 0));
  /* A hypothesis change after launch is kept in the history, not a move. */
  fake_now = at (13, 0);
  g_object_set (p->f, "expected", 3.4, NULL);
  move (p->g, VL_STATUS_IN_PROGRESS, at (20, 0));
  fake_now = at (20, 1);
  g_object_set (p->f, "actual", 3.45, "verdict", VL_VERDICT_VALIDATED, NULL);
  move (p->f, VL_STATUS_REVIEWED, at (20, 2));
}

static void
free_plan (Plan *p)
{
  VlRecord *items[] = { p->a, p->b, p->c, p->d, p->e, p->f, p->g, p->i, p->backlog };

  for (guint k = 0; k < G_N_ELEMENTS (items); k++)
    g_object_unref (items[k]);
  g_object_unref (p->doc);
}

/* The period: March 2026, day 0 to 29; now is day 30 at midnight. */
static void
march (Plan          *p,
       VlReportQuery *q)
{
  vl_report_query_init (q, p->doc, 30);
  g_date_set_dmy (&q->from, 2, G_DATE_MARCH, 2026);
  g_date_set_dmy (&q->to, 31, G_DATE_MARCH, 2026);
  q->now_ms = at (30, 0);
}

/* The plan built, its March report computed. */
static VlReport *
march_report (Plan          *p,
              VlReportQuery *q)
{
  g_autoptr(GError) error = NULL;
  VlReport *r;

  build (p);
  march (p, q);
  r = vl_report_compute (p->doc, q, &error);
  g_assert_no_error (error);
  return r;
}

static const VlFlowDay *
flow_day (VlReport *r,
          guint     day)
{
  g_assert_cmpuint (day, <, r->flow->len);
  return &g_array_index (r->flow, VlFlowDay, day);
}

static const VlDuration *
duration_of (GArray   *durations,
             VlRecord *item)
{
  for (guint k = 0; k < durations->len; k++)
    if (g_array_index (durations, VlDuration, k).item == vl_record_get_rowid (item))
      return &g_array_index (durations, VlDuration, k);
  return NULL;
}

static double
days_of (GArray   *durations,
         VlRecord *item)
{
  const VlDuration *d = duration_of (durations, item);

  g_assert_nonnull (d);
  return d != NULL ? d->days : NAN;
}

static int
done_day_of (GArray   *durations,
             VlRecord *item)
{
  const VlDuration *d = duration_of (durations, item);

  g_assert_nonnull (d);
  return d != NULL ? g_date_get_day (&d->done) : 0;
}

static void
test_flow (void)
{
  Plan p = { 0 };
  g_autoptr(VlReport) r = NULL;
  g_autoptr(GError) error = NULL;
  VlReportQuery q;
  const VlFlowDay *day;

  r = march_report (&p, &q);
  g_assert_cmpuint (r->flow->len, ==, 30);
  g_assert_cmpint (g_date_get_day (&flow_day (r, 0)->day), ==, 2);

  /* End of day 0: A, B, F, I made that day (ideas); E in progress since
   * before the period; C, D, G not made yet. */
  day = flow_day (r, 0);
  g_assert_cmpuint (day->counts[VL_STATUS_IDEA], ==, 4);
  g_assert_cmpuint (day->counts[VL_STATUS_IN_PROGRESS], ==, 1);
  g_assert_cmpuint (day->counts[VL_STATUS_LAUNCHED], ==, 0);

  /* End of day 4: B went back to Ready that day; F launched directly. */
  day = flow_day (r, 4);
  g_assert_cmpuint (day->counts[VL_STATUS_IDEA], ==, 2);         /* D (made day 3), I */
  g_assert_cmpuint (day->counts[VL_STATUS_READY], ==, 1);        /* B */
  g_assert_cmpuint (day->counts[VL_STATUS_IN_PROGRESS], ==, 2);  /* A, C */
  g_assert_cmpuint (day->counts[VL_STATUS_LAUNCHED], ==, 2);     /* E, F */

  /* End of day 5: C launched (the first time), G made. */
  day = flow_day (r, 5);
  g_assert_cmpuint (day->counts[VL_STATUS_IDEA], ==, 3);
  g_assert_cmpuint (day->counts[VL_STATUS_LAUNCHED], ==, 3);
  g_assert_cmpuint (day->counts[VL_STATUS_IN_PROGRESS], ==, 1);  /* A */

  /* End of the period. */
  day = flow_day (r, 29);
  g_assert_cmpuint (day->counts[VL_STATUS_IDEA], ==, 1);         /* D */
  g_assert_cmpuint (day->counts[VL_STATUS_READY], ==, 0);
  g_assert_cmpuint (day->counts[VL_STATUS_IN_PROGRESS], ==, 1);  /* G */
  g_assert_cmpuint (day->counts[VL_STATUS_LAUNCHED], ==, 4);     /* A, B, C, E */
  g_assert_cmpuint (day->counts[VL_STATUS_REVIEWED], ==, 1);     /* F */
  g_assert_cmpuint (day->counts[VL_STATUS_DROPPED], ==, 1);      /* I */
  for (guint k = 0; k < r->flow->len; k++)
    {
      guint sum = 0;

      for (guint s = 0; s < VL_N_STATUSES; s++)
        sum += flow_day (r, k)->counts[s];
      g_assert_cmpuint (sum, ==, k < 1 ? 5 : k < 3 ? 6 : k < 5 ? 7 : 8);
    }
  free_plan (&p);
}

static void
test_cycle_and_lead (void)
{
  Plan p = { 0 };
  g_autoptr(VlReport) r = NULL, late = NULL;
  g_autoptr(GError) error = NULL;
  VlReportQuery q;

  r = march_report (&p, &q);

  /* Done in the period, by the day done: E (2), C (5, its first launch), A (8), B (12). */
  g_assert_cmpuint (r->cycle->len, ==, 4);
  g_assert_cmpint (g_array_index (r->cycle, VlDuration, 0).item, ==, vl_record_get_rowid (p.e));
  g_assert_cmpfloat_with_epsilon (days_of (r->cycle, p.e), 12.0, 1e-9);  /* from day -10 */
  g_assert_cmpfloat_with_epsilon (days_of (r->cycle, p.c), 3.0, 1e-9);   /* the first entries */
  g_assert_cmpint (done_day_of (r->cycle, p.c), ==, 7);    /* March 7, day 5 */
  g_assert_cmpfloat_with_epsilon (days_of (r->cycle, p.a), 5.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (days_of (r->cycle, p.b), 10.0, 1e-9);  /* not from day 6 */
  g_assert_null (duration_of (r->cycle, p.f));                                      /* never in progress */
  g_assert_cmpuint (r->done_without_start, ==, 1);
  /* Nearest rank of 3, 5, 10, 12: ⌈0.5·4⌉ = 2, ⌈0.85·4⌉ = 4, ⌈0.95·4⌉ = 4. */
  g_assert_cmpuint (r->cycle_pct.n, ==, 4);
  g_assert_cmpfloat (r->cycle_pct.p50, ==, 5.0);
  g_assert_cmpfloat (r->cycle_pct.p85, ==, 12.0);
  g_assert_cmpfloat (r->cycle_pct.p95, ==, 12.0);

  /* Lead time from creation, with one decimal: A 8 days 10 hours. */
  g_assert_cmpuint (r->lead->len, ==, 5);
  g_assert_cmpfloat_with_epsilon (days_of (r->lead, p.a), 8.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (days_of (r->lead, p.f), 4.0, 1e-9);   /* 4 days less 1 hour */
  g_assert_cmpfloat_with_epsilon (days_of (r->lead, p.e), 22.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (days_of (r->lead, p.c), 4.0, 1e-9);

  /* A period that starts after E's launch: not done in it. */
  g_date_set_dmy (&q.from, 5, G_DATE_MARCH, 2026);
  late = vl_report_compute (p.doc, &q, &error);
  g_assert_no_error (error);
  g_assert_null (duration_of (late->cycle, p.e));
  g_assert_cmpuint (late->cycle->len, ==, 3);
  g_assert_cmpuint (late->flow->len, ==, 27);
  /* … though its flow starts with it launched (E, on day 2). */
  g_assert_cmpuint (g_array_index (late->flow, VlFlowDay, 0).counts[VL_STATUS_LAUNCHED], ==, 1);
  free_plan (&p);
}

static void
test_throughput_and_aging (void)
{
  Plan p = { 0 };
  g_autoptr(VlReport) r = NULL;
  g_autoptr(GError) error = NULL;
  VlReportQuery q;
  const VlWeek *w;

  r = march_report (&p, &q);
  /* March 2–31: ISO weeks 10 to 14, every one listed. */
  g_assert_cmpuint (r->throughput->len, ==, 5);
  w = &g_array_index (r->throughput, VlWeek, 0);
  g_assert_cmpint (w->iso_year, ==, 2026);
  g_assert_cmpint (w->iso_week, ==, 10);
  g_assert_cmpuint (w->launched, ==, 3);           /* E, F, C (once) */
  g_assert_cmpuint (g_array_index (r->throughput, VlWeek, 1).launched, ==, 2);   /* A, B */
  g_assert_cmpuint (g_array_index (r->throughput, VlWeek, 2).launched, ==, 0);
  g_assert_cmpint (g_array_index (r->throughput, VlWeek, 4).iso_week, ==, 14);

  /* Now (day 30): only G is in progress, for 10 days. */
  g_assert_cmpuint (r->aging->len, ==, 1);
  g_assert_cmpint (g_array_index (r->aging, VlAgingItem, 0).item, ==, vl_record_get_rowid (p.g));
  g_assert_cmpfloat_with_epsilon (g_array_index (r->aging, VlAgingItem, 0).days, 10.0, 1e-9);
  free_plan (&p);
}

static void
test_calibration (void)
{
  Plan p = { 0 };
  g_autoptr(VlReport) r = NULL;
  g_autoptr(GError) error = NULL;
  VlReportQuery q;
  const VlCalibrationPoint *point;
  const VlCalibrationMonth *month;

  r = march_report (&p, &q);
  g_assert_cmpuint (r->calibration->len, ==, 1);
  point = &g_array_index (r->calibration, VlCalibrationPoint, 0);
  g_assert_cmpint (point->item, ==, vl_record_get_rowid (p.f));
  g_assert_cmpint (g_date_get_day (&point->reviewed), ==, 22);   /* day 20 */
  g_assert_cmpfloat (point->expected_change, ==, 0.4);           /* the hypothesis changed to 3.4 */
  g_assert_cmpfloat (point->achieved_change, ==, 0.45);
  g_assert_cmpfloat (point->expected_pct, ==, 13.3);             /* 0.4 of 3: 13.3 % */
  g_assert_cmpfloat (point->achieved_pct, ==, 15.0);
  g_assert_cmpint (point->verdict, ==, VL_VERDICT_VALIDATED);
  g_assert_cmpuint (r->calibration_months->len, ==, 1);
  month = &g_array_index (r->calibration_months, VlCalibrationMonth, 0);
  g_assert_cmpint (month->month, ==, 3);
  g_assert_cmpuint (month->reviewed, ==, 1);
  g_assert_cmpuint (month->validated, ==, 1);
  free_plan (&p);
}

/* Which statuses start and end the clock is a plan setting. */
static void
test_clock_setting (void)
{
  Plan p = { 0 };
  g_autoptr(VlReport) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *says = NULL;
  VlReportQuery q;
  VlStatus start, end;

  build (&p);
  vl_document_get_clock_statuses (p.doc, &start, &end);
  g_assert_cmpint (start, ==, VL_STATUS_IN_PROGRESS);
  g_assert_cmpint (end, ==, VL_STATUS_LAUNCHED);
  g_assert_false (vl_document_set_clock_statuses (p.doc, VL_STATUS_LAUNCHED, VL_STATUS_READY, &error));
  g_assert_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (vl_document_set_clock_statuses (p.doc, VL_STATUS_READY, VL_STATUS_LAUNCHED, &error));
  march (&p, &q);
  g_assert_cmpint (q.clock_start, ==, VL_STATUS_READY);
  r = vl_report_compute (p.doc, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (days_of (r->cycle, p.a), 7.4, 1e-9);   /* Ready on day 1 */
  says = vl_report_describe_clock (r, VL_REPORT_CYCLE_TIME);
  g_assert_cmpstr (says, ==, "From Ready to Launched");
  /* Undone like any edit. */
  g_assert_true (vl_document_undo (p.doc, &error));
  vl_document_get_clock_statuses (p.doc, &start, &end);
  g_assert_cmpint (start, ==, VL_STATUS_IN_PROGRESS);

  /* A period that ends before it begins is refused. */
  g_date_set_dmy (&q.from, 10, G_DATE_APRIL, 2026);
  g_clear_pointer (&r, vl_report_free);
  r = vl_report_compute (p.doc, &q, &error);
  g_assert_null (r);
  g_assert_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID);
  free_plan (&p);
}

static void
test_percentiles (void)
{
  double one[] = { 7 }, two[] = { 1, 9 }, twenty[20];

  for (guint k = 0; k < 20; k++)
    twenty[k] = k + 1;
  g_assert_cmpfloat (vl_percentile_nearest_rank (one, 1, 0.5), ==, 7);
  g_assert_cmpfloat (vl_percentile_nearest_rank (one, 1, 0.95), ==, 7);
  g_assert_cmpfloat (vl_percentile_nearest_rank (two, 2, 0.5), ==, 1);
  g_assert_cmpfloat (vl_percentile_nearest_rank (two, 2, 0.85), ==, 9);
  g_assert_cmpfloat (vl_percentile_nearest_rank (two, 2, 0.95), ==, 9);
  g_assert_cmpfloat (vl_percentile_nearest_rank (twenty, 20, 0.5), ==, 10);
  g_assert_cmpfloat (vl_percentile_nearest_rank (twenty, 20, 0.85), ==, 17);
  g_assert_cmpfloat (vl_percentile_nearest_rank (twenty, 20, 0.95), ==, 19);
  g_assert_true (isnan (vl_percentile_nearest_rank (NULL, 0, 0.5)));
}

/* The CSV of a chart: a header in the user's language, a row per point. */
static void
test_csv (void)
{
  Plan p = { 0 };
  g_autoptr(VlReport) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  VlCsvWriter w;
  VlReportQuery q;

  r = march_report (&p, &q);
  vl_csv_writer_init (&w, VL_CSV_STANDARD, ".", out);
  vl_report_write_csv (p.doc, r, VL_REPORT_CYCLE_TIME, &w);
  lines = g_strsplit (out->str, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "ID,Title,Done,Days (From In Progress to Launched)");
  g_assert_true (g_str_has_suffix (lines[1], ",E in flight,2026-03-04,12"));
  g_assert_cmpuint (g_strv_length (lines), ==, 6);   /* header, 4 rows, "" */
  free_plan (&p);
}

int
main (int argc, char *argv[])
{
  int status;

  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reports/flow", test_flow);
  g_test_add_func ("/reports/cycle-and-lead", test_cycle_and_lead);
  g_test_add_func ("/reports/throughput-and-aging", test_throughput_and_aging);
  g_test_add_func ("/reports/calibration", test_calibration);
  g_test_add_func ("/reports/clock-setting", test_clock_setting);
  g_test_add_func ("/reports/percentiles", test_percentiles);
  g_test_add_func ("/reports/csv", test_csv);
  status = g_test_run ();
  vl_test_dir_cleanup ();
  return status;
}
