/* sam-seminars-page.h: the Seminars view: a year's seminars as a list and
 * a month calendar, the year's target for national seminars, and copying
 * a year's series to another year. */
#pragma once

#include "sam-page.h"

G_BEGIN_DECLS

#define SAM_TYPE_SEMINARS_PAGE (sam_seminars_page_get_type ())
G_DECLARE_FINAL_TYPE (SamSeminarsPage, sam_seminars_page, SAM, SEMINARS_PAGE, SamPage)

SamPage    *sam_seminars_page_new       (void);

G_END_DECLS
