/* sam-figures.h: the rules every figure follows, each written once.
 *
 * Which activities are live, overdue, running in a period, reported in it
 * and expected to report, and how average progress is taken. The Overview,
 * the Follow-up, the filters of the Plans view, the checks, the report and
 * the command line all count with these; none has a rule of its own.
 * README's "How Samordna counts" lists them in a table.
 *
 *   status        missing or unknown reads as "planned"
 *   live          not cancelled
 *   overdue       live, not done, and due before the date it is judged at
 *                 (the activity's own due date; one without is never overdue)
 *   running in P  starts on or before P's end and is due on or after P's
 *                 start; an activity without its own start or due date takes
 *                 its plan's, and one without either is open on that side
 *   reported in P has a status update of a period with P's code
 *   expected in P live, not done, and running in P
 *   not reported  expected in P and not reported in P
 *   progress      the average over live activities, a missing progress as 0
 *   light         red: an activity is delayed or overdue; else amber: one
 *                 did not report in the period; else green; none without
 *                 live activities (sam_tally_light())
 *   progress as at P  each activity's status and progress of its latest
 *                 status update in or before P (by the periods' starts);
 *                 one without any counts as planned at 0 %
 *                 (sam_figures_progress_as_at())
 */
#pragma once

#include "store/sam-period.h"
#include "store/sam-scope.h"

G_BEGIN_DECLS

/* The statuses of sam_status_values, in that order. */
#define SAM_N_STATUSES 5

typedef enum {
  SAM_STATUS_PLANNED,
  SAM_STATUS_IN_PROGRESS,
  SAM_STATUS_DONE,
  SAM_STATUS_DELAYED,
  SAM_STATUS_CANCELLED,
} SamStatus;

/* What the rules look at of one activity. Strings are borrowed. */
typedef struct
{
  const char *status;        /* a sam_status_values nick; NULL or unknown: planned */
  gint64      progress;      /* 0–100; -1: not given */
  const char *start_date;    /* the activity's own, YYYY-MM-DD, or NULL */
  const char *due_date;
  const char *plan_start;    /* its plan's, or NULL */
  const char *plan_end;
  gboolean    reported;      /* has a status update in the period asked about */
} SamActivityFacts;

/* The figures of a set of activities, as every view shows them. */
typedef struct
{
  guint   by_status[SAM_N_STATUSES];
  guint   total;
  guint   live;
  gint64  progress_sum;      /* over live activities, a missing progress as 0 */
  guint   overdue;
  guint   expected;          /* expected to report in the period */
  guint   not_reported;      /* of those, not reported in it */
} SamTally;

/* A measure's light on the Summary: see the table above. */
typedef enum {
  SAM_LIGHT_NONE,
  SAM_LIGHT_GREEN,
  SAM_LIGHT_AMBER,
  SAM_LIGHT_RED,
} SamLight;

/* The figures of one measure. */
typedef struct
{
  gint64    measure_id;
  gint64    number;
  char     *title;
  SamTally  tally;
} SamMeasureFigures;

/* One activity's facts with who leads it, for lists built from the rules. */
typedef struct
{
  gint64            id;
  gint64            measure_id;
  gint64            plan_id;
  gint64            lead_id;     /* 0: none */
  SamActivityFacts  facts;
} SamActivityFactsRow;

typedef gboolean (*SamFactsFunc) (const SamActivityFactsRow *row,
                                  gpointer                   user_data,
                                  GError                   **error);

SamStatus  sam_facts_status          (const SamActivityFacts *facts);
gboolean   sam_facts_is_live         (const SamActivityFacts *facts);
gboolean   sam_facts_is_overdue      (const SamActivityFacts *facts,
                                      const char             *as_at);
gboolean   sam_facts_runs_in         (const SamActivityFacts *facts,
                                      const SamPeriod        *period);
gboolean   sam_facts_expects_report  (const SamActivityFacts *facts,
                                      const SamPeriod        *period);
gboolean   sam_facts_is_unreported   (const SamActivityFacts *facts,
                                      const SamPeriod        *period);

void       sam_tally_add             (SamTally               *tally,
                                      const SamActivityFacts *facts,
                                      const SamPeriod        *period,
                                      const char             *as_at);
double     sam_tally_progress        (const SamTally         *tally);
SamLight   sam_tally_light           (const SamTally         *tally);

gboolean   sam_figures_foreach       (SamStore               *store,
                                      const SamScope         *scope,
                                      const SamPeriod        *period,
                                      SamFactsFunc            func,
                                      gpointer                user_data,
                                      GError                **error);
GPtrArray *sam_figures_by_measure    (SamStore               *store,
                                      const SamScope         *scope,
                                      const SamPeriod        *period,
                                      const char             *as_at,
                                      GError                **error);
GPtrArray *sam_figures_progress_as_at (SamStore              *store,
                                      const SamScope         *scope,
                                      const SamPeriod        *period,
                                      GError                **error);
SamPeriod *sam_figures_previous_period (SamStore             *store,
                                      const SamPeriod        *period,
                                      GError                **error);
void       sam_measure_figures_free  (SamMeasureFigures      *figures);

G_END_DECLS
