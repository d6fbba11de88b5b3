/* A database file from anywhere (issue 11): whatever a file holds, opening
 * it, `samordna check` and `samordna report` never crash, hang, run SQL the
 * file brings, change the file, or report from a damaged one. Each test
 * builds its bad file itself, with SQL or sqlite3's C API; the numbers in
 * the test paths are those of the cases.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/file.h>
#include <fcntl.h>
#include <utime.h>
#include <unistd.h>

#include "models/sam-matrix-rows.h"
#include "report/sam-report.h"
#include "store/sam-coordination.h"
#include "store/sam-store-private.h"
#include "sam-test-util.h"

typedef struct
{
  char *dir;
  char *path;       /* the database */
  char *output;     /* where a report would go */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = sam_test_make_dir ();
  f->path = g_build_filename (f->dir, "plan.db", NULL);
  f->output = g_build_filename (f->dir, "report.xlsx", NULL);
  sam_test_make_good (f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sam_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->output);
}

/* What a refused file must see: the store refuses it with @code and a
 * message that names the file and says @says; `samordna check` and
 * `samordna report` refuse it too, in one line on stderr with exit status
 * 2 and no report written; and the file and its folder are as they were. */
static void
assert_refused (Fixture     *f,
                int          code,
                const char  *says)
{
  g_autoptr(GBytes) before = sam_test_read_file (f->path);
  g_auto(GStrv) names = sam_test_list_dir (f->dir);
  g_auto(GStrv) names_after = NULL;
  g_auto(SamTestRun) check = { 0 }, report = { 0 };

  for (int later = 0; later <= 1; later++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SamStore) store = sam_store_open_with_flags (f->path, later ? SAM_STORE_OPEN_CHECK_LATER : 0,
                                                             &error);

      g_assert_null (store);
      g_assert_error (error, SAM_STORE_ERROR, code);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, f->path));
      g_assert_nonnull (strstr (error->message, says));
    }

  sam_test_run_samordna (&check, (const char *[]) { "check", "--database", f->path, NULL });
  g_assert_cmpint (sam_test_run_exit_code (&check), ==, 2);
  g_assert_cmpstr (check.out, ==, "");
  g_assert_nonnull (strstr (check.err, says));
  sam_test_run_samordna (&report, (const char *[]) { "report", "--database", f->path, "--output", f->output, NULL });
  g_assert_cmpint (sam_test_run_exit_code (&report), ==, 2);
  g_assert_nonnull (strstr (report.err, says));
  g_assert_false (g_file_test (f->output, G_FILE_TEST_EXISTS));

  g_assert_true (sam_test_same_file (before, f->path));
  names_after = sam_test_list_dir (f->dir);
  g_assert_cmpstrv (names, names_after);
}

/* 1. Database versions no Samordna writes */

typedef struct
{
  const char *name;
  const char *version;
} VersionCase;

static const VersionCase versions[] = {
  { "minus-a-million", "-1000000" },
  { "minus-five", "-5" },
  { "minus-one", "-1" },
  { "lowest", "-2147483648" },
  { "zero-on-a-full-file", "0" },
};

static void
test_version (Fixture       *f,
              gconstpointer  data)
{
  const VersionCase *c = data;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %s", c->version);
  g_autofree char *says = g_strdup_printf ("its database version (%s)", c->version);

  sam_test_sql (f->path, sql);
  assert_refused (f, SAM_STORE_ERROR_CORRUPT, says);
}

/* 2. A report written over the database */

typedef struct
{
  const char *name;
  const char *target;   /* relative to the folder; a link's target after "->" */
  const char *link;     /* NULL, "soft" or "hard": @target is made a link to the database */
} OntoCase;

static const OntoCase onto_cases[] = {
  { "same-path", "plan.db", NULL },
  { "other-path", "./sub/../plan.db", NULL },
  { "folder-link", "lenke/plan.db", NULL },
  { "symbolic-link", "rapport.xlsx", "soft" },
  { "hard-link", "rapport.xlsx", "hard" },
  { "wal", "plan.db-wal", NULL },
  { "shm", "plan.db-shm", NULL },
  { "journal", "plan.db-journal", NULL },
  { "wal-through-folder-link", "lenke/plan.db-wal", NULL },
};

