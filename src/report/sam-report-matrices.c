#define G_LOG_DOMAIN "sam-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sam-report-private.h"

/* The Responsibility and Coverage sheets, from the coordination module's
 * matrices. Both have two header rows (blocks of columns, then the
 * columns), the row labels in the first two columns, and the cells after.
 * Rows are outlined under their ministry or category, so they collapse. */

#define FIRST_CELL_COLUMN 2
#define FIRST_BODY_ROW 3

/* Past this many cells a coverage sheet marks its gaps with a conditional
 * format over the block rather than a formatted blank in each: a sheet of
 * 20,000 target groups × 16,000 sectors would hold 320 million of them. */
#define GAP_CELLS_LIMIT 1000000

/* What of two blocks of matrix columns, and of the rows, a sheet shows. */
typedef struct
{
  guint shown[2];       /* columns of each block */
  guint all[2];         /* those there are, those the store left out included */
  guint rows_shown;
  guint rows_all;
} Fit;

/* Fits the columns of @blocks into what is left of the sheet's 16,384
 * columns after the row labels (and @extra columns after the cells), at
 * @width sheet columns each, the first block first; and the rows, after
 * the headers and @headings rows of group headings, into the sheet's
 * rows. */
static Fit
fit_matrix (SamReportContext *ctx,
            SamMatrix        *blocks[2],
            guint             width,
            guint             extra,
            guint             headings)
{
  guint room = (LXW_COL_MAX - FIRST_CELL_COLUMN - extra) / width;
  guint row_room = ctx->max_rows > FIRST_BODY_ROW + headings ? ctx->max_rows - FIRST_BODY_ROW - headings : 0;
  Fit fit = { { 0 } };

  for (guint b = 0; b < 2; b++)
    {
      fit.all[b] = blocks[b]->columns->len + blocks[b]->n_columns_left_out;
      fit.shown[b] = MIN (blocks[b]->columns->len, room);
      room -= fit.shown[b];
    }
  fit.rows_all = blocks[0]->rows->len;
  fit.rows_shown = MIN (fit.rows_all, row_room);
  return fit;
}

static char *
left_out_message (SamReportContext *ctx,
                  const char       *sheet,
                  SamKind           kind,
                  guint             shown,
                  guint             all)
{
  switch (kind)
    {
    case SAM_KIND_SECTOR:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
        "The sheet “%s” shows %u of the %u sector; the other %u did not fit, as a sheet holds at most 16,384 columns.",
        "The sheet “%s” shows %u of the %u sectors; the other %u did not fit, as a sheet holds at most 16,384 columns.",
        all), sheet, shown, all, all - shown);
    case SAM_KIND_PLAN:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
        "The sheet “%s” shows %u of the %u plan; the other %u did not fit, as a sheet holds at most 16,384 columns.",
        "The sheet “%s” shows %u of the %u plans; the other %u did not fit, as a sheet holds at most 16,384 columns.",
        all), sheet, shown, all, all - shown);
    case SAM_KIND_MEASURE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
        "The sheet “%s” shows %u of the %u measure; the other %u did not fit, as a sheet holds at most 16,384 columns.",
        "The sheet “%s” shows %u of the %u measures; the other %u did not fit, as a sheet holds at most 16,384 columns.",
        all), sheet, shown, all, all - shown);
    case SAM_KIND_AGENCY:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
        "The sheet “%s” shows %u of the %u agency; the other %u did not fit, as a sheet holds at most %u rows.",
        "The sheet “%s” shows %u of the %u agencies; the other %u did not fit, as a sheet holds at most %u rows.",
        all), sheet, shown, all, all - shown, ctx->max_rows);
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
        "The sheet “%s” shows %u of the %u target group; the other %u did not fit, as a sheet holds at most %u rows.",
        "The sheet “%s” shows %u of the %u target groups; the other %u did not fit, as a sheet holds at most %u rows.",
        all), sheet, shown, all, all - shown, ctx->max_rows);
    }
}

/* "12 of 20 sectors", in the report's language. */
static char *
shown_of (SamReportContext *ctx,
          SamKind           kind,
          guint             shown,
          guint             all)
{
  SamReportLabel noun = kind == SAM_KIND_SECTOR ? L_N_SECTORS : kind == SAM_KIND_PLAN ? L_N_PLANS
                      : kind == SAM_KIND_MEASURE ? L_N_MEASURES : kind == SAM_KIND_AGENCY ? L_N_AGENCIES
                      : L_N_TARGET_GROUPS;

  return g_strdup_printf ("%u %s %u %s", shown, sam_report_l (ctx, L_OF), all, sam_report_l (ctx, noun));
}

/* Says what of the matrix did not fit in its sheet: at the top of the
 * sheet, beside the legend, in the report's language; and to the report's
 * caller, in the user's. */
