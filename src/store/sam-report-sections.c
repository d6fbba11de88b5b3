#define G_LOG_DOMAIN "sam-report-data"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sam-closing-private.h"
#include "sam-coordination.h"
#include "sam-figures.h"
#include "sam-query-private.h"
#include "sam-report-data-private.h"
#include "core/sam-enums.h"

/* What the report's Summary narrative, Obligations, Knowledge gaps and
 * Follow-up sheets show, read from the store. Small lists come back as
 * arrays; the Follow-up's activity lists stream. Every status is judged by
 * the rules of sam-figures.h. */

static SamStmt *
prepare (SamStore              *store,
         const char            *sql,
         const SamReportQuery  *query,
         GError               **error)
{
  SamStmt *stmt = sam_query_prepare (store, sql, query->scope, error);

  if (stmt == NULL)
    return NULL;
  sam_query_bind_text (stmt, ":period", query->period ? query->period->code : NULL);
  sam_query_bind_text (stmt, ":period_start", query->period ? query->period->start_date : NULL);
  return stmt;
}

static gint64
int_or (SamStmt *stmt,
        int           column,
        gint64        fallback)
{
  return sam_stmt_column_is_null (stmt, column) ? fallback : sam_stmt_column_int (stmt, column);
}

/* Frozen lists (see sam-report-data-private.h) */

/* How many columns closed_row holds (c0…c12). */
#define N_CLOSED_COLUMNS 13

/* What a frozen row is of, for a report's scope. */
typedef enum
{
  KEY_NONE,
  KEY_ACTIVITY,
  KEY_MEASURE,
} KeyKind;

/* Returns the SQL that reads list @list as a closing froze it, in the
 * scope of @query, its first @n_columns columns as the list's reader
 * reads them from today's data, in the report's order then. */
static char *
closed_rows_sql (const SamReportQuery  *query,
                 const char            *list,
                 KeyKind                key,
                 guint                  n_columns)
{
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autofree char *in_scope = NULL;

  for (guint i = 0; i < n_columns; i++)
    g_string_append_printf (columns, "%sr.c%u", i ? ", " : "", i);
  if (key == KEY_ACTIVITY && !sam_scope_is_whole (query->scope))
    in_scope = g_strdup_printf ("r.activity_id IN (SELECT a.activity_id FROM closed_activity a "
                                "WHERE a.closing_id = :closing AND %s)", sam_scope_closed_sql (query->scope));
  else if (key == KEY_MEASURE && !sam_scope_is_whole (query->scope))
    in_scope = g_strdup_printf ("(r.measure_id IS NULL OR r.measure_id IN (SELECT m.id FROM (SELECT measure_id AS id, "
                                "focus_area_id FROM closed_measure WHERE closing_id = :closing) m WHERE %s))",
                                sam_scope_measure_sql (query->scope));
  return g_strdup_printf ("SELECT %s FROM closed_row r WHERE r.closing_id = :closing AND r.list = '%s' "
                          "AND r.english = :english AND %s ORDER BY r.position",
                          columns->str, list, in_scope ? in_scope : "TRUE");
}

/* Prepares @sql, which reads today's data, or, for a closed period, list
 * @list as it was frozen (the same columns, first @n_columns). */
static SamStmt *
prepare_list (SamStore              *store,
              const char            *sql,
              const SamReportQuery  *query,
              const char            *list,
              KeyKind                key,
              guint                  n_columns,
              GError               **error)
{
  g_autofree char *closed = query->closing ? closed_rows_sql (query, list, key, n_columns) : NULL;
  SamStmt *stmt = prepare (store, closed ? closed : sql, query, error);

  if (stmt && closed)
    sam_query_bind_int (stmt, ":closing", query->closing);
  return stmt;
}

typedef struct
{
  SamStmt    *insert;
  gint64      closing;
  const char *list;
  gboolean    english;
  gint64      position;
  KeyKind     key;
  int         key_column;   /* of the rows copied */
} Freezing;

#define INSERT_ROW \
  "INSERT INTO closed_row (closing_id, list, english, position, activity_id, measure_id, c0, c1, c2, c3, c4, " \
  "c5, c6, c7, c8, c9, c10, c11, c12) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

/* Stores one row of @f's list: @texts (@n_texts of them) and what it is
 * of, @key (0: nothing). */
static gboolean
insert_row (Freezing            *f,
            const char * const  *texts,
            guint                n_texts,
            gint64               key,
            GError             **error)
{
  SamStmt *s = f->insert;
  int pos = 1;

  sam_stmt_bind_int (s, pos++, f->closing);
  sam_stmt_bind_text (s, pos++, f->list);
  sam_stmt_bind_int (s, pos++, f->english);
  sam_stmt_bind_int (s, pos++, f->position++);
  for (KeyKind k = KEY_ACTIVITY; k <= KEY_MEASURE; k++)
    if (f->key == k && key != 0)
      sam_stmt_bind_int (s, pos++, key);
    else
      sam_stmt_bind_null (s, pos++);
  for (guint i = 0; i < N_CLOSED_COLUMNS; i++)
    sam_stmt_bind_text (s, pos++, i < n_texts ? texts[i] : NULL);
  return sam_stmt_run (s, error);
}

static gboolean
copy_row_cb (SamStmt       *stmt,
             gpointer       user_data,
             GError       **error)
{
  Freezing *f = user_data;
  const char *texts[N_CLOSED_COLUMNS] = { NULL };
  guint n = MIN ((guint) sam_stmt_column_count (stmt), N_CLOSED_COLUMNS);

  for (guint i = 0; i < n; i++)
    texts[i] = sam_stmt_column_text (stmt, i);
  return insert_row (f, texts, n, f->key == KEY_NONE ? 0 : sam_stmt_column_int (stmt, f->key_column), error);
}

/* Freezes list @list: the rows @sql reads from today's data for @query. */
static gboolean
freeze_list (SamStore              *store,
             Freezing              *f,
             const SamReportQuery  *query,
             const char            *list,
             const char            *sql,
             KeyKind                key,
             int                    key_column,
             GError               **error)
{
  SamStmt *stmt = prepare (store, sql, query, error);

  f->list = list;
  f->position = 0;
  f->key = key;
  f->key_column = key_column;
  return stmt != NULL && sam_query_run (store, stmt, copy_row_cb, f, error);
}

