/* vl-backlog-sidebar.h — the backlogs with their sizes, and the saved views under them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "vl-view-list.h"

G_BEGIN_DECLS

#define VL_TYPE_BACKLOG_SIDEBAR (vl_backlog_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (VlBacklogSidebar, vl_backlog_sidebar, VL, BACKLOG_SIDEBAR, GtkWidget)

void        vl_backlog_sidebar_set_document   (VlBacklogSidebar *self,
                                               VlDocument       *document);
VlRecord   *vl_backlog_sidebar_get_backlog    (VlBacklogSidebar *self);
GListModel *vl_backlog_sidebar_get_backlogs   (VlBacklogSidebar *self);
void        vl_backlog_sidebar_select         (VlBacklogSidebar *self,
                                               guint             position);
gboolean    vl_backlog_sidebar_select_backlog (VlBacklogSidebar *self,
                                               VlRecord         *backlog);
VlViewList *vl_backlog_sidebar_get_view_list  (VlBacklogSidebar *self);

G_END_DECLS
