/* vl-map-export.c — a map as PNG, SVG or PDF, on pages, or as a handout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-render"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "vl-map.h"
#include "vl-map-export.h"
#include "vl-map-paint.h"
#include "vl-map-steps.h"
#include "vl-node-writer.h"

#define MAP_MARGIN     24.0    /* world units around a whole map */
#define PT_PER_PX      0.75    /* 96 pixels an inch, 72 points */
#define MAX_PNG_SIDE   32767   /* cairo's image surfaces */
#define MAX_PDF_SIDE   14400.0 /* points: the largest page PDF readers take */
#define MIN_PAGE_SCALE 0.5     /* points per world unit: titles at 7 pt */
#define HEADER         20.0    /* points above a page's picture */

/* ---- drawing a map without a widget ---------------------------------------- */

typedef struct
{
  VlRecord     *map;
  VlMapLayout  *layout;
  VlMapPaint   *paint;
  VlRect        bounds;
} Render;

static PangoContext *
export_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Cantarell 11");
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted, so that a picture is the same at every size and on paper. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (context, 96);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_context_set_font_description (context, font);
  pango_context_set_language (context, pango_language_get_default ());
  return context;
}

static void
render_init (Render     *r,
             VlRecord   *map,
             GHashTable *collapsed)
{
  PangoContext *context;

  /* GTK registers its node types in gtk_init(); without a display, here. */
  g_type_ensure (GSK_TYPE_CONTAINER_NODE);
  context = export_context ();
  r->map = g_object_ref (map);
  r->layout = vl_map_build_layout (map, collapsed);
  r->paint = vl_map_paint_new (context);
  g_object_unref (context);
  vl_map_paint_set_style (r->paint, VL_MAP_STYLE_PRINT);
  vl_map_paint_set_layout (r->paint, vl_record_get_document (map), r->layout);
  vl_map_layout_get_bounds (r->layout, &r->bounds);
}

static void
render_clear (Render *r)
{
  g_clear_pointer (&r->paint, vl_map_paint_free);
  g_clear_pointer (&r->layout, vl_map_layout_free);
  g_clear_object (&r->map);
}

/* The map's nodes for @area, on white, with @lit in full light. */
static GskRenderNode *
render_area (Render       *r,
             const VlRect *area,
             GArray       *lit)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GdkRGBA white = { 1, 1, 1, 1 };

  vl_map_paint_set_lit (r->paint, lit);
  gtk_snapshot_append_color (snapshot, &white, &GRAPHENE_RECT_INIT (area->x, area->y, area->width, area->height));
  vl_map_paint_draw (r->paint, snapshot, area, 1.0, -1, -1);
  return gtk_snapshot_free_to_node (snapshot);
}

static VlRect
whole_area (Render *r)
{
  return (VlRect) { r->bounds.x - MAP_MARGIN, r->bounds.y - MAP_MARGIN,
                    r->bounds.width + 2 * MAP_MARGIN, r->bounds.height + 2 * MAP_MARGIN };
}

/**
 * vl_map_export_render:
 * @area: (out): the part of the node's coordinates the map takes
 *
 * The whole map as the exports draw it (for tests and the print preview).
 *
 * Returns: (transfer full):
 */
GskRenderNode *
vl_map_export_render (VlRecord        *map,
                      GHashTable      *collapsed,
                      graphene_rect_t *area)
{
  Render r = { 0 };
  VlRect whole;
  GskRenderNode *node;

  render_init (&r, map, collapsed);
  whole = whole_area (&r);
  node = render_area (&r, &whole, NULL);
  graphene_rect_init (area, whole.x, whole.y, whole.width, whole.height);
  render_clear (&r);
  return node;
}

/* ---- pages ------------------------------------------------------------------ */

struct _VlMapPages
{
  Render     r;
  gboolean   steps;
  double     width, height, margin;
  GPtrArray *tiles;   /* VlMapStep: what each page shows */
  double     scale;   /* points per world unit, for map pages */
};

static void
content_size (VlMapPages *self,
              double     *w,
              double     *h)
{
  *w = MAX (self->width - 2 * self->margin, 1);
  *h = MAX (self->height - 2 * self->margin - HEADER, 1);
}

