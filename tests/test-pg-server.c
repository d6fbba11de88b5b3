/* Setting up a Samordna database on a server (samordna server init and
 * grant), and each role's rights tried through raw SQL, as a login that
 * connects with psql would: it may do no more than in Samordna. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/sam-access.h"
#include "store/sam-db-pg-private.h"
#include "store/sam-server-private.h"
#include "store/sam-rules.h"
#include "store/sam-status.h"
#include "store/sam-store-private.h"
#include "sam-test-pg.h"
#include "sam-test-util.h"

static char *
database_name (const char *address)
{
  PQconninfoOption *options = PQconninfoParse (address, NULL);
  char *name = NULL;

  for (PQconninfoOption *o = options; o && o->keyword; o++)
    if (g_str_equal (o->keyword, "dbname"))
      name = g_strdup (o->val);
  PQconninfoFree (options);
  return name;
}

/* A new database, set up by init; NULL when there is no cluster. */
static char *
new_plan (void)
{
  g_autofree char *address = sam_test_pg_new_database ();
  g_autoptr(GError) error = NULL;
  SamServerOutcome outcome = -1;
  int old = -1;

  if (!address)
    return NULL;
  g_assert_true (sam_server_init (address, NULL, &outcome, &old, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, SAM_SERVER_CREATED);
  g_assert_cmpint (old, ==, 0);
  return g_steal_pointer (&address);
}

static char *
value (const char *address,
       const char *sql)
{
  g_autoptr(PGconn) conn = sam_test_pg_connect (address);

  return sam_test_pg_value (conn, sql);
}

static void
exec_on (const char *address,
         const char *sql)
{
  g_autoptr(PGconn) conn = sam_test_pg_connect (address);

  sam_test_pg_exec (conn, sql);
}

/* init */

static void
test_init_creates (void)
{
  g_autofree char *address = new_plan ();
  g_autofree char *version = NULL, *identity = NULL, *roles = NULL, *name = NULL, *expected = NULL;
  g_autofree char *file_dir = NULL;
  g_autoptr(SamStore) file = NULL;
  g_autoptr(GError) error = NULL;
  SamServerOutcome outcome = -1;
  int old = -1;

  if (!address)
    return;
  version = value (address, "SELECT application_id || '/' || version FROM samordna_database");
  expected = g_strdup_printf ("%d/%d", SAM_APPLICATION_ID, SAM_SCHEMA_VERSION);
  g_assert_cmpstr (version, ==, expected);
  identity = value (address, "SELECT uuid FROM database_identity");
  g_assert_true (g_uuid_string_is_valid (identity));
  name = database_name (address);
  roles = value (address, "SELECT string_agg(rolname, ' ' ORDER BY rolname) FROM pg_roles "
                          "WHERE rolname IN (SELECT role_name FROM samordna_role)");
  g_free (expected);
  expected = g_strdup_printf ("%s_editor %s_reader %s_secretariat", name, name, name);
  g_assert_cmpstr (roles, ==, expected);

  /* The default plan, as a new file has it. */
  file_dir = sam_test_make_dir ();
  file = sam_test_open_new (file_dir, "plan.db");
  for (int k = 0; k < SAM_N_KINDS; k++)
    {
      const SamKindInfo *info = sam_kind_get_info (k);
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", info->table);
      g_autofree char *count = value (address, sql);

      g_test_message ("%s: %s", info->table, count);
      g_assert_cmpint (g_ascii_strtoll (count, NULL, 10), ==, sam_store_count (file, k));
    }
  g_assert_cmpint (sam_store_count (file, SAM_KIND_ACTIVITY), >, 40);
  g_clear_object (&file);
  sam_test_remove_dir (file_dir);

  /* Again: nothing to build, the rights renewed, the identity kept. */
  g_assert_true (sam_server_init (address, NULL, &outcome, &old, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, SAM_SERVER_CURRENT);
  g_assert_cmpint (old, ==, SAM_SCHEMA_VERSION);
  g_free (version);
  version = value (address, "SELECT uuid FROM database_identity");
  g_assert_cmpstr (version, ==, identity);
  sam_test_pg_drop_database (address);
}

/* An older Samordna database is brought up to date. */
static void
test_init_upgrades (void)
{
  g_autofree char *address = sam_test_pg_new_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GBytes) bookkeeping = NULL;
  g_autofree char *version = NULL, *tables = NULL, *start = NULL;
  SamServerOutcome outcome = -1;
  int old = -1;

  if (!address)
    return;
  conn = sam_test_pg_connect (address);
  bookkeeping = sam_data_lookup ("schema/postgresql/samordna.sql", NULL);
  sam_test_pg_exec (conn, g_bytes_get_data (bookkeeping, NULL));
  for (int v = 1; v < SAM_SCHEMA_VERSION; v++)
    {
      g_autoptr(GBytes) twin = sam_store_server_migration_sql (v, NULL);
      sam_test_pg_exec (conn, g_bytes_get_data (twin, NULL));
    }
  start = g_strdup_printf ("INSERT INTO samordna_database (application_id, version) VALUES (%d, %d)",
                           SAM_APPLICATION_ID, SAM_SCHEMA_VERSION - 1);
  sam_test_pg_exec (conn, start);
  g_clear_pointer (&conn, PQfinish);

  g_assert_true (sam_server_init (address, NULL, &outcome, &old, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, SAM_SERVER_UPGRADED);
  g_assert_cmpint (old, ==, SAM_SCHEMA_VERSION - 1);
  version = value (address, "SELECT version FROM samordna_database");
  g_assert_cmpint (atoi (version), ==, SAM_SCHEMA_VERSION);
  sam_test_pg_drop_database (address);
}

typedef void (*Spoil) (const char *address);

static void
add_foreign_table (const char *address)
{
  exec_on (address, "CREATE TABLE kunder (id int); CREATE SCHEMA lager; CREATE TABLE lager.varer (id int)");
}

static void
make_newer (const char *address)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_server_init (address, NULL, NULL, NULL, &error));
  exec_on (address, "UPDATE samordna_database SET version = version + 1");
}

