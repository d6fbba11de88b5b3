#define G_LOG_DOMAIN "sam-closing"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sam-changes-private.h"
#include "sam-closing-private.h"
#include "sam-query-private.h"
#include "sam-report-data-private.h"
#include "core/sam-enums.h"

/* The closings */

/* Returns the closing in force for the period with code @period (its
 * latest closing, when it is not reopened), or NULL without an error when
 * the period is open; NULL with a SamStoreError when it cannot be read. */
SamRecord *
sam_closing_get (SamStore    *store,
                 const char  *period,
                 GError     **error)
{
  g_autoptr(GPtrArray) all = sam_closing_list (store, period, error);
  SamRecord *last;

  if (all == NULL || all->len == 0)
    return NULL;
  last = all->pdata[all->len - 1];
  return sam_record_is_set (last, "reopened_at") ? NULL : g_object_ref (last);
}

/* Sets *@closing to the id of the closing in force for @period, or 0 when
 * it is open. Returns FALSE with a SamStoreError. */
gboolean
sam_closing_find (SamStore    *store,
                  const char  *period,
                  gint64      *closing,
                  GError     **error)
{
  GError *local = NULL;
  g_autoptr(SamRecord) record = NULL;

  g_return_val_if_fail (closing != NULL, FALSE);
  record = sam_closing_get (store, period, &local);
  *closing = record ? sam_record_get_id (record) : 0;
  if (local)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

static int
by_id (gconstpointer a,
       gconstpointer b)
{
  gint64 x = sam_record_get_id (*(SamRecord **) a), y = sam_record_get_id (*(SamRecord **) b);

  return x < y ? -1 : x > y;
}

/* Returns every closing of the period with code @period (SamRecord of
 * SAM_KIND_PERIOD_CLOSING), the first first, or NULL with a SamStoreError. */
GPtrArray *
sam_closing_list (SamStore    *store,
                  const char  *period,
                  GError     **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) mine = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  if (!(all = sam_store_list (store, SAM_KIND_PERIOD_CLOSING, error)))
    return NULL;
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (sam_record_get_string (all->pdata[i], "period"), period) == 0)
      g_ptr_array_add (mine, g_object_ref (all->pdata[i]));
  g_ptr_array_sort (mine, by_id);
  return g_steal_pointer (&mine);
}

/* Returns the name a closing records as who closed or reopened: the
 * person's real name, or their login when the system has none. */
char *
sam_closing_who (void)
{
  const char *name = g_get_real_name ();

  return g_strdup (name && *name && g_strcmp0 (name, "Unknown") != 0 ? name : g_get_user_name ());
}

static char *
now_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
}

/* Freezing */

/* Binds @value at @pos when it is @given, else NULL. */
static void
bind_optional (SamStmt  *stmt,
               int       pos,
               gboolean  given,
               gint64    value)
{
  if (given)
    sam_stmt_bind_int (stmt, pos, value);
  else
    sam_stmt_bind_null (stmt, pos);
}

/* Binds @id, or NULL for 0, at @pos. */
static void
bind_id (SamStmt *stmt,
         int      pos,
         gint64   id)
{
  bind_optional (stmt, pos, id != 0, id);
}

typedef struct
{
  SamStore *store;
  gint64    closing;
  SamStmt  *insert;
  gint64    position;
} Freezing;

/* Runs the insert with what is bound; every parameter is bound each time. */
static gboolean
step_insert (Freezing  *f,
             GError   **error)
{
  f->position++;
  return sam_stmt_run (f->insert, error);
}

static gboolean
freeze_activity_cb (const SamActivityRow  *r,
                    gpointer               user_data,
                    GError               **error)
{
  Freezing *f = user_data;
  SamStmt *s = f->insert;
  const char *texts[] = {
    r->measure, r->plan, r->plan_kind, r->title, r->description, r->scope, r->priority_task, r->lead,
    r->partners, r->sector_duty, r->sectors, r->target_groups, r->message, r->channels, r->languages,
    r->start_date, r->due_date, r->status,
  };
  int pos = 1;

  sam_stmt_bind_int (s, pos++, f->closing);
  sam_stmt_bind_int (s, pos++, r->id);
  sam_stmt_bind_int (s, pos++, f->position);
  bind_id (s, pos++, r->focus_area_id);
  bind_id (s, pos++, r->measure_id);
  bind_id (s, pos++, r->plan_id);
  bind_id (s, pos++, r->lead_id);
  sam_stmt_bind_int (s, pos++, r->measure_number);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    sam_stmt_bind_text (s, pos++, texts[i]);
  bind_optional (s, pos++, r->progress >= 0, r->progress);
  sam_stmt_bind_int (s, pos++, r->overdue);
  sam_stmt_bind_int (s, pos++, r->running);
  sam_stmt_bind_int (s, pos++, r->reported);
  sam_stmt_bind_text (s, pos++, r->latest_comment);
  sam_stmt_bind_text (s, pos++, r->latest_period);
  bind_optional (s, pos, r->has_change, r->progress_change);
  return step_insert (f, error);
}

