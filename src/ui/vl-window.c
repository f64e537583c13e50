/* vl-window.c — one plan in a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vl-actions.h"
#include "vl-backlog-page.h"
#include "vl-board-page.h"
#include "vl-copy-dialog.h"
#include "vl-export-dialog.h"
#include "vl-import-dialog.h"
#include "vl-goals-page.h"
#include "vl-maps-page.h"
#include "vl-sample.h"
#include "vl-toast.h"
#include "vl-reports-page.h"
#include "vl-value-page.h"
#include "vl-sync-watcher.h"
#include "vl-window.h"

struct _VlWindow
{
  AdwApplicationWindow  parent_instance;

  gboolean              show_details;   /* F9: the pages' details panels */

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwViewSwitcherTitle *switcher_title;
  GtkLabel             *status_label;
  GtkLabel             *plan_title_label;
  GtkWidget            *plan_heading;
  AdwViewStack         *view_stack;
  VlBacklogPage        *backlog_page;
  VlBoardPage          *board_page;
  VlGoalsPage          *goals_page;
  VlMapsPage           *maps_page;
  VlValuePage          *value_page;
  VlReportsPage        *reports_page;
  GtkListBox           *recent_list;
  AdwPreferencesGroup  *recent_group;
  GMenu                *columns_submenu;

  GSettings            *settings;
  VlDocument           *document;
  GSignalGroup         *document_signals;
  VlSyncWatcher        *watcher;
  char                 *status;           /* the header's subtitle */
  GtkFileChooserNative *chooser;
  const char           *chooser_purpose;  /* what it is for: "copy", "new", … */
  GdkFrameClock        *frame_clock;      /* while realized */
  VlDocument           *reading;          /* holds reads during a frame */
};

G_DEFINE_FINAL_TYPE (VlWindow, vl_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_SHOW_DETAILS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

VlWindow *
vl_window_new (VlApplication *app)
{
  return g_object_new (VL_TYPE_WINDOW, "application", app, NULL);
}

VlDocument *
vl_window_get_document (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);
  return self->document;
}

/* The header's subtitle: where the plan stands (DESIGN §4). */
const char *
vl_window_get_status (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);
  return self->status;
}

GtkWidget *
vl_window_get_goals_page (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->goals_page);
}

GtkWidget *
vl_window_get_maps_page (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->maps_page);
}

GtkWidget *
vl_window_get_reports_page (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->reports_page);
}

GtkWidget *
vl_window_get_value_page (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->value_page);
}

GtkWidget *
vl_window_get_board_page (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->board_page);
}

