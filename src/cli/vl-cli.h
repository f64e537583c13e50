/* vl-cli.h — what valueloop-cli's command files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vl-document.h"

G_BEGIN_DECLS

#define EXIT_BAD_INPUT 1
#define EXIT_USAGE     2

typedef struct
{
  const char *name;
  const char *args;
  const char *summary;
  int       (*run) (int argc, char **argv);
} Command;

int             cli_fail          (GError             *error);
int             cli_usage         (GOptionContext     *context,
                                   const char         *message);
GOptionContext *cli_parse         (const Command      *cmd,
                                   const GOptionEntry *entries,
                                   int                *argc,
                                   char             ***argv,
                                   int                 n_args,
                                   int                *status);
const Command  *cli_find_command  (const char         *name);
VlDocument     *cli_open_plan     (const char         *path,
                                   gboolean            writable,
                                   GError            **error);
VlRecord       *cli_find_backlog  (VlDocument         *doc,
                                   const char         *name,
                                   GError            **error);
VlRecord       *cli_find_any      (VlDocument         *doc,
                                   const char         *id);
VlRecord       *cli_find_map      (VlDocument         *doc,
                                   const char         *path,
                                   const char         *id_or_name);

/* cli-csv.c */
int cmd_export_csv (int argc, char **argv);
int cmd_import_csv (int argc, char **argv);

/* cli-map.c */
int cmd_export_map (int argc, char **argv);

/* cli-reports.c */
int cmd_report     (int argc, char **argv);
int cmd_calendar   (int argc, char **argv);

/* cli-value.c */
int cmd_reviews    (int argc, char **argv);
int cmd_reading    (int argc, char **argv);
int cmd_review     (int argc, char **argv);
int cmd_portfolio  (int argc, char **argv);

G_END_DECLS
