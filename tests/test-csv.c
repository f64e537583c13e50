/* test-csv.c — CSV writer and reader, exports, and backlog import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "vl-csv-export.h"
#include "vl-csv-import.h"
#include "vl-sample.h"
#include "vl-test-util.h"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "csv", name, NULL);
}

static VlCsvImport *
load_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  VlCsvImport *import = vl_csv_import_new_for_file (file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  return import;
}

/* The items of the plan's first backlog, in rank order. */
static GListModel *
first_backlog_items (VlDocument *doc)
{
  g_autoptr(GListModel) backlogs = vl_document_list (doc, VL_KIND_BACKLOG, NULL, NULL);
  g_autoptr(VlRecord) backlog = g_list_model_get_item (backlogs, 0);

  g_assert_nonnull (backlog);
  return vl_document_list (doc, VL_KIND_ITEM, "backlog", backlog);
}

static VlRecord *
item_at (GListModel *items,
         guint       i)
{
  VlRecord *item = g_list_model_get_item (items, i);

  g_assert_nonnull (item);
  return item;
}

static void
assert_field (VlRecord   *record,
              const char *field,
              const char *expected)
{
  g_autofree char *text = vl_record_format_field (record, field);

  g_assert_cmpstr (text, ==, expected);
}

/* ---- writer -------------------------------------------------------------- */

static void
test_write_standard (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  VlCsvWriter w;

  vl_csv_writer_init (&w, VL_CSV_STANDARD, ",", out);
  vl_csv_text (&w, "plain");
  vl_csv_text (&w, "a, b");
  vl_csv_text (&w, "say \"hi\"");
  vl_csv_text (&w, "two\nlines");
  vl_csv_empty (&w);
  vl_csv_end_row (&w);
  vl_csv_text (&w, "=1+1");
  vl_csv_text (&w, "-5");
  vl_csv_text (&w, "@SUM(A1)");
  vl_csv_text (&w, "+x, y");
  vl_csv_text (&w, "\tindent");
  vl_csv_end_row (&w);
  vl_csv_number (&w, -5);
  vl_csv_number (&w, 2.5);
  vl_csv_number (&w, 0.1 + 0.2);
  vl_csv_number (&w, NAN);
  vl_csv_int (&w, -1234567);
  vl_csv_text (&w, "中文 🚀");
  vl_csv_end_row (&w);
  g_assert_cmpstr (out->str, ==,
                   "plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n"
                   "'=1+1,'-5,'@SUM(A1),\"'+x, y\",'\tindent\r\n"
                   "-5,2.5,0.3,,-1234567,中文 🚀\r\n");
}

static void
test_write_spreadsheet (void)
{
  g_autoptr(GString) comma = g_string_new (NULL);
  g_autoptr(GString) point = g_string_new (NULL);
  VlCsvWriter w;

  /* A decimal-comma locale: BOM, semicolons, decimal commas. */
  vl_csv_writer_init (&w, VL_CSV_SPREADSHEET, ",", comma);
  vl_csv_text (&w, "a;b");
  vl_csv_text (&w, "a,b");
  vl_csv_number (&w, 2.25);
  vl_csv_number (&w, 7);
  vl_csv_end_row (&w);
  g_assert_cmpstr (comma->str, ==, "\xEF\xBB\xBF\"a;b\";a,b;2,25;7\r\n");
  g_assert_null (strstr (comma->str, "sep="));

  /* A decimal-point locale keeps commas, with the BOM. */
  vl_csv_writer_init (&w, VL_CSV_SPREADSHEET, ".", point);
  vl_csv_number (&w, 2.25);
  vl_csv_text (&w, "x");
  vl_csv_end_row (&w);
  g_assert_cmpstr (point->str, ==, "\xEF\xBB\xBF" "2.25,x\r\n");
}

/* ---- reader -------------------------------------------------------------- */

static VlCsvTable *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  VlCsvTable *t = vl_csv_parse (text, strlen (text), "test.csv", &error);

  g_assert_no_error (error);
  return t;
}

