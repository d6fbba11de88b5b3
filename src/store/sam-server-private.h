/* sam-server-private.h: a Samordna database on a server, for the store. */
#pragma once

#include "sam-db-private.h"
#include "sam-server.h"

G_BEGIN_DECLS

gboolean  sam_server_read_version  (SamDb       *db,
                                    const char  *name,
                                    int         *version,
                                    GError     **error);
gboolean  sam_server_check_version (SamDb       *db,
                                    const char  *name,
                                    int         *version,
                                    GError     **error);
SamDb    *sam_server_open          (const char  *address,
                                    char       **name,
                                    GError     **error);
gboolean  sam_server_build         (SamDb       *db,
                                    int          from,
                                    GError     **error);

G_END_DECLS
