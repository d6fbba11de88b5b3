#define G_LOG_DOMAIN "sam-report-data"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sam-query-private.h"
#include "sam-report-data.h"

/* Activity a's status, a missing or unknown one read as planned; NULL when
 * a is missing from an outer join. */
#define STATUS \
  "(CASE WHEN a.id IS NULL THEN NULL " \
  "WHEN a.status IN ('in_progress', 'done', 'delayed', 'cancelled') THEN a.status ELSE 'planned' END)"

#define LIVE_OPEN STATUS " NOT IN ('done', 'cancelled')"

#define REPORTED_IN_PERIOD \
  "EXISTS (SELECT 1 FROM status_update su JOIN reporting_period rp ON rp.id = su.period_id " \
  "WHERE su.activity_id = a.id AND rp.code = :period)"

/* A text list of an activity's or seminar's links, in the order given. */
#define LIST(column, link, owner, join) \
  "(SELECT group_concat(v, '; ') FROM (SELECT " column " AS v FROM " link " x " join \
  " WHERE x." owner " = " "%s" ".id ORDER BY x.position))"

static sqlite3_stmt *
prepare (SamStore              *store,
         const char            *sql,
         const SamReportQuery  *query,
         GError               **error)
{
  sqlite3_stmt *stmt = sam_query_prepare (store, sql, query->scope, error);

  if (stmt == NULL)
    return NULL;
  sam_query_bind_text (stmt, ":period", query->period);
  sam_query_bind_text (stmt, ":period_start", query->period_start);
  sam_query_bind_text (stmt, ":today", query->today);
  return stmt;
}

static gint64
int_or (sqlite3_stmt *stmt,
        int           column,
        gint64        fallback)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? fallback : sqlite3_column_int64 (stmt, column);
}

/* A snapshot */

/* Starts a read transaction, so that every sheet of one report sees the
 * same data even while the window saves edits. Does nothing inside a
 * transaction the caller holds. */
gboolean
sam_report_data_begin (SamStore  *store,
                       GError   **error)
{
  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);

  if (sam_store_get_db (store) == NULL || !sqlite3_get_autocommit (sam_store_get_db (store)))
    return TRUE;
  return sam_store_exec (store, "BEGIN DEFERRED", error);
}

void
sam_report_data_end (SamStore *store)
{
  g_return_if_fail (SAM_IS_STORE (store));

  if (sam_store_get_db (store) != NULL && !sqlite3_get_autocommit (sam_store_get_db (store)))
    sqlite3_exec (sam_store_get_db (store), "COMMIT", NULL, NULL, NULL);
}

/* Periods */

void
sam_period_info_free (SamPeriodInfo *period)
{
  if (period == NULL)
    return;
  g_free (period->code);
  g_free (period->start_date);
  g_free (period->end_date);
  g_free (period);
}

static gboolean
read_period_cb (sqlite3_stmt  *stmt,
                gpointer       user_data,
                GError       **error)
{
  SamPeriodInfo **period = user_data;

  if (*period == NULL)
    {
      *period = g_new0 (SamPeriodInfo, 1);
      (*period)->code = g_strdup (sam_query_text (stmt, 0));
      (*period)->start_date = g_strdup (sam_query_text (stmt, 1));
      (*period)->end_date = g_strdup (sam_query_text (stmt, 2));
    }
  return TRUE;
}

/* Returns the reporting period with @code, or when @code is NULL the one
 * running on @today (YYYY-MM-DD), else the latest that started before it,
 * else the first. Returns NULL without an error when @code is NULL and the
 * database has no periods, and NULL with SAM_STORE_ERROR_NOT_FOUND when no
 * period has @code. */
