/* The store: every kind of record goes in and comes back unchanged, and
 * a change that breaks a rule saves nothing. */
#include "config.h"

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
  f->store = sam_test_open_new (f->dir, "test.db");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  sam_test_remove_dir (f->dir);
  g_free (f->dir);
}

static gint64 make_stored (SamStore *store, SamKind kind, gboolean full);

static const char *
date_for (const char *field)
{
  if (g_str_has_prefix (field, "start"))
    return "2026-01-15";
  return "2026-06-30";
}

/* Gives field @f of @r a value that keeps every rule. */
static void
fill_field (SamStore       *store,
            SamRecord      *r,
            const SamField *f)
{
  const char *strings[] = { "nettside", "plakat", NULL };

  switch (f->type)
    {
    case SAM_FIELD_TEXT:
      {
        static guint serial;
        g_autofree char *text = g_strdup_printf ("%s – «æøå» %s %u", f->name,
                                                 sam_kind_get_info (sam_record_get_kind (r))->name, ++serial);
        sam_record_set_string (r, f->name, text);
      }
      break;
    case SAM_FIELD_INT:
      sam_record_set_int (r, f->name, 3);
      break;
    case SAM_FIELD_BOOL:
      sam_record_set_int (r, f->name, 1);
      break;
    case SAM_FIELD_DATE:
      sam_record_set_string (r, f->name, date_for (f->name));
      break;
    case SAM_FIELD_DATETIME:
      sam_record_set_string (r, f->name, g_str_has_prefix (f->name, "ends") ? "2026-03-04T15:00:00"
                                                                           : "2026-03-04T10:00:00");
      break;
    case SAM_FIELD_ENUM:
      sam_record_set_string (r, f->name, f->values[0].nick);
      break;
    case SAM_FIELD_REF:
      /* A sector's ministry must be one: a full agency's kind is the
       * first, ministry. */
      sam_record_set_int (r, f->name, make_stored (store, f->ref_kind, g_str_equal (f->name, "ministry_id")));
      break;
    case SAM_FIELD_REFS:
      sam_record_add_ref (r, f->name, make_stored (store, f->ref_kind, FALSE));
      sam_record_add_ref (r, f->name, make_stored (store, f->ref_kind, FALSE));
      break;
    case SAM_FIELD_STRINGS:
      sam_record_set_strings (r, f->name, strings);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Returns a record of @kind with every field (@full) or only the required
 * ones set, the records it points to stored first. */
static SamRecord *
make_record (SamStore *store,
             SamKind   kind,
             gboolean  full)
{
  const SamKindInfo *info = sam_kind_get_info (kind);
  SamRecord *r = sam_record_new (kind);

  for (guint i = 0; i < info->n_fields; i++)
    if (full || info->fields[i].required)
      fill_field (store, r, &info->fields[i]);
  return r;
}

static gint64
make_stored (SamStore *store,
             SamKind   kind,
             gboolean  full)
{
  g_autoptr(SamRecord) r = make_record (store, kind, full);
  g_autoptr(GError) error = NULL;

  sam_store_insert (store, r, &error);
  g_assert_no_error (error);
  return sam_record_get_id (r);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  SamKind kind = GPOINTER_TO_INT (data);
  g_autoptr(SamRecord) r = make_record (f->store, kind, TRUE);
  g_autoptr(SamRecord) back = NULL, changed = NULL;
  g_autoptr(GError) error = NULL;
  const SamKindInfo *info = sam_kind_get_info (kind);
  gint64 before = sam_store_count (f->store, kind);

  g_assert_true (sam_store_insert (f->store, r, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sam_record_get_id (r), >, 0);
  g_assert_cmpint (sam_store_count (f->store, kind), ==, before + 1);

  back = sam_store_get (f->store, kind, sam_record_get_id (r), &error);
  g_assert_no_error (error);
  g_assert_true (sam_record_equal (r, back));

  /* Change the name and clear every link; the store keeps exactly that. */
  sam_record_set_string (back, info->title_field, "Endret – ny tittel");
  for (guint i = 0; i < info->n_fields; i++)
    if (sam_field_is_link (&info->fields[i]))
      sam_record_take_value (back, i, NULL);
  g_assert_true (sam_store_update (f->store, back, &error));
  changed = sam_store_get (f->store, kind, sam_record_get_id (r), &error);
  g_assert_no_error (error);
  g_assert_true (sam_record_equal (back, changed));
  g_assert_cmpstr (sam_record_get_title (changed), ==, "Endret – ny tittel");

  g_assert_true (sam_store_delete (f->store, kind, sam_record_get_id (r), &error));
  g_assert_no_error (error);
  g_assert_null (sam_store_get (f->store, kind, sam_record_get_id (r), &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (sam_store_count (f->store, kind), ==, before);
}

static void
test_links_keep_order (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SamRecord) r = make_record (f->store, SAM_KIND_ACTIVITY, FALSE);
  g_autoptr(SamRecord) back = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[3];
  const gint64 *got;
  gsize n;

  for (guint i = 0; i < 3; i++)
    ids[i] = make_stored (f->store, SAM_KIND_AGENCY, FALSE);
  sam_record_add_ref (r, "partners", ids[2]);
  sam_record_add_ref (r, "partners", ids[0]);
  sam_record_add_ref (r, "partners", ids[1]);
  g_assert_true (sam_store_insert (f->store, r, &error));
  back = sam_store_get (f->store, SAM_KIND_ACTIVITY, sam_record_get_id (r), &error);
  got = sam_record_get_refs (back, "partners", &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (got[0], ==, ids[2]);
  g_assert_cmpint (got[1], ==, ids[0]);
  g_assert_cmpint (got[2], ==, ids[1]);
}

static void
test_invalid_saves_nothing (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(SamRecord) r = make_record (f->store, SAM_KIND_ACTIVITY, TRUE);
  g_autoptr(GError) error = NULL;
  gint64 before = sam_store_count (f->store, SAM_KIND_ACTIVITY);

  sam_record_set_string (r, "due_date", "2025-01-01");
  g_assert_false (sam_store_insert (f->store, r, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Due: cannot be before the start"));
  /* The error names its field, for a form to show it under that field. */
  g_assert_cmpstr (sam_store_error_get_field (error), ==, "due_date");
  g_assert_cmpstr (sam_store_error_get_reason (error), ==, "cannot be before the start");
  g_assert_cmpint (sam_record_get_id (r), ==, 0);
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_ACTIVITY), ==, before);
}

static void
test_missing_target_saves_nothing (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(SamRecord) r = make_record (f->store, SAM_KIND_ACTIVITY, FALSE);
  g_autoptr(GError) error = NULL;
  gint64 before = sam_store_count (f->store, SAM_KIND_ACTIVITY);

  /* The row itself is fine; the link points nowhere, so the whole insert goes. */
  sam_record_add_ref (r, "sectors", 999999);
  g_assert_false (sam_store_insert (f->store, r, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "no longer exists"));
  g_assert_null (sam_store_error_get_field (error));
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_ACTIVITY), ==, before);
  g_assert_cmpint (sam_record_get_id (r), ==, 0);
}

static void
test_duplicate_short_name (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(SamRecord) r = sam_record_new (SAM_KIND_AGENCY);
  g_autoptr(GError) error = NULL;

  sam_record_set_string (r, "name", "Enda et helsedirektorat");
  sam_record_set_string (r, "short_name", "Hdir");
  g_assert_false (sam_store_insert (f->store, r, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Short name: “Hdir” is already in use. Choose another.");
  g_assert_cmpstr (sam_store_error_get_field (error), ==, "short_name");
}

static void
test_parent_cycle (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SamRecord) hod = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "HOD");
  g_autoptr(SamRecord) hdir = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "Hdir");
  g_autoptr(SamRecord) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sam_record_get_int (hdir, "parent_id"), ==, sam_record_get_id (hod));
  /* HOD under its own directorate would make a loop. */
  sam_record_set_int (hod, "parent_id", sam_record_get_id (hdir));
  g_assert_false (sam_store_update (f->store, hod, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Reports to: cannot be the item itself or one of the items under it"));
  g_assert_cmpstr (sam_store_error_get_field (error), ==, "parent_id");
  again = sam_store_get (f->store, SAM_KIND_AGENCY, sam_record_get_id (hod), NULL);
  g_assert_cmpint (sam_record_get_int (again, "parent_id"), ==, 0);
}

/* A sector's responsible ministry is a ministry; anything else is refused
 * with a message that says what to choose, and nothing changes. */
static void
test_sector_ministry (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(SamRecord) helse = sam_test_find (f->store, SAM_KIND_SECTOR, "name", "Helse- og omsorgstjenester");
  g_autoptr(SamRecord) hod = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "HOD");
  g_autoptr(SamRecord) hdir = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "Hdir");
  g_autoptr(SamRecord) jd = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "JD");
  g_autoptr(SamRecord) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sam_record_get_int (helse, "ministry_id"), ==, sam_record_get_id (hod));
  sam_record_set_int (helse, "ministry_id", sam_record_get_id (hdir));
  g_assert_false (sam_store_update (f->store, helse, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Responsible ministry: “Helsedirektoratet” is not a ministry. "
                   "Choose a ministry, or make it one by setting its kind to Ministry.");
  again = sam_store_get (f->store, SAM_KIND_SECTOR, sam_record_get_id (helse), NULL);
  g_assert_cmpint (sam_record_get_int (again, "ministry_id"), ==, sam_record_get_id (hod));

  /* Another ministry, or none, is fine. */
  sam_record_set_int (helse, "ministry_id", sam_record_get_id (jd));
  g_assert_true (sam_store_update (f->store, helse, NULL));
  sam_record_set_int (helse, "ministry_id", 0);
  g_assert_true (sam_store_update (f->store, helse, NULL));
}

