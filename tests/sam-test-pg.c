#define G_LOG_DOMAIN "sam-test"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "sam-test-pg.h"

/* Returns the test cluster's address, or NULL when there is none: then the
 * test is skipped, or failed when CI=true. */
const char *
sam_test_pg_server (void)
{
  const char *server = g_getenv ("SAMORDNA_TEST_PG");

  if (server && *server)
    return server;
  if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
    g_test_fail_printf ("SAMORDNA_TEST_PG is not set: in CI, build-aux/dev.sh test must start the PostgreSQL cluster");
  else
    g_test_skip ("no PostgreSQL test cluster: run the test through build-aux/pg-cluster.sh");
  return NULL;
}

/* Returns @address with @keyword set to @value (added, or replacing what
 * it had). */
char *
sam_test_pg_address_with (const char *address,
                          const char *keyword,
                          const char *value)
{
  PQconninfoOption *options = PQconninfoParse (address, NULL);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (options);
  for (PQconninfoOption *o = options; o->keyword; o++)
    {
      const char *v = g_str_equal (o->keyword, keyword) ? value : o->val;
      g_autoptr(GString) quoted = NULL;

      if (v == NULL)
        continue;
      quoted = g_string_new (v);
      g_string_replace (quoted, "\\", "\\\\", 0);
      g_string_replace (quoted, "'", "\\'", 0);
      g_string_append_printf (out, "%s%s='%s'", out->len ? " " : "", o->keyword, quoted->str);
    }
  PQconninfoFree (options);
  if (strstr (out->str, keyword) == NULL)
    g_string_append_printf (out, " %s='%s'", keyword, value);
  return g_string_free (out, FALSE);
}

/* Connects to @address, failing the test when it cannot. */
PGconn *
sam_test_pg_connect (const char *address)
{
  PGconn *conn = PQconnectdb (address);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("Cannot connect to the test cluster (%s): %s", address, PQerrorMessage (conn));
  return conn;
}

/* Runs @sql, failing the test when it fails. */
void
sam_test_pg_exec (PGconn     *conn,
                  const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    g_error ("%s\nfailed: %s", sql, PQerrorMessage (conn));
  PQclear (result);
}

/* Returns the first value of what @sql gives (NULL for none, or NULL). */
char *
sam_test_pg_value (PGconn     *conn,
                   const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  char *value = NULL;

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s\nfailed: %s", sql, PQerrorMessage (conn));
  if (PQntuples (result) > 0 && PQnfields (result) > 0 && !PQgetisnull (result, 0, 0))
    value = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  return value;
}

/* Runs @sql, which must fail; returns the SQLSTATE. */
char *
sam_test_pg_error (PGconn     *conn,
                   const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);
  char *state;

  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    g_error ("%s\nshould have failed, and gave: %s", sql, PQcmdStatus (result));
  state = g_strdup (PQresultErrorField (result, PG_DIAG_SQLSTATE));
  PQclear (result);
  return state;
}

/* Creates a new empty database on the test cluster and returns its
 * address; NULL, with the test skipped, when there is no cluster. */
char *
sam_test_pg_new_database (void)
{
  static int counter;
  const char *server = sam_test_pg_server ();
  g_autoptr(PGconn) conn = NULL;
  g_autofree char *name = NULL, *sql = NULL;

  if (server == NULL)
    return NULL;
  name = g_strdup_printf ("samordna_test_%d_%d", (int) getpid (), ++counter);
  conn = sam_test_pg_connect (server);
  sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8'", name);
  sam_test_pg_exec (conn, sql);
  return sam_test_pg_address_with (server, "dbname", name);
}

/* Drops the roles named after the database of @address, which
 * `samordna server init` and the tests made (role names are the
 * cluster's, not the database's). */
static void
drop_roles (PGconn     *conn,
            const char *address)
{
  g_autofree char *name = NULL, *sql = NULL, *drops = NULL;
  PQconninfoOption *options = PQconninfoParse (address, NULL);

  for (PQconninfoOption *o = options; o && o->keyword; o++)
    if (g_str_equal (o->keyword, "dbname"))
      name = g_strdup (o->val);
  PQconninfoFree (options);
  sql = g_strdup_printf ("SELECT string_agg(format('DROP ROLE %%I', rolname), '; ') FROM pg_roles "
                         "WHERE starts_with(rolname, '%s_')", name);
  if ((drops = sam_test_pg_value (conn, sql)) != NULL)
    sam_test_pg_exec (conn, drops);
}

/* Drops the database of @address, closing whatever is still connected. */
void
sam_test_pg_drop_database (const char *address)
{
  PQconninfoOption *options;
  g_autoptr(PGconn) conn = NULL;
  g_autofree char *sql = NULL;

  if (address == NULL)
    return;
  options = PQconninfoParse (address, NULL);
  for (PQconninfoOption *o = options; o && o->keyword; o++)
    if (g_str_equal (o->keyword, "dbname"))
      sql = g_strdup_printf ("DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)", o->val);
  PQconninfoFree (options);
  g_assert_nonnull (sql);
  conn = sam_test_pg_connect (sam_test_pg_server ());
  sam_test_pg_exec (conn, sql);
  drop_roles (conn, address);
}
