/* test-clock.c — the hybrid logical clock never goes backwards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "vl-clock.h"

static gint64
fake_now (gpointer data)
{
  return *(gint64 *) data;
}

static void
test_monotonic_when_wall_jumps_back (void)
{
  gint64 wall = 1700000000000;
  g_autoptr(VlClock) clock = vl_clock_new_with_func (fake_now, &wall);
  gint64 a = vl_clock_tick (clock), b, c;

  g_assert_cmpint (VL_HLC_MS (a), ==, wall);
  wall -= 3600 * 1000;             /* the clock jumps back an hour */
  b = vl_clock_tick (clock);
  c = vl_clock_tick (clock);
  g_assert_cmpint (b, >, a);
  g_assert_cmpint (c, >, b);
  g_assert_cmpint (VL_HLC_MS (c), ==, VL_HLC_MS (a)); /* the counter took the steps */
  wall += 7200 * 1000;             /* and forward again */
  g_assert_cmpint (VL_HLC_MS (vl_clock_tick (clock)), ==, wall);
}

static void
test_observe_stays_ahead (void)
{
  gint64 wall = 1000;
  g_autoptr(VlClock) clock = vl_clock_new_with_func (fake_now, &wall);
  gint64 remote = (gint64) 5000 << VL_HLC_COUNTER_BITS | 7;

  vl_clock_observe (clock, remote);
  g_assert_cmpint (vl_clock_tick (clock), ==, remote + 1);
  vl_clock_observe (clock, 12);    /* an older stamp changes nothing */
  g_assert_cmpint (vl_clock_tick (clock), ==, remote + 2);
}

static void
test_same_ms_counts (void)
{
  gint64 wall = 42;
  g_autoptr(VlClock) clock = vl_clock_new_with_func (fake_now, &wall);
  gint64 prev = vl_clock_tick (clock);

  for (int i = 0; i < 1000; i++)
    {
      gint64 next = vl_clock_tick (clock);

      g_assert_cmpint (next, ==, prev + 1);
      prev = next;
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/clock/wall-jumps-back", test_monotonic_when_wall_jumps_back);
  g_test_add_func ("/clock/observe", test_observe_stays_ahead);
  g_test_add_func ("/clock/same-ms", test_same_ms_counts);
  return g_test_run ();
}
