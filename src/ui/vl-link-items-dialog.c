/* vl-link-items-dialog.c — choose the backlog items that serve a key result
 *
 * A search over every backlog item (the first 50 matches shown); activating
 * one makes it serve the key result, through the page's goals.link-item, so
 * it is one undoable action like any other. Stays open to link more.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-link-items-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vl-item-search.h"
#include "vl-labels.h"
#include "vl-link-items-dialog.h"
#include "vl-toast.h"

#define MAX_SHOWN 50

struct _VlLinkItemsDialog
{
  AdwMessageDialog  parent_instance;

  GtkWidget        *page;        /* its goals.link-item links */
  VlRecord         *key_result;
  VlItemSearch     *search;

  GtkSearchEntry   *search_entry;
  GtkListBox       *list;
};

G_DEFINE_FINAL_TYPE (VlLinkItemsDialog, vl_link_items_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* A row of the list: an item that can be linked. */
#define VL_TYPE_LINK_ROW (vl_link_row_get_type ())
G_DECLARE_FINAL_TYPE (VlLinkRow, vl_link_row, VL, LINK_ROW, AdwActionRow)

struct _VlLinkRow
{
  AdwActionRow  parent_instance;
  gint64        rowid;
};

G_DEFINE_FINAL_TYPE (VlLinkRow, vl_link_row, ADW_TYPE_ACTION_ROW)

static void
vl_link_row_class_init (VlLinkRowClass *klass)
{
}

static void
vl_link_row_init (VlLinkRow *self)
{
}

static void
fill (VlLinkItemsDialog *self)
{
  GListModel *matches = G_LIST_MODEL (self->search);
  guint shown = 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < g_list_model_get_n_items (matches) && shown < MAX_SHOWN; i++)
    {
      g_autoptr(VlRecord) item = g_list_model_get_item (matches, i);
      g_autoptr(VlRecord) backlog = NULL;
      g_autoptr(VlRecord) serves = vl_record_dup_ref (item, "key-result");
      g_autofree char *subtitle = NULL;
      VlLinkRow *row;

      if (serves == self->key_result)
        continue;
      backlog = vl_record_dup_ref (item, "backlog");
      subtitle = serves != NULL
        ? g_strdup_printf (_("%s · %s · now serves “%s”"), backlog ? vl_record_get_title (backlog) : "",
                           vl_enum_label ("status", (int) vl_record_get_int (item, "status")),
                           vl_record_get_title (serves))
        : g_strdup_printf ("%s · %s", backlog ? vl_record_get_title (backlog) : "",
                           vl_enum_label ("status", (int) vl_record_get_int (item, "status")));
      row = g_object_new (VL_TYPE_LINK_ROW, NULL);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);   /* user text */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), vl_record_get_title (item));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      row->rowid = vl_record_get_rowid (item);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("list-add-symbolic"));
      gtk_list_box_append (self->list, GTK_WIDGET (row));
      shown++;
    }
  if (shown == 0)
    {
      GtkWidget *none = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (none), _("No backlog item matches"));
      gtk_list_box_append (self->list, none);
    }
}

static void
search_changed_cb (VlLinkItemsDialog *self)
{
  vl_item_search_set_text (self->search, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  fill (self);
}

static void
row_activated_cb (VlLinkItemsDialog *self,
                  GtkListBoxRow     *row)
{
  g_autofree char *text = NULL;

  if (!VL_IS_LINK_ROW (row))
    return;
  gtk_widget_activate_action (self->page, "goals.link-item", "x", VL_LINK_ROW (row)->rowid);
  text = g_strdup_printf (_("Linked “%s”"), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  vl_toast (self->page, text, TRUE);
  fill (self);
}

static void
vl_link_items_dialog_dispose (GObject *object)
{
  VlLinkItemsDialog *self = VL_LINK_ITEMS_DIALOG (object);

  g_clear_object (&self->search);
  g_clear_object (&self->key_result);
  g_clear_object (&self->page);
  G_OBJECT_CLASS (vl_link_items_dialog_parent_class)->dispose (object);
}

static void
vl_link_items_dialog_class_init (VlLinkItemsDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = vl_link_items_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/valueloop/Valueloop/vl-link-items-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VlLinkItemsDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, VlLinkItemsDialog, list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
vl_link_items_dialog_init (VlLinkItemsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * vl_link_items_dialog_new:
 * @page: the Goals page (its goals.link-item links)
 *
 * Returns: (transfer none): the dialog over @page's window, not yet shown
 */
GtkWidget *
vl_link_items_dialog_new (GtkWidget *page,
                          VlRecord  *kr)
{
  VlDocument *doc = vl_record_get_document (kr);
  g_autoptr(GListModel) items = vl_document_list (doc, VL_KIND_ITEM, NULL, NULL);
  g_autofree char *body = g_strdup_printf (_("Which backlog items move “%s”?"), vl_record_get_title (kr));
  VlLinkItemsDialog *self = g_object_new (VL_TYPE_LINK_ITEMS_DIALOG,
                                          "transient-for", vl_window_for (page),
                                          "body", body, NULL);

  self->page = g_object_ref (page);
  self->key_result = g_object_ref (kr);
  self->search = vl_item_search_new (doc, items);
  fill (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return GTK_WIDGET (self);
}
