/* vl-map-layout.c — story map and impact map layout, and what is where
 *
 * Impact map: a tidy tree from left to right, one column per level; the
 * leaves are stacked, each parent is centred on its children.
 * Story map: the backbone of activities on top, their steps below, then a
 * row per release slice and the Unplanned row last; cards stack under
 * their step in their release's row; release names sit in a gutter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-map-layout"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vl-map-layout.h"

#define CELL 512.0   /* the spatial grid's cell, in world units */

typedef struct
{
  gint64 step;
  double x;
} Column;

typedef struct
{
  gint64 release;
  double y, height;
} Row;

struct _VlMapLayout
{
  VlMapKind   kind;
  GArray     *boxes;     /* VlMapBox, in drawing order */
  GHashTable *by_id;     /* key (box kind, id) → index + 1 */
  VlRect      bounds;
  GArray     *columns;   /* story maps: Column per visible step */
  GArray     *rows;      /* story maps: Row per release, Unplanned last */

  /* The spatial index: a grid of CELL-sized cells over the bounds, each
   * listing the boxes that overlap it (compressed rows). */
  int         grid_w, grid_h;
  guint      *cell_start;  /* grid_w * grid_h + 1 */
  guint      *cell_boxes;
  guint      *seen;        /* per box: the query that last returned it */
  guint       query;
};

typedef struct
{
  const VlMapLayoutNode *nodes;
  guint                  n_nodes;
  GHashTable            *kids;      /* parent id → GArray of node indices */
  GHashTable            *placed;    /* node ids laid out already */
  GHashTable            *collapsed;
  VlMapLayout           *layout;
} Build;

static gint64
box_key (VlMapBoxKind kind,
         gint64       id)
{
  return id * 8 + kind;
}

static int
compare_rank (const char *ra,
              const char *ua,
              const char *rb,
              const char *ub)
{
  int c = g_strcmp0 (ra, rb);

  return c != 0 ? c : g_strcmp0 (ua, ub);
}

static int
compare_nodes_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  const VlMapLayoutNode *nodes = data;
  const VlMapLayoutNode *x = &nodes[*(const guint *) a], *y = &nodes[*(const guint *) b];

  return compare_rank (x->rank, x->uuid, y->rank, y->uuid);
}

static int
compare_cards_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  const VlMapLayoutCard *cards = data;
  const VlMapLayoutCard *x = &cards[*(const guint *) a], *y = &cards[*(const guint *) b];

  return compare_rank (x->rank, x->uuid, y->rank, y->uuid);
}

static gboolean
is_collapsed (Build  *b,
              gint64  id)
{
  return b->collapsed != NULL && g_hash_table_contains (b->collapsed, &id);
}

/* Children by parent id, each list in (rank, uuid) order; nodes whose
 * parent is not in the map hang from 0, the top. */
static GHashTable *
group_children (const VlMapLayoutNode *nodes,
                guint                  n_nodes)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTable *kids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            (GDestroyNotify) g_array_unref);
  GHashTableIter iter;
  GArray *list;

  for (guint i = 0; i < n_nodes; i++)
    g_hash_table_add (ids, (gpointer) &nodes[i].id);
  for (guint i = 0; i < n_nodes; i++)
    {
      gint64 parent = g_hash_table_contains (ids, &nodes[i].parent) ? nodes[i].parent : 0;

      list = g_hash_table_lookup (kids, &parent);
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (kids, g_memdup2 (&parent, sizeof parent), list);
        }
      g_array_append_val (list, i);
    }
  g_hash_table_iter_init (&iter, kids);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &list))
    g_array_sort_with_data (list, compare_nodes_cb, (gpointer) nodes);
  return kids;
}

static GArray *
children_of (Build  *b,
             gint64  id)
{
  return g_hash_table_lookup (b->kids, &id);
}

static guint
add_box (VlMapLayout  *layout,
         VlMapBoxKind  kind,
         gint64        id,
         int           parent,
         guint         depth)
{
  VlMapBox box = { .kind = kind, .id = id, .parent = parent, .depth = depth };
  guint index = layout->boxes->len;

  g_array_append_val (layout->boxes, box);
  g_hash_table_insert (layout->by_id, g_memdup2 (&(gint64) { box_key (kind, id) }, sizeof (gint64)),
                       GUINT_TO_POINTER (index + 1));
  return index;
}

