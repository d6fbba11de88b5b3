/* sam-db-sqlite-private.h: the SQLite backend of SamDb, a database file.
 *
 * Besides the connection, what only a file has: its header (application
 * id, database version), its journal mode. sam-store.c calls these on the
 * file path only; no other module needs them.
 */
#pragma once

#include "sam-db-private.h"

G_BEGIN_DECLS

typedef enum {
  SAM_DB_SQLITE_WRITE,   /* read and write, foreign keys on (created when missing) */
  SAM_DB_SQLITE_NEW,     /* as WRITE, for a file being built: rollback journal */
  SAM_DB_SQLITE_READ,    /* opened for writing but kept from it (query_only), so
                          * that the integrity check sees CHECK constraints */
  SAM_DB_SQLITE_MEMORY,  /* an in-memory database, @path ignored, no limits */
} SamDbSqliteMode;

/* Opens the SQLite file at @path (every link resolved) as @mode says and
 * sets it up: extended result codes, a short busy timeout, the schema not
 * trusted to run functions with side effects, SQLite's defensive mode, and
 * the query limit (sam_db_default_query_limit()). Messages name the file
 * @name, the path the user gave. Returns NULL with a SamStoreError. */
SamDb    *sam_db_sqlite_open               (const char       *path,
                                            const char       *name,
                                            SamDbSqliteMode   mode,
                                            GError          **error);
/* Reads the file's application id, database version (user_version) and
 * how many objects its schema has. */
gboolean  sam_db_sqlite_read_identity      (SamDb            *db,
                                            gint64           *application_id,
                                            gint64           *version,
                                            gint64           *n_objects,
                                            GError          **error);
/* Writes Samordna's application id (SAM_APPLICATION_ID) in the header. */
gboolean  sam_db_sqlite_set_application_id (SamDb            *db,
                                            GError          **error);
gboolean  sam_db_sqlite_set_version        (SamDb            *db,
                                            int               version,
                                            GError          **error);
/* Switches the file to WAL journaling; whether it is in it. */
gboolean  sam_db_sqlite_use_wal            (SamDb            *db,
                                            GError          **error);
gboolean  sam_db_sqlite_in_wal_mode        (SamDb            *db);
/* The connection's sqlite3 handle, for tests and benchmarks only. */
gpointer  sam_db_sqlite_get_handle         (SamDb            *db);

G_END_DECLS
