#define G_LOG_DOMAIN "sam-matrix-rows"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sam-matrix-rows.h"

/* The matrix is shared by its rows and freed with the last of them. */
typedef struct
{
  SamMatrix *matrix;
} Shared;

static void
shared_clear (Shared *shared)
{
  sam_matrix_free (shared->matrix);
}

struct _SamMatrixRow
{
  GObject     parent_instance;

  Shared     *shared;      /* a GRcBox */
  int         index;       /* the matrix row, or -1 for a category heading */
  char       *label;
  GListStore *children;    /* NULL for a leaf */
  guint      *sums;        /* a heading's: its rows' values added up, once asked */
};

G_DEFINE_FINAL_TYPE (SamMatrixRow, sam_matrix_row, G_TYPE_OBJECT)

enum { PROP_0, PROP_LABEL, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
sam_matrix_row_finalize (GObject *object)
{
  SamMatrixRow *self = SAM_MATRIX_ROW (object);

  g_rc_box_release_full (self->shared, (GDestroyNotify) shared_clear);
  g_free (self->label);
  g_free (self->sums);
  g_clear_object (&self->children);
  G_OBJECT_CLASS (sam_matrix_row_parent_class)->finalize (object);
}

static void
sam_matrix_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  if (prop_id == PROP_LABEL)
    g_value_set_string (value, SAM_MATRIX_ROW (object)->label);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sam_matrix_row_class_init (SamMatrixRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sam_matrix_row_finalize;
  object_class->get_property = sam_matrix_row_get_property;
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sam_matrix_row_init (SamMatrixRow *self)
{
}

static SamMatrixRow *
row_new (Shared     *shared,
         int         index,
         const char *label)
{
  SamMatrixRow *self = g_object_new (SAM_TYPE_MATRIX_ROW, NULL);

  self->shared = g_rc_box_acquire (shared);
  self->index = index;
  self->label = g_strdup (label);
  return self;
}

static const SamMatrixHeader *
header (const SamMatrix *matrix,
        guint            index)
{
  return g_ptr_array_index (matrix->rows, index);
}

const char *
sam_matrix_row_get_label (SamMatrixRow *self)
{
  g_return_val_if_fail (SAM_IS_MATRIX_ROW (self), NULL);
  return self->label;
}

/* Returns the agency's or target group's id, or 0 for a category heading. */
gint64
sam_matrix_row_get_id (SamMatrixRow *self)
{
  g_return_val_if_fail (SAM_IS_MATRIX_ROW (self), 0);
  return self->index < 0 ? 0 : header (self->shared->matrix, self->index)->id;
}

const SamMatrix *
sam_matrix_row_get_matrix (SamMatrixRow *self)
{
  g_return_val_if_fail (SAM_IS_MATRIX_ROW (self), NULL);
  return self->shared->matrix;
}

/* Returns a new reference to the rows under this one, or NULL. */
GListModel *
sam_matrix_row_get_children (SamMatrixRow *self)
{
  g_return_val_if_fail (SAM_IS_MATRIX_ROW (self), NULL);
  if (self->children == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->children)) == 0)
    return NULL;
  return g_object_ref (G_LIST_MODEL (self->children));
}

/* Adds up the rows under a heading, once, in one pass over their cells:
 * asking each row for each column would take rows × columns steps for
 * every cell shown. */
static const guint *
heading_sums (SamMatrixRow *self)
{
  const SamMatrix *m = self->shared->matrix;

  if (self->sums == NULL)
    {
      self->sums = g_new0 (guint, (gsize) m->columns->len * m->n_values);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->children)); i++)
        {
          g_autoptr(SamMatrixRow) child = g_list_model_get_item (G_LIST_MODEL (self->children), i);

          if (child->index >= 0)
            sam_matrix_add_row (m, child->index, self->sums);
        }
    }
  return self->sums;
}

/* A heading's cells add up the rows under it. */
static guint
value_at (SamMatrixRow *self,
          guint         column,
          guint         value)
{
  const SamMatrix *m = self->shared->matrix;

  if (self->index >= 0)
    return sam_matrix_get (m, self->index, column, value);
  return heading_sums (self)[(gsize) column * m->n_values + value];
}

/* Whether @column is the note that says how many columns were left out. */
static gboolean
is_note (const SamMatrix *m,
         guint            column)
{
  return ((const SamMatrixHeader *) g_ptr_array_index (m->columns, column))->id == 0;
}

static void append_count (GString    *text,
                          guint       n,
                          const char *format,
                          ...) G_GNUC_PRINTF (3, 4);

/* Appends @format with " · " before it unless @n is 0. */
static void
append_count (GString    *text,
              guint       n,
              const char *format,
              ...)
{
  va_list args;

  if (n == 0)
    return;
  if (text->len)
    g_string_append (text, " · ");
  va_start (args, format);
  g_string_append_vprintf (text, format, args);
  va_end (args);
}

