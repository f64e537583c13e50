/* vl-filter-bar.c — the backlog's search and filters
 *
 * The search (folded in the core's index, not per keystroke per item),
 * status, MoSCoW and AARRR stage, P1 only, and the alignment filters (the
 * key result an item serves, its value loop, its iteration) in a popover
 * whose button says how many are on; then how many items show. The bar
 * emits ::changed and the page applies it to its VlItemSearch
 * (vl_filter_bar_apply()); a saved view keeps the bar's state
 * (vl_filter_bar_save(), vl_filter_bar_restore()), alignment by row uuid
 * so a view means the same on every device. The filters wrap on narrow
 * windows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-filter-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "vl-filter-bar.h"
#include "vl-labels.h"

/* The alignment filters: what an item serves, joins or is planned in. */
static const struct
{
  const char *field;
  VlKind      kind;
  const char *any;
} ref_filters[] = {
  { "key-result", VL_KIND_KEY_RESULT, N_("Any Key Result") },
  { "value-loop", VL_KIND_VALUE_LOOP, N_("Any Value Loop") },
  { "iteration", VL_KIND_ITERATION, N_("Any Iteration") },
};

#define N_REFS G_N_ELEMENTS (ref_filters)

struct _VlFilterBar
{
  GtkWidget        parent_instance;

  GtkFlowBox      *flow;
  GtkSearchEntry  *search_entry;
  GtkDropDown     *status_filter;
  GtkDropDown     *moscow_filter;
  GtkDropDown     *aarrr_filter;
  GtkToggleButton *p1_filter;
  GtkMenuButton   *alignment_button;
  GtkDropDown     *ref_filters[N_REFS];
  GArray          *ref_ids[N_REFS];   /* the rows each alignment drop-down lists */
  GtkLabel        *match_count;

  VlDocument      *document;
  gboolean         quiet;             /* setting many filters: one ::changed at the end */
};

static void vl_filter_bar_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VlFilterBar, vl_filter_bar, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, vl_filter_bar_buildable_init))

static GtkBuildableIface *parent_buildable;

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Position 0 of a filter drop-down is "any": -1; position n is value n - 1. */
static int
enum_choice (GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected - 1;
}

/* Position 0 of an alignment drop-down is "any" (-1), 1 "not set" (0),
 * then the rows. */
static gint64
ref_choice (VlFilterBar *self,
            guint        r)
{
  guint selected = gtk_drop_down_get_selected (self->ref_filters[r]);
  GArray *ids = self->ref_ids[r];

  if (ids == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return -1;
  if (selected == 1 || selected - 2 >= ids->len)
    return 0;
  return g_array_index (ids, gint64, selected - 2);
}

/* The alignment button says how many of its filters are on. */
static void
update_alignment_label (VlFilterBar *self)
{
  guint on = 0;
  g_autofree char *label = NULL;

  for (guint r = 0; r < N_REFS; r++)
    on += ref_choice (self, r) >= 0;
  /* Translators: the alignment filter button with %u filters on */
  label = on ? g_strdup_printf (_("Alignment (%u)"), on) : g_strdup (_("Alignment"));
  gtk_menu_button_set_label (self->alignment_button, label);
}

static void
changed_cb (VlFilterBar *self)
{
  if (self->quiet)
    return;
  update_alignment_label (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* "Any …", "Not Set", then every row of the kind by title, keeping the
 * row chosen before (rows come and go, and are renamed, as the plan is
 * edited and merged). */
static void
set_ref_choices (VlFilterBar *self,
                 guint        r)
{
  GtkDropDown *dropdown = self->ref_filters[r];
  gint64 chosen = ref_choice (self, r);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint select = 0;

  gtk_string_list_append (list, _(ref_filters[r].any));
  gtk_string_list_append (list, _("Not Set"));
  if (chosen == 0)
    select = 1;
  if (self->document != NULL)
    {
      g_autoptr(GListModel) rows = vl_document_list (self->document, ref_filters[r].kind, NULL, NULL);

      for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
        {
          g_autoptr(VlRecord) row = g_list_model_get_item (rows, i);
          gint64 id = vl_record_get_rowid (row);

          gtk_string_list_append (list, vl_record_get_title (row));
          g_array_append_val (ids, id);
          if (id == chosen)
            select = i + 2;
        }
    }
  g_clear_pointer (&self->ref_ids[r], g_array_unref);
  self->ref_ids[r] = ids;
  g_signal_handlers_block_by_func (dropdown, changed_cb, self);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown, select);
  g_signal_handlers_unblock_by_func (dropdown, changed_cb, self);
}

/* "Any …", then the set values of @field (position n is value n - 1,
 * so a field whose value 0 means "not set" offers it as "—"). */
static void
set_choices (GtkDropDown *dropdown,
             const char  *any,
             const char  *field)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, any);
  for (guint i = 0; i < vl_enum_n_values (field); i++)
    gtk_string_list_append (list, vl_enum_label (field, (int) i) ? vl_enum_label (field, (int) i) : "—");
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
}

