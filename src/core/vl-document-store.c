/* vl-document-store.c — the document's row store
 *
 * The SQL side of a document: prepared statements (kept per kind and
 * register, and by text for list loads), binding and reading typed
 * values, loading a row, and the write engine — a register written with
 * its stamp in field_clock and its undo entry, rows inserted, moved and
 * deleted. Every write runs inside an action (vl_document_begin/commit).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-document"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "vl-document-units.h"
#include "vl-rank.h"

/* Indices of the fields of register @reg; returns how many. */
guint
_vl_doc_reg_fields (VlKind  kind,
            guint   reg,
            guint  *out)
{
  const VlKindInfo *info = vl_kind_info (kind);
  guint n = 0;

  for (guint i = 0; i < info->n_fields; i++)
    if (info->fields[i].reg == reg)
      out[n++] = i;
  return n;
}

VlValue *
_vl_doc_pack_register (VlKind         kind,
               guint          reg,
               const VlValue *row)
{
  const VlKindInfo *info = vl_kind_info (kind);
  guint idx[MAX_REGS];
  guint n = _vl_doc_reg_fields (kind, reg, idx);
  VlValue *packed = g_new0 (VlValue, MAX (n, 1));

  for (guint j = 0; j < n; j++)
    vl_value_assign (&info->fields[idx[j]], &packed[j], &row[idx[j]]);
  return packed;
}

void
_vl_doc_free_packed (guint    kind,
             guint    reg,
             VlValue *packed)
{
  guint idx[MAX_REGS];
  guint n;

  if (packed == NULL)
    return;
  if (kind == META_KIND)
    g_free (packed[0].s);
  else if (reg != VL_REG_DELETED)
    {
      n = _vl_doc_reg_fields (kind, reg, idx);
      for (guint j = 0; j < n; j++)
        if (vl_kind_info (kind)->fields[idx[j]].type == VL_FIELD_STRING ||
            vl_kind_info (kind)->fields[idx[j]].type == VL_FIELD_DATE)
          g_free (packed[j].s);
    }
  g_free (packed);
}


/* ---- SQL --------------------------------------------------------------- */

/* @format is a whole translated sentence that names the file with its
 * first %s and says why with its second (every caller passes a literal). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
gboolean
_vl_doc_sql_failed (VlDocument *self,
            const char *format,
            GError    **error)
{
  g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_FAILED, format, self->display,
               sqlite3_errmsg (self->db));
  return FALSE;
}
#pragma GCC diagnostic pop

static sqlite3_stmt *
prepare_cached (VlDocument    *self,
                sqlite3_stmt **slot,
                const char    *sql)
{
  if (*slot == NULL && sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                                           slot, NULL) != SQLITE_OK)
    g_error ("Bad built-in SQL “%s”: %s", sql, sqlite3_errmsg (self->db));
  sqlite3_reset (*slot);
  sqlite3_clear_bindings (*slot);
  return *slot;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* A prepared statement for @sql, kept until the document closes: list
 * models are made by the hundred when an outline opens, each with one of
 * a few queries. Reset, bindings cleared; reset it after use. */
