/* vl-document-units.h — what the units of VlDocument share, and nothing else
 *
 * VlDocument is written as a few units around one structure, as GNOME Text
 * Editor writes a window's actions apart from the window:
 *
 *   vl-document.c           the object: opening and closing, actions
 *                           (begin, commit, cancel), publishing and syncing
 *   vl-document-store.c     the row store: the connection's statements,
 *                           loading a row, writing a register, inserting,
 *                           moving and deleting rows
 *   vl-document-cache.c     the record cache: one VlRecord per live row, the
 *                           shared list models, change notification, queries
 *   vl-document-undo.c      the undo history
 *   vl-document-settings.c  the plan settings (title, WIP limits, targets,
 *                           verdict thresholds, the cycle-time clock)
 *   vl-item-rules.c         what a write to an item brings with it (the
 *                           status history, launch and review dates)
 *
 * Only those files include this header; other parts of the core use
 * vl-document-private.h, and the folder watching is an object of its own
 * (VlSyncWatcher) that the window makes and the command line never does.
 * The functions here are named _vl_doc_* so a reader sees at once that a
 * call crosses from one unit to another.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "vl-clock.h"
#include "vl-document-private.h"
#include "vl-share.h"

G_BEGIN_DECLS

#define MAX_REGS       32
#define LIST_RELOAD_AT 512 /* more changed rows than this: reload a list */
#define META_KIND      VL_N_KINDS

/* Plan settings live in `meta`, each a register synced last-writer-wins
 * by (hlc, site), as the merge does for rows: 0 is the title, 1 + s the
 * WIP limit of status s ("wip-limit.s", 0 for none), then the target share
 * of cost per AARRR stage ("aarrr-target.N", "" for none) and the
 * thresholds of the suggested verdict ("verdict.validated",
 * "verdict.invalidated"), as shares. */
#define N_STAGES (VL_AARRR_REFERRAL + 1)
enum {
  SETTING_TITLE,
  SETTING_WIP,
  SETTING_TARGET = SETTING_WIP + VL_N_STATUSES,
  SETTING_VALIDATED = SETTING_TARGET + N_STAGES,
  SETTING_INVALIDATED,
  SETTING_CLOCK,         /* the statuses a cycle time runs between, "start,end" */
  N_SETTINGS
};

typedef struct
{
  guint    kind;          /* VlKind, or META_KIND for a plan setting */
  guint    reg;           /* the register, or the setting */
  gint64   rowid;
  VlValue *before;        /* the register's fields, packed */
  VlValue *after;
} UndoEntry;

typedef struct
{
  char   *label;
  GArray *entries;        /* UndoEntry */
} UndoStep;

struct _VlDocument
{
  GObject        parent_instance;

  /* the object (vl-document.c) */
  GFile         *file;
  char          *path;
  char          *display;
  sqlite3       *db;
  char          *doc_id;
  int            schema_version;
  char          *read_only_reason;
  VlClock       *clock;
  gint64         site;    /* our row in `site`, 0 until the first write */
  char          *site_uuid;
  char          *device_name;
  guint          reads_held;
  gboolean       reads_began;
  guint          depth;
  GError        *action_error;

  /* publishing and syncing (vl-document.c) */
  VlShare       *share;
  char          *data_dir;
  gboolean       unpublished;
  guint64        edit_serial;   /* counts the edits, for a publish to know which it took */
  guint          publish_races; /* publishes in a row that met another writer */
  gboolean       publish_waiting;
  GError        *publish_error; /* of a background publish someone waits for */
  VlShareState   share_state;

  /* plan settings (vl-document-settings.c) */
  char          *title;
  guint          wip_limits[VL_N_STATUSES];
  double         targets[N_STAGES];    /* NaN: none */
  double         validated_at;
  double         invalidated_at;
  VlStatus       clock_statuses[2];    /* a cycle time's start and end statuses */

