/* test-ui-value.c — UI tests of the Value page: reviewing an overdue item
 * from the keyboard, overriding a suggestion, a follow-up demand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "vl-okr.h"
#include "vl-record-chooser.h"
#include "vl-ui-test.h"
#include "vl-value-page.h"
#include "vl-value.h"

static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

static VlRecord *
first_overdue (VlDocument *doc)
{
  g_autoptr(GDate) today = vl_okr_today ();
  g_autoptr(GArray) queue = vl_value_review_queue (doc, today);

  g_assert_cmpuint (queue->len, >, 0);
  g_assert_cmpint (g_array_index (queue, VlReviewEntry, 0).group, ==, VL_REVIEW_OVERDUE);
  return vl_document_lookup (doc, VL_KIND_ITEM, g_array_index (queue, VlReviewEntry, 0).item);
}

/* Alt+5 on Monday morning: the most overdue review is open; Ctrl+I adds a
 * reading typed in; a verdict other than the suggested one waits for a
 * note; Ctrl+Return completes the review; the badge, the queue and the
 * file follow; Ctrl+Shift+N makes a follow-up demand. */
static void
test_review_from_keyboard (void)
{
  g_autoptr(GFile) file = sample_file ("ui-value.valueloop");
  VlWindow *window = vl_window_new (NULL);
  VlValuePage *page;
  VlDocument *doc;
  g_autoptr(VlRecord) item = NULL, follow = NULL;
  g_autoptr(GPtrArray) readings = NULL;
  g_autofree char *follow_title = NULL;
  AdwMessageDialog *dialog = NULL;
  AdwComboRow *verdict_row;
  GtkWidget *note_row;
  guint overdue, n_readings;
  VlVerdict suggested, chosen;
  double share;

  g_assert_true (vl_window_open_file (window, file));
  gtk_window_present (GTK_WINDOW (window));
  doc = vl_window_get_document (window);
  page = VL_VALUE_PAGE (vl_window_get_value_page (window));
  /* The badge counts before the page was ever shown. */
  overdue = vl_value_page_get_overdue (page);
  g_assert_cmpuint (overdue, >, 0);
  wait_shown (GTK_WIDGET (window));
  g_assert_true (press_keys (GTK_WIDGET (window), "key", "alt+5"));
  wait_shown (GTK_WIDGET (page));
  item = first_overdue (doc);
  WAIT_UNTIL (shows_label (GTK_WIDGET (page), vl_record_get_title (item)), 5);

  /* Ctrl+I, a value, Return. */
  readings = vl_item_dup_readings (item);
  n_readings = readings->len;
  g_assert_true (press_keys (GTK_WIDGET (window), "key", "ctrl+i"));
  WAIT_UNTIL ((dialog = find_dialog_with ("add")) != NULL, 5);
  wait_shown (GTK_WIDGET (dialog));
  g_assert_true (press_keys (GTK_WIDGET (dialog), "type", "2.31"));
  g_assert_true (press_keys (GTK_WIDGET (dialog), "key", "Return"));
  WAIT_UNTIL (find_dialog_with ("add") == NULL, 5);
  g_clear_pointer (&readings, g_ptr_array_unref);
  readings = vl_item_dup_readings (item);
  g_assert_cmpuint (readings->len, ==, n_readings + 1);
  g_assert_cmpfloat (vl_item_get_actual (item), ==, 2.31);

  /* The suggestion, and overriding it without a note: not yet. */
  share = vl_value_achieved (vl_record_get_number (item, "baseline"), vl_record_get_number (item, "expected"), 2.31);
  suggested = vl_value_suggest_verdict (share, VL_VALIDATED_AT, VL_INVALIDATED_AT);
  g_assert_cmpint (suggested, !=, VL_VERDICT_NONE);
  verdict_row = ADW_COMBO_ROW (find_row (GTK_WIDGET (page), ADW_TYPE_COMBO_ROW, _("_Verdict")));
  note_row = find_row (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW, _("_Note"));
  WAIT_UNTIL (adw_combo_row_get_selected (verdict_row) + 1 == (guint) suggested, 5);
  chosen = suggested == VL_VERDICT_INCONCLUSIVE ? VL_VERDICT_INVALIDATED : VL_VERDICT_INCONCLUSIVE;
  adw_combo_row_set_selected (verdict_row, chosen - 1);
  g_assert_true (press_keys (GTK_WIDGET (window), "key", "ctrl+Return"));
  spin (200);
  g_assert_cmpint (vl_record_get_int (item, "status"), ==, VL_STATUS_LAUNCHED);
  gtk_widget_grab_focus (note_row);
  g_assert_true (press_keys (GTK_WIDGET (window), "type", "Too early to tell"));
  WAIT_UNTIL (g_str_equal (gtk_editable_get_text (GTK_EDITABLE (note_row)), "Too early to tell"), 5);
  g_assert_true (press_keys (GTK_WIDGET (window), "key", "ctrl+Return"));
  WAIT_UNTIL (vl_record_get_int (item, "status") == VL_STATUS_REVIEWED, 5);
  g_assert_cmpint (vl_record_get_int (item, "verdict"), ==, chosen);
  g_assert_cmpstr (vl_record_get_string (item, "review-note"), ==, "Too early to tell");
  WAIT_UNTIL (vl_value_page_get_overdue (page) == overdue - 1, 5);

  /* A follow-up demand, with the metric carried on. */
  g_assert_true (press_keys (GTK_WIDGET (window), "key", "ctrl+shift+n"));
  follow_title = g_strdup_printf ("Follow-up: %s", vl_record_get_title (item));
  WAIT_UNTIL ((follow = vl_document_find (doc, VL_KIND_ITEM, follow_title)) != NULL, 5);
  g_assert_cmpstr (vl_record_get_string (follow, "metric"), ==, vl_record_get_string (item, "metric"));
  g_assert_cmpfloat (vl_record_get_number (follow, "baseline"), ==, 2.31);

  /* In the shared file. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM item WHERE id = %" G_GINT64_FORMAT
                                            " AND status = 5 AND review_note = 'Too early to tell'",
                                            vl_record_get_rowid (item));
    g_autofree char *readings_sql = g_strdup_printf ("SELECT count(*) FROM reading WHERE item = %" G_GINT64_FORMAT
                                                     " AND value = 2.31", vl_record_get_rowid (item));

    g_assert_cmpint (vl_test_query_int (file, sql), ==, 1);
    g_assert_cmpint (vl_test_query_int (file, readings_sql), ==, 1);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

static GtkStack *
find_sections (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "loops") != NULL)
    return GTK_STACK (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found = find_sections (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The last row titled @title: a new loop is listed last. */
static GtkWidget *
find_last_row (GtkWidget  *widget,
               GType       type,
               const char *title)
{
  GtkWidget *last = NULL;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    last = widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_last_row (child, type, title);

      if (found != NULL)
        last = found;
    }
  return last;
}

