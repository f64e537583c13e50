/* vl-goals-page-actions.c — what can be done in the OKR outline
 *
 * The Goals page's actions and their table with the keys: objectives and
 * key results added below the selection, aligned under the one above (Tab)
 * or taken out (Shift+Tab), moved, renamed (or just typed over), deleted;
 * items linked and unlinked; check-ins; cycles made and edited; rows opened
 * and closed. Rules that can refuse (a project cannot hold objectives) say
 * why in a toast.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-goals-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vl-actions.h"
#include "vl-check-in-dialog.h"
#include "vl-cycle-dialog.h"
#include "vl-goals-page-private.h"
#include "vl-link-items-dialog.h"
#include "vl-okr.h"
#include "vl-toast.h"

static gboolean
check_writable (VlGoalsPage *self)
{
  if (self->document == NULL)
    return FALSE;
  if (vl_document_get_read_only (self->document))
    {
      vl_goals_page_say (self, vl_document_get_read_only_reason (self->document));
      return FALSE;
    }
  return TRUE;
}

static void
report (VlGoalsPage *self,
        GError      *error)
{
  if (error != NULL)
    vl_goals_page_say (self, error->message);
}

/* The sibling right after @prev in @siblings (NULL: at the end, or no
 * @prev), so a new row goes between the two. */
static VlRecord *
dup_after (GListModel *siblings,
           VlRecord   *prev)
{
  for (guint i = 0; prev != NULL && i < g_list_model_get_n_items (siblings); i++)
    {
      g_autoptr(VlRecord) r = g_list_model_get_item (siblings, i);

      if (r == prev)
        return g_list_model_get_item (siblings, i + 1);
    }
  return NULL;
}

/* A new objective after @prev among @parent's (NULL: at the top of the
 * cycle), at @level. */
static void
add_objective (VlGoalsPage *self,
               VlRecord    *parent,
               VlRecord    *prev,
               int          level)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) objective = NULL;
  g_autoptr(GListModel) siblings = vl_document_list (self->document, VL_KIND_OBJECTIVE, "parent", parent);
  g_autoptr(VlRecord) next = dup_after (siblings, prev);

  vl_document_begin (self->document, _("Add Objective"));
  objective = vl_document_insert (self->document, VL_KIND_OBJECTIVE, parent, prev, next, &error);
  if (objective != NULL)
    g_object_set (objective, "level", level, "cycle", parent == NULL ? self->cycle : NULL, NULL);
  if (!vl_document_commit (self->document, error == NULL ? &error : NULL) || objective == NULL)
    {
      report (self, error);
      return;
    }
  vl_goals_page_select (self, objective);
  vl_goals_page_edit_title (self, objective, NULL);
}

static void
new_objective_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  VlGoalsPage *self = VL_GOALS_PAGE (widget);

  if (!check_writable (self))
    return;
  if (self->cycle == NULL)
    {
      vl_goals_page_say (self, _("Make a cycle first: objectives are set per cycle"));
      return;
    }
  add_objective (self, NULL, NULL, VL_LEVEL_COMPANY);
}

static void
add_key_result (VlGoalsPage *self,
                VlRecord    *objective,
                VlRecord    *prev)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) kr = NULL;
  g_autoptr(GListModel) siblings = vl_document_list (self->document, VL_KIND_KEY_RESULT, "objective", objective);
  g_autoptr(VlRecord) next = dup_after (siblings, prev);

  kr = vl_document_insert (self->document, VL_KIND_KEY_RESULT, objective, prev, next, &error);
  if (kr == NULL)
    {
      report (self, error);
      return;
    }
  vl_goals_page_select (self, kr);
  vl_goals_page_edit_title (self, kr, NULL);
}

