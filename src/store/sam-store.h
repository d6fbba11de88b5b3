/* sam-store.h: one Samordna database.
 *
 * A SamStore owns one connection to its database: an SQLite file (foreign
 * keys on, WAL journaling), or a PostgreSQL server. Records of every kind
 * are read and written through the generic calls below; each call that
 * changes something is one transaction, all or nothing.
 */
#pragma once

#include <gio/gio.h>

#include "core/sam-record.h"

G_BEGIN_DECLS

#define SAM_STORE_ERROR (sam_store_error_quark ())

/* What can go wrong with a database file; every error carries a message
 * that says what is wrong and what to do about it. */
typedef enum {
  SAM_STORE_ERROR_NO_FOLDER,     /* the folder of the path does not exist */
  SAM_STORE_ERROR_NOT_A_FILE,    /* the path is a folder or a special file */
  SAM_STORE_ERROR_EMPTY,         /* the file has no bytes */
  SAM_STORE_ERROR_NOT_SQLITE,    /* the file is not an SQLite database */
  SAM_STORE_ERROR_CORRUPT,       /* the file is a damaged or truncated database */
  SAM_STORE_ERROR_NOT_SAMORDNA,  /* an SQLite database of another program */
  SAM_STORE_ERROR_NEWER,         /* written by a newer Samordna */
  SAM_STORE_ERROR_READ_ONLY,     /* the file or its folder cannot be written */
  SAM_STORE_ERROR_LOCKED,        /* another program holds the file */
  SAM_STORE_ERROR_NOT_FOUND,     /* no record with that id */
  SAM_STORE_ERROR_INVALID,       /* a value breaks a rule; nothing was saved */
  SAM_STORE_ERROR_IN_USE,        /* a record others point to cannot be deleted */
  SAM_STORE_ERROR_FAILED,        /* SQLite failed otherwise; the message is its own */
  SAM_STORE_ERROR_ALTERED,       /* holds tables, indexes, views or triggers Samordna did not make */
  SAM_STORE_ERROR_TIMEOUT,       /* a query ran past the limit and was stopped */
  SAM_STORE_ERROR_CONFLICT,      /* the value changed since it was read (by another window or
                                  * program); the error carries both, see
                                  * sam_store_error_get_theirs() and _get_mine() */
  /* A database on a PostgreSQL server: */
  SAM_STORE_ERROR_NOT_ALLOWED,   /* the login's role may not do this (the message says what) */
  SAM_STORE_ERROR_UNREACHABLE,   /* the server cannot be reached, or the connection was lost */
  SAM_STORE_ERROR_NEEDS_PASSWORD, /* the server asks for a password and none was given */
  SAM_STORE_ERROR_LOGIN_FAILED,  /* the server refused the login (a wrong password or user) */
} SamStoreError;

/* The schema version this build writes. A file with a higher version is
 * refused; a lower one is migrated forward when opened. */
#define SAM_SCHEMA_VERSION 8

/* PRAGMA application_id of every Samordna database: "SAMO". */
#define SAM_APPLICATION_ID 0x53414D4F

#define SAM_TYPE_STORE (sam_store_get_type ())
G_DECLARE_FINAL_TYPE (SamStore, sam_store, SAM, STORE, GObject)

GQuark        sam_store_error_quark        (void);
const char   *sam_store_error_get_field    (const GError        *error);
const char   *sam_store_error_get_reason   (const GError        *error);
GVariant     *sam_store_error_get_theirs   (const GError        *error);
GVariant     *sam_store_error_get_mine     (const GError        *error);
gboolean      sam_store_error_get_record   (const GError        *error,
                                            SamKind             *kind,
                                            gint64              *id);

char         *sam_store_default_path       (void);
gboolean      sam_store_is_server_address  (const char          *location);
SamStore     *sam_store_open               (const char          *path,
                                            GError             **error);
