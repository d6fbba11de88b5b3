/* sam-scope-private.h: a scope as SQL, for the store layer only.
 *
 * Each function returns a constant SQL condition for one table alias that
 * is true for the rows inside @scope (NULL: the whole strategy). The
 * conditions may use the named parameter :scope; bind it with
 * sam_scope_bind() after preparing the statement.
 */
#pragma once

#include "sam-db-private.h"
#include "sam-scope.h"

G_BEGIN_DECLS

/* Sector responsibility ("sektoransvar"), the one rule behind
 * sam-accountability.h: an activity a that names no lead agency answers to
 * the ministry responsible for each of its sectors (x: its activity_sector
 * rows, s: their sectors, s.ministry_id the ministry). */
#define SAM_SECTOR_DUTY_WHERE "a.lead_agency_id IS NULL"
#define SAM_SECTOR_DUTY_JOIN \
  "activity_sector x ON x.activity_id = a.id CROSS JOIN sector s ON s.id = x.sector_id"
/* True when activity a answers by sector responsibility to one of
 * @ministries, an SQL list or subquery of agency ids. */
#define SAM_SECTOR_DUTY_TO(ministries) \
  "(" SAM_SECTOR_DUTY_WHERE " AND a.id IN (SELECT x.activity_id FROM activity_sector x " \
  "JOIN sector s ON s.id = x.sector_id WHERE s.ministry_id IN " ministries "))"

/* Alias a: activity. Agency and ministry scopes hold the activities their
 * agencies lead or take part in, and those they answer for by sector
 * responsibility. */
const char *sam_scope_activity_sql  (const SamScope *scope);
/* Alias m: measure. Agency and ministry scopes keep every measure, so that
 * a measure where they have nothing shows as an empty column, not as absent. */
const char *sam_scope_measure_sql   (const SamScope *scope);
/* Alias p: plan; as for measures. */
const char *sam_scope_plan_sql      (const SamScope *scope);
/* Alias g: agency. Only agency and ministry scopes narrow the agencies. */
const char *sam_scope_agency_sql    (const SamScope *scope);
/* Alias s: seminar. Seminars of the activities in scope; for agency and
 * ministry scopes also those the agencies organise or are partners in; the
 * whole strategy has every seminar, also those tied to no activity. */
const char *sam_scope_seminar_sql   (const SamScope *scope);

/* Alias a: a row frozen by a closing (closed_activity, closed_change, with
 * closing_id, activity_id, focus_area_id, measure_id, plan_id,
 * lead_agency_id), by where it was when the period was closed; agencies
 * and ministries by who led it, took part or answered for it then (the
 * agencies below a ministry are today's). */
const char *sam_scope_closed_sql    (const SamScope *scope);

void        sam_scope_bind          (const SamScope *scope,
                                     SamStmt        *stmt);

G_END_DECLS
