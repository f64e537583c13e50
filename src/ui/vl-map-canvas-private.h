/* vl-map-canvas-private.h — what the canvas's files share
 *
 * vl-map-canvas.c draws, follows the document and handles the pointer;
 * vl-map-canvas-actions.c holds the keyboard commands and the title
 * editor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-map-canvas.h"
#include "vl-map-paint.h"

G_BEGIN_DECLS

struct _VlMapCanvas
{
  GtkWidget     parent_instance;

  VlDocument   *document;
  VlRecord     *map;
  VlViewport   *viewport;
  VlMapLayout  *layout;
  GHashTable   *collapsed;    /* node ids (gint64 *) closed, per map shown */
  VlMapPaint   *paint;        /* how boxes look (vl-map-paint.c) */
  VlMapBoxKind  selected_kind;
  gint64        selected_id;  /* -1: nothing selected */
  gboolean      fitted;       /* the view was fitted to this map once */
  gboolean      editable;     /* FALSE: a projector's, where keys change nothing */
  gboolean      presenting;   /* the projector's style */
  guint         relayout_id;

  /* a frame to show (the projector's step), kept as the size changes */
  gboolean      framing;
  VlRect        frame;
  double        frame_min_zoom, frame_max_zoom;
  guint         tick_id;      /* the move to it */
  gint64        tick_start;
  double        from_zoom, from_cx, from_cy, to_zoom, to_cx, to_cy;

  /* pointer */
  double        pointer_x, pointer_y;
  int           drag_box;     /* box being dragged, or -1 */
  gboolean      dragging;     /* moved past the threshold */
  gboolean      panning;
  gboolean      drag_denied;  /* a secondary-button press: the menu's */
  double        drag_x, drag_y;   /* current offset of the drag */
  double        zoom_start;

  /* the title editor (a child over the box being edited) */
  GtkWidget    *editor;
  GtkWidget    *menu;         /* the context menu, made on first use */
  gboolean      menu_shown;   /* from its popup until just after it closed */
  VlRecord     *editing;      /* node, or item of a card */
  gint64        editing_key;
  GSList       *dropped;      /* finished editors, removed when idle */
  guint         drop_id;
};

void      vl_map_canvas_init_actions   (VlMapCanvasClass *klass);
void      vl_map_canvas_rename_action  (GtkWidget        *widget,
                                        const char       *name,
                                        GVariant         *param);
void      vl_map_canvas_details_action (GtkWidget        *widget,
                                        const char       *name,
                                        GVariant         *param);
void      vl_map_canvas_read_colors    (VlMapCanvas      *self);
void      vl_map_canvas_apply_frame    (VlMapCanvas      *self,
                                        gboolean          animate);
void      vl_map_canvas_snapshot       (GtkWidget        *widget,
                                        GtkSnapshot      *snapshot);
void      vl_map_canvas_init_typing    (VlMapCanvas      *self);
void      vl_map_canvas_update_actions (VlMapCanvas      *self);
gint64    vl_map_canvas_box_key        (VlMapBoxKind      kind,
                                        gint64            id);
VlRecord *vl_map_canvas_box_record     (VlMapCanvas      *self,
                                        const VlMapBox   *box);
int       vl_map_canvas_selected_box   (VlMapCanvas      *self);
void      vl_map_canvas_select_box     (VlMapCanvas      *self,
                                        int               index);
void      vl_map_canvas_finish_editing (VlMapCanvas      *self,
                                        gboolean          write);
void      vl_map_canvas_drop_editors   (VlMapCanvas      *self);
gboolean  vl_map_canvas_drop_box       (VlMapCanvas      *self,
                                        int               index,
                                        double            wx,
                                        double            wy);

G_END_DECLS
