/* vl-records.c — one final GType per kind of row
 *
 * All the kinds live in this one file on purpose: each is a type
 * declaration and nothing else (their fields, properties and storage come
 * from vl-schema.c through VlRecord), and a dozen file pairs of three lines
 * would hide that.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-records"

#include "config.h"

#include "vl-records.h"

#define VL_DEFINE_RECORD(TypeName, type_name, KIND)                       \
  struct _##TypeName { VlRecord parent_instance; };                       \
  G_DEFINE_FINAL_TYPE (TypeName, type_name, VL_TYPE_RECORD)               \
  static void type_name##_class_init (TypeName##Class *klass)             \
  {                                                                       \
    vl_record_class_install_fields (VL_RECORD_CLASS (klass), KIND);       \
  }                                                                       \
  static void type_name##_init (TypeName *self) { }

VL_DEFINE_RECORD (VlCycle, vl_cycle, VL_KIND_CYCLE)
VL_DEFINE_RECORD (VlObjective, vl_objective, VL_KIND_OBJECTIVE)
VL_DEFINE_RECORD (VlKeyResult, vl_key_result, VL_KIND_KEY_RESULT)
VL_DEFINE_RECORD (VlCheckin, vl_checkin, VL_KIND_CHECKIN)
VL_DEFINE_RECORD (VlBacklog, vl_backlog, VL_KIND_BACKLOG)
VL_DEFINE_RECORD (VlIteration, vl_iteration, VL_KIND_ITERATION)
VL_DEFINE_RECORD (VlValueLoop, vl_value_loop, VL_KIND_VALUE_LOOP)
VL_DEFINE_RECORD (VlItem, vl_item, VL_KIND_ITEM)
VL_DEFINE_RECORD (VlTransition, vl_transition, VL_KIND_TRANSITION)
VL_DEFINE_RECORD (VlMap, vl_map, VL_KIND_MAP)
VL_DEFINE_RECORD (VlMapNode, vl_map_node, VL_KIND_MAP_NODE)
VL_DEFINE_RECORD (VlMapCard, vl_map_card, VL_KIND_MAP_CARD)
VL_DEFINE_RECORD (VlReading, vl_reading, VL_KIND_READING)
VL_DEFINE_RECORD (VlView, vl_view, VL_KIND_VIEW)

GType
vl_kind_get_gtype (VlKind kind)
{
  switch (kind)
    {
    case VL_KIND_CYCLE: return VL_TYPE_CYCLE;
    case VL_KIND_OBJECTIVE: return VL_TYPE_OBJECTIVE;
    case VL_KIND_KEY_RESULT: return VL_TYPE_KEY_RESULT;
    case VL_KIND_CHECKIN: return VL_TYPE_CHECKIN;
    case VL_KIND_BACKLOG: return VL_TYPE_BACKLOG;
    case VL_KIND_ITERATION: return VL_TYPE_ITERATION;
    case VL_KIND_VALUE_LOOP: return VL_TYPE_VALUE_LOOP;
    case VL_KIND_ITEM: return VL_TYPE_ITEM;
    case VL_KIND_TRANSITION: return VL_TYPE_TRANSITION;
    case VL_KIND_MAP: return VL_TYPE_MAP;
    case VL_KIND_MAP_NODE: return VL_TYPE_MAP_NODE;
    case VL_KIND_MAP_CARD: return VL_TYPE_MAP_CARD;
    case VL_KIND_READING: return VL_TYPE_READING;
    case VL_KIND_VIEW: return VL_TYPE_VIEW;
    case VL_N_KINDS:
    default:
      g_return_val_if_reached (G_TYPE_INVALID);
    }
}
