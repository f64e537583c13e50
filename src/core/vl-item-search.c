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
 * Why one file of about 1,200 lines: the text arena, the folded keys, the
 * filter bit sets and the sort's rank array are one index laid out for
 * speed (DESIGN §8), and every part reads the others' layout; split, each
 * part would need the layout in a header for the others.
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
  guint32 title;     /* offset of the title as written in titles; NO_TITLE */
  Facets  facets;
} Row;

#define NO_TITLE G_MAXUINT32
#define UPDATE_AT 512   /* more rows changed at once: the index is built again */

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

  GString    *titles;        /* the titles as written */
  gsize       garbage;       /* bytes of arena and titles no row uses */
  guint       generation;    /* of the titles, bumped when one changes */
  GArray     *title_places;  /* guint32 per source position: its place in title order; NULL: not known */
  guint       places_idle;
  gboolean    rebuilt;       /* by the source's change, in the action rows-changed ends */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VlItemSearch, vl_item_search, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static char *
fold (const char *text)
{
  /* A foreign or damaged file may hold bytes that are not UTF-8. */
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  g_autofree char *normal = g_utf8_normalize (valid, -1, G_NORMALIZE_ALL);

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

#define COLUMNS "id, title, description, status, moscow, aarrr, p1, key_result, value_loop, iteration"

static void build_keys (VlItemSearch *self);
static void schedule_title_places (VlItemSearch *self);

static void
forget_title_places (VlItemSearch *self)
{
  self->generation++;
  g_clear_pointer (&self->title_places, g_array_unref);
  schedule_title_places (self);
}

/* A row from a statement selecting COLUMNS (stepped), its texts appended. */
/* Appends @text folded as fold() does; ASCII text (most of it) is only
 * lowered, which is what normalising and case folding do to it. */
static void
append_folded (GString    *arena,
               const char *text)
{
  const guchar *p = (const guchar *) (text ? text : "");
  gsize at = arena->len;

  while (*p != '\0' && *p < 0x80)
    p++;
  if (*p != '\0')
    {
      g_autofree char *folded = fold (text);

      g_string_append (arena, folded);
      return;
    }
  g_string_append (arena, text ? text : "");
  for (gsize i = at; i < arena->len; i++)
    arena->str[i] = g_ascii_tolower (arena->str[i]);
}

static Row
fill_row (VlItemSearch *self,
          sqlite3_stmt *stmt)
{
  Row row = { sqlite3_column_int64 (stmt, 0), (guint32) self->arena->len, NO_TITLE, { { 0 }, 0, 0, 0, 0 } };

  /* "title\x1fdescription": a search does not match across the two. */
  append_folded (self->arena, (const char *) sqlite3_column_text (stmt, 1));
  g_string_append_c (self->arena, '\x1f');
  append_folded (self->arena, (const char *) sqlite3_column_text (stmt, 2));
  g_string_append_c (self->arena, '\0');
  if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    {
      row.title = (guint32) self->titles->len;
      g_string_append_len (self->titles, (const char *) sqlite3_column_text (stmt, 1),
                           sqlite3_column_bytes (stmt, 1) + 1);
    }
  row.facets.status = (gint8) sqlite3_column_int (stmt, 3);
  row.facets.moscow = (gint8) sqlite3_column_int (stmt, 4);
  row.facets.aarrr = (gint8) sqlite3_column_int (stmt, 5);
  row.facets.p1 = (gint8) sqlite3_column_int (stmt, 6);
  for (guint r = 0; r < N_REFS; r++)
    row.facets.refs[r] = sqlite3_column_int64 (stmt, 7 + (int) r);
  return row;
}

/* A row the source holds but the table does not (yet): matches nothing. */
static Row
empty_row (VlItemSearch *self,
           gint64        rowid)
{
  Row row = { rowid, (guint32) self->arena->len, NO_TITLE, { { 0 }, -1, -1, -1, 0 } };

  g_string_append_c (self->arena, '\0');
  return row;
}

static Row
read_row (VlItemSearch *self,
          gint64        rowid)
{
  sqlite3_stmt *stmt = _vl_document_statement (self->document,
                                               "SELECT " COLUMNS " FROM item WHERE id = ? AND deleted <> 1");
  Row row;

  if (stmt == NULL)
    return empty_row (self, rowid);
  sqlite3_bind_int64 (stmt, 1, rowid);
  row = sqlite3_step (stmt) == SQLITE_ROW ? fill_row (self, stmt) : empty_row (self, rowid);
  sqlite3_reset (stmt);
  return row;
}

static const char *
row_title (VlItemSearch *self,
           const Row    *row)
{
  return row->title != NO_TITLE ? self->titles->str + row->title : NULL;
}

/* The row's texts are no longer used. */
static void
drop_texts (VlItemSearch *self,
            const Row    *row)
{
  self->garbage += strlen (self->arena->str + row->text) + 1;
  if (row->title != NO_TITLE)
    self->garbage += strlen (self->titles->str + row->title) + 1;
}

/* Appends the text at @offset in @from to @to; returns its new offset. */
static guint32
move_text (GString       *to,
           const GString *from,
           guint32        offset)
{
  const char *text = from->str + offset;
  guint32 at = (guint32) to->len;

  g_string_append_len (to, text, (gssize) strlen (text) + 1);
  return at;
}

/* A GString doubles as it grows: a 100,000-item arena kept up to 40% more
 * than it holds. Fitted once it is built (appends grow it again), by a
 * copy: shrinking a block of that size with realloc() goes through
 * mremap(), after which the first read of the block took 19–26 ms on the
 * benchmark's VM (a first keystroke over budget) against 1.3 ms for a
 * copy (measured with vl-bench; the copy itself costs about 2 ms). */
static void
fit (GString *arena)
{
  char *str = g_malloc (arena->len + 1);

  memcpy (str, arena->str, arena->len + 1);
  g_free (arena->str);
  arena->str = str;
  arena->allocated_len = arena->len + 1;
}

/* Copies the texts rows use into new arenas, once most of them are not. */
static void
compact (VlItemSearch *self)
{
  GString *arena, *titles;

  if (self->garbage < 65536 || self->garbage < (self->arena->len + self->titles->len) / 2)
    return;
  arena = g_string_sized_new (self->arena->len - MIN (self->garbage, self->arena->len));
  titles = g_string_sized_new (self->titles->len);
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);

      row->text = move_text (arena, self->arena, row->text);
      if (row->title != NO_TITLE)
        row->title = move_text (titles, self->titles, row->title);
    }
  g_string_free (self->arena, TRUE);
  g_string_free (self->titles, TRUE);
  self->arena = arena;
  self->titles = titles;
  self->garbage = 0;
  fit (self->arena);
  fit (self->titles);
}

