/* vl-node-writer.c — a node tree to cairo (PNG, PDF, print) and to SVG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-render"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "vl-map-paint.h"
#include "vl-node-writer.h"

/* The characters a tagged text run carries, and whether it is an
 * ellipsis standing for them; NULL for any other node. */
static const char *
tagged_text (GskRenderNode *node,
             gboolean      *elided)
{
  const char *message;
  GskRenderNode *child;

  if (gsk_render_node_get_node_type (node) != GSK_DEBUG_NODE)
    return NULL;
  message = gsk_debug_node_get_message (node);
  child = gsk_debug_node_get_child (node);
  if (message == NULL || gsk_render_node_get_node_type (child) != GSK_TEXT_NODE)
    return NULL;
  *elided = g_str_has_prefix (message, VL_MAP_ELIDED_TAG);
  if (*elided)
    return message + strlen (VL_MAP_ELIDED_TAG);
  if (g_str_has_prefix (message, VL_MAP_TEXT_TAG))
    return message + strlen (VL_MAP_TEXT_TAG);
  return NULL;
}

/* A text node's drawable glyphs, placed (as pango_cairo would). */
static cairo_glyph_t *
text_glyphs (GskRenderNode *node,
             int           *n_glyphs,
             double        *advance)
{
  /* (GTK 4.8 does not give the count back through get_glyphs.) */
  guint n = gsk_text_node_get_num_glyphs (node);
  const PangoGlyphInfo *glyphs = gsk_text_node_get_glyphs (node, NULL);
  const graphene_point_t *offset = gsk_text_node_get_offset (node);
  cairo_glyph_t *out = g_new (cairo_glyph_t, MAX (n, 1));
  int x = 0, count = 0;

  for (guint i = 0; i < n; i++)
    {
      const PangoGlyphInfo *g = &glyphs[i];

      if (g->glyph != PANGO_GLYPH_EMPTY && (g->glyph & PANGO_GLYPH_UNKNOWN_FLAG) == 0)
        {
          out[count].index = g->glyph;
          out[count].x = offset->x + (double) (x + g->geometry.x_offset) / PANGO_SCALE;
          out[count].y = offset->y + (double) g->geometry.y_offset / PANGO_SCALE;
          count++;
        }
      x += g->geometry.width;
    }
  *n_glyphs = count;
  *advance = (double) x / PANGO_SCALE;
  return out;
}

/* ---- cairo ------------------------------------------------------------------ */

static void
rounded_path (cairo_t              *cr,
              const GskRoundedRect *r)
{
  const graphene_rect_t *b = &r->bounds;
  const graphene_size_t *c = r->corner;   /* top left, top right, bottom right, bottom left */

  cairo_new_sub_path (cr);
  cairo_move_to (cr, b->origin.x + c[0].width, b->origin.y);
  cairo_line_to (cr, b->origin.x + b->size.width - c[1].width, b->origin.y);
  cairo_save (cr);
  cairo_translate (cr, b->origin.x + b->size.width - c[1].width, b->origin.y + c[1].height);
  cairo_scale (cr, MAX (c[1].width, 1e-6), MAX (c[1].height, 1e-6));
  cairo_arc (cr, 0, 0, 1, -G_PI / 2, 0);
  cairo_restore (cr);
  cairo_line_to (cr, b->origin.x + b->size.width, b->origin.y + b->size.height - c[2].height);
  cairo_save (cr);
  cairo_translate (cr, b->origin.x + b->size.width - c[2].width, b->origin.y + b->size.height - c[2].height);
  cairo_scale (cr, MAX (c[2].width, 1e-6), MAX (c[2].height, 1e-6));
  cairo_arc (cr, 0, 0, 1, 0, G_PI / 2);
  cairo_restore (cr);
  cairo_line_to (cr, b->origin.x + c[3].width, b->origin.y + b->size.height);
  cairo_save (cr);
  cairo_translate (cr, b->origin.x + c[3].width, b->origin.y + b->size.height - c[3].height);
  cairo_scale (cr, MAX (c[3].width, 1e-6), MAX (c[3].height, 1e-6));
  cairo_arc (cr, 0, 0, 1, G_PI / 2, G_PI);
  cairo_restore (cr);
  cairo_line_to (cr, b->origin.x, b->origin.y + c[0].height);
  cairo_save (cr);
  cairo_translate (cr, b->origin.x + c[0].width, b->origin.y + c[0].height);
  cairo_scale (cr, MAX (c[0].width, 1e-6), MAX (c[0].height, 1e-6));
  cairo_arc (cr, 0, 0, 1, G_PI, 3 * G_PI / 2);
  cairo_restore (cr);
  cairo_close_path (cr);
}

