/* vl-goals-page.c — the OKR outline: company objectives, the business-line
 * objectives aligned to them, the project objectives aligned to those; under
 * each objective its key results, under each key result the backlog items
 * that serve it
 *
 * The outline is a GtkTreeListModel over the document's live lists, so an
 * edit anywhere (the details panel, the backlog, an undo, a merge) moves or
 * changes rows by exact items-changed, and expanded rows stay expanded. It is
 * edited like an outliner: Enter adds a sibling, Tab aligns under the
 * objective above, Shift+Tab takes it out again, Alt+Up/Down reorders, F2 or
 * typing edits the title, Delete deletes with undo. Its actions are in
 * vl-goals-page-actions.c, a row is a VlGoalRow, the page's layout is
 * vl-goals-page.ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-goals-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vl-enums.h"
#include "vl-goal-panel.h"
#include "vl-goal-row.h"
#include "vl-goals-page-private.h"
#include "vl-labels.h"
#include "vl-okr.h"
#include "vl-toast.h"
#include "vl-value.h"


G_DEFINE_FINAL_TYPE (VlGoalsPage, vl_goals_page, VL_TYPE_PAGE)

void
vl_goals_page_say (VlGoalsPage *self,
                   const char  *text)
{
  vl_toast (GTK_WIDGET (self), text, FALSE);
}

/* ---- the tree ---------------------------------------------------------------- */

/* Whether @objective shows at the top, out of its tree (its parent is in
 * another cycle, or gone). */
gboolean
vl_goals_page_is_detached (VlGoalsPage *self,
                           VlRecord    *objective)
{
  gint64 id = vl_record_get_rowid (objective);

  return self->detached != NULL && g_hash_table_contains (self->detached, &id);
}

static gboolean
in_cycle (VlGoalsPage *self,
          VlRecord    *objective)
{
  gint64 cycle = vl_record_get_ref_id (objective, "cycle");

  /* An objective of no cycle is never hidden. */
  return self->cycle == NULL || cycle == 0 || cycle == vl_record_get_rowid (self->cycle);
}

static gboolean
root_filter_cb (gpointer item,
                gpointer data)
{
  return !vl_goals_page_is_detached (data, item) && in_cycle (data, item);
}

static gboolean
child_filter_cb (gpointer item,
                 gpointer data)
{
  return !vl_goals_page_is_detached (data, item);
}

static const VlOkrStats *stats_of (VlGoalsPage *self,
                                   VlRecord    *record);

static GListModel *
create_children_cb (gpointer item,
                    gpointer data)
{
  VlGoalsPage *self = data;
  VlRecord *record = item;

  if (self->document == NULL)
    return NULL;
  if (VL_IS_OBJECTIVE (record))
    {
      GListStore *parts = g_list_store_new (G_TYPE_LIST_MODEL);
      g_autoptr(GListModel) krs = vl_document_list (self->document, VL_KIND_KEY_RESULT, "objective", record);
      g_autoptr(GListModel) aligned = vl_document_list (self->document, VL_KIND_OBJECTIVE, "parent", record);

      g_list_store_append (parts, krs);
      /* Only a plan with detached objectives (rare: see update_detached)
       * filters them out; one filter shared by thousands of models makes
       * every row opened or closed pay for its handler list. */
      if (g_hash_table_size (self->detached) == 0)
        g_list_store_append (parts, aligned);
      else
        {
          g_autoptr(GtkFilterListModel) filtered =
            gtk_filter_list_model_new (g_object_ref (aligned), GTK_FILTER (g_object_ref (self->child_filter)));

          g_list_store_append (parts, filtered);
        }
      return G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (parts)));
    }
  if (VL_IS_KEY_RESULT (record))
    {
      const VlOkrStats *st = stats_of (self, record);

      /* No arrow on a key result that no item serves yet (the rows ask
       * for every row they show: no query for those). */
      if (st != NULL && st->n_items == 0)
        return NULL;
      return vl_document_list (self->document, VL_KIND_ITEM, "key-result", record);
    }
  return NULL;
}

