/* vl-reports-page-actions.c — what can be done on the Reports page
 *
 * Choose the report (Ctrl+1…7), its period (last 30, 90 or 180 days, this
 * cycle, or two dates, checked) and backlog; show it as a table (Ctrl+T);
 * export it as PNG, SVG or CSV and the calendar as iCalendar; set the
 * statuses a cycle time runs between; step the calendar's months; close
 * the item panel.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-reports-page"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "vl-actions.h"
#include "vl-calendar.h"
#include "vl-clock-dialog.h"
#include "vl-labels.h"
#include "vl-node-writer.h"
#include "vl-period-dialog.h"
#include "vl-reports-page-private.h"
#include "vl-toast.h"
#include "vl-value.h"

/* ---- choices and actions --------------------------------------------------------------- */

static void
report_chosen_cb (GtkListBox    *list,
                  GtkListBoxRow *row,
                  VlReportsPage *self)
{
  if (row == NULL)
    return;
  self->kind = gtk_list_box_row_get_index (row);
  vl_reports_page_show_kind (self);
}

static void
custom_response_cb (VlPeriodDialog *dialog,
                    const char     *response,
                    VlReportsPage  *self)
{
  GDate from, to;

  if (!g_str_equal (response, "apply"))
    {
      gtk_drop_down_set_selected (self->period_choice, (guint) self->last_period);
      return;
    }
  if (!vl_period_dialog_get_period (dialog, &from, &to))
    {
      vl_toast (GTK_WIDGET (self), _("The period needs two dates (YYYY-MM-DD), the first one not after the second"),
                FALSE);
      gtk_drop_down_set_selected (self->period_choice, (guint) self->last_period);
      return;
    }
  self->custom_from = from;
  self->custom_to = to;
  self->last_period = PERIOD_CUSTOM;
  vl_reports_page_refresh (self);
}

static void
ask_custom_period (VlReportsPage *self)
{
  GtkWidget *dialog;
  VlReportQuery q;

  vl_reports_page_make_query (self, &q);
  if (self->report != NULL)
    q = self->report->query;
  dialog = vl_period_dialog_new (GTK_WIDGET (self), &q.from, &q.to);
  g_signal_connect_object (dialog, "response", G_CALLBACK (custom_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
period_chosen_cb (VlReportsPage *self)
{
  if (gtk_drop_down_get_selected (self->period_choice) == PERIOD_CUSTOM)
    {
      ask_custom_period (self);
      return;
    }
  self->last_period = (int) gtk_drop_down_get_selected (self->period_choice);
  vl_reports_page_refresh (self);
}

static void
backlog_chosen_cb (VlReportsPage *self)
{
  if (!self->filling)
    vl_reports_page_refresh (self);
}

static void
write_png (GskRenderNode *node,
           GFile         *file,
           GError       **error)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, EXPORT_WIDTH * 2, EXPORT_HEIGHT * 2);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *path = NULL;
  g_autofree char *tmp = NULL;
  int fd;

  cairo_scale (cr, 2, 2);
  vl_node_draw_cairo (node, cr);
  cairo_destroy (cr);
  /* Written beside the target, then moved over it: a failed export leaves what was there. */
  fd = g_file_open_tmp ("vl-chart-XXXXXX.png", &tmp, error);
  if (fd >= 0)
    {
      close (fd);
      if (cairo_surface_write_to_png (surface, tmp) != CAIRO_STATUS_SUCCESS)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw the chart"));
      else
        {
          g_autoptr(GFile) from = g_file_new_for_path (tmp);

          g_file_move (from, file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error);
        }
      g_unlink (tmp);
    }
  cairo_surface_destroy (surface);
}

static void
export_to (VlReportsPage *self,
           const char    *format,
           GFile         *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file), *said = NULL;

  if (self->report == NULL || self->kind == VL_REPORTS_CALENDAR)
    return;
  if (g_str_equal (format, "csv"))
    {
      g_autoptr(GString) csv = vl_reports_page_report_csv (self, VL_CSV_SPREADSHEET);

      g_file_replace_contents (file, csv->str, csv->len, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
    }
  else
    {
      g_autoptr(GskRenderNode) node = NULL;

      vl_reports_page_fill_chart (self);
      node = vl_chart_render (self->chart, EXPORT_WIDTH, EXPORT_HEIGHT);
      if (g_str_equal (format, "svg"))
        {
          g_autofree char *svg = vl_node_to_svg (node, &GRAPHENE_RECT_INIT (0, 0, EXPORT_WIDTH, EXPORT_HEIGHT),
                                                 EXPORT_WIDTH, EXPORT_HEIGHT,
                                                 vl_report_kind_title ((VlReportKind) self->kind));

          g_file_replace_contents (file, svg, strlen (svg), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
        }
      else
        write_png (node, file, &error);
    }
  if (error != NULL)
    {
      vl_show_error (vl_window_for (GTK_WIDGET (self)), _("Could Not Export the Report"), error);
      return;
    }
  said = g_strdup_printf (_("“%s” exported"), name);
  vl_toast (GTK_WIDGET (self), said, FALSE);
}

/* "reports.export-to" (ss): a format (png, svg, csv) and a path, as the chooser gives them. */
static void
export_to_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  const char *format = NULL, *path = NULL;
  g_autoptr(GFile) file = NULL;

  g_variant_get (param, "(&s&s)", &format, &path);
  file = g_file_new_for_path (path);
  export_to (VL_REPORTS_PAGE (widget), format, file);
}

static void
calendar_to (VlReportsPage *self,
             GFile         *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file), *said = NULL;

  if (self->document == NULL)
    return;
  if (!vl_calendar_write_ical (self->document, file, &error))
    {
      vl_show_error (vl_window_for (GTK_WIDGET (self)), _("Could Not Export the Calendar"),
                     error);
      return;
    }
  said = g_strdup_printf (_("“%s” exported"), name);
  vl_toast (GTK_WIDGET (self), said, FALSE);
}

