/* vl-value.c — the value loop's rules: reviews, readings, verdicts,
 * loop roll-ups, P1 risk and the AARRR portfolio (DESIGN §1, §11)
 *
 * A launched item's review is due 30 days after its launch. Its readings
 * (date, value, note) are append-only and merge as a set, like check-ins;
 * the latest is its actual value. The change achieved is
 * (actual − baseline) / (expected − baseline), for either direction, and
 * suggests a verdict: validated from 80 % of the expected change,
 * invalidated up to 20 %, inconclusive between.
 *
 * The queue and the portfolio are one query each over the plan, so a
 * 100,000-item plan is read once, not row by row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-value"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "vl-document-private.h"
#include "vl-enums.h"
#include "vl-labels.h"
#include "vl-value.h"

double
vl_value_achieved (double baseline,
                   double expected,
                   double actual)
{
  if (isnan (baseline) || isnan (expected) || isnan (actual) || expected == baseline)
    return NAN;
  return (actual - baseline) / (expected - baseline);
}

VlVerdict
vl_value_suggest_verdict (double achieved,
                          double validated_at,
                          double invalidated_at)
{
  if (isnan (achieved))
    return VL_VERDICT_NONE;
  if (achieved >= validated_at)
    return VL_VERDICT_VALIDATED;
  if (achieved <= invalidated_at)
    return VL_VERDICT_INVALIDATED;
  return VL_VERDICT_INCONCLUSIVE;
}

/* ---- the review queue --------------------------------------------------- */

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10)
    return FALSE;
  g_date_set_parse (date, text);
  return g_date_valid (date);
}

static void
format_date (const GDate *date,
             char         out[11])
{
  g_date_strftime (out, 11, "%Y-%m-%d", date);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const VlReviewEntry *x = a, *y = b;

  if (x->group != y->group)
    return (int) x->group - (int) y->group;
  if (x->group == VL_REVIEW_REVIEWED)
    return -strcmp (x->reviewed, y->reviewed);   /* the latest first */
  if (x->days_late != y->days_late)
    return y->days_late - x->days_late;            /* the most late first */
  return (x->item > y->item) - (x->item < y->item);
}

/**
 * vl_value_review_queue:
 *
 * Launched items grouped as overdue, due within 7 days, waiting, and those
 * reviewed in the last 90 days (DESIGN §11), in the order the Value page
 * lists them.
 *
 * Returns: (transfer full): a #GArray of #VlReviewEntry
 */
/* An item's entry from its status, dates and the time of its first
 * review; FALSE when it has no place in the queue. */
static gboolean
make_entry (gint64         id,
            int            status,
            const char    *launch_date,
            const char    *review_due,
            gboolean       has_review,
            gint64         reviewed_at,
            GDate         *today,
            VlReviewEntry *e)
{
  GDate launched, due, reviewed;

  memset (e, 0, sizeof *e);
  e->item = id;
  if (status != VL_STATUS_LAUNCHED && status != VL_STATUS_REVIEWED)
    return FALSE;
  g_date_clear (&launched, 1);
  g_date_clear (&due, 1);
  if (parse_date (launch_date, &launched))
    format_date (&launched, e->launched);
  if (parse_date (review_due, &due) || g_date_valid (&launched))
    {
      if (!g_date_valid (&due))
        {
          due = launched;
          g_date_add_days (&due, VL_REVIEW_DAYS);
        }
      format_date (&due, e->due);
      e->days_late = g_date_days_between (&due, today);
    }
  if (status == VL_STATUS_REVIEWED)
    {
      g_autoptr(GDateTime) at = NULL;

      if (!has_review)
        return FALSE;   /* no review on record to date it */
      at = g_date_time_new_from_unix_local (reviewed_at / 1000);
      g_date_set_dmy (&reviewed, (GDateDay) g_date_time_get_day_of_month (at),
                      (GDateMonth) g_date_time_get_month (at), (GDateYear) g_date_time_get_year (at));
      if (g_date_days_between (&reviewed, today) > VL_REVIEWED_SHOWN_DAYS)
        return FALSE;
      format_date (&reviewed, e->reviewed);
      e->group = VL_REVIEW_REVIEWED;
    }
  else if (e->due[0] == '\0' || e->days_late < -VL_REVIEW_SOON_DAYS)
    e->group = VL_REVIEW_WAITING;
  else
    e->group = e->days_late > 0 ? VL_REVIEW_OVERDUE : VL_REVIEW_DUE_SOON;
  return TRUE;
}

