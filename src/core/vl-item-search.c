/* vl-item-search.c — search and filters over a list of items, fast
 *
 * GTK's filter models call a match function on every item, which here
 * means making a GObject per row and folding its text on every keystroke
 * (205 ms for 12,500 items). This model keeps, per row of its source list,
 * the case-folded title and description and the few enums the filters
 * use, read in one SQL scan; a keystroke then only scans bytes, and rows
 * become objects when a view asks for them.
 *
 * Without a search or filter it forwards the source's exact changes. With
 * one, it emits only when the set of matching rows changes, so editing a
 * field of a matching row keeps the selection.
 *
 * Sorting by title needs a collation key per row (1–2 µs each: 150 ms for
 * 100,000 items). After each build of the index, a thread works out every
 * row's place in title order while the list is in use, so a click on the
 * Title column only sorts numbers. Until it is done, the keys are made
 * when the sort is asked for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-item-search"

#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "vl-document-private.h"
#include "vl-item-search.h"

/* The alignment references a search can filter on. */
static const char *const ref_fields[] = { "key-result", "value-loop", "iteration" };
#define N_REFS G_N_ELEMENTS (ref_fields)

/* What the filters look at, per item. */
typedef struct
{
  gint64  refs[N_REFS];  /* row ids, 0: not set */
  gint8   status, moscow, aarrr, p1;
} Facets;

typedef struct
{
  gint64  rowid;
  guint32 text;      /* offset of the folded text in the arena */
  Facets  facets;
} Row;

struct _VlItemSearch
{
  GObject     parent_instance;

  VlDocument *document;
  GListModel *source;        /* a VlRecordList of items */
  GArray     *rows;          /* Row, per source position */
  GString    *arena;
  GArray     *visible;       /* guint source positions; NULL: all */
  char       *needle;
  int         sort;                    /* a sort_keys index, -1: rank order */
  gboolean    descending;
  gboolean    keys_are_numbers;        /* keys of a text column hold places in title order */
  GArray     *keys;                    /* SortKey, per source position */
  GString    *key_arena;               /* collation keys */
  int         status, moscow, aarrr;   /* -1: any */
  gint64      refs[N_REFS];            /* -1: any, 0: not set */
  gboolean    p1_only;

  guint       generation;    /* of the index, bumped by each build */
  GString    *titles;        /* of the last build, until a thread takes them */
  GArray     *title_at;      /* guint32 offsets in titles, per source position */
  guint32    *title_places;  /* per source position: its place in title order; NULL: not known */
  guint       places_idle;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VlItemSearch, vl_item_search, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal, -1);
}

/* ---- sorting --------------------------------------------------------------- */

/* What a column sorts by, as SQL over `item`: text is compared by
 * collation keys made once per row, numbers as numbers (none last). */
static const struct
{
  const char *field;
  gboolean    text;
  const char *sql;
} sort_keys[] = {
  { "rank", FALSE, NULL },
  { "title", TRUE, "title" },
  { "status", FALSE, "status" },
  { "moscow", FALSE, "moscow" },
  { "p1", FALSE, "p1" },
  { "aarrr", FALSE, "aarrr" },
  { "user-value", FALSE, "user_value" },
  { "business-value", FALSE, "business_value" },
  { "cost", FALSE, "cost" },
  { "score", FALSE, "CASE WHEN cost > 0 THEN (user_value + business_value) / cost END" },
  { "key-result", TRUE, "(SELECT title FROM key_result k WHERE k.id = item.key_result)" },
  { "iteration", TRUE, "(SELECT name FROM iteration i WHERE i.id = item.iteration)" },
  { "review-due", TRUE, "review_due" },
};

typedef struct
{
  double  number;   /* NAN: none */
  guint32 text;     /* offset in key_arena; G_MAXUINT32: none */
} SortKey;

/* ---- the index ---------------------------------------------------------- */

typedef struct
{
  char   *text;
  char   *title;
  Facets  facets;
} Found;

static void
found_free (gpointer data)
{
  Found *f = data;

  g_free (f->text);
  g_free (f->title);
  g_free (f);
}

