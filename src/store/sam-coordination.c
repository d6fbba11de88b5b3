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
header_new (SamStmt      *stmt)
{
  SamMatrixHeader *h = g_new0 (SamMatrixHeader, 1);

  h->id = sam_stmt_column_int (stmt, 0);
  h->label = g_strdup (sam_stmt_column_text (stmt, 1));
  h->number = sam_stmt_column_int (stmt, 2);
  h->parent_id = sam_stmt_column_int (stmt, 3);
  return h;
}

static gboolean
add_header_cb (SamStmt       *stmt,
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
    sql = g_strdup_printf ("SELECT m.id, " SAM_TITLE ("m") ", m.number, m.focus_area_id FROM measure m "
                           "LEFT JOIN focus_area f ON f.id = m.focus_area_id WHERE %s "
                           "ORDER BY f.number, f.id, m.number, m.id", sam_scope_measure_sql (scope));
  else if (kind == SAM_KIND_PLAN)
    sql = g_strdup_printf ("SELECT p.id, p.title, 0, p.measure_id FROM plan p "
                           "JOIN measure m ON m.id = p.measure_id "
                           "LEFT JOIN focus_area f ON f.id = m.focus_area_id WHERE %s "
                           "ORDER BY f.number, f.id, m.number, m.id, p.start_date, p.id",
                           sam_scope_plan_sql (scope));
  else
    sql = g_strdup_printf ("SELECT c.id, " SAM_NAME ("c") ", 0, 0 FROM sector c ORDER BY " SAM_NAME ("c") " %s, c.id",
                           sam_store_sql (store, SAM_SQL_NOCASE));

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
add_agency_cb (SamStmt       *stmt,
               gpointer       user_data,
               GError       **error)
{
  AgencyTree *tree = user_data;
  Agency *a = g_new0 (Agency, 1);

  a->header = header_new (stmt);
  a->id = a->header->id;
  a->parent_id = a->header->parent_id;
  a->name = g_strdup (a->header->label);
  a->ministry = sam_stmt_column_int (stmt, 4) != 0;
  a->in_scope = sam_stmt_column_int (stmt, 5) != 0;
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
  g_autofree char *sql = g_strdup_printf ("SELECT g.id, " SAM_NAME ("g") ", 0, g.parent_id, g.kind IS NOT DISTINCT FROM 'ministry', %s "
                                          "FROM agency g ORDER BY " SAM_NAME ("g") " %s, g.id",
                                          sam_scope_agency_sql (scope), sam_store_sql (store, SAM_SQL_NOCASE));
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
add_target_group_cb (SamStmt       *stmt,
                     gpointer       user_data,
                     GError       **error)
{
  SamMatrixHeader *h = header_new (stmt);
  const char *category = sam_stmt_column_text (stmt, 4);

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
  g_autofree char *sql = g_strdup_printf ("SELECT t.id, " SAM_NAME ("t") ", 0, t.parent_id, t.category FROM target_group t "
                                          "ORDER BY " SAM_NAME ("t") " %s, t.id", sam_store_sql (store, SAM_SQL_NOCASE));

  if (!sam_query_foreach (store, sql, NULL, add_target_group_cb, rows, error))
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


/* The cells of a matrix: rows × columns × n_values counts, dense when
 * that is small (as it is for any real plan: 550 agencies × 204 plans),
 * else only those that hold something, each row's sorted by column, so
 * that memory follows the data and never rows × columns (20,000 target
 * groups × 20,000 sectors would take 1.6 GB). Columns past the limit the
 * matrix was made with are counted, not kept. */
#define DENSE_LIMIT (4u * 1024 * 1024)

/* The most values a cell holds: lead, partner and sector responsibility. */
#define MAX_VALUES 3

typedef struct
{
  guint column;
  guint values[MAX_VALUES];
} SparseCell;

struct _SamMatrixCells
{
  guint    n_rows;
  guint    n_columns;      /* those in the matrix's columns, a note excluded */
  guint    n_values;
  guint   *dense;          /* n_rows × n_columns × n_values, or NULL */
  GArray **sparse;         /* per row: SparseCell by column, or NULL */
  guint64  filled;         /* cells with a count, left-out columns included */
  GHashTable *filling;     /* while filling, sparse: (row, column) → index in its row + 1 */
  GHashTable *left_out;    /* while filling: the cells with a count in left-out columns */
};

static void
cells_free (SamMatrixCells *cells)
{
  if (cells == NULL)
    return;
  g_free (cells->dense);
  for (guint r = 0; cells->sparse && r < cells->n_rows; r++)
    if (cells->sparse[r])
      g_array_unref (cells->sparse[r]);
  g_free (cells->sparse);
  g_clear_pointer (&cells->filling, g_hash_table_unref);
  g_clear_pointer (&cells->left_out, g_hash_table_unref);
  g_free (cells);
}

static SamMatrixCells *
cells_new (guint n_rows,
           guint n_columns,
           guint n_values)
{
  SamMatrixCells *cells = g_new0 (SamMatrixCells, 1);

  cells->n_rows = n_rows;
  cells->n_columns = n_columns;
  cells->n_values = n_values;
  if ((guint64) n_rows * n_columns * n_values <= DENSE_LIMIT)
    cells->dense = g_new0 (guint, (gsize) n_rows * n_columns * n_values);
  else
    {
      cells->sparse = g_new0 (GArray *, MAX (n_rows, 1));
      cells->filling = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
    }
  cells->left_out = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  return cells;
}

static gint64 *
cell_key (guint row,
          guint column)
{
  gint64 *key = g_new (gint64, 1);

  *key = ((gint64) row << 32) | column;
  return key;
}

/* Adds @n to value @value of cell (@row, @column); @column may be one
 * left out, which only counts as filled. */
static void
cells_add (SamMatrixCells *cells,
           guint           row,
           guint           column,
           guint           value,
           guint           n)
{
  gint64 key = ((gint64) row << 32) | column;
  gpointer index;

  if (column >= cells->n_columns)
    {
      if (n > 0 && !g_hash_table_contains (cells->left_out, &key))
        {
          g_hash_table_add (cells->left_out, cell_key (row, column));
          cells->filled++;
        }
      return;
    }
  if (cells->dense)
    {
      cells->dense[((gsize) row * cells->n_columns + column) * cells->n_values + value] += n;
      return;
    }
  if (cells->sparse[row] == NULL)
    cells->sparse[row] = g_array_new (FALSE, TRUE, sizeof (SparseCell));
  if ((index = g_hash_table_lookup (cells->filling, &key)) == NULL)
    {
      SparseCell cell = { column, { 0 } };

      g_array_append_val (cells->sparse[row], cell);
      index = GUINT_TO_POINTER (cells->sparse[row]->len);
      g_hash_table_insert (cells->filling, cell_key (row, column), index);
    }
  g_array_index (cells->sparse[row], SparseCell, GPOINTER_TO_UINT (index) - 1).values[value] += n;
}

static gint
compare_cells (gconstpointer a,
               gconstpointer b)
{
  guint x = ((const SparseCell *) a)->column, y = ((const SparseCell *) b)->column;

  return x < y ? -1 : x > y;
}

static gboolean
has_count (const guint *values,
           guint        n_values)
{
  for (guint v = 0; v < n_values; v++)
    if (values[v] != 0)
      return TRUE;
  return FALSE;
}

/* Ends the filling: sorts each row's cells for lookups and counts the
 * cells that hold something. */
static void
cells_done (SamMatrixCells *cells)
{
  g_clear_pointer (&cells->filling, g_hash_table_unref);
  g_clear_pointer (&cells->left_out, g_hash_table_unref);
  for (gsize i = 0; cells->dense && i < (gsize) cells->n_rows * cells->n_columns; i++)
    cells->filled += has_count (cells->dense + i * cells->n_values, cells->n_values);
  for (guint r = 0; cells->sparse && r < cells->n_rows; r++)
    if (cells->sparse[r])
      {
        g_array_sort (cells->sparse[r], compare_cells);
        for (guint i = 0; i < cells->sparse[r]->len; i++)
          cells->filled += has_count (g_array_index (cells->sparse[r], SparseCell, i).values, cells->n_values);
      }
}

static const SparseCell *
cells_find (const SamMatrixCells *cells,
            guint                 row,
            guint                 column)
{
  GArray *line = cells->sparse[row];
  guint low = 0, high = line ? line->len : 0;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;
      const SparseCell *cell = &g_array_index (line, SparseCell, mid);

      if (cell->column == column)
        return cell;
      if (cell->column < column)
        low = mid + 1;
      else
        high = mid;
    }
  return NULL;
}

static guint
cells_get (const SamMatrixCells *cells,
           guint                 row,
           guint                 column,
           guint                 value)
{
  const SparseCell *cell;

  if (column >= cells->n_columns)
    return 0;
  if (cells->dense)
    return cells->dense[((gsize) row * cells->n_columns + column) * cells->n_values + value];
  cell = cells_find (cells, row, column);
  return cell ? cell->values[value] : 0;
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
add_cell_cb (SamStmt       *stmt,
             gpointer       user_data,
             GError       **error)
{
  Filling *f = user_data;
  guint value = (guint) sam_stmt_column_int (stmt, 0);
  gint64 row_id = sam_stmt_column_int (stmt, 1), column_id = sam_stmt_column_int (stmt, 2);
  guint row = GPOINTER_TO_UINT (g_hash_table_lookup (f->row_index, &row_id));
  guint column = GPOINTER_TO_UINT (g_hash_table_lookup (f->column_index, &column_id));
  SamMatrix *m = f->matrix;

  if (row == 0 || column == 0 || value >= m->n_values)
    return TRUE;   /* outside the scope's rows or columns */
  cells_add (m->cells, row - 1, column - 1, value, (guint) sam_stmt_column_int (stmt, 3));
  return TRUE;
}

/* Begins filling the cells of @matrix, whose columns are all there are;
 * fill_end() keeps the first @max_columns of them. */
static guint
fill_begin (SamMatrix *matrix,
            guint      max_columns)
{
  guint n_columns = MIN (matrix->columns->len, max_columns);

  g_assert (matrix->n_values <= MAX_VALUES);
  matrix->cells = cells_new (matrix->rows->len, n_columns, matrix->n_values);
  return n_columns;
}

static void
fill_end (SamMatrix *matrix,
          guint      n_columns)
{
  cells_done (matrix->cells);
  matrix->n_columns_left_out = matrix->columns->len - n_columns;
  g_ptr_array_set_size (matrix->columns, n_columns);
}

/* Fills the cells of @matrix from @sql, each row (value, row id, column
 * id, count); keeps the first @max_columns columns. */
static gboolean
fill_cells (SamStore        *store,
            SamMatrix       *matrix,
            const SamScope  *scope,
            const char      *sql,
            guint            max_columns,
            GError         **error)
{
  g_autoptr(GHashTable) rows = index_headers (matrix->rows);
  g_autoptr(GHashTable) columns = index_headers (matrix->columns);
  Filling filling = { matrix, rows, columns };
  guint n_columns = fill_begin (matrix, max_columns);

  if (!sam_query_foreach (store, sql, scope, add_cell_cb, &filling, error))
    return FALSE;
  fill_end (matrix, n_columns);
  return TRUE;
}

typedef struct
{
  Filling  filling;
  gboolean by_plan;
  guint    n_columns;   /* of the matrix's columns, those it keeps */
} Accounting;

typedef struct
{
  Accounting *each;
  guint       n;
} Accountings;

/* Each row of sam_accountability_foreach() is one mark in one cell of
 * each matrix filled. */
static gboolean
add_account_cb (const SamAccountRow  *row,
                gpointer              user_data,
                GError              **error)
{
  Accountings *all = user_data;
  guint value = row->role == SAM_ACCOUNT_LEAD ? SAM_MATRIX_LEAD
                : row->role == SAM_ACCOUNT_PARTNER ? SAM_MATRIX_PARTNER : SAM_MATRIX_SECTOR;

  for (guint i = 0; i < all->n; i++)
    {
      Accounting *a = &all->each[i];
      gint64 column_id = a->by_plan ? row->plan_id : row->measure_id;
      guint r = GPOINTER_TO_UINT (g_hash_table_lookup (a->filling.row_index, &row->agency_id));
      guint c = GPOINTER_TO_UINT (g_hash_table_lookup (a->filling.column_index, &column_id));

      if (r > 0 && c > 0)   /* else outside the scope's rows or columns */
        cells_add (a->filling.matrix->cells, r - 1, c - 1, value, 1);
    }
  return TRUE;
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

/* Ends the window's matrix @m with a note column when columns were left
 * out. */
static SamMatrix *
add_note (SamMatrix *m)
{
  SamMatrixHeader *note;

  if (m == NULL || m->n_columns_left_out == 0)
    return m;
  note = g_new0 (SamMatrixHeader, 1);
  note->label = m->column_kind == SAM_KIND_SECTOR
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+ %u more sector, too many to show here",
                                    "+ %u more sectors, too many to show here", m->n_columns_left_out),
                       m->n_columns_left_out)
    : m->column_kind == SAM_KIND_PLAN
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+ %u more plan, too many to show here",
                                    "+ %u more plans, too many to show here", m->n_columns_left_out),
                       m->n_columns_left_out)
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+ %u more measure, too many to show here",
                                    "+ %u more measures, too many to show here", m->n_columns_left_out),
                       m->n_columns_left_out);
  g_ptr_array_add (m->columns, note);
  return m;
}