static void
make_other_program (const char *address)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_server_init (address, NULL, NULL, NULL, &error));
  exec_on (address, "UPDATE samordna_database SET application_id = 42");
}

typedef struct
{
  const char    *name;
  Spoil          spoil;
  SamStoreError  code;
  const char    *says;
  const char    *advice;
} BadInit;

static const BadInit bad_inits[] = {
  { "foreign-tables", add_foreign_table, SAM_STORE_ERROR_NOT_SAMORDNA,
    "holds tables of another program (lager.varer, public.kunder", "Choose an empty database" },
  { "newer", make_newer, SAM_STORE_ERROR_NEWER, "was set up by a newer version of Samordna", "Update Samordna" },
  { "other-program", make_other_program, SAM_STORE_ERROR_NOT_SAMORDNA, "a database of another program",
    "Choose another" },
};

/* What init refuses, it leaves as it was. */
static void
test_init_refuses (gconstpointer data)
{
  const BadInit *bad = data;
  g_autofree char *address = sam_test_pg_new_database ();
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  const char *objects = "SELECT count(*) FROM pg_class WHERE relnamespace <> 'pg_catalog'::regnamespace "
                        "AND relnamespace <> 'pg_toast'::regnamespace "
                        "AND relnamespace <> 'information_schema'::regnamespace";

  if (!address)
    return;
  bad->spoil (address);
  before = value (address, objects);
  g_assert_false (sam_server_init (address, NULL, NULL, NULL, &error));
  g_assert_error (error, SAM_STORE_ERROR, (int) bad->code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, bad->says));
  g_assert_nonnull (strstr (error->message, bad->advice));
  after = value (address, objects);
  g_assert_cmpstr (after, ==, before);
  sam_test_pg_drop_database (address);
}

static void
test_init_refuses_encoding (void)
{
  const char *server = sam_test_pg_server ();
  g_autofree char *name = NULL, *sql = NULL, *address = NULL;
  g_autoptr(PGconn) admin = NULL;
  g_autoptr(GError) error = NULL;

  if (!server)
    return;
  name = g_strdup_printf ("samordna_test_%d_ascii", (int) getpid ());
  sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE template0 ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C'", name);
  admin = sam_test_pg_connect (server);
  sam_test_pg_exec (admin, sql);
  address = sam_test_pg_address_with (server, "dbname", name);
  g_assert_false (sam_server_init (address, NULL, NULL, NULL, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_SAMORDNA);
  g_assert_nonnull (strstr (error->message, "stores its text as SQL_ASCII"));
  g_assert_nonnull (strstr (error->message, "createdb -E UTF8"));
  sam_test_pg_drop_database (address);
}

/* A login that does not own the database may not set it up. */
static void
test_init_not_allowed (void)
{
  g_autofree char *address = sam_test_pg_new_database ();
  g_autofree char *name = NULL, *login = NULL, *sql = NULL, *as_login = NULL, *tables = NULL;
  g_autoptr(GError) error = NULL;

  if (!address)
    return;
  name = database_name (address);
  login = g_strdup_printf ("%s_per", name);
  sql = g_strdup_printf ("CREATE ROLE %s LOGIN", login);
  exec_on (address, sql);
  as_login = sam_test_pg_address_with (address, "user", login);
  g_assert_false (sam_server_init (as_login, NULL, NULL, NULL, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, login));
  g_assert_nonnull (strstr (error->message, "the database's owner"));
  tables = value (address, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
  g_assert_cmpstr (tables, ==, "0");
  sam_test_pg_drop_database (address);
}

static void
test_init_unreachable (void)
{
  g_autofree char *dir = g_dir_make_tmp ("samordna-no-server-XXXXXX", NULL);
  g_autofree char *address = g_strdup_printf ("postgresql:///plan?host=%s", dir);
  g_autoptr(GError) error = NULL;

  g_assert_false (sam_server_init (address, NULL, NULL, NULL, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_UNREACHABLE);
  g_rmdir (dir);
}

/* grant */

typedef struct
{
  char   *address;
  char   *name;
  gint64  bufdir, politi, a_bufdir, a_politi_with_bufdir, a_politi, period;
  int     n_activities;  /* in the whole plan */
} Plan;

static gint64
id_of (const char *address,
       const char *sql)
{
  g_autofree char *text = value (address, sql);

  return g_ascii_strtoll (text, NULL, 10);
}

static gint64
add_activity (Plan       *p,
              const char *title,
              gint64      lead)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO activity (plan_id, title, lead_agency_id) "
                                          "SELECT min(id), '%s', %" G_GINT64_FORMAT " FROM plan RETURNING id",
                                          title, lead);

  return id_of (p->address, sql);
}

/* The default plan, and in it two agencies of the test's own and three
 * activities: one Testdir leads, one Testpoliti leads with Testdir taking
 * part, and one Testpoliti leads alone. */
static gboolean
plan_set_up (Plan *p)
{
  g_autofree char *partner = NULL;

  memset (p, 0, sizeof *p);
  if (!(p->address = new_plan ()))
    return FALSE;
  p->name = database_name (p->address);
  p->bufdir = id_of (p->address, "INSERT INTO agency (name, short_name) VALUES ('Testdirektoratet', 'Testdir') RETURNING id");
  p->politi = id_of (p->address, "INSERT INTO agency (name, short_name) VALUES ('Testpolitiet', 'Testpoliti') RETURNING id");
  p->a_bufdir = add_activity (p, "Bufdirs seminar", p->bufdir);
  p->a_politi_with_bufdir = add_activity (p, "Felles veileder", p->politi);
  p->a_politi = add_activity (p, "Grensekontroll", p->politi);
  partner = g_strdup_printf ("INSERT INTO activity_partner (activity_id, agency_id, position) VALUES "
                             "(%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 0)", p->a_politi_with_bufdir, p->bufdir);
  exec_on (p->address, partner);
  p->n_activities = (int) id_of (p->address, "SELECT count(*) FROM activity");
  p->period = id_of (p->address, "INSERT INTO reporting_period (code, start_date, end_date) "
                                 "VALUES ('2026-T1', '2026-01-01', '2026-04-30') RETURNING id");
  return TRUE;
}

static void
plan_tear_down (Plan *p)
{
  sam_test_pg_drop_database (p->address);
  g_free (p->address);
  g_free (p->name);
}

/* Gives the new login NAME_@who the role, and returns its address. */
static char *
grant (Plan          *p,
       const char    *who,
       SamServerRole  role,
       const char    *agency)
{
  g_autofree char *login = g_strdup_printf ("%s_%s", p->name, who);
  g_autoptr(GError) error = NULL;
  gboolean created = FALSE;

  g_assert_true (sam_server_grant (p->address, NULL, login, role, agency, &created, &error));
  g_assert_no_error (error);
  return sam_test_pg_address_with (p->address, "user", login);
}

/* Runs @sql as the login of @conn: returns the rows it changed, or -1
 * when the server refused it for want of rights. */
static int
try_sql (PGconn     *conn,
         const char *format,
         ...)
{
  g_autofree char *sql = NULL;
  PGresult *result;
  va_list args;
  int rows;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) == PGRES_COMMAND_OK || PQresultStatus (result) == PGRES_TUPLES_OK)
    rows = atoi (PQcmdTuples (result));
  else if (g_strcmp0 (PQresultErrorField (result, PG_DIAG_SQLSTATE), "42501") == 0)
    rows = -1;
  else
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  return rows;
}

