#define G_LOG_DOMAIN "sam-figures"

#include "config.h"

#include <string.h>

#include "sam-closing-private.h"
#include "sam-facts-snapshot.h"
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

/* Today's or the period's end: see "judged at" in sam-figures.h. */
const char *
sam_figures_judged_on (const SamPeriod *period,
                       const char      *today)
{
  if (period == NULL || !is_set (period->end_date) || (today != NULL && strcmp (today, period->end_date) < 0))
    return today;
  return period->end_date;
}

/* Reading the facts as at periods. Three lists are read side by side,
 * each in the order of the activities' ids: the activities, their status
 * updates (by the index on the activity) and the history of their own
 * fields; one pass over each, whatever the size of the plan. An
 * activity's updates and history are gathered, then judged as at each
 * period asked about. */

/* Where each reporting period row stands in the order of periods. */
typedef struct
{
  GPtrArray  *periods;     /* SamPeriod, as sam_period_list() orders them */
  GHashTable *rank;        /* reporting_period row id → place in periods + 1 */
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
add_rank_cb (SamStmt       *stmt,
             gpointer       user_data,
             GError       **error)
{
  Order *order = user_data;
  const char *code = sam_stmt_column_text (stmt, 1);

  for (guint i = 0; i < order->periods->len; i++)
    if (g_strcmp0 (((SamPeriod *) order->periods->pdata[i])->code, code) == 0)
      {
        g_hash_table_insert (order->rank, g_memdup2 (&(gint64) { sam_stmt_column_int (stmt, 0) }, sizeof (gint64)),
                             GINT_TO_POINTER (i + 1));
        break;
      }
  return TRUE;
}

static gboolean
order_read (SamStore  *store,
            Order     *order,
            GError   **error)
{
  if (!(order->periods = sam_period_list (store, error)))
    return FALSE;
  order->rank = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  return sam_query_foreach (store, "SELECT id, code FROM reporting_period", NULL, add_rank_cb, order, error);
}

/* The place of reporting period row @id, or -1 when it is not there. */
static gint
order_rank (const Order *order,
            gint64       id)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (order->rank, &id)) - 1;
}

/* One period asked about: the last place in or before it, its own place
 * (-1 when it is not stored) and the day it is judged at. */
typedef struct
{
  const SamPeriod *period;
  gint             last;
  gint             own;
  const char      *judged_on;
} Asked;

static Asked
order_ask (const Order     *order,
           const SamPeriod *period,
           const char      *today)
{
  Asked asked = { period, -1, -1, sam_figures_judged_on (period, today) };

  for (guint i = 0; i < order->periods->len; i++)
    {
      const SamPeriod *p = order->periods->pdata[i];

      if (compare_periods (p, period) <= 0)
        asked.last = (gint) i;
      if (g_strcmp0 (p->code, period->code) == 0)
        asked.own = (gint) i;
    }
  if (asked.judged_on == NULL)
    asked.judged_on = "9999-12-31";   /* no day to judge at: today's fields */
  return asked;
}

/* One status update, as the rules compare them. */
typedef struct
{
  gint64      id;
  gint        rank;          /* its period's place; -1: a period not there */
  const char *reported_at;   /* never NULL: none sorts first */
  const char *status;        /* NULL when not given */
  gint64      progress;      /* -1: not given */
  const char *comment;
} Update;

/* Whether @u comes after @than in the order of updates (sam-figures.h):
 * by period, time reported and id; anything comes after none. */
static gboolean
comes_after (const Update *u,
             const Update *than)
{
  int by_time;

  if (than == NULL || u->rank != than->rank)
    return than == NULL || u->rank > than->rank;
  by_time = strcmp (u->reported_at, than->reported_at);
  return by_time ? by_time > 0 : u->id > than->id;
}

/* The own fields the history can say were otherwise then. */
enum { OWN_STATUS, OWN_PROGRESS, OWN_DUE, OWN_LEAD, N_OWN };
static const char *own_fields[N_OWN] = { "status", "progress", "due_date", "lead_agency_id" };

/* One noted change of an own field. */
typedef struct
{
  guint       field;         /* OWN_* */
  const char *day;           /* YYYY-MM-DD it changed */
  const char *old_value;     /* NULL: none */
} Note;

typedef gboolean (*PeriodFactsFunc) (const SamActivityFactsRow  *row,
                                     guint                       index,
                                     gpointer                    user_data,
                                     GError                    **error);

