/* vl-map-canvas.c — drawing a map, following its document, the pointer
 *
 * libshumate's pattern: a GTK-free VlViewport holds zoom and offset, and
 * a VlMapLayout (also GTK-free) says where each box goes and what lies in
 * an area. This widget draws only what its spatial index finds on screen,
 * with one pair of Pango layouts per box made when the box is first drawn
 * and kept until its text changes; far out it draws boxes without text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-map-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vl-labels.h"
#include "vl-map.h"
#include "vl-okr.h"
#include "vl-map-canvas-private.h"

#define TEXT_MIN_ZOOM 0.33   /* below this, boxes are drawn without text */
#define SHAPE_MIN_ZOOM 0.12  /* below this, as plain coloured blocks */
#define PAD           10.0
#define STRIPE        6.0
#define RADIUS        8.0

G_DEFINE_FINAL_TYPE (VlMapCanvas, vl_map_canvas, GTK_TYPE_WIDGET)

enum {
  OPEN_ITEM,
  SELECTION_CHANGED,
  LAYOUT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
vl_map_canvas_new (void)
{
  return g_object_new (VL_TYPE_MAP_CANVAS, NULL);
}

gint64
vl_map_canvas_box_key (VlMapBoxKind kind,
                       gint64       id)
{
  return id * 4 + kind;
}

static void
box_text_free (gpointer data)
{
  VlBoxText *text = data;

  g_clear_object (&text->title);
  g_clear_object (&text->meta);
  g_free (text);
}

VlRecord *
vl_map_canvas_box_record (VlMapCanvas    *self,
                          const VlMapBox *box)
{
  if (self->document == NULL || box->kind == VL_MAP_BOX_UNPLANNED)
    return NULL;
  return vl_document_lookup (self->document, box->kind == VL_MAP_BOX_CARD ? VL_KIND_MAP_CARD
                                                                           : VL_KIND_MAP_NODE, box->id);
}

VlViewport *
vl_map_canvas_get_viewport (VlMapCanvas *self)
{
  g_return_val_if_fail (VL_IS_MAP_CANVAS (self), NULL);
  return self->viewport;
}

VlMapLayout *
vl_map_canvas_get_layout (VlMapCanvas *self)
{
  g_return_val_if_fail (VL_IS_MAP_CANVAS (self), NULL);
  return self->layout;
}

VlRecord *
vl_map_canvas_get_map (VlMapCanvas *self)
{
  g_return_val_if_fail (VL_IS_MAP_CANVAS (self), NULL);
  return self->map;
}

guint
vl_map_canvas_get_n_drawn (VlMapCanvas *self)
{
  return self->n_drawn;
}

/* ---- colours -------------------------------------------------------------- */

static void
lookup (GtkWidget  *widget,
        const char *name,
        const char *fallback,
        GdkRGBA    *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, color))
    gdk_rgba_parse (color, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
read_colors (VlMapCanvas *self)
{
  GtkWidget *w = GTK_WIDGET (self);
  /* Goal, actor, impact, deliverable, activity, step, release. */
  static const char *kinds[][2] = {
    { "accent_bg_color", "#3584e4" }, { "purple_3", "#9141ac" }, { "orange_3", "#ff7800" },
    { "green_4", "#2ec27e" }, { "blue_3", "#3584e4" }, { "blue_2", "#62a0ea" }, { "brown_2", "#b5835a" },
  };
  /* Idea, ready, planned, in progress, launched, reviewed, dropped. */
  static const char *statuses[][2] = {
    { "light_4", "#9a9996" }, { "blue_3", "#3584e4" }, { "purple_2", "#c061cb" },
    { "warning_color", "#ae7b03" }, { "success_color", "#26a269" }, { "green_5", "#26a269" },
    { "error_color", "#c01c28" },
  };

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (w), &self->fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  lookup (w, "view_bg_color", "#ffffff", &self->bg);
  lookup (w, "card_bg_color", "#ffffff", &self->card);
  lookup (w, "accent_color", "#1c71d8", &self->accent);
  lookup (w, "accent_fg_color", "#ffffff", &self->accent_fg);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    lookup (w, kinds[i][0], kinds[i][1], &self->kind_colors[i]);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    lookup (w, statuses[i][0], statuses[i][1], &self->status_colors[i]);
}

static void
vl_map_canvas_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  VlMapCanvas *self = VL_MAP_CANVAS (widget);

  GTK_WIDGET_CLASS (vl_map_canvas_parent_class)->css_changed (widget, change);
  read_colors (self);
  /* Fonts may have changed too: texts are laid out again when drawn. */
  g_hash_table_remove_all (self->texts);
  gtk_widget_queue_draw (widget);
}

/* ---- texts ---------------------------------------------------------------- */

static char *
card_meta (VlRecord *item)
{
  GString *s = g_string_new (vl_enum_label ("status", (int) vl_record_get_int (item, "status")));
  const char *moscow = vl_enum_label ("moscow", (int) vl_record_get_int (item, "moscow"));
  double cost = vl_record_get_number (item, "cost");

  if (moscow != NULL)
    g_string_append_printf (s, " · %s", moscow);
  if (vl_record_get_int (item, "p1"))
    g_string_append (s, " · P1");
  if (!isnan (cost))
    /* Translators: a card's cost, in the units the team estimates in */
    g_string_append_printf (s, _(" · cost %g"), cost);
  return g_string_free (s, FALSE);
}