SamPeriodInfo *
sam_report_data_find_period (SamStore    *store,
                             const char  *code,
                             const char  *today,
                             GError     **error)
{
  static const char sql[] =
    "SELECT code, min(start_date), max(end_date) FROM reporting_period "
    "WHERE ?1 IS NULL OR code = ?1 GROUP BY code "
    "ORDER BY ?1 IS NULL AND coalesce(min(start_date), '') <= ?2 AND coalesce(max(end_date), '9999') >= ?2 DESC, "
    "         ?1 IS NULL AND coalesce(min(start_date), '') <= ?2 DESC, "
    "         CASE WHEN coalesce(min(start_date), '') <= ?2 THEN min(start_date) END DESC, "
    "         min(start_date), code";
  SamPeriodInfo *period = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  if (!(stmt = sam_query_prepare (store, sql, NULL, error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);
  if (!sam_query_run (store, stmt, read_period_cb, &period, error))
    {
      sam_period_info_free (period);
      return NULL;
    }
  if (period == NULL && code != NULL)
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND,
                 _("There is no reporting period “%s”."), code);
  return period;
}

static gboolean
join_text_cb (sqlite3_stmt  *stmt,
              gpointer       user_data,
              GError       **error)
{
  GString *codes = user_data;

  if (codes->len > 0)
    g_string_append (codes, ", ");
  g_string_append (codes, sam_query_text (stmt, 0));
  return TRUE;
}

/* Returns the period codes of the database, ", " between, in date order;
 * "" when it has none. */
char *
sam_report_data_period_codes (SamStore *store)
{
  GString *codes = g_string_new (NULL);

  sam_query_foreach (store, "SELECT code FROM reporting_period GROUP BY code "
                     "ORDER BY min(coalesce(start_date, '')), code", NULL, join_text_cb, codes, NULL);
  return g_string_free (codes, FALSE);
}

/* Returns the title of the first strategy, or NULL when there is none. */
char *
sam_report_data_strategy_title (SamStore *store)
{
  g_autoptr(GString) title = g_string_new (NULL);

  if (!sam_query_foreach (store, "SELECT title FROM strategy ORDER BY id LIMIT 1", NULL,
                          join_text_cb, title, NULL) || title->len == 0)
    return NULL;
  return g_strdup (title->str);
}

/* Counts */

static gboolean
count_cb (sqlite3_stmt  *stmt,
          gpointer       user_data,
          GError       **error)
{
  guint64 *counts = user_data;

  counts[0] = (guint64) sqlite3_column_int64 (stmt, 0);
  counts[1] = (guint64) sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

/* Counts the activities in scope and their status updates, to tell how far
 * a report has come. */
gboolean
sam_report_data_count (SamStore              *store,
                       const SamReportQuery  *query,
                       guint64               *activities,
                       guint64               *status_updates,
                       GError               **error)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*), (SELECT count(*) FROM status_update su JOIN activity a ON a.id = su.activity_id WHERE %s) "
    "FROM activity a WHERE %s", sam_scope_activity_sql (query->scope), sam_scope_activity_sql (query->scope));
  guint64 counts[2] = { 0, 0 };
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  if (!(stmt = prepare (store, sql, query, error)) || !sam_query_run (store, stmt, count_cb, counts, error))
    return FALSE;
  if (activities)
    *activities = counts[0];
  if (status_updates)
    *status_updates = counts[1];
  return TRUE;
}

/* Per measure */

static void
measure_summary_free (gpointer data)
{
  SamMeasureSummary *m = data;

  g_free (m->title);
  g_free (m);
}

static gboolean
add_measure_cb (sqlite3_stmt  *stmt,
                gpointer       user_data,
                GError       **error)
{
  SamMeasureSummary *m = g_new0 (SamMeasureSummary, 1);

  m->measure_id = sqlite3_column_int64 (stmt, 0);
  m->number = sqlite3_column_int64 (stmt, 1);
  m->title = g_strdup (sam_query_text (stmt, 2));
  m->total = (guint) sqlite3_column_int64 (stmt, 3);
  for (guint i = 0; i < SAM_N_STATUSES; i++)
    m->by_status[i] = (guint) sqlite3_column_int64 (stmt, 4 + i);
  m->live = (guint) sqlite3_column_int64 (stmt, 9);
  m->progress_sum = sqlite3_column_int64 (stmt, 10);
  m->overdue = (guint) sqlite3_column_int64 (stmt, 11);
  m->not_reported = (guint) sqlite3_column_int64 (stmt, 12);
  g_ptr_array_add (user_data, m);
  return TRUE;
}

