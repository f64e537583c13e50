/* vl-item-panel.c — every field of one item (DESIGN §1), edited in place
 *
 * Rows are made from the field tables: text, numbers and dates are entry
 * rows applied through vl_record_set_from_text() (the same parser as the
 * CLI, so an impossible date is refused the same way), enums and
 * references are combo rows, flags are switches. Every row follows its
 * field's notify, so an edit from the board, an undo or a merge shows at
 * once. Values that lost a concurrent edit on another device are listed
 * first, with "Use This Value".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-item-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "vl-conflicts.h"
#include "vl-enums.h"
#include "vl-item-panel.h"
#include "vl-labels.h"
#include "vl-toast.h"
#include "vl-value.h"

typedef struct
{
  const char *field;
  const char *label;
} Row;

typedef struct
{
  const char *title;
  const Row  *rows;
} Group;

static const Row what_rows[] = {
  { "title", N_("Title") }, { "description", N_("Description") }, { "owner", N_("Owner") },
  { "status", N_("Status") }, { NULL, NULL },
};
static const Row priority_rows[] = {
  { "moscow", N_("MoSCoW") }, { "p1", N_("P1: Company Top Demand") },
  { "user-value", N_("User Value") }, { "business-value", N_("Business Value") },
  { "cost", N_("Cost (person-days)") }, { "aarrr", N_("AARRR Stage") }, { NULL, NULL },
};
static const Row alignment_rows[] = {
  { "key-result", N_("Key Result") }, { "value-loop", N_("Value Loop") },
  { "iteration", N_("Iteration") }, { "upstream", N_("Upstream Demand") }, { NULL, NULL },
};
static const Row hypothesis_rows[] = {
  { "metric", N_("Metric") }, { "baseline", N_("Baseline") }, { "expected", N_("Expected Value") },
  { NULL, NULL },
};
static const Row launch_rows[] = {
  { "launch-date", N_("Launch Date (YYYY-MM-DD)") }, { "review-due", N_("Review Due (YYYY-MM-DD)") },
  { "actual", N_("Actual Value") }, { "verdict", N_("Verdict") }, { "review-note", N_("Review Note") },
  { NULL, NULL },
};

static const Group groups[] = {
  { N_("What"), what_rows },
  { N_("Priority"), priority_rows },
  { N_("Alignment"), alignment_rows },
  { N_("Value Hypothesis"), hypothesis_rows },
  { N_("After Launch"), launch_rows },
};

struct _VlItemPanel
{
  GtkWidget            parent_instance;

  GtkWidget           *scroller;
  GtkWidget           *box;
  GtkWidget           *placeholder;
  AdwPreferencesGroup *conflict_group;
  GPtrArray           *conflict_rows;
  AdwPreferencesGroup *history_group;
  GPtrArray           *history_rows;
  GHashTable          *rows;        /* field → row widget */
  VlRecord            *item;
  GSignalGroup        *item_signals;
  GSignalGroup        *document_signals;
  GListModel          *history;
  gboolean             updating;
};

G_DEFINE_FINAL_TYPE (VlItemPanel, vl_item_panel, GTK_TYPE_WIDGET)

enum { SHOW_ITEM, N_SIGNALS };
static guint signals[N_SIGNALS];

static const VlField *
field_info (const char *field)
{
  return &vl_kind_info (VL_KIND_ITEM)->fields[vl_kind_find_field (VL_KIND_ITEM, field)];
}

/* ---- references ------------------------------------------------------- */

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

