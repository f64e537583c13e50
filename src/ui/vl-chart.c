/* vl-chart.c — one chart widget for every report
 *
 * Everything is drawn with colour, border, clip and transform nodes (no
 * cairo), so the PNG and SVG exports (vl-node-writer.c) get the same
 * drawing, with vector shapes and real text. Stacked areas are drawn a
 * day wide each (a step area, true to data counted per day); a line is a
 * rotated thin rectangle. Colours: the theme's foreground for axes and
 * text, the series' own colours for the data (chosen to read on light
 * and dark backgrounds); lines are thicker in high contrast.
 *
 * Keyboard: Left/Right (and Up/Down) step through the points in x order,
 * Home/End, Enter or Space opens the point's item ("activate-point").
 * The focused point is outlined, its label is the chart's accessible
 * description and its tooltip. A click on a point opens it too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-chart"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "vl-actions.h"
#include "vl-chart.h"
#include "vl-node-writer.h"

#define EPOCH_JULIAN 719163
#define MARGIN_LEFT 64
#define MARGIN_RIGHT 20
#define MARGIN_TOP 40
#define MARGIN_BOTTOM 48
#define DOT 7.0
#define HIT 10.0

typedef struct
{
  double  y;
  char   *label;
} Line;

struct _VlChart
{
  GtkWidget    parent_instance;

  VlChartKind  kind;
  GArray      *points;      /* VlChartPoint */
  GPtrArray   *series;      /* names */
  GArray      *colours;     /* guint32 0xRRGGBB per series */
  gboolean     x_is_day;
  char        *x_title;
  char        *y_title;
  GArray      *lines;       /* Line */
  gboolean     diagonal;
  GArray      *order;       /* point indices, stepping order */
  int          focused;     /* into order; -1: none */
  double       xmin, xmax, ymin, ymax;
  graphene_rect_t plot;     /* where the data went last time */
};

G_DEFINE_FINAL_TYPE (VlChart, vl_chart, GTK_TYPE_WIDGET)