void
vl_window_show_page (VlWindow   *self,
                     const char *name)
{
  g_return_if_fail (VL_IS_WINDOW (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

GtkWidget *
vl_window_get_backlog_page (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->backlog_page);
}

gboolean
vl_window_shows_file (VlWindow *self,
                      GFile    *file)
{
  return self->document != NULL && g_file_equal (vl_document_get_file (self->document), file);
}

static void
show_error (VlWindow   *self,
            const char *heading,
            GError     *error)
{
  vl_show_error (GTK_WINDOW (self), heading, error);
}

static void
toast (VlWindow   *self,
       const char *text)
{
  /* The one toast helper, from inside the window's overlay. */
  vl_toast (adw_toast_overlay_get_child (self->toast_overlay), text, FALSE);
}

/* ---- status ------------------------------------------------------------ */

static void
set_status (VlWindow   *self,
            const char *status)
{
  g_free (self->status);
  self->status = g_strdup (status);
  /* The switcher replaces the title in wide windows: say it under the
   * plan's title at the start of the header bar too. */
  adw_view_switcher_title_set_subtitle (self->switcher_title, status);
  gtk_label_set_text (self->status_label, status);
}

static void
share_state_cb (VlDocument *doc,
                GParamSpec *pspec,
                VlWindow   *self)
{
  switch (vl_document_get_share_state (doc))
    {
    case VL_SHARE_STATE_SAVED:
      set_status (self, _("Saved"));
      break;
    case VL_SHARE_STATE_PENDING:
      set_status (self, _("Saving…"));
      break;
    case VL_SHARE_STATE_MISSING:
      set_status (self, _("Shared file is missing — your edits are safe"));
      break;
    case VL_SHARE_STATE_READ_ONLY:
    default:
      set_status (self, vl_document_get_schema_version (doc) > VL_SCHEMA_VERSION
                        ? _("Read-only: made by a newer Valueloop") : _("Read-only"));
      break;
    }
}

static void
synced_cb (VlSyncWatcher *watcher,
           VlSyncStats   *stats,
           VlWindow      *self)
{
  g_autofree char *text = NULL;

  if (stats->from_device[0] != '\0')
    text = g_strdup_printf (_("Merged changes from %s"), stats->from_device);
  else
    text = g_strdup (_("Merged changes"));
  set_status (self, text);
}

/* A write through a property setter, a publish or a sync in the
 * background: nothing is lost, but the user is told. */
static void
failed_cb (GObject  *doc_or_watcher,
           GError   *error,
           VlWindow *self)
{
  toast (self, error->message);
}

static void
title_cb (VlDocument *doc,
          GParamSpec *pspec,
          VlWindow   *self)
{
  const char *title = vl_document_get_title (doc);
  g_autofree char *name = g_file_get_basename (vl_document_get_file (doc));

  title = title != NULL && *title != '\0' ? title : name;
  adw_view_switcher_title_set_title (self->switcher_title, title);
  gtk_label_set_text (self->plan_title_label, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->plan_title_label), title);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* Which of the window's actions can run: the one place that says. */
static void
update_actions (VlWindow *self)
{
  VlDocument *doc = self->document;
  gboolean writable = doc != NULL && !vl_document_get_read_only (doc);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", doc != NULL && vl_document_can_undo (doc));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", doc != NULL && vl_document_can_redo (doc));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-copy", doc != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-csv", doc != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-csv", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-csv-file", writable);
}

/* ---- opening ----------------------------------------------------------- */

/**
 * vl_window_set_document:
 *
 * Shows @doc (or the welcome page for %NULL) and watches its shared file.
 * vl_window_open_file() opens and calls this; tests give a window a
 * document opened for another device's data directory.
 */
/* A frame that binds rows (a list scrolled or searched, an outline
 * opened) reads their items one by one: in one read transaction from
 * before the frame's layout to after its paint, not each in its own. */
static void
frame_begins_cb (GdkFrameClock *clock,
                 VlWindow      *self)
{
  if (self->reading == NULL && self->document != NULL)
    {
      self->reading = g_object_ref (self->document);
      vl_document_hold_reads (self->reading);
    }
}

static void
frame_ends_cb (GdkFrameClock *clock,
               VlWindow      *self)
{
  if (self->reading != NULL)
    {
      vl_document_release_reads (self->reading);
      g_clear_object (&self->reading);
    }
}

static void
vl_window_realize (GtkWidget *widget)
{
  VlWindow *self = VL_WINDOW (widget);

  GTK_WIDGET_CLASS (vl_window_parent_class)->realize (widget);
  self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  g_signal_connect (self->frame_clock, "before-paint", G_CALLBACK (frame_begins_cb), self);
  g_signal_connect (self->frame_clock, "after-paint", G_CALLBACK (frame_ends_cb), self);
}

static void
vl_window_unrealize (GtkWidget *widget)
{
  VlWindow *self = VL_WINDOW (widget);

  frame_ends_cb (NULL, self);
  if (self->frame_clock != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->frame_clock, frame_begins_cb, self);
      g_signal_handlers_disconnect_by_func (self->frame_clock, frame_ends_cb, self);
    }
  g_clear_object (&self->frame_clock);
  GTK_WIDGET_CLASS (vl_window_parent_class)->unrealize (widget);
}

/* Opening a plan whose value reviews are overdue says so once, on the
 * desktop too: the reviews are the loop's point, and easy to forget. */
static void
notify_overdue (VlWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  guint n = vl_value_page_get_overdue (self->value_page);
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL, *id = NULL;

  if (app == NULL || n == 0)
    return;
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u value review is overdue", "%u value reviews are overdue", n), n);
  notification = g_notification_new (title);
  g_notification_set_body (notification, vl_document_get_title (self->document));
  id = g_strdup_printf ("overdue-%s", vl_document_get_doc_id (self->document));
  g_application_send_notification (G_APPLICATION (app), id, notification);
}

