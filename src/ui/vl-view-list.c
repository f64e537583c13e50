/* vl-view-list.c — the backlog's saved views, listed under the backlogs
 *
 * A saved view is a row of the plan (it syncs); this list shows them by
 * name, says which one was chosen ("view-activated": the backlog page
 * applies it), and renames (F2) and deletes (Delete) the selected one,
 * each an edit the window's Undo takes back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-view-list"

#include "config.h"

#include <glib/gi18n.h>

#include "vl-actions.h"
#include "vl-name-dialog.h"
#include "vl-toast.h"
#include "vl-view-list.h"

struct _VlViewList
{
  GtkWidget           parent_instance;

  GtkWidget          *heading;
  GtkListView        *list;
  GtkSingleSelection *views;
  VlDocument         *document;
};

G_DEFINE_FINAL_TYPE (VlViewList, vl_view_list, GTK_TYPE_WIDGET)

enum {
  VIEW_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static VlRecord *
selected_view (VlViewList *self)
{
  return self->views != NULL ? gtk_single_selection_get_selected_item (self->views) : NULL;
}

static void
update_actions (VlViewList *self)
{
  gboolean any = self->views != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->views)) > 0;

  gtk_widget_set_visible (GTK_WIDGET (self), any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "views.rename", selected_view (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "views.delete", selected_view (self) != NULL);
}

static void
name_cb (VlRecord   *view,
         GParamSpec *pspec,
         GtkLabel   *label)
{
  gtk_label_set_text (label, vl_record_get_title (view));
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item)
{
  VlRecord *view = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);

  gtk_label_set_text (GTK_LABEL (label), vl_record_get_title (view));
  g_signal_connect_object (view, "notify::name", G_CALLBACK (name_cb), label, 0);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (list_item), name_cb,
                                        gtk_list_item_get_child (list_item));
}

static void
activate_cb (GtkListView *list,
             guint        position,
             VlViewList  *self)
{
  g_autoptr(VlRecord) view = g_list_model_get_item (G_LIST_MODEL (self->views), position);

  if (view != NULL)
    g_signal_emit (self, signals[VIEW_ACTIVATED], 0, view);
}

/**
 * vl_view_list_set_document:
 *
 * Lists @document's saved views (all of them: a view knows its backlog).
 */
void
vl_view_list_set_document (VlViewList *self,
                           VlDocument *document)
{
  g_return_if_fail (VL_IS_VIEW_LIST (self));

  if (self->views != NULL)
    g_signal_handlers_disconnect_by_data (self->views, self);
  gtk_list_view_set_model (self->list, NULL);
  g_clear_object (&self->views);
  g_set_object (&self->document, document);
  if (document != NULL)
    {
      self->views = gtk_single_selection_new (vl_document_list (document, VL_KIND_VIEW, NULL, NULL));
      gtk_single_selection_set_autoselect (self->views, FALSE);
      gtk_single_selection_set_can_unselect (self->views, TRUE);
      gtk_single_selection_set_selected (self->views, GTK_INVALID_LIST_POSITION);
      g_signal_connect_swapped (self->views, "items-changed", G_CALLBACK (update_actions), self);
      g_signal_connect_swapped (self->views, "notify::selected", G_CALLBACK (update_actions), self);
      gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (self->views));
    }
  update_actions (self);
}

GListModel *
vl_view_list_get_views (VlViewList *self)
{
  g_return_val_if_fail (VL_IS_VIEW_LIST (self), NULL);
  return self->views != NULL ? G_LIST_MODEL (self->views) : NULL;
}

/* Marks @view as the one shown (after Save View), or none. */
void
vl_view_list_select (VlViewList *self,
                     VlRecord   *view)
{
  g_return_if_fail (VL_IS_VIEW_LIST (self));

  if (self->views == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->views)); i++)
    {
      g_autoptr(VlRecord) v = g_list_model_get_item (G_LIST_MODEL (self->views), i);

      if (v == view)
        {
          gtk_single_selection_set_selected (self->views, i);
          return;
        }
    }
  gtk_single_selection_set_selected (self->views, GTK_INVALID_LIST_POSITION);
}

/* ---- actions -------------------------------------------------------------- */

static void
rename_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  VlRecord *view = selected_view (VL_VIEW_LIST (widget));

  if (view != NULL)
    vl_name_dialog_rename (widget, _("Rename Saved View"), view);
}

static void
delete_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  VlViewList *self = VL_VIEW_LIST (widget);
  VlRecord *selected = selected_view (self);
  g_autoptr(VlRecord) view = selected != NULL ? g_object_ref (selected) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *said = NULL;

  if (view == NULL)
    return;
  if (!vl_document_delete (self->document, view, &error))
    {
      vl_toast (widget, error->message, FALSE);
      return;
    }
  /* Translators: a toast after deleting a saved view (with Undo) */
  said = g_strdup_printf (_("Saved view “%s” deleted"), vl_record_get_title (view));
  vl_toast (widget, said, TRUE);
}

static void
vl_view_list_dispose (GObject *object)
{
  VlViewList *self = VL_VIEW_LIST (object);

  vl_view_list_set_document (self, NULL);
  g_clear_pointer (&self->heading, gtk_widget_unparent);
  if (self->list != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->list));
      self->list = NULL;
    }
  G_OBJECT_CLASS (vl_view_list_parent_class)->dispose (object);
}

/* The list's actions and keys. */
static const VlActionEntry actions[] = {
  { "views.rename", rename_action, .accel = "F2" },
  { "views.delete", delete_action, .accel = "Delete" },
};

static void
vl_view_list_class_init (VlViewListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vl_view_list_dispose;
  /**
   * VlViewList::view-activated:
   * @view: the saved view chosen
   */
  signals[VIEW_ACTIVATED] = g_signal_new ("view-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 1, VL_TYPE_RECORD);
  vl_widget_class_add_actions (widget_class, actions, G_N_ELEMENTS (actions));
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
vl_view_list_init (VlViewList *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  self->heading = gtk_label_new (_("Saved Views"));
  gtk_label_set_xalign (GTK_LABEL (self->heading), 0);
  gtk_widget_set_margin_start (self->heading, 12);
  gtk_widget_set_margin_top (self->heading, 6);
  gtk_widget_add_css_class (self->heading, "heading");
  gtk_widget_add_css_class (self->heading, "dim-label");
  gtk_widget_set_parent (self->heading, GTK_WIDGET (self));
  self->list = GTK_LIST_VIEW (gtk_list_view_new (NULL, NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_list_view_set_single_click_activate (self->list, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Saved Views"), -1);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->list, factory);
  g_object_unref (factory);
  g_signal_connect (self->list, "activate", G_CALLBACK (activate_cb), self);
  gtk_widget_set_parent (GTK_WIDGET (self->list), GTK_WIDGET (self));
  update_actions (self);
}
