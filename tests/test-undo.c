/* Undo and redo: every kind of change can be taken back and done again,
 * through the whole session, and a delete that moves links is one step. */
#include "config.h"

#include "sam-test-util.h"
#include "store/sam-rules.h"
#include "store/sam-status.h"

typedef struct
{
  char     *dir;
  SamStore *store;
  guint     changed;
} Fixture;

static void
on_changed (SamStore *store,
            Fixture  *f)
{
  f->changed++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = sam_test_make_dir ();
  f->store = sam_test_open_new (f->dir, "undo.db");
  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  sam_test_remove_dir (f->dir);
  g_free (f->dir);
}

static SamRecord *
get (Fixture *f,
     SamKind  kind,
     gint64   id)
{
  return sam_store_get (f->store, kind, id, NULL);
}

static void
undo (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_store_undo (f->store, &error));
  g_assert_no_error (error);
}

static void
redo (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_store_redo (f->store, &error));
  g_assert_no_error (error);
}

static void
test_insert (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SamRecord) sector = sam_record_new (SAM_KIND_SECTOR);
  g_autoptr(SamRecord) back = NULL;
  g_autofree char *label = NULL;
  gint64 before = sam_store_count (f->store, SAM_KIND_SECTOR);

  g_assert_false (sam_store_can_undo (f->store));
  sam_record_set_string (sector, "name", "Kriminalomsorg");
  g_assert_true (sam_store_insert (f->store, sector, NULL));
  g_assert_cmpuint (f->changed, ==, 1);
  label = sam_store_get_undo_label (f->store);
  g_assert_cmpstr (label, ==, "Create “Kriminalomsorg”");

  undo (f);
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_SECTOR), ==, before);
  g_assert_false (sam_store_can_undo (f->store));
  g_assert_true (sam_store_can_redo (f->store));
  g_assert_cmpuint (f->changed, ==, 2);

  redo (f);
  back = get (f, SAM_KIND_SECTOR, sam_record_get_id (sector));
  g_assert_true (sam_record_equal (sector, back));
  g_assert_cmpuint (f->changed, ==, 3);
}

static void
test_update_with_links (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SamRecord) activity = sam_test_find (f->store, SAM_KIND_ACTIVITY, "title",
      "Kompetanseheving om menneskehandel for advokater og dommere");
  g_autoptr(SamRecord) original = sam_record_copy (activity);
  g_autoptr(SamRecord) back = NULL, again = NULL;
  g_autoptr(SamRecord) hod = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "HOD");

  sam_record_set_string (activity, "title", "Advokater og dommere – endret");
  sam_record_set_refs (activity, "partners", NULL, 0);
  sam_record_add_ref (activity, "partners", sam_record_get_id (hod));
  sam_record_set_int (activity, "progress", 30);
  g_assert_true (sam_store_update (f->store, activity, NULL));

  undo (f);
  back = get (f, SAM_KIND_ACTIVITY, sam_record_get_id (activity));
  g_assert_true (sam_record_equal (original, back));
  redo (f);
  again = get (f, SAM_KIND_ACTIVITY, sam_record_get_id (activity));
  g_assert_true (sam_record_equal (activity, again));
}

static void
test_delete_restores_id_and_links (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(SamRecord) activity = sam_test_find (f->store, SAM_KIND_ACTIVITY, "title",
      "Tilpassede opplæringstiltak og verktøy for samferdselssektoren og grensekontrollen");
  g_autoptr(SamRecord) back = NULL;
  g_autoptr(GError) error = NULL;
  gsize n;

  g_assert_nonnull (sam_record_get_refs (activity, "partners", &n));
  g_assert_cmpuint (n, >=, 5);
  g_assert_true (sam_store_delete (f->store, SAM_KIND_ACTIVITY, sam_record_get_id (activity), &error));
  g_assert_null (get (f, SAM_KIND_ACTIVITY, sam_record_get_id (activity)));

  undo (f);
  back = get (f, SAM_KIND_ACTIVITY, sam_record_get_id (activity));
  g_assert_nonnull (back);
  g_assert_true (sam_record_equal (activity, back));

  redo (f);
  g_assert_null (sam_store_get (f->store, SAM_KIND_ACTIVITY, sam_record_get_id (activity), &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND);
}

static void
test_delete_reassigning (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(SamRecord) bufdir = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "Bufdir");
  g_autoptr(SamRecord) bfd = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "BFD");
  g_autoptr(GPtrArray) led = sam_store_list_by (f->store, SAM_KIND_ACTIVITY, "lead_agency_id", sam_record_get_id (bufdir), NULL);
  g_autoptr(GPtrArray) now_bfd = NULL, back_bufdir = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  g_assert_cmpuint (led->len, >=, 3);
  g_assert_true (sam_store_delete_replacing (f->store, SAM_KIND_AGENCY, sam_record_get_id (bufdir),
                                             sam_record_get_id (bfd), &error));
  g_assert_no_error (error);
  g_assert_null (get (f, SAM_KIND_AGENCY, sam_record_get_id (bufdir)));
  now_bfd = sam_store_list_by (f->store, SAM_KIND_ACTIVITY, "lead_agency_id", sam_record_get_id (bfd), NULL);
  g_assert_cmpuint (now_bfd->len, >=, led->len);
  label = sam_store_get_undo_label (f->store);
  g_assert_cmpstr (label, ==, "Delete “Barne-, ungdoms- og familiedirektoratet”");

  /* One undo puts the agency and every link back. */
  undo (f);
  back_bufdir = sam_store_list_by (f->store, SAM_KIND_ACTIVITY, "lead_agency_id", sam_record_get_id (bufdir), NULL);
  g_assert_cmpuint (back_bufdir->len, ==, led->len);
  g_assert_false (sam_store_can_undo (f->store));
}

