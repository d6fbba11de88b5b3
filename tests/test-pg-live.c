/* A plan on a server at run time: every window hears of others' changes
 * at once (LISTEN/NOTIFY read in the main loop), never of its own; two
 * people saving fields of one record at the same moment lose nothing and
 * overwrite nothing unseen. */
#include "config.h"

#include <string.h>

#include "store/sam-coordination.h"
#include "report/sam-report.h"
#include "store/sam-rules.h"
#include "store/sam-server-private.h"
#include "store/sam-status.h"
#include "store/sam-store-private.h"
#include "sam-test-pg.h"
#include "sam-test-util.h"

#define TITLE "Samarbeid om informasjonstiltak i særlig utsatte bransjer"

typedef struct
{
  char      *address;
  SamStore  *a;           /* one window */
  SamStore  *b;           /* another window, elsewhere */
  SamRecord *activity;    /* as both read it first */
  guint      external;    /* A's external-change signals */
} Fixture;

static void
on_external_cb (SamStore *store,
                Fixture  *f)
{
  f->external++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->address = sam_test_pg_new_database ();
  g_assert_true (sam_server_init (f->address, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  f->a = sam_store_open (f->address, &error);
  g_assert_no_error (error);
  f->b = sam_store_open (f->address, &error);
  g_assert_no_error (error);
  f->activity = sam_test_find (f->a, SAM_KIND_ACTIVITY, "title", TITLE);
  g_signal_connect (f->a, "external-change", G_CALLBACK (on_external_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->activity);
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  sam_test_pg_drop_database (f->address);
  g_free (f->address);
}

static GVariant *
text (const char *s)
{
  return s ? g_variant_ref_sink (g_variant_new_string (s)) : NULL;
}

/* The value of @field of the activity as @f's first read showed it. */
static GVariant *
shown (Fixture    *f,
       const char *field)
{
  GVariant *v = sam_record_get_value (f->activity, (guint) sam_kind_field_index (SAM_KIND_ACTIVITY, field));

  return v ? g_variant_ref (v) : NULL;
}

/* Sets @field from what @f's first read showed to @value through @store. */
static gboolean
change (Fixture     *f,
        SamStore    *store,
        const char  *field,
        const char  *value,
        GError     **error)
{
  g_autoptr(GVariant) was = shown (f, field);
  g_autoptr(GVariant) v = text (value);

  return sam_rules_update_field (store, SAM_KIND_ACTIVITY, sam_record_get_id (f->activity), field, was, v, error);
}

/* What @store reads now in @field of the activity. */
static char *
now (Fixture    *f,
     SamStore   *store,
     const char *field)
{
  g_autoptr(SamRecord) record = sam_store_get (store, SAM_KIND_ACTIVITY, sam_record_get_id (f->activity), NULL);

  return g_strdup (sam_record_get_string (record, field));
}

static gboolean
on_too_long_cb (gpointer data)
{
  g_error ("No notification of the other's change came within 10 seconds");
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until A has heard of @n changes of others. The
 * window's polling is not running here: only the socket's watch can
 * bring them. */
static void
wait_for_external (Fixture *f,
                   guint    n)
{
  guint limit = g_timeout_add_seconds (10, on_too_long_cb, NULL);

  while (f->external < n)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (limit);
}

/* Others' changes */

static void
test_notify_others (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  g_assert_true (sam_store_watch_changes (f->a, &error));
  g_assert_no_error (error);
  /* A's own change is no news to A; B's, which comes after it, is. */
  g_assert_true (change (f, f->a, "description", "Beskrivelse fra A", &error));
  g_assert_no_error (error);
  g_assert_true (change (f, f->b, "title", "Tittel fra B", &error));
  g_assert_no_error (error);
  wait_for_external (f, 1);
  title = now (f, f->a, "title");
  g_assert_cmpstr (title, ==, "Tittel fra B");

  /* Notifications come in the order of the commits: once B's second is
   * heard, nothing of A's own is left on the way. */
  g_assert_true (sam_store_update_field (f->a, SAM_KIND_ACTIVITY, sam_record_get_id (f->activity), "description",
                                         text ("Beskrivelse fra A"), text ("Igjen fra A"), &error));
  g_assert_no_error (error);
  g_assert_true (sam_store_update_field (f->b, SAM_KIND_ACTIVITY, sam_record_get_id (f->activity), "title",
                                         text ("Tittel fra B"), text ("Ny tittel fra B"), &error));
  g_assert_no_error (error);
  wait_for_external (f, 2);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (f->external, ==, 2);
}

/* Without a watch, asking gives the same news (the window asks when it
 * gets the focus). */
static void
test_notify_asked (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSource) idle = NULL;

  g_assert_true (sam_store_watch_changes (f->a, &error));
  g_assert_false (sam_store_notice_changes (f->a));
  g_assert_true (change (f, f->b, "title", "Tittel fra B", &error));
  g_assert_no_error (error);
  /* The server sends the notification once B has committed; give it the
   * time it takes to come, asking as the window does. */
  for (int i = 0; i < 1000 && f->external == 0; i++)
    if (!sam_store_notice_changes (f->a))
      g_usleep (10000);
  g_assert_cmpuint (f->external, ==, 1);
  g_assert_false (sam_store_notice_changes (f->a));
}

/* Both at once: B saves while A's save of the same record is still
 * open. */

typedef struct
{
  Fixture    *f;
  const char *field;
  GVariant   *value;
  GError     *error;
  gboolean    ok;
  gint64      period;     /* for a status: its period */
} Save;

/* Changes @field of the activity from what was shown to @value. */
static gboolean
save_value (Fixture     *f,
            SamStore    *store,
            const char  *field,
            GVariant    *value,
            GError     **error)
{
  g_autoptr(GVariant) was = shown (f, field);

  return sam_rules_update_field (store, SAM_KIND_ACTIVITY, sam_record_get_id (f->activity), field, was, value, error);
}

static gpointer
save_thread (gpointer data)
{
  Save *save = data;

  if (save->period)
    {
      SamStatusEntry entry = { .activity_id = sam_record_get_id (save->f->activity), .period_id = save->period,
                               .status = "delayed", .progress = 30 };

      save->ok = sam_status_record (save->f->b, &entry, &save->error);
    }
  else
    save->ok = save_value (save->f, save->f->b, save->field, save->value, &save->error);
  return NULL;
}

/* Whether a connection waits for a lock on the plan's database. */
static gboolean
someone_waits (Fixture *f)
{
  g_autoptr(PGconn) conn = sam_test_pg_connect (f->address);
  g_autofree char *waiting = sam_test_pg_value (conn, "SELECT count(*) FROM pg_stat_activity "
                                                      "WHERE datname = current_database() AND wait_event_type = 'Lock'");

  return g_strcmp0 (waiting, "0") != 0;
}

static void
save_free (Save *save)
{
  g_clear_error (&save->error);
  g_clear_pointer (&save->value, g_variant_unref);
  g_free (save);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Save, save_free)

/* A saves @a_field in a transaction it holds open, B saves @b_field
 * meanwhile (in a thread: it waits for A, or would overwrite it unseen),
 * then A commits. Returns B's save. Takes the values. */
static Save *
race_with (Fixture    *f,
           const char *a_field,
           GVariant   *a_value,
           const char *b_field,
           GVariant   *b_value,
           gint64      b_period)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) mine = a_value;
  Save *save = g_new0 (Save, 1);
  GThread *thread;

  save->f = f;
  save->field = b_field;
  save->value = b_value;
  save->period = b_period;
  g_assert_true (sam_store_begin (f->a, &error));
  g_assert_true (save_value (f, f->a, a_field, mine, &error));
  g_assert_no_error (error);
  thread = g_thread_new ("b", save_thread, save);
  /* B waits for A's lock; on a store that took none, B is done first. */
  for (int i = 0; i < 200 && !someone_waits (f); i++)
    g_usleep (10000);
  g_assert_true (sam_store_commit (f->a, &error));
  g_assert_no_error (error);
  g_thread_join (thread);
  return save;
}

static Save *
race (Fixture    *f,
      const char *a_field,
      GVariant   *a_value,
      const char *b_field,
      GVariant   *b_value)
{
  return race_with (f, a_field, a_value, b_field, b_value, 0);
}

/* B records a status (which sets the activity's status and progress)
 * while A changes its title: both stay. */
static void
test_race_status (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(SamRecord) period = sam_test_find (f->a, SAM_KIND_REPORTING_PERIOD, "code", "2026-T1");
  g_autoptr(Save) b = NULL;
  g_autoptr(SamRecord) after = NULL;

  b = race_with (f, "title", text ("Tittel fra A"), NULL, NULL, sam_record_get_id (period));
  g_assert_no_error (b->error);
  g_assert_true (b->ok);
  after = sam_store_get (f->b, SAM_KIND_ACTIVITY, sam_record_get_id (f->activity), NULL);
  g_assert_cmpstr (sam_record_get_string (after, "title"), ==, "Tittel fra A");
  g_assert_cmpstr (sam_record_get_string (after, "status"), ==, "delayed");
  g_assert_cmpint (sam_record_get_int (after, "progress"), ==, 30);
}

static void
test_race_other_fields (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(Save) b = race (f, "title", text ("Tittel fra A"), "description", text ("Beskrivelse fra B"));
  g_autofree char *title = NULL, *description = NULL;

  g_assert_no_error (b->error);
  g_assert_true (b->ok);
  title = now (f, f->b, "title");
  description = now (f, f->a, "description");
  g_assert_cmpstr (title, ==, "Tittel fra A");
  g_assert_cmpstr (description, ==, "Beskrivelse fra B");
}

static void
test_race_same_field (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Save) b = race (f, "title", text ("Tittel fra A"), "title", text ("Tittel fra B"));
  g_autofree char *title = NULL;

  g_assert_false (b->ok);
  g_assert_error (b->error, SAM_STORE_ERROR, SAM_STORE_ERROR_CONFLICT);
  g_assert_cmpstr (sam_store_error_get_field (b->error), ==, "title");
  g_assert_nonnull (sam_store_error_get_theirs (b->error));
  g_assert_cmpstr (g_variant_get_string (sam_store_error_get_theirs (b->error), NULL), ==, "Tittel fra A");
  g_assert_cmpstr (g_variant_get_string (sam_store_error_get_mine (b->error), NULL), ==, "Tittel fra B");
  title = now (f, f->b, "title");
  g_assert_cmpstr (title, ==, "Tittel fra A");
}

