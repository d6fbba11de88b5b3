#define G_LOG_DOMAIN "sam-report"

#include "config.h"

#include "sam-report-private.h"

/* The Summary sheet: what the report covers, activities by status per
 * measure, the whole strategy's seminars compared with the year's target,
 * and under them a chart of the first table. libxlsxwriter holds this
 * sheet in memory (see write_workbook()), so that the chart carries the
 * values it shows. */

/* Columns of the per-measure table. */
enum {
  COL_NUMBER,
  COL_TITLE,
  COL_FIRST_STATUS,
  COL_TOTAL = COL_FIRST_STATUS + SAM_N_STATUSES,
  COL_AVERAGE,
  COL_OVERDUE,
  COL_NOT_REPORTED,
  COL_CHANGE,
  COL_LIGHT,
  N_MEASURE_COLUMNS,
};

static const lxw_color_t status_colours[SAM_N_STATUSES] = {
  0xA6A6A6, 0x5B9BD5, 0x70AD47, 0xE15759, 0xD9D9D9,
};

static void
write_heading (SamReportContext *ctx,
               SamSheet         *sheet)
{
  g_autofree char *scope = sam_report_scope_label (ctx);

  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_REPORT_TITLE), ctx->fmt.title);
  sam_sheet_next_row (sheet);
  sam_sheet_text (sheet, 0, ctx->strategy_title, ctx->fmt.label);
  sam_sheet_next_row (sheet);
  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_SCOPE), ctx->fmt.label);
  sam_sheet_text (sheet, 1, scope, ctx->fmt.wrap);
  sam_sheet_next_row (sheet);
  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_PERIOD), ctx->fmt.label);
  if (ctx->period)
    sam_sheet_text (sheet, 1, ctx->period_text, NULL);
  else
    sam_sheet_text (sheet, 1, sam_report_l (ctx, L_NO_PERIOD), NULL);
  sam_sheet_next_row (sheet);
  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_WRITTEN), ctx->fmt.label);
  sam_sheet_date (sheet, 1, ctx->today, ctx->fmt.date_left);
  sam_sheet_next_row (sheet);
  if (ctx->closing)
    {
      /* When, never by whom: the report names no person. */
      sam_sheet_text (sheet, 0, sam_report_l (ctx, L_CLOSED), ctx->fmt.label);
      sam_sheet_date (sheet, 1, sam_record_get_string (ctx->closing, "closed_at"), ctx->fmt.date_left);
      sam_sheet_next_row (sheet);
      sam_sheet_text (sheet, 1, sam_report_l (ctx, L_CLOSED_NOTE), ctx->fmt.wrap);
      sam_sheet_next_row (sheet);
    }
  sam_sheet_next_row (sheet);
}

static void
write_measure_header (SamReportContext *ctx,
                      SamSheet         *sheet)
{
  static const SamReportLabel labels[N_MEASURE_COLUMNS] = {
    L_MEASURE, L_MEASURE_TITLE, 0, 0, 0, 0, 0, L_TOTAL, L_AVERAGE_PROGRESS, L_OVERDUE, L_NOT_REPORTED,
    L_CHANGE, L_LIGHT,
  };

  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_BY_STATUS), ctx->fmt.label);
  sam_sheet_next_row (sheet);
  for (guint c = 0; c < N_MEASURE_COLUMNS; c++)
    {
      const char *text = c >= COL_FIRST_STATUS && c < COL_TOTAL
                         ? sam_report_word (ctx, sam_status_values[c - COL_FIRST_STATUS].nick)
                         : sam_report_l (ctx, labels[c]);
      sam_sheet_text (sheet, c, text, c == COL_TITLE ? ctx->fmt.header
                                      : c == COL_NUMBER || c == COL_LIGHT ? ctx->fmt.header_center
                                      : ctx->fmt.header_number);
    }
  sam_sheet_next_row (sheet);
}

