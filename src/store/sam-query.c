#define G_LOG_DOMAIN "sam-query"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sam-query-private.h"

/* Prepares @sql and binds :scope from @scope (NULL: the whole strategy).
 * Returns the statement, which the caller finalizes (sam_query_run() does),
 * or NULL with a SamStoreError. */
sqlite3_stmt *
sam_query_prepare (SamStore        *store,
                   const char      *sql,
                   const SamScope  *scope,
                   GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  if (sam_store_get_db (store) == NULL)
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_FAILED,
                   _("The database “%s” is closed."), sam_store_get_path (store));
      return NULL;
    }
  rc = sqlite3_prepare_v2 (sam_store_get_db (store), sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_debug ("Could not prepare: %s", sql);
      sqlite3_finalize (stmt);
      sam_store_set_sql_error (store, rc, error);
      return NULL;
    }
  sam_scope_bind (scope, stmt);
  return stmt;
}

/* Steps through @stmt, calling @func for each row, and finalizes it.
 * Returns FALSE when SQLite or @func fails. */
gboolean
sam_query_run (SamStore      *store,
               sqlite3_stmt  *stmt,
               SamRowFunc     func,
               gpointer       user_data,
               GError       **error)
{
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (stmt != NULL, FALSE);

  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ok = func (stmt, user_data, error);
  if (ok && rc != SQLITE_DONE)
    {
      rc = sqlite3_extended_errcode (sam_store_get_db (store));
      sqlite3_finalize (stmt);
      return sam_store_set_sql_error (store, rc, error);
    }
  sqlite3_finalize (stmt);
  return ok;
}

gboolean
sam_query_foreach (SamStore        *store,
                   const char      *sql,
                   const SamScope  *scope,
                   SamRowFunc       func,
                   gpointer         user_data,
                   GError         **error)
{
  sqlite3_stmt *stmt = sam_query_prepare (store, sql, scope, error);

  return stmt != NULL && sam_query_run (store, stmt, func, user_data, error);
}

/* Binds the named parameter @name when @stmt uses it; NULL binds NULL. */
void
sam_query_bind_text (sqlite3_stmt *stmt,
                     const char   *name,
                     const char   *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

void
sam_query_bind_int (sqlite3_stmt *stmt,
                    const char   *name,
                    gint64        value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_int64 (stmt, index, value);
}

/* Returns column @column as valid UTF-8 text, or NULL for SQL NULL. */
const char *
sam_query_text (sqlite3_stmt *stmt,
                int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  g_autofree char *valid = NULL;

  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return text;
  /* SQLite keeps whatever bytes a file holds. Text that is not UTF-8
   * becomes valid, kept for the life of the process: callers hold on to
   * it as long as they like, and a file has only so much of it. */
  valid = g_utf8_make_valid (text, -1);
  return g_intern_string (valid);
}
