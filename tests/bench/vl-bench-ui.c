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

#include <malloc.h>
#include <sqlite3.h>
#include <time.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../vl-test-util.h"
#include "vl-backlog-page.h"
#include "vl-goals-page.h"
#include "vl-map.h"
#include "vl-maps-page.h"
#include "vl-map-export.h"
#include "vl-map-steps.h"
#include "vl-projector.h"
#include "vl-reports-page.h"
#include "vl-item-search.h"
#include "vl-okr.h"
#include "vl-value.h"
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
  printf ("  %-48s %9.2f ms   budget ≤ %.0f ms  %s\n", what, ms, budget, ms <= budget ? "ok" : "MISSED");
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

/* @n items over @n_backlogs backlogs (at most 4), titles in no order. */
static GFile *
big_plan (const char *dir, const char *name, guint n, guint n_backlogs)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GFile *file = g_file_new_for_path (path);
  g_autoptr(VlDocument) doc = vl_document_create (file, "Bench", NULL);
  VlRecord *backlogs[4];
  static const char *const what[] = { "saved cards", "guest checkout", "Apple Pay", "éclair promo",
                                      "wishlist", "Klarna", "size guide", "Zahlung per Rechnung" };

  for (guint b = 0; b < n_backlogs; b++)
    backlogs[b] = vl_document_insert (doc, VL_KIND_BACKLOG, NULL, NULL, NULL, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VlRecord) item = NULL;
      guint32 mix = i * 2654435761u;
      g_autofree char *title = g_strdup_printf ("%s %u for returning shoppers", what[mix % 8], mix % 100000);

      if (i % 1000 == 0)
        vl_document_begin (doc, "bench");
      item = vl_document_insert (doc, VL_KIND_ITEM, backlogs[i % n_backlogs], NULL, NULL, NULL);
      g_object_set (item, "title", title, "description",
                    "Shoppers pay with a stored card after a one-time consent, on every device.", NULL);
      if (i % 1000 == 999)
        vl_document_commit (doc, NULL);
    }
  for (guint b = 0; b < n_backlogs; b++)
    g_object_unref (backlogs[b]);
  vl_document_publish (doc, NULL);
  return file;
}

static void
settle (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Each keystroke adds a letter at the end, as typing does (setting the
 * whole text would first empty the entry, and a search entry reports an
 * empty text at once: a second, needless search per key). Two figures per
 * key: until the list is filtered and its rows show their new items, and
 * until the next frame is painted (GTK's layout and software rendering of
 * the table; nothing is painted when the matches stay the same). */
static double
worst_keystroke (GtkWidget *page,
                 double    *worst_frame)
{
  const char *typed = "saved ca";
  GtkWidget *search = NULL;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (page);
  double worst = 0;

  *worst_frame = 0;
  /* The search, as Ctrl+F finds it. */
  gtk_widget_activate_action (page, "backlog.search", NULL);
  search = gtk_widget_get_ancestor (gtk_root_get_focus (gtk_widget_get_root (page)), GTK_TYPE_SEARCH_ENTRY);
  g_assert (search != NULL);
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  settle ();
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  for (int i = 0; typed[i] != '\0'; i++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 mid, end;
      int position = i;

      painted_at = 0;
      gtk_editable_insert_text (GTK_EDITABLE (search), typed + i, 1, &position);
      g_signal_emit_by_name (search, "search-changed");
      mid = g_get_monotonic_time ();
      while (painted_at == 0 && g_get_monotonic_time () - mid < 200000)
        g_main_context_iteration (NULL, FALSE);
      end = painted_at != 0 ? painted_at : mid;
      if (g_getenv ("VL_BENCH_VERBOSE"))
        printf ("    %-10.*s filtered and rows rebound %6.1f ms, painted %6.1f ms after the key%s\n", i + 1, typed,
                (mid - start) / 1000.0, (end - start) / 1000.0, painted_at ? "" : " (no frame needed)");
      worst = MAX (worst, (mid - start) / 1000.0);
      *worst_frame = MAX (*worst_frame, (end - start) / 1000.0);
      settle ();
    }
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, NULL);
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_signal_emit_by_name (search, "search-changed");
  settle ();
  return worst;
}

static void
report_keystrokes (GtkWidget  *page,
                   const char *what)
{
  double frame, ms = worst_keystroke (page, &frame);
  g_autofree char *label = g_strdup_printf ("worst search keystroke, %s", what);

  report (label, ms, 16);
  printf ("  %-48s %9.2f ms\n", "  ... to the next painted frame", frame);
}

/* Jump scrolling: a tick callback moves the list a screenful and a half
 * every frame; the frame clock's frame times give the rate. */
typedef struct
{
  GtkAdjustment *adjustment;
  guint          frames;
  gint64         first, last, worst, previous;
} Scroll;

static guint scroll_frames = 240;   /* VL_BENCH_SCROLL_FRAMES, for profiling */

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  Scroll *s = data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double page = gtk_adjustment_get_page_size (s->adjustment);
  double upper = gtk_adjustment_get_upper (s->adjustment) - page;

  if (s->frames == 0)
    s->first = now;
  else
    s->worst = MAX (s->worst, now - s->previous);
  if (s->frames > 0 && now - s->previous > 50000 && g_getenv ("VL_BENCH_VERBOSE") != NULL)
    printf ("    slow frame %u: %.1f ms\n", s->frames, (now - s->previous) / 1000.0);
  s->previous = s->last = now;
  gtk_adjustment_set_value (s->adjustment, fmod (s->frames * page * 1.5 * 37, MAX (upper, 1)));
  return ++s->frames < scroll_frames ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* Where a frame's time goes: from the frame clock's phases. */
