/* vl-map-canvas-draw.c — what the map canvas draws, and with which colours
 *
 * Only what the layout's spatial index finds on screen is drawn; a box's
 * title and details are laid out once (one pair of Pango layouts per box,
 * kept until its text changes). Far out, boxes lose their text, then
 * become plain blocks. Colours come from the theme (dark mode and high
 * contrast included) and are read again when it changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-map-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "vl-labels.h"
#include "vl-map.h"
#include "vl-map-canvas-private.h"
#include "vl-okr.h"

#define TEXT_MIN_ZOOM 0.33   /* below this, boxes are drawn without text */
#define SHAPE_MIN_ZOOM 0.12  /* below this, as plain coloured blocks */
#define PAD           10.0
#define STRIPE        6.0
#define RADIUS        8.0

/* ---- colours -------------------------------------------------------------- */

static void
lookup (GtkWidget  *widget,
        const char *name,
        const char *fallback,
        GdkRGBA    *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, color))
    gdk_rgba_parse (color, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

void
vl_map_canvas_read_colors (VlMapCanvas *self)
{
  GtkWidget *w = GTK_WIDGET (self);
  /* Goal, actor, impact, deliverable, activity, step, release. */
  static const char *kinds[][2] = {
    { "accent_bg_color", "#3584e4" }, { "purple_3", "#9141ac" }, { "orange_3", "#ff7800" },
    { "green_4", "#2ec27e" }, { "blue_3", "#3584e4" }, { "blue_2", "#62a0ea" }, { "brown_2", "#b5835a" },
  };
  /* Idea, ready, planned, in progress, launched, reviewed, dropped. */
  static const char *statuses[][2] = {
    { "light_4", "#9a9996" }, { "blue_3", "#3584e4" }, { "purple_2", "#c061cb" },
    { "warning_color", "#ae7b03" }, { "success_color", "#26a269" }, { "green_5", "#26a269" },
    { "error_color", "#c01c28" },
  };

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (w), &self->fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  lookup (w, "view_bg_color", "#ffffff", &self->bg);
  lookup (w, "card_bg_color", "#ffffff", &self->card);
  lookup (w, "accent_color", "#1c71d8", &self->accent);
  lookup (w, "accent_fg_color", "#ffffff", &self->accent_fg);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    lookup (w, kinds[i][0], kinds[i][1], &self->kind_colors[i]);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    lookup (w, statuses[i][0], statuses[i][1], &self->status_colors[i]);
}

/* ---- texts ---------------------------------------------------------------- */

static char *
card_meta (VlRecord *item)
{
  GString *s = g_string_new (vl_enum_label ("status", (int) vl_record_get_int (item, "status")));
  const char *moscow = vl_enum_label ("moscow", (int) vl_record_get_int (item, "moscow"));
  double cost = vl_record_get_number (item, "cost");

  if (moscow != NULL)
    g_string_append_printf (s, " · %s", moscow);
  if (vl_record_get_int (item, "p1"))
    g_string_append (s, " · P1");
  if (!isnan (cost))
    /* Translators: a card's cost, in the units the team estimates in */
    g_string_append_printf (s, _(" · cost %g"), cost);
  return g_string_free (s, FALSE);
}

static char *
node_meta (VlMapCanvas    *self,
           VlRecord       *node,
           const VlMapBox *box)
{
  VlNodeKind kind = (VlNodeKind) vl_record_get_int (node, "kind");
  g_autoptr(VlRecord) item = vl_record_dup_ref (node, "item");
  g_autofree char *label = g_utf8_strup (vl_node_kind_label (kind), -1);
  const char *measure = vl_record_get_string (node, "measure");

  g_autoptr(VlRecord) kr = vl_record_dup_ref (node, "key-result");
  g_autoptr(VlRecord) objective = vl_record_dup_ref (node, "objective");

  if (item != NULL && !vl_record_get_deleted (item))
    return g_strdup_printf ("%s · %s", label, vl_enum_label ("status", (int) vl_record_get_int (item, "status")));
  /* A measured goal shows its key result's progress, live. */
  if (kr != NULL && !vl_record_get_deleted (kr))
    return g_strdup_printf ("%s · %.0f %% · %s", label, 100 * vl_key_result_get_progress (kr),
                            vl_record_get_title (kr));
  if (objective != NULL && !vl_record_get_deleted (objective))
    return g_strdup_printf ("%s · %.0f %% · %s", label, 100 * vl_objective_get_total_progress (objective),
                            vl_record_get_title (objective));
  if (measure != NULL && *measure != '\0')
    return g_strdup_printf ("%s · %s", label, measure);
  if (box->collapsed)
    /* Translators: a closed node: "ACTOR · 3 hidden" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u hidden", "%s · %u hidden", box->n_children),
                            label, box->n_children);
  return g_steal_pointer (&label);
}

static char *
release_meta (VlMapCanvas    *self,
              const VlMapBox *box)
{
  double *cost = g_hash_table_lookup (self->release_cost, &box->id);
  guint done = GPOINTER_TO_UINT (g_hash_table_lookup (self->release_done, &box->id));
  g_autofree char *cards = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards",
                                                         box->n_children), box->n_children);

  /* Translators: a release row, one fact a line: "4 cards\ncost 13\n2 launched" */
  return g_strdup_printf (_("%s\ncost %g\n%u launched"), cards, cost != NULL ? *cost : 0.0, done);
}

static void
box_strings (VlMapCanvas    *self,
             const VlMapBox *box,
             char          **title,
             char          **meta)
{
  g_autoptr(VlRecord) record = vl_map_canvas_box_record (self, box);

  if (box->kind == VL_MAP_BOX_LOOSE)
    {
      *title = g_strdup (_("No step"));
      /* Translators: the column of story cards whose step was deleted */
      *meta = g_strdup (_("STEP DELETED ELSEWHERE · DRAG THESE CARDS TO A STEP"));
    }
  else if (box->kind == VL_MAP_BOX_UNPLANNED)
    {
      *title = g_strdup (_("Unplanned"));
      *meta = release_meta (self, box);
    }
  else if (record == NULL)
    {
      *title = g_strdup ("");
      *meta = g_strdup ("");
    }
  else if (box->kind == VL_MAP_BOX_CARD)
    {
      g_autoptr(VlRecord) item = vl_record_dup_ref (record, "item");

      *title = g_strdup (item != NULL ? vl_record_get_title (item) : "");
      *meta = item != NULL ? card_meta (item) : g_strdup ("");
    }
  else
    {
      *title = g_strdup (vl_record_get_title (record));
      *meta = box->kind == VL_MAP_BOX_RELEASE ? release_meta (self, box) : node_meta (self, record, box);
    }
}

static PangoLayout *
make_layout (VlMapCanvas *self,
             const char  *text,
             double       width,
             int          lines,
             gboolean     small)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, -lines);
  if (small)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  return layout;
}