sqlite3_stmt *
_vl_document_statement (VlDocument *self,
                        const char *sql)
{
  sqlite3_stmt *stmt;

  if (self->db == NULL)
    return NULL;
  if (self->statements == NULL)
    self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt == NULL)
    {
      stmt = prepare_cached (self, &stmt, sql);
      g_hash_table_insert (self->statements, g_strdup (sql), stmt);
      return stmt;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

static void
bind_value (sqlite3_stmt  *stmt,
            int            col,
            const VlField *f,
            const VlValue *v)
{
  switch (f->type)
    {
    case VL_FIELD_STRING:
    case VL_FIELD_DATE:
      if (v->s != NULL)
        sqlite3_bind_text (stmt, col, v->s, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, col);
      break;
    case VL_FIELD_NUMBER:
      if (isnan (v->d))
        sqlite3_bind_null (stmt, col);
      else
        sqlite3_bind_double (stmt, col, v->d);
      break;
    case VL_FIELD_REF:
      if (v->i == 0)
        sqlite3_bind_null (stmt, col);
      else
        sqlite3_bind_int64 (stmt, col, v->i);
      break;
    default:
      sqlite3_bind_int64 (stmt, col, v->i);
      break;
    }
}

static void
column_value (sqlite3_stmt  *stmt,
              int            col,
              const VlField *f,
              VlValue       *v)
{
  gboolean null = sqlite3_column_type (stmt, col) == SQLITE_NULL;

  switch (f->type)
    {
    case VL_FIELD_STRING:
      v->s = g_strdup (null ? "" : (const char *) sqlite3_column_text (stmt, col));
      break;
    case VL_FIELD_DATE:
      v->s = null ? NULL : g_strdup ((const char *) sqlite3_column_text (stmt, col));
      break;
    case VL_FIELD_NUMBER:
      v->d = null ? NAN : sqlite3_column_double (stmt, col);
      break;
    default:
      v->i = null ? 0 : sqlite3_column_int64 (stmt, col);
      break;
    }
}

gboolean
_vl_document_load_row (VlDocument *self,
                       VlKind      kind,
                       gint64      rowid,
                       guint8     *uuid,
                       gboolean   *deleted,
                       VlValue   **values)
{
  const VlKindInfo *info = vl_kind_info (kind);
  sqlite3_stmt *stmt = self->select_row[kind];

  if (stmt == NULL)
    {
      g_autofree char *cols = vl_kind_column_list (kind, "");
      g_autofree char *sql = g_strdup_printf ("SELECT uuid, deleted, %s FROM %s WHERE id = ?",
                                              cols, info->name);
      stmt = prepare_cached (self, &self->select_row[kind], sql);
    }
  else
    sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  if (sqlite3_column_bytes (stmt, 0) == VL_UUID_LEN)
    memcpy (uuid, sqlite3_column_blob (stmt, 0), VL_UUID_LEN);
  *deleted = sqlite3_column_int (stmt, 1) == VL_ROW_DELETED;
  *values = g_new0 (VlValue, info->n_fields);
  for (guint i = 0; i < info->n_fields; i++)
    column_value (stmt, (int) i + 2, &info->fields[i], &(*values)[i]);
  sqlite3_reset (stmt);
  return TRUE;
}

sqlite3 *
_vl_document_get_db (VlDocument *self)
{
  return self->db;
}


/* ---- writes ------------------------------------------------------------ */

/* Stamps register @reg with @hlc and this device, and records as its base
 * the stamp it replaces: the register's own, or the row's creation stamp. */
static gboolean
write_stamp (VlDocument *self,
             VlKind      kind,
             gint64      rowid,
             guint       reg,
             gint64      hlc,
             GError    **error)
{
  sqlite3_stmt *stmt = self->stamp[kind];

  if (stmt == NULL)
    {
      const char *table = vl_kind_info (kind)->name;
      g_autofree char *sql = g_strdup_printf (
        "INSERT OR REPLACE INTO field_clock (kind, row, reg, hlc, site, base_hlc, base_site) "
        "VALUES (?1, ?2, ?3, ?4, ?5, "
        "  coalesce ((SELECT hlc FROM field_clock WHERE kind = ?1 AND row = ?2 AND reg = ?3), "
        "            (SELECT hlc FROM %s WHERE id = ?2)), "
        "  coalesce ((SELECT site FROM field_clock WHERE kind = ?1 AND row = ?2 AND reg = ?3), "
        "            (SELECT site FROM %s WHERE id = ?2)))", table, table);

      stmt = prepare_cached (self, &self->stamp[kind], sql);
    }
  else
    sqlite3_reset (stmt);
  sqlite3_bind_int (stmt, 1, (int) kind);
  sqlite3_bind_int64 (stmt, 2, rowid);
  sqlite3_bind_int (stmt, 3, (int) reg);
  sqlite3_bind_int64 (stmt, 4, hlc);
  sqlite3_bind_int64 (stmt, 5, self->site);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _vl_doc_sql_failed (self, _("Could not stamp a change in “%s”: %s"), error);
  return TRUE;
}

static sqlite3_stmt *
update_statement (VlDocument *self,
                  VlKind      kind,
                  guint       reg)
{
  const VlKindInfo *info = vl_kind_info (kind);
  g_autoptr(GString) sql = NULL;
  guint idx[MAX_REGS];
  guint n;

  if (self->update_reg[kind][reg] != NULL)
    return prepare_cached (self, &self->update_reg[kind][reg], NULL);
  sql = g_string_new (NULL);
  g_string_append_printf (sql, "UPDATE %s SET ", info->name);
  if (reg == VL_REG_DELETED)
    g_string_append (sql, "deleted = ?");
  n = _vl_doc_reg_fields (kind, reg, idx);
  for (guint j = 0; j < n; j++)
    g_string_append_printf (sql, "%s%s = ?", j ? ", " : "", info->fields[idx[j]].column);
  g_string_append (sql, " WHERE id = ?");
  return prepare_cached (self, &self->update_reg[kind][reg], sql->str);
}



/* Writes register @reg of @record (packed @values; for the deleted register
 * values[0].i), stamps it and records the undo entry. */
gboolean
_vl_doc_write_register (VlDocument    *self,
                VlRecord      *record,
                guint          reg,
                const VlValue *values)
{
  VlKind kind = vl_record_get_kind (record);
  const VlKindInfo *info = vl_kind_info (kind);
  gint64 rowid = vl_record_get_rowid (record);
  gboolean fresh = g_hash_table_contains (self->created[kind], &rowid);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  guint idx[MAX_REGS];
  guint n = _vl_doc_reg_fields (kind, reg, idx);
  UndoEntry entry = { kind, reg, rowid, NULL, NULL };
  gboolean changed = FALSE;

  if (reg == VL_REG_DELETED)
    changed = (values[0].i != 0) != vl_record_get_deleted (record);
  for (guint j = 0; j < n; j++)
    changed |= !vl_value_equal (&info->fields[idx[j]], &_vl_record_values (record)[idx[j]],
                                &values[j]);
  if (!changed)
    return TRUE;
  if (self->action_error != NULL || !_vl_doc_ensure_writable (self, &error))
    return error != NULL ? (_vl_doc_record_error (self, g_steal_pointer (&error)), FALSE) : FALSE;

  stmt = update_statement (self, kind, reg);
  if (reg == VL_REG_DELETED)
    sqlite3_bind_int (stmt, 1, values[0].i != 0);
  for (guint j = 0; j < n; j++)
    bind_value (stmt, (int) j + 1, &info->fields[idx[j]], &values[j]);
  sqlite3_bind_int64 (stmt, (int) MAX (n, 1) + 1, rowid);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _vl_doc_sql_failed (self, _("Could not write a change in “%s”: %s"), &error);
      _vl_doc_record_error (self, g_steal_pointer (&error));
      return FALSE;
    }
  /* A field set in the action that created its row is part of the
   * creation: no stamp of its own (sparse clocks) and no undo entry. */
  if (!fresh || reg == VL_REG_DELETED)
    {
      if (!write_stamp (self, kind, rowid, reg, vl_clock_tick (self->clock), &error))
        {
          _vl_doc_record_error (self, g_steal_pointer (&error));
          return FALSE;
        }
    }

  if (reg == VL_REG_DELETED)
    {
      entry.before = g_new0 (VlValue, 1);
      entry.after = g_new0 (VlValue, 1);
      entry.before[0].i = vl_record_get_deleted (record);
      entry.after[0].i = values[0].i != 0;
      _vl_record_apply_deleted (record, values[0].i != 0);
    }
  else
    {
      entry.before = _vl_doc_pack_register (kind, reg, _vl_record_values (record));
      entry.after = g_new0 (VlValue, MAX (n, 1));
      for (guint j = 0; j < n; j++)
        vl_value_assign (&info->fields[idx[j]], &entry.after[j], &values[j]);
      _vl_record_apply (record, reg, values);
    }
  _vl_doc_mark_dirty (self, record);
  if (!fresh || reg == VL_REG_DELETED)
    g_array_append_val (self->step->entries, entry);
  _vl_doc_after_write (self, record, reg, entry.before, fresh);
  if (fresh && reg != VL_REG_DELETED)
    {
      _vl_doc_free_packed (kind, reg, entry.before);
      _vl_doc_free_packed (kind, reg, entry.after);
    }
  return TRUE;
}

