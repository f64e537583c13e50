/* vl-clock-dialog.c — the statuses between which cycle time runs
 *
 * The clock starts at an item's first entry into one status and stops at
 * its first entry into another. The Reports page connects to
 * "response::set" and writes them as a plan setting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-clock-dialog"

#include "config.h"

#include "vl-clock-dialog.h"
#include "vl-labels.h"
#include "vl-toast.h"

struct _VlClockDialog
{
  AdwMessageDialog  parent_instance;

  AdwComboRow      *start_choice;
  AdwComboRow      *stop_choice;
};

G_DEFINE_FINAL_TYPE (VlClockDialog, vl_clock_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
vl_clock_dialog_class_init (VlClockDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/valueloop/Valueloop/vl-clock-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VlClockDialog, start_choice);
  gtk_widget_class_bind_template_child (widget_class, VlClockDialog, stop_choice);
}

static GListModel *
status_names (void)
{
  GtkStringList *names = gtk_string_list_new (NULL);

  for (int s = 0; s <= VL_STATUS_REVIEWED; s++)
    gtk_string_list_append (names, vl_enum_label ("status", s));
  return G_LIST_MODEL (names);
}

static void
vl_clock_dialog_init (VlClockDialog *self)
{
  g_autoptr(GListModel) names = status_names ();

  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_model (self->start_choice, names);
  adw_combo_row_set_model (self->stop_choice, names);
}

/**
 * vl_clock_dialog_new:
 * @for_widget: the widget whose window the dialog goes over
 * @start: the status chosen to start the clock
 * @stop: the one chosen to stop it
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
GtkWidget *
vl_clock_dialog_new (GtkWidget *for_widget,
                     VlStatus   start,
                     VlStatus   stop)
{
  VlClockDialog *self = g_object_new (VL_TYPE_CLOCK_DIALOG, "transient-for", vl_window_for (for_widget), NULL);

  adw_combo_row_set_selected (self->start_choice, start);
  adw_combo_row_set_selected (self->stop_choice, stop);
  return GTK_WIDGET (self);
}

void
vl_clock_dialog_get_statuses (VlClockDialog *self,
                              VlStatus      *start,
                              VlStatus      *stop)
{
  g_return_if_fail (VL_IS_CLOCK_DIALOG (self));
  *start = (VlStatus) adw_combo_row_get_selected (self->start_choice);
  *stop = (VlStatus) adw_combo_row_get_selected (self->stop_choice);
}
