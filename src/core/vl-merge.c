/* vl-merge.c — merge another copy of the same plan into this one
 *
 * The merge is a state-based CRDT (DESIGN §4): every register is
 * last-writer-wins by (hlc, site id), rows and append-only records merge as
 * sets, a delete loses to a later edit of the same row, and a value that
 * loses to a write that had not seen it is kept in the conflict table.
 * "Seen" is judged from the writes themselves (the winner replaced exactly
 * that value, or both came from the same device, which writes in order),
 * so every merge order reaches the same state.
 *
 * The other copy is first copied to a private snapshot, checked like any
 * file we open, brought to our plan format, and attached read-only in
 * spirit: nothing is ever written to the file that was given.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-merge"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <unistd.h>

#include "vl-document-private.h"
#include "vl-enums.h"
#include "vl-merge.h"
#include "vl-store.h"

#define MANY_ROWS 512

typedef struct
{
  gint64 hlc;
  gint64 site;   /* local site id */
} Stamp;

typedef struct
{
  VlDocument   *doc;
  sqlite3      *db;
  GHashTable   *site_uuids;         /* local site id → 16 bytes */
  GHashTable   *touched[VL_N_KINDS]; /* local rowids */
  VlMergeStats *stats;
  gint64        max_hlc;
  GError      **error;
  GHashTable   *stmts;             /* SQL → statement, for the hot paths */
  gint64        our_stamps;        /* our field_clock entries before the merge */
  Stamp         newest_taken;      /* the newest write we took, for "from <device>" */
  gint64        shared_stamps;     /* of those, how many the other copy has too */
} Merge;

static gboolean
failed (Merge      *m,
        const char *what)
{
  if (*m->error == NULL)
    g_set_error (m->error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_FAILED,
                 _("Could not merge into “%s” (%s): %s"), _vl_document_get_display (m->doc), what,
                 sqlite3_errmsg (m->db));
  return FALSE;
}

static gboolean
exec (Merge      *m,
      const char *sql)
{
  return sqlite3_exec (m->db, sql, NULL, NULL, NULL) == SQLITE_OK || failed (m, sql);
}

static sqlite3_stmt *
prepare (Merge      *m,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (m->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      failed (m, sql);
      return NULL;
    }
  return stmt;
}

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* A statement prepared once per merge; reset, never finalized by callers. */
static sqlite3_stmt *
cached (Merge      *m,
        const char *sql)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (m->stmts, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  stmt = prepare (m, sql);
  if (stmt != NULL)
    g_hash_table_insert (m->stmts, g_strdup (sql), stmt);
  return stmt;
}

/* ---- stamps ------------------------------------------------------------ */

static const guint8 *
site_uuid (Merge *m,
           gint64 site)
{
  static const guint8 none[VL_UUID_LEN];
  const guint8 *uuid = g_hash_table_lookup (m->site_uuids, &site);

  return uuid != NULL ? uuid : none;
}

static int
compare_stamps (Merge *m,
                Stamp  a,
                Stamp  b)
{
  if (a.hlc != b.hlc)
    return a.hlc < b.hlc ? -1 : 1;
  return memcmp (site_uuid (m, a.site), site_uuid (m, b.site), VL_UUID_LEN);
}

static gboolean
same_stamp (Stamp a,
            Stamp b)
{
  return a.hlc == b.hlc && a.site == b.site;
}

/* Remembers the newest write we took, to say whose changes came in. */
static void
note_taken (Merge *m,
            Stamp  stamp)
{
  if (compare_stamps (m, stamp, m->newest_taken) > 0)
    m->newest_taken = stamp;
}

static void
load_site_uuids (Merge *m)
{
  sqlite3_stmt *stmt = prepare (m, "SELECT id, uuid FROM main.site");

  m->site_uuids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (m->site_uuids, id,
                           g_memdup2 (sqlite3_column_blob (stmt, 1), VL_UUID_LEN));
    }
  sqlite3_finalize (stmt);
}

/* ---- rows -------------------------------------------------------------- */

static void
touch (Merge *m,
       VlKind kind,
       gint64 rowid)
{
  gint64 *key = g_new (gint64, 1);

  *key = rowid;
  g_hash_table_add (m->touched[kind], key);
}

