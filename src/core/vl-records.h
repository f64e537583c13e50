/* vl-records.h — the kinds of rows (DESIGN §1)
 *
 * They are thin final subclasses of VlRecord: their fields come from the
 * tables in vl-schema.c, so they differ only in type and kind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-record.h"

G_BEGIN_DECLS

#define VL_TYPE_CYCLE (vl_cycle_get_type ())
G_DECLARE_FINAL_TYPE (VlCycle, vl_cycle, VL, CYCLE, VlRecord)
#define VL_TYPE_OBJECTIVE (vl_objective_get_type ())
G_DECLARE_FINAL_TYPE (VlObjective, vl_objective, VL, OBJECTIVE, VlRecord)
#define VL_TYPE_KEY_RESULT (vl_key_result_get_type ())
G_DECLARE_FINAL_TYPE (VlKeyResult, vl_key_result, VL, KEY_RESULT, VlRecord)
#define VL_TYPE_CHECKIN (vl_checkin_get_type ())
G_DECLARE_FINAL_TYPE (VlCheckin, vl_checkin, VL, CHECKIN, VlRecord)
#define VL_TYPE_BACKLOG (vl_backlog_get_type ())
G_DECLARE_FINAL_TYPE (VlBacklog, vl_backlog, VL, BACKLOG, VlRecord)
#define VL_TYPE_ITERATION (vl_iteration_get_type ())
G_DECLARE_FINAL_TYPE (VlIteration, vl_iteration, VL, ITERATION, VlRecord)
#define VL_TYPE_VALUE_LOOP (vl_value_loop_get_type ())
G_DECLARE_FINAL_TYPE (VlValueLoop, vl_value_loop, VL, VALUE_LOOP, VlRecord)
#define VL_TYPE_ITEM (vl_item_get_type ())
G_DECLARE_FINAL_TYPE (VlItem, vl_item, VL, ITEM, VlRecord)
#define VL_TYPE_TRANSITION (vl_transition_get_type ())
G_DECLARE_FINAL_TYPE (VlTransition, vl_transition, VL, TRANSITION, VlRecord)
#define VL_TYPE_MAP (vl_map_get_type ())
G_DECLARE_FINAL_TYPE (VlMap, vl_map, VL, MAP, VlRecord)
#define VL_TYPE_MAP_NODE (vl_map_node_get_type ())
G_DECLARE_FINAL_TYPE (VlMapNode, vl_map_node, VL, MAP_NODE, VlRecord)
#define VL_TYPE_MAP_CARD (vl_map_card_get_type ())
G_DECLARE_FINAL_TYPE (VlMapCard, vl_map_card, VL, MAP_CARD, VlRecord)
#define VL_TYPE_READING (vl_reading_get_type ())
G_DECLARE_FINAL_TYPE (VlReading, vl_reading, VL, READING, VlRecord)
#define VL_TYPE_VIEW (vl_view_get_type ())
G_DECLARE_FINAL_TYPE (VlView, vl_view, VL, VIEW, VlRecord)

G_END_DECLS
