/* vl-item-selection.c — a multiple selection over a VlItemSearch, by row id
 *
 * GtkMultiSelection keeps a selection across a change by asking the model
 * for every added item: a search keystroke over a 100,000-item backlog
 * made 100,000 row objects (over a second). This selection keeps the row
 * ids of the selected items instead, which the search index gives for any
 * position without making an object. An item stays selected while it is
 * shown, wherever it moves (sorting, edits merged from another device);
 * an item a search or filter hides is no longer selected, so a bulk edit
 * only ever touches rows the user sees.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-item-selection"

#include "config.h"

#include "vl-item-selection.h"

struct _VlItemSelection
{
  GObject       parent_instance;

  VlItemSearch *items;
  GHashTable   *selected;    /* row ids (gint64 *) */
};

static void list_model_iface_init (GListModelInterface *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VlItemSelection, vl_item_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL, selection_model_iface_init))

static guint
n_items (VlItemSelection *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

static gboolean
selected_at (VlItemSelection *self,
             guint            position)
{
  gint64 rowid = vl_item_search_get_rowid (self->items, position);

  return rowid != 0 && g_hash_table_contains (self->selected, &rowid);
}

/* ---- GListModel: the items, as they are ---------------------------------- */

static GType
get_item_type (GListModel *model)
{
  return g_list_model_get_item_type (G_LIST_MODEL (VL_ITEM_SELECTION (model)->items));
}

static guint
get_n_items (GListModel *model)
{
  return n_items (VL_ITEM_SELECTION (model));
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (VL_ITEM_SELECTION (model)->items), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* ---- GtkSelectionModel --------------------------------------------------- */

static gboolean
is_selected (GtkSelectionModel *model,
             guint              position)
{
  return selected_at (VL_ITEM_SELECTION (model), position);
}

static GtkBitset *
get_selection_in_range (GtkSelectionModel *model,
                        guint              position,
                        guint              n)
{
  VlItemSelection *self = VL_ITEM_SELECTION (model);
  GtkBitset *set = gtk_bitset_new_empty ();
  guint end = MIN (position + n, n_items (self));

  if (g_hash_table_size (self->selected) == 0)
    return set;
  for (guint i = position; i < end; i++)
    if (selected_at (self, i))
      gtk_bitset_add (set, i);
  return set;
}

/* Every other change (select an item, a range, all, none) comes here:
 * the positions in @mask take their state from @selected. */
static gboolean
set_selection (GtkSelectionModel *model,
               GtkBitset         *selected,
               GtkBitset         *mask)
{
  VlItemSelection *self = VL_ITEM_SELECTION (model);
  GtkBitsetIter iter;
  guint position, first = G_MAXUINT, last = 0;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, mask, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 rowid = vl_item_search_get_rowid (self->items, position);
      gboolean want = gtk_bitset_contains (selected, position);

      if (rowid == 0 || want == g_hash_table_contains (self->selected, &rowid))
        continue;
      if (want)
        g_hash_table_add (self->selected, g_memdup2 (&rowid, sizeof rowid));
      else
        g_hash_table_remove (self->selected, &rowid);
      first = MIN (first, position);
      last = MAX (last, position);
    }
  if (first != G_MAXUINT)
    gtk_selection_model_selection_changed (model, first, last - first + 1);
  return TRUE;
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = is_selected;
  iface->get_selection_in_range = get_selection_in_range;
  iface->set_selection = set_selection;
}

/* ---- following the items ---------------------------------------------------- */

/* Rows no longer shown leave the selection. */
static void
items_changed_cb (GListModel      *items,
                  guint            position,
                  guint            removed,
                  guint            added,
                  VlItemSelection *self)
{
  guint before = g_hash_table_size (self->selected);

  if (before > 0 && removed > 0)
    {
      g_autoptr(GHashTable) shown = g_hash_table_new (g_int64_hash, g_int64_equal);
      GHashTableIter iter;
      gint64 *rowid;
      guint n = n_items (self);
      g_autofree gint64 *ids = g_new (gint64, MAX (n, 1));

      for (guint i = 0; i < n; i++)
        {
          ids[i] = vl_item_search_get_rowid (self->items, i);
          g_hash_table_add (shown, &ids[i]);
        }
      g_hash_table_iter_init (&iter, self->selected);
      while (g_hash_table_iter_next (&iter, (gpointer *) &rowid, NULL))
        if (!g_hash_table_contains (shown, rowid))
          g_hash_table_iter_remove (&iter);
    }
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  /* The rows that came in may be selected ones that moved. */
  if (before > 0 && added > 0)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position, added);
}

static void
vl_item_selection_dispose (GObject *object)
{
  VlItemSelection *self = VL_ITEM_SELECTION (object);

  if (self->items != NULL)
    g_signal_handlers_disconnect_by_func (self->items, items_changed_cb, self);
  g_clear_object (&self->items);
  g_clear_pointer (&self->selected, g_hash_table_unref);

  G_OBJECT_CLASS (vl_item_selection_parent_class)->dispose (object);
}

static void
vl_item_selection_class_init (VlItemSelectionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = vl_item_selection_dispose;
}

static void
vl_item_selection_init (VlItemSelection *self)
{
  self->selected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

VlItemSelection *
vl_item_selection_new (VlItemSearch *items)
{
  VlItemSelection *self;

  g_return_val_if_fail (VL_IS_ITEM_SEARCH (items), NULL);

  self = g_object_new (VL_TYPE_ITEM_SELECTION, NULL);
  self->items = g_object_ref (items);
  g_signal_connect (items, "items-changed", G_CALLBACK (items_changed_cb), self);
  return self;
}
