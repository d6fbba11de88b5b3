/* The default plan: what a newcomer finds, as the strategy text names it.
 *
 * Every fact carries the sentence of the strategy it comes from, checked
 * here against the text itself (tests/fixtures/strategy-focus-area-2.txt, a
 * copy of the seed, which the shared seed must match where it is present);
 * who answers for each activity is checked against the table kept beside
 * the plan, data/default-plan-responsibility.tsv.
 */
#include "config.h"

#include "sam-test-util.h"
#include "store/sam-accountability.h"
#include "store/sam-coordination.h"

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
  { "advokater og dommere", "Samarbeidsstrukturene", "Advokatforeningen" },
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
  { "DA", NULL, "legal" }, { "Direktoratsgruppen", NULL, "cooperation" }, { "SUA", NULL, "cooperation" },
  { "Tverrdep. arbeidsgruppe", NULL, "cooperation" }, { "Samarbeidsstrukturene", NULL, "cooperation" },
  { "UDI", "JD", "directorate" }, { "Skatteetaten", NULL, "agency" },
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

  /* Bodies that receive reports rather than act. */
  {
    g_autoptr(SamRecord) rapporteur = find (SAM_KIND_AGENCY, "short_name", "Rapportørordningen");
    g_autoptr(SamRecord) greta = find (SAM_KIND_AGENCY, "short_name", "GRETA");
    g_assert_cmpstr (sam_record_get_string (rapporteur, "role"), ==, "recipient");
    g_assert_cmpstr (sam_record_get_string (greta, "role"), ==, "recipient");
  }

  /* Agencies the text never names, nor needs for a sector it names, are
   * not in the plan: no ministry of finance, defence or education, no IMDi. */
  {
    const char *absent[] = { "FIN", "FD", "KD", "IMDi" };
    for (guint i = 0; i < G_N_ELEMENTS (absent); i++)
      {
        g_autoptr(SamRecord) a = sam_test_find (store, SAM_KIND_AGENCY, "short_name", absent[i]);
        g_assert_null (a);
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
  /* Neither a sector nor a group the text never names. */
  {
    g_autoptr(SamRecord) education = sam_test_find (store, SAM_KIND_SECTOR, "name", "Utdanning");
    g_autoptr(SamRecord) students = sam_test_find (store, SAM_KIND_TARGET_GROUP, "name", "Studenter i helse- og sosialfagutdanningene");
    g_assert_null (education);
    g_assert_null (students);
  }
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
  /* The text names no organiser of the thematic seminars. */
  {
    g_autoptr(SamRecord) thematic = find (SAM_KIND_SEMINAR_FORMAT, "kind", "thematic");
    g_assert_false (sam_record_is_set (thematic, "organiser_id"));
  }
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

  /* The convention obligation the text names for minors who committed
   * offences while exploited: the non-punishment provision. */
  {
    g_autoptr(SamRecord) art26 = find (SAM_KIND_OBLIGATION, "reference", "Artikkel 26");
    g_autoptr(SamRecord) t7 = find (SAM_KIND_MEASURE, "title", "Utvikle kompetansehevingstiltak");
    g_assert_cmpstr (sam_record_get_string (art26, "source"), ==, "convention");
    g_assert_true (sam_record_has_ref (art26, "measures", sam_record_get_id (t7)));
    g_assert_nonnull (strstr (sam_record_get_string (art26, "source_quote"), "vurdering av straffrihet"));
  }
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
      /* Planned, or running already (with the strategy's first day as
       * its start when the text gives none). */
      if (g_strcmp0 (sam_record_get_string (a, "status"), "in_progress") == 0)
        g_assert_true (sam_record_is_set (a, "start_date"));
      else
        g_assert_cmpstr (sam_record_get_string (a, "status"), ==, "planned");
    }
}

/* What the text says runs today, or has been started, is in progress. */
static void
test_running (void)
{
  const char *running[] = {
    "Videreføre lavterskelseminarer", "Videreføre tverrfaglige temaseminarer", "ved SUA", "Know your rights",
    "RVTS' informasjon", "Forskningsprosjekt om arbeidstakere i gråsonene", "UNHCR og IOM", "digital ID",
  };

  for (guint i = 0; i < G_N_ELEMENTS (running); i++)
    {
      g_autoptr(SamRecord) a = find_activity (running[i]);
      g_assert_cmpstr (sam_record_get_string (a, "status"), ==, "in_progress");
    }
}

