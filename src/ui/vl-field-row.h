/* vl-field-row.h — a preferences row that shows and edits one field of a record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vl-document.h"

G_BEGIN_DECLS

/* Writes an enum value with rules of its own (levels only go down…). */
typedef gboolean (*VlFieldEnumWriter) (VlRecord   *record,
                                       int         value,
                                       GError    **error);

GtkWidget *vl_field_row_new          (VlKind             kind,
                                      const char        *field,
                                      const char        *label);
void       vl_field_row_set_record   (GtkWidget         *row,
                                      VlRecord          *record);
void       vl_field_row_update       (GtkWidget         *row);
const char *vl_field_row_get_field   (GtkWidget         *row);
void       vl_field_row_set_range    (GtkWidget         *row,
                                      double             min,
                                      double             max);
void       vl_field_row_set_enum_writer (GtkWidget      *row,
                                         VlFieldEnumWriter writer);

G_END_DECLS
