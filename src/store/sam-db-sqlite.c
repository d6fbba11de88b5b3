#define G_LOG_DOMAIN "sam-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>
#include <time.h>

#include "sam-db-backend-private.h"
#include "sam-db-sqlite-private.h"
#include "sam-store.h"

/* The SQLite backend of SamDb: a thin wrapper of sqlite3, and the one
 * place that turns SQLite's result codes into SamStoreErrors. */

/* How long to wait for another program's lock before saying it is locked. */
#define BUSY_TIMEOUT_MS 750

/* How many SQLite virtual machine steps between two looks at the clock. */
#define PROGRESS_STEPS 10000

typedef struct
{
  SamDb         parent;
  sqlite3      *handle;
  char         *name;             /* the path the user gave, for messages */

  /* The query limit: see on_progress_cb(). */
  gint64        query_limit;      /* microseconds; 0: none */
  gint64        query_started;    /* when the running statement began */
  GCancellable *cancellable;      /* the running integrity check's */
} SqliteDb;

typedef struct
{
  SamStmt       parent;
  sqlite3_stmt *stmt;
} SqliteStmt;

/* A function of one integer made callable from SQL. */
typedef struct
{
  SamDbIntFunc func;
  gpointer     user_data;
} IntFunction;

static const SamDbVTable sqlite_vtable;

#define SQLITE_DB(db) ((SqliteDb *) (db))
#define SQLITE_STMT(stmt) (((SqliteStmt *) (stmt))->stmt)

/* Errors */

/* Notes which constraint @rc (an extended code) reports, and the column
 * SQLite's message names ("UNIQUE constraint failed: agency.short_name"). */
static void
note_constraint (SqliteDb   *self,
                 int         rc,
                 const char *msg)
{
  const char *dot = strrchr (msg, '.');
  SamDbConstraint constraint = rc == SQLITE_CONSTRAINT_UNIQUE ? SAM_DB_CONSTRAINT_UNIQUE
                               : rc == SQLITE_CONSTRAINT_FOREIGNKEY ? SAM_DB_CONSTRAINT_FOREIGN_KEY
                               : (rc & 0xff) == SQLITE_CONSTRAINT ? SAM_DB_CONSTRAINT_OTHER
                               : SAM_DB_CONSTRAINT_NONE;

  if (constraint == SAM_DB_CONSTRAINT_NONE)
    sam_db_set_constraint (&self->parent, constraint, NULL, NULL);
  else
    sam_db_set_constraint (&self->parent, constraint, dot ? dot + 1 : NULL, msg);
}

/* Turns the SQLite result code @rc into a GError (always returns FALSE). */
static gboolean
set_error (SqliteDb  *self,
           int        rc,
           GError   **error)
{
  const char *msg = self->handle ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc);

  note_constraint (self, rc, msg);
  if (self->handle)
    self->parent.in_transaction = !sqlite3_get_autocommit (self->handle);
  if (rc == SQLITE_CONSTRAINT_TRIGGER)
    msg = sqlite3_errstr (rc);   /* a trigger's own words are not Samordna's */
  switch (rc & 0xff)
    {
    case SQLITE_INTERRUPT:
      if (self->cancellable && g_cancellable_is_cancelled (self->cancellable))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The check was cancelled."));
      else
        g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_TIMEOUT,
                     _("Reading “%s” took more than %d seconds and was stopped. The file holds more, or other, data than Samordna can go through: restore it from a backup, or open another file."),
                     self->name, (int) MAX (1, self->query_limit / G_USEC_PER_SEC));
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_LOCKED,
                   _("“%s” is in use by another program. Close the other program, or open a copy of the file."),
                   self->name);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged (%s). Restore it from a backup, or open another file."),
                   self->name, msg);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_READ_ONLY,
                   _("“%s” cannot be written to. Make the file and its folder writable, or open a copy elsewhere."),
                   self->name);
      break;
    default:
      sam_db_set_failed (error, self->name, msg);
      break;
    }
  return FALSE;
}

/* The query limit */

/* The processor time the calling thread has used, in microseconds: what
 * the query limit counts, so that a machine busy with other work does not
 * stop a statement that is merely waiting for its turn. */
