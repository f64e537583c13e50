/* vl-share.c — working copy, atomic publish and import (DESIGN §4)
 *
 * A SQLite file opened in place inside a synced folder loses data: sync
 * tools replace it by delete-then-rename under the open connection, and
 * journal files travel separately. So the plan the user chose (the shared
 * file) is never opened for writing and no connection is kept on it:
 *
 *  - every edit goes into a private working copy in
 *    $XDG_DATA_HOME/valueloop/working/DOC-ID.valueloop, bound to the
 *    shared file's path in DOC-ID.binding with the shared file's identity
 *    (inode, size, mtime) as last imported or published;
 *  - publishing writes a consistent snapshot privately (the backup API,
 *    in steps when it must not block), fsyncs it, copies it beside the shared file as ~$NAME.PID.tmp,
 *    fsyncs, checks the shared file is still the one we last saw (else
 *    imports it first), renames over it and fsyncs the folder;
 *  - importing merges the shared file (through a private snapshot) into
 *    the working copy.
 *
 * Why one file of about 1,050 lines: every step of the file protocol
 * (prepare, snapshot, publish in steps, rename, import, conflict copies)
 * must see the same locks and state; apart, their order would be spread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-share"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "vl-conflict-names.h"
#include "vl-document-private.h"
#include "vl-merge.h"
#include "vl-share.h"
#include "vl-store.h"

#define IDENTITY_ATTRS "unix::inode,standard::size,time::modified,time::modified-usec"

typedef struct
{
  guint64 inode;
  guint64 size;
  guint64 mtime_usec;
  gboolean exists;
} Identity;

struct _VlShare
{
  GFile        *shared;
  char         *shared_path;
  char         *display;
  char         *doc_id;
  char         *db_path;        /* the working copy, or a private snapshot */
  char         *binding_path;
  gboolean      snapshot_only;  /* read-only: db_path is deleted on free */
  gboolean      needs_import;
  Identity      seen;           /* the shared file as last imported or published */
  VlShareState  state;
  VlSharePublish *job;          /* a publish in progress */
};

static char *
working_dir (const char *data_dir)
{
  return g_build_filename (data_dir ? data_dir : g_get_user_data_dir (), "valueloop", "working",
                           NULL);
}

static Identity
identify (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, IDENTITY_ATTRS, 0, NULL, NULL);
  Identity id = { 0 };

  if (info == NULL)
    return id;
  id.exists = TRUE;
  id.inode = g_file_info_get_attribute_uint64 (info, "unix::inode");
  id.size = (guint64) g_file_info_get_size (info);
  id.mtime_usec = g_file_info_get_attribute_uint64 (info, "time::modified") * G_USEC_PER_SEC +
                  g_file_info_get_attribute_uint32 (info, "time::modified-usec");
  return id;
}

static gboolean
same_identity (Identity a,
               Identity b)
{
  return a.exists == b.exists && a.inode == b.inode && a.size == b.size &&
         a.mtime_usec == b.mtime_usec;
}

static gboolean
fsync_path (const char *path,
            gboolean    directory,
            GError    **error)
{
  int fd = g_open (path, (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC, 0);
  int saved;

  if (fd >= 0 && fsync (fd) == 0)
    {
      close (fd);
      return TRUE;
    }
  saved = errno;
  if (fd >= 0)
    close (fd);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not write “%s” to disk: %s"),
               path, g_strerror (saved));
  return FALSE;
}

/* Copies @from to @to (which is replaced) and syncs it to disk. */
static gboolean
copy_synced (const char *from,
             const char *to,
             GError    **error)
{
  g_autoptr(GFile) src = g_file_new_for_path (from);
  g_autoptr(GFile) dst = g_file_new_for_path (to);

  return g_file_copy (src, dst, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error) &&
         fsync_path (to, FALSE, error);
}

/* ---- binding ----------------------------------------------------------- */