/* The languages and channels the text gives for information. */
static void
test_information_channels (void)
{
  g_autoptr(SamRecord) kyr = find_activity ("Know your rights");
  g_autoptr(SamRecord) rvts = find_activity ("RVTS' informasjon");
  g_autofree const char **languages = sam_record_get_strings (kyr, "languages");
  g_autofree const char **channels = sam_record_get_strings (rvts, "channels");

  g_assert_cmpstr (languages[0], ==, "Ulike språk");
  g_assert_nonnull (strstr (channels[0], "menneskertilsalgs.no/utnyttelse.no"));
}

/* The strategy text */

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* Returns the seed text as kept with the tests; where the shared seed is
 * at hand too, the copy must be the same text. */
static char *
strategy_text (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "strategy-focus-area-2.txt", NULL);
  g_autofree char *shared = g_test_build_filename (G_TEST_DIST, "..", "..", "shared", "seed",
                                                    "000_7b895cdc4ad732cc.txt", NULL);
  char *text = read_text (fixture);

  if (g_file_test (shared, G_FILE_TEST_EXISTS))
    {
      g_autofree char *seed = read_text (shared);
      g_assert_cmpstr (seed, ==, text);
    }
  return text;
}

/* A quote is one excerpt of the text, or several joined by " … ". */
static void
check_quote (const char *text,
             const char *quote,
             const char *what)
{
  g_auto(GStrv) excerpts = g_strsplit (quote, " … ", -1);

  for (guint i = 0; excerpts[i]; i++)
    {
      if (strlen (excerpts[i]) < 10 || strstr (text, excerpts[i]) == NULL)
        g_error ("The quote of %s is not in the strategy text: “%s”", what, excerpts[i]);
    }
}

static const SamKind quoted_kinds[] = {
  SAM_KIND_FOCUS_AREA, SAM_KIND_MEASURE, SAM_KIND_GOAL, SAM_KIND_PRIORITY_TASK, SAM_KIND_PLAN,
  SAM_KIND_ACTIVITY, SAM_KIND_AGENCY, SAM_KIND_SECTOR, SAM_KIND_TARGET_GROUP, SAM_KIND_SEMINAR_FORMAT,
  SAM_KIND_KNOWLEDGE_GAP, SAM_KIND_RD_PROJECT, SAM_KIND_OBLIGATION,
};

/* Every fact of the plan says where in the strategy it comes from, word
 * for word, and the editor shows it as "From the strategy". */
static void
test_source_quotes (void)
{
  g_autofree char *text = strategy_text ();
  guint n = 0;

  for (guint k = 0; k < G_N_ELEMENTS (quoted_kinds); k++)
    {
      const SamField *field = sam_kind_find_field (quoted_kinds[k], "source_quote");
      g_autoptr(GPtrArray) all = sam_store_list (store, quoted_kinds[k], NULL);

      g_assert_nonnull (field);
      g_assert_cmpstr (field->label, ==, "From the strategy");
      g_assert_cmpuint (all->len, >, 0);
      for (guint i = 0; i < all->len; i++, n++)
        {
          g_autofree char *what = g_strdup_printf ("%s “%s”", sam_kind_get_info (quoted_kinds[k])->name,
                                                   sam_record_get_title (all->pdata[i]));
          const char *quote = sam_record_get_string (all->pdata[i], "source_quote");

          if (quote == NULL || *quote == '\0')
            g_error ("The default plan gives no source for %s", what);
          check_quote (text, quote, what);
        }
    }
  g_assert_cmpuint (n, >, 200);
}

/* Every measure, agency, sector and target group has an English name. */
static void
test_english_names (void)
{
  static const struct { SamKind kind; const char *field; } named[] = {
    { SAM_KIND_MEASURE, "title_en" }, { SAM_KIND_AGENCY, "name_en" },
    { SAM_KIND_SECTOR, "name_en" }, { SAM_KIND_TARGET_GROUP, "name_en" },
  };
  g_autoptr(SamRecord) hdir = find (SAM_KIND_AGENCY, "short_name", "Hdir");

  for (guint k = 0; k < G_N_ELEMENTS (named); k++)
    {
      g_autoptr(GPtrArray) all = sam_store_list (store, named[k].kind, NULL);

      for (guint i = 0; i < all->len; i++)
        {
          const char *english = sam_record_get_string (all->pdata[i], named[k].field);

          if (english == NULL || strlen (english) < 3)
            g_error ("The %s “%s” has no English name", sam_kind_get_info (named[k].kind)->name,
                     sam_record_get_title (all->pdata[i]));
        }
    }
  g_assert_cmpstr (sam_record_get_string (hdir, "name_en"), ==, "Norwegian Directorate of Health");
}

