/* vl-toast.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-toast"

#include "config.h"

#include <glib/gi18n.h>

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