static void
save_binding (VlShare *self)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_key_file_set_string (kf, "binding", "path", self->shared_path);
  g_key_file_set_uint64 (kf, "binding", "inode", self->seen.inode);
  g_key_file_set_uint64 (kf, "binding", "size", self->seen.size);
  g_key_file_set_uint64 (kf, "binding", "mtime-usec", self->seen.mtime_usec);
  if (!g_key_file_save_to_file (kf, self->binding_path, &error))
    g_warning ("Could not save %s: %s", self->binding_path, error->message);
}

static char *
load_binding (VlShare *self)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();

  if (!g_key_file_load_from_file (kf, self->binding_path, 0, NULL))
    return NULL;
  self->seen.exists = TRUE;
  self->seen.inode = g_key_file_get_uint64 (kf, "binding", "inode", NULL);
  self->seen.size = g_key_file_get_uint64 (kf, "binding", "size", NULL);
  self->seen.mtime_usec = g_key_file_get_uint64 (kf, "binding", "mtime-usec", NULL);
  return g_key_file_get_string (kf, "binding", "path", NULL);
}

/* ---- snapshot ---------------------------------------------------------- */

/* A private copy of the shared file; its identity must not change while it
 * is copied (a sync tool may be writing it). */
static char *
take_snapshot (VlShare  *self,
               Identity *seen,
               GError  **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "valueloop", "incoming", NULL);
  g_autofree char *name = g_strdup_printf ("open-%d-%u.valueloop", (int) getpid (), g_random_int ());
  char *path = g_build_filename (dir, name, NULL);
  Identity after;

  g_mkdir_with_parents (dir, 0700);
  for (int attempt = 0; attempt < 3; attempt++)
    {
      g_autoptr(GError) local = NULL;

      *seen = identify (self->shared_path);
      if (!seen->exists)
        break;
      if (!copy_synced (self->shared_path, path, &local))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          g_unlink (path);
          g_free (path);
          return NULL;
        }
      after = identify (self->shared_path);
      if (same_identity (*seen, after))
        return path;
      g_usleep (100 * 1000);
    }
  g_unlink (path);
  g_free (path);
  if (!seen->exists)
    g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_NOT_FOUND, _("“%s” does not exist"),
                 self->display);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                 _("“%s” kept changing while it was read; try again"), self->display);
  return NULL;
}

/* Checks a snapshot like any file we open, naming the shared file. */
static gboolean
check_snapshot (VlShare    *self,
                const char *path,
                int        *version,
                char      **doc_id,
                GError    **error)
{
  sqlite3 *db = vl_store_open (path, self->display, FALSE, error);
  gboolean ok = db != NULL && vl_store_check (db, self->display, version, error);

  if (ok && doc_id != NULL)
    *doc_id = vl_store_get_meta (db, "doc_id");
  sqlite3_close (db);
  return ok;
}

/* ---- prepare ----------------------------------------------------------- */

void
vl_share_free (VlShare *self)
{
  if (self == NULL)
    return;
  vl_share_publish_wait (self);
  if (self->snapshot_only && self->db_path != NULL)
    g_unlink (self->db_path);
  g_clear_object (&self->shared);
  g_free (self->shared_path);
  g_free (self->display);
  g_free (self->doc_id);
  g_free (self->db_path);
  g_free (self->binding_path);
  g_free (self);
}

/* The working copy exists: is the shared file the one it is bound to? */
static gboolean
check_binding (VlShare  *self,
               Identity  seen_now,
               GError  **error)
{
  g_autofree char *bound = load_binding (self);

  if (bound != NULL && g_strcmp0 (bound, self->shared_path) != 0 &&
      g_file_test (bound, G_FILE_TEST_EXISTS))
    {
      g_autofree char *bound_display = g_filename_display_name (bound);

      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_COPY,
                   _("“%s” is a copy of the plan at “%s”. Copies are never merged on their own; "
                     "to work on it, make it an independent plan (a plan of its own)."),
                   self->display, bound_display);
      return FALSE;
    }
  /* Unbound, or the plan moved (its old path is gone): follow it. */
  self->needs_import = bound == NULL || g_strcmp0 (bound, self->shared_path) != 0 ||
                       !same_identity (self->seen, seen_now);
  if (bound == NULL || g_strcmp0 (bound, self->shared_path) != 0)
    {
      self->seen = (Identity) { 0 };
      save_binding (self);
    }
  return TRUE;
}

