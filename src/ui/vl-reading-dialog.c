/* vl-reading-dialog.c — add a reading of a launched item's metric
 *
 * A value (a decimal comma is read as a point), the day it was read
 * (today, to start with) and a note. Add records it (vl_item_add_reading());
 * what the item refuses — an impossible date, a value that is not a
 * number — is said in an error dialog, and nothing is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-reading-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vl-okr.h"
#include "vl-reading-dialog.h"
#include "vl-toast.h"
#include "vl-value.h"

struct _VlReadingDialog
{
  AdwMessageDialog  parent_instance;

  VlRecord         *item;

  GtkEditable      *value_entry;
  GtkEditable      *date_entry;
  GtkEditable      *note_entry;
};

G_DEFINE_FINAL_TYPE (VlReadingDialog, vl_reading_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
add_cb (VlReadingDialog *self,
        const char      *response)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) reading = NULL;
  g_autofree char *text = g_strdelimit (g_strdup (gtk_editable_get_text (self->value_entry)), ",", '.');
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);

  if (*text == '\0' || end == NULL || *end != '\0')
    value = NAN;
  reading = vl_item_add_reading (self->item, gtk_editable_get_text (self->date_entry), value,
                                 gtk_editable_get_text (self->note_entry), &error);
  if (reading == NULL)
    vl_show_error (gtk_window_get_transient_for (GTK_WINDOW (self)), _("Could Not Add the Reading"), error);
}

static void
vl_reading_dialog_dispose (GObject *object)
{
  g_clear_object (&VL_READING_DIALOG (object)->item);
  G_OBJECT_CLASS (vl_reading_dialog_parent_class)->dispose (object);
}

static void
vl_reading_dialog_class_init (VlReadingDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = vl_reading_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/valueloop/Valueloop/vl-reading-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VlReadingDialog, value_entry);
  gtk_widget_class_bind_template_child (widget_class, VlReadingDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, VlReadingDialog, note_entry);
  gtk_widget_class_bind_template_callback (widget_class, add_cb);
}

static void
vl_reading_dialog_init (VlReadingDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * vl_reading_dialog_new:
 * @for_widget: the widget whose window the dialog goes over
 * @item: a launched item
 *
 * Returns: (transfer none): the dialog, shown, its value focused
 */
GtkWidget *
vl_reading_dialog_new (GtkWidget *for_widget,
                       VlRecord  *item)
{
  VlReadingDialog *self = g_object_new (VL_TYPE_READING_DIALOG, "transient-for", vl_window_for (for_widget), NULL);
  const char *metric = vl_record_get_string (item, "metric");
  g_autoptr(GDate) today = vl_okr_today ();
  char date[11];

  self->item = g_object_ref (item);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self), _("What “%s” shows for %s."),
                                  vl_record_get_title (item), *metric != '\0' ? metric : _("its metric"));
  g_date_strftime (date, sizeof date, "%Y-%m-%d", today);
  gtk_editable_set_text (self->date_entry, date);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->value_entry));
  return GTK_WIDGET (self);
}
