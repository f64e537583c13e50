/* vl-board-page.c — the kanban board
 *
 * One column per status (idea … reviewed; dropped on request), each a live
 * list of the items with that status across the plan's backlogs, in
 * backlog and rank order; with swimlanes, one row of columns per backlog.
 * Moving a card (drag and drop, or Alt+Left/Right on the selected card)
 * sets the item's status: the core records the time-stamped transition
 * and, on launch, the launch date and review due. Dropping a card in
 * another backlog's lane moves it to that backlog too.
 *
 * Each column header shows its count against the column's WIP limit (a
 * plan setting, synced like any edit) and turns to the warning style when
 * the column holds more.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-board-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vl-actions.h"
#include "vl-board-page-private.h"
#include "vl-toast.h"
#include "vl-enums.h"
#include "vl-labels.h"

#define N_COLUMNS VL_N_STATUSES
#define COLUMN_WIDTH 196 /* six columns fit 1366 pixels */

/* One list of cards: a status, in one backlog's lane or in all. */
typedef struct
{
  VlBoardPage        *page;
  int                 status;
  gint64              backlog;   /* 0: every backlog (no swimlanes) */
  GtkWidget          *box;
  GtkListView        *view;
  GtkSingleSelection *selection;
} Cell;

/* A column's header and every item of its status. */
typedef struct
{
  VlBoardPage   *page;
  GtkWidget     *box;
  GtkWidget     *title;
  GtkWidget     *warning;
  GtkMenuButton *count;
  GtkSpinButton *limit;
  GListModel    *items;
} Column;

struct _VlBoardPage
{
  GtkWidget          parent_instance;

  GtkWidget         *root;
  GtkScrolledWindow *scroller;
  GtkWidget         *headers;
  GtkWidget         *lanes;       /* rebuilt: the rows of cells */
  VlDocument        *document;
  GListModel        *backlogs;
  gboolean           swimlanes;
  gboolean           show_dropped;
  guint              rebuild_id;
  Column             columns[N_COLUMNS];
  GPtrArray         *cells;       /* Cell */
};

enum {
  PROP_0,
  PROP_SWIMLANES,
  PROP_SHOW_DROPPED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (VlBoardPage, vl_board_page, VL_TYPE_PAGE)

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

/* ---- cells --------------------------------------------------------------- */

static Cell *
find_cell (VlBoardPage *self,
           int          status,
           gint64       backlog)
{
  for (guint i = 0; i < self->cells->len; i++)
    {
      Cell *cell = g_ptr_array_index (self->cells, i);

      if (cell->status == status && (cell->backlog == 0 || cell->backlog == backlog))
        return cell;
    }
  return NULL;
}

/* The cell holding the keyboard focus, or NULL. */
static Cell *
focused_cell (VlBoardPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  for (guint i = 0; i < self->cells->len && focus != NULL; i++)
    {
      Cell *cell = g_ptr_array_index (self->cells, i);

      if (focus == GTK_WIDGET (cell->view) || gtk_widget_is_ancestor (focus, GTK_WIDGET (cell->view)))
        return cell;
    }
  return NULL;
}

static void
select_in_cell (Cell     *cell,
                VlRecord *item)
{
  GListModel *model = G_LIST_MODEL (cell->selection);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(VlRecord) r = g_list_model_get_item (model, i);

      if (r == item)
        {
          gtk_single_selection_set_selected (cell->selection, i);
          gtk_widget_grab_focus (GTK_WIDGET (cell->view));
          return;
        }
    }
}

/* ---- moving cards ------------------------------------------------------ */

/* Sets the status (and, dropped in another lane, the backlog: at the end
 * of it) in one action, and selects the card where it landed. */
