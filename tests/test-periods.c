/* Figures true to the period: a small plan whose status updates, edits and
 * history run over three periods, with every figure worked out by hand.
 *
 * Today is 2026-10-15, inside 2026-T3. The periods are judged at
 * 2026-04-30 (T1), 2026-08-31 (T2) and today (T3, not yet ended). All
 * activities are in plan 900 (2026-01-01 – 2026-12-31) of the first
 * measure; every other measure is empty.
 *
 *   A  2026-01-01 – 2026-06-30, lead Hdir until 2026-09-02, then Bufdir.
 *      Updates: T1 in progress 40 (reported 04-20), T2 delayed 60 (08-25),
 *      T3 done 100 (10-01). Its own fields: done 100.
 *   B  2026-03-01 – 2026-12-31. Updates: T1 planned 0 (04-10) and in
 *      progress 10 (04-28), T3 in progress 50 (10-05), and late for T2: in
 *      progress 30 reported 10-10, after the T3 one. Own: in progress 50.
 *   C  2026-05-15 – 2026-07-31, no lead, no updates; own: planned, no
 *      progress.
 *   D  2026-01-01 – 2026-10-31 (due 2026-08-31 until it was moved on
 *      09-10); update T1 in progress 20 (04-15); cancelled in the editor on
 *      09-10. Own: cancelled 20.
 *   E  no dates of its own (the plan's); created 06-15, no updates; set in
 *      the editor to in progress with 30 % on 06-15 and 70 % on 09-20.
 *      Own: in progress 70.
 *   F  removed on 09-05.
 *
 * A and D give the same target group different messages.
 */
#include "config.h"

#include <string.h>

#include "forms/sam-xlsx-reader.h"
#include "models/sam-overview.h"
#include "report/sam-report.h"
#include "models/sam-tree.h"
#include "store/sam-changes.h"
#include "store/sam-closing.h"
#include "store/sam-coordination.h"
#include "store/sam-rules.h"
#include "store/sam-facts-snapshot.h"
#include "store/sam-figures.h"
#include "store/sam-report-data.h"
#include "store/sam-status.h"
#include "sam-test-util.h"

#define TODAY "2026-10-15"

static const char fixture_sql[] =
  "DELETE FROM status_update; DELETE FROM activity_change; DELETE FROM obligation_activity;"
  "UPDATE seminar SET activity_id = NULL; DELETE FROM activity_partner; DELETE FROM activity_sector;"
  "DELETE FROM activity_target_group; DELETE FROM activity_channel; DELETE FROM activity_language;"
  "DELETE FROM activity; DELETE FROM round_form; DELETE FROM reporting_round; DELETE FROM reporting_period;"
  "INSERT INTO reporting_period (id, code, start_date, end_date) VALUES"
  " (1, '2026-T1', '2026-01-01', '2026-04-30'), (2, '2026-T2', '2026-05-01', '2026-08-31'),"
  " (3, '2026-T3', '2026-09-01', '2026-12-31');"
  "INSERT INTO plan (id, measure_id, title, kind, start_date, end_date)"
  " VALUES (900, (SELECT min(id) FROM measure), 'Testplan', 'information', '2026-01-01', '2026-12-31');"
  "INSERT INTO activity (id, plan_id, title, lead_agency_id, start_date, due_date, status, progress) VALUES"
  " (1, 900, 'A: Kurs for barnevernet', (SELECT id FROM agency WHERE short_name = 'Bufdir'),"
  "  '2026-01-01', '2026-06-30', 'done', 100),"
  " (2, 900, 'B: Veileder for helse', (SELECT id FROM agency WHERE short_name = 'Hdir'),"
  "  '2026-03-01', '2026-12-31', 'in_progress', 50),"
  " (3, 900, 'C: Informasjon til arbeidsgivere', NULL, '2026-05-15', '2026-07-31', 'planned', NULL),"
  " (4, 900, 'D: Nettkurs', (SELECT id FROM agency WHERE short_name = 'Bufdir'),"
  "  '2026-01-01', '2026-10-31', 'cancelled', 20),"
  " (5, 900, 'E: Temaseminar', (SELECT id FROM agency WHERE short_name = 'Hdir'), NULL, NULL, 'in_progress', 70);"
  "INSERT INTO status_update (id, activity_id, period_id, status, progress, comment, reported_by, reported_at) VALUES"
  " (1, 1, 1, 'in_progress', 40, 'Godt i gang', 'Kari', '2026-04-20T10:00:00'),"
  " (2, 1, 2, 'delayed', 60, 'Venter på midler', 'Kari', '2026-08-25T10:00:00'),"
  " (3, 1, 3, 'done', 100, 'Ferdig', 'Kari', '2026-10-01T10:00:00'),"
  " (4, 2, 1, 'planned', 0, 'Oppstart', 'Ola', '2026-04-10T09:00:00'),"
  " (5, 2, 1, 'in_progress', 10, 'Startet', 'Ola', '2026-04-28T09:00:00'),"
  " (6, 2, 3, 'in_progress', 50, 'Halvveis', 'Ola', '2026-10-05T09:00:00'),"
  " (7, 2, 2, 'in_progress', 30, 'Etterslep', 'Ola', '2026-10-10T09:00:00'),"
  " (8, 4, 1, 'in_progress', 20, 'Kommer i gang', 'Kari', '2026-04-15T12:00:00');"
  "INSERT INTO activity_change (activity_id, changed_at, field, old_value, new_value, title, plan_id) VALUES"
  " (1, '2026-09-02T10:00:00', 'lead_agency_id', (SELECT id FROM agency WHERE short_name = 'Hdir'),"
  "  (SELECT id FROM agency WHERE short_name = 'Bufdir'), 'A: Kurs for barnevernet', 900),"
  " (4, '2026-09-10T14:00:00', 'status', 'in_progress', 'cancelled', 'D: Nettkurs', 900),"
  " (4, '2026-09-10T14:00:00', 'due_date', '2026-08-31', '2026-10-31', 'D: Nettkurs', 900),"
  " (5, '2026-06-15T08:00:00', 'created', NULL, NULL, 'E: Temaseminar', 900),"
  " (5, '2026-06-15T08:00:00', 'status', 'planned', 'in_progress', 'E: Temaseminar', 900),"
  " (5, '2026-06-15T08:00:00', 'progress', NULL, '30', 'E: Temaseminar', 900),"
  " (5, '2026-09-20T08:00:00', 'progress', '30', '70', 'E: Temaseminar', 900),"
  " (6, '2026-03-01T08:00:00', 'created', NULL, NULL, 'F: Fjernet aktivitet', 900),"
  " (6, '2026-09-05T10:00:00', 'removed', NULL, NULL, 'F: Fjernet aktivitet', 900);"
  "UPDATE activity SET message = 'Du kan få hjelp' WHERE id = 1;"
  "UPDATE activity SET message = 'Si fra' WHERE id = 4;"
  "INSERT INTO activity_target_group (activity_id, target_group_id, position)"
  " SELECT id, (SELECT min(id) FROM target_group), 0 FROM activity WHERE id IN (1, 4);";

