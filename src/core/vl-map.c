/* vl-map.c — story map and impact map rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-map"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "vl-map.h"
#include "vl-tree.h"

static const char *node_kind_labels[] = {
  N_("Goal"), N_("Actor"), N_("Impact"), N_("Deliverable"), N_("Activity"), N_("Step"), N_("Release"),
};

const char *
vl_node_kind_label (VlNodeKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (node_kind_labels), "");
  return _(node_kind_labels[kind]);
}

/* The kind a child of a @parent_kind node must be (-1 for the top of the
 * map: a goal, or an activity — releases are top-level too), or -1 when
 * nothing hangs from it. */
int
vl_map_child_kind (VlMapKind map_kind,
                   int       parent_kind)
{
  if (map_kind == VL_MAP_KIND_IMPACT)
    switch (parent_kind)
      {
      case -1: return VL_NODE_KIND_GOAL;
      case VL_NODE_KIND_GOAL: return VL_NODE_KIND_ACTOR;
      case VL_NODE_KIND_ACTOR: return VL_NODE_KIND_IMPACT;
      case VL_NODE_KIND_IMPACT: return VL_NODE_KIND_DELIVERABLE;
      default: return -1;
      }
  switch (parent_kind)
    {
    case -1: return VL_NODE_KIND_ACTIVITY;
    case VL_NODE_KIND_ACTIVITY: return VL_NODE_KIND_STEP;
    default: return -1;
    }
}

static VlDocument *
doc_of (VlRecord *record)
{
  return vl_record_get_document (record);
}

static VlRecord *
map_of (VlRecord *record)
{
  return vl_record_dup_ref (record, "map");
}

static gboolean
fits_under (VlMapKind map_kind,
            VlNodeKind kind,
            VlRecord  *parent)
{
  if (parent == NULL)
    return kind == (VlNodeKind) vl_map_child_kind (map_kind, -1) ||
           (map_kind == VL_MAP_KIND_STORY && kind == VL_NODE_KIND_RELEASE);
  return (int) kind == vl_map_child_kind (map_kind, (int) vl_record_get_int (parent, "kind"));
}

static gboolean
refuse_level (VlMapKind   map_kind,
              VlNodeKind  kind,
              const char *title,
              VlRecord   *parent,
              GError    **error)
{
  if (fits_under (map_kind, kind, parent))
    return TRUE;
  if (parent == NULL)
    g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                 /* Translators: "An actor (“Shoppers”) cannot stand at the top of the map" */
                 _("%s “%s” cannot stand at the top of the map"), vl_node_kind_label (kind), title);
  else
    g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                 /* Translators: "Deliverable “Apple Pay” cannot hold Actor “Shoppers”" */
                 _("%s “%s” cannot hold %s “%s”"),
                 vl_node_kind_label ((VlNodeKind) vl_record_get_int (parent, "kind")),
                 vl_record_get_title (parent), vl_node_kind_label (kind), title);
  return FALSE;
}

/**
 * vl_map_dup_children:
 * @parent: (nullable): a node, or %NULL for the top of the map
 *
 * Returns: (transfer full) (element-type VlRecord): the nodes placed under
 *   @parent, in rank order
 */
GPtrArray *
vl_map_dup_children (VlRecord *map,
                     VlRecord *parent)
{
  g_autoptr(GListModel) nodes = NULL;
  GPtrArray *kids = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 want = parent != NULL ? vl_record_get_rowid (parent) : 0;

  g_return_val_if_fail (VL_IS_MAP (map), kids);
  nodes = vl_document_list_where (doc_of (map), VL_KIND_MAP_NODE, "map", vl_record_get_rowid (map));
  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      VlRecord *node = g_list_model_get_item (nodes, i);

      if (vl_record_get_ref_id (node, "parent") == want)
        g_ptr_array_add (kids, node);
      else
        g_object_unref (node);
    }
  return kids;
}

/**
 * vl_map_dup_cards:
 * @release: (nullable): %NULL for the Unplanned row
 *
 * Returns: (transfer full) (element-type VlRecord): the cards under @step
 *   in @release's row, in rank order
 */
