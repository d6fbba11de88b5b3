#define G_LOG_DOMAIN "sam-report-data"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sam-accountability.h"
#include "sam-closing-private.h"
#include "sam-query-private.h"
#include "sam-report-data-private.h"
#include "core/sam-enums.h"

/* A text list of an activity's or seminar's links, in the order given:
 * the first %s is the dialect's string aggregate of v
 * (sam_store_string_agg()). */
#define LIST(column, link, owner, join) \
  "(SELECT %s FROM (SELECT " column " AS v FROM " link " x " join \
  " WHERE x." owner " = " "%s" ".id ORDER BY x.position) AS listed)"

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
  sam_query_bind_text (stmt, ":today", query->today);
  return stmt;
}

static gint64
int_or (SamStmt      *stmt,
        int           column,
        gint64        fallback)
{
  return sam_stmt_column_is_null (stmt, column) ? fallback : sam_stmt_column_int (stmt, column);
}

/* A snapshot */

/* The version of the data @store reads: another connection's commit
 * changes it (sam_db_data_version()). -1 when it cannot be told. */
static gint64
data_version (SamStore *store)
{
  SamDb *db = sam_store_get_db (store);

  return db ? sam_db_data_version (db) : -1;
}

/* Starts a read transaction, so that every sheet of one report sees the
 * same data even while the window saves edits. Does nothing inside a
 * transaction the caller holds.
 *
 * With @helpers, also opens @n_helpers more connections to the file for
 * helper threads, each in a read transaction that sees the same data, and
 * sets @helpers to them; or every one to NULL when there can be none: the
 * transaction is the caller's (and may hold changes no other connection
 * sees), the file cannot be opened again, or another program committed a
 * change while the transactions began. End each with
 * sam_report_data_end() and unref it; each is for one thread at a time. */
/* Ends and closes the connections sam_report_data_begin() opened. */
static void
drop_helpers (SamStore **helpers,
              guint      n_helpers)
{
  for (guint i = 0; i < n_helpers; i++)
    if (helpers[i] != NULL)
      {
        sam_report_data_end (helpers[i]);
        g_clear_object (&helpers[i]);
      }
}

gboolean
sam_report_data_begin (SamStore  *store,
                       SamStore **helpers,
                       guint      n_helpers,
                       GError   **error)
{
  gint64 version = -1;
  gboolean shared = helpers != NULL && n_helpers > 0;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);

  if (helpers == NULL)
    n_helpers = 0;
  for (guint i = 0; i < n_helpers; i++)
    helpers[i] = NULL;
  if (sam_store_get_db (store) == NULL || sam_db_in_transaction (sam_store_get_db (store)))
    return TRUE;
  /* The other connections read the version before @store's snapshot
   * begins (with its first read) and again as their own begin: the same
   * every time, nobody committed in between, and all see the same data. */
  for (guint i = 0; shared && i < n_helpers; i++)
    {
      gint64 seen = -1;

      shared = (helpers[i] = sam_store_open_reader (store, NULL)) != NULL
               && (seen = data_version (helpers[i])) >= 0 && (i == 0 || seen == version);
      version = seen;
    }
  if (!sam_db_begin (sam_store_get_db (store), SAM_DB_SNAPSHOT, error))
    {
      drop_helpers (helpers, n_helpers);
      return FALSE;
    }
  for (guint i = 0; shared && i < n_helpers; i++)
    shared = sam_db_begin (sam_store_get_db (helpers[i]), SAM_DB_SNAPSHOT, NULL)
             && data_version (helpers[i]) == version;
  if (!shared && n_helpers > 0)
    {
      g_debug ("Could not read the data on %u more connections; reading it on one", n_helpers);
      drop_helpers (helpers, n_helpers);
    }
  return TRUE;
}

void
sam_report_data_end (SamStore *store)
{
  g_return_if_fail (SAM_IS_STORE (store));

  if (sam_store_get_db (store) != NULL && sam_db_in_transaction (sam_store_get_db (store)))
    sam_db_commit (sam_store_get_db (store), NULL);
}

