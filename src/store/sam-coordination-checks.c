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

/* Returns the SQL of a check with NOCASE spelt in the dialect of @store. */
static char *
in_dialect (SamStore   *store,
            const char *sql)
{
  g_auto(GStrv) parts = g_strsplit (sql, NOCASE, -1);

  return g_strjoinv (sam_store_sql (store, SAM_SQL_NOCASE), parts);
}

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
 * below it has a part. Each agency is asked whether it has an activity
 * through the indexes by agency and by sector: every live activity's
 * lead, partners and duties put in one set (UNION) had cost thirty times
 * as much at 100,000 activities. */
#define AGENCY_HAS_PART \
  "(SELECT g.id FROM agency g WHERE " \
  "   EXISTS (SELECT 1 FROM activity a WHERE a.lead_agency_id = g.id AND " SAM_LIVE_ACTIVITY ")" \
  "   OR EXISTS (SELECT 1 FROM activity_partner ap CROSS JOIN activity a ON a.id = ap.activity_id" \
  "              WHERE ap.agency_id = g.id AND " SAM_LIVE_ACTIVITY ")" \
  "   OR EXISTS (SELECT 1 FROM sector s CROSS JOIN activity_sector x ON x.sector_id = s.id" \
  "              CROSS JOIN activity a ON a.id = x.activity_id" \
  "              WHERE s.ministry_id = g.id AND " SAM_SECTOR_DUTY_WHERE " AND " SAM_LIVE_ACTIVITY ")" \
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
/* The ministry-measure-gap check, computed here from plain reads (the
 * agencies, the measures, and the live activities with their partners and
 * sectors, see gap_read_activities()): its one query of sets of (measure,
 * agency) pairs built with DISTINCT and UNION, every live activity and
 * every link of one added to a B-tree, cost more than every other check
 * together. The pairs are few (measures × agencies at most), so they are
 * kept in hash sets. */

typedef struct
{
  gint64  id;
  gint64  parent_id;      /* 0: none */
  guint   parent;         /* its index + 1, 0: none (or not an agency) */
  gboolean ministry;
  char   *name;           /* ministries only */
  guint   rank;           /* ministries: by name, then id */
} GapAgency;

typedef struct
{
  gint64  id;
  gint64  number;
  char   *title;
} GapMeasure;

/* Two indices: (ministry, measure) in the given pairs and the gaps,
 * (agency, measure) in the acting pairs. */
typedef struct
{
  guint ministry;   /* agency index */
  guint measure;    /* measure index, by number then id */
} GapPair;

typedef struct
{
  GArray     *agencies;      /* GapAgency */
  GHashTable *agency_at;     /* id → index + 1 */
  GArray     *measures;      /* GapMeasure, by number then id */
  GHashTable *measure_at;    /* id → index + 1 */
  guint       n_ministries;  /* ranked so far */
  GHashTable *given;         /* (ministry, measure) pairs, as pair_key() */
  GHashTable *acting;        /* (agency, measure) pairs */
} Gap;

static void
gap_agency_clear (gpointer data)
{
  g_free (((GapAgency *) data)->name);
}

static void
gap_measure_clear (gpointer data)
{
  g_free (((GapMeasure *) data)->title);
}

static void
gap_clear (Gap *g)
{
  g_clear_pointer (&g->agencies, g_array_unref);
  g_clear_pointer (&g->agency_at, g_hash_table_unref);
  g_clear_pointer (&g->measures, g_array_unref);
  g_clear_pointer (&g->measure_at, g_hash_table_unref);
  g_clear_pointer (&g->given, g_hash_table_unref);
  g_clear_pointer (&g->acting, g_hash_table_unref);
}

static guint
index_of (GHashTable *table,
          gint64      id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, &id));
}

static void
add_index (GHashTable *table,
           gint64      id,
           guint       index)
{
  g_hash_table_insert (table, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (index));
}

