/* cli-map.c — valueloop-cli export-map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "vl-cli.h"
#include "vl-map.h"
#include "vl-map-export.h"

int
cmd_export_map (int argc, char **argv)
{
  g_autofree char *out = NULL, *paper = NULL;
  gboolean steps = FALSE;
  double scale = 1;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The file to write: .png, .svg or .pdf"), N_("FILE") },
    { "steps", 0, 0, G_OPTION_ARG_NONE, &steps, N_("PDF: the projector’s steps, one a page (a handout)"), NULL },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, N_("PNG: 1 or 2 pixels a point (default 1)"), N_("N") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper,
      N_("PDF: a4 or letter pages to print, rather than one page the map’s size"), N_("PAPER") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(VlDocument) doc = NULL;
  g_autoptr(VlRecord) map = NULL;
  g_autoptr(GFile) file = NULL;
  VlMapExportOptions options = { 0 };
  GError *error = NULL;
  guint n_pages = 0;
  int status;

  ctx = cli_parse (cli_find_command ("export-map"), entries, &argc, &argv, 2, &status);
  if (status != 0)
    return status;
  if (out == NULL)
    return cli_usage (ctx, _("Say where to write the map with -o FILE (.png, .svg or .pdf)"));
  if (!vl_map_export_format_for_name (out, &options.format))
    return cli_usage (ctx, _("The output file must end in .png, .svg or .pdf"));
  if (scale != 1 && scale != 2)
    return cli_usage (ctx, _("--scale is 1 or 2"));
  if (scale != 1 && options.format != VL_MAP_EXPORT_PNG)
    return cli_usage (ctx, _("--scale is for PNG pictures"));
  if ((steps || paper != NULL) && options.format != VL_MAP_EXPORT_PDF)
    return cli_usage (ctx, _("--steps and --paper are for PDF files"));
  if (paper != NULL && g_ascii_strcasecmp (paper, "a4") != 0 && g_ascii_strcasecmp (paper, "letter") != 0)
    return cli_usage (ctx, _("--paper is a4 or letter"));
  options.scale = scale;
  options.steps = steps;
  options.paper = paper == NULL ? VL_PAPER_NONE
                  : g_ascii_strcasecmp (paper, "letter") == 0 ? VL_PAPER_LETTER : VL_PAPER_A4;
  doc = cli_open_plan (argv[1], FALSE, &error);
  if (doc == NULL)
    return cli_fail (error);
  map = cli_find_map (doc, argv[1], argv[2]);
  if (map == NULL)
    return EXIT_BAD_INPUT;
  file = g_file_new_for_commandline_arg (out);
  if (!vl_map_export (map, file, &options, &n_pages, &error))
    return cli_fail (error);
  if (options.format != VL_MAP_EXPORT_PDF)
    g_print (_("Wrote %s\n"), out);
  else if (steps)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u step, one a page\n", "%s: %u steps, one a page\n", n_pages),
             out, n_pages);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u page\n", "%s: %u pages\n", n_pages), out, n_pages);
  return 0;
}