static void
accounting_clear (Accounting *a)
{
  g_clear_pointer (&a->filling.row_index, g_hash_table_unref);
  g_clear_pointer (&a->filling.column_index, g_hash_table_unref);
  g_clear_pointer (&a->filling.matrix, sam_matrix_free);
}

/* Sets @a up to fill the responsibility matrix of @scope by @columns
 * (SAM_KIND_MEASURE or SAM_KIND_PLAN), keeping the first @max_columns;
 * clear it with accounting_clear() whatever this returns. */
static gboolean
accounting_begin (SamStore        *store,
                  const SamScope  *scope,
                  SamKind          columns,
                  guint            max_columns,
                  Accounting      *a,
                  GError         **error)
{
  SamMatrix *m = matrix_new (SAM_MATRIX_RESPONSIBILITY, SAM_KIND_AGENCY, columns);

  *a = (Accounting) { { m, NULL, NULL }, columns == SAM_KIND_PLAN, 0 };
  if (!(m->rows = load_agency_rows (store, scope, error))
      || !(m->columns = load_columns (store, scope, columns, error)))
    return FALSE;
  a->filling.row_index = index_headers (m->rows);
  a->filling.column_index = index_headers (m->columns);
  a->n_columns = fill_begin (m, max_columns);
  return TRUE;
}

