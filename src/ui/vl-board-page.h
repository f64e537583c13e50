/* vl-board-page.h — the kanban board: one column per status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vl-page.h"

G_BEGIN_DECLS

#define VL_TYPE_BOARD_PAGE (vl_board_page_get_type ())

G_DECLARE_FINAL_TYPE (VlBoardPage, vl_board_page, VL, BOARD_PAGE, VlPage)

GListModel *vl_board_page_get_column   (VlBoardPage *self,
                                        int          status);
GListModel *vl_board_page_get_cell     (VlBoardPage *self,
                                        int          status,
                                        VlRecord    *backlog);
GtkWidget  *vl_board_page_get_header   (VlBoardPage *self,
                                        int          status);
void        vl_board_page_select       (VlBoardPage *self,
                                        int          status,
                                        guint        position);

G_END_DECLS