static char *
node_meta (VlMapCanvas    *self,
           VlRecord       *node,
           const VlMapBox *box)
{
  VlNodeKind kind = (VlNodeKind) vl_record_get_int (node, "kind");
  g_autoptr(VlRecord) item = vl_record_dup_ref (node, "item");
  g_autofree char *label = g_utf8_strup (vl_node_kind_label (kind), -1);
  const char *measure = vl_record_get_string (node, "measure");

  g_autoptr(VlRecord) kr = vl_record_dup_ref (node, "key-result");
  g_autoptr(VlRecord) objective = vl_record_dup_ref (node, "objective");

  if (item != NULL && !vl_record_get_deleted (item))
    return g_strdup_printf ("%s · %s", label, vl_enum_label ("status", (int) vl_record_get_int (item, "status")));
  /* A measured goal shows its key result's progress, live. */
  if (kr != NULL && !vl_record_get_deleted (kr))
    return g_strdup_printf ("%s · %.0f %% · %s", label, 100 * vl_key_result_get_progress (kr),
                            vl_record_get_title (kr));
  if (objective != NULL && !vl_record_get_deleted (objective))
    return g_strdup_printf ("%s · %.0f %% · %s", label, 100 * vl_objective_get_total_progress (objective),
                            vl_record_get_title (objective));
  if (measure != NULL && *measure != '\0')
    return g_strdup_printf ("%s · %s", label, measure);
  if (box->collapsed)
    /* Translators: a closed node: "ACTOR · 3 hidden" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u hidden", "%s · %u hidden", box->n_children),
                            label, box->n_children);
  return g_steal_pointer (&label);
}

static char *
release_meta (VlMapCanvas    *self,
              const VlMapBox *box)
{
  double *cost = g_hash_table_lookup (self->release_cost, &box->id);
  guint done = GPOINTER_TO_UINT (g_hash_table_lookup (self->release_done, &box->id));
  g_autofree char *cards = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards",
                                                         box->n_children), box->n_children);

  /* Translators: a release row, one fact a line: "4 cards\ncost 13\n2 launched" */
  return g_strdup_printf (_("%s\ncost %g\n%u launched"), cards, cost != NULL ? *cost : 0.0, done);
}

static void
box_strings (VlMapCanvas    *self,
             const VlMapBox *box,
             char          **title,
             char          **meta)
{
  g_autoptr(VlRecord) record = vl_map_canvas_box_record (self, box);

  if (box->kind == VL_MAP_BOX_UNPLANNED)
    {
      *title = g_strdup (_("Unplanned"));
      *meta = release_meta (self, box);
    }
  else if (record == NULL)
    {
      *title = g_strdup ("");
      *meta = g_strdup ("");
    }
  else if (box->kind == VL_MAP_BOX_CARD)
    {
      g_autoptr(VlRecord) item = vl_record_dup_ref (record, "item");

      *title = g_strdup (item != NULL ? vl_record_get_title (item) : "");
      *meta = item != NULL ? card_meta (item) : g_strdup ("");
    }
  else
    {
      *title = g_strdup (vl_record_get_title (record));
      *meta = box->kind == VL_MAP_BOX_RELEASE ? release_meta (self, box) : node_meta (self, record, box);
    }
}

static PangoLayout *
make_layout (VlMapCanvas *self,
             const char  *text,
             double       width,
             int          lines,
             gboolean     small)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, -lines);
  if (small)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  return layout;
}

static VlBoxText *
box_text (VlMapCanvas    *self,
          const VlMapBox *box)
{
  gint64 key = vl_map_canvas_box_key (box->kind, box->id);
  VlBoxText *text = g_hash_table_lookup (self->texts, &key);
  g_autofree char *title = NULL, *meta = NULL;
  double width = box->rect.width - 2 * PAD - STRIPE;
  gboolean row = box->kind == VL_MAP_BOX_RELEASE || box->kind == VL_MAP_BOX_UNPLANNED;
  int title_lines = 2;

  if (text != NULL)
    return text;
  box_strings (self, box, &title, &meta);
  text = g_new0 (VlBoxText, 1);
  text->title = make_layout (self, title, width, title_lines, FALSE);
  text->meta = make_layout (self, meta, width, row ? 3 : 1, TRUE);
  g_hash_table_insert (self->texts, g_memdup2 (&key, sizeof key), text);
  return text;
}

/* ---- following the document ------------------------------------------------- */

static void
forget_selection_if_gone (VlMapCanvas *self)
{
  if (self->selected_id >= 0 && self->layout != NULL &&
      vl_map_layout_find (self->layout, self->selected_kind, self->selected_id) < 0)
    self->selected_id = -1;
}

static void
add_item_box (VlMapCanvas *self,
              gint64       item,
              gint64       key)
{
  GArray *keys = g_hash_table_lookup (self->item_boxes, &item);

  if (keys == NULL)
    {
      keys = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (self->item_boxes, g_memdup2 (&item, sizeof item), keys);
    }
  g_array_append_val (keys, key);
}

