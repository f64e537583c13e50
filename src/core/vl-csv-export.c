/* vl-csv-export.c — the plan's CSV exports
 *
 * Four exports through one writer (vl-csv.c): the OKR review of a cycle,
 * the value review of launched items, the backlog (every item field in
 * rank order, re-importable by vl-csv-import.c) and the portfolio (cost
 * per AARRR stage, key result and backlog). The backlog and value review
 * are read with one query each straight from the working copy, so 100,000
 * items export as fast as sqlite3's own CSV mode runs the same query.
 *
 * Review exports are for people: headers and enum values in the user's
 * language. The backlog export writes enum nicks, so it reads back in any
 * locale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "vl-csv-export.h"
#include "vl-csv-private.h"
#include "vl-document-private.h"
#include "vl-enums.h"
#include "vl-labels.h"
#include "vl-okr.h"
#include "vl-value.h"

static const char *kind_nicks[VL_CSV_N_KINDS] = { "okr-review", "value-review", "backlog", "portfolio" };
static const char *kind_labels[VL_CSV_N_KINDS] = {
  N_("OKR Review"), N_("Value Review"), N_("Backlog"), N_("Portfolio"),
};

const VlCsvColumn vl_csv_backlog_columns[] = {
  { N_("ID"), "key" },
  { N_("Backlog"), "backlog" },
  { N_("Title"), "title" },
  { N_("Description"), "description" },
  { N_("Status"), "status" },
  { N_("Owner"), "owner" },
  { N_("MoSCoW"), "moscow" },
  { N_("P1"), "p1" },
  { N_("User Value"), "user-value" },
  { N_("Business Value"), "business-value" },
  { N_("Cost"), "cost" },
  { N_("AARRR"), "aarrr" },
  { N_("Key Result"), "key-result" },
  { N_("Value Loop"), "value-loop" },
  { N_("Iteration"), "iteration" },
  { N_("Upstream"), "upstream" },
  { N_("Metric"), "metric" },
  { N_("Baseline"), "baseline" },
  { N_("Expected"), "expected" },
  { N_("Launch Date"), "launch-date" },
  { N_("Review Due"), "review-due" },
  { N_("Actual"), "actual" },
  { N_("Verdict"), "verdict" },
  { N_("Review Note"), "review-note" },
};
const guint vl_csv_n_backlog_columns = G_N_ELEMENTS (vl_csv_backlog_columns);

const char *
vl_csv_kind_to_nick (VlCsvKind kind)
{
  g_return_val_if_fail (kind < VL_CSV_N_KINDS, NULL);
  return kind_nicks[kind];
}

gboolean
vl_csv_kind_from_nick (const char *nick,
                       VlCsvKind  *kind)
{
  for (guint i = 0; i < VL_CSV_N_KINDS; i++)
    if (g_strcmp0 (nick, kind_nicks[i]) == 0)
      {
        *kind = (VlCsvKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
vl_csv_kind_label (VlCsvKind kind)
{
  g_return_val_if_fail (kind < VL_CSV_N_KINDS, NULL);
  return _(kind_labels[kind]);
}

/* What an export's scope is: a cycle for the OKR review, else a backlog. */
VlKind
vl_csv_kind_scope (VlCsvKind kind)
{
  return kind == VL_CSV_OKR_REVIEW ? VL_KIND_CYCLE : VL_KIND_BACKLOG;
}

/* "OKR Review — H2 2026.csv": a file name to offer in the save dialog. */
char *
vl_csv_suggest_name (VlDocument *document,
                     VlCsvKind   kind,
                     VlRecord   *scope)
{
  g_autofree char *name = NULL;

  if (scope != NULL && *vl_record_get_title (scope) != '\0')
    name = g_strdup_printf ("%s — %s.csv", vl_csv_kind_label (kind), vl_record_get_title (scope));
  else
    name = g_strdup_printf ("%s — %s.csv", vl_csv_kind_label (kind), vl_document_get_title (document));
  g_strdelimit (name, "/\\:", '-');
  return g_steal_pointer (&name);
}

char *
vl_csv_date_of_ms (gint64 ms)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (ms / 1000);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("");
}

static void
headers (VlCsvWriter       *w,
         const char *const *names,
         guint              n)
{
  for (guint i = 0; i < n; i++)
    vl_csv_text (w, _(names[i]));
  vl_csv_end_row (w);
}

static double
column_number (sqlite3_stmt *stmt,
               int           i)
{
  return sqlite3_column_type (stmt, i) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, i);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           i)
{
  const char *text = (const char *) sqlite3_column_text (stmt, i);

  return text != NULL ? text : "";
}

