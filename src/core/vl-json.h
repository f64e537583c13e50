/* vl-json.h — whole-document JSON export and import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-document.h"

G_BEGIN_DECLS

char     *vl_json_export      (VlDocument *document,
                               GError    **error);
gboolean  vl_json_export_file (VlDocument *document,
                               GFile      *out,
                               GError    **error);
gboolean  vl_json_import_file (GFile      *json,
                               GFile      *target,
                               GError    **error);

G_END_DECLS
