#define G_LOG_DOMAIN "sam-records-page"

#include "config.h"

#include "sam-records-page.h"

struct _SamRecordsPage
{
  SamTreePage parent_instance;
};

G_DEFINE_FINAL_TYPE (SamRecordsPage, sam_records_page, SAM_TYPE_TREE_PAGE)

static void
sam_records_page_class_init (SamRecordsPageClass *klass)
{
}

static void
sam_records_page_init (SamRecordsPage *self)
{
}

/* Returns a new page of the records of @view (agencies, target groups,
 * sectors, knowledge gaps, obligations or reporting periods). */
SamPage *
sam_records_page_new (SamView view)
{
  return g_object_new (SAM_TYPE_RECORDS_PAGE, "view", view, NULL);
}