static void
move_to (VlBoardPage *self,
         VlRecord    *item,
         int          status,
         gint64       backlog)
{
  g_autoptr(GError) error = NULL;
  gint64 from_backlog = vl_record_get_ref_id (item, "backlog");
  Cell *to;

  if (backlog == 0)
    backlog = from_backlog;
  if (vl_record_get_int (item, "status") == status && backlog == from_backlog)
    return;
  vl_document_begin (self->document, _("Move Card"));
  g_object_set (item, "status", status, NULL);
  if (backlog != from_backlog)
    {
      g_autoptr(VlRecord) lane = vl_document_lookup (self->document, VL_KIND_BACKLOG, backlog);

      if (lane != NULL)
        vl_document_move (self->document, item, lane, NULL, NULL, NULL);
    }
  if (!vl_document_commit (self->document, &error))
    {
      vl_toast (GTK_WIDGET (self), error->message, FALSE);
      return;
    }
  to = find_cell (self, status, backlog);
  if (to != NULL)
    select_in_cell (to, item);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         Cell          *cell)
{
  VlBoardPage *self = cell->page;
  g_autoptr(VlRecord) item = NULL;

  if (self->document == NULL || !G_VALUE_HOLDS_STRING (value))
    return FALSE;
  item = vl_document_find (self->document, VL_KIND_ITEM, g_value_get_string (value));
  if (item == NULL)
    return FALSE;
  move_to (self, item, cell->status, cell->backlog);
  return TRUE;
}

/* Alt+Left / Alt+Right: the selected card one status back or forward, in
 * its lane. */
static void
move_action (GtkWidget *widget, const char *name, GVariant *param)
{
  VlBoardPage *self = VL_BOARD_PAGE (widget);
  Cell *from = focused_cell (self);
  g_autoptr(VlRecord) item = NULL;
  int to;

  if (from == NULL || from->status == VL_STATUS_DROPPED)
    return;
  to = from->status + (g_str_has_suffix (name, "right") ? 1 : -1);
  item = gtk_single_selection_get_selected_item (from->selection);
  if (item == NULL)
    return;
  g_object_ref (item);
  if (to < 0 || to >= VL_STATUS_DROPPED)
    {
      vl_toast (GTK_WIDGET (self), to < 0 ? _("Ideas are the first column") : _("Reviewed is the last column"), FALSE);
      return;
    }
  move_to (self, item, to, from->backlog);
}

/* ---- column headers and WIP limits -------------------------------------- */

static void
update_header (VlBoardPage *self,
               int          status)
{
  Column *column = &self->columns[status];
  guint n = column->items ? g_list_model_get_n_items (column->items) : 0;
  guint limit = self->document ? vl_document_get_wip_limit (self->document, status) : 0;
  g_autofree char *text = NULL;
  g_autofree char *tip = NULL;
  gboolean over = limit > 0 && n > limit;

  /* Translators: cards in a board column / its WIP limit */
  text = limit > 0 ? g_strdup_printf (_("%u / %u"), n, limit) : g_strdup_printf ("%u", n);
  gtk_menu_button_set_label (column->count, text);
  if (over)
    tip = g_strdup_printf (_("%u cards, over the WIP limit of %u"), n, limit);
  else if (limit > 0)
    tip = g_strdup_printf (_("%u cards, WIP limit %u"), n, limit);
  else
    tip = g_strdup_printf (_("%u cards, no WIP limit"), n);
  gtk_widget_set_tooltip_text (GTK_WIDGET (column->count), tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (column->count), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  tip, -1);
  gtk_widget_set_visible (column->warning, over);
  if (over)
    {
      gtk_widget_add_css_class (column->title, "warning");
      gtk_widget_add_css_class (GTK_WIDGET (column->count), "warning");
    }
  else
    {
      gtk_widget_remove_css_class (column->title, "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (column->count), "warning");
    }
  if (!gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (column->count))))
    gtk_spin_button_set_value (column->limit, limit);
}

static void
wip_limit_changed_cb (VlDocument  *document,
                      int          status,
                      VlBoardPage *self)
{
  if (status >= 0 && status < N_COLUMNS)
    update_header (self, status);
}