/* Moving Hdir's links to HOD, where HOD already takes part, leaves HOD
 * leading those activities, not also among their partners; one undo
 * puts every link back as it was. */
static void
test_delete_replacing_one_role (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(SamRecord) hdir = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "Hdir");
  g_autoptr(SamRecord) hod = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "HOD");
  g_autoptr(GPtrArray) before = sam_store_list (f->store, SAM_KIND_ACTIVITY, NULL);
  g_autoptr(GPtrArray) after = NULL, back = NULL;
  guint both = 0, moved = 0;

  for (guint i = 0; i < before->len; i++)
    if (sam_record_get_int (before->pdata[i], "lead_agency_id") == sam_record_get_id (hdir)
        && sam_record_has_ref (before->pdata[i], "partners", sam_record_get_id (hod)))
      moved++;
  g_assert_cmpuint (moved, >, 0);
  g_assert_true (sam_store_delete_replacing (f->store, SAM_KIND_AGENCY, sam_record_get_id (hdir),
                                             sam_record_get_id (hod), NULL));
  after = sam_store_list (f->store, SAM_KIND_ACTIVITY, NULL);
  for (guint i = 0; i < after->len; i++)
    if (sam_record_has_ref (after->pdata[i], "partners", sam_record_get_int (after->pdata[i], "lead_agency_id")))
      both++;
  g_assert_cmpuint (both, ==, 0);

  undo (f);
  back = sam_store_list (f->store, SAM_KIND_ACTIVITY, NULL);
  g_assert_cmpuint (back->len, ==, before->len);
  for (guint i = 0; i < back->len; i++)
    g_assert_true (sam_record_equal (back->pdata[i], before->pdata[i]));
}

/* An activity's status history is its own: it goes with the activity,
 * and one undo brings both back. */
static void
test_delete_with_history (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(SamRecord) activity = sam_test_find (f->store, SAM_KIND_ACTIVITY, "title",
                                                 "Samarbeid om informasjonstiltak i særlig utsatte bransjer");
  g_autoptr(SamRecord) period = sam_test_find (f->store, SAM_KIND_REPORTING_PERIOD, "code", "2026-T1");
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  SamStatusEntry entry = { sam_record_get_id (activity), sam_record_get_id (period), "in_progress", 40,
                           "Partene er invitert", NULL, NULL, 0, NULL, NULL, NULL };

  g_assert_true (sam_status_record (f->store, &entry, NULL));
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_STATUS_UPDATE), ==, 1);

  g_assert_true (sam_rules_delete (f->store, SAM_KIND_ACTIVITY, sam_record_get_id (activity), &error));
  g_assert_no_error (error);
  g_assert_null (get (f, SAM_KIND_ACTIVITY, sam_record_get_id (activity)));
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_STATUS_UPDATE), ==, 0);

  undo (f);
  g_assert_nonnull (get (f, SAM_KIND_ACTIVITY, sam_record_get_id (activity)));
  history = sam_store_list_by (f->store, SAM_KIND_STATUS_UPDATE, "activity_id", sam_record_get_id (activity), NULL);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpstr (sam_record_get_string (history->pdata[0], "comment"), ==, "Partene er invitert");

  /* An activity that a seminar carries out stands apart from it: the
   * seminar is asked about, not deleted with it. */
  {
    g_autoptr(SamRecord) seminar = sam_rules_create (f->store, SAM_KIND_SEMINAR, NULL, NULL);
    g_autoptr(GVariant) link = g_variant_ref_sink (g_variant_new_int64 (sam_record_get_id (activity)));
    g_autoptr(GError) in_use = NULL;

    g_assert_true (sam_rules_update_field (f->store, SAM_KIND_SEMINAR, sam_record_get_id (seminar), "activity_id",
                                           NULL, link, NULL));
    g_assert_false (sam_rules_delete (f->store, SAM_KIND_ACTIVITY, sam_record_get_id (activity), &in_use));
    g_assert_error (in_use, SAM_STORE_ERROR, SAM_STORE_ERROR_IN_USE);
    g_assert_cmpstr (sam_store_error_get_reason (in_use), ==, "Seminars: 1");
  }
}

