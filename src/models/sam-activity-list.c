#define G_LOG_DOMAIN "sam-activity-list"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sam-activity-list.h"
#include "store/sam-activity-data.h"

/* What the rows of one load share: the names they show and, for a bulk
 * load, their search keys one after the other, so that a search reads
 * them in order rather than from all over memory. */
typedef struct
{
  SamActivityNames *names;
  char             *keys;
} Names;

static void
names_clear (Names *box)
{
  sam_activity_names_free (box->names);
  g_free (box->keys);
}

struct _SamActivityRow
{
  GObject          parent_instance;

  Names           *names_box;    /* shared by the rows of one load (a GRcBox) */
  SamActivityData *data;
  char            *search_key;   /* casefolded title and description */
  gboolean         key_owned;    /* else it lies in the names' keys */
};

G_DEFINE_FINAL_TYPE (SamActivityRow, sam_activity_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_LEAD,
  PROP_PARTNERS,
  PROP_SECTORS,
  PROP_TARGET_GROUPS,
  PROP_START,
  PROP_DUE,
  PROP_STATUS,
  PROP_STATUS_NICK,
  PROP_PROGRESS,
  PROP_FRACTION,
  PROP_PROGRESS_TEXT,
  PROP_LATEST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static SamActivityNames *
names (SamActivityRow *self)
{
  return self->names_box->names;
}

static char *
join_names (GHashTable *table,
            GArray     *ids)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; ids && i < ids->len; i++)
    {
      const char *name = g_hash_table_lookup (table, &g_array_index (ids, gint64, i));
      if (name)
        g_strv_builder_add (builder, name);
    }
  strv = g_strv_builder_end (builder);
  return g_strjoinv (", ", strv);
}

static void
sam_activity_row_finalize (GObject *object)
{
  SamActivityRow *self = SAM_ACTIVITY_ROW (object);

  g_rc_box_release_full (self->names_box, (GDestroyNotify) names_clear);
  sam_activity_data_free (self->data);
  if (self->key_owned)
    g_free (self->search_key);
  G_OBJECT_CLASS (sam_activity_row_parent_class)->finalize (object);
}

/* The progress as shown: 0 when none is given. */
static int
progress (SamActivityRow *self)
{
  return (int) CLAMP (self->data->progress, 0, 100);
}

