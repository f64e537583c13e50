/* vl-csv-import.c — backlog CSV from other tools, with a preview
 *
 * A file is read whole (vl-csv.c), its source told from its headers, and
 * each column given a target: an item field, or "priority" (→ MoSCoW),
 * "labels" (→ AARRR stage and P1), "key" (the id the source gave the row,
 * kept in the item's source-key so importing again updates it) or "rank"
 * (the order to add new items in). The user may change any of them, and
 * which of our statuses each of the file's status values becomes.
 *
 * The preview converts every cell the way the import will, so a bad cell
 * (an impossible date, text in a number column, a value our own export
 * never writes) is found with its line and column before anything is
 * written; a file with any such error is refused whole. A good file is
 * imported as one action: one transaction and one undo step.
 *
 * Why one file of about 1,200 lines: the preview and the import are one
 * conversion (the preview is the import, not written), so the targets,
 * the status map, the converted rows and the write share one structure;
 * what a single cell means is vl-csv-cells.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vl-csv-import.h"
#include "vl-csv-private.h"
#include "vl-enums.h"
#include "vl-labels.h"
#include "vl-record.h"

#define MAX_ERRORS 50

typedef enum {
  T_TEXT, T_NUMBER, T_INT, T_DATE, T_ENUM, T_BOOL, T_STATUS, T_PRIORITY, T_LABELS, T_REF, T_KEY,
  T_UPSTREAM, T_RANK,
} TargetType;

typedef struct
{
  const char *id;
  const char *label;
  TargetType  type;
  const char *field;
  VlKind      ref_kind;
} Target;

static const Target targets[] = {
  { "key", N_("Key in the Source"), T_KEY, "source-key", 0 },
  { "title", N_("Title"), T_TEXT, "title", 0 },
  { "description", N_("Description"), T_TEXT, "description", 0 },
  { "status", N_("Status"), T_STATUS, "status", 0 },
  { "owner", N_("Owner"), T_TEXT, "owner", 0 },
  { "priority", N_("Priority (as MoSCoW)"), T_PRIORITY, "moscow", 0 },
  { "moscow", N_("MoSCoW"), T_ENUM, "moscow", 0 },
  { "p1", N_("P1"), T_BOOL, "p1", 0 },
  { "labels", N_("Labels (AARRR stage, P1)"), T_LABELS, NULL, 0 },
  { "aarrr", N_("AARRR"), T_ENUM, "aarrr", 0 },
  { "cost", N_("Cost or Estimate"), T_NUMBER, "cost", 0 },
  { "user-value", N_("User Value"), T_INT, "user-value", 0 },
  { "business-value", N_("Business Value"), T_INT, "business-value", 0 },
  { "key-result", N_("Key Result"), T_REF, "key-result", VL_KIND_KEY_RESULT },
  { "value-loop", N_("Value Loop"), T_REF, "value-loop", VL_KIND_VALUE_LOOP },
  { "iteration", N_("Iteration"), T_REF, "iteration", VL_KIND_ITERATION },
  { "upstream", N_("Upstream"), T_UPSTREAM, "upstream", VL_KIND_ITEM },
  { "metric", N_("Metric"), T_TEXT, "metric", 0 },
  { "baseline", N_("Baseline"), T_NUMBER, "baseline", 0 },
  { "expected", N_("Expected"), T_NUMBER, "expected", 0 },
  { "launch-date", N_("Launch Date"), T_DATE, "launch-date", 0 },
  { "review-due", N_("Review Due"), T_DATE, "review-due", 0 },
  { "actual", N_("Actual"), T_NUMBER, "actual", 0 },
  { "verdict", N_("Verdict"), T_ENUM, "verdict", 0 },
  { "review-note", N_("Review Note"), T_TEXT, "review-note", 0 },
  { "rank", N_("Order"), T_RANK, NULL, 0 },
};
#define N_TARGETS G_N_ELEMENTS (targets)

static const char *source_labels[] = {
  N_("Unknown"), "Valueloop", "Jira", "Linear", "Taiga", "Asana", "Trello", N_("GitHub Projects"), "Plane",
};

/* Headers each source writes, lower-cased, and the target each becomes;
 * source 0 is for every file (and for headers a known source lacks). */
typedef struct
{
  VlCsvSource source;
  const char *header;
  const char *target;
} Known;

