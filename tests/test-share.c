/* test-share.c — working copy, atomic publish, import (DESIGN §4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "vl-sync-watcher.h"
#include "vl-test-util.h"

static char *
device_dir (const char *name)
{
  return g_build_filename (vl_test_dir (), "devices", name, NULL);
}

static VlDocument *
open_as (GFile      *file,
         const char *device)
{
  g_autofree char *dir = device_dir (device);
  g_autoptr(GError) error = NULL;
  VlDocument *doc = vl_document_open_for_device (file, dir, VL_DOCUMENT_OPEN_NONE, &error);

  g_assert_no_error (error);
  return doc;
}

static GFile *
new_plan (const char *name)
{
  g_autoptr(GError) error = NULL;
  GFile *file = vl_test_file (name);
  g_autoptr(VlDocument) doc = vl_document_create (file, "Shared", &error);

  g_assert_no_error (error);
  return file;
}

static VlRecord *
add_backlog (VlDocument *doc,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  VlRecord *b = vl_document_insert (doc, VL_KIND_BACKLOG, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_object_set (b, "name", name, NULL);
  return b;
}

static gint64
published_count (GFile *file, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE deleted <> 1", table);

  return vl_test_query_int (file, sql);
}

/* Nothing but plans in the shared folder: no journal, WAL, or temp file. */
static void
assert_folder_clean (GFile *file)
{
  g_autoptr(GFile) dir = g_file_get_parent (file);
  g_autoptr(GFileEnumerator) e = g_file_enumerate_children (dir, "standard::name", 0, NULL, NULL);
  GFileInfo *info;

  while ((info = g_file_enumerator_next_file (e, NULL, NULL)) != NULL)
    {
      const char *name = g_file_info_get_name (info);

      g_assert_false (g_str_has_suffix (name, "-journal"));
      g_assert_false (g_str_has_suffix (name, "-wal"));
      g_assert_false (g_str_has_suffix (name, "-shm"));
      g_assert_false (g_str_has_prefix (name, "~$"));
      g_object_unref (info);
    }
}

static void
test_edits_go_to_working_copy (void)
{
  g_autoptr(GFile) file = new_plan ("share-wc.valueloop");
  g_autoptr(VlDocument) doc = open_as (file, "a");
  g_autoptr(VlRecord) b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *working = device_dir ("a");
  g_autofree char *before = NULL, *after = NULL;
  gsize n1, n2;

  g_assert_true (g_str_has_prefix (vl_document_get_store_path (doc), working));
  before = vl_test_read (file, &n1);
  b = add_backlog (doc, "Storefront");
  after = vl_test_read (file, &n2);
  g_assert_cmpmem (before, n1, after, n2);     /* the shared file is untouched */
  g_assert_true (vl_document_get_unpublished (doc));

  g_assert_true (vl_document_publish (doc, &error));
  g_assert_no_error (error);
  g_assert_false (vl_document_get_unpublished (doc));
  g_assert_cmpint (published_count (file, "backlog"), ==, 1);
  assert_folder_clean (file);

  /* Publishing again without changes leaves the file alone. */
  g_free (before);
  before = vl_test_read (file, &n1);
  g_object_set (b, "name", "Storefront", NULL);
  g_assert_true (vl_document_publish (doc, &error));
  g_free (after);
  after = vl_test_read (file, &n2);
  g_assert_cmpmem (before, n1, after, n2);
}

/* A window holds reads while it draws a frame; an edit, a merge or a
 * publish in between still happens (each ends the read transaction). */
