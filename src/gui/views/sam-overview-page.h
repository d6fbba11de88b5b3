/* sam-overview-page.h: the Overview, the view a plan opens on. */
#pragma once

#include "sam-page.h"

G_BEGIN_DECLS

#define SAM_TYPE_OVERVIEW_PAGE (sam_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (SamOverviewPage, sam_overview_page, SAM, OVERVIEW_PAGE, SamPage)

SamPage    *sam_overview_page_new         (void);
gboolean    sam_overview_page_is_counting (SamOverviewPage *self);

G_END_DECLS