static VlRecord *
record_at (VlGoalsPage *self,
           guint        position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), position);

  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

/* The row of the outline that shows @record, if it shows. */
gboolean
vl_goals_page_find_position (VlGoalsPage *self,
                             VlRecord    *record,
                             guint       *position)
{
  guint n = self->tree ? g_list_model_get_n_items (G_LIST_MODEL (self->tree)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VlRecord) r = record_at (self, i);

      if (r == record)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
set_expanded_at (VlGoalsPage *self,
                 guint        position,
                 gboolean     expanded)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), position);

  if (row != NULL)
    gtk_tree_list_row_set_expanded (row, expanded);
}

/* Objectives open to show their key results and aligned objectives; key
 * results stay closed over their items until asked. Opening a row inserts
 * its children right below it, so they are visited next. */
static void
expand_objectives (VlGoalsPage *self,
                   guint        from,
                   guint        n)
{
  GListModel *tree = G_LIST_MODEL (self->tree);
  guint end = from + n;

  self->expanding = TRUE;
  for (guint i = from; i < end && i < g_list_model_get_n_items (tree); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (tree, i);
      g_autoptr(VlRecord) r = gtk_tree_list_row_get_item (row);
      guint before = g_list_model_get_n_items (tree);

      if (!VL_IS_OBJECTIVE (r) || gtk_tree_list_row_get_expanded (row))
        continue;
      gtk_tree_list_row_set_expanded (row, TRUE);
      end += g_list_model_get_n_items (tree) - before;
    }
  self->expanding = FALSE;
}

static void
reveal (VlGoalsPage *self,
        VlRecord    *record)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new_with_free_func (g_object_unref);
  VlRecord *up = NULL;
  guint position;

  if (VL_IS_ITEM (record))
    up = vl_record_dup_ref (record, "key-result");
  else if (VL_IS_KEY_RESULT (record))
    up = vl_record_dup_ref (record, "objective");
  else
    up = vl_record_dup_ref (record, "parent");
  while (up != NULL && chain->len < 64)
    {
      g_ptr_array_insert (chain, 0, up);
      up = vl_record_dup_ref (up, VL_IS_KEY_RESULT (up) ? "objective" : "parent");
    }
  g_clear_object (&up);
  for (guint i = 0; i < chain->len; i++)
    if (vl_goals_page_find_position (self, chain->pdata[i], &position))
      set_expanded_at (self, position, TRUE);
}

/**
 * vl_goals_page_select:
 *
 * Shows @record (opening the rows above it) and selects it.
 *
 * Returns: whether the outline shows it (it may be in another cycle)
 */
gboolean
vl_goals_page_select (VlGoalsPage *self,
                      VlRecord    *record)
{
  guint position;

  g_return_val_if_fail (VL_IS_GOALS_PAGE (self), FALSE);

  reveal (self, record);
  if (!vl_goals_page_find_position (self, record, &position))
    return FALSE;
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  /* Scrolls to the row and moves the list's focus there, so the keys go on
   * from it (a row that moved was dropped with the focus in it). */
  gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u", position);
  if (gtk_widget_get_mapped (GTK_WIDGET (self->list)))
    gtk_widget_grab_focus (GTK_WIDGET (self->list));
  return TRUE;
}

VlRecord *
vl_goals_page_get_selected (VlGoalsPage *self)
{
  GtkTreeListRow *row;

  g_return_val_if_fail (VL_IS_GOALS_PAGE (self), NULL);
  if (self->selection == NULL)
    return NULL;
  row = gtk_single_selection_get_selected_item (self->selection);
  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;   /* transfer full */
}

VlDocument *
vl_goals_page_get_document (VlGoalsPage *self)
{
  g_return_val_if_fail (VL_IS_GOALS_PAGE (self), NULL);
  return self->document;
}

