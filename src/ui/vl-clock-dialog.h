/* vl-clock-dialog.h — the statuses between which cycle time runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vl-enums.h"

G_BEGIN_DECLS

#define VL_TYPE_CLOCK_DIALOG (vl_clock_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VlClockDialog, vl_clock_dialog, VL, CLOCK_DIALOG, AdwMessageDialog)

GtkWidget *vl_clock_dialog_new          (GtkWidget     *for_widget,
                                         VlStatus       start,
                                         VlStatus       stop);
void       vl_clock_dialog_get_statuses (VlClockDialog *self,
                                         VlStatus      *start,
                                         VlStatus      *stop);

G_END_DECLS
