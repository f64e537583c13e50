/* vl-item-search.h — search and filters over a list of items, fast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-document.h"

G_BEGIN_DECLS

#define VL_TYPE_ITEM_SEARCH (vl_item_search_get_type ())

G_DECLARE_FINAL_TYPE (VlItemSearch, vl_item_search, VL, ITEM_SEARCH, GObject)

VlItemSearch *vl_item_search_new        (VlDocument   *document,
                                         GListModel   *items);
void          vl_item_search_set_text   (VlItemSearch *self,
                                         const char   *text);
void          vl_item_search_set_enum   (VlItemSearch *self,
                                         const char   *field,
                                         int           value);
void          vl_item_search_set_ref    (VlItemSearch *self,
                                         const char   *field,
                                         gint64        rowid);
void          vl_item_search_set_sort   (VlItemSearch *self,
                                         const char   *field,
                                         gboolean      descending);
void          vl_item_search_set_p1_only (VlItemSearch *self,
                                          gboolean      p1_only);
gboolean      vl_item_search_get_active (VlItemSearch *self);
GListModel   *vl_item_search_get_source (VlItemSearch *self);
guint         vl_item_search_get_rank   (VlItemSearch *self,
                                         VlRecord     *item);
guint         vl_item_search_get_rank_at (VlItemSearch *self,
                                          guint         position);
gint64        vl_item_search_get_rowid  (VlItemSearch *self,
                                         guint         position);

/* For tests and benchmarks. */
void          _vl_item_search_wait_title_order (VlItemSearch *self);
gsize         _vl_item_search_get_memory (VlItemSearch *self);

G_END_DECLS
