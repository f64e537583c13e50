/* vl-viewport.c — zoom and offset of a map view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-viewport"

#include "config.h"

#include <math.h>

#include "vl-viewport.h"

struct _VlViewport
{
  GObject parent_instance;

  double  zoom;          /* view pixels per world unit */
  double  x, y;          /* the world point at the view's top-left corner */
  double  width, height; /* the view's size in pixels */
};

G_DEFINE_FINAL_TYPE (VlViewport, vl_viewport, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ZOOM,
  PROP_X,
  PROP_Y,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

VlViewport *
vl_viewport_new (void)
{
  return g_object_new (VL_TYPE_VIEWPORT, NULL);
}

double
vl_viewport_get_zoom (VlViewport *self)
{
  g_return_val_if_fail (VL_IS_VIEWPORT (self), 1.0);
  return self->zoom;
}

void
vl_viewport_set_zoom (VlViewport *self,
                      double      zoom)
{
  g_return_if_fail (VL_IS_VIEWPORT (self));

  zoom = CLAMP (zoom, VL_VIEWPORT_MIN_ZOOM, VL_VIEWPORT_MAX_ZOOM);
  if (zoom == self->zoom)
    return;
  self->zoom = zoom;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

double
vl_viewport_get_x (VlViewport *self)
{
  g_return_val_if_fail (VL_IS_VIEWPORT (self), 0);
  return self->x;
}

double
vl_viewport_get_y (VlViewport *self)
{
  g_return_val_if_fail (VL_IS_VIEWPORT (self), 0);
  return self->y;
}

void
vl_viewport_set_origin (VlViewport *self,
                        double      x,
                        double      y)
{
  g_return_if_fail (VL_IS_VIEWPORT (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (x != self->x)
    {
      self->x = x;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X]);
    }
  if (y != self->y)
    {
      self->y = y;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
vl_viewport_set_size (VlViewport *self,
                      double      width,
                      double      height)
{
  g_return_if_fail (VL_IS_VIEWPORT (self));
  self->width = MAX (width, 0);
  self->height = MAX (height, 0);
}

double
vl_viewport_get_width (VlViewport *self)
{
  g_return_val_if_fail (VL_IS_VIEWPORT (self), 0);
  return self->width;
}

double
vl_viewport_get_height (VlViewport *self)
{
  g_return_val_if_fail (VL_IS_VIEWPORT (self), 0);
  return self->height;
}

void
vl_viewport_view_to_world (VlViewport *self,
                           double      vx,
                           double      vy,
                           double     *wx,
                           double     *wy)
{
  g_return_if_fail (VL_IS_VIEWPORT (self));
  *wx = self->x + vx / self->zoom;
  *wy = self->y + vy / self->zoom;
}

void
vl_viewport_world_to_view (VlViewport *self,
                           double      wx,
                           double      wy,
                           double     *vx,
                           double     *vy)
{
  g_return_if_fail (VL_IS_VIEWPORT (self));
  *vx = (wx - self->x) * self->zoom;
  *vy = (wy - self->y) * self->zoom;
}

/* The part of the world the view shows. */
void
vl_viewport_get_visible (VlViewport *self,
                         VlRect     *world)
{
  g_return_if_fail (VL_IS_VIEWPORT (self));
  world->x = self->x;
  world->y = self->y;
  world->width = self->width / self->zoom;
  world->height = self->height / self->zoom;
}

/* Moves the view by (@dx, @dy) view pixels: a drag to the right shows
 * what was on the left, so the world moves with the pointer. */
void
vl_viewport_pan (VlViewport *self,
                 double      dx,
                 double      dy)
{
  g_return_if_fail (VL_IS_VIEWPORT (self));
  vl_viewport_set_origin (self, self->x - dx / self->zoom, self->y - dy / self->zoom);
}

/* Zooms by @factor keeping the world point under (@vx, @vy) in place. */
void
vl_viewport_zoom_at (VlViewport *self,
                     double      vx,
                     double      vy,
                     double      factor)
{
  double wx, wy, zoom;

  g_return_if_fail (VL_IS_VIEWPORT (self));
  g_return_if_fail (factor > 0);

  vl_viewport_view_to_world (self, vx, vy, &wx, &wy);
  zoom = CLAMP (self->zoom * factor, VL_VIEWPORT_MIN_ZOOM, VL_VIEWPORT_MAX_ZOOM);
  g_object_freeze_notify (G_OBJECT (self));
  vl_viewport_set_zoom (self, zoom);
  vl_viewport_set_origin (self, wx - vx / self->zoom, wy - vy / self->zoom);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Shows all of @world with @margin view pixels around it, centred, at
 * most at @max_zoom (a small map is not blown up). */
void
vl_viewport_fit (VlViewport   *self,
                 const VlRect *world,
                 double        margin,
                 double        max_zoom)
{
  double aw, ah, zoom;

  g_return_if_fail (VL_IS_VIEWPORT (self));
  g_return_if_fail (world != NULL);

  aw = MAX (self->width - 2 * margin, 1);
  ah = MAX (self->height - 2 * margin, 1);
  zoom = MIN (aw / MAX (world->width, 1), ah / MAX (world->height, 1));
  zoom = MIN (zoom, max_zoom);
  g_object_freeze_notify (G_OBJECT (self));
  vl_viewport_set_zoom (self, zoom);
  vl_viewport_set_origin (self,
                          world->x + world->width / 2 - self->width / 2 / self->zoom,
                          world->y + world->height / 2 - self->height / 2 / self->zoom);
  g_object_thaw_notify (G_OBJECT (self));
}

static double
scroll_axis (double origin,
             double span,
             double lo,
             double hi)
{
  if (hi - lo > span || lo < origin)
    return lo;
  if (hi > origin + span)
    return hi - span;
  return origin;
}

/* Scrolls the least needed for @world (with @margin view pixels around
 * it) to be on screen; what does not fit shows from its top-left corner.
 * TRUE when the view moved. */
gboolean
vl_viewport_ensure_visible (VlViewport   *self,
                            const VlRect *world,
                            double        margin)
{
  double m, x, y;

  g_return_val_if_fail (VL_IS_VIEWPORT (self), FALSE);
  g_return_val_if_fail (world != NULL, FALSE);

  m = margin / self->zoom;
  x = scroll_axis (self->x, self->width / self->zoom, world->x - m, world->x + world->width + m);
  y = scroll_axis (self->y, self->height / self->zoom, world->y - m, world->y + world->height + m);
  if (x == self->x && y == self->y)
    return FALSE;
  vl_viewport_set_origin (self, x, y);
  return TRUE;
}

gboolean
vl_rect_intersects (const VlRect *a,
                    const VlRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

gboolean
vl_rect_contains_point (const VlRect *r,
                        double        x,
                        double        y)
{
  return x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height;
}

static void
vl_viewport_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  VlViewport *self = VL_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_X:
      g_value_set_double (value, self->x);
      break;
    case PROP_Y:
      g_value_set_double (value, self->y);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_viewport_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  VlViewport *self = VL_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      vl_viewport_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_X:
      vl_viewport_set_origin (self, g_value_get_double (value), self->y);
      break;
    case PROP_Y:
      vl_viewport_set_origin (self, self->x, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_viewport_class_init (VlViewportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = vl_viewport_get_property;
  object_class->set_property = vl_viewport_set_property;
  properties[PROP_ZOOM] = g_param_spec_double ("zoom", NULL, NULL, VL_VIEWPORT_MIN_ZOOM,
                                               VL_VIEWPORT_MAX_ZOOM, 1.0, flags);
  properties[PROP_X] = g_param_spec_double ("x", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_Y] = g_param_spec_double ("y", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vl_viewport_init (VlViewport *self)
{
  self->zoom = 1.0;
}
