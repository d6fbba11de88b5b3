#define G_LOG_DOMAIN "sam-activity-list"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sam-activity-list.h"
#include "store/sam-store-private.h"

/* Names shown in the rows, shared by every row of one load. */
typedef struct
{
  GHashTable *agencies;     /* id → short name, or name */
  GHashTable *sectors;      /* id → name */
  GHashTable *groups;       /* id → name */
  GHashTable *periods;      /* id → code */
  /* The search keys of a bulk load, one after the other, so that a search
   * reads them in order rather than from all over memory. */
  GString    *keys_buffer;  /* while loading */
  char       *keys;
} Names;

static void
names_clear (Names *names)
{
  if (names->keys_buffer)
    g_string_free (names->keys_buffer, TRUE);
  g_free (names->keys);
  g_hash_table_unref (names->agencies);
  g_hash_table_unref (names->sectors);
  g_hash_table_unref (names->groups);
  g_hash_table_unref (names->periods);
}

struct _SamActivityRow
{
  GObject  parent_instance;

  Names   *names_box;       /* shared by the rows of one load (a GRcBox) */
  gint64   id;
  char    *title;
  char    *search_key;      /* casefolded title and description */
  gboolean key_owned;       /* else it lies in the names' keys */
  gint64   plan_id;
  gint64   measure_id;
  gint64   lead_id;
  GArray  *partners;
  GArray  *sectors;
  GArray  *groups;
  GArray  *reported;        /* reporting period ids with an update */
  char    *start;
  char    *due;
  char    *status;
  int      progress;
  gint64   latest_period;
  char    *latest_comment;
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

static Names *
names (SamActivityRow *self)
{
  return self->names_box;
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
  g_free (self->title);
  if (self->key_owned)
    g_free (self->search_key);
  g_clear_pointer (&self->partners, g_array_unref);
  g_clear_pointer (&self->sectors, g_array_unref);
  g_clear_pointer (&self->groups, g_array_unref);
  g_clear_pointer (&self->reported, g_array_unref);
  g_free (self->start);
  g_free (self->due);
  g_free (self->status);
  g_free (self->latest_comment);
  G_OBJECT_CLASS (sam_activity_row_parent_class)->finalize (object);
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
      g_value_set_string (value, self->title);
      break;
    case PROP_LEAD:
      g_value_set_string (value, g_hash_table_lookup (names (self)->agencies, &self->lead_id));
      break;
    case PROP_PARTNERS:
      g_value_take_string (value, join_names (names (self)->agencies, self->partners));
      break;
    case PROP_SECTORS:
      g_value_take_string (value, join_names (names (self)->sectors, self->sectors));
      break;
    case PROP_TARGET_GROUPS:
      g_value_take_string (value, join_names (names (self)->groups, self->groups));
      break;
    case PROP_START:
      g_value_set_string (value, self->start);
      break;
    case PROP_DUE:
      g_value_set_string (value, self->due);
      break;
    case PROP_STATUS:
      g_value_set_string (value, sam_enum_label (sam_status_values, self->status));
      break;
    case PROP_STATUS_NICK:
      g_value_set_string (value, self->status);
      break;
    case PROP_PROGRESS:
      g_value_set_int (value, self->progress);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, CLAMP (self->progress, 0, 100) / 100.0);
      break;
    case PROP_PROGRESS_TEXT:
      g_value_take_string (value, g_strdup_printf ("%d %%", self->progress));
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
  return self->id;
}

const char *
sam_activity_row_get_title (SamActivityRow *self)
{
  g_return_val_if_fail (SAM_IS_ACTIVITY_ROW (self), NULL);
  return self->title;
}

gint64
sam_activity_row_get_lead (SamActivityRow *self)
{
  g_return_val_if_fail (SAM_IS_ACTIVITY_ROW (self), 0);
  return self->lead_id;
}

char *
sam_activity_row_dup_partners (SamActivityRow *self)
{
  g_return_val_if_fail (SAM_IS_ACTIVITY_ROW (self), NULL);
  return join_names (names (self)->agencies, self->partners);
}

/* Returns the status nick, such as "in_progress". */
const char *
sam_activity_row_get_status (SamActivityRow *self)
{
  g_return_val_if_fail (SAM_IS_ACTIVITY_ROW (self), NULL);
  return self->status;
}

int
sam_activity_row_get_progress (SamActivityRow *self)
{
  g_return_val_if_fail (SAM_IS_ACTIVITY_ROW (self), 0);
  return self->progress;
}

