/* The window on a plan on a server hides or disables what the login may
 * not do and says why (issue 17): a reader reads, with a notice at the
 * top; an agency's editor edits the activities its agency leads, records
 * status for those it takes part in, and sees why the others are
 * read-only. */
#include "config.h"

#include <string.h>

#include "sam-gui-test-util.h"
#include "sam-round-dialog.h"
#include "sam-test-pg.h"
#include "store/sam-server.h"

typedef struct
{
  char      *plan;      /* the owner's address of a plan on the cluster */
  char      *name;      /* its database's name */
  gint64     leads, takes_part, other;  /* activities as Testdir sees them */
  SamWindow *window;
} Fixture;

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

static gint64
id_of (PGconn     *conn,
       const char *format,
       ...)
{
  g_autofree char *sql = NULL, *text = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  text = sam_test_pg_value (conn, sql);
  return g_ascii_strtoll (text, NULL, 10);
}

#define ACTIVITY "INSERT INTO activity (plan_id, title, lead_agency_id) SELECT min(id), '%s', %" G_GINT64_FORMAT " FROM plan RETURNING id"

/* The default plan, set up by init, with two agencies of the test's own
 * and three activities: one Testdir leads, one Testpoliti leads with
 * Testdir taking part, and one Testpoliti leads alone. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autofree char *partner = NULL;
  gint64 testdir, politi;

  f->plan = sam_test_pg_new_database ();
  g_assert_true (sam_server_init (f->plan, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  f->name = keyword_of (f->plan, "dbname");
  conn = sam_test_pg_connect (f->plan);
  testdir = id_of (conn, "INSERT INTO agency (name, short_name) VALUES ('Testdirektoratet', 'Testdir') RETURNING id");
  politi = id_of (conn, "INSERT INTO agency (name, short_name) VALUES ('Testpolitiet', 'Testpoliti') RETURNING id");
  f->leads = id_of (conn, ACTIVITY, "Testdirs seminar", testdir);
  f->takes_part = id_of (conn, ACTIVITY, "Felles veileder", politi);
  f->other = id_of (conn, ACTIVITY, "Grensekontroll", politi);
  partner = g_strdup_printf ("INSERT INTO activity_partner (activity_id, agency_id, position) VALUES "
                             "(%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 0)", f->takes_part, testdir);
  sam_test_pg_exec (conn, partner);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window)
    gtk_window_destroy (GTK_WINDOW (f->window));
  sam_gui_iterate ();
  sam_test_pg_drop_database (f->plan);
  g_free (f->plan);
  g_free (f->name);
}

/* Gives the new login NAME_@who the role, and opens the plan as it. */
static void
open_as (Fixture       *f,
         const char    *who,
         SamServerRole  role,
         const char    *agency)
{
  g_autofree char *login = g_strdup_printf ("%s_%s", f->name, who);
  g_autofree char *address = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_server_grant (f->plan, NULL, login, role, agency, NULL, &error));
  g_assert_no_error (error);
  address = sam_test_pg_address_with (f->plan, "user", login);
  f->window = sam_gui_open_window (address);
  g_assert_null (sam_window_get_error (f->window));
  g_assert_true (sam_store_is_on_server (sam_window_get_store (f->window)));
}

static void
show (Fixture *f,
      gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamRecord) record = sam_store_get (sam_window_get_store (f->window), SAM_KIND_ACTIVITY, id, &error);

  g_assert_no_error (error);
  sam_window_show_record (f->window, record);
  sam_gui_iterate ();
  g_assert_cmpint (sam_record_get_id (sam_window_get_shown_record (f->window)), ==, id);
}