static VlBoxText *
box_text (VlMapCanvas    *self,
          const VlMapBox *box)
{
  gint64 key = vl_map_canvas_box_key (box->kind, box->id);
  VlBoxText *text = g_hash_table_lookup (self->texts, &key);
  g_autofree char *title = NULL, *meta = NULL;
  double width = box->rect.width - 2 * PAD - STRIPE;
  gboolean row = box->kind == VL_MAP_BOX_RELEASE || box->kind == VL_MAP_BOX_UNPLANNED;
  int title_lines = 2;

  if (text != NULL)
    {
      text->frame = self->frame;
      return text;
    }
  box_strings (self, box, &title, &meta);
  text = g_new0 (VlBoxText, 1);
  text->title = make_layout (self, title, width, title_lines, FALSE);
  text->meta = make_layout (self, meta, width, row ? 3 : 1, TRUE);
  text->frame = self->frame;
  g_hash_table_insert (self->texts, g_memdup2 (&key, sizeof key), text);
  return text;
}

static gboolean matches (VlMapCanvas *self, const VlMapBox *box);

/* How many boxes the highlight shows in full (all with no highlight). */
guint
vl_map_canvas_count_highlighted (VlMapCanvas *self)
{
  guint n = 0;

  g_return_val_if_fail (VL_IS_MAP_CANVAS (self), 0);
  for (guint i = 0; self->layout != NULL && i < vl_map_layout_get_n_boxes (self->layout); i++)
    n += matches (self, vl_map_layout_get_box (self->layout, i));
  return n;
}

