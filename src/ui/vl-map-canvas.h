/* vl-map-canvas.h — a story map or impact map, drawn and edited in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vl-document.h"
#include "vl-map-layout.h"
#include "vl-viewport.h"

G_BEGIN_DECLS

#define VL_TYPE_MAP_CANVAS (vl_map_canvas_get_type ())

G_DECLARE_FINAL_TYPE (VlMapCanvas, vl_map_canvas, VL, MAP_CANVAS, GtkWidget)

GtkWidget   *vl_map_canvas_new            (void);
void         vl_map_canvas_set_map        (VlMapCanvas *self,
                                           VlRecord    *map);
VlRecord    *vl_map_canvas_get_map        (VlMapCanvas *self);
VlRecord    *vl_map_canvas_dup_selected   (VlMapCanvas *self);
void         vl_map_canvas_select         (VlMapCanvas *self,
                                           VlRecord    *record);
VlViewport  *vl_map_canvas_get_viewport   (VlMapCanvas *self);
VlMapLayout *vl_map_canvas_get_layout     (VlMapCanvas *self);
void         vl_map_canvas_set_highlight  (VlMapCanvas *self,
                                           const char  *text);
guint        vl_map_canvas_count_highlighted (VlMapCanvas *self);
guint        vl_map_canvas_get_n_drawn    (VlMapCanvas *self);
gsize        vl_map_canvas_get_memory     (VlMapCanvas *self);
gboolean     vl_map_canvas_is_editing     (VlMapCanvas *self);
void         vl_map_canvas_start_editing  (VlMapCanvas *self,
                                           const char  *typed);
void         vl_map_canvas_relayout       (VlMapCanvas *self);
void         vl_map_canvas_add_shortcuts  (VlMapCanvas           *self,
                                           GtkShortcutController *controller);

GHashTable  *vl_map_canvas_get_collapsed  (VlMapCanvas *self);

/* For the projector (vl-projector.c) */
#define VL_MAP_CANVAS_CAPTION 76.0   /* pixels kept free below a frame */
void         vl_map_canvas_set_presenting (VlMapCanvas  *self,
                                           gboolean      presenting);
double       vl_map_canvas_readable_size  (double        height);
double       vl_map_canvas_get_text_zoom  (VlMapCanvas  *self);
void         vl_map_canvas_set_lit        (VlMapCanvas  *self,
                                           GArray       *boxes);
gboolean     vl_map_canvas_is_lit         (VlMapCanvas  *self,
                                           guint         index);
void         vl_map_canvas_set_editable   (VlMapCanvas  *self,
                                           gboolean      editable);
gboolean     vl_map_canvas_get_editable   (VlMapCanvas  *self);
void         vl_map_canvas_show_frame     (VlMapCanvas  *self,
                                           const VlRect *frame,
                                           double        min_zoom,
                                           double        max_zoom,
                                           gboolean      animate);
gboolean     vl_map_canvas_is_moving      (VlMapCanvas  *self);
int          vl_map_canvas_get_selected_index (VlMapCanvas *self);
void         vl_map_canvas_select_index   (VlMapCanvas  *self,
                                           int           index);

G_END_DECLS
