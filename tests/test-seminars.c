/* test-seminars.c: registrations, the waiting list, attendance, the year's
 * target, sector shares and copying seminars, as the Seminars view sees
 * them through the store. */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store/sam-seminars.h"
#include "store/sam-db-sqlite-private.h"
#include "store/sam-store-private.h"
#include "sam-test-util.h"

typedef struct
{
  char     *dir;
  char     *path;
  SamStore *store;
  guint     file_commits; /* transactions committed on a file, autocommits too */
  gint64    national;     /* the default plan's seminar formats */
  gint64    low_threshold;
  gint64    thematic;
} Fixture;

/* Fixture */

static int
on_commit_cb (void *data)
{
  ((Fixture *) data)->file_commits++;
  return 0;
}

/* How many transactions the store has committed: on a file, every one
 * SQLite committed; on a server, every one the store did. */
static guint
count_commits (Fixture *fx)
{
  SamDb *db = sam_store_get_db (fx->store);

  if (sam_db_get_backend (db) == SAM_DB_SQLITE)
    return fx->file_commits;
  return (guint) sam_db_get_commits (db);
}

static gint64
find_id (Fixture    *fx,
         SamKind     kind,
         const char *field,
         const char *value)
{
  g_autoptr(GPtrArray) all = sam_store_list (fx->store, kind, NULL);

  g_assert_nonnull (all);
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (sam_record_get_string (all->pdata[i], field), value) == 0)
      return sam_record_get_id (all->pdata[i]);
  g_error ("No %s with %s “%s” in the default plan", sam_kind_get_info (kind)->name, field, value);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = sam_test_make_dir ();
  fx->path = sam_test_new_location (fx->dir, "test.db");
  fx->store = sam_store_open (fx->path, &error);
  g_assert_no_error (error);
  if (sam_db_get_backend (sam_store_get_db (fx->store)) == SAM_DB_SQLITE)
    sqlite3_commit_hook (sam_db_sqlite_get_handle (sam_store_get_db (fx->store)), on_commit_cb, fx);
  fx->national = find_id (fx, SAM_KIND_SEMINAR_FORMAT, "kind", "national");
  fx->low_threshold = find_id (fx, SAM_KIND_SEMINAR_FORMAT, "kind", "low_threshold");
  fx->thematic = find_id (fx, SAM_KIND_SEMINAR_FORMAT, "kind", "thematic");
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->store);
  sam_test_remove_dir (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

/* Helpers */

static gint64
sector (Fixture    *fx,
        const char *name)
{
  return find_id (fx, SAM_KIND_SECTOR, "name", name);
}

static SamRecord *
seminar_record (gint64      format_id,
                const char *title,
                const char *starts_at,
                int         capacity)
{
  SamRecord *s = sam_record_new (SAM_KIND_SEMINAR);

  sam_record_set_int (s, "format_id", format_id);
  sam_record_set_string (s, "title", title);
  if (starts_at)
    sam_record_set_string (s, "starts_at", starts_at);
  if (capacity >= 0)
    sam_record_set_int (s, "capacity", capacity);
  return s;
}

/* Saves a seminar (capacity -1: no limit; status NULL: the default) and
 * returns its id. */
static gint64
add_seminar (Fixture    *fx,
             gint64      format_id,
             const char *title,
             const char *starts_at,
             int         capacity,
             const char *status)
{
  g_autoptr(SamRecord) s = seminar_record (format_id, title, starts_at, capacity);
  g_autoptr(GError) error = NULL;

  if (status)
    sam_record_set_string (s, "status", status);
  g_assert_true (sam_seminar_save (fx->store, s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sam_record_get_id (s), >, 0);
  return sam_record_get_id (s);
}

static SamRecord *
registration_record (gint64      seminar_id,
                     const char *organisation,
                     gint64      sector_id,
                     gint64      participants,
                     const char *registered_at)
{
  SamRecord *r = sam_record_new (SAM_KIND_REGISTRATION);

  sam_record_set_int (r, "seminar_id", seminar_id);
  sam_record_set_string (r, "organisation", organisation);
  if (sector_id)
    sam_record_set_int (r, "sector_id", sector_id);
  sam_record_set_int (r, "participants", participants);
  if (registered_at)
    sam_record_set_string (r, "registered_at", registered_at);
  return r;
}

/* Registers and returns the stored registration (its place included). */
static SamRecord *
add_registration (Fixture    *fx,
                  gint64      seminar_id,
                  const char *organisation,
                  gint64      sector_id,
                  gint64      participants,
                  const char *registered_at)
{
  SamRecord *r = registration_record (seminar_id, organisation, sector_id, participants, registered_at);
  g_autoptr(GError) error = NULL;

  gboolean saved = sam_registration_save (fx->store, r, &error);

  g_assert_no_error (error);
  g_assert_true (saved);
  return r;
}

/* The organisations with a place (@waiting FALSE) or on the waiting list,
 * in the order they registered, as "A,B". */
static char *
organisations (Fixture  *fx,
               gint64    seminar_id,
               gboolean  waiting)
{
  g_autoptr(GPtrArray) all = sam_store_list_by (fx->store, SAM_KIND_REGISTRATION, "seminar_id", seminar_id, NULL);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_nonnull (all);
  for (guint i = 0; i < all->len; i++)
    if (!!sam_record_get_int (all->pdata[i], "waitlisted") == !!waiting)
      g_string_append_printf (out, "%s%s", out->len ? "," : "", sam_record_get_title (all->pdata[i]));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static SamRecord *
find_registration (Fixture    *fx,
                   gint64      seminar_id,
                   const char *organisation)
{
  g_autoptr(GPtrArray) all = sam_store_list_by (fx->store, SAM_KIND_REGISTRATION, "seminar_id", seminar_id, NULL);

  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (sam_record_get_title (all->pdata[i]), organisation))
      return g_object_ref (all->pdata[i]);
  g_error ("“%s” is not registered", organisation);
}

static SamRecord *
get (Fixture *fx,
     SamKind  kind,
     gint64   id)
{
  g_autoptr(GError) error = NULL;
  SamRecord *r = sam_store_get (fx->store, kind, id, &error);

  g_assert_no_error (error);
  return r;
}

/* Everything a seminar operation may touch, to compare before and after. */
static GPtrArray *
snapshot (Fixture *fx)
{
  const SamKind kinds[] = { SAM_KIND_SEMINAR_FORMAT, SAM_KIND_SEMINAR, SAM_KIND_REGISTRATION };
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GPtrArray) some = sam_store_list (fx->store, kinds[k], NULL);
      for (guint i = 0; i < some->len; i++)
        g_ptr_array_add (all, g_object_ref (some->pdata[i]));
    }
  return all;
}

static void
assert_unchanged (Fixture   *fx,
                  GPtrArray *before)
{
  g_autoptr(GPtrArray) after = snapshot (fx);

  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    g_assert_true (sam_record_equal (after->pdata[i], before->pdata[i]));
}

static void
assert_says (const char *text,
             const char *expected)
{
  g_assert_nonnull (text);
  if (strstr (text, expected) == NULL)
    g_error ("The message “%s” does not say “%s”", text, expected);
}

static void
assert_message_has (const GError *error,
                    const char   *expected)
{
  g_assert_nonnull (error);
  assert_says (error->message, expected);
}

/* Registrations and the waiting list */

typedef struct
{
  const char *name;
  int         capacity;     /* -1: no limit */
  const char *registrations;/* "A:8,B:10": organisation and participants, in order */
  const char *confirmed;    /* who has a place after registering */
  const char *waiting;      /* who waits, in line */
  const char *cancel;       /* who then cancels, or NULL */
  const char *confirmed_after;
  const char *waiting_after;
} WaitCase;

