/* test-merge.c — merging copies of one plan (DESIGN §4, merge semantics)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "vl-conflicts.h"
#include "vl-document-private.h"
#include "vl-enums.h"
#include "vl-json.h"
#include "vl-merge.h"
#include "vl-test-util.h"
#include "vl-value.h"

/* ---- replicas ---------------------------------------------------------- */

typedef struct
{
  GFile      *file;
  VlDocument *doc;
  gint64      now;      /* this device's wall clock, ms */
  GHashTable *seen;     /* register key → set of stamps this replica knows (causal) */
} Replica;

static gint64
replica_now (gpointer data)
{
  return ((Replica *) data)->now;
}

static void
replica_open (Replica    *r,
              const char *name,
              int         index)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *device = g_strdup_printf ("00000000-0000-4000-8000-%012d", index + 1);
  g_autofree char *host = g_strdup_printf ("laptop-%d", index + 1);

  g_autofree char *data_dir = g_strdup_printf ("%s/device-%s-%d", vl_test_dir (), name, index);

  r->file = g_file_new_build_filename (vl_test_dir (), name, NULL);
  /* Each replica is a device of its own, with its own data directory. */
  r->doc = vl_document_open_for_device (r->file, data_dir, VL_DOCUMENT_OPEN_NONE, &error);
  g_assert_no_error (error);
  vl_document_set_device (r->doc, device, host);
  vl_document_set_clock_func (r->doc, replica_now, r);
  r->now = 1700000000000;
  r->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) g_hash_table_unref);
}

static void
replica_close (Replica *r)
{
  g_clear_object (&r->doc);
  g_clear_object (&r->file);
  g_clear_pointer (&r->seen, g_hash_table_unref);
}

/* A plan with two backlogs and an objective, copied to @n replicas. */
static void
make_replicas (Replica *replicas,
               guint    n,
               const char *prefix)
{
  g_autofree char *base_name = g_strdup_printf ("%s-base.valueloop", prefix);
  g_autoptr(GFile) base = vl_test_file (base_name);
  g_autoptr(GError) error = NULL;
  g_autoptr(VlDocument) doc = vl_document_create (base, "Merge", &error);
  g_autoptr(VlRecord) b1 = NULL, b2 = NULL, o = NULL, kr = NULL;

  g_assert_no_error (error);
  vl_document_set_device (doc, "00000000-0000-4000-8000-0000000000aa", "origin");
  vl_document_begin (doc, "Set up");
  b1 = vl_document_insert (doc, VL_KIND_BACKLOG, NULL, NULL, NULL, &error);
  g_object_set (b1, "name", "Storefront", NULL);
  b2 = vl_document_insert (doc, VL_KIND_BACKLOG, NULL, NULL, NULL, &error);
  g_object_set (b2, "name", "Platform", NULL);
  o = vl_document_insert (doc, VL_KIND_OBJECTIVE, NULL, NULL, NULL, &error);
  g_object_set (o, "title", "Grow", NULL);
  kr = vl_document_insert (doc, VL_KIND_KEY_RESULT, o, NULL, NULL, &error);
  g_object_set (kr, "title", "Conversion", NULL);
  for (int i = 0; i < 4; i++)
    {
      g_autoptr(VlRecord) item = vl_document_insert (doc, VL_KIND_ITEM, i % 2 ? b1 : b2,
                                                     NULL, NULL, &error);
      g_autofree char *title = g_strdup_printf ("Item %d", i);

      g_object_set (item, "title", title, NULL);
    }
  g_assert_true (vl_document_commit (doc, &error));
  g_assert_true (vl_document_publish (doc, &error));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u.valueloop", prefix, i);
      g_autoptr(GFile) copy = vl_test_file (name);

      g_assert_true (g_file_copy (base, copy, 0, NULL, NULL, NULL, &error));
      replica_open (&replicas[i], name, (int) i);
    }
}

static char *
dump (Replica *r)
{
  g_autoptr(GError) error = NULL;
  char *text = vl_json_export (r->doc, &error);

  g_assert_no_error (error);
  return text;
}

static void
merge_into (Replica      *into,
            Replica      *from,
            VlMergeStats *stats)
{
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  /* What another device sees of @from is what it published. */
  g_assert_true (vl_document_publish (from->doc, &error));
  g_assert_true (vl_document_merge_file (into->doc, from->file, stats, &error));
  g_assert_no_error (error);
  /* Causal history travels with the merge. */
  g_hash_table_iter_init (&iter, from->seen);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GHashTable *mine = g_hash_table_lookup (into->seen, key);
      GHashTableIter s;
      gpointer stamp;

      if (mine == NULL)
        {
          mine = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (into->seen, g_strdup (key), mine);
        }
      g_hash_table_iter_init (&s, value);
      while (g_hash_table_iter_next (&s, &stamp, NULL))
        g_hash_table_add (mine, g_strdup (stamp));
    }
}