static void
sam_activity_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SamActivityRow *self = SAM_ACTIVITY_ROW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->data->title);
      break;
    case PROP_LEAD:
      g_value_set_string (value, g_hash_table_lookup (names (self)->agencies, &self->data->lead_id));
      break;
    case PROP_PARTNERS:
      g_value_take_string (value, join_names (names (self)->agencies, self->data->partners));
      break;
    case PROP_SECTORS:
      g_value_take_string (value, join_names (names (self)->sectors, self->data->sectors));
      break;
    case PROP_TARGET_GROUPS:
      g_value_take_string (value, join_names (names (self)->groups, self->data->groups));
      break;
    case PROP_START:
      g_value_set_string (value, self->data->start_date);
      break;
    case PROP_DUE:
      g_value_set_string (value, self->data->due_date);
      break;
    case PROP_STATUS:
      g_value_set_string (value, sam_enum_label (sam_status_values, self->data->status));
      break;
    case PROP_STATUS_NICK:
      g_value_set_string (value, self->data->status);
      break;
    case PROP_PROGRESS:
      g_value_set_int (value, progress (self));
      break;
    case PROP_FRACTION:
      g_value_set_double (value, progress (self) / 100.0);
      break;
    case PROP_PROGRESS_TEXT:
      g_value_take_string (value, g_strdup_printf ("%d %%", progress (self)));
      break;
    case PROP_LATEST:
      g_value_take_string (value, sam_activity_row_dup_latest (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_activity_row_class_init (SamActivityRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sam_activity_row_finalize;
  object_class->get_property = sam_activity_row_get_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_LEAD] = g_param_spec_string ("lead", NULL, NULL, NULL, flags);
  properties[PROP_PARTNERS] = g_param_spec_string ("partners", NULL, NULL, NULL, flags);
  properties[PROP_SECTORS] = g_param_spec_string ("sectors", NULL, NULL, NULL, flags);
  properties[PROP_TARGET_GROUPS] = g_param_spec_string ("target-groups", NULL, NULL, NULL, flags);
  properties[PROP_START] = g_param_spec_string ("start", NULL, NULL, NULL, flags);
  properties[PROP_DUE] = g_param_spec_string ("due", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_STATUS_NICK] = g_param_spec_string ("status-nick", NULL, NULL, NULL, flags);
  properties[PROP_PROGRESS] = g_param_spec_int ("progress", NULL, NULL, 0, 100, 0, flags);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0, flags);
  properties[PROP_PROGRESS_TEXT] = g_param_spec_string ("progress-text", NULL, NULL, NULL, flags);
  properties[PROP_LATEST] = g_param_spec_string ("latest", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sam_activity_row_init (SamActivityRow *self)
{
}

gint64
sam_activity_row_get_id (SamActivityRow *self)
{
  g_return_val_if_fail (SAM_IS_ACTIVITY_ROW (self), 0);
  return self->data->id;
}

const char *
sam_activity_row_get_title (SamActivityRow *self)
{
  g_return_val_if_fail (SAM_IS_ACTIVITY_ROW (self), NULL);
  return self->data->title;
}

/* Returns the latest status update as "2026-T1: comment", or NULL. */
char *
sam_activity_row_dup_latest (SamActivityRow *self)
{
  const char *period;

  g_return_val_if_fail (SAM_IS_ACTIVITY_ROW (self), NULL);
  if (self->data->latest_period == 0)
    return NULL;
  period = g_hash_table_lookup (names (self)->periods, &self->data->latest_period);
  return g_strdup_printf ("%s: %s", period ? period : "?",
                          self->data->latest_comment ? self->data->latest_comment : "");
}

/* Fills @facts with what the rules of sam-figures.h look at, "reported"
 * meaning in @period; valid while @self is. */
void
sam_activity_row_get_facts (SamActivityRow   *self,
                            const SamPeriod  *period,
                            SamActivityFacts *facts)
{
  g_return_if_fail (SAM_IS_ACTIVITY_ROW (self));
  sam_activity_data_facts (self->data, names (self), period, facts);
}

/* Loading */

static SamActivityRow *
row_new (Names           *box,
         SamActivityData *data)
{
  SamActivityRow *row = g_object_new (SAM_TYPE_ACTIVITY_ROW, NULL);
  g_autofree char *key = g_strconcat (data->title ? data->title : "", "\n",
                                      data->description ? data->description : "", NULL);

  row->names_box = g_rc_box_acquire (box);
  row->data = data;
  row->search_key = g_utf8_casefold (key, -1);
  row->key_owned = TRUE;
  g_clear_pointer (&data->description, g_free);
  return row;
}

/* Wraps each of @all (SamActivityData, taken) in a row into @rows, the
 * names they show from @names (taken), their search keys in one block. */
static void
wrap_rows (SamActivityNames *names,
           GPtrArray        *all,
           GPtrArray        *rows)
{
  g_autoptr(GString) keys = g_string_new (NULL);
  Names *box = g_rc_box_new0 (Names);

  box->names = names;
  for (guint i = 0; i < all->len; i++)
    {
      SamActivityData *data = all->pdata[i];
      g_autofree char *key = g_strconcat (data->title ? data->title : "", "\n",
                                          data->description ? data->description : "", NULL);
      g_autofree char *folded = g_utf8_casefold (key, -1);
      SamActivityRow *row = g_object_new (SAM_TYPE_ACTIVITY_ROW, NULL);

      row->names_box = g_rc_box_acquire (box);
      row->data = g_steal_pointer (&all->pdata[i]);
      g_clear_pointer (&row->data->description, g_free);
      /* The offset for now; the address once the block is complete. */
      row->search_key = GSIZE_TO_POINTER (keys->len);
      g_string_append_len (keys, folded, strlen (folded) + 1);
      g_ptr_array_add (rows, row);
    }
  box->keys = g_string_free (g_steal_pointer (&keys), FALSE);
  for (guint i = rows->len - all->len; i < rows->len; i++)
    {
      SamActivityRow *row = rows->pdata[i];
      row->search_key = box->keys + GPOINTER_TO_SIZE (row->search_key);
    }
  g_rc_box_release_full (box, (GDestroyNotify) names_clear);
}

/* Reads every activity into @rows, or with @first > 0 the first @first. */
static gboolean
load_rows (SamStore   *store,
           guint       first,
           GPtrArray  *rows,
           GError    **error)
{
  g_autoptr(SamActivityNames) names = sam_activity_names_read (store, error);
  g_autoptr(GPtrArray) all = NULL;

  if (names == NULL)
    return FALSE;
  all = first ? sam_activity_data_read_first (store, first, error) : sam_activity_data_read (store, 0, error);
  if (all == NULL)
    return FALSE;
  wrap_rows (g_steal_pointer (&names), all, rows);
  return TRUE;
}

/* Returns a new list of every activity as a SamActivityRow, in measure
 * and plan order, or NULL with a SamStoreError. */
GListModel *
sam_activity_list_load (SamStore  *store,
                        GError   **error)
{
  g_autoptr(GListStore) list = g_list_store_new (SAM_TYPE_ACTIVITY_ROW);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);

  if (!load_rows (store, 0, rows, error))
    return NULL;
  g_list_store_splice (list, 0, 0, rows->pdata, rows->len);
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/* The live list: follows the store's changes row by row. */

struct _SamActivityList
{
  GObject       parent_instance;

  SamStore     *store;
  GListStore   *rows;
  gboolean      stale;     /* names changed: reload all at the end of the step */
  gboolean      loading;   /* a background load is under way */
  GArray       *missed;    /* activity ids changed while it was */
  GCancellable *cancellable;
};

enum { LOADED, N_LIST_SIGNALS };
static guint list_signals[N_LIST_SIGNALS];

G_DEFINE_FINAL_TYPE (SamActivityList, sam_activity_list, G_TYPE_OBJECT)

static void
sam_activity_list_dispose (GObject *object)
{
  SamActivityList *self = SAM_ACTIVITY_LIST (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->missed, g_array_unref);
  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->rows);
  G_OBJECT_CLASS (sam_activity_list_parent_class)->dispose (object);
}

static void
sam_activity_list_class_init (SamActivityListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sam_activity_list_dispose;

  /**
   * SamActivityList::loaded:
   * @error: (nullable): why the background load failed, or %NULL
   *
   * Emitted when the rows of sam_activity_list_new_loading() are in.
   */
  list_signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
sam_activity_list_init (SamActivityList *self)
{
  self->rows = g_list_store_new (SAM_TYPE_ACTIVITY_ROW);
}

/* Returns the position of the row of activity @id, or G_MAXUINT. */
guint
sam_activity_list_find (SamActivityList *self,
                        gint64           id)
{
  guint n;

  g_return_val_if_fail (SAM_IS_ACTIVITY_LIST (self), G_MAXUINT);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  for (guint i = 0; i < n; i++)
    {
      SamActivityRow *row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      gboolean found = row->data->id == id;

      g_object_unref (row);
      if (found)
        return i;
    }
  return G_MAXUINT;
}

#define SWAP(a, b) G_STMT_START { __typeof__ (a) tmp_ = (a); (a) = (b); (b) = tmp_; } G_STMT_END

/* Moves @fresh's values into @row, which stays in the list (and so stays
 * selected), and tells the views its properties changed. */
static void
update_row (SamActivityRow *row,
            SamActivityRow *fresh)
{
  SWAP (row->names_box, fresh->names_box);
  SWAP (row->data, fresh->data);
  SWAP (row->search_key, fresh->search_key);
  SWAP (row->key_owned, fresh->key_owned);
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (row), properties[i]);
}

/* Reads activity @id again into its row, adding or removing the row as
 * it now is or is not there. On a read error the whole list is read again
 * at the end of the step. */
static void
refresh_row (SamActivityList *self,
             gint64           id)
{
  g_autoptr(GPtrArray) fresh = sam_activity_data_read (self->store, id, NULL);
  guint pos = sam_activity_list_find (self, id);
  g_autoptr(SamActivityRow) row = NULL;
  Names *box;

  if (fresh == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->rows)) == 0)
    {
      self->stale = TRUE;
      return;
    }
  if (fresh->len == 0)
    {
      if (pos != G_MAXUINT)
        g_list_store_remove (self->rows, pos);
      return;
    }
  {
    g_autoptr(SamActivityRow) any = g_list_model_get_item (G_LIST_MODEL (self->rows), pos == G_MAXUINT ? 0 : pos);
    box = any->names_box;
    row = row_new (box, g_steal_pointer (&fresh->pdata[0]));
  }
  if (pos != G_MAXUINT)
    {
      g_autoptr(SamActivityRow) shown = g_list_model_get_item (G_LIST_MODEL (self->rows), pos);
      update_row (shown, row);
    }
  else
    g_list_store_append (self->rows, row);
}

