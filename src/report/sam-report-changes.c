#define G_LOG_DOMAIN "sam-report"

#include "config.h"

#include "sam-report-private.h"
#include "store/sam-changes.h"

/* The Changes sheet: what changed since the period before the report's
 * (sam-changes.h), one row per change of an activity, by kind, measure and
 * id, under a line that names both periods with their dates. */

static const SamColumn change_columns[] = {
  { L_CHANGE_KIND, 24, SAM_COLUMN_TEXT },
  { L_ID, 7, SAM_COLUMN_ID },
  { L_MEASURE, 8, SAM_COLUMN_ID },
  { L_TITLE, 45, SAM_COLUMN_WRAP },
  { L_LEAD, 25, SAM_COLUMN_TEXT },
  { L_BEFORE, 25, SAM_COLUMN_TEXT },
  { L_AFTER, 25, SAM_COLUMN_TEXT },
  { L_POINTS, 12, SAM_COLUMN_INTEGER },
};

static const SamReportLabel kind_labels[SAM_N_CHANGE_KINDS] = {
  [SAM_CHANGE_NEWLY_DONE] = L_NEWLY_DONE,
  [SAM_CHANGE_NEWLY_DELAYED] = L_NEWLY_DELAYED,
  [SAM_CHANGE_PROGRESS_UP] = L_PROGRESS_UP,
  [SAM_CHANGE_PROGRESS_DOWN] = L_PROGRESS_DOWN,
  [SAM_CHANGE_DUE_MOVED] = L_DUE_MOVED,
  [SAM_CHANGE_LEAD_CHANGED] = L_LEAD_CHANGED,
  [SAM_CHANGE_STOPPED_REPORTING] = L_STOPPED_REPORTING,
  [SAM_CHANGE_NEW] = L_NEW_ACTIVITY,
  [SAM_CHANGE_REMOVED] = L_REMOVED_ACTIVITY,
};

/* The before or after of @c as a reader reads it: a status in the
 * report's language, a date in its format, a progress or a name as it is. */
static char *
value_text (SamReportContext *ctx,
            const SamChange  *c,
            const char       *value)
{
  if (value == NULL)
    return NULL;
  switch (c->kind)
    {
    case SAM_CHANGE_NEWLY_DONE:
    case SAM_CHANGE_NEWLY_DELAYED:
      return g_strdup (sam_report_word (ctx, value));
    case SAM_CHANGE_DUE_MOVED:
      return sam_report_date_text (ctx, value);
    case SAM_CHANGE_PROGRESS_UP:
    case SAM_CHANGE_PROGRESS_DOWN:
      return g_strdup_printf ("%s %%", value);
    default:
      return g_strdup (value);
    }
}

static void
write_heading (SamReportContext *ctx,
               SamSheet         *sheet,
               const SamPeriod  *previous)
{
  g_autofree char *text = NULL, *before = NULL;

  if (ctx->period == NULL)
    text = g_strdup (sam_report_l (ctx, L_NO_PERIOD));
  else if (previous == NULL)
    text = g_strdup_printf ("%s %s", ctx->period_text, sam_report_l (ctx, L_FIRST_PERIOD));
  else
    {
      before = sam_report_period_text (ctx, previous);
      text = g_strdup_printf ("%s %s, %s %s", sam_report_l (ctx, L_CHANGES_SINCE), before,
                              sam_report_l (ctx, L_CHANGES_AS_AT), ctx->period_text);
    }
  sam_sheet_text (sheet, 0, text, ctx->fmt.label);
  sam_sheet_next_row (sheet);
}

static void
write_change (SamReportContext *ctx,
              SamSheet         *sheet,
              const SamChange  *c)
{
  g_autofree char *before = value_text (ctx, c, c->before);
  g_autofree char *after = value_text (ctx, c, c->after);
  lxw_col_t col = 0;

  sam_sheet_text (sheet, col++, sam_report_l (ctx, kind_labels[c->kind]), NULL);
  sam_sheet_number (sheet, col++, (double) c->activity_id, ctx->fmt.count);
  if (c->measure_number)
    sam_sheet_number (sheet, col, (double) c->measure_number, ctx->fmt.count);
  col++;
  sam_sheet_text (sheet, col++, c->title, NULL);
  sam_sheet_text (sheet, col++, c->lead, NULL);
  sam_sheet_text (sheet, col++, before, NULL);
  sam_sheet_text (sheet, col++, after, NULL);
  if (c->kind == SAM_CHANGE_PROGRESS_UP || c->kind == SAM_CHANGE_PROGRESS_DOWN)
    sam_sheet_number (sheet, col, (double) c->points, ctx->fmt.integer);
  col++;
  g_assert (col == G_N_ELEMENTS (change_columns));
  sam_sheet_next_row (sheet);
}

/* Writes the Changes sheet. Returns FALSE when writing failed. */
gboolean
sam_report_write_changes (SamReportContext *ctx,
                          SamSheet         *sheet)
{
  GError *error = NULL;
  g_autoptr(SamChanges) changes = sam_report_get_changes (ctx, &error);

  if (changes == NULL)
    return sam_report_keep_error (ctx, error);
  write_heading (ctx, sheet, sam_changes_get_previous (changes));
  sam_sheet_start_list (sheet, change_columns, G_N_ELEMENTS (change_columns), 1);
  for (guint i = 0; i < sam_changes_get_n (changes) && !sam_report_failed (ctx); i++)
    write_change (ctx, sheet, sam_changes_get (changes, i));
  sam_sheet_finish_list (sheet);
  /* An empty list says so, as the Overview does. */
  if (sam_changes_get_n (changes) == 0 && sam_changes_get_previous (changes) != NULL)
    {
      sam_sheet_text (sheet, 0, sam_report_l (ctx, L_NO_CHANGES), ctx->fmt.note);
      sam_sheet_next_row (sheet);
    }
  return !sam_report_failed (ctx);
}
