/* vl-import-dialog.c — Import CSV: a preview before anything is written
 *
 * What the file is (Jira, Linear… or not known), how many items it adds,
 * updates and skips in the chosen backlog, the problems that stop it (by
 * line and column) and what to know, the first rows as they will look,
 * and every column's and status's mapping, each changeable. Import writes
 * it all as one undo step; it stays off while there is a problem.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-import-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vl-actions.h"
#include "vl-import-dialog.h"
#include "vl-labels.h"
#include "vl-toast.h"

#define N_SHOWN_ROWS 5

struct _VlImportDialog
{
  AdwWindow             parent_instance;

  AdwPreferencesGroup  *summary_group;
  AdwComboRow          *backlog_row;
  AdwPreferencesGroup  *problems_group;
  GtkListBox           *problems_list;
  AdwPreferencesGroup  *rows_group;
  GtkListBox           *rows_list;
  AdwPreferencesGroup  *columns_group;
  AdwPreferencesGroup  *statuses_group;

  VlDocument           *document;
  VlCsvImport          *import;
  GListModel           *backlogs;
  GPtrArray            *status_rows;   /* AdwComboRow*, one per status of the file */
};

G_DEFINE_FINAL_TYPE (VlImportDialog, vl_import_dialog, ADW_TYPE_WINDOW)

static void refresh (VlImportDialog *self);

static VlRecord *
current_backlog (VlImportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->backlog_row);

  return i < g_list_model_get_n_items (self->backlogs) ? g_list_model_get_item (self->backlogs, i) : NULL;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
add_problem (VlImportDialog *self,
             const char     *icon,
             const char     *text,
             gboolean        error)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *image = gtk_image_new_from_icon_name (icon);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_add_css_class (image, error ? "error" : "dim-label");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_append (self->problems_list, box);
}

static char *
value_label (VlCsvImport *import,
             guint        row,
             const char  *target)
{
  g_autofree char *value = vl_csv_import_dup_value (import, row, target);
  int v;

  if (value == NULL)
    return NULL;
  if (g_str_equal (target, "status") && vl_enum_from_nick (VL_TYPE_STATUS, value, &v))
    return g_strdup (vl_enum_label ("status", v));
  return g_steal_pointer (&value);
}

/* The first line of @text, at most 60 characters: what a row shows. */
static char *
short_line (const char *text)
{
  g_autofree char *line = g_strndup (text, strcspn (text, "\r\n"));

  if (g_utf8_strlen (line, -1) <= 60)
    return g_steal_pointer (&line);
  *g_utf8_offset_to_pointer (line, 59) = '\0';
  return g_strconcat (line, "…", NULL);
}

static void
show_rows (VlImportDialog *self)
{
  guint shown = 0;

  clear_list (self->rows_list);
  for (guint r = 0; r < vl_csv_import_get_n_rows (self->import) && shown < N_SHOWN_ROWS; r++)
    {
      g_autofree char *title = vl_csv_import_dup_value (self->import, r, "title");
      g_autofree char *status = value_label (self->import, r, "status");
      g_autofree char *key = vl_csv_import_dup_value (self->import, r, "key");
      g_autofree char *owner = vl_csv_import_dup_value (self->import, r, "owner");
      g_autoptr(GString) subtitle = g_string_new (vl_csv_import_row_is_update (self->import, r)
                                                  ? _("Updates an item") : _("New item"));
      GtkWidget *row;

      if (title == NULL || *title == '\0')
        continue;
      if (key != NULL && *key != '\0')
        g_string_append_printf (subtitle, " · %s", key);
      if (status != NULL)
        g_string_append_printf (subtitle, " · %s", status);
      if (owner != NULL && *owner != '\0')
        g_string_append_printf (subtitle, " · %s", owner);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      {
        g_autofree char *shown_title = short_line (title);

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shown_title);
      }
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      gtk_list_box_append (self->rows_list, row);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->rows_group), shown > 0);
}

static void
status_cb (AdwComboRow    *row,
           GParamSpec     *pspec,
           VlImportDialog *self)
{
  guint i;

  if (!g_ptr_array_find (self->status_rows, row, &i))
    return;
  vl_csv_import_set_status (self->import, i, (VlStatus) adw_combo_row_get_selected (row));
  refresh (self);
}

