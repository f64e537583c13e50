/* vl-document.h — one plan: its store, clock, undo history and models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vl-enums.h"
#include "vl-record.h"
#include "vl-records.h"

G_BEGIN_DECLS

#define VL_DOCUMENT_ERROR (vl_document_error_quark ())

typedef enum {
  VL_DOCUMENT_ERROR_NOT_FOUND,   /* the file does not exist */
  VL_DOCUMENT_ERROR_EXISTS,      /* refusing to overwrite */
  VL_DOCUMENT_ERROR_NOT_A_PLAN,  /* another program's file */
  VL_DOCUMENT_ERROR_DAMAGED,     /* fails its checks */
  VL_DOCUMENT_ERROR_NEWER,       /* made by a newer Valueloop */
  VL_DOCUMENT_ERROR_READ_ONLY,   /* a write to a read-only plan */
  VL_DOCUMENT_ERROR_INVALID,     /* a bad value or argument */
  VL_DOCUMENT_ERROR_FAILED,      /* SQLite or I/O failed */
  VL_DOCUMENT_ERROR_COPY,        /* a copy of a plan whose working copy is bound elsewhere */
} VlDocumentError;

typedef enum {
  VL_DOCUMENT_OPEN_NONE      = 0,
  VL_DOCUMENT_OPEN_READ_ONLY = 1 << 0, /* never write, never migrate */
} VlDocumentOpenFlags;

#define VL_MAX_WIP_LIMIT 9999

#define VL_TYPE_DOCUMENT (vl_document_get_type ())

G_DECLARE_FINAL_TYPE (VlDocument, vl_document, VL, DOCUMENT, GObject)

GQuark       vl_document_error_quark   (void);

VlDocument  *vl_document_create        (GFile               *file,
                                        const char          *title,
                                        GError             **error);
VlDocument  *vl_document_open          (GFile               *file,
                                        VlDocumentOpenFlags  flags,
                                        GError             **error);
VlDocument  *vl_document_open_for_device (GFile             *file,
                                          const char        *data_dir,
                                          VlDocumentOpenFlags flags,
                                          GError           **error);
gboolean     vl_document_publish       (VlDocument *self,
                                        GError    **error);
void         vl_document_begin_publish (VlDocument *self);
typedef struct
{
  gboolean imported;        /* the shared file brought changes */
  gboolean published;       /* we wrote the shared file */
  gboolean missing;         /* the shared file is gone (edits are safe) */
  guint    copies_merged;   /* conflict copies merged */
  guint    copies_deleted;  /* ... and deleted, once published */
  char     from_device[64]; /* whose changes were imported, or "" */
} VlSyncStats;

typedef enum {
  VL_SHARE_STATE_SAVED,     /* the shared file holds every edit */
  VL_SHARE_STATE_PENDING,   /* edits wait to be published */
  VL_SHARE_STATE_MISSING,   /* the shared file is gone; edits are safe */
  VL_SHARE_STATE_READ_ONLY, /* a read-only plan */
} VlShareState;

#define VL_TYPE_SHARE_STATE (vl_share_state_get_type ())
GType        vl_share_state_get_type   (void);
#define VL_TYPE_SYNC_STATS (vl_sync_stats_get_type ())
GType        vl_sync_stats_get_type    (void);
VlShareState vl_document_get_share_state (VlDocument *self);
gboolean     vl_document_get_busy      (VlDocument *self);
gboolean     vl_document_get_publishing (VlDocument *self);

gboolean     vl_document_sync          (VlDocument  *self,
                                        VlSyncStats *stats,
                                        GError     **error);
gboolean     vl_document_get_unpublished (VlDocument *self);
gboolean     vl_document_get_shared_missing (VlDocument *self);
const char  *vl_document_get_store_path (VlDocument *self);
gboolean     vl_document_check_file    (GFile               *file,
                                        int                 *schema_version,
                                        GError             **error);

GFile       *vl_document_get_file      (VlDocument *self);
const char  *vl_document_get_doc_id    (VlDocument *self);
const char  *vl_document_get_title     (VlDocument *self);
gboolean     vl_document_set_title     (VlDocument *self,
                                        const char *title,
                                        GError    **error);