#define FIRST_REVIEW "SELECT min (x.at) FROM transition x WHERE x.item = i.id AND x.deleted <> 1 AND x.to_status = 5"

GArray *
vl_value_review_queue (VlDocument *document,
                       GDate      *today)
{
  static const char sql[] =
    "SELECT i.id, i.status, i.launch_date, i.review_due, CASE i.status WHEN 5 THEN (" FIRST_REVIEW ") END"
    " FROM item i JOIN backlog b ON b.id = i.backlog AND b.deleted <> 1"
    " WHERE i.status IN (4, 5) AND i.deleted <> 1";
  GArray *queue = g_array_new (FALSE, TRUE, sizeof (VlReviewEntry));
  sqlite3_stmt *stmt = NULL;

  G_STATIC_ASSERT (VL_STATUS_LAUNCHED == 4 && VL_STATUS_REVIEWED == 5);
  if (sqlite3_prepare_v2 (_vl_document_get_db (document), sql, -1, &stmt, NULL) != SQLITE_OK)
    return queue;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      VlReviewEntry e;

      if (make_entry (sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1),
                      (const char *) sqlite3_column_text (stmt, 2), (const char *) sqlite3_column_text (stmt, 3),
                      sqlite3_column_type (stmt, 4) != SQLITE_NULL, sqlite3_column_int64 (stmt, 4), today, &e))
        g_array_append_val (queue, e);
    }
  sqlite3_finalize (stmt);
  g_array_sort (queue, compare_entries);
  return queue;
}

/**
 * vl_value_queue_update:
 * @queue: a queue from vl_value_review_queue()
 * @items: (element-type VlRecord): items that changed (written, deleted,
 *   merged), or a reading's or a transition's item
 *
 * Brings @queue up to date for @items alone: each leaves it and comes back
 * where it belongs now (an edit costs a few lookups, not the whole plan).
 *
 * Returns: whether @queue changed
 */
gboolean
vl_value_queue_update (GArray    *queue,
                       GPtrArray *items,
                       GDate     *today)
{
  gboolean changed = FALSE;

  for (guint k = 0; k < items->len; k++)
    {
      VlRecord *item = items->pdata[k];
      gint64 id = vl_record_get_rowid (item);
      g_autoptr(VlRecord) backlog = vl_record_dup_ref (item, "backlog");
      int status = (int) vl_record_get_int (item, "status");
      gboolean has_review = FALSE;
      gint64 reviewed_at = 0;
      VlReviewEntry e, old;
      guint at = queue->len, lo = 0, hi;

      for (guint i = 0; i < queue->len; i++)
        if (g_array_index (queue, VlReviewEntry, i).item == id)
          {
            at = i;
            break;
          }
      if (status == VL_STATUS_REVIEWED && !vl_record_get_deleted (item))
        {
          sqlite3_stmt *stmt = NULL;
          sqlite3 *db = _vl_document_get_db (vl_record_get_document (item));

          if (sqlite3_prepare_v2 (db, "SELECT min (at) FROM transition WHERE item = ?1 AND deleted <> 1"
                                  " AND to_status = 5", -1, &stmt, NULL) == SQLITE_OK)
            {
              sqlite3_bind_int64 (stmt, 1, id);
              if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
                {
                  has_review = TRUE;
                  reviewed_at = sqlite3_column_int64 (stmt, 0);
                }
            }
          sqlite3_finalize (stmt);
        }
      if (vl_record_get_deleted (item) || backlog == NULL || vl_record_get_deleted (backlog) ||
          !make_entry (id, status, vl_record_get_string (item, "launch-date"),
                       vl_record_get_string (item, "review-due"), has_review, reviewed_at, today, &e))
        {
          if (at < queue->len)
            {
              g_array_remove_index (queue, at);
              changed = TRUE;
            }
          continue;
        }
      if (at < queue->len)
        {
          old = g_array_index (queue, VlReviewEntry, at);
          if (memcmp (&old, &e, sizeof e) == 0)
            continue;
          g_array_remove_index (queue, at);
        }
      /* Back in its place: the queue is sorted. */
      hi = queue->len;
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (compare_entries (&g_array_index (queue, VlReviewEntry, mid), &e) < 0)
            lo = mid + 1;
          else
            hi = mid;
        }
      g_array_insert_val (queue, lo, e);
      changed = TRUE;
    }
  return changed;
}