static gboolean
matches (VlMapCanvas    *self,
         const VlMapBox *box)
{
  g_autofree char *title = NULL, *meta = NULL, *folded = NULL, *folded_meta = NULL;

  if (self->highlight == NULL)
    return TRUE;
  box_strings (self, box, &title, &meta);
  folded = g_utf8_casefold (title, -1);
  folded_meta = g_utf8_casefold (meta, -1);
  if (strstr (folded, self->highlight) != NULL || strstr (folded_meta, self->highlight) != NULL)
    return TRUE;
  /* A card's or deliverable's item: its AARRR stage and key result too. */
  {
    g_autoptr(VlRecord) record = vl_map_canvas_box_record (self, box);
    g_autoptr(VlRecord) item = record != NULL ? vl_record_dup_ref (record, "item") : NULL;
    g_autoptr(VlRecord) kr = item != NULL ? vl_record_dup_ref (item, "key-result") : NULL;
    const char *stage = item != NULL ? vl_enum_label ("aarrr", (int) vl_record_get_int (item, "aarrr")) : NULL;
    g_autofree char *s = g_utf8_casefold (stage != NULL ? stage : "", -1);
    g_autofree char *k = g_utf8_casefold (kr != NULL ? vl_record_get_title (kr) : "", -1);

    return strstr (s, self->highlight) != NULL || strstr (k, self->highlight) != NULL;
  }
}

/* ---- drawing ---------------------------------------------------------------- */

static void
fill_rounded (GtkSnapshot   *snapshot,
              const VlRect  *r,
              double         radius,
              const GdkRGBA *color)
{
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, &GRAPHENE_RECT_INIT (r->x, r->y, r->width, r->height), radius);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (r->x, r->y, r->width, r->height));
  gtk_snapshot_pop (snapshot);
}

static void
outline_rounded (GtkSnapshot   *snapshot,
                 const VlRect  *r,
                 double         radius,
                 double         width,
                 const GdkRGBA *color)
{
  GskRoundedRect rounded;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&rounded, &GRAPHENE_RECT_INIT (r->x, r->y, r->width, r->height), radius);
  gtk_snapshot_append_border (snapshot, &rounded, widths, colors);
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            double         alpha)
{
  GdkRGBA c = *color;

  c.alpha *= alpha;
  return c;
}

static const GdkRGBA *
stripe_color (VlMapCanvas    *self,
              const VlMapBox *box)
{
  if (box->kind == VL_MAP_BOX_CARD)
    {
      g_autoptr(VlRecord) card = vl_map_canvas_box_record (self, box);
      g_autoptr(VlRecord) item = card != NULL ? vl_record_dup_ref (card, "item") : NULL;
      int status = item != NULL ? (int) vl_record_get_int (item, "status") : 0;

      return &self->status_colors[CLAMP (status, 0, 6)];
    }
  return &self->kind_colors[CLAMP ((int) box->node_kind, 0, 6)];
}

/* An impact map's elbow from a parent's right side to a child's left. */
static void
draw_edge (VlMapCanvas    *self,
           GtkSnapshot    *snapshot,
           const VlMapBox *parent,
           const VlMapBox *child,
           double          line)
{
  GdkRGBA color = with_alpha (&self->fg, 0.35);
  double x0 = parent->rect.x + parent->rect.width, y0 = parent->rect.y + parent->rect.height / 2;
  double x1 = child->rect.x, y1 = child->rect.y + child->rect.height / 2, mid = (x0 + x1) / 2;

  gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (x0, y0 - line / 2, mid - x0, line));
  gtk_snapshot_append_color (snapshot, &color,
                             &GRAPHENE_RECT_INIT (mid - line / 2, MIN (y0, y1) - line / 2, line,
                                                  fabs (y1 - y0) + line));
  gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (mid, y1 - line / 2, x1 - mid, line));
}

static void
draw_text (VlMapCanvas    *self,
           GtkSnapshot    *snapshot,
           const VlMapBox *box,
           const GdkRGBA  *fg)
{
  VlBoxText *text = box_text (self, box);
  GdkRGBA dim = with_alpha (fg, 0.7);
  int title_h;
  double x = box->rect.x + STRIPE + PAD, y = box->rect.y + PAD * 0.7;

  gtk_snapshot_save (snapshot);
  if (box->kind == VL_MAP_BOX_CARD)
    {
      /* Cards: the title, the item's status and the rest below. */
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
      gtk_snapshot_append_layout (snapshot, text->title, fg);
      pango_layout_get_pixel_size (text->title, NULL, &title_h);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, box->rect.height - PAD * 1.7 - 14));
      gtk_snapshot_append_layout (snapshot, text->meta, &dim);
    }
  else if (box->kind == VL_MAP_BOX_RELEASE || box->kind == VL_MAP_BOX_UNPLANNED)
    {
      /* Release rows: the name, then the counts. */
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
      gtk_snapshot_append_layout (snapshot, text->title, fg);
      pango_layout_get_pixel_size (text->title, NULL, &title_h);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, title_h + 4));
      gtk_snapshot_append_layout (snapshot, text->meta, &dim);
    }
  else
    {
      /* Nodes: the kind above the title. */
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
      gtk_snapshot_append_layout (snapshot, text->meta, &dim);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, 18));
      gtk_snapshot_append_layout (snapshot, text->title, fg);
    }
  gtk_snapshot_restore (snapshot);
}

