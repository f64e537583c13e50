/* vl-name-dialog.c — a dialog that asks for a name
 *
 * Renaming a backlog, a saved view or a map, and naming a view to save:
 * a heading, perhaps a line of explanation, the name (all of it selected,
 * Enter answers) and Cancel beside the suggested response. The caller
 * connects to its detailed response ("response::rename") and reads the
 * name, trimmed, with vl_name_dialog_dup_name(). Renaming a record is
 * one call: vl_name_dialog_rename().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-name-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vl-name-dialog.h"
#include "vl-schema.h"
#include "vl-toast.h"

struct _VlNameDialog
{
  AdwMessageDialog  parent_instance;

  GtkEntry         *entry;
};

G_DEFINE_FINAL_TYPE (VlNameDialog, vl_name_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
vl_name_dialog_class_init (VlNameDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/valueloop/Valueloop/vl-name-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VlNameDialog, entry);
}

static void
vl_name_dialog_init (VlNameDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * vl_name_dialog_new:
 * @for_widget: the widget whose window the dialog goes over
 * @body: (nullable): a line of explanation
 * @name: the name to start from
 * @response: the id of the response that takes the name ("rename")
 * @response_label: its button's label, translated ("_Rename")
 *
 * Returns: (transfer none): the dialog, shown, its name focused
 */
GtkWidget *
vl_name_dialog_new (GtkWidget  *for_widget,
                    const char *heading,
                    const char *body,
                    const char *name,
                    const char *response,
                    const char *response_label)
{
  VlNameDialog *self = g_object_new (VL_TYPE_NAME_DIALOG,
                                     "transient-for", vl_window_for (for_widget),
                                     "heading", heading, "body", body != NULL ? body : "", NULL);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), response, response_label);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), response);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), name != NULL ? name : "");
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  return GTK_WIDGET (self);
}

/* The name given, trimmed. */
char *
vl_name_dialog_dup_name (VlNameDialog *self)
{
  g_return_val_if_fail (VL_IS_NAME_DIALOG (self), NULL);
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
}

static void
renamed_cb (VlNameDialog *self,
            const char   *response,
            VlRecord     *record)
{
  g_autofree char *name = vl_name_dialog_dup_name (self);
  VlDocument *document = vl_record_get_document (record);

  if (*name == '\0' || g_strcmp0 (name, vl_record_get_title (record)) == 0)
    return;
  vl_document_begin (document, adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (self)));
  g_object_set (record, vl_kind_info (vl_record_get_kind (record))->title_field, name, NULL);
  vl_document_commit (document, NULL);
}

/**
 * vl_name_dialog_rename:
 * @for_widget: the widget whose window the dialog goes over
 * @heading: the dialog's heading, and the edit's name ("Rename Map")
 * @record: what is renamed: a backlog, a saved view, a map…
 *
 * Asks for @record's new name and writes it as one undoable edit; an
 * empty or unchanged name changes nothing.
 */
void
vl_name_dialog_rename (GtkWidget  *for_widget,
                       const char *heading,
                       VlRecord   *record)
{
  GtkWidget *self = vl_name_dialog_new (for_widget, heading, NULL, vl_record_get_title (record), "rename",
                                        _("_Rename"));

  g_signal_connect_data (self, "response::rename", G_CALLBACK (renamed_cb), g_object_ref (record),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
}
