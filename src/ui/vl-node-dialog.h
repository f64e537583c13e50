/* vl-node-dialog.h — a map node's title, notes and measure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vl-document.h"

G_BEGIN_DECLS

#define VL_TYPE_NODE_DIALOG (vl_node_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VlNodeDialog, vl_node_dialog, VL, NODE_DIALOG, AdwMessageDialog)

GtkWidget *vl_node_dialog_new (GtkWidget *for_widget,
                               VlRecord  *node);

G_END_DECLS