static void
test_writes_while_reads_held (void)
{
  g_autoptr(GFile) file = new_plan ("share-held.valueloop");
  g_autoptr(VlDocument) a = open_as (file, "held-a");
  g_autoptr(VlDocument) b = open_as (file, "held-b");
  g_autoptr(VlRecord) first = add_backlog (a, "Storefront");
  g_autoptr(VlRecord) other = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (vl_document_publish (a, &error));
  g_assert_true (vl_document_sync (b, NULL, &error));
  g_assert_no_error (error);
  other = add_backlog (b, "Platform");
  g_assert_true (vl_document_publish (b, &error));

  vl_document_hold_reads (a);
  g_assert_cmpuint (vl_document_count (a, VL_KIND_BACKLOG), ==, 1);
  {
    g_autoptr(VlRecord) second = add_backlog (a, "Merchants");   /* a write */
  }
  g_assert_cmpuint (vl_document_count (a, VL_KIND_BACKLOG), ==, 2);
  g_assert_true (vl_document_sync (a, NULL, &error));              /* a merge, then a publish */
  g_assert_no_error (error);
  g_assert_cmpuint (vl_document_count (a, VL_KIND_BACKLOG), ==, 3);
  vl_document_release_reads (a);

  g_assert_cmpint (published_count (file, "backlog"), ==, 3);
  g_assert_true (vl_document_undo (a, &error));                    /* and after */
  g_assert_no_error (error);
  {
    g_autoptr(VlRecord) third = add_backlog (a, "Growth");
  }
  g_assert_true (vl_document_publish (a, &error));
  g_assert_no_error (error);
  g_assert_cmpint (published_count (file, "backlog"), ==, 4);
}

/* Syncthing replaces a file by writing a temp file, deleting the old one
 * and renaming: the open plan notices, imports, and loses nothing. */
static void
test_replaced_behind_our_back (void)
{
  g_autoptr(GFile) file = new_plan ("share-replace.valueloop");
  g_autoptr(VlDocument) a = open_as (file, "a");
  g_autoptr(VlDocument) b = open_as (file, "b");
  g_autoptr(VlRecord) ra = NULL, rb = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *incoming = g_build_filename (dir, ".syncthing.share-replace.valueloop.tmp", NULL);
  g_autofree char *b_published = NULL;
  gsize len;

  ra = add_backlog (a, "Only on laptop A");
  rb = add_backlog (b, "Only on laptop B");

  /* B publishes into its own copy of the folder; the sync tool then
   * delivers it to A's folder by delete-then-rename. */
  g_assert_true (vl_document_publish (b, &error));
  b_published = vl_test_read (file, &len);
  g_assert_true (g_file_set_contents (incoming, b_published, (gssize) len, NULL));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rename (incoming, path), ==, 0);

  g_assert_true (vl_document_publish (a, &error));
  g_assert_no_error (error);
  g_assert_cmpint (published_count (file, "backlog"), ==, 2);
  /* A's models have B's backlog, in place. */
  g_assert_cmpuint (vl_document_count (a, VL_KIND_BACKLOG), ==, 2);
  assert_folder_clean (file);
}

static void
test_missing_then_back (void)
{
  g_autoptr(GFile) file = new_plan ("share-missing.valueloop");
  g_autoptr(VlDocument) doc = open_as (file, "a");
  g_autoptr(VlRecord) b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *aside = g_strconcat (path, ".away", NULL);

  g_assert_cmpint (g_rename (path, aside), ==, 0);
  b = add_backlog (doc, "Written while the file was away");
  g_assert_true (vl_document_publish (doc, &error));
  g_assert_true (vl_document_get_shared_missing (doc));
  g_assert_true (vl_document_get_unpublished (doc));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS)); /* not recreated */

  g_assert_cmpint (g_rename (aside, path), ==, 0);
  g_assert_true (vl_document_sync (doc, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (vl_document_get_shared_missing (doc));
  g_assert_cmpint (published_count (file, "backlog"), ==, 1);
}

static void
test_moved_and_copied (void)
{
  g_autoptr(GFile) file = new_plan ("share-move.valueloop");
  g_autoptr(GFile) moved = vl_test_file ("share-moved.valueloop");
  g_autoptr(GFile) copy = vl_test_file ("share-copy.valueloop");
  g_autoptr(VlDocument) doc = open_as (file, "a");
  g_autoptr(VlRecord) b = add_backlog (doc, "Kept across the move");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gsize n1, n2;

  g_assert_true (vl_document_publish (doc, &error));
  g_clear_object (&b);
  g_clear_object (&doc);

  /* Moved: the old path is gone, the working copy follows the plan. */
  g_assert_true (g_file_move (file, moved, 0, NULL, NULL, NULL, &error));
  doc = open_as (moved, "a");
  g_assert_cmpuint (vl_document_count (doc, VL_KIND_BACKLOG), ==, 1);
  g_clear_object (&doc);

  /* Copied: the original still exists, so the copy is never merged. */
  g_assert_true (g_file_copy (moved, copy, 0, NULL, NULL, NULL, &error));
  before = vl_test_read (copy, &n1);
  {
    g_autofree char *dir = device_dir ("a");

    doc = vl_document_open_for_device (copy, dir, VL_DOCUMENT_OPEN_NONE, &error);
  }
  g_assert_null (doc);
  g_assert_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_COPY);
  g_assert_nonnull (strstr (error->message, "share-copy.valueloop"));
  g_assert_nonnull (strstr (error->message, "share-moved.valueloop"));
  after = vl_test_read (copy, &n2);
  g_assert_cmpmem (before, n1, after, n2);
}

