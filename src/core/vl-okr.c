/* vl-okr.c — OKR rules (DESIGN §1): progress, roll-ups, confidence,
 * check-ins, cycles and the alignment tree
 *
 * Progress of a metric key result is (current − baseline) / (target −
 * baseline) clamped to 0–1 (this covers "decrease", whose target is below
 * its baseline); "stay above" and "stay below" are met (1) or not (0). A
 * milestone is done (1) or not (0). An objective's own progress is the
 * weighted mean of its key results; its total also counts, as equals, the
 * totals of the objectives aligned to it.
 *
 * Why one file of about 1,050 lines: the OKR rules (progress, roll-ups,
 * alignment, levels, check-ins, scores, cycles) are one model that the
 * Goals page, the goal panel, the maps and the CLI read the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-okr"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "vl-document-private.h"
#include "vl-okr.h"
#include "vl-tree.h"

#define MAX_DEPTH 64   /* deeper than any real tree; stops a merged cycle */

static GPtrArray *
dup_list (VlDocument *doc,
          VlKind      kind,
          const char *field,
          VlRecord   *parent)
{
  g_autoptr(GListModel) list = vl_document_list (doc, kind, field, parent);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (out, g_list_model_get_item (list, i));
  return out;
}

/* ---- progress ------------------------------------------------------------- */

double
vl_okr_metric_progress (VlDirection direction,
                        double      baseline,
                        double      target,
                        double      current)
{
  if (isnan (target))
    return 0;
  if (isnan (baseline))
    baseline = 0;
  if (isnan (current))
    current = baseline;
  switch (direction)
    {
    case VL_DIRECTION_STAY_ABOVE:
      return current >= target ? 1 : 0;
    case VL_DIRECTION_STAY_BELOW:
      return current <= target ? 1 : 0;
    case VL_DIRECTION_DECREASE:
      if (target == baseline)
        return current <= target ? 1 : 0;
      break;
    case VL_DIRECTION_INCREASE:
    default:
      if (target == baseline)
        return current >= target ? 1 : 0;
      break;
    }
  return CLAMP ((current - baseline) / (target - baseline), 0.0, 1.0);
}

VlConfidence
vl_okr_confidence_level (double confidence)
{
  if (isnan (confidence))
    return VL_CONFIDENCE_NONE;
  if (confidence >= 0.7)
    return VL_CONFIDENCE_GREEN;
  return confidence >= 0.4 ? VL_CONFIDENCE_YELLOW : VL_CONFIDENCE_RED;
}

/**
 * vl_okr_today:
 *
 * Returns: (transfer full): today's local date, for check-ins due and
 *   cycles ended
 */
GDate *
vl_okr_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (now),
                         (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
}

double
vl_key_result_get_progress (VlRecord *kr)
{
  g_return_val_if_fail (VL_IS_KEY_RESULT (kr), 0);

  if (vl_record_get_int (kr, "kind") == VL_KR_KIND_MILESTONE)
    return vl_record_get_int (kr, "done") ? 1 : 0;
  return vl_okr_metric_progress ((VlDirection) vl_record_get_int (kr, "direction"),
                                 vl_record_get_number (kr, "baseline"),
                                 vl_record_get_number (kr, "target"),
                                 vl_record_get_number (kr, "current"));
}

/* An unset weight counts as 1; zero or less leaves the key result out. */
static double
weight_of (VlRecord *kr)
{
  double w = vl_record_get_number (kr, "weight");

  return isnan (w) ? 1 : MAX (w, 0);
}

/**
 * vl_objective_get_progress:
 *
 * Returns: the weighted mean progress (0–1) of the objective's own key
 *   results, or NaN when it has none (or all weigh zero)
 */
double
vl_objective_get_progress (VlRecord *objective)
{
  g_autoptr(GPtrArray) krs = NULL;
  double sum = 0, weights = 0;

  g_return_val_if_fail (VL_IS_OBJECTIVE (objective), NAN);

  krs = dup_list (vl_record_get_document (objective), VL_KIND_KEY_RESULT, "objective", objective);
  for (guint i = 0; i < krs->len; i++)
    {
      double w = weight_of (krs->pdata[i]);

      sum += w * vl_key_result_get_progress (krs->pdata[i]);
      weights += w;
    }
  return weights > 0 ? sum / weights : NAN;
}

static double total_progress (VlRecord *objective, guint depth);