/* A pair's hash: g_int64_hash() folds its two halves into one by XOR,
 * which puts most pairs of small indices in a few buckets. */
static guint
pair_hash (gconstpointer key)
{
  guint64 v = *(const guint64 *) key;

  return (guint) ((v * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 32);
}

static GHashTable *
pair_set_new (void)
{
  return g_hash_table_new_full (pair_hash, g_int64_equal, g_free, NULL);
}

/* A pair of indices as one key of a pair set, and back. */
static gint64
pair_key (guint a,
          guint b)
{
  return ((gint64) a << 32) | b;
}

static GapPair
pair_of (gconstpointer key)
{
  guint64 v = *(const guint64 *) key;

  return (GapPair) { (guint) (v >> 32), (guint) (v & G_MAXUINT32) };
}

static void
add_pair (GHashTable *set,
          guint       a,
          guint       b)
{
  gint64 key = pair_key (a, b);

  if (!g_hash_table_contains (set, &key))
    g_hash_table_add (set, g_memdup2 (&key, sizeof key));
}

static gboolean
has_pair (GHashTable *set,
          guint       a,
          guint       b)
{
  gint64 key = pair_key (a, b);

  return g_hash_table_contains (set, &key);
}

/* Agencies come ministries first, by name then id: their rank. */
static gboolean
gap_agency_cb (SamStmt       *stmt,
               gpointer       user_data,
               GError       **error)
{
  Gap *g = user_data;
  gboolean ministry = sam_stmt_column_int (stmt, 2) != 0;
  GapAgency a = {
    sam_stmt_column_int (stmt, 0), sam_stmt_column_is_null (stmt, 1) ? 0 : sam_stmt_column_int (stmt, 1), 0, ministry,
    ministry ? g_strdup (sam_stmt_column_text (stmt, 3)) : NULL, ministry ? g->n_ministries++ : 0,
  };

  g_array_append_val (g->agencies, a);
  add_index (g->agency_at, a.id, g->agencies->len);
  return TRUE;
}

static gboolean
gap_measure_cb (SamStmt       *stmt,
                gpointer       user_data,
                GError       **error)
{
  Gap *g = user_data;
  GapMeasure m = { sam_stmt_column_int (stmt, 0), sam_stmt_column_int (stmt, 1),
                   g_strdup (sam_stmt_column_text (stmt, 2)) };

  g_array_append_val (g->measures, m);
  add_index (g->measure_at, m.id, g->measures->len);
  return TRUE;
}

/* The partners and the sectors' ministries of every activity, read in
 * step with the live activities (by id), each table once in its order:
 * a join per activity had looked each activity's up in both indexes. */
typedef struct
{
  Gap       *g;
  SamCursor  partners;   /* (activity id, agency id) */
  SamCursor  sectors;    /* (activity id, the sector's ministry id) */
} GapReading;

/* Each row (activity id, measure id, lead agency id) of a live activity:
 * its lead and partners act in its measure; the measure is given to the
 * ministries of its sectors, and without a lead they act in it by sector
 * responsibility. */
static gboolean
gap_activity_cb (SamStmt       *stmt,
                 gpointer       user_data,
                 GError       **error)
{
  GapReading *r = user_data;
  Gap *g = r->g;
  gint64 id = sam_stmt_column_int (stmt, 0);
  guint measure = index_of (g->measure_at, sam_stmt_column_int (stmt, 1));
  gboolean no_lead = sam_stmt_column_is_null (stmt, 2);
  guint agency = no_lead ? 0 : index_of (g->agency_at, sam_stmt_column_int (stmt, 2));
  gboolean on_row;

  if (measure && agency)
    add_pair (g->acting, agency - 1, measure - 1);
  if (!sam_cursor_seek (&r->partners, id, &on_row, error))
    return FALSE;
  while (on_row)
    {
      if (measure && (agency = index_of (g->agency_at, sam_stmt_column_int (r->partners.stmt, 1))))
        add_pair (g->acting, agency - 1, measure - 1);
      if (!sam_cursor_step (&r->partners, error) || !sam_cursor_seek (&r->partners, id, &on_row, error))
        return FALSE;
    }
  if (!sam_cursor_seek (&r->sectors, id, &on_row, error))
    return FALSE;
  while (on_row)
    {
      guint ministry = sam_stmt_column_is_null (r->sectors.stmt, 1) ? 0
                       : index_of (g->agency_at, sam_stmt_column_int (r->sectors.stmt, 1));

      if (measure && ministry && g_array_index (g->agencies, GapAgency, ministry - 1).ministry)
        add_pair (g->given, ministry - 1, measure - 1);
      if (measure && ministry && no_lead)
        add_pair (g->acting, ministry - 1, measure - 1);
      if (!sam_cursor_step (&r->sectors, error) || !sam_cursor_seek (&r->sectors, id, &on_row, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
gap_read_activities (SamStore  *store,
                     Gap       *g,
                     GError   **error)
{
  GapReading r = { g };
  gboolean ok;

  ok = sam_cursor_open (store, &r.partners,
                        "SELECT ap.activity_id, ap.agency_id FROM activity_partner ap ORDER BY ap.activity_id", error)
       && sam_cursor_open (store, &r.sectors,
                           "SELECT x.activity_id, s.ministry_id FROM activity_sector x "
                           "CROSS JOIN sector s ON s.id = x.sector_id ORDER BY x.activity_id", error)
       && sam_query_foreach (store,
                             "SELECT a.id, p.measure_id, a.lead_agency_id FROM " SAM_ACTIVITIES_IN_STORED_ORDER " "
                             "CROSS JOIN plan p ON p.id = a.plan_id WHERE " SAM_LIVE_ACTIVITY " ORDER BY a.id",
                             NULL, gap_activity_cb, &r, error);
  sam_cursor_clear (&r.partners);
  sam_cursor_clear (&r.sectors);
  return ok;
}

static int
compare_gap_pairs (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const GapPair *x = a, *y = b;
  Gap *g = user_data;
  guint rx = g_array_index (g->agencies, GapAgency, x->ministry).rank;
  guint ry = g_array_index (g->agencies, GapAgency, y->ministry).rank;

  if (rx != ry)
    return rx < ry ? -1 : 1;
  return x->measure < y->measure ? -1 : x->measure > y->measure;
}

/* Adds to @acting the pairs (ministry, measure) where the ministry, or an
 * agency anywhere below it, acts in the measure. */
static void
ministries_acting (Gap        *g,
                   GHashTable *acting)
{
  g_autoptr(GHashTable) passed = pair_set_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, g->acting);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GapPair pair = pair_of (key);
      guint measure = pair.measure;
      guint at = pair.ministry + 1;

      /* Up the parents, itself included, until an agency passed for this
       * measure before (whose parents were too): each agency is passed
       * once per measure, so agencies nested thousands deep cost no more
       * than as many side by side, and a loop of parents (which the store
       * refuses) ends. */
      for (; at != 0 && !has_pair (passed, at - 1, measure); at = g_array_index (g->agencies, GapAgency, at - 1).parent)
        {
          add_pair (passed, at - 1, measure);
          if (g_array_index (g->agencies, GapAgency, at - 1).ministry)
            add_pair (acting, at - 1, measure);
        }
    }
}

static gboolean
check_ministry_gap (SamStore  *store,
                    Checking  *c,
                    GError   **error)
{
  g_autofree char *agencies = in_dialect (store,
    "SELECT g.id, g.parent_id, g.kind IS NOT DISTINCT FROM 'ministry', g.name FROM agency g "
    "ORDER BY g.kind IS NOT DISTINCT FROM 'ministry' DESC, g.name " NOCASE ", g.id");
  g_autoptr(GHashTable) acting = pair_set_new ();
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (GapPair));
  Gap g = {
    g_array_new (FALSE, FALSE, sizeof (GapAgency)), g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL),
    g_array_new (FALSE, FALSE, sizeof (GapMeasure)), g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL),
    0, pair_set_new (), pair_set_new (),
  };
  GHashTableIter iter;
  gpointer key;
  gboolean ok;

  g_array_set_clear_func (g.agencies, gap_agency_clear);
  g_array_set_clear_func (g.measures, gap_measure_clear);
  ok = sam_query_foreach (store, agencies, NULL, gap_agency_cb, &g, error)
       && sam_query_foreach (store, "SELECT m.id, m.number, m.title FROM measure m ORDER BY m.number, m.id", NULL,
                             gap_measure_cb, &g, error)
       && gap_read_activities (store, &g, error);
  for (guint i = 0; ok && i < g.agencies->len; i++)
    {
      GapAgency *a = &g_array_index (g.agencies, GapAgency, i);

      a->parent = a->parent_id ? index_of (g.agency_at, a->parent_id) : 0;
    }
  if (ok)
    {
      ministries_acting (&g, acting);
      g_hash_table_iter_init (&iter, g.given);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          GapPair gap = pair_of (key);

          if (!has_pair (acting, gap.ministry, gap.measure))
            g_array_append_val (gaps, gap);
        }
      g_array_sort_with_data (gaps, compare_gap_pairs, &g);
    }
  for (guint i = 0; ok && i < gaps->len; i++)
    {
      const GapPair *gap = &g_array_index (gaps, GapPair, i);
      const GapAgency *mi = &g_array_index (g.agencies, GapAgency, gap->ministry);
      const GapMeasure *m = &g_array_index (g.measures, GapMeasure, gap->measure);

      add_result (c, SAM_KIND_AGENCY, mi->id, m->id,
                  g_strdup_printf (_("Measure %d “%s” concerns the sectors of %s, but neither the ministry nor any agency under it has an activity there."),
                                   (int) m->number, m->title, mi->name));
    }
  gap_clear (&g);
  return ok;
}

