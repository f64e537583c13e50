/* vl-record-list.c — a GListModel of the live rows of one kind
 *
 * Entries are compact (rowid, parent, rank, uuid) in the order the store
 * sorts them: (parent when unfiltered, rank, uuid), or rowid for kinds
 * without a rank. Objects come from the document's identity map when a view
 * asks for them, so a 100k-row list costs tens of bytes per row, not a
 * GObject per row. Writes arrive as row changes and become exact
 * items-changed emissions (insert, remove, move).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-record-list"

#include "config.h"

#include <gio/gio.h>

#include "vl-document-private.h"

typedef struct
{
  gint64      rowid;
  gint64      parent;
  const char *rank;                /* in the list's string chunk */
  guint8      uuid[VL_UUID_LEN];
} Entry;

struct _VlRecordList
{
  GObject       parent_instance;

  VlDocument   *document;
  VlKind        kind;
  int           filter;            /* field index, or -1 for all rows */
  gint64        filter_value;
  GArray       *entries;
  GStringChunk *ranks;
};

#define VL_TYPE_RECORD_LIST (vl_record_list_get_type ())
G_DECLARE_FINAL_TYPE (VlRecordList, vl_record_list, VL, RECORD_LIST, GObject)

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VlRecordList, vl_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return vl_kind_get_gtype (VL_RECORD_LIST (model)->kind);
}

static guint
get_n_items (GListModel *model)
{
  return VL_RECORD_LIST (model)->entries->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  VlRecordList *self = VL_RECORD_LIST (model);

  Entry *e;

  if (position >= self->entries->len)
    return NULL;
  e = &g_array_index (self->entries, Entry, position);
  return _vl_document_lookup_lazy (self->document, self->kind, e->rowid, e->uuid);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
vl_record_list_finalize (GObject *object)
{
  VlRecordList *self = VL_RECORD_LIST (object);

  g_array_unref (self->entries);
  g_string_chunk_free (self->ranks);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (vl_record_list_parent_class)->finalize (object);
}

static void
vl_record_list_class_init (VlRecordListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vl_record_list_finalize;
}

static void
vl_record_list_init (VlRecordList *self)
{
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  self->ranks = g_string_chunk_new (4096);
}

static int
compare_entries (const VlRecordList *self,
                 const Entry        *a,
                 const Entry        *b)
{
  int c;

  if (vl_kind_info (self->kind)->rank < 0)
    return (a->rowid > b->rowid) - (a->rowid < b->rowid);
  if (self->filter != vl_kind_info (self->kind)->parent && a->parent != b->parent)
    return (a->parent > b->parent) - (a->parent < b->parent);
  c = g_strcmp0 (a->rank, b->rank);
  return c != 0 ? c : memcmp (a->uuid, b->uuid, VL_UUID_LEN);
}

/* The SQL twin of compare_entries(). */
static char *
load_sql (VlRecordList *self)
{
  const VlKindInfo *info = vl_kind_info (self->kind);
  const char *parent = info->parent >= 0 ? info->fields[info->parent].column : "0";
  gboolean by_parent = info->parent >= 0 && self->filter != info->parent;
  g_autofree char *where = NULL;

  if (self->filter >= 0)
    where = g_strdup_printf ("AND %s IS ?", info->fields[self->filter].column);
  if (info->rank < 0)
    return g_strdup_printf ("SELECT id, 0, NULL, uuid FROM %s WHERE deleted <> 1 %s ORDER BY id",
                            info->name, where ? where : "");
  return g_strdup_printf ("SELECT id, ifnull(%s, 0), rank, uuid FROM %s WHERE deleted <> 1 %s "
                          "ORDER BY %s%s rank, uuid", parent, info->name, where ? where : "",
                          by_parent ? parent : "", by_parent ? "," : "");
}

static void
load (VlRecordList *self)
{
  g_autofree char *sql = load_sql (self);
  sqlite3_stmt *stmt = _vl_document_statement (self->document, sql);
  Entry e;

  if (stmt == NULL)
    return;
  /* A reference of 0 is "none" (IS NULL, nothing bound); other values bind. */
  if (self->filter >= 0 &&
      (self->filter_value != 0 || vl_kind_info (self->kind)->fields[self->filter].type != VL_FIELD_REF))
    sqlite3_bind_int64 (stmt, 1, self->filter_value);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      e.rowid = sqlite3_column_int64 (stmt, 0);
      e.parent = sqlite3_column_int64 (stmt, 1);
      e.rank = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? NULL
               : g_string_chunk_insert_len (self->ranks,
                                            (const char *) sqlite3_column_text (stmt, 2),
                                            sqlite3_column_bytes (stmt, 2));
      memset (e.uuid, 0, VL_UUID_LEN);
      if (sqlite3_column_bytes (stmt, 3) == VL_UUID_LEN)
        memcpy (e.uuid, sqlite3_column_blob (stmt, 3), VL_UUID_LEN);
      g_array_append_val (self->entries, e);
    }
  sqlite3_reset (stmt);
}

