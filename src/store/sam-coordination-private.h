/* sam-coordination-private.h: SQL shared by the coordination module. */
#pragma once

#include "sam-coordination.h"
#include "sam-query-private.h"

G_BEGIN_DECLS

/* True for activity a unless it is cancelled; a missing status is planned. */
#define SAM_LIVE_ACTIVITY "coalesce(a.status, 'planned') <> 'cancelled'"

/* The activity table walked in the order it is stored, for a query over
 * the whole strategy that looks up each activity's links. SQLite would
 * rather read the smaller covering index activity_overview, which lists
 * the activities by plan, so that every lookup in a link table after it
 * jumps about the file: two to four times slower at 100,000 activities.
 * A query narrowed to a scope keeps the indexes. */
#define SAM_ACTIVITIES_IN_STORED_ORDER "activity a NOT INDEXED"

/* Activity a's message without white space at either end ('' for none).
 * The characters are in the literal itself: SQLite's char() takes several
 * codes, PostgreSQL's chr() one. */
#define SAM_TRIMMED_MESSAGE "trim(coalesce(a.message, ''), ' \t\n\r')"

G_END_DECLS