/* Far out a box is a block of its kind's colour (or its card's status):
 * one node for the renderer instead of five. */
static void
draw_block (VlMapCanvas    *self,
            GtkSnapshot    *snapshot,
            const VlMapBox *box,
            gboolean        selected)
{
  const VlRect *r = &box->rect;

  gtk_snapshot_append_color (snapshot, selected ? &self->accent : stripe_color (self, box),
                             &GRAPHENE_RECT_INIT (r->x, r->y, r->width, r->height));
}

static void
draw_box (VlMapCanvas    *self,
          GtkSnapshot    *snapshot,
          const VlMapBox *box,
          gboolean        with_text,
          gboolean        selected)
{
  const VlRect *r = &box->rect;
  const GdkRGBA *stripe = stripe_color (self, box);
  gboolean dimmed = !matches (self, box);
  GdkRGBA border = with_alpha (&self->fg, 0.18);
  VlRect bar = { r->x, r->y, STRIPE, r->height };

  if (dimmed)
    gtk_snapshot_push_opacity (snapshot, 0.3);
  fill_rounded (snapshot, r, RADIUS, &self->card);
  gtk_snapshot_push_rounded_clip (snapshot, &(GskRoundedRect) {
    .bounds = GRAPHENE_RECT_INIT (r->x, r->y, r->width, r->height),
    .corner = { { RADIUS, RADIUS }, { RADIUS, RADIUS }, { RADIUS, RADIUS }, { RADIUS, RADIUS } } });
  gtk_snapshot_append_color (snapshot, stripe, &GRAPHENE_RECT_INIT (bar.x, bar.y, bar.width, bar.height));
  gtk_snapshot_pop (snapshot);
  outline_rounded (snapshot, r, RADIUS, 1, &border);
  if (with_text)
    draw_text (self, snapshot, box, &self->fg);
  else
    {
      /* Far out: a bar where the title would be. */
      GdkRGBA bar_color = with_alpha (&self->fg, 0.25);

      gtk_snapshot_append_color (snapshot, &bar_color,
                                 &GRAPHENE_RECT_INIT (r->x + STRIPE + PAD, r->y + r->height / 2 - 6,
                                                      r->width * 0.6, 12));
    }
  if (box->collapsed)
    {
      /* A closed node shows a stack behind it. */
      GdkRGBA shade = with_alpha (&self->fg, 0.3);

      gtk_snapshot_append_color (snapshot, &shade,
                                 &GRAPHENE_RECT_INIT (r->x + RADIUS, r->y + r->height + 2,
                                                      r->width - 2 * RADIUS, 3));
    }
  if (dimmed)
    gtk_snapshot_pop (snapshot);
  if (selected)
    {
      VlRect around = { r->x - 3, r->y - 3, r->width + 6, r->height + 6 };

      outline_rounded (snapshot, &around, RADIUS + 3, 3, &self->accent);
    }
}

static void
draw_lanes (VlMapCanvas *self,
            GtkSnapshot *snapshot,
            GArray      *shown)
{
  GdkRGBA band = with_alpha (&self->fg, 0.035), line = with_alpha (&self->fg, 0.12);
  guint n = vl_map_layout_get_n_boxes (self->layout), row = 0;

  for (guint i = 0; i < n; i++)
    {
      const VlMapBox *box = vl_map_layout_get_box (self->layout, i);
      const VlRect *l = &box->lane;

      if (box->kind != VL_MAP_BOX_RELEASE && box->kind != VL_MAP_BOX_UNPLANNED)
        continue;
      if (row++ % 2 == 0)
        gtk_snapshot_append_color (snapshot, &band, &GRAPHENE_RECT_INIT (l->x, l->y, l->width, l->height));
      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (l->x, l->y, l->width, 1));
    }
}

