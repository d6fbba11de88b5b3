#define G_LOG_DOMAIN "sam-round"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sam-query-private.h"
#include "sam-round.h"
#include "sam-figures.h"
#include "sam-accountability.h"

/* The id of activity a's latest status update: by period, time reported
 * and id, as the report and the Status history order them. */
#define LATEST_UPDATE \
  "(SELECT su.id FROM status_update su LEFT JOIN reporting_period sp ON sp.id = su.period_id " \
  " WHERE su.activity_id = a.id " \
  " ORDER BY coalesce(sp.start_date, '') DESC, coalesce(su.reported_at, '') DESC, su.id DESC LIMIT 1)"

#define ROW_COLUMNS \
  "SELECT a.id, a.plan_id, a.lead_agency_id, m.number, p.title, a.title, coalesce(l.short_name, l.name), " \
  "a.due_date, coalesce(u.status, a.status), coalesce(u.progress, a.progress), u.comment, u.id, rp.code, " \
  "u.reported_at " \
  "FROM activity a JOIN plan p ON p.id = a.plan_id LEFT JOIN measure m ON m.id = p.measure_id " \
  "LEFT JOIN agency l ON l.id = a.lead_agency_id " \
  "LEFT JOIN status_update u ON u.id = " LATEST_UPDATE " " \
  "LEFT JOIN reporting_period rp ON rp.id = u.period_id "

#define ROW_ORDER " ORDER BY m.number, p.id, a.id"

void
sam_form_row_free (SamFormRow *row)
{
  if (row == NULL)
    return;
  g_free (row->plan);
  g_free (row->title);
  g_free (row->lead);
  g_free (row->due_date);
  g_free (row->status);
  g_free (row->comment);
  g_free (row->update_period);
  g_free (row->reported_at);
  g_free (row);
}

void
sam_board_row_free (SamBoardRow *row)
{
  if (row == NULL)
    return;
  g_clear_object (&row->form);
  g_free (row->agency);
  g_free (row->short_name);
  g_free (row->contact);
  g_free (row);
}

static void
state_free (SamRoundState *state)
{
  g_free (state->status);
  g_free (state->comment);
  g_free (state->update_period);
  g_free (state);
}

/* Sets @row's status, progress, comment and latest update to those as at
 * a period, from @states (sam_round_asked() or sam_round_as_at()); leaves
 * it as it is when @states does not hold its activity. */
void
sam_form_row_take_state (SamFormRow *row,
                         GHashTable *states)
{
  SamRoundState *state = states ? g_hash_table_lookup (states, &row->activity_id) : NULL;

  if (state == NULL)
    return;
  g_free (row->status);
  row->status = g_strdup (state->status);
  row->progress = state->progress;
  g_free (row->comment);
  row->comment = g_strdup (state->comment);
  row->update_id = state->update_id;
  g_free (row->update_period);
  row->update_period = g_strdup (state->update_period);
}

static gint64
int_or (SamStmt      *stmt,
        int           column,
        gint64        none)
{
  return sam_stmt_column_is_null (stmt, column) ? none : sam_stmt_column_int (stmt, column);
}

static char *
text (SamStmt      *stmt,
      int           column)
{
  return g_strdup (sam_stmt_column_text (stmt, column));
}

static gboolean
add_row_cb (SamStmt       *stmt,
            gpointer       user_data,
            GError       **error)
{
  SamFormRow *row = g_new0 (SamFormRow, 1);

  row->activity_id = sam_stmt_column_int (stmt, 0);
  row->plan_id = sam_stmt_column_int (stmt, 1);
  row->lead_agency_id = int_or (stmt, 2, 0);
  row->measure = int_or (stmt, 3, 0);
  row->plan = text (stmt, 4);
  row->title = text (stmt, 5);
  row->lead = text (stmt, 6);
  row->due_date = text (stmt, 7);
  row->status = text (stmt, 8);
  row->progress = (int) int_or (stmt, 9, -1);
  row->comment = text (stmt, 10);
  row->update_id = int_or (stmt, 11, 0);
  row->update_period = text (stmt, 12);
  row->reported_at = text (stmt, 13);
  g_ptr_array_add (user_data, row);
  return TRUE;
}

