/* vl-actions.c — a widget's actions and their keys, declared in one table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "vl-actions.h"

/**
 * vl_widget_class_add_actions:
 *
 * Installs the actions of @entries on @widget_class and binds their keys
 * (those marked %VL_ACTION_MENU are left to vl_actions_set_accels(), those
 * marked %VL_ACTION_FOCUS to vl_actions_add_focus_keys()). An entry with
 * the name of the one before it only adds a key.
 */
void
vl_widget_class_add_actions (GtkWidgetClass      *widget_class,
                             const VlActionEntry *entries,
                             guint                n_entries)
{
  for (guint i = 0; i < n_entries; i++)
    {
      const VlActionEntry *e = &entries[i];
      guint key = 0;
      GdkModifierType mods = 0;

      /* (An entry without a function or property of its own binds a key to
       * an action the class inherits, such as GtkWindow's window.close.) */
      if ((i == 0 || !g_str_equal (e->name, entries[i - 1].name)) &&
          (e->activate != NULL || e->property != NULL))
        {
          if (e->property != NULL)
            gtk_widget_class_install_property_action (widget_class, e->name, e->property);
          else
            gtk_widget_class_install_action (widget_class, e->name, e->type, e->activate);
        }
      if (e->accel == NULL || (e->flags & (VL_ACTION_MENU | VL_ACTION_FOCUS)) != 0)
        continue;
      if (!gtk_accelerator_parse (e->accel, &key, &mods))
        g_error ("%s: “%s” is not a key", e->name, e->accel);
      if (e->format == NULL)
        gtk_widget_class_add_binding_action (widget_class, key, mods, e->name, NULL);
      else if (g_str_equal (e->format, "s"))
        gtk_widget_class_add_binding_action (widget_class, key, mods, e->name, e->format, e->sarg);
      else
        gtk_widget_class_add_binding_action (widget_class, key, mods, e->name, e->format,
                                             e->arg1, e->arg2);
    }
}

/**
 * vl_actions_set_accels:
 *
 * Makes the keys of the entries marked %VL_ACTION_MENU application
 * accelerators, so menus show them next to the action.
 */
void
vl_actions_set_accels (GtkApplication      *app,
                       const VlActionEntry *entries,
                       guint                n_entries)
{
  for (guint i = 0; i < n_entries; i++)
    {
      g_autoptr(GPtrArray) accels = NULL;

      if ((entries[i].flags & VL_ACTION_MENU) == 0 ||
          (i > 0 && g_str_equal (entries[i].name, entries[i - 1].name)))
        continue;
      accels = g_ptr_array_new ();
      for (guint j = i; j < n_entries && g_str_equal (entries[j].name, entries[i].name); j++)
        if (entries[j].accel != NULL && (entries[j].flags & VL_ACTION_MENU) != 0)
          g_ptr_array_add (accels, (gpointer) entries[j].accel);
      g_ptr_array_add (accels, NULL);
      gtk_application_set_accels_for_action (app, entries[i].name, (const char *const *) accels->pdata);
    }
}

static gboolean
focus_key_cb (GtkWidget *widget,
              GVariant  *args,
              gpointer   name)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && GTK_IS_TEXT (focus))
    return FALSE;   /* typing in a text field */
  return gtk_widget_activate_action (widget, name, NULL);
}

/**
 * vl_actions_add_focus_keys:
 *
 * Binds the keys of the entries marked %VL_ACTION_FOCUS on @widget, a list
 * (an outline's Tab, Return, Left and Right): they act before the list's
 * own keys, and not while a text field inside it has the focus.
 */
void
vl_actions_add_focus_keys (GtkWidget           *widget,
                           const VlActionEntry *entries,
                           guint                n_entries)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_name (controller, "vl-focus-keys");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < n_entries; i++)
    {
      guint key = 0;
      GdkModifierType mods = 0;

      if ((entries[i].flags & VL_ACTION_FOCUS) == 0 || entries[i].accel == NULL)
        continue;
      if (!gtk_accelerator_parse (entries[i].accel, &key, &mods))
        g_error ("%s: “%s” is not a key", entries[i].name, entries[i].accel);
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                            gtk_shortcut_new (gtk_keyval_trigger_new (key, mods),
                                                              gtk_callback_action_new (focus_key_cb,
                                                                                       (gpointer) entries[i].name,
                                                                                       NULL)));
    }
  gtk_widget_add_controller (widget, controller);
}
