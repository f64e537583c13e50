/* vl-goal-panel.c — every field of an objective or a key result, its
 * progress (saying which number is which), its check-ins with a sparkline,
 * and the backlog items that serve it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-goal-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vl-enums.h"
#include "vl-field-row.h"
#include "vl-goal-panel.h"
#include "vl-labels.h"
#include "vl-okr.h"
#include "vl-toast.h"

typedef struct
{
  const char *field;
  const char *label;
} Row;

static const Row objective_rows[] = {
  { "title", N_("Title") }, { "level", N_("Level") }, { "owner", N_("Owner") },
  { "description", N_("Description") }, { NULL, NULL },
};
static const Row key_result_rows[] = {
  { "title", N_("Title") }, { "owner", N_("Owner") }, { "kind", N_("Kind") },
  { "unit", N_("Unit") }, { "direction", N_("Direction") }, { "baseline", N_("Baseline") },
  { "target", N_("Target") }, { "current", N_("Current Value") }, { "weight", N_("Weight") },
  { "done", N_("Done") }, { "score", N_("End-of-Cycle Score (0–1.0)") }, { NULL, NULL },
};

struct _VlGoalPanel
{
  GtkWidget            parent_instance;

  GtkWidget           *scroller;
  GtkWidget           *placeholder;
  GtkWidget           *objective_box;
  GtkWidget           *key_result_box;
  GHashTable          *rows;          /* "kind:field" → VlFieldRow */
  AdwComboRow         *aligned_row;
  GPtrArray           *aligned_targets;
  AdwPreferencesGroup *objective_progress;
  AdwPreferencesGroup *key_result_progress;
  AdwPreferencesGroup *checkin_group;
  AdwPreferencesGroup *action_group;
  GtkWidget           *sparkline;
  GPtrArray           *dynamic_rows;  /* (group, row) pairs to clear */
  GArray              *points;        /* check-in values for the sparkline */
  VlRecord            *record;
  GSignalGroup        *record_signals;
  char                *progress_text;
  guint                n_checkins, n_actions;
  gboolean             updating;
};

G_DEFINE_FINAL_TYPE (VlGoalPanel, vl_goal_panel, GTK_TYPE_WIDGET)

/* "47%", or an en dash when there is nothing to measure. */
char *
vl_goal_format_percent (double progress)
{
  if (isnan (progress))
    return g_strdup ("–");
  return g_strdup_printf (_("%.0f%%"), progress * 100);
}

/* ---- dynamic rows -------------------------------------------------------- */

static void
clear_dynamic (VlGoalPanel *self)
{
  for (guint i = 0; i + 1 < self->dynamic_rows->len; i += 2)
    adw_preferences_group_remove (self->dynamic_rows->pdata[i], self->dynamic_rows->pdata[i + 1]);
  g_ptr_array_set_size (self->dynamic_rows, 0);
}

static GtkWidget *
add_info_row (VlGoalPanel         *self,
              AdwPreferencesGroup *group,
              const char          *title,
              const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);   /* user text */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->dynamic_rows, group);
  g_ptr_array_add (self->dynamic_rows, row);
  return row;
}

/* ---- objective ------------------------------------------------------------- */

