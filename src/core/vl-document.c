/* vl-document.c — the store behind a plan
 *
 * A document owns one SQLite connection, the hybrid logical clock, the undo
 * history and the identity map (one VlRecord per live row). Every write is
 * a register write: the register's columns, its (hlc, site) stamp in the
 * sparse field_clock table, an undo entry, the cached object and a notify.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-document"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>

#include "vl-clock.h"
#include "vl-conflict-names.h"
#include "vl-device.h"
#include "vl-document-private.h"
#include "vl-merge.h"
#include "vl-enums.h"
#include "vl-rank.h"
#include "vl-share.h"
#include "vl-store.h"

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

  GFile         *file;
  char          *path;
  char          *display;
  sqlite3       *db;
  char          *doc_id;
  char          *title;
  guint          wip_limits[VL_N_STATUSES];
  double         targets[N_STAGES];    /* NaN: none */
  double         validated_at;
  double         invalidated_at;
  VlStatus       clock_statuses[2];    /* a cycle time's start and end statuses */
  int            schema_version;
  char          *read_only_reason;

  VlShare       *share;
  char          *data_dir;
  gboolean       unpublished;
  guint64        edit_serial;   /* counts the edits, for a publish to know which it took */
  guint          publish_races; /* publishes in a row that met another writer */
  gboolean       publish_waiting;
  GError        *publish_error; /* of a background publish someone waits for */
  VlShareState   share_state;
  gboolean       watching;
  GFileMonitor  *monitor;       /* watching the shared file's folder */
  guint          poll_id;       /* the stat fallback */
  guint          sync_id;       /* a debounced sync */
  guint          publish_id;    /* a debounced publish */

  VlClock       *clock;
  gint64         site;    /* our row in `site`, 0 until the first write */
  char          *site_uuid;
  char          *device_name;

  GHashTable    *live[VL_N_KINDS];     /* rowid → VlRecord (weak) */
  GHashTable    *lists;                /* key → VlRecordList (weak) */
  GHashTable    *list_keys;            /* VlRecordList → its key, to forget it fast */
  sqlite3_stmt  *select_row[VL_N_KINDS];
  GHashTable    *statements;           /* SQL → prepared statement, for list loads */
  sqlite3_stmt  *insert_row[VL_N_KINDS];
  sqlite3_stmt  *update_reg[VL_N_KINDS][MAX_REGS];
  sqlite3_stmt  *stamp[VL_N_KINDS];

  guint          reads_held;
  gboolean       reads_began;
  guint          depth;
  UndoStep      *step;                 /* the action being recorded */
  GHashTable    *created[VL_N_KINDS];  /* rows created by this action */
  GHashTable    *dirty[VL_N_KINDS];    /* rowid → VlRecord (strong) */
  GError        *action_error;
  GPtrArray     *undo_stack;
  GPtrArray     *redo_stack;
  enum { NORMAL, UNDOING, REDOING } mode;
};

G_DEFINE_FINAL_TYPE (VlDocument, vl_document, G_TYPE_OBJECT)
G_DEFINE_QUARK (vl-document-error-quark, vl_document_error)

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
  SYNCED,
  MERGED,
  ROWS_CHANGED,
  WIP_LIMIT_CHANGED,
  VALUE_SETTINGS_CHANGED,
  N_SIGNALS
};

