/* vl-field-row.c — one field of a record as a preferences row, shown and edited
 *
 * The one way the item panel and the goal panel show a field. Text, numbers
 * and dates are entry rows applied through vl_record_set_from_text() (the
 * CLI's parser: an impossible date or a word where a number belongs is
 * refused, with the error style and a toast); a text of a few lines is a
 * text view written when the focus leaves it or on Ctrl+Enter; enums are
 * combo rows with the labels of vl-labels.c; references are combo rows of
 * the rows they can point to, "None" first; flags are switches. The owner
 * calls vl_field_row_update() on the record's notify, so an edit
 * elsewhere, an undo or a merge shows at once.
 *
 * A VlFieldRow is not a widget: it owns its row widget
 * (vl_field_row_get_widget()) and keeps what the row needs (the record,
 * the choices of a reference, the text shown) in itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-field-row"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vl-field-row.h"
#include "vl-labels.h"
#include "vl-toast.h"

struct _VlFieldRow
{
  GObject            parent_instance;

  VlKind             kind;
  const char        *field;     /* static: from the row tables */
  const VlField     *info;
  VlRecord          *record;
  gboolean           updating;
  double             min, max;  /* numbers: the range allowed */
  VlFieldEnumWriter  writer;
  VlFieldConfirm     confirm;
  gpointer           confirm_data;

  GtkWidget         *row;       /* owned */
  GtkWidget         *sw;        /* flags */
  GtkWidget         *view;      /* a text of a few lines */
  char              *shown;     /* ... the text it shows */
  GPtrArray         *targets;   /* a reference's choices, NULL ("None") first */
};

G_DEFINE_FINAL_TYPE (VlFieldRow, vl_field_row, G_TYPE_OBJECT)

static void
refuse (VlFieldRow *self,
        const char *message)
{
  gtk_widget_add_css_class (self->row, "error");
  vl_toast (self->row, message, FALSE);
}

/* ---- references ------------------------------------------------------- */

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

/* The rows a reference can point to, "None" first: the choices and their
 * labels, selecting the one the record points to. */
static void
fill_choices (VlFieldRow *self)
{
  VlDocument *doc = vl_record_get_document (self->record);
  g_autoptr(GListModel) all = vl_document_list (doc, self->info->ref_kind, NULL, NULL);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  gint64 id = vl_record_get_ref_id (self->record, self->field);
  guint selected = 0;

  g_clear_pointer (&self->targets, g_ptr_array_unref);
  self->targets = g_ptr_array_new_with_free_func (unref_if_set);
  gtk_string_list_append (labels, _("None"));
  g_ptr_array_add (self->targets, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      VlRecord *r = g_list_model_get_item (all, i);

      if (r == self->record)
        {
          g_object_unref (r);
          continue;
        }
      if (vl_record_get_rowid (r) == id)
        selected = self->targets->len;
      gtk_string_list_append (labels, vl_record_get_title (r));
      g_ptr_array_add (self->targets, r);
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (self->row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->row), selected);
}

/* ---- showing -------------------------------------------------------------- */

/**
 * vl_field_row_update:
 *
 * Shows the record's value (a text being typed in a text view is left
 * alone: what is typed is written when the focus leaves).
 */
void
vl_field_row_update (VlFieldRow *self)
{
  g_autofree char *text = NULL;

  g_return_if_fail (VL_IS_FIELD_ROW (self));
  if (self->record == NULL)
    return;
  self->updating = TRUE;
  if (self->info->type == VL_FIELD_ENUM)
    adw_combo_row_set_selected (ADW_COMBO_ROW (self->row), (guint) vl_record_get_int (self->record, self->field));
  else if (self->info->type == VL_FIELD_BOOL)
    gtk_switch_set_active (GTK_SWITCH (self->sw), vl_record_get_int (self->record, self->field) != 0);
  else if (self->info->type == VL_FIELD_REF)
    fill_choices (self);
  else if (self->view != NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
      g_autofree char *typed = NULL;
      GtkTextIter start, end;

      /* Not under the user's fingers: what they type is written on leaving
       * (a later write, so the other value is kept as a conflict). */
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      typed = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      if (gtk_widget_has_focus (self->view) && g_strcmp0 (typed, self->shown) != 0)
        {
          self->updating = FALSE;
          return;
        }
      text = vl_record_format_field (self->record, self->field);
      gtk_text_buffer_set_text (buffer, text, -1);
      g_free (self->shown);
      self->shown = g_steal_pointer (&text);
    }
  else
    {
      text = vl_record_format_field (self->record, self->field);
      gtk_editable_set_text (GTK_EDITABLE (self->row), text);
      gtk_widget_remove_css_class (self->row, "error");
    }
  self->updating = FALSE;
}

