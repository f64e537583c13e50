/* vl-csv.h — reading and writing CSV (RFC 4180), as spreadsheets meet it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VL_CSV_ERROR (vl_csv_error_quark ())

typedef enum {
  VL_CSV_ERROR_NOT_TEXT,   /* binary data, not a CSV file */
  VL_CSV_ERROR_EMPTY,      /* no header row */
  VL_CSV_ERROR_MALFORMED,  /* a row that cannot be read */
  VL_CSV_ERROR_VALUE,      /* a cell whose value is impossible */
} VlCsvError;

GQuark vl_csv_error_quark (void);

typedef enum {
  VL_CSV_STANDARD,     /* comma, '.' decimals, no BOM */
  VL_CSV_SPREADSHEET,  /* BOM, the locale's list separator and decimal mark */
} VlCsvFlavour;

/* One writer for every export: cells are appended to @out. */
typedef struct
{
  GString *out;
  char     separator;
  char     decimal;
  guint    n_cells;   /* in the current row */
} VlCsvWriter;

void      vl_csv_writer_init   (VlCsvWriter  *writer,
                                VlCsvFlavour  flavour,
                                const char   *decimal_mark,
                                GString      *out);
void      vl_csv_text          (VlCsvWriter  *writer,
                                const char   *text);
void      vl_csv_number        (VlCsvWriter  *writer,
                                double        value);
void      vl_csv_int           (VlCsvWriter  *writer,
                                gint64        value);
void      vl_csv_empty         (VlCsvWriter  *writer);
void      vl_csv_end_row       (VlCsvWriter  *writer);
const char *vl_csv_locale_decimal_mark (void);

/* A parsed file: the header and the rows, each with the line it starts on. */
typedef struct
{
  char   **cells;      /* NULL-terminated */
  guint    n_cells;
  guint    line;       /* 1-based, where the row starts */
} VlCsvRow;

typedef struct
{
  char       separator;
  gboolean   had_bom;
  gboolean   legacy_encoding;  /* not UTF-8: read as Windows-1252 */
  VlCsvRow  *header;
  GPtrArray *rows;             /* VlCsvRow*, the header not included */
} VlCsvTable;

VlCsvTable *vl_csv_parse       (const char   *data,
                                gsize         length,
                                const char   *display_name,
                                GError      **error);
void        vl_csv_table_free  (VlCsvTable   *table);
char        vl_csv_guess_separator (const char *text,
                                    gsize       length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VlCsvTable, vl_csv_table_free)

G_END_DECLS
