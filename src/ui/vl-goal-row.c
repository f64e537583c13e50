/* vl-goal-row.c — one row of the OKR outline
 *
 * An objective, a key result or a linked backlog item: what it is (level,
 * "Key Result", or the item's status, with a P1 demand's risk), its title,
 * "Check-in due", its owner, the confidence light, progress and score. A
 * row stays a few light widgets, made in code: a list binds 200 of them
 * when the rows on screen change. Editing a title puts a text field in
 * place of the label, made for the edit only; Enter or leaving the field
 * writes the title, Escape leaves it as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-goal-row"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vl-goal-panel.h"
#include "vl-goal-row.h"
#include "vl-labels.h"
#include "vl-value.h"

struct _VlGoalRow
{
  GtkWidget  parent_instance;

  GtkWidget *tag, *title, *due, *owner, *confidence, *progress, *percent, *score;
  GtkWidget *text;    /* the title's field, while editing */
  VlRecord  *record;  /* the row's, while bound (held: rows do not keep their items) */
};

G_DEFINE_FINAL_TYPE (VlGoalRow, vl_goal_row, GTK_TYPE_WIDGET)

static void
set_confidence_class (GtkWidget *label,
                      double     confidence)
{
  static const char *const classes[] = { NULL, "error", "warning", "success" };
  VlConfidence level = vl_okr_confidence_level (confidence);

  for (guint i = 1; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (label, classes[i]);
  gtk_widget_set_visible (label, level != VL_CONFIDENCE_NONE);
  if (level != VL_CONFIDENCE_NONE)
    {
      g_autofree char *tip = g_strdup_printf (_("Confidence %.1f"), confidence);

      gtk_widget_add_css_class (label, classes[level]);
      gtk_widget_set_tooltip_text (label, tip);
    }
}

/**
 * vl_goal_row_update:
 * @stats: (nullable): the record's numbers (vl_okr_summarize()); %NULL for
 *   an item, or a row the numbers do not know yet
 *
 * Shows the record again.
 */
void
vl_goal_row_update (VlGoalRow        *self,
                    const VlOkrStats *stats)
{
  static const VlOkrStats none = { NAN, NAN, NAN, FALSE, FALSE, 0 };
  VlRecord *r = self->record;
  const VlOkrStats *st = stats != NULL ? stats : &none;
  g_autofree char *percent = NULL, *score_text = NULL, *p1_tag = NULL;
  const char *tag, *p1_class = NULL;

  g_return_if_fail (VL_IS_GOAL_ROW (self));
  if (r == NULL)
    return;
  if (VL_IS_OBJECTIVE (r))
    tag = vl_enum_label ("level", (int) vl_record_get_int (r, "level"));
  else if (VL_IS_KEY_RESULT (r))
    tag = _("Key Result");
  else
    tag = vl_enum_label ("status", (int) vl_record_get_int (r, "status"));

  /* A P1 demand at risk or late says so beside its status (DESIGN §11). */
  if (VL_IS_ITEM (r) && vl_record_get_int (r, "p1"))
    {
      g_autoptr(GDate) today = vl_okr_today ();
      VlP1State state = vl_item_get_p1_state (r, today);

      p1_tag = g_strdup_printf ("%s · %s", tag, vl_p1_state_tag (state));
      tag = p1_tag;
      p1_class = state == VL_P1_LATE ? "error" : state == VL_P1_AT_RISK ? "warning" : NULL;
    }
  gtk_widget_remove_css_class (self->tag, "error");
  gtk_widget_remove_css_class (self->tag, "warning");
  if (p1_class != NULL)
    gtk_widget_add_css_class (self->tag, p1_class);
  gtk_label_set_text (GTK_LABEL (self->tag), tag);
  gtk_label_set_text (GTK_LABEL (self->title), vl_record_get_title (r));
  gtk_label_set_text (GTK_LABEL (self->owner), vl_record_get_string (r, "owner"));
  gtk_widget_set_visible (self->due, st->due);
  /* An objective's light is its weakest key result's latest confidence. */
  set_confidence_class (self->confidence, st->confidence);
  gtk_widget_set_visible (self->progress, !isnan (st->progress));
  gtk_widget_set_visible (self->percent, !VL_IS_ITEM (r));
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress), isnan (st->progress) ? 0 : st->progress);
  percent = vl_goal_format_percent (st->progress);
  gtk_label_set_text (GTK_LABEL (self->percent), percent);
  /* The score shows at the end of the cycle, or once given. */
  gtk_widget_set_visible (self->score, !isnan (st->score) || st->ended);
  score_text = isnan (st->score) ? g_strdup (_("Not scored")) : g_strdup_printf (_("Score %.1f"), st->score);
  gtk_label_set_text (GTK_LABEL (self->score), score_text);
}

/* ---- editing the title ------------------------------------------------------ */

