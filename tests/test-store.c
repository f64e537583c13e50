/* test-store.c — creating, opening, migrating and refusing files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "vl-test-util.h"

static void
test_create_and_reopen (void)
{
  g_autoptr(GFile) file = vl_test_file ("create.valueloop");
  g_autoptr(GError) error = NULL;
  g_autoptr(VlDocument) doc = vl_document_create (file, "Q3 plan", &error);
  g_autoptr(VlDocument) again = NULL;
  g_autofree char *doc_id = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_no_error (error);
  g_assert_cmpstr (vl_document_get_title (doc), ==, "Q3 plan");
  g_assert_true (g_uuid_string_is_valid (vl_document_get_doc_id (doc)));
  doc_id = g_strdup (vl_document_get_doc_id (doc));
  g_clear_object (&doc);

  g_assert_cmpint (vl_test_query_int (file, "PRAGMA application_id"), ==, VL_APPLICATION_ID);
  g_assert_cmpint (vl_test_query_int (file, "PRAGMA user_version"), ==, VL_SCHEMA_VERSION);

  again = vl_document_open (file, VL_DOCUMENT_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vl_document_get_doc_id (again), ==, doc_id);
  g_assert_false (vl_document_get_read_only (again));

  /* Creating over an existing file is refused. */
  g_assert_null (vl_document_create (file, "x", &error));
  g_assert_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "create.valueloop"));
}

/* Writes @bytes to @name, tries to open it, and checks the error names the
 * file and that the file is byte for byte unchanged afterwards. */
