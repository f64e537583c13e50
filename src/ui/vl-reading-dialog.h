/* vl-reading-dialog.h — add a reading of a launched item's metric
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vl-document.h"

G_BEGIN_DECLS

#define VL_TYPE_READING_DIALOG (vl_reading_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VlReadingDialog, vl_reading_dialog, VL, READING_DIALOG, AdwMessageDialog)

GtkWidget *vl_reading_dialog_new (GtkWidget *for_widget,
                                  VlRecord  *item);

G_END_DECLS
