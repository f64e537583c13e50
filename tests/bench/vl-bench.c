/* vl-bench.c — the performance budgets of DESIGN §8, measured
 *
 * A program, not a test: it prints figures next to their budgets and exits
 * non-zero when one is missed. Run it from a release build:
 *
 *   _build/tests/bench/vl-bench [--items N] [--keep DIR]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <malloc.h>
#include <sqlite3.h>
#include <stdio.h>

#include "../vl-test-util.h"
#include "vl-csv-export.h"
#include "vl-csv-import.h"
#include "vl-document.h"
#include "vl-enums.h"
#include "vl-item-search.h"
#include "vl-merge.h"
#include "vl-reports.h"

static const char *words[] = {
  "checkout", "mobile", "saved", "cards", "loyalty", "points", "search", "filters", "campaign",
  "refunds", "payouts", "wishlist", "reviews", "bundles", "shipping", "returns", "gift",
  "subscriptions", "tax", "invoices", "merchant", "shopper", "express", "wallet", "fraud",
};

static gboolean missed;

static void
report (const char *what,
        double      value,
        const char *unit,
        double      budget,
        gboolean    lower_is_better)
{
  gboolean ok = lower_is_better ? value <= budget : value >= budget;

  if (budget <= 0)
    {
      printf ("  %-52s %12.2f %-8s\n", what, value, unit);
      return;
    }
  printf ("  %-52s %12.2f %-8s budget %s %.2f  %s\n", what, value, unit,
          lower_is_better ? "≤" : "≥", budget, ok ? "ok" : "MISSED");
  missed |= !ok;
}

static char *
sentence (GRand *rand,
          guint  n_words)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n_words; i++)
    g_string_append_printf (s, "%s%s", i ? " " : "",
                            words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
  return g_string_free (s, FALSE);
}

static size_t
heap_in_use (void)
{
  struct mallinfo2 mi = mallinfo2 ();

  return mi.uordblks + mi.hblkhd;
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
build_plan (GFile *file,
            guint  n_items,
            gboolean quiet)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlDocument) doc = vl_document_create (file, "Bench", &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  VlRecord *backlogs[4];
  gint64 start;
  double secs;

  g_assert_no_error (error);
  for (guint b = 0; b < G_N_ELEMENTS (backlogs); b++)
    {
      backlogs[b] = vl_document_insert (doc, VL_KIND_BACKLOG, NULL, NULL, NULL, &error);
      g_object_set (backlogs[b], "name", words[b], NULL);
    }
  start = g_get_monotonic_time ();
  /* In actions of 1,000 items, the way an import or a paste would. */
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(VlRecord) item = NULL;
      g_autofree char *title = NULL, *description = NULL;

      if (i % 1000 == 0)
        vl_document_begin (doc, "Add Items");
      item = vl_document_insert (doc, VL_KIND_ITEM, backlogs[i % 4], NULL, NULL, &error);
      g_assert_no_error (error);
      title = sentence (rand, 5);
      description = sentence (rand, 14);
      g_object_set (item, "title", title, "description", description,
                    "status", g_rand_int_range (rand, 0, 7), "moscow", g_rand_int_range (rand, 0, 5),
                    "aarrr", g_rand_int_range (rand, 0, 6), "user-value", g_rand_int_range (rand, 1, 13),
                    "business-value", g_rand_int_range (rand, 1, 13),
                    "cost", (double) g_rand_int_range (rand, 1, 40), NULL);
      if (i % 1000 == 999 || i == n_items - 1)
        g_assert_true (vl_document_commit (doc, &error));
    }
  secs = seconds_since (start);
  if (quiet)
    goto out;
  printf ("Building a %u-item plan\n", n_items);
  report ("insert rate (items/s, 1,000 per action)", n_items / secs, "items/s", 0, FALSE);
out:
  for (guint b = 0; b < G_N_ELEMENTS (backlogs); b++)
    g_object_unref (backlogs[b]);
}

typedef struct
{
  gint64      rowid;
  gint64      parent;
  char       *rank;
  guint8      uuid[16];
} PlainRow;

