/* vl-goals-page-private.h — what the Goals page, its actions and its tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-goal-panel.h"
#include "vl-goals-page.h"

G_BEGIN_DECLS

struct _VlGoalsPage
{
  VlPage              parent_instance;

  GtkWidget          *root;           /* the template's */
  GtkDropDown        *cycle_dropdown;
  GtkStack           *stack;
  AdwStatusPage      *empty_page;
  GtkListView        *list;
  GtkSingleSelection *selection;
  GtkTreeListModel   *tree;
  GtkCustomFilter    *root_filter;
  GtkCustomFilter    *child_filter;
  GListStore         *detached_store;
  GListModel         *roots;
  VlGoalPanel        *panel;

  VlDocument         *document;
  GPtrArray          *cycles;         /* VlRecord, as the drop-down lists them */
  VlRecord           *cycle;
  GHashTable         *detached;       /* rowids shown at the top (vl_objective_dup_detached) */
  GPtrArray          *bound;          /* row boxes on screen */
  VlRecord           *edit_pending;   /* start editing its title once its row is bound */
  char               *edit_text;      /* … with this text typed */
  GHashTable         *stats;          /* objectives' VlOkrStats, or NULL: to make */
  GHashTable         *kr_stats;       /* key results' */
  guint               refresh_id;
  gboolean            filling_cycles;
  gboolean            expanding;
};

/* vl-goals-page.c */
void       vl_goals_page_say             (VlGoalsPage *self,
                                          const char  *text);
void       vl_goals_page_edit_title      (VlGoalsPage *self,
                                          VlRecord    *record,
                                          const char  *typed);
GtkWidget *vl_goals_page_find_row_widget (VlGoalsPage *self,
                                          VlRecord    *record);
gboolean   vl_goals_page_is_detached     (VlGoalsPage *self,
                                          VlRecord    *objective);
gboolean   vl_goals_page_find_position   (VlGoalsPage *self,
                                          VlRecord    *record,
                                          guint       *position);

/* vl-goals-page-actions.c */
void       vl_goals_page_class_add_actions (GtkWidgetClass *widget_class);
void       vl_goals_page_add_keys          (VlGoalsPage    *self);

G_END_DECLS
