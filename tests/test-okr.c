/* test-okr.c — OKR rules: progress, roll-ups, check-ins, the alignment tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "vl-enums.h"
#include "vl-merge.h"
#include "vl-okr.h"
#include "vl-sample.h"
#include "vl-test-util.h"

typedef struct
{
  GFile      *file;
  VlDocument *doc;
  VlRecord   *cycle;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->file = vl_test_file ("okr.valueloop");
  f->doc = vl_document_create (f->file, "OKR", &error);
  g_assert_no_error (error);
  f->cycle = vl_document_insert (f->doc, VL_KIND_CYCLE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_object_set (f->cycle, "name", "2026 H2", "start", "2026-07-01", "end", "2026-12-31",
                "cadence-weeks", 2, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->cycle);
  g_clear_object (&f->doc);
  g_clear_object (&f->file);
}

static VlRecord *
objective (Fixture    *f,
           VlRecord   *parent,
           const char *title,
           VlLevel     level)
{
  g_autoptr(GError) error = NULL;
  VlRecord *o;

  vl_document_begin (f->doc, "Add Objective");
  o = vl_document_insert (f->doc, VL_KIND_OBJECTIVE, parent, NULL, NULL, &error);
  g_assert_no_error (error);
  g_object_set (o, "title", title, "level", level, "cycle", parent ? NULL : f->cycle, NULL);
  g_assert_true (vl_document_commit (f->doc, &error));
  return o;
}

static VlRecord *
metric (Fixture    *f,
        VlRecord   *objective,
        VlDirection direction,
        double      baseline,
        double      target,
        double      current,
        double      weight)
{
  g_autoptr(GError) error = NULL;
  VlRecord *kr = vl_document_insert (f->doc, VL_KIND_KEY_RESULT, objective, NULL, NULL, &error);

  g_assert_no_error (error);
  g_object_set (kr, "title", "metric", "direction", direction, "baseline", baseline, "target", target, NULL);
  /* NaN is "not set": leave those fields alone. */
  if (!isnan (current))
    g_object_set (kr, "current", current, NULL);
  if (!isnan (weight))
    g_object_set (kr, "weight", weight, NULL);
  return kr;
}

static GDate *
date (const char *text)
{
  GDate *d = g_date_new ();

  g_date_set_parse (d, text);
  g_assert_true (g_date_valid (d));
  return d;
}

/* ---- progress ------------------------------------------------------------- */

static void
test_metric_progress (void)
{
  /* Increase: a share of the way from baseline to target, clamped. */
  g_assert_cmpfloat_with_epsilon (vl_okr_metric_progress (VL_DIRECTION_INCREASE, 100, 200, 150), 0.5, 1e-9);
  g_assert_cmpfloat (vl_okr_metric_progress (VL_DIRECTION_INCREASE, 100, 200, 250), ==, 1);
  g_assert_cmpfloat (vl_okr_metric_progress (VL_DIRECTION_INCREASE, 100, 200, 50), ==, 0);
  /* Decrease: the target is below the baseline. */
  g_assert_cmpfloat_with_epsilon (vl_okr_metric_progress (VL_DIRECTION_DECREASE, 4.2, 2.5, 3.6), 0.6 / 1.7, 1e-9);
  g_assert_cmpfloat (vl_okr_metric_progress (VL_DIRECTION_DECREASE, 4.2, 2.5, 5.0), ==, 0);
  g_assert_cmpfloat (vl_okr_metric_progress (VL_DIRECTION_DECREASE, 4.2, 2.5, 1.0), ==, 1);
  /* Stay above / below: met or not. */
  g_assert_cmpfloat (vl_okr_metric_progress (VL_DIRECTION_STAY_ABOVE, 0, 99.9, 99.95), ==, 1);
  g_assert_cmpfloat (vl_okr_metric_progress (VL_DIRECTION_STAY_ABOVE, 0, 99.9, 99.8), ==, 0);
  g_assert_cmpfloat (vl_okr_metric_progress (VL_DIRECTION_STAY_BELOW, 0, 2, 2), ==, 1);
  g_assert_cmpfloat (vl_okr_metric_progress (VL_DIRECTION_STAY_BELOW, 0, 2, 2.1), ==, 0);
  /* Target equal to the baseline: reached or not, never a division by 0. */
  g_assert_cmpfloat (vl_okr_metric_progress (VL_DIRECTION_INCREASE, 5, 5, 5), ==, 1);
  g_assert_cmpfloat (vl_okr_metric_progress (VL_DIRECTION_INCREASE, 5, 5, 4), ==, 0);
  /* Nothing measured yet: no progress; no target: none either. */
  g_assert_cmpfloat (vl_okr_metric_progress (VL_DIRECTION_INCREASE, 10, 20, NAN), ==, 0);
  g_assert_cmpfloat (vl_okr_metric_progress (VL_DIRECTION_INCREASE, 10, NAN, 15), ==, 0);

  g_assert_cmpint (vl_okr_confidence_level (NAN), ==, VL_CONFIDENCE_NONE);
  g_assert_cmpint (vl_okr_confidence_level (0.39), ==, VL_CONFIDENCE_RED);
  g_assert_cmpint (vl_okr_confidence_level (0.4), ==, VL_CONFIDENCE_YELLOW);
  g_assert_cmpint (vl_okr_confidence_level (0.6), ==, VL_CONFIDENCE_YELLOW);
  g_assert_cmpint (vl_okr_confidence_level (0.7), ==, VL_CONFIDENCE_GREEN);
  g_assert_cmpint (vl_okr_confidence_level (1.0), ==, VL_CONFIDENCE_GREEN);
}

