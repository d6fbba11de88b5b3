#define G_LOG_DOMAIN "sam-activity-data"

#include "config.h"

#include "sam-activity-data.h"
#include "sam-query-private.h"

void
sam_activity_data_free (SamActivityData *data)
{
  if (data == NULL)
    return;
  g_free (data->title);
  g_free (data->description);
  g_free (data->start_date);
  g_free (data->due_date);
  g_free (data->status);
  g_clear_pointer (&data->partners, g_array_unref);
  g_clear_pointer (&data->sectors, g_array_unref);
  g_clear_pointer (&data->groups, g_array_unref);
  g_clear_pointer (&data->reported, g_array_unref);
  g_free (data->latest_comment);
  g_free (data);
}

/* Names */

static gboolean
add_name_cb (SamStmt       *stmt,
             gpointer       user_data,
             GError       **error)
{
  g_hash_table_insert (user_data, g_memdup2 (&(gint64) { sam_stmt_column_int (stmt, 0) }, sizeof (gint64)),
                       g_strdup (sam_stmt_column_text (stmt, 1)));
  return TRUE;
}

static GHashTable *
names_table (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

void
sam_activity_names_free (SamActivityNames *names)
{
  if (names == NULL)
    return;
  g_clear_pointer (&names->agencies, g_hash_table_unref);
  g_clear_pointer (&names->sectors, g_hash_table_unref);
  g_clear_pointer (&names->groups, g_hash_table_unref);
  g_clear_pointer (&names->periods, g_hash_table_unref);
  g_clear_pointer (&names->plan_starts, g_hash_table_unref);
  g_clear_pointer (&names->plan_ends, g_hash_table_unref);
  g_free (names);
}

/* Returns the names of agencies (short ones where given), sectors, target
 * groups and period codes, and the plans' dates; names in English where the
 * store asks for English names and there is one (SAM_NAME()); NULL with a
 * SamStoreError. */
SamActivityNames *
sam_activity_names_read (SamStore  *store,
                         GError   **error)
{
  g_autoptr(SamActivityNames) names = g_new0 (SamActivityNames, 1);
  const struct { GHashTable **table; const char *sql; } tables[] = {
    { &names->agencies, "SELECT id, coalesce(nullif(short_name, ''), " SAM_NAME ("agency") ") FROM agency" },
    { &names->sectors, "SELECT id, " SAM_NAME ("sector") " FROM sector" },
    { &names->groups, "SELECT id, " SAM_NAME ("target_group") " FROM target_group" },
    { &names->periods, "SELECT id, code FROM reporting_period" },
    { &names->plan_starts, "SELECT id, start_date FROM plan" },
    { &names->plan_ends, "SELECT id, end_date FROM plan" },
  };

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      *tables[i].table = names_table ();
      if (!sam_query_foreach (store, tables[i].sql, NULL, add_name_cb, *tables[i].table, error))
        return NULL;
    }
  return g_steal_pointer (&names);
}

/* Fills @facts for the rules of sam-figures.h from @data, "reported" in
 * @period (NULL: never). Strings in @facts are borrowed from @data and
 * @names. */
void
sam_activity_data_facts (const SamActivityData  *data,
                         const SamActivityNames *names,
                         const SamPeriod        *period,
                         SamActivityFacts       *facts)
{
  gboolean reported = FALSE;

  g_return_if_fail (data != NULL && names != NULL && facts != NULL);
  for (guint i = 0; period && data->reported && i < data->reported->len && !reported; i++)
    reported = g_strcmp0 (g_hash_table_lookup (names->periods, &g_array_index (data->reported, gint64, i)),
                          period->code) == 0;
  *facts = (SamActivityFacts) {
    .status = data->status,
    .progress = data->progress,
    .start_date = data->start_date,
    .due_date = data->due_date,
    .plan_start = g_hash_table_lookup (names->plan_starts, &data->plan_id),
    .plan_end = g_hash_table_lookup (names->plan_ends, &data->plan_id),
    .reported = reported,
  };
}

/* Rows */

typedef struct
{
  GPtrArray  *rows;
  GHashTable *by_id;       /* id → SamActivityData, borrowed */
  guint       which;       /* the link query being read */
} Reading;

static char *
dup_text (SamStmt      *stmt,
          int           column)
{
  return g_strdup (sam_stmt_column_text (stmt, column));
}

static gboolean
add_row_cb (SamStmt       *stmt,
            gpointer       user_data,
            GError       **error)
{
  Reading *r = user_data;
  SamActivityData *data = g_new0 (SamActivityData, 1);

  data->id = sam_stmt_column_int (stmt, 0);
  data->title = dup_text (stmt, 1);
  data->description = dup_text (stmt, 2);
  data->plan_id = sam_stmt_column_int (stmt, 3);
  data->measure_id = sam_stmt_column_int (stmt, 4);
  data->lead_id = sam_stmt_column_int (stmt, 5);
  data->start_date = dup_text (stmt, 6);
  data->due_date = dup_text (stmt, 7);
  data->status = dup_text (stmt, 8);
  data->progress = sam_stmt_column_is_null (stmt, 9) ? -1 : sam_stmt_column_int (stmt, 9);
  g_ptr_array_add (r->rows, data);
  g_hash_table_insert (r->by_id, &data->id, data);
  return TRUE;
}

static GArray **
link_array (SamActivityData *data,
            guint            which)
{
  switch (which)
    {
    case 0: return &data->partners;
    case 1: return &data->sectors;
    case 2: return &data->groups;
    default: return &data->reported;
    }
}