/* What boxes show which item, and each release's cost and launches. */
static void
index_items (VlMapCanvas *self)
{
  guint n = vl_map_layout_get_n_boxes (self->layout);

  g_hash_table_remove_all (self->item_boxes);
  g_hash_table_remove_all (self->release_cost);
  g_hash_table_remove_all (self->release_done);
  for (guint i = 0; i < n; i++)
    {
      const VlMapBox *box = vl_map_layout_get_box (self->layout, i);
      g_autoptr(VlRecord) record = NULL;
      g_autoptr(VlRecord) item = NULL;
      double *cost, c;
      int status;

      if (box->kind != VL_MAP_BOX_CARD && box->node_kind != VL_NODE_KIND_DELIVERABLE)
        continue;
      record = vl_map_canvas_box_record (self, box);
      item = record != NULL ? vl_record_dup_ref (record, "item") : NULL;
      if (item == NULL)
        continue;
      add_item_box (self, vl_record_get_rowid (item), vl_map_canvas_box_key (box->kind, box->id));
      if (box->kind != VL_MAP_BOX_CARD)
        continue;
      /* Every card of a release counts, shown or not: stats from the rows. */
      cost = g_hash_table_lookup (self->release_cost, &box->release);
      if (cost == NULL)
        {
          cost = g_new0 (double, 1);
          g_hash_table_insert (self->release_cost, g_memdup2 (&box->release, sizeof (gint64)), cost);
        }
      c = vl_record_get_number (item, "cost");
      *cost += isnan (c) ? 0 : c;
      status = (int) vl_record_get_int (item, "status");
      if (status == VL_STATUS_LAUNCHED || status == VL_STATUS_REVIEWED)
        g_hash_table_insert (self->release_done, g_memdup2 (&box->release, sizeof (gint64)),
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->release_done,
                                                                                      &box->release)) + 1));
    }
}

static void
update_accessible_label (VlMapCanvas *self)
{
  g_autoptr(VlRecord) selected = vl_map_canvas_dup_selected (self);
  g_autofree char *said = NULL;

  if (selected != NULL)
    said = vl_map_describe (selected);
  else if (self->map != NULL)
    said = g_strdup_printf (_("Map: %s"), vl_record_get_title (self->map));
  else
    said = g_strdup (_("No map"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, said, -1);
}

/**
 * vl_map_canvas_relayout:
 *
 * Lays the map out again from the plan (at once; edits schedule it).
 */
void
vl_map_canvas_relayout (VlMapCanvas *self)
{
  g_clear_handle_id (&self->relayout_id, g_source_remove);
  g_clear_pointer (&self->layout, vl_map_layout_free);
  if (self->map != NULL && !vl_record_get_deleted (self->map))
    {
      self->layout = vl_map_build_layout (self->map, self->collapsed);
      index_items (self);
    }
  forget_selection_if_gone (self);
  update_accessible_label (self);
  vl_map_canvas_update_actions (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[LAYOUT_CHANGED], 0);
}

static gboolean
relayout_cb (gpointer data)
{
  VlMapCanvas *self = data;

  self->relayout_id = 0;
  vl_map_canvas_relayout (self);
  return G_SOURCE_REMOVE;
}

static void
forget_text (VlMapCanvas  *self,
             VlMapBoxKind  kind,
             gint64        id)
{
  gint64 key = vl_map_canvas_box_key (kind, id);

  g_hash_table_remove (self->texts, &key);
}

static void
rows_changed_cb (VlDocument  *document,
                 guint        kind,
                 GPtrArray   *records,
                 VlMapCanvas *self)
{
  if (self->map == NULL)
    return;
  if (kind == VL_KIND_MAP_NODE || kind == VL_KIND_MAP_CARD || kind == VL_KIND_MAP)
    {
      /* Titles may have changed as well as places. */
      for (guint i = 0; i < records->len; i++)
        {
          VlRecord *r = records->pdata[i];

          forget_text (self, kind == VL_KIND_MAP_CARD ? VL_MAP_BOX_CARD : VL_MAP_BOX_NODE,
                       vl_record_get_rowid (r));
          forget_text (self, VL_MAP_BOX_RELEASE, vl_record_get_rowid (r));
        }
      g_hash_table_remove_all (self->texts);   /* counts on steps and releases move too */
      if (self->relayout_id == 0)
        self->relayout_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 15, relayout_cb, self, NULL);
    }
  else if (kind == VL_KIND_KEY_RESULT || kind == VL_KIND_OBJECTIVE || kind == VL_KIND_CHECKIN)
    {
      /* Goals show their key result's progress. */
      for (guint i = 0; self->layout != NULL && i < vl_map_layout_get_n_boxes (self->layout); i++)
        {
          const VlMapBox *box = vl_map_layout_get_box (self->layout, i);

          if (box->kind == VL_MAP_BOX_NODE && box->node_kind == VL_NODE_KIND_GOAL)
            forget_text (self, box->kind, box->id);
        }
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  else if (kind == VL_KIND_ITEM)
    {
      gboolean shown = FALSE;

      for (guint i = 0; i < records->len; i++)
        {
          gint64 id = vl_record_get_rowid (records->pdata[i]);
          GArray *keys = g_hash_table_lookup (self->item_boxes, &id);

          for (guint k = 0; keys != NULL && k < keys->len; k++)
            g_hash_table_remove (self->texts, &g_array_index (keys, gint64, k));
          shown |= keys != NULL;
        }
      if (shown)
        {
          /* Release rows sum their items: count again, redraw. */
          index_items (self);
          for (guint i = 0; i < vl_map_layout_get_n_boxes (self->layout); i++)
            {
              const VlMapBox *box = vl_map_layout_get_box (self->layout, i);

              if (box->kind == VL_MAP_BOX_RELEASE || box->kind == VL_MAP_BOX_UNPLANNED ||
                  box->node_kind == VL_NODE_KIND_STEP)
                forget_text (self, box->kind, box->id);
            }
          update_accessible_label (self);
          gtk_widget_queue_draw (GTK_WIDGET (self));
        }
    }
}

static void
merged_cb (VlDocument  *document,
           VlMapCanvas *self)
{
  g_hash_table_remove_all (self->texts);
  vl_map_canvas_relayout (self);
}

/* A map first shows whole if it can be read so; else from its top-left
 * corner at a readable zoom (Ctrl+1 shows it whole). */
static void
fit (VlMapCanvas *self)
{
  VlRect bounds;

  if (self->layout == NULL || gtk_widget_get_width (GTK_WIDGET (self)) == 0)
    return;
  vl_map_layout_get_bounds (self->layout, &bounds);
  vl_viewport_fit (self->viewport, &bounds, 24, 1.0);
  if (vl_viewport_get_zoom (self->viewport) < 0.75)
    {
      vl_viewport_set_zoom (self->viewport, 0.75);
      vl_viewport_set_origin (self->viewport, bounds.x - 24 / 0.75, bounds.y - 24 / 0.75);
    }
  self->fitted = TRUE;
}

void
vl_map_canvas_set_map (VlMapCanvas *self,
                       VlRecord    *map)
{
  g_return_if_fail (VL_IS_MAP_CANVAS (self));
  g_return_if_fail (map == NULL || VL_IS_MAP (map));

  if (self->map == map)
    return;
  vl_map_canvas_finish_editing (self, TRUE);
  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_clear_object (&self->document);
    }
  g_set_object (&self->map, map);
  if (map != NULL)
    {
      self->document = g_object_ref (vl_record_get_document (map));
      g_signal_connect (self->document, "rows-changed", G_CALLBACK (rows_changed_cb), self);
      g_signal_connect (self->document, "merged", G_CALLBACK (merged_cb), self);
    }
  g_hash_table_remove_all (self->collapsed);
  g_hash_table_remove_all (self->texts);
  self->selected_id = -1;
  self->fitted = FALSE;
  vl_map_canvas_relayout (self);
  fit (self);
}

