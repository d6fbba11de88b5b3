/* A fuzz target for database files (issue 11): mutations of a sound
 * Samordna database, on its data pages as much as on its header, and of
 * the values in its rows, each opened as the window opens a file and given
 * to `samordna check` and `samordna report`. For every case:
 *
 * - nothing crashes or runs past a limit;
 * - a file Samordna does not accept is left byte for byte as it was;
 * - no output (check's lines, report's workbook) comes from a file that
 *   fails SQLite's full integrity check;
 * - nothing is left beside the file but the report asked for.
 *
 * The cases come from a fixed seed, so a run is the same every time. In
 * the suite it runs a few dozen; by hand, as many as you like:
 *
 *   SAMORDNA_FUZZ_CASES=2000 SAMORDNA_FUZZ_SEED=7 meson test -C build-asan fuzz-database
 *
 * or the binary itself (build-asan/tests/fuzz-database) with the environment
 * meson test gives it (SAMORDNA_BINARY). A failing case's file is kept,
 * and its path and seed printed, to run again alone with
 * SAMORDNA_FUZZ_FIRST=N SAMORDNA_FUZZ_CASES=1.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "models/sam-activity-list.h"
#include "models/sam-details.h"
#include "models/sam-matrix-rows.h"
#include "models/sam-node.h"
#include "models/sam-overview.h"
#include "models/sam-tree.h"
#include "store/sam-coordination.h"
#include "sam-test-util.h"

/* How long one run may take before it counts as hanging; the query limit
 * below it stops runaway statements first. */
#define RUN_LIMIT_S 60
#define QUERY_LIMIT_MS "5000"

#define DEFAULT_CASES 12
#define DEFAULT_SEED 20261103

/* The sound database every case starts from: the default plan and a few
 * hundred more rows, so that tables and indexes span several pages. */
static GBytes *
make_seed (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "seed.db", NULL);
  GBytes *bytes;

  sam_test_make_good (path);
  sam_test_sql (path,
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300), "
    "pl AS (SELECT id, row_number () OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS c FROM plan), "
    "ag AS (SELECT id, row_number () OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS c FROM agency) "
    "INSERT INTO activity (plan_id, title, description, lead_agency_id, start_date, due_date, status, progress) "
    "SELECT pl.id, 'Aktivitet ' || i, printf('%.*c', i % 200, 'x'), ag.id, '2026-01-01', "
    "printf('2026-%02d-15', 1 + i % 12), "
    "CASE i % 4 WHEN 0 THEN 'planned' WHEN 1 THEN 'in_progress' WHEN 2 THEN 'done' ELSE 'delayed' END, "
    "CASE i % 4 WHEN 2 THEN 100 ELSE i % 90 END "
    "FROM n JOIN pl ON pl.k = i % pl.c JOIN ag ON ag.k = (i * 7) % ag.c;"
    "INSERT OR IGNORE INTO activity_partner (activity_id, agency_id, position) "
    "SELECT a.id, g.id, 0 FROM activity a JOIN agency g ON (a.id + g.id) % 17 = 0;"
    "INSERT OR IGNORE INTO activity_sector (activity_id, sector_id, position) "
    "SELECT a.id, s.id, 0 FROM activity a JOIN sector s ON (a.id + s.id) % 5 = 0;"
    "INSERT OR IGNORE INTO activity_target_group (activity_id, target_group_id, position) "
    "SELECT a.id, t.id, 0 FROM activity a JOIN target_group t ON (a.id * 3 + t.id) % 7 = 0;"
    "INSERT INTO reporting_period (code, start_date, end_date) VALUES "
    "('2026-T1', '2026-01-01', '2026-04-30'), ('2026-T2', '2026-05-01', '2026-08-31');"
    "INSERT INTO status_update (activity_id, period_id, status, progress, comment, reported_by, reported_at) "
    "SELECT a.id, p.id, 'in_progress', a.id % 100, 'Kommentar ' || a.id, 'Sekretariatet', p.start_date || ' 12:00' "
    "FROM activity a CROSS JOIN reporting_period p WHERE a.id % 3 <> 0;"
    "PRAGMA journal_mode = WAL");
  bytes = sam_test_read_file (path);
  g_unlink (path);
  return bytes;
}

/* Mutations */

