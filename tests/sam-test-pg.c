#define G_LOG_DOMAIN "sam-test"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "sam-test-pg.h"
#include "store/sam-server.h"
#include "store/sam-store.h"

/* The script runs in a session of its own, so that it finishes starting
 * the cluster (and its watcher stops it) even when the test is killed. */
static void
new_session (gpointer data)
{
  setsid ();
}

/* Starts a cluster of the test's own with build-aux/pg-cluster.sh
 * --for-pid, which stops it when the test process ends. */
static char *
start_own_cluster (void)
{
  const char *script = g_getenv ("SAMORDNA_PG_CLUSTER");
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  const char *argv[] = { script, "--for-pid", pid, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *line;
  int status = 0;

  if (script == NULL)
    g_error ("SAMORDNA_PG_CLUSTER is not set: run the test with meson test, which names build-aux/pg-cluster.sh");
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, new_session, NULL, &out, &err, &status, &error))
    g_error ("Cannot run %s: %s", script, error->message);
  if (!g_spawn_check_wait_status (status, &error) || (line = strstr (out, "SAMORDNA_TEST_PG=")) == NULL)
    g_error ("The PostgreSQL test cluster did not start (is postgresql-15 installed? build-aux/dev.sh installs it):\n%s%s",
             out, err);
  g_test_message ("%s", err);
  return g_strstrip (g_strdup (line + strlen ("SAMORDNA_TEST_PG=")));
}

/* Returns the test cluster's address: the one SAMORDNA_TEST_PG names
 * (build-aux/dev.sh test starts one for the whole suite), else one this
 * process starts for itself. Never NULL: a cluster that cannot start
 * fails the test, never skips it. */
const char *
sam_test_pg_server (void)
{
  static char *own;
  const char *server = g_getenv ("SAMORDNA_TEST_PG");

  if (server && *server)
    return server;
  if (own == NULL)
    own = start_own_cluster ();
  return own;
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

/* Creates on the cluster at @server a new database copied from @template
 * and returns its address (NULL without a server). */
static char *
new_database_from (const char *server,
                   const char *template)
{
  static int counter;
  g_autoptr(PGconn) conn = NULL;
  g_autofree char *name = NULL, *sql = NULL;

  if (server == NULL)
    return NULL;
  conn = sam_test_pg_connect (server);
  name = g_strdup_printf ("samordna_test_%d_%d", (int) getpid (), ++counter);
  sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE %s ENCODING 'UTF8'", name, template);
  sam_test_pg_exec (conn, sql);
  return sam_test_pg_address_with (server, "dbname", name);
}

/* Starts a cluster of the test's own, apart from the suite's, for a test
 * that stops or restarts it under its clients (sam_test_pg_ctl()); it is
 * removed when the test ends. Returns its address, and its folder in
 * @dir. */
char *
sam_test_pg_own_server (char **dir)
{
  char *address = start_own_cluster ();
  PQconninfoOption *options = PQconninfoParse (address, NULL);

  g_assert_nonnull (options);
  for (PQconninfoOption *o = options; o->keyword; o++)
    if (g_str_equal (o->keyword, "host"))
      *dir = g_strdup (o->val);
  PQconninfoFree (options);
  return address;
}

/* Runs pg_ctl @action (stop, start, restart: fast, waiting for it) on
 * the cluster of sam_test_pg_own_server() in @dir. */
void
sam_test_pg_ctl (const char *dir,
                 const char *action)
{
  const char *argv[] = { g_getenv ("SAMORDNA_PG_CLUSTER"), "--ctl", dir, action, NULL };
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_nonnull (argv[0]);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("pg_ctl %s failed: %s\n%s", action, error->message, err ? err : "");
}

/* Creates a new empty database on the test cluster and returns its
 * address. */
char *
sam_test_pg_new_database (void)
{
  return new_database_from (sam_test_pg_server (), "template0");
}

/* Creates a new empty database on the cluster at @server and returns its
 * address. */
char *
sam_test_pg_new_database_on (const char *server)
{
  return new_database_from (server, "template0");
}

/* The plan every test's database starts from, set up once on the cluster
 * (by `samordna server init`'s code) and copied for each test, which is
 * much cheaper than setting up each one. */
#define PLAN_TEMPLATE "samordna_test_plan_v" G_STRINGIFY (SAM_SCHEMA_VERSION)

/* Makes PLAN_TEMPLATE when the cluster has none. The caller holds the
 * lock that makes one process at a time do it; it is made under another
 * name and renamed when whole, so that a test killed meanwhile leaves no
 * half-made template behind. */
static void
ensure_plan_template (PGconn *conn)
{
  g_autofree char *exists = NULL, *address = NULL;
  g_autoptr(GError) error = NULL;

  exists = sam_test_pg_value (conn, "SELECT 1 FROM pg_database WHERE datname = '" PLAN_TEMPLATE "'");
  if (exists)
    return;
  g_free (exists);
  exists = sam_test_pg_value (conn, "SELECT 1 FROM pg_database WHERE datname = '" PLAN_TEMPLATE "_making'");
  if (exists)
    sam_test_pg_exec (conn, "DROP DATABASE " PLAN_TEMPLATE "_making WITH (FORCE)");
  sam_test_pg_exec (conn, "CREATE DATABASE " PLAN_TEMPLATE "_making TEMPLATE template0 ENCODING 'UTF8'");
  address = sam_test_pg_address_with (sam_test_pg_server (), "dbname", PLAN_TEMPLATE "_making");
  if (!sam_server_init (address, NULL, NULL, NULL, &error))
    g_error ("Cannot set up the tests' plan on the cluster: %s", error->message);
  sam_test_pg_exec (conn, "ALTER DATABASE " PLAN_TEMPLATE "_making RENAME TO " PLAN_TEMPLATE);
}

/* Creates a new database on the test cluster holding the default plan,
 * as `samordna server init` leaves it, and returns its address. */
char *
sam_test_pg_new_plan (void)
{
  g_autoptr(PGconn) conn = sam_test_pg_connect (sam_test_pg_server ());

  /* One process of the suite makes the template; the others wait. */
  sam_test_pg_exec (conn, "SELECT pg_advisory_lock(1396788560)");
  ensure_plan_template (conn);
  sam_test_pg_exec (conn, "SELECT pg_advisory_unlock(1396788560)");
  return new_database_from (sam_test_pg_server (), PLAN_TEMPLATE);
}

/* Sets every identity column's next value past the highest in its table,
 * as after rows inserted with their ids given (a test's fixture does). */
void
sam_test_pg_reset_identities (PGconn *conn)
{
  sam_test_pg_exec (conn,
    "DO $$ DECLARE r record; BEGIN "
    "FOR r IN SELECT c.relname AS t, a.attname AS col FROM pg_attribute a "
    "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attidentity <> '' LOOP "
    "EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), coalesce((SELECT max(%I) FROM %I), 0) + 1, false)', "
    "r.t, r.col, r.col, r.t); END LOOP; END $$");
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