typedef struct
{
  char     *dir;
  char     *path;
  SamStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SamStore) made = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = sam_test_make_dir ();
  f->path = sam_test_new_location (f->dir, "periods.db");
  made = sam_store_open (f->path, &error);
  g_assert_no_error (error);
  g_clear_object (&made);
  sam_test_sql (f->path, fixture_sql);
  f->store = sam_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  sam_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static SamPeriod *
period (Fixture    *f,
        const char *code)
{
  g_autoptr(GError) error = NULL;
  SamPeriod *p = sam_period_find (f->store, code, &error);

  g_assert_no_error (error);
  return p;
}

/* One activity as at a period, as text: "status progress reported
 * unreported overdue due comment (period) change", for comparing whole. */
static gboolean
describe_cb (const SamActivityFactsRow  *row,
             gpointer                    user_data,
             GError                    **error)
{
  gpointer *data = user_data;
  GHashTable *texts = data[0];
  const SamPeriod *p = data[1];
  const char *as_at = sam_figures_judged_on (p, TODAY);
  g_autofree char *change = row->facts.has_change ? g_strdup_printf ("%+d", (int) row->facts.progress_change)
                                                  : g_strdup ("-");

  g_hash_table_insert (texts, g_strdup (row->title),
                       g_strdup_printf ("%s %d %s %s %s %s %s (%s) %s",
                                        sam_status_values[sam_facts_status (&row->facts)].nick,
                                        (int) row->facts.progress,
                                        row->facts.reported ? "reported" : "-",
                                        sam_facts_is_unreported (&row->facts, p) ? "unreported" : "-",
                                        sam_facts_is_overdue (&row->facts, as_at) ? "overdue" : "-",
                                        row->facts.due_date ? row->facts.due_date : "-",
                                        row->facts.comment ? row->facts.comment : "-",
                                        row->facts.update_period ? row->facts.update_period : "-",
                                        change));
  return TRUE;
}

static GHashTable *
facts_as_at (Fixture    *f,
             const char *code)
{
  g_autoptr(SamPeriod) p = period (f, code);
  GHashTable *texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gpointer data[2] = { texts, p };
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_figures_foreach (f->store, NULL, p, TODAY, describe_cb, data, &error));
  g_assert_no_error (error);
  return texts;
}

#define ASSERT_FACTS(texts, title, expected) \
  g_assert_cmpstr (g_hash_table_lookup (texts, title), ==, expected)

/* Each activity as at each period. */
static void
test_as_at (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GHashTable) t1 = facts_as_at (f, "2026-T1");
  g_autoptr(GHashTable) t2 = facts_as_at (f, "2026-T2");
  g_autoptr(GHashTable) t3 = facts_as_at (f, "2026-T3");

  /* A: its T1 update; no update before it, so no change. */
  ASSERT_FACTS (t1, "A: Kurs for barnevernet", "in_progress 40 reported - - 2026-06-30 Godt i gang (2026-T1) -");
  /* A in T2: delayed, and due 06-30 is before 08-31, the end of T2: overdue. 60 - 40 = +20. */
  ASSERT_FACTS (t2, "A: Kurs for barnevernet", "delayed 60 reported - overdue 2026-06-30 Venter på midler (2026-T2) +20");
  ASSERT_FACTS (t3, "A: Kurs for barnevernet", "done 100 reported - - 2026-06-30 Ferdig (2026-T3) +40");
  /* B in T1: of its two T1 updates the later reported; 10 - 0 = +10. */
  ASSERT_FACTS (t1, "B: Veileder for helse", "in_progress 10 reported - - 2026-12-31 Startet (2026-T1) +10");
  /* B in T2: the late T2 update, reported after the T3 one, is still T2's: 30 - 10 = +20. */
  ASSERT_FACTS (t2, "B: Veileder for helse", "in_progress 30 reported - - 2026-12-31 Etterslep (2026-T2) +20");
  /* B in T3: the T3 update comes after the T2 one by period: 50 - 30 = +20. */
  ASSERT_FACTS (t3, "B: Veileder for helse", "in_progress 50 reported - - 2026-12-31 Halvveis (2026-T3) +20");
  /* C starts after T1 ends: not expected; in T2 expected, not reported, and
   * due 07-31 before 08-31: overdue; in T3 no longer running, still overdue. */
  ASSERT_FACTS (t1, "C: Informasjon til arbeidsgivere", "planned -1 - - - 2026-07-31 - (-) -");
  ASSERT_FACTS (t2, "C: Informasjon til arbeidsgivere", "planned -1 - unreported overdue 2026-07-31 - (-) -");
  ASSERT_FACTS (t3, "C: Informasjon til arbeidsgivere", "planned -1 - - overdue 2026-07-31 - (-) -");
  /* D: due 08-31 until 09-10; in T2 its T1 update stands (not reported in
   * T2, due on the day judged at: not overdue); in T3 the editor's cancel
   * on 09-10, after T1's end, stands instead, with T1's comment. */
  ASSERT_FACTS (t1, "D: Nettkurs", "in_progress 20 reported - - 2026-08-31 Kommer i gang (2026-T1) -");
  ASSERT_FACTS (t2, "D: Nettkurs", "in_progress 20 - unreported - 2026-08-31 Kommer i gang (2026-T1) -");
  ASSERT_FACTS (t3, "D: Nettkurs", "cancelled 20 - - - 2026-10-31 Kommer i gang (2026-T1) -");
  /* E: no updates; its own fields as they were: planned without progress
   * on 04-30, in progress 30 on 08-31, 70 today. No due date: never overdue. */
  ASSERT_FACTS (t1, "E: Temaseminar", "planned -1 - unreported - - - (-) -");
  ASSERT_FACTS (t2, "E: Temaseminar", "in_progress 30 - unreported - - - (-) -");
  ASSERT_FACTS (t3, "E: Temaseminar", "in_progress 70 - unreported - - - (-) -");
  g_assert_cmpuint (g_hash_table_size (t3), ==, 5);
}

