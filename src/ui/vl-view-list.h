/* vl-view-list.h — the backlog's saved views, listed under the backlogs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vl-document.h"

G_BEGIN_DECLS

#define VL_TYPE_VIEW_LIST (vl_view_list_get_type ())

G_DECLARE_FINAL_TYPE (VlViewList, vl_view_list, VL, VIEW_LIST, GtkWidget)

void        vl_view_list_set_document (VlViewList *self,
                                       VlDocument *document);
GListModel *vl_view_list_get_views    (VlViewList *self);
void        vl_view_list_select       (VlViewList *self,
                                       VlRecord   *view);

G_END_DECLS
