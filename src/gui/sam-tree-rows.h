/* sam-tree-rows.h: a browsing tree of SamNodes, as a list view shows it.
 *
 * The tree of a view (sam_tree_new_roots()) wrapped for a GtkListView,
 * rebuilt after the store changed with the same rows open and the same
 * row selected, found again by what they show.
 */
#pragma once

#include <gtk/gtk.h>

#include "models/sam-tree.h"

G_BEGIN_DECLS

GtkSingleSelection *sam_tree_rows_new          (SamStore           *store,
                                                SamView             view,
                                                GtkSingleSelection *previous);
GtkSingleSelection *sam_tree_rows_new_for      (GListModel         *roots,
                                                SamView             view,
                                                GtkSingleSelection *previous);
guint               sam_tree_rows_find_record  (GtkSingleSelection *rows,
                                                SamKind             kind,
                                                gint64              id);
SamRecord          *sam_tree_rows_get_record   (GtkSingleSelection *rows);
void                sam_tree_rows_activate_cb  (GtkListView        *view,
                                                guint               position,
                                                gpointer            user_data);

G_END_DECLS
