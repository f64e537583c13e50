/* vl-calendar.c — the release calendar and its iCalendar file (RFC 5545)
 *
 * For operations and marketing: what launched when, what is planned to
 * launch (the end of the item's iteration), and when its value review is
 * due. The file holds all-day events whose UIDs come from the item's own
 * id, so a calendar that imports it again updates the events in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-calendar"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vl-calendar.h"
#include "vl-document-private.h"
#include "vl-enums.h"
#include "vl-uuid.h"

static void
event_free (gpointer data)
{
  VlCalendarEvent *event = data;

  g_free (event->title);
  g_free (event->name);
  g_free (event->uid);
  g_free (event->description);
  g_free (event);
}

static gboolean
parse_day (const char *text,
           GDate      *out)
{
  g_date_clear (out, 1);
  if (text == NULL || *text == '\0')
    return FALSE;
  g_date_set_parse (out, text);
  return g_date_valid (out);
}

static void
add_event (GPtrArray      *events,
           VlCalendarKind  kind,
           gint64          item,
           const GDate    *day,
           const GDate    *from,
           const GDate    *to,
           const char     *uuid,
           const char     *title,
           const char     *backlog)
{
  static const char *const prefixes[] = { "launch", "planned", "review", "iteration-start", "iteration-end" };
  VlCalendarEvent *event;

  if ((from != NULL && g_date_compare (day, from) < 0) || (to != NULL && g_date_compare (day, to) > 0))
    return;
  event = g_new0 (VlCalendarEvent, 1);
  event->kind = kind;
  event->item = item;
  event->day = *day;
  event->name = g_strdup (title);
  switch (kind)
    {
    case VL_CALENDAR_LAUNCH:
      /* Translators: a calendar event; %s is the item's title */
      event->title = g_strdup_printf (_("Launch: %s"), title);
      break;
    case VL_CALENDAR_PLANNED_LAUNCH:
      /* Translators: a calendar event; %s is the item's title */
      event->title = g_strdup_printf (_("Planned launch: %s"), title);
      break;
    case VL_CALENDAR_REVIEW_DUE:
      /* Translators: a calendar event; %s is the item's title */
      event->title = g_strdup_printf (_("Value review due: %s"), title);
      break;
    case VL_CALENDAR_ITERATION_START:
      /* Translators: on the release calendar; %s is an iteration's name */
      event->title = g_strdup_printf (_("%s begins"), title);
      break;
    case VL_CALENDAR_ITERATION_END:
    default:
      /* Translators: on the release calendar; %s is an iteration's name */
      event->title = g_strdup_printf (_("%s ends"), title);
      break;
    }
  event->uid = g_strdup_printf ("%s-%s@valueloop", prefixes[kind], uuid);
  /* Translators: a calendar event's description; %s is a backlog's name */
  event->description = backlog != NULL && *backlog != '\0' ? g_strdup_printf (_("Backlog: %s"), backlog)
                                                          : g_strdup ("");
  g_ptr_array_add (events, event);
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const VlCalendarEvent *x = *(VlCalendarEvent *const *) a, *y = *(VlCalendarEvent *const *) b;
  int order = g_date_compare (&x->day, &y->day);

  if (order == 0)
    order = (int) x->kind - (int) y->kind;
  return order != 0 ? order : g_strcmp0 (x->title, y->title);
}

/**
 * vl_calendar_events:
 * @from: (nullable): the first day shown
 * @to: (nullable): the last
 *
 * Returns: (transfer full) (element-type VlCalendarEvent): the events, by day
 */
