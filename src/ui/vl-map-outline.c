/* vl-map-outline.c — the map shown as a tree list
 *
 * GTK 4.8 gives drawn items no accessible objects of their own (4.10
 * does), so the canvas says only its selected box. This view lists the
 * same boxes as rows that a screen reader reads, in the layout's order,
 * follows and drives the canvas's selection, and takes the same keys (sent
 * to the canvas's actions, so an edit here is the same edit).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-map-outline"

#include "config.h"

#include <glib/gi18n.h>

#include "vl-map.h"
#include "vl-map-outline.h"

struct _VlMapOutline
{
  GtkWidget           parent_instance;

  GtkWidget          *scroller;
  GtkListView        *list;
  VlMapCanvas        *canvas;
  GtkShortcutController *keys;
  GtkSingleSelection *selection;
  GHashTable         *children;   /* box key (gint64 *) → GListStore of records */
  gboolean            syncing;
};

G_DEFINE_FINAL_TYPE (VlMapOutline, vl_map_outline, GTK_TYPE_WIDGET)

static gint64
record_key (VlRecord *record)
{
  return vl_record_get_rowid (record) * 2 + VL_IS_MAP_CARD (record);
}

static GListModel *
create_children_cb (gpointer item,
                    gpointer data)
{
  VlMapOutline *self = data;
  gint64 key = record_key (item);
  GListStore *kids = g_hash_table_lookup (self->children, &key);

  return kids != NULL ? g_object_ref (G_LIST_MODEL (kids)) : NULL;
}

static GListStore *
store_for (VlMapOutline *self,
           gint64        key)
{
  GListStore *store = g_hash_table_lookup (self->children, &key);

  if (store == NULL)
    {
      store = g_list_store_new (VL_TYPE_RECORD);
      g_hash_table_insert (self->children, g_memdup2 (&key, sizeof key), store);
    }
  return store;
}

static void select_from_canvas (VlMapOutline *self);

/* The rows again from the canvas's layout (each box under its parent). */
static void
rebuild (VlMapOutline *self)
{
  VlMapLayout *layout = self->canvas != NULL ? vl_map_canvas_get_layout (self->canvas) : NULL;
  GListStore *roots = g_list_store_new (VL_TYPE_RECORD);
  GtkTreeListModel *tree;

  g_hash_table_remove_all (self->children);
  for (guint i = 0; layout != NULL && i < vl_map_layout_get_n_boxes (layout); i++)
    {
      const VlMapBox *box = vl_map_layout_get_box (layout, i);
      g_autoptr(VlRecord) record = NULL;
      g_autoptr(VlRecord) parent = NULL;

      if (box->kind == VL_MAP_BOX_UNPLANNED)
        continue;
      record = vl_document_lookup (vl_record_get_document (vl_map_canvas_get_map (self->canvas)),
                                   box->kind == VL_MAP_BOX_CARD ? VL_KIND_MAP_CARD : VL_KIND_MAP_NODE, box->id);
      if (record == NULL)
        continue;
      if (box->parent >= 0)
        {
          const VlMapBox *up = vl_map_layout_get_box (layout, (guint) box->parent);

          parent = vl_document_lookup (vl_record_get_document (record), VL_KIND_MAP_NODE, up->id);
        }
      g_list_store_append (parent != NULL ? store_for (self, record_key (parent)) : roots, record);
    }
  tree = gtk_tree_list_model_new (G_LIST_MODEL (roots), FALSE, TRUE, create_children_cb, self, NULL);
  self->syncing = TRUE;
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (tree));
  self->syncing = FALSE;
  g_object_unref (tree);
  select_from_canvas (self);
}

static void
select_from_canvas (VlMapOutline *self)
{
  g_autoptr(VlRecord) selected = self->canvas != NULL ? vl_map_canvas_dup_selected (self->canvas) : NULL;
  GListModel *rows = G_LIST_MODEL (self->selection);
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; selected != NULL && i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (item == (gpointer) selected)
        {
          position = i;
          break;
        }
    }
  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  if (position != GTK_INVALID_LIST_POSITION && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u", position);
  self->syncing = FALSE;
}

static void
selected_cb (VlMapOutline *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(GObject) item = NULL;

  if (self->syncing || self->canvas == NULL || row == NULL)
    return;
  item = gtk_tree_list_row_get_item (row);
  self->syncing = TRUE;
  vl_map_canvas_select (self->canvas, VL_RECORD (item));
  self->syncing = FALSE;
}

static void
canvas_selection_cb (VlMapOutline *self)
{
  if (!self->syncing)
    select_from_canvas (self);
}

GListModel *
vl_map_outline_get_rows (VlMapOutline *self)
{
  g_return_val_if_fail (VL_IS_MAP_OUTLINE (self), NULL);
  return G_LIST_MODEL (self->selection);
}

void
vl_map_outline_set_canvas (VlMapOutline *self,
                           VlMapCanvas  *canvas)
{
  g_return_if_fail (VL_IS_MAP_OUTLINE (self));

  if (self->canvas != NULL)
    g_signal_handlers_disconnect_by_data (self->canvas, self);
  g_set_object (&self->canvas, canvas);
  if (self->keys != NULL)
    gtk_widget_remove_controller (GTK_WIDGET (self->list), GTK_EVENT_CONTROLLER (self->keys));
  self->keys = NULL;
  if (canvas != NULL)
    {
      g_signal_connect_swapped (canvas, "layout-changed", G_CALLBACK (rebuild), self);
      g_signal_connect_swapped (canvas, "selection-changed", G_CALLBACK (canvas_selection_cb), self);
      self->keys = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
      gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->keys), GTK_PHASE_CAPTURE);
      vl_map_canvas_add_shortcuts (canvas, self->keys);
      gtk_widget_add_controller (GTK_WIDGET (self->list), GTK_EVENT_CONTROLLER (self->keys));
    }
  rebuild (self);
}

/* ---- rows -------------------------------------------------------------------- */

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), label);
  gtk_list_item_set_child (list_item, expander);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);
  g_autofree char *text = vl_map_describe (VL_RECORD (item));

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  gtk_label_set_text (GTK_LABEL (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander))), text);
}

static void
vl_map_outline_dispose (GObject *object)
{
  VlMapOutline *self = VL_MAP_OUTLINE (object);

  if (self->canvas != NULL)
    g_signal_handlers_disconnect_by_data (self->canvas, self);
  g_clear_object (&self->canvas);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->children, g_hash_table_unref);

  G_OBJECT_CLASS (vl_map_outline_parent_class)->dispose (object);
}

static gboolean
vl_map_outline_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (VL_MAP_OUTLINE (widget)->list));
}

static void
vl_map_outline_class_init (VlMapOutlineClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = vl_map_outline_dispose;
  GTK_WIDGET_CLASS (klass)->grab_focus = vl_map_outline_grab_focus;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
vl_map_outline_init (VlMapOutline *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->children = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (selected_cb), self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  self->list = GTK_LIST_VIEW (gtk_list_view_new (g_object_ref (GTK_SELECTION_MODEL (self->selection)), factory));
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Map outline"), -1);
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->list));
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}
