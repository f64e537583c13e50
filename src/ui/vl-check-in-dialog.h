/* vl-check-in-dialog.h — check in on a key result
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vl-records.h"

G_BEGIN_DECLS

#define VL_TYPE_CHECK_IN_DIALOG (vl_check_in_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VlCheckInDialog, vl_check_in_dialog, VL, CHECK_IN_DIALOG, AdwMessageDialog)

GtkWidget *vl_check_in_dialog_new (GtkWidget *page,
                                   VlRecord  *key_result);

G_END_DECLS
