/* sam-matrix-page.h: a coordination matrix and its options; its cells
 * open the activities behind them. The Responsibility and Coverage views
 * are its two kinds. */
#pragma once

#include "sam-page.h"
#include "store/sam-coordination.h"

G_BEGIN_DECLS

#define SAM_TYPE_MATRIX_PAGE (sam_matrix_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (SamMatrixPage, sam_matrix_page, SAM, MATRIX_PAGE, SamPage)

struct _SamMatrixPageClass
{
  SamPageClass   parent_class;

  SamMatrixKind  kind;
};

#define SAM_TYPE_RESPONSIBILITY_PAGE (sam_responsibility_page_get_type ())
G_DECLARE_FINAL_TYPE (SamResponsibilityPage, sam_responsibility_page, SAM, RESPONSIBILITY_PAGE, SamMatrixPage)

#define SAM_TYPE_COVERAGE_PAGE (sam_coverage_page_get_type ())
G_DECLARE_FINAL_TYPE (SamCoveragePage, sam_coverage_page, SAM, COVERAGE_PAGE, SamMatrixPage)

SamPage  *sam_responsibility_page_new  (void);
SamPage  *sam_coverage_page_new        (void);
gboolean  sam_matrix_page_is_computing (SamMatrixPage *self);

G_END_DECLS
