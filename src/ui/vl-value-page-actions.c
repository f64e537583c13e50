/* vl-value-page-actions.c — what can be done on the Value page
 *
 * Add a reading of a launched item's metric, complete (or update) its
 * review with a verdict (another than the suggested one needs a note),
 * make a follow-up demand, make and delete value loops and add items to
 * them, and set the portfolio's targets and the verdict's rule.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-value-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vl-actions.h"
#include "vl-labels.h"
#include "vl-reading-dialog.h"
#include "vl-record-chooser.h"
#include "vl-shares-dialog.h"
#include "vl-toast.h"
#include "vl-value-page-private.h"

/* ---- actions -------------------------------------------------------------- */

/* "value.add-reading": Ctrl+I. */
static void
add_reading_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  VlValuePage *self = VL_VALUE_PAGE (widget);

  if (self->item != NULL)
    vl_reading_dialog_new (widget, self->item);
}

static void
complete_review_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  VlValuePage *self = VL_VALUE_PAGE (widget);
  VlVerdict verdict = (VlVerdict) (adw_combo_row_get_selected (self->verdict_row) + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) item = self->item != NULL ? g_object_ref (self->item) : NULL;
  g_autofree char *text = NULL;

  if (item == NULL)
    return;
  if (!vl_item_complete_review (item, verdict, gtk_editable_get_text (GTK_EDITABLE (self->note_row)), &error))
    {
      vl_show_error (vl_window_for (widget), _("Could Not Complete the Review"), error);
      return;
    }
  text = g_strdup_printf (_("“%s” reviewed: %s"), vl_record_get_title (item), vl_enum_label ("verdict", verdict));
  vl_toast (widget, text, TRUE);
}

static void
follow_up_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  VlValuePage *self = VL_VALUE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) follow = NULL;
  g_autoptr(VlRecord) backlog = NULL;
  g_autofree char *text = NULL;

  if (self->item == NULL)
    return;
  follow = vl_item_add_follow_up (self->item, &error);
  if (follow == NULL)
    {
      vl_show_error (vl_window_for (widget), _("Could Not Add the Demand"), error);
      return;
    }
  backlog = vl_record_dup_ref (follow, "backlog");
  text = g_strdup_printf (_("Added “%s” to %s"), vl_record_get_title (follow),
                          backlog != NULL ? vl_record_get_title (backlog) : "");
  vl_toast (widget, text, TRUE);
}

static void
new_loop_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  VlValuePage *self = VL_VALUE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) loop = NULL;

  if (self->document == NULL)
    return;
  vl_document_begin (self->document, _("New Value Loop"));
  loop = vl_document_insert (self->document, VL_KIND_VALUE_LOOP, NULL, NULL, NULL, &error);
  if (loop != NULL)
    g_object_set (loop, "name", _("New value loop"), NULL);
  if (!vl_document_commit (self->document, &error))
    vl_show_error (vl_window_for (widget), _("Could Not Add the Value Loop"), error);
}

static void
delete_loop_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  VlValuePage *self = VL_VALUE_PAGE (widget);
  g_autoptr(VlRecord) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->document == NULL ||
      (loop = vl_document_lookup (self->document, VL_KIND_VALUE_LOOP, g_variant_get_int64 (param))) == NULL)
    return;
  /* Its items stay; they lose the loop (undo brings it back with them). */
  text = g_strdup_printf (_("Deleted the value loop “%s”"), vl_record_get_title (loop));
  if (!vl_document_delete (self->document, loop, &error))
    vl_show_error (vl_window_for (widget), _("Could Not Delete the Value Loop"), error);
  else
    vl_toast (widget, text, TRUE);
}

typedef struct
{
  VlValuePage *page;
  gint64       loop;
} AddToLoop;

static void
add_to_loop_free (gpointer  data,
                  GClosure *closure)
{
  AddToLoop *a = data;

  g_clear_object (&a->page);
  g_free (a);
}

