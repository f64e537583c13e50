/* vl-maps-page.c — the plan's maps on the left, the selected one on a canvas
 *
 * A card or a linked deliverable opens its item in the item panel that
 * slides in on the right: the same object as the backlog's row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-maps-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vl-actions.h"
#include "vl-item-panel.h"
#include "vl-map.h"
#include "vl-map-outline.h"
#include "vl-name-dialog.h"
#include "vl-maps-page-private.h"
#include "vl-toast.h"

struct _VlMapsPage
{
  VlPage              parent_instance;

  GtkListView        *map_list;
  GtkLabel           *map_title;
  GtkLabel           *backlog_label;
  GtkDropDown        *backlog_choice;
  GtkSearchEntry     *highlight_entry;
  AdwSplitButton     *present_button;
  GtkStack           *content;
  VlMapCanvas        *canvas;
  VlMapOutline       *outline;
  GtkRevealer        *panel_revealer;
  VlItemPanel        *item_panel;

  VlDocument         *document;
  GtkSingleSelection *maps;
  GListModel         *backlogs;
  GSignalGroup       *map_signals;   /* the map shown */
  gboolean            choosing;      /* the backlog choice follows the map */
  gboolean            panel_open;    /* an item is open, shown unless F9 hid the panels */
};

G_DEFINE_FINAL_TYPE (VlMapsPage, vl_maps_page, VL_TYPE_PAGE)

enum {
  PROP_0,
  PROP_SHOW_OUTLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

VlMapCanvas *
vl_maps_page_get_canvas (VlMapsPage *self)
{
  g_return_val_if_fail (VL_IS_MAPS_PAGE (self), NULL);
  return self->canvas;
}

GListModel *
vl_maps_page_get_maps (VlMapsPage *self)
{
  g_return_val_if_fail (VL_IS_MAPS_PAGE (self), NULL);
  return self->maps != NULL ? G_LIST_MODEL (self->maps) : NULL;
}

void
vl_maps_page_select_map (VlMapsPage *self,
                         guint       position)
{
  g_return_if_fail (VL_IS_MAPS_PAGE (self));
  if (self->maps != NULL)
    gtk_single_selection_set_selected (self->maps, position);
}

GtkWidget *
vl_maps_page_get_outline (VlMapsPage *self)
{
  g_return_val_if_fail (VL_IS_MAPS_PAGE (self), NULL);
  return GTK_WIDGET (self->outline);
}

GtkWidget *
vl_maps_page_get_item_panel (VlMapsPage *self)
{
  g_return_val_if_fail (VL_IS_MAPS_PAGE (self), NULL);
  return GTK_WIDGET (self->item_panel);
}

static VlRecord *
shown_map (VlMapsPage *self)
{
  return self->maps != NULL ? gtk_single_selection_get_selected_item (self->maps) : NULL;
}

/* ---- the sidebar ------------------------------------------------------------ */

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), gtk_image_new ());
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (list_item, box);
}

static void
row_update (GtkWidget *box,
            VlRecord  *map)
{
  gboolean story = vl_record_get_int (map, "kind") == VL_MAP_KIND_STORY;
  GtkWidget *image = gtk_widget_get_first_child (box);

  gtk_image_set_from_icon_name (GTK_IMAGE (image), story ? "view-grid-symbolic" : "mail-forward-symbolic");
  gtk_widget_set_tooltip_text (image, story ? _("Story map") : _("Impact map"));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), vl_record_get_title (map));
}

static void
row_name_cb (VlRecord   *map,
             GParamSpec *pspec,
             GtkWidget  *box)
{
  row_update (box, map);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  VlRecord *map = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);

  row_update (box, map);
  g_signal_connect_object (map, "notify::name", G_CALLBACK (row_name_cb), box, 0);
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (list_item), row_name_cb,
                                        gtk_list_item_get_child (list_item));
}

