#define G_LOG_DOMAIN "sam-accountability"

#include "config.h"

#include "sam-accountability.h"
#include "sam-coordination-private.h"

/* One query over the activities in scope, a branch per role, each row one
 * agency's part in one activity. The sector branch keeps one row per
 * activity and ministry (its first sector of that ministry) and lists all
 * the ministry's sectors of the activity in it, so that a ministry
 * responsible for two of an activity's sectors answers for it once. As in
 * the matrices, the whole strategy walks the activities in stored order
 * and reaches the rest by primary keys (see SAM_ACTIVITIES_IN_STORED_ORDER). */

/* Each branch has two forms: with the agencies' names, and with ids only
 * (the names NULL, without the joins that read them). */
#define LEAD_NAMES "g.id, " SAM_NAME ("g") ", g.short_name, NULL, 0 FROM %s CROSS JOIN agency g ON g.id = a.lead_agency_id "
#define LEAD_IDS "a.lead_agency_id, NULL, NULL, NULL, 0 FROM %s "
#define LEAD_BRANCH(columns) \
  "SELECT a.id, a.plan_id, p.measure_id, %d, " columns "CROSS JOIN plan p ON p.id = a.plan_id " \
  "WHERE +a.lead_agency_id IS NOT NULL AND " SAM_LIVE_ACTIVITY " AND %s AND %s"

#define PARTNER_NAMES "g.id, " SAM_NAME ("g") ", g.short_name, NULL, ap.position FROM %s " \
  "CROSS JOIN activity_partner ap ON ap.activity_id = a.id CROSS JOIN agency g ON g.id = ap.agency_id "
#define PARTNER_IDS "ap.agency_id, NULL, NULL, NULL, ap.position FROM %s " \
  "CROSS JOIN activity_partner ap ON ap.activity_id = a.id "
#define PARTNER_BRANCH(columns) \
  "SELECT a.id, a.plan_id, p.measure_id, %d, " columns "CROSS JOIN plan p ON p.id = a.plan_id " \
  "WHERE " SAM_LIVE_ACTIVITY " AND %s AND %s"

/* The activity's sectors (alias y, with t) that ministry @m answers for. */
#define SECTORS_OF(m) \
  "activity_sector y CROSS JOIN sector t ON t.id = y.sector_id WHERE y.activity_id = a.id AND t.ministry_id = " m

/* The first %s is the dialect's string aggregate of the sectors' names. */
#define SECTOR_NAMES "g.id, " SAM_NAME ("g") ", g.short_name, " \
  "(SELECT %s FROM (SELECT " SAM_NAME ("t") " AS name FROM " SECTORS_OF ("g.id") \
  "  ORDER BY y.position, y.sector_id) AS named), x.position FROM %s " \
  "CROSS JOIN " SAM_SECTOR_DUTY_JOIN " CROSS JOIN agency g ON g.id = s.ministry_id "
#define SECTOR_IDS "s.ministry_id, NULL, NULL, NULL, x.position FROM %s CROSS JOIN " SAM_SECTOR_DUTY_JOIN " "
#define SECTOR_BRANCH(columns) \
  "SELECT a.id, a.plan_id, p.measure_id, %d, " columns "CROSS JOIN plan p ON p.id = a.plan_id " \
  "WHERE " SAM_SECTOR_DUTY_WHERE " AND s.ministry_id IS NOT NULL AND " SAM_LIVE_ACTIVITY " AND %s AND %s " \
  "AND NOT EXISTS (SELECT 1 FROM " SECTORS_OF ("s.ministry_id") \
  "  AND (y.position < x.position OR (y.position = x.position AND y.sector_id < x.sector_id)))"

static char *
accountability_sql (SamStore       *store,
                    const SamScope *scope,
                    gint64          activity_id,
                    SamAccountRole  roles)
{
  const char *table = activity_id == 0 && sam_scope_is_whole (scope) ? SAM_ACTIVITIES_IN_STORED_ORDER : "activity a";
  const char *which = activity_id ? "a.id = :activity" : "TRUE";
  const char *in_scope = sam_scope_activity_sql (scope);
  gboolean names = (roles & SAM_ACCOUNT_IDS_ONLY) == 0;
  GString *sql = g_string_new (NULL);

  if (roles & SAM_ACCOUNT_LEAD)
    g_string_append_printf (sql, names ? LEAD_BRANCH (LEAD_NAMES) : LEAD_BRANCH (LEAD_IDS),
                            SAM_ACCOUNT_LEAD, table, in_scope, which);
  if (roles & SAM_ACCOUNT_PARTNER)
    g_string_append_printf (sql, names ? "%s" PARTNER_BRANCH (PARTNER_NAMES) : "%s" PARTNER_BRANCH (PARTNER_IDS),
                            sql->len ? " UNION ALL " : "", SAM_ACCOUNT_PARTNER, table, in_scope, which);
  if ((roles & SAM_ACCOUNT_SECTOR) && names)
    {
      g_autofree char *sectors = sam_store_string_agg (store, "name", "', '");

      g_string_append_printf (sql, "%s" SECTOR_BRANCH (SECTOR_NAMES),
                              sql->len ? " UNION ALL " : "", SAM_ACCOUNT_SECTOR, sectors, table, in_scope, which);
    }
  else if (roles & SAM_ACCOUNT_SECTOR)
    g_string_append_printf (sql, "%s" SECTOR_BRANCH (SECTOR_IDS),
                            sql->len ? " UNION ALL " : "", SAM_ACCOUNT_SECTOR, table, in_scope, which);
  /* One activity's rows come in a stable order; a stream of all comes as
   * the walk finds them. */
  if (activity_id)
    g_string_append (sql, " ORDER BY 4, 9, 5");
  return g_string_free (sql, FALSE);
}

