#define G_LOG_DOMAIN "sam-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sam-db-private.h"
#include "sam-store.h"

/* The PostgreSQL backend of a build without libpq. sam-db-pg.c (issue 17)
 * takes this file's place in a build with it. */

SamDb *
sam_db_pg_connect (const char  *address,
                   GError     **error)
{
  g_return_val_if_fail (address != NULL, NULL);
  /* The address is not repeated: it may hold a password. */
  g_set_error_literal (error, SAM_STORE_ERROR, SAM_STORE_ERROR_FAILED,
                       _("This build of Samordna cannot open a database on a PostgreSQL server: it was built without server support. Open a database file instead, or use a build with server support."));
  return NULL;
}
