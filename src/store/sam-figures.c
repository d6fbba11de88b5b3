#define G_LOG_DOMAIN "sam-figures"

#include "config.h"

#include <string.h>

#include "sam-figures.h"
#include "sam-query-private.h"
#include "core/sam-enums.h"

/* The rules; see the table in sam-figures.h. */

/* Returns the activity's status, a missing or unknown one as planned. */
SamStatus
sam_facts_status (const SamActivityFacts *facts)
{
  g_return_val_if_fail (facts != NULL, SAM_STATUS_PLANNED);
  if (facts->status != NULL)
    for (guint i = 0; i < SAM_N_STATUSES; i++)
      if (strcmp (sam_status_values[i].nick, facts->status) == 0)
        return (SamStatus) i;
  return SAM_STATUS_PLANNED;
}

/* Live: not cancelled. */
gboolean
sam_facts_is_live (const SamActivityFacts *facts)
{
  return sam_facts_status (facts) != SAM_STATUS_CANCELLED;
}

static gboolean
is_open (const SamActivityFacts *facts)
{
  SamStatus status = sam_facts_status (facts);

  return status != SAM_STATUS_DONE && status != SAM_STATUS_CANCELLED;
}

static gboolean
is_set (const char *date)
{
  return date != NULL && *date != '\0';
}

/* Overdue as at @as_at (YYYY-MM-DD): live, not done, and due before it. */
gboolean
sam_facts_is_overdue (const SamActivityFacts *facts,
                      const char             *as_at)
{
  g_return_val_if_fail (facts != NULL, FALSE);
  return as_at != NULL && is_open (facts) && is_set (facts->due_date) && strcmp (facts->due_date, as_at) < 0;
}

/* Running in @period: starts on or before its end and is due on or after
 * its start, its plan's dates standing in for missing ones of its own. */
gboolean
sam_facts_runs_in (const SamActivityFacts *facts,
                   const SamPeriod        *period)
{
  const char *start, *due;

  g_return_val_if_fail (facts != NULL, FALSE);
  if (period == NULL)
    return FALSE;
  start = is_set (facts->start_date) ? facts->start_date : facts->plan_start;
  due = is_set (facts->due_date) ? facts->due_date : facts->plan_end;
  if (is_set (start) && is_set (period->end_date) && strcmp (start, period->end_date) > 0)
    return FALSE;
  if (is_set (due) && is_set (period->start_date) && strcmp (due, period->start_date) < 0)
    return FALSE;
  return TRUE;
}

/* Expected to report in @period: live, not done, and running in it. */
gboolean
sam_facts_expects_report (const SamActivityFacts *facts,
                          const SamPeriod        *period)
{
  return is_open (facts) && sam_facts_runs_in (facts, period);
}

/* Not reported in @period: expected to report there and did not. */
gboolean
sam_facts_is_unreported (const SamActivityFacts *facts,
                         const SamPeriod        *period)
{
  return !facts->reported && sam_facts_expects_report (facts, period);
}

/* Counts one activity into @tally, overdue as at @as_at (NULL: none) and
 * reporting for @period (NULL: none). */
void
sam_tally_add (SamTally               *tally,
               const SamActivityFacts *facts,
               const SamPeriod        *period,
               const char             *as_at)
{
  g_return_if_fail (tally != NULL && facts != NULL);

  tally->total++;
  tally->by_status[sam_facts_status (facts)]++;
  if (sam_facts_is_live (facts))
    {
      tally->live++;
      tally->progress_sum += MAX (facts->progress, 0);
    }
  if (sam_facts_is_overdue (facts, as_at))
    tally->overdue++;
  if (sam_facts_expects_report (facts, period))
    {
      tally->expected++;
      if (!facts->reported)
        tally->not_reported++;
    }
}

/* Returns the average progress of the live activities, 0–100, or -1 when
 * there are none. */
double
sam_tally_progress (const SamTally *tally)
{
  g_return_val_if_fail (tally != NULL, -1);
  return tally->live > 0 ? (double) tally->progress_sum / tally->live : -1;
}

/* The light of a measure with @tally: red when an activity is delayed or
 * overdue; else amber when one did not report in the period; else green;
 * SAM_LIGHT_NONE when it has no live activity. */