/* Ends @a's filling and returns its matrix. */
static SamMatrix *
accounting_end (Accounting *a)
{
  SamMatrix *m = g_steal_pointer (&a->filling.matrix);

  accounting_clear (a);
  fill_end (m, a->n_columns);
  return m;
}

/* Fills the responsibility matrices @each (@n of them) from one walk of
 * who answers for what in @scope: a row per lead, partner or ministry by
 * sector responsibility, added up here (a GROUP BY would sort them all
 * first, which took longer than the walk; see sam-accountability.c). */
static gboolean
account (SamStore        *store,
         const SamScope  *scope,
         Accounting      *each,
         guint            n,
         GError         **error)
{
  Accountings all = { each, n };

  return sam_accountability_foreach (store, scope, 0, SAM_ACCOUNT_ALL | SAM_ACCOUNT_IDS_ONLY,
                                     add_account_cb, &all, error);
}

static SamMatrix *
responsibility (SamStore        *store,
                const SamScope  *scope,
                SamKind          columns,
                guint            max_columns,
                GError         **error)
{
  Accounting a = { { NULL } };
  SamMatrix *m = NULL;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (columns == SAM_KIND_MEASURE || columns == SAM_KIND_PLAN, NULL);

  if (accounting_begin (store, scope, columns, max_columns, &a, error) && account (store, scope, &a, 1, error))
    m = accounting_end (&a);
  accounting_clear (&a);
  return m;
}

