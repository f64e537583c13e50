/* test-json.c — whole-document JSON export and import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "vl-json.h"
#include "vl-sample.h"
#include "vl-test-util.h"

static VlDocument *
sample_doc (const char *name)
{
  g_autoptr(GFile) file = vl_test_file (name);
  g_autoptr(GError) error = NULL;
  VlDocument *doc = vl_document_create (file, "", &error);

  g_assert_no_error (error);
  g_assert_true (vl_sample_fill (doc, &error));
  g_assert_no_error (error);
  return doc;
}

/* Export → import into a new file → export is identical, and the import
 * is a working plan with the same ids, counts and edit stamps. */
static void
test_round_trip (void)
{
  g_autoptr(VlDocument) doc = sample_doc ("json-a.valueloop");
  g_autoptr(VlRecord) item = vl_document_find (doc, VL_KIND_ITEM, "Guest checkout without account creation");
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *second = NULL;
  g_autofree char *json_path = g_build_filename (vl_test_dir (), "a.json", NULL);
  g_autoptr(GFile) json = g_file_new_for_path (json_path);
  g_autoptr(GFile) target = vl_test_file ("json-b.valueloop");
  g_autoptr(VlDocument) copy = NULL;

  /* An edit after creation, so the export carries a field stamp. */
  g_object_set (item, "cost", 13.0, NULL);
  g_assert_true (vl_document_set_wip_limit (doc, VL_STATUS_PLANNED, 7, &error));
  first = vl_json_export (doc, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (first, "\"clock\""));
  g_assert_true (g_file_set_contents (json_path, first, -1, NULL));

  g_assert_true (vl_json_import_file (json, target, &error));
  g_assert_no_error (error);
  /* The same plan (same doc id) at another path is a copy: read-only. */
  copy = vl_document_open (target, VL_DOCUMENT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vl_document_get_doc_id (copy), ==, vl_document_get_doc_id (doc));
  for (guint k = 0; k < VL_N_KINDS; k++)
    g_assert_cmpuint (vl_document_count (copy, k), ==, vl_document_count (doc, k));
  g_assert_cmpuint (vl_document_get_wip_limit (copy, VL_STATUS_PLANNED), ==, 7);
  second = vl_json_export (copy, &error);
  g_assert_cmpstr (first, ==, second);
}

static void
assert_import_fails (const char *json_text,
                     const char *reason)
{
  g_autofree char *json_path = g_build_filename (vl_test_dir (), "bad.json", NULL);
  g_autoptr(GFile) json = g_file_new_for_path (json_path);
  g_autoptr(GFile) target = vl_test_file ("bad-import.valueloop");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileEnumerator) e = NULL;
  g_autoptr(GFile) dir = g_file_get_parent (target);
  GFileInfo *info;

  g_assert_true (g_file_set_contents (json_path, json_text, -1, NULL));
  g_assert_false (vl_json_import_file (json, target, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "bad.json"));
  g_assert_nonnull (strstr (error->message, reason));
  /* Nothing is left behind: no target, no temporary file. */
  g_assert_false (g_file_query_exists (target, NULL));
  e = g_file_enumerate_children (dir, "standard::name", 0, NULL, NULL);
  while ((info = g_file_enumerator_next_file (e, NULL, NULL)) != NULL)
    {
      g_assert_false (g_str_has_suffix (g_file_info_get_name (info), ".tmp"));
      g_object_unref (info);
    }
}

static void
test_import_refuses_bad_input (void)
{
  g_autoptr(VlDocument) doc = sample_doc ("json-c.valueloop");
  g_autofree char *good = vl_json_export (doc, NULL);
  g_autofree char *bad_enum = NULL, *bad_date = NULL, *newer = NULL, *dangling = NULL;
  g_autofree char *bad_limit = NULL, *bad_status = NULL;
  GRegex *re;

  assert_import_fails ("{ not json", "Could not read");
  assert_import_fails ("{\"format\": \"other\"}", "not a Valueloop export");

  bad_enum = g_strdup (good);
  memcpy (strstr (bad_enum, "\"status\" : \"") + 12, "xx", 2);
  assert_import_fails (bad_enum, "status");

  re = g_regex_new ("\"launch-date\" : \"\\d{4}-\\d\\d-\\d\\d\"", 0, 0, NULL);
  bad_date = g_regex_replace_literal (re, good, -1, 0, "\"launch-date\" : \"2026-02-31\"",
                                      G_REGEX_MATCH_NOTEMPTY, NULL);
  g_regex_unref (re);
  assert_import_fails (bad_date, "launch-date");

  re = g_regex_new ("\"version\" : \\d+", 0, 0, NULL);
  newer = g_regex_replace_literal (re, good, -1, 0, "\"version\" : 99", 0, NULL);
  g_regex_unref (re);
  assert_import_fails (newer, "newer version");

  re = g_regex_new ("\"backlog\" : \"[0-9a-f-]{36}\"", 0, 0, NULL);
  dangling = g_regex_replace_literal (re, good, -1, 0,
                                      "\"backlog\" : \"00000000-0000-4000-8000-000000000000\"",
                                      0, NULL);
  g_regex_unref (re);
  assert_import_fails (dangling, "not in the file");

  re = g_regex_new ("\"wip-limits\" : \\{[^}]*\\}", 0, 0, NULL);
  bad_limit = g_regex_replace_literal (re, good, -1, 0, "\"wip-limits\" : { \"3\" : [ -4, [ 0, \"\" ] ] }",
                                       0, NULL);
  bad_status = g_regex_replace_literal (re, good, -1, 0, "\"wip-limits\" : { \"9\" : [ 4, [ 0, \"\" ] ] }",
                                        0, NULL);
  g_regex_unref (re);
  g_assert_cmpstr (bad_limit, !=, good);
  assert_import_fails (bad_limit, "WIP limit must be between 0 and 9999");
  assert_import_fails (bad_status, "not a status");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json/round-trip", test_round_trip);
  g_test_add_func ("/json/import-refuses-bad-input", test_import_refuses_bad_input);
  return g_test_run ();
}