void
vl_window_set_document (VlWindow   *self,
                        VlDocument *doc)
{
  g_return_if_fail (VL_IS_WINDOW (self));
  g_return_if_fail (doc == NULL || VL_IS_DOCUMENT (doc));

  frame_ends_cb (NULL, self);
  if (!g_set_object (&self->document, doc))
    return;
  g_clear_object (&self->watcher);
  g_signal_group_set_target (self->document_signals, doc);
  /* The pages follow through their binding to `document` (vl-window.ui)
   * and load when first shown: a plan opens on one page. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  update_actions (self);
  if (doc == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "welcome");
      return;
    }
  title_cb (doc, NULL, self);
  share_state_cb (doc, NULL, self);
  gtk_stack_set_visible_child_name (self->stack, "plan");
  self->watcher = vl_sync_watcher_new (doc);
  g_signal_connect_object (self->watcher, "synced", G_CALLBACK (synced_cb), self, 0);
  g_signal_connect_object (self->watcher, "sync-failed", G_CALLBACK (failed_cb), self, 0);
  notify_overdue (self);
}

/**
 * vl_window_open_file:
 *
 * Opens @file in this window. A file that cannot be opened gets a dialog
 * naming it and saying why; nothing on disk changes.
 */
gboolean
vl_window_open_file (VlWindow *self,
                     GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlDocument) doc = vl_document_open (file, VL_DOCUMENT_OPEN_NONE, &error);
  g_autofree char *uri = NULL;

  if (doc == NULL)
    {
      if (g_error_matches (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_COPY))
        vl_copy_dialog_new (self, file, error);
      else
        show_error (self, _("Could Not Open the Plan"), error);
      return FALSE;
    }
  uri = g_file_get_uri (file);
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  vl_window_set_document (self, doc);
  return TRUE;
}

static void
open_or_present (VlWindow *self,
                 GFile    *file)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (self->document == NULL || app == NULL)
    vl_window_open_file (self, file);
  else
    vl_application_open_file (VL_APPLICATION (app), file);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     VlWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saving = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)) ==
                    GTK_FILE_CHOOSER_ACTION_SAVE;
  const char *purpose = self->chooser_purpose;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  if (!saving)
    {
      open_or_present (self, file);
      return;
    }
  if (g_strcmp0 (purpose, "copy") == 0)
    {
      /* A copy is an independent file: a snapshot of what is published. */
      if (!vl_document_publish (self->document, &error) ||
          !g_file_copy (vl_document_get_file (self->document), file, G_FILE_COPY_OVERWRITE, NULL,
                        NULL, NULL, &error))
        show_error (self, _("Could Not Save a Copy"), error);
      else
        toast (self, _("Copy saved"));
      return;
    }
  g_file_delete (file, NULL, NULL); /* the chooser confirmed replacing it */
  {
    g_autofree char *base = g_file_get_basename (file);
    g_autoptr(VlDocument) doc = NULL;
    char *dot = strrchr (base, '.');

    if (dot != NULL)
      *dot = '\0';
    doc = vl_document_create (file, base, &error);
    if (doc == NULL)
      {
        show_error (self, _("Could Not Create the Plan"), error);
        return;
      }
    g_clear_object (&doc);
    open_or_present (self, file);
  }
}

static void
run_chooser (VlWindow             *self,
             GtkFileChooserAction  action,
             const char           *title,
             const char           *accept,
             const char           *purpose)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, NULL);
  gtk_file_filter_set_name (filter, _("Valueloop plans"));
  gtk_file_filter_add_mime_type (filter, "application/x-valueloop");
  gtk_file_filter_add_suffix (filter, "valueloop");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                       g_strcmp0 (purpose, "copy") == 0
                                       ? _("Copy of plan.valueloop") : _("Plan.valueloop"));
  self->chooser_purpose = purpose;
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- actions ----------------------------------------------------------- */

static void
new_plan_action (GtkWidget *widget, const char *name, GVariant *param)
{
  run_chooser (VL_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE, _("New Plan"), _("_Create"), "new");
}

static void
open_action (GtkWidget *widget, const char *name, GVariant *param)
{
  run_chooser (VL_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN, _("Open Plan"), _("_Open"), "open");
}