G_DEFINE_ENUM_TYPE (VlShareState, vl_share_state,
  G_DEFINE_ENUM_VALUE (VL_SHARE_STATE_SAVED, "saved"),
  G_DEFINE_ENUM_VALUE (VL_SHARE_STATE_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (VL_SHARE_STATE_MISSING, "missing"),
  G_DEFINE_ENUM_VALUE (VL_SHARE_STATE_READ_ONLY, "read-only"))

static VlSyncStats *
sync_stats_copy (VlSyncStats *stats)
{
  return g_memdup2 (stats, sizeof *stats);
}

G_DEFINE_BOXED_TYPE (VlSyncStats, vl_sync_stats, sync_stats_copy, g_free)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- register helpers -------------------------------------------------- */

/* Indices of the fields of register @reg; returns how many. */
static guint
reg_fields (VlKind  kind,
            guint   reg,
            guint  *out)
{
  const VlKindInfo *info = vl_kind_info (kind);
  guint n = 0;

  for (guint i = 0; i < info->n_fields; i++)
    if (info->fields[i].reg == reg)
      out[n++] = i;
  return n;
}

static VlValue *
pack_register (VlKind         kind,
               guint          reg,
               const VlValue *row)
{
  const VlKindInfo *info = vl_kind_info (kind);
  guint idx[MAX_REGS];
  guint n = reg_fields (kind, reg, idx);
  VlValue *packed = g_new0 (VlValue, MAX (n, 1));

  for (guint j = 0; j < n; j++)
    vl_value_assign (&info->fields[idx[j]], &packed[j], &row[idx[j]]);
  return packed;
}

static void
free_packed (guint    kind,
             guint    reg,
             VlValue *packed)
{
  guint idx[MAX_REGS];
  guint n;

  if (packed == NULL)
    return;
  if (kind == META_KIND)
    g_free (packed[0].s);
  else if (reg != VL_REG_DELETED)
    {
      n = reg_fields (kind, reg, idx);
      for (guint j = 0; j < n; j++)
        if (vl_kind_info (kind)->fields[idx[j]].type == VL_FIELD_STRING ||
            vl_kind_info (kind)->fields[idx[j]].type == VL_FIELD_DATE)
          g_free (packed[j].s);
    }
  g_free (packed);
}

static void
undo_step_free (gpointer data)
{
  UndoStep *step = data;

  for (guint i = 0; i < step->entries->len; i++)
    {
      UndoEntry *e = &g_array_index (step->entries, UndoEntry, i);

      free_packed (e->kind, e->reg, e->before);
      free_packed (e->kind, e->reg, e->after);
    }
  g_array_unref (step->entries);
  g_free (step->label);
  g_free (step);
}

/* ---- SQL --------------------------------------------------------------- */

/* @format is a whole translated sentence that names the file with its
 * first %s and says why with its second (every caller passes a literal). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static gboolean
sql_failed (VlDocument *self,
            const char *format,
            GError    **error)
{
  g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_FAILED, format, self->display,
               sqlite3_errmsg (self->db));
  return FALSE;
}
#pragma GCC diagnostic pop

static sqlite3_stmt *
prepare_cached (VlDocument    *self,
                sqlite3_stmt **slot,
                const char    *sql)
{
  if (*slot == NULL && sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                                           slot, NULL) != SQLITE_OK)
    g_error ("Bad built-in SQL “%s”: %s", sql, sqlite3_errmsg (self->db));
  sqlite3_reset (*slot);
  sqlite3_clear_bindings (*slot);
  return *slot;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* A prepared statement for @sql, kept until the document closes: list
 * models are made by the hundred when an outline opens, each with one of
 * a few queries. Reset, bindings cleared; reset it after use. */
sqlite3_stmt *
_vl_document_statement (VlDocument *self,
                        const char *sql)
{
  sqlite3_stmt *stmt;

  if (self->db == NULL)
    return NULL;
  if (self->statements == NULL)
    self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt == NULL)
    {
      stmt = prepare_cached (self, &stmt, sql);
      g_hash_table_insert (self->statements, g_strdup (sql), stmt);
      return stmt;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

static void
bind_value (sqlite3_stmt  *stmt,
            int            col,
            const VlField *f,
            const VlValue *v)
{
  switch (f->type)
    {
    case VL_FIELD_STRING:
    case VL_FIELD_DATE:
      if (v->s != NULL)
        sqlite3_bind_text (stmt, col, v->s, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, col);
      break;
    case VL_FIELD_NUMBER:
      if (isnan (v->d))
        sqlite3_bind_null (stmt, col);
      else
        sqlite3_bind_double (stmt, col, v->d);
      break;
    case VL_FIELD_REF:
      if (v->i == 0)
        sqlite3_bind_null (stmt, col);
      else
        sqlite3_bind_int64 (stmt, col, v->i);
      break;
    default:
      sqlite3_bind_int64 (stmt, col, v->i);
      break;
    }
}

static void
column_value (sqlite3_stmt  *stmt,
              int            col,
              const VlField *f,
              VlValue       *v)
{
  gboolean null = sqlite3_column_type (stmt, col) == SQLITE_NULL;

  switch (f->type)
    {
    case VL_FIELD_STRING:
      v->s = g_strdup (null ? "" : (const char *) sqlite3_column_text (stmt, col));
      break;
    case VL_FIELD_DATE:
      v->s = null ? NULL : g_strdup ((const char *) sqlite3_column_text (stmt, col));
      break;
    case VL_FIELD_NUMBER:
      v->d = null ? NAN : sqlite3_column_double (stmt, col);
      break;
    default:
      v->i = null ? 0 : sqlite3_column_int64 (stmt, col);
      break;
    }
}

gboolean
_vl_document_load_row (VlDocument *self,
                       VlKind      kind,
                       gint64      rowid,
                       guint8     *uuid,
                       gboolean   *deleted,
                       VlValue   **values)
{
  const VlKindInfo *info = vl_kind_info (kind);
  sqlite3_stmt *stmt = self->select_row[kind];

  if (stmt == NULL)
    {
      g_autofree char *cols = vl_kind_column_list (kind, "");
      g_autofree char *sql = g_strdup_printf ("SELECT uuid, deleted, %s FROM %s WHERE id = ?",
                                              cols, info->name);
      stmt = prepare_cached (self, &self->select_row[kind], sql);
    }
  else
    sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  if (sqlite3_column_bytes (stmt, 0) == VL_UUID_LEN)
    memcpy (uuid, sqlite3_column_blob (stmt, 0), VL_UUID_LEN);
  *deleted = sqlite3_column_int (stmt, 1) == VL_ROW_DELETED;
  *values = g_new0 (VlValue, info->n_fields);
  for (guint i = 0; i < info->n_fields; i++)
    column_value (stmt, (int) i + 2, &info->fields[i], &(*values)[i]);
  sqlite3_reset (stmt);
  return TRUE;
}

sqlite3 *
_vl_document_get_db (VlDocument *self)
{
  return self->db;
}

/* ---- identity map ------------------------------------------------------ */

void
_vl_document_forget (VlDocument *self,
                     VlRecord   *record)
{
  GHashTable *live = self->live[vl_record_get_kind (record)];
  gint64 rowid = vl_record_get_rowid (record);

  if (g_hash_table_lookup (live, &rowid) == record)
    g_hash_table_remove (live, &rowid);
}

static VlRecord *
remember (VlDocument *self,
          VlRecord   *record)
{
  gint64 *key = g_new (gint64, 1);

  *key = vl_record_get_rowid (record);
  g_hash_table_insert (self->live[vl_record_get_kind (record)], key, record);
  return record;
}

/**
 * vl_document_lookup:
 *
 * Returns: (transfer full) (nullable): the one object for row @rowid.
 */
VlRecord *
vl_document_lookup (VlDocument *self,
                    VlKind      kind,
                    gint64      rowid)
{
  VlRecord *record;
  VlValue *values;
  guint8 uuid[VL_UUID_LEN] = { 0 };
  gboolean deleted;

  g_return_val_if_fail (VL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (kind < VL_N_KINDS, NULL);

  record = g_hash_table_lookup (self->live[kind], &rowid);
  if (record != NULL)
    return g_object_ref (record);
  if (self->db == NULL || !_vl_document_load_row (self, kind, rowid, uuid, &deleted, &values))
    return NULL;
  return remember (self, _vl_record_new (self, kind, rowid, uuid, deleted, values));
}

/* The one object for a row a list holds (so it exists, and its uuid is
 * known): made without reading the row, which is read on first use. */
VlRecord *
_vl_document_lookup_lazy (VlDocument   *self,
                          VlKind        kind,
                          gint64        rowid,
                          const guint8 *uuid)
{
  VlRecord *record = g_hash_table_lookup (self->live[kind], &rowid);

  if (record != NULL)
    return g_object_ref (record);
  if (self->db == NULL)
    return NULL;
  return remember (self, _vl_record_new_lazy (self, kind, rowid, uuid));
}

/* ---- opening ----------------------------------------------------------- */

static void
vl_document_finalize (GObject *object)
{
  VlDocument *self = VL_DOCUMENT (object);

  vl_document_set_watching (self, FALSE);
  vl_document_close (self);
  for (guint k = 0; k < VL_N_KINDS; k++)
    {
      g_hash_table_unref (self->live[k]);
      g_hash_table_unref (self->created[k]);
      g_hash_table_unref (self->dirty[k]);
    }
  g_hash_table_unref (self->lists);
  g_hash_table_unref (self->list_keys);
  g_clear_error (&self->publish_error);
  g_ptr_array_unref (self->undo_stack);
  g_ptr_array_unref (self->redo_stack);
  g_clear_pointer (&self->clock, vl_clock_free);
  g_clear_pointer (&self->share, vl_share_free);
  g_free (self->data_dir);
  g_clear_object (&self->file);
  g_clear_error (&self->action_error);
  g_free (self->path);
  g_free (self->display);
  g_free (self->doc_id);
  g_free (self->title);
  g_free (self->read_only_reason);
  g_free (self->site_uuid);
  g_free (self->device_name);

  G_OBJECT_CLASS (vl_document_parent_class)->finalize (object);
}

static void
vl_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  VlDocument *self = VL_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, vl_document_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, vl_document_can_redo (self));
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, vl_document_get_read_only (self));
      break;
    case PROP_SHARE_STATE:
      g_value_set_enum (value, vl_document_get_share_state (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_document_class_init (VlDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = vl_document_finalize;
  object_class->get_property = vl_document_get_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  properties[PROP_READ_ONLY] = g_param_spec_boolean ("read-only", NULL, NULL, FALSE, ro);
  properties[PROP_SHARE_STATE] = g_param_spec_enum ("share-state", NULL, NULL,
                                                    vl_share_state_get_type (),
                                                    VL_SHARE_STATE_SAVED, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VlDocument::write-failed:
   * @error: what failed, naming the file
   *
   * A write made through a property setter failed and was rolled back.
   */
  signals[WRITE_FAILED] = g_signal_new ("write-failed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_ERROR);

  /**
   * VlDocument::synced:
   * @stats: what the sync brought in
   *
   * A sync started by watching the folder imported changes or merged
   * conflict copies (the header says "Merged changes from <device>").
   */
  /**
   * VlDocument::merged:
   *
   * Another copy was merged in: values that lost a concurrent edit may
   * have been kept, so views showing conflicts look again.
   */
  /**
   * VlDocument::rows-changed:
   * @kind: the #VlKind of the rows
   * @records: (element-type VlRecord): the rows written
   *
   * Rows of @kind were written (in place or not, deleted too), once per
   * action, after the list models followed; for views that keep their own
   * index of the rows, such as #VlItemSearch.
   */
  signals[ROWS_CHANGED] = g_signal_new ("rows-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_PTR_ARRAY);
  /**
   * VlDocument::wip-limit-changed:
   * @status: the #VlStatus whose limit changed
   *
   * A board column's WIP limit changed: set here, undone or merged.
   */
  signals[WIP_LIMIT_CHANGED] = g_signal_new ("wip-limit-changed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, G_TYPE_INT);
  /**
   * VlDocument::value-settings-changed:
   *
   * An AARRR target share or a verdict threshold changed: set here, undone
   * or merged.
   */
  signals[VALUE_SETTINGS_CHANGED] = g_signal_new ("value-settings-changed", G_TYPE_FROM_CLASS (klass),
                                                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[MERGED] = g_signal_new ("merged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SYNCED] = g_signal_new ("synced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1,
                                  VL_TYPE_SYNC_STATS | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
vl_document_init (VlDocument *self)
{
  for (guint k = 0; k < VL_N_KINDS; k++)
    {
      self->live[k] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      self->created[k] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      self->dirty[k] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              g_object_unref);
    }
  self->lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->list_keys = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  self->undo_stack = g_ptr_array_new_with_free_func (undo_step_free);
  self->redo_stack = g_ptr_array_new_with_free_func (undo_step_free);
  self->clock = vl_clock_new ();
}

static VlDocument *
document_new (GFile *file)
{
  VlDocument *self = g_object_new (VL_TYPE_DOCUMENT, NULL);

  self->file = g_object_ref (file);
  self->path = g_file_get_path (file);
  self->display = g_file_get_parse_name (file);
  for (guint i = 0; i < N_STAGES; i++)
    self->targets[i] = NAN;
  self->validated_at = VL_DEFAULT_VALIDATED_AT;
  self->invalidated_at = VL_DEFAULT_INVALIDATED_AT;
  self->clock_statuses[0] = VL_STATUS_IN_PROGRESS;
  self->clock_statuses[1] = VL_STATUS_LAUNCHED;
  return self;
}

/* The `meta` key of @setting ("title", "wip-limit.3"). */
static char *
setting_key (guint setting)
{
  if (setting == SETTING_TITLE)
    return g_strdup ("title");
  if (setting < SETTING_TARGET)
    return g_strdup_printf ("wip-limit.%u", setting - SETTING_WIP);
  if (setting < SETTING_VALIDATED)
    return g_strdup_printf ("aarrr-target.%u", setting - SETTING_TARGET);
  if (setting == SETTING_CLOCK)
    return g_strdup ("report.clock");
  return g_strdup (setting == SETTING_VALIDATED ? "verdict.validated" : "verdict.invalidated");
}

/* A share another copy wrote that is not a number from 0 to @max counts
 * as not set (@fallback). */
double
_vl_parse_share (const char *text,
                 double      max,
                 double      fallback)
{
  char *end = NULL;
  double v;

  if (text == NULL || *text == '\0')
    return fallback;
  v = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && v >= 0 && v <= max ? v : fallback;
}

/* A limit another copy wrote that is not a number in range counts as no
 * limit: the board shows every card either way. */
guint
_vl_parse_wip_limit (const char *text)
{
  guint64 n = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, VL_MAX_WIP_LIMIT, &n, NULL))
    return 0;
  return (guint) n;
}

static guint
read_wip_limit (sqlite3 *db,
                guint    status)
{
  g_autofree char *key = setting_key (SETTING_WIP + status);
  g_autofree char *text = vl_store_get_meta (db, key);

  return _vl_parse_wip_limit (text);
}

static void apply_setting (VlDocument *self,
                           guint       setting,
                           const char *value);

static gboolean
load_meta (VlDocument *self,
           GError    **error)
{
  g_autofree char *doc_id = vl_store_get_meta (self->db, "doc_id");
  guint8 bytes[VL_UUID_LEN];

  if (doc_id == NULL || !vl_uuid_parse (doc_id, bytes))
    {
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_DAMAGED,
                   _("“%s” is damaged: it has no valid document id"), self->display);
      return FALSE;
    }
  self->doc_id = g_steal_pointer (&doc_id);
  self->title = vl_store_get_meta (self->db, "title");
  if (self->title == NULL)
    self->title = g_strdup ("");
  for (guint s = 0; s < VL_N_STATUSES; s++)
    self->wip_limits[s] = read_wip_limit (self->db, s);
  for (guint setting = SETTING_TARGET; setting < N_SETTINGS; setting++)
    {
      g_autofree char *key = setting_key (setting);
      g_autofree char *value = vl_store_get_meta (self->db, key);

      apply_setting (self, setting, value);
    }
  return TRUE;
}

/* Every query the document runs names the current format's columns: a
 * file that passed its checks yet lacks one (made by hand, or damaged in a
 * way SQLite's own check does not see) is refused here, not at the first
 * query. */
static gboolean
check_tables (VlDocument *self,
              GError    **error)
{
  for (guint k = 0; k < VL_N_KINDS; k++)
    {
      const VlKindInfo *info = vl_kind_info (k);
      g_autofree char *columns = vl_kind_column_list (k, "");
      g_autofree char *sql = g_strdup_printf ("SELECT id, uuid, hlc, site, deleted, %s FROM %s LIMIT 0",
                                              columns, info->name);
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

      sqlite3_finalize (stmt);
      if (rc != SQLITE_OK)
        {
          g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_DAMAGED,
                       _("“%s” is damaged: its table “%s” is not that of a Valueloop plan (%s)"),
                       self->display, info->name, sqlite3_errmsg (self->db));
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * vl_document_check_file:
 *
 * Runs every check that opening does (DESIGN §6) on a read-only, hardened
 * connection. Nothing on disk is changed. A file from a newer Valueloop
 * passes with @schema_version set to its version.
 */
gboolean
vl_document_check_file (GFile   *file,
                        int     *schema_version,
                        GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *display = g_file_get_parse_name (file);
  sqlite3 *db;
  gboolean ok;

  db = vl_store_open (path, display, FALSE, error);
  if (db == NULL)
    return FALSE;
  ok = vl_store_check (db, display, schema_version, error);
  sqlite3_close (db);
  return ok;
}

/**
 * vl_document_open_for_device:
 * @data_dir: (nullable): the user data directory of the device (the working
 *   copy and device id live there); %NULL for this user's
 *
 * Opens a plan. The file itself is only ever read: edits go to a private
 * working copy and reach the file when published (DESIGN §4). A file that
 * fails its checks is refused with an error that names it and says why, and
 * is not changed. A file from a newer Valueloop opens read-only, as does
 * any file with %VL_DOCUMENT_OPEN_READ_ONLY (both from a private snapshot).
 */
VlDocument *
vl_document_open_for_device (GFile               *file,
                             const char          *data_dir,
                             VlDocumentOpenFlags  flags,
                             GError             **error)
{
  g_autoptr(VlDocument) self = NULL;
  gboolean read_only = (flags & VL_DOCUMENT_OPEN_READ_ONLY) != 0;
  VlMergeStats merged;
  int version = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = document_new (file);
  self->data_dir = g_strdup (data_dir);
  self->share = vl_share_prepare (file, data_dir, read_only, &version, error);
  if (self->share == NULL)
    return NULL;
  if (version > VL_SCHEMA_VERSION)
    {
      read_only = TRUE;
      self->read_only_reason =
        g_strdup_printf (_("“%s” was made by a newer version of Valueloop (plan format %d; this "
                           "version knows up to %d). It is open read-only and will not be "
                           "changed."), self->display, version, VL_SCHEMA_VERSION);
    }
  else if (read_only)
    self->read_only_reason = g_strdup_printf (_("“%s” is open read-only."), self->display);

  if (read_only && version < VL_SCHEMA_VERSION)
    {
      /* An older plan read-only: its private snapshot is brought to the
       * current format (the queries expect its columns); the file itself
       * is never written. */
      sqlite3 *db = vl_store_open (vl_share_get_db_path (self->share), self->display, TRUE, error);
      gboolean ok = db != NULL && vl_store_migrate (db, self->display, error);

      sqlite3_close (db);
      if (!ok)
        return NULL;
    }
  self->db = vl_store_open (vl_share_get_db_path (self->share), self->display, !read_only, error);
  if (self->db == NULL)
    return NULL;
  if (!read_only && !vl_store_migrate (self->db, self->display, error))
    return NULL;
  self->schema_version = read_only ? version : VL_SCHEMA_VERSION;
  if (!check_tables (self, error) || !load_meta (self, error))
    return NULL;
  if (!read_only && vl_share_needs_import (self->share))
    {
      if (!vl_share_import (self->share, self, &merged, error))
        return NULL;
      self->unpublished = merged.local_ahead;
    }
  return g_steal_pointer (&self);
}

VlDocument *
vl_document_open (GFile               *file,
                  VlDocumentOpenFlags  flags,
                  GError             **error)
{
  return vl_document_open_for_device (file, NULL, flags, error);
}

/**
 * vl_document_create:
 *
 * Creates a new, empty plan at @file, which must not exist. The file is
 * built under a temporary name and renamed into place when complete.
 */
VlDocument *
vl_document_create (GFile      *file,
                    const char *title,
                    GError    **error)
{
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_get_path (file);
  display = g_file_get_parse_name (file);
  if (path == NULL || g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_EXISTS,
                   _("“%s” already exists; choose another name"), display);
      return NULL;
    }
  if (!vl_store_create (path, display, title != NULL ? title : "", error))
    return NULL;
  return vl_document_open (file, VL_DOCUMENT_OPEN_NONE, error);
}

/**
 * vl_document_close:
 *
 * Publishes what is not published yet (a failure is logged: the edits stay
 * safe in the working copy and are published next time), then closes.
 */
void
vl_document_close (VlDocument *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (VL_IS_DOCUMENT (self));

  if (self->db != NULL && self->depth == 0 && !vl_document_publish (self, &error))
    g_warning ("%s", error->message);
  /* Even inside an action: the snapshot must not outlive the connection. */
  if (self->share != NULL)
    vl_share_publish_wait (self->share);

  for (guint k = 0; k < VL_N_KINDS; k++)
    {
      g_clear_pointer (&self->select_row[k], sqlite3_finalize);
      g_clear_pointer (&self->insert_row[k], sqlite3_finalize);
      g_clear_pointer (&self->stamp[k], sqlite3_finalize);
      for (guint r = 0; r < MAX_REGS; r++)
        g_clear_pointer (&self->update_reg[k][r], sqlite3_finalize);
    }
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close);
}

GFile *
vl_document_get_file (VlDocument *self)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), NULL);
  return self->file;
}

const char *
vl_document_get_doc_id (VlDocument *self)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), NULL);
  return self->doc_id;
}