/* ---- selection ------------------------------------------------------------- */

int
vl_map_canvas_selected_box (VlMapCanvas *self)
{
  if (self->layout == NULL || self->selected_id < 0)
    return -1;
  return vl_map_layout_find (self->layout, self->selected_kind, self->selected_id);
}

void
vl_map_canvas_select_box (VlMapCanvas *self,
                          int          index)
{
  const VlMapBox *box;

  if (index < 0 || self->layout == NULL)
    self->selected_id = -1;
  else
    {
      box = vl_map_layout_get_box (self->layout, (guint) index);
      self->selected_kind = box->kind;
      self->selected_id = box->id;
      vl_viewport_ensure_visible (self->viewport, &box->rect, 24);
    }
  update_accessible_label (self);
  vl_map_canvas_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

/**
 * vl_map_canvas_dup_selected:
 *
 * Returns: (transfer full) (nullable): the selected node or card
 */
VlRecord *
vl_map_canvas_dup_selected (VlMapCanvas *self)
{
  int index;

  g_return_val_if_fail (VL_IS_MAP_CANVAS (self), NULL);
  index = vl_map_canvas_selected_box (self);
  if (index < 0)
    return NULL;
  return vl_map_canvas_box_record (self, vl_map_layout_get_box (self->layout, (guint) index));
}

/* Selects the box showing @record (a node or card), and shows it. */
void
vl_map_canvas_select (VlMapCanvas *self,
                      VlRecord    *record)
{
  g_return_if_fail (VL_IS_MAP_CANVAS (self));

  if (self->relayout_id != 0)
    vl_map_canvas_relayout (self);
  if (record == NULL || self->layout == NULL)
    {
      vl_map_canvas_select_box (self, -1);
      return;
    }
  vl_map_canvas_select_box (self, vl_map_layout_find (self->layout,
                                                      VL_IS_MAP_CARD (record) ? VL_MAP_BOX_CARD
                                                                              : VL_IS_MAP_NODE (record) &&
                                                                                vl_record_get_int (record, "kind") == VL_NODE_KIND_RELEASE
                                                                                ? VL_MAP_BOX_RELEASE
                                                                                : VL_MAP_BOX_NODE,
                                                      vl_record_get_rowid (record)));
}

/* Matches are shown in full, the rest dimmed; NULL or "" shows all. */
void
vl_map_canvas_set_highlight (VlMapCanvas *self,
                             const char  *text)
{
  g_return_if_fail (VL_IS_MAP_CANVAS (self));

  g_clear_pointer (&self->highlight, g_free);
  if (text != NULL && *text != '\0')
    self->highlight = g_utf8_casefold (text, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
matches (VlMapCanvas    *self,
         const VlMapBox *box)
{
  g_autofree char *title = NULL, *meta = NULL, *folded = NULL, *folded_meta = NULL;

  if (self->highlight == NULL)
    return TRUE;
  box_strings (self, box, &title, &meta);
  folded = g_utf8_casefold (title, -1);
  folded_meta = g_utf8_casefold (meta, -1);
  if (strstr (folded, self->highlight) != NULL || strstr (folded_meta, self->highlight) != NULL)
    return TRUE;
  /* A card's or deliverable's item: its AARRR stage and key result too. */
  {
    g_autoptr(VlRecord) record = vl_map_canvas_box_record (self, box);
    g_autoptr(VlRecord) item = record != NULL ? vl_record_dup_ref (record, "item") : NULL;
    g_autoptr(VlRecord) kr = item != NULL ? vl_record_dup_ref (item, "key-result") : NULL;
    const char *stage = item != NULL ? vl_enum_label ("aarrr", (int) vl_record_get_int (item, "aarrr")) : NULL;
    g_autofree char *s = g_utf8_casefold (stage != NULL ? stage : "", -1);
    g_autofree char *k = g_utf8_casefold (kr != NULL ? vl_record_get_title (kr) : "", -1);

    return strstr (s, self->highlight) != NULL || strstr (k, self->highlight) != NULL;
  }
}

/* ---- drawing ---------------------------------------------------------------- */

static void
fill_rounded (GtkSnapshot   *snapshot,
              const VlRect  *r,
              double         radius,
              const GdkRGBA *color)
{
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, &GRAPHENE_RECT_INIT (r->x, r->y, r->width, r->height), radius);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (r->x, r->y, r->width, r->height));
  gtk_snapshot_pop (snapshot);
}

static void
outline_rounded (GtkSnapshot   *snapshot,
                 const VlRect  *r,
                 double         radius,
                 double         width,
                 const GdkRGBA *color)
{
  GskRoundedRect rounded;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&rounded, &GRAPHENE_RECT_INIT (r->x, r->y, r->width, r->height), radius);
  gtk_snapshot_append_border (snapshot, &rounded, widths, colors);
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            double         alpha)
{
  GdkRGBA c = *color;

  c.alpha *= alpha;
  return c;
}