static VlRecord *
find (Replica    *r,
      VlKind      kind,
      const char *title)
{
  VlRecord *record = vl_document_find (r->doc, kind, title);

  g_assert_nonnull (record);
  return record;
}

/* ---- targeted cases ---------------------------------------------------- */

static void
test_disjoint_edits (void)
{
  Replica r[2] = { { 0 } };
  g_autoptr(VlRecord) a = NULL, b = NULL, added = NULL, backlog = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *da = NULL, *db = NULL;
  VlMergeStats stats;

  make_replicas (r, 2, "disjoint");
  a = find (&r[0], VL_KIND_ITEM, "Item 0");
  g_object_set (a, "cost", 5.0, NULL);
  b = find (&r[1], VL_KIND_ITEM, "Item 0");
  g_object_set (b, "moscow", VL_MOSCOW_MUST, NULL);
  backlog = find (&r[1], VL_KIND_BACKLOG, "Storefront");
  added = vl_document_insert (r[1].doc, VL_KIND_ITEM, backlog, NULL, NULL, &error);
  g_object_set (added, "title", "Only on laptop 2", NULL);

  merge_into (&r[0], &r[1], &stats);
  g_assert_cmpuint (stats.rows_added, ==, 1); /* the new item */
  g_assert_cmpuint (stats.conflicts_added, ==, 0);
  g_assert_true (stats.local_ahead);
  merge_into (&r[1], &r[0], &stats);
  g_assert_cmpuint (stats.rows_added, ==, 0);

  /* The live object of replica 0 was updated in place. */
  g_assert_cmpint (vl_record_get_int (a, "moscow"), ==, VL_MOSCOW_MUST);
  g_assert_cmpfloat (vl_record_get_number (a, "cost"), ==, 5.0);
  g_clear_object (&added);
  added = find (&r[0], VL_KIND_ITEM, "Only on laptop 2");
  da = dump (&r[0]);
  db = dump (&r[1]);
  g_assert_cmpstr (da, ==, db);

  /* Idempotent: merging again changes nothing at all. */
  merge_into (&r[0], &r[1], &stats);
  g_assert_cmpuint (stats.rows_added + stats.fields_taken + stats.conflicts_added, ==, 0);
  g_assert_false (stats.local_ahead);
  g_free (da);
  da = dump (&r[0]);
  g_assert_cmpstr (da, ==, db);
  replica_close (&r[0]);
  replica_close (&r[1]);
}

static gint64
count (Replica *r, const char *sql)
{
  g_autoptr(GFile) store = g_file_new_for_path (vl_document_get_store_path (r->doc));

  return vl_test_query_int (store, sql);
}