/* Maps every row of the other copy to ours by uuid, inserting the rows we
 * lack (their references are translated once all kinds are mapped). */
static gboolean
map_and_insert_rows (Merge  *m,
                     VlKind  kind)
{
  const VlKindInfo *info = vl_kind_info (kind);
  const char *t = info->name;
  g_autofree char *cols = vl_kind_column_list (kind, "");
  g_autofree char *xcols = vl_kind_column_list (kind, "x.");
  g_autofree char *sql = g_strdup_printf (
    "CREATE TEMP TABLE m_%s (r INTEGER PRIMARY KEY, l INTEGER, fresh INTEGER NOT NULL DEFAULT 0);"
    "INSERT INTO m_%s (r, l) SELECT x.id, l.id FROM r.%s x LEFT JOIN main.%s l ON l.uuid = x.uuid;"
    "INSERT INTO main.%s (uuid, hlc, site, deleted, %s) "
    "  SELECT x.uuid, x.hlc, (SELECT l FROM temp.sm WHERE r = x.site), x.deleted, %s "
    "  FROM r.%s x JOIN temp.m_%s m ON m.r = x.id WHERE m.l IS NULL ORDER BY x.id;"
    "UPDATE temp.m_%s SET fresh = 1, l = (SELECT l.id FROM main.%s l, r.%s x "
    "  WHERE x.id = m_%s.r AND l.uuid = x.uuid) WHERE l IS NULL;",
    t, t, t, t, t, cols, xcols, t, t, t, t, t, t);
  sqlite3_stmt *stmt;

  if (!exec (m, sql))
    return FALSE;
  g_free (sql);
  sql = g_strdup_printf ("SELECT l FROM temp.m_%s WHERE fresh", t);
  stmt = prepare (m, sql);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      touch (m, kind, sqlite3_column_int64 (stmt, 0));
      m->stats->rows_added++;
    }
  sqlite3_finalize (stmt);
  g_free (sql);
  sql = g_strdup_printf ("SELECT x.hlc, s.l FROM r.%s x JOIN temp.m_%s m ON m.r = x.id "
                         "JOIN temp.sm s ON s.r = x.site WHERE m.fresh ORDER BY x.hlc DESC LIMIT 1",
                         t, t);
  stmt = prepare (m, sql);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    note_taken (m, (Stamp) { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) });
  sqlite3_finalize (stmt);
  g_free (sql);
  sql = g_strdup_printf ("SELECT max(hlc) FROM r.%s", t);
  stmt = prepare (m, sql);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    m->max_hlc = MAX (m->max_hlc, sqlite3_column_int64 (stmt, 0));
  sqlite3_finalize (stmt);
  return stmt != NULL;
}

/* New rows were copied with the other copy's row ids in their references. */
static gboolean
translate_refs (Merge  *m,
                VlKind  kind)
{
  const VlKindInfo *info = vl_kind_info (kind);

  for (guint i = 0; i < info->n_fields; i++)
    {
      const VlField *f = &info->fields[i];
      g_autofree char *sql = NULL;

      if (f->type != VL_FIELD_REF)
        continue;
      sql = g_strdup_printf ("UPDATE main.%s SET %s = (SELECT l FROM temp.m_%s WHERE r = %s) "
                             "WHERE %s IS NOT NULL AND id IN (SELECT l FROM temp.m_%s WHERE fresh)",
                             info->name, f->column, vl_kind_info (f->ref_kind)->name, f->column,
                             f->column, info->name);
      if (!exec (m, sql))
        return FALSE;
    }
  return TRUE;
}

/* ---- registers --------------------------------------------------------- */

/* The register's value as JSON, references as ids, the same text on every
 * replica for the same write. @schema is "main" or "r". */