/* The rows a reference can point to, "None" first. */
static GListModel *
ref_choices (VlItemPanel   *self,
             const VlField *f)
{
  VlDocument *doc = vl_record_get_document (self->item);
  g_autoptr(GListModel) all = vl_document_list (doc, f->ref_kind, NULL, NULL);
  GtkStringList *labels = gtk_string_list_new (NULL);
  GPtrArray *targets = g_ptr_array_new_with_free_func (unref_if_set);

  gtk_string_list_append (labels, _("None"));
  g_ptr_array_add (targets, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      VlRecord *r = g_list_model_get_item (all, i);

      if (r == self->item)
        {
          g_object_unref (r);
          continue;
        }
      gtk_string_list_append (labels, vl_record_get_title (r));
      g_ptr_array_add (targets, r);
    }
  g_object_set_data_full (G_OBJECT (labels), "targets", targets, (GDestroyNotify) g_ptr_array_unref);
  return G_LIST_MODEL (labels);
}

/* ---- rows --------------------------------------------------------------- */

static void
update_row (VlItemPanel *self,
            const char  *field)
{
  GtkWidget *row = g_hash_table_lookup (self->rows, field);
  const VlField *f;
  g_autofree char *text = NULL;

  if (row == NULL || self->item == NULL)
    return;
  f = field_info (field);
  self->updating = TRUE;
  if (f->type == VL_FIELD_ENUM)
    adw_combo_row_set_selected (ADW_COMBO_ROW (row), (guint) vl_record_get_int (self->item, field));
  else if (f->type == VL_FIELD_BOOL)
    gtk_switch_set_active (g_object_get_data (G_OBJECT (row), "switch"),
                           vl_record_get_int (self->item, field) != 0);
  else if (f->type == VL_FIELD_REF)
    {
      GListModel *choices = ref_choices (self, f);
      GPtrArray *targets = g_object_get_data (G_OBJECT (choices), "targets");
      gint64 id = vl_record_get_ref_id (self->item, field);
      guint selected = 0;

      for (guint i = 1; i < targets->len; i++)
        if (vl_record_get_rowid (targets->pdata[i]) == id)
          selected = i;
      adw_combo_row_set_model (ADW_COMBO_ROW (row), choices);
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
      g_object_unref (choices);
    }
  else if (g_object_get_data (G_OBJECT (row), "text-view") != NULL)
    {
      GtkWidget *view = g_object_get_data (G_OBJECT (row), "text-view");
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

      /* Not under the user's fingers: what they type is written on leaving
       * (a later write, so the other value is kept as a conflict). */
      GtkTextIter start, end;
      g_autofree char *typed = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      typed = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      if (gtk_widget_has_focus (view) && g_strcmp0 (typed, g_object_get_data (G_OBJECT (view), "shown")) != 0)
        {
          self->updating = FALSE;
          return;
        }
      text = vl_record_format_field (self->item, field);
      gtk_text_buffer_set_text (buffer, text, -1);
      g_object_set_data_full (G_OBJECT (view), "shown", g_strdup (text), g_free);
    }
  else
    {
      text = vl_record_format_field (self->item, field);
      gtk_editable_set_text (GTK_EDITABLE (row), text);
      gtk_widget_remove_css_class (row, "error");
    }
  self->updating = FALSE;
}

static void
write_entry (VlItemPanel *self,
             GtkWidget   *row,
             const char  *field,
             const char  *text)
{
  g_autoptr(GError) error = NULL;

  if (!vl_record_set_from_text (self->item, field, text, &error))
    {
      gtk_widget_add_css_class (row, "error");
      if (error != NULL)
        vl_toast (GTK_WIDGET (self), error->message, FALSE);
      return;
    }
  update_row (self, field);
}

typedef struct
{
  VlItemPanel *panel;
  VlRecord    *item;
  GtkWidget   *row;
  const char  *field;   /* static: from the row tables */
  char        *text;
} Change;

static void
change_free (gpointer  data,
             GClosure *closure)
{
  Change *c = data;

  g_clear_object (&c->panel);
  g_clear_object (&c->item);
  g_clear_object (&c->row);
  g_free (c->text);
  g_free (c);
}

