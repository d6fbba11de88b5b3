/* The counting rules, written once in the store (sam-figures.h), and the
 * views, the report and the filters agreeing on every figure. */
#include "config.h"

#include <glib/gstdio.h>

#include "forms/sam-xlsx-reader.h"
#include "models/sam-activity-list.h"
#include "models/sam-overview.h"
#include "models/sam-tree.h"
#include "report/sam-report.h"
#include "store/sam-figures.h"
#include "sam-test-util.h"

/* The rules, case by case, worked out by hand. */

static const SamPeriod t2 = { 1, (char *) "2026-T2", (char *) "2026-05-01", (char *) "2026-08-31" };

typedef struct
{
  const char       *what;
  SamActivityFacts  facts;
  gboolean          live, overdue, runs, expected, unreported;
} RuleCase;

static const RuleCase rule_cases[] = {
  { "no status reads as planned, runs on its plan's dates",
    { NULL, -1, NULL, NULL, "2025-01-01", "2030-12-31", FALSE }, TRUE, FALSE, TRUE, TRUE, TRUE },
  { "reported in the period",
    { "in_progress", 40, "2026-01-01", "2026-12-31", NULL, NULL, TRUE }, TRUE, FALSE, TRUE, TRUE, FALSE },
  { "due before the day judged at, not done: overdue; due before the period began: not running",
    { "delayed", 50, "2025-06-01", "2026-04-30", NULL, NULL, FALSE }, TRUE, TRUE, FALSE, FALSE, FALSE },
  { "due on the day judged at is not yet overdue",
    { "in_progress", 10, NULL, "2026-06-30", NULL, NULL, FALSE }, TRUE, FALSE, TRUE, TRUE, TRUE },
  { "starts after the period: not expected",
    { "planned", 0, "2026-09-01", "2027-06-30", NULL, NULL, FALSE }, TRUE, FALSE, FALSE, FALSE, FALSE },
  { "starts on the period's last day: running",
    { "planned", 0, "2026-08-31", NULL, NULL, NULL, FALSE }, TRUE, FALSE, TRUE, TRUE, TRUE },
  { "done: neither overdue nor expected",
    { "done", 100, "2026-01-01", "2026-03-01", NULL, NULL, FALSE }, TRUE, FALSE, FALSE, FALSE, FALSE },
  { "cancelled: not live",
    { "cancelled", 30, NULL, "2026-01-01", NULL, NULL, FALSE }, FALSE, FALSE, FALSE, FALSE, FALSE },
  { "an unknown status reads as planned",
    { "paused", -1, NULL, NULL, NULL, NULL, FALSE }, TRUE, FALSE, TRUE, TRUE, TRUE },
  { "its own dates before its plan's",
    { "planned", 0, "2027-01-01", NULL, "2025-01-01", "2030-12-31", FALSE }, TRUE, FALSE, FALSE, FALSE, FALSE },
};

static void
test_rules (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rule_cases); i++)
    {
      const RuleCase *c = &rule_cases[i];

      g_test_message ("%s", c->what);
      g_assert_cmpint (sam_facts_is_live (&c->facts), ==, c->live);
      g_assert_cmpint (sam_facts_is_overdue (&c->facts, "2026-06-30"), ==, c->overdue);
      g_assert_cmpint (sam_facts_runs_in (&c->facts, &t2), ==, c->runs);
      g_assert_cmpint (sam_facts_expects_report (&c->facts, &t2), ==, c->expected);
      g_assert_cmpint (sam_facts_is_unreported (&c->facts, &t2), ==, c->unreported);
    }
}

/* The tally of the cases above: counted by hand. */
static void
test_tally (void)
{
  SamTally tally = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (rule_cases); i++)
    sam_tally_add (&tally, &rule_cases[i].facts, &t2, "2026-06-30");
  g_assert_cmpuint (tally.total, ==, 10);
  /* planned: none, unknown, starts after, last day, own dates; in progress 2; done; delayed; cancelled */
  g_assert_cmpuint (tally.by_status[SAM_STATUS_PLANNED], ==, 5);
  g_assert_cmpuint (tally.by_status[SAM_STATUS_IN_PROGRESS], ==, 2);
  g_assert_cmpuint (tally.by_status[SAM_STATUS_DONE], ==, 1);
  g_assert_cmpuint (tally.by_status[SAM_STATUS_DELAYED], ==, 1);
  g_assert_cmpuint (tally.by_status[SAM_STATUS_CANCELLED], ==, 1);
  g_assert_cmpuint (tally.live, ==, 9);
  /* 0 + 40 + 50 + 10 + 0 + 0 + 100 + 0 (none given) + 0, over 9 live */
  g_assert_cmpint (tally.progress_sum, ==, 200);
  g_assert_cmpfloat_with_epsilon (sam_tally_progress (&tally), 200.0 / 9, 1e-9);
  g_assert_cmpuint (tally.overdue, ==, 1);
  g_assert_cmpuint (tally.expected, ==, 5);
  g_assert_cmpuint (tally.not_reported, ==, 4);
}

