/* vl-actions.h — a widget's actions and their keys, declared in one table
 *
 * Each widget declares its actions once, in a table of VlActionEntry: the
 * action's name (prefixed with the widget's own name: "backlog.new-item",
 * "board.move-left", "win.save"), what it does, and its keys written as in
 * the shortcuts window ("<Control>n"). A second key for the same action is
 * one more entry with the same name right after it; an entry without a
 * function or property binds a key to an inherited action ("window.close").
 * The widget sets which
 * actions are enabled in one update_actions() function of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  VL_ACTION_DEFAULT = 0,
  VL_ACTION_MENU    = 1 << 0, /* its key is an application accelerator, so
                               * menus show it (vl_actions_set_accels()) */
  VL_ACTION_FOCUS   = 1 << 1, /* its key works where a list has the focus,
                               * before the list's own keys, and not while
                               * a text field in it has the focus
                               * (vl_actions_add_focus_keys()) */
} VlActionFlags;

typedef struct
{
  const char                  *name;     /* "prefix.action" */
  GtkWidgetActionActivateFunc  activate; /* NULL for a property action */
  const char                  *type;     /* the parameter type, or NULL */
  const char                  *property; /* a property action: the property it toggles */
  const char                  *accel;    /* "<Control>n", or NULL for no key */
  const char                  *format;   /* the key's parameter ("i", "s", "(ii)"), or NULL */
  int                          arg1;     /* the key's parameter: "i" and "(ii)" */
  int                          arg2;
  const char                  *sarg;     /* the key's parameter: "s" */
  VlActionFlags                flags;
} VlActionEntry;

void vl_widget_class_add_actions (GtkWidgetClass      *widget_class,
                                  const VlActionEntry *entries,
                                  guint                n_entries);
void vl_actions_set_accels       (GtkApplication      *app,
                                  const VlActionEntry *entries,
                                  guint                n_entries);
void vl_actions_add_focus_keys   (GtkWidget           *widget,
                                  const VlActionEntry *entries,
                                  guint                n_entries);

G_END_DECLS
