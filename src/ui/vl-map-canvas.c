/* vl-map-canvas.c — a map on screen: following its document, the view,
 * the selection and the pointer
 *
 * libshumate's pattern: a GTK-free VlViewport holds zoom and offset, and
 * a VlMapLayout (also GTK-free) says where each box goes and what lies in
 * an area. vl-map-canvas-draw.c draws; vl-map-canvas-actions.c holds the
 * keyboard commands; vl-map-canvas-edit.c edits titles and details.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-map-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vl-labels.h"
#include "vl-map.h"
#include "vl-okr.h"
#include "vl-map-canvas-private.h"


G_DEFINE_FINAL_TYPE (VlMapCanvas, vl_map_canvas, GTK_TYPE_WIDGET)

enum {
  OPEN_ITEM,
  SELECTION_CHANGED,
  LAYOUT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
vl_map_canvas_new (void)
{
  return g_object_new (VL_TYPE_MAP_CANVAS, NULL);
}

gint64
vl_map_canvas_box_key (VlMapBoxKind kind,
                       gint64       id)
{
  return id * 8 + kind;   /* as the layout's */
}

VlRecord *
vl_map_canvas_box_record (VlMapCanvas    *self,
                          const VlMapBox *box)
{
  return vl_map_paint_box_record (self->document, box);
}

VlViewport *
vl_map_canvas_get_viewport (VlMapCanvas *self)
{
  g_return_val_if_fail (VL_IS_MAP_CANVAS (self), NULL);
  return self->viewport;
}

VlMapLayout *
vl_map_canvas_get_layout (VlMapCanvas *self)
{
  g_return_val_if_fail (VL_IS_MAP_CANVAS (self), NULL);
  return self->layout;
}

/* The node ids closed on this canvas (exports show the map as it is
 * shown). */
GHashTable *
vl_map_canvas_get_collapsed (VlMapCanvas *self)
{
  g_return_val_if_fail (VL_IS_MAP_CANVAS (self), NULL);
  return self->collapsed;
}

VlRecord *
vl_map_canvas_get_map (VlMapCanvas *self)
{
  g_return_val_if_fail (VL_IS_MAP_CANVAS (self), NULL);
  return self->map;
}

guint
vl_map_canvas_get_n_drawn (VlMapCanvas *self)
{
  return vl_map_paint_get_n_drawn (self->paint);
}

/* How many boxes the highlight shows in full (all with no highlight). */
guint
vl_map_canvas_count_highlighted (VlMapCanvas *self)
{
  g_return_val_if_fail (VL_IS_MAP_CANVAS (self), 0);
  return vl_map_paint_count_highlighted (self->paint);
}

static void
vl_map_canvas_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  VlMapCanvas *self = VL_MAP_CANVAS (widget);

  GTK_WIDGET_CLASS (vl_map_canvas_parent_class)->css_changed (widget, change);
  vl_map_canvas_read_colors (self);
  /* Fonts may have changed too: texts are laid out again when drawn. */
  vl_map_paint_set_context (self->paint, gtk_widget_get_pango_context (widget));
  gtk_widget_queue_draw (widget);
}

/* ---- following the document ------------------------------------------------- */

static void
forget_selection_if_gone (VlMapCanvas *self)
{
  if (self->selected_id >= 0 && self->layout != NULL &&
      vl_map_layout_find (self->layout, self->selected_kind, self->selected_id) < 0)
    self->selected_id = -1;
}