static void
test_objective_progress (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(VlRecord) company = objective (f, NULL, "Grow", VL_LEVEL_COMPANY);
  g_autoptr(VlRecord) line = objective (f, company, "Convert", VL_LEVEL_BUSINESS_LINE);
  g_autoptr(VlRecord) project = objective (f, line, "Checkout", VL_LEVEL_PROJECT);
  g_autoptr(VlRecord) a = metric (f, company, VL_DIRECTION_INCREASE, 0, 100, 50, 2);  /* 0.5 */
  g_autoptr(VlRecord) b = metric (f, company, VL_DIRECTION_DECREASE, 10, 0, 0, 1);    /* 1.0 */
  g_autoptr(VlRecord) m = vl_document_insert (f->doc, VL_KIND_KEY_RESULT, line, NULL, NULL, NULL);
  g_autoptr(VlRecord) c = metric (f, project, VL_DIRECTION_INCREASE, 0, 10, 2, NAN);  /* 0.2, weight 1 */
  guint n = 0;

  /* Weighted mean: (2 × 0.5 + 1 × 1.0) / 3. */
  g_assert_cmpfloat_with_epsilon (vl_objective_get_progress (company), 2.0 / 3, 1e-9);
  /* A milestone is done or not. */
  g_object_set (m, "kind", VL_KR_KIND_MILESTONE, NULL);
  g_assert_cmpfloat (vl_key_result_get_progress (m), ==, 0);
  g_assert_cmpfloat (vl_objective_get_progress (line), ==, 0);
  g_object_set (m, "done", TRUE, NULL);
  g_assert_cmpfloat (vl_objective_get_progress (line), ==, 1);
  /* A weight of zero leaves a key result out. */
  g_object_set (b, "weight", 0.0, NULL);
  g_assert_cmpfloat_with_epsilon (vl_objective_get_progress (company), 0.5, 1e-9);
  g_object_set (b, "weight", 1.0, NULL);

  /* Roll-ups: the project (0.2) rolls into the line with its own 1.0. */
  g_assert_cmpfloat_with_epsilon (vl_objective_get_total_progress (project), 0.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (vl_objective_get_aligned_progress (line, &n), 0.2, 1e-9);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat_with_epsilon (vl_objective_get_total_progress (line), (1.0 + 0.2) / 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (vl_objective_get_aligned_progress (company, &n), 0.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (vl_objective_get_total_progress (company), (2.0 / 3 + 0.6) / 2, 1e-9);

  /* An objective without key results or aligned ones has no progress. */
  {
    g_autoptr(VlRecord) empty = objective (f, NULL, "Empty", VL_LEVEL_COMPANY);

    g_assert_true (isnan (vl_objective_get_progress (empty)));
    g_assert_true (isnan (vl_objective_get_total_progress (empty)));
    g_assert_true (isnan (vl_objective_get_aligned_progress (empty, &n)));
    g_assert_cmpuint (n, ==, 0);
  }
  /* A check-in moves the progress it reports. */
  {
    g_autoptr(VlRecord) checkin = vl_key_result_check_in (c, "2026-09-01", 10, 0.8, "done", NULL);

    g_assert_nonnull (checkin);
  }
  g_assert_cmpfloat (vl_objective_get_total_progress (project), ==, 1);
  g_assert_cmpfloat_with_epsilon (vl_objective_get_total_progress (line), 1.0, 1e-9);
}

/* ---- check-ins and cycles --------------------------------------------------- */

static void
test_checkins (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(VlRecord) o = objective (f, NULL, "Grow", VL_LEVEL_COMPANY);
  g_autoptr(VlRecord) kr = metric (f, o, VL_DIRECTION_INCREASE, 0, 100, NAN, 1);
  g_autoptr(VlRecord) first = NULL, back = NULL, last = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) mid_july = date ("2026-07-10");
  g_autoptr(GDate) august = date ("2026-08-01");
  g_autoptr(GDate) august_20 = date ("2026-08-20");
  g_autoptr(GDate) next_year = date ("2027-01-15");
  g_autoptr(VlRecord) current = NULL;

  /* No check-in: due once the cycle is older than its cadence. */
  g_assert_false (vl_key_result_is_checkin_due (kr, mid_july));
  g_assert_true (vl_key_result_is_checkin_due (kr, august));

  first = vl_key_result_check_in (kr, "2026-07-30", 40, 0.8, "on track", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (vl_record_get_number (kr, "current"), ==, 40);
  g_assert_false (vl_key_result_is_checkin_due (kr, august));
  g_assert_true (vl_key_result_is_checkin_due (kr, august_20));
  /* Three weeks of cadence: not due yet. */
  g_object_set (f->cycle, "cadence-weeks", 3, NULL);
  g_assert_false (vl_key_result_is_checkin_due (kr, august_20));
  /* After the cycle: scored, not checked in. */
  g_assert_false (vl_key_result_is_checkin_due (kr, next_year));

  /* A back-dated check-in joins the history but leaves the current value. */
  back = vl_key_result_check_in (kr, "2026-07-15", 20, 0.5, "", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (vl_record_get_number (kr, "current"), ==, 40);
  all = vl_key_result_dup_checkins (kr);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_true (all->pdata[0] == back);
  last = vl_key_result_dup_last_checkin (kr);
  g_assert_true (last == first);

  /* One undo takes back the check-in and the current value it set. */
  g_clear_object (&last);
  last = vl_key_result_check_in (kr, "2026-08-12", 55, 0.3, "slipping", &error);
  g_assert_cmpfloat (vl_record_get_number (kr, "current"), ==, 55);
  g_assert_true (vl_document_undo (f->doc, &error));
  g_assert_cmpfloat (vl_record_get_number (kr, "current"), ==, 40);
  g_clear_pointer (&all, g_ptr_array_unref);
  all = vl_key_result_dup_checkins (kr);
  g_assert_cmpuint (all->len, ==, 2);

  /* Bad input is refused and nothing is written. */
  g_assert_null (vl_key_result_check_in (kr, "2026-02-30", 50, 0.5, "", &error));
  g_assert_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-02-30"));
  g_clear_error (&error);
  g_assert_null (vl_key_result_check_in (kr, "2026-08-02", 50, 1.5, "", &error));
  g_assert_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (vl_key_result_check_in (kr, "2026-08-02", NAN, 0.5, "", &error));
  g_clear_error (&error);
  g_clear_pointer (&all, g_ptr_array_unref);
  all = vl_key_result_dup_checkins (kr);
  g_assert_cmpuint (all->len, ==, 2);

  /* Cycles. */
  current = vl_document_dup_current_cycle (f->doc, august);
  g_assert_true (current == f->cycle);
  g_assert_false (vl_cycle_has_ended (f->cycle, august));
  g_assert_true (vl_cycle_has_ended (f->cycle, next_year));
  g_assert_true (vl_cycle_validate ("2027 H1", "2027-01-01", "2027-06-30", NULL));
  g_assert_false (vl_cycle_validate (" ", "2027-01-01", "2027-06-30", &error));
  g_clear_error (&error);
  g_assert_false (vl_cycle_validate ("2027 H1", "2027-06-31", "2027-06-30", &error));
  g_assert_nonnull (strstr (error->message, "2027-06-31"));
  g_clear_error (&error);
  g_assert_false (vl_cycle_validate ("2027 H1", "2027-07-01", "2027-06-30", &error));
  g_clear_error (&error);
}

/* ---- the alignment tree ---------------------------------------------------- */

static guint
n_children (Fixture  *f,
            VlRecord *parent)
{
  g_autoptr(GListModel) list = vl_document_list (f->doc, VL_KIND_OBJECTIVE, "parent", parent);

  return g_list_model_get_n_items (list);
}

static void
test_align (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(VlRecord) company = objective (f, NULL, "Grow", VL_LEVEL_COMPANY);
  g_autoptr(VlRecord) other = objective (f, NULL, "Profit", VL_LEVEL_COMPANY);
  g_autoptr(VlRecord) line = objective (f, NULL, "Convert", VL_LEVEL_COMPANY);
  g_autoptr(VlRecord) project = objective (f, line, "Checkout", VL_LEVEL_BUSINESS_LINE);
  g_autoptr(VlRecord) parent = NULL;
  g_autoptr(GError) error = NULL;

  /* Aligning a company objective with its subtree under another pushes
   * every level down by one. */
  g_assert_true (vl_objective_align (line, company, &error));
  g_assert_no_error (error);
  parent = vl_record_dup_ref (line, "parent");
  g_assert_true (parent == company);
  g_assert_cmpint (vl_record_get_int (line, "level"), ==, VL_LEVEL_BUSINESS_LINE);
  g_assert_cmpint (vl_record_get_int (project, "level"), ==, VL_LEVEL_PROJECT);
  /* One undo brings back the placement and the levels. */
  g_assert_true (vl_document_undo (f->doc, &error));
  g_assert_cmpint (vl_record_get_int (line, "level"), ==, VL_LEVEL_COMPANY);
  g_assert_cmpint (vl_record_get_int (project, "level"), ==, VL_LEVEL_BUSINESS_LINE);
  g_assert_cmpuint (n_children (f, NULL), ==, 3);
  g_assert_true (vl_document_redo (f->doc, &error));

  /* Nothing goes below a project objective. */
  g_assert_false (vl_objective_align (other, project, &error));
  g_assert_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Levels only go down"));
  g_clear_error (&error);
  /* Nor a subtree that would need a fourth level. */
  g_assert_false (vl_objective_align (company, other, &error));
  g_clear_error (&error);
  g_assert_cmpint (vl_record_get_int (company, "level"), ==, VL_LEVEL_COMPANY);
  /* Nor under itself or its own subtree. */
  g_assert_false (vl_objective_align (company, project, &error));
  g_clear_error (&error);
  g_assert_false (vl_objective_set_level (line, VL_LEVEL_COMPANY, &error));
  g_assert_nonnull (strstr (error->message, "Levels only go down"));
  g_clear_error (&error);
  g_assert_false (vl_objective_set_level (line, VL_LEVEL_PROJECT, &error));
  g_clear_error (&error);
  g_assert_true (vl_objective_set_level (project, VL_LEVEL_PROJECT, &error));

  /* Outdent: the line follows its old parent at the top, keeping its level
   * and its cycle. */
  g_assert_true (vl_objective_outdent (line, &error));
  g_clear_object (&parent);
  parent = vl_record_dup_ref (line, "parent");
  g_assert_null (parent);
  g_assert_cmpint (vl_record_get_int (line, "level"), ==, VL_LEVEL_BUSINESS_LINE);
  {
    g_autoptr(GListModel) roots = vl_document_list (f->doc, VL_KIND_OBJECTIVE, "parent", NULL);
    g_autoptr(VlRecord) second = g_list_model_get_item (roots, 1);

    g_assert_true (second == line);
  }
  g_assert_false (vl_objective_outdent (line, &error));
  g_clear_error (&error);

  /* Reorder among the siblings of the same cycle. */
  g_assert_true (vl_okr_move_sibling (line, -1, &error));
  {
    g_autoptr(GListModel) roots = vl_document_list (f->doc, VL_KIND_OBJECTIVE, "parent", NULL);
    g_autoptr(VlRecord) first = g_list_model_get_item (roots, 0);
    g_autoptr(VlRecord) last = NULL;

    g_assert_true (first == line);
    g_assert_true (vl_okr_move_sibling (line, G_MAXINT, &error));
    last = g_list_model_get_item (roots, g_list_model_get_n_items (roots) - 1);
    g_assert_true (last == line);
  }

  /* Delete a subtree in one action, undo it in one. */
  g_assert_true (vl_objective_align (line, company, &error));
  {
    g_autoptr(VlRecord) kr = metric (f, project, VL_DIRECTION_INCREASE, 0, 1, 0, 1);

    g_assert_true (vl_objective_delete_tree (company, &error));
    g_assert_true (vl_record_get_deleted (project));
    g_assert_true (vl_record_get_deleted (kr));
    g_assert_cmpuint (n_children (f, NULL), ==, 1);
    g_assert_true (vl_document_undo (f->doc, &error));
    g_assert_false (vl_record_get_deleted (project));
    g_assert_false (vl_record_get_deleted (kr));
    g_assert_cmpuint (n_children (f, NULL), ==, 2);
  }
}

/* Two devices align A under B and B under A while apart: after the merge,
 * both show the one placed last at the top. */
static void
test_merged_cycle (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (vl_test_dir (), "cycle", NULL);
  g_autoptr(GFile) file_a = NULL, file_b = NULL;
  g_autoptr(VlDocument) a = NULL, b = NULL;
  g_autoptr(VlRecord) xa = NULL, ya = NULL;
  g_autoptr(GHashTable) detached_a = NULL, detached_b = NULL;
  g_autofree char *dir_b = g_build_filename (dir, "device-b", NULL);
  VlRecord *xb, *yb;

  g_mkdir_with_parents (dir, 0700);
  file_a = g_file_new_build_filename (dir, "a.valueloop", NULL);
  file_b = g_file_new_build_filename (dir, "b.valueloop", NULL);
  a = vl_document_create (file_a, "Cycle", &error);
  g_assert_no_error (error);
  xa = vl_document_insert (a, VL_KIND_OBJECTIVE, NULL, NULL, NULL, &error);
  ya = vl_document_insert (a, VL_KIND_OBJECTIVE, NULL, NULL, NULL, &error);
  g_object_set (xa, "title", "X", NULL);
  g_object_set (ya, "title", "Y", "level", VL_LEVEL_BUSINESS_LINE, NULL);
  g_assert_true (vl_document_publish (a, &error));
  g_assert_true (g_file_copy (file_a, file_b, 0, NULL, NULL, NULL, &error));
  b = vl_document_open_for_device (file_b, dir_b, VL_DOCUMENT_OPEN_NONE, &error);
  g_assert_no_error (error);
  xb = vl_document_find (b, VL_KIND_OBJECTIVE, "X");
  yb = vl_document_find (b, VL_KIND_OBJECTIVE, "Y");

  g_assert_true (vl_objective_align (ya, xa, &error));   /* Y under X on A */
  g_usleep (2000);
  g_assert_true (vl_document_move (b, xb, yb, NULL, NULL, &error)); /* X under Y on B, later */
  g_assert_true (vl_document_publish (a, &error));
  g_assert_true (vl_document_publish (b, &error));
  g_assert_true (vl_document_merge_file (a, file_b, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (vl_document_merge_file (b, file_a, NULL, &error));
  g_assert_no_error (error);

  /* Each is now the other's parent: nobody is at the top, unless the view
   * detaches one. Both devices detach the same: X, placed last. */
  g_assert_cmpint (vl_record_get_ref_id (xa, "parent"), ==, vl_record_get_rowid (ya));
  g_assert_cmpint (vl_record_get_ref_id (ya, "parent"), ==, vl_record_get_rowid (xa));
  detached_a = vl_objective_dup_detached (a);
  detached_b = vl_objective_dup_detached (b);
  g_assert_cmpuint (g_hash_table_size (detached_a), ==, 1);
  g_assert_cmpuint (g_hash_table_size (detached_b), ==, 1);
  g_assert_true (g_hash_table_contains (detached_a, &(gint64) { vl_record_get_rowid (xa) }));
  g_assert_true (g_hash_table_contains (detached_b, &(gint64) { vl_record_get_rowid (xb) }));

  /* A parent deleted elsewhere leaves its child at the top too. */
  g_assert_true (vl_document_delete (a, ya, &error));
  g_clear_pointer (&detached_a, g_hash_table_unref);
  detached_a = vl_objective_dup_detached (a);
  g_assert_true (g_hash_table_contains (detached_a, &(gint64) { vl_record_get_rowid (xa) }));
  g_object_unref (xb);
  g_object_unref (yb);
}

static gboolean
same (double a,
      double b)
{
  return (isnan (a) && isnan (b)) || fabs (a - b) < 1e-9;
}

/* The outline's one-pass summary says what the row-by-row rules say, for
 * every objective and key result of the sample plan, also after edits. */
static void
test_summary_matches (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = vl_test_file ("okr-sample.valueloop");
  g_autoptr(VlDocument) doc = vl_document_create (file, "", &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDate) today = vl_okr_today ();
  g_autoptr(GDate) later = g_date_new_dmy (1, 1, (GDateYear) g_date_time_get_year (now) + 1);

  g_assert_true (vl_sample_fill (doc, &error));
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GListModel) objectives = vl_document_list (doc, VL_KIND_OBJECTIVE, NULL, NULL);
      g_autoptr(GListModel) krs = vl_document_list (doc, VL_KIND_KEY_RESULT, NULL, NULL);
      GDate *when = round == 0 ? today : later;
      GHashTable *kr_stats = NULL;
      g_autoptr(GHashTable) stats = vl_okr_summarize (doc, when, &kr_stats);
      guint due = 0;

      g_assert_cmpuint (g_hash_table_size (stats), ==, g_list_model_get_n_items (objectives));
      g_assert_cmpuint (g_hash_table_size (kr_stats), ==, g_list_model_get_n_items (krs));
      for (guint i = 0; i < g_list_model_get_n_items (objectives); i++)
        {
          g_autoptr(VlRecord) o = g_list_model_get_item (objectives, i);
          VlOkrStats *st = g_hash_table_lookup (stats, &(gint64) { vl_record_get_rowid (o) });

          g_assert_true (same (st->progress, vl_objective_get_total_progress (o)));
        }
      for (guint i = 0; i < g_list_model_get_n_items (krs); i++)
        {
          g_autoptr(VlRecord) kr = g_list_model_get_item (krs, i);
          g_autoptr(VlRecord) last = vl_key_result_dup_last_checkin (kr);
          VlOkrStats *st = g_hash_table_lookup (kr_stats, &(gint64) { vl_record_get_rowid (kr) });

          g_assert_true (same (st->progress, vl_key_result_get_progress (kr)));
          g_assert_true (same (st->confidence, last ? vl_record_get_number (last, "confidence") : NAN));
          g_assert_cmpint (st->due, ==, vl_key_result_is_checkin_due (kr, when));
          {
            g_autoptr(GListModel) items = vl_document_list (doc, VL_KIND_ITEM, "key-result", kr);

            g_assert_cmpuint (st->n_items, ==, g_list_model_get_n_items (items));
          }
          due += st->due;
        }
      /* The sample has two key results due now; none once the cycle is over. */
      g_assert_cmpuint (due, ==, round == 0 ? 2 : 0);
      g_hash_table_unref (kr_stats);
      /* Edit, and compare again. */
      {
        g_autoptr(VlRecord) kr = g_list_model_get_item (krs, 3);
        g_autoptr(VlRecord) o = g_list_model_get_item (objectives, 2);

        g_object_set (kr, "current", 0.33, "weight", 3.0, NULL);
        g_assert_true (vl_objective_delete_tree (o, &error));
      }
    }
}

int
main (int argc, char *argv[])
{
  vl_test_dir ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/okr/progress/metric", test_metric_progress);
  g_test_add ("/okr/progress/objective", Fixture, NULL, fixture_set_up, test_objective_progress,
              fixture_tear_down);
  g_test_add ("/okr/checkins", Fixture, NULL, fixture_set_up, test_checkins, fixture_tear_down);
  g_test_add ("/okr/tree/align", Fixture, NULL, fixture_set_up, test_align, fixture_tear_down);
  g_test_add_func ("/okr/tree/merged-cycle", test_merged_cycle);
  g_test_add_func ("/okr/summary", test_summary_matches);
  return g_test_run ();
}
