#define G_LOG_DOMAIN "sam-report"

#include "config.h"

#include <string.h>

#include "sam-report-private.h"

/* The Responsibility and Coverage sheets, from the coordination module's
 * matrices. Both have two header rows (blocks of columns, then the
 * columns), the row labels in the first two columns, and the cells after.
 * Rows are outlined under their ministry or category, so they collapse. */

#define FIRST_CELL_COLUMN 2
#define FIRST_BODY_ROW 3

/* Writes a block title over @n columns from @col in the first header row. */
static void
block_title (SamSheet   *sheet,
             lxw_col_t   col,
             guint       n,
             const char *title)
{
  SamReportContext *ctx = sheet->ctx;
  g_autofree char *clean = NULL;

  if (n == 0 || sam_report_failed (ctx))
    return;
  if (n == 1)
    sam_sheet_text (sheet, col, title, ctx->fmt.header);
  else
    {
      clean = sam_report_clean (title);
      sam_report_set_lxw_error (ctx, worksheet_merge_range (sheet->ws, sheet->row, col, sheet->row,
                                                            col + n - 1, clean, ctx->fmt.header));
      /* The title in the first cell, blanks with its format in the rest. */
      ctx->stats.cells++;
      ctx->stats.strings++;
      ctx->stats.text_bytes += strlen (clean);
      ctx->stats.blanks += n - 1;
      ctx->stats.formatted += n;
    }
}

static char *
column_title (SamReportContext      *ctx,
              const SamMatrixHeader *h,
              SamKind                kind)
{
  if (kind == SAM_KIND_MEASURE)
    return g_strdup_printf ("%s %" G_GINT64_FORMAT, sam_report_l (ctx, L_MEASURE), h->number);
  return g_strdup (h->label);
}

static void
outline_row (SamSheet *sheet,
             guint     level)
{
  lxw_row_col_options options = { .level = (uint8_t) level };

  if (level > 0)
    sam_report_set_lxw_error (sheet->ctx, worksheet_set_row_opt (sheet->ws, sheet->row, LXW_DEF_ROW_HEIGHT,
                                                                 NULL, &options));
}

static void
finish_matrix (SamSheet  *sheet,
               lxw_col_t  last_col)
{
  SamReportContext *ctx = sheet->ctx;

  if (sam_report_failed (ctx))
    return;
  worksheet_set_column (sheet->ws, 0, 0, 24, NULL);
  worksheet_set_column (sheet->ws, 1, 1, 40, NULL);
  if (last_col >= FIRST_CELL_COLUMN)
    worksheet_set_column (sheet->ws, FIRST_CELL_COLUMN, last_col, 10, NULL);
  worksheet_freeze_panes (sheet->ws, FIRST_BODY_ROW, FIRST_CELL_COLUMN);
  sam_report_set_lxw_error (ctx, worksheet_autofilter (sheet->ws, FIRST_BODY_ROW - 1, 0,
                                                       MAX (sheet->row, FIRST_BODY_ROW) - 1, last_col));
  sam_report_set_lxw_error (ctx, worksheet_repeat_rows (sheet->ws, FIRST_BODY_ROW - 2, FIRST_BODY_ROW - 1));
  worksheet_outline_settings (sheet->ws, LXW_TRUE, LXW_FALSE, LXW_TRUE, LXW_FALSE);
}

/* Responsibility */

static void
responsibility_header (SamSheet  *sheet,
                       SamMatrix *measures,
                       SamMatrix *plans)
{
  SamReportContext *ctx = sheet->ctx;
  SamMatrix *blocks[] = { measures, plans };
  lxw_col_t col;

  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_RESPONSIBILITY_LEGEND), ctx->fmt.note);
  sam_sheet_next_row (sheet);
  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_MINISTRY), ctx->fmt.header);
  sam_sheet_text (sheet, 1, sam_report_l (ctx, L_AGENCY), ctx->fmt.header);
  col = FIRST_CELL_COLUMN;
  for (guint b = 0; b < G_N_ELEMENTS (blocks); b++)
    for (guint i = 0; i < blocks[b]->columns->len; i++, col += 2)
      {
        g_autofree char *title = column_title (ctx, blocks[b]->columns->pdata[i], blocks[b]->column_kind);
        block_title (sheet, col, 2, title);
      }
  sam_sheet_next_row (sheet);
  sam_sheet_blank (sheet, 0, ctx->fmt.header);
  sam_sheet_blank (sheet, 1, ctx->fmt.header);
  for (col = FIRST_CELL_COLUMN; col < FIRST_CELL_COLUMN + 2 * (measures->columns->len + plans->columns->len); col += 2)
    {
      sam_sheet_text (sheet, col, sam_report_l (ctx, L_LEAD_SHORT), ctx->fmt.header);
      sam_sheet_text (sheet, col + 1, sam_report_l (ctx, L_PARTNER_SHORT), ctx->fmt.header);
    }
  sam_sheet_next_row (sheet);
}