GListModel *
vl_goals_page_get_rows (VlGoalsPage *self)
{
  g_return_val_if_fail (VL_IS_GOALS_PAGE (self), NULL);
  return G_LIST_MODEL (self->tree);
}

GtkWidget *
vl_goals_page_get_panel (VlGoalsPage *self)
{
  g_return_val_if_fail (VL_IS_GOALS_PAGE (self), NULL);
  return GTK_WIDGET (self->panel);
}

GtkWidget *
vl_goals_page_get_list_view (VlGoalsPage *self)
{
  g_return_val_if_fail (VL_IS_GOALS_PAGE (self), NULL);
  return GTK_WIDGET (self->list);
}

const char *
vl_goals_page_get_empty_state (VlGoalsPage *self)
{
  g_return_val_if_fail (VL_IS_GOALS_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/* ---- rows -------------------------------------------------------------------- */

/* The numbers of every row, from one pass over the plan (vl_okr_summarize),
 * made again after any change that could move them. */
static const VlOkrStats *
stats_of (VlGoalsPage *self,
          VlRecord    *record)
{
  gint64 id = vl_record_get_rowid (record);

  if (self->stats == NULL)
    {
      g_autoptr(GDate) now = vl_okr_today ();

      g_clear_pointer (&self->kr_stats, g_hash_table_unref);
      self->stats = vl_okr_summarize (self->document, now, &self->kr_stats);
    }
  return g_hash_table_lookup (VL_IS_KEY_RESULT (record) ? self->kr_stats : self->stats, &id);
}

/* The row an expander of the list holds. */
static VlGoalRow *
row_of (gpointer expander)
{
  return VL_GOAL_ROW (gtk_tree_expander_get_child (expander));
}

static void
update_row (VlGoalsPage *self,
            VlGoalRow   *row)
{
  VlRecord *r = vl_goal_row_get_record (row);

  if (r != NULL)
    vl_goal_row_update (row, VL_IS_OBJECTIVE (r) || VL_IS_KEY_RESULT (r) ? stats_of (self, r) : NULL);
}

static void
refresh_rows (VlGoalsPage *self)
{
  for (guint i = 0; i < self->bound->len; i++)
    {
      GtkTreeExpander *expander = self->bound->pdata[i];
      GtkTreeListRow *row = gtk_tree_expander_get_list_row (expander);

      /* Links come and go: ask again whether the row opens. */
      if (row != NULL && !gtk_tree_list_row_get_expanded (row))
        {
          g_object_ref (row);
          gtk_tree_expander_set_list_row (expander, NULL);
          gtk_tree_expander_set_list_row (expander, row);
          g_object_unref (row);
        }
      update_row (self, row_of (expander));
    }
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          VlGoalsPage              *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();

  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), vl_goal_row_new ());
  gtk_list_item_set_child (item, expander);
}

static gboolean
edit_pending_cb (gpointer data)
{
  VlGoalsPage *self = data;

  for (guint i = 0; self->edit_pending != NULL && i < self->bound->len; i++)
    {
      VlGoalRow *row = row_of (self->bound->pdata[i]);

      if (vl_goal_row_get_record (row) == self->edit_pending)
        {
          vl_goal_row_start_editing (row, self->edit_text);
          g_clear_object (&self->edit_pending);
          g_clear_pointer (&self->edit_text, g_free);
        }
    }
  return G_SOURCE_REMOVE;
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         VlGoalsPage              *self)
{
  GtkTreeListRow *list_row = gtk_list_item_get_item (item);
  GtkWidget *expander = gtk_list_item_get_child (item);
  VlGoalRow *row = row_of (expander);
  g_autoptr(VlRecord) record = gtk_tree_list_row_get_item (list_row);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), list_row);
  vl_goal_row_set_record (row, record);   /* held while bound */
  update_row (self, row);
  g_ptr_array_add (self->bound, expander);
  if (record == self->edit_pending)
    g_idle_add_full (G_PRIORITY_DEFAULT, edit_pending_cb, g_object_ref (self), g_object_unref);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           VlGoalsPage              *self)
{
  GtkWidget *expander = gtk_list_item_get_child (item);

  vl_goal_row_set_record (row_of (expander), NULL);   /* a title being typed is written */
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
  g_ptr_array_remove_fast (self->bound, expander);
}

