#define G_LOG_DOMAIN "sam-report"

#include "config.h"

#include "sam-report-private.h"
#include "store/sam-coordination.h"

/* The Follow-up sheet: what the secretariat chases. The activities not
 * reported in the period, by ministry and lead agency with the agency's
 * contact; the activities with no lead, with who answers for them by
 * sector responsibility; and the other findings of `samordna check`. The
 * lists stream from the store on the report's own connection. */

static const SamColumn follow_up_columns[] = {
  { L_MINISTRY, 24, SAM_COLUMN_WRAP },
  { L_LEAD, 26, SAM_COLUMN_WRAP },
  { L_CONTACT, 24, SAM_COLUMN_WRAP },
  { L_ID, 7, SAM_COLUMN_ID },
  { L_MEASURE, 8, SAM_COLUMN_ID },
  { L_TITLE, 45, SAM_COLUMN_WRAP },
  { L_STATUS, 13, SAM_COLUMN_STATUS },
  { L_DUE, 11, SAM_COLUMN_DATE },
  { L_SECTOR_RESPONSIBILITY, 35, SAM_COLUMN_WRAP },
};

#define N_COLUMNS G_N_ELEMENTS (follow_up_columns)

static void
heading (SamSheet       *sheet,
         const char     *text)
{
  sam_sheet_next_row (sheet);
  sam_sheet_merge (sheet, 0, N_COLUMNS, text, sheet->ctx->fmt.label);
  sam_sheet_next_row (sheet);
}

/* A header row like the list's, for the sections under it. */
static void
header_row (SamSheet *sheet)
{
  SamReportContext *ctx = sheet->ctx;

  for (guint c = 0; c < N_COLUMNS; c++)
    sam_sheet_text (sheet, c, sam_report_l (ctx, follow_up_columns[c].label),
                    follow_up_columns[c].kind == SAM_COLUMN_ID ? ctx->fmt.header_center
                    : follow_up_columns[c].kind == SAM_COLUMN_DATE ? ctx->fmt.header_number : ctx->fmt.header);
  sam_sheet_next_row (sheet);
}

static gboolean
activity_cb (const SamFollowUpRow  *r,
             gpointer               user_data,
             GError               **error)
{
  SamSheet *sheet = user_data;
  SamReportContext *ctx = sheet->ctx;
  gboolean listing_no_lead = sheet->columns == NULL;

  sam_sheet_text (sheet, 0, r->ministry, ctx->fmt.wrap);
  sam_sheet_text (sheet, 1, r->agency ? r->agency : sam_report_l (ctx, L_NO_LEAD), ctx->fmt.wrap);
  sam_sheet_text (sheet, 2, r->contact, ctx->fmt.wrap);
  sam_sheet_number (sheet, 3, (double) r->id, ctx->fmt.count);
  sam_sheet_number (sheet, 4, (double) r->measure_number, ctx->fmt.count);
  sam_sheet_text (sheet, 5, r->title, ctx->fmt.wrap);
  sam_sheet_text (sheet, 6, sam_report_word (ctx, r->status), ctx->fmt.wrap);
  sam_sheet_date (sheet, 7, r->due_date, ctx->fmt.date);
  if (listing_no_lead)
    sam_sheet_text (sheet, 8, r->sector_duty ? r->sector_duty : sam_report_l (ctx, L_NOBODY),
                    r->sector_duty ? ctx->fmt.wrap : ctx->fmt.alert);
  return sam_sheet_next_row (sheet);
}

static gboolean
write_unreported (SamReportContext *ctx,
                  SamSheet         *sheet)
{
  GError *error = NULL;
  g_autofree char *title = NULL;

  if (ctx->period == NULL)
    sam_sheet_merge (sheet, 0, N_COLUMNS, sam_report_l (ctx, L_NO_PERIOD_NO_LIST), ctx->fmt.note_wrap);
  else
    {
      title = g_strdup_printf ("%s %s", sam_report_l (ctx, L_NOT_REPORTED_IN), ctx->period->code);
      sam_sheet_merge (sheet, 0, N_COLUMNS, title, ctx->fmt.label);
    }
  sam_sheet_next_row (sheet);
  sam_sheet_start_list (sheet, follow_up_columns, N_COLUMNS, 2);
  if (!sam_report_data_foreach_unreported (ctx->store, &ctx->query, activity_cb, sheet, &error))
    return sam_report_keep_error (ctx, error);
  sam_sheet_finish_list (sheet);
  return !sam_report_failed (ctx);
}

static const char *
severity_nick (int severity)
{
  switch (severity)
    {
    case SAM_SEVERITY_ERROR:
      return "error";
    case SAM_SEVERITY_WARNING:
      return "warning";
    case SAM_SEVERITY_INFO:
    default:
      return "note";
    }
}

static gboolean
write_findings (SamReportContext *ctx,
                SamSheet         *sheet)
{
  GError *error = NULL;
  g_autoptr(GPtrArray) findings = sam_report_get_findings (ctx, &error);

  if (findings == NULL)
    return sam_report_keep_error (ctx, error);
  heading (sheet, sam_report_l (ctx, L_FINDINGS));
  sam_sheet_merge (sheet, 0, N_COLUMNS, sam_report_l (ctx, L_FINDINGS_NOTE), ctx->fmt.note_wrap);
  sam_sheet_next_row (sheet);
  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_SEVERITY), ctx->fmt.header);
  sam_sheet_merge (sheet, 1, 4, sam_report_l (ctx, L_CHECK), ctx->fmt.header);
  sam_sheet_merge (sheet, 5, N_COLUMNS - 5, sam_report_l (ctx, L_CONCERNS), ctx->fmt.header);
  sam_sheet_next_row (sheet);
  for (guint i = 0; i < findings->len && !sam_report_failed (ctx); i++)
    {
      const SamFindingRow *f = findings->pdata[i];

      sam_sheet_text (sheet, 0, sam_report_word (ctx, severity_nick (f->severity)),
                      f->severity == SAM_SEVERITY_ERROR ? ctx->fmt.light[SAM_LIGHT_RED] : ctx->fmt.wrap);
      sam_sheet_merge (sheet, 1, 4, sam_report_word (ctx, f->check_id), ctx->fmt.wrap);
      sam_sheet_merge (sheet, 5, N_COLUMNS - 5, f->subject, ctx->fmt.wrap);
      sam_sheet_next_row (sheet);
    }
  if (findings->len == 0)
    {
      sam_sheet_text (sheet, 0, sam_report_l (ctx, L_NONE), ctx->fmt.note);
      sam_sheet_next_row (sheet);
    }
  return !sam_report_failed (ctx);
}

/* Writes the Follow-up sheet. */
gboolean
sam_report_write_follow_up (SamReportContext *ctx,
                            SamSheet         *sheet)
{
  GError *error = NULL;
  lxw_row_t first;

  if (!write_unreported (ctx, sheet))
    return FALSE;
  heading (sheet, sam_report_l (ctx, L_NO_LEAD_LIST));
  header_row (sheet);
  first = sheet->row;
  if (!sam_report_data_foreach_no_lead (ctx->store, &ctx->query, activity_cb, sheet, &error))
    return sam_report_keep_error (ctx, error);
  if (sheet->row == first)
    {
      sam_sheet_text (sheet, 0, sam_report_l (ctx, L_NONE), ctx->fmt.note);
      sam_sheet_next_row (sheet);
    }
  return write_findings (ctx, sheet);
}
