/* vl-value-page-sections.c — the Value page's value loops, P1 demands and portfolio
 *
 * Three of the page's four sections (the review is the page's own): each
 * value loop with its hypothesis, metric and items, editable in place; the
 * P1 demands of the company and how they stand; the portfolio, the share
 * of cost per AARRR stage against its targets, month by month.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-value-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vl-labels.h"
#include "vl-okr.h"
#include "vl-value-page-private.h"

/* ---- value loops ------------------------------------------------------------ */

typedef struct
{
  VlRecord   *loop;
  const char *field;   /* static */
} LoopField;

static void
loop_field_free (gpointer data,
                 GClosure *closure)
{
  LoopField *f = data;

  g_object_unref (f->loop);
  g_free (f);
}

static void
loop_field_applied (AdwEntryRow *row,
                    LoopField   *f)
{
  g_object_set (f->loop, f->field, gtk_editable_get_text (GTK_EDITABLE (row)), NULL);
}

static GtkWidget *
loop_entry (VlRecord   *loop,
            const char *field,
            const char *title)
{
  GtkWidget *row = adw_entry_row_new ();
  LoopField *f = g_new0 (LoopField, 1);

  f->loop = g_object_ref (loop);
  f->field = field;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), vl_record_get_string (loop, field));
  g_signal_connect_data (row, "apply", G_CALLBACK (loop_field_applied), f, loop_field_free, 0);
  return row;
}

/* One loop on screen: its group and the rows that change with the plan.
 * The rows stay while the loops stay the same, so an edit in place keeps
 * its focus. */
typedef struct
{
  gint64       loop;
  GtkWidget   *group;
  AdwEntryRow *entries[4];
  GtkWidget   *items, *verdicts, *cost, *change;
  GPtrArray   *item_rows;   /* the items' rows in the expander */
  char        *shown;       /* what they show: made again only when it changes */
} LoopView;

static const char *loop_fields[] = { "name", "hypothesis", "owner", "metric" };
static const char *loop_titles[] = { N_("Name"), N_("Hypothesis"), N_("Owner"), N_("Metric") };

static LoopView *
loop_view_new (VlValuePage *self,
               VlRecord    *loop)
{
  LoopView *v = g_new0 (LoopView, 1);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add Items…"));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  v->loop = vl_record_get_rowid (loop);
  v->group = adw_preferences_group_new ();
  v->item_rows = g_ptr_array_new ();
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_tooltip_text (add, _("Add Backlog Items to This Value Loop"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "value.add-to-loop");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (add), "x", v->loop);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Delete This Value Loop"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "value.delete-loop");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", v->loop);
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (buttons), add);
  gtk_box_append (GTK_BOX (buttons), remove);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (v->group), buttons);
  for (guint f = 0; f < G_N_ELEMENTS (loop_fields); f++)
    {
      v->entries[f] = ADW_ENTRY_ROW (loop_entry (loop, loop_fields[f], _(loop_titles[f])));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (v->group), GTK_WIDGET (v->entries[f]));
    }
  v->items = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (v->items), _("Items"));
  v->verdicts = vl_value_page_info_row (_("Verdicts"), "");
  v->cost = vl_value_page_info_row (_("Total Cost"), "");
  v->change = vl_value_page_info_row (_("Change"), "");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (v->group), v->items);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (v->group), v->verdicts);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (v->group), v->cost);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (v->group), v->change);
  gtk_box_append (self->loops_box, v->group);
  return v;
}

void
vl_value_page_free_loop_view (gpointer data)
{
  LoopView *v = data;

  g_ptr_array_unref (v->item_rows);
  g_free (v->shown);
  g_free (v);
}

/* The loop's items in its expander, each with a button that takes it
 * out of the loop (the item stays in its backlog). */