/**
 * vl_goals_page_find_row_widget:
 *
 * Returns: (transfer none) (nullable): the row showing @record, if on screen
 */
GtkWidget *
vl_goals_page_find_row_widget (VlGoalsPage *self,
                               VlRecord    *record)
{
  g_return_val_if_fail (VL_IS_GOALS_PAGE (self), NULL);
  for (guint i = 0; i < self->bound->len; i++)
    if (vl_goal_row_get_record (row_of (self->bound->pdata[i])) == record)
      return self->bound->pdata[i];
  return NULL;
}

/* Edit the title of @record as soon as it is on screen. */
void
vl_goals_page_edit_title (VlGoalsPage *self,
                          VlRecord    *record,
                          const char  *typed)
{
  g_set_object (&self->edit_pending, record);
  g_free (self->edit_text);
  self->edit_text = g_strdup (typed);
  if (vl_goals_page_find_row_widget (self, record) != NULL)
    edit_pending_cb (self);
}

/* ---- cycles -------------------------------------------------------------------- */

static void update_empty_state (VlGoalsPage *self);

/* The keys of the page work while the focus is in it: give it to the
 * outline, or to the empty state's button. */
static void
focus_content (VlGoalsPage *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->stack);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "outline") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->list));
  else if (ADW_IS_STATUS_PAGE (child))
    gtk_widget_grab_focus (adw_status_page_get_child (ADW_STATUS_PAGE (child)));
}

static void
map_cb (GtkWidget *widget)
{
  focus_content (VL_GOALS_PAGE (widget));
}

/* Shows the outline of the cycle chosen, every objective open. The list
 * view is detached meanwhile: it would follow each row opened, one by one
 * (seconds for a 20,000-row outline instead of milliseconds). */
static void
open_all (VlGoalsPage *self)
{
  gtk_list_view_set_model (self->list, NULL);
  expand_objectives (self, 0, g_list_model_get_n_items (G_LIST_MODEL (self->tree)));
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (self->selection));
}

static void
apply_cycle (VlGoalsPage *self)
{
  if (self->tree != NULL)
    {
      gtk_filter_changed (GTK_FILTER (self->root_filter), GTK_FILTER_CHANGE_DIFFERENT);
      open_all (self);
    }
  update_empty_state (self);
}

VlRecord *
vl_goals_page_get_cycle (VlGoalsPage *self)
{
  g_return_val_if_fail (VL_IS_GOALS_PAGE (self), NULL);
  return self->cycle;
}

void
vl_goals_page_set_cycle (VlGoalsPage *self,
                         VlRecord    *cycle)
{
  guint i;

  g_return_if_fail (VL_IS_GOALS_PAGE (self));
  if (cycle != NULL && g_ptr_array_find (self->cycles, cycle, &i))
    gtk_drop_down_set_selected (self->cycle_dropdown, i);
}

/* Which of the page's actions can run: the one place that says (the others
 * check the selection when they run, as the outline's keys do). */
static void
update_actions (VlGoalsPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "goals.edit-cycle", self->cycle != NULL);
}

static void
cycle_selected_cb (GtkDropDown *dropdown,
                   GParamSpec  *pspec,
                   VlGoalsPage *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);
  VlRecord *cycle = i < self->cycles->len ? self->cycles->pdata[i] : NULL;

  if (self->filling_cycles)
    return;
  if (cycle == self->cycle && gtk_list_view_get_model (self->list) != NULL)
    {
      update_empty_state (self);   /* the same cycle, renamed or redated */
      return;
    }
  g_set_object (&self->cycle, cycle);
  update_actions (self);
  apply_cycle (self);
}

