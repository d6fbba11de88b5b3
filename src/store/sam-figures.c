#define G_LOG_DOMAIN "sam-figures"

#include "config.h"

#include <string.h>

#include "sam-closing-private.h"
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
  if (facts->frozen)
    return facts->was_overdue;
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
  if (facts->frozen)
    return facts->was_running;
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

/* Today's or the period's end: see "judged at" in sam-figures.h. */
const char *
sam_figures_judged_on (const SamPeriod *period,
                       const char      *today)
{
  if (period == NULL || !is_set (period->end_date) || (today != NULL && strcmp (today, period->end_date) < 0))
    return today;
  return period->end_date;
}

/* Reading the facts as at a period. Three lists are read side by side,
 * each in the order of the activities' ids: the activities, their status
 * updates (by the index on the activity) and the history of their own
 * fields; one pass over each, whatever the size of the plan. */

/* Where each reporting period row stands in the order of periods. */
typedef struct
{
  GPtrArray  *periods;     /* SamPeriod, as sam_period_list() orders them */
  GHashTable *rank;        /* reporting_period row id → place in periods + 1 */
  gint        last;        /* the last place in or before the period asked about; -1: none */
  gint        own;         /* the period's own place; -1: not stored */
} Order;

static void
order_clear (Order *order)
{
  g_clear_pointer (&order->periods, g_ptr_array_unref);
  g_clear_pointer (&order->rank, g_hash_table_unref);
}

static int
compare_periods (const SamPeriod *a,
                 const SamPeriod *b)
{
  int by_start = strcmp (a->start_date ? a->start_date : "", b->start_date ? b->start_date : "");

  return by_start ? by_start : g_strcmp0 (a->code, b->code);
}

static gboolean
add_rank_cb (sqlite3_stmt  *stmt,
             gpointer       user_data,
             GError       **error)
{
  Order *order = user_data;
  const char *code = sam_query_text (stmt, 1);

  for (guint i = 0; i < order->periods->len; i++)
    if (g_strcmp0 (((SamPeriod *) order->periods->pdata[i])->code, code) == 0)
      {
        g_hash_table_insert (order->rank, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                             GINT_TO_POINTER (i + 1));
        break;
      }
  return TRUE;
}

static gboolean
order_read (SamStore         *store,
            const SamPeriod  *period,
            Order            *order,
            GError          **error)
{
  order->last = order->own = -1;
  if (!(order->periods = sam_period_list (store, error)))
    return FALSE;
  order->rank = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; period && i < order->periods->len; i++)
    {
      const SamPeriod *p = order->periods->pdata[i];

      if (compare_periods (p, period) <= 0)
        order->last = (gint) i;
      if (g_strcmp0 (p->code, period->code) == 0)
        order->own = (gint) i;
    }
  return sam_query_foreach (store, "SELECT id, code FROM reporting_period", NULL, add_rank_cb, order, error);
}

/* A statement read in step with the activities: its first column is the
 * activity's id, ascending. */
typedef struct
{
  SamStore     *store;
  sqlite3_stmt *stmt;
  int           rc;        /* of the last step: SQLITE_ROW while on a row */
} Cursor;

static gboolean
cursor_step (Cursor  *cursor,
             GError **error)
{
  cursor->rc = sqlite3_step (cursor->stmt);
  if (cursor->rc == SQLITE_ROW || cursor->rc == SQLITE_DONE)
    return TRUE;
  return sam_store_set_sql_error (cursor->store, sqlite3_extended_errcode (sam_store_get_db (cursor->store)), error);
}

/* Moves @cursor to the first row of activity @id or after; TRUE on a row
 * of @id. */
static gboolean
cursor_seek (Cursor   *cursor,
             gint64    id,
             gboolean *on_row,
             GError  **error)
{
  *on_row = FALSE;
  while (cursor->rc == SQLITE_ROW && sqlite3_column_int64 (cursor->stmt, 0) < id)
    if (!cursor_step (cursor, error))
      return FALSE;
  *on_row = cursor->rc == SQLITE_ROW && sqlite3_column_int64 (cursor->stmt, 0) == id;
  return TRUE;
}

/* One status update, as the rules compare them. */
typedef struct
{
  gint64   id;           /* 0: none */
  gint     rank;
  GString *reported_at;
  GString *status;
  gboolean has_status;
  gint64   progress;     /* -1: not given */
  GString *comment;
  gboolean has_comment;
} Candidate;