static void
test_concurrent_edit_keeps_loser (void)
{
  Replica r[2] = { { 0 } };
  g_autoptr(VlRecord) a = NULL, b = NULL;
  g_autofree char *da = NULL, *db = NULL;
  VlMergeStats stats;

  make_replicas (r, 2, "concurrent");
  a = find (&r[0], VL_KIND_ITEM, "Item 1");
  b = find (&r[1], VL_KIND_ITEM, "Item 1");
  r[0].now += 1000;
  r[1].now += 2000;       /* laptop 2 writes later: it wins */
  g_object_set (a, "title", "Written on laptop 1", NULL);
  g_object_set (b, "title", "Written on laptop 2", NULL);

  merge_into (&r[0], &r[1], &stats);
  g_assert_cmpuint (stats.conflicts_added, ==, 1);
  g_assert_cmpstr (vl_record_get_title (a), ==, "Written on laptop 2");
  g_assert_cmpint (count (&r[0], "SELECT count(*) FROM conflict WHERE value LIKE "
                                 "'%Written on laptop 1%'"), ==, 1);
  merge_into (&r[1], &r[0], &stats);
  da = dump (&r[0]);
  db = dump (&r[1]);
  g_assert_cmpstr (da, ==, db);

  /* Both laptops show the same "changed on two devices" value. */
  {
    g_autoptr(GPtrArray) on_a = vl_record_dup_conflicts (a, "title");
    g_autoptr(GPtrArray) on_b = vl_record_dup_conflicts (b, "title");
    g_autoptr(GPtrArray) after = NULL, after_b = NULL;
    g_autoptr(GError) error = NULL;
    VlConflict *c;

    g_assert_cmpuint (on_a->len, ==, 1);
    g_assert_cmpuint (on_b->len, ==, 1);
    c = on_a->pdata[0];
    g_assert_cmpstr (c->text, ==, "Written on laptop 1");
    g_assert_cmpstr (c->device, ==, "laptop-1");
    g_assert_cmpstr (((VlConflict *) on_b->pdata[0])->text, ==, "Written on laptop 1");
    {
      g_autoptr(GPtrArray) none = vl_record_dup_conflicts (a, "cost");

      g_assert_cmpuint (none->len, ==, 0);
    }

    /* "Use this value": a new edit; then nothing is shown any more. */
    g_assert_true (vl_record_use_conflict (a, c, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (vl_record_get_title (a), ==, "Written on laptop 1");
    after = vl_record_dup_conflicts (a, "title");
    g_assert_cmpuint (after->len, ==, 0);
    g_assert_true (vl_document_undo (r[0].doc, &error));
    g_assert_cmpstr (vl_record_get_title (a), ==, "Written on laptop 2");
    g_assert_true (vl_document_redo (r[0].doc, &error));
    merge_into (&r[1], &r[0], &stats);
    g_assert_cmpstr (vl_record_get_title (b), ==, "Written on laptop 1");
    after_b = vl_record_dup_conflicts (b, "title");
    g_assert_cmpuint (after_b->len, ==, 0);
  }

  /* A later edit on laptop 1 that had seen laptop 2's value: no conflict. */
  r[0].now += 5000;
  g_object_set (a, "title", "Agreed title", NULL);
  merge_into (&r[1], &r[0], &stats);
  g_assert_cmpuint (stats.conflicts_added, ==, 0);
  g_assert_cmpstr (vl_record_get_title (b), ==, "Agreed title");
  replica_close (&r[0]);
  replica_close (&r[1]);
}

static void
count_signal (VlDocument *doc, int status, guint *n)
{
  (*n)++;
}

/* WIP limits are plan settings: last writer wins per column, undo is a
 * newer write, and the board hears of merged changes. */
static void
test_wip_limits (void)
{
  Replica r[2] = { { 0 } };
  g_autoptr(GError) error = NULL;
  g_autofree char *da = NULL, *db = NULL;
  guint heard = 0;

  make_replicas (r, 2, "wip");
  g_signal_connect (r[0].doc, "wip-limit-changed", G_CALLBACK (count_signal), &heard);
  r[0].now += 1000;
  g_assert_true (vl_document_set_wip_limit (r[0].doc, VL_STATUS_IN_PROGRESS, 5, &error));
  g_assert_cmpuint (heard, ==, 1);
  r[1].now += 2000;       /* laptop 2 writes later: it wins */
  g_assert_true (vl_document_set_wip_limit (r[1].doc, VL_STATUS_IN_PROGRESS, 3, &error));
  g_assert_true (vl_document_set_wip_limit (r[1].doc, VL_STATUS_READY, 8, &error));

  merge_into (&r[0], &r[1], NULL);
  g_assert_cmpuint (heard, ==, 3);
  merge_into (&r[1], &r[0], NULL);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpuint (vl_document_get_wip_limit (r[i].doc, VL_STATUS_IN_PROGRESS), ==, 3);
      g_assert_cmpuint (vl_document_get_wip_limit (r[i].doc, VL_STATUS_READY), ==, 8);
      g_assert_cmpuint (vl_document_get_wip_limit (r[i].doc, VL_STATUS_PLANNED), ==, 0);
    }
  da = dump (&r[0]);
  db = dump (&r[1]);
  g_assert_cmpstr (da, ==, db);
  g_assert_nonnull (strstr (da, "\"wip-limits\""));

  /* Undoing laptop 2's limit on the ready column travels too. */
  r[1].now += 1000;
  g_assert_true (vl_document_undo (r[1].doc, &error));
  g_assert_cmpuint (vl_document_get_wip_limit (r[1].doc, VL_STATUS_READY), ==, 0);
  merge_into (&r[0], &r[1], NULL);
  g_assert_cmpuint (vl_document_get_wip_limit (r[0].doc, VL_STATUS_READY), ==, 0);
  g_assert_cmpuint (vl_document_get_wip_limit (r[0].doc, VL_STATUS_IN_PROGRESS), ==, 3);
  g_assert_cmpuint (heard, ==, 4);

  /* And it survives closing and opening again. */
  g_assert_true (vl_document_set_wip_limit (r[0].doc, VL_STATUS_LAUNCHED, 12, &error));
  g_assert_true (vl_document_publish (r[0].doc, &error));
  {
    g_autoptr(VlDocument) again = vl_document_open (r[0].file, VL_DOCUMENT_OPEN_READ_ONLY, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (vl_document_get_wip_limit (again, VL_STATUS_LAUNCHED), ==, 12);
    g_assert_cmpuint (vl_document_get_wip_limit (again, VL_STATUS_IN_PROGRESS), ==, 3);
  }
  replica_close (&r[0]);
  replica_close (&r[1]);
}

static void
test_edit_beats_delete (void)
{
  Replica r[2] = { { 0 } };
  g_autoptr(VlRecord) a = NULL, b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *da = NULL, *db = NULL;

  make_replicas (r, 2, "delete");
  a = find (&r[0], VL_KIND_ITEM, "Item 2");
  b = find (&r[1], VL_KIND_ITEM, "Item 2");
  r[0].now += 1000;
  g_assert_true (vl_document_delete (r[0].doc, a, &error));
  r[1].now += 2000;
  g_object_set (b, "cost", 8.0, NULL);      /* a later edit */

  merge_into (&r[0], &r[1], NULL);
  merge_into (&r[1], &r[0], NULL);
  g_assert_false (vl_record_get_deleted (a));
  g_assert_false (vl_record_get_deleted (b));
  g_assert_cmpfloat (vl_record_get_number (a, "cost"), ==, 8.0);
  da = dump (&r[0]);
  db = dump (&r[1]);
  g_assert_cmpstr (da, ==, db);

  /* A delete after the edit wins. */
  r[0].now += 5000;
  g_assert_true (vl_document_delete (r[0].doc, a, &error));
  merge_into (&r[1], &r[0], NULL);
  g_assert_true (vl_record_get_deleted (b));
  replica_close (&r[0]);
  replica_close (&r[1]);
}

static void
test_append_only_union_and_lists (void)
{
  Replica r[2] = { { 0 } };
  g_autoptr(VlRecord) a = NULL, b = NULL, backlog = NULL;
  g_autoptr(GListModel) log = NULL, items = NULL;
  guint before;

  make_replicas (r, 2, "union");
  a = find (&r[0], VL_KIND_ITEM, "Item 3");
  b = find (&r[1], VL_KIND_ITEM, "Item 3");
  log = vl_document_list (r[0].doc, VL_KIND_TRANSITION, "item", a);
  backlog = find (&r[0], VL_KIND_BACKLOG, "Storefront");
  items = vl_document_list (r[0].doc, VL_KIND_ITEM, "backlog", backlog);
  before = g_list_model_get_n_items (items);
  g_object_set (a, "status", VL_STATUS_READY, NULL);
  g_object_set (b, "status", VL_STATUS_PLANNED, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (log), ==, 1);

  merge_into (&r[0], &r[1], NULL);
  /* Both transitions are kept; the open list model grew in place. */
  g_assert_cmpuint (g_list_model_get_n_items (log), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, before);
  replica_close (&r[0]);
  replica_close (&r[1]);
}

/* Two devices review the same launched item offline: both readings are
 * kept, the latest by date is the actual value on both, and the later
 * verdict wins with the other kept as a conflict to look at. */
static void
test_readings_and_verdicts (void)
{
  Replica r[2] = { { 0 } };
  g_autoptr(VlRecord) a = NULL, b = NULL, ra = NULL, rb = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lost = NULL;
  g_autofree char *da = NULL, *db = NULL;
  VlMergeStats stats;

  make_replicas (r, 2, "readings");
  a = find (&r[0], VL_KIND_ITEM, "Item 1");
  g_object_set (a, "launch-date", "2026-07-01", NULL);
  g_object_set (a, "status", VL_STATUS_LAUNCHED, NULL);
  merge_into (&r[1], &r[0], NULL);
  b = find (&r[1], VL_KIND_ITEM, "Item 1");
  g_assert_cmpint (vl_record_get_int (b, "status"), ==, VL_STATUS_LAUNCHED);

  r[0].now += 1000;
  r[1].now += 500;
  ra = vl_item_add_reading (a, "2026-07-31", 2.3, "T+30 on laptop 1", &error);
  rb = vl_item_add_reading (b, "2026-07-08", 2.1, "T+7 on laptop 2", &error);
  g_assert_no_error (error);
  r[0].now += 1000;
  r[1].now += 3000;   /* laptop 2 gives its verdict later */
  g_assert_true (vl_item_complete_review (a, VL_VERDICT_VALIDATED, "Held", &error));
  g_assert_true (vl_item_complete_review (b, VL_VERDICT_INCONCLUSIVE, "Too early", &error));

  merge_into (&r[0], &r[1], &stats);
  merge_into (&r[1], &r[0], &stats);
  for (int i = 0; i < 2; i++)
    {
      VlRecord *item = i == 0 ? a : b;
      g_autoptr(GPtrArray) readings = vl_item_dup_readings (item);

      g_assert_cmpuint (readings->len, ==, 2);
      g_assert_cmpstr (vl_record_get_string (readings->pdata[1], "note"), ==, "T+30 on laptop 1");
      g_assert_cmpfloat (vl_item_get_actual (item), ==, 2.3);
      g_assert_cmpint (vl_record_get_int (item, "verdict"), ==, VL_VERDICT_INCONCLUSIVE);
      g_assert_cmpint (vl_record_get_int (item, "status"), ==, VL_STATUS_REVIEWED);
    }
  lost = vl_record_dup_conflicts (a, "verdict");
  g_assert_cmpuint (lost->len, ==, 1);
  da = dump (&r[0]);
  db = dump (&r[1]);
  g_assert_cmpstr (da, ==, db);
  replica_close (&r[0]);
  replica_close (&r[1]);
}

/* Targets, thresholds and the cycle time's statuses set on two devices:
 * the later write wins on both. */
static void
test_value_settings (void)
{
  Replica r[2] = { { 0 } };
  g_autoptr(GError) error = NULL;
  double validated, invalidated;

  make_replicas (r, 2, "settings");
  r[0].now += 1000;
  r[1].now += 2000;
  g_assert_true (vl_document_set_aarrr_target (r[0].doc, VL_AARRR_RETENTION, 0.25, &error));
  g_assert_true (vl_document_set_aarrr_target (r[1].doc, VL_AARRR_RETENTION, 0.4, &error));
  g_assert_true (vl_document_set_aarrr_target (r[0].doc, VL_AARRR_REVENUE, 0.2, &error));
  g_assert_true (vl_document_set_verdict_thresholds (r[1].doc, 0.9, 0.3, &error));
  g_assert_true (vl_document_set_clock_statuses (r[0].doc, VL_STATUS_READY, VL_STATUS_REVIEWED, &error));
  r[1].now += 1000;
  g_assert_true (vl_document_set_clock_statuses (r[1].doc, VL_STATUS_PLANNED, VL_STATUS_LAUNCHED, &error));
  merge_into (&r[0], &r[1], NULL);
  merge_into (&r[1], &r[0], NULL);
  for (int i = 0; i < 2; i++)
    {
      VlStatus start, end;

      vl_document_get_clock_statuses (r[i].doc, &start, &end);
      g_assert_cmpint (start, ==, VL_STATUS_PLANNED);
      g_assert_cmpint (end, ==, VL_STATUS_LAUNCHED);
      g_assert_cmpfloat (vl_document_get_aarrr_target (r[i].doc, VL_AARRR_RETENTION), ==, 0.4);
      g_assert_cmpfloat (vl_document_get_aarrr_target (r[i].doc, VL_AARRR_REVENUE), ==, 0.2);
      vl_document_get_verdict_thresholds (r[i].doc, &validated, &invalidated);
      g_assert_cmpfloat (validated, ==, 0.9);
      g_assert_cmpfloat (invalidated, ==, 0.3);
    }
  replica_close (&r[0]);
  replica_close (&r[1]);
}

/* Saved views made on two devices are both kept after a merge, each
 * pointing at the same backlog on both (a reference, remapped by uuid). */
static void
test_saved_views (void)
{
  Replica r[2] = { { 0 } };
  g_autoptr(GError) error = NULL;

  make_replicas (r, 2, "views");
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(VlRecord) backlog = vl_document_find (r[i].doc, VL_KIND_BACKLOG, i == 0 ? "Storefront" : "Platform");
      g_autoptr(VlRecord) view = vl_document_insert (r[i].doc, VL_KIND_VIEW, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      g_object_set (view, "name", i == 0 ? "Storefront launches" : "Platform in progress", "backlog", backlog,
                    "spec", "{\"status\": 3}", NULL);
    }
  merge_into (&r[0], &r[1], NULL);
  merge_into (&r[1], &r[0], NULL);
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(VlRecord) a = vl_document_find (r[i].doc, VL_KIND_VIEW, "Storefront launches");
      g_autoptr(VlRecord) b = vl_document_find (r[i].doc, VL_KIND_VIEW, "Platform in progress");
      g_autoptr(VlRecord) ab = NULL, bb = NULL;

      g_assert_cmpuint (vl_document_count (r[i].doc, VL_KIND_VIEW), ==, 2);
      g_assert_nonnull (a);
      g_assert_nonnull (b);
      ab = vl_record_dup_ref (a, "backlog");
      bb = vl_record_dup_ref (b, "backlog");
      g_assert_cmpstr (vl_record_get_title (ab), ==, "Storefront");
      g_assert_cmpstr (vl_record_get_title (bb), ==, "Platform");
      g_assert_cmpstr (vl_record_get_string (b, "spec"), ==, "{\"status\": 3}");
    }
  replica_close (&r[0]);
  replica_close (&r[1]);
}

static void
test_refuses_bad_files (void)
{
  Replica r[1] = { { 0 } };
  g_autoptr(GFile) other = vl_test_file ("other-plan.valueloop");
  g_autoptr(GFile) junk = vl_test_file ("junk.valueloop");
  g_autoptr(VlDocument) doc = vl_document_create (other, "Another plan", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_autofree char *junk_path = g_file_get_path (junk);

  make_replicas (r, 1, "refuse");
  before = dump (&r[0]);
  g_assert_false (vl_document_merge_file (r[0].doc, other, NULL, &error));
  g_assert_nonnull (strstr (error->message, "another plan"));
  g_assert_nonnull (strstr (error->message, "other-plan.valueloop"));
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (junk_path, "not a database at all, really", -1, NULL));
  g_assert_false (vl_document_merge_file (r[0].doc, junk, NULL, &error));
  g_assert_nonnull (strstr (error->message, "junk.valueloop"));
  after = dump (&r[0]);
  g_assert_cmpstr (before, ==, after);
  replica_close (&r[0]);
}

/* ---- property test ----------------------------------------------------- */

typedef struct
{
  GHashTable *writes;     /* "stamp" → set of stamps seen before that write */
} History;

static char *
reg_key (VlRecord *record,
         guint     reg)
{
  return g_strdup_printf ("%u/%s/%u", vl_record_get_kind (record), vl_record_get_uuid (record), reg);
}

static char *
stamp_of (VlDocument *doc,
          VlKind      kind,
          gint64      row,
          guint       reg)
{
  sqlite3 *db = _vl_document_get_db (doc);
  sqlite3_stmt *stmt;
  char *stamp = NULL;

  sqlite3_prepare_v2 (db, "SELECT f.hlc, hex (s.uuid) FROM field_clock f JOIN site s "
                          "ON s.id = f.site WHERE f.kind = ? AND f.row = ? AND f.reg = ?",
                      -1, &stmt, NULL);
  sqlite3_bind_int (stmt, 1, (int) kind);
  sqlite3_bind_int64 (stmt, 2, row);
  sqlite3_bind_int (stmt, 3, (int) reg);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    stamp = g_strdup_printf ("%" G_GINT64_FORMAT "@%s", (gint64) sqlite3_column_int64 (stmt, 0),
                             sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  return stamp;
}

/* After a write of @reg: remember its stamp and what it had seen. */
static void
record_write (History  *h,
              Replica  *r,
              VlRecord *record,
              guint     reg)
{
  g_autofree char *key = reg_key (record, reg);
  char *stamp = stamp_of (r->doc, vl_record_get_kind (record), vl_record_get_rowid (record), reg);
  GHashTable *seen = g_hash_table_lookup (r->seen, key);
  GHashTable *before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer s;

  if (stamp == NULL)
    {
      g_hash_table_unref (before);
      return; /* unchanged value or part of a creation */
    }
  if (seen == NULL)
    {
      seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (r->seen, g_strdup (key), seen);
    }
  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &s, NULL))
    g_hash_table_add (before, g_strdup (s));
  if (!g_hash_table_contains (h->writes, stamp))
    g_hash_table_insert (h->writes, g_strdup (stamp), before);
  else
    g_hash_table_unref (before);
  g_hash_table_add (seen, stamp);
}

