#define G_LOG_DOMAIN "sam-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sam-data-resources.h"
#include "core/sam-thread.h"
#include "sam-db-sqlite-private.h"
#include "sam-access-private.h"
#include "sam-server-private.h"
#include "sam-store-private.h"

/* One noted change: before is NULL for an insert, after for a delete. */
typedef struct
{
  SamRecord *before;
  SamRecord *after;
} Change;

struct _SamStore
{
  GObject    parent_instance;

  SamDb     *db;
  char      *path;          /* as the user gave it, for messages */
  char      *real_path;     /* a file's, every link resolved; NULL for a server */
  char      *address;       /* a server's, as libpq reads it; NULL for a file */
  int        schema_version;
  char      *identity;      /* the database's UUID, read when first asked */
  guint      depth;         /* nesting of sam_store_begin() */
  gboolean   keeps_history; /* notes activities' changes (sam-history.h) */
  gboolean   english_names; /* see sam_store_set_english_names() */

  /* Undo journal: each step is a GPtrArray of Change, the changes one
   * outermost transaction made, in order. */
  GPtrArray *pending;       /* the changes of the open transaction */
  GArray    *marks;         /* pending->len at each savepoint */
  GPtrArray *undo;
  GPtrArray *redo;
  GPtrArray *replaying;     /* the step undo or redo is replaying */
  gboolean   replay_backwards;
  gint64     data_version;  /* PRAGMA data_version when last looked at */
  GSource   *watch;         /* on a server: others' changes (sam_store_watch_changes()) */
  gboolean   watching;      /* asked to watch: then reconnects by itself */
  gboolean   lost;          /* the connection was lost; reconnecting */
  GSource   *reconnecting;  /* the attempt under way */
  guint      retry_id;      /* the next attempt */
  guint      backoff_ms;    /* the wait before the next attempt */
  SamAccess *access;        /* what its user may do, read when opened */
};

/* Waits between attempts to reconnect: doubled after each failure. */
#define FIRST_RETRY_MS 250
#define LAST_RETRY_MS 8000

