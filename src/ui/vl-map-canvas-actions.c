/* vl-map-canvas-actions.c — the map's keyboard commands and title editor
 *
 * Every command is an action of the canvas ("map.*") with its key in one
 * table; each edit is one undoable document action (vl-map.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-map-canvas"

#include "config.h"

#include <glib/gi18n.h>

#include "vl-actions.h"
#include "vl-map.h"
#include "vl-map-canvas-private.h"
#include "vl-record-chooser.h"
#include "vl-toast.h"

static const char *new_titles[] = {
  N_("New goal"), N_("New actor"), N_("New impact"), N_("New deliverable"), N_("New activity"),
  N_("New step"), N_("New release"),
};

static const VlMapBox *
selected_box (VlMapCanvas *self)
{
  int index = vl_map_canvas_selected_box (self);

  return index >= 0 ? vl_map_layout_get_box (self->layout, (guint) index) : NULL;
}

static void
report (VlMapCanvas *self,
        GError      *error)
{
  if (error != NULL)
    vl_toast (GTK_WIDGET (self), error->message, FALSE);
}

/* Shows a record just made and lets its title be typed over. */
static void
edit_new (VlMapCanvas *self,
          VlRecord    *record)
{
  if (record == NULL)
    return;
  vl_map_canvas_relayout (self);
  vl_map_canvas_select (self, record);
  vl_map_canvas_start_editing (self, NULL);
}

/* ---- selection and view ------------------------------------------------------ */

static void
select_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  VlMapCanvas *self = VL_MAP_CANVAS (widget);
  int dx = 0, dy = 0, from = vl_map_canvas_selected_box (self), to;

  g_variant_get (param, "(ii)", &dx, &dy);
  if (self->layout == NULL || vl_map_layout_get_n_boxes (self->layout) == 0)
    return;
  to = from < 0 ? 0 : vl_map_layout_nearest (self->layout, from, dx, dy);
  if (to >= 0)
    vl_map_canvas_select_box (self, to);
}

static void
zoom_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  VlMapCanvas *self = VL_MAP_CANVAS (widget);
  double cx = gtk_widget_get_width (widget) / 2.0, cy = gtk_widget_get_height (widget) / 2.0;
  VlRect bounds;

  if (g_str_equal (name, "map.zoom-in"))
    vl_viewport_zoom_at (self->viewport, cx, cy, 1.25);
  else if (g_str_equal (name, "map.zoom-out"))
    vl_viewport_zoom_at (self->viewport, cx, cy, 0.8);
  else if (g_str_equal (name, "map.zoom-reset"))
    vl_viewport_zoom_at (self->viewport, cx, cy, 1.0 / vl_viewport_get_zoom (self->viewport));
  else if (self->layout != NULL)
    {
      vl_map_layout_get_bounds (self->layout, &bounds);
      vl_viewport_fit (self->viewport, &bounds, 24, 1.0);
    }
}

static void
toggle_collapsed_action (GtkWidget  *widget,
                         const char *name,
                         GVariant   *param)
{
  VlMapCanvas *self = VL_MAP_CANVAS (widget);
  const VlMapBox *box = selected_box (self);
  gint64 id;

  if (box == NULL || box->kind == VL_MAP_BOX_CARD || (box->n_children == 0 && !box->collapsed))
    return;
  id = box->id;
  if (!g_hash_table_remove (self->collapsed, &id))
    g_hash_table_add (self->collapsed, g_memdup2 (&id, sizeof id));
  vl_map_canvas_relayout (self);
}

/* ---- adding --------------------------------------------------------------------- */

static VlRecord *
add_node (VlMapCanvas *self,
          VlNodeKind   kind,
          VlRecord    *parent,
          VlRecord    *after)
{
  g_autoptr(GError) error = NULL;
  VlRecord *node = vl_map_add_node (self->map, kind, parent, after, _(new_titles[kind]), &error);

  report (self, error);
  return node;
}

static VlRecord *
new_card (VlMapCanvas *self,
          VlRecord    *step,
          VlRecord    *release,
          VlRecord    *after)
{
  g_autoptr(GError) error = NULL;
  VlRecord *card = vl_map_new_card_item (self->map, step, release, after, _("New card"), &error);

  report (self, error);
  return card;
}

