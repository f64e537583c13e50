/* vl-json.c — the whole plan as JSON, stamps included
 *
 * The export is canonical: kinds in a fixed order, rows sorted by id,
 * fields in table order, references and sites as ids. So an export, its
 * import into a new file, and that file's export are byte-identical, and
 * two replicas that converged export the same text.
 *
 * Why one file of about 1,050 lines: export and import are the two halves
 * of one format (the export first, then the import), agreeing on its ids,
 * stamps and sections; apart, a change to the format would be made in two
 * files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-json"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "vl-document-private.h"
#include "vl-enums.h"
#include "vl-json.h"
#include "vl-store.h"

#define FORMAT_NAME "valueloop"

/* ---- export ------------------------------------------------------------ */

typedef struct
{
  sqlite3    *db;
  GHashTable *uuids[VL_N_KINDS]; /* rowid → uuid string */
  GHashTable *sites;             /* site id → uuid string */
  GHashTable *clocks;            /* "kind:row" → GPtrArray of "reg hlc site" */
} Exporter;

static GHashTable *
id_map (sqlite3    *db,
        const char *sql)
{
  GHashTable *map = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *stmt;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return map;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 *key = g_new (gint64, 1);
      char *uuid = g_malloc (VL_UUID_STRING_LEN);

      *key = sqlite3_column_int64 (stmt, 0);
      if (sqlite3_column_bytes (stmt, 1) == VL_UUID_LEN)
        vl_uuid_to_string (sqlite3_column_blob (stmt, 1), uuid);
      else
        uuid[0] = '\0';
      g_hash_table_insert (map, key, uuid);
    }
  sqlite3_finalize (stmt);
  return map;
}

static const char *
uuid_of (GHashTable *map,
         gint64      id)
{
  const char *uuid = g_hash_table_lookup (map, &id);

  return uuid != NULL ? uuid : "";
}

static void
add_stamp (JsonBuilder *b,
           Exporter    *x,
           gint64       hlc,
           gint64       site)
{
  json_builder_begin_array (b);
  json_builder_add_int_value (b, hlc);
  json_builder_add_string_value (b, uuid_of (x->sites, site));
  json_builder_end_array (b);
}

static void
add_value (JsonBuilder   *b,
           Exporter      *x,
           const VlField *f,
           sqlite3_stmt  *stmt,
           int            col)
{
  gboolean null = sqlite3_column_type (stmt, col) == SQLITE_NULL;

  switch (f->type)
    {
    case VL_FIELD_STRING:
      json_builder_add_string_value (b, null ? "" : (const char *) sqlite3_column_text (stmt, col));
      break;
    case VL_FIELD_DATE:
      if (null)
        json_builder_add_null_value (b);
      else
        json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, col));
      break;
    case VL_FIELD_NUMBER:
      if (null)
        json_builder_add_null_value (b);
      else
        json_builder_add_double_value (b, sqlite3_column_double (stmt, col));
      break;
    case VL_FIELD_BOOL:
      json_builder_add_boolean_value (b, sqlite3_column_int (stmt, col) != 0);
      break;
    case VL_FIELD_ENUM:
      json_builder_add_string_value (b, vl_enum_to_nick (f->enum_type (),
                                                         sqlite3_column_int (stmt, col)));
      break;
    case VL_FIELD_REF:
      if (null)
        json_builder_add_null_value (b);
      else
        json_builder_add_string_value (b, uuid_of (x->uuids[f->ref_kind],
                                                   sqlite3_column_int64 (stmt, col)));
      break;
    case VL_FIELD_INT:
    case VL_FIELD_TIMESTAMP:
    default:
      json_builder_add_int_value (b, sqlite3_column_int64 (stmt, col));
      break;
    }
}

static const char *
reg_name (VlKind kind,
          guint  reg)
{
  const VlKindInfo *info = vl_kind_info (kind);

  if (reg == VL_REG_DELETED)
    return "deleted";
  for (guint i = 0; i < info->n_fields; i++)
    if (info->fields[i].reg == reg)
      return info->fields[i].name;
  return NULL;
}

static void
load_clocks (Exporter *x)
{
  sqlite3_stmt *stmt;

  x->clocks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) g_ptr_array_unref);
  if (sqlite3_prepare_v2 (x->db, "SELECT kind, row, reg, hlc, site, base_hlc, base_site "
                          "FROM field_clock ORDER BY kind, row, reg", -1, &stmt, NULL) != SQLITE_OK)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char *key = g_strdup_printf ("%d:%" G_GINT64_FORMAT, sqlite3_column_int (stmt, 0),
                                   (gint64) sqlite3_column_int64 (stmt, 1));
      GPtrArray *list = g_hash_table_lookup (x->clocks, key);
      gint64 *entry = g_new (gint64, 5);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (x->clocks, key, list);
        }
      else
        g_free (key);
      entry[0] = sqlite3_column_int (stmt, 2);
      entry[1] = sqlite3_column_int64 (stmt, 3);
      entry[2] = sqlite3_column_int64 (stmt, 4);
      entry[3] = sqlite3_column_int64 (stmt, 5);
      entry[4] = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (list, entry);
    }
  sqlite3_finalize (stmt);
}