static const char *
cell (VlCsvTable *t,
      guint       row,
      guint       column)
{
  VlCsvRow *r = g_ptr_array_index (t->rows, row);

  g_assert_cmpuint (column, <, r->n_cells);
  return r->cells[column];
}

static void
test_read_edges (void)
{
  g_autoptr(VlCsvTable) bom = parse_ok ("\xEF\xBB\xBFTitle;Cost\r\n\"a;b\";2,5\r\n");
  g_autoptr(VlCsvTable) cr = parse_ok ("A,B\rone,\"two\rlines\"\rthree,four");
  g_autoptr(VlCsvTable) lf = parse_ok ("A,B\n\n\"say \"\"hi\"\"\",\"x\r\ny\"\n");
  g_autoptr(VlCsvTable) tab = parse_ok ("A\tB\tC\n1\t2,3\t4\n");

  g_assert_true (bom->had_bom);
  g_assert_cmpint (bom->separator, ==, ';');
  g_assert_cmpstr (bom->header->cells[0], ==, "Title");
  g_assert_cmpstr (cell (bom, 0, 0), ==, "a;b");
  g_assert_cmpstr (cell (bom, 0, 1), ==, "2,5");

  g_assert_cmpuint (cr->rows->len, ==, 2);
  g_assert_cmpstr (cell (cr, 0, 1), ==, "two\rlines");
  g_assert_cmpuint (((VlCsvRow *) g_ptr_array_index (cr->rows, 1))->line, ==, 4);
  g_assert_cmpstr (cell (cr, 1, 1), ==, "four");

  /* A blank line is no row; line breaks inside quotes stay as written. */
  g_assert_cmpuint (lf->rows->len, ==, 1);
  g_assert_cmpstr (cell (lf, 0, 0), ==, "say \"hi\"");
  g_assert_cmpstr (cell (lf, 0, 1), ==, "x\r\ny");
  g_assert_cmpuint (((VlCsvRow *) g_ptr_array_index (lf->rows, 0))->line, ==, 3);

  g_assert_cmpint (tab->separator, ==, '\t');
  g_assert_cmpstr (cell (tab, 0, 1), ==, "2,3");
}

static void
test_read_refuses (void)
{
  static const char binary[] = "Title\n\0\1\2";
  g_autoptr(GError) error = NULL;
  VlCsvTable *t;

  t = vl_csv_parse ("A,B\n1,\"open\n2,3\n", 16, "open.csv", &error);
  g_assert_null (t);
  g_assert_error (error, VL_CSV_ERROR, VL_CSV_ERROR_MALFORMED);
  g_assert_cmpstr (error->message, ==, "open.csv, line 2, column 2: a quoted cell is never closed");
  g_clear_error (&error);

  t = vl_csv_parse (binary, sizeof binary - 1, "bin.csv", &error);
  g_assert_null (t);
  g_assert_error (error, VL_CSV_ERROR, VL_CSV_ERROR_NOT_TEXT);
  g_assert_nonnull (strstr (error->message, "bin.csv"));
  g_clear_error (&error);

  t = vl_csv_parse ("\xEF\xBB\xBF\r\n\r\n", 7, "empty.csv", &error);
  g_assert_null (t);
  g_assert_error (error, VL_CSV_ERROR, VL_CSV_ERROR_EMPTY);
}

static void
test_read_windows_1252 (void)
{
  g_autoptr(VlCsvImport) import = load_fixture ("windows-1252.csv");
  g_autoptr(VlDocument) doc = vl_test_new_plan ("cp1252.valueloop");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(VlRecord) item = NULL;
  const VlCsvPreview *p = vl_csv_import_preview (import, doc, NULL);

  g_assert_cmpuint (p->notices->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (p->notices, 0), "Windows-1252"));
  g_assert_true (vl_csv_import_apply (import, doc, NULL, &error));
  g_assert_no_error (error);
  items = first_backlog_items (doc);
  item = item_at (items, 0);
  g_assert_cmpstr (vl_record_get_title (item), ==, "Café menu");
  assert_field (item, "description", "Crème brûlée – 5 €");
}

