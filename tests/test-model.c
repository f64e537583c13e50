/* test-model.c — records, stamps, identity, list models and undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "vl-enums.h"
#include "vl-test-util.h"

typedef struct
{
  GFile      *file;
  GFile      *store;   /* the private working copy: where edits land first */
  VlDocument *doc;
  VlRecord   *backlog;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->file = vl_test_file ("model.valueloop");
  f->doc = vl_document_create (f->file, "Model", &error);
  g_assert_no_error (error);
  f->store = g_file_new_for_path (vl_document_get_store_path (f->doc));
  f->backlog = vl_document_insert (f->doc, VL_KIND_BACKLOG, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_object_set (f->backlog, "name", "Storefront", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->backlog);
  g_clear_object (&f->doc);
  g_clear_object (&f->file);
  g_clear_object (&f->store);
}

static VlRecord *
add_item (Fixture    *f,
          const char *title)
{
  g_autoptr(GError) error = NULL;
  VlRecord *item;

  vl_document_begin (f->doc, "Add Item");
  item = vl_document_insert (f->doc, VL_KIND_ITEM, f->backlog, NULL, NULL, &error);
  g_assert_no_error (error);
  g_object_set (item, "title", title, NULL);
  g_assert_true (vl_document_commit (f->doc, &error));
  return item;
}

static void
test_identity_map (Fixture *f, gconstpointer data)
{
  g_autoptr(VlRecord) item = add_item (f, "Saved carts");
  g_autoptr(VlRecord) same = vl_document_lookup (f->doc, VL_KIND_ITEM, vl_record_get_rowid (item));
  g_autoptr(VlRecord) by_id = vl_document_find (f->doc, VL_KIND_ITEM, vl_record_get_uuid (item));
  g_autoptr(VlRecord) by_title = vl_document_find (f->doc, VL_KIND_ITEM, "Saved carts");
  g_autofree char *prefix = g_strndup (vl_record_get_uuid (item), 8);
  g_autoptr(VlRecord) by_prefix = vl_document_find (f->doc, VL_KIND_ITEM, prefix);
  g_autoptr(GListModel) list = vl_document_list (f->doc, VL_KIND_ITEM, "backlog", f->backlog);
  g_autoptr(VlRecord) from_list = g_list_model_get_item (list, 0);
  g_autoptr(VlRecord) backlog = vl_record_dup_ref (item, "backlog");

  g_assert_true (item == same);
  g_assert_true (item == by_id);
  g_assert_true (item == by_title);
  g_assert_true (item == by_prefix);
  g_assert_true (item == from_list);
  g_assert_true (backlog == f->backlog);
}

static void
notify_count_cb (GObject *object, GParamSpec *pspec, gpointer data)
{
  (*(guint *) data)++;
}

/* A property set writes through: SQL, a notify, and a stamp. */
static void
test_write_through_and_notify (Fixture *f, gconstpointer data)
{
  g_autoptr(VlRecord) item = add_item (f, "Guest checkout");
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  guint notified = 0;

  g_signal_connect (item, "notify::moscow", G_CALLBACK (notify_count_cb), &notified);
  g_object_set (item, "moscow", VL_MOSCOW_MUST, NULL);
  g_assert_cmpuint (notified, ==, 1);
  g_object_set (item, "moscow", VL_MOSCOW_MUST, NULL);   /* unchanged: no notify */
  g_assert_cmpuint (notified, ==, 1);
  sql = g_strdup_printf ("SELECT moscow FROM item WHERE id = %" G_GINT64_FORMAT,
                         vl_record_get_rowid (item));
  g_assert_cmpint (vl_test_query_int (f->store, sql), ==, VL_MOSCOW_MUST);

  g_assert_true (vl_record_set_from_text (item, "launch-date", "2026-02-28", &error));
  g_assert_false (vl_record_set_from_text (item, "launch-date", "2026-02-30", &error));
  g_assert_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-02-30"));
  g_clear_error (&error);
  g_assert_false (vl_record_set_from_text (item, "moscow", "maybe", &error));
  g_clear_error (&error);
  g_assert_true (vl_record_set_from_text (item, "cost", "8.5", &error));
  g_assert_cmpfloat (vl_record_get_number (item, "cost"), ==, 8.5);
  g_assert_true (vl_record_set_from_text (item, "cost", "", &error));
  g_assert_true (isnan (vl_record_get_number (item, "cost")));
}