/* One scan of the rows the source can hold, then the source's order. */
static void
build_index (VlItemSearch *self)
{
  VlRecordList *list = (VlRecordList *) self->source;
  g_autoptr(GHashTable) found = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) scanned = g_array_new (FALSE, FALSE, sizeof (Row));
  sqlite3 *db = _vl_document_get_db (self->document);
  const VlKindInfo *info = vl_kind_info (VL_KIND_ITEM);
  gint64 value = 0;
  int filter = _vl_record_list_get_filter (list, &value);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  guint n = g_list_model_get_n_items (self->source);
  GString *scan_arena, *scan_titles;

  g_array_set_size (self->rows, 0);
  g_string_truncate (self->arena, 0);
  g_string_truncate (self->titles, 0);
  self->garbage = 0;
  if (filter >= 0)
    sql = g_strdup_printf ("SELECT " COLUMNS " FROM item WHERE deleted <> 1 AND %s IS ?",
                           info->fields[filter].column);
  else
    sql = g_strdup ("SELECT " COLUMNS " FROM item WHERE deleted <> 1");
  if (db != NULL && sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      if (filter >= 0 && (value != 0 || info->fields[filter].type != VL_FIELD_REF))
        sqlite3_bind_int64 (stmt, 1, value);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          Row row = fill_row (self, stmt);

          g_array_append_val (scanned, row);
        }
      sqlite3_finalize (stmt);
    }
  for (guint i = 0; i < scanned->len; i++)
    g_hash_table_insert (found, &g_array_index (scanned, Row, i).rowid, GUINT_TO_POINTER (i + 1));
  /* The texts in the list's order, so a keystroke reads the arena
   * straight through (in the scan's order it was three times slower). */
  scan_arena = self->arena;
  scan_titles = self->titles;
  self->arena = g_string_sized_new (scan_arena->len + n);
  self->titles = g_string_sized_new (scan_titles->len);
  g_array_set_size (self->rows, n);
  for (guint i = 0; i < n; i++)
    {
      gint64 rowid = _vl_record_list_get_rowid (list, i);
      guint at = GPOINTER_TO_UINT (g_hash_table_lookup (found, &rowid));
      Row row;

      if (at == 0)
        {
          g_array_index (self->rows, Row, i) = empty_row (self, rowid);
          continue;
        }
      row = g_array_index (scanned, Row, at - 1);
      row.text = move_text (self->arena, scan_arena, row.text);
      if (row.title != NO_TITLE)
        row.title = move_text (self->titles, scan_titles, row.title);
      g_array_index (self->rows, Row, i) = row;
    }
  g_string_free (scan_arena, TRUE);
  g_string_free (scan_titles, TRUE);
  fit (self->arena);
  fit (self->titles);
  forget_title_places (self);
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
  g_assert (!self->keys_are_numbers || self->title_places->len == self->rows->len);
  for (guint i = 0; i < self->rows->len; i++)
    {
      SortKey none = { sort_keys[self->sort].sql ? NAN : i, G_MAXUINT32 };

      if (self->keys_are_numbers && g_array_index (self->title_places, guint32, i) != G_MAXUINT32)
        none.number = g_array_index (self->title_places, guint32, i);
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
  GArray *result = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n);
  guint32 *places;
  guint32 place = 0, n_titled = 0;

  g_array_set_size (result, n);
  places = (guint32 *) (void *) result->data;
  job->keys = g_new0 (char *, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      guint32 at = g_array_index (job->title_at, guint32, i);

      places[i] = G_MAXUINT32;
      if (at == NO_TITLE)
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
  g_task_return_pointer (task, result, (GDestroyNotify) g_array_unref);
}