enum {
  ACTIVATE_POINT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- data ------------------------------------------------------------------ */

static void
clear_point (gpointer data)
{
  g_free (((VlChartPoint *) data)->label);
}

static void
clear_line (gpointer data)
{
  g_free (((Line *) data)->label);
}

static int
compare_order (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  VlChart *self = data;
  const VlChartPoint *x = &g_array_index (self->points, VlChartPoint, *(const guint *) a);
  const VlChartPoint *y = &g_array_index (self->points, VlChartPoint, *(const guint *) b);

  if (self->kind == VL_CHART_DOTS && x->series != y->series)
    return x->series - y->series;
  if (x->x != y->x)
    return x->x < y->x ? -1 : 1;
  return (x->y > y->y) - (x->y < y->y);
}

static void
update_ranges (VlChart *self)
{
  g_autofree double *stack = NULL;
  double xmin = G_MAXDOUBLE, xmax = -G_MAXDOUBLE, ymin = 0, ymax = -G_MAXDOUBLE;

  for (guint i = 0; i < self->points->len; i++)
    {
      const VlChartPoint *p = &g_array_index (self->points, VlChartPoint, i);

      xmin = MIN (xmin, p->x);
      xmax = MAX (xmax, p->x);
      ymin = MIN (ymin, p->y);
      ymax = MAX (ymax, p->y);
    }
  if (self->kind == VL_CHART_STACKED_AREA && self->points->len > 0)
    {
      /* The top of the stack of each day. */
      int n_days = (int) (xmax - xmin) + 1;

      stack = g_new0 (double, n_days);
      for (guint i = 0; i < self->points->len; i++)
        {
          const VlChartPoint *p = &g_array_index (self->points, VlChartPoint, i);

          stack[(int) (p->x - xmin)] += p->y;
        }
      for (int d = 0; d < n_days; d++)
        ymax = MAX (ymax, stack[d]);
      xmax += 1;   /* the last day is a day wide */
    }
  if (self->kind == VL_CHART_DOTS)
    {
      xmin = -0.5;
      xmax = self->series->len - 0.5;
    }
  for (guint i = 0; i < self->lines->len; i++)
    ymax = MAX (ymax, g_array_index (self->lines, Line, i).y);
  if (self->diagonal)
    {
      double lo = MIN (xmin, ymin), hi = MAX (xmax, ymax);

      xmin = ymin = lo;
      xmax = ymax = hi;
    }
  if (self->points->len == 0)
    {
      xmin = 0;
      xmax = 1;
      ymax = 1;
    }
  if (xmax <= xmin)
    {
      xmin -= 1;
      xmax += 1;
    }
  if (ymax <= ymin)
    ymax = ymin + 1;
  self->xmin = xmin;
  self->xmax = xmax;
  self->ymin = ymin;
  self->ymax = ymax * 1.05;
}

/**
 * vl_chart_set_data:
 * @points: (transfer full): VlChartPoint, whose labels the chart frees
 * @series: the series' names (a DOTS chart's categories)
 * @colours: 0xRRGGBB, one per series
 * @x_is_day: x is a day (days since 1970-01-01), shown as dates
 */
void
vl_chart_set_data (VlChart           *self,
                   VlChartKind        kind,
                   GArray            *points,
                   const char *const *series,
                   const int         *colours,
                   gboolean           x_is_day,
                   const char        *x_title,
                   const char        *y_title)
{
  g_return_if_fail (VL_IS_CHART (self));

  self->kind = kind;
  g_clear_pointer (&self->points, g_array_unref);
  self->points = points;
  g_array_set_clear_func (self->points, clear_point);
  g_ptr_array_set_size (self->series, 0);
  g_array_set_size (self->colours, 0);
  for (guint s = 0; series[s] != NULL; s++)
    {
      guint32 colour = (guint32) colours[s];

      g_ptr_array_add (self->series, g_strdup (series[s]));
      g_array_append_val (self->colours, colour);
    }
  self->x_is_day = x_is_day;
  g_free (self->x_title);
  g_free (self->y_title);
  self->x_title = g_strdup (x_title);
  self->y_title = g_strdup (y_title);
  g_array_set_size (self->lines, 0);
  self->diagonal = FALSE;
  g_array_set_size (self->order, 0);
  for (guint i = 0; i < self->points->len; i++)
    {
      /* A stacked chart steps by day: its first series' point stands for the day. */
      if (kind == VL_CHART_STACKED_AREA && g_array_index (self->points, VlChartPoint, i).series != 0)
        continue;
      g_array_append_val (self->order, i);
    }
  g_array_sort_with_data (self->order, compare_order, self);
  self->focused = -1;
  update_ranges (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A reference line across the chart (a percentile), labelled at its end. */
void
vl_chart_add_line (VlChart    *self,
                   double      y,
                   const char *label)
{
  Line line = { y, g_strdup (label) };

  g_return_if_fail (VL_IS_CHART (self));
  if (isnan (y))
    {
      g_free (line.label);
      return;
    }
  g_array_append_val (self->lines, line);
  update_ranges (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* y = x, with both axes on the same scale (calibration). */
void
vl_chart_set_diagonal (VlChart  *self,
                       gboolean  diagonal)
{
  g_return_if_fail (VL_IS_CHART (self));
  self->diagonal = diagonal;
  update_ranges (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
vl_chart_get_n_points (VlChart *self)
{
  g_return_val_if_fail (VL_IS_CHART (self), 0);
  return self->order->len;
}

const VlChartPoint *
vl_chart_get_point (VlChart *self,
                    guint    index)
{
  g_return_val_if_fail (VL_IS_CHART (self), NULL);
  g_return_val_if_fail (index < self->order->len, NULL);
  return &g_array_index (self->points, VlChartPoint, g_array_index (self->order, guint, index));
}

int
vl_chart_get_focused (VlChart *self)
{
  g_return_val_if_fail (VL_IS_CHART (self), -1);
  return self->focused;
}

void
vl_chart_focus_point (VlChart *self,
                      int      index)
{
  const VlChartPoint *p;

  g_return_if_fail (VL_IS_CHART (self));
  if (self->order->len == 0)
    return;
  self->focused = CLAMP (index, 0, (int) self->order->len - 1);
  p = vl_chart_get_point (self, (guint) self->focused);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, p->label, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), p->label);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- geometry ------------------------------------------------------------------ */

static double
to_x (VlChart *self,
      double   x)
{
  return self->plot.origin.x + (x - self->xmin) / (self->xmax - self->xmin) * self->plot.size.width;
}

static double
to_y (VlChart *self,
      double   y)
{
  return self->plot.origin.y + self->plot.size.height -
         (y - self->ymin) / (self->ymax - self->ymin) * self->plot.size.height;
}

/* Where a point is drawn; DOTS spread a category's points a little. */
static void
point_at (VlChart            *self,
          const VlChartPoint *p,
          guint               index,
          double             *px,
          double             *py)
{
  double x = p->x;

  if (self->kind == VL_CHART_DOTS)
    x = p->series + ((index * 7919 % 100) / 100.0 - 0.5) * 0.5;
  else if (self->kind == VL_CHART_STACKED_AREA)
    x += 0.5;
  *px = to_x (self, x);
  if (self->kind == VL_CHART_STACKED_AREA)
    {
      double top = 0;

      /* The day's whole stack. */
      for (guint i = 0; i < self->points->len; i++)
        if (g_array_index (self->points, VlChartPoint, i).x == p->x)
          top += g_array_index (self->points, VlChartPoint, i).y;
      *py = to_y (self, top);
    }
  else
    *py = to_y (self, p->y);
}

static void
place_plot (VlChart *self,
            int      width,
            int      height)
{
  graphene_rect_init (&self->plot, MARGIN_LEFT, MARGIN_TOP, MAX (width - MARGIN_LEFT - MARGIN_RIGHT, 10),
                      MAX (height - MARGIN_TOP - MARGIN_BOTTOM, 10));
}

static int
nearest_point (VlChart *self,
               double   x,
               double   y)
{
  int best = -1;
  double best_d = HIT * HIT;

  for (guint k = 0; k < self->order->len; k++)
    {
      guint i = g_array_index (self->order, guint, k);
      double px, py, d;

      point_at (self, &g_array_index (self->points, VlChartPoint, i), i, &px, &py);
      if (self->kind == VL_CHART_STACKED_AREA)
        py = y;   /* a day's column anywhere */
      d = (px - x) * (px - x) + (py - y) * (py - y);
      if (d <= best_d)
        {
          best_d = d;
          best = (int) k;
        }
    }
  return best;
}

/* Where the point at @index (in stepping order) is drawn, in the
 * widget's coordinates; FALSE before the chart was drawn. */
gboolean
vl_chart_get_point_position (VlChart *self,
                             guint    index,
                             double  *x,
                             double  *y)
{
  guint i;

  g_return_val_if_fail (VL_IS_CHART (self), FALSE);
  if (index >= self->order->len || self->plot.size.width <= 0)
    return FALSE;
  i = g_array_index (self->order, guint, index);
  point_at (self, &g_array_index (self->points, VlChartPoint, i), i, x, y);
  return TRUE;
}

/* ---- drawing ------------------------------------------------------------------- */

static GdkRGBA
rgb (guint32 colour,
     float   alpha)
{
  GdkRGBA c = { ((colour >> 16) & 0xff) / 255.f, ((colour >> 8) & 0xff) / 255.f, (colour & 0xff) / 255.f,
                alpha };

  return c;
}

static void
rect (GtkSnapshot   *s,
      const GdkRGBA *colour,
      double         x,
      double         y,
      double         w,
      double         h)
{
  gtk_snapshot_append_color (s, colour, &GRAPHENE_RECT_INIT ((float) x, (float) y, (float) w, (float) h));
}

static void
segment (GtkSnapshot   *s,
         const GdkRGBA *colour,
         double         x1,
         double         y1,
         double         x2,
         double         y2,
         double         width)
{
  double length = hypot (x2 - x1, y2 - y1);

  gtk_snapshot_save (s);
  gtk_snapshot_translate (s, &GRAPHENE_POINT_INIT ((float) x1, (float) y1));
  gtk_snapshot_rotate (s, (float) (atan2 (y2 - y1, x2 - x1) * 180 / G_PI));
  rect (s, colour, 0, -width / 2, length, width);
  gtk_snapshot_restore (s);
}

static void
dot (GtkSnapshot   *s,
     const GdkRGBA *fill,
     double         x,
     double         y,
     double         size)
{
  GskRoundedRect r;

  gsk_rounded_rect_init_from_rect (&r, &GRAPHENE_RECT_INIT ((float) (x - size / 2), (float) (y - size / 2),
                                                            (float) size, (float) size), (float) size / 2);
  gtk_snapshot_push_rounded_clip (s, &r);
  rect (s, fill, x - size / 2, y - size / 2, size, size);
  gtk_snapshot_pop (s);
}

static void
ring (GtkSnapshot   *s,
      const GdkRGBA *colour,
      double         x,
      double         y,
      double         size)
{
  GskRoundedRect r;
  float widths[4] = { 2, 2, 2, 2 };
  GdkRGBA colours[4] = { *colour, *colour, *colour, *colour };

  gsk_rounded_rect_init_from_rect (&r, &GRAPHENE_RECT_INIT ((float) (x - size / 2), (float) (y - size / 2),
                                                            (float) size, (float) size), (float) size / 2);
  gtk_snapshot_append_border (s, &r, widths, colours);
}

static void
text (GtkWidget     *widget,
      GtkSnapshot   *s,
      const GdkRGBA *colour,
      const char    *string,
      double         x,
      double         y,
      double         xalign,
      gboolean       small)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, string);
  int w, h;

  if (small)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  pango_layout_get_pixel_size (layout, &w, &h);
  gtk_snapshot_save (s);
  gtk_snapshot_translate (s, &GRAPHENE_POINT_INIT ((float) (x - w * xalign), (float) (y - h / 2.0)));
  /* Tagged runs: an SVG export writes them as text. */
  vl_node_append_layout (s, layout, colour, TRUE);
  gtk_snapshot_restore (s);
}

static double
nice_step (double range,
           int    n)
{
  double raw = range / MAX (n, 1), mag = pow (10, floor (log10 (raw))), f = raw / mag;

  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

static void
day_text (double day,
          char  *out,
          gsize  size,
          gboolean with_day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) (day + EPOCH_JULIAN));
  /* Translators: an axis label of a chart: a month (strftime) */
  g_date_strftime (out, size, with_day ? C_("chart axis", "%b %d") : C_("chart axis", "%b %Y"), &date);
}

static void
draw_axes (VlChart       *self,
           GtkSnapshot   *s,
           const GdkRGBA *fg,
           const GdkRGBA *grid)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const graphene_rect_t *p = &self->plot;
  double step = nice_step (self->ymax - self->ymin, 5);
  char buf[64];

  /* y: gridlines and numbers */
  for (double y = ceil (self->ymin / step) * step; y <= self->ymax; y += step)
    {
      double py = to_y (self, y);

      rect (s, grid, p->origin.x, py, p->size.width, 1);
      g_snprintf (buf, sizeof buf, "%g", fabs (y) < step / 1e6 ? 0 : y);
      text (widget, s, fg, buf, p->origin.x - 6, py, 1.0, TRUE);
    }
  /* x: dates, numbers or categories */
  if (self->kind == VL_CHART_DOTS)
    for (guint c = 0; c < self->series->len; c++)
      text (widget, s, fg, self->series->pdata[c], to_x (self, c), p->origin.y + p->size.height + 12, 0.5, TRUE);
  else if (self->x_is_day)
    {
      double range = self->xmax - self->xmin;
      gboolean monthly = range > 100;

      for (double d = ceil (self->xmin); d <= self->xmax; d++)
        {
          GDate date;
          gboolean tick;

          g_date_clear (&date, 1);
          g_date_set_julian (&date, (guint32) (d + EPOCH_JULIAN));
          tick = monthly ? g_date_get_day (&date) == 1
                         : range > 21 ? g_date_get_weekday (&date) == G_DATE_MONDAY && (range <= 60 ||
                                          ((int) d / 7) % 2 == 0)
                         : TRUE;
          if (!tick)
            continue;
          rect (s, grid, to_x (self, d), p->origin.y, 1, p->size.height);
          day_text (d, buf, sizeof buf, !monthly);
          text (widget, s, fg, buf, to_x (self, d), p->origin.y + p->size.height + 12, 0.5, TRUE);
        }
    }
  else
    {
      double xstep = nice_step (self->xmax - self->xmin, 6);

      for (double x = ceil (self->xmin / xstep) * xstep; x <= self->xmax; x += xstep)
        {
          rect (s, grid, to_x (self, x), p->origin.y, 1, p->size.height);
          g_snprintf (buf, sizeof buf, "%g", fabs (x) < xstep / 1e6 ? 0 : x);
          text (widget, s, fg, buf, to_x (self, x), p->origin.y + p->size.height + 12, 0.5, TRUE);
        }
    }
  rect (s, fg, p->origin.x, p->origin.y + p->size.height, p->size.width, 1);
  rect (s, fg, p->origin.x, p->origin.y, 1, p->size.height);
  if (self->x_title != NULL)
    text (widget, s, fg, self->x_title, p->origin.x + p->size.width / 2, p->origin.y + p->size.height + 32,
          0.5, FALSE);
  if (self->y_title != NULL)
    text (widget, s, fg, self->y_title, p->origin.x - 6, MARGIN_TOP - 26, 0.0, FALSE);
}

static void
draw_legend (VlChart       *self,
             GtkSnapshot   *s,
             const GdkRGBA *fg)
{
  double x = self->plot.origin.x + self->plot.size.width;

  if (self->kind == VL_CHART_DOTS)
    return;
  /* Right to left, so the last series ends at the right edge. */
  for (int k = (int) self->series->len - 1; k >= 0; k--)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->series->pdata[k]);
      GdkRGBA c = rgb (g_array_index (self->colours, guint32, k), 1);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      x -= w * 0.85;
      text (GTK_WIDGET (self), s, fg, self->series->pdata[k], x, MARGIN_TOP - 26, 0.0, TRUE);
      x -= 14;
      rect (s, &c, x, MARGIN_TOP - 31, 10, 10);
      x -= 14;
    }
}

