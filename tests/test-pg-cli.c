/* The commands for scripts on a plan on a PostgreSQL server (issue 17):
 * check, report, forms and import with --database ADDRESS give what they
 * give on a file that holds the same plan, and a server that cannot be
 * used is said in one line. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "store/sam-server.h"
#include "sam-test-pg.h"
#include "sam-test-util.h"

typedef struct
{
  char *address;   /* a plan on the test cluster, set up by server init */
  char *dir;
  char *file;      /* a new file: the same default plan */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) store = NULL;

  f->address = sam_test_pg_new_database ();
  g_assert_true (sam_server_init (f->address, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  f->dir = sam_test_make_dir ();
  store = sam_test_open_new (f->dir, "plan.db");
  f->file = g_strdup (sam_store_get_path (store));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sam_test_pg_drop_database (f->address);
  sam_test_remove_dir (f->dir);
  g_free (f->address);
  g_free (f->dir);
  g_free (f->file);
}

/* The check prints the same failures for the plan on the server as for
 * the file. */
static void
test_check (Fixture       *f,
            gconstpointer  data)
{
  g_auto(SamTestRun) on_file = { 0 };
  g_auto(SamTestRun) on_server = { 0 };

  sam_test_run_samordna (&on_file, (const char *[]) { "check", "--database", f->file, NULL });
  sam_test_run_samordna (&on_server, (const char *[]) { "check", "--database", f->address, NULL });
  g_test_message ("%s", on_server.err);
  g_assert_cmpint (sam_test_run_exit_code (&on_server), ==, sam_test_run_exit_code (&on_file));
  g_assert_cmpstr (on_server.err, ==, "");
  g_assert_cmpstr (on_server.out, ==, on_file.out);
}

/* Every cell of every sheet of the workbook at @path, as text, one a
 * line, as openpyxl reads them. */
static char *
workbook_text (const char *path)
{
  const char *dump = "import sys, openpyxl\n"
                     "wb = openpyxl.load_workbook(sys.argv[1])\n"
                     "for ws in wb.worksheets:\n"
                     "    print('[%s]' % ws.title)\n"
                     "    for row in ws.iter_rows():\n"
                     "        for c in row:\n"
                     "            if c.value is not None:\n"
                     "                print('%s=%r' % (c.coordinate, c.value))\n";
  const char *argv[] = { "/usr/bin/python3", "-c", dump, path, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* Reports @period as at @today in @language from the file and from the
 * server, and asserts that every cell is the same. */
static void
assert_same_report (Fixture    *f,
                    const char *period,
                    const char *today,
                    const char *language)
{
  g_autofree char *file_out = g_build_filename (f->dir, "file.xlsx", NULL);
  g_autofree char *server_out = g_build_filename (f->dir, "server.xlsx", NULL);
  g_autofree char *file_text = NULL, *server_text = NULL;
  g_auto(GStrv) file_lines = NULL;
  g_auto(GStrv) server_lines = NULL;
  g_auto(SamTestRun) run = { 0 };

  sam_test_run_samordna (&run, (const char *[]) { "report", "--database", f->file, "--output", file_out,
                                                  "--period", period, "--today", today, "--language", language,
                                                  NULL });
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 0);
  sam_test_run_clear (&run);
  sam_test_run_samordna (&run, (const char *[]) { "report", "--database", f->address, "--output", server_out,
                                                  "--period", period, "--today", today, "--language", language,
                                                  NULL });
  g_test_message ("%s", run.err);
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 0);
  file_text = workbook_text (file_out);
  server_text = workbook_text (server_out);
  g_assert_cmpuint (strlen (server_text), >, 1000);
  file_lines = g_strsplit (file_text, "\n", -1);
  server_lines = g_strsplit (server_text, "\n", -1);
  for (guint i = 0; file_lines[i] || server_lines[i]; i++)
    {
      g_assert_nonnull (file_lines[i]);
      g_assert_cmpstr (server_lines[i], ==, file_lines[i]);
    }
}

/* The report on the server holds what the report on the file holds. */
static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  assert_same_report (f, "2026-T1", "2026-05-15", "nb");
}

/* A period closed on the server reports what one closed on the file
 * does, in either language, the period after it too. */