/* Every view agrees, for every period of a generated plan. */

#define TODAY "2027-03-15"

typedef struct
{
  char     *dir;
  SamStore *store;
} Generated;

static Generated generated;

static void
generate (void)
{
  const char *generator = g_getenv ("SAM_GENERATE");
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { generator, NULL, "1000", NULL };
  int status = 0;

  g_assert_nonnull (generator);
  generated.dir = sam_test_make_dir ();
  path = sam_test_new_location (generated.dir, "generated.db");
  argv[1] = path;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  generated.store = sam_store_open (path, &error);
  g_assert_no_error (error);
}

/* The column of the Summary header that reads @title. */
static guint32
column (SamXlsxBook *book,
        guint        sheet,
        guint32      header,
        const char  *title)
{
  for (guint32 c = 0; c < 30; c++)
    {
      const SamXlsxCell *cell = sam_xlsx_book_get_cell (book, sheet, header, c);
      if (cell && cell->type == SAM_XLSX_STRING && g_str_equal (cell->text, title))
        return c;
    }
  g_error ("The Summary has no column “%s”", title);
}

static double
number (SamXlsxBook *book,
        guint        sheet,
        guint32      row,
        guint32      col)
{
  const SamXlsxCell *cell = sam_xlsx_book_get_cell (book, sheet, row, col);

  return cell && cell->type == SAM_XLSX_NUMBER ? cell->number : 0;
}

/* Checks the Summary sheet of the report at @path against @summary. */
static void
check_report (const char *path,
              GListModel *summary)
{
  static const char *statuses[SAM_N_STATUSES] = { "Planned", "In progress", "Done", "Delayed", "Cancelled" };
  g_autoptr(GError) error = NULL;
  g_autoptr(SamXlsxBook) book = sam_xlsx_book_open (path, sam_xlsx_default_limits (), &error);
  int sheet = book ? sam_xlsx_book_find_sheet (book, "Summary") : -1;
  guint32 header = 0, row;
  guint32 total_col, average_col, overdue_col, unreported_col, status_col[SAM_N_STATUSES];

  g_assert_no_error (error);
  g_assert_cmpint (sheet, >=, 0);
  g_assert_true (sam_xlsx_book_read_sheet (book, sheet, &error));
  while (header < 100 && !(sam_xlsx_book_get_cell (book, sheet, header, 0)
                           && g_strcmp0 (sam_xlsx_book_get_cell (book, sheet, header, 0)->text, "Measure") == 0))
    header++;
  g_assert_cmpuint (header, <, 100);
  total_col = column (book, sheet, header, "Total");
  average_col = column (book, sheet, header, "Average progress (%)");
  overdue_col = column (book, sheet, header, "Overdue");
  unreported_col = column (book, sheet, header, "Not reported this period");
  for (guint s = 0; s < SAM_N_STATUSES; s++)
    status_col[s] = column (book, sheet, header, statuses[s]);

  row = header + 1;
  for (guint i = 0; i < g_list_model_get_n_items (summary); i++)
    {
      g_autoptr(SamSummary) s = g_list_model_get_item (summary, i);

      if (sam_summary_get_total (s) == 0)
        continue;   /* a report may leave out a measure with nothing in it */
      for (guint k = 0; k < SAM_N_STATUSES; k++)
        g_assert_cmpfloat (number (book, sheet, row, status_col[k]), ==,
                           sam_summary_get_count (s, sam_status_values[k].nick));
      g_assert_cmpfloat (number (book, sheet, row, total_col), ==, sam_summary_get_total (s));
      g_assert_cmpfloat_with_epsilon (number (book, sheet, row, average_col), sam_summary_get_progress (s), 1e-9);
      g_assert_cmpfloat (number (book, sheet, row, overdue_col), ==, sam_summary_get_overdue (s));
      g_assert_cmpfloat (number (book, sheet, row, unreported_col), ==, sam_summary_get_not_reported (s));
      row++;
    }
}

/* The rows of the Plans view's table that @query lets through. */
static guint
matching (GListModel       *rows,
          SamActivityQuery *query)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(SamActivityRow) row = g_list_model_get_item (rows, i);
      n += sam_activity_query_matches (query, row);
    }
  return n;
}

/* How many activities the Follow-up lists for @period. */
static guint
follow_up_count (const SamPeriod *period)
{
  g_autoptr(GListModel) roots = sam_tree_new_follow_up (generated.store, period, TODAY);
  guint listed = 0;

  for (guint i = 0; i < g_list_model_get_n_items (roots); i++)
    {
      g_autoptr(SamNode) heading = g_list_model_get_item (roots, i);
      g_autoptr(GListModel) children = sam_node_get_children (heading);
      listed += g_list_model_get_n_items (children);
    }
  return listed;
}

typedef struct
{
  guint total, overdue, unreported, by_status[SAM_N_STATUSES];
} Sums;

