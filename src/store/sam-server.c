#define G_LOG_DOMAIN "sam-server"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "sam-db-pg-private.h"
#include "sam-server-private.h"
#include "sam-store-private.h"

/* A Samordna database on a PostgreSQL server keeps what a file keeps in
 * its header in the table samordna_database (that it is Samordna's, and
 * its schema version), is built by the twins of the file's migrations in
 * schema/postgresql/, and holds the rights of its users (rights.sql). */

/* Helpers */

/* Runs @sql with the texts @args bound to ?1, ?2, … and gives the first
 * column of its first row in @value (NULL when it gives no row, or NULL). */
static gboolean
query_text (SamDb              *db,
            const char         *sql,
            const char * const *args,
            char              **value,
            GError            **error)
{
  g_autoptr(SamStmt) stmt = sam_db_prepare (db, sql, error);
  SamStep step;

  *value = NULL;
  if (stmt == NULL)
    return FALSE;
  for (int i = 0; args && args[i]; i++)
    sam_stmt_bind_text (stmt, i + 1, args[i]);
  if ((step = sam_stmt_step (stmt, error)) == SAM_STEP_ERROR)
    return FALSE;
  if (step == SAM_STEP_ROW)
    *value = g_strdup (sam_stmt_column_text (stmt, 0));
  return TRUE;
}

static gboolean
query_int (SamDb              *db,
           const char         *sql,
           const char * const *args,
           gint64             *value,
           GError            **error)
{
  g_autofree char *text = NULL;

  if (!query_text (db, sql, args, &text, error))
    return FALSE;
  *value = text ? g_ascii_strtoll (text, NULL, 10) : 0;
  return TRUE;
}

/* Runs the statement the server's format() makes of @format and the
 * names @a and @b (quoted there with %I): CREATE ROLE and GRANT take no
 * parameters. */
static gboolean
run_formatted (SamDb       *db,
               const char  *format,
               const char  *a,
               const char  *b,
               GError     **error)
{
  const char *args[] = { format, a, b, NULL };
  g_autofree char *sql = NULL;

  return query_text (db, "SELECT format(CAST(?1 AS text), CAST(?2 AS text), CAST(?3 AS text))",
                     args, &sql, error)
         && sam_db_exec (db, sql, error);
}

static gboolean
exec_resource (SamDb       *db,
               GBytes      *sql,
               GError     **error)
{
  g_autofree char *text = NULL;

  if (sql == NULL)
    return FALSE;
  text = g_strndup (g_bytes_get_data (sql, NULL), g_bytes_get_size (sql));
  return sam_db_exec (db, text, error);
}

static gboolean
exec_data (SamDb       *db,
           const char  *name,
           GError     **error)
{
  g_autoptr(GBytes) sql = sam_data_lookup (name, error);

  return exec_resource (db, sql, error);
}

/* Reading what a database is */

/* Sets SAM_STORE_ERROR_NOT_SAMORDNA when the database @name has tables,
 * views or sequences though it is no Samordna database, naming a few. */
static gboolean
check_empty (SamDb       *db,
             const char  *name,
             GError     **error)
{
  g_autofree char *found = NULL;

  if (!query_text (db, "SELECT string_agg(o, ', ') FROM (SELECT n.nspname || '.' || c.relname AS o "
                       "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                       "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') "
                       "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
                       "AND n.nspname NOT LIKE 'pg\\_toast%' ORDER BY 1 LIMIT 3) s",
                   NULL, &found, error))
    return FALSE;
  if (found == NULL)
    return TRUE;
  g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_SAMORDNA,
               _("“%s” holds tables of another program (%s …), not a Samordna plan. Choose an empty database, or create one (createdb -E UTF8 samordna)."),
               name, found);
  return FALSE;
}

/* Reads the schema version of the database of @db (named @name in
 * messages) into @version: 0 when it is empty, ready to be built. Fails
 * with SAM_STORE_ERROR_NOT_SAMORDNA for a database of another program,
 * _NEWER for one a newer Samordna built, _CORRUPT for one whose version
 * cannot be read. */