static void
column_items_changed_cb (GListModel *items,
                         guint       position,
                         guint       removed,
                         guint       added,
                         Column     *column)
{
  VlBoardPage *self = column->page;

  update_header (self, (int) (column - self->columns));
}

/* board.set-wip-limit (status, limit): 0 is no limit. */
static void
set_wip_limit_action (GtkWidget *widget, const char *name, GVariant *param)
{
  VlBoardPage *self = VL_BOARD_PAGE (widget);
  g_autoptr(GError) error = NULL;
  int status, limit;

  g_variant_get (param, "(ii)", &status, &limit);
  if (self->document == NULL || status < 0 || status >= N_COLUMNS || limit < 0)
    return;
  if (!vl_document_set_wip_limit (self->document, status, (guint) limit, &error))
    vl_toast (widget, error->message, FALSE);
}

/* The limit is set once, when its popover closes (Enter or Escape keep
 * what was typed), so trying values is one undo step. */
static void
limit_popover_closed_cb (GtkPopover *popover,
                         Column     *column)
{
  VlBoardPage *self = column->page;
  int status = (int) (column - self->columns);
  int limit;

  gtk_spin_button_update (column->limit);
  limit = gtk_spin_button_get_value_as_int (column->limit);
  if (self->document != NULL && (guint) limit != vl_document_get_wip_limit (self->document, status))
    gtk_widget_activate_action (GTK_WIDGET (self), "board.set-wip-limit", "(ii)", status, limit);
}

static void
limit_activate_cb (GtkText *text,
                   Column  *column)
{
  gtk_menu_button_popdown (column->count);
}

/* Ctrl+Shift+L: edit the WIP limit of the column with the focus. */
static void
edit_wip_limit_action (GtkWidget *widget, const char *name, GVariant *param)
{
  VlBoardPage *self = VL_BOARD_PAGE (widget);
  Cell *cell = focused_cell (self);

  gtk_menu_button_popup (self->columns[cell ? cell->status : VL_STATUS_IN_PROGRESS].count);
}

static GtkWidget *
make_header (VlBoardPage *self,
             int          status)
{
  Column *column = &self->columns[status];
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("WIP Limit"));
  GtkWidget *help = gtk_label_new (_("The most cards this column should hold. 0 means no limit."));
  g_autofree char *name = g_strdup_printf (_("WIP limit of %s"), vl_enum_label ("status", status));

  column->page = self;
  column->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  column->title = gtk_label_new (vl_enum_label ("status", status));
  gtk_widget_add_css_class (column->title, "heading");
  gtk_label_set_xalign (GTK_LABEL (column->title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (column->title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (column->title, TRUE);
  column->warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (column->warning, "warning");
  gtk_widget_set_visible (column->warning, FALSE);

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (help), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (help), 28);
  gtk_label_set_xalign (GTK_LABEL (help), 0);
  gtk_widget_add_css_class (help, "dim-label");
  gtk_widget_add_css_class (help, "caption");
  column->limit = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, VL_MAX_WIP_LIMIT, 1));
  gtk_accessible_update_property (GTK_ACCESSIBLE (column->limit), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);
  /* GtkSpinButton has no activate signal before GTK 4.14: its text does. */
  g_signal_connect (gtk_editable_get_delegate (GTK_EDITABLE (column->limit)), "activate",
                    G_CALLBACK (limit_activate_cb), column);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (column->limit));
  gtk_box_append (GTK_BOX (box), help);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect (popover, "closed", G_CALLBACK (limit_popover_closed_cb), column);

  column->count = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_popover (column->count, popover);
  gtk_menu_button_set_has_frame (column->count, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (column->count), "numeric");
  gtk_widget_set_tooltip_text (GTK_WIDGET (column->count), name);

  gtk_box_append (GTK_BOX (column->box), column->title);
  gtk_box_append (GTK_BOX (column->box), column->warning);
  gtk_box_append (GTK_BOX (column->box), GTK_WIDGET (column->count));
  gtk_widget_set_size_request (column->box, COLUMN_WIDTH, -1);
  update_header (self, status);
  return column->box;
}