static GVariant *
strv (const char *s)
{
  return g_variant_ref_sink (g_variant_new_strv (&s, 1));
}

/* A multi-valued field is rows of a table of its own: the same. */
static void
test_race_same_links (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Save) b = race (f, "channels", strv ("Nettsider"), "channels", strv ("Radio"));
  g_autoptr(SamRecord) after = sam_store_get (f->b, SAM_KIND_ACTIVITY, sam_record_get_id (f->activity), NULL);
  g_autoptr(GVariant) expected = strv ("Nettsider");
  int index = sam_kind_field_index (SAM_KIND_ACTIVITY, "channels");

  g_assert_false (b->ok);
  g_assert_error (b->error, SAM_STORE_ERROR, SAM_STORE_ERROR_CONFLICT);
  g_assert_true (sam_record_values_equal (sam_kind_find_field (SAM_KIND_ACTIVITY, "channels"),
                                          sam_record_get_value (after, (guint) index), expected));
}

/* One snapshot */

typedef struct
{
  const char *address;
  gboolean    done;
} Meanwhile;

/* After the first check, another connection adds a knowledge gap that
 * nothing addresses, which the last check lists when it sees it. */
static void
on_check_done_cb (const char     *domain,
                  GLogLevelFlags  level,
                  const char     *message,
                  gpointer        data)
{
  Meanwhile *meanwhile = data;
  g_autoptr(PGconn) conn = NULL;

  if (meanwhile->done || !g_str_has_prefix (message, "Check "))
    return;
  meanwhile->done = TRUE;
  conn = sam_test_pg_connect (meanwhile->address);
  sam_test_pg_exec (conn, "INSERT INTO knowledge_gap (number, title) VALUES (99, 'Kunnskapshull lagt til underveis')");
}

