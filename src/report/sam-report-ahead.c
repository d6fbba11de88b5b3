#define G_LOG_DOMAIN "sam-report"

#include "config.h"

#include "sam-report-private.h"

/* Reading ahead. Besides its long lists, a report needs the Summary's
 * counts per measure, five aggregates over every activity for the
 * Responsibility and Coverage sheets (together over a second of SQLite's
 * time at 100,000 activities) and a sort of every status update for the
 * Status history (a third of a second more), none of which depends on
 * what is written before. So when the store gives a second connection
 * that reads the same data (see sam_report_data_begin()), a helper thread
 * reads them there, one after the other in the order the sheets need
 * them, while this thread reads the Activities sheet's links and writes
 * that sheet; each sheet takes its results when it comes to them, waiting
 * only if the helper is not that far yet. It also runs the file's
 * integrity check when the report is to (for the command line, which opens
 * the file without it), before the workbook is kept. The history's rows
 * are read on from the helper's connection, which is this thread's alone
 * once the helper has handed them over, its last task. Without a helper
 * each getter reads on the report's own connection, as before.
 * libxlsxwriter is only ever called from the report's thread. */

typedef enum {
  AHEAD_MEASURES,
  AHEAD_TARGETS,
  AHEAD_RESPONSIBILITY_MEASURES,
  AHEAD_RESPONSIBILITY_PLANS,
  AHEAD_COVERAGE_SECTORS,
  AHEAD_COVERAGE_PLANS,
  AHEAD_MESSAGE_FLAGS,
  AHEAD_CHECK,          /* the file's integrity, when the report is to check it */
  AHEAD_HISTORY,        /* last: the report's thread goes on with its connection */
  N_AHEAD
} AheadResult;

struct _SamReportAhead
{
  GThread              *thread;       /* until joined */
  SamStore             *store;        /* the helper's connection */
  const SamReportQuery *query;
  gint64                year;         /* of the Summary's seminar targets */
  gboolean              check;        /* run the integrity check */

  GMutex                lock;         /* guards what follows */
  GCond                 published_cond;
  guint                 published;    /* results before this one are ready */
  gboolean              stopping;     /* no sheet takes any more */
  gpointer              results[N_AHEAD];
  GError               *error;        /* the helper's first failure; it stops there */
};

/* Reads result @which of @query on @store. */
static gpointer
read_result (SamStore              *store,
             const SamReportQuery  *query,
             gint64                 year,
             AheadResult            which,
             GError               **error)
{
  switch (which)
    {
    case AHEAD_MEASURES:
      return sam_report_data_measures (store, query, error);
    case AHEAD_TARGETS:
      return sam_report_data_seminar_targets (store, query, year, error);
    case AHEAD_RESPONSIBILITY_MEASURES:
      return sam_coordination_responsibility (store, query->scope, SAM_KIND_MEASURE, error);
    case AHEAD_RESPONSIBILITY_PLANS:
      return sam_coordination_responsibility (store, query->scope, SAM_KIND_PLAN, error);
    case AHEAD_COVERAGE_SECTORS:
      return sam_coordination_coverage (store, query->scope, SAM_KIND_SECTOR, error);
    case AHEAD_COVERAGE_PLANS:
      return sam_coordination_coverage (store, query->scope, SAM_KIND_PLAN, error);
    case AHEAD_MESSAGE_FLAGS:
      return sam_coordination_message_flags (store, query->scope, error);
    case AHEAD_CHECK:
      /* Without a helper the report checked before it began; see
       * write_report(). */
      return GINT_TO_POINTER (TRUE);
    case AHEAD_HISTORY:
    case N_AHEAD:
    default:
      return sam_report_data_start_status (store, query, error);
    }
}

static void
free_result (AheadResult which,
             gpointer    result)
{
  if (result == NULL || which == AHEAD_CHECK)
    return;
  if (which == AHEAD_HISTORY)
    sam_report_stream_free (result);
  else if (which >= AHEAD_RESPONSIBILITY_MEASURES && which <= AHEAD_COVERAGE_PLANS)
    sam_matrix_free (result);
  else
    g_ptr_array_unref (result);
}

