/* test-map.c — the map viewport, layout and rules (DESIGN §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "vl-json.h"
#include "vl-map.h"
#include "vl-map-steps.h"
#include "vl-sample.h"
#include "vl-merge.h"
#include "vl-test-util.h"
#include "vl-viewport.h"

#define assert_near(a, b) g_assert_cmpfloat_with_epsilon ((a), (b), 1e-9)

/* ---- viewport ------------------------------------------------------------ */

static void
test_viewport_convert (void)
{
  g_autoptr(VlViewport) v = vl_viewport_new ();
  double wx, wy, vx, vy;

  vl_viewport_set_size (v, 800, 600);
  vl_viewport_set_zoom (v, 2);
  vl_viewport_set_origin (v, 10, 20);
  vl_viewport_view_to_world (v, 100, 50, &wx, &wy);
  assert_near (wx, 60);
  assert_near (wy, 45);
  vl_viewport_world_to_view (v, wx, wy, &vx, &vy);
  assert_near (vx, 100);
  assert_near (vy, 50);
  /* A drag to the right shows what was on the left. */
  vl_viewport_pan (v, 40, -20);
  assert_near (vl_viewport_get_x (v), -10);
  assert_near (vl_viewport_get_y (v), 30);
  vl_viewport_set_zoom (v, 1000);
  assert_near (vl_viewport_get_zoom (v), VL_VIEWPORT_MAX_ZOOM);
  vl_viewport_set_zoom (v, 0);
  assert_near (vl_viewport_get_zoom (v), VL_VIEWPORT_MIN_ZOOM);
}

static void
test_viewport_zoom_at (void)
{
  g_autoptr(VlViewport) v = vl_viewport_new ();
  double before_x, before_y, after_x, after_y;

  vl_viewport_set_size (v, 800, 600);
  vl_viewport_set_origin (v, -50, 70);
  for (int step = 0; step < 40; step++)
    {
      double factor = step < 20 ? 1.25 : 0.8;

      /* The world point under the pointer stays under it, clamped or not. */
      vl_viewport_view_to_world (v, 300, 200, &before_x, &before_y);
      vl_viewport_zoom_at (v, 300, 200, factor);
      vl_viewport_view_to_world (v, 300, 200, &after_x, &after_y);
      g_assert_cmpfloat (fabs (after_x - before_x), <, 1e-6);
      g_assert_cmpfloat (fabs (after_y - before_y), <, 1e-6);
    }
  g_assert_cmpfloat (vl_viewport_get_zoom (v), <=, VL_VIEWPORT_MAX_ZOOM);
}

static void
test_viewport_fit_and_follow (void)
{
  g_autoptr(VlViewport) v = vl_viewport_new ();
  VlRect map = { 100, 200, 4000, 1000 }, shown, card = { 500, 900, 200, 80 };

  vl_viewport_set_size (v, 1000, 500);
  vl_viewport_fit (v, &map, 20, 1.0);
  /* Width decides: (1000 − 40) / 4000; the map is centred. */
  assert_near (vl_viewport_get_zoom (v), 960.0 / 4000);
  vl_viewport_get_visible (v, &shown);
  g_assert_cmpfloat (shown.x, <=, map.x);
  g_assert_cmpfloat (shown.x + shown.width, >=, map.x + map.width);
  assert_near (shown.y + shown.height / 2, map.y + map.height / 2);
  /* A small map is not blown up past the given zoom. */
  map = (VlRect) { 0, 0, 100, 50 };
  vl_viewport_fit (v, &map, 20, 1.0);
  assert_near (vl_viewport_get_zoom (v), 1.0);

  /* Follow the selection: the least scroll, none when it shows. */
  vl_viewport_set_zoom (v, 1);
  vl_viewport_set_origin (v, 0, 0);
  g_assert_true (vl_viewport_ensure_visible (v, &card, 10));
  vl_viewport_get_visible (v, &shown);
  assert_near (shown.y + shown.height, card.y + card.height + 10);
  assert_near (shown.x, 0);
  g_assert_false (vl_viewport_ensure_visible (v, &card, 10));
  card.x = -300;
  g_assert_true (vl_viewport_ensure_visible (v, &card, 10));
  assert_near (vl_viewport_get_x (v), -310);
}

/* ---- layout ---------------------------------------------------------------- */

static gboolean
overlap (const VlRect *a,
         const VlRect *b)
{
  return vl_rect_intersects (a, b);
}

static void
assert_no_overlaps (VlMapLayout *layout)
{
  guint n = vl_map_layout_get_n_boxes (layout);

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        const VlMapBox *a = vl_map_layout_get_box (layout, i), *b = vl_map_layout_get_box (layout, j);

        if (overlap (&a->rect, &b->rect))
          g_error ("boxes %u (%" G_GINT64_FORMAT ") and %u (%" G_GINT64_FORMAT ") overlap", i, a->id, j,
                   b->id);
      }
}

static const VlMapBox *
box_of (VlMapLayout  *layout,
        VlMapBoxKind  kind,
        gint64        id)
{
  int i = vl_map_layout_find (layout, kind, id);

  g_assert_cmpint (i, >=, 0);
  return vl_map_layout_get_box (layout, (guint) i);
}

