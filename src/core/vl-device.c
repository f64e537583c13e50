/* vl-device.c
 *
 * Each device (really: each user data directory, so two devices can be
 * simulated on one machine with two XDG_DATA_HOMEs) has a random site id,
 * kept in $XDG_DATA_HOME/valueloop/device-id. Stamps carry it so that
 * concurrent writes order deterministically.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-device"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "vl-device.h"

char *
vl_device_get_id (const char *data_dir,
                  GError    **error)
{
  g_autofree char *dir = g_build_filename (data_dir ? data_dir : g_get_user_data_dir (),
                                           "valueloop", NULL);
  g_autofree char *path = g_build_filename (dir, "device-id", NULL);
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;

  if (g_file_get_contents (path, &text, NULL, NULL))
    {
      g_strstrip (text);
      if (g_uuid_string_is_valid (text))
        return g_steal_pointer (&text);
      g_warning ("Ignoring the damaged device id in %s", path);
    }
  id = g_uuid_string_random ();
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not create “%s”: %s"), dir, g_strerror (saved));
      return NULL;
    }
  if (!g_file_set_contents (path, id, -1, error))
    return NULL;
  return g_steal_pointer (&id);
}