static void
export_calendar_to_action (GtkWidget  *widget,
                           const char *name,
                           GVariant   *param)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (param, NULL));

  calendar_to (VL_REPORTS_PAGE (widget), file);
}

typedef struct
{
  VlReportsPage *page;
  char          *format;   /* NULL: the calendar */
} Export;

static void
chosen_cb (GtkNativeDialog *chooser,
           int              response,
           Export          *e)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    {
      if (e->format != NULL)
        export_to (e->page, e->format, file);
      else
        calendar_to (e->page, file);
    }
  g_object_unref (e->page);
  g_free (e->format);
  g_free (e);
  g_object_unref (chooser);
}

static void
choose_file (VlReportsPage *self,
             const char    *format,
             const char    *title,
             const char    *suggested)
{
  GtkFileChooserNative *chooser;
  Export *e = g_new0 (Export, 1);

  chooser = gtk_file_chooser_native_new (title, vl_window_for (GTK_WIDGET (self)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  e->page = g_object_ref (self);
  e->format = g_strdup (format);
  g_signal_connect (chooser, "response", G_CALLBACK (chosen_cb), e);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  VlReportsPage *self = VL_REPORTS_PAGE (widget);
  const char *format = g_variant_get_string (param, NULL);
  g_autofree char *suggested = NULL;

  if (self->kind == VL_REPORTS_CALENDAR)
    return;
  suggested = g_strdup_printf ("%s.%s", vl_report_kind_title ((VlReportKind) self->kind), format);
  choose_file (self, format, _("Export Report"), suggested);
}

static void
export_calendar_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *param)
{
  /* Translators: the suggested name of an exported calendar */
  choose_file (VL_REPORTS_PAGE (widget), NULL, _("Export Calendar"), _("Releases.ics"));
}

static void
clock_response_cb (VlClockDialog *dialog,
                   const char    *response,
                   VlReportsPage *self)
{
  g_autoptr(GError) error = NULL;
  VlStatus start, stop;

  vl_clock_dialog_get_statuses (dialog, &start, &stop);
  if (self->document != NULL && !vl_document_set_clock_statuses (self->document, start, stop, &error))
    vl_toast (GTK_WIDGET (self), error->message, FALSE);
}

/* "reports.set-clock": the plan's cycle time statuses (synced, undoable). */
static void
set_clock_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  VlReportsPage *self = VL_REPORTS_PAGE (widget);
  GtkWidget *dialog;
  VlStatus start, stop;

  if (self->document == NULL)
    return;
  vl_document_get_clock_statuses (self->document, &start, &stop);
  dialog = vl_clock_dialog_new (widget, start, stop);
  g_signal_connect_object (dialog, "response::set", G_CALLBACK (clock_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
settings_changed_cb (VlDocument    *doc,
                     VlReportsPage *self)
{
  vl_reports_page_refresh (self);
}

static void
close_item_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  VlReportsPage *self = VL_REPORTS_PAGE (widget);

  self->panel_open = FALSE;
  vl_reports_page_update_panel (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->chart));
}

static void
month_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  VlReportsPage *self = VL_REPORTS_PAGE (widget);

  if (g_str_equal (name, "reports.next-month"))
    g_date_add_months (&self->month, 1);
  else
    g_date_subtract_months (&self->month, 1);
  vl_reports_page_show_kind (self);
}