/* Each activity's facts as at the report's period (sam-figures.h), kept
 * for the lists below, which show an activity as the period's figures
 * count it. */
typedef struct
{
  SamStatus  status;
  gint64     progress;
  char      *due_date;
  char      *comment;
  gboolean   has_change;
  gint64     progress_change;
  gboolean   unreported;   /* not reported in the period by the rules */
  gint64     update_id;    /* the update they come from; 0: none */
} AsAt;

static void
as_at_free (gpointer data)
{
  AsAt *a = data;

  g_free (a->due_date);
  g_free (a->comment);
  g_free (a);
}

typedef struct
{
  GHashTable      *table;   /* activity id → AsAt */
  const SamPeriod *period;
} AsAtReading;

static gboolean
add_as_at_cb (const SamActivityFactsRow  *row,
              gpointer                    user_data,
              GError                    **error)
{
  AsAtReading *r = user_data;
  AsAt *a = g_new0 (AsAt, 1);

  a->status = sam_facts_status (&row->facts);
  a->progress = row->facts.progress;
  a->due_date = g_strdup (row->facts.due_date);
  a->comment = g_strdup (row->facts.comment);
  a->has_change = row->facts.has_change;
  a->progress_change = row->facts.progress_change;
  a->unreported = r->period && sam_facts_is_unreported (&row->facts, r->period);
  a->update_id = row->facts.update_id;
  g_hash_table_insert (r->table, g_memdup2 (&row->id, sizeof row->id), a);
  return TRUE;
}

/* Returns the facts as at @query's period of the activities in its scope,
 * by id; NULL with a SamStoreError. */
static GHashTable *
read_as_at (SamStore              *store,
            const SamReportQuery  *query,
            GError               **error)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, as_at_free);
  AsAtReading reading = { table, query->period };

  if (!sam_figures_foreach (store, query->scope, query->period, query->today, add_as_at_cb, &reading, error))
    return NULL;
  return g_steal_pointer (&table);
}

/* The facts as at the report's period: the report's shared snapshot of
 * them (sam_report_data_facts()) for today's data, else read here. */
typedef struct
{
  SamFactsSnapshot *facts;   /* the snapshot, or NULL and: */
  GHashTable       *table;   /* activity id → AsAt */
  const SamPeriod  *period;
} AsAtSource;

static gboolean
as_at_open (SamStore              *store,
            const SamReportQuery  *query,
            AsAtSource            *source,
            GError               **error)
{
  *source = (AsAtSource) { NULL, NULL, query->period };
  if (!query->closing && !sam_report_data_facts (store, query, query->period, &source->facts, error))
    return FALSE;
  return source->facts != NULL || (source->table = read_as_at (store, query, error)) != NULL;
}

static void
as_at_close (AsAtSource *source)
{
  g_clear_pointer (&source->facts, sam_facts_snapshot_unref);
  g_clear_pointer (&source->table, g_hash_table_unref);
}

/* Fills @a with activity @id's facts as at the period, its strings
 * borrowed from @source; with no comment when they come from the snapshot
 * (a->update_id says whose it is). FALSE when the activity is not in
 * scope. */
static gboolean
as_at_find (AsAtSource *source,
            gint64      id,
            AsAt       *a)
{
  SamActivityFactsRow row;
  const AsAt *found;

  if (source->table)
    {
      if ((found = g_hash_table_lookup (source->table, &id)) != NULL)
        *a = *found;
      return found != NULL;
    }
  if (!sam_facts_snapshot_lookup (source->facts, id, &row))
    return FALSE;
  *a = (AsAt) {
    sam_facts_status (&row.facts), row.facts.progress, (char *) row.facts.due_date, NULL, row.facts.has_change,
    row.facts.progress_change, source->period && sam_facts_is_unreported (&row.facts, source->period),
    row.facts.update_id,
  };
  return TRUE;
}

/* Latest comments */

void
sam_comment_row_free (gpointer data)
{
  SamCommentRow *c = data;

  g_free (c->activity);
  g_free (c->period);
  g_free (c->comment);
  g_free (c);
}

gboolean
sam_report_data_comment_row_cb (SamStmt  *stmt,
                                gpointer  user_data,
                                GError  **error)
{
  SamCommentRow *c = g_new0 (SamCommentRow, 1);

  c->measure_id = sam_stmt_column_int (stmt, 0);
  c->activity = g_strdup (sam_stmt_column_text (stmt, 1));
  c->period = g_strdup (sam_stmt_column_text (stmt, 2));
  c->comment = g_strdup (sam_stmt_column_text (stmt, 3));
  g_ptr_array_add (user_data, c);
  return TRUE;
}

/* Returns, per measure, the @per_measure latest non-empty status comments
 * of the activities in scope up to the report's period, latest first, as
 * SamCommentRow; NULL with a SamStoreError. */
GPtrArray *
sam_report_data_latest_comments (SamStore              *store,
                                 const SamReportQuery  *query,
                                 guint                  per_measure,
                                 GError               **error)
{
  g_autoptr(GPtrArray) comments = g_ptr_array_new_with_free_func (sam_comment_row_free);
  g_autofree char *sql = g_strdup_printf (
    "SELECT measure_id, title, code, comment FROM (SELECT p.measure_id, a.title, rp.code, su.comment, "
    "  row_number () OVER (PARTITION BY p.measure_id ORDER BY coalesce(rp.start_date, '') DESC, "
    "    coalesce(su.reported_at, '') DESC, su.id DESC) AS n "
    "  FROM status_update su CROSS JOIN activity a ON a.id = su.activity_id "
    "  CROSS JOIN plan p ON p.id = a.plan_id LEFT JOIN reporting_period rp ON rp.id = su.period_id "
    "  WHERE trim(coalesce(su.comment, '')) <> '' "
    "  AND (CAST(:period_start AS TEXT) IS NULL OR coalesce(rp.start_date, '') <= :period_start) AND %s) AS recent "
    "WHERE n <= :n ORDER BY measure_id, n", sam_scope_activity_sql (query->scope));
  SamStmt *stmt;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  if (query->closing)
    return sam_closing_read_comments (store, query->closing, query->scope, per_measure, error);
  if (!(stmt = prepare (store, sql, query, error)))
    return NULL;
  sam_query_bind_int (stmt, ":n", per_measure);
  if (!sam_query_run (store, stmt, sam_report_data_comment_row_cb, comments, error))
    return NULL;
  return g_steal_pointer (&comments);
}