/* ---- lanes ----------------------------------------------------------------- */

static gboolean
in_backlog (gpointer item,
            gpointer data)
{
  return vl_record_get_ref_id (item, "backlog") == ((Cell *) data)->backlog;
}

static void
cell_free (gpointer data)
{
  Cell *cell = data;

  g_clear_object (&cell->selection);
  g_free (cell);
}

#define CARD_HEIGHT   80
#define LANE_MAX_CARDS 4

static void
lane_cell_changed_cb (GListModel *cards,
                      guint       position,
                      guint       removed,
                      guint       added,
                      Cell       *cell)
{
  guint n = CLAMP (g_list_model_get_n_items (cards), 1, LANE_MAX_CARDS);

  gtk_widget_set_size_request (cell->box, COLUMN_WIDTH, (int) n * CARD_HEIGHT);
}

static GtkWidget *
make_cell (VlBoardPage *self,
           int          status,
           gint64       backlog,
           const char  *lane_name)
{
  Cell *cell = g_new0 (Cell, 1);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  GListModel *items = g_object_ref (self->columns[status].items);
  g_autofree char *label = lane_name ? g_strdup_printf ("%s, %s", vl_enum_label ("status", status), lane_name)
                                     : g_strdup (vl_enum_label ("status", status));

  cell->page = self;
  cell->status = status;
  cell->backlog = backlog;
  if (backlog != 0)
    items = G_LIST_MODEL (gtk_filter_list_model_new (items, GTK_FILTER (gtk_custom_filter_new (in_backlog, cell, NULL))));
  g_ptr_array_add (self->cells, cell);

  g_signal_connect (factory, "setup", G_CALLBACK (card_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (card_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (card_unbind_cb), self);
  /* Nothing selected until the user picks a card (a new single selection
   * with autoselect would select each column's first card). */
  cell->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (cell->selection, FALSE);
  gtk_single_selection_set_can_unselect (cell->selection, TRUE);
  gtk_single_selection_set_model (cell->selection, items);
  g_object_unref (items);
  cell->view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (cell->selection)),
                                                 factory));
  gtk_widget_add_css_class (GTK_WIDGET (cell->view), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell->view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (cell->view));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, backlog == 0);
  gtk_widget_set_size_request (scroller, COLUMN_WIDTH, -1);
  cell->box = scroller;
  if (backlog != 0)
    {
      /* In a lane the cell grows with its cards, up to a point (a list
       * view's natural height counts only the rows it has made). */
      g_signal_connect (cell->selection, "items-changed", G_CALLBACK (lane_cell_changed_cb), cell);
      lane_cell_changed_cb (G_LIST_MODEL (cell->selection), 0, 0, 0, cell);
    }

  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), cell);
  gtk_widget_add_controller (scroller, GTK_EVENT_CONTROLLER (drop));
  return scroller;
}

static GtkWidget *
make_row (VlBoardPage *self,
          gint64       backlog,
          const char  *lane_name)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
  for (int c = 0; c < N_COLUMNS; c++)
    if (c != VL_STATUS_DROPPED || self->show_dropped)
      gtk_box_append (GTK_BOX (row), make_cell (self, c, backlog, lane_name));
  return row;
}

static void
lane_name_cb (VlRecord   *backlog,
              GParamSpec *pspec,
              GtkLabel   *label)
{
  gtk_label_set_text (label, vl_record_get_string (backlog, "name"));
}