static void
fill_objective_progress (VlGoalPanel *self)
{
  VlRecord *o = self->record;
  g_autoptr(GListModel) krs = vl_document_list (vl_record_get_document (o), VL_KIND_KEY_RESULT,
                                                "objective", o);
  guint n_krs = g_list_model_get_n_items (krs), n_aligned = 0;
  double own = vl_objective_get_progress (o);
  double aligned = vl_objective_get_aligned_progress (o, &n_aligned);
  double total = vl_objective_get_total_progress (o);
  g_autofree char *own_text = vl_goal_format_percent (own);
  g_autofree char *aligned_text = vl_goal_format_percent (aligned);
  g_autofree char *total_text = vl_goal_format_percent (total);
  g_autofree char *own_sub = g_strdup_printf (g_dngettext (NULL, "%s — weighted mean of its %u key result",
                                                           "%s — weighted mean of its %u key results", n_krs),
                                              own_text, n_krs);
  g_autofree char *aligned_sub = g_strdup_printf (g_dngettext (NULL, "%s — mean of the %u objective aligned to it",
                                                               "%s — mean of the %u objectives aligned to it",
                                                               n_aligned),
                                                  aligned_text, n_aligned);
  g_autofree char *total_sub = g_strdup_printf (_("%s — its own key results and each aligned objective count "
                                                  "as one"), total_text);

  add_info_row (self, self->objective_progress, _("Own Progress"), own_sub);
  add_info_row (self, self->objective_progress, _("Aligned Objectives"), aligned_sub);
  add_info_row (self, self->objective_progress, _("Total (Shown in the Outline)"), total_sub);
  g_free (self->progress_text);
  self->progress_text = g_strdup_printf ("%s / %s / %s", own_text, aligned_text, total_text);
}

/* "Aligned To": the objectives it may hang under (not itself or its own
 * subtree), "None" first. */
static void
fill_aligned (VlGoalPanel *self)
{
  VlRecord *o = self->record;
  g_autoptr(GListModel) all = vl_document_list (vl_record_get_document (o), VL_KIND_OBJECTIVE, NULL, NULL);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  gint64 parent = vl_record_get_ref_id (o, "parent");
  guint selected = 0;

  g_ptr_array_set_size (self->aligned_targets, 0);
  gtk_string_list_append (labels, _("None (top of the outline)"));
  g_ptr_array_add (self->aligned_targets, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(VlRecord) r = g_list_model_get_item (all, i);

      if (vl_objective_is_within (r, o))
        continue;
      if (vl_record_get_rowid (r) == parent)
        selected = self->aligned_targets->len;
      gtk_string_list_append (labels, vl_record_get_title (r));
      g_ptr_array_add (self->aligned_targets, g_object_ref (r));
    }
  self->updating = TRUE;
  adw_combo_row_set_model (self->aligned_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->aligned_row, selected);
  self->updating = FALSE;
}

static void
aligned_selected_cb (AdwComboRow *row,
                     GParamSpec  *pspec,
                     VlGoalPanel *self)
{
  guint selected = adw_combo_row_get_selected (row);
  g_autoptr(GError) error = NULL;
  VlRecord *target;
  gboolean ok;

  if (self->updating || self->record == NULL || selected >= self->aligned_targets->len)
    return;
  target = self->aligned_targets->pdata[selected];
  if ((target ? vl_record_get_rowid (target) : 0) == vl_record_get_ref_id (self->record, "parent"))
    return;
  if (target != NULL)
    ok = vl_objective_align (self->record, target, &error);
  else
    ok = vl_objective_outdent (self->record, &error);
  while (ok && target == NULL && vl_record_get_ref_id (self->record, "parent") != 0)
    ok = vl_objective_outdent (self->record, &error);
  if (!ok)
    {
      vl_toast (GTK_WIDGET (self), error->message, FALSE);
      fill_aligned (self);
    }
}

/* ---- key result ---------------------------------------------------------- */