static void
add_clocks (JsonBuilder *b,
            Exporter    *x,
            VlKind       kind,
            gint64       rowid)
{
  g_autofree char *key = g_strdup_printf ("%u:%" G_GINT64_FORMAT, kind, rowid);
  GPtrArray *list = g_hash_table_lookup (x->clocks, key);

  if (list == NULL)
    return;
  json_builder_set_member_name (b, "clock");
  json_builder_begin_object (b);
  for (guint i = 0; i < list->len; i++)
    {
      gint64 *entry = list->pdata[i];
      const char *name = reg_name (kind, (guint) entry[0]);

      if (name == NULL)
        continue;
      /* [hlc, site, base hlc, base site]: the write and what it replaced */
      json_builder_set_member_name (b, name);
      json_builder_begin_array (b);
      json_builder_add_int_value (b, entry[1]);
      json_builder_add_string_value (b, uuid_of (x->sites, entry[2]));
      json_builder_add_int_value (b, entry[3]);
      json_builder_add_string_value (b, uuid_of (x->sites, entry[4]));
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

static void
add_kind (JsonBuilder *b,
          Exporter    *x,
          VlKind       kind)
{
  const VlKindInfo *info = vl_kind_info (kind);
  g_autoptr(GString) sql = g_string_new ("SELECT id, hlc, site, deleted");
  sqlite3_stmt *stmt;

  for (guint i = 0; i < info->n_fields; i++)
    g_string_append_printf (sql, ", %s", info->fields[i].column);
  g_string_append_printf (sql, " FROM %s ORDER BY uuid", info->name);
  if (sqlite3_prepare_v2 (x->db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return;
  json_builder_set_member_name (b, info->name);
  json_builder_begin_array (b);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, uuid_of (x->uuids[kind], rowid));
      json_builder_set_member_name (b, "created");
      add_stamp (b, x, sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2));
      json_builder_set_member_name (b, "deleted");
      json_builder_add_boolean_value (b, sqlite3_column_int (stmt, 3) != VL_ROW_LIVE);
      if (sqlite3_column_int (stmt, 3) == VL_ROW_REVIVED)
        {
          /* deleted, but a later edit brought it back */
          json_builder_set_member_name (b, "revived");
          json_builder_add_boolean_value (b, TRUE);
        }
      for (guint i = 0; i < info->n_fields; i++)
        {
          json_builder_set_member_name (b, info->fields[i].name);
          add_value (b, x, &info->fields[i], stmt, (int) i + 4);
        }
      add_clocks (b, x, kind, rowid);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  sqlite3_finalize (stmt);
}

static void
add_meta (JsonBuilder *b,
          Exporter    *x)
{
  sqlite3_stmt *stmt;

  if (sqlite3_prepare_v2 (x->db, "SELECT value, hlc, site FROM meta WHERE key = 'title'",
                          -1, &stmt, NULL) != SQLITE_OK)
    return;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 0));
      json_builder_set_member_name (b, "title-stamp");
      add_stamp (b, x, sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2));
    }
  sqlite3_finalize (stmt);

  /* "wip-limits": { "3": [5, [clock, device]] } — only limits ever set. */
  if (sqlite3_prepare_v2 (x->db, "SELECT substr (key, 11), value, hlc, site FROM meta "
                          "WHERE key GLOB 'wip-limit.[0-9]' ORDER BY key", -1, &stmt,
                          NULL) != SQLITE_OK)
    return;
  json_builder_set_member_name (b, "wip-limits");
  json_builder_begin_object (b);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      json_builder_set_member_name (b, (const char *) sqlite3_column_text (stmt, 0));
      json_builder_begin_array (b);
      json_builder_add_int_value (b, _vl_parse_wip_limit ((const char *) sqlite3_column_text (stmt, 1)));
      add_stamp (b, x, sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3));
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  sqlite3_finalize (stmt);

  /* "value-settings": { "aarrr-target.2": ["0.3", [clock, device]],
   * "verdict.validated": … } — only those ever set. */
  if (sqlite3_prepare_v2 (x->db, "SELECT key, value, hlc, site FROM meta WHERE key GLOB 'aarrr-target.[0-9]' "
                          "OR key GLOB 'verdict.*' ORDER BY key", -1, &stmt, NULL) != SQLITE_OK)
    return;
  json_builder_set_member_name (b, "value-settings");
  json_builder_begin_object (b);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      json_builder_set_member_name (b, (const char *) sqlite3_column_text (stmt, 0));
      json_builder_begin_array (b);
      json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 1));
      add_stamp (b, x, sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3));
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  sqlite3_finalize (stmt);
}

