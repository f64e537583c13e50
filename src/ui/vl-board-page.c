/* vl-board-page.c — the kanban board
 *
 * One column per status (idea … reviewed; dropped on request), each a live
 * list of the items with that status across the plan's backlogs, in
 * backlog and rank order. Moving a card (drag and drop, or Alt+Left/Right
 * on the selected card) sets the item's status: the core records the
 * time-stamped transition and, on launch, the launch date and review due.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-board-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vl-board-page.h"
#include "vl-toast.h"
#include "vl-enums.h"
#include "vl-labels.h"

#define N_COLUMNS 7

typedef struct
{
  GtkWidget          *box;
  GtkListView        *view;
  GtkSingleSelection *selection;
  GtkLabel           *count;
  GListModel         *items;
} Column;

struct _VlBoardPage
{
  GtkWidget        parent_instance;

  GtkWidget       *root;
  GtkToggleButton *show_dropped;
  VlDocument      *document;
  Column           columns[N_COLUMNS];
};

G_DEFINE_FINAL_TYPE (VlBoardPage, vl_board_page, GTK_TYPE_WIDGET)

/* ---- cards ------------------------------------------------------------- */

static void
update_card (GtkWidget *card,
             VlRecord  *item)
{
  GtkWidget *title = gtk_widget_get_first_child (card);
  GtkWidget *chips = gtk_widget_get_next_sibling (title);
  GtkWidget *chip = gtk_widget_get_first_child (chips);
  double cost = vl_record_get_number (item, "cost");
  const char *moscow = vl_enum_label ("moscow", (int) vl_record_get_int (item, "moscow"));
  const char *aarrr = vl_enum_label ("aarrr", (int) vl_record_get_int (item, "aarrr"));
  g_autofree char *cost_text = isnan (cost) ? NULL : g_strdup_printf (_("%g d"), cost);
  const char *texts[4] = { vl_record_get_int (item, "p1") ? _("P1") : NULL,
                           moscow, aarrr, cost_text };

  gtk_label_set_text (GTK_LABEL (title), vl_record_get_title (item));
  for (guint i = 0; i < G_N_ELEMENTS (texts) && chip != NULL; i++, chip = gtk_widget_get_next_sibling (chip))
    {
      gtk_label_set_text (GTK_LABEL (chip), texts[i] ? texts[i] : "");
      gtk_widget_set_visible (chip, texts[i] != NULL);
    }
}

static void
item_notify_cb (VlRecord   *item,
                GParamSpec *pspec,
                GtkWidget  *card)
{
  update_card (card, item);
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkListItem   *list_item)
{
  VlRecord *item = gtk_list_item_get_item (list_item);

  return item ? gdk_content_provider_new_typed (G_TYPE_STRING, vl_record_get_uuid (item)) : NULL;
}

static void
card_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  data)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *chips = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkDragSource *drag = gtk_drag_source_new ();

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_top (card, 3);
  gtk_widget_set_margin_bottom (card, 3);
  gtk_widget_set_margin_start (card, 3);
  gtk_widget_set_margin_end (card, 3);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 3);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_margin_top (title, 9);
  gtk_widget_set_margin_start (title, 9);
  gtk_widget_set_margin_end (title, 9);
  gtk_widget_set_margin_start (chips, 9);
  gtk_widget_set_margin_bottom (chips, 9);
  for (guint i = 0; i < 4; i++)
    {
      GtkWidget *chip = gtk_label_new (NULL);

      gtk_widget_add_css_class (chip, "caption");
      gtk_widget_add_css_class (chip, i == 0 ? "accent" : "dim-label");
      if (i == 0)
        gtk_widget_add_css_class (chip, "heading");
      gtk_box_append (GTK_BOX (chips), chip);
    }
  gtk_box_append (GTK_BOX (card), title);
  gtk_box_append (GTK_BOX (card), chips);
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (drag_prepare_cb), list_item);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (drag));
  gtk_list_item_set_child (list_item, card);
}