static void
enum_label (VlCsvWriter *w,
            const char  *field,
            int          value)
{
  if (value < 0 || (guint) value >= vl_enum_n_values (field))
    vl_csv_empty (w);
  else
    vl_csv_text (w, vl_enum_label (field, value));
}

static void
enum_nick (VlCsvWriter *w,
           GType        type,
           int          value)
{
  const char *nick = vl_enum_to_nick (type, value);

  vl_csv_text (w, nick != NULL ? nick : "");
}

/* An item's id as the export shows it: the key it was imported with, else
 * its own uuid (so a re-import, here or in another plan, updates it). */
static void
item_key (VlCsvWriter  *w,
          sqlite3_stmt *stmt,
          int           uuid_col,
          int           key_col)
{
  char uuid[VL_UUID_STRING_LEN];

  if (sqlite3_column_type (stmt, uuid_col) == SQLITE_NULL)
    vl_csv_empty (w);
  else if (*column_text (stmt, key_col) != '\0')
    vl_csv_text (w, column_text (stmt, key_col));
  else if (sqlite3_column_bytes (stmt, uuid_col) == VL_UUID_LEN)
    {
      vl_uuid_to_string (sqlite3_column_blob (stmt, uuid_col), uuid);
      vl_csv_text (w, uuid);
    }
  else
    vl_csv_empty (w);
}

static gboolean
prepare (VlDocument    *document,
         const char    *sql,
         VlRecord      *scope,
         sqlite3_stmt **stmt,
         GError       **error)
{
  sqlite3 *db = _vl_document_get_db (document);

  if (sqlite3_prepare_v2 (db, sql, -1, stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_FAILED,
                   _("Could not read the plan: %s"), sqlite3_errmsg (db));
      return FALSE;
    }
  sqlite3_bind_int64 (*stmt, 1, scope != NULL ? vl_record_get_rowid (scope) : 0);
  return TRUE;
}

static gboolean
finish (VlDocument   *document,
        sqlite3_stmt *stmt,
        int           rc,
        GError      **error)
{
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_FAILED,
               _("Could not read the plan: %s"), sqlite3_errmsg (_vl_document_get_db (document)));
  return FALSE;
}

/* ---- backlog ---------------------------------------------------------- */

#define ITEM_JOINS \
  " FROM item i JOIN backlog b ON b.id = i.backlog AND b.deleted <> 1" \
  " LEFT JOIN key_result k ON k.id = i.key_result AND k.deleted <> 1" \
  " LEFT JOIN value_loop v ON v.id = i.value_loop AND v.deleted <> 1"

static gboolean
export_backlog (VlDocument  *document,
                VlRecord    *scope,
                VlCsvWriter *w,
                GError     **error)
{
  static const char sql[] =
    "SELECT i.uuid, i.source_key, b.name, i.title, i.description, i.status, i.owner, i.moscow,"
    "  i.p1, i.user_value, i.business_value, i.cost, i.aarrr, k.title, v.name, t.name,"
    "  u.uuid, u.source_key, i.metric, i.baseline, i.expected, i.launch_date, i.review_due,"
    "  i.actual, i.verdict, i.review_note"
    ITEM_JOINS
    " LEFT JOIN iteration t ON t.id = i.iteration AND t.deleted <> 1"
    " LEFT JOIN item u ON u.id = i.upstream AND u.deleted <> 1"
    " WHERE i.deleted <> 1 AND (?1 = 0 OR i.backlog = ?1)"
    " ORDER BY b.rank, b.uuid, i.rank, i.uuid";
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < vl_csv_n_backlog_columns; i++)
    vl_csv_text (w, _(vl_csv_backlog_columns[i].header));
  vl_csv_end_row (w);
  if (!prepare (document, sql, scope, &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      item_key (w, stmt, 0, 1);
      vl_csv_text (w, column_text (stmt, 2));
      vl_csv_text (w, column_text (stmt, 3));
      vl_csv_text (w, column_text (stmt, 4));
      enum_nick (w, VL_TYPE_STATUS, sqlite3_column_int (stmt, 5));
      vl_csv_text (w, column_text (stmt, 6));
      enum_nick (w, VL_TYPE_MOSCOW, sqlite3_column_int (stmt, 7));
      vl_csv_text (w, sqlite3_column_int (stmt, 8) ? "true" : "false");
      vl_csv_int (w, sqlite3_column_int64 (stmt, 9));
      vl_csv_int (w, sqlite3_column_int64 (stmt, 10));
      vl_csv_number (w, column_number (stmt, 11));
      enum_nick (w, VL_TYPE_AARRR, sqlite3_column_int (stmt, 12));
      vl_csv_text (w, column_text (stmt, 13));
      vl_csv_text (w, column_text (stmt, 14));
      vl_csv_text (w, column_text (stmt, 15));
      item_key (w, stmt, 16, 17);
      vl_csv_text (w, column_text (stmt, 18));
      vl_csv_number (w, column_number (stmt, 19));
      vl_csv_number (w, column_number (stmt, 20));
      vl_csv_text (w, column_text (stmt, 21));
      vl_csv_text (w, column_text (stmt, 22));
      vl_csv_number (w, column_number (stmt, 23));
      enum_nick (w, VL_TYPE_VERDICT, sqlite3_column_int (stmt, 24));
      vl_csv_text (w, column_text (stmt, 25));
      vl_csv_end_row (w);
    }
  return finish (document, stmt, rc, error);
}