/* The same query the model runs, read into a plain C array. */
static double
plain_scan (GFile *file,
            guint *n_rows)
{
  g_autofree char *path = g_file_get_path (file);
  sqlite3 *db;
  sqlite3_stmt *stmt;
  GArray *rows = g_array_sized_new (FALSE, FALSE, sizeof (PlainRow), 1024);
  gint64 start = g_get_monotonic_time ();
  double secs;

  sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  sqlite3_prepare_v2 (db, "SELECT id, ifnull(backlog, 0), rank, uuid FROM item WHERE deleted <> 1 "
                      "ORDER BY backlog, rank, uuid", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      PlainRow r = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                     g_strdup ((const char *) sqlite3_column_text (stmt, 2)), { 0 } };

      memcpy (r.uuid, sqlite3_column_blob (stmt, 3), 16);
      g_array_append_val (rows, r);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  secs = seconds_since (start);
  *n_rows = rows->len;
  for (guint i = 0; i < rows->len; i++)
    g_free (g_array_index (rows, PlainRow, i).rank);
  g_array_unref (rows);
  return secs;
}

/* Opening (with its checks) and loading the list model, timed apart. */
static double
model_load (GFile  *file,
            guint  *n_rows,
            size_t *bytes,
            double *open_secs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlDocument) doc = NULL;
  g_autoptr(GListModel) items = NULL;
  size_t before;
  gint64 start;
  double secs;

  start = g_get_monotonic_time ();
  doc = vl_document_open (file, VL_DOCUMENT_OPEN_NONE, &error);
  g_assert_no_error (error);
  *open_secs = seconds_since (start);
  malloc_trim (0);
  before = heap_in_use ();
  start = g_get_monotonic_time ();
  items = vl_document_list (doc, VL_KIND_ITEM, NULL, NULL);
  secs = seconds_since (start);
  *n_rows = g_list_model_get_n_items (items);
  *bytes = heap_in_use () - before;
  return secs;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *v,
        guint   n)
{
  qsort (v, n, sizeof *v, compare_doubles);
  return v[n / 2];
}

static void
bench_load (GFile *file,
            guint  n_items)
{
  double plain[7], model[7], open[7];
  guint n_plain = 0, n_model = 0;
  size_t bytes = 0;

  plain_scan (file, &n_plain); /* warm the page cache */
  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    {
      plain[i] = plain_scan (file, &n_plain);
      model[i] = model_load (file, &n_model, &bytes, &open[i]);
    }
  g_assert_cmpuint (n_plain, ==, n_model);
  printf ("Loading %u items into the models (median of %zu runs)\n", n_model, G_N_ELEMENTS (plain));
  report ("plain C scan of the same rows", median (plain, G_N_ELEMENTS (plain)) * 1000, "ms", 0, TRUE);
  report ("open the plan (checks incl. quick_check)", median (open, G_N_ELEMENTS (open)) * 1000, "ms", 0, TRUE);
  report ("load into the item list model", median (model, G_N_ELEMENTS (model)) * 1000, "ms", 0, TRUE);
  report ("load ratio (model / plain scan)",
          median (model, G_N_ELEMENTS (model)) / median (plain, G_N_ELEMENTS (plain)), "×", 1.5, TRUE);
  report ("memory per item in the model", (double) bytes / n_model, "B", 300, TRUE);
}

/* The backlog's search index alone, without a window: what a keystroke
 * and a sort cost before GTK rebinds and paints the rows (vl-bench-ui
 * measures the whole path). */
static void
bench_search (GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlDocument) doc = vl_document_open (file, VL_DOCUMENT_OPEN_NONE, &error);
  g_autoptr(GListModel) items = vl_document_list (doc, VL_KIND_ITEM, NULL, NULL);
  g_autoptr(VlItemSearch) search = NULL;
  const char *keys[] = { "s", "sa", "sav", "save", "saved", "saved ", "saved c", "saved ca", "" };
  double worst = 0;
  gint64 start;

  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  search = vl_item_search_new (doc, items);
  printf ("Search and sort in the core, %u items\n", g_list_model_get_n_items (items));
  report ("build the search index", seconds_since (start) * 1000, "ms", 0, TRUE);
  _vl_item_search_wait_title_order (search);
  report ("memory per item in the search index (informational)",
          (double) _vl_item_search_get_memory (search) / MAX (g_list_model_get_n_items (items), 1), "B", 0, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      start = g_get_monotonic_time ();
      vl_item_search_set_text (search, keys[i]);
      worst = MAX (worst, seconds_since (start) * 1000);
      if (g_getenv ("VL_BENCH_VERBOSE")) printf ("    %-10s %.2f ms\n", keys[i], seconds_since (start) * 1000);
    }
  report ("worst keystroke (filter and change signal)", worst, "ms", 16, TRUE);
  /* Asked before the thread is done, the keys are made at once. */
  {
    g_autoptr(VlItemSearch) early = vl_item_search_new (doc, items);

    start = g_get_monotonic_time ();
    vl_item_search_set_sort (early, "title", FALSE);
    report ("sort by title, keys made when asked (informational)", seconds_since (start) * 1000, "ms", 0, TRUE);
    /* As in the window: after the index is built, a thread works out
     * every row's place in title order; a sort then sorts numbers. */
    start = g_get_monotonic_time ();
    _vl_item_search_wait_title_order (early);
    report ("title order worked out (thread, informational)", seconds_since (start) * 1000, "ms", 0, TRUE);
  }
  start = g_get_monotonic_time ();
  vl_item_search_set_sort (search, "title", FALSE);
  report ("sort by title (places in title order)", seconds_since (start) * 1000, "ms", 100, TRUE);
  start = g_get_monotonic_time ();
  vl_item_search_set_sort (search, "title", TRUE);
  report ("sort by title the other way", seconds_since (start) * 1000, "ms", 100, TRUE);
}