/* The rows @sql selects with :id bound to @id, those in @asked only
 * (NULL: all), with their state as at the round's period. */
static GPtrArray *
read_rows_in (SamStore    *store,
              const char  *sql,
              gint64       id,
              GHashTable  *asked,
              GHashTable  *only,
              GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_form_row_free);
  SamStmt *stmt;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);

  if (!(stmt = sam_query_prepare (store, sql, NULL, error)))
    return NULL;
  sam_query_bind_int (stmt, ":id", id);
  if (!sam_query_run (store, stmt, add_row_cb, rows, error))
    return NULL;
  for (guint i = rows->len; asked && i > 0; i--)
    {
      gint64 *activity = &((SamFormRow *) rows->pdata[i - 1])->activity_id;

      if (!g_hash_table_contains (asked, activity) || (only && !g_hash_table_contains (only, activity)))
        g_ptr_array_remove_index (rows, i - 1);
      else
        sam_form_row_take_state (rows->pdata[i - 1], asked);
    }
  return g_steal_pointer (&rows);
}

static GPtrArray *
read_rows (SamStore    *store,
           const char  *sql,
           gint64       id,
           GHashTable  *asked,
           GError     **error)
{
  return read_rows_in (store, sql, id, asked, NULL, error);
}

typedef struct
{
  GHashTable      *table;
  const SamPeriod *period;
  gboolean         expected_only;
} Asking;

static gboolean
add_asked_cb (const SamActivityFactsRow  *row,
              gpointer                    user_data,
              GError                    **error)
{
  Asking *asking = user_data;
  SamRoundState *state;

  if (asking->expected_only && !sam_facts_expects_report (&row->facts, asking->period))
    return TRUE;
  state = g_new0 (SamRoundState, 1);
  state->lead_id = row->lead_id;
  state->status = g_strdup (row->facts.status);
  state->progress = (int) row->facts.progress;
  state->comment = g_strdup (row->facts.comment);
  state->update_id = row->facts.update_id;
  state->update_period = g_strdup (row->facts.update_period);
  g_hash_table_insert (asking->table, g_memdup2 (&row->id, sizeof (gint64)), state);
  return TRUE;
}

static GHashTable *
ask (SamStore         *store,
     const SamPeriod  *period,
     gboolean          expected_only,
     GError          **error)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify) state_free);
  Asking asking = { table, period, expected_only };
  g_autofree char *today = sam_today ();

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);
  if (!sam_figures_foreach_live (store, NULL, period, today, add_asked_cb, &asking, error))
    return NULL;
  return g_steal_pointer (&table);
}

/* Returns the activities a round for @period asks about, those expected
 * to report in it by the rules as at it (sam-figures.h), on today's data,
 * as a table of activity id (gint64) to its SamRoundState as at @period;
 * NULL with a SamStoreError. */
GHashTable *
sam_round_asked (SamStore         *store,
                 const SamPeriod  *period,
                 GError          **error)
{
  return ask (store, period, TRUE, error);
}

/* Returns every live activity's SamRoundState as at @period, by activity
 * id (gint64): what an import for @period compares with. NULL with a
 * SamStoreError. */
GHashTable *
sam_round_as_at (SamStore         *store,
                 const SamPeriod  *period,
                 GError          **error)
{
  return ask (store, period, FALSE, error);
}

static void
ids_free (GHashTable *ids)
{
  g_hash_table_unref (ids);
}

static gboolean
add_by_sector_cb (const SamAccountRow  *row,
                  gpointer              user_data,
                  GError              **error)
{
  GHashTable **data = user_data;   /* asked, by agency */
  GHashTable *ids;

  if (!g_hash_table_contains (data[0], &row->activity_id))
    return TRUE;
  if (!(ids = g_hash_table_lookup (data[1], &row->agency_id)))
    {
      ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_hash_table_insert (data[1], g_memdup2 (&row->agency_id, sizeof (gint64)), ids);
    }
  g_hash_table_add (ids, g_memdup2 (&row->activity_id, sizeof (gint64)));
  return TRUE;
}