static void
test_report_onto_database (Fixture       *f,
                           gconstpointer  data)
{
  const OntoCase *c = data;
  g_autofree char *target = g_build_filename (f->dir, c->target, NULL);
  g_autofree char *sub = g_build_filename (f->dir, "sub", NULL);
  g_autofree char *folder_link = g_build_filename (f->dir, "lenke", NULL);
  g_autoptr(GBytes) before = sam_test_read_file (f->path);
  g_autoptr(SamStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(SamTestRun) run = { 0 };
  SamReportOptions options = { .check_store = TRUE };

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_cmpint (symlink (f->dir, folder_link), ==, 0);
  if (g_strcmp0 (c->link, "soft") == 0)
    g_assert_cmpint (symlink (f->path, target), ==, 0);
  else if (g_strcmp0 (c->link, "hard") == 0)
    g_assert_cmpint (link (f->path, target), ==, 0);

  store = sam_store_open_with_flags (f->path, SAM_STORE_OPEN_CHECK_LATER, &error);
  g_assert_no_error (error);
  g_assert_false (sam_report_write (store, &options, target, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SAM_REPORT_ERROR, SAM_REPORT_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, target));
  g_assert_nonnull (strstr (error->message, "Choose another name for the report"));
  g_clear_object (&store);
  g_assert_true (sam_test_same_file (before, f->path));

  /* The command line says the same, as a bad option. */
  sam_test_run_samordna (&run, (const char *[]) { "report", "--database", f->path, "--output", target, NULL });
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 2);
  g_assert_nonnull (strstr (run.err, "Choose another name for the report"));
  g_assert_true (sam_test_same_file (before, f->path));
  g_clear_error (&error);
  store = sam_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sam_store_count (store, SAM_KIND_MEASURE), ==, 4);
}

/* 3. Damage only the full integrity check finds */

typedef struct
{
  const char *name;
  const char *sql;
  const char *says;
} DamageCase;

static const DamageCase damage_cases[] = {
  /* An index that lacks a row: queries that use it miss an activity (the
   * Overview showed an empty measure, the report 33 of 44 activities), and
   * only PRAGMA integrity_check looks inside indexes. Made as a partial
   * index, then given the full index's text. */
  { "index-lacks-rows",
    "DROP INDEX activity_overview;"
    "CREATE INDEX activity_overview ON activity (plan_id, status, progress, due_date) WHERE id % 4 <> 0;"
    "PRAGMA writable_schema = ON;"
    "UPDATE sqlite_schema SET sql = 'CREATE INDEX activity_overview ON activity (plan_id, status, progress, due_date)' "
    "WHERE name = 'activity_overview'",
    "missing from index activity_overview" },
  /* A value its CHECK constraint forbids, which read-only connections do
   * not see. */
  { "progress-out-of-range",
    "PRAGMA ignore_check_constraints = ON;"
    "UPDATE activity SET progress = 500 WHERE id = (SELECT min(id) FROM activity)",
    "CHECK constraint failed in activity" },
};

static void
got_result_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static void
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
assert_damaged_error (const GError *error,
                      const char   *says)
{
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "is damaged"));
  g_assert_nonnull (strstr (error->message, says));
}

/* Opening checks the whole file; a store opened with the check left for
 * later fails it when it comes, in the background as in the window, and
 * every report from it fails without leaving a file: on one connection,
 * on several, and in a thread as the window writes it. */
static void
test_damage (Fixture       *f,
             gconstpointer  data)
{
  const DamageCase *c = data;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(SamStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) checked = NULL, written = NULL;
  g_auto(GStrv) names = NULL, names_after = NULL;
  g_auto(SamTestRun) check = { 0 }, report = { 0 };
  SamReportOptions options = { .check_store = TRUE };

  sam_test_sql (f->path, c->sql);
  before = sam_test_read_file (f->path);
  names = sam_test_list_dir (f->dir);

  store = sam_store_open (f->path, &error);
  g_assert_null (store);
  assert_damaged_error (error, c->says);
  g_clear_error (&error);

  store = sam_store_open_with_flags (f->path, SAM_STORE_OPEN_CHECK_LATER, &error);
  g_assert_no_error (error);
  sam_store_check_async (store, NULL, got_result_cb, &checked);
  wait_for (&checked);
  g_assert_false (sam_store_check_finish (checked, &error));
  assert_damaged_error (error, c->says);
  g_clear_error (&error);

  for (int one = 0; one <= 1; one++)
    {
      if (one)
        g_setenv ("SAMORDNA_REPORT_ONE_CONNECTION", "1", TRUE);
      g_assert_false (sam_report_write (store, &options, f->output, NULL, NULL, NULL, NULL, &error));
      g_unsetenv ("SAMORDNA_REPORT_ONE_CONNECTION");
      assert_damaged_error (error, c->says);
      g_clear_error (&error);
    }
  /* The same when the check's thread, on an idle core only, gets no
   * processor time: the report checks the file on its own thread. */
  g_setenv ("SAMORDNA_TEST_CHECK_STALLS", "1", TRUE);
  g_assert_false (sam_report_write (store, &options, f->output, NULL, NULL, NULL, NULL, &error));
  g_unsetenv ("SAMORDNA_TEST_CHECK_STALLS");
  assert_damaged_error (error, c->says);
  g_clear_error (&error);
  sam_report_write_async (store, &options, f->output, NULL, NULL, NULL, NULL, got_result_cb, &written);
  wait_for (&written);
  g_assert_false (sam_report_write_finish (written, NULL, &error));
  assert_damaged_error (error, c->says);
  g_clear_object (&store);

  sam_test_run_samordna (&check, (const char *[]) { "check", "--database", f->path, NULL });
  g_assert_cmpint (sam_test_run_exit_code (&check), ==, 2);
  g_assert_cmpstr (check.out, ==, "");
  g_assert_nonnull (strstr (check.err, c->says));
  sam_test_run_samordna (&report, (const char *[]) { "report", "--database", f->path, "--output", f->output, NULL });
  g_assert_cmpint (sam_test_run_exit_code (&report), ==, 2);
  g_assert_nonnull (strstr (report.err, c->says));

  g_assert_true (sam_test_same_file (before, f->path));
  names_after = sam_test_list_dir (f->dir);
  g_assert_cmpstrv (names, names_after);
}

