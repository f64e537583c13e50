/* vl-ui-test.h — what the UI test programs share
 *
 * Each page has its own test program (tests/ui/test-ui-PAGE.c); they open
 * real windows on the Xvfb that build-aux/dev test starts and act through
 * the actions, widgets and real X input a user's would take.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vl-backlog-page.h"
#include "vl-board-page.h"
#include "vl-enums.h"
#include "vl-goal-panel.h"
#include "vl-goals-page.h"
#include "vl-item-panel.h"
#include "vl-item-selection.h"
#include "vl-merge.h"
#include "vl-sample.h"
#include "vl-record-chooser.h"
#include "vl-text-cell.h"
#include "vl-test-util.h"
#include "vl-window.h"

G_BEGIN_DECLS

void spin (guint ms);
/* Runs the main loop until @cond holds, at most @secs seconds. */
#define WAIT_UNTIL(cond, secs)                                                  \
  G_STMT_START {                                                                \
    gint64 end_ = g_get_monotonic_time () + (secs) * G_USEC_PER_SEC;           \
    while (!(cond) && g_get_monotonic_time () < end_)                           \
      spin (20);                                                                \
    g_assert_true (cond);                                                       \
  } G_STMT_END

void wait_shown (GtkWidget *widget);
VlBacklogPage *show_backlog (VlWindow *window);
VlBacklogPage *open_backlog (VlWindow *window, GFile *file);
VlBoardPage *open_board (VlWindow *window, GFile *file);
VlGoalsPage *open_goals (VlWindow *window, GFile *file);
GFile *sample_file (const char *name);
const char *title_at (GListModel *items, guint position);
void select_only (VlBacklogPage *page, guint position);
GtkWidget *find_by_label (GtkWidget *widget, const char *label);
AdwMessageDialog *find_dialog_with (const char *response);
GtkWidget *find_row (GtkWidget *widget, GType type, const char *title);
GtkWidget *find_by_id (GtkWidget *widget, const char *id);
GtkWidget *find_by_type (GtkWidget *widget, GType type);
const char *label_text (GtkWidget *widget);
double cell_y (GtkWidget *widget, GtkWidget *window, const char *text);
gboolean run_xdotool (GtkWidget *window, const char *args);
gboolean pointer_drag (GtkWidget *window, double x0, double y0, double x1, double y1);
gboolean label_point (GtkWidget *widget, GtkWidget *window, const char *text, double *x, double *y);
void wait_label_settled (GtkWidget *window, const char *text);
gboolean press_keys (GtkWidget *window, const char *verb, const char *keys);
VlRecordChooser *find_record_chooser (void);
guint assert_shortcuts_listed (GtkWidget **widgets, const char *group);
guint assert_keys_listed (GtkWidget **widgets, const char *const *groups, gboolean focus_keys);
guint assert_names_listed (const char *const *names, const char *group);

/* Every program: the tests' private data folder, GTK and libadwaita;
 * FALSE (after printing why) when there is no display. */
gboolean vl_ui_test_init (int *argc, char ***argv);

G_END_DECLS