/**
 * vl_map_pages_new:
 * @steps: the projector's steps, one a page (a handout), rather than the
 *   map on as few pages as keep it readable
 * @page_width: (and @page_height) in points
 * @margin: points kept blank around each page (0 when a printer's
 *   context already leaves them)
 */
VlMapPages *
vl_map_pages_new (VlRecord   *map,
                  GHashTable *collapsed,
                  gboolean    steps,
                  double      page_width,
                  double      page_height,
                  double      margin)
{
  VlMapPages *self = g_new0 (VlMapPages, 1);
  g_autoptr(GPtrArray) all = NULL;
  double cw, ch, fit;

  render_init (&self->r, map, collapsed);
  self->steps = steps;
  self->width = page_width;
  self->height = page_height;
  self->margin = margin;
  content_size (self, &cw, &ch);
  if (steps)
    {
      all = vl_map_dup_steps (map, self->r.layout);
      self->tiles = vl_map_steps_split (all, self->r.layout, cw, ch, 0, MIN_PAGE_SCALE);
      return self;
    }
  fit = MIN (cw / self->r.bounds.width, ch / self->r.bounds.height);
  all = g_ptr_array_new_with_free_func ((GDestroyNotify) vl_map_step_free);
  {
    /* The whole map as one step, every box lit: split where it must be. */
    VlMapStep *whole = g_new0 (VlMapStep, 1);

    whole->title = g_strdup (vl_record_get_title (map));
    whole->frame = self->r.bounds;
    whole->anchor = 0;
    whole->part = whole->n_parts = 1;
    whole->lit = g_array_new (FALSE, FALSE, sizeof (guint));
    for (guint i = 0; i < vl_map_layout_get_n_boxes (self->r.layout); i++)
      g_array_append_val (whole->lit, i);
    g_ptr_array_add (all, whole);
  }
  self->scale = fit >= MIN_PAGE_SCALE ? MIN (fit, PT_PER_PX) : MIN_PAGE_SCALE;
  self->tiles = vl_map_steps_split (all, self->r.layout, cw, ch, 0, self->scale);
  return self;
}

guint
vl_map_pages_get_n_pages (VlMapPages *self)
{
  return self->tiles->len;
}

static void
draw_header (VlMapPages *self,
             cairo_t    *cr,
             const char *left,
             const char *right)
{
  g_autoptr(GObject) context = G_OBJECT (export_context ());
  g_autoptr(PangoLayout) layout = pango_layout_new (PANGO_CONTEXT (context));
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Cantarell 8");
  int w, h;

  pango_cairo_update_context (cr, PANGO_CONTEXT (context));
  pango_layout_set_font_description (layout, font);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.7);
  pango_layout_set_text (layout, left, -1);
  pango_layout_set_width (layout, (int) ((self->width - 2 * self->margin) * 0.6 * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  cairo_move_to (cr, self->margin, self->margin);
  pango_cairo_show_layout (cr, layout);
  pango_layout_set_width (layout, -1);
  pango_layout_set_text (layout, right, -1);
  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (cr, self->width - self->margin - (double) w / PANGO_SCALE, self->margin);
  pango_cairo_show_layout (cr, layout);
}

/* Draws page @page (0-based) at the cairo context's origin, in points. */
void
vl_map_pages_draw (VlMapPages *self,
                   guint       page,
                   cairo_t    *cr)
{
  const VlMapStep *tile;
  g_autofree char *left = NULL, *right = NULL, *label = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  VlRect area;
  double cw, ch, scale;

  g_return_if_fail (page < self->tiles->len);
  tile = self->tiles->pdata[page];
  content_size (self, &cw, &ch);
  label = vl_map_step_dup_label (tile);
  if (self->steps)
    {
      left = g_strdup (label);
      /* Translators: a handout page: "Step 3 of 12 · Shopper buys on mobile" */
      right = g_strdup_printf (_("Step %u of %u · %s"), page + 1, self->tiles->len,
                               vl_record_get_title (self->r.map));
      scale = MIN (MIN (cw / MAX (tile->frame.width, 1), ch / MAX (tile->frame.height, 1)), 1.0);
    }
  else
    {
      left = g_strdup (vl_record_get_title (self->r.map));
      /* Translators: a printed map's page: "Page 2 of 6" */
      right = g_strdup_printf (_("Page %u of %u"), page + 1, self->tiles->len);
      scale = self->scale;
    }
  draw_header (self, cr, left, right);
  /* The frame, centred in what the page has below its header. */
  area.width = cw / scale;
  area.height = ch / scale;
  area.x = tile->frame.x - (area.width - tile->frame.width) / 2;
  area.y = tile->frame.y - (area.height - tile->frame.height) / 2;
  if (!self->steps && tile->n_parts > 1)
    {
      /* A map on several pages: each page from its tile's corner. */
      area.x = tile->frame.x;
      area.y = tile->frame.y;
    }
  node = render_area (&self->r, &area, self->steps ? tile->lit : NULL);
  cairo_save (cr);
  cairo_rectangle (cr, self->margin, self->margin + HEADER, cw, ch);
  cairo_clip (cr);
  cairo_translate (cr, self->margin, self->margin + HEADER);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -area.x, -area.y);
  vl_node_draw_cairo (node, cr);
  cairo_restore (cr);
}

