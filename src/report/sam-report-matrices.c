#define G_LOG_DOMAIN "sam-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sam-report-private.h"

/* The Responsibility and Coverage sheets, from the coordination module's
 * matrices. Both have two header rows (blocks of columns, then the
 * columns), the row labels in the first two columns, and the cells after.
 * Rows are outlined under their ministry or category, so they collapse. */

#define FIRST_CELL_COLUMN 2
#define FIRST_BODY_ROW 3
/* A responsibility cell: lead, partner, and sector responsibility, kept
 * apart (SAM_MATRIX_LEAD, _PARTNER and _SECTOR). */
#define RESPONSIBILITY_VALUES 3

/* One block of a matrix sheet's columns: a matrix, and which of its
 * columns the sheet shows. */
typedef struct
{
  SamMatrix *matrix;
  GArray    *shown;     /* of guint: columns of the matrix */
} Block;

static void
block_clear (Block *block)
{
  g_clear_pointer (&block->shown, g_array_unref);
}

static gboolean
cell_is_empty (const SamMatrix *m,
               guint            row,
               guint            col)
{
  for (guint v = 0; v < m->n_values; v++)
    if (sam_matrix_get (m, row, col, v) > 0)
      return FALSE;
  return TRUE;
}

/* Chooses the columns of @m the sheet shows: all of them, or in a report
 * on part of the strategy only those with something in a row. */
static void
block_init (Block            *block,
            SamReportContext *ctx,
            SamMatrix        *m)
{
  gboolean drop = sam_report_drops_empty (ctx);

  block->matrix = m;
  block->shown = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint c = 0; c < m->columns->len; c++)
    {
      gboolean empty = TRUE;

      for (guint r = 0; drop && empty && r < m->rows->len; r++)
        empty = cell_is_empty (m, r, c);
      if (!drop || !empty)
        g_array_append_val (block->shown, c);
    }
}

static SamMatrixHeader *
block_column (const Block *block,
              guint        i)
{
  return block->matrix->columns->pdata[g_array_index (block->shown, guint, i)];
}

/* What of a sheet's two blocks of columns, and of its rows, the sheet
 * shows, against what there is to show. */
typedef struct
{
  guint shown[2];       /* columns of each block */
  guint all[2];         /* those there are, those the store left out included */
  guint rows_shown;
  guint rows_all;
} Fit;

/* Fits the shown columns of @blocks into what is left of the sheet's
 * 16,384 columns after the row labels (and @extra columns after the
 * cells), at @width sheet columns each, the first block first, dropping
 * those past the end; and @rows rows, after the headers and @headings rows
 * of group headings, into the sheet's rows. */