static gboolean
freeze_status_cb (const SamStatusRow  *r,
                  gpointer             user_data,
                  GError             **error)
{
  Freezing *f = user_data;
  SamStmt *s = f->insert;

  sam_stmt_bind_int (s, 1, f->closing);
  sam_stmt_bind_int (s, 2, f->position);
  sam_stmt_bind_int (s, 3, r->activity_id);
  sam_stmt_bind_int (s, 4, r->measure_number);
  sam_stmt_bind_text (s, 5, r->activity);
  sam_stmt_bind_text (s, 6, r->period);
  sam_stmt_bind_text (s, 7, r->status);
  bind_optional (s, 8, r->progress >= 0, r->progress);
  sam_stmt_bind_text (s, 9, r->comment);
  sam_stmt_bind_text (s, 10, r->reported_by);
  sam_stmt_bind_text (s, 11, r->reported_at);
  return step_insert (f, error);
}

static gboolean
freeze_changes (Freezing    *f,
                SamChanges  *changes,
                GError     **error)
{
  for (guint i = 0; i < sam_changes_get_n (changes); i++)
    {
      const SamChange *c = sam_changes_get (changes, i);
      SamStmt *s = f->insert;

      sam_stmt_bind_int (s, 1, f->closing);
      sam_stmt_bind_int (s, 2, f->position);
      sam_stmt_bind_text (s, 3, sam_change_kind_nick (c->kind));
      sam_stmt_bind_int (s, 4, c->activity_id);
      bind_id (s, 5, c->measure_id);
      bind_id (s, 6, c->plan_id);
      bind_id (s, 7, c->lead_id);
      sam_stmt_bind_int (s, 8, c->measure_number);
      sam_stmt_bind_text (s, 9, c->title);
      sam_stmt_bind_text (s, 10, c->lead);
      sam_stmt_bind_text (s, 11, c->before);
      sam_stmt_bind_text (s, 12, c->after);
      sam_stmt_bind_int (s, 13, c->points);
      if (!step_insert (f, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
prepare_insert (Freezing    *f,
                const char  *sql,
                GError     **error)
{
  sam_stmt_free (f->insert);
  f->position = 0;
  f->insert = sam_query_prepare (f->store, sql, NULL, error);
  return f->insert != NULL;
}

#define INSERT_ACTIVITY \
  "INSERT INTO closed_activity (closing_id, activity_id, position, focus_area_id, measure_id, plan_id, " \
  "lead_agency_id, measure_number, measure_title, plan_title, plan_kind, title, description, scope, " \
  "priority_task, lead, partners, sector_duty, sectors, target_groups, message, channels, languages, " \
  "start_date, due_date, status, progress, overdue, running, reported, comment, comment_period, progress_change) " \
  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define INSERT_STATUS \
  "INSERT INTO closed_status (closing_id, position, activity_id, measure_number, activity, period, status, " \
  "progress, comment, reported_by, reported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define INSERT_CHANGE \
  "INSERT INTO closed_change (closing_id, position, kind, activity_id, focus_area_id, measure_id, plan_id, " \
  "lead_agency_id, measure_number, title, lead, old_value, new_value, points) " \
  "VALUES (?1, ?2, ?3, ?4, (SELECT focus_area_id FROM measure WHERE id = ?5), ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"

/* Who led, took part in and answered for each activity, for the scopes of
 * agencies and ministries; and the measures, in the strategy's order. */
static gboolean
freeze_places (SamStore  *store,
               gint64     closing,
               GError   **error)
{
  /* One statement each, prepared: a server's backend spells SQLite's
   * CROSS JOIN … ON as it wants only in a prepared statement. */
  static const char *const sql[] = {
    "INSERT INTO closed_activity_agency (closing_id, activity_id, agency_id, role, position) "
    "SELECT CAST(:closing AS BIGINT), a.id, a.lead_agency_id, 'lead', 0 FROM activity a WHERE a.lead_agency_id IS NOT NULL "
    "UNION ALL SELECT CAST(:closing AS BIGINT), activity_id, agency_id, 'partner', position FROM activity_partner "
    "UNION ALL SELECT DISTINCT CAST(:closing AS BIGINT), a.id, s.ministry_id, 'sector', 0 "
    "FROM activity a CROSS JOIN " SAM_SECTOR_DUTY_JOIN " WHERE " SAM_SECTOR_DUTY_WHERE " AND s.ministry_id IS NOT NULL",
    "INSERT INTO closed_measure (closing_id, measure_id, position, focus_area_id, number, title, title_en) "
    "SELECT CAST(:closing AS BIGINT), m.id, row_number () OVER (ORDER BY f.number, f.id, m.number, m.id), "
    "m.focus_area_id, m.number, m.title, coalesce(nullif(m.title_en, ''), m.title) "
    "FROM measure m LEFT JOIN focus_area f ON f.id = m.focus_area_id",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      g_autoptr(SamStmt) stmt = sam_query_prepare (store, sql[i], NULL, error);

      if (stmt == NULL)
        return FALSE;
      sam_query_bind_int (stmt, ":closing", closing);
      if (!sam_stmt_run (stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Deletes what closings that undo took away froze: nothing can bring them
 * back once a new closing clears the redo. */
static gboolean
drop_orphans (SamStore  *store,
              GError   **error)
{
  static const char sql[] =
    "DELETE FROM closed_activity WHERE closing_id NOT IN (SELECT id FROM period_closing);"
    "DELETE FROM closed_activity_agency WHERE closing_id NOT IN (SELECT id FROM period_closing);"
    "DELETE FROM closed_measure WHERE closing_id NOT IN (SELECT id FROM period_closing);"
    "DELETE FROM closed_status WHERE closing_id NOT IN (SELECT id FROM period_closing);"
    "DELETE FROM closed_change WHERE closing_id NOT IN (SELECT id FROM period_closing);"
    "DELETE FROM closed_row WHERE closing_id NOT IN (SELECT id FROM period_closing);";

  return sam_store_exec (store, sql, error);
}

/* The English pass: each activity's and change's names of records in
 * English, by what was frozen before. */
#define UPDATE_ACTIVITY_EN \
  "UPDATE closed_activity SET measure_title_en = ?, lead_en = ?, partners_en = ?, sector_duty_en = ?, " \
  "sectors_en = ?, target_groups_en = ? WHERE closing_id = ? AND activity_id = ?"
#define UPDATE_PREVIOUS \
  "UPDATE closed_activity SET previous_status = ?, previous_progress = ? WHERE closing_id = ? AND activity_id = ?"
#define UPDATE_CHANGE_EN \
  "UPDATE closed_change SET lead_en = ? WHERE closing_id = ? AND position = ?"

static gboolean
freeze_activity_en_cb (const SamActivityRow  *r,
                       gpointer               user_data,
                       GError               **error)
{
  Freezing *f = user_data;
  SamStmt *s = f->insert;
  const char *texts[] = { r->measure, r->lead, r->partners, r->sector_duty, r->sectors, r->target_groups };
  int pos = 1;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    sam_stmt_bind_text (s, pos++, texts[i]);
  sam_stmt_bind_int (s, pos++, f->closing);
  sam_stmt_bind_int (s, pos, r->id);
  return step_insert (f, error);
}

/* Each activity as at the period before, for the Summary's change. */
static gboolean
freeze_previous_cb (const SamActivityFactsRow  *row,
                    gpointer                    user_data,
                    GError                    **error)
{
  Freezing *f = user_data;

  sam_stmt_bind_text (f->insert, 1, sam_status_values[sam_facts_status (&row->facts)].nick);
  bind_optional (f->insert, 2, row->facts.progress >= 0, row->facts.progress);
  sam_stmt_bind_int (f->insert, 3, f->closing);
  sam_stmt_bind_int (f->insert, 4, row->id);
  return step_insert (f, error);
}

static gboolean
freeze_previous (Freezing         *f,
                 const SamPeriod  *period,
                 const char       *today,
                 GError          **error)
{
  g_autoptr(SamPeriod) previous = NULL;
  GError *local = NULL;

  if (!(previous = sam_period_before (f->store, period, &local)))
    {
      if (local)
        g_propagate_error (error, local);
      return local == NULL;
    }
  return prepare_insert (f, UPDATE_PREVIOUS, error)
         && sam_figures_foreach (f->store, NULL, previous, today, freeze_previous_cb, f, error);
}

static gboolean
freeze_changes_en (Freezing    *f,
                   SamChanges  *changes,
                   GError     **error)
{
  for (guint i = 0; i < sam_changes_get_n (changes); i++)
    {
      sam_stmt_bind_text (f->insert, 1, sam_changes_get (changes, i)->lead);
      sam_stmt_bind_int (f->insert, 2, f->closing);
      sam_stmt_bind_int (f->insert, 3, f->position);
      if (!step_insert (f, error))
        return FALSE;
    }
  return TRUE;
}

/* Freezes what the report shows: names as the plan gives them, then the
 * names that have an English twin once more in English. */
static gboolean
freeze (SamStore         *store,
        gint64            closing,
        const SamPeriod  *period,
        const char       *today,
        GError          **error)
{
  SamReportQuery query = { NULL, period, today, 0 };
  Freezing f = { store, closing, NULL, 0 };
  g_autoptr(SamChanges) changes = NULL;
  g_autoptr(SamChanges) changes_en = NULL;
  gboolean english = sam_store_get_english_names (store);
  gboolean ok;

  sam_store_set_english_names (store, FALSE);
  ok = prepare_insert (&f, INSERT_ACTIVITY, error)
       && sam_report_data_foreach_activity (store, &query, NULL, freeze_activity_cb, &f, error)
       && prepare_insert (&f, INSERT_STATUS, error)
       && sam_report_data_foreach_status (store, &query, freeze_status_cb, &f, error)
       && (changes = sam_changes_read_live (store, NULL, period, today, error)) != NULL
       && prepare_insert (&f, INSERT_CHANGE, error)
       && freeze_changes (&f, changes, error)
       && freeze_places (store, closing, error)
       && freeze_previous (&f, period, today, error)
       && sam_report_data_freeze_lists (store, &query, closing, FALSE, error);
  sam_store_set_english_names (store, TRUE);
  ok = ok
       && prepare_insert (&f, UPDATE_ACTIVITY_EN, error)
       && sam_report_data_foreach_activity (store, &query, NULL, freeze_activity_en_cb, &f, error)
       && (changes_en = sam_changes_read_live (store, NULL, period, today, error)) != NULL
       && prepare_insert (&f, UPDATE_CHANGE_EN, error)
       && freeze_changes_en (&f, changes_en, error)
       && sam_report_data_freeze_lists (store, &query, closing, TRUE, error);
  sam_store_set_english_names (store, english);
  sam_stmt_free (f.insert);
  return ok;
}

/* Closes @period: records that @who closed it now and freezes what its
 * report shows as at it (judged with @today), all in one transaction and
 * one undo step. Returns FALSE, changing nothing, with
 * SAM_STORE_ERROR_INVALID when the period is closed already (the message
 * says when and by whom), or another SamStoreError. */
gboolean
sam_period_close (SamStore         *store,
                  const SamPeriod  *period,
                  const char       *who,
                  const char       *today,
                  GError          **error)
{
  g_autoptr(SamRecord) closed = NULL;
  g_autoptr(SamRecord) closing = NULL;
  g_autofree char *now = now_text ();
  GError *local = NULL;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (period != NULL && today != NULL, FALSE);

  if ((closed = sam_closing_get (store, period->code, &local)) || local)
    {
      if (local)
        g_propagate_error (error, local);
      else
        g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                     _("%s is already closed (on %.10s by %s). Reopen it first to close it again."),
                     period->code, sam_record_get_string (closed, "closed_at"),
                     sam_record_get_string (closed, "closed_by"));
      return FALSE;
    }
  closing = sam_record_new (SAM_KIND_PERIOD_CLOSING);
  sam_record_set_string (closing, "period", period->code);
  sam_record_set_string (closing, "as_at", sam_figures_judged_on (period, today));
  sam_record_set_string (closing, "closed_at", now);
  if (who && *who)
    sam_record_set_string (closing, "closed_by", who);
  if (!sam_store_begin (store, error))
    return FALSE;
  if (!drop_orphans (store, error) || !sam_store_insert (store, closing, error)
      || !freeze (store, sam_record_get_id (closing), period, today, error)
      || !sam_store_commit (store, error))
    {
      sam_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  SamPeriod *period;
  char      *who;
  char      *today;
  char      *path;
} Closing;

static void
closing_free (gpointer data)
{
  Closing *c = data;

  sam_period_free (c->period);
  g_free (c->who);
  g_free (c->today);
  g_free (c->path);
  g_free (c);
}

static void
close_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Closing *c = task_data;
  GError *error = NULL;
  g_autoptr(SamStore) writer = sam_store_open_with_flags (c->path, SAM_STORE_OPEN_CHECK_LATER, &error);
  SamRecord *closing = NULL;

  if (writer && sam_period_close (writer, c->period, c->who, c->today, &error))
    closing = sam_closing_get (writer, c->period->code, &error);
  if (closing)
    g_task_return_pointer (task, closing, g_object_unref);
  else
    g_task_return_error (task, error);
}

/* Closes @period as sam_period_close() does, in a worker thread on a
 * connection of its own to @store's file, so that the window stays
 * responsive while a large plan is frozen. Call sam_period_close_finish()
 * from @callback. */
void
sam_period_close_async (SamStore            *store,
                        const SamPeriod     *period,
                        const char          *who,
                        const char          *today,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Closing *c;

  g_return_if_fail (SAM_IS_STORE (store));
  g_return_if_fail (period != NULL && today != NULL);

  c = g_new0 (Closing, 1);
  c->period = sam_period_copy (period);
  c->who = g_strdup (who);
  c->today = g_strdup (today);
  c->path = g_strdup (sam_store_get_path (store));
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, sam_period_close_async);
  g_task_set_task_data (task, c, closing_free);
  g_task_run_in_thread (task, close_thread);
}

/* Finishes sam_period_close_async(): the closing becomes one step of
 * @store's undo, and its views reload. Returns FALSE with the error of
 * sam_period_close(), or a SamStoreError when the file could not be
 * opened again. */
gboolean
sam_period_close_finish (SamStore      *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_autoptr(SamRecord) closing = NULL;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  if (!(closing = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;
  sam_store_note_committed (store, NULL, closing);
  return TRUE;
}

/* Reopens @period, recording that @who did so now; what it froze is kept
 * for undo, which closes it again. Returns FALSE, changing nothing, with
 * SAM_STORE_ERROR_INVALID when it is not closed, or another SamStoreError. */
gboolean
sam_period_reopen (SamStore         *store,
                   const SamPeriod  *period,
                   const char       *who,
                   GError          **error)
{
  g_autoptr(SamRecord) closing = NULL;
  g_autofree char *now = now_text ();
  GError *local = NULL;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);

  if (!(closing = sam_closing_get (store, period->code, &local)))
    {
      if (local)
        g_propagate_error (error, local);
      else
        g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                     _("%s is not closed, so it cannot be reopened."), period->code);
      return FALSE;
    }
  sam_record_set_string (closing, "reopened_at", now);
  if (who && *who)
    sam_record_set_string (closing, "reopened_by", who);
  return sam_store_update (store, closing, error);
}

/* Reading what was frozen */

static SamStmt *
prepare_closed (SamStore        *store,
                const char      *sql,
                gint64           closing,
                const SamScope  *scope,
                GError         **error)
{
  SamStmt *stmt = sam_query_prepare (store, sql, scope, error);

  if (stmt)
    sam_query_bind_int (stmt, ":closing", closing);
  return stmt;
}

typedef SamReportStreaming Streaming;

static gint64
int_or (SamStmt *stmt,
        int      column,
        gint64   fallback)
{
  return sam_stmt_column_is_null (stmt, column) ? fallback : sam_stmt_column_int (stmt, column);
}

static gboolean
facts_cb (SamStmt       *stmt,
          gpointer       user_data,
          GError       **error)
{
  Streaming *s = user_data;
  SamActivityFactsRow row = {
    .id = sam_stmt_column_int (stmt, 0),
    .measure_id = sam_stmt_column_int (stmt, 1),
    .plan_id = sam_stmt_column_int (stmt, 2),
    .lead_id = sam_stmt_column_int (stmt, 3),
    .title = sam_stmt_column_text (stmt, 4),
    .facts = {
      .status = sam_stmt_column_text (stmt, 5),
      .progress = int_or (stmt, 6, -1),
      .start_date = sam_stmt_column_text (stmt, 7),
      .due_date = sam_stmt_column_text (stmt, 8),
      .reported = sam_stmt_column_int (stmt, 9) != 0,
      .comment = sam_stmt_column_text (stmt, 10),
      .update_period = sam_stmt_column_text (stmt, 11),
      .has_change = !sam_stmt_column_is_null (stmt, 12),
      .progress_change = sam_stmt_column_int (stmt, 12),
      .frozen = TRUE,
      .was_overdue = sam_stmt_column_int (stmt, 13) != 0,
      .was_running = sam_stmt_column_int (stmt, 14) != 0,
    },
  };

  return ((SamFactsFunc) s->func) (&row, s->user_data, error);
}

/* Calls @func with the facts of every activity the closing @closing froze
 * in @scope, by id, as sam_figures_foreach() does for an open period:
 * what the rules found then (overdue, running) stands in them. */
gboolean
sam_closing_foreach_facts (SamStore        *store,
                           gint64           closing,
                           const SamScope  *scope,
                           SamFactsFunc     func,
                           gpointer         user_data,
                           GError         **error)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT activity_id, coalesce(measure_id, 0), coalesce(plan_id, 0), coalesce(lead_agency_id, 0), title, "
    "status, progress, start_date, due_date, reported, comment, comment_period, progress_change, overdue, running "
    "FROM closed_activity a WHERE a.closing_id = :closing AND %s ORDER BY a.activity_id",
    sam_scope_closed_sql (scope));
  Streaming s = { func, user_data };
  SamStmt *stmt = prepare_closed (store, sql, closing, scope, error);

  return stmt != NULL && sam_query_run (store, stmt, facts_cb, &s, error);
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

/* Returns the measures the closing @closing froze in @scope, in the
 * strategy's order then, each a SamMeasureFigures with its tally empty;
 * NULL with a SamStoreError. */
GPtrArray *
sam_closing_read_measures (SamStore        *store,
                           gint64           closing,
                           const SamScope  *scope,
                           GError         **error)
{
  g_autoptr(GPtrArray) measures = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_measure_figures_free);
  g_autofree char *sql = g_strdup_printf (
    "SELECT m.id, m.number, m.title FROM (SELECT measure_id AS id, focus_area_id, number, "
    "CASE WHEN :english = 1 THEN title_en ELSE title END AS title, position "
    "FROM closed_measure WHERE closing_id = :closing) m WHERE %s ORDER BY m.position",
    sam_scope_measure_sql (scope));
  SamStmt *stmt = prepare_closed (store, sql, closing, scope, error);

  if (stmt == NULL || !sam_query_run (store, stmt, add_measure_cb, measures, error))
    return NULL;
  return g_steal_pointer (&measures);
}

static gboolean
activity_cb (SamStmt       *stmt,
             gpointer       user_data,
             GError       **error)
{
  Streaming *s = user_data;
  int c = 0;
  SamActivityRow row = { 0 };

  row.id = sam_stmt_column_int (stmt, c++);
  row.focus_area_id = sam_stmt_column_int (stmt, c++);
  row.measure_id = sam_stmt_column_int (stmt, c++);
  row.plan_id = sam_stmt_column_int (stmt, c++);
  row.lead_id = sam_stmt_column_int (stmt, c++);
  row.measure_number = sam_stmt_column_int (stmt, c++);
  row.measure = sam_stmt_column_text (stmt, c++);
  row.plan = sam_stmt_column_text (stmt, c++);
  row.plan_kind = sam_stmt_column_text (stmt, c++);
  row.title = sam_stmt_column_text (stmt, c++);
  row.description = sam_stmt_column_text (stmt, c++);
  row.scope = sam_stmt_column_text (stmt, c++);
  row.priority_task = sam_stmt_column_text (stmt, c++);
  row.lead = sam_stmt_column_text (stmt, c++);
  row.partners = sam_stmt_column_text (stmt, c++);
  row.sector_duty = sam_stmt_column_text (stmt, c++);
  row.sectors = sam_stmt_column_text (stmt, c++);
  row.target_groups = sam_stmt_column_text (stmt, c++);
  row.message = sam_stmt_column_text (stmt, c++);
  row.channels = sam_stmt_column_text (stmt, c++);
  row.languages = sam_stmt_column_text (stmt, c++);
  row.start_date = sam_stmt_column_text (stmt, c++);
  row.due_date = sam_stmt_column_text (stmt, c++);
  row.status = sam_stmt_column_text (stmt, c++);
  row.progress = int_or (stmt, c++, -1);
  row.overdue = sam_stmt_column_int (stmt, c++) != 0;
  row.running = sam_stmt_column_int (stmt, c++) != 0;
  row.reported = sam_stmt_column_int (stmt, c++) != 0;
  row.latest_comment = sam_stmt_column_text (stmt, c++);
  row.latest_period = sam_stmt_column_text (stmt, c++);
  row.has_change = !sam_stmt_column_is_null (stmt, c);
  row.progress_change = sam_stmt_column_int (stmt, c);
  return ((SamActivityRowFunc) s->func) (&row, s->user_data, error);
}

/* Calls @func for each activity the closing @closing froze in @scope, in
 * the report's order then, as the Activities sheet showed it. */
gboolean
sam_closing_foreach_activity (SamStore            *store,
                              gint64               closing,
                              const SamScope      *scope,
                              SamActivityRowFunc   func,
                              gpointer             user_data,
                              GError             **error)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT activity_id, coalesce(focus_area_id, 0), coalesce(measure_id, 0), coalesce(plan_id, 0), "
    "coalesce(lead_agency_id, 0), measure_number, CASE WHEN :english = 1 THEN measure_title_en ELSE measure_title END, plan_title, plan_kind, title, description, "
    "scope, priority_task, CASE WHEN :english = 1 THEN lead_en ELSE lead END, CASE WHEN :english = 1 THEN partners_en ELSE partners END, CASE WHEN :english = 1 THEN sector_duty_en ELSE sector_duty END, CASE WHEN :english = 1 THEN sectors_en ELSE sectors END, CASE WHEN :english = 1 THEN target_groups_en ELSE target_groups END, message, channels, languages, "
    "start_date, due_date, status, progress, overdue, running, reported, comment, comment_period, progress_change "
    "FROM closed_activity a WHERE a.closing_id = :closing AND %s ORDER BY a.position",
    sam_scope_closed_sql (scope));
  Streaming s = { func, user_data };
  SamStmt *stmt = prepare_closed (store, sql, closing, scope, error);

  return stmt != NULL && sam_query_run (store, stmt, activity_cb, &s, error);
}

/* Calls @func for each status update the closing @closing froze (the
 * history up to its period) of the activities in @scope, in order. */
gboolean
sam_closing_foreach_status (SamStore          *store,
                            gint64             closing,
                            const SamScope    *scope,
                            SamStatusRowFunc   func,
                            gpointer           user_data,
                            GError           **error)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT activity_id, measure_number, activity, period, status, progress, comment, reported_by, reported_at "
    "FROM closed_status s WHERE s.closing_id = :closing AND (%s OR s.activity_id IN "
    "(SELECT a.activity_id FROM closed_activity a WHERE a.closing_id = :closing AND %s)) ORDER BY s.position",
    sam_scope_is_whole (scope) ? "TRUE" : "FALSE", sam_scope_closed_sql (scope));
  Streaming s = { func, user_data };
  SamStmt *stmt = prepare_closed (store, sql, closing, scope, error);

  return stmt != NULL && sam_query_run (store, stmt, sam_report_data_status_row_cb, &s, error);
}

static gboolean
change_cb (SamStmt       *stmt,
           gpointer       user_data,
           GError       **error)
{
  SamChanges *changes = user_data;
  const char *kind = sam_stmt_column_text (stmt, 0);
  SamChange change = {
    0, sam_stmt_column_int (stmt, 1), sam_stmt_column_int (stmt, 2), sam_stmt_column_int (stmt, 3),
    sam_stmt_column_int (stmt, 4), sam_stmt_column_int (stmt, 5), sam_stmt_column_text (stmt, 6),
    sam_stmt_column_text (stmt, 7), sam_stmt_column_text (stmt, 8), sam_stmt_column_text (stmt, 9), sam_stmt_column_int (stmt, 10),
  };

  for (change.kind = 0; change.kind < SAM_N_CHANGE_KINDS; change.kind++)
    if (g_strcmp0 (kind, sam_change_kind_nick (change.kind)) == 0)
      {
        sam_changes_add (changes, &change);
        break;
      }
  return TRUE;
}

/* Returns a SamMeasureFigures per measure in @scope, as
 * sam_closing_read_measures() orders them, tallied with each activity's
 * status and progress as at the period before the closed one, as frozen
 * (only the counts by status, live and progress); NULL with a
 * SamStoreError. */
GPtrArray *
sam_closing_read_previous (SamStore        *store,
                           gint64           closing,
                           const SamScope  *scope,
                           GError         **error)
{
  g_autoptr(GPtrArray) measures = sam_closing_read_measures (store, closing, scope, error);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *sql = g_strdup_printf (
    "SELECT coalesce(measure_id, 0), previous_status, previous_progress FROM closed_activity a "
    "WHERE a.closing_id = :closing AND a.previous_status IS NOT NULL AND %s", sam_scope_closed_sql (scope));
  SamStmt *stmt;
  SamStep step;

  if (measures == NULL)
    return NULL;
  for (guint i = 0; i < measures->len; i++)
    g_hash_table_insert (by_id, &((SamMeasureFigures *) measures->pdata[i])->measure_id, measures->pdata[i]);
  if (!(stmt = prepare_closed (store, sql, closing, scope, error)))
    return NULL;
  while ((step = sam_stmt_step (stmt, error)) == SAM_STEP_ROW)
    {
      gint64 measure_id = sam_stmt_column_int (stmt, 0);
      SamMeasureFigures *m = g_hash_table_lookup (by_id, &measure_id);
      SamActivityFacts facts = { .status = sam_stmt_column_text (stmt, 1),
                                 .progress = int_or (stmt, 2, -1) };

      if (m)
        sam_tally_add (&m->tally, &facts, NULL, NULL);
    }
  sam_stmt_free (stmt);
  return step == SAM_STEP_DONE ? g_steal_pointer (&measures) : NULL;
}

/* Returns the latest comments per measure as sam_report_data_latest_comments()
 * does, from the status history the closing froze; NULL with a
 * SamStoreError. */
GPtrArray *
sam_closing_read_comments (SamStore        *store,
                           gint64           closing,
                           const SamScope  *scope,
                           guint            per_measure,
                           GError         **error)
{
  g_autoptr(GPtrArray) comments = g_ptr_array_new_with_free_func (sam_comment_row_free);
  g_autofree char *sql = g_strdup_printf (
    "SELECT measure_id, activity, period, comment FROM (SELECT a.measure_id, s.activity, s.period, s.comment, "
    "  row_number () OVER (PARTITION BY a.measure_id ORDER BY coalesce(po.start, '') DESC, "
    "    coalesce(s.reported_at, '') DESC, s.position DESC) AS n "
    "  FROM closed_status s JOIN closed_activity a ON a.closing_id = s.closing_id AND a.activity_id = s.activity_id "
    "  LEFT JOIN (SELECT code, min(start_date) AS start FROM reporting_period GROUP BY code) po ON po.code = s.period "
    "  WHERE s.closing_id = :closing AND trim(coalesce(s.comment, '')) <> '' AND %s) AS recent "
    "WHERE n <= :n ORDER BY measure_id, n", sam_scope_closed_sql (scope));
  SamStmt *stmt = prepare_closed (store, sql, closing, scope, error);

  if (stmt == NULL)
    return NULL;
  sam_query_bind_int (stmt, ":n", per_measure);
  if (!sam_query_run (store, stmt, sam_report_data_comment_row_cb, comments, error))
    return NULL;
  return g_steal_pointer (&comments);
}

/* Returns the changes the closing @closing froze, of the activities in
 * @scope (a removed one by where it was and its lead); NULL with a
 * SamStoreError. */
SamChanges *
sam_closing_read_changes (SamStore        *store,
                          gint64           closing,
                          const SamScope  *scope,
                          GError         **error)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT kind, activity_id, coalesce(measure_id, 0), measure_number, coalesce(plan_id, 0), "
    "coalesce(lead_agency_id, 0), title, CASE WHEN :english = 1 THEN lead_en ELSE lead END, old_value, new_value, points "
    "FROM closed_change a WHERE a.closing_id = :closing AND %s ORDER BY a.position",
    sam_scope_closed_sql (scope));
  g_autoptr(SamRecord) record = sam_store_get (store, SAM_KIND_PERIOD_CLOSING, closing, error);
  g_autoptr(SamPeriod) period = NULL, previous = NULL;
  g_autoptr(SamChanges) changes = NULL;
  SamStmt *stmt;
  GError *local = NULL;

  if (record == NULL)
    return NULL;
  period = sam_period_find (store, sam_record_get_string (record, "period"), &local);
  if (period && !(previous = sam_period_before (store, period, &local)) && local)
    return g_propagate_error (error, local), NULL;
  g_clear_error (&local);
  changes = sam_changes_new (previous);
  if (!(stmt = prepare_closed (store, sql, closing, scope, error))
      || !sam_query_run (store, stmt, change_cb, changes, error))
    return NULL;
  return g_steal_pointer (&changes);
}

