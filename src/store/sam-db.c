#define G_LOG_DOMAIN "sam-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sam-db-backend-private.h"
#include "sam-store.h"

/* SamDb and SamStmt: each call goes to the backend's table. The calls a
 * statement makes per row (step, column_*) do nothing else, so that the
 * layer costs one indirect call each; see bench/RESULTS.md. */

/* How much processor time one statement may use before it is stopped: far
 * more than any of Samordna's take on 100,000 activities (the longest, the
 * checks, take about a second), far shorter than a hang. */
#define QUERY_LIMIT_MS 10000

/* Opening */

/* The keywords of libpq's key=value connection strings (libpq's
 * "Parameter Key Words"): a location that begins with one of them and "="
 * names a server, never a file. */
static const char * const conninfo_keys[] = {
  "application_name", "channel_binding", "client_encoding", "connect_timeout", "dbname",
  "fallback_application_name", "gssdelegation", "gssencmode", "gsslib", "host", "hostaddr",
  "keepalives", "keepalives_count", "keepalives_idle", "keepalives_interval", "krbsrvname",
  "load_balance_hosts", "options", "passfile", "password", "port", "replication",
  "require_auth", "requirepeer", "requiressl", "service", "ssl_max_protocol_version",
  "ssl_min_protocol_version", "sslcert", "sslcompression", "sslcrl", "sslcrldir", "sslkey",
  "sslmode", "sslpassword", "sslrootcert", "sslsni", "target_session_attrs",
  "tcp_user_timeout", "user",
};

gboolean
sam_db_is_server_address (const char *location)
{
  const char *p;
  gsize n;

  g_return_val_if_fail (location != NULL, FALSE);
  if (g_ascii_strncasecmp (location, "postgresql://", 13) == 0
      || g_ascii_strncasecmp (location, "postgres://", 11) == 0)
    return TRUE;
  p = location;
  while (g_ascii_isspace (*p))
    p++;
  for (n = 0; g_ascii_islower (p[n]) || p[n] == '_'; n++)
    ;
  if (n == 0)
    return FALSE;
  for (const char *q = p + n; *q != '='; q++)
    if (!g_ascii_isspace (*q))
      return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (conninfo_keys); i++)
    if (strlen (conninfo_keys[i]) == n && strncmp (conninfo_keys[i], p, n) == 0)
      return TRUE;
  return FALSE;
}

guint
sam_db_default_query_limit (void)
{
  static gsize limit = 0;

  if (g_once_init_enter (&limit))
    {
      const char *env = g_getenv ("SAMORDNA_QUERY_LIMIT_MS");
      gint64 ms = env ? g_ascii_strtoll (env, NULL, 10) : 0;

      g_once_init_leave (&limit, (gsize) (ms > 0 && ms <= G_MAXUINT ? ms : QUERY_LIMIT_MS));
    }
  return (guint) limit;
}

/* Connections */

void
sam_db_close (SamDb *db)
{
  if (db == NULL)
    return;
  g_clear_pointer (&db->constraint_column, g_free);
  g_clear_pointer (&db->constraint_detail, g_free);
  db->vtable->close (db);
}

SamDbBackend
sam_db_get_backend (SamDb *db)
{
  g_return_val_if_fail (db != NULL, SAM_DB_SQLITE);
  return db->vtable->backend;
}

/* Returns the spelling of @part in the dialect of @db. */
const char *
sam_db_sql (SamDb      *db,
            SamSqlPart  part)
{
  g_return_val_if_fail (db != NULL, "");
  g_return_val_if_fail (part < SAM_N_SQL, "");
  return db->vtable->sql[part];
}

char *
sam_db_string_agg (SamDb      *db,
                   const char *value,
                   const char *separator)
{
  g_return_val_if_fail (db != NULL && value != NULL && separator != NULL, NULL);
  /* The table's entry is a format of two texts. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return g_strdup_printf (db->vtable->sql[SAM_SQL_STRING_AGG], value, separator);
#pragma GCC diagnostic pop
}

/* Prepares the one statement @sql. Returns NULL with a SamStoreError. */
SamStmt *
sam_db_prepare (SamDb       *db,
                const char  *sql,
                GError     **error)
{
  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);
  return db->vtable->prepare (db, sql, error);
}

/* Runs @sql, which may be several statements, ignoring any rows. */
gboolean
sam_db_exec (SamDb       *db,
             const char  *sql,
             GError     **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);
  return db->vtable->exec (db, sql, error);
}

gboolean
sam_db_begin (SamDb             *db,
              SamDbTransaction   kind,
              GError           **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  return db->vtable->begin (db, kind, error);
}

gboolean
sam_db_commit (SamDb   *db,
               GError **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  if (!db->vtable->commit (db, error))
    return FALSE;
  db->commits++;
  return TRUE;
}

/* Returns how many transactions sam_db_commit() has committed on @db:
 * for the tests, which count that a change is one transaction. */
guint64
sam_db_get_commits (SamDb *db)
{
  g_return_val_if_fail (db != NULL, 0);
  return db->commits;
}

/* Ends the open transaction, undoing it; does nothing outside one. */
void
sam_db_rollback (SamDb *db)
{
  g_return_if_fail (db != NULL);
  db->vtable->rollback (db);
}

gboolean
sam_db_in_transaction (SamDb *db)
{
  g_return_val_if_fail (db != NULL, FALSE);
  return db->in_transaction;
}

gint64
sam_db_changes (SamDb *db)
{
  g_return_val_if_fail (db != NULL, 0);
  return db->vtable->changes (db);
}