#define ID G_GINT64_FORMAT

static void
test_reader (void)
{
  g_autofree char *address = NULL;
  g_autoptr(PGconn) c = NULL;
  Plan p;

  if (!plan_set_up (&p))
    return;
  address = grant (&p, "les", SAM_SERVER_READER, NULL);
  c = sam_test_pg_connect (address);
  g_assert_cmpint (try_sql (c, "SELECT * FROM activity"), ==, p.n_activities);
  g_assert_cmpint (try_sql (c, "SELECT * FROM status_update"), ==, 0);
  g_assert_cmpint (try_sql (c, "UPDATE activity SET title = 'x' WHERE id = %" ID, p.a_bufdir), ==, -1);
  g_assert_cmpint (try_sql (c, "INSERT INTO activity (plan_id, title) SELECT min(id), 'x' FROM plan"), ==, -1);
  g_assert_cmpint (try_sql (c, "INSERT INTO status_update (activity_id, period_id, status) VALUES (%" ID ", %" ID ", 'done')",
                            p.a_bufdir, p.period), ==, -1);
  g_assert_cmpint (try_sql (c, "DELETE FROM plan"), ==, -1);
  g_assert_cmpint (try_sql (c, "UPDATE samordna_role SET kind = 'secretariat'"), ==, -1);
  g_assert_cmpint (try_sql (c, "CREATE TABLE mine (id int)"), ==, -1);
  plan_tear_down (&p);
}

static void
test_secretariat (void)
{
  g_autofree char *address = NULL;
  g_autoptr(PGconn) c = NULL;
  Plan p;

  if (!plan_set_up (&p))
    return;
  address = grant (&p, "sek", SAM_SERVER_SECRETARIAT, NULL);
  c = sam_test_pg_connect (address);
  g_assert_cmpint (try_sql (c, "UPDATE activity SET title = title || '!', lead_agency_id = %" ID " WHERE id = %" ID,
                            p.bufdir, p.a_politi), ==, 1);
  g_assert_cmpint (try_sql (c, "INSERT INTO plan (measure_id, title) SELECT min(id), 'Ny plan' FROM measure"), ==, 1);
  g_assert_cmpint (try_sql (c, "DELETE FROM plan WHERE title = 'Ny plan'"), ==, 1);
  g_assert_cmpint (try_sql (c, "INSERT INTO agency (name, short_name) VALUES ('Tolletaten', 'Toll')"), ==, 1);
  g_assert_cmpint (try_sql (c, "INSERT INTO status_update (activity_id, period_id, status) VALUES (%" ID ", %" ID ", 'done')",
                            p.a_politi, p.period), ==, 1);
  g_assert_cmpint (try_sql (c, "DELETE FROM status_update WHERE activity_id = %" ID, p.a_politi), ==, 1);
  g_assert_cmpint (try_sql (c, "DELETE FROM activity_partner WHERE activity_id = %" ID, p.a_politi_with_bufdir), ==, 1);
  /* The rights themselves are the owner's. */
  g_assert_cmpint (try_sql (c, "INSERT INTO samordna_role (role_name, kind) VALUES ('x', 'reader')"), ==, -1);
  g_assert_cmpint (try_sql (c, "ALTER TABLE activity DISABLE ROW LEVEL SECURITY"), ==, -1);
  plan_tear_down (&p);
}