typedef struct
{
  gint64 at[4];          /* update, layout, paint, after-paint */
  double total[3];
  guint  frames;
} Phases;

static void
phase_cb (GdkFrameClock *clock, Phases *p, int phase)
{
  p->at[phase] = g_get_monotonic_time ();
  if (phase == 3 && p->at[0] != 0 && p->at[1] != 0 && p->at[2] != 0)
    {
      for (int i = 0; i < 3; i++)
        p->total[i] += (p->at[i + 1] - p->at[i]) / 1000.0;
      p->frames++;
      memset (p->at, 0, sizeof p->at);
    }
}

static void update_cb (GdkFrameClock *c, Phases *p) { phase_cb (c, p, 0); }
static void layout_cb (GdkFrameClock *c, Phases *p) { phase_cb (c, p, 1); }
static void paint_cb (GdkFrameClock *c, Phases *p) { phase_cb (c, p, 2); }
static void after_cb (GdkFrameClock *c, Phases *p) { phase_cb (c, p, 3); }

static void
jump_scroll (GtkWidget *view, double *fps, double *worst_ms)
{
  Scroll s = { gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)), 0, 0, 0, 0, 0 };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (view);
  Phases p = { { 0 }, { 0 }, 0 };

  g_signal_connect (clock, "update", G_CALLBACK (update_cb), &p);
  g_signal_connect (clock, "layout", G_CALLBACK (layout_cb), &p);
  g_signal_connect (clock, "paint", G_CALLBACK (paint_cb), &p);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_cb), &p);
  gtk_widget_add_tick_callback (view, scroll_tick_cb, &s, NULL);
  while (s.frames < scroll_frames)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_data (clock, &p);
  *fps = (s.frames - 1) / ((s.last - s.first) / (double) G_USEC_PER_SEC);
  *worst_ms = s.worst / 1000.0;
  if (p.frames > 0)
    printf ("    per frame: scrolled and rows rebound %.1f ms, layout %.1f ms, snapshot and render %.1f ms\n",
            p.total[0] / p.frames, p.total[1] / p.frames, p.total[2] / p.frames);
}


static void
saved_cb (VlDocument *doc,
          GParamSpec *pspec,
          gint64     *saved_at)
{
  if (vl_document_get_share_state (doc) == VL_SHARE_STATE_SAVED && *saved_at == 0)
    *saved_at = g_get_monotonic_time ();
}

/* The app's save after an edit (DESIGN §4): the snapshot in steps between
 * frames, the file written in a thread. Jump scrolling the 100,000 rows
 * while it runs, against the same scrolling without (@worst_without):
 * the worst frame may take at most 16 ms longer. */
static void
bench_save_while_scrolling (VlWindow  *window,
                            GtkWidget *view,
                            double     worst_without)
{
  VlDocument *doc = vl_window_get_document (window);
  g_autoptr(VlRecord) item = g_list_model_get_item (
    vl_backlog_page_get_items (VL_BACKLOG_PAGE (vl_window_get_backlog_page (window))), 7);
  guint frames = scroll_frames;
  gint64 start, saved_at = 0;
  double fps, worst;

  g_signal_connect (doc, "notify::share-state", G_CALLBACK (saved_cb), &saved_at);
  g_object_set (item, "title", "Saved while scrolling", NULL);
  settle ();
  start = g_get_monotonic_time ();
  vl_document_begin_publish (doc);
  scroll_frames = 480;   /* the save ends well inside */
  jump_scroll (view, &fps, &worst);
  scroll_frames = frames;
  g_signal_handlers_disconnect_by_func (doc, saved_cb, &saved_at);
  if (saved_at == 0)
    printf ("  the save did not end while scrolling: not measured  MISSED\n");
  else
    {
      printf ("  %-48s %9.1f ms\n", "save in the background, edit to saved", (saved_at - start) / 1000.0);
      printf ("  %-48s %9.1f fps  (worst frame %.1f ms)\n", "  jump scrolling meanwhile", fps, worst);
      report ("  worst frame's excess over scrolling without", MAX (worst - worst_without, 0), 16);
    }
  start = g_get_monotonic_time ();
  g_object_set (item, "title", "Saved at once", NULL);
  vl_document_publish (doc, NULL);
  printf ("  %-48s %9.1f ms\n", "  a save at once (the CLI's way, informational)", (g_get_monotonic_time () - start) / 1000.0);
}

/* An OKR outline of about 20,000 nodes: 100 company objectives, each with
 * 4 business-line objectives, each with 4 project objectives (2,100
 * objectives), and 9 key results under each (18,900), plus 2,000 backlog
 * items serving some of them. */