static void
draw_drag (VlMapCanvas *self,
           GtkSnapshot *snapshot,
           gboolean     with_text)
{
  const VlMapBox *box = vl_map_layout_get_box (self->layout, (guint) self->drag_box);
  VlMapBox moved = *box;
  gint64 step, release;
  double wx = box->rect.x + self->drag_x, wy = box->rect.y + self->drag_y;

  /* Where it would land, then the box under the pointer. */
  if (box->kind == VL_MAP_BOX_CARD &&
      vl_map_layout_slot_at (self->layout, wx + box->rect.width / 2, wy + 10, &step, &release))
    {
      int step_box = vl_map_layout_find (self->layout, VL_MAP_BOX_NODE, step);
      int row_box = vl_map_layout_find (self->layout, release ? VL_MAP_BOX_RELEASE : VL_MAP_BOX_UNPLANNED,
                                        release);

      if (step_box >= 0 && row_box >= 0)
        {
          const VlRect *s = &vl_map_layout_get_box (self->layout, (guint) step_box)->rect;
          const VlRect *l = &vl_map_layout_get_box (self->layout, (guint) row_box)->lane;
          GdkRGBA target = with_alpha (&self->accent, 0.15);

          gtk_snapshot_append_color (snapshot, &target, &GRAPHENE_RECT_INIT (s->x - 4, l->y, s->width + 8, l->height));
        }
    }
  moved.rect.x = wx;
  moved.rect.y = wy;
  gtk_snapshot_push_opacity (snapshot, 0.85);
  draw_box (self, snapshot, &moved, with_text, TRUE);
  gtk_snapshot_pop (snapshot);
}

/* Laid-out texts cost a few kilobytes a box: keep those of the boxes on
 * screen and about as many more (a pan back finds them), not a whole
 * large map's. */
static void
forget_unseen_texts (VlMapCanvas *self)
{
  GHashTableIter iter;
  VlBoxText *text;

  if (g_hash_table_size (self->texts) <= MAX (256, 2 * self->n_drawn))
    return;
  g_hash_table_iter_init (&iter, self->texts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &text))
    if (text->frame != self->frame)
      g_hash_table_iter_remove (&iter);
}

void
vl_map_canvas_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  VlMapCanvas *self = VL_MAP_CANVAS (widget);
  double zoom = vl_viewport_get_zoom (self->viewport);
  gboolean with_text = zoom >= TEXT_MIN_ZOOM;
  int selected = vl_map_canvas_selected_box (self);
  g_autoptr(GArray) shown = NULL;
  VlRect visible;

  gtk_snapshot_append_color (snapshot, &self->bg,
                             &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                  gtk_widget_get_height (widget)));
  self->n_drawn = 0;
  self->frame++;
  if (self->layout == NULL)
    return;
  vl_viewport_get_visible (self->viewport, &visible);
  /* Edges reach a level to the left of what shows. */
  visible.x -= VL_MAP_LEVEL_GAP;
  visible.width += VL_MAP_LEVEL_GAP;
  shown = vl_map_layout_query (self->layout, &visible);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_scale (snapshot, zoom, zoom);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-vl_viewport_get_x (self->viewport),
                                                          -vl_viewport_get_y (self->viewport)));
  if (vl_map_layout_get_kind (self->layout) == VL_MAP_KIND_STORY)
    draw_lanes (self, snapshot, shown);
  else
    for (guint k = 0; k < shown->len; k++)
      {
        const VlMapBox *box = vl_map_layout_get_box (self->layout, g_array_index (shown, guint, k));

        if (box->parent >= 0)
          draw_edge (self, snapshot, vl_map_layout_get_box (self->layout, (guint) box->parent), box,
                     MAX (1.5, 1.0 / zoom));
      }
  for (guint k = 0; k < shown->len; k++)
    {
      guint i = g_array_index (shown, guint, k);

      if ((int) i == self->drag_box && self->dragging)
        continue;
      if (zoom < SHAPE_MIN_ZOOM)
        draw_block (self, snapshot, vl_map_layout_get_box (self->layout, i), (int) i == selected);
      else
        draw_box (self, snapshot, vl_map_layout_get_box (self->layout, i), with_text, (int) i == selected);
      self->n_drawn++;
    }
  if (self->drag_box >= 0 && self->dragging)
    draw_drag (self, snapshot, with_text);
  gtk_snapshot_restore (snapshot);
  forget_unseen_texts (self);
  if (self->editor != NULL)
    gtk_widget_snapshot_child (widget, self->editor, snapshot);
}