typedef struct
{
  PeriodFactsFunc  func;
  gpointer         user_data;
  Order            order;
  GArray          *asked;     /* Asked */
  SamCursor        updates;   /* (activity, period, reported_at, id, status, progress, comment) */
  SamCursor        history;   /* (activity, field, old value, changed_at) */
  GHashTable      *only;      /* the activities asked about (gint64 set), or NULL for all */
  GStringChunk    *texts;     /* of the activity read, cleared for the next */
  GArray          *gathered;  /* Update, of the activity read */
  GArray          *notes;     /* Note, in the order noted */
} Reading;

static const char *
keep (Reading    *r,
      const char *text)
{
  return text ? g_string_chunk_insert (r->texts, text) : NULL;
}

/* Gathers activity @id's updates and the changes of its own fields. */
static gboolean
gather (Reading  *r,
        gint64    id,
        GError  **error)
{
  gboolean on_row;

  g_string_chunk_clear (r->texts);
  g_array_set_size (r->gathered, 0);
  g_array_set_size (r->notes, 0);
  if (!sam_cursor_seek (&r->updates, id, &on_row, error))
    return FALSE;
  while (on_row)
    {
      SamStmt *stmt = r->updates.stmt;
      const char *at = sam_stmt_column_text (stmt, 2);
      Update u = {
        sam_stmt_column_int (stmt, 3), order_rank (&r->order, sam_stmt_column_int (stmt, 1)),
        keep (r, at ? at : ""), keep (r, sam_stmt_column_text (stmt, 4)),
        sam_stmt_column_is_null (stmt, 5) ? -1 : sam_stmt_column_int (stmt, 5),
        keep (r, sam_stmt_column_text (stmt, 6)),
      };

      g_array_append_val (r->gathered, u);
      if (!sam_cursor_step (&r->updates, error) || !sam_cursor_seek (&r->updates, id, &on_row, error))
        return FALSE;
    }
  if (!sam_cursor_seek (&r->history, id, &on_row, error))
    return FALSE;
  while (on_row)
    {
      SamStmt *stmt = r->history.stmt;
      const char *field = sam_stmt_column_text (stmt, 1);
      const char *when = sam_stmt_column_text (stmt, 3);

      /* A change noted without a time cannot be placed: it is left out. */
      for (guint i = 0; when != NULL && i < N_OWN; i++)
        if (g_strcmp0 (field, own_fields[i]) == 0)
          {
            Note note = { i, g_string_chunk_insert_len (r->texts, when, MIN (strlen (when), 10)),
                          keep (r, sam_stmt_column_text (stmt, 2)) };
            g_array_append_val (r->notes, note);
          }
      if (!sam_cursor_step (&r->history, error) || !sam_cursor_seek (&r->history, id, &on_row, error))
        return FALSE;
    }
  return TRUE;
}

/* What the history says of the own fields on the day @asked is judged at:
 * the value before a field's first change after it (*@overridden then),
 * and the last day on or before it that the status or progress changed. */
static void
judge_history (Reading      *r,
               const Asked  *asked,
               gboolean      overridden[N_OWN],
               const char   *own[N_OWN],
               const char  **last_edit)
{
  *last_edit = NULL;
  for (guint i = 0; i < N_OWN; i++)
    overridden[i] = FALSE;
  for (guint n = 0; n < r->notes->len; n++)
    {
      const Note *note = &g_array_index (r->notes, Note, n);

      if (strcmp (note->day, asked->judged_on) > 0)
        {
          if (!overridden[note->field])
            {
              overridden[note->field] = TRUE;
              own[note->field] = note->old_value;
            }
        }
      else if (note->field == OWN_STATUS || note->field == OWN_PROGRESS)
        *last_edit = note->day;
    }
}

/* Whether the activity's own status and progress stand instead of its
 * latest update's: they changed on a later day than the update stands
 * from (the end of its period; for a period without an end, the day it
 * was reported). */
static gboolean
edited_since (const Order  *order,
              const Update *update,
              const char   *last_edit)
{
  const SamPeriod *period = order->periods->pdata[update->rank];
  const char *from = is_set (period->end_date) ? period->end_date : update->reported_at;

  return last_edit != NULL && is_set (from) && strncmp (last_edit, from, 10) > 0;
}

/* Fills the facts of the activity at @stmt (already in @row) as at
 * @asked, from what gather() found. */
