/* vl-projector.c — a map in projector mode
 *
 * A window of its own, full screen on a monitor, with its own canvas of
 * the map in the projector's style: no header bar, sidebar or panel. It
 * is read-only until E: a stray key in the room changes nothing. Steps
 * come from the map (vl-map-steps.c), split into parts where a step would
 * not be readable on this screen; Enter or a click zooms into a node's
 * subtree, Backspace comes back out, and the next step goes on from
 * there. Every command is a "projector.*" action; the keys are one table
 * and reach the actions before the canvas sees them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-projector"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "vl-actions.h"
#include "vl-map.h"
#include "vl-map-steps.h"
#include "vl-projector-private.h"

#define MAX_STEP_ZOOM 2.5   /* a single box is not blown up past this */

struct _VlProjector
{
  GtkWindow    parent_instance;

  VlMapCanvas *canvas;
  GtkLabel    *step_title;
  GtkLabel    *counter;
  GtkLabel    *goto_label;
  GtkWidget   *editing_badge;
  GtkWidget   *hint;
  GtkWidget   *notes;
  GtkLabel    *notes_title;
  GtkLabel    *notes_text;
  GtkWidget   *blank;

  VlRecord    *map;
  GPtrArray   *steps;      /* VlMapStep, split for this screen */
  guint        current;
  GPtrArray   *jumps;      /* VlMapStep: zoomed into, innermost last */
  GString     *digits;     /* a step number being typed */
  int          width, height;
  guint        hint_id;
  guint        resize_id;   /* steps made again for a new size */
  double       press_x, press_y;
};

G_DEFINE_FINAL_TYPE (VlProjector, vl_projector, GTK_TYPE_WINDOW)

VlMapCanvas *
vl_projector_get_canvas (VlProjector *self)
{
  g_return_val_if_fail (VL_IS_PROJECTOR (self), NULL);
  return self->canvas;
}

/* 0-based */
guint
vl_projector_get_step (VlProjector *self)
{
  g_return_val_if_fail (VL_IS_PROJECTOR (self), 0);
  return self->current;
}

guint
vl_projector_get_n_steps (VlProjector *self)
{
  g_return_val_if_fail (VL_IS_PROJECTOR (self), 0);
  return self->steps != NULL ? self->steps->len : 0;
}

gboolean
vl_projector_get_editing (VlProjector *self)
{
  g_return_val_if_fail (VL_IS_PROJECTOR (self), FALSE);
  return vl_map_canvas_get_editable (self->canvas);
}

static const VlMapStep *
shown_step (VlProjector *self)
{
  if (self->jumps->len > 0)
    return self->jumps->pdata[self->jumps->len - 1];
  if (self->steps == NULL || self->steps->len == 0)
    return NULL;
  return self->steps->pdata[MIN (self->current, self->steps->len - 1)];
}

/* The node whose notes N shows: the selected one, or the step's. */
static VlRecord *
dup_notes_node (VlProjector *self)
{
  g_autoptr(VlRecord) selected = vl_map_canvas_dup_selected (self->canvas);
  const VlMapStep *step = shown_step (self);
  VlMapLayout *layout = vl_map_canvas_get_layout (self->canvas);

  if (selected != NULL && VL_IS_MAP_NODE (selected))
    return g_steal_pointer (&selected);
  if (step == NULL || step->anchor < 0 || layout == NULL)
    return NULL;
  {
    const VlMapBox *box = vl_map_layout_get_box (layout, (guint) step->anchor);

    if (box->kind == VL_MAP_BOX_CARD || box->kind == VL_MAP_BOX_UNPLANNED || box->kind == VL_MAP_BOX_LOOSE)
      return NULL;
    return vl_document_lookup (vl_record_get_document (self->map), VL_KIND_MAP_NODE, box->id);
  }
}

static void
update_notes (VlProjector *self)
{
  g_autoptr(VlRecord) node = NULL;
  const char *note;

  if (!gtk_widget_get_visible (self->notes))
    return;
  node = dup_notes_node (self);
  note = node != NULL ? vl_record_get_string (node, "note") : "";
  gtk_label_set_text (self->notes_title, node != NULL ? vl_record_get_title (node) : vl_record_get_title (self->map));
  if (note != NULL && *note != '\0')
    gtk_label_set_text (self->notes_text, note);
  else
    /* Translators: the projector's notes overlay for a node without notes */
    gtk_label_set_text (self->notes_text, _("No notes. Add them in the map’s normal view (Alt+Enter on a node)."));
}

