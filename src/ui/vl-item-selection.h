/* vl-item-selection.h — a multiple selection over a VlItemSearch, by row id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "vl-item-search.h"

G_BEGIN_DECLS

#define VL_TYPE_ITEM_SELECTION (vl_item_selection_get_type ())

G_DECLARE_FINAL_TYPE (VlItemSelection, vl_item_selection, VL, ITEM_SELECTION, GObject)

VlItemSelection *vl_item_selection_new (VlItemSearch *items);

G_END_DECLS
