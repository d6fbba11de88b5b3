#define G_LOG_DOMAIN "sam-coordination"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sam-coordination-private.h"

/* The checks of the responsibility and coverage views. Each is one SQL
 * query over the whole database whose rows are the failures; a row is
 * (id, name, detail, other id, number, title) as the check needs. Cancelled
 * activities are left out of every check: they no longer need a lead, a
 * partner or a message, and they no longer reach anyone. */

typedef struct
{
  GPtrArray   *results;
  const char  *check_id;
  SamSeverity  severity;
} Checking;

static void
result_free (gpointer data)
{
  SamCheckResult *r = data;

  g_free (r->message);
  g_free (r);
}

static void
add_result (Checking *c,
            SamKind   kind,
            gint64    id,
            gint64    other_id,
            char     *message)
{
  SamCheckResult *r = g_new0 (SamCheckResult, 1);

  r->check_id = c->check_id;
  r->severity = c->severity;
  r->kind = kind;
  r->id = id;
  r->other_id = other_id;
  r->message = message;
  g_ptr_array_add (c->results, r);
}

/* Activities */

static gboolean
no_lead_cb (sqlite3_stmt  *stmt,
            gpointer       user_data,
            GError       **error)
{
  add_result (user_data, SAM_KIND_ACTIVITY, sqlite3_column_int64 (stmt, 0), 0,
              g_strdup_printf (_("The activity “%s” has no lead agency."), sam_query_text (stmt, 1)));
  return TRUE;
}

static gboolean
lead_only_cb (sqlite3_stmt  *stmt,
              gpointer       user_data,
              GError       **error)
{
  add_result (user_data, SAM_KIND_ACTIVITY, sqlite3_column_int64 (stmt, 0), 0,
              g_strdup_printf (_("The activity “%s” has its lead agency, %s, as its only actor: no partner agency takes part."),
                               sam_query_text (stmt, 1), sam_query_text (stmt, 2)));
  return TRUE;
}

/* Agencies */

/* An agency takes part when it leads or is a partner in a live activity,
 * organises or is a partner in a seminar that is not cancelled, organises
 * a seminar format, or leads an R&D project. A ministry rarely does any of
 * that itself, so a ministry counts as idle only when no agency below it
 * (nor itself) takes part. */
#define AGENCY_ACTS \
  "(SELECT a.lead_agency_id FROM activity a WHERE " SAM_LIVE_ACTIVITY \
  " UNION SELECT ap.agency_id FROM " SAM_ACTIVITIES_IN_STORED_ORDER " CROSS JOIN activity_partner ap ON ap.activity_id = a.id" \
  "   WHERE " SAM_LIVE_ACTIVITY \
  " UNION SELECT s.organiser_id FROM seminar s WHERE coalesce(s.status, '') <> 'cancelled'" \
  " UNION SELECT sp.agency_id FROM seminar_partner sp JOIN seminar s ON s.id = sp.seminar_id" \
  "   WHERE coalesce(s.status, '') <> 'cancelled'" \
  " UNION SELECT organiser_id FROM seminar_format" \
  " UNION SELECT lead_agency_id FROM rd_project)"

static const char idle_sql[] =
  "WITH RECURSIVE acting(id) AS MATERIALIZED " AGENCY_ACTS ", "
  "sub(ministry_id, agency_id) AS (SELECT id, id FROM agency WHERE kind = 'ministry' "
  "  UNION SELECT sub.ministry_id, g.id FROM agency g JOIN sub ON g.parent_id = sub.agency_id) "
  "SELECT g.id, g.name, g.kind IS 'ministry' FROM agency g "
  "WHERE (g.kind IS NOT 'ministry' AND g.id NOT IN (SELECT id FROM acting WHERE id IS NOT NULL)) "
  "   OR (g.kind IS 'ministry' AND NOT EXISTS (SELECT 1 FROM sub JOIN acting ON acting.id = sub.agency_id "
  "                                            WHERE sub.ministry_id = g.id)) "
  "ORDER BY g.name COLLATE NOCASE, g.id";

static gboolean
idle_cb (sqlite3_stmt  *stmt,
         gpointer       user_data,
         GError       **error)
{
  const char *name = sam_query_text (stmt, 1);

  add_result (user_data, SAM_KIND_AGENCY, sqlite3_column_int64 (stmt, 0), 0,
              sqlite3_column_int (stmt, 2)
              ? g_strdup_printf (_("No agency under the ministry %s, nor the ministry itself, leads or takes part in any activity, seminar or project."), name)
              : g_strdup_printf (_("%s neither leads nor takes part in any activity, seminar or project."), name));
  return TRUE;
}