/* Obligations */

static void
obligation_activity_free (gpointer data)
{
  SamObligationActivity *a = data;

  g_free (a->title);
  g_free (a->status);
  g_free (a->comment);
  g_free (a);
}

static void
obligation_free (gpointer data)
{
  SamObligation *o = data;

  g_free (o->source);
  g_free (o->reference);
  g_free (o->title);
  g_array_unref (o->measure_ids);
  g_ptr_array_unref (o->activities);
  g_free (o);
}

static gboolean
add_obligation_cb (SamStmt       *stmt,
                   gpointer       user_data,
                   GError       **error)
{
  SamObligation *o = g_new0 (SamObligation, 1);

  o->id = sam_stmt_column_int (stmt, 0);
  o->source = g_strdup (sam_stmt_column_text (stmt, 1));
  o->reference = g_strdup (sam_stmt_column_text (stmt, 2));
  o->title = g_strdup (sam_stmt_column_text (stmt, 3));
  o->measure_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  o->activities = g_ptr_array_new_with_free_func (obligation_activity_free);
  g_ptr_array_add (user_data, o);
  return TRUE;
}

static SamObligation *
find_obligation (GPtrArray *obligations,
                 gint64     id)
{
  for (guint i = 0; i < obligations->len; i++)
    if (((SamObligation *) obligations->pdata[i])->id == id)
      return obligations->pdata[i];
  return NULL;
}

static gboolean
add_obligation_measure_cb (SamStmt       *stmt,
                           gpointer       user_data,
                           GError       **error)
{
  SamObligation *o = find_obligation (user_data, sam_stmt_column_int (stmt, 0));
  gint64 measure_id = sam_stmt_column_int (stmt, 1);

  if (o)
    g_array_append_val (o->measure_ids, measure_id);
  return TRUE;
}

typedef struct
{
  GPtrArray  *obligations;
  AsAtSource *as_at;
  SamStmt    *comment;     /* an update's comment, by its id (:id) */
} ObligationReading;

/* Sets *@comment to that of status update @update_id, or NULL. */
static gboolean
read_comment (ObligationReading  *r,
              gint64              update_id,
              char              **comment,
              GError            **error)
{
  SamStep step;

  sam_stmt_reset (r->comment);
  sam_stmt_bind_int (r->comment, sam_stmt_param_index (r->comment, ":id"), update_id);
  if ((step = sam_stmt_step (r->comment, error)) == SAM_STEP_ERROR)
    return FALSE;
  *comment = step == SAM_STEP_ROW ? g_strdup (sam_stmt_column_text (r->comment, 0)) : NULL;
  return TRUE;
}

static gboolean
add_obligation_activity_cb (SamStmt       *stmt,
                            gpointer       user_data,
                            GError       **error)
{
  ObligationReading *r = user_data;
  SamObligation *o = find_obligation (r->obligations, sam_stmt_column_int (stmt, 0));
  gint64 id = sam_stmt_column_int (stmt, 1);
  AsAt as_at;
  SamObligationActivity *a;

  if (o == NULL || !as_at_find (r->as_at, id, &as_at))
    return TRUE;
  a = g_new0 (SamObligationActivity, 1);
  a->id = id;
  a->measure_id = sam_stmt_column_int (stmt, 2);
  a->title = g_strdup (sam_stmt_column_text (stmt, 3));
  a->status = g_strdup (sam_status_values[as_at.status].nick);
  a->progress = as_at.progress;
  a->comment = g_strdup (as_at.comment);
  a->has_change = as_at.has_change;
  a->progress_change = as_at.progress_change;
  g_ptr_array_add (o->activities, a);
  return a->comment != NULL || as_at.update_id == 0 || r->as_at->table != NULL
         || read_comment (r, as_at.update_id, &a->comment, error);
}

/* The convention's articles first, then GRETA's recommendations, then any
 * other source; within each by the first number of the reference
 * ("Artikkel 5" before "Artikkel 26"), then the reference, then id. */
static guint
source_rank (const char *source)
{
  return g_strcmp0 (source, "convention") == 0 ? 0 : g_strcmp0 (source, "greta") == 0 ? 1 : 2;
}

static gint64
first_number (const char *text)
{
  for (const char *p = text; p && *p; p++)
    if (g_ascii_isdigit (*p))
      return g_ascii_strtoll (p, NULL, 10);
  return G_MAXINT64;
}

static gint
compare_obligations (gconstpointer a,
                     gconstpointer b)
{
  const SamObligation *x = *(SamObligation * const *) a, *y = *(SamObligation * const *) b;
  gint64 nx = first_number (x->reference), ny = first_number (y->reference);
  int c;

  if (source_rank (x->source) != source_rank (y->source))
    return source_rank (x->source) < source_rank (y->source) ? -1 : 1;
  if (nx != ny)
    return nx < ny ? -1 : 1;
  if ((c = g_strcmp0 (x->reference, y->reference)) != 0)
    return c;
  return x->id < y->id ? -1 : x->id > y->id;
}

#define OBLIGATIONS_SQL "SELECT id, source, reference, title FROM obligation ORDER BY id"

static char *
obligation_measures_sql (const SamReportQuery *query)
{
  return g_strdup_printf (
    "SELECT om.obligation_id, om.measure_id FROM obligation_measure om JOIN measure m ON m.id = om.measure_id "
    "WHERE %s ORDER BY om.obligation_id, om.position, om.measure_id", sam_scope_measure_sql (query->scope));
}

static char *
obligation_activities_sql (const SamReportQuery *query)
{
  return g_strdup_printf (
    "SELECT oa.obligation_id, a.id, p.measure_id, a.title FROM obligation_activity oa "
    "JOIN activity a ON a.id = oa.activity_id JOIN plan p ON p.id = a.plan_id "
    "WHERE %s ORDER BY oa.obligation_id, oa.position, a.id", sam_scope_activity_sql (query->scope));
}