static void
test_delete_in_use (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SamRecord) bufdir = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "Bufdir");
  g_autoptr(SamRecord) still = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (sam_store_delete (f->store, SAM_KIND_AGENCY, sam_record_get_id (bufdir), &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "Activities"));
  g_assert_nonnull (strstr (error->message, "Move those links to another item or remove them"));
  /* What points to it, alone, for a dialog to say. */
  g_assert_nonnull (strstr (sam_store_error_get_reason (error), "Activities: "));
  still = sam_store_get (f->store, SAM_KIND_AGENCY, sam_record_get_id (bufdir), &error);
  g_assert_nonnull (still);
}

static void
test_update_missing (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SamRecord) r = make_record (f->store, SAM_KIND_SECTOR, FALSE);
  g_autoptr(GError) error = NULL;

  sam_record_set_id (r, 987654);
  g_assert_false (sam_store_update (f->store, r, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND);
}

static void
test_transaction_rollback (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 before = sam_store_count (f->store, SAM_KIND_SECTOR);

  g_assert_true (sam_store_begin (f->store, &error));
  make_stored (f->store, SAM_KIND_SECTOR, TRUE);
  make_stored (f->store, SAM_KIND_SECTOR, FALSE);
  /* The full sector's ministry comes with sectors of its own. */
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_SECTOR), >=, before + 2);
  sam_store_rollback (f->store);
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_SECTOR), ==, before);
}

