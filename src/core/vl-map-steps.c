/* vl-map-steps.c — a map's projector steps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-map"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "vl-map.h"
#include "vl-map-steps.h"

void
vl_map_step_free (VlMapStep *step)
{
  if (step == NULL)
    return;
  g_free (step->title);
  g_clear_pointer (&step->lit, g_array_unref);
  g_free (step);
}

static VlMapStep *
step_new (char *title,
          int   anchor)
{
  VlMapStep *step = g_new0 (VlMapStep, 1);

  step->title = title;
  step->anchor = anchor;
  step->part = step->n_parts = 1;
  step->lit = g_array_new (FALSE, FALSE, sizeof (guint));
  return step;
}

static VlMapStep *
step_copy (const VlMapStep *step)
{
  VlMapStep *copy = g_memdup2 (step, sizeof *step);

  copy->title = g_strdup (step->title);
  if (step->lit != NULL)
    {
      copy->lit = g_array_sized_new (FALSE, FALSE, sizeof (guint), step->lit->len);
      g_array_append_vals (copy->lit, step->lit->data, step->lit->len);
    }
  return copy;
}

static void
grow (VlRect       *r,
      const VlRect *by,
      gboolean      first)
{
  double x1, y1;

  if (first)
    {
      *r = *by;
      return;
    }
  x1 = MAX (r->x + r->width, by->x + by->width);
  y1 = MAX (r->y + r->height, by->y + by->height);
  r->x = MIN (r->x, by->x);
  r->y = MIN (r->y, by->y);
  r->width = x1 - r->x;
  r->height = y1 - r->y;
}

static void
light (VlMapStep      *step,
       VlMapLayout    *layout,
       guint           index,
       gboolean        framed)
{
  const VlMapBox *box = vl_map_layout_get_box (layout, index);

  g_array_append_val (step->lit, index);
  if (framed)
    grow (&step->frame, &box->rect, step->lit->len == 1);
}

/* Whether box @index hangs (at any depth) from box @from. */
static gboolean
descends (VlMapLayout *layout,
          guint        index,
          guint        from)
{
  int at = vl_map_layout_get_box (layout, index)->parent;

  while (at >= 0)
    {
      if ((guint) at == from)
        return TRUE;
      at = vl_map_layout_get_box (layout, (guint) at)->parent;
    }
  return FALSE;
}

static char *
box_title (VlRecord       *map,
           const VlMapBox *box)
{
  VlDocument *document = vl_record_get_document (map);
  g_autoptr(VlRecord) record = NULL;

  if (box->kind == VL_MAP_BOX_UNPLANNED)
    return g_strdup (_("Unplanned"));
  if (box->kind == VL_MAP_BOX_LOOSE)
    return g_strdup (_("No step"));
  record = vl_document_lookup (document, box->kind == VL_MAP_BOX_CARD ? VL_KIND_MAP_CARD : VL_KIND_MAP_NODE,
                               box->id);
  if (record == NULL)
    return g_strdup ("");
  if (box->kind == VL_MAP_BOX_CARD)
    {
      g_autoptr(VlRecord) item = vl_record_dup_ref (record, "item");

      /* Translators: a projector step about one story card */
      return g_strdup_printf (_("Card: %s"), item != NULL ? vl_record_get_title (item) : "");
    }
  /* Translators: a projector step: "Release: Walking skeleton" */
  return g_strdup_printf (_("%s: %s"), vl_node_kind_label (box->node_kind), vl_record_get_title (record));
}

/**
 * vl_map_step_for_box:
 *
 * The step a jump into box @box shows: the box and everything that
 * hangs from it (a release's cards, an activity's steps and their cards,
 * an impact's deliverables).
 *
 * Returns: (transfer full):
 */
VlMapStep *
vl_map_step_for_box (VlRecord    *map,
                     VlMapLayout *layout,
                     int          box)
{
  const VlMapBox *b = vl_map_layout_get_box (layout, (guint) box);
  VlMapStep *step = step_new (box_title (map, b), box);
  guint n = vl_map_layout_get_n_boxes (layout);

  light (step, layout, (guint) box, TRUE);
  for (guint i = 0; i < n; i++)
    {
      const VlMapBox *other = vl_map_layout_get_box (layout, i);
      gboolean in_row = (b->kind == VL_MAP_BOX_RELEASE || b->kind == VL_MAP_BOX_UNPLANNED) &&
                        other->kind == VL_MAP_BOX_CARD && other->release == b->id;

      if ((int) i != box && (in_row || descends (layout, i, (guint) box)))
        light (step, layout, i, TRUE);
    }
  return step;
}