void
vl_goal_row_finish_editing (VlGoalRow *self,
                            gboolean   write)
{
  GtkWidget *text = self->text;
  GtkWidget *list;

  g_return_if_fail (VL_IS_GOAL_ROW (self));
  if (text == NULL)
    return;
  self->text = NULL;   /* once: removing the field makes it lose the focus */
  if (write && self->record != NULL && !VL_IS_ITEM (self->record) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (text)), vl_record_get_title (self->record)) != 0)
    g_object_set (self->record, "title", gtk_editable_get_text (GTK_EDITABLE (text)), NULL);
  gtk_widget_set_visible (self->title, TRUE);
  /* Back to the outline, to go on with the keyboard. */
  list = gtk_widget_get_ancestor (text, GTK_TYPE_LIST_VIEW);
  if (list != NULL && gtk_widget_has_focus (text))
    gtk_widget_grab_focus (list);
  gtk_widget_unparent (text);
}

static void
text_activate_cb (VlGoalRow *self)
{
  vl_goal_row_finish_editing (self, TRUE);
}

static gboolean
text_key_cb (GtkEventControllerKey *keys,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             VlGoalRow             *self)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  vl_goal_row_finish_editing (self, FALSE);
  return TRUE;
}

/**
 * vl_goal_row_start_editing:
 * @typed: (nullable): what was typed to start, or %NULL to edit the title
 *   as it is (all of it selected)
 */
void
vl_goal_row_start_editing (VlGoalRow  *self,
                           const char *typed)
{
  GtkEventController *focus, *keys;

  g_return_if_fail (VL_IS_GOAL_ROW (self));
  if (self->text != NULL || self->record == NULL)
    return;
  focus = gtk_event_controller_focus_new ();
  keys = gtk_event_controller_key_new ();
  self->text = gtk_text_new ();
  gtk_widget_set_hexpand (self->text, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->text), typed ? typed : vl_record_get_title (self->record));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title"), -1);
  g_signal_connect_swapped (self->text, "activate", G_CALLBACK (text_activate_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (text_activate_cb), self);
  gtk_widget_add_controller (self->text, focus);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (text_key_cb), self);
  gtk_widget_add_controller (self->text, keys);
  gtk_widget_insert_after (self->text, GTK_WIDGET (self), self->title);
  gtk_widget_set_visible (self->title, FALSE);
  gtk_widget_grab_focus (self->text);
  if (typed != NULL)
    gtk_editable_set_position (GTK_EDITABLE (self->text), -1);
  else
    gtk_editable_select_region (GTK_EDITABLE (self->text), 0, -1);
}

/* ---- GObject ------------------------------------------------------------------ */

VlRecord *
vl_goal_row_get_record (VlGoalRow *self)
{
  g_return_val_if_fail (VL_IS_GOAL_ROW (self), NULL);
  return self->record;
}

/* The record shown (%NULL when unbound: its title, if being edited, is
 * written first). */
void
vl_goal_row_set_record (VlGoalRow *self,
                        VlRecord  *record)
{
  g_return_if_fail (VL_IS_GOAL_ROW (self));
  if (record != self->record)
    vl_goal_row_finish_editing (self, TRUE);
  g_set_object (&self->record, record);
}

static void
vl_goal_row_dispose (GObject *object)
{
  VlGoalRow *self = VL_GOAL_ROW (object);
  GtkWidget *child;

  self->text = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->record);
  G_OBJECT_CLASS (vl_goal_row_parent_class)->dispose (object);
}

static void
vl_goal_row_class_init (VlGoalRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = vl_goal_row_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BOX_LAYOUT);
}

static GtkWidget *
caption (VlGoalRow  *self,
         const char *css)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  gtk_widget_set_parent (label, GTK_WIDGET (self));
  return label;
}

static void
vl_goal_row_init (VlGoalRow *self)
{
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 10);
  self->tag = caption (self, "caption");
  gtk_widget_add_css_class (self->tag, "dim-label");
  gtk_label_set_width_chars (GTK_LABEL (self->tag), 12);
  gtk_label_set_xalign (GTK_LABEL (self->tag), 0);
  self->title = caption (self, NULL);
  gtk_widget_set_hexpand (self->title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->title), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (self->title), 20);
  self->due = caption (self, "warning");
  gtk_widget_add_css_class (self->due, "caption-heading");
  gtk_label_set_text (GTK_LABEL (self->due), _("Check-in due"));
  self->owner = caption (self, "dim-label");
  gtk_label_set_ellipsize (GTK_LABEL (self->owner), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (self->owner), 14);
  gtk_label_set_xalign (GTK_LABEL (self->owner), 0);
  self->confidence = caption (self, NULL);
  gtk_label_set_text (GTK_LABEL (self->confidence), "●");
  self->progress = gtk_progress_bar_new ();
  gtk_widget_set_valign (self->progress, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (self->progress, 90, -1);
  gtk_widget_set_parent (self->progress, GTK_WIDGET (self));
  self->percent = caption (self, "numeric");
  gtk_label_set_width_chars (GTK_LABEL (self->percent), 5);
  gtk_label_set_xalign (GTK_LABEL (self->percent), 1);
  self->score = caption (self, "caption-heading");
  gtk_label_set_width_chars (GTK_LABEL (self->score), 9);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);   /* the title takes the room left */
  gtk_widget_set_margin_top (GTK_WIDGET (self), 3);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 3);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 6);
}

GtkWidget *
vl_goal_row_new (void)
{
  return g_object_new (VL_TYPE_GOAL_ROW, NULL);
}
