/* vl-csv-import.h — backlog CSV from other tools, with a preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vl-csv.h"
#include "vl-document.h"

G_BEGIN_DECLS

typedef enum {
  VL_CSV_SOURCE_UNKNOWN,
  VL_CSV_SOURCE_VALUELOOP,
  VL_CSV_SOURCE_JIRA,
  VL_CSV_SOURCE_LINEAR,
  VL_CSV_SOURCE_TAIGA,
  VL_CSV_SOURCE_ASANA,
  VL_CSV_SOURCE_TRELLO,
  VL_CSV_SOURCE_GITHUB,
  VL_CSV_SOURCE_PLANE,
} VlCsvSource;

typedef struct _VlCsvImport VlCsvImport;

/* What the preview found, for the counts and the list of problems. */
typedef struct
{
  guint      n_rows;
  guint      n_new;
  guint      n_updated;
  guint      n_skipped;     /* rows without a title */
  GPtrArray *errors;        /* char*: the file cannot be imported while any */
  GPtrArray *notices;       /* char*: what the user should know */
} VlCsvPreview;

const char   *vl_csv_source_label        (VlCsvSource   source);

VlCsvImport  *vl_csv_import_new          (const char   *data,
                                          gsize         length,
                                          const char   *display_name,
                                          GError      **error);
VlCsvImport  *vl_csv_import_new_for_file (GFile        *file,
                                          GError      **error);
void          vl_csv_import_free         (VlCsvImport  *self);
VlCsvSource   vl_csv_import_get_source   (VlCsvImport  *self);
const char   *vl_csv_import_get_display_name (VlCsvImport *self);

/* Columns and what each becomes ("" for not imported). */
guint         vl_csv_import_get_n_columns (VlCsvImport *self);
const char   *vl_csv_import_get_header   (VlCsvImport  *self,
                                          guint         column);
const char   *vl_csv_import_get_sample   (VlCsvImport  *self,
                                          guint         column);
const char   *vl_csv_import_get_target   (VlCsvImport  *self,
                                          guint         column);
gboolean      vl_csv_import_set_target   (VlCsvImport  *self,
                                          guint         column,
                                          const char   *target);
gboolean      vl_csv_import_map_header   (VlCsvImport  *self,
                                          const char   *header,
                                          const char   *target,
                                          GError      **error);
const char *const *vl_csv_import_targets (void);
const char   *vl_csv_import_target_label (const char   *target);

/* The file's status values and ours they become. */
guint         vl_csv_import_get_n_statuses (VlCsvImport *self);
const char   *vl_csv_import_get_status_text (VlCsvImport *self,
                                             guint        i);
VlStatus      vl_csv_import_get_status   (VlCsvImport  *self,
                                          guint         i,
                                          gboolean     *recognised);
void          vl_csv_import_set_status   (VlCsvImport  *self,
                                          guint         i,
                                          VlStatus      status);

/* The rows as they will be imported: cell text of @target for row @row
 * (after the preview). */
const VlCsvPreview *vl_csv_import_preview (VlCsvImport *self,
                                           VlDocument  *document,
                                           VlRecord    *backlog);
guint         vl_csv_import_get_n_rows   (VlCsvImport  *self);
char         *vl_csv_import_dup_value    (VlCsvImport  *self,
                                          guint         row,
                                          const char   *target);
gboolean      vl_csv_import_row_is_update (VlCsvImport *self,
                                           guint        row);
gboolean      vl_csv_import_apply        (VlCsvImport  *self,
                                          VlDocument   *document,
                                          VlRecord     *backlog,
                                          GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VlCsvImport, vl_csv_import_free)

G_END_DECLS
