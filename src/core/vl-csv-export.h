/* vl-csv-export.h — the plan's CSV exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vl-csv.h"
#include "vl-document.h"

G_BEGIN_DECLS

typedef enum {
  VL_CSV_OKR_REVIEW,    /* scope: a cycle (NULL: the current one) */
  VL_CSV_VALUE_REVIEW,  /* scope: a backlog (NULL: every backlog) */
  VL_CSV_BACKLOG,       /* scope: a backlog (NULL: every backlog) */
  VL_CSV_PORTFOLIO,     /* scope: a backlog (NULL: every backlog) */
} VlCsvKind;

#define VL_CSV_N_KINDS (VL_CSV_PORTFOLIO + 1)

const char *vl_csv_kind_to_nick   (VlCsvKind     kind);
gboolean    vl_csv_kind_from_nick (const char   *nick,
                                   VlCsvKind    *kind);
const char *vl_csv_kind_label     (VlCsvKind     kind);
VlKind      vl_csv_kind_scope     (VlCsvKind     kind);
char       *vl_csv_suggest_name   (VlDocument   *document,
                                   VlCsvKind     kind,
                                   VlRecord     *scope);

gboolean    vl_csv_export         (VlDocument   *document,
                                   VlCsvKind     kind,
                                   VlRecord     *scope,
                                   VlCsvFlavour  flavour,
                                   const char   *decimal_mark,
                                   GString      *out,
                                   GError      **error);
gboolean    vl_csv_export_file    (VlDocument   *document,
                                   VlCsvKind     kind,
                                   VlRecord     *scope,
                                   VlCsvFlavour  flavour,
                                   GFile        *file,
                                   GError      **error);

G_END_DECLS