static void
loop_item_chosen_cb (VlRecordChooser *chooser,
                     VlRecord        *item,
                     AddToLoop       *a)
{
  g_autoptr(VlRecord) loop = a->page->document != NULL
                             ? vl_document_lookup (a->page->document, VL_KIND_VALUE_LOOP, a->loop) : NULL;
  g_autofree char *text = NULL;

  if (loop == NULL || item == NULL)
    return;
  g_object_set (item, "value-loop", loop, NULL);
  text = g_strdup_printf (_("“%s” added to the value loop “%s”"), vl_record_get_title (item),
                          vl_record_get_title (loop));
  vl_toast (GTK_WIDGET (a->page), text, TRUE);
}

/* "value.add-to-loop" (x): a backlog item, found by searching, joins the
 * loop (it leaves the loop it was in). */
static void
add_to_loop_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  VlValuePage *self = VL_VALUE_PAGE (widget);
  g_autoptr(VlRecord) loop = NULL;
  g_autofree char *body = NULL;
  VlRecordChooser *chooser;
  AddToLoop *a;

  if (self->document == NULL ||
      (loop = vl_document_lookup (self->document, VL_KIND_VALUE_LOOP, g_variant_get_int64 (param))) == NULL)
    return;
  body = g_strdup_printf (_("Which demand belongs to “%s”?"), vl_record_get_title (loop));
  chooser = vl_record_chooser_new (vl_window_for (widget), self->document, VL_KIND_ITEM,
                                   _("Add to the Value Loop"), body);
  a = g_new0 (AddToLoop, 1);
  a->page = g_object_ref (self);
  a->loop = vl_record_get_rowid (loop);
  g_signal_connect_data (chooser, "chosen", G_CALLBACK (loop_item_chosen_cb), a, add_to_loop_free, 0);
  gtk_window_present (GTK_WINDOW (chooser));
}

/* "value.remove-from-loop" (x): an item leaves its loop, not its backlog. */
static void
remove_from_loop_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  VlValuePage *self = VL_VALUE_PAGE (widget);
  g_autoptr(VlRecord) item = NULL;
  g_autoptr(VlRecord) loop = NULL;
  g_autofree char *text = NULL;

  if (self->document == NULL ||
      (item = vl_document_lookup (self->document, VL_KIND_ITEM, g_variant_get_int64 (param))) == NULL ||
      (loop = vl_record_dup_ref (item, "value-loop")) == NULL)
    return;
  g_object_set (item, "value-loop", NULL, NULL);
  text = g_strdup_printf (_("“%s” taken out of the value loop “%s”"), vl_record_get_title (item),
                          vl_record_get_title (loop));
  vl_toast (widget, text, TRUE);
}


static void
set_targets_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  if (VL_VALUE_PAGE (widget)->document != NULL)
    vl_shares_dialog_new (widget, VL_VALUE_PAGE (widget)->document, VL_SHARES_TARGETS);
}

static void
set_rule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  if (VL_VALUE_PAGE (widget)->document != NULL)
    vl_shares_dialog_new (widget, VL_VALUE_PAGE (widget)->document, VL_SHARES_RULE);
}

/* The page's actions and keys. */
static const VlActionEntry actions[] = {
  { "value.add-reading", add_reading_action, .accel = "<Control>i" },
  { "value.complete-review", complete_review_action, .accel = "<Control>Return" },
  { "value.follow-up", follow_up_action, .accel = "<Control><Shift>n" },
  { "value.new-loop", new_loop_action },
  { "value.delete-loop", delete_loop_action, "x" },
  { "value.add-to-loop", add_to_loop_action, "x" },
  { "value.remove-from-loop", remove_from_loop_action, "x" },
  { "value.set-targets", set_targets_action },
  { "value.set-rule", set_rule_action },
};

void
vl_value_page_class_add_actions (GtkWidgetClass *widget_class)
{
  vl_widget_class_add_actions (widget_class, actions, G_N_ELEMENTS (actions));
}