static VlMapBox *
box_at (VlMapLayout *layout,
        guint        index)
{
  return &g_array_index (layout->boxes, VlMapBox, index);
}

static void
set_rect (VlMapBox *box,
          double    x,
          double    y,
          double    width,
          double    height)
{
  box->rect = (VlRect) { x, y, width, height };
}

/* ---- impact map ------------------------------------------------------------ */

static void
place_tree (Build  *b,
            guint   node,
            int     parent,
            guint   depth,
            double *cursor)
{
  const VlMapLayoutNode *n = &b->nodes[node];
  GArray *kids = children_of (b, n->id);
  guint index, first = 0, last = 0, shown = 0;
  double y;
  VlMapBox *box;

  if (!g_hash_table_add (b->placed, (gpointer) &n->id))
    return;   /* a cycle the caller did not break: drawn once */
  index = add_box (b->layout, VL_MAP_BOX_NODE, n->id, parent, depth);
  box = box_at (b->layout, index);
  box->node_kind = n->kind;
  box->n_children = kids != NULL ? kids->len : 0;
  box->collapsed = is_collapsed (b, n->id) && box->n_children > 0;
  if (kids != NULL && !box->collapsed)
    for (guint i = 0; i < kids->len; i++)
      {
        guint before = b->layout->boxes->len;

        place_tree (b, g_array_index (kids, guint, i), (int) index, depth + 1, cursor);
        if (b->layout->boxes->len == before)
          continue;
        if (shown++ == 0)
          first = before;
        last = before;
      }
  if (shown == 0)
    {
      y = *cursor;
      *cursor += VL_MAP_NODE_HEIGHT + VL_MAP_GAP;
    }
  else
    y = (box_at (b->layout, first)->rect.y + box_at (b->layout, last)->rect.y) / 2;
  set_rect (box_at (b->layout, index), depth * (VL_MAP_NODE_WIDTH + VL_MAP_LEVEL_GAP), y,
            VL_MAP_NODE_WIDTH, VL_MAP_NODE_HEIGHT);
}

static void
layout_impact (Build *b)
{
  GArray *top = children_of (b, 0);
  double cursor = 0;

  for (guint i = 0; top != NULL && i < top->len; i++)
    {
      place_tree (b, g_array_index (top, guint, i), -1, 0, &cursor);
      cursor += VL_MAP_GAP * 2;   /* trees apart */
    }
}

/* ---- story map ------------------------------------------------------------- */

static double
place_activity (Build  *b,
                guint   node,
                double  x)
{
  const VlMapLayoutNode *n = &b->nodes[node];
  GArray *steps = children_of (b, n->id);
  guint index = add_box (b->layout, VL_MAP_BOX_NODE, n->id, -1, 0);
  VlMapBox *box = box_at (b->layout, index);
  guint n_steps = steps != NULL ? steps->len : 0, columns;

  g_hash_table_add (b->placed, (gpointer) &n->id);
  box->node_kind = n->kind;
  box->n_children = n_steps;
  box->collapsed = is_collapsed (b, n->id) && n_steps > 0;
  columns = box->collapsed || n_steps == 0 ? 1 : n_steps;
  set_rect (box, x, 0, columns * (VL_MAP_NODE_WIDTH + VL_MAP_GAP) - VL_MAP_GAP, VL_MAP_NODE_HEIGHT);
  if (box->collapsed || n_steps == 0)
    return x + VL_MAP_NODE_WIDTH + VL_MAP_GAP;
  for (guint i = 0; i < n_steps; i++)
    {
      const VlMapLayoutNode *s = &b->nodes[g_array_index (steps, guint, i)];
      guint si = add_box (b->layout, VL_MAP_BOX_NODE, s->id, (int) index, 1);
      Column column = { s->id, x };

      g_hash_table_add (b->placed, (gpointer) &s->id);
      box_at (b->layout, si)->node_kind = s->kind;
      set_rect (box_at (b->layout, si), x, VL_MAP_NODE_HEIGHT + VL_MAP_GAP,
                VL_MAP_NODE_WIDTH, VL_MAP_NODE_HEIGHT);
      g_array_append_val (b->layout->columns, column);
      x += VL_MAP_NODE_WIDTH + VL_MAP_GAP;
    }
  return x;
}

static char *
slot_key (gint64 step,
          gint64 release)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, step, release);
}

