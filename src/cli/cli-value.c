/* cli-value.c — valueloop-cli reviews, reading, review and portfolio
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "vl-cli.h"
#include "vl-labels.h"
#include "vl-okr.h"
#include "vl-value.h"

static const char *group_titles[VL_REVIEW_N_GROUPS] = {
  N_("Overdue"), N_("Due within 7 days"), N_("Waiting"), N_("Reviewed (last 90 days)"),
};

static VlRecord *
find_item (VlDocument *doc,
           const char *file,
           const char *id,
           GError    **error)
{
  VlRecord *item = vl_document_find (doc, VL_KIND_ITEM, id);

  if (item == NULL)
    g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                 _("“%s” has no item “%s” (give a unique id prefix or an exact title)"), file, id);
  return item;
}

int
cmd_reviews (int argc, char **argv)
{
  gboolean due_only = FALSE;
  const GOptionEntry entries[] = {
    { "due", 'd', 0, G_OPTION_ARG_NONE, &due_only, N_("Only the overdue reviews and those due within 7 days"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(VlDocument) doc = NULL;
  g_autoptr(GArray) queue = NULL;
  g_autoptr(GDate) today = vl_okr_today ();
  GError *error = NULL;
  int status, shown = -1;

  ctx = cli_parse (cli_find_command ("reviews"), entries, &argc, &argv, 1, &status);
  if (status != 0)
    return status;
  doc = cli_open_plan (argv[1], FALSE, &error);
  if (doc == NULL)
    return cli_fail (error);
  queue = vl_value_review_queue (doc, today);
  for (guint i = 0; i < queue->len; i++)
    {
      const VlReviewEntry *e = &g_array_index (queue, VlReviewEntry, i);
      g_autoptr(VlRecord) item = vl_document_lookup (doc, VL_KIND_ITEM, e->item);
      g_autoptr(VlRecord) backlog = vl_record_dup_ref (item, "backlog");
      g_autoptr(VlRecord) kr = vl_record_dup_ref (item, "key-result");
      g_autofree char *late = NULL;

      if (due_only && e->group > VL_REVIEW_DUE_SOON)
        break;
      if ((int) e->group != shown)
        {
          shown = (int) e->group;
          g_print ("# %s\n", _(group_titles[e->group]));
        }
      if (e->group == VL_REVIEW_REVIEWED)
        /* Translators: a reviewed item in `valueloop-cli reviews`: the day it was reviewed. */
        late = g_strdup_printf (_("reviewed %s"), e->reviewed);
      else if (e->days_late > 0)
        late = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day late", "%d days late", (gulong) e->days_late),
                                e->days_late);
      else if (e->due[0] != '\0')
        late = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "due in %d day", "due in %d days", (gulong) -e->days_late),
                                -e->days_late);
      else
        late = g_strdup (_("no launch date"));
      g_print ("%.8s  %-10s  %-10s  %-16s  %-18s  %-24s  %s\n", vl_record_get_uuid (item),
               e->launched[0] ? e->launched : "-", e->due[0] ? e->due : "-", late,
               backlog != NULL ? vl_record_get_title (backlog) : "", kr != NULL ? vl_record_get_title (kr) : "",
               vl_record_get_title (item));
    }
  return 0;
}