static int
compare_cycles (gconstpointer a,
                gconstpointer b)
{
  return g_strcmp0 (vl_record_get_string (*(VlRecord **) a, "start"),
                    vl_record_get_string (*(VlRecord **) b, "start"));
}

/* The drop-down lists the cycles by start date; the one shown stays shown,
 * else the current one is. */
static void
fill_cycles (VlGoalsPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GListModel) all = NULL;
  g_autoptr(VlRecord) keep = self->cycle ? g_object_ref (self->cycle) : NULL;
  guint selected = GTK_INVALID_LIST_POSITION;

  g_ptr_array_set_size (self->cycles, 0);
  if (self->document != NULL)
    {
      all = vl_document_list (self->document, VL_KIND_CYCLE, NULL, NULL);
      for (guint i = 0; i < g_list_model_get_n_items (all); i++)
        g_ptr_array_add (self->cycles, g_list_model_get_item (all, i));
      g_ptr_array_sort (self->cycles, compare_cycles);
      if (keep == NULL || !g_ptr_array_find (self->cycles, keep, NULL))
        {
          g_autoptr(GDate) now = vl_okr_today ();

          g_clear_object (&keep);
          keep = vl_document_dup_current_cycle (self->document, now);
        }
    }
  for (guint i = 0; i < self->cycles->len; i++)
    {
      gtk_string_list_append (names, vl_record_get_title (self->cycles->pdata[i]));
      if (self->cycles->pdata[i] == keep)
        selected = i;
    }
  self->filling_cycles = TRUE;
  gtk_drop_down_set_model (self->cycle_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->cycle_dropdown, selected);
  self->filling_cycles = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->cycle_dropdown), self->cycles->len > 0);
  cycle_selected_cb (self->cycle_dropdown, NULL, self);
}

static void
update_empty_state (VlGoalsPage *self)
{
  const char *name = "outline";

  if (self->document == NULL || self->cycles->len == 0)
    name = "no-cycles";
  else if (self->roots == NULL || g_list_model_get_n_items (self->roots) == 0)
    {
      g_autofree char *text = g_strdup_printf (_("“%s” has no objectives yet. Start with a company objective "
                                                 "(Ctrl+N), then press Enter for the next one, Tab to align "
                                                 "it under the one above, and Ctrl+K to add key results."),
                                               self->cycle ? vl_record_get_title (self->cycle) : "");

      adw_status_page_set_description (self->empty_page, text);
      name = "empty";
    }
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), name) == 0)
    return;
  gtk_stack_set_visible_child_name (self->stack, name);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    focus_content (self);
}

/* ---- following the document ---------------------------------------------------- */

static void build_tree (VlGoalsPage *self);

