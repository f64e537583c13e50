/* vl-map-paint.h — what a map looks like: the one drawing of a map's boxes
 *
 * The canvas draws with it on screen (and in projector mode), and the
 * exports draw with it too (PNG, SVG, PDF, print, the projector's
 * handout): every picture of a map comes from the same GtkSnapshot code,
 * never from a second renderer. It needs no widget and no display, so the
 * CLI exports with it as well.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "vl-document.h"
#include "vl-map-layout.h"

G_BEGIN_DECLS

typedef struct
{
  GdkRGBA fg, bg, card, accent, accent_fg;
  GdkRGBA kinds[7];     /* goal, actor, impact, deliverable, activity, step, release */
  GdkRGBA statuses[7];  /* idea, ready, planned, in progress, launched, reviewed, dropped */
} VlMapColors;

typedef enum {
  VL_MAP_STYLE_SCREEN,     /* the Maps page */
  VL_MAP_STYLE_PROJECTOR,  /* high contrast, thick outlines, large minimum text */
  VL_MAP_STYLE_PRINT,      /* exports: light, every title as tagged text */
} VlMapStyle;

/* The debug nodes that carry a text run's characters (exports only); an
 * ellipsis run carries the characters it stands for. */
#define VL_MAP_TEXT_TAG   "vl-text:"
#define VL_MAP_ELIDED_TAG "vl-elided:"

typedef struct _VlMapPaint VlMapPaint;

VlMapPaint *vl_map_paint_new               (PangoContext      *context);
void        vl_map_paint_free              (VlMapPaint        *self);
void        vl_map_paint_set_context       (VlMapPaint        *self,
                                            PangoContext      *context);
void        vl_map_paint_set_colors        (VlMapPaint        *self,
                                            const VlMapColors *colors);
void        vl_map_paint_get_light_colors  (VlMapColors       *colors);
void        vl_map_paint_set_style         (VlMapPaint        *self,
                                            VlMapStyle         style);
VlMapStyle  vl_map_paint_get_style         (VlMapPaint        *self);
void        vl_map_paint_set_layout        (VlMapPaint        *self,
                                            VlDocument        *document,
                                            VlMapLayout       *layout);
void        vl_map_paint_forget_texts      (VlMapPaint        *self);
void        vl_map_paint_forget_box        (VlMapPaint        *self,
                                            VlMapBoxKind       kind,
                                            gint64             id);
gboolean    vl_map_paint_forget_item       (VlMapPaint        *self,
                                            gint64             item);
void        vl_map_paint_recount           (VlMapPaint        *self);
void        vl_map_paint_set_highlight     (VlMapPaint        *self,
                                            const char        *text);
guint       vl_map_paint_count_highlighted (VlMapPaint        *self);
void        vl_map_paint_set_lit           (VlMapPaint        *self,
                                            GArray            *boxes);
gboolean    vl_map_paint_is_lit            (VlMapPaint        *self,
                                            guint              index);
double      vl_map_paint_get_title_size    (VlMapPaint        *self);
void        vl_map_paint_set_min_text      (VlMapPaint        *self,
                                            double             pixels);
double      vl_map_paint_get_text_zoom     (VlMapPaint        *self);
void        vl_map_paint_draw              (VlMapPaint        *self,
                                            GtkSnapshot       *snapshot,
                                            const VlRect      *visible,
                                            double             zoom,
                                            int                selected,
                                            int                skip);
void        vl_map_paint_draw_moved        (VlMapPaint        *self,
                                            GtkSnapshot       *snapshot,
                                            int                index,
                                            double             dx,
                                            double             dy,
                                            double             zoom);
guint       vl_map_paint_get_n_drawn       (VlMapPaint        *self);
gsize       vl_map_paint_get_memory        (VlMapPaint        *self);
VlRecord   *vl_map_paint_box_record        (VlDocument        *document,
                                            const VlMapBox    *box);
char       *vl_map_paint_box_title         (VlDocument        *document,
                                            const VlMapBox    *box);

G_END_DECLS