GPtrArray *
vl_map_dup_cards (VlRecord *map,
                  VlRecord *step,
                  VlRecord *release)
{
  g_autoptr(GListModel) cards = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 want = release != NULL ? vl_record_get_rowid (release) : 0;

  g_return_val_if_fail (VL_IS_MAP (map), found);
  cards = vl_document_list_where (doc_of (map), VL_KIND_MAP_CARD, "step", vl_record_get_rowid (step));
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      VlRecord *card = g_list_model_get_item (cards, i);

      if (vl_record_get_ref_id (card, "release") == want &&
          vl_record_get_ref_id (card, "map") == vl_record_get_rowid (map))
        g_ptr_array_add (found, card);
      else
        g_object_unref (card);
    }
  return found;
}

/* The sibling right after @after in @siblings (NULL: none, or @after is
 * NULL: then the new row goes last). */
static VlRecord *
next_of (GPtrArray *siblings,
         VlRecord  *after)
{
  guint i;

  if (after == NULL || !g_ptr_array_find (siblings, after, &i) || i + 1 >= siblings->len)
    return NULL;
  return siblings->pdata[i + 1];
}

static VlRecord *
last_of (GPtrArray *siblings)
{
  return siblings->len > 0 ? siblings->pdata[siblings->len - 1] : NULL;
}

/**
 * vl_map_create:
 * @backlog: (nullable): where a story map's new cards go
 *
 * A new map, with a start to build on: an impact map's goal (titled as
 * the map), or a story map's first activity, step and release.
 *
 * Returns: (transfer full): the map, or %NULL with @error set
 */
VlRecord *
vl_map_create (VlDocument *doc,
               VlMapKind   kind,
               const char *name,
               VlRecord   *backlog,
               GError    **error)
{
  g_autoptr(VlRecord) map = NULL;
  g_autoptr(VlRecord) first = NULL;
  g_autoptr(VlRecord) step = NULL;
  g_autoptr(VlRecord) release = NULL;

  g_return_val_if_fail (VL_IS_DOCUMENT (doc), NULL);

  vl_document_begin (doc, kind == VL_MAP_KIND_STORY ? _("New Story Map") : _("New Impact Map"));
  map = vl_document_insert (doc, VL_KIND_MAP, NULL, NULL, NULL, error);
  if (map != NULL)
    {
      g_object_set (map, "name", name, "kind", kind, "backlog", backlog, NULL);
      if (kind == VL_MAP_KIND_IMPACT)
        first = vl_map_add_node (map, VL_NODE_KIND_GOAL, NULL, NULL, name, error);
      else if ((first = vl_map_add_node (map, VL_NODE_KIND_ACTIVITY, NULL, NULL, _("New activity"), error)) != NULL &&
               (step = vl_map_add_node (map, VL_NODE_KIND_STEP, first, NULL, _("New step"), error)) != NULL)
        release = vl_map_add_node (map, VL_NODE_KIND_RELEASE, NULL, NULL, _("Release 1"), error);
    }
  if (map == NULL || first == NULL || (kind == VL_MAP_KIND_STORY && release == NULL))
    {
      vl_document_cancel (doc);
      vl_document_commit (doc, NULL);
      return NULL;
    }
  if (!vl_document_commit (doc, error))
    return NULL;
  return g_steal_pointer (&map);
}

/**
 * vl_map_add_node:
 * @parent: (nullable): the node to hang from, or %NULL for the top
 * @after: (nullable): the sibling to follow; %NULL: last
 *
 * Returns: (transfer full): the node, or %NULL with @error set (a level
 *   the map does not allow is refused, naming both nodes)
 */
VlRecord *
vl_map_add_node (VlRecord   *map,
                 VlNodeKind  kind,
                 VlRecord   *parent,
                 VlRecord   *after,
                 const char *title,
                 GError    **error)
{
  VlDocument *doc;
  g_autoptr(GPtrArray) siblings = NULL;
  VlRecord *node;

  g_return_val_if_fail (VL_IS_MAP (map), NULL);
  g_return_val_if_fail (parent == NULL || VL_IS_MAP_NODE (parent), NULL);

  if (!refuse_level ((VlMapKind) vl_record_get_int (map, "kind"), kind, title, parent, error))
    return NULL;
  doc = doc_of (map);
  siblings = vl_map_dup_children (map, parent);
  vl_document_begin (doc, _("Add Node"));
  node = vl_document_insert (doc, VL_KIND_MAP_NODE, parent, after != NULL ? after : last_of (siblings),
                             next_of (siblings, after), error);
  if (node != NULL)
    g_object_set (node, "map", map, "kind", kind, "title", title, NULL);
  if (!vl_document_commit (doc, node != NULL ? error : NULL))
    g_clear_object (&node);
  return node;
}

