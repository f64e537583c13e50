/* vl-goals-page-private.h — for the Goals page's tests: the row widget that shows a record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-goals-page.h"

G_BEGIN_DECLS

GtkWidget *vl_goals_page_find_row_widget (VlGoalsPage *self,
                                          VlRecord    *record);

G_END_DECLS
