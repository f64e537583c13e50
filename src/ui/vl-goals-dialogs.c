/* vl-goals-dialogs.c — the Goals page's dialogs: check in on a key result,
 * link backlog items to it, make or edit a cycle
 *
 * Each dialog checks what is typed as it is typed: the button that writes
 * stays off, and a line says what is wrong, until the input is good. So
 * nothing half-made reaches the plan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-goals-dialogs"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vl-enums.h"
#include "vl-goals-page.h"
#include "vl-item-search.h"
#include "vl-labels.h"
#include "vl-okr.h"
#include "vl-toast.h"

static GtkWidget *
new_dialog (VlGoalsPage *page,
            const char  *heading,
            const char  *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (page));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);

  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 460, -1);
  return dialog;
}

static GtkWidget *
entry_row (GtkWidget  *group,
           const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);   /* Enter: the suggested button */
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static GtkWidget *
error_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "error");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  return label;
}

/* Shows @message (NULL: all is well) and turns @response on or off. */
static void
set_problem (AdwMessageDialog *dialog,
             const char       *response,
             const char       *message)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (dialog), "error");

  gtk_label_set_text (GTK_LABEL (label), message ? message : "");
  gtk_widget_set_visible (label, message != NULL);
  adw_message_dialog_set_response_enabled (dialog, response, message == NULL);
}

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static gboolean
parse_number (const char *text,
              double     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;

  if (*copy == '\0')
    return FALSE;
  *value = g_ascii_strtod (copy, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}

/* ---- check-in ------------------------------------------------------------------ */

static void
check_in_validate (AdwMessageDialog *dialog)
{
  GObject *o = G_OBJECT (dialog);
  const char *date = gtk_editable_get_text (g_object_get_data (o, "date"));
  GtkWidget *value = g_object_get_data (o, "value");
  double v;
  g_autofree char *message = NULL;

  if (!vl_date_is_valid (date))
    message = g_strdup_printf (_("“%s” is not a date: write it as YYYY-MM-DD, for example 2026-03-31"), date);
  else if (gtk_widget_get_visible (value) && !parse_number (gtk_editable_get_text (GTK_EDITABLE (value)), &v))
    message = g_strdup_printf (_("“%s” is not a number"), gtk_editable_get_text (GTK_EDITABLE (value)));
  set_problem (dialog, "check-in", message);
}

static void
check_in_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      VlGoalsPage      *page)
{
  GObject *o = G_OBJECT (dialog);
  VlRecord *kr = g_object_get_data (o, "key-result");
  GtkWidget *value_row = g_object_get_data (o, "value");
  g_autoptr(VlRecord) checkin = NULL;
  g_autoptr(GError) error = NULL;
  double value = NAN;

  if (g_strcmp0 (response, "check-in") != 0)
    return;
  if (gtk_widget_get_visible (value_row))
    parse_number (gtk_editable_get_text (GTK_EDITABLE (value_row)), &value);
  else
    value = gtk_switch_get_active (g_object_get_data (o, "done")) ? 1 : 0;
  checkin = vl_key_result_check_in (kr, gtk_editable_get_text (g_object_get_data (o, "date")), value,
                                    gtk_spin_button_get_value (g_object_get_data (o, "confidence")),
                                    gtk_editable_get_text (g_object_get_data (o, "note")), &error);
  if (checkin == NULL)
    vl_toast (GTK_WIDGET (page), error->message, FALSE);
}

