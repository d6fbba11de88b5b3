/* sam-activity-data.h: the activities as the Plans view's table lists them.
 *
 * Every activity with its links and its latest status update, read in a
 * handful of queries however large the plan (one per table, never one per
 * row), and the names the rows show, read once for all of them. Plain
 * data: the models wrap it for the views.
 */
#pragma once

#include "store/sam-figures.h"

G_BEGIN_DECLS

typedef struct
{
  gint64   id;
  gint64   plan_id;
  gint64   measure_id;
  gint64   lead_id;          /* 0: none */
  char    *title;
  char    *description;
  char    *start_date;       /* YYYY-MM-DD or NULL */
  char    *due_date;
  char    *status;           /* a nick, or NULL */
  gint64   progress;         /* -1: not given */
  GArray  *partners;         /* gint64 agency ids in their order, or NULL */
  GArray  *sectors;
  GArray  *groups;
  GArray  *reported;         /* gint64 reporting_period ids it has updates for, or NULL */
  gint64   latest_period;    /* of its latest status update; 0: none */
  char    *latest_comment;
} SamActivityData;

/* The names the rows show, and what the rules need of plans and periods. */
typedef struct
{
  GHashTable *agencies;      /* id → short name, or name */
  GHashTable *sectors;       /* id → name */
  GHashTable *groups;        /* id → name */
  GHashTable *periods;       /* reporting_period id → code */
  GHashTable *plan_starts;   /* plan id → start date */
  GHashTable *plan_ends;     /* plan id → end date */
} SamActivityNames;

void              sam_activity_data_free   (SamActivityData         *data);
GPtrArray        *sam_activity_data_read   (SamStore                *store,
                                            gint64                   id,
                                            GError                 **error);
GPtrArray        *sam_activity_data_read_first (SamStore            *store,
                                            guint                    n,
                                            GError                 **error);
SamActivityNames *sam_activity_names_read  (SamStore                *store,
                                            GError                 **error);
void              sam_activity_names_free  (SamActivityNames        *names);
void              sam_activity_data_facts  (const SamActivityData   *data,
                                            const SamActivityNames  *names,
                                            const SamPeriod         *period,
                                            SamActivityFacts        *facts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamActivityData, sam_activity_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamActivityNames, sam_activity_names_free)

G_END_DECLS
