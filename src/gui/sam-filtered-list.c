#define G_LOG_DOMAIN "sam-filtered-list"

#include "config.h"

#include "sam-filtered-list.h"

#include <string.h>

struct _SamFilteredList
{
  GObject            parent_instance;

  GListModel        *source;
  SamActivityFilter *filter;
  /* The matching items, in the source's order. Borrowed: the source
   * holds them, and any change of its items makes this list filter again
   * before anyone reads it. */
  GPtrArray         *shown;
  /* Every item of the source, in its order, held: filtering reads this
   * rather than asking the source for each item on every keystroke. */
  GPtrArray         *all;
  /* Rows appended to the source in bulk (the rest of a large plan, read
   * in the background) that match but are not shown yet: they come in a
   * few at a time at idle (see trickle_cb()). Borrowed, like shown. */
  GPtrArray         *pending;
  guint              trickle_id;
  /* A row shown at once whenever it matches (see show()). */
  gpointer           kept;
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

/* A view redraws the rows a change touches; a change of every row makes it
 * build every visible row anew, which at a dozen columns is most of a
 * keystroke's time. So a new filtering is told as the runs of rows that
 * went or came, as long as there are few; rows that stay keep their
 * widgets. */
#define MAX_RUNS 32

typedef struct
{
  guint position;     /* in the list as the runs before it left it */
  guint removed;
  guint added;
} Run;

/* Returns the runs that turn @old into @fresh, both in the order of @all,
 * or NULL when there are more than MAX_RUNS. */
static GArray *
diff (GPtrArray *all,
      GPtrArray *old,
      GPtrArray *fresh)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (Run));
  Run run = { 0, 0, 0 };
  guint i = 0, j = 0, position = 0;

  for (guint k = 0; k < all->len && (i < old->len || j < fresh->len); k++)
    {
      gboolean was = i < old->len && old->pdata[i] == all->pdata[k];
      gboolean is = j < fresh->len && fresh->pdata[j] == all->pdata[k];

      if (was && is)
        {
          if (run.removed || run.added)
            {
              if (runs->len == MAX_RUNS)
                return NULL;
              g_array_append_val (runs, run);
              position += run.added;
              run = (Run) { 0, 0, 0 };
            }
          position++;
        }
      else if (was || is)
        {
          if (!run.removed && !run.added)
            run.position = position;
          run.removed += was;
          run.added += is;
        }
      i += was;
      j += is;
    }
  if (run.removed || run.added)
    {
      if (runs->len == MAX_RUNS)
        return NULL;
      g_array_append_val (runs, run);
    }
  return g_steal_pointer (&runs);
}

/* Replaces @removed items of @array at @position with @added from @items. */
static void
splice (GPtrArray *array,
        guint      position,
        guint      removed,
        gpointer  *items,
        guint      added)
{
  guint tail = array->len - position - removed;

  if (added > removed)
    g_ptr_array_set_size (array, array->len + added - removed);
  memmove (array->pdata + position + added, array->pdata + position + removed, tail * sizeof (gpointer));
  memcpy (array->pdata + position, items, added * sizeof (gpointer));
  if (removed > added)
    g_ptr_array_set_size (array, array->len - (removed - added));
}

/* Rows arriving are shown at idle in steps, so that the main loop is
 * never held long: GTK 4.8 builds the widgets of up to 200 rows of a
 * table when rows arrive below its first screenful, so those come
 * TRICKLE_STEP at a time; once more than TRICKLE_VIEW rows are shown,
 * rows arriving are past what the table builds, and the rest come at
 * once. Appends of fewer than TRICKLE_MIN rows are shown at once. */
#define TRICKLE_STEP 20
#define TRICKLE_VIEW 240
#define TRICKLE_MIN  500
#define SEARCH_FIRST 40

static gboolean
trickle_cb (gpointer data)
{
  SamFilteredList *self = data;
  guint shown = self->shown->len;
  guint n = shown < TRICKLE_VIEW ? MIN (TRICKLE_STEP, self->pending->len) : self->pending->len;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->shown, self->pending->pdata[i]);
  g_ptr_array_remove_range (self->pending, 0, n);
  if (self->pending->len == 0)
    self->trickle_id = 0;
  g_list_model_items_changed (G_LIST_MODEL (self), shown, 0, n);
  return self->pending->len > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* Shows @fresh instead of the rows shown, telling the views run by run
 * when @all still holds every row shown (the source has not changed).
 * A search that widens fewer rows than the table builds to many more
 * shows SEARCH_FIRST rows (a screenful) at once and trickles the rest
 * in, as rows appended do: the table would otherwise build up to 200
 * rows before it is drawn again. The kept row, and those before it,
 * come at once. */
static void
show (SamFilteredList *self,
      GPtrArray       *fresh,
      gboolean         same_source)
{
  guint at_once = MAX (self->shown->len, SEARCH_FIRST);
  gboolean trickle;
  g_autoptr(GArray) runs = NULL;
  GPtrArray *old = self->shown;
  guint kept;

  /* The kept row (the one selected) comes at once, so it stays selected. */
  if (self->kept && g_ptr_array_find (fresh, self->kept, &kept))
    at_once = MAX (at_once, kept + 1);
  trickle = old->len < TRICKLE_VIEW && fresh->len > at_once + TRICKLE_STEP;
  if (same_source && !trickle)
    runs = diff (self->all, old, fresh);

  if (trickle)
    {
      for (guint i = at_once; i < fresh->len; i++)
        g_ptr_array_add (self->pending, fresh->pdata[i]);
      g_ptr_array_set_size (fresh, at_once);
      self->trickle_id = g_idle_add (trickle_cb, self);
    }
  if (runs == NULL)
    {
      self->shown = fresh;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old->len, fresh->len);
      g_ptr_array_unref (old);
      return;
    }
  /* The rows shown follow the runs one by one, as the views read them. */
  for (guint r = 0; r < runs->len; r++)
    {
      const Run *run = &g_array_index (runs, Run, r);

      splice (self->shown, run->position, run->removed, fresh->pdata + run->position, run->added);
      g_list_model_items_changed (G_LIST_MODEL (self), run->position, run->removed, run->added);
    }
  g_ptr_array_unref (fresh);
}