static void
test_layout_impact (void)
{
  /* goal 1 → actors 2, 3; 2 → impacts 4, 5; 3 → impact 6 → deliverables 7, 8.
   * Ranks put 3 before 2. */
  const VlMapLayoutNode nodes[] = {
    { 7, 6, VL_NODE_KIND_DELIVERABLE, "a0", "07" },
    { 1, 0, VL_NODE_KIND_GOAL, "a0", "01" },
    { 2, 1, VL_NODE_KIND_ACTOR, "b0", "02" },
    { 3, 1, VL_NODE_KIND_ACTOR, "a0", "03" },
    { 4, 2, VL_NODE_KIND_IMPACT, "a0", "04" },
    { 5, 2, VL_NODE_KIND_IMPACT, "a1", "05" },
    { 6, 3, VL_NODE_KIND_IMPACT, "a0", "06" },
    { 8, 6, VL_NODE_KIND_DELIVERABLE, "a0", "08" },  /* same rank as 7: by uuid */
  };
  g_autoptr(VlMapLayout) layout = vl_map_layout_new (VL_MAP_KIND_IMPACT, nodes, G_N_ELEMENTS (nodes),
                                                     NULL, 0, NULL);
  g_autoptr(GHashTable) collapsed = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 closed = 3;
  const VlMapBox *g, *a2, *a3, *d7, *d8, *i4, *i5, *i6;

  g_assert_cmpuint (vl_map_layout_get_n_boxes (layout), ==, 8);
  assert_no_overlaps (layout);
  g = box_of (layout, VL_MAP_BOX_NODE, 1);
  a2 = box_of (layout, VL_MAP_BOX_NODE, 2);
  a3 = box_of (layout, VL_MAP_BOX_NODE, 3);
  i4 = box_of (layout, VL_MAP_BOX_NODE, 4);
  i5 = box_of (layout, VL_MAP_BOX_NODE, 5);
  i6 = box_of (layout, VL_MAP_BOX_NODE, 6);
  d7 = box_of (layout, VL_MAP_BOX_NODE, 7);
  d8 = box_of (layout, VL_MAP_BOX_NODE, 8);
  /* One column per level, left to right. */
  assert_near (g->rect.x, 0);
  g_assert_cmpfloat (a2->rect.x, >, g->rect.x + g->rect.width);
  assert_near (a2->rect.x, a3->rect.x);
  assert_near (d7->rect.x, d8->rect.x);
  g_assert_cmpfloat (d7->rect.x, >, i6->rect.x);
  /* Rank order top to bottom (3 before 2; 7 before 8 by uuid). */
  g_assert_cmpfloat (a3->rect.y, <, a2->rect.y);
  g_assert_cmpfloat (d7->rect.y, <, d8->rect.y);
  g_assert_cmpfloat (i4->rect.y, <, i5->rect.y);
  /* A parent is centred on its children. */
  assert_near (i6->rect.y, (d7->rect.y + d8->rect.y) / 2);
  assert_near (a2->rect.y, (i4->rect.y + i5->rect.y) / 2);
  assert_near (g->rect.y, (a3->rect.y + a2->rect.y) / 2);
  g_assert_cmpint (a3->parent, ==, vl_map_layout_find (layout, VL_MAP_BOX_NODE, 1));
  g_assert_cmpuint (g->n_children, ==, 2);

  /* Closing actor 3 hides its subtree. */
  g_hash_table_add (collapsed, &closed);
  g_clear_pointer (&layout, vl_map_layout_free);
  layout = vl_map_layout_new (VL_MAP_KIND_IMPACT, nodes, G_N_ELEMENTS (nodes), NULL, 0, collapsed);
  g_assert_cmpuint (vl_map_layout_get_n_boxes (layout), ==, 5);
  g_assert_cmpint (vl_map_layout_find (layout, VL_MAP_BOX_NODE, 7), ==, -1);
  g_assert_true (box_of (layout, VL_MAP_BOX_NODE, 3)->collapsed);
  assert_no_overlaps (layout);
}

