#define G_LOG_DOMAIN "sam-coordination"

#include "config.h"

#include "sam-accountability.h"
#include "sam-coordination-private.h"
#include "sam-figures.h"

/* The matrices count live activities only: a cancelled activity is no
 * longer anyone's responsibility and reaches nobody. A missing status reads
 * as planned, as everywhere else. */

/* Headers */

static void
header_free (gpointer data)
{
  SamMatrixHeader *h = data;

  g_free (h->label);
  g_free (h->group);
  g_free (h);
}

static SamMatrixHeader *
header_new (sqlite3_stmt *stmt)
{
  SamMatrixHeader *h = g_new0 (SamMatrixHeader, 1);

  h->id = sqlite3_column_int64 (stmt, 0);
  h->label = g_strdup (sam_query_text (stmt, 1));
  h->number = sqlite3_column_int64 (stmt, 2);
  h->parent_id = sqlite3_column_int64 (stmt, 3);
  return h;
}

static gboolean
add_header_cb (sqlite3_stmt  *stmt,
               gpointer       user_data,
               GError       **error)
{
  g_ptr_array_add (user_data, header_new (stmt));
  return TRUE;
}

/* Columns: the measures, plans or sectors in @scope, in the strategy's order. */
static GPtrArray *
load_columns (SamStore        *store,
              const SamScope  *scope,
              SamKind          kind,
              GError         **error)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (header_free);
  g_autofree char *sql = NULL;

  if (kind == SAM_KIND_MEASURE)
    sql = g_strdup_printf ("SELECT m.id, m.title, m.number, m.focus_area_id FROM measure m "
                           "LEFT JOIN focus_area f ON f.id = m.focus_area_id WHERE %s "
                           "ORDER BY f.number, f.id, m.number, m.id", sam_scope_measure_sql (scope));
  else if (kind == SAM_KIND_PLAN)
    sql = g_strdup_printf ("SELECT p.id, p.title, 0, p.measure_id FROM plan p "
                           "JOIN measure m ON m.id = p.measure_id "
                           "LEFT JOIN focus_area f ON f.id = m.focus_area_id WHERE %s "
                           "ORDER BY f.number, f.id, m.number, m.id, p.start_date, p.id",
                           sam_scope_plan_sql (scope));
  else
    sql = g_strdup ("SELECT id, name, 0, 0 FROM sector ORDER BY name COLLATE NOCASE, id");

  if (!sam_query_foreach (store, sql, scope, add_header_cb, columns, error))
    return NULL;
  return g_steal_pointer (&columns);
}

/* Agency rows, grouped under their ministry */

typedef struct
{
  gint64           id;
  gint64           parent_id;
  char            *name;
  SamMatrixHeader *header;     /* until placed in the rows */
  gboolean         ministry;
  gboolean         in_scope;
  gboolean         placed;
  GPtrArray       *children;   /* of Agency, by name */
} Agency;

typedef struct
{
  GHashTable *by_id;    /* id → Agency */
  GPtrArray  *order;    /* of Agency, by name */
  GPtrArray  *rows;     /* the result, of SamMatrixHeader */
} AgencyTree;

static void
agency_free (gpointer data)
{
  Agency *a = data;

  if (a->header)
    header_free (a->header);
  g_free (a->name);
  g_ptr_array_unref (a->children);
  g_free (a);
}

static gboolean
add_agency_cb (sqlite3_stmt  *stmt,
               gpointer       user_data,
               GError       **error)
{
  AgencyTree *tree = user_data;
  Agency *a = g_new0 (Agency, 1);

  a->header = header_new (stmt);
  a->id = a->header->id;
  a->parent_id = a->header->parent_id;
  a->name = g_strdup (a->header->label);
  a->ministry = sqlite3_column_int (stmt, 4) != 0;
  a->in_scope = sqlite3_column_int (stmt, 5) != 0;
  a->children = g_ptr_array_new ();
  g_hash_table_insert (tree->by_id, &a->id, a);
  g_ptr_array_add (tree->order, a);
  return TRUE;
}

