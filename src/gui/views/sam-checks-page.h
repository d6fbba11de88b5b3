/* sam-checks-page.h: the coordination checks that fail, most severe
 * first; selecting one opens what it is about. */
#pragma once

#include "sam-tree-page.h"

G_BEGIN_DECLS

#define SAM_TYPE_CHECKS_PAGE (sam_checks_page_get_type ())
G_DECLARE_FINAL_TYPE (SamChecksPage, sam_checks_page, SAM, CHECKS_PAGE, SamTreePage)

SamPage *sam_checks_page_new (void);

G_END_DECLS