/* Returns the obligations in the order of the convention and GRETA's
 * recommendations, each with the measures it names (in scope) and the
 * activities in scope it names with their status, progress, latest
 * comment and change up to the report's period; NULL with a
 * SamStoreError. */
GPtrArray *
sam_report_data_obligations (SamStore              *store,
                             const SamReportQuery  *query,
                             GError               **error)
{
  g_autoptr(GPtrArray) obligations = g_ptr_array_new_with_free_func (obligation_free);
  g_autofree char *measures_sql = obligation_measures_sql (query);
  g_autofree char *activities_sql = obligation_activities_sql (query);
  AsAtSource as_at;
  ObligationReading reading = { obligations, &as_at, NULL };
  SamStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  /* Each activity's status, progress and comment as at the period. */
  if (!as_at_open (store, query, &as_at, error))
    return NULL;
  ok = (as_at.table != NULL
        || (reading.comment = sam_query_prepare (store, "SELECT comment FROM status_update WHERE id = :id",
                                                 NULL, error)) != NULL)
       && (stmt = prepare_list (store, OBLIGATIONS_SQL, query, "obligations", KEY_NONE, 4, error)) != NULL
       && sam_query_run (store, stmt, add_obligation_cb, obligations, error)
       && (stmt = prepare_list (store, measures_sql, query, "obligation_measures", KEY_MEASURE, 2, error)) != NULL
       && sam_query_run (store, stmt, add_obligation_measure_cb, obligations, error)
       && (stmt = prepare_list (store, activities_sql, query, "obligation_activities", KEY_ACTIVITY, 4, error)) != NULL
       && sam_query_run (store, stmt, add_obligation_activity_cb, &reading, error);
  g_clear_pointer (&reading.comment, sam_stmt_free);
  as_at_close (&as_at);
  if (!ok)
    return NULL;
  g_ptr_array_sort (obligations, compare_obligations);
  return g_steal_pointer (&obligations);
}

/* Knowledge gaps and goals */

static void
project_free (gpointer data)
{
  SamProjectRow *p = data;

  g_free (p->title);
  g_free (p->lead);
  g_free (p->due_date);
  g_free (p->status);
  g_free (p);
}

static void
gap_free (gpointer data)
{
  SamGapRow *g = data;

  g_free (g->title);
  g_ptr_array_unref (g->projects);
  g_free (g);
}

static gboolean
add_gap_cb (SamStmt       *stmt,
            gpointer       user_data,
            GError       **error)
{
  GPtrArray *gaps = user_data;
  gint64 id = sam_stmt_column_int (stmt, 0);
  SamGapRow *g = gaps->len > 0 ? gaps->pdata[gaps->len - 1] : NULL;

  if (g == NULL || g->id != id)
    {
      g = g_new0 (SamGapRow, 1);
      g->id = id;
      g->measure_number = int_or (stmt, 1, -1);
      g->number = int_or (stmt, 2, -1);
      g->title = g_strdup (sam_stmt_column_text (stmt, 3));
      g->projects = g_ptr_array_new_with_free_func (project_free);
      g_ptr_array_add (gaps, g);
    }
  if (!sam_stmt_column_is_null (stmt, 4))
    {
      SamProjectRow *p = g_new0 (SamProjectRow, 1);

      p->title = g_strdup (sam_stmt_column_text (stmt, 4));
      p->lead = g_strdup (sam_stmt_column_text (stmt, 5));
      p->due_date = g_strdup (sam_stmt_column_text (stmt, 6));
      p->status = g_strdup (sam_stmt_column_text (stmt, 7));
      g_ptr_array_add (g->projects, p);
    }
  return TRUE;
}

/* The knowledge gaps and their projects, a row per project (or one with
 * none), with the gap's measure's id last (for freezing). */
static char *
gaps_sql (const SamReportQuery *query)
{
  return g_strdup_printf (
    "SELECT k.id, m.number, k.number, k.title, r.title, " SAM_NAME ("g") ", r.due_date, r.status, m.id "
    "FROM knowledge_gap k LEFT JOIN measure m ON m.id = k.measure_id "
    "LEFT JOIN rd_project_gap x ON x.gap_id = k.id LEFT JOIN rd_project r ON r.id = x.rd_project_id "
    "LEFT JOIN agency g ON g.id = r.lead_agency_id "
    "WHERE m.id IS NULL OR %s "
    "ORDER BY m.number IS NULL, m.number, k.number IS NULL, k.number, k.id, x.position, r.id",
    sam_scope_measure_sql (query->scope));
}

/* Returns the knowledge gaps of the measures in scope (and those of no
 * measure), by measure and number, each with its R&D projects; NULL with a
 * SamStoreError. */
GPtrArray *
sam_report_data_gaps (SamStore              *store,
                      const SamReportQuery  *query,
                      GError               **error)
{
  g_autoptr(GPtrArray) gaps = g_ptr_array_new_with_free_func (gap_free);
  g_autofree char *sql = gaps_sql (query);
  SamStmt *stmt;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  if (!(stmt = prepare_list (store, sql, query, "gaps", KEY_MEASURE, 8, error))
      || !sam_query_run (store, stmt, add_gap_cb, gaps, error))
    return NULL;
  return g_steal_pointer (&gaps);
}

static void
goal_free (gpointer data)
{
  SamGoalRow *g = data;

  g_free (g->measure);
  g_free (g->text);
  g_free (g);
}

static gboolean
add_goal_cb (SamStmt       *stmt,
             gpointer       user_data,
             GError       **error)
{
  SamGoalRow *g = g_new0 (SamGoalRow, 1);

  g->measure_number = sam_stmt_column_int (stmt, 0);
  g->measure = g_strdup (sam_stmt_column_text (stmt, 1));
  g->text = g_strdup (sam_stmt_column_text (stmt, 2));
  g_ptr_array_add (user_data, g);
  return TRUE;
}

/* The goals, with their measure's id last (for freezing). */
static char *
goals_sql (const SamReportQuery *query)
{
  return g_strdup_printf (
    "SELECT m.number, " SAM_TITLE ("m") ", o.text, m.id FROM goal o JOIN measure m ON m.id = o.measure_id "
    "LEFT JOIN focus_area f ON f.id = m.focus_area_id WHERE %s "
    "ORDER BY f.number, f.id, m.number, m.id, o.position, o.id", sam_scope_measure_sql (query->scope));
}

