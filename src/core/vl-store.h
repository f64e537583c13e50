/* vl-store.h — SQLite-level helpers: hardened open, checks, migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "vl-schema.h"

G_BEGIN_DECLS

sqlite3  *vl_store_open        (const char       *path,
                                const char       *display,
                                gboolean          writable,
                                GError          **error);
gboolean  vl_store_check       (sqlite3          *db,
                                const char       *display,
                                int              *schema_version,
                                GError          **error);
gboolean  vl_store_migrate     (sqlite3          *db,
                                const char       *display,
                                GError          **error);
gboolean  vl_store_migrate_to  (sqlite3          *db,
                                const char       *display,
                                int               version,
                                GError          **error);
gboolean  vl_store_create      (const char       *path,
                                const char       *display,
                                const char       *title,
                                GError          **error);
char     *vl_store_get_meta    (sqlite3          *db,
                                const char       *key);
gboolean  vl_store_set_meta    (sqlite3          *db,
                                const char       *key,
                                const char       *value,
                                gint64            hlc,
                                gint64            site);
gint64    vl_store_ensure_site (sqlite3          *db,
                                const char       *uuid,
                                const char       *name);
gint64    vl_store_max_stamp   (sqlite3          *db);
guint     vl_store_count_rows  (sqlite3          *db,
                                const char       *table);
gint64    vl_store_find_row    (sqlite3          *db,
                                const VlKindInfo *info,
                                const char       *id_or_title);

G_END_DECLS