static const Known known[] = {
  { VL_CSV_SOURCE_JIRA, "issue key", "key" },
  { VL_CSV_SOURCE_JIRA, "summary", "title" },
  { VL_CSV_SOURCE_JIRA, "assignee", "owner" },
  { VL_CSV_SOURCE_JIRA, "sprint", "iteration" },
  { VL_CSV_SOURCE_JIRA, "custom field (story points)", "cost" },
  { VL_CSV_SOURCE_JIRA, "custom field (story point estimate)", "cost" },
  { VL_CSV_SOURCE_JIRA, "custom field (rank)", "rank" },
  { VL_CSV_SOURCE_JIRA, "resolved", "launch-date" },
  { VL_CSV_SOURCE_JIRA, "issue id", "" },
  /* Jira in German and Chinese. */
  { VL_CSV_SOURCE_JIRA, "vorgangsschlüssel", "key" },
  { VL_CSV_SOURCE_JIRA, "zusammenfassung", "title" },
  { VL_CSV_SOURCE_JIRA, "bearbeiter", "owner" },
  { VL_CSV_SOURCE_JIRA, "beschreibung", "description" },
  { VL_CSV_SOURCE_JIRA, "priorität", "priority" },
  { VL_CSV_SOURCE_JIRA, "stichwörter", "labels" },
  { VL_CSV_SOURCE_JIRA, "erledigt", "launch-date" },
  { VL_CSV_SOURCE_JIRA, "问题关键字", "key" },
  { VL_CSV_SOURCE_JIRA, "概要", "title" },
  { VL_CSV_SOURCE_JIRA, "已解决", "launch-date" },
  { VL_CSV_SOURCE_LINEAR, "id", "key" },
  { VL_CSV_SOURCE_LINEAR, "estimate", "cost" },
  { VL_CSV_SOURCE_LINEAR, "cycle name", "iteration" },
  { VL_CSV_SOURCE_LINEAR, "completed", "launch-date" },
  { VL_CSV_SOURCE_TAIGA, "ref", "key" },
  { VL_CSV_SOURCE_TAIGA, "id", "" },
  { VL_CSV_SOURCE_TAIGA, "subject", "title" },
  { VL_CSV_SOURCE_TAIGA, "assigned_to_full_name", "owner" },
  { VL_CSV_SOURCE_TAIGA, "owner", "" },
  { VL_CSV_SOURCE_TAIGA, "owner_full_name", "" },
  { VL_CSV_SOURCE_TAIGA, "total-points", "cost" },
  { VL_CSV_SOURCE_TAIGA, "sprint", "iteration" },
  { VL_CSV_SOURCE_TAIGA, "backlog_order", "rank" },
  { VL_CSV_SOURCE_TAIGA, "finish_date", "launch-date" },
  { VL_CSV_SOURCE_ASANA, "task id", "key" },
  { VL_CSV_SOURCE_ASANA, "name", "title" },
  { VL_CSV_SOURCE_ASANA, "notes", "description" },
  { VL_CSV_SOURCE_ASANA, "section/column", "status" },
  { VL_CSV_SOURCE_ASANA, "completed at", "launch-date" },
  { VL_CSV_SOURCE_TRELLO, "card id", "key" },
  { VL_CSV_SOURCE_TRELLO, "card name", "title" },
  { VL_CSV_SOURCE_TRELLO, "card description", "description" },
  { VL_CSV_SOURCE_TRELLO, "list name", "status" },
  { VL_CSV_SOURCE_TRELLO, "members", "owner" },
  { VL_CSV_SOURCE_GITHUB, "url", "key" },
  { VL_CSV_SOURCE_GITHUB, "assignees", "owner" },
  { VL_CSV_SOURCE_GITHUB, "iteration", "iteration" },
  { VL_CSV_SOURCE_GITHUB, "estimate", "cost" },
  { VL_CSV_SOURCE_GITHUB, "size", "" },
  { VL_CSV_SOURCE_PLANE, "id", "key" },
  { VL_CSV_SOURCE_PLANE, "name", "title" },
  { VL_CSV_SOURCE_PLANE, "state", "status" },
  { VL_CSV_SOURCE_PLANE, "cycle name", "iteration" },
  { VL_CSV_SOURCE_PLANE, "estimate", "cost" },
  { VL_CSV_SOURCE_PLANE, "completed at", "launch-date" },
  /* Any file. */
  { 0, "key", "key" },
  { 0, "title", "title" },
  { 0, "summary", "title" },
  { 0, "subject", "title" },
  { 0, "name", "title" },
  { 0, "标题", "title" },
  { 0, "主题", "title" },
  { 0, "description", "description" },
  { 0, "notes", "description" },
  { 0, "描述", "description" },
  { 0, "status", "status" },
  { 0, "state", "status" },
  { 0, "状态", "status" },
  { 0, "assignee", "owner" },
  { 0, "owner", "owner" },
  { 0, "负责人", "owner" },
  { 0, "经办人", "owner" },
  { 0, "priority", "priority" },
  { 0, "优先级", "priority" },
  { 0, "labels", "labels" },
  { 0, "label", "labels" },
  { 0, "tags", "labels" },
  { 0, "标签", "labels" },
  { 0, "story points", "cost" },
  { 0, "estimate", "cost" },
  { 0, "points", "cost" },
  { 0, "故事点", "cost" },
  { 0, "sprint", "iteration" },
  { 0, "经办人", "owner" },
  { 0, "迭代", "iteration" },
};

/* The statuses of each tool (lower-cased) and ours they mean. */
static const struct { const char *text; VlStatus status; } status_words[] = {
  { "idea", VL_STATUS_IDEA }, { "to do", VL_STATUS_IDEA }, { "todo", VL_STATUS_IDEA },
  { "backlog", VL_STATUS_IDEA }, { "open", VL_STATUS_IDEA }, { "new", VL_STATUS_IDEA },
  { "triage", VL_STATUS_IDEA }, { "icebox", VL_STATUS_IDEA }, { "not started", VL_STATUS_IDEA },
  { "待办", VL_STATUS_IDEA }, { "zu erledigen", VL_STATUS_IDEA }, { "offen", VL_STATUS_IDEA },
  { "à faire", VL_STATUS_IDEA }, { "por hacer", VL_STATUS_IDEA },
  { "ready", VL_STATUS_READY }, { "selected for development", VL_STATUS_READY },
  { "ready for development", VL_STATUS_READY }, { "ready for dev", VL_STATUS_READY },
  { "planned", VL_STATUS_PLANNED }, { "scheduled", VL_STATUS_PLANNED }, { "up next", VL_STATUS_PLANNED },
  { "next", VL_STATUS_PLANNED },
  { "in-progress", VL_STATUS_IN_PROGRESS }, { "in progress", VL_STATUS_IN_PROGRESS },
  { "doing", VL_STATUS_IN_PROGRESS }, { "started", VL_STATUS_IN_PROGRESS },
  { "in review", VL_STATUS_IN_PROGRESS }, { "in development", VL_STATUS_IN_PROGRESS },
  { "ready for test", VL_STATUS_IN_PROGRESS }, { "in qa", VL_STATUS_IN_PROGRESS },
  { "进行中", VL_STATUS_IN_PROGRESS }, { "处理中", VL_STATUS_IN_PROGRESS },
  { "in arbeit", VL_STATUS_IN_PROGRESS }, { "en cours", VL_STATUS_IN_PROGRESS },
  { "en curso", VL_STATUS_IN_PROGRESS },
  { "launched", VL_STATUS_LAUNCHED }, { "done", VL_STATUS_LAUNCHED }, { "closed", VL_STATUS_LAUNCHED },
  { "resolved", VL_STATUS_LAUNCHED }, { "complete", VL_STATUS_LAUNCHED },
  { "completed", VL_STATUS_LAUNCHED }, { "released", VL_STATUS_LAUNCHED },
  { "shipped", VL_STATUS_LAUNCHED }, { "archived", VL_STATUS_LAUNCHED },
  { "已完成", VL_STATUS_LAUNCHED }, { "完成", VL_STATUS_LAUNCHED }, { "fertig", VL_STATUS_LAUNCHED },
  { "erledigt", VL_STATUS_LAUNCHED }, { "terminé", VL_STATUS_LAUNCHED }, { "listo", VL_STATUS_LAUNCHED },
  { "reviewed", VL_STATUS_REVIEWED },
  { "dropped", VL_STATUS_DROPPED }, { "won't do", VL_STATUS_DROPPED }, { "won’t do", VL_STATUS_DROPPED },
  { "wont do", VL_STATUS_DROPPED }, { "cancelled", VL_STATUS_DROPPED }, { "canceled", VL_STATUS_DROPPED },
  { "rejected", VL_STATUS_DROPPED }, { "declined", VL_STATUS_DROPPED }, { "duplicate", VL_STATUS_DROPPED },
  { "obsolete", VL_STATUS_DROPPED }, { "已取消", VL_STATUS_DROPPED },
};