static char *
register_json (Merge      *m,
               const char *schema,
               VlKind      kind,
               guint       reg,
               gint64      rowid)
{
  const VlKindInfo *info = vl_kind_info (kind);
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  sqlite3_stmt *stmt;
  int col = 0;

  if (reg == VL_REG_DELETED)
    g_string_append (sql, "deleted");
  for (guint i = 0; i < info->n_fields; i++)
    {
      const VlField *f = &info->fields[i];

      if (f->reg != reg)
        continue;
      if (f->type == VL_FIELD_REF)
        g_string_append_printf (sql, "%s(SELECT uuid FROM %s.%s WHERE id = x.%s)", col++ ? ", " : "",
                                schema, vl_kind_info (f->ref_kind)->name, f->column);
      else
        g_string_append_printf (sql, "%sx.%s", col++ ? ", " : "", f->column);
    }
  g_string_append_printf (sql, " FROM %s.%s x WHERE x.id = ?", schema, info->name);
  stmt = cached (m, sql->str);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  json_builder_begin_object (b);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      col = 0;
      if (reg == VL_REG_DELETED)
        {
          json_builder_set_member_name (b, "deleted");
          json_builder_add_boolean_value (b, sqlite3_column_int (stmt, col++) != VL_ROW_LIVE);
        }
      for (guint i = 0; i < info->n_fields; i++, col += info->fields[i - 1].reg == reg)
        {
          const VlField *f = &info->fields[i];
          char uuid[VL_UUID_STRING_LEN];

          if (f->reg != reg)
            continue;
          json_builder_set_member_name (b, f->name);
          if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
            json_builder_add_null_value (b);
          else if (f->type == VL_FIELD_REF && sqlite3_column_bytes (stmt, col) == VL_UUID_LEN)
            {
              vl_uuid_to_string (sqlite3_column_blob (stmt, col), uuid);
              json_builder_add_string_value (b, uuid);
            }
          else if (f->type == VL_FIELD_ENUM)
            json_builder_add_string_value (b, vl_enum_to_nick (f->enum_type (),
                                                               sqlite3_column_int (stmt, col)));
          else if (f->type == VL_FIELD_NUMBER)
            json_builder_add_double_value (b, sqlite3_column_double (stmt, col));
          else if (f->type == VL_FIELD_BOOL)
            json_builder_add_boolean_value (b, sqlite3_column_int (stmt, col) != 0);
          else if (f->type == VL_FIELD_STRING || f->type == VL_FIELD_DATE)
            json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, col));
          else
            json_builder_add_int_value (b, sqlite3_column_int64 (stmt, col));
        }
    }
  sqlite3_reset (stmt);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static gboolean
keep_conflict (Merge      *m,
               const char *schema,
               VlKind      kind,
               gint64      local_row,
               gint64      value_row,
               guint       reg,
               Stamp       loser)
{
  g_autofree char *value = register_json (m, schema, kind, reg, value_row);
  sqlite3_stmt *stmt;
  gboolean ok;

  if (value == NULL)
    return FALSE;
  stmt = cached (m, "INSERT OR IGNORE INTO main.conflict (kind, row, reg, value, hlc, site) "
                     "VALUES (?, ?, ?, ?, ?, ?)");
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, (int) kind);
  sqlite3_bind_int64 (stmt, 2, local_row);
  sqlite3_bind_int (stmt, 3, (int) reg);
  sqlite3_bind_text (stmt, 4, value, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, loser.hlc);
  sqlite3_bind_int64 (stmt, 6, loser.site);
  ok = sqlite3_step (stmt) == SQLITE_DONE || failed (m, "conflict");
  m->stats->conflicts_added += sqlite3_changes (m->db) > 0;
  sqlite3_reset (stmt);
  return ok;
}

/* Copies register @reg of remote row @rrow over local row @lrow. */
static gboolean
take_register (Merge  *m,
               VlKind  kind,
               guint   reg,
               gint64  lrow,
               gint64  rrow)
{
  const VlKindInfo *info = vl_kind_info (kind);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  sqlite3_stmt *stmt;
  gboolean ok;

  g_string_append_printf (sql, "UPDATE main.%s SET (", info->name);
  if (reg == VL_REG_DELETED)
    {
      g_string_append (sql, "deleted");
      g_string_append (values, "x.deleted <> 0");
    }
  for (guint i = 0; i < info->n_fields; i++)
    {
      const VlField *f = &info->fields[i];
      const char *sep = values->len ? ", " : "";

      if (f->reg != reg)
        continue;
      g_string_append_printf (sql, "%s%s", sep, f->column);
      if (f->type == VL_FIELD_REF)
        g_string_append_printf (values, "%s(SELECT l FROM temp.m_%s WHERE r = x.%s)", sep,
                                vl_kind_info (f->ref_kind)->name, f->column);
      else
        g_string_append_printf (values, "%sx.%s", sep, f->column);
    }
  g_string_append_printf (sql, ") = (SELECT %s FROM r.%s x WHERE x.id = ?2) WHERE id = ?1",
                          values->str, info->name);
  stmt = cached (m, sql->str);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, lrow);
  sqlite3_bind_int64 (stmt, 2, rrow);
  ok = sqlite3_step (stmt) == SQLITE_DONE || failed (m, "take a register");
  sqlite3_reset (stmt);
  return ok;
}