static const GdkRGBA *
stripe_color (VlMapCanvas    *self,
              const VlMapBox *box)
{
  if (box->kind == VL_MAP_BOX_CARD)
    {
      g_autoptr(VlRecord) card = vl_map_canvas_box_record (self, box);
      g_autoptr(VlRecord) item = card != NULL ? vl_record_dup_ref (card, "item") : NULL;
      int status = item != NULL ? (int) vl_record_get_int (item, "status") : 0;

      return &self->status_colors[CLAMP (status, 0, 6)];
    }
  return &self->kind_colors[CLAMP ((int) box->node_kind, 0, 6)];
}

/* An impact map's elbow from a parent's right side to a child's left. */
static void
draw_edge (VlMapCanvas    *self,
           GtkSnapshot    *snapshot,
           const VlMapBox *parent,
           const VlMapBox *child,
           double          line)
{
  GdkRGBA color = with_alpha (&self->fg, 0.35);
  double x0 = parent->rect.x + parent->rect.width, y0 = parent->rect.y + parent->rect.height / 2;
  double x1 = child->rect.x, y1 = child->rect.y + child->rect.height / 2, mid = (x0 + x1) / 2;

  gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (x0, y0 - line / 2, mid - x0, line));
  gtk_snapshot_append_color (snapshot, &color,
                             &GRAPHENE_RECT_INIT (mid - line / 2, MIN (y0, y1) - line / 2, line,
                                                  fabs (y1 - y0) + line));
  gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (mid, y1 - line / 2, x1 - mid, line));
}

static void
draw_text (VlMapCanvas    *self,
           GtkSnapshot    *snapshot,
           const VlMapBox *box,
           const GdkRGBA  *fg)
{
  VlBoxText *text = box_text (self, box);
  GdkRGBA dim = with_alpha (fg, 0.7);
  int title_h;
  double x = box->rect.x + STRIPE + PAD, y = box->rect.y + PAD * 0.7;

  gtk_snapshot_save (snapshot);
  if (box->kind == VL_MAP_BOX_CARD)
    {
      /* Cards: the title, the item's status and the rest below. */
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
      gtk_snapshot_append_layout (snapshot, text->title, fg);
      pango_layout_get_pixel_size (text->title, NULL, &title_h);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, box->rect.height - PAD * 1.7 - 14));
      gtk_snapshot_append_layout (snapshot, text->meta, &dim);
    }
  else if (box->kind == VL_MAP_BOX_RELEASE || box->kind == VL_MAP_BOX_UNPLANNED)
    {
      /* Release rows: the name, then the counts. */
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
      gtk_snapshot_append_layout (snapshot, text->title, fg);
      pango_layout_get_pixel_size (text->title, NULL, &title_h);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, title_h + 4));
      gtk_snapshot_append_layout (snapshot, text->meta, &dim);
    }
  else
    {
      /* Nodes: the kind above the title. */
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
      gtk_snapshot_append_layout (snapshot, text->meta, &dim);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, 18));
      gtk_snapshot_append_layout (snapshot, text->title, fg);
    }
  gtk_snapshot_restore (snapshot);
}

