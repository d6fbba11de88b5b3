/* The window on database files built to break it (issue 11): it never
 * hangs, runs what a file brings or keeps a report it should not; it
 * says what is wrong, and the file stays as it was. */
#include "config.h"

#include <string.h>

#include "sam-application.h"
#include "sam-gui-test-util.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = sam_test_make_dir ();
  f->path = g_build_filename (f->dir, "plan.db", NULL);
  sam_test_make_good (f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sam_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gboolean
page_is_error (gpointer window)
{
  return g_strcmp0 (sam_window_get_page (window), "error") == 0;
}

/* Closes the window and the dialog it shows, which must say @says. */
static void
close_with_dialog (SamWindow  *window,
                   const char *heading,
                   const char *says)
{
  AdwMessageDialog *dialog = sam_gui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), says));
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  sam_gui_iterate ();
}

/* A view with an endless query where a table should be, and a trigger
 * that would run on every edit: the window says which, at once, and has
 * no plan to edit. */
static void
test_altered_schema (Fixture       *f,
                     gconstpointer  data)
{
  const char *const *c = data;
  g_autoptr(GBytes) before = NULL;
  SamWindow *window;

  sam_test_sql (f->path, c[0]);
  before = sam_test_read_file (f->path);
  window = sam_gui_open_window (f->path);
  sam_gui_wait_until (page_is_error, window, "the file to be refused");
  g_assert_null (sam_window_get_store (window));
  g_assert_nonnull (strstr (sam_window_get_error (window), c[1]));
  close_with_dialog (window, "The Database Could Not Be Opened", c[1]);
  g_assert_true (sam_test_same_file (before, f->path));
}

static const char *const endless_view[] = {
  "PRAGMA foreign_keys = OFF; DROP TABLE sector;"
  "CREATE VIEW sector (id, name, description) AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
  "SELECT i, 'Sektor ' || i, NULL FROM n",
  "the view “sector” is not one Samordna made",
};

static const char *const trigger[] = {
  "CREATE TRIGGER rename_all AFTER UPDATE ON activity BEGIN "
  "SELECT RAISE (ABORT, 'Ring 815 00 000'); END",
  "the trigger “rename_all” is not one Samordna made",
};

/* A value its CHECK constraint forbids: the plan shows at once, and the
 * check that follows in the background takes it away and says why. */
static void
test_check_constraint (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  SamWindow *window;

  sam_test_sql (f->path, "PRAGMA ignore_check_constraints = ON;"
                         "UPDATE activity SET progress = 500 WHERE id = (SELECT min(id) FROM activity)");
  before = sam_test_read_file (f->path);
  window = sam_gui_open_window (f->path);
  sam_gui_wait_until (page_is_error, window, "the damage to be found");
  g_assert_null (sam_window_get_store (window));
  g_assert_nonnull (strstr (sam_window_get_error (window), "CHECK constraint failed in activity"));
  close_with_dialog (window, "The Database Could Not Be Opened", "Restore it from a backup");
  g_assert_true (sam_test_same_file (before, f->path));
}

static gboolean
report_done (gpointer window)
{
  return !gtk_widget_get_visible (sam_gui_widget (window, "report-progress"));
}

/* The Reports view refuses to write the report over the database, or its
 * journal, by any name. */
static void
test_report_onto_database (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  const char *targets[] = { f->path, wal };
  g_autoptr(GBytes) before = sam_test_read_file (f->path);
  SamWindow *window = sam_gui_open_window (f->path);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      AdwMessageDialog *dialog;

      sam_reports_page_write (SAM_REPORTS_PAGE (sam_window_get_view_page (window, SAM_VIEW_REPORTS)), targets[i]);
      sam_gui_wait_until (report_done, window, "the report to be refused");
      sam_gui_iterate ();
      dialog = sam_gui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
      g_assert_nonnull (dialog);
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Report Was Not Written");
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Choose another name for the report"));
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  g_assert_nonnull (sam_window_get_store (window));
  gtk_window_destroy (GTK_WINDOW (window));
  sam_gui_iterate ();
  g_assert_true (sam_test_same_file (before, f->path));
}

/* More sectors than a sheet has columns: the report is written, and a
 * dialog says what was left out of it, as the command line does. */
static void
test_report_too_wide (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *output = g_build_filename (f->dir, "rapport.xlsx", NULL);
  SamWindow *window;
  AdwMessageDialog *dialog;

  sam_test_sql (f->path, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 16400) "
                         "INSERT INTO sector (name) SELECT 'Sektor ' || i FROM n");
  window = sam_gui_open_window (f->path);
  sam_reports_page_write (SAM_REPORTS_PAGE (sam_window_get_view_page (window, SAM_VIEW_REPORTS)), output);
  sam_gui_wait_until (report_done, window, "the report to be written");
  sam_gui_iterate ();
  g_assert_true (g_file_test (output, G_FILE_TEST_IS_REGULAR));
  dialog = sam_gui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Part of the Report Did Not Fit");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "sectors"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "16,384 columns"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  sam_gui_iterate ();
}