G_DEFINE_FINAL_TYPE (SamStore, sam_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  RECORD_CHANGED,
  RECORD_UPDATED,
  EXTERNAL_CHANGE,
  CONNECTION_LOST,
  RECONNECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void stop_watching (SamStore *self);
static gboolean check_connection (SamStore *self);
static gboolean set_lost_error (SamStore *self, GError **error);

/* What a store error says besides its message: the field it is about,
 * and for a conflict the value stored now and the one that was to be
 * written. */
typedef struct
{
  SamFieldErrorData  about;
  SamKind            kind;      /* a conflict: the record's */
  gint64             id;
  GVariant          *theirs;
  GVariant          *mine;
} SamStoreErrorPrivate;

static void
sam_store_error_private_init (SamStoreErrorPrivate *data)
{
  sam_field_error_data_init (&data->about);
  data->kind = SAM_KIND_NONE;
  data->id = 0;
  data->theirs = NULL;
  data->mine = NULL;
}

static void
sam_store_error_private_copy (const SamStoreErrorPrivate *src,
                              SamStoreErrorPrivate       *dest)
{
  sam_field_error_data_copy (&src->about, &dest->about);
  dest->kind = src->kind;
  dest->id = src->id;
  dest->theirs = src->theirs ? g_variant_ref (src->theirs) : NULL;
  dest->mine = src->mine ? g_variant_ref (src->mine) : NULL;
}

static void
sam_store_error_private_clear (SamStoreErrorPrivate *data)
{
  sam_field_error_data_clear (&data->about);
  g_clear_pointer (&data->theirs, g_variant_unref);
  g_clear_pointer (&data->mine, g_variant_unref);
}

G_DEFINE_EXTENDED_ERROR (SamStoreError, sam_store_error)

/* Returns the name of the field @error (of SAM_STORE_ERROR) is about, or
 * NULL when it is about none: a value that breaks a rule of one field. */
const char *
sam_store_error_get_field (const GError *error)
{
  g_return_val_if_fail (error != NULL && error->domain == SAM_STORE_ERROR, NULL);
  return sam_store_error_get_private (error)->about.field;
}

/* Returns what is wrong with that field alone ("cannot be empty"), for
 * showing under it, or NULL. For SAM_STORE_ERROR_IN_USE: what points to
 * the record ("Activities: 3"). */
const char *
sam_store_error_get_reason (const GError *error)
{
  g_return_val_if_fail (error != NULL && error->domain == SAM_STORE_ERROR, NULL);
  return sam_store_error_get_private (error)->about.reason;
}

/* For SAM_STORE_ERROR_CONFLICT: the value of the field (see
 * sam_store_error_get_field()) as it is stored now, written by someone
 * else (borrowed; NULL when unset or for other errors). */
GVariant *
sam_store_error_get_theirs (const GError *error)
{
  g_return_val_if_fail (error != NULL && error->domain == SAM_STORE_ERROR, NULL);
  return sam_store_error_get_private (error)->theirs;
}

/* For SAM_STORE_ERROR_CONFLICT: the value that was to be written instead
 * (borrowed; NULL when it would clear the field or for other errors). */
GVariant *
sam_store_error_get_mine (const GError *error)
{
  g_return_val_if_fail (error != NULL && error->domain == SAM_STORE_ERROR, NULL);
  return sam_store_error_get_private (error)->mine;
}

/* For SAM_STORE_ERROR_CONFLICT: sets @kind and @id to the record whose
 * field it is about and returns TRUE; FALSE for other errors. */
gboolean
sam_store_error_get_record (const GError *error,
                            SamKind      *kind,
                            gint64       *id)
{
  const SamStoreErrorPrivate *data;

  g_return_val_if_fail (error != NULL && error->domain == SAM_STORE_ERROR, FALSE);
  data = sam_store_error_get_private (error);
  if (kind)
    *kind = data->kind;
  if (id)
    *id = data->id;
  return data->kind != SAM_KIND_NONE;
}

/* Sets SAM_STORE_ERROR_CONFLICT about @field of @record (as stored now):
 * its value is @theirs, not what the caller read, and @mine was to be
 * written. Always returns FALSE. */
gboolean
sam_store_set_conflict_error (GError     **error,
                              SamRecord   *record,
                              const char  *field,
                              GVariant    *theirs,
                              GVariant    *mine)
{
  const SamField *f = sam_kind_find_field (sam_record_get_kind (record), field);
  SamStoreErrorPrivate *data;
  GError *local;

  g_assert (f != NULL);
  local = g_error_new (SAM_STORE_ERROR, SAM_STORE_ERROR_CONFLICT,
                       _("%s of “%s” was changed elsewhere after it was read here. Look at both values and choose which to keep."),
                       g_dgettext (GETTEXT_PACKAGE, f->label), sam_record_get_title (record));
  data = sam_store_error_get_private (local);
  data->about.field = g_strdup (f->name);
  data->kind = sam_record_get_kind (record);
  data->id = sam_record_get_id (record);
  data->theirs = theirs ? g_variant_ref (theirs) : NULL;
  data->mine = mine ? g_variant_ref (mine) : NULL;
  g_propagate_error (error, local);
  return FALSE;
}

/* Sets SAM_STORE_ERROR_IN_USE with @message, keeping @what points to the
 * record ("Activities: 3") as its reason. Always returns FALSE. */
gboolean
sam_store_set_in_use_error (GError     **error,
                            const char  *what,
                            const char  *message)
{
  GError *local = g_error_new_literal (SAM_STORE_ERROR, SAM_STORE_ERROR_IN_USE, message);

  sam_store_error_get_private (local)->about.reason = g_strdup (what);
  g_propagate_error (error, local);
  return FALSE;
}

/* Sets SAM_STORE_ERROR_INVALID about @field of @kind: the message "Label:
 * reason", and the field and reason for sam_store_error_get_field().
 * Always returns FALSE. */
gboolean
sam_store_set_field_error (GError     **error,
                           SamKind      kind,
                           const char  *field,
                           const char  *format,
                           ...)
{
  const SamField *f = sam_kind_find_field (kind, field);
  g_autofree char *reason = NULL;
  SamStoreErrorPrivate *data;
  GError *local;
  va_list args;

  g_assert (f != NULL);
  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: "Participants: cannot be negative …": a field and what is wrong with it. */
  local = g_error_new (SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, _("%s: %s"),
                       g_dgettext (GETTEXT_PACKAGE, f->label), reason);
  data = sam_store_error_get_private (local);
  data->about.field = g_strdup (f->name);
  data->about.reason = g_steal_pointer (&reason);
  g_propagate_error (error, local);
  return FALSE;
}

/* Sets SAM_STORE_ERROR_INVALID from the core's verdict @core on a record,
 * keeping the field it is about. Always returns FALSE. */
gboolean
sam_store_set_invalid_from_core (GError       **error,
                                 const GError  *core)
{
  GError *local = g_error_new_literal (SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, core->message);

  if (core->domain == SAM_CORE_ERROR)
    {
      SamStoreErrorPrivate *data = sam_store_error_get_private (local);

      data->about.field = g_strdup (sam_core_error_get_field (core));
      data->about.reason = g_strdup (sam_core_error_get_reason (core));
    }
  g_propagate_error (error, local);
  return FALSE;
}

static const char *migrations[SAM_SCHEMA_VERSION] = {
  "001-initial.sql",
  "002-information-and-attendance.sql",
  "003-overview-index.sql",
  "004-sector-responsibility.sql",
  "005-reporting-round.sql",
  "006-periods.sql",
  "007-closed-lists.sql",
  "008-leaner-indexes.sql",
};

/* Helpers */

GBytes *
sam_data_lookup (const char  *name,
                 GError     **error)
{
  g_autofree char *path = g_strconcat (RESOURCE_PREFIX "/", name, NULL);

  return g_resource_lookup_data (sam_data_get_resource (), path,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

SamDb *
sam_store_get_db (SamStore *self)
{
  g_return_val_if_fail (SAM_IS_STORE (self), NULL);
  return self->db;
}

static gboolean
set_closed_error (SamStore  *self,
                  GError   **error)
{
  g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_FAILED,
               _("The database “%s” is closed."), self->path);
  return FALSE;
}

/* Prepares @sql on the connection of @self; NULL with a SamStoreError,
 * also when @self is closed. */
SamStmt *
sam_store_prepare (SamStore    *self,
                   const char  *sql,
                   GError     **error)
{
  g_return_val_if_fail (SAM_IS_STORE (self), NULL);
  if (self->db == NULL)
    return set_closed_error (self, error), NULL;
  if (self->lost)
    return set_lost_error (self, error), NULL;
  return sam_db_prepare (self->db, sql, error);
}

/* Returns the aggregate that joins the texts @value with @separator in
 * the dialect of @self (see sam_db_string_agg()). */
char *
sam_store_string_agg (SamStore   *self,
                      const char *value,
                      const char *separator)
{
  g_return_val_if_fail (SAM_IS_STORE (self), NULL);
  return self->db ? sam_db_string_agg (self->db, value, separator) : g_strdup ("");
}

/* Returns the spelling of @part in the dialect of the database of @self
 * ("" when it is closed: the statement then fails to prepare). */
const char *
sam_store_sql (SamStore   *self,
               SamSqlPart  part)
{
  g_return_val_if_fail (SAM_IS_STORE (self), "");
  return self->db ? sam_db_sql (self->db, part) : "";
}

/* The migration that brings a database to schema @version (1 to
 * SAM_SCHEMA_VERSION), as SQL. */
GBytes *
sam_store_migration_sql (int      version,
                         GError **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (version >= 1 && version <= SAM_SCHEMA_VERSION, NULL);
  name = g_strconcat ("schema/", migrations[version - 1], NULL);
  return sam_data_lookup (name, error);
}

/* The PostgreSQL twin of the migration to schema @version: the file of
 * the same name in schema/postgresql/. */
GBytes *
sam_store_server_migration_sql (int      version,
                                GError **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (version >= 1 && version <= SAM_SCHEMA_VERSION, NULL);
  name = g_strconcat ("schema/postgresql/", migrations[version - 1], NULL);
  return sam_data_lookup (name, error);
}

gboolean
sam_store_exec (SamStore    *self,
                const char  *sql,
                GError     **error)
{
  if (self->db == NULL)
    return set_closed_error (self, error);
  if (self->lost)
    return set_lost_error (self, error);
  return sam_db_exec (self->db, sql, error);
}

/* Object */

static void
change_free (gpointer data)
{
  Change *change = data;

  g_clear_object (&change->before);
  g_clear_object (&change->after);
  g_free (change);
}

static GPtrArray *
step_new (void)
{
  return g_ptr_array_new_with_free_func (change_free);
}

static void
sam_store_finalize (GObject *object)
{
  SamStore *self = (SamStore *)object;

  sam_store_close (self);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->identity, g_free);
  g_clear_pointer (&self->real_path, g_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->access, sam_access_free);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);

  G_OBJECT_CLASS (sam_store_parent_class)->finalize (object);
}