  /* the record cache (vl-document-cache.c) */
  GHashTable    *live[VL_N_KINDS];     /* rowid → VlRecord (weak) */
  GHashTable    *lists;                /* key → VlRecordList (weak) */
  GHashTable    *list_keys;            /* VlRecordList → its key, to forget it fast */
  GHashTable    *dirty[VL_N_KINDS];    /* rowid → VlRecord (strong) */

  /* the row store (vl-document-store.c) */
  sqlite3_stmt  *select_row[VL_N_KINDS];
  GHashTable    *statements;           /* SQL → prepared statement, for list loads */
  sqlite3_stmt  *insert_row[VL_N_KINDS];
  sqlite3_stmt  *update_reg[VL_N_KINDS][MAX_REGS];
  sqlite3_stmt  *stamp[VL_N_KINDS];
  GHashTable    *created[VL_N_KINDS];  /* rows created by this action */

  /* the undo history (vl-document-undo.c) */
  UndoStep      *step;                 /* the action being recorded */
  GPtrArray     *undo_stack;
  GPtrArray     *redo_stack;
  enum { NORMAL, UNDOING, REDOING } mode;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_READ_ONLY,
  PROP_SHARE_STATE,
  N_PROPS
};

enum {
  WRITE_FAILED,
  PUBLISH_FAILED,
  PUBLISH_NEEDED,
  MERGED,
  ROWS_CHANGED,
  WIP_LIMIT_CHANGED,
  VALUE_SETTINGS_CHANGED,
  N_SIGNALS
};

extern GParamSpec *_vl_document_properties[N_PROPS];
extern guint       _vl_document_signals[N_SIGNALS];

/* vl-document.c */
gboolean  _vl_doc_ensure_writable   (VlDocument    *self,
                                     GError       **error);
void      _vl_doc_record_error      (VlDocument    *self,
                                     GError        *error);
void      _vl_doc_schedule_publish  (VlDocument    *self);
void      _vl_doc_update_share_state (VlDocument   *self);

/* vl-document-store.c */
guint     _vl_doc_reg_fields        (VlKind         kind,
                                     guint          reg,
                                     guint         *out);
VlValue  *_vl_doc_pack_register     (VlKind         kind,
                                     guint          reg,
                                     const VlValue *row);
void      _vl_doc_free_packed       (guint          kind,
                                     guint          reg,
                                     VlValue       *packed);
gboolean  _vl_doc_sql_failed        (VlDocument    *self,
                                     const char    *format,
                                     GError       **error);
gboolean  _vl_doc_write_register    (VlDocument    *self,
                                     VlRecord      *record,
                                     guint          reg,
                                     const VlValue *values);
gboolean  _vl_doc_end_write         (VlDocument    *self,
                                     gboolean       ok_so_far,
                                     GError       **error);
void      _vl_doc_close_statements  (VlDocument    *self);

/* vl-document-cache.c */
void      _vl_doc_init_cache        (VlDocument    *self);
void      _vl_doc_free_cache        (VlDocument    *self);
VlRecord *_vl_doc_remember          (VlDocument    *self,
                                     VlRecord      *record);
void      _vl_doc_mark_dirty        (VlDocument    *self,
                                     VlRecord      *record);
void      _vl_doc_notify_lists      (VlDocument    *self);

/* vl-document-undo.c */
void      _vl_doc_undo_step_free    (gpointer       step);
void      _vl_doc_revert_step       (VlDocument    *self,
                                     UndoStep      *step);

/* vl-document-settings.c */
void      _vl_doc_init_settings     (VlDocument    *self);
char     *_vl_doc_setting_key       (guint          setting);
gboolean  _vl_doc_load_meta         (VlDocument    *self,
                                     GError       **error);
void      _vl_doc_apply_setting     (VlDocument    *self,
                                     guint          setting,
                                     const char    *value);
gboolean  _vl_doc_write_setting     (VlDocument    *self,
                                     guint          setting,
                                     const char    *value);

/* vl-item-rules.c */
void      _vl_doc_after_write       (VlDocument    *self,
                                     VlRecord      *record,
                                     guint          reg,
                                     const VlValue *before,
                                     gboolean       fresh);

G_END_DECLS
