/* vl-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VL_TYPE_APPLICATION (vl_application_get_type ())

G_DECLARE_FINAL_TYPE (VlApplication, vl_application, VL, APPLICATION, AdwApplication)

VlApplication *vl_application_new       (void);
void           vl_application_open_file (VlApplication *self,
                                         GFile         *file);

G_END_DECLS
