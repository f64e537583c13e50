/* vl-cycle-dialog.c — make or edit an OKR cycle
 *
 * Its name, first and last day, and the cadence of its check-ins. A new
 * cycle follows the one shown, for half a year. What is typed is checked
 * as it is typed (vl_cycle_validate()): the button stays off, and a line
 * says what is wrong, until the input is good.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-cycle-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "vl-cycle-dialog.h"
#include "vl-okr.h"
#include "vl-toast.h"

struct _VlCycleDialog
{
  AdwMessageDialog  parent_instance;

  VlGoalsPage      *page;
  VlRecord         *cycle;       /* NULL: a new one */

  AdwEntryRow      *name_row;
  AdwEntryRow      *start_row;
  AdwEntryRow      *end_row;
  AdwComboRow      *cadence_row;
  GtkLabel         *problem_label;
};

G_DEFINE_FINAL_TYPE (VlCycleDialog, vl_cycle_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
validate (VlCycleDialog *self)
{
  g_autoptr(GError) error = NULL;

  vl_cycle_validate (gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                     gtk_editable_get_text (GTK_EDITABLE (self->start_row)),
                     gtk_editable_get_text (GTK_EDITABLE (self->end_row)), &error);
  vl_dialog_show_problem (ADW_MESSAGE_DIALOG (self), "save", self->problem_label,
                          error != NULL ? error->message : NULL);
}

static void
save_cb (VlCycleDialog *self,
         const char    *response)
{
  VlDocument *doc = vl_page_get_document (VL_PAGE (self->page));
  g_autoptr(VlRecord) made = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  VlRecord *cycle = self->cycle;

  if (doc == NULL)
    return;
  vl_document_begin (doc, cycle ? _("Edit Cycle") : _("New Cycle"));
  if (cycle == NULL)
    cycle = made = vl_document_insert (doc, VL_KIND_CYCLE, NULL, NULL, NULL, &error);
  if (cycle != NULL)
    g_object_set (cycle, "name", name, "start", gtk_editable_get_text (GTK_EDITABLE (self->start_row)),
                  "end", gtk_editable_get_text (GTK_EDITABLE (self->end_row)),
                  "cadence-weeks", 2 + (int) adw_combo_row_get_selected (self->cadence_row), NULL);
  if (!vl_document_commit (doc, error == NULL ? &error : NULL) || error != NULL)
    vl_toast (GTK_WIDGET (self->page), error->message, FALSE);
  else if (made != NULL)
    vl_goals_page_set_cycle (self->page, made);
}

/* A new cycle follows the last one, for half a year. */
static void
next_cycle (VlGoalsPage *page,
            char       **name,
            char       **start,
            char       **end)
{
  VlRecord *shown = vl_goals_page_get_cycle (page);
  const char *last_end = shown ? vl_record_get_string (shown, "end") : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) from = NULL, to = NULL, six = NULL;
  int year, month;

  if (last_end != NULL && vl_date_is_valid (last_end))
    {
      g_autoptr(GDateTime) e = g_date_time_new_local (atoi (last_end), atoi (last_end + 5), atoi (last_end + 8),
                                                      12, 0, 0);
      from = g_date_time_add_days (e, 1);
    }
  else
    from = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now) > 6 ? 7 : 1, 1, 12, 0, 0);
  year = g_date_time_get_year (from);
  month = g_date_time_get_month (from);
  six = g_date_time_add_months (from, 6);
  to = g_date_time_add_days (six, -1);
  *name = month == 1 || month == 7 ? g_strdup_printf ("%d %s", year, month == 1 ? "H1" : "H2")
                                   : g_date_time_format (from, "%Y-%m");
  *start = g_date_time_format (from, "%Y-%m-%d");
  *end = g_date_time_format (to, "%Y-%m-%d");
}

static void
vl_cycle_dialog_dispose (GObject *object)
{
  VlCycleDialog *self = VL_CYCLE_DIALOG (object);

  g_clear_object (&self->cycle);
  g_clear_object (&self->page);
  G_OBJECT_CLASS (vl_cycle_dialog_parent_class)->dispose (object);
}

static void
vl_cycle_dialog_class_init (VlCycleDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = vl_cycle_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/valueloop/Valueloop/vl-cycle-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VlCycleDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, VlCycleDialog, start_row);
  gtk_widget_class_bind_template_child (widget_class, VlCycleDialog, end_row);
  gtk_widget_class_bind_template_child (widget_class, VlCycleDialog, cadence_row);
  gtk_widget_class_bind_template_child (widget_class, VlCycleDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, validate);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
}

static void
vl_cycle_dialog_init (VlCycleDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * vl_cycle_dialog_new:
 * @cycle: (nullable): the cycle to edit, or %NULL for a new one
 *
 * Returns: (transfer none): the dialog over @page's window, not yet shown
 */
GtkWidget *
vl_cycle_dialog_new (VlGoalsPage *page,
                     VlRecord    *cycle)
{
  VlCycleDialog *self = g_object_new (VL_TYPE_CYCLE_DIALOG,
                                      "transient-for", vl_window_for (GTK_WIDGET (page)),
                                      "heading", cycle ? _("Edit Cycle") : _("New Cycle"), NULL);
  g_autofree char *name = NULL, *start = NULL, *end = NULL;

  self->page = g_object_ref (page);
  if (cycle != NULL)
    {
      self->cycle = g_object_ref (cycle);
      name = g_strdup (vl_record_get_string (cycle, "name"));
      start = g_strdup (vl_record_get_string (cycle, "start"));
      end = g_strdup (vl_record_get_string (cycle, "end"));
      adw_combo_row_set_selected (self->cadence_row,
                                  (guint) CLAMP (vl_record_get_int (cycle, "cadence-weeks") - 2, 0, 2));
    }
  else
    next_cycle (page, &name, &start, &end);
  if (cycle != NULL)
    adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "save", _("_Save"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), start);
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), end);
  validate (self);
  return GTK_WIDGET (self);
}
