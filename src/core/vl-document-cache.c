/* vl-document-cache.c — the document's record cache
 *
 * One VlRecord per live row (the identity map, weak), one list model per
 * query shared by every caller, and change notification: the rows an
 * action wrote are told to the lists that hold their kind at the end of
 * the action, then #VlDocument::rows-changed is emitted once per kind,
 * detailed by the kind's name ("rows-changed::item").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-document"

#include "config.h"

#include "vl-document-units.h"
#include "vl-store.h"

void
_vl_doc_init_cache (VlDocument *self)
{
  for (guint k = 0; k < VL_N_KINDS; k++)
    {
      self->live[k] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      self->dirty[k] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              g_object_unref);
    }
  self->lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->list_keys = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
}

void
_vl_doc_free_cache (VlDocument *self)
{
  for (guint k = 0; k < VL_N_KINDS; k++)
    {
      g_hash_table_unref (self->live[k]);
      g_hash_table_unref (self->dirty[k]);
    }
  g_hash_table_unref (self->lists);
  g_hash_table_unref (self->list_keys);
}

/* ---- identity map ------------------------------------------------------ */

void
_vl_document_forget (VlDocument *self,
                     VlRecord   *record)
{
  GHashTable *live = self->live[vl_record_get_kind (record)];
  gint64 rowid = vl_record_get_rowid (record);

  if (g_hash_table_lookup (live, &rowid) == record)
    g_hash_table_remove (live, &rowid);
}

VlRecord *
_vl_doc_remember (VlDocument *self,
          VlRecord   *record)
{
  gint64 *key = g_new (gint64, 1);

  *key = vl_record_get_rowid (record);
  g_hash_table_insert (self->live[vl_record_get_kind (record)], key, record);
  return record;
}

/**
 * vl_document_lookup:
 *
 * Returns: (transfer full) (nullable): the one object for row @rowid.
 */
VlRecord *
vl_document_lookup (VlDocument *self,
                    VlKind      kind,
                    gint64      rowid)
{
  VlRecord *record;
  VlValue *values;
  guint8 uuid[VL_UUID_LEN] = { 0 };
  gboolean deleted;

  g_return_val_if_fail (VL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (kind < VL_N_KINDS, NULL);

  record = g_hash_table_lookup (self->live[kind], &rowid);
  if (record != NULL)
    return g_object_ref (record);
  if (self->db == NULL || !_vl_document_load_row (self, kind, rowid, uuid, &deleted, &values))
    return NULL;
  return _vl_doc_remember (self, _vl_record_new (self, kind, rowid, uuid, deleted, values));
}

/* The one object for a row a list holds (so it exists, and its uuid is
 * known): made without reading the row, which is read on first use. */
VlRecord *
_vl_document_lookup_lazy (VlDocument   *self,
                          VlKind        kind,
                          gint64        rowid,
                          const guint8 *uuid)
{
  VlRecord *record = g_hash_table_lookup (self->live[kind], &rowid);

  if (record != NULL)
    return g_object_ref (record);
  if (self->db == NULL)
    return NULL;
  return _vl_doc_remember (self, _vl_record_new_lazy (self, kind, rowid, uuid));
}


/* The live lists, referenced: emitting items-changed runs handlers that
 * may create or drop lists, so never iterate the table while emitting. */
static GPtrArray *
live_lists (VlDocument *self)
{
  GPtrArray *lists = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer list;

  g_hash_table_iter_init (&iter, self->lists);
  while (g_hash_table_iter_next (&iter, NULL, &list))
    g_ptr_array_add (lists, g_object_ref (list));
  return lists;
}

void
_vl_doc_notify_lists (VlDocument *self)
{
  g_autoptr(GPtrArray) lists = live_lists (self);
  GPtrArray *dirty[VL_N_KINDS];

  /* Take the changed rows first: handlers may start new actions. */
  for (guint k = 0; k < VL_N_KINDS; k++)
    {
      GHashTableIter rows;
      gpointer record;

      dirty[k] = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_iter_init (&rows, self->dirty[k]);
      while (g_hash_table_iter_next (&rows, NULL, &record))
        g_ptr_array_add (dirty[k], g_object_ref (record));
      g_hash_table_remove_all (self->dirty[k]);
    }
  for (guint i = 0; i < lists->len; i++)
    {
      VlRecordList *list = lists->pdata[i];
      GPtrArray *changed = dirty[_vl_record_list_get_kind (list)];

      if (changed->len == 0)
        continue;
      if (changed->len > LIST_RELOAD_AT)
        {
          _vl_record_list_reload (list);
          continue;
        }
      for (guint j = 0; j < changed->len; j++)
        {
          VlRecord *record = changed->pdata[j];

          _vl_record_list_row_changed (list, vl_record_get_rowid (record),
                                       _vl_record_uuid_bytes (record),
                                       vl_record_get_deleted (record),
                                       _vl_record_values (record));
        }
    }
  for (guint k = 0; k < VL_N_KINDS; k++)
    {
      if (dirty[k]->len > 0)
        g_signal_emit (self, _vl_document_signals[ROWS_CHANGED],
                       g_quark_from_static_string (vl_kind_info (k)->name), k, dirty[k]);
      g_ptr_array_unref (dirty[k]);
    }
}

void
_vl_doc_mark_dirty (VlDocument *self,
            VlRecord   *record)
{
  gint64 *key = g_new (gint64, 1);

  *key = vl_record_get_rowid (record);
  g_hash_table_replace (self->dirty[vl_record_get_kind (record)], key, g_object_ref (record));
}


/* ---- queries ----------------------------------------------------------- */

guint
vl_document_count (VlDocument *self,
                   VlKind      kind)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (kind < VL_N_KINDS, 0);

  return vl_store_count_rows (self->db, vl_kind_info (kind)->name);
}

