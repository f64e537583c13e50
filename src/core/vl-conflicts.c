/* vl-conflicts.c — showing and taking back values that lost a concurrent edit
 *
 * The merge keeps every value that lost to a write which had not seen it
 * (vl-merge.c). Such a value is shown while it is newer than the base of
 * the current value: once someone edits the field having seen it, the new
 * write's base is newer and the value is no longer shown. A pure function
 * of the merged state, so every device shows the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-conflicts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "vl-conflicts.h"
#include "vl-document-private.h"
#include "vl-enums.h"

void
vl_conflict_free (VlConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->text);
  g_free (conflict->device);
  g_free (conflict->json);
  g_free (conflict);
}

/* The value of one field in a conflict, as people read it. */
static char *
member_text (VlDocument    *doc,
             const VlField *f,
             JsonNode      *node)
{
  g_autoptr(VlRecord) ref = NULL;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("(none)"));
  switch (f->type)
    {
    case VL_FIELD_REF:
      ref = vl_document_find (doc, f->ref_kind, json_node_get_string (node));
      return g_strdup (ref != NULL ? vl_record_get_title (ref) : _("(deleted)"));
    case VL_FIELD_NUMBER:
      return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
    case VL_FIELD_BOOL:
      return g_strdup (json_node_get_boolean (node) ? _("yes") : _("no"));
    case VL_FIELD_INT:
    case VL_FIELD_TIMESTAMP:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    default:
      return g_strdup (json_node_get_string (node));
    }
}

static char *
conflict_text (VlDocument *doc,
               VlKind      kind,
               guint       reg,
               const char *json)
{
  const VlKindInfo *info = vl_kind_info (kind);
  g_autoptr(JsonNode) root = json_from_string (json, NULL);
  JsonObject *o = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (o == NULL)
    return g_strdup ("");
  if (reg == VL_REG_DELETED)
    return g_strdup (json_object_get_boolean_member_with_default (o, "deleted", FALSE)
                     ? _("deleted") : _("not deleted"));
  for (guint i = 0; i < info->n_fields; i++)
    {
      const VlField *f = &info->fields[i];
      g_autofree char *one = NULL;

      if (f->reg != reg || (int) i == info->rank)
        continue;
      one = member_text (doc, f, json_object_get_member (o, f->name));
      g_string_append_printf (text, "%s%s", text->len ? ", " : "", one);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * vl_record_dup_conflicts:
 *
 * Returns: (transfer full) (element-type VlConflict): the values of @field
 *   written on other devices that lost to the current one without being
 *   seen, newest first; empty when there are none.
 */
GPtrArray *
vl_record_dup_conflicts (VlRecord   *self,
                         const char *field)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) vl_conflict_free);
  VlKind kind = vl_record_get_kind (self);
  VlDocument *doc = vl_record_get_document (self);
  int f = g_strcmp0 (field, "deleted") == 0 ? -2 : vl_kind_find_field (kind, field);
  guint reg;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (f != -1, out);

  reg = f == -2 ? VL_REG_DELETED : vl_kind_info (kind)->fields[f].reg;
  if (sqlite3_prepare_v2 (_vl_document_get_db (doc),
                          "SELECT c.value, c.hlc, ifnull (s.name, '') FROM conflict c "
                          "LEFT JOIN site s ON s.id = c.site "
                          "WHERE c.kind = ?1 AND c.row = ?2 AND c.reg = ?3 AND c.hlc > "
                          "  ifnull ((SELECT base_hlc FROM field_clock WHERE kind = ?1 AND "
                          "           row = ?2 AND reg = ?3), 0) "
                          "ORDER BY c.hlc DESC", -1, &stmt, NULL) != SQLITE_OK)
    return out;
  sqlite3_bind_int (stmt, 1, (int) kind);
  sqlite3_bind_int64 (stmt, 2, vl_record_get_rowid (self));
  sqlite3_bind_int (stmt, 3, (int) reg);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      VlConflict *c = g_new0 (VlConflict, 1);

      c->json = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      c->written = sqlite3_column_int64 (stmt, 1) >> 16;
      c->device = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      c->reg = reg;
      c->text = conflict_text (doc, kind, reg, c->json);
      g_ptr_array_add (out, c);
    }
  sqlite3_finalize (stmt);
  return out;
}

static gboolean
value_from_json (VlDocument    *doc,
                 const VlField *f,
                 JsonNode      *node,
                 VlValue       *v)
{
  g_autoptr(VlRecord) ref = NULL;
  gboolean null = node == NULL || JSON_NODE_HOLDS_NULL (node);
  int e;

  switch (f->type)
    {
    case VL_FIELD_STRING:
      v->s = g_strdup (null ? "" : json_node_get_string (node));
      return TRUE;
    case VL_FIELD_DATE:
      v->s = null ? NULL : g_strdup (json_node_get_string (node));
      return v->s == NULL || vl_date_is_valid (v->s);
    case VL_FIELD_NUMBER:
      v->d = null ? NAN : json_node_get_double (node);
      return TRUE;
    case VL_FIELD_BOOL:
      v->i = !null && json_node_get_boolean (node);
      return TRUE;
    case VL_FIELD_ENUM:
      if (null || !vl_enum_from_nick (f->enum_type (), json_node_get_string (node), &e))
        return FALSE;
      v->i = e;
      return TRUE;
    case VL_FIELD_REF:
      v->i = 0;
      if (null)
        return TRUE;
      ref = vl_document_find (doc, f->ref_kind, json_node_get_string (node));
      v->i = ref != NULL ? vl_record_get_rowid (ref) : 0;
      return ref != NULL;
    default:
      v->i = null ? 0 : json_node_get_int (node);
      return TRUE;
    }
}

/**
 * vl_record_use_conflict:
 *
 * Makes @conflict's value the current one again: a new, stamped, undoable
 * edit, after which the value is no longer shown as a conflict.
 */
gboolean
vl_record_use_conflict (VlRecord   *self,
                        VlConflict *conflict,
                        GError    **error)
{
  VlKind kind = vl_record_get_kind (self);
  const VlKindInfo *info = vl_kind_info (kind);
  VlDocument *doc = vl_record_get_document (self);
  g_autoptr(JsonNode) root = json_from_string (conflict->json, NULL);
  JsonObject *o = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  VlValue packed[16] = { { 0 } };
  guint n = 0;
  gboolean ok = o != NULL;

  if (ok && conflict->reg == VL_REG_DELETED)
    packed[n++].i = json_object_get_boolean_member_with_default (o, "deleted", FALSE);
  for (guint i = 0; ok && i < info->n_fields && conflict->reg != VL_REG_DELETED; i++)
    if (info->fields[i].reg == conflict->reg)
      ok = value_from_json (doc, &info->fields[i], json_object_get_member (o, info->fields[i].name),
                            &packed[n++]);
  if (ok)
    ok = _vl_document_write_register (doc, self, conflict->reg, packed, error);
  else
    g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                 _("The other value of this field refers to something that no longer exists"));
  for (guint i = 0, j = 0; i < info->n_fields && conflict->reg != VL_REG_DELETED; i++)
    if (info->fields[i].reg == conflict->reg &&
        (info->fields[i].type == VL_FIELD_STRING || info->fields[i].type == VL_FIELD_DATE))
      g_free (packed[j++].s);
    else if (info->fields[i].reg == conflict->reg)
      j++;
  return ok;
}
