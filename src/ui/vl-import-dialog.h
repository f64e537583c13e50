/* vl-import-dialog.h — Import CSV: a preview before anything is written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vl-csv-import.h"

G_BEGIN_DECLS

#define VL_TYPE_IMPORT_DIALOG (vl_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VlImportDialog, vl_import_dialog, VL, IMPORT_DIALOG, AdwWindow)

VlImportDialog *vl_import_dialog_new         (GtkWindow      *parent,
                                              VlDocument     *document,
                                              VlCsvImport    *import,
                                              VlRecord       *backlog);
VlCsvImport    *vl_import_dialog_get_import  (VlImportDialog *self);
const VlCsvPreview *vl_import_dialog_get_preview (VlImportDialog *self);

G_END_DECLS
