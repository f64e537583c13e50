/* test-value.c — the value loop's rules: achieved share, verdicts, the
 * review queue at its edges, readings, reviews, loops, P1, portfolio
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "vl-json.h"
#include "vl-okr.h"
#include "vl-sample.h"
#include "vl-test-util.h"
#include "vl-value.h"

static char *
date_from_today (GDate *today,
                 int    days)
{
  GDate d = *today;
  char text[11];

  if (days >= 0)
    g_date_add_days (&d, (guint) days);
  else
    g_date_subtract_days (&d, (guint) -days);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &d);
  return g_strdup (text);
}

static void
test_achieved (void)
{
  /* Increase: 2.1 → 2.24 expected, 2.27 reached. */
  g_assert_cmpfloat_with_epsilon (vl_value_achieved (2.1, 2.24, 2.27), 0.17 / 0.14, 1e-9);
  /* Decrease: 400 ms → 300 ms expected, 350 ms reached: half way. */
  g_assert_cmpfloat_with_epsilon (vl_value_achieved (400, 300, 350), 0.5, 1e-9);
  /* A decrease that went up is a negative share. */
  g_assert_cmpfloat (vl_value_achieved (400, 300, 420), <, 0);
  /* No expected change, no share; nothing measured, no share. */
  g_assert_true (isnan (vl_value_achieved (5, 5, 6)));
  g_assert_true (isnan (vl_value_achieved (5, 6, NAN)));
  g_assert_true (isnan (vl_value_achieved (NAN, 6, 7)));

  g_assert_cmpint (vl_value_suggest_verdict (0.8, VL_VALIDATED_AT, VL_INVALIDATED_AT), ==, VL_VERDICT_VALIDATED);
  g_assert_cmpint (vl_value_suggest_verdict (1.3, VL_VALIDATED_AT, VL_INVALIDATED_AT), ==, VL_VERDICT_VALIDATED);
  g_assert_cmpint (vl_value_suggest_verdict (0.79, VL_VALIDATED_AT, VL_INVALIDATED_AT), ==, VL_VERDICT_INCONCLUSIVE);
  g_assert_cmpint (vl_value_suggest_verdict (0.2, VL_VALIDATED_AT, VL_INVALIDATED_AT), ==, VL_VERDICT_INVALIDATED);
  g_assert_cmpint (vl_value_suggest_verdict (-0.5, VL_VALIDATED_AT, VL_INVALIDATED_AT), ==, VL_VERDICT_INVALIDATED);
  g_assert_cmpint (vl_value_suggest_verdict (NAN, VL_VALIDATED_AT, VL_INVALIDATED_AT), ==, VL_VERDICT_NONE);
}

static VlRecord *
launched_item (VlDocument *doc,
               VlRecord   *backlog,
               const char *title,
               const char *launched)
{
  g_autoptr(GError) error = NULL;
  VlRecord *item = vl_document_insert (doc, VL_KIND_ITEM, backlog, NULL, NULL, &error);

  g_assert_no_error (error);
  g_object_set (item, "title", title, "launch-date", launched, NULL);
  g_object_set (item, "status", VL_STATUS_LAUNCHED, NULL);
  return item;
}

static gboolean
in_queue (GArray   *queue,
          VlRecord *item)
{
  for (guint i = 0; i < queue->len; i++)
    if (g_array_index (queue, VlReviewEntry, i).item == vl_record_get_rowid (item))
      return TRUE;
  return FALSE;
}

static const VlReviewEntry *
entry_of (GArray   *queue,
          VlRecord *item)
{
  for (guint i = 0; i < queue->len; i++)
    if (g_array_index (queue, VlReviewEntry, i).item == vl_record_get_rowid (item))
      return &g_array_index (queue, VlReviewEntry, i);
  g_error ("“%s” is not in the review queue", vl_record_get_title (item));
}

/* The queue's groups at their edges: due today, due in 7 and 8 days,
 * launched today, a day late; reviewed today. */
