/* vl-document-private.h — what VlDocument, VlRecord and VlRecordList share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "vl-document.h"
#include "vl-uuid.h"

G_BEGIN_DECLS

/* One field's value, typed by its VlField: STRING/DATE use s (never NULL
 * for STRING, NULL for an unset DATE), NUMBER uses d (NaN when unset), all
 * others use i (REF: 0 when unset). */
typedef union
{
  gint64  i;
  double  d;
  char   *s;
} VlValue;

VlValue  *vl_values_new_default (VlKind          kind);
VlValue  *vl_values_copy        (VlKind          kind,
                                 const VlValue  *values);
void      vl_values_free        (VlKind          kind,
                                 VlValue        *values);
gboolean  vl_value_equal        (const VlField  *field,
                                 const VlValue  *a,
                                 const VlValue  *b);
void      vl_value_assign       (const VlField  *field,
                                 VlValue        *dest,
                                 const VlValue  *src);

VlRecord       *_vl_record_new_lazy (VlDocument    *document,
                                     VlKind         kind,
                                     gint64         rowid,
                                     const guint8  *uuid);
VlRecord       *_vl_document_lookup_lazy (VlDocument   *self,
                                          VlKind        kind,
                                          gint64        rowid,
                                          const guint8 *uuid);
VlRecord       *_vl_record_new      (VlDocument    *document,
                                     VlKind         kind,
                                     gint64         rowid,
                                     const guint8  *uuid,
                                     gboolean       deleted,
                                     VlValue       *values);
const VlValue  *_vl_record_values   (VlRecord      *self);
const guint8   *_vl_record_uuid_bytes (VlRecord    *self);
void            _vl_record_apply    (VlRecord      *self,
                                     guint          reg,
                                     const VlValue *values);
void            _vl_record_apply_deleted (VlRecord *self,
                                          gboolean  deleted);

gboolean  _vl_document_write_register (VlDocument  *self,
                                      VlRecord    *record,
                                      guint        reg,
                                      const VlValue *packed,
                                      GError     **error);
gboolean  _vl_document_write_field (VlDocument    *self,
                                    VlRecord      *record,
                                    guint          field,
                                    const VlValue *value,
                                    GError       **error);
void      _vl_document_forget      (VlDocument    *self,
                                    VlRecord      *record);
sqlite3  *_vl_document_get_db      (VlDocument    *self);
sqlite3_stmt *_vl_document_statement (VlDocument   *self,
                                      const char   *sql);
void      _vl_document_end_reads   (VlDocument    *self);
gboolean  _vl_document_load_row    (VlDocument    *self,
                                    VlKind         kind,
                                    gint64         rowid,
                                    guint8        *uuid,
                                    gboolean      *deleted,
                                    VlValue      **values);

double    _vl_parse_share          (const char    *text,
                                    double         max,
                                    double         fallback);
/* vl-merge.c */
gint64    _vl_document_get_site    (VlDocument    *self);
void      _vl_document_mark_unpublished (VlDocument *self);
void      _vl_document_emit_merged (VlDocument    *self);
void      _vl_document_observe     (VlDocument    *self,
                                    gint64         hlc);
void      _vl_document_row_merged  (VlDocument    *self,
                                    VlKind         kind,
                                    gint64         rowid);
gboolean  _vl_document_is_live     (VlDocument    *self,
                                    VlKind         kind,
                                    gint64         rowid);
void      _vl_document_reload_lists (VlDocument   *self,
                                     VlKind        kind);
void      _vl_document_settings_merged (VlDocument   *self);
guint     _vl_parse_wip_limit       (const char   *text);
const char *_vl_document_get_display (VlDocument  *self);

/* vl-record-list.c */
typedef struct _VlRecordList VlRecordList;
VlRecordList *_vl_record_list_new       (VlDocument    *document,
                                         VlKind         kind,
                                         int            filter_field,
                                         gint64         filter_value);
void          _vl_record_list_reload    (VlRecordList  *self);
void          _vl_record_list_row_changed (VlRecordList *self,
                                           gint64        rowid,
                                           const guint8 *uuid,
                                           gboolean      deleted,
                                           const VlValue *values);
VlKind        _vl_record_list_get_kind  (VlRecordList  *self);
gsize         _vl_record_list_get_memory (VlRecordList *self);
gint64        _vl_record_list_get_rowid  (VlRecordList *self,
                                          guint         position);
int           _vl_record_list_get_filter (VlRecordList *self,
                                          gint64       *value);

/* vl-value.c: "Metric", "Baseline", "Expected Value" (the status
 * history's notes of a launched item's hypothesis changes) */
const char *vl_item_hypothesis_label (const char *field);

G_END_DECLS