void
vl_map_pages_free (VlMapPages *self)
{
  if (self == NULL)
    return;
  render_clear (&self->r);
  g_clear_pointer (&self->tiles, g_ptr_array_unref);
  g_free (self);
}

/* ---- files ---------------------------------------------------------------------- */

gboolean
vl_map_export_format_for_name (const char        *name,
                               VlMapExportFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  if (g_str_has_suffix (lower, ".png"))
    *format = VL_MAP_EXPORT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = VL_MAP_EXPORT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = VL_MAP_EXPORT_PDF;
  else
    return FALSE;
  return TRUE;
}

/* Writes go to a new file that replaces @file when closed; on a failure
 * it is dropped, and what was there stays. */
typedef struct
{
  GOutputStream *out;
  GCancellable  *cancel;
  GError        *error;
} Sink;

static cairo_status_t
sink_write (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  Sink *sink = closure;

  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (sink->out, data, length, NULL, NULL, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
sink_open (Sink    *sink,
           GFile   *file,
           GError **error)
{
  sink->cancel = g_cancellable_new ();
  sink->out = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                               NULL, error));
  if (sink->out == NULL)
    g_clear_object (&sink->cancel);
  return sink->out != NULL;
}

static gboolean
sink_close (Sink            *sink,
            GFile           *file,
            cairo_status_t   status,
            GError         **error)
{
  gboolean ok = sink->error == NULL && status == CAIRO_STATUS_SUCCESS;
  g_autofree char *name = g_file_get_parse_name (file);

  if (!ok)
    g_cancellable_cancel (sink->cancel);   /* the new file goes, the old stays */
  if (!g_output_stream_close (sink->out, sink->cancel, ok && sink->error == NULL ? &sink->error : NULL))
    ok = FALSE;
  if (!ok)
    {
      if (sink->error != NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), name,
                     sink->error->message);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), name,
                     cairo_status_to_string (status));
    }
  g_clear_error (&sink->error);
  g_clear_object (&sink->out);
  g_clear_object (&sink->cancel);
  return ok;
}