/**
 * vl_map_move_node:
 *
 * Places @node under @parent between @prev and @next (one placement
 * register, one undo step). Refused when the level does not fit or
 * @parent is inside @node.
 */
gboolean
vl_map_move_node (VlRecord  *node,
                  VlRecord  *parent,
                  VlRecord  *prev,
                  VlRecord  *next,
                  GError   **error)
{
  g_autoptr(VlRecord) map = NULL;
  VlDocument *doc;

  g_return_val_if_fail (VL_IS_MAP_NODE (node), FALSE);

  map = map_of (node);
  if (map == NULL ||
      !refuse_level ((VlMapKind) vl_record_get_int (map, "kind"), (VlNodeKind) vl_record_get_int (node, "kind"),
                     vl_record_get_title (node), parent, error))
    return FALSE;
  if (parent != NULL && vl_tree_is_within (parent, node))
    {
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                   _("“%s” cannot go under “%s”, which is inside it"), vl_record_get_title (node),
                   vl_record_get_title (parent));
      return FALSE;
    }
  doc = doc_of (node);
  vl_document_begin (doc, _("Move Node"));
  vl_document_move (doc, node, parent, prev, next, error);
  return vl_document_commit (doc, error);
}

/* Where a row one place up (@by < 0) or down goes among @siblings:
 * between *prev and *next. FALSE at the end. */
static gboolean
shift_among (GPtrArray  *siblings,
             VlRecord   *row,
             int         by,
             VlRecord  **prev,
             VlRecord  **next)
{
  guint i;

  if (!g_ptr_array_find (siblings, row, &i) || (by < 0 && i == 0) ||
      (by > 0 && i + 1 >= siblings->len))
    return FALSE;
  if (by < 0)
    {
      *prev = i >= 2 ? siblings->pdata[i - 2] : NULL;
      *next = siblings->pdata[i - 1];
    }
  else
    {
      *prev = siblings->pdata[i + 1];
      *next = i + 2 < siblings->len ? siblings->pdata[i + 2] : NULL;
    }
  return TRUE;
}

/* One place earlier (@by < 0) or later among its siblings. FALSE (no
 * error) when it is already first or last. */
gboolean
vl_map_reorder_node (VlRecord  *node,
                     int        by,
                     GError   **error)
{
  g_autoptr(VlRecord) map = NULL;
  g_autoptr(VlRecord) parent = NULL;
  g_autoptr(GPtrArray) siblings = NULL;
  VlRecord *prev = NULL, *next = NULL;

  g_return_val_if_fail (VL_IS_MAP_NODE (node), FALSE);

  map = map_of (node);
  parent = vl_record_dup_ref (node, "parent");
  if (map == NULL)
    return FALSE;
  siblings = vl_map_dup_children (map, parent);
  if (!shift_among (siblings, node, by, &prev, &next))
    return FALSE;
  return vl_map_move_node (node, parent, prev, next, error);
}

static GPtrArray *
dup_list (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);
  GPtrArray *rows = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (rows, g_list_model_get_item (model, i));
  return rows;
}

static void
delete_subtree (VlRecord  *map,
                VlRecord  *node,
                GError   **error)
{
  VlDocument *doc = doc_of (node);
  g_autoptr(GPtrArray) kids = vl_map_dup_children (map, node);
  g_autoptr(GListModel) cards = vl_document_list_where (doc, VL_KIND_MAP_CARD, "step",
                                                        vl_record_get_rowid (node));

  g_autoptr(GPtrArray) snapshot = dup_list (cards);   /* lists follow at the commit */

  for (guint i = 0; i < kids->len; i++)
    delete_subtree (map, kids->pdata[i], error);
  /* A step's cards leave the map (their items stay in the backlog); a
   * release's cards show in the Unplanned row. */

  for (guint i = 0; i < snapshot->len; i++)
    if (!vl_document_delete (doc, snapshot->pdata[i], error))
      return;
  vl_document_delete (doc, node, error);
}

