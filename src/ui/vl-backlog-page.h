/* vl-backlog-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vl-page.h"

G_BEGIN_DECLS

#define VL_TYPE_BACKLOG_PAGE (vl_backlog_page_get_type ())

G_DECLARE_FINAL_TYPE (VlBacklogPage, vl_backlog_page, VL, BACKLOG_PAGE, VlPage)

GListModel *vl_backlog_page_get_items    (VlBacklogPage *self);
GtkSelectionModel *vl_backlog_page_get_selection (VlBacklogPage *self);
GtkWidget  *vl_backlog_page_get_item_panel (VlBacklogPage *self);
GtkColumnView *vl_backlog_page_get_column_view (VlBacklogPage *self);
VlRecord   *vl_backlog_page_dup_backlog (VlBacklogPage *self);
void        vl_backlog_page_select_backlog (VlBacklogPage *self,
                                            guint          position);
GActionGroup *vl_backlog_page_get_column_actions (VlBacklogPage *self);
GMenuModel *vl_backlog_page_get_column_menu (VlBacklogPage *self);
void        vl_backlog_page_finish_editing (VlBacklogPage *self);

G_END_DECLS