/* A new value loop, its metric typed in place, then deleted and undone. */
/* The last button labelled @label (a new loop's group is listed last). */
static GtkWidget *
find_last_button (GtkWidget  *widget,
                  const char *label)
{
  GtkWidget *found = GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0
                     ? widget : NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *last = find_last_button (child, label);

      if (last != NULL)
        found = last;
    }
  return found;
}

static GtkWidget *
find_by_tooltip (GtkWidget  *widget,
                 const char *tooltip)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* @file in @window, on the Value page, shown. */
static VlValuePage *
open_value (VlWindow *window,
            GFile    *file)
{
  VlValuePage *page;

  g_assert_true (vl_window_open_file (window, file));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "value"));
  page = VL_VALUE_PAGE (vl_window_get_value_page (window));
  wait_shown (GTK_WIDGET (page));
  return page;
}

static void
test_loops (void)
{
  g_autoptr(GFile) file = sample_file ("ui-value-loops.valueloop");
  VlWindow *window = vl_window_new (NULL);
  VlValuePage *page;
  VlDocument *doc;
  g_autoptr(VlRecord) loop = NULL;
  GtkWidget *metric = NULL, *button = NULL;
  guint loops;

  page = open_value (window, file);
  doc = vl_window_get_document (window);
  gtk_stack_set_visible_child_name (find_sections (GTK_WIDGET (page)), "loops");
  loops = vl_document_count (doc, VL_KIND_VALUE_LOOP);
  /* (A button clicks once realized: wait until the section is on screen,
   * and has settled — the page fills its sections as the plan loads, and a
   * button rebuilt under a press never clicks.) */
  WAIT_UNTIL ((button = find_by_label (GTK_WIDGET (page), _("_New Value Loop"))) != NULL &&
              gtk_widget_get_mapped (button), 10);
  spin (500);
  WAIT_UNTIL ((button = find_by_label (GTK_WIDGET (page), _("_New Value Loop"))) != NULL &&
              gtk_widget_get_mapped (button), 10);
  g_assert_true (gtk_widget_activate (button));
  WAIT_UNTIL (vl_document_count (doc, VL_KIND_VALUE_LOOP) == loops + 1, 10);   /* a button clicks when released */
  loop = vl_document_find (doc, VL_KIND_VALUE_LOOP, "New value loop");
  g_assert_nonnull (loop);

  /* The new loop's rows, listed last, once the page has followed. */
  WAIT_UNTIL ((metric = find_last_row (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW, _("Metric"))) != NULL &&
              gtk_widget_get_mapped (metric) && *gtk_editable_get_text (GTK_EDITABLE (metric)) == '\0', 5);
  g_assert_true (gtk_widget_grab_focus (metric));
  g_assert_true (press_keys (GTK_WIDGET (window), "type", "Orders per week"));
  WAIT_UNTIL (g_str_equal (gtk_editable_get_text (GTK_EDITABLE (metric)), "Orders per week"), 5);
  g_assert_true (press_keys (GTK_WIDGET (window), "key", "Return"));
  WAIT_UNTIL (g_str_equal (vl_record_get_string (loop, "metric"), "Orders per week"), 5);

  /* Add Items…: a demand found by searching joins the loop; its row in
   * the loop's list takes it out again. */
  {
    g_autoptr(VlRecord) item = vl_document_find (doc, VL_KIND_ITEM, "Saved cards at checkout");
    g_autoptr(GListModel) members = vl_document_list (doc, VL_KIND_ITEM, "value-loop", loop);
    VlRecordChooser *chooser = NULL;
    GtkWidget *remove;
    g_autofree char *said = g_strdup_printf ("Take “%s” Out of the Loop", vl_record_get_title (item));

    WAIT_UNTIL ((button = find_last_button (GTK_WIDGET (page), _("_Add Items…"))) != NULL &&
                gtk_widget_get_mapped (button), 10);
    g_assert_true (gtk_widget_activate (button));
    WAIT_UNTIL ((chooser = find_record_chooser ()) != NULL, 20);
    vl_record_chooser_search (chooser, "Saved cards at checkout");
    WAIT_UNTIL (vl_record_chooser_get_n_shown (chooser) >= 1, 5);
    vl_record_chooser_choose (chooser, 0);
    WAIT_UNTIL (g_list_model_get_n_items (members) == 1, 5);
    g_assert_true (vl_record_dup_ref (item, "value-loop") == loop);
    g_object_unref (loop);   /* (the ref dup_ref took) */
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (find_last_row (GTK_WIDGET (page), ADW_TYPE_EXPANDER_ROW,
                                                                    _("Items"))), TRUE);
    WAIT_UNTIL ((remove = find_by_tooltip (GTK_WIDGET (page), said)) != NULL && gtk_widget_get_mapped (remove), 5);
    g_assert_true (gtk_widget_activate (remove));
    WAIT_UNTIL (g_list_model_get_n_items (members) == 0, 5);
    g_assert_null (vl_record_get_ref_id (item, "value-loop") != 0 ? item : NULL);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "value.delete-loop", "x", vl_record_get_rowid (loop)));
  g_assert_cmpuint (vl_document_count (doc, VL_KIND_VALUE_LOOP), ==, loops);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (vl_document_count (doc, VL_KIND_VALUE_LOOP), ==, loops + 1);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

