/* vl-ui-test.c — helpers of the UI test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/wait.h>

#include "vl-record-chooser.h"
#include "vl-ui-test.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

char *vl_test_dir_path;

void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

/* Shown on screen: mapped and laid out with a width. */
void
wait_shown (GtkWidget *widget)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while ((!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) == 0) &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_cmpint (gtk_widget_get_width (widget), >, 0);
}

/* Opens @file in @window on the backlog page (the last page, from
 * GSettings, may be another), shown and laid out. */
VlBacklogPage *
show_backlog (VlWindow *window)
{
  VlBacklogPage *page;

  gtk_window_present (GTK_WINDOW (window));
  vl_window_show_page (window, "backlog");
  page = VL_BACKLOG_PAGE (vl_window_get_backlog_page (window));
  wait_shown (GTK_WIDGET (page));
  return page;
}

VlBacklogPage *
open_backlog (VlWindow *window,
              GFile    *file)
{
  g_assert_true (vl_window_open_file (window, file));
  return show_backlog (window);
}

VlBoardPage *
open_board (VlWindow *window,
            GFile    *file)
{
  GtkWidget *board;

  g_assert_true (vl_window_open_file (window, file));
  gtk_window_present (GTK_WINDOW (window));
  vl_window_show_page (window, "board");
  board = vl_window_get_board_page (window);
  wait_shown (board);
  return VL_BOARD_PAGE (board);
}

/* ---- Goals ---------------------------------------------------------------------- */

VlGoalsPage *
open_goals (VlWindow *window,
            GFile    *file)
{
  GtkWidget *page;

  g_assert_true (vl_window_open_file (window, file));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "goals"));
  page = vl_window_get_goals_page (window);
  wait_shown (page);
  return VL_GOALS_PAGE (page);
}

GFile *
sample_file (const char *name)
{
  g_autoptr(GError) error = NULL;
  GFile *file = vl_test_file (name);
  g_autoptr(VlDocument) doc = vl_document_create (file, "", &error);

  g_assert_true (vl_sample_fill (doc, &error));
  g_assert_true (vl_document_publish (doc, &error));
  return file;
}

/* The title shown at @position, or NULL past the end. */
const char *
title_at (GListModel *items, guint position)
{
  g_autoptr(VlRecord) r = g_list_model_get_item (items, position);

  return r != NULL ? vl_record_get_title (r) : NULL;
}

void
select_only (VlBacklogPage *page, guint position)
{
  gtk_selection_model_select_item (vl_backlog_page_get_selection (page), position, TRUE);
}

