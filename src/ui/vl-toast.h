/* vl-toast.h — telling the user: a toast in the window that holds a widget, an
 * error dialog, or what is wrong with what a dialog was given
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void vl_toast (GtkWidget  *widget,
               const char *text,
               gboolean    with_undo);
void vl_show_error (GtkWindow  *parent,
                    const char *heading,
                    GError     *error);
GtkWindow *vl_window_for (GtkWidget *widget);
void vl_dialog_show_problem (AdwMessageDialog *dialog,
                             const char       *response,
                             GtkLabel         *label,
                             const char       *message);

G_END_DECLS