/* Returns one SamMeasureSummary per measure in scope, in the strategy's
 * order (agency and ministry scopes keep every measure), or NULL with a
 * SamStoreError. "Not reported" is 0 when the query has no period. */
GPtrArray *
sam_report_data_measures (SamStore              *store,
                          const SamReportQuery  *query,
                          GError               **error)
{
  g_autoptr(GPtrArray) measures = g_ptr_array_new_with_free_func (measure_summary_free);
  /* The counts come from one pass over the activities in the order they
   * are stored, grouped by measure, then joined to the measures in scope;
   * the activities reported in the period are looked up once. */
  g_autofree char *sql = g_strdup_printf (
    "SELECT m.id, m.number, m.title, coalesce(x.total, 0), x.planned, x.in_progress, x.done, x.delayed, "
    "x.cancelled, x.live, x.progress, x.overdue, x.not_reported "
    "FROM measure m LEFT JOIN focus_area f ON f.id = m.focus_area_id "
    "LEFT JOIN (SELECT p.measure_id AS measure_id, count(*) AS total, "
    "  sum(" STATUS " = 'planned') AS planned, sum(" STATUS " = 'in_progress') AS in_progress, "
    "  sum(" STATUS " = 'done') AS done, sum(" STATUS " = 'delayed') AS delayed, "
    "  sum(" STATUS " = 'cancelled') AS cancelled, sum(" STATUS " <> 'cancelled') AS live, "
    "  sum(CASE WHEN " STATUS " <> 'cancelled' THEN coalesce(a.progress, 0) END) AS progress, "
    "  sum(" LIVE_OPEN " AND a.due_date < :today) AS overdue, "
    "  sum(" LIVE_OPEN " AND :period IS NOT NULL AND a.id NOT IN "
    "      (SELECT su.activity_id FROM status_update su JOIN reporting_period rp ON rp.id = su.period_id "
    "       WHERE rp.code = :period)) AS not_reported "
    "  FROM activity a CROSS JOIN plan p ON p.id = a.plan_id WHERE (%s) GROUP BY p.measure_id) x "
    "ON x.measure_id = m.id "
    "WHERE %s ORDER BY f.number, f.id, m.number, m.id",
    sam_scope_activity_sql (query->scope), sam_scope_measure_sql (query->scope));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  if (!(stmt = prepare (store, sql, query, error)) || !sam_query_run (store, stmt, add_measure_cb, measures, error))
    return NULL;
  return g_steal_pointer (&measures);
}

/* Seminar targets */

static void
seminar_target_free (gpointer data)
{
  SamSeminarTarget *t = data;

  g_free (t->name);
  g_free (t->kind);
  g_free (t);
}

static gboolean
add_target_cb (sqlite3_stmt  *stmt,
               gpointer       user_data,
               GError       **error)
{
  SamSeminarTarget *t = g_new0 (SamSeminarTarget, 1);

  t->format_id = sqlite3_column_int64 (stmt, 0);
  t->name = g_strdup (sam_query_text (stmt, 1));
  t->kind = g_strdup (sam_query_text (stmt, 2));
  t->year = sqlite3_column_int64 (stmt, 3);
  t->min_per_year = int_or (stmt, 4, -1);
  t->max_per_year = int_or (stmt, 5, -1);
  t->held = (guint) sqlite3_column_int64 (stmt, 6);
  t->planned = (guint) sqlite3_column_int64 (stmt, 7);
  t->cancelled = (guint) sqlite3_column_int64 (stmt, 8);
  g_ptr_array_add (user_data, t);
  return TRUE;
}