/* Deletes @node with what hangs from it, as one undo step. */
gboolean
vl_map_delete_node (VlRecord  *node,
                    GError   **error)
{
  g_autoptr(VlRecord) map = NULL;
  g_autoptr(GError) local = NULL;
  VlDocument *doc;

  g_return_val_if_fail (VL_IS_MAP_NODE (node), FALSE);

  map = map_of (node);
  doc = doc_of (node);
  vl_document_begin (doc, _("Delete Node"));
  if (map != NULL)
    delete_subtree (map, node, &local);
  else
    vl_document_delete (doc, node, &local);
  if (local != NULL)
    {
      vl_document_cancel (doc);
      vl_document_commit (doc, NULL);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return vl_document_commit (doc, error);
}

/* The backlog a story map's new cards go to: its own, else the plan's
 * first. */
VlRecord *
vl_map_get_backlog (VlRecord *map)
{
  VlRecord *backlog;
  g_autoptr(GListModel) backlogs = NULL;

  g_return_val_if_fail (VL_IS_MAP (map), NULL);
  backlog = vl_record_dup_ref (map, "backlog");
  if (backlog != NULL && !vl_record_get_deleted (backlog))
    return backlog;
  g_clear_object (&backlog);
  backlogs = vl_document_list (doc_of (map), VL_KIND_BACKLOG, NULL, NULL);
  return g_list_model_get_n_items (backlogs) > 0 ? g_list_model_get_item (backlogs, 0) : NULL;
}

static VlRecord *
insert_card (VlRecord  *map,
             VlRecord  *item,
             VlRecord  *step,
             VlRecord  *release,
             VlRecord  *after,
             GError   **error)
{
  g_autoptr(GPtrArray) slot = vl_map_dup_cards (map, step, release);
  VlRecord *card = vl_document_insert (doc_of (map), VL_KIND_MAP_CARD, step,
                                       after != NULL ? after : last_of (slot), next_of (slot, after),
                                       error);

  if (card != NULL)
    g_object_set (card, "map", map, "release", release, "item", item, NULL);
  return card;
}

static gboolean
check_step (VlRecord  *step,
            GError   **error)
{
  if (step != NULL && vl_record_get_int (step, "kind") == VL_NODE_KIND_STEP)
    return TRUE;
  g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
               _("Cards hang under a step: add a step to an activity first"));
  return FALSE;
}

/**
 * vl_map_add_card:
 * @release: (nullable): %NULL for the Unplanned row
 * @after: (nullable): the card to follow in that slot; %NULL: last
 *
 * Places an existing backlog item on the story map.
 *
 * Returns: (transfer full): the card, or %NULL with @error set
 */
VlRecord *
vl_map_add_card (VlRecord  *map,
                 VlRecord  *item,
                 VlRecord  *step,
                 VlRecord  *release,
                 VlRecord  *after,
                 GError   **error)
{
  VlDocument *doc;
  VlRecord *card;

  g_return_val_if_fail (VL_IS_MAP (map), NULL);
  g_return_val_if_fail (VL_IS_ITEM (item), NULL);

  if (!check_step (step, error))
    return NULL;
  doc = doc_of (map);
  vl_document_begin (doc, _("Place Item"));
  card = insert_card (map, item, step, release, after, error);
  if (!vl_document_commit (doc, card != NULL ? error : NULL))
    g_clear_object (&card);
  return card;
}

/**
 * vl_map_new_card_item:
 *
 * A new backlog item (at the end of the map's backlog) and its card, as
 * one undo step.
 *
 * Returns: (transfer full): the card, or %NULL with @error set
 */