static void
test_queue_edges (void)
{
  g_autoptr(VlDocument) doc = vl_test_new_plan ("queue.valueloop");
  g_autoptr(GDate) today = vl_okr_today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) backlog = vl_document_insert (doc, VL_KIND_BACKLOG, NULL, NULL, NULL, &error);
  g_autofree char *d30 = date_from_today (today, -30), *d23 = date_from_today (today, -23);
  g_autofree char *d22 = date_from_today (today, -22), *d31 = date_from_today (today, -31);
  g_autofree char *d0 = date_from_today (today, 0), *d40 = date_from_today (today, -40);
  g_autoptr(VlRecord) due_today = launched_item (doc, backlog, "due today", d30);
  g_autoptr(VlRecord) due_7 = launched_item (doc, backlog, "due in 7", d23);
  g_autoptr(VlRecord) due_8 = launched_item (doc, backlog, "due in 8", d22);
  g_autoptr(VlRecord) launched_today = launched_item (doc, backlog, "launched today", d0);
  g_autoptr(VlRecord) late = launched_item (doc, backlog, "a day late", d31);
  g_autoptr(VlRecord) reviewed = launched_item (doc, backlog, "reviewed", d40);
  g_autoptr(VlRecord) idea = vl_document_insert (doc, VL_KIND_ITEM, backlog, NULL, NULL, &error);
  g_autoptr(GArray) queue = NULL;
  const VlReviewEntry *e;

  g_assert_true (vl_item_complete_review (reviewed, VL_VERDICT_VALIDATED, "Held up", &error));
  g_assert_no_error (error);
  queue = vl_value_review_queue (doc, today);
  g_assert_cmpuint (queue->len, ==, 6);   /* the idea is not in it */
  g_assert_false (in_queue (queue, idea));

  e = entry_of (queue, due_today);
  g_assert_cmpint (e->group, ==, VL_REVIEW_DUE_SOON);
  g_assert_cmpint (e->days_late, ==, 0);
  g_assert_cmpstr (e->due, ==, d0);
  g_assert_cmpint (entry_of (queue, due_7)->group, ==, VL_REVIEW_DUE_SOON);
  g_assert_cmpint (entry_of (queue, due_7)->days_late, ==, -7);
  g_assert_cmpint (entry_of (queue, due_8)->group, ==, VL_REVIEW_WAITING);
  g_assert_cmpint (entry_of (queue, launched_today)->group, ==, VL_REVIEW_WAITING);
  g_assert_cmpint (entry_of (queue, launched_today)->days_late, ==, -30);
  e = entry_of (queue, late);
  g_assert_cmpint (e->group, ==, VL_REVIEW_OVERDUE);
  g_assert_cmpint (e->days_late, ==, 1);
  e = entry_of (queue, reviewed);
  g_assert_cmpint (e->group, ==, VL_REVIEW_REVIEWED);
  g_assert_cmpstr (e->reviewed, ==, d0);
  /* Overdue first. */
  g_assert_cmpint (g_array_index (queue, VlReviewEntry, 0).item, ==, vl_record_get_rowid (late));
  g_assert_cmpuint (vl_value_count_overdue (doc, today), ==, 1);
}

static void
test_readings (void)
{
  g_autoptr(VlDocument) doc = vl_test_new_plan ("readings.valueloop");
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) backlog = vl_document_insert (doc, VL_KIND_BACKLOG, NULL, NULL, NULL, &error);
  g_autoptr(VlRecord) item = launched_item (doc, backlog, "Saved carts", "2026-07-01");
  g_autoptr(VlRecord) idea = vl_document_insert (doc, VL_KIND_ITEM, backlog, NULL, NULL, &error);
  g_autoptr(VlRecord) r1 = NULL, r2 = NULL, r3 = NULL, refused = NULL;
  g_autoptr(GPtrArray) readings = NULL;

  g_object_set (idea, "title", "An idea", NULL);
  refused = vl_item_add_reading (idea, "2026-08-01", 3, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "An idea"));
  g_clear_error (&error);
  g_assert_null (vl_item_add_reading (item, "2026-02-30", 3, NULL, &error));
  g_assert_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (vl_item_add_reading (item, "2026-08-01", NAN, NULL, &error));
  g_clear_error (&error);
  g_assert_cmpuint (vl_document_count (doc, VL_KIND_READING), ==, 0);

  r1 = vl_item_add_reading (item, "2026-07-08", 2.15, "T+7", &error);
  r2 = vl_item_add_reading (item, "2026-07-31", 2.27, "T+30", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (vl_record_get_number (item, "actual"), ==, 2.27);
  /* A back-dated reading joins the history; the latest stays the actual. */
  r3 = vl_item_add_reading (item, "2026-07-20", 2.2, "", &error);
  g_assert_cmpfloat (vl_record_get_number (item, "actual"), ==, 2.27);
  g_assert_cmpfloat (vl_item_get_actual (item), ==, 2.27);
  readings = vl_item_dup_readings (item);
  g_assert_cmpuint (readings->len, ==, 3);
  g_assert_true (readings->pdata[1] == r3);
  /* Each reading is one undo step. */
  g_assert_true (vl_document_undo (doc, &error));
  g_assert_cmpuint (vl_document_count (doc, VL_KIND_READING), ==, 2);
  g_assert_true (vl_document_undo (doc, &error));
  g_assert_cmpfloat (vl_record_get_number (item, "actual"), ==, 2.15);
}