/* A tagged run: its glyphs, with its characters attached as one cluster
 * (a PDF's text then reads as the title, even where it was cut). */
static void
draw_tagged (GskRenderNode *text,
             const char    *chars,
             cairo_t       *cr)
{
  int n = 0;
  double advance;
  g_autofree cairo_glyph_t *glyphs = text_glyphs (text, &n, &advance);
  PangoFont *font = gsk_text_node_get_font (text);
  cairo_text_cluster_t cluster = { (int) strlen (chars), n };

  if (n == 0 || !PANGO_IS_CAIRO_FONT (font))
    {
      gsk_render_node_draw (text, cr);
      return;
    }
  cairo_save (cr);
  cairo_set_scaled_font (cr, pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (font)));
  gdk_cairo_set_source_rgba (cr, gsk_text_node_get_color (text));
  if (cluster.num_bytes > 0)
    cairo_show_text_glyphs (cr, chars, cluster.num_bytes, glyphs, n, &cluster, 1, 0);
  else
    cairo_show_glyphs (cr, glyphs, n);
  cairo_restore (cr);
}

/**
 * vl_node_draw_cairo:
 *
 * Draws @node as GSK's cairo renderer would, walking the containers,
 * transforms, clips and opacities itself so that tagged text reaches
 * cairo with its characters.
 */
void
vl_node_draw_cairo (GskRenderNode *node,
                    cairo_t       *cr)
{
  gboolean elided;
  const char *chars;
  float xx, yx, xy, yy, dx, dy;
  cairo_matrix_t matrix;

  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        vl_node_draw_cairo (gsk_container_node_get_child (node, i), cr);
      return;
    case GSK_TRANSFORM_NODE:
      if (gsk_transform_get_category (gsk_transform_node_get_transform (node)) < GSK_TRANSFORM_CATEGORY_2D)
        break;
      gsk_transform_to_2d (gsk_transform_node_get_transform (node), &xx, &yx, &xy, &yy, &dx, &dy);
      cairo_save (cr);
      cairo_matrix_init (&matrix, xx, yx, xy, yy, dx, dy);
      cairo_transform (cr, &matrix);
      vl_node_draw_cairo (gsk_transform_node_get_child (node), cr);
      cairo_restore (cr);
      return;
    case GSK_OPACITY_NODE:
      cairo_push_group (cr);
      vl_node_draw_cairo (gsk_opacity_node_get_child (node), cr);
      cairo_pop_group_to_source (cr);
      cairo_paint_with_alpha (cr, gsk_opacity_node_get_opacity (node));
      return;
    case GSK_CLIP_NODE:
      {
        const graphene_rect_t *clip = gsk_clip_node_get_clip (node);

        cairo_save (cr);
        cairo_rectangle (cr, clip->origin.x, clip->origin.y, clip->size.width, clip->size.height);
        cairo_clip (cr);
        vl_node_draw_cairo (gsk_clip_node_get_child (node), cr);
        cairo_restore (cr);
      }
      return;
    case GSK_ROUNDED_CLIP_NODE:
      cairo_save (cr);
      rounded_path (cr, gsk_rounded_clip_node_get_clip (node));
      cairo_clip (cr);
      vl_node_draw_cairo (gsk_rounded_clip_node_get_child (node), cr);
      cairo_restore (cr);
      return;
    case GSK_DEBUG_NODE:
      chars = tagged_text (node, &elided);
      if (chars != NULL)
        draw_tagged (gsk_debug_node_get_child (node), chars, cr);
      else
        vl_node_draw_cairo (gsk_debug_node_get_child (node), cr);
      return;
    default:
      break;
    }
  gsk_render_node_draw (node, cr);
}

/* ---- SVG -------------------------------------------------------------------- */

typedef struct
{
  GString *out;
  guint    next_id;
} Svg;

