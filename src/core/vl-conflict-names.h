/* vl-conflict-names.h — sync tools' names for conflict copies and temp files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean vl_conflict_name_matches (const char        *plan_name,
                                   const char        *candidate,
                                   const char *const *hosts);
gboolean vl_is_sync_temp_name     (const char        *name);

G_END_DECLS
