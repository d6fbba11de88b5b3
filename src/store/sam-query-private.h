/* sam-query-private.h: running SQL of the store layer over a scope.
 *
 * For the modules that compute with SQL aggregates (coordination, report
 * data): prepare a statement with the scope bound, then step through its
 * rows with a callback. Errors become SamStoreError as everywhere else.
 */
#pragma once

#include "sam-scope-private.h"
#include "sam-store-private.h"

G_BEGIN_DECLS

/* The name of the measure, agency, sector or target group at table alias
 * @t as the store shows it: its English one where it has one and the
 * store is set to English names (:english, which sam_query_prepare()
 * binds; see sam_store_set_english_names()), else its own. */
#define SAM_NAME(t)  "coalesce(CASE WHEN :english = 1 THEN nullif(" t ".name_en, '') END, " t ".name)"
#define SAM_TITLE(t) "coalesce(CASE WHEN :english = 1 THEN nullif(" t ".title_en, '') END, " t ".title)"

/* Called for each row; return FALSE (with @error set) to stop. */
typedef gboolean (*SamRowFunc) (SamStmt   *stmt,
                                gpointer   user_data,
                                GError   **error);

SamStmt      *sam_query_prepare    (SamStore        *store,
                                    const char      *sql,
                                    const SamScope  *scope,
                                    GError         **error);
gboolean      sam_query_run        (SamStore        *store,
                                    SamStmt         *stmt,
                                    SamRowFunc       func,
                                    gpointer         user_data,
                                    GError         **error);
gboolean      sam_query_foreach    (SamStore        *store,
                                    const char      *sql,
                                    const SamScope  *scope,
                                    SamRowFunc       func,
                                    gpointer         user_data,
                                    GError         **error);
void          sam_query_bind_text  (SamStmt         *stmt,
                                    const char      *name,
                                    const char      *value);
void          sam_query_bind_int   (SamStmt         *stmt,
                                    const char      *name,
                                    gint64           value);

/* A statement read in step with the rows of another: its first column is
 * an id (an activity's, say) in ascending order, as the other's rows. */
typedef struct
{
  SamStmt *stmt;
  SamStep  step;      /* of the last step: SAM_STEP_ROW while on a row */
} SamCursor;

gboolean      sam_cursor_open      (SamStore        *store,
                                    SamCursor       *cursor,
                                    const char      *sql,
                                    GError         **error);
gboolean      sam_cursor_step      (SamCursor       *cursor,
                                    GError         **error);
gboolean      sam_cursor_seek      (SamCursor       *cursor,
                                    gint64           id,
                                    gboolean        *on_row,
                                    GError         **error);
void          sam_cursor_clear     (SamCursor       *cursor);

G_END_DECLS
