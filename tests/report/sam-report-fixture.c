/* sam-report-fixture: writes a Samordna database for the report tests.
 *
 * Usage: sam-report-fixture PATH
 *        sam-report-fixture PATH --limited-report OUTPUT ROWS
 *
 * The second form writes a Norwegian report of PATH with at most ROWS rows
 * per sheet, to test continuation sheets without a million rows.
 *
 * The database holds the default plan and, next to it, a focus area 9 with
 * measures 90 and 91, three plans, nine activities (the last made after
 * the others, in the first plan), a ministry "TDEP" with two levels of
 * agencies, status updates, seminars and registrations with participant
 * names (which no report may show). Registrations set
 * "waitlisted" always: the store writes NULL for an unset flag, which the
 * column's NOT NULL refuses. Titles that start with
 * =, +, - and @, control characters and a very long description test that
 * text stays text. Everything goes through sam_store_insert().
 */
#define G_LOG_DOMAIN "sam-report-fixture"

#include "config.h"

#include <locale.h>

#include "report/sam-report-private.h"
#include "store/sam-store.h"

static SamStore *store;

/* Creates a record of @kind from "field", value pairs ending in NULL;
 * a value "#123" is the number 123, "@a,b" a list of ids or strings. */
static gint64
make (SamKind kind, ...)
{
  g_autoptr(SamRecord) r = sam_record_new (kind);
  g_autoptr(GError) error = NULL;
  const char *field;
  va_list args;

  va_start (args, kind);
  while ((field = va_arg (args, const char *)) != NULL)
    {
      const SamField *f = sam_kind_find_field (kind, field);

      g_assert (f != NULL);
      if (f->type == SAM_FIELD_INT || f->type == SAM_FIELD_BOOL || f->type == SAM_FIELD_REF)
        sam_record_set_int (r, field, va_arg (args, gint64));
      else if (f->type == SAM_FIELD_REFS)
        {
          const gint64 *ids = va_arg (args, const gint64 *);
          for (guint i = 0; ids[i] != 0; i++)
            sam_record_add_ref (r, field, ids[i]);
        }
      else if (f->type == SAM_FIELD_STRINGS)
        sam_record_set_strings (r, field, va_arg (args, const char **));
      else
        sam_record_set_string (r, field, va_arg (args, const char *));
    }
  va_end (args);
  if (!sam_store_insert (store, r, &error))
    g_error ("Could not insert a %s: %s", sam_kind_get_info (kind)->name, error->message);
  return sam_record_get_id (r);
}

#define IDS(...) ((const gint64[]) { __VA_ARGS__, 0 })
#define NO_IDS ((const gint64[]) { 0 })
#define N(x) ((gint64) (x))

static gint64
period_id (const char *code)
{
  g_autoptr(GPtrArray) periods = sam_store_list (store, SAM_KIND_REPORTING_PERIOD, NULL);

  for (guint i = 0; periods && i < periods->len; i++)
    if (g_str_equal (sam_record_get_string (periods->pdata[i], "code"), code))
      return sam_record_get_id (periods->pdata[i]);
  g_error ("No period %s in the default plan", code);
}

static gint64
format_id (const char *kind)
{
  g_autoptr(GPtrArray) formats = sam_store_list (store, SAM_KIND_SEMINAR_FORMAT, NULL);

  for (guint i = 0; formats && i < formats->len; i++)
    if (g_str_equal (sam_record_get_string (formats->pdata[i], "kind"), kind))
      return sam_record_get_id (formats->pdata[i]);
  g_error ("No seminar format %s in the default plan", kind);
}