static gboolean
export_png (Render                   *r,
            GFile                    *file,
            const VlMapExportOptions *options,
            GError                  **error)
{
  VlRect area = whole_area (r);
  double scale = options->scale > 0 ? options->scale : 1;
  int w = (int) ceil (area.width * scale), h = (int) ceil (area.height * scale);
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  Sink sink = { 0 };

  if (w > MAX_PNG_SIDE || h > MAX_PNG_SIDE)
    {
      /* Translators: %d×%d is a picture's size in pixels */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The map is too large for a PNG picture (%d×%d pixels): export it as SVG or PDF"), w, h);
      return FALSE;
    }
  node = render_area (r, &area, NULL);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -area.x, -area.y);
  vl_node_draw_cairo (node, cr);
  cairo_destroy (cr);
  if (!sink_open (&sink, file, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  status = cairo_surface_write_to_png_stream (surface, sink_write, &sink);
  cairo_surface_destroy (surface);
  return sink_close (&sink, file, status, error);
}

static gboolean
export_svg (Render  *r,
            GFile   *file,
            GError **error)
{
  VlRect area = whole_area (r);
  g_autoptr(GskRenderNode) node = render_area (r, &area, NULL);
  g_autofree char *svg = vl_node_to_svg (node, &GRAPHENE_RECT_INIT (area.x, area.y, area.width, area.height),
                                         area.width, area.height, vl_record_get_title (r->map));
  Sink sink = { 0 };

  if (!sink_open (&sink, file, error))
    return FALSE;
  return sink_close (&sink, file, sink_write (&sink, (const guchar *) svg, (guint) strlen (svg)), error);
}

static void
paper_size (VlPaper paper,
            double *width,
            double *height)
{
  /* Points: ISO A4 is 210×297 mm, US Letter 8.5×11 in. */
  *width = paper == VL_PAPER_LETTER ? 612 : 595.276;
  *height = paper == VL_PAPER_LETTER ? 792 : 841.89;
}

static gboolean
export_pdf (Render                   *r,
            GFile                    *file,
            const VlMapExportOptions *options,
            guint                    *n_pages,
            GError                  **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  Sink sink = { 0 };

  if (!sink_open (&sink, file, error))
    return FALSE;
  if (options->paper == VL_PAPER_NONE && !options->steps)
    {
      /* One page the map's size (at most what PDF readers open). */
      VlRect area = whole_area (r);
      double scale = MIN (PT_PER_PX, MIN (MAX_PDF_SIDE / area.width, MAX_PDF_SIDE / area.height));
      g_autoptr(GskRenderNode) node = render_area (r, &area, NULL);

      surface = cairo_pdf_surface_create_for_stream (sink_write, &sink, area.width * scale, area.height * scale);
      cr = cairo_create (surface);
      cairo_scale (cr, scale, scale);
      cairo_translate (cr, -area.x, -area.y);
      vl_node_draw_cairo (node, cr);
      *n_pages = 1;
    }
  else
    {
      g_autoptr(VlMapPages) pages = NULL;
      double w, h;

      paper_size (options->paper == VL_PAPER_NONE ? VL_PAPER_A4 : options->paper, &w, &h);
      /* Landscape for a handout (screens are wide) and for wide maps. */
      if (options->steps || r->bounds.width > r->bounds.height)
        {
          double t = w;

          w = h;
          h = t;
        }
      pages = vl_map_pages_new (r->map, options->collapsed, options->steps, w, h, 36);
      surface = cairo_pdf_surface_create_for_stream (sink_write, &sink, w, h);
      cr = cairo_create (surface);
      for (guint i = 0; i < vl_map_pages_get_n_pages (pages); i++)
        {
          cairo_save (cr);
          vl_map_pages_draw (pages, i, cr);
          cairo_restore (cr);
          cairo_show_page (cr);
        }
      *n_pages = vl_map_pages_get_n_pages (pages);
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, vl_record_get_title (r->map));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Valueloop");
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return sink_close (&sink, file, status, error);
}

/**
 * vl_map_export:
 * @n_pages: (out) (optional): pages written (1 for PNG and SVG)
 *
 * Writes @map to @file. The file is replaced only once it is complete.
 */
gboolean
vl_map_export (VlRecord                 *map,
               GFile                    *file,
               const VlMapExportOptions *options,
               guint                    *n_pages,
               GError                  **error)
{
  Render r = { 0 };
  guint pages = 1;
  gboolean ok;

  g_return_val_if_fail (VL_IS_MAP (map), FALSE);
  render_init (&r, map, options->collapsed);
  switch (options->format)
    {
    case VL_MAP_EXPORT_PNG:
      ok = export_png (&r, file, options, error);
      break;
    case VL_MAP_EXPORT_SVG:
      ok = export_svg (&r, file, error);
      break;
    case VL_MAP_EXPORT_PDF:
    default:
      ok = export_pdf (&r, file, options, &pages, error);
      break;
    }
  render_clear (&r);
  if (n_pages != NULL)
    *n_pages = pages;
  return ok;
}