static gboolean
add_link_cb (SamStmt       *stmt,
             gpointer       user_data,
             GError       **error)
{
  Reading *r = user_data;
  gint64 id = sam_stmt_column_int (stmt, 0), value = sam_stmt_column_int (stmt, 1);
  SamActivityData *data = g_hash_table_lookup (r->by_id, &id);
  GArray **array;

  if (data == NULL)
    return TRUE;
  array = link_array (data, r->which);
  if (*array == NULL)
    *array = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (*array, value);
  return TRUE;
}

/* The updates come by activity and time reported: the last one wins. */
static gboolean
add_latest_cb (SamStmt       *stmt,
               gpointer       user_data,
               GError       **error)
{
  Reading *r = user_data;
  gint64 id = sam_stmt_column_int (stmt, 0);
  SamActivityData *data = g_hash_table_lookup (r->by_id, &id);

  if (data != NULL)
    {
      data->latest_period = sam_stmt_column_int (stmt, 1);
      g_free (data->latest_comment);
      data->latest_comment = dup_text (stmt, 2);
    }
  return TRUE;
}

/* By measure, plan and id; sorting here is quicker than in SQL, which
 * would sort the texts along with the ids. */
static int
by_measure_plan_id (gconstpointer a,
                    gconstpointer b)
{
  const SamActivityData *x = *(SamActivityData **) a, *y = *(SamActivityData **) b;

  if (x->measure_id != y->measure_id)
    return x->measure_id < y->measure_id ? -1 : 1;
  if (x->plan_id != y->plan_id)
    return x->plan_id < y->plan_id ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* Which rows a read takes: every activity, one, or the first few in the
 * table's order (measure, plan, id). */
typedef enum {
  READ_ALL,
  READ_ONE,
  READ_FIRST,
} Which;

/* The first ?1 activities in the order they are listed: plans by measure,
 * and activities by plan, from their indexes without sorting. */
#define FIRST_IDS \
  "(SELECT a.id FROM plan p CROSS JOIN activity a ON a.plan_id = p.id ORDER BY p.measure_id, p.id, a.id LIMIT ?1)"

#define ROW_COLUMNS \
  "SELECT a.id, a.title, a.description, a.plan_id, p.measure_id, a.lead_agency_id, " \
  "a.start_date, a.due_date, a.status, a.progress "
#define LINK_SQL(column, table) \
  { "SELECT activity_id, " column " FROM " table " ORDER BY activity_id, position", \
    "SELECT activity_id, " column " FROM " table " WHERE activity_id = ?1 ORDER BY position", \
    "SELECT activity_id, " column " FROM " table " WHERE activity_id IN " FIRST_IDS " ORDER BY activity_id, position" }

/* Each query of a read, per Which. */
static const char *queries[][3] = {
  { ROW_COLUMNS "FROM activity a JOIN plan p ON p.id = a.plan_id",
    ROW_COLUMNS "FROM activity a JOIN plan p ON p.id = a.plan_id WHERE a.id = ?1",
    ROW_COLUMNS "FROM activity a JOIN plan p ON p.id = a.plan_id WHERE a.id IN " FIRST_IDS },
  LINK_SQL ("agency_id", "activity_partner"),
  LINK_SQL ("sector_id", "activity_sector"),
  LINK_SQL ("target_group_id", "activity_target_group"),
  { "SELECT DISTINCT activity_id, period_id FROM status_update",
    "SELECT DISTINCT activity_id, period_id FROM status_update WHERE activity_id = ?1",
    "SELECT DISTINCT activity_id, period_id FROM status_update WHERE activity_id IN " FIRST_IDS },
  /* The updates by activity and time reported: the last one read is the latest. */
  { "SELECT activity_id, period_id, comment FROM status_update ORDER BY activity_id, reported_at, id",
    "SELECT activity_id, period_id, comment FROM status_update WHERE activity_id = ?1 ORDER BY reported_at, id",
    "SELECT activity_id, period_id, comment FROM status_update WHERE activity_id IN " FIRST_IDS
    " ORDER BY activity_id, reported_at, id" },
};

static GPtrArray *
read_rows (SamStore  *store,
           Which      which,
           gint64     param,
           GError   **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_activity_data_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  Reading r = { rows, by_id, 0 };

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      SamStmt *stmt = sam_query_prepare (store, queries[q][which], NULL, error);
      SamRowFunc func = q == 0 ? add_row_cb : q == G_N_ELEMENTS (queries) - 1 ? add_latest_cb : add_link_cb;

      if (stmt == NULL)
        return NULL;
      if (which != READ_ALL)
        sam_stmt_bind_int (stmt, 1, param);
      r.which = q > 0 ? q - 1 : 0;
      if (!sam_query_run (store, stmt, func, &r, error))
        return NULL;
      if (q == 0)
        g_ptr_array_sort (rows, by_measure_plan_id);
    }
  return g_steal_pointer (&rows);
}

/* Returns the activity @id, or every activity when @id is 0, as
 * SamActivityData by measure, plan and id: one query per table, so that
 * 100,000 activities take a handful of queries rather than several per row.
 * Returns NULL with a SamStoreError; an empty array when @id is not there. */
GPtrArray *
sam_activity_data_read (SamStore  *store,
                        gint64     id,
                        GError   **error)
{
  return read_rows (store, id ? READ_ONE : READ_ALL, id, error);
}

/* Returns the first @n activities as sam_activity_data_read() orders them
 * (a screenful, read from the indexes at once however large the plan);
 * NULL with a SamStoreError. */
GPtrArray *
sam_activity_data_read_first (SamStore  *store,
                              guint      n,
                              GError   **error)
{
  return read_rows (store, READ_FIRST, n, error);
}
