#define G_LOG_DOMAIN "sam-tree-page"

#include "config.h"

#include "sam-tree-page.h"

typedef struct
{
  GtkBox             *header_box;
  GtkLabel           *header_label;
  GtkListView        *list_view;

  SamView             view;
  GtkSingleSelection *rows;
} SamTreePagePrivate;

static void sam_tree_page_buildable_init (GtkBuildableIface *iface);

G_DEFINE_TYPE_WITH_CODE (SamTreePage, sam_tree_page, SAM_TYPE_PAGE,
                         G_ADD_PRIVATE (SamTreePage)
                         G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, sam_tree_page_buildable_init))

static GtkBuildableIface *parent_buildable;

/* <child type="header"> of a subclass's template goes above the tree. */
static void
sam_tree_page_add_child (GtkBuildable *buildable,
                         GtkBuilder   *builder,
                         GObject      *child,
                         const char   *type)
{
  SamTreePagePrivate *priv = sam_tree_page_get_instance_private (SAM_TREE_PAGE (buildable));

  if (g_strcmp0 (type, "header") == 0 && GTK_IS_WIDGET (child) && priv->header_box)
    gtk_box_append (priv->header_box, GTK_WIDGET (child));
  else
    parent_buildable->add_child (buildable, builder, child, type);
}

static void
sam_tree_page_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable = g_type_interface_peek_parent (iface);
  iface->add_child = sam_tree_page_add_child;
}

static GListModel *
sam_tree_page_real_load_roots (SamTreePage *self)
{
  SamTreePagePrivate *priv = sam_tree_page_get_instance_private (self);

  return sam_tree_new_roots (sam_page_get_store (SAM_PAGE (self)), priv->view);
}

enum { PROP_0, PROP_VIEW, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
on_selected_cb (SamTreePage        *self,
                GParamSpec         *pspec,
                GtkSingleSelection *rows)
{
  sam_page_show_record (SAM_PAGE (self), sam_tree_rows_get_record (rows));
}

static void
sam_tree_page_reload (SamPage *page)
{
  SamTreePage *self = SAM_TREE_PAGE (page);
  SamTreePagePrivate *priv = sam_tree_page_get_instance_private (self);
  g_autoptr(GtkSingleSelection) previous = g_steal_pointer (&priv->rows);
  g_autofree char *header = NULL;

  priv->rows = sam_tree_rows_new_for (SAM_TREE_PAGE_GET_CLASS (self)->load_roots (self), priv->view, previous);
  g_signal_connect_object (priv->rows, "notify::selected-item", G_CALLBACK (on_selected_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_view_set_model (priv->list_view, GTK_SELECTION_MODEL (priv->rows));
  if (SAM_TREE_PAGE_GET_CLASS (self)->describe)
    header = SAM_TREE_PAGE_GET_CLASS (self)->describe (self);
  gtk_label_set_text (priv->header_label, header ? header : "");
  gtk_widget_set_visible (GTK_WIDGET (priv->header_label), header != NULL);
}

static gboolean
sam_tree_page_select_record (SamPage   *page,
                             SamRecord *record)
{
  SamTreePagePrivate *priv = sam_tree_page_get_instance_private (SAM_TREE_PAGE (page));
  guint found;

  if (priv->rows == NULL)
    sam_page_reload (page);
  found = sam_tree_rows_find_record (priv->rows, sam_record_get_kind (record), sam_record_get_id (record));
  if (found == G_MAXUINT)
    return FALSE;
  gtk_single_selection_set_selected (priv->rows, found);
  return TRUE;
}

static void
sam_tree_page_unselect (SamPage *page)
{
  SamTreePagePrivate *priv = sam_tree_page_get_instance_private (SAM_TREE_PAGE (page));

  if (priv->rows)
    gtk_single_selection_set_selected (priv->rows, GTK_INVALID_LIST_POSITION);
}

static SamRecord *
sam_tree_page_get_selected (SamPage *page)
{
  SamTreePagePrivate *priv = sam_tree_page_get_instance_private (SAM_TREE_PAGE (page));
  SamRecord *record = priv->rows ? sam_tree_rows_get_record (priv->rows) : NULL;

  return record ? g_object_ref (record) : NULL;
}

static void
sam_tree_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SamTreePagePrivate *priv = sam_tree_page_get_instance_private (SAM_TREE_PAGE (object));

  if (prop_id == PROP_VIEW)
    g_value_set_int (value, priv->view);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sam_tree_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SamTreePagePrivate *priv = sam_tree_page_get_instance_private (SAM_TREE_PAGE (object));

  if (prop_id == PROP_VIEW)
    priv->view = g_value_get_int (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sam_tree_page_dispose (GObject *object)
{
  SamTreePagePrivate *priv = sam_tree_page_get_instance_private (SAM_TREE_PAGE (object));

  g_clear_object (&priv->rows);
  G_OBJECT_CLASS (sam_tree_page_parent_class)->dispose (object);
}

static void
sam_tree_page_class_init (SamTreePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SamPageClass *page_class = SAM_PAGE_CLASS (klass);

  object_class->dispose = sam_tree_page_dispose;
  object_class->get_property = sam_tree_page_get_property;
  object_class->set_property = sam_tree_page_set_property;
  page_class->uses_editor = TRUE;
  page_class->reload = sam_tree_page_reload;
  page_class->select_record = sam_tree_page_select_record;
  page_class->unselect = sam_tree_page_unselect;
  page_class->get_selected = sam_tree_page_get_selected;
  klass->load_roots = sam_tree_page_real_load_roots;

  properties[PROP_VIEW] = g_param_spec_int ("view", NULL, NULL, 0, SAM_N_VIEWS - 1, SAM_VIEW_AGENCIES,
                                            G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-tree-page.ui");
  gtk_widget_class_bind_template_child_private (widget_class, SamTreePage, header_box);
  gtk_widget_class_bind_template_child_private (widget_class, SamTreePage, header_label);
  gtk_widget_class_bind_template_child_private (widget_class, SamTreePage, list_view);
  gtk_widget_class_bind_template_callback (widget_class, sam_tree_rows_activate_cb);
}

static void
sam_tree_page_init (SamTreePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Returns the tree's rows (GtkTreeListRow of SamNode), loading them first
 * when the page was never shown. */
GListModel *
sam_tree_page_get_rows (SamTreePage *self)
{
  SamTreePagePrivate *priv = sam_tree_page_get_instance_private (self);

  g_return_val_if_fail (SAM_IS_TREE_PAGE (self), NULL);
  if (priv->rows == NULL)
    sam_page_reload (SAM_PAGE (self));
  return G_LIST_MODEL (priv->rows);
}
