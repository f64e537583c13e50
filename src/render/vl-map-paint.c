/* vl-map-paint.c — the one drawing of a map: boxes, edges, lanes and texts
 *
 * Only what the layout's spatial index finds in the visible area is drawn;
 * a box's title and details are laid out once (one pair of Pango layouts
 * per box, kept until its text changes). Far out, boxes lose their text,
 * then become plain blocks. Texts are drawn run by run, so that exports
 * can tag each run with its characters (vl-node-writer.c turns the tags
 * into real text in SVG and PDF).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-map-paint"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "vl-labels.h"
#include "vl-map.h"
#include "vl-map-paint.h"
#include "vl-node-writer.h"
#include "vl-okr.h"

#define TEXT_MIN_ZOOM 0.33   /* on screen, below this boxes are drawn without text */
#define SHAPE_MIN_ZOOM 0.12  /* below this, as plain coloured blocks */
#define PAD           10.0
#define RADIUS        8.0

typedef struct
{
  PangoLayout *title;
  PangoLayout *meta;
  guint        frame;   /* the frame that last drew it */
} BoxText;

struct _VlMapPaint
{
  PangoContext *context;
  VlDocument   *document;
  VlMapLayout  *layout;       /* borrowed: the owner keeps it while set */
  VlMapStyle    style;
  VlMapColors   colors;
  GHashTable   *texts;        /* box key → BoxText, built when first drawn */
  GHashTable   *item_boxes;   /* item id → GArray of box keys showing it */
  GHashTable   *release_cost; /* release id → total cost (double *) */
  GHashTable   *release_done; /* release id → launched cards */
  char         *highlight;    /* folded text, or NULL */
  guint8       *lit;          /* per box: drawn in full light; NULL: all */
  guint         n_lit;        /* boxes in @lit */
  double        min_text;     /* pixels: smaller titles are not drawn */
  guint         n_drawn;
  guint         frame;        /* counts drawn frames, for the text cache */
};

static void
box_text_free (gpointer data)
{
  BoxText *text = data;

  g_clear_object (&text->title);
  g_clear_object (&text->meta);
  g_free (text);
}

static gint64
box_key (VlMapBoxKind kind,
         gint64       id)
{
  return id * 8 + kind;   /* as the layout's */
}

VlMapPaint *
vl_map_paint_new (PangoContext *context)
{
  VlMapPaint *self = g_new0 (VlMapPaint, 1);

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);
  self->context = g_object_ref (context);
  self->texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, box_text_free);
  self->item_boxes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            (GDestroyNotify) g_array_unref);
  self->release_cost = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->release_done = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  vl_map_paint_get_light_colors (&self->colors);
  return self;
}

void
vl_map_paint_free (VlMapPaint *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->context);
  g_clear_object (&self->document);
  g_clear_pointer (&self->texts, g_hash_table_unref);
  g_clear_pointer (&self->item_boxes, g_hash_table_unref);
  g_clear_pointer (&self->release_cost, g_hash_table_unref);
  g_clear_pointer (&self->release_done, g_hash_table_unref);
  g_clear_pointer (&self->highlight, g_free);
  g_clear_pointer (&self->lit, g_free);
  g_free (self);
}

/* Fonts may have changed: texts are laid out again when drawn. */
void
vl_map_paint_set_context (VlMapPaint   *self,
                          PangoContext *context)
{
  g_set_object (&self->context, context);
  g_hash_table_remove_all (self->texts);
}

void
vl_map_paint_set_colors (VlMapPaint        *self,
                         const VlMapColors *colors)
{
  self->colors = *colors;
}

/* Adwaita's light palette: what exports and prints use, whatever the
 * desktop's style (paper is white). */
void
vl_map_paint_get_light_colors (VlMapColors *colors)
{
  static const char *kinds[] = { "#3584e4", "#9141ac", "#ff7800", "#2ec27e", "#3584e4", "#62a0ea", "#b5835a" };
  static const char *statuses[] = { "#9a9996", "#3584e4", "#c061cb", "#ae7b03", "#26a269", "#26a269", "#c01c28" };

  gdk_rgba_parse (&colors->fg, "rgba(0,0,0,0.8)");
  gdk_rgba_parse (&colors->bg, "#ffffff");
  gdk_rgba_parse (&colors->card, "#ffffff");
  gdk_rgba_parse (&colors->accent, "#1c71d8");
  gdk_rgba_parse (&colors->accent_fg, "#ffffff");
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      gdk_rgba_parse (&colors->kinds[i], kinds[i]);
      gdk_rgba_parse (&colors->statuses[i], statuses[i]);
    }
}