static void
update_detached (VlGoalsPage *self)
{
  g_autoptr(GHashTable) detached = vl_objective_dup_detached (self->document);
  GHashTableIter iter;
  gint64 *id;
  gboolean same = g_hash_table_size (detached) == g_hash_table_size (self->detached);

  g_hash_table_iter_init (&iter, detached);
  while (same && g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    same = g_hash_table_contains (self->detached, id);
  if (same)
    return;
  g_hash_table_unref (self->detached);
  self->detached = g_steal_pointer (&detached);
  gtk_filter_changed (GTK_FILTER (self->root_filter), GTK_FILTER_CHANGE_DIFFERENT);
  g_list_store_remove_all (self->detached_store);
  g_hash_table_iter_init (&iter, self->detached);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    {
      g_autoptr(VlRecord) o = vl_document_lookup (self->document, VL_KIND_OBJECTIVE, *id);
      g_autoptr(VlRecord) cycle = o ? vl_objective_dup_cycle (o) : NULL;

      if (o != NULL && (self->cycle == NULL || cycle == NULL || cycle == self->cycle))
        g_list_store_append (self->detached_store, o);
    }
  /* Rows made while the set was different filter (or not) by the old set:
   * make the tree again, every objective open. */
  build_tree (self);
  open_all (self);
}

static gboolean
refresh_cb (gpointer data)
{
  VlGoalsPage *self = data;

  self->refresh_id = 0;
  g_clear_pointer (&self->stats, g_hash_table_unref);
  if (self->document == NULL)
    return G_SOURCE_REMOVE;
  update_detached (self);
  /* An objective may have changed cycle (here, or merged in): the top of
   * the outline is filtered again; rows that stay are not touched. */
  if (self->root_filter != NULL && self->tree != NULL)
    gtk_filter_changed (GTK_FILTER (self->root_filter), GTK_FILTER_CHANGE_DIFFERENT);
  refresh_rows (self);
  vl_goal_panel_refresh (self->panel);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (VlGoalsPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT, refresh_cb, self, NULL);   /* before the next frame */
}

/* The rows the outline shows, or counts. */
static const char *const followed_rows[] = {
  "rows-changed::cycle", "rows-changed::objective", "rows-changed::key_result",
  "rows-changed::checkin", "rows-changed::item", "rows-changed::backlog",
};

static void
rows_changed_cb (VlDocument  *doc,
                 guint        kind,
                 GPtrArray   *records,
                 VlGoalsPage *self)
{
  if (kind == VL_KIND_CYCLE)
    fill_cycles (self);
  if (kind == VL_KIND_CYCLE || kind == VL_KIND_OBJECTIVE || kind == VL_KIND_KEY_RESULT ||
      kind == VL_KIND_CHECKIN || kind == VL_KIND_ITEM || kind == VL_KIND_BACKLOG)
    schedule_refresh (self);
}

static void
tree_items_changed_cb (GListModel  *model,
                       guint        position,
                       guint        removed,
                       guint        added,
                       VlGoalsPage *self)
{
  /* A new or moved objective opens, like those shown at first; opening a
   * row opens only that row (its aligned objectives stay as they are). */
  if (!self->expanding && added == 1)
    expand_objectives (self, position, added);
}

static void
show_details_cb (VlGoalsPage *self)
{
  g_autoptr(VlRecord) record = vl_goals_page_get_selected (self);

  gtk_widget_set_visible (GTK_WIDGET (self->panel), record != NULL && vl_page_get_show_details (VL_PAGE (self)));
}

static void
selection_changed_cb (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      VlGoalsPage        *self)
{
  g_autoptr(VlRecord) record = vl_goals_page_get_selected (self);

  vl_goal_panel_set_record (self->panel, record);
  show_details_cb (self);   /* nothing selected, or F9: the outline takes the room */
}

/* The tree over the top of the outline (made again when the objectives
 * shown at the top change, see update_detached). */
static void
build_tree (VlGoalsPage *self)
{
  if (self->tree != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->tree, tree_items_changed_cb, self);
      gtk_list_view_set_model (self->list, NULL);
      g_clear_object (&self->selection);
      g_clear_object (&self->tree);
    }
  self->tree = gtk_tree_list_model_new (g_object_ref (self->roots), FALSE, FALSE, create_children_cb, self, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect (self->tree, "items-changed", G_CALLBACK (tree_items_changed_cb), self);
}

static void
clear_model (VlGoalsPage *self)
{
  if (self->tree != NULL)
    g_signal_handlers_disconnect_by_func (self->tree, tree_items_changed_cb, self);
  if (self->roots != NULL)
    g_signal_handlers_disconnect_by_func (self->roots, update_empty_state, self);
  gtk_list_view_set_model (self->list, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->roots);
  g_clear_object (&self->detached_store);
}

static void
goals_page_load (VlPage     *page,
                 VlDocument *doc)
{
  VlGoalsPage *self = VL_GOALS_PAGE (page);
  GListStore *parts;
  g_autoptr(GListModel) top = NULL;
  g_autoptr(GtkFilterListModel) filtered = NULL;

  clear_model (self);
  g_clear_pointer (&self->stats, g_hash_table_unref);
  g_set_object (&self->document, doc);
  g_hash_table_remove_all (self->detached);
  g_clear_object (&self->cycle);
  vl_goal_panel_set_record (self->panel, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->panel), FALSE);
  if (doc != NULL)
    {
      g_hash_table_unref (self->detached);
      self->detached = vl_objective_dup_detached (doc);
      self->detached_store = g_list_store_new (VL_TYPE_OBJECTIVE);
      top = vl_document_list (doc, VL_KIND_OBJECTIVE, "parent", NULL);
      parts = g_list_store_new (G_TYPE_LIST_MODEL);
      filtered = gtk_filter_list_model_new (g_object_ref (top), GTK_FILTER (g_object_ref (self->root_filter)));
      g_list_store_append (parts, filtered);
      g_list_store_append (parts, self->detached_store);
      self->roots = G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (parts)));
      g_signal_connect_swapped (self->roots, "items-changed", G_CALLBACK (update_empty_state), self);
      build_tree (self);
    }
  fill_cycles (self);   /* shows the outline of the current cycle */
}

