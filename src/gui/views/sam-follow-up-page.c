#define G_LOG_DOMAIN "sam-follow-up-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sam-follow-up-page.h"
#include "sam-period-chooser.h"
#include "store/sam-closing.h"

struct _SamFollowUpPage
{
  SamTreePage       parent_instance;

  SamPeriodChooser *period_chooser;

  SamPeriodChoice  *choice;      /* followed, of the page's store */
  SamPeriod        *period;      /* the tree's, as of the last reload */
  GError           *error;       /* why it has none, when it could not be read */
};

G_DEFINE_FINAL_TYPE (SamFollowUpPage, sam_follow_up_page, SAM_TYPE_TREE_PAGE)

static void
on_choice_cb (SamFollowUpPage *self)
{
  sam_page_refresh (SAM_PAGE (self));
}

/* The activities not reported in the chosen period, as at it. */
static GListModel *
sam_follow_up_page_load_roots (SamTreePage *page)
{
  SamFollowUpPage *self = SAM_FOLLOW_UP_PAGE (page);
  SamStore *store = sam_page_get_store (SAM_PAGE (page));
  g_autofree char *today = sam_today ();
  SamPeriodChoice *choice = sam_period_choice_get (store);

  if (self->choice != choice)
    {
      self->choice = choice;
      g_signal_connect_object (choice, "notify::code", G_CALLBACK (on_choice_cb), self, G_CONNECT_SWAPPED);
    }
  sam_period_chooser_set_store (self->period_chooser, store);
  g_clear_pointer (&self->period, sam_period_free);
  g_clear_error (&self->error);
  self->period = sam_period_choice_resolve (choice, store, today, &self->error);
  return sam_tree_new_follow_up (store, self->period, today);
}

/* Names the period the lists are about, with its dates, and when it was
 * closed: its lists are then as they were. */
static char *
sam_follow_up_page_describe (SamTreePage *page)
{
  SamFollowUpPage *self = SAM_FOLLOW_UP_PAGE (page);
  g_autoptr(SamRecord) closing = NULL;
  g_autofree char *when = NULL, *text = NULL;

  if (self->error)
    return g_strdup (self->error->message);
  if (self->period == NULL)
    return g_strdup (_("There are no reporting periods. Add one under Reporting periods to follow up reporting."));
  when = sam_period_describe (self->period);
  if (g_list_model_get_n_items (sam_tree_page_get_rows (page)) == 0)
    text = g_strdup_printf (_("Every activity expected to report in %s has reported."), when);
  else
    /* TRANSLATORS: %s is a reporting period with its dates: "2026-T3 (1 Sep – 31 Dec 2026)". */
    text = g_strdup_printf (_("Activities expected to report in %s that have not, by lead agency."), when);
  if ((closing = sam_closing_get (sam_page_get_store (SAM_PAGE (page)), self->period->code, NULL)))
    {
      /* TRANSLATORS: after the Follow-up's line; %.10s is the day the period was closed, %s who closed it. */
      g_autofree char *closed = g_strdup_printf (_("The period was closed on %.10s by %s: the list is as it was then."),
                                                 sam_record_get_string (closing, "closed_at"),
                                                 sam_record_get_string (closing, "closed_by"));
      return g_strdup_printf ("%s %s", text, closed);
    }
  return g_steal_pointer (&text);
}

static void
sam_follow_up_page_dispose (GObject *object)
{
  SamFollowUpPage *self = SAM_FOLLOW_UP_PAGE (object);

  if (self->choice)
    g_signal_handlers_disconnect_by_data (self->choice, self);
  self->choice = NULL;
  g_clear_pointer (&self->period, sam_period_free);
  g_clear_error (&self->error);
  gtk_widget_dispose_template (GTK_WIDGET (self), SAM_TYPE_FOLLOW_UP_PAGE);
  G_OBJECT_CLASS (sam_follow_up_page_parent_class)->dispose (object);
}

static void
sam_follow_up_page_class_init (SamFollowUpPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sam_follow_up_page_dispose;
  SAM_TREE_PAGE_CLASS (klass)->describe = sam_follow_up_page_describe;
  SAM_TREE_PAGE_CLASS (klass)->load_roots = sam_follow_up_page_load_roots;

  g_type_ensure (SAM_TYPE_PERIOD_CHOOSER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-follow-up-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SamFollowUpPage, period_chooser);
}

static void
sam_follow_up_page_init (SamFollowUpPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SamPage *
sam_follow_up_page_new (void)
{
  return g_object_new (SAM_TYPE_FOLLOW_UP_PAGE, "view", SAM_VIEW_FOLLOW_UP, NULL);
}
