/* Tests of the coordination module: matrices, differing messages, checks
 * and scopes, on a small world built next to the default plan.
 *
 * The world is a table; every expected answer is computed from the table
 * by brute force in this file (a second, independent implementation), and
 * the key facts are also asserted by hand so that the two cannot agree on
 * a wrong answer unnoticed.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "store/sam-accountability.h"
#include "store/sam-coordination.h"
#include "models/sam-matrix-rows.h"
#include "sam-test-util.h"

/* The world */

enum { SEC_A, SEC_B, SEC_C, SEC_D, SEC_E, N_SECTORS };
enum { AG_MIN, AG_DIR, AG_SUB, AG_EMPTY_MIN, AG_LONE, AG_NGO, AG_ACT_MIN, AG_ACT, AG_SEMINAR, AG_CANCELLED,
       AG_RAPPORTEUR, AG_ORG, AG_ORG_BODY, AG_IDLE_MIN, AG_NAMED, N_AGENCIES };
enum { TG_X, TG_Y, TG_Z, TG_PARENT, TG_CHILD, TG_NONE, TG_UMBRELLA, TG_UNDER, N_GROUPS };
enum { M1, M2, N_MEASURES };
enum { P1, P2, P3, N_PLANS };

#define NONE (-1)
#define END (-1)
#define MAX_LINKS 4

/* The ministry responsible for each sector: D has none, E is KDEPT's too. */
static const int sector_ministry[N_SECTORS] = {
  [SEC_A] = AG_MIN, [SEC_B] = AG_EMPTY_MIN, [SEC_C] = AG_ACT_MIN, [SEC_D] = NONE, [SEC_E] = AG_MIN,
};

static const struct {
  const char *name, *short_name, *kind;
  int parent;
  int sectors[MAX_LINKS];
  const char *role;
} agencies[N_AGENCIES] = {
  [AG_MIN] = { "Koordineringsdepartementet", "KDEPT", "ministry", NONE, { SEC_A, END } },
  [AG_DIR] = { "Koordineringsdirektoratet", "KDIR", "directorate", AG_MIN, { END } },
  [AG_SUB] = { "Underetaten", "KSUB", "agency", AG_DIR, { END } },
  [AG_EMPTY_MIN] = { "Tomdepartementet", "TOMD", "ministry", NONE, { SEC_B, END } },
  [AG_LONE] = { "Enslig forening", "ENS", "ngo", NONE, { END } },
  [AG_NGO] = { "Samarbeidsforening", "SAMF", "ngo", NONE, { END } },
  [AG_ACT_MIN] = { "Aktivdepartementet", "AKTD", "ministry", NONE, { SEC_C, END } },
  [AG_ACT] = { "Aktivetaten", "AKTE", "agency", AG_ACT_MIN, { END } },
  [AG_SEMINAR] = { "Seminarforeningen", "SEMF", "ngo", NONE, { END } },
  [AG_CANCELLED] = { "Avlystforeningen", "AVLF", "ngo", NONE, { END } },
  [AG_RAPPORTEUR] = { "Rapportøren", "RAPP", "agency", NONE, { END }, "recipient" },
  [AG_ORG] = { "Verdensorganisasjonen", "VORG", "international", NONE, { END } },
  [AG_ORG_BODY] = { "Verdensorganets utvalg", "VUTV", "international", AG_ORG, { END } },
  [AG_IDLE_MIN] = { "Ledigdepartementet", "LEDD", "ministry", NONE, { END } },
  [AG_NAMED] = { "Nevntetaten", "NEVN", "agency", NONE, { END }, "named" },
};

static const struct {
  const char *name, *category;
  int parent;
} groups[N_GROUPS] = {
  [TG_X] = { "Koord-gruppe X", "professionals", NONE },
  [TG_Y] = { "Koord-gruppe Y", "at_risk", NONE },
  [TG_Z] = { "Koord-gruppe Z", NULL, NONE },
  [TG_PARENT] = { "Koord-foreldregruppe", "public", NONE },
  [TG_CHILD] = { "Koord-undergruppe", "public", TG_PARENT },
  [TG_NONE] = { "Koord-glemt gruppe", "demand", NONE },
  [TG_UMBRELLA] = { "Koord-paraplygruppe", "professionals", NONE },
  [TG_UNDER] = { "Koord-gruppe under paraplyen", "professionals", TG_UMBRELLA },
};

static const struct {
  int measure;
  const char *title, *kind, *start, *end;
} plans[N_PLANS] = {
  [P1] = { M1, "Koord-plan kompetanse", "competence", NULL, NULL },
  [P2] = { M1, "Koord-plan informasjon", "information", "2026-01-01", "2026-12-31" },
  [P3] = { M2, "Koord-plan uten datoer", "information", NULL, NULL },
};

static const struct {
  int plan;
  const char *title;
  int lead;
  int partners[MAX_LINKS], sectors[MAX_LINKS], groups[MAX_LINKS];
  const char *status, *message, *start, *due, *scope;
} activities[] = {
  { P1, "K1 med partner", AG_DIR, { AG_NGO, END }, { SEC_A, END }, { TG_X, TG_Y, END }, "in_progress", NULL, NULL, NULL },
  { P1, "K2 bare leder", AG_SUB, { END }, { SEC_A, SEC_C, END }, { TG_X, END }, "planned", NULL, NULL, NULL, "cross_sector" },
  { P1, "K3 uten leder", NONE, { AG_NGO, END }, { SEC_C, END }, { TG_Z, END }, "planned", NULL, NULL, NULL },
  { P1, "K4 leder som partner", AG_DIR, { AG_DIR, END }, { SEC_B, END }, { TG_CHILD, END }, NULL, NULL, NULL, NULL },
  { P1, "K5 avlyst", NONE, { END }, { SEC_B, END }, { TG_X, END }, "cancelled", NULL, NULL, NULL },
  { P2, "I6 melding A", AG_NGO, { AG_SUB, END }, { END }, { TG_X, END }, "planned", "Melding A", "2026-01-01", "2026-02-28" },
  { P2, "I7 melding B", AG_ACT, { AG_NGO, END }, { END }, { TG_X, END }, "planned", "Melding B", "2026-03-01", "2026-06-30" },
  { P2, "I8 melding B igjen", AG_NGO, { AG_DIR, END }, { END }, { TG_X, TG_Y, END }, "planned", "  Melding B\n", NULL, "2026-05-15" },
  { P2, "I9 tom melding", AG_NGO, { AG_DIR, END }, { END }, { TG_Y, END }, "planned", " ", NULL, NULL },
  { P3, "I10 melding C", AG_ACT, { AG_NGO, AG_ORG_BODY, END }, { SEC_C, END }, { TG_Y, END }, "planned", "Melding C", NULL, NULL },
  { P3, "I11 melding D", AG_ACT, { AG_SUB, END }, { END }, { TG_Y, END }, "planned", "Melding D", "2026-06-10", "2026-06-20" },
  { P2, "I12 avlyst melding", AG_NGO, { AG_DIR, END }, { END }, { TG_X, END }, "cancelled", "Melding E", NULL, NULL },
  { P3, "K13 uten noen", NONE, { END }, { SEC_D, END }, { TG_UMBRELLA, END }, "planned", NULL, NULL, NULL },
  { P1, "K14 tre sektorer", NONE, { AG_NGO, END }, { SEC_E, SEC_C, SEC_A, SEC_D }, { END }, "in_progress", NULL, NULL, NULL },
  { P3, "K15 Tomdepartementets sektor", NONE, { END }, { SEC_B, END }, { TG_Z, END }, "planned", NULL, NULL, NULL },
  { P1, "K16 sektorvis, bare leder", AG_ACT, { END }, { SEC_C, END }, { TG_X, END }, "planned", NULL, NULL, NULL, "sector" },
};
#define N_ACTIVITIES G_N_ELEMENTS (activities)

