/* test-ui-csv.c — UI tests of Export CSV (Ctrl+E) and Import CSV (Ctrl+Shift+O)
 *
 * Real keys open the export dialog; the file a user would choose is given
 * to the action the file chooser answers with; the dialogs' buttons are
 * pressed; the file and the plan are checked afterwards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vl-export-dialog.h"
#include "vl-import-dialog.h"
#include "vl-ui-test.h"

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static AdwComboRow *
find_combo_row (GtkWidget  *widget,
                const char *title)
{
  return ADW_COMBO_ROW (find_row (widget, ADW_TYPE_COMBO_ROW, title));
}

static VlWindow *
open_sample (const char *name)
{
  g_autoptr(GFile) file = sample_file (name);
  VlWindow *window = vl_window_new (NULL);

  open_backlog (window, file);
  return window;
}

/* Ctrl+E, the value review for spreadsheets, Return, a file: a CSV that
 * Excel opens (BOM, the review's header) and a toast. */
static void
test_export (void)
{
  VlWindow *window = open_sample ("ui-csv-export.valueloop");
  g_autoptr(GFile) out = vl_test_file ("ui-value-review.csv");
  VlExportDialog *dialog = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  g_file_delete (out, NULL, NULL);
  g_assert_true (press_keys (GTK_WIDGET (window), "key", "ctrl+e"));
  WAIT_UNTIL ((dialog = (VlExportDialog *) find_toplevel (VL_TYPE_EXPORT_DIALOG)) != NULL, 5);
  wait_shown (GTK_WIDGET (dialog));
  adw_combo_row_set_selected (find_combo_row (GTK_WIDGET (dialog), _("_Summary")), VL_CSV_VALUE_REVIEW);
  /* The backlog shown on the Backlog page is the one chosen. */
  g_assert_cmpuint (adw_combo_row_get_selected (find_combo_row (GTK_WIDGET (dialog), _("_Backlog"))), ==, 1);
  adw_combo_row_set_selected (find_combo_row (GTK_WIDGET (dialog), _("_Backlog")), 0);  /* All Backlogs */
  /* What choosing the file in the save dialog does. GTK 4.8's file chooser
   * itself leaks under LeakSanitizer (its tree view and folder loading),
   * so the tests give the file to the same action instead. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.export-to", "s", g_file_peek_path (out)));
  WAIT_UNTIL (find_toplevel (VL_TYPE_EXPORT_DIALOG) == NULL, 5);
  g_assert_true (g_file_load_contents (out, NULL, &text, &length, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBFItem,Backlog,Value Loop,AARRR,Key Result,Metric,"));
  g_assert_nonnull (strstr (text, "\r\nGuest checkout without account creation,Storefront,Mobile conversion loop,"));
  g_assert_nonnull (strstr (text, ",Merchant Growth,"));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

static VlImportDialog *
open_import (VlWindow   *window,
             const char *fixture)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "csv", fixture, NULL);
  VlImportDialog *dialog = NULL;

  /* What choosing the file in Import CSV… does (see test_export). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-csv-file", "s", path));
  WAIT_UNTIL ((dialog = (VlImportDialog *) find_toplevel (VL_TYPE_IMPORT_DIALOG)) != NULL, 5);
  wait_shown (GTK_WIDGET (dialog));
  return dialog;
}

/* Ctrl+Shift+O, a Jira export: the preview counts it, a status mapping
 * changed by the user is what lands, Return imports, Ctrl+Z takes the
 * whole import back. */
static void
test_import (void)
{
  VlWindow *window = open_sample ("ui-csv-import.valueloop");
  VlBacklogPage *page = VL_BACKLOG_PAGE (vl_window_get_backlog_page (window));
  GListModel *items = vl_backlog_page_get_items (page);
  guint before = g_list_model_get_n_items (items);
  VlImportDialog *dialog = open_import (window, "jira-all-fields.csv");
  const VlCsvPreview *preview = vl_import_dialog_get_preview (dialog);
  g_autoptr(VlRecord) imported = NULL;
  AdwComboRow *todo;

  g_assert_cmpint (vl_csv_import_get_source (vl_import_dialog_get_import (dialog)), ==, VL_CSV_SOURCE_JIRA);
  g_assert_cmpuint (preview->n_new, ==, 5);
  g_assert_cmpuint (preview->errors->len, ==, 0);
  /* Jira's "To Do" is an idea by default; this team means ready. */
  todo = find_combo_row (GTK_WIDGET (dialog), "To Do");
  g_assert_nonnull (todo);
  g_assert_cmpuint (adw_combo_row_get_selected (todo), ==, VL_STATUS_IDEA);
  adw_combo_row_set_selected (todo, VL_STATUS_READY);
  g_assert_true (gtk_widget_activate (find_by_label (GTK_WIDGET (dialog), _("_Import"))));
  WAIT_UNTIL (find_toplevel (VL_TYPE_IMPORT_DIALOG) == NULL, 5);
  WAIT_UNTIL (g_list_model_get_n_items (items) == before + 5, 5);
  imported = vl_document_find (vl_window_get_document (window), VL_KIND_ITEM, "=HYPERLINK(\"http://evil\")");
  g_assert_nonnull (imported);
  g_assert_cmpint (vl_record_get_int (imported, "status"), ==, VL_STATUS_READY);
  g_assert_cmpstr (vl_record_get_string (imported, "source-key"), ==, "SHOP-14");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  WAIT_UNTIL (g_list_model_get_n_items (items) == before, 5);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

/* A file with an impossible date: the problem is shown with its line and
 * column, Import stays off, Escape leaves the plan as it was. */
static void
test_import_refused (void)
{
  VlWindow *window = open_sample ("ui-csv-refused.valueloop");
  VlDocument *doc = vl_window_get_document (window);
  guint before = vl_document_count (doc, VL_KIND_ITEM);
  VlImportDialog *dialog = open_import (window, "impossible-date.csv");
  const VlCsvPreview *preview = vl_import_dialog_get_preview (dialog);

  g_assert_cmpuint (preview->errors->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (preview->errors, 0), "line 3, column 3"));
  g_assert_nonnull (find_by_label (GTK_WIDGET (dialog), _("_Import")));
  g_assert_false (gtk_widget_get_sensitive (find_by_label (GTK_WIDGET (dialog), _("_Import"))));
  gtk_widget_activate (find_by_label (GTK_WIDGET (dialog), _("_Import")));   /* does nothing */
  spin (100);
  g_assert_nonnull (find_toplevel (VL_TYPE_IMPORT_DIALOG));
  g_assert_true (press_keys (GTK_WIDGET (dialog), "key", "Escape"));
  WAIT_UNTIL (find_toplevel (VL_TYPE_IMPORT_DIALOG) == NULL, 5);
  g_assert_cmpuint (vl_document_count (doc, VL_KIND_ITEM), ==, before);
  g_assert_false (vl_document_can_undo (doc));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

int
main (int argc, char *argv[])
{
  int status;

  if (!vl_ui_test_init (&argc, &argv))
    return 0;
  g_test_add_func ("/ui/csv/export", test_export);
  g_test_add_func ("/ui/csv/import", test_import);
  g_test_add_func ("/ui/csv/import-refused", test_import_refused);
  status = g_test_run ();
  vl_test_dir_cleanup ();
  return status;
}