/* A working copy that fails its checks is set aside and rebuilt from the
 * shared file; it is never used damaged. */
static void
set_aside_if_damaged (VlShare *self)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = vl_store_open (self->db_path, self->db_path, FALSE, &error);
  gboolean ok = db != NULL && vl_store_check (db, self->db_path, NULL, &error);

  sqlite3_close (db);
  if (!ok)
    {
      g_autofree char *aside = g_strconcat (self->db_path, ".damaged", NULL);

      g_warning ("%s; keeping it as %s and starting again from the shared file", error->message,
                 aside);
      g_rename (self->db_path, aside);
      g_unlink (self->binding_path);
    }
}

/**
 * vl_share_prepare:
 *
 * Checks @shared (through a private snapshot) and returns the state of its
 * working copy, creating it from the snapshot if there is none. With
 * @read_only, or for a file from a newer Valueloop, the snapshot itself is
 * opened and nothing is ever published.
 */
VlShare *
vl_share_prepare (GFile      *shared,
                  const char *data_dir,
                  gboolean    read_only,
                  int      *version,
                  GError  **error)
{
  g_autoptr(VlShare) self = g_new0 (VlShare, 1);
  g_autofree char *snapshot = NULL;
  g_autofree char *dir = working_dir (data_dir);
  g_autofree char *name = NULL;
  Identity seen;

  self->shared = g_object_ref (shared);
  self->shared_path = g_file_get_path (shared);
  self->display = g_file_get_parse_name (shared);
  if (self->shared_path == NULL || !g_file_test (self->shared_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_NOT_FOUND, _("“%s” does not exist"),
                   self->display);
      return NULL;
    }
  snapshot = take_snapshot (self, &seen, error);
  if (snapshot == NULL)
    return NULL;
  if (!check_snapshot (self, snapshot, version, &self->doc_id, error))
    {
      g_unlink (snapshot);
      return NULL;
    }
  if (read_only || *version > VL_SCHEMA_VERSION)
    {
      self->snapshot_only = TRUE;
      self->state = VL_SHARE_STATE_READ_ONLY;
      self->db_path = g_steal_pointer (&snapshot);
      return g_steal_pointer (&self);
    }

  g_mkdir_with_parents (dir, 0700);
  name = g_strdup_printf ("%s.valueloop", self->doc_id);
  self->db_path = g_build_filename (dir, name, NULL);
  g_free (name);
  name = g_strdup_printf ("%s.binding", self->doc_id);
  self->binding_path = g_build_filename (dir, name, NULL);

  if (g_file_test (self->db_path, G_FILE_TEST_EXISTS))
    set_aside_if_damaged (self);
  if (g_file_test (self->db_path, G_FILE_TEST_EXISTS))
    {
      g_unlink (snapshot);
      if (!check_binding (self, seen, error))
        return NULL;
      return g_steal_pointer (&self);
    }
  /* First open on this device: the snapshot becomes the working copy. */
  {
    sqlite3 *db = vl_store_open (snapshot, self->display, TRUE, error);
    gboolean ok = db != NULL && vl_store_migrate (db, self->display, error);

    sqlite3_close (db);
    if (!ok || g_rename (snapshot, self->db_path) != 0)
      {
        if (ok)
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                       _("Could not create the working copy of “%s”: %s"), self->display,
                       g_strerror (errno));
        g_unlink (snapshot);
        return NULL;
      }
  }
  self->seen = seen;
  save_binding (self);
  return g_steal_pointer (&self);
}

const char *
vl_share_get_db_path (VlShare *self)
{
  return self->db_path;
}

const char *
vl_share_get_display (VlShare *self)
{
  return self->display;
}

