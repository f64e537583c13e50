/* test-ui-maps.c — UI tests of the Maps page: story and impact maps built
 * with real keys and real pointer drags, checked on the canvas, in the
 * backlog and in the file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "vl-item-panel.h"
#include "vl-map.h"
#include "vl-map-outline.h"
#include "vl-maps-page.h"
#include "vl-record-chooser.h"
#include "vl-ui-test.h"

static VlMapsPage *
open_maps (VlWindow *window,
           GFile    *file)
{
  GtkWidget *page;

  g_assert_true (vl_window_open_file (window, file));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "maps"));
  page = vl_window_get_maps_page (window);
  wait_shown (page);
  /* Looking changes nothing (the backlog choice filling in did once). */
  g_assert_false (vl_document_can_undo (vl_window_get_document (window)));
  return VL_MAPS_PAGE (page);
}

static char *
selected_title (VlMapCanvas *canvas)
{
  g_autoptr(VlRecord) selected = vl_map_canvas_dup_selected (canvas);
  g_autoptr(VlRecord) item = NULL;

  if (selected == NULL)
    return NULL;
  if (VL_IS_MAP_CARD (selected))
    item = vl_record_dup_ref (selected, "item");
  return g_strdup (vl_record_get_title (item != NULL ? item : selected));
}

/* Types @title into the editor that the last key opened, and Enter. */
static void
type_title (VlWindow    *window,
            VlMapCanvas *canvas,
            const char  *title)
{
  WAIT_UNTIL (vl_map_canvas_is_editing (canvas), 5);
  press_keys (GTK_WIDGET (window), "type", title);
  press_keys (GTK_WIDGET (window), "key", "Return");
  WAIT_UNTIL (!vl_map_canvas_is_editing (canvas), 5);
}

/* The boxes the canvas shows (0 without a map). */
static guint
boxes_shown (VlMapCanvas *canvas)
{
  VlMapLayout *layout = vl_map_canvas_get_layout (canvas);

  return layout != NULL ? vl_map_layout_get_n_boxes (layout) : 0;
}

static VlRecord *
shown_map (VlMapsPage *page)
{
  return vl_map_canvas_get_map (vl_maps_page_get_canvas (page));
}

static VlRecord *
item_titled (VlWindow   *window,
             const char *title)
{
  return vl_document_find (vl_window_get_document (window), VL_KIND_ITEM, title);
}