static gboolean
join_text_cb (SamStmt       *stmt,
              gpointer       user_data,
              GError       **error)
{
  GString *text = user_data;

  g_string_append (text, sam_stmt_column_text (stmt, 0));
  return TRUE;
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
count_cb (SamStmt       *stmt,
          gpointer       user_data,
          GError       **error)
{
  guint64 *counts = user_data;

  counts[0] = (guint64) sam_stmt_column_int (stmt, 0);
  counts[1] = (guint64) sam_stmt_column_int (stmt, 1);
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
  SamStmt *stmt;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  if (query->closing)
    {
      if (!sam_closing_count (store, query->closing, query->scope, &counts[0], &counts[1], error))
        return FALSE;
    }
  else if (!(stmt = prepare (store, sql, query, error)) || !sam_query_run (store, stmt, count_cb, counts, error))
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

/* Sets *@facts to the facts as at @period (NULL: none) of @query's share,
 * read on @store if no reader of the report has read them yet, or to NULL
 * when @query shares none (read them from the store then). Returns FALSE
 * with a SamStoreError. */
gboolean
sam_report_data_facts (SamStore              *store,
                       const SamReportQuery  *query,
                       const SamPeriod       *period,
                       SamFactsSnapshot     **facts,
                       GError               **error)
{
  *facts = NULL;
  if (query->facts == NULL)
    return TRUE;
  return (*facts = sam_facts_share_get (query->facts, store, period, error)) != NULL;
}

/* As sam_report_data_facts() for @query's period and for @previous (the
 * period before it, or NULL: *@then is NULL then), both read in one pass
 * when no reader has read either yet. */
static gboolean
facts_now_and_then (SamStore              *store,
                    const SamReportQuery  *query,
                    const SamPeriod       *previous,
                    SamFactsSnapshot     **now,
                    SamFactsSnapshot     **then,
                    GError               **error)
{
  *then = NULL;
  if (query->facts && query->period && previous)
    return sam_facts_share_get_both (query->facts, store, query->period, previous, now, then, error);
  return sam_report_data_facts (store, query, query->period, now, error)
         && (previous == NULL || sam_report_data_facts (store, query, previous, then, error));
}

/* Returns the changes in @query's scope since the period before its
 * period (sam_changes_read()), from the facts @query shares; the last
 * reader of the facts as at the period before, it lets them go. NULL with
 * a SamStoreError. */
SamChanges *
sam_report_data_changes (SamStore              *store,
                         const SamReportQuery  *query,
                         GError               **error)
{
  g_autoptr(SamFactsSnapshot) now = NULL;
  g_autoptr(SamFactsSnapshot) then = NULL;
  g_autoptr(SamPeriod) previous = NULL;
  SamChanges *changes;
  GError *local = NULL;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  if (query->period == NULL || query->closing || query->facts == NULL)
    return sam_changes_read (store, query->scope, query->period, query->today, error);
  if (!(previous = sam_period_before (store, query->period, &local)) && local)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (!facts_now_and_then (store, query, previous, &now, &then, error))
    return NULL;
  changes = sam_changes_read_in (now, then, store, query->scope, query->period, query->today, error);
  if (previous)
    sam_facts_share_drop (query->facts, previous);
  return changes;
}

/* Returns one SamMeasureSummary per measure in scope, in the strategy's
 * order (agency and ministry scopes keep every measure), counted by the
 * rules of sam-figures.h, or NULL with a SamStoreError. "Not reported" is
 * 0 when the query has no period. */
GPtrArray *
sam_report_data_measures (SamStore              *store,
                          const SamReportQuery  *query,
                          GError               **error)
{
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(SamPeriod) previous = NULL;
  g_autoptr(GPtrArray) measures = g_ptr_array_new_with_free_func (measure_summary_free);
  g_autoptr(SamFactsSnapshot) now = NULL;
  g_autoptr(SamFactsSnapshot) then = NULL;
  GError *local = NULL;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  previous = query->period ? sam_period_before (store, query->period, &local) : NULL;
  if (local)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  /* The same figures as at the period before, for the change since it;
   * a closed period's as they were when it was closed. */
  if (!facts_now_and_then (store, query, query->closing ? NULL : previous, &now, &then, error)
      || !(figures = sam_figures_by_measure_in (now, store, query->scope, query->period, query->today, error)))
    return NULL;
  if (previous && !(before = query->closing
                           ? sam_closing_read_previous (store, query->closing, query->scope, error)
                           : sam_figures_by_measure_in (then, store, query->scope, previous, query->today, error)))
    return NULL;
  for (guint i = 0; i < figures->len; i++)
    {
      SamMeasureFigures *f = figures->pdata[i];
      SamMeasureSummary *m = g_new0 (SamMeasureSummary, 1);

      m->measure_id = f->measure_id;
      m->number = f->number;
      m->title = g_steal_pointer (&f->title);
      memcpy (m->by_status, f->tally.by_status, sizeof m->by_status);
      m->total = f->tally.total;
      m->live = f->tally.live;
      m->progress_sum = f->tally.progress_sum;
      m->overdue = f->tally.overdue;
      m->not_reported = f->tally.not_reported;
      m->light = sam_tally_light (&f->tally);
      /* Both lists hold the scope's measures in one query's terms: match by id. */
      m->previous_progress = -1;
      for (guint j = 0; before && j < before->len; j++)
        if (((SamMeasureFigures *) before->pdata[j])->measure_id == m->measure_id)
          m->previous_progress = sam_tally_progress (&((SamMeasureFigures *) before->pdata[j])->tally);
      g_ptr_array_add (measures, m);
    }
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
add_target_cb (SamStmt       *stmt,
               gpointer       user_data,
               GError       **error)
{
  SamSeminarTarget *t = g_new0 (SamSeminarTarget, 1);

  t->format_id = sam_stmt_column_int (stmt, 0);
  t->name = g_strdup (sam_stmt_column_text (stmt, 1));
  t->kind = g_strdup (sam_stmt_column_text (stmt, 2));
  t->year = sam_stmt_column_int (stmt, 3);
  t->min_per_year = int_or (stmt, 4, -1);
  t->max_per_year = int_or (stmt, 5, -1);
  t->held = (guint) sam_stmt_column_int (stmt, 6);
  t->planned = (guint) sam_stmt_column_int (stmt, 7);
  t->cancelled = (guint) sam_stmt_column_int (stmt, 8);
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
  g_autofree char *year_text = g_strdup_printf ("%04" G_GINT64_FORMAT, year);
  SamStmt *stmt;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  if (year > 0)
    sql = g_strdup_printf ("SELECT f.id, f.name, f.kind, CAST(:year AS INTEGER), f.min_per_year, f.max_per_year, " SEMINAR_COUNTS
                           "FROM seminar_format f LEFT JOIN seminar s ON s.format_id = f.id "
                           "AND substr(s.starts_at, 1, 4) = :year_text AND (%s) "
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
  sam_query_bind_text (stmt, ":year_text", year_text);
  if (!sam_query_run (store, stmt, add_target_cb, targets, error))
    return NULL;
  return g_steal_pointer (&targets);
}

/* Streaming */

typedef SamReportStreaming Streaming;

/* The activities of one plan lie all over the activity table, and their
 * links and status updates all over theirs; reading a list plan by plan
 * jumps about the file: at 100,000 activities the Activities sheet made
 * 700,000 reads that missed SQLite's cache. So the long lists read each
 * table once in the order it is stored (by id, for the activities) and
 * let SQLite sort the rows by the rank of their plan in the strategy's
 * order (focus area, measure, start, id) and then by id: its sorter holds
 * little in memory and spills the rest to a temporary file. The unary +
 * on a.id keeps SQLite from walking the activity_overview index (the
 * activities by plan) instead, which would save it part of the sort and
 * bring back the jumps. */
#define RANKED_PLANS \
  "ranked (plan_id, measure_number, rank) AS MATERIALIZED (SELECT p.id, m.number, " \
  "row_number () OVER (ORDER BY f.number, f.id, m.number, m.id, p.start_date, p.id) " \
  "FROM plan p JOIN measure m ON m.id = p.measure_id LEFT JOIN focus_area f ON f.id = m.focus_area_id WHERE %s) "

/* What the Activities sheet shows of each activity's links and status
 * updates, read before its rows with one pass over each table in the
 * order it is stored, for the reason above: names and ids only, never the
 * rows (about 100 bytes an activity). */

enum { LIST_PARTNERS, LIST_SECTORS, LIST_TARGET_GROUPS, LIST_CHANNELS, LIST_LANGUAGES, LIST_SECTOR_DUTY, N_LISTS };

/* Each link query selects (activity id, position, tie-breaker, text) from
 * one link table; for links to records, the tie-breaker is the record's id
 * and its name comes from the names query (a handful of rows), which costs
 * less than joining every link to it. The store numbers the positions of
 * an activity 0, 1, 2…; equal ones (from elsewhere) keep the order of the
 * table's primary key, as ORDER BY position over its index did. */
static const struct {
  const char *links;
  const char *names;   /* (id, name); NULL: the links hold the text */
} list_sql[N_LISTS] = {
  { "SELECT activity_id, position, agency_id, NULL FROM activity_partner", "SELECT g.id, " SAM_NAME ("g") " FROM agency g" },
  { "SELECT activity_id, position, sector_id, NULL FROM activity_sector", "SELECT c.id, " SAM_NAME ("c") " FROM sector c" },
  { "SELECT activity_id, position, target_group_id, NULL FROM activity_target_group",
    "SELECT t.id, " SAM_NAME ("t") " FROM target_group t" },
  { "SELECT activity_id, position, 0, channel FROM activity_channel", NULL },
  { "SELECT activity_id, position, 0, language FROM activity_language", NULL },
  { NULL, NULL },   /* from sam_accountability_foreach(): see add_duty_cb() */
};

typedef struct
{
  guint32      *start;     /* per activity, its first name; one more at the end */
  const char  **names;
} LinkList;

struct _SamReportActivities
{
  GArray       *ids;             /* gint64: the activities in scope, ascending */
  GStringChunk *names;
  LinkList      lists[N_LISTS];
  SamFactsSnapshot *facts;       /* the activities as at the report's period */
  GHashTable   *agencies;        /* id → name, for leads as at the period */
  GString      *joined[N_LISTS]; /* the lists of the row being streamed */
  Streaming     s;
  const char   *judged_on;       /* overdue as at, while streaming */
  const SamPeriod *period;
};

void
sam_report_activities_free (SamReportActivities *index)
{
  if (index == NULL)
    return;
  g_array_unref (index->ids);
  g_string_chunk_free (index->names);
  for (guint i = 0; i < N_LISTS; i++)
    {
      g_free (index->lists[i].start);
      g_free (index->lists[i].names);
      g_string_free (index->joined[i], TRUE);
    }
  g_clear_pointer (&index->facts, sam_facts_snapshot_unref);
  g_clear_pointer (&index->agencies, g_hash_table_unref);
  g_free (index);
}

/* Returns the place of activity @id in index->ids, or -1. */
static gint
find_activity (const SamReportActivities *index,
               gint64                     id)
{
  const gint64 *ids = (const gint64 *) (gpointer) index->ids->data;
  guint low = 0, high = index->ids->len;

  /* Ids are mostly dense: first look where @id is when they all are. */
  if (high > 0 && id >= ids[0] && (guint64) id - (guint64) ids[0] < high && ids[(guint64) id - (guint64) ids[0]] == id)
    return (gint) ((guint64) id - (guint64) ids[0]);
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (ids[middle] < id)
        low = middle + 1;
      else
        high = middle;
    }
  return low < index->ids->len && ids[low] == id ? (gint) low : -1;
}

static gboolean
add_id_cb (SamStmt       *stmt,
           gpointer       user_data,
           GError       **error)
{
  gint64 id = sam_stmt_column_int (stmt, 0);

  g_array_append_val (user_data, id);
  return TRUE;
}

typedef struct
{
  guint32     activity;   /* place in SamReportActivities.ids */
  gint64      position;
  gint64      key;
  const char *name;
} Link;

typedef struct
{
  SamReportActivities *index;
  GHashTable          *names;   /* id → name, for links to records */
  GArray              *links;   /* of Link */
  gboolean             sorted;  /* so far: stored in order, as the store writes them */
} LinkReading;

static gint compare_links (gconstpointer a,
                           gconstpointer b);

static gboolean
add_link_cb (SamStmt       *stmt,
             gpointer       user_data,
             GError       **error)
{
  LinkReading *r = user_data;
  gint activity = find_activity (r->index, sam_stmt_column_int (stmt, 0));
  Link link;

  if (activity < 0)
    return TRUE;
  link.key = sam_stmt_column_int (stmt, 2);
  if (r->names)
    link.name = g_hash_table_lookup (r->names, &link.key);
  else if ((link.name = sam_stmt_column_text (stmt, 3)))
    link.name = g_string_chunk_insert_const (r->index->names, link.name);
  if (link.name == NULL)
    return TRUE;   /* a link to nothing, which a join would drop */
  link.activity = (guint32) activity;
  link.position = sam_stmt_column_int (stmt, 1);
  if (r->sorted && r->links->len > 0)
    r->sorted = compare_links (&g_array_index (r->links, Link, r->links->len - 1), &link) <= 0;
  g_array_append_val (r->links, link);
  return TRUE;
}

static gint
compare_links (gconstpointer a,
               gconstpointer b)
{
  const Link *x = a, *y = b;

  if (x->activity != y->activity)
    return x->activity < y->activity ? -1 : 1;
  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return strcmp (x->name, y->name);
}

static gboolean
add_name_cb (SamStmt       *stmt,
             gpointer       user_data,
             GError       **error)
{
  LinkReading *r = user_data;
  const char *name = sam_stmt_column_text (stmt, 1);

  /* A NULL name is left out of the list, as a join and group_concat() did. */
  if (name != NULL)
    g_hash_table_replace (r->names, g_memdup2 (&(gint64) { sam_stmt_column_int (stmt, 0) }, sizeof (gint64)),
                          (gpointer) g_string_chunk_insert_const (r->index->names, name));
  return TRUE;
}

/* The ministries an activity without a named lead answers to by sector
 * responsibility, as links whose text is "HOD (Helse- og omsorgstjenester)". */
static gboolean
add_duty_cb (const SamAccountRow  *row,
             gpointer              user_data,
             GError              **error)
{
  LinkReading *r = user_data;
  gint activity = find_activity (r->index, row->activity_id);
  SamAccountable ministry = {
    row->agency_id, (char *) row->name,
    row->short_name && *row->short_name ? (char *) row->short_name : NULL, (char *) row->sectors,
  };
  g_autofree char *text = NULL;
  Link link;

  if (activity < 0)
    return TRUE;
  text = sam_accountable_describe (&ministry);
  link = (Link) { (guint32) activity, row->position, row->agency_id,
                  g_string_chunk_insert_const (r->index->names, text) };
  if (r->sorted && r->links->len > 0)
    r->sorted = compare_links (&g_array_index (r->links, Link, r->links->len - 1), &link) <= 0;
  g_array_append_val (r->links, link);
  return TRUE;
}

/* Reads link table @kind into index->lists[kind]. */
static gboolean
read_links (SamStore             *store,
            SamReportActivities  *index,
            guint                 kind,
            GError              **error)
{
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (Link));
  g_autoptr(GHashTable) names = NULL;
  LinkReading reading = { index, NULL, links, TRUE };
  LinkList *list = &index->lists[kind];

  if (list_sql[kind].names)
    {
      names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      reading.names = names;
      if (!sam_query_foreach (store, list_sql[kind].names, NULL, add_name_cb, &reading, error))
        return FALSE;
    }
  if (kind == LIST_SECTOR_DUTY
      ? !sam_accountability_foreach (store, NULL, 0, SAM_ACCOUNT_SECTOR, add_duty_cb, &reading, error)
      : !sam_query_foreach (store, list_sql[kind].links, NULL, add_link_cb, &reading, error))
    return FALSE;
  if (!reading.sorted)
    g_array_sort (links, compare_links);
  list->start = g_new0 (guint32, index->ids->len + 1);
  list->names = g_new (const char *, MAX (links->len, 1));
  for (guint i = 0; i < links->len; i++)
    {
      const Link *link = &g_array_index (links, Link, i);

      list->names[i] = link->name;
      list->start[link->activity + 1] = i + 1;
    }
  /* Activities without links start where the one before ended. */
  for (guint i = 1; i <= index->ids->len; i++)
    list->start[i] = MAX (list->start[i], list->start[i - 1]);
  return TRUE;
}

static gboolean
add_agency_name_cb (SamStmt       *stmt,
                    gpointer       user_data,
                    GError       **error)
{
  SamReportActivities *index = user_data;
  const char *name = sam_stmt_column_text (stmt, 1);

  if (name != NULL)
    g_hash_table_insert (index->agencies, g_memdup2 (&(gint64) { sam_stmt_column_int (stmt, 0) }, sizeof (gint64)),
                         (gpointer) g_string_chunk_insert_const (index->names, name));
  return TRUE;
}

/* Takes each activity's status, progress, due date, lead and latest
 * update as at the report's period, by the rules of sam-figures.h, from
 * the report's facts (the same for all its readers). */
static gboolean
read_latest_updates (SamStore              *store,
                     SamReportActivities   *index,
                     const SamReportQuery  *query,
                     GError               **error)
{
  index->agencies = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (!sam_query_foreach (store, "SELECT id, name FROM agency", NULL, add_agency_name_cb, index, error)
      || !sam_report_data_facts (store, query, query->period, &index->facts, error))
    return FALSE;
  /* The report's facts, or (for a closing, which freezes them from today's
   * data) its own. */
  if (index->facts == NULL)
    index->facts = sam_facts_snapshot_read_live (store, query->scope, query->period, query->today, error);
  return index->facts != NULL;
}

/* Reads what the Activities sheet shows of the links and status updates
 * of the activities in @query's scope, for sam_report_data_foreach_activity(),
 * which can then begin at once. Returns NULL with a SamStoreError. */
SamReportActivities *
sam_report_data_read_activities (SamStore              *store,
                                 const SamReportQuery  *query,
                                 GError               **error)
{
  g_autoptr(SamReportActivities) index = g_new0 (SamReportActivities, 1);
  g_autofree char *ids_sql = g_strdup_printf ("SELECT a.id FROM activity a WHERE %s ORDER BY a.id",
                                              sam_scope_activity_sql (query->scope));

  index->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  index->names = g_string_chunk_new (4096);
  for (guint i = 0; i < N_LISTS; i++)
    index->joined[i] = g_string_new (NULL);
  /* A closed period's rows come whole as they were frozen. */
  if (query->closing)
    return g_steal_pointer (&index);
  if (!sam_query_foreach (store, ids_sql, query->scope, add_id_cb, index->ids, error))
    return NULL;
  for (guint i = 0; i < N_LISTS; i++)
    if (!read_links (store, index, i, error))
      return NULL;
  if (!read_latest_updates (store, index, query, error))
    return NULL;
  return g_steal_pointer (&index);
}

/* Returns list @kind of the activity at @activity, "; " between the
 * names, or NULL when it has none. */
static const char *
joined_list (SamReportActivities *index,
             gint                 activity,
             guint                kind)
{
  const LinkList *list = &index->lists[kind];
  GString *joined = index->joined[kind];

  if (activity < 0 || list->start[activity] == list->start[activity + 1])
    return NULL;
  g_string_truncate (joined, 0);
  for (guint32 i = list->start[activity]; i < list->start[activity + 1]; i++)
    {
      if (i > list->start[activity])
        g_string_append (joined, "; ");
      g_string_append (joined, list->names[i]);
    }
  return joined->str;
}

/* sam_latest_update(activity id): the id of the status update the
 * activity's comment as at the report's period comes from, from the
 * index; NULL when none. */
static gboolean
latest_update_cb (gint64    activity_id,
                  gint64   *result,
                  gpointer  user_data)
{
  const SamReportActivities *index = user_data;
  SamActivityFactsRow as_at;

  if (index->facts == NULL || !sam_facts_snapshot_lookup (index->facts, activity_id, &as_at)
      || as_at.facts.update_id == 0)
    return FALSE;
  *result = as_at.facts.update_id;
  return TRUE;
}

/* The same in SQL, for a backend that cannot call sam_latest_update():
 * the latest update in or before the report's period by the order of
 * updates (sam-figures.h): by period (its start, then its code), time
 * reported and id; none without a period. */
#define LATEST_UPDATE \
  "(SELECT su.id FROM status_update su JOIN reporting_period sp ON sp.id = su.period_id " \
  "JOIN (SELECT code, coalesce(min(start_date), '') AS start FROM reporting_period GROUP BY code) po " \
  "ON po.code = sp.code " \
  "WHERE su.activity_id = a.id AND CAST(:period AS TEXT) IS NOT NULL " \
  "AND (po.start, po.code) <= (coalesce(:period_start, ''), :period) " \
  "ORDER BY po.start DESC, po.code DESC, coalesce(su.reported_at, '') DESC, su.id DESC LIMIT 1)"

static gboolean
activity_row_cb (SamStmt       *stmt,
                 gpointer       user_data,
                 GError       **error)
{
  SamReportActivities *index = user_data;
  gint64 id = sam_stmt_column_int (stmt, 0);
  gint activity = find_activity (index, id);
  SamActivityFactsRow as_at;
  const SamActivityFacts *latest = activity >= 0 && index->facts
                                   && sam_facts_snapshot_lookup (index->facts, id, &as_at) ? &as_at.facts : NULL;
  gint64 lead = latest ? as_at.lead_id : sam_stmt_column_int (stmt, 22);
  SamActivityFacts facts = {
    .status = latest ? latest->status : sam_stmt_column_text (stmt, 13),
    .progress = latest ? latest->progress : int_or (stmt, 14, -1),
    .start_date = sam_stmt_column_text (stmt, 11),
    .due_date = latest ? latest->due_date : sam_stmt_column_text (stmt, 12),
    .plan_start = sam_stmt_column_text (stmt, 15),
    .plan_end = sam_stmt_column_text (stmt, 16),
    .reported = latest && latest->reported,
  };
  SamActivityRow row = {
    .id = id,
    .focus_area_id = sam_stmt_column_int (stmt, 19),
    .measure_id = sam_stmt_column_int (stmt, 20),
    .plan_id = sam_stmt_column_int (stmt, 21),
    .lead_id = lead,
    .measure_number = sam_stmt_column_int (stmt, 1),
    .measure = sam_stmt_column_text (stmt, 2),
    .plan = sam_stmt_column_text (stmt, 3),
    .plan_kind = sam_stmt_column_text (stmt, 4),
    .title = sam_stmt_column_text (stmt, 5),
    .description = sam_stmt_column_text (stmt, 6),
    .scope = sam_stmt_column_text (stmt, 7),
    .priority_task = sam_stmt_column_text (stmt, 8),
    .lead = lead == sam_stmt_column_int (stmt, 22) ? sam_stmt_column_text (stmt, 9)
            : lead ? g_hash_table_lookup (index->agencies, &lead) : NULL,
    .partners = joined_list (index, activity, LIST_PARTNERS),
    .sector_duty = joined_list (index, activity, LIST_SECTOR_DUTY),
    .sectors = joined_list (index, activity, LIST_SECTORS),
    .target_groups = joined_list (index, activity, LIST_TARGET_GROUPS),
    .message = sam_stmt_column_text (stmt, 10),
    .channels = joined_list (index, activity, LIST_CHANNELS),
    .languages = joined_list (index, activity, LIST_LANGUAGES),
    .start_date = facts.start_date,
    .due_date = facts.due_date,
    .status = sam_status_values[sam_facts_status (&facts)].nick,
    .progress = facts.progress,
    .overdue = sam_facts_is_overdue (&facts, index->judged_on),
    .running = sam_facts_runs_in (&facts, index->period),
    .reported = facts.reported,
    .latest_period = sam_stmt_column_text (stmt, 17),
    .latest_comment = sam_stmt_column_text (stmt, 18),
    .has_change = latest && latest->has_change,
    .progress_change = latest ? latest->progress_change : 0,
  };

  return ((SamActivityRowFunc) index->s.func) (&row, index->s.user_data, error);
}

/* Calls @func for each activity in scope, by measure, plan and id, with
 * every field the Activities sheet shows. Stops and returns FALSE when
 * @func does or on a database error. Takes @activities, read before with
 * sam_report_data_read_activities() for the same @query; when NULL, reads
 * them first. Holds the names of the activities' links and the ids of
 * their latest status updates in memory meanwhile. */
gboolean
sam_report_data_foreach_activity (SamStore              *store,
                                  const SamReportQuery  *query,
                                  SamReportActivities   *activities,
                                  SamActivityRowFunc     func,
                                  gpointer               user_data,
                                  GError               **error)
{
  g_autoptr(SamReportActivities) index = activities;
  g_autofree char *sql = NULL;
  SamDb *db = sam_store_get_db (store);
  SamStmt *stmt = NULL;
  gboolean function, ok;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);

  if (query->closing)
    return sam_closing_foreach_activity (store, query->closing, query->scope, func, user_data, error);
  if (index == NULL && !(index = sam_report_data_read_activities (store, query, error)))
    return FALSE;
  index->s = (Streaming) { func, user_data };
  index->judged_on = sam_figures_judged_on (query->period, query->today);
  index->period = query->period;
  function = db != NULL && sam_db_set_int_function (db, "sam_latest_update", latest_update_cb, index);
  sql = g_strdup_printf (
    "WITH " RANKED_PLANS
    "SELECT a.id, m.number, " SAM_TITLE ("m") ", p.title, p.kind, a.title, a.description, a.scope, pt.title, "
    SAM_NAME ("lead") ", "
    "a.message, a.start_date, a.due_date, a.status, a.progress, "
    "p.start_date, p.end_date, lrp.code, lu.comment, m.focus_area_id, p.measure_id, a.plan_id, "
    "coalesce(a.lead_agency_id, 0) "
    "FROM activity a CROSS JOIN ranked r ON r.plan_id = a.plan_id "
    "JOIN plan p ON p.id = a.plan_id JOIN measure m ON m.id = p.measure_id "
    "LEFT JOIN priority_task pt ON pt.id = a.priority_task_id "
    "LEFT JOIN agency lead ON lead.id = a.lead_agency_id "
    "LEFT JOIN status_update lu ON lu.id = %s "
    "LEFT JOIN reporting_period lrp ON lrp.id = lu.period_id "
    "WHERE %s ORDER BY r.rank, +a.id",
    sam_scope_plan_sql (query->scope), function ? "sam_latest_update(a.id)" : LATEST_UPDATE,
    sam_scope_activity_sql (query->scope));
  ok = (stmt = prepare (store, sql, query, error)) != NULL
       && sam_query_run (store, stmt, activity_row_cb, index, error);
  if (function)
    sam_db_set_int_function (db, "sam_latest_update", NULL, NULL);
  return ok;
}

gboolean
sam_report_data_status_row_cb (SamStmt  *stmt,
                               gpointer  user_data,
                               GError  **error)
{
  Streaming *s = user_data;
  SamStatusRow row = {
    .activity_id = sam_stmt_column_int (stmt, 0),
    .measure_number = sam_stmt_column_int (stmt, 1),
    .activity = sam_stmt_column_text (stmt, 2),
    .period = sam_stmt_column_text (stmt, 3),
    .status = sam_stmt_column_text (stmt, 4),
    .progress = int_or (stmt, 5, -1),
    .comment = sam_stmt_column_text (stmt, 6),
    .reported_by = sam_stmt_column_text (stmt, 7),
    .reported_at = sam_stmt_column_text (stmt, 8),
  };

  return ((SamStatusRowFunc) s->func) (&row, s->user_data, error);
}

/* The periods by their code with the start they are ordered by (see
 * "period order" in sam-figures.h). */
#define PERIOD_ORDER \
  "period_order (code, start) AS (SELECT code, coalesce(min(start_date), '') FROM reporting_period GROUP BY code) "

/* Calls @func for every status update of the activities in scope up to
 * the report's period (in or before it: its status history stops there),
 * in the order of the activities, then in the order of updates of
 * sam-figures.h: by period, time reported and id. SQLite sorts them all
 * before the first (a third of a second at 100,000 activities). Stops and
 * returns FALSE when @func does or on a database error. */
gboolean
sam_report_data_foreach_status (SamStore              *store,
                                const SamReportQuery  *query,
                                SamStatusRowFunc       func,
                                gpointer               user_data,
                                GError               **error)
{
  Streaming s = { func, user_data };
  g_autofree char *sql = g_strdup_printf (
    "WITH " RANKED_PLANS ", " PERIOD_ORDER
    "SELECT a.id, r.measure_number, a.title, rp.code, su.status, su.progress, su.comment, su.reported_by, "
    "su.reported_at "
    "FROM status_update su CROSS JOIN activity a ON a.id = su.activity_id "
    "CROSS JOIN ranked r ON r.plan_id = a.plan_id "
    "LEFT JOIN reporting_period rp ON rp.id = su.period_id LEFT JOIN period_order po ON po.code = rp.code "
    "WHERE %s AND (CAST(:period AS TEXT) IS NULL OR (coalesce(po.start, ''), coalesce(rp.code, '')) <= (coalesce(:period_start, ''), :period)) "
    "ORDER BY r.rank, +a.id, coalesce(po.start, ''), rp.code, coalesce(su.reported_at, ''), su.id",
    sam_scope_plan_sql (query->scope), sam_scope_activity_sql (query->scope));
  SamStmt *stmt;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  if (query->closing)
    return sam_closing_foreach_status (store, query->closing, query->scope, func, user_data, error);
  return (stmt = prepare (store, sql, query, error)) != NULL
         && sam_query_run (store, stmt, sam_report_data_status_row_cb, &s, error);
}

/* Seminars */

static gboolean
seminar_row_cb (SamStmt       *stmt,
                gpointer       user_data,
                GError       **error)
{
  Streaming *s = user_data;
  SamSeminarRow row = {
    .id = sam_stmt_column_int (stmt, 0),
    .title = sam_stmt_column_text (stmt, 1),
    .format = sam_stmt_column_text (stmt, 2),
    .kind = sam_stmt_column_text (stmt, 3),
    .starts_at = sam_stmt_column_text (stmt, 4),
    .ends_at = sam_stmt_column_text (stmt, 5),
    .place = sam_stmt_column_text (stmt, 6),
    .online = sam_stmt_column_int (stmt, 7) != 0,
    .organiser = sam_stmt_column_text (stmt, 8),
    .activity = sam_stmt_column_text (stmt, 9),
    .theme = sam_stmt_column_text (stmt, 10),
    .sectors = sam_stmt_column_text (stmt, 11),
    .target_groups = sam_stmt_column_text (stmt, 12),
    .status = sam_stmt_column_text (stmt, 13),
    .capacity = int_or (stmt, 14, -1),
    .registered = sam_stmt_column_int (stmt, 15),
    .waitlisted = sam_stmt_column_int (stmt, 16),
    .attended = int_or (stmt, 17, -1),
    .evaluation_score = int_or (stmt, 18, -1),
    .evaluation_comment = sam_stmt_column_text (stmt, 19),
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
  g_autofree char *names = sam_store_string_agg (store, "v", "'; '");
  g_autofree char *sql = g_strdup_printf (
    "SELECT s.id, s.title, f.name, f.kind, s.starts_at, s.ends_at, s.place, s.online, " SAM_NAME ("org") ", act.title, s.theme, "
    LIST (SAM_NAME ("c"), "seminar_sector", "seminar_id", "JOIN sector c ON c.id = x.sector_id") ", "
    LIST (SAM_NAME ("t"), "seminar_target_group", "seminar_id", "JOIN target_group t ON t.id = x.target_group_id") ", "
    "s.status, s.capacity, "
    "(SELECT coalesce(sum(participants), 0) FROM registration WHERE seminar_id = s.id AND waitlisted = 0), "
    "(SELECT coalesce(sum(participants), 0) FROM registration WHERE seminar_id = s.id AND waitlisted <> 0), "
    "(SELECT sum(attended) FROM registration WHERE seminar_id = s.id), "
    "s.evaluation_score, s.evaluation_comment "
    "FROM seminar s JOIN seminar_format f ON f.id = s.format_id "
    "LEFT JOIN agency org ON org.id = s.organiser_id LEFT JOIN activity act ON act.id = s.activity_id "
    "WHERE %s ORDER BY coalesce(s.starts_at, ''), s.id",
    names, "s", names, "s", sam_scope_seminar_sql (query->scope));
  SamStmt *stmt;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  return (stmt = prepare (store, sql, query, error)) != NULL
         && sam_query_run (store, stmt, seminar_row_cb, &st, error);
}

static gboolean
participation_row_cb (SamStmt       *stmt,
                      gpointer       user_data,
                      GError       **error)
{
  Streaming *s = user_data;
  SamParticipationRow row = {
    .seminar_id = sam_stmt_column_int (stmt, 0),
    .seminar = sam_stmt_column_text (stmt, 1),
    .starts_at = sam_stmt_column_text (stmt, 2),
    .sector = sam_stmt_column_text (stmt, 3),
    .registered = sam_stmt_column_int (stmt, 4),
    .waitlisted = sam_stmt_column_int (stmt, 5),
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
    "SELECT s.id, s.title, s.starts_at, " SAM_NAME ("c") ", "
    "coalesce(sum(r.participants) FILTER (WHERE r.waitlisted = 0), 0), "
    "coalesce(sum(r.participants) FILTER (WHERE r.waitlisted <> 0), 0), sum(r.attended) "
    "FROM registration r JOIN seminar s ON s.id = r.seminar_id LEFT JOIN sector c ON c.id = r.sector_id "
    "WHERE %s GROUP BY s.id, r.sector_id, c.id "
    "ORDER BY coalesce(s.starts_at, ''), s.id, c.name IS NULL, " SAM_NAME ("c") " %s",
    sam_scope_seminar_sql (query->scope), sam_store_sql (store, SAM_SQL_NOCASE));
  SamStmt *stmt;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  return (stmt = prepare (store, sql, query, error)) != NULL
         && sam_query_run (store, stmt, participation_row_cb, &st, error);
}
