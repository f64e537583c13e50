/* vl-toast.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-toast"

#include "config.h"

#include <glib/gi18n.h>

#include "vl-error-dialog.h"
#include "vl-toast.h"

/* Shows @text in the toast overlay around @widget, with an Undo button
 * (win.undo) when @with_undo; outside a window it only logs. */
void
vl_toast (GtkWidget  *widget,
          const char *text,
          gboolean    with_undo)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_message ("%s", text);
      return;
    }
  toast = adw_toast_new (text);
  if (with_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* The window @widget is in, for a dialog to go over (%NULL outside one). */
GtkWindow *
vl_window_for (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Shows @message under a dialog's fields (%NULL: all is well, and the
 * label hides) and lets @response be chosen only when all is well. */
void
vl_dialog_show_problem (AdwMessageDialog *dialog,
                        const char       *response,
                        GtkLabel         *label,
                        const char       *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  adw_message_dialog_set_response_enabled (dialog, response, message == NULL);
}

/* An error the user must read before going on: a dialog over @parent with
 * @heading and the error's message (which names the file and the reason). */
void
vl_show_error (GtkWindow  *parent,
               const char *heading,
               GError     *error)
{
  vl_error_dialog_new (parent, heading, error);
}