/* The panel takes no room while it is closed. */
static void
update_panel (VlMapsPage *self)
{
  gboolean shown = self->panel_open && vl_page_get_show_details (VL_PAGE (self));

  if (shown)
    gtk_widget_set_visible (GTK_WIDGET (self->panel_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->panel_revealer, shown);
}

static void
show_panel (VlMapsPage *self,
            gboolean    shown)
{
  self->panel_open = shown;
  /* Opening an item is asking for the details: F9 had hidden them. */
  if (shown && !vl_page_get_show_details (VL_PAGE (self)))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-details", NULL);
  update_panel (self);
}

static void
panel_revealed_cb (VlMapsPage *self)
{
  if (!gtk_revealer_get_child_revealed (self->panel_revealer) &&
      !gtk_revealer_get_reveal_child (self->panel_revealer))
    gtk_widget_set_visible (GTK_WIDGET (self->panel_revealer), FALSE);
}

/* ---- the map shown -------------------------------------------------------------- */

static void
update_actions (VlMapsPage *self)
{
  gboolean has_map = shown_map (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "maps.rename-map", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "maps.delete-map", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "maps.present", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "maps.present-on", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "maps.export-map", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "maps.export-map-to", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "maps.print-map", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "maps.new-story-map", self->document != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "maps.new-impact-map", self->document != NULL);
}

static void
show_backlog_choice (VlMapsPage *self,
                     VlRecord   *map)
{
  gboolean story = map != NULL;   /* both kinds make items: cards, deliverables */
  g_autoptr(VlRecord) backlog = story ? vl_map_get_backlog (map) : NULL;
  guint position = GTK_INVALID_LIST_POSITION;

  gtk_widget_set_visible (GTK_WIDGET (self->backlog_choice), story);
  gtk_widget_set_visible (GTK_WIDGET (self->backlog_label), story);
  for (guint i = 0; backlog != NULL && i < g_list_model_get_n_items (self->backlogs); i++)
    {
      g_autoptr(VlRecord) b = g_list_model_get_item (self->backlogs, i);

      if (b == backlog)
        position = i;
    }
  self->choosing = TRUE;
  gtk_drop_down_set_selected (self->backlog_choice, position);
  self->choosing = FALSE;
}

static void
map_changed_cb (VlMapsPage *self)
{
  VlRecord *map = shown_map (self);

  gtk_label_set_text (self->map_title, map != NULL ? vl_record_get_title (map) : "");
  show_backlog_choice (self, map);
}

static void
show_map (VlMapsPage *self)
{
  VlRecord *map = shown_map (self);

  vl_map_canvas_set_map (self->canvas, map);
  g_signal_group_set_target (self->map_signals, map);
  gtk_stack_set_visible_child_name (self->content, map != NULL ? "map" : "empty");
  show_panel (self, FALSE);
  map_changed_cb (self);
  update_actions (self);
}

static void
backlog_chosen_cb (VlMapsPage *self)
{
  VlRecord *map = shown_map (self);
  VlRecord *backlog = gtk_drop_down_get_selected_item (self->backlog_choice);

  if (self->choosing || map == NULL || backlog == NULL)
    return;
  if (vl_record_get_ref_id (map, "backlog") != vl_record_get_rowid (backlog))
    g_object_set (map, "backlog", backlog, NULL);
}

static void
maps_page_load (VlPage     *page,
                VlDocument *document)
{
  VlMapsPage *self = VL_MAPS_PAGE (page);
  GtkExpression *name = gtk_property_expression_new (VL_TYPE_BACKLOG, NULL, "name");

  g_set_object (&self->document, document);
  /* A new model selects its first row: not the user's choice, no write
   * (show_map() then shows the map's own). */
  self->choosing = TRUE;
  gtk_list_view_set_model (self->map_list, NULL);
  gtk_drop_down_set_model (self->backlog_choice, NULL);
  g_clear_object (&self->maps);
  g_clear_object (&self->backlogs);
  if (document != NULL)
    {
      self->maps = gtk_single_selection_new (vl_document_list (document, VL_KIND_MAP, NULL, NULL));
      g_signal_connect_swapped (self->maps, "notify::selected-item", G_CALLBACK (show_map), self);
      self->backlogs = vl_document_list (document, VL_KIND_BACKLOG, NULL, NULL);
      gtk_drop_down_set_expression (self->backlog_choice, name);
      gtk_drop_down_set_model (self->backlog_choice, self->backlogs);
    }
  self->choosing = FALSE;
  gtk_expression_unref (name);
  gtk_list_view_set_model (self->map_list, GTK_SELECTION_MODEL (self->maps));
  show_map (self);
}

static void
open_item_cb (VlMapCanvas *canvas,
              VlRecord    *item,
              VlMapsPage  *self)
{
  vl_item_panel_set_item (self->item_panel, item);
  show_panel (self, TRUE);
}

/* ---- actions ---------------------------------------------------------------------- */

static void
select_record (VlMapsPage *self,
               VlRecord   *map)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->maps)); i++)
    {
      g_autoptr(VlRecord) m = g_list_model_get_item (G_LIST_MODEL (self->maps), i);

      if (m == map)
        gtk_single_selection_set_selected (self->maps, i);
    }
}

