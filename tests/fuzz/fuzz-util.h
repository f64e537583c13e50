/* fuzz-util.h — what the fuzz targets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>

#include "vl-document.h"

/* A scratch directory for the whole run (XDG_DATA_HOME too, where the
 * working copies go). */
static inline const char *
fuzz_dir (void)
{
  static char *dir;

  if (dir == NULL)
    {
      dir = g_dir_make_tmp ("vl-fuzz-XXXXXX", NULL);
      g_assert (dir != NULL);
      g_setenv ("XDG_DATA_HOME", dir, TRUE);
      g_log_set_always_fatal (G_LOG_FATAL_MASK);
      g_log_set_handler (NULL, G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE, g_log_default_handler, NULL);
    }
  return dir;
}

static inline char *
fuzz_path (const char *name)
{
  return g_build_filename (fuzz_dir (), name, NULL);
}

static inline VlDocument *
fuzz_new_plan (const char *name)
{
  g_autofree char *base = g_strconcat (name, ".valueloop", NULL);
  g_autofree char *path = fuzz_path (base);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  VlDocument *doc;

  g_unlink (path);
  doc = vl_document_create (file, "Fuzz", &error);
  g_assert_no_error (error);
  return doc;
}