/* A story map from an empty plan, with the keyboard alone. */
static void
test_story_map_keys (void)
{
  g_autoptr(GFile) file = vl_test_file ("ui-story.valueloop");
  g_autoptr(GError) error = NULL;
  g_autoptr(VlDocument) made = vl_document_create (file, "Story", &error);
  g_autoptr(VlRecord) backlog = vl_document_insert (made, VL_KIND_BACKLOG, NULL, NULL, NULL, &error);
  VlWindow *window = vl_window_new (NULL);
  g_autoptr(VlRecord) guest = NULL, saved = NULL, saved_card = NULL, pay = NULL, map = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autofree char *title = NULL, *outline = NULL;
  VlMapsPage *page;
  VlMapCanvas *canvas;

  g_object_set (backlog, "name", "Storefront", NULL);
  g_assert_true (vl_document_publish (made, &error));
  g_clear_object (&backlog);
  g_clear_object (&made);
  page = open_maps (window, file);
  canvas = vl_maps_page_get_canvas (page);
  g_assert_cmpuint (g_list_model_get_n_items (vl_maps_page_get_maps (page)), ==, 0);

  /* A new story map starts with an activity (its title ready to type), a
   * step and a release. */
  if (!press_keys (GTK_WIDGET (window), "key", "ctrl+shift+alt+s"))
    goto out;
  WAIT_UNTIL (g_list_model_get_n_items (vl_maps_page_get_maps (page)) == 1, 5);
  map = g_object_ref (shown_map (page));
  g_assert_cmpint (vl_record_get_int (map, "kind"), ==, VL_MAP_KIND_STORY);
  type_title (window, canvas, "Browse");
  title = selected_title (canvas);
  g_assert_cmpstr (title, ==, "Browse");
  g_clear_pointer (&title, g_free);

  /* Down to the step, F2 renames it; Enter adds the next step. */
  press_keys (GTK_WIDGET (window), "key", "Down F2 ctrl+a");
  type_title (window, canvas, "Search");
  press_keys (GTK_WIDGET (window), "key", "Return");
  type_title (window, canvas, "Pay");
  pay = vl_document_find (vl_window_get_document (window), VL_KIND_MAP_NODE, "Pay");
  g_assert_nonnull (pay);
  g_assert_cmpint (vl_record_get_int (pay, "kind"), ==, VL_NODE_KIND_STEP);

  /* Tab on a step: a card in the first release, a new backlog item. */
  press_keys (GTK_WIDGET (window), "key", "Left Tab");
  type_title (window, canvas, "Guest checkout");
  press_keys (GTK_WIDGET (window), "key", "shift+Return");
  type_title (window, canvas, "Saved cards");
  guest = item_titled (window, "Guest checkout");
  saved = item_titled (window, "Saved cards");
  g_assert_nonnull (guest);
  g_assert_nonnull (saved);
  items = vl_document_list (vl_window_get_document (window), VL_KIND_ITEM, "backlog",
                            vl_map_get_backlog (map));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
  title = selected_title (canvas);
  g_assert_cmpstr (title, ==, "Saved cards");
  g_clear_pointer (&title, g_free);
  saved_card = vl_map_canvas_dup_selected (canvas);

  /* Alt+Right: to the next step; Alt+Down: to the Unplanned row. */
  press_keys (GTK_WIDGET (window), "key", "alt+Right");
  WAIT_UNTIL (vl_record_get_ref_id (saved_card, "step") == vl_record_get_rowid (pay), 10);
  press_keys (GTK_WIDGET (window), "key", "alt+Down");
  WAIT_UNTIL (vl_record_get_ref_id (saved_card, "release") == 0, 10);
  g_assert_cmpint (vl_record_get_ref_id (saved_card, "step"), ==, vl_record_get_rowid (pay));
  /* One undo step each (Ctrl+Z is the application's: no app here). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  spin (50);
  g_assert_cmpint (vl_record_get_ref_id (saved_card, "release"), !=, 0);
  g_assert_cmpint (vl_record_get_ref_id (saved_card, "step"), ==, vl_record_get_rowid (pay));

  /* Enter on a card opens its item in the panel; Escape closes it. */
  vl_map_canvas_select (canvas, saved_card);
  press_keys (GTK_WIDGET (window), "key", "Return");
  WAIT_UNTIL (gtk_widget_get_mapped (vl_maps_page_get_item_panel (page)), 5);
  g_assert_true (vl_item_panel_get_item (VL_ITEM_PANEL (vl_maps_page_get_item_panel (page))) == saved);
  /* F9 hides the panel and shows it again; opening an item shows it too. */
  gtk_widget_grab_focus (GTK_WIDGET (canvas));
  press_keys (GTK_WIDGET (window), "key", "F9");
  WAIT_UNTIL (!gtk_widget_get_mapped (vl_maps_page_get_item_panel (page)), 5);
  press_keys (GTK_WIDGET (window), "key", "F9");
  WAIT_UNTIL (gtk_widget_get_mapped (vl_maps_page_get_item_panel (page)), 5);
  press_keys (GTK_WIDGET (window), "key", "F9");
  WAIT_UNTIL (!gtk_widget_get_mapped (vl_maps_page_get_item_panel (page)), 5);
  gtk_widget_grab_focus (GTK_WIDGET (canvas));
  press_keys (GTK_WIDGET (window), "key", "Return");
  WAIT_UNTIL (gtk_widget_get_mapped (vl_maps_page_get_item_panel (page)), 5);
  {
    gboolean details = FALSE;

    g_object_get (window, "show-details", &details, NULL);
    g_assert_true (details);
  }
  gtk_widget_grab_focus (GTK_WIDGET (canvas));
  press_keys (GTK_WIDGET (window), "key", "Escape");
  WAIT_UNTIL (!gtk_widget_get_visible (vl_maps_page_get_item_panel (page)) ||
              !gtk_widget_get_child_visible (vl_maps_page_get_item_panel (page)) ||
              !gtk_widget_get_mapped (vl_maps_page_get_item_panel (page)), 5);

  /* Typing on a card edits its item's title: the backlog's row is it. */
  vl_map_canvas_select (canvas, saved_card);
  press_keys (GTK_WIDGET (window), "key", "ctrl+a");   /* nothing: the canvas has no text */
  press_keys (GTK_WIDGET (window), "type", "Stored cards");
  press_keys (GTK_WIDGET (window), "key", "Return");
  WAIT_UNTIL (!vl_map_canvas_is_editing (canvas), 5);
  g_assert_cmpstr (vl_record_get_title (saved), ==, "Stored cards");

  /* Delete takes the card off the map; the item stays. */
  press_keys (GTK_WIDGET (window), "key", "Delete");
  WAIT_UNTIL (vl_record_get_deleted (saved_card), 10);
  g_assert_false (vl_record_get_deleted (saved));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);

  /* Ctrl+L on a step places an existing item found by search. */
  vl_map_canvas_select (canvas, pay);
  press_keys (GTK_WIDGET (window), "key", "ctrl+l");
  {
    VlRecordChooser *chooser = NULL;
    g_autoptr(VlRecord) placed = NULL;

    WAIT_UNTIL ((chooser = find_record_chooser ()) != NULL, 5);
    press_keys (GTK_WIDGET (chooser), "type", "guest");
    WAIT_UNTIL (vl_record_chooser_get_n_shown (chooser) == 1, 5);
    press_keys (GTK_WIDGET (chooser), "key", "Return");
    WAIT_UNTIL (find_record_chooser () == NULL, 5);
    placed = vl_map_canvas_dup_selected (canvas);
    g_assert_true (VL_IS_MAP_CARD (placed));
    g_assert_cmpint (vl_record_get_ref_id (placed, "item"), ==, vl_record_get_rowid (guest));
    g_assert_cmpint (vl_record_get_ref_id (placed, "step"), ==, vl_record_get_rowid (pay));
    /* Taken off again: the map as it was. */
    press_keys (GTK_WIDGET (window), "key", "Delete");
    WAIT_UNTIL (vl_record_get_deleted (placed), 10);
  }

  outline = vl_map_dup_outline (map);
  g_assert_cmpstr (outline, ==,
                   "New story map\n"
                   "  Activity: Browse\n"
                   "    Step: Search — 1 card, 0 launched\n"
                   "    Step: Pay — 0 cards, 0 launched\n"
                   "  Release: Release 1 — 1 card, 0 launched\n"
                   "    Card: Guest checkout — status: idea\n"
                   "  Unplanned\n");

  /* The file holds it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_cmpint (vl_test_query_int (file, "SELECT count(*) FROM map WHERE kind = 1 AND deleted = 0"), ==, 1);
  g_assert_cmpint (vl_test_query_int (file, "SELECT count(*) FROM map_card c JOIN item i ON c.item = i.id "
                                            "JOIN map_node s ON c.step = s.id "
                                            "WHERE i.title = 'Guest checkout' AND s.title = 'Search' "
                                            "AND c.deleted = 0"), ==, 1);
  g_assert_cmpint (vl_test_query_int (file, "SELECT count(*) FROM item WHERE title = 'Stored cards' "
                                            "AND deleted = 0"), ==, 1);
out:
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

/* An impact map from an empty plan, with the keyboard alone; levels are
 * enforced, subtrees close and delete with undo. */