static void
assert_refused (const char *name,
                int         code,
                const char *reason)
{
  g_autoptr(GFile) file = g_file_new_build_filename (vl_test_dir (), name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gsize len_before, len_after;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  before = vl_test_read (file, &len_before);
  g_assert_null (vl_document_open (file, VL_DOCUMENT_OPEN_NONE, &error));
  g_assert_error (error, VL_DOCUMENT_ERROR, code);
  g_test_message ("%s: %s", name, error->message);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_nonnull (strstr (error->message, reason));
  after = vl_test_read (file, &len_after);
  g_assert_cmpmem (before, len_before, after, len_after);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

static void
make_plan (const char *name)
{
  g_autoptr(GFile) file = vl_test_file (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(VlDocument) doc = vl_document_create (file, "plan", &error);

  g_assert_no_error (error);
}

static void
test_refuse_random_bytes (void)
{
  g_autoptr(GFile) file = vl_test_file ("random.valueloop");
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint8 junk[8192];
  g_autofree char *path = g_file_get_path (file);

  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (guint8) g_rand_int (rand);
  g_assert_true (g_file_set_contents (path, (char *) junk, sizeof junk, NULL));
  assert_refused ("random.valueloop", VL_DOCUMENT_ERROR_NOT_A_PLAN, "not a database");
}

static void
test_refuse_empty (void)
{
  g_autoptr(GFile) file = vl_test_file ("empty.valueloop");
  g_autofree char *path = g_file_get_path (file);

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  assert_refused ("empty.valueloop", VL_DOCUMENT_ERROR_NOT_A_PLAN, "empty");
}

static void
test_refuse_foreign_database (void)
{
  g_autoptr(GFile) file = vl_test_file ("contacts.valueloop");

  vl_test_exec (file, "CREATE TABLE contact (name TEXT, phone TEXT);"
                      "INSERT INTO contact VALUES ('Ada', '555');");
  assert_refused ("contacts.valueloop", VL_DOCUMENT_ERROR_NOT_A_PLAN, "another program");
}

static void
test_refuse_truncated (void)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(VlDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *path = NULL;
  gsize len;

  make_plan ("truncated.valueloop");
  file = g_file_new_build_filename (vl_test_dir (), "truncated.valueloop", NULL);
  doc = vl_document_open (file, VL_DOCUMENT_OPEN_NONE, &error);
  g_assert_no_error (error);
  /* Enough rows to span many pages, then cut the file in half. */
  vl_document_begin (doc, "fill");
  for (guint i = 0; i < 400; i++)
    {
      g_autoptr(VlRecord) b = vl_document_insert (doc, VL_KIND_BACKLOG, NULL, NULL, NULL, &error);
      g_object_set (b, "description", "A fairly long description that fills pages", NULL);
    }
  g_assert_true (vl_document_commit (doc, &error));
  g_clear_object (&doc);
  data = vl_test_read (file, &len);
  path = g_file_get_path (file);
  g_assert_true (g_file_set_contents (path, data, (gssize) (len / 2), NULL));
  assert_refused ("truncated.valueloop", VL_DOCUMENT_ERROR_DAMAGED, "damaged");
}

static void
test_refuse_trigger_and_view (void)
{
  g_autoptr(GFile) file = NULL;

  make_plan ("trigger.valueloop");
  file = g_file_new_build_filename (vl_test_dir (), "trigger.valueloop", NULL);
  vl_test_exec (file, "CREATE TRIGGER evil AFTER INSERT ON item BEGIN DELETE FROM item; END;");
  assert_refused ("trigger.valueloop", VL_DOCUMENT_ERROR_DAMAGED, "trigger");

  make_plan ("view.valueloop");
  g_clear_object (&file);
  file = g_file_new_build_filename (vl_test_dir (), "view.valueloop", NULL);
  vl_test_exec (file, "CREATE VIEW v AS SELECT * FROM item;");
  assert_refused ("view.valueloop", VL_DOCUMENT_ERROR_DAMAGED, "view");

  make_plan ("extra.valueloop");
  g_clear_object (&file);
  file = g_file_new_build_filename (vl_test_dir (), "extra.valueloop", NULL);
  vl_test_exec (file, "CREATE TABLE surprise (x);");
  assert_refused ("extra.valueloop", VL_DOCUMENT_ERROR_DAMAGED, "tables");
}

static void
test_refuse_missing_doc_id (void)
{
  g_autoptr(GFile) file = NULL;

  make_plan ("noid.valueloop");
  file = g_file_new_build_filename (vl_test_dir (), "noid.valueloop", NULL);
  vl_test_exec (file, "DELETE FROM meta WHERE key = 'doc_id';");
  assert_refused ("noid.valueloop", VL_DOCUMENT_ERROR_DAMAGED, "document id");
}

static void
test_missing_file (void)
{
  g_autoptr(GFile) file = vl_test_file ("nowhere.valueloop");
  g_autoptr(GError) error = NULL;

  g_assert_null (vl_document_open (file, VL_DOCUMENT_OPEN_NONE, &error));
  g_assert_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nowhere.valueloop"));
  g_assert_false (g_file_query_exists (file, NULL));
}

/* A file from a newer Valueloop opens read-only, says so, refuses writes
 * and is never rewritten. */
static void
test_newer_schema_read_only (void)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(VlDocument) doc = NULL;
  g_autoptr(VlRecord) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gsize len_before, len_after;
  g_autofree char *sql = g_strdup_printf ("CREATE TABLE future (x); PRAGMA user_version = %d;",
                                          VL_SCHEMA_VERSION + 1);

  make_plan ("newer.valueloop");
  file = g_file_new_build_filename (vl_test_dir (), "newer.valueloop", NULL);
  vl_test_exec (file, sql);
  before = vl_test_read (file, &len_before);

  doc = vl_document_open (file, VL_DOCUMENT_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (vl_document_get_read_only (doc));
  g_assert_nonnull (strstr (vl_document_get_read_only_reason (doc), "newer version"));
  g_assert_nonnull (strstr (vl_document_get_read_only_reason (doc), "newer.valueloop"));
  g_assert_cmpint (vl_document_get_schema_version (doc), ==, VL_SCHEMA_VERSION + 1);

  item = vl_document_insert (doc, VL_KIND_BACKLOG, NULL, NULL, NULL, &error);
  g_assert_null (item);
  g_assert_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (vl_document_set_title (doc, "changed", &error));
  g_assert_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_READ_ONLY);
  g_clear_object (&doc);

  after = vl_test_read (file, &len_after);
  g_assert_cmpmem (before, len_before, after, len_after);
}

/* Every earlier format has a fixture (an SQL dump made by that version);
 * each must open, migrate to the current format and keep its data. */
static void
test_migrate_fixtures (void)
{
  for (int v = 1; v < VL_SCHEMA_VERSION; v++)
    {
      g_autofree char *name = g_strdup_printf ("schema-v%d.sql", v);
      g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
      g_autofree char *sql = NULL;
      g_autofree char *target = g_strdup_printf ("fixture-v%d.valueloop", v);
      g_autoptr(GFile) file = vl_test_file (target);
      g_autoptr(VlDocument) doc = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) items = NULL;
      g_autoptr(VlRecord) first = NULL;

      g_assert_true (g_file_get_contents (fixture, &sql, NULL, NULL));
      vl_test_exec (file, sql);

      /* Read-only (the CLI's list), an older plan reads in full and its
       * file stays in its own format. */
      {
        g_autoptr(VlDocument) ro = vl_document_open (file, VL_DOCUMENT_OPEN_READ_ONLY, &error);
        g_autoptr(GListModel) ro_items = NULL;
        g_autoptr(VlRecord) ro_first = NULL;

        g_assert_no_error (error);
        ro_items = vl_document_list (ro, VL_KIND_ITEM, NULL, NULL);
        ro_first = g_list_model_get_item (ro_items, 0);
        g_assert_cmpstr (vl_record_get_title (ro_first), ==, "One-click reorder");
        g_assert_cmpint (vl_document_get_schema_version (ro), ==, v);
        g_assert_cmpint (vl_test_query_int (file, "PRAGMA user_version"), ==, v);
      }
      doc = vl_document_open (file, VL_DOCUMENT_OPEN_NONE, &error);
      g_assert_no_error (error);
      g_assert_cmpint (vl_document_get_schema_version (doc), ==, VL_SCHEMA_VERSION);
      g_assert_cmpstr (vl_document_get_title (doc), ==, "Fixture plan");
      g_assert_cmpuint (vl_document_count (doc, VL_KIND_ITEM), ==, 3);
      items = vl_document_list (doc, VL_KIND_ITEM, NULL, NULL);
      first = g_list_model_get_item (items, 0);
      g_assert_cmpstr (vl_record_get_title (first), ==, "One-click reorder");

      /* The migrated plan takes stamped edits (v2 added base stamps), and
       * the shared file reaches the current format when published. */
      g_object_set (first, "title", "One-click reorder from email", NULL);
      g_assert_true (vl_document_publish (doc, &error));
      g_assert_cmpint (vl_test_query_int (file, "PRAGMA user_version"), ==, VL_SCHEMA_VERSION);
      g_assert_cmpint (vl_test_query_int (file, "SELECT count(*) FROM field_clock "
                                                "WHERE base_hlc > 0 AND kind = 7 AND row = 1"), ==, 1);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/create-and-reopen", test_create_and_reopen);
  g_test_add_func ("/store/refuse/random-bytes", test_refuse_random_bytes);
  g_test_add_func ("/store/refuse/empty", test_refuse_empty);
  g_test_add_func ("/store/refuse/foreign-database", test_refuse_foreign_database);
  g_test_add_func ("/store/refuse/truncated", test_refuse_truncated);
  g_test_add_func ("/store/refuse/trigger-view-table", test_refuse_trigger_and_view);
  g_test_add_func ("/store/refuse/no-doc-id", test_refuse_missing_doc_id);
  g_test_add_func ("/store/missing-file", test_missing_file);
  g_test_add_func ("/store/newer-schema-read-only", test_newer_schema_read_only);
  g_test_add_func ("/store/migrate/fixtures", test_migrate_fixtures);
  return g_test_run ();
}
