/* sam-activity-filter.h: the activity table's search and filters as a GtkFilter. */
#pragma once

#include <gtk/gtk.h>

#include "models/sam-activity-list.h"

G_BEGIN_DECLS

#define SAM_TYPE_ACTIVITY_FILTER (sam_activity_filter_get_type ())
G_DECLARE_FINAL_TYPE (SamActivityFilter, sam_activity_filter, SAM, ACTIVITY_FILTER, GtkFilter)

SamActivityFilter *sam_activity_filter_new       (void);
SamActivityQuery  *sam_activity_filter_get_query (SamActivityFilter *self);
void               sam_activity_filter_changed   (SamActivityFilter *self);
void               sam_activity_filter_refilter  (SamActivityFilter *self);

G_END_DECLS