/* Returns what the cell shows: "2 L · 1 P" for responsibility, with
 * "1 SR" for the activities the agency answers for by sector
 * responsibility, kept apart from what the plan names; the number of
 * activities for coverage; "" for an empty cell. */
char *
sam_matrix_row_cell_text (SamMatrixRow *self,
                          guint         column)
{
  const SamMatrix *m;
  guint lead, partner, sector;
  GString *text;

  g_return_val_if_fail (SAM_IS_MATRIX_ROW (self), NULL);
  m = self->shared->matrix;
  if (m->kind == SAM_MATRIX_COVERAGE)
    {
      guint reached = value_at (self, column, SAM_MATRIX_REACHED);
      return reached ? g_strdup_printf ("%u", reached) : g_strdup ("");
    }
  lead = value_at (self, column, SAM_MATRIX_LEAD);
  partner = value_at (self, column, SAM_MATRIX_PARTNER);
  sector = value_at (self, column, SAM_MATRIX_SECTOR);
  text = g_string_new (NULL);
  /* TRANSLATORS: activities an agency leads, in a responsibility cell. */
  append_count (text, lead, _("%u L"), lead);
  /* TRANSLATORS: activities an agency is a partner in. */
  append_count (text, partner, _("%u P"), partner);
  /* TRANSLATORS: activities that name no lead, which an agency (a ministry)
   * answers for by sector responsibility. */
  append_count (text, sector, _("%u SR"), sector);
  return g_string_free (text, FALSE);
}

/* A gap: a coverage cell no activity reaches (headings are never gaps). */
gboolean
sam_matrix_row_cell_is_gap (SamMatrixRow *self,
                            guint         column)
{
  g_return_val_if_fail (SAM_IS_MATRIX_ROW (self), FALSE);
  return self->shared->matrix->kind == SAM_MATRIX_COVERAGE && self->index >= 0
         && !is_note (self->shared->matrix, column)
         && sam_matrix_get (self->shared->matrix, self->index, column, SAM_MATRIX_REACHED) == 0;
}

/* Returns the number of empty cells of a coverage matrix, in the columns
 * left out too. */
guint
sam_matrix_count_gaps (const SamMatrix *matrix)
{
  g_return_val_if_fail (matrix != NULL, 0);
  if (matrix->kind != SAM_MATRIX_COVERAGE)
    return 0;
  return sam_matrix_count_empty (matrix);
}

static SamMatrixRow *
find_or_add (GListStore *top,
             GHashTable *by_key,
             const char *key,
             Shared     *shared,
             int         index,
             const char *label)
{
  SamMatrixRow *row = g_hash_table_lookup (by_key, key);

  if (row == NULL)
    {
      row = row_new (shared, index, label);
      row->children = g_list_store_new (SAM_TYPE_MATRIX_ROW);
      g_list_store_append (top, row);
      g_hash_table_insert (by_key, g_strdup (key), row);
      g_object_unref (row);
    }
  return row;
}

/* Returns the top rows of @matrix (which the rows take over): ministries
 * with their agencies under them, or categories with their target groups. */
GListModel *
sam_matrix_rows_new (SamMatrix *matrix)
{
  Shared *shared = g_rc_box_new0 (Shared);
  GListStore *top = g_list_store_new (SAM_TYPE_MATRIX_ROW);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (matrix != NULL, NULL);
  shared->matrix = matrix;
  for (guint i = 0; i < matrix->rows->len; i++)
    {
      const SamMatrixHeader *h = header (matrix, i);
      g_autoptr(SamMatrixRow) row = row_new (shared, (int) i, h->label);
      g_autofree char *key = NULL;
      SamMatrixRow *parent = NULL;

      if (matrix->kind == SAM_MATRIX_COVERAGE)
        {
          key = g_strdup_printf ("c:%s", h->category ? h->category : "");
          parent = find_or_add (top, by_key, key, shared, -1,
                                h->category ? sam_enum_label (sam_target_category_values, h->category)
                                            : _("No category"));
        }
      else if (h->group_id == h->id)
        {
          key = g_strdup_printf ("m:%" G_GINT64_FORMAT, h->id);
          g_hash_table_insert (by_key, g_strdup (key), row);
          row->children = g_list_store_new (SAM_TYPE_MATRIX_ROW);
        }
      else if (h->group_id != 0)
        {
          key = g_strdup_printf ("m:%" G_GINT64_FORMAT, h->group_id);
          parent = g_hash_table_lookup (by_key, key);
        }
      g_list_store_append (parent ? parent->children : top, row);
    }
  g_rc_box_release_full (shared, (GDestroyNotify) shared_clear);
  return G_LIST_MODEL (top);
}
