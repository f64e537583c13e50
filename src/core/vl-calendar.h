/* vl-calendar.h — the release calendar: launches, planned launches and
 * value reviews by day, and its iCalendar file (RFC 5545)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-document.h"

G_BEGIN_DECLS

typedef enum {
  VL_CALENDAR_LAUNCH,          /* the item's launch date */
  VL_CALENDAR_PLANNED_LAUNCH,  /* not launched yet: the end of its iteration */
  VL_CALENDAR_REVIEW_DUE,      /* launched, not reviewed: its value review */
  VL_CALENDAR_ITERATION_START, /* an iteration's first day (the grid only, not the file) */
  VL_CALENDAR_ITERATION_END,   /* its last day */
} VlCalendarKind;

typedef struct
{
  VlCalendarKind kind;
  gint64         item;        /* row id: an item, or an iteration */
  GDate          day;
  char          *title;       /* "Launch: Saved cards" */
  char          *name;        /* the item's (or iteration's) own title */
  char          *uid;         /* stable: importing the file again updates the event */
  char          *description;
} VlCalendarEvent;

GPtrArray *vl_calendar_events      (VlDocument  *document,
                                    const GDate *from,
                                    const GDate *to);
void       vl_calendar_add_iterations (VlDocument *document,
                                       GPtrArray  *events,
                                       const GDate *from,
                                       const GDate *to);
char      *vl_calendar_to_ical     (VlDocument  *document,
                                    GPtrArray   *events);
GArray    *vl_calendar_p1_items    (VlDocument  *document,
                                    const GDate *month);
gboolean   vl_calendar_write_ical  (VlDocument  *document,
                                    GFile       *file,
                                    GError     **error);

G_END_DECLS