static void
card_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  data)
{
  VlRecord *item = gtk_list_item_get_item (list_item);
  GtkWidget *card = gtk_list_item_get_child (list_item);

  update_card (card, item);
  g_signal_connect_object (item, "notify", G_CALLBACK (item_notify_cb), card, 0);
}

static void
card_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  data)
{
  VlRecord *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, item_notify_cb, gtk_list_item_get_child (list_item));
}

/* ---- moving cards ------------------------------------------------------ */

/* Sets the status and selects the card in its new column. */
static void
move_to (VlBoardPage *self,
         VlRecord    *item,
         int          status)
{
  Column *to = &self->columns[status];

  if (vl_record_get_int (item, "status") == status)
    return;
  vl_document_begin (self->document, _("Move Card"));
  g_object_set (item, "status", status, NULL);
  vl_document_commit (self->document, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (to->items); i++)
    {
      g_autoptr(VlRecord) r = g_list_model_get_item (to->items, i);

      if (r == item)
        {
          gtk_single_selection_set_selected (to->selection, i);
          gtk_widget_grab_focus (GTK_WIDGET (to->view));
          break;
        }
    }
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         VlBoardPage   *self)
{
  int status = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (target), "status"));
  g_autoptr(VlRecord) item = NULL;

  if (self->document == NULL || !G_VALUE_HOLDS_STRING (value))
    return FALSE;
  item = vl_document_find (self->document, VL_KIND_ITEM, g_value_get_string (value));
  if (item == NULL)
    return FALSE;
  move_to (self, item, status);
  return TRUE;
}

/* The column holding the keyboard focus, or -1. */
static int
focused_column (VlBoardPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  for (int c = 0; c < N_COLUMNS && focus != NULL; c++)
    if (focus == GTK_WIDGET (self->columns[c].view) ||
        gtk_widget_is_ancestor (focus, GTK_WIDGET (self->columns[c].view)))
      return c;
  return -1;
}

/* Alt+Left / Alt+Right: the selected card one status back or forward. */
static void
move_action (GtkWidget *widget, const char *name, GVariant *param)
{
  VlBoardPage *self = VL_BOARD_PAGE (widget);
  int from = focused_column (self);
  int to;
  VlRecord *item;

  if (from < 0 || from == VL_STATUS_DROPPED)
    return;
  to = from + (g_str_has_suffix (name, "right") ? 1 : -1);
  item = gtk_single_selection_get_selected_item (self->columns[from].selection);
  if (item == NULL)
    return;
  if (to < 0 || to >= VL_STATUS_DROPPED)
    {
      vl_toast (GTK_WIDGET (self), to < 0 ? _("Ideas are the first column") : _("Reviewed is the last column"), FALSE);
      return;
    }
  move_to (self, g_object_ref (item), to);
  g_object_unref (item);
}

/* ---- columns ------------------------------------------------------------ */

static void
update_count (Column *column)
{
  g_autofree char *text = g_strdup_printf ("%u", column->items ? g_list_model_get_n_items (column->items) : 0);

  gtk_label_set_text (column->count, text);
}

static void
column_items_changed_cb (GListModel *items,
                         guint       position,
                         guint       removed,
                         guint       added,
                         Column     *column)
{
  update_count (column);
}