/* The file's statuses, rebuilt when the status column changes. */
static void
show_statuses (VlImportDialog *self)
{
  for (guint i = 0; i < self->status_rows->len; i++)
    adw_preferences_group_remove (self->statuses_group, g_ptr_array_index (self->status_rows, i));
  g_ptr_array_set_size (self->status_rows, 0);
  for (guint i = 0; i < vl_csv_import_get_n_statuses (self->import); i++)
    {
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
      GtkWidget *row = adw_combo_row_new ();
      gboolean recognised;
      VlStatus status = vl_csv_import_get_status (self->import, i, &recognised);

      for (guint s = 0; s < VL_N_STATUSES; s++)
        gtk_string_list_append (labels, vl_enum_label ("status", (int) s));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), vl_csv_import_get_status_text (self->import, i));
      if (!recognised)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Not a status Valueloop knows: choose one"));
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), status);
      g_signal_connect (row, "notify::selected", G_CALLBACK (status_cb), self);
      adw_preferences_group_add (self->statuses_group, row);
      g_ptr_array_add (self->status_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->statuses_group), self->status_rows->len > 0);
}

static void
refresh (VlImportDialog *self)
{
  g_autoptr(VlRecord) backlog = current_backlog (self);
  const VlCsvPreview *p = vl_csv_import_preview (self->import, self->document, backlog);
  g_autofree char *counts = NULL, *description = NULL, *title = NULL;
  g_autofree char *name = g_path_get_basename (vl_csv_import_get_display_name (self->import));
  VlCsvSource source = vl_csv_import_get_source (self->import);

  /* Translators: the counts of an import preview, "3 new, 2 updated, 0 skipped". */
  counts = g_strdup_printf (_("%u new, %u updated, %u skipped"), p->n_new, p->n_updated, p->n_skipped);
  title = g_strdup_printf (_("Import “%s”"), name);
  description = source == VL_CSV_SOURCE_UNKNOWN
    ? g_strdup_printf (_("A CSV file of a kind not known: check the columns below. %s."), counts)
    /* Translators: "An export from Jira. 3 new, 2 updated, 0 skipped." */
    : g_strdup_printf (_("An export from %s. %s."), vl_csv_source_label (source), counts);
  adw_preferences_group_set_title (self->summary_group, title);
  adw_preferences_group_set_description (self->summary_group, description);

  clear_list (self->problems_list);
  for (guint i = 0; i < p->errors->len; i++)
    add_problem (self, "dialog-error-symbolic", g_ptr_array_index (p->errors, i), TRUE);
  for (guint i = 0; i < p->notices->len; i++)
    add_problem (self, "dialog-information-symbolic", g_ptr_array_index (p->notices, i), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), p->errors->len + p->notices->len > 0);
  adw_preferences_group_set_title (self->problems_group, p->errors->len > 0 ? _("Problems") : _("Good to Know"));
  adw_preferences_group_set_description (self->problems_group,
                                         p->errors->len > 0 ? _("Nothing can be imported until these are fixed in "
                                                                "the file or in the columns below.")
                                                            : NULL);
  show_rows (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import",
                                 p->errors->len == 0 && p->n_new + p->n_updated > 0);
}

static void
column_cb (AdwComboRow    *row,
           GParamSpec     *pspec,
           VlImportDialog *self)
{
  const char *const *targets = vl_csv_import_targets ();
  guint column = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (row), g_quark_from_static_string ("vl-column")));
  guint selected = adw_combo_row_get_selected (row);

  vl_csv_import_set_target (self->import, column, selected == 0 ? "" : targets[selected - 1]);
  show_statuses (self);
  refresh (self);
}