/* How many of @queue's entries are overdue (they come first). */
guint
vl_value_queue_count_overdue (GArray *queue)
{
  guint n = 0;

  while (n < queue->len && g_array_index (queue, VlReviewEntry, n).group == VL_REVIEW_OVERDUE)
    n++;
  return n;
}

guint
vl_value_count_overdue (VlDocument *document,
                        GDate      *today)
{
  g_autoptr(GArray) queue = vl_value_review_queue (document, today);

  return vl_value_queue_count_overdue (queue);
}

/* ---- readings and the review --------------------------------------------- */

static int
compare_readings (gconstpointer a,
                  gconstpointer b)
{
  VlRecord *x = *(VlRecord **) a, *y = *(VlRecord **) b;
  int c = g_strcmp0 (vl_record_get_string (x, "date"), vl_record_get_string (y, "date"));

  return c != 0 ? c : (vl_record_get_rowid (x) > vl_record_get_rowid (y)) - (vl_record_get_rowid (x) < vl_record_get_rowid (y));
}

/**
 * vl_item_dup_readings:
 *
 * Returns: (transfer full): the item's readings, the earliest first
 */
GPtrArray *
vl_item_dup_readings (VlRecord *item)
{
  g_autoptr(GListModel) list = vl_document_list (vl_record_get_document (item), VL_KIND_READING, "item", item);
  GPtrArray *readings = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (readings, g_list_model_get_item (list, i));
  g_ptr_array_sort (readings, compare_readings);
  return readings;
}

/* The actual value: the latest reading's, else the field's (an item
 * reviewed before readings existed, or imported). Two devices that each
 * added a reading may have left the field with either; the readings merge
 * as a set, so the latest of them is the one to trust. */
double
vl_item_get_actual (VlRecord *item)
{
  g_autoptr(GPtrArray) readings = vl_item_dup_readings (item);

  if (readings->len == 0)
    return vl_record_get_number (item, "actual");
  return vl_record_get_number (readings->pdata[readings->len - 1], "value");
}

static gboolean
check_launched (VlRecord  *item,
                GError   **error)
{
  VlStatus status = (VlStatus) vl_record_get_int (item, "status");

  if (status == VL_STATUS_LAUNCHED || status == VL_STATUS_REVIEWED)
    return TRUE;
  g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
               _("“%s” is not launched: its value is measured and reviewed after its launch"),
               vl_record_get_title (item));
  return FALSE;
}

/* Launched (or reviewed): its review measures against the hypothesis it
 * launched with, so a change to it is confirmed and kept in its history. */
gboolean
vl_item_hypothesis_frozen (VlRecord *item)
{
  gint64 status;

  g_return_val_if_fail (VL_IS_ITEM (item), FALSE);
  status = vl_record_get_int (item, "status");
  return status == VL_STATUS_LAUNCHED || status == VL_STATUS_REVIEWED;
}

gboolean
vl_item_is_hypothesis_field (const char *field)
{
  return g_strcmp0 (field, "metric") == 0 || g_strcmp0 (field, "baseline") == 0 ||
         g_strcmp0 (field, "expected") == 0;
}

/* "Metric", "Baseline", "Expected Value", as the item panel says them. */
const char *
vl_item_hypothesis_label (const char *field)
{
  if (g_strcmp0 (field, "metric") == 0)
    return _("Metric");
  if (g_strcmp0 (field, "baseline") == 0)
    return _("Baseline");
  if (g_strcmp0 (field, "expected") == 0)
    return _("Expected Value");
  return field;
}

/**
 * vl_item_add_reading:
 *
 * Records a reading of the item's metric, one undo step. The latest
 * reading by date is the item's actual value.
 *
 * Returns: (transfer full): the reading, or %NULL with @error set
 */