static void
sparkline_draw (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        data)
{
  VlGoalPanel *self = data;
  GArray *p = self->points;
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
  GdkRGBA color;
  const double pad = 5;

  if (p->len == 0)
    return;
  for (guint i = 0; i < p->len; i += 2)
    {
      lo = MIN (lo, g_array_index (p, double, i));
      hi = MAX (hi, g_array_index (p, double, i));
    }
  if (hi - lo < 1e-9)
    {
      lo -= 1;
      hi += 1;
    }
#define X(i) (pad + (p->len > 2 ? (double) (i) / (p->len / 2 - 1) : 0.5) * (width - 2 * pad))
#define Y(v) (height - pad - ((v) - lo) / (hi - lo) * (height - 2 * pad))
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &color);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.6);
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < p->len; i += 2)
    cairo_line_to (cr, X (i / 2), Y (g_array_index (p, double, i)));
  cairo_stroke (cr);
  for (guint i = 0; i < p->len; i += 2)
    {
      /* Each check-in's dot has its confidence colour. */
      switch (vl_okr_confidence_level (g_array_index (p, double, i + 1)))
        {
        case VL_CONFIDENCE_GREEN:
          cairo_set_source_rgb (cr, 0.15, 0.64, 0.41);
          break;
        case VL_CONFIDENCE_YELLOW:
          cairo_set_source_rgb (cr, 0.90, 0.65, 0.04);
          break;
        case VL_CONFIDENCE_RED:
          cairo_set_source_rgb (cr, 0.88, 0.11, 0.14);
          break;
        case VL_CONFIDENCE_NONE:
        default:
          cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.6);
          break;
        }
      cairo_arc (cr, X (i / 2), Y (g_array_index (p, double, i)), 4, 0, 2 * G_PI);
      cairo_fill (cr);
    }
#undef X
#undef Y
}

static const char *
confidence_word (double confidence)
{
  switch (vl_okr_confidence_level (confidence))
    {
    case VL_CONFIDENCE_GREEN:
      return _("on track");
    case VL_CONFIDENCE_YELLOW:
      return _("at risk");
    case VL_CONFIDENCE_RED:
      return _("off track");
    case VL_CONFIDENCE_NONE:
    default:
      return _("no check-in yet");
    }
}

/* The widget of the field row for @key ("key_result:done"). */
static GtkWidget *
row_widget (VlGoalPanel *self,
            const char  *key)
{
  VlFieldRow *row = g_hash_table_lookup (self->rows, key);

  return row != NULL ? vl_field_row_get_widget (row) : NULL;
}

