#define G_LOG_DOMAIN "sam-matrix-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sam-matrix-page.h"
#include "sam-matrix-grid.h"
#include "models/sam-matrix-rows.h"
#include "store/sam-scope.h"

typedef struct
{
  GtkDropDown   *matrix_columns;
  GtkDropDown   *matrix_ministry;
  GtkLabel      *matrix_summary;
  SamMatrixGrid *matrix_view;

  gboolean       setting;       /* the page sets its options */
  GCancellable  *computing;     /* the matrix being computed, or NULL */
} SamMatrixPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (SamMatrixPage, sam_matrix_page, SAM_TYPE_PAGE)

static SamMatrixKind
kind_of (SamMatrixPage *self)
{
  return SAM_MATRIX_PAGE_GET_CLASS (self)->kind;
}

static SamKind
column_kind (SamMatrixPage *self)
{
  SamMatrixPagePrivate *priv = sam_matrix_page_get_instance_private (self);

  if (gtk_drop_down_get_selected (priv->matrix_columns) == 1)
    return SAM_KIND_PLAN;
  return kind_of (self) == SAM_MATRIX_COVERAGE ? SAM_KIND_SECTOR : SAM_KIND_MEASURE;
}

/* Opens the Plans view on the activities of one cell. */
static void
on_cell_activated_cb (SamMatrixGrid *grid,
                      SamMatrixRow  *row,
                      guint          column,
                      SamMatrixPage *self)
{
  const SamMatrix *m = sam_matrix_row_get_matrix (row);
  const SamMatrixHeader *col = g_ptr_array_index (m->columns, column);
  g_autoptr(GVariantDict) filter = g_variant_dict_new (NULL);

  if (sam_matrix_row_get_id (row) == 0 || col->id == 0)
    return;
  g_variant_dict_insert (filter, m->row_kind == SAM_KIND_AGENCY ? "agency" : "group", "x",
                         sam_matrix_row_get_id (row));
  g_variant_dict_insert (filter, m->column_kind == SAM_KIND_MEASURE ? "measure"
                                 : m->column_kind == SAM_KIND_PLAN ? "plan" : "sector", "x", col->id);
  gtk_widget_activate_action_variant (GTK_WIDGET (self), "win.show-activities", g_variant_dict_end (filter));
}

static GListModel *
matrix_children_cb (gpointer item,
                    gpointer data)
{
  return sam_matrix_row_get_children (SAM_MATRIX_ROW (item));
}

/* The columns' titles: "Measure 7", or the sector's or plan's name. */
static GStrv
column_titles (const SamMatrix *m)
{
  g_autoptr(GStrvBuilder) titles = g_strv_builder_new ();

  for (guint c = 0; c < m->columns->len; c++)
    {
      const SamMatrixHeader *h = g_ptr_array_index (m->columns, c);
      g_autofree char *title = h->number ? g_strdup_printf (_("Measure %d"), (int) h->number) : g_strdup (h->label);

      g_strv_builder_add (titles, title);
    }
  return g_strv_builder_end (titles);
}

static void
show_summary (SamMatrixPage   *self,
              const SamMatrix *m)
{
  SamMatrixPagePrivate *priv = sam_matrix_page_get_instance_private (self);
  g_autofree char *text = NULL;

  if (m->kind == SAM_MATRIX_COVERAGE)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u gap: a group no activity reaches there",
                                         "%u gaps: groups no activity reaches there", sam_matrix_count_gaps (m)),
                            sam_matrix_count_gaps (m));
  else
    text = g_strdup (_("L: leads, P: partner, SR: names no lead, answers by sector responsibility. Click a cell for its activities."));
  gtk_label_set_text (priv->matrix_summary, text);
}

static SamScope *
ministry_scope (SamMatrixPage *self)
{
  SamMatrixPagePrivate *priv = sam_matrix_page_get_instance_private (self);
  SamRecord *ministry = gtk_drop_down_get_selected_item (priv->matrix_ministry);

  if (kind_of (self) == SAM_MATRIX_COVERAGE || ministry == NULL || sam_record_get_id (ministry) == 0)
    return NULL;
  return sam_scope_new (SAM_SCOPE_MINISTRY, sam_record_get_id (ministry));
}

