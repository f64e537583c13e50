/* vl-enums.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-enums"

#include "config.h"

#include "vl-enums.h"

/* Nicks are part of the file format (JSON, CSV, CLI): never change one. */

G_DEFINE_ENUM_TYPE (VlStatus, vl_status,
  G_DEFINE_ENUM_VALUE (VL_STATUS_IDEA, "idea"),
  G_DEFINE_ENUM_VALUE (VL_STATUS_READY, "ready"),
  G_DEFINE_ENUM_VALUE (VL_STATUS_PLANNED, "planned"),
  G_DEFINE_ENUM_VALUE (VL_STATUS_IN_PROGRESS, "in-progress"),
  G_DEFINE_ENUM_VALUE (VL_STATUS_LAUNCHED, "launched"),
  G_DEFINE_ENUM_VALUE (VL_STATUS_REVIEWED, "reviewed"),
  G_DEFINE_ENUM_VALUE (VL_STATUS_DROPPED, "dropped"))

G_DEFINE_ENUM_TYPE (VlMoscow, vl_moscow,
  G_DEFINE_ENUM_VALUE (VL_MOSCOW_NONE, "none"),
  G_DEFINE_ENUM_VALUE (VL_MOSCOW_MUST, "must"),
  G_DEFINE_ENUM_VALUE (VL_MOSCOW_SHOULD, "should"),
  G_DEFINE_ENUM_VALUE (VL_MOSCOW_COULD, "could"),
  G_DEFINE_ENUM_VALUE (VL_MOSCOW_WONT, "wont"))

G_DEFINE_ENUM_TYPE (VlAarrr, vl_aarrr,
  G_DEFINE_ENUM_VALUE (VL_AARRR_NONE, "none"),
  G_DEFINE_ENUM_VALUE (VL_AARRR_ACQUISITION, "acquisition"),
  G_DEFINE_ENUM_VALUE (VL_AARRR_ACTIVATION, "activation"),
  G_DEFINE_ENUM_VALUE (VL_AARRR_RETENTION, "retention"),
  G_DEFINE_ENUM_VALUE (VL_AARRR_REVENUE, "revenue"),
  G_DEFINE_ENUM_VALUE (VL_AARRR_REFERRAL, "referral"))

G_DEFINE_ENUM_TYPE (VlVerdict, vl_verdict,
  G_DEFINE_ENUM_VALUE (VL_VERDICT_NONE, "none"),
  G_DEFINE_ENUM_VALUE (VL_VERDICT_VALIDATED, "validated"),
  G_DEFINE_ENUM_VALUE (VL_VERDICT_INVALIDATED, "invalidated"),
  G_DEFINE_ENUM_VALUE (VL_VERDICT_INCONCLUSIVE, "inconclusive"))

G_DEFINE_ENUM_TYPE (VlLevel, vl_level,
  G_DEFINE_ENUM_VALUE (VL_LEVEL_COMPANY, "company"),
  G_DEFINE_ENUM_VALUE (VL_LEVEL_BUSINESS_LINE, "business-line"),
  G_DEFINE_ENUM_VALUE (VL_LEVEL_PROJECT, "project"))

G_DEFINE_ENUM_TYPE (VlKrKind, vl_kr_kind,
  G_DEFINE_ENUM_VALUE (VL_KR_KIND_METRIC, "metric"),
  G_DEFINE_ENUM_VALUE (VL_KR_KIND_MILESTONE, "milestone"))

G_DEFINE_ENUM_TYPE (VlDirection, vl_direction,
  G_DEFINE_ENUM_VALUE (VL_DIRECTION_INCREASE, "increase"),
  G_DEFINE_ENUM_VALUE (VL_DIRECTION_DECREASE, "decrease"),
  G_DEFINE_ENUM_VALUE (VL_DIRECTION_STAY_ABOVE, "stay-above"),
  G_DEFINE_ENUM_VALUE (VL_DIRECTION_STAY_BELOW, "stay-below"))

G_DEFINE_ENUM_TYPE (VlBacklogKind, vl_backlog_kind,
  G_DEFINE_ENUM_VALUE (VL_BACKLOG_KIND_PRODUCT_LINE, "product-line"),
  G_DEFINE_ENUM_VALUE (VL_BACKLOG_KIND_PLATFORM, "platform"))

G_DEFINE_ENUM_TYPE (VlIterationKind, vl_iteration_kind,
  G_DEFINE_ENUM_VALUE (VL_ITERATION_KIND_MONTH, "month"),
  G_DEFINE_ENUM_VALUE (VL_ITERATION_KIND_WEEK, "week"))

G_DEFINE_ENUM_TYPE (VlMapKind, vl_map_kind,
  G_DEFINE_ENUM_VALUE (VL_MAP_KIND_IMPACT, "impact"),
  G_DEFINE_ENUM_VALUE (VL_MAP_KIND_STORY, "story"))

G_DEFINE_ENUM_TYPE (VlNodeKind, vl_node_kind,
  G_DEFINE_ENUM_VALUE (VL_NODE_KIND_GOAL, "goal"),
  G_DEFINE_ENUM_VALUE (VL_NODE_KIND_ACTOR, "actor"),
  G_DEFINE_ENUM_VALUE (VL_NODE_KIND_IMPACT, "impact"),
  G_DEFINE_ENUM_VALUE (VL_NODE_KIND_DELIVERABLE, "deliverable"),
  G_DEFINE_ENUM_VALUE (VL_NODE_KIND_ACTIVITY, "activity"),
  G_DEFINE_ENUM_VALUE (VL_NODE_KIND_STEP, "step"),
  G_DEFINE_ENUM_VALUE (VL_NODE_KIND_RELEASE, "release"))

const char *
vl_enum_to_nick (GType enum_type,
                 int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *v = g_enum_get_value (klass, value);

  return v != NULL ? v->value_nick : NULL;
}

gboolean
vl_enum_from_nick (GType       enum_type,
                   const char *nick,
                   int        *value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *v = g_enum_get_value_by_nick (klass, nick);

  if (v == NULL)
    return FALSE;
  *value = v->value;
  return TRUE;
}
