/* vl-error-dialog.c — an error the user must read before going on
 *
 * A heading that says what could not be done, the error's message (which
 * names the file and the reason) and Close. vl_show_error() shows one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-error-dialog"

#include "config.h"

#include "vl-error-dialog.h"

struct _VlErrorDialog
{
  AdwMessageDialog parent_instance;
};

G_DEFINE_FINAL_TYPE (VlErrorDialog, vl_error_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
vl_error_dialog_class_init (VlErrorDialogClass *klass)
{
  gtk_widget_class_set_template_from_resource (GTK_WIDGET_CLASS (klass),
                                               "/io/github/valueloop/Valueloop/vl-error-dialog.ui");
}

static void
vl_error_dialog_init (VlErrorDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * vl_error_dialog_new:
 * @parent: (nullable): the window it goes over, presented first if hidden
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWidget *
vl_error_dialog_new (GtkWindow  *parent,
                     const char *heading,
                     GError     *error)
{
  GtkWidget *self = g_object_new (VL_TYPE_ERROR_DIALOG, "transient-for", parent, "heading", heading,
                                  "body", error->message, NULL);

  if (parent != NULL && !gtk_widget_get_visible (GTK_WIDGET (parent)))
    gtk_window_present (parent);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
