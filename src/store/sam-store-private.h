/* sam-store-private.h: what other parts of the store layer may reach. */
#pragma once

#include "sam-db-private.h"
#include "sam-store.h"

G_BEGIN_DECLS

SamDb    *sam_store_get_db         (SamStore    *self);
SamStore *sam_store_new_for_server (SamDb       *db,
                                    const char  *name);
SamStmt  *sam_store_prepare        (SamStore    *self,
                                    const char  *sql,
                                    GError     **error);
const char *sam_store_sql          (SamStore    *self,
                                    SamSqlPart   part);
char     *sam_store_string_agg     (SamStore    *self,
                                    const char  *value,
                                    const char  *separator);
gboolean  sam_store_set_field_error (GError    **error,
                                    SamKind      kind,
                                    const char  *field,
                                    const char  *format,
                                    ...) G_GNUC_PRINTF (4, 5);
gboolean  sam_store_set_invalid_from_core (GError       **error,
                                    const GError  *core);
gboolean  sam_store_set_conflict_error (GError    **error,
                                    SamRecord   *record,
                                    const char  *field,
                                    GVariant    *theirs,
                                    GVariant    *mine);
gboolean  sam_store_set_in_use_error (GError    **error,
                                    const char  *what,
                                    const char  *message);
gboolean  sam_store_lock_record    (SamStore    *self,
                                    SamKind      kind,
                                    gint64       id,
                                    GError     **error);
gboolean  sam_store_check_value    (SamRecord   *current,
                                    const char  *field,
                                    GVariant    *expected,
                                    GVariant    *value,
                                    GError     **error);
gboolean  sam_store_exec           (SamStore    *self,
                                    const char  *sql,
                                    GError     **error);
GBytes   *sam_data_lookup          (const char  *name,
                                    GError     **error);
gboolean  sam_store_keeps_history  (SamStore    *self);
void      sam_store_set_keeps_history (SamStore *self,
                                    gboolean     keeps);
GBytes   *sam_store_migration_sql  (int          version,
                                    GError     **error);
GBytes   *sam_store_server_migration_sql (int    version,
                                    GError     **error);
void      sam_store_set_query_limit (SamStore   *self,
                                    guint        milliseconds);

/* The undo journal: each change inside a transaction is noted with the
 * record before and after (either NULL for an insert or a delete). */
void      sam_store_journal_add    (SamStore    *self,
                                    SamRecord   *before,
                                    SamRecord   *after);
void      sam_store_note_committed (SamStore    *self,
                                    SamRecord   *before,
                                    SamRecord   *after);
gboolean  sam_store_replay         (SamStore    *self,
                                    SamRecord   *from,
                                    SamRecord   *to,
                                    gboolean     anyway,
                                    GError     **error);

/* In sam-schema.c. */
gboolean  sam_schema_verify        (SamStore    *store,
                                    int          version,
                                    GError     **error);

/* Fills a new database with the default plan; in the seed loader. */
gboolean  sam_seed_load_default    (SamStore    *self,
                                    GError     **error);

G_END_DECLS