/* Cards by (step, release), each list in (rank, uuid) order. */
static GHashTable *
group_cards (const VlMapLayoutCard *cards,
             guint                  n_cards)
{
  GHashTable *slots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_array_unref);
  GHashTableIter iter;
  GArray *list;

  for (guint i = 0; i < n_cards; i++)
    {
      g_autofree char *key = slot_key (cards[i].step, cards[i].release);

      list = g_hash_table_lookup (slots, key);
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (slots, g_steal_pointer (&key), list);
        }
      g_array_append_val (list, i);
    }
  g_hash_table_iter_init (&iter, slots);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &list))
    g_array_sort_with_data (list, compare_cards_cb, (gpointer) cards);
  return slots;
}

static double
place_row (Build                 *b,
           const VlMapLayoutCard *cards,
           GHashTable            *slots,
           VlMapBoxKind           kind,
           gint64                 release,
           double                 y,
           double                 width)
{
  VlMapLayout *layout = b->layout;
  guint header = add_box (layout, kind, release, -1, 0);
  gboolean collapsed = is_collapsed (b, release);
  guint tallest = 1, count = 0;
  double height;
  Row row;

  box_at (layout, header)->node_kind = VL_NODE_KIND_RELEASE;
  for (guint c = 0; c < layout->columns->len; c++)
    {
      Column *column = &g_array_index (layout->columns, Column, c);
      g_autofree char *key = slot_key (column->step, release);
      GArray *list = g_hash_table_lookup (slots, key);
      int step_box = column->step != 0 ? vl_map_layout_find (layout, VL_MAP_BOX_NODE, column->step)
                                       : vl_map_layout_find (layout, VL_MAP_BOX_LOOSE, 0);

      if (list == NULL)
        continue;
      count += list->len;
      tallest = MAX (tallest, list->len);
      for (guint i = 0; !collapsed && i < list->len; i++)
        {
          const VlMapLayoutCard *card = &cards[g_array_index (list, guint, i)];
          guint ci = add_box (layout, VL_MAP_BOX_CARD, card->id, step_box, 2);
          VlMapBox *box = box_at (layout, ci);

          box->step = card->step;
          box->release = card->release;
          set_rect (box, column->x, y + i * (VL_MAP_CARD_HEIGHT + VL_MAP_GAP),
                    VL_MAP_NODE_WIDTH, VL_MAP_CARD_HEIGHT);
        }
    }
  height = collapsed ? VL_MAP_NODE_HEIGHT : tallest * (VL_MAP_CARD_HEIGHT + VL_MAP_GAP) - VL_MAP_GAP;
  {
    VlMapBox *box = box_at (layout, header);

    box->n_children = count;
    box->collapsed = collapsed && count > 0;
    if (!box->collapsed)
      height = MAX (height, VL_MAP_NODE_HEIGHT);
    set_rect (box, 0, y, VL_MAP_GUTTER - VL_MAP_GAP, height);
    box->lane = (VlRect) { 0, y - VL_MAP_GAP / 2, width, height + VL_MAP_GAP };
  }
  row = (Row) { release, y - VL_MAP_GAP / 2, height + VL_MAP_GAP };
  g_array_append_val (layout->rows, row);
  return y + height + VL_MAP_GAP;
}

static void
layout_story (Build                 *b,
              const VlMapLayoutCard *cards,
              guint                  n_cards)
{
  GArray *top = children_of (b, 0);
  g_autoptr(GArray) releases = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) slots = group_cards (cards, n_cards);
  double x = VL_MAP_GUTTER, y = 2 * (VL_MAP_NODE_HEIGHT + VL_MAP_GAP) + VL_MAP_GAP;

  for (guint i = 0; top != NULL && i < top->len; i++)
    {
      guint node = g_array_index (top, guint, i);

      if (b->nodes[node].kind == VL_NODE_KIND_RELEASE)
        g_array_append_val (releases, node);
      else
        x = place_activity (b, node, x);
    }
  /* Cards whose step is gone get a column of their own, last. */
  for (guint i = 0; i < n_cards; i++)
    if (cards[i].step == 0)
      {
        guint loose = add_box (b->layout, VL_MAP_BOX_LOOSE, 0, -1, 1);
        Column column = { 0, x };

        box_at (b->layout, loose)->node_kind = VL_NODE_KIND_STEP;
        set_rect (box_at (b->layout, loose), x, VL_MAP_NODE_HEIGHT + VL_MAP_GAP, VL_MAP_NODE_WIDTH,
                  VL_MAP_NODE_HEIGHT);
        g_array_append_val (b->layout->columns, column);
        x += VL_MAP_NODE_WIDTH + VL_MAP_GAP;
        break;
      }
  for (guint i = 0; i < releases->len; i++)
    {
      const VlMapLayoutNode *r = &b->nodes[g_array_index (releases, guint, i)];

      y = place_row (b, cards, slots, VL_MAP_BOX_RELEASE, r->id, y, x - VL_MAP_GAP);
    }
  place_row (b, cards, slots, VL_MAP_BOX_UNPLANNED, 0, y, x - VL_MAP_GAP);
}