/* Returns the latest status update as "2026-T1: comment", or NULL. */
char *
sam_activity_row_dup_latest (SamActivityRow *self)
{
  const char *period;

  g_return_val_if_fail (SAM_IS_ACTIVITY_ROW (self), NULL);
  if (self->latest_period == 0)
    return NULL;
  period = g_hash_table_lookup (names (self)->periods, &self->latest_period);
  return g_strdup_printf ("%s: %s", period ? period : "?", self->latest_comment ? self->latest_comment : "");
}

/* Loading */

static GHashTable *
load_names (sqlite3    *db,
            const char *sql)
{
  GHashTable *table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_hash_table_insert (table, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                           g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  return table;
}

static GArray *
parse_ids (sqlite3_stmt *stmt,
           int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);
  GArray *ids = NULL;

  while (text && *text)
    {
      char *end = NULL;
      gint64 id = g_ascii_strtoll (text, &end, 10);

      if (ids == NULL)
        ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (ids, id);
      text = (end && *end == ',') ? end + 1 : end;
      if (end == NULL || *end == '\0')
        break;
    }
  return ids;
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

#define LINKED(table, column, order) \
  "(SELECT group_concat(" column ") FROM (SELECT " column " FROM " table \
  " WHERE activity_id = a.id ORDER BY " order "))"

static const char activity_sql[] =
  "SELECT a.id, a.title, a.description, a.plan_id, p.measure_id, a.lead_agency_id, "
  "       a.start_date, a.due_date, a.status, a.progress, "
  LINKED ("activity_partner", "agency_id", "position") ", "
  LINKED ("activity_sector", "sector_id", "position") ", "
  LINKED ("activity_target_group", "target_group_id", "position") ", "
  "       (SELECT group_concat(DISTINCT period_id) FROM status_update WHERE activity_id = a.id), "
  "       u.period_id, u.comment "
  "FROM activity a JOIN plan p ON p.id = a.plan_id "
  "LEFT JOIN status_update u ON u.id = (SELECT id FROM status_update "
  "     WHERE activity_id = a.id ORDER BY reported_at DESC, id DESC LIMIT 1) "
  "WHERE %s "
  "ORDER BY p.measure_id, a.plan_id, a.id";

static SamActivityRow *
row_from (sqlite3_stmt *stmt,
          Names        *box)
{
  SamActivityRow *row = g_object_new (SAM_TYPE_ACTIVITY_ROW, NULL);
  g_autofree char *key = g_strconcat ((const char *) sqlite3_column_text (stmt, 1), "\n",
                                      sqlite3_column_text (stmt, 2) ? (const char *) sqlite3_column_text (stmt, 2) : "",
                                      NULL);

  row->names_box = g_rc_box_acquire (box);
  row->id = sqlite3_column_int64 (stmt, 0);
  row->title = dup_column (stmt, 1);
  row->search_key = g_utf8_casefold (key, -1);
  row->key_owned = TRUE;
  row->plan_id = sqlite3_column_int64 (stmt, 3);
  row->measure_id = sqlite3_column_int64 (stmt, 4);
  row->lead_id = sqlite3_column_int64 (stmt, 5);
  row->start = dup_column (stmt, 6);
  row->due = dup_column (stmt, 7);
  row->status = dup_column (stmt, 8);
  row->progress = sqlite3_column_int (stmt, 9);
  row->partners = parse_ids (stmt, 10);
  row->sectors = parse_ids (stmt, 11);
  row->groups = parse_ids (stmt, 12);
  row->reported = parse_ids (stmt, 13);
  row->latest_period = sqlite3_column_int64 (stmt, 14);
  row->latest_comment = dup_column (stmt, 15);
  return row;
}

static Names *
names_load (sqlite3 *db)
{
  Names *box = g_rc_box_new0 (Names);

  box->agencies = load_names (db, "SELECT id, coalesce(nullif(short_name, ''), name) FROM agency");
  box->sectors = load_names (db, "SELECT id, name FROM sector");
  box->groups = load_names (db, "SELECT id, name FROM target_group");
  box->periods = load_names (db, "SELECT id, code FROM reporting_period");
  return box;
}

/* Runs the row query with @where ("1", or "a.id = ?" with @id) into @rows. */
static gboolean
query_rows (SamStore   *store,
            Names      *box,
            const char *where,
            gint64      id,
            GPtrArray  *rows,
            GError    **error)
{
  sqlite3 *db = sam_store_get_db (store);
  g_autofree char *sql = g_strdup_printf (activity_sql, where);
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK && strchr (where, '?'))
    sqlite3_bind_int64 (stmt, 1, id);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (rows, row_from (stmt, box));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || sam_store_set_sql_error (store, rc, error);
}