static SamMatrix *
coverage (SamStore        *store,
          const SamScope  *scope,
          SamKind          columns,
          guint            max_columns,
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
  if (!fill_cells (store, m, scope, sql, max_columns, error))
    return NULL;
  return g_steal_pointer (&m);
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
  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  return add_note (responsibility (store, scope, columns, SAM_MATRIX_MAX_COLUMNS, error));
}

/* Returns the responsibility matrix as sam_coordination_responsibility()
 * does, with up to @max_columns columns and no note (see SamMatrix). */
SamMatrix *
sam_coordination_responsibility_at_most (SamStore        *store,
                                         const SamScope  *scope,
                                         SamKind          columns,
                                         guint            max_columns,
                                         GError         **error)
{
  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  return responsibility (store, scope, columns, max_columns, error);
}

/* Sets *@by_measure and *@by_plan to the responsibility matrices by
 * measure and by plan, as sam_coordination_responsibility_at_most() makes
 * each, from one walk of who answers for what. Returns FALSE with a
 * SamStoreError (and sets neither) on a database error. */
gboolean
sam_coordination_responsibility_both (SamStore        *store,
                                      const SamScope  *scope,
                                      guint            max_columns,
                                      SamMatrix      **by_measure,
                                      SamMatrix      **by_plan,
                                      GError         **error)
{
  Accounting each[2] = { { { NULL } } };
  gboolean ok;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (by_measure != NULL && by_plan != NULL, FALSE);

  ok = accounting_begin (store, scope, SAM_KIND_MEASURE, max_columns, &each[0], error)
       && accounting_begin (store, scope, SAM_KIND_PLAN, max_columns, &each[1], error)
       && account (store, scope, each, G_N_ELEMENTS (each), error);
  if (ok)
    {
      *by_measure = accounting_end (&each[0]);
      *by_plan = accounting_end (&each[1]);
    }
  accounting_clear (&each[0]);
  accounting_clear (&each[1]);
  return ok;
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
  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  return add_note (coverage (store, scope, columns, SAM_MATRIX_MAX_COLUMNS, error));
}

