#define G_LOG_DOMAIN "sam-checks-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sam-checks-page.h"

struct _SamChecksPage
{
  SamTreePage parent_instance;
};

G_DEFINE_FINAL_TYPE (SamChecksPage, sam_checks_page, SAM_TYPE_TREE_PAGE)

/* Each root row is one failed check. */
static char *
sam_checks_page_describe (SamTreePage *page)
{
  guint n = g_list_model_get_n_items (sam_tree_page_get_rows (page));

  if (n == 0)
    return g_strdup (_("Every check passes."));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u check fails. Select it to open what it is about.",
                                       "%u checks fail, the most severe first. Select one to open what it is about.",
                                       n), n);
}

static void
sam_checks_page_class_init (SamChecksPageClass *klass)
{
  SAM_TREE_PAGE_CLASS (klass)->describe = sam_checks_page_describe;
}

static void
sam_checks_page_init (SamChecksPage *self)
{
}

SamPage *
sam_checks_page_new (void)
{
  return g_object_new (SAM_TYPE_CHECKS_PAGE, "view", SAM_VIEW_CHECKS, NULL);
}
