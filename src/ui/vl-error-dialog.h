/* vl-error-dialog.h — an error the user must read before going on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VL_TYPE_ERROR_DIALOG (vl_error_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VlErrorDialog, vl_error_dialog, VL, ERROR_DIALOG, AdwMessageDialog)

GtkWidget *vl_error_dialog_new (GtkWindow  *parent,
                                const char *heading,
                                GError     *error);

G_END_DECLS
