#define G_LOG_DOMAIN "sam-report"

#include "config.h"


#include "sam-report-private.h"
#include "sam-row-relay.h"
#include "core/sam-thread.h"

#include <pthread.h>
#include <time.h>

/* Reading ahead. The report's thread spends most of its time in
 * libxlsxwriter and zlib, so what it can leave to other threads, it does,
 * on connections of their own that read the same data (see
 * sam_report_data_begin()):
 *
 * - the long lists: a reader thread per list reads its rows and hands them
 *   over a batch at a time through a relay (sam-row-relay.h) as the sheet
 *   takes them. SQLite sorts each list before its first row (a third of a
 *   second each at 100,000 activities), so the readers start early: the
 *   Status history's at once, the Activities sheet's when the report
 *   begins writing (sam_report_read_activities()), after the activities'
 *   links, which it reads first, and the report writes the history before
 *   the activities (see write_workbook());
 *   the Follow-up's two lists, read one after the other on the activities'
 *   connection once the Activities sheet is written, each sorted (every
 *   activity in scope, by ministry and agency) while the matrices are
 *   written, long before the Follow-up, written last, takes its rows;
 * - the rest, in one helper thread, in the order the sheets need it: the
 *   Summary's counts per measure, the changes since the period before,
 *   and five aggregates over every activity
 *   for the Responsibility and Coverage sheets (half a second). Each sheet
 *   takes its results when it comes to them, waiting only if the helper is
 *   not that far yet;
 * - the file's full integrity check, when the report is to run it (for
 *   the command line and the window, which open the file without it), in
 *   a thread of its own from the start at the lowest priority
 *   (sam_thread_yield()): it takes 1.5 s of processor time at
 *   100,000 activities, and the report only needs its answer before it
 *   keeps the file. Most of it runs while the workbook is compressed, on
 *   the core the report's thread leaves idle then; where other programs
 *   keep every core busy, the report checks the file itself at the end
 *   (see sam_report_get_checked()).
 *
 * Without those connections everything is read on the report's own, as
 * the functions below do then. libxlsxwriter is only ever called from the
 * report's thread. */

/* In the order the helper reads them: the changes right after the
 * Summary's counts, the other reader of the facts as at the period
 * before, which it then lets go (see sam_report_data_changes()). */
typedef enum {
  AHEAD_MEASURES,
  AHEAD_CHANGES,
  AHEAD_TARGETS,
  AHEAD_COMMENTS,
  AHEAD_RESPONSIBILITY_MEASURES,
  AHEAD_RESPONSIBILITY_PLANS,
  AHEAD_COVERAGE_SECTORS,
  AHEAD_COVERAGE_PLANS,
  AHEAD_MESSAGE_FLAGS,
  AHEAD_OBLIGATIONS,
  AHEAD_GAPS,
  AHEAD_GOALS,
  AHEAD_FINDINGS,
  N_AHEAD
} AheadResult;

/* The lists with a connection of their own from the start, then the
 * Follow-up's, which takes over the activities'. */
typedef enum {
  LIST_ACTIVITIES,
  LIST_HISTORY,
  N_LISTS,
  LIST_FOLLOW_UP = N_LISTS
} ListKind;

/* A long list's reader thread. */
typedef struct
{
  ListKind              kind;
  GThread              *thread;       /* from its start until joined */
  SamStore             *store;        /* its connection, until the list is written */
  const SamReportQuery *query;
  SamReportActivities  *activities;   /* LIST_ACTIVITIES: the links, once read */
  SamRowRelay          *relay;
  SamRowRelay          *no_lead;      /* LIST_FOLLOW_UP: its second list's */
} ListReader;

/* Shared with the integrity check's thread, which holds a reference of
 * its own until it ends: a report does not wait for a check that got no
 * processor time in half a second (see sam_report_ahead_stop()). That
 * thread only uses the check's fields, lock and condition. */
struct _SamReportAhead
{
  gatomicrefcount       ref;
  GThread              *thread;       /* until joined */
  SamStore             *store;        /* the helper's connection */
  const SamReportQuery *query;
  const SamReportQuery *strategy_query;
  gint64                year;         /* of the Summary's seminar targets */
  ListReader            lists[N_LISTS];
  ListReader            follow_up;
  GThread              *checker;      /* the integrity check's, or NULL; joined, or let go if stopped */
  SamStore             *check_store;  /* its connection */
  GCancellable         *check_cancellable;
  clockid_t             check_clock;  /* its processor time, once started */

