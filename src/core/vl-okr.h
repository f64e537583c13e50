/* vl-okr.h — OKR rules: progress, roll-ups, confidence, check-ins, alignment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-document.h"

G_BEGIN_DECLS

typedef enum {
  VL_CONFIDENCE_NONE,    /* no check-in yet */
  VL_CONFIDENCE_RED,     /* below 0.4 */
  VL_CONFIDENCE_YELLOW,  /* 0.4 up to 0.7 */
  VL_CONFIDENCE_GREEN,   /* 0.7 and above */
} VlConfidence;

double        vl_okr_metric_progress      (VlDirection  direction,
                                           double       baseline,
                                           double       target,
                                           double       current);
VlConfidence  vl_okr_confidence_level     (double       confidence);
GDate        *vl_okr_today                (void);

double        vl_key_result_get_progress  (VlRecord    *key_result);
double        vl_objective_get_progress   (VlRecord    *objective);
double        vl_objective_get_aligned_progress (VlRecord *objective,
                                                 guint    *n_aligned);
double        vl_objective_get_total_progress   (VlRecord *objective);

GPtrArray    *vl_key_result_dup_checkins  (VlRecord    *key_result);
VlRecord     *vl_key_result_dup_last_checkin (VlRecord *key_result);
VlRecord     *vl_key_result_dup_cycle     (VlRecord    *key_result);
VlRecord     *vl_objective_dup_cycle      (VlRecord    *objective);
gboolean      vl_key_result_is_checkin_due (VlRecord   *key_result,
                                            GDate      *today);
VlRecord     *vl_key_result_check_in      (VlRecord    *key_result,
                                           const char  *date,
                                           double       value,
                                           double       confidence,
                                           const char  *note,
                                           GError     **error);
gboolean      vl_cycle_has_ended          (VlRecord    *cycle,
                                           GDate       *today);
VlRecord     *vl_document_dup_current_cycle (VlDocument *document,
                                             GDate      *today);
gboolean      vl_cycle_validate           (const char  *name,
                                           const char  *start,
                                           const char  *end,
                                           GError     **error);

gboolean      vl_objective_align          (VlRecord    *objective,
                                           VlRecord    *parent,
                                           GError     **error);
gboolean      vl_objective_is_within      (VlRecord    *objective,
                                           VlRecord    *ancestor);
gboolean      vl_objective_outdent        (VlRecord    *objective,
                                           GError     **error);
gboolean      vl_objective_set_level      (VlRecord    *objective,
                                           VlLevel      level,
                                           GError     **error);
gboolean      vl_okr_move_sibling         (VlRecord    *record,
                                           int          delta,
                                           GError     **error);
gboolean      vl_objective_delete_tree    (VlRecord    *objective,
                                           GError     **error);
GHashTable   *vl_objective_dup_detached   (VlDocument  *document);

/* What the outline shows of an objective or a key result, for all of them
 * at once: one pass over the plan instead of queries per row. */
typedef struct
{
  double   progress;    /* key result: its own; objective: the total */
  double   confidence;  /* latest; objective: its weakest key result's */
  double   score;       /* key result: its score; objective: the mean */
  gboolean due;         /* a check-in is due (objective: on any key result) */
  gboolean ended;       /* its cycle has ended: time to score */
  guint    n_items;     /* key result: the backlog items that serve it */
} VlOkrStats;

GHashTable   *vl_okr_summarize            (VlDocument  *document,
                                           GDate       *today,
                                           GHashTable **key_results);

G_END_DECLS
