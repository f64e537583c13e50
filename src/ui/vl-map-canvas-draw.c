/* vl-map-canvas-draw.c — the canvas's colours, its drawing, and the
 * projector's needs: a style, boxes in full light, a frame moved to
 *
 * What a box looks like is vl-map-paint.c's (the exports draw with it
 * too); here the canvas reads the theme's colours (dark mode and high
 * contrast included), draws what its viewport shows, and moves the view
 * to a frame with a short animation (none when the desktop turns
 * animations off).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-map-canvas"

#include "config.h"

#include <math.h>

#include "vl-map-canvas-private.h"

#define FRAME_MARGIN   32.0
#define FRAME_DURATION 250   /* ms */

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
  VlMapColors colors;
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
  gtk_style_context_get_color (gtk_widget_get_style_context (w), &colors.fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  lookup (w, "view_bg_color", "#ffffff", &colors.bg);
  lookup (w, "card_bg_color", "#ffffff", &colors.card);
  lookup (w, "accent_color", "#1c71d8", &colors.accent);
  lookup (w, "accent_fg_color", "#ffffff", &colors.accent_fg);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    lookup (w, kinds[i][0], kinds[i][1], &colors.kinds[i]);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    lookup (w, statuses[i][0], statuses[i][1], &colors.statuses[i]);
  if (self->presenting)
    {
      /* A projector washes colours out: cards stand on the background,
       * text at full strength. */
      colors.fg.alpha = 1;
      colors.card = colors.bg;
    }
  vl_map_paint_set_colors (self->paint, &colors);
}

void
vl_map_canvas_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  VlMapCanvas *self = VL_MAP_CANVAS (widget);
  double zoom = vl_viewport_get_zoom (self->viewport);
  VlRect visible;
  GdkRGBA bg;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "view_bg_color", &bg))
    gdk_rgba_parse (&bg, "#ffffff");
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_snapshot_append_color (snapshot, &bg,
                             &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                  gtk_widget_get_height (widget)));
  vl_viewport_get_visible (self->viewport, &visible);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_scale (snapshot, zoom, zoom);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-vl_viewport_get_x (self->viewport),
                                                          -vl_viewport_get_y (self->viewport)));
  vl_map_paint_draw (self->paint, snapshot, &visible, zoom, vl_map_canvas_selected_box (self),
                     self->dragging ? self->drag_box : -1);
  if (self->layout != NULL && self->drag_box >= 0 && self->dragging)
    vl_map_paint_draw_moved (self->paint, snapshot, self->drag_box, self->drag_x, self->drag_y, zoom);
  gtk_snapshot_restore (snapshot);
  if (self->editor != NULL)
    gtk_widget_snapshot_child (widget, self->editor, snapshot);
}

/* ---- the projector's ------------------------------------------------------------- */

/**
 * vl_map_canvas_set_presenting:
 *
 * The projector's style: high contrast, thick outlines, bold titles, and
 * no title drawn smaller than a readable minimum for the canvas's height.
 */