gboolean
vl_share_needs_import (VlShare *self)
{
  return self->needs_import;
}

VlShareState
vl_share_get_state (VlShare *self)
{
  return self->state;
}

void
vl_share_set_pending (VlShare *self)
{
  if (self->state == VL_SHARE_STATE_SAVED)
    self->state = VL_SHARE_STATE_PENDING;
}

/* ---- import and publish ------------------------------------------------ */

/**
 * vl_share_import:
 * @merged: (out): what merging the shared file did (all zero if it had not
 *   changed); its local_ahead says the working copy should be published
 *
 * Merges the shared file into the working copy if it changed since we last
 * saw it. A missing shared file is tolerated (sync tools replace files by
 * delete then rename).
 */
gboolean
vl_share_import (VlShare      *self,
                 VlDocument   *doc,
                 VlMergeStats *merged,
                 GError      **error)
{
  Identity before = identify (self->shared_path), after;

  memset (merged, 0, sizeof *merged);
  if (self->snapshot_only)
    return TRUE;
  if (!before.exists)
    {
      self->state = VL_SHARE_STATE_MISSING;
      return TRUE;
    }
  if (self->state == VL_SHARE_STATE_MISSING)
    self->state = VL_SHARE_STATE_PENDING; /* back: what it missed is published next */
  if (same_identity (before, self->seen) && !self->needs_import)
    return TRUE;
  if (!vl_document_merge_file (doc, self->shared, merged, error))
    return FALSE;
  after = identify (self->shared_path);
  if (same_identity (before, after))
    {
      self->seen = after;
      self->needs_import = FALSE;
      save_binding (self);
    }
  return TRUE;
}

/* A publisher that died (power cut, kill) leaves its ~$NAME.PID.tmp
 * behind; it would travel to every device, so the next publish removes
 * the ones whose process is gone. */
static void
remove_stale_temps (const char *dir,
                    const char *base)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strdup_printf ("~$%s.", base);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      const char *pid_text = name + strlen (prefix);
      guint64 pid;

      if (!g_str_has_prefix (name, prefix) || !g_str_has_suffix (name, ".tmp"))
        continue;
      pid = g_ascii_strtoull (pid_text, NULL, 10);
      if (pid > 0 && pid != (guint64) getpid () && kill ((pid_t) pid, 0) != 0 && errno == ESRCH)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);

          g_unlink (path);
        }
    }
}

/* One publish: a snapshot of the working copy taken with SQLite's backup
 * API into a private file (in steps, on the thread that owns the
 * connection: an edit made through that connection between two steps is
 * copied into the snapshot by SQLite itself), then the file work —
 * fsync, copy beside the shared file, the identity check and the rename —
 * which touches no connection and may run in a thread of its own. */
struct _VlSharePublish
{
  VlShare          *share;        /* NULL once its result is applied */
  char             *private_path;
  char             *shared_path;
  char             *display;
  Identity          seen;
  sqlite3          *dest;
  sqlite3_backup   *backup;
  int               pages;        /* per step */
  guint             step_id;
  VlShareCanStep    can_step;
  VlSharePublished  done;
  gpointer          data;
  guint64           serial;       /* *serial_of when the snapshot was complete */
  const guint64    *serial_of;

  GMutex            lock;         /* the file work's end, for a waiting caller */
  GCond             cond;
  gboolean          filed;
  gboolean          raced;
  Identity          after;
  GError           *error;
};

#define STEP_USEC 4000   /* a step of the snapshot fits in a frame with room to spare */

static void
publish_free (VlSharePublish *job)
{
  if (job->backup != NULL)
    sqlite3_backup_finish (job->backup);
  if (job->dest != NULL)
    sqlite3_close (job->dest);
  if (!job->filed)
    g_unlink (job->private_path);  /* after the file work, it may be the next publish's */
  g_free (job->private_path);
  g_free (job->shared_path);
  g_free (job->display);
  g_clear_error (&job->error);
  g_mutex_clear (&job->lock);
  g_cond_clear (&job->cond);
  g_free (job);
}

