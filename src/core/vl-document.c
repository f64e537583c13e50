/* vl-document.c — one plan: opening, actions, publishing and syncing
 *
 * A document owns one SQLite connection, the hybrid logical clock, the undo
 * history and the identity map (one VlRecord per live row). Every write is
 * a register write: the register's columns, its (hlc, site) stamp in the
 * sparse field_clock table, an undo entry, the cached object and a notify.
 * This file coordinates the document's units (vl-document-units.h lists
 * them): it opens and closes the plan, runs actions, and publishes and
 * syncs through VlShare.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-document"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>

#include "vl-device.h"
#include "vl-document-units.h"
#include "vl-merge.h"
#include "vl-store.h"

G_DEFINE_FINAL_TYPE (VlDocument, vl_document, G_TYPE_OBJECT)
G_DEFINE_QUARK (vl-document-error-quark, vl_document_error)

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

GParamSpec *_vl_document_properties[N_PROPS];
guint       _vl_document_signals[N_SIGNALS];

/* ---- opening ----------------------------------------------------------- */

static void
vl_document_finalize (GObject *object)
{
  VlDocument *self = VL_DOCUMENT (object);

  vl_document_close (self);
  _vl_doc_free_cache (self);
  for (guint k = 0; k < VL_N_KINDS; k++)
    g_hash_table_unref (self->created[k]);
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

  _vl_document_properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  _vl_document_properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  _vl_document_properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  _vl_document_properties[PROP_READ_ONLY] = g_param_spec_boolean ("read-only", NULL, NULL, FALSE, ro);
  _vl_document_properties[PROP_SHARE_STATE] = g_param_spec_enum ("share-state", NULL, NULL,
                                                    vl_share_state_get_type (),
                                                    VL_SHARE_STATE_SAVED, ro);
  g_object_class_install_properties (object_class, N_PROPS, _vl_document_properties);

  /**
   * VlDocument::write-failed:
   * @error: what failed, naming the file
   *
   * A write made through a property setter (which cannot return an error)
   * failed and was rolled back. Writes that can, such as
   * vl_record_set_from_text(), report to their caller instead.
   */
  _vl_document_signals[WRITE_FAILED] = g_signal_new ("write-failed", G_TYPE_FROM_CLASS (klass),
                                                     G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                     G_TYPE_NONE, 1, G_TYPE_ERROR);
  /**
   * VlDocument::publish-failed:
   * @error: what failed, naming the file
   *
   * A publish in the background (vl_document_begin_publish()) failed: the
   * edits are safe in the working copy and are published by the next one.
   */
  _vl_document_signals[PUBLISH_FAILED] = g_signal_new ("publish-failed", G_TYPE_FROM_CLASS (klass),
                                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                       G_TYPE_NONE, 1, G_TYPE_ERROR);
  /**
   * VlDocument::publish-needed:
   *
   * The working copy holds edits the shared file lacks: after an action
   * that wrote, or when a publish ended with edits made meanwhile. A
   * #VlSyncWatcher publishes them after a pause.
   */
  _vl_document_signals[PUBLISH_NEEDED] = g_signal_new ("publish-needed", G_TYPE_FROM_CLASS (klass),
                                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                       G_TYPE_NONE, 0);
  /**
   * VlDocument::merged:
   *
   * Another copy was merged in: values that lost a concurrent edit may
   * have been kept, so views showing conflicts look again.
   */
  _vl_document_signals[MERGED] = g_signal_new ("merged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                               NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * VlDocument::rows-changed:
   * @kind: the #VlKind of the rows
   * @records: (element-type VlRecord): the rows written
   *
   * Rows of @kind were written (in place or not, deleted too), once per
   * action and kind, after the list models followed; for views that keep
   * their own index of the rows, such as #VlItemSearch. Detailed by the
   * kind's table name: connect to "rows-changed::item" for items only.
   */
  _vl_document_signals[ROWS_CHANGED] = g_signal_new ("rows-changed", G_TYPE_FROM_CLASS (klass),
                                                     G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                                                     0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                                     G_TYPE_UINT, G_TYPE_PTR_ARRAY);
  /**
   * VlDocument::wip-limit-changed:
   * @status: the #VlStatus whose limit changed
   *
   * A board column's WIP limit changed: set here, undone or merged.
   */
  _vl_document_signals[WIP_LIMIT_CHANGED] = g_signal_new ("wip-limit-changed", G_TYPE_FROM_CLASS (klass),
                                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                          G_TYPE_NONE, 1, G_TYPE_INT);
  /**
   * VlDocument::value-settings-changed:
   *
   * An AARRR target share, a verdict threshold or the cycle-time clock
   * changed: set here, undone or merged.
   */
  _vl_document_signals[VALUE_SETTINGS_CHANGED] = g_signal_new ("value-settings-changed",
                                                               G_TYPE_FROM_CLASS (klass),
                                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                               G_TYPE_NONE, 0);
}

static void
vl_document_init (VlDocument *self)
{
  _vl_doc_init_cache (self);
  _vl_doc_init_settings (self);
  for (guint k = 0; k < VL_N_KINDS; k++)
    self->created[k] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->undo_stack = g_ptr_array_new_with_free_func (_vl_doc_undo_step_free);
  self->redo_stack = g_ptr_array_new_with_free_func (_vl_doc_undo_step_free);
  self->clock = vl_clock_new ();
}

static VlDocument *
document_new (GFile *file)
{
  VlDocument *self = g_object_new (VL_TYPE_DOCUMENT, NULL);

  self->file = g_object_ref (file);
  self->path = g_file_get_path (file);
  self->display = g_file_get_parse_name (file);
  return self;
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
  if (!check_tables (self, error) || !_vl_doc_load_meta (self, error))
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

  _vl_doc_close_statements (self);
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
gboolean
_vl_doc_ensure_writable (VlDocument *self,
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
    return _vl_doc_sql_failed (self, _("Could not register this device in “%s”: %s"), error);
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
      _vl_doc_ensure_writable (self, &self->action_error) &&
      sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    _vl_doc_sql_failed (self, _("Could not start a change in “%s”: %s"), &self->action_error);
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

void
_vl_doc_record_error (VlDocument *self,
              GError     *error)
{
  if (self->action_error == NULL)
    self->action_error = error;
  else
    g_error_free (error);
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
    _vl_doc_sql_failed (self, _("Could not save the change in “%s”: %s"), &self->action_error);
  if (self->action_error != NULL)
    {
      if (self->db != NULL && !sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      _vl_doc_revert_step (self, step);
      _vl_doc_undo_step_free (step);
      g_propagate_error (error, g_steal_pointer (&self->action_error));
      return FALSE;
    }

  had_undo = vl_document_can_undo (self);
  had_redo = vl_document_can_redo (self);
  if (step->entries->len > 0)
    {
      self->unpublished = TRUE;
      self->edit_serial++;
      _vl_doc_schedule_publish (self);
    }
  if (step->entries->len == 0)
    _vl_doc_undo_step_free (step);
  else
    {
      stack = self->mode == UNDOING ? self->redo_stack : self->undo_stack;
      if (self->mode == NORMAL)
        g_ptr_array_set_size (self->redo_stack, 0);
      g_ptr_array_add (stack, step);
    }
  _vl_doc_notify_lists (self);
  _vl_doc_update_share_state (self);
  if (had_undo != vl_document_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), _vl_document_properties[PROP_CAN_UNDO]);
  if (had_redo != vl_document_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), _vl_document_properties[PROP_CAN_REDO]);
  return TRUE;
}

/* Makes the open action fail at its commit: every write in it is rolled
 * back and nothing reaches the undo history. */
void
vl_document_cancel (VlDocument *self)
{
  g_return_if_fail (VL_IS_DOCUMENT (self));
  g_return_if_fail (self->depth > 0);

  _vl_doc_record_error (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                           _("The change was cancelled")));
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


void
_vl_document_emit_merged (VlDocument *self)
{
  g_signal_emit (self, _vl_document_signals[MERGED], 0);
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
  _vl_doc_update_share_state (self);
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
        g_signal_emit (self, _vl_document_signals[PUBLISH_FAILED], 0, error);
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
  _vl_doc_update_share_state (self);
  if (self->unpublished)
    _vl_doc_schedule_publish (self);
}

/**
 * vl_document_begin_publish:
 *
 * Publishes as vl_document_publish() does without blocking the main loop
 * (DESIGN §4): the snapshot of the working copy is taken in steps of a few
 * milliseconds between frames and the file is written in a thread. Edits
 * made meanwhile are published by the next publish; #VlDocument:share-state
 * follows, and a failure is reported through #VlDocument::publish-failed.
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
    g_signal_emit (self, _vl_document_signals[PUBLISH_FAILED], 0, error);
  else if (!vl_share_is_publishing (self->share))
    {
      /* Nowhere to publish to (the shared file is missing). */
      self->unpublished = vl_share_get_state (self->share) != VL_SHARE_STATE_SAVED;
      _vl_doc_update_share_state (self);
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
  _vl_doc_update_share_state (self);
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

/* ---- share state ---------------------------------------------------------- */

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

void
_vl_doc_update_share_state (VlDocument *self)
{
  VlShareState state = vl_document_get_share_state (self);

  if (state == self->share_state)
    return;
  self->share_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), _vl_document_properties[PROP_SHARE_STATE]);
}

/* Edits wait to be published: a #VlSyncWatcher (the app) publishes them
 * after a pause; a command-line tool publishes when it closes the plan. */
void
_vl_doc_schedule_publish (VlDocument *self)
{
  g_signal_emit (self, _vl_document_signals[PUBLISH_NEEDED], 0);
}

/**
 * vl_document_get_busy:
 *
 * Whether an action is open (a publish or a sync waits until it ends).
 */
gboolean
vl_document_get_busy (VlDocument *self)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  return self->depth > 0;
}

/**
 * vl_document_get_publishing:
 *
 * Whether a publish runs in the background (vl_document_begin_publish()).
 */
gboolean
vl_document_get_publishing (VlDocument *self)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  return self->share != NULL && vl_share_is_publishing (self->share);
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

