/* vl-conflict-names.c — recognising conflict copies by name (DESIGN §4.5)
 *
 * For a plan NAME.EXT:
 *   Syncthing  NAME.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.EXT
 *   Nextcloud  NAME (conflicted copy YYYY-MM-DD HHMMSS).EXT
 *   Dropbox    NAME (HOST's conflicted copy YYYY-MM-DD).EXT
 *   Seafile    NAME (SFConflict USER YYYY-MM-DD-HH-MM-SS).EXT
 *   OneDrive   NAME-HOST.EXT and NAME-HOST-safeBackup-NNNN.EXT, where HOST
 *              is a device already recorded in the plan
 * A name only makes a candidate: its content must carry our doc id too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-conflict-names"

#include "config.h"

#include <string.h>

#include "vl-conflict-names.h"

static gboolean
matches (const char *pattern,
         const char *name)
{
  return g_regex_match_simple (pattern, name, G_REGEX_ANCHORED | G_REGEX_DOLLAR_ENDONLY, 0);
}

gboolean
vl_conflict_name_matches (const char        *plan_name,
                          const char        *candidate,
                          const char *const *hosts)
{
  const char *dot = strrchr (plan_name, '.');
  g_autofree char *stem = dot ? g_strndup (plan_name, (gsize) (dot - plan_name)) : g_strdup (plan_name);
  g_autofree char *n = g_regex_escape_string (stem, -1);
  g_autofree char *e = g_regex_escape_string (dot ? dot : "", -1);
  g_autofree char *syncthing = g_strdup_printf ("%s\\.sync-conflict-\\d{8}-\\d{6}-[A-Z0-9]{7}%s$", n, e);
  g_autofree char *copies = g_strdup_printf ("%s \\([^()]*conflicted copy[^()]*\\)%s$", n, e);
  g_autofree char *seafile = g_strdup_printf ("%s \\(SFConflict [^()]*\\)%s$", n, e);

  if (g_strcmp0 (plan_name, candidate) == 0)
    return FALSE;
  if (matches (syncthing, candidate) || matches (copies, candidate) || matches (seafile, candidate))
    return TRUE;
  for (guint i = 0; hosts != NULL && hosts[i] != NULL; i++)
    {
      g_autofree char *h = g_regex_escape_string (hosts[i], -1);
      g_autofree char *onedrive = g_strdup_printf ("%s-%s(-safeBackup-\\d{4})?%s$", n, h, e);

      if (*hosts[i] != '\0' && matches (onedrive, candidate))
        return TRUE;
    }
  return FALSE;
}

/* Files sync tools write while a transfer is under way. */
gboolean
vl_is_sync_temp_name (const char *name)
{
  return g_str_has_prefix (name, ".syncthing.") || g_str_has_prefix (name, "~syncthing~") ||
         g_str_has_prefix (name, ".~") || g_str_has_prefix (name, "~$") ||
         g_str_has_suffix (name, ".tmp") || g_str_has_suffix (name, ".part");
}
