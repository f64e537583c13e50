/* test-ui-projector.c — projector mode on both sample maps, driven with
 * real keys and a real click: the step counter, what is lit and shown,
 * and a file that read-only mode never changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "vl-map.h"
#include "vl-map-steps.h"
#include "vl-maps-page-private.h"
#include "vl-projector-private.h"
#include "vl-ui-test.h"

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
named_text (VlProjector *projector,
            const char  *name)
{
  return gtk_label_get_text (GTK_LABEL (find_named (GTK_WIDGET (projector), name)));
}

static gboolean
named_shown (VlProjector *projector,
             const char  *name)
{
  return gtk_widget_get_visible (find_named (GTK_WIDGET (projector), name));
}

static VlProjector *
find_projector (void)
{
  GListModel *windows = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (windows, i);

      if (VL_IS_PROJECTOR (w) && gtk_widget_get_mapped (GTK_WIDGET (w)))
        return VL_PROJECTOR (w);
    }
  return NULL;
}

/* The window on the Maps page with the sample map of @kind shown. */
static VlMapsPage *
open_sample_map (VlWindow   *window,
                 const char *plan,
                 VlMapKind   kind)
{
  g_autoptr(GFile) file = sample_file (plan);
  VlMapsPage *page;
  GListModel *maps;

  g_assert_true (vl_window_open_file (window, file));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "maps"));
  page = VL_MAPS_PAGE (vl_window_get_maps_page (window));
  wait_shown (GTK_WIDGET (page));
  maps = vl_maps_page_get_maps (page);
  for (guint i = 0; i < g_list_model_get_n_items (maps); i++)
    {
      g_autoptr(VlRecord) map = g_list_model_get_item (maps, i);

      if (vl_record_get_int (map, "kind") == (gint64) kind)
        vl_maps_page_select_map (page, i);
    }
  g_assert_cmpint (vl_record_get_int (vl_map_canvas_get_map (vl_maps_page_get_canvas (page)), "kind"), ==, kind);
  return page;
}

/* F5 on the page's canvas: the projector, full screen, settled. */
static VlProjector *
start (VlWindow   *window,
       VlMapsPage *page)
{
  VlProjector *projector;

  gtk_widget_grab_focus (GTK_WIDGET (vl_maps_page_get_canvas (page)));
  press_keys (GTK_WIDGET (window), "key", "F5");
  WAIT_UNTIL (find_projector () != NULL, 10);
  projector = find_projector ();
  wait_shown (GTK_WIDGET (projector));
  WAIT_UNTIL (gtk_window_is_fullscreen (GTK_WINDOW (projector)), 10);
  WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (projector)) >= 1024, 10);
  spin (300);
  return projector;
}

static void
key (VlProjector *projector,
     const char  *keys)
{
  VlMapCanvas *canvas = vl_projector_get_canvas (projector);

  press_keys (GTK_WIDGET (projector), "key", keys);
  WAIT_UNTIL (!vl_map_canvas_is_moving (canvas), 5);
  spin (50);
}

static void
assert_counter (VlProjector *projector,
                guint        step)
{
  g_autofree char *expected = g_strdup_printf ("%u / %u", step, vl_projector_get_n_steps (projector));

  WAIT_UNTIL (g_strcmp0 (named_text (projector, "counter"), expected) == 0, 5);
  g_assert_cmpuint (vl_projector_get_step (projector) + 1, ==, step);
}

/* The step's lit boxes are the ones in full light, and they are on
 * screen (the part of the step that is). */
static void
assert_shows (VlProjector     *projector,
              const VlMapStep *step)
{
  VlMapCanvas *canvas = vl_projector_get_canvas (projector);
  VlMapLayout *layout = vl_map_canvas_get_layout (canvas);
  VlRect visible;
  guint on_screen = 0, lit = 0;

  vl_viewport_get_visible (vl_map_canvas_get_viewport (canvas), &visible);
  for (guint i = 0; i < vl_map_layout_get_n_boxes (layout); i++)
    {
      const VlMapBox *box = vl_map_layout_get_box (layout, i);
      gboolean in_step = step->lit == NULL;

      for (guint k = 0; step->lit != NULL && k < step->lit->len; k++)
        in_step |= g_array_index (step->lit, guint, k) == i;
      g_assert_cmpint (vl_map_canvas_is_lit (canvas, i), ==, in_step);
      if (!in_step)
        continue;
      lit++;
      if (box->rect.x >= step->frame.x && box->rect.x + box->rect.width <= step->frame.x + step->frame.width &&
          box->rect.y >= step->frame.y && box->rect.y + box->rect.height <= step->frame.y + step->frame.height)
        {
          /* In the frame: wholly on screen. */
          g_assert_cmpfloat (box->rect.x, >=, visible.x - 1e-6);
          g_assert_cmpfloat (box->rect.y, >=, visible.y - 1e-6);
          g_assert_cmpfloat (box->rect.x + box->rect.width, <=, visible.x + visible.width + 1e-6);
          g_assert_cmpfloat (box->rect.y + box->rect.height, <=, visible.y + visible.height + 1e-6);
          on_screen++;
        }
    }
  g_assert_cmpuint (lit, >, 0);
  g_assert_cmpuint (on_screen, >, 0);
  /* Titles are drawn at a readable size, or not at all (the overview). */
  if (step->anchor >= 0)
    g_assert_cmpfloat (vl_viewport_get_zoom (vl_map_canvas_get_viewport (canvas)), >=,
                       vl_map_canvas_get_text_zoom (canvas) - 1e-6);
}

