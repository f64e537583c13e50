/* vl-csv-cells.c — what a cell of another tool's CSV means
 *
 * Numbers as spreadsheets in many locales write them (a decimal comma,
 * thousands grouped by spaces, commas or apostrophes), dates as the tools
 * write them (ISO, Jira's "22/Sep/25 9:26 AM" in its users' languages,
 * "Sep 22, 2025", "22.09.2025"), enum values by name or by their label,
 * yes and no, and a formula guard an exporter put before a cell. Each
 * either gives a value or says it cannot: the import's preview reports
 * the cell with its line and column.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-csv"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "vl-csv-private.h"
#include "vl-enums.h"
#include "vl-labels.h"

/* A leading ' that an exporter put before a formula character goes. */
const char *
vl_csv_cell_text (const char *cell)
{
  if (cell[0] == '\'' && cell[1] != '\0' && strchr ("=+-@\t\r", cell[1]) != NULL)
    return cell + 1;
  return cell;
}

gboolean
vl_csv_parse_number (const char *text,
                     double     *value)
{
  g_autoptr(GString) s = g_string_new (NULL);
  gboolean point = strchr (text, '.') != NULL;
  char *end = NULL;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x202F || c == 0xA0 || c == '\'')
        continue;   /* thousands, as some locales group them */
      if (c == ',')
        {
          if (!point)
            g_string_append_c (s, '.');   /* a decimal comma */
          continue;                        /* else a thousands comma */
        }
      if (c >= 0x80)
        return FALSE;
      g_string_append_c (s, (char) c);
    }
  if (s->len == 0)
    return FALSE;
  *value = g_ascii_strtod (s->str, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}

/* Month names as Jira writes them in its users' languages: English,
 * German, French, Spanish, Chinese (九月 or 9月). */
static int
month_of (const char *name)
{
  static const char *const months[12][5] = {
    { "jan", "janv", "ene", "一月", "1月" },   { "feb", "févr", "fév", "二月", "2月" },
    { "mar", "mär", "mrz", "三月", "3月" },    { "apr", "avr", "abr", "四月", "4月" },
    { "may", "mai", "五月", "5月", NULL },     { "jun", "juin", "六月", "6月", NULL },
    { "jul", "juil", "七月", "7月", NULL },    { "aug", "août", "ago", "八月", "8月" },
    { "sep", "sept", "九月", "9月", NULL },    { "oct", "okt", "十月", "10月", NULL },
    { "nov", "十一月", "11月", NULL, NULL },   { "dec", "dez", "déc", "dic", "十二月" },
  };
  g_autofree char *lower = g_utf8_strdown (name, -1);
  size_t len = strlen (lower);

  if (len > 0 && lower[len - 1] == '.')
    lower[--len] = '\0';
  if (g_str_equal (lower, "12月"))
    return 12;
  /* A name or its first three letters ("Sept", "März" → "mär"). */
  for (guint i = 0; i < 12; i++)
    for (guint k = 0; k < G_N_ELEMENTS (months[i]) && months[i][k] != NULL; k++)
      if (g_str_equal (lower, months[i][k]) ||
          (g_ascii_isalpha (lower[0]) && g_utf8_strlen (lower, -1) > 3 &&
           g_str_has_prefix (lower, months[i][k]) && g_utf8_strlen (months[i][k], -1) == 3))
        return (int) i + 1;
  return 0;
}

/* "22/Sep/25 9:26 AM", "25/九月/25 9:26 上午": day, month name, year. */
static gboolean
parse_named_month (const char *text,
                   int        *y,
                   int        *m,
                   int        *d)
{
  g_auto(GStrv) parts = g_strsplit (text, "/", 3);
  char *end = NULL;

  if (g_strv_length (parts) != 3)
    return FALSE;
  *d = (int) g_ascii_strtoll (parts[0], &end, 10);
  if (end == parts[0] || *end != '\0' || (*m = month_of (parts[1])) == 0)
    return FALSE;
  *y = (int) g_ascii_strtoll (parts[2], &end, 10);
  if (end == parts[2] || (*end != '\0' && *end != ' ') || end - parts[2] > 4)
    return FALSE;
  *y += *y < 100 ? 2000 : 0;
  return TRUE;
}

/* Dates as the tools write them: 2025-09-22 (with any time after it),
 * 22/Sep/25 9:26 AM (Jira, in its user's language), Sep 22, 2025,
 * 22.09.2025, 2025/09/22. */
gboolean
vl_csv_parse_date (const char *text,
                   char        out[11])
{
  int y = 0, m = 0, d = 0, n = 0;
  char mon[16] = "";

  if (sscanf (text, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10)
    ;
  else if (sscanf (text, "%4d/%2d/%2d%n", &y, &m, &d, &n) == 3 && n == 10)
    ;
  else if (parse_named_month (text, &y, &m, &d))
    ;
  else if (sscanf (text, "%15[A-Za-z] %2d, %4d%n", mon, &d, &y, &n) == 3 && (m = month_of (mon)) > 0)
    ;
  else if (sscanf (text, "%2d.%2d.%4d%n", &d, &m, &y, &n) == 3 && y >= 1000)
    ;
  else
    return FALSE;
  if (y < 1 || y > 9999 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_snprintf (out, 11, "%04d-%02d-%02d", y, m, d);
  return TRUE;
}

gboolean
vl_csv_parse_enum (const char *field,
                   GType       type,
                   const char *text,
                   int        *value)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);

  if (*text == '\0')
    {
      *value = 0;
      return TRUE;
    }
  if (vl_enum_from_nick (type, lower, value))
    return TRUE;
  for (guint i = 0; i < vl_enum_n_values (field); i++)
    {
      const char *label = vl_enum_label (field, (int) i);

      if (label != NULL && g_utf8_collate (label, text) == 0)
        return (*value = (int) i, TRUE);
    }
  return FALSE;
}

gboolean
vl_csv_parse_bool (const char *text,
                   gboolean   *value)
{
  static const char *yes[] = { "true", "yes", "y", "1", "x", "✓", "是", "p1" };
  static const char *no[] = { "false", "no", "n", "0", "", "否" };
  g_autofree char *lower = g_utf8_strdown (text, -1);

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_str_equal (lower, yes[i]))
      return (*value = TRUE, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_str_equal (lower, no[i]))
      return (*value = FALSE, TRUE);
  return FALSE;
}