/* 4. A schema another program made */

typedef struct
{
  const char *name;
  const char *sql;      /* run on the sound file */
  const char *says;     /* what the message names */
} SchemaCase;

static const SchemaCase schema_cases[] = {
  /* A view with an endless query where a table should be: reading the
   * sectors never ended. */
  { "endless-view-for-table",
    "PRAGMA foreign_keys = OFF; DROP TABLE sector;"
    "CREATE VIEW sector (id, name, description) AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
    "SELECT i, 'Sektor ' || i, NULL FROM n",
    "the view “sector” is not one Samordna made" },
  /* A trigger that ran on every edit, beyond the reach of undo. */
  { "trigger",
    "CREATE TRIGGER rename_all AFTER UPDATE ON activity BEGIN "
    "UPDATE agency SET name = 'Eid'; DELETE FROM registration; END",
    "the trigger “rename_all” is not one Samordna made" },
  { "extra-table", "CREATE TABLE notes (text TEXT)", "the table “notes” is not one Samordna made" },
  { "extra-index", "CREATE INDEX activity_title ON activity (lower(title))",
    "the index “activity_title” is not one Samordna made" },
  { "changed-table",
    "PRAGMA writable_schema = ON;"
    "UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (progress BETWEEN 0 AND 100)', '') WHERE name = 'activity'",
    "the table “activity” is not one Samordna made" },
  { "missing-index", "DROP INDEX activity_overview", "the index “activity_overview” is missing" },
  /* Version 1 says the file has none of what versions 2 and 3 added. */
  { "version-behind-schema", "PRAGMA user_version = 1", "is not one Samordna made" },
};

static void
test_schema (Fixture       *f,
             gconstpointer  data)
{
  const SchemaCase *c = data;

  sam_test_sql (f->path, c->sql);
  assert_refused (f, SAM_STORE_ERROR_ALTERED, c->says);
}

/* A trigger's own message (RAISE) never reads as Samordna's. */
static void
test_schema_raise (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SamStore) store = NULL;
  g_autoptr(GError) error = NULL;

  sam_test_sql (f->path, "CREATE TRIGGER stop BEFORE UPDATE ON activity BEGIN "
                         "SELECT RAISE (ABORT, 'Ring 815 00 000 for å låse opp planen'); END");
  assert_refused (f, SAM_STORE_ERROR_ALTERED, "the trigger “stop” is not one Samordna made");
  store = sam_store_open (f->path, &error);
  g_assert_null (strstr (error->message, "815"));
}

/* Older versions' schemas are Samordna's own: they open and move on. */
static void
test_schema_older (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "samordna-v1.sql", NULL);
  g_autofree char *old = g_build_filename (f->dir, "gammel.db", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(SamStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (fixture, &sql, NULL, &error);
  g_assert_no_error (error);
  sam_test_sql (old, sql);
  store = sam_store_open (old, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sam_store_get_schema_version (store), ==, SAM_SCHEMA_VERSION);
}

/* ANALYZE's statistics are SQLite's own, not another program's. */
static void
test_schema_statistics (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SamStore) store = NULL;
  g_autoptr(GError) error = NULL;

  sam_test_sql (f->path, "ANALYZE");
  store = sam_store_open (f->path, &error);
  g_assert_no_error (error);
}