static double
aligned_progress (VlRecord *objective,
                  guint     depth,
                  guint    *n_aligned)
{
  g_autoptr(GPtrArray) children = NULL;
  double sum = 0;
  guint n = 0;

  children = dup_list (vl_record_get_document (objective), VL_KIND_OBJECTIVE, "parent", objective);
  for (guint i = 0; depth < MAX_DEPTH && i < children->len; i++)
    {
      double p = total_progress (children->pdata[i], depth + 1);

      if (!isnan (p))
        {
          sum += p;
          n++;
        }
    }
  if (n_aligned != NULL)
    *n_aligned = children->len;
  return n > 0 ? sum / n : NAN;
}

static double
total_progress (VlRecord *objective,
                guint     depth)
{
  double own = vl_objective_get_progress (objective);
  guint n_aligned = 0;
  double aligned = aligned_progress (objective, depth, &n_aligned);

  if (isnan (aligned))
    return own;
  if (isnan (own))
    return aligned;
  /* Own key results count as one more aligned objective. */
  return (own + aligned * n_aligned) / (n_aligned + 1);
}

/**
 * vl_objective_get_aligned_progress:
 * @n_aligned: (out) (optional): how many objectives are aligned to it
 *
 * Returns: the mean total progress of the objectives aligned to
 *   @objective, or NaN when none has any progress to show
 */
double
vl_objective_get_aligned_progress (VlRecord *objective,
                                   guint    *n_aligned)
{
  g_return_val_if_fail (VL_IS_OBJECTIVE (objective), NAN);
  return aligned_progress (objective, 0, n_aligned);
}

/**
 * vl_objective_get_total_progress:
 *
 * Returns: the objective's own progress and what is aligned to it, each
 *   aligned objective and its own key results counting as one; NaN if none
 */
double
vl_objective_get_total_progress (VlRecord *objective)
{
  g_return_val_if_fail (VL_IS_OBJECTIVE (objective), NAN);
  return total_progress (objective, 0);
}

/* ---- check-ins and cycles --------------------------------------------------- */

static int
compare_checkins (gconstpointer a,
                  gconstpointer b)
{
  VlRecord *ca = *(VlRecord **) a, *cb = *(VlRecord **) b;
  int c = g_strcmp0 (vl_record_get_string (ca, "date"), vl_record_get_string (cb, "date"));

  if (c != 0)
    return c;
  return (vl_record_get_rowid (ca) > vl_record_get_rowid (cb)) -
         (vl_record_get_rowid (ca) < vl_record_get_rowid (cb));
}

/**
 * vl_key_result_dup_checkins:
 *
 * Returns: (transfer full) (element-type VlRecord): the key result's
 *   check-ins, oldest first (by date, then as they were made)
 */
GPtrArray *
vl_key_result_dup_checkins (VlRecord *kr)
{
  GPtrArray *checkins;

  g_return_val_if_fail (VL_IS_KEY_RESULT (kr), NULL);
  checkins = dup_list (vl_record_get_document (kr), VL_KIND_CHECKIN, "key-result", kr);
  g_ptr_array_sort (checkins, compare_checkins);
  return checkins;
}

/**
 * vl_key_result_dup_last_checkin:
 *
 * Returns: (transfer full) (nullable): the latest check-in
 */
VlRecord *
vl_key_result_dup_last_checkin (VlRecord *kr)
{
  g_autoptr(GPtrArray) checkins = vl_key_result_dup_checkins (kr);

  return checkins->len > 0 ? g_object_ref (checkins->pdata[checkins->len - 1]) : NULL;
}

/**
 * vl_objective_dup_cycle:
 *
 * Returns: (transfer full) (nullable): the objective's cycle, or the
 *   nearest aligned-to objective's when it has none
 */
VlRecord *
vl_objective_dup_cycle (VlRecord *objective)
{
  g_autoptr(VlRecord) o = g_object_ref (objective);

  for (guint depth = 0; o != NULL && depth < MAX_DEPTH; depth++)
    {
      VlRecord *cycle = vl_record_dup_ref (o, "cycle");
      VlRecord *parent;

      if (cycle != NULL)
        return cycle;
      parent = vl_record_dup_ref (o, "parent");
      g_object_unref (o);
      o = parent;
    }
  return NULL;
}

VlRecord *
vl_key_result_dup_cycle (VlRecord *kr)
{
  g_autoptr(VlRecord) objective = NULL;

  g_return_val_if_fail (VL_IS_KEY_RESULT (kr), NULL);
  objective = vl_record_dup_ref (kr, "objective");
  return objective != NULL ? vl_objective_dup_cycle (objective) : NULL;
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  if (!vl_date_is_valid (text))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) atoi (text + 8), (GDateMonth) atoi (text + 5),
                  (GDateYear) atoi (text));
  return TRUE;
}