static void
add_sibling_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  VlGoalsPage *self = VL_GOALS_PAGE (widget);
  g_autoptr(VlRecord) selected = vl_goals_page_get_selected (self);
  g_autoptr(VlRecord) parent = NULL;

  if (!check_writable (self))
    return;
  if (selected == NULL)
    gtk_widget_activate_action (widget, "goals.new-objective", NULL);
  else if (VL_IS_OBJECTIVE (selected))
    {
      parent = vl_record_dup_ref (selected, "parent");
      if (vl_goals_page_is_detached (self, selected))
        g_clear_object (&parent);
      add_objective (self, parent, parent || !vl_goals_page_is_detached (self, selected) ? selected : NULL,
                     (int) vl_record_get_int (selected, "level"));
    }
  else if (VL_IS_KEY_RESULT (selected))
    {
      parent = vl_record_dup_ref (selected, "objective");
      add_key_result (self, parent, selected);
    }
  else
    vl_goals_page_say (self, _("Link another backlog item to the key result with Ctrl+L"));
}

static void
add_key_result_action (GtkWidget  *widget,
                       const char *name,
                       GVariant   *param)
{
  VlGoalsPage *self = VL_GOALS_PAGE (widget);
  g_autoptr(VlRecord) selected = vl_goals_page_get_selected (self);
  g_autoptr(VlRecord) objective = NULL;

  if (!check_writable (self))
    return;
  if (selected != NULL && VL_IS_OBJECTIVE (selected))
    objective = g_object_ref (selected);
  else if (selected != NULL && VL_IS_KEY_RESULT (selected))
    objective = vl_record_dup_ref (selected, "objective");
  if (objective == NULL)
    {
      vl_goals_page_say (self, _("Select the objective to add a key result to"));
      return;
    }
  add_key_result (self, objective, NULL);
}

/* The objective right above @objective among its siblings, if any. */
static VlRecord *
dup_previous_objective (VlGoalsPage *self,
                        VlRecord    *objective)
{
  guint position;

  if (!vl_goals_page_find_position (self, objective, &position))
    return NULL;
  for (guint i = position; i > 0; i--)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), i - 1);
      g_autoptr(GtkTreeListRow) mine = g_list_model_get_item (G_LIST_MODEL (self->tree), position);
      g_autoptr(VlRecord) r = gtk_tree_list_row_get_item (row);

      if (gtk_tree_list_row_get_depth (row) < gtk_tree_list_row_get_depth (mine))
        return NULL;
      if (gtk_tree_list_row_get_depth (row) == gtk_tree_list_row_get_depth (mine) && VL_IS_OBJECTIVE (r))
        return g_steal_pointer (&r);
    }
  return NULL;
}

static void
indent_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  VlGoalsPage *self = VL_GOALS_PAGE (widget);
  g_autoptr(VlRecord) selected = vl_goals_page_get_selected (self);
  g_autoptr(VlRecord) above = NULL;
  g_autoptr(GError) error = NULL;
  gboolean indent = g_str_equal (name, "goals.indent");
  gboolean ok;

  if (!check_writable (self) || selected == NULL)
    return;
  if (!VL_IS_OBJECTIVE (selected))
    {
      vl_goals_page_say (self, _("Only objectives are aligned; key results belong to their objective"));
      return;
    }
  if (indent)
    {
      above = dup_previous_objective (self, selected);
      if (above == NULL)
        {
          vl_goals_page_say (self, _("There is no objective above to align it under"));
          return;
        }
      ok = vl_objective_align (selected, above, &error);
    }
  else
    ok = vl_objective_outdent (selected, &error);
  if (!ok)
    report (self, error);
  else
    vl_goals_page_select (self, selected);
}

static void
move_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  VlGoalsPage *self = VL_GOALS_PAGE (widget);
  g_autoptr(VlRecord) selected = vl_goals_page_get_selected (self);
  g_autoptr(GError) error = NULL;
  int delta = g_str_equal (name, "goals.move-up") ? -1 : 1;

  if (!check_writable (self) || selected == NULL)
    return;
  if (VL_IS_ITEM (selected))
    {
      vl_goals_page_say (self, _("Rank backlog items on the Backlog page"));
      return;
    }
  if (vl_goals_page_is_detached (self, selected))
    return;
  if (!vl_okr_move_sibling (selected, delta, &error))
    report (self, error);
  else
    vl_goals_page_select (self, selected);
}

