#define G_LOG_DOMAIN "sam-scope"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "sam-query-private.h"
#include "sam-scope-private.h"
#include "sam-store-private.h"

/* The agencies of a ministry scope: the ministry and everything below it. */
#define SUBTREE \
  "(WITH RECURSIVE sub(id) AS (VALUES (CAST(:scope AS BIGINT)) UNION " \
  "SELECT child.id FROM agency child JOIN sub ON child.parent_id = sub.id) SELECT id FROM sub)"

#define PLANS_OF_STRATEGY \
  "(SELECT sp.id FROM plan sp JOIN measure sm ON sm.id = sp.measure_id " \
  "JOIN focus_area sf ON sf.id = sm.focus_area_id WHERE sf.strategy_id = :scope)"
#define PLANS_OF_FOCUS_AREA \
  "(SELECT sp.id FROM plan sp JOIN measure sm ON sm.id = sp.measure_id WHERE sm.focus_area_id = :scope)"
#define PLANS_OF_MEASURE "(SELECT sp.id FROM plan sp WHERE sp.measure_id = :scope)"

#define ACTIVITY_OF_AGENCY \
  "(a.lead_agency_id = :scope OR a.id IN (SELECT activity_id FROM activity_partner WHERE agency_id = :scope) " \
  "OR " SAM_SECTOR_DUTY_TO ("(:scope)") ")"
#define ACTIVITY_OF_MINISTRY \
  "(a.lead_agency_id IN " SUBTREE " OR a.id IN (SELECT activity_id FROM activity_partner WHERE agency_id IN " SUBTREE ") " \
  "OR " SAM_SECTOR_DUTY_TO (SUBTREE) ")"

#define CLOSED_OF_AGENCIES(agencies) \
  "(a.lead_agency_id IN " agencies " OR a.activity_id IN (SELECT x.activity_id FROM closed_activity_agency x " \
  "WHERE x.closing_id = a.closing_id AND x.agency_id IN " agencies "))"

static const char *closed_sql[] = {
  [SAM_SCOPE_STRATEGY] = "a.focus_area_id IN (SELECT id FROM focus_area WHERE strategy_id = :scope)",
  [SAM_SCOPE_FOCUS_AREA] = "a.focus_area_id = :scope",
  [SAM_SCOPE_MEASURE] = "a.measure_id = :scope",
  [SAM_SCOPE_PLAN] = "a.plan_id = :scope",
  [SAM_SCOPE_AGENCY] = CLOSED_OF_AGENCIES ("(:scope)"),
  [SAM_SCOPE_MINISTRY] = CLOSED_OF_AGENCIES (SUBTREE),
};

static const struct {
  const char *name;
  const char *activity, *measure, *plan, *agency, *seminar;
} scope_sql[] = {
  [SAM_SCOPE_STRATEGY] = {
    "strategy",
    "a.plan_id IN " PLANS_OF_STRATEGY,
    "m.focus_area_id IN (SELECT id FROM focus_area WHERE strategy_id = :scope)",
    "p.id IN " PLANS_OF_STRATEGY,
    "TRUE",
    "s.activity_id IN (SELECT id FROM activity WHERE plan_id IN " PLANS_OF_STRATEGY ")",
  },
  [SAM_SCOPE_FOCUS_AREA] = {
    "focus-area",
    "a.plan_id IN " PLANS_OF_FOCUS_AREA,
    "m.focus_area_id = :scope",
    "p.id IN " PLANS_OF_FOCUS_AREA,
    "TRUE",
    "s.activity_id IN (SELECT id FROM activity WHERE plan_id IN " PLANS_OF_FOCUS_AREA ")",
  },
  [SAM_SCOPE_MEASURE] = {
    "measure",
    "a.plan_id IN " PLANS_OF_MEASURE,
    "m.id = :scope",
    "p.measure_id = :scope",
    "TRUE",
    "s.activity_id IN (SELECT id FROM activity WHERE plan_id IN " PLANS_OF_MEASURE ")",
  },
  [SAM_SCOPE_PLAN] = {
    "plan",
    "a.plan_id = :scope",
    "m.id = (SELECT measure_id FROM plan WHERE id = :scope)",
    "p.id = :scope",
    "TRUE",
    "s.activity_id IN (SELECT id FROM activity WHERE plan_id = :scope)",
  },
  [SAM_SCOPE_AGENCY] = {
    "agency",
    ACTIVITY_OF_AGENCY,
    "TRUE",
    "TRUE",
    "g.id = :scope",
    "(s.organiser_id = :scope OR s.id IN (SELECT seminar_id FROM seminar_partner WHERE agency_id = :scope)"
    " OR s.activity_id IN (SELECT a.id FROM activity a WHERE " ACTIVITY_OF_AGENCY "))",
  },
  [SAM_SCOPE_MINISTRY] = {
    "ministry",
    ACTIVITY_OF_MINISTRY,
    "TRUE",
    "TRUE",
    "g.id IN " SUBTREE,
    "(s.organiser_id IN " SUBTREE " OR s.id IN (SELECT seminar_id FROM seminar_partner WHERE agency_id IN " SUBTREE ")"
    " OR s.activity_id IN (SELECT a.id FROM activity a WHERE " ACTIVITY_OF_MINISTRY "))",
  },
};