static VlRecord *
random_row (GRand      *rand,
            Replica    *r,
            VlKind      kind)
{
  g_autoptr(GListModel) list = vl_document_list (r->doc, kind, NULL, NULL);
  guint n = g_list_model_get_n_items (list);

  return n ? g_list_model_get_item (list, (guint) g_rand_int_range (rand, 0, (gint32) n)) : NULL;
}

static void
random_value (GRand         *rand,
              Replica       *r,
              const VlField *f,
              GValue        *value)
{
  g_autoptr(VlRecord) ref = NULL;
  g_autofree char *text = NULL;

  switch (f->type)
    {
    case VL_FIELD_STRING:
      text = g_strdup_printf ("v%d", g_rand_int_range (rand, 0, 1000));
      g_value_init (value, G_TYPE_STRING);
      g_value_set_string (value, text);
      break;
    case VL_FIELD_DATE:
      text = g_strdup_printf ("2026-%02d-%02d", g_rand_int_range (rand, 1, 13),
                              g_rand_int_range (rand, 1, 29));
      g_value_init (value, G_TYPE_STRING);
      g_value_set_string (value, text);
      break;
    case VL_FIELD_INT:
      g_value_init (value, G_TYPE_INT);
      g_value_set_int (value, g_rand_int_range (rand, 0, 100));
      break;
    case VL_FIELD_NUMBER:
      g_value_init (value, G_TYPE_DOUBLE);
      g_value_set_double (value, g_rand_int_range (rand, 0, 1000) / 4.0);
      break;
    case VL_FIELD_BOOL:
      g_value_init (value, G_TYPE_BOOLEAN);
      g_value_set_boolean (value, g_rand_boolean (rand));
      break;
    case VL_FIELD_ENUM:
      {
        g_autoptr(GEnumClass) klass = g_type_class_ref (f->enum_type ());

        g_value_init (value, f->enum_type ());
        g_value_set_enum (value, klass->values[g_rand_int_range (rand, 0, (gint32) klass->n_values)].value);
      }
      break;
    case VL_FIELD_REF:
      ref = random_row (rand, r, f->ref_kind);
      g_value_init (value, vl_kind_get_gtype (f->ref_kind));
      g_value_set_object (value, g_rand_int_range (rand, 0, 4) ? ref : NULL);
      break;
    default:
      g_value_init (value, G_TYPE_INT64);
      g_value_set_int64 (value, g_rand_int_range (rand, 0, 1000));
      break;
    }
}

