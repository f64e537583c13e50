/* vl-reports.c — flow and value reports from the status history (DESIGN §12)
 *
 * Every report comes from the full, merged transition log, so it can be
 * made for any past period (a tool that draws its cumulative flow from
 * nightly snapshots cannot). One scan of the items in scope, one of the
 * transitions (bucketed by item in memory, no ORDER BY), then each item's
 * history once:
 *
 *  - an item's status at the end of a day is the one its last transition
 *    up to that day set; before its first transition, the status that
 *    transition left, from the day the item was made (the row's creation
 *    stamp); an item with no transition is in its status since then;
 *  - the clock of a cycle time runs from the first entry into the start
 *    status to the first entry into the end status (plan settings);
 *    an item done without having been in the start status before has no
 *    cycle time (it is counted, not given zero days); a lead time runs
 *    from the item's creation;
 *  - percentiles are nearest-rank: the value at rank ⌈p·n⌉.
 *
 * Deleted items are left out; a hypothesis change (a transition from a
 * status to itself) is not a move.
 *
 * Why one file of about 1,050 lines: the five reports are counted in one
 * pass over the status history (the budget in DESIGN §8 is against SQL);
 * each report's part needs the others' running state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-reports"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "vl-clock.h"
#include "vl-document-private.h"
#include "vl-labels.h"
#include "vl-reports.h"

#define MS_PER_DAY 86400000.0
#define EPOCH_JULIAN 719163   /* GDate's Julian day of 1970-01-01 */

typedef struct
{
  gint64  id;
  gint64  created_ms;
  int     status;
  int     verdict;
  double  baseline, expected, actual;
  char    review_due[11];
  guint   first, n;          /* its transitions in the bucketed array */
} Item;

typedef struct
{
  guint   item;              /* index into items */
  gint8   from, to;
  gint64  at;
} Move;

/* The local day of @ms, as days since 1970-01-01. */
static int
local_day (GTimeZone *tz,
           gint64     ms)
{
  gint64 secs = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, secs);
  gint64 local = secs + (interval >= 0 ? g_time_zone_get_offset (tz, interval) : 0);

  return (int) (local >= 0 ? local / 86400 : -((-local + 86399) / 86400));
}

static int
gdate_day (const GDate *date)
{
  return (int) g_date_get_julian (date) - EPOCH_JULIAN;
}

static void
day_gdate (int    day,
           GDate *out)
{
  g_date_clear (out, 1);
  g_date_set_julian (out, (guint32) (day + EPOCH_JULIAN));
}

/* A difference of two entered numbers, without the binary noise of the
 * subtraction (3.3 − 3 is 0.3, not 0.2999999999999998). */
static double
change (double from,
        double to)
{
  return round ((to - from) * 1e9) / 1e9;
}

static double
one_decimal (double days)
{
  return round (days * 10) / 10;
}

/**
 * vl_percentile_nearest_rank:
 * @sorted: ascending values
 *
 * Returns: the value at rank ⌈@p · @n⌉ (1-based), NaN when @n is 0
 */
double
vl_percentile_nearest_rank (const double *sorted,
                            guint         n,
                            double        p)
{
  double rank;

  if (n == 0)
    return NAN;
  /* (p · n computed in hundredths, so 0.85 · 20 is 17 and not 17.000…1) */
  rank = ceil (round (p * 100 * n) / 100);
  return sorted[(guint) CLAMP (rank, 1, n) - 1];
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

VlPercentiles
vl_percentiles (GArray *durations)
{
  VlPercentiles pct = { durations->len, NAN, NAN, NAN };
  g_autofree double *values = g_new (double, MAX (durations->len, 1));

  for (guint i = 0; i < durations->len; i++)
    values[i] = g_array_index (durations, VlDuration, i).days;
  qsort (values, durations->len, sizeof (double), compare_doubles);
  pct.p50 = vl_percentile_nearest_rank (values, durations->len, 0.50);
  pct.p85 = vl_percentile_nearest_rank (values, durations->len, 0.85);
  pct.p95 = vl_percentile_nearest_rank (values, durations->len, 0.95);
  return pct;
}

/**
 * vl_report_query_init:
 * @days: the period: the last @days days, today included
 *
 * Fills @query for the whole plan, the plan's cycle time statuses, now.
 */
void
vl_report_query_init (VlReportQuery *query,
                      VlDocument    *document,
                      guint          days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  memset (query, 0, sizeof *query);
  g_date_clear (&query->to, 1);
  g_date_set_dmy (&query->to, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
  query->from = query->to;
  g_date_subtract_days (&query->from, MAX (days, 1) - 1);
  vl_document_get_clock_statuses (document, &query->clock_start, &query->clock_end);
  query->now_ms = g_date_time_to_unix (now) * 1000;
}

void
vl_report_free (VlReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->flow, g_array_unref);
  g_clear_pointer (&report->cycle, g_array_unref);
  g_clear_pointer (&report->lead, g_array_unref);
  g_clear_pointer (&report->throughput, g_array_unref);
  g_clear_pointer (&report->aging, g_array_unref);
  g_clear_pointer (&report->calibration, g_array_unref);
  g_clear_pointer (&report->calibration_months, g_array_unref);
  g_free (report);
}

static double
column_number (sqlite3_stmt *stmt,
               int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, column);
}

