/* vl-board-page-private.h — for the board's tests: what a drop on a cell does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-board-page.h"

G_BEGIN_DECLS

gboolean vl_board_page_drop (VlBoardPage *self,
                             const char  *uuid,
                             int          status,
                             VlRecord    *backlog);

G_END_DECLS