static void
rebuild (VlBoardPage *self)
{
  GtkWidget *child;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  while ((child = gtk_widget_get_first_child (self->lanes)) != NULL)
    gtk_box_remove (GTK_BOX (self->lanes), child);
  g_ptr_array_set_size (self->cells, 0);
  gtk_widget_set_visible (self->columns[VL_STATUS_DROPPED].box, self->show_dropped);
  gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_AUTOMATIC,
                                  self->swimlanes ? GTK_POLICY_AUTOMATIC : GTK_POLICY_NEVER);
  if (self->document == NULL)
    return;
  if (!self->swimlanes)
    {
      GtkWidget *row = make_row (self, 0, NULL);

      gtk_widget_set_vexpand (row, TRUE);
      gtk_box_append (GTK_BOX (self->lanes), row);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (self->backlogs); i++)
    {
      g_autoptr(VlRecord) backlog = g_list_model_get_item (self->backlogs, i);
      const char *name = vl_record_get_string (backlog, "name");
      GtkWidget *title = gtk_label_new (name);

      gtk_widget_add_css_class (title, "title-4");
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_set_margin_top (title, i == 0 ? 6 : 18);
      g_signal_connect_object (backlog, "notify::name", G_CALLBACK (lane_name_cb), title, 0);
      gtk_box_append (GTK_BOX (self->lanes), title);
      gtk_box_append (GTK_BOX (self->lanes), make_row (self, vl_record_get_rowid (backlog), name));
    }
}

static gboolean
rebuild_idle_cb (gpointer data)
{
  VlBoardPage *self = data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* A backlog added, removed or moved: the lanes follow. */
static void
backlogs_changed_cb (GListModel  *backlogs,
                     guint        position,
                     guint        removed,
                     guint        added,
                     VlBoardPage *self)
{
  if (self->swimlanes && self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_idle_cb, self);
}

static void
board_page_load (VlPage     *page,
                 VlDocument *document)
{
  VlBoardPage *self = VL_BOARD_PAGE (page);

  if (self->backlogs != NULL)
    g_signal_handlers_disconnect_by_data (self->backlogs, self);
  g_clear_object (&self->backlogs);
  g_set_object (&self->document, document);
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
      update_header (self, c);
    }
  if (document != NULL)
    {
      self->backlogs = vl_document_list (document, VL_KIND_BACKLOG, NULL, NULL);
      g_signal_connect (self->backlogs, "items-changed", G_CALLBACK (backlogs_changed_cb), self);
    }
  rebuild (self);
}

GListModel *
vl_board_page_get_column (VlBoardPage *self,
                          int          status)
{
  g_return_val_if_fail (VL_IS_BOARD_PAGE (self), NULL);
  g_return_val_if_fail (status >= 0 && status < N_COLUMNS, NULL);
  return self->columns[status].items;
}

/**
 * vl_board_page_get_cell:
 * @backlog: (nullable): the lane, or %NULL without swimlanes
 *
 * Returns: (transfer none) (nullable): the cards shown for @status in
 *   @backlog's lane
 */
GListModel *
vl_board_page_get_cell (VlBoardPage *self,
                        int          status,
                        VlRecord    *backlog)
{
  Cell *cell;

  g_return_val_if_fail (VL_IS_BOARD_PAGE (self), NULL);
  cell = find_cell (self, status, backlog ? vl_record_get_rowid (backlog) : 0);
  return cell ? G_LIST_MODEL (cell->selection) : NULL;
}

/**
 * vl_board_page_get_header:
 *
 * Returns: (transfer none): the button showing @status's count and limit
 */
GtkWidget *
vl_board_page_get_header (VlBoardPage *self,
                          int          status)
{
  g_return_val_if_fail (VL_IS_BOARD_PAGE (self), NULL);
  g_return_val_if_fail (status >= 0 && status < N_COLUMNS, NULL);
  return GTK_WIDGET (self->columns[status].count);
}

/**
 * vl_board_page_drop:
 * @backlog: (nullable): the lane, or %NULL without swimlanes
 *
 * What dropping a dragged card on a cell does (the drop target's handler;
 * tests call it with what the drag source provides).
 */
gboolean
vl_board_page_drop (VlBoardPage *self,
                    const char  *uuid,
                    int          status,
                    VlRecord    *backlog)
{
  Cell *cell;
  g_auto(GValue) value = G_VALUE_INIT;

  g_return_val_if_fail (VL_IS_BOARD_PAGE (self), FALSE);
  cell = find_cell (self, status, backlog ? vl_record_get_rowid (backlog) : 0);
  if (cell == NULL)
    return FALSE;
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, uuid);
  return drop_cb (NULL, &value, 0, 0, cell);
}