/* The local stamp of a register and its base: its field_clock entry, else
 * the row's creation stamp (which is its own base). */
static gboolean
local_stamp_full (Merge    *m,
                  VlKind    kind,
                  gint64    row,
                  guint     reg,
                  Stamp    *stamp,
                  Stamp    *base,
                  gboolean *edited)
{
  sqlite3_stmt *stmt = cached (m, "SELECT hlc, site, base_hlc, base_site FROM main.field_clock "
                                   "WHERE kind = ? AND row = ? AND reg = ?");
  g_autofree char *sql = NULL;
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, (int) kind);
  sqlite3_bind_int64 (stmt, 2, row);
  sqlite3_bind_int (stmt, 3, (int) reg);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      *stamp = (Stamp) { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
      *base = (Stamp) { sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3) };
    }
  sqlite3_reset (stmt);
  *edited = found;
  if (found)
    return TRUE;
  sql = g_strdup_printf ("SELECT hlc, site FROM main.%s WHERE id = ?", vl_kind_info (kind)->name);
  stmt = cached (m, sql);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    *stamp = *base = (Stamp) { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
  sqlite3_reset (stmt);
  return found || failed (m, "a row vanished");
}

static gboolean
local_stamp (Merge  *m,
             VlKind  kind,
             gint64  row,
             guint   reg,
             Stamp  *stamp,
             Stamp  *base)
{
  gboolean edited;

  return local_stamp_full (m, kind, row, reg, stamp, base, &edited);
}

static gboolean
set_local_stamp (Merge  *m,
                 VlKind  kind,
                 gint64  row,
                 guint   reg,
                 Stamp   stamp,
                 Stamp   base)
{
  sqlite3_stmt *stmt = cached (m, "INSERT OR REPLACE INTO main.field_clock "
                                   "(kind, row, reg, hlc, site, base_hlc, base_site) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?)");
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, (int) kind);
  sqlite3_bind_int64 (stmt, 2, row);
  sqlite3_bind_int (stmt, 3, (int) reg);
  sqlite3_bind_int64 (stmt, 4, stamp.hlc);
  sqlite3_bind_int64 (stmt, 5, stamp.site);
  sqlite3_bind_int64 (stmt, 6, base.hlc);
  sqlite3_bind_int64 (stmt, 7, base.site);
  ok = sqlite3_step (stmt) == SQLITE_DONE || failed (m, "stamp");
  sqlite3_reset (stmt);
  return ok;
}

/* The winner had seen the loser if it replaced exactly that value, or if
 * both came from the same device, which writes one after the other. */
static gboolean
had_seen (Stamp winner,
          Stamp winner_base,
          Stamp loser)
{
  return same_stamp (winner_base, loser) || winner.site == loser.site;
}

/* Our row for the other copy's row @rrow; @fresh says this merge added it. */
static gint64
map_row (Merge    *m,
         VlKind    kind,
         gint64    rrow,
         gboolean *fresh)
{
  g_autofree char *sql = g_strdup_printf ("SELECT l, fresh FROM temp.m_%s WHERE r = ?",
                                          vl_kind_info (kind)->name);
  sqlite3_stmt *stmt = cached (m, sql);
  gint64 l = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, rrow);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      l = sqlite3_column_int64 (stmt, 0);
      *fresh = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);
  return l;
}

/* Only registers the other copy edited after creation can differ from
 * ours: an unedited register holds the creation value on both sides. */
