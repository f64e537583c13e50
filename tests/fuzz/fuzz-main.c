/* fuzz-main.c — runs a fuzz target over its corpus, for the test suite
 *
 * With -Dfuzzing=true (clang) the targets link libFuzzer instead and this
 * file is not used: `fuzz-csv CORPUS_DIR -max_total_time=600` fuzzes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
main (int argc, char *argv[])
{
  guint n = 0;

  for (int a = 1; a < argc; a++)
    {
      g_autoptr(GDir) dir = g_dir_open (argv[a], 0, NULL);
      const char *name;

      if (dir == NULL)
        {
          g_printerr ("%s: no corpus directory\n", argv[a]);
          return 1;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[a], name, NULL);
          g_autofree char *data = NULL;
          gsize size = 0;

          if (!g_file_get_contents (path, &data, &size, NULL))
            continue;
          LLVMFuzzerTestOneInput ((const uint8_t *) data, size);
          n++;
        }
    }
  printf ("1..1\nok 1 - %u inputs ran\n", n);
  return n > 0 ? 0 : 1;
}