/* A live object for each of 10,000 rows (what views hold for visible rows). */
static void
bench_objects (GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlDocument) doc = vl_document_open (file, VL_DOCUMENT_OPEN_NONE, &error);
  g_autoptr(GListModel) items = vl_document_list (doc, VL_KIND_ITEM, NULL, NULL);
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = MIN (10000, g_list_model_get_n_items (items));
  size_t before;
  gint64 start;

  malloc_trim (0);
  before = heap_in_use ();
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (held, g_list_model_get_item (items, i));
  report ("materialise a row object (µs each)", seconds_since (start) * 1e6 / n, "µs", 0, TRUE);
  report ("memory per live row object (informational)", (double) (heap_in_use () - before) / n,
          "B", 0, TRUE);
}

/* 5,000 edits to random items of one replica, as one device. */
static void
edit_replica (GFile      *file,
              const char *device,
              guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = g_strdup_printf ("%s.device", g_file_peek_path (file));
  g_autoptr(VlDocument) doc = vl_document_open_for_device (file, data_dir, VL_DOCUMENT_OPEN_NONE,
                                                           &error);
  g_autoptr(GListModel) items = vl_document_list (doc, VL_KIND_ITEM, NULL, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint n = g_list_model_get_n_items (items);

  g_assert_no_error (error);
  vl_document_set_device (doc, device, device);
  for (guint i = 0; i < 5000; i++)
    {
      g_autoptr(VlRecord) item = g_list_model_get_item (items, (guint) g_rand_int_range (rand, 0, (gint32) n));
      g_autofree char *title = g_strdup_printf ("edited %u", g_rand_int (rand));

      if (i % 500 == 0)
        vl_document_begin (doc, "Edit");
      switch (i % 3)
        {
        case 0: g_object_set (item, "title", title, NULL); break;
        case 1: g_object_set (item, "cost", (double) g_rand_int_range (rand, 1, 50), NULL); break;
        default: g_object_set (item, "moscow", g_rand_int_range (rand, 0, 5), NULL); break;
        }
      if (i % 500 == 499)
        g_assert_true (vl_document_commit (doc, &error));
    }
}

static void
bench_merge (const char *dir)
{
  g_autofree char *base_path = g_build_filename (dir, "merge-base.valueloop", NULL);
  g_autofree char *a_path = g_build_filename (dir, "merge-a.valueloop", NULL);
  g_autofree char *b_path = g_build_filename (dir, "merge-b.valueloop", NULL);
  g_autoptr(GFile) base = g_file_new_for_path (base_path);
  g_autoptr(GFile) a = g_file_new_for_path (a_path);
  g_autoptr(GFile) b = g_file_new_for_path (b_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(VlDocument) doc = NULL;
  VlMergeStats stats;
  gint64 start;
  double secs;

  g_unlink (base_path);
  build_plan (base, 50000, TRUE);
  g_file_copy (base, a, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_file_copy (base, b, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  edit_replica (a, "00000000-0000-4000-8000-00000000000a", 11);
  edit_replica (b, "00000000-0000-4000-8000-00000000000b", 22);

  {
    g_autofree char *data_dir = g_strdup_printf ("%s.device", a_path);

    doc = vl_document_open_for_device (a, data_dir, VL_DOCUMENT_OPEN_NONE, &error);
  }
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  g_assert_true (vl_document_merge_file (doc, b, &stats, &error));
  secs = seconds_since (start);
  printf ("Merging two 50,000-item replicas with 5,000 edits each\n");
  report ("merge (snapshot, checks, merge, commit)", secs * 1000, "ms", 1000, TRUE);
  printf ("    (%u fields taken, %u conflicts kept)\n", stats.fields_taken, stats.conflicts_added);
  g_clear_object (&doc);
  g_unlink (base_path);
  g_unlink (a_path);
  g_unlink (b_path);
}

/* One edit, then the atomic publish (VACUUM INTO, fsync, copy, rename). */
static void
bench_publish (GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlDocument) doc = vl_document_open (file, VL_DOCUMENT_OPEN_NONE, &error);
  g_autoptr(GListModel) items = vl_document_list (doc, VL_KIND_ITEM, NULL, NULL);
  g_autoptr(VlRecord) item = g_list_model_get_item (items, 7);
  gint64 start;

  g_object_set (item, "title", "Published once more", NULL);
  start = g_get_monotonic_time ();
  g_assert_true (vl_document_publish (doc, &error));
  printf ("Publishing\n");
  report ("publish a 100k-item plan after one edit", seconds_since (start) * 1000, "ms", 0, TRUE);
}

/* The query `sqlite3 -csv` runs for the export budget: the backlog
 * export's columns and joins, the shell formatting them. */
static const char csv_query[] =
  "SELECT hex (i.uuid), i.source_key, b.name, i.title, i.description, i.status, i.owner, i.moscow,"
  " i.p1, i.user_value, i.business_value, i.cost, i.aarrr, k.title, v.name, t.name, hex (u.uuid),"
  " i.metric, i.baseline, i.expected, i.launch_date, i.review_due, i.actual, i.verdict, i.review_note"
  " FROM item i JOIN backlog b ON b.id = i.backlog AND b.deleted <> 1"
  " LEFT JOIN key_result k ON k.id = i.key_result LEFT JOIN value_loop v ON v.id = i.value_loop"
  " LEFT JOIN iteration t ON t.id = i.iteration LEFT JOIN item u ON u.id = i.upstream"
  " WHERE i.deleted <> 1 ORDER BY b.rank, b.uuid, i.rank, i.uuid";

static double
best_of (double a,
         double b)
{
  return a < b ? a : b;
}

static void
bench_csv (GFile      *file,
           const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlDocument) doc = vl_document_open (file, VL_DOCUMENT_OPEN_NONE, &error);
  g_autofree char *ours = g_build_filename (dir, "export.csv", NULL);
  g_autofree char *theirs = g_build_filename (dir, "sqlite3.csv", NULL);
  g_autofree char *cmd = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GFile) ours_file = g_file_new_for_path (ours);
  double export_s = G_MAXDOUBLE, sqlite_s = G_MAXDOUBLE, import_s, bulk_s;
  g_autoptr(VlCsvImport) import = NULL;
  g_autoptr(VlCsvTable) table = NULL;
  gsize length = 0;
  gint64 start;
  int status;

  g_assert_no_error (error);
  g_assert_true (vl_document_publish (doc, &error));
  cmd = g_strdup_printf ("sh -c 'sqlite3 -csv -readonly %s \"%s\" > %s'", vl_document_get_store_path (doc),
                         csv_query, theirs);
  printf ("CSV (%u items)\n", vl_document_count (doc, VL_KIND_ITEM));
  for (int run = 0; run < 3; run++)
    {
      start = g_get_monotonic_time ();
      g_assert_true (vl_csv_export_file (doc, VL_CSV_BACKLOG, NULL, VL_CSV_STANDARD, ours_file, &error));
      export_s = best_of (export_s, seconds_since (start));
      start = g_get_monotonic_time ();
      g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, &status, &error) && status == 0);
      sqlite_s = best_of (sqlite_s, seconds_since (start));
    }
  report ("export backlog CSV, best of 3", export_s * 1000, "ms", 0, TRUE);
  report ("sqlite3 -csv, same query and joins, best of 3", sqlite_s * 1000, "ms", 0, TRUE);
  report ("export / sqlite3 -csv", export_s / sqlite_s, "×", 1.0, TRUE);

  /* Import the export into a new plan, against adding the same rows in
   * bulk through the document (insert and set the same fields). */
  g_assert_true (g_file_get_contents (ours, &data, &length, NULL));
  {
    g_autofree char *target_path = g_build_filename (dir, "imported.valueloop", NULL);
    g_autoptr(GFile) target = g_file_new_for_path (target_path);
    g_autoptr(VlDocument) into = NULL;

    g_unlink (target_path);
    into = vl_document_create (target, "Import", &error);
    start = g_get_monotonic_time ();
    import = vl_csv_import_new (data, length, "export.csv", &error);
    g_assert_true (vl_csv_import_apply (import, into, NULL, &error));
    import_s = seconds_since (start);
    g_assert_cmpuint (vl_document_count (into, VL_KIND_ITEM), ==, vl_document_count (doc, VL_KIND_ITEM));
  }
  table = vl_csv_parse (data, length, "export.csv", &error);
  {
    g_autofree char *target_path = g_build_filename (dir, "bulk.valueloop", NULL);
    g_autoptr(GFile) target = g_file_new_for_path (target_path);
    g_autoptr(VlDocument) into = NULL;
    g_autoptr(VlRecord) backlog = NULL;

    g_unlink (target_path);
    into = vl_document_create (target, "Bulk", &error);
    start = g_get_monotonic_time ();
    vl_document_begin (into, "Add Items");
    backlog = vl_document_insert (into, VL_KIND_BACKLOG, NULL, NULL, NULL, &error);
    for (guint r = 0; r < table->rows->len; r++)
      {
        VlCsvRow *row = g_ptr_array_index (table->rows, r);
        g_autoptr(VlRecord) item = vl_document_insert (into, VL_KIND_ITEM, backlog, NULL, NULL, &error);
        int st = 0, moscow = 0, aarrr = 0;

        vl_enum_from_nick (VL_TYPE_STATUS, row->cells[4], &st);
        vl_enum_from_nick (VL_TYPE_MOSCOW, row->cells[6], &moscow);
        vl_enum_from_nick (VL_TYPE_AARRR, row->cells[11], &aarrr);
        g_object_set (item, "source-key", row->cells[0], "title", row->cells[2], "description", row->cells[3],
                      "moscow", moscow, "user-value", (int) g_ascii_strtoll (row->cells[8], NULL, 10),
                      "business-value", (int) g_ascii_strtoll (row->cells[9], NULL, 10),
                      "cost", g_ascii_strtod (row->cells[10], NULL), "aarrr", aarrr, NULL);
        g_object_set (item, "status", st, NULL);
      }
    g_assert_true (vl_document_commit (into, &error));
    bulk_s = seconds_since (start);
  }
  report ("import the export into a new plan", import_s * 1000, "ms", 0, TRUE);
  report ("the same items added in bulk through the document", bulk_s * 1000, "ms", 0, TRUE);
  report ("import / bulk add", import_s / bulk_s, "×", 1.2, TRUE);
}