/* The spin buttons inside @widget, in the order shown. */
static void
collect_spins (GtkWidget *widget,
               GPtrArray *spins)
{
  if (GTK_IS_SPIN_BUTTON (widget))
    g_ptr_array_add (spins, widget);
  for (GtkWidget *w = gtk_widget_get_first_child (widget); w != NULL; w = gtk_widget_get_next_sibling (w))
    collect_spins (w, spins);
}

/* The spin buttons of a settings dialog, in the order shown. */
static GPtrArray *
dialog_spins (AdwMessageDialog *dialog)
{
  GPtrArray *spins = g_ptr_array_new ();

  collect_spins (adw_message_dialog_get_extra_child (dialog), spins);
  return spins;
}

/* An error dialog over the window: its heading, then closed. */
static char *
take_error (void)
{
  AdwMessageDialog *error = NULL;
  char *said;

  WAIT_UNTIL ((error = find_dialog_with ("close")) != NULL, 5);
  said = g_strdup_printf ("%s: %s", adw_message_dialog_get_heading (error), adw_message_dialog_get_body (error));
  adw_message_dialog_response (error, "close");
  gtk_window_destroy (GTK_WINDOW (error));
  return said;
}

/* A reading on an impossible day is refused with a dialog that says why,
 * and nothing is written; the portfolio's target shares and the verdict's
 * rule are set in their dialogs, and a rule that cannot be is refused. */