static const VlKind edited_kinds[] = {
  VL_KIND_ITEM, VL_KIND_BACKLOG, VL_KIND_OBJECTIVE, VL_KIND_KEY_RESULT, VL_KIND_CYCLE,
  VL_KIND_VALUE_LOOP, VL_KIND_ITERATION, VL_KIND_MAP, VL_KIND_MAP_NODE,
};

static void
random_edit (GRand   *rand,
             History *h,
             Replica *r)
{
  VlKind kind = edited_kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (edited_kinds))];
  const VlKindInfo *info = vl_kind_info (kind);
  g_autoptr(VlRecord) row = random_row (rand, r, kind);
  g_autoptr(VlRecord) parent = NULL;
  g_autoptr(GError) error = NULL;
  int op = g_rand_int_range (rand, 0, 10);

  r->now += g_rand_int_range (rand, 0, 3) * 7;
  if (row == NULL || op == 0)
    {
      if (info->parent >= 0)
        parent = random_row (rand, r, info->fields[info->parent].ref_kind);
      g_clear_object (&row);
      row = vl_document_insert (r->doc, kind, parent, NULL, NULL, &error);
      g_assert_no_error (error);
      if (kind == VL_KIND_KEY_RESULT)
        {
          g_autoptr(VlRecord) c = vl_document_insert (r->doc, VL_KIND_CHECKIN, NULL, NULL, NULL, &error);

          g_object_set (c, "key-result", row, "value", 1.0, NULL);
        }
      return;
    }
  if (op == 1)
    {
      g_assert_true (vl_document_delete (r->doc, row, &error));
      record_write (h, r, row, VL_REG_DELETED);
      return;
    }
  if (op == 2 && info->rank >= 0)
    {
      if (info->parent >= 0)
        parent = random_row (rand, r, info->fields[info->parent].ref_kind);
      if (vl_document_move (r->doc, row, parent, NULL, NULL, &error))
        record_write (h, r, row, info->fields[info->rank].reg);
      return;
    }
  for (int tries = 0; tries < 8; tries++)
    {
      guint i = (guint) g_rand_int_range (rand, 0, (gint32) info->n_fields);
      const VlField *f = &info->fields[i];
      GValue value = G_VALUE_INIT;

      if ((int) i == info->rank || (int) i == info->parent)
        continue;
      random_value (rand, r, f, &value);
      g_object_set_property (G_OBJECT (row), f->name, &value);
      g_value_unset (&value);
      record_write (h, r, row, f->reg);
      /* A status change appends a transition: an append-only record. */
      return;
    }
}