/* The first measure's figures as the Overview shows them, per period. */
static void
assert_overview (Fixture    *f,
                 const char *code,
                 const guint counts[SAM_N_STATUSES],
                 double      progress,
                 guint       overdue,
                 guint       not_reported)
{
  g_autoptr(SamPeriod) p = period (f, code);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) overview = sam_overview_new (f->store, p, TODAY, &error);
  g_autoptr(SamSummary) first = NULL;

  g_assert_no_error (error);
  first = g_list_model_get_item (overview, 0);
  g_test_message ("%s", code);
  for (guint s = 0; s < SAM_N_STATUSES; s++)
    g_assert_cmpuint (sam_summary_get_count (first, sam_status_values[s].nick), ==, counts[s]);
  g_assert_cmpuint (sam_summary_get_total (first), ==, 5);
  g_assert_cmpfloat_with_epsilon (sam_summary_get_progress (first), progress, 1e-9);
  g_assert_cmpuint (sam_summary_get_overdue (first), ==, overdue);
  g_assert_cmpuint (sam_summary_get_not_reported (first), ==, not_reported);
  for (guint i = 1; i < g_list_model_get_n_items (overview); i++)
    {
      g_autoptr(SamSummary) other = g_list_model_get_item (overview, i);
      g_assert_cmpuint (sam_summary_get_total (other), ==, 0);
    }
}

static void
test_overview (Fixture       *f,
               gconstpointer  data)
{
  /* planned, in progress, done, delayed, cancelled */
  /* T1: C, E planned; A, B, D in progress. (40 + 10 + 0 + 20 + 0) / 5 live = 14.
   * Nothing due before 04-30. Expected: A, B, D, E (C starts later); E not reported. */
  assert_overview (f, "2026-T1", (guint[]) { 2, 3, 0, 0, 0 }, 14, 0, 1);
  /* T2: C planned; B, D, E in progress; A delayed. (60 + 30 + 0 + 20 + 30) / 5 = 28.
   * Overdue at 08-31: A (06-30), C (07-31). All five expected; C, D, E not reported. */
  assert_overview (f, "2026-T2", (guint[]) { 1, 3, 0, 1, 0 }, 28, 2, 3);
  /* T3: C planned; B, E in progress; A done; D cancelled, not live.
   * (100 + 50 + 0 + 70) / 4 live = 55. Overdue today: C. Expected: B
   * (reported) and E (not); C no longer runs, A is done, D cancelled. */
  assert_overview (f, "2026-T3", (guint[]) { 1, 2, 1, 0, 1 }, 55, 1, 1);
}

/* The Follow-up lists, under each lead, the activities the Overview counts
 * as not reported. */
static void
test_follow_up (Fixture       *f,
                gconstpointer  data)
{
  static const struct { const char *code; const char *expected; } cases[] = {
    { "2026-T1", "Helsedirektoratet (Hdir): E: Temaseminar (Planned)" },
    { "2026-T2", "Barne-, ungdoms- og familiedirektoratet (Bufdir): D: Nettkurs (In progress) | "
                 "Helsedirektoratet (Hdir): E: Temaseminar (In progress) | "
                 "No lead agency: C: Informasjon til arbeidsgivere (Planned)" },
    { "2026-T3", "Helsedirektoratet (Hdir): E: Temaseminar (In progress)" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(SamPeriod) p = period (f, cases[c].code);
      g_autoptr(GListModel) roots = sam_tree_new_follow_up (f->store, p, TODAY);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < g_list_model_get_n_items (roots); i++)
        {
          g_autoptr(SamNode) heading = g_list_model_get_item (roots, i);
          g_autoptr(GListModel) children = sam_node_get_children (heading);

          for (guint j = 0; j < g_list_model_get_n_items (children); j++)
            {
              g_autoptr(SamNode) child = g_list_model_get_item (children, j);
              g_string_append_printf (text, "%s%s: %s (%s)", text->len ? " | " : "", sam_node_get_title (heading),
                                      sam_node_get_title (child), sam_node_get_subtitle (child));
            }
        }
      g_assert_cmpstr (text->str, ==, cases[c].expected);
    }
}

/* The changes since the period before, one "kind title before>after
 * points" each, "|" between. */
static char *
describe_changes (SamChanges *changes)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < sam_changes_get_n (changes); i++)
    {
      const SamChange *c = sam_changes_get (changes, i);

      g_string_append_printf (text, "%s%s %.1s", text->len ? " | " : "", sam_change_kind_nick (c->kind), c->title);
      if (c->before || c->after)
        g_string_append_printf (text, " %s>%s", c->before ? c->before : "-", c->after ? c->after : "-");
      if (c->points)
        g_string_append_printf (text, " %+d", (int) c->points);
    }
  return g_string_free (text, FALSE);
}

static char *
changes_text (Fixture    *f,
              const char *code)
{
  g_autoptr(SamPeriod) p = period (f, code);
  g_autoptr(GError) error = NULL;
  g_autoptr(SamChanges) changes = sam_changes_read (f->store, NULL, p, TODAY, &error);

  g_assert_no_error (error);
  return describe_changes (changes);
}

static void
test_changes (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *t1 = changes_text (f, "2026-T1");
  g_autofree char *t2 = changes_text (f, "2026-T2");
  g_autofree char *t3 = changes_text (f, "2026-T3");

  /* The first period has nothing to compare with. */
  g_assert_cmpstr (t1, ==, "");
  /* T1 → T2: A became delayed, 40 → 60; B 10 → 30 (its late T2 update);
   * D reported in T1, not in T2; E was created on 06-15, so it is new and
   * only new. A's lead changed and F was removed after 08-31: not yet. */
  g_assert_cmpstr (t2, ==, "newly-delayed A in_progress>delayed | progress-up A 40>60 +20 | "
                           "progress-up B 10>30 +20 | stopped-reporting D | new E");
  /* T2 → T3: A done, 60 → 100; D cancelled, its due date moved from 08-31
   * to 10-31; B 30 → 50; E 30 → 70 (its own field); A's lead went from
   * Hdir to Bufdir on 09-02; F removed on 09-05. A and B reported in both. */
  g_assert_cmpstr (t3, ==, "newly-done A delayed>done | newly-delayed D in_progress>cancelled | "
                           "progress-up A 60>100 +40 | progress-up B 30>50 +20 | progress-up E 30>70 +40 | "
                           "due-moved D 2026-08-31>2026-10-31 | "
                           "lead-changed A Helsedirektoratet>Barne-, ungdoms- og familiedirektoratet | removed F");
}

/* An activity stops reporting only when it was expected to report: A
 * ended on 06-30 and does not run in T3, B does. Without their T3 updates,
 * as at T3 A is delayed 60 as in T2 (no change but its lead) and B is in
 * progress 30 as in T2: only B has stopped reporting. */