static void
hypothesis_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        Change           *c)
{
  if (g_str_equal (response, "change") && c->panel->item == c->item)
    write_entry (c->panel, c->row, c->field, c->text);
  else if (c->panel->item == c->item)
    update_row (c->panel, c->field);   /* the frozen value stays */
}

static void
entry_apply_cb (AdwEntryRow *row,
                VlItemPanel *self)
{
  const char *field = g_object_get_data (G_OBJECT (row), "field");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *shown = NULL;
  GtkWidget *dialog;
  Change *c;

  if (self->item == NULL)
    return;
  shown = vl_record_format_field (self->item, field);
  if (!vl_item_is_hypothesis_field (field) || !vl_item_hypothesis_frozen (self->item) || g_str_equal (shown, text))
    {
      write_entry (self, GTK_WIDGET (row), field, text);
      return;
    }
  /* Launched: the review measures against this hypothesis. */
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Change the Hypothesis After Launch?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” launched with this hypothesis, and its value review measures against it. "
                                    "The change is kept in the item’s status history."),
                                  vl_record_get_title (self->item));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Keep It"), "change",
                                    _("_Change the Hypothesis"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "change", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  c = g_new0 (Change, 1);
  c->panel = g_object_ref (self);
  c->item = g_object_ref (self->item);
  c->row = g_object_ref (GTK_WIDGET (row));
  c->field = field;
  c->text = g_strdup (text);
  g_signal_connect_data (dialog, "response", G_CALLBACK (hypothesis_response_cb), c, change_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A multi-line text is written when it loses the focus, or on Ctrl+Enter
 * (Enter is a new line). */
static void
text_commit (VlItemPanel *self,
             GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  const char *field = g_object_get_data (G_OBJECT (view), "field");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->item == NULL || self->updating)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (text, g_object_get_data (G_OBJECT (view), "shown")) == 0)
    return;
  if (!vl_record_set_from_text (self->item, field, text, &error) && error != NULL)
    vl_toast (GTK_WIDGET (self), error->message, FALSE);
  g_object_set_data_full (G_OBJECT (view), "shown", g_steal_pointer (&text), g_free);
}

static void
text_focus_leave_cb (GtkEventControllerFocus *focus,
                     VlItemPanel             *self)
{
  text_commit (self, GTK_TEXT_VIEW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus))));
}

static gboolean
text_key_cb (GtkEventControllerKey *keys,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             VlItemPanel           *self)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && (state & GDK_CONTROL_MASK))
    {
      text_commit (self, GTK_TEXT_VIEW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (keys))));
      return TRUE;
    }
  return FALSE;
}

/* A titled row holding a text view of a few lines, for the description
 * and the review note. */
static GtkWidget *
make_text_row (VlItemPanel *self,
               const Row   *r)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *label = gtk_label_new (_(r->label));
  GtkWidget *view = gtk_text_view_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_set_size_request (view, -1, 66);
  gtk_widget_add_css_class (view, "inline");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _(r->label), -1);
  gtk_widget_set_tooltip_text (view, _("Saved when you leave the field, or with Ctrl+Enter"));
  g_object_set_data (G_OBJECT (view), "field", (gpointer) r->field);
  g_signal_connect (focus, "leave", G_CALLBACK (text_focus_leave_cb), self);
  gtk_widget_add_controller (view, focus);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (text_key_cb), self);
  gtk_widget_add_controller (view, keys);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), view);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(r->label));
  g_object_set_data (G_OBJECT (row), "text-view", view);
  g_object_set_data (G_OBJECT (row), "field", (gpointer) r->field);
  g_hash_table_insert (self->rows, (gpointer) r->field, row);
  return row;
}