/* How sam_store_open_async() and sam_store_open_with_flags() check the file. */
typedef enum {
  SAM_STORE_OPEN_NONE = 0,
  /* Leave the full integrity check of a current database to
   * sam_store_check_async() or sam_store_check(), so that a large plan
   * shows at once. Files that need migrating are always checked before
   * anything is written. */
  SAM_STORE_OPEN_CHECK_LATER = 1 << 0,
} SamStoreOpenFlags;

SamStore     *sam_store_open_with_flags    (const char          *path,
                                            SamStoreOpenFlags    flags,
                                            GError             **error);
void          sam_store_open_async         (const char          *path,
                                            SamStoreOpenFlags    flags,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
SamStore     *sam_store_open_finish        (GAsyncResult        *result,
                                            GError             **error);
void          sam_store_check_async        (SamStore            *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean      sam_store_check_finish       (GAsyncResult        *result,
                                            GError             **error);
gboolean      sam_store_check              (SamStore            *self,
                                            GCancellable        *cancellable,
                                            GError             **error);
SamStore     *sam_store_open_reader        (SamStore            *self,
                                            GError             **error);
void          sam_store_close              (SamStore            *self);
const char   *sam_store_get_path           (SamStore            *self);
void          sam_store_set_english_names  (SamStore            *self,
                                            gboolean             english);
gboolean      sam_store_get_english_names  (SamStore            *self);
gboolean      sam_store_is_on_server       (SamStore            *self);
gboolean      sam_store_is_own_file        (SamStore            *self,
                                            const char          *path);
int           sam_store_get_schema_version (SamStore            *self);
const char   *sam_store_get_identity       (SamStore            *self);

gboolean      sam_store_insert             (SamStore            *self,
                                            SamRecord           *record,
                                            GError             **error);
gboolean      sam_store_update             (SamStore            *self,
                                            SamRecord           *record,
                                            GError             **error);
gboolean      sam_store_update_field       (SamStore            *self,
                                            SamKind              kind,
                                            gint64               id,
                                            const char          *field,
                                            GVariant            *expected,
                                            GVariant            *value,
                                            GError             **error);
gboolean      sam_store_delete             (SamStore            *self,
                                            SamKind              kind,
                                            gint64               id,
                                            GError             **error);
gboolean      sam_store_links_required     (SamStore            *self,
                                            SamKind              kind,
                                            gint64               id);
gboolean      sam_store_delete_replacing   (SamStore            *self,
                                            SamKind              kind,
                                            gint64               id,
                                            gint64               replacement,
                                            GError             **error);
SamRecord    *sam_store_get                (SamStore            *self,
                                            SamKind              kind,
                                            gint64               id,
                                            GError             **error);
GPtrArray    *sam_store_list               (SamStore            *self,
                                            SamKind              kind,
                                            GError             **error);
GPtrArray    *sam_store_list_by            (SamStore            *self,
                                            SamKind              kind,
                                            const char          *field,
                                            gint64               id,
                                            GError             **error);
GStrv         sam_store_list_values        (SamStore            *self,
                                            SamKind              kind,
                                            const char          *field,
                                            GError             **error);
gint64        sam_store_count              (SamStore            *self,
                                            SamKind              kind);

gboolean      sam_store_begin              (SamStore            *self,
                                            GError             **error);
gboolean      sam_store_commit             (SamStore            *self,
                                            GError             **error);
void          sam_store_rollback           (SamStore            *self);

gboolean      sam_store_can_undo           (SamStore            *self);
gboolean      sam_store_can_redo           (SamStore            *self);
char         *sam_store_get_undo_label     (SamStore            *self);
char         *sam_store_get_redo_label     (SamStore            *self);
gboolean      sam_store_undo               (SamStore            *self,
                                            GError             **error);
gboolean      sam_store_redo               (SamStore            *self,
                                            GError             **error);
gboolean      sam_store_undo_anyway        (SamStore            *self,
                                            GError             **error);
gboolean      sam_store_redo_anyway        (SamStore            *self,
                                            GError             **error);

gboolean      sam_store_notice_changes     (SamStore            *self);
gboolean      sam_store_watch_changes      (SamStore            *self,
                                            GError             **error);
gboolean      sam_store_is_connected       (SamStore            *self);

G_END_DECLS
