/* The default plan: what a newcomer finds, as the strategy text names it. */
#include "config.h"

#include "sam-test-util.h"

static char *dir;
static SamStore *store;

static SamRecord *
find (SamKind     kind,
      const char *field,
      const char *value)
{
  SamRecord *r = sam_test_find (store, kind, field, value);

  if (r == NULL)
    g_error ("The default plan has no %s with %s “%s”", sam_kind_get_info (kind)->name, field, value);
  return r;
}

/* Returns the activity whose title contains @part; exactly one must. */
static SamRecord *
find_activity (const char *part)
{
  g_autoptr(GPtrArray) all = sam_store_list (store, SAM_KIND_ACTIVITY, NULL);
  SamRecord *found = NULL;

  for (guint i = 0; i < all->len; i++)
    if (strstr (sam_record_get_title (all->pdata[i]), part))
      {
        g_assert_null (found);
        found = g_object_ref (all->pdata[i]);
      }
  if (found == NULL)
    g_error ("The default plan has no activity titled “…%s…”", part);
  return found;
}

static void
test_measures (void)
{
  g_autoptr(GPtrArray) measures = sam_store_list (store, SAM_KIND_MEASURE, NULL);
  const char *titles[] = { "Utvikle kunnskapsgrunnlag", "Utvikle kompetansehevingstiltak",
                           "Utvikle informasjonstiltak",
                           "Forbedre tiltak mot menneskehandel i eksisterende forebyggingstiltak" };
  g_autoptr(SamRecord) area = find (SAM_KIND_FOCUS_AREA, "title", "Forebygging");

  g_assert_cmpint (sam_record_get_int (area, "number"), ==, 2);
  g_assert_nonnull (strstr (sam_record_get_string (area, "goal"), "Effektiv forebygging av menneskehandel"));
  g_assert_cmpuint (measures->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      SamRecord *m = measures->pdata[i];
      g_autoptr(GPtrArray) goals = sam_store_list_by (store, SAM_KIND_GOAL, "measure_id", sam_record_get_id (m), NULL);
      g_autoptr(GPtrArray) tasks = sam_store_list_by (store, SAM_KIND_PRIORITY_TASK, "measure_id", sam_record_get_id (m), NULL);

      g_assert_cmpint (sam_record_get_int (m, "number"), ==, 6 + i);
      g_assert_cmpstr (sam_record_get_title (m), ==, titles[i]);
      g_assert_cmpuint (goals->len, >=, 1);
      g_assert_cmpuint (tasks->len, >=, 2);
    }
}

static void
test_knowledge_gaps (void)
{
  g_autoptr(GPtrArray) gaps = sam_store_list (store, SAM_KIND_KNOWLEDGE_GAP, NULL);
  g_autoptr(SamRecord) t6 = find (SAM_KIND_MEASURE, "title", "Utvikle kunnskapsgrunnlag");

  g_assert_cmpuint (gaps->len, ==, 7);
  for (guint i = 0; i < gaps->len; i++)
    {
      g_assert_cmpint (sam_record_get_int (gaps->pdata[i], "number"), ==, i + 1);
      g_assert_cmpint (sam_record_get_int (gaps->pdata[i], "measure_id"), ==, sam_record_get_id (t6));
    }
  g_assert_cmpstr (sam_record_get_title (gaps->pdata[0]), ==, "Omfang og art av menneskehandel");
  g_assert_cmpstr (sam_record_get_title (gaps->pdata[3]), ==, "Risiko for menneskehandel i migrasjon");
}

static void
check_cross_sector_plan (const char *measure,
                         const char *kind,
                         guint       min_activities)
{
  g_autoptr(SamRecord) m = find (SAM_KIND_MEASURE, "title", measure);
  g_autoptr(GPtrArray) plans = sam_store_list_by (store, SAM_KIND_PLAN, "measure_id", sam_record_get_id (m), NULL);
  g_autoptr(GPtrArray) activities = NULL;

  g_assert_cmpuint (plans->len, ==, 1);
  g_assert_cmpstr (sam_record_get_string (plans->pdata[0], "kind"), ==, kind);
  g_assert_cmpstr (sam_record_get_string (plans->pdata[0], "scope"), ==, "cross_sector");
  activities = sam_store_list_by (store, SAM_KIND_ACTIVITY, "plan_id", sam_record_get_id (plans->pdata[0]), NULL);
  g_assert_cmpuint (activities->len, >=, min_activities);
}