/* ---- the spatial index ------------------------------------------------------ */

static void
cell_range (VlMapLayout  *layout,
            const VlRect *r,
            int          *x0,
            int          *y0,
            int          *x1,
            int          *y1)
{
  *x0 = CLAMP ((int) floor ((r->x - layout->bounds.x) / CELL), 0, layout->grid_w - 1);
  *y0 = CLAMP ((int) floor ((r->y - layout->bounds.y) / CELL), 0, layout->grid_h - 1);
  *x1 = CLAMP ((int) floor ((r->x + r->width - layout->bounds.x) / CELL), 0, layout->grid_w - 1);
  *y1 = CLAMP ((int) floor ((r->y + r->height - layout->bounds.y) / CELL), 0, layout->grid_h - 1);
}

static void
build_grid (VlMapLayout *layout)
{
  guint n_cells, n = layout->boxes->len;
  g_autofree guint *fill = NULL;

  layout->grid_w = MAX (1, (int) ceil (layout->bounds.width / CELL));
  layout->grid_h = MAX (1, (int) ceil (layout->bounds.height / CELL));
  n_cells = (guint) (layout->grid_w * layout->grid_h);
  layout->cell_start = g_new0 (guint, n_cells + 1);
  layout->seen = g_new0 (guint, MAX (n, 1));
  /* Count, then fill: two passes over the boxes. */
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < n; i++)
        {
          int x0, y0, x1, y1;

          cell_range (layout, &box_at (layout, i)->rect, &x0, &y0, &x1, &y1);
          for (int gy = y0; gy <= y1; gy++)
            for (int gx = x0; gx <= x1; gx++)
              {
                guint cell = (guint) (gy * layout->grid_w + gx);

                if (pass == 0)
                  layout->cell_start[cell + 1]++;
                else
                  layout->cell_boxes[layout->cell_start[cell] + fill[cell]++] = i;
              }
        }
      if (pass == 0)
        {
          for (guint c = 0; c < n_cells; c++)
            layout->cell_start[c + 1] += layout->cell_start[c];
          layout->cell_boxes = g_new (guint, MAX (layout->cell_start[n_cells], 1));
          fill = g_new0 (guint, n_cells);
        }
    }
}

static void
compute_bounds (VlMapLayout *layout)
{
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;

  for (guint i = 0; i < layout->boxes->len; i++)
    {
      const VlRect *r = &box_at (layout, i)->rect;

      if (i == 0 || r->x < x0)
        x0 = r->x;
      if (i == 0 || r->y < y0)
        y0 = r->y;
      if (i == 0 || r->x + r->width > x1)
        x1 = r->x + r->width;
      if (i == 0 || r->y + r->height > y1)
        y1 = r->y + r->height;
    }
  layout->bounds = (VlRect) { x0, y0, x1 - x0, y1 - y0 };
}

/**
 * vl_map_layout_new:
 * @nodes: the map's nodes (any order); a node whose parent is not among
 *   them is laid out at the top
 * @cards: story cards (ignored for impact maps)
 * @collapsed: (nullable): set of node ids (gint64 *) the viewer closed;
 *   0 stands for the Unplanned row
 */
VlMapLayout *
vl_map_layout_new (VlMapKind              kind,
                   const VlMapLayoutNode *nodes,
                   guint                  n_nodes,
                   const VlMapLayoutCard *cards,
                   guint                  n_cards,
                   GHashTable            *collapsed)
{
  VlMapLayout *layout = g_new0 (VlMapLayout, 1);
  Build b = { nodes, n_nodes, NULL, NULL, collapsed, layout };

  g_return_val_if_fail (n_nodes == 0 || nodes != NULL, NULL);

  layout->kind = kind;
  layout->boxes = g_array_sized_new (FALSE, FALSE, sizeof (VlMapBox), n_nodes + n_cards + 1);
  layout->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  layout->columns = g_array_new (FALSE, FALSE, sizeof (Column));
  layout->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  b.kids = group_children (nodes, n_nodes);
  b.placed = g_hash_table_new (g_int64_hash, g_int64_equal);
  if (kind == VL_MAP_KIND_STORY)
    layout_story (&b, cards, n_cards);
  else
    layout_impact (&b);
  g_hash_table_unref (b.kids);
  g_hash_table_unref (b.placed);
  compute_bounds (layout);
  build_grid (layout);
  return layout;
}