/* The steps the projector goes through, as the core makes them for its
 * canvas (split for this screen). */
static GPtrArray *
expected_steps (VlProjector *projector)
{
  VlMapCanvas *canvas = vl_projector_get_canvas (projector);
  VlMapLayout *layout = vl_map_canvas_get_layout (canvas);
  g_autoptr(GPtrArray) all = vl_map_dup_steps (vl_map_canvas_get_map (canvas), layout);

  return vl_map_steps_split (all, layout, gtk_widget_get_width (GTK_WIDGET (canvas)),
                             gtk_widget_get_height (GTK_WIDGET (canvas)) - (VL_MAP_CANVAS_CAPTION - 32), 32,
                             vl_map_canvas_get_text_zoom (canvas));
}

/* The story map: overview, each release slice, each activity; Home, End
 * and a typed number; stray keys change nothing in read-only mode. */
static void
test_story (void)
{
  VlWindow *window = vl_window_new (NULL);
  VlMapsPage *page = open_sample_map (window, "projector-story.valueloop", VL_MAP_KIND_STORY);
  VlDocument *document = vl_window_get_document (window);
  VlRecord *map = vl_map_canvas_get_map (vl_maps_page_get_canvas (page));
  g_autofree char *outline = vl_map_dup_outline (map), *after = NULL;
  g_autofree char *undo = g_strdup (vl_document_get_undo_label (document));
  g_autoptr(GPtrArray) steps = NULL;
  VlProjector *projector;
  guint n;

  projector = start (window, page);
  steps = expected_steps (projector);
  n = vl_projector_get_n_steps (projector);
  g_assert_cmpuint (n, ==, steps->len);
  g_assert_cmpuint (n, >=, 8);   /* overview, 3 slices, 4 activities (more if split) */
  assert_counter (projector, 1);
  g_assert_cmpstr (named_text (projector, "step-title"), ==, "Shopper buys on mobile");
  assert_shows (projector, steps->pdata[0]);

  /* Space, Right and Page Down go forward; Left and Page Up back. */
  key (projector, "space");
  assert_counter (projector, 2);
  g_assert_true (g_str_has_prefix (named_text (projector, "step-title"), "Release: Walking skeleton"));
  assert_shows (projector, steps->pdata[1]);
  key (projector, "Right");
  assert_counter (projector, 3);
  assert_shows (projector, steps->pdata[2]);
  key (projector, "Page_Down");
  assert_counter (projector, 4);
  key (projector, "Left");
  assert_counter (projector, 3);
  key (projector, "Page_Up");
  assert_counter (projector, 2);
  key (projector, "End");
  assert_counter (projector, n);
  g_assert_true (g_str_has_prefix (named_text (projector, "step-title"), "Activity: Come back"));
  assert_shows (projector, steps->pdata[n - 1]);
  key (projector, "space");   /* past the end: stays */
  assert_counter (projector, n);
  key (projector, "Home");
  assert_counter (projector, 1);

  /* A number, then Enter. */
  key (projector, "3");
  g_assert_true (named_shown (projector, "go-to"));
  key (projector, "Return");
  assert_counter (projector, 3);
  g_assert_false (named_shown (projector, "go-to"));

  /* Read-only: keys that would edit the map in its normal view do
   * nothing to the plan. */
  key (projector, "Tab");
  g_assert_cmpint (vl_map_canvas_get_selected_index (vl_projector_get_canvas (projector)), >=, 0);
  key (projector, "Delete F2 x Insert ctrl+z ctrl+Return alt+Right shift+Return ctrl+l ctrl+m");
  spin (300);
  after = vl_map_dup_outline (map);
  g_assert_cmpstr (after, ==, outline);
  g_assert_cmpstr (vl_document_get_undo_label (document), ==, undo);
  g_assert_false (vl_document_get_unpublished (document));
  g_assert_false (vl_map_canvas_is_editing (vl_projector_get_canvas (projector)));
  g_assert_true (find_projector () == projector);

  /* B blanks and comes back; Escape leaves. */
  key (projector, "b");
  g_assert_true (named_shown (projector, "blank"));
  key (projector, "b");
  g_assert_false (named_shown (projector, "blank"));
  press_keys (GTK_WIDGET (projector), "key", "Escape");   /* (gone: not key ()) */
  WAIT_UNTIL (find_projector () == NULL, 5);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The impact map: every step in turn; Enter and a click zoom into a
 * node, Backspace comes back, and the steps go on from there; N shows a
 * node's notes; E lets the map be edited without leaving. */
static void
test_impact (void)
{
  VlWindow *window = vl_window_new (NULL);
  VlMapsPage *page = open_sample_map (window, "projector-impact.valueloop", VL_MAP_KIND_IMPACT);
  VlDocument *document = vl_window_get_document (window);
  VlMapCanvas *canvas;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(VlRecord) goal = NULL;
  g_autofree char *undo = NULL;
  VlProjector *projector;
  VlMapLayout *layout;
  const VlMapBox *box;
  int actor = -1;
  guint n;

  /* A note on the goal, written in the normal view's details. */
  {
    VlMapLayout *l = vl_map_canvas_get_layout (vl_maps_page_get_canvas (page));

    for (guint i = 0; i < vl_map_layout_get_n_boxes (l); i++)
      if (vl_map_layout_get_box (l, i)->node_kind == VL_NODE_KIND_GOAL)
        goal = vl_document_lookup (document, VL_KIND_MAP_NODE, vl_map_layout_get_box (l, i)->id);
    g_object_set (goal, "note", "Ask the room: which shopper do we lose first?", NULL);
  }
  projector = start (window, page);
  canvas = vl_projector_get_canvas (projector);
  steps = expected_steps (projector);
  n = vl_projector_get_n_steps (projector);
  g_assert_cmpuint (n, ==, 10);   /* overview, goal, 3 actors, 5 impacts */
  for (guint s = 0; s < n; s++)
    {
      g_autofree char *label = vl_map_step_dup_label (steps->pdata[s]);

      assert_counter (projector, s + 1);
      g_assert_cmpstr (named_text (projector, "step-title"), ==, label);
      assert_shows (projector, steps->pdata[s]);
      if (s + 1 < n)
        key (projector, "space");
    }

  /* The goal's step (its key result's progress on it); N shows its
   * notes, Escape takes them away first. */
  key (projector, "Home");
  key (projector, "Right");
  layout = vl_map_canvas_get_layout (canvas);
  box = vl_map_layout_get_box (layout, (guint) ((VlMapStep *) steps->pdata[1])->anchor);
  g_assert_cmpint (box->node_kind, ==, VL_NODE_KIND_GOAL);
  g_assert_cmpint (box->id, ==, vl_record_get_rowid (goal));
  g_assert_cmpint (vl_record_get_ref_id (goal, "key-result"), >, 0);
  key (projector, "n");
  g_assert_true (named_shown (projector, "notes"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (find_named (GTK_WIDGET (projector), "notes")))),
                   ==, "Ask the room: which shopper do we lose first?");
  key (projector, "Escape");
  g_assert_false (named_shown (projector, "notes"));

  /* Tab to the second actor of step 1 (the overview), Enter: its
   * subtree; the next step is the one after that actor's. */
  key (projector, "Home");
  for (guint i = 0; i < vl_map_layout_get_n_boxes (layout); i++)
    if (vl_map_layout_get_box (layout, i)->node_kind == VL_NODE_KIND_ACTOR && actor < 0 &&
        vl_map_steps_continue_at (steps, (int) i) > 2)
      actor = (int) i;
  g_assert_cmpint (actor, >=, 0);
  while (vl_map_canvas_get_selected_index (canvas) != actor)
    key (projector, "Tab");
  key (projector, "Return");
  g_assert_true (g_str_has_prefix (named_text (projector, "step-title"), "Actor: Merchants"));
  assert_counter (projector, (guint) vl_map_steps_continue_at (steps, actor) + 1);
  {
    g_autoptr(VlMapStep) jump = vl_map_step_for_box (vl_map_canvas_get_map (canvas), layout, actor);

    assert_shows (projector, jump);
  }
  key (projector, "BackSpace");
  g_assert_true (g_str_has_prefix (named_text (projector, "step-title"), "Actor: Merchants"));
  key (projector, "space");
  assert_counter (projector, (guint) vl_map_steps_continue_at (steps, actor) + 2);

  /* A click on a box zooms into it. */
  key (projector, "Home");
  {
    const VlMapBox *target = vl_map_layout_get_box (layout, (guint) ((VlMapStep *) steps->pdata[1])->anchor);
    g_autofree char *args = NULL;
    double vx, vy;

    vl_viewport_world_to_view (vl_map_canvas_get_viewport (canvas), target->rect.x + target->rect.width / 2,
                               target->rect.y + target->rect.height / 2, &vx, &vy);
    args = g_strdup_printf ("mousemove --window WIN %d %d click 1", (int) vx, (int) vy);
    run_xdotool (GTK_WIDGET (projector), args);
    WAIT_UNTIL (g_str_has_prefix (named_text (projector, "step-title"), "Goal: "), 5);
    assert_counter (projector, 2);
  }

  g_assert_true (find_projector () == projector);

  /* E: editing, still in projector mode; Delete now deletes. */
  undo = g_strdup (vl_document_get_undo_label (document));
  key (projector, "e");
  g_assert_true (vl_projector_get_editing (projector));
  g_assert_true (named_shown (projector, "editing"));
  key (projector, "End");   /* not a step key while editing: the canvas's */
  vl_map_canvas_select_index (canvas, (int) vl_map_layout_get_n_boxes (layout) - 1);
  key (projector, "Delete");
  WAIT_UNTIL (g_strcmp0 (vl_document_get_undo_label (document), undo) != 0, 5);
  key (projector, "e");
  g_assert_false (vl_projector_get_editing (projector));
  press_keys (GTK_WIDGET (projector), "key", "Escape");   /* (gone: not key ()) */
  WAIT_UNTIL (find_projector () == NULL, 5);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Export Map offers every kind; the page writes what the chooser would
 * name (GTK 4.8's file chooser leaks under LeakSanitizer: not opened). */
static void
test_export (void)
{
  VlWindow *window = vl_window_new (NULL);
  VlMapsPage *page = open_sample_map (window, "projector-export.valueloop", VL_MAP_KIND_STORY);
  g_autofree char *png = g_build_filename (vl_test_dir (), "story@2x.png", NULL);
  g_autofree char *handout = g_build_filename (vl_test_dir (), "story handout.pdf", NULL);
  g_autofree char *data = NULL;
  AdwMessageDialog *dialog;
  gsize length = 0;

  press_keys (GTK_WIDGET (window), "key", "ctrl+shift+e");
  WAIT_UNTIL ((dialog = find_dialog_with ("export")) != NULL, 5);
  {
    guint kinds = 0;
    gboolean handout_offered = FALSE;

    for (GtkWidget *row = gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog)); row != NULL;
         row = gtk_widget_get_next_sibling (row), kinds++)
      handout_offered |= g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (row)),
                                    "Handout PDF: the projector’s steps, a page each") == 0;
    g_assert_cmpuint (kinds, ==, 7);   /* PNG 1× 2×, SVG, PDF, A4, Letter, handout */
    g_assert_true (handout_offered);
  }
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "maps.export-map-to", "(ss)", "png2", png));
  g_assert_true (g_file_get_contents (png, &data, &length, NULL));
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  g_clear_pointer (&data, g_free);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "maps.export-map-to", "(ss)", "handout", handout));
  g_assert_true (g_file_get_contents (handout, &data, &length, NULL));
  g_assert_true (g_str_has_prefix (data, "%PDF-"));

  /* Printing goes through the same pages (here to a file, as a printer
   * dialog's Print to File would). */
  {
    g_autofree char *printed = g_build_filename (vl_test_dir (), "printed.pdf", NULL);
    g_autofree char *quoted = g_shell_quote (printed);
    g_autofree char *command = g_strdup_printf ("pdftotext -raw %s -", quoted);
    g_autofree char *text = NULL;
    int status = 0;

    vl_maps_page_print (page, GTK_PRINT_OPERATION_ACTION_EXPORT, printed);
    g_assert_true (g_file_test (printed, G_FILE_TEST_EXISTS));
    g_assert_true (g_spawn_command_line_sync (command, &text, NULL, &status, NULL));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (text, "Shopper buys on mobile"));
    g_assert_nonnull (strstr (text, "Page 1 of "));
    g_assert_nonnull (strstr (text, "Search the store"));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every key projector mode reads is in the shortcuts window's Projector
 * group, and every key listed there is one of them. */
static void
test_keys_listed (void)
{
  g_auto(GStrv) keys = vl_projector_dup_key_names ();

  g_assert_cmpuint (assert_names_listed ((const char *const *) keys, "Projector"), >=, 12);
}

int
main (int argc, char *argv[])
{
  if (!vl_ui_test_init (&argc, &argv))
    return 0;
  g_test_add_func ("/projector/story", test_story);
  g_test_add_func ("/projector/impact", test_impact);
  g_test_add_func ("/projector/export", test_export);
  g_test_add_func ("/projector/keys-listed", test_keys_listed);
  return g_test_run ();
}
