/* vl-map.h — the rules of story maps and impact maps
 *
 * Which node may hang from which (goal → actor → impact → deliverable;
 * activity → step; releases at the top of a story map), adding, moving and
 * deleting nodes and cards as one undoable action each, and the map as
 * the layout, the CLI and screen readers read it. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-document.h"
#include "vl-map-layout.h"

G_BEGIN_DECLS

const char  *vl_node_kind_label     (VlNodeKind  kind);
int          vl_map_child_kind      (VlMapKind   map_kind,
                                     int         parent_kind);
VlRecord    *vl_map_create          (VlDocument *document,
                                     VlMapKind   kind,
                                     const char *name,
                                     VlRecord   *backlog,
                                     GError    **error);
VlRecord    *vl_map_add_node        (VlRecord   *map,
                                     VlNodeKind  kind,
                                     VlRecord   *parent,
                                     VlRecord   *after,
                                     const char *title,
                                     GError    **error);
gboolean     vl_map_move_node       (VlRecord   *node,
                                     VlRecord   *parent,
                                     VlRecord   *prev,
                                     VlRecord   *next,
                                     GError    **error);
gboolean     vl_map_reorder_node    (VlRecord   *node,
                                     int         by,
                                     GError    **error);
gboolean     vl_map_delete_node     (VlRecord   *node,
                                     GError    **error);
VlRecord    *vl_map_add_card        (VlRecord   *map,
                                     VlRecord   *item,
                                     VlRecord   *step,
                                     VlRecord   *release,
                                     VlRecord   *after,
                                     GError    **error);
VlRecord    *vl_map_new_card_item   (VlRecord   *map,
                                     VlRecord   *step,
                                     VlRecord   *release,
                                     VlRecord   *after,
                                     const char *title,
                                     GError    **error);
gboolean     vl_map_move_card       (VlRecord   *card,
                                     VlRecord   *step,
                                     VlRecord   *release,
                                     VlRecord   *before,
                                     GError    **error);
gboolean     vl_map_reorder_card    (VlRecord   *card,
                                     int         by,
                                     GError    **error);
VlRecord    *vl_map_get_backlog     (VlRecord   *map);
GPtrArray   *vl_map_dup_children    (VlRecord   *map,
                                     VlRecord   *parent);
GPtrArray   *vl_map_dup_cards       (VlRecord   *map,
                                     VlRecord   *step,
                                     VlRecord   *release);
VlMapLayout *vl_map_build_layout    (VlRecord   *map,
                                     GHashTable *collapsed);
char        *vl_map_describe        (VlRecord   *node_or_card);
void         vl_map_count           (VlRecord   *map,
                                     guint      *n_nodes,
                                     guint      *n_cards);
char        *vl_map_dup_outline     (VlRecord   *map);
VlRecord    *vl_map_find            (VlDocument *document,
                                     const char *id_or_name);

G_END_DECLS