static void
save_copy_action (GtkWidget *widget, const char *name, GVariant *param)
{
  run_chooser (VL_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE, _("Save a Copy"), _("_Save"),
               "copy");
}

/* ---- CSV --------------------------------------------------------------- */

static void
export_csv_action (GtkWidget *widget, const char *name, GVariant *param)
{
  VlWindow *self = VL_WINDOW (widget);
  g_autoptr(VlRecord) backlog = NULL;
  VlExportDialog *dialog;

  if (self->document == NULL)
    return;
  backlog = vl_backlog_page_dup_backlog (self->backlog_page);
  dialog = vl_export_dialog_new (GTK_WINDOW (self), self->document, backlog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void preview_import (VlWindow *self,
                            GFile    *file);

static void
import_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            VlWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    preview_import (self, file);
}

/* win.import-csv-file: the preview of importing the CSV file at a path
 * (what choosing it in Import CSV… does; a file dropped or opened from
 * elsewhere goes the same way). */
static void
import_csv_file_action (GtkWidget *widget, const char *name, GVariant *param)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (param, NULL));

  preview_import (VL_WINDOW (widget), file);
}

static void
preview_import (VlWindow *self,
                GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) backlog = NULL;
  VlCsvImport *import;

  if (self->document == NULL)
    return;
  import = vl_csv_import_new_for_file (file, &error);
  if (import == NULL)
    {
      show_error (self, _("Could Not Read the File"), error);
      return;
    }
  backlog = vl_backlog_page_dup_backlog (self->backlog_page);
  gtk_window_present (GTK_WINDOW (vl_import_dialog_new (GTK_WINDOW (self), self->document, import, backlog)));
}

static void
import_csv_action (GtkWidget *widget, const char *name, GVariant *param)
{
  VlWindow *self = VL_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL || self->document == NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Import CSV"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), NULL);
  gtk_file_filter_set_name (filter, _("CSV and TSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "text/tab-separated-values");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "tsv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (import_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The sample lives in the user's data folder, made on first use. */
static void
open_sample_action (GtkWidget *widget, const char *name, GVariant *param)
{
  VlWindow *self = VL_WINDOW (widget);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "valueloop", "samples", NULL);
  g_autofree char *path = g_build_filename (dir, _("Shoplane sample.valueloop"), NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(VlDocument) doc = NULL;

      g_mkdir_with_parents (dir, 0700);
      doc = vl_document_create (file, "", &error);
      if (doc == NULL || !vl_sample_fill (doc, &error) || !vl_document_publish (doc, &error))
        {
          show_error (self, _("Could Not Create the Sample Plan"), error);
          return;
        }
    }
  open_or_present (self, file);
}

static void
save_action (GtkWidget *widget, const char *name, GVariant *param)
{
  VlWindow *self = VL_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->document != NULL && !vl_document_sync (self->document, NULL, &error))
    toast (self, error->message);
}

static void
undo_action (GtkWidget *widget, const char *name, GVariant *param)
{
  VlWindow *self = VL_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gboolean redo = g_str_equal (name, "win.redo");

  if (self->document == NULL)
    return;
  if (!(redo ? vl_document_redo (self->document, &error) : vl_document_undo (self->document, &error))
      && error != NULL)
    toast (self, error->message);
}

/* Ctrl+F anywhere in the window: the backlog's search. */
static void
search_action (GtkWidget *widget, const char *name, GVariant *param)
{
  VlWindow *self = VL_WINDOW (widget);

  if (self->document == NULL)
    return;
  vl_window_show_page (self, "backlog");
  gtk_widget_activate_action (GTK_WIDGET (self->backlog_page), "backlog.search", NULL);
}

/* Alt+1, 2, 3: the pages in the order the switcher shows them. */
static void
show_page_action (GtkWidget *widget, const char *name, GVariant *param)
{
  VlWindow *self = VL_WINDOW (widget);

  GtkWidget *page, *focus;

  if (self->document == NULL)
    return;
  vl_window_show_page (self, g_variant_get_string (param, NULL));
  /* The keyboard goes along: the page's own keys work at once. */
  page = adw_view_stack_get_visible_child (self->view_stack);
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (page != NULL && (focus == NULL || !gtk_widget_is_ancestor (focus, page)))
    gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

static void
close_action (GtkWidget *widget, const char *name, GVariant *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* ---- recent plans, drops, window state ---------------------------------- */

/* "win.open-uri" (s): a recent plan's row. */
static void
open_uri_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  open_or_present (VL_WINDOW (widget), file);
}

static void
fill_recent (VlWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  guint shown = 0;

  for (GList *l = items; l != NULL && shown < 6; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GFile) file = g_file_new_for_uri (uri);
      g_autofree char *dir = NULL;
      g_autoptr(GFile) parent = g_file_get_parent (file);
      GtkWidget *row;

      if (!g_str_has_suffix (uri, ".valueloop") || !g_file_query_exists (file, NULL))
        continue;
      dir = parent != NULL ? g_file_get_parse_name (parent) : g_strdup ("");
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);   /* file names */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gtk_recent_info_get_display_name (info));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dir);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-uri");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_string (uri));
      gtk_list_box_append (self->recent_list, row);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), shown > 0);
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         VlWindow      *self)
{
  GSList *files = g_value_get_boxed (value);

  for (GSList *l = files; l != NULL; l = l->next)
    open_or_present (self, l->data);
  return files != NULL;
}