SamLight
sam_tally_light (const SamTally *tally)
{
  g_return_val_if_fail (tally != NULL, SAM_LIGHT_NONE);
  if (tally->live == 0)
    return SAM_LIGHT_NONE;
  if (tally->overdue > 0 || tally->by_status[SAM_STATUS_DELAYED] > 0)
    return SAM_LIGHT_RED;
  if (tally->not_reported > 0)
    return SAM_LIGHT_AMBER;
  return SAM_LIGHT_GREEN;
}

/* Reading the facts */

typedef struct
{
  SamFactsFunc func;
  gpointer     user_data;
} Reading;

static gboolean
facts_row_cb (SamStmt       *stmt,
              gpointer       user_data,
              GError       **error)
{
  Reading *r = user_data;
  SamActivityFactsRow row = {
    .id = sam_stmt_column_int (stmt, 0),
    .measure_id = sam_stmt_column_int (stmt, 1),
    .plan_id = sam_stmt_column_int (stmt, 2),
    .lead_id = sam_stmt_column_int (stmt, 3),
    .facts = {
      .status = sam_stmt_column_text (stmt, 4),
      .progress = sam_stmt_column_is_null (stmt, 5) ? -1 : sam_stmt_column_int (stmt, 5),
      .start_date = sam_stmt_column_text (stmt, 6),
      .due_date = sam_stmt_column_text (stmt, 7),
      .plan_start = sam_stmt_column_text (stmt, 8),
      .plan_end = sam_stmt_column_text (stmt, 9),
      .reported = sam_stmt_column_int (stmt, 10) != 0,
    },
  };

  return r->func (&row, r->user_data, error);
}

/* Calls @func with the facts of every activity in @scope (NULL: all), in
 * the order they are stored, "reported" meaning in @period (NULL: never).
 * Strings are valid during the call only. Returns FALSE when @func does,
 * or with a SamStoreError. */
gboolean
sam_figures_foreach (SamStore         *store,
                     const SamScope   *scope,
                     const SamPeriod  *period,
                     SamFactsFunc      func,
                     gpointer          user_data,
                     GError          **error)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT a.id, p.measure_id, a.plan_id, coalesce(a.lead_agency_id, 0), a.status, a.progress, "
    "a.start_date, a.due_date, p.start_date, p.end_date, "
    "CAST(:period AS TEXT) IS NOT NULL AND a.id IN (SELECT su.activity_id FROM status_update su "
    "  JOIN reporting_period rp ON rp.id = su.period_id WHERE rp.code = :period) "
    "FROM activity a CROSS JOIN plan p ON p.id = a.plan_id WHERE %s",
    sam_scope_activity_sql (scope));
  Reading reading = { func, user_data };
  SamStmt *stmt;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!(stmt = sam_query_prepare (store, sql, scope, error)))
    return FALSE;
  sam_query_bind_text (stmt, ":period", period ? period->code : NULL);
  return sam_query_run (store, stmt, facts_row_cb, &reading, error);
}

void
sam_measure_figures_free (SamMeasureFigures *figures)
{
  if (figures == NULL)
    return;
  g_free (figures->title);
  g_free (figures);
}

static gboolean
add_measure_cb (SamStmt       *stmt,
                gpointer       user_data,
                GError       **error)
{
  SamMeasureFigures *m = g_new0 (SamMeasureFigures, 1);

  m->measure_id = sam_stmt_column_int (stmt, 0);
  m->number = sam_stmt_column_int (stmt, 1);
  m->title = g_strdup (sam_stmt_column_text (stmt, 2));
  g_ptr_array_add (user_data, m);
  return TRUE;
}

typedef struct
{
  GHashTable      *by_id;     /* measure id → SamMeasureFigures, borrowed */
  const SamPeriod *period;
  const char      *as_at;
} Tallying;

static gboolean
tally_cb (const SamActivityFactsRow  *row,
          gpointer                    user_data,
          GError                    **error)
{
  Tallying *t = user_data;
  SamMeasureFigures *m = g_hash_table_lookup (t->by_id, &row->measure_id);

  if (m != NULL)
    sam_tally_add (&m->tally, &row->facts, t->period, t->as_at);
  return TRUE;
}

/* Returns a SamMeasureFigures for each measure in @scope, in the strategy's
 * order, counting its activities in @scope with the rules above: overdue
 * as at @as_at, reporting in @period (either may be NULL). Agency and
 * ministry scopes keep every measure. Returns NULL with a SamStoreError. */
