/* vl-record.c — generic, table-driven properties for every kind of row
 *
 * A record caches its row's values. Reading a property reads the cache;
 * setting one writes the register through the document (SQL, stamp, undo),
 * which then updates the cache and notifies. Records are created only by the
 * document's identity map, so every view of a row shares one object.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-record"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "vl-document-private.h"
#include "vl-enums.h"
#include "vl-records.h"

typedef struct
{
  VlDocument *document;
  VlValue    *values;
  gint64      rowid;
  guint8      uuid[VL_UUID_LEN];
  char       *uuid_string;
  guint       deleted : 1;
} VlRecordPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (VlRecord, vl_record, G_TYPE_OBJECT)

static GParamSpec *deleted_pspec;

#define KIND_OF(self) (VL_RECORD_GET_CLASS (self)->kind)

/* ---- values ------------------------------------------------------------ */

static gboolean
is_string_type (VlFieldType type)
{
  return type == VL_FIELD_STRING || type == VL_FIELD_DATE;
}

VlValue *
vl_values_new_default (VlKind kind)
{
  const VlKindInfo *info = vl_kind_info (kind);
  VlValue *values = g_new0 (VlValue, info->n_fields);

  for (guint i = 0; i < info->n_fields; i++)
    {
      const VlField *f = &info->fields[i];

      if (f->type == VL_FIELD_STRING)
        values[i].s = g_strdup ("");
      else if (f->type == VL_FIELD_NUMBER)
        values[i].d = NAN;
      else if (f->type != VL_FIELD_DATE)
        values[i].i = f->def;
    }
  return values;
}

void
vl_value_assign (const VlField *field,
                 VlValue       *dest,
                 const VlValue *src)
{
  if (is_string_type (field->type))
    {
      char *s = g_strdup (src->s);

      g_free (dest->s);
      dest->s = s;
    }
  else
    *dest = *src;
}

VlValue *
vl_values_copy (VlKind         kind,
                const VlValue *values)
{
  const VlKindInfo *info = vl_kind_info (kind);
  VlValue *copy = g_new0 (VlValue, info->n_fields);

  for (guint i = 0; i < info->n_fields; i++)
    vl_value_assign (&info->fields[i], &copy[i], &values[i]);
  return copy;
}

void
vl_values_free (VlKind   kind,
                VlValue *values)
{
  const VlKindInfo *info = vl_kind_info (kind);

  if (values == NULL)
    return;
  for (guint i = 0; i < info->n_fields; i++)
    if (is_string_type (info->fields[i].type))
      g_free (values[i].s);
  g_free (values);
}

gboolean
vl_value_equal (const VlField *field,
                const VlValue *a,
                const VlValue *b)
{
  if (is_string_type (field->type))
    return g_strcmp0 (a->s, b->s) == 0;
  if (field->type == VL_FIELD_NUMBER)
    return (isnan (a->d) && isnan (b->d)) || a->d == b->d;
  return a->i == b->i;
}

gboolean
vl_date_is_valid (const char *date)
{
  int y, m, d;

  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (date[i]))
      return FALSE;
  y = atoi (date);
  m = atoi (date + 5);
  d = atoi (date + 8);
  return y >= 1 && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

/* ---- GObject ----------------------------------------------------------- */

static const VlField *
field_for_pspec (VlRecord   *self,
                 guint       prop_id)
{
  const VlKindInfo *info = vl_kind_info (KIND_OF (self));

  g_assert (prop_id >= 1 && prop_id <= info->n_fields);
  return &info->fields[prop_id - 1];
}

/* A record made for a list row has its id and uuid only; its values are
 * read on first use (GTK asks a list for many rows it never shows). */
static void
ensure_loaded (VlRecord *self)
{
  VlRecordPrivate *priv = vl_record_get_instance_private (self);
  guint8 uuid[VL_UUID_LEN];
  gboolean deleted = FALSE;

  if (G_LIKELY (priv->values != NULL))
    return;
  if (priv->document == NULL ||
      !_vl_document_load_row (priv->document, KIND_OF (self), priv->rowid, uuid, &deleted, &priv->values))
    priv->values = vl_values_new_default (KIND_OF (self));
  priv->deleted = deleted != FALSE;
}