static void
combo_selected_cb (AdwComboRow *row,
                   GParamSpec  *pspec,
                   VlItemPanel *self)
{
  const char *field = g_object_get_data (G_OBJECT (row), "field");
  const VlField *f = field_info (field);
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating || self->item == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (f->type == VL_FIELD_ENUM)
    g_object_set (self->item, field, (int) selected, NULL);
  else
    {
      GPtrArray *targets = g_object_get_data (G_OBJECT (adw_combo_row_get_model (row)), "targets");

      g_object_set (self->item, field, selected < targets->len ? targets->pdata[selected] : NULL, NULL);
    }
}

static void
switch_cb (GtkSwitch   *sw,
           GParamSpec  *pspec,
           VlItemPanel *self)
{
  if (!self->updating && self->item != NULL)
    g_object_set (self->item, g_object_get_data (G_OBJECT (sw), "field"),
                  gtk_switch_get_active (sw), NULL);
}

static GtkWidget *
make_row (VlItemPanel *self,
          const Row   *r)
{
  const VlField *f = field_info (r->field);
  GtkWidget *row;

  if (g_str_equal (r->field, "description") || g_str_equal (r->field, "review-note"))
    return make_text_row (self, r);
  if (f->type == VL_FIELD_ENUM || f->type == VL_FIELD_REF)
    {
      row = adw_combo_row_new ();
      if (f->type == VL_FIELD_ENUM)
        {
          g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
          const char *unset = g_str_equal (r->field, "verdict") ? _("Not reviewed") : _("Not set");

          for (guint i = 0; i < vl_enum_n_values (r->field); i++)
            gtk_string_list_append (list, vl_enum_label (r->field, (int) i) ? vl_enum_label (r->field, (int) i)
                                                                            : unset);
          adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
        }
      g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), self);
      if (g_str_equal (r->field, "upstream"))
        {
          GtkWidget *go = gtk_button_new_from_icon_name ("go-jump-symbolic");

          gtk_widget_set_valign (go, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (go, _("Go to the upstream demand"));
          gtk_widget_add_css_class (go, "flat");
          g_signal_connect_swapped (go, "clicked", G_CALLBACK (vl_item_panel_show_upstream), self);
          adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (row), FALSE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), go);
        }
    }
  else if (f->type == VL_FIELD_BOOL)
    {
      GtkWidget *sw = gtk_switch_new ();

      row = adw_action_row_new ();
      gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
      g_object_set_data (G_OBJECT (row), "switch", sw);
      g_object_set_data (G_OBJECT (sw), "field", (gpointer) r->field);
      g_signal_connect (sw, "notify::active", G_CALLBACK (switch_cb), self);
    }
  else
    {
      row = adw_entry_row_new ();
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_signal_connect (row, "apply", G_CALLBACK (entry_apply_cb), self);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(r->label));
  g_object_set_data (G_OBJECT (row), "field", (gpointer) r->field);
  g_hash_table_insert (self->rows, (gpointer) r->field, row);
  return row;
}

/* ---- conflicts and history ---------------------------------------------- */

static void
use_conflict_cb (GtkButton   *button,
                 VlItemPanel *self)
{
  VlConflict *c = g_object_get_data (G_OBJECT (button), "conflict");
  g_autoptr(GError) error = NULL;

  if (!vl_record_use_conflict (self->item, c, &error))
    vl_toast (GTK_WIDGET (self), error->message, FALSE);
}

static void refresh_conflicts (VlItemPanel *self);

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, rows->pdata[i]);
  g_ptr_array_set_size (rows, 0);
}