/* ---- import from other tools ------------------------------------------------ */

typedef struct
{
  const char *file;
  VlCsvSource source;
  const char *titles[6];      /* in the order they land in the backlog */
  const char *statuses[6];
} SourceCase;

static const SourceCase source_cases[] = {
  { "jira-all-fields.csv", VL_CSV_SOURCE_JIRA,
    { "Selected one", "支付宝 and WeChat Pay 💳", "Checkout, one page", "=HYPERLINK(\"http://evil\")", "Drop legacy coupons" },
    { "ready", "launched", "in-progress", "idea", "dropped" } },
  { "jira-current-fields.csv", VL_CSV_SOURCE_JIRA,
    { "Runbook for, incidents", "Pager rotation", "Status page" }, { "idea", "launched", "in-progress" } },
  { "linear.csv", VL_CSV_SOURCE_LINEAR,
    { "Saved carts across devices", "Referral links", "Wishlist sharing", "Old newsletter widget" },
    { "launched", "idea", "in-progress", "dropped" } },
  { "taiga-userstories.csv", VL_CSV_SOURCE_TAIGA,
    { "Bulk product import", "Tax rules per country", "Merchant onboarding wizard", "Store themes gallery" },
    { "idea", "launched", "in-progress", "in-progress" } },
  { "asana.csv", VL_CSV_SOURCE_ASANA,
    { "Holiday campaign landing page", "Newsletter template refresh", "Influencer brief" },
    { "in-progress", "launched", "idea" } },
  { "trello.csv", VL_CSV_SOURCE_TRELLO, { "Gift cards", "Store pickup", "Price alerts" },
    { "in-progress", "idea", "launched" } },
  { "github-projects.tsv", VL_CSV_SOURCE_GITHUB,
    { "Dark mode for the storefront", "Faster search", "Draft: checkout copy" }, { "in-progress", "idea", "launched" } },
  { "plane.csv", VL_CSV_SOURCE_PLANE, { "Store locator", "Reviews with photos", "Abandoned cart email" },
    { "idea", "in-progress", "launched" } },
  { "spreadsheet-zh.csv", VL_CSV_SOURCE_UNKNOWN, { "移动端结账", "会员积分" }, { "in-progress", "idea" } },
  { "jira-zh.csv", VL_CSV_SOURCE_JIRA, { "移动端一键下单", "会员积分兑换", "旧版优惠券下线" },
    { "in-progress", "launched", "idea" } },
  { "cr-only.csv", VL_CSV_SOURCE_UNKNOWN, { "Old Mac line ends", "Quoted\rbreak" }, { "idea", "ready" } },
};

static VlDocument *
import_case (const SourceCase *c,
             VlCsvImport     **import_out)
{
  g_autofree char *name = g_strdup_printf ("src-%s.valueloop", c->file);
  VlDocument *doc = vl_test_new_plan (name);
  VlCsvImport *import = load_fixture (c->file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = NULL;
  const VlCsvPreview *p;
  guint n = 0;

  while (n < G_N_ELEMENTS (c->titles) && c->titles[n] != NULL)
    n++;
  g_assert_cmpint (vl_csv_import_get_source (import), ==, c->source);
  p = vl_csv_import_preview (import, doc, NULL);
  g_assert_cmpuint (p->errors->len, ==, 0);
  g_assert_cmpuint (p->n_new, ==, n);
  g_assert_cmpuint (p->n_updated, ==, 0);
  g_assert_true (vl_csv_import_apply (import, doc, NULL, &error));
  g_assert_no_error (error);
  items = first_backlog_items (doc);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VlRecord) item = item_at (items, i);

      g_assert_cmpstr (vl_record_get_title (item), ==, c->titles[i]);
      assert_field (item, "status", c->statuses[i]);
    }
  *import_out = import;
  return doc;
}

static void
test_import_sources (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (source_cases); k++)
    {
      g_autoptr(VlCsvImport) import = NULL;
      g_autoptr(VlDocument) doc = import_case (&source_cases[k], &import);

      g_test_message ("%s imported", source_cases[k].file);
    }
}

