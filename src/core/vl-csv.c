/* vl-csv.c — reading and writing CSV (RFC 4180), as spreadsheets meet it
 *
 * Writing: UTF-8, CRLF, a cell quoted when it holds the separator, a quote
 * or a line break. Text that a spreadsheet would run as a formula (it
 * starts with = + - @, a tab or CR) gets a leading ' (OWASP's advice);
 * numbers are written as numbers. The spreadsheet flavour starts with a
 * BOM (so Excel reads UTF-8) and uses the locale's decimal mark, with ';'
 * between cells where that mark is a comma. It never writes a "sep=" line:
 * Excel then ignores the BOM.
 *
 * Reading: a BOM or none; ',', ';' or tab, told from the header line; CRLF,
 * LF or CR; line breaks (kept as written) and doubled quotes inside quoted
 * cells; text that
 * is not UTF-8 is read as Windows-1252 (what Excel writes on Windows). A
 * cell whose quote is never closed is an error naming its line and column.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <math.h>
#include <string.h>

#include "vl-csv.h"

G_DEFINE_QUARK (vl-csv-error-quark, vl_csv_error)

#define BOM "\xEF\xBB\xBF"

/* ---- writing ------------------------------------------------------------ */

const char *
vl_csv_locale_decimal_mark (void)
{
  const char *mark = nl_langinfo (RADIXCHAR);

  return mark != NULL && *mark != '\0' ? mark : ".";
}

/* @decimal_mark: the spreadsheet flavour's decimal mark, or NULL for the
 * locale's (LC_NUMERIC). Ignored by the standard flavour. */
void
vl_csv_writer_init (VlCsvWriter  *writer,
                    VlCsvFlavour  flavour,
                    const char   *decimal_mark,
                    GString      *out)
{
  writer->out = out;
  writer->n_cells = 0;
  writer->separator = ',';
  writer->decimal = '.';
  if (flavour == VL_CSV_SPREADSHEET)
    {
      const char *mark = decimal_mark != NULL ? decimal_mark : vl_csv_locale_decimal_mark ();

      /* Locales whose mark is not one ASCII byte (none ship such a
       * LC_NUMERIC today) keep the point. */
      if (g_str_equal (mark, ","))
        {
          writer->decimal = ',';
          writer->separator = ';';
        }
      g_string_append (out, BOM);
    }
}

static inline void
begin_cell (VlCsvWriter *writer)
{
  if (writer->n_cells++ > 0)
    g_string_append_c (writer->out, writer->separator);
}

void
vl_csv_text (VlCsvWriter *writer,
             const char  *text)
{
  gboolean quote = FALSE;
  gboolean neutralise;
  const char *p;

  begin_cell (writer);
  if (text == NULL || *text == '\0')
    return;
  neutralise = strchr ("=+-@\t\r", *text) != NULL;
  for (p = text; *p != '\0'; p++)
    if (*p == writer->separator || *p == '"' || *p == '\n' || *p == '\r')
      {
        quote = TRUE;
        break;
      }
  if (!quote && !neutralise)
    {
      g_string_append_len (writer->out, text, p - text + (gssize) strlen (p));
      return;
    }
  if (quote)
    g_string_append_c (writer->out, '"');
  if (neutralise)
    g_string_append_c (writer->out, '\'');
  for (p = text; *p != '\0'; p++)
    {
      const char *q = strchr (p, '"');

      if (q == NULL)
        {
          g_string_append (writer->out, p);
          break;
        }
      g_string_append_len (writer->out, p, q - p + 1);
      g_string_append_c (writer->out, '"');
      p = q;
    }
  if (quote)
    g_string_append_c (writer->out, '"');
}

void
vl_csv_int (VlCsvWriter *writer,
            gint64       value)
{
  char buf[24];
  char *p = buf + sizeof buf;
  guint64 u = value < 0 ? -(guint64) value : (guint64) value;

  begin_cell (writer);
  do
    {
      *--p = (char) ('0' + u % 10);
      u /= 10;
    }
  while (u != 0);
  if (value < 0)
    *--p = '-';
  g_string_append_len (writer->out, p, buf + sizeof buf - p);
}

