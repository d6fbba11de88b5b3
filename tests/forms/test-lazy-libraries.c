/* The libraries only some operations need are loaded when first used, not
 * at start-up (issue 12): libgsf and libxml2 to read a returned form,
 * GMime to write a reminder, libpq to open a plan on a server.
 *
 * meson runs this program twice: as it is, and with
 * SAM_TEST_BROKEN_LIBRARIES=1 and LD_LIBRARY_PATH naming a folder of
 * libraries with the names of libgsf and GMime and nothing in them, as a
 * broken or wrong installation would have. Then reading a form and
 * writing a reminder must fail with a message that names the package to
 * install, and nothing may crash. */
#include "config.h"

#include <glib/gstdio.h>

#include "sam-test-util.h"
#include "forms/sam-forms.h"
#include "forms/sam-reminder.h"
#include "forms/sam-xlsx-reader.h"

/* Not needed before their operation, whatever links them. */
static const char *lazy_libraries[] = { "libgsf-1.so", "libxml2.so", "libgmime-3.0.so" };

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
    }
  else
    {
      /* In this order: the first asks what is loaded before any use. */
      g_test_add_func ("/lazy-libraries/not-at-start", test_not_at_start);
      g_test_add_func ("/lazy-libraries/loaded-when-used", test_loaded_when_used);
    }
  return g_test_run ();
}