static void
draw_data (VlChart     *self,
           GtkSnapshot *s,
           gboolean     high_contrast)
{
  double width = high_contrast ? 3 : 2;

  if (self->kind == VL_CHART_STACKED_AREA)
    {
      /* Day by day, each series on the ones before it. */
      int n_days = (int) (self->xmax - self->xmin);
      g_autofree double *base = g_new0 (double, MAX (n_days, 1));

      for (guint i = 0; i < self->points->len; i++)
        {
          const VlChartPoint *p = &g_array_index (self->points, VlChartPoint, i);
          int d = (int) (p->x - self->xmin);
          GdkRGBA c = rgb (g_array_index (self->colours, guint32, p->series), 1);
          double x0 = floor (to_x (self, p->x)), x1 = floor (to_x (self, p->x + 1));
          double y0 = to_y (self, base[d]), y1 = to_y (self, base[d] + p->y);

          if (d < 0 || d >= n_days || p->y <= 0)
            continue;
          rect (s, &c, x0, y1, x1 - x0 + 1, y0 - y1);
          base[d] += p->y;
        }
      return;
    }
  if (self->kind == VL_CHART_RUN)
    for (guint k = 1; k < self->order->len; k++)
      {
        guint a = g_array_index (self->order, guint, k - 1), b = g_array_index (self->order, guint, k);
        const VlChartPoint *pa = &g_array_index (self->points, VlChartPoint, a);
        const VlChartPoint *pb = &g_array_index (self->points, VlChartPoint, b);
        GdkRGBA c = rgb (g_array_index (self->colours, guint32, pb->series), 1);
        double ax, ay, bx, by;

        point_at (self, pa, a, &ax, &ay);
        point_at (self, pb, b, &bx, &by);
        segment (s, &c, ax, ay, bx, by, width);
      }
  for (guint i = 0; i < self->points->len; i++)
    {
      const VlChartPoint *p = &g_array_index (self->points, VlChartPoint, i);
      GdkRGBA c = rgb (g_array_index (self->colours, guint32, p->series), 0.9f);
      double x, y;

      point_at (self, p, i, &x, &y);
      dot (s, &c, x, y, high_contrast ? DOT + 2 : DOT);
    }
}