static Fit
fit_blocks (SamReportContext *ctx,
            Block             blocks[2],
            guint             width,
            guint             extra,
            guint             rows,
            guint             headings)
{
  guint room = (LXW_COL_MAX - FIRST_CELL_COLUMN - extra) / width;
  guint row_room = ctx->max_rows > FIRST_BODY_ROW + headings ? ctx->max_rows - FIRST_BODY_ROW - headings : 0;
  Fit fit = { { 0 } };

  for (guint b = 0; b < 2; b++)
    {
      fit.all[b] = blocks[b].shown->len + blocks[b].matrix->n_columns_left_out;
      if (blocks[b].shown->len > room)
        g_array_set_size (blocks[b].shown, room);
      fit.shown[b] = blocks[b].shown->len;
      room -= fit.shown[b];
    }
  fit.rows_all = rows;
  fit.rows_shown = MIN (rows, row_room);
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
note_left_out (SamSheet    *sheet,
               const Block *blocks,
               const Fit   *fit)
{
  SamReportContext *ctx = sheet->ctx;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  const char *name = sam_report_l (ctx, sheet->name);
  g_autofree char *parts = NULL, *text = NULL;

  for (guint b = 0; b < 2; b++)
    if (fit->shown[b] < fit->all[b])
      {
        sam_report_warn (ctx, left_out_message (ctx, name, blocks[b].matrix->column_kind, fit->shown[b], fit->all[b]));
        g_ptr_array_add (notes, shown_of (ctx, blocks[b].matrix->column_kind, fit->shown[b], fit->all[b]));
      }
  if (fit->rows_shown < fit->rows_all)
    {
      sam_report_warn (ctx, left_out_message (ctx, name, blocks[0].matrix->row_kind, fit->rows_shown, fit->rows_all));
      g_ptr_array_add (notes, shown_of (ctx, blocks[0].matrix->row_kind, fit->rows_shown, fit->rows_all));
    }
  if (notes->len == 0)
    return;
  g_ptr_array_add (notes, NULL);
  parts = g_strjoinv (", ", (char **) notes->pdata);
  text = g_strdup_printf ("%s %s.", sam_report_l (ctx, L_LEFT_OUT), parts);
  sam_sheet_text (sheet, FIRST_CELL_COLUMN, text, ctx->fmt.label);
}

/* TRUE when row @row has something in a shown column of any of @blocks. */
static gboolean
row_is_marked (const Block *blocks,
               guint        n_blocks,
               guint        row)
{
  for (guint b = 0; b < n_blocks; b++)
    for (guint i = 0; i < blocks[b].shown->len; i++)
      if (!cell_is_empty (blocks[b].matrix, row, g_array_index (blocks[b].shown, guint, i)))
        return TRUE;
  return FALSE;
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

/* Sets the width of the first column to its longest text (@texts, with
 * @label), within bounds: longer ones wrap. */
static void
set_columns (SamSheet   *sheet,
             GPtrArray  *texts,
             const char *label,
             double      label_width,
             lxw_col_t   last_col,
             double      cell_width)
{
  SamReportContext *ctx = sheet->ctx;
  double width = sam_report_column_width_for (label, TRUE);

  for (guint i = 0; i < texts->len; i++)
    width = MAX (width, sam_report_column_width_for (texts->pdata[i], TRUE));
  sam_sheet_set_columns (sheet, 0, 0, CLAMP (ceil (width), 14, 36), ctx->fmt.wrap);
  sam_sheet_set_columns (sheet, 1, 1, label_width, ctx->fmt.wrap);
  if (last_col >= FIRST_CELL_COLUMN)
    sam_sheet_set_columns (sheet, FIRST_CELL_COLUMN, last_col, cell_width, NULL);
}

static void
finish_matrix (SamSheet  *sheet,
               lxw_col_t  last_col)
{
  SamReportContext *ctx = sheet->ctx;

  if (sam_report_failed (ctx))
    return;
  sam_lxw.worksheet_freeze_panes (sheet->ws, FIRST_BODY_ROW, FIRST_CELL_COLUMN);
  sam_report_set_lxw_error (ctx, sam_lxw.worksheet_autofilter (sheet->ws, FIRST_BODY_ROW - 1, 0,
                                                               MAX (sheet->row, FIRST_BODY_ROW) - 1, last_col));
  sam_lxw.worksheet_outline_settings (sheet->ws, LXW_TRUE, LXW_FALSE, LXW_TRUE, LXW_FALSE);
}

/* Responsibility */

static void
responsibility_header (SamSheet    *sheet,
                       const Block *blocks,
                       guint        n_blocks,
                       const Fit   *fit)
{
  SamReportContext *ctx = sheet->ctx;
  lxw_col_t col;

  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_RESPONSIBILITY_LEGEND), ctx->fmt.note);
  note_left_out (sheet, blocks, fit);
  sam_sheet_next_row (sheet);
  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_MINISTRY), ctx->fmt.header);
  sam_sheet_text (sheet, 1, sam_report_l (ctx, L_AGENCY), ctx->fmt.header);
  col = FIRST_CELL_COLUMN;
  for (guint b = 0; b < n_blocks; b++)
    for (guint i = 0; i < blocks[b].shown->len; i++, col += RESPONSIBILITY_VALUES)
      {
        g_autofree char *title = column_title (ctx, block_column (&blocks[b], i), blocks[b].matrix->column_kind);
        sam_sheet_merge (sheet, col, RESPONSIBILITY_VALUES, title, ctx->fmt.header_center);
      }
  sam_sheet_next_row (sheet);
  sam_sheet_blank (sheet, 0, ctx->fmt.header);
  sam_sheet_blank (sheet, 1, ctx->fmt.header);
  for (lxw_col_t c = FIRST_CELL_COLUMN; c < col; c += RESPONSIBILITY_VALUES)
    {
      sam_sheet_text (sheet, c, sam_report_l (ctx, L_LEAD_SHORT), ctx->fmt.header_center);
      sam_sheet_text (sheet, c + 1, sam_report_l (ctx, L_PARTNER_SHORT), ctx->fmt.header_center);
      sam_sheet_text (sheet, c + 2, sam_report_l (ctx, L_SECTOR_SHORT), ctx->fmt.header_center);
    }
  sam_sheet_next_row (sheet);
}