static guint
count_checks (SamStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = sam_coordination_run_checks (store, &error);

  g_assert_no_error (error);
  return results->len;
}

/* The checks read one snapshot: what another connection commits while
 * they run is not seen by the later ones (and the next run sees it). */
static void
test_checks_one_snapshot (Fixture       *f,
                          gconstpointer  data)
{
  Meanwhile meanwhile = { f->address, FALSE };
  guint before = count_checks (f->a), during, after;
  guint handler = g_log_set_handler ("sam-coordination", G_LOG_LEVEL_DEBUG, on_check_done_cb, &meanwhile);

  during = count_checks (f->a);
  g_log_remove_handler ("sam-coordination", handler);
  g_assert_true (meanwhile.done);
  g_assert_cmpuint (during, ==, before);
  after = count_checks (f->a);
  g_assert_cmpuint (after, ==, before + 1);
}

typedef struct
{
  Fixture *f;
  guint    calls;
  char    *first;       /* the count of activities as the report read it first */
  char    *last;        /* … and last */
  char    *isolation;
} Reading;

/* What the report's connection reads now (in its transaction). */
static char *
read_now (SamStore   *store,
          const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStmt) stmt = sam_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sam_stmt_step (stmt, &error), ==, SAM_STEP_ROW);
  return g_strdup (sam_stmt_column_text (stmt, 0));
}