/* ---- writing ---------------------------------------------------------------- */

/**
 * vl_field_row_write_text:
 *
 * Writes @text to the field as typed (a refusal is shown on the row).
 */
gboolean
vl_field_row_write_text (VlFieldRow *self,
                         const char *text)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (VL_IS_FIELD_ROW (self), FALSE);
  if (self->record == NULL)
    return FALSE;
  if (!vl_record_set_from_text (self->record, self->field, text, &error))
    {
      refuse (self, error->message);
      return FALSE;
    }
  vl_field_row_update (self);
  return TRUE;
}

static void
entry_apply_cb (VlFieldRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->row));

  if (self->record == NULL)
    return;
  if (self->info->type == VL_FIELD_NUMBER && *text != '\0')
    {
      char *end = NULL;
      double value = g_ascii_strtod (text, &end);

      if (end != NULL && *end == '\0' && isfinite (value) && (value < self->min || value > self->max))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is out of range: %g to %g"), text, self->min,
                                                      self->max);

          refuse (self, message);
          return;
        }
    }
  if (self->confirm != NULL && !self->confirm (self, text, self->confirm_data))
    return;
  vl_field_row_write_text (self, text);
}

/**
 * vl_field_row_commit:
 *
 * Writes the text being typed in a text of a few lines, if it changed.
 */
void
vl_field_row_commit (VlFieldRow *self)
{
  GtkTextBuffer *buffer;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  g_return_if_fail (VL_IS_FIELD_ROW (self));
  if (self->view == NULL || self->record == NULL || self->updating)
    return;
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (text, self->shown) == 0)
    return;
  if (!vl_record_set_from_text (self->record, self->field, text, &error))
    vl_toast (self->row, error->message, FALSE);
  g_free (self->shown);
  self->shown = g_steal_pointer (&text);
}

static gboolean
text_key_cb (GtkEventControllerKey *keys,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             VlFieldRow            *self)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && (state & GDK_CONTROL_MASK))
    {
      vl_field_row_commit (self);
      return TRUE;
    }
  return FALSE;
}

static void
combo_selected_cb (VlFieldRow *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->row));
  g_autoptr(GError) error = NULL;

  if (self->updating || self->record == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (self->info->type == VL_FIELD_REF)
    {
      g_object_set (self->record, self->field,
                    self->targets != NULL && selected < self->targets->len ? self->targets->pdata[selected] : NULL,
                    NULL);
      return;
    }
  if (selected == (guint) vl_record_get_int (self->record, self->field))
    return;
  if (self->writer != NULL)
    {
      if (!self->writer (self->record, (int) selected, &error))
        {
          vl_toast (self->row, error->message, FALSE);
          vl_field_row_update (self);   /* show the value that stays */
        }
      return;
    }
  g_object_set (self->record, self->field, (int) selected, NULL);
}

static void
switch_cb (VlFieldRow *self)
{
  if (!self->updating && self->record != NULL)
    g_object_set (self->record, self->field, gtk_switch_get_active (GTK_SWITCH (self->sw)), NULL);
}

/* ---- making ------------------------------------------------------------------- */

static void
fill_enum (VlFieldRow *self,
           const char *unset)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; i < vl_enum_n_values (self->field); i++)
    gtk_string_list_append (list, vl_enum_label (self->field, (int) i) ? vl_enum_label (self->field, (int) i)
                                                                       : unset);
  self->updating = TRUE;
  adw_combo_row_set_model (ADW_COMBO_ROW (self->row), G_LIST_MODEL (list));
  self->updating = FALSE;
}

/* A titled row holding a text view of a few lines. */
static GtkWidget *
make_text_row (VlFieldRow *self,
               const char *label)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (label);
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->view = gtk_text_view_new ();
  gtk_widget_add_css_class (title, "caption");
  gtk_widget_add_css_class (title, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self->view), FALSE);
  gtk_widget_set_size_request (self->view, -1, 66);
  gtk_widget_add_css_class (self->view, "inline");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_tooltip_text (self->view, _("Saved when you leave the field, or with Ctrl+Enter"));
  g_signal_connect_object (focus, "leave", G_CALLBACK (vl_field_row_commit), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->view, focus);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (text_key_cb), self, 0);
  gtk_widget_add_controller (self->view, keys);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), self->view);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void
vl_field_row_dispose (GObject *object)
{
  VlFieldRow *self = VL_FIELD_ROW (object);

  /* (Its handlers on the row go with it: connected with g_signal_connect_object().) */
  g_clear_object (&self->row);
  g_clear_object (&self->record);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_free);

  G_OBJECT_CLASS (vl_field_row_parent_class)->dispose (object);
}