/* Fields set in the action that created the row share its creation stamp;
 * a later edit gets a stamp of its own, newer than everything before. */
static void
test_sparse_stamps (Fixture *f, gconstpointer data)
{
  g_autoptr(VlRecord) item = add_item (f, "Wishlist");
  g_autofree char *clocks = g_strdup_printf ("SELECT count(*) FROM field_clock WHERE kind = %d "
                                             "AND row = %" G_GINT64_FORMAT, VL_KIND_ITEM,
                                             vl_record_get_rowid (item));
  g_autofree char *created = g_strdup_printf ("SELECT hlc FROM item WHERE id = %" G_GINT64_FORMAT,
                                              vl_record_get_rowid (item));
  g_autofree char *stamp = NULL;

  g_assert_cmpint (vl_test_query_int (f->store, clocks), ==, 0);
  g_object_set (item, "title", "Wishlists", "cost", 3.0, NULL);
  g_assert_cmpint (vl_test_query_int (f->store, clocks), ==, 2);
  stamp = g_strdup_printf ("SELECT hlc FROM field_clock WHERE kind = %d AND row = %"
                           G_GINT64_FORMAT " AND reg = 2", VL_KIND_ITEM,
                           vl_record_get_rowid (item));
  g_assert_cmpint (vl_test_query_int (f->store, stamp), >, vl_test_query_int (f->store, created));
  g_assert_cmpint (vl_test_query_int (f->store, "SELECT count(*) FROM site"), ==, 1);
}

static gint64 fake_ms;

static gint64
fake_now (gpointer data)
{
  return fake_ms;
}

/* Stamps written to the file keep increasing when the wall clock jumps
 * back, also across reopening. */
static void
test_stamps_survive_clock_jump (Fixture *f, gconstpointer data)
{
  g_autoptr(VlRecord) item = add_item (f, "Reorder");
  g_autoptr(GError) error = NULL;
  gint64 first, second;
  g_autofree char *sql = g_strdup_printf ("SELECT hlc FROM field_clock WHERE row = %"
                                          G_GINT64_FORMAT " AND kind = %d AND reg = 2",
                                          vl_record_get_rowid (item), VL_KIND_ITEM);

  g_object_set (item, "title", "Reorder v1", NULL);
  first = vl_test_query_int (f->store, sql);
  g_clear_object (&item);
  g_clear_object (&f->backlog);
  g_clear_object (&f->doc);

  f->doc = vl_document_open (f->file, VL_DOCUMENT_OPEN_NONE, &error);
  g_assert_no_error (error);
  fake_ms = 1000; /* 1970: far behind */
  vl_document_set_clock_func (f->doc, fake_now, NULL);
  item = vl_document_find (f->doc, VL_KIND_ITEM, "Reorder v1");
  g_object_set (item, "title", "Reorder v2", NULL);
  second = vl_test_query_int (f->store, sql);
  g_assert_cmpint (second, >, first);
}

typedef struct
{
  guint position, removed, added;
} Change;

static void
items_changed_cb (GListModel *model, guint position, guint removed, guint added, gpointer data)
{
  GArray *changes = data;
  Change c = { position, removed, added };

  g_array_append_val (changes, c);
}

static void
assert_change (GArray *changes, guint i, guint position, guint removed, guint added)
{
  Change *c;

  g_assert_cmpuint (changes->len, >, i);
  c = &g_array_index (changes, Change, i);
  g_assert_cmpuint (c->position, ==, position);
  g_assert_cmpuint (c->removed, ==, removed);
  g_assert_cmpuint (c->added, ==, added);
}

