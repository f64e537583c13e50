/* vl-store.c — SQLite-level helpers
 *
 * Every connection is hardened (DESIGN §6). A file is accepted only if its
 * application id, format version, quick_check and schema are ours; the
 * expected schema of each version is built by running the same migrations
 * on an in-memory database, so checks and migrations cannot drift apart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "vl-document.h"
#include "vl-store.h"
#include "vl-uuid.h"

static gboolean
fail (GError    **error,
      int         code,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (GError    **error,
      int         code,
      const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (VL_DOCUMENT_ERROR, code, format, args));
  va_end (args);
  return FALSE;
}

static void
harden (sqlite3 *db)
{
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_exec (db, "PRAGMA cell_size_check = ON; PRAGMA mmap_size = 0", NULL, NULL, NULL);
}

sqlite3 *
vl_store_open (const char *path,
               const char *display,
               gboolean    writable,
               GError    **error)
{
  sqlite3 *db = NULL;
  int flags = writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;

  if (sqlite3_open_v2 (path, &db, flags, NULL) != SQLITE_OK)
    {
      fail (error, VL_DOCUMENT_ERROR_FAILED, _("Could not open “%s”: %s"), display,
            db != NULL ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
      sqlite3_close (db);
      return NULL;
    }
  harden (db);
  /* Our own file never keeps a journal or WAL beside it. */
  if (writable &&
      sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      fail (error, VL_DOCUMENT_ERROR_FAILED, _("Could not open “%s”: %s"), display,
            sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

static int
query_int (sqlite3    *db,
           const char *sql,
           int        *rc)
{
  sqlite3_stmt *stmt = NULL;
  int value = 0;

  *rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (*rc == SQLITE_OK)
    {
      *rc = sqlite3_step (stmt);
      if (*rc == SQLITE_ROW)
        {
          value = sqlite3_column_int (stmt, 0);
          *rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  return value;
}

/* "type name sql" of every schema object, sorted. */
static GPtrArray *
dump_schema (sqlite3 *db)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  if (sqlite3_prepare_v2 (db, "SELECT type, name, sql FROM sqlite_schema ORDER BY type, name",
                          -1, &stmt, NULL) != SQLITE_OK)
    return rows;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (rows, g_strdup_printf ("%s %s %s", sqlite3_column_text (stmt, 0),
                                            sqlite3_column_text (stmt, 1),
                                            sqlite3_column_text (stmt, 2)));
  sqlite3_finalize (stmt);
  return rows;
}

static GPtrArray *
expected_schema (int version)
{
  static GPtrArray *cache[VL_SCHEMA_VERSION + 1];
  sqlite3 *db;

  g_assert (version >= 1 && version <= VL_SCHEMA_VERSION);
  if (cache[version] != NULL)
    return cache[version];
  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
      !vl_store_migrate_to (db, ":memory:", version, NULL))
    g_error ("The built-in schema of version %d does not build", version);
  cache[version] = dump_schema (db);
  sqlite3_close (db);
  return cache[version];
}

static gboolean
check_objects (sqlite3    *db,
               const char *display,
               int         version,
               GError    **error)
{
  g_autoptr(GPtrArray) actual = dump_schema (db);
  GPtrArray *expected;

  for (guint i = 0; i < actual->len; i++)
    {
      const char *row = actual->pdata[i];

      if (g_str_has_prefix (row, "trigger ") || g_str_has_prefix (row, "view "))
        return fail (error, VL_DOCUMENT_ERROR_DAMAGED,
                     _("“%s” was refused: it contains a %s that Valueloop did not create"),
                     display, g_str_has_prefix (row, "view ") ? _("view") : _("trigger"));
    }
  if (version > VL_SCHEMA_VERSION)
    return TRUE;
  expected = expected_schema (version);
  for (guint i = 0; i < MAX (actual->len, expected->len); i++)
    if (i >= actual->len || i >= expected->len ||
        g_strcmp0 (actual->pdata[i], expected->pdata[i]) != 0)
      return fail (error, VL_DOCUMENT_ERROR_DAMAGED,
                   _("“%s” was refused: its tables are not those of a Valueloop plan "
                     "(format %d)"), display, version);
  return TRUE;
}

static gboolean
quick_check (sqlite3    *db,
             const char *display,
             GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *problem = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
        problem = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_OK && problem == NULL)
    problem = g_strdup (sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  if (problem != NULL)
    return fail (error, VL_DOCUMENT_ERROR_DAMAGED, _("“%s” is damaged: %s"), display, problem);
  return TRUE;
}

gboolean
vl_store_check (sqlite3    *db,
                const char *display,
                int        *schema_version,
                GError    **error)
{
  g_autofree char *doc_id = NULL;
  guint8 uuid[VL_UUID_LEN];
  int rc, app_id, version, n_tables;

  app_id = query_int (db, "PRAGMA application_id", &rc);
  if (rc == SQLITE_NOTADB)
    return fail (error, VL_DOCUMENT_ERROR_NOT_A_PLAN,
                 _("“%s” is not a Valueloop plan: it is not a database file"), display);
  if (rc != SQLITE_OK)
    return fail (error, VL_DOCUMENT_ERROR_DAMAGED, _("“%s” is damaged: %s"), display,
                 sqlite3_errmsg (db));
  if ((guint32) app_id != VL_APPLICATION_ID)
    {
      n_tables = query_int (db, "SELECT count(*) FROM sqlite_schema", &rc);
      if (rc == SQLITE_OK && n_tables == 0)
        return fail (error, VL_DOCUMENT_ERROR_NOT_A_PLAN,
                     _("“%s” is not a Valueloop plan: it is empty"), display);
      return fail (error, VL_DOCUMENT_ERROR_NOT_A_PLAN,
                   _("“%s” is not a Valueloop plan: it is another program’s database"), display);
    }
  version = query_int (db, "PRAGMA user_version", &rc);
  if (rc != SQLITE_OK || version < 1)
    return fail (error, VL_DOCUMENT_ERROR_DAMAGED,
                 _("“%s” is damaged: it has no plan format version"), display);
  if (!quick_check (db, display, error) || !check_objects (db, display, version, error))
    return FALSE;
  doc_id = vl_store_get_meta (db, "doc_id");
  if (doc_id == NULL || !vl_uuid_parse (doc_id, uuid))
    return fail (error, VL_DOCUMENT_ERROR_DAMAGED,
                 _("“%s” is damaged: it has no valid document id"), display);
  if (schema_version != NULL)
    *schema_version = version;
  return TRUE;
}

gboolean
vl_store_migrate_to (sqlite3    *db,
                     const char *display,
                     int         version,
                     GError    **error)
{
  guint n;
  const char *const *steps = vl_schema_migrations (&n);
  int rc, current = query_int (db, "PRAGMA user_version", &rc);

  for (int v = current + 1; rc == SQLITE_OK && v <= version; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", v);

      if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
          sqlite3_exec (db, steps[v - 1], NULL, NULL, NULL) != SQLITE_OK ||
          sqlite3_exec (db, bump, NULL, NULL, NULL) != SQLITE_OK ||
          sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        {
          g_autofree char *message = g_strdup (sqlite3_errmsg (db));

          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return fail (error, VL_DOCUMENT_ERROR_FAILED,
                       _("Could not update “%s” to plan format %d: %s"), display, v, message);
        }
    }
  if (rc != SQLITE_OK)
    return fail (error, VL_DOCUMENT_ERROR_FAILED, _("Could not read “%s”: %s"), display,
                 sqlite3_errmsg (db));
  return TRUE;
}

gboolean
vl_store_migrate (sqlite3    *db,
                  const char *display,
                  GError    **error)
{
  return vl_store_migrate_to (db, display, VL_SCHEMA_VERSION, error);
}

/* Builds the new file under a temporary name beside @path and renames it
 * into place once complete, so a failure leaves nothing behind. */
gboolean
vl_store_create (const char *path,
                 const char *display,
                 const char *title,
                 GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf ("~$%s.%d.tmp", base, (int) getpid ());
  g_autofree char *tmp = g_build_filename (dir, name, NULL);
  g_autofree char *doc_id = g_uuid_string_random ();
  g_autofree char *app_id = g_strdup_printf ("PRAGMA application_id = %d", VL_APPLICATION_ID);
  sqlite3 *db = NULL;
  gboolean ok;

  g_unlink (tmp);
  ok = sqlite3_open_v2 (tmp, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) == SQLITE_OK;
  if (ok)
    harden (db);
  ok = ok && sqlite3_exec (db, app_id, NULL, NULL, NULL) == SQLITE_OK;
  if (!ok)
    fail (error, VL_DOCUMENT_ERROR_FAILED, _("Could not create “%s”: %s"), display,
          db != NULL ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
  ok = ok && vl_store_migrate (db, display, error);
  ok = ok && vl_store_set_meta (db, "doc_id", doc_id, 0, 0) &&
       vl_store_set_meta (db, "title", title, 0, 0);
  if (!ok && error != NULL && *error == NULL)
    fail (error, VL_DOCUMENT_ERROR_FAILED, _("Could not create “%s”: %s"), display,
          sqlite3_errmsg (db));
  sqlite3_close (db);
  if (ok && g_rename (tmp, path) != 0)
    {
      int saved = errno;

      ok = fail (error, VL_DOCUMENT_ERROR_FAILED, _("Could not create “%s”: %s"), display,
                 g_strerror (saved));
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}

char *
vl_store_get_meta (sqlite3    *db,
                   const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = ?", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

gboolean
vl_store_set_meta (sqlite3    *db,
                   const char *key,
                   const char *value,
                   gint64      hlc,
                   gint64      site)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  if (sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO meta (key, value, hlc, site) "
                          "VALUES (?, ?, ?, ?)", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, hlc);
  sqlite3_bind_int64 (stmt, 4, site);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  return ok;
}

gint64
vl_store_ensure_site (sqlite3    *db,
                      const char *uuid,
                      const char *name)
{
  sqlite3_stmt *stmt;
  guint8 bytes[VL_UUID_LEN];
  gint64 id = 0;

  if (!vl_uuid_parse (uuid, bytes) ||
      sqlite3_prepare_v2 (db, "INSERT INTO site (uuid, name) VALUES (?1, ?2) "
                          "ON CONFLICT (uuid) DO UPDATE SET name = ?2 RETURNING id",
                          -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_blob (stmt, 1, bytes, VL_UUID_LEN, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

static gint64
query_int64 (sqlite3    *db,
             const char *sql)
{
  sqlite3_stmt *stmt;
  gint64 value = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

gint64
vl_store_max_stamp (sqlite3 *db)
{
  gint64 max = MAX (query_int64 (db, "SELECT max(hlc) FROM field_clock"),
                    query_int64 (db, "SELECT max(hlc) FROM meta"));

  for (guint k = 0; k < VL_N_KINDS; k++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT max(hlc) FROM %s", vl_kind_info (k)->name);

      max = MAX (max, query_int64 (db, sql));
    }
  return max;
}

guint
vl_store_count_rows (sqlite3    *db,
                     const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE deleted <> 1", table);

  return (guint) query_int64 (db, sql);
}

static gint64
unique_match (sqlite3    *db,
              const char *sql,
              const void *blob,
              const char *text)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int n = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  if (blob != NULL)
    sqlite3_bind_blob (stmt, 1, blob, VL_UUID_LEN, SQLITE_STATIC);
  else
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW && n++ < 2)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n == 1 ? id : 0;
}

/* A row by full id, by unique id prefix (4+ hex digits) or by exact title. */
gint64
vl_store_find_row (sqlite3          *db,
                   const VlKindInfo *info,
                   const char       *text)
{
  guint8 uuid[VL_UUID_LEN];
  g_autoptr(GString) hex = g_string_new (NULL);
  g_autofree char *sql = NULL;
  gboolean is_hex = TRUE;
  gint64 id;

  if (vl_uuid_parse (text, uuid))
    {
      sql = g_strdup_printf ("SELECT id FROM %s WHERE uuid = ? AND deleted <> 1", info->name);
      return unique_match (db, sql, uuid, NULL);
    }
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isxdigit (*p))
      g_string_append_c (hex, g_ascii_toupper (*p));
    else if (*p != '-')
      is_hex = FALSE;
  if (is_hex && hex->len >= 4)
    {
      g_string_append_c (hex, '%');
      sql = g_strdup_printf ("SELECT id FROM %s WHERE deleted <> 1 AND hex(uuid) LIKE ?",
                             info->name);
      id = unique_match (db, sql, NULL, hex->str);
      if (id != 0)
        return id;
      g_clear_pointer (&sql, g_free);
    }
  if (info->title_field == NULL)
    return 0;
  sql = g_strdup_printf ("SELECT id FROM %s WHERE deleted <> 1 AND %s = ?", info->name,
                         info->fields[vl_kind_find_field (info->kind, info->title_field)].column);
  return unique_match (db, sql, NULL, text);
}
