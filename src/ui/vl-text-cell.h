/* vl-text-cell.h — one line of text in a table cell, cheap to change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VL_TYPE_TEXT_CELL (vl_text_cell_get_type ())

G_DECLARE_FINAL_TYPE (VlTextCell, vl_text_cell, VL, TEXT_CELL, GtkWidget)

GtkWidget  *vl_text_cell_new        (const char *const *samples,
                                     float              xalign);
const char *vl_text_cell_get_text   (VlTextCell *self);
void        vl_text_cell_set_text   (VlTextCell *self,
                                     const char *text);
void        vl_text_cell_take_text  (VlTextCell *self,
                                     char       *text);
void        vl_text_cell_set_numeric (VlTextCell *self,
                                      gboolean    numeric);


G_END_DECLS