/* Emits @a and the agencies below it, depth first by name; a ministry met
 * on the way starts its own group and is left for later. */
static void
place_subtree (AgencyTree *tree,
               Agency     *a,
               Agency     *ministry,
               guint       depth)
{
  if (a->placed)
    return;
  a->placed = TRUE;
  a->header->group_id = ministry ? ministry->id : 0;
  a->header->group = ministry ? g_strdup (ministry->name) : NULL;
  a->header->depth = depth;
  if (a->in_scope)
    g_ptr_array_add (tree->rows, g_steal_pointer (&a->header));
  for (guint i = 0; i < a->children->len; i++)
    {
      Agency *child = a->children->pdata[i];
      if (!child->ministry)
        place_subtree (tree, child, ministry, depth + 1);
    }
}

static void
place_agencies (AgencyTree *tree)
{
  for (guint i = 0; i < tree->order->len; i++)
    {
      Agency *a = tree->order->pdata[i];
      Agency *parent = g_hash_table_lookup (tree->by_id, &a->parent_id);

      if (parent != NULL && parent != a)
        g_ptr_array_add (parent->children, a);
    }
  /* Ministries first, by name, each with its agencies. */
  for (guint i = 0; i < tree->order->len; i++)
    {
      Agency *a = tree->order->pdata[i];
      if (a->ministry)
        place_subtree (tree, a, a, 0);
    }
  /* Then the agencies under no ministry, from the top of their chains. */
  for (guint i = 0; i < tree->order->len; i++)
    {
      Agency *a = tree->order->pdata[i];
      if (!g_hash_table_contains (tree->by_id, &a->parent_id))
        place_subtree (tree, a, NULL, 0);
    }
  /* Anything left sits in a loop of parents, which the store refuses;
   * show it rather than lose it. */
  for (guint i = 0; i < tree->order->len; i++)
    place_subtree (tree, tree->order->pdata[i], NULL, 0);
}

static GPtrArray *
load_agency_rows (SamStore        *store,
                  const SamScope  *scope,
                  GError         **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT g.id, g.name, 0, g.parent_id, g.kind IS 'ministry', %s "
                                          "FROM agency g ORDER BY g.name COLLATE NOCASE, g.id",
                                          sam_scope_agency_sql (scope));
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (agency_free);
  AgencyTree tree = { by_id, order, g_ptr_array_new_with_free_func (header_free) };

  if (!sam_query_foreach (store, sql, scope, add_agency_cb, &tree, error))
    {
      g_ptr_array_unref (tree.rows);
      return NULL;
    }
  place_agencies (&tree);
  return tree.rows;
}

/* Target group rows, grouped by category */

static gboolean
add_target_group_cb (sqlite3_stmt  *stmt,
                     gpointer       user_data,
                     GError       **error)
{
  SamMatrixHeader *h = header_new (stmt);
  const char *category = sam_query_text (stmt, 4);

  for (const SamEnumValue *v = sam_target_category_values; category && v->nick; v++)
    if (g_str_equal (v->nick, category))
      h->category = v->nick;
  g_ptr_array_add (user_data, h);
  return TRUE;
}

static guint
category_rank (const char *category)
{
  guint rank = 0;

  for (const SamEnumValue *v = sam_target_category_values; v->nick; v++, rank++)
    if (category == v->nick)
      return rank;
  return rank;
}

static gint
compare_category (gconstpointer a,
                  gconstpointer b)
{
  const SamMatrixHeader *x = *(SamMatrixHeader * const *) a;
  const SamMatrixHeader *y = *(SamMatrixHeader * const *) b;

  return (gint) category_rank (x->category) - (gint) category_rank (y->category);
}

