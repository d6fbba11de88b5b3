#define G_LOG_DOMAIN "sam-filtered-list"

#include "config.h"

#include "sam-filtered-list.h"

struct _SamFilteredList
{
  GObject            parent_instance;

  GListModel        *source;
  SamActivityFilter *filter;
  /* The matching items, in the source's order. Borrowed: the source
   * holds them, and any change of its items makes this list filter again
   * before anyone reads it. */
  GPtrArray         *shown;
};

static void sam_filtered_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SamFilteredList, sam_filtered_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, sam_filtered_list_model_init))

static GType
sam_filtered_list_get_item_type (GListModel *model)
{
  return g_list_model_get_item_type (SAM_FILTERED_LIST (model)->source);
}

static guint
sam_filtered_list_get_n_items (GListModel *model)
{
  return SAM_FILTERED_LIST (model)->shown->len;
}

static gpointer
sam_filtered_list_get_item (GListModel *model,
                            guint       position)
{
  SamFilteredList *self = SAM_FILTERED_LIST (model);

  if (position >= self->shown->len)
    return NULL;
  return g_object_ref (self->shown->pdata[position]);
}

static void
sam_filtered_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sam_filtered_list_get_item_type;
  iface->get_n_items = sam_filtered_list_get_n_items;
  iface->get_item = sam_filtered_list_get_item;
}

static gboolean
same_rows (GPtrArray *a,
           GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (a->pdata[i] != b->pdata[i])
      return FALSE;
  return TRUE;
}

/* Filters again: only the rows shown when the filter grew stricter,
 * every row otherwise; tells the view in one change, if anything changed. */
static void
refilter (SamFilteredList *self,
          GtkFilterChange  change)
{
  SamActivityQuery *query = sam_activity_filter_get_query (self->filter);
  GPtrArray *old = self->shown;
  GPtrArray *fresh;

  if (change == GTK_FILTER_CHANGE_MORE_STRICT)
    {
      fresh = g_ptr_array_sized_new (old->len);
      for (guint i = 0; i < old->len; i++)
        if (sam_activity_query_matches (query, old->pdata[i]))
          g_ptr_array_add (fresh, old->pdata[i]);
    }
  else
    {
      guint n = g_list_model_get_n_items (self->source);

      fresh = g_ptr_array_sized_new (n);
      for (guint i = 0; i < n; i++)
        {
          SamActivityRow *row = g_list_model_get_item (self->source, i);

          g_object_unref (row);
          if (sam_activity_query_matches (query, row))
            g_ptr_array_add (fresh, row);
        }
    }
  if (same_rows (old, fresh))
    {
      g_ptr_array_unref (fresh);
      return;
    }
  self->shown = fresh;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old->len, fresh->len);
  g_ptr_array_unref (old);
}

static void
on_filter_changed_cb (GtkFilter       *filter,
                      GtkFilterChange  change,
                      SamFilteredList *self)
{
  refilter (self, change);
}

static void
on_source_changed_cb (GListModel      *source,
                      guint            position,
                      guint            removed,
                      guint            added,
                      SamFilteredList *self)
{
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
sam_filtered_list_dispose (GObject *object)
{
  SamFilteredList *self = SAM_FILTERED_LIST (object);

  if (self->source)
    g_signal_handlers_disconnect_by_data (self->source, self);
  if (self->filter)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->source);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  G_OBJECT_CLASS (sam_filtered_list_parent_class)->dispose (object);
}

static void
sam_filtered_list_class_init (SamFilteredListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sam_filtered_list_dispose;
}

static void
sam_filtered_list_init (SamFilteredList *self)
{
  self->shown = g_ptr_array_new ();
}

/* Returns the rows of @source (SamActivityRow) that @filter matches,
 * kept current as either changes. */
SamFilteredList *
sam_filtered_list_new (GListModel        *source,
                       SamActivityFilter *filter)
{
  SamFilteredList *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (source), NULL);
  g_return_val_if_fail (SAM_IS_ACTIVITY_FILTER (filter), NULL);

  self = g_object_new (SAM_TYPE_FILTERED_LIST, NULL);
  self->source = g_object_ref (source);
  self->filter = g_object_ref (filter);
  g_signal_connect (source, "items-changed", G_CALLBACK (on_source_changed_cb), self);
  g_signal_connect (filter, "changed", G_CALLBACK (on_filter_changed_cb), self);
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
  return self;
}
