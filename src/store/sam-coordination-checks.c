#define G_LOG_DOMAIN "sam-coordination"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sam-accountability.h"
#include "sam-coordination-private.h"
#include "sam-report-data.h"
#include "sam-store-private.h"

/* Where a check's SQL sorts names without regard to case; in_dialect()
 * puts the dialect's collation there. */
#define NOCASE "{nocase}"

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
  GPtrArray   *message_flags;   /* the whole strategy's as at today, or NULL */
} Checking;

static void
result_free (gpointer data)
{
  SamCheckResult *r = data;

  g_free (r->message);
  g_free (r);
}

static void
add_result_as (Checking    *c,
               SamSeverity  severity,
               SamKind      kind,
               gint64       id,
               gint64       other_id,
               char        *message)
{
  SamCheckResult *r = g_new0 (SamCheckResult, 1);

  r->check_id = c->check_id;
  r->severity = severity;
  r->kind = kind;
  r->id = id;
  r->other_id = other_id;
  r->message = message;
  g_ptr_array_add (c->results, r);
}

static void
add_result (Checking *c,
            SamKind   kind,
            gint64    id,
            gint64    other_id,
            char     *message)
{
  add_result_as (c, c->severity, kind, id, other_id, message);
}

/* Activities */

/* An activity that names no lead is still some ministry's by sector
 * responsibility, when one of its sectors has a ministry: the check says
 * which, as a warning, since the plan should name a lead. With none, nobody
 * answers for it: an error. */
typedef struct
{
  Checking   *c;
  GHashTable *duties;   /* activity id → GPtrArray of Duty */
} NoLead;

/* A ministry the activity answers to, and where its first sector of that
 * ministry stands in the activity's list. */
typedef struct
{
  gint64          position;
  SamAccountable  ministry;
} Duty;

static void
duty_free (gpointer data)
{
  Duty *d = data;

  g_free (d->ministry.name);
  g_free (d->ministry.short_name);
  g_free (d->ministry.sectors);
  g_free (d);
}

static gboolean
add_duty_cb (const SamAccountRow  *row,
             gpointer              user_data,
             GError              **error)
{
  NoLead *n = user_data;
  GPtrArray *duties = g_hash_table_lookup (n->duties, &row->activity_id);
  Duty *d = g_new0 (Duty, 1);

  if (duties == NULL)
    {
      duties = g_ptr_array_new_with_free_func (duty_free);
      g_hash_table_insert (n->duties, g_memdup2 (&row->activity_id, sizeof (gint64)), duties);
    }
  d->position = row->position;
  d->ministry.agency_id = row->agency_id;
  d->ministry.name = g_strdup (row->name);
  d->ministry.short_name = row->short_name && *row->short_name ? g_strdup (row->short_name) : NULL;
  d->ministry.sectors = g_strdup (row->sectors);
  g_ptr_array_add (duties, d);
  return TRUE;
}

static gint
compare_duties (gconstpointer a,
                gconstpointer b)
{
  const Duty *x = *(Duty * const *) a, *y = *(Duty * const *) b;

  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  return x->ministry.agency_id < y->ministry.agency_id ? -1 : x->ministry.agency_id > y->ministry.agency_id;
}

static char *
describe_duties (GPtrArray *duties)
{
  GString *text = g_string_new (NULL);

  g_ptr_array_sort (duties, compare_duties);
  for (guint i = 0; i < duties->len; i++)
    {
      g_autofree char *one = sam_accountable_describe (&((Duty *) duties->pdata[i])->ministry);
      g_string_append_printf (text, "%s%s", i ? ", " : "", one);
    }
  return g_string_free (text, FALSE);
}

