/* vl-csv-private.h — what the CSV export and import share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

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

G_END_DECLS
