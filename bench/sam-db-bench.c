/* sam-db-bench: times the store's reads that go through many rows, where
 * a statement layer under the store would cost the most (issue 17).
 *
 * Usage: sam-db-bench DATABASE [ROUNDS]
 *
 * Opens DATABASE as the window does and prints the median of ROUNDS
 * (default 5) of each, in milliseconds of wall-clock time (NAME-ms) and of
 * the process's CPU time (NAME-cpu-ms, which other work on a shared
 * machine disturbs less):
 *
 * - plans-load: the Plans view's data, every activity with its links
 *   and latest status (sam_activity_list_load());
 * - overview: the Overview's figures per measure for the current
 *   period (sam_figures_by_measure());
 * - records: every activity as a record with its links, as the
 *   generic record reading gives them (sam_store_list());
 * - responsibility: the responsibility matrix by plans
 *   (sam_coordination_responsibility()).
 *
 * Uses only calls the store had before its statement layer, so that the
 * same source builds on both sides of a comparison (bench/db-bench.sh).
 */
#define G_LOG_DOMAIN "sam-db-bench"

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <time.h>

#include "models/sam-activity-list.h"
#include "store/sam-coordination.h"
#include "store/sam-figures.h"
#include "store/sam-period.h"

typedef struct
{
  const char *name;
  guint     (*run) (SamStore *store);
} Measure;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The process's CPU time in milliseconds. */
static double
cpu_ms (void)
{
  struct timespec t;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

static guint
plans_load (SamStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) rows = sam_activity_list_load (store, &error);

  if (rows == NULL)
    g_error ("%s", error->message);
  return g_list_model_get_n_items (rows);
}

static guint
overview (SamStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = sam_today ();
  g_autoptr(SamPeriod) period = sam_period_current (store, today, &error);
  g_autoptr(GPtrArray) measures = NULL;

  if (error || !(measures = sam_figures_by_measure (store, NULL, period, today, &error)))
    g_error ("%s", error->message);
  return measures->len;
}

static guint
records (SamStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = sam_store_list (store, SAM_KIND_ACTIVITY, &error);

  if (all == NULL)
    g_error ("%s", error->message);
  return all->len;
}

static guint
responsibility (SamStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamMatrix) m = sam_coordination_responsibility (store, NULL, SAM_KIND_PLAN, &error);

  if (m == NULL)
    g_error ("%s", error->message);
  return m->rows->len;
}

static const Measure measures[] = {
  { "plans-load", plans_load },
  { "overview", overview },
  { "records", records },
  { "responsibility", responsibility },
};

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) store = NULL;
  guint rounds = argc > 2 ? (guint) strtoul (argv[2], NULL, 10) : 5;

  setlocale (LC_ALL, "");
  if (argc < 2 || rounds == 0)
    {
      g_printerr ("usage: %s DATABASE [ROUNDS]\n", argv[0]);
      return 2;
    }
  if (!(store = sam_store_open_with_flags (argv[1], SAM_STORE_OPEN_CHECK_LATER, &error)))
    {
      g_printerr ("sam-db-bench: %s\n", error->message);
      return 1;
    }
  for (guint m = 0; m < G_N_ELEMENTS (measures); m++)
    {
      g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));

      for (guint i = 0; i < rounds; i++)
        {
          gint64 start = g_get_monotonic_time ();
          double cpu_start = cpu_ms (), ms, cpu_used;

          measures[m].run (store);
          ms = (g_get_monotonic_time () - start) / 1000.0;
          cpu_used = cpu_ms () - cpu_start;
          g_array_append_val (wall, ms);
          g_array_append_val (cpu, cpu_used);
        }
      g_print ("%s-ms %.1f\n", measures[m].name, median (wall));
      g_print ("%s-cpu-ms %.1f\n", measures[m].name, median (cpu));
    }
  return 0;
}