VlRecord *
vl_map_new_card_item (VlRecord   *map,
                      VlRecord   *step,
                      VlRecord   *release,
                      VlRecord   *after,
                      const char *title,
                      GError    **error)
{
  g_autoptr(VlRecord) backlog = NULL;
  g_autoptr(VlRecord) item = NULL;
  VlDocument *doc;
  VlRecord *card = NULL;

  g_return_val_if_fail (VL_IS_MAP (map), NULL);

  if (!check_step (step, error))
    return NULL;
  doc = doc_of (map);
  vl_document_begin (doc, _("Add Card"));
  backlog = vl_map_get_backlog (map);
  if (backlog == NULL && (backlog = vl_document_insert (doc, VL_KIND_BACKLOG, NULL, NULL, NULL, error)) != NULL)
    g_object_set (backlog, "name", _("Backlog"), NULL);
  if (backlog != NULL && (item = vl_document_insert (doc, VL_KIND_ITEM, backlog, NULL, NULL, error)) != NULL)
    {
      g_object_set (item, "title", title, NULL);
      card = insert_card (map, item, step, release, after, error);
    }
  if (!vl_document_commit (doc, card != NULL ? error : NULL))
    g_clear_object (&card);
  return card;
}

/**
 * vl_map_move_card:
 * @release: (nullable): %NULL for the Unplanned row
 * @before: (nullable): the card to precede in the new slot; %NULL: last
 *
 * Moves @card to another step or release slice: step, release and rank
 * are one placement register, so it is one write and one undo step.
 */
gboolean
vl_map_move_card (VlRecord  *card,
                  VlRecord  *step,
                  VlRecord  *release,
                  VlRecord  *before,
                  GError   **error)
{
  g_autoptr(VlRecord) map = NULL;
  g_autoptr(GPtrArray) slot = NULL;
  VlRecord *prev = NULL;
  VlDocument *doc;
  guint i;

  g_return_val_if_fail (VL_IS_MAP_CARD (card), FALSE);

  map = map_of (card);
  if (map == NULL || !check_step (step, error))
    return FALSE;
  slot = vl_map_dup_cards (map, step, release);
  g_ptr_array_remove (slot, card);
  if (before != NULL && g_ptr_array_find (slot, before, &i))
    prev = i > 0 ? slot->pdata[i - 1] : NULL;
  else
    {
      prev = last_of (slot);
      before = NULL;
    }
  doc = doc_of (card);
  vl_document_begin (doc, _("Move Card"));
  if (vl_record_get_ref_id (card, "release") != (release != NULL ? vl_record_get_rowid (release) : 0))
    g_object_set (card, "release", release, NULL);
  vl_document_move (doc, card, step, prev, before, error);
  return vl_document_commit (doc, error);
}

/* One place up (@by < 0) or down in its slot. FALSE (no error) at the end. */
gboolean
vl_map_reorder_card (VlRecord  *card,
                     int        by,
                     GError   **error)
{
  g_autoptr(VlRecord) map = map_of (card);
  g_autoptr(VlRecord) step = vl_record_dup_ref (card, "step");
  g_autoptr(VlRecord) release = vl_record_dup_ref (card, "release");
  g_autoptr(GPtrArray) slot = NULL;
  VlRecord *prev = NULL, *next = NULL;
  VlDocument *doc;

  if (map == NULL || step == NULL)
    return FALSE;
  slot = vl_map_dup_cards (map, step, release);
  if (!shift_among (slot, card, by, &prev, &next))
    return FALSE;
  doc = doc_of (card);
  vl_document_begin (doc, _("Move Card"));
  vl_document_move (doc, card, step, prev, next, error);
  return vl_document_commit (doc, error);
}

/* ---- reading a map ----------------------------------------------------------- */

typedef struct
{
  GPtrArray  *nodes;   /* VlRecord, the map's live nodes */
  GPtrArray  *cards;   /* VlRecord, cards whose item is live */
  GHashTable *ids;     /* node ids of the map */
  GHashTable *detached;
} MapRows;

