/* The command line: what a person sees from samordna in a terminal. */
#include "config.h"

#include <sys/wait.h>

#include "sam-test-util.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs the samordna binary with @args and no display, in @language
 * (NULL for the test's own locale). */
static void
run_in (Run         *result,
        const char  *language,
        const char  *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SAMORDNA_BINARY"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  if (language)
    {
      env = g_environ_setenv (env, "LC_ALL", language, TRUE);
      env = g_environ_setenv (env, "LANGUAGE", "nb", TRUE);
    }

  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                &result->out, &result->err, &result->status, &error);
  g_assert_no_error (error);
}

static void
run (Run         *result,
     const char  *const *args)
{
  run_in (result, NULL, args);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (; *text; text++)
    n += *text == '\n';
  return n;
}

static void
test_version (void)
{
  g_auto(Run) r = { 0 };

  run (&r, (const char *[]) { "--version", NULL });
  g_assert_true (g_spawn_check_wait_status (r.status, NULL));
  g_assert_cmpstr (r.out, ==, "samordna " PACKAGE_VERSION "\n");
}

static void
test_help (void)
{
  g_auto(Run) r = { 0 };

  run (&r, (const char *[]) { "--help", NULL });
  g_assert_true (g_spawn_check_wait_status (r.status, NULL));
  g_assert_nonnull (strstr (r.out, "--database=PATH"));
  g_assert_nonnull (strstr (r.out, "--version"));
}

static void
test_no_display (void)
{
  g_auto(Run) r = { 0 };
  g_autofree char *dir = sam_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "plan.db", NULL);

  run (&r, (const char *[]) { "--database", path, NULL });
  g_assert_false (g_spawn_check_wait_status (r.status, NULL));
  g_assert_cmpuint (count_lines (r.err), ==, 1);
  g_assert_nonnull (strstr (r.err, "there is no display"));
  /* Nothing was created for a window that never opened. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  sam_test_remove_dir (dir);
}

static void
test_norwegian (void)
{
  g_auto(Run) help = { 0 };
  g_auto(Run) window = { 0 };

  if (!g_file_test ("/usr/lib/locale/locale-archive", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no compiled locales");
      return;
    }
  run_in (&help, "nb_NO.UTF-8", (const char *[]) { "--help", NULL });
  g_assert_nonnull (strstr (help.out, "Planlegg og følg opp en tverrsektoriell statlig strategi."));
  run_in (&window, "nb_NO.UTF-8", (const char *[]) { NULL });
  g_assert_cmpuint (count_lines (window.err), ==, 1);
  g_assert_null (strstr (window.err, "there is no display"));
}

static void
test_bad_option (void)
{
  g_auto(Run) r = { 0 };

  run (&r, (const char *[]) { "--no-such-option", NULL });
  g_assert_false (g_spawn_check_wait_status (r.status, NULL));
  g_assert_nonnull (strstr (r.err, "no-such-option"));
}

/* samordna period: list, close and reopen, each with its exit status. */
static void
test_period (void)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autoptr(SamStore) made = sam_test_open_new (dir, "plan.db");
  g_autofree char *path = g_strdup (sam_store_get_path (made));
  g_auto(Run) list = { 0 }, close = { 0 }, again = { 0 }, listed = { 0 }, reopen = { 0 }, unknown = { 0 }, bad = { 0 };

  g_clear_object (&made);
  run (&list, (const char *[]) { "period", "list", "--database", path, NULL });
  g_assert_true (g_spawn_check_wait_status (list.status, NULL));
  g_assert_nonnull (strstr (list.out, "2026-T2\t2026-T2 (1 May – 31 Aug 2026)\topen\n"));

  run (&close, (const char *[]) { "period", "close", "2026-T2", "--database", path, NULL });
  g_assert_true (g_spawn_check_wait_status (close.status, NULL));
  g_assert_cmpstr (close.out, ==, "Closed 2026-T2 (1 May – 31 Aug 2026): its report and figures hold what they show now.\n");
  run (&listed, (const char *[]) { "period", "list", "--database", path, NULL });
  g_assert_nonnull (strstr (listed.out, "2026-T2\t2026-T2 (1 May – 31 Aug 2026)\tclosed\t"));
  /* Closed already: exit 1, one line that says what to do. */
  run (&again, (const char *[]) { "period", "close", "2026-T2", "--database", path, NULL });
  g_assert_true (WIFEXITED (again.status) && WEXITSTATUS (again.status) == 1);
  g_assert_cmpuint (count_lines (again.err), ==, 1);
  g_assert_nonnull (strstr (again.err, "Reopen it first"));

  run (&reopen, (const char *[]) { "period", "reopen", "2026-T2", "--database", path, NULL });
  g_assert_true (g_spawn_check_wait_status (reopen.status, NULL));
  g_assert_nonnull (strstr (reopen.out, "Reopened 2026-T2"));
  /* An unknown period, a wrong action: exit 2. */
  run (&unknown, (const char *[]) { "period", "close", "2031-T9", "--database", path, NULL });
  g_assert_true (WIFEXITED (unknown.status) && WEXITSTATUS (unknown.status) == 2);
  g_assert_nonnull (strstr (unknown.err, "There is no reporting period “2031-T9”"));
  run (&bad, (const char *[]) { "period", "shut", "2026-T2", "--database", path, NULL });
  g_assert_true (WIFEXITED (bad.status) && WEXITSTATUS (bad.status) == 2);
  g_assert_cmpuint (count_lines (bad.err), ==, 1);
  sam_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/no-display", test_no_display);
  g_test_add_func ("/cli/bad-option", test_bad_option);
  g_test_add_func ("/cli/norwegian", test_norwegian);
  g_test_add_func ("/cli/period", test_period);
  return g_test_run ();
}