const char *
vl_document_get_title (VlDocument *self)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), NULL);
  return self->title;
}

int
vl_document_get_schema_version (VlDocument *self)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), 0);
  return self->schema_version;
}

gboolean
vl_document_get_read_only (VlDocument *self)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), TRUE);
  return self->read_only_reason != NULL;
}

const char *
vl_document_get_read_only_reason (VlDocument *self)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), NULL);
  return self->read_only_reason;
}

const char *
vl_document_get_site_uuid (VlDocument *self)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), NULL);
  return self->site_uuid;
}

/**
 * vl_document_set_device:
 *
 * Writes from now on come from this device instead of the one in the user
 * data directory (simulated devices in tests and benchmarks). Call it
 * before the first write.
 */
void
vl_document_set_device (VlDocument *self,
                        const char *device_id,
                        const char *device_name)
{
  g_return_if_fail (VL_IS_DOCUMENT (self));
  g_return_if_fail (g_uuid_string_is_valid (device_id));
  g_return_if_fail (self->site == 0);

  g_free (self->site_uuid);
  g_free (self->device_name);
  self->site_uuid = g_strdup (device_id);
  self->device_name = g_strdup (device_name);
}

/* For tests and the sample plan: another wall clock (%NULL: the real one).
 * Stamps still never go back; only the times people read follow it. */
void
vl_document_set_clock_func (VlDocument *self,
                            gint64    (*now_ms) (gpointer),
                            gpointer    user_data)
{
  VlClock *clock;

  g_return_if_fail (VL_IS_DOCUMENT (self));

  clock = now_ms != NULL ? vl_clock_new_with_func (now_ms, user_data) : vl_clock_new ();
  vl_clock_observe (clock, vl_clock_last (self->clock));
  vl_clock_free (self->clock);
  self->clock = clock;
}

/* The first write registers this device in the file and moves the clock
 * past every stamp the file holds; reading never changes the file. */
static gboolean
ensure_writable (VlDocument *self,
                 GError    **error)
{
  g_autofree char *device = NULL;

  if (self->read_only_reason != NULL || self->db == NULL)
    {
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_READ_ONLY, "%s",
                   self->read_only_reason ? self->read_only_reason : _("The plan is closed."));
      return FALSE;
    }
  if (self->site != 0)
    return TRUE;
  device = self->site_uuid != NULL ? g_strdup (self->site_uuid)
                                    : vl_device_get_id (self->data_dir, error);
  if (device == NULL)
    return FALSE;
  self->site = vl_store_ensure_site (self->db, device,
                                     self->device_name ? self->device_name : g_get_host_name ());
  if (self->site == 0)
    return sql_failed (self, _("Could not register this device in “%s”: %s"), error);
  g_free (self->site_uuid);
  self->site_uuid = g_steal_pointer (&device);
  vl_clock_observe (self->clock, vl_store_max_stamp (self->db));
  return TRUE;
}

/* ---- actions ----------------------------------------------------------- */