static void
assert_order (GListModel *list, const char *const *titles)
{
  guint n = g_strv_length ((char **) titles);

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VlRecord) r = g_list_model_get_item (list, i);

      g_assert_cmpstr (vl_record_get_title (r), ==, titles[i]);
    }
}

static void
test_list_positions (Fixture *f, gconstpointer data)
{
  g_autoptr(GListModel) list = vl_document_list (f->doc, VL_KIND_ITEM, "backlog", f->backlog);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(VlRecord) a = add_item (f, "A");
  g_autoptr(VlRecord) b = NULL, c = NULL, d = NULL;
  g_autoptr(VlRecord) other = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), changes);
  b = add_item (f, "B");
  c = add_item (f, "C");
  assert_change (changes, 0, 1, 0, 1);
  assert_change (changes, 1, 2, 0, 1);
  g_array_set_size (changes, 0);

  /* Insert between A and B. */
  d = vl_document_insert (f->doc, VL_KIND_ITEM, f->backlog, a, b, &error);
  g_assert_no_error (error);
  g_object_set (d, "title", "D", NULL);
  assert_change (changes, 0, 1, 0, 1);
  assert_order (list, (const char *[]) { "A", "D", "B", "C", NULL });
  g_array_set_size (changes, 0);

  /* Move C to the top: remove at 3, insert at 0. */
  g_assert_true (vl_document_move (f->doc, c, f->backlog, NULL, a, &error));
  g_assert_cmpuint (changes->len, ==, 2);
  assert_change (changes, 0, 3, 1, 0);
  assert_change (changes, 1, 0, 0, 1);
  assert_order (list, (const char *[]) { "C", "A", "D", "B", NULL });
  g_array_set_size (changes, 0);

  /* Delete D: removed at 2. Undo: back at 2. */
  g_assert_true (vl_document_delete (f->doc, d, &error));
  assert_change (changes, 0, 2, 1, 0);
  g_assert_true (vl_document_undo (f->doc, &error));
  assert_change (changes, 1, 2, 0, 1);
  assert_order (list, (const char *[]) { "C", "A", "D", "B", NULL });
  g_array_set_size (changes, 0);

  /* Moving to another backlog removes it here; a title edit emits nothing. */
  other = vl_document_insert (f->doc, VL_KIND_BACKLOG, NULL, NULL, NULL, &error);
  g_object_set (a, "title", "A2", NULL);
  g_assert_cmpuint (changes->len, ==, 0);
  g_object_set (a, "backlog", other, NULL);
  assert_change (changes, 0, 1, 1, 0);
  assert_order (list, (const char *[]) { "C", "D", "B", NULL });
}