static VlSharePublish *
publish_new (VlShare  *self,
             sqlite3  *db,
             GError  **error)
{
  VlSharePublish *job = g_new0 (VlSharePublish, 1);

  job->share = self;
  job->private_path = g_strconcat (self->db_path, ".publish", NULL);
  job->shared_path = g_strdup (self->shared_path);
  job->display = g_strdup (self->display);
  job->seen = self->seen;
  job->pages = 256;
  g_mutex_init (&job->lock);
  g_cond_init (&job->cond);
  g_unlink (job->private_path);
  /* The snapshot is a scratch file: fsynced once, when it is complete. */
  if (sqlite3_open_v2 (job->private_path, &job->dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                       NULL) != SQLITE_OK ||
      sqlite3_exec (job->dest, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF",
                    NULL, NULL, NULL) != SQLITE_OK ||
      (job->backup = sqlite3_backup_init (job->dest, "main", db, "main")) == NULL)
    {
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_FAILED,
                   _("Could not write a snapshot of “%s”: %s"), self->display,
                   job->dest != NULL ? sqlite3_errmsg (job->dest) : g_strerror (ENOMEM));
      publish_free (job);
      return NULL;
    }
  return job;
}

/* Copies @pages more pages (-1: all); TRUE once the snapshot is complete
 * and closed, FALSE with @error on a failure, else FALSE (more to do). */
static gboolean
publish_step (VlSharePublish *job,
              int             pages,
              GError        **error)
{
  int rc = sqlite3_backup_step (job->backup, pages);

  if (pages >= 0 && (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED))
    return FALSE;
  rc = rc == SQLITE_DONE ? sqlite3_backup_finish (job->backup) : rc;
  job->backup = NULL;
  if (rc == SQLITE_OK && sqlite3_close (job->dest) == SQLITE_OK)
    {
      job->dest = NULL;
      if (job->serial_of != NULL)
        job->serial = *job->serial_of;
      return TRUE;
    }
  g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_FAILED,
               _("Could not write a snapshot of “%s”: %s"), job->display, sqlite3_errstr (rc));
  return FALSE;
}

/* The file work; touches only @job, so it may run in a thread. */
static void
publish_files (VlSharePublish *job)
{
  g_autofree char *dir = g_path_get_dirname (job->shared_path);
  g_autofree char *base = g_path_get_basename (job->shared_path);
  g_autofree char *tmp_name = g_strdup_printf ("~$%s.%d.tmp", base, (int) getpid ());
  g_autofree char *tmp = g_build_filename (dir, tmp_name, NULL);
  GError *error = NULL;
  gboolean ok;
  int saved;

  remove_stale_temps (dir, base);
  ok = fsync_path (job->private_path, FALSE, &error) &&
       copy_synced (job->private_path, tmp, &error);
  g_unlink (job->private_path);
  if (ok && !same_identity (identify (job->shared_path), job->seen))
    {
      /* The last moment to notice that someone else replaced the file. */
      job->raced = TRUE;
      ok = FALSE;
    }
  else if (ok && g_rename (tmp, job->shared_path) != 0)
    {
      saved = errno;
      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not replace “%s”: %s"), job->display, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  else if (fsync_path (dir, TRUE, &error))
    job->after = identify (job->shared_path);
  g_mutex_lock (&job->lock);
  job->error = error;
  job->filed = TRUE;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->lock);
}

/* On the share's thread, once: records what was published and tells. */
static void
publish_apply (VlSharePublish *job)
{
  VlShare *self = job->share;

  if (self == NULL)
    return;
  job->share = NULL;
  if (self->job == job)
    self->job = NULL;
  if (job->error == NULL && !job->raced)
    {
      self->seen = job->after;
      save_binding (self);
      self->state = VL_SHARE_STATE_SAVED;
    }
  if (job->done != NULL)
    job->done (job->data, job->raced, job->error, job->serial);
}

static void
files_thread_run (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  publish_files (data);
  g_task_return_boolean (task, TRUE);
}