static void
add_sites (JsonBuilder *b,
           Exporter    *x)
{
  sqlite3_stmt *stmt;
  char uuid[VL_UUID_STRING_LEN];

  json_builder_set_member_name (b, "sites");
  json_builder_begin_array (b);
  if (sqlite3_prepare_v2 (x->db, "SELECT uuid, name FROM site ORDER BY uuid", -1, &stmt,
                          NULL) == SQLITE_OK)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          if (sqlite3_column_bytes (stmt, 0) != VL_UUID_LEN)
            continue;
          vl_uuid_to_string (sqlite3_column_blob (stmt, 0), uuid);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, uuid);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 1));
          json_builder_end_object (b);
        }
      sqlite3_finalize (stmt);
    }
  json_builder_end_array (b);
}

typedef struct
{
  char     *key;
  JsonNode *node;
} Keyed;

static void
keyed_free (gpointer data)
{
  Keyed *k = data;

  g_free (k->key);
  json_node_unref (k->node);
  g_free (k);
}

static int
compare_keyed (gconstpointer a,
               gconstpointer b)
{
  return strcmp ((*(Keyed **) a)->key, (*(Keyed **) b)->key);
}

/* Values that lost a concurrent edit, sorted by kind, row, field, stamp. */
static void
add_conflicts (JsonBuilder *b,
               Exporter    *x)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (keyed_free);
  sqlite3_stmt *stmt;

  if (sqlite3_prepare_v2 (x->db, "SELECT kind, row, reg, value, hlc, site FROM conflict", -1,
                          &stmt, NULL) == SQLITE_OK)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          VlKind kind = (VlKind) sqlite3_column_int (stmt, 0);
          const char *name = kind < VL_N_KINDS
                             ? reg_name (kind, (guint) sqlite3_column_int (stmt, 2)) : NULL;
          const char *row, *site;
          g_autoptr(JsonBuilder) one = NULL;
          Keyed *k;

          if (name == NULL)
            continue;
          row = uuid_of (x->uuids[kind], sqlite3_column_int64 (stmt, 1));
          site = uuid_of (x->sites, sqlite3_column_int64 (stmt, 5));
          one = json_builder_new ();
          json_builder_begin_object (one);
          json_builder_set_member_name (one, "kind");
          json_builder_add_string_value (one, vl_kind_info (kind)->name);
          json_builder_set_member_name (one, "row");
          json_builder_add_string_value (one, row);
          json_builder_set_member_name (one, "field");
          json_builder_add_string_value (one, name);
          json_builder_set_member_name (one, "stamp");
          add_stamp (one, x, sqlite3_column_int64 (stmt, 4), sqlite3_column_int64 (stmt, 5));
          json_builder_set_member_name (one, "value");
          json_builder_add_string_value (one, (const char *) sqlite3_column_text (stmt, 3));
          json_builder_end_object (one);
          k = g_new (Keyed, 1);
          k->key = g_strdup_printf ("%02d %s %02d %020" G_GINT64_FORMAT " %s", kind, row,
                                    sqlite3_column_int (stmt, 2),
                                    (gint64) sqlite3_column_int64 (stmt, 4), site);
          k->node = json_builder_get_root (one);
          g_ptr_array_add (rows, k);
        }
      sqlite3_finalize (stmt);
    }
  g_ptr_array_sort (rows, compare_keyed);
  json_builder_set_member_name (b, "conflicts");
  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    json_builder_add_value (b, json_node_ref (((Keyed *) rows->pdata[i])->node));
  json_builder_end_array (b);
}

/**
 * vl_json_export:
 *
 * Returns: (transfer full): the whole plan as canonical JSON.
 */