static GPtrArray *
load_target_group_rows (SamStore  *store,
                        GError   **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (header_free);

  if (!sam_query_foreach (store, "SELECT id, name, 0, parent_id, category FROM target_group "
                          "ORDER BY name COLLATE NOCASE, id", NULL,
                          add_target_group_cb, rows, error))
    return NULL;
  /* A stable sort keeps the names in order within each category. */
  g_ptr_array_sort (rows, compare_category);
  return g_steal_pointer (&rows);
}

/* Cells */

/* The activity table as the aggregates walk it: see
 * SAM_ACTIVITIES_IN_STORED_ORDER. */
static const char *
activity_table (const SamScope *scope)
{
  return sam_scope_is_whole (scope) ? SAM_ACTIVITIES_IN_STORED_ORDER : "activity a";
}


typedef struct
{
  SamMatrix  *matrix;
  GHashTable *row_index;     /* id → index + 1 */
  GHashTable *column_index;
} Filling;

static GHashTable *
index_headers (GPtrArray *headers)
{
  GHashTable *index = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < headers->len; i++)
    g_hash_table_insert (index, &((SamMatrixHeader *) headers->pdata[i])->id, GUINT_TO_POINTER (i + 1));
  return index;
}

/* Each row of a cell query is (value, row id, column id, count). */
static gboolean
add_cell_cb (sqlite3_stmt  *stmt,
             gpointer       user_data,
             GError       **error)
{
  Filling *f = user_data;
  guint value = (guint) sqlite3_column_int (stmt, 0);
  gint64 row_id = sqlite3_column_int64 (stmt, 1), column_id = sqlite3_column_int64 (stmt, 2);
  guint row = GPOINTER_TO_UINT (g_hash_table_lookup (f->row_index, &row_id));
  guint column = GPOINTER_TO_UINT (g_hash_table_lookup (f->column_index, &column_id));
  SamMatrix *m = f->matrix;

  if (row == 0 || column == 0 || value >= m->n_values)
    return TRUE;   /* outside the scope's rows or columns */
  m->cells[((gsize) (row - 1) * m->columns->len + (column - 1)) * m->n_values + value]
    += (guint) sqlite3_column_int64 (stmt, 3);
  return TRUE;
}

static gboolean
fill_cells (SamStore        *store,
            SamMatrix       *matrix,
            const SamScope  *scope,
            const char      *sql,
            GError         **error)
{
  g_autoptr(GHashTable) rows = index_headers (matrix->rows);
  g_autoptr(GHashTable) columns = index_headers (matrix->columns);
  Filling filling = { matrix, rows, columns };

  matrix->cells = g_new0 (guint, (gsize) matrix->rows->len * matrix->columns->len * matrix->n_values);
  return sam_query_foreach (store, sql, scope, add_cell_cb, &filling, error);
}

static SamMatrix *
matrix_new (SamMatrixKind kind,
            SamKind       row_kind,
            SamKind       column_kind)
{
  SamMatrix *m = g_new0 (SamMatrix, 1);

  m->kind = kind;
  m->row_kind = row_kind;
  m->column_kind = column_kind;
  m->n_values = kind == SAM_MATRIX_RESPONSIBILITY ? 3 : 1;
  return m;
}

typedef struct
{
  Filling  filling;
  gboolean by_plan;
} Accounting;

/* Each row of sam_accountability_foreach() is one mark in one cell. */
static gboolean
add_account_cb (const SamAccountRow  *row,
                gpointer              user_data,
                GError              **error)
{
  Accounting *a = user_data;
  gint64 column_id = a->by_plan ? row->plan_id : row->measure_id;
  guint r = GPOINTER_TO_UINT (g_hash_table_lookup (a->filling.row_index, &row->agency_id));
  guint c = GPOINTER_TO_UINT (g_hash_table_lookup (a->filling.column_index, &column_id));
  guint value = row->role == SAM_ACCOUNT_LEAD ? SAM_MATRIX_LEAD
                : row->role == SAM_ACCOUNT_PARTNER ? SAM_MATRIX_PARTNER : SAM_MATRIX_SECTOR;
  SamMatrix *m = a->filling.matrix;

  if (r > 0 && c > 0)   /* else outside the scope's rows or columns */
    m->cells[((gsize) (r - 1) * m->columns->len + (c - 1)) * m->n_values + value]++;
  return TRUE;
}