/* What the canvas shows: the step's boxes in light, its frame. */
static void
show_view (VlProjector *self,
           gboolean     animate)
{
  const VlMapStep *step = shown_step (self);
  double zoom = vl_map_canvas_get_text_zoom (self->canvas);
  VlRect frame;

  if (step == NULL)
    return;
  frame = step->frame;
  if (step->n_parts > 1)
    {
      /* The parts of a split step all at the same (readable) zoom, each
       * from its top-left corner: the rest of the step goes on past the
       * screen's edge, where the next part takes it up. */
      frame.width = MAX (frame.width, (gtk_widget_get_width (GTK_WIDGET (self->canvas)) - 64) / zoom - 1);
      frame.height = MAX (frame.height,
                          (gtk_widget_get_height (GTK_WIDGET (self->canvas)) - 32 - VL_MAP_CANVAS_CAPTION) / zoom - 1);
    }
  vl_map_canvas_select_index (self->canvas, -1);
  vl_map_canvas_set_lit (self->canvas, step->lit);
  vl_map_canvas_show_frame (self->canvas, &frame, step->anchor < 0 ? VL_VIEWPORT_MIN_ZOOM : zoom,
                            step->n_parts > 1 ? zoom : MAX_STEP_ZOOM, animate);
}

/* What the captions say about it. */
static void
show_labels (VlProjector *self)
{
  const VlMapStep *step = shown_step (self);
  g_autofree char *label = NULL, *counter = NULL;

  if (step == NULL)
    return;
  label = vl_map_step_dup_label (step);
  /* Translators: the projector's step counter: "3 / 12" */
  counter = g_strdup_printf (_("%u / %u"), self->current + 1, self->steps->len);
  gtk_label_set_text (self->step_title, label);
  gtk_label_set_text (self->counter, counter);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, label, -1);
  update_notes (self);
}

static void
show (VlProjector *self,
      gboolean     animate)
{
  show_view (self, animate);
  show_labels (self);
}

/* Steps for this screen: split where a step would not be readable. */
static void
make_steps (VlProjector *self)
{
  VlMapLayout *layout = vl_map_canvas_get_layout (self->canvas);
  g_autoptr(GPtrArray) all = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (self->canvas));
  int height = gtk_widget_get_height (GTK_WIDGET (self->canvas));
  const VlMapStep *was = self->steps != NULL && self->current < self->steps->len ? self->steps->pdata[self->current]
                                                                                   : NULL;
  int anchor = was != NULL ? was->anchor : -1;
  guint part = was != NULL ? was->part : 1;

  if (layout == NULL || width <= 0 || height <= 0)
    return;
  all = vl_map_dup_steps (self->map, layout);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  /* As the canvas frames them: 32 pixels around, the caption's below. */
  self->steps = vl_map_steps_split (all, layout, width, height - (VL_MAP_CANVAS_CAPTION - 32), 32,
                                    vl_map_canvas_get_text_zoom (self->canvas));
  /* Stay on the step shown (it may have more or fewer parts now). */
  self->current = MIN (self->current, self->steps->len - 1);
  for (guint i = 0; was != NULL && i < self->steps->len; i++)
    {
      const VlMapStep *step = self->steps->pdata[i];

      if (step->anchor == anchor && (step->part == part || step->part == 1))
        self->current = i;
    }
  g_ptr_array_set_size (self->jumps, 0);
}

static void
layout_changed_cb (VlProjector *self)
{
  make_steps (self);
  show (self, FALSE);
}

static gboolean
resized_cb (gpointer data)
{
  VlProjector *self = data;

  self->resize_id = 0;
  show_labels (self);
  return G_SOURCE_REMOVE;
}

/* A new size (the window going full screen, another monitor): steps are
 * split for it and the view set before the frame is drawn; the captions
 * change once the allocation is over (a label's text resizes it). */
static void
vl_projector_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  VlProjector *self = VL_PROJECTOR (widget);

  GTK_WIDGET_CLASS (vl_projector_parent_class)->size_allocate (widget, width, height, baseline);
  if (width == self->width && height == self->height)
    return;
  self->width = width;
  self->height = height;
  make_steps (self);
  show_view (self, FALSE);
  if (self->resize_id == 0)
    self->resize_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, resized_cb, self, NULL);
}

static void
go_to (VlProjector *self,
       guint        index)
{
  if (self->steps == NULL || self->steps->len == 0)
    return;
  g_ptr_array_set_size (self->jumps, 0);
  self->current = MIN (index, self->steps->len - 1);
  gtk_widget_set_visible (self->blank, FALSE);
  show (self, TRUE);
}