static void
sam_store_class_init (SamStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sam_store_finalize;

  /**
   * SamStore::changed:
   *
   * Emitted after a transaction that changed records has been committed,
   * and after an undo or redo: lists over the store should reload.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * SamStore::record-changed:
   * @record: the record as it is now, or as it was when @removed
   * @removed: whether the record is gone
   *
   * Emitted for each record a committed step, an undo or a redo created,
   * changed or deleted, before #SamStore::changed.
   */
  signals[RECORD_CHANGED] = g_signal_new ("record-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                          SAM_TYPE_RECORD, G_TYPE_BOOLEAN);

  /**
   * SamStore::record-updated:
   * @before: the record as it was
   * @after: the record as it is now
   *
   * Emitted with #SamStore::record-changed for each record a committed
   * step, an undo or a redo changed (not created or deleted), with both
   * sides: for telling people what the rules did on their own (a
   * registration that moved up from the waiting list).
   */
  signals[RECORD_UPDATED] = g_signal_new ("record-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                          SAM_TYPE_RECORD, SAM_TYPE_RECORD);

  /**
   * SamStore::external-change:
   *
   * Emitted when sam_store_notice_changes() finds that another connection
   * (another window, another program) changed the database, before
   * #SamStore::changed: which records changed is not known, so whatever
   * keeps records of its own should read them all again.
   */
  signals[EXTERNAL_CHANGE] = g_signal_new ("external-change", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SamStore::connection-lost:
   *
   * Emitted when a store that watches a server (sam_store_watch_changes())
   * finds its connection lost: the server closed it, or a statement
   * failed for it. Until #SamStore::reconnected, every call fails at once
   * with SAM_STORE_ERROR_UNREACHABLE and the store reconnects by itself,
   * trying again and again with growing waits.
   */
  signals[CONNECTION_LOST] = g_signal_new ("connection-lost", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SamStore::reconnected:
   *
   * Emitted when the connection stands again, before
   * #SamStore::external-change (what others changed meanwhile is not
   * known). A save that failed while the connection was lost may have
   * been saved after all: saving it again with the value it was made
   * from is safe (sam_store_update_field() takes a field that already
   * holds the new value as saved).
   */
  signals[RECONNECTED] = g_signal_new ("reconnected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sam_store_init (SamStore *self)
{
  self->keeps_history = TRUE;
  self->english_names = sam_record_get_english_titles ();
  self->pending = step_new ();
  self->marks = g_array_new (FALSE, FALSE, sizeof (guint));
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->access = sam_access_new_full ();
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
}

/* Opening: checks that read and change nothing */

/* Returns @path with every symbolic link resolved, for SQLite to open and
 * for comparing files by name: of the file when it exists, else of its
 * folder. Links are ordinary on desktops (a synced folder, a home on
 * another disk); messages keep the path the user gave. */
static char *
resolve_path (const char *path)
{
  g_autofree char *folder = NULL, *base = NULL;
  char *real = realpath (path, NULL);
  char *result;

  if (real == NULL)
    {
      folder = g_path_get_dirname (path);
      base = g_path_get_basename (path);
      real = realpath (folder, NULL);
      if (real == NULL)
        return g_strdup (path);
      result = g_build_filename (real, base, NULL);
      free (real);
      return result;
    }
  result = g_strdup (real);
  free (real);
  return result;
}

static gboolean
is_writable (const char  *path,
             struct stat *st)
{
  /* A file without any write bit was made read-only on purpose, even for
   * root, who access() would let through. */
  if ((st->st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0)
    return FALSE;
  return access (path, W_OK) == 0;
}

static gboolean
check_folder (const char  *path,
              GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  struct stat st;

  if (g_stat (folder, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NO_FOLDER,
                   _("The folder “%s” does not exist. Create it first, or choose a file in another folder."),
                   folder);
      return FALSE;
    }
  if (!is_writable (folder, &st))
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_READ_ONLY,
                   _("The folder “%s” cannot be written to, and Samordna needs to keep a journal beside the database. Make the folder writable, or copy the file to a folder you can write to."),
                   folder);
      return FALSE;
    }
  return TRUE;
}

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Reads the 100-byte SQLite header of an existing file and refuses what is
 * plainly not a Samordna database, before SQLite opens it. */
static gboolean
check_header (const char  *path,
              struct stat *st,
              GError     **error)
{
  guint8 header[100] = { 0 };
  ssize_t n = 0;
  int fd;
  guint32 page_size, pages;

  if (st->st_size == 0)
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_EMPTY,
                   _("“%s” is an empty file, not a Samordna database. Choose another file, or delete this one to start a new plan there."),
                   path);
      return FALSE;
    }
  if ((fd = g_open (path, O_RDONLY | O_CLOEXEC, 0)) < 0 || (n = read (fd, header, sizeof header)) < 0)
    {
      int saved = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, SAM_STORE_ERROR, saved == EACCES ? SAM_STORE_ERROR_READ_ONLY : SAM_STORE_ERROR_FAILED,
                   _("“%s” cannot be read: %s."), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  if (n < 16 || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_SQLITE,
                   _("“%s” is not a Samordna database (it is not an SQLite file at all). Choose another file."),
                   path);
      return FALSE;
    }

  page_size = (header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  pages = be32 (header + 28);
  if (n < 100 || page_size < 512 || (page_size & (page_size - 1)) != 0
      || (be32 (header + 24) == be32 (header + 92) && (gint64) pages * page_size > st->st_size))
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: the file is shorter than the database it describes, perhaps cut off while copying. Restore it from a backup, or open another file."),
                   path);
      return FALSE;
    }
  return TRUE;
}

/* Reads the header of a file, which says whose it is and its database
 * version (SQLite files only). */
static gboolean
check_identity (SamStore  *self,
                GError   **error)
{
  gint64 app_id, version, tables;

  if (!sam_db_sqlite_read_identity (self->db, &app_id, &version, &tables, error))
    return FALSE;

  if (app_id != SAM_APPLICATION_ID)
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_SAMORDNA,
                   tables > 0
                   ? _("“%s” is an SQLite database of another program, not a Samordna database. Choose another file.")
                   : _("“%s” is an empty SQLite database, not a Samordna database. Choose another file."),
                   self->path);
      return FALSE;
    }
  /* Version 0 is a file made but not yet filled; any other version is
   * one this or a newer Samordna wrote. The rest would index the
   * migrations out of their table. */
  if (version < 0 || (version == 0 && tables > 0))
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: its database version (%d) is not one Samordna writes. Restore it from a backup, or open another file."),
                   self->path, (int) version);
      return FALSE;
    }
  if (version > SAM_SCHEMA_VERSION)
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NEWER,
                   _("“%s” was written by a newer version of Samordna (database version %d; this version reads up to %d). Update Samordna to open it."),
                   self->path, (int) version, SAM_SCHEMA_VERSION);
      return FALSE;
    }
  self->schema_version = (int) version;
  return TRUE;
}