typedef enum {
  FLIP_BITS,          /* a few bits anywhere in a page */
  RANDOM_BYTES,       /* a run of random bytes */
  CELL_CONTENT,       /* bytes near a page's end, where its rows' values are */
  COPY_PAGE,          /* one page over another */
  ZERO_PAGE,
  EXTREME_INT,        /* a 1-, 2- or 4-byte field set to 0, 1 or all ones */
  HEADER_FIELD,       /* a field of the 100-byte file header */
  CUT_OFF,            /* the file cut at a page boundary, or one page longer */
  SQL_VALUE,          /* a value no edit would store, through SQL */
  N_MUTATIONS
} Mutation;

static const char * const mutation_names[N_MUTATIONS] = {
  "flip-bits", "random-bytes", "cell-content", "copy-page", "zero-page", "extreme-int", "header-field",
  "cut-off", "sql-value",
};

static guint
page_size (const guint8 *data)
{
  guint size = (data[16] << 8) | data[17];

  return size == 1 ? 65536 : size >= 512 ? size : 4096;
}

/* A page other than the first most of the time: the data pages. */
static gsize
pick_page (GRand *rand,
           gsize  n_pages)
{
  if (n_pages < 2 || g_rand_int_range (rand, 0, 10) == 0)
    return 0;
  return (gsize) g_rand_int_range (rand, 1, (gint32) n_pages);
}

static void
mutate_bytes (GByteArray *file,
              Mutation    mutation,
              GRand      *rand)
{
  guint8 *data = file->data;
  gsize psize = page_size (data), n_pages = file->len / psize;
  gsize page = pick_page (rand, n_pages), start = page * psize;

  switch (mutation)
    {
    case FLIP_BITS:
      for (int i = g_rand_int_range (rand, 1, 8); i > 0; i--)
        data[start + g_rand_int_range (rand, 0, (gint32) psize)] ^= (guint8) (1 << g_rand_int_range (rand, 0, 8));
      break;
    case RANDOM_BYTES:
      {
        gsize at = start + (gsize) g_rand_int_range (rand, 0, (gint32) psize - 16);
        for (int i = g_rand_int_range (rand, 1, 16); i > 0; i--, at++)
          data[at] = (guint8) g_rand_int_range (rand, 0, 256);
      }
      break;
    case CELL_CONTENT:
      for (int i = g_rand_int_range (rand, 1, 6); i > 0; i--)
        data[start + psize - 1 - g_rand_int_range (rand, 0, (gint32) psize / 3)] = (guint8) g_rand_int_range (rand, 0, 256);
      break;
    case COPY_PAGE:
      memcpy (data + start, data + pick_page (rand, n_pages) * psize, psize);
      break;
    case ZERO_PAGE:
      memset (data + start, 0, psize);
      break;
    case EXTREME_INT:
      {
        static const int widths[] = { 1, 2, 4 };
        int width = widths[g_rand_int_range (rand, 0, 3)];
        gsize at = start + (gsize) g_rand_int_range (rand, page == 0 ? 100 : 0, (gint32) psize - width);
        int kind = g_rand_int_range (rand, 0, 3);
        memset (data + at, kind == 2 ? 0xFF : 0, width);
        if (kind == 1)
          data[at + width - 1] = 1;
      }
      break;
    case HEADER_FIELD:
      {
        /* Page size, versions, counts, schema cookie and format, encoding,
         * user version, application id, and the rest. */
        static const int fields[] = { 16, 18, 19, 20, 28, 32, 36, 40, 44, 48, 52, 56, 60, 64, 68, 92, 96 };
        int at = fields[g_rand_int_range (rand, 0, G_N_ELEMENTS (fields))];
        int width = at == 16 ? 2 : at >= 18 && at <= 20 ? 1 : 4;
        for (int i = 0; i < width; i++)
          data[at + i] = (guint8) g_rand_int_range (rand, 0, 256);
      }
      break;
    case CUT_OFF:
      if (g_rand_boolean (rand) && n_pages > 1)
        g_byte_array_set_size (file, (guint) (pick_page (rand, n_pages) * psize));
      else
        {
          gsize len = file->len;
          g_byte_array_set_size (file, (guint) (len + psize));
          memcpy (file->data + len, file->data + pick_page (rand, n_pages) * psize, psize);
        }
      break;
    case SQL_VALUE:
    case N_MUTATIONS:
    default:
      g_assert_not_reached ();
    }
}

/* Sets one column of one row of a table to a value no edit would store:
 * out of range, of another type, too long, not UTF-8, or NULL. */