#define SEMINAR_COUNTS \
  "count(s.id) FILTER (WHERE s.status = 'held'), " \
  "count(s.id) FILTER (WHERE coalesce(s.status, 'planned') IN ('planned', 'open')), " \
  "count(s.id) FILTER (WHERE s.status = 'cancelled') "

/* Returns the seminars in scope held, planned and cancelled per format
 * against its yearly target, as SamSeminarTarget: for @year every format,
 * also one with no seminars that year; for @year 0 one entry per format
 * and year that has seminars, by year. A seminar's year is that of its
 * start; a missing status reads as planned. */
GPtrArray *
sam_report_data_seminar_targets (SamStore              *store,
                                 const SamReportQuery  *query,
                                 gint64                 year,
                                 GError               **error)
{
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (seminar_target_free);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  if (year > 0)
    sql = g_strdup_printf ("SELECT f.id, f.name, f.kind, :year, f.min_per_year, f.max_per_year, " SEMINAR_COUNTS
                           "FROM seminar_format f LEFT JOIN seminar s ON s.format_id = f.id "
                           "AND substr(s.starts_at, 1, 4) = printf('%%04d', :year) AND (%s) "
                           "GROUP BY f.id ORDER BY f.id", sam_scope_seminar_sql (query->scope));
  else
    sql = g_strdup_printf ("SELECT f.id, f.name, f.kind, CAST(substr(s.starts_at, 1, 4) AS INTEGER) AS y, "
                           "f.min_per_year, f.max_per_year, " SEMINAR_COUNTS
                           "FROM seminar s JOIN seminar_format f ON f.id = s.format_id "
                           "WHERE s.starts_at IS NOT NULL AND (%s) GROUP BY y, f.id ORDER BY y, f.id",
                           sam_scope_seminar_sql (query->scope));
  if (!(stmt = prepare (store, sql, query, error)))
    return NULL;
  sam_query_bind_int (stmt, ":year", year);
  if (!sam_query_run (store, stmt, add_target_cb, targets, error))
    return NULL;
  return g_steal_pointer (&targets);
}

/* Streaming, plan by plan */

typedef struct
{
  gpointer func;
  gpointer user_data;
} Streaming;

static gboolean
add_id_cb (sqlite3_stmt  *stmt,
           gpointer       user_data,
           GError       **error)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);

  g_array_append_val (user_data, id);
  return TRUE;
}

/* Runs @sql, which selects rows of one plan (:plan) in scope, once per
 * plan in the strategy's order, so that rows come out sorted without
 * SQLite sorting the whole result. */
static gboolean
run_per_plan (SamStore              *store,
              const SamReportQuery  *query,
              const char            *sql,
              SamRowFunc             func,
              gpointer               user_data,
              GError               **error)
{
  g_autofree char *plans_sql = g_strdup_printf (
    "SELECT p.id FROM plan p JOIN measure m ON m.id = p.measure_id "
    "LEFT JOIN focus_area f ON f.id = m.focus_area_id WHERE %s "
    "ORDER BY f.number, f.id, m.number, m.id, p.start_date, p.id", sam_scope_plan_sql (query->scope));
  g_autoptr(GArray) plans = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  if (!sam_query_foreach (store, plans_sql, query->scope, add_id_cb, plans, error)
      || !(stmt = prepare (store, sql, query, error)))
    return FALSE;
  for (guint i = 0; ok && i < plans->len; i++)
    {
      sqlite3_reset (stmt);
      sam_query_bind_int (stmt, ":plan", g_array_index (plans, gint64, i));
      while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        ok = func (stmt, user_data, error);
      if (ok && rc != SQLITE_DONE)
        ok = sam_store_set_sql_error (store, sqlite3_extended_errcode (sam_store_get_db (store)), error);
    }
  sqlite3_finalize (stmt);
  return ok;
}

