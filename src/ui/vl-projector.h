/* vl-projector.h — a map in projector mode: full screen, read-only, step
 * by step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vl-document.h"
#include "vl-map-canvas.h"

G_BEGIN_DECLS

#define VL_TYPE_PROJECTOR (vl_projector_get_type ())

G_DECLARE_FINAL_TYPE (VlProjector, vl_projector, VL, PROJECTOR, GtkWindow)

VlProjector *vl_projector_present     (VlRecord    *map,
                                       GtkWindow   *from,
                                       GdkMonitor  *monitor);
VlMapCanvas *vl_projector_get_canvas  (VlProjector *self);
guint        vl_projector_get_step    (VlProjector *self);
guint        vl_projector_get_n_steps (VlProjector *self);
gboolean     vl_projector_get_editing (VlProjector *self);

G_END_DECLS
