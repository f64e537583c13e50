/* vl-goal-row.h — one row of the OKR outline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "vl-okr.h"

G_BEGIN_DECLS

#define VL_TYPE_GOAL_ROW (vl_goal_row_get_type ())

G_DECLARE_FINAL_TYPE (VlGoalRow, vl_goal_row, VL, GOAL_ROW, GtkWidget)

GtkWidget *vl_goal_row_new            (void);
VlRecord  *vl_goal_row_get_record     (VlGoalRow        *self);
void       vl_goal_row_set_record     (VlGoalRow        *self,
                                       VlRecord         *record);
void       vl_goal_row_update         (VlGoalRow        *self,
                                       const VlOkrStats *stats);
void       vl_goal_row_start_editing  (VlGoalRow        *self,
                                       const char       *typed);
void       vl_goal_row_finish_editing (VlGoalRow        *self,
                                       gboolean          write);

G_END_DECLS
