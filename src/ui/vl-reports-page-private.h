/* vl-reports-page-private.h — what the Reports page, its calendar and its actions share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-chart.h"
#include "vl-csv.h"
#include "vl-item-panel.h"
#include "vl-reports-page.h"
#include "vl-reports.h"

G_BEGIN_DECLS

#define EPOCH_JULIAN 719163
#define EXPORT_WIDTH 1200
#define EXPORT_HEIGHT 700

enum {
  PERIOD_30,
  PERIOD_90,
  PERIOD_180,
  PERIOD_CYCLE,
  PERIOD_CUSTOM,
};

struct _VlReportsPage
{
  VlPage          parent_instance;

  GtkListBox     *report_list;
  GtkDropDown    *period_choice;
  GtkDropDown    *backlog_choice;
  GtkToggleButton *table_toggle;
  GtkLabel       *report_title;
  GtkLabel       *report_subtitle;
  GtkStack       *view_stack;
  VlChart        *chart;
  GtkColumnView  *table;
  GtkGrid        *month_grid;
  AdwStatusPage  *empty_page;
  GtkRevealer    *panel_revealer;
  VlItemPanel    *item_panel;

  VlDocument     *document;
  VlReport       *report;
  int             kind;           /* VlReportKind, or VL_REPORTS_CALENDAR */
  GArray         *backlog_ids;    /* gint64 per backlog choice; 0: every backlog */
  GDate           custom_from;
  GDate           custom_to;
  GDate           month;          /* the calendar's, its first day */
  VlCsvTable     *rows;           /* the table view's */
  VlReportJob    *job;            /* the reports being counted, between frames */
  guint           step_id;
  guint           refresh_id;
  gboolean        show_table;
  gboolean        stale;          /* edited while hidden: count again when shown */
  gboolean        panel_open;
  gboolean        filling;
  int             last_period;
};

/* vl-reports-page.c */
void      vl_reports_page_refresh      (VlReportsPage *self);
void      vl_reports_page_show_kind    (VlReportsPage *self);
void      vl_reports_page_make_query   (VlReportsPage *self,
                                        VlReportQuery *query);
GString  *vl_reports_page_report_csv   (VlReportsPage *self,
                                        VlCsvFlavour   flavour);
void      vl_reports_page_fill_chart   (VlReportsPage *self);
void      vl_reports_page_update_panel (VlReportsPage *self);
gboolean  vl_reports_page_parse_day    (const char    *text,
                                        GDate         *out);
void      vl_reports_page_open_item    (VlReportsPage *self,
                                        gint64         rowid);

/* vl-reports-page-calendar.c: the release calendar's month */
void vl_reports_page_fill_calendar  (VlReportsPage *self);

/* vl-reports-page-actions.c */
void vl_reports_page_class_add_actions (GtkWidgetClass *widget_class);
void vl_reports_page_connect_choices   (VlReportsPage  *self);

G_END_DECLS
