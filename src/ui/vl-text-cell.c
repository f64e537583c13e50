/* vl-text-cell.c — one line of text in a table cell, cheap to change
 *
 * A GtkLabel measures its text: a new text queues a resize, and in a
 * GtkColumnView a cell's resize re-measures the whole column, every cell
 * of the ~200 rows GTK 4.8 keeps bound, each label shaping its text again.
 * A search keystroke or a jump in the list gives every row a new item, so
 * that was 2,600 shapings per frame.
 *
 * This cell's size does not depend on its text: its natural width is the
 * width of the widest of a few samples of the texts it is meant for (the
 * status names, six digits), its height one line of its font. A new text only queues a
 * redraw, and the text is laid out when the cell is drawn. Longer texts
 * end in an ellipsis (for cells that must never cut, the samples are all
 * the texts there are). A column whose cells should share what is left
 * of the width expands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-text-cell"

#include "config.h"

#include "vl-text-cell.h"

struct _VlTextCell
{
  GtkWidget    parent_instance;

  char        *text;
  const char *const *samples;  /* static */
  PangoLayout *layout;         /* made when drawn */
  float        xalign;
  guint        numeric : 1;
};

G_DEFINE_FINAL_TYPE (VlTextCell, vl_text_cell, GTK_TYPE_WIDGET)

/* ---- sizes, shared by every cell with the same sample and font ------------- */

typedef struct
{
  const char *const    *samples;
  gboolean              numeric;
  PangoFontDescription *font;
  double                resolution;
  int                   width, height;
} Size;

static GArray *sizes;   /* Size: a handful, one per kind of column */

static PangoAttrList *
numeric_attributes (void)
{
  static PangoAttrList *attributes;

  if (attributes == NULL)
    {
      attributes = pango_attr_list_new ();
      pango_attr_list_insert (attributes, pango_attr_font_features_new ("tnum=1"));
    }
  return attributes;
}

static const Size *
sample_size (VlTextCell *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double resolution = pango_cairo_context_get_resolution (context);
  g_autoptr(PangoLayout) probe = NULL;
  Size size;

  if (sizes == NULL)
    sizes = g_array_new (FALSE, FALSE, sizeof (Size));
  for (guint i = 0; i < sizes->len; i++)
    {
      Size *s = &g_array_index (sizes, Size, i);

      if (s->samples == self->samples && s->numeric == self->numeric && s->resolution == resolution &&
          pango_font_description_equal (s->font, font))
        return s;
    }
  probe = pango_layout_new (context);
  if (self->numeric)
    pango_layout_set_attributes (probe, numeric_attributes ());
  size = (Size) { self->samples, self->numeric, pango_font_description_copy (font), resolution, 0, 0 };
  for (guint i = 0; self->samples[i] != NULL; i++)
    {
      int w, h;

      pango_layout_set_text (probe, self->samples[i], -1);
      pango_layout_get_pixel_size (probe, &w, &h);
      size.width = MAX (size.width, w);
      size.height = MAX (size.height, h);
    }
  g_array_append_val (sizes, size);
  return &g_array_index (sizes, Size, sizes->len - 1);
}

static void
vl_text_cell_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  VlTextCell *self = VL_TEXT_CELL (widget);
  const Size *size = sample_size (self);

  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? size->width : size->height;
}

/* ---- drawing --------------------------------------------------------------- */

static PangoLayout *
ensure_layout (VlTextCell *self)
{
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);
      if (self->numeric)
        pango_layout_set_attributes (self->layout, numeric_attributes ());
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_set_width (self->layout, gtk_widget_get_width (GTK_WIDGET (self)) * PANGO_SCALE);
  return self->layout;
}

static void
vl_text_cell_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  VlTextCell *self = VL_TEXT_CELL (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  float xalign = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL ? 1.0f - self->xalign : self->xalign;
  PangoLayout *layout;
  GdkRGBA color;
  int w, h;

  if (self->text == NULL || self->text[0] == '\0')
    return;
  layout = ensure_layout (self);
  pango_layout_get_pixel_size (layout, &w, &h);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (MAX (0, (int) (xalign * (width - w))), (height - h) / 2));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

/* A text cut short shows whole in a tooltip. */
static gboolean
vl_text_cell_query_tooltip (GtkWidget  *widget,
                            int         x,
                            int         y,
                            gboolean    keyboard,
                            GtkTooltip *tooltip)
{
  VlTextCell *self = VL_TEXT_CELL (widget);

  if (self->layout == NULL || !pango_layout_is_ellipsized (self->layout))
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->text);
  return TRUE;
}

/* ---- the object ------------------------------------------------------------ */

static void
vl_text_cell_finalize (GObject *object)
{
  VlTextCell *self = VL_TEXT_CELL (object);


  g_clear_object (&self->layout);
  g_free (self->text);

  G_OBJECT_CLASS (vl_text_cell_parent_class)->finalize (object);
}

static void
vl_text_cell_class_init (VlTextCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = vl_text_cell_finalize;
  widget_class->measure = vl_text_cell_measure;
  widget_class->snapshot = vl_text_cell_snapshot;
  widget_class->query_tooltip = vl_text_cell_query_tooltip;
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
vl_text_cell_init (VlTextCell *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

/**
 * vl_text_cell_new:
 * @samples: (array zero-terminated=1): static texts, the widest of which
 *   is as wide as the cell's usual text
 * @xalign: 0 for text at the start, 1 at the end
 *
 * A text wider than the cell ends in an ellipsis.
 */
GtkWidget *
vl_text_cell_new (const char *const *samples,
                  float              xalign)
{
  VlTextCell *self;

  g_return_val_if_fail (samples != NULL && samples[0] != NULL, NULL);

  self = g_object_new (VL_TYPE_TEXT_CELL, NULL);
  self->samples = samples;
  self->xalign = xalign;
  return GTK_WIDGET (self);
}

const char *
vl_text_cell_get_text (VlTextCell *self)
{
  g_return_val_if_fail (VL_IS_TEXT_CELL (self), NULL);
  return self->text ? self->text : "";
}

/**
 * vl_text_cell_take_text:
 * @text: (transfer full) (nullable):
 */
void
vl_text_cell_take_text (VlTextCell *self,
                        char       *text)
{
  g_return_if_fail (VL_IS_TEXT_CELL (self));

  if (g_strcmp0 (self->text, text) == 0)
    {
      g_free (text);
      return;
    }
  g_free (self->text);
  self->text = text;
  g_clear_object (&self->layout);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text ? text : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
vl_text_cell_set_text (VlTextCell *self,
                       const char *text)
{
  g_return_if_fail (VL_IS_TEXT_CELL (self));

  if (g_strcmp0 (self->text, text) != 0)
    vl_text_cell_take_text (self, g_strdup (text));
}

/* Digits of one width (tabular figures), so numbers line up. */
void
vl_text_cell_set_numeric (VlTextCell *self,
                          gboolean    numeric)
{
  g_return_if_fail (VL_IS_TEXT_CELL (self));

  self->numeric = numeric != FALSE;
  g_clear_object (&self->layout);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
