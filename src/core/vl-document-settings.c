/* vl-document-settings.c — a plan's settings
 *
 * The plan's title, the board's WIP limits, the AARRR target shares, the
 * verdict thresholds and the cycle-time clock: each a register in `meta`,
 * written with a stamp, undone and merged like a row's field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-document"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "vl-document-units.h"
#include "vl-store.h"

void
_vl_doc_init_settings (VlDocument *self)
{
  for (guint i = 0; i < N_STAGES; i++)
    self->targets[i] = NAN;
  self->validated_at = VL_DEFAULT_VALIDATED_AT;
  self->invalidated_at = VL_DEFAULT_INVALIDATED_AT;
  self->clock_statuses[0] = VL_STATUS_IN_PROGRESS;
  self->clock_statuses[1] = VL_STATUS_LAUNCHED;
}

/* The `meta` key of @setting ("title", "wip-limit.3"). */
char *
_vl_doc_setting_key (guint setting)
{
  if (setting == SETTING_TITLE)
    return g_strdup ("title");
  if (setting < SETTING_TARGET)
    return g_strdup_printf ("wip-limit.%u", setting - SETTING_WIP);
  if (setting < SETTING_VALIDATED)
    return g_strdup_printf ("aarrr-target.%u", setting - SETTING_TARGET);
  if (setting == SETTING_CLOCK)
    return g_strdup ("report.clock");
  return g_strdup (setting == SETTING_VALIDATED ? "verdict.validated" : "verdict.invalidated");
}

/* A share another copy wrote that is not a number from 0 to @max counts
 * as not set (@fallback). */
double
_vl_parse_share (const char *text,
                 double      max,
                 double      fallback)
{
  char *end = NULL;
  double v;

  if (text == NULL || *text == '\0')
    return fallback;
  v = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && v >= 0 && v <= max ? v : fallback;
}

/* A limit another copy wrote that is not a number in range counts as no
 * limit: the board shows every card either way. */
guint
_vl_parse_wip_limit (const char *text)
{
  guint64 n = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, VL_MAX_WIP_LIMIT, &n, NULL))
    return 0;
  return (guint) n;
}

static guint
read_wip_limit (sqlite3 *db,
                guint    status)
{
  g_autofree char *key = _vl_doc_setting_key (SETTING_WIP + status);
  g_autofree char *text = vl_store_get_meta (db, key);

  return _vl_parse_wip_limit (text);
}


gboolean
_vl_doc_load_meta (VlDocument *self,
           GError    **error)
{
  g_autofree char *doc_id = vl_store_get_meta (self->db, "doc_id");
  guint8 bytes[VL_UUID_LEN];

  if (doc_id == NULL || !vl_uuid_parse (doc_id, bytes))
    {
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_DAMAGED,
                   _("“%s” is damaged: it has no valid document id"), self->display);
      return FALSE;
    }
  self->doc_id = g_steal_pointer (&doc_id);
  self->title = vl_store_get_meta (self->db, "title");
  if (self->title == NULL)
    self->title = g_strdup ("");
  for (guint s = 0; s < VL_N_STATUSES; s++)
    self->wip_limits[s] = read_wip_limit (self->db, s);
  for (guint setting = SETTING_TARGET; setting < N_SETTINGS; setting++)
    {
      g_autofree char *key = _vl_doc_setting_key (setting);
      g_autofree char *value = vl_store_get_meta (self->db, key);

      _vl_doc_apply_setting (self, setting, value);
    }
  return TRUE;
}


/* ---- plan settings ---------------------------------------------------- */

static char *
format_share (double share)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return isnan (share) ? g_strdup ("") : g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", share));
}

static char *
get_setting (VlDocument *self,
             guint       setting)
{
  if (setting == SETTING_TITLE)
    return g_strdup (self->title);
  if (setting < SETTING_TARGET)
    return g_strdup_printf ("%u", self->wip_limits[setting - SETTING_WIP]);
  if (setting < SETTING_VALIDATED)
    return format_share (self->targets[setting - SETTING_TARGET]);
  if (setting == SETTING_CLOCK)
    return g_strdup_printf ("%d,%d", (int) self->clock_statuses[0], (int) self->clock_statuses[1]);
  return format_share (setting == SETTING_VALIDATED ? self->validated_at : self->invalidated_at);
}

/* A pair another copy wrote that is out of range or out of order counts as
 * not set: the defaults, in progress to launched. */