/* ---- value review ------------------------------------------------------ */

/* "2026-08-04: 2.19; 2026-08-27: 2.27" from "2026-08-04 2.19|…", each
 * value with the flavour's decimal mark. */
static void
write_readings (VlCsvWriter *w,
                const char  *readings)
{
  g_auto(GStrv) each = g_strsplit (readings, "|", -1);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; *readings != '\0' && each[i] != NULL; i++)
    {
      char *space = strchr (each[i], ' ');
      char value[G_ASCII_DTOSTR_BUF_SIZE];

      if (space == NULL)
        continue;
      *space = '\0';
      g_ascii_formatd (value, sizeof value, "%.15g", g_ascii_strtod (space + 1, NULL));
      if (w->decimal != '.')
        g_strdelimit (value, ".", w->decimal);
      g_string_append_printf (text, "%s%s: %s", text->len > 0 ? "; " : "", each[i], value);
    }
  vl_csv_text (w, text->str);
}

static gboolean
export_value_review (VlDocument  *document,
                     VlRecord    *scope,
                     VlCsvWriter *w,
                     GError     **error)
{
  static const char *const names[] = {
    N_("Item"), N_("Backlog"), N_("Value Loop"), N_("AARRR"), N_("Key Result"), N_("Metric"),
    N_("Baseline"), N_("Expected"), N_("Actual"), N_("Change Achieved (%)"), N_("Launched"),
    N_("Review Due"), N_("Reviewed"), N_("Verdict"), N_("Review Note"), N_("Readings"),
  };
  static const char sql[] =
    "SELECT i.title, b.name, v.name, i.aarrr, k.title, i.metric, i.baseline, i.expected,"
    "  ifnull ((SELECT value FROM reading WHERE item = i.id AND deleted <> 1 ORDER BY date DESC, id DESC"
    "           LIMIT 1), i.actual), i.launch_date, i.review_due,"
    "  (SELECT min (at) FROM transition x WHERE x.item = i.id AND x.deleted <> 1 AND x.to_status = 5),"
    "  i.verdict, i.review_note,"
    "  (SELECT group_concat (r.date || ' ' || r.value, '|') FROM"
    "    (SELECT date, value FROM reading WHERE item = i.id AND deleted <> 1 ORDER BY date, id) r)"
    ITEM_JOINS
    " WHERE i.deleted <> 1 AND (?1 = 0 OR i.backlog = ?1)"
    "  AND (i.status IN (4, 5) OR i.launch_date IS NOT NULL)"
    " ORDER BY ifnull (i.review_due, i.launch_date), b.rank, i.rank, i.uuid";
  sqlite3_stmt *stmt;
  int rc;

  G_STATIC_ASSERT (VL_STATUS_LAUNCHED == 4 && VL_STATUS_REVIEWED == 5);
  headers (w, names, G_N_ELEMENTS (names));
  if (!prepare (document, sql, scope, &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      double share = vl_value_achieved (column_number (stmt, 6), column_number (stmt, 7), column_number (stmt, 8));

      vl_csv_text (w, column_text (stmt, 0));
      vl_csv_text (w, column_text (stmt, 1));
      vl_csv_text (w, column_text (stmt, 2));
      enum_label (w, "aarrr", sqlite3_column_int (stmt, 3));
      vl_csv_text (w, column_text (stmt, 4));
      vl_csv_text (w, column_text (stmt, 5));
      vl_csv_number (w, column_number (stmt, 6));
      vl_csv_number (w, column_number (stmt, 7));
      vl_csv_number (w, column_number (stmt, 8));
      vl_csv_number (w, isnan (share) ? NAN : round (share * 1000) / 10);
      vl_csv_text (w, column_text (stmt, 9));
      vl_csv_text (w, column_text (stmt, 10));
      if (sqlite3_column_type (stmt, 11) == SQLITE_NULL)
        vl_csv_empty (w);
      else
        {
          g_autofree char *date = vl_csv_date_of_ms (sqlite3_column_int64 (stmt, 11));

          vl_csv_text (w, date);
        }
      enum_label (w, "verdict", sqlite3_column_int (stmt, 12));
      vl_csv_text (w, column_text (stmt, 13));
      write_readings (w, column_text (stmt, 14));
      vl_csv_end_row (w);
    }
  return finish (document, stmt, rc, error);
}

/* ---- OKR review -------------------------------------------------------- */

static void
okr_row (VlCsvWriter *w,
         VlRecord    *cycle,
         VlRecord    *objective,
         VlRecord    *kr)
{
  VlLevel level;
  const char *owner = "";

  g_object_get (objective, "level", &level, NULL);
  if (kr != NULL)
    owner = vl_record_get_string (kr, "owner");
  if (*owner == '\0')
    owner = vl_record_get_string (objective, "owner");
  vl_csv_text (w, vl_record_get_title (cycle));
  enum_label (w, "level", (int) level);
  vl_csv_text (w, vl_record_get_title (objective));
  vl_csv_text (w, owner);
  if (kr == NULL)
    {
      for (guint i = 0; i < 11; i++)
        vl_csv_empty (w);
    }
  else
    {
      g_autoptr(VlRecord) last = vl_key_result_dup_last_checkin (kr);
      VlKrKind kind;
      double progress = vl_key_result_get_progress (kr);

      g_object_get (kr, "kind", &kind, NULL);
      vl_csv_text (w, vl_record_get_title (kr));
      enum_label (w, "kind", (int) kind);
      vl_csv_text (w, vl_record_get_string (kr, "unit"));
      if (kind == VL_KR_KIND_METRIC)
        {
          vl_csv_number (w, vl_record_get_number (kr, "baseline"));
          vl_csv_number (w, vl_record_get_number (kr, "target"));
          vl_csv_number (w, vl_record_get_number (kr, "current"));
        }
      else
        {
          vl_csv_empty (w);
          vl_csv_empty (w);
          vl_csv_text (w, vl_record_get_int (kr, "done") ? _("Done") : _("Not done"));
        }
      vl_csv_number (w, isnan (progress) ? NAN : round (progress * 1000) / 10);
      vl_csv_number (w, vl_record_get_number (kr, "score"));
      vl_csv_number (w, last != NULL ? vl_record_get_number (last, "confidence") : NAN);
      vl_csv_text (w, last != NULL ? vl_record_get_string (last, "date") : "");
      vl_csv_text (w, last != NULL ? vl_record_get_string (last, "note") : "");
    }
  vl_csv_end_row (w);
}

static void
okr_walk (VlDocument  *document,
          VlCsvWriter *w,
          VlRecord    *cycle,
          VlRecord    *parent)
{
  g_autoptr(GListModel) children = vl_document_list (document, VL_KIND_OBJECTIVE, "parent", parent);

  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(VlRecord) objective = g_list_model_get_item (children, i);

      if (vl_record_get_ref_id (objective, "cycle") == vl_record_get_rowid (cycle))
        {
          g_autoptr(GListModel) krs = vl_document_list (document, VL_KIND_KEY_RESULT, "objective", objective);
          guint n = g_list_model_get_n_items (krs);

          if (n == 0)
            okr_row (w, cycle, objective, NULL);
          for (guint k = 0; k < n; k++)
            {
              g_autoptr(VlRecord) kr = g_list_model_get_item (krs, k);

              okr_row (w, cycle, objective, kr);
            }
        }
      okr_walk (document, w, cycle, objective);
    }
}

