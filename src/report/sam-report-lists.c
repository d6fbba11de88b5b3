#define G_LOG_DOMAIN "sam-report"

#include "config.h"

#include "sam-report-private.h"

/* The long sheets: one row per activity, one row per status update. Rows
 * stream from the store straight into the sheet, one at a time. */

/* The first three columns say which activity a row is: on paper, where
 * the list takes several pages across, they repeat on every page. */
#define TITLE_COLUMNS 3

static const SamColumn activity_columns[] = {
  { L_ID, 7, SAM_COLUMN_ID },
  { L_MEASURE, 8, SAM_COLUMN_ID },
  { L_TITLE, 45, SAM_COLUMN_WRAP },
  { L_MEASURE_TITLE, 30, SAM_COLUMN_TEXT },
  { L_PLAN, 30, SAM_COLUMN_TEXT },
  { L_PLAN_KIND, 16, SAM_COLUMN_TEXT },
  { L_DESCRIPTION, 50, SAM_COLUMN_WRAP },
  { L_PRIORITY_TASK, 30, SAM_COLUMN_TEXT },
  { L_SECTOR_SCOPE, 16, SAM_COLUMN_TEXT },
  { L_LEAD, 25, SAM_COLUMN_TEXT },
  { L_PARTNERS, 35, SAM_COLUMN_WRAP },
  { L_SECTOR_RESPONSIBILITY, 35, SAM_COLUMN_WRAP },
  { L_SECTORS, 30, SAM_COLUMN_WRAP },
  { L_TARGET_GROUPS, 35, SAM_COLUMN_WRAP },
  { L_MESSAGE, 35, SAM_COLUMN_WRAP },
  { L_CHANNELS, 20, SAM_COLUMN_TEXT },
  { L_LANGUAGES, 15, SAM_COLUMN_TEXT },
  { L_START, 11, SAM_COLUMN_DATE },
  { L_DUE, 11, SAM_COLUMN_DATE },
  { L_STATUS, 13, SAM_COLUMN_STATUS },
  { L_PROGRESS, 11, SAM_COLUMN_PROGRESS },
  { L_OVERDUE, 10, SAM_COLUMN_FLAG },
  { L_REPORTED, 12, SAM_COLUMN_YES_NO },
  { L_LATEST_COMMENT, 45, SAM_COLUMN_WRAP },
  { L_LATEST_PERIOD, 14, SAM_COLUMN_TEXT },
  { L_PROGRESS_CHANGE, 14, SAM_COLUMN_INTEGER },
};

static const SamColumn history_columns[] = {
  { L_ID, 7, SAM_COLUMN_ID },
  { L_MEASURE, 8, SAM_COLUMN_ID },
  { L_TITLE, 45, SAM_COLUMN_WRAP },
  { L_PERIOD, 21, SAM_COLUMN_TEXT },
  { L_STATUS, 13, SAM_COLUMN_STATUS },
  { L_PROGRESS, 11, SAM_COLUMN_PROGRESS },
  { L_COMMENT, 50, SAM_COLUMN_WRAP },
  { L_REPORTED_BY, 22, SAM_COLUMN_TEXT },
  { L_REPORTED_AT, 17, SAM_COLUMN_DATETIME },
};

/* Writes @text in column @col, in the column's format: wrapped, as every
 * text column of a list is. An empty cell is not written at all. */
static void
put (SamSheet   *sheet,
     lxw_col_t   col,
     const char *text)
{
  sam_sheet_text (sheet, col, text, NULL);
}

static void
put_int (SamSheet  *sheet,
         lxw_col_t  col,
         gint64     value,
         gboolean   given)
{
  if (given)
    sam_sheet_number (sheet, col, (double) value, sheet->ctx->fmt.integer);
}

static void
put_id (SamSheet  *sheet,
        lxw_col_t  col,
        gint64     value)
{
  sam_sheet_number (sheet, col, (double) value, sheet->ctx->fmt.count);
}

/* A progress, centred over its data bar, so that it never runs into the
 * text after it. */