static GFile *
big_outline (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "bench-okr.valueloop", NULL);
  GFile *file = g_file_new_for_path (path);
  g_autoptr(VlDocument) doc = vl_document_create (file, "OKR bench", NULL);
  g_autoptr(VlRecord) cycle = NULL, backlog = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *start = g_date_time_format (now, "%Y-01-01");
  g_autofree char *end = g_date_time_format (now, "%Y-12-31");
  GPtrArray *krs = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = 0;

  vl_document_begin (doc, "bench");
  cycle = vl_document_insert (doc, VL_KIND_CYCLE, NULL, NULL, NULL, NULL);
  g_object_set (cycle, "name", "Bench", "start", start, "end", end, NULL);
  backlog = vl_document_insert (doc, VL_KIND_BACKLOG, NULL, NULL, NULL, NULL);
  for (guint c = 0; c < 100; c++)
    {
      g_autoptr(VlRecord) company = vl_document_insert (doc, VL_KIND_OBJECTIVE, NULL, NULL, NULL, NULL);
      GPtrArray *level = g_ptr_array_new_with_free_func (g_object_unref);

      g_object_set (company, "cycle", cycle, "title", "Company objective", NULL);
      g_ptr_array_add (level, g_object_ref (company));
      for (guint b = 0; b < 4; b++)
        {
          VlRecord *line = vl_document_insert (doc, VL_KIND_OBJECTIVE, company, NULL, NULL, NULL);

          g_object_set (line, "level", 1, "title", "Business line objective", NULL);
          g_ptr_array_add (level, line);
          for (guint p = 0; p < 4; p++)
            {
              VlRecord *project = vl_document_insert (doc, VL_KIND_OBJECTIVE, line, NULL, NULL, NULL);

              g_object_set (project, "level", 2, "title", "Project objective", NULL);
              g_ptr_array_add (level, project);
            }
        }
      for (guint o = 0; o < level->len; o++)
        for (guint k = 0; k < 9; k++)
          {
            VlRecord *kr = vl_document_insert (doc, VL_KIND_KEY_RESULT, level->pdata[o], NULL, NULL, NULL);

            g_object_set (kr, "title", "Key result", "baseline", 0.0, "target", 100.0, "current", (double) (n++ % 100),
                          NULL);
            g_ptr_array_add (krs, kr);
          }
      g_ptr_array_unref (level);
    }
  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(VlRecord) item = vl_document_insert (doc, VL_KIND_ITEM, backlog, NULL, NULL, NULL);

      g_object_set (item, "title", "Action", "key-result", krs->pdata[(i * 7919) % krs->len], NULL);
    }
  vl_document_commit (doc, NULL);
  vl_document_publish (doc, NULL);
  printf ("  outline: %u key results, %u nodes with the objectives\n", krs->len, krs->len + 2100);
  g_ptr_array_unref (krs);
  return file;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Opens the outline on the Goals page, then opens and closes rows spread
 * over it: each call to the row, with the list's handlers it runs. */
static void
bench_goals (const char *dir)
{
  g_autoptr(GFile) file = big_outline (dir);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 start = g_get_monotonic_time ();
  VlWindow *window = vl_window_new (NULL);
  GtkWidget *page;
  GListModel *rows;
  guint n;

  vl_window_open_file (window, file);
  vl_window_show_page (window, "goals");
  gtk_window_present (GTK_WINDOW (window));
  page = vl_window_get_goals_page (window);
  while (!gtk_widget_get_mapped (page))
    g_main_context_iteration (NULL, TRUE);
  settle ();
  printf ("  %-48s %9.1f ms\n", "open a 21,000-node outline on the Goals page", (g_get_monotonic_time () - start) / 1000.0);
  rows = vl_goals_page_get_rows (VL_GOALS_PAGE (page));
  n = g_list_model_get_n_items (rows);
  printf ("  %-48s %9u\n", "rows in the outline, objectives open", n);
  /* First the outline's own cost, the list view detached; then with the
   * list view, which makes and binds rows when those on screen change. */
  for (guint pass = 0; pass < 2; pass++)
    {
      GtkListView *list = GTK_LIST_VIEW (vl_goals_page_get_list_view (VL_GOALS_PAGE (page)));
      g_autoptr(GtkSelectionModel) model = g_object_ref (gtk_list_view_get_model (list));

      g_array_set_size (times, 0);
      if (pass == 0)
        gtk_list_view_set_model (list, NULL);
      for (guint i = 0; i < 200; i++)
        {
          guint position = (guint) (((guint64) i * 2654435761u) % g_list_model_get_n_items (rows));
          g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, position);
          gboolean expanded = gtk_tree_list_row_get_expanded (row);
          gint64 t0;
          double ms;

          if (!gtk_tree_list_row_is_expandable (row))
            continue;
          t0 = g_get_monotonic_time ();
          gtk_tree_list_row_set_expanded (row, !expanded);
          ms = (g_get_monotonic_time () - t0) / 1000.0;
          g_array_append_val (times, ms);
          if (ms > 0.6 && g_getenv ("VL_BENCH_VERBOSE"))
            {
              g_autoptr(VlRecord) r = gtk_tree_list_row_get_item (row);

              printf ("    slow: %s %s at row %u, depth %u: %.1f ms\n", expanded ? "collapse" : "expand",
                      G_OBJECT_TYPE_NAME (r), position, gtk_tree_list_row_get_depth (row), ms);
            }
          if (i % 20 == 0)
            settle ();
        }
      if (pass == 0)
        gtk_list_view_set_model (list, model);
      settle ();
      g_array_sort (times, compare_doubles);
      if (pass == 0)
        {
          report ("open or close any node, the outline alone: worst", g_array_index (times, double, times->len - 1), 1);
          printf ("    (median %.3f ms over %u nodes)\n", g_array_index (times, double, times->len / 2), times->len);
        }
      else
        printf ("  %-48s %9.3f ms   (median %.3f ms, 95th percentile %.3f ms; the list view makes and binds "
                "the rows it keeps when those on screen change)\n", "... with the list view on screen: worst",
                g_array_index (times, double, times->len - 1), g_array_index (times, double, times->len / 2),
                g_array_index (times, double, times->len * 95 / 100));
    }
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