static gboolean
check_integrity (SamStore      *self,
                 GCancellable  *cancellable,
                 GError       **error)
{
  if (self->db == NULL)
    return set_closed_error (self, error);
  return sam_db_check_integrity (self->db, cancellable, error);
}

/* Migrations */

/* Gives a database that has none its random identity, which the status
 * forms carry so that a form from another database is told apart. A copy
 * of the file keeps it: the copy is the same database. */
static gboolean
ensure_identity (SamStore  *self,
                 GError   **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autoptr(SamStmt) stmt = sam_store_prepare (self,
                                               "INSERT INTO database_identity (uuid) SELECT ?1 "
                                               "WHERE NOT EXISTS (SELECT 1 FROM database_identity)",
                                               error);

  if (stmt == NULL)
    return FALSE;
  sam_stmt_bind_text (stmt, 1, uuid);
  return sam_stmt_run (stmt, error);
}

static gboolean
apply_migrations (SamStore  *self,
                  GError   **error)
{
  g_return_val_if_fail (self->schema_version >= 0 && self->schema_version <= SAM_SCHEMA_VERSION, FALSE);
  for (int v = self->schema_version; v < SAM_SCHEMA_VERSION; v++)
    {
      g_autoptr(GBytes) sql = NULL;

      if (!(sql = sam_store_migration_sql (v + 1, error)))
        return FALSE;
      if (!sam_store_exec (self, g_bytes_get_data (sql, NULL), error)
          || !sam_db_sqlite_set_version (self->db, v + 1, error))
        return FALSE;
      g_debug ("Migrated %s to schema version %d", self->path, v + 1);
    }
  self->schema_version = SAM_SCHEMA_VERSION;
  return ensure_identity (self, error);
}

/* Connections */

/* Opens the connection of @self to its real path, as @mode says. */
static gboolean
connect (SamStore         *self,
         SamDbSqliteMode   mode,
         GError          **error)
{
  return (self->db = sam_db_sqlite_open (self->real_path, self->path, mode, error)) != NULL;
}

/* Builds a new database with the default plan in a temporary file beside
 * @path and renames it into place, so that a failure leaves nothing. */
static gboolean
create_new (const char  *path,
            GError     **error)
{
  g_autoptr(SamStore) tmp = g_object_new (SAM_TYPE_STORE, NULL);
  g_autofree char *tmp_path = g_strconcat (path, ".new-XXXXXX", NULL);
  int fd = g_mkstemp (tmp_path);
  gboolean ok;

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, SAM_STORE_ERROR, saved == EACCES || saved == EROFS ? SAM_STORE_ERROR_READ_ONLY : SAM_STORE_ERROR_FAILED,
                   _("Could not create a new database beside “%s”: %s."), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  /* Messages name the file the user asked for, never the temporary one. */
  tmp->path = g_strdup (path);
  tmp->real_path = resolve_path (tmp_path);
  /* The default plan is where the history starts, not a change in it. */
  tmp->keeps_history = FALSE;

  ok = connect (tmp, SAM_DB_SQLITE_NEW, error)
       && sam_store_begin (tmp, error)
       && sam_db_sqlite_set_application_id (tmp->db, error)
       && apply_migrations (tmp, error)
       && sam_seed_load_default (tmp, error)
       && sam_store_commit (tmp, error);
  sam_store_close (tmp);

  if (ok && g_rename (tmp_path, path) != 0)
    {
      int saved = errno;
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_FAILED,
                   _("Could not create “%s”: %s."), path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    {
      g_autofree char *journal = g_strconcat (tmp_path, "-journal", NULL);
      g_unlink (tmp_path);
      g_unlink (journal);
    }
  return ok;
}

/* Returns TRUE when @location names a plan on a PostgreSQL server (a
 * postgresql:// address, or a libpq connection string such as
 * "host=… dbname=…" or "service=…") rather than a file. */
gboolean
sam_store_is_server_address (const char *location)
{
  g_return_val_if_fail (location != NULL, FALSE);
  return sam_db_is_server_address (location);
}

/* Returns the default database path, $XDG_DATA_HOME/samordna/samordna.db. */
char *
sam_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "samordna", "samordna.db", NULL);
}

/* Opens the Samordna database at @path. A missing file is created with the
 * default plan. An existing file is checked before anything is written:
 * every reason it cannot be used (see SamStoreError) is an error whose
 * message says what to do, and leaves the file as it was. An older schema
 * is migrated forward in one transaction. A @path that is a server's
 * address (a postgresql:// URI or a libpq key=value string) opens the
 * database on that server. */
static SamStore *open_with_flags (const char *path, SamStoreOpenFlags flags, GError **error);

SamStore *
sam_store_open (const char  *path,
                GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return open_with_flags (path, SAM_STORE_OPEN_NONE, error);
}

/* Opens @path as sam_store_open() does, checking it as @flags say. */
SamStore *
sam_store_open_with_flags (const char         *path,
                           SamStoreOpenFlags   flags,
                           GError            **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return open_with_flags (path, flags, error);
}

/* Opens the plan on a server at @address (sam-server.c checks it). Its
 * path, which messages and the window show, is the name of the database
 * and its server, never the address: that may hold a password. */
static SamStore *
open_server (const char  *address,
             GError     **error)
{
  g_autoptr(SamStore) self = g_object_new (SAM_TYPE_STORE, NULL);

  self->address = g_strdup (address);
  if (!(self->db = sam_server_open (address, &self->path, error)))
    return NULL;
  self->schema_version = SAM_SCHEMA_VERSION;
  g_clear_pointer (&self->access, sam_access_free);
  if (!(self->access = sam_access_read (self->db, error)))
    return NULL;
  return g_steal_pointer (&self);
}

/* Returns a store on @db, a connection to a database on a server, which
 * the store takes; @name names it in messages (never its password). Reads
 * nothing: the caller has checked the database, or is building it. */
SamStore *
sam_store_new_for_server (SamDb      *db,
                          const char *name)
{
  SamStore *self = g_object_new (SAM_TYPE_STORE, NULL);

  g_return_val_if_fail (db != NULL && name != NULL, NULL);
  self->db = db;
  self->path = g_strdup (name);
  self->schema_version = SAM_SCHEMA_VERSION;
  return self;
}