/* Returns the goals of the measures in scope, by measure and position;
 * NULL with a SamStoreError. */
GPtrArray *
sam_report_data_goals (SamStore              *store,
                       const SamReportQuery  *query,
                       GError               **error)
{
  g_autoptr(GPtrArray) goals = g_ptr_array_new_with_free_func (goal_free);
  g_autofree char *sql = goals_sql (query);
  SamStmt *stmt;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  if (!(stmt = prepare_list (store, sql, query, "goals", KEY_MEASURE, 3, error))
      || !sam_query_run (store, stmt, add_goal_cb, goals, error))
    return NULL;
  return g_steal_pointer (&goals);
}

/* Findings of the checks */

static void
finding_free (gpointer data)
{
  SamFindingRow *f = data;

  g_free (f->subject);
  g_free (f);
}

/* Fills in the name of each record a finding asks for (the keys already
 * in the table, with NULL values); the others are not kept, so that the
 * names of 100,000 activities never are. */
static gboolean
add_name_cb (SamStmt       *stmt,
             gpointer       user_data,
             GError       **error)
{
  gint64 id = sam_stmt_column_int (stmt, 0);
  gpointer key;

  if (g_hash_table_lookup_extended (user_data, &id, &key, NULL))
    g_hash_table_insert (user_data, g_memdup2 (&id, sizeof id), g_strdup (sam_stmt_column_text (stmt, 1)));
  return TRUE;
}

/* The names of the records of @kind that findings concern, in the
 * store's language, keyed by id; for activities only those in scope. */
static GHashTable *
read_names (SamStore              *store,
            const SamReportQuery  *query,
            GPtrArray             *results,
            SamKind                kind,
            GError               **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autofree char *sql = NULL;

  for (guint i = 0; i < results->len; i++)
    {
      const SamCheckResult *r = results->pdata[i];

      if (r->kind == kind && !g_str_equal (r->check_id, SAM_CHECK_ACTIVITY_NO_LEAD))
        g_hash_table_insert (names, g_memdup2 (&r->id, sizeof r->id), NULL);
    }
  if (g_hash_table_size (names) == 0)
    return g_steal_pointer (&names);

  switch (kind)
    {
    case SAM_KIND_ACTIVITY:
      sql = g_strdup_printf ("SELECT a.id, a.title FROM activity a WHERE %s", sam_scope_activity_sql (query->scope));
      break;
    case SAM_KIND_AGENCY:
      sql = g_strdup_printf ("SELECT g.id, " SAM_NAME ("g") " FROM agency g WHERE %s",
                             sam_scope_agency_sql (query->scope));
      break;
    case SAM_KIND_TARGET_GROUP:
      sql = g_strdup ("SELECT t.id, " SAM_NAME ("t") " FROM target_group t");
      break;
    case SAM_KIND_KNOWLEDGE_GAP:
      sql = g_strdup_printf ("SELECT k.id, k.title FROM knowledge_gap k LEFT JOIN measure m ON m.id = k.measure_id "
                             "WHERE m.id IS NULL OR %s", sam_scope_measure_sql (query->scope));
      break;
    default:
      return g_steal_pointer (&names);
    }
  if (!sam_query_foreach (store, sql, query->scope, add_name_cb, names, error))
    return NULL;
  return g_steal_pointer (&names);
}

/* Returns the findings of `samordna check` (sam_coordination_run_checks())
 * about what is in the report's scope, each with the name of what it
 * concerns in the store's language, as SamFindingRow; target groups and
 * knowledge gaps only in reports on the whole strategy or part of its
 * measures. The activities that name no lead are left out: the Follow-up
 * sheet lists them apart. @message_flags, when not NULL, are those
 * sam_coordination_message_flags() found for @query's scope as at its day,
 * which the checks take when that is the whole strategy today. NULL with
 * a SamStoreError. */
GPtrArray *
sam_report_data_findings (SamStore              *store,
                          const SamReportQuery  *query,
                          GPtrArray             *message_flags,
                          GError               **error)
{
  g_autofree char *today = sam_today ();
  static const SamKind kinds[] = { SAM_KIND_ACTIVITY, SAM_KIND_AGENCY, SAM_KIND_TARGET_GROUP,
                                   SAM_KIND_KNOWLEDGE_GAP };
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (finding_free);
  GHashTable *names[G_N_ELEMENTS (kinds)] = { NULL };
  /* The checks whose findings the report leaves out, and which it need
   * not run then: those that name no lead in any report (the Follow-up
   * lists them apart), those about target groups and knowledge gaps in an
   * agency's or a ministry's. */
  static const char *const left_out[] = { SAM_CHECK_ACTIVITY_NO_LEAD, NULL };
  static const char *const left_out_by_agency[] = { SAM_CHECK_ACTIVITY_NO_LEAD, SAM_CHECK_TARGET_GROUP_UNREACHED,
                                                    SAM_CHECK_MIXED_MESSAGES, SAM_CHECK_KNOWLEDGE_GAP_UNADDRESSED,
                                                    NULL };
  gboolean by_agency = query->scope && (query->scope->kind == SAM_SCOPE_AGENCY
                                        || query->scope->kind == SAM_SCOPE_MINISTRY);
  gboolean ok = TRUE;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  if (!sam_scope_is_whole (query->scope) || g_strcmp0 (query->today, today) != 0)
    message_flags = NULL;
  if (!(results = sam_coordination_run_checks_with (store, message_flags, by_agency ? left_out_by_agency : left_out,
                                                    error)))
    return NULL;
  for (guint k = 0; k < G_N_ELEMENTS (kinds) && ok; k++)
    ok = (names[k] = read_names (store, query, results, kinds[k], error)) != NULL;
  for (guint i = 0; i < results->len && ok; i++)
    {
      const SamCheckResult *r = results->pdata[i];
      const char *name = NULL;
      SamFindingRow *f;

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        if (kinds[k] == r->kind)
          name = g_hash_table_lookup (names[k], &r->id);
      if (name == NULL)
        continue;
      f = g_new0 (SamFindingRow, 1);
      f->check_id = r->check_id;
      f->severity = r->severity;
      f->kind = r->kind;
      f->subject = g_strdup (name);
      g_ptr_array_add (findings, f);
    }
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    g_clear_pointer (&names[k], g_hash_table_unref);
  return ok ? g_steal_pointer (&findings) : NULL;
}