static void
rename_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  VlGoalsPage *self = VL_GOALS_PAGE (widget);
  g_autoptr(VlRecord) selected = vl_goals_page_get_selected (self);

  if (selected != NULL && !VL_IS_ITEM (selected) && check_writable (self))
    vl_goals_page_edit_title (self, selected, NULL);
}

static void
delete_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  VlGoalsPage *self = VL_GOALS_PAGE (widget);
  g_autoptr(VlRecord) selected = vl_goals_page_get_selected (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean ok;

  if (!check_writable (self) || selected == NULL)
    return;
  if (VL_IS_OBJECTIVE (selected))
    {
      ok = vl_objective_delete_tree (selected, &error);
      text = g_strdup_printf (_("“%s” deleted, with its key results and aligned objectives"),
                              vl_record_get_title (selected));
    }
  else if (VL_IS_KEY_RESULT (selected))
    {
      ok = vl_document_delete (self->document, selected, &error);
      text = g_strdup_printf (_("Key result “%s” deleted"), vl_record_get_title (selected));
    }
  else
    {
      g_object_set (selected, "key-result", NULL, NULL);
      ok = TRUE;
      text = g_strdup_printf (_("“%s” no longer serves this key result"), vl_record_get_title (selected));
    }
  if (!ok)
    report (self, error);
  else
    vl_toast (widget, text, TRUE);
}

static void
unlink_item_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  VlGoalsPage *self = VL_GOALS_PAGE (widget);
  g_autoptr(VlRecord) item = NULL;
  g_autofree char *text = NULL;

  if (!check_writable (self))
    return;
  item = vl_document_lookup (self->document, VL_KIND_ITEM, g_variant_get_int64 (param));
  if (item == NULL)
    return;
  g_object_set (item, "key-result", NULL, NULL);
  text = g_strdup_printf (_("“%s” no longer serves this key result"), vl_record_get_title (item));
  vl_toast (widget, text, TRUE);
}

/* goals.link-item(x): the selected key result is served by item x. */
static void
link_item_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  VlGoalsPage *self = VL_GOALS_PAGE (widget);
  g_autoptr(VlRecord) kr = vl_goals_page_get_selected (self);
  g_autoptr(VlRecord) item = NULL;

  if (!check_writable (self) || kr == NULL || !VL_IS_KEY_RESULT (kr))
    return;
  item = vl_document_lookup (self->document, VL_KIND_ITEM, g_variant_get_int64 (param));
  if (item != NULL)
    g_object_set (item, "key-result", kr, NULL);
}

static VlRecord *
dup_selected_key_result (VlGoalsPage *self)
{
  g_autoptr(VlRecord) selected = vl_goals_page_get_selected (self);

  if (selected != NULL && VL_IS_KEY_RESULT (selected))
    return g_steal_pointer (&selected);
  vl_goals_page_say (self, _("Select a key result first"));
  return NULL;
}

static void
check_in_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  VlGoalsPage *self = VL_GOALS_PAGE (widget);
  g_autoptr(VlRecord) kr = NULL;

  if (check_writable (self) && (kr = dup_selected_key_result (self)) != NULL)
    gtk_window_present (GTK_WINDOW (vl_check_in_dialog_new (GTK_WIDGET (self), kr)));
}

static void
link_action_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  VlGoalsPage *self = VL_GOALS_PAGE (widget);
  g_autoptr(VlRecord) kr = NULL;

  if (check_writable (self) && (kr = dup_selected_key_result (self)) != NULL)
    gtk_window_present (GTK_WINDOW (vl_link_items_dialog_new (GTK_WIDGET (self), kr)));
}

static void
cycle_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  VlGoalsPage *self = VL_GOALS_PAGE (widget);

  if (check_writable (self))
    gtk_window_present (GTK_WINDOW (vl_cycle_dialog_new (self, g_str_equal (name, "goals.edit-cycle")
                                                                     ? self->cycle : NULL)));
}

