/* vl-csv-private.h — what the CSV export and import share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A column of the backlog export: its header (untranslated; the export
 * writes it translated, the import knows both) and the item field it
 * holds ("key" is the item's id, "backlog" is not imported). */
typedef struct
{
  const char *header;
  const char *field;
} VlCsvColumn;

extern const VlCsvColumn vl_csv_backlog_columns[];
extern const guint       vl_csv_n_backlog_columns;

char *vl_csv_date_of_ms (gint64 ms);

/* vl-csv-cells.c */
const char *vl_csv_cell_text    (const char *cell);
gboolean    vl_csv_parse_number (const char *text,
                                 double     *value);
gboolean    vl_csv_parse_date   (const char *text,
                                 char        out[11]);
gboolean    vl_csv_parse_enum   (const char *field,
                                 GType       type,
                                 const char *text,
                                 int        *value);
gboolean    vl_csv_parse_bool   (const char *text,
                                 gboolean   *value);

G_END_DECLS