static void
test_conflict_copies (void)
{
  g_autoptr(GFile) file = new_plan ("share-conflict.valueloop");
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *other_dir = g_build_filename (dir, "laptop-b", NULL);
  g_autofree char *b_path = g_build_filename (other_dir, "share-conflict.valueloop", NULL);
  g_autofree char *conflict = g_build_filename (dir, "share-conflict.sync-conflict-20261125-"
                                                "093012-ABCD123.valueloop", NULL);
  g_autofree char *stranger = g_build_filename (dir, "share-conflict (Mia's conflicted copy "
                                                "2026-11-25).valueloop", NULL);
  g_autofree char *own_copy = g_build_filename (dir, "share-conflict copy.valueloop", NULL);
  g_autofree char *archive = NULL;
  g_autoptr(GFile) b_file = g_file_new_for_path (b_path);
  g_autoptr(GFile) other = vl_test_file ("stranger.valueloop");
  g_autoptr(GFile) conflict_file = NULL, stranger_file = NULL, own_copy_file = NULL;
  g_autoptr(VlDocument) a = NULL, b = NULL, stranger_doc = NULL;
  g_autoptr(VlRecord) ra = NULL, rb = NULL;
  g_autoptr(GError) error = NULL;
  VlSyncStats stats;

  /* Laptop B has its own copy of the folder. */
  g_mkdir_with_parents (other_dir, 0700);
  g_assert_true (g_file_copy (file, b_file, 0, NULL, NULL, NULL, &error));
  a = open_as (file, "a");
  b = open_as (b_file, "b");
  ra = add_backlog (a, "Edited on laptop A");
  rb = add_backlog (b, "Edited on laptop B");
  g_assert_true (vl_document_publish (a, &error));
  g_assert_true (vl_document_publish (b, &error));
  /* Syncthing met two versions and kept B's as a conflict copy. */
  conflict_file = g_file_new_for_path (conflict);
  stranger_file = g_file_new_for_path (stranger);
  own_copy_file = g_file_new_for_path (own_copy);
  g_assert_true (g_file_copy (b_file, conflict_file, 0, NULL, NULL, NULL, &error));
  /* Not ours: a conflict-like name with another plan inside, and the
   * user's own copy of this plan. */
  stranger_doc = vl_document_create (other, "Stranger", &error);
  g_assert_true (g_file_copy (other, stranger_file, 0, NULL, NULL, NULL, &error));
  g_assert_true (g_file_copy (file, own_copy_file, 0, NULL, NULL, NULL, &error));

  g_assert_true (vl_document_sync (a, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.copies_merged, ==, 1);
  g_assert_cmpuint (stats.copies_deleted, ==, 1);
  g_assert_true (stats.published);
  g_assert_false (g_file_test (conflict, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (stranger, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (own_copy, G_FILE_TEST_EXISTS));
  g_assert_cmpint (published_count (file, "backlog"), ==, 2);
  archive = g_build_filename (vl_test_dir (), "devices", "a", "valueloop", "archive",
                              vl_document_get_doc_id (a), NULL);
  g_assert_true (g_file_test (archive, G_FILE_TEST_IS_DIR));

  /* Nothing more to do the second time. */
  g_assert_true (vl_document_sync (a, &stats, &error));
  g_assert_cmpuint (stats.copies_merged + stats.copies_deleted, ==, 0);
  g_assert_false (stats.published);
}

typedef struct
{
  guint inserted, resets, synced;
  char  from[64];
  GList *states;
} Watch;

static void
items_changed_cb (GListModel *list, guint pos, guint removed, guint added, Watch *w)
{
  if (removed == 0 && added == 1)
    w->inserted++;
  else
    w->resets++;
}

static void
synced_cb (VlSyncWatcher *watcher, VlSyncStats *stats, Watch *w)
{
  w->synced++;
  g_strlcpy (w->from, stats->from_device, sizeof w->from);
}

static void
state_cb (VlDocument *doc, GParamSpec *pspec, Watch *w)
{
  w->states = g_list_append (w->states, GINT_TO_POINTER (vl_document_get_share_state (doc)));
}

static gboolean
wait_until (gboolean (*done) (gpointer), gpointer data, guint seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10000);
  return done (data);
}

static gboolean
got_insert (gpointer data)
{
  return ((Watch *) data)->inserted > 0 && ((Watch *) data)->synced > 0;
}

static GFile *published_file;

static gboolean
published_three (gpointer data)
{
  return published_count (published_file, "backlog") == 3;
}

/* The file is renamed in place by a thread; the state follows on the
 * main loop. */
static gboolean
last_state_saved (gpointer data)
{
  GList *states = ((Watch *) data)->states;

  return states != NULL && GPOINTER_TO_INT (g_list_last (states)->data) == VL_SHARE_STATE_SAVED;
}

/* The app's way: the folder is watched, changes come in by themselves and
 * the open models update in place; edits are published after idling. */
static void
test_watching (void)
{
  g_autoptr(GFile) file = new_plan ("share-watch.valueloop");
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *b_dir = g_build_filename (dir, "watch-b", NULL);
  g_autofree char *b_path = g_build_filename (b_dir, "share-watch.valueloop", NULL);
  g_autofree char *incoming = g_build_filename (dir, ".syncthing.share-watch.valueloop.tmp", NULL);
  g_autoptr(GFile) b_file = g_file_new_for_path (b_path);
  g_autoptr(VlDocument) a = open_as (file, "a");
  g_autoptr(VlDocument) b = NULL;
  g_autoptr(GListModel) backlogs = vl_document_list (a, VL_KIND_BACKLOG, NULL, NULL);
  g_autoptr(VlRecord) ra = add_backlog (a, "Before watching");
  g_autoptr(VlRecord) rb = NULL, ra2 = NULL;
  g_autoptr(VlSyncWatcher) watcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  Watch w = { 0 };
  gsize len;

  g_assert_true (vl_document_publish (a, &error));
  g_mkdir_with_parents (b_dir, 0700);
  g_assert_true (g_file_copy (file, b_file, 0, NULL, NULL, NULL, &error));
  {
    g_autofree char *bd = device_dir ("watch-b");

    b = vl_document_open_for_device (b_file, bd, VL_DOCUMENT_OPEN_NONE, &error);
    g_assert_no_error (error);
    vl_document_set_device (b, "00000000-0000-4000-8000-0000000000bb", "laptop-b");
  }

  watcher = vl_sync_watcher_new (a);
  g_signal_connect (backlogs, "items-changed", G_CALLBACK (items_changed_cb), &w);
  g_signal_connect (watcher, "synced", G_CALLBACK (synced_cb), &w);
  g_signal_connect (a, "notify::share-state", G_CALLBACK (state_cb), &w);

  /* Laptop B publishes; the sync tool delivers it by delete-then-rename. */
  rb = add_backlog (b, "From laptop B");
  g_assert_true (vl_document_publish (b, &error));
  data = vl_test_read (b_file, &len);
  g_assert_true (g_file_set_contents (incoming, data, (gssize) len, NULL));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rename (incoming, path), ==, 0);

  g_assert_true (wait_until (got_insert, &w, 15));
  g_assert_cmpuint (w.resets, ==, 0);             /* in place, not reloaded */
  g_assert_cmpstr (w.from, ==, "laptop-b");
  g_assert_cmpuint (g_list_model_get_n_items (backlogs), ==, 2);

  /* An edit publishes by itself after a couple of idle seconds. */
  ra2 = add_backlog (a, "Published by itself");
  g_assert_cmpint (vl_document_get_share_state (a), ==, VL_SHARE_STATE_PENDING);
  published_file = file;
  g_assert_true (wait_until (published_three, NULL, 15));
  g_assert_true (wait_until (last_state_saved, &w, 15));
  g_assert_cmpint (GPOINTER_TO_INT (g_list_last (w.states)->data), ==, VL_SHARE_STATE_SAVED);
  g_assert_nonnull (g_list_find (w.states, GINT_TO_POINTER (VL_SHARE_STATE_PENDING)));
  g_clear_object (&watcher);
  g_list_free (w.states);
}

/* ---- publishing in the background --------------------------------------- */

typedef struct
{
  GFile  *file;
  gint64  count;
} Published;

static gboolean
published_reaches (gpointer data)
{
  Published *p = data;

  return published_count (p->file, "backlog") == p->count;
}

static guint64
inode_of (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_ino;
}

/* No snapshot left behind in the working copies' folder. */
static void
assert_no_snapshot_left (VlDocument *doc)
{
  g_autofree char *dir = g_path_get_dirname (vl_document_get_store_path (doc));
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_assert_false (g_str_has_suffix (name, ".publish"));
}

/* The app publishes in steps between frames and writes the file in a
 * thread: an edit between two steps is in what is published, an edit
 * after the snapshot is published next, and closing the plan (a quit)
 * in the middle of it all still publishes every edit. */
static void
test_publish_in_background (void)
{
  g_autoptr(GFile) file = new_plan ("share-background.valueloop");
  g_autoptr(VlDocument) doc = open_as (file, "a");
  g_autofree char *filler = g_strnfill (4000, 'x');
  g_autoptr(GError) error = NULL;
  Published p = { file, 0 };
  guint steps = 0;
  guint64 before;

  /* About 8 MB, far more than one step copies. */
  vl_document_begin (doc, "Fill");
  for (guint i = 0; i < 1500; i++)
    {
      g_autoptr(VlRecord) b = vl_document_insert (doc, VL_KIND_BACKLOG, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      g_object_set (b, "name", "Filler", "description", filler, NULL);
    }
  g_assert_true (vl_document_commit (doc, &error));
  g_assert_true (vl_document_publish (doc, &error));
  g_assert_cmpint (published_count (file, "backlog"), ==, 1500);

  /* An edit between two steps of the snapshot. */
  before = inode_of (file);
  g_object_unref (add_backlog (doc, "Before the publish"));
  vl_document_begin_publish (doc);
  g_assert_true (g_main_context_iteration (NULL, FALSE));        /* the first step */
  g_assert_cmpint (published_count (file, "backlog"), ==, 1500); /* nothing renamed yet */
  g_object_unref (add_backlog (doc, "During the snapshot"));
  p.count = 1502;
  /* Until the file is replaced (a new inode), stepping the main loop. */
  while (inode_of (file) == before && steps++ < 100000)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_true (published_reaches (&p));
  g_assert_true (steps > 1);
  assert_folder_clean (file);

  /* An edit once the file is written: published by the next publish. */
  p.count = 1503;
  g_object_unref (add_backlog (doc, "After the snapshot"));
  g_assert_true (vl_document_get_unpublished (doc));
  g_assert_true (vl_document_publish (doc, &error));
  g_assert_true (published_reaches (&p));
  g_assert_false (vl_document_get_unpublished (doc));

  /* A quit in the middle of a publish, with an edit in the middle of it. */
  g_object_unref (add_backlog (doc, "Before quitting"));
  vl_document_begin_publish (doc);
  g_assert_true (g_main_context_iteration (NULL, FALSE));
  g_object_unref (add_backlog (doc, "While quitting"));
  g_clear_object (&doc);
  p.count = 1505;
  g_assert_true (published_reaches (&p));
  assert_folder_clean (file);
  doc = open_as (file, "a");
  assert_no_snapshot_left (doc);
  g_assert_false (vl_document_get_unpublished (doc));
}

/* ---- crash safety ------------------------------------------------------ */

static int
publish_loop (const char *path,
              const char *data_dir)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(VlDocument) doc = vl_document_open_for_device (file, data_dir, VL_DOCUMENT_OPEN_NONE,
                                                           &error);

  if (doc == NULL)
    g_error ("%s", error->message);
  for (;;)
    {
      guint n = vl_document_count (doc, VL_KIND_BACKLOG) + 1;
      g_autofree char *title = g_strdup_printf ("state %u", n);
      g_autoptr(VlRecord) b = NULL;

      /* One action: the title names the number of backlogs. */
      vl_document_begin (doc, "step");
      b = vl_document_insert (doc, VL_KIND_BACKLOG, NULL, NULL, NULL, &error);
      vl_document_set_title (doc, title, &error);
      if (!vl_document_commit (doc, &error) || !vl_document_publish (doc, &error))
        g_error ("%s", error->message);
    }
  return 0;
}

static void
test_kill_while_publishing (void)
{
  g_autoptr(GFile) file = new_plan ("share-crash.valueloop");
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *data_dir = device_dir ("crash");
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  const char *self_exe = g_test_get_path () ? g_getenv ("VL_TEST_SELF") : NULL;
  guint kills = g_test_thorough () ? 1000 : 200, max_state = 0;

  g_assert_nonnull (self_exe);
  for (guint i = 0; i < kills; i++)
    {
      char *argv[] = { (char *) self_exe, (char *) "--publish-loop", path, data_dir, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(VlDocument) check = NULL;
      g_autofree char *working = NULL;
      GPid pid;
      int status, version = 0;
      const char *title;

      g_assert_true (g_spawn_async (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD |
                                    G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid, &error));
      /* Up to 200 ms: under ASan on a busy machine a child can take most of
       * 120 ms just to start, and the file then seldom moves on. */
      g_usleep ((gulong) g_rand_int_range (rand, 5, 200) * 1000);
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);
      g_spawn_close_pid (pid);

      /* The shared file always opens, passes its checks and is one of the
       * published states: its title names its own number of backlogs. */
      g_assert_true (vl_document_check_file (file, &version, &error));
      g_assert_no_error (error);
      check = vl_document_open (file, VL_DOCUMENT_OPEN_READ_ONLY, &error);
      g_assert_no_error (error);
      title = vl_document_get_title (check);
      if (vl_document_count (check, VL_KIND_BACKLOG) > 0)
        {
          g_autofree char *expected = g_strdup_printf ("state %u",
                                                       vl_document_count (check, VL_KIND_BACKLOG));

          g_assert_cmpstr (title, ==, expected);
          max_state = MAX (max_state, vl_document_count (check, VL_KIND_BACKLOG));
        }

      /* The working copy is never damaged. */
      working = g_build_filename (data_dir, "valueloop", "working", NULL);
      {
        g_autoptr(GDir) d = g_dir_open (working, 0, NULL);
        const char *name;

        while (d != NULL && (name = g_dir_read_name (d)) != NULL)
          if (g_str_has_suffix (name, ".valueloop"))
            {
              /* Opened read-write, as the app would: SQLite rolls back the
               * hot journal a killed writer leaves; then it must be sound. */
              g_autofree char *wc = g_build_filename (working, name, NULL);
              sqlite3 *db;
              sqlite3_stmt *stmt;

              g_assert_cmpint (sqlite3_open (wc, &db), ==, SQLITE_OK);
              g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL), ==,
                               SQLITE_OK);
              g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
              g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
              sqlite3_finalize (stmt);
              sqlite3_close (db);
            }
      }
    }
  g_test_message ("%u kills; the shared file reached state %u", kills, max_state);
  g_assert_cmpuint (max_state, >, 10);
  /* A clean publish afterwards clears the temp files the killed ones left. */
  {
    g_autoptr(VlDocument) doc = open_as (file, "crash-after");
    g_autoptr(VlRecord) b = add_backlog (doc, "after");
    g_autoptr(GError) error = NULL;

    g_assert_true (vl_document_publish (doc, &error));
    assert_folder_clean (file);
  }
}

int
main (int argc, char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--publish-loop"))
    return publish_loop (argv[2], argv[3]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/share/edits-go-to-working-copy", test_edits_go_to_working_copy);
  g_test_add_func ("/share/writes-while-reads-held", test_writes_while_reads_held);
  g_test_add_func ("/share/replaced-behind-our-back", test_replaced_behind_our_back);
  g_test_add_func ("/share/missing-then-back", test_missing_then_back);
  g_test_add_func ("/share/moved-and-copied", test_moved_and_copied);
  g_test_add_func ("/share/conflict-copies", test_conflict_copies);
  g_test_add_func ("/share/watching", test_watching);
  g_test_add_func ("/share/publish-in-background", test_publish_in_background);
  g_test_add_func ("/share/kill-while-publishing", test_kill_while_publishing);
  return g_test_run ();
}
