/* vl-map-export-dialog.c — what to make of a map: a picture, a PDF, a handout
 *
 * The first step of Export Map: one choice among the kinds of export, the
 * first chosen. The caller adds the choices in its own order, connects to
 * "response::export" and reads the place of the one chosen; asking where
 * to save comes next, from the caller.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-map-export-dialog"

#include "config.h"

#include "vl-map-export-dialog.h"
#include "vl-toast.h"

struct _VlMapExportDialog
{
  AdwMessageDialog  parent_instance;

  GtkBox           *choices;
};

G_DEFINE_FINAL_TYPE (VlMapExportDialog, vl_map_export_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
vl_map_export_dialog_class_init (VlMapExportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/valueloop/Valueloop/vl-map-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VlMapExportDialog, choices);
}

static void
vl_map_export_dialog_init (VlMapExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * vl_map_export_dialog_new:
 * @for_widget: the widget whose window the dialog goes over
 * @map_title: the map's title, the dialog's body
 *
 * Returns: (transfer none): the dialog, without choices, not yet shown
 */
GtkWidget *
vl_map_export_dialog_new (GtkWidget  *for_widget,
                          const char *map_title)
{
  return g_object_new (VL_TYPE_MAP_EXPORT_DIALOG, "transient-for", vl_window_for (for_widget), "body", map_title,
                       NULL);
}

/* Adds a choice, translated, after the others; the first is chosen. */
void
vl_map_export_dialog_add_choice (VlMapExportDialog *self,
                                 const char        *label)
{
  GtkWidget *first = gtk_widget_get_first_child (GTK_WIDGET (self->choices));
  GtkWidget *choice = gtk_check_button_new_with_label (label);

  g_return_if_fail (VL_IS_MAP_EXPORT_DIALOG (self));
  if (first != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (choice), GTK_CHECK_BUTTON (first));
  else
    gtk_check_button_set_active (GTK_CHECK_BUTTON (choice), TRUE);
  gtk_box_append (self->choices, choice);
}

/* The place of the chosen one among the choices, in the order added. */
guint
vl_map_export_dialog_get_choice (VlMapExportDialog *self)
{
  guint i = 0;

  g_return_val_if_fail (VL_IS_MAP_EXPORT_DIALOG (self), 0);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->choices)); c != NULL;
       c = gtk_widget_get_next_sibling (c), i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (c)))
      return i;
  return 0;
}
