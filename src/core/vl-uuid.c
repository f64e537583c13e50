/* vl-uuid.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-uuid"

#include "config.h"

#include "vl-uuid.h"

void
vl_uuid_generate (guint8 out[VL_UUID_LEN])
{
  g_autofree char *text = g_uuid_string_random ();
  gboolean ok = vl_uuid_parse (text, out);

  g_assert (ok);
}

void
vl_uuid_to_string (const guint8 uuid[VL_UUID_LEN],
                   char         out[VL_UUID_STRING_LEN])
{
  static const char hex[] = "0123456789abcdef";
  guint j = 0;

  for (guint i = 0; i < VL_UUID_LEN; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        out[j++] = '-';
      out[j++] = hex[uuid[i] >> 4];
      out[j++] = hex[uuid[i] & 0xf];
    }
  out[j] = '\0';
}

gboolean
vl_uuid_parse (const char *text,
               guint8      out[VL_UUID_LEN])
{
  guint n = 0;

  if (text == NULL || !g_uuid_string_is_valid (text))
    return FALSE;
  for (const char *p = text; *p != '\0' && n < VL_UUID_LEN; p++)
    {
      if (*p == '-')
        continue;
      out[n++] = (guint8) (g_ascii_xdigit_value (p[0]) << 4 | g_ascii_xdigit_value (p[1]));
      p++;
    }
  return n == VL_UUID_LEN;
}