static void
map_rows_clear (MapRows *rows)
{
  g_clear_pointer (&rows->nodes, g_ptr_array_unref);
  g_clear_pointer (&rows->cards, g_ptr_array_unref);
  g_clear_pointer (&rows->ids, g_hash_table_unref);
  g_clear_pointer (&rows->detached, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MapRows, map_rows_clear)


static void
read_map (VlRecord *map,
          MapRows  *rows)
{
  VlDocument *doc = doc_of (map);
  gint64 id = vl_record_get_rowid (map);
  g_autoptr(GListModel) nodes = vl_document_list_where (doc, VL_KIND_MAP_NODE, "map", id);
  g_autoptr(GListModel) cards = vl_document_list_where (doc, VL_KIND_MAP_CARD, "map", id);

  rows->nodes = dup_list (nodes);
  rows->cards = g_ptr_array_new_with_free_func (g_object_unref);
  rows->detached = vl_tree_dup_detached (doc, VL_KIND_MAP_NODE);
  rows->ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < rows->nodes->len; i++)
    g_hash_table_add (rows->ids, g_memdup2 (&(gint64) { vl_record_get_rowid (rows->nodes->pdata[i]) },
                                            sizeof (gint64)));
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      VlRecord *card = g_list_model_get_item (cards, i);
      g_autoptr(VlRecord) item = vl_record_dup_ref (card, "item");

      if (item != NULL && !vl_record_get_deleted (item))
        g_ptr_array_add (rows->cards, card);
      else
        g_object_unref (card);
    }
}

static gint64
live_ref (MapRows    *rows,
          VlRecord   *record,
          const char *field)
{
  gint64 id = vl_record_get_ref_id (record, field);

  return id != 0 && g_hash_table_contains (rows->ids, &id) ? id : 0;
}

/**
 * vl_map_build_layout:
 * @collapsed: (nullable): node ids (gint64 *) the viewer closed
 *
 * The map's layout from its live nodes and cards; nodes whose parent is
 * gone or that close a cycle (vl_tree_dup_detached()) are at the top, a
 * card whose release is gone is Unplanned.
 */
VlMapLayout *
vl_map_build_layout (VlRecord   *map,
                     GHashTable *collapsed)
{
  g_auto(MapRows) rows = { 0 };
  g_autofree VlMapLayoutNode *nodes = NULL;
  g_autofree VlMapLayoutCard *cards = NULL;

  g_return_val_if_fail (VL_IS_MAP (map), NULL);

  read_map (map, &rows);
  nodes = g_new0 (VlMapLayoutNode, MAX (rows.nodes->len, 1));
  cards = g_new0 (VlMapLayoutCard, MAX (rows.cards->len, 1));
  for (guint i = 0; i < rows.nodes->len; i++)
    {
      VlRecord *node = rows.nodes->pdata[i];
      gint64 id = vl_record_get_rowid (node);

      nodes[i] = (VlMapLayoutNode) {
        id, g_hash_table_contains (rows.detached, &id) ? 0 : live_ref (&rows, node, "parent"),
        (VlNodeKind) vl_record_get_int (node, "kind"), vl_record_get_string (node, "rank"),
        vl_record_get_uuid (node),
      };
    }
  for (guint i = 0; i < rows.cards->len; i++)
    {
      VlRecord *card = rows.cards->pdata[i];

      cards[i] = (VlMapLayoutCard) {
        vl_record_get_rowid (card), live_ref (&rows, card, "step"), live_ref (&rows, card, "release"),
        vl_record_get_string (card, "rank"), vl_record_get_uuid (card),
      };
    }
  return vl_map_layout_new ((VlMapKind) vl_record_get_int (map, "kind"), nodes, rows.nodes->len,
                            cards, rows.cards->len, collapsed);
}

static void
count_cards (VlDocument *doc,
             const char *field,
             gint64      node,
             guint      *n,
             guint      *launched,
             double     *cost)
{
  g_autoptr(GListModel) cards = vl_document_list_where (doc, VL_KIND_MAP_CARD, field, node);

  *n = *launched = 0;
  *cost = 0;
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(VlRecord) card = g_list_model_get_item (cards, i);
      g_autoptr(VlRecord) item = vl_record_dup_ref (card, "item");
      int status;
      double c;

      if (item == NULL || vl_record_get_deleted (item))
        continue;
      (*n)++;
      status = (int) vl_record_get_int (item, "status");
      *launched += status == VL_STATUS_LAUNCHED || status == VL_STATUS_REVIEWED;
      c = vl_record_get_number (item, "cost");
      *cost += isnan (c) ? 0 : c;
    }
}

/**
 * vl_map_describe:
 *
 * How a screen reader (and the CLI) says a node or card:
 * "Step: Pay — 4 cards, 2 launched".
 *
 * Returns: (transfer full):
 */
