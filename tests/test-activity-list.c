/* The activity table's rows, search and filters, without a display. */
#include "config.h"

#include "models/sam-activity-list.h"
#include "sam-test-util.h"
#include "store/sam-accountability.h"

typedef struct
{
  char       *dir;
  SamStore   *store;
  GListModel *rows;
} Fixture;

static void
reload (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->rows);
  f->rows = sam_activity_list_load (f->store, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = sam_test_make_dir ();
  f->store = sam_test_open_new (f->dir, "list.db");
  reload (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->rows);
  g_clear_object (&f->store);
  sam_test_remove_dir (f->dir);
  g_free (f->dir);
}

static guint
count_matching (Fixture          *f,
                SamActivityQuery *query)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (f->rows); i++)
    {
      g_autoptr(SamActivityRow) row = g_list_model_get_item (f->rows, i);
      n += sam_activity_query_matches (query, row);
    }
  return n;
}

static SamActivityRow *
row_titled (Fixture    *f,
            const char *title)
{
  for (guint i = 0; i < g_list_model_get_n_items (f->rows); i++)
    {
      SamActivityRow *row = g_list_model_get_item (f->rows, i);
      if (g_str_equal (sam_activity_row_get_title (row), title))
        return row;
      g_object_unref (row);
    }
  g_error ("No row “%s”", title);
}

static gint64
id_of (Fixture    *f,
       SamKind     kind,
       const char *field,
       const char *value)
{
  g_autoptr(SamRecord) r = sam_test_find (f->store, kind, field, value);

  g_assert_nonnull (r);
  return sam_record_get_id (r);
}

static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(SamActivityRow) row = row_titled (f, "Oppdrag til NKVTS om å vurdere menneskehandel og utnyttelse som del av senterets aktivitet");
  g_autofree char *lead = NULL, *partners = NULL, *status = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (f->rows), ==, sam_store_count (f->store, SAM_KIND_ACTIVITY));
  g_object_get (row, "lead", &lead, "partners", &partners, "status", &status, NULL);
  g_assert_cmpstr (lead, ==, "HOD");
  g_assert_cmpstr (partners, ==, "Hdir, NKVTS");
  g_assert_cmpstr (status, ==, "Planned");
  g_assert_null (sam_activity_row_dup_latest (row));
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SamActivityQuery) q = sam_activity_query_new ();

  g_assert_true (sam_activity_query_is_empty (q));
  g_assert_cmpuint (count_matching (f, q), ==, g_list_model_get_n_items (f->rows));
  sam_activity_query_set_text (q, "  LAVTERSKEL ");
  g_assert_false (sam_activity_query_is_empty (q));
  g_assert_cmpuint (count_matching (f, q), ==, 1);
  /* Descriptions are searched too. */
  sam_activity_query_set_text (q, "zzz-finnes-ikke");
  g_assert_cmpuint (count_matching (f, q), ==, 0);
  sam_activity_query_set_text (q, "");
  g_assert_true (sam_activity_query_is_empty (q));
}

static void
test_measure_and_plan (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SamActivityQuery) q = sam_activity_query_new ();
  gint64 plan = id_of (f, SAM_KIND_PLAN, "title", "Tverrsektoriell informasjonsplan");
  g_autoptr(GPtrArray) in_plan = sam_store_list_by (f->store, SAM_KIND_ACTIVITY, "plan_id", plan, NULL);

  q->measure_id = id_of (f, SAM_KIND_MEASURE, "title", "Utvikle informasjonstiltak");
  g_assert_cmpuint (count_matching (f, q), ==, in_plan->len);
  q->measure_id = 0;
  q->plan_id = plan;
  g_assert_cmpuint (count_matching (f, q), ==, in_plan->len);
}

static void
test_agency_with_subordinates (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(SamActivityQuery) q = sam_activity_query_new ();
  gint64 hod = id_of (f, SAM_KIND_AGENCY, "short_name", "HOD");
  gint64 hdir = id_of (f, SAM_KIND_AGENCY, "short_name", "Hdir");
  g_autoptr(GPtrArray) hdir_leads = sam_store_list_by (f->store, SAM_KIND_ACTIVITY, "lead_agency_id", hdir, NULL);
  guint alone, with_under;

  q->agencies = sam_agency_with_subordinates (f->store, hod, FALSE, NULL);
  g_assert_cmpuint (g_hash_table_size (q->agencies), ==, 1);
  alone = count_matching (f, q);
  g_clear_pointer (&q->agencies, g_hash_table_unref);
  q->agencies = sam_agency_with_subordinates (f->store, hod, TRUE, NULL);
  g_assert_true (g_hash_table_contains (q->agencies, &hdir));
  with_under = count_matching (f, q);

  /* HOD takes part in the normative-products revision Hdir leads; the
   * interpreter guidance is Hdir's alone and the information RVTS gives is
   * RVTS's alone, so only subordinates find them. */
  g_assert_cmpuint (hdir_leads->len, ==, 2);
  g_assert_cmpuint (with_under, ==, alone + 2);
}