static gint64
file_pages_bytes (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size : -1;
}

/* The same data without ids, stamps, the deleted register, sites or
 * field clocks, with the same indexes, both vacuumed. */
static void
bench_file_size (GFile *file,
                 const char *dir)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *with = g_build_filename (dir, "with-metadata.db", NULL);
  g_autofree char *without = g_build_filename (dir, "without-metadata.db", NULL);
  g_autofree char *sql = NULL;
  sqlite3 *db;
  gint64 a, b;

  g_unlink (with);
  g_unlink (without);
  sqlite3_open (path, &db);
  sql = g_strdup_printf ("VACUUM INTO '%s'", with);
  sqlite3_exec (db, sql, NULL, NULL, NULL);
  g_free (sql);
  sql = g_strdup_printf (
    "ATTACH '%s' AS bare;"
    "CREATE TABLE bare.backlog AS SELECT id, rank, name, kind, owner, description FROM backlog;"
    "CREATE TABLE bare.item AS SELECT id, backlog, rank, title, description, owner, status, moscow,"
    "  p1, user_value, business_value, cost, aarrr, key_result, value_loop, iteration, upstream,"
    "  metric, baseline, expected, launch_date, review_due, actual, verdict, review_note FROM item;"
    "CREATE TABLE bare.transition AS SELECT id, item, from_status, to_status, at FROM transition;"
    "CREATE INDEX bare.item_placement ON item (backlog, rank);"
    "CREATE INDEX bare.transition_item ON transition (item);"
    "DETACH bare;", without);
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  sqlite3_close (db);
  sqlite3_open (without, &db);
  sqlite3_exec (db, "VACUUM", NULL, NULL, NULL);
  sqlite3_close (db);
  a = file_pages_bytes (with);
  b = file_pages_bytes (without);
  printf ("File size\n");
  report ("with sync metadata (MB)", a / 1e6, "MB", 0, TRUE);
  report ("same data without sync metadata (MB)", b / 1e6, "MB", 0, TRUE);
  report ("ratio", (double) a / b, "×", 1.5, TRUE);
  g_unlink (with);
  g_unlink (without);
}