/* The first node of @kind at the top of the map (first release, first
 * activity), or NULL. */
static VlRecord *
first_top (VlMapCanvas *self,
           VlNodeKind   kind)
{
  g_autoptr(GPtrArray) top = vl_map_dup_children (self->map, NULL);

  for (guint i = 0; i < top->len; i++)
    if (vl_record_get_int (top->pdata[i], "kind") == kind)
      return g_object_ref (top->pdata[i]);
  return NULL;
}

static VlRecord *
first_step (VlMapCanvas *self)
{
  g_autoptr(GPtrArray) top = vl_map_dup_children (self->map, NULL);

  for (guint i = 0; i < top->len; i++)
    {
      g_autoptr(GPtrArray) steps = vl_map_dup_children (self->map, top->pdata[i]);

      if (vl_record_get_int (top->pdata[i], "kind") == VL_NODE_KIND_ACTIVITY && steps->len > 0)
        return g_object_ref (steps->pdata[0]);
    }
  return NULL;
}

/* Tab: a child of the selection (a card under a step or in a release). */
static void
add_child_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  VlMapCanvas *self = VL_MAP_CANVAS (widget);
  const VlMapBox *box = selected_box (self);
  g_autoptr(VlRecord) record = vl_map_canvas_dup_selected (self);
  g_autoptr(VlRecord) made = NULL;
  VlMapKind map_kind;
  int child;

  if (self->map == NULL)
    return;
  map_kind = (VlMapKind) vl_record_get_int (self->map, "kind");
  if (box == NULL)
    made = add_node (self, (VlNodeKind) vl_map_child_kind (map_kind, -1), NULL, NULL);
  else if (box->kind == VL_MAP_BOX_CARD)
    {
      g_autoptr(VlRecord) step = vl_record_dup_ref (record, "step");
      g_autoptr(VlRecord) release = vl_record_dup_ref (record, "release");

      made = new_card (self, step, release, record);
    }
  else if (box->kind == VL_MAP_BOX_RELEASE || box->kind == VL_MAP_BOX_UNPLANNED)
    {
      g_autoptr(VlRecord) step = first_step (self);

      made = new_card (self, step, record, NULL);
    }
  else if (box->node_kind == VL_NODE_KIND_STEP)
    {
      g_autoptr(VlRecord) release = first_top (self, VL_NODE_KIND_RELEASE);

      made = new_card (self, record, release, NULL);
    }
  else if ((child = vl_map_child_kind (map_kind, (int) box->node_kind)) >= 0)
    {
      g_hash_table_remove (self->collapsed, &box->id);
      made = add_node (self, (VlNodeKind) child, record, NULL);
    }
  else
    vl_toast (widget, _("A deliverable holds nothing: press Shift+Enter for another one"), FALSE);
  edit_new (self, made);
}

static void
add_sibling (VlMapCanvas *self)
{
  const VlMapBox *box = selected_box (self);
  g_autoptr(VlRecord) record = vl_map_canvas_dup_selected (self);
  g_autoptr(VlRecord) made = NULL;

  if (self->map == NULL)
    return;
  if (box == NULL)
    {
      add_child_action (GTK_WIDGET (self), NULL, NULL);
      return;
    }
  if (box->kind == VL_MAP_BOX_CARD)
    {
      g_autoptr(VlRecord) step = vl_record_dup_ref (record, "step");
      g_autoptr(VlRecord) release = vl_record_dup_ref (record, "release");

      made = new_card (self, step, release, record);
    }
  else if (box->kind == VL_MAP_BOX_UNPLANNED)
    made = add_node (self, VL_NODE_KIND_RELEASE, NULL, NULL);
  else
    {
      g_autoptr(VlRecord) parent = vl_record_dup_ref (record, "parent");

      made = add_node (self, box->node_kind, parent, record);
    }
  edit_new (self, made);
}

static void
add_sibling_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  add_sibling (VL_MAP_CANVAS (widget));
}

/* Enter: a card or a linked deliverable opens its item; anything else
 * gets a sibling after it. */