/* Public API */

/* Returns the responsibility matrix of @scope (NULL: the whole strategy):
 * rows are the agencies, grouped under their ministry (see
 * SamMatrixHeader), columns the measures or plans (@columns is
 * SAM_KIND_MEASURE or SAM_KIND_PLAN); each cell holds how many live
 * activities there the agency leads (SAM_MATRIX_LEAD), takes part in as
 * a partner (SAM_MATRIX_PARTNER), and, where they name no lead, answers
 * for by sector responsibility (SAM_MATRIX_SECTOR; see
 * sam-accountability.h). Agency and ministry scopes keep only their
 * agencies as rows and count only their activities. Returns NULL with a
 * SamStoreError on a database error; free with sam_matrix_free(). */
SamMatrix *
sam_coordination_responsibility (SamStore        *store,
                                 const SamScope  *scope,
                                 SamKind          columns,
                                 GError         **error)
{
  g_autoptr(SamMatrix) m = NULL;
  g_autoptr(GHashTable) rows = NULL, columns_index = NULL;
  Accounting accounting;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (columns == SAM_KIND_MEASURE || columns == SAM_KIND_PLAN, NULL);

  m = matrix_new (SAM_MATRIX_RESPONSIBILITY, SAM_KIND_AGENCY, columns);
  if (!(m->rows = load_agency_rows (store, scope, error))
      || !(m->columns = load_columns (store, scope, columns, error)))
    return NULL;
  /* One row per lead, partner or ministry by sector responsibility, added
   * up here: a GROUP BY would sort them all first, which took longer than
   * the walk (see sam-accountability.c for the walk). */
  rows = index_headers (m->rows);
  columns_index = index_headers (m->columns);
  m->cells = g_new0 (guint, (gsize) m->rows->len * m->columns->len * m->n_values);
  accounting = (Accounting) { { m, rows, columns_index }, columns == SAM_KIND_PLAN };
  if (!sam_accountability_foreach (store, scope, 0, SAM_ACCOUNT_ALL | SAM_ACCOUNT_IDS_ONLY,
                                   add_account_cb, &accounting, error))
    return NULL;
  return g_steal_pointer (&m);
}

/* Returns the coverage matrix of @scope: rows are the target groups,
 * grouped by category, columns the sectors or plans (@columns is
 * SAM_KIND_SECTOR or SAM_KIND_PLAN); each cell (SAM_MATRIX_REACHED) holds
 * how many live activities in scope reach the group there. An activity
 * reaches group G in sector S when G is among its target groups and S among
 * its sectors, and in its own plan when G is among its target groups. A
 * zero cell is a gap. Only the groups an activity names count: reaching a
 * sub-group does not count for its parent. Returns NULL with a
 * SamStoreError on a database error. */
