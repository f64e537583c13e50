/* vl-item-panel.h — every field of one item, grouped as a product owner thinks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vl-document.h"

G_BEGIN_DECLS

#define VL_TYPE_ITEM_PANEL (vl_item_panel_get_type ())

G_DECLARE_FINAL_TYPE (VlItemPanel, vl_item_panel, VL, ITEM_PANEL, GtkWidget)

GtkWidget *vl_item_panel_new      (void);
void       vl_item_panel_set_item (VlItemPanel *self,
                                   VlRecord    *item);
VlRecord  *vl_item_panel_get_item (VlItemPanel *self);
GtkWidget *vl_item_panel_get_row  (VlItemPanel *self,
                                   const char  *field);
guint      vl_item_panel_get_n_conflicts (VlItemPanel *self);
void       vl_item_panel_show_upstream   (VlItemPanel *self);

G_END_DECLS