static void
show_report_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  VlReportsPage *self = VL_REPORTS_PAGE (widget);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->report_list, g_variant_get_int32 (param));

  if (row != NULL)
    gtk_list_box_select_row (self->report_list, row);
}

/* "reports.open-item" (x): an item of the calendar, in the panel. */
static void
open_item_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  vl_reports_page_open_item (VL_REPORTS_PAGE (widget), g_variant_get_int64 (param));
}

/* The page's actions and keys. */
static const VlActionEntry actions[] = {
  { "reports.show-table", .property = "show-table", .accel = "<Control>t" },
  { "reports.export", export_action, "s" },
  { "reports.export-to", export_to_action, "(ss)" },
  { "reports.export-calendar", export_calendar_action },
  { "reports.export-calendar-to", export_calendar_to_action, "s" },
  { "reports.open-item", open_item_action, "x" },
  { "reports.close-item", close_item_action, .accel = "Escape" },
  { "reports.set-clock", set_clock_action },
  { "reports.previous-month", month_action, .accel = "Page_Up" },
  { "reports.next-month", month_action, .accel = "Page_Down" },
  { "reports.show-report", show_report_action, "i", .accel = "<Control>1", .format = "i", .arg1 = 0 },
  { "reports.show-report", .accel = "<Control>2", .format = "i", .arg1 = 1 },
  { "reports.show-report", .accel = "<Control>3", .format = "i", .arg1 = 2 },
  { "reports.show-report", .accel = "<Control>4", .format = "i", .arg1 = 3 },
  { "reports.show-report", .accel = "<Control>5", .format = "i", .arg1 = 4 },
  { "reports.show-report", .accel = "<Control>6", .format = "i", .arg1 = 5 },
  { "reports.show-report", .accel = "<Control>7", .format = "i", .arg1 = 6 },
};

void
vl_reports_page_class_add_actions (GtkWidgetClass *widget_class)
{
  vl_widget_class_add_actions (widget_class, actions, G_N_ELEMENTS (actions));
}

/* The choices of report, period and backlog, and the cycle-time clock
 * (a plan setting) follow. */
void
vl_reports_page_connect_choices (VlReportsPage *self)
{
  g_signal_connect (self->report_list, "row-selected", G_CALLBACK (report_chosen_cb), self);
  g_signal_connect_swapped (self->period_choice, "notify::selected", G_CALLBACK (period_chosen_cb), self);
  g_signal_connect_swapped (self->backlog_choice, "notify::selected", G_CALLBACK (backlog_chosen_cb), self);
  g_signal_group_connect (vl_page_get_document_signals (VL_PAGE (self)), "value-settings-changed",
                          G_CALLBACK (settings_changed_cb), self);
}