static void
test_plans (void)
{
  check_cross_sector_plan ("Utvikle kompetansehevingstiltak", "competence", 15);
  check_cross_sector_plan ("Utvikle informasjonstiltak", "information", 5);
  check_cross_sector_plan ("Utvikle kunnskapsgrunnlag", "knowledge", 3);
  check_cross_sector_plan ("Forbedre tiltak mot menneskehandel i eksisterende forebyggingstiltak", "prevention", 5);
}

typedef struct { const char *activity; const char *lead; const char *partner; } Lead;

/* The leads the strategy text gives, and one partner where it names one. */
static const Lead leads[] = {
  { "nasjonale tverrfaglige seminarer", "Direktoratsgruppen", NULL },
  { "lavterskelseminarer", "Bufdir", NULL },
  { "normerende produkter", "Hdir", "HOD" },
  { "Opplæring i grunnkompetanse om menneskehandel for Arbeidstilsynet", "Arbeidstilsynet", NULL },
  { "«Vold i nære relasjoner og menneskehandel»", "AVdir", NULL },
  { "Oppdrag til NKVTS", "HOD", "NKVTS" },
  { "Know your rights", "Arbeidstilsynet", NULL },
  { "advokater og dommere", NULL, "Advokatforeningen" },
  { "rutiner for utenriksstasjonene", NULL, NULL },
};

static void
test_leads (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (leads); i++)
    {
      g_autoptr(SamRecord) activity = find_activity (leads[i].activity);
      g_autoptr(SamRecord) lead = NULL, partner = NULL;

      if (leads[i].lead)
        {
          lead = find (SAM_KIND_AGENCY, "short_name", leads[i].lead);
          g_assert_cmpint (sam_record_get_int (activity, "lead_agency_id"), ==, sam_record_get_id (lead));
        }
      if (leads[i].partner)
        {
          partner = find (SAM_KIND_AGENCY, "short_name", leads[i].partner);
          g_assert_true (sam_record_has_ref (activity, "partners", sam_record_get_id (partner)));
        }
    }

  /* Where the text names no lead there is none, for later checks to flag. */
  {
    g_autoptr(SamRecord) routines = find_activity ("rutiner for utenriksstasjonene");
    g_assert_cmpint (sam_record_get_int (routines, "lead_agency_id"), ==, 0);
  }
}

typedef struct { const char *short_name; const char *parent; const char *kind; } AgencyCase;

static const AgencyCase agencies[] = {
  { "HOD", NULL, "ministry" }, { "JD", NULL, "ministry" }, { "AID", NULL, "ministry" },
  { "BFD", NULL, "ministry" }, { "UD", NULL, "ministry" },
  { "Hdir", "HOD", "directorate" }, { "Bufdir", "BFD", "directorate" },
  { "Arbeidstilsynet", "AID", NULL }, { "AVdir", "AID", "directorate" },
  { "NKVTS", "HOD", NULL }, { "RVTS", "HOD", NULL }, { "OUS", "HOD", NULL },
  { "Luftfartstilsynet", NULL, NULL }, { "Avinor", NULL, NULL }, { "NK Grensekontroll", NULL, NULL },
  { "Kystvakten", NULL, NULL }, { "SVV", NULL, NULL }, { "Advokatforeningen", NULL, NULL },
  { "DA", "JD", NULL }, { "Direktoratsgruppen", NULL, NULL }, { "SUA", NULL, NULL },
  { "UNHCR", NULL, "international" }, { "IOM", NULL, "international" }, { "MOSIP", NULL, NULL },
  { "GRETA", NULL, "international" },
};

static void
test_agencies (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (agencies); i++)
    {
      g_autoptr(SamRecord) a = find (SAM_KIND_AGENCY, "short_name", agencies[i].short_name);

      if (agencies[i].kind)
        g_assert_cmpstr (sam_record_get_string (a, "kind"), ==, agencies[i].kind);
      if (agencies[i].parent)
        {
          g_autoptr(SamRecord) parent = find (SAM_KIND_AGENCY, "short_name", agencies[i].parent);
          g_assert_cmpint (sam_record_get_int (a, "parent_id"), ==, sam_record_get_id (parent));
        }
    }
}

