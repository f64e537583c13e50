/* vl-item-rules.c — what a write to an item brings with it
 *
 * A status change is written to the append-only status history; launching
 * sets the launch date and starts the 30-day clock of the value review; a
 * launched item's hypothesis change is kept in its history. Run by the row
 * store after each register write, inside the same action.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-document"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "vl-document-units.h"

static char *
today_plus (VlDocument *self,
            int         days)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (vl_clock_now_ms (self->clock) / 1000);
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
set_field (VlRecord   *record,
           const char *name,
           const char *text)
{
  g_autoptr(GError) error = NULL;

  if (!vl_record_set_from_text (record, name, text, &error))
    g_warning ("%s", error->message);
}

/* The status history keeps a launched item's hypothesis changes: its
 * review measures against the hypothesis frozen at launch. */
static void
record_hypothesis_change (VlDocument    *self,
                          VlRecord      *record,
                          guint          field,
                          const VlValue *before)
{
  const VlField *f = &vl_kind_info (VL_KIND_ITEM)->fields[field];
  g_autoptr(VlRecord) transition = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old = NULL, *now = NULL, *note = NULL;
  gint64 status = vl_record_get_int (record, "status");

  if (status != VL_STATUS_LAUNCHED && status != VL_STATUS_REVIEWED)
    return;
  if (f->type == VL_FIELD_NUMBER)
    old = isnan (before[0].d) ? g_strdup ("—") : g_strdup_printf ("%g", before[0].d);
  else
    old = g_strdup (before[0].s != NULL && *before[0].s != '\0' ? before[0].s : "—");
  if (f->type == VL_FIELD_NUMBER)
    now = isnan (vl_record_get_number (record, f->name)) ? g_strdup ("")
                                                          : g_strdup_printf ("%g", vl_record_get_number (record, f->name));
  else
    now = g_strdup (vl_record_get_string (record, f->name));
  /* Translators: kept in a launched item's status history: "Expected Value: 3 → 3.5" */
  note = g_strdup_printf (_("%s: %s → %s"), vl_item_hypothesis_label (f->name), old, *now != '\0' ? now : "—");
  transition = vl_document_insert (self, VL_KIND_TRANSITION, NULL, NULL, NULL, &error);
  if (transition == NULL)
    {
      _vl_doc_record_error (self, g_steal_pointer (&error));
      return;
    }
  g_object_set (transition, "item", record, "from", (int) status, "to", (int) status,
                "at", vl_clock_now_ms (self->clock), "note", note, NULL);
}

/* Status changes are time-stamped in the append-only transition log, and
 * launching starts the 30-day clock of the value review. */
void
_vl_doc_after_write (VlDocument    *self,
             VlRecord      *record,
             guint          reg,
             const VlValue *before,
             gboolean       fresh)
{
  static int status_field = -1, hypothesis[3];
  g_autoptr(VlRecord) transition = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;
  g_autofree char *due = NULL;
  gint64 status;

  if (vl_record_get_kind (record) != VL_KIND_ITEM)
    return;
  if (status_field < 0)
    {
      hypothesis[0] = vl_kind_find_field (VL_KIND_ITEM, "metric");
      hypothesis[1] = vl_kind_find_field (VL_KIND_ITEM, "baseline");
      hypothesis[2] = vl_kind_find_field (VL_KIND_ITEM, "expected");
      status_field = vl_kind_find_field (VL_KIND_ITEM, "status");
    }
  /* (Not while the item is being made: that is its hypothesis; nor in an
   * undo or redo, which take the change's note back or bring it back.) */
  for (guint i = 0; i < G_N_ELEMENTS (hypothesis); i++)
    if (reg == vl_kind_info (VL_KIND_ITEM)->fields[hypothesis[i]].reg)
      {
        if (!fresh && self->mode == NORMAL)
          record_hypothesis_change (self, record, (guint) hypothesis[i], before);
        return;
      }
  if (reg != vl_kind_info (VL_KIND_ITEM)->fields[status_field].reg)
    return;

  status = vl_record_get_int (record, "status");
  transition = vl_document_insert (self, VL_KIND_TRANSITION, NULL, NULL, NULL, &error);
  if (transition == NULL)
    {
      _vl_doc_record_error (self, g_steal_pointer (&error));
      return;
    }
  g_object_set (transition, "item", record, "from", (int) before[0].i, "to", (int) status,
                "at", vl_clock_now_ms (self->clock), NULL);

  if (status == VL_STATUS_LAUNCHED && vl_record_get_string (record, "launch-date") == NULL)
    {
      today = today_plus (self, 0);
      set_field (record, "launch-date", today);
      if (vl_record_get_string (record, "review-due") == NULL)
        {
          due = today_plus (self, 30);
          set_field (record, "review-due", due);
        }
    }
}