VlRecord *
vl_item_add_reading (VlRecord   *item,
                     const char *date,
                     double      value,
                     const char *note,
                     GError    **error)
{
  VlDocument *doc;
  g_autoptr(GPtrArray) readings = NULL;
  g_autoptr(VlRecord) reading = NULL;
  GError *local = NULL;
  const char *last;

  g_return_val_if_fail (VL_IS_ITEM (item), NULL);
  if (!check_launched (item, error))
    return NULL;
  if (date == NULL || !vl_date_is_valid (date))
    {
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                   _("“%s” is not a date: write it as YYYY-MM-DD, for example 2026-03-31"), date ? date : "");
      return NULL;
    }
  if (!isfinite (value))
    {
      g_set_error_literal (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                           _("A reading needs the metric’s value"));
      return NULL;
    }
  doc = vl_record_get_document (item);
  readings = vl_item_dup_readings (item);
  last = readings->len > 0 ? vl_record_get_string (readings->pdata[readings->len - 1], "date") : NULL;
  vl_document_begin (doc, _("Add Reading"));
  reading = vl_document_insert (doc, VL_KIND_READING, NULL, NULL, NULL, &local);
  if (reading != NULL)
    {
      g_object_set (reading, "item", item, "date", date, "value", value, "note", note ? note : "", NULL);
      /* A back-dated reading adds to the history; the latest is the actual. */
      if (last == NULL || g_strcmp0 (date, last) >= 0)
        g_object_set (item, "actual", value, NULL);
    }
  else
    vl_document_cancel (doc);
  if (!vl_document_commit (doc, local == NULL ? error : NULL))
    g_clear_object (&reading);
  if (local != NULL)
    g_propagate_error (error, local);
  return g_steal_pointer (&reading);
}

/**
 * vl_item_complete_review:
 *
 * Sets the verdict and the note and moves the item to *reviewed* (a
 * transition like any other), as one undo step.
 */
gboolean
vl_item_complete_review (VlRecord   *item,
                         VlVerdict   verdict,
                         const char *note,
                         GError    **error)
{
  VlDocument *doc;

  g_return_val_if_fail (VL_IS_ITEM (item), FALSE);
  if (!check_launched (item, error))
    return FALSE;
  if (verdict == VL_VERDICT_NONE || verdict > VL_VERDICT_INCONCLUSIVE)
    {
      g_set_error_literal (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                           _("A review ends with a verdict: validated, invalidated or inconclusive"));
      return FALSE;
    }
  doc = vl_record_get_document (item);
  vl_document_begin (doc, _("Complete Review"));
  g_object_set (item, "verdict", verdict, "review-note", note ? note : "", NULL);
  g_object_set (item, "status", VL_STATUS_REVIEWED, NULL);
  return vl_document_commit (doc, error);
}

/**
 * vl_item_add_follow_up:
 *
 * A new demand at the end of the item's backlog that carries its key
 * result, value loop, AARRR stage and metric on; its baseline is where the
 * item got to.
 *
 * Returns: (transfer full): the new item, or %NULL with @error set
 */
VlRecord *
vl_item_add_follow_up (VlRecord  *item,
                       GError   **error)
{
  VlDocument *doc;
  g_autoptr(VlRecord) backlog = NULL, kr = NULL, loop = NULL;
  g_autofree char *title = NULL;
  VlRecord *follow = NULL;
  GError *local = NULL;
  double actual;

  g_return_val_if_fail (VL_IS_ITEM (item), NULL);
  doc = vl_record_get_document (item);
  backlog = vl_record_dup_ref (item, "backlog");
  kr = vl_record_dup_ref (item, "key-result");
  loop = vl_record_dup_ref (item, "value-loop");
  actual = vl_record_get_number (item, "actual");
  /* Translators: the title of a new demand that follows up a reviewed one. */
  title = g_strdup_printf (_("Follow-up: %s"), vl_record_get_title (item));
  vl_document_begin (doc, _("New Follow-up Demand"));
  follow = vl_document_insert (doc, VL_KIND_ITEM, backlog, NULL, NULL, &local);
  if (follow != NULL)
    {
      g_object_set (follow, "title", title, "key-result", kr, "value-loop", loop,
                    "aarrr", (int) vl_record_get_int (item, "aarrr"),
                    "metric", vl_record_get_string (item, "metric"), NULL);
      if (!isnan (actual))
        g_object_set (follow, "baseline", actual, NULL);
    }
  else
    vl_document_cancel (doc);
  if (!vl_document_commit (doc, local == NULL ? error : NULL))
    g_clear_object (&follow);
  if (local != NULL)
    g_propagate_error (error, local);
  return follow;
}

/* ---- value loops ----------------------------------------------------------- */