typedef struct { gint64 ministry; guint n; } Duties;

static gboolean
count_duty_cb (const SamAccountRow *row, gpointer user_data, GError **error)
{
  Duties *d = user_data;

  d->n += row->agency_id == d->ministry;
  return TRUE;
}

/* A ministry that names nothing itself finds the activities it answers for
 * by sector responsibility: those naming no lead in its sectors. */
static void
test_agency_sector_responsibility (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(SamActivityQuery) q = sam_activity_query_new ();
  gint64 ud = id_of (f, SAM_KIND_AGENCY, "short_name", "UD");
  g_autoptr(SamScope) scope = sam_scope_new (SAM_SCOPE_AGENCY, ud);
  g_autoptr(GError) error = NULL;
  Duties duties = { ud, 0 };
  guint named;

  q->agencies = sam_agency_with_subordinates (f->store, ud, FALSE, NULL);
  named = count_matching (f, q);
  q->duty_sectors = sam_sectors_of (f->store, q->agencies, NULL);
  g_assert_true (sam_accountability_foreach (f->store, scope, 0, SAM_ACCOUNT_SECTOR, count_duty_cb, &duties, &error));
  g_assert_no_error (error);

  /* The routines for the foreign missions, the training of diplomatic
   * staff and the development cooperation among them. */
  g_assert_cmpuint (named, ==, 0);
  g_assert_cmpuint (duties.n, >=, 6);
  g_assert_cmpuint (count_matching (f, q), ==, duties.n);
}

static void
test_status_overdue_and_reporting (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(SamActivityQuery) q = sam_activity_query_new ();
  g_autoptr(SamRecord) a = sam_test_find (f->store, SAM_KIND_ACTIVITY, "title",
      "Videreutvikle verktøy for barnevernstjenestens oppfølging av saker med mindreårige ofre");
  g_autoptr(SamRecord) update1 = sam_record_new (SAM_KIND_STATUS_UPDATE);
  g_autoptr(SamRecord) update2 = sam_record_new (SAM_KIND_STATUS_UPDATE);
  g_autoptr(SamActivityRow) row = NULL;
  g_autofree char *latest = NULL;
  gint64 t1 = id_of (f, SAM_KIND_REPORTING_PERIOD, "code", "2026-T1");
  gint64 t2 = id_of (f, SAM_KIND_REPORTING_PERIOD, "code", "2026-T2");
  guint total = g_list_model_get_n_items (f->rows);
  guint running;

  /* The default plan has measures the strategy says run today. */
  q->status = g_strdup ("in_progress");
  running = count_matching (f, q);
  g_assert_cmpuint (running, >, 0);
  g_clear_pointer (&q->status, g_free);

  sam_record_set_string (a, "status", "in_progress");
  sam_record_set_string (a, "due_date", "2026-03-01");
  g_assert_true (sam_store_update (f->store, a, NULL));
  sam_record_set_int (update1, "activity_id", sam_record_get_id (a));
  sam_record_set_int (update1, "period_id", t1);
  sam_record_set_string (update1, "comment", "Tre seminarer holdt");
  sam_record_set_string (update1, "reported_at", "2026-04-28T10:00:00");
  g_assert_true (sam_store_insert (f->store, update1, NULL));
  sam_record_set_int (update2, "activity_id", sam_record_get_id (a));
  sam_record_set_int (update2, "period_id", t2);
  sam_record_set_string (update2, "comment", "Fire seminarer holdt");
  sam_record_set_string (update2, "reported_at", "2026-08-30T10:00:00");
  g_assert_true (sam_store_insert (f->store, update2, NULL));
  reload (f);

  q->status = g_strdup ("in_progress");
  g_assert_cmpuint (count_matching (f, q), ==, running + 1);
  g_clear_pointer (&q->status, g_free);

  row = row_titled (f, "Videreutvikle verktøy for barnevernstjenestens oppfølging av saker med mindreårige ofre");
  latest = sam_activity_row_dup_latest (row);
  g_assert_cmpstr (latest, ==, "2026-T2: Fire seminarer holdt");

  /* The default plan's one dated activity, the grey-zone research report
   * due in November 2025, is overdue from then on; ours from its due date. */
  q->overdue = TRUE;
  q->today = g_strdup ("2025-11-30");
  g_assert_cmpuint (count_matching (f, q), ==, 0);
  g_free (q->today);
  q->today = g_strdup ("2026-03-01");
  g_assert_cmpuint (count_matching (f, q), ==, 1);
  g_free (q->today);
  q->today = g_strdup ("2026-03-02");
  g_assert_cmpuint (count_matching (f, q), ==, 2);
  sam_record_set_string (a, "status", "done");
  sam_record_set_int (a, "progress", 100);
  g_assert_true (sam_store_update (f->store, a, NULL));
  reload (f);
  g_assert_cmpuint (count_matching (f, q), ==, 1);
  q->overdue = FALSE;

  /* Expected to report in 2026-T1 and did not: all but ours (done) and
   * the grey-zone report, due before the period began. */
  q->not_reported = sam_period_find (f->store, "2026-T1", NULL);
  g_assert_cmpuint (count_matching (f, q), ==, total - 2);
  /* Ours reported in T1; back in progress, it does not count as unreported. */
  sam_record_set_string (a, "status", "in_progress");
  sam_record_set_int (a, "progress", 90);
  g_assert_true (sam_store_update (f->store, a, NULL));
  reload (f);
  g_assert_cmpuint (count_matching (f, q), ==, total - 2);
}