/* The fields each tool's columns become, beyond titles and statuses. */
static void
test_import_jira_fields (void)
{
  g_autoptr(VlCsvImport) import = NULL;
  g_autoptr(VlDocument) doc = import_case (&source_cases[0], &import);
  g_autoptr(GListModel) items = first_backlog_items (doc);
  g_autoptr(VlRecord) checkout = item_at (items, 2);
  g_autoptr(VlRecord) wallets = item_at (items, 1);
  g_autoptr(VlRecord) formula = item_at (items, 3);
  g_autoptr(VlRecord) dropped = item_at (items, 4);
  g_autoptr(VlRecord) sprint = vl_record_dup_ref (checkout, "iteration");

  assert_field (checkout, "source-key", "SHOP-12");
  assert_field (checkout, "moscow", "must");
  assert_field (checkout, "p1", "true");
  assert_field (checkout, "aarrr", "activation");
  assert_field (checkout, "cost", "5");
  assert_field (checkout, "owner", "Mia Hoffmann");
  assert_field (checkout, "description", "Merge shipping and payment.\nKeep \"Pay\" button visible, always.");
  g_assert_nonnull (sprint);
  g_assert_cmpstr (vl_record_get_title (sprint), ==, "Sprint 5");   /* the latest of its sprints */
  assert_field (wallets, "launch-date", "2025-10-15");
  assert_field (wallets, "review-due", "2025-11-14");
  assert_field (wallets, "moscow", "should");
  assert_field (wallets, "aarrr", "revenue");
  assert_field (formula, "moscow", "wont");
  assert_field (dropped, "cost", "2.5");
  assert_field (dropped, "aarrr", "retention");
}

/* Jira in Chinese: its headers, statuses, priorities and month names. */
static void
test_import_jira_chinese (void)
{
  g_autoptr(VlCsvImport) import = NULL;
  g_autoptr(VlDocument) doc = import_case (&source_cases[9], &import);
  g_autoptr(GListModel) items = first_backlog_items (doc);
  g_autoptr(VlRecord) checkout = item_at (items, 0), points = item_at (items, 1), coupons = item_at (items, 2);
  g_autoptr(VlRecord) sprint = vl_record_dup_ref (checkout, "iteration");

  assert_field (checkout, "source-key", "SHOP-31");
  assert_field (checkout, "moscow", "must");
  assert_field (checkout, "p1", "true");
  assert_field (checkout, "owner", "陈静");
  assert_field (checkout, "description", "一页完成下单，\n支持微信支付和支付宝。");
  g_assert_cmpstr (vl_record_get_title (sprint), ==, "冲刺 7");
  assert_field (points, "launch-date", "2025-10-25");
  assert_field (points, "moscow", "could");
  assert_field (coupons, "moscow", "wont");
}

static void
test_import_other_fields (void)
{
  g_autoptr(VlCsvImport) linear_import = NULL, taiga_import = NULL, zh_import = NULL, trello_import = NULL;
  g_autoptr(VlDocument) linear = import_case (&source_cases[2], &linear_import);
  g_autoptr(VlDocument) taiga = import_case (&source_cases[3], &taiga_import);
  g_autoptr(VlDocument) trello = import_case (&source_cases[5], &trello_import);
  g_autoptr(VlDocument) zh = import_case (&source_cases[8], &zh_import);
  g_autoptr(GListModel) l = first_backlog_items (linear);
  g_autoptr(GListModel) t = first_backlog_items (taiga);
  g_autoptr(GListModel) tr = first_backlog_items (trello);
  g_autoptr(GListModel) z = first_backlog_items (zh);
  g_autoptr(VlRecord) carts = item_at (l, 0), tax = item_at (t, 1), wizard = item_at (t, 2);
  g_autoptr(VlRecord) gift = item_at (tr, 0), checkout = item_at (z, 0), points = item_at (z, 1);

  assert_field (carts, "source-key", "ENG-101");
  assert_field (carts, "launch-date", "2025-09-20");
  assert_field (carts, "moscow", "must");
  assert_field (carts, "aarrr", "retention");
  assert_field (carts, "cost", "3");
  assert_field (carts, "description", "Carts follow the shopper.\n\n- sign-in\n- merge");
  assert_field (tax, "source-key", "9");
  assert_field (tax, "launch-date", "2025-10-10");
  assert_field (wizard, "cost", "13");
  assert_field (wizard, "owner", "Ana Costa");
  assert_field (gift, "aarrr", "revenue");
  assert_field (gift, "p1", "true");
  assert_field (checkout, "cost", "2.5");
  assert_field (checkout, "owner", "陈静");
  assert_field (points, "p1", "true");
  assert_field (points, "aarrr", "retention");
}

