/* Open Plan on a Server… (issue 17): a plan on the tests' PostgreSQL
 * cluster opens through the dialog, by server, database and user or by a
 * connection string; a password is asked only when the server wants one;
 * and each kind of bad input is said in the dialog, which stays open with
 * what was typed. */
#include "config.h"

#include <string.h>

#include "sam-gui-test-util.h"
#include "sam-server-dialog.h"
#include "sam-test-pg.h"

typedef struct
{
  char            *dir;
  char            *plan;     /* the address of a plan on the cluster */
  char            *host;     /* the cluster's socket folder */
  GSettings       *settings; /* the person's choices, in memory */
  SamWindow       *window;   /* on a file first */
  SamServerDialog *dialog;
} Fixture;

/* The value of @keyword in the libpq address @address. */
static char *
keyword_of (const char *address,
            const char *keyword)
{
  PQconninfoOption *options = PQconninfoParse (address, NULL);
  char *value = NULL;

  for (PQconninfoOption *o = options; o && o->keyword; o++)
    if (g_str_equal (o->keyword, keyword))
      value = g_strdup (o->val);
  PQconninfoFree (options);
  return value;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;

  f->dir = sam_test_make_dir ();
  path = g_build_filename (f->dir, "own.db", NULL);
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "last-server");
  f->window = sam_gui_open_window_with (path, f->settings, 1280, 900);
  f->plan = sam_test_pg_new_plan ();
  f->host = keyword_of (f->plan, "host");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-server", NULL));
  sam_gui_iterate ();
  f->dialog = sam_gui_find_toplevel (SAM_TYPE_SERVER_DIALOG);
  g_assert_nonnull (f->dialog);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, 0);
      gtk_window_destroy (w);
    }
  sam_gui_iterate ();
  sam_test_pg_drop_database (f->plan);
  sam_test_remove_dir (f->dir);
  g_clear_object (&f->settings);
  g_free (f->plan);
  g_free (f->host);
  g_free (f->dir);
}

static gboolean
dialog_answered (gpointer data)
{
  Fixture *f = data;

  return f->dialog == NULL || sam_server_dialog_get_error (f->dialog) != NULL;
}

/* Connects, and waits until the plan is open (the dialog gone) or the
 * dialog says what is wrong; returns that message, or NULL. */
static const char *
connect (Fixture *f)
{
  g_object_add_weak_pointer (G_OBJECT (f->dialog), (gpointer *) &f->dialog);
  sam_server_dialog_connect (f->dialog);
  sam_gui_wait_until (dialog_answered, f, "the plan open or a message in the dialog");
  return f->dialog ? sam_server_dialog_get_error (f->dialog) : NULL;
}

static void
assert_on_server (Fixture *f)
{
  SamStore *store = sam_window_get_store (f->window);
  g_autofree char *name = keyword_of (f->plan, "dbname");

  g_assert_null (f->dialog);
  g_assert_nonnull (store);
  g_assert_true (sam_store_is_on_server (store));
  g_assert_true (g_str_has_prefix (sam_store_get_path (store), name));
  g_assert_cmpuint (g_list_model_get_n_items (sam_gui_plan_rows (f->window)), >, 0);
}

/* Server, database and user, as the administrator gives them. */
static void
test_opens_by_fields (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *name = keyword_of (f->plan, "dbname");

  sam_server_dialog_fill (f->dialog, f->host, name, "postgres", NULL);
  g_assert_null (connect (f));
  assert_on_server (f);
}

/* A connection string, in place of the fields. */
static void
test_opens_by_string (Fixture       *f,
                      gconstpointer  data)
{
  sam_server_dialog_fill (f->dialog, "nowhere.invalid", "wrong", NULL, f->plan);
  g_assert_null (connect (f));
  assert_on_server (f);
}

/* The server the settings remember, as text. */
static char *
remembered_server (Fixture *f)
{
  g_autoptr(GVariant) value = g_settings_get_value (f->settings, "last-server");

  return g_variant_print (value, FALSE);
}

