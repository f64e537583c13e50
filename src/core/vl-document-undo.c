/* vl-document-undo.c — the document's undo history
 *
 * An action records, for every register it wrote, the values before and
 * after (UndoEntry). Undo and redo replay a step's before-values as new,
 * freshly stamped writes, so they sync like any edit; a failed action puts
 * the cached objects back without SQL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-document"

#include "config.h"

#include "vl-document-units.h"

void
_vl_doc_undo_step_free (gpointer data)
{
  UndoStep *step = data;

  for (guint i = 0; i < step->entries->len; i++)
    {
      UndoEntry *e = &g_array_index (step->entries, UndoEntry, i);

      _vl_doc_free_packed (e->kind, e->reg, e->before);
      _vl_doc_free_packed (e->kind, e->reg, e->after);
    }
  g_array_unref (step->entries);
  g_free (step->label);
  g_free (step);
}


static void apply_entry (VlDocument *self, const UndoEntry *e, gboolean forward);

/* A failed action: the transaction is rolled back, so put the cached
 * objects back as they were and let the models reload. */
void
_vl_doc_revert_step (VlDocument *self,
             UndoStep   *step)
{
  for (guint i = step->entries->len; i > 0; i--)
    apply_entry (self, &g_array_index (step->entries, UndoEntry, i - 1), FALSE);
  for (guint k = 0; k < VL_N_KINDS; k++)
    {
      if (g_hash_table_size (self->dirty[k]) == 0)
        continue;
      g_hash_table_remove_all (self->dirty[k]);
      _vl_document_reload_lists (self, k);
    }
}


/* ---- undo -------------------------------------------------------------- */

/* Puts the cached objects back after a rollback (no SQL). */
static void
apply_entry (VlDocument      *self,
             const UndoEntry *e,
             gboolean         forward)
{
  const VlValue *values = forward ? e->after : e->before;
  VlRecord *record;

  if (e->kind == META_KIND)
    {
      _vl_doc_apply_setting (self, e->reg, values[0].s);
      return;
    }
  record = g_hash_table_lookup (self->live[e->kind], &e->rowid);
  if (record == NULL)
    return;
  if (e->reg == VL_REG_DELETED)
    _vl_record_apply_deleted (record, values[0].i != 0);
  else
    _vl_record_apply (record, e->reg, values);
}

/* Replays an entry's before-values as a new, freshly stamped write. The
 * writes of a replay are recorded too, so the step they make is the exact
 * inverse: undo pops the undo stack and pushes the redo stack, redo the
 * other way round, and both replay the same way. */
static gboolean
replay_entry (VlDocument      *self,
              const UndoEntry *e)
{
  g_autoptr(VlRecord) record = NULL;

  if (e->kind == META_KIND)
    return _vl_doc_write_setting (self, e->reg, e->before[0].s);
  record = vl_document_lookup (self, e->kind, e->rowid);
  if (record == NULL)
    return FALSE;
  return _vl_doc_write_register (self, record, e->reg, e->before);
}

static gboolean
replay_step (VlDocument *self,
             GPtrArray  *from,
             int         mode,
             GError    **error)
{
  UndoStep *step;
  gboolean ok = TRUE;

  if (from->len == 0)
    return FALSE;
  step = g_ptr_array_steal_index (from, from->len - 1);
  self->mode = mode;
  vl_document_begin (self, step->label);
  for (guint i = step->entries->len; i > 0 && ok; i--)
    ok = replay_entry (self, &g_array_index (step->entries, UndoEntry, i - 1));
  ok = _vl_doc_end_write (self, ok, error);
  self->mode = NORMAL;
  if (ok)
    _vl_doc_undo_step_free (step);
  else
    g_ptr_array_add (from, step);
  return ok;
}

gboolean
vl_document_undo (VlDocument *self,
                  GError    **error)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  return replay_step (self, self->undo_stack, UNDOING, error);
}

gboolean
vl_document_redo (VlDocument *self,
                  GError    **error)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  return replay_step (self, self->redo_stack, REDOING, error);
}

gboolean
vl_document_can_undo (VlDocument *self)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  return self->undo_stack->len > 0;
}

gboolean
vl_document_can_redo (VlDocument *self)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  return self->redo_stack->len > 0;
}

static const char *
top_label (GPtrArray *stack)
{
  return stack->len > 0 ? ((UndoStep *) stack->pdata[stack->len - 1])->label : NULL;
}

const char *
vl_document_get_undo_label (VlDocument *self)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), NULL);
  return top_label (self->undo_stack);
}

const char *
vl_document_get_redo_label (VlDocument *self)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), NULL);
  return top_label (self->redo_stack);
}