/* ---- GObject ------------------------------------------------------------------- */

static void
vl_goals_page_dispose (GObject *object)
{
  VlGoalsPage *self = VL_GOALS_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->list != NULL)
    clear_model (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), VL_TYPE_GOALS_PAGE);
  g_clear_object (&self->root_filter);
  g_clear_object (&self->child_filter);
  g_clear_object (&self->document);
  g_clear_object (&self->cycle);
  g_clear_object (&self->edit_pending);
  g_clear_pointer (&self->edit_text, g_free);
  g_clear_pointer (&self->cycles, g_ptr_array_unref);
  g_clear_pointer (&self->detached, g_hash_table_unref);
  g_clear_pointer (&self->bound, g_ptr_array_unref);
  g_clear_pointer (&self->stats, g_hash_table_unref);
  g_clear_pointer (&self->kr_stats, g_hash_table_unref);

  G_OBJECT_CLASS (vl_goals_page_parent_class)->dispose (object);
}

static void
vl_goals_page_class_init (VlGoalsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = vl_goals_page_dispose;
  VL_PAGE_CLASS (klass)->load = goals_page_load;
  g_type_ensure (VL_TYPE_GOAL_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/valueloop/Valueloop/vl-goals-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, VlGoalsPage, root);
  gtk_widget_class_bind_template_child (widget_class, VlGoalsPage, cycle_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VlGoalsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, VlGoalsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, VlGoalsPage, list);
  gtk_widget_class_bind_template_child (widget_class, VlGoalsPage, panel);
  gtk_widget_class_bind_template_callback (widget_class, cycle_selected_cb);
  vl_goals_page_class_add_actions (widget_class);
}

static void
vl_goals_page_init (VlGoalsPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GSignalGroup *signals;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cycles = g_ptr_array_new_with_free_func (g_object_unref);
  self->bound = g_ptr_array_new ();
  self->detached = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->root_filter = gtk_custom_filter_new (root_filter_cb, self, NULL);
  self->child_filter = gtk_custom_filter_new (child_filter_cb, self, NULL);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  gtk_list_view_set_factory (self->list, factory);
  g_object_unref (factory);
  vl_goals_page_add_keys (self);
  g_signal_connect_swapped (self, "notify::show-details", G_CALLBACK (show_details_cb), self);

  signals = vl_page_get_document_signals (VL_PAGE (self));
  for (guint i = 0; i < G_N_ELEMENTS (followed_rows); i++)
    g_signal_group_connect (signals, followed_rows[i], G_CALLBACK (rows_changed_cb), self);
  g_signal_group_connect_swapped (signals, "merged", G_CALLBACK (schedule_refresh), self);
  update_empty_state (self);
  update_actions (self);
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
}
