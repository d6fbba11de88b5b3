#define G_LOG_DOMAIN "sam-activity-filter"

#include "config.h"

#include "sam-activity-filter.h"

struct _SamActivityFilter
{
  GtkFilter         parent_instance;
  SamActivityQuery *query;
};

G_DEFINE_FINAL_TYPE (SamActivityFilter, sam_activity_filter, GTK_TYPE_FILTER)

static gboolean
sam_activity_filter_match (GtkFilter *filter,
                           gpointer   item)
{
  return sam_activity_query_matches (SAM_ACTIVITY_FILTER (filter)->query, item);
}

static GtkFilterMatch
sam_activity_filter_get_strictness (GtkFilter *filter)
{
  SamActivityFilter *self = SAM_ACTIVITY_FILTER (filter);

  return sam_activity_query_is_empty (self->query) ? GTK_FILTER_MATCH_ALL : GTK_FILTER_MATCH_SOME;
}

static void
sam_activity_filter_finalize (GObject *object)
{
  g_clear_pointer (&SAM_ACTIVITY_FILTER (object)->query, sam_activity_query_free);
  G_OBJECT_CLASS (sam_activity_filter_parent_class)->finalize (object);
}

static void
sam_activity_filter_class_init (SamActivityFilterClass *klass)
{
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sam_activity_filter_finalize;
  filter_class->match = sam_activity_filter_match;
  filter_class->get_strictness = sam_activity_filter_get_strictness;
}

static void
sam_activity_filter_init (SamActivityFilter *self)
{
  self->query = sam_activity_query_new ();
}

SamActivityFilter *
sam_activity_filter_new (void)
{
  return g_object_new (SAM_TYPE_ACTIVITY_FILTER, NULL);
}

/* Returns the query to change (borrowed); call sam_activity_filter_changed() after. */
SamActivityQuery *
sam_activity_filter_get_query (SamActivityFilter *self)
{
  g_return_val_if_fail (SAM_IS_ACTIVITY_FILTER (self), NULL);
  return self->query;
}

void
sam_activity_filter_changed (SamActivityFilter *self)
{
  g_return_if_fail (SAM_IS_ACTIVITY_FILTER (self));
  gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);
}