static void
loop_view_show_items (LoopView *v,
                      VlRecord *loop)
{
  g_autoptr(GListModel) items = vl_document_list (vl_record_get_document (loop), VL_KIND_ITEM, "value-loop", loop);
  g_autoptr(GString) shown = g_string_new (NULL);

  /* The rows stay while they would show the same (a button being pressed
   * and the focus stay with them). */
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(VlRecord) item = g_list_model_get_item (items, i);
      g_autoptr(VlRecord) backlog = vl_record_dup_ref (item, "backlog");

      g_string_append_printf (shown, "%" G_GINT64_FORMAT "\x1f%s\x1f%s\x1f%" G_GINT64_FORMAT "\x1e",
                              vl_record_get_rowid (item), vl_record_get_title (item),
                              backlog != NULL ? vl_record_get_title (backlog) : "", vl_record_get_int (item, "status"));
    }
  if (g_strcmp0 (shown->str, v->shown) == 0)
    return;
  g_free (v->shown);
  v->shown = g_strdup (shown->str);
  for (guint i = 0; i < v->item_rows->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (v->items), v->item_rows->pdata[i]);
  g_ptr_array_set_size (v->item_rows, 0);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(VlRecord) item = g_list_model_get_item (items, i);
      g_autoptr(VlRecord) backlog = vl_record_dup_ref (item, "backlog");
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", backlog != NULL ? vl_record_get_title (backlog) : "",
                                                   vl_enum_label ("status", (int) vl_record_get_int (item, "status")));
      GtkWidget *row = vl_value_page_info_row (vl_record_get_title (item), subtitle);
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      g_autofree char *said = g_strdup_printf (_("Take “%s” Out of the Loop"), vl_record_get_title (item));

      gtk_widget_remove_css_class (row, "property");
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (remove, said);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "value.remove-from-loop");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", vl_record_get_rowid (item));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (v->items), row);
      g_ptr_array_add (v->item_rows, row);
    }
}

static void
loop_view_update (LoopView *v,
                  VlRecord *loop)
{
  g_autofree char *items = NULL, *verdicts = NULL, *change = NULL, *cost = NULL;
  const char *metric = vl_record_get_string (loop, "metric");
  VlLoopStats s;

  GtkRoot *root = gtk_widget_get_root (v->group);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  vl_value_loop_stats (loop, &s);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (v->group), vl_record_get_title (loop));
  /* A row being typed in keeps what is typed. */
  for (guint f = 0; f < G_N_ELEMENTS (loop_fields); f++)
    if (focus == NULL || (focus != GTK_WIDGET (v->entries[f]) && !gtk_widget_is_ancestor (focus, GTK_WIDGET (v->entries[f]))))
      gtk_editable_set_text (GTK_EDITABLE (v->entries[f]), vl_record_get_string (loop, loop_fields[f]));
  items = g_strdup_printf (_("%u in all: %u planned or in progress, %u launched, %u reviewed"), s.n_items,
                           s.by_status[VL_STATUS_IDEA] + s.by_status[VL_STATUS_READY] +
                           s.by_status[VL_STATUS_PLANNED] + s.by_status[VL_STATUS_IN_PROGRESS],
                           s.by_status[VL_STATUS_LAUNCHED], s.by_status[VL_STATUS_REVIEWED]);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (v->items), items);
  loop_view_show_items (v, loop);
  verdicts = g_strdup_printf (_("%u validated, %u invalidated, %u inconclusive"),
                              s.by_verdict[VL_VERDICT_VALIDATED], s.by_verdict[VL_VERDICT_INVALIDATED],
                              s.by_verdict[VL_VERDICT_INCONCLUSIVE]);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (v->verdicts), verdicts);
  cost = g_strdup_printf ("%g", s.cost);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (v->cost), cost);
  if (*metric == '\0')
    change = g_strdup (_("Give the loop a metric to add up its items’ changes"));
  else
    change = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Expected %+g, actual %+g (%u item measured)",
                                           "Expected %+g, actual %+g (%u items measured)", s.n_measured),
                              s.expected_change, s.actual_change, s.n_measured);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (v->change), *metric != '\0' ? metric : _("Change"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (v->change), change);
}

