/* test-map-export.c — maps as PNG, SVG and PDF, on pages and as the
 * projector's handout: sizes, every title as real text, a page a step
 *
 * No display: the exports draw with the map's painter alone (as the CLI
 * does). PDF text is read back with pdftotext and page counts with
 * pdfinfo (Debian's poppler-utils).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "vl-map.h"
#include "vl-map-export.h"
#include "vl-map-steps.h"
#include "vl-sample.h"
#include "vl-test-util.h"

static VlDocument *doc;

/* Whitespace runs as one space: lines of a wrapped title join up. */
static char *
squeeze (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \n\r\t\f", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", words[i]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Every node's title and every card's item title, as the map shows them. */
static GPtrArray *
map_titles (VlRecord *map)
{
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListModel) nodes = vl_document_list (doc, VL_KIND_MAP_NODE, "map", map);
  g_autoptr(GListModel) cards = vl_document_list (doc, VL_KIND_MAP_CARD, "map", map);

  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(VlRecord) node = g_list_model_get_item (nodes, i);

      g_ptr_array_add (titles, squeeze (vl_record_get_title (node)));
    }
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(VlRecord) card = g_list_model_get_item (cards, i);
      g_autoptr(VlRecord) item = vl_record_dup_ref (card, "item");

      g_ptr_array_add (titles, squeeze (vl_record_get_title (item)));
    }
  g_assert_cmpuint (titles->len, >, 10);
  return titles;
}

static char *
export_to (VlRecord                 *map,
           const char               *name,
           const VlMapExportOptions *options,
           guint                    *n_pages)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (vl_test_dir (), name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (vl_map_export (map, file, options, n_pages, &error));
  g_assert_no_error (error);
  return path;
}

static char *
run (const char *command_line)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command_line, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static char *
pdf_text (const char *path)
{
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *command = g_strdup_printf ("pdftotext -raw -enc UTF-8 %s -", quoted);
  g_autofree char *text = run (command);

  return squeeze (text);
}

static guint
pdf_pages (const char *path)
{
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *command = g_strdup_printf ("pdfinfo %s", quoted);
  g_autofree char *info = run (command);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

static void
assert_all_titles (GPtrArray  *titles,
                   const char *text,
                   const char *what)
{
  for (guint i = 0; i < titles->len; i++)
    if (strstr (text, titles->pdata[i]) == NULL)
      g_error ("%s lacks the title “%s”", what, (char *) titles->pdata[i]);
}

/* The text an SVG shows, element by element: runs on one line join up
 * directly, lines with a space; an ellipsis gives the text it stands for. */
static char *
svg_text (const char *svg)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *last_y = NULL;
  const char *at = svg;

  while ((at = strstr (at, "<text ")) != NULL)
    {
      const char *y = strstr (at, " y=\""), *body = strchr (at, '>') + 1, *end = strstr (body, "</text>");
      g_autofree char *this_y = g_strndup (y + 4, strcspn (y + 4, "\""));
      g_autofree char *content = g_strndup (body, (gsize) (end - body));
      g_autofree char *plain = NULL;

      if (g_str_has_prefix (content, "<title>"))
        {
          char *close = strstr (content, "</title>");

          *close = '\0';
          plain = g_strdup (content + strlen ("<title>"));
        }
      else
        plain = g_strdup (content);
      if (last_y == NULL || !g_str_equal (last_y, this_y))
        g_string_append_c (out, ' ');
      g_string_append (out, plain);
      g_free (last_y);
      last_y = g_steal_pointer (&this_y);
      at = end;
    }
  return squeeze (out->str);
}

static void
test_png (void)
{
  g_autoptr(VlRecord) map = vl_test_sample_map (doc, VL_MAP_KIND_STORY);
  g_autoptr(VlMapLayout) layout = vl_map_build_layout (map, NULL);
  VlMapExportOptions options = { VL_MAP_EXPORT_PNG, 1, VL_PAPER_NONE, FALSE, NULL };
  g_autofree char *one = export_to (map, "story.png", &options, NULL), *two = NULL;
  cairo_surface_t *png;
  VlRect bounds;
  int w, h;

  /* The map's bounds and a margin of 24 each side, a pixel a unit… */
  vl_map_layout_get_bounds (layout, &bounds);
  png = cairo_image_surface_create_from_png (one);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  w = cairo_image_surface_get_width (png);
  h = cairo_image_surface_get_height (png);
  g_assert_cmpint (w, ==, (int) ceil (bounds.width + 48));
  g_assert_cmpint (h, ==, (int) ceil (bounds.height + 48));
  /* …not blank: the first activity's stripe is the activity colour. */
  {
    guchar *data = cairo_image_surface_get_data (png);
    int stride = cairo_image_surface_get_stride (png);
    guint32 pixel = *(guint32 *) (data + (24 + 38) * stride + (int) (24 + VL_MAP_GUTTER + 3) * 4);

    g_assert_cmphex (pixel & 0xffffff, ==, 0x3584e4);
  }
  cairo_surface_destroy (png);

  /* …and twice as many at 2×. */
  options.scale = 2;
  two = export_to (map, "story@2x.png", &options, NULL);
  png = cairo_image_surface_create_from_png (two);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, (int) ceil ((bounds.width + 48) * 2));
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, (int) ceil ((bounds.height + 48) * 2));
  cairo_surface_destroy (png);
}

