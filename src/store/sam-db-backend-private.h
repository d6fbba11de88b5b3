/* sam-db-backend-private.h: what a backend of SamDb implements.
 *
 * sam-db.c dispatches every sam_db_*() and sam_stmt_*() call of
 * sam-db-private.h through these tables; sam-db-sqlite.c and sam-db-pg.c
 * fill them. A backend's SamDb and SamStmt embed the structs below first
 * and add their own state after.
 */
#pragma once

#include "sam-db-private.h"

G_BEGIN_DECLS

typedef struct
{
  SamDbBackend  backend;
  const char   *sql[SAM_N_SQL];    /* the dialect table */

  SamStmt    *(*prepare)        (SamDb *db, const char *sql, GError **error);
  gboolean    (*exec)           (SamDb *db, const char *sql, GError **error);
  gboolean    (*begin)          (SamDb *db, SamDbTransaction kind, GError **error);
  gboolean    (*commit)         (SamDb *db, GError **error);
  void        (*rollback)       (SamDb *db);
  gint64      (*changes)        (SamDb *db);
  void        (*close)          (SamDb *db);

  int         (*param_index)    (SamStmt *stmt, const char *name);
  void        (*bind_int)       (SamStmt *stmt, int index, gint64 value);
  void        (*bind_double)    (SamStmt *stmt, int index, double value);
  void        (*bind_text)      (SamStmt *stmt, int index, const char *value);
  void        (*bind_null)      (SamStmt *stmt, int index);
  SamStep     (*step)           (SamStmt *stmt, GError **error);
  void        (*reset)          (SamStmt *stmt);
  void        (*free)           (SamStmt *stmt);
  int         (*column_count)   (SamStmt *stmt);
  gboolean    (*column_is_null) (SamStmt *stmt, int column);
  gint64      (*column_int)     (SamStmt *stmt, int column);
  double      (*column_double)  (SamStmt *stmt, int column);
  const char *(*column_text)    (SamStmt *stmt, int column);
} SamDbVTable;

struct _SamDb
{
  const SamDbVTable *vtable;
  gboolean           in_transaction;
};

struct _SamStmt
{
  SamDb *db;
};

/* Closes @db and frees it. */
void sam_db_close (SamDb *db);

G_END_DECLS