/* The hypothesis is frozen at launch: a later change is kept in the
 * status history (a transition to the same status, with what changed);
 * an item made launched with its hypothesis, or one not launched, keeps
 * no such note. */
static void
test_hypothesis_frozen (void)
{
  g_autoptr(VlDocument) doc = vl_test_new_plan ("frozen.valueloop");
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) backlog = vl_document_insert (doc, VL_KIND_BACKLOG, NULL, NULL, NULL, &error);
  g_autoptr(VlRecord) item = NULL, ready = NULL, made = NULL, last = NULL;
  g_autoptr(GListModel) log = NULL, ready_log = NULL, made_log = NULL;
  guint before;

  vl_document_begin (doc, "made launched");
  made = vl_document_insert (doc, VL_KIND_ITEM, backlog, NULL, NULL, &error);
  g_object_set (made, "title", "Imported", "status", VL_STATUS_LAUNCHED, "metric", "Conversion", "baseline", 2.0,
                "expected", 3.0, NULL);
  g_assert_true (vl_document_commit (doc, &error));
  made_log = vl_document_list (doc, VL_KIND_TRANSITION, "item", made);
  for (guint i = 0; i < g_list_model_get_n_items (made_log); i++)
    {
      g_autoptr(VlRecord) t = g_list_model_get_item (made_log, i);

      g_assert_cmpstr (vl_record_get_string (t, "note"), ==, "");
    }

  ready = vl_document_insert (doc, VL_KIND_ITEM, backlog, NULL, NULL, &error);
  g_object_set (ready, "status", VL_STATUS_READY, NULL);
  ready_log = vl_document_list (doc, VL_KIND_TRANSITION, "item", ready);
  before = g_list_model_get_n_items (ready_log);
  g_assert_false (vl_item_hypothesis_frozen (ready));
  g_object_set (ready, "expected", 4.0, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (ready_log), ==, before);

  item = launched_item (doc, backlog, "Guest checkout", "2026-07-01");
  g_object_set (item, "expected", 2.24, NULL);
  g_assert_true (vl_item_hypothesis_frozen (item));
  g_assert_true (vl_item_is_hypothesis_field ("baseline"));
  g_assert_false (vl_item_is_hypothesis_field ("actual"));
  log = vl_document_list (doc, VL_KIND_TRANSITION, "item", item);
  before = g_list_model_get_n_items (log);
  g_object_set (item, "expected", 2.5, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (log), ==, before + 1);
  last = g_list_model_get_item (log, before);
  g_assert_cmpint (vl_record_get_int (last, "from"), ==, VL_STATUS_LAUNCHED);
  g_assert_cmpint (vl_record_get_int (last, "to"), ==, VL_STATUS_LAUNCHED);
  g_assert_cmpstr (vl_record_get_string (last, "note"), ==, "Expected Value: 2.24 → 2.5");
  g_clear_object (&last);
  /* The actual value and the readings are not the hypothesis. */
  g_object_set (item, "actual", 2.4, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (log), ==, before + 1);
  g_object_set (item, "metric", "Checkout conversion", NULL);
  last = g_list_model_get_item (log, before + 1);
  g_assert_cmpstr (vl_record_get_string (last, "note"), ==, "Metric: — → Checkout conversion");
  /* Undo takes the change and its note back together. */
  g_assert_true (vl_document_undo (doc, &error));
  g_assert_cmpstr (vl_record_get_string (item, "metric"), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (log), ==, before + 1);
  g_assert_true (vl_document_redo (doc, &error));
  g_assert_cmpuint (g_list_model_get_n_items (log), ==, before + 2);
}

/* The queue kept up to date row by row is the queue made from the plan,
 * edit after edit: a launch, a review, a new due date, a step back, a
 * deletion, a backlog deleted. */
