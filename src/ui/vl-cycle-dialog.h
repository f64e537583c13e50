/* vl-cycle-dialog.h — make or edit an OKR cycle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vl-goals-page.h"

G_BEGIN_DECLS

#define VL_TYPE_CYCLE_DIALOG (vl_cycle_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VlCycleDialog, vl_cycle_dialog, VL, CYCLE_DIALOG, AdwMessageDialog)

GtkWidget *vl_cycle_dialog_new (VlGoalsPage *page,
                                VlRecord    *cycle);

G_END_DECLS
