/* valueloop-cli.c — the Valueloop core without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "valueloop-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>

#include "vl-cli.h"
#include "vl-document.h"
#include "vl-enums.h"
#include "vl-json.h"
#include "vl-labels.h"
#include "vl-map.h"
#include "vl-merge.h"
#include "vl-sample.h"

int
cli_fail (GError *error)
{
  g_printerr ("valueloop-cli: %s\n", error->message);
  g_error_free (error);
  return EXIT_BAD_INPUT;
}

int
cli_usage (GOptionContext *context,
       const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  if (message != NULL)
    g_printerr ("valueloop-cli: %s\n\n", message);
  g_printerr ("%s", help);
  return EXIT_USAGE;
}

/* Parses a command's options; on success argv holds the positional
 * arguments and their count must be @n_args. */
GOptionContext *
cli_parse (const Command      *cmd,
       const GOptionEntry *entries,
       int                *argc,
       char             ***argv,
       int                 n_args,
       int                *status)
{
  g_autofree char *param = g_strdup_printf ("%s %s", cmd->name, _(cmd->args));
  GOptionContext *context = g_option_context_new (param);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, _(cmd->summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  *status = 0;
  if (!g_option_context_parse (context, argc, argv, &error))
    *status = cli_usage (context, error->message);
  else if (*argc - 1 != n_args)
    *status = cli_usage (context, _("Wrong number of arguments"));
  return context;
}

VlDocument *
cli_open_plan (const char *path,
           gboolean    writable,
           GError    **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  VlDocument *doc = vl_document_open (file, writable ? VL_DOCUMENT_OPEN_NONE
                                                     : VL_DOCUMENT_OPEN_READ_ONLY, error);

  if (doc != NULL && writable && vl_document_get_read_only (doc))
    {
      g_set_error_literal (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_READ_ONLY,
                           vl_document_get_read_only_reason (doc));
      g_clear_object (&doc);
    }
  return doc;
}

/* ---- info -------------------------------------------------------------- */

static void
print_info (VlDocument *doc)
{
  static const VlKind shown[] = {
    VL_KIND_CYCLE, VL_KIND_OBJECTIVE, VL_KIND_KEY_RESULT, VL_KIND_CHECKIN, VL_KIND_BACKLOG,
    VL_KIND_ITEM, VL_KIND_TRANSITION, VL_KIND_VALUE_LOOP, VL_KIND_ITERATION, VL_KIND_MAP,
    VL_KIND_MAP_NODE, VL_KIND_MAP_CARD, VL_KIND_READING,
  };
  static const char *labels[] = {
    N_("Cycles"), N_("Objectives"), N_("Key results"), N_("Check-ins"), N_("Backlogs"),
    N_("Items"), N_("Status changes"), N_("Value loops"), N_("Iterations"), N_("Maps"),
    N_("Map nodes"), N_("Story cards"), N_("Readings"),
  };
  g_autoptr(GListModel) backlogs = vl_document_list (doc, VL_KIND_BACKLOG, NULL, NULL);

  g_print (_("Plan:      %s\n"), vl_document_get_title (doc));
  g_print (_("Document:  %s\n"), vl_document_get_doc_id (doc));
  g_print (_("Format:    %d\n"), vl_document_get_schema_version (doc));
  if (vl_document_get_schema_version (doc) > VL_SCHEMA_VERSION)
    g_print ("%s\n", vl_document_get_read_only_reason (doc));
  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    g_print ("  %-16s %u\n", _(labels[i]), vl_document_count (doc, shown[i]));
  for (guint i = 0; i < g_list_model_get_n_items (backlogs); i++)
    {
      g_autoptr(VlRecord) b = g_list_model_get_item (backlogs, i);
      g_autoptr(GListModel) items = vl_document_list (doc, VL_KIND_ITEM, "backlog", b);

      g_print (_("  Backlog “%s”: %u items\n"), vl_record_get_title (b),
               g_list_model_get_n_items (items));
    }
}

static int
cmd_info (int argc, char **argv);

/* ---- commands ---------------------------------------------------------- */

static int
cmd_new (int argc, char **argv)
{
  g_autofree char *title = NULL;
  const GOptionEntry entries[] = {
    { "title", 't', 0, G_OPTION_ARG_STRING, &title, N_("The plan’s title"), N_("TITLE") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(VlDocument) doc = NULL;
  GError *error = NULL;
  int status;

  ctx = cli_parse (cli_find_command ("new"), entries, &argc, &argv, 1, &status);
  if (status != 0)
    return status;
  file = g_file_new_for_commandline_arg (argv[1]);
  if (title == NULL)
    {
      g_autofree char *base = g_file_get_basename (file);
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      title = g_steal_pointer (&base);
    }
  doc = vl_document_create (file, title, &error);
  if (doc == NULL)
    return cli_fail (error);
  g_print (_("Created “%s” (%s)\n"), argv[1], vl_document_get_doc_id (doc));
  return 0;
}

/* The sample plan is written in the language of its messages: --lang
 * chooses it (zh_CN, en…) whatever the locale. */
static gboolean
use_language (const char *lang)
{
  const char *messages = setlocale (LC_MESSAGES, NULL);

  g_setenv ("LANGUAGE", lang, TRUE);
  /* gettext reads LANGUAGE only outside the C locale. */
  if (messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX"))
    {
      g_autofree char *utf8 = g_strconcat (lang, ".UTF-8", NULL);

      if (setlocale (LC_MESSAGES, utf8) == NULL && setlocale (LC_MESSAGES, "C.UTF-8") == NULL)
        return g_str_has_prefix (lang, "en");
      setlocale (LC_CTYPE, setlocale (LC_MESSAGES, NULL));   /* and say it in UTF-8 */
    }
  textdomain (GETTEXT_PACKAGE);   /* (drops gettext's cache of the old choice) */
  return TRUE;
}

static int
cmd_demo (int argc, char **argv)
{
  g_autofree char *lang = NULL;
  const GOptionEntry entries[] = {
    { "lang", 'l', 0, G_OPTION_ARG_STRING, &lang,
      N_("The sample’s language, such as zh_CN or en (default: the locale’s)"), N_("LANG") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(VlDocument) doc = NULL;
  GError *error = NULL;
  int status;

  ctx = cli_parse (cli_find_command ("demo"), entries, &argc, &argv, 1, &status);
  if (status != 0)
    return status;
  if (lang != NULL && !use_language (lang))
    {
      g_autofree char *message = g_strdup_printf (_("No “%s” locale on this system to write the sample in"), lang);

      return cli_usage (ctx, message);
    }
  file = g_file_new_for_commandline_arg (argv[1]);
  doc = vl_document_create (file, "", &error);
  if (doc == NULL)
    return cli_fail (error);
  if (!vl_sample_fill (doc, &error))
    {
      g_clear_object (&doc);
      g_file_delete (file, NULL, NULL); /* we created it: leave nothing behind */
      return cli_fail (error);
    }
  print_info (doc);
  return 0;
}

static int
cmd_info (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(VlDocument) doc = NULL;
  GError *error = NULL;
  int status;

  ctx = cli_parse (cli_find_command ("info"), NULL, &argc, &argv, 1, &status);
  if (status != 0)
    return status;
  doc = cli_open_plan (argv[1], FALSE, &error);
  if (doc == NULL)
    return cli_fail (error);
  print_info (doc);
  return 0;
}

VlRecord *
cli_find_backlog (VlDocument *doc,
              const char *name,
              GError    **error)
{
  VlRecord *b;
  g_autoptr(GListModel) all = NULL;

  if (name != NULL)
    {
      b = vl_document_find (doc, VL_KIND_BACKLOG, name);
      if (b == NULL)
        g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                     _("“%s” has no backlog “%s”"), g_file_peek_path (vl_document_get_file (doc)),
                     name);
      return b;
    }
  all = vl_document_list (doc, VL_KIND_BACKLOG, NULL, NULL);
  if (g_list_model_get_n_items (all) == 1)
    return g_list_model_get_item (all, 0);
  g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
               g_list_model_get_n_items (all) == 0
               ? _("“%s” has no backlog yet")
               : _("“%s” has several backlogs: choose one with --backlog"),
               g_file_peek_path (vl_document_get_file (doc)));
  return NULL;
}

static void
print_item (VlRecord *item)
{
  g_autofree char *id = g_strndup (vl_record_get_uuid (item), 8);
  const char *status = vl_enum_to_nick (VL_TYPE_STATUS, (int) vl_record_get_int (item, "status"));
  const char *moscow = vl_enum_to_nick (VL_TYPE_MOSCOW, (int) vl_record_get_int (item, "moscow"));

  g_print ("%s  %-11s  %-6s  %-2s  %s\n", id, status, moscow,
           vl_record_get_int (item, "p1") ? "P1" : "", vl_record_get_title (item));
}

static int
cmd_list (int argc, char **argv)
{
  g_autofree char *backlog_name = NULL, *status_name = NULL;
  const GOptionEntry entries[] = {
    { "backlog", 'b', 0, G_OPTION_ARG_STRING, &backlog_name, N_("Only this backlog"), N_("NAME") },
    { "status", 's', 0, G_OPTION_ARG_STRING, &status_name,
      N_("Only items with this status (idea, ready, planned, in-progress, launched, reviewed, "
         "dropped)"), N_("STATUS") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(VlDocument) doc = NULL;
  g_autoptr(GListModel) backlogs = NULL;
  GError *error = NULL;
  int status, wanted = -1;

  ctx = cli_parse (cli_find_command ("list"), entries, &argc, &argv, 1, &status);
  if (status != 0)
    return status;
  if (status_name != NULL && !vl_enum_from_nick (VL_TYPE_STATUS, status_name, &wanted))
    return cli_usage (ctx, _("Unknown status"));
  doc = cli_open_plan (argv[1], FALSE, &error);
  if (doc == NULL)
    return cli_fail (error);
  if (backlog_name != NULL)
    {
      g_autoptr(VlRecord) b = cli_find_backlog (doc, backlog_name, &error);
      GListStore *one = g_list_store_new (VL_TYPE_RECORD);

      if (b == NULL)
        return cli_fail (error);
      g_list_store_append (one, b);
      backlogs = G_LIST_MODEL (one);
    }
  else
    backlogs = vl_document_list (doc, VL_KIND_BACKLOG, NULL, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (backlogs); i++)
    {
      g_autoptr(VlRecord) b = g_list_model_get_item (backlogs, i);
      g_autoptr(GListModel) items = vl_document_list (doc, VL_KIND_ITEM, "backlog", b);

      g_print ("# %s\n", vl_record_get_title (b));
      for (guint j = 0; j < g_list_model_get_n_items (items); j++)
        {
          g_autoptr(VlRecord) item = g_list_model_get_item (items, j);

          if (wanted < 0 || vl_record_get_int (item, "status") == wanted)
            print_item (item);
        }
    }
  return 0;
}

/* --FIELD VALUE pairs of `add`, validated before anything is written. */
static int
cmd_add (int argc, char **argv)
{
  g_autoptr(VlDocument) doc = NULL;
  g_autoptr(VlRecord) backlog = NULL;
  g_autoptr(VlRecord) item = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  const char *backlog_name = NULL, *path = NULL;
  gboolean has_title = FALSE;
  GError *error = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          g_print (_("Usage:\n  valueloop-cli add FILE --title TITLE [--backlog NAME] "
                     "[--FIELD VALUE…]\n\nAdds an item at the end of a backlog. FIELD is any "
                     "item field, e.g. --status ready --moscow must --cost 5 "
                     "--launch-date 2026-10-01.\n"));
          return 0;
        }
      if (g_str_has_prefix (argv[i], "--") && i + 1 < argc)
        {
          if (g_str_equal (argv[i], "--backlog"))
            backlog_name = argv[++i];
          else
            {
              has_title |= g_str_equal (argv[i], "--title");
              g_ptr_array_add (fields, argv[i] + 2);
              g_ptr_array_add (fields, argv[++i]);
            }
        }
      else if (path == NULL && !g_str_has_prefix (argv[i], "--"))
        path = argv[i];
      else
        {
          g_printerr (_("valueloop-cli: unexpected “%s”; see valueloop-cli add --help\n"), argv[i]);
          return EXIT_USAGE;
        }
    }
  if (path == NULL || !has_title)
    {
      g_printerr (_("valueloop-cli: add needs a FILE and --title; see valueloop-cli add --help\n"));
      return EXIT_USAGE;
    }
  doc = cli_open_plan (path, TRUE, &error);
  if (doc == NULL)
    return cli_fail (error);
  vl_document_begin (doc, _("Add Item"));
  if (backlog_name == NULL && vl_document_count (doc, VL_KIND_BACKLOG) == 0)
    {
      /* A new plan: the first item gets a first backlog. */
      backlog = vl_document_insert (doc, VL_KIND_BACKLOG, NULL, NULL, NULL, &error);
      if (backlog != NULL)
        g_object_set (backlog, "name", _("Backlog"), NULL);
    }
  else
    backlog = cli_find_backlog (doc, backlog_name, &error);
  if (backlog == NULL)
    {
      vl_document_cancel (doc);
      vl_document_commit (doc, NULL);
      return cli_fail (error);
    }
  item = vl_document_insert (doc, VL_KIND_ITEM, backlog, NULL, NULL, &error);
  for (guint i = 0; item != NULL && i < fields->len && error == NULL; i += 2)
    vl_record_set_from_text (item, fields->pdata[i], fields->pdata[i + 1], &error);
  if (error != NULL)
    {
      vl_document_cancel (doc);
      vl_document_commit (doc, NULL);
      g_prefix_error (&error, _("Nothing was changed in “%s”: "), path);
      return cli_fail (error);
    }
  if (!vl_document_commit (doc, &error))
    return cli_fail (error);
  print_item (item);
  return 0;
}

VlRecord *
cli_find_any (VlDocument *doc,
          const char *id)
{
  for (guint k = 0; k < VL_N_KINDS; k++)
    {
      VlRecord *r = vl_document_find (doc, k, id);

      if (r != NULL)
        return r;
    }
  return NULL;
}

static int
cmd_set (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(VlDocument) doc = NULL;
  g_autoptr(VlRecord) record = NULL;
  g_autofree char *shown = NULL;
  GError *error = NULL;
  int status;

  ctx = cli_parse (cli_find_command ("set"), NULL, &argc, &argv, 4, &status);
  if (status != 0)
    return status;
  doc = cli_open_plan (argv[1], TRUE, &error);
  if (doc == NULL)
    return cli_fail (error);
  record = cli_find_any (doc, argv[2]);
  if (record == NULL)
    {
      g_printerr (_("valueloop-cli: “%s” has no row “%s” (give an id, a unique id prefix or "
                    "an exact title)\n"), argv[1], argv[2]);
      return EXIT_BAD_INPUT;
    }
  if (!vl_record_set_from_text (record, argv[3], argv[4], &error))
    {
      g_prefix_error (&error, _("Nothing was changed in “%s”: "), argv[1]);
      return cli_fail (error);
    }
  shown = vl_record_format_field (record, argv[3]);
  g_print ("%s.%s = %s\n", vl_record_get_title (record), argv[3], shown);
  return 0;
}

static int
cmd_export_json (int argc, char **argv)
{
  g_autofree char *out = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Write to FILE instead of standard output"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(VlDocument) doc = NULL;
  g_autofree char *text = NULL;
  GError *error = NULL;
  int status;

  ctx = cli_parse (cli_find_command ("export-json"), entries, &argc, &argv, 1, &status);
  if (status != 0)
    return status;
  doc = cli_open_plan (argv[1], FALSE, &error);
  if (doc == NULL)
    return cli_fail (error);
  text = vl_json_export (doc, &error);
  if (text == NULL)
    return cli_fail (error);
  if (out == NULL)
    {
      fputs (text, stdout);
      fputc ('\n', stdout);
      return 0;
    }
  if (!g_file_set_contents (out, text, -1, &error))
    return cli_fail (error);
  return 0;
}

static int
cmd_import_json (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GFile) json = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(VlDocument) doc = NULL;
  GError *error = NULL;
  int status;

  ctx = cli_parse (cli_find_command ("import-json"), NULL, &argc, &argv, 2, &status);
  if (status != 0)
    return status;
  json = g_file_new_for_commandline_arg (argv[1]);
  target = g_file_new_for_commandline_arg (argv[2]);
  if (!vl_json_import_file (json, target, &error))
    return cli_fail (error);
  doc = vl_document_open (target, VL_DOCUMENT_OPEN_READ_ONLY, &error);
  if (doc == NULL)
    return cli_fail (error);
  print_info (doc);
  return 0;
}

static int
cmd_check (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GFile) file = NULL;
  GError *error = NULL;
  int status, version = 0;

  ctx = cli_parse (cli_find_command ("check"), NULL, &argc, &argv, 1, &status);
  if (status != 0)
    return status;
  file = g_file_new_for_commandline_arg (argv[1]);
  if (!g_file_query_exists (file, NULL))
    {
      g_printerr (_("valueloop-cli: “%s” does not exist\n"), argv[1]);
      return EXIT_BAD_INPUT;
    }
  if (!vl_document_check_file (file, &version, &error))
    return cli_fail (error);
  if (version > VL_SCHEMA_VERSION)
    g_print (_("%s: OK, but made by a newer Valueloop (plan format %d; this version knows up "
               "to %d): it can only be opened read-only\n"), argv[1], version, VL_SCHEMA_VERSION);
  else
    g_print (_("%s: OK (plan format %d)\n"), argv[1], version);
  return 0;
}

static int
cmd_merge (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(VlDocument) doc = NULL;
  g_autoptr(GFile) from = NULL;
  VlMergeStats stats;
  GError *error = NULL;
  int status;

  ctx = cli_parse (cli_find_command ("merge"), NULL, &argc, &argv, 2, &status);
  if (status != 0)
    return status;
  doc = cli_open_plan (argv[1], TRUE, &error);
  if (doc == NULL)
    return cli_fail (error);
  from = g_file_new_for_commandline_arg (argv[2]);
  if (!g_file_query_exists (from, NULL))
    {
      g_printerr (_("valueloop-cli: “%s” does not exist\n"), argv[2]);
      return EXIT_BAD_INPUT;
    }
  if (!vl_document_merge_file (doc, from, &stats, &error))
    return cli_fail (error);
  g_print (_("Merged “%s” into “%s”: %u rows added, %u fields taken, %u conflicts kept%s\n"),
           argv[2], argv[1], stats.rows_added, stats.fields_taken, stats.conflicts_added,
           stats.local_ahead ? _("; this plan has changes the other lacks") : "");
  return 0;
}

static int
cmd_sync (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(VlDocument) doc = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  VlSyncStats stats;
  GError *error = NULL;
  int status;

  ctx = cli_parse (cli_find_command ("sync"), NULL, &argc, &argv, 1, &status);
  if (status != 0)
    return status;
  doc = cli_open_plan (argv[1], TRUE, &error);
  if (doc == NULL)
    return cli_fail (error);
  if (!vl_document_sync (doc, &stats, &error))
    return cli_fail (error);
  g_string_append_printf (line, "%s: ", argv[1]);
  if (stats.missing)
    g_string_append (line, _("the shared file is missing — your edits are safe in the working "
                             "copy and will be published when it is back"));
  else
    {
      g_string_append (line, stats.imported ? _("imported changes") : _("no changes to import"));
      if (stats.copies_merged > 0)
        g_string_append_printf (line, _(", merged %u conflict copies (%u deleted)"),
                                stats.copies_merged, stats.copies_deleted);
      g_string_append (line, stats.published ? _(", published") : _(", up to date"));
    }
  g_print ("%s\n", line->str);
  return 0;
}

static int
cmd_independent (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GFile) file = NULL;
  GError *error = NULL;
  int status;

  ctx = cli_parse (cli_find_command ("independent"), NULL, &argc, &argv, 1, &status);
  if (status != 0)
    return status;
  file = g_file_new_for_commandline_arg (argv[1]);
  if (!vl_document_make_independent (file, &error))
    return cli_fail (error);
  g_print (_("%s is now a plan of its own\n"), argv[1]);
  return 0;
}

/* ---- maps -------------------------------------------------------------------- */

static int
cmd_maps (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(VlDocument) doc = NULL;
  g_autoptr(GListModel) maps = NULL;
  GError *error = NULL;
  int status;

  ctx = cli_parse (cli_find_command ("maps"), NULL, &argc, &argv, 1, &status);
  if (status != 0)
    return status;
  doc = cli_open_plan (argv[1], FALSE, &error);
  if (doc == NULL)
    return cli_fail (error);
  maps = vl_document_list (doc, VL_KIND_MAP, NULL, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (maps); i++)
    {
      g_autoptr(VlRecord) map = g_list_model_get_item (maps, i);
      g_autofree char *nodes = NULL, *cards = NULL;
      guint n_nodes, n_cards;

      vl_map_count (map, &n_nodes, &n_cards);
      nodes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u node", "%u nodes", n_nodes), n_nodes);
      cards = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards", n_cards), n_cards);
      g_print ("%.8s  %-12s %-10s %-10s %s\n", vl_record_get_uuid (map),
               vl_record_get_int (map, "kind") == VL_MAP_KIND_STORY ? _("story map") : _("impact map"),
               nodes, cards, vl_record_get_title (map));
    }
  return 0;
}

static int
cmd_map (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(VlDocument) doc = NULL;
  g_autoptr(VlRecord) map = NULL;
  g_autofree char *outline = NULL;
  GError *error = NULL;
  int status;

  ctx = cli_parse (cli_find_command ("map"), NULL, &argc, &argv, 2, &status);
  if (status != 0)
    return status;
  doc = cli_open_plan (argv[1], FALSE, &error);
  if (doc == NULL)
    return cli_fail (error);
  map = cli_find_map (doc, argv[1], argv[2]);
  if (map == NULL)
    return EXIT_BAD_INPUT;
  outline = vl_map_dup_outline (map);
  g_print ("%s", outline);
  return 0;
}


/* A map by id prefix or name; NULL after saying so. */
VlRecord *
cli_find_map (VlDocument *doc,
              const char *path,
              const char *id_or_name)
{
  VlRecord *map = vl_map_find (doc, id_or_name);

  if (map == NULL)
    g_printerr (_("valueloop-cli: no map “%s” in “%s” (valueloop-cli maps lists them)\n"), id_or_name, path);
  return map;
}

static const Command commands[] = {
  { "new", N_("FILE"), N_("Create an empty plan."), cmd_new },
  { "demo", N_("FILE [--lang LANG]"), N_("Create the sample plan (Shoplane, an e-commerce SaaS company), in "
                                        "the locale’s language or --lang’s."), cmd_demo },
  { "info", N_("FILE"), N_("Show the plan’s id, title, format and counts."), cmd_info },
  { "list", N_("FILE"), N_("List backlog items in rank order."), cmd_list },
  { "add", N_("FILE --title TITLE [--FIELD VALUE…]"), N_("Add an item."), cmd_add },
  { "set", N_("FILE ID FIELD VALUE"), N_("Change one field of a row."), cmd_set },
  { "maps", N_("FILE"), N_("List the plan’s story maps and impact maps with their node and card counts."), cmd_maps },
  { "map", N_("FILE MAP"), N_("Print one map (by id or name) as an indented outline."), cmd_map },
  { "export-map", N_("FILE MAP -o OUT"), N_("Write a map as a PNG or SVG picture or a PDF (--steps: the "
                                           "projector’s handout)."), cmd_export_map },
  { "export-json", N_("FILE"), N_("Write the whole plan as JSON."), cmd_export_json },
  { "import-json", N_("JSON FILE"), N_("Create a plan from a JSON export."), cmd_import_json },
  { "export-csv", N_("KIND FILE"), N_("Write an export as CSV: okr-review, value-review, backlog or "
                                      "portfolio."), cmd_export_csv },
  { "import-csv", N_("CSV FILE"), N_("Import a backlog CSV (ours, Jira, Linear, Taiga, Asana, Trello, "
                                     "GitHub Projects, Plane) into a backlog."), cmd_import_csv },
  { "sync", N_("FILE"), N_("Import the shared file's changes, merge its conflict copies and "
                           "publish, once."), cmd_sync },
  { "merge", N_("INTO FROM"), N_("Merge another copy of the same plan (a conflict copy, another "
                                 "device's file) into INTO; FROM is never changed."), cmd_merge },
  { "independent", N_("FILE"), N_("Make a copy of a plan a plan of its own (a new document id)."),
    cmd_independent },
  { "check", N_("FILE"), N_("Check that a file is a sound Valueloop plan, without changing it."), cmd_check },
  { "reviews", N_("FILE"), N_("The value reviews: overdue, due within 7 days, waiting, reviewed."), cmd_reviews },
  { "reading", N_("FILE ITEM VALUE"), N_("Record a reading of a launched item's metric."), cmd_reading },
  { "review", N_("FILE ITEM --verdict V"), N_("Complete an item's value review with a verdict."), cmd_review },
  { "portfolio", N_("FILE"), N_("Cost per AARRR stage, key result and backlog."), cmd_portfolio },
  { "report", N_("KIND FILE"), N_("A flow or value report from the status history: cfd, cycle-time, lead-time, "
                                  "throughput, aging or calibration (--from, --to, --backlog, --csv)."), cmd_report },
  { "calendar", N_("FILE -o OUT.ics"), N_("Write the release calendar (launches, planned launches, value "
                                          "reviews due) as an iCalendar file."), cmd_calendar },
};

const Command *
cli_find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s", _("Usage:\n  valueloop-cli COMMAND [OPTION…] ARGS\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "%s", _("\nRun “valueloop-cli COMMAND --help” for a command’s options.\n"));
}

int
main (int argc, char *argv[])
{
  const Command *cmd;

  setlocale (LC_ALL, "");
  /* VALUELOOP_LOCALEDIR: the build tree's catalogues (tests, build-aux/dev) */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("VALUELOOP_LOCALEDIR") ?: LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("valueloop-cli");

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      if (argc >= 3 && cli_find_command (argv[2]) != NULL)
        {
          char *help_argv[] = { argv[2], (char *) "--help", NULL };

          return cli_find_command (argv[2])->run (2, help_argv);
        }
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? EXIT_USAGE : 0;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("valueloop-cli %s\n", PACKAGE_VERSION);
      return 0;
    }
  cmd = cli_find_command (argv[1]);
  if (cmd == NULL)
    {
      g_printerr (_("valueloop-cli: unknown command “%s”\n\n"), argv[1]);
      print_usage (stderr);
      return EXIT_USAGE;
    }
  return cmd->run (argc - 1, argv + 1);
}