void
vl_map_layout_free (VlMapLayout *layout)
{
  if (layout == NULL)
    return;
  g_array_unref (layout->boxes);
  g_array_unref (layout->columns);
  g_array_unref (layout->rows);
  g_hash_table_unref (layout->by_id);
  g_free (layout->cell_start);
  g_free (layout->cell_boxes);
  g_free (layout->seen);
  g_free (layout);
}

VlMapKind
vl_map_layout_get_kind (VlMapLayout *layout)
{
  return layout->kind;
}

guint
vl_map_layout_get_n_boxes (VlMapLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->boxes->len;
}

const VlMapBox *
vl_map_layout_get_box (VlMapLayout *layout,
                       guint        index)
{
  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (index < layout->boxes->len, NULL);
  return box_at (layout, index);
}

/* The index of the box showing the node or card @id, or -1. */
int
vl_map_layout_find (VlMapLayout  *layout,
                    VlMapBoxKind  kind,
                    gint64        id)
{
  gint64 key = box_key (kind, id);

  g_return_val_if_fail (layout != NULL, -1);
  return GPOINTER_TO_INT (g_hash_table_lookup (layout->by_id, &key)) - 1;
}

void
vl_map_layout_get_bounds (VlMapLayout *layout,
                          VlRect      *bounds)
{
  g_return_if_fail (layout != NULL);
  *bounds = layout->bounds;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/**
 * vl_map_layout_query:
 *
 * Returns: (transfer full): the indices (guint) of the boxes that overlap
 *   @area, in drawing order
 */
GArray *
vl_map_layout_query (VlMapLayout  *layout,
                     const VlRect *area)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (guint));
  int x0, y0, x1, y1;

  g_return_val_if_fail (layout != NULL, found);
  if (layout->boxes->len == 0 || !vl_rect_intersects (area, &layout->bounds))
    return found;
  if (++layout->query == 0)
    {
      memset (layout->seen, 0, layout->boxes->len * sizeof (guint));
      layout->query = 1;
    }
  cell_range (layout, area, &x0, &y0, &x1, &y1);
  for (int gy = y0; gy <= y1; gy++)
    for (int gx = x0; gx <= x1; gx++)
      {
        guint cell = (guint) (gy * layout->grid_w + gx);

        for (guint k = layout->cell_start[cell]; k < layout->cell_start[cell + 1]; k++)
          {
            guint i = layout->cell_boxes[k];

            if (layout->seen[i] == layout->query ||
                !vl_rect_intersects (area, &box_at (layout, i)->rect))
              continue;
            layout->seen[i] = layout->query;
            g_array_append_val (found, i);
          }
      }
  g_array_sort (found, compare_uint);
  return found;
}

/* The topmost box at the world point (@x, @y), or -1. */
int
vl_map_layout_hit (VlMapLayout *layout,
                   double       x,
                   double       y)
{
  VlRect point = { x, y, 0.001, 0.001 };
  g_autoptr(GArray) found = vl_map_layout_query (layout, &point);

  for (guint k = found->len; k > 0; k--)
    {
      guint i = g_array_index (found, guint, k - 1);

      if (vl_rect_contains_point (&box_at (layout, i)->rect, x, y))
        return (int) i;
    }
  return -1;
}

/* The box nearest to @from in the direction (@dx, @dy) (each -1, 0 or 1),
 * preferring boxes in line with it; -1 when there is none that way. A
 * linear scan: a key press, not a frame. */
