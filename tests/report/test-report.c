/* Tests of the report module through its C interface: the words of both
 * languages, where a report may be written and what a failure leaves, the
 * asynchronous variant and its progress. The workbook's contents are read
 * back by check-report.py with an independent reader.
 */
#define _GNU_SOURCE 1   /* sched_setaffinity */
#include "config.h"

#include <dlfcn.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <malloc.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/sam-thread.h"
#include "report/sam-report-private.h"
#include "sam-test-util.h"

typedef struct
{
  char     *dir;
  char     *db;     /* the database: a file in dir, or on the server */
  char     *out;
  SamStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = sam_test_make_dir ();
  f->db = sam_test_new_location (f->dir, "test.db");
  f->out = g_build_filename (f->dir, "report.xlsx", NULL);
  f->store = sam_store_open (f->db, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  sam_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->out);
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The names of the files in @dir but the database, sorted, "," between. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d && (name = g_dir_read_name (d)) != NULL)
    if (!g_str_has_prefix (name, "test.db"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

static gboolean
is_zip (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  return g_file_get_contents (path, &contents, &length, NULL) && length > 4 && memcmp (contents, "PK\3\4", 4) == 0;
}

/* Words */

static void
test_labels_complete (void)
{
  for (SamReportLabel l = 0; l < L_N_LABELS; l++)
    for (SamReportLanguage lang = SAM_REPORT_LANGUAGE_NB; lang <= SAM_REPORT_LANGUAGE_EN; lang++)
      {
        const char *text = sam_report_label (lang, l);
        g_assert_nonnull (text);
        g_assert_cmpuint (strlen (text), >, 0);
        g_assert_true (g_utf8_validate (text, -1, NULL));
      }
  /* Sheet names: at most 31 characters, none Excel forbids, and
   * different in the two languages where the words differ. */
  for (SamReportLabel l = L_SHEET_SUMMARY; l <= L_SHEET_HISTORY; l++)
    for (SamReportLanguage lang = SAM_REPORT_LANGUAGE_NB; lang <= SAM_REPORT_LANGUAGE_EN; lang++)
      {
        const char *name = sam_report_label (lang, l);
        g_assert_cmpint (g_utf8_strlen (name, -1) + 4, <=, 31);
        g_assert_null (strpbrk (name, "[]:*?/\\"));
      }
  g_assert_cmpstr (sam_report_label (SAM_REPORT_LANGUAGE_NB, L_SHEET_ACTIVITIES), ==, "Aktiviteter");
  g_assert_cmpstr (sam_report_label (SAM_REPORT_LANGUAGE_EN, L_SHEET_ACTIVITIES), ==, "Activities");
}

/* Every value the report shows has a word in both languages. */
static void
test_enum_words (void)
{
  const SamEnumValue *tables[] = {
    sam_status_values, sam_seminar_status_values, sam_seminar_kind_values,
    sam_target_category_values, sam_plan_kind_values, sam_scope_values,
  };

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    for (const SamEnumValue *v = tables[t]; v->nick; v++)
      {
        const char *nb = sam_report_enum_label (SAM_REPORT_LANGUAGE_NB, v->nick);
        const char *en = sam_report_enum_label (SAM_REPORT_LANGUAGE_EN, v->nick);
        g_assert_cmpstr (nb, !=, v->nick);
        g_assert_cmpstr (en, ==, v->label);
      }
  g_assert_cmpstr (sam_report_enum_label (SAM_REPORT_LANGUAGE_NB, "in_progress"), ==, "Pågår");
  g_assert_cmpstr (sam_report_enum_label (SAM_REPORT_LANGUAGE_NB, "from_the_future"), ==, "from_the_future");
  g_assert_cmpstr (sam_report_enum_label (SAM_REPORT_LANGUAGE_EN, NULL), ==, "");
}

static void
test_language_names (void)
{
  static const struct { const char *text; gboolean ok; SamReportLanguage language; } cases[] = {
    { "nb", TRUE, SAM_REPORT_LANGUAGE_NB }, { "NB", TRUE, SAM_REPORT_LANGUAGE_NB },
    { "nb_NO.UTF-8", TRUE, SAM_REPORT_LANGUAGE_NB }, { "no", TRUE, SAM_REPORT_LANGUAGE_NB },
    { "nob", TRUE, SAM_REPORT_LANGUAGE_NB }, { "en", TRUE, SAM_REPORT_LANGUAGE_EN },
    { "en_GB", TRUE, SAM_REPORT_LANGUAGE_EN }, { "english", FALSE, 0 }, { "de", FALSE, 0 },
    { "", FALSE, 0 }, { NULL, FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SamReportLanguage language = 99;
      g_assert_cmpint (sam_report_language_from_string (cases[i].text, &language), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpint (language, ==, cases[i].language);
    }
}

/* Layout */

/* Wrapped text takes the lines a spreadsheet gives it: at least as many as
 * Carlito's widths need, so nothing is cut off, and not many more. */
static void
test_text_lines (void)
{
  static const struct { const char *text; double width; gboolean bold; guint lines; } cases[] = {
    { "", 10, FALSE, 1 },
    { "Kort", 10, FALSE, 1 },
    { "Ja\nNei", 10, FALSE, 2 },
    { "Linje\n\nEtter en tom", 30, FALSE, 3 },
    /* The long word does not fit beside "og", nor on a line of its own. */
    { "Arbeids- og inkluderingsdepartementet med", 20, FALSE, 3 },
    { "Arbeids- og inkluderingsdepartementet med", 45, FALSE, 1 },
    /* One word longer than the column is broken. */
    { "Kompetansehevingsstrategiarbeidsgruppe", 10, FALSE, 4 },
    /* Wide letters take more room than narrow ones. */
    { "WWWWWWWWWWWWWWWWWWWW", 20, FALSE, 2 },
    { "iiiiiiiiiiiiiiiiiiii", 20, FALSE, 1 },
    { "Gjennomsnittlig fremdrift (%)", 14, TRUE, 2 },
    { "Æøå æøå ÆØÅ æøå", 10, FALSE, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s in %.0f", cases[i].text, cases[i].width);
      g_assert_cmpuint (sam_report_text_lines (cases[i].text, cases[i].width, cases[i].bold), ==, cases[i].lines);
    }
  /* A long description grows a line at a time with its length. */
  {
    g_autoptr(GString) text = g_string_new (NULL);
    guint last = 1;

    for (guint n = 0; n < 40; n++)
      {
        guint lines;

        g_string_append (text, "ord i en setning ");
        lines = sam_report_text_lines (text->str, 30, FALSE);
        g_assert_cmpuint (lines, >=, last);
        g_assert_cmpuint (lines, <=, last + 1);
        last = lines;
      }
    g_assert_cmpuint (last, >=, 20);
    g_assert_cmpuint (last, <=, 30);
  }
  g_assert_cmpfloat (sam_report_row_height (1, 11), ==, 15);
  g_assert_cmpfloat (sam_report_row_height (3, 11), >=, 45);
  g_assert_cmpfloat (sam_report_row_height (1000, 11), ==, 409);
  g_assert_cmpfloat (sam_report_row_height (1, 16), >, 20);
}

/* Writing */

static void
test_write_default_plan (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SamReportOptions options = { NULL, "2026-T1", SAM_REPORT_LANGUAGE_EN, "2026-02-01" };
  SamReportStats stats = { 0 };
  g_autofree char *files = NULL;

  g_assert_true (sam_report_write (f->store, &options, f->out, NULL, NULL, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (is_zip (f->out));
  files = list_dir (f->dir);
  g_assert_cmpstr (files, ==, "report.xlsx");
  g_assert_cmpuint (stats.activities, ==, (guint64) sam_store_count (f->store, SAM_KIND_ACTIVITY));
  g_assert_cmpuint (stats.cells, >, stats.activities * 10);
  g_assert_cmpuint (stats.strings, <, stats.cells);
}

typedef struct
{
  const char *name;
  const char *period;
  const char *target;     /* relative to the fixture's folder */
  GQuark      domain;
  int         code;
} FailureCase;

/* Each failure says why with the right error, leaves an existing file as
 * it was and leaves nothing else behind. */
/* A scope and a period of the longest names, full of the & that starts a
 * code in page headers, still make a report: what heads every page is cut
 * to Excel's 255 characters and its & kept as text. */
static void
test_write_long_names (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strnfill (200, '&');
  g_autofree char *code = g_strnfill (40, '&');
  g_autofree char *sql = g_strdup_printf (
    "UPDATE plan SET title = '%s' WHERE id = (SELECT min(id) FROM plan);"
    "INSERT INTO reporting_period (code, start_date, end_date) VALUES ('%s', '2026-01-01', '2026-04-30');",
    title, code);
  g_autoptr(SamScope) scope = NULL;
  SamReportOptions options = { NULL, code, SAM_REPORT_LANGUAGE_EN, "2026-02-01" };
  g_autoptr(SamStore) store = NULL;
  g_autoptr(GPtrArray) plans = NULL;

  g_clear_object (&f->store);
  sam_test_sql (f->db, sql);
  store = sam_store_open (f->db, &error);
  g_assert_no_error (error);
  plans = sam_store_list (store, SAM_KIND_PLAN, NULL);
  for (guint i = 0; plans && i < plans->len; i++)
    if (g_str_equal (sam_record_get_string (plans->pdata[i], "title"), title))
      scope = sam_scope_new (SAM_SCOPE_PLAN, sam_record_get_id (plans->pdata[i]));
  g_assert_nonnull (scope);
  options.scope = scope;
  g_assert_true (sam_report_write (store, &options, f->out, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (is_zip (f->out));
}

static void
test_write_failures (Fixture *f, gconstpointer data)
{
  const FailureCase cases[] = {
    { "unknown period", "2099-T9", "report.xlsx", SAM_REPORT_ERROR, SAM_REPORT_ERROR_PERIOD },
    { "missing folder", NULL, "missing/report.xlsx", SAM_REPORT_ERROR, SAM_REPORT_ERROR_NO_FOLDER },
    { "a folder", NULL, "folder", SAM_REPORT_ERROR, SAM_REPORT_ERROR_NOT_A_FILE },
  };
  g_autofree char *folder = g_build_filename (f->dir, "folder", NULL);

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (f->out, "old", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *target = g_build_filename (f->dir, cases[i].target, NULL);
      g_autofree char *contents = NULL, *files = NULL;
      SamReportOptions options = { NULL, cases[i].period, SAM_REPORT_LANGUAGE_NB, NULL };

      g_test_message ("%s", cases[i].name);
      g_assert_false (sam_report_write (f->store, &options, target, NULL, NULL, NULL, NULL, &error));
      g_assert_error (error, cases[i].domain, cases[i].code);
      g_assert_true (g_file_get_contents (f->out, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "old");
      files = list_dir (f->dir);
      g_assert_cmpstr (files, ==, "folder,report.xlsx");
    }
}

/* Writes the default plan's report and returns how many times @counter
 * was counted up meanwhile. */
static gint
write_counting (Fixture *f,
                gint    *counter)
{
  g_autoptr(GError) error = NULL;
  SamReportOptions options = { NULL, NULL, SAM_REPORT_LANGUAGE_NB, NULL };

  g_atomic_int_set (counter, 0);
  g_assert_true (sam_report_write (f->store, &options, f->out, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return g_atomic_int_get (counter);
}

/* glibc's malloc_trim(), counted: the program's own definition is the one
 * its code calls. */
static gint n_trims;

int
malloc_trim (size_t pad)
{
  g_atomic_int_inc (&n_trims);
  return 0;
}

/* A report written in the window's process gives no memory back: that
 * walks every heap of the process under its lock, and the window's thread
 * would wait at its next allocation (a heap of 100 MB, half of it freed,
 * took 18–54 ms to trim in a small program), thirteen times a report. `samordna report`, which ends when the
 * report is written, gives it back after each of the helper's steps. */
static void
test_write_gives_back_memory (Fixture *f, gconstpointer data)
{
  gint given_back;

  g_assert_cmpint (write_counting (f, &n_trims), ==, 0);
  sam_thread_set_give_back_memory (TRUE);
  given_back = write_counting (f, &n_trims);
  sam_thread_set_give_back_memory (FALSE);
  /* A plan on a server is read on the report's own connection, with no
   * helper to give anything back. */
  if (sam_store_is_server_address (f->db))
    g_assert_cmpint (given_back, ==, 0);
  else
    g_assert_cmpint (given_back, >, 0);
}

/* stdio's setvbuf(), counting the buffers of 64 KiB the program's code
 * gives: those of libxlsxwriter's temporary files (sam-xlsxwriter.c). */
static gint n_large_buffers;

int
setvbuf (FILE *stream, char *buffer, int mode, size_t size)
{
  static int (*real) (FILE *, char *, int, size_t);

  if (size == 64 * 1024)
    g_atomic_int_inc (&n_large_buffers);
  if (real == NULL)
    real = (int (*) (FILE *, char *, int, size_t)) dlsym (RTLD_NEXT, "setvbuf");
  return real (stream, buffer, mode, size);
}

/* libxlsxwriter makes its temporary files through the function Samordna
 * defines (exported to it, see src/meson.build), which buffers each: at
 * 100,000 activities a report made 84,015 write(2) calls with stdio's
 * 4 KiB buffers and 5,748 with these. A libxlsxwriter that called its own
 * would still write the report, only slower; this says so. */
static void
test_write_buffers_files (Fixture *f, gconstpointer data)
{
  gint buffered = write_counting (f, &n_large_buffers);

  /* A sheet's rows, its XML, and the other parts: more than the sheets. */
  g_test_message ("%d files buffered", buffered);
  g_assert_cmpint (buffered, >, 12);
}

/* A disk that fills up while the workbook is written and compressed
 * (stood in for by a limit on the size of any file the process writes):
 * the report says so, leaves the old file as it was and nothing else
 * behind, whether the limit stops a sheet's temporary file, a part of the
 * workbook or its last bytes. libxlsxwriter does not look whether its
 * temporary files were written whole: with files limited to just under
 * the report's size, a sheet's was cut off, the workbook was kept with
 * the sheet's XML cut off, and the report said it was written. */
static void
test_write_disk_full (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SamReportOptions options = { NULL, NULL, SAM_REPORT_LANGUAGE_NB, NULL };
  GStatBuf st;
  goffset sizes[4];

  g_assert_true (sam_report_write (f->store, &options, f->out, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (f->out, &st), ==, 0);
  sizes[0] = 4096;
  sizes[1] = st.st_size / 3;
  sizes[2] = st.st_size * 2 / 3;
  sizes[3] = st.st_size - 64;   /* in the central directory */
  g_assert_true (g_file_set_contents (f->out, "old", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *contents = NULL, *files = NULL;
      gboolean ok;

      g_test_message ("files up to %" G_GOFFSET_FORMAT " bytes", sizes[i]);
      sam_test_limit_disk (sizes[i]);
      ok = sam_report_write (f->store, &options, f->out, NULL, NULL, NULL, NULL, &error);
      sam_test_unlimit_disk ();
      g_assert_false (ok);
      g_assert_error (error, SAM_REPORT_ERROR, SAM_REPORT_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, "Check that the disk has room."));
      g_assert_null (strstr (error->message, ".."));
      g_clear_error (&error);
      g_assert_true (g_file_get_contents (f->out, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "old");
      files = list_dir (f->dir);
      g_assert_cmpstr (files, ==, "report.xlsx");
    }
}

static void
test_write_unknown_scope (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamScope) scope = sam_scope_new (SAM_SCOPE_MINISTRY, 999999);
  SamReportOptions options = { scope, NULL, SAM_REPORT_LANGUAGE_NB, NULL };
  g_autofree char *files = NULL;

  g_assert_false (sam_report_write (f->store, &options, f->out, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND);
  files = list_dir (f->dir);
  g_assert_cmpstr (files, ==, "");
}

/* A cancelled report stops before the rename: the old file stays. */
static void
test_write_cancelled (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  SamReportOptions options = { NULL, NULL, SAM_REPORT_LANGUAGE_NB, NULL };
  g_autofree char *files = NULL, *contents = NULL;

  g_assert_true (g_file_set_contents (f->out, "old", -1, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (sam_report_write (f->store, &options, f->out, NULL, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (f->out, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  files = list_dir (f->dir);
  g_assert_cmpstr (files, ==, "report.xlsx");
}

/* Adds @n activities with two status updates each to the default plan in
 * @f, enough for several batches of every long list. */
static void
add_activities (Fixture *f,
                guint    n)
{
  g_autofree char *sql = g_strdup_printf (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %u) "
    "INSERT INTO activity (plan_id, title, description, status, progress) "
    "SELECT (SELECT min(id) FROM plan), 'Generert ' || i, %s, 'in_progress', i %% 100 FROM n;"
    "INSERT INTO status_update (activity_id, period_id, status, progress, comment, reported_by, reported_at) "
    "SELECT a.id, p.id, 'in_progress', 50, 'Kommentar ' || a.id, 'Test', '2027-05-01 12:00' "
    "FROM activity a, (SELECT id FROM reporting_period ORDER BY id LIMIT 2) p WHERE a.title LIKE 'Generert %%';",
    n, sam_test_on_server () ? "repeat('x', 300)" : "printf('%.300c', 'x')");

  sam_test_sql (f->db, sql);
}

typedef struct
{
  GCancellable *cancellable;
  double        at;           /* cancel once the progress passes this */
  double        last;
} CancelState;

static void
cancel_cb (double fraction, gpointer user_data)
{
  CancelState *s = user_data;

  s->last = fraction;
  if (fraction >= s->at)
    g_cancellable_cancel (s->cancellable);
}

typedef struct
{
  int      own;       /* the report's thread's nice value */
  gboolean polled;
  guint    seen;      /* helper threads seen */
  guint    yielded;   /* of those, at another nice value */
  int      lowest;    /* the lowest nice value of those */
} NiceState;

/* Notes the nice value of each of the report's helper threads
 * ("sam-report-…") that has changed its own. */
static void
scan_helpers (NiceState *s)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *tid;

  while (dir && (tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/task", tid, "stat", NULL);
      g_autofree char *stat = NULL;
      g_auto(GStrv) fields = NULL;
      const char *name, *end;
      int nice;

      if (!g_file_get_contents (path, &stat, NULL, NULL)
          || (name = strchr (stat, '(')) == NULL || (end = strrchr (stat, ')')) == NULL
          || !g_str_has_prefix (name + 1, "sam-report-"))
        continue;
      /* After the name: state, then 15 fields, then nice. */
      fields = g_strsplit (end + 2, " ", 0);
      s->seen++;
      if (g_strv_length (fields) < 17 || (nice = atoi (fields[16])) == s->own)
        continue;
      s->yielded++;
      s->lowest = MIN (s->lowest, nice);
    }
}

/* At the first progress, with the helpers reading ahead (the history's
 * reader waits for the sheet to take its rows), looks at them for up to
 * 5 s until one has lowered its priority; for half a second when there
 * are none. */
static void
nice_progress_cb (double fraction, gpointer user_data)
{
  NiceState *s = user_data;

  if (s->polled)
    return;
  s->polled = TRUE;
  for (guint i = 0; i < (s->seen ? 5000 : 500) && s->yielded == 0; i++)
    {
      scan_helpers (s);
      g_usleep (1000);
    }
}

/* The helper threads yield to the report's own thread, also when the
 * report already runs at a lower priority (as under `nice -n 10`): they
 * lower theirs from there, never raise it above the report's. */
static void
test_write_helpers_yield (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SamReportOptions options = { NULL, NULL, SAM_REPORT_LANGUAGE_NB, NULL };
  NiceState state = { 10, FALSE, 0, 0, G_MAXINT };

  add_activities (f, 3000);
  /* The helpers start with this thread's nice value. */
  g_assert_cmpint (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), state.own), ==, 0);
  g_assert_true (sam_report_write (f->store, &options, f->out, nice_progress_cb, &state, NULL, NULL, &error));
  g_assert_no_error (error);
  if (state.seen == 0)
    {
      g_test_skip ("The report reads everything on one connection here, without helper threads");
      return;
    }
  g_assert_cmpuint (state.yielded, >, 0);
  g_assert_cmpint (state.lowest, >, state.own);
}

/* The integrity check's thread runs only on a core nothing else wants.
 * Where it gets no processor time at all (stood in for by
 * SAMORDNA_TEST_CHECK_STALLS, which has it not see for a minute that it
 * was cancelled), the report checks the file on its own thread once it
 * has written every sheet, and keeps it: it does not wait for the machine
 * to go quiet, neither for the check nor for its thread to end (it waited
 * 26 s for the thread while a build kept both cores busy). */
static void
test_write_check_starved (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SamReportOptions options = { NULL, NULL, SAM_REPORT_LANGUAGE_NB, NULL, .check_store = TRUE };
  g_auto(SamTestRun) run = { 0 };
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  g_setenv ("SAMORDNA_TEST_CHECK_STALLS", "1", TRUE);
  ok = sam_report_write (f->store, &options, f->out, NULL, NULL, NULL, NULL, &error);
  g_unsetenv ("SAMORDNA_TEST_CHECK_STALLS");
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (is_zip (f->out));
  /* It gives up on the helper after a second or so. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);

  /* And the command ends once the file is written (killed after 30 s). */
  g_remove (f->out);
  g_setenv ("SAMORDNA_TEST_CHECK_STALLS", "1", TRUE);
  sam_test_run_samordna_limited (&run, 30, (const char *[]) { "report", "--database", f->db, "--output", f->out, NULL });
  g_unsetenv ("SAMORDNA_TEST_CHECK_STALLS");
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 0);
  g_assert_true (is_zip (f->out));
}

/* A report that fails while the integrity check still runs (here on a
 * full disk, with a check kept busy by SAMORDNA_TEST_CHECK_STALLS=busy)
 * lets the check see it is cancelled and end before the command does:
 * the check's connection, the file's last, closes, and SQLite removes
 * the -wal and -shm files beside the database. When the report stopped
 * waiting for the check's thread at all, they were left (fuzz-database
 * saw it under the sanitizers). */
static void
test_write_failed_check_closes (Fixture *f, gconstpointer data)
{
  g_auto(SamTestRun) run = { 0 };
  g_autofree char *files = NULL;

  if (sam_test_on_server ())
    {
      g_test_skip ("A file's -wal and -shm files are SQLite's");
      return;
    }
  g_clear_object (&f->store);
  g_setenv ("SAMORDNA_TEST_CHECK_STALLS", "busy", TRUE);
  sam_test_limit_disk (40000);   /* room for the 32 KB -shm */
  sam_test_run_samordna_limited (&run, 30, (const char *[]) { "report", "--database", f->db, "--output", f->out, NULL });
  sam_test_unlimit_disk ();
  g_unsetenv ("SAMORDNA_TEST_CHECK_STALLS");
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 1);
  g_assert_nonnull (strstr (run.err, "Check that the disk has room."));
  files = list_dir (f->dir);
  g_assert_cmpstr (files, ==, "");
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *beside = g_strconcat (f->db, i ? "-shm" : "-wal", NULL);

      g_test_message ("%s", beside);
      g_assert_false (g_file_test (beside, G_FILE_TEST_EXISTS));
    }
}

/* A report on a core that another program keeps busy: the integrity
 * check, which runs only where nothing else wants the processor, gets
 * none, so the report checks the file itself and lets the check go. It
 * must still end with the check's connection closed, the file's last, so
 * that SQLite removes the -wal and -shm files beside the database; they
 * were left (fuzz-database saw it under the sanitizers while other tests
 * kept both cores busy). */
static void
test_write_busy_core_closes (Fixture *f, gconstpointer data)
{
  g_auto(SamTestRun) run = { 0 };
  g_autoptr(GError) error = NULL;
  cpu_set_t all, one;
  GPid busy = 0;
  int cpu = 0;

  if (sam_test_on_server ())
    {
      g_test_skip ("A file's -wal and -shm files are SQLite's");
      return;
    }
  g_clear_object (&f->store);
  g_assert_cmpint (sched_getaffinity (0, sizeof all, &all), ==, 0);
  while (!CPU_ISSET (cpu, &all))
    cpu++;
  CPU_ZERO (&one);
  CPU_SET (cpu, &one);
  /* The loop and the command both on that core (a child keeps it). */
  g_assert_cmpint (sched_setaffinity (0, sizeof one, &one), ==, 0);
  /* Bounded, should this test be killed before it kills the loop. */
  g_spawn_async (NULL, (char *[]) { "timeout", "120", "/bin/sh", "-c", "while :; do :; done", NULL }, NULL,
                 G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &busy, &error);
  g_assert_no_error (error);
  sam_test_run_samordna_limited (&run, 60, (const char *[]) { "report", "--database", f->db, "--output", f->out, NULL });
  kill (busy, SIGTERM);   /* timeout passes it on to the loop */
  waitpid (busy, NULL, 0);
  g_spawn_close_pid (busy);
  g_assert_cmpint (sched_setaffinity (0, sizeof all, &all), ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 0);
  g_assert_true (is_zip (f->out));
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *beside = g_strconcat (f->db, i ? "-shm" : "-wal", NULL);

      g_test_message ("%s", beside);
      g_assert_false (g_file_test (beside, G_FILE_TEST_EXISTS));
    }
}

/* Where the cancellation tests cancel: the history's rows come first. */
static const double cancel_in_history = 0.1;
static const double cancel_in_activities = 0.8;

/* Cancelled midway through a long list (the Status history at 10 %, the
 * Activities sheet at 80 %), while helper threads read ahead of it: the
 * report stops soon, says it was cancelled, and leaves the old file and
 * nothing else. */
static void
test_write_cancelled_midway (Fixture *f, gconstpointer data)
{
  const double *at = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CancelState state = { cancellable, *at, 0 };
  SamReportOptions options = { NULL, NULL, SAM_REPORT_LANGUAGE_NB, NULL };
  g_autofree char *files = NULL, *contents = NULL;

  add_activities (f, 6000);
  g_assert_true (g_file_set_contents (f->out, "old", -1, NULL));
  g_assert_false (sam_report_write (f->store, &options, f->out, cancel_cb, &state, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (state.last, >=, *at);
  g_assert_cmpfloat (state.last, <, *at + 0.1);
  g_assert_true (g_file_get_contents (f->out, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  files = list_dir (f->dir);
  g_assert_cmpstr (files, ==, "report.xlsx");
}

typedef struct
{
  GMainLoop *loop;
  GArray    *fractions;
  gboolean   ok;
  GError    *error;
  gboolean   data_freed;
} AsyncState;

static void
progress_cb (double fraction, gpointer user_data)
{
  AsyncState *s = user_data;

  g_array_append_val (s->fractions, fraction);
}

static void
progress_data_free (gpointer user_data)
{
  ((AsyncState *) user_data)->data_freed = TRUE;
}

static void
written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncState *s = user_data;

  s->ok = sam_report_write_finish (result, NULL, &s->error);
  g_main_loop_quit (s->loop);
}

static void
test_write_async (Fixture *f, gconstpointer data)
{
  AsyncState s = { g_main_loop_new (NULL, FALSE), g_array_new (FALSE, FALSE, sizeof (double)) };
  SamReportOptions options = { NULL, NULL, SAM_REPORT_LANGUAGE_EN, NULL };

  sam_report_write_async (f->store, &options, f->out, progress_cb, &s, progress_data_free, NULL, written_cb, &s);
  g_main_loop_run (s.loop);
  g_assert_no_error (s.error);
  g_assert_true (s.ok);
  g_assert_true (is_zip (f->out));
  /* Progress arrives in this thread, rising, ending at 1. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (s.fractions->len, >=, 1);
  for (guint i = 1; i < s.fractions->len; i++)
    g_assert_cmpfloat (g_array_index (s.fractions, double, i), >=, g_array_index (s.fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (s.fractions, double, s.fractions->len - 1), ==, 1.0);
  g_assert_true (s.data_freed);
  g_array_unref (s.fractions);
  g_main_loop_unref (s.loop);
}

static void
test_write_async_failure (Fixture *f, gconstpointer data)
{
  AsyncState s = { g_main_loop_new (NULL, FALSE), g_array_new (FALSE, FALSE, sizeof (double)) };
  SamReportOptions options = { NULL, "no-such-period", SAM_REPORT_LANGUAGE_EN, NULL };
  g_autofree char *files = NULL;

  sam_report_write_async (f->store, &options, f->out, NULL, NULL, NULL, NULL, written_cb, &s);
  g_main_loop_run (s.loop);
  g_assert_false (s.ok);
  g_assert_error (s.error, SAM_REPORT_ERROR, SAM_REPORT_ERROR_PERIOD);
  files = list_dir (f->dir);
  g_assert_cmpstr (files, ==, "");
  g_clear_error (&s.error);
  g_array_unref (s.fractions);
  g_main_loop_unref (s.loop);
}

/* A report in a Norwegian locale is byte for byte the same workbook
 * contents as in C, apart from the time in the document properties. */
static void
test_write_locale (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *c_path = g_build_filename (f->dir, "c.xlsx", NULL);
  g_autofree char *nb_path = g_build_filename (f->dir, "nb.xlsx", NULL);
  SamReportOptions options = { NULL, "2026-T1", SAM_REPORT_LANGUAGE_NB, "2026-02-01" };
  SamReportStats c_stats = { 0 }, nb_stats = { 0 };
  char *saved = g_strdup (setlocale (LC_ALL, NULL));

  if (setlocale (LC_ALL, "nb_NO.UTF-8") == NULL)
    {
      g_free (saved);
      g_test_skip ("The nb_NO.UTF-8 locale is missing");
      return;
    }
  g_assert_true (sam_report_write (f->store, &options, nb_path, NULL, NULL, &nb_stats, NULL, &error));
  /* The writer put the numeric locale back. */
  g_assert_cmpstr (localeconv ()->decimal_point, ==, ",");
  setlocale (LC_ALL, "C");
  g_assert_true (sam_report_write (f->store, &options, c_path, NULL, NULL, &c_stats, NULL, &error));
  setlocale (LC_ALL, saved);
  g_free (saved);
  g_assert_no_error (error);
  g_assert_cmpmem (&c_stats, sizeof c_stats, &nb_stats, sizeof nb_stats);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/labels/complete", test_labels_complete);
  g_test_add_func ("/report/labels/enum-words", test_enum_words);
  g_test_add_func ("/report/labels/language-names", test_language_names);
  g_test_add_func ("/report/layout/text-lines", test_text_lines);
#define ADD(path, fn) g_test_add ("/report/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("write/default-plan", test_write_default_plan);
  ADD ("write/failures-leave-nothing", test_write_failures);
  ADD ("write/unknown-scope", test_write_unknown_scope);
  ADD ("write/disk-full", test_write_disk_full);
  ADD ("write/gives-back-memory", test_write_gives_back_memory);
  ADD ("write/buffers-files", test_write_buffers_files);
  ADD ("write/long-names", test_write_long_names);
  ADD ("write/cancelled", test_write_cancelled);
  g_test_add ("/report/write/cancelled-in-history", Fixture, &cancel_in_history, fixture_set_up,
              test_write_cancelled_midway, fixture_tear_down);
  g_test_add ("/report/write/cancelled-in-activities", Fixture, &cancel_in_activities, fixture_set_up,
              test_write_cancelled_midway, fixture_tear_down);
  ADD ("write/async", test_write_async);
  ADD ("write/async-failure", test_write_async_failure);
  ADD ("write/norwegian-locale", test_write_locale);
  /* Last: it leaves this process's thread at a lower priority. */
  ADD ("write/helpers-yield", test_write_helpers_yield);
  ADD ("write/check-starved", test_write_check_starved);
  ADD ("write/failed-check-closes", test_write_failed_check_closes);
  ADD ("write/busy-core-closes", test_write_busy_core_closes);
#undef ADD
  return g_test_run ();
}