static void
places_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      data)
{
  VlItemSearch *self = VL_ITEM_SEARCH (object);
  PlacesJob *job = g_task_get_task_data (G_TASK (result));
  GArray *places = g_task_propagate_pointer (G_TASK (result), NULL);

  if (job->generation != self->generation)
    {
      /* Titles or places changed meanwhile: once more. */
      g_array_unref (places);
      if (self->title_places == NULL)
        schedule_title_places (self);
      return;
    }
  g_clear_pointer (&self->title_places, g_array_unref);
  self->title_places = places;
}

static gboolean
start_title_places (gpointer data)
{
  VlItemSearch *self = data;
  g_autoptr(GTask) task = g_task_new (self, NULL, places_done_cb, NULL);
  PlacesJob *job = g_new0 (PlacesJob, 1);

  self->places_idle = 0;
  job->titles = g_string_new_len (self->titles->str, (gssize) self->titles->len);
  job->title_at = g_array_sized_new (FALSE, FALSE, sizeof (guint32), self->rows->len);
  for (guint i = 0; i < self->rows->len; i++)
    g_array_append_val (job->title_at, g_array_index (self->rows, Row, i).title);
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

/* For benchmarks: the bytes the index holds (as the list models count
 * theirs: what is used, not what the arrays have room for). */
gsize
_vl_item_search_get_memory (VlItemSearch *self)
{
  return sizeof *self + self->rows->len * sizeof (Row) + self->arena->len + self->titles->len +
         (self->title_places ? self->title_places->len * sizeof (guint32) : 0) +
         self->keys->len * sizeof (SortKey) + self->key_arena->len +
         (self->visible ? self->visible->len * sizeof (guint) : 0);
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

/* The sort key of one row, as build_keys() makes them. */
static SortKey
row_key (VlItemSearch *self,
         gint64        rowid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM item WHERE id = ?", sort_keys[self->sort].sql);
  sqlite3_stmt *stmt = _vl_document_statement (self->document, sql);
  SortKey key = { NAN, G_MAXUINT32 };

  if (stmt == NULL)
    return key;
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      if (sort_keys[self->sort].text)
        {
          g_autofree char *collated = g_utf8_collate_key ((const char *) sqlite3_column_text (stmt, 0), -1);

          key.text = (guint32) self->key_arena->len;
          g_string_append_len (self->key_arena, collated, (gssize) strlen (collated) + 1);
        }
      else
        key.number = sqlite3_column_double (stmt, 0);
    }
  sqlite3_reset (stmt);
  return key;
}

/* Whether the sort keys can follow rows one by one (else: build_keys()):
 * not for rank order (a row's key is its position) nor while the keys are
 * places in title order (a new title has none). */
static gboolean
keys_follow_rows (VlItemSearch *self)
{
  return self->sort >= 0 && sort_keys[self->sort].sql != NULL && !self->keys_are_numbers;
}

/* The source replaced @removed rows at @position by @added (a move is a
 * removal, then an insertion): the new rows are read by id. */
static void
splice_rows (VlItemSearch *self,
             guint         position,
             guint         removed,
             guint         added)
{
  VlRecordList *list = (VlRecordList *) self->source;
  g_autoptr(GArray) rows = g_array_sized_new (FALSE, FALSE, sizeof (Row), added);
  g_autoptr(GArray) keys = g_array_sized_new (FALSE, FALSE, sizeof (SortKey), added);
  gboolean titled = FALSE;

  for (guint i = position; i < position + removed; i++)
    drop_texts (self, &g_array_index (self->rows, Row, i));
  for (guint j = 0; j < added; j++)
    {
      Row row = read_row (self, _vl_record_list_get_rowid (list, position + j));
      SortKey key = keys_follow_rows (self) ? row_key (self, row.rowid) : (SortKey) { NAN, G_MAXUINT32 };

      titled = titled || row.title != NO_TITLE;
      g_array_append_val (rows, row);
      g_array_append_val (keys, key);
    }
  g_array_remove_range (self->rows, position, removed);
  g_array_insert_vals (self->rows, position, rows->data, added);
  if (self->title_places != NULL && !titled)
    {
      /* Rows left, none with a title came: the others keep their places. */
      guint32 none = G_MAXUINT32;

      g_array_remove_range (self->title_places, position, removed);
      for (guint j = 0; j < added; j++)
        g_array_insert_val (self->title_places, position + j, none);
      self->generation++;
    }
  else
    forget_title_places (self);
  if (keys_follow_rows (self))
    {
      g_array_remove_range (self->keys, position, removed);
      g_array_insert_vals (self->keys, position, keys->data, added);
    }
  else if (self->sort >= 0)
    build_keys (self);
  compact (self);
}

/* Reads again the rows of @records the index holds; FALSE if none. */
static gboolean
update_rows (VlItemSearch *self,
             GPtrArray    *records)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *rowids = g_new (gint64, MAX (records->len, 1));
  gboolean titles_changed = FALSE, any = FALSE;

  for (guint r = 0; r < records->len; r++)
    {
      rowids[r] = vl_record_get_rowid (records->pdata[r]);
      g_hash_table_add (ids, &rowids[r]);
    }
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);
      Row now;

      if (!g_hash_table_contains (ids, &row->rowid))
        continue;
      now = read_row (self, row->rowid);
      titles_changed = titles_changed || g_strcmp0 (row_title (self, row), row_title (self, &now)) != 0;
      drop_texts (self, row);
      *row = now;
      any = TRUE;
      if (keys_follow_rows (self))
        g_array_index (self->keys, SortKey, i) = row_key (self, row->rowid);
    }
  if (titles_changed)
    {
      forget_title_places (self);
      if (self->sort >= 0 && self->keys_are_numbers)
        build_keys (self);
    }
  compact (self);
  return any;
}

