/* vl-field-row.c — one field of a record as a preferences row
 *
 * Text, numbers and dates are entry rows applied through
 * vl_record_set_from_text() (the CLI's parser: an impossible date or a
 * word where a number belongs is refused, with the error style and a
 * toast), enums are combo rows with the labels of vl-labels.c, flags are
 * switches. The owner calls vl_field_row_update() on the record's notify,
 * so an edit elsewhere, an undo or a merge shows at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-field-row"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vl-field-row.h"
#include "vl-labels.h"
#include "vl-toast.h"

typedef struct
{
  VlKind             kind;
  const char        *field;    /* static: from the row tables */
  const VlField     *info;
  VlRecord          *record;
  gboolean           updating;
  double             min, max; /* numbers: the range allowed */
  VlFieldEnumWriter  writer;
  GtkWidget         *sw;       /* flags */
} FieldRow;

static FieldRow *
get (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "vl-field-row");
}

static void
field_row_free (gpointer data)
{
  FieldRow *f = data;

  g_clear_object (&f->record);
  g_free (f);
}

const char *
vl_field_row_get_field (GtkWidget *row)
{
  g_return_val_if_fail (get (row) != NULL, NULL);
  return get (row)->field;
}

void
vl_field_row_update (GtkWidget *row)
{
  FieldRow *f = get (row);
  g_autofree char *text = NULL;

  g_return_if_fail (f != NULL);
  if (f->record == NULL)
    return;
  f->updating = TRUE;
  if (f->info->type == VL_FIELD_ENUM)
    adw_combo_row_set_selected (ADW_COMBO_ROW (row), (guint) vl_record_get_int (f->record, f->field));
  else if (f->info->type == VL_FIELD_BOOL)
    gtk_switch_set_active (GTK_SWITCH (f->sw), vl_record_get_int (f->record, f->field) != 0);
  else
    {
      text = vl_record_format_field (f->record, f->field);
      gtk_editable_set_text (GTK_EDITABLE (row), text);
      gtk_widget_remove_css_class (row, "error");
    }
  f->updating = FALSE;
}

void
vl_field_row_set_record (GtkWidget *row,
                         VlRecord  *record)
{
  FieldRow *f = get (row);

  g_return_if_fail (f != NULL);
  g_return_if_fail (record == NULL || vl_record_get_kind (record) == f->kind);
  g_set_object (&f->record, record);
  vl_field_row_update (row);
}

void
vl_field_row_set_range (GtkWidget *row,
                        double     min,
                        double     max)
{
  g_return_if_fail (get (row) != NULL);
  get (row)->min = min;
  get (row)->max = max;
}

void
vl_field_row_set_enum_writer (GtkWidget         *row,
                              VlFieldEnumWriter  writer)
{
  g_return_if_fail (get (row) != NULL);
  get (row)->writer = writer;
}

static void
refuse (GtkWidget  *row,
        const char *message)
{
  gtk_widget_add_css_class (row, "error");
  vl_toast (row, message, FALSE);
}

static void
entry_apply_cb (AdwEntryRow *entry,
                gpointer     data)
{
  GtkWidget *row = GTK_WIDGET (entry);
  FieldRow *f = get (row);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GError) error = NULL;

  if (f->record == NULL)
    return;
  if (f->info->type == VL_FIELD_NUMBER && *text != '\0')
    {
      char *end = NULL;
      double value = g_ascii_strtod (text, &end);

      if (end != NULL && *end == '\0' && isfinite (value) && (value < f->min || value > f->max))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is out of range: %g to %g"), text, f->min, f->max);

          refuse (row, message);
          return;
        }
    }
  if (!vl_record_set_from_text (f->record, f->field, text, &error))
    {
      refuse (row, error != NULL ? error->message : _("Could not change the field"));
      return;
    }
  vl_field_row_update (row);
}

static void
combo_selected_cb (AdwComboRow *combo,
                   GParamSpec  *pspec,
                   gpointer     data)
{
  GtkWidget *row = GTK_WIDGET (combo);
  FieldRow *f = get (row);
  guint selected = adw_combo_row_get_selected (combo);
  g_autoptr(GError) error = NULL;

  if (f->updating || f->record == NULL || selected == GTK_INVALID_LIST_POSITION ||
      selected == (guint) vl_record_get_int (f->record, f->field))
    return;
  if (f->writer != NULL)
    {
      if (!f->writer (f->record, (int) selected, &error))
        {
          vl_toast (row, error->message, FALSE);
          vl_field_row_update (row);   /* show the value that stays */
        }
      return;
    }
  g_object_set (f->record, f->field, (int) selected, NULL);
}

static void
switch_cb (GtkSwitch  *sw,
           GParamSpec *pspec,
           GtkWidget  *row)
{
  FieldRow *f = get (row);

  if (!f->updating && f->record != NULL)
    g_object_set (f->record, f->field, gtk_switch_get_active (sw), NULL);
}

/**
 * vl_field_row_new:
 * @field: a field of @kind (static string)
 * @label: the row's title, translated
 *
 * Returns: (transfer floating): an #AdwEntryRow, #AdwComboRow or
 *   #AdwActionRow with a switch
 */
GtkWidget *
vl_field_row_new (VlKind      kind,
                  const char *field,
                  const char *label)
{
  int index = vl_kind_find_field (kind, field);
  FieldRow *f;
  GtkWidget *row;

  g_return_val_if_fail (index >= 0, NULL);

  f = g_new0 (FieldRow, 1);
  f->kind = kind;
  f->field = field;
  f->info = &vl_kind_info (kind)->fields[index];
  f->min = -G_MAXDOUBLE;
  f->max = G_MAXDOUBLE;
  if (f->info->type == VL_FIELD_ENUM)
    {
      g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

      for (guint i = 0; i < vl_enum_n_values (field); i++)
        gtk_string_list_append (list, vl_enum_label (field, (int) i) ? vl_enum_label (field, (int) i)
                                                                   : _("Not set"));
      row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
      g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), NULL);
    }
  else if (f->info->type == VL_FIELD_BOOL)
    {
      row = adw_action_row_new ();
      f->sw = gtk_switch_new ();
      gtk_widget_set_valign (f->sw, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), f->sw);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), f->sw);
      g_signal_connect (f->sw, "notify::active", G_CALLBACK (switch_cb), row);
    }
  else
    {
      row = adw_entry_row_new ();
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_signal_connect (row, "apply", G_CALLBACK (entry_apply_cb), NULL);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  g_object_set_data_full (G_OBJECT (row), "vl-field-row", f, field_row_free);
  return row;
}
