/* fuzz-csv.c — the CSV reader and the import preview, on any bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>

#include "fuzz-util.h"
#include "vl-csv-import.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static VlDocument *doc;
  g_autoptr(VlCsvImport) import = NULL;
  g_autoptr(GError) error = NULL;

  if (doc == NULL)
    doc = fuzz_new_plan ("csv");
  import = vl_csv_import_new ((const char *) data, size, "fuzz.csv", &error);
  g_assert ((import == NULL) == (error != NULL));
  if (import != NULL)
    {
      const VlCsvPreview *p = vl_csv_import_preview (import, doc, NULL);

      for (guint r = 0; r < vl_csv_import_get_n_rows (import); r++)
        g_free (vl_csv_import_dup_value (import, r, "title"));
      g_assert (p->n_new + p->n_updated + p->n_skipped <= p->n_rows);
    }
  return 0;
}
