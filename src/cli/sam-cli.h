/* sam-cli.h: the commands that run without a display.
 *
 * `samordna check` and `samordna report` answer here, before anything of
 * GTK is touched, so that a secretariat can script them on a server.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of the commands. */
typedef enum {
  SAM_CLI_OK = 0,          /* done; for check: every check passed */
  SAM_CLI_FAILED = 1,      /* check: some check failed; report: it could not be written */
  SAM_CLI_USAGE = 2,       /* bad options, or the database cannot be used */
} SamCliStatus;

gboolean  sam_cli_is_command  (const char  *arg);
int       sam_cli_run         (int          argc,
                               char       **argv);
int       sam_cli_check       (int          argc,
                               char       **argv);
int       sam_cli_report      (int          argc,
                               char       **argv);

G_END_DECLS