static void
note_change (SamActivityList *self,
             gint64           id)
{
  if (self->loading)
    g_array_append_val (self->missed, id);
  else
    refresh_row (self, id);
}

static void
on_record_changed (SamStore        *store,
                   SamRecord       *record,
                   gboolean         removed,
                   SamActivityList *self)
{
  switch (sam_record_get_kind (record))
    {
    case SAM_KIND_ACTIVITY:
      note_change (self, sam_record_get_id (record));
      break;
    case SAM_KIND_STATUS_UPDATE:
      note_change (self, sam_record_get_int (record, "activity_id"));
      break;
    case SAM_KIND_AGENCY:
    case SAM_KIND_SECTOR:
    case SAM_KIND_TARGET_GROUP:
    case SAM_KIND_REPORTING_PERIOD:
    case SAM_KIND_PLAN:
      self->stale = TRUE;
      break;
    default:
      break;
    }
}

/* Another window or program changed the database: which activities is
 * not known, so all are read again when the store says it changed. */
static void
on_external_change (SamStore        *store,
                    SamActivityList *self)
{
  self->stale = TRUE;
}

static gboolean
reload (SamActivityList  *self,
        GError          **error)
{
  g_autoptr(GListModel) fresh = sam_activity_list_load (self->store, error);
  g_autoptr(GPtrArray) rows = NULL;
  guint n;

  if (fresh == NULL)
    return FALSE;
  n = g_list_model_get_n_items (fresh);
  rows = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (rows, g_list_model_get_item (fresh, i));
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
  self->stale = FALSE;
  return TRUE;
}