static void
activate_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  VlMapCanvas *self = VL_MAP_CANVAS (widget);
  g_autoptr(VlRecord) record = vl_map_canvas_dup_selected (self);
  g_autoptr(VlRecord) item = record != NULL ? vl_record_dup_ref (record, "item") : NULL;

  if (item != NULL && !vl_record_get_deleted (item))
    g_signal_emit_by_name (self, "open-item", item);
  else
    add_sibling (self);
}

/* ---- deleting and moving -------------------------------------------------------------- */

static void
delete_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  VlMapCanvas *self = VL_MAP_CANVAS (widget);
  const VlMapBox *box = selected_box (self);
  g_autoptr(VlRecord) record = vl_map_canvas_dup_selected (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  int next;
  gboolean ok;

  if (record == NULL)
    return;
  /* The selection goes to a neighbour. */
  next = vl_map_layout_nearest (self->layout, vl_map_canvas_selected_box (self), 0, -1);
  if (next < 0)
    next = vl_map_layout_nearest (self->layout, vl_map_canvas_selected_box (self), -1, 0);
  if (box->kind == VL_MAP_BOX_CARD)
    {
      VlDocument *doc = vl_record_get_document (record);

      vl_document_begin (doc, _("Remove Card"));
      vl_document_delete (doc, record, &error);
      ok = vl_document_commit (doc, error == NULL ? &error : NULL) && error == NULL;
      title = g_strdup (_("Card taken off the map; its item stays in the backlog"));
    }
  else
    {
      ok = vl_map_delete_node (record, &error);
      title = g_strdup_printf (_("“%s” deleted"), vl_record_get_title (record));
    }
  if (!ok)
    {
      report (self, error);
      return;
    }
  if (next >= 0)
    {
      const VlMapBox *n = vl_map_layout_get_box (self->layout, (guint) next);

      self->selected_kind = n->kind;
      self->selected_id = n->id;
    }
  vl_map_canvas_relayout (self);
  vl_toast (widget, title, TRUE);
}

/* The step and release (NULL: Unplanned) of a slot, by their ids. */
static void
slot_records (VlMapCanvas *self,
              gint64       step_id,
              gint64       release_id,
              VlRecord   **step,
              VlRecord   **release)
{
  *step = vl_document_lookup (self->document, VL_KIND_MAP_NODE, step_id);
  *release = release_id != 0 ? vl_document_lookup (self->document, VL_KIND_MAP_NODE, release_id) : NULL;
}

static void
move_card (VlMapCanvas *self,
           int          box_index,
           VlRecord    *card,
           int          dx,
           int          dy)
{
  g_autoptr(GError) error = NULL;
  gint64 step_id, release_id;

  if (dx == 0 && vl_map_reorder_card (card, dy, &error))
    return;
  if (error == NULL &&
      vl_map_layout_neighbour_slot (self->layout, box_index, dx, dy, &step_id, &release_id))
    {
      g_autoptr(VlRecord) step = NULL, release = NULL;

      slot_records (self, step_id, release_id, &step, &release);
      vl_map_move_card (card, step, release, NULL, &error);
    }
  report (self, error);
}

/* Alt+arrows: a card to the next step or release (or up and down in its
 * slot); a node among its siblings along its row or column. */
static void
move_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  VlMapCanvas *self = VL_MAP_CANVAS (widget);
  const VlMapBox *box = selected_box (self);
  g_autoptr(VlRecord) record = vl_map_canvas_dup_selected (self);
  g_autoptr(GError) error = NULL;
  gboolean across;
  int dx, dy;

  if (record == NULL)
    return;
  g_variant_get (param, "(ii)", &dx, &dy);
  if (box->kind == VL_MAP_BOX_CARD)
    move_card (self, vl_map_canvas_selected_box (self), record, dx, dy);
  else
    {
      /* Activities and steps run left to right; the rest top to bottom. */
      across = box->node_kind == VL_NODE_KIND_ACTIVITY || box->node_kind == VL_NODE_KIND_STEP;
      if ((across && dx != 0) || (!across && dy != 0))
        vl_map_reorder_node (record, across ? dx : dy, &error);
      report (self, error);
    }
  vl_map_canvas_relayout (self);
  vl_map_canvas_select (self, record);
}