static void
files_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      data)
{
  publish_apply (g_task_get_task_data (G_TASK (result)));
}

/* A snapshot that failed ends the publish at once. */
static void
publish_fail (VlSharePublish *job,
              GError         *error)
{
  if (job->backup != NULL)
    sqlite3_backup_finish (job->backup);
  job->backup = NULL;
  g_clear_pointer (&job->dest, sqlite3_close);
  g_unlink (job->private_path);
  job->filed = TRUE;
  job->error = error;
  publish_apply (job);
  publish_free (job);
}

static gboolean
publish_step_cb (gpointer data)
{
  VlSharePublish *job = data;
  GError *error = NULL;
  gint64 start;

  if (job->can_step != NULL && !job->can_step (job->data))
    return G_SOURCE_CONTINUE;
  start = g_get_monotonic_time ();
  if (publish_step (job, job->pages, &error))
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, files_done_cb, NULL);

      job->step_id = 0;
      g_task_set_task_data (task, job, (GDestroyNotify) publish_free);
      g_task_run_in_thread (task, files_thread_run);
      return G_SOURCE_REMOVE;
    }
  if (error != NULL)
    {
      job->step_id = 0;
      publish_fail (job, error);
      return G_SOURCE_REMOVE;
    }
  /* Steps of about STEP_USEC, whatever the disk and the pages. */
  job->pages = (int) CLAMP ((gint64) job->pages * STEP_USEC /
                            MAX (g_get_monotonic_time () - start, 1), 16, 65536);
  return G_SOURCE_CONTINUE;
}

static gboolean
shared_file_present (VlShare *self)
{
  if (identify (self->shared_path).exists)
    return TRUE;
  /* Not recreated: it may be in the middle of a sync. */
  self->state = VL_SHARE_STATE_MISSING;
  return FALSE;
}

/* Imports the shared file first if someone else changed it. */
static gboolean
import_if_changed (VlShare    *self,
                   VlDocument *doc,
                   GError    **error)
{
  VlMergeStats merged;

  return (same_identity (identify (self->shared_path), self->seen) && !self->needs_import) ||
         vl_share_import (self, doc, &merged, error);
}

/**
 * vl_share_publish:
 *
 * Replaces the shared file with the working copy's state, importing the
 * shared file first if someone else changed it. A missing shared file is
 * not recreated (it may be in the middle of a sync); the state says so.
 * A publish begun by vl_share_publish_begin() is finished first.
 */
gboolean
vl_share_publish (VlShare    *self,
                  VlDocument *doc,
                  sqlite3    *db,
                  GError    **error)
{
  if (self->snapshot_only)
    return TRUE;
  vl_share_publish_wait (self);
  for (int attempt = 0; attempt < 3; attempt++)
    {
      VlSharePublish *job;
      gboolean raced, failed;

      if (!shared_file_present (self))
        return TRUE;
      if (!import_if_changed (self, doc, error) || (job = publish_new (self, db, error)) == NULL)
        return FALSE;
      if (!publish_step (job, -1, error))
        {
          publish_free (job);
          return FALSE;
        }
      publish_files (job);
      publish_apply (job);
      raced = job->raced;
      failed = job->error != NULL;
      if (failed)
        g_propagate_error (error, g_steal_pointer (&job->error));
      publish_free (job);
      if (failed)
        return FALSE;
      if (!raced)
        return TRUE;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
               _("“%s” kept changing while Valueloop saved it; your edits are safe and will be "
                 "saved again"), self->display);
  return FALSE;
}

/**
 * vl_share_publish_begin:
 * @can_step: whether the snapshot may take a step now (not inside a
 *   transaction of @db)
 * @done: called once, on this thread, when the publish ended; a publish
 *   that raced with another writer of the shared file did nothing and
 *   may be begun again
 * @serial_of: (nullable): a counter of edits, read when the snapshot is
 *   complete and passed to @done (the edits after it are not published)
 *
 * Publishes without blocking the thread's main loop: the snapshot is
 * taken in steps of a few milliseconds from idle callbacks, the file work
 * runs in a thread. The shared file is imported first, right away, if
 * someone else changed it. Returns %FALSE with @error if it could not
 * begin; %TRUE with nothing begun (vl_share_is_publishing() says) if there
 * is nothing to publish to (a read-only snapshot, a missing shared file).
 */