static void
draw_lines (VlChart       *self,
            GtkSnapshot   *s,
            const GdkRGBA *fg,
            gboolean       high_contrast)
{
  const graphene_rect_t *p = &self->plot;

  if (self->diagonal)
    {
      GdkRGBA c = *fg;

      c.alpha = 0.6f;
      segment (s, &c, to_x (self, self->xmin), to_y (self, self->xmin), to_x (self, self->xmax),
               to_y (self, self->xmax), high_contrast ? 2 : 1);
    }
  for (guint i = 0; i < self->lines->len; i++)
    {
      const Line *line = &g_array_index (self->lines, Line, i);
      double y = to_y (self, line->y);
      GdkRGBA c = *fg;

      c.alpha = 0.75f;
      /* Dashed: 6 on, 4 off. */
      for (double x = p->origin.x; x < p->origin.x + p->size.width; x += 10)
        rect (s, &c, x, y - (high_contrast ? 1 : 0.5), MIN (6, p->origin.x + p->size.width - x), high_contrast ? 2 : 1);
      text (GTK_WIDGET (self), s, fg, line->label, p->origin.x + p->size.width - 4, y - 9, 1.0, TRUE);
    }
}

/* Everything but the focus; the widget's snapshot and the exports. */
static void
draw_chart (VlChart     *self,
            GtkSnapshot *s,
            int          width,
            int          height)
{
  gboolean high_contrast = adw_style_manager_get_high_contrast (adw_style_manager_get_default ());
  GdkRGBA fg, grid;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
  grid = fg;
  grid.alpha = high_contrast ? 0.35f : 0.12f;
  place_plot (self, width, height);
  draw_axes (self, s, &fg, &grid);
  draw_legend (self, s, &fg);
  gtk_snapshot_push_clip (s, &GRAPHENE_RECT_INIT (self->plot.origin.x - DOT, self->plot.origin.y - DOT,
                                                  self->plot.size.width + 2 * DOT,
                                                  self->plot.size.height + 2 * DOT));
  draw_data (self, s, high_contrast);
  draw_lines (self, s, &fg, high_contrast);
  gtk_snapshot_pop (s);
}

