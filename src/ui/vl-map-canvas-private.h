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

G_BEGIN_DECLS

typedef struct
{
  PangoLayout *title;
  PangoLayout *meta;
  guint        frame;   /* the frame that last drew it */
} VlBoxText;

struct _VlMapCanvas
{
  GtkWidget     parent_instance;

  VlDocument   *document;
  VlRecord     *map;
  VlViewport   *viewport;
  VlMapLayout  *layout;
  GHashTable   *collapsed;    /* node ids (gint64 *) closed, per map shown */
  GHashTable   *texts;        /* box key → VlBoxText, built when first drawn */
  GHashTable   *item_boxes;   /* item id → GArray of box keys showing it */
  GHashTable   *release_cost; /* release id → total cost (double *) */
  GHashTable   *release_done; /* release id → launched cards */
  VlMapBoxKind  selected_kind;
  gint64        selected_id;  /* -1: nothing selected */
  char         *highlight;    /* folded text, or NULL */
  gboolean      fitted;       /* the view was fitted to this map once */
  guint         relayout_id;
  guint         n_drawn;
  guint         frame;        /* counts drawn frames, for the text cache */

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

  /* colours from the theme, read again when it changes */
  GdkRGBA       fg, bg, card, accent, accent_fg, kind_colors[7], status_colors[7];
};

void      vl_map_canvas_init_actions   (VlMapCanvasClass *klass);
void      vl_map_canvas_rename_action  (GtkWidget        *widget,
                                        const char       *name,
                                        GVariant         *param);
void      vl_map_canvas_details_action (GtkWidget        *widget,
                                        const char       *name,
                                        GVariant         *param);
void      vl_map_canvas_read_colors    (VlMapCanvas      *self);
void      vl_map_canvas_snapshot       (GtkWidget        *widget,
                                        GtkSnapshot      *snapshot);
void      vl_box_text_free             (gpointer          data);
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