  GMutex                lock;         /* guards what follows */
  GCond                 published_cond;
  guint                 published;    /* results before this one are ready */
  gboolean              stopping;     /* no sheet takes any more */
  gpointer              results[N_AHEAD];
  GError               *error;        /* the helper's first failure; it stops there */
  gboolean              check_started; /* check_clock is set */
  gboolean              core_left;    /* the workbook's compression leaves it a core */
  gboolean              checked;      /* the check has answered, with: */
  GError               *check_error;  /* why the file failed it, or NULL */
};

/* Where the rows' strings are, for the relays. */
static const gsize activity_texts[] = {
  G_STRUCT_OFFSET (SamActivityRow, measure), G_STRUCT_OFFSET (SamActivityRow, plan),
  G_STRUCT_OFFSET (SamActivityRow, plan_kind), G_STRUCT_OFFSET (SamActivityRow, title),
  G_STRUCT_OFFSET (SamActivityRow, description), G_STRUCT_OFFSET (SamActivityRow, scope),
  G_STRUCT_OFFSET (SamActivityRow, priority_task), G_STRUCT_OFFSET (SamActivityRow, lead),
  G_STRUCT_OFFSET (SamActivityRow, partners), G_STRUCT_OFFSET (SamActivityRow, sector_duty),
  G_STRUCT_OFFSET (SamActivityRow, sectors),
  G_STRUCT_OFFSET (SamActivityRow, target_groups), G_STRUCT_OFFSET (SamActivityRow, message),
  G_STRUCT_OFFSET (SamActivityRow, channels), G_STRUCT_OFFSET (SamActivityRow, languages),
  G_STRUCT_OFFSET (SamActivityRow, start_date), G_STRUCT_OFFSET (SamActivityRow, due_date),
  G_STRUCT_OFFSET (SamActivityRow, status), G_STRUCT_OFFSET (SamActivityRow, latest_period),
  G_STRUCT_OFFSET (SamActivityRow, latest_comment),
};

static const gsize status_texts[] = {
  G_STRUCT_OFFSET (SamStatusRow, activity), G_STRUCT_OFFSET (SamStatusRow, period),
  G_STRUCT_OFFSET (SamStatusRow, status), G_STRUCT_OFFSET (SamStatusRow, comment),
  G_STRUCT_OFFSET (SamStatusRow, reported_by), G_STRUCT_OFFSET (SamStatusRow, reported_at),
};

static const gsize follow_up_texts[] = {
  G_STRUCT_OFFSET (SamFollowUpRow, ministry), G_STRUCT_OFFSET (SamFollowUpRow, agency),
  G_STRUCT_OFFSET (SamFollowUpRow, contact), G_STRUCT_OFFSET (SamFollowUpRow, title),
  G_STRUCT_OFFSET (SamFollowUpRow, status), G_STRUCT_OFFSET (SamFollowUpRow, due_date),
  G_STRUCT_OFFSET (SamFollowUpRow, sector_duty),
};

static gboolean
push_follow_up (const SamFollowUpRow  *row,
                gpointer               relay,
                GError               **error)
{
  return sam_row_relay_push (relay, row, error);
}

static gboolean
push_activity (const SamActivityRow  *row,
               gpointer               relay,
               GError               **error)
{
  return sam_row_relay_push (relay, row, error);
}

static gboolean
push_status (const SamStatusRow  *row,
             gpointer             relay,
             GError             **error)
{
  return sam_row_relay_push (relay, row, error);
}

/* Reads result @which of @query on @store; the seminar targets, judged on
 * the whole strategy whatever the report's scope, of @strategy; the
 * findings with @message_flags, those of the report's scope when it has
 * them already (or NULL). With @next (else NULL), the responsibility by
 * measures comes with the responsibility by plans in *@next, read in the
 * same pass. */
