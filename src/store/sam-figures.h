/* sam-figures.h: the rules every figure follows, each written once.
 *
 * Which activities are live, overdue, running in a period, reported in it
 * and expected to report, how average progress is taken, and what an
 * activity's status, progress and comment were as at a period. The
 * Overview, the Follow-up, the filters of the Plans view, the checks, the
 * report and the command line all count with these; none has a rule of
 * its own. README's "How Samordna counts" lists them in a table.
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
 *   not reported  expected in P and not reported in it
 *   progress      the average over live activities, a missing progress as 0
 *   light         red: an activity is delayed or overdue; else amber: one
 *                 did not report in the period; else green; none without
 *                 live activities (sam_tally_light())
 *
 * As at a period P (sam_figures_foreach() with a period):
 *
 *   period order  periods come by their start (one without a start first),
 *                 then by code, as sam_period_list() lists them; a period's
 *                 start is the earliest of its rows'
 *   updates in order  by their period, then the time they were reported
 *                 (none first), then id: the order of the report's Status
 *                 history. An update is "in or before P" when its period
 *                 comes no later than P
 *   judged at     the end of P, or today while P has not ended: overdue is
 *                 judged then, and an activity's own fields are taken as
 *                 they were at the end of that day
 *   own fields as they were  an activity's own status, progress, due date
 *                 and lead on the day P is judged: from the history the
 *                 store keeps (sam-history.h), the value before their first
 *                 change after that day; today's when none is noted
 *   status, progress, comment  those of the latest update in or before P;
 *                 but where the activity's own status or progress was
 *                 changed (in the editor) on a later day than that update
 *                 stands from (the end of its period, or the day it was
 *                 reported for a period without an end), and no later than
 *                 the day P is judged, its own as they were stand instead,
 *                 with the update's comment. An activity with no update in
 *                 or before P has its own as they were, and no comment
 *   due date, lead  the activity's due date and lead agency as they were
 *                 when P is judged, the same way; its start date and its
 *                 plan's dates are today's
 *   progress change  the as-at progress minus that of the update before it
 *                 in that order (also in or before P), when both give one
 *   status history of P  the updates in or before P, in that order
 *   change since the period before  the average progress as at P minus
 *                 that as at the period before P (sam_period_before()), of
 *                 the same activities (the report's Summary)
 *
 * Without a period the facts are the activity's own fields as they are,
 * overdue is judged today and nothing is reported.
 *
 * A closed period (sam-closing.h) has its facts frozen: sam_figures_foreach()
 * gives them as they were when it was closed.
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
  /* As at a period, from sam_figures_foreach(): */
  const char *comment;       /* of the update the status comes from, or NULL */
  const char *update_period; /* that update's period code; NULL: none, own fields */
  gint64      update_id;     /* that update; 0: none */
  gboolean    has_change;    /* the update before it gave a progress, as did it */
  gint64      progress_change; /* then: its progress minus that one's */
  /* Frozen with a closed period: what the rules found then stands. */
  gboolean    frozen;
  gboolean    was_overdue;
  gboolean    was_running;
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
  gint64            lead_id;     /* 0: none; as at the period */
  const char       *title;
  SamActivityFacts  facts;
} SamActivityFactsRow;

typedef gboolean (*SamFactsFunc) (const SamActivityFactsRow *row,
                                  gpointer                   user_data,
                                  GError                   **error);
typedef gboolean (*SamPeriodFactsFunc) (const SamActivityFactsRow *row,
                                        guint                      period_index,
                                        gpointer                   user_data,
                                        GError                   **error);

SamStatus   sam_facts_status          (const SamActivityFacts *facts);
gboolean    sam_facts_is_live         (const SamActivityFacts *facts);
gboolean    sam_facts_is_overdue      (const SamActivityFacts *facts,
                                       const char             *as_at);
gboolean    sam_facts_runs_in         (const SamActivityFacts *facts,
                                       const SamPeriod        *period);
gboolean    sam_facts_expects_report  (const SamActivityFacts *facts,
                                       const SamPeriod        *period);
gboolean    sam_facts_is_unreported   (const SamActivityFacts *facts,
                                       const SamPeriod        *period);
const char *sam_figures_judged_on     (const SamPeriod        *period,
                                       const char             *today);

void        sam_tally_add             (SamTally               *tally,
                                       const SamActivityFacts *facts,
                                       const SamPeriod        *period,
                                       const char             *as_at);
double      sam_tally_progress        (const SamTally         *tally);
SamLight    sam_tally_light           (const SamTally         *tally);

gboolean    sam_figures_foreach       (SamStore               *store,
                                       const SamScope         *scope,
                                       const SamPeriod        *period,
                                       const char             *today,
                                       SamFactsFunc            func,
                                       gpointer                user_data,
                                       GError                **error);
gboolean    sam_figures_foreach_live  (SamStore               *store,
                                       const SamScope         *scope,
                                       const SamPeriod        *period,
                                       const char             *today,
                                       SamFactsFunc            func,
                                       gpointer                user_data,
                                       GError                **error);
gboolean    sam_figures_foreach_periods (SamStore             *store,
                                       const SamScope         *scope,
                                       GPtrArray              *periods,
                                       const char             *today,
                                       GHashTable             *only,
                                       SamPeriodFactsFunc      func,
                                       gpointer                user_data,
                                       GError                **error);
GPtrArray  *sam_figures_by_measure    (SamStore               *store,
                                       const SamScope         *scope,
                                       const SamPeriod        *period,
                                       const char             *today,
                                       GError                **error);
GHashTable *sam_figures_unreported    (SamStore               *store,
                                       const SamPeriod        *period,
                                       const char             *today,
                                       GError                **error);
gboolean    sam_figures_would_be_latest (SamStore             *store,
                                       gint64                  activity_id,
                                       gint64                  period_id,
                                       const char             *reported_at,
                                       gboolean               *latest,
                                       GError                **error);
void        sam_measure_figures_free  (SamMeasureFigures      *figures);

G_END_DECLS