#define COLUMNS "id, title, description, status, moscow, aarrr, p1, key_result, value_loop, iteration"

static void build_keys (VlItemSearch *self);
static void schedule_title_places (VlItemSearch *self);

/* One scan of the rows the source can hold, then the source's order. */
static void
build_index (VlItemSearch *self)
{
  VlRecordList *list = (VlRecordList *) self->source;
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, found_free);
  sqlite3 *db = _vl_document_get_db (self->document);
  const VlKindInfo *info = vl_kind_info (VL_KIND_ITEM);
  gint64 value = 0;
  int filter = _vl_record_list_get_filter (list, &value);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  guint n = g_list_model_get_n_items (self->source);

  g_array_set_size (self->rows, 0);
  g_string_truncate (self->arena, 0);
  self->generation++;
  g_clear_pointer (&self->title_places, g_free);
  if (self->titles != NULL)
    g_string_free (self->titles, TRUE);
  g_clear_pointer (&self->title_at, g_array_unref);
  self->titles = g_string_new (NULL);
  self->title_at = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n);
  if (filter >= 0)
    sql = g_strdup_printf ("SELECT " COLUMNS " FROM item WHERE deleted <> 1 AND %s IS ?",
                           info->fields[filter].column);
  else
    sql = g_strdup ("SELECT " COLUMNS " FROM item WHERE deleted <> 1");
  if (db == NULL || sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return;
  if (filter >= 0 && (value != 0 || info->fields[filter].type != VL_FIELD_REF))
    sqlite3_bind_int64 (stmt, 1, value);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 *key = g_new (gint64, 1);
      Found *f = g_new (Found, 1);
      g_autofree char *both = g_strdup_printf ("%s\x1f%s", sqlite3_column_text (stmt, 1),
                                               sqlite3_column_text (stmt, 2));

      *key = sqlite3_column_int64 (stmt, 0);
      f->text = fold (both);
      f->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      f->facets.status = (gint8) sqlite3_column_int (stmt, 3);
      f->facets.moscow = (gint8) sqlite3_column_int (stmt, 4);
      f->facets.aarrr = (gint8) sqlite3_column_int (stmt, 5);
      f->facets.p1 = (gint8) sqlite3_column_int (stmt, 6);
      for (guint r = 0; r < N_REFS; r++)
        f->facets.refs[r] = sqlite3_column_int64 (stmt, 7 + (int) r);
      g_hash_table_insert (found, key, f);
    }
  sqlite3_finalize (stmt);
  for (guint i = 0; i < n; i++)
    {
      gint64 rowid = _vl_record_list_get_rowid (list, i);
      Found *f = g_hash_table_lookup (found, &rowid);
      Row row = { rowid, (guint32) self->arena->len, { { 0 }, -1, -1, -1, 0 } };
      guint32 title_at = G_MAXUINT32;   /* no title */

      if (f != NULL)
        {
          row.facets = f->facets;
          g_string_append_len (self->arena, f->text, (gssize) strlen (f->text) + 1);
        }
      else
        g_string_append_c (self->arena, '\0');
      if (f != NULL && f->title != NULL)
        {
          title_at = (guint32) self->titles->len;
          g_string_append_len (self->titles, f->title, (gssize) strlen (f->title) + 1);
        }
      g_array_append_val (self->title_at, title_at);
      g_array_append_val (self->rows, row);
    }
  schedule_title_places (self);
  if (self->sort >= 0)
    build_keys (self);
}

/* Collation keys for texts[from..to), in a thread of their own. */
typedef struct
{
  GPtrArray *texts;
  char     **keys;
  guint      from, to;
} KeyJob;

static gpointer
collate_job (gpointer data)
{
  KeyJob *job = data;

  for (guint i = job->from; i < job->to; i++)
    job->keys[i] = g_utf8_collate_key (g_ptr_array_index (job->texts, i), -1);
  return NULL;
}

/* The sort keys of every source row, for the sort column: one scan, then
 * one collation key per text, made on both cores (the slow part). */
