/* vl-device.h — this device's site id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *vl_device_get_id (const char *data_dir,
                        GError    **error);

G_END_DECLS
