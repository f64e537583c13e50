/* vl-schema.c — field tables and numbered migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-schema"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vl-enums.h"
#include "vl-schema.h"

#define S(n, c, r)       { n, c, VL_FIELD_STRING, r, 0, NULL, 0 }
#define I(n, c, r, d)    { n, c, VL_FIELD_INT, r, 0, NULL, d }
#define N(n, c, r)       { n, c, VL_FIELD_NUMBER, r, 0, NULL, 0 }
#define B(n, c, r)       { n, c, VL_FIELD_BOOL, r, 0, NULL, 0 }
#define E(n, c, r, t, d) { n, c, VL_FIELD_ENUM, r, 0, t, d }
#define D(n, c, r)       { n, c, VL_FIELD_DATE, r, 0, NULL, 0 }
#define T(n, c, r)       { n, c, VL_FIELD_TIMESTAMP, r, 0, NULL, 0 }
#define R(n, c, r, k)    { n, c, VL_FIELD_REF, r, k, NULL, 0 }

static const VlField cycle_fields[] = {
  S ("name", "name", 1),
  D ("start", "start_date", 2),
  D ("end", "end_date", 3),
  I ("cadence-weeks", "cadence_weeks", 4, 2),
};

static const VlField objective_fields[] = {
  R ("cycle", "cycle", 1, VL_KIND_CYCLE),
  R ("parent", "parent", 2, VL_KIND_OBJECTIVE),
  S ("rank", "rank", 2),
  E ("level", "level", 3, vl_level_get_type, VL_LEVEL_COMPANY),
  S ("title", "title", 4),
  S ("owner", "owner", 5),
  S ("description", "description", 6),
};

static const VlField key_result_fields[] = {
  R ("objective", "objective", 1, VL_KIND_OBJECTIVE),
  S ("rank", "rank", 1),
  S ("title", "title", 2),
  S ("owner", "owner", 3),
  E ("kind", "kind", 4, vl_kr_kind_get_type, VL_KR_KIND_METRIC),
  S ("unit", "unit", 5),
  E ("direction", "direction", 6, vl_direction_get_type, VL_DIRECTION_INCREASE),
  N ("baseline", "baseline", 7),
  N ("target", "target", 8),
  N ("current", "current_value", 9),
  N ("weight", "weight", 10),
  B ("done", "done", 11),
  N ("score", "score", 12),
};

/* Append-only: every field is written once, at creation. */
static const VlField checkin_fields[] = {
  R ("key-result", "key_result", 1, VL_KIND_KEY_RESULT),
  D ("date", "date", 1),
  N ("value", "value", 1),
  N ("confidence", "confidence", 1),
  S ("note", "note", 1),
};

static const VlField backlog_fields[] = {
  S ("rank", "rank", 1),
  S ("name", "name", 2),
  E ("kind", "kind", 3, vl_backlog_kind_get_type, VL_BACKLOG_KIND_PRODUCT_LINE),
  S ("owner", "owner", 4),
  S ("description", "description", 5),
};

static const VlField iteration_fields[] = {
  R ("parent", "parent", 1, VL_KIND_ITERATION),
  S ("name", "name", 2),
  E ("kind", "kind", 3, vl_iteration_kind_get_type, VL_ITERATION_KIND_MONTH),
  D ("start", "start_date", 4),
  D ("end", "end_date", 5),
};

static const VlField value_loop_fields[] = {
  S ("name", "name", 1),
  S ("hypothesis", "hypothesis", 2),
  S ("owner", "owner", 3),
  S ("description", "description", 4),
  S ("metric", "metric", 5),   /* v5: what the loop's items move */
};