static void
record_field_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  VlRecord *self = VL_RECORD (object);
  VlRecordPrivate *priv = vl_record_get_instance_private (self);
  const VlField *f = field_for_pspec (self, prop_id);
  const VlValue *v;

  ensure_loaded (self);
  v = &priv->values[prop_id - 1];

  switch (f->type)
    {
    case VL_FIELD_STRING:
    case VL_FIELD_DATE:
      g_value_set_string (value, v->s);
      break;
    case VL_FIELD_INT:
      g_value_set_int (value, (int) v->i);
      break;
    case VL_FIELD_NUMBER:
      g_value_set_double (value, v->d);
      break;
    case VL_FIELD_BOOL:
      g_value_set_boolean (value, v->i != 0);
      break;
    case VL_FIELD_ENUM:
      g_value_set_enum (value, (int) v->i);
      break;
    case VL_FIELD_TIMESTAMP:
      g_value_set_int64 (value, v->i);
      break;
    case VL_FIELD_REF:
      g_value_take_object (value, vl_record_dup_ref (self, f->name));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
record_field_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  VlRecord *self = VL_RECORD (object);
  const VlField *f = field_for_pspec (self, prop_id);
  VlRecord *ref;
  VlValue v = { 0 };

  switch (f->type)
    {
    case VL_FIELD_STRING:
      v.s = (char *) (g_value_get_string (value) ? g_value_get_string (value) : "");
      break;
    case VL_FIELD_DATE:
      v.s = (char *) g_value_get_string (value);
      if (v.s != NULL && *v.s == '\0')
        v.s = NULL;
      if (v.s != NULL && !vl_date_is_valid (v.s))
        {
          g_critical ("“%s” is not a valid date for %s", v.s, f->name);
          return;
        }
      break;
    case VL_FIELD_INT:
      v.i = g_value_get_int (value);
      break;
    case VL_FIELD_NUMBER:
      v.d = g_value_get_double (value);
      break;
    case VL_FIELD_BOOL:
      v.i = g_value_get_boolean (value);
      break;
    case VL_FIELD_ENUM:
      v.i = g_value_get_enum (value);
      break;
    case VL_FIELD_TIMESTAMP:
      v.i = g_value_get_int64 (value);
      break;
    case VL_FIELD_REF:
      ref = g_value_get_object (value);
      g_return_if_fail (ref == NULL || vl_record_get_kind (ref) == f->ref_kind);
      v.i = ref != NULL ? vl_record_get_rowid (ref) : 0;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  _vl_document_write_field (vl_record_get_document (self), self, prop_id - 1, &v, NULL);
}

static void
vl_record_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  g_value_set_boolean (value, vl_record_get_deleted (VL_RECORD (object)));
}

static void
vl_record_finalize (GObject *object)
{
  VlRecord *self = VL_RECORD (object);
  VlRecordPrivate *priv = vl_record_get_instance_private (self);

  if (priv->document != NULL)
    {
      _vl_document_forget (priv->document, self);
      g_object_unref (priv->document);
    }
  vl_values_free (KIND_OF (self), priv->values);
  g_free (priv->uuid_string);

  G_OBJECT_CLASS (vl_record_parent_class)->finalize (object);
}

static void
vl_record_class_init (VlRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vl_record_finalize;
  object_class->get_property = vl_record_get_property;

  deleted_pspec = g_param_spec_boolean ("deleted", NULL, NULL, FALSE,
                                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                        G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, 1, deleted_pspec);
}

static void
vl_record_init (VlRecord *self)
{
}