static void
refresh_conflicts (VlItemPanel *self)
{
  const VlKindInfo *info = vl_kind_info (VL_KIND_ITEM);

  clear_rows (self->conflict_group, self->conflict_rows);
  for (guint i = 0; self->item != NULL && i < info->n_fields; i++)
    {
      const VlField *f = &info->fields[i];
      g_autoptr(GPtrArray) conflicts = NULL;

      if ((int) i == info->rank)
        continue;
      conflicts = vl_record_dup_conflicts (self->item, f->name);
      g_ptr_array_set_free_func (conflicts, NULL);   /* each row's button takes its own */
      for (guint j = 0; j < conflicts->len; j++)
        {
          VlConflict *c = conflicts->pdata[j];
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *use = gtk_button_new_with_mnemonic (_("_Use This Value"));
          g_autofree char *subtitle = g_strdup_printf (_("%s wrote: %s"), c->device, c->text);
          GtkWidget *field_row = g_hash_table_lookup (self->rows, f->name);

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);   /* user text */
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                         field_row ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (field_row))
                                                   : f->name);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          gtk_widget_set_valign (use, GTK_ALIGN_CENTER);
          g_object_set_data_full (G_OBJECT (use), "conflict", c, (GDestroyNotify) vl_conflict_free);
          g_signal_connect (use, "clicked", G_CALLBACK (use_conflict_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), use);
          adw_preferences_group_add (self->conflict_group, row);
          g_ptr_array_add (self->conflict_rows, row);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->conflict_group), self->conflict_rows->len > 0);
}

static void
refresh_history (VlItemPanel *self)
{
  clear_rows (self->history_group, self->history_rows);
  for (guint i = self->history ? g_list_model_get_n_items (self->history) : 0; i > 0; i--)
    {
      g_autoptr(VlRecord) t = g_list_model_get_item (self->history, i - 1);
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (vl_record_get_int (t, "at") / 1000);
      g_autofree char *when = g_date_time_format (at, "%Y-%m-%d %H:%M");
      const char *note = vl_record_get_string (t, "note");
      g_autofree char *title = NULL, *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      if (note != NULL && *note != '\0')
        {
          /* A hypothesis changed after launch, and what changed. */
          title = g_strdup (_("Hypothesis changed after launch"));
          subtitle = g_strdup_printf ("%s · %s", note, when);
        }
      else
        {
          title = g_strdup_printf ("%s → %s", vl_enum_label ("status", (int) vl_record_get_int (t, "from")),
                                   vl_enum_label ("status", (int) vl_record_get_int (t, "to")));
          subtitle = g_strdup (when);
        }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_group_add (self->history_group, row);
      g_ptr_array_add (self->history_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), self->history_rows->len > 0);
}

static void
item_notify_cb (VlRecord    *item,
                GParamSpec  *pspec,
                VlItemPanel *self)
{
  update_row (self, pspec->name);
  refresh_conflicts (self);
}

/* ---- public ------------------------------------------------------------ */

void
vl_item_panel_set_item (VlItemPanel *self,
                        VlRecord    *item)
{
  GHashTableIter iter;
  gpointer field, row;

  g_return_if_fail (VL_IS_ITEM_PANEL (self));
  g_return_if_fail (item == NULL || VL_IS_ITEM (item));

  if (self->item == item)
    return;
  /* Text being typed belongs to the item shown until now. */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    if (g_object_get_data (row, "text-view") != NULL)
      text_commit (self, g_object_get_data (row, "text-view"));
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->history);
  g_set_object (&self->item, item);
  g_signal_group_set_target (self->item_signals, item);
  g_signal_group_set_target (self->document_signals, item ? vl_record_get_document (item) : NULL);
  gtk_widget_set_visible (self->box, item != NULL);
  gtk_widget_set_visible (self->placeholder, item == NULL);
  if (item != NULL)
    {
      self->history = vl_document_list (vl_record_get_document (item), VL_KIND_TRANSITION, "item", item);
      g_signal_connect_swapped (self->history, "items-changed", G_CALLBACK (refresh_history), self);
      g_hash_table_iter_init (&iter, self->rows);
      while (g_hash_table_iter_next (&iter, &field, NULL))
        update_row (self, field);
    }
  refresh_conflicts (self);
  refresh_history (self);
}

VlRecord *
vl_item_panel_get_item (VlItemPanel *self)
{
  g_return_val_if_fail (VL_IS_ITEM_PANEL (self), NULL);
  return self->item;
}