/* ---- dropping with the pointer -------------------------------------------------------- */

static VlRecord *
card_before (VlMapCanvas *self,
             gint64       step,
             gint64       release,
             double       wx,
             double       wy,
             VlRecord    *moving)
{
  int hit = vl_map_layout_hit (self->layout, wx, wy);
  const VlMapBox *target;
  g_autoptr(VlRecord) card = NULL;

  if (hit < 0)
    return NULL;
  target = vl_map_layout_get_box (self->layout, (guint) hit);
  if (target->kind != VL_MAP_BOX_CARD || target->step != step || target->release != release)
    return NULL;
  card = vl_map_canvas_box_record (self, target);
  if (card == moving)
    return NULL;
  if (wy < target->rect.y + target->rect.height / 2)
    return g_steal_pointer (&card);
  {
    /* Below the middle: before the next card of the slot. */
    g_autoptr(VlRecord) s = NULL, r = NULL;
    g_autoptr(GPtrArray) slot = NULL;
    guint i;

    slot_records (self, step, release, &s, &r);
    slot = vl_map_dup_cards (self->map, s, r);

    if (g_ptr_array_find (slot, card, &i) && i + 1 < slot->len && slot->pdata[i + 1] != moving)
      return g_object_ref (slot->pdata[i + 1]);
    return NULL;
  }
}

static gboolean
drop_node (VlMapCanvas    *self,
           VlRecord       *node,
           const VlMapBox *target,
           double          wx,
           double          wy,
           GError        **error)
{
  g_autoptr(VlRecord) onto = vl_map_canvas_box_record (self, target);
  g_autoptr(VlRecord) parent = NULL;
  g_autoptr(GPtrArray) siblings = NULL;
  VlNodeKind kind = (VlNodeKind) vl_record_get_int (node, "kind");
  VlMapKind map_kind = (VlMapKind) vl_record_get_int (self->map, "kind");
  gboolean after;
  guint i;

  if (onto == NULL || onto == node || !VL_IS_MAP_NODE (onto))
    return FALSE;
  if ((int) kind == vl_map_child_kind (map_kind, (int) vl_record_get_int (onto, "kind")))
    return vl_map_move_node (node, onto, NULL, NULL, error);   /* into it, last */
  if (vl_record_get_int (onto, "kind") != kind)
    return FALSE;
  /* Onto a sibling: before it, or after it past its middle. */
  parent = vl_record_dup_ref (onto, "parent");
  siblings = vl_map_dup_children (self->map, parent);
  g_ptr_array_remove (siblings, node);
  after = kind == VL_NODE_KIND_ACTIVITY || kind == VL_NODE_KIND_STEP
          ? wx > target->rect.x + target->rect.width / 2 : wy > target->rect.y + target->rect.height / 2;
  if (!g_ptr_array_find (siblings, onto, &i))
    return FALSE;
  if (after)
    return vl_map_move_node (node, parent, onto, i + 1 < siblings->len ? siblings->pdata[i + 1] : NULL, error);
  return vl_map_move_node (node, parent, i > 0 ? siblings->pdata[i - 1] : NULL, onto, error);
}

/* A box dragged to the world point (@wx, @wy): a card to the slot there,
 * a node next to (or into) the node there. */
gboolean
vl_map_canvas_drop_box (VlMapCanvas *self,
                        int          index,
                        double       wx,
                        double       wy)
{
  const VlMapBox *box = vl_map_layout_get_box (self->layout, (guint) index);
  g_autoptr(VlRecord) record = vl_map_canvas_box_record (self, box);
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;
  gint64 step_id, release_id;
  int hit;

  if (record == NULL)
    return FALSE;
  if (box->kind == VL_MAP_BOX_CARD)
    {
      if (vl_map_layout_slot_at (self->layout, wx, wy, &step_id, &release_id))
        {
          g_autoptr(VlRecord) step = NULL, release = NULL;
          g_autoptr(VlRecord) before = card_before (self, step_id, release_id, wx, wy, record);

          slot_records (self, step_id, release_id, &step, &release);
          ok = vl_map_move_card (record, step, release, before, &error);
        }
    }
  else if ((hit = vl_map_layout_hit (self->layout, wx, wy)) >= 0)
    ok = drop_node (self, record, vl_map_layout_get_box (self->layout, (guint) hit), wx, wy, &error);
  report (self, error);
  if (ok)
    {
      vl_map_canvas_relayout (self);
      vl_map_canvas_select (self, record);
    }
  return ok;
}