/* Returns the activities in @asked that name no lead and so are
 * accountable to the ministries of their sectors (sam-accountability.h),
 * as a table of the ministry's agency id (gint64) to a set of activity ids
 * (gint64); NULL with a SamStoreError. */
GHashTable *
sam_round_by_sector (SamStore    *store,
                     GHashTable  *asked,
                     GError     **error)
{
  g_autoptr(GHashTable) by_agency = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           (GDestroyNotify) ids_free);
  GHashTable *data[2] = { asked, by_agency };

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  if (!sam_accountability_foreach (store, NULL, 0, SAM_ACCOUNT_SECTOR | SAM_ACCOUNT_IDS_ONLY,
                                   add_by_sector_cb, data, error))
    return NULL;
  return g_steal_pointer (&by_agency);
}

/* Returns the agencies (SamRecord) that answer for an activity in @asked
 * (see sam_round_asked()): its lead, or where it names none the ministries
 * in @by_sector (sam_round_by_sector()), by name; NULL with a
 * SamStoreError. */
GPtrArray *
sam_round_agencies (SamStore    *store,
                    GHashTable  *asked,
                    GHashTable  *by_sector,
                    GError     **error)
{
  g_autoptr(GPtrArray) all = sam_store_list (store, SAM_KIND_AGENCY, error);
  g_autoptr(GHashTable) leads = g_hash_table_new (g_int64_hash, g_int64_equal);
  GPtrArray *agencies;
  GHashTableIter iter;
  SamRoundState *state;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  if (all == NULL)
    return NULL;
  g_hash_table_iter_init (&iter, asked);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &state))
    g_hash_table_add (leads, &state->lead_id);
  /* The store lists agencies by name. */
  agencies = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    {
      gint64 id = sam_record_get_id (all->pdata[i]);
      if (g_hash_table_contains (leads, &id) || (by_sector && g_hash_table_contains (by_sector, &id)))
        g_ptr_array_add (agencies, g_object_ref (all->pdata[i]));
    }
  return agencies;
}

/* Returns the activities @agency_id leads that the round asks about (in
 * @asked), by measure, plan and id, each with its latest status; NULL on
 * failure. */
GPtrArray *
sam_round_lead_rows (SamStore    *store,
                     gint64       agency_id,
                     GHashTable  *asked,
                     GError     **error)
{
  return read_rows (store, ROW_COLUMNS "WHERE a.lead_agency_id = :id" ROW_ORDER, agency_id, asked, error);
}

/* Returns the activities of @ids (a set of gint64, from
 * sam_round_by_sector()) that the round asks about, which name no lead, by
 * measure, plan and id, each with its status as at the round's period;
 * NULL on failure. */
GPtrArray *
sam_round_sector_rows (SamStore    *store,
                       GHashTable  *ids,
                       GHashTable  *asked,
                       GError     **error)
{
  if (ids == NULL || g_hash_table_size (ids) == 0)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) sam_form_row_free);
  return read_rows_in (store, ROW_COLUMNS "WHERE a.lead_agency_id IS NULL" ROW_ORDER, 0, asked, ids, error);
}

/* Returns the activities @agency_id takes part in without leading them,
 * for the form's context sheet; NULL on failure. */
GPtrArray *
sam_round_partner_rows (SamStore    *store,
                        gint64       agency_id,
                        GHashTable  *asked,
                        GError     **error)
{
  return read_rows (store,
                    ROW_COLUMNS "WHERE a.id IN (SELECT activity_id FROM activity_partner WHERE agency_id = :id) "
                    "AND coalesce(a.lead_agency_id, 0) <> :id" ROW_ORDER,
                    agency_id, asked, error);
}

/* Returns activity @activity_id as it is now, with its latest status
 * update; NULL with SAM_STORE_ERROR_NOT_FOUND when there is none. */
SamFormRow *
sam_round_current (SamStore  *store,
                   gint64     activity_id,
                   GError   **error)
{
  g_autoptr(GPtrArray) rows = read_rows (store, ROW_COLUMNS "WHERE a.id = :id",
                                         activity_id, NULL, error);

  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND,
                   _("There is no activity with the number %lld."), (long long) activity_id);
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}

