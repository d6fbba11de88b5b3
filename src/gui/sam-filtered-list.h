/* sam-filtered-list.h: the activity rows the search and filters let through.
 *
 * A list model over another (the sorted rows) that keeps the rows a
 * SamActivityFilter matches. Unlike GtkFilterListModel it tells the view
 * about a new search in one change, and a search that only grew looks
 * only at the rows it showed, which keeps typing quick at 100,000 rows.
 */
#pragma once

#include <gtk/gtk.h>

#include "sam-activity-filter.h"

G_BEGIN_DECLS

#define SAM_TYPE_FILTERED_LIST (sam_filtered_list_get_type ())
G_DECLARE_FINAL_TYPE (SamFilteredList, sam_filtered_list, SAM, FILTERED_LIST, GObject)

SamFilteredList *sam_filtered_list_new (GListModel        *source,
                                        SamActivityFilter *filter);

G_END_DECLS