/* ---- actions ---------------------------------------------------------------------- */

static void
next_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  VlProjector *self = VL_PROJECTOR (widget);

  go_to (self, self->current + 1);
}

static void
previous_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  VlProjector *self = VL_PROJECTOR (widget);

  go_to (self, self->current > 0 ? self->current - 1 : 0);
}

static void
first_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  go_to (VL_PROJECTOR (widget), 0);
}

static void
last_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  go_to (VL_PROJECTOR (widget), G_MAXUINT);
}

/* "projector.go-to" (u): a step by its number, 1-based. */
static void
go_to_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  guint number = g_variant_get_uint32 (param);

  if (number >= 1 && number <= vl_projector_get_n_steps (VL_PROJECTOR (widget)))
    go_to (VL_PROJECTOR (widget), number - 1);
}

static void
jump_into (VlProjector *self,
           int          box)
{
  VlMapLayout *layout = vl_map_canvas_get_layout (self->canvas);
  int at;

  if (layout == NULL || box < 0)
    return;
  at = vl_map_steps_continue_at (self->steps, box);
  if (at >= 0)
    self->current = (guint) at;
  g_ptr_array_add (self->jumps, vl_map_step_for_box (self->map, layout, box));
  gtk_widget_set_visible (self->blank, FALSE);
  show (self, TRUE);
  vl_map_canvas_select_index (self->canvas, box);
}

/* Zooms into the selected node's subtree. */
static void
jump_in_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  VlProjector *self = VL_PROJECTOR (widget);

  jump_into (self, vl_map_canvas_get_selected_index (self->canvas));
}

static void
back_out_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  VlProjector *self = VL_PROJECTOR (widget);

  if (self->jumps->len == 0)
    return;
  g_ptr_array_set_size (self->jumps, self->jumps->len - 1);
  show (self, TRUE);
}

/* Tab and Shift+Tab: the step's boxes in turn, for Enter and N. */
static void
select_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  VlProjector *self = VL_PROJECTOR (widget);
  const VlMapStep *step = shown_step (self);
  VlMapLayout *layout = vl_map_canvas_get_layout (self->canvas);
  int by = g_str_equal (name, "projector.select-next") ? 1 : -1;
  int selected = vl_map_canvas_get_selected_index (self->canvas), n, at = -1;

  if (step == NULL || layout == NULL)
    return;
  n = step->lit != NULL ? (int) step->lit->len : (int) vl_map_layout_get_n_boxes (layout);
  if (n == 0)
    return;
  for (int i = 0; i < n; i++)
    if ((step->lit != NULL ? (int) g_array_index (step->lit, guint, i) : i) == selected)
      at = i;
  at = at < 0 ? (by > 0 ? 0 : n - 1) : (at + by + n) % n;
  vl_map_canvas_select_index (self->canvas, step->lit != NULL ? (int) g_array_index (step->lit, guint, at) : at);
  update_notes (self);
}

static void
blank_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  VlProjector *self = VL_PROJECTOR (widget);

  gtk_widget_set_visible (self->blank, !gtk_widget_get_visible (self->blank));
}

static void
notes_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  VlProjector *self = VL_PROJECTOR (widget);

  gtk_widget_set_visible (self->notes, !gtk_widget_get_visible (self->notes));
  update_notes (self);
}

static void
edit_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  VlProjector *self = VL_PROJECTOR (widget);
  gboolean editing = !vl_map_canvas_get_editable (self->canvas);

  vl_map_canvas_set_editable (self->canvas, editing);
  gtk_widget_set_visible (self->editing_badge, editing);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
leave_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

/* ---- keys and clicks ---------------------------------------------------------------- */

static const struct {
  guint           key;
  GdkModifierType mods;
  const char     *action;
  gboolean        editing;   /* also while editing the map */
} keys[] = {
  { GDK_KEY_space, 0, "projector.next", FALSE },
  { GDK_KEY_Right, 0, "projector.next", FALSE },
  { GDK_KEY_Page_Down, 0, "projector.next", TRUE },
  { GDK_KEY_Left, 0, "projector.previous", FALSE },
  { GDK_KEY_Page_Up, 0, "projector.previous", TRUE },
  { GDK_KEY_Home, 0, "projector.first", FALSE },
  { GDK_KEY_End, 0, "projector.last", FALSE },
  { GDK_KEY_Return, 0, "projector.jump-in", FALSE },
  { GDK_KEY_KP_Enter, 0, "projector.jump-in", FALSE },
  { GDK_KEY_BackSpace, 0, "projector.back-out", FALSE },
  { GDK_KEY_Tab, 0, "projector.select-next", FALSE },
  { GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK, "projector.select-previous", FALSE },
  { GDK_KEY_b, 0, "projector.blank", FALSE },
  { GDK_KEY_n, 0, "projector.notes", FALSE },
  { GDK_KEY_e, 0, "projector.edit", TRUE },
  { GDK_KEY_Escape, 0, "projector.leave", TRUE },
};