static gboolean
close_request_cb (GtkWindow *window)
{
  VlWindow *self = VL_WINDOW (window);
  g_autoptr(GError) error = NULL;

  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  vl_backlog_page_finish_editing (self->backlog_page);
  /* Publish now; if the shared file cannot be written, the edits stay
   * in the working copy and are published the next time. */
  if (self->document != NULL && !vl_document_publish (self->document, &error))
    g_warning ("%s", error->message);
  return FALSE;
}

static void
vl_window_constructed (GObject *object)
{
  VlWindow *self = VL_WINDOW (object);

  G_OBJECT_CLASS (vl_window_parent_class)->constructed (object);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  g_settings_bind (self->settings, "board-swimlanes", self->board_page, "swimlanes",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "last-page", self->view_stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
vl_window_dispose (GObject *object)
{
  VlWindow *self = VL_WINDOW (object);

  frame_ends_cb (NULL, self);
  g_clear_object (&self->watcher);
  g_signal_group_set_target (self->document_signals, NULL);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), VL_TYPE_WINDOW);
  g_clear_object (&self->document);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (vl_window_parent_class)->dispose (object);
}

static void
vl_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  VlWindow *self = VL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_SHOW_DETAILS:
      g_value_set_boolean (value, self->show_details);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  VlWindow *self = VL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      vl_window_set_document (self, g_value_get_object (value));
      break;
    case PROP_SHOW_DETAILS:
      if (self->show_details != g_value_get_boolean (value))
        {
          self->show_details = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_window_finalize (GObject *object)
{
  g_free (VL_WINDOW (object)->status);

  G_OBJECT_CLASS (vl_window_parent_class)->finalize (object);
}

/* The window's actions and keys; those marked VL_ACTION_MENU are the
 * application's accelerators (vl_window_set_accels()), so menus show them. */
static const VlActionEntry actions[] = {
  { "win.new-plan", new_plan_action },
  { "win.open", open_action, .accel = "<Control>o", .flags = VL_ACTION_MENU },
  { "win.open-sample", open_sample_action },
  { "win.open-uri", open_uri_action, "s" },
  { "win.save", save_action, .accel = "<Control>s", .flags = VL_ACTION_MENU },
  { "win.save-copy", save_copy_action, .accel = "<Control><Shift>s", .flags = VL_ACTION_MENU },
  { "win.export-csv", export_csv_action, .accel = "<Control>e" },
  { "win.import-csv", import_csv_action, .accel = "<Control><Shift>o" },
  { "win.import-csv-file", import_csv_file_action, "s" },
  { "win.undo", undo_action, .accel = "<Control>z", .flags = VL_ACTION_MENU },
  { "win.redo", undo_action, .accel = "<Control><Shift>z", .flags = VL_ACTION_MENU },
  { "win.redo", .accel = "<Control>y", .flags = VL_ACTION_MENU },
  { "win.close", close_action, .accel = "<Control>w", .flags = VL_ACTION_MENU },
  { "win.search", search_action, .accel = "<Control>f" },
  { "win.show-details", .property = "show-details", .accel = "F9" },
  { "win.show-page", show_page_action, "s", .accel = "<Alt>1", .format = "s", .sarg = "goals" },
  { "win.show-page", .accel = "<Alt>2", .format = "s", .sarg = "backlog" },
  { "win.show-page", .accel = "<Alt>3", .format = "s", .sarg = "board" },
  { "win.show-page", .accel = "<Alt>4", .format = "s", .sarg = "maps" },
  { "win.show-page", .accel = "<Alt>5", .format = "s", .sarg = "value" },
  { "win.show-page", .accel = "<Alt>6", .format = "s", .sarg = "reports" },
};

/* Makes the keys of the window's menu actions @app's accelerators. */
void
vl_window_set_accels (GtkApplication *app)
{
  vl_actions_set_accels (app, actions, G_N_ELEMENTS (actions));
}

static void
vl_window_class_init (VlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = vl_window_constructed;
  object_class->dispose = vl_window_dispose;
  object_class->finalize = vl_window_finalize;
  object_class->get_property = vl_window_get_property;
  object_class->set_property = vl_window_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, VL_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* F9 hides and shows the details panels of every page (bound to them
   * in vl-window.ui). */
  properties[PROP_SHOW_DETAILS] =
    g_param_spec_boolean ("show-details", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->realize = vl_window_realize;
  widget_class->unrealize = vl_window_unrealize;
  GTK_WINDOW_CLASS (klass)->close_request = close_request_cb;

  g_type_ensure (VL_TYPE_BACKLOG_PAGE);
  g_type_ensure (VL_TYPE_BOARD_PAGE);
  g_type_ensure (VL_TYPE_GOALS_PAGE);
  g_type_ensure (VL_TYPE_MAPS_PAGE);
  g_type_ensure (VL_TYPE_REPORTS_PAGE);
  g_type_ensure (VL_TYPE_VALUE_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/valueloop/Valueloop/vl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VlWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, VlWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, VlWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, VlWindow, plan_title_label);
  gtk_widget_class_bind_template_child (widget_class, VlWindow, plan_heading);
  gtk_widget_class_bind_template_child (widget_class, VlWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, VlWindow, backlog_page);
  gtk_widget_class_bind_template_child (widget_class, VlWindow, board_page);
  gtk_widget_class_bind_template_child (widget_class, VlWindow, goals_page);
  gtk_widget_class_bind_template_child (widget_class, VlWindow, maps_page);
  gtk_widget_class_bind_template_child (widget_class, VlWindow, value_page);
  gtk_widget_class_bind_template_child (widget_class, VlWindow, reports_page);
  gtk_widget_class_bind_template_child (widget_class, VlWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, VlWindow, recent_group);
  gtk_widget_class_bind_template_child (widget_class, VlWindow, columns_submenu);

  vl_widget_class_add_actions (widget_class, actions, G_N_ELEMENTS (actions));
}

static void
vl_window_init (VlWindow *self)
{
  GtkDropTarget *drop;

  self->show_details = TRUE;   /* (before the template binds the pages to it) */
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  /* The backlog's columns, from the primary menu too (F10, then keys). */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "columns",
                                  vl_backlog_page_get_column_actions (self->backlog_page));
  g_menu_append_section (self->columns_submenu, NULL, vl_backlog_page_get_column_menu (self->backlog_page));
  /* Narrow windows show the title and status in the switcher's place. */
  g_object_bind_property (self->switcher_title, "title-visible", self->plan_heading, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);

  self->document_signals = g_signal_group_new (VL_TYPE_DOCUMENT);
  g_signal_group_connect (self->document_signals, "notify::share-state", G_CALLBACK (share_state_cb), self);
  g_signal_group_connect (self->document_signals, "notify::title", G_CALLBACK (title_cb), self);
  g_signal_group_connect_swapped (self->document_signals, "notify::can-undo", G_CALLBACK (update_actions), self);
  g_signal_group_connect_swapped (self->document_signals, "notify::can-redo", G_CALLBACK (update_actions), self);
  g_signal_group_connect (self->document_signals, "write-failed", G_CALLBACK (failed_cb), self);
  g_signal_group_connect (self->document_signals, "publish-failed", G_CALLBACK (failed_cb), self);

  update_actions (self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  fill_recent (self);
}