int
vl_map_layout_nearest (VlMapLayout *layout,
                       int          from,
                       int          dx,
                       int          dy)
{
  const VlRect *a;
  double ax, ay, best = G_MAXDOUBLE;
  int found = -1;

  g_return_val_if_fail (layout != NULL, -1);
  g_return_val_if_fail (from >= 0 && (guint) from < layout->boxes->len, -1);

  a = &box_at (layout, (guint) from)->rect;
  ax = a->x + a->width / 2;
  ay = a->y + a->height / 2;
  for (guint i = 0; i < layout->boxes->len; i++)
    {
      const VlRect *r = &box_at (layout, i)->rect;
      double vx, vy, along, across, score;

      if ((int) i == from)
        continue;
      /* Distances between edges along the move, between centres across. */
      vx = dx > 0 ? r->x - (a->x + a->width) : dx < 0 ? a->x - (r->x + r->width) : 0;
      vy = dy > 0 ? r->y - (a->y + a->height) : dy < 0 ? a->y - (r->y + r->height) : 0;
      along = dx != 0 ? vx : vy;
      if (along < -1)
        continue;
      /* Off to the side counts twice: a tree's children come before a
       * box far away that happens to be in line. */
      across = dx != 0 ? fabs (r->y + r->height / 2 - ay) : fabs (r->x + r->width / 2 - ax);
      score = MAX (along, 0) + across * 2;
      if (score < best)
        {
          best = score;
          found = (int) i;
        }
    }
  return found;
}

static int
column_at (VlMapLayout *layout,
           double       x)
{
  for (guint c = 0; c < layout->columns->len; c++)
    {
      double cx = g_array_index (layout->columns, Column, c).x;

      if (x >= cx - VL_MAP_GAP / 2 && x < cx + VL_MAP_NODE_WIDTH + VL_MAP_GAP / 2)
        return (int) c;
    }
  return -1;
}

static int
row_at (VlMapLayout *layout,
        double       y)
{
  for (guint r = 0; r < layout->rows->len; r++)
    {
      Row *row = &g_array_index (layout->rows, Row, r);

      if (y >= row->y && y < row->y + row->height)
        return (int) r;
    }
  return -1;
}

/* Story maps: the step and release of the slot at the world point (a
 * card dropped there goes there). FALSE outside every slot. */
gboolean
vl_map_layout_slot_at (VlMapLayout *layout,
                       double       x,
                       double       y,
                       gint64      *step,
                       gint64      *release)
{
  int c, r;

  g_return_val_if_fail (layout != NULL, FALSE);
  c = column_at (layout, x);
  r = row_at (layout, y);
  if (c < 0 || r < 0)
    return FALSE;
  *step = g_array_index (layout->columns, Column, c).step;
  *release = g_array_index (layout->rows, Row, r).release;
  return TRUE;
}

static int
column_of (VlMapLayout *layout,
           gint64       step)
{
  for (guint c = 0; c < layout->columns->len; c++)
    if (g_array_index (layout->columns, Column, c).step == step)
      return (int) c;
  return -1;
}

static int
row_of (VlMapLayout *layout,
        gint64       release)
{
  for (guint r = 0; r < layout->rows->len; r++)
    if (g_array_index (layout->rows, Row, r).release == release)
      return (int) r;
  return -1;
}

/* Story maps: the slot next to the one of @card (a box index), @dx steps
 * to the side or @dy release rows down. FALSE at the map's edge. */
gboolean
vl_map_layout_neighbour_slot (VlMapLayout *layout,
                              int          card,
                              int          dx,
                              int          dy,
                              gint64      *step,
                              gint64      *release)
{
  const VlMapBox *box;
  int c, r;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (card >= 0 && (guint) card < layout->boxes->len, FALSE);
  box = box_at (layout, (guint) card);
  if (box->kind != VL_MAP_BOX_CARD)
    return FALSE;
  c = column_of (layout, box->step) + dx;
  r = row_of (layout, box->release) + dy;
  if (c < 0 || r < 0 || (guint) c >= layout->columns->len || (guint) r >= layout->rows->len)
    return FALSE;
  *step = g_array_index (layout->columns, Column, c).step;
  *release = g_array_index (layout->rows, Row, r).release;
  return TRUE;
}

/* Bytes the layout holds (boxes, id map, grid), for the benchmark. */
gsize
vl_map_layout_get_memory (VlMapLayout *layout)
{
  guint n_cells = (guint) (layout->grid_w * layout->grid_h);

  return sizeof *layout + layout->boxes->len * (sizeof (VlMapBox) + sizeof (guint)) +
         g_hash_table_size (layout->by_id) * (sizeof (gint64) + 3 * sizeof (gpointer)) +
         (n_cells + 1) * sizeof (guint) + layout->cell_start[n_cells] * sizeof (guint) +
         layout->columns->len * sizeof (Column) + layout->rows->len * sizeof (Row);
}