static void
test_sector_and_group (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SamActivityQuery) q = sam_activity_query_new ();
  gint64 buyers = id_of (f, SAM_KIND_TARGET_GROUP, "name", "Kjøpere av seksuelle tjenester");
  g_autoptr(GPtrArray) reaching = sam_store_list_by (f->store, SAM_KIND_ACTIVITY, "target_groups", buyers, NULL);
  gint64 health = id_of (f, SAM_KIND_SECTOR, "name", "Helse- og omsorgstjenester");
  g_autoptr(GPtrArray) in_health = sam_store_list_by (f->store, SAM_KIND_ACTIVITY, "sectors", health, NULL);

  q->target_group_id = buyers;
  g_assert_cmpuint (count_matching (f, q), ==, reaching->len);
  q->sector_id = health;
  g_assert_cmpuint (count_matching (f, q), <=, MIN (reaching->len, in_health->len));
  q->target_group_id = 0;
  g_assert_cmpuint (count_matching (f, q), ==, in_health->len);
}

static void
test_live_list (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamActivityList) list = sam_activity_list_new (f->store, &error);
  GListModel *model = sam_activity_list_get_model (list);
  g_autoptr(SamRecord) a = sam_test_find (f->store, SAM_KIND_ACTIVITY, "title",
      "Videreutvikle verktøy for barnevernstjenestens oppfølging av saker med mindreårige ofre");
  g_autoptr(SamRecord) bufdir = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "Bufdir");
  g_autoptr(SamRecord) fresh = sam_record_copy (a);
  g_autoptr(SamActivityRow) row = NULL, renamed = NULL;
  guint n = g_list_model_get_n_items (model);
  guint pos = sam_activity_list_find (list, sam_record_get_id (a));
  g_autofree char *lead = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (pos, <, n);

  /* A change updates its row where it stands. */
  sam_record_set_string (a, "title", "Temaseminarer om barn – endret");
  g_assert_true (sam_store_update (f->store, a, NULL));
  row = g_list_model_get_item (model, pos);
  g_assert_cmpstr (sam_activity_row_get_title (row), ==, "Temaseminarer om barn – endret");

  /* A delete removes it; undo brings it back. */
  g_assert_true (sam_store_delete (f->store, SAM_KIND_ACTIVITY, sam_record_get_id (a), NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n - 1);
  g_assert_cmpuint (sam_activity_list_find (list, sam_record_get_id (a)), ==, G_MAXUINT);
  g_assert_true (sam_store_undo (f->store, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);

  /* A new activity is added. */
  sam_record_set_id (fresh, 0);
  sam_record_set_string (fresh, "title", "Ny aktivitet");
  g_assert_true (sam_store_insert (f->store, fresh, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n + 1);

  /* Renaming the lead agency shows in every row it leads. */
  sam_record_set_string (bufdir, "short_name", "BUFDIR-NY");
  g_assert_true (sam_store_update (f->store, bufdir, NULL));
  renamed = g_list_model_get_item (model, sam_activity_list_find (list, sam_record_get_id (a)));
  g_object_get (renamed, "lead", &lead, NULL);
  g_assert_cmpstr (lead, ==, "BUFDIR-NY");
}

static void
on_loaded (SamActivityList *list,
           const GError    *error,
           gboolean        *done)
{
  g_assert_no_error ((GError *) error);
  *done = TRUE;
}

static void
test_background_load (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(SamActivityList) list = sam_activity_list_new_loading (f->store, 40);
  g_autoptr(SamRecord) a = sam_test_find (f->store, SAM_KIND_ACTIVITY, "title",
      "Videreføre tverrfaglige temaseminarer om menneskehandel med barn");
  g_autoptr(SamActivityRow) row = NULL;
  gboolean done = FALSE;

  GListModel *rows = sam_activity_list_get_model (list);
  g_autoptr(GListModel) all = sam_activity_list_load (f->store, NULL);
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_first;

  g_signal_connect (list, "loaded", G_CALLBACK (on_loaded), &done);
  g_assert_true (sam_activity_list_is_loading (list));
  /* A screenful shows at once: the first rows, in the table's order. */
  n_first = g_list_model_get_n_items (rows);
  g_assert_cmpuint (n_first, ==, MIN (40, g_list_model_get_n_items (all)));
  for (guint i = 0; i < n_first; i++)
    {
      g_autoptr(SamActivityRow) shown = g_list_model_get_item (rows, i);
      g_autoptr(SamActivityRow) expected = g_list_model_get_item (all, i);

      g_assert_cmpint (sam_activity_row_get_id (shown), ==, sam_activity_row_get_id (expected));
      g_ptr_array_add (first, g_steal_pointer (&shown));
    }
  /* The rest waits until its view asks for it (after drawing these). */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (done);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_first);
  sam_activity_list_load_rest (list);

  /* A change while the rows are read is not lost. */
  sam_record_set_string (a, "title", "Endret mens listen ble lest");
  g_assert_true (sam_store_update (f->store, a, NULL));

  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sam_activity_list_is_loading (list));
  g_assert_cmpuint (g_list_model_get_n_items (sam_activity_list_get_model (list)), ==,
                    sam_store_count (f->store, SAM_KIND_ACTIVITY));
  /* The rest comes after them: the rows shown stay (and stay selected). */
  for (guint i = 0; i < n_first; i++)
    {
      g_autoptr(SamActivityRow) shown = g_list_model_get_item (rows, i);
      g_assert_true (shown == first->pdata[i]);
    }
  row = g_list_model_get_item (sam_activity_list_get_model (list), sam_activity_list_find (list, sam_record_get_id (a)));
  g_assert_cmpstr (sam_activity_row_get_title (row), ==, "Endret mens listen ble lest");
}

