/* vl-projector-private.h — what the projector's tests read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-projector.h"

G_BEGIN_DECLS

GStrv vl_projector_dup_key_names (void);

G_END_DECLS