typedef struct
{
  char   start[11], end[11];
  gint64 cadence;
} CycleInfo;

static gboolean
ended (const CycleInfo *cycle,
       GDate           *today)
{
  GDate end;

  return cycle != NULL && parse_date (cycle->end, &end) && g_date_compare (today, &end) > 0;
}

/* The same rule as vl_key_result_is_checkin_due(), from the summaries. */
static gboolean
due (const CycleInfo *cycle,
     const char      *last_date,
     GDate           *today)
{
  GDate since;

  if (ended (cycle, today))
    return FALSE;
  if (last_date != NULL)
    {
      if (!parse_date (last_date, &since))
        return TRUE;
    }
  else if (cycle == NULL || !parse_date (cycle->start, &since))
    return TRUE;
  return g_date_days_between (&since, today) > CLAMP (cycle ? cycle->cadence : 2, 1, 52) * 7;
}

static void
cycle_info (VlRecord  *cycle,
            CycleInfo *info)
{
  g_strlcpy (info->start, vl_record_get_string (cycle, "start") ? vl_record_get_string (cycle, "start") : "",
             sizeof info->start);
  g_strlcpy (info->end, vl_record_get_string (cycle, "end") ? vl_record_get_string (cycle, "end") : "",
             sizeof info->end);
  info->cadence = vl_record_get_int (cycle, "cadence-weeks");
}

gboolean
vl_cycle_has_ended (VlRecord *cycle,
                    GDate    *today)
{
  CycleInfo info;

  g_return_val_if_fail (VL_IS_CYCLE (cycle), FALSE);
  cycle_info (cycle, &info);
  return ended (&info, today);
}

/**
 * vl_key_result_is_checkin_due:
 *
 * A check-in is due when the last one is older than the cycle's cadence
 * (2, 3 or 4 weeks), or when there is none and the cycle began longer
 * ago than that. Nothing is due once the cycle has ended: it is scored.
 */
gboolean
vl_key_result_is_checkin_due (VlRecord *kr,
                              GDate    *today)
{
  g_autoptr(VlRecord) cycle = vl_key_result_dup_cycle (kr);
  g_autoptr(VlRecord) last = vl_key_result_dup_last_checkin (kr);
  const char *date = last != NULL ? vl_record_get_string (last, "date") : NULL;
  CycleInfo info;

  if (cycle != NULL)
    cycle_info (cycle, &info);
  return due (cycle != NULL ? &info : NULL, last != NULL ? (date ? date : "") : NULL, today);
}

/**
 * vl_key_result_check_in:
 * @date: "YYYY-MM-DD"
 * @value: the key result's value on that day (a milestone: 1 done, 0 not)
 * @confidence: 0–1
 *
 * Records a check-in and makes @value the key result's current value, as
 * one action.
 *
 * Returns: (transfer full): the check-in, or %NULL with @error set
 */
VlRecord *
vl_key_result_check_in (VlRecord    *kr,
                        const char  *date,
                        double       value,
                        double       confidence,
                        const char  *note,
                        GError     **error)
{
  VlDocument *doc;
  g_autoptr(VlRecord) checkin = NULL;
  g_autoptr(VlRecord) last = NULL;
  GError *local = NULL;

  g_return_val_if_fail (VL_IS_KEY_RESULT (kr), NULL);

  if (!vl_date_is_valid (date))
    {
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                   _("“%s” is not a date: write it as YYYY-MM-DD, for example 2026-03-31"), date ? date : "");
      return NULL;
    }
  if (!isfinite (value))
    {
      g_set_error_literal (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                           _("A check-in needs the key result’s value"));
      return NULL;
    }
  if (!(confidence >= 0 && confidence <= 1))
    {
      g_set_error_literal (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                           _("Confidence goes from 0 to 1.0"));
      return NULL;
    }
  doc = vl_record_get_document (kr);
  last = vl_key_result_dup_last_checkin (kr);
  vl_document_begin (doc, _("Check In"));
  checkin = vl_document_insert (doc, VL_KIND_CHECKIN, NULL, NULL, NULL, &local);
  if (checkin != NULL)
    {
      g_object_set (checkin, "key-result", kr, "date", date, "value", value, "confidence", confidence,
                    "note", note ? note : "", NULL);
      /* A back-dated check-in adds to the history; the latest one sets the
       * current value. */
      if (last == NULL || g_strcmp0 (date, vl_record_get_string (last, "date")) >= 0)
        {
          if (vl_record_get_int (kr, "kind") == VL_KR_KIND_MILESTONE)
            g_object_set (kr, "done", value >= 1, NULL);
          else
            g_object_set (kr, "current", value, NULL);
        }
    }
  else
    vl_document_cancel (doc);
  if (!vl_document_commit (doc, local == NULL ? error : NULL))
    g_clear_object (&checkin);
  if (local != NULL)
    g_propagate_error (error, local);
  return g_steal_pointer (&checkin);
}