GPtrArray *
sam_figures_by_measure (SamStore         *store,
                        const SamScope   *scope,
                        const SamPeriod  *period,
                        const char       *as_at,
                        GError          **error)
{
  g_autoptr(GPtrArray) measures = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_measure_figures_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *sql = g_strdup_printf (
    "SELECT m.id, m.number, " SAM_TITLE ("m") " FROM measure m LEFT JOIN focus_area f ON f.id = m.focus_area_id "
    "WHERE %s ORDER BY f.number, f.id, m.number, m.id", sam_scope_measure_sql (scope));
  Tallying tallying = { by_id, period, as_at };

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);

  if (!sam_query_foreach (store, sql, scope, add_measure_cb, measures, error))
    return NULL;
  for (guint i = 0; i < measures->len; i++)
    {
      SamMeasureFigures *m = measures->pdata[i];
      g_hash_table_insert (by_id, &m->measure_id, m);
    }
  if (!sam_figures_foreach (store, scope, period, tally_cb, &tallying, error))
    return NULL;
  return g_steal_pointer (&measures);
}

/* Progress as at a period */

static gboolean
tally_as_at_cb (SamStmt       *stmt,
                gpointer       user_data,
                GError       **error)
{
  GHashTable *by_id = user_data;
  gint64 measure_id = sam_stmt_column_int (stmt, 0);
  SamMeasureFigures *m = g_hash_table_lookup (by_id, &measure_id);
  SamActivityFacts facts = {
    .status = sam_stmt_column_text (stmt, 1),
    .progress = sam_stmt_column_is_null (stmt, 2) ? -1 : sam_stmt_column_int (stmt, 2),
  };

  if (m != NULL)
    sam_tally_add (&m->tally, &facts, NULL, NULL);
  return TRUE;
}

/* Returns a SamMeasureFigures for each measure in @scope, as
 * sam_figures_by_measure() does, with each activity counted by the status
 * and progress of its latest status update in or before @period (by the
 * periods' starts, then the time reported and id, as the Status history
 * orders them); one without any as planned at 0 %. Only the counts by
 * status, live and progress are filled. Returns NULL with a SamStoreError.
 *
 * This is what the Summary's change since the previous period compares
 * with, until the store keeps each activity's history. */
GPtrArray *
sam_figures_progress_as_at (SamStore         *store,
                            const SamScope   *scope,
                            const SamPeriod  *period,
                            GError          **error)
{
  g_autoptr(GPtrArray) measures = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_measure_figures_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *measures_sql = g_strdup_printf (
    "SELECT m.id, m.number, NULL FROM measure m WHERE %s", sam_scope_measure_sql (scope));
  g_autofree char *sql = g_strdup_printf (
    "SELECT p.measure_id, u.status, u.progress FROM activity a CROSS JOIN plan p ON p.id = a.plan_id "
    "LEFT JOIN (SELECT su.activity_id, su.status, su.progress, row_number () OVER (PARTITION BY su.activity_id "
    "  ORDER BY coalesce(rp.start_date, '') DESC, coalesce(su.reported_at, '') DESC, su.id DESC) AS n "
    "  FROM status_update su LEFT JOIN reporting_period rp ON rp.id = su.period_id "
    "  WHERE coalesce(rp.start_date, '') <= :start) u ON u.activity_id = a.id AND u.n = 1 "
    "WHERE %s", sam_scope_activity_sql (scope));
  SamStmt *stmt;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  if (!sam_query_foreach (store, measures_sql, scope, add_measure_cb, measures, error))
    return NULL;
  for (guint i = 0; i < measures->len; i++)
    {
      SamMeasureFigures *m = measures->pdata[i];
      g_hash_table_insert (by_id, &m->measure_id, m);
    }
  if (!(stmt = sam_query_prepare (store, sql, scope, error)))
    return NULL;
  sam_query_bind_text (stmt, ":start", period->start_date ? period->start_date : "");
  if (!sam_query_run (store, stmt, tally_as_at_cb, by_id, error))
    return NULL;
  return g_steal_pointer (&measures);
}

/* Returns the period before @period in the order sam_period_list() gives,
 * or NULL (with @error unset) when @period is the first or unknown. */
SamPeriod *
sam_figures_previous_period (SamStore         *store,
                             const SamPeriod  *period,
                             GError          **error)
{
  g_autoptr(GPtrArray) periods = NULL;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  if (period == NULL || !(periods = sam_period_list (store, error)))
    return NULL;
  for (guint i = 1; i < periods->len; i++)
    if (g_strcmp0 (((SamPeriod *) periods->pdata[i])->code, period->code) == 0)
      return sam_period_copy (periods->pdata[i - 1]);
  return NULL;
}