static void
note_left_out (SamSheet  *sheet,
               SamMatrix *blocks[2],
               const Fit *fit)
{
  SamReportContext *ctx = sheet->ctx;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  const char *name = sam_report_l (ctx, sheet->name);
  g_autofree char *parts = NULL, *text = NULL;

  for (guint b = 0; b < 2; b++)
    if (fit->shown[b] < fit->all[b])
      {
        sam_report_warn (ctx, left_out_message (ctx, name, blocks[b]->column_kind, fit->shown[b], fit->all[b]));
        g_ptr_array_add (notes, shown_of (ctx, blocks[b]->column_kind, fit->shown[b], fit->all[b]));
      }
  if (fit->rows_shown < fit->rows_all)
    {
      sam_report_warn (ctx, left_out_message (ctx, name, blocks[0]->row_kind, fit->rows_shown, fit->rows_all));
      g_ptr_array_add (notes, shown_of (ctx, blocks[0]->row_kind, fit->rows_shown, fit->rows_all));
    }
  if (notes->len == 0)
    return;
  g_ptr_array_add (notes, NULL);
  parts = g_strjoinv (", ", (char **) notes->pdata);
  text = g_strdup_printf ("%s %s.", sam_report_l (ctx, L_LEFT_OUT), parts);
  sam_sheet_text (sheet, FIRST_CELL_COLUMN, text, ctx->fmt.label);
}

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
responsibility_header (SamSheet   *sheet,
                       SamMatrix  *blocks[2],
                       const Fit  *fit)
{
  SamReportContext *ctx = sheet->ctx;
  lxw_col_t col;

  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_RESPONSIBILITY_LEGEND), ctx->fmt.note);
  note_left_out (sheet, blocks, fit);
  sam_sheet_next_row (sheet);
  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_MINISTRY), ctx->fmt.header);
  sam_sheet_text (sheet, 1, sam_report_l (ctx, L_AGENCY), ctx->fmt.header);
  col = FIRST_CELL_COLUMN;
  for (guint b = 0; b < 2; b++)
    for (guint i = 0; i < fit->shown[b]; i++, col += 2)
      {
        g_autofree char *title = column_title (ctx, blocks[b]->columns->pdata[i], blocks[b]->column_kind);
        block_title (sheet, col, 2, title);
      }
  sam_sheet_next_row (sheet);
  sam_sheet_blank (sheet, 0, ctx->fmt.header);
  sam_sheet_blank (sheet, 1, ctx->fmt.header);
  for (col = FIRST_CELL_COLUMN; col < FIRST_CELL_COLUMN + 2 * (fit->shown[0] + fit->shown[1]); col += 2)
    {
      sam_sheet_text (sheet, col, sam_report_l (ctx, L_LEAD_SHORT), ctx->fmt.header);
      sam_sheet_text (sheet, col + 1, sam_report_l (ctx, L_PARTNER_SHORT), ctx->fmt.header);
    }
  sam_sheet_next_row (sheet);
}

static void
responsibility_row (SamSheet   *sheet,
                    SamMatrix  *blocks[2],
                    const Fit  *fit,
                    guint       row)
{
  SamReportContext *ctx = sheet->ctx;
  SamMatrixHeader *h = blocks[0]->rows->pdata[row];
  gboolean ministry = h->group_id != 0 && h->group_id == h->id;
  const char *group = h->group;
  lxw_col_t col = FIRST_CELL_COLUMN;

  outline_row (sheet, ministry ? 0 : 1);
  sam_sheet_text (sheet, 0, group ? group : sam_report_l (ctx, L_NO_MINISTRY), ministry ? ctx->fmt.group : NULL);
  sam_sheet_text (sheet, 1, h->label, ministry ? ctx->fmt.group : h->depth > 0 ? ctx->fmt.indent : NULL);
  for (guint b = 0; b < 2; b++)
    for (guint c = 0; c < fit->shown[b]; c++)
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
  SamMatrix *blocks[2] = { measures, plans };
  gboolean no_ministry_seen = FALSE;
  Fit fit;

  if (plans == NULL)
    return sam_report_keep_error (ctx, error);
  g_assert (measures->rows->len == plans->rows->len);
  fit = fit_matrix (ctx, blocks, 2, 0, 1);
  responsibility_header (sheet, blocks, &fit);
  for (guint r = 0; r < fit.rows_shown && !sam_report_failed (ctx); r++)
    {
      SamMatrixHeader *h = measures->rows->pdata[r];

      if (h->group_id == 0 && !no_ministry_seen)
        {
          no_ministry_seen = TRUE;
          sam_sheet_text (sheet, 0, sam_report_l (ctx, L_NO_MINISTRY), ctx->fmt.group);
          sam_sheet_blank (sheet, 1, ctx->fmt.group);
          sam_sheet_next_row (sheet);
        }
      responsibility_row (sheet, blocks, &fit, r);
    }
  finish_matrix (sheet, FIRST_CELL_COLUMN + 2 * (fit.shown[0] + fit.shown[1]) - 1);
  return !sam_report_failed (ctx);
}

/* Coverage */

