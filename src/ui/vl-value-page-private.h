/* vl-value-page-private.h — what the Value page, its sections and its actions share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-value-page.h"
#include "vl-value.h"

G_BEGIN_DECLS

/* Only the section on screen is brought up to date after an edit; the
 * others when shown. */
enum { SECTION_REVIEWS, SECTION_LOOPS, SECTION_P1, SECTION_PORTFOLIO, N_SECTIONS };

struct _VlValuePage
{
  VlPage         parent_instance;

  GtkStack      *sections;
  GtkListView   *queue_view;
  GListStore    *queue_store;    /* VlQueueRow: a group's heading, or an entry */
  GtkSingleSelection *queue_selection;
  guint          last_position;  /* where the selection was, to step over headings */
  GtkStack      *review_stack;
  GtkLabel      *review_title;
  GtkLabel      *review_subtitle;
  AdwActionRow  *metric_row;
  AdwActionRow  *expected_row;
  GtkListBox    *readings_list;
  AdwActionRow  *achieved_row;
  AdwComboRow   *verdict_row;
  AdwEntryRow   *note_row;
  GtkWidget     *complete_button;
  GtkBox        *loops_box;
  GtkBox        *p1_box;
  GtkBox        *portfolio_box;

  VlDocument    *document;       /* the loaded one */
  GArray        *queue;          /* VlReviewEntry, as queue_view shows them */
  guint          queue_day;      /* the Julian day the queue's days late count from */
  GArray        *row_keys;       /* RowKey: what the queue's rows show */
  GHashTable    *positions;      /* item id → its place in the queue + 1 */
  gboolean       review_dirty;   /* the review panel follows an edit */
  VlRecord      *item;           /* the review shown */
  VlVerdict      suggested;
  guint          refresh_id;
  guint          n_overdue;
  GSignalGroup  *badge_signals;  /* the document, loaded or not, for the badge */
  gboolean       filling;
  guint          dirty;          /* sections to bring up to date when shown */
  GPtrArray     *loop_views;     /* LoopView, as loops_box shows them */
};

/* vl-value-page.c */
void  vl_value_page_clear_box       (GtkBox      *box);
void  vl_value_page_clear_list      (GtkListBox  *list);
char *vl_value_page_format_number   (double       value);
void  vl_value_page_refresh_all     (VlValuePage *self);
void  vl_value_page_update_actions  (VlValuePage *self);
GtkWidget *vl_value_page_info_row   (const char  *title,
                                     const char  *subtitle);

/* vl-value-page-sections.c: value loops, P1, portfolio */
void  vl_value_page_refresh_loops     (VlValuePage *self);
void  vl_value_page_refresh_p1        (VlValuePage *self);
void  vl_value_page_refresh_portfolio (VlValuePage *self);
void  vl_value_page_free_loop_view    (gpointer     view);

/* vl-value-page-actions.c */
void  vl_value_page_class_add_actions (GtkWidgetClass *widget_class);

G_END_DECLS