/* The button whose label is @label. */
GtkWidget *
find_by_label (GtkWidget *widget, const char *label)
{
  if ((GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0) ||
      (GTK_IS_MENU_BUTTON (widget) && g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), label) == 0))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_label (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first row of @type (a libadwaita preferences row) titled @title. */
GtkWidget *
find_row (GtkWidget  *widget,
          GType       type,
          const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The widget inside @widget that its template or .ui calls @id. */
GtkWidget *
find_by_id (GtkWidget  *widget,
            const char *id)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_id (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first widget of @type inside @widget (or @widget itself). */
GtkWidget *
find_by_type (GtkWidget *widget,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

AdwMessageDialog *
find_dialog_with (const char *response)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (w), response))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

/* The text a label or a table cell shows, or NULL. */
const char *
label_text (GtkWidget *widget)
{
  return GTK_IS_LABEL (widget)      ? gtk_label_get_text (GTK_LABEL (widget))
         : VL_IS_TEXT_CELL (widget) ? vl_text_cell_get_text (VL_TEXT_CELL (widget))
                                    : NULL;
}

/* The y of the mapped cell showing @text, in @window's coordinates, or
 * -1 when no such cell is on screen. */
double
cell_y (GtkWidget *widget, GtkWidget *window, const char *text)
{
  const char *shown = GTK_IS_EDITABLE (widget) ? gtk_editable_get_text (GTK_EDITABLE (widget)) : label_text (widget);
  double x, y;

  if (g_strcmp0 (shown, text) == 0 && gtk_widget_get_mapped (widget) &&
      gtk_widget_translate_coordinates (widget, window, 0, 0, &x, &y))
    return y;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      y = cell_y (child, window, text);
      if (y >= 0)
        return y;
    }
  return -1;
}

/* Runs xdotool with @args, where WIN stands for @window's X id, the main
 * loop running: real input from the X server (XTest), as a user's. FALSE
 * when that cannot be done here (the test is then skipped, saying why). */
gboolean
run_xdotool (GtkWidget  *window,
             const char *args)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *win = NULL, *joined = NULL, *command = NULL;
  g_auto(GStrv) parts = NULL, argv = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  GPid pid;

  if (!GDK_IS_X11_SURFACE (surface) || xdotool == NULL)
    {
      g_test_skip (xdotool == NULL ? "xdotool is not installed (build-aux/dev test installs it)"
                                   : "not an X11 display");
      return FALSE;
    }
  win = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  parts = g_strsplit (args, "WIN", -1);
  joined = g_strjoinv (win, parts);
  command = g_strdup_printf ("%s %s", xdotool, joined);
  g_assert_true (g_shell_parse_argv (command, NULL, &argv, &error));
  g_assert_true (g_spawn_async (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error));
  while (waitpid (pid, &status, WNOHANG) == 0)
    spin (20);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  spin (250);
  return TRUE;
#else
  g_test_skip ("GTK was built without X11");
  return FALSE;
#endif
}

/* The X server's pointer drags from one point of @window to another. */
gboolean
pointer_drag (GtkWidget *window, double x0, double y0, double x1, double y1)
{
  g_autofree char *args = NULL;
  double sx, sy;

  gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
  /* Pauses long enough for a slow build (ASan) to start the drag and
   * take the target before the button comes up. */
  args = g_strdup_printf ("mousemove --window WIN %d %d mousedown 1 sleep 0.4 "
                          "mousemove --window WIN %d %d sleep 0.4 mousemove --window WIN %d %d sleep 0.4 "
                          "mousemove --window WIN %d %d sleep 0.6 mouseup 1",
                          (int) (sx + x0), (int) (sy + y0), (int) (sx + x0), (int) (sy + y0 + 12),
                          (int) (sx + (x0 + x1) / 2), (int) (sy + (y0 + y1) / 2), (int) (sx + x1), (int) (sy + y1));
  if (!run_xdotool (window, args))
    return FALSE;
  spin (50);
  return TRUE;
}

/* The point of the mapped label showing @text, in @window's coordinates. */
gboolean
label_point (GtkWidget *widget, GtkWidget *window, const char *text, double *x, double *y)
{
  if (g_strcmp0 (label_text (widget), text) == 0 && gtk_widget_get_mapped (widget))
    return gtk_widget_translate_coordinates (widget, window, 0, 0, x, y);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_point (child, window, text, x, y))
      return TRUE;
  return FALSE;
}

/* Real keys from the X server into @window: the path a keyboard user's
 * presses take. @verb is "key" (key names) or "type" (text). */
gboolean
press_keys (GtkWidget  *window,
            const char *verb,
            const char *keys)
{
  g_autofree char *quoted = g_str_equal (verb, "type") ? g_shell_quote (keys) : g_strdup (keys);
  g_autofree char *args = g_strdup_printf ("windowfocus --sync WIN %s --delay 60 %s", verb, quoted);

  return run_xdotool (window, args);
}

gboolean
vl_ui_test_init (int    *argc,
                 char ***argv)
{
  g_test_init (argc, argv, NULL);
  vl_test_dir ();  /* private XDG_DATA_HOME before GTK reads it */
  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display: run the UI tests with build-aux/dev test (it starts Xvfb)\n");
      return FALSE;
    }
  adw_init ();
  return TRUE;
}

/* Waits until the label showing @text is on screen and stays where it is
 * for 200 ms (rows settle after a page loads), at most 10 s. */
