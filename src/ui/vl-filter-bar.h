/* vl-filter-bar.h — the backlog's search and filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "vl-item-search.h"

G_BEGIN_DECLS

#define VL_TYPE_FILTER_BAR (vl_filter_bar_get_type ())

G_DECLARE_FINAL_TYPE (VlFilterBar, vl_filter_bar, VL, FILTER_BAR, GtkWidget)

void            vl_filter_bar_set_document     (VlFilterBar   *self,
                                                VlDocument    *document);
void            vl_filter_bar_rebuild_choices  (VlFilterBar   *self);
void            vl_filter_bar_apply            (VlFilterBar   *self,
                                                VlItemSearch  *search);
void            vl_filter_bar_set_count        (VlFilterBar   *self,
                                                guint          shown,
                                                guint          all,
                                                gboolean       filtered);
GtkSearchEntry *vl_filter_bar_get_search_entry (VlFilterBar   *self);
void            vl_filter_bar_add_widget       (VlFilterBar   *self,
                                                GtkWidget     *widget);
void            vl_filter_bar_save             (VlFilterBar   *self,
                                                JsonBuilder   *builder);
void            vl_filter_bar_restore          (VlFilterBar   *self,
                                                JsonObject    *spec);

G_END_DECLS