SamMatrix *
sam_coordination_coverage (SamStore        *store,
                           const SamScope  *scope,
                           SamKind          columns,
                           GError         **error)
{
  g_autoptr(SamMatrix) m = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (columns == SAM_KIND_SECTOR || columns == SAM_KIND_PLAN, NULL);

  m = matrix_new (SAM_MATRIX_COVERAGE, SAM_KIND_TARGET_GROUP, columns);
  if (!(m->rows = load_target_group_rows (store, error))
      || !(m->columns = load_columns (store, scope, columns, error)))
    return NULL;
  /* As for responsibility: a row per pair, added up in fill_cells(). */
  if (columns == SAM_KIND_SECTOR)
    sql = g_strdup_printf ("SELECT 0, tg.target_group_id, s.sector_id, 1 FROM %s "
                           "CROSS JOIN activity_target_group tg ON tg.activity_id = a.id "
                           "CROSS JOIN activity_sector s ON s.activity_id = a.id "
                           "WHERE " SAM_LIVE_ACTIVITY " AND %s",
                           activity_table (scope), sam_scope_activity_sql (scope));
  else
    sql = g_strdup_printf ("SELECT 0, tg.target_group_id, a.plan_id, 1 FROM %s "
                           "CROSS JOIN activity_target_group tg ON tg.activity_id = a.id "
                           "WHERE " SAM_LIVE_ACTIVITY " AND %s",
                           activity_table (scope), sam_scope_activity_sql (scope));
  if (!fill_cells (store, m, scope, sql, error))
    return NULL;
  return g_steal_pointer (&m);
}

/* Returns value @value (SAM_MATRIX_LEAD, _PARTNER or _REACHED) of a cell. */
guint
sam_matrix_get (const SamMatrix *matrix,
                guint            row,
                guint            column,
                guint            value)
{
  g_return_val_if_fail (matrix != NULL, 0);
  g_return_val_if_fail (row < matrix->rows->len && column < matrix->columns->len, 0);
  g_return_val_if_fail (value < matrix->n_values, 0);

  return matrix->cells[((gsize) row * matrix->columns->len + column) * matrix->n_values + value];
}

/* Returns TRUE when every cell of @row is zero. */
gboolean
sam_matrix_row_is_empty (const SamMatrix *matrix,
                         guint            row)
{
  gsize width;

  g_return_val_if_fail (matrix != NULL && row < matrix->rows->len, TRUE);
  width = (gsize) matrix->columns->len * matrix->n_values;
  for (gsize i = 0; i < width; i++)
    if (matrix->cells[row * width + i] != 0)
      return FALSE;
  return TRUE;
}

static gint
find_header (GPtrArray *headers,
             gint64     id)
{
  for (guint i = 0; i < headers->len; i++)
    if (((SamMatrixHeader *) headers->pdata[i])->id == id)
      return (gint) i;
  return -1;
}

/* Returns the index of the row for record @id, or -1. */
gint
sam_matrix_find_row (const SamMatrix *matrix,
                     gint64           id)
{
  g_return_val_if_fail (matrix != NULL, -1);
  return find_header (matrix->rows, id);
}

gint
sam_matrix_find_column (const SamMatrix *matrix,
                        gint64           id)
{
  g_return_val_if_fail (matrix != NULL, -1);
  return find_header (matrix->columns, id);
}

void
sam_matrix_free (SamMatrix *matrix)
{
  if (matrix == NULL)
    return;
  g_clear_pointer (&matrix->rows, g_ptr_array_unref);
  g_clear_pointer (&matrix->columns, g_ptr_array_unref);
  g_free (matrix->cells);
  g_free (matrix);
}

/* Differing messages */

static void
message_flag_free (gpointer data)
{
  SamMessageFlag *flag = data;

  g_free (flag->target_group);
  g_free (flag->period);
  g_free (flag);
}

/* An information activity with a message, and the groups it reaches. */
typedef struct
{
  gint64  plan_id;
  char   *message;     /* trimmed */
  GArray *groups;      /* gint64 target group ids */
} Informing;

static void
informing_free (gpointer data)
{
  Informing *i = data;

  g_free (i->message);
  g_array_unref (i->groups);
  g_free (i);
}

/* The messages and activities that reach one group in one period. */
typedef struct
{
  gint64      group;
  guint       period;      /* its place in the periods */
  GHashTable *messages;    /* distinct trimmed messages */
  guint       activities;
} Reach;

static void
reach_free (gpointer data)
{
  Reach *r = data;

  g_hash_table_unref (r->messages);
  g_free (r);
}