static void
test_ended_has_not_stopped (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *t3 = NULL;

  g_clear_object (&f->store);
  sam_test_sql (f->path, "DELETE FROM status_update WHERE id IN (3, 6);");
  f->store = sam_store_open (f->path, &error);
  g_assert_no_error (error);
  t3 = changes_text (f, "2026-T3");
  g_assert_cmpstr (t3, ==, "newly-delayed D in_progress>cancelled | progress-up E 30>70 +40 | "
                           "due-moved D 2026-08-31>2026-10-31 | "
                           "lead-changed A Helsedirektoratet>Barne-, ungdoms- og familiedirektoratet | "
                           "stopped-reporting B | removed F");
}

/* An update reported late for an earlier period is recorded, but leaves
 * the activity's own status and progress at its latest update's; one for
 * the latest period sets them. */
static void
test_late_update_keeps_own (Fixture       *f,
                            gconstpointer  data)
{
  SamStatusEntry late = { .activity_id = 2, .period_id = 1, .status = "delayed", .progress = 5,
                          .comment = "Glemt å rapportere" };
  SamStatusEntry latest = { .activity_id = 2, .period_id = 3, .status = "in_progress", .progress = 55 };
  g_autoptr(SamRecord) b = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_status_record (f->store, &late, &error));
  g_assert_no_error (error);
  b = sam_store_get (f->store, SAM_KIND_ACTIVITY, 2, &error);
  g_assert_cmpstr (sam_record_get_string (b, "status"), ==, "in_progress");
  g_assert_cmpint (sam_record_get_int (b, "progress"), ==, 50);
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_STATUS_UPDATE), ==, 9);

  g_assert_true (sam_status_record (f->store, &latest, &error));
  g_clear_object (&b);
  b = sam_store_get (f->store, SAM_KIND_ACTIVITY, 2, &error);
  g_assert_cmpint (sam_record_get_int (b, "progress"), ==, 55);
}

/* Closed periods */

/* Every cell of sheet @name of the report at @path from row @first on, a
 * line per row that has any ("value|value|…"; where rows are does not
 * matter: the Summary of a closed period has a line more above). */
static char *
sheet_text (const char *path,
            const char *name,
            guint32     first)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamXlsxBook) book = sam_xlsx_book_open (path, sam_xlsx_default_limits (), &error);
  GString *text = g_string_new (NULL);
  int sheet;

  g_assert_no_error (error);
  sheet = sam_xlsx_book_find_sheet (book, name);
  g_assert_cmpint (sheet, >=, 0);
  g_assert_true (sam_xlsx_book_read_sheet (book, sheet, &error));
  for (guint32 r = first; r < sam_xlsx_book_get_n_rows (book, sheet); r++)
    {
      g_autoptr(GString) line = g_string_new (NULL);
      gboolean any = FALSE;

      for (guint32 c = 0; c < 40; c++)
        {
          const SamXlsxCell *cell = sam_xlsx_book_get_cell (book, sheet, r, c);
          g_autofree char *value = cell ? sam_xlsx_cell_to_text (cell) : NULL;

          any = any || (value && *value);
          g_string_append_printf (line, "%s|", value ? value : "");
        }
      if (any)
        g_string_append_printf (text, "%s\n", line->str);
    }
  return g_string_free (text, FALSE);
}

/* The report of @code, its sheets that a closing freezes, as text: the
 * Summary from its measures' table on (above it: the report's date and
 * whether the period is closed), the Changes, the Activities and the
 * Status history. */
