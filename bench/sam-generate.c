/* sam-generate: writes a large Samordna database for benchmarks.
 *
 * Usage: sam-generate PATH [ACTIVITIES [LEADS]]    (default 100000; try 1000, 10000)
 *
 * PATH is a new file, or the address of a database on a PostgreSQL server
 * that `samordna server init` set up (bench/server-bench.sh), given as its
 * owner: the same rows go in either way.
 *
 * LEADS (default: all 500) limits the lead agencies to the first LEADS, so
 * that a reporting round of LEADS agencies × ACTIVITIES / LEADS rows can be
 * measured.
 *
 * Next to the default plan: 500 agencies (15 ministries, their
 * directorates and agencies, and organisations under no ministry), 300
 * target groups in five categories, 40 sectors (each with its ministry),
 * 4 focus areas of 10 measures with 5 plans each, ACTIVITIES activities
 * spread over them with leads, partners, sectors, target groups, messages
 * and dates, 10 reporting periods with status updates (an activity reports
 * in about two periods out of three while it runs, in progress until its
 * last period gives its status; its own status and progress, noted as set
 * when it first reported, were planned and none before), and one seminar per 50
 * activities with registrations. The numbers come from a fixed seed, so every run
 * writes the same database.
 *
 * The store creates the database (schema and default plan); the bulk rows
 * go in with prepared statements in one transaction, which a benchmark
 * generator may do and the program itself never does.
 */
#define G_LOG_DOMAIN "sam-generate"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/sam-store-private.h"

#define N_SECTORS 40
#define N_MINISTRIES 15
#define N_AGENCIES 500
#define N_GROUPS 300
#define N_FOCUS_AREAS 4
#define MEASURES_PER_AREA 10
#define PLANS_PER_MEASURE 5
#define N_PERIODS 10

typedef struct
{
  SamDb   *db;
  GRand   *rand;
  gint64   sectors[N_SECTORS], agencies[N_AGENCIES], groups[N_GROUPS];
  gint64   plans[N_FOCUS_AREAS * MEASURES_PER_AREA * PLANS_PER_MEASURE];
  gboolean information[N_FOCUS_AREAS * MEASURES_PER_AREA * PLANS_PER_MEASURE];
  gint64   periods[N_PERIODS];
  char     period_start[N_PERIODS][11], period_end[N_PERIODS][11];
  gint64   formats[4];
  guint    n_leads;   /* lead agencies are picked among the first n_leads */
} Gen;

static SamStmt *
prepare (Gen *g, const char *sql)
{
  g_autoptr(GError) error = NULL;
  SamStmt *stmt = sam_db_prepare (g->db, sql, &error);

  if (stmt == NULL)
    g_error ("%s: %s", sql, error->message);
  return stmt;
}

/* Binds the arguments described by @types ('i' a gint64, 's' a text, 'n'
 * NULL without an argument) and runs @stmt; returns the id it returns (an
 * INSERT … RETURNING id), or 0. */
static gint64
run (Gen *g, SamStmt *stmt, const char *types, ...)
{
  g_autoptr(GError) error = NULL;
  va_list args;
  SamStep step;
  gint64 id = 0;

  va_start (args, types);
  for (int i = 0; types[i]; i++)
    {
      if (types[i] == 'i')
        sam_stmt_bind_int (stmt, i + 1, va_arg (args, gint64));
      else if (types[i] == 's')
        sam_stmt_bind_text (stmt, i + 1, va_arg (args, const char *));
      else
        sam_stmt_bind_null (stmt, i + 1);
    }
  va_end (args);
  while ((step = sam_stmt_step (stmt, &error)) == SAM_STEP_ROW)
    id = sam_stmt_column_int (stmt, 0);
  if (step == SAM_STEP_ERROR)
    g_error ("%s", error->message);
  sam_stmt_reset (stmt);
  return id;
}

static gint64
pick (Gen *g, const gint64 *ids, int n)
{
  return ids[g_rand_int_range (g->rand, 0, n)];
}