/* The Follow-up's lists */

/* Each agency's nearest ministry up its parents, itself included; a loop
 * of parents (which the store refuses) ends after 64 steps. */
#define MINISTRY_OF \
  "RECURSIVE up (agency_id, at, depth) AS (SELECT id, id, 0 FROM agency " \
  "  UNION ALL SELECT up.agency_id, g.parent_id, up.depth + 1 FROM up JOIN agency g ON g.id = up.at " \
  "  WHERE coalesce(g.kind, '') <> 'ministry' AND g.parent_id IS NOT NULL AND up.depth < 64), " \
  "ministry_of (agency_id, ministry_id) AS (SELECT up.agency_id, g.id FROM up JOIN agency g ON g.id = up.at " \
  "  WHERE g.kind = 'ministry') "

/* The ministries an activity without a lead answers to by sector
 * responsibility, "HOD (Helse- og omsorgstjenester)", "; " between, as
 * SQL in @store's dialect. */
static char *
sector_duty_sql (SamStore *store)
{
  g_autofree char *duties = sam_store_string_agg (store, "duty", "'; '");
  g_autofree char *sectors = sam_store_string_agg (store, "n", "', '");

  return g_strdup_printf (
    "(SELECT %s FROM (SELECT coalesce(g.short_name, " SAM_NAME ("g") ") || ' (' || "
    "  (SELECT %s FROM (SELECT " SAM_NAME ("t2") " AS n FROM activity_sector y2 "
    "   JOIN sector t2 ON t2.id = y2.sector_id WHERE y2.activity_id = a.id AND t2.ministry_id = g.id "
    "   ORDER BY y2.position, y2.sector_id) names) || ')' AS duty, min(y.position) AS first FROM activity_sector y "
    "  JOIN sector t ON t.id = y.sector_id JOIN agency g ON g.id = t.ministry_id "
    "  WHERE y.activity_id = a.id GROUP BY g.id ORDER BY first, g.id) duties)", duties, sectors);
}

typedef struct
{
  SamFollowUpRowFunc func;
  gpointer           user_data;
} FollowUp;

/* A row of the list of those without a lead, or of a closed period's
 * lists as they were frozen: each kept while live by its status. */

static gboolean
follow_up_cb (SamStmt       *stmt,
              gpointer       user_data,
              GError       **error)
{
  FollowUp *f = user_data;
  SamActivityFacts facts = {
    .status = sam_stmt_column_text (stmt, 6),
    .due_date = sam_stmt_column_text (stmt, 8),
  };
  SamFollowUpRow row = {
    .ministry = sam_stmt_column_text (stmt, 0),
    .agency = sam_stmt_column_text (stmt, 1),
    .contact = sam_stmt_column_text (stmt, 2),
    .id = sam_stmt_column_int (stmt, 3),
    .measure_number = sam_stmt_column_int (stmt, 4),
    .title = sam_stmt_column_text (stmt, 5),
    .status = sam_status_values[sam_facts_status (&facts)].nick,
    .due_date = facts.due_date,
    .sector_duty = sam_stmt_column_text (stmt, 12),
  };

  if (!sam_facts_is_live (&facts))
    return TRUE;
  return f->func (&row, f->user_data, error);
}

/* The activities of the Follow-up's lists, in their order: all of them
 * (@unreported; the columns a closed period froze, which today's data
 * lists with foreach_unreported_sorted()) or those with no lead, with the
 * ministries that answer for them. */
static char *
follow_up_sql (SamStore              *store,
               const SamReportQuery  *query,
               gboolean               unreported)
{
  const char *nocase = sam_store_sql (store, SAM_SQL_NOCASE);
  g_autofree char *duty = unreported ? g_strdup ("NULL") : sector_duty_sql (store);

  return g_strdup_printf (
    "WITH " MINISTRY_OF
    "SELECT " SAM_NAME ("mi") ", " SAM_NAME ("lead") ", lead.contact, a.id, m.number, a.title, a.status, "
    "a.start_date, a.due_date, p.start_date, p.end_date, NULL, %s "
    "FROM activity a JOIN plan p ON p.id = a.plan_id JOIN measure m ON m.id = p.measure_id "
    "LEFT JOIN agency lead ON lead.id = a.lead_agency_id "
    "LEFT JOIN ministry_of mo ON mo.agency_id = a.lead_agency_id LEFT JOIN agency mi ON mi.id = mo.ministry_id "
    "WHERE %s AND %s "
    "ORDER BY lead.id IS NULL, mi.id IS NULL, " SAM_NAME ("mi") " %s, mi.id, "
    SAM_NAME ("lead") " %s, lead.id, m.number, a.id",
    duty, unreported ? "1 = 1" : "a.lead_agency_id IS NULL", sam_scope_activity_sql (query->scope), nocase, nocase);
}

/* The columns follow_up_cb() reads. */
#define N_FOLLOW_UP_COLUMNS 13

/* The unreported list, sorted here: of every activity in scope only those
 * the facts say were not reported are kept, and they are sorted by integer
 * ranks the store's collation gave the ministries, agencies and measure
 * numbers, read once; SQL sorting every activity by names cost more than
 * the rest of the list and spilled to temporary files at 100,000. */

typedef struct
{
  char   *name;
  char   *contact;
  gint64  ministry_id;   /* 0: under no ministry */
  guint   ministry;      /* its ministry's index + 1; 0: none */
} RankedAgency;

typedef struct
{
  gint64       id;
  gint64       measure_number;
  const char  *title;          /* in Unreported.titles */
  guint        lead;           /* index + 1 in Unreported.agencies; 0: none */
  guint        ministry;       /* likewise */
  guint        measure_rank;   /* of its measure's number */
} UnreportedEntry;

typedef struct
{
  GArray       *agencies;      /* RankedAgency, in the lists' order of names */
  GHashTable   *agency_at;     /* agency id → index + 1 */
  GHashTable   *measure_rank;  /* measure id → rank of its number */
  gboolean      have_number;   /* while ranking: the previous measure's number */
  gboolean      number_null;
  gint64        number;
  guint         rank;
  AsAtSource   *as_at;
  GArray       *entries;       /* UnreportedEntry */
  GStringChunk *titles;
} Unreported;