/* Opens the database at @path: a file, or a server when @path is a
 * server's address (sam_db_is_server_address()). */
static SamStore *
open_with_flags (const char         *path,
                 SamStoreOpenFlags   flags,
                 GError            **error)
{
  g_autoptr(SamStore) self = NULL;
  struct stat st;

  if (sam_db_is_server_address (path))
    return open_server (path, error);
  if (!check_folder (path, error))
    return NULL;
  if (g_stat (path, &st) != 0)
    {
      if (errno != ENOENT)
        {
          g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_FAILED,
                       _("“%s” cannot be read: %s."), path, g_strerror (errno));
          return NULL;
        }
      if (!create_new (path, error))
        return NULL;
      if (g_stat (path, &st) != 0)
        return NULL;
    }
  else if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_A_FILE,
                   _("“%s” is a folder or a device, not a database file. Choose a file."), path);
      return NULL;
    }

  if (!check_header (path, &st, error))
    return NULL;

  self = g_object_new (SAM_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->real_path = resolve_path (path);
  if (!connect (self, SAM_DB_SQLITE_WRITE, error) || !check_identity (self, error)
      || !sam_schema_verify (self, self->schema_version, error))
    return NULL;
  if (!is_writable (path, &st))
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_READ_ONLY,
                   _("“%s” is read-only. Make it writable, or save a copy you can change and open that."),
                   path);
      return NULL;
    }
  /* Take the write lock before the integrity check so that a file another
   * program is writing is reported as locked, not as damaged. */
  if (!sam_store_begin (self, error))
    return NULL;
  /* Nothing is written to a file that has not been checked: one to
   * migrate, or one not yet in WAL mode (switching rewrites its header). */
  if (((flags & SAM_STORE_OPEN_CHECK_LATER) == 0 || self->schema_version < SAM_SCHEMA_VERSION
       || !sam_db_sqlite_in_wal_mode (self->db))
      && !check_integrity (self, NULL, error))
    {
      sam_store_rollback (self);
      return NULL;
    }
  if (!apply_migrations (self, error) || !sam_store_commit (self, error))
    {
      sam_store_rollback (self);
      return NULL;
    }
  if (!sam_db_sqlite_use_wal (self->db, error))
    return NULL;
  self->data_version = sam_db_data_version (self->db);
  return g_steal_pointer (&self);
}

typedef struct
{
  char              *path;
  SamStoreOpenFlags  flags;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_free (data->path);
  g_free (data);
}

static void
open_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  SamStore *store = open_with_flags (data->path, data->flags, &error);

  if (store)
    g_task_return_pointer (task, store, g_object_unref);
  else
    g_task_return_error (task, error);
}

/* Opens @path in a worker thread; see sam_store_open() and @flags. */
void
sam_store_open_async (const char          *path,
                      SamStoreOpenFlags    flags,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  OpenData *data;

  g_return_if_fail (path != NULL);
  data = g_new0 (OpenData, 1);
  data->path = g_strdup (path);
  data->flags = flags;
  g_task_set_source_tag (task, sam_store_open_async);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);
  g_task_run_in_thread (task, open_thread);
}

/* Opens a connection of its own to the file of @store, that only reads. */
static SamStore *
open_reader (SamStore  *store,
             GError   **error)
{
  g_autoptr(SamStore) reader = g_object_new (SAM_TYPE_STORE, NULL);

  reader->path = g_strdup (store->path);
  reader->real_path = g_strdup (store->real_path);
  reader->schema_version = store->schema_version;
  reader->english_names = store->english_names;
  if (store->address != NULL)
    {
      g_clear_pointer (&reader->path, g_free);
      reader->address = g_strdup (store->address);
      return (reader->db = sam_server_open (store->address, &reader->path, error)) ? g_steal_pointer (&reader) : NULL;
    }
  /* The file may have been changed since @store checked it. */
  if (!connect (reader, SAM_DB_SQLITE_READ, error)
      || !sam_schema_verify (reader, reader->schema_version, error))
    return NULL;
  return g_steal_pointer (&reader);
}

/* Opens a second, read-only connection to the file of @self, for another
 * thread to read while @self goes on in this one; a reader serves one
 * thread at a time (it takes no lock of its own). Returns NULL with a
 * SamStoreError when @self is closed or its file cannot be opened. */
/* Makes the figures and lists the store computes (matrices, reports)
 * name measures, agencies, sectors and target groups in English where
 * they have an English name (@english TRUE), or by their own names. A new
 * store follows sam_record_get_english_titles(); a reader takes the
 * setting of the store it was opened from. */
void
sam_store_set_english_names (SamStore *self,
                             gboolean  english)
{
  g_return_if_fail (SAM_IS_STORE (self));
  self->english_names = english;
}

gboolean
sam_store_get_english_names (SamStore *self)
{
  g_return_val_if_fail (SAM_IS_STORE (self), FALSE);
  return self->english_names;
}

SamStore *
sam_store_open_reader (SamStore  *self,
                       GError   **error)
{
  g_return_val_if_fail (SAM_IS_STORE (self), NULL);

  if (self->db == NULL)
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_FAILED,
                   _("The database “%s” is closed."), self->path);
      return NULL;
    }
  return open_reader (self, error);
}

/* The check of sam_store_check_async(), in a thread of its own (not
 * GTask's pool, whose threads could not get their priority back) below
 * the window's: at 100,000 activities it reads for seconds while the
 * person goes on working. */
static gpointer
check_thread (gpointer data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;
  g_autoptr(SamStore) reader = NULL;

  sam_thread_yield (10);
  /* A connection of its own, read-only, so the window's goes on. */
  reader = open_reader (g_task_get_source_object (task), &error);
  if (reader)
    check_integrity (reader, g_task_get_cancellable (task), &error);
  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  return NULL;
}

/* Runs the full integrity check of the file behind @self on its own
 * connection, blocking: for a store opened with
 * SAM_STORE_OPEN_CHECK_LATER, or a reader of one in another thread.
 * Returns FALSE with SAM_STORE_ERROR_CORRUPT when the file is damaged, or
 * with G_IO_ERROR_CANCELLED when @cancellable was cancelled. */
gboolean
sam_store_check (SamStore      *self,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_return_val_if_fail (SAM_IS_STORE (self), FALSE);
  return check_integrity (self, cancellable, error);
}

/* Runs the full integrity check of the file behind @self in a worker
 * thread; finishes with SAM_STORE_ERROR_CORRUPT when it is damaged. */