static void
build_keys (VlItemSearch *self)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) owners = g_array_new (FALSE, FALSE, sizeof (guint));
  VlRecordList *list = (VlRecordList *) self->source;
  sqlite3 *db = _vl_document_get_db (self->document);
  const VlKindInfo *info = vl_kind_info (VL_KIND_ITEM);
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 value = 0;
  int filter = _vl_record_list_get_filter (list, &value);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gboolean text = sort_keys[self->sort].text;

  g_array_set_size (self->keys, self->rows->len);
  g_string_truncate (self->key_arena, 0);
  self->keys_are_numbers = self->title_places != NULL && g_str_equal (sort_keys[self->sort].field, "title");
  for (guint i = 0; i < self->rows->len; i++)
    {
      SortKey none = { sort_keys[self->sort].sql ? NAN : i, G_MAXUINT32 };

      if (self->keys_are_numbers && self->title_places[i] != G_MAXUINT32)
        none.number = self->title_places[i];
      g_array_index (self->keys, SortKey, i) = none;
    }
  if (sort_keys[self->sort].sql == NULL || self->keys_are_numbers)
    return;   /* rank: the source's order; title: the places worked out */
  for (guint i = 0; i < self->rows->len; i++)
    g_hash_table_insert (index, &g_array_index (self->rows, Row, i).rowid, GUINT_TO_POINTER (i + 1));
  sql = g_strdup_printf ("SELECT id, %s FROM item WHERE deleted <> 1%s%s%s", sort_keys[self->sort].sql,
                         filter >= 0 ? " AND " : "", filter >= 0 ? info->fields[filter].column : "",
                         filter >= 0 ? " IS ?" : "");
  if (db == NULL || sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return;
  if (filter >= 0 && (value != 0 || info->fields[filter].type != VL_FIELD_REF))
    sqlite3_bind_int64 (stmt, 1, value);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      guint pos = GPOINTER_TO_UINT (g_hash_table_lookup (index, &rowid));
      SortKey *key;

      if (pos == 0 || sqlite3_column_type (stmt, 1) == SQLITE_NULL)
        continue;
      key = &g_array_index (self->keys, SortKey, pos - 1);
      if (text)
        {
          guint at = pos - 1;

          g_ptr_array_add (texts, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
          g_array_append_val (owners, at);
        }
      else
        key->number = sqlite3_column_double (stmt, 1);
    }
  sqlite3_finalize (stmt);
  if (texts->len > 0)
    {
      g_autofree char **keys = g_new0 (char *, texts->len);
      KeyJob half = { texts, keys, texts->len / 2, texts->len };
      KeyJob first = { texts, keys, 0, texts->len / 2 };
      GThread *helper = texts->len >= 2048 ? g_thread_new ("vl-collate", collate_job, &half) : NULL;

      if (helper == NULL)
        first.to = texts->len;
      collate_job (&first);
      if (helper != NULL)
        g_thread_join (helper);
      for (guint i = 0; i < texts->len; i++)
        {
          SortKey *key = &g_array_index (self->keys, SortKey, g_array_index (owners, guint, i));

          key->text = (guint32) self->key_arena->len;
          g_string_append_len (self->key_arena, keys[i], (gssize) strlen (keys[i]) + 1);
          g_free (keys[i]);
        }
    }
}

/* Every row's place in title order, in a thread: rows with the same title
 * share a place; rows without one have none (G_MAXUINT32). */
typedef struct
{
  GString  *titles;
  GArray   *title_at;
  char    **keys;
  guint     generation;
} PlacesJob;

static void
places_job_free (gpointer data)
{
  PlacesJob *job = data;

  g_string_free (job->titles, TRUE);
  g_array_unref (job->title_at);
  g_free (job);
}

static int
compare_titles (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  PlacesJob *job = data;
  guint32 pa = *(const guint32 *) a, pb = *(const guint32 *) b;
  int order = strcmp (job->keys[pa], job->keys[pb]);

  return order != 0 ? order : (pa > pb) - (pa < pb);
}