/* Forgets the rows still to come: the caller filters every row again. */
static void
drop_pending (SamFilteredList *self)
{
  g_ptr_array_set_size (self->pending, 0);
  g_clear_handle_id (&self->trickle_id, g_source_remove);
}

/* Filters again: only the rows shown when the filter grew stricter,
 * every row otherwise; tells the view what changed, if anything. After
 * the source changed, the rows shown may be gone from it: then the view
 * is told every row changed. */
static void
refilter (SamFilteredList *self,
          GtkFilterChange  change,
          gboolean         same_source)
{
  SamActivityQuery *query = sam_activity_filter_get_query (self->filter);
  GPtrArray *old = self->shown;
  GPtrArray *fresh;

  /* Rows still to come are not among those shown: filter them all. */
  if (self->pending->len > 0)
    change = GTK_FILTER_CHANGE_DIFFERENT;
  drop_pending (self);
  if (change == GTK_FILTER_CHANGE_MORE_STRICT)
    {
      fresh = g_ptr_array_sized_new (old->len);
      for (guint i = 0; i < old->len; i++)
        if (sam_activity_query_matches (query, old->pdata[i]))
          g_ptr_array_add (fresh, old->pdata[i]);
    }
  else
    {
      fresh = g_ptr_array_sized_new (self->all->len);
      for (guint i = 0; i < self->all->len; i++)
        if (sam_activity_query_matches (query, self->all->pdata[i]))
          g_ptr_array_add (fresh, self->all->pdata[i]);
    }
  show (self, fresh, same_source);
}

static void
on_filter_changed_cb (GtkFilter       *filter,
                      GtkFilterChange  change,
                      SamFilteredList *self)
{
  refilter (self, change, TRUE);
}

/* Rows added after the last (a list that loads in parts): only those are
 * filtered, and the view is told about the ones that match: at once, or
 * with @trickle, after those still to come, at idle. */
static void
append_rows (SamFilteredList *self,
             guint            first,
             gboolean         trickle)
{
  SamActivityQuery *query = sam_activity_filter_get_query (self->filter);
  GPtrArray *into = trickle ? self->pending : self->shown;
  guint shown = self->shown->len;

  for (guint i = first; i < self->all->len; i++)
    if (sam_activity_query_matches (query, self->all->pdata[i]))
      g_ptr_array_add (into, self->all->pdata[i]);
  if (trickle && self->pending->len > 0 && self->trickle_id == 0)
    self->trickle_id = g_idle_add (trickle_cb, self);
  if (!trickle && self->shown->len > shown)
    g_list_model_items_changed (G_LIST_MODEL (self), shown, 0, self->shown->len - shown);
}

static void
on_source_changed_cb (GListModel      *source,
                      guint            position,
                      guint            removed,
                      guint            added,
                      SamFilteredList *self)
{
  guint tail;
  gboolean appended = removed == 0 && position == self->all->len;

  g_ptr_array_remove_range (self->all, position, removed);
  /* Make room for the added items in one move, then fill it. */
  tail = self->all->len - position;
  g_ptr_array_set_size (self->all, self->all->len + added);
  if (tail > 0 && added > 0)
    memmove (self->all->pdata + position + added, self->all->pdata + position, tail * sizeof (gpointer));
  for (guint i = 0; i < added; i++)
    self->all->pdata[position + i] = g_list_model_get_item (source, position + i);
  if (appended)
    append_rows (self, position, self->pending->len > 0 || added >= TRICKLE_MIN);
  else
    refilter (self, GTK_FILTER_CHANGE_DIFFERENT, FALSE);
}

static void
sam_filtered_list_dispose (GObject *object)
{
  SamFilteredList *self = SAM_FILTERED_LIST (object);

  if (self->source)
    g_signal_handlers_disconnect_by_data (self->source, self);
  if (self->filter)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_handle_id (&self->trickle_id, g_source_remove);
  g_clear_object (&self->source);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->all, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_object (&self->kept);
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
  self->all = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending = g_ptr_array_new ();
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
  /* What the source holds now is shown at once. */
  for (guint i = 0; i < g_list_model_get_n_items (source); i++)
    g_ptr_array_add (self->all, g_list_model_get_item (source, i));
  append_rows (self, 0, FALSE);
  return self;
}

/* Returns TRUE while rows appended to the source are still coming in. */
gboolean
sam_filtered_list_is_filling (SamFilteredList *self)
{
  g_return_val_if_fail (SAM_IS_FILTERED_LIST (self), FALSE);
  return self->pending->len > 0;
}

/* Returns how many rows match: those shown and those still to come. */
guint
sam_filtered_list_get_n_matches (SamFilteredList *self)
{
  g_return_val_if_fail (SAM_IS_FILTERED_LIST (self), 0);
  return self->shown->len + self->pending->len;
}

/* Makes @item (or none) a row that a search shows at once whenever it
 * matches, never among the rows still to come: the one selected, so that
 * a selection keeps it. */
void
sam_filtered_list_set_kept (SamFilteredList *self,
                            gpointer         item)
{
  g_return_if_fail (SAM_IS_FILTERED_LIST (self));
  g_return_if_fail (item == NULL || G_IS_OBJECT (item));
  g_set_object ((GObject **) &self->kept, item);
}