void
sam_store_check_async (SamStore            *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SAM_IS_STORE (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sam_store_check_async);
  g_thread_unref (g_thread_new ("sam-check", check_thread, g_steal_pointer (&task)));
}

gboolean
sam_store_check_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

SamStore *
sam_store_open_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Closes the connection; later calls on @self fail. Safe to call twice. */
void
sam_store_close (SamStore *self)
{
  g_return_if_fail (SAM_IS_STORE (self));
  stop_watching (self);
  g_clear_pointer (&self->db, sam_db_close);
}

/* The files SQLite keeps beside a database, by the suffix of their name. */
static const char * const companions[] = { "", "-wal", "-shm", "-journal" };

/* Returns TRUE when @path names the database file of @self, or one of the
 * files SQLite keeps beside it (its -wal, -shm or -journal), through any
 * other path, symbolic or hard link: writing there would destroy the
 * database. Files that exist are compared by device and inode, those that
 * do not yet by their real path. */
gboolean
sam_store_is_own_file (SamStore   *self,
                       const char *path)
{
  g_autofree char *real = NULL;
  struct stat target;
  gboolean exists;

  g_return_val_if_fail (SAM_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->real_path == NULL)
    return FALSE;   /* on a server: no file of ours */
  exists = g_stat (path, &target) == 0;
  real = resolve_path (path);
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *own = g_strconcat (self->real_path, companions[i], NULL);
      struct stat st;

      if (g_strcmp0 (real, own) == 0
          || (exists && g_stat (own, &st) == 0 && st.st_dev == target.st_dev && st.st_ino == target.st_ino))
        return TRUE;
    }
  return FALSE;
}

const char *
sam_store_get_path (SamStore *self)
{
  g_return_val_if_fail (SAM_IS_STORE (self), NULL);
  return self->path;
}

/* Returns TRUE when @self is a plan on a server; its path is then the
 * name of the database and its server ("samordna on db.example.org"). */
gboolean
sam_store_is_on_server (SamStore *self)
{
  g_return_val_if_fail (SAM_IS_STORE (self), FALSE);
  return self->address != NULL;
}

/* Returns the random UUID that names this database (not its file: a copy
 * has the same), or NULL when it cannot be read. */
const char *
sam_store_get_identity (SamStore *self)
{
  g_autoptr(SamStmt) stmt = NULL;

  g_return_val_if_fail (SAM_IS_STORE (self), NULL);
  if (self->identity == NULL && self->db != NULL
      && (stmt = sam_db_prepare (self->db, "SELECT uuid FROM database_identity", NULL)) != NULL
      && sam_stmt_step (stmt, NULL) == SAM_STEP_ROW)
    self->identity = g_strdup (sam_stmt_column_text (stmt, 0));
  return self->identity;
}

int
sam_store_get_schema_version (SamStore *self)
{
  g_return_val_if_fail (SAM_IS_STORE (self), 0);
  return self->schema_version;
}

/* Whether saves of activities note their changes (sam-history.h); the
 * default plan, loaded into a new database, is not noted. */
gboolean
sam_store_keeps_history (SamStore *self)
{
  g_return_val_if_fail (SAM_IS_STORE (self), FALSE);
  return self->keeps_history;
}

void
sam_store_set_keeps_history (SamStore *self,
                             gboolean  keeps)
{
  g_return_if_fail (SAM_IS_STORE (self));
  self->keeps_history = keeps;
}

/* Transactions nest: the outermost is an SQLite transaction that takes
 * the write lock at once, inner ones are savepoints, so that a failed inner
 * step can be undone alone. The changes of one outermost transaction are
 * one undo step. */
gboolean
sam_store_begin (SamStore  *self,
                 GError   **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (SAM_IS_STORE (self), FALSE);
  if (self->db == NULL)
    return set_closed_error (self, error);
  if (self->lost)
    return set_lost_error (self, error);
  if (self->depth == 0 ? !sam_db_begin (self->db, SAM_DB_WRITE, error)
                       : !sam_store_exec (self, (sql = g_strdup_printf ("SAVEPOINT sam%u", self->depth)), error))
    return FALSE;
  g_array_append_val (self->marks, self->pending->len);
  self->depth++;
  return TRUE;
}

/* What one step did to one record: its state before the step (NULL when
 * the step created it) and after (NULL when the step deleted it). */
typedef struct
{
  SamRecord *first;
  SamRecord *last;
} Span;

static guint
record_hash (gconstpointer key)
{
  SamRecord *r = (SamRecord *) key;

  return g_int64_hash (&(gint64) { sam_record_get_id (r) }) ^ (guint) sam_record_get_kind (r);
}

static gboolean
record_equal (gconstpointer a,
              gconstpointer b)
{
  return sam_record_get_kind ((SamRecord *) a) == sam_record_get_kind ((SamRecord *) b)
         && sam_record_get_id ((SamRecord *) a) == sam_record_get_id ((SamRecord *) b);
}

/* Emits SamStore::record-updated once per record that was there before
 * @step and still is after it, with its first and last state: a record
 * the step created and then changed was not updated. */