static void
update_accessible_label (VlMapCanvas *self)
{
  g_autoptr(VlRecord) selected = vl_map_canvas_dup_selected (self);
  g_autofree char *said = NULL;

  if (selected != NULL)
    said = vl_map_describe (selected);
  else if (self->map != NULL)
    said = g_strdup_printf (_("Map: %s"), vl_record_get_title (self->map));
  else
    said = g_strdup (_("No map"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, said, -1);
}

/**
 * vl_map_canvas_relayout:
 *
 * Lays the map out again from the plan (at once; edits schedule it).
 */
void
vl_map_canvas_relayout (VlMapCanvas *self)
{
  g_clear_handle_id (&self->relayout_id, g_source_remove);
  g_clear_pointer (&self->layout, vl_map_layout_free);
  if (self->map != NULL && !vl_record_get_deleted (self->map))
    {
      self->layout = vl_map_build_layout (self->map, self->collapsed);
    }
  vl_map_paint_set_layout (self->paint, self->document, self->layout);
  forget_selection_if_gone (self);
  update_accessible_label (self);
  vl_map_canvas_update_actions (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[LAYOUT_CHANGED], 0);
}

static gboolean
relayout_cb (gpointer data)
{
  VlMapCanvas *self = data;

  self->relayout_id = 0;
  vl_map_canvas_relayout (self);
  return G_SOURCE_REMOVE;
}

/* The rows a map shows, or shows something of. */
static const char *const followed_rows[] = {
  "rows-changed::map", "rows-changed::map_node", "rows-changed::map_card",
  "rows-changed::key_result", "rows-changed::objective", "rows-changed::checkin",
  "rows-changed::item",
};

static void
rows_changed_cb (VlDocument  *document,
                 guint        kind,
                 GPtrArray   *records,
                 VlMapCanvas *self)
{
  if (self->map == NULL)
    return;
  if (kind == VL_KIND_MAP_NODE || kind == VL_KIND_MAP_CARD || kind == VL_KIND_MAP)
    {
      /* Titles may have changed as well as places, and the counts on
       * steps and releases with them: every text is laid out again (only
       * the boxes on screen are, when next drawn). */
      vl_map_paint_forget_texts (self->paint);
      if (self->relayout_id == 0)
        self->relayout_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 15, relayout_cb, self, NULL);
    }
  else if (kind == VL_KIND_KEY_RESULT || kind == VL_KIND_OBJECTIVE || kind == VL_KIND_CHECKIN)
    {
      /* Goals show their key result's progress. */
      for (guint i = 0; self->layout != NULL && i < vl_map_layout_get_n_boxes (self->layout); i++)
        {
          const VlMapBox *box = vl_map_layout_get_box (self->layout, i);

          if (box->kind == VL_MAP_BOX_NODE && box->node_kind == VL_NODE_KIND_GOAL)
            vl_map_paint_forget_box (self->paint, box->kind, box->id);
        }
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  else if (kind == VL_KIND_ITEM)
    {
      gboolean shown = FALSE;

      for (guint i = 0; i < records->len; i++)
        shown |= vl_map_paint_forget_item (self->paint, vl_record_get_rowid (records->pdata[i]));
      if (shown)
        {
          /* Release rows sum their items: count again, redraw. */
          vl_map_paint_recount (self->paint);
          for (guint i = 0; i < vl_map_layout_get_n_boxes (self->layout); i++)
            {
              const VlMapBox *box = vl_map_layout_get_box (self->layout, i);

              if (box->kind == VL_MAP_BOX_RELEASE || box->kind == VL_MAP_BOX_UNPLANNED ||
                  box->node_kind == VL_NODE_KIND_STEP)
                vl_map_paint_forget_box (self->paint, box->kind, box->id);
            }
          update_accessible_label (self);
          gtk_widget_queue_draw (GTK_WIDGET (self));
        }
    }
}

static void
merged_cb (VlDocument  *document,
           VlMapCanvas *self)
{
  vl_map_paint_forget_texts (self->paint);
  vl_map_canvas_relayout (self);
}

/* A map first shows whole if it can be read so; else from its top-left
 * corner at a readable zoom (Ctrl+1 shows it whole). */
static void
fit (VlMapCanvas *self)
{
  VlRect bounds;

  if (self->layout == NULL || gtk_widget_get_width (GTK_WIDGET (self)) == 0)
    return;
  vl_map_layout_get_bounds (self->layout, &bounds);
  vl_viewport_fit (self->viewport, &bounds, 24, 1.0);
  if (vl_viewport_get_zoom (self->viewport) < 0.75)
    {
      vl_viewport_set_zoom (self->viewport, 0.75);
      vl_viewport_set_origin (self->viewport, bounds.x - 24 / 0.75, bounds.y - 24 / 0.75);
    }
  self->fitted = TRUE;
}

void
vl_map_canvas_set_map (VlMapCanvas *self,
                       VlRecord    *map)
{
  g_return_if_fail (VL_IS_MAP_CANVAS (self));
  g_return_if_fail (map == NULL || VL_IS_MAP (map));

  if (self->map == map)
    return;
  vl_map_canvas_finish_editing (self, TRUE);
  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_clear_object (&self->document);
    }
  g_set_object (&self->map, map);
  if (map != NULL)
    {
      self->document = g_object_ref (vl_record_get_document (map));
      for (guint i = 0; i < G_N_ELEMENTS (followed_rows); i++)
        g_signal_connect (self->document, followed_rows[i], G_CALLBACK (rows_changed_cb), self);
      g_signal_connect (self->document, "merged", G_CALLBACK (merged_cb), self);
    }
  g_hash_table_remove_all (self->collapsed);
  vl_map_paint_forget_texts (self->paint);
  self->selected_id = -1;
  self->fitted = FALSE;
  vl_map_canvas_relayout (self);
  fit (self);
}