gboolean
sam_server_read_version (SamDb       *db,
                         const char  *name,
                         int         *version,
                         GError     **error)
{
  gint64 exists = 0, app_id = 0, v = 0;
  g_autofree char *text = NULL;

  if (!query_int (db, "SELECT to_regclass('public.samordna_database') IS NOT NULL", NULL, &exists, error))
    return FALSE;
  *version = 0;
  if (!exists)
    return check_empty (db, name, error);
  if (!query_text (db, "SELECT application_id || ' ' || version FROM samordna_database", NULL, &text, error))
    return FALSE;
  if (text == NULL || sscanf (text, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, &app_id, &v) != 2 || v < 0)
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: its database version cannot be read. Restore it from a backup, or ask the server's administrator."),
                   name);
      return FALSE;
    }
  if (app_id != SAM_APPLICATION_ID)
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_SAMORDNA,
                   _("“%s” is a database of another program, not a Samordna database. Choose another."), name);
      return FALSE;
    }
  if (v > SAM_SCHEMA_VERSION)
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NEWER,
                   _("“%s” was set up by a newer version of Samordna (database version %d; this version reads up to %d). Update Samordna to open it."),
                   name, (int) v, SAM_SCHEMA_VERSION);
      return FALSE;
    }
  *version = (int) v;
  return TRUE;
}

/* As sam_server_read_version(), for opening a plan: also fails, with
 * SAM_STORE_ERROR_NOT_SAMORDNA, when the database has no plan yet or
 * needs its administrator to bring it up to date. */
gboolean
sam_server_check_version (SamDb       *db,
                          const char  *name,
                          int         *version,
                          GError     **error)
{
  if (!sam_server_read_version (db, name, version, error))
    return FALSE;
  if (*version == 0)
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_SAMORDNA,
                 _("“%s” is an empty database, with no Samordna plan. Its owner sets it up with: samordna server init --database ADDRESS"),
                 name);
  else if (*version < SAM_SCHEMA_VERSION)
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_SAMORDNA,
                 _("“%s” has database version %d, and this Samordna needs %d. Ask the server's administrator to bring it up to date with: samordna server init --database ADDRESS"),
                 name, *version, SAM_SCHEMA_VERSION);
  return *version == SAM_SCHEMA_VERSION;
}

/* Connects to the plan at @address for the store, with libpq's own means
 * of finding a password and the default query limit, and checks that it
 * is a Samordna database of this version. Gives its name for messages
 * (never its password) in @name. Fails with a SamStoreError that says what
 * to do: the server cannot be reached or refused the login, or the
 * database is not (yet, or no longer) one this Samordna reads. */
SamDb *
sam_server_open (const char  *address,
                 char       **name,
                 GError     **error)
{
  g_autoptr(SamDb) db = sam_db_pg_connect (address, error);
  int version;

  if (db == NULL || !sam_server_check_version (db, sam_db_pg_get_name (db), &version, error))
    return NULL;
  *name = g_strdup (sam_db_pg_get_name (db));
  return g_steal_pointer (&db);
}

/* Building */

/* Gives the database its random identity, as a file has (see
 * sam-store.c), when it has none. */
static gboolean
ensure_identity (SamDb   *db,
                 GError **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autoptr(SamStmt) stmt = sam_db_prepare (db, "INSERT INTO database_identity (uuid) SELECT ?1 "
                                                "WHERE NOT EXISTS (SELECT FROM database_identity)", error);

  if (stmt == NULL)
    return FALSE;
  sam_stmt_bind_text (stmt, 1, uuid);
  return sam_stmt_run (stmt, error);
}

/* Brings the database of @db from schema version @from (0: empty) to this
 * build's, in the open transaction: the bookkeeping tables, each
 * migration's twin with the version after it, the identity, the rights
 * and the notifications of changes (both renewed whatever @from is). */
