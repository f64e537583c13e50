/* vl-title-editor.h — a row's title edited in place, in a list's cell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "vl-records.h"

G_BEGIN_DECLS

#define VL_TYPE_TITLE_EDITOR (vl_title_editor_get_type ())

G_DECLARE_FINAL_TYPE (VlTitleEditor, vl_title_editor, VL, TITLE_EDITOR, GObject)

VlTitleEditor *vl_title_editor_new           (GtkWidget     *list);
gboolean       vl_title_editor_start         (VlTitleEditor *self,
                                              GtkListItem   *list_item,
                                              VlRecord      *record);
void           vl_title_editor_finish        (VlTitleEditor *self,
                                              gboolean       write);
GtkListItem   *vl_title_editor_get_list_item (VlTitleEditor *self);

G_END_DECLS