/* SQL */

gboolean
sam_scope_is_whole (const SamScope *scope)
{
  return scope == NULL || (scope->kind == SAM_SCOPE_STRATEGY && scope->id == 0);
}

const char *
sam_scope_activity_sql (const SamScope *scope)
{
  return sam_scope_is_whole (scope) ? "TRUE" : scope_sql[scope->kind].activity;
}

const char *
sam_scope_closed_sql (const SamScope *scope)
{
  return sam_scope_is_whole (scope) ? "TRUE" : closed_sql[scope->kind];
}

const char *
sam_scope_measure_sql (const SamScope *scope)
{
  return sam_scope_is_whole (scope) ? "TRUE" : scope_sql[scope->kind].measure;
}

const char *
sam_scope_plan_sql (const SamScope *scope)
{
  return sam_scope_is_whole (scope) ? "TRUE" : scope_sql[scope->kind].plan;
}

const char *
sam_scope_agency_sql (const SamScope *scope)
{
  return sam_scope_is_whole (scope) ? "TRUE" : scope_sql[scope->kind].agency;
}

const char *
sam_scope_seminar_sql (const SamScope *scope)
{
  return sam_scope_is_whole (scope) ? "TRUE" : scope_sql[scope->kind].seminar;
}

/* Binds :scope in @stmt when the statement uses it. */
void
sam_scope_bind (const SamScope *scope,
                SamStmt        *stmt)
{
  int index = sam_stmt_param_index (stmt, ":scope");

  if (index > 0)
    sam_stmt_bind_int (stmt, index, scope ? scope->id : 0);
}

/* Values */

/* Returns a new scope of @kind for the record @id, not yet checked against
 * a store: sam_scope_resolve() fills in its title. */
SamScope *
sam_scope_new (SamScopeKind kind,
               gint64       id)
{
  SamScope *scope = g_new0 (SamScope, 1);

  g_return_val_if_fail (kind <= SAM_SCOPE_MINISTRY, NULL);
  scope->kind = kind;
  scope->id = id;
  return scope;
}

SamScope *
sam_scope_copy (const SamScope *scope)
{
  SamScope *copy;

  g_return_val_if_fail (scope != NULL, NULL);
  copy = g_memdup2 (scope, sizeof *scope);
  copy->title = g_strdup (scope->title);
  copy->short_name = g_strdup (scope->short_name);
  return copy;
}

void
sam_scope_free (SamScope *scope)
{
  if (scope == NULL)
    return;
  g_free (scope->title);
  g_free (scope->short_name);
  g_free (scope);
}

/* Resolving */

static gboolean
not_found (GError    **error,
           SamScope   *scope,
           const char *what)
{
  switch (scope->kind)
    {
    case SAM_SCOPE_FOCUS_AREA:
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND,
                   _("There is no focus area numbered %s. Use the number the strategy gives it."), what);
      break;
    case SAM_SCOPE_MEASURE:
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND,
                   _("There is no measure numbered %s. Use the number the strategy gives it, as in measure:7."), what);
      break;
    case SAM_SCOPE_PLAN:
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND,
                   _("There is no plan with id %s."), what);
      break;
    case SAM_SCOPE_AGENCY:
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND,
                   _("There is no agency called “%s”. Use its short name, as in agency:Bufdir."), what);
      break;
    case SAM_SCOPE_MINISTRY:
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND,
                   _("There is no ministry called “%s”. Use its short name, as in ministry:HOD."), what);
      break;
    case SAM_SCOPE_STRATEGY:
    default:
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND,
                   _("There is no strategy with id %s."), what);
      break;
    }
  return FALSE;
}