/* Where the interface asks for English names, records and the matrices
 * name what has an English name in English, and what has none by its own
 * name; otherwise they keep the plan's own names. */
static void
test_english_in_interface (void)
{
  g_autoptr(SamRecord) hdir = find (SAM_KIND_AGENCY, "short_name", "Hdir");
  g_autoptr(SamRecord) plan = NULL;
  g_autoptr(GPtrArray) plans = sam_store_list (store, SAM_KIND_PLAN, NULL);
  g_autoptr(SamMatrix) norwegian = sam_coordination_responsibility (store, NULL, SAM_KIND_MEASURE, NULL);
  g_autoptr(SamMatrix) english = NULL;
  gint row;

  plan = g_object_ref (plans->pdata[0]);
  g_assert_cmpstr (sam_record_get_title (hdir), ==, "Helsedirektoratet");
  sam_record_set_english_titles (TRUE);
  g_assert_cmpstr (sam_record_get_title (hdir), ==, "Norwegian Directorate of Health");
  /* A plan has no English title: its own stands. */
  g_assert_cmpstr (sam_record_get_title (plan), ==, sam_record_get_string (plan, "title"));
  sam_record_set_english_titles (FALSE);
  g_assert_cmpstr (sam_record_get_title (hdir), ==, "Helsedirektoratet");

  sam_store_set_english_names (store, TRUE);
  english = sam_coordination_responsibility (store, NULL, SAM_KIND_MEASURE, NULL);
  sam_store_set_english_names (store, FALSE);
  row = sam_matrix_find_row (english, sam_record_get_id (hdir));
  g_assert_cmpint (row, >=, 0);
  g_assert_cmpstr (((SamMatrixHeader *) english->rows->pdata[row])->label, ==, "Norwegian Directorate of Health");
  g_assert_cmpstr (((SamMatrixHeader *) english->columns->pdata[0])->label, ==, "Develop the knowledge base");
  row = sam_matrix_find_row (norwegian, sam_record_get_id (hdir));
  g_assert_cmpstr (((SamMatrixHeader *) norwegian->rows->pdata[row])->label, ==, "Helsedirektoratet");
}

/* Each sector the text names has its responsible ministry, where one
 * ministry answers for it. */
static void
test_sector_ministries (void)
{
  static const struct { const char *sector, *ministry; } cases[] = {
    { "Barnevern", "BFD" }, { "Helse- og omsorgstjenester", "HOD" }, { "Politi og påtalemyndighet", "JD" },
    { "Grensekontroll", "JD" }, { "Arbeidstilsyn", "AID" }, { "Utenrikstjenesten", "UD" }, { "Samferdsel", "SD" },
    { "Kommunale tjenester", NULL }, { "Ideelle organisasjoner", NULL }, { "Forskning", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SamRecord) sector = find (SAM_KIND_SECTOR, "name", cases[i].sector);
      g_autoptr(SamRecord) ministry = cases[i].ministry ? find (SAM_KIND_AGENCY, "short_name", cases[i].ministry) : NULL;

      g_assert_cmpint (sam_record_get_int (sector, "ministry_id"), ==, ministry ? sam_record_get_id (ministry) : 0);
      if (ministry)
        g_assert_cmpstr (sam_record_get_string (ministry, "kind"), ==, "ministry");
    }
}

/* An activity naming no lead and no sector is said to have no sector,
 * not to have sectors without a ministry. */
static void
test_no_lead_no_sector (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = sam_coordination_run_checks (store, &error);
  guint seen = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      const SamCheckResult *r = results->pdata[i];
      g_autoptr(SamRecord) activity = NULL;
      GVariant *sectors;

      if (g_strcmp0 (r->check_id, SAM_CHECK_ACTIVITY_NO_LEAD) != 0)
        continue;
      activity = sam_store_get (store, SAM_KIND_ACTIVITY, r->id, &error);
      g_assert_no_error (error);
      sectors = sam_record_get_value (activity, sam_kind_field_index (SAM_KIND_ACTIVITY, "sectors"));
      if (sectors && g_variant_n_children (sectors) > 0)
        continue;
      seen++;
      g_assert_cmpint (r->severity, ==, SAM_SEVERITY_ERROR);
      g_assert_null (strstr (r->message, "none of its sectors"));
      g_assert_nonnull (strstr (r->message, "names no lead agency and no sector"));
    }
  /* The text gives seven of them no sector. */
  g_assert_cmpuint (seen, ==, 7);
}

/* The responsibility table */

