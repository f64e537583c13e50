/* vl-backlog-sidebar.c — the backlogs with their sizes, and the saved views under them
 *
 * One row per backlog in rank order with how many items it holds (each
 * count follows its backlog's list model), the saved views (VlViewList),
 * and at the bottom New Backlog and the backlog menu. #VlBacklogSidebar:backlog
 * is the backlog chosen; the page shows its items.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-backlog-sidebar"

#include "config.h"

#include "vl-backlog-sidebar.h"

struct _VlBacklogSidebar
{
  GtkWidget           parent_instance;

  GtkListView        *backlog_list;
  VlViewList         *view_list;

  VlDocument         *document;
  GtkSingleSelection *backlogs;   /* of VlBacklog */
};

G_DEFINE_FINAL_TYPE (VlBacklogSidebar, vl_backlog_sidebar, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_BACKLOG, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* A backlog's row: its name and how many items it holds. */
#define VL_TYPE_BACKLOG_ROW (vl_backlog_row_get_type ())
G_DECLARE_FINAL_TYPE (VlBacklogRow, vl_backlog_row, VL, BACKLOG_ROW, GtkBox)

struct _VlBacklogRow
{
  GtkBox      parent_instance;
  GtkLabel   *name;
  GtkLabel   *count;
  GListModel *items;     /* the backlog's, while bound */
  GBinding   *binding;
};

G_DEFINE_FINAL_TYPE (VlBacklogRow, vl_backlog_row, GTK_TYPE_BOX)

static void
update_count (VlBacklogRow *row)
{
  g_autofree char *text = g_strdup_printf ("%u", row->items ? g_list_model_get_n_items (row->items) : 0);

  gtk_label_set_text (row->count, text);
}

static void
vl_backlog_row_unbind (VlBacklogRow *row)
{
  if (row->items != NULL)
    g_signal_handlers_disconnect_by_data (row->items, row);
  g_clear_object (&row->items);
  g_clear_pointer (&row->binding, g_binding_unbind);
}

static void
vl_backlog_row_bind (VlBacklogRow *row,
                     VlDocument   *document,
                     VlRecord     *backlog)
{
  vl_backlog_row_unbind (row);
  row->items = vl_document_list (document, VL_KIND_ITEM, "backlog", backlog);
  row->binding = g_object_bind_property (backlog, "name", row->name, "label", G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (row->items, "items-changed", G_CALLBACK (update_count), row);
  update_count (row);
}

static void
vl_backlog_row_dispose (GObject *object)
{
  vl_backlog_row_unbind (VL_BACKLOG_ROW (object));
  G_OBJECT_CLASS (vl_backlog_row_parent_class)->dispose (object);
}

static void
vl_backlog_row_class_init (VlBacklogRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = vl_backlog_row_dispose;
}

static void
vl_backlog_row_init (VlBacklogRow *row)
{
  row->name = GTK_LABEL (gtk_label_new (NULL));
  row->count = GTK_LABEL (gtk_label_new (NULL));
  gtk_box_set_spacing (GTK_BOX (row), 12);
  gtk_label_set_xalign (row->name, 0);
  gtk_label_set_ellipsize (row->name, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (row->name), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (row->count), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (row->count), "numeric");
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (row->name));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (row->count));
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item)
{
  gtk_list_item_set_child (list_item, g_object_new (VL_TYPE_BACKLOG_ROW, NULL));
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         VlBacklogSidebar         *self)
{
  vl_backlog_row_bind (VL_BACKLOG_ROW (gtk_list_item_get_child (list_item)), self->document,
                       gtk_list_item_get_item (list_item));
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item)
{
  vl_backlog_row_unbind (VL_BACKLOG_ROW (gtk_list_item_get_child (list_item)));
}

/* ---- public ---------------------------------------------------------------- */

static void
selected_cb (VlBacklogSidebar *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKLOG]);
}