static void
new_map_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  VlMapsPage *self = VL_MAPS_PAGE (widget);
  gboolean story = g_str_equal (name, "maps.new-story-map");
  g_autoptr(VlRecord) backlog = NULL;
  g_autoptr(VlRecord) map = NULL;
  g_autoptr(GError) error = NULL;

  if (self->document == NULL)
    return;
  if (g_list_model_get_n_items (self->backlogs) > 0)
    backlog = g_list_model_get_item (self->backlogs, 0);
  map = vl_map_create (self->document, story ? VL_MAP_KIND_STORY : VL_MAP_KIND_IMPACT,
                       story ? _("New story map") : _("New impact map"), backlog, &error);
  if (map == NULL)
    {
      vl_toast (widget, error->message, FALSE);
      return;
    }
  select_record (self, map);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
  /* Start on the first box, its title ready to type. */
  gtk_widget_activate_action (GTK_WIDGET (self->canvas), "map.select", "(ii)", 0, 1);
  vl_map_canvas_start_editing (self->canvas, NULL);
}

static void
rename_map_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  VlRecord *map = shown_map (VL_MAPS_PAGE (widget));

  if (map != NULL)
    vl_name_dialog_rename (widget, _("Rename Map"), map);
}

static void
delete_map_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  VlMapsPage *self = VL_MAPS_PAGE (widget);
  VlRecord *shown = shown_map (self);
  g_autoptr(VlRecord) map = shown != NULL ? g_object_ref (shown) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (map == NULL)
    return;
  /* The nodes stay with the deleted map: one Undo brings all back. */
  vl_document_begin (self->document, _("Delete Map"));
  vl_document_delete (self->document, map, &error);
  if (!vl_document_commit (self->document, error == NULL ? &error : NULL) || error != NULL)
    {
      vl_toast (widget, error->message, FALSE);
      return;
    }
  text = g_strdup_printf (_("Map “%s” deleted"), vl_record_get_title (map));
  vl_toast (widget, text, TRUE);
}

static void
highlight_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (VL_MAPS_PAGE (widget)->highlight_entry));
}

