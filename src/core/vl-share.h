/* vl-share.h — the working copy between a plan and its shared file (DESIGN §4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#include "vl-document.h"

typedef struct _VlShare VlShare;

VlShare     *vl_share_prepare        (GFile       *shared,
                                      const char  *data_dir,
                                      gboolean     read_only,
                                      int         *version,
                                      GError     **error);
void         vl_share_free           (VlShare     *share);
const char  *vl_share_get_db_path    (VlShare     *share);
const char  *vl_share_get_display    (VlShare     *share);
gboolean     vl_share_needs_import   (VlShare     *share);
typedef struct _VlMergeStats VlMergeStats;
gboolean     vl_share_import         (VlShare      *share,
                                      VlDocument   *doc,
                                      VlMergeStats *merged,
                                      GError      **error);
gboolean     vl_share_publish        (VlShare     *share,
                                      VlDocument  *doc,
                                      sqlite3     *db,
                                      GError     **error);
typedef struct _VlSharePublish VlSharePublish;
typedef gboolean (*VlShareCanStep)   (gpointer      data);
typedef void     (*VlSharePublished) (gpointer      data,
                                      gboolean      raced,
                                      const GError *error,
                                      guint64       serial);
gboolean     vl_share_publish_begin  (VlShare          *share,
                                      VlDocument       *doc,
                                      sqlite3          *db,
                                      VlShareCanStep    can_step,
                                      VlSharePublished  done,
                                      gpointer          data,
                                      const guint64    *serial_of,
                                      GError          **error);
gboolean     vl_share_is_publishing  (VlShare     *share);
void         vl_share_publish_wait   (VlShare     *share);
GPtrArray   *vl_share_merge_conflict_copies (VlShare    *share,
                                             VlDocument *doc,
                                             const char *data_dir,
                                             GError    **error);
guint        vl_share_delete_merged  (VlShare     *share,
                                      VlDocument  *doc,
                                      GPtrArray   *merged);
VlShareState vl_share_get_state      (VlShare     *share);
void         vl_share_set_pending    (VlShare     *share);
gboolean     vl_share_make_independent (GFile      *file,
                                        GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VlShare, vl_share_free)

G_END_DECLS