/* The first widget under @widget that activates @action. */
static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action)
{
  if (GTK_IS_ACTIONABLE (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_actionable (c, action);
      if (found)
        return found;
    }
  return NULL;
}

/* Whether the button of @action in the editor can be pressed. */
static gboolean
can_press (Fixture    *f,
           const char *action)
{
  GtkWidget *button = find_actionable (GTK_WIDGET (sam_window_get_editor (f->window)), action);

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

static gboolean
can_type_in (Fixture    *f,
             const char *field)
{
  return gtk_widget_is_sensitive (sam_gui_editor_widget (f->window, field));
}

/* The tooltip a person sees over @widget: its own or, with none, that of
 * the nearest widget around it that has one. */
static const char *
tooltip_over (GtkWidget *widget)
{
  for (; widget; widget = gtk_widget_get_parent (widget))
    if (gtk_widget_get_tooltip_text (widget))
      return gtk_widget_get_tooltip_text (widget);
  return NULL;
}

static void
assert_notice (const char *notice,
               const char *expected)
{
  g_assert_nonnull (notice);
  if (strstr (notice, expected) == NULL)
    g_error ("The notice says “%s”, which does not say “%s”", notice, expected);
}

/* Tries the window's action @action, and returns whether a round dialog
 * came up (closing it). */
static gboolean
round_dialog_opens (Fixture    *f,
                    const char *action)
{
  GtkWindow *dialog;

  gtk_widget_activate_action (GTK_WIDGET (f->window), action, NULL);
  sam_gui_iterate ();
  dialog = sam_gui_find_toplevel (SAM_TYPE_ROUND_DIALOG);
  if (dialog)
    gtk_window_destroy (dialog);
  return dialog != NULL;
}

/* Tries New Activity, and returns whether one was added. */
static gboolean
adds_activity (Fixture *f)
{
  SamStore *store = sam_window_get_store (f->window);
  AdwMessageDialog *dialog;
  gint64 before = sam_store_count (store, SAM_KIND_ACTIVITY);

  /* In the plan of an activity. */
  sam_window_show_view (f->window, SAM_VIEW_PLANS);
  show (f, f->leads);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", "s", "activity");
  sam_gui_iterate ();
  if ((dialog = sam_gui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)))
    g_error ("New Activity said: %s", adw_message_dialog_get_body (dialog));
  return sam_store_count (store, SAM_KIND_ACTIVITY) > before;
}

/* Whether Close Period… in the Reports view can be pressed. */
static gboolean
can_close_period (Fixture *f)
{
  GtkWidget *button;

  sam_window_show_view (f->window, SAM_VIEW_REPORTS);
  sam_gui_iterate ();
  button = sam_gui_widget (f->window, "report-close");
  return gtk_widget_is_sensitive (button);
}

static void
test_reader (Fixture       *f,
             gconstpointer  data)
{
  open_as (f, "les", SAM_SERVER_READER, NULL);
  g_assert_cmpstr (sam_window_get_access_notice (f->window), ==,
                   "You can read this plan; ask the secretariat for editing rights.");
  show (f, f->leads);
  g_assert_false (can_type_in (f, "title"));
  g_assert_false (can_type_in (f, "lead_agency_id"));
  g_assert_false (can_press (f, "win.record-status"));
  g_assert_false (can_press (f, "win.delete"));
  g_assert_false (can_press (f, "win.duplicate"));
  assert_notice (sam_editor_get_access_notice (sam_window_get_editor (f->window)), "ask the secretariat");
  g_assert_false (adds_activity (f));
  g_assert_false (round_dialog_opens (f, "win.start-round"));
  g_assert_false (can_close_period (f));
}

static void
test_agency_editor (Fixture       *f,
                    gconstpointer  data)
{
  open_as (f, "buf", SAM_SERVER_EDITOR, "Testdir");
  assert_notice (sam_window_get_access_notice (f->window), "your agency leads");

  /* What it leads it edits. */
  show (f, f->leads);
  g_assert_true (can_type_in (f, "title"));
  g_assert_false (can_type_in (f, "lead_agency_id"));
  assert_notice (tooltip_over (sam_gui_editor_widget (f->window, "lead_agency_id")), "Only the secretariat");
  g_assert_true (can_press (f, "win.record-status"));
  g_assert_true (can_press (f, "win.delete"));
  g_assert_null (sam_editor_get_access_notice (sam_window_get_editor (f->window)));

  /* Where it takes part it records status, and reads the rest. */
  show (f, f->takes_part);
  g_assert_false (can_type_in (f, "title"));
  g_assert_false (can_type_in (f, "lead_agency_id"));
  g_assert_true (can_press (f, "win.record-status"));
  g_assert_false (can_press (f, "win.delete"));
  assert_notice (sam_editor_get_access_notice (sam_window_get_editor (f->window)), "you can record its status");
  assert_notice (tooltip_over (sam_gui_editor_widget (f->window, "title")), "you can record its status");

  /* Elsewhere it reads. */
  show (f, f->other);
  g_assert_false (can_type_in (f, "title"));
  g_assert_false (can_press (f, "win.record-status"));
  g_assert_false (can_press (f, "win.delete"));
  assert_notice (sam_editor_get_access_notice (sam_window_get_editor (f->window)), "does not lead or take part");
  g_assert_false (round_dialog_opens (f, "win.start-round"));
  g_assert_false (can_close_period (f));

  /* A new activity is its agency's. */
  g_assert_true (adds_activity (f));
  g_assert_true (can_type_in (f, "title"));
  g_assert_null (sam_editor_get_access_notice (sam_window_get_editor (f->window)));
}

/* The database's owner, as on a file: everything, and no notice. */
static void
test_owner (Fixture       *f,
            gconstpointer  data)
{
  f->window = sam_gui_open_window (f->plan);
  g_assert_null (sam_window_get_access_notice (f->window));
  show (f, f->other);
  g_assert_true (can_type_in (f, "title"));
  g_assert_true (can_type_in (f, "lead_agency_id"));
  g_assert_true (can_press (f, "win.record-status"));
  g_assert_null (sam_editor_get_access_notice (sam_window_get_editor (f->window)));
  g_assert_true (round_dialog_opens (f, "win.start-round"));
  g_assert_true (can_close_period (f));
  g_assert_true (adds_activity (f));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/access/reader", test_reader);
  ADD ("/gui/access/agency-editor", test_agency_editor);
  ADD ("/gui/access/owner", test_owner);
#undef ADD
  return g_test_run ();
}