gboolean
sam_server_build (SamDb   *db,
                  int      from,
                  GError **error)
{
  g_autofree char *start = g_strdup_printf ("INSERT INTO samordna_database (application_id, version) "
                                            "VALUES (%d, 0) ON CONFLICT DO NOTHING", SAM_APPLICATION_ID);

  g_return_val_if_fail (from >= 0 && from <= SAM_SCHEMA_VERSION, FALSE);
  if (!exec_data (db, "schema/postgresql/samordna.sql", error) || !sam_db_exec (db, start, error))
    return FALSE;
  for (int v = from; v < SAM_SCHEMA_VERSION; v++)
    {
      g_autoptr(GBytes) sql = sam_store_server_migration_sql (v + 1, error);
      g_autofree char *set = g_strdup_printf ("UPDATE samordna_database SET version = %d", v + 1);

      if (!exec_resource (db, sql, error) || !sam_db_exec (db, set, error))
        return FALSE;
      g_debug ("Built schema version %d", v + 1);
    }
  return ensure_identity (db, error) && exec_data (db, "schema/postgresql/rights.sql", error)
         && exec_data (db, "schema/postgresql/notify.sql", error);
}

/* Whether the login of @db may build the schema and give roles. */
static gboolean
check_may_set_up (SamDb       *db,
                  const char  *name,
                  GError     **error)
{
  gint64 may = 0;
  g_autofree char *user = NULL;

  if (!query_int (db, "SELECT has_schema_privilege('public', 'CREATE') AND "
                      "(SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user)",
                  NULL, &may, error)
      || !query_text (db, "SELECT current_user", NULL, &user, error))
    return FALSE;
  if (may)
    return TRUE;
  g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_ALLOWED,
               _("Your login “%s” may not set up “%s” or give its roles: that takes the database's owner, with the right to create roles (CREATEROLE). Run it as the owner, or ask the server's administrator."),
               user, name);
  return FALSE;
}

static gboolean
check_encoding (SamDb       *db,
                const char  *name,
                GError     **error)
{
  g_autofree char *encoding = NULL;

  if (!query_text (db, "SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()",
                   NULL, &encoding, error))
    return FALSE;
  if (g_strcmp0 (encoding, "UTF8") == 0)
    return TRUE;
  g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_SAMORDNA,
               _("“%s” stores its text as %s, and Samordna needs UTF8. Create the database with: createdb -E UTF8 -T template0 NAME"),
               name, encoding ? encoding : "?");
  return FALSE;
}

/* Connects to @address for setting it up (no query limit: building a
 * schema and loading a plan take their time), as a login that may. */
static SamDb *
connect_to_set_up (const char  *address,
                   const char  *password,
                   GError     **error)
{
  g_autoptr(SamDb) db = sam_db_pg_open (address, password, 0, error);

  if (db == NULL
      || !check_may_set_up (db, sam_db_pg_get_name (db), error)
      || !check_encoding (db, sam_db_pg_get_name (db), error))
    return NULL;
  return g_steal_pointer (&db);
}

/* One set-up of a database at a time: the lock of "SAMO" until the
 * transaction ends. */
#define LOCK_SQL "SELECT pg_advisory_xact_lock(1396788559)"

/* Sets up the database at @address for Samordna (see sam-server.h), in
 * one transaction: on an empty database, the schema, the roles and rights
 * and the default plan; on an older Samordna database, the migrations
 * since its version. @outcome says which, and @old_version (when not
 * NULL) the version it had. Fails, changing nothing, with a SamStoreError
 * that says what to do: the server cannot be reached or refused the
 * login, the login may not set up the database, or the database holds
 * another program's tables, stores text in another encoding than UTF-8 or
 * was set up by a newer Samordna. */