/* Far out a box is a block of its kind's colour (or its card's status):
 * one node for the renderer instead of five. */
static void
draw_block (VlMapCanvas    *self,
            GtkSnapshot    *snapshot,
            const VlMapBox *box,
            gboolean        selected)
{
  const VlRect *r = &box->rect;

  gtk_snapshot_append_color (snapshot, selected ? &self->accent : stripe_color (self, box),
                             &GRAPHENE_RECT_INIT (r->x, r->y, r->width, r->height));
}

static void
draw_box (VlMapCanvas    *self,
          GtkSnapshot    *snapshot,
          const VlMapBox *box,
          gboolean        with_text,
          gboolean        selected)
{
  const VlRect *r = &box->rect;
  const GdkRGBA *stripe = stripe_color (self, box);
  gboolean dimmed = !matches (self, box);
  GdkRGBA border = with_alpha (&self->fg, 0.18);
  VlRect bar = { r->x, r->y, STRIPE, r->height };

  if (dimmed)
    gtk_snapshot_push_opacity (snapshot, 0.3);
  fill_rounded (snapshot, r, RADIUS, &self->card);
  gtk_snapshot_push_rounded_clip (snapshot, &(GskRoundedRect) {
    .bounds = GRAPHENE_RECT_INIT (r->x, r->y, r->width, r->height),
    .corner = { { RADIUS, RADIUS }, { RADIUS, RADIUS }, { RADIUS, RADIUS }, { RADIUS, RADIUS } } });
  gtk_snapshot_append_color (snapshot, stripe, &GRAPHENE_RECT_INIT (bar.x, bar.y, bar.width, bar.height));
  gtk_snapshot_pop (snapshot);
  outline_rounded (snapshot, r, RADIUS, 1, &border);
  if (with_text)
    draw_text (self, snapshot, box, &self->fg);
  else
    {
      /* Far out: a bar where the title would be. */
      GdkRGBA bar_color = with_alpha (&self->fg, 0.25);

      gtk_snapshot_append_color (snapshot, &bar_color,
                                 &GRAPHENE_RECT_INIT (r->x + STRIPE + PAD, r->y + r->height / 2 - 6,
                                                      r->width * 0.6, 12));
    }
  if (box->collapsed)
    {
      /* A closed node shows a stack behind it. */
      GdkRGBA shade = with_alpha (&self->fg, 0.3);

      gtk_snapshot_append_color (snapshot, &shade,
                                 &GRAPHENE_RECT_INIT (r->x + RADIUS, r->y + r->height + 2,
                                                      r->width - 2 * RADIUS, 3));
    }
  if (dimmed)
    gtk_snapshot_pop (snapshot);
  if (selected)
    {
      VlRect around = { r->x - 3, r->y - 3, r->width + 6, r->height + 6 };

      outline_rounded (snapshot, &around, RADIUS + 3, 3, &self->accent);
    }
}

static void
draw_lanes (VlMapCanvas *self,
            GtkSnapshot *snapshot,
            GArray      *shown)
{
  GdkRGBA band = with_alpha (&self->fg, 0.035), line = with_alpha (&self->fg, 0.12);
  guint n = vl_map_layout_get_n_boxes (self->layout), row = 0;

  for (guint i = 0; i < n; i++)
    {
      const VlMapBox *box = vl_map_layout_get_box (self->layout, i);
      const VlRect *l = &box->lane;

      if (box->kind != VL_MAP_BOX_RELEASE && box->kind != VL_MAP_BOX_UNPLANNED)
        continue;
      if (row++ % 2 == 0)
        gtk_snapshot_append_color (snapshot, &band, &GRAPHENE_RECT_INIT (l->x, l->y, l->width, l->height));
      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (l->x, l->y, l->width, 1));
    }
}

static void
draw_drag (VlMapCanvas *self,
           GtkSnapshot *snapshot,
           gboolean     with_text)
{
  const VlMapBox *box = vl_map_layout_get_box (self->layout, (guint) self->drag_box);
  VlMapBox moved = *box;
  gint64 step, release;
  double wx = box->rect.x + self->drag_x, wy = box->rect.y + self->drag_y;

  /* Where it would land, then the box under the pointer. */
  if (box->kind == VL_MAP_BOX_CARD &&
      vl_map_layout_slot_at (self->layout, wx + box->rect.width / 2, wy + 10, &step, &release))
    {
      int step_box = vl_map_layout_find (self->layout, VL_MAP_BOX_NODE, step);
      int row_box = vl_map_layout_find (self->layout, release ? VL_MAP_BOX_RELEASE : VL_MAP_BOX_UNPLANNED,
                                        release);

      if (step_box >= 0 && row_box >= 0)
        {
          const VlRect *s = &vl_map_layout_get_box (self->layout, (guint) step_box)->rect;
          const VlRect *l = &vl_map_layout_get_box (self->layout, (guint) row_box)->lane;
          GdkRGBA target = with_alpha (&self->accent, 0.15);

          gtk_snapshot_append_color (snapshot, &target, &GRAPHENE_RECT_INIT (s->x - 4, l->y, s->width + 8, l->height));
        }
    }
  moved.rect.x = wx;
  moved.rect.y = wy;
  gtk_snapshot_push_opacity (snapshot, 0.85);
  draw_box (self, snapshot, &moved, with_text, TRUE);
  gtk_snapshot_pop (snapshot);
}

