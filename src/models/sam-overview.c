#define G_LOG_DOMAIN "sam-overview"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sam-overview.h"
#include "sam-tree.h"
#include "store/sam-store-private.h"

#define N_STATUS 5

struct _SamSummary
{
  GObject  parent_instance;

  gint64   measure_id;
  char    *title;
  guint    counts[N_STATUS];   /* in the order of sam_status_values */
  guint    total;
  guint    overdue;
  double   progress;
};

G_DEFINE_FINAL_TYPE (SamSummary, sam_summary, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_PLANNED,
  PROP_IN_PROGRESS,
  PROP_DONE,
  PROP_DELAYED,
  PROP_CANCELLED,
  PROP_TOTAL,
  PROP_OVERDUE,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sam_summary_finalize (GObject *object)
{
  g_free (SAM_SUMMARY (object)->title);
  G_OBJECT_CLASS (sam_summary_parent_class)->finalize (object);
}

static void
sam_summary_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SamSummary *self = SAM_SUMMARY (object);

  if (prop_id >= PROP_PLANNED && prop_id <= PROP_CANCELLED)
    g_value_take_string (value, g_strdup_printf ("%u", self->counts[prop_id - PROP_PLANNED]));
  else if (prop_id == PROP_TITLE)
    g_value_set_string (value, self->title);
  else if (prop_id == PROP_TOTAL)
    g_value_take_string (value, g_strdup_printf ("%u", self->total));
  else if (prop_id == PROP_OVERDUE)
    g_value_take_string (value, g_strdup_printf ("%u", self->overdue));
  else if (prop_id == PROP_PROGRESS)
    g_value_take_string (value, g_strdup_printf ("%.0f %%", self->progress));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sam_summary_class_init (SamSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const char *names[] = { NULL, "title", "planned", "in-progress", "done", "delayed", "cancelled",
                          "total", "overdue", "progress" };

  object_class->finalize = sam_summary_finalize;
  object_class->get_property = sam_summary_get_property;
  /* Figures are strings, as shown: the columns bind them to labels. */
  for (guint i = 1; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sam_summary_init (SamSummary *self)
{
}

gint64
sam_summary_get_measure_id (SamSummary *self)
{
  g_return_val_if_fail (SAM_IS_SUMMARY (self), 0);
  return self->measure_id;
}

/* Returns the number of activities with status @status (a nick). */
guint
sam_summary_get_count (SamSummary *self,
                       const char *status)
{
  g_return_val_if_fail (SAM_IS_SUMMARY (self), 0);
  for (guint i = 0; i < N_STATUS; i++)
    if (g_strcmp0 (sam_status_values[i].nick, status) == 0)
      return self->counts[i];
  return 0;
}

guint
sam_summary_get_total (SamSummary *self)
{
  g_return_val_if_fail (SAM_IS_SUMMARY (self), 0);
  return self->total;
}

guint
sam_summary_get_overdue (SamSummary *self)
{
  g_return_val_if_fail (SAM_IS_SUMMARY (self), 0);
  return self->overdue;
}

double
sam_summary_get_progress (SamSummary *self)
{
  g_return_val_if_fail (SAM_IS_SUMMARY (self), 0);
  return self->progress;
}

/* Activities without a status count as planned. */
static const char overview_sql[] =
  "SELECT m.id, m.number, m.title, "
  "  sum(coalesce(a.status, 'planned') = 'planned'), sum(a.status = 'in_progress'), "
  "  sum(a.status = 'done'), sum(a.status = 'delayed'), sum(a.status = 'cancelled'), "
  "  count(a.id), avg(coalesce(a.progress, 0)), "
  "  sum(a.due_date < ?1 AND coalesce(a.status, 'planned') NOT IN ('done', 'cancelled')) "
  "FROM measure m LEFT JOIN plan p ON p.measure_id = m.id "
  "LEFT JOIN activity a ON a.plan_id = p.id "
  "GROUP BY m.id ORDER BY m.number, m.id";

static SamSummary *
summary_from (sqlite3_stmt *stmt)
{
  SamSummary *s = g_object_new (SAM_TYPE_SUMMARY, NULL);

  s->measure_id = sqlite3_column_int64 (stmt, 0);
  s->title = g_strdup_printf (_("Measure %d: %s"), sqlite3_column_int (stmt, 1),
                              (const char *) sqlite3_column_text (stmt, 2));
  for (guint i = 0; i < N_STATUS; i++)
    s->counts[i] = (guint) sqlite3_column_int (stmt, 3 + i);
  s->total = (guint) sqlite3_column_int (stmt, 8);
  s->progress = sqlite3_column_double (stmt, 9);
  s->overdue = (guint) sqlite3_column_int (stmt, 10);
  return s;
}

/* Returns a new list of SamSummary, one per measure, counting as overdue
 * what is due before @today and neither done nor cancelled. */
GListModel *
sam_overview_new (SamStore    *store,
                  const char  *today,
                  GError     **error)
{
  g_autoptr(GListStore) list = g_list_store_new (SAM_TYPE_SUMMARY);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SAM_IS_STORE (store) && today != NULL, NULL);
  rc = sqlite3_prepare_v2 (sam_store_get_db (store), overview_sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(SamSummary) s = summary_from (stmt);
      g_list_store_append (list, s);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sam_store_set_sql_error (store, rc, error), NULL;
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/* Returns how many activities, cancelled ones aside, have no status update
 * for the reporting period @period_id (0: every activity counts), or -1
 * on a database error. One query, however large the plan. */
gint64
sam_overview_count_unreported (SamStore *store,
                               gint64    period_id)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_return_val_if_fail (SAM_IS_STORE (store), -1);
  if (sqlite3_prepare_v2 (sam_store_get_db (store),
                          "SELECT count(*) FROM activity a WHERE coalesce(a.status, 'planned') != 'cancelled' "
                          "AND NOT EXISTS (SELECT 1 FROM status_update u "
                          "                WHERE u.activity_id = a.id AND u.period_id = ?)",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, period_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        n = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  return n;
}

/* Returns, per lead agency id (0: none), how many of its activities,
 * cancelled ones aside, have no status update for @period_id: a table of
 * gint64 keys to GUINT_TO_POINTER counts. One query. */
GHashTable *
sam_overview_unreported_by_lead (SamStore *store,
                                 gint64    period_id)
{
  GHashTable *counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (SAM_IS_STORE (store), counts);
  if (sqlite3_prepare_v2 (sam_store_get_db (store),
                          "SELECT coalesce(a.lead_agency_id, 0), count(*) FROM activity a "
                          "WHERE coalesce(a.status, 'planned') != 'cancelled' "
                          "AND NOT EXISTS (SELECT 1 FROM status_update u "
                          "                WHERE u.activity_id = a.id AND u.period_id = ?) "
                          "GROUP BY 1", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, period_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_insert (counts, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                             GUINT_TO_POINTER ((guint) sqlite3_column_int (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  return counts;
}

/* Returns the set (gint64 keys) of activities led by @lead_id (0: with no
 * lead) that have a status update for @period_id. */
GHashTable *
sam_overview_reported_led_by (SamStore *store,
                              gint64    period_id,
                              gint64    lead_id)
{
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (SAM_IS_STORE (store), ids);
  if (sqlite3_prepare_v2 (sam_store_get_db (store),
                          "SELECT DISTINCT u.activity_id FROM status_update u JOIN activity a ON a.id = u.activity_id "
                          "WHERE u.period_id = ? AND coalesce(a.lead_agency_id, 0) = ?", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, period_id);
      sqlite3_bind_int64 (stmt, 2, lead_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_add (ids, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)));
    }
  sqlite3_finalize (stmt);
  return ids;
}