static void
write_measure (SamReportContext        *ctx,
               SamSheet                *sheet,
               const SamMeasureSummary *m)
{
  sam_sheet_number (sheet, COL_NUMBER, (double) m->number, ctx->fmt.count);
  sam_sheet_text (sheet, COL_TITLE, m->title, ctx->fmt.wrap);
  for (guint i = 0; i < SAM_N_STATUSES; i++)
    sam_sheet_number (sheet, COL_FIRST_STATUS + i, m->by_status[i], ctx->fmt.integer);
  sam_sheet_number (sheet, COL_TOTAL, m->total, ctx->fmt.integer);
  if (m->live > 0)
    sam_sheet_number (sheet, COL_AVERAGE, (double) m->progress_sum / m->live, ctx->fmt.decimal);
  sam_sheet_number (sheet, COL_OVERDUE, m->overdue, ctx->fmt.integer);
  if (ctx->period)
    sam_sheet_number (sheet, COL_NOT_REPORTED, m->not_reported, ctx->fmt.integer);
  if (m->live > 0 && m->previous_progress >= 0)
    sam_sheet_number (sheet, COL_CHANGE, (double) m->progress_sum / m->live - m->previous_progress,
                      ctx->fmt.signed_decimal);
  if (m->light != SAM_LIGHT_NONE)
    sam_sheet_text (sheet, COL_LIGHT, sam_report_light_word (ctx, m->light), ctx->fmt.light[m->light]);
  sam_sheet_next_row (sheet);
}

/* Under the table, what its light and change mean. */
static void
write_rules (SamReportContext *ctx,
             SamSheet         *sheet)
{
  g_autofree char *change = NULL;

  sam_sheet_merge (sheet, 0, N_MEASURE_COLUMNS, sam_report_l (ctx, L_LIGHT_RULE), ctx->fmt.note_wrap);
  sam_sheet_next_row (sheet);
  if (ctx->previous)
    change = g_strdup_printf ("%s %s.", sam_report_l (ctx, L_CHANGE_RULE), ctx->previous->code);
  sam_sheet_merge (sheet, 0, N_MEASURE_COLUMNS, change ? change : sam_report_l (ctx, L_NO_PREVIOUS), ctx->fmt.note_wrap);
  sam_sheet_next_row (sheet);
}

/* The latest status comments of each measure in the table, as a short
 * narrative: the measure, then "Activity (period): comment" a line each. */
static gboolean
write_comments (SamReportContext *ctx,
                SamSheet         *sheet,
                GPtrArray        *measures)
{
  GError *error = NULL;
  g_autoptr(GPtrArray) comments = sam_report_get_comments (ctx, &error);
  gboolean any = FALSE;

  if (comments == NULL)
    return sam_report_keep_error (ctx, error);
  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_LATEST_COMMENTS), ctx->fmt.label);
  sam_sheet_next_row (sheet);
  for (guint i = 0; i < measures->len; i++)
    {
      SamMeasureSummary *m = measures->pdata[i];
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint j = 0; j < comments->len; j++)
        {
          SamCommentRow *c = comments->pdata[j];

          if (c->measure_id != m->measure_id)
            continue;
          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append_printf (text, c->period ? "%s (%s): %s" : "%s%s: %s", c->activity,
                                  c->period ? c->period : "", c->comment);
        }
      if (text->len == 0)
        continue;
      any = TRUE;
      sam_sheet_number (sheet, COL_NUMBER, (double) m->number, ctx->fmt.count);
      sam_sheet_merge (sheet, COL_TITLE, N_MEASURE_COLUMNS - COL_TITLE, text->str, ctx->fmt.wrap);
      sam_sheet_next_row (sheet);
    }
  if (!any)
    {
      sam_sheet_text (sheet, 0, sam_report_l (ctx, L_NO_COMMENTS), ctx->fmt.note);
      sam_sheet_next_row (sheet);
    }
  return !sam_report_failed (ctx);
}

/* The totals row: sums as formulas carrying their values, the average
 * over all live activities (not an average of averages) as a number, and
 * nothing under the change and the light. */