/* Returns the coverage matrix as sam_coordination_coverage() does, with
 * up to @max_columns columns and no note (see SamMatrix). */
SamMatrix *
sam_coordination_coverage_at_most (SamStore        *store,
                                   const SamScope  *scope,
                                   SamKind          columns,
                                   guint            max_columns,
                                   GError         **error)
{
  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  return coverage (store, scope, columns, max_columns, error);
}

typedef struct
{
  SamStore      *reader;
  SamMatrixKind  kind;
  SamScope      *scope;
  SamKind        columns;
} MatrixJob;

static void
matrix_job_free (MatrixJob *job)
{
  g_clear_object (&job->reader);
  g_clear_pointer (&job->scope, sam_scope_free);
  g_free (job);
}

static void
matrix_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  MatrixJob *job = data;
  GError *error = NULL;
  SamMatrix *m = job->kind == SAM_MATRIX_COVERAGE
                 ? sam_coordination_coverage (job->reader, job->scope, job->columns, &error)
                 : sam_coordination_responsibility (job->reader, job->scope, job->columns, &error);

  if (m)
    g_task_return_pointer (task, m, (GDestroyNotify) sam_matrix_free);
  else
    g_task_return_error (task, error);
}

/* Computes the matrix @kind of @scope by @columns, as
 * sam_coordination_coverage() or sam_coordination_responsibility() do, in
 * a worker thread on a connection of its own, so a window stays
 * responsive however large the plan. @scope must be resolved. Call
 * sam_coordination_matrix_finish() from @callback. */