static void
ranked_agency_clear (gpointer data)
{
  RankedAgency *g = data;

  g_free (g->name);
  g_free (g->contact);
}

static void
unreported_clear (Unreported *u)
{
  g_clear_pointer (&u->agencies, g_array_unref);
  g_clear_pointer (&u->agency_at, g_hash_table_unref);
  g_clear_pointer (&u->measure_rank, g_hash_table_unref);
  g_clear_pointer (&u->entries, g_array_unref);
  g_clear_pointer (&u->titles, g_string_chunk_free);
}

static guint
lookup_index (GHashTable *table,
              gint64      id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, &id));
}

static void
insert_index (GHashTable *table,
              gint64      id,
              guint       index)
{
  g_hash_table_insert (table, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (index));
}

static gboolean
rank_agency_cb (SamStmt       *stmt,
                gpointer       user_data,
                GError       **error)
{
  Unreported *u = user_data;
  RankedAgency g = {
    g_strdup (sam_stmt_column_text (stmt, 1)), g_strdup (sam_stmt_column_text (stmt, 2)),
    int_or (stmt, 3, 0), 0,
  };

  g_array_append_val (u->agencies, g);
  insert_index (u->agency_at, sam_stmt_column_int (stmt, 0), u->agencies->len);
  return TRUE;
}

/* Ranks measures by number as the store's ORDER BY does (where NULL goes
 * is the dialect's), equal numbers equal. */
static gboolean
rank_measure_cb (SamStmt       *stmt,
                 gpointer       user_data,
                 GError       **error)
{
  Unreported *u = user_data;
  gboolean null = sam_stmt_column_is_null (stmt, 1);
  gint64 number = null ? 0 : sam_stmt_column_int (stmt, 1);

  if (u->have_number && (null != u->number_null || number != u->number))
    u->rank++;
  u->have_number = TRUE;
  u->number_null = null;
  u->number = number;
  insert_index (u->measure_rank, sam_stmt_column_int (stmt, 0), u->rank);
  return TRUE;
}

/* Reads the ranks of agencies (by name, then id, as the list sorts them)
 * with each one's ministry, and of measure numbers. */
static gboolean
read_ranks (SamStore              *store,
            Unreported            *u,
            GError               **error)
{
  const char *nocase = sam_store_sql (store, SAM_SQL_NOCASE);
  g_autofree char *agencies = g_strdup_printf (
    "WITH " MINISTRY_OF "SELECT g.id, " SAM_NAME ("g") ", g.contact, mo.ministry_id FROM agency g "
    "LEFT JOIN ministry_of mo ON mo.agency_id = g.id ORDER BY " SAM_NAME ("g") " %s, g.id", nocase);

  u->agencies = g_array_new (FALSE, FALSE, sizeof (RankedAgency));
  g_array_set_clear_func (u->agencies, ranked_agency_clear);
  u->agency_at = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  u->measure_rank = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (!sam_query_foreach (store, agencies, NULL, rank_agency_cb, u, error)
      || !sam_query_foreach (store, "SELECT m.id, m.number FROM measure m ORDER BY m.number", NULL,
                             rank_measure_cb, u, error))
    return FALSE;
  for (guint i = 0; i < u->agencies->len; i++)
    {
      RankedAgency *g = &g_array_index (u->agencies, RankedAgency, i);

      g->ministry = g->ministry_id ? lookup_index (u->agency_at, g->ministry_id) : 0;
    }
  return TRUE;
}

static gboolean
keep_unreported_cb (SamStmt       *stmt,
                    gpointer       user_data,
                    GError       **error)
{
  Unreported *u = user_data;
  gint64 id = sam_stmt_column_int (stmt, 0);
  guint lead = sam_stmt_column_is_null (stmt, 1) ? 0 : lookup_index (u->agency_at, sam_stmt_column_int (stmt, 1));
  AsAt as_at;
  UnreportedEntry e;

  if (!as_at_find (u->as_at, id, &as_at) || !as_at.unreported)
    return TRUE;
  e = (UnreportedEntry) {
    id, int_or (stmt, 3, 0), g_string_chunk_insert (u->titles, sam_stmt_column_text (stmt, 4)), lead,
    lead ? g_array_index (u->agencies, RankedAgency, lead - 1).ministry : 0,
    lookup_index (u->measure_rank, sam_stmt_column_int (stmt, 2)),
  };
  g_array_append_val (u->entries, e);
  return TRUE;
}

#define CMP(a, b) ((a) < (b) ? -1 : (a) > (b))

/* The order of follow_up_sql(): those with a lead first, under a ministry
 * first; by ministry, lead, measure number, id. */
static int
compare_unreported (gconstpointer pa,
                    gconstpointer pb)
{
  const UnreportedEntry *a = pa, *b = pb;
  int c;

  if ((c = CMP (a->lead == 0, b->lead == 0)) || (c = CMP (a->ministry == 0, b->ministry == 0))
      || (c = CMP (a->ministry, b->ministry)) || (c = CMP (a->lead, b->lead))
      || (c = CMP (a->measure_rank, b->measure_rank)))
    return c;
  return CMP (a->id, b->id);
}

/* The unreported list of today's data: @as_at says which activities in
 * @query's scope to list. */