static gboolean
no_lead_cb (SamStmt       *stmt,
            gpointer       user_data,
            GError       **error)
{
  NoLead *n = user_data;
  gint64 id = sam_stmt_column_int (stmt, 0);
  GPtrArray *duties = g_hash_table_lookup (n->duties, &id);
  g_autofree char *ministries = duties ? describe_duties (duties) : NULL;

  if (ministries)
    /* TRANSLATORS: the second %s lists ministries, each with its sectors:
     * "HOD (Helse- og omsorgstjenester), JD (Politi og påtalemyndighet)". */
    add_result_as (n->c, SAM_SEVERITY_WARNING, SAM_KIND_ACTIVITY, id, 0,
                   g_strdup_printf (_("No lead agency is named for the activity “%s”; sector responsibility: %s."),
                                    sam_stmt_column_text (stmt, 1), ministries));
  else if (sam_stmt_column_int (stmt, 2))
    add_result_as (n->c, SAM_SEVERITY_ERROR, SAM_KIND_ACTIVITY, id, 0,
                   g_strdup_printf (_("No lead agency is named for the activity “%s”, and none of its sectors has a responsible ministry: nobody answers for it."),
                                    sam_stmt_column_text (stmt, 1)));
  else
    add_result_as (n->c, SAM_SEVERITY_ERROR, SAM_KIND_ACTIVITY, id, 0,
                   g_strdup_printf (_("The activity “%s” names no lead agency and no sector: nobody answers for it."),
                                    sam_stmt_column_text (stmt, 1)));
  return TRUE;
}

static gboolean
check_no_lead (SamStore  *store,
               Checking  *c,
               GError   **error)
{
  g_autoptr(GHashTable) duties = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        (GDestroyNotify) g_ptr_array_unref);
  NoLead n = { c, duties };

  return sam_accountability_foreach (store, NULL, 0, SAM_ACCOUNT_SECTOR, add_duty_cb, &n, error)
         && sam_query_foreach (store, "SELECT a.id, a.title, CASE WHEN EXISTS (SELECT 1 FROM activity_sector s WHERE s.activity_id = a.id) THEN 1 ELSE 0 END "
                               "FROM activity a WHERE a.lead_agency_id IS NULL AND "
                               SAM_LIVE_ACTIVITY " ORDER BY a.id", NULL, no_lead_cb, &n, error);
}

static gboolean
lead_only_cb (SamStmt       *stmt,
              gpointer       user_data,
              GError       **error)
{
  add_result (user_data, SAM_KIND_ACTIVITY, sam_stmt_column_int (stmt, 0), 0,
              g_strdup_printf (_("The activity “%s” has its lead agency, %s, as its only actor: no partner agency takes part."),
                               sam_stmt_column_text (stmt, 1), sam_stmt_column_text (stmt, 2)));
  return TRUE;
}

/* Agencies */

/* An agency has a part when it leads or is a partner in a live activity,
 * answers for one by sector responsibility, organises or is a partner in a
 * seminar that is not cancelled, organises a seminar format, leads an R&D
 * project, or is a body that receives reports (as a national rapporteur or
 * a monitoring body does) rather than acts, or one the strategy names but
 * gives no task of its own (role "named": the missions the routines are
 * for, a body whose tasks lie in another focus area), which is not
 * expected to act. An organisation often acts
 * through the bodies below it (a ministry through its agencies, the UN
 * through UNHCR), so an agency is idle only when neither it nor any agency
 * below it has a part. */
#define AGENCY_HAS_PART \
  "(SELECT a.lead_agency_id FROM activity a WHERE " SAM_LIVE_ACTIVITY \
  " UNION SELECT ap.agency_id FROM " SAM_ACTIVITIES_IN_STORED_ORDER " CROSS JOIN activity_partner ap ON ap.activity_id = a.id" \
  "   WHERE " SAM_LIVE_ACTIVITY \
  " UNION SELECT s.ministry_id FROM " SAM_ACTIVITIES_IN_STORED_ORDER " CROSS JOIN " SAM_SECTOR_DUTY_JOIN \
  "   WHERE " SAM_SECTOR_DUTY_WHERE " AND " SAM_LIVE_ACTIVITY \
  " UNION SELECT s.organiser_id FROM seminar s WHERE coalesce(s.status, '') <> 'cancelled'" \
  " UNION SELECT sp.agency_id FROM seminar_partner sp JOIN seminar s ON s.id = sp.seminar_id" \
  "   WHERE coalesce(s.status, '') <> 'cancelled'" \
  " UNION SELECT organiser_id FROM seminar_format" \
  " UNION SELECT lead_agency_id FROM rd_project" \
  " UNION SELECT id FROM agency WHERE role IN ('recipient', 'named'))"