static gint64
thread_time (void)
{
  struct timespec now;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now) != 0)
    return g_get_monotonic_time ();
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static int
on_statement_cb (unsigned  type,
                 void     *data,
                 void     *statement,
                 void     *sql)
{
  SqliteDb *self = data;

  self->query_started = thread_time ();
  return 0;
}

/* Stops a statement that has run past the query limit, so that no file,
 * however made, can keep Samordna busy for ever; and the integrity check
 * when its caller cancels it. */
static int
on_progress_cb (void *data)
{
  SqliteDb *self = data;

  if (self->cancellable && g_cancellable_is_cancelled (self->cancellable))
    return 1;
  if (self->query_limit > 0 && thread_time () - self->query_started > self->query_limit)
    {
      g_debug ("A statement on %s ran past the limit and was stopped", self->name);
      return 1;
    }
  return 0;
}

static void
sqlite_set_query_limit (SamDb *db,
                        guint  milliseconds)
{
  SQLITE_DB (db)->query_limit = (gint64) milliseconds * 1000;
}

/* Connections */

static gboolean
sqlite_exec (SamDb       *db,
             const char  *sql,
             GError     **error)
{
  SqliteDb *self = SQLITE_DB (db);
  int rc = sqlite3_exec (self->handle, sql, NULL, NULL, NULL);

  self->parent.in_transaction = !sqlite3_get_autocommit (self->handle);
  return rc == SQLITE_OK || set_error (self, rc, error);
}