static void
responsibility_row (SamSheet    *sheet,
                    const Block *blocks,
                    guint        n_blocks,
                    guint        row)
{
  SamReportContext *ctx = sheet->ctx;
  SamMatrixHeader *h = blocks[0].matrix->rows->pdata[row];
  gboolean ministry = h->group_id != 0 && h->group_id == h->id;
  const char *group = h->group;
  lxw_col_t col = FIRST_CELL_COLUMN;

  sheet->row_level = ministry ? 0 : 1;
  sam_sheet_text (sheet, 0, group ? group : sam_report_l (ctx, L_NO_MINISTRY), ministry ? ctx->fmt.group : NULL);
  sam_sheet_text (sheet, 1, h->label, ministry ? ctx->fmt.group : h->depth > 0 ? ctx->fmt.indent : NULL);
  for (guint b = 0; b < n_blocks; b++)
    for (guint i = 0; i < blocks[b].shown->len; i++)
      for (guint v = 0; v < RESPONSIBILITY_VALUES; v++, col++)
        {
          guint n = sam_matrix_get (blocks[b].matrix, row, g_array_index (blocks[b].shown, guint, i), v);
          if (n > 0)
            sam_sheet_number (sheet, col, n, ctx->fmt.count);
        }
  sam_sheet_next_row (sheet);
}

/* Returns the rows of @blocks the sheet shows, in order: all of them, or
 * in a report on part of the strategy those with marks, under the
 * ministries they belong to. */
static GArray *
responsibility_rows (SamReportContext *ctx,
                     const Block      *blocks,
                     guint             n_blocks)
{
  GPtrArray *rows = blocks[0].matrix->rows;
  GArray *shown = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) groups = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean drop = sam_report_drops_empty (ctx);

  for (guint r = 0; drop && r < rows->len; r++)
    if (row_is_marked (blocks, n_blocks, r))
      g_hash_table_add (groups, &((SamMatrixHeader *) rows->pdata[r])->group_id);
  for (guint r = 0; r < rows->len; r++)
    {
      SamMatrixHeader *h = rows->pdata[r];
      gboolean ministry = h->group_id != 0 && h->group_id == h->id;

      if (!drop || row_is_marked (blocks, n_blocks, r) || (ministry && g_hash_table_contains (groups, &h->id)))
        g_array_append_val (shown, r);
    }
  return shown;
}

/* Writes the Responsibility sheet: agencies grouped under their ministry
 * (agencies under no ministry last) against the measures, then the plans,
 * each with a lead, a partner and a sector responsibility count; zero
 * counts stay empty. */
gboolean
sam_report_write_responsibility (SamReportContext *ctx,
                                 SamSheet         *sheet)
{
  GError *error = NULL;
  g_autoptr(SamMatrix) measures = sam_report_get_responsibility (ctx, SAM_KIND_MEASURE, &error);
  g_autoptr(SamMatrix) plans = measures ? sam_report_get_responsibility (ctx, SAM_KIND_PLAN, &error) : NULL;
  Block blocks[2] = { { 0 } };
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  gboolean no_ministry_seen = FALSE;
  lxw_col_t last;
  Fit fit;

  if (plans == NULL)
    return sam_report_keep_error (ctx, error);
  g_assert (measures->rows->len == plans->rows->len);
  block_init (&blocks[0], ctx, measures);
  block_init (&blocks[1], ctx, plans);
  {
    rows = responsibility_rows (ctx, blocks, G_N_ELEMENTS (blocks));
    fit = fit_blocks (ctx, blocks, RESPONSIBILITY_VALUES, 0, rows->len, 1);
    g_array_set_size (rows, fit.rows_shown);
    for (guint i = 0; i < rows->len; i++)
      {
        SamMatrixHeader *h = measures->rows->pdata[g_array_index (rows, guint, i)];
        if (h->group)
          g_ptr_array_add (groups, h->group);
      }
    last = FIRST_CELL_COLUMN + RESPONSIBILITY_VALUES * (fit.shown[0] + fit.shown[1]) - 1;
    set_columns (sheet, groups, sam_report_l (ctx, L_NO_MINISTRY), 40, last, 10);
    /* On paper, a cell's lead, partner and sector counts stay on one page. */
    sam_sheet_set_print (sheet, FIRST_BODY_ROW - 2, FIRST_BODY_ROW - 1, FIRST_CELL_COLUMN, RESPONSIBILITY_VALUES);
    responsibility_header (sheet, blocks, G_N_ELEMENTS (blocks), &fit);
    for (guint i = 0; i < rows->len && !sam_report_failed (ctx); i++)
      {
        guint r = g_array_index (rows, guint, i);
        SamMatrixHeader *h = measures->rows->pdata[r];

        if (h->group_id == 0 && !no_ministry_seen)
          {
            no_ministry_seen = TRUE;
            sam_sheet_text (sheet, 0, sam_report_l (ctx, L_NO_MINISTRY), ctx->fmt.group);
            sam_sheet_blank (sheet, 1, ctx->fmt.group);
            sam_sheet_next_row (sheet);
          }
        responsibility_row (sheet, blocks, G_N_ELEMENTS (blocks), r);
      }
  }
  block_clear (&blocks[0]);
  block_clear (&blocks[1]);
  finish_matrix (sheet, last);
  return !sam_report_failed (ctx);
}