void
vl_document_begin (VlDocument *self,
                   const char *label)
{
  g_return_if_fail (VL_IS_DOCUMENT (self));

  if (self->depth++ > 0)
    return;
  _vl_document_end_reads (self);
  self->step = g_new0 (UndoStep, 1);
  self->step->label = g_strdup (label);
  self->step->entries = g_array_new (FALSE, TRUE, sizeof (UndoEntry));
  /* Registering the device happens outside the transaction, so a rolled
   * back action cannot take the site row with it. */
  if (self->db != NULL && self->read_only_reason == NULL &&
      ensure_writable (self, &self->action_error) &&
      sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    sql_failed (self, _("Could not start a change in “%s”: %s"), &self->action_error);
}

/**
 * vl_document_hold_reads:
 *
 * Reads many rows one by one (a view filling its rows) in one read
 * transaction, not one each (each takes and drops the file's lock and
 * looks for a journal). Pair with vl_document_release_reads(). A write,
 * merge or publish in between ends the read transaction first (the reads
 * after it each take the lock again), so holding reads never stops one.
 */
void
vl_document_hold_reads (VlDocument *self)
{
  g_return_if_fail (VL_IS_DOCUMENT (self));

  if (self->reads_held++ == 0 && self->db != NULL && sqlite3_get_autocommit (self->db))
    self->reads_began = sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

/* Ends a read transaction vl_document_hold_reads() began, before a write,
 * a merge or a publish (which cannot run inside one). */
void
_vl_document_end_reads (VlDocument *self)
{
  if (self->reads_began)
    {
      sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
      self->reads_began = FALSE;
    }
}

void
vl_document_release_reads (VlDocument *self)
{
  g_return_if_fail (VL_IS_DOCUMENT (self));
  g_return_if_fail (self->reads_held > 0);

  if (--self->reads_held == 0 && self->reads_began)
    {
      sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
      self->reads_began = FALSE;
    }
}

static void
record_error (VlDocument *self,
              GError     *error)
{
  if (self->action_error == NULL)
    self->action_error = error;
  else
    g_error_free (error);
}

/* The live lists, referenced: emitting items-changed runs handlers that
 * may create or drop lists, so never iterate the table while emitting. */
static GPtrArray *
live_lists (VlDocument *self)
{
  GPtrArray *lists = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer list;

  g_hash_table_iter_init (&iter, self->lists);
  while (g_hash_table_iter_next (&iter, NULL, &list))
    g_ptr_array_add (lists, g_object_ref (list));
  return lists;
}

static void
notify_lists (VlDocument *self)
{
  g_autoptr(GPtrArray) lists = live_lists (self);
  GPtrArray *dirty[VL_N_KINDS];

  /* Take the changed rows first: handlers may start new actions. */
  for (guint k = 0; k < VL_N_KINDS; k++)
    {
      GHashTableIter rows;
      gpointer record;

      dirty[k] = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_iter_init (&rows, self->dirty[k]);
      while (g_hash_table_iter_next (&rows, NULL, &record))
        g_ptr_array_add (dirty[k], g_object_ref (record));
      g_hash_table_remove_all (self->dirty[k]);
    }
  for (guint i = 0; i < lists->len; i++)
    {
      VlRecordList *list = lists->pdata[i];
      GPtrArray *changed = dirty[_vl_record_list_get_kind (list)];

      if (changed->len == 0)
        continue;
      if (changed->len > LIST_RELOAD_AT)
        {
          _vl_record_list_reload (list);
          continue;
        }
      for (guint j = 0; j < changed->len; j++)
        {
          VlRecord *record = changed->pdata[j];

          _vl_record_list_row_changed (list, vl_record_get_rowid (record),
                                       _vl_record_uuid_bytes (record),
                                       vl_record_get_deleted (record),
                                       _vl_record_values (record));
        }
    }
  for (guint k = 0; k < VL_N_KINDS; k++)
    {
      if (dirty[k]->len > 0)
        g_signal_emit (self, signals[ROWS_CHANGED], 0, k, dirty[k]);
      g_ptr_array_unref (dirty[k]);
    }
}

static void apply_entry (VlDocument *self, const UndoEntry *e, gboolean forward);
static void schedule_publish (VlDocument *self);
static void update_share_state (VlDocument *self);

/* A failed action: the transaction is rolled back, so put the cached
 * objects back as they were and let the models reload. */
static void
revert_step (VlDocument *self,
             UndoStep   *step)
{
  for (guint i = step->entries->len; i > 0; i--)
    apply_entry (self, &g_array_index (step->entries, UndoEntry, i - 1), FALSE);
  for (guint k = 0; k < VL_N_KINDS; k++)
    {
      if (g_hash_table_size (self->dirty[k]) == 0)
        continue;
      g_hash_table_remove_all (self->dirty[k]);
      _vl_document_reload_lists (self, k);
    }
}

gboolean
vl_document_commit (VlDocument *self,
                    GError    **error)
{
  UndoStep *step;
  GPtrArray *stack;
  gboolean had_undo, had_redo;

  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (--self->depth > 0)
    return TRUE;
  step = g_steal_pointer (&self->step);
  for (guint k = 0; k < VL_N_KINDS; k++)
    g_hash_table_remove_all (self->created[k]);
  if (self->action_error == NULL && self->db != NULL && self->read_only_reason == NULL &&
      sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    sql_failed (self, _("Could not save the change in “%s”: %s"), &self->action_error);
  if (self->action_error != NULL)
    {
      if (self->db != NULL && !sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      revert_step (self, step);
      undo_step_free (step);
      g_propagate_error (error, g_steal_pointer (&self->action_error));
      return FALSE;
    }

  had_undo = vl_document_can_undo (self);
  had_redo = vl_document_can_redo (self);
  if (step->entries->len > 0)
    {
      self->unpublished = TRUE;
      self->edit_serial++;
      schedule_publish (self);
    }
  if (step->entries->len == 0)
    undo_step_free (step);
  else
    {
      stack = self->mode == UNDOING ? self->redo_stack : self->undo_stack;
      if (self->mode == NORMAL)
        g_ptr_array_set_size (self->redo_stack, 0);
      g_ptr_array_add (stack, step);
    }
  notify_lists (self);
  update_share_state (self);
  if (had_undo != vl_document_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (had_redo != vl_document_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  return TRUE;
}

/* Makes the open action fail at its commit: every write in it is rolled
 * back and nothing reaches the undo history. */
void
vl_document_cancel (VlDocument *self)
{
  g_return_if_fail (VL_IS_DOCUMENT (self));
  g_return_if_fail (self->depth > 0);

  record_error (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                           _("The change was cancelled")));
}

/* ---- writes ------------------------------------------------------------ */

/* Stamps register @reg with @hlc and this device, and records as its base
 * the stamp it replaces: the register's own, or the row's creation stamp. */
static gboolean
write_stamp (VlDocument *self,
             VlKind      kind,
             gint64      rowid,
             guint       reg,
             gint64      hlc,
             GError    **error)
{
  sqlite3_stmt *stmt = self->stamp[kind];

  if (stmt == NULL)
    {
      const char *table = vl_kind_info (kind)->name;
      g_autofree char *sql = g_strdup_printf (
        "INSERT OR REPLACE INTO field_clock (kind, row, reg, hlc, site, base_hlc, base_site) "
        "VALUES (?1, ?2, ?3, ?4, ?5, "
        "  coalesce ((SELECT hlc FROM field_clock WHERE kind = ?1 AND row = ?2 AND reg = ?3), "
        "            (SELECT hlc FROM %s WHERE id = ?2)), "
        "  coalesce ((SELECT site FROM field_clock WHERE kind = ?1 AND row = ?2 AND reg = ?3), "
        "            (SELECT site FROM %s WHERE id = ?2)))", table, table);

      stmt = prepare_cached (self, &self->stamp[kind], sql);
    }
  else
    sqlite3_reset (stmt);
  sqlite3_bind_int (stmt, 1, (int) kind);
  sqlite3_bind_int64 (stmt, 2, rowid);
  sqlite3_bind_int (stmt, 3, (int) reg);
  sqlite3_bind_int64 (stmt, 4, hlc);
  sqlite3_bind_int64 (stmt, 5, self->site);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return sql_failed (self, _("Could not stamp a change in “%s”: %s"), error);
  return TRUE;
}

static sqlite3_stmt *
update_statement (VlDocument *self,
                  VlKind      kind,
                  guint       reg)
{
  const VlKindInfo *info = vl_kind_info (kind);
  g_autoptr(GString) sql = NULL;
  guint idx[MAX_REGS];
  guint n;

  if (self->update_reg[kind][reg] != NULL)
    return prepare_cached (self, &self->update_reg[kind][reg], NULL);
  sql = g_string_new (NULL);
  g_string_append_printf (sql, "UPDATE %s SET ", info->name);
  if (reg == VL_REG_DELETED)
    g_string_append (sql, "deleted = ?");
  n = reg_fields (kind, reg, idx);
  for (guint j = 0; j < n; j++)
    g_string_append_printf (sql, "%s%s = ?", j ? ", " : "", info->fields[idx[j]].column);
  g_string_append (sql, " WHERE id = ?");
  return prepare_cached (self, &self->update_reg[kind][reg], sql->str);
}

static void
mark_dirty (VlDocument *self,
            VlRecord   *record)
{
  gint64 *key = g_new (gint64, 1);

  *key = vl_record_get_rowid (record);
  g_hash_table_replace (self->dirty[vl_record_get_kind (record)], key, g_object_ref (record));
}

static void after_write (VlDocument *self, VlRecord *record, guint reg, const VlValue *before,
                         gboolean fresh);

/* Writes register @reg of @record (packed @values; for the deleted register
 * values[0].i), stamps it and records the undo entry. */
static gboolean
write_register (VlDocument    *self,
                VlRecord      *record,
                guint          reg,
                const VlValue *values)
{
  VlKind kind = vl_record_get_kind (record);
  const VlKindInfo *info = vl_kind_info (kind);
  gint64 rowid = vl_record_get_rowid (record);
  gboolean fresh = g_hash_table_contains (self->created[kind], &rowid);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  guint idx[MAX_REGS];
  guint n = reg_fields (kind, reg, idx);
  UndoEntry entry = { kind, reg, rowid, NULL, NULL };
  gboolean changed = FALSE;

  if (reg == VL_REG_DELETED)
    changed = (values[0].i != 0) != vl_record_get_deleted (record);
  for (guint j = 0; j < n; j++)
    changed |= !vl_value_equal (&info->fields[idx[j]], &_vl_record_values (record)[idx[j]],
                                &values[j]);
  if (!changed)
    return TRUE;
  if (self->action_error != NULL || !ensure_writable (self, &error))
    return error != NULL ? (record_error (self, g_steal_pointer (&error)), FALSE) : FALSE;

  stmt = update_statement (self, kind, reg);
  if (reg == VL_REG_DELETED)
    sqlite3_bind_int (stmt, 1, values[0].i != 0);
  for (guint j = 0; j < n; j++)
    bind_value (stmt, (int) j + 1, &info->fields[idx[j]], &values[j]);
  sqlite3_bind_int64 (stmt, (int) MAX (n, 1) + 1, rowid);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sql_failed (self, _("Could not write a change in “%s”: %s"), &error);
      record_error (self, g_steal_pointer (&error));
      return FALSE;
    }
  /* A field set in the action that created its row is part of the
   * creation: no stamp of its own (sparse clocks) and no undo entry. */
  if (!fresh || reg == VL_REG_DELETED)
    {
      if (!write_stamp (self, kind, rowid, reg, vl_clock_tick (self->clock), &error))
        {
          record_error (self, g_steal_pointer (&error));
          return FALSE;
        }
    }

  if (reg == VL_REG_DELETED)
    {
      entry.before = g_new0 (VlValue, 1);
      entry.after = g_new0 (VlValue, 1);
      entry.before[0].i = vl_record_get_deleted (record);
      entry.after[0].i = values[0].i != 0;
      _vl_record_apply_deleted (record, values[0].i != 0);
    }
  else
    {
      entry.before = pack_register (kind, reg, _vl_record_values (record));
      entry.after = g_new0 (VlValue, MAX (n, 1));
      for (guint j = 0; j < n; j++)
        vl_value_assign (&info->fields[idx[j]], &entry.after[j], &values[j]);
      _vl_record_apply (record, reg, values);
    }
  mark_dirty (self, record);
  if (!fresh || reg == VL_REG_DELETED)
    g_array_append_val (self->step->entries, entry);
  after_write (self, record, reg, entry.before, fresh);
  if (fresh && reg != VL_REG_DELETED)
    {
      free_packed (kind, reg, entry.before);
      free_packed (kind, reg, entry.after);
    }
  return TRUE;
}

/* Ends the action a write opened; an error of a nested write surfaces at
 * the outermost commit, which rolls the whole action back. */
static gboolean
end_write (VlDocument *self,
           gboolean    ok_so_far,
           GError    **error)
{
  return vl_document_commit (self, error) && ok_so_far;
}

static char *
last_rank (VlDocument *self,
           VlKind      kind,
           gint64      parent)
{
  const VlKindInfo *info = vl_kind_info (kind);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  char *rank = NULL;

  if (info->parent >= 0)
    sql = g_strdup_printf ("SELECT max(rank) FROM %s WHERE %s IS ?", info->name,
                           info->fields[info->parent].column);
  else
    sql = g_strdup_printf ("SELECT max(rank) FROM %s", info->name);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  if (info->parent >= 0 && parent != 0)
    sqlite3_bind_int64 (stmt, 1, parent);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    rank = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return rank;
}

static const char *
rank_of (VlRecord *record)
{
  int r;

  if (record == NULL)
    return NULL;
  r = vl_kind_info (vl_record_get_kind (record))->rank;
  return _vl_record_values (record)[r].s;
}

/* The rank for a row placed under @parent between @prev and @next; both
 * NULL means at the end. */
static char *
placement_rank (VlDocument *self,
                VlKind      kind,
                VlRecord   *parent,
                VlRecord   *prev,
                VlRecord   *next)
{
  g_autofree char *last = NULL;

  if (prev == NULL && next == NULL)
    {
      last = last_rank (self, kind, parent != NULL ? vl_record_get_rowid (parent) : 0);
      return vl_rank_between (last, NULL);
    }
  return vl_rank_between (rank_of (prev), rank_of (next));
}

static gboolean
check_placement (VlDocument *self,
                 VlKind      kind,
                 VlRecord   *parent,
                 VlRecord   *prev,
                 VlRecord   *next,
                 GError    **error)
{
  const VlKindInfo *info = vl_kind_info (kind);
  const char *a = rank_of (prev), *b = rank_of (next);

  if ((parent != NULL && (info->parent < 0 ||
                          vl_record_get_kind (parent) != info->fields[info->parent].ref_kind)) ||
      (prev != NULL && vl_record_get_kind (prev) != kind) ||
      (next != NULL && vl_record_get_kind (next) != kind) ||
      (a != NULL && b != NULL && strcmp (a, b) >= 0))
    {
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                   _("Cannot place a %s there"), _(info->label));
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_row (VlDocument    *self,
            VlKind         kind,
            const guint8  *uuid,
            const VlValue *values,
            gint64        *rowid,
            GError       **error)
{
  const VlKindInfo *info = vl_kind_info (kind);
  sqlite3_stmt *stmt;

  if (self->insert_row[kind] == NULL)
    {
      g_autofree char *cols = vl_kind_column_list (kind, "");
      g_autoptr(GString) sql = g_string_new (NULL);

      g_string_append_printf (sql, "INSERT INTO %s (uuid, hlc, site, %s) VALUES (?, ?, ?",
                              info->name, cols);
      for (guint i = 0; i < info->n_fields; i++)
        g_string_append (sql, ", ?");
      g_string_append (sql, ")");
      stmt = prepare_cached (self, &self->insert_row[kind], sql->str);
    }
  else
    stmt = prepare_cached (self, &self->insert_row[kind], NULL);

  sqlite3_bind_blob (stmt, 1, uuid, VL_UUID_LEN, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, vl_clock_tick (self->clock));
  sqlite3_bind_int64 (stmt, 3, self->site);
  for (guint i = 0; i < info->n_fields; i++)
    bind_value (stmt, (int) i + 4, &info->fields[i], &values[i]);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return sql_failed (self, _("Could not add a row to “%s”: %s"), error);
  *rowid = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/**
 * vl_document_insert:
 * @parent: (nullable): the placement parent (backlog of an item, …)
 * @prev: (nullable): the sibling to follow
 * @next: (nullable): the sibling to precede; with @prev %NULL too: at the end
 *
 * Creates a row with default values. Fields set in the same action are
 * part of the creation (one stamp, one undo step).
 *
 * Returns: (transfer full): the new row, or %NULL with @error set.
 */
VlRecord *
vl_document_insert (VlDocument *self,
                    VlKind      kind,
                    VlRecord   *parent,
                    VlRecord   *prev,
                    VlRecord   *next,
                    GError    **error)
{
  const VlKindInfo *info;
  guint8 uuid[VL_UUID_LEN];
  VlValue *values;
  gint64 rowid, *key;
  VlRecord *record = NULL;
  UndoEntry entry = { kind, VL_REG_DELETED, 0, NULL, NULL };

  g_return_val_if_fail (VL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (kind < VL_N_KINDS, NULL);

  info = vl_kind_info (kind);
  if (!check_placement (self, kind, parent, prev, next, error) ||
      !ensure_writable (self, error))
    return NULL;

  vl_document_begin (self, NULL);
  values = vl_values_new_default (kind);
  if (info->parent >= 0 && parent != NULL)
    values[info->parent].i = vl_record_get_rowid (parent);
  if (info->rank >= 0)
    {
      g_free (values[info->rank].s);
      values[info->rank].s = placement_rank (self, kind, parent, prev, next);
    }
  vl_uuid_generate (uuid);
  if (self->action_error == NULL && insert_row (self, kind, uuid, values, &rowid, error))
    {
      record = remember (self, _vl_record_new (self, kind, rowid, uuid, FALSE, values));
      key = g_new (gint64, 1);
      *key = rowid;
      g_hash_table_add (self->created[kind], key);
      entry.rowid = rowid;
      entry.before = g_new0 (VlValue, 1);
      entry.after = g_new0 (VlValue, 1);
      entry.before[0].i = TRUE;
      g_array_append_val (self->step->entries, entry);
      mark_dirty (self, record);
    }
  else
    vl_values_free (kind, values);
  if (!vl_document_commit (self, record != NULL ? error : NULL))
    g_clear_object (&record);
  return record;
}

/**
 * vl_document_move:
 *
 * Places @record under @parent between @prev and @next (both %NULL: at the
 * end). Parent and rank are one register, so a move is atomic.
 */
gboolean
vl_document_move (VlDocument *self,
                  VlRecord   *record,
                  VlRecord   *parent,
                  VlRecord   *prev,
                  VlRecord   *next,
                  GError    **error)
{
  VlKind kind;
  const VlKindInfo *info;
  guint idx[MAX_REGS];
  guint reg, n;
  g_autofree char *rank = NULL;
  VlValue *packed;
  gboolean ok;

  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (VL_IS_RECORD (record), FALSE);

  kind = vl_record_get_kind (record);
  info = vl_kind_info (kind);
  if (info->rank < 0 || prev == record || next == record)
    {
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                   _("Cannot move a %s there"), _(info->label));
      return FALSE;
    }
  if (!check_placement (self, kind, parent, prev, next, error) ||
      !ensure_writable (self, error))
    return FALSE;

  rank = placement_rank (self, kind, parent, prev, next);
  reg = info->fields[info->rank].reg;
  packed = pack_register (kind, reg, _vl_record_values (record));
  n = reg_fields (kind, reg, idx);
  for (guint j = 0; j < n; j++)
    {
      if ((int) idx[j] == info->parent)
        packed[j].i = parent != NULL ? vl_record_get_rowid (parent) : 0;
      else if ((int) idx[j] == info->rank)
        {
          g_free (packed[j].s);
          packed[j].s = g_strdup (rank);
        }
    }
  vl_document_begin (self, NULL);
  ok = write_register (self, record, reg, packed);
  free_packed (kind, reg, packed);
  return end_write (self, ok, error);
}

gboolean
vl_document_delete (VlDocument *self,
                    VlRecord   *record,
                    GError    **error)
{
  VlValue deleted = { .i = TRUE };
  gboolean ok;

  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (VL_IS_RECORD (record), FALSE);

  vl_document_begin (self, NULL);
  ok = write_register (self, record, VL_REG_DELETED, &deleted);
  return end_write (self, ok, error);
}

/* Writes a whole register as one user action (used to take back a value
 * that lost a concurrent edit). */
gboolean
_vl_document_write_register (VlDocument    *self,
                             VlRecord      *record,
                             guint          reg,
                             const VlValue *packed,
                             GError       **error)
{
  gboolean ok;

  vl_document_begin (self, _("Use the Other Value"));
  ok = write_register (self, record, reg, packed);
  return end_write (self, ok, error);
}

/* The entry point of property setters and vl_record_set_from_text(). */
gboolean
_vl_document_write_field (VlDocument    *self,
                          VlRecord      *record,
                          guint          field,
                          const VlValue *value)
{
  VlKind kind = vl_record_get_kind (record);
  const VlKindInfo *info = vl_kind_info (kind);
  const VlField *f = &info->fields[field];
  gint64 rowid = vl_record_get_rowid (record);
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) parent = NULL;
  guint idx[MAX_REGS];
  guint n;
  VlValue *packed;
  gboolean ok = TRUE;

  if ((int) field == info->parent && info->rank >= 0)
    {
      if (value->i == _vl_record_values (record)[field].i)
        return TRUE;
      parent = value->i ? vl_document_lookup (self, f->ref_kind, value->i) : NULL;
      ok = vl_document_move (self, record, parent, NULL, NULL, &error);
    }
  else if ((int) field == info->rank && !vl_rank_is_valid (value->s))
    {
      g_set_error (&error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                   _("“%s” is not a rank key"), value->s);
      ok = FALSE;
    }
  else if (info->append_only && !g_hash_table_contains (self->created[kind], &rowid))
    {
      g_set_error (&error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                   _("A %s cannot be changed once recorded"), _(info->label));
      ok = FALSE;
    }
  else
    {
      packed = pack_register (kind, f->reg, _vl_record_values (record));
      n = reg_fields (kind, f->reg, idx);
      for (guint j = 0; j < n; j++)
        if (idx[j] == field)
          vl_value_assign (f, &packed[j], value);
      vl_document_begin (self, NULL);
      ok = write_register (self, record, f->reg, packed);
      free_packed (kind, f->reg, packed);
      ok = end_write (self, ok, &error);
    }
  if (!ok && error != NULL)
    {
      g_debug ("%s", error->message);
      g_signal_emit (self, signals[WRITE_FAILED], 0, error);
    }
  if (error != NULL && self->depth > 0)
    record_error (self, g_steal_pointer (&error));
  return ok;
}

/* ---- item rules -------------------------------------------------------- */

static char *
today_plus (VlDocument *self,
            int         days)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (vl_clock_now_ms (self->clock) / 1000);
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
set_field (VlRecord   *record,
           const char *name,
           const char *text)
{
  g_autoptr(GError) error = NULL;

  if (!vl_record_set_from_text (record, name, text, &error))
    g_warning ("%s", error->message);
}

/* The status history keeps a launched item's hypothesis changes: its
 * review measures against the hypothesis frozen at launch. */
static void
record_hypothesis_change (VlDocument    *self,
                          VlRecord      *record,
                          guint          field,
                          const VlValue *before)
{
  const VlField *f = &vl_kind_info (VL_KIND_ITEM)->fields[field];
  g_autoptr(VlRecord) transition = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old = NULL, *now = NULL, *note = NULL;
  gint64 status = vl_record_get_int (record, "status");

  if (status != VL_STATUS_LAUNCHED && status != VL_STATUS_REVIEWED)
    return;
  if (f->type == VL_FIELD_NUMBER)
    old = isnan (before[0].d) ? g_strdup ("—") : g_strdup_printf ("%g", before[0].d);
  else
    old = g_strdup (before[0].s != NULL && *before[0].s != '\0' ? before[0].s : "—");
  if (f->type == VL_FIELD_NUMBER)
    now = isnan (vl_record_get_number (record, f->name)) ? g_strdup ("")
                                                          : g_strdup_printf ("%g", vl_record_get_number (record, f->name));
  else
    now = g_strdup (vl_record_get_string (record, f->name));
  /* Translators: kept in a launched item's status history: "Expected Value: 3 → 3.5" */
  note = g_strdup_printf (_("%s: %s → %s"), vl_item_hypothesis_label (f->name), old, *now != '\0' ? now : "—");
  transition = vl_document_insert (self, VL_KIND_TRANSITION, NULL, NULL, NULL, &error);
  if (transition == NULL)
    {
      record_error (self, g_steal_pointer (&error));
      return;
    }
  g_object_set (transition, "item", record, "from", (int) status, "to", (int) status,
                "at", vl_clock_now_ms (self->clock), "note", note, NULL);
}

/* Status changes are time-stamped in the append-only transition log, and
 * launching starts the 30-day clock of the value review. */
static void
after_write (VlDocument    *self,
             VlRecord      *record,
             guint          reg,
             const VlValue *before,
             gboolean       fresh)
{
  static int status_field = -1, hypothesis[3];
  g_autoptr(VlRecord) transition = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;
  g_autofree char *due = NULL;
  gint64 status;

  if (vl_record_get_kind (record) != VL_KIND_ITEM)
    return;
  if (status_field < 0)
    {
      hypothesis[0] = vl_kind_find_field (VL_KIND_ITEM, "metric");
      hypothesis[1] = vl_kind_find_field (VL_KIND_ITEM, "baseline");
      hypothesis[2] = vl_kind_find_field (VL_KIND_ITEM, "expected");
      status_field = vl_kind_find_field (VL_KIND_ITEM, "status");
    }
  /* (Not while the item is being made: that is its hypothesis; nor in an
   * undo or redo, which take the change's note back or bring it back.) */
  for (guint i = 0; i < G_N_ELEMENTS (hypothesis); i++)
    if (reg == vl_kind_info (VL_KIND_ITEM)->fields[hypothesis[i]].reg)
      {
        if (!fresh && self->mode == NORMAL)
          record_hypothesis_change (self, record, (guint) hypothesis[i], before);
        return;
      }
  if (reg != vl_kind_info (VL_KIND_ITEM)->fields[status_field].reg)
    return;

  status = vl_record_get_int (record, "status");
  transition = vl_document_insert (self, VL_KIND_TRANSITION, NULL, NULL, NULL, &error);
  if (transition == NULL)
    {
      record_error (self, g_steal_pointer (&error));
      return;
    }
  g_object_set (transition, "item", record, "from", (int) before[0].i, "to", (int) status,
                "at", vl_clock_now_ms (self->clock), NULL);

  if (status == VL_STATUS_LAUNCHED && vl_record_get_string (record, "launch-date") == NULL)
    {
      today = today_plus (self, 0);
      set_field (record, "launch-date", today);
      if (vl_record_get_string (record, "review-due") == NULL)
        {
          due = today_plus (self, 30);
          set_field (record, "review-due", due);
        }
    }
}

/* ---- plan settings ---------------------------------------------------- */

static char *
format_share (double share)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return isnan (share) ? g_strdup ("") : g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", share));
}

static char *
get_setting (VlDocument *self,
             guint       setting)
{
  if (setting == SETTING_TITLE)
    return g_strdup (self->title);
  if (setting < SETTING_TARGET)
    return g_strdup_printf ("%u", self->wip_limits[setting - SETTING_WIP]);
  if (setting < SETTING_VALIDATED)
    return format_share (self->targets[setting - SETTING_TARGET]);
  if (setting == SETTING_CLOCK)
    return g_strdup_printf ("%d,%d", (int) self->clock_statuses[0], (int) self->clock_statuses[1]);
  return format_share (setting == SETTING_VALIDATED ? self->validated_at : self->invalidated_at);
}

/* A pair another copy wrote that is out of range or out of order counts as
 * not set: the defaults, in progress to launched. */
static void
apply_clock_setting (VlDocument *self,
                     const char *value)
{
  VlStatus before[2] = { self->clock_statuses[0], self->clock_statuses[1] };
  g_auto(GStrv) parts = g_strsplit (value != NULL ? value : "", ",", 3);
  guint64 start, end;

  if (g_strv_length (parts) == 2 &&
      g_ascii_string_to_unsigned (parts[0], 10, 0, VL_STATUS_REVIEWED, &start, NULL) &&
      g_ascii_string_to_unsigned (parts[1], 10, 0, VL_STATUS_REVIEWED, &end, NULL) && start < end)
    {
      self->clock_statuses[0] = (VlStatus) start;
      self->clock_statuses[1] = (VlStatus) end;
    }
  else
    {
      self->clock_statuses[0] = VL_STATUS_IN_PROGRESS;
      self->clock_statuses[1] = VL_STATUS_LAUNCHED;
    }
  if (before[0] != self->clock_statuses[0] || before[1] != self->clock_statuses[1])
    g_signal_emit (self, signals[VALUE_SETTINGS_CHANGED], 0);
}

/* A value setting (targets, thresholds) shown: emits value-settings-changed
 * when it changed. */
static void
apply_value_setting (VlDocument *self,
                     guint       setting,
                     const char *value)
{
  double *slot = setting < SETTING_VALIDATED ? &self->targets[setting - SETTING_TARGET]
                 : setting == SETTING_VALIDATED ? &self->validated_at : &self->invalidated_at;
  double v = setting < SETTING_VALIDATED ? _vl_parse_share (value, 1, NAN)
             : _vl_parse_share (value, 10, setting == SETTING_VALIDATED ? VL_DEFAULT_VALIDATED_AT
                                                                         : VL_DEFAULT_INVALIDATED_AT);

  if (v == *slot || (isnan (v) && isnan (*slot)))
    return;
  *slot = v;
  g_signal_emit (self, signals[VALUE_SETTINGS_CHANGED], 0);
}

/* Shows @value (no SQL): for writes, undo and merges. */
static void
apply_setting (VlDocument *self,
               guint       setting,
               const char *value)
{
  guint status = setting - SETTING_WIP;
  guint limit;

  if (setting == SETTING_CLOCK)
    {
      apply_clock_setting (self, value);
      return;
    }
  if (setting >= SETTING_TARGET)
    {
      apply_value_setting (self, setting, value);
      return;
    }
  if (setting == SETTING_TITLE)
    {
      if (g_strcmp0 (value, self->title) == 0)
        return;
      g_free (self->title);
      self->title = g_strdup (value ? value : "");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
      return;
    }
  limit = _vl_parse_wip_limit (value);
  if (limit == self->wip_limits[status])
    return;
  self->wip_limits[status] = limit;
  g_signal_emit (self, signals[WIP_LIMIT_CHANGED], 0, (int) status);
}

static gboolean
write_setting (VlDocument *self,
               guint       setting,
               const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = setting_key (setting);
  g_autofree char *before = get_setting (self, setting);
  UndoEntry entry = { META_KIND, setting, 0, NULL, NULL };

  if (g_strcmp0 (value, before) == 0)
    return TRUE;
  if (self->action_error != NULL || !ensure_writable (self, &error))
    return error != NULL ? (record_error (self, g_steal_pointer (&error)), FALSE) : FALSE;
  if (!vl_store_set_meta (self->db, key, value, vl_clock_tick (self->clock), self->site))
    {
      sql_failed (self, setting == SETTING_TITLE ? _("Could not rename the plan in “%s”: %s")
                        : setting < SETTING_TARGET ? _("Could not set a WIP limit in “%s”: %s")
                                                   : _("Could not change a setting in “%s”: %s"),
                  &error);
      record_error (self, g_steal_pointer (&error));
      return FALSE;
    }
  entry.before = g_new0 (VlValue, 1);
  entry.after = g_new0 (VlValue, 1);
  entry.before[0].s = g_steal_pointer (&before);
  entry.after[0].s = g_strdup (value);
  g_array_append_val (self->step->entries, entry);
  apply_setting (self, setting, value);
  return TRUE;
}

static gboolean
write_title (VlDocument *self,
             const char *title)
{
  return write_setting (self, SETTING_TITLE, title);
}

/**
 * vl_document_get_wip_limit:
 *
 * Returns: the most cards the board's @status column should hold, or 0
 *   for no limit
 */
guint
vl_document_get_wip_limit (VlDocument *self,
                           VlStatus    status)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (status < VL_N_STATUSES, 0);

  return self->wip_limits[status];
}

/**
 * vl_document_set_wip_limit:
 * @limit: 0 for no limit
 *
 * Sets a board column's WIP limit, an undoable action synced like any
 * edit (the last writer wins).
 */
gboolean
vl_document_set_wip_limit (VlDocument *self,
                           VlStatus    status,
                           guint       limit,
                           GError    **error)
{
  g_autofree char *value = NULL;
  gboolean ok;

  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (status < VL_N_STATUSES, FALSE);

  value = g_strdup_printf ("%u", MIN (limit, VL_MAX_WIP_LIMIT));
  vl_document_begin (self, _("Set WIP Limit"));
  ok = write_setting (self, SETTING_WIP + status, value);
  return end_write (self, ok, error);
}

/**
 * vl_document_get_aarrr_target:
 *
 * Returns: the share of cost (0–1) the plan aims to spend on @stage, or
 *   NaN when it has none
 */
double
vl_document_get_aarrr_target (VlDocument *self,
                              VlAarrr     stage)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), NAN);
  g_return_val_if_fail (stage < N_STAGES, NAN);
  return self->targets[stage];
}