static void
candidate_clear (Candidate *c)
{
  g_string_free (c->reported_at, TRUE);
  g_string_free (c->status, TRUE);
  g_string_free (c->comment, TRUE);
}

static void
candidate_init (Candidate *c)
{
  *c = (Candidate) { 0, 0, g_string_new (NULL), g_string_new (NULL), FALSE, -1, g_string_new (NULL), FALSE };
}

/* Whether the update of period place @rank, reported at @reported_at,
 * with id @id comes after @c in the order of updates (sam-figures.h). */
static gboolean
comes_after (const Candidate *c,
             gint             rank,
             const char      *reported_at,
             gint64           id)
{
  int by_time;

  if (c->id == 0 || rank != c->rank)
    return c->id == 0 || rank > c->rank;
  by_time = strcmp (reported_at ? reported_at : "", c->reported_at->str);
  return by_time ? by_time > 0 : id > c->id;
}

static void
candidate_take (Candidate    *c,
                sqlite3_stmt *stmt,
                gint          rank)
{
  c->id = sqlite3_column_int64 (stmt, 3);
  c->rank = rank;
  g_string_assign (c->reported_at, sam_query_text (stmt, 2) ? sam_query_text (stmt, 2) : "");
  c->has_status = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
  g_string_assign (c->status, c->has_status ? sam_query_text (stmt, 4) : "");
  c->progress = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 5);
  c->has_comment = sqlite3_column_type (stmt, 6) != SQLITE_NULL;
  g_string_assign (c->comment, c->has_comment ? sam_query_text (stmt, 6) : "");
}

/* The own fields the history can say were otherwise then. */
enum { OWN_STATUS, OWN_PROGRESS, OWN_DUE, OWN_LEAD, N_OWN };
static const char *own_fields[N_OWN] = { "status", "progress", "due_date", "lead_agency_id" };

typedef struct
{
  SamFactsFunc     func;
  gpointer         user_data;
  const SamPeriod *period;
  Order            order;
  Cursor           updates;   /* (activity, period, reported_at, id, status, progress, comment) */
  Cursor           history;   /* (activity, field, old value), after the day judged at */
  Candidate        best, before;
  const char      *judged_on; /* YYYY-MM-DD, or "9999-12-31" for never */
  GString         *own[N_OWN];
  gboolean         overridden[N_OWN];
  gboolean         own_set[N_OWN];
  GString         *last_edit; /* the last day on or before it that the status or progress changed */
} Reading;

/* Finds activity @id's latest update in or before the period, the one
 * before it, and whether it reported in the period. */
static gboolean
read_updates (Reading   *r,
              gint64     id,
              gboolean  *reported,
              GError   **error)
{
  gboolean on_row;
  Candidate swap;

  r->best.id = r->before.id = 0;
  *reported = FALSE;
  if (!cursor_seek (&r->updates, id, &on_row, error))
    return FALSE;
  while (on_row)
    {
      sqlite3_stmt *stmt = r->updates.stmt;
      gint rank = GPOINTER_TO_INT (g_hash_table_lookup (r->order.rank, &(gint64) { sqlite3_column_int64 (stmt, 1) })) - 1;
      const char *reported_at = sam_query_text (stmt, 2);
      gint64 update = sqlite3_column_int64 (stmt, 3);

      if (rank >= 0 && rank <= r->order.last)
        {
          *reported = *reported || rank == r->order.own;
          if (comes_after (&r->best, rank, reported_at, update))
            {
              swap = r->before, r->before = r->best, r->best = swap;
              candidate_take (&r->best, stmt, rank);
            }
          else if (comes_after (&r->before, rank, reported_at, update))
            candidate_take (&r->before, stmt, rank);
        }
      if (!cursor_step (&r->updates, error) || !cursor_seek (&r->updates, id, &on_row, error))
        return FALSE;
    }
  return TRUE;
}

/* Finds what activity @id's own fields were at the end of the day judged
 * at (the value before their first change after it) and the last day on
 * or before it that its status or progress changed. */
