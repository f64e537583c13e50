/* vl-reports.h — flow and value reports from the status history (DESIGN §12)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-csv.h"
#include "vl-document.h"

G_BEGIN_DECLS

typedef enum {
  VL_REPORT_CFD,
  VL_REPORT_CYCLE_TIME,
  VL_REPORT_LEAD_TIME,
  VL_REPORT_THROUGHPUT,
  VL_REPORT_AGING,
  VL_REPORT_CALIBRATION,
  VL_REPORT_N_KINDS
} VlReportKind;

/* What a report covers. Dates are local days, @from and @to included. */
typedef struct
{
  GDate     from;
  GDate     to;
  gint64    backlog;      /* row id; 0: every backlog */
  gint64    key_result;   /* row id; 0: any */
  VlStatus  clock_start;  /* the cycle time's clock starts at the first entry into it */
  VlStatus  clock_end;    /* … and stops at the first entry into this one */
  gint64    now_ms;       /* the age of work in progress is measured to it */
} VlReportQuery;

typedef struct
{
  GDate   day;
  guint   counts[VL_N_STATUSES];   /* items in each status at the end of the day */
} VlFlowDay;

typedef struct
{
  gint64  item;
  GDate   done;       /* the day of the first entry into the clock's end status */
  double  days;       /* one decimal */
} VlDuration;

typedef struct
{
  guint   n;
  double  p50, p85, p95;   /* nearest rank; NaN when n is 0 */
} VlPercentiles;

typedef struct
{
  int     iso_year;
  int     iso_week;
  GDate   monday;
  guint   launched;
} VlWeek;

typedef struct
{
  gint64   item;
  VlStatus status;
  double   days;      /* since its first entry into the clock's start status (or creation) */
} VlAgingItem;

typedef struct
{
  gint64    item;
  GDate     reviewed;
  double    expected_change;   /* expected − baseline */
  double    achieved_change;   /* actual − baseline */
  double    expected_pct;      /* the same in % of the baseline (comparable across metrics); */
  double    achieved_pct;      /* NaN when the baseline is 0 */
  VlVerdict verdict;
} VlCalibrationPoint;

typedef struct
{
  int     year;
  int     month;
  guint   reviewed;
  guint   validated;
} VlCalibrationMonth;

typedef struct
{
  VlReportQuery  query;
  GArray        *flow;          /* VlFlowDay, one per day of the period */
  GArray        *cycle;         /* VlDuration, items done in the period, by day */
  GArray        *lead;          /* VlDuration */
  VlPercentiles  cycle_pct;
  VlPercentiles  lead_pct;
  guint          done_without_start;  /* done in the period, never in the start status before */
  GArray        *throughput;    /* VlWeek, every ISO week the period touches */
  GArray        *aging;         /* VlAgingItem, oldest first */
  GArray        *calibration;   /* VlCalibrationPoint, reviewed in the period */
  GArray        *calibration_months;  /* VlCalibrationMonth */
} VlReport;

void           vl_report_query_init      (VlReportQuery  *query,
                                          VlDocument     *document,
                                          guint           days);
typedef struct _VlReportJob VlReportJob;
VlReportJob   *vl_report_job_new         (VlDocument     *document,
                                          const VlReportQuery *query,
                                          GError        **error);
gboolean       vl_report_job_step        (VlReportJob    *job,
                                          gint64          budget_us);
VlReport      *vl_report_job_finish      (VlReportJob    *job,
                                          GError        **error);
void           vl_report_job_free        (VlReportJob    *job);
VlReport      *vl_report_compute         (VlDocument     *document,
                                          const VlReportQuery *query,
                                          GError        **error);
void           vl_report_free            (VlReport       *report);
VlPercentiles  vl_percentiles            (GArray         *durations);
double         vl_percentile_nearest_rank (const double  *sorted,
                                           guint          n,
                                           double         p);

const char    *vl_report_kind_name       (VlReportKind    kind);
const char    *vl_report_kind_title      (VlReportKind    kind);
gboolean       vl_report_kind_from_name  (const char     *name,
                                          VlReportKind   *kind);
char          *vl_report_describe_clock  (const VlReport *report,
                                          VlReportKind    kind);
void           vl_report_write_csv       (VlDocument     *document,
                                          const VlReport *report,
                                          VlReportKind    kind,
                                          VlCsvWriter    *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VlReport, vl_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VlReportJob, vl_report_job_free)

G_END_DECLS
