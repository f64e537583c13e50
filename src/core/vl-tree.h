/* vl-tree.h — trees of rows (objectives, map nodes)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-document.h"

G_BEGIN_DECLS

GHashTable *vl_tree_dup_detached (VlDocument *document,
                                  VlKind      kind);

G_END_DECLS
