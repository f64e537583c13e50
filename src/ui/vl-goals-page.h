/* vl-goals-page.h — the OKR outline of a cycle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vl-page.h"

G_BEGIN_DECLS

#define VL_TYPE_GOALS_PAGE (vl_goals_page_get_type ())

G_DECLARE_FINAL_TYPE (VlGoalsPage, vl_goals_page, VL, GOALS_PAGE, VlPage)

VlDocument  *vl_goals_page_get_document  (VlGoalsPage *self);
GListModel  *vl_goals_page_get_rows      (VlGoalsPage *self);
VlRecord    *vl_goals_page_get_selected  (VlGoalsPage *self);
gboolean     vl_goals_page_select        (VlGoalsPage *self,
                                          VlRecord    *record);
VlRecord    *vl_goals_page_get_cycle     (VlGoalsPage *self);
void         vl_goals_page_set_cycle     (VlGoalsPage *self,
                                          VlRecord    *cycle);
GtkWidget   *vl_goals_page_get_panel     (VlGoalsPage *self);
GtkWidget   *vl_goals_page_get_list_view (VlGoalsPage *self);
const char  *vl_goals_page_get_empty_state (VlGoalsPage *self);

G_END_DECLS