static void
show_columns (VlImportDialog *self)
{
  const char *const *targets = vl_csv_import_targets ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_string_list_append (labels, vl_csv_import_target_label (""));
  for (guint t = 0; targets[t] != NULL; t++)
    gtk_string_list_append (labels, vl_csv_import_target_label (targets[t]));
  for (guint c = 0; c < vl_csv_import_get_n_columns (self->import); c++)
    {
      const char *target = vl_csv_import_get_target (self->import, c);
      GtkWidget *row = adw_combo_row_new ();
      const char *sample = vl_csv_import_get_sample (self->import, c);
      guint selected = 0;

      for (guint t = 0; targets[t] != NULL; t++)
        if (g_str_equal (targets[t], target))
          selected = t + 1;
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), vl_csv_import_get_header (self->import, c));
      if (sample != NULL)
        {
          g_autofree char *line = short_line (sample);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), line);
        }
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
      /* Which column a row maps: a number on the row, not a widget to find. */
      g_object_set_qdata (G_OBJECT (row), g_quark_from_static_string ("vl-column"), GUINT_TO_POINTER (c));
      g_signal_connect (row, "notify::selected", G_CALLBACK (column_cb), self);
      adw_preferences_group_add (self->columns_group, row);
    }
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  VlImportDialog *self = VL_IMPORT_DIALOG (widget);
  g_autoptr(VlRecord) backlog = current_backlog (self);
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  const VlCsvPreview *p = vl_csv_import_preview (self->import, self->document, backlog);
  guint n_new = p->n_new, n_updated = p->n_updated;

  if (!vl_csv_import_apply (self->import, self->document, backlog, &error))
    {
      vl_show_error (GTK_WINDOW (self), _("Could Not Import"), error);
      refresh (self);
      return;
    }
  if (parent != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Imported: %u new, %u updated"), n_new, n_updated);

      vl_toast (gtk_window_get_child (parent), text, TRUE);
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

VlCsvImport *
vl_import_dialog_get_import (VlImportDialog *self)
{
  g_return_val_if_fail (VL_IS_IMPORT_DIALOG (self), NULL);
  return self->import;
}

const VlCsvPreview *
vl_import_dialog_get_preview (VlImportDialog *self)
{
  g_autoptr(VlRecord) backlog = NULL;

  g_return_val_if_fail (VL_IS_IMPORT_DIALOG (self), NULL);
  backlog = current_backlog (self);
  return vl_csv_import_preview (self->import, self->document, backlog);
}

/* Takes @import. */
VlImportDialog *
vl_import_dialog_new (GtkWindow   *parent,
                      VlDocument  *document,
                      VlCsvImport *import,
                      VlRecord    *backlog)
{
  VlImportDialog *self = g_object_new (VL_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  self->document = g_object_ref (document);
  self->import = import;
  self->backlogs = vl_document_list (document, VL_KIND_BACKLOG, NULL, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (self->backlogs); i++)
    {
      g_autoptr(VlRecord) b = g_list_model_get_item (self->backlogs, i);

      if (b == backlog)
        selected = i;
      gtk_string_list_append (names, vl_record_get_title (b));
    }
  if (g_list_model_get_n_items (self->backlogs) == 0)
    gtk_string_list_append (names, _("A new backlog"));
  adw_combo_row_set_model (self->backlog_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->backlog_row, selected);
  g_signal_connect_swapped (self->backlog_row, "notify::selected", G_CALLBACK (refresh), self);
  show_columns (self);
  show_statuses (self);
  refresh (self);
  return self;
}

static void
vl_import_dialog_dispose (GObject *object)
{
  VlImportDialog *self = VL_IMPORT_DIALOG (object);

  g_clear_pointer (&self->import, vl_csv_import_free);
  g_clear_pointer (&self->status_rows, g_ptr_array_unref);
  g_clear_object (&self->backlogs);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (vl_import_dialog_parent_class)->dispose (object);
}

/* The dialog's actions and keys. */
static const VlActionEntry actions[] = {
  { "import.import", import_action },
  { "window.close", .accel = "Escape" },
};

static void
vl_import_dialog_class_init (VlImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vl_import_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/valueloop/Valueloop/vl-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VlImportDialog, summary_group);
  gtk_widget_class_bind_template_child (widget_class, VlImportDialog, backlog_row);
  gtk_widget_class_bind_template_child (widget_class, VlImportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, VlImportDialog, problems_list);
  gtk_widget_class_bind_template_child (widget_class, VlImportDialog, rows_group);
  gtk_widget_class_bind_template_child (widget_class, VlImportDialog, rows_list);
  gtk_widget_class_bind_template_child (widget_class, VlImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, VlImportDialog, statuses_group);
  vl_widget_class_add_actions (widget_class, actions, G_N_ELEMENTS (actions));
}

static void
vl_import_dialog_init (VlImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->status_rows = g_ptr_array_new ();
}
