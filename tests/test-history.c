/* The history the store keeps of each activity: created, removed, and its
 * status, progress, due date and lead as they change, noted in the same
 * transaction as the change and undone with it. */
#include "config.h"

#include "store/sam-history.h"
#include "store/sam-rules.h"
#include "store/sam-status.h"
#include "sam-test-util.h"

typedef struct
{
  char     *dir;
  SamStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = sam_test_make_dir ();
  f->store = sam_test_open_new (f->dir, "history.db");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  sam_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* The notes of activity @id, "field:old>new" each ("-": none), in the order noted. */
static char *
notes_of (SamStore *store,
          gint64    id)
{
  g_autoptr(GPtrArray) all = sam_store_list (store, SAM_KIND_ACTIVITY_CHANGE, NULL);
  GString *text = g_string_new (NULL);

  g_assert_nonnull (all);
  for (guint i = 0; i < all->len; i++)
    {
      SamRecord *c = all->pdata[i];

      if (sam_record_get_int (c, "activity_id") != id)
        continue;
      g_string_append_printf (text, "%s%s:%s>%s", text->len ? " " : "", sam_record_get_string (c, "field"),
                              sam_record_is_set (c, "old_value") ? sam_record_get_string (c, "old_value") : "-",
                              sam_record_is_set (c, "new_value") ? sam_record_get_string (c, "new_value") : "-");
    }
  return g_string_free (text, FALSE);
}

static SamRecord *
first_activity (SamStore *store)
{
  g_autoptr(GPtrArray) all = sam_store_list (store, SAM_KIND_ACTIVITY, NULL);

  g_assert_nonnull (all);
  g_assert_cmpuint (all->len, >, 0);
  return g_object_ref (all->pdata[0]);
}

/* The default plan is where the history starts: nothing is noted. */
static void
test_default_plan_has_none (Fixture       *f,
                            gconstpointer  data)
{
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_ACTIVITY), >, 40);
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_ACTIVITY_CHANGE), ==, 0);
  g_assert_false (sam_store_can_undo (f->store));
}

/* A due date moved and a lead changed are noted with the old and new
 * value, in the same undo step as the edit, which keeps its name; undo
 * takes the note away with the change, redo brings both back. */
static void
test_edit_noted_and_undone (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(SamRecord) activity = first_activity (f->store);
  g_autoptr(SamRecord) agency = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "Bufdir");
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL, *notes = NULL, *after_undo = NULL, *after_redo = NULL, *name = NULL;
  gint64 id = sam_record_get_id (activity);
  g_autofree char *old_due = g_strdup (sam_record_get_string (activity, "due_date"));
  g_autofree char *old_lead = NULL, *expected = NULL;

  g_assert_nonnull (agency);
  old_lead = sam_record_get_int (activity, "lead_agency_id")
             ? g_strdup_printf ("%" G_GINT64_FORMAT, sam_record_get_int (activity, "lead_agency_id")) : NULL;
  sam_record_set_string (activity, "due_date", "2029-12-31");
  sam_record_set_int (activity, "lead_agency_id", sam_record_get_id (agency));
  sam_record_set_string (activity, "description", "Not noted: only the fields the figures read are");
  g_assert_true (sam_rules_save (f->store, activity, &error));
  g_assert_no_error (error);

  notes = notes_of (f->store, id);
  expected = g_strdup_printf ("due_date:%s>2029-12-31 lead_agency_id:%s>%" G_GINT64_FORMAT,
                              *old_due ? old_due : "-", old_lead ? old_lead : "-",
                              sam_record_get_id (agency));
  g_assert_cmpstr (notes, ==, expected);
  label = sam_store_get_undo_label (f->store);
  name = g_strdup_printf ("Change “%s”", sam_record_get_title (activity));
  g_assert_cmpstr (label, ==, name);

  g_assert_true (sam_store_undo (f->store, &error));
  after_undo = notes_of (f->store, id);
  g_assert_cmpstr (after_undo, ==, "");
  g_assert_true (sam_store_redo (f->store, &error));
  after_redo = notes_of (f->store, id);
  g_assert_cmpstr (after_redo, ==, expected);
  g_assert_no_error (error);
}

