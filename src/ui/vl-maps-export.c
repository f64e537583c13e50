/* vl-maps-export.c — the Maps page's commands that take a map out of the
 * window: projector mode, export and print
 *
 * Export asks what to make (a picture, a PDF, the projector's handout),
 * then where; print goes through GtkPrintOperation with the same pages
 * the PDF export makes (vl-map-export.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-maps-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vl-map.h"
#include "vl-map-export.h"
#include "vl-map-export-dialog.h"
#include "vl-maps-page-private.h"
#include "vl-projector.h"
#include "vl-toast.h"

/* What Export Map offers, in the order it offers it. */
static const struct {
  const char        *id;
  const char        *label;
  const char        *extension;
  VlMapExportFormat  format;
  double             scale;
  VlPaper            paper;
  gboolean           steps;
} kinds[] = {
  { "png", N_("PNG picture"), "png", VL_MAP_EXPORT_PNG, 1, VL_PAPER_NONE, FALSE },
  { "png2", N_("PNG picture at twice the size"), "png", VL_MAP_EXPORT_PNG, 2, VL_PAPER_NONE, FALSE },
  { "svg", N_("SVG drawing"), "svg", VL_MAP_EXPORT_SVG, 1, VL_PAPER_NONE, FALSE },
  { "pdf", N_("PDF, one page the map’s size"), "pdf", VL_MAP_EXPORT_PDF, 1, VL_PAPER_NONE, FALSE },
  { "pdf-a4", N_("PDF on A4 pages, to print"), "pdf", VL_MAP_EXPORT_PDF, 1, VL_PAPER_A4, FALSE },
  { "pdf-letter", N_("PDF on Letter pages, to print"), "pdf", VL_MAP_EXPORT_PDF, 1, VL_PAPER_LETTER, FALSE },
  { "handout", N_("Handout PDF: the projector’s steps, a page each"), "pdf", VL_MAP_EXPORT_PDF, 1, VL_PAPER_A4,
    TRUE },
};

static int
find_kind (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].id, id))
      return (int) i;
  return -1;
}

/* "maps.present": F5, on the window's monitor. */
void
vl_maps_page_present_action (GtkWidget  *widget,
                             const char *name,
                             GVariant   *param)
{
  VlMapsPage *self = VL_MAPS_PAGE (widget);
  VlRecord *map = vl_map_canvas_get_map (vl_maps_page_get_canvas (self));
  GtkWindow *window = vl_window_for (widget);
  GdkMonitor *monitor = NULL;

  if (map == NULL)
    return;
  if (param != NULL)
    {
      /* "maps.present-on" (u): a monitor by its place in the display's list. */
      GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (widget));
      g_autoptr(GdkMonitor) chosen = g_list_model_get_item (monitors, g_variant_get_uint32 (param));

      monitor = chosen;
      vl_projector_present (map, window, monitor);
      return;
    }
  vl_projector_present (map, window, NULL);
}

/* The Present button's menu: one entry a monitor (a second one is
 * usually the projector). */
GMenuModel *
vl_maps_page_monitor_menu (GtkWidget *widget)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (widget));
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
      g_autofree char *label = NULL, *action = NULL;
      const char *model = gdk_monitor_get_model (monitor), *connector = gdk_monitor_get_connector (monitor);
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      /* Translators: a Present menu entry: "Present on DELL U2720Q (1920×1080)" */
      label = g_strdup_printf (_("Present on %s (%d×%d)"),
                               model != NULL ? model : connector != NULL ? connector : _("Screen"),
                               geometry.width, geometry.height);
      action = g_strdup_printf ("maps.present-on(uint32 %u)", i);
      g_menu_append (menu, label, action);
    }
  return G_MENU_MODEL (menu);
}

/* ---- export ------------------------------------------------------------------------ */

static void
export_to (VlMapsPage *self,
           int         kind,
           GFile      *file)
{
  VlMapCanvas *canvas = vl_maps_page_get_canvas (self);
  VlRecord *map = vl_map_canvas_get_map (canvas);
  VlMapExportOptions options = { kinds[kind].format, kinds[kind].scale, kinds[kind].paper, kinds[kind].steps,
                                 vl_map_canvas_get_collapsed (canvas) };
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file), *said = NULL;
  guint pages = 0;

  if (map == NULL)
    return;
  if (!vl_map_export (map, file, &options, &pages, &error))
    {
      vl_show_error (vl_window_for (GTK_WIDGET (self)), _("Could Not Export the Map"), error);
      return;
    }
  if (kinds[kind].format == VL_MAP_EXPORT_PDF)
    /* Translators: a toast after an export: "“Map.pdf” exported, 4 pages" */
    said = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” exported, %u page", "“%s” exported, %u pages",
                                         pages), name, pages);
  else
    said = g_strdup_printf (_("“%s” exported"), name);
  vl_toast (GTK_WIDGET (self), said, FALSE);
}

/* "maps.export-map-to" (ss): a kind of export and a path, as the dialogs
 * below would give them. */
void
vl_maps_page_export_to_action (GtkWidget  *widget,
                               const char *name,
                               GVariant   *param)
{
  const char *id = NULL, *path = NULL;
  g_autoptr(GFile) file = NULL;
  int kind;

  g_variant_get (param, "(&s&s)", &id, &path);
  kind = find_kind (id);
  if (kind < 0)
    return;
  file = g_file_new_for_path (path);
  export_to (VL_MAPS_PAGE (widget), kind, file);
}

