/* vl-test-util.h — shared helpers of the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "vl-document.h"

/* The UI test programs are made of several files that share one folder. */
#ifdef VL_TEST_SHARED_DIR
extern char *vl_test_dir_path;
#else
static char *vl_test_dir_path;
#endif

static inline void
vl_test_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        vl_test_remove_tree (child);
      else
        g_unlink (child);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (path);
}

/* Removed when the test program ends well; kept after a failure (the
 * program aborts) or with VL_TEST_KEEP=1, to look at. */
static inline void
vl_test_dir_cleanup (void)
{
  if (vl_test_dir_path != NULL && g_getenv ("VL_TEST_KEEP") == NULL)
    vl_test_remove_tree (vl_test_dir_path);
}

/* A private temporary folder per test run, used as XDG_DATA_HOME too so the
 * device id never touches the real home. */
static inline char *
vl_test_dir (void)
{
  if (vl_test_dir_path == NULL)
    {
      vl_test_dir_path = g_dir_make_tmp ("valueloop-test-XXXXXX", NULL);
      g_assert_nonnull (vl_test_dir_path);
      g_setenv ("XDG_DATA_HOME", vl_test_dir_path, TRUE);
      atexit (vl_test_dir_cleanup);
    }
  return vl_test_dir_path;
}

static inline GFile *
vl_test_file (const char *name)
{
  g_autofree char *path = g_build_filename (vl_test_dir (), name, NULL);

  g_unlink (path);
  return g_file_new_for_path (path);
}

/* A new, empty plan in the tests' folder. */
static inline VlDocument *
vl_test_new_plan (const char *name)
{
  g_autoptr(GFile) file = vl_test_file (name);
  g_autoptr(GError) error = NULL;
  VlDocument *doc = vl_document_create (file, "Test plan", &error);

  g_assert_no_error (error);
  return doc;
}

static inline char *
vl_test_read (GFile *file,
              gsize *len)
{
  g_autofree char *path = g_file_get_path (file);
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, len, NULL));
  return data;
}

/* Runs @sql on @file directly, the way a foreign program would. */
static inline void
vl_test_exec (GFile      *file,
              const char *sql)
{
  g_autofree char *path = g_file_get_path (file);
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static inline gint64
vl_test_query_int (GFile      *file,
                   const char *sql)
{
  g_autofree char *path = g_file_get_path (file);
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* The plan's first map of @kind (the sample plan has one of each). */
static inline VlRecord *
vl_test_sample_map (VlDocument *doc,
                    VlMapKind   kind)
{
  g_autoptr(GListModel) maps = vl_document_list (doc, VL_KIND_MAP, NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (maps); i++)
    {
      g_autoptr(VlRecord) map = g_list_model_get_item (maps, i);

      if (vl_record_get_int (map, "kind") == (gint64) kind)
        return g_steal_pointer (&map);
    }
  g_assert_not_reached ();
}

/* A year of status history for the benchmarks: four moves an item
 * (Idea to Launched), spread over the year from @from_ms, written
 * straight into the plan at @path (closed). */
static inline void
vl_test_add_history (const char *path,
                     gint64      from_ms)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO transition (uuid, hlc, site, item, from_status, to_status, at) "
    "SELECT randomblob (16), (%" G_GINT64_FORMAT " + ((id * 7919) %% 300 + s * (id %% 9 + 2)) * 86400000) << 16, "
    "  (SELECT min (id) FROM site), id, s - 1, s, "
    "  %" G_GINT64_FORMAT " + ((id * 7919) %% 300 + s * (id %% 9 + 2)) * 86400000 + (id %% 86400) * 1000 "
    "FROM item, (SELECT 1 AS s UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4)",
    from_ms, from_ms);

  if (sqlite3_open (path, &db) != SQLITE_OK || sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  sqlite3_close (db);
}
