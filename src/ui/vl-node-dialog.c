/* vl-node-dialog.c — a map node's title, notes and measure
 *
 * Alt+Enter on a map: the node's title, its notes (shown in projector
 * mode) and, for an impact, how it is measured. Save writes what changed
 * as one undoable edit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-node-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vl-map.h"
#include "vl-node-dialog.h"
#include "vl-toast.h"

struct _VlNodeDialog
{
  AdwMessageDialog  parent_instance;

  VlRecord         *node;

  GtkEditable      *title_entry;
  GtkEditable      *measure_entry;   /* shown for impacts only */
  GtkTextView      *note_view;
};

G_DEFINE_FINAL_TYPE (VlNodeDialog, vl_node_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
save_cb (VlNodeDialog *self,
         const char   *response)
{
  VlDocument *doc = vl_record_get_document (self->node);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;
  g_autofree char *note = NULL;
  const char *title = gtk_editable_get_text (self->title_entry);
  const char *measure = gtk_editable_get_text (self->measure_entry);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  vl_document_begin (doc, _("Edit Node"));
  if (*title != '\0' && g_strcmp0 (title, vl_record_get_title (self->node)) != 0)
    g_object_set (self->node, "title", title, NULL);
  if (gtk_widget_get_visible (GTK_WIDGET (self->measure_entry)) &&
      g_strcmp0 (measure, vl_record_get_string (self->node, "measure")) != 0)
    g_object_set (self->node, "measure", measure, NULL);
  if (g_strcmp0 (note, vl_record_get_string (self->node, "note")) != 0)
    g_object_set (self->node, "note", note, NULL);
  vl_document_commit (doc, NULL);
}

static void
vl_node_dialog_dispose (GObject *object)
{
  g_clear_object (&VL_NODE_DIALOG (object)->node);
  G_OBJECT_CLASS (vl_node_dialog_parent_class)->dispose (object);
}

static void
vl_node_dialog_class_init (VlNodeDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = vl_node_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/valueloop/Valueloop/vl-node-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VlNodeDialog, title_entry);
  gtk_widget_class_bind_template_child (widget_class, VlNodeDialog, measure_entry);
  gtk_widget_class_bind_template_child (widget_class, VlNodeDialog, note_view);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
}

static void
vl_node_dialog_init (VlNodeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * vl_node_dialog_new:
 * @for_widget: the widget whose window the dialog goes over
 * @node: a map node
 *
 * Returns: (transfer none): the dialog, shown, its title focused
 */
GtkWidget *
vl_node_dialog_new (GtkWidget *for_widget,
                    VlRecord  *node)
{
  VlNodeKind kind = (VlNodeKind) vl_record_get_int (node, "kind");
  VlNodeDialog *self = g_object_new (VL_TYPE_NODE_DIALOG, "transient-for", vl_window_for (for_widget),
                                     "heading", vl_node_kind_label (kind), NULL);

  self->node = g_object_ref (node);
  gtk_editable_set_text (self->title_entry, vl_record_get_title (node));
  gtk_widget_set_visible (GTK_WIDGET (self->measure_entry), kind == VL_NODE_KIND_IMPACT);
  gtk_editable_set_text (self->measure_entry, vl_record_get_string (node, "measure"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), vl_record_get_string (node, "note"), -1);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));
  return GTK_WIDGET (self);
}
