/* vl-title-editor.c — a row's title edited in place, in a list's cell
 *
 * The title cell gives way to a text field, made for the edit only. Enter
 * or leaving the field writes the title (if it was changed), Escape leaves
 * it as it was; if the row shows another item meanwhile (a merge moved the
 * rows), what was typed goes to the item it was typed for. When the edit
 * ends, the cell is put back (::finished) and the focus goes back to the
 * list if the field had it. #VlTitleEditor:editing says whether a field is
 * shown (the backlog's search stops taking the keys typed meanwhile).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-title-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "vl-title-editor.h"

struct _VlTitleEditor
{
  GObject      parent_instance;

  GtkWidget   *list;       /* weak: where the focus goes back */
  GtkListItem *editing;    /* the cell being edited */
  GtkWidget   *cell;       /* its own child, while the field is shown */
  VlRecord    *record;
  char        *from;       /* the title when editing began */
  guint        leave_idle; /* the field lost the focus: write */
};

G_DEFINE_FINAL_TYPE (VlTitleEditor, vl_title_editor, G_TYPE_OBJECT)

enum { PROP_0, PROP_EDITING, N_PROPS };
enum { FINISHED, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
drop_later_cb (gpointer object)
{
  g_object_unref (object);
  return G_SOURCE_REMOVE;
}

/**
 * vl_title_editor_finish:
 * @write: whether what was typed is written
 *
 * Ends the edit, if one is going on.
 */
void
vl_title_editor_finish (VlTitleEditor *self,
                        gboolean       write)
{
  GtkListItem *list_item = self->editing;
  g_autoptr(GtkWidget) cell = g_steal_pointer (&self->cell);
  g_autoptr(VlRecord) record = g_steal_pointer (&self->record);
  g_autofree char *from = g_steal_pointer (&self->from);
  g_autofree char *typed = NULL;
  GtkWidget *text;
  gboolean had_focus;

  g_return_if_fail (VL_IS_TITLE_EDITOR (self));

  g_clear_handle_id (&self->leave_idle, g_source_remove);
  if (list_item == NULL)
    return;
  self->editing = NULL;   /* once: removing the field makes it lose the focus */
  text = gtk_list_item_get_child (list_item);
  /* The field may be in the middle of its own signal (activate, a key):
   * it goes once the main loop is back. */
  g_idle_add (drop_later_cb, g_object_ref (text));
  typed = g_strdup (gtk_editable_get_text (GTK_EDITABLE (text)));
  had_focus = gtk_widget_has_focus (text) || gtk_widget_get_focus_child (text) != NULL;
  gtk_list_item_set_child (list_item, cell);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
  if (write && g_strcmp0 (typed, from) != 0)
    g_object_set (record, "title", typed, NULL);
  g_signal_emit (self, signals[FINISHED], 0, list_item);
  if (had_focus && self->list != NULL)
    gtk_widget_grab_focus (self->list);
}

static void
activate_cb (GtkText       *text,
             VlTitleEditor *self)
{
  vl_title_editor_finish (self, TRUE);
}

static gboolean
finish_idle (gpointer data)
{
  VlTitleEditor *self = data;

  self->leave_idle = 0;
  vl_title_editor_finish (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* Not at once: GTK is still moving the focus out of the field. A field
 * that lost the focus because the edit ended (and it went) is no longer
 * the one being edited, and must not end the next edit. */
static void
leave_cb (GtkEventControllerFocus *focus,
          VlTitleEditor           *self)
{
  GtkWidget *text = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus));

  if (self->editing != NULL && gtk_list_item_get_child (self->editing) == text && self->leave_idle == 0)
    self->leave_idle = g_idle_add (finish_idle, self);
}

static gboolean
key_cb (GtkEventControllerKey *keys,
        guint                  keyval,
        guint                  keycode,
        GdkModifierType        state,
        VlTitleEditor         *self)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  vl_title_editor_finish (self, FALSE);
  return TRUE;
}

/**
 * vl_title_editor_start:
 *
 * Edits @record's title in @list_item's cell.
 *
 * Returns: %TRUE if the edit began (or one is going on already)
 */
gboolean
vl_title_editor_start (VlTitleEditor *self,
                       GtkListItem   *list_item,
                       VlRecord      *record)
{
  GtkEventController *focus, *keys;
  GtkWidget *text;

  g_return_val_if_fail (VL_IS_TITLE_EDITOR (self), FALSE);

  if (self->editing != NULL)
    return TRUE;
  self->editing = list_item;
  self->cell = g_object_ref (gtk_list_item_get_child (list_item));
  self->record = g_object_ref (record);
  self->from = g_strdup (vl_record_get_title (record));
  text = gtk_text_new ();
  gtk_editable_set_text (GTK_EDITABLE (text), self->from);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title"), -1);
  g_signal_connect_object (text, "activate", G_CALLBACK (activate_cb), self, 0);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (leave_cb), self, 0);
  gtk_widget_add_controller (text, focus);
  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_cb), self, 0);
  gtk_widget_add_controller (text, keys);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
  gtk_list_item_set_child (list_item, text);
  gtk_widget_grab_focus (text);
  gtk_editable_select_region (GTK_EDITABLE (text), 0, -1);
  return TRUE;
}

/* The cell being edited, or %NULL. */
GtkListItem *
vl_title_editor_get_list_item (VlTitleEditor *self)
{
  g_return_val_if_fail (VL_IS_TITLE_EDITOR (self), NULL);
  return self->editing;
}

static void
vl_title_editor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VlTitleEditor *self = VL_TITLE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_EDITING:
      g_value_set_boolean (value, self->editing != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_title_editor_dispose (GObject *object)
{
  VlTitleEditor *self = VL_TITLE_EDITOR (object);

  g_clear_handle_id (&self->leave_idle, g_source_remove);
  g_clear_weak_pointer (&self->list);
  g_clear_object (&self->cell);
  g_clear_object (&self->record);
  g_clear_pointer (&self->from, g_free);
  self->editing = NULL;

  G_OBJECT_CLASS (vl_title_editor_parent_class)->dispose (object);
}

static void
vl_title_editor_class_init (VlTitleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vl_title_editor_dispose;
  object_class->get_property = vl_title_editor_get_property;
  properties[PROP_EDITING] = g_param_spec_boolean ("editing", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                   G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  /**
   * VlTitleEditor::finished:
   * @list_item: the cell, given back its own child
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, GTK_TYPE_LIST_ITEM);
}

static void
vl_title_editor_init (VlTitleEditor *self)
{
}

/**
 * vl_title_editor_new:
 * @list: the list whose cells are edited (it gets the focus back)
 */
VlTitleEditor *
vl_title_editor_new (GtkWidget *list)
{
  VlTitleEditor *self = g_object_new (VL_TYPE_TITLE_EDITOR, NULL);

  g_set_weak_pointer (&self->list, list);
  return self;
}