int
cmd_reading (int argc, char **argv)
{
  g_autofree char *date = NULL, *note = NULL;
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day it was measured (default: today)"), N_("YYYY-MM-DD") },
    { "note", 'n', 0, G_OPTION_ARG_STRING, &note, N_("What to know about it"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(VlDocument) doc = NULL;
  g_autoptr(VlRecord) item = NULL, reading = NULL;
  GError *error = NULL;
  char *end = NULL;
  double value;
  int status;

  ctx = cli_parse (cli_find_command ("reading"), entries, &argc, &argv, 3, &status);
  if (status != 0)
    return status;
  value = g_ascii_strtod (argv[3], &end);
  if (end == argv[3] || *end != '\0' || !isfinite (value))
    return cli_usage (ctx, _("VALUE must be a number, such as 2.27"));
  doc = cli_open_plan (argv[1], TRUE, &error);
  if (doc == NULL || (item = find_item (doc, argv[1], argv[2], &error)) == NULL)
    return cli_fail (error);
  if (date == NULL)
    {
      g_autoptr(GDate) today = vl_okr_today ();
      char text[11];

      g_date_strftime (text, sizeof text, "%Y-%m-%d", today);
      date = g_strdup (text);
    }
  reading = vl_item_add_reading (item, date, value, note, &error);
  if (reading == NULL)
    {
      g_prefix_error (&error, _("Nothing was changed in “%s”: "), argv[1]);
      return cli_fail (error);
    }
  g_print (_("%s: %s on %s (the actual value is now %g)\n"), vl_record_get_title (item), argv[3], date,
           vl_item_get_actual (item));
  return 0;
}

int
cmd_review (int argc, char **argv)
{
  g_autofree char *verdict_name = NULL, *note = NULL;
  const GOptionEntry entries[] = {
    { "verdict", 'v', 0, G_OPTION_ARG_STRING, &verdict_name,
      N_("validated, invalidated or inconclusive"), N_("VERDICT") },
    { "note", 'n', 0, G_OPTION_ARG_STRING, &note, N_("What the review found"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(VlDocument) doc = NULL;
  g_autoptr(VlRecord) item = NULL;
  GError *error = NULL;
  int status, verdict = 0;
  double share;

  ctx = cli_parse (cli_find_command ("review"), entries, &argc, &argv, 2, &status);
  if (status != 0)
    return status;
  if (verdict_name == NULL || !vl_enum_from_nick (VL_TYPE_VERDICT, verdict_name, &verdict) ||
      verdict == VL_VERDICT_NONE)
    return cli_usage (ctx, _("--verdict must be validated, invalidated or inconclusive"));
  doc = cli_open_plan (argv[1], TRUE, &error);
  if (doc == NULL || (item = find_item (doc, argv[1], argv[2], &error)) == NULL)
    return cli_fail (error);
  if (!vl_item_complete_review (item, (VlVerdict) verdict, note, &error))
    {
      g_prefix_error (&error, _("Nothing was changed in “%s”: "), argv[1]);
      return cli_fail (error);
    }
  share = vl_value_achieved (vl_record_get_number (item, "baseline"), vl_record_get_number (item, "expected"),
                             vl_item_get_actual (item));
  if (isnan (share))
    g_print (_("%s: reviewed, %s\n"), vl_record_get_title (item), vl_enum_label ("verdict", verdict));
  else
    g_print (_("%s: reviewed, %s (%.0f%% of the expected change)\n"), vl_record_get_title (item),
             vl_enum_label ("verdict", verdict), share * 100);
  return 0;
}

int
cmd_portfolio (int argc, char **argv)
{
  g_autofree char *backlog_name = NULL, *cycle_name = NULL;
  const GOptionEntry entries[] = {
    { "backlog", 'b', 0, G_OPTION_ARG_STRING, &backlog_name, N_("Only this backlog"), N_("NAME") },
    { "cycle", 'c', 0, G_OPTION_ARG_STRING, &cycle_name,
      N_("Delivered: what launched in this cycle (default: the current one)"), N_("NAME") },
    { NULL }
  };
  static const char *titles[] = { N_("AARRR stage"), N_("Key result"), N_("Backlog") };
  g_autoptr(VlRecord) cycle = NULL;
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(VlDocument) doc = NULL;
  g_autoptr(VlRecord) backlog = NULL;
  GError *error = NULL;
  int status;

  ctx = cli_parse (cli_find_command ("portfolio"), entries, &argc, &argv, 1, &status);
  if (status != 0)
    return status;
  doc = cli_open_plan (argv[1], FALSE, &error);
  if (doc == NULL)
    return cli_fail (error);
  if (backlog_name != NULL && (backlog = cli_find_backlog (doc, backlog_name, &error)) == NULL)
    return cli_fail (error);
  if (cycle_name != NULL && (cycle = vl_document_find (doc, VL_KIND_CYCLE, cycle_name)) == NULL)
    {
      g_set_error (&error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID, _("“%s” has no cycle “%s”"), argv[1],
                   cycle_name);
      return cli_fail (error);
    }
  if (cycle == NULL)
    {
      g_autoptr(GDate) today = vl_okr_today ();

      cycle = vl_document_dup_current_cycle (doc, today);
    }
  if (cycle != NULL)
    /* Translators: `valueloop-cli portfolio`'s first line */
    g_print (_("Delivered: launched in the cycle “%s” (%s to %s)\n"), vl_record_get_title (cycle),
             vl_record_get_string (cycle, "start") ?: "…", vl_record_get_string (cycle, "end") ?: "…");
  for (guint d = 0; d < G_N_ELEMENTS (titles); d++)
    {
      double total = 0;
      g_autoptr(GPtrArray) shares = vl_value_portfolio (doc, backlog, cycle, (VlPortfolioDimension) d, &total,
                                                        &error);

      if (shares == NULL)
        return cli_fail (error);
      /* Translators: a heading of `valueloop-cli portfolio`: the dimension and the columns. */
      g_print (_("# %s — items, cost, share of cost, open, delivered\n"), _(titles[d]));
      for (guint i = 0; i < shares->len; i++)
        {
          VlShare *s = g_ptr_array_index (shares, i);

          g_print ("%6u  %8g  %5.1f%%  %8g  %8g  %s\n", s->n_items, s->cost,
                   total > 0 ? s->cost / total * 100 : 0.0, s->open, s->delivered, s->name);
        }
    }
  return 0;
}