static gboolean
count_cb (SamStmt       *stmt,
          gpointer       user_data,
          GError       **error)
{
  guint64 *counts = user_data;

  counts[0] = (guint64) sam_stmt_column_int (stmt, 0);
  counts[1] = (guint64) sam_stmt_column_int (stmt, 1);
  return TRUE;
}

/* Counts the activities and status updates the closing @closing froze in
 * @scope, for a report's progress. */
gboolean
sam_closing_count (SamStore        *store,
                   gint64           closing,
                   const SamScope  *scope,
                   guint64         *activities,
                   guint64         *status_updates,
                   GError         **error)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT (SELECT count(*) FROM closed_activity a WHERE a.closing_id = :closing AND %s), "
    "(SELECT count(*) FROM closed_status WHERE closing_id = :closing)", sam_scope_closed_sql (scope));
  guint64 counts[2] = { 0, 0 };
  SamStmt *stmt = prepare_closed (store, sql, closing, scope, error);

  if (stmt == NULL || !sam_query_run (store, stmt, count_cb, counts, error))
    return FALSE;
  *activities = counts[0];
  *status_updates = counts[1];
  return TRUE;
}

/* Telling what changed since */

typedef struct
{
  SamStmt *frozen;     /* closed_activity by id */
  SamStep  step;
  guint    changed;
} Differing;

