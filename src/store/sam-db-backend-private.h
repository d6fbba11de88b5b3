/* sam-db-backend-private.h: what a backend of SamDb implements.
 *
 * sam-db.c dispatches every sam_db_*() and sam_stmt_*() call of
 * sam-db-private.h through these tables; sam-db-sqlite.c and sam-db-pg.c
 * fill them. A backend's SamDb and SamStmt embed the structs below first
 * and add their own state after; sam-db.c owns the fields of the structs
 * below (a backend allocates them zeroed and sets only vtable and db).
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

  /* May be NULL: then no limit, no check (it passes), -1, and FALSE. */
  void        (*set_query_limit)  (SamDb *db, guint milliseconds);
  gboolean    (*check_integrity)  (SamDb *db, GCancellable *cancellable, GError **error);
  gint64      (*data_version)     (SamDb *db);
  gboolean    (*set_int_function) (SamDb *db, const char *name, SamDbIntFunc func, gpointer user_data);
  /* May be NULL: then sam_db_watch() gives NULL, setting no error. */
  GSource    *(*watch)            (SamDb *db, SamDbWatchFunc func, gpointer user_data, GError **error);
  /* May be NULL: then always connected, and no reconnecting. */
  gboolean    (*is_connected)     (SamDb *db);
  GSource    *(*reconnect)        (SamDb *db, SamDbReconnectFunc func, gpointer user_data);
} SamDbVTable;

struct _SamDb
{
  const SamDbVTable *vtable;
  gboolean           in_transaction;   /* kept by the backend */
  guint64            commits;          /* by sam_db_commit(), kept by sam-db.c */
  /* What the last failed statement broke: see sam_db_set_constraint(). */
  SamDbConstraint    constraint;
  char              *constraint_column;
  char              *constraint_detail;
};

struct _SamStmt
{
  SamDb     *db;
  GPtrArray *repaired;   /* texts sam_stmt_valid_text() made valid, until the next step */
};

/* Helpers for backends, in sam-db.c. */

/* Returns @text, the text of a column of @stmt's current row, when it is
 * valid UTF-8; else a valid copy (broken bytes replaced) owned by @stmt
 * until its next step. */
const char *sam_stmt_valid_text    (SamStmt         *stmt,
                                    const char      *text);
/* Notes what the failing statement broke, for sam_db_get_constraint();
 * a backend calls it on every failure (SAM_DB_CONSTRAINT_NONE when no
 * constraint was broken). */
void        sam_db_set_constraint  (SamDb           *db,
                                    SamDbConstraint  constraint,
                                    const char      *column,
                                    const char      *detail);
/* Sets SAM_STORE_ERROR_FAILED: "The database “@name” failed: @message". */
void        sam_db_set_failed      (GError         **error,
                                    const char      *name,
                                    const char      *message);

G_END_DECLS