guint        vl_document_get_wip_limit (VlDocument *self,
                                        VlStatus    status);
void         vl_document_get_clock_statuses (VlDocument *self,
                                             VlStatus   *start,
                                             VlStatus   *end);
gboolean     vl_document_set_clock_statuses (VlDocument *self,
                                             VlStatus    start,
                                             VlStatus    end,
                                             GError    **error);
gboolean     vl_document_set_wip_limit (VlDocument *self,
                                        VlStatus    status,
                                        guint       limit,
                                        GError    **error);
#define VL_DEFAULT_VALIDATED_AT   0.8   /* of the expected change (DESIGN §11) */
#define VL_DEFAULT_INVALIDATED_AT 0.2
double       vl_document_get_aarrr_target (VlDocument *self,
                                           VlAarrr     stage);
gboolean     vl_document_set_aarrr_target (VlDocument *self,
                                           VlAarrr     stage,
                                           double      share,
                                           GError    **error);
void         vl_document_get_verdict_thresholds (VlDocument *self,
                                                 double     *validated_at,
                                                 double     *invalidated_at);
gboolean     vl_document_set_verdict_thresholds (VlDocument *self,
                                                 double      validated_at,
                                                 double      invalidated_at,
                                                 GError    **error);
int          vl_document_get_schema_version (VlDocument *self);
gboolean     vl_document_get_read_only (VlDocument *self);
const char  *vl_document_get_read_only_reason (VlDocument *self);
const char  *vl_document_get_site_uuid (VlDocument *self);
void         vl_document_set_clock_func (VlDocument *self,
                                         gint64    (*now_ms) (gpointer),
                                         gpointer    user_data);
void         vl_document_set_device    (VlDocument *self,
                                        const char *device_id,
                                        const char *device_name);
void         vl_document_close         (VlDocument *self);
gboolean     vl_document_make_independent (GFile  *file,
                                           GError **error);

/* Actions: every write between begin and commit is one transaction and one
 * undo step. A write outside an action is an action of its own. */
void         vl_document_hold_reads    (VlDocument *self);
void         vl_document_release_reads (VlDocument *self);
void         vl_document_begin         (VlDocument *self,
                                        const char *label);
gboolean     vl_document_commit        (VlDocument *self,
                                        GError    **error);
void         vl_document_cancel        (VlDocument *self);
gboolean     vl_document_can_undo      (VlDocument *self);
gboolean     vl_document_can_redo      (VlDocument *self);
const char  *vl_document_get_undo_label (VlDocument *self);
const char  *vl_document_get_redo_label (VlDocument *self);
gboolean     vl_document_undo          (VlDocument *self,
                                        GError    **error);
gboolean     vl_document_redo          (VlDocument *self,
                                        GError    **error);

/* Rows */
VlRecord    *vl_document_insert        (VlDocument *self,
                                        VlKind      kind,
                                        VlRecord   *parent,
                                        VlRecord   *prev,
                                        VlRecord   *next,
                                        GError    **error);
gboolean     vl_document_move          (VlDocument *self,
                                        VlRecord   *record,
                                        VlRecord   *parent,
                                        VlRecord   *prev,
                                        VlRecord   *next,
                                        GError    **error);
gboolean     vl_document_delete        (VlDocument *self,
                                        VlRecord   *record,
                                        GError    **error);
VlRecord    *vl_document_lookup        (VlDocument *self,
                                        VlKind      kind,
                                        gint64      rowid);
VlRecord    *vl_document_find          (VlDocument *self,
                                        VlKind      kind,
                                        const char *id_or_title);
guint        vl_document_count         (VlDocument *self,
                                        VlKind      kind);

/* Models: rows of @kind (not deleted) whose @field is @parent (or all rows
 * when @field is NULL), in rank order. Every caller gets the same model. */
GListModel  *vl_document_list          (VlDocument *self,
                                        VlKind      kind,
                                        const char *field,
                                        VlRecord   *parent);
GListModel  *vl_document_list_where    (VlDocument *self,
                                        VlKind      kind,
                                        const char *field,
                                        gint64      value);

G_END_DECLS
