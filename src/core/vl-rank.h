/* vl-rank.h — fractional rank keys (DESIGN §4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *vl_rank_between (const char *before,
                           const char *after);
gboolean  vl_rank_is_valid (const char *key);

G_END_DECLS