/* Dates as each tool and language writes them, and what is no date. */
static void
test_import_dates (void)
{
  static const char csv[] =
    "Title,Launch Date\n"
    "a,2025-09-22\nb,2025-09-22T08:00:00.000Z\nc,22/Sep/25 9:26 AM\nd,22/Okt/25\n"
    "e,3/sept./25\nf,\"Sep 22, 2025\"\ng,22.09.2025\nh,25/九月/25 9:26 上午\ni,1/12月/2025\n"
    "j,2025/09/22\nk,29/Feb/24\n";
  static const char *expected[] = {
    "2025-09-22", "2025-09-22", "2025-09-22", "2025-10-22", "2025-09-03", "2025-09-22", "2025-09-22",
    "2025-09-25", "2025-12-01", "2025-09-22", "2024-02-29",
  };
  static const char *bad[] = { "29/Feb/25", "31/Apr/2025", "22/Foo/25", "2025-9-22", "yesterday", "22/09" };
  g_autoptr(VlCsvImport) import = vl_csv_import_new (csv, sizeof csv - 1, "dates.csv", NULL);
  g_autoptr(VlDocument) doc = vl_test_new_plan ("dates.valueloop");
  const VlCsvPreview *p = vl_csv_import_preview (import, doc, NULL);

  g_assert_cmpuint (p->errors->len, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *date = vl_csv_import_dup_value (import, i, "launch-date");

      g_assert_cmpstr (date, ==, expected[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = g_strdup_printf ("Title,Launch Date\nx,\"%s\"\n", bad[i]);
      g_autoptr(VlCsvImport) refused = vl_csv_import_new (text, strlen (text), "bad.csv", NULL);

      p = vl_csv_import_preview (refused, doc, NULL);
      g_assert_cmpuint (p->errors->len, ==, 1);
      g_assert_nonnull (strstr (g_ptr_array_index (p->errors, 0), "line 2, column 2"));
    }
}

/* ---- bad files ----------------------------------------------------------- */

static void
assert_refused (const char *fixture,
                const char *where)
{
  g_autoptr(VlDocument) doc = vl_test_new_plan ("bad.valueloop");
  g_autofree char *path = fixture_path (fixture);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCsvImport) import = vl_csv_import_new_for_file (file, &error);

  if (import != NULL)
    g_assert_false (vl_csv_import_apply (import, doc, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, fixture));
  g_assert_nonnull (strstr (error->message, where));
  g_assert_cmpuint (vl_document_count (doc, VL_KIND_ITEM), ==, 0);
  g_assert_cmpuint (vl_document_count (doc, VL_KIND_BACKLOG), ==, 0);
  g_assert_false (vl_document_can_undo (doc));
}

static void
test_import_refuses (void)
{
  assert_refused ("unclosed-quote.csv", "line 4, column 1");
  assert_refused ("too-many-cells.csv", "line 3, column 3");
  assert_refused ("impossible-date.csv", "line 3, column 3 (Launch Date): “2026-02-30” is not a date");
}

/* 10,000 good rows but one: nothing is imported, the plan is as it was. */
static void
test_import_fails_late (void)
{
  g_autoptr(VlDocument) doc = vl_test_new_plan ("late.valueloop");
  g_autoptr(GString) csv = g_string_new ("Title,Cost,Launch Date\r\n");
  g_autoptr(VlCsvImport) import = NULL;
  g_autoptr(VlRecord) backlog = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gsize len_before = 0, len_after = 0;

  backlog = vl_document_insert (doc, VL_KIND_BACKLOG, NULL, NULL, NULL, &error);
  g_object_set (backlog, "name", "Ops", NULL);
  g_assert_true (vl_document_publish (doc, &error));
  g_assert_true (g_file_load_contents (vl_document_get_file (doc), NULL, &before, &len_before, NULL, NULL));
  for (guint i = 1; i <= 10000; i++)
    g_string_append_printf (csv, "Row %u,%u,%s\r\n", i, i % 13, i == 9999 ? "2026-13-01" : "2026-01-31");
  import = vl_csv_import_new (csv->str, csv->len, "late.csv", &error);
  g_assert_no_error (error);
  g_assert_false (vl_csv_import_apply (import, doc, backlog, &error));
  g_assert_error (error, VL_CSV_ERROR, VL_CSV_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "late.csv, line 10000, column 3"));
  g_assert_cmpuint (vl_document_count (doc, VL_KIND_ITEM), ==, 0);
  g_assert_false (vl_document_get_unpublished (doc));
  g_assert_true (g_file_load_contents (vl_document_get_file (doc), NULL, &after, &len_after, NULL, NULL));
  g_assert_cmpmem (before, len_before, after, len_after);
}

