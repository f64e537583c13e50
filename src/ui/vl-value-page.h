/* vl-value-page.h — the Value page: reviews, value loops, P1, portfolio
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-page.h"

G_BEGIN_DECLS

#define VL_TYPE_VALUE_PAGE (vl_value_page_get_type ())

G_DECLARE_FINAL_TYPE (VlValuePage, vl_value_page, VL, VALUE_PAGE, VlPage)

guint vl_value_page_get_overdue (VlValuePage *self);

G_END_DECLS