static void
coverage_header (SamSheet   *sheet,
                 SamMatrix  *blocks[2],
                 const Fit  *fit)
{
  SamReportContext *ctx = sheet->ctx;
  lxw_col_t col = FIRST_CELL_COLUMN;
  guint n = fit->shown[0] + fit->shown[1];

  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_GAP_LEGEND), ctx->fmt.note);
  note_left_out (sheet, blocks, fit);
  sam_sheet_next_row (sheet);
  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_CATEGORY), ctx->fmt.header);
  sam_sheet_text (sheet, 1, sam_report_l (ctx, L_TARGET_GROUP), ctx->fmt.header);
  block_title (sheet, col, fit->shown[0], sam_report_l (ctx, L_SECTORS));
  block_title (sheet, col + fit->shown[0], fit->shown[1], sam_report_l (ctx, L_PLANS));
  sam_sheet_text (sheet, col + n, sam_report_l (ctx, L_MIXED_MESSAGES), ctx->fmt.header);
  sam_sheet_next_row (sheet);
  sam_sheet_blank (sheet, 0, ctx->fmt.header);
  sam_sheet_blank (sheet, 1, ctx->fmt.header);
  for (guint b = 0; b < 2; b++)
    for (guint i = 0; i < fit->shown[b]; i++, col++)
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
coverage_row (SamSheet   *sheet,
              SamMatrix  *blocks[2],
              const Fit  *fit,
              GPtrArray  *flags,
              guint       row)
{
  SamReportContext *ctx = sheet->ctx;
  SamMatrixHeader *h = blocks[0]->rows->pdata[row];
  g_autofree char *mixed = mixed_periods (flags, h->id);
  lxw_col_t col = FIRST_CELL_COLUMN;
  gboolean blanks = (guint64) fit->rows_shown * (fit->shown[0] + fit->shown[1]) <= GAP_CELLS_LIMIT;

  outline_row (sheet, 1);
  sam_sheet_text (sheet, 0, h->category ? sam_report_word (ctx, h->category) : sam_report_l (ctx, L_NO_CATEGORY), NULL);
  sam_sheet_text (sheet, 1, h->label, NULL);
  for (guint b = 0; b < 2; b++)
    for (guint c = 0; c < fit->shown[b]; c++, col++)
      {
        guint n = sam_matrix_get (blocks[b], row, c, SAM_MATRIX_REACHED);
        if (n > 0)
          sam_sheet_number (sheet, col, n, ctx->fmt.integer);
        else if (blanks)
          sam_sheet_blank (sheet, col, ctx->fmt.gap);
      }
  sam_sheet_text (sheet, col, mixed, mixed ? ctx->fmt.fill_red : NULL);
  sam_sheet_next_row (sheet);
}

/* The rows of category headings a coverage sheet has: one per run of
 * target groups of one category. */
static guint
count_categories (SamMatrix *m)
{
  guint n = 0;

  for (guint r = 0; r < m->rows->len; r++)
    if (r == 0 || g_strcmp0 (((SamMatrixHeader *) m->rows->pdata[r])->category,
                             ((SamMatrixHeader *) m->rows->pdata[r - 1])->category) != 0)
      n++;
  return n;
}

/* Shades the gaps of the target groups in rows @first to the current one
 * of a sheet too large for a formatted blank in each (see
 * GAP_CELLS_LIMIT), with one conditional format over their cells. */
static void
mark_gaps (SamSheet   *sheet,
           const Fit  *fit,
           lxw_row_t   first)
{
  lxw_conditional_format cf = { .type = LXW_CONDITIONAL_TYPE_BLANKS, .format = sheet->ctx->fmt.gap };
  guint n = fit->shown[0] + fit->shown[1];

  if ((guint64) fit->rows_shown * n <= GAP_CELLS_LIMIT || n == 0 || sheet->row <= first
      || sam_report_failed (sheet->ctx))
    return;
  sam_report_set_lxw_error (sheet->ctx, worksheet_conditional_format_range (sheet->ws, first, FIRST_CELL_COLUMN,
                                                                           sheet->row - 1,
                                                                           FIRST_CELL_COLUMN + n - 1, &cf));
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
  SamMatrix *blocks[2] = { sectors, plans };
  const char *category = "";
  lxw_row_t run = 0;
  Fit fit;

  if (flags == NULL)
    return sam_report_keep_error (ctx, error);
  fit = fit_matrix (ctx, blocks, 1, 1, count_categories (sectors));
  coverage_header (sheet, blocks, &fit);
  for (guint r = 0; r < fit.rows_shown && !sam_report_failed (ctx); r++)
    {
      SamMatrixHeader *h = sectors->rows->pdata[r];

      if (g_strcmp0 (h->category, category) != 0 || r == 0)
        {
          if (r > 0)
            mark_gaps (sheet, &fit, run);
          category = h->category;
          sam_sheet_text (sheet, 0, category ? sam_report_word (ctx, category) : sam_report_l (ctx, L_NO_CATEGORY),
                          ctx->fmt.group);
          sam_sheet_blank (sheet, 1, ctx->fmt.group);
          sam_sheet_next_row (sheet);
          run = sheet->row;
        }
      coverage_row (sheet, blocks, &fit, flags, r);
    }
  mark_gaps (sheet, &fit, run);
  finish_matrix (sheet, FIRST_CELL_COLUMN + fit.shown[0] + fit.shown[1]);
  return !sam_report_failed (ctx);
}