static void
test_unset_bool_is_no (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SamRecord) format = sam_test_find (f->store, SAM_KIND_SEMINAR_FORMAT, "kind", "thematic");
  g_autoptr(SamRecord) seminar = sam_record_new (SAM_KIND_SEMINAR);
  g_autoptr(SamRecord) registration = sam_record_new (SAM_KIND_REGISTRATION);
  g_autoptr(SamRecord) back = NULL;
  g_autoptr(GError) error = NULL;

  sam_record_set_int (seminar, "format_id", sam_record_get_id (format));
  sam_record_set_string (seminar, "title", "Temaseminar");
  g_assert_true (sam_store_insert (f->store, seminar, &error));
  sam_record_set_int (registration, "seminar_id", sam_record_get_id (seminar));
  sam_record_set_string (registration, "organisation", "Bergen kommune");
  /* "On the waiting list" is left unset: it is stored as no. */
  g_assert_true (sam_store_insert (f->store, registration, &error));
  g_assert_no_error (error);
  back = sam_store_get (f->store, SAM_KIND_REGISTRATION, sam_record_get_id (registration), NULL);
  g_assert_true (sam_record_is_set (back, "waitlisted"));
  g_assert_cmpint (sam_record_get_int (back, "waitlisted"), ==, 0);
}

static void
test_list_by (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(SamRecord) hod = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "HOD");
  g_autoptr(SamRecord) rvts = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "RVTS");
  g_autoptr(GPtrArray) under_hod = NULL, with_rvts = NULL, no_lead = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found_hdir = FALSE;

  under_hod = sam_store_list_by (f->store, SAM_KIND_AGENCY, "parent_id", sam_record_get_id (hod), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < under_hod->len; i++)
    found_hdir |= g_str_equal (sam_record_get_string (under_hod->pdata[i], "short_name"), "Hdir");
  g_assert_true (found_hdir);

  with_rvts = sam_store_list_by (f->store, SAM_KIND_ACTIVITY, "partners", sam_record_get_id (rvts), &error);
  g_assert_cmpuint (with_rvts->len, ==, 1);
  g_assert_true (sam_record_has_ref (with_rvts->pdata[0], "partners", sam_record_get_id (rvts)));

  no_lead = sam_store_list_by (f->store, SAM_KIND_ACTIVITY, "lead_agency_id", 0, &error);
  g_assert_cmpuint (no_lead->len, >, 0);
  for (guint i = 0; i < no_lead->len; i++)
    g_assert_cmpint (sam_record_get_int (no_lead->pdata[i], "lead_agency_id"), ==, 0);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (int k = 0; k < SAM_N_KINDS; k++)
    {
      g_autofree char *path = g_strdup_printf ("/store/round-trip/%s", sam_kind_get_info (k)->name);
      g_test_add (path, Fixture, GINT_TO_POINTER (k), fixture_set_up, test_round_trip, fixture_tear_down);
    }
  ADD ("/store/links-keep-order", test_links_keep_order);
  ADD ("/store/invalid-saves-nothing", test_invalid_saves_nothing);
  ADD ("/store/missing-target-saves-nothing", test_missing_target_saves_nothing);
  ADD ("/store/duplicate-short-name", test_duplicate_short_name);
  ADD ("/store/parent-cycle", test_parent_cycle);
  ADD ("/store/sector-ministry", test_sector_ministry);
  ADD ("/store/delete-in-use", test_delete_in_use);
  ADD ("/store/update-missing", test_update_missing);
  ADD ("/store/transaction-rollback", test_transaction_rollback);
  ADD ("/store/list-by", test_list_by);
  ADD ("/store/unset-bool-is-no", test_unset_bool_is_no);
  return g_test_run ();
}