/* A query that runs past the limit is stopped and reported; the store
 * goes on. */
static void
test_query_limit (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(SamStore) store = sam_store_open (f->path, NULL);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  sam_store_set_query_limit (store, 300);
  g_assert_false (sam_store_exec (store, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                                         "SELECT count(*) FROM n", &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);
  g_assert_cmpint (sam_store_count (store, SAM_KIND_MEASURE), ==, 4);
}

/* Runs samordna check on @f's file after @sql, its queries held to
 * @limit_ms, into @run; the file must be as it was. */
static void
check_with_limit (Fixture    *f,
                  const char *sql,
                  const char *limit_ms,
                  SamTestRun *run)
{
  g_autoptr(GBytes) before = NULL;

  sam_test_sql (f->path, sql);
  before = sam_test_read_file (f->path);
  g_setenv ("SAMORDNA_QUERY_LIMIT_MS", limit_ms, TRUE);
  sam_test_run_samordna (run, (const char *[]) { "check", "--database", f->path, NULL });
  g_unsetenv ("SAMORDNA_QUERY_LIMIT_MS");
  g_assert_true (sam_test_same_file (before, f->path));
}

/* Data made to be slow: ministries nested thousands deep made the checks
 * run for hours, each ministry paired in SQL with every agency below it.
 * The check of what the strategy gives each ministry now walks up from the
 * agencies that act, and finishes with its findings. */
static void
test_query_limit_deep_ministries (Fixture       *f,
                                  gconstpointer  data)
{
  g_auto(SamTestRun) run = { 0 };

  check_with_limit (f, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
                       "INSERT INTO agency (id, name, kind, parent_id) "
                       "SELECT 100000 + i, 'Departement ' || i, 'ministry', CASE WHEN i > 1 THEN 99999 + i END FROM n",
                    "1000", &run);
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 1);
  g_assert_null (strstr (run.err, "was stopped"));
  g_assert_nonnull (strstr (run.out, "Departement 3000"));
}

/* A check that runs past the limit stops with a message, the file as it
 * was: 500,000 target groups nested in one chain, which the check of
 * the groups nothing reaches walks up and down (half a second). */
static void
test_query_limit_checks (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(SamTestRun) run = { 0 };

  check_with_limit (f, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500000) "
                       "INSERT INTO target_group (id, name, parent_id) "
                       "SELECT 100000 + i, 'Gruppe ' || i, CASE WHEN i > 1 THEN 99999 + i END FROM n",
                    "100", &run);
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 2);
  g_assert_nonnull (strstr (run.err, "was stopped"));
  g_assert_cmpstr (run.out, ==, "");
}

/* 5. Control characters and broken UTF-8 in what goes into the workbook */

/* Reads @path with openpyxl and with a strict XML parser for every part,
 * the document properties included; returns what openpyxl says of the
 * properties, or fails the test. */