static const char idle_sql[] =
  "WITH RECURSIVE part(id) AS MATERIALIZED " AGENCY_HAS_PART ", "
  "busy(id) AS (SELECT id FROM part WHERE id IS NOT NULL "
  "  UNION SELECT g.parent_id FROM agency g JOIN busy ON g.id = busy.id WHERE g.parent_id IS NOT NULL) "
  "SELECT g.id, g.name, g.kind IS NOT DISTINCT FROM 'ministry' FROM agency g WHERE g.id NOT IN (SELECT id FROM busy) "
  "ORDER BY g.name " NOCASE ", g.id";

static gboolean
idle_cb (SamStmt       *stmt,
         gpointer       user_data,
         GError       **error)
{
  const char *name = sam_stmt_column_text (stmt, 1);

  add_result (user_data, SAM_KIND_AGENCY, sam_stmt_column_int (stmt, 0), 0,
              sam_stmt_column_int (stmt, 2)
              ? g_strdup_printf (_("No agency under the ministry %s, nor the ministry itself, leads or takes part in any activity, seminar or project."), name)
              : g_strdup_printf (_("%s neither leads nor takes part in any activity, seminar or project."), name));
  return TRUE;
}

/* What the strategy gives a ministry. The data links no agency to a
 * measure directly (obligations tie measures to convention articles, not
 * to ministries), so this follows the principle of sector responsibility
 * ("sektoransvar") the strategy rests on: a ministry answers for the
 * sectors it is responsible for, and a measure is the ministry's when one
 * of its live activities names one of those sectors. The ministry then
 * needs an activity there that it, or an agency anywhere below it, leads,
 * takes part in or answers for by sector responsibility (which it does for
 * every such activity that names no lead). A ministry responsible for no
 * sector is given nothing. */
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
  "  JOIN sector sc ON sc.ministry_id = mi.id JOIN measure_sector ms ON ms.sector_id = sc.id "
  "  WHERE mi.kind = 'ministry'), "
  "acting_agency(measure_id, agency_id) AS MATERIALIZED ("
  "  SELECT p.measure_id, a.lead_agency_id FROM activity a CROSS JOIN plan p ON p.id = a.plan_id "
  "  WHERE a.lead_agency_id IS NOT NULL AND " SAM_LIVE_ACTIVITY " "
  "  UNION SELECT p.measure_id, ap.agency_id FROM " SAM_ACTIVITIES_IN_STORED_ORDER " "
  "  CROSS JOIN activity_partner ap ON ap.activity_id = a.id CROSS JOIN plan p ON p.id = a.plan_id "
  "  WHERE " SAM_LIVE_ACTIVITY " "
  "  UNION SELECT p.measure_id, s.ministry_id FROM " SAM_ACTIVITIES_IN_STORED_ORDER " "
  "  CROSS JOIN " SAM_SECTOR_DUTY_JOIN " CROSS JOIN plan p ON p.id = a.plan_id "
  "  WHERE " SAM_SECTOR_DUTY_WHERE " AND s.ministry_id IS NOT NULL AND " SAM_LIVE_ACTIVITY "), "
  "acting(ministry_id, measure_id) AS MATERIALIZED ("
  "  SELECT DISTINCT sub.ministry_id, x.measure_id FROM acting_agency x JOIN sub ON sub.agency_id = x.agency_id) "
  "SELECT gv.ministry_id, mi.name, m.id, m.number, m.title FROM given gv "
  "JOIN agency mi ON mi.id = gv.ministry_id JOIN measure m ON m.id = gv.measure_id "
  "WHERE NOT EXISTS (SELECT 1 FROM acting x WHERE x.ministry_id = gv.ministry_id "
  "                  AND x.measure_id = gv.measure_id) "
  "ORDER BY mi.name " NOCASE ", mi.id, m.number, m.id";