/* Coverage */

static void
coverage_header (SamSheet    *sheet,
                 const Block *blocks,
                 const Fit   *fit)
{
  SamReportContext *ctx = sheet->ctx;
  lxw_col_t col = FIRST_CELL_COLUMN;
  guint n = fit->shown[0] + fit->shown[1];

  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_GAP_LEGEND), ctx->fmt.note);
  note_left_out (sheet, blocks, fit);
  sam_sheet_next_row (sheet);
  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_CATEGORY), ctx->fmt.header);
  sam_sheet_text (sheet, 1, sam_report_l (ctx, L_TARGET_GROUP), ctx->fmt.header);
  sam_sheet_merge (sheet, col, fit->shown[0], sam_report_l (ctx, L_SECTORS), ctx->fmt.header);
  sam_sheet_merge (sheet, col + fit->shown[0], fit->shown[1], sam_report_l (ctx, L_PLANS), ctx->fmt.header);
  sam_sheet_text (sheet, col + n, sam_report_l (ctx, L_MIXED_MESSAGES), ctx->fmt.header);
  sam_sheet_next_row (sheet);
  sam_sheet_blank (sheet, 0, ctx->fmt.header);
  sam_sheet_blank (sheet, 1, ctx->fmt.header);
  for (guint b = 0; b < 2; b++)
    for (guint i = 0; i < blocks[b].shown->len; i++, col++)
      {
        g_autofree char *title = column_title (ctx, block_column (&blocks[b], i), blocks[b].matrix->column_kind);
        sam_sheet_text (sheet, col, title, ctx->fmt.header_center);
      }
  sam_sheet_blank (sheet, col, ctx->fmt.header);
  sam_sheet_next_row (sheet);
}

/* Returns @code as a reader outside the secretariat reads it, with its
 * dates: "2026-T3 (1 Sep – 31 Dec 2026)". */
static char *
period_text (SamReportContext *ctx,
             const char       *code)
{
  for (guint i = 0; ctx->periods && i < ctx->periods->len; i++)
    if (g_strcmp0 (((SamPeriod *) ctx->periods->pdata[i])->code, code) == 0)
      return sam_report_period_text (ctx, ctx->periods->pdata[i]);
  return g_strdup (code);
}

/* Returns the periods in which @flags give target group @id different
 * messages, with their dates, "; " between, or NULL. */
static char *
mixed_periods (SamReportContext *ctx,
               GPtrArray        *flags,
               gint64            id)
{
  GString *periods = NULL;

  for (guint i = 0; i < flags->len; i++)
    {
      SamMessageFlag *f = flags->pdata[i];
      g_autofree char *text = NULL;

      if (f->target_group_id != id)
        continue;
      text = period_text (ctx, f->period);
      if (periods == NULL)
        periods = g_string_new (text);
      else
        g_string_append_printf (periods, "; %s", text);
    }
  return periods ? g_string_free (periods, FALSE) : NULL;
}