static void
on_changed (SamStore        *store,
            SamActivityList *self)
{
  g_autoptr(GError) error = NULL;

  if (self->stale && !self->loading && !reload (self, &error))
    g_warning ("Could not reload the activities: %s", error->message);
}

/* Returns a list of every activity that keeps itself current as the store
 * changes, or NULL on a database error. */
SamActivityList *
sam_activity_list_new (SamStore  *store,
                       GError   **error)
{
  g_autoptr(SamActivityList) self = g_object_new (SAM_TYPE_ACTIVITY_LIST, NULL);

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  self->store = g_object_ref (store);
  if (!reload (self, error))
    return NULL;
  g_signal_connect (store, "record-changed", G_CALLBACK (on_record_changed), self);
  g_signal_connect (store, "external-change", G_CALLBACK (on_external_change), self);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed), self);
  return g_steal_pointer (&self);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  GError *error = NULL;
  /* A read-only connection of its own: the window's goes on meanwhile. */
  g_autoptr(SamStore) reader = sam_store_open_reader (task_data, &error);

  if (reader == NULL || !load_rows (reader, 0, rows, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&rows), (GDestroyNotify) g_ptr_array_unref);
}

/* Puts the rows of a full load in: after the screenful the list began
 * with, when those are its first rows, so that what is shown stays. */