static void
test_settings_and_refusals (void)
{
  g_autoptr(GFile) file = sample_file ("ui-value-settings.valueloop");
  VlWindow *window = vl_window_new (NULL);
  VlValuePage *page;
  VlDocument *doc;
  AdwMessageDialog *dialog = NULL;
  g_autoptr(GPtrArray) readings = NULL, spins = NULL;
  g_autofree char *said = NULL;
  g_autoptr(VlRecord) item = NULL;
  double validated, invalidated;
  guint n_readings;

  page = open_value (window, file);
  doc = vl_window_get_document (window);
  item = first_overdue (doc);
  WAIT_UNTIL (shows_label (GTK_WIDGET (page), vl_record_get_title (item)), 5);

  /* 30 February. */
  readings = vl_item_dup_readings (item);
  n_readings = readings->len;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "value.add-reading", NULL));
  WAIT_UNTIL ((dialog = find_dialog_with ("add")) != NULL, 5);
  gtk_editable_set_text (GTK_EDITABLE (find_by_id (GTK_WIDGET (dialog), "value_entry")), "2,5");
  gtk_editable_set_text (GTK_EDITABLE (find_by_id (GTK_WIDGET (dialog), "date_entry")), "2026-02-30");
  adw_message_dialog_response (dialog, "add");
  gtk_window_destroy (GTK_WINDOW (dialog));
  said = take_error ();
  g_assert_cmpstr (said, ==, "Could Not Add the Reading: “2026-02-30” is not a date: write it as YYYY-MM-DD, "
                             "for example 2026-03-31");
  g_clear_pointer (&readings, g_ptr_array_unref);
  readings = vl_item_dup_readings (item);
  g_assert_cmpuint (readings->len, ==, n_readings);

  /* Target shares: a quarter of the cost on acquisition, none on referral. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "value.set-targets", NULL));
  WAIT_UNTIL ((dialog = find_dialog_with ("apply")) != NULL, 5);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Target Shares of Cost");
  spins = dialog_spins (dialog);
  g_assert_cmpuint (spins->len, ==, 5);
  gtk_spin_button_set_value (spins->pdata[0], 25);
  gtk_spin_button_set_value (spins->pdata[4], 0);
  adw_message_dialog_response (dialog, "apply");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpfloat_with_epsilon (vl_document_get_aarrr_target (doc, VL_AARRR_ACQUISITION), 0.25, 1e-9);
  g_assert_true (isnan (vl_document_get_aarrr_target (doc, VL_AARRR_REFERRAL)));
  g_clear_pointer (&spins, g_ptr_array_unref);

  /* The rule: Invalidated above Validated cannot be, and changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "value.set-rule", NULL));
  WAIT_UNTIL ((dialog = find_dialog_with ("apply")) != NULL, 5);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Suggestion Rule");
  spins = dialog_spins (dialog);
  g_assert_cmpuint (spins->len, ==, 2);
  g_assert_cmpfloat (gtk_spin_button_get_value (spins->pdata[0]), ==, round (VL_VALIDATED_AT * 100));
  gtk_spin_button_set_value (spins->pdata[0], 40);
  gtk_spin_button_set_value (spins->pdata[1], 60);
  adw_message_dialog_response (dialog, "apply");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_pointer (&said, g_free);
  said = take_error ();
  g_assert_true (g_str_has_prefix (said, "Could Not Change the Setting: The invalidated threshold must be below"));
  vl_document_get_verdict_thresholds (doc, &validated, &invalidated);
  g_assert_cmpfloat (validated, ==, VL_VALIDATED_AT);
  g_assert_cmpfloat (invalidated, ==, VL_INVALIDATED_AT);
  g_clear_pointer (&spins, g_ptr_array_unref);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "value.set-rule", NULL));
  WAIT_UNTIL ((dialog = find_dialog_with ("apply")) != NULL, 5);
  spins = dialog_spins (dialog);
  gtk_spin_button_set_value (spins->pdata[0], 90);
  gtk_spin_button_set_value (spins->pdata[1], 15);
  adw_message_dialog_response (dialog, "apply");
  gtk_window_destroy (GTK_WINDOW (dialog));
  vl_document_get_verdict_thresholds (doc, &validated, &invalidated);
  g_assert_cmpfloat_with_epsilon (validated, 0.90, 1e-9);
  g_assert_cmpfloat_with_epsilon (invalidated, 0.15, 1e-9);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  vl_document_get_verdict_thresholds (doc, &validated, &invalidated);
  g_assert_cmpfloat (validated, ==, VL_VALIDATED_AT);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

/* Every key of the Value page is in the shortcuts window's Value group,
 * and every key listed there does something. */
static void
test_shortcuts_listed (void)
{
  VlWindow *window = vl_window_new (NULL);
  GtkWidget *widgets[] = { vl_window_get_value_page (window), NULL };

  g_assert_cmpuint (assert_shortcuts_listed (widgets, "Value"), >=, 3);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  int status;

  if (!vl_ui_test_init (&argc, &argv))
    return 0;
  g_test_add_func ("/ui/value/review-from-keyboard", test_review_from_keyboard);
  g_test_add_func ("/ui/value/loops", test_loops);
  g_test_add_func ("/ui/value/settings-and-refusals", test_settings_and_refusals);
  g_test_add_func ("/ui/value/shortcuts-listed", test_shortcuts_listed);
  status = g_test_run ();
  vl_test_dir_cleanup ();
  return status;
}
