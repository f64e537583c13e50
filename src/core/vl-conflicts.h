/* vl-conflicts.h — values that lost a concurrent edit ("changed on two devices")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-record.h"

G_BEGIN_DECLS

typedef struct
{
  char   *text;     /* the value as people read it */
  char   *device;   /* the device that wrote it */
  gint64  written;  /* when, ms since the epoch */
  /*< private >*/
  char   *json;
  guint   reg;
} VlConflict;

void       vl_conflict_free        (VlConflict *conflict);
GPtrArray *vl_record_dup_conflicts (VlRecord   *self,
                                    const char *field);
gboolean   vl_record_use_conflict  (VlRecord   *self,
                                    VlConflict *conflict,
                                    GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VlConflict, vl_conflict_free)

G_END_DECLS