static gpointer
read_result (SamStore              *store,
             const SamReportQuery  *query,
             const SamReportQuery  *strategy,
             gint64                 year,
             GPtrArray             *message_flags,
             AheadResult            which,
             gpointer              *next,
             GError               **error)
{
  SamMatrix *first = NULL;

  switch (which)
    {
    case AHEAD_MEASURES:
      return sam_report_data_measures (store, query, error);
    case AHEAD_TARGETS:
      return sam_report_data_seminar_targets (store, strategy, year, error);
    case AHEAD_CHANGES:
      return sam_report_data_changes (store, query, error);
    case AHEAD_COMMENTS:
      return sam_report_data_latest_comments (store, query, 3, error);
    case AHEAD_OBLIGATIONS:
      return sam_report_data_obligations (store, query, error);
    case AHEAD_GAPS:
      return sam_report_data_gaps (store, query, error);
    case AHEAD_GOALS:
      return sam_report_data_goals (store, query, error);
    case AHEAD_FINDINGS:
      return sam_report_data_findings (store, query, message_flags, error);
    case AHEAD_RESPONSIBILITY_MEASURES:
      if (next)
        return sam_coordination_responsibility_both (store, query->scope, SAM_REPORT_MAX_MATRIX_COLUMNS, &first,
                                                     (SamMatrix **) next, error) ? first : NULL;
      return sam_coordination_responsibility_at_most (store, query->scope, SAM_KIND_MEASURE,
                                                      SAM_REPORT_MAX_MATRIX_COLUMNS, error);
    case AHEAD_RESPONSIBILITY_PLANS:
      return sam_coordination_responsibility_at_most (store, query->scope, SAM_KIND_PLAN,
                                                      SAM_REPORT_MAX_MATRIX_COLUMNS, error);
    case AHEAD_COVERAGE_SECTORS:
      return sam_coordination_coverage_at_most (store, query->scope, SAM_KIND_SECTOR,
                                                SAM_REPORT_MAX_MATRIX_COLUMNS, error);
    case AHEAD_COVERAGE_PLANS:
      return sam_coordination_coverage_at_most (store, query->scope, SAM_KIND_PLAN,
                                                SAM_REPORT_MAX_MATRIX_COLUMNS, error);
    case AHEAD_MESSAGE_FLAGS:
    case N_AHEAD:
    default:
      return sam_coordination_message_flags (store, query->scope, query->today, error);
    }
}

static void
free_result (AheadResult which,
             gpointer    result)
{
  if (result == NULL)
    return;
  if (which >= AHEAD_RESPONSIBILITY_MEASURES && which <= AHEAD_COVERAGE_PLANS)
    sam_matrix_free (result);
  else if (which == AHEAD_CHANGES)
    sam_changes_free (result);
  else
    g_ptr_array_unref (result);
}