static const WaitCase wait_cases[] = {
  { "fills-then-waits", 20, "A:8,B:10,C:5,D:2,E:4", "A,B", "C,D,E", "B", "A,C,D,E", "" },
  { "moves-up-while-they-fit", 20, "A:8,B:10,C:5,D:2,E:4", "A,B", "C,D,E", "A", "B,C,D", "E" },
  { "later-small-one-does-not-pass", 10, "A:6,B:3,C:5,D:1", "A,B", "C,D", "B", "A", "C,D" },
  { "nobody-passes-the-line", 10, "A:8,B:6,C:1", "A", "B,C", "A", "B,C", "" },
  { "exact-fit-has-a-place", 10, "A:4,B:6,C:1", "A,B", "C", NULL, NULL, NULL },
  { "no-capacity-no-limit", -1, "A:100,B:200", "A,B", "", NULL, NULL, NULL },
  { "zero-capacity-everyone-waits", 0, "A:2,B:1", "", "A,B", "A", "", "B" },
  { "cancelling-a-waiting-one", 10, "A:8,B:5,C:2", "A", "B,C", "B", "A,C", "" },
};

static void
test_waiting_list (Fixture       *fx,
                   gconstpointer  data)
{
  const WaitCase *c = data;
  g_auto(GStrv) items = g_strsplit (c->registrations, ",", -1);
  gint64 id = add_seminar (fx, fx->national, "Vårseminar", "2026-04-20T09:00", c->capacity, "open");
  g_autofree char *confirmed = NULL, *waiting = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; items[i]; i++)
    {
      g_auto(GStrv) pair = g_strsplit (items[i], ":", 2);
      g_autofree char *at = g_strdup_printf ("2026-03-01T09:%02u", i);
      guint before = count_commits (fx);
      g_autoptr(SamRecord) r = add_registration (fx, id, pair[0], 0, g_ascii_strtoll (pair[1], NULL, 10), at);

      g_assert_cmpuint (count_commits (fx), ==, before + 1);
    }
  confirmed = organisations (fx, id, FALSE);
  waiting = organisations (fx, id, TRUE);
  g_assert_cmpstr (confirmed, ==, c->confirmed);
  g_assert_cmpstr (waiting, ==, c->waiting);
  if (c->cancel == NULL)
    return;

  {
    g_autoptr(SamRecord) gone = find_registration (fx, id, c->cancel);
    g_autofree char *confirmed_after = NULL, *waiting_after = NULL;
    guint before = count_commits (fx);

    g_assert_true (sam_registration_cancel (fx->store, sam_record_get_id (gone), &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count_commits (fx), ==, before + 1);
    confirmed_after = organisations (fx, id, FALSE);
    waiting_after = organisations (fx, id, TRUE);
    g_assert_cmpstr (confirmed_after, ==, c->confirmed_after);
    g_assert_cmpstr (waiting_after, ==, c->waiting_after);
  }
}

static void
test_counts (Fixture       *fx,
             gconstpointer  data)
{
  gint64 id = add_seminar (fx, fx->national, "Vårseminar", "2026-04-20T09:00", 10, NULL);
  g_autoptr(SamRecord) a = add_registration (fx, id, "A", 0, 6, "2026-03-01T09:00");
  g_autoptr(SamRecord) b = add_registration (fx, id, "B", 0, 5, "2026-03-01T09:01");
  g_autoptr(SamRecord) c = add_registration (fx, id, "C", 0, 3, "2026-03-01T09:02");
  g_autoptr(GError) error = NULL;
  SamSeminarCounts counts;

  g_assert_true (sam_seminar_get_counts (fx->store, id, &counts, &error));
  g_assert_no_error (error);
  g_assert_true (counts.has_capacity);
  g_assert_cmpint (counts.capacity, ==, 10);
  g_assert_cmpint (counts.confirmed, ==, 6);
  g_assert_cmpint (counts.waiting, ==, 8);
  g_assert_cmpuint (counts.n_registrations, ==, 3);
  g_assert_cmpuint (counts.n_waiting, ==, 2);
  g_assert_false (counts.has_attendance);

  /* The caller's records say where each one stands. */
  g_assert_cmpint (sam_record_get_int (a, "waitlisted"), ==, 0);
  g_assert_cmpint (sam_record_get_int (b, "waitlisted"), ==, 1);
  g_assert_cmpint (sam_record_get_int (c, "waitlisted"), ==, 1);

  g_assert_false (sam_seminar_get_counts (fx->store, 999999, &counts, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND);
}

static void
test_registered_at (Fixture       *fx,
                    gconstpointer  data)
{
  gint64 id = add_seminar (fx, fx->national, "Høstseminar", "2026-10-01T09:00", 10, "open");
  g_autoptr(SamRecord) a = add_registration (fx, id, "A", 0, 8, "2020-09-01T10:00");
  g_autoptr(SamRecord) b = add_registration (fx, id, "B", 0, 5, "2020-09-03T10:00");
  /* A paper registration that came in before B's, typed in later. */
  g_autoptr(SamRecord) c = add_registration (fx, id, "C", 0, 2, "2020-09-02T10:00");
  g_autoptr(SamRecord) d = add_registration (fx, id, "D", 0, 1, NULL);
  g_autofree char *waiting = organisations (fx, id, TRUE);
  g_autofree char *confirmed = organisations (fx, id, FALSE);
  g_autoptr(GTimeZone) here = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) stamped = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (confirmed, ==, "A,C");
  g_assert_cmpstr (waiting, ==, "B,D");
  /* A registration without a time is stamped with the current one. */
  stamped = g_date_time_new_from_iso8601 (sam_record_get_string (d, "registered_at"), here);
  g_assert_nonnull (stamped);
  g_assert_cmpint (ABS (g_date_time_difference (now, stamped)), <, 120 * G_TIME_SPAN_SECOND);

  g_assert_true (sam_registration_cancel (fx->store, sam_record_get_id (a), &error));
  g_assert_no_error (error);
  g_clear_pointer (&waiting, g_free);
  g_clear_pointer (&confirmed, g_free);
  confirmed = organisations (fx, id, FALSE);
  waiting = organisations (fx, id, TRUE);
  g_assert_cmpstr (confirmed, ==, "C,B,D");
  g_assert_cmpstr (waiting, ==, "");
}

