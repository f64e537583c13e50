/* vl-tree.h — trees of rows (objectives, map nodes)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-document.h"

G_BEGIN_DECLS

/* Deeper than any real tree; a walk up a cycle stops there. */
#define VL_TREE_MAX_DEPTH 64

GHashTable *vl_tree_dup_detached (VlDocument *document,
                                  VlKind      kind);
gboolean    vl_tree_is_within    (VlRecord   *record,
                                  VlRecord   *ancestor);

G_END_DECLS
