/* vl-record-chooser.h — pick a backlog item or a key result by searching
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vl-document.h"

G_BEGIN_DECLS

#define VL_TYPE_RECORD_CHOOSER (vl_record_chooser_get_type ())

G_DECLARE_FINAL_TYPE (VlRecordChooser, vl_record_chooser, VL, RECORD_CHOOSER, AdwMessageDialog)

VlRecordChooser *vl_record_chooser_new    (GtkWindow  *parent,
                                           VlDocument *document,
                                           VlKind      kind,
                                           const char *heading,
                                           const char *body);
void             vl_record_chooser_search (VlRecordChooser *self,
                                           const char      *text);
guint            vl_record_chooser_get_n_shown (VlRecordChooser *self);
void             vl_record_chooser_choose (VlRecordChooser *self,
                                           guint            position);

G_END_DECLS
