/* sam-closing.h: closing a reporting period when its report is sent.
 *
 * Closing a period freezes what its report showed: each activity as at the
 * period (its status, progress, comment, dates, lead and every text the
 * Activities sheet shows, with what the rules found: overdue, running,
 * reported), the measures, the status history up to the period and the
 * changes since the period before, and the rows of the report's other
 * lists (knowledge gaps, goals, obligations, the Follow-up's activities not
 * reported and with no lead; see sam-report-data-private.h), stored in the
 * database as data. From then on the figures of the period (the Overview,
 * the Follow-up, the report's Summary, Activities, Status history, Changes,
 * Obligations, Knowledge and goals and Follow-up sheets) are
 * read as they were frozen, however the plan changes later; the window can
 * tell how many activities differ today (sam_closing_count_changed()).
 *
 * Closing and reopening are each one step of the store's undo, and each is
 * recorded with who did it and when (a SAM_KIND_PERIOD_CLOSING record);
 * closing again after reopening freezes anew and keeps the earlier record.
 */
#pragma once

#include "store/sam-period.h"

G_BEGIN_DECLS

SamRecord  *sam_closing_get            (SamStore         *store,
                                        const char       *period,
                                        GError          **error);
gboolean    sam_closing_find           (SamStore         *store,
                                        const char       *period,
                                        gint64           *closing,
                                        GError          **error);
GPtrArray  *sam_closing_list           (SamStore         *store,
                                        const char       *period,
                                        GError          **error);
gboolean    sam_period_close           (SamStore         *store,
                                        const SamPeriod  *period,
                                        const char       *who,
                                        const char       *today,
                                        GError          **error);
void        sam_period_close_async     (SamStore            *store,
                                        const SamPeriod     *period,
                                        const char          *who,
                                        const char          *today,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean    sam_period_close_finish    (SamStore         *store,
                                        GAsyncResult     *result,
                                        GError          **error);
gboolean    sam_period_reopen          (SamStore         *store,
                                        const SamPeriod  *period,
                                        const char       *who,
                                        GError          **error);
gboolean    sam_closing_count_changed  (SamStore         *store,
                                        const SamPeriod  *period,
                                        const char       *today,
                                        guint            *changed,
                                        GError          **error);
char       *sam_closing_who            (void);

G_END_DECLS