gboolean
sam_server_init (const char        *address,
                 const char        *password,
                 SamServerOutcome  *outcome,
                 int               *old_version,
                 GError           **error)
{
  g_autoptr(SamStore) store = NULL;
  SamDb *db;
  int version = 0;

  g_return_val_if_fail (address != NULL, FALSE);
  if (!(db = connect_to_set_up (address, password, error)))
    return FALSE;
  /* The default plan is loaded as a file's is, through the store. */
  store = sam_store_new_for_server (db, sam_db_pg_get_name (db));
  /* The default plan is where the history starts, not a change in it. */
  sam_store_set_keeps_history (store, FALSE);
  if (!sam_store_begin (store, error))
    return FALSE;
  if (!sam_db_exec (db, LOCK_SQL, error)
      || !sam_server_read_version (db, sam_db_pg_get_name (db), &version, error)
      || !sam_server_build (db, version, error)
      || (version == 0 && !sam_seed_load_default (store, error))
      || !sam_store_commit (store, error))
    {
      sam_store_rollback (store);
      return FALSE;
    }
  if (outcome)
    *outcome = version == 0 ? SAM_SERVER_CREATED
             : version < SAM_SCHEMA_VERSION ? SAM_SERVER_UPGRADED : SAM_SERVER_CURRENT;
  if (old_version)
    *old_version = version;
  return TRUE;
}

/* Roles */

static const char * const role_words[] = {
  [SAM_SERVER_SECRETARIAT] = "secretariat",
  [SAM_SERVER_EDITOR] = "editor",
  [SAM_SERVER_READER] = "reader",
};

/* Reads a role as the command line names it: secretariat, editor or
 * reader (in any case). */
gboolean
sam_server_role_parse (const char     *word,
                       SamServerRole  *role,
                       GError        **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_words); i++)
    if (word && g_ascii_strcasecmp (word, role_words[i]) == 0)
      {
        *role = i;
        return TRUE;
      }
  g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
               _("“%s” is not a role. Choose secretariat, editor (with the agency the login edits for) or reader."),
               word ? word : "");
  return FALSE;
}

/* Finds the agency @agency names (its short name, else its name, in any
 * case) and gives the role of its editors, made when it is missing. */
static gboolean
agency_role (SamDb       *db,
             const char  *name,
             const char  *agency,
             char       **role,
             GError     **error)
{
  const char *args[] = { agency, NULL };
  g_autofree char *ids = NULL, *id = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT string_agg(CAST(id AS text), ' ') FROM agency "
                                          "WHERE short_name = ?1 %s OR (name = ?1 %s AND NOT EXISTS "
                                          "(SELECT FROM agency WHERE short_name = ?1 %s))",
                                          sam_db_sql (db, SAM_SQL_NOCASE), sam_db_sql (db, SAM_SQL_NOCASE),
                                          sam_db_sql (db, SAM_SQL_NOCASE));

  if (!query_text (db, sql, args, &ids, error))
    return FALSE;
  if (ids == NULL || strchr (ids, ' ') != NULL)
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                   ids ? _("Several agencies in “%s” are called “%s”. Give the agency's short name instead.")
                       : _("No agency in “%s” is called “%s”. Give its short name as Samordna shows it, such as Bufdir."),
                   name, agency);
      return FALSE;
    }
  args[0] = ids;
  return query_text (db, "INSERT INTO samordna_role (role_name, kind, agency_id) "
                         "VALUES (left(current_database(), 40) || '_agency_' || ?1, 'agency', CAST(?1 AS bigint)) "
                         "ON CONFLICT (agency_id) DO UPDATE SET kind = 'agency' RETURNING role_name",
                     args, role, error)
         /* rights.sql makes the role and gives it the editors' rights. */
         && exec_data (db, "schema/postgresql/rights.sql", error);
}

/* Makes @login when there is none; refuses a role that cannot log in. */
static gboolean
ensure_login (SamDb       *db,
              const char  *name,
              const char  *login,
              gboolean    *created,
              GError     **error)
{
  const char *args[] = { login, NULL };
  g_autofree char *can = NULL;

  if (!query_text (db, "SELECT rolcanlogin FROM pg_roles WHERE rolname = ?1", args, &can, error))
    return FALSE;
  *created = can == NULL;
  if (can == NULL)
    return run_formatted (db, "CREATE ROLE %I LOGIN", login, NULL, error);
  if (g_str_equal (can, "1"))
    return TRUE;
  g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
               _("“%s” is a role on the server of “%s” that cannot log in. Give the name of a login (a user)."),
               login, name);
  return FALSE;
}