static void
coverage_row (SamSheet    *sheet,
              const Block *blocks,
              GPtrArray   *flags,
              guint        row)
{
  SamReportContext *ctx = sheet->ctx;
  SamMatrixHeader *h = blocks[0].matrix->rows->pdata[row];
  g_autofree char *mixed = mixed_periods (ctx, flags, h->id);
  lxw_col_t col = FIRST_CELL_COLUMN;

  sheet->row_level = 1;
  sam_sheet_text (sheet, 0, h->category ? sam_report_word (ctx, h->category) : sam_report_l (ctx, L_NO_CATEGORY), NULL);
  sam_sheet_text (sheet, 1, h->label, NULL);
  for (guint b = 0; b < 2; b++)
    for (guint i = 0; i < blocks[b].shown->len; i++, col++)
      {
        guint n = sam_matrix_get (blocks[b].matrix, row, g_array_index (blocks[b].shown, guint, i),
                                  SAM_MATRIX_REACHED);
        /* A gap stays empty: mark_gaps() shades it. */
        if (n > 0)
          sam_sheet_number (sheet, col, n, ctx->fmt.count);
      }
  sam_sheet_text (sheet, col, mixed, mixed ? ctx->fmt.alert : NULL);
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
 * with one conditional format over their cells, as a formatted blank in
 * each would: the blanks were a third of the sheet's cells and of the time
 * it took to write (and a sheet of 20,000 target groups × 16,000 sectors
 * would hold 320 million of them). */
static void
mark_gaps (SamSheet   *sheet,
           const Fit  *fit,
           lxw_row_t   first)
{
  lxw_conditional_format cf = { .type = LXW_CONDITIONAL_TYPE_BLANKS, .format = sheet->ctx->fmt.gap };
  guint n = fit->shown[0] + fit->shown[1];

  if (n == 0 || sheet->row <= first || sam_report_failed (sheet->ctx))
    return;
  sam_report_set_lxw_error (sheet->ctx, sam_lxw.worksheet_conditional_format_range (sheet->ws, first, FIRST_CELL_COLUMN,
                                                                                   sheet->row - 1,
                                                                                   FIRST_CELL_COLUMN + n - 1, &cf));
}

/* Writes the Coverage sheet: target groups by category against the
 * sectors, then the plans, each cell the activities in scope reaching the
 * group there, empty gaps shaded; and the periods in which information
 * activities give the group different messages. A report on part of the
 * strategy leaves out the sectors and plans it reaches no group in; what
 * does not fit in a sheet is left out and said. */
gboolean
sam_report_write_coverage (SamReportContext *ctx,
                           SamSheet         *sheet)
{
  GError *error = NULL;
  g_autoptr(SamMatrix) sectors = sam_report_get_coverage (ctx, SAM_KIND_SECTOR, &error);
  g_autoptr(SamMatrix) plans = sectors ? sam_report_get_coverage (ctx, SAM_KIND_PLAN, &error) : NULL;
  g_autoptr(GPtrArray) flags = plans ? sam_report_get_message_flags (ctx, &error) : NULL;
  Block blocks[2] = { { 0 } };
  g_autoptr(GPtrArray) categories = g_ptr_array_new ();
  const char *category = "";
  lxw_row_t run = 0;
  lxw_col_t mixed;
  Fit fit;

  if (flags == NULL)
    return sam_report_keep_error (ctx, error);
  block_init (&blocks[0], ctx, sectors);
  block_init (&blocks[1], ctx, plans);
  fit = fit_blocks (ctx, blocks, 1, 1, sectors->rows->len, count_categories (sectors));
  for (guint r = 0; r < fit.rows_shown; r++)
    {
      SamMatrixHeader *h = sectors->rows->pdata[r];
      g_ptr_array_add (categories, (gpointer) (h->category ? sam_report_word (ctx, h->category) : ""));
    }
  mixed = FIRST_CELL_COLUMN + fit.shown[0] + fit.shown[1];
  set_columns (sheet, categories, sam_report_l (ctx, L_NO_CATEGORY), 40, mixed - 1, 12);
  sam_sheet_set_columns (sheet, mixed, mixed, 16, ctx->fmt.wrap);
  sam_sheet_set_print (sheet, FIRST_BODY_ROW - 2, FIRST_BODY_ROW - 1, FIRST_CELL_COLUMN, 1);
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
      coverage_row (sheet, blocks, flags, r);
    }
  mark_gaps (sheet, &fit, run);
  block_clear (&blocks[0]);
  block_clear (&blocks[1]);
  finish_matrix (sheet, mixed);
  return !sam_report_failed (ctx);
}