static char *
read_workbook (const char *path)
{
  static const char script[] =
    "import sys, zipfile, xml.dom.minidom\n"
    "import openpyxl\n"
    "with zipfile.ZipFile(sys.argv[1]) as z:\n"
    "    for name in z.namelist():\n"
    "        if name.endswith('.xml') or name.endswith('.rels'):\n"
    "            xml.dom.minidom.parseString(z.read(name))\n"
    "wb = openpyxl.load_workbook(sys.argv[1])\n"
    "p = wb.properties\n"
    "print('title', p.title, 'keywords', p.keywords, 'category', p.category, sep='\\n')\n"
    "print('sheets', *wb.sheetnames, sep='\\n')\n";
  const char *argv[] = { "/usr/bin/python3", "-c", script, path, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL, *err = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("The workbook does not read: %s", err);
  g_free (err);
  return out;
}

static void
test_workbook_text (Fixture       *f,
                    gconstpointer  data)
{
  static const char period[] = "2026-T9\001\377";
  g_autoptr(SamStore) store = NULL;
  g_autoptr(SamScope) scope = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *said = NULL;
  g_auto(SamTestRun) run = { 0 };
  SamReportOptions options = { .period = period, .check_store = TRUE };
  gboolean ok;

  sam_test_sql (f->path,
                "UPDATE strategy SET title = 'Strategi' || char(11) || CAST(X'C3' AS TEXT);"
                "UPDATE agency SET name = 'Bufdir' || char(1) || CAST(X'FF' AS TEXT) || char(27) || '[31m' "
                "WHERE short_name = 'Bufdir';"
                "UPDATE plan SET title = title || char(2) || CAST(X'EDA080' AS TEXT);"
                "UPDATE measure SET title = title || char(8);"
                "UPDATE sector SET name = name || char(31);"
                "UPDATE target_group SET name = CAST(X'FEFF' AS TEXT) || name;"
                "INSERT INTO reporting_period (code, start_date, end_date) "
                "VALUES ('2026-T9' || char(1) || CAST(X'FF' AS TEXT), '2026-01-01', '2026-12-31')");
  store = sam_store_open_with_flags (f->path, SAM_STORE_OPEN_CHECK_LATER, &error);
  g_assert_no_error (error);
  for (int agency = 0; agency <= 1; agency++)
    {
      g_free (said);
      g_clear_pointer (&scope, sam_scope_free);
      scope = agency ? sam_scope_parse (store, "agency:Bufdir", &error) : NULL;
      g_assert_no_error (error);
      options.scope = scope;
      ok = sam_report_write (store, &options, f->output, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
      said = read_workbook (f->output);
      g_test_message ("%s", said);
      g_assert_nonnull (strstr (said, "2026-T9\357\277\275"));
    }
  g_assert_nonnull (strstr (said, "Bufdir\357\277\275"));

  /* The command line writes the same, in Norwegian too. */
  sam_test_run_samordna (&run, (const char *[]) { "report", "--database", f->path, "--output", f->output,
                                                  "--scope", "agency:Bufdir", "--language", "nb", NULL });
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 0);
  g_free (said);
  said = read_workbook (f->output);
  g_assert_nonnull (strstr (said, "Ansvar"));
}

/* 6. Symbolic links */

/* A folder reached through a link, as a synced folder or a home on another
 * disk often is: existing files open, new ones are made there, and
 * messages name the path the user gave, never a temporary file. */
static void
test_linked_folder (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *link = g_build_filename (f->dir, "lenke", NULL);
  g_autofree char *linked = g_build_filename (link, "plan.db", NULL);
  g_autofree char *fresh = g_build_filename (link, "ny.db", NULL);
  g_autofree char *bad = g_build_filename (link, "notater.db", NULL);
  g_autoptr(SamStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  g_assert_cmpint (symlink (f->dir, link), ==, 0);
  store = sam_store_open (linked, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sam_store_count (store, SAM_KIND_MEASURE), ==, 4);
  g_assert_cmpstr (sam_store_get_path (store), ==, linked);
  g_clear_object (&store);

  store = sam_store_open (fresh, &error);
  if (error)
    g_assert_null (strstr (error->message, ".new-"));
  g_assert_no_error (error);
  g_assert_cmpint (sam_store_count (store, SAM_KIND_MEASURE), ==, 4);
  g_clear_object (&store);
  names = sam_test_list_dir (f->dir);
  g_assert_cmpstrv (names, ((const char *[]) { "lenke", "ny.db", "plan.db", NULL }));

  g_file_set_contents (bad, "Aktivitet;Ansvarlig\n", -1, NULL);
  store = sam_store_open (bad, &error);
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_SQLITE);
  g_assert_nonnull (strstr (error->message, bad));
}

/* A database file that is itself a link opens, for the store and the
 * command line, and keeps the name the user gave it. */
static void
test_linked_file (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *link = g_build_filename (f->dir, "snarvei.db", NULL);
  g_autoptr(SamStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(SamTestRun) check = { 0 }, report = { 0 };

  g_assert_cmpint (symlink ("plan.db", link), ==, 0);
  store = sam_store_open_with_flags (link, SAM_STORE_OPEN_CHECK_LATER, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sam_store_get_path (store), ==, link);
  g_assert_true (sam_store_check (store, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  sam_test_run_samordna (&check, (const char *[]) { "check", "--database", link, NULL });
  g_assert_cmpint (sam_test_run_exit_code (&check), ==, 1);
  g_assert_cmpstr (check.err, ==, "");
  sam_test_run_samordna (&report, (const char *[]) { "report", "--database", link, "--output", f->output, NULL });
  g_assert_cmpint (sam_test_run_exit_code (&report), ==, 0);
  g_assert_true (g_file_test (f->output, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
}

/* The default data folder is a link: the command line finds the default
 * database through it. */
static void
test_linked_default_folder (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *home = g_build_filename (f->dir, "data", NULL);
  g_autofree char *link = g_build_filename (home, "samordna", NULL);
  g_autofree char *default_path = g_build_filename (f->dir, "samordna.db", NULL);
  g_auto(SamTestRun) check = { 0 };

  g_assert_cmpint (g_mkdir (home, 0700), ==, 0);
  g_assert_cmpint (symlink (f->dir, link), ==, 0);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_assert_cmpint (g_rename (f->path, default_path), ==, 0);
  sam_test_run_samordna (&check, (const char *[]) { "check", NULL });
  g_unsetenv ("XDG_DATA_HOME");
  g_assert_cmpstr (check.err, ==, "");
  g_assert_cmpint (sam_test_run_exit_code (&check), ==, 1);
  g_assert_nonnull (strstr (check.out, "activity-no-lead"));
}

/* 7. Litter and permissions */

typedef struct
{
  const char *name;
  const char *contents;
  gint64      age_s;      /* how long ago it was last written */
  gboolean    locked;     /* a report in another process is writing it */
  gboolean    stays;
} LitterFile;

static const LitterFile litter[] = {
  { ".rapport.xlsx.AbC123", "", 3600, FALSE, FALSE },            /* killed before writing */
  { ".rapport.xlsx.q9Zx0B", "PK\003\004halv", 7200, FALSE, FALSE }, /* killed while writing */
  { ".annen.xlsx.Zz9Zz9", "", 86400, FALSE, FALSE },             /* another report's */
  { ".rapport.xlsx.Fr3sh1", "", 0, FALSE, TRUE },                /* just made */
  { ".rapport.xlsx.L0cked", "", 3600, TRUE, TRUE },              /* being written */
  { ".rapport.xlsx.bak", "", 3600, FALSE, TRUE },                /* not our pattern */
  { ".rapport.xlsx.AbC1234", "", 3600, FALSE, TRUE },
  { ".notater.txt.AbC123", "", 3600, FALSE, TRUE },
  { ".rapport.xlsx.N0tZip", "mine notater", 3600, FALSE, TRUE }, /* not a workbook */
  { "rapport.xlsx.AbC123", "", 3600, FALSE, TRUE },              /* not hidden */
};

/* A report killed midway leaves its hidden temporary file; the next
 * report to the folder removes those of our own making that nobody is
 * writing, and nothing else. */
static void
test_litter (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SamStore) store = sam_store_open_with_flags (f->path, SAM_STORE_OPEN_CHECK_LATER, NULL);
  g_autoptr(GError) error = NULL;
  SamReportOptions options = { .check_store = TRUE };
  int lock_fd = -1;

  for (guint i = 0; i < G_N_ELEMENTS (litter); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, litter[i].name, NULL);
      struct utimbuf times;

      g_file_set_contents (path, litter[i].contents, -1, &error);
      g_assert_no_error (error);
      times.actime = times.modtime = time (NULL) - litter[i].age_s;
      g_assert_cmpint (g_utime (path, &times), ==, 0);
      if (litter[i].locked)
        {
          lock_fd = g_open (path, O_RDONLY, 0);
          g_assert_cmpint (flock (lock_fd, LOCK_EX | LOCK_NB), ==, 0);
        }
    }
  g_assert_true (sam_report_write (store, &options, f->output, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (litter); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, litter[i].name, NULL);

      g_test_message ("%s", litter[i].name);
      g_assert_cmpint (g_file_test (path, G_FILE_TEST_EXISTS), ==, litter[i].stays);
    }
  close (lock_fd);
}

/* A read-only report is refused, as a spreadsheet program would, and
 * left as it was; a writable one is replaced and keeps its permissions. */
static void
test_read_only_target (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SamStore) store = sam_store_open_with_flags (f->path, SAM_STORE_OPEN_CHECK_LATER, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_auto(GStrv) names = NULL, names_after = NULL;
  g_auto(SamTestRun) run = { 0 };
  SamReportOptions options = { .check_store = TRUE };
  GStatBuf st;

  g_file_set_contents (f->output, "forrige rapport", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (f->output, 0444), ==, 0);
  before = sam_test_read_file (f->output);
  names = sam_test_list_dir (f->dir);

  g_assert_false (sam_report_write (store, &options, f->output, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SAM_REPORT_ERROR, SAM_REPORT_ERROR_NOT_WRITABLE);
  g_assert_nonnull (strstr (error->message, f->output));
  g_assert_nonnull (strstr (error->message, "is read-only"));
  sam_test_run_samordna (&run, (const char *[]) { "report", "--database", f->path, "--output", f->output, NULL });
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 1);
  g_assert_nonnull (strstr (run.err, "is read-only"));
  g_assert_true (sam_test_same_file (before, f->output));
  g_assert_cmpint (g_stat (f->output, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0444);
  names_after = sam_test_list_dir (f->dir);
  g_assert_cmpstrv (names, names_after);

  g_clear_error (&error);
  g_assert_cmpint (g_chmod (f->output, 0600), ==, 0);
  g_assert_true (sam_report_write (store, &options, f->output, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (sam_test_same_file (before, f->output));
  g_assert_cmpint (g_stat (f->output, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* 8. More than a sheet or a window can hold */

#define WIDE 20000

/* 20,000 sectors and 20,000 target groups, with the default plan's
 * activities reaching some of each. */
static void
make_wide (const char *path)
{
  g_autofree char *sql = g_strdup_printf (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
    "INSERT INTO sector (name) SELECT printf('Sektor %%05d', i) FROM n;"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
    "INSERT INTO target_group (name, category) SELECT printf('Målgruppe %%05d', i), 'public' FROM n;"
    "INSERT OR IGNORE INTO activity_sector (activity_id, sector_id, position) "
    "SELECT a.id, s.id, 0 FROM activity a JOIN sector s ON (s.id * 7 + a.id) %% 200 = 0;"
    "INSERT OR IGNORE INTO activity_target_group (activity_id, target_group_id, position) "
    "SELECT a.id, t.id, 0 FROM activity a JOIN target_group t ON (t.id * 3 + a.id) %% 200 = 0",
    WIDE, WIDE);

  sam_test_sql (path, sql);
}

static gint64
query_count (const char *path,
             const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* The window's matrix keeps as many columns as it can show and says how
 * many more there are, in a last column of its own; the gaps it counts
 * are all of them. */
static void
test_wide_matrix (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(SamStore) store = NULL;
  g_autoptr(SamMatrix) m = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) rows = NULL;
  g_autoptr(SamMatrixRow) heading = NULL;
  gint64 sectors, groups, reached;
  const SamMatrixHeader *note;
  g_autofree char *left_out = NULL, *text = NULL;
  guint sum = 0;

  make_wide (f->path);
  sectors = query_count (f->path, "SELECT count(*) FROM sector");
  groups = query_count (f->path, "SELECT count(*) FROM target_group");
  reached = query_count (f->path, "SELECT count(*) FROM (SELECT DISTINCT tg.target_group_id, s.sector_id "
                                  "FROM activity a JOIN activity_target_group tg ON tg.activity_id = a.id "
                                  "JOIN activity_sector s ON s.activity_id = a.id "
                                  "WHERE coalesce(a.status, 'planned') <> 'cancelled')");
  store = sam_store_open (f->path, &error);
  g_assert_no_error (error);
  m = sam_coordination_coverage (store, NULL, SAM_KIND_SECTOR, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (m->rows->len, ==, groups);
  g_assert_cmpuint (m->columns->len, ==, SAM_MATRIX_MAX_COLUMNS + 1);
  g_assert_cmpuint (m->n_columns_left_out, ==, sectors - SAM_MATRIX_MAX_COLUMNS);
  note = g_ptr_array_index (m->columns, SAM_MATRIX_MAX_COLUMNS);
  g_assert_cmpint (note->id, ==, 0);
  left_out = g_strdup_printf ("%u more", m->n_columns_left_out);
  g_assert_nonnull (strstr (note->label, left_out));
  g_assert_cmpuint (sam_matrix_count_gaps (m), ==, groups * sectors - reached);

  /* A category heading adds up the groups under it. */
  rows = sam_matrix_rows_new (g_steal_pointer (&m));
  heading = g_list_model_get_item (rows, 0);
  for (guint c = 0; c < SAM_MATRIX_MAX_COLUMNS; c++)
    {
      g_autofree char *cell = sam_matrix_row_cell_text (heading, c);
      sum += (guint) g_ascii_strtoull (cell, NULL, 10);
    }
  g_assert_cmpuint (sum, >, 0);
  text = sam_matrix_row_cell_text (heading, SAM_MATRIX_MAX_COLUMNS);
  g_assert_cmpstr (text, ==, "");
  g_assert_false (sam_matrix_row_cell_is_gap (heading, SAM_MATRIX_MAX_COLUMNS));
}

/* The report writes what fits in a sheet (16,384 columns), says in the
 * sheet and to its caller what did not, and succeeds. */
static void
test_wide_report (Fixture       *f,
                  gconstpointer  data)
{
  static const char script[] =
    "import sys, openpyxl\n"
    "wb = openpyxl.load_workbook(sys.argv[1], read_only=True)\n"
    "ws = wb['Coverage']\n"
    "print('columns', ws.max_column)\n"
    "for row in ws.iter_rows(min_row=1, max_row=1, values_only=True):\n"
    "    print('note', ' '.join(str(v) for v in row if v))\n";
  g_autoptr(SamStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(SamTestRun) run = { 0 };
  SamReportOptions options = { .language = SAM_REPORT_LANGUAGE_EN, .check_store = TRUE };
  SamReportStats stats = { 0 };
  const char *argv[] = { "/usr/bin/python3", "-c", script, f->output, NULL };
  g_autofree char *out = NULL, *err = NULL, *shown = NULL;
  int status;

  make_wide (f->path);
  store = sam_store_open_with_flags (f->path, SAM_STORE_OPEN_CHECK_LATER, &error);
  g_assert_no_error (error);
  g_assert_true (sam_report_write (store, &options, f->output, NULL, NULL, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (stats.warnings);
  g_assert_nonnull (strstr (stats.warnings[0], "Coverage"));
  g_assert_nonnull (strstr (stats.warnings[0], "sectors"));
  g_assert_nonnull (strstr (stats.warnings[0], "16,384 columns"));
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "columns 16384\n"));
  g_assert_nonnull (strstr (out, "Not all of this fits in one sheet"));
  shown = g_strdup_printf ("16381 of %" G_GINT64_FORMAT " sectors, 0 of %" G_GINT64_FORMAT " plans.",
                           query_count (f->path, "SELECT count(*) FROM sector"),
                           query_count (f->path, "SELECT count(*) FROM plan"));
  g_assert_nonnull (strstr (out, shown));
  sam_report_stats_clear (&stats);

  sam_test_run_samordna (&run, (const char *[]) { "report", "--database", f->path, "--output", f->output,
                                                  "--language", "en", NULL });
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 0);
  g_assert_nonnull (strstr (run.err, "16,384 columns"));
}

/* Found by fuzz-database */

/* Text that is not UTF-8 reads as text with U+FFFD in it, never as an
 * empty field (GVariant refused it with a critical). */
static void
test_text_not_utf8 (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SamStore) store = NULL;
  g_autoptr(SamRecord) agency = NULL;
  g_autoptr(GError) error = NULL;

  sam_test_sql (f->path, "UPDATE agency SET name = 'Bufdir' || CAST(X'FFC3' AS TEXT) WHERE short_name = 'Bufdir'");
  store = sam_store_open (f->path, &error);
  g_assert_no_error (error);
  agency = sam_test_find (store, SAM_KIND_AGENCY, "short_name", "Bufdir");
  g_assert_nonnull (agency);
  g_assert_cmpstr (sam_record_get_string (agency, "name"), ==, "Bufdir\357\277\275\357\277\275");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hostile/1-version/%s", versions[i].name);
      g_test_add (path, Fixture, &versions[i], fixture_set_up, test_version, fixture_tear_down);
    }
  for (guint i = 0; i < G_N_ELEMENTS (onto_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hostile/2-report-onto-database/%s", onto_cases[i].name);
      g_test_add (path, Fixture, &onto_cases[i], fixture_set_up, test_report_onto_database, fixture_tear_down);
    }
  for (guint i = 0; i < G_N_ELEMENTS (damage_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hostile/3-integrity/%s", damage_cases[i].name);
      g_test_add (path, Fixture, &damage_cases[i], fixture_set_up, test_damage, fixture_tear_down);
    }
  for (guint i = 0; i < G_N_ELEMENTS (schema_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hostile/4-schema/%s", schema_cases[i].name);
      g_test_add (path, Fixture, &schema_cases[i], fixture_set_up, test_schema, fixture_tear_down);
    }
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/hostile/4-schema/raise-text", test_schema_raise);
  ADD ("/hostile/4-schema/older-versions", test_schema_older);
  ADD ("/hostile/4-schema/statistics", test_schema_statistics);
  ADD ("/hostile/4-schema/query-limit", test_query_limit);
  ADD ("/hostile/4-schema/query-limit-checks", test_query_limit_checks);
  ADD ("/hostile/4-schema/deep-ministries", test_query_limit_deep_ministries);
  ADD ("/hostile/5-workbook/control-characters", test_workbook_text);
  ADD ("/hostile/6-links/linked-folder", test_linked_folder);
  ADD ("/hostile/6-links/linked-file", test_linked_file);
  ADD ("/hostile/6-links/linked-default-folder", test_linked_default_folder);
  ADD ("/hostile/7-litter/stale-temporaries", test_litter);
  ADD ("/hostile/7-litter/read-only-target", test_read_only_target);
  ADD ("/hostile/8-size/window-matrix", test_wide_matrix);
  ADD ("/hostile/8-size/report", test_wide_report);
  ADD ("/hostile/fuzz-found/text-not-utf8", test_text_not_utf8);
#undef ADD
  return g_test_run ();
}