void
vl_value_loop_stats (VlRecord    *loop,
                     VlLoopStats *stats)
{
  g_autoptr(GListModel) items = vl_document_list (vl_record_get_document (loop), VL_KIND_ITEM, "value-loop", loop);
  const char *metric = vl_record_get_string (loop, "metric");

  memset (stats, 0, sizeof *stats);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(VlRecord) item = g_list_model_get_item (items, i);
      double cost = vl_record_get_number (item, "cost");
      double baseline = vl_record_get_number (item, "baseline");
      double expected = vl_record_get_number (item, "expected");
      double actual = vl_record_get_number (item, "actual");
      gint64 status = vl_record_get_int (item, "status");
      gint64 verdict = vl_record_get_int (item, "verdict");

      stats->n_items++;
      if (status >= 0 && status < (gint64) G_N_ELEMENTS (stats->by_status))
        stats->by_status[status]++;
      if (verdict >= 0 && verdict < (gint64) G_N_ELEMENTS (stats->by_verdict))
        stats->by_verdict[verdict]++;
      stats->cost += isnan (cost) ? 0 : cost;
      /* Only changes in the loop's own metric add up. */
      if (*metric == '\0' || g_utf8_collate (metric, vl_record_get_string (item, "metric")) != 0 ||
          isnan (baseline) || isnan (expected))
        continue;
      stats->n_measured++;
      stats->expected_change += expected - baseline;
      if (!isnan (actual))
        stats->actual_change += actual - baseline;
    }
}

/* ---- P1 ------------------------------------------------------------------- */

/* A P1 demand of the month from @month_start to @month_end: at risk when
 * it is not in progress by the middle of the month, late when it is not
 * launched by the month's end (a dropped P1 is late: it slipped). */
VlP1State
vl_value_p1_state (VlStatus    status,
                   const char *month_start,
                   const char *month_end,
                   GDate      *today)
{
  GDate start, end, middle;

  if (status == VL_STATUS_LAUNCHED || status == VL_STATUS_REVIEWED)
    return VL_P1_DONE;
  if (!parse_date (month_start, &start) || !parse_date (month_end, &end))
    return VL_P1_ON_TRACK;
  if (g_date_compare (today, &end) > 0 || status == VL_STATUS_DROPPED)
    return VL_P1_LATE;
  middle = start;
  g_date_add_days (&middle, (guint) g_date_days_between (&start, &end) / 2);
  if (status < VL_STATUS_IN_PROGRESS && g_date_compare (today, &middle) > 0)
    return VL_P1_AT_RISK;
  return VL_P1_ON_TRACK;
}

/* The item's P1 state in its month: its iteration's, or the month its
 * weekly iteration falls in. A P1 outside a monthly plan is on track. */
VlP1State
vl_item_get_p1_state (VlRecord *item,
                      GDate    *today)
{
  g_autoptr(VlRecord) iteration = NULL;

  g_return_val_if_fail (VL_IS_ITEM (item), VL_P1_ON_TRACK);
  if (!vl_record_get_int (item, "p1") || (iteration = vl_record_dup_ref (item, "iteration")) == NULL)
    return VL_P1_ON_TRACK;
  if (vl_record_get_int (iteration, "kind") != VL_ITERATION_KIND_MONTH)
    {
      VlRecord *month = vl_record_dup_ref (iteration, "parent");

      g_clear_object (&iteration);
      iteration = month;
    }
  if (iteration == NULL)
    return VL_P1_ON_TRACK;
  return vl_value_p1_state ((VlStatus) vl_record_get_int (item, "status"), vl_record_get_string (iteration, "start"),
                            vl_record_get_string (iteration, "end"), today);
}

const char *
vl_p1_state_label (VlP1State state)
{
  switch (state)
    {
    case VL_P1_AT_RISK:
      return _("At risk: not in progress by mid-month");
    case VL_P1_LATE:
      return _("Late: not launched by the month’s end");
    case VL_P1_DONE:
      return _("Launched");
    case VL_P1_ON_TRACK:
    default:
      return _("On track");
    }
}

/* What a P1 demand's row says beside its status (Goals and Backlog
 * rows): "P1 · at risk", "P1 · late", or "P1". */
const char *
vl_p1_state_tag (VlP1State state)
{
  switch (state)
    {
    case VL_P1_AT_RISK:
      /* Translators: a P1 demand not in progress by mid-month, on a row */
      return _("P1 · at risk");
    case VL_P1_LATE:
      /* Translators: a P1 demand not launched by the month's end, on a row */
      return _("P1 · late");
    default:
      return _("P1");
    }
}

/* ---- the portfolio ----------------------------------------------------------- */

static void
share_free (gpointer data)
{
  VlShare *s = data;

  g_free (s->name);
  g_free (s);
}

