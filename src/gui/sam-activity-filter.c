#define G_LOG_DOMAIN "sam-activity-filter"

#include "config.h"

#include "sam-activity-filter.h"

#include <string.h>

struct _SamActivityFilter
{
  GtkFilter         parent_instance;
  SamActivityQuery *query;
  char             *last_text;    /* the search the list was last filtered by */
  char             *last_rest;    /* and the other criteria, as text */
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
  g_clear_pointer (&SAM_ACTIVITY_FILTER (object)->last_text, g_free);
  g_clear_pointer (&SAM_ACTIVITY_FILTER (object)->last_rest, g_free);
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

/* Everything but the search text, to tell whether only the text changed. */
static char *
describe_rest (SamActivityQuery *q)
{
  GString *rest = g_string_new (NULL);

  g_string_append_printf (rest, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                          " %" G_GINT64_FORMAT " %s %s %d %s %u",
                          q->measure_id, q->plan_id, q->sector_id, q->target_group_id,
                          q->not_reported ? q->not_reported->code : "",
                          q->status ? q->status : "", q->overdue, q->today ? q->today : "",
                          q->agencies ? g_hash_table_size (q->agencies) : 0);
  if (q->agencies)
    {
      GHashTableIter iter;
      gpointer key;

      /* Sets of the same size may differ; their sum of ids tells most apart. */
      gint64 sum = 0;
      g_hash_table_iter_init (&iter, q->agencies);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        sum += *(gint64 *) key;
      g_string_append_printf (rest, " %" G_GINT64_FORMAT, sum);
    }
  return g_string_free (rest, FALSE);
}

/* Tells the list the query changed. When only the search text grew (or
 * shrank), only the rows shown (or hidden) are checked again, which is
 * what keeps typing quick in a large plan. */
void
sam_activity_filter_changed (SamActivityFilter *self)
{
  g_autofree char *rest = NULL;
  const char *text, *last;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  g_return_if_fail (SAM_IS_ACTIVITY_FILTER (self));

  rest = describe_rest (self->query);
  text = self->query->text ? self->query->text : "";
  last = self->last_text ? self->last_text : "";
  if (g_strcmp0 (rest, self->last_rest) == 0)
    {
      if (g_str_equal (text, last))
        return;
      if (strstr (text, last))
        change = GTK_FILTER_CHANGE_MORE_STRICT;
      else if (strstr (last, text))
        change = GTK_FILTER_CHANGE_LESS_STRICT;
    }
  g_free (self->last_text);
  self->last_text = g_strdup (text);
  g_free (self->last_rest);
  self->last_rest = g_steal_pointer (&rest);
  gtk_filter_changed (GTK_FILTER (self), change);
}

/* Makes the lists filter every row again: rows changed in place. */
void
sam_activity_filter_refilter (SamActivityFilter *self)
{
  g_return_if_fail (SAM_IS_ACTIVITY_FILTER (self));
  gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);
}
