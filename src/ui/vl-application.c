/* vl-application.c — one window per plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-application"

#include "config.h"

#include <glib/gi18n.h>

#include "vl-actions.h"
#include "vl-application.h"
#include "vl-window.h"

struct _VlApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (VlApplication, vl_application, ADW_TYPE_APPLICATION)

VlApplication *
vl_application_new (void)
{
  return g_object_new (VL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/valueloop/Valueloop",
                       NULL);
}

static VlWindow *
window_for (VlApplication *self,
            GFile         *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (VL_IS_WINDOW (l->data) && vl_window_shows_file (l->data, file))
      return l->data;
  return NULL;
}

/* A window on the welcome page, if one is open: it takes the next plan. */
static VlWindow *
empty_window (VlApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (VL_IS_WINDOW (l->data) && vl_window_get_document (l->data) == NULL)
      return l->data;
  return NULL;
}

static void
vl_application_activate (GApplication *app)
{
  VlApplication *self = VL_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (vl_window_new (self));
  gtk_window_present (window);
}

static void
vl_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  VlApplication *self = VL_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    vl_application_open_file (self, files[i]);
}

/**
 * vl_application_open_file:
 *
 * Presents the window of @file if it is open, else opens it in the empty
 * window or a new one.
 */
void
vl_application_open_file (VlApplication *self,
                          GFile         *file)
{
  VlWindow *window = window_for (self, file);

  if (window == NULL)
    {
      window = empty_window (self);
      if (window == NULL)
        window = vl_window_new (self);
      /* Shown first, so that an error dialog stands above it. */
      gtk_window_present (GTK_WINDOW (window));
      vl_window_open_file (window, file);
      return;
    }
  gtk_window_present (GTK_WINDOW (window));
}

static void
about_cb (GSimpleAction *action,
          GVariant      *param,
          gpointer       data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (data));
  const char *developers[] = { "The Valueloop developers", NULL };
  GtkWidget *about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                                   "transient-for", parent,
                                   "application-name", _("Valueloop"),
                                   "application-icon", APP_ID,
                                   "version", PACKAGE_VERSION,
                                   "developers", developers,
                                   "license-type", GTK_LICENSE_GPL_3_0,
                                   "comments", _("Run the value loop: OKRs, a ranked backlog, "
                                                 "launches and the review of the value they "
                                                 "delivered."),
                                   NULL);

  gtk_window_present (GTK_WINDOW (about));
}

static void
new_window_cb (GSimpleAction *action,
               GVariant      *param,
               gpointer       data)
{
  gtk_window_present (GTK_WINDOW (vl_window_new (data)));
}

static void
quit_cb (GSimpleAction *action,
         GVariant      *param,
         gpointer       data)
{
  /* Closing each window publishes its plan. */
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (data)));

  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = about_cb },
  { .name = "new-window", .activate = new_window_cb },
  { .name = "quit", .activate = quit_cb },
};

static void
vl_application_startup (GApplication *app)
{
  /* The application's own keys; the window's are in its action table. */
  static const VlActionEntry accels[] = {
    { "app.quit", .accel = "<Control>q", .flags = VL_ACTION_MENU },
    { "app.new-window", .accel = "<Control><Shift>n", .flags = VL_ACTION_MENU },
    { "win.show-help-overlay", .accel = "<Control>question", .flags = VL_ACTION_MENU },
  };

  G_APPLICATION_CLASS (vl_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  vl_actions_set_accels (GTK_APPLICATION (app), accels, G_N_ELEMENTS (accels));
  vl_window_set_accels (GTK_APPLICATION (app));
}

static void
vl_application_class_init (VlApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = vl_application_activate;
  app_class->open = vl_application_open;
  app_class->startup = vl_application_startup;
}

static void
vl_application_init (VlApplication *self)
{
}
