#define G_LOG_DOMAIN "sam-query"

#include "config.h"

#include "sam-query-private.h"

/* Prepares @sql and binds :scope from @scope (NULL: the whole strategy).
 * Returns the statement, which the caller frees (sam_query_run() does),
 * or NULL with a SamStoreError. */
SamStmt *
sam_query_prepare (SamStore        *store,
                   const char      *sql,
                   const SamScope  *scope,
                   GError         **error)
{
  SamStmt *stmt;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  if (!(stmt = sam_store_prepare (store, sql, error)))
    return NULL;
  sam_scope_bind (scope, stmt);
  sam_query_bind_int (stmt, ":english", sam_store_get_english_names (store));
  return stmt;
}

/* Steps through @stmt, calling @func for each row, and frees it. Returns
 * FALSE when the database or @func fails. */
gboolean
sam_query_run (SamStore   *store,
               SamStmt    *stmt,
               SamRowFunc  func,
               gpointer    user_data,
               GError    **error)
{
  g_autoptr(SamStmt) owned = stmt;
  SamStep step;

  g_return_val_if_fail (stmt != NULL, FALSE);

  while ((step = sam_stmt_step (stmt, error)) == SAM_STEP_ROW)
    if (!func (stmt, user_data, error))
      return FALSE;
  return step == SAM_STEP_DONE;
}

gboolean
sam_query_foreach (SamStore        *store,
                   const char      *sql,
                   const SamScope  *scope,
                   SamRowFunc       func,
                   gpointer         user_data,
                   GError         **error)
{
  SamStmt *stmt = sam_query_prepare (store, sql, scope, error);

  return stmt != NULL && sam_query_run (store, stmt, func, user_data, error);
}

/* Binds the named parameter @name (":period") when @stmt uses it; NULL
 * binds NULL. */
void
sam_query_bind_text (SamStmt    *stmt,
                     const char *name,
                     const char *value)
{
  int index = sam_stmt_param_index (stmt, name);

  if (index > 0)
    sam_stmt_bind_text (stmt, index, value);
}

void
sam_query_bind_int (SamStmt    *stmt,
                    const char *name,
                    gint64      value)
{
  int index = sam_stmt_param_index (stmt, name);

  if (index > 0)
    sam_stmt_bind_int (stmt, index, value);
}

/* Opens @cursor on @sql (no scope) and steps to its first row. FALSE with
 * a SamStoreError. */
gboolean
sam_cursor_open (SamStore    *store,
                 SamCursor   *cursor,
                 const char  *sql,
                 GError     **error)
{
  if (!(cursor->stmt = sam_query_prepare (store, sql, NULL, error)))
    return FALSE;
  return sam_cursor_step (cursor, error);
}

gboolean
sam_cursor_step (SamCursor  *cursor,
                 GError    **error)
{
  cursor->step = sam_stmt_step (cursor->stmt, error);
  return cursor->step != SAM_STEP_ERROR;
}

/* Moves @cursor to its first row of @id or after; *@on_row says whether
 * it is on a row of @id. FALSE with a SamStoreError. */
gboolean
sam_cursor_seek (SamCursor  *cursor,
                 gint64      id,
                 gboolean   *on_row,
                 GError    **error)
{
  *on_row = FALSE;
  while (cursor->step == SAM_STEP_ROW && sam_stmt_column_int (cursor->stmt, 0) < id)
    if (!sam_cursor_step (cursor, error))
      return FALSE;
  *on_row = cursor->step == SAM_STEP_ROW && sam_stmt_column_int (cursor->stmt, 0) == id;
  return TRUE;
}

void
sam_cursor_clear (SamCursor *cursor)
{
  g_clear_pointer (&cursor->stmt, sam_stmt_free);
}