static void
assert_same_queue (VlDocument *doc,
                   GArray     *kept,
                   GDate      *today)
{
  g_autoptr(GArray) fresh = vl_value_review_queue (doc, today);

  g_assert_cmpuint (kept->len, ==, fresh->len);
  for (guint i = 0; i < fresh->len; i++)
    g_assert_cmpmem (&g_array_index (kept, VlReviewEntry, i), sizeof (VlReviewEntry),
                     &g_array_index (fresh, VlReviewEntry, i), sizeof (VlReviewEntry));
}

static void
update_with (GArray   *queue,
             VlRecord *item,
             GDate    *today)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  g_ptr_array_add (items, item);
  vl_value_queue_update (queue, items, today);
}

static void
test_queue_update (void)
{
  g_autoptr(VlDocument) doc = vl_test_new_plan ("queue-update.valueloop");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = vl_okr_today ();
  g_autoptr(GArray) queue = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(VlRecord) idea = NULL, launched = NULL, reviewed = NULL, backlog = NULL;

  g_assert_true (vl_sample_fill (doc, &error));
  queue = vl_value_review_queue (doc, today);
  g_assert_cmpuint (queue->len, >, 5);
  items = vl_document_list (doc, VL_KIND_ITEM, NULL, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(VlRecord) item = g_list_model_get_item (items, i);
      gint64 status = vl_record_get_int (item, "status");

      if (status == VL_STATUS_IDEA && idea == NULL)
        idea = g_object_ref (item);
      else if (status == VL_STATUS_LAUNCHED && launched == NULL)
        launched = g_object_ref (item);
      else if (status == VL_STATUS_REVIEWED && reviewed == NULL)
        reviewed = g_object_ref (item);
    }
  g_assert_nonnull (idea);
  g_assert_nonnull (launched);
  g_assert_nonnull (reviewed);

  g_object_set (idea, "status", VL_STATUS_LAUNCHED, NULL);   /* launched today: due in 30 days */
  update_with (queue, idea, today);
  assert_same_queue (doc, queue, today);
  g_assert_true (vl_item_complete_review (launched, VL_VERDICT_VALIDATED, "", &error));
  update_with (queue, launched, today);
  assert_same_queue (doc, queue, today);
  g_assert_true (vl_record_set_from_text (idea, "review-due", "2020-01-01", &error));   /* overdue */
  update_with (queue, idea, today);
  assert_same_queue (doc, queue, today);
  g_assert_cmpint (g_array_index (queue, VlReviewEntry, 0).item, ==, vl_record_get_rowid (idea));
  g_object_set (reviewed, "status", VL_STATUS_IN_PROGRESS, NULL);   /* a step back: out */
  update_with (queue, reviewed, today);
  assert_same_queue (doc, queue, today);
  g_assert_true (vl_document_delete (doc, idea, &error));
  update_with (queue, idea, today);
  assert_same_queue (doc, queue, today);
  /* Unchanged: nothing to do. */
  {
    g_autoptr(GPtrArray) same = g_ptr_array_new ();

    g_ptr_array_add (same, launched);
    g_assert_false (vl_value_queue_update (queue, same, today));
  }
  /* An item whose backlog is deleted leaves the queue with it (the page
   * makes the queue again when a backlog changes). */
  backlog = vl_record_dup_ref (launched, "backlog");
  g_assert_true (vl_document_delete (doc, backlog, &error));
  update_with (queue, launched, today);
  g_assert_false (in_queue (queue, launched));
  g_assert_true (vl_document_undo (doc, &error));
  update_with (queue, launched, today);
  g_assert_true (in_queue (queue, launched));
}