static char *
report_text (Fixture    *f,
             const char *code)
{
  static const struct { const char *name; guint32 first; } sheets[] = {
    { "Summary", 8 }, { "Changes", 0 }, { "Activities", 0 }, { "Status history", 0 },
  };
  g_autofree char *path = g_build_filename (f->dir, "report.xlsx", NULL);
  SamReportOptions options = { NULL, code, SAM_REPORT_LANGUAGE_EN, TODAY, FALSE };
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new (NULL);

  g_assert_true (sam_report_write (f->store, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (sheets); i++)
    {
      g_autofree char *one = sheet_text (path, sheets[i].name, sheets[i].first);
      const char *from = i == 0 ? strstr (one, "Activities by status") : one;

      g_assert_nonnull (from);
      g_string_append_printf (text, "[%s]\n%s", sheets[i].name, from);
    }
  return g_string_free (text, FALSE);
}

/* Everything a closing freezes of @code, as text: each activity's facts,
 * the Overview's figures, the Follow-up, the changes and the report. */
static char *
frozen_text (Fixture    *f,
             const char *code)
{
  g_autoptr(SamPeriod) p = period (f, code);
  g_autoptr(GHashTable) facts = facts_as_at (f, code);
  g_autoptr(GList) titles = g_list_sort (g_hash_table_get_keys (facts), (GCompareFunc) g_strcmp0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) overview = sam_overview_new (f->store, p, TODAY, &error);
  g_autoptr(GListModel) follow_up = sam_tree_new_follow_up (f->store, p, TODAY);
  g_autofree char *changes = changes_text (f, code);
  g_autofree char *report = report_text (f, code);
  GString *text = g_string_new (NULL);

  for (GList *l = titles; l; l = l->next)
    g_string_append_printf (text, "%s: %s\n", (char *) l->data, (char *) g_hash_table_lookup (facts, l->data));
  for (guint i = 0; i < g_list_model_get_n_items (overview); i++)
    {
      g_autoptr(SamSummary) m = g_list_model_get_item (overview, i);
      g_string_append_printf (text, "measure %u: %u %u %.3f %u %u\n", i, sam_summary_get_total (m),
                              sam_summary_get_count (m, "done"), sam_summary_get_progress (m),
                              sam_summary_get_overdue (m), sam_summary_get_not_reported (m));
    }
  for (guint i = 0; i < g_list_model_get_n_items (follow_up); i++)
    {
      g_autoptr(SamNode) heading = g_list_model_get_item (follow_up, i);
      g_autoptr(GListModel) children = sam_node_get_children (heading);

      for (guint j = 0; j < g_list_model_get_n_items (children); j++)
        {
          g_autoptr(SamNode) child = g_list_model_get_item (children, j);
          g_string_append_printf (text, "follow-up %s: %s\n", sam_node_get_title (heading), sam_node_get_title (child));
        }
    }
  g_string_append_printf (text, "changes: %s\n%s", changes, report);
  return g_string_free (text, FALSE);
}

static guint
changed_since (Fixture    *f,
               const char *code)
{
  g_autoptr(SamPeriod) p = period (f, code);
  g_autoptr(GError) error = NULL;
  guint changed = G_MAXUINT;

  g_assert_true (sam_closing_count_changed (f->store, p, TODAY, &changed, &error));
  g_assert_no_error (error);
  return changed;
}

/* Edits A's T2 update, reports C in T2, removes E, renames A and moves
 * B's due date: five undo steps. */
static void
edit_plan (Fixture *f)
{
  g_autoptr(SamRecord) update = sam_store_get (f->store, SAM_KIND_STATUS_UPDATE, 2, NULL);
  g_autoptr(SamRecord) a = sam_store_get (f->store, SAM_KIND_ACTIVITY, 1, NULL);
  g_autoptr(SamRecord) b = sam_store_get (f->store, SAM_KIND_ACTIVITY, 2, NULL);
  SamStatusEntry late = { .activity_id = 3, .period_id = 2, .status = "in_progress", .progress = 10,
                          .comment = "Rapportert etter at perioden ble avsluttet" };
  g_autoptr(GError) error = NULL;

  sam_record_set_int (update, "progress", 70);
  g_assert_true (sam_rules_save (f->store, update, &error));
  g_assert_true (sam_status_record (f->store, &late, &error));
  g_assert_true (sam_rules_delete (f->store, SAM_KIND_ACTIVITY, 5, &error));
  sam_record_set_string (a, "title", "A: Kurs for barnevernet og politiet");
  g_assert_true (sam_rules_save (f->store, a, &error));
  sam_record_set_string (b, "due_date", "2027-03-31");
  g_assert_true (sam_rules_save (f->store, b, &error));
  g_assert_no_error (error);
}

/* A closed period's figures, lists and report hold what they held when it
 * was closed, through edits, a delete and their undoing; the window can
 * tell how many activities differ. */
static void
test_closed_stays (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *before = frozen_text (f, "2026-T2");
  g_autofree char *t3_before = frozen_text (f, "2026-T3");
  g_autofree char *closed = NULL, *edited = NULL, *undone = NULL, *t3_edited = NULL;
  g_autoptr(SamPeriod) t2 = period (f, "2026-T2");
  g_autoptr(SamRecord) closing = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_period_close (f->store, t2, "Kari Nordmann", TODAY, &error));
  g_assert_no_error (error);
  closing = sam_closing_get (f->store, "2026-T2", &error);
  g_assert_nonnull (closing);
  g_assert_cmpstr (sam_record_get_string (closing, "closed_by"), ==, "Kari Nordmann");
  g_assert_cmpstr (sam_record_get_string (closing, "as_at"), ==, "2026-08-31");
  g_assert_true (sam_datetime_is_valid (sam_record_get_string (closing, "closed_at")));
  /* Closing changes nothing it shows, but the Summary's line that says so. */
  closed = frozen_text (f, "2026-T2");
  g_assert_cmpstr (closed, ==, before);
  g_assert_cmpuint (changed_since (f, "2026-T2"), ==, 0);

  edit_plan (f);
  edited = frozen_text (f, "2026-T2");
  g_assert_cmpstr (edited, ==, before);
  /* A renamed and its T2 update changed, C reported in T2, E removed. B's
   * due date moved after T2 ended: as at T2 it has not. */
  g_assert_cmpuint (changed_since (f, "2026-T2"), ==, 3);
  /* The open period that follows goes with the data. */
  t3_edited = frozen_text (f, "2026-T3");
  g_assert_cmpstr (t3_edited, !=, t3_before);

  for (guint i = 0; i < 5; i++)
    g_assert_true (sam_store_undo (f->store, &error));
  undone = frozen_text (f, "2026-T2");
  g_assert_cmpstr (undone, ==, before);
  g_assert_cmpuint (changed_since (f, "2026-T2"), ==, 0);
  g_assert_no_error (error);
}

/* The sheets that show the plan as it is when the report is written, as
 * the Summary of a closed period says (both languages). */
static const char *const today_sheets[] = {
  "Responsibility", "Coverage", "Seminars", "Participants by sector",
  "Ansvar", "Dekning", "Seminarer", "Deltakere per sektor",
  NULL,
};

/* Every cell of every sheet of the report of @code in @language, a block
 * per sheet ("[name]", then a line per row that has any), but the sheets
 * that show today's plan; and, not frozen yet, the strategy's title on
 * the Summary and the findings of the checks on the Follow-up. */