static void
test_undo_redo (Fixture *f, gconstpointer data)
{
  g_autoptr(VlRecord) item = add_item (f, "Gift cards");
  g_autoptr(GError) error = NULL;
  guint before = vl_document_count (f->doc, VL_KIND_ITEM);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  /* A field edit. */
  g_object_set (item, "title", "Gift cards v2", NULL);
  g_assert_true (vl_document_undo (f->doc, &error));
  g_assert_cmpstr (vl_record_get_title (item), ==, "Gift cards");
  g_assert_true (vl_document_redo (f->doc, &error));
  g_assert_cmpstr (vl_record_get_title (item), ==, "Gift cards v2");

  /* A bulk edit is one step. */
  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (items, add_item (f, "bulk"));
  vl_document_begin (f->doc, "Set Status");
  for (guint i = 0; i < items->len; i++)
    g_object_set (items->pdata[i], "status", VL_STATUS_READY, NULL);
  g_assert_true (vl_document_commit (f->doc, &error));
  g_assert_cmpstr (vl_document_get_undo_label (f->doc), ==, "Set Status");
  g_assert_true (vl_document_undo (f->doc, &error));
  for (guint i = 0; i < items->len; i++)
    g_assert_cmpint (vl_record_get_int (items->pdata[i], "status"), ==, VL_STATUS_IDEA);
  g_assert_true (vl_document_can_redo (f->doc));

  /* A new edit clears redo. */
  g_object_set (item, "cost", 2.0, NULL);
  g_assert_false (vl_document_can_redo (f->doc));

  /* Creating and deleting. */
  g_assert_cmpuint (vl_document_count (f->doc, VL_KIND_ITEM), ==, before + 5);
  g_assert_true (vl_document_delete (f->doc, item, &error));
  g_assert_true (vl_record_get_deleted (item));
  g_assert_cmpuint (vl_document_count (f->doc, VL_KIND_ITEM), ==, before + 4);
  g_assert_true (vl_document_undo (f->doc, &error));
  g_assert_false (vl_record_get_deleted (item));

  /* Undo of a move restores the placement. */
  g_assert_true (vl_document_move (f->doc, item, f->backlog, NULL, items->pdata[0], &error));
  g_assert_cmpstr (vl_record_get_string (item, "rank"), <,
                   vl_record_get_string (items->pdata[0], "rank"));
  g_assert_true (vl_document_undo (f->doc, &error));
  g_assert_cmpstr (vl_record_get_string (item, "rank"), <,
                   vl_record_get_string (items->pdata[0], "rank"));

  /* The title. */
  g_assert_true (vl_document_set_title (f->doc, "Renamed", &error));
  g_assert_true (vl_document_undo (f->doc, &error));
  g_assert_cmpstr (vl_document_get_title (f->doc), ==, "Model");
}

/* Undo is a new, stamped write: the stamp after undo is newer than the
 * one of the edit it undoes (so it syncs like any edit). */
static void
test_undo_is_stamped (Fixture *f, gconstpointer data)
{
  g_autoptr(VlRecord) item = add_item (f, "Bundles");
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT hlc FROM field_clock WHERE kind = %d AND row = %"
                                          G_GINT64_FORMAT " AND reg = 2", VL_KIND_ITEM,
                                          vl_record_get_rowid (item));
  gint64 edit, undo;

  g_object_set (item, "title", "Bundles!", NULL);
  edit = vl_test_query_int (f->store, sql);
  g_assert_true (vl_document_undo (f->doc, &error));
  undo = vl_test_query_int (f->store, sql);
  g_assert_cmpint (undo, >, edit);
}

/* Status changes are logged; launching sets launch date and review due. */
static void
test_status_transitions (Fixture *f, gconstpointer data)
{
  g_autoptr(VlRecord) item = add_item (f, "Abandoned-cart email");
  g_autoptr(GListModel) log = vl_document_list (f->doc, VL_KIND_TRANSITION, "item", item);
  g_autoptr(VlRecord) last = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 30);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *due = g_date_time_format (later, "%Y-%m-%d");

  g_object_set (item, "status", VL_STATUS_IN_PROGRESS, NULL);
  g_object_set (item, "status", VL_STATUS_LAUNCHED, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (log), ==, 2);
  last = g_list_model_get_item (log, 1);
  g_assert_cmpint (vl_record_get_int (last, "from"), ==, VL_STATUS_IN_PROGRESS);
  g_assert_cmpint (vl_record_get_int (last, "to"), ==, VL_STATUS_LAUNCHED);
  g_assert_cmpint (vl_record_get_int (last, "at"), >, 0);
  g_assert_cmpstr (vl_record_get_string (item, "launch-date"), ==, today);
  g_assert_cmpstr (vl_record_get_string (item, "review-due"), ==, due);

  /* Transitions are append-only. */
  g_object_set (last, "to", VL_STATUS_DROPPED, NULL);
  g_assert_cmpint (vl_record_get_int (last, "to"), ==, VL_STATUS_LAUNCHED);
}

