/* vl-rank.c — fractional indices for ranked lists and trees
 *
 * A key is an integer part followed by an optional fraction, all in base 62
 * with digits "0-9A-Za-z" (ASCII order equals digit order, so keys compare
 * with strcmp() and with SQLite's BINARY collation).
 *
 * The integer part starts with a head character that gives its length:
 * 'a'..'z' are 1..26 digits counting up, 'Z'..'A' are 1..26 digits counting
 * down. Appending or prepending steps the integer, so 100k appends produce
 * 4-character keys; inserting between two neighbours appends a fraction,
 * which never ends in '0' so there is always room below it. Nothing is ever
 * renumbered.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-rank"

#include "config.h"

#include <string.h>

#include "vl-rank.h"

#define BASE 62

static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

static int
digit_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'Z')
    return c - 'A' + 10;
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 36;
  return -1;
}

/* Length of the integer part including its head, or 0 if the head is invalid. */
static gsize
integer_length (const char *key)
{
  char h = key[0];

  if (h >= 'a' && h <= 'z')
    return (gsize) (h - 'a' + 2);
  if (h >= 'A' && h <= 'Z')
    return (gsize) ('Z' - h + 2);
  return 0;
}

gboolean
vl_rank_is_valid (const char *key)
{
  gsize ilen, len;

  if (key == NULL || key[0] == '\0')
    return FALSE;
  ilen = integer_length (key);
  len = strlen (key);
  if (ilen == 0 || len < ilen)
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (digit_value (key[i]) < 0)
      return FALSE;
  return len == ilen || key[len - 1] != '0';
}

/* Step the integer part up (delta = +1) or down (delta = -1). Returns NULL
 * past the last representable integer. */
static char *
step_integer (const char *integer,
              gsize       ilen,
              int         delta)
{
  char *out = g_strndup (integer, ilen);
  char  head = out[0];
  char  wrap_from = delta > 0 ? 'z' : '0';
  char  wrap_to = delta > 0 ? '0' : 'z';
  gsize n;

  for (gsize i = ilen - 1; i >= 1; i--)
    {
      if (out[i] != wrap_from)
        {
          out[i] = digits[digit_value (out[i]) + delta];
          return out;
        }
      out[i] = wrap_to;
    }
  g_free (out);

  /* Every digit wrapped: move to the neighbouring head. */
  if ((delta > 0 && head == 'z') || (delta < 0 && head == 'A'))
    return NULL;
  if (delta > 0 && head == 'Z')
    return g_strdup ("a0");
  if (delta < 0 && head == 'a')
    return g_strdup ("Zz");
  head = (char) (head + delta);
  n = integer_length (&head) - 1;
  out = g_malloc (n + 2);
  out[0] = head;
  memset (out + 1, wrap_to, n);
  out[n + 1] = '\0';
  return out;
}

/* A fraction strictly between a and b (b == NULL means 1.0). Fractions never
 * end in '0'; a may be "". */
static void
append_midpoint (GString    *out,
                 const char *a,
                 const char *b)
{
  for (;;)
    {
      int da, db;

      if (b != NULL)
        {
          /* Copy the common prefix, reading a as if padded with '0'. */
          while (*b != '\0' && (*a != '\0' ? *a : '0') == *b)
            {
              g_string_append_c (out, *b);
              if (*a != '\0')
                a++;
              b++;
            }
        }
      da = *a != '\0' ? digit_value (*a) : 0;
      db = b != NULL ? digit_value (*b) : BASE;
      if (db - da > 1)
        {
          g_string_append_c (out, digits[(da + db) / 2]);
          return;
        }
      if (b != NULL && b[1] != '\0')
        {
          g_string_append_c (out, *b);
          return;
        }
      /* Adjacent digits: keep a's digit and go one place deeper. */
      g_string_append_c (out, digits[da]);
      if (*a != '\0')
        a++;
      b = NULL;
    }
}

static char *
with_fraction (const char *integer,
               gsize       ilen,
               const char *from,
               const char *to)
{
  GString *out = g_string_new_len (integer, (gssize) ilen);

  append_midpoint (out, from, to);
  return g_string_free (out, FALSE);
}

/**
 * vl_rank_between:
 * @before: (nullable): the key to sort after, or %NULL for the start
 * @after: (nullable): the key to sort before, or %NULL for the end
 *
 * Returns: (transfer full): a key strictly between @before and @after.
 */
char *
vl_rank_between (const char *before,
                 const char *after)
{
  gsize ia, ib;
  char *step;

  g_return_val_if_fail (before == NULL || vl_rank_is_valid (before), NULL);
  g_return_val_if_fail (after == NULL || vl_rank_is_valid (after), NULL);
  g_return_val_if_fail (before == NULL || after == NULL || strcmp (before, after) < 0, NULL);

  if (before == NULL && after == NULL)
    return g_strdup ("a0");

  if (before == NULL)
    {
      ib = integer_length (after);
      if (after[ib] != '\0')
        return g_strndup (after, ib);
      step = step_integer (after, ib, -1);
      /* Below the smallest integer there is no room: 62^26 prepends. */
      g_return_val_if_fail (step != NULL, NULL);
      return step;
    }

  ia = integer_length (before);
  step = step_integer (before, ia, +1);
  if (step != NULL && (after == NULL || strcmp (step, after) < 0))
    return step;
  g_free (step);

  ib = after != NULL ? integer_length (after) : 0;
  if (after != NULL && ia == ib && strncmp (before, after, ia) == 0)
    return with_fraction (before, ia, before + ia, after + ib);
  return with_fraction (before, ia, before + ia, NULL);
}