static void
test_impact_map_keys (void)
{
  g_autoptr(GFile) file = vl_test_file ("ui-impact.valueloop");
  g_autoptr(GError) error = NULL;
  g_autoptr(VlDocument) made = vl_document_create (file, "Impact", &error);
  VlWindow *window = vl_window_new (NULL);
  g_autoptr(VlRecord) map = NULL, shoppers = NULL, objective = NULL, kr = NULL, goal = NULL, impact = NULL;
  g_autofree char *outline = NULL;
  VlMapsPage *page;
  VlMapCanvas *canvas;
  guint n_boxes;

  /* A key result the goal can be measured by: 2.1 → 2.8, now 2.45. */
  objective = vl_document_insert (made, VL_KIND_OBJECTIVE, NULL, NULL, NULL, &error);
  g_object_set (objective, "title", "Grow", NULL);
  kr = vl_document_insert (made, VL_KIND_KEY_RESULT, objective, NULL, NULL, &error);
  g_object_set (kr, "title", "Mobile conversion", "baseline", 2.1, "target", 2.8, "current", 2.45, NULL);
  g_assert_true (vl_document_publish (made, &error));
  g_clear_object (&kr);
  g_clear_object (&objective);
  g_clear_object (&made);
  page = open_maps (window, file);
  canvas = vl_maps_page_get_canvas (page);
  if (!press_keys (GTK_WIDGET (window), "key", "ctrl+shift+alt+i"))
    goto out;
  WAIT_UNTIL (shown_map (page) != NULL, 5);
  map = g_object_ref (shown_map (page));
  type_title (window, canvas, "Grow mobile");
  press_keys (GTK_WIDGET (window), "key", "Tab");
  type_title (window, canvas, "Shoppers");
  press_keys (GTK_WIDGET (window), "key", "Tab");
  type_title (window, canvas, "Pay faster");
  press_keys (GTK_WIDGET (window), "key", "Tab");
  type_title (window, canvas, "Apple Pay");
  /* A deliverable holds nothing: Tab adds nothing, says why. */
  press_keys (GTK_WIDGET (window), "key", "Tab");
  g_assert_false (vl_map_canvas_is_editing (canvas));
  press_keys (GTK_WIDGET (window), "key", "shift+Return");
  type_title (window, canvas, "Google Pay");
  outline = vl_map_dup_outline (map);
  g_assert_cmpstr (outline, ==,
                   "New impact map\n"
                   "  Goal: Grow mobile\n"
                   "    Actor: Shoppers\n"
                   "      Impact: Pay faster\n"
                   "        Deliverable: Apple Pay\n"
                   "        Deliverable: Google Pay\n");

  /* Alt+Enter on the impact: how it is measured. */
  press_keys (GTK_WIDGET (window), "key", "Left");
  impact = vl_map_canvas_dup_selected (canvas);
  g_assert_cmpstr (vl_record_get_title (impact), ==, "Pay faster");
  press_keys (GTK_WIDGET (window), "key", "alt+Return");
  WAIT_UNTIL (find_dialog_with ("save") != NULL, 5);
  press_keys (GTK_WIDGET (find_dialog_with ("save")), "key", "Tab");
  press_keys (GTK_WIDGET (find_dialog_with ("save")), "type", "seconds to pay");
  press_keys (GTK_WIDGET (find_dialog_with ("save")), "key", "Return");
  WAIT_UNTIL (g_strcmp0 (vl_record_get_string (impact, "measure"), "seconds to pay") == 0, 5);
  g_assert_cmpstr (vl_record_get_title (impact), ==, "Pay faster");
  press_keys (GTK_WIDGET (window), "key", "Right");

  /* Ctrl+L on the goal: measured by a key result found by search; the
   * goal then shows its progress. */
  press_keys (GTK_WIDGET (window), "key", "Left Left Left");
  goal = vl_map_canvas_dup_selected (canvas);
  g_assert_cmpint (vl_record_get_int (goal, "kind"), ==, VL_NODE_KIND_GOAL);
  press_keys (GTK_WIDGET (window), "key", "ctrl+l");
  {
    VlRecordChooser *chooser = NULL;
    g_autoptr(VlRecord) measured = NULL;

    WAIT_UNTIL ((chooser = find_record_chooser ()) != NULL, 5);
    press_keys (GTK_WIDGET (chooser), "type", "mobile conv");
    WAIT_UNTIL (vl_record_chooser_get_n_shown (chooser) == 1, 5);
    press_keys (GTK_WIDGET (chooser), "key", "Return");
    WAIT_UNTIL (find_record_chooser () == NULL, 5);
    measured = vl_record_dup_ref (goal, "key-result");
    g_assert_nonnull (measured);
    g_assert_cmpstr (vl_record_get_title (measured), ==, "Mobile conversion");
  }
  press_keys (GTK_WIDGET (window), "key", "Right Right Right");

  /* Left goes up the tree; Space closes the impact and opens it again. */
  press_keys (GTK_WIDGET (window), "key", "Left");
  {
    g_autofree char *t = selected_title (canvas);

    g_assert_cmpstr (t, ==, "Pay faster");
  }
  n_boxes = vl_map_layout_get_n_boxes (vl_map_canvas_get_layout (canvas));
  press_keys (GTK_WIDGET (window), "key", "space");
  WAIT_UNTIL (boxes_shown (canvas) == n_boxes - 2, 10);
  press_keys (GTK_WIDGET (window), "key", "space");
  WAIT_UNTIL (boxes_shown (canvas) == n_boxes, 10);

  /* Delete the actor with its subtree; undo brings it all back. */
  press_keys (GTK_WIDGET (window), "key", "Left");
  shoppers = vl_map_canvas_dup_selected (canvas);
  g_assert_cmpstr (vl_record_get_title (shoppers), ==, "Shoppers");
  press_keys (GTK_WIDGET (window), "key", "Delete");
  WAIT_UNTIL (boxes_shown (canvas) == 1, 10);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  WAIT_UNTIL (boxes_shown (canvas) == 5, 10);   /* laid out again when idle */

  /* The outline lists the same boxes, follows the selection, and takes
   * the same keys: Tab there adds a child on the map. */
  press_keys (GTK_WIDGET (window), "key", "ctrl+alt+o");
  {
    VlMapOutline *outline_view = VL_MAP_OUTLINE (vl_maps_page_get_outline (page));
    GListModel *rows = vl_map_outline_get_rows (outline_view);
    GtkTreeListRow *row;
    g_autoptr(GObject) item = NULL;

    WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (outline_view)), 5);
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 5);
    row = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (rows));
    g_assert_nonnull (row);
    item = gtk_tree_list_row_get_item (row);
    g_assert_true ((VlRecord *) item == vl_map_canvas_dup_selected (canvas));
    g_object_unref (item);   /* the extra ref dup_selected took */
    press_keys (GTK_WIDGET (window), "key", "Tab");
    type_title (window, canvas, "Loyal shoppers");
    WAIT_UNTIL (g_list_model_get_n_items (rows) == 6, 5);
    press_keys (GTK_WIDGET (window), "key", "ctrl+alt+o");
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (outline_view)));
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_cmpint (vl_test_query_int (file, "SELECT count(*) FROM map_node n JOIN map_node p ON n.parent = p.id "
                                            "WHERE n.title = 'Google Pay' AND n.kind = 3 AND p.title = 'Pay faster' "
                                            "AND n.deleted = 0"), ==, 1);
  g_assert_cmpint (vl_test_query_int (file, "SELECT count(*) FROM map_node WHERE deleted = 0"), ==, 6);
  g_assert_cmpint (vl_test_query_int (file, "SELECT count(*) FROM map_node g JOIN key_result k ON g.key_result = k.id "
                                            "WHERE g.kind = 0 AND k.title = 'Mobile conversion'"), ==, 1);
  g_assert_cmpint (vl_test_query_int (file, "SELECT count(*) FROM map_node WHERE title = 'Pay faster' "
                                            "AND measure = 'seconds to pay'"), ==, 1);

  /* Rename the map in its dialog; delete it, and undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "maps.rename-map", NULL));
  WAIT_UNTIL (find_dialog_with ("rename") != NULL, 5);
  press_keys (GTK_WIDGET (find_dialog_with ("rename")), "key", "ctrl+a");
  press_keys (GTK_WIDGET (find_dialog_with ("rename")), "type", "Mobile growth");
  press_keys (GTK_WIDGET (find_dialog_with ("rename")), "key", "Return");
  WAIT_UNTIL (g_strcmp0 (vl_record_get_title (map), "Mobile growth") == 0, 5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "maps.delete-map", NULL));
  WAIT_UNTIL (g_list_model_get_n_items (vl_maps_page_get_maps (page)) == 0, 10);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  WAIT_UNTIL (g_list_model_get_n_items (vl_maps_page_get_maps (page)) == 1, 10);
  WAIT_UNTIL (boxes_shown (canvas) == 6, 10);
  g_assert_cmpint (vl_test_query_int (file, "SELECT count(*) FROM map_node n JOIN map_node p ON n.parent = p.id "
                                            "WHERE n.title = 'Loyal shoppers' AND n.kind = 1 "
                                            "AND p.title = 'Grow mobile'"), ==, 1);
out:
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

/* A real click of @button at (@x, @y) in @native's coordinates. */
static void
click_at (GtkWidget *native,
          double     x,
          double     y,
          int        button)
{
  g_autofree char *args = NULL;
  double sx, sy;

  gtk_native_get_surface_transform (GTK_NATIVE (native), &sx, &sy);
  args = g_strdup_printf ("mousemove --window WIN %d %d click %d", (int) (sx + x), (int) (sy + y), button);
  run_xdotool (native, args);
}