static Sums
sum_overview (GListModel *summary)
{
  Sums sums = { 0 };

  for (guint i = 0; i < g_list_model_get_n_items (summary); i++)
    {
      g_autoptr(SamSummary) s = g_list_model_get_item (summary, i);
      sums.overdue += sam_summary_get_overdue (s);
      sums.unreported += sam_summary_get_not_reported (s);
      sums.total += sam_summary_get_total (s);
      for (guint k = 0; k < SAM_N_STATUSES; k++)
        sums.by_status[k] += sam_summary_get_count (s, sam_status_values[k].nick);
    }
  return sums;
}

/* For every period, as at it: the Overview, the Follow-up, the Plans
 * view's "not reported in" filter and the report's Summary hold the same
 * figures; and the figures do differ from period to period. */
static void
test_views_agree (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) periods = sam_period_list (generated.store, &error);
  g_autoptr(GListModel) rows = sam_activity_list_load (generated.store, &error);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_no_error (error);
  g_assert_cmpuint (periods->len, >=, 10);
  for (guint p = 0; p < periods->len; p++)
    {
      SamPeriod *period = periods->pdata[p];
      g_autoptr(GListModel) summary = sam_overview_new (generated.store, period, TODAY, &error);
      g_autofree char *path = g_strdup_printf ("%s/report-%s.xlsx", generated.dir, period->code);
      SamReportOptions options = { NULL, period->code, SAM_REPORT_LANGUAGE_EN, TODAY, FALSE };
      g_autoptr(SamActivityQuery) unreported = sam_activity_query_new ();
      Sums sums;
      g_autofree char *key = NULL;

      g_test_message ("Period %s", period->code);
      g_assert_no_error (error);
      sums = sum_overview (summary);
      g_assert_cmpuint (sums.total, ==, g_list_model_get_n_items (rows));
      /* The Follow-up lists as many as the Overview counts. */
      g_assert_cmpuint (follow_up_count (period), ==, sums.unreported);
      /* The Plans view's filter finds as many, judged as at the period. */
      unreported->not_reported = sam_period_copy (period);
      unreported->unreported = sam_figures_unreported (generated.store, period, TODAY, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (matching (rows, unreported), ==, sums.unreported);
      /* The report's Summary holds the Overview's figures. */
      g_assert_true (sam_report_write (generated.store, &options, path, NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      check_report (path, summary);
      g_unlink (path);
      key = g_strdup_printf ("%u %u %u %u %u %u", sums.by_status[0], sums.by_status[1], sums.by_status[2],
                             sums.by_status[3], sums.by_status[4], sums.unreported);
      g_hash_table_add (seen, g_steal_pointer (&key));
    }
  /* As at each period, not today's figures over and over: the generator's
   * ten periods with status updates differ from each other (the three
   * before them have none and count the same). */
  g_assert_cmpuint (g_hash_table_size (seen), >=, 11);
}

/* The Plans view's overdue filter finds today's overdue: the Overview's
 * with no period. */
static void
test_overdue_today (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) rows = sam_activity_list_load (generated.store, &error);
  g_autoptr(GListModel) summary = sam_overview_new (generated.store, NULL, TODAY, &error);
  g_autoptr(SamActivityQuery) overdue = sam_activity_query_new ();

  g_assert_no_error (error);
  overdue->overdue = TRUE;
  overdue->today = g_strdup (TODAY);
  g_assert_cmpuint (sum_overview (summary).overdue, >, 0);
  g_assert_cmpuint (matching (rows, overdue), ==, sum_overview (summary).overdue);
}

/* The Follow-up lists as many activities as the Overview counts as not
 * reported in the current period, the one it opens on. */
static void
test_follow_up_agrees (void)
{
  g_autofree char *today = sam_today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SamPeriod) period = sam_period_current (generated.store, today, &error);
  g_autoptr(GListModel) summary = sam_overview_new (generated.store, period, today, &error);
  g_autoptr(GListModel) roots = sam_tree_new_roots (generated.store, SAM_VIEW_FOLLOW_UP);
  guint listed = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (roots); i++)
    {
      g_autoptr(SamNode) heading = g_list_model_get_item (roots, i);
      g_autoptr(GListModel) children = sam_node_get_children (heading);
      listed += g_list_model_get_n_items (children);
    }
  g_assert_cmpuint (sum_overview (summary).unreported, >, 0);
  g_assert_cmpuint (listed, ==, sum_overview (summary).unreported);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/figures/rules", test_rules);
  g_test_add_func ("/store/figures/tally", test_tally);
  g_test_add_func ("/store/figures/views-agree-every-period", test_views_agree);
  g_test_add_func ("/store/figures/overdue-today", test_overdue_today);
  g_test_add_func ("/store/figures/follow-up-agrees", test_follow_up_agrees);
  generate ();
  status = g_test_run ();
  g_clear_object (&generated.store);
  sam_test_remove_dir (generated.dir);
  g_free (generated.dir);
  return status;
}
