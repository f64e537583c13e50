/* vl-enums.h — the domain's enumerations (DESIGN §1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  VL_STATUS_IDEA,
  VL_STATUS_READY,
  VL_STATUS_PLANNED,
  VL_STATUS_IN_PROGRESS,
  VL_STATUS_LAUNCHED,
  VL_STATUS_REVIEWED,
  VL_STATUS_DROPPED,
} VlStatus;

#define VL_N_STATUSES (VL_STATUS_DROPPED + 1)

typedef enum {
  VL_MOSCOW_NONE,
  VL_MOSCOW_MUST,
  VL_MOSCOW_SHOULD,
  VL_MOSCOW_COULD,
  VL_MOSCOW_WONT,
} VlMoscow;

typedef enum {
  VL_AARRR_NONE,
  VL_AARRR_ACQUISITION,
  VL_AARRR_ACTIVATION,
  VL_AARRR_RETENTION,
  VL_AARRR_REVENUE,
  VL_AARRR_REFERRAL,
} VlAarrr;

typedef enum {
  VL_VERDICT_NONE,
  VL_VERDICT_VALIDATED,
  VL_VERDICT_INVALIDATED,
  VL_VERDICT_INCONCLUSIVE,
} VlVerdict;

typedef enum {
  VL_LEVEL_COMPANY,
  VL_LEVEL_BUSINESS_LINE,
  VL_LEVEL_PROJECT,
} VlLevel;

typedef enum {
  VL_KR_KIND_METRIC,
  VL_KR_KIND_MILESTONE,
} VlKrKind;

typedef enum {
  VL_DIRECTION_INCREASE,
  VL_DIRECTION_DECREASE,
  VL_DIRECTION_STAY_ABOVE,
  VL_DIRECTION_STAY_BELOW,
} VlDirection;

typedef enum {
  VL_BACKLOG_KIND_PRODUCT_LINE,
  VL_BACKLOG_KIND_PLATFORM,
} VlBacklogKind;

typedef enum {
  VL_ITERATION_KIND_MONTH,
  VL_ITERATION_KIND_WEEK,
} VlIterationKind;

typedef enum {
  VL_MAP_KIND_IMPACT,
  VL_MAP_KIND_STORY,
} VlMapKind;

typedef enum {
  VL_NODE_KIND_GOAL,
  VL_NODE_KIND_ACTOR,
  VL_NODE_KIND_IMPACT,
  VL_NODE_KIND_DELIVERABLE,
  VL_NODE_KIND_ACTIVITY,
  VL_NODE_KIND_STEP,
  VL_NODE_KIND_RELEASE,
} VlNodeKind;

#define VL_TYPE_STATUS         (vl_status_get_type ())
#define VL_TYPE_MOSCOW         (vl_moscow_get_type ())
#define VL_TYPE_AARRR          (vl_aarrr_get_type ())
#define VL_TYPE_VERDICT        (vl_verdict_get_type ())
#define VL_TYPE_LEVEL          (vl_level_get_type ())
#define VL_TYPE_KR_KIND        (vl_kr_kind_get_type ())
#define VL_TYPE_DIRECTION      (vl_direction_get_type ())
#define VL_TYPE_BACKLOG_KIND   (vl_backlog_kind_get_type ())
#define VL_TYPE_ITERATION_KIND (vl_iteration_kind_get_type ())
#define VL_TYPE_MAP_KIND       (vl_map_kind_get_type ())
#define VL_TYPE_NODE_KIND      (vl_node_kind_get_type ())

GType vl_status_get_type (void);
GType vl_moscow_get_type (void);
GType vl_aarrr_get_type (void);
GType vl_verdict_get_type (void);
GType vl_level_get_type (void);
GType vl_kr_kind_get_type (void);
GType vl_direction_get_type (void);
GType vl_backlog_kind_get_type (void);
GType vl_iteration_kind_get_type (void);
GType vl_map_kind_get_type (void);
GType vl_node_kind_get_type (void);

const char *vl_enum_to_nick (GType enum_type,
                             int   value);
gboolean    vl_enum_from_nick (GType       enum_type,
                               const char *nick,
                               int        *value);

G_END_DECLS
