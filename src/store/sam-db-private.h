/* sam-db-private.h: the store's connection to its database, whichever
 * backend holds it: an SQLite file (the default) or a PostgreSQL server.
 *
 * Store modules write their SQL once and run it through SamStmt, never
 * through sqlite3 or libpq. SQL is written in the subset both dialects
 * share, with ?NNN or :name placeholders; the backend rewrites
 * placeholders for its engine, and the few spellings the dialects do not
 * share come from sam_db_sql() (the dialect table), e.g.
 *
 *   g_autofree char *sql = g_strdup_printf ("SELECT %s FROM agency",
 *                                           sam_db_sql (db, SAM_SQL_STRING_AGG));
 *
 * A statement is prepared, bound, stepped row by row and freed; the
 * connection runs one statement at a time per thread, but statements may
 * nest (a row callback may run another query on the same connection):
 * the PostgreSQL backend reads a statement's whole result at its first
 * step. Values come back as SQLite gives them: integers as gint64, reals
 * as double, text as valid UTF-8 (broken bytes replaced); NULL is told by
 * sam_stmt_column_is_null().
 *
 * Every failure is a GError in SAM_STORE_ERROR with a message that says
 * what is wrong and what to do (see sam-store.h); backend codes are mapped
 * in one place per backend.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SAM_DB_SQLITE,
  SAM_DB_POSTGRESQL,
} SamDbBackend;

/* How a transaction reads and writes. */
typedef enum {
  SAM_DB_WRITE,     /* a change: all or nothing (BEGIN IMMEDIATE; READ COMMITTED) */
  SAM_DB_SNAPSHOT,  /* reads that must agree with each other (a report, a check):
                     * BEGIN DEFERRED on SQLite, REPEATABLE READ, READ ONLY on
                     * PostgreSQL */
} SamDbTransaction;

/* What one step of a statement gave. */
typedef enum {
  SAM_STEP_ERROR = -1,  /* the error is set */
  SAM_STEP_DONE = 0,    /* no (more) rows */
  SAM_STEP_ROW = 1,     /* a row to read with sam_stmt_column_*() */
} SamStep;

/* The spellings the dialects do not share. */
typedef enum {
  SAM_SQL_STRING_AGG,        /* printf format "%s" of one text argument and its
                              * separator: group_concat(%s, %s) / string_agg(%s, %s) */
  SAM_SQL_NOCASE,            /* the collation of names: "COLLATE NOCASE" /
                              * "COLLATE sam_nocase" (a nondeterministic ICU collation
                              * the PostgreSQL schema creates) */
  SAM_SQL_INSERT_IGNORE,     /* "INSERT OR IGNORE" / "INSERT" + ON CONFLICT DO NOTHING */
  SAM_SQL_TODAY,             /* date('now') / CURRENT_DATE::text */
  SAM_N_SQL,
} SamSqlPart;

typedef struct _SamDb SamDb;
typedef struct _SamStmt SamStmt;

SamDbBackend  sam_db_get_backend        (SamDb            *db);
const char   *sam_db_sql                (SamDb            *db,
                                         SamSqlPart        part);

SamStmt      *sam_db_prepare            (SamDb            *db,
                                         const char       *sql,
                                         GError          **error);
gboolean      sam_db_exec               (SamDb            *db,
                                         const char       *sql,
                                         GError          **error);
gboolean      sam_db_begin              (SamDb            *db,
                                         SamDbTransaction  kind,
                                         GError          **error);
gboolean      sam_db_commit             (SamDb            *db,
                                         GError          **error);
void          sam_db_rollback           (SamDb            *db);
gboolean      sam_db_in_transaction     (SamDb            *db);
/* Rows changed by the last INSERT, UPDATE or DELETE. */
gint64        sam_db_changes            (SamDb            *db);

/* Binding: @index counts from 1, as in SQLite; a :name's index comes
 * from sam_stmt_param_index() (0 when the statement has no such name). */
int           sam_stmt_param_index      (SamStmt          *stmt,
                                         const char       *name);
void          sam_stmt_bind_int         (SamStmt          *stmt,
                                         int               index,
                                         gint64            value);
void          sam_stmt_bind_double      (SamStmt          *stmt,
                                         int               index,
                                         double            value);
void          sam_stmt_bind_text        (SamStmt          *stmt,
                                         int               index,
                                         const char       *value);  /* NULL binds NULL */
void          sam_stmt_bind_null        (SamStmt          *stmt,
                                         int               index);

SamStep       sam_stmt_step             (SamStmt          *stmt,
                                         GError          **error);
/* Runs a statement that returns no rows (or ignores them). */
gboolean      sam_stmt_run              (SamStmt          *stmt,
                                         GError          **error);
/* Makes the statement ready to step again, bindings kept. */
void          sam_stmt_reset            (SamStmt          *stmt);
void          sam_stmt_free             (SamStmt          *stmt);

int           sam_stmt_column_count     (SamStmt          *stmt);
gboolean      sam_stmt_column_is_null   (SamStmt          *stmt,
                                         int               column);
gint64        sam_stmt_column_int       (SamStmt          *stmt,
                                         int               column);
double        sam_stmt_column_double    (SamStmt          *stmt,
                                         int               column);
/* Valid UTF-8 owned by the statement until the next step, or NULL. */
const char   *sam_stmt_column_text      (SamStmt          *stmt,
                                         int               column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamStmt, sam_stmt_free)

G_END_DECLS
