/* sam-report-data-private.h: what the report's readers share with closing,
 * for the store layer only.
 *
 * Each list the report reads is read by one reader from today's data; a
 * closing stores its rows as that reader read them (closed_row), and for a
 * closed period the same reader reads them back through the same row
 * callback, so that the two cannot drift apart.
 */
#pragma once

#include "sam-db-private.h"
#include "sam-report-data.h"

G_BEGIN_DECLS

/* A streamed reader's callback (a Sam…RowFunc) and its data. */
typedef struct
{
  gpointer func;
  gpointer user_data;
} SamReportStreaming;

/* Row callbacks for sam_query_run(), each the one reader of its row for
 * today's data and for what a closing froze: a status update (columns
 * activity id, measure number, activity, period, status, progress,
 * comment, reported by, reported at) to a SamStatusRowFunc in a
 * SamReportStreaming; a comment (measure id, activity, period, comment)
 * added as a SamCommentRow to a GPtrArray. */
gboolean  sam_report_data_status_row_cb  (SamStmt               *stmt,
                                          gpointer               user_data,
                                          GError               **error);
gboolean  sam_report_data_comment_row_cb (SamStmt               *stmt,
                                          gpointer               user_data,
                                          GError               **error);

gboolean  sam_report_data_facts          (SamStore              *store,
                                         const SamReportQuery  *query,
                                         const SamPeriod       *period,
                                         SamFactsSnapshot     **facts,
                                         GError               **error);

gboolean  sam_report_data_freeze_lists  (SamStore              *store,
                                         const SamReportQuery  *query,
                                         gint64                 closing,
                                         gboolean               english,
                                         GError               **error);

G_END_DECLS