typedef struct
{
  SamAccountFunc func;
  gpointer       user_data;
  gboolean       names;
} Streaming;

static gboolean
account_row_cb (SamStmt       *stmt,
                gpointer       user_data,
                GError       **error)
{
  Streaming *s = user_data;
  SamAccountRow row = {
    .activity_id = sam_stmt_column_int (stmt, 0),
    .plan_id = sam_stmt_column_int (stmt, 1),
    .measure_id = sam_stmt_column_int (stmt, 2),
    .role = (SamAccountRole) sam_stmt_column_int (stmt, 3),
    .agency_id = sam_stmt_column_int (stmt, 4),
    .position = sam_stmt_column_int (stmt, 8),
  };

  /* A count of a large plan reads no names: a third of its time. */
  if (s->names)
    {
      row.name = sam_stmt_column_text (stmt, 5);
      row.short_name = sam_stmt_column_text (stmt, 6);
      row.sectors = sam_stmt_column_text (stmt, 7);
    }
  return s->func (&row, s->user_data, error);
}

/* Calls @func for each agency's part in each live activity of @scope
 * (NULL: the whole strategy), or only in activity @activity_id when it is
 * not 0, for the roles in @roles:
 *
 * - SAM_ACCOUNT_LEAD: the lead agency the activity names;
 * - SAM_ACCOUNT_PARTNER: each partner agency it names;
 * - SAM_ACCOUNT_SECTOR: only when it names no lead, each ministry
 *   responsible for one of its sectors, once, with those sectors.
 *
 * The rows of one activity come by role, then in the activity's order;
 * rows of many come in no particular order. A cancelled activity has no
 * rows. With SAM_ACCOUNT_IDS_ONLY in @roles the rows carry no names.
 * Stops and returns FALSE when @func does or on a database error (a
 * SamStoreError). */
gboolean
sam_accountability_foreach (SamStore        *store,
                            const SamScope  *scope,
                            gint64           activity_id,
                            SamAccountRole   roles,
                            SamAccountFunc   func,
                            gpointer         user_data,
                            GError         **error)
{
  g_autofree char *sql = NULL;
  Streaming s = { func, user_data, (roles & SAM_ACCOUNT_IDS_ONLY) == 0 };
  SamStmt *stmt;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (activity_id >= 0, FALSE);

  if ((roles & SAM_ACCOUNT_ALL) == 0)
    return TRUE;
  sql = accountability_sql (store, scope, activity_id, roles & (SAM_ACCOUNT_ALL | SAM_ACCOUNT_IDS_ONLY));
  if (!(stmt = sam_query_prepare (store, sql, scope, error)))
    return FALSE;
  sam_query_bind_int (stmt, ":activity", activity_id);
  return sam_query_run (store, stmt, account_row_cb, &s, error);
}

/* One activity */

static void
accountable_free (gpointer data)
{
  SamAccountable *a = data;

  g_free (a->name);
  g_free (a->short_name);
  g_free (a->sectors);
  g_free (a);
}

static gboolean
collect_cb (const SamAccountRow  *row,
            gpointer              user_data,
            GError              **error)
{
  SamAccountability *result = user_data;
  SamAccountable *a = g_new0 (SamAccountable, 1);

  a->agency_id = row->agency_id;
  a->name = g_strdup (row->name);
  a->short_name = row->short_name && *row->short_name ? g_strdup (row->short_name) : NULL;
  a->sectors = g_strdup (row->sectors);
  if (row->role == SAM_ACCOUNT_LEAD)
    {
      g_clear_pointer (&result->lead, accountable_free);
      result->lead = a;
    }
  else
    g_ptr_array_add (row->role == SAM_ACCOUNT_PARTNER ? result->partners : result->by_sector, a);
  return TRUE;
}

/* Returns who answers for activity @activity_id: the lead and partners it
 * names, and when it names no lead the ministries of its sectors (see
 * sam_accountability_foreach()). An activity that does not exist, or is
 * cancelled, has nobody. Returns NULL with a SamStoreError on a database
 * error; free with sam_accountability_free(). */
SamAccountability *
sam_accountability_get (SamStore  *store,
                        gint64     activity_id,
                        GError   **error)
{
  g_autoptr(SamAccountability) result = g_new0 (SamAccountability, 1);

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (activity_id > 0, NULL);

  result->activity_id = activity_id;
  result->partners = g_ptr_array_new_with_free_func (accountable_free);
  result->by_sector = g_ptr_array_new_with_free_func (accountable_free);
  if (!sam_accountability_foreach (store, NULL, activity_id, SAM_ACCOUNT_ALL, collect_cb, result, error))
    return NULL;
  return g_steal_pointer (&result);
}

void
sam_accountability_free (SamAccountability *accountability)
{
  if (accountability == NULL)
    return;
  g_clear_pointer (&accountability->lead, accountable_free);
  g_clear_pointer (&accountability->partners, g_ptr_array_unref);
  g_clear_pointer (&accountability->by_sector, g_ptr_array_unref);
  g_free (accountability);
}

/* Returns @accountable as one line: its short name (or name), and for a
 * ministry by sector responsibility the sectors it comes through, as in
 * "HOD (Helse- og omsorgstjenester)". */
char *
sam_accountable_describe (const SamAccountable *accountable)
{
  const char *name;

  g_return_val_if_fail (accountable != NULL, NULL);
  name = accountable->short_name ? accountable->short_name : accountable->name;
  if (accountable->sectors == NULL)
    return g_strdup (name ? name : "");
  return g_strdup_printf ("%s (%s)", name ? name : "", accountable->sectors);
}
