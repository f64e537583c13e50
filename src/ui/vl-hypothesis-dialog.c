/* vl-hypothesis-dialog.c — asks before a launched item's hypothesis changes
 *
 * A launched item's hypothesis is what its value review measures against.
 * Change writes the text typed in the panel's row (and the item's status
 * history keeps the change); Keep It shows the frozen value again. Either
 * way nothing happens if the panel has moved on to another item.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-hypothesis-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vl-hypothesis-dialog.h"
#include "vl-toast.h"

struct _VlHypothesisDialog
{
  AdwMessageDialog  parent_instance;

  VlItemPanel      *panel;
  VlRecord         *item;
  VlFieldRow       *row;
  char             *text;
};

G_DEFINE_FINAL_TYPE (VlHypothesisDialog, vl_hypothesis_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
response_cb (VlHypothesisDialog *self,
             const char         *response)
{
  if (vl_item_panel_get_item (self->panel) != self->item)
    return;
  if (g_str_equal (response, "change"))
    vl_field_row_write_text (self->row, self->text);
  else
    vl_field_row_update (self->row);   /* the frozen value stays */
}

static void
vl_hypothesis_dialog_dispose (GObject *object)
{
  VlHypothesisDialog *self = VL_HYPOTHESIS_DIALOG (object);

  g_clear_object (&self->panel);
  g_clear_object (&self->item);
  g_clear_object (&self->row);
  g_clear_pointer (&self->text, g_free);
  G_OBJECT_CLASS (vl_hypothesis_dialog_parent_class)->dispose (object);
}

static void
vl_hypothesis_dialog_class_init (VlHypothesisDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = vl_hypothesis_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/valueloop/Valueloop/vl-hypothesis-dialog.ui");
  gtk_widget_class_bind_template_callback (widget_class, response_cb);
}

static void
vl_hypothesis_dialog_init (VlHypothesisDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * vl_hypothesis_dialog_new:
 * @row: the panel's row of a hypothesis field
 * @text: what was typed in it
 *
 * Returns: (transfer none): the dialog about @panel's item, shown
 */
GtkWidget *
vl_hypothesis_dialog_new (VlItemPanel *panel,
                          VlFieldRow  *row,
                          const char  *text)
{
  VlHypothesisDialog *self = g_object_new (VL_TYPE_HYPOTHESIS_DIALOG,
                                           "transient-for", vl_window_for (GTK_WIDGET (panel)), NULL);

  self->panel = g_object_ref (panel);
  self->item = g_object_ref (vl_item_panel_get_item (panel));
  self->row = g_object_ref (row);
  self->text = g_strdup (text);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                  _("“%s” launched with this hypothesis, and its value review measures against it. "
                                    "The change is kept in the item’s status history."),
                                  vl_record_get_title (self->item));
  gtk_window_present (GTK_WINDOW (self));
  return GTK_WIDGET (self);
}