/**
 * vl_document_dup_current_cycle:
 *
 * Returns: (transfer full) (nullable): the cycle that contains @today, else
 *   the latest one that began before it, else the first
 */
VlRecord *
vl_document_dup_current_cycle (VlDocument *doc,
                               GDate      *today)
{
  g_autoptr(GPtrArray) cycles = dup_list (doc, VL_KIND_CYCLE, NULL, NULL);
  VlRecord *best = NULL;
  GDate best_start, start, end;

  for (guint i = 0; i < cycles->len; i++)
    {
      VlRecord *c = cycles->pdata[i];

      if (!parse_date (vl_record_get_string (c, "start"), &start) || g_date_compare (&start, today) > 0)
        continue;
      if (parse_date (vl_record_get_string (c, "end"), &end) && g_date_compare (today, &end) <= 0)
        return g_object_ref (c);
      if (best == NULL || g_date_compare (&start, &best_start) > 0)
        {
          best = c;
          best_start = start;
        }
    }
  if (best == NULL && cycles->len > 0)
    best = cycles->pdata[0];
  return best != NULL ? g_object_ref (best) : NULL;
}

gboolean
vl_cycle_validate (const char  *name,
                   const char  *start,
                   const char  *end,
                   GError     **error)
{
  const char *bad = !vl_date_is_valid (start) ? start : !vl_date_is_valid (end) ? end : NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (name ? name : ""));

  if (*stripped == '\0')
    {
      g_set_error_literal (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                           _("A cycle needs a name, for example “2027 H1”"));
      return FALSE;
    }
  if (bad != NULL)
    {
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                   _("“%s” is not a date: write it as YYYY-MM-DD, for example 2026-03-31"), bad);
      return FALSE;
    }
  if (strcmp (start, end) > 0)
    {
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                   _("The cycle ends (%s) before it starts (%s)"), end, start);
      return FALSE;
    }
  return TRUE;
}

/* ---- the alignment tree ---------------------------------------------------- */

/**
 * vl_objective_is_within:
 *
 * Returns: whether @objective is @ancestor or aligned to it, directly or
 *   through others
 */
gboolean
vl_objective_is_within (VlRecord *objective,
                        VlRecord *ancestor)
{
  g_return_val_if_fail (VL_IS_OBJECTIVE (objective), FALSE);
  return vl_tree_is_within (objective, ancestor);
}

static const char *
level_label (VlLevel level)
{
  switch (level)
    {
    case VL_LEVEL_COMPANY:
      return _("company");
    case VL_LEVEL_BUSINESS_LINE:
      return _("business line");
    case VL_LEVEL_PROJECT:
    default:
      return _("project");
    }
}

/* How far below @objective its deepest aligned objective sits, in levels
 * (0 without any): a subtree moved down must stay within the levels. */
static int
levels_below (VlRecord *objective,
              guint     depth)
{
  g_autoptr(GPtrArray) children = dup_list (vl_record_get_document (objective), VL_KIND_OBJECTIVE,
                                            "parent", objective);
  int deepest = 0;

  for (guint i = 0; depth < MAX_DEPTH && i < children->len; i++)
    deepest = MAX (deepest, 1 + levels_below (children->pdata[i], depth + 1));
  return deepest;
}

/* Sets @objective to @level and pushes every aligned objective down to stay
 * below its parent. The caller checked that the levels suffice. */
static void
push_levels (VlRecord *objective,
             int       level,
             guint     depth)
{
  g_autoptr(GPtrArray) children = NULL;

  if (vl_record_get_int (objective, "level") != level)
    g_object_set (objective, "level", level, NULL);
  children = dup_list (vl_record_get_document (objective), VL_KIND_OBJECTIVE, "parent", objective);
  for (guint i = 0; depth < MAX_DEPTH && i < children->len; i++)
    {
      int child = (int) vl_record_get_int (children->pdata[i], "level");

      push_levels (children->pdata[i], MAX (child, level + 1), depth + 1);
    }
}

