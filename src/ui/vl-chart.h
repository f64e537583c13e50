/* vl-chart.h — one chart widget for every report (stacked areas, scatter,
 * run chart, dots per category), drawn with GtkSnapshot in the theme's
 * colours, stepped through from the keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  VL_CHART_STACKED_AREA,   /* x: day; one value per series and day, stacked */
  VL_CHART_SCATTER,        /* x: day or number; y: number */
  VL_CHART_RUN,            /* x: day; points joined in order */
  VL_CHART_DOTS,           /* x: a category (the series); y: number */
} VlChartKind;

typedef struct
{
  double  x;
  double  y;
  int     series;     /* the colour, and the category of DOTS */
  gint64  item;       /* a row id a click opens; 0: none */
  char   *label;      /* what the tooltip and a screen reader say */
} VlChartPoint;

#define VL_TYPE_CHART (vl_chart_get_type ())

G_DECLARE_FINAL_TYPE (VlChart, vl_chart, VL, CHART, GtkWidget)

GtkWidget   *vl_chart_new             (void);
void         vl_chart_set_data        (VlChart            *self,
                                       VlChartKind         kind,
                                       GArray             *points,
                                       const char *const  *series,
                                       const int          *colours,
                                       gboolean            x_is_day,
                                       const char         *x_title,
                                       const char         *y_title);
void         vl_chart_add_line        (VlChart            *self,
                                       double              y,
                                       const char         *label);
void         vl_chart_set_diagonal    (VlChart            *self,
                                       gboolean            diagonal);
guint        vl_chart_get_n_points    (VlChart            *self);
int          vl_chart_get_focused     (VlChart            *self);
void         vl_chart_focus_point     (VlChart            *self,
                                       int                 index);
const VlChartPoint *vl_chart_get_point (VlChart           *self,
                                        guint              index);
gboolean     vl_chart_get_point_position (VlChart         *self,
                                          guint            index,
                                          double          *x,
                                          double          *y);
GskRenderNode *vl_chart_render        (VlChart            *self,
                                       int                 width,
                                       int                 height);

G_END_DECLS
