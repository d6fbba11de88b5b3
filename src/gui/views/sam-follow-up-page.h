/* sam-follow-up-page.h: the activities expected to report in a period
 * that have not, under their lead agency; the current period unless
 * another is chosen (sam-period-choice.h). */
#pragma once

#include "sam-tree-page.h"

G_BEGIN_DECLS

#define SAM_TYPE_FOLLOW_UP_PAGE (sam_follow_up_page_get_type ())
G_DECLARE_FINAL_TYPE (SamFollowUpPage, sam_follow_up_page, SAM, FOLLOW_UP_PAGE, SamTreePage)

SamPage *sam_follow_up_page_new (void);

G_END_DECLS