static gboolean
foreach_unreported_sorted (SamStore              *store,
                           const SamReportQuery  *query,
                           AsAtSource            *as_at,
                           SamFollowUpRowFunc     func,
                           gpointer               user_data,
                           GError               **error)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT a.id, a.lead_agency_id, m.id, m.number, a.title FROM activity a JOIN plan p ON p.id = a.plan_id "
    "JOIN measure m ON m.id = p.measure_id WHERE %s", sam_scope_activity_sql (query->scope));
  Unreported u = { .as_at = as_at };
  SamStmt *stmt;
  gboolean ok;

  u.entries = g_array_new (FALSE, FALSE, sizeof (UnreportedEntry));
  u.titles = g_string_chunk_new (64 * 1024);
  ok = read_ranks (store, &u, error)
       && (stmt = prepare (store, sql, query, error)) != NULL
       && sam_query_run (store, stmt, keep_unreported_cb, &u, error);
  if (ok)
    g_array_sort (u.entries, compare_unreported);
  for (guint i = 0; ok && i < u.entries->len; i++)
    {
      const UnreportedEntry *e = &g_array_index (u.entries, UnreportedEntry, i);
      const RankedAgency *lead = e->lead ? &g_array_index (u.agencies, RankedAgency, e->lead - 1) : NULL;
      const RankedAgency *ministry = e->ministry ? &g_array_index (u.agencies, RankedAgency, e->ministry - 1) : NULL;
      AsAt a;
      SamFollowUpRow row;

      as_at_find (as_at, e->id, &a);
      row = (SamFollowUpRow) {
        .ministry = ministry ? ministry->name : NULL,
        .agency = lead ? lead->name : NULL,
        .contact = lead ? lead->contact : NULL,
        .id = e->id,
        .measure_number = e->measure_number,
        .title = e->title,
        .status = sam_status_values[a.status].nick,
        .due_date = a.due_date,
      };
      ok = func (&row, user_data, error);
    }
  unreported_clear (&u);
  return ok;
}

static gboolean
foreach_follow_up (SamStore              *store,
                   const SamReportQuery  *query,
                   gboolean               unreported,
                   SamFollowUpRowFunc     func,
                   gpointer               user_data,
                   GError               **error)
{
  FollowUp f = { func, user_data };
  g_autofree char *sql = NULL;
  SamStmt *stmt;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  if (unreported && query->period == NULL)
    return TRUE;
  /* Not reported by the rules as at the period, with the status and due
   * date they judge; the lead and contact to ask are today's. A closed
   * period's rows are those the list showed, as it showed them. */
  if (unreported && !query->closing)
    {
      AsAtSource as_at;
      gboolean ok;

      if (!as_at_open (store, query, &as_at, error))
        return FALSE;
      ok = foreach_unreported_sorted (store, query, &as_at, func, user_data, error);
      as_at_close (&as_at);
      return ok;
    }
  sql = follow_up_sql (store, query, unreported);
  return (stmt = prepare_list (store, sql, query, unreported ? "unreported" : "no_lead", KEY_ACTIVITY,
                               N_FOLLOW_UP_COLUMNS, error)) != NULL
         && sam_query_run (store, stmt, follow_up_cb, &f, error);
}

/* Calls @func for each activity in scope not reported in the report's
 * period (sam_facts_is_unreported()), by the ministry and the lead agency
 * (with its contact) and then measure and id; those without a lead last.
 * Nothing without a period. Stops and returns FALSE when @func does or
 * with a SamStoreError. */
gboolean
sam_report_data_foreach_unreported (SamStore              *store,
                                    const SamReportQuery  *query,
                                    SamFollowUpRowFunc     func,
                                    gpointer               user_data,
                                    GError               **error)
{
  return foreach_follow_up (store, query, TRUE, func, user_data, error);
}

/* Calls @func for each live activity in scope that names no lead agency,
 * by measure and id, with the ministries that answer for it by sector
 * responsibility. Stops and returns FALSE when @func does or with a
 * SamStoreError. */
gboolean
sam_report_data_foreach_no_lead (SamStore              *store,
                                 const SamReportQuery  *query,
                                 SamFollowUpRowFunc     func,
                                 gpointer               user_data,
                                 GError               **error)
{
  return foreach_follow_up (store, query, FALSE, func, user_data, error);
}

/* Freezing the lists */

/* Stores a row of the Follow-up's lists in the columns follow_up_cb()
 * reads. */
static gboolean
freeze_follow_up_cb (const SamFollowUpRow  *row,
                     gpointer               user_data,
                     GError               **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, row->id);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, row->measure_number);
  const char *texts[N_FOLLOW_UP_COLUMNS] = {
    row->ministry, row->agency, row->contact, id, number, row->title, row->status,
    NULL, row->due_date, NULL, NULL, NULL, row->sector_duty,
  };

  return insert_row (user_data, texts, G_N_ELEMENTS (texts), row->id, error);
}

static gboolean
freeze_follow_up (SamStore              *store,
                  Freezing              *f,
                  const SamReportQuery  *query,
                  gboolean               unreported,
                  GError               **error)
{
  f->list = unreported ? "unreported" : "no_lead";
  f->position = 0;
  f->key = KEY_ACTIVITY;
  return foreach_follow_up (store, query, unreported, freeze_follow_up_cb, f, error);
}

/* Stores, under closing @closing, the rows of each list of the report's
 * Knowledge and goals, Obligations and Follow-up sheets that @query (the
 * whole strategy, today's data) reads, with names in English when
 * @english (names as the plan gives them otherwise; set the store's names
 * to match, sam_store_set_english_names()). For a closed period the same
 * readers read them back (SamReportQuery.closing). Returns FALSE with a
 * SamStoreError. */
gboolean
sam_report_data_freeze_lists (SamStore              *store,
                              const SamReportQuery  *query,
                              gint64                 closing,
                              gboolean               english,
                              GError               **error)
{
  g_autofree char *goals = goals_sql (query);
  g_autofree char *gaps = gaps_sql (query);
  g_autofree char *measures = obligation_measures_sql (query);
  g_autofree char *activities = obligation_activities_sql (query);
  Freezing f = { NULL, closing, NULL, english, 0, KEY_NONE, 0 };
  gboolean ok;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (query->closing == 0 && sam_scope_is_whole (query->scope), FALSE);

  ok = (f.insert = sam_query_prepare (store, INSERT_ROW, NULL, error)) != NULL
       && freeze_list (store, &f, query, "goals", goals, KEY_MEASURE, 3, error)
       && freeze_list (store, &f, query, "gaps", gaps, KEY_MEASURE, 8, error)
       && freeze_list (store, &f, query, "obligations", OBLIGATIONS_SQL, KEY_NONE, 0, error)
       && freeze_list (store, &f, query, "obligation_measures", measures, KEY_MEASURE, 1, error)
       && freeze_list (store, &f, query, "obligation_activities", activities, KEY_ACTIVITY, 1, error)
       && freeze_follow_up (store, &f, query, TRUE, error)
       && freeze_follow_up (store, &f, query, FALSE, error);
  sam_stmt_free (f.insert);
  return ok;
}