static void
mutate_value (const char *path,
              GRand      *rand)
{
  static const char * const targets[][2] = {
    { "activity", "progress" }, { "activity", "status" }, { "activity", "title" }, { "activity", "due_date" },
    { "activity", "plan_id" }, { "activity", "lead_agency_id" }, { "agency", "parent_id" }, { "agency", "kind" },
    { "agency", "name" }, { "target_group", "parent_id" }, { "target_group", "category" },
    { "status_update", "reported_at" }, { "status_update", "progress" }, { "reporting_period", "code" },
    { "reporting_period", "start_date" }, { "plan", "kind" }, { "measure", "number" }, { "strategy", "title" },
    { "seminar", "capacity" }, { "seminar", "starts_at" }, { "registration", "participants" },
    { "activity_partner", "agency_id" }, { "activity_sector", "sector_id" },
  };
  static const char * const values[] = {
    "NULL", "-1", "500", "9223372036854775807", "-9223372036854775808", "1e308", "X'00FF'",
    "CAST(X'41FF80C0' AS TEXT)", "'x' || char(0) || 'y'", "char(1, 27, 11)", "printf('%.40000c', 'a')",
    "'9999-99-99'", "'2026-02-30 25:61'", "'from_the_future'", "''", "(SELECT max(id) + 1000 FROM agency)",
    "id", "id + 1",
  };
  guint t = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (targets));
  guint v = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (values));
  g_autofree char *sql = g_strdup_printf (
    "PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON;"
    "UPDATE %s SET %s = %s WHERE rowid IN (SELECT rowid FROM %s ORDER BY rowid LIMIT %d OFFSET %d);"
    "PRAGMA journal_mode = WAL",
    targets[t][0], targets[t][1], values[v], targets[t][0], g_rand_int_range (rand, 1, 4), g_rand_int_range (rand, 0, 40));
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, sql, NULL, NULL, NULL);   /* a value SQLite refuses is a case like any other */
  sqlite3_close (db);
}

/* Independent checks */

/* Whether SQLite, on a connection of its own that sees CHECK constraints,
 * finds @path sound. Reads the file only. */