VlRecordList *
_vl_record_list_new (VlDocument *document,
                     VlKind      kind,
                     int         filter_field,
                     gint64      filter_value)
{
  VlRecordList *self = g_object_new (VL_TYPE_RECORD_LIST, NULL);

  self->document = g_object_ref (document);
  self->kind = kind;
  self->filter = filter_field;
  self->filter_value = filter_value;
  load (self);
  return self;
}

void
_vl_record_list_reload (VlRecordList *self)
{
  guint old = self->entries->len;

  g_array_set_size (self->entries, 0);
  g_string_chunk_clear (self->ranks);
  load (self);
  if (old > 0 || self->entries->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->entries->len);
}

VlKind
_vl_record_list_get_kind (VlRecordList *self)
{
  return self->kind;
}

gsize
_vl_record_list_get_memory (VlRecordList *self)
{
  gsize ranks = 0;

  for (guint i = 0; i < self->entries->len; i++)
    {
      const char *r = g_array_index (self->entries, Entry, i).rank;

      ranks += r != NULL ? strlen (r) + 1 : 0;
    }
  return sizeof *self + self->entries->len * sizeof (Entry) + ranks;
}

static int
find_row (VlRecordList *self,
          gint64        rowid)
{
  for (guint i = 0; i < self->entries->len; i++)
    if (g_array_index (self->entries, Entry, i).rowid == rowid)
      return (int) i;
  return -1;
}

static guint
insertion_point (VlRecordList *self,
                 const Entry  *e)
{
  guint lo = 0, hi = self->entries->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_entries (self, &g_array_index (self->entries, Entry, mid), e) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* A row of our kind was written: work out whether it belongs here and
 * where, and emit the smallest items-changed that says so. A row that stays
 * in place emits nothing (its object notifies by itself). */
void
_vl_record_list_row_changed (VlRecordList  *self,
                             gint64         rowid,
                             const guint8  *uuid,
                             gboolean       deleted,
                             const VlValue *values)
{
  const VlKindInfo *info = vl_kind_info (self->kind);
  int old = find_row (self, rowid);
  gboolean belongs = !deleted && (self->filter < 0 || values[self->filter].i == self->filter_value);
  Entry e = { rowid, info->parent >= 0 ? values[info->parent].i : 0, NULL, { 0 } };
  guint pos;

  if (info->rank >= 0)
    e.rank = g_string_chunk_insert (self->ranks, values[info->rank].s);
  memcpy (e.uuid, uuid, VL_UUID_LEN);

  if (old >= 0)
    {
      Entry *cur = &g_array_index (self->entries, Entry, old);

      if (belongs && compare_entries (self, cur, &e) == 0)
        return;
      g_array_remove_index (self->entries, (guint) old);
    }
  if (!belongs)
    {
      if (old >= 0)
        g_list_model_items_changed (G_LIST_MODEL (self), (guint) old, 1, 0);
      return;
    }
  /* A move is a removal at the old place, then an insertion at the new
   * one; the array matches what each emission says when it is made. */
  pos = insertion_point (self, &e);
  if (old >= 0 && (guint) old != pos)
    g_list_model_items_changed (G_LIST_MODEL (self), (guint) old, 1, 0);
  g_array_insert_val (self->entries, pos, e);
  if (old < 0 || (guint) old != pos)
    g_list_model_items_changed (G_LIST_MODEL (self), pos, 0, 1);
}

gint64
_vl_record_list_get_rowid (VlRecordList *self,
                           guint         position)
{
  g_return_val_if_fail (position < self->entries->len, 0);
  return g_array_index (self->entries, Entry, position).rowid;
}

/* The filter field's index (-1: none), and its value. */
int
_vl_record_list_get_filter (VlRecordList *self,
                            gint64       *value)
{
  *value = self->filter_value;
  return self->filter;
}