static gboolean
ministry_gap_cb (SamStmt       *stmt,
                 gpointer       user_data,
                 GError       **error)
{
  add_result (user_data, SAM_KIND_AGENCY, sam_stmt_column_int (stmt, 0), sam_stmt_column_int (stmt, 2),
              g_strdup_printf (_("Measure %d “%s” concerns the sectors of %s, but neither the ministry nor any agency under it has an activity there."),
                               (int) sam_stmt_column_int (stmt, 3), sam_stmt_column_text (stmt, 4), sam_stmt_column_text (stmt, 1)));
  return TRUE;
}

/* Target groups */

/* A group is reached when a live activity or a seminar that is not
 * cancelled names it, one of the groups under it, or a group it is part of
 * (an umbrella group such as "all front-line staff" reaches each group
 * under it). */
static const char unreached_sql[] =
  "WITH RECURSIVE named(id) AS MATERIALIZED ("
  "  SELECT tg.target_group_id FROM " SAM_ACTIVITIES_IN_STORED_ORDER " CROSS JOIN activity_target_group tg ON tg.activity_id = a.id "
  "  WHERE " SAM_LIVE_ACTIVITY " "
  "  UNION SELECT st.target_group_id FROM seminar_target_group st JOIN seminar s ON s.id = st.seminar_id "
  "  WHERE coalesce(s.status, '') <> 'cancelled'), "
  "up(id) AS (SELECT id FROM named "
  "  UNION SELECT t.parent_id FROM target_group t JOIN up ON t.id = up.id WHERE t.parent_id IS NOT NULL), "
  "down(id) AS (SELECT id FROM named "
  "  UNION SELECT t.id FROM target_group t JOIN down ON t.parent_id = down.id) "
  "SELECT t.id, t.name FROM target_group t WHERE t.id NOT IN (SELECT id FROM up) AND t.id NOT IN (SELECT id FROM down) "
  "ORDER BY t.name " NOCASE ", t.id";

static gboolean
unreached_cb (SamStmt       *stmt,
              gpointer       user_data,
              GError       **error)
{
  add_result (user_data, SAM_KIND_TARGET_GROUP, sam_stmt_column_int (stmt, 0), 0,
              g_strdup_printf (_("No activity or seminar reaches the target group “%s”."), sam_stmt_column_text (stmt, 1)));
  return TRUE;
}