void
sam_coordination_matrix_async (SamStore            *store,
                               SamMatrixKind        kind,
                               const SamScope      *scope,
                               SamKind              columns,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  MatrixJob *job;

  g_return_if_fail (SAM_IS_STORE (store));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sam_coordination_matrix_async);
  job = g_new0 (MatrixJob, 1);
  job->kind = kind;
  job->scope = scope ? sam_scope_copy (scope) : NULL;
  job->columns = columns;
  g_task_set_task_data (task, job, (GDestroyNotify) matrix_job_free);
  if (!(job->reader = sam_store_open_reader (store, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, matrix_thread);
}

/* Returns the matrix sam_coordination_matrix_async() computed (free with
 * sam_matrix_free()), or NULL with a SamStoreError, or G_IO_ERROR_CANCELLED
 * when it was cancelled. */
SamMatrix *
sam_coordination_matrix_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
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

  return cells_get (matrix->cells, row, column, value);
}

/* Returns TRUE when every cell of @row is zero. */
gboolean
sam_matrix_row_is_empty (const SamMatrix *matrix,
                         guint            row)
{
  const SamMatrixCells *cells;

  g_return_val_if_fail (matrix != NULL && row < matrix->rows->len, TRUE);
  cells = matrix->cells;
  if (cells->sparse)
    {
      for (guint i = 0; cells->sparse[row] && i < cells->sparse[row]->len; i++)
        if (has_count (g_array_index (cells->sparse[row], SparseCell, i).values, cells->n_values))
          return FALSE;
      return TRUE;
    }
  return !has_count (cells->dense + (gsize) row * cells->n_columns * cells->n_values,
                     cells->n_columns * cells->n_values);
}

/* Adds the values of @row to @sums (columns × n_values, as the cells),
 * for a heading over several rows. */
void
sam_matrix_add_row (const SamMatrix *matrix,
                    guint            row,
                    guint           *sums)
{
  const SamMatrixCells *cells;

  g_return_if_fail (matrix != NULL && row < matrix->rows->len && sums != NULL);
  cells = matrix->cells;
  if (cells->dense)
    {
      const guint *values = cells->dense + (gsize) row * cells->n_columns * cells->n_values;

      for (gsize i = 0; i < (gsize) cells->n_columns * cells->n_values; i++)
        sums[i] += values[i];
      return;
    }
  for (guint i = 0; cells->sparse[row] && i < cells->sparse[row]->len; i++)
    {
      const SparseCell *cell = &g_array_index (cells->sparse[row], SparseCell, i);

      for (guint v = 0; v < cells->n_values; v++)
        sums[(gsize) cell->column * cells->n_values + v] += cell->values[v];
    }
}

/* Returns how many cells of @matrix hold nothing, those in columns left
 * out included (a coverage matrix's gaps), at most G_MAXUINT. */