static void
apply_clock_setting (VlDocument *self,
                     const char *value)
{
  VlStatus before[2] = { self->clock_statuses[0], self->clock_statuses[1] };
  g_auto(GStrv) parts = g_strsplit (value != NULL ? value : "", ",", 3);
  guint64 start, end;

  if (g_strv_length (parts) == 2 &&
      g_ascii_string_to_unsigned (parts[0], 10, 0, VL_STATUS_REVIEWED, &start, NULL) &&
      g_ascii_string_to_unsigned (parts[1], 10, 0, VL_STATUS_REVIEWED, &end, NULL) && start < end)
    {
      self->clock_statuses[0] = (VlStatus) start;
      self->clock_statuses[1] = (VlStatus) end;
    }
  else
    {
      self->clock_statuses[0] = VL_STATUS_IN_PROGRESS;
      self->clock_statuses[1] = VL_STATUS_LAUNCHED;
    }
  if (before[0] != self->clock_statuses[0] || before[1] != self->clock_statuses[1])
    g_signal_emit (self, _vl_document_signals[VALUE_SETTINGS_CHANGED], 0);
}

/* A value setting (targets, thresholds) shown: emits value-settings-changed
 * when it changed. */
static void
apply_value_setting (VlDocument *self,
                     guint       setting,
                     const char *value)
{
  double *slot = setting < SETTING_VALIDATED ? &self->targets[setting - SETTING_TARGET]
                 : setting == SETTING_VALIDATED ? &self->validated_at : &self->invalidated_at;
  double v = setting < SETTING_VALIDATED ? _vl_parse_share (value, 1, NAN)
             : _vl_parse_share (value, 10, setting == SETTING_VALIDATED ? VL_DEFAULT_VALIDATED_AT
                                                                         : VL_DEFAULT_INVALIDATED_AT);

  if (v == *slot || (isnan (v) && isnan (*slot)))
    return;
  *slot = v;
  g_signal_emit (self, _vl_document_signals[VALUE_SETTINGS_CHANGED], 0);
}

/* Shows @value (no SQL): for writes, undo and merges. */
void
_vl_doc_apply_setting (VlDocument *self,
               guint       setting,
               const char *value)
{
  guint status = setting - SETTING_WIP;
  guint limit;

  if (setting == SETTING_CLOCK)
    {
      apply_clock_setting (self, value);
      return;
    }
  if (setting >= SETTING_TARGET)
    {
      apply_value_setting (self, setting, value);
      return;
    }
  if (setting == SETTING_TITLE)
    {
      if (g_strcmp0 (value, self->title) == 0)
        return;
      g_free (self->title);
      self->title = g_strdup (value ? value : "");
      g_object_notify_by_pspec (G_OBJECT (self), _vl_document_properties[PROP_TITLE]);
      return;
    }
  limit = _vl_parse_wip_limit (value);
  if (limit == self->wip_limits[status])
    return;
  self->wip_limits[status] = limit;
  g_signal_emit (self, _vl_document_signals[WIP_LIMIT_CHANGED], 0, (int) status);
}

gboolean
_vl_doc_write_setting (VlDocument *self,
               guint       setting,
               const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = _vl_doc_setting_key (setting);
  g_autofree char *before = get_setting (self, setting);
  UndoEntry entry = { META_KIND, setting, 0, NULL, NULL };

  if (g_strcmp0 (value, before) == 0)
    return TRUE;
  if (self->action_error != NULL || !_vl_doc_ensure_writable (self, &error))
    return error != NULL ? (_vl_doc_record_error (self, g_steal_pointer (&error)), FALSE) : FALSE;
  if (!vl_store_set_meta (self->db, key, value, vl_clock_tick (self->clock), self->site))
    {
      _vl_doc_sql_failed (self, setting == SETTING_TITLE ? _("Could not rename the plan in “%s”: %s")
                        : setting < SETTING_TARGET ? _("Could not set a WIP limit in “%s”: %s")
                                                   : _("Could not change a setting in “%s”: %s"),
                  &error);
      _vl_doc_record_error (self, g_steal_pointer (&error));
      return FALSE;
    }
  entry.before = g_new0 (VlValue, 1);
  entry.after = g_new0 (VlValue, 1);
  entry.before[0].s = g_steal_pointer (&before);
  entry.after[0].s = g_strdup (value);
  g_array_append_val (self->step->entries, entry);
  _vl_doc_apply_setting (self, setting, value);
  return TRUE;
}

static gboolean
write_title (VlDocument *self,
             const char *title)
{
  return _vl_doc_write_setting (self, SETTING_TITLE, title);
}

/**
 * vl_document_get_wip_limit:
 *
 * Returns: the most cards the board's @status column should hold, or 0
 *   for no limit
 */
guint
vl_document_get_wip_limit (VlDocument *self,
                           VlStatus    status)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (status < VL_N_STATUSES, 0);

  return self->wip_limits[status];
}

/**
 * vl_document_set_wip_limit:
 * @limit: 0 for no limit
 *
 * Sets a board column's WIP limit, an undoable action synced like any
 * edit (the last writer wins).
 */
