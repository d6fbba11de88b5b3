/* sam-changes.h: what changed since the previous reporting period.
 *
 * The activities of a scope compared as at a period and as at the period
 * before it (sam-figures.h), and the activities created and removed
 * between the two days they are judged at (the history of sam-history.h):
 *
 *   newly done           done as at the period, not as at the one before
 *   newly delayed or cancelled  delayed (or cancelled) as at the period,
 *                        and not so as at the one before
 *   progress up, down    the progress differs (a missing one counts as 0,
 *                        as in the average), by so many percentage points
 *   due date moved       the due date as it was then differs
 *   lead changed         the lead agency as it was then differs
 *   stopped reporting    reported in the period before, and expected to
 *                        report in this one (sam_facts_expects_report()) but
 *                        not reported in it
 *   new                  created after the day the period before is judged
 *                        at, up to the day this one is
 *   removed              removed in that time
 *
 * An activity new in the period is listed as new only. The period before
 * is taken as it was frozen when it is closed, and the changes of a closed
 * period are those it froze (sam-closing.h). The first period has none.
 */
#pragma once

#include "store/sam-facts-snapshot.h"
#include "store/sam-figures.h"

G_BEGIN_DECLS

typedef enum {
  SAM_CHANGE_NEWLY_DONE,
  SAM_CHANGE_NEWLY_DELAYED,
  SAM_CHANGE_PROGRESS_UP,
  SAM_CHANGE_PROGRESS_DOWN,
  SAM_CHANGE_DUE_MOVED,
  SAM_CHANGE_LEAD_CHANGED,
  SAM_CHANGE_STOPPED_REPORTING,
  SAM_CHANGE_NEW,
  SAM_CHANGE_REMOVED,
  SAM_N_CHANGE_KINDS
} SamChangeKind;

/* One change of one activity. Strings are owned by the SamChanges. */
typedef struct
{
  SamChangeKind  kind;
  gint64         activity_id;
  gint64         measure_id;      /* 0: not known (its plan is gone) */
  gint64         measure_number;
  gint64         plan_id;
  gint64         lead_id;         /* as at the period; 0: none */
  const char    *title;
  const char    *lead;            /* that agency's name, or NULL */
  const char    *before;          /* as at the period before: a status nick, a
                                   * progress, a date or an agency's name; or NULL */
  const char    *after;           /* as at the period */
  gint64         points;          /* progress: after minus before */
} SamChange;

typedef struct _SamChanges SamChanges;

SamChanges      *sam_changes_read         (SamStore          *store,
                                           const SamScope    *scope,
                                           const SamPeriod   *period,
                                           const char        *today,
                                           GError           **error);
SamChanges      *sam_changes_read_in      (SamFactsSnapshot  *now,
                                           SamFactsSnapshot  *then,
                                           SamStore          *store,
                                           const SamScope    *scope,
                                           const SamPeriod   *period,
                                           const char        *today,
                                           GError           **error);
SamChanges      *sam_changes_read_live    (SamStore          *store,
                                           const SamScope    *scope,
                                           const SamPeriod   *period,
                                           const char        *today,
                                           GError           **error);
const SamPeriod *sam_changes_get_previous (const SamChanges  *changes);
guint            sam_changes_get_n        (const SamChanges  *changes);
const SamChange *sam_changes_get          (const SamChanges  *changes,
                                           guint              index);
guint            sam_changes_count        (const SamChanges  *changes,
                                           SamChangeKind      kind);
void             sam_changes_free         (SamChanges        *changes);
const char      *sam_change_kind_nick     (SamChangeKind      kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamChanges, sam_changes_free)

G_END_DECLS