typedef struct
{
  GHashTable *informing;   /* activity id → Informing */
  GHashTable *names;       /* target group id → name */
  GHashTable *ties;        /* period code → GArray of the plan ids its rows are tied to, or
                            * NULL (no array) when a row is tied to none */
  GPtrArray  *periods;     /* SamPeriod */
  GHashTable *reach;       /* "group period" → Reach */
} Flagging;

static gboolean
add_informing_cb (sqlite3_stmt  *stmt,
                  gpointer       user_data,
                  GError       **error)
{
  Flagging *f = user_data;
  gint64 id = sqlite3_column_int64 (stmt, 0), group = sqlite3_column_int64 (stmt, 3);
  Informing *i = g_hash_table_lookup (f->informing, &id);

  if (i == NULL)
    {
      i = g_new0 (Informing, 1);
      i->plan_id = sqlite3_column_int64 (stmt, 1);
      i->message = g_strdup (sam_query_text (stmt, 2));
      i->groups = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (f->informing, g_memdup2 (&id, sizeof id), i);
    }
  g_array_append_val (i->groups, group);
  g_hash_table_replace (f->names, g_memdup2 (&group, sizeof group), g_strdup (sam_query_text (stmt, 4)));
  return TRUE;
}

static void
plans_free (gpointer plans)
{
  if (plans)
    g_array_unref (plans);
}

static gboolean
add_tie_cb (sqlite3_stmt  *stmt,
            gpointer       user_data,
            GError       **error)
{
  Flagging *f = user_data;
  const char *code = sam_query_text (stmt, 0);
  gint64 plan = sqlite3_column_int64 (stmt, 1);
  GArray *plans;

  if (g_hash_table_lookup_extended (f->ties, code, NULL, (gpointer *) &plans) && plans == NULL)
    return TRUE;      /* one row for every plan: the period is everyone's */
  if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
    {
      g_hash_table_replace (f->ties, g_strdup (code), NULL);
      return TRUE;
    }
  if (plans == NULL)
    {
      plans = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_replace (f->ties, g_strdup (code), plans);
    }
  g_array_append_val (plans, plan);
  return TRUE;
}

/* Whether a period tied to plans counts activity @i of its plan. */
static gboolean
counts_plan (Flagging        *f,
             const SamPeriod *period,
             const Informing *i)
{
  GArray *plans = g_hash_table_lookup (f->ties, period->code);

  for (guint k = 0; plans && k < plans->len; k++)
    if (g_array_index (plans, gint64, k) == i->plan_id)
      return TRUE;
  return plans == NULL;
}

static gboolean
add_reach_cb (const SamActivityFactsRow  *row,
              guint                       index,
              gpointer                    user_data,
              GError                    **error)
{
  Flagging *f = user_data;
  const SamPeriod *period = f->periods->pdata[index];
  Informing *i = g_hash_table_lookup (f->informing, &row->id);

  if (i == NULL || !sam_facts_is_live (&row->facts) || !sam_facts_runs_in (&row->facts, period)
      || !counts_plan (f, period, i))
    return TRUE;
  for (guint k = 0; k < i->groups->len; k++)
    {
      gint64 group = g_array_index (i->groups, gint64, k);
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT " %u", group, index);
      Reach *r = g_hash_table_lookup (f->reach, key);

      if (r == NULL)
        {
          r = g_new0 (Reach, 1);
          *r = (Reach) { group, index, g_hash_table_new (g_str_hash, g_str_equal), 0 };
          g_hash_table_insert (f->reach, g_steal_pointer (&key), r);
        }
      g_hash_table_add (r->messages, i->message);
      r->activities++;
    }
  return TRUE;
}