/* Runs @sql with ?1 = @text (and ?2 = @number) and collects the ids of the
 * first column; -1 in *n on a database error. */
static GArray *
find_ids (SamStore   *store,
          const char *sql,
          const char *text,
          gint64      number,
          GError    **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(SamStmt) stmt = sam_store_prepare (store, sql, error);
  SamStep step;

  if (stmt == NULL)
    return NULL;
  sam_stmt_bind_text (stmt, 1, text);
  sam_stmt_bind_int (stmt, 2, number);
  while ((step = sam_stmt_step (stmt, error)) == SAM_STEP_ROW)
    {
      gint64 id = sam_stmt_column_int (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (step != SAM_STEP_DONE)
    return NULL;
  return g_steal_pointer (&ids);
}

static gboolean
parse_number (const char *text,
              gint64     *number)
{
  char *end = NULL;

  if (text == NULL || *text == '\0' || !g_ascii_isdigit (*text))
    return FALSE;
  *number = g_ascii_strtoll (text, &end, 10);
  return end != NULL && *end == '\0' && *number > 0;
}

/* Finds the id a spec value names: a number for focus areas and measures,
 * an id for plans and strategies, a short name (or full name, or id) for
 * agencies and ministries. */
static gboolean
lookup_id (SamStore    *store,
           SamScope    *scope,
           const char  *value,
           GError     **error)
{
  static const char *sql[] = {
    [SAM_SCOPE_STRATEGY] = "SELECT id FROM strategy WHERE id = ?2",
    [SAM_SCOPE_FOCUS_AREA] = "SELECT id FROM focus_area WHERE number = ?2 ORDER BY id",
    [SAM_SCOPE_MEASURE] = "SELECT id FROM measure WHERE number = ?2 ORDER BY id",
    [SAM_SCOPE_PLAN] = "SELECT id FROM plan WHERE id = ?2",
  };
  /* Names compare in the dialect's case-insensitive collation. */
  const char *nocase = sam_store_sql (store, SAM_SQL_NOCASE);
  g_autoptr(GArray) ids = NULL;
  g_autofree char *query = NULL;
  gint64 number = 0;
  gboolean by_name = scope->kind == SAM_SCOPE_AGENCY || scope->kind == SAM_SCOPE_MINISTRY;

  if (!parse_number (value, &number) && !by_name)
    return not_found (error, scope, value);
  if (scope->kind == SAM_SCOPE_AGENCY)
    query = g_strdup_printf ("SELECT id FROM agency WHERE short_name = ?1 %1$s "
                             "UNION ALL SELECT id FROM agency WHERE name = ?1 %1$s "
                             "AND short_name IS DISTINCT FROM ?1 %1$s "
                             "UNION ALL SELECT id FROM agency WHERE id = ?2", nocase);
  else if (scope->kind == SAM_SCOPE_MINISTRY)
    query = g_strdup_printf ("SELECT id FROM agency WHERE kind = 'ministry' AND "
                             "(short_name = ?1 %1$s OR name = ?1 %1$s OR id = ?2)", nocase);
  else
    query = g_strdup (sql[scope->kind]);
  if (!(ids = find_ids (store, query, value, number, error)))
    return FALSE;
  if (ids->len == 0)
    return not_found (error, scope, value);
  if (ids->len > 1 && scope->kind == SAM_SCOPE_MEASURE)
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                   _("Several focus areas have a measure numbered %s. Choose the focus area instead, or renumber the measures."),
                   value);
      return FALSE;
    }
  scope->id = g_array_index (ids, gint64, 0);
  return TRUE;
}