/* The five reports of a year over 100,000 items with about 400,000
 * transitions, against the same answers from SQL run by SQLite on the
 * same file (fair SQL: window functions, one pass each, no per-day join). */
static const char *const report_sql[] = {
  /* cumulative flow: +1 on the day a status is entered, −1 on the day it is left, summed */
  "WITH moves AS (SELECT item, to_status AS s, at / 86400000 AS a, "
  "    lead (at / 86400000) OVER (PARTITION BY item ORDER BY at) AS b "
  "  FROM transition WHERE deleted <> 1 AND from_status <> to_status), "
  "deltas AS (SELECT a AS day, s, 1 AS d FROM moves UNION ALL "
  "  SELECT b, s, -1 FROM moves WHERE b IS NOT NULL) "
  "SELECT day, s, sum (sum (d)) OVER (PARTITION BY s ORDER BY day) FROM deltas "
  "WHERE day <= ?2 / 86400000 GROUP BY s, day",
  /* cycle time: first entries into In Progress and Launched */
  "SELECT item, (en - st) / 86400000.0 AS days FROM (SELECT item, "
  "    min (CASE WHEN to_status = 3 THEN at END) AS st, min (CASE WHEN to_status = 4 THEN at END) AS en "
  "  FROM transition WHERE deleted <> 1 AND from_status <> to_status GROUP BY item) "
  "WHERE en BETWEEN ?1 AND ?2 AND st <= en ORDER BY days",
  /* lead time: from the item's creation stamp */
  "SELECT i.id, (t.en - (i.hlc >> 16)) / 86400000.0 AS days FROM item i JOIN (SELECT item, "
  "    min (CASE WHEN to_status = 4 THEN at END) AS en FROM transition "
  "  WHERE deleted <> 1 AND from_status <> to_status GROUP BY item) t ON t.item = i.id "
  "WHERE i.deleted <> 1 AND t.en BETWEEN ?1 AND ?2 ORDER BY days",
  /* throughput per week */
  "SELECT strftime ('%Y-%W', en / 1000, 'unixepoch'), count (*) FROM (SELECT "
  "    min (CASE WHEN to_status = 4 THEN at END) AS en FROM transition "
  "  WHERE deleted <> 1 AND from_status <> to_status GROUP BY item) WHERE en BETWEEN ?1 AND ?2 GROUP BY 1",
  /* aging: in progress now, since the first entry */
  "SELECT i.id, (?2 - t.st) / 86400000.0 AS days FROM item i JOIN (SELECT item, "
  "    min (CASE WHEN to_status = 3 THEN at END) AS st FROM transition "
  "  WHERE deleted <> 1 AND from_status <> to_status GROUP BY item) t ON t.item = i.id "
  "WHERE i.deleted <> 1 AND i.status = 3 ORDER BY days DESC",
  /* calibration: reviewed items, by the day of their first entry into Reviewed */
  "SELECT i.id, i.expected - i.baseline, i.actual - i.baseline, i.verdict, t.rv FROM item i JOIN (SELECT item, "
  "    min (CASE WHEN to_status = 5 THEN at END) AS rv FROM transition "
  "  WHERE deleted <> 1 AND from_status <> to_status GROUP BY item) t ON t.item = i.id "
  "WHERE i.deleted <> 1 AND i.verdict <> 0 AND t.rv BETWEEN ?1 AND ?2 ORDER BY t.rv",
};