static void
test_complete_review_and_follow_up (void)
{
  g_autoptr(VlDocument) doc = vl_test_new_plan ("review.valueloop");
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) backlog = vl_document_insert (doc, VL_KIND_BACKLOG, NULL, NULL, NULL, &error);
  g_autoptr(VlRecord) loop = vl_document_insert (doc, VL_KIND_VALUE_LOOP, NULL, NULL, NULL, &error);
  g_autoptr(VlRecord) item = launched_item (doc, backlog, "Guest checkout", "2026-07-01");
  g_autoptr(VlRecord) follow = NULL, follow_loop = NULL;
  g_autoptr(GListModel) log = vl_document_list (doc, VL_KIND_TRANSITION, "item", item);
  guint transitions;

  g_object_set (item, "metric", "Conversion", "baseline", 2.1, "expected", 2.24, "actual", 2.27,
                "aarrr", VL_AARRR_ACTIVATION, "value-loop", loop, NULL);
  transitions = g_list_model_get_n_items (log);
  g_assert_false (vl_item_complete_review (item, VL_VERDICT_NONE, "", &error));
  g_assert_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (vl_item_complete_review (item, VL_VERDICT_VALIDATED, "Lift held", &error));
  g_assert_cmpint (vl_record_get_int (item, "status"), ==, VL_STATUS_REVIEWED);
  g_assert_cmpint (vl_record_get_int (item, "verdict"), ==, VL_VERDICT_VALIDATED);
  g_assert_cmpstr (vl_record_get_string (item, "review-note"), ==, "Lift held");
  g_assert_cmpuint (g_list_model_get_n_items (log), ==, transitions + 1);
  /* One undo step takes it all back. */
  g_assert_true (vl_document_undo (doc, &error));
  g_assert_cmpint (vl_record_get_int (item, "status"), ==, VL_STATUS_LAUNCHED);
  g_assert_cmpint (vl_record_get_int (item, "verdict"), ==, VL_VERDICT_NONE);
  g_assert_true (vl_document_redo (doc, &error));

  follow = vl_item_add_follow_up (item, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vl_record_get_title (follow), ==, "Follow-up: Guest checkout");
  g_assert_cmpint (vl_record_get_ref_id (follow, "backlog"), ==, vl_record_get_rowid (backlog));
  follow_loop = vl_record_dup_ref (follow, "value-loop");
  g_assert_true (follow_loop == loop);
  g_assert_cmpint (vl_record_get_int (follow, "aarrr"), ==, VL_AARRR_ACTIVATION);
  g_assert_cmpstr (vl_record_get_string (follow, "metric"), ==, "Conversion");
  g_assert_cmpfloat (vl_record_get_number (follow, "baseline"), ==, 2.27);
  g_assert_cmpint (vl_record_get_int (follow, "status"), ==, VL_STATUS_IDEA);
}

static void
test_loop_stats (void)
{
  g_autoptr(VlDocument) doc = vl_test_new_plan ("loops.valueloop");
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) backlog = vl_document_insert (doc, VL_KIND_BACKLOG, NULL, NULL, NULL, &error);
  g_autoptr(VlRecord) loop = vl_document_insert (doc, VL_KIND_VALUE_LOOP, NULL, NULL, NULL, &error);
  g_autoptr(VlRecord) a = launched_item (doc, backlog, "a", "2026-07-01");
  g_autoptr(VlRecord) b = launched_item (doc, backlog, "b", "2026-07-01");
  g_autoptr(VlRecord) c = vl_document_insert (doc, VL_KIND_ITEM, backlog, NULL, NULL, &error);
  g_autoptr(VlRecord) other = vl_document_insert (doc, VL_KIND_ITEM, backlog, NULL, NULL, &error);
  VlLoopStats stats;

  g_object_set (loop, "name", "Mobile", "metric", "Conversion", NULL);
  g_object_set (a, "value-loop", loop, "metric", "Conversion", "baseline", 2.0, "expected", 2.5, "actual", 2.4,
                "cost", 5.0, "verdict", VL_VERDICT_VALIDATED, NULL);
  g_object_set (b, "value-loop", loop, "metric", "Conversion", "baseline", 2.0, "expected", 2.2, "cost", 3.0, NULL);
  g_object_set (c, "value-loop", loop, "metric", "Page speed", "baseline", 3.0, "expected", 2.0, "cost", 8.0, NULL);
  g_object_set (other, "metric", "Conversion", "baseline", 1.0, "expected", 9.0, NULL);
  vl_value_loop_stats (loop, &stats);
  g_assert_cmpuint (stats.n_items, ==, 3);
  g_assert_cmpuint (stats.by_status[VL_STATUS_LAUNCHED], ==, 2);
  g_assert_cmpuint (stats.by_status[VL_STATUS_IDEA], ==, 1);
  g_assert_cmpuint (stats.by_verdict[VL_VERDICT_VALIDATED], ==, 1);
  g_assert_cmpfloat (stats.cost, ==, 16);
  /* Only items on the loop's metric add up; an unmeasured one adds its
   * expected change and no actual. */
  g_assert_cmpuint (stats.n_measured, ==, 2);
  g_assert_cmpfloat_with_epsilon (stats.expected_change, 0.7, 1e-9);
  g_assert_cmpfloat_with_epsilon (stats.actual_change, 0.4, 1e-9);
}