static void
fill_key_result (VlGoalPanel *self)
{
  VlRecord *kr = self->record;
  VlDocument *doc = vl_record_get_document (kr);
  g_autoptr(GPtrArray) checkins = vl_key_result_dup_checkins (kr);
  g_autoptr(GListModel) items = vl_document_list (doc, VL_KIND_ITEM, "key-result", kr);
  g_autoptr(GDate) today = vl_okr_today ();
  gboolean milestone = vl_record_get_int (kr, "kind") == VL_KR_KIND_MILESTONE;
  g_autofree char *progress = vl_goal_format_percent (vl_key_result_get_progress (kr));
  VlRecord *last = checkins->len > 0 ? checkins->pdata[checkins->len - 1] : NULL;
  double confidence = last != NULL ? vl_record_get_number (last, "confidence") : NAN;
  g_autofree char *confidence_text = NULL;
  g_autofree char *last_text = NULL;
  GtkWidget *row;

  /* Metric fields mean nothing to a milestone, and the reverse. */
  gtk_widget_set_visible (row_widget (self, "key_result:done"), milestone);
  for (const char *const *f = (const char *const[]) { "unit", "direction", "baseline", "target", "current", NULL };
       *f != NULL; f++)
    {
      g_autofree char *key = g_strdup_printf ("key_result:%s", *f);

      gtk_widget_set_visible (row_widget (self, key), !milestone);
    }

  add_info_row (self, self->key_result_progress, _("Progress"),
                milestone ? _("A milestone is done or not") : _("From baseline to target, by direction"));
  row = self->dynamic_rows->pdata[self->dynamic_rows->len - 1];
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (progress));
  g_free (self->progress_text);
  self->progress_text = g_strdup (progress);
  confidence_text = isnan (confidence) ? g_strdup (confidence_word (confidence))
                                       : g_strdup_printf ("%.1f — %s", confidence, confidence_word (confidence));
  add_info_row (self, self->key_result_progress, _("Confidence"), confidence_text);
  if (vl_key_result_is_checkin_due (kr, today))
    last_text = last ? g_strdup_printf (_("Due: the last one was on %s"), vl_record_get_string (last, "date"))
                     : g_strdup (_("Due: no check-in yet"));
  else
    last_text = last ? g_strdup_printf (_("Last on %s"), vl_record_get_string (last, "date"))
                     : g_strdup (_("None yet"));
  row = add_info_row (self, self->key_result_progress, _("Check-In"), last_text);
  if (g_str_has_prefix (last_text, _("Due")))
    gtk_widget_add_css_class (row, "warning");

  /* Check-ins, newest first, and the sparkline of their values. */
  g_array_set_size (self->points, 0);
  for (guint i = 0; i < checkins->len; i++)
    {
      double v = vl_record_get_number (checkins->pdata[i], "value");
      double c = vl_record_get_number (checkins->pdata[i], "confidence");

      if (!isnan (v))
        {
          g_array_append_val (self->points, v);
          g_array_append_val (self->points, c);
        }
    }
  gtk_widget_set_visible (self->sparkline, self->points->len >= 4);
  gtk_widget_queue_draw (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (self->sparkline)));
  for (guint i = checkins->len; i > 0; i--)
    {
      VlRecord *c = checkins->pdata[i - 1];
      g_autofree char *value = vl_record_format_field (c, "value");
      g_autofree char *title = g_strdup_printf ("%s · %s %s", vl_record_get_string (c, "date"), value,
                                                milestone ? "" : vl_record_get_string (kr, "unit"));
      g_autofree char *subtitle = g_strdup_printf (_("Confidence %.1f — %s"),
                                                   vl_record_get_number (c, "confidence"),
                                                   vl_record_get_string (c, "note"));

      add_info_row (self, self->checkin_group, title, subtitle);
    }
  self->n_checkins = checkins->len;

  /* The backlog items that serve it: the same link as the item panel's. */
  self->n_actions = g_list_model_get_n_items (items);
  for (guint i = 0; i < self->n_actions; i++)
    {
      g_autoptr(VlRecord) item = g_list_model_get_item (items, i);
      g_autoptr(VlRecord) backlog = vl_record_dup_ref (item, "backlog");
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", vl_enum_label ("status", (int) vl_record_get_int (item, "status")),
                                                   backlog ? vl_record_get_title (backlog) : "");
      GtkWidget *unlink = gtk_button_new_from_icon_name ("list-remove-symbolic");

      row = add_info_row (self, self->action_group, vl_record_get_title (item), subtitle);
      gtk_widget_set_valign (unlink, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (unlink, "flat");
      gtk_widget_set_tooltip_text (unlink, _("Unlink from this key result"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (unlink), "goals.unlink-item");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (unlink), "x", vl_record_get_rowid (item));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), unlink);
    }
  if (self->n_actions == 0)
    add_info_row (self, self->action_group, _("No actions yet"),
                  _("Link the backlog items that move this key result (Ctrl+L)"));
}

/* ---- public ---------------------------------------------------------------- */

void
vl_goal_panel_refresh (VlGoalPanel *self)
{
  GHashTableIter iter;
  gpointer row;
  gboolean objective, key_result;

  g_return_if_fail (VL_IS_GOAL_PANEL (self));

  if (self->record != NULL && vl_record_get_deleted (self->record))
    {
      vl_goal_panel_set_record (self, NULL);
      return;
    }
  objective = self->record != NULL && VL_IS_OBJECTIVE (self->record);
  key_result = self->record != NULL && VL_IS_KEY_RESULT (self->record);
  clear_dynamic (self);
  g_clear_pointer (&self->progress_text, g_free);
  self->n_checkins = self->n_actions = 0;
  gtk_widget_set_visible (self->objective_box, objective);
  gtk_widget_set_visible (self->key_result_box, key_result);
  gtk_widget_set_visible (self->scroller, objective || key_result);
  gtk_widget_set_visible (self->placeholder, !objective && !key_result);
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    if (vl_field_row_get_kind (row) == (objective ? VL_KIND_OBJECTIVE : VL_KIND_KEY_RESULT))
      vl_field_row_set_record (row, self->record);
  if (objective)
    {
      fill_objective_progress (self);
      fill_aligned (self);
    }
  else if (key_result)
    fill_key_result (self);
}

