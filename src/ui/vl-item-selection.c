/* vl-item-selection.c — the backlog list's model: rows of a VlItemSearch,
 * selected by row id
 *
 * GTK 4.8's list views make a widget per cell for up to 200 rows, and make
 * them anew for rows that are removed and added: a search keystroke that
 * changes the rows shown cost 2,600 new cells (over 200 ms). So the view
 * is given *row slots*, one per position, each showing the item at its
 * position. A small change (an item added, moved, deleted, merged in) is
 * passed on exactly, so the view keeps the rows the user is reading where
 * they are; a big one (a search, a filter, a sort) changes what the slots
 * show, in place, and only the rows past the end come or go.
 *
 * A row's cells watch its slot (vl_row_slot_watch()): the slot follows
 * its item's changes with one handler and tells each cell, where a signal
 * handler per cell made a jump through the list connect and disconnect
 * 5,000 of them.
 *
 * The selection keeps row ids, which the search index gives for any
 * position without making an object (GtkMultiSelection asks for every
 * added item). An item stays selected while it is shown, wherever it
 * moves; one a search or filter hides is no longer selected, so a bulk
 * edit only touches rows the user sees.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-item-selection"

#include "config.h"

#include <string.h>

#include "vl-item-selection.h"

#define REWRITE_AT 256   /* rows changed: more are shown in place */

/* ---- row slots ------------------------------------------------------------- */

typedef struct
{
  gpointer        watcher;
  VlRowSlotFunc   func;
} Watch;

struct _VlRowSlot
{
  GObject          parent_instance;

  VlRecord        *record;
  gulong           record_handler;   /* while watched */
  GArray          *watches;          /* Watch */
  VlItemSelection *owner;            /* NULL once the slot left the list */
  guint            position;
};

G_DEFINE_FINAL_TYPE (VlRowSlot, vl_row_slot, G_TYPE_OBJECT)

static GParamSpec *record_pspec;

struct _VlItemSelection
{
  GObject       parent_instance;

  VlItemSearch *items;
  VlDocument   *document;
  GPtrArray    *slots;       /* VlRowSlot (not owned) or NULL, per position */
  GHashTable   *selected;    /* row ids (gint64 *) */
};

static void
tell_watchers (VlRowSlot  *self,
               GParamSpec *pspec)
{
  for (guint i = 0; self->watches != NULL && i < self->watches->len; i++)
    {
      Watch *w = &g_array_index (self->watches, Watch, i);

      w->func (w->watcher, pspec);
    }
}

static void
record_notify_cb (VlRecord   *record,
                  GParamSpec *pspec,
                  VlRowSlot  *self)
{
  tell_watchers (self, pspec);
}

/* The slot follows its record's changes while something watches it. */
static void
follow (VlRowSlot *self,
        gboolean   on)
{
  if (self->record_handler != 0)
    g_clear_signal_handler (&self->record_handler, self->record);
  if (on && self->record != NULL)
    self->record_handler = g_signal_connect (self->record, "notify", G_CALLBACK (record_notify_cb), self);
}

static void
slot_set_record (VlRowSlot *self,
                 VlRecord  *record)
{
  gboolean watched = self->record_handler != 0;

  if (self->record == record)
    return;
  follow (self, FALSE);
  g_set_object (&self->record, record);
  follow (self, watched);
  g_object_notify_by_pspec (G_OBJECT (self), record_pspec);
  tell_watchers (self, NULL);
}

static void
vl_row_slot_finalize (GObject *object)
{
  VlRowSlot *self = VL_ROW_SLOT (object);

  if (self->owner != NULL && self->position < self->owner->slots->len &&
      g_ptr_array_index (self->owner->slots, self->position) == self)
    g_ptr_array_index (self->owner->slots, self->position) = NULL;
  follow (self, FALSE);
  g_clear_object (&self->record);
  g_clear_pointer (&self->watches, g_array_unref);

  G_OBJECT_CLASS (vl_row_slot_parent_class)->finalize (object);
}

static void
vl_row_slot_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  g_value_set_object (value, VL_ROW_SLOT (object)->record);
}

static void
vl_row_slot_class_init (VlRowSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vl_row_slot_finalize;
  object_class->get_property = vl_row_slot_get_property;
  record_pspec = g_param_spec_object ("record", NULL, NULL, VL_TYPE_RECORD,
                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_property (object_class, 1, record_pspec);
}

static void
vl_row_slot_init (VlRowSlot *self)
{
}

/**
 * vl_row_slot_watch:
 * @func: called with @watcher when the slot shows another item (pspec
 *   %NULL) and when a property of its item changes
 *
 * For a row's cells, as they are bound; see vl_row_slot_unwatch().
 */
void
vl_row_slot_watch (VlRowSlot     *self,
                   gpointer       watcher,
                   VlRowSlotFunc  func)
{
  Watch w = { watcher, func };

  g_return_if_fail (VL_IS_ROW_SLOT (self));

  if (self->watches == NULL)
    self->watches = g_array_sized_new (FALSE, FALSE, sizeof (Watch), 16);
  g_array_append_val (self->watches, w);
  if (self->record_handler == 0)
    follow (self, TRUE);
}

void
vl_row_slot_unwatch (VlRowSlot *self,
                     gpointer   watcher)
{
  g_return_if_fail (VL_IS_ROW_SLOT (self));

  for (guint i = 0; self->watches != NULL && i < self->watches->len; i++)
    if (g_array_index (self->watches, Watch, i).watcher == watcher)
      {
        g_array_remove_index_fast (self->watches, i);
        break;
      }
  if (self->watches == NULL || self->watches->len == 0)
    follow (self, FALSE);
}

/**
 * vl_row_slot_get_record:
 *
 * Returns: (transfer none) (nullable): the item this row shows now
 */
VlRecord *
vl_row_slot_get_record (VlRowSlot *self)
{
  g_return_val_if_fail (VL_IS_ROW_SLOT (self), NULL);
  return self->record;
}

/* ---- the list ------------------------------------------------------------- */

static void list_model_iface_init (GListModelInterface *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VlItemSelection, vl_item_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL, selection_model_iface_init))