/* Ends the action a write opened; an error of a nested write surfaces at
 * the outermost commit, which rolls the whole action back. */
gboolean
_vl_doc_end_write (VlDocument *self,
           gboolean    ok_so_far,
           GError    **error)
{
  return vl_document_commit (self, error) && ok_so_far;
}

static char *
last_rank (VlDocument *self,
           VlKind      kind,
           gint64      parent)
{
  const VlKindInfo *info = vl_kind_info (kind);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  char *rank = NULL;

  if (info->parent >= 0)
    sql = g_strdup_printf ("SELECT max(rank) FROM %s WHERE %s IS ?", info->name,
                           info->fields[info->parent].column);
  else
    sql = g_strdup_printf ("SELECT max(rank) FROM %s", info->name);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  if (info->parent >= 0 && parent != 0)
    sqlite3_bind_int64 (stmt, 1, parent);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    rank = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return rank;
}

static const char *
rank_of (VlRecord *record)
{
  int r;

  if (record == NULL)
    return NULL;
  r = vl_kind_info (vl_record_get_kind (record))->rank;
  return _vl_record_values (record)[r].s;
}

/* The rank for a row placed under @parent between @prev and @next; both
 * NULL means at the end. */
static char *
placement_rank (VlDocument *self,
                VlKind      kind,
                VlRecord   *parent,
                VlRecord   *prev,
                VlRecord   *next)
{
  g_autofree char *last = NULL;

  if (prev == NULL && next == NULL)
    {
      last = last_rank (self, kind, parent != NULL ? vl_record_get_rowid (parent) : 0);
      return vl_rank_between (last, NULL);
    }
  return vl_rank_between (rank_of (prev), rank_of (next));
}