static void
record_notify_cb (VlRecord    *record,
                  GParamSpec  *pspec,
                  VlGoalPanel *self)
{
  g_autofree char *key = g_strdup_printf ("%s:%s", vl_kind_info (vl_record_get_kind (record))->name, pspec->name);
  VlFieldRow *row = g_hash_table_lookup (self->rows, key);

  if (row != NULL)
    vl_field_row_update (row);
}

void
vl_goal_panel_set_record (VlGoalPanel *self,
                          VlRecord    *record)
{
  g_return_if_fail (VL_IS_GOAL_PANEL (self));

  if (record != NULL && !VL_IS_OBJECTIVE (record) && !VL_IS_KEY_RESULT (record))
    record = NULL;
  if (g_set_object (&self->record, record))
    g_signal_group_set_target (self->record_signals, record);
  vl_goal_panel_refresh (self);
}

VlRecord *
vl_goal_panel_get_record (VlGoalPanel *self)
{
  g_return_val_if_fail (VL_IS_GOAL_PANEL (self), NULL);
  return self->record;
}

/**
 * vl_goal_panel_get_row:
 * @field: "objective:title", "key_result:target", … or "aligned"
 */
GtkWidget *
vl_goal_panel_get_row (VlGoalPanel *self,
                       const char  *field)
{
  g_return_val_if_fail (VL_IS_GOAL_PANEL (self), NULL);
  if (g_strcmp0 (field, "aligned") == 0)
    return GTK_WIDGET (self->aligned_row);
  return row_widget (self, field);
}

/* Objective: "own / aligned / total"; key result: its progress. */
const char *
vl_goal_panel_get_progress_text (VlGoalPanel *self)
{
  g_return_val_if_fail (VL_IS_GOAL_PANEL (self), NULL);
  return self->progress_text;
}

guint
vl_goal_panel_get_n_checkins (VlGoalPanel *self)
{
  g_return_val_if_fail (VL_IS_GOAL_PANEL (self), 0);
  return self->n_checkins;
}

guint
vl_goal_panel_get_n_actions (VlGoalPanel *self)
{
  g_return_val_if_fail (VL_IS_GOAL_PANEL (self), 0);
  return self->n_actions;
}

GtkWidget *
vl_goal_panel_new (void)
{
  return g_object_new (VL_TYPE_GOAL_PANEL, NULL);
}

/* ---- construction ------------------------------------------------------------ */

static gboolean
write_level (VlRecord  *objective,
             int        level,
             GError   **error)
{
  return vl_objective_set_level (objective, (VlLevel) level, error);
}

static GtkWidget *
make_group (VlGoalPanel *self,
            GtkWidget   *box,
            VlKind       kind,
            const char  *title,
            const Row   *rows)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  for (const Row *r = rows; r != NULL && r->field != NULL; r++)
    {
      VlFieldRow *row = vl_field_row_new (kind, r->field, _(r->label), VL_FIELD_ROW_DEFAULT);

      if (g_str_equal (r->field, "level"))
        vl_field_row_set_enum_writer (row, write_level);
      if (g_str_equal (r->field, "score"))
        vl_field_row_set_range (row, 0, 1);
      if (g_str_equal (r->field, "weight"))
        vl_field_row_set_range (row, 0, 1000);
      g_hash_table_insert (self->rows, g_strdup_printf ("%s:%s", vl_kind_info (kind)->name, r->field), row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), vl_field_row_get_widget (row));
    }
  gtk_box_append (GTK_BOX (box), group);
  return group;
}

static GtkWidget *
header_button (const char *label,
               const char *action,
               const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static GtkWidget *
make_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  return box;
}