static gboolean
sqlite_begin (SamDb             *db,
              SamDbTransaction   kind,
              GError           **error)
{
  if (kind == SAM_DB_WRITE)
    return sqlite_exec (db, "BEGIN IMMEDIATE", error);
  /* A deferred transaction takes its snapshot at its first read. */
  if (!sqlite_exec (db, "BEGIN DEFERRED", error))
    return FALSE;
  if (!sqlite_exec (db, "SELECT 1 FROM sqlite_master LIMIT 1", error))
    {
      sqlite_exec (db, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
sqlite_commit (SamDb   *db,
               GError **error)
{
  return sqlite_exec (db, "COMMIT", error);
}

static void
sqlite_rollback (SamDb *db)
{
  if (!sqlite3_get_autocommit (SQLITE_DB (db)->handle))
    sqlite_exec (db, "ROLLBACK", NULL);
}

static gint64
sqlite_changes (SamDb *db)
{
  return sqlite3_changes64 (SQLITE_DB (db)->handle);
}

static void
sqlite_close (SamDb *db)
{
  SqliteDb *self = SQLITE_DB (db);

  sqlite3_close_v2 (self->handle);
  g_free (self->name);
  g_free (self);
}

static gint64
sqlite_data_version (SamDb *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 version = -1;

  if (sqlite3_prepare_v2 (SQLITE_DB (db)->handle, "PRAGMA data_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static void
call_int_function (sqlite3_context  *context,
                   int               argc,
                   sqlite3_value   **argv)
{
  const IntFunction *f = sqlite3_user_data (context);
  gint64 result = 0;

  if (f->func (sqlite3_value_int64 (argv[0]), &result, f->user_data))
    sqlite3_result_int64 (context, result);
  else
    sqlite3_result_null (context);
}

static gboolean
sqlite_set_int_function (SamDb        *db,
                         const char   *name,
                         SamDbIntFunc  func,
                         gpointer      user_data)
{
  sqlite3 *handle = SQLITE_DB (db)->handle;
  IntFunction *f;

  if (func == NULL)
    return sqlite3_create_function_v2 (handle, name, 1, SQLITE_UTF8, NULL, NULL, NULL, NULL, NULL) == SQLITE_OK;
  f = g_new (IntFunction, 1);
  *f = (IntFunction) { func, user_data };
  /* SQLite frees @f when the function is replaced or fails to be made. */
  return sqlite3_create_function_v2 (handle, name, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
                                     f, call_int_function, NULL, NULL, g_free) == SQLITE_OK;
}

/* Checking the file */

/* The connection's cache size as PRAGMA cache_size gives it, or SQLite's
 * own default when it cannot be read. */
static gint64
sqlite_cache_size (SqliteDb *self)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -2000;

  if (sqlite3_prepare_v2 (self->handle, "PRAGMA cache_size", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gboolean
sqlite_check_integrity (SamDb         *db,
                        GCancellable  *cancellable,
                        GError       **error)
{
  SqliteDb *self = SQLITE_DB (db);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *problem = NULL, *restore = NULL;
  gint64 limit = self->query_limit, cache_size;
  gint64 start = g_get_monotonic_time ();
  int rc;

  /* The full check, which also looks inside every index and checks every
   * CHECK and NOT NULL constraint, takes time in proportion to the file
   * (1.5 s at 100,000 activities; see bench/RESULTS.md): not held to the
   * query limit, but it can be cancelled. It looks each row up in every
   * index of its table: with the default 2 MB of pages at hand it read
   * each page of the file about eight times, a third of its time; with 4
   * MB, while it runs, the larger indexes mostly stay in memory. */
  self->query_limit = 0;
  self->cancellable = cancellable;
  cache_size = sqlite_cache_size (self);
  sqlite3_exec (self->handle, "PRAGMA cache_size = -4096", NULL, NULL, NULL);
  rc = sqlite3_prepare_v2 (self->handle, "PRAGMA integrity_check(1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *answer = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (answer, "ok") != 0)
        problem = g_strdup (answer);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  restore = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, cache_size);
  sqlite3_exec (self->handle, restore, NULL, NULL, NULL);
  g_debug ("Integrity check of %s: %.3f s", self->name, (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  if (rc != SQLITE_OK)
    set_error (self, rc, error);
  self->query_limit = limit;
  self->cancellable = NULL;
  if (rc != SQLITE_OK)
    return FALSE;
  if (problem)
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged (%s). Restore it from a backup, or open another file."),
                   self->name, problem);
      return FALSE;
    }
  return TRUE;
}

/* Statements */

static SamStmt *
sqlite_prepare (SamDb       *db,
                const char  *sql,
                GError     **error)
{
  SqliteDb *self = SQLITE_DB (db);
  sqlite3_stmt *stmt = NULL;
  SqliteStmt *result;
  int rc = sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK && stmt == NULL)
    rc = SQLITE_MISUSE;   /* no statement in @sql */
  if (rc != SQLITE_OK)
    {
      g_debug ("Could not prepare: %s", sql);
      sqlite3_finalize (stmt);
      set_error (self, rc, error);
      return NULL;
    }
  result = g_new0 (SqliteStmt, 1);
  result->parent.db = db;
  result->stmt = stmt;
  return &result->parent;
}

static int
sqlite_param_index (SamStmt    *stmt,
                    const char *name)
{
  return sqlite3_bind_parameter_index (SQLITE_STMT (stmt), name);
}

static void
sqlite_bind_int (SamStmt *stmt,
                 int      index,
                 gint64   value)
{
  sqlite3_bind_int64 (SQLITE_STMT (stmt), index, value);
}

static void
sqlite_bind_double (SamStmt *stmt,
                    int      index,
                    double   value)
{
  sqlite3_bind_double (SQLITE_STMT (stmt), index, value);
}

static void
sqlite_bind_text (SamStmt    *stmt,
                  int         index,
                  const char *value)
{
  sqlite3_bind_text (SQLITE_STMT (stmt), index, value, -1, SQLITE_TRANSIENT);
}

static void
sqlite_bind_null (SamStmt *stmt,
                  int      index)
{
  sqlite3_bind_null (SQLITE_STMT (stmt), index);
}

static SamStep
sqlite_step (SamStmt  *stmt,
             GError  **error)
{
  int rc = sqlite3_step (SQLITE_STMT (stmt));

  if (rc == SQLITE_ROW)
    return SAM_STEP_ROW;
  if (rc == SQLITE_DONE)
    return SAM_STEP_DONE;
  set_error (SQLITE_DB (stmt->db), rc, error);
  return SAM_STEP_ERROR;
}

static void
sqlite_reset (SamStmt *stmt)
{
  sqlite3_reset (SQLITE_STMT (stmt));
}

static void
sqlite_free (SamStmt *stmt)
{
  sqlite3_finalize (SQLITE_STMT (stmt));
  g_free (stmt);
}

static int
sqlite_column_count (SamStmt *stmt)
{
  return sqlite3_column_count (SQLITE_STMT (stmt));
}

static gboolean
sqlite_column_is_null (SamStmt *stmt,
                       int      column)
{
  return sqlite3_column_type (SQLITE_STMT (stmt), column) == SQLITE_NULL;
}

static gint64
sqlite_column_int (SamStmt *stmt,
                   int      column)
{
  return sqlite3_column_int64 (SQLITE_STMT (stmt), column);
}

static double
sqlite_column_double (SamStmt *stmt,
                      int      column)
{
  return sqlite3_column_double (SQLITE_STMT (stmt), column);
}

static const char *
sqlite_column_text (SamStmt *stmt,
                    int      column)
{
  return sam_stmt_valid_text (stmt, (const char *) sqlite3_column_text (SQLITE_STMT (stmt), column));
}

static const SamDbVTable sqlite_vtable = {
  .backend = SAM_DB_SQLITE,
  .sql = {
    [SAM_SQL_STRING_AGG] = "group_concat(%s, %s)",
    [SAM_SQL_NOCASE] = "COLLATE NOCASE",
    [SAM_SQL_INSERT_IGNORE] = "INSERT OR IGNORE",
    [SAM_SQL_TODAY] = "date('now')",
    [SAM_SQL_LOCK_ROW] = "",
  },
  .prepare = sqlite_prepare,
  .exec = sqlite_exec,
  .begin = sqlite_begin,
  .commit = sqlite_commit,
  .rollback = sqlite_rollback,
  .changes = sqlite_changes,
  .close = sqlite_close,
  .param_index = sqlite_param_index,
  .bind_int = sqlite_bind_int,
  .bind_double = sqlite_bind_double,
  .bind_text = sqlite_bind_text,
  .bind_null = sqlite_bind_null,
  .step = sqlite_step,
  .reset = sqlite_reset,
  .free = sqlite_free,
  .column_count = sqlite_column_count,
  .column_is_null = sqlite_column_is_null,
  .column_int = sqlite_column_int,
  .column_double = sqlite_column_double,
  .column_text = sqlite_column_text,
  .set_query_limit = sqlite_set_query_limit,
  .check_integrity = sqlite_check_integrity,
  .data_version = sqlite_data_version,
  .set_int_function = sqlite_set_int_function,
};

/* Files */

/* Sets up a new connection: the schema is not trusted to run functions
 * with side effects (SQLITE_DBCONFIG_TRUSTED_SCHEMA, the same as PRAGMA
 * trusted_schema), SQLite's defensive mode keeps the schema from being
 * written behind its back, and every statement runs under the query limit. */
static void
configure (SqliteDb *self)
{
  sqlite3_extended_result_codes (self->handle, 1);
  sqlite3_busy_timeout (self->handle, BUSY_TIMEOUT_MS);
#ifdef SQLITE_DBCONFIG_TRUSTED_SCHEMA
  sqlite3_db_config (self->handle, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
#endif
#ifdef SQLITE_DBCONFIG_DEFENSIVE
  sqlite3_db_config (self->handle, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
#endif
  self->query_limit = (gint64) sam_db_default_query_limit () * 1000;
  self->query_started = thread_time ();
  sqlite3_trace_v2 (self->handle, SQLITE_TRACE_STMT, on_statement_cb, self);
  sqlite3_progress_handler (self->handle, PROGRESS_STEPS, on_progress_cb, self);
}

SamDb *
sam_db_sqlite_open (const char       *path,
                    const char       *name,
                    SamDbSqliteMode   mode,
                    GError          **error)
{
  g_autoptr(SamDb) db = NULL;
  SqliteDb *self = g_new0 (SqliteDb, 1);
  const char *setup = NULL;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  int rc;

  g_return_val_if_fail (mode == SAM_DB_SQLITE_MEMORY || path != NULL, NULL);
  self->parent.vtable = &sqlite_vtable;
  self->name = g_strdup (name ? name : path ? path : ":memory:");
  db = &self->parent;
  switch (mode)
    {
    case SAM_DB_SQLITE_WRITE:
      setup = "PRAGMA trusted_schema = OFF; PRAGMA foreign_keys = ON";
      break;
    case SAM_DB_SQLITE_NEW:
      /* Pages of 8 KiB, not SQLite's 4: a report reads a large file
       * through many short queries, each page a system call where the
       * cache misses, and twice the page halves those. At 100,000
       * activities a report took 3.65 s instead of 3.79 s (six alternating
       * rounds), at the same peak; 16 KiB pages saved no more and raised
       * it. Each connection's cache is set in KiB, so it holds as much. */
      setup = "PRAGMA page_size = 8192; PRAGMA trusted_schema = OFF; PRAGMA foreign_keys = ON; "
              "PRAGMA journal_mode = DELETE";
      break;
    case SAM_DB_SQLITE_READ:
      /* Not SQLITE_OPEN_READONLY: SQLite reads no CHECK constraint on a
       * read-only connection, so that its integrity check would pass a
       * value they forbid. A reader serves one thread at a time (see
       * sam_store_open_reader()), so it takes no lock in each call: the
       * locks were a tenth of what SQLite did for a report. */
      flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
      setup = "PRAGMA query_only = ON; PRAGMA trusted_schema = OFF";
      break;
    case SAM_DB_SQLITE_MEMORY:
    default:
      path = ":memory:";
      flags = SQLITE_OPEN_READWRITE;
      break;
    }
  rc = sqlite3_open_v2 (path, &self->handle, flags, NULL);
  if (rc != SQLITE_OK)
    {
      set_error (self, rc, error);
      return NULL;
    }
  if (mode != SAM_DB_SQLITE_MEMORY)
    configure (self);
  if (setup && !sqlite_exec (db, setup, error))
    return NULL;
  return g_steal_pointer (&db);
}

static gint64
query_int (SqliteDb   *self,
           const char *sql,
           int        *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;
  int rc = sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  *rc_out = rc;
  return value;
}

gboolean
sam_db_sqlite_read_identity (SamDb   *db,
                             gint64  *application_id,
                             gint64  *version,
                             gint64  *n_objects,
                             GError **error)
{
  SqliteDb *self = SQLITE_DB (db);
  int rc;

  g_return_val_if_fail (db != NULL && db->vtable == &sqlite_vtable, FALSE);
  *application_id = query_int (self, "PRAGMA application_id", &rc);
  if (rc != SQLITE_OK)
    return set_error (self, rc, error);
  *version = query_int (self, "PRAGMA user_version", &rc);
  if (rc != SQLITE_OK)
    return set_error (self, rc, error);
  *n_objects = query_int (self, "SELECT count(*) FROM sqlite_schema", &rc);
  if (rc != SQLITE_OK)
    return set_error (self, rc, error);
  return TRUE;
}

gboolean
sam_db_sqlite_set_application_id (SamDb   *db,
                                  GError **error)
{
  g_autofree char *pragma = g_strdup_printf ("PRAGMA application_id = %d", SAM_APPLICATION_ID);

  g_return_val_if_fail (db != NULL && db->vtable == &sqlite_vtable, FALSE);
  return sqlite_exec (db, pragma, error);
}

gboolean
sam_db_sqlite_set_version (SamDb   *db,
                           int      version,
                           GError **error)
{
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", version);

  g_return_val_if_fail (db != NULL && db->vtable == &sqlite_vtable, FALSE);
  return sqlite_exec (db, pragma, error);
}

gboolean
sam_db_sqlite_use_wal (SamDb   *db,
                       GError **error)
{
  g_return_val_if_fail (db != NULL && db->vtable == &sqlite_vtable, FALSE);
  return sqlite_exec (db, "PRAGMA journal_mode = WAL", error);
}

gboolean
sam_db_sqlite_in_wal_mode (SamDb *db)
{
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;

  g_return_val_if_fail (db != NULL && db->vtable == &sqlite_vtable, FALSE);
  if (sqlite3_prepare_v2 (SQLITE_DB (db)->handle, "PRAGMA journal_mode", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  sqlite3_finalize (stmt);
  return wal;
}

gpointer
sam_db_sqlite_get_handle (SamDb *db)
{
  g_return_val_if_fail (db != NULL && db->vtable == &sqlite_vtable, NULL);
  return SQLITE_DB (db)->handle;
}