static gboolean
refuse (GError    **error,
        const char *format,
        ...) G_GNUC_PRINTF (2, 3);

static gboolean
refuse (GError    **error,
        const char *format,
        ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID, format, args);
  va_end (args);
  return FALSE;
}

/**
 * vl_objective_align:
 * @parent: the objective to align under
 *
 * Aligns @objective (and what is aligned to it) under @parent, as its last
 * aligned objective. Levels only go down: @objective becomes at least one
 * level below @parent, and so on down its subtree; when the levels run out
 * (nothing is below a project objective) it is refused.
 */
gboolean
vl_objective_align (VlRecord  *objective,
                    VlRecord  *parent,
                    GError   **error)
{
  VlDocument *doc;
  int level;
  gboolean ok;

  g_return_val_if_fail (VL_IS_OBJECTIVE (objective), FALSE);
  g_return_val_if_fail (VL_IS_OBJECTIVE (parent), FALSE);

  if (vl_objective_is_within (parent, objective))
    return refuse (error, _("“%s” cannot be aligned under itself or an objective aligned to it"),
                   vl_record_get_title (objective));
  level = MAX ((int) vl_record_get_int (objective, "level"), (int) vl_record_get_int (parent, "level") + 1);
  if (level + levels_below (objective, 0) > VL_LEVEL_PROJECT)
    return refuse (error, _("Levels only go down: “%s” is a %s objective, and “%s” with what is aligned "
                            "to it would need a level below project"),
                   vl_record_get_title (parent), level_label (vl_record_get_int (parent, "level")),
                   vl_record_get_title (objective));
  doc = vl_record_get_document (objective);
  vl_document_begin (doc, _("Align Objective"));
  ok = vl_document_move (doc, objective, parent, NULL, NULL, error);
  if (ok)
    push_levels (objective, level, 0);
  else
    vl_document_cancel (doc);
  return vl_document_commit (doc, ok ? error : NULL) && ok;
}

/* The sibling after @record in @siblings, or NULL. */
static VlRecord *
next_sibling (GPtrArray *siblings,
              VlRecord  *record)
{
  guint i;

  if (!g_ptr_array_find (siblings, record, &i) || i + 1 >= siblings->len)
    return NULL;
  return siblings->pdata[i + 1];
}

/**
 * vl_objective_outdent:
 *
 * Takes @objective out from under its parent, to follow it as a sibling
 * (its level stays: still below where it now hangs).
 */
gboolean
vl_objective_outdent (VlRecord  *objective,
                      GError   **error)
{
  g_autoptr(VlRecord) parent = NULL;
  g_autoptr(VlRecord) grandparent = NULL;
  g_autoptr(GPtrArray) siblings = NULL;
  VlDocument *doc;

  g_return_val_if_fail (VL_IS_OBJECTIVE (objective), FALSE);

  parent = vl_record_dup_ref (objective, "parent");
  if (parent == NULL)
    return refuse (error, _("“%s” is not aligned to another objective"), vl_record_get_title (objective));
  doc = vl_record_get_document (objective);
  grandparent = vl_record_dup_ref (parent, "parent");
  siblings = dup_list (doc, VL_KIND_OBJECTIVE, "parent", grandparent);
  if (grandparent == NULL && vl_record_get_ref_id (objective, "cycle") == 0)
    {
      g_autoptr(VlRecord) cycle = vl_objective_dup_cycle (parent);

      /* At the top, an objective needs a cycle of its own to be shown. */
      vl_document_begin (doc, _("Outdent Objective"));
      g_object_set (objective, "cycle", cycle, NULL);
      vl_document_move (doc, objective, NULL, parent, next_sibling (siblings, parent), NULL);
      return vl_document_commit (doc, error);
    }
  return vl_document_move (doc, objective, grandparent, parent, next_sibling (siblings, parent), error);
}

/**
 * vl_objective_set_level:
 *
 * Levels only go down: an objective stays below the one it is aligned to
 * and above those aligned to it.
 */
