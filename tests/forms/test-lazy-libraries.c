/* The libraries only some operations need are loaded when first used, not
 * at start-up (issue 12): libgsf and libxml2 to read a returned form,
 * GMime to write a reminder, libxlsxwriter to write a report or a form,
 * libpq to open a plan on a server.
 *
 * meson runs this program twice: as it is, and with
 * SAM_TEST_BROKEN_LIBRARIES=1 and LD_LIBRARY_PATH naming a folder of
 * libraries with the names of libgsf, GMime and libxlsxwriter and nothing
 * in them, as a broken or wrong installation would have, and a libpq such
 * in SAM_TEST_FAKE_PQ_DIR. Then reading a form, writing a reminder, a
 * report or forms, or opening a plan on a server must fail with a message
 * that names the package to install, leave nothing behind, and nothing
 * may crash. */
#include "config.h"

#include <glib/gstdio.h>

#include "sam-test-util.h"
#include "forms/sam-forms.h"
#include "forms/sam-reminder.h"
#include "forms/sam-xlsx-reader.h"
#include "report/sam-report.h"

/* Not needed before their operation, whatever links them. */
static const char *lazy_libraries[] = { "libgsf-1.so", "libxml2.so", "libgmime-3.0.so", "libxlsxwriter.so" };

static gboolean
is_mapped (const char *library)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  return strstr (maps, library) != NULL;
}

/* A file that is no workbook, as a form to open and to attach. */
static char *
make_file (const char *dir)
{
  char *path = g_build_filename (dir, "2026-T1 Bufdir.xlsx", NULL);

  g_assert_true (g_file_set_contents (path, "not a workbook\n", -1, NULL));
  return path;
}

static void
test_not_at_start (void)
{
  const char *binary = g_getenv ("SAMORDNA_BINARY");
  const char *ldd[] = { "ldd", binary, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  /* The program starts without them, nor libpq. */
  g_assert_nonnull (binary);
  g_assert_true (g_spawn_sync (NULL, (char **) ldd, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "libgtk-4.so"));
  for (guint i = 0; i < G_N_ELEMENTS (lazy_libraries); i++)
    g_assert_null (strstr (out, lazy_libraries[i]));
  g_assert_null (strstr (out, "libpq.so"));
  /* Nor does this program, which links the same library of Samordna. */
  for (guint i = 0; i < G_N_ELEMENTS (lazy_libraries); i++)
    g_assert_false (is_mapped (lazy_libraries[i]));
}

static void
test_loaded_when_used (void)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autofree char *form = make_file (dir);
  g_autofree char *eml = g_build_filename (dir, "reminder.eml", NULL);
  g_autofree char *text = NULL;
  SamReminder reminder = { "Bufdir", "post@bufdir.no", "2026-T1", "2026-04-15", form, FALSE };
  g_autoptr(SamXlsxBook) book = NULL;
  g_autoptr(GError) error = NULL;

  book = sam_xlsx_book_open (form, NULL, &error);
  g_assert_null (book);
  g_assert_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_NOT_A_WORKBOOK);
  g_assert_true (is_mapped ("libgsf-1.so") && is_mapped ("libxml2.so"));
  g_assert_false (is_mapped ("libgmime-3.0.so"));
  g_clear_error (&error);

  g_assert_true (sam_reminder_write (&reminder, eml, &error));
  g_assert_no_error (error);
  g_assert_true (is_mapped ("libgmime-3.0.so"));
  g_assert_true (g_file_get_contents (eml, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "X-Unsent: 1"));
  g_assert_nonnull (strstr (text, "Reminder: status report 2026-T1"));
  g_assert_nonnull (strstr (text, "filename=\"2026-T1 Bufdir.xlsx\""));
  g_assert_false (is_mapped ("libxlsxwriter.so"));
  sam_test_remove_dir (dir);
}