/* Selects a card (in the first lane that shows it) and gives its list the
 * keyboard focus. */
void
vl_board_page_select (VlBoardPage *self,
                      int          status,
                      guint        position)
{
  g_autoptr(VlRecord) item = NULL;
  Cell *cell;

  g_return_if_fail (VL_IS_BOARD_PAGE (self));
  item = g_list_model_get_item (self->columns[status].items, position);
  if (item == NULL)
    return;
  cell = find_cell (self, status, vl_record_get_ref_id (item, "backlog"));
  if (cell != NULL)
    select_in_cell (cell, item);
}

/* ---- GObject ------------------------------------------------------------- */

static void
vl_board_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  VlBoardPage *self = VL_BOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_SWIMLANES:
      g_value_set_boolean (value, self->swimlanes);
      break;
    case PROP_SHOW_DROPPED:
      g_value_set_boolean (value, self->show_dropped);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_board_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  VlBoardPage *self = VL_BOARD_PAGE (object);
  gboolean *field;

  switch (prop_id)
    {
    case PROP_SWIMLANES:
      field = &self->swimlanes;
      break;
    case PROP_SHOW_DROPPED:
      field = &self->show_dropped;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (*field == g_value_get_boolean (value))
    return;
  *field = g_value_get_boolean (value);
  rebuild (self);
  g_object_notify_by_pspec (object, pspec);
}

static void
vl_board_page_dispose (GObject *object)
{
  VlBoardPage *self = VL_BOARD_PAGE (object);

  board_page_load (VL_PAGE (self), NULL);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), VL_TYPE_BOARD_PAGE);
  g_clear_pointer (&self->cells, g_ptr_array_unref);

  G_OBJECT_CLASS (vl_board_page_parent_class)->dispose (object);
}

/* The board's actions and keys (Alt+S and Alt+D are the mnemonics of the
 * toggle buttons that show the two property actions). */
static const VlActionEntry actions[] = {
  { "board.move-left", move_action, .accel = "<Alt>Left" },
  { "board.move-right", move_action, .accel = "<Alt>Right" },
  { "board.set-wip-limit", set_wip_limit_action, "(ii)" },
  { "board.edit-wip-limit", edit_wip_limit_action, .accel = "<Control><Shift>l" },
  { "board.swimlanes", .property = "swimlanes" },
  { "board.show-dropped", .property = "show-dropped" },
};

static void
vl_board_page_class_init (VlBoardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = vl_board_page_dispose;
  VL_PAGE_CLASS (klass)->load = board_page_load;
  object_class->get_property = vl_board_page_get_property;
  object_class->set_property = vl_board_page_set_property;
  properties[PROP_SWIMLANES] = g_param_spec_boolean ("swimlanes", NULL, NULL, FALSE, flags);
  properties[PROP_SHOW_DROPPED] = g_param_spec_boolean ("show-dropped", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/valueloop/Valueloop/vl-board-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, VlBoardPage, root);
  gtk_widget_class_bind_template_child (widget_class, VlBoardPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, VlBoardPage, headers);
  gtk_widget_class_bind_template_child (widget_class, VlBoardPage, lanes);
  vl_widget_class_add_actions (widget_class, actions, G_N_ELEMENTS (actions));
}

static void
vl_board_page_init (VlBoardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cells = g_ptr_array_new_with_free_func (cell_free);
  g_signal_group_connect (vl_page_get_document_signals (VL_PAGE (self)), "wip-limit-changed",
                          G_CALLBACK (wip_limit_changed_cb), self);
  for (int c = 0; c < N_COLUMNS; c++)
    gtk_box_append (GTK_BOX (self->headers), make_header (self, c));
  rebuild (self);
}
