/* cli-csv.c — valueloop-cli export-csv and import-csv
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "vl-cli.h"
#include "vl-csv-export.h"
#include "vl-csv-import.h"
#include "vl-labels.h"

int
cmd_export_csv (int argc, char **argv)
{
  g_autofree char *out = NULL, *cycle_name = NULL, *backlog_name = NULL;
  gboolean spreadsheet = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Write to FILE instead of standard output"),
      N_("FILE") },
    { "cycle", 'c', 0, G_OPTION_ARG_STRING, &cycle_name, N_("The cycle to review (default: the current one)"),
      N_("NAME") },
    { "backlog", 'b', 0, G_OPTION_ARG_STRING, &backlog_name, N_("Only this backlog"), N_("NAME") },
    { "spreadsheet", 0, 0, G_OPTION_ARG_NONE, &spreadsheet,
      N_("For a spreadsheet: a BOM, and the locale’s list separator and decimal mark"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(VlDocument) doc = NULL;
  g_autoptr(VlRecord) scope = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  VlCsvFlavour flavour;
  GError *error = NULL;
  VlCsvKind kind;
  int status;

  ctx = cli_parse (cli_find_command ("export-csv"), entries, &argc, &argv, 2, &status);
  if (status != 0)
    return status;
  if (!vl_csv_kind_from_nick (argv[1], &kind))
    return cli_usage (ctx, _("Unknown export: use okr-review, value-review, backlog or portfolio"));
  if (cycle_name != NULL && kind != VL_CSV_OKR_REVIEW)
    return cli_usage (ctx, _("--cycle is for the okr-review export"));
  if (backlog_name != NULL && kind == VL_CSV_OKR_REVIEW)
    return cli_usage (ctx, _("--backlog is not for the okr-review export"));
  doc = cli_open_plan (argv[2], FALSE, &error);
  if (doc == NULL)
    return cli_fail (error);
  if (backlog_name != NULL && (scope = cli_find_backlog (doc, backlog_name, &error)) == NULL)
    return cli_fail (error);
  if (cycle_name != NULL && (scope = vl_document_find (doc, VL_KIND_CYCLE, cycle_name)) == NULL)
    {
      g_set_error (&error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID, _("“%s” has no cycle “%s”"),
                   argv[2], cycle_name);
      return cli_fail (error);
    }
  flavour = spreadsheet ? VL_CSV_SPREADSHEET : VL_CSV_STANDARD;
  if (!vl_csv_export (doc, kind, scope, flavour, NULL, text, &error))
    return cli_fail (error);
  if (out == NULL)
    {
      fwrite (text->str, 1, text->len, stdout);
      return 0;
    }
  if (!g_file_set_contents (out, text->str, (gssize) text->len, &error))
    return cli_fail (error);
  return 0;
}

static void
print_preview (VlCsvImport        *import,
               const VlCsvPreview *preview)
{
  g_print (_("Source: %s\n"), vl_csv_source_label (vl_csv_import_get_source (import)));
  for (guint c = 0; c < vl_csv_import_get_n_columns (import); c++)
    g_print ("  %-28s → %s\n", vl_csv_import_get_header (import, c),
             vl_csv_import_target_label (vl_csv_import_get_target (import, c)));
  for (guint i = 0; i < vl_csv_import_get_n_statuses (import); i++)
    g_print (_("  status %-21s → %s\n"), vl_csv_import_get_status_text (import, i),
             vl_enum_label ("status", (int) vl_csv_import_get_status (import, i, NULL)));
  g_print (_("%u new, %u updated, %u skipped\n"), preview->n_new, preview->n_updated, preview->n_skipped);
  for (guint i = 0; i < preview->notices->len; i++)
    g_print ("%s\n", (char *) g_ptr_array_index (preview->notices, i));
  for (guint i = 0; i < preview->errors->len; i++)
    g_printerr ("%s\n", (char *) g_ptr_array_index (preview->errors, i));
}

int
cmd_import_csv (int argc, char **argv)
{
  g_autofree char *backlog_name = NULL;
  g_auto(GStrv) maps = NULL;
  gboolean dry_run = FALSE;
  const GOptionEntry entries[] = {
    { "backlog", 'b', 0, G_OPTION_ARG_STRING, &backlog_name, N_("The backlog to import into"), N_("NAME") },
    { "map", 'm', 0, G_OPTION_ARG_STRING_ARRAY, &maps,
      N_("Import column HEADER as FIELD (an empty FIELD: not at all)"), N_("HEADER=FIELD") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Show what would be imported; write nothing"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(VlDocument) doc = NULL;
  g_autoptr(VlRecord) backlog = NULL;
  g_autoptr(VlCsvImport) import = NULL;
  g_autoptr(GFile) csv = NULL;
  const VlCsvPreview *preview;
  GError *error = NULL;
  int status;

  ctx = cli_parse (cli_find_command ("import-csv"), entries, &argc, &argv, 2, &status);
  if (status != 0)
    return status;
  csv = g_file_new_for_commandline_arg (argv[1]);
  import = vl_csv_import_new_for_file (csv, &error);
  if (import == NULL)
    return cli_fail (error);
  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (maps[i], "=", 2);

      if (pair[1] == NULL)
        return cli_usage (ctx, _("--map takes HEADER=FIELD"));
      if (!vl_csv_import_map_header (import, pair[0], pair[1], &error))
        return cli_fail (error);
    }
  doc = cli_open_plan (argv[2], !dry_run, &error);
  if (doc == NULL)
    return cli_fail (error);
  /* A plan without a backlog gets its first from the import. */
  if ((backlog_name != NULL || vl_document_count (doc, VL_KIND_BACKLOG) > 0) &&
      (backlog = cli_find_backlog (doc, backlog_name, &error)) == NULL)
    return cli_fail (error);
  preview = vl_csv_import_preview (import, doc, backlog);
  print_preview (import, preview);
  if (preview->errors->len > 0)
    {
      g_printerr (_("Nothing was imported.\n"));
      return 1;
    }
  if (dry_run)
    return 0;
  if (!vl_csv_import_apply (import, doc, backlog, &error))
    return cli_fail (error);
  return 0;
}

