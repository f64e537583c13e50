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
#include <math.h>

#include "vl-actions.h"
#include "vl-labels.h"
#include "vl-okr.h"
#include "vl-record-chooser.h"
#include "vl-toast.h"
#include "vl-value-page-private.h"

/* ---- actions -------------------------------------------------------------- */

static GtkWidget *
labelled_entry (GtkWidget  *box,
                const char *label,
                const char *text)
{
  GtkWidget *caption = gtk_label_new_with_mnemonic (label);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (caption), entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), entry);
  return entry;
}

typedef struct
{
  VlValuePage *page;
  VlRecord    *item;
  GtkEditable *date, *value, *note;
} ReadingForm;

static void
reading_form_free (gpointer data)
{
  ReadingForm *form = data;

  g_clear_object (&form->item);
  g_free (form);
}

static void
reading_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     ReadingForm      *form)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) reading = NULL;
  const char *text = gtk_editable_get_text (form->value);
  char *end = NULL;
  double value;

  if (!g_str_equal (response, "add"))
    return;
  g_strdelimit ((char *) text, ",", '.');
  value = g_ascii_strtod (text, &end);
  if (*text == '\0' || end == NULL || *end != '\0')
    value = NAN;
  reading = vl_item_add_reading (form->item, gtk_editable_get_text (form->date), value,
                                 gtk_editable_get_text (form->note), &error);
  if (reading == NULL)
    vl_show_error (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (form->page))), _("Could Not Add the Reading"),
                   error);
}

static void
add_reading_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  VlValuePage *self = VL_VALUE_PAGE (widget);
  g_autoptr(GDate) today = vl_okr_today ();
  ReadingForm *form;
  GtkWidget *dialog, *box;
  g_autofree char *body = NULL;
  char date[11];

  if (self->item == NULL)
    return;
  g_date_strftime (date, sizeof date, "%Y-%m-%d", today);
  body = g_strdup_printf (_("What “%s” shows for %s."), vl_record_get_title (self->item),
                          *vl_record_get_string (self->item, "metric") != '\0'
                          ? vl_record_get_string (self->item, "metric") : _("its metric"));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Add Reading"), body);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  form = g_new0 (ReadingForm, 1);
  form->page = self;
  form->item = g_object_ref (self->item);
  form->value = GTK_EDITABLE (labelled_entry (box, _("_Value"), ""));
  form->date = GTK_EDITABLE (labelled_entry (box, _("_Date"), date));
  form->note = GTK_EDITABLE (labelled_entry (box, _("_Note"), ""));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (reading_response_cb), form,
                         (GClosureNotify) (void (*) (void)) reading_form_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (form->value));
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
      vl_show_error (GTK_WINDOW (gtk_widget_get_root (widget)), _("Could Not Complete the Review"), error);
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
      vl_show_error (GTK_WINDOW (gtk_widget_get_root (widget)), _("Could Not Add the Demand"), error);
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
    vl_show_error (GTK_WINDOW (gtk_widget_get_root (widget)), _("Could Not Add the Value Loop"), error);
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
    vl_show_error (GTK_WINDOW (gtk_widget_get_root (widget)), _("Could Not Delete the Value Loop"), error);
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
  chooser = vl_record_chooser_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->document, VL_KIND_ITEM,
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


/* A dialog of percentages to set in one action: the AARRR targets or the
 * verdict thresholds. */
typedef struct
{
  VlValuePage *page;
  gboolean     targets;
  GtkWidget   *spins[N_STAGES_SHOWN];
} SharesForm;

static GtkWidget *
percent_spin (GtkWidget  *grid,
              int         row,
              const char *label,
              double      share,
              double      max)
{
  GtkWidget *caption = gtk_label_new_with_mnemonic (label);
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, 5);

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (caption), spin);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), isnan (share) ? 0 : round (share * 100));
  gtk_widget_set_hexpand (caption, TRUE);
  gtk_grid_attach (GTK_GRID (grid), caption, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), spin, 1, row, 1, 1);
  return spin;
}

static void
shares_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SharesForm       *form)
{
  VlDocument *doc = form->page->document;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (!g_str_equal (response, "apply") || doc == NULL)
    return;
  if (form->targets)
    {
      vl_document_begin (doc, _("Set Target Shares"));
      for (int stage = VL_AARRR_ACQUISITION; stage <= VL_AARRR_REFERRAL && ok; stage++)
        {
          double v = gtk_spin_button_get_value (GTK_SPIN_BUTTON (form->spins[stage - 1]));

          ok = vl_document_set_aarrr_target (doc, (VlAarrr) stage, v > 0 ? v / 100 : NAN, &error);
        }
      if (!ok)
        vl_document_cancel (doc);
      ok = vl_document_commit (doc, ok ? &error : NULL) && ok;
    }
  else
    ok = vl_document_set_verdict_thresholds (doc, gtk_spin_button_get_value (GTK_SPIN_BUTTON (form->spins[0])) / 100,
                                             gtk_spin_button_get_value (GTK_SPIN_BUTTON (form->spins[1])) / 100, &error);
  if (!ok && error != NULL)
    vl_show_error (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (form->page))), _("Could Not Change the Setting"), error);
}

static void
shares_dialog (VlValuePage *self,
               gboolean     targets)
{
  SharesForm *form = g_new0 (SharesForm, 1);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *dialog;

  form->page = self;
  form->targets = targets;
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  if (targets)
    {
      dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("Target Shares of Cost"),
                                       _("The share of cost the plan means to spend on each AARRR stage, in "
                                         "percent; 0 for no target. Every device sees the same targets."));
      for (int stage = VL_AARRR_ACQUISITION; stage <= VL_AARRR_REFERRAL; stage++)
        {
          g_autofree char *label = g_strdup_printf ("%s (%%)", vl_enum_label ("aarrr", stage));

          form->spins[stage - 1] = percent_spin (grid, stage - 1, label,
                                                 vl_document_get_aarrr_target (self->document, (VlAarrr) stage), 100);
        }
    }
  else
    {
      double validated_at, invalidated_at;

      vl_document_get_verdict_thresholds (self->document, &validated_at, &invalidated_at);
      dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("Suggestion Rule"),
                                       _("The verdict a review suggests, from the change achieved as a share of "
                                         "the expected change."));
      form->spins[0] = percent_spin (grid, 0, _("_Validated from (%)"), validated_at, 1000);
      form->spins[1] = percent_spin (grid, 1, _("_Invalidated up to (%)"), invalidated_at, 1000);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "apply", _("_Apply"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (shares_response_cb), form,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_targets_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  if (VL_VALUE_PAGE (widget)->document != NULL)
    shares_dialog (VL_VALUE_PAGE (widget), TRUE);
}

static void
set_rule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  if (VL_VALUE_PAGE (widget)->document != NULL)
    shares_dialog (VL_VALUE_PAGE (widget), FALSE);
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