static gboolean
check_placement (VlDocument *self,
                 VlKind      kind,
                 VlRecord   *parent,
                 VlRecord   *prev,
                 VlRecord   *next,
                 GError    **error)
{
  const VlKindInfo *info = vl_kind_info (kind);
  const char *a = rank_of (prev), *b = rank_of (next);

  if ((parent != NULL && (info->parent < 0 ||
                          vl_record_get_kind (parent) != info->fields[info->parent].ref_kind)) ||
      (prev != NULL && vl_record_get_kind (prev) != kind) ||
      (next != NULL && vl_record_get_kind (next) != kind) ||
      (a != NULL && b != NULL && strcmp (a, b) >= 0))
    {
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                   _("Cannot place a %s there"), _(info->label));
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_row (VlDocument    *self,
            VlKind         kind,
            const guint8  *uuid,
            const VlValue *values,
            gint64        *rowid,
            GError       **error)
{
  const VlKindInfo *info = vl_kind_info (kind);
  sqlite3_stmt *stmt;

  if (self->insert_row[kind] == NULL)
    {
      g_autofree char *cols = vl_kind_column_list (kind, "");
      g_autoptr(GString) sql = g_string_new (NULL);

      g_string_append_printf (sql, "INSERT INTO %s (uuid, hlc, site, %s) VALUES (?, ?, ?",
                              info->name, cols);
      for (guint i = 0; i < info->n_fields; i++)
        g_string_append (sql, ", ?");
      g_string_append (sql, ")");
      stmt = prepare_cached (self, &self->insert_row[kind], sql->str);
    }
  else
    stmt = prepare_cached (self, &self->insert_row[kind], NULL);

  sqlite3_bind_blob (stmt, 1, uuid, VL_UUID_LEN, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, vl_clock_tick (self->clock));
  sqlite3_bind_int64 (stmt, 3, self->site);
  for (guint i = 0; i < info->n_fields; i++)
    bind_value (stmt, (int) i + 4, &info->fields[i], &values[i]);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _vl_doc_sql_failed (self, _("Could not add a row to “%s”: %s"), error);
  *rowid = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/**
 * vl_document_insert:
 * @parent: (nullable): the placement parent (backlog of an item, …)
 * @prev: (nullable): the sibling to follow
 * @next: (nullable): the sibling to precede; with @prev %NULL too: at the end
 *
 * Creates a row with default values. Fields set in the same action are
 * part of the creation (one stamp, one undo step).
 *
 * Returns: (transfer full): the new row, or %NULL with @error set.
 */
VlRecord *
vl_document_insert (VlDocument *self,
                    VlKind      kind,
                    VlRecord   *parent,
                    VlRecord   *prev,
                    VlRecord   *next,
                    GError    **error)
{
  const VlKindInfo *info;
  guint8 uuid[VL_UUID_LEN];
  VlValue *values;
  gint64 rowid = 0, *key;
  VlRecord *record = NULL;
  UndoEntry entry = { kind, VL_REG_DELETED, 0, NULL, NULL };

  g_return_val_if_fail (VL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (kind < VL_N_KINDS, NULL);

  info = vl_kind_info (kind);
  if (!check_placement (self, kind, parent, prev, next, error) ||
      !_vl_doc_ensure_writable (self, error))
    return NULL;

  vl_document_begin (self, NULL);
  values = vl_values_new_default (kind);
  if (info->parent >= 0 && parent != NULL)
    values[info->parent].i = vl_record_get_rowid (parent);
  if (info->rank >= 0)
    {
      g_free (values[info->rank].s);
      values[info->rank].s = placement_rank (self, kind, parent, prev, next);
    }
  vl_uuid_generate (uuid);
  if (self->action_error == NULL && insert_row (self, kind, uuid, values, &rowid, error))
    {
      record = _vl_doc_remember (self, _vl_record_new (self, kind, rowid, uuid, FALSE, values));
      key = g_new (gint64, 1);
      *key = rowid;
      g_hash_table_add (self->created[kind], key);
      entry.rowid = rowid;
      entry.before = g_new0 (VlValue, 1);
      entry.after = g_new0 (VlValue, 1);
      entry.before[0].i = TRUE;
      g_array_append_val (self->step->entries, entry);
      _vl_doc_mark_dirty (self, record);
    }
  else
    vl_values_free (kind, values);
  if (!vl_document_commit (self, record != NULL ? error : NULL))
    g_clear_object (&record);
  return record;
}

/**
 * vl_document_move:
 *
 * Places @record under @parent between @prev and @next (both %NULL: at the
 * end). Parent and rank are one register, so a move is atomic.
 */
gboolean
vl_document_move (VlDocument *self,
                  VlRecord   *record,
                  VlRecord   *parent,
                  VlRecord   *prev,
                  VlRecord   *next,
                  GError    **error)
{
  VlKind kind;
  const VlKindInfo *info;
  guint idx[MAX_REGS];
  guint reg, n;
  g_autofree char *rank = NULL;
  VlValue *packed;
  gboolean ok;

  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (VL_IS_RECORD (record), FALSE);

  kind = vl_record_get_kind (record);
  info = vl_kind_info (kind);
  if (info->rank < 0 || prev == record || next == record)
    {
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                   _("Cannot move a %s there"), _(info->label));
      return FALSE;
    }
  if (!check_placement (self, kind, parent, prev, next, error) ||
      !_vl_doc_ensure_writable (self, error))
    return FALSE;

  rank = placement_rank (self, kind, parent, prev, next);
  reg = info->fields[info->rank].reg;
  packed = _vl_doc_pack_register (kind, reg, _vl_record_values (record));
  n = _vl_doc_reg_fields (kind, reg, idx);
  for (guint j = 0; j < n; j++)
    {
      if ((int) idx[j] == info->parent)
        packed[j].i = parent != NULL ? vl_record_get_rowid (parent) : 0;
      else if ((int) idx[j] == info->rank)
        {
          g_free (packed[j].s);
          packed[j].s = g_strdup (rank);
        }
    }
  vl_document_begin (self, NULL);
  ok = _vl_doc_write_register (self, record, reg, packed);
  _vl_doc_free_packed (kind, reg, packed);
  return _vl_doc_end_write (self, ok, error);
}

gboolean
vl_document_delete (VlDocument *self,
                    VlRecord   *record,
                    GError    **error)
{
  VlValue deleted = { .i = TRUE };
  gboolean ok;

  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (VL_IS_RECORD (record), FALSE);

  vl_document_begin (self, NULL);
  ok = _vl_doc_write_register (self, record, VL_REG_DELETED, &deleted);
  return _vl_doc_end_write (self, ok, error);
}

/* Writes a whole register as one user action (used to take back a value
 * that lost a concurrent edit). */
gboolean
_vl_document_write_register (VlDocument    *self,
                             VlRecord      *record,
                             guint          reg,
                             const VlValue *packed,
                             GError       **error)
{
  gboolean ok;

  vl_document_begin (self, _("Use the Other Value"));
  ok = _vl_doc_write_register (self, record, reg, packed);
  return _vl_doc_end_write (self, ok, error);
}

/* The entry point of property setters and vl_record_set_from_text(). A
 * failure goes to @caller_error; a property setter has none to give, so it
 * is emitted as #VlDocument::write-failed. Inside an action, the action
 * fails at its commit too. */
gboolean
_vl_document_write_field (VlDocument    *self,
                          VlRecord      *record,
                          guint          field,
                          const VlValue *value,
                          GError       **caller_error)
{
  VlKind kind = vl_record_get_kind (record);
  const VlKindInfo *info = vl_kind_info (kind);
  const VlField *f = &info->fields[field];
  gint64 rowid = vl_record_get_rowid (record);
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) parent = NULL;
  guint idx[MAX_REGS];
  guint n;
  VlValue *packed;
  gboolean ok = TRUE;

  if ((int) field == info->parent && info->rank >= 0)
    {
      if (value->i == _vl_record_values (record)[field].i)
        return TRUE;
      parent = value->i ? vl_document_lookup (self, f->ref_kind, value->i) : NULL;
      ok = vl_document_move (self, record, parent, NULL, NULL, &error);
    }
  else if ((int) field == info->rank && !vl_rank_is_valid (value->s))
    {
      g_set_error (&error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                   _("“%s” is not a rank key"), value->s);
      ok = FALSE;
    }
  else if (info->append_only && !g_hash_table_contains (self->created[kind], &rowid))
    {
      g_set_error (&error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                   _("A %s cannot be changed once recorded"), _(info->label));
      ok = FALSE;
    }
  else
    {
      packed = _vl_doc_pack_register (kind, f->reg, _vl_record_values (record));
      n = _vl_doc_reg_fields (kind, f->reg, idx);
      for (guint j = 0; j < n; j++)
        if (idx[j] == field)
          vl_value_assign (f, &packed[j], value);
      vl_document_begin (self, NULL);
      ok = _vl_doc_write_register (self, record, f->reg, packed);
      _vl_doc_free_packed (kind, f->reg, packed);
      ok = _vl_doc_end_write (self, ok, &error);
    }
  /* A write nested in an action recorded its error in the action. */
  if (!ok && error == NULL && caller_error != NULL && self->action_error != NULL)
    error = g_error_copy (self->action_error);
  if (!ok && error != NULL)
    {
      g_debug ("%s", error->message);
      if (caller_error != NULL)
        g_propagate_error (caller_error, g_error_copy (error));
      else
        g_signal_emit (self, _vl_document_signals[WRITE_FAILED], 0, error);
    }
  if (error != NULL && self->depth > 0)
    _vl_doc_record_error (self, g_steal_pointer (&error));
  return ok;
}

/* The statements go before the connection closes. */
void
_vl_doc_close_statements (VlDocument *self)
{
  for (guint k = 0; k < VL_N_KINDS; k++)
    {
      g_clear_pointer (&self->select_row[k], sqlite3_finalize);
      g_clear_pointer (&self->insert_row[k], sqlite3_finalize);
      g_clear_pointer (&self->stamp[k], sqlite3_finalize);
      for (guint r = 0; r < MAX_REGS; r++)
        g_clear_pointer (&self->update_reg[k][r], sqlite3_finalize);
    }
  g_clear_pointer (&self->statements, g_hash_table_unref);
}
