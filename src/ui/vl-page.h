/* vl-page.h — what every page of a plan's window is built on
 *
 * A page is a subclass of VlPage with a template and one entry in the
 * window's .ui, where its `document` is bound to the window's. The page
 * loads its content the first time it is mapped with a document (a plan
 * opens on one page; the others cost nothing until shown) and again when
 * the document changes while it is loaded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vl-document.h"

G_BEGIN_DECLS

#define VL_TYPE_PAGE (vl_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (VlPage, vl_page, VL, PAGE, GtkWidget)

struct _VlPageClass
{
  GtkWidgetClass parent_class;

  /* Called with the document when the page loads, and with %NULL when the
   * document goes away (or changes) after it loaded. Signals connected on
   * vl_page_get_document_signals() follow the loaded document by
   * themselves. */
  void (*load) (VlPage     *self,
                VlDocument *document);

  /*< private >*/
  gpointer padding[4];
};

VlDocument   *vl_page_get_document         (VlPage     *self);
void          vl_page_set_document         (VlPage     *self,
                                            VlDocument *document);
VlDocument   *vl_page_get_loaded_document  (VlPage     *self);
GSignalGroup *vl_page_get_document_signals (VlPage     *self);
const char   *vl_page_get_title            (VlPage     *self);
gboolean      vl_page_get_show_details     (VlPage     *self);
const char   *vl_page_get_icon_name        (VlPage     *self);
void          vl_page_ensure_loaded        (VlPage     *self);

G_END_DECLS