gboolean
vl_objective_set_level (VlRecord  *objective,
                        VlLevel    level,
                        GError   **error)
{
  g_autoptr(VlRecord) parent = NULL;
  g_autoptr(GPtrArray) children = NULL;

  g_return_val_if_fail (VL_IS_OBJECTIVE (objective), FALSE);

  parent = vl_record_dup_ref (objective, "parent");
  if (parent != NULL && (int) level <= vl_record_get_int (parent, "level"))
    return refuse (error, _("Levels only go down: “%s” is aligned to a %s objective, so it cannot be a %s "
                            "objective"),
                   vl_record_get_title (objective), level_label (vl_record_get_int (parent, "level")),
                   level_label (level));
  children = dup_list (vl_record_get_document (objective), VL_KIND_OBJECTIVE, "parent", objective);
  for (guint i = 0; i < children->len; i++)
    if (vl_record_get_int (children->pdata[i], "level") <= (int) level)
      return refuse (error, _("Levels only go down: “%s” is aligned to this objective and is a %s "
                              "objective, so this one cannot be a %s objective"),
                     vl_record_get_title (children->pdata[i]),
                     level_label (vl_record_get_int (children->pdata[i], "level")), level_label (level));
  g_object_set (objective, "level", (int) level, NULL);
  return TRUE;
}

/* Siblings as the outline shows them: key results of one objective, or
 * objectives aligned to one parent (at the top: of the same cycle). */
static GPtrArray *
dup_siblings (VlRecord *record)
{
  VlDocument *doc = vl_record_get_document (record);
  g_autoptr(VlRecord) parent = NULL;
  GPtrArray *siblings;
  gint64 cycle;

  if (VL_IS_KEY_RESULT (record))
    {
      parent = vl_record_dup_ref (record, "objective");
      return dup_list (doc, VL_KIND_KEY_RESULT, "objective", parent);
    }
  parent = vl_record_dup_ref (record, "parent");
  siblings = dup_list (doc, VL_KIND_OBJECTIVE, "parent", parent);
  if (parent != NULL)
    return siblings;
  cycle = vl_record_get_ref_id (record, "cycle");
  for (guint i = siblings->len; i > 0; i--)
    if (vl_record_get_ref_id (siblings->pdata[i - 1], "cycle") != cycle)
      g_ptr_array_remove_index (siblings, i - 1);
  return siblings;
}

/**
 * vl_okr_move_sibling:
 * @record: an objective or a key result
 * @delta: -1 up, 1 down, G_MININT to the top, G_MAXINT to the bottom
 *
 * Reorders @record among its siblings (a move is one register: atomic).
 */
gboolean
vl_okr_move_sibling (VlRecord  *record,
                     int        delta,
                     GError   **error)
{
  g_autoptr(GPtrArray) siblings = NULL;
  g_autoptr(VlRecord) parent = NULL;
  VlRecord *prev, *next;
  guint i;
  int j;

  g_return_val_if_fail (VL_IS_OBJECTIVE (record) || VL_IS_KEY_RESULT (record), FALSE);

  siblings = dup_siblings (record);
  if (!g_ptr_array_find (siblings, record, &i))
    return refuse (error, _("“%s” cannot be moved"), vl_record_get_title (record));
  j = (int) CLAMP ((gint64) i + delta, 0, (gint64) siblings->len - 1);
  if (j == (int) i)
    return TRUE;
  g_ptr_array_remove_index (siblings, i);
  prev = j > 0 ? siblings->pdata[j - 1] : NULL;
  next = j < (int) siblings->len ? siblings->pdata[j] : NULL;
  parent = vl_record_dup_ref (record, VL_IS_KEY_RESULT (record) ? "objective" : "parent");
  return vl_document_move (vl_record_get_document (record), record, parent, prev, next, error);
}

static void
delete_tree (VlRecord *objective,
             guint     depth)
{
  VlDocument *doc = vl_record_get_document (objective);
  g_autoptr(GPtrArray) children = dup_list (doc, VL_KIND_OBJECTIVE, "parent", objective);
  g_autoptr(GPtrArray) krs = dup_list (doc, VL_KIND_KEY_RESULT, "objective", objective);

  for (guint i = 0; depth < MAX_DEPTH && i < children->len; i++)
    delete_tree (children->pdata[i], depth + 1);
  for (guint i = 0; i < krs->len; i++)
    vl_document_delete (doc, krs->pdata[i], NULL);
  vl_document_delete (doc, objective, NULL);
}

/**
 * vl_objective_delete_tree:
 *
 * Deletes @objective, its key results and the objectives aligned to it, as
 * one action (one undo brings them all back). Check-ins stay with their key
 * results, and backlog items keep their link.
 */
gboolean
vl_objective_delete_tree (VlRecord  *objective,
                          GError   **error)
{
  VlDocument *doc;

  g_return_val_if_fail (VL_IS_OBJECTIVE (objective), FALSE);
  doc = vl_record_get_document (objective);
  vl_document_begin (doc, _("Delete Objective"));
  delete_tree (objective, 0);
  return vl_document_commit (doc, error);
}

