/* vl-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-clock"

#include "config.h"

#include "vl-clock.h"

struct _VlClock
{
  VlClockNowFunc now_ms;
  gpointer       user_data;
  gint64         last;
};

static gint64
real_now_ms (gpointer user_data)
{
  return g_get_real_time () / 1000;
}

VlClock *
vl_clock_new_with_func (VlClockNowFunc now_ms,
                        gpointer       user_data)
{
  VlClock *clock = g_new0 (VlClock, 1);

  clock->now_ms = now_ms;
  clock->user_data = user_data;
  return clock;
}

VlClock *
vl_clock_new (void)
{
  return vl_clock_new_with_func (real_now_ms, NULL);
}

void
vl_clock_free (VlClock *clock)
{
  g_free (clock);
}

/* A new stamp: the wall clock if it is ahead of everything seen, else one
 * more than the last stamp (the counter absorbs bursts and backward jumps). */
gint64
vl_clock_tick (VlClock *clock)
{
  gint64 wall;

  g_return_val_if_fail (clock != NULL, 0);

  wall = clock->now_ms (clock->user_data) << VL_HLC_COUNTER_BITS;
  clock->last = MAX (wall, clock->last + 1);
  return clock->last;
}

/* Called for every stamp read from a file or a merge. */
void
vl_clock_observe (VlClock *clock,
                  gint64   hlc)
{
  g_return_if_fail (clock != NULL);

  clock->last = MAX (clock->last, hlc);
}

gint64
vl_clock_last (VlClock *clock)
{
  g_return_val_if_fail (clock != NULL, 0);

  return clock->last;
}

/* The wall clock behind the stamps (for times people read, not for order). */
gint64
vl_clock_now_ms (VlClock *clock)
{
  g_return_val_if_fail (clock != NULL, 0);

  return clock->now_ms (clock->user_data);
}
