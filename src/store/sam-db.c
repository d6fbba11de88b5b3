#define G_LOG_DOMAIN "sam-db"

#include "config.h"

#include "sam-db-backend-private.h"

/* Every call goes to the backend's table (see sam-db-backend-private.h). */

SamDbBackend
sam_db_get_backend (SamDb *db)
{
  g_return_val_if_fail (db != NULL, SAM_DB_SQLITE);
  return db->vtable->backend;
}

const char *
sam_db_sql (SamDb      *db,
            SamSqlPart  part)
{
  g_return_val_if_fail (db != NULL && part < SAM_N_SQL, NULL);
  return db->vtable->sql[part];
}

SamStmt *
sam_db_prepare (SamDb       *db,
                const char  *sql,
                GError     **error)
{
  g_return_val_if_fail (db != NULL && sql != NULL, NULL);
  return db->vtable->prepare (db, sql, error);
}

gboolean
sam_db_exec (SamDb       *db,
             const char  *sql,
             GError     **error)
{
  g_return_val_if_fail (db != NULL && sql != NULL, FALSE);
  return db->vtable->exec (db, sql, error);
}

gboolean
sam_db_begin (SamDb             *db,
              SamDbTransaction   kind,
              GError           **error)
{
  g_return_val_if_fail (db != NULL && !db->in_transaction, FALSE);
  if (!db->vtable->begin (db, kind, error))
    return FALSE;
  db->in_transaction = TRUE;
  return TRUE;
}

gboolean
sam_db_commit (SamDb   *db,
               GError **error)
{
  g_return_val_if_fail (db != NULL && db->in_transaction, FALSE);
  if (!db->vtable->commit (db, error))
    {
      db->vtable->rollback (db);
      db->in_transaction = FALSE;
      return FALSE;
    }
  db->in_transaction = FALSE;
  return TRUE;
}

void
sam_db_rollback (SamDb *db)
{
  g_return_if_fail (db != NULL);
  if (db->in_transaction)
    db->vtable->rollback (db);
  db->in_transaction = FALSE;
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

void
sam_db_close (SamDb *db)
{
  if (db)
    db->vtable->close (db);
}

int
sam_stmt_param_index (SamStmt    *stmt,
                      const char *name)
{
  g_return_val_if_fail (stmt != NULL && name != NULL, 0);
  return stmt->db->vtable->param_index (stmt, name);
}

void
sam_stmt_bind_int (SamStmt *stmt,
                   int      index,
                   gint64   value)
{
  g_return_if_fail (stmt != NULL);
  stmt->db->vtable->bind_int (stmt, index, value);
}

void
sam_stmt_bind_double (SamStmt *stmt,
                      int      index,
                      double   value)
{
  g_return_if_fail (stmt != NULL);
  stmt->db->vtable->bind_double (stmt, index, value);
}

void
sam_stmt_bind_text (SamStmt    *stmt,
                    int         index,
                    const char *value)
{
  g_return_if_fail (stmt != NULL);
  stmt->db->vtable->bind_text (stmt, index, value);
}

void
sam_stmt_bind_null (SamStmt *stmt,
                    int      index)
{
  g_return_if_fail (stmt != NULL);
  stmt->db->vtable->bind_null (stmt, index);
}

SamStep
sam_stmt_step (SamStmt  *stmt,
               GError  **error)
{
  g_return_val_if_fail (stmt != NULL, SAM_STEP_ERROR);
  return stmt->db->vtable->step (stmt, error);
}

gboolean
sam_stmt_run (SamStmt  *stmt,
              GError  **error)
{
  SamStep step;

  g_return_val_if_fail (stmt != NULL, FALSE);
  while ((step = sam_stmt_step (stmt, error)) == SAM_STEP_ROW)
    ;
  return step == SAM_STEP_DONE;
}

void
sam_stmt_reset (SamStmt *stmt)
{
  g_return_if_fail (stmt != NULL);
  stmt->db->vtable->reset (stmt);
}

void
sam_stmt_free (SamStmt *stmt)
{
  if (stmt)
    stmt->db->vtable->free (stmt);
}

int
sam_stmt_column_count (SamStmt *stmt)
{
  g_return_val_if_fail (stmt != NULL, 0);
  return stmt->db->vtable->column_count (stmt);
}

gboolean
sam_stmt_column_is_null (SamStmt *stmt,
                         int      column)
{
  g_return_val_if_fail (stmt != NULL, TRUE);
  return stmt->db->vtable->column_is_null (stmt, column);
}

gint64
sam_stmt_column_int (SamStmt *stmt,
                     int      column)
{
  g_return_val_if_fail (stmt != NULL, 0);
  return stmt->db->vtable->column_int (stmt, column);
}

double
sam_stmt_column_double (SamStmt *stmt,
                        int      column)
{
  g_return_val_if_fail (stmt != NULL, 0.0);
  return stmt->db->vtable->column_double (stmt, column);
}

const char *
sam_stmt_column_text (SamStmt *stmt,
                      int      column)
{
  g_return_val_if_fail (stmt != NULL, NULL);
  return stmt->db->vtable->column_text (stmt, column);
}
