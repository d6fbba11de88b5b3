#define G_LOG_DOMAIN "sam-tree-rows"

#include "config.h"

#include "sam-tree-rows.h"
#include "sam-page.h"

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  return sam_node_get_children (SAM_NODE (item));
}

/* Names a row by what it shows, so that it can be found again after the
 * tree is rebuilt: "…/agency:12", or a heading's path of titles. */
static char *
row_key (GtkTreeListRow *row)
{
  g_autoptr(SamNode) node = gtk_tree_list_row_get_item (row);
  g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);
  SamRecord *record = sam_node_get_record (node);
  g_autofree char *up = parent ? row_key (parent) : g_strdup ("");

  if (record)
    return g_strdup_printf ("%s/%s:%" G_GINT64_FORMAT, up,
                            sam_kind_get_info (sam_record_get_kind (record))->name, sam_record_get_id (record));
  return g_strdup_printf ("%s/%s", up, sam_node_get_title (node));
}

static GtkTreeListRow *
row_at (GtkSingleSelection *rows,
        guint               i)
{
  return g_list_model_get_item (G_LIST_MODEL (rows), i);
}

static GHashTable *
expanded_keys (GtkSingleSelection *rows)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    {
      g_autoptr(GtkTreeListRow) row = row_at (rows, i);
      if (gtk_tree_list_row_get_expanded (row))
        g_hash_table_add (keys, row_key (row));
    }
  return keys;
}

/* Finds the visible row named @key; G_MAXUINT when there is none. */
static guint
find_key (GtkSingleSelection *rows,
          const char         *key)
{
  for (guint i = 0; key && i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    {
      g_autoptr(GtkTreeListRow) row = row_at (rows, i);
      g_autofree char *k = row_key (row);
      if (g_str_equal (k, key))
        return i;
    }
  return G_MAXUINT;
}

/* Returns a new tree of @view over @store, nothing selected. With
 * @previous (the tree before a change), the rows open there are open and
 * the row selected there is selected; without, the first level of the
 * plans and target groups is open. */
GtkSingleSelection *
sam_tree_rows_new (SamStore           *store,
                   SamView             view,
                   GtkSingleSelection *previous)
{
  return sam_tree_rows_new_for (sam_tree_new_roots (store, view), view, previous);
}

/* Returns a new tree of @view over its roots @roots (which it takes), as
 * sam_tree_rows_new() does; for a view whose roots depend on more than
 * the store, as the Follow-up's period. */
GtkSingleSelection *
sam_tree_rows_new_for (GListModel         *roots,
                       SamView             view,
                       GtkSingleSelection *previous)
{
  g_autoptr(GHashTable) expanded = previous ? expanded_keys (previous) : NULL;
  GtkTreeListRow *was = previous ? gtk_single_selection_get_selected_item (previous) : NULL;
  g_autofree char *selected = was ? row_key (was) : NULL;
  GtkTreeListModel *tree = gtk_tree_list_model_new (roots, FALSE, FALSE, create_children_cb, NULL, NULL);
  GtkSingleSelection *rows = gtk_single_selection_new (G_LIST_MODEL (tree));
  guint found;

  gtk_single_selection_set_autoselect (rows, FALSE);
  gtk_single_selection_set_can_unselect (rows, TRUE);
  gtk_single_selection_set_selected (rows, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    {
      g_autoptr(GtkTreeListRow) row = row_at (rows, i);
      g_autofree char *key = row_key (row);
      gboolean open = expanded ? g_hash_table_contains (expanded, key)
                               : (gtk_tree_list_row_get_depth (row) == 0
                                  && (view == SAM_VIEW_PLANS || view == SAM_VIEW_TARGET_GROUPS));
      if (open)
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
  if ((found = find_key (rows, selected)) != G_MAXUINT)
    gtk_single_selection_set_selected (rows, found);
  return rows;
}

/* Returns the position of the visible row of record (@kind, @id), or
 * G_MAXUINT. */
guint
sam_tree_rows_find_record (GtkSingleSelection *rows,
                           SamKind             kind,
                           gint64              id)
{
  g_return_val_if_fail (GTK_IS_SINGLE_SELECTION (rows), G_MAXUINT);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    {
      g_autoptr(GtkTreeListRow) row = row_at (rows, i);
      g_autoptr(SamNode) node = gtk_tree_list_row_get_item (row);
      SamRecord *r = sam_node_get_record (node);

      if (r && sam_record_get_kind (r) == kind && sam_record_get_id (r) == id)
        return i;
    }
  return G_MAXUINT;
}

/* Returns the record of the selected row (borrowed), or NULL. */
SamRecord *
sam_tree_rows_get_record (GtkSingleSelection *rows)
{
  GtkTreeListRow *row = rows ? gtk_single_selection_get_selected_item (rows) : NULL;
  g_autoptr(SamNode) node = row ? gtk_tree_list_row_get_item (row) : NULL;

  return node ? sam_node_get_record (node) : NULL;
}

/* A list view's "activate" (Enter, or a double click) opens or closes the
 * row's branch, and shows its record in the editor of the page that is
 * @user_data (the template's), also when the row was selected already. */
void
sam_tree_rows_activate_cb (GtkListView *view,
                           guint        position,
                           gpointer     user_data)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (view));
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, position);

  if (row && gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
  if (SAM_IS_PAGE (user_data))
    sam_page_activate_cb (GTK_WIDGET (view), position, user_data);
}
