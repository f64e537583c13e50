/* vl-maps-page-private.h — the Maps page's commands kept in
 * vl-maps-export.c (projector mode, export, print)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-maps-page.h"

G_BEGIN_DECLS

void        vl_maps_page_present_action   (GtkWidget  *widget,
                                           const char *name,
                                           GVariant   *param);
void        vl_maps_page_export_action    (GtkWidget  *widget,
                                           const char *name,
                                           GVariant   *param);
void        vl_maps_page_export_to_action (GtkWidget  *widget,
                                           const char *name,
                                           GVariant   *param);
void        vl_maps_page_print_action     (GtkWidget  *widget,
                                           const char *name,
                                           GVariant   *param);
GMenuModel *vl_maps_page_monitor_menu     (GtkWidget  *widget);
void        vl_maps_page_print            (VlMapsPage              *self,
                                           GtkPrintOperationAction  action,
                                           const char              *pdf);

G_END_DECLS
