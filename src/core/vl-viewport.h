/* vl-viewport.h — what part of a map a canvas shows, and at what zoom
 *
 * GTK-free (libshumate's pattern): the canvas widget owns one, feeds it its
 * size and its gestures, and draws what it says. World coordinates are the
 * map layout's; view coordinates are the widget's pixels.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define VL_VIEWPORT_MIN_ZOOM 0.002   /* a 2,000-node tree whole on a laptop */
#define VL_VIEWPORT_MAX_ZOOM 4.0

typedef struct
{
  double x, y, width, height;
} VlRect;

#define VL_TYPE_VIEWPORT (vl_viewport_get_type ())

G_DECLARE_FINAL_TYPE (VlViewport, vl_viewport, VL, VIEWPORT, GObject)

VlViewport *vl_viewport_new            (void);
double      vl_viewport_get_zoom       (VlViewport *self);
void        vl_viewport_set_zoom       (VlViewport *self,
                                        double      zoom);
double      vl_viewport_get_x          (VlViewport *self);
double      vl_viewport_get_y          (VlViewport *self);
void        vl_viewport_set_origin     (VlViewport *self,
                                        double      x,
                                        double      y);
void        vl_viewport_set_size       (VlViewport *self,
                                        double      width,
                                        double      height);
double      vl_viewport_get_width      (VlViewport *self);
double      vl_viewport_get_height     (VlViewport *self);
void        vl_viewport_view_to_world  (VlViewport *self,
                                        double      vx,
                                        double      vy,
                                        double     *wx,
                                        double     *wy);
void        vl_viewport_world_to_view  (VlViewport *self,
                                        double      wx,
                                        double      wy,
                                        double     *vx,
                                        double     *vy);
void        vl_viewport_get_visible    (VlViewport *self,
                                        VlRect     *world);
void        vl_viewport_pan            (VlViewport *self,
                                        double      dx,
                                        double      dy);
void        vl_viewport_zoom_at        (VlViewport *self,
                                        double      vx,
                                        double      vy,
                                        double      factor);
void        vl_viewport_fit            (VlViewport   *self,
                                        const VlRect *world,
                                        double        margin,
                                        double        max_zoom);
gboolean    vl_viewport_ensure_visible (VlViewport   *self,
                                        const VlRect *world,
                                        double        margin);

gboolean    vl_rect_intersects         (const VlRect *a,
                                        const VlRect *b);
gboolean    vl_rect_contains_point     (const VlRect *r,
                                        double        x,
                                        double        y);

G_END_DECLS