/* Numbers as SVG reads them, whatever the locale's decimal mark. */
static void
num (GString *s,
     double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  g_ascii_formatd (buf, sizeof buf, "%.3f", value);
  end = buf + strlen (buf) - 1;
  while (end > buf && *end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  g_string_append (s, strcmp (buf, "-0") == 0 ? "0" : buf);
}

static void
attr (GString    *s,
      const char *name,
      double      value)
{
  g_string_append_printf (s, " %s=\"", name);
  num (s, value);
  g_string_append_c (s, '"');
}

static void
paint_attrs (GString       *s,
             const char    *what,
             const GdkRGBA *color)
{
  g_string_append_printf (s, " %s=\"#%02x%02x%02x\"", what, (guint) (CLAMP (color->red, 0, 1) * 255 + 0.5),
                          (guint) (CLAMP (color->green, 0, 1) * 255 + 0.5),
                          (guint) (CLAMP (color->blue, 0, 1) * 255 + 0.5));
  if (color->alpha < 1)
    {
      g_string_append_printf (s, " %s-opacity=\"", what);
      num (s, color->alpha);
      g_string_append_c (s, '"');
    }
}

static void
svg_rounded_path (GString              *s,
                  const GskRoundedRect *r)
{
  const graphene_rect_t *b = &r->bounds;
  const graphene_size_t *c = r->corner;
  double x = b->origin.x, y = b->origin.y, w = b->size.width, h = b->size.height;
  const struct { double x, y; } pts[] = {
    { x + c[0].width, y }, { x + w - c[1].width, y }, { x + w, y + c[1].height },
    { x + w, y + h - c[2].height }, { x + w - c[2].width, y + h }, { x + c[3].width, y + h },
    { x, y + h - c[3].height }, { x, y + c[0].height }, { x + c[0].width, y },
  };
  const graphene_size_t *arcs[] = { &c[1], &c[2], &c[3], &c[0] };

  g_string_append (s, "M");
  num (s, pts[0].x);
  g_string_append_c (s, ' ');
  num (s, pts[0].y);
  for (guint i = 0; i < 4; i++)
    {
      g_string_append (s, "L");
      num (s, pts[2 * i + 1].x);
      g_string_append_c (s, ' ');
      num (s, pts[2 * i + 1].y);
      g_string_append (s, "A");
      num (s, arcs[i]->width);
      g_string_append_c (s, ' ');
      num (s, arcs[i]->height);
      g_string_append (s, " 0 0 1 ");
      num (s, pts[2 * i + 2].x);
      g_string_append_c (s, ' ');
      num (s, pts[2 * i + 2].y);
    }
  g_string_append (s, "Z");
}

static void
svg_rect (GString               *s,
          const graphene_rect_t *r)
{
  attr (s, "x", r->origin.x);
  attr (s, "y", r->origin.y);
  attr (s, "width", r->size.width);
  attr (s, "height", r->size.height);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* What this writer cannot say as SVG: a picture of the node itself, at
 * twice its size. */
static void
svg_picture (Svg           *svg,
             GskRenderNode *node)
{
  graphene_rect_t bounds;
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autofree char *base64 = NULL;
  int w, h;

  gsk_render_node_get_bounds (node, &bounds);
  w = (int) ceil (bounds.size.width * 2);
  h = (int) ceil (bounds.size.height * 2);
  if (w <= 0 || h <= 0 || w > 16384 || h > 16384)
    return;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  cairo_scale (cr, 2, 2);
  cairo_translate (cr, -bounds.origin.x, -bounds.origin.y);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_bytes, png);
  cairo_surface_destroy (surface);
  base64 = g_base64_encode (png->data, png->len);
  g_string_append (svg->out, "<image");
  svg_rect (svg->out, &bounds);
  g_string_append_printf (svg->out, " href=\"data:image/png;base64,%s\"/>\n", base64);
}

static void svg_node (Svg *svg, GskRenderNode *node);

static void
svg_text (Svg           *svg,
          GskRenderNode *text,
          const char    *chars,
          gboolean       elided)
{
  GString *s = svg->out;
  PangoFont *font = gsk_text_node_get_font (text);
  g_autoptr(PangoFontDescription) desc = pango_font_describe_with_absolute_size (font);
  const graphene_point_t *offset = gsk_text_node_get_offset (text);
  g_autofree char *escaped = g_markup_escape_text (chars, -1);
  g_autofree char *family = g_markup_escape_text (pango_font_description_get_family (desc) != NULL
                                                  ? pango_font_description_get_family (desc) : "sans-serif", -1);
  g_autofree cairo_glyph_t *glyphs = NULL;
  double advance;
  int n;

  glyphs = text_glyphs (text, &n, &advance);
  if (n == 0)
    return;
  g_string_append (s, "<text xml:space=\"preserve\"");
  attr (s, "x", offset->x);
  attr (s, "y", offset->y);
  g_string_append_printf (s, " font-family=\"%s, sans-serif\"", family);
  attr (s, "font-size", pango_font_description_get_size (desc) / (double) PANGO_SCALE);
  if (pango_font_description_get_weight (desc) != PANGO_WEIGHT_NORMAL)
    g_string_append_printf (s, " font-weight=\"%d\"", (int) pango_font_description_get_weight (desc));
  if (pango_font_description_get_style (desc) != PANGO_STYLE_NORMAL)
    g_string_append (s, " font-style=\"italic\"");
  paint_attrs (s, "fill", gsk_text_node_get_color (text));
  /* The same width as drawn, whichever font the viewer finds. */
  attr (s, "textLength", advance);
  g_string_append (s, " lengthAdjust=\"spacingAndGlyphs\">");
  if (elided)
    g_string_append_printf (s, "<title>%s</title>…", escaped);
  else
    g_string_append (s, escaped);
  g_string_append (s, "</text>\n");
}

static void
svg_node (Svg           *svg,
          GskRenderNode *node)
{
  GString *s = svg->out;
  gboolean elided;
  const char *chars;
  float xx, yx, xy, yy, dx, dy;
  guint id;

  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        svg_node (svg, gsk_container_node_get_child (node, i));
      return;
    case GSK_TRANSFORM_NODE:
      if (gsk_transform_get_category (gsk_transform_node_get_transform (node)) < GSK_TRANSFORM_CATEGORY_2D)
        break;
      gsk_transform_to_2d (gsk_transform_node_get_transform (node), &xx, &yx, &xy, &yy, &dx, &dy);
      g_string_append (s, "<g transform=\"matrix(");
      num (s, xx);
      g_string_append_c (s, ' ');
      num (s, yx);
      g_string_append_c (s, ' ');
      num (s, xy);
      g_string_append_c (s, ' ');
      num (s, yy);
      g_string_append_c (s, ' ');
      num (s, dx);
      g_string_append_c (s, ' ');
      num (s, dy);
      g_string_append (s, ")\">\n");
      svg_node (svg, gsk_transform_node_get_child (node));
      g_string_append (s, "</g>\n");
      return;
    case GSK_OPACITY_NODE:
      g_string_append (s, "<g");
      attr (s, "opacity", gsk_opacity_node_get_opacity (node));
      g_string_append (s, ">\n");
      svg_node (svg, gsk_opacity_node_get_child (node));
      g_string_append (s, "</g>\n");
      return;
    case GSK_CLIP_NODE:
      id = svg->next_id++;
      g_string_append_printf (s, "<clipPath id=\"c%u\"><rect", id);
      svg_rect (s, gsk_clip_node_get_clip (node));
      g_string_append_printf (s, "/></clipPath>\n<g clip-path=\"url(#c%u)\">\n", id);
      svg_node (svg, gsk_clip_node_get_child (node));
      g_string_append (s, "</g>\n");
      return;
    case GSK_ROUNDED_CLIP_NODE:
      id = svg->next_id++;
      g_string_append_printf (s, "<clipPath id=\"c%u\"><path d=\"", id);
      svg_rounded_path (s, gsk_rounded_clip_node_get_clip (node));
      g_string_append_printf (s, "\"/></clipPath>\n<g clip-path=\"url(#c%u)\">\n", id);
      svg_node (svg, gsk_rounded_clip_node_get_child (node));
      g_string_append (s, "</g>\n");
      return;
    case GSK_COLOR_NODE:
      {
        graphene_rect_t bounds;

        gsk_render_node_get_bounds (node, &bounds);
        g_string_append (s, "<rect");
        svg_rect (s, &bounds);
        paint_attrs (s, "fill", gsk_color_node_get_color (node));
        g_string_append (s, "/>\n");
      }
      return;
    case GSK_BORDER_NODE:
      {
        const GdkRGBA *colors = gsk_border_node_get_colors (node);
        const float *widths = gsk_border_node_get_widths (node);
        GskRoundedRect inner = *gsk_border_node_get_outline (node);

        if (!gdk_rgba_equal (&colors[0], &colors[1]) || !gdk_rgba_equal (&colors[0], &colors[2]) ||
            !gdk_rgba_equal (&colors[0], &colors[3]))
          break;
        /* The ring between the outline and the outline shrunk by the widths. */
        gsk_rounded_rect_shrink (&inner, widths[0], widths[1], widths[2], widths[3]);
        g_string_append (s, "<path fill-rule=\"evenodd\" d=\"");
        svg_rounded_path (s, gsk_border_node_get_outline (node));
        svg_rounded_path (s, &inner);
        g_string_append_c (s, '"');
        paint_attrs (s, "fill", &colors[0]);
        g_string_append (s, "/>\n");
      }
      return;
    case GSK_DEBUG_NODE:
      chars = tagged_text (node, &elided);
      if (chars != NULL)
        svg_text (svg, gsk_debug_node_get_child (node), chars, elided);
      else
        svg_node (svg, gsk_debug_node_get_child (node));
      return;
    default:
      break;
    }

  svg_picture (svg, node);
}