static void
test_layout_story (void)
{
  /* Activities 1 (steps 3, 4) and 2 (step 5); releases 10, 11 (11 first). */
  const VlMapLayoutNode nodes[] = {
    { 1, 0, VL_NODE_KIND_ACTIVITY, "a0", "01" },
    { 2, 0, VL_NODE_KIND_ACTIVITY, "a1", "02" },
    { 3, 1, VL_NODE_KIND_STEP, "a0", "03" },
    { 4, 1, VL_NODE_KIND_STEP, "a1", "04" },
    { 5, 2, VL_NODE_KIND_STEP, "a0", "05" },
    { 10, 0, VL_NODE_KIND_RELEASE, "b1", "10" },
    { 11, 0, VL_NODE_KIND_RELEASE, "b0", "11" },
  };
  const VlMapLayoutCard cards[] = {
    { 100, 3, 10, "a0", "100" },
    { 101, 3, 10, "a1", "101" },
    { 102, 3, 10, "a2", "102" },
    { 103, 4, 11, "a0", "103" },
    { 104, 5, 0, "a0", "104" },    /* Unplanned */
    { 105, 5, 10, "a0", "105" },
    { 106, 0, 11, "a0", "106" },   /* its step was deleted on another device */
  };
  g_autoptr(VlMapLayout) layout = vl_map_layout_new (VL_MAP_KIND_STORY, nodes, G_N_ELEMENTS (nodes),
                                                     cards, G_N_ELEMENTS (cards), NULL);
  g_autoptr(GHashTable) collapsed = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 closed[] = { 10, 1 };
  const VlMapBox *s3, *s4, *s5, *r10, *r11, *un, *c100, *c101, *c102, *c103, *c104, *c105, *a1;
  gint64 step, release;

  assert_no_overlaps (layout);
  a1 = box_of (layout, VL_MAP_BOX_NODE, 1);
  s3 = box_of (layout, VL_MAP_BOX_NODE, 3);
  s4 = box_of (layout, VL_MAP_BOX_NODE, 4);
  s5 = box_of (layout, VL_MAP_BOX_NODE, 5);
  r10 = box_of (layout, VL_MAP_BOX_RELEASE, 10);
  r11 = box_of (layout, VL_MAP_BOX_RELEASE, 11);
  un = box_of (layout, VL_MAP_BOX_UNPLANNED, 0);
  c100 = box_of (layout, VL_MAP_BOX_CARD, 100);
  c101 = box_of (layout, VL_MAP_BOX_CARD, 101);
  c102 = box_of (layout, VL_MAP_BOX_CARD, 102);
  c103 = box_of (layout, VL_MAP_BOX_CARD, 103);
  c104 = box_of (layout, VL_MAP_BOX_CARD, 104);
  c105 = box_of (layout, VL_MAP_BOX_CARD, 105);
  /* The backbone: activity 1 spans its two steps; steps left to right. */
  assert_near (a1->rect.x, s3->rect.x);
  assert_near (a1->rect.x + a1->rect.width, s4->rect.x + s4->rect.width);
  g_assert_cmpfloat (s3->rect.x, <, s4->rect.x);
  g_assert_cmpfloat (s4->rect.x, <, s5->rect.x);
  g_assert_cmpfloat (s3->rect.y, >, a1->rect.y);
  /* Rows: release 11 (rank b0), release 10, Unplanned last. */
  g_assert_cmpfloat (r11->rect.y, <, r10->rect.y);
  g_assert_cmpfloat (r10->rect.y, <, un->rect.y);
  g_assert_cmpuint (r10->n_children, ==, 4);
  /* Cards stack under their step, in their release's row, by rank. */
  assert_near (c100->rect.x, s3->rect.x);
  g_assert_cmpfloat (c100->rect.y, <, c101->rect.y);
  g_assert_cmpfloat (c101->rect.y, <, c102->rect.y);
  assert_near (c100->rect.y, r10->rect.y);
  assert_near (c103->rect.x, s4->rect.x);
  assert_near (c103->rect.y, r11->rect.y);
  assert_near (c104->rect.y, un->rect.y);
  assert_near (c105->rect.x, s5->rect.x);
  /* Release 10's row is as tall as its tallest stack. */
  g_assert_cmpfloat (r10->rect.height, >=, c102->rect.y + c102->rect.height - r10->rect.y);
  /* A card whose step is gone is shown in a column of its own, last. */
  {
    const VlMapBox *loose = box_of (layout, VL_MAP_BOX_LOOSE, 0);
    const VlMapBox *c106 = box_of (layout, VL_MAP_BOX_CARD, 106);

    g_assert_cmpfloat (loose->rect.x, >, s5->rect.x);
    assert_near (c106->rect.x, loose->rect.x);
    assert_near (c106->rect.y, r11->rect.y);
    g_assert_cmpint (c106->parent, ==, vl_map_layout_find (layout, VL_MAP_BOX_LOOSE, 0));
  }
  /* Slots: where a dropped card goes, and the one next to a card. */
  g_assert_true (vl_map_layout_slot_at (layout, s4->rect.x + 5, r10->rect.y + 5, &step, &release));
  g_assert_cmpint (step, ==, 4);
  g_assert_cmpint (release, ==, 10);
  g_assert_true (vl_map_layout_neighbour_slot (layout, vl_map_layout_find (layout, VL_MAP_BOX_CARD, 103),
                                               1, 1, &step, &release));
  g_assert_cmpint (step, ==, 5);
  g_assert_cmpint (release, ==, 10);
  g_assert_false (vl_map_layout_neighbour_slot (layout, vl_map_layout_find (layout, VL_MAP_BOX_CARD, 104),
                                                0, 1, &step, &release));
  /* Arrows: right from step 3 is step 4, down from step 3 its first card. */
  g_assert_cmpint (vl_map_layout_nearest (layout, vl_map_layout_find (layout, VL_MAP_BOX_NODE, 3), 1, 0),
                   ==, vl_map_layout_find (layout, VL_MAP_BOX_NODE, 4));
  g_assert_cmpint (vl_map_layout_nearest (layout, vl_map_layout_find (layout, VL_MAP_BOX_NODE, 4), 0, 1),
                   ==, vl_map_layout_find (layout, VL_MAP_BOX_CARD, 103));

  /* Closing release 10 hides its cards; closing activity 1 its steps. */
  g_hash_table_add (collapsed, &closed[0]);
  g_hash_table_add (collapsed, &closed[1]);
  g_clear_pointer (&layout, vl_map_layout_free);
  layout = vl_map_layout_new (VL_MAP_KIND_STORY, nodes, G_N_ELEMENTS (nodes), cards, G_N_ELEMENTS (cards),
                              collapsed);
  assert_no_overlaps (layout);
  g_assert_cmpint (vl_map_layout_find (layout, VL_MAP_BOX_CARD, 105), ==, -1);
  g_assert_cmpint (vl_map_layout_find (layout, VL_MAP_BOX_NODE, 3), ==, -1);
  g_assert_cmpint (vl_map_layout_find (layout, VL_MAP_BOX_CARD, 103), ==, -1);
  g_assert_cmpint (vl_map_layout_find (layout, VL_MAP_BOX_CARD, 104), >=, 0);
  g_assert_true (box_of (layout, VL_MAP_BOX_RELEASE, 10)->collapsed);
}

/* Random maps of either kind: no two boxes overlap, the layout does not
 * depend on the order rows come in (two devices read them differently),
 * and the spatial index answers what a scan of every box answers. */