/* A field saved alone, as the editor saves it (sam_rules_update_field()),
 * is noted as a whole save is: the figures as at a period read it. Undo
 * takes the note away with the change, redo brings both back; a field the
 * figures do not read is not noted. */
static void
test_field_save_noted (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SamRecord) activity = first_activity (f->store);
  g_autoptr(GVariant) sixty = g_variant_ref_sink (g_variant_new_int64 (60));
  g_autoptr(GVariant) title = g_variant_ref_sink (g_variant_new_string ("Not noted"));
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL, *after_undo = NULL, *after_redo = NULL, *expected = NULL;
  gint64 id = sam_record_get_id (activity);

  g_assert_true (sam_rules_update_field (f->store, SAM_KIND_ACTIVITY, id, "progress",
                                         sam_record_get_value (activity, sam_kind_field_index (SAM_KIND_ACTIVITY, "progress")),
                                         sixty, &error));
  g_assert_no_error (error);
  g_assert_true (sam_rules_update_field (f->store, SAM_KIND_ACTIVITY, id, "title",
                                         sam_record_get_value (activity, sam_kind_field_index (SAM_KIND_ACTIVITY, "title")),
                                         title, &error));
  g_assert_no_error (error);
  notes = notes_of (f->store, id);
  expected = sam_record_is_set (activity, "progress")
             ? g_strdup_printf ("progress:%" G_GINT64_FORMAT ">60", sam_record_get_int (activity, "progress"))
             : g_strdup ("progress:->60");
  g_assert_cmpstr (notes, ==, expected);

  g_assert_true (sam_store_undo (f->store, &error));
  g_assert_true (sam_store_undo (f->store, &error));
  g_assert_no_error (error);
  after_undo = notes_of (f->store, id);
  g_assert_cmpstr (after_undo, ==, "");
  g_assert_true (sam_store_redo (f->store, &error));
  g_assert_no_error (error);
  after_redo = notes_of (f->store, id);
  g_assert_cmpstr (after_redo, ==, expected);
}

/* Created and removed are noted, with the title and plan the activity had;
 * undoing the delete brings the activity back and takes the removal away. */
static void
test_create_and_remove (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SamRecord) plan = sam_test_find (f->store, SAM_KIND_PLAN, "kind", "information");
  SamNewPlace place = { NULL, 0, 0, FALSE };
  g_autoptr(SamRecord) activity = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *created = NULL, *removed = NULL, *undone = NULL;
  gint64 id;

  g_assert_nonnull (plan);
  place.plan_id = sam_record_get_id (plan);
  activity = sam_rules_create (f->store, SAM_KIND_ACTIVITY, &place, &error);
  g_assert_no_error (error);
  sam_record_set_string (activity, "title", "Informasjon på arbeidsplassen");
  sam_record_set_int (activity, "lead_agency_id", 3);
  g_assert_true (sam_rules_save (f->store, activity, &error));
  id = sam_record_get_id (activity);
  created = notes_of (f->store, id);
  /* sam_rules_create() stores the new activity; naming its lead is a change. */
  g_assert_cmpstr (created, ==, "created:->- lead_agency_id:->3");

  g_assert_true (sam_rules_delete (f->store, SAM_KIND_ACTIVITY, id, &error));
  g_assert_no_error (error);
  removed = notes_of (f->store, id);
  /* The removal keeps the lead it had. */
  g_assert_cmpstr (removed, ==, "created:->- lead_agency_id:->3 removed:3>-");
  {
    g_autoptr(SamRecord) removal = sam_test_find (f->store, SAM_KIND_ACTIVITY_CHANGE, "field", "removed");

    g_assert_nonnull (removal);
    g_assert_cmpstr (sam_record_get_title (removal), ==, "Informasjon på arbeidsplassen");
    g_assert_cmpint (sam_record_get_int (removal, "plan_id"), ==, sam_record_get_id (plan));
    g_assert_true (sam_datetime_is_valid (sam_record_get_string (removal, "changed_at")));
  }

  g_assert_true (sam_store_undo (f->store, &error));
  g_assert_no_error (error);
  undone = notes_of (f->store, id);
  g_assert_cmpstr (undone, ==, "created:->- lead_agency_id:->3");
  g_clear_object (&activity);
  activity = sam_store_get (f->store, SAM_KIND_ACTIVITY, id, &error);
  g_assert_no_error (error);
}

