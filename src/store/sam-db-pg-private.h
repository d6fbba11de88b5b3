/* sam-db-pg-private.h: the PostgreSQL backend of SamDb (libpq).
 *
 * A database on a server is named by anything libpq takes: a URI
 * (postgresql://host/dbname), a key=value string (host=… dbname=…) or a
 * service name (service=…). Passwords come only through libpq's own means
 * (~/.pgpass, PGPASSWORD, a service file) or, once, from a prompt: the
 * password passed to sam_db_pg_open() is handed to libpq and not kept.
 */
#pragma once

#include <libpq-fe.h>

#include "sam-db-private.h"

G_BEGIN_DECLS

gboolean      sam_db_pg_is_address    (const char  *text);
SamDb        *sam_db_pg_open          (const char  *address,
                                       const char  *password,
                                       guint        query_limit_ms,
                                       GError     **error);
const char   *sam_db_pg_get_name      (SamDb       *db);
PGconn       *sam_db_pg_get_conn      (SamDb       *db);
char         *sam_db_pg_rewrite       (const char  *sql,
                                       GPtrArray   *names,
                                       GArray      *order);
char         *sam_db_pg_describe      (const char  *address);

G_END_DECLS
