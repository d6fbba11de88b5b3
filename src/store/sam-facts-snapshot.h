/* sam-facts-snapshot.h: the facts of every activity as at one period, read
 * once and kept, for the several readers of one report.
 *
 * A report asks for the facts as at its period (sam-figures.h) for its
 * Summary, the changes since the period before, the Activities sheet, the
 * Obligations and the Follow-up, and as at the period before for the first
 * two. Each pass over the activities, their status updates and their field
 * history costs as much as the next, so a report reads each period's once
 * into a SamFactsSnapshot and replays it to every reader; both periods in
 * one pass where neither is closed (sam_facts_share_get_both()).
 *
 * A snapshot keeps, per activity, what the rules found (ids, lead, status,
 * progress, due date, the update they come from, reported, overdue and
 * running in the period, the change in progress): 64 bytes an activity.
 * It keeps no title and no comment: a replayed row has neither (its
 * reader finds them by id or by update id), and its facts are frozen
 * (SamActivityFacts.frozen) with the overdue and running the rules found,
 * as at the snapshot's period and day only.
 *
 * A SamFactsShare hands the snapshots of one report to its threads: the
 * first that asks for a period reads it on its connection, the others wait
 * for it. Every connection must read the same data (one snapshot of the
 * database, sam_report_data_begin()). Snapshots are immutable and
 * ref-counted; a share is thread-safe.
 */
#pragma once

#include "store/sam-figures.h"

G_BEGIN_DECLS

typedef struct _SamFactsSnapshot SamFactsSnapshot;
typedef struct _SamFactsShare    SamFactsShare;

SamFactsSnapshot *sam_facts_snapshot_read    (SamStore               *store,
                                              const SamScope         *scope,
                                              const SamPeriod        *period,
                                              const char             *today,
                                              GError                **error);
SamFactsSnapshot *sam_facts_snapshot_read_live (SamStore           *store,
                                              const SamScope         *scope,
                                              const SamPeriod        *period,
                                              const char             *today,
                                              GError                **error);
SamFactsSnapshot *sam_facts_snapshot_ref     (SamFactsSnapshot       *snapshot);
void              sam_facts_snapshot_unref   (SamFactsSnapshot       *snapshot);
guint             sam_facts_snapshot_get_n   (const SamFactsSnapshot *snapshot);
gboolean          sam_facts_snapshot_holds   (const SamFactsSnapshot *snapshot,
                                              const SamPeriod        *period);
gboolean          sam_facts_snapshot_foreach (const SamFactsSnapshot *snapshot,
                                              SamFactsFunc            func,
                                              gpointer                user_data,
                                              GError                **error);
gboolean          sam_facts_snapshot_lookup  (const SamFactsSnapshot *snapshot,
                                              gint64                  id,
                                              SamActivityFactsRow    *row);

gboolean          sam_figures_foreach_in     (SamFactsSnapshot       *snapshot,
                                              SamStore               *store,
                                              const SamScope         *scope,
                                              const SamPeriod        *period,
                                              const char             *today,
                                              SamFactsFunc            func,
                                              gpointer                user_data,
                                              GError                **error);

gboolean          sam_figures_foreach_live_in (SamFactsSnapshot      *snapshot,
                                              SamStore               *store,
                                              const SamScope         *scope,
                                              const SamPeriod        *period,
                                              const char             *today,
                                              SamFactsFunc            func,
                                              gpointer                user_data,
                                              GError                **error);
GPtrArray        *sam_figures_by_measure_in  (SamFactsSnapshot       *snapshot,
                                              SamStore               *store,
                                              const SamScope         *scope,
                                              const SamPeriod        *period,
                                              const char             *today,
                                              GError                **error);

SamFactsShare    *sam_facts_share_new        (const SamScope         *scope,
                                              const char             *today);
void              sam_facts_share_free       (SamFactsShare          *share);
SamFactsSnapshot *sam_facts_share_get        (SamFactsShare          *share,
                                              SamStore               *store,
                                              const SamPeriod        *period,
                                              GError                **error);
gboolean          sam_facts_share_get_both   (SamFactsShare          *share,
                                              SamStore               *store,
                                              const SamPeriod        *period,
                                              const SamPeriod        *previous,
                                              SamFactsSnapshot      **now,
                                              SamFactsSnapshot      **then,
                                              GError                **error);
void              sam_facts_share_drop       (SamFactsShare          *share,
                                              const SamPeriod        *period);
guint             sam_facts_share_get_n_reads (SamFactsShare         *share);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamFactsSnapshot, sam_facts_snapshot_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamFactsShare, sam_facts_share_free)

G_END_DECLS