/**
 * vl_objective_dup_detached:
 *
 * Objectives that have a parent but are shown at the top of the outline:
 * those whose parent is gone (deleted on another device while this one
 * aligned to it), and in each alignment cycle (concurrent moves on two
 * devices can make A align to B and B to A) the member whose placement
 * was written last (DESIGN §4). See vl_tree_dup_detached().
 *
 * Returns: (transfer full): a set of row ids (gint64 *)
 */
GHashTable *
vl_objective_dup_detached (VlDocument *doc)
{
  return vl_tree_dup_detached (doc, VL_KIND_OBJECTIVE);
}

/* ---- the whole outline at once ------------------------------------------------ */

typedef struct
{
  VlOkrStats  stats;                 /* first: the table hands out nodes as stats */
  gint64      id, parent, cycle;
  double      own_sum, own_weights;  /* weighted key results */
  double      score_sum;
  guint       scored;
  GArray     *children;              /* gint64 ids of aligned objectives */
  gboolean    done;                  /* total computed */
} ObjectiveNode;

static void
objective_node_free (gpointer data)
{
  ObjectiveNode *n = data;

  g_clear_pointer (&n->children, g_array_unref);
  g_free (n);
}

static double
sql_number (sqlite3_stmt *stmt,
            int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, column);
}

static const CycleInfo *
cycle_of (GHashTable *objectives,
          GHashTable *cycles,
          gint64      objective)
{
  for (guint depth = 0; depth < MAX_DEPTH; depth++)
    {
      ObjectiveNode *n = g_hash_table_lookup (objectives, &objective);

      if (n == NULL)
        return NULL;
      if (n->cycle != 0)
        return g_hash_table_lookup (cycles, &n->cycle);
      objective = n->parent;
    }
  return NULL;
}

static double
node_total (GHashTable    *objectives,
            ObjectiveNode *n,
            guint          depth)
{
  double sum = 0;
  guint counted = 0;

  if (n->done)
    return n->stats.progress;
  n->done = TRUE;   /* a merged cycle counts once */
  for (guint i = 0; depth < MAX_DEPTH && n->children != NULL && i < n->children->len; i++)
    {
      ObjectiveNode *c = g_hash_table_lookup (objectives, &g_array_index (n->children, gint64, i));
      double p = c ? node_total (objectives, c, depth + 1) : NAN;

      if (!isnan (p))
        {
          sum += p;
          counted++;
        }
    }
  {
    double own = n->own_weights > 0 ? n->own_sum / n->own_weights : NAN;
    guint all = n->children ? n->children->len : 0;
    double aligned = counted > 0 ? sum / counted : NAN;

    if (isnan (aligned))
      n->stats.progress = own;
    else if (isnan (own))
      n->stats.progress = aligned;
    else
      n->stats.progress = (own + aligned * all) / (all + 1);
  }
  return n->stats.progress;
}

/**
 * vl_okr_summarize:
 * @key_results: (out) (optional): the key results' stats by row id
 *
 * The outline's numbers for every objective and key result, from five
 * scans of the plan: what vl_objective_get_total_progress(),
 * vl_key_result_get_progress(), vl_key_result_is_checkin_due() and the
 * latest check-in give row by row, without a query per row.
 *
 * Returns: (transfer full): the objectives' #VlOkrStats by row id (gint64 *)
 */
GHashTable *
vl_okr_summarize (VlDocument  *doc,
                  GDate       *today,
                  GHashTable **key_results)
{
  sqlite3 *db = _vl_document_get_db (doc);
  g_autoptr(GHashTable) cycles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) krs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) last = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) served = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTable *objectives = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, objective_node_free);
  GHashTableIter iter;
  ObjectiveNode *n;
  sqlite3_stmt *stmt;

#define EACH_ROW(sql) \
  for (stmt = NULL, sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL); stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW;)