/* The dialog keeps what was typed and says what is wrong. */
static void
assert_refused (Fixture    *f,
                const char *expected)
{
  const char *message = connect (f);

  g_assert_nonnull (f->dialog);
  g_assert_nonnull (message);
  if (strstr (message, expected) == NULL)
    g_error ("The dialog said “%s”, which does not mention “%s”", message, expected);
  /* The window still shows its own file. */
  g_assert_false (sam_store_is_on_server (sam_window_get_store (f->window)));
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *empty = sam_test_pg_new_database ();
  g_autofree char *empty_name = keyword_of (empty, "dbname");

  /* Nothing to connect to. */
  sam_server_dialog_fill (f->dialog, f->host, "", "postgres", "");
  assert_refused (f, "database");
  /* A file's path is no server's address. */
  sam_server_dialog_fill (f->dialog, NULL, NULL, NULL, "/tmp/plan.db");
  assert_refused (f, "not a server's address");
  /* A server that is not there. */
  sam_server_dialog_fill (f->dialog, "samordna-no-such-host.invalid", "plan", "postgres", "");
  assert_refused (f, "Could not connect");
  /* A database that is not there. */
  sam_server_dialog_fill (f->dialog, f->host, "samordna_no_such_database", "postgres", NULL);
  assert_refused (f, "samordna_no_such_database");
  /* A database with no plan yet: its owner sets it up. */
  sam_server_dialog_fill (f->dialog, f->host, empty_name, "postgres", NULL);
  assert_refused (f, "samordna server init");
  g_assert_cmpstr (sam_server_dialog_get_text (f->dialog, "host"), ==, f->host);
  g_assert_cmpstr (sam_server_dialog_get_text (f->dialog, "database"), ==, empty_name);
  g_assert_cmpstr (sam_server_dialog_get_text (f->dialog, "user"), ==, "postgres");
  sam_test_pg_drop_database (empty);
}

/* A login the server asks a password of: the dialog asks for it, a wrong
 * one is refused, the right one opens the plan. */
static void
test_password (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *name = keyword_of (f->plan, "dbname");
  g_autofree char *login = g_strconcat (name, "_anne", NULL);
  g_autofree char *sql = g_strdup_printf (
    "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'samordna_password_test') "
    "THEN CREATE ROLE samordna_password_test; END IF; END $$;"
    "CREATE ROLE %s LOGIN SUPERUSER PASSWORD 'rett passord' IN ROLE samordna_password_test", login);
  g_autoptr(PGconn) conn = sam_test_pg_connect (sam_test_pg_server ());
  g_autofree char *remembered = NULL;

  sam_test_pg_exec (conn, sql);
  g_unsetenv ("PGPASSWORD");
  g_setenv ("PGPASSFILE", "/nonexistent", TRUE);
  sam_server_dialog_fill (f->dialog, f->host, name, login, NULL);
  g_assert_false (sam_server_dialog_asks_password (f->dialog));
  assert_refused (f, "password");
  g_assert_true (sam_server_dialog_asks_password (f->dialog));
  sam_server_dialog_set_password (f->dialog, "galt passord");
  assert_refused (f, login);
  g_assert_cmpstr (sam_server_dialog_get_text (f->dialog, "database"), ==, name);
  sam_server_dialog_set_password (f->dialog, "rett passord");
  g_assert_null (connect (f));
  assert_on_server (f);
  /* Remembered for next time, without the password. */
  remembered = remembered_server (f);
  g_assert_nonnull (strstr (remembered, login));
  g_assert_null (strstr (remembered, "passord"));
}

/* The dialog shows the server a plan was last opened on, as typed, and
 * keeps no password and nothing from an attempt that failed. */
static void
test_remembers (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *name = keyword_of (f->plan, "dbname");
  g_autofree char *host = NULL, *database = NULL, *user = NULL, *address = NULL;
  g_autofree char *remembered = NULL;

  sam_server_dialog_fill (f->dialog, f->host, "samordna_no_such_database", "postgres", NULL);
  assert_refused (f, "samordna_no_such_database");
  remembered = remembered_server (f);
  g_assert_cmpstr (remembered, ==, "('', '', '', '')");
  sam_server_dialog_fill (f->dialog, NULL, name, NULL, NULL);
  g_assert_null (connect (f));
  assert_on_server (f);
  g_settings_get (f->settings, "last-server", "(ssss)", &host, &database, &user, &address);
  g_assert_cmpstr (host, ==, f->host);
  g_assert_cmpstr (database, ==, name);
  g_assert_cmpstr (user, ==, "postgres");
  g_assert_cmpstr (address, ==, "");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-server", NULL));
  sam_gui_iterate ();
  f->dialog = sam_gui_find_toplevel (SAM_TYPE_SERVER_DIALOG);
  g_assert_nonnull (f->dialog);
  g_assert_cmpstr (sam_server_dialog_get_text (f->dialog, "host"), ==, f->host);
  g_assert_cmpstr (sam_server_dialog_get_text (f->dialog, "database"), ==, name);
  g_assert_cmpstr (sam_server_dialog_get_text (f->dialog, "user"), ==, "postgres");
  g_assert_false (sam_server_dialog_asks_password (f->dialog));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/server/opens-by-fields", test_opens_by_fields);
  ADD ("/gui/server/opens-by-string", test_opens_by_string);
  ADD ("/gui/server/bad-input", test_bad_input);
  ADD ("/gui/server/password", test_password);
  ADD ("/gui/server/remembers", test_remembers);
#undef ADD
  return g_test_run ();
}
