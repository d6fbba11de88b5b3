/* Two people on one database: two stores open on one file edit the same
 * record field by field and lose nothing; a change to a value that
 * someone else has changed since is refused with both values; undo puts
 * back only what its step changed and asks first when that has been
 * changed again; each store notices what the other wrote. */
#include "config.h"

#include "sam-test-util.h"
#include "store/sam-rules.h"
#include "store/sam-seminars.h"

typedef struct
{
  char      *dir;
  SamStore  *a;           /* one window */
  SamStore  *b;           /* another window, or another program */
  SamRecord *activity;    /* as both read it first */
  guint      external;
  guint      changed;
} Fixture;

static void
on_external_cb (SamStore *store,
                Fixture  *f)
{
  f->external++;
}

static void
on_changed_cb (SamStore *store,
               Fixture  *f)
{
  f->changed++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = sam_test_make_dir ();
  f->a = sam_test_open_new (f->dir, "shared.db");
  path = g_build_filename (f->dir, "shared.db", NULL);
  f->b = sam_store_open (path, &error);
  g_assert_no_error (error);
  f->activity = sam_test_find (f->a, SAM_KIND_ACTIVITY, "title", "Samarbeid om informasjonstiltak i særlig utsatte bransjer");
  g_signal_connect (f->a, "external-change", G_CALLBACK (on_external_cb), f);
  g_signal_connect (f->a, "changed", G_CALLBACK (on_changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->activity);
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  sam_test_remove_dir (f->dir);
  g_free (f->dir);
}

static GVariant *
text (const char *s)
{
  return s ? g_variant_ref_sink (g_variant_new_string (s)) : NULL;
}

/* What (@store's) activity reads now in @field. */
static const char *
now (Fixture    *f,
     SamStore   *store,
     const char *field)
{
  static SamRecord *last;

  g_clear_object (&last);
  last = sam_store_get (store, SAM_KIND_ACTIVITY, sam_record_get_id (f->activity), NULL);
  return sam_record_get_string (last, field);
}

/* Sets @field from what @f's first read showed to @value through @store. */
static gboolean
change (Fixture     *f,
        SamStore    *store,
        const char  *field,
        const char  *value,
        GError     **error)
{
  g_autoptr(GVariant) was = sam_record_get_value (f->activity, sam_kind_field_index (SAM_KIND_ACTIVITY, field))
                            ? g_variant_ref (sam_record_get_value (f->activity,
                                                                   sam_kind_field_index (SAM_KIND_ACTIVITY, field)))
                            : NULL;
  g_autoptr(GVariant) v = text (value);

  return sam_store_update_field (store, SAM_KIND_ACTIVITY, sam_record_get_id (f->activity), field, was, v, error);
}

static void
test_both_edits_kept (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *partner_description = sam_record_get_string (f->activity, "description");
  g_autofree char *description = g_strdup (partner_description);

  /* A changes the title, then B, which read the record before that,
   * the description: each writes its own field only. */
  g_assert_true (change (f, f->a, "title", "Tittel fra A", &error));
  g_assert_no_error (error);
  g_assert_true (change (f, f->b, "description", "Beskrivelse fra B", &error));
  g_assert_no_error (error);

  g_assert_cmpstr (now (f, f->a, "title"), ==, "Tittel fra A");
  g_assert_cmpstr (now (f, f->a, "description"), ==, "Beskrivelse fra B");
  g_assert_cmpstr (now (f, f->b, "title"), ==, "Tittel fra A");
  g_assert_cmpstr (description, !=, "Beskrivelse fra B");

  /* Every other field is as it was. */
  g_assert_cmpstr (now (f, f->a, "status"), ==, sam_record_get_string (f->activity, "status"));
  g_assert_cmpstr (now (f, f->a, "message"), ==, sam_record_get_string (f->activity, "message"));
}

static void
test_stale_value_conflicts (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (change (f, f->a, "title", "Tittel fra A", NULL));
  /* B still shows the old title and changes it: refused, with both. */
  g_assert_false (change (f, f->b, "title", "Tittel fra B", &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_CONFLICT);
  g_assert_cmpstr (sam_store_error_get_field (error), ==, "title");
  g_assert_cmpstr (g_variant_get_string (sam_store_error_get_theirs (error), NULL), ==, "Tittel fra A");
  g_assert_cmpstr (g_variant_get_string (sam_store_error_get_mine (error), NULL), ==, "Tittel fra B");
  g_assert_nonnull (strstr (error->message, "changed elsewhere"));
  g_assert_cmpstr (now (f, f->a, "title"), ==, "Tittel fra A");
  /* Nothing was noted to undo in B. */
  g_assert_false (sam_store_can_undo (f->b));

  /* Choosing its own value after seeing theirs: B saves over A's. */
  g_clear_error (&error);
  {
    g_autoptr(GVariant) theirs = text ("Tittel fra A");
    g_autoptr(GVariant) mine = text ("Tittel fra B");
    g_assert_true (sam_store_update_field (f->b, SAM_KIND_ACTIVITY, sam_record_get_id (f->activity), "title",
                                           theirs, mine, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpstr (now (f, f->a, "title"), ==, "Tittel fra B");

  /* The same change made in both is no conflict. */
  g_assert_true (change (f, f->a, "message", "Samme budskap", NULL));
  g_assert_true (change (f, f->b, "message", "Samme budskap", &error));
  g_assert_no_error (error);
}

static void
test_links_and_refs (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SamRecord) udi = sam_test_find (f->a, SAM_KIND_AGENCY, "short_name", "UDI");
  g_autoptr(SamRecord) hdir = sam_test_find (f->a, SAM_KIND_AGENCY, "short_name", "Hdir");
  g_autoptr(SamRecord) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = sam_record_get_id (f->activity);
  gint64 partners[] = { sam_record_get_id (udi) };
  GVariant *old_partners = sam_record_get_value (f->activity, sam_kind_field_index (SAM_KIND_ACTIVITY, "partners"));
  GVariant *old_lead = sam_record_get_value (f->activity, sam_kind_field_index (SAM_KIND_ACTIVITY, "lead_agency_id"));
  g_autoptr(GVariant) new_partners = g_variant_ref_sink (g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, partners, 1,
                                                                                     sizeof (gint64)));
  g_autoptr(GVariant) new_lead = g_variant_ref_sink (g_variant_new_int64 (sam_record_get_id (hdir)));

  /* A list of links and a single link, from two stores. */
  g_assert_true (sam_store_update_field (f->a, SAM_KIND_ACTIVITY, id, "partners", old_partners, new_partners, &error));
  g_assert_no_error (error);
  g_assert_true (sam_store_update_field (f->b, SAM_KIND_ACTIVITY, id, "lead_agency_id", old_lead, new_lead, &error));
  g_assert_no_error (error);
  after = sam_store_get (f->a, SAM_KIND_ACTIVITY, id, NULL);
  g_assert_cmpint (sam_record_get_int (after, "lead_agency_id"), ==, sam_record_get_id (hdir));
  g_assert_true (sam_record_has_ref (after, "partners", sam_record_get_id (udi)));

  /* B, which read the partners before A changed them, is refused. */
  g_assert_false (sam_store_update_field (f->b, SAM_KIND_ACTIVITY, id, "partners", old_partners, NULL, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_CONFLICT);

  /* A value that breaks a rule is refused as before, naming its field. */
  g_clear_error (&error);
  {
    g_autoptr(GVariant) bad = g_variant_ref_sink (g_variant_new_int64 (120));
    GVariant *progress = sam_record_get_value (after, sam_kind_field_index (SAM_KIND_ACTIVITY, "progress"));
    g_assert_false (sam_store_update_field (f->a, SAM_KIND_ACTIVITY, id, "progress", progress, bad, &error));
    g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
    g_assert_cmpstr (sam_store_error_get_field (error), ==, "progress");
  }

  /* A record deleted meanwhile is said to be gone. */
  g_clear_error (&error);
  g_assert_true (sam_rules_delete (f->b, SAM_KIND_ACTIVITY, id, NULL));
  g_assert_false (change (f, f->a, "title", "For sent", &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND);
}

static void
test_undo_puts_back_its_own (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup (sam_record_get_title (f->activity));

  g_assert_true (change (f, f->a, "title", "Tittel fra A", NULL));
  g_assert_true (change (f, f->b, "description", "Beskrivelse fra B", NULL));

  /* A's undo takes back A's title and leaves B's description. */
  g_assert_true (sam_store_undo (f->a, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (now (f, f->a, "title"), ==, title);
  g_assert_cmpstr (now (f, f->a, "description"), ==, "Beskrivelse fra B");

  /* And redo gives it back, still leaving B's. */
  g_assert_true (sam_store_redo (f->a, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (now (f, f->a, "title"), ==, "Tittel fra A");
  g_assert_cmpstr (now (f, f->a, "description"), ==, "Beskrivelse fra B");
}

static void
test_undo_asks_first (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup (sam_record_get_title (f->activity));

  g_assert_true (change (f, f->a, "title", "Tittel fra A", NULL));
  {
    g_autoptr(GVariant) was = text ("Tittel fra A");
    g_autoptr(GVariant) v = text ("Tittel fra B");
    g_assert_true (sam_store_update_field (f->b, SAM_KIND_ACTIVITY, sam_record_get_id (f->activity), "title",
                                           was, v, NULL));
  }

  /* B changed what A's step wrote: A's undo changes nothing and says so. */
  g_assert_false (sam_store_undo (f->a, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_CONFLICT);
  g_assert_cmpstr (sam_store_error_get_field (error), ==, "title");
  g_assert_cmpstr (g_variant_get_string (sam_store_error_get_theirs (error), NULL), ==, "Tittel fra B");
  g_assert_cmpstr (g_variant_get_string (sam_store_error_get_mine (error), NULL), ==, title);
  g_assert_cmpstr (now (f, f->a, "title"), ==, "Tittel fra B");
  g_assert_true (sam_store_can_undo (f->a));

  /* Told, the person undoes it all the same. */
  g_clear_error (&error);
  g_assert_true (sam_store_undo_anyway (f->a, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (now (f, f->a, "title"), ==, title);
  g_assert_false (sam_store_can_undo (f->a));
}

static void
test_undo_of_creation_asks_first (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(SamRecord) sector = sam_record_new (SAM_KIND_SECTOR);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) was = text ("Kriminalomsorg");
  g_autoptr(GVariant) v = text ("Kriminalomsorgen");

  sam_record_set_string (sector, "name", "Kriminalomsorg");
  g_assert_true (sam_store_insert (f->a, sector, NULL));
  g_assert_true (sam_store_update_field (f->b, SAM_KIND_SECTOR, sam_record_get_id (sector), "name", was, v, NULL));

  /* Undoing the creation would throw away B's work on it: asked first. */
  g_assert_false (sam_store_undo (f->a, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_CONFLICT);
  g_assert_nonnull (sam_store_get (f->a, SAM_KIND_SECTOR, sam_record_get_id (sector), NULL));
}

static void
test_notice_changes (Fixture       *f,
                     gconstpointer  data)
{
  /* Nothing happened yet; A's own changes are not another's. */
  g_assert_false (sam_store_notice_changes (f->a));
  g_assert_true (change (f, f->a, "title", "Tittel fra A", NULL));
  f->changed = 0;
  g_assert_false (sam_store_notice_changes (f->a));
  g_assert_cmpuint (f->external, ==, 0);

  /* B writes: A notices it once, and says so. */
  g_assert_true (change (f, f->b, "description", "Beskrivelse fra B", NULL));
  g_assert_true (sam_store_notice_changes (f->a));
  g_assert_cmpuint (f->external, ==, 1);
  g_assert_cmpuint (f->changed, ==, 1);
  g_assert_false (sam_store_notice_changes (f->a));
  g_assert_cmpuint (f->external, ==, 1);

  /* Another program (the sqlite3 tool) counts too. */
  {
    g_autofree char *path = g_build_filename (f->dir, "shared.db", NULL);
    sam_test_sql (path, "UPDATE activity SET progress = 10 WHERE id = (SELECT min(id) FROM activity)");
  }
  g_assert_true (sam_store_notice_changes (f->a));
  g_assert_cmpuint (f->external, ==, 2);
}

static void
test_seminar_rules (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SamRecord) seminar = sam_rules_create (f->a, SAM_KIND_SEMINAR, NULL, NULL);
  g_autoptr(SamRecord) registration = sam_record_new (SAM_KIND_REGISTRATION);
  g_autoptr(GVariant) ten = g_variant_ref_sink (g_variant_new_int64 (10));
  g_autoptr(GVariant) two = g_variant_ref_sink (g_variant_new_int64 (2));
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_nonnull (seminar);
  id = sam_record_get_id (seminar);
  g_assert_true (sam_rules_update_field (f->a, SAM_KIND_SEMINAR, id, "capacity",
                                         sam_record_get_value (seminar, sam_kind_field_index (SAM_KIND_SEMINAR, "capacity")),
                                         ten, &error));
  g_assert_no_error (error);
  sam_record_set_int (registration, "seminar_id", id);
  sam_record_set_string (registration, "organisation", "Kirkens Bymisjon");
  sam_record_set_int (registration, "participants", 5);
  g_assert_true (sam_rules_save (f->b, registration, &error));
  g_assert_no_error (error);

  /* The seminar's rules hold for one field too: 5 have a place. */
  g_assert_false (sam_rules_update_field (f->a, SAM_KIND_SEMINAR, id, "capacity", ten, two, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  g_assert_cmpstr (sam_store_error_get_field (error), ==, "capacity");
  /* And a capacity read before someone changed it conflicts. */
  g_clear_error (&error);
  {
    g_autoptr(GVariant) twenty = g_variant_ref_sink (g_variant_new_int64 (20));
    g_assert_false (sam_rules_update_field (f->b, SAM_KIND_SEMINAR, id, "capacity", two, twenty, &error));
    g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_CONFLICT);
    g_assert_cmpint (g_variant_get_int64 (sam_store_error_get_theirs (error)), ==, 10);
  }
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/conflict/both-edits-kept", test_both_edits_kept);
  ADD ("/conflict/stale-value-conflicts", test_stale_value_conflicts);
  ADD ("/conflict/links-and-refs", test_links_and_refs);
  ADD ("/conflict/undo-puts-back-its-own", test_undo_puts_back_its_own);
  ADD ("/conflict/undo-asks-first", test_undo_asks_first);
  ADD ("/conflict/undo-of-creation-asks-first", test_undo_of_creation_asks_first);
  ADD ("/conflict/notice-changes", test_notice_changes);
  ADD ("/conflict/seminar-rules", test_seminar_rules);
  return g_test_run ();
}