/**
 * vl_goals_page_check_in_dialog:
 *
 * A dialog to check in on @key_result: the date (today), its value (the
 * last one, to change), a confidence from 0 to 1.0 and a note.
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
GtkWidget *
vl_goals_page_check_in_dialog (VlGoalsPage *page,
                               VlRecord    *kr)
{
  g_autoptr(VlRecord) last = vl_key_result_dup_last_checkin (kr);
  gboolean milestone = vl_record_get_int (kr, "kind") == VL_KR_KIND_MILESTONE;
  GtkWidget *dialog = new_dialog (page, _("Check In"), vl_record_get_title (kr));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *today = today_text ();
  g_autofree char *value_text = vl_record_format_field (kr, "current");
  g_autofree char *value_title = NULL;
  GtkWidget *date, *value, *done_row, *done, *confidence_row, *confidence, *note;
  const char *unit = vl_record_get_string (kr, "unit");

  value_title = *unit ? g_strdup_printf (_("Value (%s)"), unit) : g_strdup (_("Value"));
  date = entry_row (group, _("Date (YYYY-MM-DD)"), today);
  value = entry_row (group, value_title, value_text);
  gtk_widget_set_visible (value, !milestone);
  done_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (done_row), _("Done"));
  done = gtk_switch_new ();
  gtk_switch_set_active (GTK_SWITCH (done), vl_record_get_int (kr, "done") != 0);
  gtk_widget_set_valign (done, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (done_row), done);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (done_row), done);
  gtk_widget_set_visible (done_row, milestone);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), done_row);
  confidence_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (confidence_row), _("Confidence"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (confidence_row),
                               _("0.7 and up: on track · 0.4–0.6: at risk · below: off track"));
  confidence = gtk_spin_button_new_with_range (0, 1, 0.1);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (confidence), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (confidence),
                             last != NULL ? vl_record_get_number (last, "confidence") : 0.7);
  gtk_widget_set_valign (confidence, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (confidence_row), confidence);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), confidence_row);
  note = entry_row (group, _("Note"), "");
  gtk_box_append (GTK_BOX (box), group);
  gtk_box_append (GTK_BOX (box), error_label ());

  g_object_set_data_full (G_OBJECT (dialog), "key-result", g_object_ref (kr), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "date", date);
  g_object_set_data (G_OBJECT (dialog), "value", value);
  g_object_set_data (G_OBJECT (dialog), "done", done);
  g_object_set_data (G_OBJECT (dialog), "confidence", confidence);
  g_object_set_data (G_OBJECT (dialog), "note", note);
  g_object_set_data (G_OBJECT (dialog), "error", gtk_widget_get_last_child (box));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "check-in", _("_Check In"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "check-in", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "check-in");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_swapped (date, "changed", G_CALLBACK (check_in_validate), dialog);
  g_signal_connect_swapped (value, "changed", G_CALLBACK (check_in_validate), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (check_in_response_cb), page, 0);
  check_in_validate (ADW_MESSAGE_DIALOG (dialog));
  return dialog;
}

/* ---- linking backlog items -------------------------------------------------------- */

#define MAX_SHOWN 50

static void
link_fill (AdwMessageDialog *dialog)
{
  GObject *o = G_OBJECT (dialog);
  GtkListBox *list = g_object_get_data (o, "list");
  VlItemSearch *search = g_object_get_data (o, "search");
  VlRecord *kr = g_object_get_data (o, "key-result");
  GListModel *matches = G_LIST_MODEL (search);
  guint shown = 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
  for (guint i = 0; i < g_list_model_get_n_items (matches) && shown < MAX_SHOWN; i++)
    {
      g_autoptr(VlRecord) item = g_list_model_get_item (matches, i);
      g_autoptr(VlRecord) backlog = NULL;
      g_autoptr(VlRecord) serves = vl_record_dup_ref (item, "key-result");
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (serves == kr)
        continue;
      backlog = vl_record_dup_ref (item, "backlog");
      subtitle = serves != NULL
        ? g_strdup_printf (_("%s · %s · now serves “%s”"), backlog ? vl_record_get_title (backlog) : "",
                           vl_enum_label ("status", (int) vl_record_get_int (item, "status")),
                           vl_record_get_title (serves))
        : g_strdup_printf ("%s · %s", backlog ? vl_record_get_title (backlog) : "",
                           vl_enum_label ("status", (int) vl_record_get_int (item, "status")));
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);   /* user text */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), vl_record_get_title (item));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("list-add-symbolic"));
      g_object_set_data (G_OBJECT (row), "rowid", GSIZE_TO_POINTER ((gsize) vl_record_get_rowid (item)));
      gtk_list_box_append (list, row);
      shown++;
    }
  if (shown == 0)
    {
      GtkWidget *none = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (none), _("No backlog item matches"));
      gtk_list_box_append (list, none);
    }
}