static void
add_loaded (SamActivityList *self,
            GPtrArray       *rows)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  gboolean same = shown <= rows->len;

  for (guint i = 0; same && i < shown; i++)
    {
      g_autoptr(SamActivityRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      same = row->data->id == ((SamActivityRow *) rows->pdata[i])->data->id;
    }
  if (same)
    g_list_store_splice (self->rows, shown, 0, rows->pdata + shown, rows->len - shown);
  else
    g_list_store_splice (self->rows, 0, shown, rows->pdata, rows->len);
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  SamActivityList *self = SAM_ACTIVITY_LIST (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GArray) missed = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  missed = g_steal_pointer (&self->missed);
  self->missed = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (rows)
    add_loaded (self, rows);
  /* What changed while the rows were read comes in now. */
  if (self->stale)
    reload (self, NULL);
  else
    for (guint i = 0; i < missed->len; i++)
      refresh_row (self, g_array_index (missed, gint64, i));
  g_signal_emit (self, list_signals[LOADED], 0, error);
}

/* Returns a list of the first @first_rows activities at once (read from
 * the indexes, however large the plan: a screenful, which its view has to
 * build before it is drawn, so no more). sam_activity_list_load_rest()
 * reads the rest; until then and while it reads, the list is loading.
 * Changes made meanwhile are not lost. */
SamActivityList *
sam_activity_list_new_loading (SamStore *store,
                               guint     first_rows)
{
  SamActivityList *self;
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (first_rows > 0, NULL);
  self = g_object_new (SAM_TYPE_ACTIVITY_LIST, NULL);
  self->store = g_object_ref (store);
  self->loading = TRUE;
  self->missed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (store, "record-changed", G_CALLBACK (on_record_changed), self);
  g_signal_connect (store, "external-change", G_CALLBACK (on_external_change), self);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed), self);
  /* Without them the whole load shows them; a failure shows when it ends. */
  if (load_rows (store, first_rows, first, NULL))
    g_list_store_splice (self->rows, 0, 0, first->pdata, first->len);
  return self;
}

/* Reads the rest of the activities of a list made with
 * sam_activity_list_new_loading() in a worker thread, with a connection
 * of its own; "loaded" says when they are in (or why not). Its view calls
 * it once its first rows are drawn, so that the reading does not compete
 * with drawing them. Does nothing when it has begun. */
void
sam_activity_list_load_rest (SamActivityList *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SAM_IS_ACTIVITY_LIST (self));
  if (!self->loading || self->cancellable)
    return;
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_loaded_cb, NULL);
  g_task_set_source_tag (task, sam_activity_list_load_rest);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

gboolean
sam_activity_list_is_loading (SamActivityList *self)
{
  g_return_val_if_fail (SAM_IS_ACTIVITY_LIST (self), FALSE);
  return self->loading;
}

/* Returns the rows (borrowed), a GListModel of SamActivityRow. */
GListModel *
sam_activity_list_get_model (SamActivityList *self)
{
  g_return_val_if_fail (SAM_IS_ACTIVITY_LIST (self), NULL);
  return G_LIST_MODEL (self->rows);
}

/* Query */

SamActivityQuery *
sam_activity_query_new (void)
{
  return g_new0 (SamActivityQuery, 1);
}

void
sam_activity_query_free (SamActivityQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->text);
  g_clear_pointer (&query->agencies, g_hash_table_unref);
  g_clear_pointer (&query->duty_sectors, g_hash_table_unref);
  g_free (query->status);
  g_free (query->today);
  sam_period_free (query->not_reported);
  g_clear_pointer (&query->unreported, g_hash_table_unref);
  g_free (query);
}

/* Sets the search text; it is matched without regard to case. */
void
sam_activity_query_set_text (SamActivityQuery *query,
                             const char       *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  g_free (query->text);
  query->text = *stripped ? g_utf8_casefold (stripped, -1) : NULL;
}

gboolean
sam_activity_query_is_empty (SamActivityQuery *query)
{
  return query->text == NULL && query->measure_id == 0 && query->plan_id == 0
         && query->agencies == NULL && query->sector_id == 0 && query->target_group_id == 0
         && query->status == NULL && !query->overdue && query->not_reported == NULL;
}

