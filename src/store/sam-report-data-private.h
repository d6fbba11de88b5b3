/* sam-report-data-private.h: what the report's readers share with closing,
 * for the store layer only.
 *
 * Each list the report reads is read by one reader from today's data; a
 * closing stores its rows as that reader read them (closed_row), and for a
 * closed period the same reader reads them back through the same row
 * callback, so that the two cannot drift apart.
 */
#pragma once

#include "sam-report-data.h"

G_BEGIN_DECLS

gboolean  sam_report_data_freeze_lists  (SamStore              *store,
                                         const SamReportQuery  *query,
                                         gint64                 closing,
                                         gboolean               english,
                                         GError               **error);

G_END_DECLS