static const VlField item_fields[] = {
  R ("backlog", "backlog", 1, VL_KIND_BACKLOG),
  S ("rank", "rank", 1),
  S ("title", "title", 2),
  S ("description", "description", 3),
  S ("owner", "owner", 4),
  E ("status", "status", 5, vl_status_get_type, VL_STATUS_IDEA),
  E ("moscow", "moscow", 6, vl_moscow_get_type, VL_MOSCOW_NONE),
  B ("p1", "p1", 7),
  I ("user-value", "user_value", 8, 0),
  I ("business-value", "business_value", 9, 0),
  N ("cost", "cost", 10),
  E ("aarrr", "aarrr", 11, vl_aarrr_get_type, VL_AARRR_NONE),
  R ("key-result", "key_result", 12, VL_KIND_KEY_RESULT),
  R ("value-loop", "value_loop", 13, VL_KIND_VALUE_LOOP),
  R ("iteration", "iteration", 14, VL_KIND_ITERATION),
  R ("upstream", "upstream", 15, VL_KIND_ITEM),
  S ("metric", "metric", 16),
  N ("baseline", "baseline", 17),
  N ("expected", "expected", 18),
  D ("launch-date", "launch_date", 19),
  D ("review-due", "review_due", 20),
  N ("actual", "actual", 21),
  E ("verdict", "verdict", 22, vl_verdict_get_type, VL_VERDICT_NONE),
  S ("review-note", "review_note", 23),
  S ("source-key", "source_key", 24),   /* v4: the key it was imported with */
};

static const VlField transition_fields[] = {
  R ("item", "item", 1, VL_KIND_ITEM),
  E ("from", "from_status", 1, vl_status_get_type, VL_STATUS_IDEA),
  E ("to", "to_status", 1, vl_status_get_type, VL_STATUS_IDEA),
  T ("at", "at", 1),
  S ("note", "note", 1),   /* v6: a hypothesis changed after launch */
};

static const VlField map_fields[] = {
  S ("name", "name", 1),
  E ("kind", "kind", 2, vl_map_kind_get_type, VL_MAP_KIND_IMPACT),
  S ("description", "description", 3),
  R ("backlog", "backlog", 4, VL_KIND_BACKLOG),   /* where its new cards go (v3) */
};

static const VlField map_node_fields[] = {
  R ("map", "map", 1, VL_KIND_MAP),
  R ("parent", "parent", 2, VL_KIND_MAP_NODE),
  S ("rank", "rank", 2),
  E ("kind", "kind", 3, vl_node_kind_get_type, VL_NODE_KIND_GOAL),
  S ("title", "title", 4),
  R ("item", "item", 5, VL_KIND_ITEM),
  R ("key-result", "key_result", 6, VL_KIND_KEY_RESULT),
  R ("objective", "objective", 7, VL_KIND_OBJECTIVE),
  N ("x", "x", 8),
  N ("y", "y", 8),
  S ("note", "note", 9),        /* v3 */
  S ("measure", "measure", 10), /* v3: how an impact is measured */
};

/* A reading of a launched item's metric (T+7, T+30, T+90 …). Append-only
 * like a check-in; the latest is the item's actual value. (v5) */
static const VlField reading_fields[] = {
  R ("item", "item", 1, VL_KIND_ITEM),
  D ("date", "date", 1),
  N ("value", "value", 1),
  S ("note", "note", 1),
};

/* A saved view of a backlog ("Operations — launching this month"): the
 * backlog, and its search, filters, sort and columns as JSON (alignment
 * filters by row uuid, so the view means the same on every device).
 * (v7) */
static const VlField view_fields[] = {
  S ("name", "name", 1),
  R ("backlog", "backlog", 2, VL_KIND_BACKLOG),
  S ("spec", "spec", 3),
};

/* A story card: the item hangs under a step, in a release slice. */
static const VlField map_card_fields[] = {
  R ("map", "map", 1, VL_KIND_MAP),
  R ("step", "step", 2, VL_KIND_MAP_NODE),
  R ("release", "release_node", 2, VL_KIND_MAP_NODE),
  S ("rank", "rank", 2),
  R ("item", "item", 3, VL_KIND_ITEM),
};

/* A kind as declared: its placement parent and rank fields by name. The
 * indices and the number of registers are worked out from the fields
 * (kind_info()), so adding a field never means counting by hand. */
typedef struct
{
  VlKind         kind;
  const char    *name;
  const char    *label;
  const char    *title_field;
  gboolean       append_only;
  const char    *parent;
  const char    *rank;
  const VlField *fields;
  guint          n_fields;
} KindSpec;

#define KIND(k, n, l, t, ao, p, r, f) { k, n, l, t, ao, p, r, f, G_N_ELEMENTS (f) }