static gboolean
merge_registers (Merge *m)
{
  sqlite3_stmt *stmt = prepare (m, "SELECT fc.kind, fc.row, fc.reg, fc.hlc, s.l, fc.base_hlc, "
                                   "ifnull (b.l, 0) FROM r.field_clock fc "
                                   "JOIN temp.sm s ON s.r = fc.site "
                                   "LEFT JOIN temp.sm b ON b.r = fc.base_site");
  gboolean ok = stmt != NULL;

  while (ok && sqlite3_step (stmt) == SQLITE_ROW)
    {
      VlKind kind = (VlKind) sqlite3_column_int (stmt, 0);
      gint64 rrow = sqlite3_column_int64 (stmt, 1);
      guint reg = (guint) sqlite3_column_int (stmt, 2);
      Stamp theirs = { sqlite3_column_int64 (stmt, 3), sqlite3_column_int64 (stmt, 4) };
      Stamp their_base = { sqlite3_column_int64 (stmt, 5), sqlite3_column_int64 (stmt, 6) };
      Stamp ours, our_base;
      gboolean fresh = FALSE, edited = FALSE;
      gint64 lrow;
      int c;

      if (kind >= VL_N_KINDS || reg >= vl_kind_info (kind)->n_regs)
        continue;
      m->max_hlc = MAX (m->max_hlc, theirs.hlc);
      lrow = map_row (m, kind, rrow, &fresh);
      if (lrow != 0 && fresh)
        {
          /* New to us: it came with these values; we had none to lose. */
          ok = set_local_stamp (m, kind, lrow, reg, theirs, their_base);
          note_taken (m, theirs);
          continue;
        }
      if (lrow == 0 || !(ok = local_stamp_full (m, kind, lrow, reg, &ours, &our_base, &edited)))
        continue;
      c = compare_stamps (m, theirs, ours);
      m->shared_stamps += edited && c == 0;
      if (c > 0)
        {
          /* An unedited register holds the creation value, which every
           * writer had seen: nobody edits a row without having it. */
          if (edited && !had_seen (theirs, their_base, ours))
            ok = keep_conflict (m, "main", kind, lrow, lrow, reg, ours);
          ok = ok && take_register (m, kind, reg, lrow, rrow) &&
               set_local_stamp (m, kind, lrow, reg, theirs, their_base);
          m->stats->fields_taken++;
          note_taken (m, theirs);
          touch (m, kind, lrow);
        }
      else if (c < 0)
        {
          if (!had_seen (ours, our_base, theirs))
            ok = keep_conflict (m, "r", kind, lrow, rrow, reg, theirs);
          m->stats->local_ahead = TRUE;
          touch (m, kind, lrow);
        }
    }
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
merge_conflicts (Merge *m)
{
  for (guint k = 0; k < VL_N_KINDS; k++)
    {
      g_autofree char *sql = g_strdup_printf (
        "INSERT OR IGNORE INTO main.conflict (kind, row, reg, value, hlc, site) "
        "SELECT c.kind, mr.l, c.reg, c.value, c.hlc, s.l FROM r.conflict c "
        "JOIN temp.m_%s mr ON mr.r = c.row JOIN temp.sm s ON s.r = c.site WHERE c.kind = %u",
        vl_kind_info (k)->name, k);

      if (!exec (m, sql))
        return FALSE;
      m->stats->conflicts_added += (guint) sqlite3_changes (m->db);
    }
  return TRUE;
}

/* Plan settings (the title, WIP limits, AARRR targets, verdict
 * thresholds, the cycle time's statuses): last writer wins, like a row's
 * register. A setting only one side has was written by that side. */
static gboolean
merge_settings (Merge *m)
{
  sqlite3_stmt *stmt = prepare (m, "SELECT x.key, x.value, x.hlc, s.l, l.hlc, l.site FROM r.meta x "
                                   "JOIN temp.sm s ON s.r = x.site "
                                   "LEFT JOIN main.meta l ON l.key = x.key "
                                   "WHERE x.key = 'title' OR x.key GLOB 'wip-limit.[0-9]' "
                                   "OR x.key GLOB 'aarrr-target.[0-9]' OR x.key GLOB 'verdict.*' "
                                   "OR x.key = 'report.clock'");
  gboolean ok = stmt != NULL;

  while (ok && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      Stamp theirs = { sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3) };
      Stamp ours = { sqlite3_column_int64 (stmt, 4), sqlite3_column_int64 (stmt, 5) };

      if (compare_stamps (m, theirs, ours) > 0)
        ok = vl_store_set_meta (m->db, key, (const char *) sqlite3_column_text (stmt, 1),
                                theirs.hlc, theirs.site) || failed (m, key);
      m->max_hlc = MAX (m->max_hlc, theirs.hlc);
    }
  sqlite3_finalize (stmt);
  return ok;
}