static gboolean
read_history (Reading  *r,
              gint64    id,
              GError  **error)
{
  gboolean on_row;

  for (guint i = 0; i < N_OWN; i++)
    r->overridden[i] = FALSE;
  g_string_truncate (r->last_edit, 0);
  if (!cursor_seek (&r->history, id, &on_row, error))
    return FALSE;
  while (on_row)
    {
      sqlite3_stmt *stmt = r->history.stmt;
      const char *field = sam_query_text (stmt, 1);
      const char *when = sam_query_text (stmt, 3);
      gboolean later = when != NULL && strncmp (when, r->judged_on, 10) > 0;

      /* A change noted without a time cannot be placed: it is left out. */
      for (guint i = 0; when != NULL && i < N_OWN; i++)
        if (g_strcmp0 (field, own_fields[i]) == 0)
          {
            if (later && !r->overridden[i])
              {
                r->overridden[i] = TRUE;
                r->own_set[i] = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
                g_string_assign (r->own[i], r->own_set[i] ? sam_query_text (stmt, 2) : "");
              }
            else if (!later && (i == OWN_STATUS || i == OWN_PROGRESS))
              g_string_assign (r->last_edit, when);
          }
      if (!cursor_step (&r->history, error) || !cursor_seek (&r->history, id, &on_row, error))
        return FALSE;
    }
  g_string_truncate (r->last_edit, MIN (r->last_edit->len, 10));
  return TRUE;
}

/* Whether the activity's own status and progress stand instead of its
 * latest update's: they changed on a later day than the update stands
 * from (the end of its period; for a period without an end, the day it
 * was reported). */
static gboolean
edited_since (Reading         *r,
              const Candidate *update)
{
  const SamPeriod *period = r->order.periods->pdata[update->rank];
  const char *from = is_set (period->end_date) ? period->end_date : update->reported_at->str;

  return r->last_edit->len > 0 && is_set (from) && strncmp (r->last_edit->str, from, 10) > 0;
}

static const char *
own_text (Reading      *r,
          guint         field,
          sqlite3_stmt *stmt,
          int           column)
{
  if (r->period && r->overridden[field])
    return r->own_set[field] ? r->own[field]->str : NULL;
  return sam_query_text (stmt, column);
}

static gboolean
facts_row_cb (sqlite3_stmt  *stmt,
              gpointer       user_data,
              GError       **error)
{
  Reading *r = user_data;
  gint64 id = sqlite3_column_int64 (stmt, 0);
  gboolean reported = FALSE;
  const char *progress_text;
  SamActivityFactsRow row = {
    .id = id,
    .measure_id = sqlite3_column_int64 (stmt, 1),
    .plan_id = sqlite3_column_int64 (stmt, 2),
    .lead_id = sqlite3_column_int64 (stmt, 3),
    .title = sam_query_text (stmt, 4),
  };

  if (r->period && (!read_updates (r, id, &reported, error) || !read_history (r, id, error)))
    return FALSE;
  progress_text = own_text (r, OWN_PROGRESS, stmt, 6);
  if (r->period && r->overridden[OWN_LEAD])
    row.lead_id = r->own_set[OWN_LEAD] ? g_ascii_strtoll (r->own[OWN_LEAD]->str, NULL, 10) : 0;
  row.facts = (SamActivityFacts) {
    .status = own_text (r, OWN_STATUS, stmt, 5),
    .progress = progress_text ? g_ascii_strtoll (progress_text, NULL, 10) : -1,
    .start_date = sam_query_text (stmt, 7),
    .due_date = own_text (r, OWN_DUE, stmt, 8),
    .plan_start = sam_query_text (stmt, 9),
    .plan_end = sam_query_text (stmt, 10),
    .reported = reported,
  };
  if (r->best.id != 0)
    {
      const Candidate *b = &r->best;

      row.facts.comment = b->has_comment ? b->comment->str : NULL;
      row.facts.update_period = ((SamPeriod *) r->order.periods->pdata[b->rank])->code;
      row.facts.update_id = b->id;
      if (!edited_since (r, b))
        {
          row.facts.status = b->has_status ? b->status->str : NULL;
          row.facts.progress = b->progress;
          row.facts.has_change = r->before.id != 0 && r->before.progress >= 0 && b->progress >= 0;
          row.facts.progress_change = row.facts.has_change ? b->progress - r->before.progress : 0;
        }
    }
  return r->func (&row, r->user_data, error);
}

static gboolean
cursor_open (SamStore    *store,
             Cursor      *cursor,
             const char  *sql,
             GError     **error)
{
  cursor->store = store;
  if (!(cursor->stmt = sam_query_prepare (store, sql, NULL, error)))
    return FALSE;
  return cursor_step (cursor, error);
}

