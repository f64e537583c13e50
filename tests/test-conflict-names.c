/* test-conflict-names.c — conflict copy and temp file names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "vl-conflict-names.h"

static void
test_conflict_names (void)
{
  const char *hosts[] = { "LAPTOP-MIA", "desk", NULL };
  const char *yes[] = {
    "plan.sync-conflict-20261125-093012-ABCD123.valueloop",
    "plan (conflicted copy 2026-11-25 093012).valueloop",
    "plan (Mia's conflicted copy 2026-11-25).valueloop",
    "plan (SFConflict mia@example.com 2026-11-25-09-30-12).valueloop",
    "plan-LAPTOP-MIA.valueloop",
    "plan-desk-safeBackup-0001.valueloop",
  };
  const char *no[] = {
    "plan.valueloop",
    "plan copy.valueloop",
    "plan (1).valueloop",
    "planning.sync-conflict-20261125-093012-ABCD123.valueloop",
    "plan.sync-conflict-20261125-093012-ABCD123.valueloop.tmp",
    "plan.sync-conflict-2026-093012-ABCD123.valueloop",
    "plan-UNKNOWN.valueloop",           /* OneDrive: only recorded devices */
    "other (conflicted copy 2026-11-25 093012).valueloop",
    "plan (conflicted copy 2026-11-25 093012).json",
  };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    g_assert_true (vl_conflict_name_matches ("plan.valueloop", yes[i], hosts));
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    g_assert_false (vl_conflict_name_matches ("plan.valueloop", no[i], hosts));
  /* Names with regex characters are taken literally. */
  g_assert_true (vl_conflict_name_matches ("Q3 (draft).valueloop",
                                           "Q3 (draft).sync-conflict-20261125-093012-ABCD123.valueloop",
                                           NULL));
  g_assert_false (vl_conflict_name_matches ("Q3 (draft).valueloop",
                                            "Q3 XdraftX.sync-conflict-20261125-093012-ABCD123.valueloop",
                                            NULL));
}

static void
test_temp_names (void)
{
  g_assert_true (vl_is_sync_temp_name (".syncthing.plan.valueloop.tmp"));
  g_assert_true (vl_is_sync_temp_name ("~syncthing~plan.valueloop.tmp"));
  g_assert_true (vl_is_sync_temp_name ("~$plan.valueloop.1234.tmp"));
  g_assert_true (vl_is_sync_temp_name (".~lock.plan.valueloop#"));
  g_assert_true (vl_is_sync_temp_name ("plan.valueloop.part"));
  g_assert_false (vl_is_sync_temp_name ("plan.valueloop"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/conflict-names/copies", test_conflict_names);
  g_test_add_func ("/conflict-names/temp-files", test_temp_names);
  return g_test_run ();
}
