/* vl-field-row.h — one field of a record as a preferences row, shown and edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vl-document.h"

G_BEGIN_DECLS

#define VL_TYPE_FIELD_ROW (vl_field_row_get_type ())

G_DECLARE_FINAL_TYPE (VlFieldRow, vl_field_row, VL, FIELD_ROW, GObject)

typedef enum {
  VL_FIELD_ROW_DEFAULT   = 0,
  VL_FIELD_ROW_MULTILINE = 1 << 0, /* a text of a few lines, written on leaving it or Ctrl+Enter */
} VlFieldRowFlags;

/* Writes an enum value with rules of its own (levels only go down…). */
typedef gboolean (*VlFieldEnumWriter) (VlRecord   *record,
                                       int         value,
                                       GError    **error);

/* Asked before a typed text is written: %TRUE writes it now; %FALSE leaves
 * it to the owner, who calls vl_field_row_write_text() (or
 * vl_field_row_update() to take it back) later. */
typedef gboolean (*VlFieldConfirm) (VlFieldRow *row,
                                    const char *text,
                                    gpointer    user_data);

VlFieldRow *vl_field_row_new             (VlKind             kind,
                                          const char        *field,
                                          const char        *label,
                                          VlFieldRowFlags    flags);
GtkWidget  *vl_field_row_get_widget      (VlFieldRow        *self);
VlKind      vl_field_row_get_kind        (VlFieldRow        *self);
const char *vl_field_row_get_field       (VlFieldRow        *self);
const char *vl_field_row_get_title       (VlFieldRow        *self);
void        vl_field_row_set_record      (VlFieldRow        *self,
                                          VlRecord          *record);
void        vl_field_row_update          (VlFieldRow        *self);
void        vl_field_row_set_range       (VlFieldRow        *self,
                                          double             min,
                                          double             max);
void        vl_field_row_set_enum_writer (VlFieldRow        *self,
                                          VlFieldEnumWriter  writer);
void        vl_field_row_set_unset_label (VlFieldRow        *self,
                                          const char        *label);
void        vl_field_row_set_confirm     (VlFieldRow        *self,
                                          VlFieldConfirm     confirm,
                                          gpointer           user_data);
gboolean    vl_field_row_write_text      (VlFieldRow        *self,
                                          const char        *text);
void        vl_field_row_commit          (VlFieldRow        *self);

G_END_DECLS
