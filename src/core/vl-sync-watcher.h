/* vl-sync-watcher.h — keeps an open plan and its shared file in step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-document.h"

G_BEGIN_DECLS

#define VL_TYPE_SYNC_WATCHER (vl_sync_watcher_get_type ())

G_DECLARE_FINAL_TYPE (VlSyncWatcher, vl_sync_watcher, VL, SYNC_WATCHER, GObject)

VlSyncWatcher *vl_sync_watcher_new (VlDocument *document);

G_END_DECLS