static void
vl_field_row_class_init (VlFieldRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = vl_field_row_dispose;
}

static void
vl_field_row_init (VlFieldRow *self)
{
  self->min = -G_MAXDOUBLE;
  self->max = G_MAXDOUBLE;
}

/**
 * vl_field_row_new:
 * @field: a field of @kind (static string)
 * @label: the row's title, translated
 *
 * Returns: (transfer full): the field row; its widget is an #AdwEntryRow,
 *   #AdwComboRow, #AdwActionRow with a switch, or with
 *   %VL_FIELD_ROW_MULTILINE an #AdwPreferencesRow with a text view
 */
VlFieldRow *
vl_field_row_new (VlKind           kind,
                  const char      *field,
                  const char      *label,
                  VlFieldRowFlags  flags)
{
  int index = vl_kind_find_field (kind, field);
  VlFieldRow *self;

  g_return_val_if_fail (index >= 0, NULL);

  self = g_object_new (VL_TYPE_FIELD_ROW, NULL);
  self->kind = kind;
  self->field = field;
  self->info = &vl_kind_info (kind)->fields[index];
  if ((flags & VL_FIELD_ROW_MULTILINE) != 0)
    self->row = make_text_row (self, label);
  else if (self->info->type == VL_FIELD_ENUM || self->info->type == VL_FIELD_REF)
    {
      self->row = adw_combo_row_new ();
      if (self->info->type == VL_FIELD_ENUM)
        fill_enum (self, _("Not set"));
      g_signal_connect_object (self->row, "notify::selected", G_CALLBACK (combo_selected_cb), self,
                               G_CONNECT_SWAPPED);
    }
  else if (self->info->type == VL_FIELD_BOOL)
    {
      self->row = adw_action_row_new ();
      self->sw = gtk_switch_new ();
      gtk_widget_set_valign (self->sw, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (self->row), self->sw);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->row), self->sw);
      g_signal_connect_object (self->sw, "notify::active", G_CALLBACK (switch_cb), self, G_CONNECT_SWAPPED);
    }
  else
    {
      self->row = adw_entry_row_new ();
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->row), TRUE);
      g_signal_connect_object (self->row, "apply", G_CALLBACK (entry_apply_cb), self, G_CONNECT_SWAPPED);
    }
  g_object_ref_sink (self->row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->row), label);
  return self;
}

GtkWidget *
vl_field_row_get_widget (VlFieldRow *self)
{
  g_return_val_if_fail (VL_IS_FIELD_ROW (self), NULL);
  return self->row;
}

VlKind
vl_field_row_get_kind (VlFieldRow *self)
{
  g_return_val_if_fail (VL_IS_FIELD_ROW (self), 0);
  return self->kind;
}

const char *
vl_field_row_get_field (VlFieldRow *self)
{
  g_return_val_if_fail (VL_IS_FIELD_ROW (self), NULL);
  return self->field;
}

const char *
vl_field_row_get_title (VlFieldRow *self)
{
  g_return_val_if_fail (VL_IS_FIELD_ROW (self), NULL);
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->row));
}

void
vl_field_row_set_record (VlFieldRow *self,
                         VlRecord   *record)
{
  g_return_if_fail (VL_IS_FIELD_ROW (self));
  g_return_if_fail (record == NULL || vl_record_get_kind (record) == self->kind);

  if (self->record != record)
    vl_field_row_commit (self);   /* text being typed belongs to the record shown until now */
  g_set_object (&self->record, record);
  vl_field_row_update (self);
}

void
vl_field_row_set_range (VlFieldRow *self,
                        double      min,
                        double      max)
{
  g_return_if_fail (VL_IS_FIELD_ROW (self));
  self->min = min;
  self->max = max;
}

void
vl_field_row_set_enum_writer (VlFieldRow        *self,
                              VlFieldEnumWriter  writer)
{
  g_return_if_fail (VL_IS_FIELD_ROW (self));
  self->writer = writer;
}

/* What an enum row says for "not set" ("Not reviewed" for a verdict). */
void
vl_field_row_set_unset_label (VlFieldRow *self,
                              const char *label)
{
  g_return_if_fail (VL_IS_FIELD_ROW (self));
  g_return_if_fail (self->info->type == VL_FIELD_ENUM);
  fill_enum (self, label);
  vl_field_row_update (self);
}

void
vl_field_row_set_confirm (VlFieldRow     *self,
                          VlFieldConfirm  confirm,
                          gpointer        user_data)
{
  g_return_if_fail (VL_IS_FIELD_ROW (self));
  self->confirm = confirm;
  self->confirm_data = user_data;
}
