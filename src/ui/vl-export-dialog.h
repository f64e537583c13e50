/* vl-export-dialog.h — Export CSV: which summary, of what, in which format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vl-csv-export.h"

G_BEGIN_DECLS

#define VL_TYPE_EXPORT_DIALOG (vl_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VlExportDialog, vl_export_dialog, VL, EXPORT_DIALOG, AdwWindow)

VlExportDialog *vl_export_dialog_new       (GtkWindow      *parent,
                                            VlDocument     *document,
                                            VlRecord       *backlog);
void            vl_export_dialog_set_kind  (VlExportDialog *self,
                                            VlCsvKind       kind);
gboolean        vl_export_dialog_export_to (VlExportDialog *self,
                                            GFile          *file,
                                            GError        **error);

G_END_DECLS