static void
link_search_cb (GtkSearchEntry   *entry,
                AdwMessageDialog *dialog)
{
  vl_item_search_set_text (g_object_get_data (G_OBJECT (dialog), "search"),
                           gtk_editable_get_text (GTK_EDITABLE (entry)));
  link_fill (dialog);
}

static void
link_row_activated_cb (GtkListBox       *list,
                       GtkListBoxRow    *row,
                       AdwMessageDialog *dialog)
{
  VlGoalsPage *page = g_object_get_data (G_OBJECT (dialog), "page");
  gsize rowid = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "rowid"));
  g_autofree char *text = NULL;

  if (rowid == 0)
    return;
  gtk_widget_activate_action (GTK_WIDGET (page), "goals.link-item", "x", (gint64) rowid);
  text = g_strdup_printf (_("Linked “%s”"), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  vl_toast (GTK_WIDGET (page), text, TRUE);
  link_fill (dialog);
}

/**
 * vl_goals_page_link_dialog:
 *
 * A search over every backlog item; activating one makes it serve
 * @key_result (through goals.link-item). Stays open to link more.
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
GtkWidget *
vl_goals_page_link_dialog (VlGoalsPage *page,
                           VlRecord    *kr)
{
  VlDocument *doc = vl_record_get_document (kr);
  g_autofree char *body = g_strdup_printf (_("Which backlog items move “%s”?"), vl_record_get_title (kr));
  GtkWidget *dialog = new_dialog (page, _("Add Actions"), body);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_search_entry_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  g_autoptr(GListModel) items = vl_document_list (doc, VL_KIND_ITEM, NULL, NULL);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 300);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), scroller);
  g_object_set_data (G_OBJECT (dialog), "page", page);
  g_object_set_data (G_OBJECT (dialog), "list", list);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data_full (G_OBJECT (dialog), "key-result", g_object_ref (kr), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "search", vl_item_search_new (doc, items), g_object_unref);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Done"));
  g_signal_connect (entry, "search-changed", G_CALLBACK (link_search_cb), dialog);
  g_signal_connect (list, "row-activated", G_CALLBACK (link_row_activated_cb), dialog);
  link_fill (ADW_MESSAGE_DIALOG (dialog));
  gtk_widget_grab_focus (entry);
  return dialog;
}

/* ---- cycles ---------------------------------------------------------------------- */

static void
cycle_validate (AdwMessageDialog *dialog)
{
  GObject *o = G_OBJECT (dialog);
  g_autoptr(GError) error = NULL;

  vl_cycle_validate (gtk_editable_get_text (g_object_get_data (o, "name")),
                     gtk_editable_get_text (g_object_get_data (o, "start")),
                     gtk_editable_get_text (g_object_get_data (o, "end")), &error);
  set_problem (dialog, "save", error ? error->message : NULL);
}

static void
cycle_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   VlGoalsPage      *page)
{
  GObject *o = G_OBJECT (dialog);
  VlRecord *cycle = g_object_get_data (o, "cycle");
  VlDocument *doc = g_object_get_data (o, "document");
  g_autoptr(VlRecord) made = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (g_strcmp0 (response, "save") != 0)
    return;
  name = g_strstrip (g_strdup (gtk_editable_get_text (g_object_get_data (o, "name"))));
  vl_document_begin (doc, cycle ? _("Edit Cycle") : _("New Cycle"));
  if (cycle == NULL)
    cycle = made = vl_document_insert (doc, VL_KIND_CYCLE, NULL, NULL, NULL, &error);
  if (cycle != NULL)
    g_object_set (cycle, "name", name, "start", gtk_editable_get_text (g_object_get_data (o, "start")),
                  "end", gtk_editable_get_text (g_object_get_data (o, "end")),
                  "cadence-weeks", 2 + (int) adw_combo_row_get_selected (g_object_get_data (o, "cadence")),
                  NULL);
  if (!vl_document_commit (doc, error == NULL ? &error : NULL) || error != NULL)
    vl_toast (GTK_WIDGET (page), error->message, FALSE);
  else if (made != NULL)
    vl_goals_page_set_cycle (page, made);
}