static void
close_item_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  VlMapsPage *self = VL_MAPS_PAGE (widget);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->panel_revealer)))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->highlight_entry), "");   /* Escape clears a highlight */
      return;
    }
  show_panel (self, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
highlight_changed_cb (VlMapsPage *self)
{
  vl_map_canvas_set_highlight (self->canvas, gtk_editable_get_text (GTK_EDITABLE (self->highlight_entry)));
}

static void
highlight_stop_cb (VlMapsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->highlight_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

/* ---- GObject ------------------------------------------------------------------------ */

/* Shown: the keys go to the map. */
static void
vl_maps_page_map (GtkWidget *widget)
{
  VlMapsPage *self = VL_MAPS_PAGE (widget);
  g_autoptr(GMenuModel) monitors = vl_maps_page_monitor_menu (widget);
  GtkWidget *focus;

  GTK_WIDGET_CLASS (vl_maps_page_parent_class)->map (widget);
  /* The screens connected now (a projector is often plugged in late). */
  adw_split_button_set_menu_model (self->present_button, monitors);
  focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  if (focus == NULL || !gtk_widget_is_ancestor (focus, widget))
    gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
vl_maps_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  VlMapsPage *self = VL_MAPS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_OUTLINE:
      g_value_set_boolean (value, gtk_widget_get_visible (GTK_WIDGET (self->outline)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The outline beside the canvas; the keys go to it while it shows. */
static void
vl_maps_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  VlMapsPage *self = VL_MAPS_PAGE (object);
  gboolean shown = g_value_get_boolean (value);

  switch (prop_id)
    {
    case PROP_SHOW_OUTLINE:
      if (shown == gtk_widget_get_visible (GTK_WIDGET (self->outline)))
        return;
      gtk_widget_set_visible (GTK_WIDGET (self->outline), shown);
      gtk_widget_grab_focus (shown ? GTK_WIDGET (self->outline) : GTK_WIDGET (self->canvas));
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_maps_page_dispose (GObject *object)
{
  VlMapsPage *self = VL_MAPS_PAGE (object);

  if (self->map_signals != NULL)
    g_signal_group_set_target (self->map_signals, NULL);
  g_clear_object (&self->map_signals);
  if (self->maps != NULL)
    g_signal_handlers_disconnect_by_data (self->maps, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), VL_TYPE_MAPS_PAGE);
  g_clear_object (&self->maps);
  g_clear_object (&self->backlogs);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (vl_maps_page_parent_class)->dispose (object);
}

/* The page's actions and keys (the map's own are the canvas's). */
static const VlActionEntry actions[] = {
  { "maps.new-story-map", new_map_action, .accel = "<Control><Shift><Alt>s" },
  { "maps.new-impact-map", new_map_action, .accel = "<Control><Shift><Alt>i" },
  { "maps.rename-map", rename_map_action },
  { "maps.delete-map", delete_map_action },
  { "maps.highlight", highlight_action, .accel = "<Control>f" },
  { "maps.close-item", close_item_action, .accel = "Escape" },
  { "maps.present", vl_maps_page_present_action, .accel = "F5" },
  { "maps.present-on", vl_maps_page_present_action, "u" },
  { "maps.export-map", vl_maps_page_export_action, .accel = "<Control><Shift>e" },
  { "maps.export-map-to", vl_maps_page_export_to_action, "(ss)" },
  { "maps.print-map", vl_maps_page_print_action, .accel = "<Control>p" },
  { "maps.show-outline", .property = "show-outline", .accel = "<Control><Alt>o" },
};

static void
vl_maps_page_class_init (VlMapsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->dispose = vl_maps_page_dispose;
  object_class->get_property = vl_maps_page_get_property;
  object_class->set_property = vl_maps_page_set_property;
  widget_class->map = vl_maps_page_map;
  properties[PROP_SHOW_OUTLINE] =
    g_param_spec_boolean ("show-outline", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  VL_PAGE_CLASS (klass)->load = maps_page_load;

  g_type_ensure (VL_TYPE_MAP_CANVAS);
  g_type_ensure (VL_TYPE_MAP_OUTLINE);
  g_type_ensure (VL_TYPE_ITEM_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/valueloop/Valueloop/vl-maps-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VlMapsPage, map_list);
  gtk_widget_class_bind_template_child (widget_class, VlMapsPage, map_title);
  gtk_widget_class_bind_template_child (widget_class, VlMapsPage, backlog_label);
  gtk_widget_class_bind_template_child (widget_class, VlMapsPage, backlog_choice);
  gtk_widget_class_bind_template_child (widget_class, VlMapsPage, highlight_entry);
  gtk_widget_class_bind_template_child (widget_class, VlMapsPage, present_button);
  gtk_widget_class_bind_template_child (widget_class, VlMapsPage, content);
  gtk_widget_class_bind_template_child (widget_class, VlMapsPage, canvas);
  gtk_widget_class_bind_template_child (widget_class, VlMapsPage, outline);
  gtk_widget_class_bind_template_child (widget_class, VlMapsPage, panel_revealer);
  gtk_widget_class_bind_template_child (widget_class, VlMapsPage, item_panel);
  vl_widget_class_add_actions (widget_class, actions, G_N_ELEMENTS (actions));
}

static void
vl_maps_page_init (VlMapsPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), NULL);
  gtk_list_view_set_factory (self->map_list, factory);
  g_object_unref (factory);
  self->map_signals = g_signal_group_new (VL_TYPE_MAP);
  g_signal_group_connect_swapped (self->map_signals, "notify", G_CALLBACK (map_changed_cb), self);
  g_signal_connect (self->canvas, "open-item", G_CALLBACK (open_item_cb), self);
  vl_map_outline_set_canvas (self->outline, self->canvas);
  g_signal_connect_swapped (self->panel_revealer, "notify::child-revealed", G_CALLBACK (panel_revealed_cb), self);
  gtk_widget_set_visible (GTK_WIDGET (self->panel_revealer), FALSE);
  g_signal_connect (self, "notify::show-details", G_CALLBACK (update_panel), NULL);
  g_signal_connect_swapped (self->backlog_choice, "notify::selected", G_CALLBACK (backlog_chosen_cb), self);
  g_signal_connect_swapped (self->highlight_entry, "search-changed", G_CALLBACK (highlight_changed_cb), self);
  g_signal_connect_swapped (self->highlight_entry, "stop-search", G_CALLBACK (highlight_stop_cb), self);
  update_actions (self);
}