/* What the strategy gives a ministry. The data links no agency to a
 * measure directly (obligations tie measures to convention articles, not
 * to ministries), so this follows the principle of sector responsibility
 * ("sektoransvar") the strategy rests on: a ministry answers for the
 * sectors registered on it, and a measure is the ministry's when one of its
 * live activities names one of those sectors. The ministry then needs an
 * activity there that it, or an agency anywhere below it, leads or takes
 * part in. A ministry with no sectors registered is given nothing. */
static const char ministry_gap_sql[] =
  "WITH RECURSIVE sub(ministry_id, agency_id) AS ("
  "  SELECT id, id FROM agency WHERE kind = 'ministry' "
  "  UNION SELECT sub.ministry_id, g.id FROM agency g JOIN sub ON g.parent_id = sub.agency_id), "
  "measure_sector(measure_id, sector_id) AS MATERIALIZED ("
  "  SELECT DISTINCT p.measure_id, s.sector_id FROM " SAM_ACTIVITIES_IN_STORED_ORDER " "
  "  CROSS JOIN activity_sector s ON s.activity_id = a.id CROSS JOIN plan p ON p.id = a.plan_id "
  "  WHERE " SAM_LIVE_ACTIVITY "), "
  "given(ministry_id, measure_id) AS MATERIALIZED ("
  "  SELECT DISTINCT mi.id, ms.measure_id FROM agency mi "
  "  JOIN agency_sector gs ON gs.agency_id = mi.id JOIN measure_sector ms ON ms.sector_id = gs.sector_id "
  "  WHERE mi.kind = 'ministry'), "
  "acting_agency(measure_id, agency_id) AS MATERIALIZED ("
  "  SELECT p.measure_id, a.lead_agency_id FROM activity a CROSS JOIN plan p ON p.id = a.plan_id "
  "  WHERE a.lead_agency_id IS NOT NULL AND " SAM_LIVE_ACTIVITY " "
  "  UNION SELECT p.measure_id, ap.agency_id FROM " SAM_ACTIVITIES_IN_STORED_ORDER " "
  "  CROSS JOIN activity_partner ap ON ap.activity_id = a.id CROSS JOIN plan p ON p.id = a.plan_id "
  "  WHERE " SAM_LIVE_ACTIVITY "), "
  "acting(ministry_id, measure_id) AS MATERIALIZED ("
  "  SELECT DISTINCT sub.ministry_id, x.measure_id FROM acting_agency x JOIN sub ON sub.agency_id = x.agency_id) "
  "SELECT gv.ministry_id, mi.name, m.id, m.number, m.title FROM given gv "
  "JOIN agency mi ON mi.id = gv.ministry_id JOIN measure m ON m.id = gv.measure_id "
  "WHERE NOT EXISTS (SELECT 1 FROM acting x WHERE x.ministry_id = gv.ministry_id "
  "                  AND x.measure_id = gv.measure_id) "
  "ORDER BY mi.name COLLATE NOCASE, mi.id, m.number, m.id";

static gboolean
ministry_gap_cb (sqlite3_stmt  *stmt,
                 gpointer       user_data,
                 GError       **error)
{
  add_result (user_data, SAM_KIND_AGENCY, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 2),
              g_strdup_printf (_("Measure %d “%s” concerns the sectors of %s, but neither the ministry nor any agency under it has an activity there."),
                               sqlite3_column_int (stmt, 3), sam_query_text (stmt, 4), sam_query_text (stmt, 1)));
  return TRUE;
}

/* Target groups */

/* A group is reached when a live activity or a seminar that is not
 * cancelled names it, or names one of the groups under it. */
static const char unreached_sql[] =
  "WITH RECURSIVE reached(id) AS ("
  "  SELECT tg.target_group_id FROM " SAM_ACTIVITIES_IN_STORED_ORDER " CROSS JOIN activity_target_group tg ON tg.activity_id = a.id "
  "  WHERE " SAM_LIVE_ACTIVITY " "
  "  UNION SELECT st.target_group_id FROM seminar_target_group st JOIN seminar s ON s.id = st.seminar_id "
  "  WHERE coalesce(s.status, '') <> 'cancelled' "
  "  UNION SELECT t.parent_id FROM target_group t JOIN reached r ON t.id = r.id WHERE t.parent_id IS NOT NULL) "
  "SELECT t.id, t.name FROM target_group t WHERE t.id NOT IN (SELECT id FROM reached) "
  "ORDER BY t.name COLLATE NOCASE, t.id";

