/* vl-tree.c — trees of rows that every device draws alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-tree"

#include "config.h"

#include <string.h>

#include "vl-document-private.h"
#include "vl-tree.h"
#include "vl-uuid.h"

typedef struct
{
  gint64 parent;
  gint64 hlc;
  guint8 site[VL_UUID_LEN];
  guint  walk;        /* the walk that last reached it */
} Node;

static gboolean
placed_later (const Node *a,
              const Node *b)
{
  return a->hlc != b->hlc ? a->hlc > b->hlc : memcmp (a->site, b->site, VL_UUID_LEN) > 0;
}

/**
 * vl_tree_dup_detached:
 * @kind: a kind placed in a tree of its own kind (objectives, map nodes)
 *
 * Rows that have a parent but are shown at the top of their tree: those
 * whose parent is gone (deleted on another device while this one placed
 * a row under it), and in each cycle (concurrent moves on two devices can
 * put A under B and B under A) the member whose placement was written
 * last (DESIGN §4). A pure function of the plan's state, so every device
 * shows the same tree.
 *
 * Returns: (transfer full): a set of row ids (gint64 *)
 */
GHashTable *
vl_tree_dup_detached (VlDocument *doc,
                      VlKind      kind)
{
  const VlKindInfo *info = vl_kind_info (kind);
  g_autofree char *sql = NULL;
  sqlite3 *db = _vl_document_get_db (doc);
  g_autoptr(GHashTable) nodes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  GHashTable *detached = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  gint64 *id;
  Node *node;
  guint walk = 0;

  g_return_val_if_fail (info->parent >= 0 && info->fields[info->parent].ref_kind == kind, detached);
  /* Table and column names are the schema's own, never user text. */
  sql = g_strdup_printf ("SELECT o.id, ifnull (o.%s, 0), coalesce (fc.hlc, o.hlc), s.uuid FROM %s o "
                         "LEFT JOIN field_clock fc ON fc.kind = ?1 AND fc.row = o.id AND fc.reg = ?2 "
                         "LEFT JOIN site s ON s.id = coalesce (fc.site, o.site) WHERE o.deleted <> 1",
                         info->fields[info->parent].column, info->name);
  if (db == NULL || sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return detached;
  sqlite3_bind_int (stmt, 1, kind);
  sqlite3_bind_int (stmt, 2, info->fields[info->parent].reg);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Node *n = g_new0 (Node, 1);

      n->parent = sqlite3_column_int64 (stmt, 1);
      n->hlc = sqlite3_column_int64 (stmt, 2);
      if (sqlite3_column_bytes (stmt, 3) == VL_UUID_LEN)
        memcpy (n->site, sqlite3_column_blob (stmt, 3), VL_UUID_LEN);
      g_hash_table_insert (nodes, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)), n);
    }
  sqlite3_finalize (stmt);

  g_hash_table_iter_init (&iter, nodes);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, (gpointer *) &node))
    {
      gint64 at = *id;
      Node *n = node;

      if (n->walk != 0)
        continue;
      walk++;
      /* Follow the parents until the top, a node seen on an earlier walk,
       * a missing parent, or this walk again: a cycle. */
      while (n != NULL && n->walk == 0)
        {
          Node *up;

          n->walk = walk;
          if (n->parent == 0)
            break;
          up = g_hash_table_lookup (nodes, &n->parent);
          if (up == NULL)
            {
              g_hash_table_add (detached, g_memdup2 (&at, sizeof at));
              break;
            }
          if (up->walk == walk)
            {
              /* A cycle through n->parent: detach its latest-placed member. */
              gint64 member = n->parent, latest = n->parent;
              Node *m = up, *best = up;

              do
                {
                  if (placed_later (m, best))
                    {
                      best = m;
                      latest = member;
                    }
                  member = m->parent;
                  m = g_hash_table_lookup (nodes, &member);
                }
              while (member != n->parent);
              g_hash_table_add (detached, g_memdup2 (&latest, sizeof latest));
              break;
            }
          at = n->parent;
          n = up;
        }
    }
  return detached;
}

/**
 * vl_tree_is_within:
 *
 * Returns: whether @record is @ancestor or placed under it (through its
 *   `parent` field), directly or through others; a cycle ends the walk
 */
gboolean
vl_tree_is_within (VlRecord *record,
                   VlRecord *ancestor)
{
  g_autoptr(VlRecord) at = NULL;

  g_return_val_if_fail (VL_IS_RECORD (record), FALSE);

  at = g_object_ref (record);
  for (guint depth = 0; at != NULL && depth < VL_TREE_MAX_DEPTH; depth++)
    {
      VlRecord *up;

      if (at == ancestor)
        return TRUE;
      up = vl_record_dup_ref (at, "parent");
      g_object_unref (at);
      at = up;
    }
  return FALSE;
}