/* NaN (unset) is an empty cell; whole numbers have no decimals; others
 * keep 15 significant digits, so 0.1 + 0.2 reads 0.3. */
void
vl_csv_number (VlCsvWriter *writer,
               double       value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value) || isinf (value))
    {
      begin_cell (writer);
      return;
    }
  if (value == floor (value) && fabs (value) < 1e15)
    {
      vl_csv_int (writer, (gint64) value);
      return;
    }
  begin_cell (writer);
  g_ascii_formatd (buf, sizeof buf, "%.15g", value);
  if (writer->decimal != '.')
    for (char *p = buf; *p != '\0'; p++)
      if (*p == '.')
        *p = writer->decimal;
  g_string_append (writer->out, buf);
}

void
vl_csv_empty (VlCsvWriter *writer)
{
  begin_cell (writer);
}

void
vl_csv_end_row (VlCsvWriter *writer)
{
  g_string_append_len (writer->out, "\r\n", 2);
  writer->n_cells = 0;
}

/* ---- reading ------------------------------------------------------------ */

static void
row_free (gpointer data)
{
  VlCsvRow *row = data;

  g_strfreev (row->cells);
  g_free (row);
}

void
vl_csv_table_free (VlCsvTable *table)
{
  if (table == NULL)
    return;
  g_clear_pointer (&table->header, row_free);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

/* The separator is the most frequent of ',', ';' and tab on the first
 * line, outside quotes (a comma wins a tie: it is the standard). */
char
vl_csv_guess_separator (const char *text,
                        gsize       length)
{
  guint comma = 0, semicolon = 0, tab = 0;
  gboolean quoted = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (c == '\n' || c == '\r')
        break;
      else if (c == ',')
        comma++;
      else if (c == ';')
        semicolon++;
      else if (c == '\t')
        tab++;
    }
  if (tab > comma && tab >= semicolon)
    return '\t';
  if (semicolon > comma)
    return ';';
  return ',';
}

static VlCsvRow *
row_new (GPtrArray *cells,
         guint      line)
{
  VlCsvRow *row = g_new0 (VlCsvRow, 1);

  row->n_cells = cells->len;
  g_ptr_array_add (cells, NULL);
  row->cells = (char **) g_ptr_array_free (cells, FALSE);
  row->line = line;
  return row;
}

static gboolean
row_is_blank (GPtrArray *cells)
{
  return cells->len == 1 && *(const char *) g_ptr_array_index (cells, 0) == '\0';
}

/* Splits UTF-8 @text into rows. Lines are counted the way an editor shows
 * them (CRLF, LF and CR each end one). */