static double
median3 (double a, double b, double c)
{
  return MAX (MIN (a, b), MIN (MAX (a, b), c));
}

static void
bench_reports (GFile      *file,
               const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "bench-reports.valueloop", NULL);
  g_autoptr(GFile) copy = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(VlDocument) doc = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gint64 now_ms = g_date_time_to_unix (now) * 1000, from_ms = now_ms - 365 * (gint64) 86400000;
  double c_ms[3], sql_ms[3];
  sqlite3 *db;
  gint64 start, n_moves;
  VlReportQuery query;

  g_unlink (path);
  g_assert_true (g_file_copy (file, copy, 0, NULL, NULL, NULL, &error));
  g_assert_true (vl_document_make_independent (copy, &error));
  /* A year of history: four moves an item, spread over the year. */
  vl_test_add_history (path, from_ms - 40 * (gint64) 86400000);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  n_moves = vl_test_query_int (copy, "SELECT count(*) FROM transition");
  doc = vl_document_open (copy, VL_DOCUMENT_OPEN_NONE, &error);
  g_assert_no_error (error);
  printf ("Reports over a year, 100,000 items, %" G_GINT64_FORMAT " transitions (median of 3)\n", n_moves);
  vl_report_query_init (&query, doc, 365);
  for (int run = 0; run < 3; run++)
    {
      g_autoptr(VlReport) report = NULL;

      start = g_get_monotonic_time ();
      report = vl_report_compute (doc, &query, &error);
      c_ms[run] = seconds_since (start) * 1000;
      g_assert_no_error (error);
      if (run == 0 && g_getenv ("VL_BENCH_VERBOSE"))
        printf ("    %u days, %u cycle times (p85 %.1f d), %u aging, %u weeks\n", report->flow->len,
                report->cycle->len, report->cycle_pct.p85, report->aging->len, report->throughput->len);
    }
  for (int run = 0; run < 3; run++)
    {
      start = g_get_monotonic_time ();
      for (guint q = 0; q < G_N_ELEMENTS (report_sql); q++)
        {
          sqlite3_stmt *stmt;

          if (sqlite3_prepare_v2 (db, report_sql[q], -1, &stmt, NULL) != SQLITE_OK)
            g_error ("%s", sqlite3_errmsg (db));
          sqlite3_bind_int64 (stmt, 1, from_ms);
          sqlite3_bind_int64 (stmt, 2, now_ms);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            ;
          sqlite3_finalize (stmt);
        }
      sql_ms[run] = seconds_since (start) * 1000;
    }
  sqlite3_close (db);
  report ("all five reports, one pass in the core", median3 (c_ms[0], c_ms[1], c_ms[2]), "ms", 0, TRUE);
  report ("the same from SQL, run by SQLite", median3 (sql_ms[0], sql_ms[1], sql_ms[2]), "ms", 0, TRUE);
  report ("reports / SQL", median3 (c_ms[0], c_ms[1], c_ms[2]) / median3 (sql_ms[0], sql_ms[1], sql_ms[2]),
          "×", 1.0, TRUE);
}