static gboolean
contains (GArray *ids,
          gint64  id)
{
  for (guint i = 0; ids && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static gboolean
any_in (GArray     *ids,
        GHashTable *set)
{
  for (guint i = 0; ids && i < ids->len; i++)
    if (g_hash_table_contains (set, &g_array_index (ids, gint64, i)))
      return TRUE;
  return FALSE;
}

/* Returns TRUE when @row meets every criterion of @query. */
gboolean
sam_activity_query_matches (SamActivityQuery *query,
                            SamActivityRow   *row)
{
  const SamActivityData *data;
  SamActivityFacts facts;

  g_return_val_if_fail (query != NULL && SAM_IS_ACTIVITY_ROW (row), FALSE);

  data = row->data;
  if (query->measure_id && data->measure_id != query->measure_id)
    return FALSE;
  if (query->plan_id && data->plan_id != query->plan_id)
    return FALSE;
  if (query->status && g_strcmp0 (sam_status_values[sam_facts_status (&(SamActivityFacts) { .status = data->status })].nick,
                                  query->status) != 0)
    return FALSE;
  if (query->sector_id && !contains (data->sectors, query->sector_id))
    return FALSE;
  if (query->target_group_id && !contains (data->groups, query->target_group_id))
    return FALSE;
  if (query->agencies && !g_hash_table_contains (query->agencies, &data->lead_id)
      && !any_in (data->partners, query->agencies)
      && !(data->lead_id == 0 && query->duty_sectors && any_in (data->sectors, query->duty_sectors)))
    return FALSE;
  if (query->overdue || query->not_reported)
    {
      sam_activity_row_get_facts (row, query->not_reported, &facts);
      if (query->overdue && !sam_facts_is_overdue (&facts, query->today))
        return FALSE;
      if (query->not_reported && !(query->unreported ? g_hash_table_contains (query->unreported, &data->id)
                                                     : sam_facts_is_unreported (&facts, query->not_reported)))
        return FALSE;
    }
  if (query->text && strstr (row->search_key, query->text) == NULL)
    return FALSE;
  return TRUE;
}

/* Returns a set of gint64 ids: the sectors one of @agencies (a set of
 * gint64 ids) is the responsible ministry of, for the activities that name
 * no lead and so answer to it by sector responsibility; NULL with a
 * SamStoreError. */
GHashTable *
sam_sectors_of (SamStore    *store,
                GHashTable  *agencies,
                GError     **error)
{
  GHashTable *set;
  g_autoptr(GPtrArray) sectors = sam_store_list (store, SAM_KIND_SECTOR, error);

  if (sectors == NULL)
    return NULL;
  set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < sectors->len; i++)
    {
      gint64 ministry = sam_record_get_int (sectors->pdata[i], "ministry_id");
      gint64 id = sam_record_get_id (sectors->pdata[i]);

      if (ministry && g_hash_table_contains (agencies, &ministry))
        g_hash_table_add (set, g_memdup2 (&id, sizeof id));
    }
  return set;
}

/* Returns a set of gint64 ids: @agency_id and, with @subordinates, every
 * agency under it at any depth; NULL with a SamStoreError when the
 * agencies cannot be read. */
GHashTable *
sam_agency_with_subordinates (SamStore  *store,
                              gint64     agency_id,
                              gboolean   subordinates,
                              GError   **error)
{
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_hash_table_add (set, g_memdup2 (&agency_id, sizeof agency_id));
  if (subordinates)
    g_array_append_val (queue, agency_id);
  while (queue->len > 0)
    {
      gint64 next = g_array_index (queue, gint64, queue->len - 1);
      g_autoptr(GPtrArray) under = NULL;

      g_array_set_size (queue, queue->len - 1);
      if (!(under = sam_store_list_by (store, SAM_KIND_AGENCY, "parent_id", next, error)))
        return NULL;
      for (guint i = 0; i < under->len; i++)
        {
          gint64 id = sam_record_get_id (under->pdata[i]);
          if (!g_hash_table_contains (set, &id))
            {
              g_hash_table_add (set, g_memdup2 (&id, sizeof id));
              g_array_append_val (queue, id);
            }
        }
    }
  return g_steal_pointer (&set);
}