/* ---- maps --------------------------------------------------------------------- */

/* An impact map of 2,011 nodes: a goal, 10 actors, 10 impacts each and
 * 19 deliverables under each impact, every tenth linked to an item. */
static void
add_big_map (GFile *file)
{
  g_autoptr(VlDocument) doc = vl_document_open (file, VL_DOCUMENT_OPEN_NONE, NULL);
  g_autoptr(GListModel) items = vl_document_list (doc, VL_KIND_ITEM, NULL, NULL);
  g_autoptr(VlRecord) map = vl_map_create (doc, VL_MAP_KIND_IMPACT, "Bench impact map", NULL, NULL);
  g_autoptr(GPtrArray) top = vl_map_dup_children (map, NULL);
  guint n = 0;

  vl_document_begin (doc, "bench");
  for (guint a = 0; a < 10; a++)
    {
      g_autofree char *at = g_strdup_printf ("Actor %u: returning shoppers on mobile", a);
      g_autoptr(VlRecord) actor = vl_map_add_node (map, VL_NODE_KIND_ACTOR, top->pdata[0], NULL, at, NULL);

      for (guint i = 0; i < 10; i++)
        {
          g_autofree char *it = g_strdup_printf ("Impact %u.%u: pay faster without an account", a, i);
          g_autoptr(VlRecord) impact = vl_map_add_node (map, VL_NODE_KIND_IMPACT, actor, NULL, it, NULL);

          for (guint d = 0; d < 19; d++)
            {
              g_autofree char *dt = g_strdup_printf ("Deliverable %u: saved cards with one-click consent", n);
              g_autoptr(VlRecord) node = vl_map_add_node (map, VL_NODE_KIND_DELIVERABLE, impact, NULL, dt, NULL);

              if (n++ % 10 == 0)
                {
                  g_autoptr(VlRecord) item = g_list_model_get_item (items, n);

                  g_object_set (node, "item", item, NULL);
                }
            }
        }
    }
  vl_document_commit (doc, NULL);
  vl_document_publish (doc, NULL);
}

typedef struct
{
  VlViewport *viewport;
  double      dx, dy;
  guint       frames, wanted;
  gint64      first, last, previous, worst;
} Pan;