/**
 * vl_filter_bar_rebuild_choices:
 *
 * Lists the plan's rows again in the alignment filters (rows came, went
 * or were renamed), keeping what was chosen.
 */
void
vl_filter_bar_rebuild_choices (VlFilterBar *self)
{
  g_return_if_fail (VL_IS_FILTER_BAR (self));
  for (guint r = 0; r < N_REFS; r++)
    set_ref_choices (self, r);
  changed_cb (self);
}

/* Another plan: the alignment filters start from "any"; the caller lists
 * its rows (vl_filter_bar_rebuild_choices()). */
void
vl_filter_bar_set_document (VlFilterBar *self,
                            VlDocument  *document)
{
  g_return_if_fail (VL_IS_FILTER_BAR (self));
  g_set_object (&self->document, document);
  self->quiet = TRUE;
  for (guint r = 0; r < N_REFS; r++)
    gtk_drop_down_set_selected (self->ref_filters[r], 0);
  self->quiet = FALSE;
}

/* The search and the filters, applied to @search. */
void
vl_filter_bar_apply (VlFilterBar  *self,
                     VlItemSearch *search)
{
  g_return_if_fail (VL_IS_FILTER_BAR (self));
  vl_item_search_set_text (search, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  vl_item_search_set_enum (search, "status", enum_choice (self->status_filter));
  vl_item_search_set_enum (search, "moscow", enum_choice (self->moscow_filter));
  vl_item_search_set_enum (search, "aarrr", enum_choice (self->aarrr_filter));
  vl_item_search_set_p1_only (search, gtk_toggle_button_get_active (self->p1_filter));
  for (guint r = 0; r < N_REFS; r++)
    vl_item_search_set_ref (search, ref_filters[r].field, ref_choice (self, r));
}

/* "12 of 151" while something is searched or filtered, else "151". */
void
vl_filter_bar_set_count (VlFilterBar *self,
                         guint        shown,
                         guint        all,
                         gboolean     filtered)
{
  g_autofree char *text = NULL;

  g_return_if_fail (VL_IS_FILTER_BAR (self));
  /* Translators: items shown of the items in the backlog */
  text = filtered ? g_strdup_printf (_("%u of %u"), shown, all) : g_strdup_printf ("%u", all);
  gtk_label_set_text (self->match_count, text);
}

GtkSearchEntry *
vl_filter_bar_get_search_entry (VlFilterBar *self)
{
  g_return_val_if_fail (VL_IS_FILTER_BAR (self), NULL);
  return self->search_entry;
}

/* Adds @widget to the bar, before the count (the page's Edit Selected). */
void
vl_filter_bar_add_widget (VlFilterBar *self,
                          GtkWidget   *widget)
{
  int position = 0;

  g_return_if_fail (VL_IS_FILTER_BAR (self));
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->flow)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    position++;
  gtk_flow_box_insert (self->flow, widget, position - 1);
  gtk_widget_set_focusable (gtk_widget_get_parent (widget), FALSE);
}