static void
put_progress (SamSheet  *sheet,
              lxw_col_t  col,
              gint64     value)
{
  if (value >= 0)
    sam_sheet_number (sheet, col, (double) value, sheet->ctx->fmt.count);
}

static gboolean
activity_cb (const SamActivityRow  *r,
             gpointer               user_data,
             GError               **error)
{
  SamSheet *sheet = user_data;
  SamReportContext *ctx = sheet->ctx;
  lxw_col_t c = 0;

  put_id (sheet, c++, r->id);
  put_id (sheet, c++, r->measure_number);
  put (sheet, c++, r->title);
  put (sheet, c++, r->measure);
  put (sheet, c++, r->plan);
  put (sheet, c++, sam_report_word (ctx, r->plan_kind));
  put (sheet, c++, r->description);
  put (sheet, c++, r->priority_task);
  put (sheet, c++, sam_report_word (ctx, r->scope));
  put (sheet, c++, r->lead);
  put (sheet, c++, r->partners);
  put (sheet, c++, r->sector_duty);
  put (sheet, c++, r->sectors);
  put (sheet, c++, r->target_groups);
  put (sheet, c++, r->message);
  put (sheet, c++, r->channels);
  put (sheet, c++, r->languages);
  sam_sheet_date (sheet, c++, r->start_date, ctx->fmt.date);
  sam_sheet_date (sheet, c++, r->due_date, ctx->fmt.date);
  put (sheet, c++, sam_report_word (ctx, r->status));
  put_progress (sheet, c++, r->progress);
  sam_sheet_yes_no (sheet, c++, r->overdue);
  if (ctx->period != NULL)
    sam_sheet_yes_no (sheet, c, r->reported);
  c++;
  put (sheet, c++, r->latest_comment);
  put (sheet, c++, r->latest_period);
  put_int (sheet, c++, r->progress_change, r->has_change);
  g_assert (c == G_N_ELEMENTS (activity_columns));
  ctx->stats.activities++;
  return sam_sheet_next_row (sheet);
}

/* The Activities sheet: every activity in scope with every field. */
gboolean
sam_report_write_activities (SamReportContext *ctx,
                             SamSheet         *sheet)
{
  GError *error = NULL;

  sam_sheet_start_list (sheet, activity_columns, G_N_ELEMENTS (activity_columns), TITLE_COLUMNS);
  if (!sam_report_foreach_activity (ctx, activity_cb, sheet, &error))
    return sam_report_keep_error (ctx, error);
  sam_sheet_finish_list (sheet);
  return !sam_report_failed (ctx);
}

static gboolean
status_cb (const SamStatusRow  *r,
           gpointer             user_data,
           GError             **error)
{
  SamSheet *sheet = user_data;
  SamReportContext *ctx = sheet->ctx;
  lxw_col_t c = 0;

  put_id (sheet, c++, r->activity_id);
  put_id (sheet, c++, r->measure_number);
  put (sheet, c++, r->activity);
  put (sheet, c++, r->period);
  put (sheet, c++, sam_report_word (ctx, r->status));
  put_progress (sheet, c++, r->progress);
  put (sheet, c++, r->comment);
  put (sheet, c++, r->reported_by);
  sam_sheet_date (sheet, c++, r->reported_at, ctx->fmt.datetime);
  g_assert (c == G_N_ELEMENTS (history_columns));
  ctx->stats.status_updates++;
  return sam_sheet_next_row (sheet);
}

/* The Status history sheet: every status update of the activities in
 * scope, in the order of the Activities sheet, then by period. */
gboolean
sam_report_write_history (SamReportContext *ctx,
                          SamSheet         *sheet)
{
  GError *error = NULL;

  sam_sheet_start_list (sheet, history_columns, G_N_ELEMENTS (history_columns), TITLE_COLUMNS);
  if (!sam_report_foreach_status (ctx, status_cb, sheet, &error))
    return sam_report_keep_error (ctx, error);
  sam_sheet_finish_list (sheet);
  return !sam_report_failed (ctx);
}
