/* vl-copy-dialog.h — a copy of a plan open elsewhere, and the offer to make it
 * a plan of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-window.h"

G_BEGIN_DECLS

#define VL_TYPE_COPY_DIALOG (vl_copy_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VlCopyDialog, vl_copy_dialog, VL, COPY_DIALOG, AdwMessageDialog)

GtkWidget *vl_copy_dialog_new (VlWindow *window,
                               GFile    *file,
                               GError   *error);

G_END_DECLS