static void
write_totals (SamReportContext *ctx,
              SamSheet         *sheet,
              GPtrArray        *measures,
              lxw_row_t         first)
{
  guint64 sums[N_MEASURE_COLUMNS] = { 0 };
  guint64 live = 0, progress = 0;

  for (guint i = 0; i < measures->len; i++)
    {
      SamMeasureSummary *m = measures->pdata[i];
      for (guint s = 0; s < SAM_N_STATUSES; s++)
        sums[COL_FIRST_STATUS + s] += m->by_status[s];
      sums[COL_TOTAL] += m->total;
      sums[COL_OVERDUE] += m->overdue;
      sums[COL_NOT_REPORTED] += m->not_reported;
      live += m->live;
      progress += (guint64) m->progress_sum;
    }
  sam_sheet_text (sheet, COL_NUMBER, sam_report_l (ctx, L_TOTAL), ctx->fmt.total);
  sam_sheet_blank (sheet, COL_TITLE, ctx->fmt.total);
  for (guint c = COL_FIRST_STATUS; c < N_MEASURE_COLUMNS; c++)
    {
      char from[LXW_MAX_CELL_NAME_LENGTH], to[LXW_MAX_CELL_NAME_LENGTH];
      g_autofree char *formula = NULL;

      if (c == COL_AVERAGE)
        {
          if (live > 0)
            sam_sheet_number (sheet, c, (double) progress / live, ctx->fmt.total_decimal);
          else
            sam_sheet_blank (sheet, c, ctx->fmt.total);
          continue;
        }
      /* A change in percentage points per measure does not add up to
       * the strategy's, nor do the lights: no sum under either. */
      if ((c == COL_NOT_REPORTED && ctx->period == NULL) || c == COL_CHANGE || c == COL_LIGHT
          || measures->len == 0)
        {
          sam_sheet_blank (sheet, c, ctx->fmt.total);
          continue;
        }
      sam_lxw.lxw_rowcol_to_cell (from, first, c);
      sam_lxw.lxw_rowcol_to_cell (to, first + measures->len - 1, c);
      formula = g_strdup_printf ("=SUM(%s:%s)", from, to);
      sam_sheet_formula (sheet, c, formula, (double) sums[c], ctx->fmt.total_integer);
    }
  sam_sheet_next_row (sheet);
}

/* The chart: 1.8 × 1.3 times Excel's 480 × 288 pixels, over as many
 * rows of CHART_ROW_HEIGHT points (and one more) kept for it. */
#define CHART_X_SCALE    1.8
#define CHART_Y_SCALE    1.3
#define CHART_ROW_HEIGHT 15.75
#define CHART_ROWS       ((guint) (288 * CHART_Y_SCALE * 0.75 / CHART_ROW_HEIGHT) + 2)

/* Keeps CHART_ROWS rows from the current row for the chart, each of a
 * height every application reads the same. */
static lxw_row_t
keep_chart_rows (SamSheet *sheet)
{
  lxw_row_t first = sheet->row;

  for (guint i = 0; i < CHART_ROWS; i++)
    {
      sheet->row_height = CHART_ROW_HEIGHT;
      sam_sheet_next_row (sheet);
    }
  return first;
}

/* Puts the chart of the measures' table (@measures, in the rows under
 * row @header) at row @at, under the Summary's heading: there it neither
 * shrinks the tables when printed, as it did beside them, nor falls
 * across a page break, as it did below them in Gnumeric (which ignores
 * manual page breaks). The sheet is held in memory, so the chart may be
 * placed over rows already written. */