/* The keys[] table's keys, as accelerator names ("space", "<Shift>ISO_Left_Tab"):
 * for the test that they are the shortcuts window's Projector group. */
GStrv
vl_projector_dup_key_names (void)
{
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_ptr_array_add (names, gtk_accelerator_name (keys[i].key, keys[i].mods));
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (names, FALSE);
}

static void
set_digits (VlProjector *self,
            const char  *digits)
{
  g_autofree char *said = NULL;

  g_string_assign (self->digits, digits);
  gtk_widget_set_visible (GTK_WIDGET (self->goto_label), self->digits->len > 0);
  /* Translators: typed in projector mode, a step number then Enter */
  said = g_strdup_printf (_("Go to %s…"), self->digits->str);
  gtk_label_set_text (self->goto_label, said);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                VlProjector           *self)
{
  gboolean editing = vl_map_canvas_get_editable (self->canvas);
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK | GDK_SUPER_MASK);
  guint key = gdk_keyval_to_lower (keyval);
  int digit = gdk_keyval_to_unicode (keyval) != 0 ? g_unichar_digit_value (gdk_keyval_to_unicode (keyval)) : -1;

  if (editing && vl_map_canvas_is_editing (self->canvas))
    return FALSE;   /* a title being typed */
  if (!editing && mods == 0 && digit >= 0)
    {
      g_autofree char *more = g_strdup_printf ("%s%d", self->digits->str, digit);

      set_digits (self, more);
      return TRUE;
    }
  if (self->digits->len > 0 && mods == 0 && (key == GDK_KEY_Return || key == GDK_KEY_KP_Enter))
    {
      guint number = (guint) atoi (self->digits->str);

      set_digits (self, "");
      gtk_widget_activate_action (GTK_WIDGET (self), "projector.go-to", "u", number);
      return TRUE;
    }
  if (key == GDK_KEY_Escape && (self->digits->len > 0 || gtk_widget_get_visible (self->notes)))
    {
      /* Escape first takes back a number or the notes, then leaves. */
      set_digits (self, "");
      gtk_widget_set_visible (self->notes, FALSE);
      return TRUE;
    }
  if (key == GDK_KEY_BackSpace && self->digits->len > 0)
    {
      g_string_truncate (self->digits, self->digits->len - 1);
      set_digits (self, self->digits->str);
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (keys[i].key == key && keys[i].mods == mods &&
        (!editing || keys[i].editing))
      {
        gtk_widget_activate_action (GTK_WIDGET (self), keys[i].action, NULL);
        return TRUE;
      }
  /* Read-only: any other key does nothing at all. */
  return !editing;
}

static void
click_pressed_cb (GtkGestureClick *click,
                  int              n_press,
                  double           x,
                  double           y,
                  VlProjector     *self)
{
  self->press_x = x;
  self->press_y = y;
}

/* A click on a node (not a drag) zooms into it. */
static void
click_released_cb (GtkGestureClick *click,
                   int              n_press,
                   double           x,
                   double           y,
                   VlProjector     *self)
{
  VlMapLayout *layout = vl_map_canvas_get_layout (self->canvas);
  graphene_point_t at;
  double wx, wy;

  if (n_press != 1 || layout == NULL || vl_map_canvas_get_editable (self->canvas) ||
      (x - self->press_x) * (x - self->press_x) + (y - self->press_y) * (y - self->press_y) > 36 ||
      !gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (self->canvas), &GRAPHENE_POINT_INIT (x, y), &at))
    return;
  vl_viewport_view_to_world (vl_map_canvas_get_viewport (self->canvas), at.x, at.y, &wx, &wy);
  jump_into (self, vl_map_layout_hit (layout, wx, wy));
}

static gboolean
hide_hint_cb (gpointer data)
{
  VlProjector *self = data;

  self->hint_id = 0;
  gtk_widget_set_visible (self->hint, FALSE);
  return G_SOURCE_REMOVE;
}

/* ---- GObject ------------------------------------------------------------------------- */

