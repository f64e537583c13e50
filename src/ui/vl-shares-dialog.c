/* vl-shares-dialog.c — percentages the plan is set to: the AARRR target
 * shares of cost, or the rule a review's suggested verdict follows
 *
 * A row with a spin button per percentage, set in one
 * undoable action on Apply; they are plan settings, so every device that
 * shares the plan sees them. A target of 0 is no target.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-shares-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vl-labels.h"
#include "vl-shares-dialog.h"
#include "vl-toast.h"
#include "vl-value.h"

#define N_TARGETS (VL_AARRR_REFERRAL - VL_AARRR_ACQUISITION + 1)

struct _VlSharesDialog
{
  AdwMessageDialog     parent_instance;

  VlDocument          *document;
  VlShares             shares;
  GtkSpinButton       *spins[N_TARGETS];   /* the rule's are the first two */

  AdwPreferencesGroup *group;
};

G_DEFINE_FINAL_TYPE (VlSharesDialog, vl_shares_dialog, ADW_TYPE_MESSAGE_DIALOG)

static gboolean
set_targets (VlSharesDialog *self,
             GError        **error)
{
  gboolean ok = TRUE;

  vl_document_begin (self->document, _("Set Target Shares"));
  for (int stage = VL_AARRR_ACQUISITION; stage <= VL_AARRR_REFERRAL && ok; stage++)
    {
      double v = gtk_spin_button_get_value (self->spins[stage - VL_AARRR_ACQUISITION]);

      ok = vl_document_set_aarrr_target (self->document, (VlAarrr) stage, v > 0 ? v / 100 : NAN, error);
    }
  if (!ok)
    vl_document_cancel (self->document);
  return vl_document_commit (self->document, ok ? error : NULL) && ok;
}

static void
apply_cb (VlSharesDialog *self,
          const char     *response)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->shares == VL_SHARES_TARGETS)
    ok = set_targets (self, &error);
  else
    ok = vl_document_set_verdict_thresholds (self->document, gtk_spin_button_get_value (self->spins[0]) / 100,
                                             gtk_spin_button_get_value (self->spins[1]) / 100, &error);
  if (!ok && error != NULL)
    vl_show_error (gtk_window_get_transient_for (GTK_WINDOW (self)), _("Could Not Change the Setting"), error);
}

/* A row of the list: @label (with a mnemonic) and @share, in percent. */
static void
add_share (VlSharesDialog *self,
           int             row,
           const char     *label,
           double          share,
           double          max)
{
  GtkWidget *line = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, 5);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (line), label);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (line), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), isnan (share) ? 0 : round (share * 100));
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (line), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (line), spin);
  adw_preferences_group_add (self->group, line);
  self->spins[row] = GTK_SPIN_BUTTON (spin);
}

static void
vl_shares_dialog_dispose (GObject *object)
{
  g_clear_object (&VL_SHARES_DIALOG (object)->document);
  G_OBJECT_CLASS (vl_shares_dialog_parent_class)->dispose (object);
}

static void
vl_shares_dialog_class_init (VlSharesDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = vl_shares_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/valueloop/Valueloop/vl-shares-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VlSharesDialog, group);
  gtk_widget_class_bind_template_callback (widget_class, apply_cb);
}

static void
vl_shares_dialog_init (VlSharesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * vl_shares_dialog_new:
 * @for_widget: the widget whose window the dialog goes over
 *
 * Returns: (transfer none): the dialog showing @document's @shares, shown
 */
GtkWidget *
vl_shares_dialog_new (GtkWidget  *for_widget,
                      VlDocument *document,
                      VlShares    shares)
{
  VlSharesDialog *self = g_object_new (VL_TYPE_SHARES_DIALOG, "transient-for", vl_window_for (for_widget), NULL);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);

  self->document = g_object_ref (document);
  self->shares = shares;
  if (shares == VL_SHARES_TARGETS)
    {
      adw_message_dialog_set_heading (dialog, _("Target Shares of Cost"));
      adw_message_dialog_set_body (dialog, _("The share of cost the plan means to spend on each AARRR stage, in "
                                             "percent; 0 for no target. Every device sees the same targets."));
      for (int stage = VL_AARRR_ACQUISITION; stage <= VL_AARRR_REFERRAL; stage++)
        {
          g_autofree char *label = g_strdup_printf ("%s (%%)", vl_enum_label ("aarrr", stage));

          add_share (self, stage - VL_AARRR_ACQUISITION, label, vl_document_get_aarrr_target (document, (VlAarrr) stage),
                     100);
        }
    }
  else
    {
      double validated_at, invalidated_at;

      vl_document_get_verdict_thresholds (document, &validated_at, &invalidated_at);
      adw_message_dialog_set_heading (dialog, _("Suggestion Rule"));
      adw_message_dialog_set_body (dialog, _("The verdict a review suggests, from the change achieved as a share of "
                                             "the expected change."));
      add_share (self, 0, _("_Validated from (%)"), validated_at, 1000);
      add_share (self, 1, _("_Invalidated up to (%)"), invalidated_at, 1000);
    }
  gtk_window_present (GTK_WINDOW (self));
  return GTK_WIDGET (self);
}