static void
places_job_run (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  PlacesJob *job = data;
  guint n = job->title_at->len;
  g_autofree guint32 *by_title = g_new (guint32, MAX (n, 1));
  guint32 *places = g_new (guint32, MAX (n, 1));
  guint32 place = 0, n_titled = 0;

  job->keys = g_new0 (char *, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      guint32 at = g_array_index (job->title_at, guint32, i);

      places[i] = G_MAXUINT32;
      if (at == G_MAXUINT32)
        continue;
      job->keys[i] = g_utf8_collate_key (job->titles->str + at, -1);
      by_title[n_titled++] = i;
    }
  g_qsort_with_data (by_title, (gint) n_titled, sizeof (guint32), compare_titles, job);
  for (guint k = 0; k < n_titled; k++)
    {
      if (k > 0 && strcmp (job->keys[by_title[k]], job->keys[by_title[k - 1]]) != 0)
        place++;
      places[by_title[k]] = place;
    }
  for (guint i = 0; i < n; i++)
    g_free (job->keys[i]);
  g_clear_pointer (&job->keys, g_free);
  g_task_return_pointer (task, places, g_free);
}

static void
places_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      data)
{
  VlItemSearch *self = VL_ITEM_SEARCH (object);
  PlacesJob *job = g_task_get_task_data (G_TASK (result));
  guint32 *places = g_task_propagate_pointer (G_TASK (result), NULL);

  if (job->generation != self->generation)
    {
      g_free (places);   /* the index was built again since */
      return;
    }
  g_free (self->title_places);
  self->title_places = places;
}

static gboolean
start_title_places (gpointer data)
{
  VlItemSearch *self = data;
  g_autoptr(GTask) task = g_task_new (self, NULL, places_done_cb, NULL);
  PlacesJob *job = g_new0 (PlacesJob, 1);

  self->places_idle = 0;
  job->titles = g_steal_pointer (&self->titles);
  job->title_at = g_steal_pointer (&self->title_at);
  job->generation = self->generation;
  g_task_set_task_data (task, job, places_job_free);
  g_task_run_in_thread (task, places_job_run);
  return G_SOURCE_REMOVE;
}

/* Once the list is idle (after the window's first frames). */
static void
schedule_title_places (VlItemSearch *self)
{
  if (self->places_idle == 0)
    self->places_idle = g_idle_add_full (G_PRIORITY_LOW, start_title_places, self, NULL);
}

/**
 * _vl_item_search_wait_title_order:
 *
 * Waits until the rows' places in title order are known (for tests and
 * benchmarks), running the thread default main context.
 */
void
_vl_item_search_wait_title_order (VlItemSearch *self)
{
  while (self->title_places == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  VlItemSearch *self = data;
  guint pa = *(const guint *) a, pb = *(const guint *) b;
  const SortKey *ka = &g_array_index (self->keys, SortKey, pa);
  const SortKey *kb = &g_array_index (self->keys, SortKey, pb);
  int order;

  /* Rows without a value come last either way; ties stay in rank order. */
  if (sort_keys[self->sort].text && !self->keys_are_numbers)
    {
      if ((ka->text == G_MAXUINT32) != (kb->text == G_MAXUINT32))
        return ka->text == G_MAXUINT32 ? 1 : -1;
      order = ka->text == G_MAXUINT32 ? 0 : strcmp (self->key_arena->str + ka->text,
                                                     self->key_arena->str + kb->text);
    }
  else
    {
      if (isnan (ka->number) != isnan (kb->number))
        return isnan (ka->number) ? 1 : -1;
      order = isnan (ka->number) ? 0 : (ka->number > kb->number) - (ka->number < kb->number);
    }
  if (order != 0)
    return self->descending ? -order : order;
  return (pa > pb) - (pa < pb);
}

/* ---- matching ----------------------------------------------------------- */

gboolean
vl_item_search_get_active (VlItemSearch *self)
{
  g_return_val_if_fail (VL_IS_ITEM_SEARCH (self), FALSE);
  for (guint r = 0; r < N_REFS; r++)
    if (self->refs[r] >= 0)
      return TRUE;
  return (self->needle != NULL && *self->needle != '\0') || self->status >= 0 ||
         self->moscow >= 0 || self->aarrr >= 0 || self->p1_only;
}

static gboolean
row_matches (VlItemSearch *self,
             const Row    *row)
{
  const Facets *f = &row->facets;

  if ((self->status >= 0 && f->status != self->status) ||
      (self->moscow >= 0 && f->moscow != self->moscow) ||
      (self->aarrr >= 0 && f->aarrr != self->aarrr) ||
      (self->p1_only && !f->p1))
    return FALSE;
  for (guint r = 0; r < N_REFS; r++)
    if (self->refs[r] >= 0 && f->refs[r] != self->refs[r])
      return FALSE;
  return self->needle == NULL || *self->needle == '\0' ||
         strstr (self->arena->str + row->text, self->needle) != NULL;
}

static GArray *
compute_visible (VlItemSearch *self)
{
  GArray *visible;
  gboolean active = vl_item_search_get_active (self);

  if (!active && self->sort < 0)
    return NULL;
  visible = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < self->rows->len; i++)
    if (!active || row_matches (self, &g_array_index (self->rows, Row, i)))
      g_array_append_val (visible, i);
  if (self->sort >= 0)
    g_array_sort_with_data (visible, compare_positions, self);
  return visible;
}

