/* vl-backlog-columns.h — the backlog's columns: how each field reads, cells, sort, which show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "vl-item-search.h"

G_BEGIN_DECLS

#define VL_TYPE_BACKLOG_COLUMNS (vl_backlog_columns_get_type ())

G_DECLARE_FINAL_TYPE (VlBacklogColumns, vl_backlog_columns, VL, BACKLOG_COLUMNS, GObject)

VlBacklogColumns *vl_backlog_columns_new        (GtkColumnView     *view,
                                                 GSettings         *settings);
GActionGroup *vl_backlog_columns_get_actions    (VlBacklogColumns  *self);
GMenuModel   *vl_backlog_columns_get_menu       (VlBacklogColumns  *self);
void          vl_backlog_columns_set_search     (VlBacklogColumns  *self,
                                                 VlItemSearch      *search);
void          vl_backlog_columns_apply_sort     (VlBacklogColumns  *self);
const char   *vl_backlog_columns_get_sort       (VlBacklogColumns  *self,
                                                 gboolean          *descending);
void          vl_backlog_columns_sort_by        (VlBacklogColumns  *self,
                                                 const char        *column,
                                                 gboolean           descending);
char        **vl_backlog_columns_dup_hidden     (VlBacklogColumns  *self);
void          vl_backlog_columns_set_hidden     (VlBacklogColumns  *self,
                                                 const char *const *hidden);
gboolean      vl_backlog_columns_edit_title     (VlBacklogColumns  *self,
                                                 guint              position);
void          vl_backlog_columns_finish_editing (VlBacklogColumns  *self);
gboolean      vl_backlog_columns_get_editing    (VlBacklogColumns  *self);
VlRecord     *vl_backlog_columns_item_at        (VlBacklogColumns  *self,
                                                 double             x,
                                                 double             y,
                                                 gboolean          *lower_half);

G_END_DECLS