static void
test_layout_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261201);

  for (int round = 0; round < 12; round++)
    {
      VlMapKind kind = round % 2 ? VL_MAP_KIND_STORY : VL_MAP_KIND_IMPACT;
      guint n = 40 + g_rand_int_range (rand, 0, 400), n_cards = kind == VL_MAP_KIND_STORY ? n : 0;
      g_autofree VlMapLayoutNode *nodes = g_new0 (VlMapLayoutNode, n);
      g_autofree VlMapLayoutCard *cards = g_new0 (VlMapLayoutCard, MAX (n_cards, 1));
      g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(VlMapLayout) a = NULL, b = NULL;
      g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) releases = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (guint i = 0; i < n; i++)
        {
          char *rank = g_strdup_printf ("a%c", 'a' + g_rand_int_range (rand, 0, 5));
          char *uuid = g_strdup_printf ("%08x", g_rand_int (rand));
          gint64 id = i + 1, parent = i == 0 ? 0 : g_rand_int_range (rand, 0, (int) i) + 1;
          VlNodeKind k = VL_NODE_KIND_IMPACT;

          g_ptr_array_add (strings, rank);
          g_ptr_array_add (strings, uuid);
          if (kind == VL_MAP_KIND_STORY)
            {
              /* A third releases, a third activities, a third steps. */
              guint third = i % 3;

              k = third == 0 ? VL_NODE_KIND_RELEASE : third == 1 ? VL_NODE_KIND_ACTIVITY : VL_NODE_KIND_STEP;
              parent = k == VL_NODE_KIND_STEP ? (gint64) i : 0;   /* the activity just before */
              g_array_append_val (k == VL_NODE_KIND_STEP ? steps : k == VL_NODE_KIND_RELEASE ? releases : steps,
                                  id);
              if (k == VL_NODE_KIND_ACTIVITY)
                g_array_remove_index (steps, steps->len - 1);
            }
          nodes[i] = (VlMapLayoutNode) { id, parent, k, rank, uuid };
        }
      for (guint i = 0; i < n_cards; i++)
        {
          char *rank = g_strdup_printf ("a%c", 'a' + g_rand_int_range (rand, 0, 9));
          char *uuid = g_strdup_printf ("%08x", g_rand_int (rand));
          gint64 release = g_rand_boolean (rand)
                           ? g_array_index (releases, gint64, g_rand_int_range (rand, 0, (int) releases->len))
                           : 0;

          g_ptr_array_add (strings, rank);
          g_ptr_array_add (strings, uuid);
          cards[i] = (VlMapLayoutCard) { 1000 + i,
                                         g_array_index (steps, gint64, g_rand_int_range (rand, 0, (int) steps->len)),
                                         release, rank, uuid };
        }
      a = vl_map_layout_new (kind, nodes, n, cards, n_cards, NULL);
      g_assert_cmpuint (vl_map_layout_get_n_boxes (a), >=, n);
      assert_no_overlaps (a);
      /* Shuffled input, same picture. */
      for (guint i = n - 1; i > 0; i--)
        {
          guint j = (guint) g_rand_int_range (rand, 0, (int) i + 1);
          VlMapLayoutNode t = nodes[i];

          nodes[i] = nodes[j];
          nodes[j] = t;
        }
      b = vl_map_layout_new (kind, nodes, n, cards, n_cards, NULL);
      g_assert_cmpuint (vl_map_layout_get_n_boxes (a), ==, vl_map_layout_get_n_boxes (b));
      for (guint i = 0; i < vl_map_layout_get_n_boxes (a); i++)
        {
          const VlMapBox *x = vl_map_layout_get_box (a, i);
          const VlMapBox *y = box_of (b, x->kind, x->id);

          g_assert_cmpmem (&x->rect, sizeof x->rect, &y->rect, sizeof y->rect);
        }
      /* The spatial index against a scan, over random areas. */
      for (int q = 0; q < 50; q++)
        {
          VlRect bounds, area;
          g_autoptr(GArray) found = NULL;
          guint expect = 0;

          vl_map_layout_get_bounds (a, &bounds);
          area.x = g_rand_double_range (rand, bounds.x - 200, bounds.x + bounds.width);
          area.y = g_rand_double_range (rand, bounds.y - 200, bounds.y + bounds.height);
          area.width = g_rand_double_range (rand, 1, 1500);
          area.height = g_rand_double_range (rand, 1, 900);
          found = vl_map_layout_query (a, &area);
          for (guint i = 0; i < vl_map_layout_get_n_boxes (a); i++)
            if (vl_rect_intersects (&area, &vl_map_layout_get_box (a, i)->rect))
              expect++;
          g_assert_cmpuint (found->len, ==, expect);
          for (guint k = 1; k < found->len; k++)
            g_assert_cmpuint (g_array_index (found, guint, k - 1), <, g_array_index (found, guint, k));
          if (found->len > 0)
            {
              const VlMapBox *hit = vl_map_layout_get_box (a, g_array_index (found, guint, 0));
              double cx = hit->rect.x + hit->rect.width / 2, cy = hit->rect.y + hit->rect.height / 2;

              g_assert_cmpint (vl_map_layout_hit (a, cx, cy), ==, (int) g_array_index (found, guint, 0));
            }
        }
    }
}

/* ---- rules, on a real plan --------------------------------------------------- */

static VlDocument *
new_plan (const char *name)
{
  g_autoptr(GFile) file = vl_test_file (name);
  g_autoptr(GError) error = NULL;
  VlDocument *doc = vl_document_create (file, "Maps", &error);

  g_assert_no_error (error);
  return doc;
}