static char *
whole_report_text (Fixture           *f,
                   const char        *code,
                   SamReportLanguage  language)
{
  g_autofree char *path = g_build_filename (f->dir, "whole.xlsx", NULL);
  SamReportOptions options = { NULL, code, language, TODAY, FALSE };
  g_autoptr(GError) error = NULL;
  g_autoptr(SamXlsxBook) book = NULL;
  GString *text = g_string_new (NULL);

  g_assert_true (sam_report_write (f->store, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  book = sam_xlsx_book_open (path, sam_xlsx_default_limits (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sam_xlsx_book_get_n_sheets (book), ==, 11);
  for (guint i = 0; i < sam_xlsx_book_get_n_sheets (book); i++)
    {
      const char *name = sam_xlsx_book_get_sheet_name (book, i);
      g_autofree char *one = NULL;
      char *cut;

      if (g_strv_contains (today_sheets, name))
        continue;
      one = sheet_text (path, name, i == 0 ? 2 : 0);
      if ((cut = strstr (one, "Other findings")) || (cut = strstr (one, "Andre funn")))
        *cut = '\0';
      g_string_append_printf (text, "[%s]\n%s", name, one);
    }
  return g_string_free (text, FALSE);
}

/* Changes the plan in every way a sheet of a report could show it:
 * names and English names of agencies, sectors, target groups and
 * measures, the strategy's title, leads, sectors and their ministries,
 * goals, knowledge gaps and their R&D projects, obligations, statuses
 * (in the closed period too), an agency's contact; an activity is
 * deleted and one created. */
static void
change_everything (Fixture *f)
{
  SamNewPlace place = { NULL, 900, 0, FALSE };
  g_autoptr(SamRecord) created = sam_rules_create (f->store, SAM_KIND_ACTIVITY, &place, NULL);
  SamStatusEntry late = { .activity_id = 3, .period_id = 2, .status = "delayed", .progress = 5,
                          .comment = "Meldt etter at perioden ble avsluttet" };
  g_autoptr(GError) error = NULL;

  sam_test_sql (f->path,
                "UPDATE strategy SET title = title || ' (revidert)';"
                "UPDATE agency SET name = name || ' (nytt navn)', name_en = 'Renamed ' || coalesce(name_en, name),"
                " contact = 'ny@example.no';"
                "UPDATE sector SET name = name || ' (ny)', name_en = 'New ' || coalesce(name_en, name);"
                "UPDATE sector SET ministry_id = (SELECT min(id) FROM agency WHERE kind = 'ministry');"
                "UPDATE target_group SET name = name || ' (ny)', name_en = 'New ' || coalesce(name_en, name);"
                "UPDATE measure SET title = title || ' (ny)', title_en = 'New ' || coalesce(title_en, title);"
                "UPDATE goal SET text = text || ' (endret)';"
                "INSERT INTO goal (measure_id, position, text) SELECT min(id), 99, 'Et nytt mål' FROM measure;"
                "UPDATE knowledge_gap SET title = title || ' (endret)';"
                "INSERT INTO knowledge_gap (measure_id, number, title) SELECT min(id), 99, 'Et nytt hull' FROM measure;"
                "UPDATE rd_project SET title = title || ' (endret)', status = 'cancelled',"
                " lead_agency_id = (SELECT max(id) FROM agency);"
                "INSERT INTO rd_project (id, title, status) VALUES (990, 'Nytt prosjekt', 'planned');"
                "INSERT INTO rd_project_gap (rd_project_id, gap_id, position)"
                " SELECT 990, min(id), 99 FROM knowledge_gap;"
                "UPDATE obligation SET title = title || ' (endret)', reference = reference || 'b';"
                "DELETE FROM obligation_measure WHERE obligation_id = (SELECT min(id) FROM obligation);"
                "INSERT INTO obligation_activity (obligation_id, activity_id, position)"
                " SELECT id, 2, 99 FROM obligation;"
                "DELETE FROM obligation_activity WHERE activity_id = 1;"
                "UPDATE activity SET lead_agency_id = (SELECT id FROM agency WHERE short_name = 'Hdir') WHERE id = 3;"
                "UPDATE activity SET lead_agency_id = NULL, title = title || ' (endret)' WHERE id = 2;"
                "INSERT INTO activity_sector (activity_id, sector_id, position)"
                " SELECT 2, id, 0 FROM sector ORDER BY id LIMIT 2;");
  g_assert_true (sam_status_record (f->store, &late, &error));
  g_assert_no_error (error);
  g_assert_true (sam_rules_delete (f->store, SAM_KIND_ACTIVITY, 1, &error));
  g_assert_no_error (error);
  g_assert_nonnull (created);
  sam_record_set_string (created, "title", "G: Ny aktivitet");
  sam_record_set_string (created, "start_date", "2026-05-01");
  g_assert_true (sam_rules_save (f->store, created, &error));
  g_assert_no_error (error);
}

/* A closed period's report holds, cell for cell on every sheet and in
 * both languages, what it held when the period was closed, however the
 * plan changes. */
static void
test_closed_report_whole (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(SamPeriod) t2 = period (f, "2026-T2");
  g_autofree char *nb = NULL, *en = NULL, *nb_after = NULL, *en_after = NULL;
  g_autoptr(GError) error = NULL;

  /* C, with no lead, has sectors: its ministries answer for it. */
  sam_test_sql (f->path, "INSERT INTO activity_sector (activity_id, sector_id, position)"
                         " SELECT 3, id, 0 FROM sector ORDER BY id LIMIT 1;"
                         "INSERT INTO obligation_activity (obligation_id, activity_id, position)"
                         " SELECT min(id), 1, 0 FROM obligation;");
  g_assert_true (sam_period_close (f->store, t2, "Kari Nordmann", TODAY, &error));
  g_assert_no_error (error);
  nb = whole_report_text (f, "2026-T2", SAM_REPORT_LANGUAGE_NB);
  en = whole_report_text (f, "2026-T2", SAM_REPORT_LANGUAGE_EN);
  change_everything (f);
  nb_after = whole_report_text (f, "2026-T2", SAM_REPORT_LANGUAGE_NB);
  en_after = whole_report_text (f, "2026-T2", SAM_REPORT_LANGUAGE_EN);
  g_assert_cmpstr (nb_after, ==, nb);
  g_assert_cmpstr (en_after, ==, en);
}

/* Reopening is recorded and undone; a closed period cannot be closed
 * again, nor an open one reopened; closing again keeps the record. */
static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SamPeriod) t2 = period (f, "2026-T2");
  g_autoptr(GPtrArray) closings = NULL;
  g_autoptr(SamRecord) closing = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_period_close (f->store, t2, "Kari Nordmann", TODAY, &error));
  label = sam_store_get_undo_label (f->store);
  g_assert_cmpstr (label, ==, "Close “2026-T2”");
  g_assert_false (sam_period_close (f->store, t2, "Kari Nordmann", TODAY, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-T2 is already closed"));
  g_clear_error (&error);

  /* Edited while closed: the frozen figures hold; reopened, they follow. */
  edit_plan (f);
  g_assert_cmpuint (changed_since (f, "2026-T2"), ==, 3);
  g_assert_true (sam_period_reopen (f->store, t2, "Ola Nordmann", &error));
  g_assert_no_error (error);
  g_clear_pointer (&label, g_free);
  label = sam_store_get_undo_label (f->store);
  g_assert_cmpstr (label, ==, "Reopen “2026-T2”");
  g_assert_null (sam_closing_get (f->store, "2026-T2", &error));
  g_assert_cmpuint (changed_since (f, "2026-T2"), ==, 0);
  closings = sam_closing_list (f->store, "2026-T2", &error);
  g_assert_cmpuint (closings->len, ==, 1);
  g_assert_cmpstr (sam_record_get_string (closings->pdata[0], "reopened_by"), ==, "Ola Nordmann");
  g_assert_true (sam_datetime_is_valid (sam_record_get_string (closings->pdata[0], "reopened_at")));
  g_assert_false (sam_period_reopen (f->store, t2, "Ola Nordmann", &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Undoing the reopening closes it again, on what it froze. */
  g_assert_true (sam_store_undo (f->store, &error));
  closing = sam_closing_get (f->store, "2026-T2", &error);
  g_assert_nonnull (closing);
  g_assert_false (sam_record_is_set (closing, "reopened_at"));
  g_assert_cmpuint (changed_since (f, "2026-T2"), ==, 3);
  /* Redone, reopened; closed again, frozen anew, with both on record. */
  g_assert_true (sam_store_redo (f->store, &error));
  g_assert_true (sam_period_close (f->store, t2, "Kari Nordmann", TODAY, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed_since (f, "2026-T2"), ==, 0);
  g_clear_pointer (&closings, g_ptr_array_unref);
  closings = sam_closing_list (f->store, "2026-T2", &error);
  g_assert_cmpuint (closings->len, ==, 2);
}

/* Undoing a closing opens the period to today's data; redoing it closes
 * it again on what it froze. */
static void
test_undo_close (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SamPeriod) t2 = period (f, "2026-T2");
  g_autofree char *before = frozen_text (f, "2026-T2");
  g_autofree char *open = NULL, *redone = NULL, *all_redone = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_period_close (f->store, t2, "Kari Nordmann", TODAY, &error));
  edit_plan (f);
  for (guint i = 0; i < 6; i++)
    g_assert_true (sam_store_undo (f->store, &error));
  g_assert_null (sam_closing_get (f->store, "2026-T2", &error));
  g_assert_true (sam_store_redo (f->store, &error));
  g_assert_nonnull (sam_closing_get (f->store, "2026-T2", &error));
  redone = frozen_text (f, "2026-T2");
  g_assert_cmpstr (redone, ==, before);
  for (guint i = 0; i < 5; i++)
    g_assert_true (sam_store_redo (f->store, &error));
  all_redone = frozen_text (f, "2026-T2");
  g_assert_cmpstr (all_redone, ==, before);
  g_assert_cmpuint (changed_since (f, "2026-T2"), ==, 3);
  /* Undone again and edited, the period is open and goes with the data. */
  for (guint i = 0; i < 6; i++)
    g_assert_true (sam_store_undo (f->store, &error));
  edit_plan (f);
  open = frozen_text (f, "2026-T2");
  g_assert_cmpstr (open, !=, before);
  g_assert_no_error (error);
}

/* The check for differing messages counts the activities live as at
 * each period: D, cancelled on 09-10, still spoke in T1 and T2 (when A
 * ran too); in T3 A no longer runs and D is cancelled. */
static void
test_messages_as_at (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) flags = sam_coordination_message_flags (f->store, NULL, TODAY, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < flags->len; i++)
    {
      SamMessageFlag *flag = flags->pdata[i];
      g_string_append_printf (text, "%s%s %u %u", text->len ? " | " : "", flag->period, flag->n_messages,
                              flag->n_activities);
    }
  g_assert_cmpstr (text->str, ==, "2026-T1 2 2 | 2026-T2 2 2");
}


/* What the report's readers of the facts as at a period show: its
 * Summary's counts, the Activities sheet, the changes, the Follow-up's
 * unreported and the Obligations, as text; the Summary's statuses and not
 * reported counted apart in *@summary, the Activities' and Follow-up's in
 * *@lists, for the two to agree. */
typedef struct
{
  GString *text;
  guint    by_status[SAM_N_STATUSES];
  guint    unreported;
} ReaderText;

static gboolean
add_activity_row_cb (const SamActivityRow  *row,
                     gpointer               user_data,
                     GError               **error)
{
  ReaderText *t = user_data;

  g_string_append_printf (t->text, "activity %" G_GINT64_FORMAT " %s %" G_GINT64_FORMAT " %d %d %d %s %s %d %+d\n",
                          row->id, row->status, row->progress, row->overdue, row->running, row->reported,
                          row->latest_period ? row->latest_period : "-",
                          row->latest_comment ? row->latest_comment : "-", row->has_change,
                          (int) row->progress_change);
  for (guint i = 0; i < SAM_N_STATUSES; i++)
    t->by_status[i] += g_strcmp0 (sam_status_values[i].nick, row->status) == 0;
  return TRUE;
}

static gboolean
add_follow_up_row_cb (const SamFollowUpRow  *row,
                      gpointer               user_data,
                      GError               **error)
{
  ReaderText *t = user_data;

  g_string_append_printf (t->text, "unreported %" G_GINT64_FORMAT " %s %s\n", row->id, row->status,
                          row->due_date ? row->due_date : "-");
  t->unreported++;
  return TRUE;
}

static char *
readers_text (Fixture           *f,
              const SamPeriod   *p,
              SamFactsShare     *share,
              ReaderText        *summary,
              ReaderText        *lists)
{
  SamReportQuery query = { NULL, p, TODAY, 0, share };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) measures = sam_report_data_measures (f->store, &query, &error);
  SamReportActivities *activities = sam_report_data_read_activities (f->store, &query, &error);
  g_autoptr(SamChanges) changes = NULL;
  g_autoptr(GPtrArray) obligations = NULL;
  g_autofree char *described = NULL;

  g_assert_no_error (error);
  *summary = (ReaderText) { g_string_new (NULL) };
  *lists = (ReaderText) { summary->text };
  for (guint i = 0; i < measures->len; i++)
    {
      SamMeasureSummary *m = measures->pdata[i];

      g_string_append_printf (summary->text, "measure %" G_GINT64_FORMAT ": %u %u %" G_GINT64_FORMAT " %u %u %d %.3f\n",
                              m->number, m->total, m->live, m->progress_sum, m->overdue, m->not_reported, m->light,
                              m->previous_progress);
      for (guint k = 0; k < SAM_N_STATUSES; k++)
        summary->by_status[k] += m->by_status[k];
      summary->unreported += m->not_reported;
    }
  g_assert_true (sam_report_data_foreach_activity (f->store, &query, activities, add_activity_row_cb, lists, &error));
  g_assert_no_error (error);
  changes = sam_report_data_changes (f->store, &query, &error);
  g_assert_no_error (error);
  described = describe_changes (changes);
  g_string_append_printf (summary->text, "changes: %s\n", described);
  g_assert_true (sam_report_data_foreach_unreported (f->store, &query, add_follow_up_row_cb, lists, &error));
  g_assert_no_error (error);
  obligations = sam_report_data_obligations (f->store, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < obligations->len; i++)
    {
      SamObligation *o = obligations->pdata[i];

      for (guint j = 0; j < o->activities->len; j++)
        {
          SamObligationActivity *a = o->activities->pdata[j];
          g_string_append_printf (summary->text, "obligation %s: %" G_GINT64_FORMAT " %s %" G_GINT64_FORMAT " %s\n",
                                  o->reference, a->id, a->status, a->progress, a->comment ? a->comment : "-");
        }
    }
  return g_string_free (summary->text, FALSE);
}

/* The report reads the facts as at its period, and as at the one before,
 * once each: its Summary, Activities, changes, Follow-up and Obligations
 * show from that one reading what each showed reading its own, and the
 * Summary's counts agree with the lists'. */
static void
test_shared_facts (Fixture       *f,
                   gconstpointer  data)
{
  static const char *codes[] = { "2026-T1", "2026-T2", "2026-T3" };

  for (guint c = 0; c < G_N_ELEMENTS (codes); c++)
    {
      g_autoptr(SamPeriod) p = period (f, codes[c]);
      g_autoptr(GError) error = NULL;
      g_autoptr(SamPeriod) before = sam_period_before (f->store, p, &error);
      g_autoptr(SamFactsShare) share = sam_facts_share_new (NULL, TODAY);
      ReaderText summary, lists, own_summary, own_lists;
      g_autofree char *shared = readers_text (f, p, share, &summary, &lists);
      g_autofree char *own = readers_text (f, p, NULL, &own_summary, &own_lists);

      g_assert_no_error (error);
      g_assert_cmpstr (shared, ==, own);
      g_assert_cmpuint (sam_facts_share_get_n_reads (share), ==, before ? 2 : 1);
      for (guint k = 0; k < SAM_N_STATUSES; k++)
        g_assert_cmpuint (summary.by_status[k], ==, lists.by_status[k]);
      g_assert_cmpuint (summary.unreported, ==, lists.unreported);
    }
  /* T2 has something to count: C, D and E did not report in it. */
  {
    g_autoptr(SamPeriod) p = period (f, "2026-T2");
    ReaderText summary, lists;
    g_autoptr(SamFactsShare) share = sam_facts_share_new (NULL, TODAY);
    g_autofree char *shared = readers_text (f, p, share, &summary, &lists);

    g_assert_cmpuint (lists.unreported, ==, 3);
    g_assert_cmpuint (lists.by_status[SAM_STATUS_DELAYED], ==, 1);
    g_assert_nonnull (strstr (shared, "activity 1 delayed 60 1 1 1 2026-T2 Venter på midler 1 +20\n"));
  }
  /* A reader that asked for the period's facts first: the Summary reads
   * the period before's alone, and takes the period's from it. */
  {
    g_autoptr(SamPeriod) t2 = period (f, "2026-T2");
    g_autoptr(SamFactsShare) share = sam_facts_share_new (NULL, TODAY);
    g_autoptr(SamFactsSnapshot) first = NULL;
    g_autoptr(GError) error = NULL;
    ReaderText summary, lists, own_summary, own_lists;
    g_autofree char *shared = NULL, *own = NULL;

    first = sam_facts_share_get (share, f->store, t2, &error);
    g_assert_no_error (error);
    shared = readers_text (f, t2, share, &summary, &lists);
    own = readers_text (f, t2, NULL, &own_summary, &own_lists);
    g_assert_cmpstr (shared, ==, own);
    g_assert_cmpuint (sam_facts_share_get_n_reads (share), ==, 2);
  }
  /* A period whose period before is closed: the facts as at the one
   * before are those the closing froze, read apart from today's. */
  {
    g_autoptr(SamPeriod) t2 = period (f, "2026-T2");
    g_autoptr(SamPeriod) t3 = period (f, "2026-T3");
    g_autoptr(SamFactsShare) share = sam_facts_share_new (NULL, TODAY);
    g_autoptr(GError) error = NULL;
    ReaderText summary, lists, own_summary, own_lists;
    g_autofree char *shared = NULL, *own = NULL;

    g_assert_true (sam_period_close (f->store, t2, "Kari Nordmann", TODAY, &error));
    g_assert_no_error (error);
    shared = readers_text (f, t3, share, &summary, &lists);
    own = readers_text (f, t3, NULL, &own_summary, &own_lists);
    g_assert_cmpstr (shared, ==, own);
    g_assert_cmpuint (sam_facts_share_get_n_reads (share), ==, 2);
  }
}

static gboolean
add_id_cb (const SamActivityFactsRow  *row,
           gpointer                    user_data,
           GError                    **error)
{
  g_array_append_val (user_data, row->id);
  return TRUE;
}

/* A snapshot finds each activity it holds by its id, and nothing for any
 * other id, however the ids run: 1 to 5; with gaps where activities were
 * deleted; beginning below zero, far from the rest; and asked for ids at
 * the ends of the range. */
static void
test_snapshot_lookup (Fixture       *f,
                      gconstpointer  data)
{
  static const char *const changes[] = {
    NULL,
    "DELETE FROM status_update WHERE activity_id IN (1, 3); DELETE FROM activity WHERE id IN (1, 3);",
    "UPDATE status_update SET activity_id = -9 WHERE activity_id = 5; UPDATE activity SET id = -9 WHERE id = 5;",
  };
  static const char *const expected[] = { "1 2 3 4 5", "2 4 5", "-9 2 4" };
  g_autoptr(SamPeriod) p = period (f, "2026-T2");

  for (guint round = 0; round < G_N_ELEMENTS (changes); round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SamFactsSnapshot) snapshot = NULL;
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GString) held = g_string_new (NULL);
      gint64 probes[] = { G_MININT64, G_MAXINT64, -10, -9, -8, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 100 };

      if (changes[round])
        sam_test_sql (f->path, changes[round]);
      snapshot = sam_facts_snapshot_read (f->store, NULL, p, TODAY, &error);
      g_assert_no_error (error);
      g_assert_true (sam_facts_snapshot_foreach (snapshot, add_id_cb, ids, &error));
      g_assert_no_error (error);
      for (guint i = 0; i < ids->len; i++)
        g_string_append_printf (held, "%s%" G_GINT64_FORMAT, i ? " " : "", g_array_index (ids, gint64, i));
      g_assert_cmpstr (held->str, ==, expected[round]);
      for (guint k = 0; k < G_N_ELEMENTS (probes); k++)
        {
          SamActivityFactsRow row = { 0 };
          gboolean holds = FALSE;

          for (guint i = 0; i < ids->len; i++)
            holds = holds || g_array_index (ids, gint64, i) == probes[k];
          g_test_message ("round %u, id %" G_GINT64_FORMAT, round, probes[k]);
          g_assert_cmpint (sam_facts_snapshot_lookup (snapshot, probes[k], &row), ==, holds);
          if (holds)
            g_assert_cmpint (row.id, ==, probes[k]);
        }
    }
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ADD ("/periods/as-at", test_as_at);
  ADD ("/periods/overview", test_overview);
  ADD ("/periods/follow-up", test_follow_up);
  ADD ("/periods/late-update-keeps-own", test_late_update_keeps_own);
  ADD ("/periods/changes", test_changes);
  ADD ("/periods/ended-has-not-stopped", test_ended_has_not_stopped);
  ADD ("/periods/messages-as-at", test_messages_as_at);
  ADD ("/periods/shared-facts", test_shared_facts);
  ADD ("/periods/snapshot-lookup", test_snapshot_lookup);
  ADD ("/periods/closed-stays", test_closed_stays);
  ADD ("/periods/closed-report-whole", test_closed_report_whole);
  ADD ("/periods/reopen", test_reopen);
  ADD ("/periods/undo-close", test_undo_close);
  return g_test_run ();
}