static void
test_closed_report (Fixture       *f,
                    gconstpointer  data)
{
  static const char same_time[] = "UPDATE period_closing SET closed_at = '2026-05-15T12:00:00'";
  const char *places[] = { f->file, f->address };
  g_autoptr(PGconn) conn = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      g_auto(SamTestRun) run = { 0 };

      sam_test_run_samordna (&run, (const char *[]) { "period", "close", "2026-T1", "--database", places[i], NULL });
      g_test_message ("%s", run.err);
      g_assert_cmpint (sam_test_run_exit_code (&run), ==, 0);
    }
  /* Closed a moment apart: the same moment, for the Summary's line. */
  sam_test_sql (f->file, same_time);
  conn = sam_test_pg_connect (f->address);
  sam_test_pg_exec (conn, same_time);
  assert_same_report (f, "2026-T1", "2026-05-15", "en");
  assert_same_report (f, "2026-T1", "2026-05-15", "nb");
  assert_same_report (f, "2026-T2", "2026-09-15", "en");
}

/* Forms written from the server, filled in by an agency and imported
 * back record the status on the server. */
static void
test_forms_and_import (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "forms", NULL);
  g_autofree char *filled = g_build_filename (f->dir, "filled.xlsx", NULL);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "forms", "fill-form.py", NULL);
  g_autofree char *before = NULL, *after = NULL, *form = NULL, *latest = NULL, *rounds = NULL;
  g_autoptr(PGconn) conn = sam_test_pg_connect (f->address);
  g_auto(SamTestRun) run = { 0 };
  const char *count = "SELECT count(*) FROM status_update";
  g_auto(GStrv) lines = NULL;
  int status = 0;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  sam_test_run_samordna (&run, (const char *[]) { "forms", "--database", f->address, "--period", "2026-T1",
                                                  "--output", folder, "--agency", "Bufdir", "--language", "nb", NULL });
  g_test_message ("%s", run.err);
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 0);
  lines = g_strsplit (g_strstrip (run.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  form = g_strdup (lines[0]);
  g_assert_true (g_file_test (form, G_FILE_TEST_IS_REGULAR));
  rounds = sam_test_pg_value (conn, "SELECT count(*) FROM reporting_round");
  g_assert_cmpstr (rounds, ==, "1");
  sam_test_run_clear (&run);

  {
    const char *argv[] = { "/usr/bin/python3", script, form, filled, "G6=s:Forsinket", "H6=n:20", NULL };
    g_autoptr(GError) error = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  before = sam_test_pg_value (conn, count);
  sam_test_run_samordna (&run, (const char *[]) { "import", "--database", f->address, filled, NULL });
  g_test_message ("%s%s", run.out, run.err);
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 0);
  /* Bufdir leads three activities; the first was changed, and the others
   * came back as they were written, so they are not recorded again. */
  g_assert_nonnull (strstr (run.out, "3 rows answered, 1 change, 2 unchanged, applied"));
  after = sam_test_pg_value (conn, count);
  g_assert_cmpint (g_ascii_strtoll (after, NULL, 10), ==, g_ascii_strtoll (before, NULL, 10) + 1);
  latest = sam_test_pg_value (conn, "SELECT string_agg(status || ' ' || progress, ', ') FROM status_update WHERE status = 'delayed'");
  g_assert_cmpstr (latest, ==, "delayed 20");
}

/* A server that cannot be used is said in one line, status 2. */
static void
test_bad_server (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *nowhere = g_strdup_printf ("postgresql:///plan?host=%s", f->dir);
  g_autofree char *empty = sam_test_pg_new_database ();
  g_auto(SamTestRun) run = { 0 };

  sam_test_run_samordna (&run, (const char *[]) { "check", "--database", nowhere, NULL });
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "samordna: Could not connect to the server of"));
  g_assert_nonnull (strstr (run.err, "that the server is running"));
  sam_test_run_clear (&run);

  sam_test_run_samordna (&run, (const char *[]) { "report", "--database", empty, "--output", "x.xlsx", NULL });
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 2);
  g_assert_nonnull (strstr (run.err, "is an empty database, with no Samordna plan"));
  g_assert_nonnull (strstr (run.err, "samordna server init"));
  g_assert_false (g_file_test ("x.xlsx", G_FILE_TEST_EXISTS));
  sam_test_pg_drop_database (empty);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/pg-cli/check", test_check);
  ADD ("/pg-cli/report", test_report);
  ADD ("/pg-cli/closed-report", test_closed_report);
  ADD ("/pg-cli/forms-and-import", test_forms_and_import);
  ADD ("/pg-cli/bad-server", test_bad_server);
  return g_test_run ();
}