char *
vl_json_export (VlDocument *document,
                GError    **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  Exporter x = { _vl_document_get_db (document) };
  char *text;

  g_return_val_if_fail (VL_IS_DOCUMENT (document), NULL);

  for (guint k = 0; k < VL_N_KINDS; k++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id, uuid FROM %s", vl_kind_info (k)->name);

      x.uuids[k] = id_map (x.db, sql);
    }
  x.sites = id_map (x.db, "SELECT id, uuid FROM site");
  load_clocks (&x);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, FORMAT_NAME);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, vl_document_get_schema_version (document));
  json_builder_set_member_name (b, "doc-id");
  json_builder_add_string_value (b, vl_document_get_doc_id (document));
  add_meta (b, &x);
  add_sites (b, &x);
  for (guint k = 0; k < VL_N_KINDS; k++)
    add_kind (b, &x, k);
  add_conflicts (b, &x);
  json_builder_end_object (b);

  for (guint k = 0; k < VL_N_KINDS; k++)
    g_hash_table_unref (x.uuids[k]);
  g_hash_table_unref (x.sites);
  g_hash_table_unref (x.clocks);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  if (text == NULL)
    g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_FAILED,
                 _("Could not write the plan as JSON"));
  return text;
}

gboolean
vl_json_export_file (VlDocument *document,
                     GFile      *out,
                     GError    **error)
{
  g_autofree char *text = vl_json_export (document, error);
  g_autofree char *path = g_file_get_path (out);

  if (text == NULL)
    return FALSE;
  return g_file_set_contents (path, text, -1, error);
}

/* ---- import ------------------------------------------------------------ */

typedef struct
{
  const char *display;
  sqlite3    *db;
  GHashTable *rows[VL_N_KINDS];  /* uuid string → rowid */
  GHashTable *sites;             /* uuid string → site id */
  GError    **error;
} Importer;

static gboolean
bad (Importer   *im,
     const char *where,
     const char *what)
{
  if (im->error != NULL && *im->error == NULL)
    g_set_error (im->error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                 _("“%s” is not a valid Valueloop export: %s: %s"), im->display, where, what);
  return FALSE;
}

static gint64
lookup_id (GHashTable *map,
           const char *uuid)
{
  gpointer value;

  if (uuid == NULL || !g_hash_table_lookup_extended (map, uuid, NULL, &value))
    return 0;
  return GPOINTER_TO_SIZE (value);
}

static gboolean
read_stamp_full (Importer   *im,
                 JsonNode   *node,
                 const char *where,
                 gint64     *stamp)
{
  JsonArray *a;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      ((n = json_array_get_length (a = json_node_get_array (node))) != 2 && n != 4))
    return bad (im, where, _("a stamp must be [clock, device id]"));
  stamp[2] = stamp[3] = 0;
  for (guint i = 0; i < n; i += 2)
    {
      stamp[i] = json_array_get_int_element (a, i);
      stamp[i + 1] = lookup_id (im->sites, json_array_get_string_element (a, i + 1));
      if (stamp[i + 1] == 0 && stamp[i] != 0)
        return bad (im, where, _("a stamp names an unknown device"));
    }
  return TRUE;
}

static gboolean
read_stamp (Importer   *im,
            JsonNode   *node,
            const char *where,
            gint64     *hlc,
            gint64     *site)
{
  gint64 stamp[4];

  if (!read_stamp_full (im, node, where, stamp))
    return FALSE;
  *hlc = stamp[0];
  *site = stamp[1];
  return TRUE;
}

static gboolean
bind_json (Importer      *im,
           sqlite3_stmt  *stmt,
           int            col,
           const VlField *f,
           JsonNode      *node,
           const char    *where)
{
  g_autofree char *at = g_strdup_printf ("%s, field “%s”", where, f->name);
  GType vtype = node != NULL ? json_node_get_value_type (node) : G_TYPE_INVALID;
  gboolean null = node == NULL || JSON_NODE_HOLDS_NULL (node);
  const char *s;
  int e;

  if (node == NULL)
    return bad (im, at, _("missing"));
  switch (f->type)
    {
    case VL_FIELD_STRING:
      if (vtype != G_TYPE_STRING)
        return bad (im, at, _("expected text"));
      sqlite3_bind_text (stmt, col, json_node_get_string (node), -1, SQLITE_TRANSIENT);
      return TRUE;
    case VL_FIELD_DATE:
      if (null)
        return sqlite3_bind_null (stmt, col) == SQLITE_OK;
      s = vtype == G_TYPE_STRING ? json_node_get_string (node) : NULL;
      if (!vl_date_is_valid (s))
        return bad (im, at, _("expected a date YYYY-MM-DD"));
      sqlite3_bind_text (stmt, col, s, -1, SQLITE_TRANSIENT);
      return TRUE;
    case VL_FIELD_NUMBER:
      if (null)
        return sqlite3_bind_null (stmt, col) == SQLITE_OK;
      if (vtype != G_TYPE_DOUBLE && vtype != G_TYPE_INT64)
        return bad (im, at, _("expected a number"));
      sqlite3_bind_double (stmt, col, json_node_get_double (node));
      return TRUE;
    case VL_FIELD_BOOL:
      if (vtype != G_TYPE_BOOLEAN)
        return bad (im, at, _("expected true or false"));
      sqlite3_bind_int (stmt, col, json_node_get_boolean (node));
      return TRUE;
    case VL_FIELD_ENUM:
      s = vtype == G_TYPE_STRING ? json_node_get_string (node) : NULL;
      if (s == NULL || !vl_enum_from_nick (f->enum_type (), s, &e))
        return bad (im, at, _("not one of the known values"));
      sqlite3_bind_int (stmt, col, e);
      return TRUE;
    case VL_FIELD_REF:
      if (null)
        return sqlite3_bind_null (stmt, col) == SQLITE_OK;
      s = vtype == G_TYPE_STRING ? json_node_get_string (node) : NULL;
      if (lookup_id (im->rows[f->ref_kind], s) == 0)
        return bad (im, at, _("refers to a row that is not in the file"));
      sqlite3_bind_int64 (stmt, col, lookup_id (im->rows[f->ref_kind], s));
      return TRUE;
    case VL_FIELD_INT:
    case VL_FIELD_TIMESTAMP:
    default:
      if (vtype != G_TYPE_INT64)
        return bad (im, at, _("expected a whole number"));
      sqlite3_bind_int64 (stmt, col, json_node_get_int (node));
      return TRUE;
    }
}

