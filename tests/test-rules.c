/* Saving and deleting on a person's behalf goes through each kind's rules. */
#include "config.h"

#include <string.h>

#include "store/sam-rules.h"
#include "sam-test-util.h"

static char *dir;
static SamStore *store;

static SamRecord *
seminar_with_capacity (gint64 capacity)
{
  g_autoptr(SamRecord) format = sam_test_find (store, SAM_KIND_SEMINAR_FORMAT, "kind", "thematic");
  SamRecord *seminar = sam_record_new (SAM_KIND_SEMINAR);
  g_autoptr(GError) error = NULL;

  sam_record_set_int (seminar, "format_id", sam_record_get_id (format));
  sam_record_set_string (seminar, "title", "Temaseminar om barn");
  sam_record_set_string (seminar, "starts_at", "2027-03-04T09:00");
  sam_record_set_string (seminar, "ends_at", "2027-03-04T15:00");
  sam_record_set_int (seminar, "capacity", capacity);
  g_assert_true (sam_rules_save (store, seminar, &error));
  g_assert_no_error (error);
  return seminar;
}

static SamRecord *
registration (SamRecord  *seminar,
              const char *organisation,
              gint64      participants)
{
  SamRecord *r = sam_record_new (SAM_KIND_REGISTRATION);
  g_autoptr(GError) error = NULL;

  sam_record_set_int (r, "seminar_id", sam_record_get_id (seminar));
  sam_record_set_string (r, "organisation", organisation);
  sam_record_set_int (r, "participants", participants);
  gboolean saved = sam_rules_save (store, r, &error);

  g_assert_no_error (error);
  g_assert_true (saved);
  return r;
}

static void
test_waiting_list_through_rules (void)
{
  g_autoptr(SamRecord) seminar = seminar_with_capacity (10);
  g_autoptr(SamRecord) first = registration (seminar, "Bergen kommune", 8);
  g_autoptr(SamRecord) second = registration (seminar, "Oslo kommune", 5);
  g_autoptr(SamRecord) moved = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sam_record_get_int (second, "waitlisted"), ==, 1);
  g_assert_true (sam_rules_delete (store, SAM_KIND_REGISTRATION, sam_record_get_id (first), &error));
  moved = sam_store_get (store, SAM_KIND_REGISTRATION, sam_record_get_id (second), &error);
  g_assert_cmpint (sam_record_get_int (moved, "waitlisted"), ==, 0);
}

static void
test_seminar_rules_apply (void)
{
  g_autoptr(SamRecord) seminar = seminar_with_capacity (10);
  g_autoptr(SamRecord) r = registration (seminar, "Tromsø kommune", 9);
  g_autoptr(SamRecord) again = NULL;
  g_autoptr(GError) error = NULL;

  /* A capacity below those who already have a place is refused. */
  sam_record_set_int (seminar, "capacity", 5);
  g_assert_false (sam_rules_save (store, seminar, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  again = sam_store_get (store, SAM_KIND_SEMINAR, sam_record_get_id (seminar), NULL);
  g_assert_cmpint (sam_record_get_int (again, "capacity"), ==, 10);

  /* Deleting a seminar takes its registrations with it. */
  g_clear_error (&error);
  g_assert_true (sam_rules_delete (store, SAM_KIND_SEMINAR, sam_record_get_id (seminar), &error));
  g_assert_no_error (error);
  g_assert_null (sam_store_get (store, SAM_KIND_REGISTRATION, sam_record_get_id (r), NULL));
}

static void
test_other_kinds_plain (void)
{
  g_autoptr(SamRecord) sector = sam_record_new (SAM_KIND_SECTOR);
  g_autoptr(GError) error = NULL;

  sam_record_set_string (sector, "name", "Kriminalomsorg");
  g_assert_true (sam_rules_save (store, sector, &error));
  sam_record_set_string (sector, "name", "Kriminalomsorgen");
  g_assert_true (sam_rules_save (store, sector, &error));
  g_assert_true (sam_rules_delete (store, SAM_KIND_SECTOR, sam_record_get_id (sector), &error));
  g_assert_no_error (error);
}

static void
test_create_in_place (void)
{
  g_autoptr(SamRecord) plan = sam_test_find (store, SAM_KIND_PLAN, "title", "Tverrsektoriell informasjonsplan");
  g_autoptr(SamRecord) activity = NULL, seminar = NULL, new_plan = NULL, under = NULL;
  g_autoptr(SamRecord) hdir = sam_test_find (store, SAM_KIND_AGENCY, "short_name", "Hdir");
  SamNewPlace place = { NULL, 0, 0, FALSE };
  g_autoptr(GError) error = NULL;
  gint64 activities = sam_store_count (store, SAM_KIND_ACTIVITY);

  /* An activity needs a plan: without one nothing is made, and the
   * message says what to select. */
  g_assert_null (sam_rules_create (store, SAM_KIND_ACTIVITY, &place, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Select a plan"));
  g_assert_cmpint (sam_store_count (store, SAM_KIND_ACTIVITY), ==, activities);
  g_clear_error (&error);

  /* In the plan in view, planned at 0 %, one undo step. */
  place.plan_id = sam_record_get_id (plan);
  activity = sam_rules_create (store, SAM_KIND_ACTIVITY, &place, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sam_record_get_int (activity, "plan_id"), ==, sam_record_get_id (plan));
  g_assert_cmpstr (sam_record_get_string (activity, "status"), ==, "planned");
  g_assert_cmpint (sam_record_get_int (activity, "progress"), ==, 0);
  g_assert_cmpstr (sam_record_get_title (activity), ==, "New activity");
  g_assert_true (sam_store_undo (store, NULL));
  g_assert_cmpint (sam_store_count (store, SAM_KIND_ACTIVITY), ==, activities);

  /* A plan goes under the measure of the activity shown. */
  place = (SamNewPlace) { activity, 0, 2031, FALSE };
  new_plan = sam_rules_create (store, SAM_KIND_PLAN, &place, &error);
  g_assert_cmpint (sam_record_get_int (new_plan, "measure_id"), ==, sam_record_get_int (plan, "measure_id"));

  /* A seminar in another year than this is planned for 1 March. */
  seminar = sam_rules_create (store, SAM_KIND_SEMINAR, &place, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sam_record_get_string (seminar, "starts_at"), ==, "2031-03-01T09:00");
  g_assert_cmpstr (sam_record_get_string (seminar, "status"), ==, "planned");

  /* A subordinate agency goes under the one shown. */
  place = (SamNewPlace) { hdir, 0, 0, TRUE };
  under = sam_rules_create (store, SAM_KIND_AGENCY, &place, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sam_record_get_int (under, "parent_id"), ==, sam_record_get_id (hdir));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = sam_test_make_dir ();
  store = sam_test_open_new (dir, "rules.db");
  g_test_add_func ("/store/rules/waiting-list", test_waiting_list_through_rules);
  g_test_add_func ("/store/rules/seminar-rules-apply", test_seminar_rules_apply);
  g_test_add_func ("/store/rules/other-kinds-plain", test_other_kinds_plain);
  g_test_add_func ("/store/rules/create-in-place", test_create_in_place);
  status = g_test_run ();
  g_clear_object (&store);
  sam_test_remove_dir (dir);
  g_free (dir);
  return status;
}
