/* sam-reports-page.h: the Reports view: the scope, period and language of
 * the Excel progress report, and writing it in the background. */
#pragma once

#include "sam-page.h"

G_BEGIN_DECLS

#define SAM_TYPE_REPORTS_PAGE (sam_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (SamReportsPage, sam_reports_page, SAM, REPORTS_PAGE, SamPage)

SamPage  *sam_reports_page_new        (void);
void      sam_reports_page_write      (SamReportsPage *self,
                                       const char     *path);
AdwToast *sam_reports_page_get_toast  (SamReportsPage *self);

G_END_DECLS
