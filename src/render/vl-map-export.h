/* vl-map-export.h — a map as PNG, SVG or PDF, on pages, or as the
 * projector's handout
 *
 * Drawn by vl-map-paint.c into a snapshot, written by vl-node-writer.c:
 * the picture is what the canvas draws, in the light print style. Pages
 * (A4, Letter, or what a printer gives) and handouts are VlMapPages, which
 * GtkPrintOperation draws through as well. No widget, no display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <gtk/gtk.h>

#include "vl-document.h"

G_BEGIN_DECLS

typedef enum {
  VL_MAP_EXPORT_PNG,
  VL_MAP_EXPORT_SVG,
  VL_MAP_EXPORT_PDF,
} VlMapExportFormat;

typedef enum {
  VL_PAPER_NONE,    /* one page the map's size */
  VL_PAPER_A4,
  VL_PAPER_LETTER,
} VlPaper;

typedef struct
{
  VlMapExportFormat format;
  double            scale;      /* PNG: 1 or 2 */
  VlPaper           paper;      /* PDF */
  gboolean          steps;      /* PDF: the projector's steps, one a page */
  GHashTable       *collapsed;  /* node ids closed on screen, or NULL */
} VlMapExportOptions;

typedef struct _VlMapPages VlMapPages;

gboolean    vl_map_export_format_for_name (const char               *name,
                                           VlMapExportFormat        *format);
gboolean    vl_map_export                 (VlRecord                 *map,
                                           GFile                    *file,
                                           const VlMapExportOptions *options,
                                           guint                    *n_pages,
                                           GError                  **error);
GskRenderNode *vl_map_export_render       (VlRecord                 *map,
                                           GHashTable               *collapsed,
                                           graphene_rect_t          *area);

VlMapPages *vl_map_pages_new              (VlRecord   *map,
                                           GHashTable *collapsed,
                                           gboolean    steps,
                                           double      page_width,
                                           double      page_height,
                                           double      margin);
guint       vl_map_pages_get_n_pages      (VlMapPages *self);
void        vl_map_pages_draw             (VlMapPages *self,
                                           guint       page,
                                           cairo_t    *cr);
void        vl_map_pages_free             (VlMapPages *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VlMapPages, vl_map_pages_free)

G_END_DECLS