/* An edit beats a concurrent delete: a deleted row with any field written
 * after the delete is shown again (VL_ROW_REVIVED). The delete register
 * itself keeps its value, and revival is recomputed from the stamps, a pure
 * function of the merged state, so every replica revives the same rows. */
static gboolean
revive (Merge  *m,
        VlKind  kind)
{
  GHashTableIter iter;
  gpointer key;
  g_autofree char *sql = g_strdup_printf ("SELECT deleted FROM main.%s WHERE id = ?",
                                          vl_kind_info (kind)->name);
  g_autofree char *update = g_strdup_printf ("UPDATE main.%s SET deleted = ? WHERE id = ?",
                                             vl_kind_info (kind)->name);
  sqlite3_stmt *get = prepare (m, sql);
  sqlite3_stmt *set = prepare (m, update);
  sqlite3_stmt *edits = prepare (m, "SELECT hlc, site FROM main.field_clock WHERE kind = ? "
                                    "AND row = ? AND reg > 0");
  gboolean ok = get != NULL && set != NULL && edits != NULL;

  g_hash_table_iter_init (&iter, m->touched[kind]);
  while (ok && g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 row = *(gint64 *) key;
      int state, wanted = VL_ROW_DELETED;
      Stamp del, base;

      sqlite3_reset (get);
      sqlite3_bind_int64 (get, 1, row);
      state = sqlite3_step (get) == SQLITE_ROW ? sqlite3_column_int (get, 0) : VL_ROW_LIVE;
      if (state == VL_ROW_LIVE || !local_stamp (m, kind, row, VL_REG_DELETED, &del, &base))
        continue;
      sqlite3_reset (edits);
      sqlite3_bind_int (edits, 1, (int) kind);
      sqlite3_bind_int64 (edits, 2, row);
      while (sqlite3_step (edits) == SQLITE_ROW)
        {
          Stamp edit = { sqlite3_column_int64 (edits, 0), sqlite3_column_int64 (edits, 1) };

          if (compare_stamps (m, edit, del) > 0)
            wanted = VL_ROW_REVIVED;
        }
      if (wanted == state)
        continue;
      sqlite3_reset (set);
      sqlite3_bind_int (set, 1, wanted);
      sqlite3_bind_int64 (set, 2, row);
      ok = sqlite3_step (set) == SQLITE_DONE || failed (m, "revive");
    }
  sqlite3_finalize (get);
  sqlite3_finalize (set);
  sqlite3_finalize (edits);
  return ok;
}

/* Do we have anything the other copy lacks? Rows it does not have, or
 * field stamps it does not share (those we won were flagged already). */
static void
check_local_ahead (Merge *m)
{
  for (guint k = 0; k < VL_N_KINDS && !m->stats->local_ahead; k++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) - (SELECT count(*) FROM temp.m_%s) "
                                              "FROM main.%s", vl_kind_info (k)->name,
                                              vl_kind_info (k)->name);
      sqlite3_stmt *stmt = prepare (m, sql);

      if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) > 0)
        m->stats->local_ahead = TRUE;
      sqlite3_finalize (stmt);
    }
  if (m->shared_stamps < m->our_stamps)
    m->stats->local_ahead = TRUE;
}

#define PHASE(name) \
  G_STMT_START { \
    g_debug ("%-10s %6.1f ms", name, (g_get_monotonic_time () - t) / 1000.0); \
    t = g_get_monotonic_time (); \
  } G_STMT_END