void
vl_map_paint_set_style (VlMapPaint *self,
                        VlMapStyle  style)
{
  if (self->style == style)
    return;
  self->style = style;
  g_hash_table_remove_all (self->texts);   /* the projector's titles are bold */
}

VlMapStyle
vl_map_paint_get_style (VlMapPaint *self)
{
  return self->style;
}

/**
 * vl_map_paint_box_record:
 *
 * Returns: (transfer full) (nullable): the node or card a box shows
 */
VlRecord *
vl_map_paint_box_record (VlDocument     *document,
                         const VlMapBox *box)
{
  if (document == NULL || box->kind == VL_MAP_BOX_UNPLANNED || box->kind == VL_MAP_BOX_LOOSE)
    return NULL;
  return vl_document_lookup (document, box->kind == VL_MAP_BOX_CARD ? VL_KIND_MAP_CARD : VL_KIND_MAP_NODE,
                             box->id);
}

static void
add_item_box (VlMapPaint *self,
              gint64      item,
              gint64      key)
{
  GArray *keys = g_hash_table_lookup (self->item_boxes, &item);

  if (keys == NULL)
    {
      keys = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (self->item_boxes, g_memdup2 (&item, sizeof item), keys);
    }
  g_array_append_val (keys, key);
}

/**
 * vl_map_paint_recount:
 *
 * Indexes which boxes show which item, and counts each release's cost
 * and launches again (every card counts, shown or not).
 */
