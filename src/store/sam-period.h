/* sam-period.h: reporting periods, and which one is current.
 *
 * A reporting period is known by its code ("2026-T2"). A database may hold
 * several reporting_period rows with one code (one per plan); together
 * they are one period, from the earliest start to the latest end. Every
 * view, the report and the command line find periods here, so that "the
 * current period" means one thing everywhere.
 */
#pragma once

#include "store/sam-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;            /* the first reporting_period row with the code */
  char   *code;
  char   *start_date;    /* YYYY-MM-DD, the earliest start; NULL when none is given */
  char   *end_date;      /* the latest end; NULL when none is given */
} SamPeriod;

SamPeriod  *sam_period_copy       (const SamPeriod *period);
void        sam_period_free       (SamPeriod       *period);
char       *sam_period_describe   (const SamPeriod *period);
char       *sam_period_describe_in (const SamPeriod *period,
                                   const char      *language);

GPtrArray  *sam_period_list       (SamStore        *store,
                                   GError         **error);
SamPeriod  *sam_period_find       (SamStore        *store,
                                   const char      *code,
                                   GError         **error);
SamPeriod  *sam_period_before     (SamStore        *store,
                                   const SamPeriod *period,
                                   GError         **error);
SamPeriod  *sam_period_current    (SamStore        *store,
                                   const char      *today,
                                   GError         **error);
char       *sam_period_list_codes (SamStore        *store);

char       *sam_today             (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamPeriod, sam_period_free)

G_END_DECLS