static void
on_matrix_computed_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      data)
{
  g_autoptr(SamMatrixPage) self = data;
  SamMatrixPagePrivate *priv = sam_matrix_page_get_instance_private (self);
  g_autoptr(GError) error = NULL;
  SamMatrix *m = sam_coordination_matrix_finish (result, &error);
  g_auto(GStrv) titles = NULL;
  const char *corner;
  GListModel *rows;
  g_autoptr(GtkTreeListModel) tree = NULL;

  if (g_task_get_cancellable (G_TASK (result)) != priv->computing)
    {
      g_clear_pointer (&m, sam_matrix_free);   /* a later one is on its way */
      return;
    }
  g_clear_object (&priv->computing);
  if (m == NULL)
    {
      gtk_label_set_text (priv->matrix_summary, "");
      sam_page_toast (SAM_PAGE (self), error->message);
      return;
    }
  show_summary (self, m);
  titles = column_titles (m);
  corner = m->row_kind == SAM_KIND_AGENCY ? _("Agency") : _("Target group");
  rows = sam_matrix_rows_new (m);
  tree = gtk_tree_list_model_new (rows, FALSE, kind_of (self) == SAM_MATRIX_COVERAGE, matrix_children_cb,
                                  NULL, NULL);
  sam_matrix_grid_set_model (priv->matrix_view, G_LIST_MODEL (tree), corner, titles);
}

/* Computes the matrix with the options chosen, in the background, and
 * shows it when it is there; one asked for before replaces the last. */