void
vl_map_paint_recount (VlMapPaint *self)
{
  guint n = self->layout != NULL ? vl_map_layout_get_n_boxes (self->layout) : 0;

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
      record = vl_map_paint_box_record (self->document, box);
      item = record != NULL ? vl_record_dup_ref (record, "item") : NULL;
      if (item == NULL)
        continue;
      add_item_box (self, vl_record_get_rowid (item), box_key (box->kind, box->id));
      if (box->kind != VL_MAP_BOX_CARD)
        continue;
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

/* A new layout of the map (texts stay: they are keyed by box). */
void
vl_map_paint_set_layout (VlMapPaint  *self,
                         VlDocument  *document,
                         VlMapLayout *layout)
{
  if (document != self->document)
    g_hash_table_remove_all (self->texts);
  g_set_object (&self->document, document);
  self->layout = layout;
  g_clear_pointer (&self->lit, g_free);
  self->n_lit = 0;
  vl_map_paint_recount (self);
}

void
vl_map_paint_forget_texts (VlMapPaint *self)
{
  g_hash_table_remove_all (self->texts);
}

void
vl_map_paint_forget_box (VlMapPaint   *self,
                         VlMapBoxKind  kind,
                         gint64        id)
{
  gint64 key = box_key (kind, id);

  g_hash_table_remove (self->texts, &key);
}

/* Forgets the texts of the boxes showing @item; FALSE when none does. */
gboolean
vl_map_paint_forget_item (VlMapPaint *self,
                          gint64      item)
{
  GArray *keys = g_hash_table_lookup (self->item_boxes, &item);

  for (guint k = 0; keys != NULL && k < keys->len; k++)
    g_hash_table_remove (self->texts, &g_array_index (keys, gint64, k));
  return keys != NULL;
}

/* Boxes in full light (indices into the layout); NULL lights all. */
void
vl_map_paint_set_lit (VlMapPaint *self,
                      GArray     *boxes)
{
  guint n = self->layout != NULL ? vl_map_layout_get_n_boxes (self->layout) : 0;

  g_clear_pointer (&self->lit, g_free);
  self->n_lit = 0;
  if (boxes == NULL)
    return;
  self->lit = g_new0 (guint8, MAX (n, 1));
  for (guint i = 0; i < boxes->len; i++)
    {
      guint index = g_array_index (boxes, guint, i);

      if (index < n && !self->lit[index])
        {
          self->lit[index] = 1;
          self->n_lit++;
        }
    }
}

gboolean
vl_map_paint_is_lit (VlMapPaint *self,
                     guint       index)
{
  return self->lit == NULL || self->lit[index];
}

/* The title font's height in pixels at zoom 1. */
double
vl_map_paint_get_title_size (VlMapPaint *self)
{
  const PangoFontDescription *font = pango_context_get_font_description (self->context);
  double dpi = pango_cairo_context_get_resolution (self->context);
  double size = font != NULL ? pango_font_description_get_size (font) / (double) PANGO_SCALE : 0;

  if (size <= 0)
    size = 11;
  if (font != NULL && pango_font_description_get_size_is_absolute (font))
    return size;
  return size * (dpi > 0 ? dpi : 96) / 72;
}

/* Titles that would be drawn smaller than @pixels are not drawn at all
 * (the projector's readable minimum); 0 goes back to the screen's rule. */
void
vl_map_paint_set_min_text (VlMapPaint *self,
                           double      pixels)
{
  self->min_text = pixels;
}

/* The smallest zoom at which texts are drawn. */
double
vl_map_paint_get_text_zoom (VlMapPaint *self)
{
  if (self->min_text > 0)
    return self->min_text / vl_map_paint_get_title_size (self);
  return TEXT_MIN_ZOOM;
}

guint
vl_map_paint_get_n_drawn (VlMapPaint *self)
{
  return self->n_drawn;
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
node_meta (VlRecord       *node,
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
release_meta (VlMapPaint     *self,
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
box_strings (VlMapPaint     *self,
             const VlMapBox *box,
             char          **title,
             char          **meta)
{
  g_autoptr(VlRecord) record = vl_map_paint_box_record (self->document, box);

  if (box->kind == VL_MAP_BOX_LOOSE)
    {
      *title = g_strdup (_("No step"));
      /* Translators: the column of story cards whose step was deleted */
      *meta = g_strdup (_("STEP DELETED ELSEWHERE · DRAG THESE CARDS TO A STEP"));
    }
  else if (box->kind == VL_MAP_BOX_UNPLANNED)
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
      *meta = box->kind == VL_MAP_BOX_RELEASE ? release_meta (self, box) : node_meta (record, box);
    }
}

static double
stripe_width (VlMapPaint *self)
{
  return self->style == VL_MAP_STYLE_PROJECTOR ? 10.0 : 6.0;
}

static PangoLayout *
make_layout (VlMapPaint *self,
             const char *text,
             double      width,
             int         lines,
             gboolean    small)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, -lines);
  if (small)
    pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
  else if (self->style == VL_MAP_STYLE_PROJECTOR)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static BoxText *
box_text (VlMapPaint     *self,
          const VlMapBox *box)
{
  gint64 key = box_key (box->kind, box->id);
  BoxText *text = g_hash_table_lookup (self->texts, &key);
  g_autofree char *title = NULL, *meta = NULL;
  double width = box->rect.width - 2 * PAD - stripe_width (self);
  gboolean row = box->kind == VL_MAP_BOX_RELEASE || box->kind == VL_MAP_BOX_UNPLANNED;

  if (text != NULL)
    {
      text->frame = self->frame;
      return text;
    }
  box_strings (self, box, &title, &meta);
  text = g_new0 (BoxText, 1);
  text->title = make_layout (self, title, width, 2, FALSE);
  text->meta = make_layout (self, meta, width, row ? 3 : 1, TRUE);
  text->frame = self->frame;
  g_hash_table_insert (self->texts, g_memdup2 (&key, sizeof key), text);
  return text;
}

static gboolean
matches (VlMapPaint     *self,
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
    g_autoptr(VlRecord) record = vl_map_paint_box_record (self->document, box);
    g_autoptr(VlRecord) item = record != NULL ? vl_record_dup_ref (record, "item") : NULL;
    g_autoptr(VlRecord) kr = item != NULL ? vl_record_dup_ref (item, "key-result") : NULL;
    const char *stage = item != NULL ? vl_enum_label ("aarrr", (int) vl_record_get_int (item, "aarrr")) : NULL;
    g_autofree char *s = g_utf8_casefold (stage != NULL ? stage : "", -1);
    g_autofree char *k = g_utf8_casefold (kr != NULL ? vl_record_get_title (kr) : "", -1);

    return strstr (s, self->highlight) != NULL || strstr (k, self->highlight) != NULL;
  }
}

/* Matches are shown in full, the rest dimmed; NULL or "" shows all. */
void
vl_map_paint_set_highlight (VlMapPaint *self,
                            const char *text)
{
  g_clear_pointer (&self->highlight, g_free);
  if (text != NULL && *text != '\0')
    self->highlight = g_utf8_casefold (text, -1);
}

/* How many boxes the highlight shows in full (all with no highlight). */
guint
vl_map_paint_count_highlighted (VlMapPaint *self)
{
  guint n = 0;

  for (guint i = 0; self->layout != NULL && i < vl_map_layout_get_n_boxes (self->layout); i++)
    n += matches (self, vl_map_layout_get_box (self->layout, i));
  return n;
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
stripe_color (VlMapPaint     *self,
              const VlMapBox *box)
{
  if (box->kind == VL_MAP_BOX_CARD)
    {
      g_autoptr(VlRecord) card = vl_map_paint_box_record (self->document, box);
      g_autoptr(VlRecord) item = card != NULL ? vl_record_dup_ref (card, "item") : NULL;
      int status = item != NULL ? (int) vl_record_get_int (item, "status") : 0;

      return &self->colors.statuses[CLAMP (status, 0, 6)];
    }
  return &self->colors.kinds[CLAMP ((int) box->node_kind, 0, 6)];
}

/* An impact map's elbow from a parent's right side to a child's left. */
static void
draw_edge (VlMapPaint     *self,
           GtkSnapshot    *snapshot,
           const VlMapBox *parent,
           const VlMapBox *child,
           guint           child_index,
           double          line)
{
  gboolean lit = self->lit == NULL || (self->lit[child->parent] && self->lit[child_index]);
  GdkRGBA color = with_alpha (&self->colors.fg, self->style == VL_MAP_STYLE_PROJECTOR ? 0.7 : 0.35);
  double x0 = parent->rect.x + parent->rect.width, y0 = parent->rect.y + parent->rect.height / 2;
  double x1 = child->rect.x, y1 = child->rect.y + child->rect.height / 2, mid = (x0 + x1) / 2;

  if (!lit)
    color.alpha *= 0.3;
  gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (x0, y0 - line / 2, mid - x0, line));
  gtk_snapshot_append_color (snapshot, &color,
                             &GRAPHENE_RECT_INIT (mid - line / 2, MIN (y0, y1) - line / 2, line,
                                                  fabs (y1 - y0) + line));
  gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (mid, y1 - line / 2, x1 - mid, line));
}