/* Priorities of Jira, Linear, Plane, GitHub… as MoSCoW. */
static const struct { const char *text; VlMoscow moscow; } priority_words[] = {
  { "highest", VL_MOSCOW_MUST }, { "urgent", VL_MOSCOW_MUST }, { "blocker", VL_MOSCOW_MUST },
  { "critical", VL_MOSCOW_MUST }, { "p0", VL_MOSCOW_MUST }, { "must", VL_MOSCOW_MUST },
  { "high", VL_MOSCOW_SHOULD }, { "major", VL_MOSCOW_SHOULD }, { "p1", VL_MOSCOW_SHOULD },
  { "should", VL_MOSCOW_SHOULD },
  { "medium", VL_MOSCOW_COULD }, { "normal", VL_MOSCOW_COULD }, { "low", VL_MOSCOW_COULD },
  { "minor", VL_MOSCOW_COULD }, { "p2", VL_MOSCOW_COULD }, { "could", VL_MOSCOW_COULD },
  { "lowest", VL_MOSCOW_WONT }, { "trivial", VL_MOSCOW_WONT }, { "p3", VL_MOSCOW_WONT },
  { "wont", VL_MOSCOW_WONT }, { "won't", VL_MOSCOW_WONT },
  { "none", VL_MOSCOW_NONE }, { "no priority", VL_MOSCOW_NONE }, { "", VL_MOSCOW_NONE },
  /* Jira's five priorities in Chinese and German. */
  { "最高", VL_MOSCOW_MUST }, { "高", VL_MOSCOW_SHOULD }, { "中", VL_MOSCOW_COULD },
  { "低", VL_MOSCOW_COULD }, { "最低", VL_MOSCOW_WONT }, { "höchste", VL_MOSCOW_MUST },
  { "hoch", VL_MOSCOW_SHOULD }, { "mittel", VL_MOSCOW_COULD }, { "niedrig", VL_MOSCOW_COULD },
  { "niedrigste", VL_MOSCOW_WONT },
};

typedef struct
{
  char     *text;        /* as the file has it */
  VlStatus  status;
  gboolean  recognised;
} StatusMap;

typedef struct
{
  guint      line;
  guint      index;       /* in the file */
  gboolean   skip;
  VlRecord  *existing;
  char      *values[N_TARGETS];
} Row;

struct _VlCsvImport
{
  char         *display_name;
  VlCsvTable   *table;
  VlCsvSource   source;
  int          *column_target;   /* index in targets[], or -1 */
  GArray       *statuses;        /* StatusMap */
  GPtrArray    *rows;            /* Row*, in the order new items are added */
  VlCsvPreview  preview;
};

const char *
vl_csv_source_label (VlCsvSource source)
{
  g_return_val_if_fail (source < G_N_ELEMENTS (source_labels), NULL);
  return source == VL_CSV_SOURCE_UNKNOWN || source == VL_CSV_SOURCE_GITHUB ? _(source_labels[source])
                                                                          : source_labels[source];
}

const char *const *
vl_csv_import_targets (void)
{
  static const char *ids[N_TARGETS + 1];

  if (ids[0] == NULL)
    for (guint i = 0; i < N_TARGETS; i++)
      ids[i] = targets[i].id;
  return ids;
}

static int
find_target (const char *id)
{
  for (guint i = 0; i < N_TARGETS; i++)
    if (g_strcmp0 (targets[i].id, id) == 0)
      return (int) i;
  return -1;
}

const char *
vl_csv_import_target_label (const char *target)
{
  int t = find_target (target);

  return t < 0 ? _("Not Imported") : _(targets[t].label);
}

/* ---- telling the source and the columns ------------------------------- */