/* Where the interface asks for English names, the table names sectors and
 * target groups as the rest of the interface does, by their English
 * names; agencies by their short names, as in Norwegian. */
static void
test_english_names (Fixture       *f,
                    gconstpointer  data)
{
  const char *title = "Videreføre lavterskelseminarer for barnevernstjenesten og andre tjenester";
  g_autoptr(SamActivityRow) norwegian = NULL, english = NULL;
  g_autofree char *sectors = NULL, *groups = NULL, *lead = NULL;

  norwegian = row_titled (f, title);
  g_object_get (norwegian, "sectors", &sectors, NULL);
  g_assert_cmpstr (sectors, ==, "Barnevern, Kommunale tjenester");
  g_clear_pointer (&sectors, g_free);

  sam_store_set_english_names (f->store, TRUE);
  reload (f);
  english = row_titled (f, title);
  g_object_get (english, "sectors", &sectors, "target-groups", &groups, "lead", &lead, NULL);
  g_assert_cmpstr (sectors, ==, "Child welfare services, Municipal services");
  g_assert_nonnull (strstr (groups, "Child welfare services staff"));
  g_assert_null (strstr (groups, "Ansatte i barnevernstjenesten"));
  g_assert_cmpstr (lead, ==, "Bufdir");
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ADD ("/models/activity-list/rows", test_rows);
  ADD ("/models/activity-list/search", test_search);
  ADD ("/models/activity-list/measure-and-plan", test_measure_and_plan);
  ADD ("/models/activity-list/agency-with-subordinates", test_agency_with_subordinates);
  ADD ("/models/activity-list/agency-sector-responsibility", test_agency_sector_responsibility);
  ADD ("/models/activity-list/status-overdue-and-reporting", test_status_overdue_and_reporting);
  ADD ("/models/activity-list/sector-and-group", test_sector_and_group);
  ADD ("/models/activity-list/live", test_live_list);
  ADD ("/models/activity-list/background-load", test_background_load);
  ADD ("/models/activity-list/english-names", test_english_names);
  return g_test_run ();
}
