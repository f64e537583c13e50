/* vl-copy-dialog.c — a copy of a plan open elsewhere, and the offer to make it
 * a plan of its own
 *
 * A file that is a copy of another plan (copied by hand, or left behind by
 * a sync tool) is never merged on its own. The dialog says so, with the
 * reason the document gave, and Make Independent Plan gives the copy an
 * identity of its own (vl_document_make_independent()) and opens it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-copy-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vl-copy-dialog.h"
#include "vl-toast.h"

struct _VlCopyDialog
{
  AdwMessageDialog  parent_instance;

  VlWindow         *window;
  GFile            *file;
};

G_DEFINE_FINAL_TYPE (VlCopyDialog, vl_copy_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
independent_cb (VlCopyDialog *self,
                const char   *response)
{
  g_autoptr(GError) error = NULL;

  if (!vl_document_make_independent (self->file, &error))
    vl_show_error (GTK_WINDOW (self->window), _("Could Not Make an Independent Plan"), error);
  else
    vl_window_open_file (self->window, self->file);
}

static void
vl_copy_dialog_dispose (GObject *object)
{
  VlCopyDialog *self = VL_COPY_DIALOG (object);

  g_clear_object (&self->window);
  g_clear_object (&self->file);
  G_OBJECT_CLASS (vl_copy_dialog_parent_class)->dispose (object);
}

static void
vl_copy_dialog_class_init (VlCopyDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = vl_copy_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/valueloop/Valueloop/vl-copy-dialog.ui");
  gtk_widget_class_bind_template_callback (widget_class, independent_cb);
}

static void
vl_copy_dialog_init (VlCopyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * vl_copy_dialog_new:
 * @file: the copy
 * @error: why @file was not opened (%VL_DOCUMENT_ERROR_COPY)
 *
 * Returns: (transfer none): the dialog over @window (presented first), shown
 */
GtkWidget *
vl_copy_dialog_new (VlWindow *window,
                    GFile    *file,
                    GError   *error)
{
  VlCopyDialog *self = g_object_new (VL_TYPE_COPY_DIALOG, "transient-for", window, "body", error->message, NULL);

  self->window = g_object_ref (window);
  self->file = g_object_ref (file);
  if (!gtk_widget_get_visible (GTK_WIDGET (window)))
    gtk_window_present (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (self));
  return GTK_WIDGET (self);
}
