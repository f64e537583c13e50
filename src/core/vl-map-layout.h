/* vl-map-layout.h — where every node and card of a map goes
 *
 * A pure function of the map's structure (placements, ranks, kinds) and
 * of what the viewer has collapsed: every device draws the same map.
 * Boxes have fixed sizes (titles wrap and are cut inside them), so no
 * title, however long, makes boxes overlap. GTK-free; the canvas draws
 * the boxes and asks the layout's spatial index what is where.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "vl-enums.h"
#include "vl-viewport.h"

G_BEGIN_DECLS

/* World units: one is a pixel at zoom 1. */
#define VL_MAP_NODE_WIDTH    200.0
#define VL_MAP_NODE_HEIGHT   76.0
#define VL_MAP_CARD_HEIGHT   88.0
#define VL_MAP_GAP           16.0
#define VL_MAP_LEVEL_GAP     72.0   /* between an impact map's levels */
#define VL_MAP_GUTTER        168.0  /* a story map's release names */

typedef enum {
  VL_MAP_BOX_NODE,       /* goal, actor, impact, deliverable, activity, step */
  VL_MAP_BOX_RELEASE,    /* a release slice: its name at the left of its row */
  VL_MAP_BOX_UNPLANNED,  /* the row of cards in no release */
  VL_MAP_BOX_CARD,       /* a story card (a backlog item) */
  VL_MAP_BOX_LOOSE,      /* the column of cards whose step is gone (deleted
                          * on another device): shown, never lost */
} VlMapBoxKind;

typedef struct
{
  VlMapBoxKind kind;
  VlNodeKind   node_kind;   /* nodes and releases */
  gint64       id;          /* node or card row id; 0 for Unplanned */
  int          parent;      /* index of the box it hangs from, or -1 */
  guint        depth;
  guint        n_children;  /* shown or not (collapsed) */
  gboolean     collapsed;
  gint64       step;        /* cards: their step and release (0: none) */
  gint64       release;
  VlRect       rect;
  VlRect       lane;        /* releases and Unplanned: the whole row */
} VlMapBox;

/* The input: a map's nodes and cards as the plan has them. */
typedef struct
{
  gint64      id;
  gint64      parent;  /* 0: at the top (and nodes whose parent is missing) */
  VlNodeKind  kind;
  const char *rank;
  const char *uuid;    /* siblings sort by (rank, uuid) */
} VlMapLayoutNode;

typedef struct
{
  gint64      id;
  gint64      step;
  gint64      release; /* 0: Unplanned */
  const char *rank;
  const char *uuid;
} VlMapLayoutCard;

typedef struct _VlMapLayout VlMapLayout;

VlMapLayout    *vl_map_layout_new          (VlMapKind              kind,
                                            const VlMapLayoutNode *nodes,
                                            guint                  n_nodes,
                                            const VlMapLayoutCard *cards,
                                            guint                  n_cards,
                                            GHashTable            *collapsed);
void            vl_map_layout_free         (VlMapLayout *layout);
VlMapKind       vl_map_layout_get_kind     (VlMapLayout *layout);
guint           vl_map_layout_get_n_boxes  (VlMapLayout *layout);
const VlMapBox *vl_map_layout_get_box      (VlMapLayout *layout,
                                            guint        index);
int             vl_map_layout_find         (VlMapLayout *layout,
                                            VlMapBoxKind kind,
                                            gint64       id);
void            vl_map_layout_get_bounds   (VlMapLayout *layout,
                                            VlRect      *bounds);
GArray         *vl_map_layout_query        (VlMapLayout  *layout,
                                            const VlRect *area);
int             vl_map_layout_hit          (VlMapLayout *layout,
                                            double       x,
                                            double       y);
int             vl_map_layout_nearest      (VlMapLayout *layout,
                                            int          from,
                                            int          dx,
                                            int          dy);
gboolean        vl_map_layout_slot_at      (VlMapLayout *layout,
                                            double       x,
                                            double       y,
                                            gint64      *step,
                                            gint64      *release);
gboolean        vl_map_layout_neighbour_slot (VlMapLayout *layout,
                                              int          card,
                                              int          dx,
                                              int          dy,
                                              gint64      *step,
                                              gint64      *release);
gsize           vl_map_layout_get_memory   (VlMapLayout *layout);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VlMapLayout, vl_map_layout_free)

G_END_DECLS
