/* test-rank.c — fractional rank keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "vl-rank.h"

static void
check_between (const char *a,
               const char *b,
               char       *key)
{
  g_assert_nonnull (key);
  g_assert_true (vl_rank_is_valid (key));
  if (a != NULL)
    g_assert_cmpstr (a, <, key);
  if (b != NULL)
    g_assert_cmpstr (key, <, b);
}

static void
test_append_prepend_100k (void)
{
  g_autofree char *first = vl_rank_between (NULL, NULL);
  g_autofree char *last = g_strdup (first);
  g_autofree char *low = g_strdup (first);
  gsize longest = 0;

  for (guint i = 0; i < 100000; i++)
    {
      char *next = vl_rank_between (last, NULL);
      char *prev = vl_rank_between (NULL, low);

      check_between (last, NULL, next);
      check_between (NULL, low, prev);
      longest = MAX (longest, MAX (strlen (next), strlen (prev)));
      g_free (last);
      g_free (low);
      last = next;
      low = prev;
    }
  g_test_message ("longest key after 100k appends and 100k prepends: %zu", longest);
  g_assert_cmpuint (longest, <=, 5);
}

/* Always inserting right after the same key (the worst case for
 * fractions) still works and grows slowly. */
static void
test_insert_between_always_works (void)
{
  g_autofree char *a = vl_rank_between (NULL, NULL);
  g_autofree char *b = vl_rank_between (a, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (keys, g_strdup (a));
  g_ptr_array_add (keys, g_strdup (b));
  for (guint i = 0; i < 5000; i++)
    {
      guint at = (guint) g_rand_int_range (rand, 0, (gint32) keys->len - 1);
      const char *lo = keys->pdata[at], *hi = keys->pdata[at + 1];
      char *mid = vl_rank_between (lo, hi);

      check_between (lo, hi, mid);
      g_ptr_array_insert (keys, (gint) at + 1, mid);
    }
  for (guint i = 0; i + 1 < keys->len; i++)
    g_assert_cmpstr (keys->pdata[i], <, keys->pdata[i + 1]);
  g_ptr_array_unref (keys);
}

static void
test_edges (void)
{
  const char *pairs[][2] = {
    { "a0", "a1" }, { "Zz", "a0" }, { "az", "b00" }, { "a0", "a0V" }, { "a0V", "a1" },
    { "a01", "a02" }, { "a0zzzz", "a1" }, { "Yzz", "Z0" }, { NULL, "a0" }, { "bzz", NULL },
    { NULL, "a01" }, { "a0", "a01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *k = vl_rank_between (pairs[i][0], pairs[i][1]);

      check_between (pairs[i][0], pairs[i][1], k);
    }
  g_assert_false (vl_rank_is_valid (""));
  g_assert_false (vl_rank_is_valid ("a"));
  g_assert_false (vl_rank_is_valid ("a00"));   /* fraction ends in 0 */
  g_assert_false (vl_rank_is_valid ("!0"));
  g_assert_true (vl_rank_is_valid ("b00"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rank/append-prepend-100k", test_append_prepend_100k);
  g_test_add_func ("/rank/insert-between", test_insert_between_always_works);
  g_test_add_func ("/rank/edges", test_edges);
  return g_test_run ();
}