static gboolean
has_header (VlCsvTable *table,
            const char *name)
{
  for (guint i = 0; i < table->header->n_cells; i++)
    if (g_ascii_strcasecmp (g_strstrip (table->header->cells[i]), name) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_own_header (const char *header,
               const char *field)
{
  for (guint i = 0; i < vl_csv_n_backlog_columns; i++)
    if (g_str_equal (vl_csv_backlog_columns[i].field, field) &&
        (g_ascii_strcasecmp (header, vl_csv_backlog_columns[i].header) == 0 ||
         g_strcmp0 (header, _(vl_csv_backlog_columns[i].header)) == 0))
      return TRUE;
  return FALSE;
}

static VlCsvSource
detect_source (VlCsvTable *t)
{
  gboolean own_key = FALSE, own_moscow = FALSE;

  for (guint i = 0; i < t->header->n_cells; i++)
    {
      own_key = own_key || is_own_header (t->header->cells[i], "key");
      own_moscow = own_moscow || is_own_header (t->header->cells[i], "moscow");
    }
  if (own_key && own_moscow)
    return VL_CSV_SOURCE_VALUELOOP;
  if ((has_header (t, "issue key") && has_header (t, "summary")) ||
      (has_header (t, "vorgangsschlüssel") && has_header (t, "zusammenfassung")) ||
      (has_header (t, "问题关键字") && has_header (t, "概要")))
    return VL_CSV_SOURCE_JIRA;
  if (has_header (t, "ref") && has_header (t, "subject"))
    return VL_CSV_SOURCE_TAIGA;
  if (has_header (t, "task id") && has_header (t, "name"))
    return VL_CSV_SOURCE_ASANA;
  if (has_header (t, "card id") && has_header (t, "card name"))
    return VL_CSV_SOURCE_TRELLO;
  if (has_header (t, "id") && has_header (t, "team") && has_header (t, "title"))
    return VL_CSV_SOURCE_LINEAR;
  if (has_header (t, "title") && has_header (t, "url") && has_header (t, "assignees"))
    return VL_CSV_SOURCE_GITHUB;
  if (has_header (t, "id") && has_header (t, "name") && has_header (t, "state"))
    return VL_CSV_SOURCE_PLANE;
  return VL_CSV_SOURCE_UNKNOWN;
}

static int
guess_target (VlCsvSource  source,
              const char  *header)
{
  g_autofree char *lower = g_utf8_strdown (header, -1);

  if (source == VL_CSV_SOURCE_VALUELOOP)
    {
      for (guint i = 0; i < vl_csv_n_backlog_columns; i++)
        if (is_own_header (header, vl_csv_backlog_columns[i].field))
          return find_target (vl_csv_backlog_columns[i].field);
      return -1;
    }
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < G_N_ELEMENTS (known); i++)
      if ((pass == 0 ? known[i].source == source && source != 0 : known[i].source == 0) &&
          g_str_equal (known[i].header, lower))
        return find_target (known[i].target);
  /* Our own column names, in a file of any kind. */
  for (guint i = 0; i < vl_csv_n_backlog_columns; i++)
    if (is_own_header (header, vl_csv_backlog_columns[i].field))
      return find_target (vl_csv_backlog_columns[i].field);
  return -1;
}

/* ---- cells ------------------------------------------------------------- */

static GType
enum_type_of (const char *field)
{
  if (g_str_equal (field, "moscow"))
    return VL_TYPE_MOSCOW;
  if (g_str_equal (field, "aarrr"))
    return VL_TYPE_AARRR;
  g_assert (g_str_equal (field, "verdict"));
  return VL_TYPE_VERDICT;
}

/* ---- statuses ---------------------------------------------------------- */

static gboolean
guess_status (const char *text,
              VlStatus   *status)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  int value;

  for (guint i = 0; i < G_N_ELEMENTS (status_words); i++)
    if (g_str_equal (status_words[i].text, lower))
      return (*status = status_words[i].status, TRUE);
  if (vl_csv_parse_enum ("status", VL_TYPE_STATUS, text, &value) && *text != '\0')
    return (*status = (VlStatus) value, TRUE);
  *status = VL_STATUS_IDEA;
  return FALSE;
}

/* The distinct values of the status columns, in the order they appear;
 * kept across mapping changes so choices made stay. */
static void
collect_statuses (VlCsvImport *self)
{
  for (guint c = 0; c < self->table->header->n_cells; c++)
    {
      if (self->column_target[c] < 0 || targets[self->column_target[c]].type != T_STATUS)
        continue;
      for (guint r = 0; r < self->table->rows->len; r++)
        {
          VlCsvRow *row = g_ptr_array_index (self->table->rows, r);
          const char *text = c < row->n_cells ? g_strstrip (row->cells[c]) : "";
          gboolean seen = FALSE;
          StatusMap map;

          for (guint i = 0; i < self->statuses->len && !seen; i++)
            seen = g_str_equal (g_array_index (self->statuses, StatusMap, i).text, text);
          if (seen || *text == '\0')
            continue;
          map.text = g_strdup (text);
          map.recognised = guess_status (text, &map.status);
          g_array_append_val (self->statuses, map);
        }
    }
}

static VlStatus
status_for (VlCsvImport *self,
            const char  *text)
{
  for (guint i = 0; i < self->statuses->len; i++)
    if (g_str_equal (g_array_index (self->statuses, StatusMap, i).text, text))
      return g_array_index (self->statuses, StatusMap, i).status;
  return VL_STATUS_IDEA;
}

guint
vl_csv_import_get_n_statuses (VlCsvImport *self)
{
  return self->statuses->len;
}

const char *
vl_csv_import_get_status_text (VlCsvImport *self,
                               guint        i)
{
  g_return_val_if_fail (i < self->statuses->len, NULL);
  return g_array_index (self->statuses, StatusMap, i).text;
}

VlStatus
vl_csv_import_get_status (VlCsvImport *self,
                          guint        i,
                          gboolean    *recognised)
{
  g_return_val_if_fail (i < self->statuses->len, VL_STATUS_IDEA);
  if (recognised != NULL)
    *recognised = g_array_index (self->statuses, StatusMap, i).recognised;
  return g_array_index (self->statuses, StatusMap, i).status;
}

void
vl_csv_import_set_status (VlCsvImport *self,
                          guint        i,
                          VlStatus     status)
{
  g_return_if_fail (i < self->statuses->len && status < VL_N_STATUSES);
  g_array_index (self->statuses, StatusMap, i).status = status;
  g_array_index (self->statuses, StatusMap, i).recognised = TRUE;
}

/* ---- the import object ------------------------------------------------- */

static void
status_map_clear (gpointer data)
{
  g_free (((StatusMap *) data)->text);
}

static void
row_free (gpointer data)
{
  Row *row = data;

  g_clear_object (&row->existing);
  for (guint i = 0; i < N_TARGETS; i++)
    g_free (row->values[i]);
  g_free (row);
}

