/* sam-server.h: setting up a Samordna database on a PostgreSQL server.
 *
 * The database's owner runs sam_server_init() once, on an empty database,
 * to make Samordna's schema (by the same versioned migrations as a file,
 * in their PostgreSQL spelling), the roles and rights of the plan's users,
 * and the default plan; run again, it brings an older schema up to date.
 * sam_server_grant() gives a login one of the roles. Addresses are any
 * libpq connection string, URI or service name; @password may be NULL
 * (libpq then finds one in ~/.pgpass or PGPASSWORD, or needs none) and is
 * never kept.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What sam_server_init() did. */
typedef enum {
  SAM_SERVER_CREATED,    /* made the schema and the default plan */
  SAM_SERVER_UPGRADED,   /* brought an older schema up to date */
  SAM_SERVER_CURRENT,    /* the schema was up to date: renewed the rights only */
} SamServerOutcome;

/* A user's role in the plan. */
typedef enum {
  SAM_SERVER_SECRETARIAT,  /* edits everything */
  SAM_SERVER_EDITOR,       /* edits for one agency */
  SAM_SERVER_READER,       /* reads */
} SamServerRole;

gboolean  sam_server_init        (const char        *address,
                                  const char        *password,
                                  SamServerOutcome  *outcome,
                                  int               *old_version,
                                  GError           **error);
gboolean  sam_server_role_parse  (const char        *word,
                                  SamServerRole     *role,
                                  GError           **error);
gboolean  sam_server_grant       (const char        *address,
                                  const char        *password,
                                  const char        *login,
                                  SamServerRole      role,
                                  const char        *agency,
                                  gboolean          *created_login,
                                  GError           **error);

G_END_DECLS