GPtrArray *
vl_calendar_events (VlDocument  *document,
                    const GDate *from,
                    const GDate *to)
{
  GPtrArray *events = g_ptr_array_new_with_free_func (event_free);
  sqlite3 *db = _vl_document_get_db (document);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (VL_IS_DOCUMENT (document), events);

  if (db == NULL ||
      sqlite3_prepare_v2 (db,
                          "SELECT i.id, i.uuid, i.title, i.status, i.launch_date, i.review_due, "
                          "  it.end_date, b.name FROM item i "
                          "LEFT JOIN iteration it ON it.id = i.iteration AND it.deleted <> 1 "
                          "LEFT JOIN backlog b ON b.id = i.backlog AND b.deleted <> 1 "
                          "WHERE i.deleted <> 1", -1, &stmt, NULL) != SQLITE_OK)
    return events;
  vl_document_hold_reads (document);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      char uuid[VL_UUID_STRING_LEN + 1] = "";
      const char *title = (const char *) sqlite3_column_text (stmt, 2);
      int status = sqlite3_column_int (stmt, 3);
      const char *backlog = (const char *) sqlite3_column_text (stmt, 7);
      GDate day;

      if (sqlite3_column_bytes (stmt, 1) == VL_UUID_LEN)
        vl_uuid_to_string (sqlite3_column_blob (stmt, 1), uuid);
      else
        g_snprintf (uuid, sizeof uuid, "item-%" G_GINT64_FORMAT, id);
      title = title != NULL ? title : "";
      if (status == VL_STATUS_LAUNCHED || status == VL_STATUS_REVIEWED)
        {
          if (parse_day ((const char *) sqlite3_column_text (stmt, 4), &day))
            add_event (events, VL_CALENDAR_LAUNCH, id, &day, from, to, uuid, title, backlog);
          if (status == VL_STATUS_LAUNCHED && parse_day ((const char *) sqlite3_column_text (stmt, 5), &day))
            add_event (events, VL_CALENDAR_REVIEW_DUE, id, &day, from, to, uuid, title, backlog);
        }
      else if (status != VL_STATUS_DROPPED && parse_day ((const char *) sqlite3_column_text (stmt, 6), &day))
        add_event (events, VL_CALENDAR_PLANNED_LAUNCH, id, &day, from, to, uuid, title, backlog);
    }
  sqlite3_finalize (stmt);
  vl_document_release_reads (document);
  g_ptr_array_sort (events, compare_events);
  return events;
}

/**
 * vl_calendar_add_iterations:
 *
 * Adds the first and last days of the iterations to @events (for the
 * month grid; the iCalendar file is about launches and reviews).
 */
void
vl_calendar_add_iterations (VlDocument  *document,
                            GPtrArray   *events,
                            const GDate *from,
                            const GDate *to)
{
  sqlite3 *db = _vl_document_get_db (document);
  sqlite3_stmt *stmt;

  if (db == NULL || sqlite3_prepare_v2 (db, "SELECT id, uuid, name, start_date, end_date FROM iteration "
                                            "WHERE deleted <> 1", -1, &stmt, NULL) != SQLITE_OK)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char uuid[VL_UUID_STRING_LEN + 1] = "";
      const char *name = (const char *) sqlite3_column_text (stmt, 2);
      GDate day;

      if (sqlite3_column_bytes (stmt, 1) == VL_UUID_LEN)
        vl_uuid_to_string (sqlite3_column_blob (stmt, 1), uuid);
      if (parse_day ((const char *) sqlite3_column_text (stmt, 3), &day))
        add_event (events, VL_CALENDAR_ITERATION_START, sqlite3_column_int64 (stmt, 0), &day, from, to, uuid,
                   name != NULL ? name : "", NULL);
      if (parse_day ((const char *) sqlite3_column_text (stmt, 4), &day))
        add_event (events, VL_CALENDAR_ITERATION_END, sqlite3_column_int64 (stmt, 0), &day, from, to, uuid,
                   name != NULL ? name : "", NULL);
    }
  sqlite3_finalize (stmt);
  g_ptr_array_sort (events, compare_events);
}

/**
 * vl_calendar_p1_items:
 * @month: a day of the month
 *
 * Returns: (transfer full) (element-type gint64): the row ids of the P1
 *   demands of @month's monthly iteration (directly, or through one of its
 *   weeks), by rank
 */
GArray *
vl_calendar_p1_items (VlDocument  *document,
                      const GDate *month)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  char prefix[16];

  g_date_strftime (prefix, sizeof prefix, "%Y-%m-", month);
  stmt = _vl_document_statement (document,
    "SELECT i.id FROM item i JOIN iteration it ON it.id = i.iteration AND it.deleted <> 1 "
    "LEFT JOIN iteration m ON m.id = it.parent AND m.deleted <> 1 "
    "WHERE i.deleted <> 1 AND i.p1 <> 0 AND "
    "  substr (CASE WHEN it.kind = ?2 THEN it.start_date ELSE m.start_date END, 1, 8) = ?1 "
    "ORDER BY i.backlog, i.rank");
  if (stmt == NULL)
    return ids;
  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, VL_ITERATION_KIND_MONTH);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  return ids;
}