/**
 * vl_node_to_svg:
 * @area: the part of @node's coordinates to show
 * @width: (and @height) the picture's size, in pixels
 *
 * Returns: (transfer full): an SVG document
 */
char *
vl_node_to_svg (GskRenderNode         *node,
                const graphene_rect_t *area,
                double                 width,
                double                 height,
                const char            *title)
{
  Svg svg = { g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"), 0 };
  g_autofree char *escaped = g_markup_escape_text (title != NULL ? title : "", -1);

  g_string_append (svg.out, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"");
  attr (svg.out, "width", width);
  attr (svg.out, "height", height);
  g_string_append (svg.out, " viewBox=\"");
  num (svg.out, area->origin.x);
  g_string_append_c (svg.out, ' ');
  num (svg.out, area->origin.y);
  g_string_append_c (svg.out, ' ');
  num (svg.out, area->size.width);
  g_string_append_c (svg.out, ' ');
  num (svg.out, area->size.height);
  g_string_append_printf (svg.out, "\">\n<title>%s</title>\n", escaped);
  svg_node (&svg, node);
  g_string_append (svg.out, "</svg>\n");
  return g_string_free (svg.out, FALSE);
}

/**
 * vl_node_append_layout:
 * @tagged: wrap each run in a debug node carrying its characters, for the
 *   exports (an elided run carries the text it stands for, so a cut title
 *   is still whole in a PDF's or SVG's text)
 *
 * Appends @layout run by run, as GTK would draw it.
 */
void
vl_node_append_layout (GtkSnapshot   *snapshot,
                       PangoLayout   *layout,
                       const GdkRGBA *color,
                       gboolean       tagged)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  const char *text = pango_layout_get_text (layout);

  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
      PangoRectangle logical;
      GskRenderNode *node;
      int baseline;

      if (run == NULL)
        continue;
      pango_layout_iter_get_run_extents (iter, NULL, &logical);
      baseline = pango_layout_iter_get_baseline (iter);
      node = gsk_text_node_new (run->item->analysis.font, run->glyphs, color,
                                &GRAPHENE_POINT_INIT (logical.x / (float) PANGO_SCALE,
                                                      baseline / (float) PANGO_SCALE));
      if (node == NULL)
        continue;
      if (tagged)
        {
          g_autofree char *chars = g_strndup (text + run->item->offset, (gsize) run->item->length);
          gboolean elided = (run->item->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS) != 0;
          GskRenderNode *wrapped = gsk_debug_node_new (node, g_strconcat (elided ? VL_MAP_ELIDED_TAG
                                                                                 : VL_MAP_TEXT_TAG,
                                                                          chars, NULL));

          gsk_render_node_unref (node);
          node = wrapped;
        }
      gtk_snapshot_append_node (snapshot, node);
      gsk_render_node_unref (node);
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);
}