static void
add_story_steps (VlRecord    *map,
                 VlMapLayout *layout,
                 GPtrArray   *steps)
{
  guint n = vl_map_layout_get_n_boxes (layout);
  g_autoptr(GArray) backbone = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n; i++)
    {
      VlMapBoxKind kind = vl_map_layout_get_box (layout, i)->kind;

      if (kind == VL_MAP_BOX_NODE || kind == VL_MAP_BOX_LOOSE)
        g_array_append_val (backbone, i);
    }
  /* Each release slice in full light, with the backbone that reads it. */
  for (guint i = 0; i < n; i++)
    {
      const VlMapBox *row = vl_map_layout_get_box (layout, i);
      VlMapStep *step;

      if ((row->kind != VL_MAP_BOX_RELEASE && row->kind != VL_MAP_BOX_UNPLANNED) ||
          (row->kind == VL_MAP_BOX_UNPLANNED && row->n_children == 0))
        continue;
      step = step_new (box_title (map, row), (int) i);
      for (guint k = 0; k < backbone->len; k++)
        light (step, layout, g_array_index (backbone, guint, k), TRUE);
      light (step, layout, i, FALSE);
      grow (&step->frame, &row->lane, step->lit->len == 1);
      for (guint c = 0; c < n; c++)
        {
          const VlMapBox *card = vl_map_layout_get_box (layout, c);

          if (card->kind == VL_MAP_BOX_CARD && card->release == row->id)
            light (step, layout, c, FALSE);
        }
      g_ptr_array_add (steps, step);
    }
  /* Each activity down through its steps' cards. */
  for (guint i = 0; i < n; i++)
    {
      const VlMapBox *activity = vl_map_layout_get_box (layout, i);

      if (activity->kind == VL_MAP_BOX_NODE && activity->node_kind == VL_NODE_KIND_ACTIVITY)
        g_ptr_array_add (steps, vl_map_step_for_box (map, layout, (int) i));
    }
}

/* An actor with its impacts, an impact with its deliverables: a box and
 * its children. */
static VlMapStep *
step_with_children (VlRecord    *map,
                    VlMapLayout *layout,
                    guint        index)
{
  VlMapStep *step = step_new (box_title (map, vl_map_layout_get_box (layout, index)), (int) index);
  guint n = vl_map_layout_get_n_boxes (layout);

  light (step, layout, index, TRUE);
  for (guint i = 0; i < n; i++)
    if (vl_map_layout_get_box (layout, i)->parent == (int) index)
      light (step, layout, i, TRUE);
  return step;
}

static void
add_impact_steps (VlRecord    *map,
                  VlMapLayout *layout,
                  GPtrArray   *steps)
{
  guint n = vl_map_layout_get_n_boxes (layout);

  /* The layout lists boxes depth first: goal, actor, its impacts, … */
  for (guint i = 0; i < n; i++)
    {
      const VlMapBox *box = vl_map_layout_get_box (layout, i);

      if (box->kind != VL_MAP_BOX_NODE)
        continue;
      if (box->node_kind == VL_NODE_KIND_GOAL)
        {
          VlMapStep *step = step_new (box_title (map, box), (int) i);

          light (step, layout, i, TRUE);
          g_ptr_array_add (steps, step);
        }
      else if (box->node_kind == VL_NODE_KIND_ACTOR || box->node_kind == VL_NODE_KIND_IMPACT)
        g_ptr_array_add (steps, step_with_children (map, layout, i));
    }
}

/**
 * vl_map_dup_steps:
 * @layout: the map as laid out (closed nodes hide their subtrees)
 *
 * Returns: (transfer full) (element-type VlMapStep): the map's steps,
 * the overview first
 */
GPtrArray *
vl_map_dup_steps (VlRecord    *map,
                  VlMapLayout *layout)
{
  GPtrArray *steps = g_ptr_array_new_with_free_func ((GDestroyNotify) vl_map_step_free);
  VlMapStep *overview;

  g_return_val_if_fail (VL_IS_MAP (map), steps);
  overview = step_new (g_strdup (vl_record_get_title (map)), -1);
  g_clear_pointer (&overview->lit, g_array_unref);
  vl_map_layout_get_bounds (layout, &overview->frame);
  g_ptr_array_add (steps, overview);
  if (vl_map_layout_get_kind (layout) == VL_MAP_KIND_STORY)
    add_story_steps (map, layout, steps);
  else
    add_impact_steps (map, layout, steps);
  return steps;
}

/* Cuts [lo, hi] into as few pieces at most @size long as it takes, of
 * about the same length, each starting at a box's edge where it can (no
 * box cut in two when boxes are smaller than a piece). @edges holds the
 * boxes' (start, end) pairs. Returns the pieces' starts, and @hi last. */