static void
test_p1_state (void)
{
  GDate today;

  g_date_set_dmy (&today, 10, G_DATE_DECEMBER, 2026);
  g_assert_cmpint (vl_value_p1_state (VL_STATUS_READY, "2026-12-01", "2026-12-31", &today), ==, VL_P1_ON_TRACK);
  g_date_set_dmy (&today, 17, G_DATE_DECEMBER, 2026);
  g_assert_cmpint (vl_value_p1_state (VL_STATUS_READY, "2026-12-01", "2026-12-31", &today), ==, VL_P1_AT_RISK);
  g_assert_cmpint (vl_value_p1_state (VL_STATUS_IN_PROGRESS, "2026-12-01", "2026-12-31", &today), ==,
                   VL_P1_ON_TRACK);
  g_date_set_dmy (&today, 31, G_DATE_DECEMBER, 2026);
  g_assert_cmpint (vl_value_p1_state (VL_STATUS_IN_PROGRESS, "2026-12-01", "2026-12-31", &today), ==,
                   VL_P1_ON_TRACK);
  g_date_set_dmy (&today, 1, G_DATE_JANUARY, 2027);
  g_assert_cmpint (vl_value_p1_state (VL_STATUS_IN_PROGRESS, "2026-12-01", "2026-12-31", &today), ==, VL_P1_LATE);
  g_assert_cmpint (vl_value_p1_state (VL_STATUS_LAUNCHED, "2026-12-01", "2026-12-31", &today), ==, VL_P1_DONE);
  g_assert_cmpint (vl_value_p1_state (VL_STATUS_DROPPED, "2026-12-01", "2026-12-31", &today), ==, VL_P1_LATE);
}

