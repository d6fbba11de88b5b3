/* sam-overview.h: per measure, activities by status, average progress and
 * overdue activities, from one SQL aggregate. */
#pragma once

#include <gio/gio.h>

#include "store/sam-store.h"

G_BEGIN_DECLS

#define SAM_TYPE_SUMMARY (sam_summary_get_type ())
G_DECLARE_FINAL_TYPE (SamSummary, sam_summary, SAM, SUMMARY, GObject)

gint64      sam_summary_get_measure_id (SamSummary *self);
guint       sam_summary_get_count      (SamSummary *self,
                                        const char *status);
guint       sam_summary_get_total      (SamSummary *self);
guint       sam_summary_get_overdue    (SamSummary *self);
double      sam_summary_get_progress   (SamSummary *self);

GListModel *sam_overview_new           (SamStore   *store,
                                        const char *today,
                                        GError    **error);
gint64      sam_overview_count_unreported (SamStore *store,
                                        gint64      period_id);
GHashTable *sam_overview_unreported_by_lead (SamStore *store,
                                        gint64      period_id);
GHashTable *sam_overview_reported_led_by (SamStore  *store,
                                        gint64      period_id,
                                        gint64      lead_id);

G_END_DECLS