static void
expand_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  VlGoalsPage *self = VL_GOALS_PAGE (widget);
  GtkTreeListRow *row = self->selection ? gtk_single_selection_get_selected_item (self->selection) : NULL;
  gboolean expand = g_str_equal (name, "goals.expand");

  if (row == NULL)
    return;
  if (expand || gtk_tree_list_row_get_expanded (row))
    gtk_tree_list_row_set_expanded (row, expand);
  else
    {
      /* Closed already: go to the row above it in the tree. */
      g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);

      if (parent != NULL)
        gtk_single_selection_set_selected (self->selection, gtk_tree_list_row_get_position (parent));
    }
}

/* Typing on a selected row edits its title, starting with what was typed
 * (the outline's keys are in the action table). */
static gboolean
key_pressed_cb (GtkEventControllerKey *keys,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                VlGoalsPage           *self)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK | GDK_SUPER_MASK);
  gunichar c = gdk_keyval_to_unicode (keyval);

  if (focus != NULL && GTK_IS_TEXT (focus))
    return FALSE;   /* editing a title */
  if (c != 0 && g_unichar_isprint (c) && !g_unichar_isspace (c) && (mods & ~GDK_SHIFT_MASK) == 0)
    {
      g_autoptr(VlRecord) selected = vl_goals_page_get_selected (self);
      char typed[8] = { 0 };

      if (selected == NULL || VL_IS_ITEM (selected) || !check_writable (self))
        return FALSE;
      g_unichar_to_utf8 (c, typed);
      vl_goals_page_edit_title (self, selected, typed);
      return TRUE;
    }
  return FALSE;
}

/* The page's actions and keys. Those marked VL_ACTION_FOCUS work where the
 * outline has the focus, before the list view moves the focus with them. */
static const VlActionEntry actions[] = {
  { "goals.new-objective", new_objective_action, .accel = "<Control>n" },
  { "goals.add-sibling", add_sibling_action, .accel = "Return", .flags = VL_ACTION_FOCUS },
  { "goals.add-sibling", .accel = "KP_Enter", .flags = VL_ACTION_FOCUS },
  { "goals.add-key-result", add_key_result_action, .accel = "<Control>k" },
  { "goals.indent", indent_action, .accel = "Tab", .flags = VL_ACTION_FOCUS },
  { "goals.outdent", indent_action, .accel = "<Shift>Tab", .flags = VL_ACTION_FOCUS },
  { "goals.outdent", .accel = "<Shift>ISO_Left_Tab", .flags = VL_ACTION_FOCUS },
  { "goals.move-up", move_action, .accel = "<Alt>Up" },
  { "goals.move-down", move_action, .accel = "<Alt>Down" },
  { "goals.rename", rename_action, .accel = "F2" },
  { "goals.delete", delete_action, .accel = "Delete" },
  { "goals.check-in", check_in_action, .accel = "<Control>i" },
  { "goals.link-action", link_action_action, .accel = "<Control>l" },
  { "goals.link-item", link_item_action, "x" },
  { "goals.unlink-item", unlink_item_action, "x" },
  { "goals.new-cycle", cycle_action, .accel = "<Control><Shift><Alt>n" },
  { "goals.edit-cycle", cycle_action },
  { "goals.expand", expand_action, .accel = "Right", .flags = VL_ACTION_FOCUS },
  { "goals.collapse", expand_action, .accel = "Left", .flags = VL_ACTION_FOCUS },
};

void
vl_goals_page_class_add_actions (GtkWidgetClass *widget_class)
{
  vl_widget_class_add_actions (widget_class, actions, G_N_ELEMENTS (actions));
}

/* The outline's keys: its focus keys from the table, and typing over a
 * row's title. */
void
vl_goals_page_add_keys (VlGoalsPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list), keys);
  vl_actions_add_focus_keys (GTK_WIDGET (self->list), actions, G_N_ELEMENTS (actions));
}