GtkWidget *
vl_item_panel_get_row (VlItemPanel *self,
                       const char  *field)
{
  g_return_val_if_fail (VL_IS_ITEM_PANEL (self), NULL);
  return g_hash_table_lookup (self->rows, field);
}

guint
vl_item_panel_get_n_conflicts (VlItemPanel *self)
{
  g_return_val_if_fail (VL_IS_ITEM_PANEL (self), 0);
  return self->conflict_rows->len;
}

/**
 * vl_item_panel_show_upstream:
 *
 * Asks the page to show the item's upstream demand (#VlItemPanel::show-item).
 */
void
vl_item_panel_show_upstream (VlItemPanel *self)
{
  g_autoptr(VlRecord) upstream = NULL;

  g_return_if_fail (VL_IS_ITEM_PANEL (self));
  if (self->item == NULL || (upstream = vl_record_dup_ref (self->item, "upstream")) == NULL)
    return;
  g_signal_emit (self, signals[SHOW_ITEM], 0, upstream);
}

GtkWidget *
vl_item_panel_new (void)
{
  return g_object_new (VL_TYPE_ITEM_PANEL, NULL);
}

static void
vl_item_panel_dispose (GObject *object)
{
  VlItemPanel *self = VL_ITEM_PANEL (object);

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->history);
  if (self->item_signals != NULL)
    g_signal_group_set_target (self->item_signals, NULL);
  g_clear_object (&self->item_signals);
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->item);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->placeholder, gtk_widget_unparent);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->conflict_rows, g_ptr_array_unref);
  g_clear_pointer (&self->history_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (vl_item_panel_parent_class)->dispose (object);
}

static void
vl_item_panel_class_init (VlItemPanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = vl_item_panel_dispose;
  /**
   * VlItemPanel::show-item:
   * @item: an item to show where it lives (its backlog)
   */
  signals[SHOW_ITEM] = g_signal_new ("show-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1, VL_TYPE_ITEM);
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "vlitempanel");
}

static void
vl_item_panel_init (VlItemPanel *self)
{
  GtkWidget *clamp = adw_clamp_new ();

  self->rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->conflict_rows = g_ptr_array_new ();
  self->history_rows = g_ptr_array_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->placeholder = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->placeholder), "view-reveal-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->placeholder), _("No Item Selected"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->placeholder),
                                   _("Select one item to see and edit all of its fields."));
  gtk_widget_set_vexpand (self->placeholder, TRUE);
  gtk_widget_set_parent (self->placeholder, GTK_WIDGET (self));

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (self->box, 18);
  gtk_widget_set_margin_bottom (self->box, 18);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);

  self->conflict_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->conflict_group, _("Changed on Two Devices"));
  adw_preferences_group_set_description (self->conflict_group,
                                         _("These values were written on another device at the same "
                                           "time and lost. Nothing was thrown away: pick one, or edit "
                                           "the field."));
  gtk_widget_set_visible (GTK_WIDGET (self->conflict_group), FALSE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->conflict_group));

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(groups[g].title));
      for (const Row *r = groups[g].rows; r->field != NULL; r++)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), make_row (self, r));
      gtk_box_append (GTK_BOX (self->box), group);
    }
  self->history_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->history_group, _("Status History"));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->history_group));

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 560);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->box);
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), clamp);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  gtk_widget_set_visible (self->box, FALSE);
  g_object_bind_property (self->box, "visible", self->scroller, "visible", G_BINDING_SYNC_CREATE);

  self->item_signals = g_signal_group_new (VL_TYPE_ITEM);
  g_signal_group_connect (self->item_signals, "notify", G_CALLBACK (item_notify_cb), self);
  self->document_signals = g_signal_group_new (VL_TYPE_DOCUMENT);
  g_signal_group_connect_swapped (self->document_signals, "merged", G_CALLBACK (refresh_conflicts), self);
}