/* By group name (as the lists sort names), group id and period. */
static int
by_group_and_period (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const Reach *x = *(Reach **) a, *y = *(Reach **) b;
  GHashTable *names = user_data;
  g_autofree char *kx = g_utf8_casefold (g_hash_table_lookup (names, &x->group), -1);
  g_autofree char *ky = g_utf8_casefold (g_hash_table_lookup (names, &y->group), -1);
  int by_name = g_utf8_collate (kx, ky);

  if (by_name)
    return by_name;
  if (x->group != y->group)
    return x->group < y->group ? -1 : 1;
  return x->period < y->period ? -1 : x->period > y->period;
}

static void
flagging_clear (Flagging *f)
{
  g_clear_pointer (&f->informing, g_hash_table_unref);
  g_clear_pointer (&f->names, g_hash_table_unref);
  g_clear_pointer (&f->ties, g_hash_table_unref);
  g_clear_pointer (&f->periods, g_ptr_array_unref);
  g_clear_pointer (&f->reach, g_hash_table_unref);
}

/* Returns the target groups that several information activities in
 * @scope (activities of plans of kind "information"), live as at a
 * reporting period and running in it by the rules of sam-figures.h, reach
 * in that period with different non-empty messages, as a GPtrArray of
 * SamMessageFlag, one per group and period, by group name and period.
 *
 * A period whose rows are all tied to plans only counts those plans'
 * activities. Periods are judged with @today (NULL: today). Messages are
 * compared after trimming white space at both ends. Returns NULL with a
 * SamStoreError on a database error. */
GPtrArray *
sam_coordination_message_flags (SamStore        *store,
                                const SamScope  *scope,
                                const char      *today,
                                GError         **error)
{
  g_autoptr(GPtrArray) flags = g_ptr_array_new_with_free_func (message_flag_free);
  g_autofree char *sql = NULL, *now = today ? NULL : sam_today ();
  Flagging f = {
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, informing_free),
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, plans_free),
    NULL,
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, reach_free),
  };
  g_autoptr(GPtrArray) reaches = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;
  gboolean ok;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);

  sql = g_strdup_printf (
    "SELECT a.id, a.plan_id, " SAM_TRIMMED_MESSAGE ", tg.target_group_id, t.name FROM activity a "
    "CROSS JOIN plan p ON p.id = a.plan_id AND p.kind = 'information' "
    "CROSS JOIN activity_target_group tg ON tg.activity_id = a.id "
    "JOIN target_group t ON t.id = tg.target_group_id "
    "WHERE " SAM_TRIMMED_MESSAGE " <> '' AND %s ORDER BY a.id, tg.position",
    sam_scope_activity_sql (scope));
  ok = sam_query_foreach (store, sql, scope, add_informing_cb, &f, error)
       && sam_query_foreach (store, "SELECT code, plan_id FROM reporting_period", NULL, add_tie_cb, &f, error)
       && (f.periods = sam_period_list (store, error)) != NULL
       && (g_hash_table_size (f.informing) == 0
           || sam_figures_foreach_periods (store, scope, f.periods, today ? today : now, f.informing, add_reach_cb,
                                           &f, error));
  g_hash_table_iter_init (&iter, f.reach);
  while (ok && g_hash_table_iter_next (&iter, NULL, &value))
    if (g_hash_table_size (((Reach *) value)->messages) >= 2)
      g_ptr_array_add (reaches, value);
  g_ptr_array_sort_with_data (reaches, by_group_and_period, f.names);
  for (guint i = 0; i < reaches->len; i++)
    {
      Reach *r = reaches->pdata[i];
      SamMessageFlag *flag = g_new0 (SamMessageFlag, 1);

      flag->target_group_id = r->group;
      flag->target_group = g_strdup (g_hash_table_lookup (f.names, &r->group));
      flag->period = g_strdup (((SamPeriod *) f.periods->pdata[r->period])->code);
      flag->n_messages = g_hash_table_size (r->messages);
      flag->n_activities = r->activities;
      g_ptr_array_add (flags, flag);
    }
  flagging_clear (&f);
  if (!ok)
    return NULL;
  return g_steal_pointer (&flags);
}