static gboolean
frozen_step (Differing  *d,
             GError    **error)
{
  d->step = sam_stmt_step (d->frozen, error);
  return d->step != SAM_STEP_ERROR;
}

/* Whether the frozen row at the cursor holds what @row holds now. */
static gboolean
same (SamStmt                   *stmt,
      const SamActivityFactsRow *row)
{
  const SamActivityFacts *f = &row->facts;

  return g_strcmp0 (sam_stmt_column_text (stmt, 1), row->title) == 0
         && g_strcmp0 (sam_stmt_column_text (stmt, 2), sam_status_values[sam_facts_status (f)].nick) == 0
         && int_or (stmt, 3, -1) == f->progress
         && g_strcmp0 (sam_stmt_column_text (stmt, 4), f->comment) == 0
         && g_strcmp0 (sam_stmt_column_text (stmt, 5), f->start_date) == 0
         && g_strcmp0 (sam_stmt_column_text (stmt, 6), f->due_date) == 0
         && sam_stmt_column_int (stmt, 7) == row->lead_id
         && (sam_stmt_column_int (stmt, 8) != 0) == f->reported;
}

static gboolean
differ_cb (const SamActivityFactsRow  *row,
           gpointer                    user_data,
           GError                    **error)
{
  Differing *d = user_data;

  /* Frozen, and removed since. */
  while (d->step == SAM_STEP_ROW && sam_stmt_column_int (d->frozen, 0) < row->id)
    {
      d->changed++;
      if (!frozen_step (d, error))
        return FALSE;
    }
  if (d->step != SAM_STEP_ROW || sam_stmt_column_int (d->frozen, 0) != row->id)
    d->changed++;   /* there now, not then */
  else
    {
      d->changed += !same (d->frozen, row);
      return frozen_step (d, error);
    }
  return TRUE;
}