static gboolean
read_id_cb (SamStmt       *stmt,
            gpointer       user_data,
            GError       **error)
{
  *(gint64 *) user_data = sam_stmt_column_int (stmt, 0);
  return TRUE;
}

static gint64
read_id (SamStore    *store,
         const char  *sql,
         gint64       id,
         const char  *value,
         GError     **error)
{
  SamStmt *stmt;
  gint64 found = 0;

  if (!(stmt = sam_query_prepare (store, sql, NULL, error)))
    return -1;
  sam_query_bind_int (stmt, ":id", id);
  sam_query_bind_text (stmt, ":value", value);
  if (!sam_query_run (store, stmt, read_id_cb, &found, error))
    return -1;
  return found;
}

/* Returns the latest status update of @activity_id recorded for the
 * period whose code is @period, or NULL (with @error unset) when there is
 * none. */
SamRecord *
sam_round_update_in_period (SamStore    *store,
                            gint64       activity_id,
                            const char  *period,
                            GError     **error)
{
  gint64 id = read_id (store,
                       "SELECT su.id FROM status_update su JOIN reporting_period rp ON rp.id = su.period_id "
                       "WHERE su.activity_id = :id AND rp.code = :value "
                       "ORDER BY coalesce(su.reported_at, '') DESC, su.id DESC LIMIT 1",
                       activity_id, period, error);

  return id > 0 ? sam_store_get (store, SAM_KIND_STATUS_UPDATE, id, error) : NULL;
}

/* Returns the reporting_period row with code @period that an activity of
 * plan @plan_id reports in: the plan's own, else the one for every plan.
 * 0 with SAM_STORE_ERROR_NOT_FOUND when there is none; -1 on failure. */
gint64
sam_round_period_for (SamStore    *store,
                      const char  *period,
                      gint64       plan_id,
                      GError     **error)
{
  gint64 id;

  g_return_val_if_fail (SAM_IS_STORE (store), -1);
  id = read_id (store,
                "SELECT id FROM reporting_period WHERE code = :value "
                "AND (plan_id IS NULL OR plan_id = :id) ORDER BY plan_id IS NULL, id LIMIT 1",
                plan_id, period, error);
  if (id == 0)
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND,
                 _("There is no reporting period “%s”. Add it under Reporting periods first."), period);
  return id;
}

/* Returns the agency whose short name is @short_name (any case), or NULL
 * with SAM_STORE_ERROR_NOT_FOUND. */
SamRecord *
sam_round_find_agency (SamStore    *store,
                       const char  *short_name,
                       GError     **error)
{
  gint64 id;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  id = read_id (store, "SELECT id FROM agency WHERE lower(short_name) = lower(:value) ORDER BY id LIMIT 1", 0, short_name, error);
  if (id == 0)
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND,
                 _("There is no agency with the short name “%s”."), short_name);
  return id > 0 ? sam_store_get (store, SAM_KIND_AGENCY, id, error) : NULL;
}

/* Returns the form for @agency_id of the latest round of @period, the one
 * written at @written_at when there is one, or NULL (with @error unset)
 * when no round of @period wrote a form for the agency. */
SamRecord *
sam_round_find_form (SamStore    *store,
                     gint64       agency_id,
                     const char  *period,
                     const char  *written_at,
                     GError     **error)
{
  static const char sql[] =
    "SELECT f.id FROM round_form f JOIN reporting_round r ON r.id = f.round_id "
    "WHERE f.agency_id = :id AND r.period = :value "
    "ORDER BY coalesce(f.written_at = :when, FALSE) DESC, f.id DESC LIMIT 1";
  SamStmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  if (!(stmt = sam_query_prepare (store, sql, NULL, error)))
    return NULL;
  sam_query_bind_int (stmt, ":id", agency_id);
  sam_query_bind_text (stmt, ":value", period);
  sam_query_bind_text (stmt, ":when", written_at);
  if (!sam_query_run (store, stmt, read_id_cb, &id, error))
    return NULL;
  return id > 0 ? sam_store_get (store, SAM_KIND_ROUND_FORM, id, error) : NULL;
}

/* Returns the round started last, or NULL (with @error unset) when no
 * round was ever started. */