static void
preview_clear (VlCsvPreview *p)
{
  g_clear_pointer (&p->errors, g_ptr_array_unref);
  g_clear_pointer (&p->notices, g_ptr_array_unref);
  memset (p, 0, sizeof *p);
}

VlCsvImport *
vl_csv_import_new (const char  *data,
                   gsize        length,
                   const char  *display_name,
                   GError     **error)
{
  g_autoptr(VlCsvTable) table = vl_csv_parse (data, length, display_name, error);
  VlCsvImport *self;

  if (table == NULL)
    return NULL;
  self = g_new0 (VlCsvImport, 1);
  self->display_name = g_strdup (display_name);
  self->table = g_steal_pointer (&table);
  self->source = detect_source (self->table);
  self->column_target = g_new (int, self->table->header->n_cells);
  for (guint c = 0; c < self->table->header->n_cells; c++)
    {
      int t = guess_target (self->source, g_strstrip (self->table->header->cells[c]));

      /* Our own export's columns are imported; of another tool's, only
       * one column per field unless the field collects (labels, sprints). */
      self->column_target[c] = t;
    }
  self->statuses = g_array_new (FALSE, TRUE, sizeof (StatusMap));
  g_array_set_clear_func (self->statuses, status_map_clear);
  collect_statuses (self);
  self->rows = g_ptr_array_new_with_free_func (row_free);
  return self;
}

VlCsvImport *
vl_csv_import_new_for_file (GFile   *file,
                            GError **error)
{
  g_autofree char *data = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  gsize length = 0;

  if (!g_file_load_contents (file, NULL, &data, &length, NULL, error))
    return NULL;
  return vl_csv_import_new (data, length, name, error);
}

void
vl_csv_import_free (VlCsvImport *self)
{
  if (self == NULL)
    return;
  g_free (self->display_name);
  vl_csv_table_free (self->table);
  g_free (self->column_target);
  g_array_unref (self->statuses);
  g_ptr_array_unref (self->rows);
  preview_clear (&self->preview);
  g_free (self);
}

VlCsvSource
vl_csv_import_get_source (VlCsvImport *self)
{
  return self->source;
}

const char *
vl_csv_import_get_display_name (VlCsvImport *self)
{
  return self->display_name;
}

guint
vl_csv_import_get_n_columns (VlCsvImport *self)
{
  return self->table->header->n_cells;
}

const char *
vl_csv_import_get_header (VlCsvImport *self,
                          guint        column)
{
  g_return_val_if_fail (column < self->table->header->n_cells, NULL);
  return self->table->header->cells[column];
}

/* The column's first filled cell, to show what it holds; NULL if none. */
const char *
vl_csv_import_get_sample (VlCsvImport *self,
                          guint        column)
{
  g_return_val_if_fail (column < self->table->header->n_cells, NULL);
  for (guint r = 0; r < self->table->rows->len; r++)
    {
      VlCsvRow *row = g_ptr_array_index (self->table->rows, r);

      if (column < row->n_cells && *row->cells[column] != '\0')
        return row->cells[column];
    }
  return NULL;
}

const char *
vl_csv_import_get_target (VlCsvImport *self,
                          guint        column)
{
  g_return_val_if_fail (column < self->table->header->n_cells, NULL);
  return self->column_target[column] < 0 ? "" : targets[self->column_target[column]].id;
}

/* @target: a target id, or "" / NULL for not imported. */
gboolean
vl_csv_import_set_target (VlCsvImport *self,
                          guint        column,
                          const char  *target)
{
  int t = target == NULL || *target == '\0' ? -1 : find_target (target);

  g_return_val_if_fail (column < self->table->header->n_cells, FALSE);
  if (t < 0 && target != NULL && *target != '\0')
    return FALSE;
  self->column_target[column] = t;
  collect_statuses (self);
  return TRUE;
}

gboolean
vl_csv_import_map_header (VlCsvImport *self,
                          const char  *header,
                          const char  *target,
                          GError     **error)
{
  gboolean found = FALSE;

  if (*target != '\0' && find_target (target) < 0)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) vl_csv_import_targets ());

      g_set_error (error, VL_CSV_ERROR, VL_CSV_ERROR_VALUE,
                   _("“%s” is not a field to import into; use one of: %s"), target, list);
      return FALSE;
    }
  for (guint c = 0; c < self->table->header->n_cells; c++)
    if (g_utf8_collate (self->table->header->cells[c], header) == 0)
      found = vl_csv_import_set_target (self, c, target) || found;
  if (!found)
    g_set_error (error, VL_CSV_ERROR, VL_CSV_ERROR_VALUE, _("%s has no column “%s”"),
                 self->display_name, header);
  return found;
}

/* ---- the preview ------------------------------------------------------- */

static void
add_error (VlCsvImport *self,
           guint        line,
           guint        column,
           const char  *message)
{
  if (self->preview.errors->len == MAX_ERRORS)
    g_ptr_array_add (self->preview.errors, g_strdup (_("… and more problems")));
  if (self->preview.errors->len >= MAX_ERRORS)
    return;
  g_ptr_array_add (self->preview.errors,
                   g_strdup_printf (_("%s, line %u, column %u (%s): %s"), self->display_name, line,
                                    column + 1, self->table->header->cells[column], message));
}

static void
set_value (Row        *row,
           int         t,
           const char *value)
{
  /* Columns mapped to the same field: the last filled cell wins (Jira
   * writes one Sprint column per sprint, the latest last). */
  g_free (row->values[t]);
  row->values[t] = g_strdup (value);
}

static void
add_label (Row        *row,
           const char *label)
{
  g_autofree char *name = g_strstrip (g_strdup (label));
  char *paren = strrchr (name, '(');
  int stage;

  /* Trello writes "Activation (green)". */
  if (paren != NULL && paren > name && g_str_has_suffix (name, ")"))
    {
      *paren = '\0';
      g_strstrip (name);
    }
  if (g_ascii_strcasecmp (name, "p1") == 0)
    set_value (row, find_target ("p1"), "true");
  else if (*name != '\0' && vl_csv_parse_enum ("aarrr", VL_TYPE_AARRR, name, &stage) && stage != VL_AARRR_NONE)
    set_value (row, find_target ("aarrr"), vl_enum_to_nick (VL_TYPE_AARRR, stage));
}

