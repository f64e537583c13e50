/* vl-sync-watcher.c — keeps an open plan and its shared file in step
 *
 * What the app does that a command-line tool never does (DESIGN §4): it
 * watches the shared file's folder (a folder monitor, with a periodic stat
 * as fallback, since monitors miss changes on some file systems) and syncs
 * when the plan or a conflict copy of it changes, after a short pause that
 * lets the sync tool finish its rename; and it publishes the plan's edits
 * after a couple of idle seconds. The window makes one per open plan;
 * dropping it stops both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-sync-watcher"

#include "config.h"

#include "vl-conflict-names.h"
#include "vl-sync-watcher.h"

#define SYNC_DELAY_MS     500   /* let a sync tool finish its rename */
#define PUBLISH_DELAY_MS 2000   /* publish after a few idle seconds */
#define POLL_SECONDS        5   /* when the folder monitor misses something */

struct _VlSyncWatcher
{
  GObject       parent_instance;

  VlDocument   *document;
  GFileMonitor *monitor;       /* the shared file's folder */
  guint         poll_id;       /* the stat fallback */
  guint         sync_id;       /* a sync after a pause */
  guint         publish_id;    /* a publish after a pause */
};

G_DEFINE_FINAL_TYPE (VlSyncWatcher, vl_sync_watcher, G_TYPE_OBJECT)

enum {
  SYNCED,
  SYNC_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
sync_cb (gpointer data)
{
  VlSyncWatcher *self = data;
  g_autoptr(GError) error = NULL;
  VlSyncStats stats;

  if (vl_document_get_busy (self->document) || vl_document_get_publishing (self->document))
    return G_SOURCE_CONTINUE; /* after the action or the publish in progress */
  self->sync_id = 0;
  if (!vl_document_sync (self->document, &stats, &error))
    g_signal_emit (self, signals[SYNC_FAILED], 0, error);
  else if (stats.imported || stats.copies_merged > 0)
    g_signal_emit (self, signals[SYNCED], 0, &stats);
  return G_SOURCE_REMOVE;
}

static void
schedule_sync (VlSyncWatcher *self)
{
  g_clear_handle_id (&self->sync_id, g_source_remove);
  self->sync_id = g_timeout_add (SYNC_DELAY_MS, sync_cb, self);
}

static gboolean
publish_cb (gpointer data)
{
  VlSyncWatcher *self = data;

  if (vl_document_get_busy (self->document))
    return G_SOURCE_CONTINUE;
  self->publish_id = 0;
  /* One in progress publishes again when it ends, if edits came since. */
  vl_document_begin_publish (self->document);
  return G_SOURCE_REMOVE;
}

static void
schedule_publish (VlSyncWatcher *self)
{
  g_clear_handle_id (&self->publish_id, g_source_remove);
  self->publish_id = g_timeout_add (PUBLISH_DELAY_MS, publish_cb, self);
}

static gboolean
is_interesting (VlSyncWatcher *self,
                GFile         *file)
{
  g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;
  g_autofree char *plan = g_file_get_basename (vl_document_get_file (self->document));

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
                   VlSyncWatcher     *self)
{
  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    return;
  if (is_interesting (self, file) || is_interesting (self, other))
    schedule_sync (self);
}

static gboolean
poll_cb (gpointer data)
{
  VlSyncWatcher *self = data;

  if (self->sync_id == 0)
    schedule_sync (self);
  return G_SOURCE_CONTINUE;
}

static void
vl_sync_watcher_dispose (GObject *object)
{
  VlSyncWatcher *self = VL_SYNC_WATCHER (object);

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
    }
  g_clear_object (&self->monitor);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_handle_id (&self->sync_id, g_source_remove);
  g_clear_handle_id (&self->publish_id, g_source_remove);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (vl_sync_watcher_parent_class)->dispose (object);
}

static void
vl_sync_watcher_class_init (VlSyncWatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vl_sync_watcher_dispose;

  /**
   * VlSyncWatcher::synced:
   * @stats: what the sync brought in
   *
   * A sync started by a change in the folder imported changes or merged
   * conflict copies (the header says "Merged changes from <device>").
   */
  signals[SYNCED] = g_signal_new ("synced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1,
                                  VL_TYPE_SYNC_STATS | G_SIGNAL_TYPE_STATIC_SCOPE);
  /**
   * VlSyncWatcher::sync-failed:
   * @error: what failed, naming the file
   *
   * A sync started by a change in the folder failed; nothing was lost, and
   * the next change or poll tries again.
   */
  signals[SYNC_FAILED] = g_signal_new ("sync-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
vl_sync_watcher_init (VlSyncWatcher *self)
{
}

/**
 * vl_sync_watcher_new:
 *
 * Starts watching @document's shared file and publishing its edits; a
 * read-only plan is neither (the watcher does nothing). Needs a running
 * main loop. Drop the watcher to stop.
 */
VlSyncWatcher *
vl_sync_watcher_new (VlDocument *document)
{
  VlSyncWatcher *self;
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (VL_IS_DOCUMENT (document), NULL);

  self = g_object_new (VL_TYPE_SYNC_WATCHER, NULL);
  self->document = g_object_ref (document);
  if (vl_document_get_read_only (document) || vl_document_get_store_path (document) == NULL)
    return self;

  g_signal_connect_swapped (document, "publish-needed", G_CALLBACK (schedule_publish), self);
  dir = g_file_get_parent (vl_document_get_file (document));
  self->monitor = g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    g_debug ("Not monitoring the folder of %s (%s); polling only",
             g_file_peek_path (vl_document_get_file (document)), error->message);
  else
    g_signal_connect (self->monitor, "changed", G_CALLBACK (folder_changed_cb), self);
  self->poll_id = g_timeout_add_seconds (POLL_SECONDS, poll_cb, self);
  if (vl_document_get_unpublished (document))
    schedule_publish (self);
  return self;
}