static guint
n_visible (VlItemSearch *self,
           GArray       *visible)
{
  return visible != NULL ? visible->len : self->rows->len;
}

static gint64
visible_rowid (VlItemSearch *self,
               GArray       *visible,
               guint         i)
{
  guint pos = visible != NULL ? g_array_index (visible, guint, i) : i;

  return g_array_index (self->rows, Row, pos).rowid;
}

/* Swaps in the new matches and emits the smallest change that turns the
 * old rows shown into the new (the common head and tail stay), or none. */
static void
refilter (VlItemSearch *self,
          GArray       *old_rowids_from)
{
  GArray *old = self->visible;
  GArray *visible = compute_visible (self);
  guint old_n = old_rowids_from != NULL ? old_rowids_from->len : n_visible (self, old);
  guint new_n = n_visible (self, visible);
  guint head = 0, tail = 0;

#define OLD_ID(i) (old_rowids_from != NULL ? g_array_index (old_rowids_from, gint64, i) \
                                           : visible_rowid (self, old, i))
  while (head < old_n && head < new_n && OLD_ID (head) == visible_rowid (self, visible, head))
    head++;
  while (tail < old_n - head && tail < new_n - head &&
         OLD_ID (old_n - 1 - tail) == visible_rowid (self, visible, new_n - 1 - tail))
    tail++;
#undef OLD_ID
  self->visible = visible;
  if (old != NULL)
    g_array_unref (old);
  if (head + tail < old_n || head + tail < new_n)
    g_list_model_items_changed (G_LIST_MODEL (self), head, old_n - head - tail, new_n - head - tail);
}

/* The rows shown now, by id (to compare after the index is rebuilt). */
static GArray *
shown_rowids (VlItemSearch *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < n_visible (self, self->visible); i++)
    {
      gint64 id = visible_rowid (self, self->visible, i);

      g_array_append_val (ids, id);
    }
  return ids;
}

static void
source_changed_cb (GListModel   *source,
                   guint         position,
                   guint         removed,
                   guint         added,
                   VlItemSearch *self)
{
  g_autoptr(GArray) before = NULL;

  if (!vl_item_search_get_active (self) && self->sort < 0)
    {
      /* Nothing filtered or sorted: the source's exact change is ours. */
      build_index (self);
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }
  before = shown_rowids (self);
  build_index (self);
  refilter (self, before);
}