static void
test_agency_editor (void)
{
  g_autofree char *address = NULL;
  g_autoptr(PGconn) c = NULL;
  gint64 mine;
  Plan p;

  if (!plan_set_up (&p))
    return;
  address = grant (&p, "buf", SAM_SERVER_EDITOR, "testdir");
  c = sam_test_pg_connect (address);
  g_assert_cmpint (try_sql (c, "SELECT * FROM activity"), ==, p.n_activities);

  /* What Testdir leads it edits; what it does not lead, it cannot touch. */
  g_assert_cmpint (try_sql (c, "UPDATE activity SET title = 'Nytt navn', progress = 10 WHERE id = %" ID, p.a_bufdir), ==, 1);
  g_assert_cmpint (try_sql (c, "UPDATE activity SET title = 'Kapret' WHERE id = %" ID, p.a_politi), ==, 0);
  g_assert_cmpint (try_sql (c, "DELETE FROM activity WHERE id = %" ID, p.a_politi), ==, 0);
  g_assert_cmpint (try_sql (c, "UPDATE activity SET lead_agency_id = %" ID " WHERE id = %" ID, p.politi, p.a_bufdir), ==, -1);

  /* Where it takes part, it changes the status and progress only. */
  g_assert_cmpint (try_sql (c, "UPDATE activity SET status = 'delayed', progress = 40 WHERE id = %" ID,
                            p.a_politi_with_bufdir), ==, 1);
  g_assert_cmpint (try_sql (c, "UPDATE activity SET title = 'Kapret' WHERE id = %" ID, p.a_politi_with_bufdir), ==, -1);
  g_assert_cmpint (try_sql (c, "UPDATE activity SET lead_agency_id = %" ID " WHERE id = %" ID,
                            p.bufdir, p.a_politi_with_bufdir), ==, -1);

  /* New activities in its own name only. */
  g_assert_cmpint (try_sql (c, "INSERT INTO activity (plan_id, title, lead_agency_id) SELECT min(id), 'Ny', %" ID " FROM plan",
                            p.politi), ==, -1);
  g_assert_cmpint (try_sql (c, "INSERT INTO activity (plan_id, title) SELECT min(id), 'Ny' FROM plan"), ==, -1);
  g_assert_cmpint (try_sql (c, "INSERT INTO activity (plan_id, title, lead_agency_id) SELECT min(id), 'Ny', %" ID " FROM plan",
                            p.bufdir), ==, 1);
  mine = id_of (address, "SELECT max(id) FROM activity");
  g_assert_cmpint (try_sql (c, "INSERT INTO activity_partner (activity_id, agency_id, position) VALUES (%" ID ", %" ID ", 0)",
                            mine, p.politi), ==, 1);
  g_assert_cmpint (try_sql (c, "INSERT INTO activity_sector (activity_id, sector_id, position) SELECT %" ID ", min(id), 0 FROM sector",
                            p.a_politi), ==, -1);
  g_assert_cmpint (try_sql (c, "INSERT INTO activity_channel (activity_id, channel, position) VALUES (%" ID ", 'web', 0)",
                            p.a_politi), ==, -1);
  g_assert_cmpint (try_sql (c, "DELETE FROM activity_partner WHERE activity_id = %" ID, p.a_politi_with_bufdir), ==, 0);
  g_assert_cmpint (try_sql (c, "DELETE FROM activity WHERE id = %" ID, mine), ==, 1);

  /* Status for what it leads or takes part in; the history stays. */
  g_assert_cmpint (try_sql (c, "INSERT INTO status_update (activity_id, period_id, status) VALUES (%" ID ", %" ID ", 'done')",
                            p.a_bufdir, p.period), ==, 1);
  g_assert_cmpint (try_sql (c, "INSERT INTO status_update (activity_id, period_id, status) VALUES (%" ID ", %" ID ", 'delayed')",
                            p.a_politi_with_bufdir, p.period), ==, 1);
  g_assert_cmpint (try_sql (c, "INSERT INTO status_update (activity_id, period_id, status) VALUES (%" ID ", %" ID ", 'done')",
                            p.a_politi, p.period), ==, -1);
  g_assert_cmpint (try_sql (c, "UPDATE status_update SET status = 'planned'"), ==, -1);
  g_assert_cmpint (try_sql (c, "DELETE FROM status_update WHERE activity_id = %" ID, p.a_bufdir), ==, -1);

  /* The rest of the plan is the secretariat's. */
  g_assert_cmpint (try_sql (c, "UPDATE plan SET title = 'x'"), ==, -1);
  g_assert_cmpint (try_sql (c, "INSERT INTO agency (name) VALUES ('x')"), ==, -1);
  g_assert_cmpint (try_sql (c, "INSERT INTO samordna_role (role_name, kind) VALUES ('x', 'secretariat')"), ==, -1);
  g_assert_cmpint (try_sql (c, "ALTER TABLE activity DISABLE ROW LEVEL SECURITY"), ==, -1);
  g_assert_cmpint (try_sql (c, "DROP TRIGGER samordna_activity_rights ON activity"), ==, -1);
  plan_tear_down (&p);
}

/* Records a status for @activity through a store on @address and
 * returns the store, the step still to undo. */
