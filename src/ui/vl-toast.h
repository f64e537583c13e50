/* vl-toast.h — a toast in the window that holds a widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void vl_toast (GtkWidget  *widget,
               const char *text,
               gboolean    with_undo);

G_END_DECLS