static void
test_delete_unlinking (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SamRecord) group = sam_test_find (f->store, SAM_KIND_TARGET_GROUP, "name", "Kjøpere av seksuelle tjenester");
  g_autoptr(GPtrArray) reaching = sam_store_list_by (f->store, SAM_KIND_ACTIVITY, "target_groups", sam_record_get_id (group), NULL);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (reaching->len, >=, 1);
  g_assert_false (sam_store_delete (f->store, SAM_KIND_TARGET_GROUP, sam_record_get_id (group), &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_IN_USE);
  g_clear_error (&error);

  g_assert_true (sam_store_delete_replacing (f->store, SAM_KIND_TARGET_GROUP, sam_record_get_id (group), 0, &error));
  g_assert_no_error (error);
  after = sam_store_list_by (f->store, SAM_KIND_ACTIVITY, "target_groups", sam_record_get_id (group), NULL);
  g_assert_cmpuint (after->len, ==, 0);
  g_assert_nonnull (get (f, SAM_KIND_ACTIVITY, sam_record_get_id (reaching->pdata[0])));
}

static void
test_required_link_not_removed (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(SamRecord) plan = sam_test_find (f->store, SAM_KIND_PLAN, "title", "Tverrsektoriell informasjonsplan");
  gint64 activities = sam_store_count (f->store, SAM_KIND_ACTIVITY);
  g_autoptr(GError) error = NULL;

  /* Activities need a plan: removing the link is refused, nothing changes. */
  g_assert_false (sam_store_delete_replacing (f->store, SAM_KIND_PLAN, sam_record_get_id (plan), 0, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "needs a Plan; choose another to move it to"));
  g_assert_nonnull (get (f, SAM_KIND_PLAN, sam_record_get_id (plan)));
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_ACTIVITY), ==, activities);
  g_assert_false (sam_store_can_undo (f->store));
}

static void
test_new_change_clears_redo (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(SamRecord) a = sam_record_new (SAM_KIND_SECTOR);
  g_autoptr(SamRecord) b = sam_record_new (SAM_KIND_SECTOR);

  sam_record_set_string (a, "name", "A-sektor");
  sam_record_set_string (b, "name", "B-sektor");
  g_assert_true (sam_store_insert (f->store, a, NULL));
  undo (f);
  g_assert_true (sam_store_can_redo (f->store));
  g_assert_true (sam_store_insert (f->store, b, NULL));
  g_assert_false (sam_store_can_redo (f->store));
}

static void
test_whole_session (Fixture       *f,
                    gconstpointer  data)
{
  gint64 before = sam_store_count (f->store, SAM_KIND_SECTOR);

  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(SamRecord) s = sam_record_new (SAM_KIND_SECTOR);
      g_autofree char *name = g_strdup_printf ("Sektor %u", i);

      sam_record_set_string (s, "name", name);
      g_assert_true (sam_store_insert (f->store, s, NULL));
    }
  while (sam_store_can_undo (f->store))
    undo (f);
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_SECTOR), ==, before);
  while (sam_store_can_redo (f->store))
    redo (f);
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_SECTOR), ==, before + 30);
}

static void
test_failed_change_not_undoable (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(SamRecord) bad = sam_record_new (SAM_KIND_SECTOR);

  g_assert_false (sam_store_insert (f->store, bad, NULL));
  g_assert_false (sam_store_can_undo (f->store));
  g_assert_cmpuint (f->changed, ==, 0);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ADD ("/store/undo/insert", test_insert);
  ADD ("/store/undo/update-with-links", test_update_with_links);
  ADD ("/store/undo/delete-restores-id-and-links", test_delete_restores_id_and_links);
  ADD ("/store/undo/delete-reassigning", test_delete_reassigning);
  ADD ("/store/undo/delete-replacing-one-role", test_delete_replacing_one_role);
  ADD ("/store/undo/delete-with-history", test_delete_with_history);
  ADD ("/store/undo/delete-unlinking", test_delete_unlinking);
  ADD ("/store/undo/required-link-not-removed", test_required_link_not_removed);
  ADD ("/store/undo/new-change-clears-redo", test_new_change_clears_redo);
  ADD ("/store/undo/whole-session", test_whole_session);
  ADD ("/store/undo/failed-change-not-undoable", test_failed_change_not_undoable);
  return g_test_run ();
}