/* ---- selection ------------------------------------------------------------- */

int
vl_map_canvas_selected_box (VlMapCanvas *self)
{
  if (self->layout == NULL || self->selected_id < 0)
    return -1;
  return vl_map_layout_find (self->layout, self->selected_kind, self->selected_id);
}

void
vl_map_canvas_select_box (VlMapCanvas *self,
                          int          index)
{
  const VlMapBox *box;

  if (index < 0 || self->layout == NULL)
    self->selected_id = -1;
  else
    {
      box = vl_map_layout_get_box (self->layout, (guint) index);
      self->selected_kind = box->kind;
      self->selected_id = box->id;
      vl_viewport_ensure_visible (self->viewport, &box->rect, 24);
    }
  update_accessible_label (self);
  vl_map_canvas_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

int
vl_map_canvas_get_selected_index (VlMapCanvas *self)
{
  g_return_val_if_fail (VL_IS_MAP_CANVAS (self), -1);
  return vl_map_canvas_selected_box (self);
}

void
vl_map_canvas_select_index (VlMapCanvas *self,
                            int          index)
{
  g_return_if_fail (VL_IS_MAP_CANVAS (self));
  vl_map_canvas_select_box (self, index);
}

/**
 * vl_map_canvas_dup_selected:
 *
 * Returns: (transfer full) (nullable): the selected node or card
 */
VlRecord *
vl_map_canvas_dup_selected (VlMapCanvas *self)
{
  int index;

  g_return_val_if_fail (VL_IS_MAP_CANVAS (self), NULL);
  index = vl_map_canvas_selected_box (self);
  if (index < 0)
    return NULL;
  return vl_map_canvas_box_record (self, vl_map_layout_get_box (self->layout, (guint) index));
}

/* Selects the box showing @record (a node or card), and shows it. */
void
vl_map_canvas_select (VlMapCanvas *self,
                      VlRecord    *record)
{
  g_return_if_fail (VL_IS_MAP_CANVAS (self));

  if (self->relayout_id != 0)
    vl_map_canvas_relayout (self);
  if (record == NULL || self->layout == NULL)
    {
      vl_map_canvas_select_box (self, -1);
      return;
    }
  vl_map_canvas_select_box (self, vl_map_layout_find (self->layout,
                                                      VL_IS_MAP_CARD (record) ? VL_MAP_BOX_CARD
                                                                              : VL_IS_MAP_NODE (record) &&
                                                                                vl_record_get_int (record, "kind") == VL_NODE_KIND_RELEASE
                                                                                ? VL_MAP_BOX_RELEASE
                                                                                : VL_MAP_BOX_NODE,
                                                      vl_record_get_rowid (record)));
}

/* Matches are shown in full, the rest dimmed; NULL or "" shows all. */
void
vl_map_canvas_set_highlight (VlMapCanvas *self,
                             const char  *text)
{
  g_return_if_fail (VL_IS_MAP_CANVAS (self));

  vl_map_paint_set_highlight (self->paint, text);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- size --------------------------------------------------------------------- */

static void
vl_map_canvas_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = 120;
  *natural = 600;
}

static void
vl_map_canvas_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  VlMapCanvas *self = VL_MAP_CANVAS (widget);

  vl_viewport_set_size (self->viewport, width, height);
  vl_map_paint_set_min_text (self->paint, self->presenting ? vl_map_canvas_readable_size (height) : 0);
  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
  if (self->framing && self->tick_id == 0)
    vl_map_canvas_apply_frame (self, FALSE);
  else if (!self->fitted)
    fit (self);
  if (self->editor != NULL)
    {
      int index = self->layout != NULL
                  ? vl_map_layout_find (self->layout, (VlMapBoxKind) (self->editing_key & 7), self->editing_key >> 3)
                  : -1;
      double x = 0, y = 0, zoom = vl_viewport_get_zoom (self->viewport);
      int w = 200, h, min_h;

      if (index >= 0)
        {
          const VlRect *r = &vl_map_layout_get_box (self->layout, (guint) index)->rect;

          vl_viewport_world_to_view (self->viewport, r->x, r->y, &x, &y);
          w = (int) MAX (r->width * zoom, 120);
        }
      gtk_widget_measure (self->editor, GTK_ORIENTATION_VERTICAL, w, &min_h, &h, NULL, NULL);
      gtk_widget_size_allocate (self->editor, &(GtkAllocation) { (int) x, (int) y, w, MAX (min_h, h) }, -1);
    }
}