static void
reading_clear (Reading *r)
{
  order_clear (&r->order);
  sqlite3_finalize (r->updates.stmt);
  sqlite3_finalize (r->history.stmt);
  candidate_clear (&r->best);
  candidate_clear (&r->before);
  for (guint i = 0; i < N_OWN; i++)
    g_string_free (r->own[i], TRUE);
  g_string_free (r->last_edit, TRUE);
}

/* Calls @func with the facts of every activity in @scope (NULL: all) as
 * they stand in the database now, as at @period (NULL: none) judged as
 * sam_figures_judged_on() says with @today, in the order of their ids;
 * see sam-figures.h for the rules. Strings are valid during the call only.
 * Unlike sam_figures_foreach(), reads today's data for a closed period too.
 * Returns FALSE when @func does, or with a SamStoreError. */
gboolean
sam_figures_foreach_live (SamStore         *store,
                          const SamScope   *scope,
                          const SamPeriod  *period,
                          const char       *today,
                          SamFactsFunc      func,
                          gpointer          user_data,
                          GError          **error)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT a.id, p.measure_id, a.plan_id, coalesce(a.lead_agency_id, 0), a.title, a.status, a.progress, "
    "a.start_date, a.due_date, p.start_date, p.end_date "
    "FROM activity a CROSS JOIN plan p ON p.id = a.plan_id WHERE %s ORDER BY a.id",
    sam_scope_activity_sql (scope));
  Reading r = { func, user_data, period };
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  candidate_init (&r.best);
  candidate_init (&r.before);
  for (guint i = 0; i < N_OWN; i++)
    r.own[i] = g_string_new (NULL);
  r.last_edit = g_string_new (NULL);
  r.judged_on = sam_figures_judged_on (period, today) ? sam_figures_judged_on (period, today) : "9999-12-31";
  ok = (period == NULL
        || (order_read (store, period, &r.order, error)
            && cursor_open (store, &r.updates,
                            "SELECT activity_id, period_id, reported_at, id, status, progress, comment "
                            "FROM status_update ORDER BY activity_id", error)
            && cursor_open (store, &r.history,
                            "SELECT activity_id, field, old_value, changed_at FROM activity_change "
                            "WHERE field IN ('status', 'progress', 'due_date', 'lead_agency_id') "
                            "ORDER BY activity_id, changed_at, id", error)))
       && (stmt = sam_query_prepare (store, sql, scope, error)) != NULL
       && sam_query_run (store, stmt, facts_row_cb, &r, error);
  reading_clear (&r);
  return ok;
}

/* Calls @func with the facts of every activity in @scope (NULL: all) as at
 * @period (NULL: none), judged as sam_figures_judged_on() says with
 * @today: as sam_figures_foreach_live() does for an open period, and as
 * they were frozen for a closed one (sam-closing.h). Strings are valid
 * during the call only. Returns FALSE when @func does, or with a
 * SamStoreError. */
gboolean
sam_figures_foreach (SamStore         *store,
                     const SamScope   *scope,
                     const SamPeriod  *period,
                     const char       *today,
                     SamFactsFunc      func,
                     gpointer          user_data,
                     GError          **error)
{
  gint64 closing = 0;

  if (period && !sam_closing_find (store, period->code, &closing, error))
    return FALSE;
  if (closing)
    return sam_closing_foreach_facts (store, closing, scope, func, user_data, error);
  return sam_figures_foreach_live (store, scope, period, today, func, user_data, error);
}

typedef struct
{
  const SamPeriod *period;
  GHashTable      *set;
} Unreported;

static gboolean
add_unreported_cb (const SamActivityFactsRow  *row,
                   gpointer                    user_data,
                   GError                    **error)
{
  Unreported *u = user_data;

  if (sam_facts_is_unreported (&row->facts, u->period))
    g_hash_table_add (u->set, g_memdup2 (&row->id, sizeof row->id));
  return TRUE;
}

/* Returns the set (of gint64) of the activities not reported in @period
 * by the rules as at it (see sam-figures.h), for a filter; NULL with a
 * SamStoreError. */
GHashTable *
sam_figures_unreported (SamStore         *store,
                        const SamPeriod  *period,
                        const char       *today,
                        GError          **error)
{
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  Unreported unreported = { period, set };

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);
  if (!sam_figures_foreach (store, NULL, period, today, add_unreported_cb, &unreported, error))
    return NULL;
  return g_steal_pointer (&set);
}

typedef struct
{
  Order      *order;
  gint        rank;
  const char *reported_at;
  gboolean    latest;
} Latest;