static void
judge (Reading             *r,
       const Asked         *asked,
       SamStmt             *stmt,
       SamActivityFactsRow *row)
{
  const Update *best = NULL, *before = NULL;
  const char *own[N_OWN] = { sam_stmt_column_text (stmt, 5), sam_stmt_column_text (stmt, 6), sam_stmt_column_text (stmt, 8), NULL };
  gboolean overridden[N_OWN];
  const char *last_edit;
  gboolean reported = FALSE;

  for (guint i = 0; i < r->gathered->len; i++)
    {
      const Update *u = &g_array_index (r->gathered, Update, i);

      if (u->rank < 0 || u->rank > asked->last)
        continue;
      reported = reported || u->rank == asked->own;
      if (comes_after (u, best))
        before = best, best = u;
      else if (comes_after (u, before))
        before = u;
    }
  judge_history (r, asked, overridden, own, &last_edit);
  if (overridden[OWN_LEAD])
    row->lead_id = own[OWN_LEAD] ? g_ascii_strtoll (own[OWN_LEAD], NULL, 10) : 0;
  row->facts.status = own[OWN_STATUS];
  row->facts.progress = own[OWN_PROGRESS] ? g_ascii_strtoll (own[OWN_PROGRESS], NULL, 10) : -1;
  row->facts.due_date = own[OWN_DUE];
  row->facts.reported = reported;
  if (best == NULL)
    return;
  row->facts.comment = best->comment;
  row->facts.update_period = ((SamPeriod *) r->order.periods->pdata[best->rank])->code;
  row->facts.update_id = best->id;
  if (edited_since (&r->order, best, last_edit))
    return;
  row->facts.status = best->status;
  row->facts.progress = best->progress;
  row->facts.has_change = before != NULL && before->progress >= 0 && best->progress >= 0;
  row->facts.progress_change = row->facts.has_change ? best->progress - before->progress : 0;
}

static gboolean
facts_row_cb (SamStmt       *stmt,
              gpointer       user_data,
              GError       **error)
{
  Reading *r = user_data;
  gint64 id = sam_stmt_column_int (stmt, 0);
  SamActivityFactsRow base = {
    .id = id,
    .measure_id = sam_stmt_column_int (stmt, 1),
    .plan_id = sam_stmt_column_int (stmt, 2),
    .lead_id = sam_stmt_column_int (stmt, 3),
    .title = sam_stmt_column_text (stmt, 4),
    .facts = {
      .status = sam_stmt_column_text (stmt, 5),
      .progress = sam_stmt_column_is_null (stmt, 6) ? -1 : sam_stmt_column_int (stmt, 6),
      .start_date = sam_stmt_column_text (stmt, 7),
      .due_date = sam_stmt_column_text (stmt, 8),
      .plan_start = sam_stmt_column_text (stmt, 9),
      .plan_end = sam_stmt_column_text (stmt, 10),
    },
  };

  if (r->only && !g_hash_table_contains (r->only, &id))
    return TRUE;
  if (r->asked->len == 0)
    return r->func (&base, 0, r->user_data, error);
  if (!gather (r, id, error))
    return FALSE;
  for (guint k = 0; k < r->asked->len; k++)
    {
      SamActivityFactsRow row = base;

      judge (r, &g_array_index (r->asked, Asked, k), stmt, &row);
      if (!r->func (&row, k, r->user_data, error))
        return FALSE;
    }
  return TRUE;
}

static void
reading_clear (Reading *r)
{
  order_clear (&r->order);
  sam_cursor_clear (&r->updates);
  sam_cursor_clear (&r->history);
  g_clear_pointer (&r->asked, g_array_unref);
  g_clear_pointer (&r->gathered, g_array_unref);
  g_clear_pointer (&r->notes, g_array_unref);
  g_clear_pointer (&r->texts, g_string_chunk_free);
}

