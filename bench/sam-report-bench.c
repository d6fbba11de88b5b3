/* sam-report-bench: times the coordination computations and the report.
 *
 * Usage: sam-report-bench DATABASE OUTPUT.xlsx [PERIOD]
 *
 * Prints one "name value" line per figure: the seconds each matrix, the
 * message flags and the checks take, the Overview's figures and the
 * changes since the period before as at PERIOD and as at the period before
 * it (what switching the Overview's period costs), then the seconds the full report
 * takes and how many rows, cells, text cells (and their bytes), blank
 * formatted cells and formatted cells it wrote (for the plain
 * libxlsxwriter program to write as many). Peak memory is measured from
 * outside, with /usr/bin/time, by report-bench.sh.
 */
#define G_LOG_DOMAIN "sam-report-bench"

#include "config.h"

#include <locale.h>

#include "report/sam-report.h"
#include "store/sam-changes.h"
#include "store/sam-coordination.h"
#include "store/sam-figures.h"

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

static void
time_matrix (SamStore *store, const char *name, gboolean coverage, SamKind columns)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(SamMatrix) m = coverage ? sam_coordination_coverage (store, NULL, columns, &error)
                                    : sam_coordination_responsibility (store, NULL, columns, &error);

  if (m == NULL)
    g_error ("%s", error->message);
  g_print ("%-28s %.3f  (%u × %u)\n", name, seconds_since (start), m->rows->len, m->columns->len);
}

/* The Overview's figures and the changes as at @code and the period before. */
static void
time_period (SamStore   *store,
             const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamPeriod) period = sam_period_find (store, code, &error);
  g_autoptr(SamPeriod) before = period ? sam_period_before (store, period, &error) : NULL;
  g_autofree char *today = sam_today ();
  const SamPeriod *each[] = { period, before };
  const char *names[] = { "figures_as_at_period_s", "figures_as_at_period_before_s" };

  if (period == NULL || before == NULL)
    g_error ("No period %s with one before it: %s", code, error ? error->message : "");
  for (guint i = 0; i < G_N_ELEMENTS (each); i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) figures = sam_figures_by_measure (store, NULL, each[i], today, &error);
      g_autoptr(SamChanges) changes = figures ? sam_changes_read (store, NULL, each[i], today, &error) : NULL;

      if (changes == NULL)
        g_error ("%s", error->message);
      g_print ("%-28s %.3f  (%s, %u changes)\n", names[i], seconds_since (start), each[i]->code,
               sam_changes_get_n (changes));
    }
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) store = NULL;
  g_autoptr(GPtrArray) flags = NULL, results = NULL;
  SamReportOptions options = { NULL, argc > 3 ? argv[3] : NULL, SAM_REPORT_LANGUAGE_NB, NULL };
  SamReportStats stats = { 0 };
  gint64 start;

  setlocale (LC_ALL, "");
  if (argc < 3)
    {
      g_printerr ("Usage: %s DATABASE OUTPUT.xlsx [PERIOD]\n", argv[0]);
      return 2;
    }
  if (!(store = sam_store_open (argv[1], &error)))
    g_error ("%s", error->message);
  time_matrix (store, "responsibility×measures_s", FALSE, SAM_KIND_MEASURE);
  time_matrix (store, "responsibility×plans_s", FALSE, SAM_KIND_PLAN);
  time_matrix (store, "coverage×sectors_s", TRUE, SAM_KIND_SECTOR);
  time_matrix (store, "coverage×plans_s", TRUE, SAM_KIND_PLAN);
  start = g_get_monotonic_time ();
  if (!(flags = sam_coordination_message_flags (store, NULL, NULL, &error)))
    g_error ("%s", error->message);
  g_print ("%-28s %.3f  (%u flags)\n", "message_flags_s", seconds_since (start), flags->len);
  start = g_get_monotonic_time ();
  if (!(results = sam_coordination_run_checks (store, &error)))
    g_error ("%s", error->message);
  g_print ("%-28s %.3f  (%u failed)\n", "checks_s", seconds_since (start), results->len);
  if (options.period)
    time_period (store, options.period);
  start = g_get_monotonic_time ();
  if (!sam_report_write (store, &options, argv[2], NULL, NULL, &stats, NULL, &error))
    g_error ("%s", error->message);
  g_print ("%-28s %.3f\n", "report_s", seconds_since (start));
  g_print ("activities %" G_GUINT64_FORMAT "\nstatus_updates %" G_GUINT64_FORMAT "\nseminars %" G_GUINT64_FORMAT
           "\nrows %" G_GUINT64_FORMAT "\ncells %" G_GUINT64_FORMAT "\nstrings %" G_GUINT64_FORMAT
           "\ntext_bytes %" G_GUINT64_FORMAT "\nblanks %" G_GUINT64_FORMAT "\nformatted %" G_GUINT64_FORMAT "\n",
           stats.activities, stats.status_updates, stats.seminars, stats.rows, stats.cells, stats.strings,
           stats.text_bytes, stats.blanks, stats.formatted);
  return 0;
}
