/* vl-link-items-dialog.h — choose the backlog items that serve a key result
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vl-records.h"

G_BEGIN_DECLS

#define VL_TYPE_LINK_ITEMS_DIALOG (vl_link_items_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VlLinkItemsDialog, vl_link_items_dialog, VL, LINK_ITEMS_DIALOG, AdwMessageDialog)

GtkWidget *vl_link_items_dialog_new (GtkWidget *page,
                                     VlRecord  *key_result);

G_END_DECLS
