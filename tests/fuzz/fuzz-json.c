/* fuzz-json.c — importing any bytes as a JSON plan: refused with a
 * message, or a plan that opens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>

#include "fuzz-util.h"
#include "vl-json.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *json_path = fuzz_path ("input.json");
  g_autofree char *target_path = fuzz_path ("imported.valueloop");
  g_autoptr(GFile) json = g_file_new_for_path (json_path);
  g_autoptr(GFile) target = g_file_new_for_path (target_path);
  g_autoptr(GError) error = NULL;

  g_assert (g_file_set_contents (json_path, (const char *) data, (gssize) size, NULL));
  g_unlink (target_path);
  if (vl_json_import_file (json, target, &error))
    {
      g_autoptr(VlDocument) doc = vl_document_open (target, VL_DOCUMENT_OPEN_READ_ONLY, &error);

      g_assert_no_error (error);
      vl_document_close (doc);
    }
  else
    {
      g_assert (error != NULL && error->message[0] != '\0');
      g_assert (!g_file_test (target_path, G_FILE_TEST_EXISTS));
    }
  return 0;
}