static void
make_world (Gen *g)
{
  static const char *kinds[] = { "directorate", "agency", "research", "legal" };
  static const char *free_kinds[] = { "ngo", "municipality", "business", "international", "research" };
  static const char *categories[] = { "professionals", "at_risk", "demand", "industry", "public" };
  SamStmt *sector = prepare (g, "INSERT INTO sector (name) VALUES (?) RETURNING id");
  SamStmt *agency = prepare (g, "INSERT INTO agency (name, short_name, kind, parent_id) VALUES (?, ?, ?, ?) RETURNING id");
  SamStmt *agency_sector = prepare (g, "INSERT INTO agency_sector (agency_id, sector_id, position) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
  SamStmt *group = prepare (g, "INSERT INTO target_group (name, category, parent_id) VALUES (?, ?, ?) RETURNING id");
  SamStmt *ministry_of = prepare (g, "UPDATE sector SET ministry_id = ? WHERE id = ?");

  for (int i = 0; i < N_SECTORS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Sektor %02d", i + 1);
      g->sectors[i] = run (g, sector, "s", name);
    }
  for (int i = 0; i < N_AGENCIES; i++)
    {
      g_autofree char *name = g_strdup_printf ("Virksomhet %03d", i + 1);
      g_autofree char *short_name = g_strdup_printf ("V%03d", i + 1);
      gboolean ministry = i < N_MINISTRIES, independent = i >= 400;
      /* Directorates under ministries, agencies under either. */
      gint64 parent = ministry || independent ? 0 : i < 75 ? g->agencies[i % N_MINISTRIES] : pick (g, g->agencies, 75);

      if (ministry)
        {
          g_free (name);
          name = g_strdup_printf ("Departement %02d", i + 1);
        }
      g->agencies[i] = parent ? run (g, agency, "sssi", name, short_name, ministry ? "ministry" : kinds[i % 4], parent)
                              : run (g, agency, "sssn", name, short_name, ministry ? "ministry" : free_kinds[i % 5]);
      for (int s = 0; s < (ministry ? 3 : 1); s++)
        run (g, agency_sector, "iii", g->agencies[i], pick (g, g->sectors, N_SECTORS), (gint64) s);
    }
  /* Every sector has its responsible ministry, so that the activities
   * without a lead answer to one by sector responsibility. */
  for (int i = 0; i < N_SECTORS; i++)
    run (g, ministry_of, "ii", g->agencies[i % N_MINISTRIES], g->sectors[i]);
  for (int i = 0; i < N_GROUPS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Målgruppe %03d", i + 1);
      g->groups[i] = i % 10 == 9 ? run (g, group, "ssi", name, categories[i % 5], g->groups[i - 1])
                                 : run (g, group, "ssn", name, categories[i % 5]);
    }
  sam_stmt_free (sector);
  sam_stmt_free (agency);
  sam_stmt_free (agency_sector);
  sam_stmt_free (group);
  sam_stmt_free (ministry_of);
}

static void
make_plans (Gen *g)
{
  static const char *kinds[] = { "competence", "information", "knowledge", "prevention" };
  SamStmt *area = prepare (g, "INSERT INTO focus_area (strategy_id, number, title) VALUES ((SELECT min(id) FROM strategy), ?, ?) RETURNING id");
  SamStmt *measure = prepare (g, "INSERT INTO measure (focus_area_id, number, title) VALUES (?, ?, ?) RETURNING id");
  SamStmt *plan = prepare (g, "INSERT INTO plan (measure_id, title, kind, scope, start_date, end_date) VALUES (?, ?, ?, 'cross_sector', ?, ?) RETURNING id");
  SamStmt *period = prepare (g, "INSERT INTO reporting_period (code, start_date, end_date) VALUES (?, ?, ?) RETURNING id");
  int p = 0;

  for (int a = 0; a < N_FOCUS_AREAS; a++)
    {
      g_autofree char *title = g_strdup_printf ("Innsatsområde %d", 11 + a);
      gint64 area_id = run (g, area, "is", (gint64) (11 + a), title);

      for (int m = 0; m < MEASURES_PER_AREA; m++)
        {
          gint64 number = 100 + a * MEASURES_PER_AREA + m;
          g_autofree char *mtitle = g_strdup_printf ("Tiltak %" G_GINT64_FORMAT, number);
          gint64 measure_id = run (g, measure, "iis", area_id, number, mtitle);

          for (int k = 0; k < PLANS_PER_MEASURE; k++, p++)
            {
              g_autofree char *ptitle = g_strdup_printf ("Plan %" G_GINT64_FORMAT "-%d", number, k + 1);
              g->information[p] = k % 4 == 1;
              g->plans[p] = run (g, plan, "issss", measure_id, ptitle, kinds[k % 4], "2026-01-01", "2029-12-31");
            }
        }
    }
  for (int i = 0; i < N_PERIODS; i++)
    {
      int year = 2027 + i / 3, third = i % 3;
      g_autofree char *code = g_strdup_printf ("%d-T%d", year, third + 1);
      g_snprintf (g->period_start[i], 11, "%d-%02d-01", year, 1 + 4 * third);
      g_snprintf (g->period_end[i], 11, "%d-%02d-%02d", year, 4 + 4 * third, third == 1 ? 31 : third == 0 ? 30 : 31);
      g->periods[i] = run (g, period, "sss", code, g->period_start[i], g->period_end[i]);
    }
  sam_stmt_free (area);
  sam_stmt_free (measure);
  sam_stmt_free (plan);
  sam_stmt_free (period);
}

typedef struct
{
  SamStmt *activity, *partner, *sector, *group, *update, *note;
} ActivityStatements;

/* An update's status: the activity's own in its last period (and a
 * planned one's always), in progress before. */
static const char *
status_in (const char *status,
           int         period,
           int         last)
{
  return period == last || g_str_equal (status, "planned") ? status : "in_progress";
}

static void
make_updates (Gen *g, ActivityStatements *s, gint64 id, int first, int last, const char *status, gint64 progress,
              const char *title, gint64 plan)
{
  g_autofree char *first_at = NULL;

  for (int p = first; p <= last && p < N_PERIODS; p++)
    {
      g_autofree char *at = NULL, *comment = NULL;

      if (g_rand_int_range (g->rand, 0, 3) == 0)
        continue;
      at = g_strdup_printf ("%s 10:%02d", g->period_end[p], g_rand_int_range (g->rand, 0, 60));
      comment = g_strdup_printf ("Status for periode %d: arbeidet går som planlagt, med noen forsinkelser.", p + 1);
      run (g, s->update, "iisisss", id, g->periods[p], status_in (status, p, last),
           MIN (100, progress * (p - first + 1) / MAX (1, last - first + 1)), comment, "Rapportør", at);
      if (first_at == NULL)
        first_at = g_strdup (at);
    }
  /* Its first update set its own fields, which were planned and none. */
  if (first_at && !g_str_equal (status, "planned"))
    run (g, s->note, "isssssi", id, first_at, "status", "planned", status, title, plan);
  if (first_at)
    {
      g_autofree char *to = g_strdup_printf ("%" G_GINT64_FORMAT, progress);
      run (g, s->note, "issnssi", id, first_at, "progress", to, title, plan);
    }
}

static void
make_activity (Gen *g, ActivityStatements *s, int i)
{
  static const char *statuses[] = { "planned", "in_progress", "in_progress", "done", "delayed", "cancelled" };
  static const char *messages[] = { "Kjenn dine rettigheter", "Menneskehandel skjer her", "Si fra", "Du kan få hjelp",
                                    "Etterspørsel driver utnyttelse", "Kjøp ikke sex", "Sjekk arbeidsvilkårene" };
  int plan = g_rand_int_range (g->rand, 0, G_N_ELEMENTS (g->plans));
  const char *status = statuses[g_rand_int_range (g->rand, 0, G_N_ELEMENTS (statuses))];
  gint64 progress = g_str_equal (status, "done") ? 100 : g_rand_int_range (g->rand, 0, 100);
  int first = g_rand_int_range (g->rand, 0, N_PERIODS);
  int span = g_rand_int_range (g->rand, 1, 6);   /* not inside MIN(), which evaluates twice */
  int last = MIN (N_PERIODS - 1, first + span);
  g_autofree char *title = g_strdup_printf ("Aktivitet %06d: kompetanse og informasjon om menneskehandel", i + 1);
  g_autofree char *description = g_strdup_printf ("Beskrivelse av aktivitet %d, med mål, målgrupper og gjennomføring i perioden.", i + 1);
  /* One in ten has no lead. The draws are made one by one, not among a
   * call's arguments, whose order C leaves open. */
  gint64 lead = g_rand_int_range (g->rand, 0, 10) ? pick (g, g->agencies, g->n_leads) : 0;
  const char *message = messages[g_rand_int_range (g->rand, 0, G_N_ELEMENTS (messages))];
  gint64 id;

  if (g->information[plan])
    id = run (g, s->activity, "isssissssi", g->plans[plan], title, description, "sector", lead, message,
              g->period_start[first], g->period_end[last], status, progress);
  else
    id = run (g, s->activity, "isssinsssi", g->plans[plan], title, description, "cross_sector", lead,
              g->period_start[first], g->period_end[last], status, progress);
  for (int k = 0, n = g_rand_int_range (g->rand, 0, 5); k < n; k++)
    run (g, s->partner, "iii", id, pick (g, g->agencies, N_AGENCIES), (gint64) k);
  for (int k = 0, n = g_rand_int_range (g->rand, 1, 4); k < n; k++)
    run (g, s->sector, "iii", id, pick (g, g->sectors, N_SECTORS), (gint64) k);
  for (int k = 0, n = g_rand_int_range (g->rand, 1, 5); k < n; k++)
    run (g, s->group, "iii", id, pick (g, g->groups, N_GROUPS), (gint64) k);
  make_updates (g, s, id, first, last, status, progress, title, g->plans[plan]);
}

static void
make_activities (Gen *g, int n)
{
  ActivityStatements s = {
    /* A lead of 0 becomes NULL through nullif(). */
    prepare (g, "INSERT INTO activity (plan_id, title, description, scope, lead_agency_id, message, start_date, due_date, status, progress) "
                "VALUES (?1, ?2, ?3, ?4, nullif(?5, 0), ?6, ?7, ?8, ?9, ?10) RETURNING id"),
    prepare (g, "INSERT INTO activity_partner (activity_id, agency_id, position) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"),
    prepare (g, "INSERT INTO activity_sector (activity_id, sector_id, position) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"),
    prepare (g, "INSERT INTO activity_target_group (activity_id, target_group_id, position) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"),
    prepare (g, "INSERT INTO status_update (activity_id, period_id, status, progress, comment, reported_by, reported_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)"),
    prepare (g, "INSERT INTO activity_change (activity_id, changed_at, field, old_value, new_value, title, plan_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)"),
  };

  for (int i = 0; i < n; i++)
    make_activity (g, &s, i);
  sam_stmt_free (s.activity);
  sam_stmt_free (s.partner);
  sam_stmt_free (s.sector);
  sam_stmt_free (s.group);
  sam_stmt_free (s.update);
  sam_stmt_free (s.note);
}

static void
make_seminars (Gen *g, int n)
{
  static const char *statuses[] = { "planned", "open", "held", "held", "cancelled" };
  SamStmt *seminar = prepare (g, "INSERT INTO seminar (format_id, title, starts_at, place, organiser_id, activity_id, capacity, status) "
                                      "VALUES ((SELECT id FROM seminar_format ORDER BY id LIMIT 1 OFFSET ?), ?, ?, 'Oslo', ?, "
                                      "(SELECT id FROM activity ORDER BY id DESC LIMIT 1 OFFSET ?), 120, ?) RETURNING id");
  SamStmt *sector = prepare (g, "INSERT INTO seminar_sector (seminar_id, sector_id, position) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
  SamStmt *registration = prepare (g, "INSERT INTO registration (seminar_id, organisation, sector_id, participants, attended, waitlisted, registered_at, names) "
                                           "VALUES (?, ?, ?, ?, ?, ?, '2027-01-15 12:00', 'Navn Navnesen, Ola Olsen')");

  for (int i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Seminar %04d om menneskehandel", i + 1);
      g_autofree char *at = g_strdup_printf ("%d-%02d-%02d 09:00", 2027 + i % 3, 1 + i % 12, 1 + i % 28);
      gint64 organiser = pick (g, g->agencies, N_AGENCIES);
      gint64 activity = g_rand_int_range (g->rand, 0, 1000);
      gint64 id = run (g, seminar, "issiis", (gint64) (i % 4), title, at, organiser, activity,
                       statuses[i % G_N_ELEMENTS (statuses)]);

      run (g, sector, "iii", id, pick (g, g->sectors, N_SECTORS), (gint64) 0);
      for (int r = 0, nr = g_rand_int_range (g->rand, 2, 8); r < nr; r++)
        {
          g_autofree char *org = g_strdup_printf ("Organisasjon %d", g_rand_int_range (g->rand, 1, 400));
          gint64 sector_id = pick (g, g->sectors, N_SECTORS);
          gint64 participants = g_rand_int_range (g->rand, 1, 12);
          gint64 attended = participants - g_rand_int_range (g->rand, 0, 2);
          run (g, registration, "isiiii", id, org, sector_id, participants, attended, (gint64) (r == 5));
        }
    }
  sam_stmt_free (seminar);
  sam_stmt_free (sector);
  sam_stmt_free (registration);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) store = NULL;
  Gen g = { NULL };
  int n = argc > 2 ? atoi (argv[2]) : 100000;
  int leads = argc > 3 ? atoi (argv[3]) : N_AGENCIES;

  setlocale (LC_ALL, "");
  if (argc < 2 || n <= 0 || leads <= 0 || leads > N_AGENCIES)
    {
      g_printerr ("Usage: %s PATH [ACTIVITIES [LEADS]]\n", argv[0]);
      return 2;
    }
  if (!sam_store_is_server_address (argv[1]) && g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      g_printerr ("%s: “%s” exists; give a new path\n", argv[0], argv[1]);
      return 2;
    }
  if (!(store = sam_store_open (argv[1], &error)))
    g_error ("%s", error->message);
  g.db = sam_store_get_db (store);
  g.rand = g_rand_new_with_seed (42);
  g.n_leads = (guint) leads;
  if (!sam_db_begin (g.db, SAM_DB_WRITE, &error))
    g_error ("%s", error->message);
  make_world (&g);
  make_plans (&g);
  make_activities (&g, n);
  make_seminars (&g, MAX (1, n / 50));
  if (!sam_db_commit (g.db, &error))
    g_error ("%s", error->message);
  g_rand_free (g.rand);
  g_print ("%s: %d activities\n", argv[1], n);
  return 0;
}