/* ---- linking ------------------------------------------------------------------------- */

typedef struct
{
  VlMapCanvas *canvas;
  VlRecord    *target;   /* a goal, a deliverable, a step, a release, a card, or NULL (Unplanned) */
} Link;

static void
link_free (gpointer data,
           GClosure *closure)
{
  Link *link = data;

  g_clear_object (&link->canvas);
  g_clear_object (&link->target);
  g_free (link);
}

/* Where an item placed from @target goes on a story map. */
static void
placement_for (VlMapCanvas *self,
               VlRecord    *target,
               VlRecord   **step,
               VlRecord   **release,
               VlRecord   **after)
{
  *step = *release = *after = NULL;
  if (target != NULL && VL_IS_MAP_CARD (target))
    {
      *step = vl_record_dup_ref (target, "step");
      *release = vl_record_dup_ref (target, "release");
      *after = g_object_ref (target);
    }
  else if (target != NULL && vl_record_get_int (target, "kind") == VL_NODE_KIND_STEP)
    {
      *step = g_object_ref (target);
      *release = first_top (self, VL_NODE_KIND_RELEASE);
    }
  else
    {
      *step = first_step (self);
      *release = target != NULL ? g_object_ref (target) : NULL;
    }
}

static void
chosen_cb (VlRecordChooser *chooser,
           VlRecord        *chosen,
           Link            *link)
{
  VlMapCanvas *self = link->canvas;
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) card = NULL;

  if (self->map == NULL)
    return;
  if (link->target != NULL && VL_IS_MAP_NODE (link->target) &&
      vl_record_get_int (link->target, "kind") == VL_NODE_KIND_GOAL)
    {
      /* One measure at a time: a key result or an objective. */
      vl_document_begin (self->document, _("Measure the Goal"));
      g_object_set (link->target, "key-result", VL_IS_KEY_RESULT (chosen) ? chosen : NULL,
                    "objective", VL_IS_OBJECTIVE (chosen) ? chosen : NULL, NULL);
      vl_document_commit (self->document, &error);
      report (self, error);
    }
  else if (link->target != NULL && VL_IS_MAP_NODE (link->target) &&
           vl_record_get_int (link->target, "kind") == VL_NODE_KIND_DELIVERABLE)
    g_object_set (link->target, "item", chosen, NULL);
  else
    {
      g_autoptr(VlRecord) step = NULL, release = NULL, after = NULL;

      placement_for (self, link->target, &step, &release, &after);
      card = vl_map_add_card (self->map, chosen, step, release, after, &error);
      report (self, error);
    }
  vl_map_canvas_relayout (self);
  if (card != NULL)
    vl_map_canvas_select (self, card);
}

/* Ctrl+L: a goal measured by a key result, a deliverable built as a
 * backlog item, or (story maps) an existing item placed as a card. */
static void
link_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  VlMapCanvas *self = VL_MAP_CANVAS (widget);
  const VlMapBox *box = selected_box (self);
  g_autoptr(VlRecord) record = vl_map_canvas_dup_selected (self);
  VlRecordChooser *chooser;
  gboolean goal = box != NULL && box->kind == VL_MAP_BOX_NODE && box->node_kind == VL_NODE_KIND_GOAL;
  gboolean deliverable = box != NULL && box->kind == VL_MAP_BOX_NODE && box->node_kind == VL_NODE_KIND_DELIVERABLE;
  gboolean story = self->map != NULL && vl_record_get_int (self->map, "kind") == VL_MAP_KIND_STORY;
  Link *link;

  if (self->map == NULL || (!goal && !deliverable && !story))
    {
      vl_toast (widget, _("Select the goal, a deliverable, or a place on a story map to link"), FALSE);
      return;
    }
  chooser = vl_record_chooser_new (vl_window_for (widget), self->document,
                                   goal ? VL_KIND_KEY_RESULT : VL_KIND_ITEM,
                                   goal ? _("Measure the Goal") : deliverable ? _("Build as a Backlog Item")
                                                                              : _("Place a Backlog Item"),
                                   goal ? _("Which key result or objective says the goal is reached?")
                                        : deliverable ? _("Which backlog item delivers this?")
                                                      : _("Which item goes on the map here?"));
  link = g_new0 (Link, 1);
  link->canvas = g_object_ref (self);
  link->target = record != NULL ? g_object_ref (record) : NULL;
  g_signal_connect_data (chooser, "chosen", G_CALLBACK (chosen_cb), link, link_free, 0);
  gtk_window_present (GTK_WINDOW (chooser));
}