static gboolean
pan_tick_cb (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  Pan *p = data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (p->frames == 0)
    p->first = now;
  else
    p->worst = MAX (p->worst, now - p->previous);
  p->previous = p->last = now;
  /* Back and forth, so the view stays over the map. */
  vl_viewport_pan (p->viewport, (p->frames / 60) % 2 ? -p->dx : p->dx, (p->frames / 60) % 2 ? -p->dy : p->dy);
  return ++p->frames < p->wanted ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static double
pan_fps (VlMapCanvas *canvas,
         double       dx,
         double       dy,
         double      *worst_ms)
{
  Pan p = { vl_map_canvas_get_viewport (canvas), dx, dy, 0, 240, 0, 0, 0, 0 };

  gtk_widget_add_tick_callback (GTK_WIDGET (canvas), pan_tick_cb, &p, NULL);
  while (p.frames < p.wanted)
    g_main_context_iteration (NULL, TRUE);
  *worst_ms = p.worst / 1000.0;
  return (p.frames - 1) / ((p.last - p.first) / (double) G_USEC_PER_SEC);
}

/* From a change of the view to the next painted frame, main thread. */
static double
until_painted (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 start = g_get_monotonic_time ();

  painted_at = 0;
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  gtk_widget_queue_draw (widget);
  while (painted_at == 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, NULL);
  return (painted_at - start) / 1000.0;
}

static double
cpu_ms (void)
{
  struct timespec t;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

/* Projector mode on the 2,011-node map: entering it and each step, in
 * the main thread's CPU time to the painted frame (animations off, so the
 * frame is the step's own); then the map's exports. */
static void
bench_projector (VlWindow *window,
                 VlRecord *map)
{
  GtkSettings *gtk_settings = gtk_settings_get_default ();
  g_autofree char *pdf = g_build_filename (g_get_tmp_dir (), "vl-bench-map.pdf", NULL);
  g_autofree char *handout = g_build_filename (g_get_tmp_dir (), "vl-bench-handout.pdf", NULL);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autoptr(GFile) handout_file = g_file_new_for_path (handout);
  VlMapExportOptions options = { VL_MAP_EXPORT_PDF, 1, VL_PAPER_NONE, FALSE, NULL };
  VlProjector *projector;
  VlMapCanvas *canvas;
  double cpu, worst = 0, total = 0;
  guint n, pages = 0;
  gint64 start;

  g_object_set (gtk_settings, "gtk-enable-animations", FALSE, NULL);
  {
    g_autoptr(VlMapLayout) layout = NULL;
    g_autoptr(GPtrArray) steps = NULL;

    cpu = cpu_ms ();
    layout = vl_map_build_layout (map, NULL);
    printf ("  %-48s %9.2f ms\n", "  (of which laying the map out)", cpu_ms () - cpu);
    cpu = cpu_ms ();
    steps = vl_map_dup_steps (map, layout);
    printf ("  %-48s %9.2f ms\n", "  (of which making its steps)", cpu_ms () - cpu);
  }
  settle ();
  {
    /* For scale: a bare full-screen window and its first frame. */
    GtkWidget *bare = gtk_window_new ();
    GtkWidget *area = gtk_drawing_area_new ();

    cpu = cpu_ms ();
    gtk_window_set_child (GTK_WINDOW (bare), area);
    gtk_window_fullscreen (GTK_WINDOW (bare));
    gtk_window_present (GTK_WINDOW (bare));
    while (!gtk_widget_get_mapped (area))
      g_main_context_iteration (NULL, TRUE);
    until_painted (area);
    printf ("  %-48s %9.2f ms\n", "  (a bare full-screen window, for scale)", cpu_ms () - cpu);
    gtk_window_destroy (GTK_WINDOW (bare));
    settle ();
  }
  cpu = cpu_ms ();
  projector = vl_projector_present (map, GTK_WINDOW (window), NULL);
  canvas = vl_projector_get_canvas (projector);
  while (!gtk_widget_get_mapped (GTK_WIDGET (canvas)))
    g_main_context_iteration (NULL, TRUE);
  until_painted (GTK_WIDGET (canvas));
  report ("projector: enter (CPU to its first frame)", cpu_ms () - cpu, 100);
  settle ();
  n = vl_projector_get_n_steps (projector);
  for (guint i = 1; i < n; i++)
    {
      cpu = cpu_ms ();
      gtk_widget_activate_action (GTK_WIDGET (projector), "projector.next", NULL);
      until_painted (GTK_WIDGET (canvas));
      cpu = cpu_ms () - cpu;
      worst = MAX (worst, cpu);
      total += cpu;
    }
  printf ("  %-48s %9.2f ms   budget ≤ 100 ms  %s (mean %.2f ms over %u steps)\n",
          "projector: a step (CPU to its frame), worst", worst, worst <= 100 ? "ok" : "MISSED",
          total / MAX (n - 1, 1), n - 1);
  gtk_window_destroy (GTK_WINDOW (projector));
  g_object_set (gtk_settings, "gtk-enable-animations", TRUE, NULL);
  settle ();

  start = g_get_monotonic_time ();
  vl_map_export (map, pdf_file, &options, NULL, NULL);
  report ("export the 2,011-node map to PDF", (g_get_monotonic_time () - start) / 1000.0, 2000);
  options.paper = VL_PAPER_A4;
  options.steps = TRUE;
  start = g_get_monotonic_time ();
  vl_map_export (map, handout_file, &options, &pages, NULL);
  printf ("  %-48s %9.2f ms   (%u pages, a page a step)\n", "  its handout PDF",
          (g_get_monotonic_time () - start) / 1000.0, pages);
  g_unlink (pdf);
  g_unlink (handout);
}

static void
bench_maps (const char *dir)
{
  g_autoptr(GFile) file = big_plan (dir, "bench-maps.valueloop", 50000, 4);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  VlWindow *window;
  VlMapsPage *page;
  VlMapCanvas *canvas;
  VlViewport *viewport;
  double ms, fps, worst, zoom_worst = 0, zoom_total = 0;
  size_t heap_before;
  gint64 start;
  guint n_nodes, n_cards;
  VlRect bounds;

  add_big_map (file);
  /* The plan opens on the Maps page: the map is in its first frame. */
  g_settings_set_string (settings, "last-page", "maps");
  ms = first_frame (file);
  report ("first frame, 50,000 items + 2,011-node map", ms, 600);
  window = VL_WINDOW (g_list_model_get_item (gtk_window_get_toplevels (), 0));
  g_object_unref (window);
  page = VL_MAPS_PAGE (vl_window_get_maps_page (window));
  canvas = vl_maps_page_get_canvas (page);
  viewport = vl_map_canvas_get_viewport (canvas);
  vl_map_count (vl_map_canvas_get_map (canvas), &n_nodes, &n_cards);
  settle ();

  /* Opening the page from another one: loading, layout, first frame. */
  vl_window_show_page (window, "backlog");
  settle ();
  vl_maps_page_select_map (page, GTK_INVALID_LIST_POSITION);
  settle ();
  start = g_get_monotonic_time ();
  vl_maps_page_select_map (page, 0);
  vl_window_show_page (window, "maps");
  until_painted (GTK_WIDGET (canvas));
  report ("open a 2,011-node map (select to painted)", (painted_at - start) / 1000.0, 300);

  /* Over the deliverables in the middle of the map, where it is densest. */
  vl_map_layout_get_bounds (vl_map_canvas_get_layout (canvas), &bounds);
  vl_viewport_set_zoom (viewport, 1.0);
  vl_viewport_set_origin (viewport, bounds.x + bounds.width - vl_viewport_get_width (viewport),
                          bounds.y + bounds.height / 2);
  fps = pan_fps (canvas, 9, 5, &worst);
  printf ("  %-48s %9.1f fps  budget ≥ 55 fps  %s (worst frame %.1f ms, %u boxes drawn)\n",
          "pan at 100 %", fps, fps >= 55 ? "ok" : "MISSED", worst, vl_map_canvas_get_n_drawn (canvas));

  vl_viewport_set_zoom (viewport, 0.5);
  fps = pan_fps (canvas, 9, 5, &worst);
  printf ("  %-48s %9.1f fps  budget ≥ 55 fps  %s (worst frame %.1f ms, %u boxes drawn)\n",
          "pan at 50 % (titles still drawn)", fps, fps >= 55 ? "ok" : "MISSED", worst,
          vl_map_canvas_get_n_drawn (canvas));

  gtk_widget_activate_action (GTK_WIDGET (canvas), "map.zoom-fit", NULL);
  settle ();
  fps = pan_fps (canvas, 2, 1, &worst);
  printf ("  %-48s %9.1f fps  budget ≥ 25 fps  %s (worst frame %.1f ms, %u boxes drawn)\n",
          "overview (whole map on screen), panning", fps, fps >= 25 ? "ok" : "MISSED", worst,
          vl_map_canvas_get_n_drawn (canvas));

  /* Zoom steps around the middle, in and out, each to its painted frame. */
  for (int i = 0; i < 20; i++)
    {
      start = g_get_monotonic_time ();
      vl_viewport_zoom_at (viewport, 400, 300, i < 10 ? 1.25 : 0.8);
      until_painted (GTK_WIDGET (canvas));
      ms = (painted_at - start) / 1000.0;
      zoom_worst = MAX (zoom_worst, ms);
      zoom_total += ms;
    }
  printf ("  %-48s %9.1f ms   budget ≤ 50 ms  %s (mean %.1f ms)\n", "zoom step to painted frame, worst",
          zoom_worst, zoom_worst <= 50 ? "ok" : "MISSED", zoom_total / 20);

  /* Memory: every box drawn once at 100 % (all text laid out), counted by
   * the canvas and measured by the allocator (the map laid out anew, its
   * texts dropped, then all drawn). */
  gtk_widget_activate_action (GTK_WIDGET (canvas), "map.zoom-fit", NULL);
  settle ();
  {
    VlRecord *map = vl_map_canvas_get_map (canvas);

    g_object_ref (map);
    vl_map_canvas_set_map (canvas, NULL);
    settle ();
    heap_before = mallinfo2 ().uordblks;
    vl_map_canvas_set_map (canvas, map);
    g_object_unref (map);
  }
  vl_viewport_set_zoom (viewport, 1.0);
  vl_map_layout_get_bounds (vl_map_canvas_get_layout (canvas), &bounds);
  for (double y = bounds.y; y < bounds.y + bounds.height; y += vl_viewport_get_height (viewport))
    for (double x = bounds.x; x < bounds.x + bounds.width; x += vl_viewport_get_width (viewport))
      {
        vl_viewport_set_origin (viewport, x, y);
        until_painted (GTK_WIDGET (canvas));
      }
  printf ("  %-48s %9.0f B    budget ≤ 2048 B  %s (%u nodes)\n", "memory per map node, every part drawn at 100 %",
          (double) vl_map_canvas_get_memory (canvas) / n_nodes,
          vl_map_canvas_get_memory (canvas) / n_nodes <= 2048 ? "ok" : "MISSED", n_nodes);
  printf ("  %-48s %9.0f B    (heap in use after − before, malloc's count)\n",
          "  the same, measured by the allocator",
          (double) ((gssize) mallinfo2 ().uordblks - (gssize) heap_before) / n_nodes);
  bench_projector (window, vl_map_canvas_get_map (canvas));
  g_settings_set_string (settings, "last-page", "backlog");
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

/* The Value page on a 100,000-item plan with 10,000 launched items: its
 * first frame, and an edit that the queue follows (a review completed). */
static void
bench_value (const char *dir)
{
  g_autoptr(GFile) file = big_plan (dir, "bench-value.valueloop", 100000, 4);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GDate) today = vl_okr_today ();
  VlWindow *window;
  VlDocument *doc;
  double ms;
  gint64 start;

  {
    g_autoptr(VlDocument) d = vl_document_open (file, VL_DOCUMENT_OPEN_NONE, NULL);
    g_autoptr(GListModel) items = vl_document_list (d, VL_KIND_ITEM, NULL, NULL);

    for (guint i = 0; i < g_list_model_get_n_items (items); i += 10)
      {
        g_autoptr(VlRecord) item = g_list_model_get_item (items, i);
        GDate launched = *today;
        char date[11];

        if (i % 10000 == 0)
          vl_document_begin (d, "launch");
        g_date_subtract_days (&launched, 1 + (i / 10) % 120);
        g_date_strftime (date, sizeof date, "%Y-%m-%d", &launched);
        g_object_set (item, "launch-date", date, "metric", "Conversion", "baseline", 2.0, "expected", 2.5, NULL);
        g_object_set (item, "status", VL_STATUS_LAUNCHED, NULL);
        if (i % 10000 == 9990)
          vl_document_commit (d, NULL);
      }
    vl_document_publish (d, NULL);
  }
  /* The page's own first frame: the plan open on the Goals page, then
   * Alt+5 to the Value page painted. */
  g_settings_set_string (settings, "last-page", "goals");
  first_frame (file);
  window = VL_WINDOW (g_list_model_get_item (gtk_window_get_toplevels (), 0));
  g_object_unref (window);
  settle ();
  start = g_get_monotonic_time ();
  vl_window_show_page (window, "value");
  until_painted (vl_window_get_value_page (window));
  report ("Value page's first frame, 100,000 items, 10,000 launched", (painted_at - start) / 1000.0, 300);
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();

  /* Opening the plan right on the Value page, informational: opening a
   * 100,000-item plan (its checks) comes first. */
  g_settings_set_string (settings, "last-page", "value");
  start = g_get_monotonic_time ();
  g_object_unref (vl_document_open (file, VL_DOCUMENT_OPEN_NONE, NULL));
  printf ("  %-48s %9.1f ms\n", "  opening that plan alone (checks, no window)", (g_get_monotonic_time () - start) / 1000.0);
  ms = first_frame (file);
  printf ("  %-48s %9.1f ms\n", "  the plan opened on the Value page, first frame", ms);
  window = VL_WINDOW (g_list_model_get_item (gtk_window_get_toplevels (), 0));
  g_object_unref (window);
  doc = vl_window_get_document (window);
  settle ();
  {
    g_autoptr(GArray) queue = vl_value_review_queue (doc, today);
    g_autoptr(VlRecord) item = vl_document_lookup (doc, VL_KIND_ITEM, g_array_index (queue, VlReviewEntry, 0).item);

    gint64 written;

    start = g_get_monotonic_time ();
    vl_item_complete_review (item, VL_VERDICT_VALIDATED, "bench", NULL);
    written = g_get_monotonic_time ();
    settle ();
    printf ("  %-48s %9.1f ms\n", "complete a review, queue and badge updated", (g_get_monotonic_time () - start) / 1000.0);
    printf ("  %-48s %9.1f ms\n", "  (of which the review written, every page told)", (written - start) / 1000.0);
    start = g_get_monotonic_time ();
    g_object_unref (vl_item_add_reading (item, "2026-01-01", 2.4, "", NULL));
    settle ();
    printf ("  %-48s %9.1f ms\n", "add a reading, review updated", (g_get_monotonic_time () - start) / 1000.0);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
  g_settings_set_string (settings, "last-page", "backlog");
}

/* The Reports page on a 100,000-item plan with about 400,000 status
 * changes over a year: its first frame (all five reports computed, the
 * cumulative flow drawn), and switching to the cycle time's scatter. */
static void
bench_reports (const char *dir)
{
  g_autoptr(GFile) file = big_plan (dir, "bench-reports.valueloop", 100000, 4);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  gint64 now_ms = g_get_real_time () / 1000, from_ms = now_ms - 405 * (gint64) 86400000, start;
  VlWindow *window;
  VlReportsPage *page;
  sqlite3 *db;

  /* A year of history, as vl-bench makes it; the items are launched or in progress. */
  vl_test_add_history (path, from_ms);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, "UPDATE item SET status = 4 WHERE id % 3 <> 0; UPDATE item SET status = 3 WHERE id % 3 = 0;",
                    NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  sqlite3_close (db);
  g_settings_set_string (settings, "last-page", "goals");
  first_frame (file);
  window = VL_WINDOW (g_list_model_get_item (gtk_window_get_toplevels (), 0));
  g_object_unref (window);
  settle ();
  page = VL_REPORTS_PAGE (vl_window_get_reports_page (window));
  start = g_get_monotonic_time ();
  vl_window_show_page (window, "reports");
  until_painted (GTK_WIDGET (page));
  report ("Reports page's first frame, 100,000 items, 400,000 moves", (painted_at - start) / 1000.0, 300);
  /* The counting goes on between frames; then the chart. */
  while (vl_reports_page_get_report (page) == NULL)
    g_main_context_iteration (NULL, TRUE);
  until_painted (GTK_WIDGET (page));
  printf ("  %-48s %9.1f ms\n", "  its cumulative flow drawn (counted between frames)", (painted_at - start) / 1000.0);
  start = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (page), "reports.show-report", "i", 1);
  until_painted (GTK_WIDGET (page));
  printf ("  %-48s %9.1f ms  (%u points)\n", "  to the cycle time's scatter", (painted_at - start) / 1000.0,
          vl_chart_get_n_points (vl_reports_page_get_chart (page)));
  g_settings_set_string (settings, "last-page", "backlog");
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("vl-bench-ui-XXXXXX", NULL);
  g_autoptr(GFile) file = NULL, big = NULL;
  GtkWidget *page;
  GtkColumnView *view;
  GListModel *columns;
  double ms, fps, worst;
  VlWindow *window;
  gint64 start;

  setvbuf (stdout, NULL, _IOLBF, 0);   /* each figure as it comes */
  g_set_prgname ("vl-bench-ui");   /* the recent files list records it */
  g_set_application_name ("Valueloop benchmark");
  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_init ();
  adw_init ();
  printf ("Valueloop window benchmarks (DESIGN §8), GSK_RENDERER=%s\n",
          g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");

  if (g_getenv ("VL_BENCH_SCROLL_FRAMES") != NULL)
    scroll_frames = MAX (2, atoi (g_getenv ("VL_BENCH_SCROLL_FRAMES")));
  report ("first frame, welcome page (no plan)", first_frame (NULL), 300);
  if (argc > 1 && g_str_equal (argv[1], "maps"))
    {
      if (g_getenv ("VL_BENCH_NO_MAPS") == NULL)   /* to time the backlog alone */
    bench_maps (dir);
      vl_test_remove_tree (dir);
      return 0;
    }
  if (argc > 1 && g_str_equal (argv[1], "reports"))
    {
      bench_reports (dir);
      vl_test_remove_tree (dir);
      return 0;
    }
  if (argc > 1 && g_str_equal (argv[1], "value"))
    {
      bench_value (dir);
      vl_test_remove_tree (dir);
      return 0;
    }
  /* "backlog": the backlog's figures alone. */
  if (argc <= 1 || !g_str_equal (argv[1], "backlog"))
    {
      bench_goals (dir);
      if (argc > 1 && g_str_equal (argv[1], "goals"))
        {
          vl_test_remove_tree (dir);
          return 0;
        }
      bench_maps (dir);
      bench_value (dir);
      bench_reports (dir);
    }
  {
    /* The window remembers the page shown last: back to the backlog. */
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_string (settings, "last-page", "backlog");
  }
  file = big_plan (dir, "bench-50k.valueloop", 50000, 4);
  ms = first_frame (file);
  report ("first frame, 50,000-item plan", ms, 600);
  window = VL_WINDOW (g_list_model_get_item (gtk_window_get_toplevels (), 0));
  g_object_unref (window);
  report_keystrokes (vl_window_get_backlog_page (window), "12,500-item backlog");
  if (g_getenv ("VL_BENCH_PROFILE_SEARCH") != NULL)
    for (guint i = 0; i < 20; i++)
      report_keystrokes (vl_window_get_backlog_page (window), "12,500-item backlog");
  if (g_getenv ("VL_BENCH_PROFILE_SEARCH") != NULL)
    {
      vl_test_remove_tree (dir);
      return 0;
    }
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();

  /* One backlog of 100,000 items. */
  big = big_plan (dir, "bench-100k.valueloop", 100000, 1);
  ms = first_frame (big);
  printf ("  %-48s %9.1f ms\n", "first frame, one 100,000-item backlog", ms);
  window = VL_WINDOW (g_list_model_get_item (gtk_window_get_toplevels (), 0));
  g_object_unref (window);
  page = vl_window_get_backlog_page (window);
  start = g_get_monotonic_time ();
  report_keystrokes (page, "100,000-item backlog");
  /* Typing went on while a thread worked out the title order (the other
   * core); a user who clicks Title this early waits for the keys instead. */
  _vl_item_search_wait_title_order (VL_ITEM_SEARCH (vl_backlog_page_get_items (VL_BACKLOG_PAGE (page))));
  printf ("  %-48s %9.1f ms\n", "title order ready, after the keystrokes began", (g_get_monotonic_time () - start) / 1000.0);

  {
    /* An edit of one item while the list shows all of them. */
    g_autoptr(VlRecord) item = g_list_model_get_item (vl_backlog_page_get_items (VL_BACKLOG_PAGE (page)), 5);

    start = g_get_monotonic_time ();
    g_object_set (item, "title", "Saved cards, renamed", NULL);
    settle ();
    printf ("  %-48s %9.1f ms\n", "edit one title, list updated", (g_get_monotonic_time () - start) / 1000.0);
    /* Its save, two seconds later, is measured while scrolling below. */
    vl_document_publish (vl_window_get_document (window), NULL);
    _vl_item_search_wait_title_order (VL_ITEM_SEARCH (vl_backlog_page_get_items (VL_BACKLOG_PAGE (page))));
  }
  view = vl_backlog_page_get_column_view (VL_BACKLOG_PAGE (page));
  columns = gtk_column_view_get_columns (view);
  {
    g_autoptr(GtkColumnViewColumn) title = g_list_model_get_item (columns, 1);

    start = g_get_monotonic_time ();
    gtk_column_view_sort_by_column (view, title, GTK_SORT_ASCENDING);
    settle ();
    report ("sort 100,000 by title (click to list updated)", (g_get_monotonic_time () - start) / 1000.0, 100);
    start = g_get_monotonic_time ();
    gtk_column_view_sort_by_column (view, title, GTK_SORT_DESCENDING);
    settle ();
    printf ("  %-48s %9.1f ms\n", "  the other way (keys already made)", (g_get_monotonic_time () - start) / 1000.0);
  }
  jump_scroll (GTK_WIDGET (view), &fps, &worst);
  printf ("  %-48s %9.1f fps  budget ≥ 45 fps  %s (worst frame %.1f ms)\n",
          "jump scrolling, 100,000 rows sorted by title", fps, fps >= 45 ? "ok" : "MISSED", worst);
  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  settle ();
  jump_scroll (GTK_WIDGET (view), &fps, &worst);
  printf ("  %-48s %9.1f fps  budget ≥ 45 fps  %s (worst frame %.1f ms)\n",
          "jump scrolling, 100,000 rows in rank order", fps, fps >= 45 ? "ok" : "MISSED", worst);
  bench_save_while_scrolling (window, GTK_WIDGET (view), worst);
  vl_test_remove_tree (dir);
  return 0;
}