/* The value each replica holds for every register it wrote, before the
 * final merges. */
static GPtrArray *
heads (History *h,
       Replica *replicas,
       guint    n)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      sqlite3 *db = _vl_document_get_db (replicas[i].doc);
      sqlite3_stmt *stmt;

      sqlite3_prepare_v2 (db, "SELECT f.kind, f.row, f.reg, f.hlc, hex (s.uuid) FROM field_clock f "
                              "JOIN site s ON s.id = f.site", -1, &stmt, NULL);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autoptr(VlRecord) rec = vl_document_lookup (replicas[i].doc, sqlite3_column_int (stmt, 0),
                                                        sqlite3_column_int64 (stmt, 1));
          g_autofree char *key = reg_key (rec, (guint) sqlite3_column_int (stmt, 2));

          g_ptr_array_add (out, g_strdup_printf ("%s %" G_GINT64_FORMAT "@%s", key,
                                                 (gint64) sqlite3_column_int64 (stmt, 3),
                                                 sqlite3_column_text (stmt, 4)));
        }
      sqlite3_finalize (stmt);
    }
  return out;
}

/* Every head is the final value, a kept conflict, or in the causal past of
 * one of those: nothing was lost without someone having seen it. */
static void
assert_nothing_lost (History   *h,
                     Replica   *r,
                     GPtrArray *before)
{
  sqlite3 *db = _vl_document_get_db (r->doc);

  for (guint i = 0; i < before->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (before->pdata[i], " ", 2);
      g_auto(GStrv) key = g_strsplit (parts[0], "/", 3);
      g_autoptr(GPtrArray) survivors = g_ptr_array_new_with_free_func (g_free);
      VlKind kind = (VlKind) g_ascii_strtoull (key[0], NULL, 10);
      g_autoptr(VlRecord) rec = vl_document_find (r->doc, kind, key[1]);
      guint reg = (guint) g_ascii_strtoull (key[2], NULL, 10);
      sqlite3_stmt *stmt;
      gboolean found = FALSE;

      if (rec == NULL)
        {
          /* The row ended deleted: its id must still exist as a row. */
          g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE hex (uuid) = "
                                                  "upper (replace ('%s', '-', ''))",
                                                  vl_kind_info (kind)->name, key[1]);
          sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
          sqlite3_finalize (stmt);
          continue;
        }
      g_ptr_array_add (survivors, stamp_of (r->doc, kind, vl_record_get_rowid (rec), reg));
      sqlite3_prepare_v2 (db, "SELECT c.hlc, hex (s.uuid) FROM conflict c JOIN site s ON s.id = c.site "
                              "WHERE c.kind = ? AND c.row = ? AND c.reg = ?", -1, &stmt, NULL);
      sqlite3_bind_int (stmt, 1, (int) kind);
      sqlite3_bind_int64 (stmt, 2, vl_record_get_rowid (rec));
      sqlite3_bind_int (stmt, 3, (int) reg);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (survivors, g_strdup_printf ("%" G_GINT64_FORMAT "@%s",
                                                     (gint64) sqlite3_column_int64 (stmt, 0),
                                                     sqlite3_column_text (stmt, 1)));
      sqlite3_finalize (stmt);
      for (guint j = 0; j < survivors->len && !found; j++)
        {
          GHashTable *past = g_hash_table_lookup (h->writes, survivors->pdata[j]);

          found = g_strcmp0 (survivors->pdata[j], parts[1]) == 0 ||
                  (past != NULL && g_hash_table_contains (past, parts[1]));
        }
      if (!found)
        g_error ("%s lost: not current, not a conflict, seen by no survivor", (char *) before->pdata[i]);
    }
}