/**
 * vl_value_portfolio:
 * @backlog: (nullable): one backlog, or %NULL for every one
 * @cycle: (nullable): count as delivered only what launched in this
 *   cycle (items launched before or after it are left out); %NULL: all
 * @total: (out) (optional): the cost of all the shares
 *
 * Cost and count of the live items (not dropped) per AARRR stage, key
 * result or backlog, split into open (idea … in progress) and delivered
 * (launched, reviewed).
 *
 * Returns: (transfer full): #VlShare per group, in the plan's order
 */
GPtrArray *
vl_value_portfolio (VlDocument            *document,
                    VlRecord              *backlog,
                    VlRecord              *cycle,
                    VlPortfolioDimension   dimension,
                    double                *total,
                    GError               **error)
{
#define IN_CYCLE " AND (?2 IS NULL OR i.status NOT IN (4, 5) OR i.launch_date BETWEEN ?2 AND ?3)"
#define LIVE_ITEMS " FROM item i JOIN backlog b ON b.id = i.backlog AND b.deleted <> 1" \
                   " WHERE i.deleted <> 1 AND i.status <> 6 AND (?1 = 0 OR i.backlog = ?1)" IN_CYCLE
  static const char *const sql[] = {
    [VL_PORTFOLIO_STAGE] = "SELECT i.aarrr, NULL, i.status, i.cost" LIVE_ITEMS " ORDER BY i.aarrr = 0, i.aarrr",
    [VL_PORTFOLIO_KEY_RESULT] =
      "SELECT ifnull (k.id, 0), k.title, i.status, i.cost"
      " FROM item i JOIN backlog b ON b.id = i.backlog AND b.deleted <> 1"
      " LEFT JOIN key_result k ON k.id = i.key_result AND k.deleted <> 1"
      " LEFT JOIN objective o ON o.id = k.objective"
      " WHERE i.deleted <> 1 AND i.status <> 6 AND (?1 = 0 OR i.backlog = ?1)" IN_CYCLE
      " ORDER BY k.id IS NULL, o.rank, k.rank, k.id",
    [VL_PORTFOLIO_BACKLOG] = "SELECT b.id, b.name, i.status, i.cost" LIVE_ITEMS " ORDER BY b.rank, b.uuid",
  };
#undef LIVE_ITEMS
#undef IN_CYCLE
  sqlite3 *db = _vl_document_get_db (document);
  GPtrArray *shares = g_ptr_array_new_with_free_func (share_free);
  sqlite3_stmt *stmt = NULL;
  VlShare *s = NULL;
  double sum = 0;
  int rc;

  G_STATIC_ASSERT (VL_STATUS_DROPPED == 6 && VL_STATUS_LAUNCHED == 4 && VL_STATUS_REVIEWED == 5);
  g_return_val_if_fail (dimension <= VL_PORTFOLIO_BACKLOG, shares);

  if (sqlite3_prepare_v2 (db, sql[dimension], -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_FAILED, _("Could not read the plan: %s"),
                   sqlite3_errmsg (db));
      g_ptr_array_unref (shares);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, backlog != NULL ? vl_record_get_rowid (backlog) : 0);
  if (cycle != NULL)
    {
      /* (An unset end: the cycle runs on.) */
      sqlite3_bind_text (stmt, 2, vl_record_get_string (cycle, "start") ?: "0000-01-01", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, vl_record_get_string (cycle, "end") ?: "9999-12-31", -1, SQLITE_TRANSIENT);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      VlStatus status = (VlStatus) sqlite3_column_int (stmt, 2);
      double cost = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? 0 : sqlite3_column_double (stmt, 3);
      gint64 key = sqlite3_column_int64 (stmt, 0);

      if (s == NULL || key != s->key)
        {
          s = g_new0 (VlShare, 1);
          s->key = key;
          if (dimension == VL_PORTFOLIO_STAGE)
            s->name = g_strdup (key == VL_AARRR_NONE ? _("No stage") : vl_enum_label ("aarrr", (int) key));
          else if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
            s->name = g_strdup (_("None"));
          else
            s->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          g_ptr_array_add (shares, s);
        }
      s->n_items++;
      s->cost += cost;
      if (status == VL_STATUS_LAUNCHED || status == VL_STATUS_REVIEWED)
        s->delivered += cost;
      else
        s->open += cost;
      sum += cost;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_FAILED, _("Could not read the plan: %s"),
                   sqlite3_errmsg (db));
      g_ptr_array_unref (shares);
      return NULL;
    }
  if (total != NULL)
    *total = sum;
  return shares;
}