static void
responsibility_row (SamSheet  *sheet,
                    SamMatrix *measures,
                    SamMatrix *plans,
                    guint      row)
{
  SamReportContext *ctx = sheet->ctx;
  SamMatrixHeader *h = measures->rows->pdata[row];
  SamMatrix *blocks[] = { measures, plans };
  gboolean ministry = h->group_id != 0 && h->group_id == h->id;
  const char *group = h->group;
  lxw_col_t col = FIRST_CELL_COLUMN;

  outline_row (sheet, ministry ? 0 : 1);
  sam_sheet_text (sheet, 0, group ? group : sam_report_l (ctx, L_NO_MINISTRY), ministry ? ctx->fmt.group : NULL);
  sam_sheet_text (sheet, 1, h->label, ministry ? ctx->fmt.group : h->depth > 0 ? ctx->fmt.indent : NULL);
  for (guint b = 0; b < G_N_ELEMENTS (blocks); b++)
    for (guint c = 0; c < blocks[b]->columns->len; c++)
      for (guint v = 0; v < 2; v++, col++)
        {
          guint n = sam_matrix_get (blocks[b], row, c, v);
          if (n > 0)
            sam_sheet_number (sheet, col, n, ctx->fmt.integer);
        }
  sam_sheet_next_row (sheet);
}

/* Writes the Responsibility sheet: agencies grouped under their ministry
 * (agencies under no ministry last) against the measures, then the plans,
 * each with a lead and a partner count; zero counts stay empty. */
gboolean
sam_report_write_responsibility (SamReportContext *ctx,
                                 SamSheet         *sheet)
{
  GError *error = NULL;
  g_autoptr(SamMatrix) measures = sam_report_get_responsibility (ctx, SAM_KIND_MEASURE, &error);
  g_autoptr(SamMatrix) plans = measures ? sam_report_get_responsibility (ctx, SAM_KIND_PLAN, &error) : NULL;
  gboolean no_ministry_seen = FALSE;

  if (plans == NULL)
    return sam_report_keep_error (ctx, error);
  g_assert (measures->rows->len == plans->rows->len);
  responsibility_header (sheet, measures, plans);
  for (guint r = 0; r < measures->rows->len && !sam_report_failed (ctx); r++)
    {
      SamMatrixHeader *h = measures->rows->pdata[r];

      if (h->group_id == 0 && !no_ministry_seen)
        {
          no_ministry_seen = TRUE;
          sam_sheet_text (sheet, 0, sam_report_l (ctx, L_NO_MINISTRY), ctx->fmt.group);
          sam_sheet_blank (sheet, 1, ctx->fmt.group);
          sam_sheet_next_row (sheet);
        }
      responsibility_row (sheet, measures, plans, r);
    }
  finish_matrix (sheet, FIRST_CELL_COLUMN + 2 * (measures->columns->len + plans->columns->len) - 1);
  return !sam_report_failed (ctx);
}

/* Coverage */

static void
coverage_header (SamSheet  *sheet,
                 SamMatrix *sectors,
                 SamMatrix *plans)
{
  SamReportContext *ctx = sheet->ctx;
  SamMatrix *blocks[] = { sectors, plans };
  lxw_col_t col = FIRST_CELL_COLUMN;
  guint n = sectors->columns->len + plans->columns->len;

  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_GAP_LEGEND), ctx->fmt.note);
  sam_sheet_next_row (sheet);
  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_CATEGORY), ctx->fmt.header);
  sam_sheet_text (sheet, 1, sam_report_l (ctx, L_TARGET_GROUP), ctx->fmt.header);
  block_title (sheet, col, sectors->columns->len, sam_report_l (ctx, L_SECTORS));
  block_title (sheet, col + sectors->columns->len, plans->columns->len, sam_report_l (ctx, L_PLANS));
  sam_sheet_text (sheet, col + n, sam_report_l (ctx, L_MIXED_MESSAGES), ctx->fmt.header);
  sam_sheet_next_row (sheet);
  sam_sheet_blank (sheet, 0, ctx->fmt.header);
  sam_sheet_blank (sheet, 1, ctx->fmt.header);
  for (guint b = 0; b < G_N_ELEMENTS (blocks); b++)
    for (guint i = 0; i < blocks[b]->columns->len; i++, col++)
      {
        g_autofree char *title = column_title (ctx, blocks[b]->columns->pdata[i], blocks[b]->column_kind);
        sam_sheet_text (sheet, col, title, ctx->fmt.header);
      }
  sam_sheet_blank (sheet, col, ctx->fmt.header);
  sam_sheet_next_row (sheet);
}