/* Exports tag each text run with its characters (vl-node-writer.c). */
static void
append_layout (VlMapPaint    *self,
               GtkSnapshot   *snapshot,
               PangoLayout   *layout,
               const GdkRGBA *color)
{
  vl_node_append_layout (snapshot, layout, color, self->style == VL_MAP_STYLE_PRINT);
}

static void
draw_text (VlMapPaint     *self,
           GtkSnapshot    *snapshot,
           const VlMapBox *box,
           const GdkRGBA  *fg)
{
  BoxText *text = box_text (self, box);
  GdkRGBA dim = with_alpha (fg, self->style == VL_MAP_STYLE_PROJECTOR ? 0.9 : 0.7);
  int title_h;
  double x = box->rect.x + stripe_width (self) + PAD, y = box->rect.y + PAD * 0.7;

  gtk_snapshot_save (snapshot);
  if (box->kind == VL_MAP_BOX_CARD)
    {
      /* Cards: the title, the item's status and the rest below. */
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
      append_layout (self, snapshot, text->title, fg);
      pango_layout_get_pixel_size (text->title, NULL, &title_h);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, box->rect.height - PAD * 1.7 - 14));
      append_layout (self, snapshot, text->meta, &dim);
    }
  else if (box->kind == VL_MAP_BOX_RELEASE || box->kind == VL_MAP_BOX_UNPLANNED)
    {
      /* Release rows: the name, then the counts. */
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
      append_layout (self, snapshot, text->title, fg);
      pango_layout_get_pixel_size (text->title, NULL, &title_h);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, title_h + 4));
      append_layout (self, snapshot, text->meta, &dim);
    }
  else
    {
      /* Nodes: the kind above the title. */
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
      append_layout (self, snapshot, text->meta, &dim);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, 18));
      append_layout (self, snapshot, text->title, fg);
    }
  gtk_snapshot_restore (snapshot);
}