/**
 * vl_document_set_aarrr_target:
 * @share: from 0 to 1, or NaN for none
 *
 * An undoable action, synced like any edit (the last writer wins).
 */
gboolean
vl_document_set_aarrr_target (VlDocument *self,
                              VlAarrr     stage,
                              double      share,
                              GError    **error)
{
  g_autofree char *value = NULL;
  gboolean ok;

  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (stage > VL_AARRR_NONE && stage < N_STAGES, FALSE);
  if (!isnan (share) && !(share >= 0 && share <= 1))
    {
      g_set_error_literal (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                           _("A target share goes from 0 to 100 %"));
      return FALSE;
    }
  value = format_share (share);
  vl_document_begin (self, _("Set Target Share"));
  ok = write_setting (self, SETTING_TARGET + stage, value);
  return end_write (self, ok, error);
}

void
vl_document_get_verdict_thresholds (VlDocument *self,
                                    double     *validated_at,
                                    double     *invalidated_at)
{
  g_return_if_fail (VL_IS_DOCUMENT (self));
  *validated_at = self->validated_at;
  *invalidated_at = self->invalidated_at;
}

/**
 * vl_document_set_verdict_thresholds:
 *
 * The rule of the suggested verdict: validated from @validated_at of the
 * expected change, invalidated up to @invalidated_at (shares).
 */
