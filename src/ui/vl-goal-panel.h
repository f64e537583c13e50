/* vl-goal-panel.h — the details of one objective or key result
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vl-document.h"

G_BEGIN_DECLS

#define VL_TYPE_GOAL_PANEL (vl_goal_panel_get_type ())

G_DECLARE_FINAL_TYPE (VlGoalPanel, vl_goal_panel, VL, GOAL_PANEL, GtkWidget)

GtkWidget  *vl_goal_panel_new        (void);
void        vl_goal_panel_set_record (VlGoalPanel *self,
                                      VlRecord    *record);
VlRecord   *vl_goal_panel_get_record (VlGoalPanel *self);
void        vl_goal_panel_refresh    (VlGoalPanel *self);
GtkWidget  *vl_goal_panel_get_row    (VlGoalPanel *self,
                                      const char  *field);
const char *vl_goal_panel_get_progress_text (VlGoalPanel *self);
guint       vl_goal_panel_get_n_checkins    (VlGoalPanel *self);
guint       vl_goal_panel_get_n_actions     (VlGoalPanel *self);

char       *vl_goal_format_percent   (double       progress);

G_END_DECLS
