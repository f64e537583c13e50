/* vl-bench-ui.c — the window's budgets of DESIGN §8, measured
 *
 * Needs a display (run it under Xvfb, e.g. with ../shared/tools/xshot or
 * xvfb-run); prints figures next to their budgets.
 *
 *   GSETTINGS_SCHEMA_DIR=_build/data _build/tests/bench/vl-bench-ui
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "vl-backlog-page.h"
#include "vl-window.h"

static gint64 painted_at;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  if (painted_at == 0)
    painted_at = g_get_monotonic_time ();
}

static void
report (const char *what, double ms, double budget)
{
  printf ("  %-48s %9.1f ms   budget ≤ %.0f ms  %s\n", what, ms, budget, ms <= budget ? "ok" : "MISSED");
}

/* From creating the window to its first painted frame. */
static double
first_frame (GFile *file)
{
  gint64 start = g_get_monotonic_time ();
  VlWindow *window = vl_window_new (NULL);
  GdkFrameClock *clock;

  if (file != NULL)
    vl_window_open_file (window, file);
  painted_at = 0;
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  while (painted_at == 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, NULL);
  if (file == NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  return (painted_at - start) / 1000.0;
}

static GFile *
big_plan (const char *dir, guint n)
{
  g_autofree char *path = g_build_filename (dir, "bench-ui.valueloop", NULL);
  GFile *file = g_file_new_for_path (path);
  g_autoptr(VlDocument) doc = vl_document_create (file, "Bench", NULL);
  VlRecord *backlogs[4];

  for (guint b = 0; b < 4; b++)
    backlogs[b] = vl_document_insert (doc, VL_KIND_BACKLOG, NULL, NULL, NULL, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VlRecord) item = NULL;
      g_autofree char *title = g_strdup_printf ("Demand %u: saved cards for returning shoppers", i);

      if (i % 1000 == 0)
        vl_document_begin (doc, "bench");
      item = vl_document_insert (doc, VL_KIND_ITEM, backlogs[i % 4], NULL, NULL, NULL);
      g_object_set (item, "title", title, "description",
                    "Shoppers pay with a stored card after a one-time consent, on every device.", NULL);
      if (i % 1000 == 999)
        vl_document_commit (doc, NULL);
    }
  for (guint b = 0; b < 4; b++)
    g_object_unref (backlogs[b]);
  vl_document_publish (doc, NULL);
  return file;
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("vl-bench-ui-XXXXXX", NULL);
  g_autoptr(GFile) file = NULL;
  const char *keys[] = { "s", "sa", "sav", "save", "saved", "saved ", "saved c", "saved ca" };
  GtkWidget *page, *search;
  double worst = 0, ms;
  VlWindow *window;

  g_set_application_name ("Valueloop benchmark");
  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_init ();
  adw_init ();
  printf ("Valueloop window benchmarks (DESIGN §8), GSK_RENDERER=%s\n",
          g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");

  report ("first frame, welcome page (no plan)", first_frame (NULL), 300);
  file = big_plan (dir, 50000);
  ms = first_frame (file);
  report ("first frame, 50,000-item plan", ms, 600);

  window = VL_WINDOW (gtk_window_get_toplevels () ? g_list_model_get_item (gtk_window_get_toplevels (), 0) : NULL);
  g_object_unref (window);
  page = vl_window_get_backlog_page (window);
  search = vl_backlog_page_get_filter_widget (VL_BACKLOG_PAGE (page), "search");
  /* Each keystroke: the filter runs over the 12,500 items of a backlog. */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      gint64 start = g_get_monotonic_time ();

      gtk_editable_set_text (GTK_EDITABLE (search), keys[i]);
      g_signal_emit_by_name (search, "search-changed");
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      worst = MAX (worst, ms);
    }
  report ("worst search keystroke, 12,500-item backlog", worst, 16);
  return 0;
}