gboolean
vl_share_publish_begin (VlShare          *self,
                        VlDocument       *doc,
                        sqlite3          *db,
                        VlShareCanStep    can_step,
                        VlSharePublished  done,
                        gpointer          data,
                        const guint64    *serial_of,
                        GError          **error)
{
  VlSharePublish *job;

  g_return_val_if_fail (self->job == NULL, FALSE);

  if (self->snapshot_only || !shared_file_present (self))
    return TRUE;
  if (!import_if_changed (self, doc, error) || (job = publish_new (self, db, error)) == NULL)
    return FALSE;
  job->can_step = can_step;
  job->done = done;
  job->data = data;
  job->serial_of = serial_of;
  self->job = job;
  job->step_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, publish_step_cb, job, NULL);
  return TRUE;
}

gboolean
vl_share_is_publishing (VlShare *self)
{
  return self->job != NULL;
}

/**
 * vl_share_publish_wait:
 *
 * Finishes the publish in progress, if any, on this thread (the rest of
 * the snapshot at once, or waiting for the file work); its @done is
 * called before this returns. Not from inside a transaction.
 */
void
vl_share_publish_wait (VlShare *self)
{
  VlSharePublish *job = self->job;
  GError *error = NULL;

  if (job == NULL)
    return;
  if (job->step_id != 0)
    {
      g_clear_handle_id (&job->step_id, g_source_remove);
      if (!publish_step (job, -1, &error))
        {
          publish_fail (job, error);
          return;
        }
      publish_files (job);
      publish_apply (job);
      publish_free (job);
      return;
    }
  /* The thread has it; its task frees it once its callback ran. */
  g_mutex_lock (&job->lock);
  while (!job->filed)
    g_cond_wait (&job->cond, &job->lock);
  g_mutex_unlock (&job->lock);
  publish_apply (job);
}

/* ---- conflict copies --------------------------------------------------- */

static GStrv
recorded_hosts (VlDocument *doc)
{
  g_autoptr(GStrvBuilder) hosts = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  if (sqlite3_prepare_v2 (_vl_document_get_db (doc), "SELECT name FROM site", -1, &stmt,
                          NULL) == SQLITE_OK)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (hosts, (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }
  return g_strv_builder_end (hosts);
}

/* Keeps a private copy before anything else happens to it. */
static gboolean
archive (VlShare    *self,
         const char *data_dir,
         const char *path,
         GError    **error)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *dir = g_build_filename (data_dir ? data_dir : g_get_user_data_dir (),
                                           "valueloop", "archive", self->doc_id, NULL);
  Identity id = identify (path);
  g_autofree char *name = g_strdup_printf ("%" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT "-%s",
                                           id.mtime_usec, id.size, base);
  g_autofree char *target = g_build_filename (dir, name, NULL);

  g_mkdir_with_parents (dir, 0700);
  return g_file_test (target, G_FILE_TEST_EXISTS) || copy_synced (path, target, error);
}

/**
 * vl_share_merge_conflict_copies:
 *
 * Merges every conflict copy of the shared file (DESIGN §4.5) that carries
 * our doc id into the working copy, after archiving it privately. Files
 * that fail their checks or belong to another plan are left alone.
 *
 * Returns: (transfer full): the paths merged, to delete once published.
 */