/* Sets *@changed to how many activities differ today, as at @period
 * (judged with @today), from what the closing in force froze: changed in
 * what the figures and lists show of them (title, status, progress,
 * comment, dates, lead, reported), created or removed since. 0 when the
 * period is open. Returns FALSE with a SamStoreError. */
gboolean
sam_closing_count_changed (SamStore         *store,
                           const SamPeriod  *period,
                           const char       *today,
                           guint            *changed,
                           GError          **error)
{
  Differing d = { NULL, SAM_STEP_DONE, 0 };
  gint64 closing = 0;
  gboolean ok;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (period != NULL && changed != NULL, FALSE);

  *changed = 0;
  if (!sam_closing_find (store, period->code, &closing, error))
    return FALSE;
  if (closing == 0)
    return TRUE;
  ok = (d.frozen = prepare_closed (store, "SELECT activity_id, title, status, progress, comment, start_date, "
                                   "due_date, coalesce(lead_agency_id, 0), reported FROM closed_activity "
                                   "WHERE closing_id = :closing ORDER BY activity_id", closing, NULL, error)) != NULL
       && frozen_step (&d, error)
       && sam_figures_foreach_live (store, NULL, period, today, differ_cb, &d, error);
  while (ok && d.step == SAM_STEP_ROW)
    {
      d.changed++;
      ok = frozen_step (&d, error);
    }
  sam_stmt_free (d.frozen);
  *changed = d.changed;
  return ok;
}