static void
viewport_changed_cb (VlMapCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->editor != NULL)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* ---- pointer -------------------------------------------------------------------- */

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           VlMapCanvas              *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static gboolean
scroll_cb (GtkEventControllerScroll *scroll,
           double                    dx,
           double                    dy,
           VlMapCanvas              *self)
{
  GdkModifierType mods = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  gboolean smooth = gtk_event_controller_scroll_get_unit (scroll) == GDK_SCROLL_UNIT_SURFACE;

  if (mods & GDK_CONTROL_MASK)
    {
      /* Wheel notches zoom in steps; a touchpad zooms smoothly. */
      vl_viewport_zoom_at (self->viewport, self->pointer_x, self->pointer_y,
                           pow (smooth ? 1.01 : 1.2, -dy));
      return TRUE;
    }
  if (mods & GDK_SHIFT_MASK && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  vl_viewport_pan (self->viewport, -dx * (smooth ? 1 : 60), -dy * (smooth ? 1 : 60));
  return TRUE;
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               VlMapCanvas      *self)
{
  self->zoom_start = vl_viewport_get_zoom (self->viewport);
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          scale,
                       VlMapCanvas    *self)
{
  double cx, cy;

  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy);
  vl_viewport_zoom_at (self->viewport, cx, cy,
                       self->zoom_start * scale / vl_viewport_get_zoom (self->viewport));
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               VlMapCanvas    *self)
{
  double wx, wy;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  vl_map_canvas_finish_editing (self, TRUE);
  self->dragging = FALSE;
  self->drag_box = -1;
  self->drag_x = self->drag_y = 0;
  /* The secondary button opens the context menu (context_cb). */
  self->drag_denied = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) == GDK_BUTTON_SECONDARY;
  if (self->drag_denied)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  if (self->layout == NULL)
    return;
  vl_viewport_view_to_world (self->viewport, x, y, &wx, &wy);
  self->drag_box = vl_map_layout_hit (self->layout, wx, wy);
  self->panning = self->drag_box < 0 || !self->editable ||
                  gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) != GDK_BUTTON_PRIMARY;
  if (self->panning)
    self->drag_box = -1;
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                VlMapCanvas    *self)
{
  double zoom = vl_viewport_get_zoom (self->viewport);

  if (self->drag_denied || (!self->dragging && hypot (dx, dy) < 6))
    return;
  self->dragging = TRUE;
  if (self->panning)
    {
      vl_viewport_pan (self->viewport, dx - self->drag_x * zoom, dy - self->drag_y * zoom);
      self->drag_x = dx / zoom;
      self->drag_y = dy / zoom;
      return;
    }
  self->drag_x = dx / zoom;
  self->drag_y = dy / zoom;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             VlMapCanvas    *self)
{
  double sx, sy, wx, wy;
  int box = self->drag_box;
  gboolean dragged = self->dragging;

  gtk_gesture_drag_get_start_point (gesture, &sx, &sy);
  self->drag_box = -1;
  self->dragging = FALSE;
  if (self->layout == NULL || self->drag_denied)
    return;
  if (!dragged)
    {
      /* A click: select what is under the pointer (or nothing). */
      vl_viewport_view_to_world (self->viewport, sx, sy, &wx, &wy);
      vl_map_canvas_select_box (self, vl_map_layout_hit (self->layout, wx, wy));
      return;
    }
  if (self->panning || box < 0)
    return;
  vl_viewport_view_to_world (self->viewport, sx + dx, sy + dy, &wx, &wy);
  vl_map_canvas_select_box (self, box);
  vl_map_canvas_drop_box (self, box, wx, wy);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A double click opens a card's item, or edits a node's title. */
static void
pressed_cb (GtkGestureClick *click,
            int              n_press,
            double           x,
            double           y,
            VlMapCanvas     *self)
{
  if (n_press == 2 && vl_map_canvas_selected_box (self) >= 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "map.activate", NULL);
}

static gboolean
menu_gone_cb (gpointer data)
{
  VL_MAP_CANVAS (data)->menu_shown = FALSE;
  return G_SOURCE_REMOVE;
}

/* The menu gives the focus back as it closes (after its command ran): an
 * edit that command started waits until then (vl-map-canvas-edit.c). */
static void
menu_closed_cb (VlMapCanvas *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, menu_gone_cb, g_object_ref (self), g_object_unref);
}