static gboolean
passes_integrity_check (const char *path)
{
  g_autofree char *copy = g_strconcat (path, ".probe", NULL);
  g_autoptr(GBytes) bytes = sam_test_read_file (path);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  /* On a copy: a read-write connection may roll back a hot journal. */
  g_assert_true (g_file_set_contents (copy, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  if (sqlite3_open_v2 (copy, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK
      && sqlite3_prepare_v2 (db, "PRAGMA integrity_check(1)", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_unlink (copy);
  for (const char *suffix = "-wal"; suffix; suffix = g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *companion = g_strconcat (copy, suffix, NULL);
      g_unlink (companion);
    }
  return ok;
}

/* Opening as the window does */

/* Expands the first nodes of each level, as a person looking would. */
static void
walk_tree (GListModel *model,
           guint       depth)
{
  for (guint i = 0; model && i < MIN (g_list_model_get_n_items (model), 3) && depth < 4; i++)
    {
      g_autoptr(SamNode) node = g_list_model_get_item (model, i);

      if (sam_node_has_children (node))
        walk_tree (sam_node_get_children (node), depth + 1);
    }
}

static void
read_matrix (SamMatrix *m)
{
  g_autoptr(GListModel) rows = NULL;

  if (m == NULL)
    return;
  sam_matrix_count_gaps (m);
  rows = sam_matrix_rows_new (m);
  for (guint r = 0; r < MIN (g_list_model_get_n_items (rows), 20); r++)
    {
      g_autoptr(SamMatrixRow) row = g_list_model_get_item (rows, r);

      for (guint c = 0; c < sam_matrix_row_get_matrix (row)->columns->len; c++)
        g_free (sam_matrix_row_cell_text (row, c));
    }
}

/* Reads what the window shows when it opens a file, before the integrity
 * check in the background has answered: the views' trees, the activity
 * table, the Overview, the matrices and checks, every record's details. */
static void
read_like_the_window (SamStore *store)
{
  g_autoptr(GListModel) activities = sam_activity_list_load (store, NULL);
  g_autoptr(SamPeriod) period = sam_period_current (store, "2026-05-15", NULL);
  g_autoptr(GListModel) overview = sam_overview_new (store, period, "2026-05-15", NULL);
  g_autoptr(GPtrArray) checks = sam_coordination_run_checks (store, NULL);

  for (SamView view = 0; view < SAM_N_VIEWS; view++)
    {
      g_autoptr(GListModel) roots = sam_tree_new_roots (store, view);
      walk_tree (roots, 0);
    }
  for (guint i = 0; activities && i < g_list_model_get_n_items (activities); i++)
    {
      g_autoptr(SamActivityRow) row = g_list_model_get_item (activities, i);
      SamActivityFacts facts;

      sam_activity_row_get_facts (row, period, &facts);
      g_free (sam_activity_row_dup_latest (row));
    }
  read_matrix (sam_coordination_responsibility (store, NULL, SAM_KIND_MEASURE, NULL));
  read_matrix (sam_coordination_responsibility (store, NULL, SAM_KIND_PLAN, NULL));
  read_matrix (sam_coordination_coverage (store, NULL, SAM_KIND_SECTOR, NULL));
  read_matrix (sam_coordination_coverage (store, NULL, SAM_KIND_PLAN, NULL));
  for (SamKind kind = 0; kind < SAM_N_KINDS; kind++)
    {
      g_autoptr(GPtrArray) records = sam_store_list (store, kind, NULL);

      for (guint i = 0; records && i < MIN (records->len, 2); i++)
        {
          g_autoptr(GListModel) details = sam_details_new (store, records->pdata[i]);
          g_autoptr(GListModel) backlinks = sam_details_new_backlinks (store, records->pdata[i]);
          g_autoptr(GListModel) history = kind == SAM_KIND_ACTIVITY
                                          ? sam_details_new_history (store, records->pdata[i]) : NULL;
        }
    }
}

enum { OPENED_SOUND = 10, OPENED_DAMAGED = 11, REFUSED = 12 };

/* In a child process: opens @path as the window does, reads it, checks
 * it; exits with OPENED_SOUND, OPENED_DAMAGED or REFUSED. */
static void G_GNUC_NORETURN
open_like_the_window (const char *path)
{
  g_autoptr(GError) error = NULL;
  SamStore *store;
  gboolean sound;

  /* The views log a warning when a damaged file fails them, as the
   * window does; a critical is a defect. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  store = sam_store_open_with_flags (path, SAM_STORE_OPEN_CHECK_LATER, &error);

  if (store == NULL)
    _exit (REFUSED);
  read_like_the_window (store);
  sound = sam_store_check (store, NULL, NULL);
  g_object_unref (store);
  _exit (sound ? OPENED_SOUND : OPENED_DAMAGED);
}

/* Runs open_like_the_window() in a child and returns its exit code; fails
 * when it crashed or ran past the limit. */
static int
run_window_child (const char *path)
{
  gint64 deadline = g_get_monotonic_time () + RUN_LIMIT_S * G_USEC_PER_SEC;
  int status = 0;
  pid_t child = fork ();

  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    open_like_the_window (path);
  while (waitpid (child, &status, WNOHANG) == 0)
    {
      if (g_get_monotonic_time () > deadline)
        {
          kill (child, SIGKILL);
          waitpid (child, &status, 0);
          g_error ("Opening %s ran past %d s", path, RUN_LIMIT_S);
        }
      g_usleep (2000);
    }
  if (!WIFEXITED (status))
    g_error ("Opening %s crashed with signal %d", path, WTERMSIG (status));
  return WEXITSTATUS (status);
}

/* One case */

static gboolean
is_allowed_beside (const char *name)
{
  return g_str_equal (name, "case.db") || g_str_equal (name, "report.xlsx");
}

/* What the cases came to, to see that they reach past the first checks. */
static guint outcomes[3], reports_written;

static void
run_case (const char *dir,
          GBytes     *seed,
          guint       n,
          guint32     seed_value)
{
  g_autofree char *path = g_build_filename (dir, "case.db", NULL);
  g_autofree char *output = g_build_filename (dir, "report.xlsx", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed_value ^ (n * 2654435761u));
  g_autoptr(GByteArray) file = g_byte_array_new ();
  g_autoptr(GBytes) before = NULL;
  g_auto(SamTestRun) check = { 0 }, report = { 0 };
  g_auto(GStrv) names = NULL;
  /* Every kind in turn, so that a short run has each. */
  Mutation mutation = (Mutation) (n % N_MUTATIONS);
  gboolean sound, accepted;
  int opened;

  g_byte_array_append (file, g_bytes_get_data (seed, NULL), (guint) g_bytes_get_size (seed));
  g_test_message ("case %u (seed %u): %s", n, seed_value, mutation_names[mutation]);
  if (mutation == SQL_VALUE)
    {
      g_assert_true (g_file_set_contents (path, (const char *) file->data, file->len, NULL));
      mutate_value (path, rand);
    }
  else
    {
      for (int i = g_rand_int_range (rand, 1, 3); i > 0; i--)
        mutate_bytes (file, i > 1 ? (Mutation) g_rand_int_range (rand, 0, SQL_VALUE) : mutation, rand);
      g_assert_true (g_file_set_contents (path, (const char *) file->data, file->len, NULL));
    }
  before = sam_test_read_file (path);
  sound = passes_integrity_check (path);

  opened = run_window_child (path);
  g_assert_cmpint (opened, >=, OPENED_SOUND);
  g_assert_cmpint (opened, <=, REFUSED);
  accepted = opened == OPENED_SOUND;
  outcomes[CLAMP (opened, OPENED_SOUND, REFUSED) - OPENED_SOUND]++;
  /* Only a file Samordna takes may change, and then only its header, as
   * it switches the journal to WAL: never its data. */
  if (!accepted && !sam_test_same_file (before, path))
    g_error ("Opening changed %s, which it did not accept (%s)", path, mutation_names[mutation]);
  if (opened == OPENED_SOUND && !sound)
    g_error ("The window's check passed %s, which fails SQLite's integrity check", path);

  sam_test_run_samordna_limited (&check, RUN_LIMIT_S, (const char *[]) { "check", "--database", path, NULL });
  g_assert_cmpint (sam_test_run_exit_code (&check), <=, 2);
  if (sam_test_run_exit_code (&check) < 2 && !sound)
    g_error ("samordna check gave its results from %s, which fails the integrity check", path);
  if (sam_test_run_exit_code (&check) == 2 && !accepted && !sam_test_same_file (before, path))
    g_error ("samordna check changed %s, which it refused", path);

  sam_test_run_samordna_limited (&report, RUN_LIMIT_S,
                                 (const char *[]) { "report", "--database", path, "--output", output, NULL });
  g_assert_cmpint (sam_test_run_exit_code (&report), <=, 2);
  if (g_file_test (output, G_FILE_TEST_EXISTS) && !sound)
    g_error ("samordna report wrote a report from %s, which fails the integrity check", path);
  g_assert_cmpint (g_file_test (output, G_FILE_TEST_EXISTS), ==, sam_test_run_exit_code (&report) == 0);
  reports_written += sam_test_run_exit_code (&report) == 0;
  if (sam_test_run_exit_code (&report) != 0 && !accepted && !sam_test_same_file (before, path))
    g_error ("samordna report changed %s, which it refused", path);

  names = sam_test_list_dir (dir);
  for (guint i = 0; names[i]; i++)
    if (!is_allowed_beside (names[i]))
      g_error ("%s was left beside %s", names[i], path);
  g_unlink (output);
}

static void
test_fuzz (void)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autoptr(GBytes) seed = make_seed (dir);
  const char *cases_env = g_getenv ("SAMORDNA_FUZZ_CASES");
  const char *seed_env = g_getenv ("SAMORDNA_FUZZ_SEED");
  const char *first_env = g_getenv ("SAMORDNA_FUZZ_FIRST");
  guint cases = cases_env ? (guint) g_ascii_strtoull (cases_env, NULL, 10) : DEFAULT_CASES;
  guint32 seed_value = seed_env ? (guint32) g_ascii_strtoull (seed_env, NULL, 10) : DEFAULT_SEED;
  guint first = first_env ? (guint) g_ascii_strtoull (first_env, NULL, 10) : 0;

  g_setenv ("SAMORDNA_QUERY_LIMIT_MS", QUERY_LIMIT_MS, TRUE);
  for (guint n = first; n < first + cases; n++)
    {
      g_autofree char *case_dir = g_strdup_printf ("%s/%u", dir, n);

      g_assert_cmpint (g_mkdir (case_dir, 0700), ==, 0);
      run_case (case_dir, seed, n, seed_value);
      sam_test_remove_dir (case_dir);
    }
  g_test_message ("%u cases: %u opened and sound, %u opened and found damaged, %u refused; %u reports written",
                  cases, outcomes[0], outcomes[1], outcomes[2], reports_written);
  sam_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fuzz/database", test_fuzz);
  return g_test_run ();
}