static void
insert_chart (SamReportContext *ctx,
              SamSheet         *sheet,
              lxw_row_t         at,
              lxw_row_t         header,
              GPtrArray        *measures)
{
  guint n_measures = measures->len, most = 0;
  lxw_chart *chart = sam_lxw.workbook_add_chart (ctx->workbook, LXW_CHART_COLUMN_STACKED);
  lxw_chart_options options = { .x_scale = CHART_X_SCALE, .y_scale = CHART_Y_SCALE };
  const char *name = sam_report_l (ctx, L_SHEET_SUMMARY);

  if (chart == NULL)
    return;
  for (guint i = 0; i < n_measures; i++)
    most = MAX (most, ((SamMeasureSummary *) measures->pdata[i])->total);
  for (guint s = 0; s < SAM_N_STATUSES; s++)
    {
      lxw_chart_series *series = sam_lxw.chart_add_series (chart, NULL, NULL);
      lxw_chart_fill colour = { .color = status_colours[s] };

      sam_lxw.chart_series_set_categories (series, name, header + 1, COL_NUMBER, header + n_measures, COL_NUMBER);
      sam_lxw.chart_series_set_values (series, name, header + 1, COL_FIRST_STATUS + s,
                                       header + n_measures, COL_FIRST_STATUS + s);
      sam_lxw.chart_series_set_name_range (series, name, header, COL_FIRST_STATUS + s);
      sam_lxw.chart_series_set_fill (series, &colour);
    }
  sam_lxw.chart_title_set_name (chart, sam_report_l (ctx, L_BY_STATUS));
  sam_lxw.chart_axis_set_name (chart->x_axis, sam_report_l (ctx, L_MEASURE));
  sam_lxw.chart_axis_set_name (chart->y_axis, sam_report_l (ctx, L_ACTIVITIES));
  sam_lxw.chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
  /* Activities are counted whole: a short scale steps by one. */
  if (most < 10)
    sam_lxw.chart_axis_set_major_unit (chart->y_axis, 1);
  sam_report_set_lxw_error (ctx, sam_lxw.worksheet_insert_chart_opt (sheet->ws, at, COL_NUMBER, chart, &options));
}

static void
write_target (SamReportContext       *ctx,
              SamSheet               *sheet,
              const SamSeminarTarget *t)
{
  gboolean has_target = t->min_per_year >= 0 || t->max_per_year >= 0;

  sam_sheet_text (sheet, 0, t->name, ctx->fmt.wrap);
  sam_sheet_text (sheet, 1, sam_report_word (ctx, t->kind), ctx->fmt.wrap);
  sam_sheet_number (sheet, 2, t->held, ctx->fmt.integer);
  sam_sheet_number (sheet, 3, t->planned, ctx->fmt.integer);
  sam_sheet_number (sheet, 4, t->cancelled, ctx->fmt.integer);
  if (t->min_per_year >= 0)
    sam_sheet_number (sheet, 5, (double) t->min_per_year, ctx->fmt.integer);
  if (t->max_per_year >= 0)
    sam_sheet_number (sheet, 6, (double) t->max_per_year, ctx->fmt.integer);
  if (has_target)
    sam_sheet_yes_no (sheet, 7, (t->min_per_year < 0 || (gint64) t->held >= t->min_per_year)
                                && (t->max_per_year < 0 || (gint64) t->held <= t->max_per_year));
  sam_sheet_next_row (sheet);
}

/* The year whose seminars the Summary counts: that of the report's
 * period, or this year when the database has no periods. */
gint64
sam_report_summary_year (SamReportContext *ctx)
{
  const char *date = ctx->period && ctx->period->start_date ? ctx->period->start_date : ctx->today;

  return g_ascii_strtoll (date, NULL, 10);
}

static gboolean
write_targets (SamReportContext *ctx,
               SamSheet         *sheet)
{
  static const SamReportLabel header[] = {
    L_FORMAT, L_SEMINAR_KIND, L_HELD, L_PLANNED_OR_OPEN, L_CANCELLED, L_TARGET_MIN, L_TARGET_MAX, L_TARGET_MET,
  };
  gint64 year = sam_report_summary_year (ctx);
  GError *error = NULL;
  g_autoptr(GPtrArray) targets = sam_report_get_seminar_targets (ctx, &error);
  g_autofree char *heading = NULL;

  if (targets == NULL)
    return sam_report_keep_error (ctx, error);
  heading = g_strdup_printf ("%s, %" G_GINT64_FORMAT, sam_report_l (ctx, L_SEMINAR_TARGETS), year);
  sam_sheet_text (sheet, 0, heading, ctx->fmt.label);
  sam_sheet_next_row (sheet);
  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_TARGETS_WHOLE_STRATEGY), ctx->fmt.note);
  sam_sheet_next_row (sheet);
  for (guint c = 0; c < G_N_ELEMENTS (header); c++)
    sam_sheet_text (sheet, c, sam_report_l (ctx, header[c]), c < 2 ? ctx->fmt.header : ctx->fmt.header_number);
  sam_sheet_next_row (sheet);
  for (guint i = 0; i < targets->len; i++)
    write_target (ctx, sheet, targets->pdata[i]);
  return !sam_report_failed (ctx);
}