static GtkWidget *
make_column (VlBoardPage *self,
             int          status)
{
  Column *column = &self->columns[status];
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (vl_enum_label ("status", status));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);

  column->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_size_request (column->box, 240, -1);
  gtk_widget_set_hexpand (column->box, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  column->count = GTK_LABEL (gtk_label_new ("0"));
  gtk_widget_add_css_class (GTK_WIDGET (column->count), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (column->count), "numeric");
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (column->count));
  gtk_widget_set_margin_start (header, 6);
  gtk_widget_set_margin_end (header, 6);

  g_signal_connect (factory, "setup", G_CALLBACK (card_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (card_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (card_unbind_cb), self);
  column->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (column->selection, FALSE);
  gtk_single_selection_set_can_unselect (column->selection, TRUE);
  column->view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (column->selection)),
                                                   factory));
  gtk_widget_add_css_class (GTK_WIDGET (column->view), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (column->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  vl_enum_label ("status", status), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (column->view));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);

  g_object_set_data (G_OBJECT (drop), "status", GINT_TO_POINTER (status));
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (column->box, GTK_EVENT_CONTROLLER (drop));

  gtk_box_append (GTK_BOX (column->box), header);
  gtk_box_append (GTK_BOX (column->box), scroller);
  return column->box;
}

void
vl_board_page_set_document (VlBoardPage *self,
                            VlDocument  *document)
{
  g_return_if_fail (VL_IS_BOARD_PAGE (self));

  if (!g_set_object (&self->document, document))
    return;
  for (int c = 0; c < N_COLUMNS; c++)
    {
      Column *column = &self->columns[c];

      if (column->items != NULL)
        g_signal_handlers_disconnect_by_data (column->items, column);
      g_clear_object (&column->items);
      if (document != NULL)
        {
          column->items = vl_document_list_where (document, VL_KIND_ITEM, "status", c);
          g_signal_connect (column->items, "items-changed", G_CALLBACK (column_items_changed_cb), column);
        }
      gtk_single_selection_set_model (column->selection, column->items);
      update_count (column);
    }
}

GListModel *
vl_board_page_get_column (VlBoardPage *self,
                          int          status)
{
  g_return_val_if_fail (VL_IS_BOARD_PAGE (self), NULL);
  g_return_val_if_fail (status >= 0 && status < N_COLUMNS, NULL);
  return self->columns[status].items;
}

/* Selects a card and gives its column the keyboard focus. */
void
vl_board_page_select (VlBoardPage *self,
                      int          status,
                      guint        position)
{
  g_return_if_fail (VL_IS_BOARD_PAGE (self));
  gtk_single_selection_set_selected (self->columns[status].selection, position);
  gtk_widget_grab_focus (GTK_WIDGET (self->columns[status].view));
}

/* ---- GObject ------------------------------------------------------------- */

static void
vl_board_page_dispose (GObject *object)
{
  VlBoardPage *self = VL_BOARD_PAGE (object);

  for (int c = 0; c < N_COLUMNS; c++)
    {
      if (self->columns[c].items != NULL)
        g_signal_handlers_disconnect_by_data (self->columns[c].items, &self->columns[c]);
      g_clear_object (&self->columns[c].items);
      g_clear_object (&self->columns[c].selection);
    }
  g_clear_pointer (&self->root, gtk_widget_unparent);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (vl_board_page_parent_class)->dispose (object);
}

static void
vl_board_page_class_init (VlBoardPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = vl_board_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "board.move-left", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "board.move-right", NULL, move_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "board.move-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "board.move-right", NULL);
}

static void
vl_board_page_init (VlBoardPage *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *hint = gtk_label_new (_("Drag a card to another column, or select it and press Alt+← or Alt+→."));

  self->root = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->show_dropped = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("Show _Dropped")));
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_set_hexpand (hint, TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (hint), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (bar), hint);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->show_dropped));
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);

  for (int c = 0; c < N_COLUMNS; c++)
    gtk_box_append (GTK_BOX (columns), make_column (self, c));
  g_object_bind_property (self->show_dropped, "active", self->columns[VL_STATUS_DROPPED].box, "visible",
                          G_BINDING_SYNC_CREATE);
  gtk_widget_set_margin_start (columns, 12);
  gtk_widget_set_margin_end (columns, 12);
  gtk_widget_set_margin_bottom (columns, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), columns);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (self->root), bar);
  gtk_box_append (GTK_BOX (self->root), scroller);
  gtk_widget_set_parent (self->root, GTK_WIDGET (self));
}