SamRecord *
sam_round_latest (SamStore  *store,
                  GError   **error)
{
  gint64 id;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  id = read_id (store, "SELECT id FROM reporting_round ORDER BY coalesce(created_at, '') DESC, id DESC LIMIT 1", 0, NULL, error);
  return id > 0 ? sam_store_get (store, SAM_KIND_REPORTING_ROUND, id, error) : NULL;
}

/* Returns the round started last for the period whose code is @period,
 * or NULL (with @error unset) when none was. */
SamRecord *
sam_round_for_period (SamStore    *store,
                      const char  *period,
                      GError     **error)
{
  gint64 id;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  id = read_id (store, "SELECT id FROM reporting_round WHERE period = :value "
                       "ORDER BY coalesce(created_at, '') DESC, id DESC LIMIT 1", 0, period, error);
  return id > 0 ? sam_store_get (store, SAM_KIND_REPORTING_ROUND, id, error) : NULL;
}

typedef struct
{
  SamStore  *store;
  GPtrArray *rows;
} BoardData;

static gboolean
add_board_row_cb (SamStmt       *stmt,
                  gpointer       user_data,
                  GError       **error)
{
  BoardData *data = user_data;
  SamBoardRow *row = g_new0 (SamBoardRow, 1);

  g_ptr_array_add (data->rows, row);
  row->agency = text (stmt, 1);
  row->short_name = text (stmt, 2);
  row->contact = text (stmt, 3);
  row->late = sam_stmt_column_int (stmt, 4) != 0;
  row->form = sam_store_get (data->store, SAM_KIND_ROUND_FORM, sam_stmt_column_int (stmt, 0), error);
  return row->form != NULL;
}

/* Returns the board of round @round_id: one SamBoardRow per agency with a
 * form, by agency name; a form not received when @today (YYYY-MM-DD) is
 * past the round's deadline is late. NULL on failure. */
GPtrArray *
sam_round_board (SamStore    *store,
                 gint64       round_id,
                 const char  *today,
                 GError     **error)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT f.id, g.name, g.short_name, g.contact, "
    "       f.received_at IS NULL AND r.deadline IS NOT NULL AND :today > r.deadline "
    "FROM round_form f JOIN reporting_round r ON r.id = f.round_id JOIN agency g ON g.id = f.agency_id "
    "WHERE f.round_id = :id AND f.id = (SELECT max(id) FROM round_form x "
    "                                   WHERE x.round_id = f.round_id AND x.agency_id = f.agency_id) "
    "ORDER BY g.name %s, g.id", sam_store_sql (store, SAM_SQL_NOCASE));
  BoardData data = { store, g_ptr_array_new_with_free_func ((GDestroyNotify) sam_board_row_free) };
  SamStmt *stmt;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  if (!(stmt = sam_query_prepare (store, sql, NULL, error)))
    {
      g_ptr_array_unref (data.rows);
      return NULL;
    }
  sam_query_bind_int (stmt, ":id", round_id);
  sam_query_bind_text (stmt, ":today", today);
  if (!sam_query_run (store, stmt, add_board_row_cb, &data, error))
    {
      g_ptr_array_unref (data.rows);
      return NULL;
    }
  return data.rows;
}

static gboolean
read_text_cb (SamStmt       *stmt,
              gpointer       user_data,
              GError       **error)
{
  *(char **) user_data = text (stmt, 0);
  return TRUE;
}

/* Whether a status update was already imported from a file whose SHA-256
 * is @hash; sets *@imported_at (free it) to when, if asked. */
gboolean
sam_round_hash_imported (SamStore    *store,
                         const char  *hash,
                         char       **imported_at)
{
  SamStmt *stmt;
  char *when = NULL;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  if (!(stmt = sam_query_prepare (store, "SELECT max(coalesce(imported_at, '')) FROM status_update "
                                         "WHERE source_hash = :value HAVING count(*) > 0", NULL, NULL)))
    return FALSE;
  sam_query_bind_text (stmt, ":value", hash);
  sam_query_run (store, stmt, read_text_cb, &when, NULL);
  if (imported_at)
    *imported_at = when;
  else
    g_free (when);
  return when != NULL;
}