static GParamSpec *
pspec_for_field (const VlField *f)
{
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  switch (f->type)
    {
    case VL_FIELD_STRING:
    case VL_FIELD_DATE:
      return g_param_spec_string (f->name, NULL, NULL, NULL, flags);
    case VL_FIELD_INT:
      return g_param_spec_int (f->name, NULL, NULL, G_MININT, G_MAXINT, (int) f->def, flags);
    case VL_FIELD_NUMBER:
      return g_param_spec_double (f->name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
    case VL_FIELD_BOOL:
      return g_param_spec_boolean (f->name, NULL, NULL, f->def != 0, flags);
    case VL_FIELD_ENUM:
      return g_param_spec_enum (f->name, NULL, NULL, f->enum_type (), (int) f->def, flags);
    case VL_FIELD_TIMESTAMP:
      return g_param_spec_int64 (f->name, NULL, NULL, 0, G_MAXINT64, 0, flags);
    case VL_FIELD_REF:
      return g_param_spec_object (f->name, NULL, NULL, vl_kind_get_gtype (f->ref_kind), flags);
    default:
      g_assert_not_reached ();
    }
}

/* Called from each kind's class_init: one property per field, with the
 * field's index + 1 as property id. */
void
vl_record_class_install_fields (VlRecordClass *klass,
                                VlKind         kind)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const VlKindInfo *info = vl_kind_info (kind);

  klass->kind = kind;
  object_class->get_property = record_field_get_property;
  object_class->set_property = record_field_set_property;
  for (guint i = 0; i < info->n_fields; i++)
    g_object_class_install_property (object_class, i + 1, pspec_for_field (&info->fields[i]));
}

/* ---- internal ---------------------------------------------------------- */

VlRecord *
_vl_record_new (VlDocument   *document,
                VlKind        kind,
                gint64        rowid,
                const guint8 *uuid,
                gboolean      deleted,
                VlValue      *values)
{
  VlRecord *self = g_object_new (vl_kind_get_gtype (kind), NULL);
  VlRecordPrivate *priv = vl_record_get_instance_private (self);

  priv->document = g_object_ref (document);
  priv->rowid = rowid;
  priv->values = values;
  priv->deleted = deleted != FALSE;
  memcpy (priv->uuid, uuid, VL_UUID_LEN);
  return self;
}

/* Made for a list row: values are read when first asked for. */
VlRecord *
_vl_record_new_lazy (VlDocument   *document,
                     VlKind        kind,
                     gint64        rowid,
                     const guint8 *uuid)
{
  return _vl_record_new (document, kind, rowid, uuid, FALSE, NULL);
}

const VlValue *
_vl_record_values (VlRecord *self)
{
  VlRecordPrivate *priv = vl_record_get_instance_private (self);

  ensure_loaded (self);
  return priv->values;
}

const guint8 *
_vl_record_uuid_bytes (VlRecord *self)
{
  VlRecordPrivate *priv = vl_record_get_instance_private (self);

  return priv->uuid;
}

/* A register was written (locally, by undo, or later by a merge): take the
 * new values and notify what changed, after all of them are in place. */
void
_vl_record_apply (VlRecord      *self,
                  guint          reg,
                  const VlValue *values)
{
  VlRecordPrivate *priv = vl_record_get_instance_private (self);
  const VlKindInfo *info = vl_kind_info (KIND_OF (self));
  GParamSpec *changed[8];
  guint n_changed = 0;
  guint j = 0;

  if (priv->values == NULL)
    return;   /* not read yet: it will read the new values */

  for (guint i = 0; i < info->n_fields; i++)
    {
      const VlField *f = &info->fields[i];

      if (f->reg != reg)
        continue;
      if (!vl_value_equal (f, &priv->values[i], &values[j]))
        {
          vl_value_assign (f, &priv->values[i], &values[j]);
          g_assert (n_changed < G_N_ELEMENTS (changed));
          changed[n_changed++] = g_object_class_find_property (G_OBJECT_GET_CLASS (self), f->name);
        }
      j++;
    }
  for (guint i = 0; i < n_changed; i++)
    g_object_notify_by_pspec (G_OBJECT (self), changed[i]);
}

void
_vl_record_apply_deleted (VlRecord *self,
                          gboolean  deleted)
{
  VlRecordPrivate *priv = vl_record_get_instance_private (self);

  ensure_loaded (self);
  if (priv->deleted == (deleted != FALSE))
    return;
  priv->deleted = deleted != FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), deleted_pspec);
}

/* ---- public ------------------------------------------------------------ */

VlDocument *
vl_record_get_document (VlRecord *self)
{
  VlRecordPrivate *priv = vl_record_get_instance_private (self);

  g_return_val_if_fail (VL_IS_RECORD (self), NULL);

  return priv->document;
}

VlKind
vl_record_get_kind (VlRecord *self)
{
  g_return_val_if_fail (VL_IS_RECORD (self), 0);

  return KIND_OF (self);
}

