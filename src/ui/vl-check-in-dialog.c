/* vl-check-in-dialog.c — check in on a key result
 *
 * The date (today), the key result's value (the last one, to change; a
 * switch for a milestone), a confidence from 0 to 1.0 and a note. What is
 * typed is checked as it is typed: Check In stays off, and a line says
 * what is wrong, until the input is good, so nothing half-made reaches
 * the plan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-check-in-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vl-check-in-dialog.h"
#include "vl-enums.h"
#include "vl-okr.h"
#include "vl-toast.h"

struct _VlCheckInDialog
{
  AdwMessageDialog  parent_instance;

  GtkWidget        *page;        /* where failures are told */
  VlRecord         *key_result;

  AdwEntryRow      *date_row;
  AdwEntryRow      *value_row;
  AdwActionRow     *done_row;
  GtkSwitch        *done_switch;
  GtkSpinButton    *confidence_button;
  AdwEntryRow      *note_row;
  GtkLabel         *problem_label;
};

G_DEFINE_FINAL_TYPE (VlCheckInDialog, vl_check_in_dialog, ADW_TYPE_MESSAGE_DIALOG)

static gboolean
parse_number (const char *text,
              double     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;

  if (*copy == '\0')
    return FALSE;
  *value = g_ascii_strtod (copy, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}

static void
validate (VlCheckInDialog *self)
{
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  const char *value = gtk_editable_get_text (GTK_EDITABLE (self->value_row));
  g_autofree char *message = NULL;
  double v;

  if (!vl_date_is_valid (date))
    message = g_strdup_printf (_("“%s” is not a date: write it as YYYY-MM-DD, for example 2026-03-31"), date);
  else if (gtk_widget_get_visible (GTK_WIDGET (self->value_row)) && !parse_number (value, &v))
    message = g_strdup_printf (_("“%s” is not a number"), value);
  vl_dialog_show_problem (ADW_MESSAGE_DIALOG (self), "check-in", self->problem_label, message);
}

static void
check_in_cb (VlCheckInDialog *self,
             const char      *response)
{
  g_autoptr(VlRecord) checkin = NULL;
  g_autoptr(GError) error = NULL;
  double value = NAN;

  if (gtk_widget_get_visible (GTK_WIDGET (self->value_row)))
    parse_number (gtk_editable_get_text (GTK_EDITABLE (self->value_row)), &value);
  else
    value = gtk_switch_get_active (self->done_switch) ? 1 : 0;
  checkin = vl_key_result_check_in (self->key_result, gtk_editable_get_text (GTK_EDITABLE (self->date_row)),
                                    value, gtk_spin_button_get_value (self->confidence_button),
                                    gtk_editable_get_text (GTK_EDITABLE (self->note_row)), &error);
  if (checkin == NULL)
    vl_toast (self->page, error->message, FALSE);
}

static void
vl_check_in_dialog_dispose (GObject *object)
{
  VlCheckInDialog *self = VL_CHECK_IN_DIALOG (object);

  g_clear_object (&self->key_result);
  g_clear_object (&self->page);
  G_OBJECT_CLASS (vl_check_in_dialog_parent_class)->dispose (object);
}

static void
vl_check_in_dialog_class_init (VlCheckInDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = vl_check_in_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/valueloop/Valueloop/vl-check-in-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VlCheckInDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, VlCheckInDialog, value_row);
  gtk_widget_class_bind_template_child (widget_class, VlCheckInDialog, done_row);
  gtk_widget_class_bind_template_child (widget_class, VlCheckInDialog, done_switch);
  gtk_widget_class_bind_template_child (widget_class, VlCheckInDialog, confidence_button);
  gtk_widget_class_bind_template_child (widget_class, VlCheckInDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, VlCheckInDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, validate);
  gtk_widget_class_bind_template_callback (widget_class, check_in_cb);
}

static void
vl_check_in_dialog_init (VlCheckInDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * vl_check_in_dialog_new:
 * @page: the page it is for (failures are told there)
 *
 * Returns: (transfer none): the dialog over @page's window, not yet shown
 */
GtkWidget *
vl_check_in_dialog_new (GtkWidget *page,
                        VlRecord  *kr)
{
  VlCheckInDialog *self = g_object_new (VL_TYPE_CHECK_IN_DIALOG,
                                        "transient-for", vl_window_for (page),
                                        "body", vl_record_get_title (kr), NULL);
  g_autoptr(VlRecord) last = vl_key_result_dup_last_checkin (kr);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *value = vl_record_format_field (kr, "current");
  g_autofree char *value_title = NULL;
  gboolean milestone = vl_record_get_int (kr, "kind") == VL_KR_KIND_MILESTONE;
  const char *unit = vl_record_get_string (kr, "unit");

  self->page = g_object_ref (page);
  self->key_result = g_object_ref (kr);
  value_title = *unit ? g_strdup_printf (_("Value (%s)"), unit) : g_strdup (_("Value"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->value_row), value_title);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  gtk_editable_set_text (GTK_EDITABLE (self->value_row), value);
  gtk_widget_set_visible (GTK_WIDGET (self->value_row), !milestone);
  gtk_widget_set_visible (GTK_WIDGET (self->done_row), milestone);
  gtk_switch_set_active (self->done_switch, vl_record_get_int (kr, "done") != 0);
  gtk_spin_button_set_value (self->confidence_button,
                             last != NULL ? vl_record_get_number (last, "confidence") : 0.7);
  validate (self);
  return GTK_WIDGET (self);
}
