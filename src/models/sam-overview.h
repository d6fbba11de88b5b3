/* sam-overview.h: per measure, activities by status, average progress,
 * overdue and not reported, as the Overview shows them (the rules are the
 * store's, in sam-figures.h). */
#pragma once

#include <gio/gio.h>

#include "store/sam-figures.h"

G_BEGIN_DECLS

#define SAM_TYPE_SUMMARY (sam_summary_get_type ())
G_DECLARE_FINAL_TYPE (SamSummary, sam_summary, SAM, SUMMARY, GObject)

gint64      sam_summary_get_measure_id (SamSummary *self);
guint       sam_summary_get_count      (SamSummary *self,
                                        const char *status);
guint       sam_summary_get_total      (SamSummary *self);
guint       sam_summary_get_overdue    (SamSummary *self);
guint       sam_summary_get_not_reported (SamSummary *self);
double      sam_summary_get_progress   (SamSummary *self);

GListModel *sam_overview_new           (SamStore         *store,
                                        const SamPeriod  *period,
                                        const char       *as_at,
                                        GError          **error);

G_END_DECLS