/* The default plan's periods, and one that belongs to plan P3 only. */
static const struct {
  const char *code, *start, *end;
  int plan;
} periods[] = {
  { "2026-T1", "2026-01-01", "2026-04-30", NONE },
  { "2026-T2", "2026-05-01", "2026-08-31", NONE },
  { "2026-T3", "2026-09-01", "2026-12-31", NONE },
  { "2026-P3", "2026-06-01", "2026-06-30", P3 },
};

typedef struct
{
  char     *dir;
  char     *path;
  SamStore *store;
  gint64    sectors[N_SECTORS], agencies[N_AGENCIES], groups[N_GROUPS];
  gint64    measures[N_MEASURES], plans[N_PLANS], activities[N_ACTIVITIES];
  gint64    gaps[2];
} World;

static gint64
insert (World *w, SamRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_store_insert (w->store, record, &error));
  g_assert_no_error (error);
  return sam_record_get_id (record);
}

static void
add_refs (SamRecord *r, const char *field, const int *links, const gint64 *ids)
{
  for (guint i = 0; i < MAX_LINKS && links[i] != END; i++)
    sam_record_add_ref (r, field, ids[links[i]]);
}

static void
build_structure (World *w)
{
  g_autoptr(GPtrArray) strategies = sam_store_list (w->store, SAM_KIND_STRATEGY, NULL);
  g_autoptr(SamRecord) fa = sam_record_new (SAM_KIND_FOCUS_AREA);
  gint64 fa_id;

  for (int s = 0; s < N_SECTORS; s++)
    {
      g_autoptr(SamRecord) r = sam_record_new (SAM_KIND_SECTOR);
      g_autofree char *name = g_strdup_printf ("Koord-sektor %c", 'A' + s);
      sam_record_set_string (r, "name", name);
      w->sectors[s] = insert (w, r);
    }
  for (int a = 0; a < N_AGENCIES; a++)
    {
      g_autoptr(SamRecord) r = sam_record_new (SAM_KIND_AGENCY);
      sam_record_set_string (r, "name", agencies[a].name);
      sam_record_set_string (r, "short_name", agencies[a].short_name);
      sam_record_set_string (r, "kind", agencies[a].kind);
      if (agencies[a].parent != NONE)
        sam_record_set_int (r, "parent_id", w->agencies[agencies[a].parent]);
      add_refs (r, "sectors", agencies[a].sectors, w->sectors);
      if (agencies[a].role)
        sam_record_set_string (r, "role", agencies[a].role);
      w->agencies[a] = insert (w, r);
    }
  for (int s = 0; s < N_SECTORS; s++)
    if (sector_ministry[s] != NONE)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(SamRecord) r = sam_store_get (w->store, SAM_KIND_SECTOR, w->sectors[s], &error);
        sam_record_set_int (r, "ministry_id", w->agencies[sector_ministry[s]]);
        g_assert_true (sam_store_update (w->store, r, &error));
      }
  for (int g = 0; g < N_GROUPS; g++)
    {
      g_autoptr(SamRecord) r = sam_record_new (SAM_KIND_TARGET_GROUP);
      sam_record_set_string (r, "name", groups[g].name);
      if (groups[g].category)
        sam_record_set_string (r, "category", groups[g].category);
      if (groups[g].parent != NONE)
        sam_record_set_int (r, "parent_id", w->groups[groups[g].parent]);
      w->groups[g] = insert (w, r);
    }
  sam_record_set_int (fa, "strategy_id", sam_record_get_id (strategies->pdata[0]));
  sam_record_set_int (fa, "number", 77);
  sam_record_set_string (fa, "title", "Koordineringsområde");
  fa_id = insert (w, fa);
  for (int m = 0; m < N_MEASURES; m++)
    {
      g_autoptr(SamRecord) r = sam_record_new (SAM_KIND_MEASURE);
      g_autofree char *title = g_strdup_printf ("Koord-tiltak %d", 71 + m);
      sam_record_set_int (r, "focus_area_id", fa_id);
      sam_record_set_int (r, "number", 71 + m);
      sam_record_set_string (r, "title", title);
      w->measures[m] = insert (w, r);
    }
}

static void
build_plans (World *w)
{
  for (int p = 0; p < N_PLANS; p++)
    {
      g_autoptr(SamRecord) r = sam_record_new (SAM_KIND_PLAN);
      sam_record_set_int (r, "measure_id", w->measures[plans[p].measure]);
      sam_record_set_string (r, "title", plans[p].title);
      sam_record_set_string (r, "kind", plans[p].kind);
      if (plans[p].start)
        sam_record_set_string (r, "start_date", plans[p].start);
      if (plans[p].end)
        sam_record_set_string (r, "end_date", plans[p].end);
      w->plans[p] = insert (w, r);
    }
  for (guint i = 0; i < N_ACTIVITIES; i++)
    {
      g_autoptr(SamRecord) r = sam_record_new (SAM_KIND_ACTIVITY);
      sam_record_set_int (r, "plan_id", w->plans[activities[i].plan]);
      sam_record_set_string (r, "title", activities[i].title);
      if (activities[i].lead != NONE)
        sam_record_set_int (r, "lead_agency_id", w->agencies[activities[i].lead]);
      add_refs (r, "partners", activities[i].partners, w->agencies);
      add_refs (r, "sectors", activities[i].sectors, w->sectors);
      add_refs (r, "target_groups", activities[i].groups, w->groups);
      if (activities[i].status)
        sam_record_set_string (r, "status", activities[i].status);
      if (activities[i].message)
        sam_record_set_string (r, "message", activities[i].message);
      if (activities[i].start)
        sam_record_set_string (r, "start_date", activities[i].start);
      if (activities[i].due)
        sam_record_set_string (r, "due_date", activities[i].due);
      if (activities[i].scope)
        sam_record_set_string (r, "scope", activities[i].scope);
      w->activities[i] = insert (w, r);
    }
}

/* A period of plan P3 only, and seminars: one held by an agency that does
 * nothing else, one cancelled seminar whose organiser is then idle. */