static void
run_seed (guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint n = (guint) g_rand_int_range (rand, 3, 5);
  gboolean equal_clocks = seed % 3 == 0;
  Replica r[4] = { { 0 } };
  History h = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_hash_table_unref) };
  g_autofree char *prefix = g_strdup_printf ("prop%u", seed);
  g_autoptr(GPtrArray) before = NULL;
  g_autofree char *first = NULL;

  make_replicas (r, n, prefix);
  for (guint i = 0; i < n; i++)
    r[i].now += equal_clocks ? 0 : g_rand_int_range (rand, -5000, 5000);

  for (int step = 0; step < 60; step++)
    {
      guint a = (guint) g_rand_int_range (rand, 0, (gint32) n);

      if (g_rand_int_range (rand, 0, 6) == 0)
        {
          guint b = (guint) g_rand_int_range (rand, 0, (gint32) n);

          if (a != b)
            merge_into (&r[a], &r[b], NULL);
        }
      else
        random_edit (rand, &h, &r[a]);
      if (equal_clocks)
        for (guint i = 0; i < n; i++)
          r[i].now = r[a].now;
    }

  before = heads (&h, r, n);
  /* Merge everything everywhere, in a random order, twice round. */
  for (int round = 0; round < 2; round++)
    for (guint i = 0; i < n; i++)
      {
        guint into = (guint) g_rand_int_range (rand, 0, (gint32) n);

        for (guint j = 0; j < n; j++)
          if (j != into)
            merge_into (&r[into], &r[j], NULL);
        (void) i;
      }
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      if (i != j)
        merge_into (&r[i], &r[j], NULL);

  first = dump (&r[0]);
  for (guint i = 1; i < n; i++)
    {
      g_autofree char *other = dump (&r[i]);

      if (g_strcmp0 (first, other) != 0 && g_getenv ("VL_MERGE_DUMP") != NULL)
        {
          g_file_set_contents ("/tmp/merge-a.json", first, -1, NULL);
          g_file_set_contents ("/tmp/merge-b.json", other, -1, NULL);
        }
      if (g_strcmp0 (first, other) != 0)
        g_error ("seed %u: replicas 0 and %u did not converge", seed, i);
    }
  /* Idempotent once converged. */
  {
    VlMergeStats stats;
    g_autofree char *again = NULL;

    merge_into (&r[0], &r[1], &stats);
    again = dump (&r[0]);
    g_assert_cmpstr (again, ==, first);
  }
  for (guint i = 0; i < n; i++)
    assert_nothing_lost (&h, &r[i], before);
  for (guint i = 0; i < n; i++)
    replica_close (&r[i]);
  g_hash_table_unref (h.writes);
}

static void
test_property (void)
{
  guint seeds = g_test_thorough () ? 300 : 60;

  for (guint32 seed = 1; seed <= seeds; seed++)
    run_seed (seed);
  g_test_message ("%u seeds converged with nothing lost", seeds);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/merge/disjoint-edits", test_disjoint_edits);
  g_test_add_func ("/merge/concurrent-edit-keeps-loser", test_concurrent_edit_keeps_loser);
  g_test_add_func ("/merge/edit-beats-delete", test_edit_beats_delete);
  g_test_add_func ("/merge/wip-limits", test_wip_limits);
  g_test_add_func ("/merge/append-only-union", test_append_only_union_and_lists);
  g_test_add_func ("/merge/readings-and-verdicts", test_readings_and_verdicts);
  g_test_add_func ("/merge/value-settings", test_value_settings);
  g_test_add_func ("/merge/saved-views", test_saved_views);
  g_test_add_func ("/merge/refuses-bad-files", test_refuses_bad_files);
  g_test_add_func ("/merge/property", test_property);
  return g_test_run ();
}
