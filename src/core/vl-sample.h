/* vl-sample.h — the bundled sample plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-document.h"

G_BEGIN_DECLS

gboolean vl_sample_fill (VlDocument *document,
                         GError    **error);

G_END_DECLS
