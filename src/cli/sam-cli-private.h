/* sam-cli-private.h: what the commands share. */
#pragma once

#include "sam-cli.h"
#include "store/sam-store.h"

G_BEGIN_DECLS

void            sam_cli_print_error    (const char          *message);
GOptionContext *sam_cli_new_context    (const char          *parameter,
                                        const char          *summary,
                                        const char          *description,
                                        GOptionEntry        *entries);
gboolean        sam_cli_parse_options  (GOptionContext      *context,
                                        int                  argc,
                                        char               **argv,
                                        GStrv               *rest);
SamStore       *sam_cli_open_database  (const char          *path,
                                        SamStoreOpenFlags    flags,
                                        GError             **error);

int             sam_cli_forms          (int                  argc,
                                        char               **argv);
int             sam_cli_import         (int                  argc,
                                        char               **argv);
int             sam_cli_period         (int                  argc,
                                        char               **argv);
int             sam_cli_server         (int                  argc,
                                        char               **argv);

G_END_DECLS
