/* vl-uuid.h — 16-byte row and document ids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VL_UUID_LEN        16
#define VL_UUID_STRING_LEN 37

void     vl_uuid_generate  (guint8       out[VL_UUID_LEN]);
void     vl_uuid_to_string (const guint8 uuid[VL_UUID_LEN],
                            char         out[VL_UUID_STRING_LEN]);
gboolean vl_uuid_parse     (const char  *text,
                            guint8       out[VL_UUID_LEN]);

G_END_DECLS
