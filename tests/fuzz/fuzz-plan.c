/* fuzz-plan.c — opening any file as a plan: refused with a message, or
 * opened read-only, never a crash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>

#include "fuzz-util.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = fuzz_path ("input.valueloop");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(VlDocument) doc = NULL;
  int version = 0;

  g_assert (g_file_set_contents (path, (const char *) data, (gssize) size, NULL));
  if (!vl_document_check_file (file, &version, &error))
    {
      g_assert (error != NULL && error->message[0] != '\0');
      return 0;
    }
  doc = vl_document_open (file, VL_DOCUMENT_OPEN_READ_ONLY, &error);
  g_assert ((doc == NULL) == (error != NULL));
  if (doc != NULL)
    {
      g_autoptr(GListModel) items = vl_document_list (doc, VL_KIND_ITEM, NULL, NULL);

      for (guint i = 0; i < g_list_model_get_n_items (items) && i < 50; i++)
        {
          g_autoptr(VlRecord) item = g_list_model_get_item (items, i);

          g_assert (vl_record_get_title (item) != NULL);
        }
      vl_document_close (doc);
    }
  return 0;
}