static void
test_portfolio (void)
{
  g_autoptr(VlDocument) doc = vl_test_new_plan ("portfolio.valueloop");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stages = NULL, backlogs = NULL;
  double total = 0, sum = 0, by_backlog = 0;

  g_assert_true (vl_sample_fill (doc, &error));
  stages = vl_value_portfolio (doc, NULL, NULL, VL_PORTFOLIO_STAGE, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (total, >, 0);
  for (guint i = 0; i < stages->len; i++)
    {
      VlShare *s = g_ptr_array_index (stages, i);

      g_assert_cmpfloat_with_epsilon (s->open + s->delivered, s->cost, 1e-9);
      sum += s->cost;
    }
  g_assert_cmpfloat_with_epsilon (sum, total, 1e-9);
  backlogs = vl_value_portfolio (doc, NULL, NULL, VL_PORTFOLIO_BACKLOG, &by_backlog, &error);
  g_assert_cmpuint (backlogs->len, ==, 4);
  g_assert_cmpfloat_with_epsilon (by_backlog, total, 1e-9);

  /* In a cycle, delivered is only what launched in it: an item launched
   * before the cycle leaves the shares, one launched in it stays; open
   * work counts whatever the cycle. */
  {
    g_autoptr(VlRecord) cycle = vl_document_insert (doc, VL_KIND_CYCLE, NULL, NULL, NULL, &error);
    g_autoptr(VlRecord) backlog = vl_document_insert (doc, VL_KIND_BACKLOG, NULL, NULL, NULL, &error);
    g_autoptr(VlRecord) before = vl_document_insert (doc, VL_KIND_ITEM, backlog, NULL, NULL, &error);
    g_autoptr(VlRecord) during = vl_document_insert (doc, VL_KIND_ITEM, backlog, NULL, NULL, &error);
    g_autoptr(VlRecord) planned = vl_document_insert (doc, VL_KIND_ITEM, backlog, NULL, NULL, &error);
    g_autoptr(GPtrArray) in_cycle = NULL;
    double cycle_total = 0;

    g_object_set (backlog, "name", "Cycle test", NULL);
    g_object_set (cycle, "name", "Test cycle", NULL);
    g_assert_true (vl_record_set_from_text (cycle, "start", "2031-01-01", &error));
    g_assert_true (vl_record_set_from_text (cycle, "end", "2031-06-30", &error));
    g_object_set (before, "cost", 3.0, "status", VL_STATUS_LAUNCHED, NULL);
    g_assert_true (vl_record_set_from_text (before, "launch-date", "2030-12-31", &error));
    g_object_set (during, "cost", 5.0, "status", VL_STATUS_REVIEWED, NULL);
    g_assert_true (vl_record_set_from_text (during, "launch-date", "2031-06-30", &error));
    g_object_set (planned, "cost", 7.0, "status", VL_STATUS_PLANNED, NULL);
    in_cycle = vl_value_portfolio (doc, backlog, cycle, VL_PORTFOLIO_BACKLOG, &cycle_total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (in_cycle->len, ==, 1);
    g_assert_cmpfloat (((VlShare *) in_cycle->pdata[0])->delivered, ==, 5.0);
    g_assert_cmpfloat (((VlShare *) in_cycle->pdata[0])->open, ==, 7.0);
    g_assert_cmpuint (((VlShare *) in_cycle->pdata[0])->n_items, ==, 2);
    g_assert_cmpfloat (cycle_total, ==, 12.0);
  }
}

/* The plan's AARRR targets and verdict thresholds: defaults, undo, bad
 * values refused, and the JSON export carries them. */
static void
test_settings (void)
{
  g_autoptr(VlDocument) doc = vl_test_new_plan ("settings.valueloop");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) copy_file = vl_test_file ("settings-copy.valueloop");
  g_autofree char *json_path = g_build_filename (vl_test_dir (), "settings.json", NULL);
  g_autoptr(GFile) json = g_file_new_for_path (json_path);
  g_autoptr(VlDocument) copy = NULL;
  double validated, invalidated;

  g_assert_true (isnan (vl_document_get_aarrr_target (doc, VL_AARRR_RETENTION)));
  vl_document_get_verdict_thresholds (doc, &validated, &invalidated);
  g_assert_cmpfloat (validated, ==, 0.8);
  g_assert_cmpfloat (invalidated, ==, 0.2);

  g_assert_true (vl_document_set_aarrr_target (doc, VL_AARRR_RETENTION, 0.3, &error));
  g_assert_cmpfloat (vl_document_get_aarrr_target (doc, VL_AARRR_RETENTION), ==, 0.3);
  g_assert_true (vl_document_undo (doc, &error));
  g_assert_true (isnan (vl_document_get_aarrr_target (doc, VL_AARRR_RETENTION)));
  g_assert_true (vl_document_redo (doc, &error));
  g_assert_false (vl_document_set_aarrr_target (doc, VL_AARRR_REVENUE, 1.5, &error));
  g_assert_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (vl_document_set_verdict_thresholds (doc, 0.9, 0.1, &error));
  g_assert_false (vl_document_set_verdict_thresholds (doc, 0.1, 0.5, &error));
  g_assert_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  vl_document_get_verdict_thresholds (doc, &validated, &invalidated);
  g_assert_cmpfloat (validated, ==, 0.9);
  g_assert_cmpfloat (invalidated, ==, 0.1);
  g_assert_cmpint (vl_value_suggest_verdict (0.85, validated, invalidated), ==, VL_VERDICT_INCONCLUSIVE);

  /* Reopened and through JSON, the settings stay. */
  g_assert_true (vl_json_export_file (doc, json, &error));
  g_file_delete (copy_file, NULL, NULL);
  g_assert_true (vl_json_import_file (json, copy_file, &error));
  g_assert_no_error (error);
  copy = vl_document_open (copy_file, VL_DOCUMENT_OPEN_READ_ONLY, &error);   /* the same plan: a copy */
  g_assert_no_error (error);
  g_assert_cmpfloat (vl_document_get_aarrr_target (copy, VL_AARRR_RETENTION), ==, 0.3);
  vl_document_get_verdict_thresholds (copy, &validated, &invalidated);
  g_assert_cmpfloat (validated, ==, 0.9);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/value/hypothesis-frozen", test_hypothesis_frozen);
  g_test_add_func ("/value/achieved-and-verdict", test_achieved);
  g_test_add_func ("/value/queue-edges", test_queue_edges);
  g_test_add_func ("/value/queue-update", test_queue_update);
  g_test_add_func ("/value/readings", test_readings);
  g_test_add_func ("/value/complete-review-and-follow-up", test_complete_review_and_follow_up);
  g_test_add_func ("/value/loop-stats", test_loop_stats);
  g_test_add_func ("/value/p1-state", test_p1_state);
  g_test_add_func ("/value/portfolio", test_portfolio);
  g_test_add_func ("/value/settings", test_settings);
  status = g_test_run ();
  vl_test_dir_cleanup ();
  return status;
}
