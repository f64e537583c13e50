/* vl-map-outline.h — a map as a tree list, for screen readers and large maps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-map-canvas.h"

G_BEGIN_DECLS

#define VL_TYPE_MAP_OUTLINE (vl_map_outline_get_type ())

G_DECLARE_FINAL_TYPE (VlMapOutline, vl_map_outline, VL, MAP_OUTLINE, GtkWidget)

void        vl_map_outline_set_canvas (VlMapOutline *self,
                                       VlMapCanvas  *canvas);
GListModel *vl_map_outline_get_rows   (VlMapOutline *self);

G_END_DECLS