GPtrArray *
vl_share_merge_conflict_copies (VlShare    *self,
                                VlDocument *doc,
                                const char *data_dir,
                                GError    **error)
{
  g_autoptr(GPtrArray) merged = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir = g_path_get_dirname (self->shared_path);
  g_autofree char *plan = g_path_get_basename (self->shared_path);
  g_auto(GStrv) hosts = recorded_hosts (doc);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) local = NULL;

      if (vl_is_sync_temp_name (name) ||
          !vl_conflict_name_matches (plan, name, (const char *const *) hosts))
        continue;
      path = g_build_filename (dir, name, NULL);
      file = g_file_new_for_path (path);
      /* The merge reads a private snapshot and never writes the file. */
      if (!vl_document_merge_file (doc, file, NULL, &local) ||
          !archive (self, data_dir, path, &local))
        {
          g_debug ("Not merging %s: %s", path, local->message);
          continue;
        }
      g_ptr_array_add (merged, g_steal_pointer (&path));
    }
  return g_steal_pointer (&merged);
}

/* After a successful publish: a conflict copy is deleted only if merging
 * it again changes nothing, i.e. the published file contains it. */
guint
vl_share_delete_merged (VlShare    *self,
                        VlDocument *doc,
                        GPtrArray  *merged)
{
  guint deleted = 0;

  if (self->state != VL_SHARE_STATE_SAVED)
    return 0;
  for (guint i = 0; i < merged->len; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (merged->pdata[i]);
      VlMergeStats stats;

      if (vl_document_merge_file (doc, file, &stats, NULL) &&
          stats.rows_added + stats.fields_taken + stats.conflicts_added == 0 &&
          g_unlink (merged->pdata[i]) == 0)
        deleted++;
    }
  return deleted;
}

/* ---- independent copies ------------------------------------------------- */

/**
 * vl_share_make_independent:
 *
 * Gives the plan at @file a new document id, so that it is no longer a
 * copy of another plan: it gets a working copy of its own and is never
 * merged with the original. Only on the user's request. The file is
 * rewritten atomically (private copy, fsync, temp file, rename); a file
 * that fails its checks or comes from a newer Valueloop is left alone.
 */
gboolean
vl_share_make_independent (GFile   *file,
                           GError **error)
{
  g_autoptr(VlShare) self = g_new0 (VlShare, 1);
  g_autofree char *snapshot = NULL, *dir = NULL, *base = NULL, *tmp = NULL, *tmp_name = NULL;
  g_autofree char *doc_id = g_uuid_string_random ();
  Identity seen;
  sqlite3 *db;
  int version = 0;
  gboolean ok;

  self->shared = g_object_ref (file);
  self->shared_path = g_file_get_path (file);
  self->display = g_file_get_parse_name (file);
  snapshot = take_snapshot (self, &seen, error);
  if (snapshot == NULL)
    return FALSE;
  self->snapshot_only = TRUE;
  self->db_path = g_strdup (snapshot);   /* removed with self */
  if (!check_snapshot (self, snapshot, &version, NULL, error))
    return FALSE;
  if (version > VL_SCHEMA_VERSION)
    {
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_NEWER,
                   _("“%s” was made by a newer version of Valueloop and cannot be changed"),
                   self->display);
      return FALSE;
    }
  db = vl_store_open (snapshot, self->display, TRUE, error);
  ok = db != NULL && vl_store_set_meta (db, "doc_id", doc_id, 0, 0);
  if (db != NULL && !ok)
    g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_FAILED,
                 _("Could not change “%s”: %s"), self->display, sqlite3_errmsg (db));
  sqlite3_close (db);
  if (!ok)
    return FALSE;
  dir = g_path_get_dirname (self->shared_path);
  base = g_path_get_basename (self->shared_path);
  tmp_name = g_strdup_printf ("~$%s.%d.tmp", base, (int) getpid ());
  tmp = g_build_filename (dir, tmp_name, NULL);
  if (!fsync_path (snapshot, FALSE, error) || !copy_synced (snapshot, tmp, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  if (!same_identity (identify (self->shared_path), seen) || g_rename (tmp, self->shared_path) != 0)
    {
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _("“%s” changed while Valueloop worked on it; nothing was changed"), self->display);
      return FALSE;
    }
  return fsync_path (dir, TRUE, error);
}