gint64
vl_record_get_rowid (VlRecord *self)
{
  VlRecordPrivate *priv = vl_record_get_instance_private (self);

  g_return_val_if_fail (VL_IS_RECORD (self), 0);

  return priv->rowid;
}

const char *
vl_record_get_uuid (VlRecord *self)
{
  VlRecordPrivate *priv = vl_record_get_instance_private (self);

  g_return_val_if_fail (VL_IS_RECORD (self), NULL);

  if (priv->uuid_string == NULL)
    {
      priv->uuid_string = g_malloc (VL_UUID_STRING_LEN);
      vl_uuid_to_string (priv->uuid, priv->uuid_string);
    }
  return priv->uuid_string;
}

gboolean
vl_record_get_deleted (VlRecord *self)
{
  VlRecordPrivate *priv = vl_record_get_instance_private (self);

  g_return_val_if_fail (VL_IS_RECORD (self), FALSE);

  ensure_loaded (self);
  return priv->deleted;
}

static const VlValue *
lookup_value (VlRecord      *self,
              const char    *field,
              const VlField **out_field)
{
  VlRecordPrivate *priv = vl_record_get_instance_private (self);
  int i = vl_kind_find_field (KIND_OF (self), field);

  if (i < 0)
    return NULL;
  ensure_loaded (self);
  *out_field = &vl_kind_info (KIND_OF (self))->fields[i];
  return &priv->values[i];
}

const char *
vl_record_get_string (VlRecord   *self,
                      const char *field)
{
  const VlField *f;
  const VlValue *v;

  g_return_val_if_fail (VL_IS_RECORD (self), NULL);
  v = lookup_value (self, field, &f);
  g_return_val_if_fail (v != NULL && is_string_type (f->type), NULL);

  return v->s;
}

gint64
vl_record_get_int (VlRecord   *self,
                   const char *field)
{
  const VlField *f;
  const VlValue *v;

  g_return_val_if_fail (VL_IS_RECORD (self), 0);
  v = lookup_value (self, field, &f);
  g_return_val_if_fail (v != NULL && !is_string_type (f->type) && f->type != VL_FIELD_NUMBER, 0);

  return v->i;
}

double
vl_record_get_number (VlRecord   *self,
                      const char *field)
{
  const VlField *f;
  const VlValue *v;

  g_return_val_if_fail (VL_IS_RECORD (self), NAN);
  v = lookup_value (self, field, &f);
  g_return_val_if_fail (v != NULL && f->type == VL_FIELD_NUMBER, NAN);

  return v->d;
}

gint64
vl_record_get_ref_id (VlRecord   *self,
                      const char *field)
{
  return vl_record_get_int (self, field);
}

/**
 * vl_record_dup_ref:
 * Returns: (transfer full) (nullable): the row @field points to.
 */
VlRecord *
vl_record_dup_ref (VlRecord   *self,
                   const char *field)
{
  const VlField *f;
  const VlValue *v;

  g_return_val_if_fail (VL_IS_RECORD (self), NULL);
  v = lookup_value (self, field, &f);
  g_return_val_if_fail (v != NULL && f->type == VL_FIELD_REF, NULL);

  if (v->i == 0)
    return NULL;
  return vl_document_lookup (vl_record_get_document (self), f->ref_kind, v->i);
}

const char *
vl_record_get_title (VlRecord *self)
{
  const char *field;

  g_return_val_if_fail (VL_IS_RECORD (self), NULL);

  field = vl_kind_info (KIND_OF (self))->title_field;
  return field != NULL ? vl_record_get_string (self, field) : "";
}

/**
 * vl_record_format_field:
 *
 * Returns: (transfer full): the value of @field as the CLI and JSON show it
 * (enum nicks, ISO dates, row ids for references), "" when unset.
 */
