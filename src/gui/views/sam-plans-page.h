/* sam-plans-page.h: the Plans view: the tree of focus areas, measures and
 * plans, and the table of their activities with search and filters. */
#pragma once

#include "sam-page.h"
#include "models/sam-activity-list.h"

G_BEGIN_DECLS

#define SAM_TYPE_PLANS_PAGE (sam_plans_page_get_type ())
G_DECLARE_FINAL_TYPE (SamPlansPage, sam_plans_page, SAM, PLANS_PAGE, SamPage)

SamPage    *sam_plans_page_new            (void);
void        sam_plans_page_show_activities (SamPlansPage *self,
                                           GVariant     *filter);
void        sam_plans_page_clear_filters  (SamPlansPage *self);
gboolean    sam_plans_page_is_loading     (SamPlansPage *self);
GListModel *sam_plans_page_get_tree_rows  (SamPlansPage *self);
GListModel *sam_plans_page_get_activity_rows (SamPlansPage *self);

G_END_DECLS