static void
build_extras (World *w)
{
  g_autoptr(SamRecord) period = sam_record_new (SAM_KIND_REPORTING_PERIOD);
  g_autoptr(GPtrArray) formats = sam_store_list (w->store, SAM_KIND_SEMINAR_FORMAT, NULL);
  struct { int organiser; const char *status; } seminars[] = {
    { AG_SEMINAR, "planned" }, { AG_CANCELLED, "cancelled" },
  };

  /* Two knowledge gaps, one of them addressed by an R&D project. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SamRecord) gap = sam_record_new (SAM_KIND_KNOWLEDGE_GAP);
      sam_record_set_string (gap, "title", i == 0 ? "Koord-kunnskapshull med prosjekt" : "Koord-kunnskapshull uten prosjekt");
      w->gaps[i] = insert (w, gap);
    }
  {
    g_autoptr(SamRecord) project = sam_record_new (SAM_KIND_RD_PROJECT);
    sam_record_set_string (project, "title", "Koord-prosjekt");
    sam_record_set_string (project, "status", "done");
    sam_record_add_ref (project, "gaps", w->gaps[0]);
    insert (w, project);
  }
  sam_record_set_int (period, "plan_id", w->plans[P3]);
  sam_record_set_string (period, "code", periods[3].code);
  sam_record_set_string (period, "start_date", periods[3].start);
  sam_record_set_string (period, "end_date", periods[3].end);
  insert (w, period);
  for (guint i = 0; i < G_N_ELEMENTS (seminars); i++)
    {
      g_autoptr(SamRecord) r = sam_record_new (SAM_KIND_SEMINAR);
      sam_record_set_int (r, "format_id", sam_record_get_id (formats->pdata[0]));
      sam_record_set_string (r, "title", seminars[i].status);
      sam_record_set_int (r, "organiser_id", w->agencies[seminars[i].organiser]);
      sam_record_set_string (r, "status", seminars[i].status);
      insert (w, r);
    }
}

static void
world_set_up (World *w, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  w->dir = sam_test_make_dir ();
  w->path = sam_test_new_location (w->dir, "test.db");
  w->store = sam_store_open (w->path, &error);
  g_assert_no_error (error);
  build_structure (w);
  build_plans (w);
  build_extras (w);
}

static void
world_tear_down (World *w, gconstpointer data)
{
  g_clear_object (&w->store);
  sam_test_remove_dir (w->dir);
  g_free (w->path);
  g_free (w->dir);
}

/* Brute force over the table */

static gboolean
live (guint i)
{
  return g_strcmp0 (activities[i].status, "cancelled") != 0;
}

static gboolean
has (const int *links, int value)
{
  for (guint i = 0; i < MAX_LINKS && links[i] != END; i++)
    if (links[i] == value)
      return TRUE;
  return FALSE;
}

static gboolean
under (int agency, int top)
{
  for (int a = agency; a != NONE; a = agencies[a].parent)
    if (a == top)
      return TRUE;
  return FALSE;
}

/* Is activity i, with no lead named, accountable to @ministry by sector
 * responsibility? */
static gboolean
sector_duty (guint i, int ministry)
{
  if (activities[i].lead != NONE)
    return FALSE;
  for (guint s = 0; s < MAX_LINKS && activities[i].sectors[s] != END; s++)
    if (sector_ministry[activities[i].sectors[s]] == ministry)
      return TRUE;
  return FALSE;
}

/* Does activity i involve an agency of the subtree of @top (NONE: all),
 * named or by sector responsibility? */
static gboolean
involves (guint i, int top)
{
  if (top == NONE)
    return TRUE;
  if (activities[i].lead != NONE && under (activities[i].lead, top))
    return TRUE;
  for (guint p = 0; p < MAX_LINKS && activities[i].partners[p] != END; p++)
    if (under (activities[i].partners[p], top))
      return TRUE;
  for (int a = 0; a < N_AGENCIES; a++)
    if (under (a, top) && sector_duty (i, a))
      return TRUE;
  return FALSE;
}

static guint
expected_responsibility (int agency, int column, gboolean by_plan, guint value, int top)
{
  guint n = 0;

  for (guint i = 0; i < N_ACTIVITIES; i++)
    {
      int where = by_plan ? activities[i].plan : plans[activities[i].plan].measure;
      if (!live (i) || where != column || !involves (i, top))
        continue;
      if (value == SAM_MATRIX_LEAD && activities[i].lead == agency)
        n++;
      if (value == SAM_MATRIX_PARTNER && has (activities[i].partners, agency))
        n++;
      if (value == SAM_MATRIX_SECTOR && sector_duty (i, agency))
        n++;
    }
  return n;
}

static guint
expected_coverage (int group, int column, gboolean by_plan, int measure)
{
  guint n = 0;

  for (guint i = 0; i < N_ACTIVITIES; i++)
    if (live (i) && has (activities[i].groups, group)
        && (measure == NONE || plans[activities[i].plan].measure == measure)
        && (by_plan ? activities[i].plan == column : has (activities[i].sectors, column)))
      n++;
  return n;
}

static char *
trimmed (const char *message)
{
  return g_strstrip (g_strdup (message ? message : ""));
}

/* Distinct messages and activities reaching @group in period @p. */
static void
expected_messages (int group, guint p, guint *n_messages, guint *n_activities)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  *n_activities = 0;
  for (guint i = 0; i < N_ACTIVITIES; i++)
    {
      int plan = activities[i].plan;
      const char *start = activities[i].start ? activities[i].start : plans[plan].start ? plans[plan].start : "0000";
      const char *end = activities[i].due ? activities[i].due : plans[plan].end ? plans[plan].end : "9999";
      g_autofree char *message = trimmed (activities[i].message);

      if (!live (i) || !g_str_equal (plans[plan].kind, "information") || !has (activities[i].groups, group)
          || *message == '\0' || (periods[p].plan != NONE && periods[p].plan != plan)
          || strcmp (start, periods[p].end) > 0 || strcmp (end, periods[p].start) < 0)
        continue;
      (*n_activities)++;
      g_hash_table_add (seen, g_steal_pointer (&message));
    }
  *n_messages = g_hash_table_size (seen);
}

/* Helpers */

static int
group_index (World *w, gint64 id)
{
  for (int g = 0; g < N_GROUPS; g++)
    if (w->groups[g] == id)
      return g;
  return NONE;
}

static const SamCheckResult *
find_result (GPtrArray *results, const char *check_id, gint64 id, gint64 other_id)
{
  for (guint i = 0; i < results->len; i++)
    {
      const SamCheckResult *r = results->pdata[i];
      if (g_str_equal (r->check_id, check_id) && r->id == id && (other_id == 0 || r->other_id == other_id))
        return r;
    }
  return NULL;
}

static SamScope *
parse (World *w, const char *spec)
{
  g_autoptr(GError) error = NULL;
  SamScope *scope = sam_scope_parse (w->store, spec, &error);

  g_assert_no_error (error);
  g_assert_nonnull (scope);
  return scope;
}

/* Matrices */