static gboolean
first_child_is (VlRecord *map,
                VlRecord *parent,
                VlRecord *child)
{
  g_autoptr(GPtrArray) kids = vl_map_dup_children (map, parent);

  return kids->len > 0 && kids->pdata[0] == child;
}

/* The box showing @record, as a point of @window. */
static void
box_point (VlMapCanvas *canvas,
           GtkWidget   *window,
           VlMapBoxKind kind,
           gint64       id,
           double      *x,
           double      *y)
{
  VlMapLayout *layout = vl_map_canvas_get_layout (canvas);
  int index = vl_map_layout_find (layout, kind, id);
  const VlMapBox *box;
  double vx, vy;

  g_assert_cmpint (index, >=, 0);
  box = vl_map_layout_get_box (layout, (guint) index);
  vl_viewport_world_to_view (vl_map_canvas_get_viewport (canvas), box->rect.x + box->rect.width / 2,
                             box->rect.y + box->rect.height / 2, &vx, &vy);
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (canvas), window, vx, vy, x, y));
}

/* The sample's story map with the mouse alone: a card dragged to another
 * step and release, the background dragged to pan. */
static void
test_story_map_pointer (void)
{
  g_autoptr(GFile) file = sample_file ("ui-maps-pointer.valueloop");
  VlWindow *window = vl_window_new (NULL);
  g_autoptr(VlRecord) card = NULL, target = NULL, step = NULL, release = NULL;
  VlMapsPage *page;
  VlMapCanvas *canvas;
  VlMapLayout *layout;
  double x0, y0, x1, y1, before_x;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  page = open_maps (window, file);
  canvas = vl_maps_page_get_canvas (page);
  for (guint i = 0; i < g_list_model_get_n_items (vl_maps_page_get_maps (page)); i++)
    {
      g_autoptr(VlRecord) m = g_list_model_get_item (vl_maps_page_get_maps (page), i);

      if (vl_record_get_int (m, "kind") == VL_MAP_KIND_STORY)
        vl_maps_page_select_map (page, i);
    }
  spin (200);
  layout = vl_map_canvas_get_layout (canvas);
  /* The first card of the first step, and the first card of the second
   * release's second column (another step and release). */
  for (guint i = 0; i < vl_map_layout_get_n_boxes (layout) && (card == NULL || target == NULL); i++)
    {
      const VlMapBox *box = vl_map_layout_get_box (layout, i);

      if (box->kind != VL_MAP_BOX_CARD)
        continue;
      if (card == NULL)
        card = vl_document_lookup (vl_window_get_document (window), VL_KIND_MAP_CARD, box->id);
      else if (box->release != vl_record_get_ref_id (card, "release") &&
               box->step != vl_record_get_ref_id (card, "step"))
        target = vl_document_lookup (vl_window_get_document (window), VL_KIND_MAP_CARD, box->id);
    }
  g_assert_nonnull (card);
  g_assert_nonnull (target);
  step = vl_record_dup_ref (target, "step");
  release = vl_record_dup_ref (target, "release");
  box_point (canvas, GTK_WIDGET (window), VL_MAP_BOX_CARD, vl_record_get_rowid (card), &x0, &y0);
  box_point (canvas, GTK_WIDGET (window), VL_MAP_BOX_CARD, vl_record_get_rowid (target), &x1, &y1);
  if (!pointer_drag (GTK_WIDGET (window), x0, y0, x1, y1 - 20))
    goto out;
  WAIT_UNTIL (vl_record_get_ref_id (card, "step") == vl_record_get_rowid (step), 5);
  g_assert_cmpint (vl_record_get_ref_id (card, "release"), ==, vl_record_get_rowid (release));
  /* Dropped on the upper half of the target: before it. */
  {
    g_autoptr(GPtrArray) slot = vl_map_dup_cards (shown_map (page), step, release);

    g_assert_true (slot->pdata[0] == card);
    g_assert_true (slot->pdata[1] == target);
  }
  /* A step dragged onto the right half of the next step goes after it. */
  {
    VlMapLayout *l = vl_map_canvas_get_layout (canvas);
    g_autoptr(VlRecord) first = NULL, second = NULL, activity = NULL;
    g_autoptr(GPtrArray) steps = NULL;

    for (guint i = 0; i < vl_map_layout_get_n_boxes (l) && second == NULL; i++)
      {
        const VlMapBox *box = vl_map_layout_get_box (l, i);

        if (box->kind == VL_MAP_BOX_NODE && box->node_kind == VL_NODE_KIND_STEP)
          {
            if (first == NULL)
              first = vl_document_lookup (vl_window_get_document (window), VL_KIND_MAP_NODE, box->id);
            else
              second = vl_document_lookup (vl_window_get_document (window), VL_KIND_MAP_NODE, box->id);
          }
      }
    box_point (canvas, GTK_WIDGET (window), VL_MAP_BOX_NODE, vl_record_get_rowid (first), &x0, &y0);
    box_point (canvas, GTK_WIDGET (window), VL_MAP_BOX_NODE, vl_record_get_rowid (second), &x1, &y1);
    pointer_drag (GTK_WIDGET (window), x0, y0, x1 + 40, y1);
    activity = vl_record_dup_ref (first, "parent");
    WAIT_UNTIL (first_child_is (shown_map (page), activity, second), 5);
    steps = vl_map_dup_children (shown_map (page), activity);
    g_assert_true (steps->pdata[1] == first);
  }

  /* With the mouse alone: a right click on a step, Add Child in its menu,
   * a new card (its title typed), then Delete from the card's menu. */
  {
    VlMapLayout *l = vl_map_canvas_get_layout (canvas);
    g_autoptr(VlRecord) step_node = NULL, made = NULL;
    GtkWidget *menu = NULL;
    double mx, my;

    for (guint i = 0; i < vl_map_layout_get_n_boxes (l) && step_node == NULL; i++)
      if (vl_map_layout_get_box (l, i)->node_kind == VL_NODE_KIND_STEP &&
          vl_map_layout_get_box (l, i)->kind == VL_MAP_BOX_NODE)
        step_node = vl_document_lookup (vl_window_get_document (window), VL_KIND_MAP_NODE,
                                        vl_map_layout_get_box (l, i)->id);
    box_point (canvas, GTK_WIDGET (window), VL_MAP_BOX_NODE, vl_record_get_rowid (step_node), &x0, &y0);
    click_at (GTK_WIDGET (window), x0, y0, 3);
    for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (canvas)); c != NULL; c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_POPOVER_MENU (c))
        menu = c;
    g_assert_nonnull (menu);
    WAIT_UNTIL (gtk_widget_get_mapped (menu) && label_point (menu, menu, "Add Child", &mx, &my), 5);
    click_at (menu, mx + 10, my + 5, 1);
    WAIT_UNTIL (vl_map_canvas_is_editing (canvas), 5);
    press_keys (GTK_WIDGET (window), "type", "Made with the mouse");
    press_keys (GTK_WIDGET (window), "key", "Return");
    WAIT_UNTIL (!vl_map_canvas_is_editing (canvas), 5);
    made = vl_map_canvas_dup_selected (canvas);
    g_assert_true (VL_IS_MAP_CARD (made));
    g_assert_cmpint (vl_record_get_ref_id (made, "step"), ==, vl_record_get_rowid (step_node));
    g_assert_nonnull (item_titled (window, "Made with the mouse"));

    box_point (canvas, GTK_WIDGET (window), VL_MAP_BOX_CARD, vl_record_get_rowid (made), &x0, &y0);
    click_at (GTK_WIDGET (window), x0, y0, 3);
    WAIT_UNTIL (gtk_widget_get_mapped (menu) && label_point (menu, menu, "Delete", &mx, &my), 5);
    click_at (menu, mx + 10, my + 5, 1);
    WAIT_UNTIL (vl_record_get_deleted (made), 5);
  }

  /* Ctrl+F and typing highlights: a status, an AARRR stage, a title. */
  {
    guint all = vl_map_canvas_count_highlighted (canvas);
    GtkWidget *entry;

    gtk_widget_grab_focus (GTK_WIDGET (canvas));
    press_keys (GTK_WIDGET (window), "key", "ctrl+f");
    entry = gtk_root_get_focus (GTK_ROOT (window));
    g_assert_true (GTK_IS_TEXT (entry) || GTK_IS_SEARCH_ENTRY (entry));
    press_keys (GTK_WIDGET (window), "type", "reviewed");
    WAIT_UNTIL (vl_map_canvas_count_highlighted (canvas) < all, 5);
    g_assert_cmpuint (vl_map_canvas_count_highlighted (canvas), >, 0);
    g_assert_cmpuint (vl_map_canvas_count_highlighted (canvas), ==,
                      (guint) vl_test_query_int (file, "SELECT count(*) FROM map_card c JOIN item i ON c.item = i.id "
                                                       "JOIN map m ON c.map = m.id WHERE m.kind = 1 AND i.status = 5 "
                                                       "AND c.deleted = 0 AND i.deleted = 0"));
    press_keys (GTK_WIDGET (window), "key", "Escape");
    WAIT_UNTIL (vl_map_canvas_count_highlighted (canvas) == all, 5);
  }

  /* Ctrl+wheel zooms around the pointer: the point under it stays. */
  {
    VlViewport *v = vl_map_canvas_get_viewport (canvas);
    double cx, cy, wx0, wy0, wx1, wy1, zoom = vl_viewport_get_zoom (v);
    g_autofree char *args = NULL;
    double sx, sy;

    gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
    g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (canvas), GTK_WIDGET (window), 300, 200, &cx, &cy));
    vl_viewport_view_to_world (v, 300, 200, &wx0, &wy0);
    args = g_strdup_printf ("mousemove --window WIN %d %d keydown ctrl click 4 keyup ctrl",
                            (int) (sx + cx), (int) (sy + cy));
    run_xdotool (GTK_WIDGET (window), args);
    WAIT_UNTIL (vl_viewport_get_zoom (v) > zoom, 5);
    vl_viewport_view_to_world (v, 300, 200, &wx1, &wy1);
    g_assert_cmpfloat (fabs (wx1 - wx0), <, 2);
    g_assert_cmpfloat (fabs (wy1 - wy0), <, 2);
  }

  /* The map's empty corner dragged: the view pans by as much. */
  before_x = vl_viewport_get_x (vl_map_canvas_get_viewport (canvas));
  {
    double cx, cy;

    g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (canvas), GTK_WIDGET (window), 30,
                                                     gtk_widget_get_height (GTK_WIDGET (canvas)) - 30, &cx, &cy));
    pointer_drag (GTK_WIDGET (window), cx, cy, cx + 100, cy);
  }
  g_assert_cmpfloat (vl_viewport_get_x (vl_map_canvas_get_viewport (canvas)), <, before_x - 50);
out:
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

/* ---- the shortcuts window ---------------------------------------------------------- */

/* Every key of the Maps page is in the shortcuts window's Maps group, and
 * every key listed there does something on the page. */
static void
test_shortcuts_listed (void)
{
  VlWindow *window = vl_window_new (NULL);
  GtkWidget *page = vl_window_get_maps_page (window);
  GtkWidget *widgets[] = { page, GTK_WIDGET (vl_maps_page_get_canvas (VL_MAPS_PAGE (page))), NULL };

  g_assert_cmpuint (assert_shortcuts_listed (widgets, "Maps"), >=, 20);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  if (!vl_ui_test_init (&argc, &argv))
    return 0;
  g_test_add_func ("/ui/maps/story-map-keys", test_story_map_keys);
  g_test_add_func ("/ui/maps/impact-map-keys", test_impact_map_keys);
  g_test_add_func ("/ui/maps/story-map-pointer", test_story_map_pointer);
  g_test_add_func ("/ui/maps/shortcuts-listed", test_shortcuts_listed);
  return g_test_run ();
}