static gboolean
foreach_periods (SamStore         *store,
                 const SamScope   *scope,
                 const SamPeriod **periods,
                 guint             n_periods,
                 const char       *today,
                 GHashTable       *only,
                 PeriodFactsFunc   func,
                 gpointer          user_data,
                 GError          **error)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT a.id, p.measure_id, a.plan_id, coalesce(a.lead_agency_id, 0), a.title, a.status, a.progress, "
    "a.start_date, a.due_date, p.start_date, p.end_date "
    "FROM activity a CROSS JOIN plan p ON p.id = a.plan_id WHERE %s ORDER BY a.id",
    sam_scope_activity_sql (scope));
  Reading r = { func, user_data };
  SamStmt *stmt;
  gboolean ok;

  r.only = only;
  r.asked = g_array_new (FALSE, FALSE, sizeof (Asked));
  r.gathered = g_array_new (FALSE, FALSE, sizeof (Update));
  r.notes = g_array_new (FALSE, FALSE, sizeof (Note));
  r.texts = g_string_chunk_new (1024);
  ok = n_periods == 0
       || (order_read (store, &r.order, error)
           && sam_cursor_open (store, &r.updates,
                               "SELECT activity_id, period_id, reported_at, id, status, progress, comment "
                               "FROM status_update ORDER BY activity_id", error)
           && sam_cursor_open (store, &r.history,
                               "SELECT activity_id, field, old_value, changed_at FROM activity_change "
                               "WHERE field IN ('status', 'progress', 'due_date', 'lead_agency_id') "
                               "ORDER BY activity_id, changed_at, id", error));
  for (guint k = 0; ok && k < n_periods; k++)
    {
      Asked asked = order_ask (&r.order, periods[k], today);
      g_array_append_val (r.asked, asked);
    }
  ok = ok && (stmt = sam_query_prepare (store, sql, scope, error)) != NULL
       && sam_query_run (store, stmt, facts_row_cb, &r, error);
  reading_clear (&r);
  return ok;
}

typedef struct
{
  SamFactsFunc func;
  gpointer     user_data;
} OnePeriod;

static gboolean
one_period_cb (const SamActivityFactsRow  *row,
               guint                       index,
               gpointer                    user_data,
               GError                    **error)
{
  OnePeriod *one = user_data;

  return one->func (row, one->user_data, error);
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
  OnePeriod one = { func, user_data };

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  return foreach_periods (store, scope, &period, period ? 1 : 0, today, NULL, one_period_cb, &one, error);
}

/* Calls @func with the facts of every activity in @scope (of those in
 * @only, a set of gint64 ids, when not NULL) as at each of @periods
 * (SamPeriod, on today's data, as sam_figures_foreach_live() does), the
 * period's place in @periods beside: an activity as at every period before
 * the next activity, from one pass over the data. For the checks that look
 * at every period. Returns FALSE when @func does, or with a SamStoreError. */
gboolean
sam_figures_foreach_periods (SamStore            *store,
                             const SamScope      *scope,
                             GPtrArray           *periods,
                             const char          *today,
                             GHashTable          *only,
                             SamPeriodFactsFunc   func,
                             gpointer             user_data,
                             GError             **error)
{
  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (periods != NULL && func != NULL, FALSE);
  if (periods->len == 0)
    return TRUE;
  return foreach_periods (store, scope, (const SamPeriod **) periods->pdata, periods->len, today, only,
                          (PeriodFactsFunc) func, user_data, error);
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
  Update      entry;
  gboolean    latest;
} Latest;

static gboolean
check_later_cb (SamStmt       *stmt,
                gpointer       user_data,
                GError       **error)
{
  Latest *l = user_data;
  Update other = { sam_stmt_column_int (stmt, 2), order_rank (l->order, sam_stmt_column_int (stmt, 0)),
                   sam_stmt_column_text (stmt, 1), NULL, -1, NULL };

  if (other.rank >= 0 && !comes_after (&l->entry, &other))
    l->latest = FALSE;
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
  /* A new update has the highest id: it comes after an equal one. */
  Latest l = { &order, { G_MAXINT64, -1, reported_at ? reported_at : "", NULL, -1, NULL }, TRUE };
  SamStmt *stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (latest != NULL, FALSE);

  ok = order_read (store, &order, error);
  if (ok)
    {
      l.entry.rank = order_rank (&order, period_id);
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
  return sam_figures_by_measure_in (NULL, store, scope, period, today, error);
}

/* As sam_figures_by_measure(), counting the facts of @snapshot when it
 * holds @period's (see sam_figures_foreach_in()). */
GPtrArray *
sam_figures_by_measure_in (SamFactsSnapshot *snapshot,
                           SamStore         *store,
                           const SamScope   *scope,
                           const SamPeriod  *period,
                           const char       *today,
                           GError          **error)
{
  g_autoptr(GPtrArray) measures = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_measure_figures_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *sql = g_strdup_printf (
    "SELECT m.id, m.number, " SAM_TITLE ("m") " FROM measure m LEFT JOIN focus_area f ON f.id = m.focus_area_id "
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
  if (!sam_figures_foreach_in (snapshot, store, scope, period, today, tally_cb, &tallying, error))
    return NULL;
  return g_steal_pointer (&measures);
}