/**
 * vl_document_find:
 * @id_or_title: a row id, a unique prefix of one (4+ hex digits), or the
 *   exact title or name of a row
 *
 * Returns: (transfer full) (nullable): the one live row that matches.
 */
VlRecord *
vl_document_find (VlDocument *self,
                  VlKind      kind,
                  const char *id_or_title)
{
  gint64 rowid;

  g_return_val_if_fail (VL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (id_or_title != NULL, NULL);

  rowid = vl_store_find_row (self->db, vl_kind_info (kind), id_or_title);
  return rowid > 0 ? vl_document_lookup (self, kind, rowid) : NULL;
}

static void
list_gone_cb (gpointer  data,
              GObject  *where_the_list_was)
{
  VlDocument *self = data;
  const char *key = g_hash_table_lookup (self->list_keys, where_the_list_was);

  /* By its key: a plan's outline holds thousands of lists. */
  if (key != NULL && g_hash_table_lookup (self->lists, key) == (gpointer) where_the_list_was)
    g_hash_table_remove (self->lists, key);
  g_hash_table_remove (self->list_keys, where_the_list_was);
}

/**
 * vl_document_list:
 *
 * Returns: (transfer full): a #GListModel of #VlRecord
 */
GListModel *
vl_document_list (VlDocument *self,
                  VlKind      kind,
                  const char *field,
                  VlRecord   *parent)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (field == NULL || vl_kind_find_field (kind, field) >= 0, NULL);
  g_return_val_if_fail (field == NULL ||
                        vl_kind_info (kind)->fields[vl_kind_find_field (kind, field)].type ==
                        VL_FIELD_REF, NULL);

  return vl_document_list_where (self, kind, field, parent != NULL ? vl_record_get_rowid (parent) : 0);
}

/**
 * vl_document_list_where:
 * @field: (nullable): a reference, enum, int or bool field, or %NULL for all
 * @value: the row id for a reference (0: none), else the value
 *
 * Rows of @kind whose @field is @value (items of a status, for the board),
 * ordered by placement parent, rank and id. Every caller gets the same
 * model, and rows move in and out of it as they change.
 *
 * Returns: (transfer full): a #GListModel of #VlRecord
 */
GListModel *
vl_document_list_where (VlDocument *self,
                        VlKind      kind,
                        const char *field,
                        gint64      value)
{
  g_autofree char *key = NULL;
  int f = -1;
  VlRecordList *list;

  g_return_val_if_fail (VL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (kind < VL_N_KINDS, NULL);

  if (field != NULL)
    {
      f = vl_kind_find_field (kind, field);
      g_return_val_if_fail (f >= 0, NULL);
    }
  key = g_strdup_printf ("%u:%d:%" G_GINT64_FORMAT, kind, f, value);
  list = g_hash_table_lookup (self->lists, key);
  if (list != NULL)
    return g_object_ref (G_LIST_MODEL (list));
  list = _vl_record_list_new (self, kind, f, value);
  g_hash_table_insert (self->list_keys, list, g_strdup (key));
  g_hash_table_insert (self->lists, g_steal_pointer (&key), list);
  g_object_weak_ref (G_OBJECT (list), list_gone_cb, self);
  return G_LIST_MODEL (list);
}


/* A merge rewrote row @rowid: refresh its object, if one is alive, and
 * let the models place it at the next commit. */
void
_vl_document_row_merged (VlDocument *self,
                         VlKind      kind,
                         gint64      rowid)
{
  g_autoptr(VlRecord) record = NULL;
  guint8 uuid[VL_UUID_LEN];
  gboolean deleted;
  VlValue *values = NULL;
  gboolean alive = g_hash_table_contains (self->live[kind], &rowid);

  record = vl_document_lookup (self, kind, rowid);
  if (record == NULL)
    return;
  if (alive && _vl_document_load_row (self, kind, rowid, uuid, &deleted, &values))
    {
      guint regs = vl_kind_info (kind)->n_regs;

      for (guint reg = 1; reg < regs; reg++)
        {
          VlValue *packed = _vl_doc_pack_register (kind, reg, values);

          _vl_record_apply (record, reg, packed);
          _vl_doc_free_packed (kind, reg, packed);
        }
      _vl_record_apply_deleted (record, deleted);
      vl_values_free (kind, values);
    }
  _vl_doc_mark_dirty (self, record);
}

void
_vl_document_reload_lists (VlDocument *self,
                           VlKind      kind)
{
  g_autoptr(GPtrArray) lists = live_lists (self);

  for (guint i = 0; i < lists->len; i++)
    if (_vl_record_list_get_kind (lists->pdata[i]) == kind)
      _vl_record_list_reload (lists->pdata[i]);
}


gboolean
_vl_document_is_live (VlDocument *self,
                      VlKind      kind,
                      gint64      rowid)
{
  return g_hash_table_contains (self->live[kind], &rowid);
}

