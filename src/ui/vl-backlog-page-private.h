/* vl-backlog-page-private.h — what the backlog page and its actions share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-backlog-columns.h"
#include "vl-backlog-page.h"
#include "vl-backlog-sidebar.h"
#include "vl-filter-bar.h"
#include "vl-item-panel.h"
#include "vl-item-search.h"
#include "vl-item-selection.h"

G_BEGIN_DECLS

struct _VlBacklogPage
{
  VlPage              parent_instance;

  GtkPaned           *paned;
  VlBacklogSidebar   *sidebar;
  VlFilterBar        *filter_bar;
  GtkMenuButton      *bulk_button;
  GtkStack           *content;
  GtkColumnView      *column_view;
  GtkPaned           *detail_paned;
  VlItemPanel        *item_panel;
  AdwStatusPage      *empty_page;
  GtkButton          *empty_button;

  GSettings          *settings;
  VlBacklogColumns   *columns;
  guint               choices_id;   /* rebuilding the lists of choices */
  guint               edit_idle;    /* a new item's title, edited once its row is bound */

  VlDocument         *document;
  GListModel         *items;        /* the chosen backlog's items, in rank order */
  VlItemSearch       *filtered;     /* searched and filtered, in rank order */
  GListModel         *sorted;       /* what the list shows (filtered, sorted by the core) */
  VlItemSelection    *selection;
};

/* vl-backlog-page.c */
char *vl_backlog_page_capture_view      (VlBacklogPage  *self);

/* vl-backlog-page-actions.c: what dropping a dragged row does */
gboolean vl_backlog_page_drop_item      (VlBacklogPage  *self,
                                         const char     *uuid,
                                         VlRecord       *onto,
                                         gboolean        below);

/* vl-backlog-page-actions.c */
void  vl_backlog_page_class_add_actions (GtkWidgetClass *widget_class);
GMenuModel *vl_backlog_page_bulk_menu   (VlDocument     *document);

G_END_DECLS
