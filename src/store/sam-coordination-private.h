/* sam-coordination-private.h: SQL shared by the coordination module. */
#pragma once

#include "sam-coordination.h"
#include "sam-query-private.h"

G_BEGIN_DECLS

/* True for activity a unless it is cancelled; a missing status is planned. */
#define SAM_LIVE_ACTIVITY "coalesce(a.status, 'planned') <> 'cancelled'"

/* Activity a's message without white space at either end ('' for none). */
#define SAM_TRIMMED_MESSAGE "trim(coalesce(a.message, ''), char(32, 9, 10, 13))"

G_END_DECLS