static void
test_writer_loaded_when_used (void)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autofree char *report = g_build_filename (dir, "report.xlsx", NULL);
  g_autoptr(SamStore) store = sam_test_open_new (dir, "plan.db");
  SamReportOptions options = { .language = SAM_REPORT_LANGUAGE_EN, .today = "2026-03-01" };
  g_autoptr(GError) error = NULL;

  g_assert_false (is_mapped ("libxlsxwriter.so"));
  g_assert_true (sam_report_write (store, &options, report, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (is_mapped ("libxlsxwriter.so"));
  g_assert_true (g_file_test (report, G_FILE_TEST_IS_REGULAR));
  g_clear_object (&store);
  sam_test_remove_dir (dir);
}

static void
test_broken_read (void)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autofree char *form = make_file (dir);

  /* The same answer every time, not only the first. */
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SamXlsxBook) book = sam_xlsx_book_open (form, NULL, &error);

      g_assert_null (book);
      g_assert_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_LIBRARY);
      g_assert_nonnull (strstr (error->message, "cannot read returned forms"));
      g_assert_nonnull (strstr (error->message, "Install it (libgsf-1-114)"));
    }
  sam_test_remove_dir (dir);
}

static void
test_broken_reminder (void)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autofree char *form = make_file (dir);
  g_autofree char *eml = g_build_filename (dir, "reminder.eml", NULL);
  SamReminder reminder = { "Bufdir", NULL, "2026-T1", NULL, form, TRUE };
  g_autoptr(GError) error = NULL;

  g_assert_false (sam_reminder_write (&reminder, eml, &error));
  g_assert_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_LIBRARY);
  g_assert_nonnull (strstr (error->message, "cannot write reminder e-mails"));
  g_assert_nonnull (strstr (error->message, "Install it (libgmime-3.0-0)"));
  g_assert_false (g_file_test (eml, G_FILE_TEST_EXISTS));
  sam_test_remove_dir (dir);
}

/* samordna import says what to install and imports nothing. */
static void
test_broken_import_cli (void)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autofree char *form = make_file (dir);
  g_autofree char *db = g_build_filename (dir, "plan.db", NULL);
  g_autoptr(GBytes) before = NULL;
  g_auto(SamTestRun) run = { 0 };

  g_object_unref (sam_test_open_new (dir, "plan.db"));
  before = sam_test_read_file (db);
  sam_test_run_samordna (&run, (const char *[]) { "import", "--database", db, form, NULL });
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 1);
  g_assert_nonnull (strstr (run.out, "Install it (libgsf-1-114)"));
  g_assert_true (sam_test_same_file (before, db));
  sam_test_remove_dir (dir);
}

/* No report, nor a half-written one, and the same answer every time. */
static void
test_broken_report (void)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autofree char *report = g_build_filename (dir, "report.xlsx", NULL);
  g_autofree char *db = NULL;
  g_autoptr(SamStore) store = sam_test_open_new (dir, "plan.db");
  SamReportOptions options = { .language = SAM_REPORT_LANGUAGE_EN };
  g_auto(SamTestRun) run = { 0 };
  g_auto(GStrv) left = NULL;

  for (int i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (sam_report_write (store, &options, report, NULL, NULL, NULL, NULL, &error));
      g_assert_error (error, SAM_REPORT_ERROR, SAM_REPORT_ERROR_LIBRARY);
      g_assert_nonnull (strstr (error->message, "cannot write Excel workbooks"));
      g_assert_nonnull (strstr (error->message, "Install it (libxlsxwriter4)"));
    }
  g_clear_object (&store);
  db = g_build_filename (dir, "plan.db", NULL);
  sam_test_run_samordna (&run, (const char *[]) { "report", "--database", db, "--output", report, NULL });
  g_assert_cmpint (sam_test_run_exit_code (&run), !=, 0);
  g_assert_nonnull (strstr (run.err, "Install it (libxlsxwriter4)"));
  left = sam_test_list_dir (dir);
  for (guint i = 0; left[i]; i++)
    g_assert_false (g_str_has_suffix (left[i], ".xlsx") || strstr (left[i], ".xlsx.") != NULL);
  sam_test_remove_dir (dir);
}