/* Checks every cell of the world in @m: @top is the ministry of a ministry
 * scope (NONE: all agencies), @measure that of a measure scope. */
static void
check_responsibility (World *w, SamMatrix *m, gboolean by_plan, int top, int measure)
{
  int n_columns = by_plan ? N_PLANS : N_MEASURES;

  for (int a = 0; a < N_AGENCIES; a++)
    {
      gint row = sam_matrix_find_row (m, w->agencies[a]);

      if (top != NONE && !under (a, top))
        {
          g_assert_cmpint (row, ==, -1);
          continue;
        }
      g_assert_cmpint (row, >=, 0);
      for (int c = 0; c < n_columns; c++)
        {
          gint col = sam_matrix_find_column (m, by_plan ? w->plans[c] : w->measures[c]);
          if (measure != NONE && (by_plan ? plans[c].measure : c) != measure)
            {
              g_assert_cmpint (col, ==, -1);
              continue;
            }
          g_assert_cmpint (col, >=, 0);
          for (guint v = SAM_MATRIX_LEAD; v <= SAM_MATRIX_SECTOR; v++)
            g_assert_cmpuint (sam_matrix_get (m, row, col, v), ==, expected_responsibility (a, c, by_plan, v, top));
        }
    }
}

static void
test_responsibility_whole (World *w, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamMatrix) measures = sam_coordination_responsibility (w->store, NULL, SAM_KIND_MEASURE, &error);
  g_autoptr(SamMatrix) plans_m = sam_coordination_responsibility (w->store, NULL, SAM_KIND_PLAN, &error);

  g_assert_no_error (error);
  g_assert_cmpint (measures->row_kind, ==, SAM_KIND_AGENCY);
  g_assert_cmpuint (measures->rows->len, ==, (guint) sam_store_count (w->store, SAM_KIND_AGENCY));
  g_assert_cmpuint (measures->columns->len, ==, (guint) sam_store_count (w->store, SAM_KIND_MEASURE));
  check_responsibility (w, measures, FALSE, NONE, NONE);
  check_responsibility (w, plans_m, TRUE, NONE, NONE);

  /* By hand: KDIR leads K1 and K4 in measure 71 and is a partner in K4,
   * I8, I9 (I12 is cancelled); Samarbeidsforening leads I6, I8, I9. */
  {
    gint dir = sam_matrix_find_row (measures, w->agencies[AG_DIR]);
    gint ngo = sam_matrix_find_row (measures, w->agencies[AG_NGO]);
    gint m1 = sam_matrix_find_column (measures, w->measures[M1]);
    g_assert_cmpuint (sam_matrix_get (measures, dir, m1, SAM_MATRIX_LEAD), ==, 2);
    g_assert_cmpuint (sam_matrix_get (measures, dir, m1, SAM_MATRIX_PARTNER), ==, 3);
    g_assert_cmpuint (sam_matrix_get (measures, ngo, m1, SAM_MATRIX_LEAD), ==, 3);
    g_assert_true (sam_matrix_row_is_empty (measures, sam_matrix_find_row (measures, w->agencies[AG_LONE])));
  }
  /* By sector responsibility, apart from lead and partner: KDEPT answers
   * once for K14 (through two of its sectors), Aktivdepartementet for K3
   * and K14, nobody for K13 (its sector has no ministry). */
  {
    gint min = sam_matrix_find_row (measures, w->agencies[AG_MIN]);
    gint act = sam_matrix_find_row (measures, w->agencies[AG_ACT_MIN]);
    gint m1 = sam_matrix_find_column (measures, w->measures[M1]);
    gint m2 = sam_matrix_find_column (measures, w->measures[M2]);
    g_assert_cmpuint (measures->n_values, ==, 3);
    g_assert_cmpuint (sam_matrix_get (measures, min, m1, SAM_MATRIX_SECTOR), ==, 1);
    g_assert_cmpuint (sam_matrix_get (measures, min, m1, SAM_MATRIX_LEAD), ==, 0);
    g_assert_cmpuint (sam_matrix_get (measures, act, m1, SAM_MATRIX_SECTOR), ==, 2);
    g_assert_cmpuint (sam_matrix_get (measures, act, m2, SAM_MATRIX_SECTOR), ==, 0);
  }
}

static SamMatrixRow *
find_matrix_row (GListModel *rows, gint64 id)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(SamMatrixRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GListModel) children = sam_matrix_row_get_children (row);
      SamMatrixRow *found = NULL;

      if (sam_matrix_row_get_id (row) == id)
        return g_steal_pointer (&row);
      if (children && (found = find_matrix_row (children, id)))
        return found;
    }
  return NULL;
}

/* A cell says what the plan names apart from what follows from sector
 * responsibility. */
static void
test_responsibility_cell_text (World *w, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SamMatrix *m = sam_coordination_responsibility (w->store, NULL, SAM_KIND_MEASURE, &error);
  guint m1 = (guint) sam_matrix_find_column (m, w->measures[M1]);
  g_autoptr(GListModel) rows = sam_matrix_rows_new (m);
  g_autoptr(SamMatrixRow) act_min = find_matrix_row (rows, w->agencies[AG_ACT_MIN]);
  g_autoptr(SamMatrixRow) act = find_matrix_row (rows, w->agencies[AG_ACT]);
  g_autoptr(SamMatrixRow) dir = find_matrix_row (rows, w->agencies[AG_DIR]);
  g_autoptr(SamMatrixRow) lone = find_matrix_row (rows, w->agencies[AG_LONE]);
  g_autofree char *act_min_text = sam_matrix_row_cell_text (act_min, m1);
  g_autofree char *act_text = sam_matrix_row_cell_text (act, m1);
  g_autofree char *dir_text = sam_matrix_row_cell_text (dir, m1);
  g_autofree char *lone_text = sam_matrix_row_cell_text (lone, m1);

  g_assert_no_error (error);
  /* Aktivdepartementet names nothing itself but answers for K3 and K14. */
  g_assert_cmpstr (act_min_text, ==, "2 SR");
  /* Aktivetaten leads I7 and K16. */
  g_assert_cmpstr (act_text, ==, "2 L");
  g_assert_cmpstr (dir_text, ==, "2 L · 3 P");
  g_assert_cmpstr (lone_text, ==, "");
}

/* Agencies come grouped: each ministry, then everything below it depth
 * first; agencies under no ministry after all ministries. */
