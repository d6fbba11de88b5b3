/* A plan on a server at run time: every window hears of others' changes
 * at once (LISTEN/NOTIFY read in the main loop), never of its own; two
 * people saving fields of one record at the same moment lose nothing and
 * overwrite nothing unseen. */
#include "config.h"

#include <string.h>

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
#undef ADD
  return g_test_run ();
}