/* The bulk load: the rows without their links, then each link table and
 * the status updates in one pass each, so that 100,000 activities take
 * a handful of queries rather than several per row. */
static const char bulk_sql[] =
  "SELECT a.id, a.title, a.description, a.plan_id, p.measure_id, a.lead_agency_id, "
  "       a.start_date, a.due_date, a.status, a.progress "
  "FROM activity a JOIN plan p ON p.id = a.plan_id";

/* Rows by measure, plan and id; sorting here is quicker than in SQL,
 * which would sort the texts along with the ids. */
static int
by_measure_plan_id (gconstpointer a,
                    gconstpointer b)
{
  const SamActivityRow *x = *(SamActivityRow **) a, *y = *(SamActivityRow **) b;

  if (x->measure_id != y->measure_id)
    return x->measure_id < y->measure_id ? -1 : 1;
  if (x->plan_id != y->plan_id)
    return x->plan_id < y->plan_id ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static SamActivityRow *
bulk_row_from (sqlite3_stmt *stmt,
               Names        *box)
{
  SamActivityRow *row = g_object_new (SAM_TYPE_ACTIVITY_ROW, NULL);
  const char *title = (const char *) sqlite3_column_text (stmt, 1);
  const char *description = (const char *) sqlite3_column_text (stmt, 2);
  g_autofree char *key = g_strconcat (title ? title : "", "\n", description ? description : "", NULL);

  row->names_box = g_rc_box_acquire (box);
  row->id = sqlite3_column_int64 (stmt, 0);
  row->title = g_strdup (title);
  row->plan_id = sqlite3_column_int64 (stmt, 3);
  row->measure_id = sqlite3_column_int64 (stmt, 4);
  row->lead_id = sqlite3_column_int64 (stmt, 5);
  row->start = dup_column (stmt, 6);
  row->due = dup_column (stmt, 7);
  row->status = dup_column (stmt, 8);
  row->progress = sqlite3_column_int (stmt, 9);
  {
    g_autofree char *folded = g_utf8_casefold (key, -1);
    /* The offset for now; the address once the buffer is complete. */
    row->search_key = GSIZE_TO_POINTER (box->keys_buffer->len);
    g_string_append_len (box->keys_buffer, folded, strlen (folded) + 1);
  }
  return row;
}

/* Which array of a row a link query fills. */
static GArray **
link_array (SamActivityRow *row,
            guint           which)
{
  switch (which)
    {
    case 0: return &row->partners;
    case 1: return &row->sectors;
    case 2: return &row->groups;
    default: return &row->reported;
    }
}

/* An SQLite failure while loading, as a GError. */
static gboolean
load_error (sqlite3  *db,
            int       rc,
            GError  **error)
{
  g_set_error (error, SAM_STORE_ERROR, (rc & 0xff) == SQLITE_CORRUPT ? SAM_STORE_ERROR_CORRUPT : SAM_STORE_ERROR_FAILED,
               _("The activities could not be read: %s"), sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
bulk_links (sqlite3     *db,
            GHashTable  *by_id,
            GError     **error)
{
  static const char *queries[] = {
    "SELECT activity_id, agency_id FROM activity_partner ORDER BY activity_id, position",
    "SELECT activity_id, sector_id FROM activity_sector ORDER BY activity_id, position",
    "SELECT activity_id, target_group_id FROM activity_target_group ORDER BY activity_id, position",
    "SELECT DISTINCT activity_id, period_id FROM status_update",
  };

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL);

      while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0), value = sqlite3_column_int64 (stmt, 1);
          SamActivityRow *row = g_hash_table_lookup (by_id, &id);
          GArray **array = row ? link_array (row, q) : NULL;

          if (array && *array == NULL)
            *array = g_array_new (FALSE, FALSE, sizeof (gint64));
          if (array)
            g_array_append_val (*array, value);
          rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return load_error (db, rc, error);
    }
  return TRUE;
}

/* The latest status update of each activity: the last one read wins. */
static gboolean
bulk_latest (sqlite3     *db,
             GHashTable  *by_id,
             GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT activity_id, period_id, comment FROM status_update "
                               "ORDER BY activity_id, reported_at, id", -1, &stmt, NULL);

  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      SamActivityRow *row = g_hash_table_lookup (by_id, &id);

      if (row)
        {
          row->latest_period = sqlite3_column_int64 (stmt, 1);
          g_free (row->latest_comment);
          row->latest_comment = dup_column (stmt, 2);
        }
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || load_error (db, rc, error);
}

