#define G_LOG_DOMAIN "sam-report"

#include "config.h"

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

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Block, block_clear)

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
  worksheet_freeze_panes (sheet->ws, FIRST_BODY_ROW, FIRST_CELL_COLUMN);
  sam_report_set_lxw_error (ctx, worksheet_autofilter (sheet->ws, FIRST_BODY_ROW - 1, 0,
                                                       MAX (sheet->row, FIRST_BODY_ROW) - 1, last_col));
  worksheet_outline_settings (sheet->ws, LXW_TRUE, LXW_FALSE, LXW_TRUE, LXW_FALSE);
}

/* Responsibility */

static void
responsibility_header (SamSheet    *sheet,
                       const Block *blocks,
                       guint        n_blocks)
{
  SamReportContext *ctx = sheet->ctx;
  lxw_col_t col;

  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_RESPONSIBILITY_LEGEND), ctx->fmt.note);
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
  g_auto(Block) by_measure = { 0 };
  g_auto(Block) by_plan = { 0 };
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  gboolean no_ministry_seen = FALSE;
  lxw_col_t last;

  if (plans == NULL)
    return sam_report_keep_error (ctx, error);
  g_assert (measures->rows->len == plans->rows->len);
  block_init (&by_measure, ctx, measures);
  block_init (&by_plan, ctx, plans);
  {
    const Block blocks[] = { by_measure, by_plan };

    rows = responsibility_rows (ctx, blocks, G_N_ELEMENTS (blocks));
    for (guint i = 0; i < rows->len; i++)
      {
        SamMatrixHeader *h = measures->rows->pdata[g_array_index (rows, guint, i)];
        if (h->group)
          g_ptr_array_add (groups, h->group);
      }
    last = FIRST_CELL_COLUMN + RESPONSIBILITY_VALUES * (by_measure.shown->len + by_plan.shown->len) - 1;
    set_columns (sheet, groups, sam_report_l (ctx, L_NO_MINISTRY), 40, last, 10);
    /* On paper, a cell's lead, partner and sector counts stay on one page. */
    sam_sheet_set_print (sheet, FIRST_BODY_ROW - 2, FIRST_BODY_ROW - 1, FIRST_CELL_COLUMN, RESPONSIBILITY_VALUES);
    responsibility_header (sheet, blocks, G_N_ELEMENTS (blocks));
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
  finish_matrix (sheet, last);
  return !sam_report_failed (ctx);
}

/* Coverage */

static void
coverage_header (SamSheet    *sheet,
                 const Block *sectors,
                 const Block *plans)
{
  SamReportContext *ctx = sheet->ctx;
  const Block *blocks[] = { sectors, plans };
  lxw_col_t col = FIRST_CELL_COLUMN;
  guint n = sectors->shown->len + plans->shown->len;

  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_GAP_LEGEND), ctx->fmt.note);
  sam_sheet_next_row (sheet);
  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_CATEGORY), ctx->fmt.header);
  sam_sheet_text (sheet, 1, sam_report_l (ctx, L_TARGET_GROUP), ctx->fmt.header);
  sam_sheet_merge (sheet, col, sectors->shown->len, sam_report_l (ctx, L_SECTORS), ctx->fmt.header);
  sam_sheet_merge (sheet, col + sectors->shown->len, plans->shown->len, sam_report_l (ctx, L_PLANS), ctx->fmt.header);
  sam_sheet_text (sheet, col + n, sam_report_l (ctx, L_MIXED_MESSAGES), ctx->fmt.header);
  sam_sheet_next_row (sheet);
  sam_sheet_blank (sheet, 0, ctx->fmt.header);
  sam_sheet_blank (sheet, 1, ctx->fmt.header);
  for (guint b = 0; b < G_N_ELEMENTS (blocks); b++)
    for (guint i = 0; i < blocks[b]->shown->len; i++, col++)
      {
        g_autofree char *title = column_title (ctx, block_column (blocks[b], i), blocks[b]->matrix->column_kind);
        sam_sheet_text (sheet, col, title, ctx->fmt.header_center);
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
coverage_row (SamSheet    *sheet,
              const Block *sectors,
              const Block *plans,
              GPtrArray   *flags,
              guint        row)
{
  SamReportContext *ctx = sheet->ctx;
  SamMatrixHeader *h = sectors->matrix->rows->pdata[row];
  const Block *blocks[] = { sectors, plans };
  g_autofree char *mixed = mixed_periods (flags, h->id);
  lxw_col_t col = FIRST_CELL_COLUMN;

  sheet->row_level = 1;
  sam_sheet_text (sheet, 0, h->category ? sam_report_word (ctx, h->category) : sam_report_l (ctx, L_NO_CATEGORY), NULL);
  sam_sheet_text (sheet, 1, h->label, NULL);
  for (guint b = 0; b < G_N_ELEMENTS (blocks); b++)
    for (guint i = 0; i < blocks[b]->shown->len; i++, col++)
      {
        guint n = sam_matrix_get (blocks[b]->matrix, row, g_array_index (blocks[b]->shown, guint, i),
                                  SAM_MATRIX_REACHED);
        if (n > 0)
          sam_sheet_number (sheet, col, n, ctx->fmt.count);
        else
          sam_sheet_blank (sheet, col, ctx->fmt.gap);
      }
  sam_sheet_text (sheet, col, mixed, mixed ? ctx->fmt.fill_red : NULL);
  sam_sheet_next_row (sheet);
}

/* Writes the Coverage sheet: target groups by category against the
 * sectors, then the plans, each cell the activities in scope reaching the
 * group there, empty gaps shaded; and the periods in which information
 * activities give the group different messages. A report on part of the
 * strategy leaves out the sectors and plans it reaches no group in. */
gboolean
sam_report_write_coverage (SamReportContext *ctx,
                           SamSheet         *sheet)
{
  GError *error = NULL;
  g_autoptr(SamMatrix) sectors = sam_report_get_coverage (ctx, SAM_KIND_SECTOR, &error);
  g_autoptr(SamMatrix) plans = sectors ? sam_report_get_coverage (ctx, SAM_KIND_PLAN, &error) : NULL;
  g_autoptr(GPtrArray) flags = plans ? sam_report_get_message_flags (ctx, &error) : NULL;
  g_auto(Block) by_sector = { 0 };
  g_auto(Block) by_plan = { 0 };
  g_autoptr(GPtrArray) categories = g_ptr_array_new ();
  const char *category = "";
  lxw_col_t mixed;

  if (flags == NULL)
    return sam_report_keep_error (ctx, error);
  block_init (&by_sector, ctx, sectors);
  block_init (&by_plan, ctx, plans);
  for (guint r = 0; r < sectors->rows->len; r++)
    {
      SamMatrixHeader *h = sectors->rows->pdata[r];
      g_ptr_array_add (categories, (gpointer) (h->category ? sam_report_word (ctx, h->category) : ""));
    }
  mixed = FIRST_CELL_COLUMN + by_sector.shown->len + by_plan.shown->len;
  set_columns (sheet, categories, sam_report_l (ctx, L_NO_CATEGORY), 40, mixed - 1, 12);
  sam_sheet_set_columns (sheet, mixed, mixed, 16, ctx->fmt.wrap);
  sam_sheet_set_print (sheet, FIRST_BODY_ROW - 2, FIRST_BODY_ROW - 1, FIRST_CELL_COLUMN, 1);
  coverage_header (sheet, &by_sector, &by_plan);
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
      coverage_row (sheet, &by_sector, &by_plan, flags, r);
    }
  finish_matrix (sheet, mixed);
  return !sam_report_failed (ctx);
}