static void
vl_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *s)
{
  VlChart *self = VL_CHART (widget);
  GdkRGBA fg;

  draw_chart (self, s, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  if (self->focused >= 0 && (guint) self->focused < self->order->len)
    {
      guint i = g_array_index (self->order, guint, self->focused);
      double x, y;

      gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
      point_at (self, &g_array_index (self->points, VlChartPoint, i), i, &x, &y);
      if (self->kind == VL_CHART_STACKED_AREA)
        rect (s, &fg, x - 0.5, self->plot.origin.y, 1.5, self->plot.size.height);
      ring (s, &fg, x, y, DOT + 8);
    }
}

/**
 * vl_chart_render:
 *
 * Returns: (transfer full): the chart drawn at @width × @height on the
 *   window's background (the exports)
 */
GskRenderNode *
vl_chart_render (VlChart *self,
                 int      width,
                 int      height)
{
  GtkSnapshot *s = gtk_snapshot_new ();
  graphene_rect_t kept = self->plot;
  GskRenderNode *node;
  GdkRGBA bg = { 1, 1, 1, 1 };

  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    bg = (GdkRGBA) { 0.14f, 0.14f, 0.14f, 1 };
  rect (s, &bg, 0, 0, width, height);
  draw_chart (self, s, width, height);
  node = gtk_snapshot_free_to_node (s);
  self->plot = kept;
  return node;
}

/* ---- input ---------------------------------------------------------------------- */

static void
activate_focused (VlChart *self)
{
  const VlChartPoint *p;

  if (self->focused < 0)
    return;
  p = vl_chart_get_point (self, (guint) self->focused);
  if (p->item != 0)
    g_signal_emit (self, signals[ACTIVATE_POINT], 0, p->item);
}

static void
step_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  VlChart *self = VL_CHART (widget);
  int by = g_variant_get_int32 (param);

  if (self->order->len == 0)
    return;
  if (by == G_MININT32)
    vl_chart_focus_point (self, 0);
  else if (by == G_MAXINT32)
    vl_chart_focus_point (self, (int) self->order->len - 1);
  else
    vl_chart_focus_point (self, self->focused < 0 ? 0 : self->focused + by);
}