void
vl_value_page_refresh_loops (VlValuePage *self)
{
  g_autoptr(GListModel) loops = NULL;
  guint n;
  gboolean same;

  if (self->document == NULL)
    {
      g_ptr_array_set_size (self->loop_views, 0);
      vl_value_page_clear_box (self->loops_box);
      return;
    }
  loops = vl_document_list (self->document, VL_KIND_VALUE_LOOP, NULL, NULL);
  n = g_list_model_get_n_items (loops);
  same = n == self->loop_views->len;
  for (guint i = 0; same && i < n; i++)
    {
      g_autoptr(VlRecord) loop = g_list_model_get_item (loops, i);

      same = ((LoopView *) self->loop_views->pdata[i])->loop == vl_record_get_rowid (loop);
    }
  if (!same)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_New Value Loop"));

      g_ptr_array_set_size (self->loop_views, 0);
      vl_value_page_clear_box (self->loops_box);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "value.new-loop");
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_box_append (self->loops_box, button);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VlRecord) loop = g_list_model_get_item (loops, i);

          g_ptr_array_add (self->loop_views, loop_view_new (self, loop));
        }
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VlRecord) loop = g_list_model_get_item (loops, i);

      loop_view_update (self->loop_views->pdata[i], loop);
    }
}

/* ---- P1 -------------------------------------------------------------------- */

/* The monthly iterations this month and next month. */
static GPtrArray *
dup_months (VlDocument *doc,
            GDate      *today)
{
  g_autoptr(GListModel) all = vl_document_list (doc, VL_KIND_ITERATION, NULL, NULL);
  GPtrArray *months = g_ptr_array_new_with_free_func (g_object_unref);
  GDate first = *today, last;
  char from[11], to[11];

  g_date_set_day (&first, 1);
  last = first;
  g_date_add_months (&last, 2);
  g_date_subtract_days (&last, 1);
  g_date_strftime (from, sizeof from, "%Y-%m-%d", &first);
  g_date_strftime (to, sizeof to, "%Y-%m-%d", &last);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(VlRecord) it = g_list_model_get_item (all, i);
      const char *start = vl_record_get_string (it, "start"), *end = vl_record_get_string (it, "end");

      if (vl_record_get_int (it, "kind") == VL_ITERATION_KIND_MONTH && start != NULL && end != NULL &&
          g_strcmp0 (end, from) >= 0 && g_strcmp0 (start, to) <= 0)
        g_ptr_array_add (months, g_steal_pointer (&it));
    }
  return months;
}

void
vl_value_page_refresh_p1 (VlValuePage *self)
{
  g_autoptr(GDate) today = vl_okr_today ();
  g_autoptr(GPtrArray) months = NULL;
  g_autoptr(GListModel) items = NULL;

  vl_value_page_clear_box (self->p1_box);
  if (self->document == NULL)
    return;
  months = dup_months (self->document, today);
  items = vl_document_list_where (self->document, VL_KIND_ITEM, "p1", TRUE);
  for (guint m = 0; m < months->len; m++)
    {
      VlRecord *month = months->pdata[m];
      GtkWidget *group = adw_preferences_group_new ();
      guint n = 0;

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), vl_record_get_title (month));
      for (guint i = 0; i < g_list_model_get_n_items (items); i++)
        {
          g_autoptr(VlRecord) item = g_list_model_get_item (items, i);
          g_autoptr(VlRecord) it = vl_record_dup_ref (item, "iteration");
          g_autoptr(VlRecord) parent = it != NULL ? vl_record_dup_ref (it, "parent") : NULL;
          g_autoptr(VlRecord) backlog = NULL;
          g_autofree char *subtitle = NULL;
          VlP1State state;
          GtkWidget *row;

          if (it != month && parent != month)
            continue;
          backlog = vl_record_dup_ref (item, "backlog");
          state = vl_item_get_p1_state (item, today);
          subtitle = g_strdup_printf ("%s · %s · %s", backlog != NULL ? vl_record_get_title (backlog) : "",
                                      vl_enum_label ("status", (int) vl_record_get_int (item, "status")),
                                      vl_p1_state_label (state));
          row = vl_value_page_info_row (vl_record_get_title (item), subtitle);
          gtk_widget_remove_css_class (row, "property");
          if (state == VL_P1_AT_RISK || state == VL_P1_LATE)
            {
              GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

              gtk_widget_add_css_class (icon, state == VL_P1_LATE ? "error" : "warning");
              gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              vl_p1_state_label (state), -1);
              adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
            }
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          n++;
        }
      if (n == 0)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                   vl_value_page_info_row (_("No P1 demands"), _("Mark a demand P1 and plan it in this month")));
      gtk_box_append (self->p1_box, group);
    }
  if (months->len == 0)
    gtk_box_append (self->p1_box, vl_value_page_info_row (_("No monthly iterations this month or next"),
                                            _("P1 demands are chosen for a month: add its iteration")));
}