/* The board's columns: items of one status, across backlogs. */
static void
test_list_where_status (Fixture *f, gconstpointer data)
{
  g_autoptr(VlRecord) a = add_item (f, "A");
  g_autoptr(VlRecord) b = add_item (f, "B");
  g_autoptr(GListModel) ideas = vl_document_list_where (f->doc, VL_KIND_ITEM, "status", VL_STATUS_IDEA);
  g_autoptr(GListModel) ready = vl_document_list_where (f->doc, VL_KIND_ITEM, "status", VL_STATUS_READY);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (ideas), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (ready), ==, 0);
  g_signal_connect (ideas, "items-changed", G_CALLBACK (items_changed_cb), changes);
  g_object_set (a, "status", VL_STATUS_READY, NULL);
  assert_change (changes, 0, 0, 1, 0);
  assert_order (ready, (const char *[]) { "A", NULL });
  assert_order (ideas, (const char *[]) { "B", NULL });
  g_assert_true (vl_document_undo (f->doc, &error));
  assert_order (ideas, (const char *[]) { "A", "B", NULL });
  g_assert_cmpuint (g_list_model_get_n_items (ready), ==, 0);
}

static void
count_rows_cb (VlDocument *doc, guint kind, GPtrArray *records, guint *count)
{
  *count += records->len;
}

static void
count_error_cb (VlDocument *doc, GError *error, guint *count)
{
  (*count)++;
}

/* rows-changed is detailed by the kind's table name, so a view hears only
 * the rows it shows; a write that fails tells its caller, and only a
 * property setter (which has no error to return) is heard as write-failed. */
static void
test_change_signals (Fixture *f, gconstpointer data)
{
  g_autoptr(VlRecord) item = add_item (f, "Gift cards");
  g_autoptr(GError) error = NULL;
  guint items = 0, backlogs = 0, all = 0, failed = 0;

  g_signal_connect (f->doc, "rows-changed::item", G_CALLBACK (count_rows_cb), &items);
  g_signal_connect (f->doc, "rows-changed::backlog", G_CALLBACK (count_rows_cb), &backlogs);
  g_signal_connect (f->doc, "rows-changed", G_CALLBACK (count_rows_cb), &all);
  g_signal_connect (f->doc, "write-failed", G_CALLBACK (count_error_cb), &failed);

  g_object_set (item, "title", "Gift cards for teams", NULL);
  g_assert_cmpuint (items, ==, 1);
  g_assert_cmpuint (backlogs, ==, 0);
  g_object_set (f->backlog, "name", "Shop", NULL);
  g_assert_cmpuint (items, ==, 1);
  g_assert_cmpuint (backlogs, ==, 1);
  g_assert_cmpuint (all, ==, 2);

  /* A write in a failing action: the caller hears why (and the action
   * fails at its commit), write-failed stays quiet. */
  vl_document_begin (f->doc, "Fail");
  vl_document_cancel (f->doc);
  g_assert_false (vl_record_set_from_text (item, "title", "Never kept", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (vl_document_commit (f->doc, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (failed, ==, 0);
  g_assert_cmpstr (vl_record_get_string (item, "title"), ==, "Gift cards for teams");

  /* A check-in is append-only: a setter's failure is write-failed. */
  {
    g_autoptr(VlRecord) checkin = vl_document_insert (f->doc, VL_KIND_CHECKIN, NULL, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_false (vl_record_set_from_text (checkin, "note", "Later", &error));
    g_assert_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpuint (failed, ==, 0);
    g_object_set (checkin, "note", "Later", NULL);
    g_assert_cmpuint (failed, ==, 1);
    g_assert_cmpstr (vl_record_get_string (checkin, "note"), ==, "");
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/model/identity-map", test_identity_map);
  ADD ("/model/write-through", test_write_through_and_notify);
  ADD ("/model/sparse-stamps", test_sparse_stamps);
  ADD ("/model/stamps-survive-clock-jump", test_stamps_survive_clock_jump);
  ADD ("/model/list-positions", test_list_positions);
  ADD ("/model/undo-redo", test_undo_redo);
  ADD ("/model/undo-is-stamped", test_undo_is_stamped);
  ADD ("/model/status-transitions", test_status_transitions);
  ADD ("/model/list-where-status", test_list_where_status);
  ADD ("/model/change-signals", test_change_signals);
  return g_test_run ();
}
