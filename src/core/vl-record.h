/* vl-record.h — one row of a plan, as a GObject
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "vl-schema.h"

G_BEGIN_DECLS

typedef struct _VlDocument VlDocument;

#define VL_TYPE_RECORD (vl_record_get_type ())

G_DECLARE_DERIVABLE_TYPE (VlRecord, vl_record, VL, RECORD, GObject)

struct _VlRecordClass
{
  GObjectClass parent_class;

  VlKind       kind;

  /*< private >*/
  gpointer     padding[4];
};

VlDocument  *vl_record_get_document  (VlRecord   *self);
VlKind       vl_record_get_kind      (VlRecord   *self);
gint64       vl_record_get_rowid     (VlRecord   *self);
const char  *vl_record_get_uuid      (VlRecord   *self);
gboolean     vl_record_get_deleted   (VlRecord   *self);
const char  *vl_record_get_title     (VlRecord   *self);

const char  *vl_record_get_string    (VlRecord   *self,
                                      const char *field);
gint64       vl_record_get_int       (VlRecord   *self,
                                      const char *field);
double       vl_record_get_number    (VlRecord   *self,
                                      const char *field);
gint64       vl_record_get_ref_id    (VlRecord   *self,
                                      const char *field);
VlRecord    *vl_record_dup_ref       (VlRecord   *self,
                                      const char *field);

char        *vl_record_format_field  (VlRecord   *self,
                                      const char *field);
gboolean     vl_record_set_from_text (VlRecord   *self,
                                      const char *field,
                                      const char *text,
                                      GError    **error);

void         vl_record_class_install_fields (VlRecordClass *klass,
                                             VlKind         kind);

gboolean     vl_date_is_valid        (const char *date);

G_END_DECLS