/* Row id → place + 1 (0: not in scope); row ids are dense, so an array. */
static guint
place_of (GArray *index,
          gint64  rowid)
{
  return rowid > 0 && (guint64) rowid < index->len ? g_array_index (index, guint, rowid) : 0;
}

/* ---- the job: read in chunks, then each item's history once ---------------- */

typedef enum {
  STAGE_ITEMS,
  STAGE_MOVES,
  STAGE_HISTORIES,
  STAGE_DONE,
} Stage;

#define ITEMS_CHUNK 4096
#define MOVES_CHUNK 16384
#define HISTORIES_CHUNK 8192

struct _VlReportJob
{
  VlDocument *document;
  Stage       stage;
  GArray     *items;     /* Item */
  GArray     *index;     /* guint by row id */
  GArray     *read;      /* Move, as read */
  GArray     *moves;     /* Move, by item, in time order */
  gint64      after;     /* the last row id read: each chunk is a query of its own */
  guint       next;      /* the next item whose history is counted */
  GTimeZone  *tz;
  int         from, to, n_days, first_monday;
  int        *delta;     /* [status][day]: items entering − leaving */
  VlReport   *report;
  GError     *error;
};

/* @history: whether the status history failed to read, else the items. */
static void
job_fail (VlReportJob *job,
          gboolean     history)
{
  sqlite3 *db = _vl_document_get_db (job->document);
  const char *why = db != NULL ? sqlite3_errmsg (db) : "";

  if (history)
    g_set_error (&job->error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_FAILED,
                 _("Could not read the status history: %s"), why);
  else
    g_set_error (&job->error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_FAILED, _("Could not read the items: %s"), why);
  job->stage = STAGE_DONE;
}