static gboolean
unreached_cb (sqlite3_stmt  *stmt,
              gpointer       user_data,
              GError       **error)
{
  add_result (user_data, SAM_KIND_TARGET_GROUP, sqlite3_column_int64 (stmt, 0), 0,
              g_strdup_printf (_("No activity or seminar reaches the target group “%s”."), sam_query_text (stmt, 1)));
  return TRUE;
}

static gboolean
check_messages (SamStore  *store,
                Checking  *c,
                GError   **error)
{
  g_autoptr(GPtrArray) flags = sam_coordination_message_flags (store, NULL, error);

  if (flags == NULL)
    return FALSE;
  for (guint i = 0; i < flags->len; i++)
    {
      SamMessageFlag *f = flags->pdata[i];

      add_result (c, SAM_KIND_TARGET_GROUP, f->target_group_id, 0,
                  g_strdup_printf (_("Information activities give the target group “%s” %u different messages in the period %s."),
                                   f->target_group, f->n_messages, f->period));
    }
  return TRUE;
}

static const struct {
  const char  *check_id;
  SamSeverity  severity;
  const char  *sql;
  SamRowFunc   func;
} checks[] = {
  { SAM_CHECK_ACTIVITY_NO_LEAD, SAM_SEVERITY_ERROR,
    "SELECT a.id, a.title FROM activity a WHERE a.lead_agency_id IS NULL AND " SAM_LIVE_ACTIVITY " ORDER BY a.id",
    no_lead_cb },
  { SAM_CHECK_ACTIVITY_LEAD_ONLY, SAM_SEVERITY_WARNING,
    "SELECT a.id, a.title, g.name FROM activity a CROSS JOIN agency g ON g.id = a.lead_agency_id "
    "WHERE " SAM_LIVE_ACTIVITY " AND NOT EXISTS (SELECT 1 FROM activity_partner ap "
    "  WHERE ap.activity_id = a.id AND ap.agency_id <> a.lead_agency_id) ORDER BY a.id",
    lead_only_cb },
  { SAM_CHECK_AGENCY_IDLE, SAM_SEVERITY_WARNING, idle_sql, idle_cb },
  { SAM_CHECK_MINISTRY_MEASURE_GAP, SAM_SEVERITY_ERROR, ministry_gap_sql, ministry_gap_cb },
  { SAM_CHECK_TARGET_GROUP_UNREACHED, SAM_SEVERITY_INFO, unreached_sql, unreached_cb },
  { SAM_CHECK_MIXED_MESSAGES, SAM_SEVERITY_WARNING, NULL, NULL },
};

/* Runs every check over the whole database and returns the failures, a
 * GPtrArray of SamCheckResult (free with g_ptr_array_unref()), in the
 * order of the checks and, within one check, by what they concern. An
 * empty array means every check passed. The checks:
 *
 * - activity-no-lead (error): a live activity without a lead agency;
 * - activity-lead-only (warning): a live activity whose lead is its only
 *   actor (no partner other than the lead);
 * - agency-idle (warning): an agency that leads or takes part in nothing;
 * - ministry-measure-gap (error): a ministry none of whose agencies, itself
 *   included, has an activity in a measure the strategy gives it;
 * - target-group-unreached (info): a target group nothing reaches;
 * - target-group-mixed-messages (warning): see
 *   sam_coordination_message_flags().
 *
 * Returns NULL with a SamStoreError on a database error. */
GPtrArray *
sam_coordination_run_checks (SamStore  *store,
                             GError   **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (result_free);

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      Checking c = { results, checks[i].check_id, checks[i].severity };
      gint64 start = g_get_monotonic_time ();
      gboolean ok = checks[i].sql
                    ? sam_query_foreach (store, checks[i].sql, NULL, checks[i].func, &c, error)
                    : check_messages (store, &c, error);
      if (!ok)
        return NULL;
      g_debug ("Check %s: %.3f s", checks[i].check_id, (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
    }
  return g_steal_pointer (&results);
}

/* Returns the translated name of @severity, as in "warning". */
const char *
sam_severity_to_string (SamSeverity severity)
{
  switch (severity)
    {
    case SAM_SEVERITY_INFO:
      return _("note");
    case SAM_SEVERITY_WARNING:
      return _("warning");
    case SAM_SEVERITY_ERROR:
    default:
      return _("error");
    }
}
