/* Migration: a database written by version 1 opens in this version with
 * everything it held, and gains what versions 2 to 6 added. */
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
  /* Its links, kept by their keys since version 8. */
  g_assert_cmpint (sam_record_get_refs (activity, "sectors", &n)[0], ==, 1);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (sam_record_get_refs (activity, "target_groups", &n)[0], ==, 1);
  g_assert_cmpuint (n, ==, 1);
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

/* A file written with foreign keys off may link an activity to an agency,
 * sector or target group that is not there, or hold a link of an
 * activity that is gone. Version 8 rebuilds the link tables: such links
 * are left behind, and the file opens with everything else. */
static void
test_v8_dangling_links (void)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autofree char *path = make_v1 (dir);
  g_autoptr(SamStore) store = NULL;
  g_autoptr(SamRecord) activity = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 *refs;
  gsize n;

  sam_test_sql (path, "INSERT INTO activity_partner VALUES (1, 4711, 0), (4711, 2, 0);"
                      "INSERT INTO activity_sector VALUES (1, 4711, 1);"
                      "INSERT INTO activity_target_group VALUES (1, 4711, 1);");
  store = sam_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sam_store_get_schema_version (store), ==, SAM_SCHEMA_VERSION);
  activity = sam_store_get (store, SAM_KIND_ACTIVITY, 1, &error);
  g_assert_no_error (error);
  sam_record_get_refs (activity, "partners", &n);
  g_assert_cmpuint (n, ==, 0);
  refs = sam_record_get_refs (activity, "sectors", &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (refs[0], ==, 1);
  refs = sam_record_get_refs (activity, "target_groups", &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (refs[0], ==, 1);
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

static gint64
sector_ministry (SamStore   *store,
                 const char *name)
{
  g_autoptr(SamRecord) sector = sam_test_find (store, SAM_KIND_SECTOR, "name", name);

  g_assert_nonnull (sector);
  return sam_record_get_int (sector, "ministry_id");
}

/* Version 4 gives each sector its responsible ministry: the default plan's
 * sectors by their names and the ministries' short names, any other by the
 * one ministry that lists it among its sectors, none where that is not
 * clear; and the default plan's GRETA and national rapporteur the role of
 * receiving reports. */
static void
test_v4_sector_ministries (void)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autofree char *path = make_v1 (dir);
  g_autoptr(SamStore) store = NULL;
  g_autoptr(SamRecord) bufdir = NULL, sector = NULL;
  g_autoptr(GError) error = NULL;

  sam_test_sql (path,
                "INSERT INTO agency VALUES (3, 'Justis- og beredskapsdepartementet', 'JD', 'ministry', NULL, NULL, NULL),"
                "  (4, 'Finansdepartementet', 'FIN', 'ministry', NULL, NULL, NULL),"
                "  (5, 'Utenriksdirektoratet', 'UD', 'directorate', NULL, NULL, NULL),"
                "  (6, 'Europarådets overvåkningsorgan GRETA', 'GRETA', 'international', NULL, NULL, NULL);"
                "INSERT INTO sector VALUES (3, 'Grensekontroll', NULL), (4, 'Tollsektoren', NULL),"
                "  (5, 'Delt sektor', NULL), (6, 'Utenrikstjenesten', NULL), (7, 'Egen sektor', NULL);"
                "INSERT INTO agency_sector VALUES (3, 3, 0), (4, 3, 0), (4, 4, 0), (3, 5, 0), (4, 5, 1),"
                "  (1, 7, 0), (2, 2, 0);");
  store = sam_store_open (path, &error);
  g_assert_no_error (error);

  /* By name: Barnevern is BFD's, Grensekontroll JD's although FIN lists it too. */
  g_assert_cmpint (sector_ministry (store, "Barnevern"), ==, 1);
  g_assert_cmpint (sector_ministry (store, "Grensekontroll"), ==, 3);
  /* By the one ministry that lists it. */
  g_assert_cmpint (sector_ministry (store, "Tollsektoren"), ==, 4);
  g_assert_cmpint (sector_ministry (store, "Egen sektor"), ==, 1);
  /* Not clear: two ministries list it; only a directorate lists it; the
   * default plan's name, but its ministry's short name is not a ministry's. */
  g_assert_cmpint (sector_ministry (store, "Delt sektor"), ==, 0);
  g_assert_cmpint (sector_ministry (store, "Helse"), ==, 0);
  g_assert_cmpint (sector_ministry (store, "Utenrikstjenesten"), ==, 0);

  /* GRETA receives reports; nobody else is given a role. */
  {
    g_autoptr(SamRecord) greta = sam_store_get (store, SAM_KIND_AGENCY, 6, &error);
    g_assert_cmpstr (sam_record_get_string (greta, "role"), ==, "recipient");
  }

  /* The new fields are empty and can be written. */
  bufdir = sam_store_get (store, SAM_KIND_AGENCY, 2, &error);
  g_assert_false (sam_record_is_set (bufdir, "source_quote"));
  g_assert_false (sam_record_is_set (bufdir, "role"));
  sam_record_set_string (bufdir, "name_en", "Norwegian Directorate for Children, Youth and Family Affairs");
  sam_record_set_string (bufdir, "role", "recipient");
  g_assert_true (sam_store_update (store, bufdir, &error));
  g_assert_no_error (error);
  sector = sam_store_get (store, SAM_KIND_SECTOR, 2, &error);
  sam_record_set_int (sector, "ministry_id", 3);
  g_assert_true (sam_store_update (store, sector, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  sam_test_remove_dir (dir);
}

/* Version 6 keeps each activity's history from the migration on: what was
 * there before has none (its own fields stand for every period), and the
 * first change after it is noted; no period is closed. */
static void
test_v6_history (void)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autofree char *path = make_v1 (dir);
  g_autoptr(SamStore) store = NULL;
  g_autoptr(SamRecord) activity = NULL, change = NULL;
  g_autoptr(GError) error = NULL;

  store = sam_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sam_store_count (store, SAM_KIND_ACTIVITY_CHANGE), ==, 0);
  g_assert_cmpint (sam_store_count (store, SAM_KIND_PERIOD_CLOSING), ==, 0);
  activity = sam_store_get (store, SAM_KIND_ACTIVITY, 1, &error);
  sam_record_set_string (activity, "due_date", "2027-06-30");
  g_assert_true (sam_store_update (store, activity, &error));
  g_assert_no_error (error);
  change = sam_test_find (store, SAM_KIND_ACTIVITY_CHANGE, "field", "due_date");
  g_assert_nonnull (change);
  g_assert_cmpint (sam_record_get_int (change, "activity_id"), ==, 1);
  g_assert_cmpstr (sam_record_get_string (change, "new_value"), ==, "2027-06-30");
  g_assert_cmpstr (sam_record_get_title (change), ==, "Lavterskelseminarer");
  g_clear_object (&store);
  sam_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/migration/v1-to-current", test_v1_to_current);
  g_test_add_func ("/store/migration/identity", test_identity);
  g_test_add_func ("/store/migration/v4-sector-ministries", test_v4_sector_ministries);
  g_test_add_func ("/store/migration/v8-dangling-links", test_v8_dangling_links);
  g_test_add_func ("/store/migration/v6-history", test_v6_history);
  return g_test_run ();
}