gboolean
vl_document_set_verdict_thresholds (VlDocument *self,
                                    double      validated_at,
                                    double      invalidated_at,
                                    GError    **error)
{
  g_autofree char *validated = NULL, *invalidated = NULL;
  gboolean ok;

  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  if (!(invalidated_at >= 0 && invalidated_at < validated_at && validated_at <= 10))
    {
      g_set_error_literal (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                           _("The invalidated threshold must be below the validated one, both from 0 to 1,000 %"));
      return FALSE;
    }
  validated = format_share (validated_at);
  invalidated = format_share (invalidated_at);
  vl_document_begin (self, _("Set Verdict Thresholds"));
  ok = write_setting (self, SETTING_VALIDATED, validated) && write_setting (self, SETTING_INVALIDATED, invalidated);
  return end_write (self, ok, error);
}

/**
 * vl_document_get_clock_statuses:
 *
 * The statuses a cycle time runs between (a plan setting): from the first
 * entry into @start to the first entry into @end.
 */
void
vl_document_get_clock_statuses (VlDocument *self,
                                VlStatus   *start,
                                VlStatus   *end)
{
  g_return_if_fail (VL_IS_DOCUMENT (self));
  *start = self->clock_statuses[0];
  *end = self->clock_statuses[1];
}

gboolean
vl_document_set_clock_statuses (VlDocument *self,
                                VlStatus    start,
                                VlStatus    end,
                                GError    **error)
{
  g_autofree char *value = NULL;
  gboolean ok;

  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  if (!(start < end && end <= VL_STATUS_REVIEWED))
    {
      g_set_error_literal (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                           _("The cycle time must start at a status before the one it ends at"));
      return FALSE;
    }
  value = g_strdup_printf ("%d,%d", (int) start, (int) end);
  vl_document_begin (self, _("Set Cycle Time Statuses"));
  ok = write_setting (self, SETTING_CLOCK, value);
  return end_write (self, ok, error);
}