static void
test_responsibility_grouping (World *w, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamMatrix) m = sam_coordination_responsibility (w->store, NULL, SAM_KIND_MEASURE, &error);
  gint min = sam_matrix_find_row (m, w->agencies[AG_MIN]);
  SamMatrixHeader *h;
  gboolean seen_ungrouped = FALSE;

  g_assert_no_error (error);
  g_assert_cmpint (sam_matrix_find_row (m, w->agencies[AG_DIR]), ==, min + 1);
  g_assert_cmpint (sam_matrix_find_row (m, w->agencies[AG_SUB]), ==, min + 2);
  for (int a = AG_MIN; a <= AG_SUB; a++)
    {
      h = m->rows->pdata[sam_matrix_find_row (m, w->agencies[a])];
      g_assert_cmpint (h->group_id, ==, w->agencies[AG_MIN]);
      g_assert_cmpstr (h->group, ==, agencies[AG_MIN].name);
      g_assert_cmpuint (h->depth, ==, (guint) a - AG_MIN);
    }
  h = m->rows->pdata[sam_matrix_find_row (m, w->agencies[AG_LONE])];
  g_assert_cmpint (h->group_id, ==, 0);
  g_assert_null (h->group);
  for (guint r = 0; r < m->rows->len; r++)
    {
      h = m->rows->pdata[r];
      if (h->group_id == 0)
        seen_ungrouped = TRUE;
      else
        g_assert_false (seen_ungrouped);
    }
}

static void
test_responsibility_scoped (World *w, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamScope) ministry = parse (w, "ministry:KDEPT");
  g_autoptr(SamScope) measure = parse (w, "measure:71");
  g_autoptr(SamMatrix) by_ministry = sam_coordination_responsibility (w->store, ministry, SAM_KIND_MEASURE, &error);
  g_autoptr(SamMatrix) by_measure = sam_coordination_responsibility (w->store, measure, SAM_KIND_PLAN, &error);

  g_assert_no_error (error);
  /* Only the ministry and its agencies, counting only their activities. */
  g_assert_cmpuint (by_ministry->rows->len, ==, 3);
  check_responsibility (w, by_ministry, FALSE, AG_MIN, NONE);
  /* A measure keeps every agency but only its own plans. */
  g_assert_cmpuint (by_measure->columns->len, ==, 2);
  g_assert_cmpint (sam_matrix_find_column (by_measure, w->plans[P3]), ==, -1);
  check_responsibility (w, by_measure, TRUE, NONE, M1);
}

static void
check_coverage (World *w, SamMatrix *m, gboolean by_plan, int measure)
{
  for (int g = 0; g < N_GROUPS; g++)
    {
      gint row = sam_matrix_find_row (m, w->groups[g]);
      int n = by_plan ? N_PLANS : N_SECTORS;

      g_assert_cmpint (row, >=, 0);
      for (int c = 0; c < n; c++)
        {
          gint col = sam_matrix_find_column (m, by_plan ? w->plans[c] : w->sectors[c]);
          if (by_plan && measure != NONE && plans[c].measure != measure)
            {
              g_assert_cmpint (col, ==, -1);
              continue;
            }
          g_assert_cmpint (col, >=, 0);
          g_assert_cmpuint (sam_matrix_get (m, row, col, SAM_MATRIX_REACHED), ==,
                            expected_coverage (g, c, by_plan, measure));
        }
    }
}

static guint
category_rank (const char *category)
{
  guint rank = 0;

  while (sam_target_category_values[rank].nick
         && g_strcmp0 (sam_target_category_values[rank].nick, category) != 0)
    rank++;
  return rank;
}

static void
test_coverage (World *w, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamScope) measure = parse (w, "measure:71");
  g_autoptr(SamMatrix) sectors = sam_coordination_coverage (w->store, NULL, SAM_KIND_SECTOR, &error);
  g_autoptr(SamMatrix) plans_m = sam_coordination_coverage (w->store, NULL, SAM_KIND_PLAN, &error);
  g_autoptr(SamMatrix) scoped = sam_coordination_coverage (w->store, measure, SAM_KIND_PLAN, &error);
  gint x = sam_matrix_find_row (sectors, w->groups[TG_X]);

  g_assert_no_error (error);
  check_coverage (w, sectors, FALSE, NONE);
  check_coverage (w, plans_m, TRUE, NONE);
  check_coverage (w, scoped, TRUE, M1);
  /* By hand: group X is reached in sector A by K1 and K2, and not in
   * sector B: K5 would, but it is cancelled, so that cell is a gap. */
  g_assert_cmpuint (sam_matrix_get (sectors, x, sam_matrix_find_column (sectors, w->sectors[SEC_A]), 0), ==, 2);
  g_assert_cmpuint (sam_matrix_get (sectors, x, sam_matrix_find_column (sectors, w->sectors[SEC_B]), 0), ==, 0);
  /* Rows are grouped by category, in the order of the category list,
   * groups without one last. */
  for (guint r = 1; r < sectors->rows->len; r++)
    g_assert_cmpuint (category_rank (((SamMatrixHeader *) sectors->rows->pdata[r - 1])->category), <=,
                      category_rank (((SamMatrixHeader *) sectors->rows->pdata[r])->category));
  g_assert_cmpstr (((SamMatrixHeader *) sectors->rows->pdata[x])->category, ==, "professionals");
  g_assert_null (((SamMatrixHeader *) sectors->rows->pdata[sam_matrix_find_row (sectors, w->groups[TG_Z])])->category);
}

/* Differing messages */

static void
test_message_flags (World *w, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) flags = sam_coordination_message_flags (w->store, NULL, NULL, &error);
  guint n_found = 0, n_expected = 0;

  g_assert_no_error (error);
  for (int g = 0; g < N_GROUPS; g++)
    for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
      {
        guint n_messages, n_activities;
        const SamMessageFlag *found = NULL;

        expected_messages (g, p, &n_messages, &n_activities);
        for (guint i = 0; i < flags->len; i++)
          {
            SamMessageFlag *f = flags->pdata[i];
            if (f->target_group_id == w->groups[g] && g_str_equal (f->period, periods[p].code))
              found = f;
          }
        if (n_messages < 2)
          {
            g_assert_null (found);
            continue;
          }
        n_expected++;
        g_assert_nonnull (found);
        g_assert_cmpuint (found->n_messages, ==, n_messages);
        g_assert_cmpuint (found->n_activities, ==, n_activities);
      }
  for (guint i = 0; i < flags->len; i++)
    if (group_index (w, ((SamMessageFlag *) flags->pdata[i])->target_group_id) != NONE)
      n_found++;
  g_assert_cmpuint (n_found, ==, n_expected);
  /* By hand: X hears A and B in T1 (B twice, once padded); Y hears B and
   * C in T1, B, C and D in T2, and C and D in P3's own period; nothing in
   * T3, and the blank message of I9 counts for nothing. */
  g_assert_cmpuint (n_expected, ==, 4);
}

/* Accountability */

static char *
sector_names (guint i, int ministry)
{
  GString *names = g_string_new (NULL);

  for (guint s = 0; s < MAX_LINKS && activities[i].sectors[s] != END; s++)
    if (sector_ministry[activities[i].sectors[s]] == ministry)
      g_string_append_printf (names, "%sKoord-sektor %c", names->len ? ", " : "", 'A' + activities[i].sectors[s]);
  return g_string_free (names, FALSE);
}

/* The ministries activity i answers to by sector responsibility, in the
 * order of its sectors, each once. */