static void
vl_map_canvas_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  VlMapCanvas *self = VL_MAP_CANVAS (widget);
  double zoom = vl_viewport_get_zoom (self->viewport);
  gboolean with_text = zoom >= TEXT_MIN_ZOOM;
  int selected = vl_map_canvas_selected_box (self);
  g_autoptr(GArray) shown = NULL;
  VlRect visible;

  gtk_snapshot_append_color (snapshot, &self->bg,
                             &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                  gtk_widget_get_height (widget)));
  self->n_drawn = 0;
  if (self->layout == NULL)
    return;
  vl_viewport_get_visible (self->viewport, &visible);
  /* Edges reach a level to the left of what shows. */
  visible.x -= VL_MAP_LEVEL_GAP;
  visible.width += VL_MAP_LEVEL_GAP;
  shown = vl_map_layout_query (self->layout, &visible);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_scale (snapshot, zoom, zoom);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-vl_viewport_get_x (self->viewport),
                                                          -vl_viewport_get_y (self->viewport)));
  if (vl_map_layout_get_kind (self->layout) == VL_MAP_KIND_STORY)
    draw_lanes (self, snapshot, shown);
  else
    for (guint k = 0; k < shown->len; k++)
      {
        const VlMapBox *box = vl_map_layout_get_box (self->layout, g_array_index (shown, guint, k));

        if (box->parent >= 0)
          draw_edge (self, snapshot, vl_map_layout_get_box (self->layout, (guint) box->parent), box,
                     MAX (1.5, 1.0 / zoom));
      }
  for (guint k = 0; k < shown->len; k++)
    {
      guint i = g_array_index (shown, guint, k);

      if ((int) i == self->drag_box && self->dragging)
        continue;
      if (zoom < SHAPE_MIN_ZOOM)
        draw_block (self, snapshot, vl_map_layout_get_box (self->layout, i), (int) i == selected);
      else
        draw_box (self, snapshot, vl_map_layout_get_box (self->layout, i), with_text, (int) i == selected);
      self->n_drawn++;
    }
  if (self->drag_box >= 0 && self->dragging)
    draw_drag (self, snapshot, with_text);
  gtk_snapshot_restore (snapshot);
  if (self->editor != NULL)
    gtk_widget_snapshot_child (widget, self->editor, snapshot);
}

/* ---- size --------------------------------------------------------------------- */

static void
vl_map_canvas_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = 120;
  *natural = 600;
}

static void
vl_map_canvas_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  VlMapCanvas *self = VL_MAP_CANVAS (widget);

  vl_viewport_set_size (self->viewport, width, height);
  if (!self->fitted)
    fit (self);
  if (self->editor != NULL)
    {
      int index = self->layout != NULL
                  ? vl_map_layout_find (self->layout, (VlMapBoxKind) (self->editing_key & 3), self->editing_key >> 2)
                  : -1;
      double x = 0, y = 0, zoom = vl_viewport_get_zoom (self->viewport);
      int w = 200, h, min_h;

      if (index >= 0)
        {
          const VlRect *r = &vl_map_layout_get_box (self->layout, (guint) index)->rect;

          vl_viewport_world_to_view (self->viewport, r->x, r->y, &x, &y);
          w = (int) MAX (r->width * zoom, 120);
        }
      gtk_widget_measure (self->editor, GTK_ORIENTATION_VERTICAL, w, &min_h, &h, NULL, NULL);
      gtk_widget_size_allocate (self->editor, &(GtkAllocation) { (int) x, (int) y, w, MAX (min_h, h) }, -1);
    }
}