static void
emit_updated (SamStore  *self,
              GPtrArray *step,
              gboolean   backwards)
{
  g_autoptr(GHashTable) spans = g_hash_table_new_full (record_hash, record_equal, NULL, g_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  for (guint i = 0; i < step->len; i++)
    {
      Change *c = step->pdata[backwards ? step->len - 1 - i : i];
      SamRecord *from = backwards ? c->after : c->before, *to = backwards ? c->before : c->after;
      Span *span = g_hash_table_lookup (spans, from ? from : to);

      if (span == NULL)
        {
          span = g_new0 (Span, 1);
          span->first = from;
          g_hash_table_insert (spans, from ? from : to, span);
          g_ptr_array_add (order, span);
        }
      span->last = to;
    }
  for (guint i = 0; i < order->len; i++)
    {
      Span *span = order->pdata[i];

      if (span->first && span->last)
        g_signal_emit (self, signals[RECORD_UPDATED], 0, span->first, span->last);
    }
}

gboolean
sam_store_commit (SamStore  *self,
                  GError   **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) step = NULL;

  g_return_val_if_fail (SAM_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);
  if (self->db == NULL)
    return set_closed_error (self, error);
  if (self->depth == 1 ? !sam_db_commit (self->db, error)
                       : !sam_store_exec (self, (sql = g_strdup_printf ("RELEASE sam%u", self->depth - 1)), error))
    return FALSE;
  self->depth--;
  g_array_set_size (self->marks, self->depth);
  if (self->depth > 0 || (self->pending->len == 0 && self->replaying == NULL))
    return TRUE;

  step = g_ptr_array_ref (self->replaying ? self->replaying : self->pending);
  if (self->replaying == NULL)
    {
      g_ptr_array_add (self->undo, g_steal_pointer (&self->pending));
      g_ptr_array_set_size (self->redo, 0);
      self->pending = step_new ();
    }
  for (guint i = 0; i < step->len; i++)
    {
      Change *c = step->pdata[i];
      /* A replayed undo leaves the "before" side in place. */
      SamRecord *now = self->replaying && self->replay_backwards ? c->before : c->after;
      SamRecord *gone = self->replaying && self->replay_backwards ? c->after : c->before;

      g_signal_emit (self, signals[RECORD_CHANGED], 0, now ? now : gone, now == NULL);
    }
  emit_updated (self, step, self->replaying && self->replay_backwards);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/* Undoes everything since the matching sam_store_begin(). */
void
sam_store_rollback (SamStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (SAM_IS_STORE (self));
  if (self->depth == 0 || self->db == NULL)
    return;
  if (self->depth == 1)
    sam_db_rollback (self->db);
  else
    {
      sql = g_strdup_printf ("ROLLBACK TO sam%u; RELEASE sam%u", self->depth - 1, self->depth - 1);
      sam_db_exec (self->db, sql, NULL);
    }
  self->depth--;
  g_ptr_array_set_size (self->pending, g_array_index (self->marks, guint, self->depth));
  g_array_set_size (self->marks, self->depth);
  /* A change fails when the connection is lost. */
  if (self->depth == 0)
    check_connection (self);
}

/* Notes a change of the open transaction for undo; copies both records. */
void
sam_store_journal_add (SamStore  *self,
                       SamRecord *before,
                       SamRecord *after)
{
  Change *change;

  g_assert (self->depth > 0);
  if (self->replaying != NULL)
    return;
  change = g_new0 (Change, 1);
  change->before = before ? sam_record_copy (before) : NULL;
  change->after = after ? sam_record_copy (after) : NULL;
  g_ptr_array_add (self->pending, change);
}

/* Adds to the undo journal, as one step, a change another connection to
 * the same file made and committed (@before and @after as for
 * sam_store_journal_add()), and tells the views as a commit here does: for
 * slow work done in a thread on a connection of its own. */
void
sam_store_note_committed (SamStore  *self,
                          SamRecord *before,
                          SamRecord *after)
{
  g_autoptr(GPtrArray) step = step_new ();
  Change *change = g_new0 (Change, 1);

  g_return_if_fail (SAM_IS_STORE (self));
  g_return_if_fail (self->depth == 0 && (before != NULL || after != NULL));

  change->before = before ? sam_record_copy (before) : NULL;
  change->after = after ? sam_record_copy (after) : NULL;
  g_ptr_array_add (step, change);
  g_ptr_array_add (self->undo, g_ptr_array_ref (step));
  g_ptr_array_set_size (self->redo, 0);
  g_signal_emit (self, signals[RECORD_CHANGED], 0, after ? after : before, after == NULL);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
sam_store_can_undo (SamStore *self)
{
  g_return_val_if_fail (SAM_IS_STORE (self), FALSE);
  return self->undo->len > 0;
}

gboolean
sam_store_can_redo (SamStore *self)
{
  g_return_val_if_fail (SAM_IS_STORE (self), FALSE);
  return self->redo->len > 0;
}

/* Names a step by its last change: "Delete “Seminar”"; closing and
 * reopening a period by what they do. */
static char *
step_label (GPtrArray *step)
{
  Change *last = step->pdata[step->len - 1];
  SamRecord *record = last->after ? last->after : last->before;

  if (sam_record_get_kind (record) == SAM_KIND_PERIOD_CLOSING && last->after != NULL)
    return g_strdup_printf (last->before == NULL || !sam_record_is_set (last->after, "reopened_at")
                            ? _("Close “%s”") : _("Reopen “%s”"), sam_record_get_title (last->after));

  if (last->before == NULL)
    return g_strdup_printf (_("Create “%s”"), sam_record_get_title (last->after));
  if (last->after == NULL)
    return g_strdup_printf (_("Delete “%s”"), sam_record_get_title (last->before));
  return g_strdup_printf (_("Change “%s”"), sam_record_get_title (last->after));
}

/* Returns what undo would undo, or NULL when there is nothing. */
char *
sam_store_get_undo_label (SamStore *self)
{
  g_return_val_if_fail (SAM_IS_STORE (self), NULL);
  return self->undo->len ? step_label (self->undo->pdata[self->undo->len - 1]) : NULL;
}

char *
sam_store_get_redo_label (SamStore *self)
{
  g_return_val_if_fail (SAM_IS_STORE (self), NULL);
  return self->redo->len ? step_label (self->redo->pdata[self->redo->len - 1]) : NULL;
}

/* Moves the last step of @from to @to after replaying it backwards (undo)
 * or forwards (redo) in one transaction. */
static gboolean
replay_step (SamStore   *self,
             GPtrArray  *from,
             GPtrArray  *to,
             gboolean    backwards,
             gboolean    anyway,
             GError    **error)
{
  GPtrArray *step;
  gboolean ok;

  g_return_val_if_fail (self->depth == 0, FALSE);
  if (from->len == 0)
    return TRUE;
  step = from->pdata[from->len - 1];
  self->replaying = step;
  self->replay_backwards = backwards;
  ok = sam_store_begin (self, error);
  for (guint i = 0; ok && i < step->len; i++)
    {
      Change *c = step->pdata[backwards ? step->len - 1 - i : i];
      ok = backwards ? sam_store_replay (self, c->after, c->before, anyway, error)
                     : sam_store_replay (self, c->before, c->after, anyway, error);
    }
  if (ok)
    ok = sam_store_commit (self, error);
  if (!ok)
    sam_store_rollback (self);
  self->replaying = NULL;
  if (ok)
    g_ptr_array_add (to, g_ptr_array_steal_index (from, from->len - 1));
  return ok;
}

/* Undoes the last step (one outermost transaction) in one transaction,
 * putting back only the fields the step changed. Returns TRUE when there
 * was nothing to undo. When a value the step wrote has since been changed
 * by someone else (another window or program), nothing is undone: FALSE
 * with SAM_STORE_ERROR_CONFLICT, whose theirs is the value now and mine
 * the value undo would put back; sam_store_undo_anyway() undoes it all
 * the same. On any failure nothing changes and the step stays to be
 * undone. */
gboolean
sam_store_undo (SamStore  *self,
                GError   **error)
{
  g_return_val_if_fail (SAM_IS_STORE (self), FALSE);
  return replay_step (self, self->undo, self->redo, TRUE, FALSE, error);
}

/* Does again the last undone step; see sam_store_undo(). */
gboolean
sam_store_redo (SamStore  *self,
                GError   **error)
{
  g_return_val_if_fail (SAM_IS_STORE (self), FALSE);
  return replay_step (self, self->redo, self->undo, FALSE, FALSE, error);
}

/* Undoes the last step as sam_store_undo() does, over what others have
 * changed since: once the person has seen the conflict and chosen so. */
gboolean
sam_store_undo_anyway (SamStore  *self,
                       GError   **error)
{
  g_return_val_if_fail (SAM_IS_STORE (self), FALSE);
  return replay_step (self, self->undo, self->redo, TRUE, TRUE, error);
}

/* Does again the last undone step over what others have changed since. */
gboolean
sam_store_redo_anyway (SamStore  *self,
                       GError   **error)
{
  g_return_val_if_fail (SAM_IS_STORE (self), FALSE);
  return replay_step (self, self->redo, self->undo, FALSE, TRUE, error);
}

/* Looks whether another connection (another window, another program)
 * changed the database since the last look; if so emits
 * SamStore::external-change and SamStore::changed and returns TRUE. Cheap
 * (the backend's data version; SQLite's PRAGMA data_version): call it when the window gets the focus
 * and every few seconds. Does nothing inside a transaction. */
gboolean
sam_store_notice_changes (SamStore *self)
{
  gint64 version;

  g_return_val_if_fail (SAM_IS_STORE (self), FALSE);
  if (self->db == NULL || self->depth > 0 || self->lost || !check_connection (self))
    return FALSE;
  version = sam_db_data_version (self->db);
  if (version < 0 || version == self->data_version)
    return FALSE;
  self->data_version = version;
  g_signal_emit (self, signals[EXTERNAL_CHANGE], 0);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

static void
destroy_source (GSource **source)
{
  if (*source)
    g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static void
stop_watching (SamStore *self)
{
  destroy_source (&self->watch);
  destroy_source (&self->reconnecting);
  g_clear_handle_id (&self->retry_id, g_source_remove);
}

static gboolean
set_lost_error (SamStore  *self,
                GError   **error)
{
  g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_UNREACHABLE,
               _("Lost the connection to %s; reconnecting…"), self->path);
  return FALSE;
}

static gboolean try_reconnect_cb (gpointer data);
static void on_watch_cb (SamDb *db, gpointer user_data);

static void
on_reconnected_cb (SamDb        *db,
                   const GError *error,
                   gpointer      user_data)
{
  SamStore *self = user_data;

  /* The source is done; it goes when this returns. */
  g_clear_pointer (&self->reconnecting, g_source_unref);
  if (error)
    {
      g_debug ("%s; trying again in %u ms", error->message, self->backoff_ms);
      self->retry_id = g_timeout_add (self->backoff_ms, try_reconnect_cb, self);
      self->backoff_ms = MIN (self->backoff_ms * 2, LAST_RETRY_MS);
      return;
    }
  self->lost = FALSE;
  self->watch = sam_db_watch (self->db, on_watch_cb, self, NULL);
  if (self->watch)
    g_source_attach (self->watch, g_main_context_get_thread_default ());
  self->data_version = sam_db_data_version (self->db);
  g_signal_emit (self, signals[RECONNECTED], 0);
  /* What others changed meanwhile is not known. */
  g_signal_emit (self, signals[EXTERNAL_CHANGE], 0);
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
try_reconnect_cb (gpointer data)
{
  SamStore *self = data;

  self->retry_id = 0;
  self->reconnecting = sam_db_reconnect (self->db, on_reconnected_cb, self);
  return G_SOURCE_REMOVE;
}

/* Whether the connection of @self stands; when it was lost, and @self
 * watches (a window's store), emits SamStore::connection-lost and starts
 * reconnecting in the background. */
static gboolean
check_connection (SamStore *self)
{
  if (self->lost)
    return FALSE;
  if (self->db == NULL || sam_db_is_connected (self->db))
    return TRUE;
  if (!self->watching)
    return FALSE;
  self->lost = TRUE;
  destroy_source (&self->watch);
  self->backoff_ms = FIRST_RETRY_MS;
  g_signal_emit (self, signals[CONNECTION_LOST], 0);
  try_reconnect_cb (self);
  return FALSE;
}

static void
on_watch_cb (SamDb    *db,
             gpointer  user_data)
{
  SamStore *self = SAM_STORE (user_data);

  if (check_connection (self))
    sam_store_notice_changes (self);
}

/* Returns TRUE while the connection of @self stands (always for a file);
 * FALSE from SamStore::connection-lost to SamStore::reconnected. */
gboolean
sam_store_is_connected (SamStore *self)
{
  g_return_val_if_fail (SAM_IS_STORE (self), FALSE);
  return !self->lost && (self->db == NULL || sam_db_is_connected (self->db));
}

/* On a server, listens to others' changes, so that @self emits
 * SamStore::external-change and SamStore::changed as soon as another
 * connection commits one (in the thread-default main context of the
 * caller, which must outlive the watch), never for @self's own; the store
 * keeps watching until it is closed. On a file it does nothing: call
 * sam_store_notice_changes() when the window gets the focus and every few
 * seconds. Returns FALSE with SAM_STORE_ERROR_UNREACHABLE when the server
 * cannot be listened to. */
gboolean
sam_store_watch_changes (SamStore  *self,
                         GError   **error)
{
  g_return_val_if_fail (SAM_IS_STORE (self), FALSE);
  if (self->db == NULL || self->watching)
    return self->db != NULL || set_closed_error (self, error);
  if ((self->watch = sam_db_watch (self->db, on_watch_cb, self, error)) == NULL)
    return error == NULL || *error == NULL;
  self->data_version = sam_db_data_version (self->db);
  self->watching = TRUE;
  g_source_attach (self->watch, g_main_context_get_thread_default ());
  return TRUE;
}

/* Sets how long one statement may run on @self before it is stopped with
 * SAM_STORE_ERROR_TIMEOUT; 0 for no limit. */
void
sam_store_set_query_limit (SamStore *self,
                           guint     milliseconds)
{
  g_return_if_fail (SAM_IS_STORE (self));
  if (self->db)
    sam_db_set_query_limit (self->db, milliseconds);
}

/* Returns what the user of @self may do (see sam-access.h): read once,
 * when the plan was opened. */
const SamAccess *
sam_store_get_access (SamStore *self)
{
  g_return_val_if_fail (SAM_IS_STORE (self), NULL);
  return self->access;
}