/* A status update sets the activity's status and progress, and that is
 * noted as any change of them is. */
static void
test_status_update_noted (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(SamRecord) activity = first_activity (f->store);
  g_autoptr(GPtrArray) periods = sam_store_list (f->store, SAM_KIND_REPORTING_PERIOD, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL, *expected = NULL, *progress = NULL;
  SamStatusEntry entry = { 0 };

  g_assert_cmpuint (periods->len, >, 0);
  entry.activity_id = sam_record_get_id (activity);
  entry.period_id = sam_record_get_id (periods->pdata[0]);
  entry.status = g_str_equal (sam_record_get_string (activity, "status"), "delayed") ? "in_progress" : "delayed";
  entry.progress = 35;
  g_assert_true (sam_status_record (f->store, &entry, &error));
  g_assert_no_error (error);
  notes = notes_of (f->store, entry.activity_id);
  progress = sam_record_is_set (activity, "progress")
             ? g_strdup_printf ("%" G_GINT64_FORMAT, sam_record_get_int (activity, "progress")) : g_strdup ("-");
  expected = g_strdup_printf ("status:%s>%s progress:%s>35",
                              *sam_record_get_string (activity, "status") ? sam_record_get_string (activity, "status")
                                                                          : "-",
                              entry.status, progress);
  g_assert_cmpstr (notes, ==, expected);
}

/* Deleting an agency and moving its activities to another changes their
 * lead, and each change is noted, in the one undo step of the delete. */
static void
test_moved_links_noted (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SamRecord) from = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "Bufdir");
  g_autoptr(SamRecord) to = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "Hdir");
  g_autoptr(GPtrArray) led = NULL, notes = NULL;
  g_autoptr(GError) error = NULL;
  guint lead_notes = 0;

  g_assert_nonnull (from);
  g_assert_nonnull (to);
  led = sam_store_list_by (f->store, SAM_KIND_ACTIVITY, "lead_agency_id", sam_record_get_id (from), NULL);
  g_assert_cmpuint (led->len, >, 0);
  g_assert_true (sam_store_delete_replacing (f->store, SAM_KIND_AGENCY, sam_record_get_id (from),
                                             sam_record_get_id (to), &error));
  g_assert_no_error (error);
  notes = sam_store_list (f->store, SAM_KIND_ACTIVITY_CHANGE, NULL);
  for (guint i = 0; i < notes->len; i++)
    if (g_str_equal (sam_record_get_string (notes->pdata[i], "field"), "lead_agency_id"))
      {
        g_assert_cmpint (g_ascii_strtoll (sam_record_get_string (notes->pdata[i], "new_value"), NULL, 10), ==,
                         sam_record_get_id (to));
        lead_notes++;
      }
  g_assert_cmpuint (lead_notes, ==, led->len);
  g_assert_true (sam_store_undo (f->store, &error));
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_ACTIVITY_CHANGE), ==, 0);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ADD ("/store/history/default-plan-has-none", test_default_plan_has_none);
  ADD ("/store/history/edit-noted-and-undone", test_edit_noted_and_undone);
  ADD ("/store/history/field-save-noted", test_field_save_noted);
  ADD ("/store/history/create-and-remove", test_create_and_remove);
  ADD ("/store/history/status-update-noted", test_status_update_noted);
  ADD ("/store/history/moved-links-noted", test_moved_links_noted);
  return g_test_run ();
}