/* Where to save, once the kind is chosen. */
typedef struct
{
  VlMapsPage *page;
  int         kind;
} Choice;

static void
saved_cb (GtkNativeDialog *chooser,
          int              response,
          Choice          *choice)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    export_to (choice->page, choice->kind, file);
  g_object_unref (choice->page);
  g_free (choice);
  g_object_unref (chooser);
}

static void
kind_chosen_cb (VlMapExportDialog *dialog,
                const char        *response,
                VlMapsPage        *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *suggested = NULL;
  VlRecord *map = vl_map_canvas_get_map (vl_maps_page_get_canvas (self));
  Choice *choice;

  if (map == NULL)
    return;
  choice = g_new0 (Choice, 1);
  choice->page = g_object_ref (self);
  choice->kind = (int) vl_map_export_dialog_get_choice (dialog);
  chooser = gtk_file_chooser_native_new (_("Export Map"), vl_window_for (GTK_WIDGET (self)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  suggested = g_strdup_printf ("%s%s.%s", vl_record_get_title (map), kinds[choice->kind].steps ? _(" (handout)") : "",
                               kinds[choice->kind].extension);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  g_signal_connect (chooser, "response", G_CALLBACK (saved_cb), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* "maps.export-map": Ctrl+Shift+E. */
void
vl_maps_page_export_action (GtkWidget  *widget,
                            const char *name,
                            GVariant   *param)
{
  VlRecord *map = vl_map_canvas_get_map (vl_maps_page_get_canvas (VL_MAPS_PAGE (widget)));
  GtkWidget *dialog;

  if (map == NULL)
    return;
  dialog = vl_map_export_dialog_new (widget, vl_record_get_title (map));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    vl_map_export_dialog_add_choice (VL_MAP_EXPORT_DIALOG (dialog), _(kinds[i].label));
  g_signal_connect_object (dialog, "response::export", G_CALLBACK (kind_chosen_cb), widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- print ------------------------------------------------------------------------- */

typedef struct
{
  VlRecord   *map;
  GHashTable *collapsed;
  VlMapPages *pages;   /* made when the printer's page size is known */
} Print;

static void
print_free (gpointer  data,
            GClosure *closure)
{
  Print *p = data;

  g_clear_object (&p->map);
  g_clear_pointer (&p->collapsed, g_hash_table_unref);
  g_clear_pointer (&p->pages, vl_map_pages_free);
  g_free (p);
}

static void
begin_print_cb (GtkPrintOperation *print,
                GtkPrintContext   *context,
                Print             *p)
{
  g_clear_pointer (&p->pages, vl_map_pages_free);
  p->pages = vl_map_pages_new (p->map, p->collapsed, FALSE, gtk_print_context_get_width (context),
                               gtk_print_context_get_height (context), 0);
  gtk_print_operation_set_n_pages (print, (int) vl_map_pages_get_n_pages (p->pages));
}

static void
draw_page_cb (GtkPrintOperation *print,
              GtkPrintContext   *context,
              int                page,
              Print             *p)
{
  vl_map_pages_draw (p->pages, (guint) page, gtk_print_context_get_cairo_context (context));
}

/**
 * vl_maps_page_print:
 * @action: %GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, or _EXPORT to @pdf
 *
 * Prints the shown map on as few pages as keep it readable, landscape
 * when it is wide.
 */
void
vl_maps_page_print (VlMapsPage              *self,
                    GtkPrintOperationAction  action,
                    const char              *pdf)
{
  VlMapCanvas *canvas = vl_maps_page_get_canvas (self);
  VlMapLayout *layout = vl_map_canvas_get_layout (canvas);
  g_autoptr(GtkPrintOperation) print = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GError) error = NULL;
  VlRect bounds;
  Print *p;

  if (vl_map_canvas_get_map (canvas) == NULL || layout == NULL)
    return;
  p = g_new0 (Print, 1);
  p->map = g_object_ref (vl_map_canvas_get_map (canvas));
  p->collapsed = g_hash_table_ref (vl_map_canvas_get_collapsed (canvas));
  print = gtk_print_operation_new ();
  vl_map_layout_get_bounds (layout, &bounds);
  gtk_page_setup_set_orientation (setup, bounds.width > bounds.height ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                                      : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (print, setup);
  gtk_print_operation_set_unit (print, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (print, vl_record_get_title (p->map));
  if (pdf != NULL)
    gtk_print_operation_set_export_filename (print, pdf);
  g_signal_connect (print, "draw-page", G_CALLBACK (draw_page_cb), p);
  g_signal_connect_data (print, "begin-print", G_CALLBACK (begin_print_cb), p, print_free, 0);
  if (gtk_print_operation_run (print, action, vl_window_for (GTK_WIDGET (self)), &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    vl_show_error (vl_window_for (GTK_WIDGET (self)), _("Could Not Print the Map"), error);
}

/* "maps.print-map": Ctrl+P. */
void
vl_maps_page_print_action (GtkWidget  *widget,
                           const char *name,
                           GVariant   *param)
{
  vl_maps_page_print (VL_MAPS_PAGE (widget), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL);
}