static void
test_rules_impact (void)
{
  g_autoptr(VlDocument) doc = new_plan ("map-impact.valueloop");
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) map = vl_map_create (doc, VL_MAP_KIND_IMPACT, "Grow mobile", NULL, &error);
  g_autoptr(GPtrArray) top = NULL;
  g_autoptr(VlRecord) actor = NULL, impact = NULL, deliverable = NULL, other = NULL, refused = NULL;
  g_autofree char *outline = NULL;
  g_autoptr(VlRecord) goal = NULL;
  guint n_nodes, n_cards;

  g_assert_no_error (error);
  top = vl_map_dup_children (map, NULL);
  g_assert_cmpuint (top->len, ==, 1);
  goal = g_object_ref (top->pdata[0]);
  g_assert_cmpstr (vl_record_get_title (goal), ==, "Grow mobile");
  g_assert_cmpint (vl_record_get_int (goal, "kind"), ==, VL_NODE_KIND_GOAL);

  actor = vl_map_add_node (map, VL_NODE_KIND_ACTOR, goal, NULL, "Shoppers", &error);
  impact = vl_map_add_node (map, VL_NODE_KIND_IMPACT, actor, NULL, "Pay faster", &error);
  deliverable = vl_map_add_node (map, VL_NODE_KIND_DELIVERABLE, impact, NULL, "Apple Pay", &error);
  other = vl_map_add_node (map, VL_NODE_KIND_ACTOR, goal, NULL, "Support", &error);
  g_assert_no_error (error);

  /* Levels are enforced, and the message names both nodes. */
  refused = vl_map_add_node (map, VL_NODE_KIND_ACTOR, deliverable, NULL, "Shoppers 2", &error);
  g_assert_null (refused);
  g_assert_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Apple Pay"));
  g_assert_nonnull (strstr (error->message, "Shoppers 2"));
  g_clear_error (&error);
  g_assert_false (vl_map_move_node (other, impact, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "Pay faster"));
  g_assert_nonnull (strstr (error->message, "Support"));
  g_clear_error (&error);

  /* Reorder, and undo puts it back. */
  g_assert_true (vl_map_reorder_node (other, -1, &error));
  g_clear_pointer (&top, g_ptr_array_unref);
  top = vl_map_dup_children (map, goal);
  g_assert_true (top->pdata[0] == other);
  g_assert_true (vl_document_undo (doc, &error));
  g_clear_pointer (&top, g_ptr_array_unref);
  top = vl_map_dup_children (map, goal);
  g_assert_true (top->pdata[0] == actor);
  g_assert_false (vl_map_reorder_node (actor, -1, &error));   /* already first */
  g_assert_no_error (error);

  /* Delete a subtree in one step; undo brings all of it back. */
  vl_map_count (map, &n_nodes, &n_cards);
  g_assert_cmpuint (n_nodes, ==, 5);
  g_assert_true (vl_map_delete_node (actor, &error));
  vl_map_count (map, &n_nodes, &n_cards);
  g_assert_cmpuint (n_nodes, ==, 2);
  g_assert_true (vl_record_get_deleted (deliverable));
  g_assert_true (vl_document_undo (doc, &error));
  vl_map_count (map, &n_nodes, &n_cards);
  g_assert_cmpuint (n_nodes, ==, 5);

  outline = vl_map_dup_outline (map);
  g_assert_nonnull (strstr (outline, "  Goal: Grow mobile\n    Actor: Shoppers\n      Impact: Pay faster\n"
                                     "        Deliverable: Apple Pay\n    Actor: Support\n"));
}

static void
test_rules_story (void)
{
  g_autoptr(VlDocument) doc = new_plan ("map-story.valueloop");
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) backlog = vl_document_insert (doc, VL_KIND_BACKLOG, NULL, NULL, NULL, &error);
  g_autoptr(VlRecord) map = NULL, card = NULL, card2 = NULL, r2 = NULL, item = NULL, step2 = NULL;
  g_autoptr(GPtrArray) top = NULL, steps = NULL, slot = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(VlMapLayout) layout = NULL;
  g_autofree char *said = NULL;
  VlRecord *activity, *release, *step;

  g_object_set (backlog, "name", "Storefront", NULL);
  map = vl_map_create (doc, VL_MAP_KIND_STORY, "Buy on mobile", backlog, &error);
  g_assert_no_error (error);
  top = vl_map_dup_children (map, NULL);
  g_assert_cmpuint (top->len, ==, 2);   /* an activity and a release */
  activity = top->pdata[0];
  release = top->pdata[1];
  g_assert_cmpint (vl_record_get_int (release, "kind"), ==, VL_NODE_KIND_RELEASE);
  steps = vl_map_dup_children (map, activity);
  step = steps->pdata[0];
  step2 = vl_map_add_node (map, VL_NODE_KIND_STEP, activity, step, "Pay", &error);
  r2 = vl_map_add_node (map, VL_NODE_KIND_RELEASE, NULL, release, "Release 2", &error);
  g_assert_no_error (error);

  /* A new card is a new item of the map's backlog, with the same title. */
  card = vl_map_new_card_item (map, step, release, NULL, "Guest checkout", &error);
  g_assert_no_error (error);
  item = vl_record_dup_ref (card, "item");
  g_assert_cmpstr (vl_record_get_title (item), ==, "Guest checkout");
  items = vl_document_list (doc, VL_KIND_ITEM, "backlog", backlog);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 1);
  g_assert_true (vl_document_undo (doc, &error));   /* one step: card and item */
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 0);
  g_assert_true (vl_document_redo (doc, &error));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 1);
  g_assert_false (vl_record_get_deleted (card));
  card2 = vl_map_add_card (map, item, step, NULL, NULL, &error);   /* the same item, Unplanned */
  g_assert_no_error (error);
  g_assert_null (vl_map_add_card (map, item, activity, NULL, NULL, &error));
  g_assert_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);

  /* Moving a card to another step and release is one write, one undo. */
  g_assert_true (vl_map_move_card (card, step2, r2, NULL, &error));
  g_assert_cmpint (vl_record_get_ref_id (card, "step"), ==, vl_record_get_rowid (step2));
  g_assert_cmpint (vl_record_get_ref_id (card, "release"), ==, vl_record_get_rowid (r2));
  layout = vl_map_build_layout (map, NULL);
  g_assert_cmpfloat (box_of (layout, VL_MAP_BOX_CARD, vl_record_get_rowid (card))->rect.x, ==,
                     box_of (layout, VL_MAP_BOX_NODE, vl_record_get_rowid (step2))->rect.x);
  said = vl_map_describe (step2);
  g_assert_cmpstr (said, ==, "Step: Pay — 1 card, 0 launched");
  g_assert_true (vl_document_undo (doc, &error));
  g_assert_cmpint (vl_record_get_ref_id (card, "step"), ==, vl_record_get_rowid (step));
  g_assert_cmpint (vl_record_get_ref_id (card, "release"), ==, vl_record_get_rowid (release));

  /* Deleting a release leaves its cards Unplanned; deleting a step takes
   * its cards off the map, never the items. */
  g_assert_true (vl_map_delete_node (release, &error));
  g_clear_pointer (&layout, vl_map_layout_free);
  layout = vl_map_build_layout (map, NULL);
  g_assert_cmpint (box_of (layout, VL_MAP_BOX_CARD, vl_record_get_rowid (card))->release, ==, 0);
  g_assert_true (vl_map_delete_node (step, &error));
  g_assert_true (vl_record_get_deleted (card));
  g_assert_true (vl_record_get_deleted (card2));
  g_assert_false (vl_record_get_deleted (item));
  g_assert_true (vl_document_undo (doc, &error));
  g_assert_true (vl_document_undo (doc, &error));
  slot = vl_map_dup_cards (map, step, release);
  g_assert_cmpuint (slot->len, ==, 1);
  g_assert_true (slot->pdata[0] == card);
}