SamDbConstraint
sam_db_get_constraint (SamDb       *db,
                       const char **column,
                       const char **detail)
{
  g_return_val_if_fail (db != NULL, SAM_DB_CONSTRAINT_NONE);
  if (column)
    *column = db->constraint_column;
  if (detail)
    *detail = db->constraint_detail;
  return db->constraint;
}

void
sam_db_set_query_limit (SamDb *db,
                        guint  milliseconds)
{
  g_return_if_fail (db != NULL);
  if (db->vtable->set_query_limit)
    db->vtable->set_query_limit (db, milliseconds);
}

gboolean
sam_db_check_integrity (SamDb         *db,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  return db->vtable->check_integrity == NULL || db->vtable->check_integrity (db, cancellable, error);
}

GSource *
sam_db_watch (SamDb           *db,
              SamDbWatchFunc   func,
              gpointer         user_data,
              GError         **error)
{
  g_return_val_if_fail (db != NULL && func != NULL, NULL);
  return db->vtable->watch ? db->vtable->watch (db, func, user_data, error) : NULL;
}

gboolean
sam_db_is_connected (SamDb *db)
{
  g_return_val_if_fail (db != NULL, FALSE);
  return db->vtable->is_connected == NULL || db->vtable->is_connected (db);
}

GSource *
sam_db_reconnect (SamDb              *db,
                  SamDbReconnectFunc  func,
                  gpointer            user_data)
{
  g_return_val_if_fail (db != NULL && func != NULL, NULL);
  return db->vtable->reconnect ? db->vtable->reconnect (db, func, user_data) : NULL;
}

gint64
sam_db_data_version (SamDb *db)
{
  g_return_val_if_fail (db != NULL, -1);
  return db->vtable->data_version ? db->vtable->data_version (db) : -1;
}

gboolean
sam_db_set_int_function (SamDb        *db,
                         const char   *name,
                         SamDbIntFunc  func,
                         gpointer      user_data)
{
  g_return_val_if_fail (db != NULL && name != NULL, FALSE);
  return db->vtable->set_int_function != NULL && db->vtable->set_int_function (db, name, func, user_data);
}

/* Statements: these run once or more per row, so they check nothing. */

int
sam_stmt_param_index (SamStmt    *stmt,
                      const char *name)
{
  return stmt->db->vtable->param_index (stmt, name);
}

void
sam_stmt_bind_int (SamStmt *stmt,
                   int      index,
                   gint64   value)
{
  stmt->db->vtable->bind_int (stmt, index, value);
}

void
sam_stmt_bind_double (SamStmt *stmt,
                      int      index,
                      double   value)
{
  stmt->db->vtable->bind_double (stmt, index, value);
}

void
sam_stmt_bind_text (SamStmt    *stmt,
                    int         index,
                    const char *value)
{
  stmt->db->vtable->bind_text (stmt, index, value);
}

void
sam_stmt_bind_null (SamStmt *stmt,
                    int      index)
{
  stmt->db->vtable->bind_null (stmt, index);
}

SamStep
sam_stmt_step (SamStmt  *stmt,
               GError  **error)
{
  if (G_UNLIKELY (stmt->repaired != NULL))
    g_ptr_array_set_size (stmt->repaired, 0);
  return stmt->db->vtable->step (stmt, error);
}

gboolean
sam_stmt_run (SamStmt  *stmt,
              GError  **error)
{
  SamStep step;

  while ((step = sam_stmt_step (stmt, error)) == SAM_STEP_ROW)
    ;
  sam_stmt_reset (stmt);
  return step == SAM_STEP_DONE;
}

void
sam_stmt_reset (SamStmt *stmt)
{
  if (stmt->repaired != NULL)
    g_ptr_array_set_size (stmt->repaired, 0);
  stmt->db->vtable->reset (stmt);
}

void
sam_stmt_free (SamStmt *stmt)
{
  if (stmt == NULL)
    return;
  g_clear_pointer (&stmt->repaired, g_ptr_array_unref);
  stmt->db->vtable->free (stmt);
}

int
sam_stmt_column_count (SamStmt *stmt)
{
  return stmt->db->vtable->column_count (stmt);
}

gboolean
sam_stmt_column_is_null (SamStmt *stmt,
                         int      column)
{
  return stmt->db->vtable->column_is_null (stmt, column);
}

gint64
sam_stmt_column_int (SamStmt *stmt,
                     int      column)
{
  return stmt->db->vtable->column_int (stmt, column);
}

double
sam_stmt_column_double (SamStmt *stmt,
                        int      column)
{
  return stmt->db->vtable->column_double (stmt, column);
}

const char *
sam_stmt_column_text (SamStmt *stmt,
                      int      column)
{
  return stmt->db->vtable->column_text (stmt, column);
}

/* Helpers for backends */

const char *
sam_stmt_valid_text (SamStmt    *stmt,
                     const char *text)
{
  char *valid;

  if (G_LIKELY (text == NULL || g_utf8_validate (text, -1, NULL)))
    return text;
  /* A file keeps whatever bytes were written to it: text that is not
   * UTF-8 is read as valid text, its broken bytes replaced. */
  valid = g_utf8_make_valid (text, -1);
  if (stmt->repaired == NULL)
    stmt->repaired = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (stmt->repaired, valid);
  return valid;
}

void
sam_db_set_constraint (SamDb           *db,
                       SamDbConstraint  constraint,
                       const char      *column,
                       const char      *detail)
{
  db->constraint = constraint;
  g_free (db->constraint_column);
  db->constraint_column = g_strdup (column);
  g_free (db->constraint_detail);
  db->constraint_detail = g_strdup (detail);
}

void
sam_db_set_failed (GError     **error,
                   const char  *name,
                   const char  *message)
{
  g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_FAILED,
               _("The database “%s” failed: %s"), name, message);
}