/* A right click (or a long press): the commands for the box under the
 * pointer, so the map can be built with the mouse alone. */
static void
context_cb (GtkGestureClick *click,
            int              n_press,
            double           x,
            double           y,
            VlMapCanvas     *self)
{
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) view = g_menu_new ();
  double wx, wy;

  if (self->layout == NULL || !self->editable)
    return;
  vl_viewport_view_to_world (self->viewport, x, y, &wx, &wy);
  vl_map_canvas_select_box (self, vl_map_layout_hit (self->layout, wx, wy));
  menu = g_menu_new ();
  g_menu_append (edit, _("Add _Child"), "map.add-child");
  g_menu_append (edit, _("Add _After"), "map.add-sibling");
  g_menu_append (edit, _("_Rename"), "map.rename");
  g_menu_append (edit, _("_Details…"), "map.details");
  g_menu_append (edit, _("_Link…"), "map.link");
  g_menu_append (edit, _("_Make Backlog Item"), "map.make-item");
  g_menu_append (edit, _("_Delete"), "map.delete");
  g_menu_append (view, _("_Close or Open"), "map.toggle-collapsed");
  g_menu_append (view, _("_Whole Map"), "map.zoom-fit");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (view));
  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (NULL);
      g_signal_connect_swapped (self->menu, "closed", G_CALLBACK (menu_closed_cb), self);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  self->menu_shown = TRUE;
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

/* ---- GObject ---------------------------------------------------------------------- */

gsize
vl_map_canvas_get_memory (VlMapCanvas *self)
{
  return (self->layout != NULL ? vl_map_layout_get_memory (self->layout) : 0) +
         vl_map_paint_get_memory (self->paint);
}

static void
vl_map_canvas_dispose (GObject *object)
{
  VlMapCanvas *self = VL_MAP_CANVAS (object);

  vl_map_canvas_finish_editing (self, FALSE);
  vl_map_canvas_drop_editors (self);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  vl_map_canvas_set_map (self, NULL);
  g_clear_handle_id (&self->relayout_id, g_source_remove);
  if (self->viewport != NULL)
    g_signal_handlers_disconnect_by_data (self->viewport, self);
  g_clear_object (&self->viewport);
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  g_clear_pointer (&self->paint, vl_map_paint_free);
  g_clear_pointer (&self->layout, vl_map_layout_free);
  g_clear_pointer (&self->collapsed, g_hash_table_unref);

  G_OBJECT_CLASS (vl_map_canvas_parent_class)->dispose (object);
}

static void
vl_map_canvas_class_init (VlMapCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vl_map_canvas_dispose;
  widget_class->snapshot = vl_map_canvas_snapshot;
  widget_class->measure = vl_map_canvas_measure;
  widget_class->size_allocate = vl_map_canvas_size_allocate;
  widget_class->css_changed = vl_map_canvas_css_changed;

  /**
   * VlMapCanvas::open-item:
   * @item: the backlog item of the card or deliverable
   */
  signals[OPEN_ITEM] = g_signal_new ("open-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1, VL_TYPE_RECORD);
  signals[SELECTION_CHANGED] = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Laid out again: the outline view follows. */
  signals[LAYOUT_CHANGED] = g_signal_new ("layout-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_css_name (widget_class, "map-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_WIDGET);
  vl_map_canvas_init_actions (klass);
}

static void
vl_map_canvas_init (VlMapCanvas *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *zoom = gtk_gesture_zoom_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->viewport = vl_viewport_new ();
  self->collapsed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->paint = vl_map_paint_new (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  self->editable = TRUE;
  self->selected_id = -1;
  self->drag_box = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (GTK_WIDGET (self), "view");
  g_signal_connect_swapped (self->viewport, "notify", G_CALLBACK (viewport_changed_cb), self);

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (zoom, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (context_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  vl_map_canvas_init_typing (self);
  vl_map_canvas_read_colors (self);
}