/* Converts one cell into @row, or reports why it cannot be. */
static void
convert_cell (VlCsvImport *self,
              Row         *row,
              guint        column,
              const char  *cell)
{
  int t = self->column_target[column];
  const Target *target = &targets[t];
  const char *text = vl_csv_cell_text (cell);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char date[11];
  double number;
  gboolean flag;
  int value;

  if (*text == '\0' && target->type != T_TEXT)
    return;
  switch (target->type)
    {
    case T_TEXT:
    case T_KEY:
    case T_REF:
    case T_UPSTREAM:
    case T_RANK:
      if (*text != '\0' || row->values[t] == NULL)
        set_value (row, t, text);
      break;
    case T_NUMBER:
    case T_INT:
      if (!vl_csv_parse_number (text, &number) || (target->type == T_INT && number != floor (number)))
        {
          g_autofree char *message = g_strdup_printf (target->type == T_INT ? _("“%s” is not a whole number")
                                                                              : _("“%s” is not a number"), text);
          add_error (self, row->line, column, message);
          return;
        }
      set_value (row, t, g_ascii_dtostr (buf, sizeof buf, number));
      break;
    case T_DATE:
      if (!vl_csv_parse_date (text, date))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not a date (a real calendar day, "
                                                        "such as 2026-09-22)"), text);
          add_error (self, row->line, column, message);
          return;
        }
      set_value (row, t, date);
      break;
    case T_BOOL:
      if (!vl_csv_parse_bool (text, &flag))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is neither yes nor no"), text);
          add_error (self, row->line, column, message);
          return;
        }
      set_value (row, t, flag ? "true" : "false");
      break;
    case T_ENUM:
      if (!vl_csv_parse_enum (target->field, enum_type_of (target->field), text, &value))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not a value of %s"), text, _(target->label));
          add_error (self, row->line, column, message);
          return;
        }
      set_value (row, t, vl_enum_to_nick (enum_type_of (target->field), value));
      break;
    case T_STATUS:
      set_value (row, t, vl_enum_to_nick (VL_TYPE_STATUS, (int) status_for (self, g_strstrip ((char *) cell))));
      break;
    case T_PRIORITY:
      {
        g_autofree char *lower = g_utf8_strdown (text, -1);

        value = -1;
        for (guint i = 0; i < G_N_ELEMENTS (priority_words) && value < 0; i++)
          if (g_str_equal (priority_words[i].text, lower))
            value = (int) priority_words[i].moscow;
        if (value < 0 && !vl_csv_parse_enum ("moscow", VL_TYPE_MOSCOW, text, &value))
          value = VL_MOSCOW_NONE;
        set_value (row, t, vl_enum_to_nick (VL_TYPE_MOSCOW, value));
      }
      break;
    case T_LABELS:
      {
        g_auto(GStrv) labels = g_strsplit_set (text, ",;", -1);

        for (guint i = 0; labels[i] != NULL; i++)
          add_label (row, labels[i]);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static int
compare_rank (gconstpointer a,
              gconstpointer b)
{
  int t = find_target ("rank");
  const Row *x = *(Row **) a, *y = *(Row **) b;
  const char *rx = x->values[t] != NULL ? x->values[t] : "";
  const char *ry = y->values[t] != NULL ? y->values[t] : "";
  double nx, ny;
  int c;

  /* Taiga's order is a number, Jira's rank a string ("0|i0003b:"). */
  if (*rx != '\0' && *ry != '\0' && vl_csv_parse_number (rx, &nx) && vl_csv_parse_number (ry, &ny))
    c = (nx > ny) - (nx < ny);
  else if (*rx == '\0' || *ry == '\0')
    c = (*rx == '\0') - (*ry == '\0');
  else
    c = strcmp (rx, ry);
  return c != 0 ? c : (x->index > y->index) - (x->index < y->index);
}

/* The items of @backlog by the keys an import may name them with: the key
 * each came with, and its own id (what our export writes). */
static GHashTable *
index_backlog (VlDocument *document,
               VlRecord   *backlog)
{
  g_autoptr(GListModel) items = vl_document_list (document, VL_KIND_ITEM, "backlog", backlog);
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      VlRecord *item = g_list_model_get_item (items, i);
      const char *key = vl_record_get_string (item, "source-key");

      g_hash_table_insert (keys, g_strdup (vl_record_get_uuid (item)), g_object_ref (item));
      if (*key != '\0')
        g_hash_table_insert (keys, g_strdup (key), g_object_ref (item));
      g_object_unref (item);
    }
  return keys;
}

static VlRecord *
find_named (VlDocument *document,
            VlKind      kind,
            const char *name)
{
  g_autoptr(GListModel) all = vl_document_list (document, kind, NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(VlRecord) r = g_list_model_get_item (all, i);

      if (g_str_equal (vl_record_get_title (r), name))
        return g_steal_pointer (&r);
    }
  return NULL;
}

static void
add_notice (VlCsvImport *self,
            char        *message)
{
  for (guint i = 0; i < self->preview.notices->len; i++)
    if (g_str_equal (g_ptr_array_index (self->preview.notices, i), message))
      {
        g_free (message);
        return;
      }
  g_ptr_array_add (self->preview.notices, message);
}