int
main (int argc, char *argv[])
{
  int n_items = 100000;
  g_autofree char *keep = NULL, *only = NULL;
  GOptionEntry entries[] = {
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Only this part (load, objects, search, publish, csv, size, merge, reports)", "PART" },
    { "items", 'n', 0, G_OPTION_ARG_INT, &n_items, "Items in the plan (100000)", "N" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Work in DIR and keep the plan", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— Valueloop benchmarks");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *path = NULL;
  g_autoptr(GFile) file = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  dir = keep != NULL ? g_strdup (keep) : g_dir_make_tmp ("vl-bench-XXXXXX", NULL);
  g_mkdir_with_parents (dir, 0700);
  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  path = g_build_filename (dir, "bench.valueloop", NULL);
  g_unlink (path);
  file = g_file_new_for_path (path);

  printf ("Valueloop benchmarks (DESIGN §8), SQLite %s\n\n", sqlite3_libversion ());
  build_plan (file, (guint) n_items, FALSE);
#define PART(name, call) if (only == NULL || g_str_equal (only, name)) call
  PART ("load", bench_load (file, (guint) n_items));
  PART ("objects", bench_objects (file));
  PART ("search", bench_search (file));
  PART ("publish", bench_publish (file));
  PART ("csv", bench_csv (file, dir));
  PART ("size", bench_file_size (file, dir));
  PART ("merge", bench_merge (dir));
  PART ("reports", bench_reports (file, dir));
#undef PART

  if (keep == NULL)
    vl_test_remove_tree (dir);   /* the plans, replicas and working copies */
  printf ("\n%s\n", missed ? "Some budgets were MISSED." : "All budgets met.");
  return missed ? 1 : 0;
}