/* Ctrl+M: a deliverable becomes a new item of the map's backlog. */
static void
make_item_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  VlMapCanvas *self = VL_MAP_CANVAS (widget);
  const VlMapBox *box = selected_box (self);
  g_autoptr(VlRecord) node = vl_map_canvas_dup_selected (self);
  g_autoptr(VlRecord) backlog = NULL;
  g_autoptr(VlRecord) item = NULL;
  g_autoptr(VlRecord) linked = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (node == NULL || box->kind != VL_MAP_BOX_NODE || box->node_kind != VL_NODE_KIND_DELIVERABLE)
    {
      vl_toast (widget, _("Select a deliverable to make it a backlog item"), FALSE);
      return;
    }
  linked = vl_record_dup_ref (node, "item");
  if (linked != NULL && !vl_record_get_deleted (linked))
    {
      g_signal_emit_by_name (self, "open-item", linked);
      return;
    }
  backlog = vl_map_get_backlog (self->map);
  if (backlog == NULL)
    {
      vl_toast (widget, _("The plan has no backlog yet: add one on the Backlog page"), FALSE);
      return;
    }
  vl_document_begin (self->document, _("Make Backlog Item"));
  item = vl_document_insert (self->document, VL_KIND_ITEM, backlog, NULL, NULL, &error);
  if (item != NULL)
    {
      g_object_set (item, "title", vl_record_get_title (node), NULL);
      g_object_set (node, "item", item, NULL);
    }
  if (!vl_document_commit (self->document, item != NULL ? &error : NULL) || item == NULL)
    {
      report (self, error);
      return;
    }
  text = g_strdup_printf (_("“%s” added to the backlog “%s”"), vl_record_get_title (item),
                          vl_record_get_title (backlog));
  vl_toast (widget, text, TRUE);
}

/* ---- the table -------------------------------------------------------------------------- */

void
vl_map_canvas_update_actions (VlMapCanvas *self)
{
  const VlMapBox *box = self->editable ? selected_box (self) : NULL;
  GtkWidget *w = GTK_WIDGET (self);
  gboolean has_map = self->map != NULL && self->editable;
  gboolean row_or_column = box != NULL && (box->kind == VL_MAP_BOX_UNPLANNED || box->kind == VL_MAP_BOX_LOOSE);

  gtk_widget_action_set_enabled (w, "map.add-child", has_map);
  gtk_widget_action_set_enabled (w, "map.add-sibling", has_map);
  gtk_widget_action_set_enabled (w, "map.activate", has_map);
  gtk_widget_action_set_enabled (w, "map.rename", box != NULL && !row_or_column);
  gtk_widget_action_set_enabled (w, "map.delete", box != NULL && !row_or_column);
  gtk_widget_action_set_enabled (w, "map.move", box != NULL && !row_or_column);
  gtk_widget_action_set_enabled (w, "map.toggle-collapsed", box != NULL && box->kind != VL_MAP_BOX_CARD);
  /* Read-only (a projector's): selecting and zooming only. */
  gtk_widget_action_set_enabled (w, "map.link", has_map);
  gtk_widget_action_set_enabled (w, "map.details", box != NULL && box->kind != VL_MAP_BOX_CARD &&
                                                  !row_or_column);
  gtk_widget_action_set_enabled (w, "map.make-item", box != NULL && box->node_kind == VL_NODE_KIND_DELIVERABLE &&
                                                    box->kind == VL_MAP_BOX_NODE);
}