void
wait_label_settled (GtkWidget  *window,
                    const char *text)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  double x = -1, y = -1, nx, ny;
  guint same = 0;

  while (same < 2 && g_get_monotonic_time () < end)
    {
      spin (100);
      if (label_point (window, window, text, &nx, &ny) && nx == x && ny == y)
        same++;
      else
        same = 0;
      x = nx;
      y = ny;
    }
  g_assert_cmpuint (same, ==, 2);
}

/* The record chooser on screen (a search for an item or a key result). */
VlRecordChooser *
find_record_chooser (void)
{
  GListModel *windows = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (windows, i);

      if (VL_IS_RECORD_CHOOSER (w) && gtk_widget_get_mapped (GTK_WIDGET (w)))
        return VL_RECORD_CHOOSER (w);
    }
  return NULL;
}

/* ---- the shortcuts window ---------------------------------------------------------- */

/* Keys that are aliases of one shown in the shortcuts window. */
static void
canonical_key (guint           *keyval,
               GdkModifierType *mods)
{
  switch (*keyval)
    {
    case GDK_KEY_KP_Enter: *keyval = GDK_KEY_Return; break;
    case GDK_KEY_ISO_Left_Tab: *keyval = GDK_KEY_Tab; break;
    case GDK_KEY_KP_Add: case GDK_KEY_equal: *keyval = GDK_KEY_plus; break;
    case GDK_KEY_KP_Subtract: *keyval = GDK_KEY_minus; break;
    default: break;
    }
  *mods &= gtk_accelerator_get_default_mod_mask ();
}

static char *
key_name (guint           keyval,
          GdkModifierType mods)
{
  canonical_key (&keyval, &mods);
  return gtk_accelerator_name (keyval, mods);
}

/* Every key bound on @widget (its class's shortcut controller and its
 * own), and the focus keys (vl_actions_add_focus_keys()) of the widgets
 * inside it. */
static void
collect_bindings (GtkWidget  *widget,
                  GHashTable *keys,
                  GHashTable *mnemonics,
                  gboolean    all,
                  gboolean    descend)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  /* A label's mnemonic (Alt+S of "_Swimlanes") may be listed too. */
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)) &&
      gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)) != GDK_KEY_VoidSymbol)
    g_hash_table_add (mnemonics, key_name (gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget))),
                                           GDK_ALT_MASK));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c) ||
          (!all && g_strcmp0 (gtk_event_controller_get_name (GTK_EVENT_CONTROLLER (c)), "vl-focus-keys") != 0))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (c), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger))
            g_hash_table_add (keys, key_name (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))));
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); descend && child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_bindings (child, keys, mnemonics, FALSE, TRUE);
}

/* The accelerators the shortcuts window lists in its @groups, and the
 * actions it lists by name (their keys are the application's). */
static void
collect_listed (const char *const *groups,
                GHashTable        *keys,
                GHashTable        *actions)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/valueloop/Valueloop/gtk/help-overlay.ui");
  GtkWidget *overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, overlay);
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);
      g_autofree char *group = NULL;

      if (GTK_IS_SHORTCUTS_GROUP (w))
        g_object_get (w, "title", &group, NULL);
      if (group != NULL && g_strv_contains (groups, group))
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
          {
            g_autofree char *accel = NULL, *action = NULL;
            g_auto(GStrv) parts = NULL;

            if (!GTK_IS_SHORTCUTS_SHORTCUT (c))
              continue;
            g_object_get (c, "accelerator", &accel, "action-name", &action, NULL);
            if (action != NULL)
              g_hash_table_add (actions, g_steal_pointer (&action));
            parts = g_strsplit (accel != NULL ? accel : "", " ", -1);
            for (guint k = 0; parts[k] != NULL; k++)
              {
                guint keyval;
                GdkModifierType mods;

                if (*parts[k] == '\0')
                  continue;
                g_assert_true (gtk_accelerator_parse (parts[k], &keyval, &mods));
                g_hash_table_add (keys, key_name (keyval, mods));
              }
          }
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static gboolean
class_has_action (GtkWidget  *widget,
                  const char *name)
{
  const char *action, *property;
  const GVariantType *type;
  GType owner;

  for (guint i = 0; gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (widget), i, &owner, &action,
                                                   &type, &property); i++)
    if (g_str_equal (action, name))
      return TRUE;
  return FALSE;
}