gboolean
vl_document_set_title (VlDocument *self,
                       const char *title,
                       GError    **error)
{
  gboolean ok;

  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (title != NULL, FALSE);

  vl_document_begin (self, _("Rename Plan"));
  ok = write_title (self, title);
  return end_write (self, ok, error);
}

/* ---- undo -------------------------------------------------------------- */

/* Puts the cached objects back after a rollback (no SQL). */
static void
apply_entry (VlDocument      *self,
             const UndoEntry *e,
             gboolean         forward)
{
  const VlValue *values = forward ? e->after : e->before;
  VlRecord *record;

  if (e->kind == META_KIND)
    {
      apply_setting (self, e->reg, values[0].s);
      return;
    }
  record = g_hash_table_lookup (self->live[e->kind], &e->rowid);
  if (record == NULL)
    return;
  if (e->reg == VL_REG_DELETED)
    _vl_record_apply_deleted (record, values[0].i != 0);
  else
    _vl_record_apply (record, e->reg, values);
}

/* Replays an entry's before-values as a new, freshly stamped write. The
 * writes of a replay are recorded too, so the step they make is the exact
 * inverse: undo pops the undo stack and pushes the redo stack, redo the
 * other way round, and both replay the same way. */
static gboolean
replay_entry (VlDocument      *self,
              const UndoEntry *e)
{
  g_autoptr(VlRecord) record = NULL;

  if (e->kind == META_KIND)
    return write_setting (self, e->reg, e->before[0].s);
  record = vl_document_lookup (self, e->kind, e->rowid);
  if (record == NULL)
    return FALSE;
  return write_register (self, record, e->reg, e->before);
}

static gboolean
replay_step (VlDocument *self,
             GPtrArray  *from,
             int         mode,
             GError    **error)
{
  UndoStep *step;
  gboolean ok = TRUE;

  if (from->len == 0)
    return FALSE;
  step = g_ptr_array_steal_index (from, from->len - 1);
  self->mode = mode;
  vl_document_begin (self, step->label);
  for (guint i = step->entries->len; i > 0 && ok; i--)
    ok = replay_entry (self, &g_array_index (step->entries, UndoEntry, i - 1));
  ok = end_write (self, ok, error);
  self->mode = NORMAL;
  if (ok)
    undo_step_free (step);
  else
    g_ptr_array_add (from, step);
  return ok;
}

gboolean
vl_document_undo (VlDocument *self,
                  GError    **error)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  return replay_step (self, self->undo_stack, UNDOING, error);
}

gboolean
vl_document_redo (VlDocument *self,
                  GError    **error)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  return replay_step (self, self->redo_stack, REDOING, error);
}

gboolean
vl_document_can_undo (VlDocument *self)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  return self->undo_stack->len > 0;
}

gboolean
vl_document_can_redo (VlDocument *self)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  return self->redo_stack->len > 0;
}

static const char *
top_label (GPtrArray *stack)
{
  return stack->len > 0 ? ((UndoStep *) stack->pdata[stack->len - 1])->label : NULL;
}

const char *
vl_document_get_undo_label (VlDocument *self)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), NULL);
  return top_label (self->undo_stack);
}

const char *
vl_document_get_redo_label (VlDocument *self)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), NULL);
  return top_label (self->redo_stack);
}

/* ---- queries ----------------------------------------------------------- */

guint
vl_document_count (VlDocument *self,
                   VlKind      kind)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (kind < VL_N_KINDS, 0);

  return vl_store_count_rows (self->db, vl_kind_info (kind)->name);
}

/**
 * vl_document_find:
 * @id_or_title: a row id, a unique prefix of one (4+ hex digits), or the
 *   exact title or name of a row
 *
 * Returns: (transfer full) (nullable): the one live row that matches.
 */
VlRecord *
vl_document_find (VlDocument *self,
                  VlKind      kind,
                  const char *id_or_title)
{
  gint64 rowid;

  g_return_val_if_fail (VL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (id_or_title != NULL, NULL);

  rowid = vl_store_find_row (self->db, vl_kind_info (kind), id_or_title);
  return rowid > 0 ? vl_document_lookup (self, kind, rowid) : NULL;
}

static void
list_gone_cb (gpointer  data,
              GObject  *where_the_list_was)
{
  VlDocument *self = data;
  const char *key = g_hash_table_lookup (self->list_keys, where_the_list_was);

  /* By its key: a plan's outline holds thousands of lists. */
  if (key != NULL && g_hash_table_lookup (self->lists, key) == (gpointer) where_the_list_was)
    g_hash_table_remove (self->lists, key);
  g_hash_table_remove (self->list_keys, where_the_list_was);
}

/**
 * vl_document_list:
 *
 * Returns: (transfer full): a #GListModel of #VlRecord
 */
GListModel *
vl_document_list (VlDocument *self,
                  VlKind      kind,
                  const char *field,
                  VlRecord   *parent)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (field == NULL || vl_kind_find_field (kind, field) >= 0, NULL);
  g_return_val_if_fail (field == NULL ||
                        vl_kind_info (kind)->fields[vl_kind_find_field (kind, field)].type ==
                        VL_FIELD_REF, NULL);

  return vl_document_list_where (self, kind, field, parent != NULL ? vl_record_get_rowid (parent) : 0);
}

/**
 * vl_document_list_where:
 * @field: (nullable): a reference, enum, int or bool field, or %NULL for all
 * @value: the row id for a reference (0: none), else the value
 *
 * Rows of @kind whose @field is @value (items of a status, for the board),
 * ordered by placement parent, rank and id. Every caller gets the same
 * model, and rows move in and out of it as they change.
 *
 * Returns: (transfer full): a #GListModel of #VlRecord
 */