static gboolean
export_okr_review (VlDocument  *document,
                   VlRecord    *scope,
                   VlCsvWriter *w,
                   GError     **error)
{
  static const char *const names[] = {
    N_("Cycle"), N_("Level"), N_("Objective"), N_("Owner"), N_("Key Result"), N_("Kind"), N_("Unit"),
    N_("Baseline"), N_("Target"), N_("Current"), N_("Progress (%)"), N_("Score"), N_("Confidence"),
    N_("Last Check-in"), N_("Check-in Note"),
  };
  g_autoptr(VlRecord) cycle = scope != NULL ? g_object_ref (scope) : NULL;

  if (cycle == NULL)
    {
      g_autoptr(GDate) today = vl_okr_today ();

      cycle = vl_document_dup_current_cycle (document, today);
    }
  if (cycle == NULL)
    {
      g_set_error (error, VL_DOCUMENT_ERROR, VL_DOCUMENT_ERROR_INVALID,
                   _("The plan has no cycle to review: add one on the Goals page"));
      return FALSE;
    }
  headers (w, names, G_N_ELEMENTS (names));
  okr_walk (document, w, cycle, NULL);
  return TRUE;
}

/* ---- portfolio ---------------------------------------------------------- */

static gboolean
write_dimension (VlDocument           *document,
                 VlRecord             *scope,
                 VlRecord             *cycle,
                 VlCsvWriter          *w,
                 const char           *label,
                 VlPortfolioDimension  dimension,
                 GError              **error)
{
  double total = 0;
  g_autoptr(GPtrArray) shares = vl_value_portfolio (document, scope, cycle, dimension, &total, error);

  if (shares == NULL)
    return FALSE;
  for (guint i = 0; i < shares->len; i++)
    {
      VlShare *s = g_ptr_array_index (shares, i);

      vl_csv_text (w, label);
      vl_csv_text (w, s->name);
      vl_csv_int (w, s->n_items);
      vl_csv_number (w, s->cost);
      vl_csv_number (w, total > 0 ? round (s->cost / total * 1000) / 10 : NAN);
      vl_csv_number (w, s->open);
      vl_csv_number (w, s->delivered);
      vl_csv_end_row (w);
    }
  return TRUE;
}