/* Far out a box is a block of its kind's colour (or its card's status):
 * one node for the renderer instead of five. */
static void
draw_block (VlMapPaint     *self,
            GtkSnapshot    *snapshot,
            const VlMapBox *box,
            gboolean        selected)
{
  const VlRect *r = &box->rect;

  gtk_snapshot_append_color (snapshot, selected ? &self->colors.accent : stripe_color (self, box),
                             &GRAPHENE_RECT_INIT (r->x, r->y, r->width, r->height));
}

static void
draw_box (VlMapPaint     *self,
          GtkSnapshot    *snapshot,
          const VlMapBox *box,
          gboolean        dimmed,
          gboolean        with_text,
          gboolean        selected)
{
  const VlRect *r = &box->rect;
  const GdkRGBA *stripe = stripe_color (self, box);
  gboolean projector = self->style == VL_MAP_STYLE_PROJECTOR;
  GdkRGBA border = with_alpha (&self->colors.fg, projector ? 0.85 : 0.18);
  VlRect bar = { r->x, r->y, stripe_width (self), r->height };

  if (dimmed)
    gtk_snapshot_push_opacity (snapshot, projector ? 0.25 : 0.3);
  fill_rounded (snapshot, r, RADIUS, &self->colors.card);
  gtk_snapshot_push_rounded_clip (snapshot, &(GskRoundedRect) {
    .bounds = GRAPHENE_RECT_INIT (r->x, r->y, r->width, r->height),
    .corner = { { RADIUS, RADIUS }, { RADIUS, RADIUS }, { RADIUS, RADIUS }, { RADIUS, RADIUS } } });
  gtk_snapshot_append_color (snapshot, stripe, &GRAPHENE_RECT_INIT (bar.x, bar.y, bar.width, bar.height));
  gtk_snapshot_pop (snapshot);
  outline_rounded (snapshot, r, RADIUS, projector ? 3 : 1, &border);
  if (with_text)
    draw_text (self, snapshot, box, &self->colors.fg);
  else
    {
      /* Far out: a bar where the title would be. */
      GdkRGBA bar_color = with_alpha (&self->colors.fg, 0.25);

      gtk_snapshot_append_color (snapshot, &bar_color,
                                 &GRAPHENE_RECT_INIT (r->x + bar.width + PAD, r->y + r->height / 2 - 6,
                                                      r->width * 0.6, 12));
    }
  if (box->collapsed)
    {
      /* A closed node shows a stack behind it. */
      GdkRGBA shade = with_alpha (&self->colors.fg, 0.3);

      gtk_snapshot_append_color (snapshot, &shade,
                                 &GRAPHENE_RECT_INIT (r->x + RADIUS, r->y + r->height + 2,
                                                      r->width - 2 * RADIUS, 3));
    }
  if (dimmed)
    gtk_snapshot_pop (snapshot);
  if (selected)
    {
      VlRect around = { r->x - 3, r->y - 3, r->width + 6, r->height + 6 };

      outline_rounded (snapshot, &around, RADIUS + 3, projector ? 5 : 3, &self->colors.accent);
    }
}