guint
sam_matrix_count_empty (const SamMatrix *matrix)
{
  guint64 all;

  g_return_val_if_fail (matrix != NULL, 0);
  all = (guint64) matrix->rows->len * (matrix->cells->n_columns + matrix->n_columns_left_out);
  return (guint) MIN (all - matrix->cells->filled, G_MAXUINT);
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
  cells_free (matrix->cells);
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

/* A Reach is its own key in the table of them: its group and period. */
static guint
reach_hash (gconstpointer data)
{
  const Reach *r = data;

  return g_int64_hash (&r->group) * 31 + r->period;
}

static gboolean
reach_equal (gconstpointer a,
             gconstpointer b)
{
  const Reach *x = a, *y = b;

  return x->group == y->group && x->period == y->period;
}

typedef struct
{
  GHashTable *informing;   /* activity id → Informing */
  GHashTable *names;       /* target group id → name */
  GHashTable *ties;        /* period code → GArray of the plan ids its rows are tied to, or
                            * NULL (no array) when a row is tied to none */
  GPtrArray  *periods;     /* SamPeriod */
  GHashTable *reach;       /* Reach, by group and period */
} Flagging;

static gboolean
add_informing_cb (SamStmt       *stmt,
                  gpointer       user_data,
                  GError       **error)
{
  Flagging *f = user_data;
  gint64 id = sam_stmt_column_int (stmt, 0), group = sam_stmt_column_int (stmt, 3);
  Informing *i = g_hash_table_lookup (f->informing, &id);

  if (i == NULL)
    {
      i = g_new0 (Informing, 1);
      i->plan_id = sam_stmt_column_int (stmt, 1);
      i->message = g_strdup (sam_stmt_column_text (stmt, 2));
      i->groups = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (f->informing, g_memdup2 (&id, sizeof id), i);
    }
  g_array_append_val (i->groups, group);
  if (!g_hash_table_contains (f->names, &group))
    g_hash_table_insert (f->names, g_memdup2 (&group, sizeof group), g_strdup (sam_stmt_column_text (stmt, 4)));
  return TRUE;
}

static void
plans_free (gpointer plans)
{
  if (plans)
    g_array_unref (plans);
}

static gboolean
add_tie_cb (SamStmt       *stmt,
            gpointer       user_data,
            GError       **error)
{
  Flagging *f = user_data;
  const char *code = sam_stmt_column_text (stmt, 0);
  gint64 plan = sam_stmt_column_int (stmt, 1);
  GArray *plans;

  if (g_hash_table_lookup_extended (f->ties, code, NULL, (gpointer *) &plans) && plans == NULL)
    return TRUE;      /* one row for every plan: the period is everyone's */
  if (sam_stmt_column_is_null (stmt, 1))
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
      Reach probe = { g_array_index (i->groups, gint64, k), index, NULL, 0 };
      Reach *r = g_hash_table_lookup (f->reach, &probe);

      if (r == NULL)
        {
          r = g_new0 (Reach, 1);
          *r = (Reach) { probe.group, index, g_hash_table_new (g_str_hash, g_str_equal), 0 };
          g_hash_table_add (f->reach, r);
        }
      g_hash_table_add (r->messages, i->message);
      r->activities++;
    }
  return TRUE;
}

/* Returns a table of the collation keys of the case-folded names of the
 * groups @reaches reach, by group id: strcmp() on two keys says what
 * g_utf8_collate() says on the folded names, without folding and
 * collating again in every comparison of the sort. */
static GHashTable *
group_keys (GPtrArray  *reaches,
            GHashTable *names)
{
  GHashTable *keys = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);

  for (guint i = 0; i < reaches->len; i++)
    {
      Reach *r = reaches->pdata[i];
      g_autofree char *folded = NULL;

      if (g_hash_table_contains (keys, &r->group))
        continue;
      folded = g_utf8_casefold (g_hash_table_lookup (names, &r->group), -1);
      g_hash_table_insert (keys, &r->group, g_utf8_collate_key (folded, -1));
    }
  return keys;
}

/* By group name (as the lists sort names: @user_data holds their keys,
 * from group_keys()), group id and period. */
static int
by_group_and_period (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const Reach *x = *(Reach **) a, *y = *(Reach **) b;
  GHashTable *keys = user_data;
  int by_name = strcmp (g_hash_table_lookup (keys, &x->group), g_hash_table_lookup (keys, &y->group));

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
    g_hash_table_new_full (reach_hash, reach_equal, NULL, reach_free),
  };
  g_autoptr(GPtrArray) reaches = g_ptr_array_new ();
  g_autoptr(GHashTable) keys = NULL;
  GHashTableIter iter;
  gpointer value;
  gboolean ok;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);

  sql = g_strdup_printf (
    "SELECT a.id, a.plan_id, " SAM_TRIMMED_MESSAGE ", tg.target_group_id, " SAM_NAME ("t") " FROM activity a "
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
  keys = group_keys (reaches, f.names);
  g_ptr_array_sort_with_data (reaches, by_group_and_period, keys);
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
