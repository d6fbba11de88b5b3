#define G_LOG_DOMAIN "sam-report"

#include "config.h"

#include "sam-report-private.h"

/* The Obligations sheet (each article of the convention and each of
 * GRETA's recommendations → the measures it names → the activities it
 * names, with status, progress, change and latest comment, laid out to
 * paste into the state's reply to GRETA) and the Knowledge and goals
 * sheet (the knowledge gaps with their R&D projects, those without one
 * flagged, and the goals of each measure). */

static const SamColumn obligation_columns[] = {
  { L_OBLIGATION, 24, SAM_COLUMN_WRAP },
  { L_TITLE, 55, SAM_COLUMN_WRAP },
  { L_STATUS, 13, SAM_COLUMN_STATUS },
  { L_ACTIVITIES, 11, SAM_COLUMN_INTEGER },
  { L_PROGRESS, 12, SAM_COLUMN_PROGRESS },
  { L_CHANGE, 14, SAM_COLUMN_INTEGER },
  { L_LATEST_COMMENT, 50, SAM_COLUMN_WRAP },
};

static const SamColumn gap_columns[] = {
  { L_MEASURE, 9, SAM_COLUMN_ID },
  { L_NUMBER, 6, SAM_COLUMN_ID },
  { L_KNOWLEDGE_GAP, 45, SAM_COLUMN_WRAP },
  { L_RD_PROJECT, 45, SAM_COLUMN_WRAP },
  { L_LEAD, 25, SAM_COLUMN_WRAP },
  { L_DUE, 11, SAM_COLUMN_DATE },
  { L_STATUS, 13, SAM_COLUMN_STATUS },
};

static SamReportLabel
source_heading (const char *source)
{
  if (g_strcmp0 (source, "convention") == 0)
    return L_CONVENTION;
  if (g_strcmp0 (source, "greta") == 0)
    return L_GRETA;
  return L_OTHER_SOURCE;
}

/* A measure's row: its light, activities, average progress and change,
 * as on the Summary. */
static void
measure_row (SamSheet                *sheet,
             const SamMeasureSummary *m)
{
  SamReportContext *ctx = sheet->ctx;
  g_autofree char *name = g_strdup_printf ("%s %" G_GINT64_FORMAT, sam_report_l (ctx, L_MEASURE), m->number);

  sheet->row_level = 1;
  sam_sheet_text (sheet, 0, name, ctx->fmt.indent);
  sam_sheet_text (sheet, 1, m->title, ctx->fmt.wrap);
  if (m->light != SAM_LIGHT_NONE)
    sam_sheet_text (sheet, 2, sam_report_light_word (ctx, m->light), ctx->fmt.light[m->light]);
  sam_sheet_number (sheet, 3, m->total, ctx->fmt.integer);
  if (m->live > 0)
    sam_sheet_number (sheet, 4, (double) m->progress_sum / m->live, ctx->fmt.decimal);
  if (m->live > 0 && m->previous_progress >= 0)
    sam_sheet_number (sheet, 5, (double) m->progress_sum / m->live - m->previous_progress, ctx->fmt.signed_decimal);
  sam_sheet_next_row (sheet);
}

static void
activity_row (SamSheet                    *sheet,
              const SamObligationActivity *a)
{
  SamReportContext *ctx = sheet->ctx;
  g_autofree char *id = g_strdup_printf ("%s %" G_GINT64_FORMAT, sam_report_l (ctx, L_ID), a->id);

  sheet->row_level = 2;
  sam_sheet_text (sheet, 0, id, ctx->fmt.indent);
  sam_sheet_text (sheet, 1, a->title, ctx->fmt.wrap);
  sam_sheet_text (sheet, 2, sam_report_word (ctx, a->status), ctx->fmt.wrap);
  if (a->progress >= 0)
    sam_sheet_number (sheet, 4, (double) a->progress, ctx->fmt.count);
  if (a->has_change)
    sam_sheet_number (sheet, 5, (double) a->progress_change, ctx->fmt.signed_decimal);
  sam_sheet_text (sheet, 6, a->comment, ctx->fmt.wrap);
  sam_sheet_next_row (sheet);
}

/* Whether measure @id is one @o names, or holds one of its activities. */
static gboolean
answers (const SamObligation *o,
         gint64               id)
{
  for (guint i = 0; i < o->measure_ids->len; i++)
    if (g_array_index (o->measure_ids, gint64, i) == id)
      return TRUE;
  for (guint i = 0; i < o->activities->len; i++)
    if (((SamObligationActivity *) o->activities->pdata[i])->measure_id == id)
      return TRUE;
  return FALSE;
}

/* One obligation: its row, then each measure of the report that answers
 * it, in the Summary's order, with the activities it names under it. */
static void
obligation_rows (SamSheet            *sheet,
                 const SamObligation *o)
{
  SamReportContext *ctx = sheet->ctx;
  gboolean any = FALSE;

  sam_sheet_text (sheet, 0, o->reference, ctx->fmt.group);
  sam_sheet_merge (sheet, 1, G_N_ELEMENTS (obligation_columns) - 1, o->title, ctx->fmt.group);
  sam_sheet_next_row (sheet);
  for (guint i = 0; ctx->measures && i < ctx->measures->len; i++)
    {
      const SamMeasureSummary *m = ctx->measures->pdata[i];

      if (!answers (o, m->measure_id))
        continue;
      any = TRUE;
      measure_row (sheet, m);
      for (guint j = 0; j < o->activities->len; j++)
        if (((SamObligationActivity *) o->activities->pdata[j])->measure_id == m->measure_id)
          activity_row (sheet, o->activities->pdata[j]);
    }
  if (!any)
    {
      sheet->row_level = 1;
      sam_sheet_text (sheet, 1, sam_report_l (ctx, L_NOTHING_IN_SCOPE), ctx->fmt.note);
      sam_sheet_next_row (sheet);
    }
}