/* The application opens its plan while it builds the window: a file it
 * refuses is refused there as in a window that opens it itself, with the
 * same words, and a good one is shown. */

typedef struct
{
  const char *name;
  const char *sql;      /* what is done to a good file, or NULL */
  const char *folder;   /* the file is in this folder of the test's, which is not there; or NULL */
  const char *says;     /* what the window says, or NULL when it shows the plan */
} AppCase;

static const AppCase app_cases[] = {
  { "good", NULL, NULL, NULL },
  { "trigger", "CREATE TRIGGER rename_all AFTER UPDATE ON activity BEGIN SELECT RAISE (ABORT, 'Ring'); END",
    NULL, "the trigger “rename_all” is not one Samordna made" },
  { "newer", "PRAGMA user_version = 99", NULL, "was written by a newer version of Samordna" },
  { "missing-folder", NULL, "borte", "does not exist. Create it first" },
};

typedef struct
{
  GApplication *app;
  gint64        deadline;
  char         *page;     /* the window's page when it settled */
  char         *error;    /* the window's error then */
  char         *dialog;   /* the body of the dialog it showed, or NULL */
  gboolean      store;    /* whether it had a plan */
} AppRun;

/* The message dialog @window shows, or NULL: that of this run's window,
 * never one another test's window left. */
static AdwMessageDialog *
window_dialog (SamWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; window && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (w) == GTK_WINDOW (window))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static gboolean
app_settled_cb (gpointer data)
{
  AppRun *run = data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (run->app));
  SamWindow *window = NULL;
  AdwMessageDialog *dialog;
  const char *page;

  for (GList *l = windows; l; l = l->next)
    if (SAM_IS_WINDOW (l->data))
      window = l->data;
  page = window ? sam_window_get_page (window) : NULL;
  if (g_get_monotonic_time () < run->deadline && g_strcmp0 (page, "error") != 0 && g_strcmp0 (page, "browse") != 0)
    return G_SOURCE_CONTINUE;
  run->page = g_strdup (page);
  run->error = window ? g_strdup (sam_window_get_error (window)) : NULL;
  run->store = window && sam_window_get_store (window) != NULL;
  if ((dialog = window_dialog (window)))
    {
      run->dialog = g_strdup (adw_message_dialog_get_body (dialog));
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  if (window)
    gtk_window_destroy (GTK_WINDOW (window));
  g_application_quit (run->app);
  return G_SOURCE_REMOVE;
}

static void
test_application (Fixture       *f,
                  gconstpointer  data)
{
  const AppCase *c = data;
  g_autofree char *path = c->folder ? g_build_filename (f->dir, c->folder, "plan.db", NULL) : g_strdup (f->path);
  char *argv[] = { "samordna", "--database", path, NULL };
  AppRun run = { .deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC };
  g_autoptr(GBytes) before = NULL;

  if (c->sql)
    sam_test_sql (f->path, c->sql);
  before = sam_test_read_file (f->path);
  run.app = G_APPLICATION (sam_application_new ());
  g_timeout_add (10, app_settled_cb, &run);
  g_assert_cmpint (g_application_run (run.app, G_N_ELEMENTS (argv) - 1, argv), ==, 0);
  g_clear_object (&run.app);
  sam_gui_iterate ();

  if (c->says == NULL)
    {
      g_assert_cmpstr (run.page, ==, "browse");
      g_assert_true (run.store);
      g_assert_null (run.dialog);
    }
  else
    {
      g_assert_cmpstr (run.page, ==, "error");
      g_assert_false (run.store);
      g_assert_nonnull (strstr (run.error, c->says));
      g_assert_cmpstr (run.dialog, ==, run.error);
    }
  g_assert_true (sam_test_same_file (before, f->path));
  if (c->folder)
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_free (run.page);
  g_free (run.error);
  g_free (run.dialog);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/gui/hostile/endless-view", Fixture, endless_view, fixture_set_up, test_altered_schema,
              fixture_tear_down);
  g_test_add ("/gui/hostile/trigger", Fixture, trigger, fixture_set_up, test_altered_schema, fixture_tear_down);
  g_test_add ("/gui/hostile/check-constraint", Fixture, NULL, fixture_set_up, test_check_constraint,
              fixture_tear_down);
  g_test_add ("/gui/hostile/report-onto-database", Fixture, NULL, fixture_set_up, test_report_onto_database,
              fixture_tear_down);
  g_test_add ("/gui/hostile/report-too-wide", Fixture, NULL, fixture_set_up, test_report_too_wide,
              fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (app_cases); i++)
    {
      g_autofree char *name = g_strconcat ("/gui/hostile/application/", app_cases[i].name, NULL);
      g_test_add (name, Fixture, &app_cases[i], fixture_set_up, test_application, fixture_tear_down);
    }
  return g_test_run ();
}