static gboolean
run_merge (Merge *m)
{
  gint64 t = g_get_monotonic_time ();
  gboolean ok;

  ok = exec (m, "INSERT OR IGNORE INTO main.site (uuid, name) SELECT uuid, name FROM r.site;"
                "CREATE TEMP TABLE sm (r INTEGER PRIMARY KEY, l INTEGER);"
                "INSERT INTO temp.sm SELECT x.id, l.id FROM r.site x JOIN main.site l "
                "  ON l.uuid = x.uuid;"
                "INSERT OR IGNORE INTO temp.sm VALUES (0, 0);");
  if (ok)
    {
      sqlite3_stmt *stmt = prepare (m, "SELECT count(*) FROM main.field_clock");

      load_site_uuids (m);
      if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
        m->our_stamps = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
    }
  PHASE ("sites");
  for (guint k = 0; ok && k < VL_N_KINDS; k++)
    ok = map_and_insert_rows (m, k);
  PHASE ("rows");
  for (guint k = 0; ok && k < VL_N_KINDS; k++)
    ok = translate_refs (m, k);
  PHASE ("refs");
  ok = ok && merge_registers (m);
  PHASE ("registers");
  ok = ok && merge_conflicts (m) && merge_settings (m);
  for (guint k = 0; ok && k < VL_N_KINDS; k++)
    ok = revive (m, k);
  PHASE ("revive");
  if (ok)
    check_local_ahead (m);
  if (ok && m->newest_taken.hlc != 0)
    {
      sqlite3_stmt *stmt = prepare (m, "SELECT name FROM main.site WHERE id = ?");

      sqlite3_bind_int64 (stmt, 1, m->newest_taken.site);
      if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
        g_strlcpy (m->stats->from_device, (const char *) sqlite3_column_text (stmt, 0),
                   sizeof m->stats->from_device);
      sqlite3_finalize (stmt);
    }
  PHASE ("ahead");
  return ok;
}

static void
drop_temp (Merge *m)
{
  sqlite3_exec (m->db, "DROP TABLE IF EXISTS temp.sm", NULL, NULL, NULL);
  for (guint k = 0; k < VL_N_KINDS; k++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP TABLE IF EXISTS temp.m_%s",
                                              vl_kind_info (k)->name);

      sqlite3_exec (m->db, sql, NULL, NULL, NULL);
    }
}

/* ---- snapshot ---------------------------------------------------------- */

/* A private copy of @other at our plan format, checked, with our doc id. */
static char *
snapshot (VlDocument *doc,
          GFile      *other,
          GError    **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "valueloop", "incoming", NULL);
  g_autofree char *name = g_strdup_printf ("%s-%d.valueloop", vl_document_get_doc_id (doc),
                                           (int) getpid ());
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *display = g_file_get_parse_name (other);
  g_autoptr(GFile) copy = g_file_new_for_path (path);
  g_autoptr(GFileInfo) before = NULL, after = NULL;
  g_autofree char *doc_id = NULL;
  sqlite3 *db;
  int version = 0;

  g_mkdir_with_parents (dir, 0700);
  before = g_file_query_info (other, "standard::size,time::modified,time::modified-usec", 0,
                              NULL, error);
  if (before == NULL ||
      !g_file_copy (other, copy, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
    return NULL;
  after = g_file_query_info (other, "standard::size,time::modified,time::modified-usec", 0,
                             NULL, error);
  if (after == NULL || g_file_info_get_size (before) != g_file_info_get_size (after) ||
      g_file_info_get_attribute_uint64 (before, "time::modified") !=
        g_file_info_get_attribute_uint64 (after, "time::modified") ||
      g_file_info_get_attribute_uint32 (before, "time::modified-usec") !=
        g_file_info_get_attribute_uint32 (after, "time::modified-usec"))
    {
      if (after != NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                     _("“%s” changed while it was read; try again"), display);
      g_unlink (path);
      return NULL;
    }
  /* Check the private copy, naming the file the user knows. */
  db = vl_store_open (path, display, FALSE, error);
  if (db == NULL || !vl_store_check (db, display, &version, error))
    {
      sqlite3_close (db);
      g_unlink (path);
      return NULL;
    }
  sqlite3_close (db);
  if (version > VL_SCHEMA_VERSION)
    {
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_NEWER,
                   _("“%s” was made by a newer version of Valueloop (plan format %d; this "
                     "version knows up to %d) and cannot be merged"), display, version,
                   VL_SCHEMA_VERSION);
      g_unlink (path);
      return NULL;
    }
  db = vl_store_open (path, display, TRUE, error);
  if (db == NULL || !vl_store_migrate (db, display, error))
    {
      sqlite3_close (db);
      g_unlink (path);
      return NULL;
    }
  doc_id = vl_store_get_meta (db, "doc_id");
  sqlite3_close (db);
  if (g_strcmp0 (doc_id, vl_document_get_doc_id (doc)) != 0)
    {
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                   _("“%s” is another plan (document %s, not %s) and cannot be merged"),
                   display, doc_id, vl_document_get_doc_id (doc));
      g_unlink (path);
      return NULL;
    }
  return g_steal_pointer (&path);
}