/* The latest status update of activity a up to the report's period, and
 * the one before it (@offset 1). */
#define UPDATE_AT(offset) \
  "(SELECT su.id FROM status_update su LEFT JOIN reporting_period rp ON rp.id = su.period_id " \
  "WHERE su.activity_id = a.id AND (:period_start IS NULL OR coalesce(rp.start_date, '') <= :period_start) " \
  "ORDER BY coalesce(rp.start_date, '') DESC, coalesce(su.reported_at, '') DESC, su.id DESC " \
  "LIMIT 1 OFFSET " offset ")"

static gboolean
activity_row_cb (sqlite3_stmt  *stmt,
                 gpointer       user_data,
                 GError       **error)
{
  Streaming *s = user_data;
  SamActivityRow row = {
    .id = sqlite3_column_int64 (stmt, 0),
    .measure_number = sqlite3_column_int64 (stmt, 1),
    .measure = sam_query_text (stmt, 2),
    .plan = sam_query_text (stmt, 3),
    .plan_kind = sam_query_text (stmt, 4),
    .title = sam_query_text (stmt, 5),
    .description = sam_query_text (stmt, 6),
    .scope = sam_query_text (stmt, 7),
    .priority_task = sam_query_text (stmt, 8),
    .lead = sam_query_text (stmt, 9),
    .partners = sam_query_text (stmt, 10),
    .sectors = sam_query_text (stmt, 11),
    .target_groups = sam_query_text (stmt, 12),
    .message = sam_query_text (stmt, 13),
    .channels = sam_query_text (stmt, 14),
    .languages = sam_query_text (stmt, 15),
    .start_date = sam_query_text (stmt, 16),
    .due_date = sam_query_text (stmt, 17),
    .status = sam_query_text (stmt, 18),
    .progress = int_or (stmt, 19, -1),
    .overdue = sqlite3_column_int (stmt, 20) != 0,
    .reported = sqlite3_column_int (stmt, 21) != 0,
    .latest_period = sam_query_text (stmt, 22),
    .latest_comment = sam_query_text (stmt, 23),
    .has_change = sqlite3_column_type (stmt, 24) != SQLITE_NULL && sqlite3_column_type (stmt, 25) != SQLITE_NULL,
  };

  if (row.has_change)
    row.progress_change = sqlite3_column_int64 (stmt, 24) - sqlite3_column_int64 (stmt, 25);
  return ((SamActivityRowFunc) s->func) (&row, s->user_data, error);
}

/* Calls @func for each activity in scope, by measure, plan and id, with
 * every field the Activities sheet shows. Stops and returns FALSE when
 * @func does or on a database error. */
gboolean
sam_report_data_foreach_activity (SamStore              *store,
                                  const SamReportQuery  *query,
                                  SamActivityRowFunc     func,
                                  gpointer               user_data,
                                  GError               **error)
{
  Streaming s = { func, user_data };
  g_autofree char *sql = g_strdup_printf (
    "SELECT a.id, m.number, m.title, p.title, p.kind, a.title, a.description, a.scope, pt.title, lead.name, "
    LIST ("g.name", "activity_partner", "activity_id", "JOIN agency g ON g.id = x.agency_id") ", "
    LIST ("s.name", "activity_sector", "activity_id", "JOIN sector s ON s.id = x.sector_id") ", "
    LIST ("t.name", "activity_target_group", "activity_id", "JOIN target_group t ON t.id = x.target_group_id") ", "
    "a.message, "
    LIST ("x.channel", "activity_channel", "activity_id", "") ", "
    LIST ("x.language", "activity_language", "activity_id", "") ", "
    "a.start_date, a.due_date, " STATUS ", a.progress, "
    LIVE_OPEN " AND a.due_date < :today, " REPORTED_IN_PERIOD ", "
    "lrp.code, lu.comment, lu.progress, pu.progress "
    "FROM activity a JOIN plan p ON p.id = a.plan_id JOIN measure m ON m.id = p.measure_id "
    "LEFT JOIN priority_task pt ON pt.id = a.priority_task_id "
    "LEFT JOIN agency lead ON lead.id = a.lead_agency_id "
    "LEFT JOIN status_update lu ON lu.id = " UPDATE_AT ("0") " "
    "LEFT JOIN reporting_period lrp ON lrp.id = lu.period_id "
    "LEFT JOIN status_update pu ON pu.id = " UPDATE_AT ("1") " "
    "WHERE a.plan_id = :plan AND (%s) ORDER BY a.id",
    "a", "a", "a", "a", "a", sam_scope_activity_sql (query->scope));

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  return run_per_plan (store, query, sql, activity_row_cb, &s, error);
}