static gboolean
lights (const VlMapStep *step,
        int              box)
{
  for (guint i = 0; step->lit != NULL && i < step->lit->len; i++)
    if (g_array_index (step->lit, guint, i) == (guint) box)
      return TRUE;
  return step->lit == NULL;
}

static gboolean
contains_rect (const VlRect *outer,
               const VlRect *inner)
{
  return inner->x >= outer->x - 1e-9 && inner->y >= outer->y - 1e-9 &&
         inner->x + inner->width <= outer->x + outer->width + 1e-9 &&
         inner->y + inner->height <= outer->y + outer->height + 1e-9;
}

/* The projector's steps come from the map: overview, release slices, then
 * activities; overview, goal, each actor with its impacts, each impact
 * with its deliverables. Each frame holds what it lights. */
static void
test_steps (void)
{
  g_autoptr(VlDocument) doc = new_plan ("map-steps.valueloop");
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) story = NULL, impact = NULL;
  g_autoptr(VlMapLayout) layout = NULL, ilayout = NULL;
  g_autoptr(GPtrArray) steps = NULL, isteps = NULL, split = NULL, whole = NULL;
  g_autoptr(VlMapStep) jump = NULL;
  const char *kinds[] = { "Release: ", "Release: ", "Release: ", "Activity: ", "Activity: ", "Activity: ",
                          "Activity: " };
  guint n_actor = 0, n_impact = 0, n_goal = 0, slices = 0;
  int release2 = -1, pay = -1;

  g_assert_true (vl_sample_fill (doc, &error));
  story = vl_test_sample_map (doc, VL_MAP_KIND_STORY);
  layout = vl_map_build_layout (story, NULL);
  steps = vl_map_dup_steps (story, layout);
  /* Overview, 3 release slices (no card is Unplanned), 4 activities. */
  g_assert_cmpuint (steps->len, ==, 8);
  g_assert_cmpint (((VlMapStep *) steps->pdata[0])->anchor, ==, -1);
  g_assert_cmpstr (((VlMapStep *) steps->pdata[0])->title, ==, "Shopper buys on mobile");
  g_assert_null (((VlMapStep *) steps->pdata[0])->lit);
  for (guint s = 1; s < steps->len; s++)
    {
      const VlMapStep *step = steps->pdata[s];

      g_assert_true (g_str_has_prefix (step->title, kinds[s - 1]));
      for (guint i = 0; i < step->lit->len; i++)
        {
          const VlMapBox *box = vl_map_layout_get_box (layout, g_array_index (step->lit, guint, i));

          if (box->kind != VL_MAP_BOX_RELEASE)
            g_assert_true (contains_rect (&step->frame, &box->rect));
        }
    }
  g_assert_cmpstr (((VlMapStep *) steps->pdata[2])->title, ==, "Release: Release 2");
  release2 = ((VlMapStep *) steps->pdata[2])->anchor;
  /* A slice lights its cards and the backbone, not the other slices'. */
  for (guint i = 0; i < vl_map_layout_get_n_boxes (layout); i++)
    {
      const VlMapBox *box = vl_map_layout_get_box (layout, i);
      const VlMapBox *row = vl_map_layout_get_box (layout, (guint) release2);

      if (box->kind == VL_MAP_BOX_CARD)
        {
          g_assert_cmpint (lights (steps->pdata[2], (int) i), ==, box->release == row->id);
          slices += box->release == row->id;
        }
      else if (box->kind == VL_MAP_BOX_NODE)
        g_assert_true (lights (steps->pdata[2], (int) i));
      if (box->kind == VL_MAP_BOX_NODE && box->node_kind == VL_NODE_KIND_ACTIVITY)
        {
          g_autoptr(VlRecord) node = vl_document_lookup (doc, VL_KIND_MAP_NODE, box->id);

          if (g_str_equal (vl_record_get_title (node), "Pay"))
            pay = (int) i;
        }
    }
  g_assert_cmpuint (slices, ==, 6);

  /* A jump into an activity lights it, its steps and their cards; the
   * steps then go on from the activity's own step. */
  g_assert_cmpint (pay, >=, 0);
  jump = vl_map_step_for_box (story, layout, pay);
  g_assert_cmpstr (jump->title, ==, "Activity: Pay");
  g_assert_cmpuint (jump->lit->len, ==, 1 + 2 + 5);
  g_assert_cmpint (vl_map_steps_continue_at (steps, pay), ==, 6);
  /* A card's jump goes on from the last step that lit it. */
  g_assert_cmpint (vl_map_steps_continue_at (steps, g_array_index (jump->lit, guint, 3)), ==, 6);

  /* On a small screen at a readable zoom, a slice wider than the screen
   * is shown in parts, each holding whole boxes; a big screen shows it
   * whole. */
  split = vl_map_steps_split (steps, layout, 1024, 768, 32, 0.82);
  g_assert_cmpuint (split->len, >, steps->len);
  for (guint s = 0; s < split->len; s++)
    {
      const VlMapStep *step = split->pdata[s];

      if (step->anchor >= 0)
        g_assert_cmpfloat (step->frame.width * 0.82, <=, 1024 - 64 + 1e-6);
      g_assert_cmpuint (step->part, <=, step->n_parts);
    }
  {
    const VlMapStep *first = split->pdata[1], *second = split->pdata[2];
    g_autofree char *label = vl_map_step_dup_label (second);

    g_assert_cmpuint (first->n_parts, ==, 2);
    g_assert_cmpuint (second->part, ==, 2);
    g_assert_cmpstr (label, ==, "Release: Walking skeleton (2 of 2)");
    /* The second part starts at a box's edge. */
    g_assert_cmpfloat (fmod (second->frame.x - VL_MAP_GUTTER, VL_MAP_NODE_WIDTH + VL_MAP_GAP), ==, 0);
  }
  whole = vl_map_steps_split (steps, layout, 1920, 1080, 32, 0.92);
  g_assert_cmpuint (whole->len, ==, steps->len);

  impact = vl_test_sample_map (doc, VL_MAP_KIND_IMPACT);
  ilayout = vl_map_build_layout (impact, NULL);
  isteps = vl_map_dup_steps (impact, ilayout);
  for (guint s = 1; s < isteps->len; s++)
    {
      const VlMapStep *step = isteps->pdata[s];
      const VlMapBox *box = vl_map_layout_get_box (ilayout, (guint) step->anchor);

      n_goal += box->node_kind == VL_NODE_KIND_GOAL;
      n_actor += box->node_kind == VL_NODE_KIND_ACTOR;
      n_impact += box->node_kind == VL_NODE_KIND_IMPACT;
      /* Each lights its box and its children: an impact, its deliverables. */
      g_assert_cmpuint (step->lit->len, ==, box->node_kind == VL_NODE_KIND_GOAL ? 1 : 1 + box->n_children);
    }
  g_assert_cmpuint (n_goal, ==, 1);
  g_assert_cmpuint (n_actor, ==, 3);
  g_assert_cmpuint (n_impact, ==, 5);
  g_assert_cmpuint (isteps->len, ==, 1 + 1 + 3 + 5);
  /* Depth first: the goal, the first actor, its impacts, the next actor. */
  g_assert_true (g_str_has_prefix (((VlMapStep *) isteps->pdata[1])->title, "Goal: "));
  g_assert_cmpstr (((VlMapStep *) isteps->pdata[2])->title, ==, "Actor: Mobile shoppers");
  g_assert_cmpstr (((VlMapStep *) isteps->pdata[3])->title, ==, "Impact: Finish checkout without creating an account");
  g_assert_cmpstr (((VlMapStep *) isteps->pdata[5])->title, ==, "Actor: Merchants");
}