#define KEY(v) g_memdup2 (&(gint64) { (v) }, sizeof (gint64))

  EACH_ROW ("SELECT id, ifnull (start_date, ''), ifnull (end_date, ''), cadence_weeks FROM cycle WHERE deleted <> 1")
    {
      CycleInfo *c = g_new0 (CycleInfo, 1);

      g_strlcpy (c->start, (const char *) sqlite3_column_text (stmt, 1), sizeof c->start);
      g_strlcpy (c->end, (const char *) sqlite3_column_text (stmt, 2), sizeof c->end);
      c->cadence = sqlite3_column_int64 (stmt, 3);
      g_hash_table_insert (cycles, KEY (sqlite3_column_int64 (stmt, 0)), c);
    }
  sqlite3_finalize (stmt);
  EACH_ROW ("SELECT id, ifnull (parent, 0), ifnull (cycle, 0) FROM objective WHERE deleted <> 1")
    {
      n = g_new0 (ObjectiveNode, 1);
      n->id = sqlite3_column_int64 (stmt, 0);
      n->parent = sqlite3_column_int64 (stmt, 1);
      n->cycle = sqlite3_column_int64 (stmt, 2);
      n->stats = (VlOkrStats) { NAN, NAN, NAN, FALSE, FALSE, 0 };
      g_hash_table_insert (objectives, KEY (n->id), n);
    }
  sqlite3_finalize (stmt);
  g_hash_table_iter_init (&iter, objectives);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &n))
    {
      ObjectiveNode *p = n->parent ? g_hash_table_lookup (objectives, &n->parent) : NULL;

      if (p == NULL)
        continue;
      if (p->children == NULL)
        p->children = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (p->children, n->id);
    }
  /* Check-ins come in date order: the last one per key result wins. */
  EACH_ROW ("SELECT key_result, date, confidence FROM checkin WHERE deleted <> 1 ORDER BY key_result, date, id")
    {
      g_autofree char *text = g_strdup_printf ("%s|%.17g", sqlite3_column_text (stmt, 1) ?
                                               (const char *) sqlite3_column_text (stmt, 1) : "",
                                               sql_number (stmt, 2));

      g_hash_table_insert (last, KEY (sqlite3_column_int64 (stmt, 0)), g_steal_pointer (&text));
    }
  sqlite3_finalize (stmt);
  EACH_ROW ("SELECT key_result, count(*) FROM item WHERE deleted <> 1 AND key_result > 0 GROUP BY key_result")
    g_hash_table_insert (served, KEY (sqlite3_column_int64 (stmt, 0)),
                         GUINT_TO_POINTER ((guint) sqlite3_column_int64 (stmt, 1)));
  sqlite3_finalize (stmt);
  EACH_ROW ("SELECT id, ifnull (objective, 0), kind, direction, baseline, target, current_value, weight, done, score "
            "FROM key_result WHERE deleted <> 1")
    {
      gint64 id = sqlite3_column_int64 (stmt, 0), objective = sqlite3_column_int64 (stmt, 1);
      VlOkrStats *k = g_new0 (VlOkrStats, 1);
      const char *checkin = g_hash_table_lookup (last, &id);
      g_autofree char *date = checkin ? g_strndup (checkin, strcspn (checkin, "|")) : NULL;
      const CycleInfo *cycle = cycle_of (objectives, cycles, objective);
      double weight = sql_number (stmt, 7);

      weight = isnan (weight) ? 1 : MAX (weight, 0);
      if (sqlite3_column_int (stmt, 2) == VL_KR_KIND_MILESTONE)
        k->progress = sqlite3_column_int (stmt, 8) ? 1 : 0;
      else
        k->progress = vl_okr_metric_progress ((VlDirection) sqlite3_column_int (stmt, 3), sql_number (stmt, 4),
                                              sql_number (stmt, 5), sql_number (stmt, 6));
      k->confidence = checkin ? g_ascii_strtod (strchr (checkin, '|') + 1, NULL) : NAN;
      k->score = sql_number (stmt, 9);
      k->due = due (cycle, date && *date ? date : (checkin ? "" : NULL), today);
      k->ended = ended (cycle, today);
      k->n_items = GPOINTER_TO_UINT (g_hash_table_lookup (served, &id));
      if ((n = g_hash_table_lookup (objectives, &objective)) != NULL)
        {
          n->own_sum += weight * k->progress;
          n->own_weights += weight;
          if (!isnan (k->confidence) && (isnan (n->stats.confidence) || k->confidence < n->stats.confidence))
            n->stats.confidence = k->confidence;
          if (!isnan (k->score))
            {
              n->score_sum += k->score;
              n->scored++;
            }
          n->stats.due = n->stats.due || k->due;
        }
      g_hash_table_insert (krs, KEY (id), k);
    }
  sqlite3_finalize (stmt);
#undef EACH_ROW
#undef KEY

  g_hash_table_iter_init (&iter, objectives);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &n))
    {
      node_total (objectives, n, 0);
      n->stats.score = n->scored > 0 ? n->score_sum / n->scored : NAN;
      n->stats.ended = ended (cycle_of (objectives, cycles, n->id), today);
    }
  if (key_results != NULL)
    *key_results = g_steal_pointer (&krs);
  return objectives;
}