static void
viewport_changed_cb (VlMapCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->editor != NULL)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* ---- pointer -------------------------------------------------------------------- */

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           VlMapCanvas              *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static gboolean
scroll_cb (GtkEventControllerScroll *scroll,
           double                    dx,
           double                    dy,
           VlMapCanvas              *self)
{
  GdkModifierType mods = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  gboolean smooth = gtk_event_controller_scroll_get_unit (scroll) == GDK_SCROLL_UNIT_SURFACE;

  if (mods & GDK_CONTROL_MASK)
    {
      /* Wheel notches zoom in steps; a touchpad zooms smoothly. */
      vl_viewport_zoom_at (self->viewport, self->pointer_x, self->pointer_y,
                           pow (smooth ? 1.01 : 1.2, -dy));
      return TRUE;
    }
  if (mods & GDK_SHIFT_MASK && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  vl_viewport_pan (self->viewport, -dx * (smooth ? 1 : 60), -dy * (smooth ? 1 : 60));
  return TRUE;
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               VlMapCanvas      *self)
{
  self->zoom_start = vl_viewport_get_zoom (self->viewport);
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          scale,
                       VlMapCanvas    *self)
{
  double cx, cy;

  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy);
  vl_viewport_zoom_at (self->viewport, cx, cy,
                       self->zoom_start * scale / vl_viewport_get_zoom (self->viewport));
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               VlMapCanvas    *self)
{
  double wx, wy;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  vl_map_canvas_finish_editing (self, TRUE);
  self->dragging = FALSE;
  self->drag_box = -1;
  self->drag_x = self->drag_y = 0;
  if (self->layout == NULL)
    return;
  vl_viewport_view_to_world (self->viewport, x, y, &wx, &wy);
  self->drag_box = vl_map_layout_hit (self->layout, wx, wy);
  self->panning = self->drag_box < 0 ||
                  gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) != GDK_BUTTON_PRIMARY;
  if (self->panning)
    self->drag_box = -1;
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                VlMapCanvas    *self)
{
  double zoom = vl_viewport_get_zoom (self->viewport);

  if (!self->dragging && hypot (dx, dy) < 6)
    return;
  self->dragging = TRUE;
  if (self->panning)
    {
      vl_viewport_pan (self->viewport, dx - self->drag_x * zoom, dy - self->drag_y * zoom);
      self->drag_x = dx / zoom;
      self->drag_y = dy / zoom;
      return;
    }
  self->drag_x = dx / zoom;
  self->drag_y = dy / zoom;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             VlMapCanvas    *self)
{
  double sx, sy, wx, wy;
  int box = self->drag_box;
  gboolean dragged = self->dragging;

  gtk_gesture_drag_get_start_point (gesture, &sx, &sy);
  self->drag_box = -1;
  self->dragging = FALSE;
  if (self->layout == NULL)
    return;
  if (!dragged)
    {
      /* A click: select what is under the pointer (or nothing). */
      vl_viewport_view_to_world (self->viewport, sx, sy, &wx, &wy);
      vl_map_canvas_select_box (self, vl_map_layout_hit (self->layout, wx, wy));
      return;
    }
  if (self->panning || box < 0)
    return;
  vl_viewport_view_to_world (self->viewport, sx + dx, sy + dy, &wx, &wy);
  vl_map_canvas_select_box (self, box);
  vl_map_canvas_drop_box (self, box, wx, wy);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A double click opens a card's item, or edits a node's title. */
static void
pressed_cb (GtkGestureClick *click,
            int              n_press,
            double           x,
            double           y,
            VlMapCanvas     *self)
{
  if (n_press == 2 && vl_map_canvas_selected_box (self) >= 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "map.activate", NULL);
}

/* ---- GObject ---------------------------------------------------------------------- */

gsize
vl_map_canvas_get_memory (VlMapCanvas *self)
{
  gsize bytes = self->layout != NULL ? vl_map_layout_get_memory (self->layout) : 0;
  GHashTableIter iter;
  VlBoxText *text;

  /* Pango keeps a layout's lines and runs: count a layout by its lines. */
  g_hash_table_iter_init (&iter, self->texts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &text))
    bytes += sizeof *text + 2 * 320 +
             (gsize) (pango_layout_get_line_count (text->title) + 1) * 160 +
             strlen (pango_layout_get_text (text->title)) + strlen (pango_layout_get_text (text->meta));
  return bytes;
}

static void
vl_map_canvas_dispose (GObject *object)
{
  VlMapCanvas *self = VL_MAP_CANVAS (object);

  vl_map_canvas_finish_editing (self, FALSE);
  vl_map_canvas_drop_editors (self);
  vl_map_canvas_set_map (self, NULL);
  g_clear_handle_id (&self->relayout_id, g_source_remove);
  if (self->viewport != NULL)
    g_signal_handlers_disconnect_by_data (self->viewport, self);
  g_clear_object (&self->viewport);
  g_clear_pointer (&self->layout, vl_map_layout_free);
  g_clear_pointer (&self->collapsed, g_hash_table_unref);
  g_clear_pointer (&self->texts, g_hash_table_unref);
  g_clear_pointer (&self->item_boxes, g_hash_table_unref);
  g_clear_pointer (&self->release_cost, g_hash_table_unref);
  g_clear_pointer (&self->release_done, g_hash_table_unref);
  g_clear_pointer (&self->highlight, g_free);

  G_OBJECT_CLASS (vl_map_canvas_parent_class)->dispose (object);
}

static void
vl_map_canvas_class_init (VlMapCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vl_map_canvas_dispose;
  widget_class->snapshot = vl_map_canvas_snapshot;
  widget_class->measure = vl_map_canvas_measure;
  widget_class->size_allocate = vl_map_canvas_size_allocate;
  widget_class->css_changed = vl_map_canvas_css_changed;

  /**
   * VlMapCanvas::open-item:
   * @item: the backlog item of the card or deliverable
   */
  signals[OPEN_ITEM] = g_signal_new ("open-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1, VL_TYPE_RECORD);
  signals[SELECTION_CHANGED] = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Laid out again: the outline view follows. */
  signals[LAYOUT_CHANGED] = g_signal_new ("layout-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_css_name (widget_class, "map-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_WIDGET);
  vl_map_canvas_init_actions (klass);
}

static void
vl_map_canvas_init (VlMapCanvas *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *zoom = gtk_gesture_zoom_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->viewport = vl_viewport_new ();
  self->collapsed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, box_text_free);
  self->item_boxes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            (GDestroyNotify) g_array_unref);
  self->release_cost = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->release_done = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->selected_id = -1;
  self->drag_box = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (GTK_WIDGET (self), "view");
  g_signal_connect_swapped (self->viewport, "notify", G_CALLBACK (viewport_changed_cb), self);

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (zoom, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  vl_map_canvas_init_typing (self);
  read_colors (self);
}