static SamStore *
record_status (const char *address,
               gint64      activity,
               gint64      period)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) store = sam_store_open (address, &error);
  SamStatusEntry entry = { .activity_id = activity, .period_id = period, .status = "delayed", .progress = 30,
                           .comment = "Venter på midler" };

  g_assert_no_error (error);
  g_assert_true (sam_status_record (store, &entry, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

/* The status history is append-only: what an agency recorded stays as
 * recorded, whatever privileges someone grants by mistake; only the
 * secretariat takes an update back (the undo of Record Status). */
static void
test_status_history_kept (void)
{
  g_autofree char *editor = NULL, *secretariat = NULL, *reader = NULL, *misgrant = NULL, *count = NULL;
  g_autofree char *rights = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) store = NULL;
  g_autoptr(PGconn) c = NULL;
  g_autoptr(PGconn) r = NULL;
  const char *history = "SELECT count(*) FROM status_update";
  Plan p;

  if (!plan_set_up (&p))
    return;
  editor = grant (&p, "buf", SAM_SERVER_EDITOR, "Testdir");
  secretariat = grant (&p, "sek", SAM_SERVER_SECRETARIAT, NULL);
  reader = grant (&p, "les", SAM_SERVER_READER, NULL);

  /* The editor records a status, and cannot take it back. */
  store = record_status (editor, p.a_bufdir, p.period);
  count = value (p.address, history);
  g_assert_cmpstr (count, ==, "1");
  g_assert_false (sam_store_undo (store, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_ALLOWED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Ask the plan's secretariat"));
  g_clear_error (&error);
  g_clear_object (&store);
  g_free (count);
  count = value (p.address, history);
  g_assert_cmpstr (count, ==, "1");

  /* Granted the privileges and a policy by mistake, editors and readers
   * still cannot. */
  misgrant = g_strdup_printf ("GRANT UPDATE, DELETE ON status_update TO %s_editor, %s_reader; "
                              "CREATE POLICY oops ON status_update USING (true) WITH CHECK (true)", p.name, p.name);
  exec_on (p.address, misgrant);
  c = sam_test_pg_connect (editor);
  g_assert_cmpint (try_sql (c, "UPDATE status_update SET status = 'done'"), ==, -1);
  g_assert_cmpint (try_sql (c, "DELETE FROM status_update"), ==, -1);
  r = sam_test_pg_connect (reader);
  g_assert_cmpint (try_sql (r, "UPDATE status_update SET comment = 'x'"), ==, -1);
  g_assert_cmpint (try_sql (r, "DELETE FROM status_update"), ==, -1);
  g_assert_cmpint (try_sql (c, "TRUNCATE status_update"), ==, -1);
  g_free (count);
  count = value (p.address, history);
  g_assert_cmpstr (count, ==, "1");
  /* … and init takes the privileges back. */
  g_assert_true (sam_server_init (p.address, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  rights = g_strdup_printf ("SELECT has_table_privilege('%s_editor', 'status_update', 'UPDATE') "
                            "OR has_table_privilege('%s_reader', 'status_update', 'DELETE')", p.name, p.name);
  g_free (count);
  count = value (p.address, rights);
  g_assert_cmpstr (count, ==, "f");

  /* The secretariat's undo takes its update back. */
  store = record_status (secretariat, p.a_politi, p.period);
  g_free (count);
  count = value (p.address, history);
  g_assert_cmpstr (count, ==, "2");
  g_assert_true (sam_store_undo (store, &error));
  g_assert_no_error (error);
  g_free (count);
  count = value (p.address, history);
  g_assert_cmpstr (count, ==, "1");
  plan_tear_down (&p);
}

/* Sets @field of activity @id to @to through the store, as the editor
 * does, from the value the store holds. */
static void
change_field (SamStore   *store,
              gint64      id,
              const char *field,
              GVariant   *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamRecord) activity = sam_store_get (store, SAM_KIND_ACTIVITY, id, &error);

  g_assert_no_error (error);
  g_assert_true (sam_rules_update_field (store, SAM_KIND_ACTIVITY, id, field,
                                         sam_record_get_value (activity, sam_kind_field_index (SAM_KIND_ACTIVITY, field)),
                                         g_variant_ref_sink (to), &error));
  g_assert_no_error (error);
  g_variant_unref (to);
}

static char *
progress_of (Plan   *p,
             gint64  id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(progress::text, '-') FROM activity WHERE id = %" G_GINT64_FORMAT, id);

  return value (p->address, sql);
}

static char *
notes_of (Plan   *p,
          gint64  id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM activity_change WHERE activity_id = %" G_GINT64_FORMAT, id);

  return value (p->address, sql);
}

/* Asserts that activity @id's progress is @progress ("-": none) and that
 * the store has @notes notes of its changes. */
static void
assert_activity (Plan       *p,
                 gint64      id,
                 const char *progress,
                 const char *notes)
{
  g_autofree char *got_progress = progress_of (p, id);
  g_autofree char *got_notes = notes_of (p, id);

  g_assert_cmpstr (got_progress, ==, progress);
  g_assert_cmpstr (got_notes, ==, notes);
}

/* An agency's editor undoes (and redoes) a change of an activity it
 * leads, or of the status of one it takes part in, as in a file: the
 * change and the store's note of it go, and come back. Through psql it
 * may take back no note but its own. */
static void
test_editor_undoes (void)
{
  g_autofree char *editor = NULL, *secretariat = NULL, *reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) store = NULL;
  g_autoptr(SamStore) other = NULL;
  g_autoptr(PGconn) c = NULL;
  g_autoptr(PGconn) r = NULL;
  Plan p;

  if (!plan_set_up (&p))
    return;
  editor = grant (&p, "buf", SAM_SERVER_EDITOR, "Testdir");
  secretariat = grant (&p, "sek", SAM_SERVER_SECRETARIAT, NULL);
  reader = grant (&p, "les", SAM_SERVER_READER, NULL);
  store = sam_store_open (editor, &error);
  g_assert_no_error (error);

  change_field (store, p.a_bufdir, "progress", g_variant_new_int64 (60));
  assert_activity (&p, p.a_bufdir, "60", "1");
  g_assert_true (sam_store_undo (store, &error));
  g_assert_no_error (error);
  assert_activity (&p, p.a_bufdir, "-", "0");
  g_assert_true (sam_store_redo (store, &error));
  g_assert_no_error (error);
  assert_activity (&p, p.a_bufdir, "60", "1");

  /* The progress of an activity it takes part in. */
  change_field (store, p.a_politi_with_bufdir, "progress", g_variant_new_int64 (25));
  g_assert_true (sam_store_undo (store, &error));
  g_assert_no_error (error);
  assert_activity (&p, p.a_politi_with_bufdir, "-", "0");

  /* An activity it leads, deleted and brought back: the removal's note
   * goes with the undo. */
  g_assert_true (sam_rules_delete (store, SAM_KIND_ACTIVITY, p.a_bufdir, &error));
  g_assert_no_error (error);
  {
    g_autofree char *notes = notes_of (&p, p.a_bufdir);

    g_assert_cmpstr (notes, ==, "2");
  }
  g_assert_true (sam_store_undo (store, &error));
  g_assert_no_error (error);
  assert_activity (&p, p.a_bufdir, "60", "1");

  /* Through psql: its own notes only, not the secretariat's of the
   * activity it leads; a reader none. */
  other = sam_store_open (secretariat, &error);
  g_assert_no_error (error);
  change_field (other, p.a_bufdir, "due_date", g_variant_new_string ("2027-06-30"));
  c = sam_test_pg_connect (editor);
  g_assert_cmpint (try_sql (c, "DELETE FROM activity_change WHERE activity_id = %" ID " AND field = 'due_date'",
                            p.a_bufdir), ==, 0);
  r = sam_test_pg_connect (reader);
  g_assert_cmpint (try_sql (r, "DELETE FROM activity_change"), ==, -1);
  g_assert_cmpint (try_sql (c, "DELETE FROM activity_change WHERE activity_id = %" ID " AND field = 'progress'",
                            p.a_bufdir), ==, 1);
  assert_activity (&p, p.a_bufdir, "60", "1");
  plan_tear_down (&p);
}

/* Through the store's connection, a refusal says what the login may not
 * do and to whom to turn. */
static void
test_refusal_message (void)
{
  g_autofree char *address = NULL, *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SamDb) db = NULL;
  g_autoptr(SamStmt) stmt = NULL;
  Plan p;

  if (!plan_set_up (&p))
    return;
  address = grant (&p, "buf", SAM_SERVER_EDITOR, "Testdir");
  db = sam_db_pg_open (address, NULL, 0, &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("UPDATE activity SET title = ?1 WHERE id = %" ID, p.a_politi_with_bufdir);
  stmt = sam_db_prepare (db, sql, &error);
  sam_stmt_bind_text (stmt, 1, "Kapret");
  g_assert_false (sam_stmt_run (stmt, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_ALLOWED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "may not change activities"));
  g_assert_nonnull (strstr (error->message, "may change only the status and progress"));
  g_assert_nonnull (strstr (error->message, "Ask the plan's secretariat"));
  plan_tear_down (&p);
}

/* What each role may do, as the store tells the window: the answers of
 * the server's rules. */
typedef struct
{
  SamStore  *store;
  SamRecord *leads, *takes_part, *other, *agency;
} Access;

static SamRecord *
get (SamStore *store,
     SamKind   kind,
     gint64    id)
{
  g_autoptr(GError) error = NULL;
  SamRecord *record = sam_store_get (store, kind, id, &error);

  g_assert_no_error (error);
  return record;
}

static const SamAccess *
open_as (Access     *a,
         Plan       *p,
         const char *address)
{
  g_autoptr(GError) error = NULL;

  a->store = sam_store_open (address, &error);
  g_assert_no_error (error);
  a->leads = get (a->store, SAM_KIND_ACTIVITY, p->a_bufdir);
  a->takes_part = get (a->store, SAM_KIND_ACTIVITY, p->a_politi_with_bufdir);
  a->other = get (a->store, SAM_KIND_ACTIVITY, p->a_politi);
  a->agency = get (a->store, SAM_KIND_AGENCY, p->politi);
  return sam_store_get_access (a->store);
}

static void
access_clear (Access *a)
{
  g_clear_object (&a->leads);
  g_clear_object (&a->takes_part);
  g_clear_object (&a->other);
  g_clear_object (&a->agency);
  g_clear_object (&a->store);
}

/* Whether the user may do everything with the records of @a. */
static void
assert_may_do_all (Access          *a,
                   const SamAccess *access)
{
  g_assert_cmpint (sam_access_get_role (access), ==, SAM_ACCESS_SECRETARIAT);
  g_assert_true (sam_access_can_manage (access));
  g_assert_null (sam_access_describe (access));
  for (int k = 0; k < SAM_N_KINDS; k++)
    g_assert_true (sam_access_can_create (access, k));
  g_assert_true (sam_access_can_edit (access, a->other));
  g_assert_true (sam_access_can_edit_field (access, a->other, "lead_agency_id"));
  g_assert_true (sam_access_can_edit (access, a->agency));
  g_assert_true (sam_access_can_record_status (access, a->other));
  g_assert_false (sam_access_can_record_status (access, a->agency));
  g_assert_null (sam_access_explain (access, a->other));
}

static void
test_access_secretariat (void)
{
  g_autofree char *address = NULL;
  Access a = { 0 };
  Plan p;

  if (!plan_set_up (&p))
    return;
  address = grant (&p, "sek", SAM_SERVER_SECRETARIAT, NULL);
  assert_may_do_all (&a, open_as (&a, &p, address));
  access_clear (&a);
  /* The database's owner, whom no rule binds. */
  assert_may_do_all (&a, open_as (&a, &p, p.address));
  g_assert_cmpint (sam_access_get_agency (sam_store_get_access (a.store)), ==, 0);
  access_clear (&a);
  plan_tear_down (&p);
}

static void
test_access_reader (void)
{
  g_autofree char *address = NULL, *why = NULL;
  const SamAccess *access;
  Access a = { 0 };
  Plan p;

  if (!plan_set_up (&p))
    return;
  address = grant (&p, "les", SAM_SERVER_READER, NULL);
  access = open_as (&a, &p, address);
  g_assert_cmpint (sam_access_get_role (access), ==, SAM_ACCESS_READER);
  g_assert_cmpint (sam_access_get_agency (access), ==, 0);
  g_assert_false (sam_access_can_manage (access));
  for (int k = 0; k < SAM_N_KINDS; k++)
    g_assert_false (sam_access_can_create (access, k));
  g_assert_false (sam_access_can_edit (access, a.leads));
  g_assert_false (sam_access_can_edit_field (access, a.leads, "title"));
  g_assert_false (sam_access_can_edit (access, a.agency));
  g_assert_false (sam_access_can_record_status (access, a.leads));
  why = sam_access_explain (access, a.leads);
  g_assert_cmpstr (why, ==, "You can read this plan; ask the secretariat for editing rights.");
  g_assert_cmpstr (sam_access_describe (access), ==, why);
  access_clear (&a);
  plan_tear_down (&p);
}

static void
test_access_agency_editor (void)
{
  g_autofree char *address = NULL, *partner = NULL, *other = NULL, *agency = NULL;
  const SamAccess *access;
  Access a = { 0 };
  Plan p;

  if (!plan_set_up (&p))
    return;
  address = grant (&p, "buf", SAM_SERVER_EDITOR, "Testdir");
  access = open_as (&a, &p, address);
  g_assert_cmpint (sam_access_get_role (access), ==, SAM_ACCESS_EDITOR);
  g_assert_cmpint (sam_access_get_agency (access), ==, p.bufdir);
  g_assert_true (sam_access_edits_agency (access, p.bufdir));
  g_assert_false (sam_access_edits_agency (access, p.politi));
  g_assert_false (sam_access_can_manage (access));
  g_assert_nonnull (sam_access_describe (access));
  g_assert_true (sam_access_can_create (access, SAM_KIND_ACTIVITY));
  g_assert_false (sam_access_can_create (access, SAM_KIND_AGENCY));
  g_assert_false (sam_access_can_create (access, SAM_KIND_PLAN));

  /* It edits what it leads, records status where it takes part too. */
  g_assert_true (sam_access_can_edit (access, a.leads));
  g_assert_true (sam_access_can_edit_field (access, a.leads, "title"));
  g_assert_false (sam_access_can_edit_field (access, a.leads, "lead_agency_id"));
  g_assert_true (sam_access_can_record_status (access, a.leads));
  g_assert_null (sam_access_explain (access, a.leads));
  g_assert_false (sam_access_can_edit (access, a.takes_part));
  g_assert_true (sam_access_can_record_status (access, a.takes_part));
  partner = sam_access_explain (access, a.takes_part);
  g_assert_nonnull (strstr (partner, "you can record its status"));
  g_assert_false (sam_access_can_edit (access, a.other));
  g_assert_false (sam_access_can_record_status (access, a.other));
  other = sam_access_explain (access, a.other);
  g_assert_nonnull (strstr (other, "does not lead or take part"));
  g_assert_false (sam_access_can_edit (access, a.agency));
  agency = sam_access_explain (access, a.agency);
  g_assert_nonnull (strstr (agency, "Only the secretariat"));
  access_clear (&a);
  plan_tear_down (&p);
}

/* On a file its user may do everything. */
static void
test_access_file (void)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autoptr(SamStore) store = sam_test_open_new (dir, "plan.db");
  g_autoptr(GPtrArray) agencies = sam_store_list (store, SAM_KIND_AGENCY, NULL);
  g_autoptr(GPtrArray) activities = sam_store_list (store, SAM_KIND_ACTIVITY, NULL);
  const SamAccess *access = sam_store_get_access (store);

  g_assert_cmpint (sam_access_get_role (access), ==, SAM_ACCESS_SECRETARIAT);
  g_assert_true (sam_access_can_manage (access));
  g_assert_true (sam_access_can_edit (access, agencies->pdata[0]));
  g_assert_true (sam_access_can_edit (access, activities->pdata[0]));
  g_assert_true (sam_access_can_record_status (access, activities->pdata[0]));
  g_assert_null (sam_access_describe (access));
  g_clear_object (&store);
  sam_test_remove_dir (dir);
}

/* A new grant replaces the login's role in this plan. */
static void
test_grant_replaces (void)
{
  g_autofree char *address = NULL, *again = NULL;
  g_autoptr(PGconn) c = NULL;
  Plan p;

  if (!plan_set_up (&p))
    return;
  address = grant (&p, "buf", SAM_SERVER_EDITOR, "Testdir");
  again = grant (&p, "buf", SAM_SERVER_READER, NULL);
  g_assert_cmpstr (address, ==, again);
  c = sam_test_pg_connect (address);
  g_assert_cmpint (try_sql (c, "UPDATE activity SET title = 'x' WHERE id = %" ID, p.a_bufdir), ==, -1);
  g_assert_cmpint (try_sql (c, "SELECT * FROM activity"), ==, p.n_activities);
  plan_tear_down (&p);
}

/* A login with no role here reads nothing. */
static void
test_no_role (void)
{
  g_autofree char *login = NULL, *sql = NULL, *address = NULL;
  g_autoptr(PGconn) c = NULL;
  Plan p;

  if (!plan_set_up (&p))
    return;
  login = g_strdup_printf ("%s_fremmed", p.name);
  sql = g_strdup_printf ("CREATE ROLE %s LOGIN", login);
  exec_on (p.address, sql);
  address = sam_test_pg_address_with (p.address, "user", login);
  c = sam_test_pg_connect (address);
  g_assert_cmpint (try_sql (c, "SELECT * FROM activity"), ==, -1);
  g_assert_cmpint (try_sql (c, "SELECT * FROM agency"), ==, -1);
  plan_tear_down (&p);
}

typedef struct
{
  const char    *name;
  const char    *login;     /* NULL: the plan's own login name */
  SamServerRole  role;
  const char    *agency;
  const char    *says;
} BadGrant;

static const BadGrant bad_grants[] = {
  { "editor-without-agency", NULL, SAM_SERVER_EDITOR, NULL, "give the agency's short name after the role" },
  { "reader-with-agency", NULL, SAM_SERVER_READER, "Testdir", "The role reader is for the whole plan" },
  { "unknown-agency", NULL, SAM_SERVER_EDITOR, "Bufetat", "No agency in" },
  { "group-role", "editor", SAM_SERVER_READER, NULL, "cannot log in" },
  { "empty-login", "", SAM_SERVER_READER, NULL, "cannot be a login" },
};

static void
test_grant_refuses (gconstpointer data)
{
  const BadGrant *bad = data;
  g_autofree char *login = NULL, *before = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  const char *roles = "SELECT count(*) FROM pg_auth_members";
  Plan p;

  if (!plan_set_up (&p))
    return;
  login = bad->login == NULL ? g_strdup_printf ("%s_anne", p.name)
          : *bad->login ? g_strdup_printf ("%s_%s", p.name, bad->login) : g_strdup ("");
  before = value (p.address, roles);
  g_assert_false (sam_server_grant (p.address, NULL, login, bad->role, bad->agency, NULL, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, bad->says));
  after = value (p.address, roles);
  g_assert_cmpstr (after, ==, before);
  plan_tear_down (&p);
}

static void
test_role_words (void)
{
  g_autoptr(GError) error = NULL;
  SamServerRole role = -1;

  g_assert_true (sam_server_role_parse ("Secretariat", &role, &error));
  g_assert_cmpint (role, ==, SAM_SERVER_SECRETARIAT);
  g_assert_true (sam_server_role_parse ("editor", &role, &error));
  g_assert_cmpint (role, ==, SAM_SERVER_EDITOR);
  g_assert_false (sam_server_role_parse ("admin", &role, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“admin” is not a role"));
}

/* Grant needs a plan: an empty database says how to set one up. */
static void
test_grant_needs_plan (void)
{
  g_autofree char *address = sam_test_pg_new_database ();
  g_autoptr(GError) error = NULL;

  if (!address)
    return;
  g_assert_false (sam_server_grant (address, NULL, "anne", SAM_SERVER_READER, NULL, NULL, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_SAMORDNA);
  g_assert_nonnull (strstr (error->message, "samordna server init"));
  sam_test_pg_drop_database (address);
}

/* The command line: samordna server init and grant, and what they say
 * on bad input. */
static void
test_cli (void)
{
  g_autofree char *address = sam_test_pg_new_database ();
  g_autofree char *name = NULL, *login = NULL, *member = NULL, *sql = NULL, *after = NULL;
  g_auto(SamTestRun) run = { 0 };

  if (!address)
    return;
  name = database_name (address);
  login = g_strdup_printf ("%s_kari", name);

  sam_test_run_samordna (&run, (const char *[]) { "server", "init", "--database", address, NULL });
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 0);
  g_assert_nonnull (strstr (run.out, "Set up Samordna's plan"));
  sam_test_run_clear (&run);
  sam_test_run_samordna (&run, (const char *[]) { "server", "init", "--database", address, NULL });
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 0);
  g_assert_nonnull (strstr (run.out, "was up to date"));
  sam_test_run_clear (&run);

  sam_test_run_samordna (&run, (const char *[]) { "server", "grant", "--database", address, login, "editor", "Bufdir", NULL });
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 0);
  g_assert_nonnull (strstr (run.out, "Made the login"));
  g_assert_nonnull (strstr (run.out, "now edits for Bufdir"));
  sql = g_strdup_printf ("SELECT string_agg(g.rolname, ' ') FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                         "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = '%s'", login);
  member = value (address, sql);
  g_assert_true (g_str_has_prefix (member, name));
  g_assert_nonnull (strstr (member, "_agency_"));
  sam_test_run_clear (&run);

  /* Bad input: one line that says what to do, status 2, nothing changed. */
  sam_test_run_samordna (&run, (const char *[]) { "server", "grant", "--database", address, login, "admin", NULL });
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 2);
  g_assert_nonnull (strstr (run.err, "“admin” is not a role"));
  sam_test_run_clear (&run);
  sam_test_run_samordna (&run, (const char *[]) { "server", "grant", "--database", address, login, NULL });
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 2);
  g_assert_nonnull (strstr (run.err, "Give a login and its role"));
  sam_test_run_clear (&run);
  sam_test_run_samordna (&run, (const char *[]) { "server", "init", NULL });
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 2);
  g_assert_nonnull (strstr (run.err, "--database ADDRESS"));
  sam_test_run_clear (&run);
  sam_test_run_samordna (&run, (const char *[]) { "server", "start", NULL });
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 2);
  g_assert_nonnull (strstr (run.err, "samordna server init --database ADDRESS"));
  after = value (address, sql);
  g_assert_cmpstr (after, ==, member);
  sam_test_pg_drop_database (address);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pg-server/init/creates", test_init_creates);
  g_test_add_func ("/pg-server/init/upgrades", test_init_upgrades);
  for (guint i = 0; i < G_N_ELEMENTS (bad_inits); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pg-server/init/refuses/%s", bad_inits[i].name);
      g_test_add_data_func (path, &bad_inits[i], test_init_refuses);
    }
  g_test_add_func ("/pg-server/init/refuses/encoding", test_init_refuses_encoding);
  g_test_add_func ("/pg-server/init/not-allowed", test_init_not_allowed);
  g_test_add_func ("/pg-server/init/unreachable", test_init_unreachable);
  g_test_add_func ("/pg-server/grant/role-words", test_role_words);
  g_test_add_func ("/pg-server/grant/needs-plan", test_grant_needs_plan);
  for (guint i = 0; i < G_N_ELEMENTS (bad_grants); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pg-server/grant/refuses/%s", bad_grants[i].name);
      g_test_add_data_func (path, &bad_grants[i], test_grant_refuses);
    }
  g_test_add_func ("/pg-server/grant/replaces", test_grant_replaces);
  g_test_add_func ("/pg-server/rights/reader", test_reader);
  g_test_add_func ("/pg-server/rights/secretariat", test_secretariat);
  g_test_add_func ("/pg-server/rights/agency-editor", test_agency_editor);
  g_test_add_func ("/pg-server/rights/no-role", test_no_role);
  g_test_add_func ("/pg-server/rights/refusal-message", test_refusal_message);
  g_test_add_func ("/pg-server/rights/status-history-kept", test_status_history_kept);
  g_test_add_func ("/pg-server/rights/editor-undoes", test_editor_undoes);
  g_test_add_func ("/pg-server/access/file", test_access_file);
  g_test_add_func ("/pg-server/access/secretariat", test_access_secretariat);
  g_test_add_func ("/pg-server/access/reader", test_access_reader);
  g_test_add_func ("/pg-server/access/agency-editor", test_access_agency_editor);
  g_test_add_func ("/pg-server/cli", test_cli);
  return g_test_run ();
}
