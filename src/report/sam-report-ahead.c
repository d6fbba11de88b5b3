#define G_LOG_DOMAIN "sam-report"

#include "config.h"

#include "sam-report-private.h"

/* Reading ahead. The Responsibility and Coverage sheets need five
 * aggregates over every activity, about a second of SQLite's time at
 * 100,000 activities, and the Status history a sort of every status
 * update, a third of a second more; neither needs anything from the sheets
 * before them. So when the store gives a second connection that reads the
 * same data (see sam_report_data_begin()), a helper thread computes the
 * aggregates there and sorts the history while this thread writes the
 * Summary and Activities sheets; the later sheets take the results, and
 * the history's rows are read on from the helper's connection, which is
 * this thread's alone once the helper is done. Without one, each getter
 * reads on the report's own connection, as before. libxlsxwriter is only
 * ever called from the report's thread. */

typedef enum {
  AHEAD_RESPONSIBILITY_MEASURES,
  AHEAD_RESPONSIBILITY_PLANS,
  AHEAD_COVERAGE_SECTORS,
  AHEAD_COVERAGE_PLANS,
  N_AHEAD_MATRICES
} AheadMatrix;

struct _SamReportAhead
{
  GThread              *thread;       /* until joined */
  SamStore             *store;        /* the helper's connection */
  const SamReportQuery *query;
  SamMatrix            *matrices[N_AHEAD_MATRICES];
  GPtrArray            *flags;
  SamReportStream      *history;      /* sorted, read up to the first row */
  GError               *error;        /* the helper's first failure */
};

static SamMatrix *
compute_matrix (SamStore        *store,
                const SamScope  *scope,
                AheadMatrix      which,
                GError         **error)
{
  switch (which)
    {
    case AHEAD_RESPONSIBILITY_MEASURES:
      return sam_coordination_responsibility (store, scope, SAM_KIND_MEASURE, error);
    case AHEAD_RESPONSIBILITY_PLANS:
      return sam_coordination_responsibility (store, scope, SAM_KIND_PLAN, error);
    case AHEAD_COVERAGE_SECTORS:
      return sam_coordination_coverage (store, scope, SAM_KIND_SECTOR, error);
    case AHEAD_COVERAGE_PLANS:
    case N_AHEAD_MATRICES:
    default:
      return sam_coordination_coverage (store, scope, SAM_KIND_PLAN, error);
    }
}

static gpointer
read_ahead_thread (gpointer data)
{
  SamReportAhead *ahead = data;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < N_AHEAD_MATRICES && ahead->error == NULL; i++)
    ahead->matrices[i] = compute_matrix (ahead->store, ahead->query->scope, i, &ahead->error);
  if (ahead->error == NULL)
    ahead->flags = sam_coordination_message_flags (ahead->store, ahead->query->scope, &ahead->error);
  if (ahead->error == NULL)
    ahead->history = sam_report_data_start_status (ahead->store, ahead->query, &ahead->error);
  g_debug ("Read ahead: %.3f s", (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  return NULL;
}

/* Starts reading what the Responsibility, Coverage and Status history
 * sheets need on @helper, in a helper thread; takes @helper. */
void
sam_report_ahead_start (SamReportContext *ctx,
                        SamStore         *helper)
{
  SamReportAhead *ahead = g_new0 (SamReportAhead, 1);

  g_assert (ctx->ahead == NULL);
  ahead->store = helper;
  ahead->query = &ctx->query;
  ahead->thread = g_thread_new ("sam-report-ahead", read_ahead_thread, ahead);
  ctx->ahead = ahead;
}

/* Waits for the helper, if any; returns it, or NULL when there is none. */
static SamReportAhead *
join (SamReportContext *ctx)
{
  SamReportAhead *ahead = ctx->ahead;

  if (ahead && ahead->thread)
    {
      gint64 start = g_get_monotonic_time ();

      g_thread_join (g_steal_pointer (&ahead->thread));
      g_debug ("Waited for the helper: %.3f s", (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
    }
  return ahead;
}

/* Waits for the helper and lets it go, with whatever no sheet took. */
void
sam_report_ahead_stop (SamReportContext *ctx)
{
  SamReportAhead *ahead = join (ctx);

  if (ahead == NULL)
    return;
  for (guint i = 0; i < N_AHEAD_MATRICES; i++)
    sam_matrix_free (ahead->matrices[i]);
  g_clear_pointer (&ahead->flags, g_ptr_array_unref);
  g_clear_pointer (&ahead->history, sam_report_stream_free);
  g_clear_error (&ahead->error);
  sam_report_data_end (ahead->store);
  g_clear_object (&ahead->store);
  g_clear_pointer (&ctx->ahead, g_free);
}

/* Returns the result the helper left in *@slot (taking it), or NULL with
 * its error. */
static gpointer
take (SamReportAhead  *ahead,
      gpointer        *slot,
      GError         **error)
{
  if (*slot == NULL)
    {
      g_assert (ahead->error != NULL);   /* each result is taken once */
      g_propagate_error (error, g_error_copy (ahead->error));
      return NULL;
    }
  return g_steal_pointer (slot);
}

static SamMatrix *
get_matrix (SamReportContext  *ctx,
            AheadMatrix        which,
            GError           **error)
{
  SamReportAhead *ahead = join (ctx);

  if (ahead == NULL)
    return compute_matrix (ctx->store, ctx->query.scope, which, error);
  return take (ahead, (gpointer *) &ahead->matrices[which], error);
}

/* Returns the responsibility matrix of the report's scope by measure or
 * plan (@columns), as sam_coordination_responsibility() does, from the
 * helper when there is one. */
SamMatrix *
sam_report_get_responsibility (SamReportContext  *ctx,
                               SamKind            columns,
                               GError           **error)
{
  return get_matrix (ctx, columns == SAM_KIND_MEASURE ? AHEAD_RESPONSIBILITY_MEASURES : AHEAD_RESPONSIBILITY_PLANS,
                     error);
}

/* The coverage matrix by sector or plan (@columns); see
 * sam_coordination_coverage(). */
SamMatrix *
sam_report_get_coverage (SamReportContext  *ctx,
                         SamKind            columns,
                         GError           **error)
{
  return get_matrix (ctx, columns == SAM_KIND_SECTOR ? AHEAD_COVERAGE_SECTORS : AHEAD_COVERAGE_PLANS, error);
}

/* The differing messages; see sam_coordination_message_flags(). */
GPtrArray *
sam_report_get_message_flags (SamReportContext  *ctx,
                              GError           **error)
{
  SamReportAhead *ahead = join (ctx);

  if (ahead == NULL)
    return sam_coordination_message_flags (ctx->store, ctx->scope, error);
  return take (ahead, (gpointer *) &ahead->flags, error);
}

/* The Status history, read up to its first row; see
 * sam_report_data_start_status(). */
SamReportStream *
sam_report_get_history (SamReportContext  *ctx,
                        GError           **error)
{
  SamReportAhead *ahead = join (ctx);

  if (ahead == NULL)
    return sam_report_data_start_status (ctx->store, &ctx->query, error);
  return take (ahead, (gpointer *) &ahead->history, error);
}