static gboolean
split_rows (VlCsvTable  *table,
            const char  *text,
            gsize        length,
            const char  *display_name,
            GError     **error)
{
  GString *cell = g_string_new (NULL);
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  guint line = 1, row_line = 1, cell_line = 1, cell_column = 1;
  gboolean quoted = FALSE;
  gsize i = 0;

  while (i <= length)
    {
      char c = i < length ? text[i] : '\0';
      gboolean end = i == length;

      if (quoted)
        {
          if (end)
            {
              g_set_error (error, VL_CSV_ERROR, VL_CSV_ERROR_MALFORMED,
                           _("%s, line %u, column %u: a quoted cell is never closed"),
                           display_name, cell_line, cell_column);
              g_string_free (cell, TRUE);
              g_ptr_array_unref (cells);
              return FALSE;
            }
          if (c == '"')
            {
              if (i + 1 < length && text[i + 1] == '"')
                {
                  g_string_append_c (cell, '"');
                  i += 2;
                  continue;
                }
              quoted = FALSE;
              i++;
              continue;
            }
          if (c == '\r' || c == '\n')
            {
              /* Inside quotes everything is data: a line break stays as
               * it was written (so an export reads back byte for byte). */
              if (c == '\r' && i + 1 < length && text[i + 1] == '\n')
                g_string_append_c (cell, text[i++]);
              g_string_append_c (cell, text[i++]);
              line++;
              continue;
            }
          {
            /* The run of plain text up to the next quote or line break. */
            gsize j = i + 1;

            while (j < length && text[j] != '"' && text[j] != '\r' && text[j] != '\n')
              j++;
            g_string_append_len (cell, text + i, (gssize) (j - i));
            i = j;
          }
          continue;
        }

      if (c == '"' && cell->len == 0)
        {
          quoted = TRUE;
          cell_line = line;
          cell_column = cells->len + 1;
          i++;
          continue;
        }
      if (end || c == '\r' || c == '\n' || c == table->separator)
        {
          g_ptr_array_add (cells, g_strndup (cell->str, cell->len));
          g_string_truncate (cell, 0);
          if (c == table->separator)
            {
              i++;
              continue;
            }
          if (!row_is_blank (cells))
            {
              VlCsvRow *row = row_new (cells, row_line);

              if (table->header == NULL)
                table->header = row;
              else
                g_ptr_array_add (table->rows, row);
            }
          else
            g_ptr_array_unref (cells);
          cells = g_ptr_array_new_with_free_func (g_free);
          if (c == '\r' && i + 1 < length && text[i + 1] == '\n')
            i++;
          i++;
          line++;
          row_line = line;
          continue;
        }
      /* A quote inside an unquoted cell, or text after a closing quote,
       * is kept as it is (what spreadsheets do); plain text is taken a run
       * at a time. */
      {
        gsize j = i + 1;

        while (j < length && text[j] != table->separator && text[j] != '\r' && text[j] != '\n' && text[j] != '"')
          j++;
        g_string_append_len (cell, text + i, (gssize) (j - i));
        i = j;
      }
    }
  g_string_free (cell, TRUE);
  g_ptr_array_unref (cells);
  return TRUE;
}

VlCsvTable *
vl_csv_parse (const char  *data,
              gsize        length,
              const char  *display_name,
              GError     **error)
{
  g_autoptr(VlCsvTable) table = g_new0 (VlCsvTable, 1);
  g_autofree char *converted = NULL;
  const char *text = data;

  table->rows = g_ptr_array_new_with_free_func (row_free);
  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, VL_CSV_ERROR, VL_CSV_ERROR_NOT_TEXT,
                   _("%s is not a CSV file: it holds binary data"), display_name);
      return NULL;
    }
  if (length >= 3 && memcmp (data, BOM, 3) == 0)
    {
      table->had_bom = TRUE;
      text += 3;
      length -= 3;
    }
  if (!g_utf8_validate_len (text, length, NULL))
    {
      gsize written = 0;

      converted = g_convert (text, (gssize) length, "UTF-8", "WINDOWS-1252", NULL, &written, NULL);
      if (converted == NULL)   /* bytes Windows-1252 leaves undefined */
        converted = g_convert (text, (gssize) length, "UTF-8", "ISO-8859-1", NULL, &written, NULL);
      if (converted == NULL)
        {
          g_set_error (error, VL_CSV_ERROR, VL_CSV_ERROR_NOT_TEXT,
                       _("%s is not a CSV file: its text cannot be read"), display_name);
          return NULL;
        }
      table->legacy_encoding = TRUE;
      text = converted;
      length = written;
    }
  table->separator = vl_csv_guess_separator (text, length);
  if (!split_rows (table, text, length, display_name, error))
    return NULL;
  if (table->header == NULL)
    {
      g_set_error (error, VL_CSV_ERROR, VL_CSV_ERROR_EMPTY,
                   _("%s is empty: a CSV file starts with a row of column names"), display_name);
      return NULL;
    }
  return g_steal_pointer (&table);
}