static void
vl_goal_panel_dispose (GObject *object)
{
  VlGoalPanel *self = VL_GOAL_PANEL (object);

  if (self->record_signals != NULL)
    g_signal_group_set_target (self->record_signals, NULL);
  g_clear_object (&self->record_signals);
  g_clear_object (&self->record);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->placeholder, gtk_widget_unparent);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->dynamic_rows, g_ptr_array_unref);
  g_clear_pointer (&self->aligned_targets, g_ptr_array_unref);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->progress_text, g_free);

  G_OBJECT_CLASS (vl_goal_panel_parent_class)->dispose (object);
}

static void
vl_goal_panel_class_init (VlGoalPanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = vl_goal_panel_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "vlgoalpanel");
}

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
vl_goal_panel_init (VlGoalPanel *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *group;

  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->dynamic_rows = g_ptr_array_new ();
  self->aligned_targets = g_ptr_array_new_with_free_func (unref_if_set);
  self->points = g_array_new (FALSE, FALSE, sizeof (double));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->placeholder = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->placeholder), "view-reveal-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->placeholder), _("Nothing Selected"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->placeholder),
                                   _("Select an objective or a key result to see its details, progress "
                                     "and check-ins."));
  gtk_widget_set_vexpand (self->placeholder, TRUE);
  gtk_widget_set_parent (self->placeholder, GTK_WIDGET (self));

  /* Objective */
  self->objective_box = make_box ();
  group = make_group (self, self->objective_box, VL_KIND_OBJECTIVE, _("Objective"), objective_rows);
  self->aligned_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->aligned_row), _("Aligned To"));
  g_signal_connect (self->aligned_row, "notify::selected", G_CALLBACK (aligned_selected_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->aligned_row));
  self->objective_progress = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->objective_progress, _("Progress"));
  gtk_box_append (GTK_BOX (self->objective_box), GTK_WIDGET (self->objective_progress));

  /* Key result */
  self->key_result_box = make_box ();
  make_group (self, self->key_result_box, VL_KIND_KEY_RESULT, _("Key Result"), key_result_rows);
  self->key_result_progress = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->key_result_progress, _("Progress"));
  gtk_box_append (GTK_BOX (self->key_result_box), GTK_WIDGET (self->key_result_progress));

  self->checkin_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->checkin_group, _("Check-Ins"));
  adw_preferences_group_set_header_suffix (self->checkin_group,
                                           header_button (_("_Check In…"), "goals.check-in",
                                                          _("Record today’s value and confidence (Ctrl+I)")));
  /* The trend first, as a row of the list: values over time, each dot in
   * its confidence's colour. */
  self->sparkline = adw_preferences_row_new ();
  {
    GtkWidget *area = gtk_drawing_area_new ();

    gtk_widget_set_size_request (area, -1, 56);
    gtk_widget_set_margin_start (area, 8);
    gtk_widget_set_margin_end (area, 8);
    gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Trend of the checked-in values"), -1);
    gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), sparkline_draw, self, NULL);
    gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self->sparkline), area);
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->sparkline), FALSE);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->sparkline), _("Trend"));
  }
  adw_preferences_group_add (self->checkin_group, self->sparkline);
  gtk_box_append (GTK_BOX (self->key_result_box), GTK_WIDGET (self->checkin_group));

  self->action_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->action_group, _("Actions"));
  adw_preferences_group_set_description (self->action_group, _("Backlog items that serve this key result"));
  adw_preferences_group_set_header_suffix (self->action_group,
                                           header_button (_("_Add Action…"), "goals.link-action",
                                                          _("Link a backlog item (Ctrl+L)")));
  gtk_box_append (GTK_BOX (self->key_result_box), GTK_WIDGET (self->action_group));

  gtk_box_append (GTK_BOX (outer), self->objective_box);
  gtk_box_append (GTK_BOX (outer), self->key_result_box);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 560);
  adw_clamp_set_child (ADW_CLAMP (clamp), outer);
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), clamp);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  self->record_signals = g_signal_group_new (VL_TYPE_RECORD);
  g_signal_group_connect (self->record_signals, "notify", G_CALLBACK (record_notify_cb), self);
  vl_goal_panel_refresh (self);
}