static const KindSpec specs[VL_N_KINDS] = {
  KIND (VL_KIND_CYCLE, "cycle", N_("cycle"), "name", FALSE, NULL, NULL, cycle_fields),
  KIND (VL_KIND_OBJECTIVE, "objective", N_("objective"), "title", FALSE, "parent", "rank", objective_fields),
  KIND (VL_KIND_KEY_RESULT, "key_result", N_("key result"), "title", FALSE, "objective", "rank", key_result_fields),
  KIND (VL_KIND_CHECKIN, "checkin", N_("check-in"), "note", TRUE, NULL, NULL, checkin_fields),
  KIND (VL_KIND_BACKLOG, "backlog", N_("backlog"), "name", FALSE, NULL, "rank", backlog_fields),
  KIND (VL_KIND_ITERATION, "iteration", N_("iteration"), "name", FALSE, NULL, NULL, iteration_fields),
  KIND (VL_KIND_VALUE_LOOP, "value_loop", N_("value loop"), "name", FALSE, NULL, NULL, value_loop_fields),
  KIND (VL_KIND_ITEM, "item", N_("item"), "title", FALSE, "backlog", "rank", item_fields),
  KIND (VL_KIND_TRANSITION, "transition", N_("status transition"), NULL, TRUE, NULL, NULL, transition_fields),
  KIND (VL_KIND_MAP, "map", N_("map"), "name", FALSE, NULL, NULL, map_fields),
  KIND (VL_KIND_MAP_NODE, "map_node", N_("map node"), "title", FALSE, "parent", "rank", map_node_fields),
  KIND (VL_KIND_MAP_CARD, "map_card", N_("story card"), NULL, FALSE, "step", "rank", map_card_fields),
  KIND (VL_KIND_READING, "reading", N_("reading"), "note", TRUE, NULL, NULL, reading_fields),
  KIND (VL_KIND_VIEW, "saved_view", N_("saved view"), "name", FALSE, NULL, NULL, view_fields),
};

static VlKindInfo kinds[VL_N_KINDS];

static int
spec_field (const KindSpec *spec,
            const char     *name)
{
  if (name == NULL)
    return -1;
  for (guint i = 0; i < spec->n_fields; i++)
    if (g_str_equal (spec->fields[i].name, name))
      return (int) i;
  g_error ("vl-schema: %s has no field %s", spec->name, name);
}

static void
work_out_kinds (void)
{
  for (guint k = 0; k < VL_N_KINDS; k++)
    {
      const KindSpec *spec = &specs[k];
      guint n_regs = 1;   /* VL_REG_DELETED */

      g_assert (spec->kind == k);
      for (guint i = 0; i < spec->n_fields; i++)
        n_regs = MAX (n_regs, (guint) spec->fields[i].reg + 1);
      kinds[k] = (VlKindInfo) {
        spec->kind, spec->name, spec->label, spec->title_field, spec->append_only,
        spec_field (spec, spec->parent), spec_field (spec, spec->rank), spec->fields, spec->n_fields, n_regs,
      };
    }
}

const VlKindInfo *
vl_kind_info (VlKind kind)
{
  static gsize ready = 0;

  g_return_val_if_fail (kind < VL_N_KINDS, NULL);

  if (g_once_init_enter (&ready))
    {
      work_out_kinds ();
      g_once_init_leave (&ready, 1);
    }
  return &kinds[kind];
}

gboolean
vl_kind_from_name (const char *name,
                   VlKind     *kind)
{
  for (guint i = 0; i < VL_N_KINDS; i++)
    if (g_strcmp0 (specs[i].name, name) == 0)
      {
        *kind = specs[i].kind;
        return TRUE;
      }
  return FALSE;
}

int
vl_kind_find_field (VlKind      kind,
                    const char *name)
{
  /* Callers name fields with the same few literals, thousands of times
   * while a list fills its rows: the last index found for a name's
   * address is tried first (and checked: an address can be reused). The
   * schema is used from the main thread only. */
  static struct { const char *name; int index; } last[VL_N_KINDS][16];
  const VlKindInfo *info = vl_kind_info (kind);
  guint slot = (guint) (((guintptr) name >> 3) & 15);
  int cached = last[kind][slot].index;

  if (last[kind][slot].name == name && cached >= 0 && (guint) cached < info->n_fields &&
      strcmp (info->fields[cached].name, name) == 0)
    return cached;
  for (guint i = 0; i < info->n_fields; i++)
    if (strcmp (info->fields[i].name, name) == 0)
      {
        last[kind][slot].index = (int) i;
        last[kind][slot].name = name;
        return (int) i;
      }
  return -1;
}

