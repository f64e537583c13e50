/* vl-export-dialog.c — Export CSV: which summary, of what, in which format
 *
 * Ctrl+E. The summary (OKR review, value review, backlog, portfolio), its
 * scope (a cycle for the OKR review, a backlog or all for the others) and
 * the format: for spreadsheets (a BOM, the language's separator and
 * decimal mark, so Excel and LibreOffice open it right with a double
 * click) or standard CSV. Export… then asks where to save.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vl-actions.h"
#include "vl-export-dialog.h"
#include "vl-okr.h"
#include "vl-toast.h"

struct _VlExportDialog
{
  AdwWindow             parent_instance;

  AdwComboRow          *kind_row;
  AdwComboRow          *scope_row;
  AdwComboRow          *format_row;

  VlDocument           *document;
  VlRecord             *backlog;      /* the one the window shows */
  GPtrArray            *scopes;       /* VlRecord* or NULL (all), as scope_row lists them */
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (VlExportDialog, vl_export_dialog, ADW_TYPE_WINDOW)

/* The scopes hold NULL for All Backlogs. */
static void
unref_nullable (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

static VlCsvKind
current_kind (VlExportDialog *self)
{
  return (VlCsvKind) adw_combo_row_get_selected (self->kind_row);
}

static VlRecord *
current_scope (VlExportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->scope_row);

  return i < self->scopes->len ? g_ptr_array_index (self->scopes, i) : NULL;
}

static VlCsvFlavour
current_flavour (VlExportDialog *self)
{
  return adw_combo_row_get_selected (self->format_row) == 0 ? VL_CSV_SPREADSHEET : VL_CSV_STANDARD;
}

/* The scopes of the chosen summary: cycles (the current one first
 * chosen), or every backlog and each one (the shown one chosen). */
static void
fill_scopes (VlExportDialog *self)
{
  VlKind kind = vl_csv_kind_scope (current_kind (self));
  g_autoptr(GListModel) records = vl_document_list (self->document, kind, NULL, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(VlRecord) preferred = NULL;
  guint selected = 0;

  if (kind == VL_KIND_CYCLE)
    {
      g_autoptr(GDate) today = vl_okr_today ();

      preferred = vl_document_dup_current_cycle (self->document, today);
    }
  else
    {
      preferred = self->backlog != NULL ? g_object_ref (self->backlog) : NULL;
      gtk_string_list_append (names, _("All Backlogs"));
    }
  g_ptr_array_set_size (self->scopes, 0);
  if (kind != VL_KIND_CYCLE)
    g_ptr_array_add (self->scopes, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      VlRecord *r = g_list_model_get_item (records, i);

      if (r == preferred)
        selected = self->scopes->len;
      gtk_string_list_append (names, vl_record_get_title (r));
      g_ptr_array_add (self->scopes, r);
    }
  adw_combo_row_set_model (self->scope_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->scope_row, selected);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->scope_row),
                                 kind == VL_KIND_CYCLE ? _("C_ycle") : _("_Backlog"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose-file",
                                 kind != VL_KIND_CYCLE || self->scopes->len > 0);
}

static void
kind_cb (VlExportDialog *self)
{
  fill_scopes (self);
}

static void
describe_format (VlExportDialog *self)
{
  gboolean comma = g_str_equal (vl_csv_locale_decimal_mark (), ",");

  if (current_flavour (self) == VL_CSV_STANDARD)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->format_row),
                                 _("Commas between cells, a point for decimals, no byte order mark: for "
                                   "other tools and scripts"));
  else if (comma)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->format_row),
                                 _("Opens with a double click: semicolons between cells and a decimal "
                                   "comma, as this language writes numbers"));
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->format_row),
                                 _("Opens with a double click in Excel and LibreOffice, Chinese and "
                                   "all other text intact"));
}

gboolean
vl_export_dialog_export_to (VlExportDialog *self,
                            GFile          *file,
                            GError        **error)
{
  g_return_val_if_fail (VL_IS_EXPORT_DIALOG (self), FALSE);
  return vl_csv_export_file (self->document, current_kind (self), current_scope (self),
                             current_flavour (self), file, error);
}

static void export_and_close (VlExportDialog *self,
                              GFile          *file);

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     VlExportDialog  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    export_and_close (self, file);
}

/* export.export-to: writes the export to the path given (what choosing a
 * file in the save dialog does), says so in the window and closes. */
static void
export_to_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (param, NULL));

  export_and_close (VL_EXPORT_DIALOG (widget), file);
}

static void
export_and_close (VlExportDialog *self,
                  GFile          *file)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (!vl_export_dialog_export_to (self, file, &error))
    {
      vl_show_error (GTK_WINDOW (self), _("Could Not Export"), error);
      return;
    }
  if (parent != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *text = g_strdup_printf (_("Exported “%s”"), name);

      vl_toast (gtk_window_get_child (parent), text, FALSE);
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  VlExportDialog *self = VL_EXPORT_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export CSV"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), NULL);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  name = vl_csv_suggest_name (self->document, current_kind (self), current_scope (self));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
vl_export_dialog_set_kind (VlExportDialog *self,
                           VlCsvKind       kind)
{
  g_return_if_fail (VL_IS_EXPORT_DIALOG (self));
  adw_combo_row_set_selected (self->kind_row, kind);
}

VlExportDialog *
vl_export_dialog_new (GtkWindow  *parent,
                      VlDocument *document,
                      VlRecord   *backlog)
{
  VlExportDialog *self = g_object_new (VL_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  self->document = g_object_ref (document);
  g_set_object (&self->backlog, backlog);
  for (guint k = 0; k < VL_CSV_N_KINDS; k++)
    gtk_string_list_append (kinds, vl_csv_kind_label ((VlCsvKind) k));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  fill_scopes (self);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (kind_cb), self);
  return self;
}

static void
vl_export_dialog_dispose (GObject *object)
{
  VlExportDialog *self = VL_EXPORT_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->scopes, g_ptr_array_unref);
  g_clear_object (&self->backlog);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (vl_export_dialog_parent_class)->dispose (object);
}

/* The dialog's actions and keys. */
static const VlActionEntry actions[] = {
  { "export.choose-file", choose_file_action },
  { "export.export-to", export_to_action, "s" },
  { "window.close", .accel = "Escape" },
};

static void
vl_export_dialog_class_init (VlExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vl_export_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/valueloop/Valueloop/vl-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VlExportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, VlExportDialog, scope_row);
  gtk_widget_class_bind_template_child (widget_class, VlExportDialog, format_row);
  vl_widget_class_add_actions (widget_class, actions, G_N_ELEMENTS (actions));
}

static void
vl_export_dialog_init (VlExportDialog *self)
{
  g_autoptr(GtkStringList) formats = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->scopes = g_ptr_array_new_with_free_func (unref_nullable);
  gtk_string_list_append (formats, _("Spreadsheet"));
  gtk_string_list_append (formats, _("Standard CSV"));
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (formats));
  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (describe_format), self);
  describe_format (self);
}