static char *
names_of (GPtrArray *accountables)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < accountables->len; i++)
    {
      g_autofree char *one = sam_accountable_describe (accountables->pdata[i]);
      g_string_append_printf (names, "%s%s", i ? (((SamAccountable *) accountables->pdata[i])->sectors ? "; " : ", ") : "", one);
    }
  if (names->len == 0)
    g_string_append (names, "-");
  return g_string_free (names, FALSE);
}

/* Checks one row of the table: measure, title, basis, lead, partners,
 * sector responsibility, quote. */
static void
check_responsibility_row (GStrv        columns,
                          const char  *line)
{
  g_autoptr(SamRecord) activity = NULL;
  g_autoptr(SamAccountability) a = NULL;
  g_autoptr(SamRecord) plan = NULL, measure = NULL;
  g_autofree char *partners = NULL, *duties = NULL;
  g_autoptr(GError) error = NULL;
  const char *basis;

  if (g_strv_length (columns) != 7)
    g_error ("A row of the responsibility table has %u columns, not 7: %s", g_strv_length (columns), line);
  activity = sam_test_find (store, SAM_KIND_ACTIVITY, "title", columns[1]);
  if (activity == NULL)
    g_error ("The responsibility table names an activity the plan does not have: “%s”", columns[1]);
  plan = sam_store_get (store, SAM_KIND_PLAN, sam_record_get_int (activity, "plan_id"), NULL);
  measure = sam_store_get (store, SAM_KIND_MEASURE, sam_record_get_int (plan, "measure_id"), NULL);
  a = sam_accountability_get (store, sam_record_get_id (activity), &error);
  g_assert_no_error (error);
  partners = names_of (a->partners);
  duties = names_of (a->by_sector);
  basis = a->lead ? "named lead" : a->by_sector->len ? "sector responsibility" : "nobody";

  if (g_ascii_strtoll (columns[0], NULL, 10) != sam_record_get_int (measure, "number")
      || g_strcmp0 (columns[2], basis) != 0
      || g_strcmp0 (columns[3], a->lead ? (a->lead->short_name ? a->lead->short_name : a->lead->name) : "-") != 0
      || g_strcmp0 (columns[4], partners) != 0 || g_strcmp0 (columns[5], duties) != 0
      || g_strcmp0 (columns[6], sam_record_get_string (activity, "source_quote")) != 0)
    g_error ("The plan differs from the responsibility table for “%s”:\n"
             "  table: measure %s, %s, lead %s, partners %s, sector responsibility %s\n"
             "  plan:  measure %d, %s, lead %s, partners %s, sector responsibility %s%s",
             columns[1], columns[0], columns[2], columns[3], columns[4], columns[5],
             (int) sam_record_get_int (measure, "number"), basis,
             a->lead ? a->lead->name : "-", partners, duties,
             g_strcmp0 (columns[6], sam_record_get_string (activity, "source_quote")) ? "; the quotes differ" : "");
}

/* Who answers for every activity, named lead, partners or sector
 * responsibility, is as the table beside the plan says. */
static void
test_responsibility_table (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "default-plan-responsibility.tsv", NULL);
  g_autofree char *table = read_text (path);
  g_auto(GStrv) lines = g_strsplit (table, "\n", -1);
  g_autoptr(GPtrArray) all = sam_store_list (store, SAM_KIND_ACTIVITY, NULL);
  g_autofree char *text = strategy_text ();
  guint rows = 0, by_sector = 0, nobody = 0;
  gboolean header = TRUE;

  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) columns = NULL;

      if (*lines[i] == '#' || *lines[i] == '\0')
        continue;
      if (header)
        {
          g_assert_true (g_str_has_prefix (lines[i], "measure\tactivity\t"));
          header = FALSE;
          continue;
        }
      columns = g_strsplit (lines[i], "\t", -1);
      check_responsibility_row (columns, lines[i]);
      check_quote (text, columns[6], columns[1]);
      by_sector += g_str_equal (columns[2], "sector responsibility");
      nobody += g_str_equal (columns[2], "nobody");
      rows++;
    }
  /* Every activity, once (titles are unique). */
  g_assert_cmpuint (rows, ==, all->len);
  g_assert_cmpuint (by_sector, >, 0);
  g_assert_cmpuint (nobody, >, 0);
}

/* What `samordna check` finds in the default plan is what the text leaves
 * open, and nothing that only follows from how the plan is modelled:
 * - every activity that names no lead, as the text names none: a warning
 *   where sector responsibility says who answers, an error where nobody
 *   does (the table beside the plan gives which);
 * - the one target group no measure is aimed at;
 * - the six knowledge gaps no R&D project addresses.
 * Not: sector-wise activities one agency does alone, as the text gives
 * them (their scope is "sector"); agencies the text names but gives no
 * task in this focus area (role "named"), or that receive reports. */
