/* sam-filtered-list.h: the activity rows the search and filters let through.
 *
 * A list model over another (the sorted rows) that keeps the rows a
 * SamActivityFilter matches. Unlike GtkFilterListModel it tells the view
 * about a new search in one change, and a search that only grew looks
 * only at the rows it showed, which keeps typing quick at 100,000 rows.
 * Many rows appended to the source at once (the rest of a large plan)
 * come in at idle, a few at a time while the table builds their widgets,
 * so that the main loop is never held long; so do the matches of a
 * search that widens a few rows to many.
 */
#pragma once

#include <gtk/gtk.h>

#include "sam-activity-filter.h"

G_BEGIN_DECLS

#define SAM_TYPE_FILTERED_LIST (sam_filtered_list_get_type ())
G_DECLARE_FINAL_TYPE (SamFilteredList, sam_filtered_list, SAM, FILTERED_LIST, GObject)

SamFilteredList *sam_filtered_list_new           (GListModel        *source,
                                                  SamActivityFilter *filter);
gboolean         sam_filtered_list_is_filling    (SamFilteredList   *self);
guint            sam_filtered_list_get_n_matches (SamFilteredList   *self);
void             sam_filtered_list_set_kept      (SamFilteredList   *self,
                                                  gpointer           item);

G_END_DECLS