static void
test_sectors_and_groups (void)
{
  /* The services tiltak 7 lists, and the groups and industries the text names. */
  const char *sectors[] = { "Barnevern", "Politi og påtalemyndighet", "Utlendingsforvaltning", "Asylmottak",
                            "Helse- og omsorgstjenester", "Arbeidstilsyn", "Arbeids- og velferdsforvaltning",
                            "Integrering", "Kommunale tjenester", "Ideelle organisasjoner", "Utenrikstjenesten",
                            "Samferdsel", "Grensekontroll", "Advokater og domstoler" };
  const struct { const char *name, *category; } groups[] = {
    { "Mindreårige i migrasjon", "at_risk" }, { "Enslige mindreårige asylsøkere", "at_risk" },
    { "Voksne i prostitusjonsmiljøer med høy grad av bakmannsorganisering", "at_risk" },
    { "Kjøpere av seksuelle tjenester", "demand" }, { "Restaurant-, hotell- og utelivsbransjen", "industry" },
    { "Reiselivsnæringen", "industry" }, { "Renhold", "industry" }, { "Landbruk", "industry" },
    { "Bygg og anlegg", "industry" }, { "Verftsindustrien", "industry" }, { "Havbruk og fiskeri", "industry" },
    { "Inspektører og jurister i Arbeidstilsynet", "professionals" }, { "Diplomatisk personell", "professionals" },
    { "Befolkningen", "public" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sectors); i++)
    g_object_unref (find (SAM_KIND_SECTOR, "name", sectors[i]));
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      g_autoptr(SamRecord) g = find (SAM_KIND_TARGET_GROUP, "name", groups[i].name);
      g_assert_cmpstr (sam_record_get_string (g, "category"), ==, groups[i].category);
    }
}

static void
test_seminar_formats (void)
{
  g_autoptr(GPtrArray) formats = sam_store_list (store, SAM_KIND_SEMINAR_FORMAT, NULL);
  g_autoptr(SamRecord) national = find (SAM_KIND_SEMINAR_FORMAT, "kind", "national");
  g_autoptr(SamRecord) dgmh = find (SAM_KIND_AGENCY, "short_name", "Direktoratsgruppen");
  const char *kinds[] = { "national", "low_threshold", "thematic", "digital" };

  g_assert_cmpuint (formats->len, ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_object_unref (find (SAM_KIND_SEMINAR_FORMAT, "kind", kinds[i]));
  g_assert_cmpint (sam_record_get_int (national, "min_per_year"), ==, 1);
  g_assert_cmpint (sam_record_get_int (national, "max_per_year"), ==, 2);
  g_assert_cmpint (sam_record_get_int (national, "organiser_id"), ==, sam_record_get_id (dgmh));
}

static void
test_obligations (void)
{
  g_autoptr(SamRecord) art5 = find (SAM_KIND_OBLIGATION, "reference", "Artikkel 5");
  g_autoptr(SamRecord) art6 = find (SAM_KIND_OBLIGATION, "reference", "Artikkel 6");
  g_autoptr(SamRecord) t8 = find (SAM_KIND_MEASURE, "title", "Utvikle informasjonstiltak");
  g_autoptr(GPtrArray) all = sam_store_list (store, SAM_KIND_OBLIGATION, NULL);
  guint greta = 0;
  gsize n;

  g_assert_cmpstr (sam_record_get_string (art5, "source"), ==, "convention");
  g_assert_true (sam_record_has_ref (art6, "measures", sam_record_get_id (t8)));
  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (sam_record_get_string (all->pdata[i], "source"), "greta"))
      {
        greta++;
        g_assert_nonnull (sam_record_get_refs (all->pdata[i], "measures", &n));
        g_assert_cmpuint (n, >=, 1);
      }
  g_assert_cmpuint (greta, >=, 3);
}

static void
test_every_activity_named (void)
{
  g_autoptr(GPtrArray) all = sam_store_list (store, SAM_KIND_ACTIVITY, NULL);

  g_assert_cmpuint (all->len, >=, 35);
  for (guint i = 0; i < all->len; i++)
    {
      SamRecord *a = all->pdata[i];
      g_autoptr(GError) error = NULL;

      g_assert_true (sam_record_validate (a, &error));
      g_assert_cmpuint (strlen (sam_record_get_title (a)), >, 10);
      g_assert_cmpstr (sam_record_get_string (a, "status"), ==, "planned");
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = sam_test_make_dir ();
  store = sam_test_open_new (dir, "default.db");

  g_test_add_func ("/default-plan/measures", test_measures);
  g_test_add_func ("/default-plan/knowledge-gaps", test_knowledge_gaps);
  g_test_add_func ("/default-plan/plans", test_plans);
  g_test_add_func ("/default-plan/leads", test_leads);
  g_test_add_func ("/default-plan/agencies", test_agencies);
  g_test_add_func ("/default-plan/sectors-and-groups", test_sectors_and_groups);
  g_test_add_func ("/default-plan/seminar-formats", test_seminar_formats);
  g_test_add_func ("/default-plan/obligations", test_obligations);
  g_test_add_func ("/default-plan/every-activity-named", test_every_activity_named);
  status = g_test_run ();

  g_clear_object (&store);
  sam_test_remove_dir (dir);
  g_free (dir);
  return status;
}