/* ---- importing again ------------------------------------------------------ */

static void
test_import_again_updates (void)
{
  g_autoptr(VlDocument) doc = vl_test_new_plan ("again.valueloop");
  g_autofree char *path = fixture_path ("linear.csv");
  g_autofree char *text = NULL;
  g_autofree char *edited = NULL;
  g_autoptr(VlCsvImport) first = NULL, second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(VlRecord) carts = NULL, moved = NULL, backlog = NULL;
  const VlCsvPreview *p;
  g_auto(GStrv) parts = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  first = vl_csv_import_new (text, strlen (text), "linear.csv", &error);
  g_assert_true (vl_csv_import_apply (first, doc, NULL, &error));
  items = first_backlog_items (doc);
  /* The product owner reorders in Valueloop meanwhile. */
  carts = item_at (items, 0);
  moved = item_at (items, 3);
  backlog = vl_record_dup_ref (carts, "backlog");
  g_assert_true (vl_document_move (doc, moved, backlog, NULL, carts, &error));
  g_clear_object (&moved);

  /* The source renamed an issue and moved another on. */
  parts = g_strsplit (text, "Referral links", -1);
  edited = g_strjoinv ("Referral links with rewards", parts);
  g_strfreev (parts);
  parts = g_strsplit (edited, "\"Share a wishlist; \"\"public\"\" or private\",In Progress", -1);
  g_free (edited);
  edited = g_strjoinv ("\"Share a wishlist; \"\"public\"\" or private\",Done", parts);
  second = vl_csv_import_new (edited, strlen (edited), "linear.csv", &error);
  g_assert_no_error (error);
  p = vl_csv_import_preview (second, doc, backlog);
  g_assert_cmpuint (p->n_new, ==, 0);
  g_assert_cmpuint (p->n_updated, ==, 4);
  g_assert_true (vl_csv_import_apply (second, doc, backlog, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 4);
  moved = item_at (items, 0);
  g_assert_cmpstr (vl_record_get_title (moved), ==, "Old newsletter widget");   /* its place kept */
  g_clear_object (&moved);
  moved = item_at (items, 2);
  g_assert_cmpstr (vl_record_get_title (moved), ==, "Referral links with rewards");
  g_clear_object (&moved);
  moved = item_at (items, 3);
  assert_field (moved, "status", "launched");

  /* One undo step takes the whole re-import back. */
  g_assert_true (vl_document_undo (doc, &error));
  g_clear_object (&moved);
  moved = item_at (items, 2);
  g_assert_cmpstr (vl_record_get_title (moved), ==, "Referral links");
  g_clear_object (&moved);
  moved = item_at (items, 3);
  assert_field (moved, "status", "in-progress");
}

/* ---- round trip ---------------------------------------------------------- */

static void
fill_every_field (VlDocument *doc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) backlog = vl_document_insert (doc, VL_KIND_BACKLOG, NULL, NULL, NULL, &error);
  g_autoptr(VlRecord) loop = vl_document_insert (doc, VL_KIND_VALUE_LOOP, NULL, NULL, NULL, &error);
  g_autoptr(VlRecord) sprint = vl_document_insert (doc, VL_KIND_ITERATION, NULL, NULL, NULL, &error);
  static const char *titles[] = {
    "Plain title", "Comma, \"quotes\" and\nnew lines", "=SUM(A1:A3)", "-minus first", "会员积分 🎁", "@mention",
  };

  g_object_set (backlog, "name", "Backlog", NULL);
  g_object_set (loop, "name", "Win-back loop", NULL);
  g_object_set (sprint, "name", "Week 49, 2026", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(VlRecord) item = vl_document_insert (doc, VL_KIND_ITEM, backlog, NULL, NULL, &error);

      g_object_set (item, "title", titles[i], "description", i % 2 ? "Line one\r\nline two; “curly”" : "",
                    "owner", "陈静", "moscow", (int) (i % 5), "p1", i == 1, "user-value", (int) i * 3,
                    "business-value", 13 - (int) i, "cost", i * 1.5, "aarrr", (int) (i % 6),
                    "metric", "Conversion, %", "baseline", 2.1, "expected", 2.24 + i, "verdict", (int) (i % 4),
                    "review-note", i == 2 ? "+10% lift" : "", NULL);
      if (i % 2 == 0)
        g_object_set (item, "value-loop", loop, "iteration", sprint, "launch-date", "2026-07-28",
                      "review-due", "2026-08-27", "actual", -0.5, NULL);
      g_object_set (item, "status", (int) (i % 7), NULL);
    }
}