/* The next rows of the items in scope, by row id. */
static void
items_chunk (VlReportJob *job)
{
  const VlReportQuery *q = &job->report->query;
  const char *sql = q->backlog != 0 && q->key_result != 0
    ? "SELECT id, hlc, status, verdict, baseline, expected, actual, review_due FROM item "
      "WHERE id > ?3 AND deleted <> 1 AND backlog = ?1 AND key_result = ?2 ORDER BY id LIMIT ?4"
    : q->backlog != 0
    ? "SELECT id, hlc, status, verdict, baseline, expected, actual, review_due FROM item "
      "WHERE id > ?3 AND deleted <> 1 AND backlog = ?1 AND ?2 = ?2 ORDER BY id LIMIT ?4"
    : q->key_result != 0
    ? "SELECT id, hlc, status, verdict, baseline, expected, actual, review_due FROM item "
      "WHERE id > ?3 AND deleted <> 1 AND ?1 = ?1 AND key_result = ?2 ORDER BY id LIMIT ?4"
    : "SELECT id, hlc, status, verdict, baseline, expected, actual, review_due FROM item "
      "WHERE id > ?3 AND deleted <> 1 AND ?1 = ?1 AND ?2 = ?2 ORDER BY id LIMIT ?4";
  sqlite3_stmt *stmt = _vl_document_statement (job->document, sql);
  guint n = 0;
  int rc;

  if (stmt == NULL)
    {
      job_fail (job, FALSE);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, q->backlog);
  sqlite3_bind_int64 (stmt, 2, q->key_result);
  sqlite3_bind_int64 (stmt, 3, job->after);
  sqlite3_bind_int (stmt, 4, ITEMS_CHUNK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Item item = { 0 };
      const char *due = (const char *) sqlite3_column_text (stmt, 7);

      n++;
      item.id = job->after = sqlite3_column_int64 (stmt, 0);
      item.created_ms = VL_HLC_MS (sqlite3_column_int64 (stmt, 1));
      item.status = sqlite3_column_int (stmt, 2);
      item.verdict = sqlite3_column_int (stmt, 3);
      item.baseline = column_number (stmt, 4);
      item.expected = column_number (stmt, 5);
      item.actual = column_number (stmt, 6);
      g_strlcpy (item.review_due, due != NULL ? due : "", sizeof item.review_due);
      g_array_append_val (job->items, item);
      if (item.id > 0 && item.id < G_MAXINT32)
        {
          if ((guint64) item.id >= job->index->len)
            g_array_set_size (job->index, MAX ((guint) item.id + 1, job->index->len * 2));
          g_array_index (job->index, guint, item.id) = job->items->len;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    job_fail (job, FALSE);
  else if (n < ITEMS_CHUNK)
    {
      job->stage = STAGE_MOVES;
      job->after = 0;
    }
}

static int
compare_moves (gconstpointer a,
               gconstpointer b)
{
  const Move *x = a, *y = b;

  return (x->at > y->at) - (x->at < y->at);
}

/* The moves, grouped by item (a counting sort), each item's in time order. */
static void
bucket_moves (VlReportJob *job)
{
  GArray *items = job->items;
  guint at = 0;

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = &g_array_index (items, Item, i);

      item->first = at;
      at += item->n;
      item->n = 0;
    }
  job->moves = g_array_sized_new (FALSE, FALSE, sizeof (Move), job->read->len);
  g_array_set_size (job->moves, job->read->len);
  for (guint i = 0; i < job->read->len; i++)
    {
      const Move *move = &g_array_index (job->read, Move, i);
      Item *item = &g_array_index (items, Item, move->item);

      g_array_index (job->moves, Move, item->first + item->n++) = *move;
    }
  g_clear_pointer (&job->read, g_array_unref);
  for (guint i = 0; i < items->len; i++)
    {
      Item *item = &g_array_index (items, Item, i);
      const Move *m = &g_array_index (job->moves, Move, item->first);
      gboolean sorted = TRUE;

      /* One device's moves come in time order already; merged ones may not. */
      for (guint k = 1; k < item->n && sorted; k++)
        sorted = m[k - 1].at <= m[k].at;
      if (!sorted)
        qsort (&g_array_index (job->moves, Move, item->first), item->n, sizeof (Move), compare_moves);
    }
}

/* The next status changes of the items in scope, by row id. */
static void
moves_chunk (VlReportJob *job)
{
  sqlite3_stmt *stmt = _vl_document_statement (job->document,
    "SELECT id, item, from_status, to_status, at FROM transition "
    "WHERE id > ?1 AND deleted <> 1 AND from_status <> to_status ORDER BY id LIMIT ?2");
  guint n = 0;
  int rc;

  if (stmt == NULL)
    {
      job_fail (job, TRUE);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, job->after);
  sqlite3_bind_int (stmt, 2, MOVES_CHUNK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint place = place_of (job->index, sqlite3_column_int64 (stmt, 1));
      Move move;

      n++;
      job->after = sqlite3_column_int64 (stmt, 0);
      if (place == 0)
        continue;
      move.item = place - 1;
      move.from = (gint8) CLAMP (sqlite3_column_int (stmt, 2), 0, VL_N_STATUSES - 1);
      move.to = (gint8) CLAMP (sqlite3_column_int (stmt, 3), 0, VL_N_STATUSES - 1);
      move.at = sqlite3_column_int64 (stmt, 4);
      g_array_append_val (job->read, move);
      g_array_index (job->items, Item, move.item).n++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    job_fail (job, TRUE);
  else if (n < MOVES_CHUNK)
    {
      bucket_moves (job);
      job->stage = STAGE_HISTORIES;
    }
}

static int
compare_durations (gconstpointer a,
                   gconstpointer b)
{
  const VlDuration *x = a, *y = b;
  int order = g_date_compare (&x->done, &y->done);

  return order != 0 ? order : (x->item > y->item) - (x->item < y->item);
}

static int
compare_aging (gconstpointer a,
               gconstpointer b)
{
  const VlAgingItem *x = a, *y = b;

  return (x->days < y->days) - (x->days > y->days);
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const VlCalibrationPoint *x = a, *y = b;
  int order = g_date_compare (&x->reviewed, &y->reviewed);

  return order != 0 ? order : (x->item > y->item) - (x->item < y->item);
}

static void
add_duration (GArray *to,
              gint64  item,
              int     done_day,
              double  days)
{
  VlDuration d = { item, { 0 }, one_decimal (MAX (days, 0)) };

  day_gdate (done_day, &d.done);
  g_array_append_val (to, d);
}

/* Throughput: every ISO week the period touches, from its Monday. */
static GArray *
weeks_of (int  from,
          int  to,
          int *first_monday)
{
  GArray *weeks = g_array_new (FALSE, TRUE, sizeof (VlWeek));
  GDate date;

  day_gdate (from, &date);
  *first_monday = from - (int) (g_date_get_weekday (&date) - G_DATE_MONDAY);
  for (int monday = *first_monday; monday <= to; monday += 7)
    {
      VlWeek week = { 0 };
      GDate thursday;

      day_gdate (monday, &week.monday);
      day_gdate (monday + 3, &thursday);   /* the ISO year is the Thursday's */
      week.iso_year = g_date_get_year (&thursday);
      week.iso_week = (int) g_date_get_iso8601_week_of_year (&week.monday);
      g_array_append_val (weeks, week);
    }
  return weeks;
}

static void
add_to_month (GArray       *months,
              const GDate  *day,
              gboolean      validated)
{
  int year = g_date_get_year (day), month = g_date_get_month (day);
  VlCalibrationMonth *m = NULL;

  for (guint i = 0; i < months->len && m == NULL; i++)
    {
      VlCalibrationMonth *at = &g_array_index (months, VlCalibrationMonth, i);

      if (at->year == year && at->month == month)
        m = at;
    }
  if (m == NULL)
    {
      VlCalibrationMonth fresh = { year, month, 0, 0 };

      g_array_append_val (months, fresh);
      m = &g_array_index (months, VlCalibrationMonth, months->len - 1);
    }
  m->reviewed++;
  m->validated += validated ? 1 : 0;
}

/* The day of a review: its first entry into Reviewed, or else (a plan
 * imported without its history) the day it was due. */
static gboolean
review_day (GTimeZone  *tz,
            const Item *item,
            gint64      reviewed_ms,
            int        *day)
{
  GDate date;

  if (reviewed_ms >= 0)
    {
      *day = local_day (tz, reviewed_ms);
      return TRUE;
    }
  g_date_clear (&date, 1);
  g_date_set_parse (&date, item->review_due);
  if (item->review_due[0] == '\0' || !g_date_valid (&date))
    return FALSE;
  *day = gdate_day (&date);
  return TRUE;
}

/* Counts the next items' histories. */
static void
histories_chunk (VlReportJob *job)
{
  VlReport *report = job->report;
  const VlReportQuery *query = &report->query;
  VlStatus start = query->clock_start, end = query->clock_end;

  for (guint i = job->next; i < MIN (job->next + HISTORIES_CHUNK, job->items->len); i++)
    {
      const Item *item = &g_array_index (job->items, Item, i);
      const Move *m = item->n > 0 ? &g_array_index (job->moves, Move, item->first) : NULL;
      gint64 first_in[VL_N_STATUSES];
      int status = m != NULL ? m[0].from : CLAMP (item->status, 0, VL_N_STATUSES - 1);
      /* A device whose clock was behind may have moved it "before" it was made. */
      gint64 created_ms = m != NULL ? MIN (item->created_ms, m[0].at) : item->created_ms;
      int since = local_day (job->tz, created_ms);

      for (guint s = 0; s < VL_N_STATUSES; s++)
        first_in[s] = -1;
      /* Made in its first status (not done: an item imported as launched
       * was not launched the day it was imported). */
      if (status < (int) end)
        first_in[status] = created_ms;
      /* Its statuses day by day: each held from the day it was entered
       * to the day the next one was (at the end of a day, the last one
       * entered that day counts). */
      for (guint k = 0; k <= item->n; k++)
        {
          int until = k < item->n ? local_day (job->tz, m[k].at) : job->to + 1;
          int a = MAX (since, job->from), b = MIN (until, job->to + 1);

          if (a < b)
            {
              job->delta[status * (job->n_days + 1) + (a - job->from)]++;
              job->delta[status * (job->n_days + 1) + (b - job->from)]--;
            }
          if (k == item->n)
            break;
          status = m[k].to;
          since = MAX (until, since);
          if (first_in[status] < 0)
            first_in[status] = m[k].at;
        }

      /* Done in the period: cycle and lead time, throughput. */
      if (first_in[end] >= 0)
        {
          int done = local_day (job->tz, first_in[end]);

          if (done >= job->from && done <= job->to)
            {
              if (first_in[start] >= 0 && first_in[start] <= first_in[end])
                add_duration (report->cycle, item->id, done, (first_in[end] - first_in[start]) / MS_PER_DAY);
              else
                report->done_without_start++;
              add_duration (report->lead, item->id, done, (first_in[end] - created_ms) / MS_PER_DAY);
              g_array_index (report->throughput, VlWeek, (done - job->first_monday) / 7).launched++;
            }
        }

      /* Work in progress now: from the start status up to the end one. */
      if (item->status >= (int) start && item->status < (int) end && item->status != VL_STATUS_DROPPED)
        {
          gint64 began = first_in[start] >= 0 ? first_in[start] : created_ms;
          VlAgingItem aging = { item->id, (VlStatus) item->status,
                                one_decimal (MAX (query->now_ms - began, 0) / MS_PER_DAY) };

          g_array_append_val (report->aging, aging);
        }

      /* Reviewed in the period, with a hypothesis to compare with. */
      if (item->verdict != VL_VERDICT_NONE && !isnan (item->baseline) && !isnan (item->expected) &&
          !isnan (item->actual))
        {
          int day;

          if (review_day (job->tz, item, first_in[VL_STATUS_REVIEWED], &day) && day >= job->from && day <= job->to)
            {
              VlCalibrationPoint point = { item->id, { 0 }, change (item->baseline, item->expected),
                                           change (item->baseline, item->actual), NAN, NAN,
                                           (VlVerdict) item->verdict };

              if (item->baseline != 0)
                {
                  point.expected_pct = round (point.expected_change / fabs (item->baseline) * 1000) / 10;
                  point.achieved_pct = round (point.achieved_change / fabs (item->baseline) * 1000) / 10;
                }

              day_gdate (day, &point.reviewed);
              g_array_append_val (report->calibration, point);
            }
        }
    }

  job->next = MIN (job->next + HISTORIES_CHUNK, job->items->len);
  if (job->next == job->items->len)
    job->stage = STAGE_DONE;
}

/**
 * vl_report_job_new:
 *
 * Begins computing every report for @query (see the opening comment for
 * the rules), to be stepped with vl_report_job_step() between frames: the
 * rows are read in chunks, each a query of its own, so nothing stays open
 * on the plan between two steps. An edit between steps is counted or not;
 * the caller computes again after rows-changed.
 *
 * Returns: (transfer full): the job, or %NULL with @error for a query
 *   that cannot be answered
 */
VlReportJob *
vl_report_job_new (VlDocument          *document,
                   const VlReportQuery *query,
                   GError             **error)
{
  VlReportJob *job;
  VlReport *report;

  g_return_val_if_fail (VL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (g_date_valid (&query->from) && g_date_valid (&query->to), NULL);

  if (g_date_compare (&query->from, &query->to) > 0 || query->clock_start >= query->clock_end)
    {
      g_set_error_literal (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                           g_date_compare (&query->from, &query->to) > 0
                           ? _("The report’s period ends before it begins")
                           : _("The cycle time must start at a status before the one it ends at"));
      return NULL;
    }
  if (_vl_document_get_db (document) == NULL)
    {
      g_set_error_literal (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_FAILED, _("The plan is closed"));
      return NULL;
    }
  job = g_new0 (VlReportJob, 1);
  job->document = g_object_ref (document);
  job->items = g_array_new (FALSE, TRUE, sizeof (Item));
  job->index = g_array_new (FALSE, TRUE, sizeof (guint));
  job->read = g_array_new (FALSE, FALSE, sizeof (Move));
  job->tz = g_time_zone_new_local ();
  job->report = report = g_new0 (VlReport, 1);
  report->query = *query;
  job->from = gdate_day (&query->from);
  job->to = gdate_day (&query->to);
  job->n_days = job->to - job->from + 1;
  job->delta = g_new0 (int, (gsize) VL_N_STATUSES * (job->n_days + 1));
  report->cycle = g_array_new (FALSE, TRUE, sizeof (VlDuration));
  report->lead = g_array_new (FALSE, TRUE, sizeof (VlDuration));
  report->throughput = weeks_of (job->from, job->to, &job->first_monday);
  report->aging = g_array_new (FALSE, TRUE, sizeof (VlAgingItem));
  report->calibration = g_array_new (FALSE, TRUE, sizeof (VlCalibrationPoint));
  report->calibration_months = g_array_new (FALSE, TRUE, sizeof (VlCalibrationMonth));
  return job;
}

void
vl_report_job_free (VlReportJob *job)
{
  if (job == NULL)
    return;
  g_clear_object (&job->document);
  g_clear_pointer (&job->items, g_array_unref);
  g_clear_pointer (&job->index, g_array_unref);
  g_clear_pointer (&job->read, g_array_unref);
  g_clear_pointer (&job->moves, g_array_unref);
  g_clear_pointer (&job->tz, g_time_zone_unref);
  g_free (job->delta);
  vl_report_free (job->report);
  g_clear_error (&job->error);
  g_free (job);
}

/**
 * vl_report_job_step:
 * @budget_us: how long to work, in microseconds; -1: to the end
 *
 * Returns: %TRUE when the job is done (vl_report_job_finish() gives the
 *   reports or the error)
 */
gboolean
vl_report_job_step (VlReportJob *job,
                    gint64       budget_us)
{
  gint64 until = budget_us < 0 ? G_MAXINT64 : g_get_monotonic_time () + budget_us;

  while (job->stage != STAGE_DONE && g_get_monotonic_time () < until)
    {
      if (_vl_document_get_db (job->document) == NULL)
        {
          g_set_error_literal (&job->error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_FAILED, _("The plan is closed"));
          job->stage = STAGE_DONE;
        }
      else if (job->stage == STAGE_ITEMS)
        items_chunk (job);
      else if (job->stage == STAGE_MOVES)
        moves_chunk (job);
      else
        histories_chunk (job);
    }
  return job->stage == STAGE_DONE;
}

/**
 * vl_report_job_finish:
 *
 * Frees @job, done.
 *
 * Returns: (transfer full): the reports, or %NULL with @error
 */
VlReport *
vl_report_job_finish (VlReportJob *job,
                      GError     **error)
{
  VlReport *report;
  guint counts[VL_N_STATUSES] = { 0 };
  int from, n_days;

  g_return_val_if_fail (job->stage == STAGE_DONE, NULL);
  if (job->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&job->error));
      vl_report_job_free (job);
      return NULL;
    }
  report = g_steal_pointer (&job->report);
  from = job->from;
  n_days = job->n_days;
  report->flow = g_array_sized_new (FALSE, TRUE, sizeof (VlFlowDay), n_days);
  for (int d = 0; d < n_days; d++)
    {
      VlFlowDay day = { { 0 }, { 0 } };

      day_gdate (from + d, &day.day);
      for (guint s = 0; s < VL_N_STATUSES; s++)
        {
          counts[s] += job->delta[s * (n_days + 1) + d];
          day.counts[s] = counts[s];
        }
      g_array_append_val (report->flow, day);
    }
  g_array_sort (report->cycle, compare_durations);
  g_array_sort (report->lead, compare_durations);
  g_array_sort (report->aging, compare_aging);
  g_array_sort (report->calibration, compare_points);
  for (guint i = 0; i < report->calibration->len; i++)
    {
      const VlCalibrationPoint *p = &g_array_index (report->calibration, VlCalibrationPoint, i);

      add_to_month (report->calibration_months, &p->reviewed, p->verdict == VL_VERDICT_VALIDATED);
    }
  report->cycle_pct = vl_percentiles (report->cycle);
  report->lead_pct = vl_percentiles (report->lead);
  vl_report_job_free (job);
  return report;
}

/**
 * vl_report_compute:
 *
 * Every report for @query, at once (the CLI, tests); see vl_report_job_new().
 *
 * Returns: (transfer full): the reports, or %NULL with @error
 */
VlReport *
vl_report_compute (VlDocument          *document,
                   const VlReportQuery *query,
                   GError             **error)
{
  VlReportJob *job = vl_report_job_new (document, query, error);

  if (job == NULL)
    return NULL;
  vl_report_job_step (job, -1);
  return vl_report_job_finish (job, error);
}

/* ---- kinds and CSV ---------------------------------------------------------- */

static const struct
{
  const char *name;
  const char *title;
} kinds[] = {
  { "cfd", N_("Cumulative Flow") },
  { "cycle-time", N_("Cycle Time") },
  { "lead-time", N_("Lead Time") },
  { "throughput", N_("Throughput") },
  { "aging", N_("Aging Work in Progress") },
  { "calibration", N_("Value Calibration") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (kinds) == VL_REPORT_N_KINDS);

const char *
vl_report_kind_name (VlReportKind kind)
{
  g_return_val_if_fail (kind < VL_REPORT_N_KINDS, NULL);
  return kinds[kind].name;
}

const char *
vl_report_kind_title (VlReportKind kind)
{
  g_return_val_if_fail (kind < VL_REPORT_N_KINDS, NULL);
  return _(kinds[kind].title);
}

gboolean
vl_report_kind_from_name (const char   *name,
                          VlReportKind *kind)
{
  for (guint k = 0; k < VL_REPORT_N_KINDS; k++)
    if (g_strcmp0 (name, kinds[k].name) == 0)
      {
        *kind = (VlReportKind) k;
        return TRUE;
      }
  return FALSE;
}

/**
 * vl_report_describe_clock:
 *
 * Returns: (transfer full): what the chart of @kind measures between, as
 *   every chart says it ("From In Progress to Launched")
 */
char *
vl_report_describe_clock (const VlReport *report,
                          VlReportKind    kind)
{
  const char *end = vl_enum_label ("status", (int) report->query.clock_end);

  switch (kind)
    {
    case VL_REPORT_CYCLE_TIME:
    case VL_REPORT_AGING:
      /* Translators: what a cycle time measures: two statuses */
      return g_strdup_printf (_("From %s to %s"), vl_enum_label ("status", (int) report->query.clock_start), end);
    case VL_REPORT_LEAD_TIME:
      /* Translators: what a lead time measures: %s is a status */
      return g_strdup_printf (_("From creation to %s"), end);
    case VL_REPORT_THROUGHPUT:
      /* Translators: what a throughput counts: %s is a status */
      return g_strdup_printf (_("Items entering %s, per ISO week"), end);
    case VL_REPORT_CFD:
    case VL_REPORT_CALIBRATION:
    case VL_REPORT_N_KINDS:
    default:
      return g_strdup ("");
    }
}

static GHashTable *
item_titles (VlDocument *document)
{
  GHashTable *titles = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  sqlite3 *db = _vl_document_get_db (document);
  sqlite3_stmt *stmt;

  if (db == NULL || sqlite3_prepare_v2 (db, "SELECT id, title FROM item", -1, &stmt, NULL) != SQLITE_OK)
    return titles;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (titles, GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  return titles;
}

static void
csv_date (VlCsvWriter *w,
          const GDate *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  vl_csv_text (w, text);
}

static void
csv_title (VlCsvWriter *w,
           GHashTable  *titles,
           gint64       item)
{
  vl_csv_int (w, item);
  vl_csv_text (w, g_hash_table_lookup (titles, GSIZE_TO_POINTER ((gsize) item)));
}

/**
 * vl_report_write_csv:
 *
 * Appends the data of the chart of @kind to @writer, with a header row in
 * the user's language (a report is for people).
 */
void
vl_report_write_csv (VlDocument     *document,
                     const VlReport *report,
                     VlReportKind    kind,
                     VlCsvWriter    *w)
{
  g_autoptr(GHashTable) titles = kind == VL_REPORT_CFD || kind == VL_REPORT_THROUGHPUT
                                 ? NULL : item_titles (document);
  g_autofree char *clock = vl_report_describe_clock (report, kind);
  g_autofree char *days = *clock != '\0' ? g_strdup_printf (_("Days (%s)"), clock) : g_strdup (_("Days"));

  switch (kind)
    {
    case VL_REPORT_CFD:
      vl_csv_text (w, _("Date"));
      for (int s = 0; s < VL_N_STATUSES; s++)
        vl_csv_text (w, vl_enum_label ("status", s));
      vl_csv_end_row (w);
      for (guint i = 0; i < report->flow->len; i++)
        {
          const VlFlowDay *day = &g_array_index (report->flow, VlFlowDay, i);

          csv_date (w, &day->day);
          for (int s = 0; s < VL_N_STATUSES; s++)
            vl_csv_int (w, day->counts[s]);
          vl_csv_end_row (w);
        }
      break;
    case VL_REPORT_CYCLE_TIME:
    case VL_REPORT_LEAD_TIME:
      {
        GArray *durations = kind == VL_REPORT_CYCLE_TIME ? report->cycle : report->lead;

        vl_csv_text (w, _("ID"));
        vl_csv_text (w, _("Title"));
        /* Translators: a CSV column: the day the clock stopped */
        vl_csv_text (w, _("Done"));
        vl_csv_text (w, days);
        vl_csv_end_row (w);
        for (guint i = 0; i < durations->len; i++)
          {
            const VlDuration *d = &g_array_index (durations, VlDuration, i);

            csv_title (w, titles, d->item);
            csv_date (w, &d->done);
            vl_csv_number (w, d->days);
            vl_csv_end_row (w);
          }
      }
      break;
    case VL_REPORT_THROUGHPUT:
      /* Translators: CSV columns: an ISO week ("2026-W48"), its Monday, items launched */
      vl_csv_text (w, _("Week"));
      vl_csv_text (w, _("Monday"));
      vl_csv_text (w, _("Items"));
      vl_csv_end_row (w);
      for (guint i = 0; i < report->throughput->len; i++)
        {
          const VlWeek *week = &g_array_index (report->throughput, VlWeek, i);
          g_autofree char *name = g_strdup_printf ("%d-W%02d", week->iso_year, week->iso_week);

          vl_csv_text (w, name);
          csv_date (w, &week->monday);
          vl_csv_int (w, week->launched);
          vl_csv_end_row (w);
        }
      break;
    case VL_REPORT_AGING:
      vl_csv_text (w, _("ID"));
      vl_csv_text (w, _("Title"));
      vl_csv_text (w, _("Status"));
      vl_csv_text (w, days);
      vl_csv_end_row (w);
      for (guint i = 0; i < report->aging->len; i++)
        {
          const VlAgingItem *a = &g_array_index (report->aging, VlAgingItem, i);

          csv_title (w, titles, a->item);
          vl_csv_text (w, vl_enum_label ("status", (int) a->status));
          vl_csv_number (w, a->days);
          vl_csv_end_row (w);
        }
      break;
    case VL_REPORT_CALIBRATION:
    case VL_REPORT_N_KINDS:
    default:
      vl_csv_text (w, _("ID"));
      vl_csv_text (w, _("Title"));
      /* Translators: CSV columns of the value calibration */
      vl_csv_text (w, _("Reviewed"));
      vl_csv_text (w, _("Expected Change"));
      vl_csv_text (w, _("Achieved Change"));
      /* xgettext:no-c-format */
      vl_csv_text (w, _("Expected, % of Baseline"));
      /* xgettext:no-c-format */
      vl_csv_text (w, _("Achieved, % of Baseline"));
      vl_csv_text (w, _("Verdict"));
      vl_csv_end_row (w);
      for (guint i = 0; i < report->calibration->len; i++)
        {
          const VlCalibrationPoint *p = &g_array_index (report->calibration, VlCalibrationPoint, i);

          csv_title (w, titles, p->item);
          csv_date (w, &p->reviewed);
          vl_csv_number (w, p->expected_change);
          vl_csv_number (w, p->achieved_change);
          if (isnan (p->expected_pct))
            {
              vl_csv_empty (w);
              vl_csv_empty (w);
            }
          else
            {
              vl_csv_number (w, p->expected_pct);
              vl_csv_number (w, p->achieved_pct);
            }
          vl_csv_text (w, vl_enum_label ("verdict", (int) p->verdict));
          vl_csv_end_row (w);
        }
      break;
    }
}