/* Target groups */

/* A group is reached when a live activity or a seminar that is not
 * cancelled names it, one of the groups under it, or a group it is part of
 * (an umbrella group such as "all front-line staff" reaches each group
 * under it). Each group is asked through the index by group, as each
 * agency is for an idle one. */
static const char unreached_sql[] =
  "WITH RECURSIVE named(id) AS MATERIALIZED ("
  "  SELECT t.id FROM target_group t WHERE EXISTS (SELECT 1 FROM activity_target_group tg "
  "    CROSS JOIN activity a ON a.id = tg.activity_id WHERE tg.target_group_id = t.id AND " SAM_LIVE_ACTIVITY ") "
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
  { SAM_CHECK_MINISTRY_MEASURE_GAP, SAM_SEVERITY_ERROR, NULL, NULL, check_ministry_gap },
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
  return sam_coordination_run_checks_with (store, NULL, NULL, error);
}

/* As sam_coordination_run_checks(), taking the differing messages from
 * @message_flags when not NULL: what sam_coordination_message_flags()
 * returned for the whole database, as at today, in the same snapshot of
 * it (a report that counted them already); without the checks in @skip
 * (SAM_CHECK_* ids, NULL-terminated; NULL: none), which the caller has no
 * use for. */
GPtrArray *
sam_coordination_run_checks_with (SamStore           *store,
                                  GPtrArray          *message_flags,
                                  const char * const *skip,
                                  GError            **error)
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
      g_autofree char *sql = NULL;
      gboolean ok;

      if (skip && g_strv_contains (skip, checks[i].check_id))
        continue;
      sql = checks[i].sql ? in_dialect (store, checks[i].sql) : NULL;
      ok = sql ? sam_query_foreach (store, sql, NULL, checks[i].func, &c, error)
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