static int
limited_report (const char *path,
                const char *output,
                guint32     rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) db = sam_store_open (path, &error);
  SamReportOptions options = { NULL, "2026-T2", SAM_REPORT_LANGUAGE_NB, "2026-05-15" };

  if (db == NULL || !sam_report_write_limited (db, &options, output, rows, &error))
    g_error ("%s", error->message);
  return 0;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) strategies = NULL;
  g_autofree char *long_text = NULL;
  gint64 sa, sb, tdep, tdir, tet, ttil, fri, tg1, tg2, tg3, fa, m90, m91, p1, p2, p3;
  gint64 a1, a2, a3, a4, a5, a7, a9, s1, s2, t1, t2;

  setlocale (LC_ALL, "");
  if (argc == 5 && g_str_equal (argv[2], "--limited-report"))
    return limited_report (argv[1], argv[3], (guint32) g_ascii_strtoull (argv[4], NULL, 10));
  if (argc != 2)
    {
      g_printerr ("Usage: %s PATH [--limited-report OUTPUT ROWS]\n", argv[0]);
      return 2;
    }
  if (!(store = sam_store_open (argv[1], &error)))
    g_error ("%s", error->message);
  strategies = sam_store_list (store, SAM_KIND_STRATEGY, NULL);
  t1 = period_id ("2026-T1");
  t2 = period_id ("2026-T2");

  sa = make (SAM_KIND_SECTOR, "name", "Testsektor A", NULL);
  sb = make (SAM_KIND_SECTOR, "name", "Testsektor B", NULL);
  tdep = make (SAM_KIND_AGENCY, "name", "Testdepartementet", "short_name", "TDEP", "kind", "ministry",
               "sectors", IDS (sa), NULL);
  tdir = make (SAM_KIND_AGENCY, "name", "Testdirektoratet", "short_name", "TDIR", "kind", "directorate",
               "parent_id", tdep, NULL);
  tet = make (SAM_KIND_AGENCY, "name", "Testetaten", "short_name", "TET", "kind", "agency", "parent_id", tdir, NULL);
  ttil = make (SAM_KIND_AGENCY, "name", "Testtilsynet", "short_name", "TTIL", "kind", "agency", "parent_id", tdep, NULL);
  fri = make (SAM_KIND_AGENCY, "name", "Frittstående forening", "short_name", "FRI", "kind", "ngo", NULL);
  tg1 = make (SAM_KIND_TARGET_GROUP, "name", "Testgruppe 1", "category", "professionals", NULL);
  tg2 = make (SAM_KIND_TARGET_GROUP, "name", "Testgruppe 2", "category", "at_risk", NULL);
  tg3 = make (SAM_KIND_TARGET_GROUP, "name", "Testgruppe 3", NULL);

  fa = make (SAM_KIND_FOCUS_AREA, "strategy_id", sam_record_get_id (strategies->pdata[0]), "number", N (9),
             "title", "Testområde", NULL);
  m90 = make (SAM_KIND_MEASURE, "focus_area_id", fa, "number", N (90), "title", "Testtiltak nitti", NULL);
  m91 = make (SAM_KIND_MEASURE, "focus_area_id", fa, "number", N (91), "title", "Testtiltak nittien", NULL);
  p1 = make (SAM_KIND_PLAN, "measure_id", m90, "title", "Testplan kompetanse", "kind", "competence",
             "scope", "cross_sector", "start_date", "2026-01-01", "end_date", "2026-12-31", NULL);
  p2 = make (SAM_KIND_PLAN, "measure_id", m90, "title", "Testplan informasjon", "kind", "information",
             "scope", "cross_sector", "start_date", "2026-01-01", "end_date", "2027-12-31", NULL);
  p3 = make (SAM_KIND_PLAN, "measure_id", m91, "title", "Testplan forebygging", "kind", "prevention", NULL);

  a1 = make (SAM_KIND_ACTIVITY, "plan_id", p1, "title", "=SUM(1,2)", "description", "Formel som tittel",
             "scope", "cross_sector", "lead_agency_id", tet, "partners", IDS (ttil, fri),
             "sectors", IDS (sa), "target_groups", IDS (tg1, tg2), "start_date", "2026-01-10",
             "due_date", "2026-03-01", "status", "in_progress", "progress", N (40), NULL);
  a2 = make (SAM_KIND_ACTIVITY, "plan_id", p1, "title", "+47 12345678", "lead_agency_id", tdir,
             "sectors", IDS (sa, sb), "target_groups", IDS (tg1), "due_date", "2026-02-01",
             "status", "done", "progress", N (100), NULL);
  a3 = make (SAM_KIND_ACTIVITY, "plan_id", p1, "title", "-minus først", "partners", IDS (fri),
             "sectors", IDS (sb), "target_groups", IDS (tg3), "status", "planned", NULL);
  a4 = make (SAM_KIND_ACTIVITY, "plan_id", p2, "title", "@nevnt", "lead_agency_id", ttil, "partners", IDS (tet),
             "target_groups", IDS (tg1), "message", "Budskap én", "channels", (const char *[]) { "Nett", "Plakat", NULL },
             "languages", (const char *[]) { "nb", "en", NULL }, "due_date", "2026-04-01",
             "status", "delayed", "progress", N (10), NULL);
  a5 = make (SAM_KIND_ACTIVITY, "plan_id", p2, "title", "Informasjon to", "lead_agency_id", fri,
             "partners", IDS (tdir), "target_groups", IDS (tg1, tg2), "message", "  Budskap to\n",
             "status", "planned", NULL);
  make (SAM_KIND_ACTIVITY, "plan_id", p2, "title", "Avlyst aktivitet", "lead_agency_id", tet,
        "target_groups", IDS (tg1), "message", "Budskap tre", "status", "cancelled", NULL);
  a7 = make (SAM_KIND_ACTIVITY, "plan_id", p3, "title", "Kontroll\001tegn og\ttab", "lead_agency_id", tet,
             "partners", IDS (ttil), "sectors", IDS (sa), "target_groups", IDS (tg2),
             "due_date", "2026-12-31", "status", "in_progress", "progress", N (70), NULL);
  long_text = g_strnfill (9999, 'x');
  make (SAM_KIND_ACTIVITY, "plan_id", p3, "title", "Lang beskrivelse", "description", long_text, "progress", N (25), NULL);
  /* Made last, in the first plan: the lists go by plan, then id. */
  a9 = make (SAM_KIND_ACTIVITY, "plan_id", p1, "title", "Sist laget", "lead_agency_id", tdir,
             "status", "in_progress", "progress", N (60), NULL);

  make (SAM_KIND_STATUS_UPDATE, "activity_id", a1, "period_id", t1, "status", "in_progress", "progress", N (20),
        "comment", "Startet", "reported_by", "Kari", "reported_at", "2026-04-20 09:30", NULL);
  make (SAM_KIND_STATUS_UPDATE, "activity_id", a1, "period_id", t2, "status", "in_progress", "progress", N (40),
        "comment", "Halvveis", "reported_by", "Kari", "reported_at", "2026-08-20 14:00", NULL);
  make (SAM_KIND_STATUS_UPDATE, "activity_id", a2, "period_id", t1, "status", "done", "progress", N (100),
        "comment", "Ferdig", "reported_by", "Ola", "reported_at", "2026-04-25 08:00", NULL);
  make (SAM_KIND_STATUS_UPDATE, "activity_id", a4, "period_id", t1, "status", "delayed", "progress", N (10),
        "comment", "Venter på trykkeri", "reported_by", "Per", "reported_at", "2026-04-28 12:00", NULL);
  make (SAM_KIND_STATUS_UPDATE, "activity_id", a7, "period_id", t2, "status", "in_progress", "progress", N (70),
        "comment", "=HYPERLINK(\"http://example.invalid\")", "reported_by", "Lise",
        "reported_at", "2026-08-30 16:45", NULL);
  /* Reported out of order: the history goes by period, the latest is T2's. */
  make (SAM_KIND_STATUS_UPDATE, "activity_id", a9, "period_id", t2, "status", "in_progress", "progress", N (60),
        "comment", "Nesten", "reported_by", "Ola", "reported_at", "2026-08-10 10:00", NULL);
  make (SAM_KIND_STATUS_UPDATE, "activity_id", a9, "period_id", t1, "status", "in_progress", "progress", N (30),
        "comment", "I gang", "reported_by", "Ola", "reported_at", "2026-04-10 10:00", NULL);

  s1 = make (SAM_KIND_SEMINAR, "format_id", format_id ("national"), "title", "Nasjonalt testseminar 2026",
             "starts_at", "2026-03-15 09:00", "ends_at", "2026-03-15 16:00", "place", "Oslo",
             "organiser_id", tdir, "activity_id", a1, "sectors", IDS (sa), "target_groups", IDS (tg1),
             "capacity", N (100), "status", "held", "evaluation_score", N (4), "evaluation_comment", "Nyttig", NULL);
  make (SAM_KIND_REGISTRATION, "seminar_id", s1, "organisation", "Org X", "sector_id", sa, "participants", N (10),
        "attended", N (8), "waitlisted", N (0), "names", "Kari Nordmann, Ola Nordmann", NULL);
  make (SAM_KIND_REGISTRATION, "seminar_id", s1, "organisation", "Org Y", "sector_id", sb, "participants", N (5),
        "attended", N (5), "waitlisted", N (0), "names", "Per Hansen", NULL);
  make (SAM_KIND_REGISTRATION, "seminar_id", s1, "organisation", "Org Z", "participants", N (3),
        "waitlisted", N (1), "names", "Lise Venteliste", NULL);
  s2 = make (SAM_KIND_SEMINAR, "format_id", format_id ("low_threshold"), "title", "Lavterskel testseminar",
             "starts_at", "2026-10-01 10:00", "online", N (1), "organiser_id", fri, "activity_id", a3,
             "status", "planned", NULL);
  make (SAM_KIND_REGISTRATION, "seminar_id", s2, "organisation", "Org W", "sector_id", sa, "participants", N (7),
        "waitlisted", N (0), "names", "Hemmelig Person", NULL);
  make (SAM_KIND_SEMINAR, "format_id", format_id ("thematic"), "title", "Tematisk testseminar 2025",
        "starts_at", "2025-05-05 12:00", "organiser_id", ttil, "status", "held", NULL);
  (void) a5; (void) p3; (void) tg3;
  sam_store_close (store);
  g_object_unref (store);
  return 0;
}
