/* vl-reports-page-calendar.c — the Reports page's release calendar
 *
 * A month grid (Monday first) of launches (●), planned launches at the end
 * of the item's iteration (○), value reviews due (◆) and iteration
 * boundaries, with the month's P1 demands and how they stand above the
 * days; a click on an event opens its item.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-reports-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vl-calendar.h"
#include "vl-labels.h"
#include "vl-okr.h"
#include "vl-reports-page-private.h"
#include "vl-value.h"

/* ---- the release calendar ---------------------------------------------------------- */

static GtkWidget *
event_widget (const VlCalendarEvent *event)
{
  static const char *const classes[] = { "calendar-launch", "calendar-planned", "calendar-review",
                                         "calendar-iteration", "calendar-iteration" };
  /* The kind by its mark and colour (the subtitle says which is which), the item by its title. */
  static const char *const marks[] = { "● ", "○ ", "◆ ", "", "" };
  g_autofree char *text = event->kind >= VL_CALENDAR_ITERATION_START ? g_strdup (event->title)
                                                                     : g_strconcat (marks[event->kind], event->name, NULL);
  GtkWidget *label = gtk_label_new (text), *button;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, classes[event->kind]);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_tooltip_text (label, event->title);
  if (event->kind >= VL_CALENDAR_ITERATION_START)
    return label;
  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "calendar-event");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "reports.open-item");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (event->item));
  return button;
}

void
vl_reports_page_fill_calendar (VlReportsPage *self)
{
  GDate first = self->month, last = self->month, start, today_date;
  g_autoptr(GDate) today = vl_okr_today ();
  g_autoptr(GPtrArray) events = NULL;
  GtkWidget *child;
  char text[64];
  guint e = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->month_grid))) != NULL)
    gtk_grid_remove (self->month_grid, child);
  g_date_add_months (&last, 1);
  g_date_subtract_days (&last, 1);
  /* From the Monday of the first week to the Sunday of the last. */
  start = first;
  g_date_subtract_days (&start, g_date_get_weekday (&first) - G_DATE_MONDAY);
  events = vl_calendar_events (self->document, &start, NULL);
  vl_calendar_add_iterations (self->document, events, &start, NULL);
  today_date = *today;
  /* The month's P1 demands, with how they stand, above the days. */
  {
    g_autoptr(GArray) p1 = vl_calendar_p1_items (self->document, &first);
    GtkWidget *row = gtk_flow_box_new ();
    g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "P1 this month: %u demand",
                                                             "P1 this month: %u demands", p1->len), p1->len);
    GtkWidget *label = gtk_label_new (heading);

    gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (row), GTK_SELECTION_NONE);
    gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (row), 8);
    gtk_widget_add_css_class (label, "heading");
    gtk_flow_box_append (GTK_FLOW_BOX (row), label);
    for (guint i = 0; i < p1->len; i++)
      {
        g_autoptr(VlRecord) item = vl_document_lookup (self->document, VL_KIND_ITEM, g_array_index (p1, gint64, i));
        VlCalendarEvent event = { VL_CALENDAR_LAUNCH, g_array_index (p1, gint64, i), first, NULL, NULL, NULL, NULL };
        VlP1State state;
        GtkWidget *button;

        if (item == NULL)
          continue;
        state = vl_item_get_p1_state (item, today);
        event.name = (char *) vl_record_get_title (item);
        event.title = g_strdup_printf ("%s · %s", vl_record_get_title (item), vl_p1_state_tag (state));
        button = event_widget (&event);
        gtk_label_set_text (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), event.title);
        gtk_widget_set_tooltip_text (button, vl_p1_state_label (state));
        gtk_widget_remove_css_class (gtk_button_get_child (GTK_BUTTON (button)), "calendar-launch");
        if (state == VL_P1_AT_RISK || state == VL_P1_LATE)
          gtk_widget_add_css_class (gtk_button_get_child (GTK_BUTTON (button)), "error");
        gtk_flow_box_append (GTK_FLOW_BOX (row), button);
        g_free (event.title);
      }
    gtk_grid_attach (self->month_grid, row, 0, 0, 7, 1);
  }
  for (int wd = 0; wd < 7; wd++)
    {
      GDate day = start;
      GtkWidget *label;

      g_date_add_days (&day, wd);
      g_date_strftime (text, sizeof text, "%a", &day);
      label = gtk_label_new (text);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (self->month_grid, label, wd, 1, 1, 1);
    }
  for (int cell = 0; cell < 42; cell++)
    {
      GDate day = start;
      GtkWidget *box, *number;
      guint shown = 0, more = 0;

      g_date_add_days (&day, cell);
      if (cell % 7 == 0 && g_date_compare (&day, &last) > 0)
        break;
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      g_snprintf (text, sizeof text, "%d", g_date_get_day (&day));
      number = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (number), 0);
      gtk_widget_add_css_class (number, "heading");
      gtk_box_append (GTK_BOX (box), number);
      gtk_widget_add_css_class (box, "calendar-day");
      if (g_date_get_month (&day) != g_date_get_month (&first))
        gtk_widget_add_css_class (box, "calendar-other-month");
      if (g_date_compare (&day, &today_date) == 0)
        gtk_widget_add_css_class (box, "calendar-today");
      while (e < events->len && g_date_compare (&((VlCalendarEvent *) events->pdata[e])->day, &day) < 0)
        e++;
      for (; e < events->len && g_date_compare (&((VlCalendarEvent *) events->pdata[e])->day, &day) == 0; e++)
        if (shown < 4)
          {
            gtk_box_append (GTK_BOX (box), event_widget (events->pdata[e]));
            shown++;
          }
        else
          more++;
      if (more > 0)
        {
          g_autofree char *said = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more", "%u more", more), more);
          GtkWidget *label = gtk_label_new (said);

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_widget_add_css_class (label, "caption");
          gtk_widget_add_css_class (label, "dim-label");
          gtk_box_append (GTK_BOX (box), label);
        }
      gtk_grid_attach (self->month_grid, box, cell % 7, 2 + cell / 7, 1, 1);
    }
}

