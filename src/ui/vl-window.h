/* vl-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vl-application.h"
#include "vl-document.h"

G_BEGIN_DECLS

#define VL_TYPE_WINDOW (vl_window_get_type ())

G_DECLARE_FINAL_TYPE (VlWindow, vl_window, VL, WINDOW, AdwApplicationWindow)

VlWindow   *vl_window_new          (VlApplication *app);
void        vl_window_set_accels   (GtkApplication *app);
gboolean    vl_window_open_file    (VlWindow      *self,
                                    GFile         *file);
gboolean    vl_window_shows_file   (VlWindow      *self,
                                    GFile         *file);
void        vl_window_set_document (VlWindow      *self,
                                    VlDocument    *document);
VlDocument *vl_window_get_document (VlWindow      *self);
const char *vl_window_get_status   (VlWindow      *self);
GtkWidget  *vl_window_get_backlog_page (VlWindow  *self);
GtkWidget  *vl_window_get_board_page   (VlWindow  *self);
GtkWidget  *vl_window_get_goals_page   (VlWindow  *self);
GtkWidget  *vl_window_get_maps_page    (VlWindow  *self);
GtkWidget  *vl_window_get_reports_page (VlWindow *self);
GtkWidget  *vl_window_get_value_page   (VlWindow  *self);
void        vl_window_show_page        (VlWindow  *self,
                                        const char *name);

G_END_DECLS
