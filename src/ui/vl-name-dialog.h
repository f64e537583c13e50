/* vl-name-dialog.h — a dialog that asks for a name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vl-document.h"

G_BEGIN_DECLS

#define VL_TYPE_NAME_DIALOG (vl_name_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VlNameDialog, vl_name_dialog, VL, NAME_DIALOG, AdwMessageDialog)

GtkWidget  *vl_name_dialog_new      (GtkWidget    *for_widget,
                                     const char   *heading,
                                     const char   *body,
                                     const char   *name,
                                     const char   *response,
                                     const char   *response_label);
char       *vl_name_dialog_dup_name (VlNameDialog *self);
void        vl_name_dialog_rename   (GtkWidget    *for_widget,
                                     const char   *heading,
                                     VlRecord     *record);

G_END_DECLS
