/* vl-page.c — the base of the window's pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-page"

#include "config.h"

#include "vl-page.h"

typedef struct
{
  VlDocument   *document;   /* what the window shows */
  VlDocument   *loaded;     /* what the page's content was made from */
  GSignalGroup *signals;    /* follows `loaded` */
  char         *title;
  char         *icon_name;
  gboolean      show_details; /* the window's F9: a details panel may show */
} VlPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (VlPage, vl_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_TITLE,
  PROP_ICON_NAME,
  PROP_SHOW_DETAILS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
load (VlPage     *self,
      VlDocument *document)
{
  VlPagePrivate *priv = vl_page_get_instance_private (self);

  if (priv->loaded == document)
    return;
  g_set_object (&priv->loaded, document);
  g_signal_group_set_target (priv->signals, document);
  VL_PAGE_GET_CLASS (self)->load (self, document);
}

/**
 * vl_page_ensure_loaded:
 *
 * Loads the page's content from its document now, mapped or not (for an
 * action that needs it before the page is shown).
 */
void
vl_page_ensure_loaded (VlPage *self)
{
  VlPagePrivate *priv = vl_page_get_instance_private (self);

  g_return_if_fail (VL_IS_PAGE (self));
  if (priv->document != NULL)
    load (self, priv->document);
}

VlDocument *
vl_page_get_document (VlPage *self)
{
  VlPagePrivate *priv = vl_page_get_instance_private (self);

  g_return_val_if_fail (VL_IS_PAGE (self), NULL);
  return priv->document;
}

/* The document the page's content shows (%NULL until it is first shown). */
VlDocument *
vl_page_get_loaded_document (VlPage *self)
{
  VlPagePrivate *priv = vl_page_get_instance_private (self);

  g_return_val_if_fail (VL_IS_PAGE (self), NULL);
  return priv->loaded;
}

void
vl_page_set_document (VlPage     *self,
                      VlDocument *document)
{
  VlPagePrivate *priv = vl_page_get_instance_private (self);

  g_return_if_fail (VL_IS_PAGE (self));
  g_return_if_fail (document == NULL || VL_IS_DOCUMENT (document));

  if (!g_set_object (&priv->document, document))
    return;
  /* A loaded page lets go of the old document at once; it loads the new
   * one now if it is on screen, else when it is next shown. */
  if (priv->loaded != NULL)
    load (self, NULL);
  if (document != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self, document);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

GSignalGroup *
vl_page_get_document_signals (VlPage *self)
{
  VlPagePrivate *priv = vl_page_get_instance_private (self);

  g_return_val_if_fail (VL_IS_PAGE (self), NULL);
  return priv->signals;
}

gboolean
vl_page_get_show_details (VlPage *self)
{
  VlPagePrivate *priv = vl_page_get_instance_private (self);

  g_return_val_if_fail (VL_IS_PAGE (self), TRUE);
  return priv->show_details;
}

const char *
vl_page_get_title (VlPage *self)
{
  VlPagePrivate *priv = vl_page_get_instance_private (self);

  g_return_val_if_fail (VL_IS_PAGE (self), NULL);
  return priv->title;
}

const char *
vl_page_get_icon_name (VlPage *self)
{
  VlPagePrivate *priv = vl_page_get_instance_private (self);

  g_return_val_if_fail (VL_IS_PAGE (self), NULL);
  return priv->icon_name;
}

static void
set_string (VlPage     *self,
            char      **field,
            const char *value,
            guint       prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
vl_page_map (GtkWidget *widget)
{
  VlPage *self = VL_PAGE (widget);
  VlPagePrivate *priv = vl_page_get_instance_private (self);

  GTK_WIDGET_CLASS (vl_page_parent_class)->map (widget);
  if (priv->document != NULL)
    load (self, priv->document);
}

static void
vl_page_default_load (VlPage     *self,
                      VlDocument *document)
{
}

static void
vl_page_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  VlPage *self = VL_PAGE (object);
  VlPagePrivate *priv = vl_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, priv->document);
      break;
    case PROP_TITLE:
      g_value_set_string (value, priv->title);
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, priv->icon_name);
      break;
    case PROP_SHOW_DETAILS:
      g_value_set_boolean (value, priv->show_details);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_page_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  VlPage *self = VL_PAGE (object);
  VlPagePrivate *priv = vl_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      vl_page_set_document (self, g_value_get_object (value));
      break;
    case PROP_TITLE:
      set_string (self, &priv->title, g_value_get_string (value), PROP_TITLE);
      break;
    case PROP_ICON_NAME:
      set_string (self, &priv->icon_name, g_value_get_string (value), PROP_ICON_NAME);
      break;
    case PROP_SHOW_DETAILS:
      if (priv->show_details != g_value_get_boolean (value))
        {
          priv->show_details = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_page_dispose (GObject *object)
{
  VlPage *self = VL_PAGE (object);
  VlPagePrivate *priv = vl_page_get_instance_private (self);
  GtkWidget *child;

  /* Subclasses have dropped what they made in their own dispose (which
   * runs first); the signal group lets go of the document here. */
  if (priv->signals != NULL)
    g_signal_group_set_target (priv->signals, NULL);
  g_clear_object (&priv->signals);
  g_clear_object (&priv->loaded);
  g_clear_object (&priv->document);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (vl_page_parent_class)->dispose (object);
}

static void
vl_page_finalize (GObject *object)
{
  VlPagePrivate *priv = vl_page_get_instance_private (VL_PAGE (object));

  g_free (priv->title);
  g_free (priv->icon_name);

  G_OBJECT_CLASS (vl_page_parent_class)->finalize (object);
}

static void
vl_page_class_init (VlPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = vl_page_get_property;
  object_class->set_property = vl_page_set_property;
  object_class->dispose = vl_page_dispose;
  object_class->finalize = vl_page_finalize;
  widget_class->map = vl_page_map;
  klass->load = vl_page_default_load;

  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, VL_TYPE_DOCUMENT, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_ICON_NAME] = g_param_spec_string ("icon-name", NULL, NULL, NULL, flags);
  /* Whether the page may show its details panel (F9 hides them all); a
   * page shows it only while something is selected, so an empty panel
   * never takes room. */
  properties[PROP_SHOW_DETAILS] = g_param_spec_boolean ("show-details", NULL, NULL, TRUE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
vl_page_init (VlPage *self)
{
  VlPagePrivate *priv = vl_page_get_instance_private (self);

  priv->signals = g_signal_group_new (VL_TYPE_DOCUMENT);
  priv->show_details = TRUE;
}