static void
source_changed_cb (GListModel   *source,
                   guint         position,
                   guint         removed,
                   guint         added,
                   VlItemSearch *self)
{
  g_autoptr(GArray) before = NULL;
  gboolean plain = !vl_item_search_get_active (self) && self->sort < 0;

  if (!plain)
    before = shown_rowids (self);
  if (removed + added > UPDATE_AT || position + removed > self->rows->len)
    {
      build_index (self);
      self->rebuilt = TRUE;
    }
  else
    splice_rows (self, position, removed, added);
  g_assert (self->rows->len == g_list_model_get_n_items (source));
  if (plain)
    {
      /* Nothing filtered or sorted: the source's exact change is ours. */
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }
  refilter (self, before);
}

/* Rows were written (a title, a status): they may match or not, or move. */
static void
rows_changed_cb (VlDocument   *document,
                 guint         kind,
                 GPtrArray    *records,
                 VlItemSearch *self)
{
  g_autoptr(GArray) before = NULL;
  gboolean plain = !vl_item_search_get_active (self) && self->sort < 0;

  if (kind == VL_KIND_ITEM)
    {
      gboolean rebuilt = self->rebuilt;

      self->rebuilt = FALSE;
      /* Many rows: the lists were loaded again, and so was the index
       * (once is enough). */
      if (records->len > UPDATE_AT && rebuilt)
        return;
      if (!plain)
        before = shown_rowids (self);
      if (records->len > UPDATE_AT)
        build_index (self);
      else if (!update_rows (self, records))
        return;
      if (!plain)
        refilter (self, before);
      return;
    }
  /* The key results or iterations items are sorted by. */
  if (self->sort >= 0 && ((kind == VL_KIND_KEY_RESULT && g_str_equal (sort_keys[self->sort].field, "key-result")) ||
                          (kind == VL_KIND_ITERATION && g_str_equal (sort_keys[self->sort].field, "iteration"))))
    {
      before = shown_rowids (self);
      build_keys (self);
      refilter (self, before);
    }
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
  /* Items, and the key results or iterations items may be sorted by. */
  g_signal_connect_object (document, "rows-changed::item", G_CALLBACK (rows_changed_cb), self, 0);
  g_signal_connect_object (document, "rows-changed::key_result", G_CALLBACK (rows_changed_cb), self, 0);
  g_signal_connect_object (document, "rows-changed::iteration", G_CALLBACK (rows_changed_cb), self, 0);
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
  g_string_free (self->titles, TRUE);
  g_clear_pointer (&self->title_places, g_array_unref);
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
  self->titles = g_string_new (NULL);
  self->status = self->moscow = self->aarrr = -1;
  self->sort = -1;
  self->keys = g_array_new (FALSE, FALSE, sizeof (SortKey));
  self->key_arena = g_string_new (NULL);
  for (guint r = 0; r < N_REFS; r++)
    self->refs[r] = -1;
}