static gboolean
import_clocks (Importer   *im,
               VlKind      kind,
               gint64      rowid,
               JsonObject *row,
               const char *where)
{
  JsonNode *node = json_object_get_member (row, "clock");
  g_autoptr(GList) names = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return bad (im, where, _("“clock” must be an object"));
  if (sqlite3_prepare_v2 (im->db, "INSERT INTO field_clock (kind, row, reg, hlc, site, base_hlc, "
                          "base_site) VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &stmt, NULL) != SQLITE_OK)
    return bad (im, where, sqlite3_errmsg (im->db));
  names = json_object_get_members (json_node_get_object (node));
  for (GList *l = names; l != NULL && ok; l = l->next)
    {
      int f = vl_kind_find_field (kind, l->data);
      gint64 stamp[4];

      if (f < 0 && g_strcmp0 (l->data, "deleted") != 0)
        ok = bad (im, where, _("a clock names an unknown field"));
      else if ((ok = read_stamp_full (im, json_object_get_member (json_node_get_object (node),
                                                                  l->data), where, stamp)))
        {
          sqlite3_reset (stmt);
          sqlite3_bind_int (stmt, 1, (int) kind);
          sqlite3_bind_int64 (stmt, 2, rowid);
          sqlite3_bind_int (stmt, 3, f < 0 ? VL_REG_DELETED : vl_kind_info (kind)->fields[f].reg);
          for (int j = 0; j < 4; j++)
            sqlite3_bind_int64 (stmt, 4 + j, stamp[j]);
          if (sqlite3_step (stmt) != SQLITE_DONE)
            ok = bad (im, where, sqlite3_errmsg (im->db));
        }
    }
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
import_row (Importer     *im,
            VlKind        kind,
            sqlite3_stmt *stmt,
            JsonObject   *row,
            gint64        rowid,
            const char   *where)
{
  const VlKindInfo *info = vl_kind_info (kind);
  guint8 uuid[VL_UUID_LEN];
  gint64 hlc, site;
  JsonNode *deleted = json_object_get_member (row, "deleted");
  g_autoptr(GList) names = json_object_get_members (row);

  for (GList *l = names; l != NULL; l = l->next)
    if (vl_kind_find_field (kind, l->data) < 0 &&
        !g_str_equal (l->data, "id") && !g_str_equal (l->data, "created") &&
        !g_str_equal (l->data, "deleted") && !g_str_equal (l->data, "clock") &&
        !g_str_equal (l->data, "revived"))
      return bad (im, where, _("unknown field"));
  vl_uuid_parse (json_object_get_string_member_with_default (row, "id", ""), uuid);
  if (!read_stamp (im, json_object_get_member (row, "created"), where, &hlc, &site))
    return FALSE;
  if (deleted == NULL || json_node_get_value_type (deleted) != G_TYPE_BOOLEAN)
    return bad (im, where, _("“deleted” must be true or false"));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  sqlite3_bind_int64 (stmt, 1, rowid);
  sqlite3_bind_blob (stmt, 2, uuid, VL_UUID_LEN, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, hlc);
  sqlite3_bind_int64 (stmt, 4, site);
  sqlite3_bind_int (stmt, 5, !json_node_get_boolean (deleted) ? VL_ROW_LIVE
                             : json_object_get_boolean_member_with_default (row, "revived", FALSE)
                             ? VL_ROW_REVIVED : VL_ROW_DELETED);
  for (guint i = 0; i < info->n_fields; i++)
    if (!bind_json (im, stmt, (int) i + 6, &info->fields[i],
                    json_object_get_member (row, info->fields[i].name), where))
      return FALSE;
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return bad (im, where, sqlite3_errmsg (im->db));
  return import_clocks (im, kind, rowid, row, where);
}

/* Rows get rowids in file order, so references can be resolved before the
 * rows they point to are inserted. */
static gboolean
number_rows (Importer   *im,
             JsonObject *root)
{
  for (guint k = 0; k < VL_N_KINDS; k++)
    {
      const VlKindInfo *info = vl_kind_info (k);
      JsonNode *node = json_object_get_member (root, info->name);
      JsonArray *rows;

      im->rows[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        return bad (im, info->name, _("missing, or not a list"));
      rows = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (rows); i++)
        {
          JsonNode *row = json_array_get_element (rows, i);
          const char *id = JSON_NODE_HOLDS_OBJECT (row)
                           ? json_object_get_string_member_with_default (json_node_get_object (row),
                                                                          "id", NULL)
                           : NULL;
          g_autofree char *where = g_strdup_printf ("%s %u", info->name, i + 1);

          if (id == NULL || !g_uuid_string_is_valid (id))
            return bad (im, where, _("no valid “id”"));
          if (g_hash_table_contains (im->rows[k], id))
            return bad (im, where, _("the same id appears twice"));
          g_hash_table_insert (im->rows[k], g_strdup (id), GSIZE_TO_POINTER (i + 1));
        }
    }
  return TRUE;
}

static gboolean
import_sites (Importer   *im,
              JsonObject *root)
{
  JsonNode *node = json_object_get_member (root, "sites");
  JsonArray *sites;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  im->sites = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return bad (im, "sites", _("missing, or not a list"));
  if (sqlite3_prepare_v2 (im->db, "INSERT INTO site (id, uuid, name) VALUES (?, ?, ?)", -1,
                          &stmt, NULL) != SQLITE_OK)
    return bad (im, "sites", sqlite3_errmsg (im->db));
  sites = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (sites) && ok; i++)
    {
      JsonNode *site = json_array_get_element (sites, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (site) ? json_node_get_object (site) : NULL;
      const char *id = o ? json_object_get_string_member_with_default (o, "id", NULL) : NULL;
      guint8 uuid[VL_UUID_LEN];

      if (!vl_uuid_parse (id, uuid) || g_hash_table_contains (im->sites, id))
        {
          ok = bad (im, "sites", _("a device without a valid, unique id"));
          break;
        }
      g_hash_table_insert (im->sites, g_strdup (id), GSIZE_TO_POINTER (i + 1));
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, i + 1);
      sqlite3_bind_blob (stmt, 2, uuid, VL_UUID_LEN, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, json_object_get_string_member_with_default (o, "name", ""),
                         -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        ok = bad (im, "sites", sqlite3_errmsg (im->db));
    }
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
import_kind (Importer   *im,
             JsonObject *root,
             VlKind      kind)
{
  const VlKindInfo *info = vl_kind_info (kind);
  JsonArray *rows = json_object_get_array_member (root, info->name);
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  g_string_append_printf (sql, "INSERT INTO %s (id, uuid, hlc, site, deleted", info->name);
  for (guint i = 0; i < info->n_fields; i++)
    g_string_append_printf (sql, ", %s", info->fields[i].column);
  g_string_append (sql, ") VALUES (?, ?, ?, ?, ?");
  for (guint i = 0; i < info->n_fields; i++)
    g_string_append (sql, ", ?");
  g_string_append (sql, ")");
  if (sqlite3_prepare_v2 (im->db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return bad (im, info->name, sqlite3_errmsg (im->db));
  for (guint i = 0; i < json_array_get_length (rows) && ok; i++)
    {
      g_autofree char *where = g_strdup_printf ("%s %u", info->name, i + 1);

      ok = import_row (im, kind, stmt, json_array_get_object_element (rows, i), i + 1, where);
    }
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
import_conflicts (Importer   *im,
                  JsonObject *root)
{
  JsonNode *node = json_object_get_member (root, "conflicts");
  JsonArray *list;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  if (node == NULL)
    return TRUE; /* exports of plan format 1 have none */
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return bad (im, "conflicts", _("missing, or not a list"));
  if (sqlite3_prepare_v2 (im->db, "INSERT INTO conflict (kind, row, reg, value, hlc, site) "
                          "VALUES (?, ?, ?, ?, ?, ?)", -1, &stmt, NULL) != SQLITE_OK)
    return bad (im, "conflicts", sqlite3_errmsg (im->db));
  list = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (list) && ok; i++)
    {
      JsonNode *e = json_array_get_element (list, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
      g_autofree char *where = g_strdup_printf ("conflicts %u", i + 1);
      VlKind kind;
      int f = -1;
      gint64 row = 0, hlc, site;
      const char *field = o ? json_object_get_string_member_with_default (o, "field", "") : "";

      if (o == NULL ||
          !vl_kind_from_name (json_object_get_string_member_with_default (o, "kind", ""), &kind) ||
          (row = lookup_id (im->rows[kind], json_object_get_string_member_with_default (o, "row", NULL))) == 0 ||
          (!g_str_equal (field, "deleted") && (f = vl_kind_find_field (kind, field)) < 0) ||
          !json_object_has_member (o, "value"))
        {
          ok = bad (im, where, _("not a known kind, row, field and value"));
          break;
        }
      if (!(ok = read_stamp (im, json_object_get_member (o, "stamp"), where, &hlc, &site)))
        break;
      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, (int) kind);
      sqlite3_bind_int64 (stmt, 2, row);
      sqlite3_bind_int (stmt, 3, f < 0 ? VL_REG_DELETED : vl_kind_info (kind)->fields[f].reg);
      sqlite3_bind_text (stmt, 4, json_object_get_string_member_with_default (o, "value", ""),
                         -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, hlc);
      sqlite3_bind_int64 (stmt, 6, site);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        ok = bad (im, where, sqlite3_errmsg (im->db));
    }
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
import_wip_limits (Importer   *im,
                   JsonObject *root)
{
  JsonNode *node = json_object_get_member (root, "wip-limits");
  g_autoptr(GList) names = NULL;
  gboolean ok = TRUE;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return bad (im, "wip-limits", _("must be an object"));
  names = json_object_get_members (json_node_get_object (node));
  for (GList *l = names; l != NULL && ok; l = l->next)
    {
      const char *status = l->data;
      JsonNode *entry = json_object_get_member (json_node_get_object (node), status);
      g_autofree char *where = g_strdup_printf ("wip-limits, “%s”", status);
      g_autofree char *key = g_strdup_printf ("wip-limit.%s", status);
      g_autofree char *value = NULL;
      JsonArray *a;
      gint64 limit, hlc, site;

      if (strlen (status) != 1 || status[0] < '0' || status[0] >= '0' + VL_N_STATUSES)
        return bad (im, where, _("not a status"));
      if (!JSON_NODE_HOLDS_ARRAY (entry) || json_array_get_length (a = json_node_get_array (entry)) != 2 ||
          json_node_get_value_type (json_array_get_element (a, 0)) != G_TYPE_INT64)
        return bad (im, where, _("must be [limit, stamp]"));
      limit = json_array_get_int_element (a, 0);
      if (limit < 0 || limit > VL_MAX_WIP_LIMIT)
        return bad (im, where, _("a WIP limit must be between 0 and 9999"));
      value = g_strdup_printf ("%" G_GINT64_FORMAT, limit);
      ok = read_stamp (im, json_array_get_element (a, 1), where, &hlc, &site) &&
           vl_store_set_meta (im->db, key, value, hlc, site);
    }
  return ok;
}

/* The AARRR targets and verdict thresholds: a known key, a share in range
 * (or "" for a target cleared), and its stamp. */
static gboolean
import_value_settings (Importer   *im,
                       JsonObject *root)
{
  JsonNode *node = json_object_get_member (root, "value-settings");
  g_autoptr(GList) names = NULL;
  gboolean ok = TRUE;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return bad (im, "value-settings", _("must be an object"));
  names = json_object_get_members (json_node_get_object (node));
  for (GList *l = names; l != NULL && ok; l = l->next)
    {
      const char *key = l->data;
      JsonNode *entry = json_object_get_member (json_node_get_object (node), key);
      g_autofree char *where = g_strdup_printf ("value-settings, “%s”", key);
      gboolean target = g_str_has_prefix (key, "aarrr-target.") && strlen (key) == 14 &&
                        key[13] >= '1' && key[13] <= '5';
      const char *value;
      JsonArray *a;
      gint64 hlc, site;

      if (!target && !g_str_equal (key, "verdict.validated") && !g_str_equal (key, "verdict.invalidated"))
        return bad (im, where, _("not a setting of this version"));
      if (!JSON_NODE_HOLDS_ARRAY (entry) || json_array_get_length (a = json_node_get_array (entry)) != 2 ||
          json_node_get_value_type (json_array_get_element (a, 0)) != G_TYPE_STRING)
        return bad (im, where, _("must be [value, stamp]"));
      value = json_array_get_string_element (a, 0);
      if ((*value != '\0' || !target) && isnan (_vl_parse_share (value, target ? 1 : 10, NAN)))
        return bad (im, where, target ? _("a target share goes from 0 to 1") : _("a threshold goes from 0 to 10"));
      ok = read_stamp (im, json_array_get_element (a, 1), where, &hlc, &site) &&
           vl_store_set_meta (im->db, key, value, hlc, site);
    }
  return ok;
}

static gboolean
import_root (Importer   *im,
             JsonObject *root)
{
  gint64 hlc = 0, site = 0;
  const char *doc_id = json_object_get_string_member_with_default (root, "doc-id", NULL);
  const char *title = json_object_get_string_member_with_default (root, "title", "");
  gboolean ok;

  if (doc_id == NULL || !g_uuid_string_is_valid (doc_id))
    return bad (im, "doc-id", _("missing or not a valid id"));
  ok = sqlite3_exec (im->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK &&
       import_sites (im, root) && number_rows (im, root);
  if (ok && json_object_has_member (root, "title-stamp"))
    ok = read_stamp (im, json_object_get_member (root, "title-stamp"), "title", &hlc, &site);
  ok = ok && vl_store_set_meta (im->db, "doc_id", doc_id, 0, 0) &&
       vl_store_set_meta (im->db, "title", title, hlc, site) && import_wip_limits (im, root) &&
       import_value_settings (im, root);
  for (guint k = 0; ok && k < VL_N_KINDS; k++)
    ok = import_kind (im, root, k);
  ok = ok && import_conflicts (im, root);
  ok = ok && sqlite3_exec (im->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
  if (!ok)
    {
      bad (im, "database", sqlite3_errmsg (im->db));
      sqlite3_exec (im->db, "ROLLBACK", NULL, NULL, NULL);
    }
  return ok;
}

static gboolean
check_header (Importer   *im,
              JsonNode   *root)
{
  JsonObject *o;
  gint64 version;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      g_strcmp0 (json_object_get_string_member_with_default (o = json_node_get_object (root),
                                                             "format", NULL), FORMAT_NAME) != 0)
    return bad (im, "format", _("this is not a Valueloop export"));
  version = json_object_get_int_member_with_default (o, "version", 0);
  if (version > VL_SCHEMA_VERSION)
    {
      g_set_error (im->error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_NEWER,
                   _("“%s” was exported by a newer version of Valueloop (plan format %d; this "
                     "version knows up to %d)"), im->display, (int) version, VL_SCHEMA_VERSION);
      return FALSE;
    }
  if (version < 1)
    return bad (im, "version", _("missing"));
  return TRUE;
}

/**
 * vl_json_import_file:
 *
 * Builds a new plan at @target (which must not exist) from an export. The
 * plan is built under a temporary name and renamed into place only when
 * everything was read, so a bad export leaves nothing behind.
 */
gboolean
vl_json_import_file (GFile   *json,
                     GFile   *target,
                     GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json_display = g_file_get_parse_name (json);
  g_autofree char *json_path = g_file_get_path (json);
  g_autofree char *path = g_file_get_path (target);
  g_autofree char *display = g_file_get_parse_name (target);
  g_autofree char *tmp = NULL;
  g_autoptr(GError) local = NULL;
  Importer im = { json_display, NULL, { NULL }, NULL, error };
  gboolean ok;

  if (path == NULL || g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_EXISTS,
                   _("“%s” already exists; choose another name"), display);
      return FALSE;
    }
  if (!json_parser_load_from_file (parser, json_path, &local))
    {
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                   _("Could not read “%s”: %s"), json_display, local->message);
      return FALSE;
    }
  if (!check_header (&im, json_parser_get_root (parser)))
    return FALSE;

  tmp = g_strdup_printf ("%s.import-%d.tmp", path, (int) getpid ());
  g_unlink (tmp);
  ok = vl_store_create (tmp, display, "", error);
  if (ok)
    {
      im.db = vl_store_open (tmp, display, TRUE, error);
      ok = im.db != NULL && sqlite3_exec (im.db, "DELETE FROM meta", NULL, NULL, NULL) == SQLITE_OK;
      ok = ok && import_root (&im, json_node_get_object (json_parser_get_root (parser)));
      sqlite3_close (im.db);
    }
  for (guint k = 0; k < VL_N_KINDS; k++)
    g_clear_pointer (&im.rows[k], g_hash_table_unref);
  g_clear_pointer (&im.sites, g_hash_table_unref);
  if (ok && g_rename (tmp, path) != 0)
    {
      int saved = errno;

      ok = FALSE;
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_FAILED,
                   _("Could not create “%s”: %s"), display, g_strerror (saved));
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}