GListModel *
vl_document_list_where (VlDocument *self,
                        VlKind      kind,
                        const char *field,
                        gint64      value)
{
  g_autofree char *key = NULL;
  int f = -1;
  VlRecordList *list;

  g_return_val_if_fail (VL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (kind < VL_N_KINDS, NULL);

  if (field != NULL)
    {
      f = vl_kind_find_field (kind, field);
      g_return_val_if_fail (f >= 0, NULL);
    }
  key = g_strdup_printf ("%u:%d:%" G_GINT64_FORMAT, kind, f, value);
  list = g_hash_table_lookup (self->lists, key);
  if (list != NULL)
    return g_object_ref (G_LIST_MODEL (list));
  list = _vl_record_list_new (self, kind, f, value);
  g_hash_table_insert (self->list_keys, list, g_strdup (key));
  g_hash_table_insert (self->lists, g_steal_pointer (&key), list);
  g_object_weak_ref (G_OBJECT (list), list_gone_cb, self);
  return G_LIST_MODEL (list);
}

/* ---- merge support ------------------------------------------------------ */

gint64
_vl_document_get_site (VlDocument *self)
{
  return self->site;
}

const char *
_vl_document_get_display (VlDocument *self)
{
  return self->display;
}

void
_vl_document_observe (VlDocument *self,
                      gint64      hlc)
{
  vl_clock_observe (self->clock, hlc);
}

/* A merge rewrote row @rowid: refresh its object, if one is alive, and
 * let the models place it at the next commit. */
void
_vl_document_row_merged (VlDocument *self,
                         VlKind      kind,
                         gint64      rowid)
{
  g_autoptr(VlRecord) record = NULL;
  guint8 uuid[VL_UUID_LEN];
  gboolean deleted;
  VlValue *values = NULL;
  gboolean alive = g_hash_table_contains (self->live[kind], &rowid);

  record = vl_document_lookup (self, kind, rowid);
  if (record == NULL)
    return;
  if (alive && _vl_document_load_row (self, kind, rowid, uuid, &deleted, &values))
    {
      guint regs = vl_kind_info (kind)->n_regs;

      for (guint reg = 1; reg < regs; reg++)
        {
          VlValue *packed = pack_register (kind, reg, values);

          _vl_record_apply (record, reg, packed);
          free_packed (kind, reg, packed);
        }
      _vl_record_apply_deleted (record, deleted);
      vl_values_free (kind, values);
    }
  mark_dirty (self, record);
}

void
_vl_document_reload_lists (VlDocument *self,
                           VlKind      kind)
{
  g_autoptr(GPtrArray) lists = live_lists (self);

  for (guint i = 0; i < lists->len; i++)
    if (_vl_record_list_get_kind (lists->pdata[i]) == kind)
      _vl_record_list_reload (lists->pdata[i]);
}

/* Shows the settings a merge may have changed. */
void
_vl_document_settings_merged (VlDocument *self)
{
  for (guint setting = 0; setting < N_SETTINGS; setting++)
    {
      g_autofree char *key = setting_key (setting);
      g_autofree char *value = vl_store_get_meta (self->db, key);

      if (value != NULL || setting != SETTING_TITLE)
        apply_setting (self, setting, value);
    }
}

void
_vl_document_emit_merged (VlDocument *self)
{
  g_signal_emit (self, signals[MERGED], 0);
}

gboolean
_vl_document_is_live (VlDocument *self,
                      VlKind      kind,
                      gint64      rowid)
{
  return g_hash_table_contains (self->live[kind], &rowid);
}

/* ---- publishing --------------------------------------------------------- */

/* A publish in the background ends before anything else reads or writes
 * the shared file; its failure is then the caller's. */
static gboolean
finish_publishing (VlDocument *self,
                   GError    **error)
{
  self->publish_waiting = TRUE;
  while (vl_share_is_publishing (self->share))
    vl_share_publish_wait (self->share);
  self->publish_waiting = FALSE;
  if (self->publish_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->publish_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * vl_document_publish:
 *
 * Writes the working copy's state to the shared file, atomically, if it
 * holds anything the file lacks; a publish in the background is finished
 * first. Nothing happens for a read-only plan.
 */
gboolean
vl_document_publish (VlDocument *self,
                     GError    **error)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (self->share == NULL || self->read_only_reason != NULL)
    return TRUE;
  if (!finish_publishing (self, error))
    return FALSE;
  if (!self->unpublished)
    return TRUE;
  _vl_document_end_reads (self);
  if (!vl_share_publish (self->share, self, self->db, error))
    return FALSE;
  self->unpublished = vl_share_get_state (self->share) != VL_SHARE_STATE_SAVED;
  update_share_state (self);
  return TRUE;
}

static gboolean
publish_can_step (gpointer data)
{
  VlDocument *self = data;

  return self->depth == 0;
}

static void
published_cb (gpointer      data,
              gboolean      raced,
              const GError *error,
              guint64       serial)
{
  VlDocument *self = data;

  if (error != NULL)
    {
      if (self->publish_waiting && self->publish_error == NULL)
        self->publish_error = g_error_copy (error);
      else if (!self->publish_waiting)
        g_signal_emit (self, signals[WRITE_FAILED], 0, error);
      return;
    }
  if (raced && ++self->publish_races < 3)
    {
      vl_document_begin_publish (self);   /* imports the other writer's file first */
      return;
    }
  /* A file that keeps changing is tried again after the usual pause. */
  self->publish_races = 0;
  self->unpublished = raced || serial != self->edit_serial ||
                      vl_share_get_state (self->share) != VL_SHARE_STATE_SAVED;
  update_share_state (self);
  if (self->unpublished)
    schedule_publish (self);
}

/**
 * vl_document_begin_publish:
 *
 * Publishes as vl_document_publish() does without blocking the main loop
 * (DESIGN §4): the snapshot of the working copy is taken in steps of a few
 * milliseconds between frames and the file is written in a thread. Edits
 * made meanwhile are published by the next publish; #VlDocument:share-state
 * follows, and a failure is reported through #VlDocument::write-failed.
 * vl_document_publish() and vl_document_close() finish it.
 */
void
vl_document_begin_publish (VlDocument *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (VL_IS_DOCUMENT (self));

  if (self->share == NULL || self->read_only_reason != NULL || !self->unpublished ||
      vl_share_is_publishing (self->share) || self->depth > 0)
    return;
  _vl_document_end_reads (self);
  if (!vl_share_publish_begin (self->share, self, self->db, publish_can_step, published_cb, self,
                               &self->edit_serial, &error))
    g_signal_emit (self, signals[WRITE_FAILED], 0, error);
  else if (!vl_share_is_publishing (self->share))
    {
      /* Nowhere to publish to (the shared file is missing). */
      self->unpublished = vl_share_get_state (self->share) != VL_SHARE_STATE_SAVED;
      update_share_state (self);
    }
}

/**
 * vl_document_sync:
 * @stats: (out) (optional): what happened
 *
 * Imports the shared file if it changed, merges its conflict copies,
 * publishes if we have anything the file lacks, and then deletes the
 * conflict copies the published file now contains.
 */
gboolean
vl_document_sync (VlDocument  *self,
                  VlSyncStats *stats,
                  GError     **error)
{
  g_autoptr(GPtrArray) copies = NULL;
  VlSyncStats local = { 0 };
  VlMergeStats merged;
  gboolean was_unpublished;

  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  stats = stats != NULL ? stats : &local;
  memset (stats, 0, sizeof *stats);
  if (self->share == NULL || self->read_only_reason != NULL)
    return TRUE;
  if (!finish_publishing (self, error))
    return FALSE;
  was_unpublished = self->unpublished;
  if (!vl_share_import (self->share, self, &merged, error))
    return FALSE;
  stats->imported = merged.rows_added + merged.fields_taken + merged.conflicts_added > 0;
  /* Merging the shared file marks the plan unpublished; it only is if we
   * have something the file lacks. */
  self->unpublished = was_unpublished || merged.local_ahead ||
                      vl_share_get_state (self->share) == VL_SHARE_STATE_PENDING;
  copies = vl_share_merge_conflict_copies (self->share, self, self->data_dir, error);
  stats->copies_merged = copies->len;
  if (!vl_document_publish (self, error))
    return FALSE;
  stats->published = !self->unpublished &&
                     (was_unpublished || merged.local_ahead || copies->len > 0);
  stats->copies_deleted = vl_share_delete_merged (self->share, self, copies);
  stats->missing = vl_share_get_state (self->share) == VL_SHARE_STATE_MISSING;
  g_strlcpy (stats->from_device, merged.from_device, sizeof stats->from_device);
  update_share_state (self);
  return TRUE;
}

/* After merging another copy (a conflict copy, another device's file), the
 * working copy may hold what the shared file lacks. */
void
_vl_document_mark_unpublished (VlDocument *self)
{
  self->unpublished = TRUE;
  self->edit_serial++;
}

gboolean
vl_document_get_unpublished (VlDocument *self)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  return self->unpublished;
}

gboolean
vl_document_get_shared_missing (VlDocument *self)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  return self->share != NULL && vl_share_get_state (self->share) == VL_SHARE_STATE_MISSING;
}

/* The private store behind the plan: the working copy, or for a read-only
 * plan a private snapshot. For diagnostics and tests. */
const char *
vl_document_get_store_path (VlDocument *self)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), NULL);
  return self->share != NULL ? vl_share_get_db_path (self->share) : NULL;
}

/* ---- watching ------------------------------------------------------------ */

#define SYNC_DELAY_MS     500   /* let a sync tool finish its rename */
#define PUBLISH_DELAY_MS 2000   /* publish after a few idle seconds */
#define POLL_SECONDS        5   /* when the folder monitor misses something */

VlShareState
vl_document_get_share_state (VlDocument *self)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), VL_SHARE_STATE_READ_ONLY);

  if (self->read_only_reason != NULL || self->share == NULL)
    return VL_SHARE_STATE_READ_ONLY;
  if (vl_share_get_state (self->share) == VL_SHARE_STATE_MISSING)
    return VL_SHARE_STATE_MISSING;
  return self->unpublished ? VL_SHARE_STATE_PENDING : VL_SHARE_STATE_SAVED;
}

static void
update_share_state (VlDocument *self)
{
  VlShareState state = vl_document_get_share_state (self);

  if (state == self->share_state)
    return;
  self->share_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHARE_STATE]);
}

static gboolean
sync_cb (gpointer data)
{
  VlDocument *self = data;
  g_autoptr(GError) error = NULL;
  VlSyncStats stats;

  if (self->depth > 0 || vl_share_is_publishing (self->share))
    return G_SOURCE_CONTINUE; /* after the action or the publish in progress */
  self->sync_id = 0;
  if (!vl_document_sync (self, &stats, &error))
    g_signal_emit (self, signals[WRITE_FAILED], 0, error);
  else if (stats.imported || stats.copies_merged > 0)
    g_signal_emit (self, signals[SYNCED], 0, &stats);
  return G_SOURCE_REMOVE;
}

static void
schedule_sync (VlDocument *self)
{
  g_clear_handle_id (&self->sync_id, g_source_remove);
  self->sync_id = g_timeout_add (SYNC_DELAY_MS, sync_cb, self);
}

static gboolean
publish_cb (gpointer data)
{
  VlDocument *self = data;

  if (self->depth > 0)
    return G_SOURCE_CONTINUE;
  self->publish_id = 0;
  /* One in progress publishes again when it ends, if edits came since. */
  vl_document_begin_publish (self);
  return G_SOURCE_REMOVE;
}

/* Edits publish by themselves once the plan is watched (the app); a
 * command-line tool publishes when it closes the plan. */
static void
schedule_publish (VlDocument *self)
{
  if (!self->watching)
    return;
  g_clear_handle_id (&self->publish_id, g_source_remove);
  self->publish_id = g_timeout_add (PUBLISH_DELAY_MS, publish_cb, self);
}

static gboolean
is_interesting (VlDocument *self,
                GFile      *file)
{
  g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;
  g_autofree char *plan = g_file_get_basename (self->file);

  if (name == NULL || vl_is_sync_temp_name (name))
    return FALSE;
  return g_str_equal (name, plan) || vl_conflict_name_matches (plan, name, NULL) ||
         g_str_has_suffix (name, ".valueloop");
}

static void
folder_changed_cb (GFileMonitor      *monitor,
                   GFile             *file,
                   GFile             *other,
                   GFileMonitorEvent  event,
                   gpointer           data)
{
  VlDocument *self = data;

  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    return;
  if (is_interesting (self, file) || is_interesting (self, other))
    schedule_sync (self);
}

static gboolean
poll_cb (gpointer data)
{
  VlDocument *self = data;

  if (self->sync_id == 0)
    schedule_sync (self);
  return G_SOURCE_CONTINUE;
}

/**
 * vl_document_set_watching:
 *
 * Watches the shared file's folder (a folder monitor, with a periodic stat
 * as fallback): changes to the plan and new conflict copies are synced in
 * (and #VlDocument::synced says what came in), and edits are published
 * after a couple of idle seconds. Needs a running main loop.
 */
void
vl_document_set_watching (VlDocument *self,
                          gboolean    watching)
{
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (VL_IS_DOCUMENT (self));

  if (!watching)
    {
      self->watching = FALSE;
      if (self->monitor != NULL)
        g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
      g_clear_handle_id (&self->poll_id, g_source_remove);
      g_clear_handle_id (&self->sync_id, g_source_remove);
      g_clear_handle_id (&self->publish_id, g_source_remove);
      return;
    }
  if (self->watching || self->share == NULL || self->read_only_reason != NULL)
    return;
  self->watching = TRUE;
  dir = g_file_get_parent (self->file);
  self->monitor = g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    g_debug ("Not monitoring %s (%s); polling only", self->display, error->message);
  else
    g_signal_connect (self->monitor, "changed", G_CALLBACK (folder_changed_cb), self);
  self->poll_id = g_timeout_add_seconds (POLL_SECONDS, poll_cb, self);
  if (self->unpublished)
    schedule_publish (self);
}

/**
 * vl_document_make_independent:
 *
 * Makes the copy of a plan at @file a plan of its own (a new document id),
 * for the user who answered "Make Independent Plan" after opening a copy
 * (%VL_DOCUMENT_ERROR_COPY).
 */
gboolean
vl_document_make_independent (GFile   *file,
                              GError **error)
{
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  return vl_share_make_independent (file, error);
}