static void
draw_lanes (VlMapPaint  *self,
            GtkSnapshot *snapshot)
{
  GdkRGBA band = with_alpha (&self->colors.fg, 0.035), line = with_alpha (&self->colors.fg, 0.12);
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

/**
 * vl_map_paint_draw_moved:
 *
 * Draws box @index moved by (@dx, @dy) world units (a drag), and where a
 * card would land, over a drawing made by vl_map_paint_draw() at @zoom.
 */
void
vl_map_paint_draw_moved (VlMapPaint  *self,
                         GtkSnapshot *snapshot,
                         int          index,
                         double       dx,
                         double       dy,
                         double       zoom)
{
  const VlMapBox *box = vl_map_layout_get_box (self->layout, (guint) index);
  VlMapBox moved = *box;
  gint64 step, release;
  double wx = box->rect.x + dx, wy = box->rect.y + dy;

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
          GdkRGBA target = with_alpha (&self->colors.accent, 0.15);

          gtk_snapshot_append_color (snapshot, &target, &GRAPHENE_RECT_INIT (s->x - 4, l->y, s->width + 8, l->height));
        }
    }
  moved.rect.x = wx;
  moved.rect.y = wy;
  gtk_snapshot_push_opacity (snapshot, 0.85);
  draw_box (self, snapshot, &moved, FALSE, zoom >= vl_map_paint_get_text_zoom (self), TRUE);
  gtk_snapshot_pop (snapshot);
}

/* Laid-out texts cost a few kilobytes a box: keep those of the boxes on
 * screen and about as many more (a pan back finds them), not a whole
 * large map's. */
static void
forget_unseen_texts (VlMapPaint *self)
{
  GHashTableIter iter;
  BoxText *text;

  if (g_hash_table_size (self->texts) <= MAX (256, 2 * self->n_drawn))
    return;
  g_hash_table_iter_init (&iter, self->texts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &text))
    if (text->frame != self->frame)
      g_hash_table_iter_remove (&iter);
}

/**
 * vl_map_paint_draw:
 * @visible: the world area to draw (what lies outside may be left out)
 * @zoom: how many pixels a world unit is; the caller has scaled and
 *   translated @snapshot to world units already
 * @selected: the box drawn as selected, or -1
 *
 * Draws the boxes of the layout that lie in @visible.
 */
void
vl_map_paint_draw (VlMapPaint   *self,
                   GtkSnapshot  *snapshot,
                   const VlRect *visible,
                   double        zoom,
                   int           selected,
                   int           skip)
{
  gboolean with_text = zoom >= vl_map_paint_get_text_zoom (self);
  gboolean projector = self->style == VL_MAP_STYLE_PROJECTOR;
  g_autoptr(GArray) shown = NULL;
  VlRect area = *visible;

  self->n_drawn = 0;
  self->frame++;
  if (self->layout == NULL)
    return;
  /* Edges reach a level to the left of what shows. */
  area.x -= VL_MAP_LEVEL_GAP;
  area.width += VL_MAP_LEVEL_GAP;
  shown = vl_map_layout_query (self->layout, &area);
  if (vl_map_layout_get_kind (self->layout) == VL_MAP_KIND_STORY)
    draw_lanes (self, snapshot);
  else
    for (guint k = 0; k < shown->len; k++)
      {
        guint i = g_array_index (shown, guint, k);
        const VlMapBox *box = vl_map_layout_get_box (self->layout, i);

        if (box->parent >= 0)
          draw_edge (self, snapshot, vl_map_layout_get_box (self->layout, (guint) box->parent), box, i,
                     MAX (projector ? 3.0 : 1.5, 1.0 / zoom));
      }
  for (guint k = 0; k < shown->len; k++)
    {
      guint i = g_array_index (shown, guint, k);
      const VlMapBox *box = vl_map_layout_get_box (self->layout, i);

      if ((int) i == skip)
        continue;
      if (zoom < SHAPE_MIN_ZOOM)
        draw_block (self, snapshot, box, (int) i == selected);
      else
        draw_box (self, snapshot, box, !vl_map_paint_is_lit (self, i) || !matches (self, box), with_text,
                  (int) i == selected);
      self->n_drawn++;
    }
  forget_unseen_texts (self);
}

gsize
vl_map_paint_get_memory (VlMapPaint *self)
{
  gsize bytes = 0;
  GHashTableIter iter;
  BoxText *text;

  /* Pango keeps a layout's lines and runs: count a layout by its lines. */
  g_hash_table_iter_init (&iter, self->texts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &text))
    bytes += sizeof *text + 2 * 320 +
             (gsize) (pango_layout_get_line_count (text->title) + 1) * 160 +
             strlen (pango_layout_get_text (text->title)) + strlen (pango_layout_get_text (text->meta));
  return bytes;
}