static void
activate_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  activate_focused (VL_CHART (widget));
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            VlChart         *self)
{
  int k = nearest_point (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (k < 0)
    return;
  vl_chart_focus_point (self, k);
  activate_focused (self);
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  VlChart    *self)
{
  int k = keyboard ? self->focused : nearest_point (self, x, y);

  if (k < 0)
    return FALSE;
  gtk_tooltip_set_text (tooltip, vl_chart_get_point (self, (guint) k)->label);
  return TRUE;
}

static void
vl_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 320 : 220;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 720 : 420;
}

static void
vl_chart_finalize (GObject *object)
{
  VlChart *self = VL_CHART (object);

  g_clear_pointer (&self->points, g_array_unref);
  g_ptr_array_unref (self->series);
  g_array_unref (self->colours);
  g_array_unref (self->lines);
  g_array_unref (self->order);
  g_free (self->x_title);
  g_free (self->y_title);
  G_OBJECT_CLASS (vl_chart_parent_class)->finalize (object);
}

/* The chart's actions and keys: stepping through the points, opening one. */
static const VlActionEntry actions[] = {
  { "chart.step", step_action, "i", .accel = "Right", .format = "i", .arg1 = 1 },
  { "chart.step", .accel = "Down", .format = "i", .arg1 = 1 },
  { "chart.step", .accel = "Left", .format = "i", .arg1 = -1 },
  { "chart.step", .accel = "Up", .format = "i", .arg1 = -1 },
  { "chart.step", .accel = "Page_Down", .format = "i", .arg1 = 10 },
  { "chart.step", .accel = "Page_Up", .format = "i", .arg1 = -10 },
  { "chart.step", .accel = "Home", .format = "i", .arg1 = G_MININT32 },
  { "chart.step", .accel = "End", .format = "i", .arg1 = G_MAXINT32 },
  { "chart.activate", activate_action, .accel = "Return" },
  { "chart.activate", .accel = "KP_Enter" },
  { "chart.activate", .accel = "space" },
};

static void
vl_chart_class_init (VlChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->finalize = vl_chart_finalize;
  widget_class->snapshot = vl_chart_snapshot;
  widget_class->measure = vl_chart_measure;
  /**
   * VlChart::activate-point:
   * @item: the row id of the point's item
   *
   * A click on a point, or Enter on the focused one.
   */
  signals[ACTIVATE_POINT] = g_signal_new ("activate-point", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  vl_widget_class_add_actions (widget_class, actions, G_N_ELEMENTS (actions));
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "chart");
}

static void
vl_chart_init (VlChart *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->points = g_array_new (FALSE, TRUE, sizeof (VlChartPoint));
  self->series = g_ptr_array_new_with_free_func (g_free);
  self->colours = g_array_new (FALSE, TRUE, sizeof (guint32));
  self->lines = g_array_new (FALSE, TRUE, sizeof (Line));
  g_array_set_clear_func (self->lines, clear_line);
  self->order = g_array_new (FALSE, FALSE, sizeof (guint));
  self->focused = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  update_ranges (self);
}

GtkWidget *
vl_chart_new (void)
{
  return g_object_new (VL_TYPE_CHART, NULL);
}
