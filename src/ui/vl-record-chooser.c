/* vl-record-chooser.c — a search over backlog items or key results
 *
 * Items are searched through the core's search index (fast on 100,000
 * items); key results, which are few, by their titles. The first matches
 * are shown; activating one emits ::chosen and closes the dialog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-record-chooser"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vl-item-search.h"
#include "vl-labels.h"
#include "vl-record-chooser.h"

#define MAX_SHOWN 50

struct _VlRecordChooser
{
  AdwMessageDialog  parent_instance;

  GtkSearchEntry   *entry;
  GtkListBox       *list;

  VlDocument       *document;
  VlKind            kind;
  GListModel       *all;
  VlItemSearch     *search;   /* items only */
  GPtrArray        *shown;    /* VlRecord per row */
};

G_DEFINE_FINAL_TYPE (VlRecordChooser, vl_record_chooser, ADW_TYPE_MESSAGE_DIALOG)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
subtitle_of (VlRecord *record)
{
  g_autoptr(VlRecord) owner = NULL;

  if (VL_IS_OBJECTIVE (record))
    /* Translators: an objective in a list of what can measure a goal */
    return g_strdup (_("Objective"));
  owner = vl_record_dup_ref (record, VL_IS_ITEM (record) ? "backlog" : "objective");
  if (VL_IS_ITEM (record))
    return g_strdup_printf ("%s · %s", owner != NULL ? vl_record_get_title (owner) : "",
                            vl_enum_label ("status", (int) vl_record_get_int (record, "status")));
  /* Translators: a key result in a list, with its objective */
  return g_strdup_printf (_("Key result of “%s”"), owner != NULL ? vl_record_get_title (owner) : "");
}

static void
add_row (VlRecordChooser *self,
         VlRecord        *record)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = subtitle_of (record);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);   /* user text */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), vl_record_get_title (record));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_list_box_append (self->list, row);
  g_ptr_array_add (self->shown, g_object_ref (record));
}

static void
fill (VlRecordChooser *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GListModel *matches = self->search != NULL ? G_LIST_MODEL (self->search) : self->all;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->shown, 0);
  for (guint i = 0; i < g_list_model_get_n_items (matches) && self->shown->len < MAX_SHOWN; i++)
    {
      g_autoptr(VlRecord) record = g_list_model_get_item (matches, i);

      if (self->search == NULL)
        {
          g_autofree char *title = g_utf8_casefold (vl_record_get_title (record), -1);

          if (strstr (title, folded) == NULL)
            continue;
        }
      add_row (self, record);
    }
}

static void
search_changed_cb (VlRecordChooser *self)
{
  if (self->search != NULL)
    vl_item_search_set_text (self->search, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  fill (self);
}

void
vl_record_chooser_search (VlRecordChooser *self,
                          const char      *text)
{
  g_return_if_fail (VL_IS_RECORD_CHOOSER (self));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  search_changed_cb (self);
}

guint
vl_record_chooser_get_n_shown (VlRecordChooser *self)
{
  g_return_val_if_fail (VL_IS_RECORD_CHOOSER (self), 0);
  return self->shown->len;
}

void
vl_record_chooser_choose (VlRecordChooser *self,
                          guint            position)
{
  g_autoptr(VlRecord) record = NULL;

  g_return_if_fail (VL_IS_RECORD_CHOOSER (self));
  g_return_if_fail (position < self->shown->len);

  record = g_object_ref (self->shown->pdata[position]);
  g_signal_emit (self, signals[CHOSEN], 0, record);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
row_activated_cb (GtkListBox      *list,
                  GtkListBoxRow   *row,
                  VlRecordChooser *self)
{
  vl_record_chooser_choose (self, (guint) gtk_list_box_row_get_index (row));
}

/* Enter in the search picks the first match. */
static void
entry_activate_cb (VlRecordChooser *self)
{
  if (self->shown->len > 0)
    vl_record_chooser_choose (self, 0);
}

/**
 * vl_record_chooser_new:
 * @kind: %VL_KIND_ITEM, or %VL_KIND_KEY_RESULT for key results and
 *   objectives
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
VlRecordChooser *
vl_record_chooser_new (GtkWindow  *parent,
                       VlDocument *document,
                       VlKind      kind,
                       const char *heading,
                       const char *body)
{
  VlRecordChooser *self;

  g_return_val_if_fail (VL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (kind == VL_KIND_ITEM || kind == VL_KIND_KEY_RESULT, NULL);

  self = g_object_new (VL_TYPE_RECORD_CHOOSER, "transient-for", parent, "modal", TRUE,
                       "heading", heading, "body", body, NULL);
  self->document = g_object_ref (document);
  self->kind = kind;
  if (kind == VL_KIND_ITEM)
    {
      self->all = vl_document_list (document, kind, NULL, NULL);
      self->search = vl_item_search_new (document, self->all);
    }
  else
    {
      /* What measures a goal: key results, then objectives. */
      GListStore *both = g_list_store_new (G_TYPE_LIST_MODEL);
      g_autoptr(GListModel) krs = vl_document_list (document, VL_KIND_KEY_RESULT, NULL, NULL);
      g_autoptr(GListModel) objectives = vl_document_list (document, VL_KIND_OBJECTIVE, NULL, NULL);

      g_list_store_append (both, krs);
      g_list_store_append (both, objectives);
      self->all = G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (both)));
    }
  fill (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  return self;
}

static void
vl_record_chooser_dispose (GObject *object)
{
  VlRecordChooser *self = VL_RECORD_CHOOSER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), VL_TYPE_RECORD_CHOOSER);
  g_clear_object (&self->search);
  g_clear_object (&self->all);
  g_clear_object (&self->document);
  g_clear_pointer (&self->shown, g_ptr_array_unref);

  G_OBJECT_CLASS (vl_record_chooser_parent_class)->dispose (object);
}

static void
vl_record_chooser_class_init (VlRecordChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vl_record_chooser_dispose;
  /**
   * VlRecordChooser::chosen:
   * @record: the item or key result picked
   */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, VL_TYPE_RECORD);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/valueloop/Valueloop/vl-record-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, VlRecordChooser, entry);
  gtk_widget_class_bind_template_child (widget_class, VlRecordChooser, list);
}

static void
vl_record_chooser_init (VlRecordChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->shown = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
  g_signal_connect_swapped (self->entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (entry_activate_cb), self);
}