static void
vl_projector_dispose (GObject *object)
{
  VlProjector *self = VL_PROJECTOR (object);

  g_clear_handle_id (&self->hint_id, g_source_remove);
  g_clear_handle_id (&self->resize_id, g_source_remove);
  if (self->canvas != NULL)
    g_signal_handlers_disconnect_by_data (self->canvas, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), VL_TYPE_PROJECTOR);
  g_clear_object (&self->map);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->jumps, g_ptr_array_unref);
  if (self->digits != NULL)
    g_string_free (self->digits, TRUE);
  self->digits = NULL;

  G_OBJECT_CLASS (vl_projector_parent_class)->dispose (object);
}

/* The projector's actions; its keys are the keys[] table above, read by
 * key_pressed_cb(): projector mode takes every key (typing a step's number
 * included), so they are not bindings. */
static const VlActionEntry actions[] = {
  { "projector.next", next_action },
  { "projector.previous", previous_action },
  { "projector.first", first_action },
  { "projector.last", last_action },
  { "projector.go-to", go_to_action, "u" },
  { "projector.jump-in", jump_in_action },
  { "projector.back-out", back_out_action },
  { "projector.select-next", select_action },
  { "projector.select-previous", select_action },
  { "projector.blank", blank_action },
  { "projector.notes", notes_action },
  { "projector.edit", edit_action },
  { "projector.leave", leave_action },
};

static void
vl_projector_class_init (VlProjectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->dispose = vl_projector_dispose;
  widget_class->size_allocate = vl_projector_size_allocate;
  vl_widget_class_add_actions (widget_class, actions, G_N_ELEMENTS (actions));

  g_type_ensure (VL_TYPE_MAP_CANVAS);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/valueloop/Valueloop/vl-projector.ui");
  gtk_widget_class_bind_template_child (widget_class, VlProjector, canvas);
  gtk_widget_class_bind_template_child (widget_class, VlProjector, step_title);
  gtk_widget_class_bind_template_child (widget_class, VlProjector, counter);
  gtk_widget_class_bind_template_child (widget_class, VlProjector, goto_label);
  gtk_widget_class_bind_template_child (widget_class, VlProjector, editing_badge);
  gtk_widget_class_bind_template_child (widget_class, VlProjector, hint);
  gtk_widget_class_bind_template_child (widget_class, VlProjector, notes);
  gtk_widget_class_bind_template_child (widget_class, VlProjector, notes_title);
  gtk_widget_class_bind_template_child (widget_class, VlProjector, notes_text);
  gtk_widget_class_bind_template_child (widget_class, VlProjector, blank);
}

static void
vl_projector_init (VlProjector *self)
{
  GtkEventController *keys_controller = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->jumps = g_ptr_array_new_with_free_func ((GDestroyNotify) vl_map_step_free);
  self->digits = g_string_new (NULL);
  gtk_event_controller_set_propagation_phase (keys_controller, GTK_PHASE_CAPTURE);
  g_signal_connect (keys_controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys_controller);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  vl_map_canvas_set_editable (self->canvas, FALSE);
  vl_map_canvas_set_presenting (self->canvas, TRUE);
  g_signal_connect_object (self->canvas, "layout-changed", G_CALLBACK (layout_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->hint_id = g_timeout_add_seconds (5, hide_hint_cb, self);
}

/**
 * vl_projector_present:
 * @from: the window it is started from (its application, its monitor)
 * @monitor: (nullable): where to show the map; %NULL: @from's monitor
 *
 * Shows @map full screen in projector mode, from its overview.
 *
 * Returns: (transfer none): the projector window
 */
VlProjector *
vl_projector_present (VlRecord   *map,
                      GtkWindow  *from,
                      GdkMonitor *monitor)
{
  VlProjector *self = g_object_new (VL_TYPE_PROJECTOR, NULL);
  g_autofree char *title = NULL;

  g_return_val_if_fail (VL_IS_MAP (map), NULL);
  self->map = g_object_ref (map);
  /* Translators: the projector window's title: the map's name */
  title = g_strdup_printf (_("%s — Projector"), vl_record_get_title (map));
  gtk_window_set_title (GTK_WINDOW (self), title);
  if (from != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (from));
  vl_map_canvas_set_map (self->canvas, map);
  make_steps (self);
  if (monitor == NULL && from != NULL && gtk_native_get_surface (GTK_NATIVE (from)) != NULL)
    monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (GTK_WIDGET (from)),
                                                  gtk_native_get_surface (GTK_NATIVE (from)));
  if (monitor != NULL)
    {
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      gtk_window_set_default_size (GTK_WINDOW (self), geometry.width, geometry.height);
      gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), monitor);
    }
  else
    gtk_window_fullscreen (GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
  return self;
}
