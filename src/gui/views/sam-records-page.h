/* sam-records-page.h: a view of one kind of record as a tree: agencies
 * under their ministries, target groups by category, sectors, knowledge
 * gaps with R&D projects, obligations, reporting periods. */
#pragma once

#include "sam-tree-page.h"

G_BEGIN_DECLS

#define SAM_TYPE_RECORDS_PAGE (sam_records_page_get_type ())
G_DECLARE_FINAL_TYPE (SamRecordsPage, sam_records_page, SAM, RECORDS_PAGE, SamTreePage)

SamPage *sam_records_page_new (SamView view);

G_END_DECLS