static gboolean
check_messages (SamStore  *store,
                Checking  *c,
                GError   **error)
{
  g_autoptr(GPtrArray) flags = c->message_flags ? g_ptr_array_ref (c->message_flags)
                                                : sam_coordination_message_flags (store, NULL, NULL, error);

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

/* Knowledge gaps */

static gboolean
unaddressed_cb (SamStmt       *stmt,
                gpointer       user_data,
                GError       **error)
{
  add_result (user_data, SAM_KIND_KNOWLEDGE_GAP, sam_stmt_column_int (stmt, 0), 0,
              g_strdup_printf (_("No R&D project addresses the knowledge gap “%s”."), sam_stmt_column_text (stmt, 1)));
  return TRUE;
}

typedef gboolean (*CheckFunc) (SamStore  *store,
                               Checking  *c,
                               GError   **error);

/* Returns the SQL of a check with NOCASE spelt in the dialect of @store. */
static char *
in_dialect (SamStore   *store,
            const char *sql)
{
  g_auto(GStrv) parts = g_strsplit (sql, NOCASE, -1);

  return g_strjoinv (sam_store_sql (store, SAM_SQL_NOCASE), parts);
}

/* Each check is a query whose rows are its failures, or a function. */
static const struct {
  const char  *check_id;
  SamSeverity  severity;
  const char  *sql;
  SamRowFunc   func;
  CheckFunc    check;
} checks[] = {
  { SAM_CHECK_ACTIVITY_NO_LEAD, SAM_SEVERITY_ERROR, NULL, NULL, check_no_lead },
  { SAM_CHECK_ACTIVITY_LEAD_ONLY, SAM_SEVERITY_WARNING,
    "SELECT a.id, a.title, g.name FROM activity a CROSS JOIN agency g ON g.id = a.lead_agency_id "
    "WHERE " SAM_LIVE_ACTIVITY " AND a.scope IS DISTINCT FROM 'sector' AND NOT EXISTS (SELECT 1 FROM activity_partner ap "
    "  WHERE ap.activity_id = a.id AND ap.agency_id <> a.lead_agency_id) ORDER BY a.id",
    lead_only_cb },
  { SAM_CHECK_AGENCY_IDLE, SAM_SEVERITY_WARNING, idle_sql, idle_cb },
  { SAM_CHECK_MINISTRY_MEASURE_GAP, SAM_SEVERITY_ERROR, ministry_gap_sql, ministry_gap_cb },
  { SAM_CHECK_TARGET_GROUP_UNREACHED, SAM_SEVERITY_INFO, unreached_sql, unreached_cb },
  { SAM_CHECK_MIXED_MESSAGES, SAM_SEVERITY_WARNING, NULL, NULL, check_messages },
  { SAM_CHECK_KNOWLEDGE_GAP_UNADDRESSED, SAM_SEVERITY_WARNING,
    "SELECT k.id, k.title FROM knowledge_gap k WHERE NOT EXISTS "
    "(SELECT 1 FROM rd_project_gap pg WHERE pg.gap_id = k.id) ORDER BY k.number, k.id",
    unaddressed_cb },
};

/* Runs every check over the whole database and returns the failures, a
 * GPtrArray of SamCheckResult (free with g_ptr_array_unref()), in the
 * order of the checks and, within one check, by what they concern. An
 * empty array means every check passed. The checks:
 *
 * - activity-no-lead: a live activity that names no lead agency; a warning
 *   that says which ministries answer for it by sector responsibility, or
 *   an error when none does (see sam-accountability.h);
 * - activity-lead-only (warning): a live activity whose lead is its only
 *   actor (no partner other than the lead), unless it is sector-wise
 *   (scope "sector"): the strategy sets sector-wise work to be the
 *   sector's own, beside the cross-sector work;
 * - agency-idle (warning): an agency that, with every agency below it, has
 *   no part in anything, receives no reports and is not one the strategy
 *   names without a task (role "named");
 * - ministry-measure-gap (error): a ministry none of whose agencies, itself
 *   included, has an activity in a measure the strategy gives it;
 * - target-group-unreached (info): a target group nothing reaches, neither
 *   itself, nor a group under it, nor a group it is part of;
 * - target-group-mixed-messages (warning): see
 *   sam_coordination_message_flags();
 * - knowledge-gap-unaddressed (warning): a knowledge gap that no R&D
 *   project addresses.
 *
 * Returns NULL with a SamStoreError on a database error. */
GPtrArray *
sam_coordination_run_checks (SamStore  *store,
                             GError   **error)
{
  return sam_coordination_run_checks_with (store, NULL, error);
}

/* As sam_coordination_run_checks(), taking the differing messages from
 * @message_flags when not NULL: what sam_coordination_message_flags()
 * returned for the whole database, as at today, in the same snapshot of
 * it (a report that counted them already). */
GPtrArray *
sam_coordination_run_checks_with (SamStore   *store,
                                  GPtrArray  *message_flags,
                                  GError    **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (result_free);
  /* Every check reads one snapshot (REPEATABLE READ on a server), so that
   * what others commit meanwhile does not make the checks disagree; inside
   * the caller's transaction, that one's. */
  gboolean own = sam_store_get_db (store) != NULL && !sam_db_in_transaction (sam_store_get_db (store));

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);

  if (own && !sam_report_data_begin (store, NULL, 0, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      Checking c = { results, checks[i].check_id, checks[i].severity, message_flags };
      gint64 start = g_get_monotonic_time ();
      g_autofree char *sql = checks[i].sql ? in_dialect (store, checks[i].sql) : NULL;
      gboolean ok = sql ? sam_query_foreach (store, sql, NULL, checks[i].func, &c, error)
                        : checks[i].check (store, &c, error);
      if (!ok)
        {
          if (own)
            sam_report_data_end (store);
          return NULL;
        }
      g_debug ("Check %s: %.3f s", checks[i].check_id, (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
    }
  if (own)
    sam_report_data_end (store);
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