/* A new cycle follows the last one, for half a year. */
static void
next_cycle (VlGoalsPage *page,
            char       **name,
            char       **start,
            char       **end)
{
  VlRecord *shown = vl_goals_page_get_cycle (page);
  const char *last_end = shown ? vl_record_get_string (shown, "end") : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) from = NULL, to = NULL;
  int year, month;

  if (last_end != NULL && vl_date_is_valid (last_end))
    {
      g_autoptr(GDateTime) e = g_date_time_new_local (atoi (last_end), atoi (last_end + 5), atoi (last_end + 8),
                                                      12, 0, 0);
      from = g_date_time_add_days (e, 1);
    }
  else
    from = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now) > 6 ? 7 : 1, 1, 12, 0, 0);
  year = g_date_time_get_year (from);
  month = g_date_time_get_month (from);
  {
    g_autoptr(GDateTime) six = g_date_time_add_months (from, 6);

    to = g_date_time_add_days (six, -1);
  }
  *name = month == 1 || month == 7 ? g_strdup_printf ("%d %s", year, month == 1 ? "H1" : "H2")
                                   : g_date_time_format (from, "%Y-%m");
  *start = g_date_time_format (from, "%Y-%m-%d");
  *end = g_date_time_format (to, "%Y-%m-%d");
}

/**
 * vl_goals_page_cycle_dialog:
 * @cycle: (nullable): the cycle to edit, or %NULL for a new one
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
GtkWidget *
vl_goals_page_cycle_dialog (VlGoalsPage *page,
                            VlRecord    *cycle)
{
  GtkWidget *dialog = new_dialog (page, cycle ? _("Edit Cycle") : _("New Cycle"),
                                  _("OKRs are set for a cycle and checked in at its cadence."));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *group = adw_preferences_group_new ();
  g_autoptr(GtkStringList) cadences = gtk_string_list_new ((const char *const[]) {
    _("Every 2 weeks"), _("Every 3 weeks"), _("Every 4 weeks"), NULL });
  g_autofree char *name = NULL, *start = NULL, *end = NULL;
  GtkWidget *name_row, *start_row, *end_row, *cadence;

  if (cycle != NULL)
    {
      name = g_strdup (vl_record_get_string (cycle, "name"));
      start = g_strdup (vl_record_get_string (cycle, "start"));
      end = g_strdup (vl_record_get_string (cycle, "end"));
    }
  else
    next_cycle (page, &name, &start, &end);
  name_row = entry_row (group, _("Name"), name);
  start_row = entry_row (group, _("Starts (YYYY-MM-DD)"), start);
  end_row = entry_row (group, _("Ends (YYYY-MM-DD)"), end);
  cadence = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (cadence), _("Check-Ins"));
  adw_combo_row_set_model (ADW_COMBO_ROW (cadence), G_LIST_MODEL (cadences));
  adw_combo_row_set_selected (ADW_COMBO_ROW (cadence),
                              cycle ? (guint) CLAMP (vl_record_get_int (cycle, "cadence-weeks") - 2, 0, 2) : 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), cadence);
  gtk_box_append (GTK_BOX (box), group);
  gtk_box_append (GTK_BOX (box), error_label ());

  g_object_set_data (G_OBJECT (dialog), "name", name_row);
  g_object_set_data (G_OBJECT (dialog), "start", start_row);
  g_object_set_data (G_OBJECT (dialog), "end", end_row);
  g_object_set_data (G_OBJECT (dialog), "cadence", cadence);
  g_object_set_data (G_OBJECT (dialog), "error", gtk_widget_get_last_child (box));
  if (cycle != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "cycle", g_object_ref (cycle), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "document", g_object_ref (vl_goals_page_get_document (page)),
                          g_object_unref);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "save", cycle ? _("_Save") : _("_Create"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  for (GtkWidget **w = (GtkWidget *[]) { name_row, start_row, end_row, NULL }; *w != NULL; w++)
    g_signal_connect_swapped (*w, "changed", G_CALLBACK (cycle_validate), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (cycle_response_cb), page, 0);
  cycle_validate (ADW_MESSAGE_DIALOG (dialog));
  return dialog;
}
