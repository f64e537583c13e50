/* vl-hypothesis-dialog.h — asks before a launched item's hypothesis changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-field-row.h"
#include "vl-item-panel.h"

G_BEGIN_DECLS

#define VL_TYPE_HYPOTHESIS_DIALOG (vl_hypothesis_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VlHypothesisDialog, vl_hypothesis_dialog, VL, HYPOTHESIS_DIALOG, AdwMessageDialog)

GtkWidget *vl_hypothesis_dialog_new (VlItemPanel *panel,
                                     VlFieldRow  *row,
                                     const char  *text);

G_END_DECLS