/* Two devices move the same card and the same node differently, offline:
 * after merging both ways both draw the same map (the later move wins). */
static void
test_concurrent_moves (void)
{
  g_autoptr(GFile) base = vl_test_file ("map-merge-base.valueloop");
  g_autoptr(GFile) fa = vl_test_file ("map-merge-a.valueloop");
  g_autoptr(GFile) fb = vl_test_file ("map-merge-b.valueloop");
  g_autoptr(GError) error = NULL;
  g_autoptr(VlDocument) doc = vl_document_create (base, "Merge", &error);
  g_autoptr(VlDocument) a = NULL, b = NULL;
  g_autoptr(VlRecord) backlog = NULL, map = NULL, s2 = NULL, r2 = NULL, card = NULL, actor2 = NULL;
  g_autofree char *dir_a = g_build_filename (vl_test_dir (), "dev-a", NULL);
  g_autofree char *dir_b = g_build_filename (vl_test_dir (), "dev-b", NULL);
  g_autofree char *dump_a = NULL, *dump_b = NULL, *out_a = NULL, *out_b = NULL;

  backlog = vl_document_insert (doc, VL_KIND_BACKLOG, NULL, NULL, NULL, &error);
  map = vl_map_create (doc, VL_MAP_KIND_STORY, "Story", backlog, &error);
  {
    g_autoptr(GPtrArray) top = vl_map_dup_children (map, NULL);
    g_autoptr(GPtrArray) steps = vl_map_dup_children (map, top->pdata[0]);

    s2 = vl_map_add_node (map, VL_NODE_KIND_STEP, top->pdata[0], NULL, "Second step", &error);
    r2 = vl_map_add_node (map, VL_NODE_KIND_RELEASE, NULL, NULL, "Release 2", &error);
    card = vl_map_new_card_item (map, steps->pdata[0], top->pdata[1], NULL, "Card", &error);
  }
  g_assert_no_error (error);
  g_assert_true (vl_document_publish (doc, &error));
  g_assert_true (g_file_copy (base, fa, 0, NULL, NULL, NULL, &error));
  g_assert_true (g_file_copy (base, fb, 0, NULL, NULL, NULL, &error));
  a = vl_document_open_for_device (fa, dir_a, 0, &error);
  vl_document_set_device (a, "00000000-0000-4000-8000-00000000000a", "a");
  b = vl_document_open_for_device (fb, dir_b, 0, &error);
  vl_document_set_device (b, "00000000-0000-4000-8000-00000000000b", "b");
  g_assert_no_error (error);

  /* A: the card to step 2, same release; B: the card to release 2. */
  {
    g_autoptr(VlRecord) ca = vl_document_lookup (a, VL_KIND_MAP_CARD, vl_record_get_rowid (card));
    g_autoptr(VlRecord) cb = vl_document_lookup (b, VL_KIND_MAP_CARD, vl_record_get_rowid (card));
    g_autoptr(VlRecord) sa = vl_document_lookup (a, VL_KIND_MAP_NODE, vl_record_get_rowid (s2));
    g_autoptr(VlRecord) rb = vl_document_lookup (b, VL_KIND_MAP_NODE, vl_record_get_rowid (r2));
    g_autoptr(VlRecord) step_b = vl_record_dup_ref (cb, "step");
    g_autoptr(VlRecord) rel_a = vl_record_dup_ref (ca, "release");

    g_assert_true (vl_map_move_card (ca, sa, rel_a, NULL, &error));
    g_usleep (2000);
    g_assert_true (vl_map_move_card (cb, step_b, rb, NULL, &error));
  }
  /* The same node moved differently: A puts "Second step" under a new
   * activity, B first in its activity. */
  {
    g_autoptr(VlRecord) ma = vl_document_lookup (a, VL_KIND_MAP, vl_record_get_rowid (map));
    g_autoptr(VlRecord) sa = vl_document_lookup (a, VL_KIND_MAP_NODE, vl_record_get_rowid (s2));
    g_autoptr(VlRecord) sb = vl_document_lookup (b, VL_KIND_MAP_NODE, vl_record_get_rowid (s2));
    g_autoptr(VlRecord) other = vl_map_add_node (ma, VL_NODE_KIND_ACTIVITY, NULL, NULL, "Pay", &error);

    g_assert_true (vl_map_move_node (sa, other, NULL, NULL, &error));
    g_usleep (2000);
    g_assert_true (vl_map_reorder_node (sb, -1, &error));
    g_assert_no_error (error);
  }
  g_assert_true (vl_document_publish (a, &error));
  g_assert_true (vl_document_publish (b, &error));
  g_assert_true (vl_document_merge_file (a, fb, NULL, &error));
  g_assert_true (vl_document_merge_file (b, fa, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(VlRecord) ma = vl_document_lookup (a, VL_KIND_MAP, vl_record_get_rowid (map));
    g_autoptr(VlRecord) mb = vl_document_lookup (b, VL_KIND_MAP, vl_record_get_rowid (map));
    g_autoptr(VlRecord) ca = vl_document_lookup (a, VL_KIND_MAP_CARD, vl_record_get_rowid (card));

    out_a = vl_map_dup_outline (ma);
    out_b = vl_map_dup_outline (mb);
    g_assert_cmpstr (out_a, ==, out_b);
    g_autoptr(VlRecord) sa = vl_document_lookup (a, VL_KIND_MAP_NODE, vl_record_get_rowid (s2));
    g_autoptr(VlRecord) sb = vl_document_lookup (b, VL_KIND_MAP_NODE, vl_record_get_rowid (s2));

    /* The later move of the node (B's, in its old activity) won on both,
     * parent and rank together. */
    g_assert_cmpint (vl_record_get_ref_id (sa, "parent"), ==, vl_record_get_ref_id (sb, "parent"));
    g_assert_cmpstr (vl_record_get_string (sa, "rank"), ==, vl_record_get_string (sb, "rank"));
    g_assert_nonnull (strstr (out_a, "  Activity: New activity\n    Step: Second step — 0 cards, 0 launched\n"
                                     "    Step: New step"));
    /* The later move (B's) won, whole: step and release together. */
    g_assert_cmpint (vl_record_get_ref_id (ca, "release"), ==, vl_record_get_rowid (r2));
    g_assert_cmpint (vl_record_get_ref_id (ca, "step"), !=, vl_record_get_rowid (s2));
  }
  dump_a = vl_json_export (a, &error);
  dump_b = vl_json_export (b, &error);
  g_assert_cmpstr (dump_a, ==, dump_b);

  /* A deletes a step while B adds a card under it: after the merge the
   * card is not lost, both show it in the column of cards whose step is
   * gone. */
  {
    g_autoptr(VlRecord) ma = vl_document_lookup (a, VL_KIND_MAP, vl_record_get_rowid (map));
    g_autoptr(VlRecord) mb = vl_document_lookup (b, VL_KIND_MAP, vl_record_get_rowid (map));
    g_autoptr(VlRecord) sa = vl_document_lookup (a, VL_KIND_MAP_NODE, vl_record_get_rowid (s2));
    g_autoptr(VlRecord) sb = vl_document_lookup (b, VL_KIND_MAP_NODE, vl_record_get_rowid (s2));
    g_autoptr(VlRecord) late = vl_map_new_card_item (mb, sb, NULL, NULL, "Added offline", &error);
    g_autoptr(VlMapLayout) la = NULL, lb = NULL;
    int ia, ib;

    g_assert_no_error (error);
    g_assert_true (vl_map_delete_node (sa, &error));
    g_assert_true (vl_document_publish (a, &error));
    g_assert_true (vl_document_publish (b, &error));
    g_assert_true (vl_document_merge_file (a, fb, NULL, &error));
    g_assert_true (vl_document_merge_file (b, fa, NULL, &error));
    la = vl_map_build_layout (ma, NULL);
    lb = vl_map_build_layout (mb, NULL);
    ia = vl_map_layout_find (la, VL_MAP_BOX_CARD, vl_record_get_rowid (late));
    ib = vl_map_layout_find (lb, VL_MAP_BOX_CARD, vl_record_get_rowid (late));
    g_assert_cmpint (ia, >=, 0);
    g_assert_cmpint (ib, >=, 0);
    g_assert_cmpint (vl_map_layout_get_box (la, (guint) ia)->parent, ==, vl_map_layout_find (la, VL_MAP_BOX_LOOSE, 0));
    g_assert_cmpint (vl_map_layout_get_box (lb, (guint) ib)->parent, ==, vl_map_layout_find (lb, VL_MAP_BOX_LOOSE, 0));
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/viewport/convert", test_viewport_convert);
  g_test_add_func ("/viewport/zoom-at", test_viewport_zoom_at);
  g_test_add_func ("/viewport/fit-and-follow", test_viewport_fit_and_follow);
  g_test_add_func ("/map-layout/impact", test_layout_impact);
  g_test_add_func ("/map-layout/story", test_layout_story);
  g_test_add_func ("/map-layout/random", test_layout_random);
  g_test_add_func ("/map/rules/impact", test_rules_impact);
  g_test_add_func ("/map/rules/story", test_rules_story);
  g_test_add_func ("/map/concurrent-moves", test_concurrent_moves);
  g_test_add_func ("/map/steps", test_steps);
  return g_test_run ();
}