static gboolean
check_later_cb (sqlite3_stmt  *stmt,
                gpointer       user_data,
                GError       **error)
{
  Latest *l = user_data;
  Candidate other = { .id = sqlite3_column_int64 (stmt, 2), .reported_at = g_string_new (sam_query_text (stmt, 1)) };

  other.rank = GPOINTER_TO_INT (g_hash_table_lookup (l->order->rank, &(gint64) { sqlite3_column_int64 (stmt, 0) })) - 1;
  /* A new update has the highest id: it comes after an equal one. */
  if (other.rank >= 0 && !comes_after (&other, l->rank, l->reported_at, G_MAXINT64))
    l->latest = FALSE;
  g_string_free (other.reported_at, TRUE);
  return TRUE;
}

/* Sets *@latest to whether a new status update of activity @activity_id
 * for the reporting period row @period_id, reported at @reported_at, would
 * be its latest by the order of updates (sam-figures.h), so that the
 * activity's own status follows its latest update and not one reported
 * late for an earlier period. Returns FALSE with a SamStoreError. */
gboolean
sam_figures_would_be_latest (SamStore    *store,
                             gint64       activity_id,
                             gint64       period_id,
                             const char  *reported_at,
                             gboolean    *latest,
                             GError     **error)
{
  Order order = { 0 };
  Latest l = { &order, -1, reported_at ? reported_at : "", TRUE };
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (latest != NULL, FALSE);

  ok = order_read (store, NULL, &order, error);
  if (ok)
    {
      l.rank = GPOINTER_TO_INT (g_hash_table_lookup (order.rank, &period_id)) - 1;
      ok = (stmt = sam_query_prepare (store, "SELECT period_id, coalesce(reported_at, ''), id FROM status_update "
                                      "WHERE activity_id = :activity", NULL, error)) != NULL;
    }
  if (ok)
    {
      sam_query_bind_int (stmt, ":activity", activity_id);
      ok = sam_query_run (store, stmt, check_later_cb, &l, error);
    }
  order_clear (&order);
  *latest = l.latest;
  return ok;
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
add_measure_cb (sqlite3_stmt  *stmt,
                gpointer       user_data,
                GError       **error)
{
  SamMeasureFigures *m = g_new0 (SamMeasureFigures, 1);

  m->measure_id = sqlite3_column_int64 (stmt, 0);
  m->number = sqlite3_column_int64 (stmt, 1);
  m->title = g_strdup (sam_query_text (stmt, 2));
  g_ptr_array_add (user_data, m);
  return TRUE;
}

typedef struct
{
  GHashTable      *by_id;     /* measure id → SamMeasureFigures, borrowed */
  const SamPeriod *period;
  const char      *as_at;     /* the day overdue is judged at */
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
 * order, counting its activities in @scope with the rules of sam-figures.h
 * as at @period (NULL: none), judged with @today (see
 * sam_figures_judged_on()). Agency and ministry scopes keep every measure.
 * Returns NULL with a SamStoreError. */
GPtrArray *
sam_figures_by_measure (SamStore         *store,
                        const SamScope   *scope,
                        const SamPeriod  *period,
                        const char       *today,
                        GError          **error)
{
  g_autoptr(GPtrArray) measures = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_measure_figures_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *sql = g_strdup_printf (
    "SELECT m.id, m.number, m.title FROM measure m LEFT JOIN focus_area f ON f.id = m.focus_area_id "
    "WHERE %s ORDER BY f.number, f.id, m.number, m.id", sam_scope_measure_sql (scope));
  Tallying tallying = { by_id, period, sam_figures_judged_on (period, today) };
  gint64 closing = 0;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);

  if (period && !sam_closing_find (store, period->code, &closing, error))
    return NULL;
  if (closing)
    {
      g_clear_pointer (&measures, g_ptr_array_unref);
      if (!(measures = sam_closing_read_measures (store, closing, scope, error)))
        return NULL;
    }
  else if (!sam_query_foreach (store, sql, scope, add_measure_cb, measures, error))
    return NULL;
  for (guint i = 0; i < measures->len; i++)
    {
      SamMeasureFigures *m = measures->pdata[i];
      g_hash_table_insert (by_id, &m->measure_id, m);
    }
  if (!sam_figures_foreach (store, scope, period, today, tally_cb, &tallying, error))
    return NULL;
  return g_steal_pointer (&measures);
}
