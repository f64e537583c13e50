/* vl-item-selection.h — the backlog list's model: rows of a VlItemSearch,
 * selected by row id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "vl-item-search.h"

G_BEGIN_DECLS

#define VL_TYPE_ROW_SLOT (vl_row_slot_get_type ())

G_DECLARE_FINAL_TYPE (VlRowSlot, vl_row_slot, VL, ROW_SLOT, GObject)

typedef void (*VlRowSlotFunc) (gpointer    watcher,
                               GParamSpec *pspec);

VlRecord *vl_row_slot_get_record  (VlRowSlot     *self);
void      vl_row_slot_watch       (VlRowSlot     *self,
                                   gpointer       watcher,
                                   VlRowSlotFunc  func);
void      vl_row_slot_unwatch     (VlRowSlot     *self,
                                   gpointer       watcher);

#define VL_TYPE_ITEM_SELECTION (vl_item_selection_get_type ())

G_DECLARE_FINAL_TYPE (VlItemSelection, vl_item_selection, VL, ITEM_SELECTION, GObject)

VlItemSelection *vl_item_selection_new (VlDocument   *document,
                                        VlItemSearch *items);

G_END_DECLS