/* Names of key results, value loops and iterations that the plan lacks. */
static void
check_references (VlCsvImport *self,
                  VlDocument  *document)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint t = 0; t < N_TARGETS; t++)
    {
      if (targets[t].type != T_REF && targets[t].type != T_UPSTREAM)
        continue;
      for (guint r = 0; r < self->rows->len; r++)
        {
          Row *row = g_ptr_array_index (self->rows, r);
          const char *name = row->values[t];
          g_autofree char *seen_key = NULL;
          g_autoptr(VlRecord) found = NULL;

          if (name == NULL || *name == '\0' || row->skip)
            continue;
          seen_key = g_strdup_printf ("%u:%s", t, name);
          if (g_hash_table_contains (seen, seen_key))
            continue;
          g_hash_table_add (seen, g_steal_pointer (&seen_key));
          found = targets[t].type == T_UPSTREAM ? vl_document_find (document, VL_KIND_ITEM, name)
                                                : find_named (document, targets[t].ref_kind, name);
          if (found != NULL)
            continue;
          if (targets[t].ref_kind == VL_KIND_ITERATION)
            add_notice (self, g_strdup_printf (_("A new iteration “%s” will be added"), name));
          else if (targets[t].ref_kind == VL_KIND_VALUE_LOOP)
            add_notice (self, g_strdup_printf (_("A new value loop “%s” will be added"), name));
          else if (targets[t].ref_kind == VL_KIND_KEY_RESULT)
            add_notice (self, g_strdup_printf (_("The plan has no key result “%s”: left empty"), name));
          else
            add_notice (self, g_strdup_printf (_("The plan has no item “%s” to be upstream: left empty"), name));
        }
    }
}

/**
 * vl_csv_import_preview:
 *
 * Converts every row as vl_csv_import_apply() would write it into
 * @backlog: counts, errors (by line and column) and notices.
 */
const VlCsvPreview *
vl_csv_import_preview (VlCsvImport *self,
                       VlDocument  *document,
                       VlRecord    *backlog)
{
  g_autoptr(GHashTable) keys = backlog != NULL ? index_backlog (document, backlog) : NULL;
  g_autoptr(GHashTable) file_keys = g_hash_table_new (g_str_hash, g_str_equal);
  int title = find_target ("title"), key = find_target ("key"), rank = find_target ("rank");
  int status = find_target ("status");
  guint n_header = self->table->header->n_cells;
  gboolean mapped_title = FALSE;

  preview_clear (&self->preview);
  self->preview.errors = g_ptr_array_new_with_free_func (g_free);
  self->preview.notices = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_set_size (self->rows, 0);

  if (self->table->legacy_encoding)
    add_notice (self, g_strdup_printf (_("%s is not UTF-8: it was read as Windows-1252 (Western European)"),
                                       self->display_name));
  for (guint c = 0; c < n_header; c++)
    mapped_title = mapped_title || self->column_target[c] == title;
  if (!mapped_title)
    g_ptr_array_add (self->preview.errors,
                     g_strdup_printf (_("%s: no column is imported as the title; choose one"), self->display_name));

  for (guint r = 0; r < self->table->rows->len; r++)
    {
      VlCsvRow *csv = g_ptr_array_index (self->table->rows, r);
      Row *row = g_new0 (Row, 1);

      row->line = csv->line;
      row->index = r;
      g_ptr_array_add (self->rows, row);
      if (csv->n_cells > n_header)
        {
          gboolean extra = FALSE;

          for (guint c = n_header; c < csv->n_cells; c++)
            extra = extra || *csv->cells[c] != '\0';
          if (extra)
            {
              if (self->preview.errors->len < MAX_ERRORS)
                g_ptr_array_add (self->preview.errors,
                                 g_strdup_printf (_("%s, line %u, column %u: the row has %u cells, the header %u"),
                                                  self->display_name, csv->line, n_header + 1, csv->n_cells,
                                                  n_header));
              continue;
            }
        }
      for (guint c = 0; c < n_header && c < csv->n_cells; c++)
        if (self->column_target[c] >= 0)
          convert_cell (self, row, c, csv->cells[c]);

      row->skip = row->values[title] == NULL || *g_strstrip (row->values[title]) == '\0';
      if (row->skip)
        {
          self->preview.n_skipped++;
          continue;
        }
      if (row->values[key] != NULL && *row->values[key] != '\0')
        {
          Row *first = g_hash_table_lookup (file_keys, row->values[key]);

          if (first != NULL)
            {
              g_autofree char *message = g_strdup_printf (_("the key “%s” is already on line %u"),
                                                          row->values[key], first->line);

              for (guint c = 0; c < n_header; c++)
                if (self->column_target[c] == key)
                  {
                    add_error (self, row->line, c, message);
                    break;
                  }
              continue;
            }
          g_hash_table_insert (file_keys, row->values[key], row);
          if (keys != NULL && (row->existing = g_hash_table_lookup (keys, row->values[key])) != NULL)
            g_object_ref (row->existing);
        }
      /* A launched item's review is due 30 days after its launch (DESIGN
       * §11), as when it is launched here. */
      if (row->values[status] != NULL && row->values[find_target ("launch-date")] != NULL &&
          row->values[find_target ("review-due")] == NULL &&
          (g_str_equal (row->values[status], "launched") || g_str_equal (row->values[status], "reviewed")))
        {
          g_autoptr(GDate) d = g_date_new ();
          char due[11];

          g_date_set_parse (d, row->values[find_target ("launch-date")]);
          if (g_date_valid (d))
            {
              g_date_add_days (d, 30);
              g_date_strftime (due, sizeof due, "%Y-%m-%d", d);
              set_value (row, find_target ("review-due"), due);
            }
        }
      if (row->existing != NULL)
        self->preview.n_updated++;
      else
        self->preview.n_new++;
    }
  self->preview.n_rows = self->table->rows->len;
  for (guint c = 0; c < n_header; c++)
    if (self->column_target[c] == rank)
      {
        g_ptr_array_sort (self->rows, compare_rank);
        break;
      }
  if (self->preview.n_skipped > 0)
    add_notice (self, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row has no title and is skipped",
                                                    "%u rows have no title and are skipped",
                                                    self->preview.n_skipped),
                                       self->preview.n_skipped));
  for (guint i = 0; i < self->statuses->len; i++)
    if (!g_array_index (self->statuses, StatusMap, i).recognised)
      add_notice (self, g_strdup_printf (_("The status “%s” is not one Valueloop knows: imported as “%s”"),
                                         g_array_index (self->statuses, StatusMap, i).text,
                                         vl_enum_label ("status", (int) g_array_index (self->statuses, StatusMap, i).status)));
  check_references (self, document);
  return &self->preview;
}