/* "prefix.col1, prefix.col2, …" for every field, in table order (for the
 * SQL built from the tables; column names are ours, never user text). */
char *
vl_kind_column_list (VlKind      kind,
                     const char *prefix)
{
  const VlKindInfo *info = vl_kind_info (kind);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < info->n_fields; i++)
    g_string_append_printf (s, "%s%s%s", i ? ", " : "", prefix, info->fields[i].column);
  return g_string_free (s, FALSE);
}

/* Migration N brings a file from schema N-1 to N, in one transaction. They
 * are history: never edit one that has shipped, add the next instead. The
 * test suite checks that the last one matches the field tables above. */
#define COMMON "id INTEGER PRIMARY KEY, uuid BLOB NOT NULL UNIQUE, hlc INTEGER NOT NULL, " \
               "site INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, "

static const char *const migrations[] = {
  /* v1 */
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value, hlc INTEGER NOT NULL DEFAULT 0, "
  "  site INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE site (id INTEGER PRIMARY KEY, uuid BLOB NOT NULL UNIQUE, "
  "  name TEXT NOT NULL DEFAULT '');"
  "CREATE TABLE field_clock (kind INTEGER NOT NULL, row INTEGER NOT NULL, reg INTEGER NOT NULL, "
  "  hlc INTEGER NOT NULL, site INTEGER NOT NULL, PRIMARY KEY (kind, row, reg)) WITHOUT ROWID;"
  "CREATE TABLE conflict (id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, row INTEGER NOT NULL, "
  "  reg INTEGER NOT NULL, value TEXT NOT NULL, hlc INTEGER NOT NULL, site INTEGER NOT NULL);"
  "CREATE TABLE cycle (" COMMON "name TEXT NOT NULL DEFAULT '', start_date TEXT, end_date TEXT, "
  "  cadence_weeks INTEGER NOT NULL DEFAULT 2);"
  "CREATE TABLE objective (" COMMON "cycle INTEGER, parent INTEGER, rank TEXT NOT NULL, "
  "  level INTEGER NOT NULL DEFAULT 0, title TEXT NOT NULL DEFAULT '', "
  "  owner TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '');"
  "CREATE INDEX objective_placement ON objective (parent, rank);"
  "CREATE TABLE key_result (" COMMON "objective INTEGER, rank TEXT NOT NULL, "
  "  title TEXT NOT NULL DEFAULT '', owner TEXT NOT NULL DEFAULT '', "
  "  kind INTEGER NOT NULL DEFAULT 0, unit TEXT NOT NULL DEFAULT '', "
  "  direction INTEGER NOT NULL DEFAULT 0, baseline REAL, target REAL, current_value REAL, "
  "  weight REAL, done INTEGER NOT NULL DEFAULT 0, score REAL);"
  "CREATE INDEX key_result_placement ON key_result (objective, rank);"
  "CREATE TABLE checkin (" COMMON "key_result INTEGER, date TEXT, value REAL, confidence REAL, "
  "  note TEXT NOT NULL DEFAULT '');"
  "CREATE INDEX checkin_key_result ON checkin (key_result);"
  "CREATE TABLE backlog (" COMMON "rank TEXT NOT NULL, name TEXT NOT NULL DEFAULT '', "
  "  kind INTEGER NOT NULL DEFAULT 0, owner TEXT NOT NULL DEFAULT '', "
  "  description TEXT NOT NULL DEFAULT '');"
  "CREATE TABLE iteration (" COMMON "parent INTEGER, name TEXT NOT NULL DEFAULT '', "
  "  kind INTEGER NOT NULL DEFAULT 0, start_date TEXT, end_date TEXT);"
  "CREATE TABLE value_loop (" COMMON "name TEXT NOT NULL DEFAULT '', "
  "  hypothesis TEXT NOT NULL DEFAULT '', owner TEXT NOT NULL DEFAULT '', "
  "  description TEXT NOT NULL DEFAULT '');"
  "CREATE TABLE item (" COMMON "backlog INTEGER, rank TEXT NOT NULL, "
  "  title TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '', "
  "  owner TEXT NOT NULL DEFAULT '', status INTEGER NOT NULL DEFAULT 0, "
  "  moscow INTEGER NOT NULL DEFAULT 0, p1 INTEGER NOT NULL DEFAULT 0, "
  "  user_value INTEGER NOT NULL DEFAULT 0, business_value INTEGER NOT NULL DEFAULT 0, "
  "  cost REAL, aarrr INTEGER NOT NULL DEFAULT 0, key_result INTEGER, value_loop INTEGER, "
  "  iteration INTEGER, upstream INTEGER, metric TEXT NOT NULL DEFAULT '', baseline REAL, "
  "  expected REAL, launch_date TEXT, review_due TEXT, actual REAL, "
  "  verdict INTEGER NOT NULL DEFAULT 0, review_note TEXT NOT NULL DEFAULT '');"
  "CREATE INDEX item_placement ON item (backlog, rank);"
  "CREATE TABLE transition (" COMMON "item INTEGER, from_status INTEGER NOT NULL DEFAULT 0, "
  "  to_status INTEGER NOT NULL DEFAULT 0, at INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX transition_item ON transition (item);"
  "CREATE TABLE map (" COMMON "name TEXT NOT NULL DEFAULT '', kind INTEGER NOT NULL DEFAULT 0, "
  "  description TEXT NOT NULL DEFAULT '');"
  "CREATE TABLE map_node (" COMMON "map INTEGER, parent INTEGER, rank TEXT NOT NULL, "
  "  kind INTEGER NOT NULL DEFAULT 0, title TEXT NOT NULL DEFAULT '', item INTEGER, "
  "  key_result INTEGER, objective INTEGER, x REAL, y REAL);"
  "CREATE INDEX map_node_placement ON map_node (map, parent, rank);"
  "CREATE TABLE map_card (" COMMON "map INTEGER, step INTEGER, release_node INTEGER, "
  "  rank TEXT NOT NULL, item INTEGER);"
  "CREATE INDEX map_card_placement ON map_card (map, step, release_node, rank);",

  /* v2: a write remembers the stamp of the value it replaced (its base), so
   * a merge can tell a value the writer had seen from a concurrent one; and
   * conflicts merge as a set. */
  "ALTER TABLE field_clock ADD COLUMN base_hlc INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE field_clock ADD COLUMN base_site INTEGER NOT NULL DEFAULT 0;"
  "CREATE UNIQUE INDEX conflict_key ON conflict (kind, row, reg, hlc, site);",

  /* v3: a map's backlog (new story cards go there), notes on map nodes
   * (shown in projector mode), an impact's measure; and the index the
   * Goals page looks items up by. */
  "ALTER TABLE map ADD COLUMN backlog INTEGER;"
  "ALTER TABLE map_node ADD COLUMN note TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE map_node ADD COLUMN measure TEXT NOT NULL DEFAULT '';"
  "CREATE INDEX item_key_result ON item (key_result);",

  /* v4: the key an item was imported with (a Jira issue key, a Linear ID,
   * our own id…), so importing the same file again updates it. */
  "ALTER TABLE item ADD COLUMN source_key TEXT NOT NULL DEFAULT '';",

  /* v5: readings of launched items' metrics (the value review), the
   * index the review queue finds launched items by, and the metric a
   * value loop's items move. */
  "CREATE TABLE reading (" COMMON "item INTEGER, date TEXT, value REAL, note TEXT NOT NULL DEFAULT '');"
  "CREATE INDEX reading_item ON reading (item);"
  "CREATE INDEX item_status ON item (status);"
  "ALTER TABLE value_loop ADD COLUMN metric TEXT NOT NULL DEFAULT '';",

  /* v6: the status history also keeps a launched item's hypothesis
   * changes (the review measures against the hypothesis frozen at launch):
   * a transition from its status to the same status, with what changed. */
  "ALTER TABLE transition ADD COLUMN note TEXT NOT NULL DEFAULT '';",

  /* v7: saved views of the backlog (they sync like any row). */
  "CREATE TABLE saved_view (" COMMON "name TEXT NOT NULL DEFAULT '', backlog INTEGER, "
  "  spec TEXT NOT NULL DEFAULT '');",
};

const char *const *
vl_schema_migrations (guint *n_versions)
{
  G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == VL_SCHEMA_VERSION);

  *n_versions = G_N_ELEMENTS (migrations);
  return migrations;
}
