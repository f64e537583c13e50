/* vl-node-writer.h — a drawing's node tree, written to cairo or as SVG
 *
 * The exports render the very nodes the canvas's snapshot makes. Text
 * runs that vl-map-paint.c tagged become real text: in PDF with their
 * characters attached (selectable, searchable, pdftotext reads them), in
 * SVG as <text> elements. What SVG cannot say node by node (a kind of
 * node this writer does not know) is embedded as a picture of itself, so
 * nothing drawn is ever left out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void     vl_node_draw_cairo (GskRenderNode         *node,
                             cairo_t               *cr);
char    *vl_node_to_svg     (GskRenderNode         *node,
                             const graphene_rect_t *area,
                             double                 width,
                             double                 height,
                             const char            *title);

void     vl_node_append_layout (GtkSnapshot       *snapshot,
                                PangoLayout       *layout,
                                const GdkRGBA     *color,
                                gboolean           tagged);

G_END_DECLS