/* The map's keys, one table: the canvas binds them, and the outline view
 * sends the same keys to the canvas. */
static const VlActionEntry actions[] = {
  { "map.select", select_action, "(ii)", .accel = "Left", .format = "(ii)", .arg1 = -1, .arg2 = 0 },
  { "map.select", .accel = "Right", .format = "(ii)", .arg1 = 1, .arg2 = 0 },
  { "map.select", .accel = "Up", .format = "(ii)", .arg1 = 0, .arg2 = -1 },
  { "map.select", .accel = "Down", .format = "(ii)", .arg1 = 0, .arg2 = 1 },
  { "map.move", move_action, "(ii)", .accel = "<Alt>Left", .format = "(ii)", .arg1 = -1, .arg2 = 0 },
  { "map.move", .accel = "<Alt>Right", .format = "(ii)", .arg1 = 1, .arg2 = 0 },
  { "map.move", .accel = "<Alt>Up", .format = "(ii)", .arg1 = 0, .arg2 = -1 },
  { "map.move", .accel = "<Alt>Down", .format = "(ii)", .arg1 = 0, .arg2 = 1 },
  { "map.add-child", add_child_action, .accel = "Tab" },
  { "map.add-sibling", add_sibling_action, .accel = "<Shift>Return" },
  { "map.activate", activate_action, .accel = "Return" },
  { "map.activate", .accel = "KP_Enter" },
  { "map.rename", vl_map_canvas_rename_action, .accel = "F2" },
  { "map.details", vl_map_canvas_details_action, .accel = "<Alt>Return" },
  { "map.link", link_action, .accel = "<Control>l" },
  { "map.make-item", make_item_action, .accel = "<Control>m" },
  { "map.delete", delete_action, .accel = "Delete" },
  { "map.toggle-collapsed", toggle_collapsed_action, .accel = "space" },
  { "map.zoom-in", zoom_action, .accel = "<Control>plus" },
  { "map.zoom-in", .accel = "<Control>equal" },
  { "map.zoom-in", .accel = "<Control>KP_Add" },
  { "map.zoom-out", zoom_action, .accel = "<Control>minus" },
  { "map.zoom-out", .accel = "<Control>KP_Subtract" },
  { "map.zoom-reset", zoom_action, .accel = "<Control>0" },
  { "map.zoom-fit", zoom_action, .accel = "<Control>1" },
};

void
vl_map_canvas_init_actions (VlMapCanvasClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  vl_widget_class_add_actions (widget_class, actions, G_N_ELEMENTS (actions));
}

static gboolean
forward_cb (GtkWidget *widget,
            GVariant  *args,
            gpointer   data)
{
  VlMapCanvas *canvas = data;
  guint i = (guint) g_variant_get_uint32 (args);

  if (actions[i].format != NULL)
    return gtk_widget_activate_action (GTK_WIDGET (canvas), actions[i].name, actions[i].format,
                                       actions[i].arg1, actions[i].arg2);
  return gtk_widget_activate_action (GTK_WIDGET (canvas), actions[i].name, NULL);
}

/**
 * vl_map_canvas_add_shortcuts:
 *
 * Adds the map's keys to @controller, each activating its action on
 * @canvas (for a view of the same map, the outline).
 */
void
vl_map_canvas_add_shortcuts (VlMapCanvas           *canvas,
                             GtkShortcutController *controller)
{
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GtkShortcut *shortcut;
      guint key = 0;
      GdkModifierType mods = 0;

      gtk_accelerator_parse (actions[i].accel, &key, &mods);
      if (mods == 0 && (key == GDK_KEY_Left || key == GDK_KEY_Right || key == GDK_KEY_Up ||
                        key == GDK_KEY_Down || key == GDK_KEY_space))
        continue;   /* the outline's own: moving through rows, opening them */
      shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (key, mods),
                                   gtk_callback_action_new (forward_cb, canvas, NULL));
      gtk_shortcut_set_arguments (shortcut, g_variant_new_uint32 (i));
      gtk_shortcut_controller_add_shortcut (controller, shortcut);
    }
}