static void
test_change_registration (Fixture       *fx,
                          gconstpointer  data)
{
  gint64 id = add_seminar (fx, fx->national, "Vårseminar", "2026-04-20T09:00", 10, "open");
  g_autoptr(SamRecord) a = add_registration (fx, id, "A", 0, 6, "2026-03-01T09:00");
  g_autoptr(SamRecord) b = add_registration (fx, id, "B", 0, 6, "2026-03-01T09:01");
  g_autoptr(SamRecord) c = add_registration (fx, id, "C", 0, 3, "2026-03-01T09:02");
  g_autofree char *confirmed = NULL, *waiting = NULL;
  g_autoptr(SamRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  guint before;

  /* B waits and may grow: it keeps its place in line. */
  sam_record_set_int (b, "participants", 9);
  g_assert_true (sam_registration_save (fx->store, b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sam_record_get_int (b, "waitlisted"), ==, 1);

  /* B shrinks to what is left: it gets a place, C behind it still waits. */
  sam_record_set_int (b, "participants", 4);
  before = count_commits (fx);
  g_assert_true (sam_registration_save (fx->store, b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_commits (fx), ==, before + 1);
  g_assert_cmpint (sam_record_get_int (b, "waitlisted"), ==, 0);
  confirmed = organisations (fx, id, FALSE);
  waiting = organisations (fx, id, TRUE);
  g_assert_cmpstr (confirmed, ==, "A,B");
  g_assert_cmpstr (waiting, ==, "C");

  /* A sends fewer people: C moves up. */
  sam_record_set_int (a, "participants", 3);
  sam_record_set_string (a, "names", "Kari Nordmann, Ola Nordmann");
  g_assert_true (sam_registration_save (fx->store, a, &error));
  g_assert_no_error (error);
  g_clear_pointer (&waiting, g_free);
  waiting = organisations (fx, id, TRUE);
  g_assert_cmpstr (waiting, ==, "");
  stored = get (fx, SAM_KIND_REGISTRATION, sam_record_get_id (a));
  g_assert_cmpstr (sam_record_get_string (stored, "names"), ==, "Kari Nordmann, Ola Nordmann");
}

static void
test_capacity_change (Fixture       *fx,
                      gconstpointer  data)
{
  gint64 id = add_seminar (fx, fx->national, "Vårseminar", "2026-04-20T09:00", 5, "open");
  g_autoptr(SamRecord) a = add_registration (fx, id, "A", 0, 5, "2026-03-01T09:00");
  g_autoptr(SamRecord) b = add_registration (fx, id, "B", 0, 4, "2026-03-01T09:01");
  g_autoptr(SamRecord) c = add_registration (fx, id, "C", 0, 4, "2026-03-01T09:02");
  g_autoptr(SamRecord) seminar = get (fx, SAM_KIND_SEMINAR, id);
  g_autofree char *waiting = NULL;
  g_autoptr(GError) error = NULL;
  guint before = count_commits (fx);

  sam_record_set_int (seminar, "capacity", 10);
  g_assert_true (sam_seminar_save (fx->store, seminar, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_commits (fx), ==, before + 1);
  waiting = organisations (fx, id, TRUE);
  g_assert_cmpstr (waiting, ==, "C");

  /* No capacity: no limit, everyone gets a place. */
  sam_record_unset (seminar, "capacity");
  g_assert_true (sam_seminar_save (fx->store, seminar, &error));
  g_assert_no_error (error);
  g_clear_pointer (&waiting, g_free);
  waiting = organisations (fx, id, TRUE);
  g_assert_cmpstr (waiting, ==, "");
}

/* Attendance */

static void
test_mark_held (Fixture       *fx,
                gconstpointer  data)
{
  gint64 id = add_seminar (fx, fx->national, "Vårseminar", "2026-04-20T09:00", 10, "open");
  g_autoptr(SamRecord) a = add_registration (fx, id, "A", 0, 6, "2026-03-01T09:00");
  g_autoptr(SamRecord) b = add_registration (fx, id, "B", 0, 4, "2026-03-01T09:01");
  g_autoptr(SamRecord) seminar = NULL, a2 = NULL, b2 = NULL;
  SamAttendance attendance[] = {
    { sam_record_get_id (a), 5 },
    { sam_record_get_id (b), 0 },
  };
  g_autoptr(GError) error = NULL;
  SamSeminarCounts counts;
  guint before = count_commits (fx);

  g_assert_true (sam_seminar_mark_held (fx->store, id, attendance, G_N_ELEMENTS (attendance), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_commits (fx), ==, before + 1);

  seminar = get (fx, SAM_KIND_SEMINAR, id);
  a2 = get (fx, SAM_KIND_REGISTRATION, sam_record_get_id (a));
  b2 = get (fx, SAM_KIND_REGISTRATION, sam_record_get_id (b));
  g_assert_cmpstr (sam_record_get_string (seminar, "status"), ==, "held");
  g_assert_cmpint (sam_record_get_int (a2, "attended"), ==, 5);
  g_assert_true (sam_record_is_set (b2, "attended"));
  g_assert_cmpint (sam_record_get_int (b2, "attended"), ==, 0);

  g_assert_true (sam_seminar_get_counts (fx->store, id, &counts, &error));
  g_assert_true (counts.has_attendance);
  g_assert_cmpint (counts.attended, ==, 5);
  g_assert_cmpint (counts.confirmed, ==, 10);

  /* Attendance can be corrected on one registration afterwards. */
  sam_record_set_int (b2, "attended", 4);
  g_assert_true (sam_registration_save (fx->store, b2, &error));
  g_assert_no_error (error);
  g_assert_true (sam_seminar_get_counts (fx->store, id, &counts, &error));
  g_assert_cmpint (counts.attended, ==, 9);
}

/* Bad input: a message, and nothing changed */

typedef struct
{
  Fixture *fx;
  gint64   seminar;       /* national, capacity 10, 2026-05-02 09:00–16:00 */
  gint64   cancelled;     /* a cancelled seminar */
  gint64   other;         /* another seminar with one registration "O" */
  gint64   undated;       /* a seminar without a date */
  gint64   a;             /* registration of 4 with a place */
  gint64   b;             /* registration of 8 on the waiting list */
  gint64   o;
} Scene;

typedef gboolean (*BadFunc) (Scene *scene, GError **error);

static gboolean
bad_register (Scene *s, gint64 participants, gint64 seminar, GError **error)
{
  g_autoptr(SamRecord) r = registration_record (seminar, "Politiet", 0, participants, NULL);
  gboolean ok = sam_registration_save (s->fx->store, r, error);

  g_assert_cmpint (sam_record_get_id (r), ==, 0);
  g_assert_false (sam_record_is_set (r, "registered_at"));
  return ok;
}

static gboolean
bad_negative_participants (Scene *s, GError **error)
{
  return bad_register (s, -3, s->seminar, error);
}

static gboolean
bad_zero_participants (Scene *s, GError **error)
{
  return bad_register (s, 0, s->seminar, error);
}

static gboolean
bad_no_participants (Scene *s, GError **error)
{
  g_autoptr(SamRecord) r = registration_record (s->seminar, "Politiet", 0, 1, NULL);

  sam_record_unset (r, "participants");
  return sam_registration_save (s->fx->store, r, error);
}

static gboolean
bad_no_organisation (Scene *s, GError **error)
{
  g_autoptr(SamRecord) r = registration_record (s->seminar, "  ", 0, 2, NULL);

  return sam_registration_save (s->fx->store, r, error);
}

static gboolean
bad_cancelled_seminar (Scene *s, GError **error)
{
  return bad_register (s, 2, s->cancelled, error);
}

static gboolean
bad_missing_seminar (Scene *s, GError **error)
{
  return bad_register (s, 2, 999999, error);
}

static gboolean
save_changed_registration (Scene      *s,
                           gint64      id,
                           const char *field,
                           gint64      value,
                           GError    **error)
{
  g_autoptr(SamRecord) r = get (s->fx, SAM_KIND_REGISTRATION, id);

  sam_record_set_int (r, field, value);
  return sam_registration_save (s->fx->store, r, error);
}

static gboolean
bad_attendance_above (Scene *s, GError **error)
{
  return save_changed_registration (s, s->a, "attended", 5, error);
}

static gboolean
bad_attendance_negative (Scene *s, GError **error)
{
  return save_changed_registration (s, s->a, "attended", -1, error);
}

static gboolean
bad_growth (Scene *s, GError **error)
{
  return save_changed_registration (s, s->a, "participants", 11, error);
}

static gboolean
bad_shrink_below_attended (Scene *s, GError **error)
{
  g_autoptr(SamRecord) r = get (s->fx, SAM_KIND_REGISTRATION, s->a);

  sam_record_set_int (r, "attended", 4);
  sam_record_set_int (r, "participants", 3);
  return sam_registration_save (s->fx->store, r, error);
}

static gboolean
bad_move_registration (Scene *s, GError **error)
{
  return save_changed_registration (s, s->a, "seminar_id", s->other, error);
}

static gboolean
bad_held_above (Scene *s, GError **error)
{
  SamAttendance attendance[] = { { s->a, 4 }, { s->b, 9 } };

  return sam_seminar_mark_held (s->fx->store, s->seminar, attendance, G_N_ELEMENTS (attendance), error);
}

static gboolean
bad_held_negative (Scene *s, GError **error)
{
  SamAttendance attendance[] = { { s->a, -2 } };

  return sam_seminar_mark_held (s->fx->store, s->seminar, attendance, G_N_ELEMENTS (attendance), error);
}

static gboolean
bad_held_foreign (Scene *s, GError **error)
{
  SamAttendance attendance[] = { { s->a, 4 }, { s->o, 1 } };

  return sam_seminar_mark_held (s->fx->store, s->seminar, attendance, G_N_ELEMENTS (attendance), error);
}

static gboolean
save_changed_seminar (Scene      *s,
                      const char *field,
                      const char *text,
                      gint64      number,
                      GError    **error)
{
  g_autoptr(SamRecord) r = get (s->fx, SAM_KIND_SEMINAR, s->seminar);

  if (text)
    sam_record_set_string (r, field, text);
  else
    sam_record_set_int (r, field, number);
  return sam_seminar_save (s->fx->store, r, error);
}

static gboolean
bad_end_before_start (Scene *s, GError **error)
{
  return save_changed_seminar (s, "ends_at", "2026-05-01T09:00", 0, error);
}

static gboolean
bad_new_end_before_start (Scene *s, GError **error)
{
  g_autoptr(SamRecord) r = seminar_record (s->fx->national, "Nytt", "2026-09-10T12:00", -1);
  gboolean ok;

  sam_record_set_string (r, "ends_at", "2026-09-10T11:30");
  ok = sam_seminar_save (s->fx->store, r, error);
  g_assert_cmpint (sam_record_get_id (r), ==, 0);
  g_assert_false (sam_record_is_set (r, "status"));
  return ok;
}

static gboolean
bad_evaluation_zero (Scene *s, GError **error)
{
  return save_changed_seminar (s, "evaluation_score", NULL, 0, error);
}

static gboolean
bad_evaluation_six (Scene *s, GError **error)
{
  return save_changed_seminar (s, "evaluation_score", NULL, 6, error);
}

static gboolean
bad_negative_capacity (Scene *s, GError **error)
{
  return save_changed_seminar (s, "capacity", NULL, -1, error);
}

static gboolean
bad_capacity_below_confirmed (Scene *s, GError **error)
{
  return save_changed_seminar (s, "capacity", NULL, 3, error);
}

static gboolean
save_changed_format (Scene  *s,
                     gint64  min,
                     gint64  max,
                     GError **error)
{
  g_autoptr(SamRecord) f = get (s->fx, SAM_KIND_SEMINAR_FORMAT, s->fx->national);

  sam_record_set_int (f, "min_per_year", min);
  sam_record_set_int (f, "max_per_year", max);
  return sam_seminar_format_save (s->fx->store, f, error);
}

static gboolean
bad_target_min_above_max (Scene *s, GError **error)
{
  return save_changed_format (s, 2, 1, error);
}

static gboolean
bad_target_negative (Scene *s, GError **error)
{
  return save_changed_format (s, -1, 2, error);
}

static gboolean
bad_copy_undated (Scene *s, GError **error)
{
  g_autoptr(SamRecord) copy = sam_seminar_copy_to_year (s->fx->store, s->undated, 2027, error);

  return copy != NULL;
}

static gboolean
bad_copy_out_of_range (Scene *s, GError **error)
{
  g_autoptr(SamRecord) copy = sam_seminar_copy_to_year (s->fx->store, s->seminar, 10000, error);

  return copy != NULL;
}

static gboolean
bad_copy_same_year (Scene *s, GError **error)
{
  g_autoptr(GPtrArray) copies = sam_seminar_copy_year (s->fx->store, 2026, 2026, error);

  return copies != NULL;
}

typedef struct
{
  const char *name;
  BadFunc     func;
  const char *message;     /* what the message must say */
  const char *advice;      /* and what to do */
} BadCase;

static const BadCase bad_cases[] = {
  { "negative-participants", bad_negative_participants, "Participants: cannot be negative (-3).", "Enter how many people from “Politiet” are coming." },
  { "zero-participants", bad_zero_participants, "Participants: must be at least 1.", "or cancel the registration" },
  { "no-participants", bad_no_participants, "Participants: enter how many people from “Politiet” are coming.", "Participants" },
  { "no-organisation", bad_no_organisation, "Organisation: cannot be empty", "Organisation" },
  { "cancelled-seminar", bad_cancelled_seminar, "Seminar: “Avlyst seminar” is cancelled and takes no registrations.", "Set its status back to planned or registration open first" },
  { "missing-seminar", bad_missing_seminar, "Seminar: the seminar no longer exists.", "reload and choose another seminar" },
  { "attendance-above-registration", bad_attendance_above, "Attended: 5 is more than the 4 participants registered from “A”.", "Enter at most 4" },
  { "attendance-negative", bad_attendance_negative, "Attended: cannot be negative (-1).", "0 if nobody did" },
  { "participants-below-attended", bad_shrink_below_attended, "Attended: 4 is more than the 3 participants registered from “A”.", "raise the number of participants" },
  { "growth-beyond-capacity", bad_growth, "Participants: only 6 more places are left at “Vårseminar”.", "join the waiting list, or raise the capacity" },
  { "registration-moves-seminar", bad_move_registration, "Seminar: a registration cannot move to another seminar.", "Cancel it, and register “A” for the other seminar." },
  { "held-attendance-above", bad_held_above, "Attended: 9 is more than the 8 participants registered from “B”.", "Enter at most 8" },
  { "held-attendance-negative", bad_held_negative, "Attended: cannot be negative (-2).", "0 if nobody did" },
  { "held-foreign-registration", bad_held_foreign, "Attended: one of the registrations is not one of “Vårseminar”'s.", "Reload the seminar" },
  { "end-before-start", bad_end_before_start, "Ends: 2026-05-01 09:00 is before the start (2026-05-02 09:00).", "Choose an end after the start." },
  { "new-end-before-start", bad_new_end_before_start, "Ends: 2026-09-10 11:30 is before the start (2026-09-10 12:00).", "Choose an end after the start." },
  { "evaluation-zero", bad_evaluation_zero, "Evaluation (1–5): 0 is not a score from 1 to 5.", "Choose from 1 (poor) to 5 (very good)" },
  { "evaluation-six", bad_evaluation_six, "Evaluation (1–5): 6 is not a score from 1 to 5.", "Choose from 1 (poor) to 5 (very good)" },
  { "negative-capacity", bad_negative_capacity, "Capacity: cannot be negative (-1).", "leave it empty for no limit" },
  { "capacity-below-confirmed", bad_capacity_below_confirmed, "Capacity: 4 participants already have a place at “Vårseminar”.", "Enter at least 4, or cancel registrations first." },
  { "target-least-above-most", bad_target_min_above_max, "At most per year: 1 is less than the least per year (2).", "Raise it" },
  { "target-negative", bad_target_negative, "At least per year: cannot be negative (-1).", "leave it empty for no target" },
  { "copy-undated", bad_copy_undated, "Starts: “Udatert” has no date, so it cannot be moved to another year.", "Give it a start date first." },
  { "copy-beyond-9999", bad_copy_out_of_range, "Starts: “Vårseminar” cannot be moved 7974 years", "Choose another year." },
  { "copy-year-to-itself", bad_copy_same_year, "Starts: the seminars of 2026 are in 2026 already.", "Choose another year" },
};

static void
set_up_scene (Fixture *fx,
              Scene   *s)
{
  g_autoptr(SamRecord) seminar = seminar_record (fx->national, "Vårseminar", "2026-05-02T09:00", 10);
  g_autoptr(SamRecord) a = NULL, b = NULL, o = NULL;
  g_autoptr(GError) error = NULL;

  sam_record_set_string (seminar, "ends_at", "2026-05-02T16:00");
  g_assert_true (sam_seminar_save (fx->store, seminar, &error));
  g_assert_no_error (error);
  s->fx = fx;
  s->seminar = sam_record_get_id (seminar);
  s->cancelled = add_seminar (fx, fx->low_threshold, "Avlyst seminar", "2026-06-01", -1, "cancelled");
  s->other = add_seminar (fx, fx->thematic, "Temaseminar", "2026-06-10", -1, NULL);
  s->undated = add_seminar (fx, fx->thematic, "Udatert", NULL, -1, NULL);
  a = add_registration (fx, s->seminar, "A", 0, 4, "2026-04-01T09:00");
  b = add_registration (fx, s->seminar, "B", 0, 8, "2026-04-01T09:01");
  o = add_registration (fx, s->other, "O", 0, 1, "2026-04-01T09:02");
  g_assert_cmpint (sam_record_get_int (b, "waitlisted"), ==, 1);
  s->a = sam_record_get_id (a);
  s->b = sam_record_get_id (b);
  s->o = sam_record_get_id (o);
}

static void
test_bad_input (Fixture       *fx,
                gconstpointer  data)
{
  const BadCase *c = data;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GError) error = NULL;
  Scene scene;
  guint commits;

  set_up_scene (fx, &scene);
  before = snapshot (fx);
  commits = count_commits (fx);

  g_assert_false (c->func (&scene, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == SAM_STORE_ERROR);
  if (g_str_equal (c->name, "missing-seminar"))
    g_assert_cmpint (error->code, ==, SAM_STORE_ERROR_NOT_FOUND);
  else
    g_assert_cmpint (error->code, ==, SAM_STORE_ERROR_INVALID);
  assert_message_has (error, c->message);
  assert_message_has (error, c->advice);
  assert_unchanged (fx, before);
  g_assert_cmpuint (count_commits (fx), ==, commits);
}

/* A planned seminar dated in the past asks first */

typedef struct
{
  const char *name;
  const char *stored_starts;   /* saved first with this start, or NULL for a new seminar */
  const char *status;          /* NULL: unset */
  const char *starts;
  gboolean    ask;
} PastCase;

static const PastCase past_cases[] = {
  { "new-yesterday", NULL, "planned", "2026-06-14T09:00", TRUE },
  { "new-without-status", NULL, NULL, "2020-01-10", TRUE },
  { "new-earlier-today", NULL, "planned", "2026-06-15T08:00", FALSE },
  { "new-tomorrow", NULL, "planned", "2026-06-16", FALSE },
  { "new-held", NULL, "held", "2026-01-10", FALSE },
  { "new-cancelled", NULL, "cancelled", "2026-01-10", FALSE },
  { "new-without-date", NULL, "planned", NULL, FALSE },
  { "stored-unchanged", "2026-01-10T09:00", "planned", "2026-01-10T09:00", FALSE },
  { "stored-new-time-same-day", "2026-01-10T09:00", "planned", "2026-01-10T13:00", FALSE },
  { "stored-moved-into-past", "2026-09-01T09:00", "planned", "2026-01-10T09:00", TRUE },
};

static void
test_past_confirmation (Fixture       *fx,
                        gconstpointer  data)
{
  const PastCase *c = data;
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 6, 15, 12, 0, 0);
  g_autoptr(SamRecord) s = seminar_record (fx->national, "Nasjonalt seminar", c->stored_starts, -1);
  g_autofree char *question = NULL;
  g_autoptr(GPtrArray) before = NULL;
  gboolean ask;

  if (c->stored_starts)
    g_assert_true (sam_seminar_save (fx->store, s, NULL));
  if (c->status)
    sam_record_set_string (s, "status", c->status);
  else
    sam_record_unset (s, "status");
  if (c->starts)
    sam_record_set_string (s, "starts_at", c->starts);
  else
    sam_record_unset (s, "starts_at");

  before = snapshot (fx);
  ask = sam_seminar_needs_past_confirmation (fx->store, s, now, &question);
  g_assert_cmpint (ask, ==, c->ask);
  assert_unchanged (fx, before);
  if (!ask)
    {
      g_assert_null (question);
      return;
    }
  {
    g_autofree char *expected = g_strdup_printf ("“Nasjonalt seminar” is planned for %.10s, which has already passed. "
                                                 "Save it as planned anyway?", c->starts);
    assert_says (question, expected);
  }
}

/* The year's target */

static int
this_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_get_year (now);
}

static SamSeminarTarget *
national_target (Fixture *fx,
                 int      year)
{
  g_autoptr(GError) error = NULL;
  SamSeminarTarget *target = sam_seminar_year_target (fx->store, SAM_SEMINAR_KIND_NATIONAL, year, &error);

  g_assert_no_error (error);
  g_assert_nonnull (target);
  g_assert_cmpint (target->year, ==, year);
  return target;
}

static void
test_target_fresh (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(SamSeminarTarget) target = national_target (fx, this_year ());
  g_autofree char *expected = g_strdup_printf ("%d: 0 national interdisciplinary seminars held or planned; "
                                               "the target of 1–2 a year is not yet met. Plan 1 more.",
                                               this_year ());

  g_assert_cmpint (target->state, ==, SAM_SEMINAR_TARGET_TOO_FEW);
  g_assert_cmpint (target->count, ==, 0);
  g_assert_cmpint (target->min, ==, 1);
  g_assert_cmpint (target->max, ==, 2);
  g_assert_cmpstr (target->message, ==, expected);
}

typedef struct
{
  const char *name;
  const char *seminars;   /* "kind/status/offset;…": offset in years from the target year */
  gint64      count;
  SamSeminarTargetState state;
  const char *message;
} TargetCase;

static const TargetCase target_cases[] = {
  { "none", "", 0, SAM_SEMINAR_TARGET_TOO_FEW, "0 national interdisciplinary seminars held or planned; the target of 1–2 a year is not yet met. Plan 1 more." },
  { "one-planned", "national/planned/0", 1, SAM_SEMINAR_TARGET_MET, "1 national interdisciplinary seminar held or planned; the target of 1–2 a year is met." },
  { "held-and-open", "national/held/0;national/open/0", 2, SAM_SEMINAR_TARGET_MET, "2 national interdisciplinary seminars held or planned; the target of 1–2 a year is met." },
  { "three", "national/planned/0;national/held/0;national/open/0", 3, SAM_SEMINAR_TARGET_TOO_MANY, "the target is 1–2 a year. Move 1 to another year or cancel it, or raise the target in the seminar format." },
  { "cancelled-not-counted", "national/cancelled/0;national/cancelled/0", 0, SAM_SEMINAR_TARGET_TOO_FEW, "is not yet met" },
  { "cancelled-brings-it-down", "national/planned/0;national/planned/0;national/cancelled/0", 2, SAM_SEMINAR_TARGET_MET, "is met" },
  { "other-kinds-not-counted", "low_threshold/planned/0;thematic/held/0;digital/planned/0", 0, SAM_SEMINAR_TARGET_TOO_FEW, "is not yet met" },
  { "other-years-not-counted", "national/planned/-1;national/planned/1", 0, SAM_SEMINAR_TARGET_TOO_FEW, "is not yet met" },
  { "no-status-counts-as-planned", "national/-/0", 1, SAM_SEMINAR_TARGET_MET, "is met" },
};

static gint64
format_of_kind (Fixture    *fx,
                const char *kind)
{
  return find_id (fx, SAM_KIND_SEMINAR_FORMAT, "kind", kind);
}

/* Adds "kind/status/offset" seminars: offset -1 on the last day of the
 * year before, 0 within, 1 on the first day of the year after. */
static void
add_target_seminars (Fixture    *fx,
                     const char *spec,
                     int         year)
{
  g_auto(GStrv) items = g_strsplit (spec, ";", -1);

  for (guint i = 0; items[i] && *items[i]; i++)
    {
      g_auto(GStrv) part = g_strsplit (items[i], "/", 3);
      int offset = atoi (part[2]);
      g_autofree char *date = offset < 0 ? g_strdup_printf ("%04d-12-31T23:00", year - 1)
                              : offset > 0 ? g_strdup_printf ("%04d-01-01", year + 1)
                              : g_strdup_printf ("%04d-0%u-15T09:00", year, i + 1);
      g_autoptr(SamRecord) s = seminar_record (format_of_kind (fx, part[0]), part[0], date, -1);

      if (!g_str_equal (part[1], "-"))
        sam_record_set_string (s, "status", part[1]);
      /* The raw insert keeps an unset status, as older files may have it. */
      g_assert_true (sam_store_insert (fx->store, s, NULL));
    }
}

static void
test_target_states (Fixture       *fx,
                    gconstpointer  data)
{
  const TargetCase *c = data;
  int year = this_year () + 1;
  g_autoptr(SamSeminarTarget) target = NULL;
  g_autofree char *prefix = g_strdup_printf ("%d: ", year);

  add_target_seminars (fx, c->seminars, year);
  target = national_target (fx, year);
  g_assert_cmpint (target->count, ==, c->count);
  g_assert_cmpint (target->state, ==, c->state);
  g_assert_true (g_str_has_prefix (target->message, prefix));
  assert_says (target->message, c->message);
}

static void
set_target (Fixture *fx,
            gint64   min,
            gint64   max)
{
  g_autoptr(SamRecord) f = get (fx, SAM_KIND_SEMINAR_FORMAT, fx->national);
  g_autoptr(GError) error = NULL;

  if (min < 0)
    sam_record_unset (f, "min_per_year");
  else
    sam_record_set_int (f, "min_per_year", min);
  if (max < 0)
    sam_record_unset (f, "max_per_year");
  else
    sam_record_set_int (f, "max_per_year", max);
  g_assert_true (sam_seminar_format_save (fx->store, f, &error));
  g_assert_no_error (error);
}

static void
test_target_setting (Fixture       *fx,
                     gconstpointer  data)
{
  int year = this_year () + 1;
  g_autoptr(SamSeminarTarget) t = NULL;

  add_target_seminars (fx, "national/planned/0;national/planned/0;national/planned/0", year);
  t = national_target (fx, year);
  g_assert_cmpint (t->state, ==, SAM_SEMINAR_TARGET_TOO_MANY);
  g_clear_pointer (&t, sam_seminar_target_free);

  set_target (fx, 1, 3);
  t = national_target (fx, year);
  g_assert_cmpint (t->state, ==, SAM_SEMINAR_TARGET_MET);
  g_assert_cmpint (t->max, ==, 3);
  assert_says (t->message, "the target of 1–3 a year is met.");
  g_clear_pointer (&t, sam_seminar_target_free);

  set_target (fx, 4, -1);
  t = national_target (fx, year);
  g_assert_cmpint (t->state, ==, SAM_SEMINAR_TARGET_TOO_FEW);
  g_assert_cmpint (t->max, ==, -1);
  assert_says (t->message, "the target of at least 4 a year is not yet met. Plan 1 more.");
  g_clear_pointer (&t, sam_seminar_target_free);

  set_target (fx, -1, 2);
  t = national_target (fx, year);
  g_assert_cmpint (t->state, ==, SAM_SEMINAR_TARGET_TOO_MANY);
  assert_says (t->message, "the target is at most 2 a year.");
  g_clear_pointer (&t, sam_seminar_target_free);

  set_target (fx, 3, 3);
  t = national_target (fx, year);
  g_assert_cmpint (t->state, ==, SAM_SEMINAR_TARGET_MET);
  assert_says (t->message, "the target of exactly 3 a year is met.");
  g_clear_pointer (&t, sam_seminar_target_free);

  set_target (fx, -1, -1);
  t = national_target (fx, year);
  g_assert_cmpint (t->state, ==, SAM_SEMINAR_TARGET_NONE);
  g_assert_cmpstr (t->message, ==, "No yearly target is set for national interdisciplinary seminars. "
                                   "Set one in the seminar format if there should be one.");
}

static void
test_target_past_year (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(SamSeminarTarget) t = national_target (fx, 2001);

  g_assert_cmpint (t->state, ==, SAM_SEMINAR_TARGET_TOO_FEW);
  g_assert_cmpstr (t->message, ==, "2001: 0 national interdisciplinary seminars held or planned; the target of 1–2 a year was not met.");
}

/* What a user does in the Seminars view: the check follows the seminars. */
static void
test_target_follows_changes (Fixture       *fx,
                             gconstpointer  data)
{
  int year = this_year () + 1;
  g_autofree char *date = g_strdup_printf ("%d-03-12T09:00", year);
  gint64 id = add_seminar (fx, fx->national, "Nasjonalt seminar", date, 40, NULL);
  g_autoptr(SamSeminarTarget) t = national_target (fx, year);
  g_autoptr(SamRecord) s = get (fx, SAM_KIND_SEMINAR, id);
  g_autoptr(SamRecord) copy = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (t->state, ==, SAM_SEMINAR_TARGET_MET);
  g_clear_pointer (&t, sam_seminar_target_free);

  sam_record_set_string (s, "status", "cancelled");
  g_assert_true (sam_seminar_save (fx->store, s, &error));
  g_assert_no_error (error);
  t = national_target (fx, year);
  g_assert_cmpint (t->state, ==, SAM_SEMINAR_TARGET_TOO_FEW);
  g_clear_pointer (&t, sam_seminar_target_free);

  /* A copy of the cancelled seminar is planned again. */
  copy = sam_seminar_copy_to_year (fx->store, id, year, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sam_record_get_string (copy, "status"), ==, "planned");
  t = national_target (fx, year);
  g_assert_cmpint (t->state, ==, SAM_SEMINAR_TARGET_MET);
}

/* Sectors at a seminar */

static void
assert_share (SamSectorMix *mix,
              guint         index,
              const char   *name,
              gint64        participants)
{
  SamSectorShare *s;

  g_assert_cmpuint (index, <, mix->shares->len);
  s = &g_array_index (mix->shares, SamSectorShare, index);
  g_assert_cmpstr (s->name, ==, name);
  g_assert_cmpint (s->participants, ==, participants);
  g_assert_cmpfloat_with_epsilon (s->share, (double) participants / (double) mix->total, 1e-9);
}

static SamSectorMix *
mix_of (Fixture *fx,
        gint64   seminar_id)
{
  g_autoptr(GError) error = NULL;
  SamSectorMix *mix = sam_seminar_sector_mix (fx->store, seminar_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (mix);
  return mix;
}

static void
test_mix_registered (Fixture       *fx,
                     gconstpointer  data)
{
  gint64 id = add_seminar (fx, fx->national, "Nasjonalt seminar", "2026-05-05", 10, NULL);
  g_autoptr(SamRecord) a = add_registration (fx, id, "Bufetat", sector (fx, "Barnevern"), 6, "2026-04-01T09:00");
  g_autoptr(SamRecord) b = add_registration (fx, id, "Politiet", sector (fx, "Politi og påtalemyndighet"), 3, "2026-04-01T09:01");
  g_autoptr(SamRecord) c = add_registration (fx, id, "Ukjent", 0, 1, "2026-04-01T09:02");
  g_autoptr(SamRecord) d = add_registration (fx, id, "Sykehuset", sector (fx, "Helse- og omsorgstjenester"), 5, "2026-04-01T09:03");
  g_autoptr(SamSectorMix) mix = mix_of (fx, id);

  /* The waiting list is not at the seminar. */
  g_assert_cmpint (sam_record_get_int (d, "waitlisted"), ==, 1);
  g_assert_false (mix->by_attendance);
  g_assert_cmpint (mix->total, ==, 10);
  g_assert_cmpuint (mix->shares->len, ==, 3);
  assert_share (mix, 0, "Barnevern", 6);
  assert_share (mix, 1, "Politi og påtalemyndighet", 3);
  assert_share (mix, 2, "No sector given", 1);
  g_assert_cmpfloat_with_epsilon (g_array_index (mix->shares, SamSectorShare, 0).share, 0.6, 1e-9);
  g_assert_true (mix->flagged);
  g_assert_cmpint (mix->dominant_sector_id, ==, sector (fx, "Barnevern"));
  g_assert_cmpstr (mix->message, ==, "Barnevern has 6 of the 10 participants (60 %). A national interdisciplinary "
                                     "seminar should bring the sectors together; invite more organisations from other sectors.");
}

typedef struct
{
  const char *name;
  const char *format_kind;
  const char *sectors[3];     /* sector names, NULL for none given */
  gint64      participants[3];
  gboolean    flagged;
} MixCase;

static const MixCase mix_cases[] = {
  { "exactly-half-is-not-flagged", "national", { "Barnevern", "Integrering", "Asylmottak" }, { 5, 3, 2 }, FALSE },
  { "just-over-half-is-flagged", "national", { "Barnevern", "Integrering", "Asylmottak" }, { 6, 3, 2 }, TRUE },
  { "low-threshold-is-never-flagged", "low_threshold", { "Barnevern", "Integrering", "Asylmottak" }, { 9, 1, 0 }, FALSE },
  { "unknown-sector-is-not-a-sector", "national", { NULL, "Integrering", "Asylmottak" }, { 8, 1, 1 }, FALSE },
  { "nobody-registered", "national", { NULL, NULL, NULL }, { 0, 0, 0 }, FALSE },
};

static void
test_mix_cases (Fixture       *fx,
                gconstpointer  data)
{
  const MixCase *c = data;
  gint64 id = add_seminar (fx, format_of_kind (fx, c->format_kind), "Seminar", "2026-05-05", -1, NULL);
  g_autoptr(SamSectorMix) mix = NULL;
  gint64 total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (c->participants); i++)
    if (c->participants[i] > 0)
      {
        g_autofree char *org = g_strdup_printf ("Org %u", i);
        g_autoptr(SamRecord) r = add_registration (fx, id, org, c->sectors[i] ? sector (fx, c->sectors[i]) : 0,
                                                   c->participants[i], NULL);
        total += c->participants[i];
      }
  mix = mix_of (fx, id);
  g_assert_cmpint (mix->total, ==, total);
  g_assert_cmpint (mix->flagged, ==, c->flagged);
  g_assert_true ((mix->message != NULL) == c->flagged);
  g_assert_cmpint (mix->dominant_sector_id, ==, c->flagged ? sector (fx, c->sectors[0]) : 0);
}

static void
test_mix_attended (Fixture       *fx,
                   gconstpointer  data)
{
  gint64 id = add_seminar (fx, fx->national, "Nasjonalt seminar", "2026-05-05", 10, "open");
  g_autoptr(SamRecord) a = add_registration (fx, id, "Bufetat", sector (fx, "Barnevern"), 6, "2026-04-01T09:00");
  g_autoptr(SamRecord) b = add_registration (fx, id, "Politiet", sector (fx, "Politi og påtalemyndighet"), 4, "2026-04-01T09:01");
  g_autoptr(SamRecord) c = add_registration (fx, id, "UDI", sector (fx, "Utlendingsforvaltning"), 3, "2026-04-01T09:02");
  g_autoptr(SamSectorMix) mix = mix_of (fx, id);
  g_autoptr(GError) error = NULL;
  /* Bufetat sent fewer than it registered; UDI came off the waiting list. */
  SamAttendance attendance[] = {
    { sam_record_get_id (a), 2 }, { sam_record_get_id (b), 4 }, { sam_record_get_id (c), 3 },
  };

  g_assert_true (mix->flagged);
  g_clear_pointer (&mix, sam_sector_mix_free);

  /* Held, but attendance not recorded yet: still the registrations. */
  {
    g_autoptr(SamRecord) s = get (fx, SAM_KIND_SEMINAR, id);
    sam_record_set_string (s, "status", "held");
    g_assert_true (sam_seminar_save (fx->store, s, &error));
    g_assert_no_error (error);
  }
  mix = mix_of (fx, id);
  g_assert_false (mix->by_attendance);
  g_assert_cmpint (mix->total, ==, 10);
  g_clear_pointer (&mix, sam_sector_mix_free);

  g_assert_true (sam_seminar_mark_held (fx->store, id, attendance, G_N_ELEMENTS (attendance), &error));
  g_assert_no_error (error);
  mix = mix_of (fx, id);
  g_assert_true (mix->by_attendance);
  g_assert_cmpint (mix->total, ==, 9);
  assert_share (mix, 0, "Politi og påtalemyndighet", 4);
  assert_share (mix, 1, "Utlendingsforvaltning", 3);
  assert_share (mix, 2, "Barnevern", 2);
  g_assert_false (mix->flagged);
  g_assert_null (mix->message);
}

static void
test_mix_missing (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (sam_seminar_sector_mix (fx->store, 999999, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND);
}

/* Copying to another year */

static gint64
add_full_seminar (Fixture    *fx,
                  const char *starts,
                  const char *ends)
{
  g_autoptr(SamRecord) s = seminar_record (fx->national, "Nasjonalt seminar om arbeidsutnyttelse", starts, 50);
  const gint64 sectors[] = { sector (fx, "Barnevern"), sector (fx, "Arbeidstilsyn") };
  const char *invited[] = { "KS", "NHO", "LO", NULL };
  g_autoptr(GError) error = NULL;

  sam_record_set_string (s, "ends_at", ends);
  sam_record_set_string (s, "place", "Oslo");
  sam_record_set_string (s, "theme", "Arbeidsutnyttelse i byggebransjen");
  sam_record_set_refs (s, "sectors", sectors, G_N_ELEMENTS (sectors));
  sam_record_set_strings (s, "invited", invited);
  sam_record_set_string (s, "status", "held");
  sam_record_set_int (s, "evaluation_score", 4);
  sam_record_set_string (s, "evaluation_comment", "Godt oppmøte");
  g_assert_true (sam_seminar_save (fx->store, s, &error));
  g_assert_no_error (error);
  return sam_record_get_id (s);
}

typedef struct
{
  const char *name;
  const char *starts, *ends;
  int         year;
  const char *new_starts, *new_ends;
} CopyCase;

static const CopyCase copy_cases[] = {
  { "next-year", "2026-03-12T09:00", "2026-03-12T16:00", 2027, "2027-03-12T09:00", "2027-03-12T16:00" },
  { "leap-day-to-common-year", "2028-02-29T09:00", "2028-02-29T15:30", 2029, "2029-02-28T09:00", "2029-02-28T15:30" },
  { "leap-day-to-leap-year", "2028-02-29", "2028-03-01", 2032, "2032-02-29", "2032-03-01" },
  { "earlier-year", "2026-11-05T10:00", "2026-11-06T15:00", 2025, "2025-11-05T10:00", "2025-11-06T15:00" },
  { "over-new-year", "2026-12-31T18:00", "2027-01-01T02:00", 2030, "2030-12-31T18:00", "2031-01-01T02:00" },
};

static void
test_copy_one (Fixture       *fx,
               gconstpointer  data)
{
  const CopyCase *c = data;
  gint64 id = add_full_seminar (fx, c->starts, c->ends);
  g_autoptr(SamRecord) a = add_registration (fx, id, "Arbeidstilsynet", sector (fx, "Arbeidstilsyn"), 3, NULL);
  g_autoptr(SamRecord) original = get (fx, SAM_KIND_SEMINAR, id);
  g_autoptr(SamRecord) copy = NULL, stored = NULL, expected = NULL, after = NULL;
  g_autoptr(GPtrArray) registrations = NULL;
  g_autoptr(GError) error = NULL;
  guint commits = count_commits (fx);

  copy = sam_seminar_copy_to_year (fx->store, id, c->year, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_commits (fx), ==, commits + 1);
  g_assert_cmpint (sam_record_get_id (copy), >, id);
  stored = get (fx, SAM_KIND_SEMINAR, sam_record_get_id (copy));
  g_assert_true (sam_record_equal (copy, stored));

  /* Everything but the dates, status and evaluation comes along. */
  expected = sam_record_copy (original);
  sam_record_set_id (expected, sam_record_get_id (copy));
  sam_record_set_string (expected, "starts_at", c->new_starts);
  sam_record_set_string (expected, "ends_at", c->new_ends);
  sam_record_set_string (expected, "status", "planned");
  sam_record_unset (expected, "evaluation_score");
  sam_record_unset (expected, "evaluation_comment");
  g_assert_true (sam_record_equal (stored, expected));

  registrations = sam_store_list_by (fx->store, SAM_KIND_REGISTRATION, "seminar_id", sam_record_get_id (copy), NULL);
  g_assert_cmpuint (registrations->len, ==, 0);
  after = get (fx, SAM_KIND_SEMINAR, id);
  g_assert_true (sam_record_equal (after, original));
  g_assert_cmpint (sam_store_count (fx->store, SAM_KIND_REGISTRATION), ==, 1);
}

static void
test_copy_year (Fixture       *fx,
                gconstpointer  data)
{
  gint64 held = add_full_seminar (fx, "2026-03-12T09:00", "2026-03-12T16:00");
  g_autoptr(SamRecord) r = add_registration (fx, held, "Politiet", 0, 2, NULL);
  g_autoptr(GPtrArray) copies = NULL, in_2028 = NULL, in_2026 = NULL;
  g_autoptr(GError) error = NULL;
  guint commits;

  add_seminar (fx, fx->low_threshold, "Lavterskel Bergen", "2026-09-01", 30, "open");
  add_seminar (fx, fx->thematic, "Avlyst tema", "2026-10-01", -1, "cancelled");
  add_seminar (fx, fx->national, "Fjorårets", "2025-10-01", -1, NULL);
  add_seminar (fx, fx->national, "Neste år", "2027-01-01", -1, NULL);
  commits = count_commits (fx);

  copies = sam_seminar_copy_year (fx->store, 2026, 2028, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_commits (fx), ==, commits + 1);
  g_assert_cmpuint (copies->len, ==, 2);

  in_2028 = sam_seminar_list_year (fx->store, 2028, &error);
  g_assert_cmpuint (in_2028->len, ==, 2);
  g_assert_cmpstr (sam_record_get_title (in_2028->pdata[0]), ==, "Nasjonalt seminar om arbeidsutnyttelse");
  g_assert_cmpstr (sam_record_get_string (in_2028->pdata[0], "starts_at"), ==, "2028-03-12T09:00");
  g_assert_cmpstr (sam_record_get_title (in_2028->pdata[1]), ==, "Lavterskel Bergen");
  g_assert_cmpstr (sam_record_get_string (in_2028->pdata[1], "starts_at"), ==, "2028-09-01");
  for (guint i = 0; i < in_2028->len; i++)
    g_assert_cmpstr (sam_record_get_string (in_2028->pdata[i], "status"), ==, "planned");

  in_2026 = sam_seminar_list_year (fx->store, 2026, &error);
  g_assert_cmpuint (in_2026->len, ==, 3);
  g_assert_cmpint (sam_store_count (fx->store, SAM_KIND_REGISTRATION), ==, 1);

  /* A year without seminars copies nothing and writes nothing. */
  g_clear_pointer (&copies, g_ptr_array_unref);
  commits = count_commits (fx);
  copies = sam_seminar_copy_year (fx->store, 2040, 2041, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (copies->len, ==, 0);
  g_assert_cmpuint (count_commits (fx), ==, commits);
}

/* All or nothing: a seminar that cannot be copied stops the whole series. */
static void
test_copy_year_all_or_nothing (Fixture       *fx,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) before = NULL, copies = NULL, in_2031 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *long_title = g_strnfill (250, 'x');
  guint commits;

  add_seminar (fx, fx->national, "Først", "2030-02-01", -1, NULL);
  /* A row from an older program with a title too long for today's rules;
   * it sorts after the first, so the first copy is written before it fails. */
  sql = g_strdup_printf ("INSERT INTO seminar (format_id, title, starts_at, status) "
                         "VALUES (%" G_GINT64_FORMAT ", '%s', '2030-06-01', 'planned')",
                         fx->national, long_title);
  g_assert_true (sam_store_exec (fx->store, sql, NULL));
  before = snapshot (fx);
  commits = count_commits (fx);

  copies = sam_seminar_copy_year (fx->store, 2030, 2031, &error);
  g_assert_null (copies);
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  assert_message_has (error, "Title: is longer than 200 characters");
  assert_unchanged (fx, before);
  g_assert_cmpuint (count_commits (fx), ==, commits);
  in_2031 = sam_seminar_list_year (fx->store, 2031, NULL);
  g_assert_cmpuint (in_2031->len, ==, 0);
}

/* Deleting */

static void
test_delete (Fixture       *fx,
             gconstpointer  data)
{
  gint64 id = add_seminar (fx, fx->national, "Vårseminar", "2026-04-20T09:00", 10, NULL);
  gint64 keep = add_seminar (fx, fx->national, "Høstseminar", "2026-10-20T09:00", 10, NULL);
  g_autoptr(SamRecord) a = add_registration (fx, id, "A", 0, 6, NULL);
  g_autoptr(SamRecord) b = add_registration (fx, id, "B", 0, 6, NULL);
  g_autoptr(SamRecord) k = add_registration (fx, keep, "K", 0, 1, NULL);
  g_autoptr(GError) error = NULL;
  guint commits = count_commits (fx);

  /* The generic delete refuses a seminar with registrations … */
  g_assert_false (sam_store_delete (fx->store, SAM_KIND_SEMINAR, id, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_IN_USE);
  g_clear_error (&error);

  /* … deleting the seminar takes its registrations along, in one step. */
  g_assert_true (sam_seminar_delete (fx->store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_commits (fx), ==, commits + 1);
  g_assert_null (sam_store_get (fx->store, SAM_KIND_SEMINAR, id, NULL));
  g_assert_cmpint (sam_store_count (fx->store, SAM_KIND_REGISTRATION), ==, 1);

  g_assert_false (sam_seminar_delete (fx->store, id, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND);
}

/* Registering, the full round of the Seminars view */

static void
test_register_cancelled_then_reopened (Fixture       *fx,
                                       gconstpointer  data)
{
  gint64 id = add_seminar (fx, fx->low_threshold, "Lavterskel Tromsø", "2026-11-01", 20, "cancelled");
  g_autoptr(SamRecord) s = get (fx, SAM_KIND_SEMINAR, id);
  g_autoptr(SamRecord) r = NULL;
  g_autoptr(GError) error = NULL;

  sam_record_set_string (s, "status", "open");
  g_assert_true (sam_seminar_save (fx->store, s, &error));
  g_assert_no_error (error);
  r = add_registration (fx, id, "Tromsø kommune", sector (fx, "Kommunale tjenester"), 4, NULL);
  g_assert_cmpint (sam_record_get_int (r, "waitlisted"), ==, 0);

  /* A registration made before cancelling can still be corrected. */
  sam_record_set_string (s, "status", "cancelled");
  g_assert_true (sam_seminar_save (fx->store, s, &error));
  sam_record_set_string (r, "names", "Per Hansen");
  g_assert_true (sam_registration_save (fx->store, r, &error));
  g_assert_no_error (error);
}

static void
add_cases (const char   *prefix,
           gconstpointer cases,
           gsize         n,
           gsize         size,
           void        (*func) (Fixture *, gconstpointer))
{
  for (gsize i = 0; i < n; i++)
    {
      gconstpointer c = (const char *) cases + i * size;
      g_autofree char *path = g_strconcat (prefix, *(const char * const *) c, NULL);

      g_test_add (path, Fixture, c, fixture_set_up, func, fixture_tear_down);
    }
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_CASES(prefix, cases, func) add_cases (prefix, cases, G_N_ELEMENTS (cases), sizeof cases[0], func)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_CASES ("/store/seminars/waiting-list/", wait_cases, test_waiting_list);
  ADD ("/store/seminars/registration/counts", test_counts);
  ADD ("/store/seminars/registration/registered-at-orders-the-line", test_registered_at);
  ADD ("/store/seminars/registration/change-moves-the-line", test_change_registration);
  ADD ("/store/seminars/registration/cancelled-then-reopened", test_register_cancelled_then_reopened);
  ADD ("/store/seminars/capacity/raised-moves-the-line", test_capacity_change);
  ADD ("/store/seminars/held/attendance", test_mark_held);
  ADD_CASES ("/store/seminars/bad-input/", bad_cases, test_bad_input);
  ADD_CASES ("/store/seminars/past-confirmation/", past_cases, test_past_confirmation);
  ADD ("/store/seminars/target/fresh-database", test_target_fresh);
  ADD_CASES ("/store/seminars/target/", target_cases, test_target_states);
  ADD ("/store/seminars/target/setting", test_target_setting);
  ADD ("/store/seminars/target/past-year", test_target_past_year);
  ADD ("/store/seminars/target/follows-changes", test_target_follows_changes);
  ADD ("/store/seminars/sectors/registered", test_mix_registered);
  ADD_CASES ("/store/seminars/sectors/", mix_cases, test_mix_cases);
  ADD ("/store/seminars/sectors/attended", test_mix_attended);
  ADD ("/store/seminars/sectors/missing-seminar", test_mix_missing);
  ADD_CASES ("/store/seminars/copy/", copy_cases, test_copy_one);
  ADD ("/store/seminars/copy/year", test_copy_year);
  ADD ("/store/seminars/copy/year-all-or-nothing", test_copy_year_all_or_nothing);
  ADD ("/store/seminars/delete", test_delete);

  return g_test_run ();
}