/* At its first step another connection adds an activity; at each until
 * it is written, what the report's own connection sees is noted. */
static void
on_report_progress_cb (double   fraction,
                       gpointer data)
{
  Reading *reading = data;

  if (reading->calls++ == 0)
    {
      g_autoptr(PGconn) conn = sam_test_pg_connect (reading->f->address);

      reading->first = read_now (reading->f->a, "SELECT count(*) FROM activity");
      reading->isolation = read_now (reading->f->a, "SELECT current_setting('transaction_isolation')");
      sam_test_pg_exec (conn, "INSERT INTO activity (plan_id, title) SELECT min(id), 'Lagt til underveis' FROM plan");
    }
  /* 1.0 comes when the report is written and its reading done. */
  if (fraction >= 1.0)
    return;
  g_free (reading->last);
  reading->last = read_now (reading->f->a, "SELECT count(*) FROM activity");
}

/* The report reads one REPEATABLE READ snapshot from its first sheet to
 * its last. */
static void
test_report_one_snapshot (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "rapport.xlsx", NULL);
  g_autofree char *after = NULL;
  SamReportOptions options = { NULL, "2026-T1", SAM_REPORT_LANGUAGE_NB, "2026-02-01" };
  Reading reading = { f, 0, NULL, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = sam_test_pg_connect (f->address);

  /* Enough rows for the report to say how far it has come a few times. */
  sam_test_pg_exec (conn, "INSERT INTO activity (plan_id, title) SELECT p, 'Aktivitet ' || n "
                          "FROM (SELECT min(id) AS p FROM plan) m, generate_series(1, 5000) n");
  g_assert_true (sam_report_write (f->a, &options, out, on_report_progress_cb, &reading, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reading.calls, >, 2);
  g_assert_cmpstr (reading.isolation, ==, "repeatable read");
  g_assert_cmpstr (reading.last, ==, reading.first);
  after = read_now (f->a, "SELECT count(*) FROM activity");
  g_assert_cmpint (g_ascii_strtoll (after, NULL, 10), ==, g_ascii_strtoll (reading.first, NULL, 10) + 1);
  g_free (reading.first);
  g_free (reading.last);
  g_free (reading.isolation);
  sam_test_remove_dir (dir);
}

/* A lost connection */

typedef struct
{
  guint lost;
  guint reconnected;
  guint external;
} Seen;

static void
on_lost_cb (SamStore *store,
            Seen     *seen)
{
  seen->lost++;
}

static void
on_reconnected_cb (SamStore *store,
                   Seen     *seen)
{
  seen->reconnected++;
}

static void
on_seen_external_cb (SamStore *store,
                     Seen     *seen)
{
  seen->external++;
}

static gboolean
on_no_news_cb (gpointer data)
{
  g_error ("%s did not come within 30 seconds", (const char *) data);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until *@count reaches @n. */
static void
wait_for (guint      *count,
          guint       n,
          const char *what)
{
  guint limit = g_timeout_add_seconds (30, on_no_news_cb, (gpointer) what);

  while (*count < n)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (limit);
}

/* Counts from now on every write of a row of activity, in a table of
 * the test's own. */
static void
count_writes (const char *address)
{
  g_autoptr(PGconn) conn = sam_test_pg_connect (address);

  sam_test_pg_exec (conn, "CREATE TABLE test_writes (activity_id bigint); "
                          "CREATE FUNCTION test_count () RETURNS trigger LANGUAGE plpgsql AS "
                          "$$ BEGIN INSERT INTO test_writes VALUES (NEW.id); RETURN NULL; END $$; "
                          "CREATE TRIGGER test_count AFTER UPDATE ON activity FOR EACH ROW "
                          "EXECUTE FUNCTION test_count ()");
}

static gint64
writes_of (const char *address,
           gint64      activity)
{
  g_autoptr(PGconn) conn = sam_test_pg_connect (address);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM test_writes WHERE activity_id = %" G_GINT64_FORMAT,
                                          activity);
  g_autofree char *count = sam_test_pg_value (conn, sql);

  return g_ascii_strtoll (count, NULL, 10);
}

/* The server restarts while someone types, and stops while someone
 * saves: the store says so at once, fails what is asked meanwhile (the
 * caller keeps what was typed), reconnects by itself, and a save made
 * again after it saves once. */
static void
test_lost_connection (void)
{
  g_autofree char *dir = NULL, *server = sam_test_pg_own_server (&dir);
  g_autofree char *address = sam_test_pg_new_database_on (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) store = NULL;
  g_autoptr(SamRecord) activity = NULL, after = NULL;
  g_autoptr(PGconn) other = NULL;
  g_autoptr(GVariant) title = NULL, typed = NULL, description = NULL, saved_elsewhere = NULL;
  Seen seen = { 0 };
  gint64 id, changes;

  g_assert_true (sam_server_init (address, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  count_writes (address);
  store = sam_store_open (address, &error);
  g_assert_no_error (error);
  g_assert_true (sam_store_watch_changes (store, &error));
  g_signal_connect (store, "connection-lost", G_CALLBACK (on_lost_cb), &seen);
  g_signal_connect (store, "reconnected", G_CALLBACK (on_reconnected_cb), &seen);
  g_signal_connect (store, "external-change", G_CALLBACK (on_seen_external_cb), &seen);
  activity = sam_test_find (store, SAM_KIND_ACTIVITY, "title", TITLE);
  id = sam_record_get_id (activity);
  title = g_variant_ref (sam_record_get_value (activity, (guint) sam_kind_field_index (SAM_KIND_ACTIVITY, "title")));
  description = g_variant_ref (sam_record_get_value (activity,
                                                     (guint) sam_kind_field_index (SAM_KIND_ACTIVITY, "description")));

  /* Restarted while a title is being typed. */
  sam_test_pg_ctl (dir, "restart");
  wait_for (&seen.lost, 1, "connection-lost after a restart");
  g_assert_false (sam_store_is_connected (store));
  wait_for (&seen.reconnected, 1, "reconnected after a restart");
  g_assert_true (sam_store_is_connected (store));
  g_assert_cmpuint (seen.external, >=, 1);
  changes = writes_of (address, id);
  typed = text ("Tittel skrevet under omstart");
  g_assert_true (sam_rules_update_field (store, SAM_KIND_ACTIVITY, id, "title", title, typed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (writes_of (address, id), ==, changes + 1);

  /* Stopped: a save fails at once, saying so. */
  sam_test_pg_ctl (dir, "stop");
  wait_for (&seen.lost, 2, "connection-lost after a stop");
  g_assert_false (sam_rules_update_field (store, SAM_KIND_ACTIVITY, id, "title", typed, title, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_UNREACHABLE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Lost the connection to"));
  g_assert_nonnull (strstr (error->message, "reconnecting"));
  g_clear_error (&error);
  sam_test_pg_ctl (dir, "start");
  wait_for (&seen.reconnected, 2, "reconnected after a start");

  /* Saved again, it is saved once. */
  changes = writes_of (address, id);
  g_assert_true (sam_rules_update_field (store, SAM_KIND_ACTIVITY, id, "title", typed, title, &error));
  g_assert_no_error (error);
  g_assert_cmpint (writes_of (address, id), ==, changes + 1);

  /* A save whose answer was lost had been committed: saved again, it
   * is found saved, neither refused nor written twice. */
  other = sam_test_pg_connect (address);
  saved_elsewhere = text ("Lagret før svaret kom fram");
  sam_test_pg_exec (other, "UPDATE activity SET description = 'Lagret før svaret kom fram' "
                           "WHERE title = 'Samarbeid om informasjonstiltak i særlig utsatte bransjer'");
  changes = writes_of (address, id);
  g_assert_true (sam_rules_update_field (store, SAM_KIND_ACTIVITY, id, "description", description, saved_elsewhere,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpint (writes_of (address, id), ==, changes);
  after = sam_store_get (store, SAM_KIND_ACTIVITY, id, &error);
  g_assert_cmpstr (sam_record_get_string (after, "title"), ==, TITLE);
  g_assert_cmpstr (sam_record_get_string (after, "description"), ==, "Lagret før svaret kom fram");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/pg-live/notify/others", test_notify_others);
  ADD ("/pg-live/notify/asked", test_notify_asked);
  ADD ("/pg-live/race/other-fields", test_race_other_fields);
  ADD ("/pg-live/race/same-field", test_race_same_field);
  ADD ("/pg-live/race/same-links", test_race_same_links);
  ADD ("/pg-live/race/status", test_race_status);
  ADD ("/pg-live/snapshot/checks", test_checks_one_snapshot);
  ADD ("/pg-live/snapshot/report", test_report_one_snapshot);
#undef ADD
  g_test_add_func ("/pg-live/lost/restart", test_lost_connection);
  return g_test_run ();
}
