/* test-sample.c — the sample plan has what DESIGN and the docs promise
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "vl-enums.h"
#include "vl-sample.h"
#include "vl-test-util.h"

static void
test_sample_coverage (void)
{
  g_autoptr(GFile) file = vl_test_file ("sample.valueloop");
  g_autoptr(GError) error = NULL;
  g_autoptr(VlDocument) doc = vl_document_create (file, "", &error);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  guint statuses[7] = { 0 }, moscow[5] = { 0 }, aarrr[6] = { 0 };
  guint upstream = 0, overdue = 0, verdicts = 0, platform = 0, levels[3] = { 0 };

  g_assert_true (vl_sample_fill (doc, &error));
  g_assert_no_error (error);
  g_assert_true (vl_document_can_undo (doc)); /* one undoable action */

  items = vl_document_list (doc, VL_KIND_ITEM, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (items), >=, 150);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(VlRecord) item = g_list_model_get_item (items, i);
      g_autoptr(VlRecord) backlog = vl_record_dup_ref (item, "backlog");
      const char *due = vl_record_get_string (item, "review-due");
      gint64 status = vl_record_get_int (item, "status");

      statuses[status]++;
      moscow[vl_record_get_int (item, "moscow")]++;
      aarrr[vl_record_get_int (item, "aarrr")]++;
      upstream += vl_record_get_ref_id (item, "upstream") != 0;
      platform += vl_record_get_int (backlog, "kind") == VL_BACKLOG_KIND_PLATFORM;
      if (status == VL_STATUS_LAUNCHED && due != NULL && strcmp (due, today) < 0)
        overdue++;
      if (status == VL_STATUS_REVIEWED)
        {
          g_assert_cmpint (vl_record_get_int (item, "verdict"), !=, VL_VERDICT_NONE);
          verdicts++;
        }
      if (status >= VL_STATUS_LAUNCHED && status != VL_STATUS_DROPPED)
        {
          g_assert_nonnull (vl_record_get_string (item, "launch-date"));
          g_assert_nonnull (due);
        }
    }
  for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
    g_assert_cmpuint (statuses[s], >, 0);
  for (guint m = 1; m < G_N_ELEMENTS (moscow); m++)
    g_assert_cmpuint (moscow[m], >, 0);
  for (guint a = 1; a < G_N_ELEMENTS (aarrr); a++)
    g_assert_cmpuint (aarrr[a], >, 0);
  g_assert_cmpuint (upstream, >=, 10);
  g_assert_cmpuint (platform, >=, 30);
  g_assert_cmpuint (overdue, >, 0);
  g_assert_cmpuint (verdicts, >, 10);

  {
    g_autoptr(GListModel) objectives = vl_document_list (doc, VL_KIND_OBJECTIVE, NULL, NULL);

    for (guint i = 0; i < g_list_model_get_n_items (objectives); i++)
      {
        g_autoptr(VlRecord) o = g_list_model_get_item (objectives, i);

        levels[vl_record_get_int (o, "level")]++;
      }
    for (guint l = 0; l < 3; l++)
      g_assert_cmpuint (levels[l], >, 0);
  }
  g_assert_cmpuint (vl_document_count (doc, VL_KIND_BACKLOG), ==, 4);
  g_assert_cmpuint (vl_document_count (doc, VL_KIND_VALUE_LOOP), ==, 2);
  g_assert_cmpuint (vl_document_count (doc, VL_KIND_MAP), ==, 2);
  g_assert_cmpuint (vl_document_count (doc, VL_KIND_CHECKIN), >, 50);
  g_assert_cmpuint (vl_document_count (doc, VL_KIND_MAP_CARD), >, 10);
  g_assert_cmpuint (vl_document_count (doc, VL_KIND_TRANSITION), >, 150);

  /* The history is dated in the past, but no stamp lies in the future:
   * a later edit on any device must win by time. */
  {
    g_autoptr(GFile) store = g_file_new_for_path (vl_document_get_store_path (doc));
    gint64 max = 0;

    for (guint k = 0; k < VL_N_KINDS; k++)
      {
        g_autofree char *sql = g_strdup_printf ("SELECT ifnull (max (hlc), 0) FROM %s",
                                                vl_kind_info (k)->name);

        max = MAX (max, vl_test_query_int (store, sql));
      }
    g_assert_cmpint (max >> 16, <=, g_get_real_time () / 1000 + 1000);
  }
}

/* Every field in the tables is a column of the current schema, with the
 * same count, so the tables and the migrations cannot drift apart. */
static void
test_schema_matches_tables (void)
{
  g_autoptr(GFile) file = vl_test_file ("schema.valueloop");
  g_autoptr(VlDocument) doc = vl_document_create (file, "", NULL);

  for (guint k = 0; k < VL_N_KINDS; k++)
    {
      const VlKindInfo *info = vl_kind_info (k);
      g_autofree char *count = g_strdup_printf ("SELECT count(*) FROM pragma_table_info('%s')",
                                                info->name);

      /* id, uuid, hlc, site, deleted + the fields */
      g_assert_cmpint (vl_test_query_int (file, count), ==, 5 + info->n_fields);
      for (guint i = 0; i < info->n_fields; i++)
        {
          g_autofree char *has = g_strdup_printf ("SELECT count(*) FROM pragma_table_info('%s') "
                                                  "WHERE name = '%s'", info->name,
                                                  info->fields[i].column);

          g_assert_cmpint (vl_test_query_int (file, has), ==, 1);
        }
      /* Registers are numbered without gaps (each is written by some
       * field), and a placement's parent and rank are one register. */
      for (guint reg = 1; reg < info->n_regs; reg++)
        {
          gboolean written = FALSE;

          for (guint j = 0; j < info->n_fields; j++)
            written |= info->fields[j].reg == reg;
          g_assert_true (written);
        }
      if (info->parent >= 0)
        g_assert_cmpuint (info->fields[info->parent].reg, ==, info->fields[info->rank].reg);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sample/coverage", test_sample_coverage);
  g_test_add_func ("/schema/matches-tables", test_schema_matches_tables);
  return g_test_run ();
}