/* A row changed in place (its title, its status): it may match or not. */
static void
rows_changed_cb (VlDocument   *document,
                 guint         kind,
                 VlItemSearch *self)
{
  g_autoptr(GArray) before = NULL;

  /* Items, or the key results or iterations they are sorted by. */
  if (kind != VL_KIND_ITEM &&
      !(self->sort >= 0 && ((kind == VL_KIND_KEY_RESULT && g_str_equal (sort_keys[self->sort].field, "key-result")) ||
                            (kind == VL_KIND_ITERATION && g_str_equal (sort_keys[self->sort].field, "iteration")))))
    return;
  before = shown_rowids (self);
  build_index (self);
  if (vl_item_search_get_active (self) || self->sort >= 0)
    refilter (self, before);
}

/* ---- GListModel ------------------------------------------------------------ */

static GType
get_item_type (GListModel *model)
{
  return VL_TYPE_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  VlItemSearch *self = VL_ITEM_SEARCH (model);

  return n_visible (self, self->visible);
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  VlItemSearch *self = VL_ITEM_SEARCH (model);

  if (position >= n_visible (self, self->visible))
    return NULL;
  return g_list_model_get_item (self->source, self->visible != NULL
                                              ? g_array_index (self->visible, guint, position)
                                              : position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* ---- public -------------------------------------------------------------- */

void
vl_item_search_set_text (VlItemSearch *self,
                         const char   *text)
{
  g_autofree char *needle = NULL;

  g_return_if_fail (VL_IS_ITEM_SEARCH (self));

  needle = fold (text);
  if (g_strcmp0 (needle, self->needle) == 0)
    return;
  g_free (self->needle);
  self->needle = g_steal_pointer (&needle);
  refilter (self, NULL);
}

/* @field is "status", "moscow" or "aarrr"; @value -1 is any. */
void
vl_item_search_set_enum (VlItemSearch *self,
                         const char   *field,
                         int           value)
{
  int *slot;

  g_return_if_fail (VL_IS_ITEM_SEARCH (self));

  if (g_str_equal (field, "status"))
    slot = &self->status;
  else if (g_str_equal (field, "moscow"))
    slot = &self->moscow;
  else if (g_str_equal (field, "aarrr"))
    slot = &self->aarrr;
  else
    g_return_if_reached ();
  if (*slot == value)
    return;
  *slot = value;
  refilter (self, NULL);
}

/**
 * vl_item_search_set_ref:
 * @field: "key-result", "value-loop" or "iteration"
 * @rowid: the row id to match, 0 for items without one, -1 for any
 */
void
vl_item_search_set_ref (VlItemSearch *self,
                        const char   *field,
                        gint64        rowid)
{
  g_return_if_fail (VL_IS_ITEM_SEARCH (self));

  for (guint r = 0; r < N_REFS; r++)
    if (g_str_equal (field, ref_fields[r]))
      {
        if (self->refs[r] == (rowid < 0 ? -1 : rowid))
          return;
        self->refs[r] = rowid < 0 ? -1 : rowid;
        refilter (self, NULL);
        return;
      }
  g_return_if_reached ();
}

/**
 * vl_item_search_set_sort:
 * @field: (nullable): "rank", "title", "status", "moscow", "p1", "aarrr",
 *   "user-value", "business-value", "cost", "score", "key-result",
 *   "iteration" or "review-due"; %NULL for rank order
 *
 * Sorts the rows shown by @field. Keys (collation keys for text) are made
 * once, in one scan, not per comparison, and no row object is made.
 */
void
vl_item_search_set_sort (VlItemSearch *self,
                         const char   *field,
                         gboolean      descending)
{
  int sort = -1;

  g_return_if_fail (VL_IS_ITEM_SEARCH (self));

  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (sort_keys); i++)
    if (g_str_equal (field, sort_keys[i].field))
      sort = (int) i;
  g_return_if_fail (field == NULL || sort >= 0);
  if (sort == self->sort && descending == self->descending)
    return;
  if (sort != self->sort)
    {
      self->sort = sort;
      if (sort >= 0)
        build_keys (self);
    }
  self->descending = descending;
  refilter (self, NULL);
}

void
vl_item_search_set_p1_only (VlItemSearch *self,
                            gboolean      p1_only)
{
  g_return_if_fail (VL_IS_ITEM_SEARCH (self));

  if (self->p1_only == (p1_only != FALSE))
    return;
  self->p1_only = p1_only != FALSE;
  refilter (self, NULL);
}

/**
 * vl_item_search_get_rank:
 *
 * Returns: @item's 1-based place in the whole source list (its rank in the
 *   backlog, whatever is searched or sorted), or 0; found by id in the
 *   index, without making an object per row.
 */
guint
vl_item_search_get_rank (VlItemSearch *self,
                         VlRecord     *item)
{
  gint64 rowid;

  g_return_val_if_fail (VL_IS_ITEM_SEARCH (self), 0);
  g_return_val_if_fail (VL_IS_RECORD (item), 0);

  rowid = vl_record_get_rowid (item);
  for (guint i = 0; i < self->rows->len; i++)
    if (g_array_index (self->rows, Row, i).rowid == rowid)
      return i + 1;
  return 0;
}

/**
 * vl_item_search_get_rowid:
 *
 * Returns: the row id of the item shown at @position, without making its
 *   object (0 past the end)
 */
gint64
vl_item_search_get_rowid (VlItemSearch *self,
                          guint         position)
{
  g_return_val_if_fail (VL_IS_ITEM_SEARCH (self), 0);

  if (position >= n_visible (self, self->visible))
    return 0;
  return visible_rowid (self, self->visible, position);
}

/**
 * vl_item_search_get_rank_at:
 *
 * Returns: the 1-based rank in the whole source list of the item shown at
 *   @position, in constant time (0 past the end)
 */
guint
vl_item_search_get_rank_at (VlItemSearch *self,
                            guint         position)
{
  g_return_val_if_fail (VL_IS_ITEM_SEARCH (self), 0);

  if (position >= n_visible (self, self->visible))
    return 0;
  return (self->visible != NULL ? g_array_index (self->visible, guint, position) : position) + 1;
}

GListModel *
vl_item_search_get_source (VlItemSearch *self)
{
  g_return_val_if_fail (VL_IS_ITEM_SEARCH (self), NULL);
  return self->source;
}

/**
 * vl_item_search_new:
 * @items: a list from vl_document_list() of items
 *
 * Returns: (transfer full): the matching items of @items, in its order.
 */
VlItemSearch *
vl_item_search_new (VlDocument *document,
                    GListModel *items)
{
  VlItemSearch *self;

  g_return_val_if_fail (VL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (items), NULL);

  self = g_object_new (VL_TYPE_ITEM_SEARCH, NULL);
  self->document = g_object_ref (document);
  self->source = g_object_ref (items);
  build_index (self);
  g_signal_connect_object (items, "items-changed", G_CALLBACK (source_changed_cb), self, 0);
  g_signal_connect_object (document, "rows-changed", G_CALLBACK (rows_changed_cb), self, 0);
  return self;
}

static void
vl_item_search_finalize (GObject *object)
{
  VlItemSearch *self = VL_ITEM_SEARCH (object);

  g_clear_object (&self->source);
  g_clear_object (&self->document);
  g_array_unref (self->rows);
  g_string_free (self->arena, TRUE);
  g_array_unref (self->keys);
  g_string_free (self->key_arena, TRUE);
  g_clear_pointer (&self->visible, g_array_unref);
  g_clear_handle_id (&self->places_idle, g_source_remove);
  if (self->titles != NULL)
    g_string_free (self->titles, TRUE);
  g_clear_pointer (&self->title_at, g_array_unref);
  g_free (self->title_places);
  g_free (self->needle);

  G_OBJECT_CLASS (vl_item_search_parent_class)->finalize (object);
}

static void
vl_item_search_class_init (VlItemSearchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vl_item_search_finalize;
}

static void
vl_item_search_init (VlItemSearch *self)
{
  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  self->arena = g_string_new (NULL);
  self->status = self->moscow = self->aarrr = -1;
  self->sort = -1;
  self->keys = g_array_new (FALSE, FALSE, sizeof (SortKey));
  self->key_arena = g_string_new (NULL);
  for (guint r = 0; r < N_REFS; r++)
    self->refs[r] = -1;
}