/* Takes every role of this database from @login. */
static gboolean
revoke_roles (SamDb       *db,
              const char  *login,
              GError     **error)
{
  g_autoptr(SamStmt) stmt = sam_db_prepare (db, "SELECT r.role_name FROM samordna_role r "
                                                "JOIN pg_roles g ON g.rolname = r.role_name "
                                                "JOIN pg_auth_members m ON m.roleid = g.oid "
                                                "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = ?1",
                                            error);
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_free);
  SamStep step;

  if (stmt == NULL)
    return FALSE;
  sam_stmt_bind_text (stmt, 1, login);
  while ((step = sam_stmt_step (stmt, error)) == SAM_STEP_ROW)
    g_ptr_array_add (held, g_strdup (sam_stmt_column_text (stmt, 0)));
  if (step == SAM_STEP_ERROR)
    return FALSE;
  for (guint i = 0; i < held->len; i++)
    if (!run_formatted (db, "REVOKE %I FROM %I", held->pdata[i], login, error))
      return FALSE;
  return TRUE;
}

/* Gives @login the role @role in the plan at @address, for @agency (its
 * short name or name) when an editor, in place of any role it had there.
 * A login that does not exist is made, with no password (@created_login
 * says so): the server's administrator gives it one, or lets it in
 * otherwise. Fails, changing nothing, with SAM_STORE_ERROR_INVALID for an
 * unknown agency, an agency where none belongs or none where one does, or
 * a role that cannot log in; and as sam_server_init() does when the
 * database cannot be used. */
gboolean
sam_server_grant (const char     *address,
                  const char     *password,
                  const char     *login,
                  SamServerRole   role,
                  const char     *agency,
                  gboolean       *created_login,
                  GError        **error)
{
  g_autoptr(SamDb) db = NULL;
  g_autofree char *granted = NULL;
  const char *args[] = { role_words[role], NULL };
  const char *name;
  int version;
  gboolean created = FALSE;

  g_return_val_if_fail (address != NULL && login != NULL, FALSE);
  g_return_val_if_fail (role <= SAM_SERVER_READER, FALSE);
  if (role == SAM_SERVER_EDITOR && (agency == NULL || *agency == '\0'))
    {
      g_set_error_literal (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                           _("An editor edits for an agency: give the agency's short name after the role, such as: editor Bufdir."));
      return FALSE;
    }
  if (role != SAM_SERVER_EDITOR && agency != NULL)
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                   _("The role %s is for the whole plan, not for an agency: leave out “%s”, or choose the role editor."),
                   role_words[role], agency);
      return FALSE;
    }
  if (*login == '\0' || strlen (login) > 63)
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                   _("“%s” cannot be a login: give a name of 1 to 63 bytes."), login);
      return FALSE;
    }
  if (!(db = connect_to_set_up (address, password, error)))
    return FALSE;
  name = sam_db_pg_get_name (db);
  if (!sam_db_begin (db, SAM_DB_WRITE, error))
    return FALSE;
  if (!sam_db_exec (db, LOCK_SQL, error)
      || !sam_server_check_version (db, name, &version, error)
      || (role == SAM_SERVER_EDITOR && !agency_role (db, name, agency, &granted, error))
      || (role != SAM_SERVER_EDITOR && !query_text (db, "SELECT role_name FROM samordna_role WHERE kind = ?1",
                                                    args, &granted, error))
      || !ensure_login (db, name, login, &created, error)
      || !revoke_roles (db, login, error)
      || !run_formatted (db, "GRANT %I TO %I", granted, login, error)
      || !sam_db_commit (db, error))
    {
      sam_db_rollback (db);
      return FALSE;
    }
  if (created_login)
    *created_login = created;
  return TRUE;
}