static gpointer
read_ahead_thread (gpointer data)
{
  SamReportAhead *ahead = data;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < N_AHEAD; i++)
    {
      GError *error = NULL;
      gpointer result;
      gboolean stop;

      if (i == AHEAD_CHECK && ahead->check)
        result = sam_store_check (ahead->store, &error) ? GINT_TO_POINTER (TRUE) : NULL;
      else
        result = read_result (ahead->store, ahead->query, ahead->year, i, &error);

      g_mutex_lock (&ahead->lock);
      ahead->results[i] = result;
      ahead->error = error;
      ahead->published = error ? N_AHEAD : i + 1;
      stop = error != NULL || ahead->stopping;
      g_cond_broadcast (&ahead->published_cond);
      g_mutex_unlock (&ahead->lock);
      if (stop)
        break;
    }
  g_debug ("Read ahead: %.3f s", (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  return NULL;
}

/* Starts reading ahead on @helper in a helper thread, and with @check
 * runs the file's integrity check there too; takes @helper. */
void
sam_report_ahead_start (SamReportContext *ctx,
                        SamStore         *helper,
                        gboolean          check)
{
  SamReportAhead *ahead = g_new0 (SamReportAhead, 1);

  g_assert (ctx->ahead == NULL);
  ahead->store = helper;
  ahead->check = check;
  ahead->query = &ctx->query;
  ahead->year = sam_report_summary_year (ctx);
  g_mutex_init (&ahead->lock);
  g_cond_init (&ahead->published_cond);
  ahead->thread = g_thread_new ("sam-report-ahead", read_ahead_thread, ahead);
  ctx->ahead = ahead;
}

/* Waits for the helper to finish what it is reading and lets it go, with
 * whatever no sheet took (after a failure). */
void
sam_report_ahead_stop (SamReportContext *ctx)
{
  SamReportAhead *ahead = ctx->ahead;

  if (ahead == NULL)
    return;
  g_mutex_lock (&ahead->lock);
  ahead->stopping = TRUE;
  g_mutex_unlock (&ahead->lock);
  g_thread_join (ahead->thread);
  for (guint i = 0; i < N_AHEAD; i++)
    free_result (i, ahead->results[i]);
  g_clear_error (&ahead->error);
  g_mutex_clear (&ahead->lock);
  g_cond_clear (&ahead->published_cond);
  sam_report_data_end (ahead->store);
  g_clear_object (&ahead->store);
  g_clear_pointer (&ctx->ahead, g_free);
}

/* Returns result @which (taking it, once) from the helper, waiting for it
 * when it is not ready, or reads it here when there is no helper. Returns
 * NULL with the helper's error when it failed on the way. */
static gpointer
take (SamReportContext  *ctx,
      AheadResult        which,
      GError           **error)
{
  SamReportAhead *ahead = ctx->ahead;
  gint64 start = g_get_monotonic_time ();
  gpointer result;

  if (ahead == NULL)
    return read_result (ctx->store, &ctx->query, sam_report_summary_year (ctx), which, error);
  g_mutex_lock (&ahead->lock);
  while (ahead->published <= which)
    g_cond_wait (&ahead->published_cond, &ahead->lock);
  result = g_steal_pointer (&ahead->results[which]);
  if (result == NULL)
    {
      g_assert (ahead->error != NULL);   /* each result is taken once */
      g_propagate_error (error, g_error_copy (ahead->error));
    }
  g_mutex_unlock (&ahead->lock);
  if (g_get_monotonic_time () - start > 1000)
    g_debug ("Waited for the helper: %.3f s", (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  return result;
}

/* The Summary's counts per measure; see sam_report_data_measures(). */
GPtrArray *
sam_report_get_measures (SamReportContext  *ctx,
                         GError           **error)
{
  return take (ctx, AHEAD_MEASURES, error);
}

/* The Summary's seminar targets in sam_report_summary_year(); see
 * sam_report_data_seminar_targets(). */
GPtrArray *
sam_report_get_seminar_targets (SamReportContext  *ctx,
                                GError           **error)
{
  return take (ctx, AHEAD_TARGETS, error);
}

/* Returns the responsibility matrix of the report's scope by measure or
 * plan (@columns); see sam_coordination_responsibility(). */
SamMatrix *
sam_report_get_responsibility (SamReportContext  *ctx,
                               SamKind            columns,
                               GError           **error)
{
  return take (ctx, columns == SAM_KIND_MEASURE ? AHEAD_RESPONSIBILITY_MEASURES : AHEAD_RESPONSIBILITY_PLANS, error);
}

/* The coverage matrix by sector or plan (@columns); see
 * sam_coordination_coverage(). */
SamMatrix *
sam_report_get_coverage (SamReportContext  *ctx,
                         SamKind            columns,
                         GError           **error)
{
  return take (ctx, columns == SAM_KIND_SECTOR ? AHEAD_COVERAGE_SECTORS : AHEAD_COVERAGE_PLANS, error);
}

/* The differing messages; see sam_coordination_message_flags(). */
GPtrArray *
sam_report_get_message_flags (SamReportContext  *ctx,
                              GError           **error)
{
  return take (ctx, AHEAD_MESSAGE_FLAGS, error);
}

/* Returns FALSE with SAM_STORE_ERROR_CORRUPT when the helper found the
 * file damaged; see SamReportOptions.check_store. */
gboolean
sam_report_get_checked (SamReportContext  *ctx,
                        GError           **error)
{
  return take (ctx, AHEAD_CHECK, error) != NULL;
}

/* The Status history, read up to its first row; see
 * sam_report_data_start_status(). */
SamReportStream *
sam_report_get_history (SamReportContext  *ctx,
                        GError           **error)
{
  return take (ctx, AHEAD_HISTORY, error);
}
