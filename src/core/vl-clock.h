/* vl-clock.h — hybrid logical clock (DESIGN §4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A stamp is 48 bits of wall-clock milliseconds shifted left by 16, plus a
 * 16-bit counter. It never goes backwards, even if the wall clock does. */
#define VL_HLC_COUNTER_BITS 16
#define VL_HLC_MS(hlc)      ((hlc) >> VL_HLC_COUNTER_BITS)

typedef gint64 (*VlClockNowFunc) (gpointer user_data);

typedef struct _VlClock VlClock;

VlClock *vl_clock_new        (void);
VlClock *vl_clock_new_with_func (VlClockNowFunc now_ms,
                                 gpointer       user_data);
void     vl_clock_free       (VlClock *clock);
gint64   vl_clock_tick       (VlClock *clock);
void     vl_clock_observe    (VlClock *clock,
                              gint64   hlc);
gint64   vl_clock_last       (VlClock *clock);
gint64   vl_clock_now_ms     (VlClock *clock);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VlClock, vl_clock_free)

G_END_DECLS