static const char *const expected_findings[] = {
  "note\ttarget-group-unreached\tBarn og unge på digitale plattformer og arenaer for bytte av seksuelle tjenester",
  "warning\tknowledge-gap-unaddressed\tOmfang og art av menneskehandel",
  "warning\tknowledge-gap-unaddressed\tHelsekonsekvenser av menneskehandel",
  "warning\tknowledge-gap-unaddressed\tBarn og unges sårbarhet for seksuell utnyttelse på digitale plattformer og byttearenaer",
  "warning\tknowledge-gap-unaddressed\tRisiko for menneskehandel i migrasjon",
  "warning\tknowledge-gap-unaddressed\tAnvendelse og effekt av barnevernstiltak",
  "warning\tknowledge-gap-unaddressed\tForebygging mot menneskehandel",
};

static char *
describe_finding (const char *severity,
                  const char *check,
                  SamKind     kind,
                  gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamRecord) record = sam_store_get (store, kind, id, &error);

  g_assert_no_error (error);
  return g_strdup_printf ("%s\t%s\t%s", severity, check, sam_record_get_title (record));
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static void
test_check_findings (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "default-plan-responsibility.tsv", NULL);
  g_autofree char *table = read_text (path);
  g_auto(GStrv) lines = g_strsplit (table, "\n", -1);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = sam_coordination_run_checks (store, &error);
  gboolean header = TRUE;

  g_assert_no_error (error);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) columns = NULL;

      if (*lines[i] == '#' || *lines[i] == '\0')
        continue;
      if (header)
        {
          header = FALSE;
          continue;
        }
      columns = g_strsplit (lines[i], "\t", -1);
      if (!g_str_equal (columns[2], "named lead"))
        g_ptr_array_add (expected, g_strdup_printf ("%s\t%s\t%s", g_str_equal (columns[2], "nobody") ? "error" : "warning",
                                                    SAM_CHECK_ACTIVITY_NO_LEAD, columns[1]));
    }
  g_assert_cmpuint (expected->len, ==, 32);
  for (guint i = 0; i < G_N_ELEMENTS (expected_findings); i++)
    g_ptr_array_add (expected, g_strdup (expected_findings[i]));
  for (guint i = 0; i < results->len; i++)
    {
      const SamCheckResult *r = results->pdata[i];

      g_ptr_array_add (found, describe_finding (sam_severity_to_string (r->severity), r->check_id, r->kind, r->id));
    }
  g_ptr_array_sort (expected, compare_strings);
  g_ptr_array_sort (found, compare_strings);
  for (guint i = 0; i < MAX (expected->len, found->len); i++)
    if (i >= expected->len || i >= found->len || g_strcmp0 (expected->pdata[i], found->pdata[i]) != 0)
      g_error ("`samordna check` on the default plan differs from what the text leaves open:\n"
               "  expected: %s\n  found:    %s",
               i < expected->len ? (char *) expected->pdata[i] : "(nothing more)",
               i < found->len ? (char *) found->pdata[i] : "(nothing more)");
  g_assert_cmpuint (found->len, ==, 39);
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
  g_test_add_func ("/default-plan/no-lead-no-sector", test_no_lead_no_sector);
  g_test_add_func ("/default-plan/knowledge-gaps", test_knowledge_gaps);
  g_test_add_func ("/default-plan/plans", test_plans);
  g_test_add_func ("/default-plan/leads", test_leads);
  g_test_add_func ("/default-plan/agencies", test_agencies);
  g_test_add_func ("/default-plan/sectors-and-groups", test_sectors_and_groups);
  g_test_add_func ("/default-plan/seminar-formats", test_seminar_formats);
  g_test_add_func ("/default-plan/obligations", test_obligations);
  g_test_add_func ("/default-plan/every-activity-named", test_every_activity_named);
  g_test_add_func ("/default-plan/running", test_running);
  g_test_add_func ("/default-plan/information-channels", test_information_channels);
  g_test_add_func ("/default-plan/source-quotes", test_source_quotes);
  g_test_add_func ("/default-plan/english-names", test_english_names);
  g_test_add_func ("/default-plan/english-in-interface", test_english_in_interface);
  g_test_add_func ("/default-plan/sector-ministries", test_sector_ministries);
  g_test_add_func ("/default-plan/responsibility-table", test_responsibility_table);
  g_test_add_func ("/default-plan/check-findings", test_check_findings);
  status = g_test_run ();

  g_clear_object (&store);
  sam_test_remove_dir (dir);
  g_free (dir);
  return status;
}