/* The periods up to the report's, with their dates: the lists name them
 * by code. */
static void
write_periods (SamReportContext *ctx,
               SamSheet         *sheet)
{
  if (ctx->periods == NULL || ctx->periods->len == 0)
    return;
  sam_sheet_next_row (sheet);
  sam_sheet_text (sheet, 0, sam_report_l (ctx, L_PERIODS), ctx->fmt.label);
  sam_sheet_next_row (sheet);
  for (guint i = 0; i < ctx->periods->len; i++)
    {
      g_autofree char *text = sam_report_period_text (ctx, ctx->periods->pdata[i]);

      sam_sheet_text (sheet, 0, text, NULL);
      sam_sheet_next_row (sheet);
    }
}

/* Leaves out of @measures those with no activity, for the report of an
 * agency or a ministry: it is about what they take part in. A report on
 * the strategy, a focus area, a measure or a plan keeps every measure it
 * covers, an empty one being a finding. */
static void
drop_empty_measures (SamReportContext *ctx,
                     GPtrArray        *measures)
{
  if (ctx->scope == NULL || (ctx->scope->kind != SAM_SCOPE_AGENCY && ctx->scope->kind != SAM_SCOPE_MINISTRY))
    return;
  for (guint i = measures->len; i-- > 0;)
    if (((SamMeasureSummary *) measures->pdata[i])->total == 0)
      g_ptr_array_remove_index (measures, i);
}

/* Writes the Summary sheet. Returns FALSE when writing failed. */
gboolean
sam_report_write_summary (SamReportContext *ctx,
                          SamSheet         *sheet)
{
  GError *error = NULL;
  GPtrArray *measures = sam_report_get_measures (ctx, &error);
  lxw_row_t header, chart = 0;

  if (measures == NULL)
    return sam_report_keep_error (ctx, error);
  /* The Obligations sheet shows the same figures of the same measures. */
  ctx->measures = measures;
  drop_empty_measures (ctx, measures);
  sam_sheet_set_columns (sheet, COL_NUMBER, COL_NUMBER, 26, NULL);
  sam_sheet_set_columns (sheet, COL_TITLE, COL_TITLE, 45, NULL);
  /* The average and the change wide enough for the longest word of their
   * headings ("Gjennomsnittlig", "prosentpoeng)"), which a narrower
   * column breaks in the middle. */
  sam_sheet_set_columns (sheet, COL_FIRST_STATUS, COL_TOTAL, 11, NULL);
  sam_sheet_set_columns (sheet, COL_AVERAGE, COL_AVERAGE, 16, NULL);
  sam_sheet_set_columns (sheet, COL_OVERDUE, COL_NOT_REPORTED, 11, NULL);
  sam_sheet_set_columns (sheet, COL_CHANGE, COL_CHANGE, 16, NULL);
  sam_sheet_set_columns (sheet, COL_LIGHT, COL_LIGHT, 11, NULL);
  sam_sheet_set_print (sheet, 0, LXW_ROW_MAX, 0, 1);
  write_heading (ctx, sheet);
  if (measures->len > 0)
    chart = keep_chart_rows (sheet);
  write_measure_header (ctx, sheet);
  header = sheet->row - 1;
  for (guint i = 0; i < measures->len; i++)
    write_measure (ctx, sheet, measures->pdata[i]);
  write_totals (ctx, sheet, measures, header + 1);
  write_rules (ctx, sheet);
  sam_sheet_next_row (sheet);
  if (!write_targets (ctx, sheet))
    return FALSE;
  sam_sheet_next_row (sheet);
  if (!write_comments (ctx, sheet, measures))
    return FALSE;
  write_periods (ctx, sheet);
  if (measures->len > 0)
    insert_chart (ctx, sheet, chart, header, measures);
  return !sam_report_failed (ctx);
}