/* A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma, newline. */
static void
append_text (GString    *out,
             const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\\' || *p == ';' || *p == ',')
        g_string_append_c (out, '\\');
      if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p != '\r')
        g_string_append_c (out, *p);
    }
}

/* Ends a content line: folded at 75 octets (§3.1), never inside a UTF-8
 * character, with CRLF. */
static void
end_line (GString *out,
          GString *line)
{
  const char *p = line->str, *end = line->str + line->len;
  gsize limit = 75;

  while ((gsize) (end - p) > limit)
    {
      const char *cut = p + limit;

      while (cut > p && ((guchar) *cut & 0xC0) == 0x80)
        cut--;
      g_string_append_len (out, p, cut - p);
      g_string_append (out, "\r\n ");
      p = cut;
      limit = 74;   /* the space that begins the next line counts */
    }
  g_string_append_len (out, p, end - p);
  g_string_append (out, "\r\n");
  g_string_truncate (line, 0);
}

static void
line_printf (GString    *out,
             GString    *line,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
line_printf (GString    *out,
             GString    *line,
             const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_string_append_vprintf (line, format, args);
  va_end (args);
  end_line (out, line);
}

static void
text_line (GString    *out,
           GString    *line,
           const char *name,
           const char *value)
{
  g_string_append_printf (line, "%s:", name);
  append_text (line, value);
  end_line (out, line);
}

/**
 * vl_calendar_to_ical:
 *
 * Returns: (transfer full): @events as an iCalendar file's text
 */
char *
vl_calendar_to_ical (VlDocument *document,
                     GPtrArray  *events)
{
  static const char *const categories[] = { N_("Launch"), N_("Planned launch"), N_("Value review"), "", "" };
  GString *out = g_string_new (NULL), *line = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  const char *plan = vl_document_get_title (document);
  g_autofree char *name = NULL;

  /* Translators: the name of an exported calendar; %s is the plan's title */
  name = g_strdup_printf (_("%s — releases"), plan != NULL && *plan != '\0' ? plan : "Valueloop");
  line_printf (out, line, "BEGIN:VCALENDAR");
  line_printf (out, line, "VERSION:2.0");
  line_printf (out, line, "PRODID:-//Valueloop//Valueloop %s//EN", PACKAGE_VERSION);
  line_printf (out, line, "CALSCALE:GREGORIAN");
  line_printf (out, line, "METHOD:PUBLISH");
  text_line (out, line, "X-WR-CALNAME", name);
  for (guint i = 0; i < events->len; i++)
    {
      const VlCalendarEvent *event = events->pdata[i];
      GDate next = event->day;
      char start[9], end[9];

      if (event->kind >= VL_CALENDAR_ITERATION_START)
        continue;

      g_date_add_days (&next, 1);
      g_date_strftime (start, sizeof start, "%Y%m%d", &event->day);
      g_date_strftime (end, sizeof end, "%Y%m%d", &next);
      line_printf (out, line, "BEGIN:VEVENT");
      line_printf (out, line, "UID:%s", event->uid);
      line_printf (out, line, "DTSTAMP:%s", stamp);
      line_printf (out, line, "DTSTART;VALUE=DATE:%s", start);
      line_printf (out, line, "DTEND;VALUE=DATE:%s", end);
      text_line (out, line, "SUMMARY", event->title);
      if (*event->description != '\0')
        text_line (out, line, "DESCRIPTION", event->description);
      text_line (out, line, "CATEGORIES", _(categories[event->kind]));
      line_printf (out, line, "STATUS:%s", event->kind == VL_CALENDAR_PLANNED_LAUNCH ? "TENTATIVE" : "CONFIRMED");
      line_printf (out, line, "TRANSP:TRANSPARENT");
      line_printf (out, line, "END:VEVENT");
    }
  line_printf (out, line, "END:VCALENDAR");
  g_string_free (line, TRUE);
  return g_string_free (out, FALSE);
}

/**
 * vl_calendar_write_ical:
 *
 * Writes every launch, planned launch and review due to @file (replaced
 * only once the whole file is written).
 */
gboolean
vl_calendar_write_ical (VlDocument *document,
                        GFile      *file,
                        GError    **error)
{
  g_autoptr(GPtrArray) events = vl_calendar_events (document, NULL, NULL);
  g_autofree char *text = vl_calendar_to_ical (document, events);

  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                  NULL, error);
}