char *
vl_record_format_field (VlRecord   *self,
                        const char *field)
{
  const VlField *f;
  const VlValue *v;
  g_autoptr(VlRecord) ref = NULL;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (VL_IS_RECORD (self), NULL);
  v = lookup_value (self, field, &f);
  g_return_val_if_fail (v != NULL, NULL);

  switch (f->type)
    {
    case VL_FIELD_STRING:
    case VL_FIELD_DATE:
      return g_strdup (v->s != NULL ? v->s : "");
    case VL_FIELD_NUMBER:
      return isnan (v->d) ? g_strdup ("") : g_strdup (g_ascii_dtostr (buf, sizeof buf, v->d));
    case VL_FIELD_BOOL:
      return g_strdup (v->i ? "true" : "false");
    case VL_FIELD_ENUM:
      return g_strdup (vl_enum_to_nick (f->enum_type (), (int) v->i));
    case VL_FIELD_REF:
      ref = vl_record_dup_ref (self, field);
      return g_strdup (ref != NULL ? vl_record_get_uuid (ref) : "");
    case VL_FIELD_INT:
    case VL_FIELD_TIMESTAMP:
    default:
      return g_strdup_printf ("%" G_GINT64_FORMAT, v->i);
    }
}

static gboolean
parse_text (VlRecord      *self,
            const VlField *f,
            const char    *text,
            VlValue       *v,
            GError       **error)
{
  g_autoptr(VlRecord) ref = NULL;
  char *end = NULL;
  int e;

  switch (f->type)
    {
    case VL_FIELD_STRING:
      v->s = (char *) text;
      return TRUE;
    case VL_FIELD_DATE:
      v->s = *text != '\0' ? (char *) text : NULL;
      if (v->s == NULL || vl_date_is_valid (text))
        return TRUE;
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                   _("“%s” is not a date for %s: use YYYY-MM-DD, a real calendar day"),
                   text, f->name);
      return FALSE;
    case VL_FIELD_NUMBER:
      v->d = *text == '\0' ? NAN : g_ascii_strtod (text, &end);
      if (*text == '\0' || (end != NULL && *end == '\0' && isfinite (v->d)))
        return TRUE;
      break;
    case VL_FIELD_INT:
    case VL_FIELD_TIMESTAMP:
      if (g_ascii_string_to_signed (text, 10, f->type == VL_FIELD_INT ? G_MININT : 0,
                                    f->type == VL_FIELD_INT ? G_MAXINT : G_MAXINT64,
                                    &v->i, NULL))
        return TRUE;
      break;
    case VL_FIELD_BOOL:
      v->i = g_ascii_strcasecmp (text, "true") == 0 || g_ascii_strcasecmp (text, "yes") == 0 ||
             g_strcmp0 (text, "1") == 0;
      if (v->i || g_ascii_strcasecmp (text, "false") == 0 || g_ascii_strcasecmp (text, "no") == 0 ||
          g_strcmp0 (text, "0") == 0)
        return TRUE;
      break;
    case VL_FIELD_ENUM:
      if (vl_enum_from_nick (f->enum_type (), text, &e))
        {
          v->i = e;
          return TRUE;
        }
      break;
    case VL_FIELD_REF:
      v->i = 0;
      if (*text == '\0')
        return TRUE;
      ref = vl_document_find (vl_record_get_document (self), f->ref_kind, text);
      if (ref != NULL)
        {
          v->i = vl_record_get_rowid (ref);
          return TRUE;
        }
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                   _("No %s “%s” for %s"), _(vl_kind_info (f->ref_kind)->label), text, f->name);
      return FALSE;
    default:
      break;
    }
  g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
               _("“%s” is not a valid value for %s"), text, f->name);
  return FALSE;
}

/**
 * vl_record_set_from_text:
 *
 * Sets @field from the text form that vl_record_format_field() returns
 * (a reference may also be given by a unique id prefix or by title).
 *
 * Returns: %TRUE if written; else %FALSE with @error saying why (a value
 * that does not parse, or a write that failed: inside an action, the
 * action then fails at its commit too)
 */
gboolean
vl_record_set_from_text (VlRecord   *self,
                         const char *field,
                         const char *text,
                         GError    **error)
{
  VlRecordPrivate *priv = vl_record_get_instance_private (self);
  int i;
  VlValue v = { 0 };

  g_return_val_if_fail (VL_IS_RECORD (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  i = vl_kind_find_field (KIND_OF (self), field);
  if (i < 0 || i == vl_kind_info (KIND_OF (self))->rank)
    {
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                   _("A %s has no field “%s”"), _(vl_kind_info (KIND_OF (self))->label), field);
      return FALSE;
    }
  if (!parse_text (self, &vl_kind_info (KIND_OF (self))->fields[i], text, &v, error))
    return FALSE;
  return _vl_document_write_field (priv->document, self, (guint) i, &v, error);
}
