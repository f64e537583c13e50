/* vl-period-dialog.h — the days a custom period of the reports covers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VL_TYPE_PERIOD_DIALOG (vl_period_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VlPeriodDialog, vl_period_dialog, VL, PERIOD_DIALOG, AdwMessageDialog)

GtkWidget *vl_period_dialog_new        (GtkWidget      *for_widget,
                                        const GDate    *from,
                                        const GDate    *to);
gboolean   vl_period_dialog_get_period (VlPeriodDialog *self,
                                        GDate          *from,
                                        GDate          *to);

G_END_DECLS