static void
test_round_trip (void)
{
  g_autoptr(VlDocument) doc = vl_test_new_plan ("trip-a.valueloop");
  g_autoptr(VlDocument) copy = vl_test_new_plan ("trip-b.valueloop");
  g_autoptr(GString) first = g_string_new (NULL), second = g_string_new (NULL), third = g_string_new (NULL);
  g_autoptr(VlCsvImport) import = NULL, again = NULL;
  g_autoptr(GError) error = NULL;
  const VlCsvPreview *p;

  fill_every_field (doc);
  g_assert_true (vl_csv_export (doc, VL_CSV_BACKLOG, NULL, VL_CSV_STANDARD, NULL, first, &error));
  import = vl_csv_import_new (first->str, first->len, "backlog.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpint (vl_csv_import_get_source (import), ==, VL_CSV_SOURCE_VALUELOOP);
  g_assert_true (vl_csv_import_apply (import, copy, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (vl_csv_export (copy, VL_CSV_BACKLOG, NULL, VL_CSV_STANDARD, NULL, second, &error));
  g_assert_cmpstr (second->str, ==, first->str);

  /* Importing the export into its own plan changes nothing. */
  again = vl_csv_import_new (first->str, first->len, "backlog.csv", &error);
  {
    g_autoptr(GListModel) backlogs = vl_document_list (doc, VL_KIND_BACKLOG, NULL, NULL);
    g_autoptr(VlRecord) backlog = g_list_model_get_item (backlogs, 0);

    p = vl_csv_import_preview (again, doc, backlog);
    g_assert_cmpuint (p->n_new, ==, 0);
    g_assert_cmpuint (p->n_updated, ==, 6);
    g_assert_true (vl_csv_import_apply (again, doc, backlog, &error));
  }
  g_assert_true (vl_csv_export (doc, VL_CSV_BACKLOG, NULL, VL_CSV_STANDARD, NULL, third, &error));
  g_assert_cmpstr (third->str, ==, first->str);
}

/* ---- exports -------------------------------------------------------------- */

static VlDocument *
sample_doc (void)
{
  g_autoptr(VlDocument) doc = vl_test_new_plan ("sample.valueloop");
  g_autoptr(GError) error = NULL;

  g_assert_true (vl_sample_fill (doc, &error));
  return g_steal_pointer (&doc);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; (p = strstr (p, "\r\n")) != NULL; p += 2)
    n++;
  return n;
}

static void
test_exports (void)
{
  g_autoptr(VlDocument) doc = sample_doc ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) okr = g_string_new (NULL), value = g_string_new (NULL);
  g_autoptr(GString) backlog = g_string_new (NULL), portfolio = g_string_new (NULL);
  g_autoptr(VlCsvTable) table = NULL;
  guint n_items = vl_document_count (doc, VL_KIND_ITEM);

  g_assert_true (vl_csv_export (doc, VL_CSV_OKR_REVIEW, NULL, VL_CSV_STANDARD, NULL, okr, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (okr->str, "Cycle,Level,Objective,Owner,Key Result,Kind,Unit,Baseline,Target,"
                                            "Current,Progress (%),Score,Confidence,Last Check-in,Check-in Note\r\n"));
  g_assert_cmpuint (count_lines (okr->str), >, vl_document_count (doc, VL_KIND_KEY_RESULT) / 2);

  g_assert_true (vl_csv_export (doc, VL_CSV_BACKLOG, NULL, VL_CSV_STANDARD, NULL, backlog, &error));
  table = vl_csv_parse (backlog->str, backlog->len, "backlog.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->rows->len, ==, n_items);
  g_clear_pointer (&table, vl_csv_table_free);

  g_assert_true (vl_csv_export (doc, VL_CSV_VALUE_REVIEW, NULL, VL_CSV_SPREADSHEET, ",", value, &error));
  g_assert_true (g_str_has_prefix (value->str, "\xEF\xBB\xBFItem;Backlog;Value Loop;AARRR;"));
  table = vl_csv_parse (value->str, value->len, "value.csv", &error);
  g_assert_no_error (error);
  /* "Guest checkout": baseline 2.1, expected 2.24, actual 2.27 → 121.4 %. */
  for (guint i = 0; i < table->rows->len; i++)
    if (g_str_equal (cell (table, i, 0), "Guest checkout without account creation"))
      {
        g_assert_cmpstr (cell (table, i, 6), ==, "2,1");
        g_assert_cmpstr (cell (table, i, 9), ==, "121,4");
        g_assert_cmpstr (cell (table, i, 13), ==, "Validated");
        g_assert_true (vl_date_is_valid (cell (table, i, 10)));
      }

  g_assert_true (vl_csv_export (doc, VL_CSV_PORTFOLIO, NULL, VL_CSV_STANDARD, NULL, portfolio, &error));
  g_assert_nonnull (strstr (portfolio->str, "\r\nAARRR Stage,Retention,"));
  g_assert_nonnull (strstr (portfolio->str, "\r\nBacklog,Storefront,"));
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/csv/write/standard", test_write_standard);
  g_test_add_func ("/csv/write/spreadsheet", test_write_spreadsheet);
  g_test_add_func ("/csv/read/edges", test_read_edges);
  g_test_add_func ("/csv/read/refuses", test_read_refuses);
  g_test_add_func ("/csv/read/windows-1252", test_read_windows_1252);
  g_test_add_func ("/csv/import/sources", test_import_sources);
  g_test_add_func ("/csv/import/jira-fields", test_import_jira_fields);
  g_test_add_func ("/csv/import/jira-chinese", test_import_jira_chinese);
  g_test_add_func ("/csv/import/other-fields", test_import_other_fields);
  g_test_add_func ("/csv/import/dates", test_import_dates);
  g_test_add_func ("/csv/import/refuses", test_import_refuses);
  g_test_add_func ("/csv/import/fails-late", test_import_fails_late);
  g_test_add_func ("/csv/import/again-updates", test_import_again_updates);
  g_test_add_func ("/csv/round-trip", test_round_trip);
  g_test_add_func ("/csv/exports", test_exports);
  status = g_test_run ();
  vl_test_dir_cleanup ();
  return status;
}
