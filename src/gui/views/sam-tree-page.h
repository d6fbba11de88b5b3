/* sam-tree-page.h: a view that is a tree of records.
 *
 * The base of the record views, the Follow-up and the Checks: the tree of
 * one SamView, kept open and selected as it was when the store changes;
 * the record of the selected row shows in the editor. A subclass names
 * its view and may say what the tree holds in a line above it, put
 * widgets of its own above that (<child type="header"> in its template)
 * and make the tree's roots itself.
 */
#pragma once

#include "sam-page.h"
#include "sam-tree-rows.h"

G_BEGIN_DECLS

#define SAM_TYPE_TREE_PAGE (sam_tree_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (SamTreePage, sam_tree_page, SAM, TREE_PAGE, SamPage)

struct _SamTreePageClass
{
  SamPageClass parent_class;

  /* The line above the tree, or NULL for none; called on each reload,
   * after the rows are read. */
  char       *(*describe)   (SamTreePage *self);
  /* The tree's roots; by default sam_tree_new_roots() of the view. */
  GListModel *(*load_roots) (SamTreePage *self);
};

GListModel  *sam_tree_page_get_rows   (SamTreePage *self);

G_END_DECLS