void
vl_backlog_sidebar_set_document (VlBacklogSidebar *self,
                                 VlDocument       *document)
{
  g_return_if_fail (VL_IS_BACKLOG_SIDEBAR (self));

  g_set_object (&self->document, document);
  if (self->backlogs != NULL)
    g_signal_handlers_disconnect_by_data (self->backlogs, self);
  g_clear_object (&self->backlogs);
  if (document != NULL)
    {
      self->backlogs = gtk_single_selection_new (vl_document_list (document, VL_KIND_BACKLOG, NULL, NULL));
      g_signal_connect_swapped (self->backlogs, "notify::selected-item", G_CALLBACK (selected_cb), self);
    }
  gtk_list_view_set_model (self->backlog_list, GTK_SELECTION_MODEL (self->backlogs));
  vl_view_list_set_document (self->view_list, document);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKLOG]);
}

/* The backlog chosen, or %NULL (none yet, or an empty plan). */
VlRecord *
vl_backlog_sidebar_get_backlog (VlBacklogSidebar *self)
{
  g_return_val_if_fail (VL_IS_BACKLOG_SIDEBAR (self), NULL);
  return self->backlogs != NULL ? gtk_single_selection_get_selected_item (self->backlogs) : NULL;
}

/* The plan's backlogs in rank order, or %NULL before a plan. */
GListModel *
vl_backlog_sidebar_get_backlogs (VlBacklogSidebar *self)
{
  g_return_val_if_fail (VL_IS_BACKLOG_SIDEBAR (self), NULL);
  return G_LIST_MODEL (self->backlogs);
}

void
vl_backlog_sidebar_select (VlBacklogSidebar *self,
                           guint             position)
{
  g_return_if_fail (VL_IS_BACKLOG_SIDEBAR (self));
  if (self->backlogs != NULL)
    gtk_single_selection_set_selected (self->backlogs, position);
}

gboolean
vl_backlog_sidebar_select_backlog (VlBacklogSidebar *self,
                                   VlRecord         *backlog)
{
  g_return_val_if_fail (VL_IS_BACKLOG_SIDEBAR (self), FALSE);
  for (guint i = 0; backlog != NULL && self->backlogs != NULL &&
                    i < g_list_model_get_n_items (G_LIST_MODEL (self->backlogs)); i++)
    {
      g_autoptr(VlRecord) b = g_list_model_get_item (G_LIST_MODEL (self->backlogs), i);

      if (b == backlog)
        {
          gtk_single_selection_set_selected (self->backlogs, i);
          return TRUE;
        }
    }
  return FALSE;
}

VlViewList *
vl_backlog_sidebar_get_view_list (VlBacklogSidebar *self)
{
  g_return_val_if_fail (VL_IS_BACKLOG_SIDEBAR (self), NULL);
  return self->view_list;
}

/* ---- GObject ----------------------------------------------------------------- */

static void
vl_backlog_sidebar_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_BACKLOG:
      g_value_set_object (value, vl_backlog_sidebar_get_backlog (VL_BACKLOG_SIDEBAR (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_backlog_sidebar_dispose (GObject *object)
{
  VlBacklogSidebar *self = VL_BACKLOG_SIDEBAR (object);

  if (self->backlogs != NULL)
    g_signal_handlers_disconnect_by_data (self->backlogs, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), VL_TYPE_BACKLOG_SIDEBAR);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  g_clear_object (&self->backlogs);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (vl_backlog_sidebar_parent_class)->dispose (object);
}

static void
vl_backlog_sidebar_class_init (VlBacklogSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vl_backlog_sidebar_dispose;
  object_class->get_property = vl_backlog_sidebar_get_property;
  /**
   * VlBacklogSidebar:backlog:
   *
   * The backlog chosen.
   */
  properties[PROP_BACKLOG] = g_param_spec_object ("backlog", NULL, NULL, VL_TYPE_RECORD,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VL_TYPE_VIEW_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/valueloop/Valueloop/vl-backlog-sidebar.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogSidebar, backlog_list);
  gtk_widget_class_bind_template_child (widget_class, VlBacklogSidebar, view_list);
}

static void
vl_backlog_sidebar_init (VlBacklogSidebar *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);
  gtk_list_view_set_factory (self->backlog_list, factory);
  g_object_unref (factory);
}