static GArray *
expected_duties (guint i)
{
  GArray *duties = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint s = 0; live (i) && activities[i].lead == NONE && s < MAX_LINKS && activities[i].sectors[s] != END; s++)
    {
      int ministry = sector_ministry[activities[i].sectors[s]];
      gboolean seen = ministry == NONE;

      for (guint d = 0; d < duties->len; d++)
        seen |= g_array_index (duties, int, d) == ministry;
      if (!seen)
        g_array_append_val (duties, ministry);
    }
  return duties;
}

static void
test_accountability (World *w, gconstpointer data)
{
  for (guint i = 0; i < N_ACTIVITIES; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SamAccountability) a = sam_accountability_get (w->store, w->activities[i], &error);
      g_autoptr(GArray) duties = expected_duties (i);
      guint n_partners = 0;

      g_assert_no_error (error);
      g_assert_nonnull (a);
      g_assert_cmpint (a->activity_id, ==, w->activities[i]);
      if (live (i) && activities[i].lead != NONE)
        {
          g_assert_nonnull (a->lead);
          g_assert_cmpint (a->lead->agency_id, ==, w->agencies[activities[i].lead]);
          g_assert_cmpstr (a->lead->name, ==, agencies[activities[i].lead].name);
          g_assert_null (a->lead->sectors);
        }
      else
        g_assert_null (a->lead);
      for (guint p = 0; live (i) && p < MAX_LINKS && activities[i].partners[p] != END; p++, n_partners++)
        g_assert_cmpint (((SamAccountable *) a->partners->pdata[p])->agency_id, ==,
                         w->agencies[activities[i].partners[p]]);
      g_assert_cmpuint (a->partners->len, ==, n_partners);
      g_assert_cmpuint (a->by_sector->len, ==, duties->len);
      for (guint d = 0; d < duties->len; d++)
        {
          SamAccountable *m = a->by_sector->pdata[d];
          int ministry = g_array_index (duties, int, d);
          g_autofree char *names = sector_names (i, ministry);

          g_assert_cmpint (m->agency_id, ==, w->agencies[ministry]);
          g_assert_cmpstr (m->short_name, ==, agencies[ministry].short_name);
          g_assert_cmpstr (m->sectors, ==, names);
        }
    }

  /* By hand: K14 names no lead but a partner; it answers to KDEPT through
   * sectors E and A, and to Aktivdepartementet through C; sector D has no
   * ministry. K5 is cancelled: nobody's. */
  {
    g_autoptr(SamAccountability) k14 = sam_accountability_get (w->store, w->activities[13], NULL);
    g_autoptr(SamAccountability) k5 = sam_accountability_get (w->store, w->activities[4], NULL);
    g_autofree char *first = sam_accountable_describe (k14->by_sector->pdata[0]);
    g_autofree char *second = sam_accountable_describe (k14->by_sector->pdata[1]);

    g_assert_cmpuint (k14->partners->len, ==, 1);
    g_assert_cmpstr (first, ==, "KDEPT (Koord-sektor E, Koord-sektor A)");
    g_assert_cmpstr (second, ==, "AKTD (Koord-sektor C)");
    g_assert_null (k5->lead);
    g_assert_cmpuint (k5->by_sector->len, ==, 0);
  }
}

/* Every row of the whole plan's stream, added up, gives the matrix. */
static gboolean
count_row_cb (const SamAccountRow *row, gpointer user_data, GError **error)
{
  guint *counts = user_data;

  counts[row->role == SAM_ACCOUNT_LEAD ? 0 : row->role == SAM_ACCOUNT_PARTNER ? 1 : 2]++;
  g_assert_true (row->role == SAM_ACCOUNT_SECTOR ? row->sectors != NULL : row->sectors == NULL);
  return TRUE;
}

static void
test_accountability_stream (World *w, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamScope) measure = parse (w, "measure:72");
  guint all[3] = { 0 }, sector_only[3] = { 0 }, scoped[3] = { 0 };
  guint expected[3] = { 0 }, expected_sector = 0;

  g_assert_true (sam_accountability_foreach (w->store, NULL, 0, SAM_ACCOUNT_ALL, count_row_cb, all, &error));
  g_assert_true (sam_accountability_foreach (w->store, NULL, 0, SAM_ACCOUNT_SECTOR, count_row_cb, sector_only, &error));
  g_assert_true (sam_accountability_foreach (w->store, measure, 0, SAM_ACCOUNT_ALL, count_row_cb, scoped, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < N_ACTIVITIES; i++)
    {
      g_autoptr(GArray) duties = expected_duties (i);
      if (!live (i) || plans[activities[i].plan].measure != M2)
        continue;
      expected[0] += activities[i].lead != NONE;
      for (guint p = 0; p < MAX_LINKS && activities[i].partners[p] != END; p++)
        expected[1]++;
      expected[2] += duties->len;
    }
  for (guint i = 0; i < N_ACTIVITIES; i++)
    {
      g_autoptr(GArray) duties = expected_duties (i);
      expected_sector += duties->len;
    }
  g_assert_cmpuint (scoped[0], ==, expected[0]);
  g_assert_cmpuint (scoped[1], ==, expected[1]);
  g_assert_cmpuint (scoped[2], ==, expected[2]);
  g_assert_cmpuint (sector_only[0] + sector_only[1], ==, 0);
  g_assert_cmpuint (sector_only[2], ==, all[2]);
  /* The world's, and the default plan's beside it. */
  g_assert_cmpuint (all[2], >=, expected_sector);
}

/* Checks */