static gpointer
read_ahead_thread (gpointer data)
{
  SamReportAhead *ahead = data;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GPtrArray) flags = NULL;
  gpointer next = NULL;   /* the next result, read with this one */

  /* Below the report's thread, beside the list readers. Below them too
   * (+12), it got little of the second core while the activities' reader
   * ran, and the report then waited for its figures at the Coverage and
   * the Follow-up sheets: 5.61 s against 5.31 s, and 6.84 s against 6.39
   * s, at 100,000 activities in two runs of eight alternating rounds. */
  sam_thread_yield (3);
  for (guint i = 0; i < N_AHEAD; i++)
    {
      GError *error = NULL;
      gpointer result;
      gboolean stop;

      if (next)
        result = g_steal_pointer (&next);
      else
        result = read_result (ahead->store, ahead->query, ahead->strategy_query, ahead->year, flags, i, &next, &error);
      /* The checks' findings take the differing messages counted here. */
      if (i == AHEAD_MESSAGE_FLAGS && result)
        flags = g_ptr_array_ref (result);

      g_mutex_lock (&ahead->lock);
      ahead->results[i] = result;
      ahead->error = error;
      ahead->published = error ? N_AHEAD : i + 1;
      stop = error != NULL || ahead->stopping;
      g_cond_broadcast (&ahead->published_cond);
      g_mutex_unlock (&ahead->lock);
      if (stop)
        break;
      /* What the step read and let go stays in this thread's heap. */
      sam_thread_give_back_memory ();
    }
  free_result (AHEAD_RESPONSIBILITY_PLANS, next);
  g_debug ("Read ahead: %.3f s", (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  return NULL;
}

/* Lets @ahead go; the last of the report and the check's thread frees
 * what they share. */
static void
ahead_unref (SamReportAhead *ahead)
{
  if (!g_atomic_ref_count_dec (&ahead->ref))
    return;
  g_clear_object (&ahead->check_cancellable);
  if (ahead->check_store)
    {
      sam_report_data_end (ahead->check_store);
      g_clear_object (&ahead->check_store);
    }
  g_clear_error (&ahead->check_error);
  g_mutex_clear (&ahead->lock);
  g_cond_clear (&ahead->published_cond);
  g_free (ahead);
}

static gpointer
check_thread (gpointer data)
{
  SamReportAhead *ahead = data;
  GError *error = NULL;
  clockid_t clock;
  gboolean timed = pthread_getcpuclockid (pthread_self (), &clock) == 0;

  /* Its clock is known before it goes below the others, where it may get
   * little time to say so: the report would wait for it. Not SCHED_IDLE,
   * under which it could get no time at all: where other programs kept
   * every core busy, the report could then neither wait for a check it
   * had cancelled nor end with the check's connection closed, which left
   * the -wal and -shm files beside the database. */
  g_mutex_lock (&ahead->lock);
  ahead->check_clock = clock;
  ahead->check_started = timed;
  g_mutex_unlock (&ahead->lock);
  sam_thread_yield (19);
  /* For the tests: a check that gets no processor time, and so does not
   * even see for a minute that it was cancelled ("1"); or one that keeps
   * its core busy for up to half a minute, and half a second more once
   * cancelled, as PRAGMA integrity_check's pass over the pages goes on
   * ("busy"). */
  if (g_strcmp0 (g_getenv ("SAMORDNA_TEST_CHECK_STALLS"), "busy") == 0)
    {
      gint64 until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

      while (g_get_monotonic_time () < until)
        if (g_cancellable_is_cancelled (ahead->check_cancellable))
          until = MIN (until, g_get_monotonic_time () + G_USEC_PER_SEC / 2);
    }
  else if (g_getenv ("SAMORDNA_TEST_CHECK_STALLS"))
    g_usleep (60 * G_USEC_PER_SEC);
  sam_store_check (ahead->check_store, ahead->check_cancellable, &error);
  g_mutex_lock (&ahead->lock);
  ahead->checked = TRUE;
  ahead->check_error = error;
  if (ahead->core_left)
    {
      ahead->core_left = FALSE;
      sam_zip_leave_core (FALSE);
    }
  g_cond_broadcast (&ahead->published_cond);
  g_mutex_unlock (&ahead->lock);
  ahead_unref (ahead);
  return NULL;
}

/* Reads the Follow-up's lists into @reader's two relays, the second once
 * the first is read (and taken, but for a few batches). */
static void
read_follow_up (ListReader *reader)
{
  GError *error = NULL;

  sam_report_data_foreach_unreported (reader->store, reader->query, push_follow_up, reader->relay, &error);
  sam_row_relay_finish (reader->relay, error);
  g_clear_error (&error);
  sam_report_data_foreach_no_lead (reader->store, reader->query, push_follow_up, reader->no_lead, &error);
  sam_row_relay_finish (reader->no_lead, error);
  g_clear_error (&error);
}

static gpointer
list_reader_thread (gpointer data)
{
  static const char *const names[] = { "activities", "status history", "Follow-up's lists" };
  ListReader *reader = data;
  GError *error = NULL;
  gint64 start = g_get_monotonic_time ();

  sam_thread_yield (3);
  if (reader->kind == LIST_FOLLOW_UP)
    read_follow_up (reader);
  else
    {
      if (reader->kind == LIST_HISTORY)
        sam_report_data_foreach_status (reader->store, reader->query, push_status, reader->relay, &error);
      /* The activities' links first, unless the report read them. */
      else if (reader->activities != NULL
               || (reader->activities = sam_report_data_read_activities (reader->store, reader->query,
                                                                         &error)) != NULL)
        sam_report_data_foreach_activity (reader->store, reader->query, g_steal_pointer (&reader->activities),
                                          push_activity, reader->relay, &error);
      sam_row_relay_finish (reader->relay, error);
      g_clear_error (&error);
    }
  g_debug ("Read the %s: %.3f s", names[reader->kind], (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  return NULL;
}

/* Starts @reader's thread; for the activities, with their links. */
static void
list_reader_start (ListReader          *reader,
                   SamReportActivities *activities)
{
  g_assert (reader->thread == NULL && reader->store != NULL);
  reader->activities = activities;
  if (reader->kind == LIST_ACTIVITIES)
    reader->relay = sam_row_relay_new (sizeof (SamActivityRow), activity_texts, G_N_ELEMENTS (activity_texts));
  else if (reader->kind == LIST_HISTORY)
    reader->relay = sam_row_relay_new (sizeof (SamStatusRow), status_texts, G_N_ELEMENTS (status_texts));
  else
    {
      reader->relay = sam_row_relay_new (sizeof (SamFollowUpRow), follow_up_texts, G_N_ELEMENTS (follow_up_texts));
      reader->no_lead = sam_row_relay_new (sizeof (SamFollowUpRow), follow_up_texts,
                                           G_N_ELEMENTS (follow_up_texts));
    }
  reader->thread = g_thread_new ("sam-report-list", list_reader_thread, reader);
}

/* Stops @reader if it has rows left and waits for its thread; its
 * connection stays. */
static void
list_reader_join (ListReader *reader)
{
  if (reader->thread)
    {
      sam_row_relay_stop (reader->relay);
      if (reader->no_lead)
        sam_row_relay_stop (reader->no_lead);
      g_clear_pointer (&reader->thread, g_thread_join);
    }
  g_clear_pointer (&reader->relay, sam_row_relay_free);
  g_clear_pointer (&reader->no_lead, sam_row_relay_free);
  g_clear_pointer (&reader->activities, sam_report_activities_free);
}

/* Stops @reader if it has rows left, waits for its thread and lets its
 * connection go. */
static void
list_reader_end (ListReader *reader)
{
  list_reader_join (reader);
  if (reader->store)
    {
      sam_report_data_end (reader->store);
      g_clear_object (&reader->store);
    }
}

/* Starts reading ahead on @helpers (SAM_REPORT_N_HELPERS connections from
 * sam_report_data_begin(), which it takes): the Status history's rows at
 * once, the rest in a helper thread, and with @check the file's integrity
 * check in one of its own. */
void
sam_report_ahead_start (SamReportContext  *ctx,
                        SamStore         **helpers,
                        gboolean           check)
{
  SamReportAhead *ahead = g_new0 (SamReportAhead, 1);

  g_assert (ctx->ahead == NULL);
  g_atomic_ref_count_init (&ahead->ref);
  /* G_DEFINE_QUARK makes its quark on first use without atomics: make the
   * ones a helper's error may need before two helpers can race for them. */
  (void) SAM_STORE_ERROR;
  (void) G_IO_ERROR;
  ahead->store = g_steal_pointer (&helpers[0]);
  for (guint i = 0; i < N_LISTS; i++)
    ahead->lists[i] = (ListReader) { .kind = i, .store = g_steal_pointer (&helpers[1 + i]), .query = &ctx->query };
  ahead->follow_up = (ListReader) { .kind = LIST_FOLLOW_UP, .query = &ctx->query };
  ahead->check_store = g_steal_pointer (&helpers[1 + N_LISTS]);
  ahead->query = &ctx->query;
  ahead->strategy_query = &ctx->strategy_query;
  ahead->year = sam_report_summary_year (ctx);
  g_mutex_init (&ahead->lock);
  g_cond_init (&ahead->published_cond);
  if (check)
    {
      ahead->check_cancellable = g_cancellable_new ();
      g_atomic_ref_count_inc (&ahead->ref);
      ahead->checker = g_thread_new ("sam-report-chk", check_thread, ahead);
    }
  list_reader_start (&ahead->lists[LIST_HISTORY], NULL);
  ahead->thread = g_thread_new ("sam-report-read", read_ahead_thread, ahead);
  ctx->ahead = ahead;
}

/* The processor time @clock has used, in microseconds; -1 if unknown. */
static gint64
cpu_time (clockid_t clock)
{
  struct timespec t;

  if (clock_gettime (clock, &t) != 0)
    return -1;
  return (gint64) t.tv_sec * G_USEC_PER_SEC + t.tv_nsec / 1000;
}

/* Waits, with @ahead's lock held, until the integrity check has answered
 * or is seen to get less than @least of processor time in one of the half
 * seconds the report waits. Returns TRUE in the second case. */
static gboolean
wait_for_check (SamReportAhead *ahead,
                gint64          least)
{
  gint64 used = -1;

  while (!ahead->checked)
    {
      gint64 now;

      if (g_cond_wait_until (&ahead->published_cond, &ahead->lock, g_get_monotonic_time () + G_USEC_PER_SEC / 2)
          || ahead->checked || !ahead->check_started)
        continue;
      now = cpu_time (ahead->check_clock);
      if (now >= 0 && used >= 0 && now - used < least)
        return TRUE;
      used = now;
    }
  return FALSE;
}

/* Waits for the helpers to finish what they are reading and lets them go,
 * with whatever no sheet took (after a failure). */
void
sam_report_ahead_stop (SamReportContext *ctx)
{
  SamReportAhead *ahead = ctx->ahead;

  if (ahead == NULL)
    return;
  for (guint i = 0; i < N_LISTS; i++)
    list_reader_end (&ahead->lists[i]);
  list_reader_end (&ahead->follow_up);
  g_mutex_lock (&ahead->lock);
  ahead->stopping = TRUE;
  g_mutex_unlock (&ahead->lock);
  g_thread_join (ahead->thread);
  /* A check the report no longer needs (it failed, was cancelled, or
   * checked the file itself) is cancelled, and the report waits for it to
   * end while it gets any processor time, however little (a busy machine
   * gives the lowest priority a slice every few hundred milliseconds):
   * its connection, closed last, takes the -wal and -shm files beside the
   * database with it, which a command that ended first would leave. Only
   * a check that got none in half a second (a stopped thread) is let go:
   * its thread ends on its own, and lets go of the connection then. */
  if (ahead->checker)
    {
      gboolean starved;

      g_cancellable_cancel (ahead->check_cancellable);
      g_mutex_lock (&ahead->lock);
      starved = wait_for_check (ahead, 1);
      g_mutex_unlock (&ahead->lock);
      if (starved)
        g_thread_unref (g_steal_pointer (&ahead->checker));
      else
        g_thread_join (g_steal_pointer (&ahead->checker));
    }
  for (guint i = 0; i < N_AHEAD; i++)
    free_result (i, ahead->results[i]);
  g_clear_error (&ahead->error);
  sam_report_data_end (ahead->store);
  g_clear_object (&ahead->store);
  ahead_unref (g_steal_pointer (&ctx->ahead));
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
    return read_result (ctx->store, &ctx->query, &ctx->strategy_query, sam_report_summary_year (ctx), NULL, which,
                        NULL, error);
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

/* The whole strategy's seminars against their targets in
 * sam_report_summary_year(); see sam_report_data_seminar_targets(). */
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

/* The changes since the period before; see sam_changes_read(). */
SamChanges *
sam_report_get_changes (SamReportContext  *ctx,
                        GError           **error)
{
  return take (ctx, AHEAD_CHANGES, error);
}

/* The differing messages; see sam_coordination_message_flags(). */
GPtrArray *
sam_report_get_message_flags (SamReportContext  *ctx,
                              GError           **error)
{
  return take (ctx, AHEAD_MESSAGE_FLAGS, error);
}

/* The latest status comments per measure; see
 * sam_report_data_latest_comments(). */
GPtrArray *
sam_report_get_comments (SamReportContext  *ctx,
                         GError           **error)
{
  return take (ctx, AHEAD_COMMENTS, error);
}

/* See sam_report_data_obligations(). */
GPtrArray *
sam_report_get_obligations (SamReportContext  *ctx,
                            GError           **error)
{
  return take (ctx, AHEAD_OBLIGATIONS, error);
}

/* See sam_report_data_gaps(). */
GPtrArray *
sam_report_get_gaps (SamReportContext  *ctx,
                     GError           **error)
{
  return take (ctx, AHEAD_GAPS, error);
}

/* See sam_report_data_goals(). */
GPtrArray *
sam_report_get_goals (SamReportContext  *ctx,
                      GError           **error)
{
  return take (ctx, AHEAD_GOALS, error);
}

/* See sam_report_data_findings(). */
GPtrArray *
sam_report_get_findings (SamReportContext  *ctx,
                         GError           **error)
{
  return take (ctx, AHEAD_FINDINGS, error);
}

/* As the workbook is closed (@closing) and once it is: while the integrity
 * check has not answered, the threads that compress the workbook leave it
 * a core, which it takes back when it answers (see sam_zip_leave_core()). */
void
sam_report_ahead_closing (SamReportContext *ctx,
                          gboolean          closing)
{
  SamReportAhead *ahead = ctx->ahead;

  if (ahead == NULL || ahead->checker == NULL)
    return;
  g_mutex_lock (&ahead->lock);
  if (closing ? !ahead->checked && !ahead->core_left : ahead->core_left)
    {
      ahead->core_left = closing;
      sam_zip_leave_core (closing);
    }
  g_mutex_unlock (&ahead->lock);
}

/* Waits for the integrity check of the file, when the report runs one
 * beside its writing (see SamReportOptions.check_store); returns FALSE
 * with SAM_STORE_ERROR_CORRUPT when it found the file damaged.
 *
 * The check's thread runs at the lowest priority: on a machine kept busy
 * by other programs it gets a sliver of a core. So while the report waits,
 * it looks every half second at how much processor time the check got;
 * when less than a tenth of that, it cancels it and checks the file here,
 * at its own priority, as it would without a helper. */
gboolean
sam_report_get_checked (SamReportContext  *ctx,
                        GError           **error)
{
  SamReportAhead *ahead = ctx->ahead;
  gint64 start = g_get_monotonic_time ();
  gboolean ok, starved;

  /* Without a helper the report checked before it began; see
   * write_report(). */
  if (ahead == NULL || ahead->checker == NULL)
    return TRUE;
  g_mutex_lock (&ahead->lock);
  starved = wait_for_check (ahead, G_USEC_PER_SEC / 20);
  ok = starved || ahead->check_error == NULL;
  if (!ok)
    g_propagate_error (error, g_error_copy (ahead->check_error));
  g_mutex_unlock (&ahead->lock);
  if (starved)
    {
      g_debug ("The integrity check got too little processor time; checking on the report's thread");
      g_cancellable_cancel (ahead->check_cancellable);
      ok = sam_store_check (ctx->store, ctx->cancellable, error);
    }
  g_debug ("Waited for the integrity check: %.3f s", (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  return ok;
}

/* Starts reading what the Activities sheet shows: with a helper, its
 * reader reads the activities' links and status updates (a quarter of a
 * second at 100,000 activities) and then the sheet's rows; without, they
 * are read here, for sam_report_foreach_activity(). */
gboolean
sam_report_read_activities (SamReportContext *ctx)
{
  GError *error = NULL;
  SamReportActivities *activities;

  if (ctx->ahead)
    {
      list_reader_start (&ctx->ahead->lists[LIST_ACTIVITIES], NULL);
      return TRUE;
    }
  if ((activities = sam_report_data_read_activities (ctx->store, &ctx->query, &error)) == NULL)
    return sam_report_keep_error (ctx, error);
  ctx->activities = activities;
  return TRUE;
}

/* After the last row of @reader's list, or when the sheet stopped taking
 * them (@taken FALSE, its reason in @error): lets the reader go. Returns
 * whether every row was taken, or FALSE with the reader's error. */
static gboolean
end_list (ListReader  *reader,
          gboolean     taken,
          GError      *reader_error,
          GError     **error)
{
  list_reader_end (reader);
  if (taken && reader_error)
    {
      g_propagate_error (error, reader_error);
      return FALSE;
    }
  g_clear_error (&reader_error);
  return taken;
}

/* Calls @func for each activity in scope with what the Activities sheet
 * shows, as sam_report_data_foreach_activity() does, with the links read
 * by sam_report_read_activities(); with a helper, as its reader hands the
 * rows over. */
gboolean
sam_report_foreach_activity (SamReportContext    *ctx,
                             SamActivityRowFunc   func,
                             gpointer             user_data,
                             GError             **error)
{
  ListReader *reader = ctx->ahead ? &ctx->ahead->lists[LIST_ACTIVITIES] : NULL;
  const SamActivityRow *row;
  GError *reader_error = NULL;
  gboolean taken = TRUE;

  if (reader == NULL)
    return sam_report_data_foreach_activity (ctx->store, &ctx->query, g_steal_pointer (&ctx->activities),
                                             func, user_data, error);
  while (taken && (row = sam_row_relay_next (reader->relay, &reader_error)))
    taken = func (row, user_data, error);
  if (taken && reader_error == NULL)
    {
      /* The activities' connection goes on to read the Follow-up's lists,
       * once the activities' links and sort are let go: at once, the sort
       * of every activity in scope would add to the peak. */
      list_reader_join (reader);
      ctx->ahead->follow_up.store = g_steal_pointer (&reader->store);
      list_reader_start (&ctx->ahead->follow_up, NULL);
      return TRUE;
    }
  return end_list (reader, taken, reader_error, error);
}

/* Calls @func for every status update in scope, as
 * sam_report_data_foreach_status() does; with a helper, as its reader
 * hands them over. */
gboolean
sam_report_foreach_status (SamReportContext  *ctx,
                           SamStatusRowFunc   func,
                           gpointer           user_data,
                           GError           **error)
{
  ListReader *reader = ctx->ahead ? &ctx->ahead->lists[LIST_HISTORY] : NULL;
  const SamStatusRow *row;
  GError *reader_error = NULL;
  gboolean taken = TRUE;

  if (reader == NULL)
    return sam_report_data_foreach_status (ctx->store, &ctx->query, func, user_data, error);
  while (taken && (row = sam_row_relay_next (reader->relay, &reader_error)))
    taken = func (row, user_data, error);
  return end_list (reader, taken, reader_error, error);
}

/* Calls @func for each row of the Follow-up's list @no_lead (else the
 * unreported), as its reader hands them over, or as the store reads them
 * when there is no reader: no helper, or the Activities sheet was not
 * written. */
static gboolean
foreach_follow_up (SamReportContext    *ctx,
                   gboolean             no_lead,
                   SamFollowUpRowFunc   func,
                   gpointer             user_data,
                   GError             **error)
{
  ListReader *reader = ctx->ahead && ctx->ahead->follow_up.thread ? &ctx->ahead->follow_up : NULL;
  const SamFollowUpRow *row;
  GError *reader_error = NULL;
  gboolean taken = TRUE;

  if (reader == NULL && no_lead)
    return sam_report_data_foreach_no_lead (ctx->store, &ctx->query, func, user_data, error);
  if (reader == NULL)
    return sam_report_data_foreach_unreported (ctx->store, &ctx->query, func, user_data, error);
  while (taken && (row = sam_row_relay_next (no_lead ? reader->no_lead : reader->relay, &reader_error)))
    taken = func (row, user_data, error);
  if (no_lead || !taken || reader_error)
    return end_list (reader, taken, reader_error, error);
  return TRUE;
}

/* Calls @func for each activity in scope not reported in the period, as
 * sam_report_data_foreach_unreported() does; with a helper, as its
 * reader hands them over. Call sam_report_foreach_no_lead() next. */
gboolean
sam_report_foreach_unreported (SamReportContext    *ctx,
                               SamFollowUpRowFunc   func,
                               gpointer             user_data,
                               GError             **error)
{
  return foreach_follow_up (ctx, FALSE, func, user_data, error);
}

/* Calls @func for each live activity in scope without a lead, as
 * sam_report_data_foreach_no_lead() does; with a helper, as its reader
 * hands them over. */
gboolean
sam_report_foreach_no_lead (SamReportContext    *ctx,
                            SamFollowUpRowFunc   func,
                            gpointer             user_data,
                            GError             **error)
{
  return foreach_follow_up (ctx, TRUE, func, user_data, error);
}