static gboolean
bulk_rows (sqlite3     *db,
           Names       *box,
           GPtrArray   *rows,
           GError     **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, bulk_sql, -1, &stmt, NULL);

  box->keys_buffer = g_string_new (NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SamActivityRow *row = bulk_row_from (stmt, box);
      g_ptr_array_add (rows, row);
      g_hash_table_insert (by_id, &row->id, row);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  box->keys = g_string_free (g_steal_pointer (&box->keys_buffer), FALSE);
  for (guint i = 0; i < rows->len; i++)
    {
      SamActivityRow *row = rows->pdata[i];
      row->search_key = box->keys + GPOINTER_TO_SIZE (row->search_key);
    }
  if (rc != SQLITE_DONE)
    return load_error (db, rc, error);
  g_ptr_array_sort (rows, by_measure_plan_id);
  return bulk_links (db, by_id, error) && bulk_latest (db, by_id, error);
}

/* Reads every activity row from @db into @rows. */
static gboolean
load_rows (sqlite3    *db,
           GPtrArray  *rows,
           GError    **error)
{
  Names *box = names_load (db);
  gboolean ok = bulk_rows (db, box, rows, error);

  g_rc_box_release_full (box, (GDestroyNotify) names_clear);
  return ok;
}

/* Returns a new list of every activity as a SamActivityRow, in measure
 * and plan order, or NULL on a database error. */
GListModel *
sam_activity_list_load (SamStore  *store,
                        GError   **error)
{
  g_autoptr(GListStore) list = g_list_store_new (SAM_TYPE_ACTIVITY_ROW);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);

  if (!load_rows (sam_store_get_db (store), rows, error))
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
      gboolean found = row->id == id;

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
  SWAP (row->title, fresh->title);
  SWAP (row->search_key, fresh->search_key);
  SWAP (row->key_owned, fresh->key_owned);
  SWAP (row->partners, fresh->partners);
  SWAP (row->sectors, fresh->sectors);
  SWAP (row->groups, fresh->groups);
  SWAP (row->reported, fresh->reported);
  SWAP (row->start, fresh->start);
  SWAP (row->due, fresh->due);
  SWAP (row->status, fresh->status);
  SWAP (row->latest_comment, fresh->latest_comment);
  row->plan_id = fresh->plan_id;
  row->measure_id = fresh->measure_id;
  row->lead_id = fresh->lead_id;
  row->progress = fresh->progress;
  row->latest_period = fresh->latest_period;
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (row), properties[i]);
}

static void
refresh_row (SamActivityList *self,
             gint64           id)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint pos = sam_activity_list_find (self, id);
  Names *box;

  if (pos == G_MAXUINT && g_list_model_get_n_items (G_LIST_MODEL (self->rows)) == 0)
    box = names_load (sam_store_get_db (self->store));
  else
    {
      g_autoptr(SamActivityRow) any = g_list_model_get_item (G_LIST_MODEL (self->rows), pos == G_MAXUINT ? 0 : pos);
      box = g_rc_box_acquire (any->names_box);
    }
  if (!query_rows (self->store, box, "a.id = ?", id, rows, NULL))
    self->stale = TRUE;
  g_rc_box_release_full (box, (GDestroyNotify) names_clear);
  if (pos != G_MAXUINT && rows->len > 0)
    {
      g_autoptr(SamActivityRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), pos);
      update_row (row, rows->pdata[0]);
    }
  else if (pos != G_MAXUINT)
    g_list_store_remove (self->rows, pos);
  else if (rows->len > 0)
    g_list_store_append (self->rows, rows->pdata[0]);
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
  sqlite3 *db = NULL;
  int rc;

  /* A read-only connection of its own: the window's goes on meanwhile. */
  rc = sqlite3_open_v2 (task_data, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    load_error (db, rc, &error);
  else
    {
      sqlite3_busy_timeout (db, 2000);
      load_rows (db, rows, &error);
    }
  sqlite3_close (db);
  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&rows), (GDestroyNotify) g_ptr_array_unref);
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
    g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                         rows->pdata, rows->len);
  /* What changed while the rows were read comes in now. */
  if (self->stale)
    reload (self, NULL);
  else
    for (guint i = 0; i < missed->len; i++)
      refresh_row (self, g_array_index (missed, gint64, i));
  g_signal_emit (self, list_signals[LOADED], 0, error);
}

