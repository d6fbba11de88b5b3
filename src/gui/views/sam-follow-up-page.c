#define G_LOG_DOMAIN "sam-follow-up-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sam-follow-up-page.h"

struct _SamFollowUpPage
{
  SamTreePage parent_instance;
};

G_DEFINE_FINAL_TYPE (SamFollowUpPage, sam_follow_up_page, SAM_TYPE_TREE_PAGE)

/* Names the period the lists are about, with its dates. */
static char *
sam_follow_up_page_describe (SamTreePage *page)
{
  g_autofree char *today = sam_today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SamPeriod) period = sam_period_current (sam_page_get_store (SAM_PAGE (page)), today, &error);
  g_autofree char *when = NULL;

  if (error)
    return g_strdup (error->message);
  if (period == NULL)
    return g_strdup (_("There are no reporting periods. Add one under Reporting periods to follow up reporting."));
  when = sam_period_describe (period);
  if (g_list_model_get_n_items (sam_tree_page_get_rows (page)) == 0)
    return g_strdup_printf (_("Every activity expected to report in %s has reported."), when);
  /* TRANSLATORS: %s is a reporting period with its dates: "2026-T3 (1 Sep – 31 Dec 2026)". */
  return g_strdup_printf (_("Activities expected to report in %s that have not, by lead agency."), when);
}

static void
sam_follow_up_page_class_init (SamFollowUpPageClass *klass)
{
  SAM_TREE_PAGE_CLASS (klass)->describe = sam_follow_up_page_describe;
}

static void
sam_follow_up_page_init (SamFollowUpPage *self)
{
}

SamPage *
sam_follow_up_page_new (void)
{
  return g_object_new (SAM_TYPE_FOLLOW_UP_PAGE, "view", SAM_VIEW_FOLLOW_UP, NULL);
}
