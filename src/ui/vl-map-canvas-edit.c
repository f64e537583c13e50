/* vl-map-canvas-edit.c — editing a box's title in place, and its details
 *
 * F2 (or just typing on a selected box) puts a field over the box; Enter
 * or leaving it writes the title (a card's is its item's), Escape cancels.
 * Alt+Enter opens a node's title, notes and, for an impact, its measure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-map-canvas"

#include "config.h"

#include <glib/gi18n.h>

#include "vl-map.h"
#include "vl-map-canvas-private.h"
#include "vl-node-dialog.h"

/* ---- a node's details -------------------------------------------------------------- */

/* Alt+Enter: a node's title, its notes (shown in projector mode) and, for
 * an impact, how it is measured. */
void
vl_map_canvas_details_action (GtkWidget  *widget,
                              const char *name,
                              GVariant   *param)
{
  VlMapCanvas *self = VL_MAP_CANVAS (widget);
  g_autoptr(VlRecord) node = vl_map_canvas_dup_selected (self);

  if (node == NULL || !VL_IS_MAP_NODE (node))
    return;
  vl_node_dialog_new (widget, node);
}

/* ---- the title editor -------------------------------------------------------------- */

static VlRecord *
titled_record (VlMapCanvas    *self,
               const VlMapBox *box)
{
  g_autoptr(VlRecord) record = vl_map_canvas_box_record (self, box);

  if (record != NULL && box->kind == VL_MAP_BOX_CARD)
    return vl_record_dup_ref (record, "item");   /* a card's title is its item's */
  return g_steal_pointer (&record);
}

/* Removes the editors that finished (at once when @self goes). */
void
vl_map_canvas_drop_editors (VlMapCanvas *self)
{
  g_clear_handle_id (&self->drop_id, g_source_remove);
  while (self->dropped != NULL)
    {
      GtkWidget *editor = self->dropped->data;

      self->dropped = g_slist_delete_link (self->dropped, self->dropped);
      if (gtk_widget_get_parent (editor) != NULL)
        gtk_widget_unparent (editor);
      g_object_unref (editor);
    }
}

static gboolean
drop_editors_cb (gpointer data)
{
  VlMapCanvas *self = data;

  self->drop_id = 0;
  vl_map_canvas_drop_editors (self);
  return G_SOURCE_REMOVE;
}

void
vl_map_canvas_finish_editing (VlMapCanvas *self,
                              gboolean     write)
{
  g_autoptr(VlRecord) record = g_steal_pointer (&self->editing);
  GtkWidget *editor = g_steal_pointer (&self->editor);
  g_autofree char *typed = NULL;
  gboolean had_focus;

  if (editor == NULL)
    return;
  typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editor))));
  had_focus = gtk_widget_has_focus (editor) || gtk_widget_get_focus_child (editor) != NULL;
  /* The field may be in the middle of its own signal: it goes once the
   * main loop is back. */
  gtk_widget_set_visible (editor, FALSE);
  self->dropped = g_slist_prepend (self->dropped, g_object_ref (editor));
  if (self->drop_id == 0)
    self->drop_id = g_idle_add (drop_editors_cb, self);
  if (write && record != NULL && *typed != '\0' && g_strcmp0 (typed, vl_record_get_title (record)) != 0)
    g_object_set (record, "title", typed, NULL);
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
editor_activate_cb (GtkEntry    *entry,
                    VlMapCanvas *self)
{
  vl_map_canvas_finish_editing (self, TRUE);
}

static gboolean
editor_key_cb (GtkEventControllerKey *keys,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               VlMapCanvas           *self)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  vl_map_canvas_finish_editing (self, FALSE);
  return TRUE;
}

static void
editor_leave_cb (GtkEventControllerFocus *focus,
                 VlMapCanvas             *self)
{
  if (self->editor == gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus)))
    vl_map_canvas_finish_editing (self, TRUE);
}

gboolean
vl_map_canvas_is_editing (VlMapCanvas *self)
{
  g_return_val_if_fail (VL_IS_MAP_CANVAS (self), FALSE);
  return self->editor != NULL;
}

static gboolean
start_editing_later_cb (gpointer data)
{
  VlMapCanvas *self = data;

  if (self->map != NULL)
    vl_map_canvas_start_editing (self, NULL);
  return G_SOURCE_REMOVE;
}

/* Edits the selected box's title over the box; @typed (the first keys of
 * a title typed without F2) replaces it, else it is all selected. */
void
vl_map_canvas_start_editing (VlMapCanvas *self,
                             const char  *typed)
{
  int index = vl_map_canvas_selected_box (self);
  const VlMapBox *box = index >= 0 ? vl_map_layout_get_box (self->layout, (guint) index) : NULL;
  GtkEventController *keys, *focus;

  vl_map_canvas_finish_editing (self, TRUE);
  /* From the context menu: it gives the focus back as it closes, which
   * would end the edit at once; edit once it has closed. */
  if (self->menu_shown)
    {
      g_idle_add_full (G_PRIORITY_LOW, start_editing_later_cb, g_object_ref (self), g_object_unref);
      return;
    }
  if (box == NULL || box->kind == VL_MAP_BOX_UNPLANNED || box->kind == VL_MAP_BOX_LOOSE ||
      (self->editing = titled_record (self, box)) == NULL)
    return;
  self->editing_key = vl_map_canvas_box_key (box->kind, box->id);
  self->editor = gtk_entry_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title"), -1);
  gtk_editable_set_text (GTK_EDITABLE (self->editor), typed != NULL ? typed : vl_record_get_title (self->editing));
  gtk_widget_set_parent (self->editor, GTK_WIDGET (self));
  g_signal_connect (self->editor, "activate", G_CALLBACK (editor_activate_cb), self);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (editor_key_cb), self);
  gtk_widget_add_controller (self->editor, keys);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (editor_leave_cb), self);
  gtk_widget_add_controller (self->editor, focus);
  gtk_widget_grab_focus (self->editor);
  if (typed != NULL)
    gtk_editable_set_position (GTK_EDITABLE (self->editor), -1);
  else
    gtk_editable_select_region (GTK_EDITABLE (self->editor), 0, -1);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
vl_map_canvas_rename_action (GtkWidget  *widget,
                             const char *name,
                             GVariant   *param)
{
  vl_map_canvas_start_editing (VL_MAP_CANVAS (widget), NULL);
}

/* Just typing on a selected box edits its title. */
static gboolean
key_pressed_cb (GtkEventControllerKey *keys,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                VlMapCanvas           *self)
{
  gunichar c = gdk_keyval_to_unicode (keyval);
  char text[8] = { 0 };

  if (!self->editable || self->editor != NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 ||
      c == 0 || c == ' ' || !g_unichar_isprint (c) || vl_map_canvas_selected_box (self) < 0)
    return FALSE;
  g_unichar_to_utf8 (c, text);
  vl_map_canvas_start_editing (self, text);
  return self->editor != NULL;
}

/* The key controller for typing a title without F2. */
void
vl_map_canvas_init_typing (VlMapCanvas *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}