/* Returns an empty list at once and reads the activities in a worker
 * thread, with a connection of its own; "loaded" says when they are in
 * (or why not). Changes made meanwhile are not lost. */
SamActivityList *
sam_activity_list_new_loading (SamStore *store)
{
  SamActivityList *self;
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  self = g_object_new (SAM_TYPE_ACTIVITY_LIST, NULL);
  self->store = g_object_ref (store);
  self->loading = TRUE;
  self->missed = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cancellable = g_cancellable_new ();
  g_signal_connect (store, "record-changed", G_CALLBACK (on_record_changed), self);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed), self);
  task = g_task_new (self, self->cancellable, on_loaded_cb, NULL);
  g_task_set_source_tag (task, sam_activity_list_new_loading);
  g_task_set_task_data (task, g_strdup (sam_store_get_path (store)), g_free);
  g_task_run_in_thread (task, load_thread);
  return self;
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
         && query->status == NULL && !query->overdue && query->not_reported == 0;
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

static gboolean
is_overdue (SamActivityRow *row,
            const char     *today)
{
  if (row->due == NULL || today == NULL)
    return FALSE;
  if (g_strcmp0 (row->status, "done") == 0 || g_strcmp0 (row->status, "cancelled") == 0)
    return FALSE;
  return strcmp (row->due, today) < 0;
}

/* Returns TRUE when @row meets every criterion of @query. */
gboolean
sam_activity_query_matches (SamActivityQuery *query,
                            SamActivityRow   *row)
{
  g_return_val_if_fail (query != NULL && SAM_IS_ACTIVITY_ROW (row), FALSE);

  if (query->measure_id && row->measure_id != query->measure_id)
    return FALSE;
  if (query->plan_id && row->plan_id != query->plan_id)
    return FALSE;
  if (query->status && g_strcmp0 (row->status, query->status) != 0)
    return FALSE;
  if (query->sector_id && !contains (row->sectors, query->sector_id))
    return FALSE;
  if (query->target_group_id && !contains (row->groups, query->target_group_id))
    return FALSE;
  if (query->agencies && !g_hash_table_contains (query->agencies, &row->lead_id)
      && !any_in (row->partners, query->agencies)
      && !(row->lead_id == 0 && query->duty_sectors && any_in (row->sectors, query->duty_sectors)))
    return FALSE;
  if (query->overdue && !is_overdue (row, query->today))
    return FALSE;
  if (query->not_reported && contains (row->reported, query->not_reported))
    return FALSE;
  if (query->text && strstr (row->search_key, query->text) == NULL)
    return FALSE;
  return TRUE;
}

/* Returns a set of gint64 ids: the sectors one of @agencies (a set of
 * gint64 ids) is the responsible ministry of, for the activities that name
 * no lead and so answer to it by sector responsibility. */
GHashTable *
sam_sectors_of (SamStore   *store,
                GHashTable *agencies)
{
  GHashTable *set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) sectors = sam_store_list (store, SAM_KIND_SECTOR, NULL);

  for (guint i = 0; sectors && i < sectors->len; i++)
    {
      gint64 ministry = sam_record_get_int (sectors->pdata[i], "ministry_id");
      gint64 id = sam_record_get_id (sectors->pdata[i]);

      if (ministry && g_hash_table_contains (agencies, &ministry))
        g_hash_table_add (set, g_memdup2 (&id, sizeof id));
    }
  return set;
}

/* Returns a set of gint64 ids: @agency_id and, with @subordinates, every
 * agency under it at any depth. */
GHashTable *
sam_agency_with_subordinates (SamStore *store,
                              gint64    agency_id,
                              gboolean  subordinates)
{
  GHashTable *set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) queue = g_ptr_array_new_with_free_func (g_object_unref);

  g_hash_table_add (set, g_memdup2 (&agency_id, sizeof agency_id));
  if (!subordinates)
    return set;
  for (gint64 next = agency_id;;)
    {
      g_autoptr(GPtrArray) under = sam_store_list_by (store, SAM_KIND_AGENCY, "parent_id", next, NULL);

      for (guint i = 0; under && i < under->len; i++)
        {
          gint64 id = sam_record_get_id (under->pdata[i]);
          if (!g_hash_table_contains (set, &id))
            {
              g_hash_table_add (set, g_memdup2 (&id, sizeof id));
              g_ptr_array_add (queue, g_object_ref (under->pdata[i]));
            }
        }
      if (queue->len == 0)
        break;
      next = sam_record_get_id (queue->pdata[queue->len - 1]);
      g_ptr_array_remove_index (queue, queue->len - 1);
    }
  return set;
}