gboolean
vl_document_set_wip_limit (VlDocument *self,
                           VlStatus    status,
                           guint       limit,
                           GError    **error)
{
  g_autofree char *value = NULL;
  gboolean ok;

  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (status < VL_N_STATUSES, FALSE);

  value = g_strdup_printf ("%u", MIN (limit, VL_MAX_WIP_LIMIT));
  vl_document_begin (self, _("Set WIP Limit"));
  ok = _vl_doc_write_setting (self, SETTING_WIP + status, value);
  return _vl_doc_end_write (self, ok, error);
}

/**
 * vl_document_get_aarrr_target:
 *
 * Returns: the share of cost (0–1) the plan aims to spend on @stage, or
 *   NaN when it has none
 */
double
vl_document_get_aarrr_target (VlDocument *self,
                              VlAarrr     stage)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (self), NAN);
  g_return_val_if_fail (stage < N_STAGES, NAN);
  return self->targets[stage];
}

/**
 * vl_document_set_aarrr_target:
 * @share: from 0 to 1, or NaN for none
 *
 * An undoable action, synced like any edit (the last writer wins).
 */
gboolean
vl_document_set_aarrr_target (VlDocument *self,
                              VlAarrr     stage,
                              double      share,
                              GError    **error)
{
  g_autofree char *value = NULL;
  gboolean ok;

  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (stage > VL_AARRR_NONE && stage < N_STAGES, FALSE);
  if (!isnan (share) && !(share >= 0 && share <= 1))
    {
      g_set_error_literal (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                           _("A target share goes from 0 to 100 %"));
      return FALSE;
    }
  value = format_share (share);
  vl_document_begin (self, _("Set Target Share"));
  ok = _vl_doc_write_setting (self, SETTING_TARGET + stage, value);
  return _vl_doc_end_write (self, ok, error);
}

void
vl_document_get_verdict_thresholds (VlDocument *self,
                                    double     *validated_at,
                                    double     *invalidated_at)
{
  g_return_if_fail (VL_IS_DOCUMENT (self));
  *validated_at = self->validated_at;
  *invalidated_at = self->invalidated_at;
}

/**
 * vl_document_set_verdict_thresholds:
 *
 * The rule of the suggested verdict: validated from @validated_at of the
 * expected change, invalidated up to @invalidated_at (shares).
 */
gboolean
vl_document_set_verdict_thresholds (VlDocument *self,
                                    double      validated_at,
                                    double      invalidated_at,
                                    GError    **error)
{
  g_autofree char *validated = NULL, *invalidated = NULL;
  gboolean ok;

  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  if (!(invalidated_at >= 0 && invalidated_at < validated_at && validated_at <= 10))
    {
      g_set_error_literal (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                           _("The invalidated threshold must be below the validated one, both from 0 to 1,000 %"));
      return FALSE;
    }
  validated = format_share (validated_at);
  invalidated = format_share (invalidated_at);
  vl_document_begin (self, _("Set Verdict Thresholds"));
  ok = _vl_doc_write_setting (self, SETTING_VALIDATED, validated) && _vl_doc_write_setting (self, SETTING_INVALIDATED, invalidated);
  return _vl_doc_end_write (self, ok, error);
}

/**
 * vl_document_get_clock_statuses:
 *
 * The statuses a cycle time runs between (a plan setting): from the first
 * entry into @start to the first entry into @end.
 */
void
vl_document_get_clock_statuses (VlDocument *self,
                                VlStatus   *start,
                                VlStatus   *end)
{
  g_return_if_fail (VL_IS_DOCUMENT (self));
  *start = self->clock_statuses[0];
  *end = self->clock_statuses[1];
}

gboolean
vl_document_set_clock_statuses (VlDocument *self,
                                VlStatus    start,
                                VlStatus    end,
                                GError    **error)
{
  g_autofree char *value = NULL;
  gboolean ok;

  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  if (!(start < end && end <= VL_STATUS_REVIEWED))
    {
      g_set_error_literal (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                           _("The cycle time must start at a status before the one it ends at"));
      return FALSE;
    }
  value = g_strdup_printf ("%d,%d", (int) start, (int) end);
  vl_document_begin (self, _("Set Cycle Time Statuses"));
  ok = _vl_doc_write_setting (self, SETTING_CLOCK, value);
  return _vl_doc_end_write (self, ok, error);
}

gboolean
vl_document_set_title (VlDocument *self,
                       const char *title,
                       GError    **error)
{
  gboolean ok;

  g_return_val_if_fail (VL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (title != NULL, FALSE);

  vl_document_begin (self, _("Rename Plan"));
  ok = write_title (self, title);
  return _vl_doc_end_write (self, ok, error);
}


/* Shows the settings a merge may have changed. */
void
_vl_document_settings_merged (VlDocument *self)
{
  for (guint setting = 0; setting < N_SETTINGS; setting++)
    {
      g_autofree char *key = _vl_doc_setting_key (setting);
      g_autofree char *value = vl_store_get_meta (self->db, key);

      if (value != NULL || setting != SETTING_TITLE)
        _vl_doc_apply_setting (self, setting, value);
    }
}