/* Every key bound on @widgets (their classes' shortcut controllers, and
 * with @focus_keys the focus keys of the widgets inside them) is in the
 * shortcuts window's @groups, every key listed there is bound on one of
 * them (or, with @focus_keys, is a mnemonic of a label inside them), and every action listed by name is one of theirs (or the
 * application's). Returns how many keys are bound. */
guint
assert_keys_listed (GtkWidget         **widgets,
                    const char *const  *groups,
                    gboolean            focus_keys)
{
  g_autoptr(GHashTable) bound = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) actions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) mnemonics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *names = g_strjoinv (", ", (char **) groups);
  GHashTableIter iter;
  const char *key;

  for (guint i = 0; widgets[i] != NULL; i++)
    {
      collect_bindings (widgets[i], bound, mnemonics, TRUE, focus_keys);
      if (GTK_IS_WINDOW (widgets[i]))
        {
          /* Not the keys every window has (the inspector's). */
          g_autoptr(GHashTable) inherited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          GtkWidget *plain = g_object_new (g_type_parent (G_OBJECT_TYPE (widgets[i])), NULL);

          collect_bindings (plain, inherited, mnemonics, TRUE, FALSE);
          g_hash_table_iter_init (&iter, inherited);
          while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
            g_hash_table_remove (bound, key);
          gtk_window_destroy (GTK_WINDOW (plain));
        }
    }
  collect_listed (groups, listed, actions);
  g_hash_table_iter_init (&iter, bound);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    if (!g_hash_table_contains (listed, key))
      g_error ("%s is bound (%s) but not in the shortcuts window", key, names);
  g_hash_table_iter_init (&iter, listed);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    if (!g_hash_table_contains (bound, key) && !g_hash_table_contains (mnemonics, key))
      g_error ("%s is in the shortcuts window's %s group but bound to nothing there", key, names);
  g_hash_table_iter_init (&iter, actions);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    {
      gboolean found = g_str_has_prefix (key, "app.") || g_str_equal (key, "win.show-help-overlay");

      for (guint i = 0; !found && widgets[i] != NULL; i++)
        found = class_has_action (widgets[i], key);
      if (!found)
        g_error ("the shortcuts window lists %s (%s), an action nobody has", key, names);
    }
  return g_hash_table_size (bound);
}

/* Every key named in @names (accelerator names: a widget that reads its
 * keys in a handler of its own) is in the shortcuts window's @group, and
 * every key listed there is one of them, written the same way (KP_Enter
 * as Return…). Returns how many keys there are. */
guint
assert_names_listed (const char *const *names,
                     const char        *group)
{
  g_autoptr(GHashTable) named = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) actions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *groups[] = { group, NULL };
  GHashTableIter iter;
  const char *key;

  for (guint i = 0; names[i] != NULL; i++)
    {
      guint keyval;
      GdkModifierType mods;

      g_assert_true (gtk_accelerator_parse (names[i], &keyval, &mods));
      g_hash_table_add (named, key_name (keyval, mods));
    }
  collect_listed (groups, listed, actions);
  g_hash_table_iter_init (&iter, named);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    if (!g_hash_table_contains (listed, key))
      g_error ("%s is a key (%s) but not in the shortcuts window", key, group);
  g_hash_table_iter_init (&iter, listed);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    if (!g_hash_table_contains (named, key))
      g_error ("%s is in the shortcuts window's %s group but no key there", key, group);
  return g_hash_table_size (named);
}

/* The same for one page's @group, with its focus keys. */
guint
assert_shortcuts_listed (GtkWidget  **widgets,
                         const char  *group)
{
  const char *groups[] = { group, NULL };

  return assert_keys_listed (widgets, groups, TRUE);
}