/**
 * vl_filter_bar_save:
 *
 * Adds the bar's state to a saved view's spec being built: "search",
 * "status", "moscow", "aarrr" (-1: any), "p1" and "refs" (by field: a
 * row's uuid, "" for not set; absent: any).
 */
void
vl_filter_bar_save (VlFilterBar *self,
                    JsonBuilder *b)
{
  g_return_if_fail (VL_IS_FILTER_BAR (self));
  json_builder_set_member_name (b, "search");
  json_builder_add_string_value (b, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  json_builder_set_member_name (b, "status");
  json_builder_add_int_value (b, enum_choice (self->status_filter));
  json_builder_set_member_name (b, "moscow");
  json_builder_add_int_value (b, enum_choice (self->moscow_filter));
  json_builder_set_member_name (b, "aarrr");
  json_builder_add_int_value (b, enum_choice (self->aarrr_filter));
  json_builder_set_member_name (b, "p1");
  json_builder_add_boolean_value (b, gtk_toggle_button_get_active (self->p1_filter));
  json_builder_set_member_name (b, "refs");
  json_builder_begin_object (b);
  for (guint r = 0; r < N_REFS; r++)
    {
      gint64 id = ref_choice (self, r);
      g_autoptr(VlRecord) row = id > 0 && self->document ? vl_document_lookup (self->document, ref_filters[r].kind, id)
                                                         : NULL;

      if (id < 0 || (id > 0 && row == NULL))
        continue;
      json_builder_set_member_name (b, ref_filters[r].field);
      json_builder_add_string_value (b, row != NULL ? vl_record_get_uuid (row) : "");
    }
  json_builder_end_object (b);
}

static void
select_enum (GtkDropDown *dropdown,
             JsonObject  *spec,
             const char  *member)
{
  gint64 value = json_object_get_int_member_with_default (spec, member, -1);
  guint n = g_list_model_get_n_items (gtk_drop_down_get_model (dropdown));

  gtk_drop_down_set_selected (dropdown, value >= 0 && value + 1 < n ? (guint) value + 1 : 0);
}

/* The row of @kind whose uuid is @uuid; -1 when it is gone. */
static gint64
rowid_of_uuid (VlDocument *document,
               VlKind      kind,
               const char *uuid)
{
  g_autoptr(GListModel) rows = vl_document_list (document, kind, NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(VlRecord) row = g_list_model_get_item (rows, i);

      if (g_strcmp0 (vl_record_get_uuid (row), uuid) == 0)
        return vl_record_get_rowid (row);
    }
  return -1;
}

static void
select_ref (VlFilterBar *self,
            guint        r,
            JsonObject  *refs)
{
  GArray *ids = self->ref_ids[r];
  const char *uuid = refs != NULL ? json_object_get_string_member_with_default (refs, ref_filters[r].field, NULL)
                                  : NULL;
  gint64 id = uuid == NULL ? -1 : *uuid == '\0' ? 0 : rowid_of_uuid (self->document, ref_filters[r].kind, uuid);
  guint position = id == 0 ? 1 : 0;

  for (guint i = 0; id > 0 && ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      position = i + 2;
  gtk_drop_down_set_selected (self->ref_filters[r], position);
}

/* Shows what a saved view's @spec says (vl_filter_bar_save()); one
 * ::changed at the end. */
void
vl_filter_bar_restore (VlFilterBar *self,
                       JsonObject  *spec)
{
  JsonObject *refs;

  g_return_if_fail (VL_IS_FILTER_BAR (self));
  self->quiet = TRUE;
  select_enum (self->status_filter, spec, "status");
  select_enum (self->moscow_filter, spec, "moscow");
  select_enum (self->aarrr_filter, spec, "aarrr");
  gtk_toggle_button_set_active (self->p1_filter, json_object_get_boolean_member_with_default (spec, "p1", FALSE));
  refs = json_object_has_member (spec, "refs") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (spec, "refs"))
         ? json_object_get_object_member (spec, "refs") : NULL;
  for (guint r = 0; self->document != NULL && r < N_REFS; r++)
    select_ref (self, r, refs);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry),
                         json_object_get_string_member_with_default (spec, "search", ""));
  self->quiet = FALSE;
  changed_cb (self);
}