static void
test_checks_activities (World *w, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = sam_coordination_run_checks (w->store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < N_ACTIVITIES; i++)
    {
      gboolean no_lead = live (i) && activities[i].lead == NONE;
      /* A sector-wise activity is its sector's own work, as the text
       * sets it: working alone there is no gap. */
      gboolean lead_only = live (i) && activities[i].lead != NONE && g_strcmp0 (activities[i].scope, "sector") != 0;
      const SamCheckResult *r;

      for (guint p = 0; p < MAX_LINKS && activities[i].partners[p] != END; p++)
        if (activities[i].partners[p] != activities[i].lead)
          lead_only = FALSE;
      r = find_result (results, SAM_CHECK_ACTIVITY_NO_LEAD, w->activities[i], 0);
      g_assert_true ((r != NULL) == no_lead);
      if (r)
        {
          g_autoptr(GArray) duties = expected_duties (i);

          g_assert_cmpint (r->kind, ==, SAM_KIND_ACTIVITY);
          /* Nobody at all to answer for it is an error; a ministry by
           * sector responsibility still wants a lead named. */
          g_assert_cmpint (r->severity, ==, duties->len ? SAM_SEVERITY_WARNING : SAM_SEVERITY_ERROR);
          g_assert_nonnull (strstr (r->message, activities[i].title));
          for (guint d = 0; d < duties->len; d++)
            {
              g_autofree char *names = sector_names (i, g_array_index (duties, int, d));
              g_autofree char *part = g_strdup_printf ("%s (%s)", agencies[g_array_index (duties, int, d)].short_name, names);
              g_assert_nonnull (strstr (r->message, part));
            }
        }
      r = find_result (results, SAM_CHECK_ACTIVITY_LEAD_ONLY, w->activities[i], 0);
      g_assert_true ((r != NULL) == lead_only);
    }
  /* By hand: K3 has no lead; K2 and K4 (whose partner is its lead) have
   * only their lead; K5 is cancelled and needs nothing. */
  g_assert_nonnull (find_result (results, SAM_CHECK_ACTIVITY_NO_LEAD, w->activities[2], 0));
  g_assert_cmpstr (find_result (results, SAM_CHECK_ACTIVITY_NO_LEAD, w->activities[13], 0)->message, ==,
                   "No lead agency is named for the activity “K14 tre sektorer”; sector responsibility: "
                   "KDEPT (Koord-sektor E, Koord-sektor A), AKTD (Koord-sektor C).");
  g_assert_cmpint (find_result (results, SAM_CHECK_ACTIVITY_NO_LEAD, w->activities[12], 0)->severity, ==,
                   SAM_SEVERITY_ERROR);
  g_assert_nonnull (find_result (results, SAM_CHECK_ACTIVITY_LEAD_ONLY, w->activities[1], 0));
  g_assert_nonnull (find_result (results, SAM_CHECK_ACTIVITY_LEAD_ONLY, w->activities[3], 0));
  g_assert_null (find_result (results, SAM_CHECK_ACTIVITY_NO_LEAD, w->activities[4], 0));
  /* K16 is sector-wise: its lead alone is as it should be. */
  g_assert_null (find_result (results, SAM_CHECK_ACTIVITY_LEAD_ONLY, w->activities[15], 0));
}

/* An agency has a part when it leads or is a partner in a live activity,
 * answers for one by sector responsibility, organises a seminar that is
 * not cancelled, or is a body that receives reports or one the text names
 * without giving it a task. */
static gboolean
has_part (int agency)
{
  if (agency == AG_SEMINAR)   /* organises a seminar that is not cancelled */
    return TRUE;
  if (g_strcmp0 (agencies[agency].role, "recipient") == 0 || g_strcmp0 (agencies[agency].role, "named") == 0)
    return TRUE;
  for (guint i = 0; i < N_ACTIVITIES; i++)
    if (live (i) && (activities[i].lead == agency || has (activities[i].partners, agency) || sector_duty (i, agency)))
      return TRUE;
  return FALSE;
}

/* Idle: neither the agency nor any agency below it has a part. */
static gboolean
expected_idle (int agency)
{
  for (int a = 0; a < N_AGENCIES; a++)
    if (under (a, agency) && has_part (a))
      return FALSE;
  return TRUE;
}

static void
test_checks_agencies (World *w, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = sam_coordination_run_checks (w->store, &error);

  g_assert_no_error (error);
  for (int a = 0; a < N_AGENCIES; a++)
    g_assert_true ((find_result (results, SAM_CHECK_AGENCY_IDLE, w->agencies[a], 0) != NULL) == expected_idle (a));
  for (guint i = 0; i < results->len; i++)
    {
      const SamCheckResult *r = results->pdata[i];
      if (g_str_equal (r->check_id, SAM_CHECK_AGENCY_IDLE))
        g_assert_cmpint (r->kind, ==, SAM_KIND_AGENCY);
    }
  /* By hand: the lone NGO, the ministry with nothing and the organiser of
   * a cancelled seminar are idle; the seminar organiser is not, nor is the
   * ministry that answers for K15 by sector responsibility only. */
  g_assert_nonnull (find_result (results, SAM_CHECK_AGENCY_IDLE, w->agencies[AG_LONE], 0));
  g_assert_nonnull (find_result (results, SAM_CHECK_AGENCY_IDLE, w->agencies[AG_IDLE_MIN], 0));
  g_assert_null (find_result (results, SAM_CHECK_AGENCY_IDLE, w->agencies[AG_EMPTY_MIN], 0));
  g_assert_nonnull (find_result (results, SAM_CHECK_AGENCY_IDLE, w->agencies[AG_CANCELLED], 0));
  g_assert_null (find_result (results, SAM_CHECK_AGENCY_IDLE, w->agencies[AG_SEMINAR], 0));
  g_assert_null (find_result (results, SAM_CHECK_AGENCY_IDLE, w->agencies[AG_MIN], 0));
  /* A body that receives reports does not act, and is not idle; nor is an
   * organisation whose body below it takes part. */
  g_assert_null (find_result (results, SAM_CHECK_AGENCY_IDLE, w->agencies[AG_RAPPORTEUR], 0));
  g_assert_null (find_result (results, SAM_CHECK_AGENCY_IDLE, w->agencies[AG_ORG], 0));
  /* Nor is one the text names but gives no task (the body the routines
   * are for, one whose tasks lie in another focus area). */
  g_assert_null (find_result (results, SAM_CHECK_AGENCY_IDLE, w->agencies[AG_NAMED], 0));
}

/* Given: a live activity in the measure names a sector the ministry is
 * responsible for. Met: an agency of its subtree leads or partners a live
 * activity in the measure, or answers for one by sector responsibility. */
static gboolean
expected_gap (int ministry, int measure)
{
  gboolean given = FALSE, met = FALSE;

  for (guint i = 0; i < N_ACTIVITIES; i++)
    {
      if (!live (i) || plans[activities[i].plan].measure != measure)
        continue;
      for (guint s = 0; s < MAX_LINKS && activities[i].sectors[s] != END; s++)
        if (sector_ministry[activities[i].sectors[s]] == ministry)
          given = TRUE;
      if (involves (i, ministry))
        met = TRUE;
    }
  return given && !met;
}

static void
test_checks_ministries (World *w, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = sam_coordination_run_checks (w->store, &error);

  g_assert_no_error (error);
  for (int a = 0; a < N_AGENCIES; a++)
    for (int m = 0; m < N_MEASURES; m++)
      {
        const SamCheckResult *r = find_result (results, SAM_CHECK_MINISTRY_MEASURE_GAP, w->agencies[a], w->measures[m]);
        g_assert_true ((r != NULL) == (g_str_equal (agencies[a].kind, "ministry") && expected_gap (a, m)));
      }
  /* By hand: measure 71 names sector B (K4; K5 is cancelled) and C (K2,
   * K3), so Tomdepartementet and Aktivdepartementet are given it, and only
   * Aktivetaten acts there (I7): Tomdepartementet has a gap, Aktivdep. not.
   * Measure 72 names sector C (I10), where Aktivetaten acts too, and
   * sector B (K15), which names no lead: Tomdepartementet answers for it
   * by sector responsibility, so that is no gap. */
  g_assert_nonnull (find_result (results, SAM_CHECK_MINISTRY_MEASURE_GAP, w->agencies[AG_EMPTY_MIN], w->measures[M1]));
  g_assert_null (find_result (results, SAM_CHECK_MINISTRY_MEASURE_GAP, w->agencies[AG_EMPTY_MIN], w->measures[M2]));
  g_assert_null (find_result (results, SAM_CHECK_MINISTRY_MEASURE_GAP, w->agencies[AG_ACT_MIN], 0));
  g_assert_null (find_result (results, SAM_CHECK_MINISTRY_MEASURE_GAP, w->agencies[AG_MIN], 0));
}