/* Writes the Obligations sheet. */
gboolean
sam_report_write_obligations (SamReportContext *ctx,
                              SamSheet         *sheet)
{
  GError *error = NULL;
  g_autoptr(GPtrArray) obligations = sam_report_get_obligations (ctx, &error);
  SamReportLabel shown = L_N_LABELS;

  if (obligations == NULL)
    return sam_report_keep_error (ctx, error);
  sam_sheet_merge (sheet, 0, G_N_ELEMENTS (obligation_columns), sam_report_l (ctx, L_OBLIGATIONS_NOTE),
                   ctx->fmt.note_wrap);
  sam_sheet_next_row (sheet);
  sam_sheet_start_list (sheet, obligation_columns, G_N_ELEMENTS (obligation_columns), 1);
  for (guint i = 0; i < obligations->len && !sam_report_failed (ctx); i++)
    {
      const SamObligation *o = obligations->pdata[i];

      if (source_heading (o->source) != shown)
        {
          shown = source_heading (o->source);
          sam_sheet_merge (sheet, 0, G_N_ELEMENTS (obligation_columns), sam_report_l (ctx, shown), ctx->fmt.title);
          sam_sheet_next_row (sheet);
        }
      obligation_rows (sheet, o);
    }
  sam_sheet_finish_list (sheet);
  return !sam_report_failed (ctx);
}

/* Knowledge gaps and goals */

static void
gap_rows (SamSheet        *sheet,
          const SamGapRow *g)
{
  SamReportContext *ctx = sheet->ctx;

  for (guint i = 0; i == 0 || i < g->projects->len; i++)
    {
      const SamProjectRow *p = i < g->projects->len ? g->projects->pdata[i] : NULL;

      if (g->measure_number >= 0)
        sam_sheet_number (sheet, 0, (double) g->measure_number, ctx->fmt.count);
      if (g->number >= 0)
        sam_sheet_number (sheet, 1, (double) g->number, ctx->fmt.count);
      sam_sheet_text (sheet, 2, g->title, ctx->fmt.wrap);
      if (p == NULL)
        {
          sam_sheet_text (sheet, 3, sam_report_l (ctx, L_NO_PROJECT), ctx->fmt.alert);
          sam_sheet_next_row (sheet);
          continue;
        }
      sam_sheet_text (sheet, 3, p->title, ctx->fmt.wrap);
      sam_sheet_text (sheet, 4, p->lead, ctx->fmt.wrap);
      sam_sheet_date (sheet, 5, p->due_date, ctx->fmt.date);
      if (p->status)
        sam_sheet_text (sheet, 6, sam_report_word (ctx, p->status), ctx->fmt.wrap);
      sam_sheet_next_row (sheet);
    }
}

static gboolean
write_goals (SamReportContext *ctx,
             SamSheet         *sheet)
{
  GError *error = NULL;
  g_autoptr(GPtrArray) goals = sam_report_get_goals (ctx, &error);
  gint64 shown = -1;

  if (goals == NULL)
    return sam_report_keep_error (ctx, error);
  sam_sheet_next_row (sheet);
  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_GOALS), ctx->fmt.label);
  sam_sheet_next_row (sheet);
  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_MEASURE), ctx->fmt.header_center);
  sam_sheet_merge (sheet, 1, 2, sam_report_l (ctx, L_MEASURE_TITLE), ctx->fmt.header);
  sam_sheet_merge (sheet, 3, 4, sam_report_l (ctx, L_GOAL), ctx->fmt.header);
  sam_sheet_next_row (sheet);
  for (guint i = 0; i < goals->len && !sam_report_failed (ctx); i++)
    {
      const SamGoalRow *g = goals->pdata[i];

      sam_sheet_number (sheet, 0, (double) g->measure_number, ctx->fmt.count);
      if (g->measure_number != shown)
        sam_sheet_merge (sheet, 1, 2, g->measure, ctx->fmt.wrap);
      shown = g->measure_number;
      sam_sheet_merge (sheet, 3, 4, g->text, ctx->fmt.wrap);
      sam_sheet_next_row (sheet);
    }
  return !sam_report_failed (ctx);
}

/* Writes the Knowledge and goals sheet. */
gboolean
sam_report_write_knowledge (SamReportContext *ctx,
                            SamSheet         *sheet)
{
  GError *error = NULL;
  g_autoptr(GPtrArray) gaps = sam_report_get_gaps (ctx, &error);

  if (gaps == NULL)
    return sam_report_keep_error (ctx, error);
  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_KNOWLEDGE_GAPS), ctx->fmt.label);
  sam_sheet_next_row (sheet);
  sam_sheet_start_list (sheet, gap_columns, G_N_ELEMENTS (gap_columns), 3);
  for (guint i = 0; i < gaps->len && !sam_report_failed (ctx); i++)
    gap_rows (sheet, gaps->pdata[i]);
  sam_sheet_finish_list (sheet);
  return write_goals (ctx, sheet);
}