static void
show_matrix (SamMatrixPage *self)
{
  SamMatrixPagePrivate *priv = sam_matrix_page_get_instance_private (self);
  SamStore *store = sam_page_get_store (SAM_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(SamScope) scope = ministry_scope (self);

  if (scope && !sam_scope_resolve (scope, store, &error))
    {
      sam_page_toast (SAM_PAGE (self), error->message);
      return;
    }
  if (priv->computing)
    g_cancellable_cancel (priv->computing);
  g_clear_object (&priv->computing);
  priv->computing = g_cancellable_new ();
  sam_matrix_grid_set_model (priv->matrix_view, NULL, NULL, NULL);
  gtk_label_set_text (priv->matrix_summary, _("Counting…"));
  sam_coordination_matrix_async (store, kind_of (self), scope, column_kind (self), priv->computing,
                                 on_matrix_computed_cb, g_object_ref (self));
}

/* The ministries for the filter, "All ministries" first. */
static void
fill_ministries (SamMatrixPage *self)
{
  SamMatrixPagePrivate *priv = sam_matrix_page_get_instance_private (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = sam_store_list (sam_page_get_store (SAM_PAGE (self)), SAM_KIND_AGENCY, &error);
  g_autoptr(GListStore) list = g_list_store_new (SAM_TYPE_RECORD);
  g_autoptr(SamRecord) any = sam_record_new (SAM_KIND_AGENCY);
  SamRecord *chosen = gtk_drop_down_get_selected_item (priv->matrix_ministry);
  gint64 keep = chosen ? sam_record_get_id (chosen) : 0;

  if (all == NULL)
    sam_page_toast (SAM_PAGE (self), error->message);
  sam_record_set_string (any, "name", _("All ministries"));
  g_list_store_append (list, any);
  for (guint i = 0; all && i < all->len; i++)
    if (g_strcmp0 (sam_record_get_string (all->pdata[i], "kind"), "ministry") == 0)
      g_list_store_append (list, all->pdata[i]);
  gtk_drop_down_set_model (priv->matrix_ministry, G_LIST_MODEL (list));
  for (guint i = 0; keep && i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(SamRecord) r = g_list_model_get_item (G_LIST_MODEL (list), i);
      if (sam_record_get_id (r) == keep)
        gtk_drop_down_set_selected (priv->matrix_ministry, i);
    }
}

static void
sam_matrix_page_reload (SamPage *page)
{
  SamMatrixPage *self = SAM_MATRIX_PAGE (page);
  SamMatrixPagePrivate *priv = sam_matrix_page_get_instance_private (self);

  priv->setting = TRUE;
  if (kind_of (self) == SAM_MATRIX_RESPONSIBILITY)
    fill_ministries (self);
  priv->setting = FALSE;
  show_matrix (self);
}

static void
on_matrix_options_cb (SamMatrixPage *self)
{
  SamMatrixPagePrivate *priv = sam_matrix_page_get_instance_private (self);

  if (!priv->setting && sam_page_get_store (SAM_PAGE (self)))
    show_matrix (self);
}

/* The options of the page's kind, known once the instance is whole (in
 * an init function the class is still its parent's). */
static void
sam_matrix_page_constructed (GObject *object)
{
  SamMatrixPage *self = SAM_MATRIX_PAGE (object);
  SamMatrixPagePrivate *priv = sam_matrix_page_get_instance_private (self);
  g_autoptr(GtkStringList) columns = gtk_string_list_new (NULL);
  gboolean coverage = kind_of (self) == SAM_MATRIX_COVERAGE;

  G_OBJECT_CLASS (sam_matrix_page_parent_class)->constructed (object);
  priv->setting = TRUE;
  gtk_string_list_append (columns, coverage ? _("Sectors") : _("Measures"));
  gtk_string_list_append (columns, _("Plans"));
  gtk_drop_down_set_model (priv->matrix_columns, G_LIST_MODEL (columns));
  gtk_widget_set_visible (GTK_WIDGET (priv->matrix_ministry), !coverage);
  priv->setting = FALSE;
}

static void
sam_matrix_page_dispose (GObject *object)
{
  SamMatrixPagePrivate *priv = sam_matrix_page_get_instance_private (SAM_MATRIX_PAGE (object));

  if (priv->computing)
    g_cancellable_cancel (priv->computing);
  g_clear_object (&priv->computing);
  G_OBJECT_CLASS (sam_matrix_page_parent_class)->dispose (object);
}

static void
sam_matrix_page_class_init (SamMatrixPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->constructed = sam_matrix_page_constructed;
  G_OBJECT_CLASS (klass)->dispose = sam_matrix_page_dispose;

  SAM_PAGE_CLASS (klass)->reload = sam_matrix_page_reload;

  g_type_ensure (SAM_TYPE_MATRIX_GRID);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-matrix-page.ui");
  gtk_widget_class_bind_template_child_private (widget_class, SamMatrixPage, matrix_columns);
  gtk_widget_class_bind_template_child_private (widget_class, SamMatrixPage, matrix_ministry);
  gtk_widget_class_bind_template_child_private (widget_class, SamMatrixPage, matrix_summary);
  gtk_widget_class_bind_template_child_private (widget_class, SamMatrixPage, matrix_view);
  gtk_widget_class_bind_template_callback (widget_class, on_matrix_options_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cell_activated_cb);
}

static void
sam_matrix_page_init (SamMatrixPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* TRUE while the matrix to show is being computed. */
gboolean
sam_matrix_page_is_computing (SamMatrixPage *self)
{
  SamMatrixPagePrivate *priv;

  g_return_val_if_fail (SAM_IS_MATRIX_PAGE (self), FALSE);
  priv = sam_matrix_page_get_instance_private (self);
  return priv->computing != NULL;
}

/* The two kinds */

struct _SamResponsibilityPage { SamMatrixPage parent_instance; };
G_DEFINE_FINAL_TYPE (SamResponsibilityPage, sam_responsibility_page, SAM_TYPE_MATRIX_PAGE)

static void
sam_responsibility_page_class_init (SamResponsibilityPageClass *klass)
{
  SAM_MATRIX_PAGE_CLASS (klass)->kind = SAM_MATRIX_RESPONSIBILITY;
}

static void
sam_responsibility_page_init (SamResponsibilityPage *self)
{
}

/* Agencies, grouped under their ministry, against measures or plans. */
SamPage *
sam_responsibility_page_new (void)
{
  return g_object_new (SAM_TYPE_RESPONSIBILITY_PAGE, NULL);
}

struct _SamCoveragePage { SamMatrixPage parent_instance; };
G_DEFINE_FINAL_TYPE (SamCoveragePage, sam_coverage_page, SAM_TYPE_MATRIX_PAGE)

static void
sam_coverage_page_class_init (SamCoveragePageClass *klass)
{
  SAM_MATRIX_PAGE_CLASS (klass)->kind = SAM_MATRIX_COVERAGE;
}

static void
sam_coverage_page_init (SamCoveragePage *self)
{
}

/* Target groups, grouped by category, against sectors or plans. */
SamPage *
sam_coverage_page_new (void)
{
  return g_object_new (SAM_TYPE_COVERAGE_PAGE, NULL);
}