static gboolean
read_title (SamStore  *store,
            SamScope  *scope,
            GError   **error)
{
  static const char *sql[] = {
    [SAM_SCOPE_STRATEGY] = "SELECT title, NULL, 0, NULL FROM strategy WHERE id = :id",
    [SAM_SCOPE_FOCUS_AREA] = "SELECT title, NULL, number, NULL FROM focus_area WHERE id = :id",
    [SAM_SCOPE_MEASURE] = "SELECT " SAM_TITLE ("m") ", NULL, m.number, NULL FROM measure m WHERE m.id = :id",
    [SAM_SCOPE_PLAN] = "SELECT title, NULL, 0, NULL FROM plan WHERE id = :id",
    [SAM_SCOPE_AGENCY] = "SELECT " SAM_NAME ("g") ", g.short_name, 0, g.kind FROM agency g WHERE g.id = :id",
    [SAM_SCOPE_MINISTRY] = "SELECT " SAM_NAME ("g") ", g.short_name, 0, g.kind FROM agency g WHERE g.id = :id",
  };
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, scope->id);
  g_autoptr(SamStmt) stmt = sam_store_prepare (store, sql[scope->kind], error);
  gboolean found = FALSE, ministry = FALSE;
  SamStep step;

  if (stmt == NULL)
    return FALSE;
  sam_query_bind_int (stmt, ":id", scope->id);
  sam_query_bind_int (stmt, ":english", sam_store_get_english_names (store));
  if ((step = sam_stmt_step (stmt, error)) == SAM_STEP_ROW)
    {
      found = TRUE;
      g_free (scope->title);
      g_free (scope->short_name);
      scope->title = g_strdup (sam_stmt_column_text (stmt, 0));
      scope->short_name = g_strdup (sam_stmt_column_text (stmt, 1));
      scope->number = sam_stmt_column_int (stmt, 2);
      ministry = g_strcmp0 (sam_stmt_column_text (stmt, 3), "ministry") == 0;
    }
  else if (step == SAM_STEP_ERROR)
    return FALSE;
  if (!found || (scope->kind == SAM_SCOPE_MINISTRY && !ministry))
    return not_found (error, scope, id_text);
  return TRUE;
}

/* Checks that the record @scope names exists in @store and fills in its
 * title, number and short name. A ministry scope must name an agency of
 * kind ministry. Returns FALSE with SAM_STORE_ERROR_NOT_FOUND otherwise. */
gboolean
sam_scope_resolve (SamScope  *scope,
                   SamStore  *store,
                   GError   **error)
{
  g_return_val_if_fail (scope != NULL, FALSE);
  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);

  if (sam_scope_is_whole (scope))
    return TRUE;
  return read_title (store, scope, error);
}

/* Parses a scope as the command line writes it: "strategy" (or "all", or
 * nothing), "strategy:ID", "focus-area:NUMBER", "measure:NUMBER",
 * "plan:ID", "agency:SHORT-NAME" and "ministry:SHORT-NAME"; agencies are
 * also found by full name or id. Returns a resolved scope, or NULL with
 * SAM_STORE_ERROR_INVALID (a spec that is not a scope) or
 * SAM_STORE_ERROR_NOT_FOUND (no such record). */
SamScope *
sam_scope_parse (SamStore    *store,
                 const char  *spec,
                 GError     **error)
{
  g_autoptr(SamScope) scope = NULL;
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);

  if (spec == NULL || *spec == '\0' || g_str_equal (spec, "strategy") || g_str_equal (spec, "all"))
    return sam_scope_new (SAM_SCOPE_STRATEGY, 0);

  parts = g_strsplit (spec, ":", 2);
  for (SamScopeKind k = SAM_SCOPE_STRATEGY; k <= SAM_SCOPE_MINISTRY && parts[1]; k++)
    if (g_ascii_strcasecmp (parts[0], scope_sql[k].name) == 0
        || (k == SAM_SCOPE_FOCUS_AREA && g_ascii_strcasecmp (parts[0], "focus_area") == 0))
      scope = sam_scope_new (k, 0);

  if (scope == NULL || parts[1] == NULL || *g_strstrip (parts[1]) == '\0')
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                   _("“%s” is not a scope. Write strategy, focus-area:NUMBER, measure:NUMBER, plan:ID, agency:SHORT-NAME or ministry:SHORT-NAME."),
                   spec);
      return NULL;
    }
  if (!lookup_id (store, scope, parts[1], error) || !sam_scope_resolve (scope, store, error))
    return NULL;
  return g_steal_pointer (&scope);
}