char *
vl_map_describe (VlRecord *record)
{
  g_return_val_if_fail (VL_IS_MAP_NODE (record) || VL_IS_MAP_CARD (record), NULL);

  if (VL_IS_MAP_CARD (record))
    {
      g_autoptr(VlRecord) item = vl_record_dup_ref (record, "item");
      g_autofree char *status = NULL;

      if (item == NULL)
        return g_strdup (_("Card"));
      status = vl_record_format_field (item, "status");
      /* Translators: a story card: "Card: Apple Pay — status: ready" */
      return g_strdup_printf (_("Card: %s — status: %s"), vl_record_get_title (item), status);
    }
  else
    {
      VlNodeKind kind = (VlNodeKind) vl_record_get_int (record, "kind");
      const char *label = vl_node_kind_label (kind);
      guint n, launched;
      double cost;

      if (kind == VL_NODE_KIND_STEP || kind == VL_NODE_KIND_RELEASE)
        {
          count_cards (vl_record_get_document (record), kind == VL_NODE_KIND_STEP ? "step" : "release",
                       vl_record_get_rowid (record), &n, &launched, &cost);
          /* Translators: "Step: Pay — 4 cards, 2 launched" */
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %s — %u card, %u launched",
                                               "%s: %s — %u cards, %u launched", n),
                                  label, vl_record_get_title (record), n, launched);
        }
      return g_strdup_printf ("%s: %s", label, vl_record_get_title (record));
    }
}

/* The map's live nodes and the cards of live items. */
void
vl_map_count (VlRecord *map,
              guint    *n_nodes,
              guint    *n_cards)
{
  g_auto(MapRows) rows = { 0 };

  g_return_if_fail (VL_IS_MAP (map));
  read_map (map, &rows);
  *n_nodes = rows.nodes->len;
  *n_cards = rows.cards->len;
}

static void
print_box (GString     *out,
           VlDocument  *doc,
           const VlMapBox *box,
           guint        depth)
{
  g_autoptr(VlRecord) record = NULL;
  g_autofree char *text = NULL;

  if (box->kind == VL_MAP_BOX_UNPLANNED || box->kind == VL_MAP_BOX_LOOSE)
    {
      g_string_append_printf (out, "%*s%s\n", depth * 2, "",
                              box->kind == VL_MAP_BOX_LOOSE ? _("No step") : _("Unplanned"));
      return;
    }
  record = vl_document_lookup (doc, box->kind == VL_MAP_BOX_CARD ? VL_KIND_MAP_CARD : VL_KIND_MAP_NODE,
                               box->id);
  if (record == NULL)
    return;
  text = vl_map_describe (record);
  g_string_append_printf (out, "%*s%s\n", depth * 2, "", text);
}

/**
 * vl_map_dup_outline:
 *
 * The map as an indented outline, as the layout orders it: an impact
 * map's tree; a story map's activities and steps, then each release
 * slice with its cards by step.
 *
 * Returns: (transfer full):
 */
char *
vl_map_dup_outline (VlRecord *map)
{
  g_autoptr(VlMapLayout) layout = NULL;
  GString *out = g_string_new (NULL);
  VlDocument *doc;
  guint n;

  g_return_val_if_fail (VL_IS_MAP (map), NULL);
  doc = doc_of (map);
  layout = vl_map_build_layout (map, NULL);
  n = vl_map_layout_get_n_boxes (layout);
  g_string_append_printf (out, "%s\n", vl_record_get_title (map));
  for (guint i = 0; i < n; i++)
    {
      const VlMapBox *box = vl_map_layout_get_box (layout, i);
      guint depth = box->kind == VL_MAP_BOX_CARD ? 2 : box->depth + 1;

      print_box (out, doc, box, depth);
    }
  return g_string_free (out, FALSE);
}

/* A map by id, id prefix or name (as vl_document_find()). */
VlRecord *
vl_map_find (VlDocument *doc,
             const char *id_or_name)
{
  g_return_val_if_fail (VL_IS_DOCUMENT (doc), NULL);
  return vl_document_find (doc, VL_KIND_MAP, id_or_name);
}