static gboolean
status_row_cb (sqlite3_stmt  *stmt,
               gpointer       user_data,
               GError       **error)
{
  Streaming *s = user_data;
  SamStatusRow row = {
    .activity_id = sqlite3_column_int64 (stmt, 0),
    .measure_number = sqlite3_column_int64 (stmt, 1),
    .activity = sam_query_text (stmt, 2),
    .period = sam_query_text (stmt, 3),
    .status = sam_query_text (stmt, 4),
    .progress = int_or (stmt, 5, -1),
    .comment = sam_query_text (stmt, 6),
    .reported_by = sam_query_text (stmt, 7),
    .reported_at = sam_query_text (stmt, 8),
  };

  return ((SamStatusRowFunc) s->func) (&row, s->user_data, error);
}

/* Calls @func for every status update of the activities in scope, in the
 * order of the activities, then by period and time reported. */
gboolean
sam_report_data_foreach_status (SamStore              *store,
                                const SamReportQuery  *query,
                                SamStatusRowFunc       func,
                                gpointer               user_data,
                                GError               **error)
{
  Streaming s = { func, user_data };
  g_autofree char *sql = g_strdup_printf (
    "SELECT a.id, m.number, a.title, rp.code, su.status, su.progress, su.comment, su.reported_by, su.reported_at "
    "FROM status_update su JOIN activity a ON a.id = su.activity_id "
    "JOIN plan p ON p.id = a.plan_id JOIN measure m ON m.id = p.measure_id "
    "LEFT JOIN reporting_period rp ON rp.id = su.period_id "
    "WHERE a.plan_id = :plan AND (%s) "
    "ORDER BY a.id, coalesce(rp.start_date, ''), coalesce(su.reported_at, ''), su.id",
    sam_scope_activity_sql (query->scope));

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  return run_per_plan (store, query, sql, status_row_cb, &s, error);
}

/* Seminars */

static gboolean
seminar_row_cb (sqlite3_stmt  *stmt,
                gpointer       user_data,
                GError       **error)
{
  Streaming *s = user_data;
  SamSeminarRow row = {
    .id = sqlite3_column_int64 (stmt, 0),
    .title = sam_query_text (stmt, 1),
    .format = sam_query_text (stmt, 2),
    .kind = sam_query_text (stmt, 3),
    .starts_at = sam_query_text (stmt, 4),
    .ends_at = sam_query_text (stmt, 5),
    .place = sam_query_text (stmt, 6),
    .online = sqlite3_column_int (stmt, 7) != 0,
    .organiser = sam_query_text (stmt, 8),
    .activity = sam_query_text (stmt, 9),
    .theme = sam_query_text (stmt, 10),
    .sectors = sam_query_text (stmt, 11),
    .target_groups = sam_query_text (stmt, 12),
    .status = sam_query_text (stmt, 13),
    .capacity = int_or (stmt, 14, -1),
    .registered = sqlite3_column_int64 (stmt, 15),
    .waitlisted = sqlite3_column_int64 (stmt, 16),
    .attended = int_or (stmt, 17, -1),
    .evaluation_score = int_or (stmt, 18, -1),
    .evaluation_comment = sam_query_text (stmt, 19),
  };

  return ((SamSeminarRowFunc) s->func) (&row, s->user_data, error);
}

