/* vl-maps-page.h — the plan's story maps and impact maps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-map-canvas.h"
#include "vl-page.h"

G_BEGIN_DECLS

#define VL_TYPE_MAPS_PAGE (vl_maps_page_get_type ())

G_DECLARE_FINAL_TYPE (VlMapsPage, vl_maps_page, VL, MAPS_PAGE, VlPage)

VlMapCanvas *vl_maps_page_get_canvas     (VlMapsPage *self);
GListModel  *vl_maps_page_get_maps       (VlMapsPage *self);
void         vl_maps_page_select_map     (VlMapsPage *self,
                                          guint       position);
GtkWidget   *vl_maps_page_get_item_panel (VlMapsPage *self);
GtkWidget   *vl_maps_page_get_outline    (VlMapsPage *self);

G_END_DECLS