static gboolean
export_portfolio (VlDocument  *document,
                  VlRecord    *scope,
                  VlCsvWriter *w,
                  GError     **error)
{
  static const char *const names[] = {
    N_("Dimension"), N_("Name"), N_("Items"), N_("Cost"), N_("Share of Cost (%)"), N_("Open Cost"),
    N_("Delivered Cost"),
  };

  g_autoptr(GDate) today = vl_okr_today ();
  /* Delivered in the cycle under way, as the Value page shows it. */
  g_autoptr(VlRecord) cycle = vl_document_dup_current_cycle (document, today);

  headers (w, names, G_N_ELEMENTS (names));
  return write_dimension (document, scope, cycle, w, _("AARRR Stage"), VL_PORTFOLIO_STAGE, error) &&
         write_dimension (document, scope, cycle, w, _("Key Result"), VL_PORTFOLIO_KEY_RESULT, error) &&
         write_dimension (document, scope, cycle, w, _("Backlog"), VL_PORTFOLIO_BACKLOG, error);
}

/* ---- entry points ------------------------------------------------------- */

/**
 * vl_csv_export:
 * @scope: (nullable): the cycle or backlog (vl_csv_kind_scope())
 * @decimal_mark: (nullable): the spreadsheet flavour's mark; NULL for the
 *   locale's
 *
 * Appends the export to @out.
 */
gboolean
vl_csv_export (VlDocument   *document,
               VlCsvKind     kind,
               VlRecord     *scope,
               VlCsvFlavour  flavour,
               const char   *decimal_mark,
               GString      *out,
               GError      **error)
{
  VlCsvWriter w;

  g_return_val_if_fail (VL_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (kind < VL_CSV_N_KINDS, FALSE);
  g_return_val_if_fail (scope == NULL || vl_record_get_kind (scope) == vl_csv_kind_scope (kind), FALSE);

  vl_csv_writer_init (&w, flavour, decimal_mark, out);
  switch (kind)
    {
    case VL_CSV_OKR_REVIEW:
      return export_okr_review (document, scope, &w, error);
    case VL_CSV_VALUE_REVIEW:
      return export_value_review (document, scope, &w, error);
    case VL_CSV_BACKLOG:
      return export_backlog (document, scope, &w, error);
    case VL_CSV_PORTFOLIO:
    default:
      return export_portfolio (document, scope, &w, error);
    }
}

/* Writes the export to @file, replacing it atomically. */
gboolean
vl_csv_export_file (VlDocument   *document,
                    VlCsvKind     kind,
                    VlRecord     *scope,
                    VlCsvFlavour  flavour,
                    GFile        *file,
                    GError      **error)
{
  g_autoptr(GString) out = g_string_sized_new (64 * 1024);

  if (!vl_csv_export (document, kind, scope, flavour, NULL, out, error))
    return FALSE;
  return g_file_replace_contents (file, out->str, out->len, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL,
                                  error);
}