static void
test_svg (void)
{
  for (VlMapKind kind = VL_MAP_KIND_STORY; (int) kind >= 0; kind = kind == VL_MAP_KIND_STORY ? VL_MAP_KIND_IMPACT : (VlMapKind) -1)
    {
      g_autoptr(VlRecord) map = vl_test_sample_map (doc, kind);
      g_autoptr(GPtrArray) titles = map_titles (map);
      VlMapExportOptions options = { VL_MAP_EXPORT_SVG, 1, VL_PAPER_NONE, FALSE, NULL };
      g_autofree char *path = export_to (map, kind == VL_MAP_KIND_STORY ? "story.svg" : "impact.svg", &options, NULL);
      g_autofree char *svg = NULL, *text = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_get_contents (path, &svg, NULL, &error));
      g_assert_true (g_str_has_prefix (svg, "<?xml"));
      g_assert_nonnull (strstr (svg, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
      /* Titles are text, never glyph outlines or a picture of them. */
      g_assert_null (strstr (svg, "<image"));
      text = svg_text (svg);
      assert_all_titles (titles, text, path);
    }
}

static void
test_pdf (void)
{
  for (VlMapKind kind = VL_MAP_KIND_STORY; (int) kind >= 0; kind = kind == VL_MAP_KIND_STORY ? VL_MAP_KIND_IMPACT : (VlMapKind) -1)
    {
      g_autoptr(VlRecord) map = vl_test_sample_map (doc, kind);
      g_autoptr(GPtrArray) titles = map_titles (map);
      VlMapExportOptions options = { VL_MAP_EXPORT_PDF, 1, VL_PAPER_NONE, FALSE, NULL };
      g_autofree char *path = export_to (map, kind == VL_MAP_KIND_STORY ? "story.pdf" : "impact.pdf", &options, NULL);
      g_autofree char *a4 = NULL, *text = NULL, *paged = NULL;
      guint n_pages = 0;

      g_assert_cmpuint (pdf_pages (path), ==, 1);
      /* Every title is text; a title cut with "…" on the map is whole. */
      text = pdf_text (path);
      assert_all_titles (titles, text, path);

      /* On A4 pages, each page says where it is in the map. */
      options.paper = VL_PAPER_A4;
      a4 = export_to (map, kind == VL_MAP_KIND_STORY ? "story-a4.pdf" : "impact-a4.pdf", &options, &n_pages);
      g_assert_cmpuint (pdf_pages (a4), ==, n_pages);
      paged = pdf_text (a4);
      assert_all_titles (titles, paged, a4);
      for (guint p = 1; p <= n_pages; p++)
        {
          g_autofree char *said = g_strdup_printf ("Page %u of %u", p, n_pages);

          g_assert_nonnull (strstr (paged, said));
        }
    }
}

/* The handout: one page a projector step, in the steps' order. */
static void
test_handout (void)
{
  for (VlMapKind kind = VL_MAP_KIND_STORY; (int) kind >= 0; kind = kind == VL_MAP_KIND_STORY ? VL_MAP_KIND_IMPACT : (VlMapKind) -1)
    {
      g_autoptr(VlRecord) map = vl_test_sample_map (doc, kind);
      g_autoptr(VlMapLayout) layout = vl_map_build_layout (map, NULL);
      g_autoptr(GPtrArray) steps = vl_map_dup_steps (map, layout);
      VlMapExportOptions options = { VL_MAP_EXPORT_PDF, 1, VL_PAPER_A4, TRUE, NULL };
      g_autofree char *path = export_to (map, kind == VL_MAP_KIND_STORY ? "story-steps.pdf" : "impact-steps.pdf",
                                         &options, NULL);
      g_autofree char *text = pdf_text (path);
      guint n = pdf_pages (path);
      const char *at = text;

      /* At least a page a step (a wide step takes more than one). */
      g_assert_cmpuint (n, >=, steps->len);
      for (guint p = 1; p <= n; p++)
        {
          g_autofree char *said = g_strdup_printf ("Step %u of %u", p, n);

          at = strstr (at, said);
          g_assert_nonnull (at);
        }
      for (guint s = 1; s < steps->len; s++)
        g_assert_nonnull (strstr (text, ((VlMapStep *) steps->pdata[s])->title));
    }
}

/* A failed export leaves what was there: here, a folder that is not. */
static void
test_bad_target (void)
{
  g_autoptr(VlRecord) map = vl_test_sample_map (doc, VL_MAP_KIND_IMPACT);
  g_autofree char *path = g_build_filename (vl_test_dir (), "no-such-folder", "map.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  VlMapExportOptions options = { VL_MAP_EXPORT_PDF, 1, VL_PAPER_NONE, FALSE, NULL };
  g_autoptr(GError) error = NULL;
  VlMapExportFormat format;

  g_assert_false (vl_map_export (map, file, &options, NULL, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_query_exists (file, NULL));
  g_assert_true (vl_map_export_format_for_name ("Map.PDF", &format));
  g_assert_cmpint (format, ==, VL_MAP_EXPORT_PDF);
  g_assert_false (vl_map_export_format_for_name ("map.jpeg", &format));
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  plan = g_build_filename (vl_test_dir (), "export.valueloop", NULL);
  {
    g_autoptr(GFile) file = g_file_new_for_path (plan);

    doc = vl_document_create (file, "Export", &error);
    g_assert_no_error (error);
    g_assert_true (vl_sample_fill (doc, &error));
  }
  g_test_add_func ("/map-export/png", test_png);
  g_test_add_func ("/map-export/svg", test_svg);
  g_test_add_func ("/map-export/pdf", test_pdf);
  g_test_add_func ("/map-export/handout", test_handout);
  g_test_add_func ("/map-export/bad-target", test_bad_target);
  status = g_test_run ();
  g_clear_object (&doc);
  return status;
}
