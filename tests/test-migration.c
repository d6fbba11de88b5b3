/* Migration: a database written by version 1 opens in this version with
 * everything it held, and gains what version 2 added. */
#include "config.h"

#include "sam-test-util.h"

static char *
make_v1 (const char *dir)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "samordna-v1.sql", NULL);
  g_autofree char *sql = NULL;
  char *path = g_build_filename (dir, "gammel.db", NULL);
  g_autoptr(GError) error = NULL;

  g_file_get_contents (fixture, &sql, NULL, &error);
  g_assert_no_error (error);
  sam_test_sql (path, sql);
  return path;
}

static void
test_v1_to_current (void)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autofree char *path = make_v1 (dir);
  g_autoptr(SamStore) store = NULL;
  g_autoptr(SamRecord) activity = NULL, registration = NULL, update = NULL, bufdir = NULL;
  g_autoptr(GError) error = NULL;
  const char *channels[] = { "Nettside", NULL };
  gsize n;

  store = sam_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sam_store_get_schema_version (store), ==, SAM_SCHEMA_VERSION);
  /* A migrated database gets its identity, which status forms carry. */
  g_assert_true (g_uuid_string_is_valid (sam_store_get_identity (store)));

  /* The old plan is kept, not replaced by the default plan. */
  g_assert_cmpint (sam_store_count (store, SAM_KIND_ACTIVITY), ==, 1);
  g_assert_cmpint (sam_store_count (store, SAM_KIND_AGENCY), ==, 2);
  activity = sam_store_get (store, SAM_KIND_ACTIVITY, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sam_record_get_title (activity), ==, "Lavterskelseminarer");
  g_assert_cmpint (sam_record_get_int (activity, "lead_agency_id"), ==, 2);
  g_assert_cmpint (sam_record_get_int (activity, "progress"), ==, 40);
  g_assert_cmpint (sam_record_get_refs (activity, "sectors", &n)[0], ==, 1);
  bufdir = sam_store_get (store, SAM_KIND_AGENCY, 2, &error);
  g_assert_cmpint (sam_record_get_int (bufdir, "parent_id"), ==, 1);
  update = sam_store_get (store, SAM_KIND_STATUS_UPDATE, 1, &error);
  g_assert_cmpstr (sam_record_get_string (update, "comment"), ==, "To seminarer holdt");

  /* Version 2's fields are there, empty, and can be written. */
  g_assert_false (sam_record_is_set (activity, "message"));
  sam_record_set_string (activity, "message", "Du har rettigheter");
  sam_record_set_strings (activity, "channels", channels);
  g_assert_true (sam_store_update (store, activity, &error));
  g_assert_no_error (error);
  registration = sam_store_get (store, SAM_KIND_REGISTRATION, 1, &error);
  g_assert_cmpint (sam_record_get_int (registration, "waitlisted"), ==, 0);
  g_assert_false (sam_record_is_set (registration, "attended"));
  sam_record_set_int (registration, "attended", 11);
  g_assert_true (sam_store_update (store, registration, &error));
  g_clear_object (&store);

  /* Opening again finds it current and changes nothing. */
  store = sam_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&activity);
  activity = sam_store_get (store, SAM_KIND_ACTIVITY, 1, &error);
  g_assert_cmpstr (sam_record_get_string (activity, "message"), ==, "Du har rettigheter");
  g_clear_object (&store);
  sam_test_remove_dir (dir);
}

/* Each new database has an identity of its own, kept when reopened. */
static void
test_identity (void)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autoptr(SamStore) a = sam_test_open_new (dir, "a.db");
  g_autoptr(SamStore) b = sam_test_open_new (dir, "b.db");
  g_autofree char *first = g_strdup (sam_store_get_identity (a));
  g_autofree char *path = g_strdup (sam_store_get_path (a));
  g_autoptr(GError) error = NULL;

  g_assert_true (g_uuid_string_is_valid (first));
  g_assert_cmpstr (first, !=, sam_store_get_identity (b));
  g_clear_object (&a);
  a = sam_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sam_store_get_identity (a), ==, first);
  g_clear_object (&a);
  g_clear_object (&b);
  sam_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/migration/v1-to-current", test_v1_to_current);
  g_test_add_func ("/store/migration/identity", test_identity);
  return g_test_run ();
}
