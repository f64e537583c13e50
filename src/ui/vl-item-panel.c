/* vl-item-panel.c — every field of one item (DESIGN §1), edited in place
 *
 * Rows are made from the field tables, each a VlFieldRow (as in the goal
 * panel): text, numbers and dates are entry rows applied through
 * vl_record_set_from_text() (the same parser as the CLI, so an impossible
 * date is refused the same way), enums and references are combo rows,
 * flags are switches. Every row follows its field's notify, so an edit from the board, an undo or a merge shows at
 * once. Values that lost a concurrent edit on another device are listed
 * first, with "Use This Value".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-item-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "vl-actions.h"
#include "vl-conflicts.h"
#include "vl-enums.h"
#include "vl-field-row.h"
#include "vl-hypothesis-dialog.h"
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
  GHashTable          *rows;        /* field → VlFieldRow */
  GPtrArray           *conflicts;   /* VlConflict, the conflict rows' */
  VlRecord            *item;
  GSignalGroup        *item_signals;
  GSignalGroup        *document_signals;
  GListModel          *history;
  gboolean             updating;
};

G_DEFINE_FINAL_TYPE (VlItemPanel, vl_item_panel, GTK_TYPE_WIDGET)

enum { SHOW_ITEM, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- rows --------------------------------------------------------------- */

static void
update_row (VlItemPanel *self,
            const char  *field)
{
  VlFieldRow *row = g_hash_table_lookup (self->rows, field);

  if (row != NULL)
    vl_field_row_update (row);
}

/* A launched item's hypothesis is what its review measures against: a
 * change is asked about first (and then kept in its status history). */
static gboolean
confirm_hypothesis_cb (VlFieldRow  *row,
                       const char  *text,
                       VlItemPanel *self)
{
  const char *field = vl_field_row_get_field (row);
  g_autofree char *shown = vl_record_format_field (self->item, field);

  if (!vl_item_is_hypothesis_field (field) || !vl_item_hypothesis_frozen (self->item) || g_str_equal (shown, text))
    return TRUE;
  vl_hypothesis_dialog_new (self, row, text);
  return FALSE;
}

static GtkWidget *
make_row (VlItemPanel *self,
          const Row   *r)
{
  gboolean lines = g_str_equal (r->field, "description") || g_str_equal (r->field, "review-note");
  VlFieldRow *row = vl_field_row_new (VL_KIND_ITEM, r->field, _(r->label),
                                      lines ? VL_FIELD_ROW_MULTILINE : VL_FIELD_ROW_DEFAULT);
  GtkWidget *widget = vl_field_row_get_widget (row);

  if (g_str_equal (r->field, "verdict"))
    vl_field_row_set_unset_label (row, _("Not reviewed"));
  if (vl_item_is_hypothesis_field (r->field))
    vl_field_row_set_confirm (row, (VlFieldConfirm) confirm_hypothesis_cb, self);
  if (g_str_equal (r->field, "upstream"))
    {
      GtkWidget *go = gtk_button_new_from_icon_name ("go-jump-symbolic");

      gtk_widget_set_valign (go, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (go, _("Go to the upstream demand"));
      gtk_widget_add_css_class (go, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (go), "panel.show-upstream");
      adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (widget), FALSE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (widget), go);
    }
  g_hash_table_insert (self->rows, (gpointer) r->field, row);
  return widget;
}

/* ---- conflicts and history ---------------------------------------------- */

/* "Use This Value" of the conflict shown in row @param. */
static void
use_value_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  VlItemPanel *self = VL_ITEM_PANEL (widget);
  guint i = g_variant_get_uint32 (param);
  g_autoptr(GError) error = NULL;
  VlConflict *c;
  gboolean used;

  if (self->item == NULL || i >= self->conflicts->len || self->conflicts->pdata[i] == NULL)
    return;
  /* Using it rewrites the item, which lists the conflicts again: the
   * conflict is held out of the list meanwhile. */
  c = g_steal_pointer (&self->conflicts->pdata[i]);
  used = vl_record_use_conflict (self->item, c, &error);
  if (i < self->conflicts->len && self->conflicts->pdata[i] == NULL)
    self->conflicts->pdata[i] = c;   /* not listed again */
  else
    vl_conflict_free (c);
  if (!used)
    vl_toast (GTK_WIDGET (self), error->message, FALSE);
}

static void
show_upstream_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  vl_item_panel_show_upstream (VL_ITEM_PANEL (widget));
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
  g_ptr_array_set_size (self->conflicts, 0);
  for (guint i = 0; self->item != NULL && i < info->n_fields; i++)
    {
      const VlField *f = &info->fields[i];
      g_autoptr(GPtrArray) conflicts = NULL;

      if ((int) i == info->rank)
        continue;
      conflicts = vl_record_dup_conflicts (self->item, f->name);
      g_ptr_array_set_free_func (conflicts, NULL);   /* self->conflicts takes them */
      for (guint j = 0; j < conflicts->len; j++)
        {
          VlConflict *c = conflicts->pdata[j];
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *use = gtk_button_new_with_mnemonic (_("_Use This Value"));
          g_autofree char *subtitle = g_strdup_printf (_("%s wrote: %s"), c->device, c->text);
          VlFieldRow *field_row = g_hash_table_lookup (self->rows, f->name);

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);   /* user text */
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                         field_row ? vl_field_row_get_title (field_row) : f->name);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          gtk_widget_set_valign (use, GTK_ALIGN_CENTER);
          gtk_actionable_set_action_target (GTK_ACTIONABLE (use), "u", self->conflicts->len);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (use), "panel.use-value");
          g_ptr_array_add (self->conflicts, c);
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
  gpointer row;

  g_return_if_fail (VL_IS_ITEM_PANEL (self));
  g_return_if_fail (item == NULL || VL_IS_ITEM (item));

  if (self->item == item)
    return;
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
    }
  /* (Text being typed belongs to the item shown until now: each row
   * writes it before it shows the next.) */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    vl_field_row_set_record (row, item);
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
  VlFieldRow *row;

  g_return_val_if_fail (VL_IS_ITEM_PANEL (self), NULL);
  row = g_hash_table_lookup (self->rows, field);
  return row != NULL ? vl_field_row_get_widget (row) : NULL;
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
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  g_clear_pointer (&self->history_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (vl_item_panel_parent_class)->dispose (object);
}

/* The panel's actions. */
static const VlActionEntry actions[] = {
  { "panel.use-value", use_value_action, "u" },
  { "panel.show-upstream", show_upstream_action },
};

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
  vl_widget_class_add_actions (GTK_WIDGET_CLASS (klass), actions, G_N_ELEMENTS (actions));
}

static void
vl_item_panel_init (VlItemPanel *self)
{
  GtkWidget *clamp = adw_clamp_new ();

  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->conflict_rows = g_ptr_array_new ();
  self->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) vl_conflict_free);
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