/* Returns the periods in which @flags give target group @id different
 * messages, ", " between, or NULL. */
static char *
mixed_periods (GPtrArray *flags,
               gint64     id)
{
  GString *periods = NULL;

  for (guint i = 0; i < flags->len; i++)
    {
      SamMessageFlag *f = flags->pdata[i];

      if (f->target_group_id != id)
        continue;
      if (periods == NULL)
        periods = g_string_new (f->period);
      else
        g_string_append_printf (periods, ", %s", f->period);
    }
  return periods ? g_string_free (periods, FALSE) : NULL;
}

static void
coverage_row (SamSheet  *sheet,
              SamMatrix *sectors,
              SamMatrix *plans,
              GPtrArray *flags,
              guint      row)
{
  SamReportContext *ctx = sheet->ctx;
  SamMatrixHeader *h = sectors->rows->pdata[row];
  SamMatrix *blocks[] = { sectors, plans };
  g_autofree char *mixed = mixed_periods (flags, h->id);
  lxw_col_t col = FIRST_CELL_COLUMN;

  outline_row (sheet, 1);
  sam_sheet_text (sheet, 0, h->category ? sam_report_word (ctx, h->category) : sam_report_l (ctx, L_NO_CATEGORY), NULL);
  sam_sheet_text (sheet, 1, h->label, NULL);
  for (guint b = 0; b < G_N_ELEMENTS (blocks); b++)
    for (guint c = 0; c < blocks[b]->columns->len; c++, col++)
      {
        guint n = sam_matrix_get (blocks[b], row, c, SAM_MATRIX_REACHED);
        if (n > 0)
          sam_sheet_number (sheet, col, n, ctx->fmt.integer);
        else
          sam_sheet_blank (sheet, col, ctx->fmt.gap);
      }
  sam_sheet_text (sheet, col, mixed, mixed ? ctx->fmt.fill_red : NULL);
  sam_sheet_next_row (sheet);
}

/* Writes the Coverage sheet: target groups by category against the
 * sectors, then the plans, each cell the activities in scope reaching the
 * group there, empty gaps shaded; and the periods in which information
 * activities give the group different messages. */
gboolean
sam_report_write_coverage (SamReportContext *ctx,
                           SamSheet         *sheet)
{
  GError *error = NULL;
  g_autoptr(SamMatrix) sectors = sam_report_get_coverage (ctx, SAM_KIND_SECTOR, &error);
  g_autoptr(SamMatrix) plans = sectors ? sam_report_get_coverage (ctx, SAM_KIND_PLAN, &error) : NULL;
  g_autoptr(GPtrArray) flags = plans ? sam_report_get_message_flags (ctx, &error) : NULL;
  const char *category = "";

  if (flags == NULL)
    return sam_report_keep_error (ctx, error);
  coverage_header (sheet, sectors, plans);
  for (guint r = 0; r < sectors->rows->len && !sam_report_failed (ctx); r++)
    {
      SamMatrixHeader *h = sectors->rows->pdata[r];

      if (g_strcmp0 (h->category, category) != 0 || r == 0)
        {
          category = h->category;
          sam_sheet_text (sheet, 0, category ? sam_report_word (ctx, category) : sam_report_l (ctx, L_NO_CATEGORY),
                          ctx->fmt.group);
          sam_sheet_blank (sheet, 1, ctx->fmt.group);
          sam_sheet_next_row (sheet);
        }
      coverage_row (sheet, sectors, plans, flags, r);
    }
  finish_matrix (sheet, FIRST_CELL_COLUMN + sectors->columns->len + plans->columns->len);
  return !sam_report_failed (ctx);
}