/* Calls @func for each seminar in scope, by start and id, with its
 * registrations summed. Participant names are never read. */
gboolean
sam_report_data_foreach_seminar (SamStore              *store,
                                 const SamReportQuery  *query,
                                 SamSeminarRowFunc      func,
                                 gpointer               user_data,
                                 GError               **error)
{
  Streaming st = { func, user_data };
  g_autofree char *sql = g_strdup_printf (
    "SELECT s.id, s.title, f.name, f.kind, s.starts_at, s.ends_at, s.place, s.online, org.name, act.title, s.theme, "
    LIST ("c.name", "seminar_sector", "seminar_id", "JOIN sector c ON c.id = x.sector_id") ", "
    LIST ("t.name", "seminar_target_group", "seminar_id", "JOIN target_group t ON t.id = x.target_group_id") ", "
    "s.status, s.capacity, "
    "(SELECT coalesce(sum(participants), 0) FROM registration WHERE seminar_id = s.id AND NOT waitlisted), "
    "(SELECT coalesce(sum(participants), 0) FROM registration WHERE seminar_id = s.id AND waitlisted), "
    "(SELECT sum(attended) FROM registration WHERE seminar_id = s.id), "
    "s.evaluation_score, s.evaluation_comment "
    "FROM seminar s JOIN seminar_format f ON f.id = s.format_id "
    "LEFT JOIN agency org ON org.id = s.organiser_id LEFT JOIN activity act ON act.id = s.activity_id "
    "WHERE %s ORDER BY coalesce(s.starts_at, ''), s.id",
    "s", "s", sam_scope_seminar_sql (query->scope));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  return (stmt = prepare (store, sql, query, error)) != NULL
         && sam_query_run (store, stmt, seminar_row_cb, &st, error);
}

static gboolean
participation_row_cb (sqlite3_stmt  *stmt,
                      gpointer       user_data,
                      GError       **error)
{
  Streaming *s = user_data;
  SamParticipationRow row = {
    .seminar_id = sqlite3_column_int64 (stmt, 0),
    .seminar = sam_query_text (stmt, 1),
    .starts_at = sam_query_text (stmt, 2),
    .sector = sam_query_text (stmt, 3),
    .registered = sqlite3_column_int64 (stmt, 4),
    .waitlisted = sqlite3_column_int64 (stmt, 5),
    .attended = int_or (stmt, 6, -1),
  };

  return ((SamParticipationRowFunc) s->func) (&row, s->user_data, error);
}

/* Calls @func for each seminar in scope and sector its registrations gave,
 * with the participants registered, on the waiting list and attending. */
gboolean
sam_report_data_foreach_participation (SamStore                *store,
                                       const SamReportQuery    *query,
                                       SamParticipationRowFunc  func,
                                       gpointer                 user_data,
                                       GError                 **error)
{
  Streaming st = { func, user_data };
  g_autofree char *sql = g_strdup_printf (
    "SELECT s.id, s.title, s.starts_at, c.name, "
    "coalesce(sum(r.participants) FILTER (WHERE NOT r.waitlisted), 0), "
    "coalesce(sum(r.participants) FILTER (WHERE r.waitlisted), 0), sum(r.attended) "
    "FROM registration r JOIN seminar s ON s.id = r.seminar_id LEFT JOIN sector c ON c.id = r.sector_id "
    "WHERE %s GROUP BY s.id, r.sector_id "
    "ORDER BY coalesce(s.starts_at, ''), s.id, c.name IS NULL, c.name COLLATE NOCASE",
    sam_scope_seminar_sql (query->scope));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  return (stmt = prepare (store, sql, query, error)) != NULL
         && sam_query_run (store, stmt, participation_row_cb, &st, error);
}
