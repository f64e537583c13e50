/* vl-map-export-dialog.h — what to make of a map: a picture, a PDF, a handout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VL_TYPE_MAP_EXPORT_DIALOG (vl_map_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VlMapExportDialog, vl_map_export_dialog, VL, MAP_EXPORT_DIALOG, AdwMessageDialog)

GtkWidget *vl_map_export_dialog_new        (GtkWidget         *for_widget,
                                            const char        *map_title);
void       vl_map_export_dialog_add_choice (VlMapExportDialog *self,
                                            const char        *label);
guint      vl_map_export_dialog_get_choice (VlMapExportDialog *self);

G_END_DECLS