static gboolean
selected_at (VlItemSelection *self,
             guint            position)
{
  gint64 rowid = vl_item_search_get_rowid (self->items, position);

  return rowid != 0 && g_hash_table_contains (self->selected, &rowid);
}

static GType
get_item_type (GListModel *model)
{
  return VL_TYPE_ROW_SLOT;
}

static guint
get_n_items (GListModel *model)
{
  return VL_ITEM_SELECTION (model)->slots->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  VlItemSelection *self = VL_ITEM_SELECTION (model);
  VlRowSlot *slot;

  if (position >= self->slots->len)
    return NULL;
  slot = g_ptr_array_index (self->slots, position);
  if (slot != NULL)
    return g_object_ref (slot);
  slot = g_object_new (VL_TYPE_ROW_SLOT, NULL);
  slot->owner = self;
  slot->position = position;
  slot->record = g_list_model_get_item (G_LIST_MODEL (self->items), position);
  g_ptr_array_index (self->slots, position) = slot;
  return slot;
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
  guint end = MIN (position + n, self->slots->len);

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

static void
orphan_slots (VlItemSelection *self,
              guint            from,
              guint            n)
{
  for (guint i = from; i < from + n; i++)
    {
      VlRowSlot *slot = g_ptr_array_index (self->slots, i);

      if (slot != NULL)
        slot->owner = NULL;
    }
}

/* Rows no longer shown leave the selection. */
static void
prune_selection (VlItemSelection *self)
{
  g_autoptr(GHashTable) shown = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n = self->slots->len;
  g_autofree gint64 *ids = g_new (gint64, MAX (n, 1));
  GHashTableIter iter;
  gint64 *rowid;

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

static void
items_changed_cb (GListModel      *items,
                  guint            position,
                  guint            removed,
                  guint            added,
                  VlItemSelection *self)
{
  guint old_n = self->slots->len;
  guint new_n = old_n - removed + added;
  guint common = MIN (old_n, new_n);
  gboolean had_selection = g_hash_table_size (self->selected) > 0;

  if (removed + added <= REWRITE_AT)
    {
      /* Exactly: the rows around stay where they are on screen. */
      guint kept;

      orphan_slots (self, position, removed);
      g_ptr_array_remove_range (self->slots, position, removed);
      kept = self->slots->len;
      g_ptr_array_set_size (self->slots, kept + added);
      memmove (&self->slots->pdata[position + added], &self->slots->pdata[position],
               (kept - position) * sizeof (gpointer));
      memset (&self->slots->pdata[position], 0, added * sizeof (gpointer));
      for (guint i = position + added; i < new_n; i++)
        {
          VlRowSlot *slot = g_ptr_array_index (self->slots, i);

          if (slot != NULL)
            slot->position = i;
        }
      if (had_selection && removed > 0)
        prune_selection (self);
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      if (had_selection && added > 0)
        gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position, added);
      return;
    }

  /* In place: the slots show their new items, only the end changes. */
  if (self->document != NULL)
    vl_document_hold_reads (self->document);
  for (guint i = position; i < common; i++)
    {
      VlRowSlot *slot = g_ptr_array_index (self->slots, i);

      if (slot != NULL)
        {
          g_autoptr(VlRecord) record = g_list_model_get_item (items, i);

          slot_set_record (slot, record);
        }
    }
  if (self->document != NULL)
    vl_document_release_reads (self->document);
  if (new_n < old_n)
    {
      orphan_slots (self, new_n, old_n - new_n);
      g_ptr_array_set_size (self->slots, new_n);
    }
  else
    g_ptr_array_set_size (self->slots, new_n);
  if (had_selection)
    prune_selection (self);
  if (new_n != old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), common, old_n - common, new_n - common);
  if (had_selection && common > position)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position, common - position);
}

static void
vl_item_selection_dispose (GObject *object)
{
  VlItemSelection *self = VL_ITEM_SELECTION (object);

  if (self->items != NULL)
    g_signal_handlers_disconnect_by_func (self->items, items_changed_cb, self);
  if (self->slots != NULL)
    orphan_slots (self, 0, self->slots->len);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_object (&self->items);
  g_clear_object (&self->document);
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
  self->slots = g_ptr_array_new ();
}

VlItemSelection *
vl_item_selection_new (VlDocument   *document,
                       VlItemSearch *items)
{
  VlItemSelection *self;

  g_return_val_if_fail (VL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (VL_IS_ITEM_SEARCH (items), NULL);

  self = g_object_new (VL_TYPE_ITEM_SELECTION, NULL);
  self->items = g_object_ref (items);
  self->document = g_object_ref (document);
  g_ptr_array_set_size (self->slots, g_list_model_get_n_items (G_LIST_MODEL (items)));
  g_signal_connect (items, "items-changed", G_CALLBACK (items_changed_cb), self);
  return self;
}
