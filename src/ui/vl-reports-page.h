/* vl-reports-page.h — the Reports page: flow and value charts, the
 * release calendar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-chart.h"
#include "vl-page.h"
#include "vl-reports.h"

G_BEGIN_DECLS

#define VL_TYPE_REPORTS_PAGE (vl_reports_page_get_type ())

G_DECLARE_FINAL_TYPE (VlReportsPage, vl_reports_page, VL, REPORTS_PAGE, VlPage)

/* The sidebar's last entry, after the report kinds. */
#define VL_REPORTS_CALENDAR VL_REPORT_N_KINDS

VlChart        *vl_reports_page_get_chart   (VlReportsPage *self);
const VlReport *vl_reports_page_get_report  (VlReportsPage *self);
GtkWidget      *vl_reports_page_get_item_panel (VlReportsPage *self);

G_END_DECLS