/* A plan on a server, where libpq is broken: every command that opens one
 * says what to install. This program links libpq itself, so only the
 * samordna it runs is given the broken one (SAM_TEST_FAKE_PQ_DIR). */
static void
test_broken_server (void)
{
  static const char *const commands[][6] = {
    { "check", "--database", "postgresql:///samordna?host=/nonexistent", NULL },
    { "report", "--database", "postgresql:///samordna?host=/nonexistent", "--output", NULL, NULL },
  };
  g_autofree char *dir = sam_test_make_dir ();
  g_autofree char *report = g_build_filename (dir, "report.xlsx", NULL);
  g_autofree char *saved = g_strdup (g_getenv ("LD_LIBRARY_PATH"));
  const char *fake = g_getenv ("SAM_TEST_FAKE_PQ_DIR");

  g_assert_nonnull (fake);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(SamTestRun) run = { 0 };
      const char *args[6];
      g_auto(GStrv) left = NULL;

      memcpy (args, commands[i], sizeof args);
      if (i == 1)
        args[4] = report;
      g_setenv ("LD_LIBRARY_PATH", fake, TRUE);
      sam_test_run_samordna (&run, args);
      if (saved)
        g_setenv ("LD_LIBRARY_PATH", saved, TRUE);
      else
        g_unsetenv ("LD_LIBRARY_PATH");
      g_assert_cmpint (sam_test_run_exit_code (&run), ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_nonnull (strstr (run.err, "cannot reach plans on a server"));
      g_assert_nonnull (strstr (run.err, "Install it (libpq5)"));
      left = sam_test_list_dir (dir);
      g_assert_cmpuint (g_strv_length (left), ==, 0);
    }
  sam_test_remove_dir (dir);
}

/* Writing a round's forms fails before any form is written. */
static void
test_broken_forms (void)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autofree char *forms = g_build_filename (dir, "forms", NULL);
  g_autoptr(SamStore) store = sam_test_open_new (dir, "plan.db");
  SamFormsOptions options = { "2026-T1", "2026-04-15", NULL, forms, SAM_REPORT_LANGUAGE_NB, "2026-03-01T10:00:00" };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) left = NULL;

  g_assert_cmpint (g_mkdir (forms, 0755), ==, 0);
  g_assert_false (sam_forms_write_round (store, &options, NULL, &error));
  g_assert_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_LIBRARY);
  g_assert_nonnull (strstr (error->message, "Install it (libxlsxwriter4)"));
  left = sam_test_list_dir (forms);
  g_assert_cmpuint (g_strv_length (left), ==, 0);
  g_clear_object (&store);
  sam_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_strcmp0 (g_getenv ("SAM_TEST_BROKEN_LIBRARIES"), "1") == 0)
    {
      g_test_add_func ("/lazy-libraries/broken/read-form", test_broken_read);
      g_test_add_func ("/lazy-libraries/broken/reminder", test_broken_reminder);
      g_test_add_func ("/lazy-libraries/broken/import-cli", test_broken_import_cli);
      g_test_add_func ("/lazy-libraries/broken/report", test_broken_report);
      g_test_add_func ("/lazy-libraries/broken/forms", test_broken_forms);
      g_test_add_func ("/lazy-libraries/broken/server", test_broken_server);
    }
  else
    {
      /* In this order: the first asks what is loaded before any use. */
      g_test_add_func ("/lazy-libraries/not-at-start", test_not_at_start);
      g_test_add_func ("/lazy-libraries/loaded-when-used", test_loaded_when_used);
      g_test_add_func ("/lazy-libraries/writer-loaded-when-used", test_writer_loaded_when_used);
    }
  return g_test_run ();
}