void
vl_map_canvas_set_presenting (VlMapCanvas *self,
                              gboolean     presenting)
{
  g_return_if_fail (VL_IS_MAP_CANVAS (self));

  self->presenting = presenting;
  vl_map_paint_set_style (self->paint, presenting ? VL_MAP_STYLE_PROJECTOR : VL_MAP_STYLE_SCREEN);
  vl_map_canvas_read_colors (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The smallest title drawn on a screen @height pixels tall (bold, in
 * the projector's style): 11 px on a 768-line projector, 12 px on a
 * 1080-line one, more on larger screens. */
double
vl_map_canvas_readable_size (double height)
{
  return MAX (11.0, height / 90.0);
}

/* The smallest zoom at which the canvas draws titles. */
double
vl_map_canvas_get_text_zoom (VlMapCanvas *self)
{
  g_return_val_if_fail (VL_IS_MAP_CANVAS (self), 1);
  return vl_map_paint_get_text_zoom (self->paint);
}

/* Boxes in full light, the rest dimmed (indices into the layout; NULL
 * lights all). */
void
vl_map_canvas_set_lit (VlMapCanvas *self,
                       GArray      *boxes)
{
  g_return_if_fail (VL_IS_MAP_CANVAS (self));

  vl_map_paint_set_lit (self->paint, boxes);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
vl_map_canvas_is_lit (VlMapCanvas *self,
                      guint        index)
{
  g_return_val_if_fail (VL_IS_MAP_CANVAS (self), FALSE);
  return vl_map_paint_is_lit (self->paint, index);
}

void
vl_map_canvas_set_editable (VlMapCanvas *self,
                            gboolean     editable)
{
  g_return_if_fail (VL_IS_MAP_CANVAS (self));

  if (!editable)
    vl_map_canvas_finish_editing (self, TRUE);
  self->editable = editable;
  vl_map_canvas_update_actions (self);
}

gboolean
vl_map_canvas_get_editable (VlMapCanvas *self)
{
  g_return_val_if_fail (VL_IS_MAP_CANVAS (self), FALSE);
  return self->editable;
}

/* The view's part a frame goes in: the projector keeps a strip at the
 * bottom for its caption. */
static void
frame_area (VlMapCanvas *self,
            VlRect      *area)
{
  double bottom = self->presenting ? VL_MAP_CANVAS_CAPTION : FRAME_MARGIN;

  area->x = FRAME_MARGIN;
  area->y = FRAME_MARGIN;
  area->width = MAX (vl_viewport_get_width (self->viewport) - 2 * FRAME_MARGIN, 1);
  area->height = MAX (vl_viewport_get_height (self->viewport) - FRAME_MARGIN - bottom, 1);
}

/* The zoom and the world point at the view's centre that show the frame. */
static void
frame_target (VlMapCanvas *self,
              double      *zoom,
              double      *cx,
              double      *cy)
{
  double width = vl_viewport_get_width (self->viewport), height = vl_viewport_get_height (self->viewport);
  const VlRect *f = &self->frame;
  VlRect area;
  double ax, ay;

  frame_area (self, &area);
  *zoom = MIN (area.width / MAX (f->width, 1), area.height / MAX (f->height, 1));
  *zoom = CLAMP (*zoom, MAX (self->frame_min_zoom, VL_VIEWPORT_MIN_ZOOM),
                 MIN (self->frame_max_zoom, VL_VIEWPORT_MAX_ZOOM));
  /* The frame's centre at the area's; held at the readable minimum, the
   * frame shows from its top-left corner. */
  ax = f->x + f->width / 2 - (area.x + area.width / 2) / *zoom;
  ay = f->y + f->height / 2 - (area.y + area.height / 2) / *zoom;
  if (f->width * *zoom > area.width)
    ax = f->x - area.x / *zoom;
  if (f->height * *zoom > area.height)
    ay = f->y - area.y / *zoom;
  *cx = ax + width / 2 / *zoom;
  *cy = ay + height / 2 / *zoom;
}

static void
place_view (VlMapCanvas *self,
            double       zoom,
            double       cx,
            double       cy)
{
  double width = vl_viewport_get_width (self->viewport), height = vl_viewport_get_height (self->viewport);

  vl_viewport_set_zoom (self->viewport, zoom);
  vl_viewport_set_origin (self->viewport, cx - width / 2 / zoom, cy - height / 2 / zoom);
}

static gboolean
frame_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       data)
{
  VlMapCanvas *self = VL_MAP_CANVAS (widget);
  double t = (gdk_frame_clock_get_frame_time (clock) - self->tick_start) / (FRAME_DURATION * 1000.0);
  double e;

  t = CLAMP (t, 0, 1);
  e = 1 - pow (1 - t, 3);   /* ease out */
  place_view (self, self->from_zoom * pow (self->to_zoom / self->from_zoom, e),
              self->from_cx + (self->to_cx - self->from_cx) * e,
              self->from_cy + (self->to_cy - self->from_cy) * e);
  if (t < 1)
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* Shows @frame on the next allocation (and on every one after: a
 * projector's window goes full screen after the first). */
void
vl_map_canvas_apply_frame (VlMapCanvas *self,
                           gboolean     animate)
{
  double zoom, cx, cy;
  gboolean animations = TRUE;

  if (!self->framing || vl_viewport_get_width (self->viewport) <= 0)
    return;
  frame_target (self, &zoom, &cx, &cy);
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &animations, NULL);
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  if (!animate || !animations || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      place_view (self, zoom, cx, cy);
      return;
    }
  self->from_zoom = vl_viewport_get_zoom (self->viewport);
  self->from_cx = vl_viewport_get_x (self->viewport) + vl_viewport_get_width (self->viewport) / 2 / self->from_zoom;
  self->from_cy = vl_viewport_get_y (self->viewport) + vl_viewport_get_height (self->viewport) / 2 / self->from_zoom;
  self->to_zoom = zoom;
  self->to_cx = cx;
  self->to_cy = cy;
  self->tick_start = gdk_frame_clock_get_frame_time (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), frame_tick_cb, NULL, NULL);
}

/**
 * vl_map_canvas_show_frame:
 * @frame: (nullable): world area to show whole, or %NULL to stop
 * @min_zoom: never smaller than this (the frame then shows from its
 *   top-left corner)
 * @max_zoom: never larger than this (a single box is not blown up)
 * @animate: move there in about 250 ms (unless animations are off)
 */
void
vl_map_canvas_show_frame (VlMapCanvas  *self,
                          const VlRect *frame,
                          double        min_zoom,
                          double        max_zoom,
                          gboolean      animate)
{
  g_return_if_fail (VL_IS_MAP_CANVAS (self));

  self->framing = frame != NULL;
  if (frame == NULL)
    return;
  self->frame = *frame;
  self->frame_min_zoom = min_zoom;
  self->frame_max_zoom = max_zoom;
  self->fitted = TRUE;
  vl_map_canvas_apply_frame (self, animate);
}

gboolean
vl_map_canvas_is_moving (VlMapCanvas *self)
{
  g_return_val_if_fail (VL_IS_MAP_CANVAS (self), FALSE);
  return self->tick_id != 0;
}
