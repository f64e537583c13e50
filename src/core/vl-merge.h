/* vl-merge.h — merging another copy of the same plan (DESIGN §4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-document.h"

G_BEGIN_DECLS

typedef struct _VlMergeStats
{
  guint    rows_added;      /* rows the other copy had and we lacked */
  guint    fields_taken;    /* registers where the other copy's write won */
  guint    conflicts_added; /* losing values kept in the conflict table */
  gboolean local_ahead;     /* we have writes the other copy lacks */
  char     from_device[64]; /* the device of the newest write taken, or "" */
} VlMergeStats;

gboolean vl_document_merge_file (VlDocument   *self,
                                 GFile        *other,
                                 VlMergeStats *stats,
                                 GError      **error);

G_END_DECLS