static GArray *
partition (GArray *edges,
           double  lo,
           double  hi,
           double  size)
{
  GArray *cuts = g_array_new (FALSE, FALSE, sizeof (double));
  double s = lo, widest = 0, target;
  guint n = (guint) ceil ((hi - lo) / size - 1e-9);

  for (guint i = 0; i < edges->len; i += 2)
    widest = MAX (widest, g_array_index (edges, double, i + 1) - g_array_index (edges, double, i));
  /* Even pieces, with room for a box a cut pushes on to the next one. */
  target = MIN (size, (hi - lo) / MAX (n, 1) + widest);
  g_array_append_val (cuts, s);
  while (s + size < hi)
    {
      double e = s + target, next = e;

      /* The first box that does not end inside this piece starts the next. */
      for (guint i = 0; i < edges->len; i += 2)
        {
          double a = g_array_index (edges, double, i), b = g_array_index (edges, double, i + 1);

          if (b > e && a > s && a < next)
            next = a;
        }
      s = next;
      g_array_append_val (cuts, s);
    }
  g_array_append_val (cuts, hi);
  return cuts;
}

/**
 * vl_map_steps_split:
 * @view_width: (and @view_height) the screen or page, in its units
 * @margin: kept free around a frame, in the same units
 * @min_zoom: the smallest zoom at which the map can be read there
 *
 * Splits each step (but the overview) whose frame cannot be shown whole
 * at @min_zoom into parts that can, left to right, then top to bottom;
 * a part with nothing lit in it is left out.
 *
 * Returns: (transfer full) (element-type VlMapStep):
 */
GPtrArray *
vl_map_steps_split (GPtrArray   *steps,
                    VlMapLayout *layout,
                    double       view_width,
                    double       view_height,
                    double       margin,
                    double       min_zoom)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) vl_map_step_free);
  double tw = MAX (view_width - 2 * margin, 1) / min_zoom, th = MAX (view_height - 2 * margin, 1) / min_zoom;

  for (guint s = 0; s < steps->len; s++)
    {
      const VlMapStep *step = steps->pdata[s];
      g_autoptr(GArray) xs = NULL, ys = NULL, xcuts = NULL, ycuts = NULL;
      guint first = out->len;

      if (step->anchor < 0 || step->lit == NULL || (step->frame.width <= tw && step->frame.height <= th))
        {
          g_ptr_array_add (out, step_copy (step));
          continue;
        }
      xs = g_array_new (FALSE, FALSE, sizeof (double));
      ys = g_array_new (FALSE, FALSE, sizeof (double));
      for (guint i = 0; i < step->lit->len; i++)
        {
          const VlRect *r = &vl_map_layout_get_box (layout, g_array_index (step->lit, guint, i))->rect;
          double v[4] = { r->x, r->x + r->width, r->y, r->y + r->height };

          g_array_append_vals (xs, v, 2);
          g_array_append_vals (ys, v + 2, 2);
        }
      xcuts = partition (xs, step->frame.x, step->frame.x + step->frame.width, tw);
      ycuts = partition (ys, step->frame.y, step->frame.y + step->frame.height, th);
      for (guint yi = 0; yi + 1 < ycuts->len; yi++)
        for (guint xi = 0; xi + 1 < xcuts->len; xi++)
          {
            VlRect tile = { g_array_index (xcuts, double, xi), g_array_index (ycuts, double, yi), 0, 0 };
            VlMapStep *part;
            gboolean any = FALSE;

            tile.width = g_array_index (xcuts, double, xi + 1) - tile.x;
            tile.height = g_array_index (ycuts, double, yi + 1) - tile.y;
            for (guint i = 0; i < step->lit->len && !any; i++)
              {
                const VlRect *r = &vl_map_layout_get_box (layout, g_array_index (step->lit, guint, i))->rect;

                any = vl_rect_contains_point (&tile, r->x + MIN (r->width, tw) / 2, r->y + MIN (r->height, th) / 2);
              }
            if (!any)
              continue;
            part = step_copy (step);
            part->frame = tile;
            g_ptr_array_add (out, part);
          }
      for (guint i = first; i < out->len; i++)
        {
          VlMapStep *part = out->pdata[i];

          part->part = i - first + 1;
          part->n_parts = out->len - first;
        }
    }
  return out;
}

/**
 * vl_map_steps_continue_at:
 *
 * Where the steps go on after a jump into box @box: the (first part of
 * the) step about it, or else the last step that lights it; -1 if none.
 */
int
vl_map_steps_continue_at (GPtrArray *steps,
                          int        box)
{
  int last = -1;

  for (guint s = 0; s < steps->len; s++)
    {
      const VlMapStep *step = steps->pdata[s];

      if (step->anchor == box && step->part == 1)
        return (int) s;
      for (guint i = 0; step->anchor >= 0 && step->lit != NULL && i < step->lit->len; i++)
        if (g_array_index (step->lit, guint, i) == (guint) box)
          last = (int) s;
    }
  return last;
}

/* "Release: Walking skeleton (2 of 3)" */
char *
vl_map_step_dup_label (const VlMapStep *step)
{
  if (step->n_parts <= 1)
    return g_strdup (step->title);
  /* Translators: a projector step shown in parts: "Release: MVP (2 of 3)" */
  return g_strdup_printf (_("%s (%u of %u)"), step->title, step->part, step->n_parts);
}