/* ---- portfolio ----------------------------------------------------------- */

static void
add_shares (VlValuePage          *self,
            VlRecord             *cycle,
            const char           *title,
            VlPortfolioDimension  dimension)
{
  g_autoptr(GError) error = NULL;
  double total = 0;
  g_autoptr(GPtrArray) shares = vl_value_portfolio (self->document, NULL, cycle, dimension, &total, &error);
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (dimension == VL_PORTFOLIO_STAGE)
    {
      GtkWidget *targets = gtk_button_new_with_mnemonic (_("Set _Targets…"));

      gtk_widget_add_css_class (targets, "flat");
      gtk_widget_set_valign (targets, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (targets), "value.set-targets");
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), targets);
      g_autofree char *described = NULL;

      if (cycle != NULL)
        /* Translators: %s is the cycle's name, "2026 H2" */
        described = g_strdup_printf (_("Open cost is planned work; delivered is what launched in %s. "
                                       "A stage more than 10 points off its target is marked."),
                                     vl_record_get_title (cycle));
      else
        described = g_strdup (_("Open cost is planned work; delivered is launched or reviewed. "
                                "A stage more than 10 points off its target is marked."));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), described);
    }
  for (guint i = 0; shares != NULL && i < shares->len; i++)
    {
      VlShare *s = g_ptr_array_index (shares, i);
      double share = total > 0 ? s->cost / total : 0;
      double target = dimension == VL_PORTFOLIO_STAGE && s->key != VL_AARRR_NONE
                      ? vl_document_get_aarrr_target (self->document, (VlAarrr) s->key) : NAN;
      g_autofree char *numbers = g_strdup_printf (_("%.0f %% · cost %g: %g open, %g delivered · %u items"),
                                                  share * 100, s->cost, s->open, s->delivered, s->n_items);
      GtkWidget *row, *bar = gtk_level_bar_new_for_interval (0, 1);

      if (!isnan (target))
        {
          /* Translators: after a stage's share: its target and how far off it is, in percentage points. */
          g_autofree char *with = g_strdup_printf (_("%s · target %.0f %% (%+.0f points)"), numbers, target * 100,
                                                   (share - target) * 100);

          g_free (numbers);
          numbers = g_steal_pointer (&with);
        }
      row = vl_value_page_info_row (s->name, numbers);
      if (!isnan (target) && fabs (share - target) > 0.10)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          gtk_widget_add_css_class (icon, "warning");
          gtk_widget_set_tooltip_text (icon, _("More than 10 points off its target"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("More than 10 points off its target"), -1);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
        }
      gtk_widget_remove_css_class (row, "property");
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), share);
      gtk_widget_set_size_request (bar, 160, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, numbers, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (self->portfolio_box, group);
}

void
vl_value_page_refresh_portfolio (VlValuePage *self)
{
  g_autoptr(GDate) today = vl_okr_today ();
  g_autoptr(VlRecord) cycle = NULL;

  vl_value_page_clear_box (self->portfolio_box);
  if (self->document == NULL)
    return;
  /* Delivered: what launched in the cycle under way (DESIGN §11). */
  cycle = vl_document_dup_current_cycle (self->document, today);
  add_shares (self, cycle, _("Cost by AARRR Stage"), VL_PORTFOLIO_STAGE);
  add_shares (self, cycle, _("Cost by Key Result"), VL_PORTFOLIO_KEY_RESULT);
  add_shares (self, cycle, _("Cost by Backlog"), VL_PORTFOLIO_BACKLOG);
}

