/* sam-scope-private.h: a scope as SQL, for the store layer only.
 *
 * Each function returns a constant SQL condition for one table alias that
 * is true for the rows inside @scope (NULL: the whole strategy). The
 * conditions may use the named parameter :scope; bind it with
 * sam_scope_bind() after preparing the statement.
 */
#pragma once

#include <sqlite3.h>

#include "sam-scope.h"

G_BEGIN_DECLS

/* Alias a: activity. */
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

void        sam_scope_bind          (const SamScope *scope,
                                     sqlite3_stmt   *stmt);

G_END_DECLS
