/* vl-value.h — the value loop's rules: reviews, readings, verdicts,
 * loop roll-ups, P1 risk and the AARRR portfolio
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-document.h"

G_BEGIN_DECLS

#define VL_REVIEW_DAYS        30   /* review due after launch (DESIGN §11) */
#define VL_REVIEW_SOON_DAYS   7
#define VL_REVIEWED_SHOWN_DAYS 90

typedef enum {
  VL_REVIEW_OVERDUE,
  VL_REVIEW_DUE_SOON,   /* due today or within 7 days */
  VL_REVIEW_WAITING,    /* launched, not yet due */
  VL_REVIEW_REVIEWED,   /* in the last 90 days */
  VL_REVIEW_N_GROUPS,
} VlReviewGroup;

typedef struct
{
  gint64        item;            /* row id */
  VlReviewGroup group;
  char          launched[11];    /* "" when not known */
  char          due[11];
  char          reviewed[11];
  int           days_late;       /* today − due; negative: days left */
} VlReviewEntry;

/* The default thresholds of the suggested verdict, as shares of the
 * expected change (DESIGN §11); a plan sets its own
 * (vl_document_get_verdict_thresholds()). */
#define VL_VALIDATED_AT   VL_DEFAULT_VALIDATED_AT
#define VL_INVALIDATED_AT VL_DEFAULT_INVALIDATED_AT

double        vl_value_achieved          (double      baseline,
                                          double      expected,
                                          double      actual);
VlVerdict     vl_value_suggest_verdict   (double      achieved,
                                          double      validated_at,
                                          double      invalidated_at);

GArray       *vl_value_review_queue      (VlDocument *document,
                                          GDate      *today);
gboolean      vl_value_queue_update      (GArray     *queue,
                                          GPtrArray  *items,
                                          GDate      *today);
guint         vl_value_queue_count_overdue (GArray   *queue);
guint         vl_value_count_overdue     (VlDocument *document,
                                          GDate      *today);

GPtrArray    *vl_item_dup_readings       (VlRecord   *item);
double        vl_item_get_actual         (VlRecord   *item);
gboolean      vl_item_hypothesis_frozen  (VlRecord   *item);
gboolean      vl_item_is_hypothesis_field (const char *field);
VlRecord     *vl_item_add_reading        (VlRecord   *item,
                                          const char *date,
                                          double      value,
                                          const char *note,
                                          GError    **error);
gboolean      vl_item_complete_review    (VlRecord   *item,
                                          VlVerdict   verdict,
                                          const char *note,
                                          GError    **error);
VlRecord     *vl_item_add_follow_up      (VlRecord   *item,
                                          GError    **error);

/* A value loop's roll-up. Expected and actual change add up over the
 * items measured on the loop's metric. */
typedef struct
{
  guint  n_items;
  guint  by_status[7];
  guint  by_verdict[4];
  double cost;
  guint  n_measured;
  double expected_change;
  double actual_change;
} VlLoopStats;

void          vl_value_loop_stats        (VlRecord    *loop,
                                          VlLoopStats *stats);

/* P1 demands of a monthly iteration. */
typedef enum {
  VL_P1_ON_TRACK,
  VL_P1_AT_RISK,   /* not in progress within the first half of the month */
  VL_P1_LATE,      /* not launched by the month's end */
  VL_P1_DONE,      /* launched or reviewed */
} VlP1State;

VlP1State     vl_value_p1_state          (VlStatus    status,
                                          const char *month_start,
                                          const char *month_end,
                                          GDate      *today);
VlP1State     vl_item_get_p1_state       (VlRecord   *item,
                                          GDate      *today);
const char   *vl_p1_state_label          (VlP1State   state);
const char   *vl_p1_state_tag            (VlP1State   state);

/* The portfolio: cost per AARRR stage, key result or backlog. */
typedef enum {
  VL_PORTFOLIO_STAGE,
  VL_PORTFOLIO_KEY_RESULT,
  VL_PORTFOLIO_BACKLOG,
} VlPortfolioDimension;

typedef struct
{
  char   *name;
  gint64  key;        /* the stage, or the row id (0: none) */
  guint   n_items;
  double  cost;
  double  open;       /* idea … in progress */
  double  delivered;  /* launched and reviewed (in the cycle asked for) */
} VlShare;

GPtrArray    *vl_value_portfolio         (VlDocument           *document,
                                          VlRecord             *backlog,
                                          VlRecord             *cycle,
                                          VlPortfolioDimension  dimension,
                                          double               *total,
                                          GError              **error);

G_END_DECLS