static void
test_checks_groups (World *w, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = sam_coordination_run_checks (w->store, &error);
  guint mixed = 0;

  g_assert_no_error (error);
  /* The parent is reached through its sub-group, and the group under an
   * umbrella through the umbrella; only the forgotten group is unreached. */
  for (int g = 0; g < N_GROUPS; g++)
    g_assert_true ((find_result (results, SAM_CHECK_TARGET_GROUP_UNREACHED, w->groups[g], 0) != NULL) == (g == TG_NONE));
  for (guint i = 0; i < results->len; i++)
    {
      const SamCheckResult *r = results->pdata[i];
      if (g_str_equal (r->check_id, SAM_CHECK_MIXED_MESSAGES) && group_index (w, r->id) != NONE)
        {
          g_assert_cmpint (r->kind, ==, SAM_KIND_TARGET_GROUP);
          g_assert_cmpint (r->severity, ==, SAM_SEVERITY_WARNING);
          mixed++;
        }
    }
  g_assert_cmpuint (mixed, ==, 4);
}

static void
test_checks_knowledge_gaps (World *w, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = sam_coordination_run_checks (w->store, &error);
  const SamCheckResult *r;

  g_assert_no_error (error);
  g_assert_null (find_result (results, SAM_CHECK_KNOWLEDGE_GAP_UNADDRESSED, w->gaps[0], 0));
  r = find_result (results, SAM_CHECK_KNOWLEDGE_GAP_UNADDRESSED, w->gaps[1], 0);
  g_assert_nonnull (r);
  g_assert_cmpint (r->kind, ==, SAM_KIND_KNOWLEDGE_GAP);
  g_assert_cmpint (r->severity, ==, SAM_SEVERITY_WARNING);
  g_assert_cmpstr (r->message, ==, "No R&D project addresses the knowledge gap “Koord-kunnskapshull uten prosjekt”.");
}

/* Every result names what it concerns, and the checks come in a stable
 * order: all of one check before the next. */
static void
test_checks_order (World *w, gconstpointer data)
{
  static const char *order[] = {
    SAM_CHECK_ACTIVITY_NO_LEAD, SAM_CHECK_ACTIVITY_LEAD_ONLY, SAM_CHECK_AGENCY_IDLE,
    SAM_CHECK_MINISTRY_MEASURE_GAP, SAM_CHECK_TARGET_GROUP_UNREACHED, SAM_CHECK_MIXED_MESSAGES,
    SAM_CHECK_KNOWLEDGE_GAP_UNADDRESSED,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = sam_coordination_run_checks (w->store, &error);
  guint stage = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (results->len, >, 0);
  for (guint i = 0; i < results->len; i++)
    {
      const SamCheckResult *r = results->pdata[i];
      while (stage < G_N_ELEMENTS (order) && !g_str_equal (order[stage], r->check_id))
        stage++;
      g_assert_cmpuint (stage, <, G_N_ELEMENTS (order));
      g_assert_cmpuint (r->id, >, 0);
      g_assert_true (r->message != NULL && *r->message != '\0');
      g_assert_null (strchr (r->message, '\n'));
    }
}

/* Scopes */

static void
test_scope_parse (World *w, gconstpointer data)
{
  static const struct { const char *spec; int code; } bad[] = {
    { "bogus:1", SAM_STORE_ERROR_INVALID },
    { "measure", SAM_STORE_ERROR_INVALID },
    { "measure:", SAM_STORE_ERROR_INVALID },
    { "measure:abc", SAM_STORE_ERROR_NOT_FOUND },
    { "measure:999", SAM_STORE_ERROR_NOT_FOUND },
    { "ministry:KDIR", SAM_STORE_ERROR_NOT_FOUND },
    { "agency:nobody", SAM_STORE_ERROR_NOT_FOUND },
    { "plan:0", SAM_STORE_ERROR_NOT_FOUND },
  };
  g_autoptr(SamScope) whole = parse (w, NULL);
  g_autoptr(SamScope) measure = parse (w, "measure:71");
  g_autoptr(SamScope) agency = parse (w, "agency:ksub");
  g_autoptr(SamScope) by_name = parse (w, "agency:Underetaten");
  g_autoptr(SamScope) ministry = parse (w, "ministry:KDEPT");
  g_autofree char *plan_spec = g_strdup_printf ("plan:%" G_GINT64_FORMAT, w->plans[P2]);
  g_autoptr(SamScope) plan = parse (w, plan_spec);
  g_autoptr(SamScope) focus = parse (w, "focus-area:77");
  g_autoptr(SamScope) copy = sam_scope_copy (ministry);

  g_assert_true (sam_scope_is_whole (whole));
  g_assert_cmpint (measure->kind, ==, SAM_SCOPE_MEASURE);
  g_assert_cmpint (measure->id, ==, w->measures[M1]);
  g_assert_cmpint (measure->number, ==, 71);
  g_assert_cmpstr (measure->title, ==, "Koord-tiltak 71");
  g_assert_cmpint (agency->id, ==, w->agencies[AG_SUB]);
  g_assert_cmpint (by_name->id, ==, w->agencies[AG_SUB]);
  g_assert_cmpstr (ministry->short_name, ==, "KDEPT");
  g_assert_cmpint (plan->id, ==, w->plans[P2]);
  g_assert_cmpint (focus->number, ==, 77);
  g_assert_cmpstr (copy->title, ==, ministry->title);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SamScope) scope = sam_scope_parse (w->store, bad[i].spec, &error);
      g_assert_null (scope);
      g_assert_error (error, SAM_STORE_ERROR, bad[i].code);
    }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/coordination/" path, World, NULL, world_set_up, fn, world_tear_down)
  ADD ("responsibility/whole-strategy", test_responsibility_whole);
  ADD ("responsibility/grouped-under-ministry", test_responsibility_grouping);
  ADD ("responsibility/scoped", test_responsibility_scoped);
  ADD ("responsibility/cell-text", test_responsibility_cell_text);
  ADD ("coverage/counts-and-gaps", test_coverage);
  ADD ("messages/different-messages-per-period", test_message_flags);
  ADD ("accountability/each-activity", test_accountability);
  ADD ("accountability/stream", test_accountability_stream);
  ADD ("checks/activities", test_checks_activities);
  ADD ("checks/idle-agencies", test_checks_agencies);
  ADD ("checks/ministry-measure-gaps", test_checks_ministries);
  ADD ("checks/target-groups", test_checks_groups);
  ADD ("checks/knowledge-gaps", test_checks_knowledge_gaps);
  ADD ("checks/order-and-messages", test_checks_order);
  ADD ("scope/parse", test_scope_parse);
#undef ADD
  return g_test_run ();
}
