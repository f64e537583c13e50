/* vl-labels.h — how the item enums read, in one place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *vl_enum_label    (const char *field,
                              int         value);
guint       vl_enum_n_values (const char *field);

G_END_DECLS
