/* vl-period-dialog.c — the days a custom period of the reports covers
 *
 * Two days as YYYY-MM-DD, both included, starting from the period shown.
 * The Reports page connects to its response and reads the period with
 * vl_period_dialog_get_period().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-period-dialog"

#include "config.h"

#include "vl-period-dialog.h"
#include "vl-reports-page-private.h"
#include "vl-toast.h"

struct _VlPeriodDialog
{
  AdwMessageDialog  parent_instance;

  GtkEditable      *from_entry;
  GtkEditable      *to_entry;
};

G_DEFINE_FINAL_TYPE (VlPeriodDialog, vl_period_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
vl_period_dialog_class_init (VlPeriodDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/valueloop/Valueloop/vl-period-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VlPeriodDialog, from_entry);
  gtk_widget_class_bind_template_child (widget_class, VlPeriodDialog, to_entry);
}

static void
vl_period_dialog_init (VlPeriodDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
set_day (GtkEditable *entry,
         const GDate *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  gtk_editable_set_text (entry, text);
}

/**
 * vl_period_dialog_new:
 * @for_widget: the widget whose window the dialog goes over
 * @from: the first day to show
 * @to: the last day to show
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
GtkWidget *
vl_period_dialog_new (GtkWidget   *for_widget,
                      const GDate *from,
                      const GDate *to)
{
  VlPeriodDialog *self = g_object_new (VL_TYPE_PERIOD_DIALOG, "transient-for", vl_window_for (for_widget), NULL);

  set_day (self->from_entry, from);
  set_day (self->to_entry, to);
  return GTK_WIDGET (self);
}

/* Sets @from and @to to the days typed; %FALSE when either is not a day
 * (YYYY-MM-DD) or the first is after the second. */
gboolean
vl_period_dialog_get_period (VlPeriodDialog *self,
                             GDate          *from,
                             GDate          *to)
{
  g_return_val_if_fail (VL_IS_PERIOD_DIALOG (self), FALSE);
  return vl_reports_page_parse_day (gtk_editable_get_text (self->from_entry), from) &&
         vl_reports_page_parse_day (gtk_editable_get_text (self->to_entry), to) && g_date_compare (from, to) <= 0;
}