guint
vl_csv_import_get_n_rows (VlCsvImport *self)
{
  return self->rows->len;
}

/* The value @row will get for @target, as text (nicks, ISO dates), or NULL
 * when the file does not give it. */
char *
vl_csv_import_dup_value (VlCsvImport *self,
                         guint        row,
                         const char  *target)
{
  int t = find_target (target);

  g_return_val_if_fail (row < self->rows->len && t >= 0, NULL);
  return g_strdup (((Row *) g_ptr_array_index (self->rows, row))->values[t]);
}

gboolean
vl_csv_import_row_is_update (VlCsvImport *self,
                             guint        row)
{
  g_return_val_if_fail (row < self->rows->len, FALSE);
  return ((Row *) g_ptr_array_index (self->rows, row))->existing != NULL;
}

/* ---- writing ----------------------------------------------------------- */

static VlRecord *
named_or_new (VlDocument  *document,
              GHashTable  *made,
              VlKind       kind,
              const char  *name,
              GError     **error)
{
  VlRecord *r = g_hash_table_lookup (made, name);

  if (r != NULL)
    return g_object_ref (r);
  r = find_named (document, kind, name);
  if (r == NULL && (kind == VL_KIND_ITERATION || kind == VL_KIND_VALUE_LOOP))
    {
      r = vl_document_insert (document, kind, NULL, NULL, NULL, error);
      if (r == NULL)
        return NULL;
      g_object_set (r, "name", name, NULL);
    }
  if (r != NULL)
    g_hash_table_insert (made, g_strdup (name), g_object_ref (r));
  return r;
}

/* Writes what differs from the item's value: an update writes what
 * changed, a new item what is not its default (most cells of an export
 * are empty, "none" or "false"). Our own id is no key to keep. */
static gboolean
write_changed (VlRecord    *item,
               const char  *field,
               const char  *value,
               gboolean     is_key,
               GError     **error)
{
  g_autofree char *now = vl_record_format_field (item, field);

  if (g_str_equal (now, value) || (is_key && g_str_equal (value, vl_record_get_uuid (item))))
    return TRUE;
  return vl_record_set_from_text (item, field, value, error);
}

static gboolean
write_row (VlDocument *document,
           VlRecord   *backlog,
           Row        *row,
           GHashTable *made,
           GError    **error)
{
  g_autoptr(VlRecord) item = row->existing != NULL ? g_object_ref (row->existing) : NULL;
  int status = find_target ("status");

  if (item == NULL && (item = vl_document_insert (document, VL_KIND_ITEM, backlog, NULL, NULL, error)) == NULL)
    return FALSE;
  for (guint t = 0; t < N_TARGETS; t++)
    {
      const char *value = row->values[t];

      /* The status last: launching an item without a launch date dates it
       * today, which a launch date from the file must come before. */
      if (value == NULL || (int) t == status || targets[t].field == NULL)
        continue;
      if (targets[t].type == T_REF || targets[t].type == T_UPSTREAM)
        {
          g_autoptr(VlRecord) ref = NULL;

          if (*value != '\0')
            {
              if (targets[t].type == T_UPSTREAM)
                ref = vl_document_find (document, VL_KIND_ITEM, value);
              else if ((ref = named_or_new (document, made, targets[t].ref_kind, value, error)) == NULL &&
                       error != NULL && *error != NULL)
                return FALSE;
            }
          if (vl_record_get_ref_id (item, targets[t].field) != (ref != NULL ? vl_record_get_rowid (ref) : 0))
            g_object_set (item, targets[t].field, ref, NULL);
          continue;
        }
      if (!write_changed (item, targets[t].field, value, targets[t].type == T_KEY, error))
        return FALSE;
    }
  return row->values[status] == NULL || write_changed (item, "status", row->values[status], FALSE, error);
}

/**
 * vl_csv_import_apply:
 *
 * Imports every row into @backlog (NULL: a new first backlog, for a plan
 * that has none) as one action (one undo step), or
 * nothing when the preview finds an error; the error then names the first
 * problems with their lines and columns.
 */
gboolean
vl_csv_import_apply (VlCsvImport *self,
                     VlDocument  *document,
                     VlRecord    *backlog,
                     GError     **error)
{
  const VlCsvPreview *preview;
  g_autoptr(GHashTable) made = NULL;

  g_autoptr(VlRecord) created = NULL;

  g_return_val_if_fail (backlog == NULL || vl_record_get_kind (backlog) == VL_KIND_BACKLOG, FALSE);

  preview = vl_csv_import_preview (self, document, backlog);
  if (preview->errors->len > 0)
    {
      g_autoptr(GString) message = g_string_new (NULL);

      for (guint i = 0; i < MIN (preview->errors->len, 5); i++)
        g_string_append_printf (message, "%s%s", i ? "\n" : "", (char *) g_ptr_array_index (preview->errors, i));
      if (preview->errors->len > 5)
        g_string_append_printf (message, "\n%s", _("… and more problems"));
      g_set_error (error, VL_CSV_ERROR, VL_CSV_ERROR_MALFORMED, "%s\n%s", message->str,
                   _("Nothing was imported."));
      return FALSE;
    }
  made = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  vl_document_begin (document, _("Import CSV"));
  if (backlog == NULL)
    {
      /* A plan without a backlog yet: the import makes its first. */
      backlog = created = vl_document_insert (document, VL_KIND_BACKLOG, NULL, NULL, NULL, error);
      if (created != NULL)
        g_object_set (created, "name", _("Backlog"), NULL);
    }
  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = g_ptr_array_index (self->rows, r);

      if (row->skip)
        continue;
      if (backlog == NULL || !write_row (document, backlog, row, made, error))
        {
          vl_document_cancel (document);
          vl_document_commit (document, NULL);   /* rolls every write back */
          return FALSE;
        }
    }
  return vl_document_commit (document, error);
}
