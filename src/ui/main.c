/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "vl-application.h"

int
main (int argc, char *argv[])
{
  g_autoptr(VlApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* VALUELOOP_LOCALEDIR: the build tree's catalogues (build-aux/dev run) */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("VALUELOOP_LOCALEDIR") ?: LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = vl_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