/* A <child> given in a .ui joins the bar, before the count. */
static void
vl_filter_bar_add_child (GtkBuildable *buildable,
                         GtkBuilder   *builder,
                         GObject      *child,
                         const char   *type)
{
  VlFilterBar *self = VL_FILTER_BAR (buildable);

  if (self->flow != NULL && GTK_IS_WIDGET (child))
    vl_filter_bar_add_widget (self, GTK_WIDGET (child));
  else
    parent_buildable->add_child (buildable, builder, child, type);   /* the bar's own template */
}

static void
vl_filter_bar_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable = g_type_interface_peek_parent (iface);
  iface->add_child = vl_filter_bar_add_child;
}

static void
vl_filter_bar_dispose (GObject *object)
{
  VlFilterBar *self = VL_FILTER_BAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), VL_TYPE_FILTER_BAR);
  for (guint r = 0; r < N_REFS; r++)
    g_clear_pointer (&self->ref_ids[r], g_array_unref);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (vl_filter_bar_parent_class)->dispose (object);
}

static void
vl_filter_bar_class_init (VlFilterBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = vl_filter_bar_dispose;
  /**
   * VlFilterBar::changed:
   *
   * The search or a filter changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/valueloop/Valueloop/vl-filter-bar.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, VlFilterBar, flow);
  gtk_widget_class_bind_template_child (widget_class, VlFilterBar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, VlFilterBar, status_filter);
  gtk_widget_class_bind_template_child (widget_class, VlFilterBar, moscow_filter);
  gtk_widget_class_bind_template_child (widget_class, VlFilterBar, aarrr_filter);
  gtk_widget_class_bind_template_child (widget_class, VlFilterBar, p1_filter);
  gtk_widget_class_bind_template_child (widget_class, VlFilterBar, alignment_button);
  gtk_widget_class_bind_template_child_full (widget_class, "key_result_filter", FALSE,
                                             G_STRUCT_OFFSET (VlFilterBar, ref_filters[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "value_loop_filter", FALSE,
                                             G_STRUCT_OFFSET (VlFilterBar, ref_filters[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "iteration_filter", FALSE,
                                             G_STRUCT_OFFSET (VlFilterBar, ref_filters[2]));
  gtk_widget_class_bind_template_child (widget_class, VlFilterBar, match_count);
}

static void
vl_filter_bar_init (VlFilterBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_choices (self->status_filter, _("Any Status"), "status");
  set_choices (self->moscow_filter, _("Any MoSCoW"), "moscow");
  set_choices (self->aarrr_filter, _("Any Stage"), "aarrr");
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->status_filter, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->moscow_filter, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->aarrr_filter, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->p1_filter, "toggled", G_CALLBACK (changed_cb), self);
  for (guint r = 0; r < N_REFS; r++)
    {
      GtkExpression *title = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

      gtk_drop_down_set_expression (self->ref_filters[r], title);
      gtk_drop_down_set_enable_search (self->ref_filters[r], TRUE);
      gtk_expression_unref (title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->ref_filters[r]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(ref_filters[r].any), -1);
      g_signal_connect_swapped (self->ref_filters[r], "notify::selected", G_CALLBACK (changed_cb), self);
    }
  /* The filters wrap on narrow windows; their wrappers take no focus. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->flow)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  for (guint r = 0; r < N_REFS; r++)
    set_ref_choices (self, r);
}