/* ---- refresh ----------------------------------------------------------- */

static void
refresh (Merge *m)
{
  for (guint k = 0; k < VL_N_KINDS; k++)
    {
      GHashTableIter iter;
      gpointer key;
      gboolean many = g_hash_table_size (m->touched[k]) > MANY_ROWS;

      g_hash_table_iter_init (&iter, m->touched[k]);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!many || _vl_document_is_live (m->doc, k, *(gint64 *) key))
          _vl_document_row_merged (m->doc, k, *(gint64 *) key);
    }
}

/**
 * vl_document_merge_file:
 * @other: another copy of this plan (a conflict copy, another device's file)
 * @stats: (out) (optional): what the merge did
 *
 * Merges @other into this plan in one transaction. @other is never
 * written; a file that fails its checks, comes from a newer Valueloop or
 * belongs to another plan is refused and nothing changes. Merging the same
 * file again changes nothing.
 */
gboolean
vl_document_merge_file (VlDocument   *self,
                        GFile        *other,
                        VlMergeStats *stats,
                        GError      **error)
{
  g_autofree char *path = NULL;
  GError *local = NULL;
  gint64 start;
  VlMergeStats local_stats = { 0 };
  Merge m = { self, _vl_document_get_db (self), NULL, { NULL }, stats ? stats : &local_stats, 0,
              NULL, NULL };
  gboolean ok, many[VL_N_KINDS] = { FALSE };
  sqlite3_stmt *attach;

  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (other), FALSE);

  memset (m.stats, 0, sizeof *m.stats);
  m.error = &local;
  if (vl_document_get_read_only (self))
    {
      g_set_error_literal (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_READ_ONLY,
                           vl_document_get_read_only_reason (self));
      return FALSE;
    }
  _vl_document_end_reads (self);
  start = g_get_monotonic_time ();
  path = snapshot (self, other, error);
  g_debug ("snapshot   %6.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  if (path == NULL)
    return FALSE;
  for (guint k = 0; k < VL_N_KINDS; k++)
    m.touched[k] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  m.stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_stmt);

  /* ATTACH cannot run inside a transaction: attach, then begin. */
  attach = prepare (&m, "ATTACH ? AS r");
  ok = attach != NULL;
  if (ok)
    {
      sqlite3_bind_text (attach, 1, path, -1, SQLITE_STATIC);
      ok = sqlite3_step (attach) == SQLITE_DONE || failed (&m, "attach");
    }
  sqlite3_finalize (attach);
  vl_document_begin (self, NULL);
  ok = ok && run_merge (&m);
  if (ok)
    {
      _vl_document_observe (self, m.max_hlc);
      refresh (&m);
      _vl_document_settings_merged (self);
    }
  else
    vl_document_cancel (self);
  g_hash_table_remove_all (m.stmts);
  drop_temp (&m);
  start = g_get_monotonic_time ();
  ok = vl_document_commit (self, ok ? &local : NULL) && ok;
  g_debug ("commit     %6.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  sqlite3_exec (m.db, "DETACH r", NULL, NULL, NULL);
  for (guint k = 0; k < VL_N_KINDS; k++)
    {
      many[k] = g_hash_table_size (m.touched[k]) > MANY_ROWS;
      g_hash_table_unref (m.touched[k]);
      if (ok && many[k])
        _vl_document_reload_lists (self, k);
    }
  if (ok && m.stats->rows_added + m.stats->fields_taken + m.stats->conflicts_added > 0)
    _vl_document_mark_unpublished (self);
  if (ok)
    _vl_document_emit_merged (self);
  if (local != NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  g_clear_pointer (&m.site_uuids, g_hash_table_unref);
  g_hash_table_unref (m.stmts);
  g_unlink (path);
  return ok;
}
