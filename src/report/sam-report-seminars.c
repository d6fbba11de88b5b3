#define G_LOG_DOMAIN "sam-report"

#include "config.h"

#include "sam-report-private.h"

/* The Seminars sheet (each seminar, with the yearly totals against the
 * target beside the list) and the Participants by sector sheet. Only
 * numbers of participants are ever read: never their names. */

static const SamColumn seminar_columns[] = {
  { L_ID, 7, SAM_COLUMN_INTEGER },
  { L_DATE, 16, SAM_COLUMN_DATETIME },
  { L_ENDS, 16, SAM_COLUMN_DATETIME },
  { L_SEMINAR, 40, SAM_COLUMN_WRAP },
  { L_FORMAT, 28, SAM_COLUMN_TEXT },
  { L_SEMINAR_KIND, 18, SAM_COLUMN_TEXT },
  { L_STATUS, 16, SAM_COLUMN_STATUS },
  { L_ORGANISER, 25, SAM_COLUMN_TEXT },
  { L_PLACE, 20, SAM_COLUMN_TEXT },
  { L_ONLINE, 9, SAM_COLUMN_TEXT },
  { L_ACTIVITY, 35, SAM_COLUMN_WRAP },
  { L_THEME, 35, SAM_COLUMN_WRAP },
  { L_TARGET_SECTORS, 30, SAM_COLUMN_WRAP },
  { L_TARGET_GROUPS, 30, SAM_COLUMN_WRAP },
  { L_CAPACITY, 10, SAM_COLUMN_INTEGER },
  { L_REGISTERED, 10, SAM_COLUMN_INTEGER },
  { L_WAITLISTED, 10, SAM_COLUMN_INTEGER },
  { L_ATTENDED, 10, SAM_COLUMN_INTEGER },
  { L_EVALUATION_SCORE, 11, SAM_COLUMN_INTEGER },
  { L_EVALUATION_COMMENT, 40, SAM_COLUMN_WRAP },
};

static const SamReportLabel target_columns[] = {
  L_YEAR, L_FORMAT, L_HELD, L_PLANNED_OR_OPEN, L_CANCELLED, L_TARGET_MIN, L_TARGET_MAX, L_TARGET_MET,
};

/* The yearly totals start one empty column after the list. */
#define TARGETS_COLUMN (G_N_ELEMENTS (seminar_columns) + 1)

static const SamColumn participant_columns[] = {
  { L_ID, 7, SAM_COLUMN_INTEGER },
  { L_DATE, 16, SAM_COLUMN_DATETIME },
  { L_SEMINAR, 40, SAM_COLUMN_WRAP },
  { L_SECTOR, 30, SAM_COLUMN_TEXT },
  { L_REGISTERED, 11, SAM_COLUMN_INTEGER },
  { L_WAITLISTED, 11, SAM_COLUMN_INTEGER },
  { L_ATTENDED, 11, SAM_COLUMN_INTEGER },
};

typedef struct
{
  SamSheet  *sheet;
  GPtrArray *targets;   /* of SamSeminarTarget, every year */
  guint      next;      /* the next target to write beside the list */
} Seminars;

static void
put_int (SamSheet  *sheet,
         lxw_col_t  col,
         gint64     value)
{
  if (value >= 0)
    sam_sheet_number (sheet, col, (double) value, sheet->ctx->fmt.integer);
}

static void
target_header (SamSheet *sheet)
{
  for (guint c = 0; c < G_N_ELEMENTS (target_columns); c++)
    {
      worksheet_set_column (sheet->ws, TARGETS_COLUMN + c, TARGETS_COLUMN + c, c == 1 ? 28 : 11, NULL);
      sam_sheet_text (sheet, TARGETS_COLUMN + c, sam_report_l (sheet->ctx, target_columns[c]), sheet->ctx->fmt.header);
    }
}

/* Writes the next yearly total, if any is left, in the current row. */
static void
target_row (Seminars *s)
{
  SamSheet *sheet = s->sheet;
  SamSeminarTarget *t;
  lxw_col_t c = TARGETS_COLUMN;

  if (s->next >= s->targets->len)
    return;
  t = s->targets->pdata[s->next++];
  put_int (sheet, c++, t->year);
  sam_sheet_text (sheet, c++, t->name, NULL);
  put_int (sheet, c++, t->held);
  put_int (sheet, c++, t->planned);
  put_int (sheet, c++, t->cancelled);
  put_int (sheet, c++, t->min_per_year);
  put_int (sheet, c++, t->max_per_year);
  if (t->min_per_year >= 0 || t->max_per_year >= 0)
    sam_sheet_yes_no (sheet, c, (t->min_per_year < 0 || (gint64) t->held >= t->min_per_year)
                                && (t->max_per_year < 0 || (gint64) t->held <= t->max_per_year));
}

static gboolean
seminar_cb (const SamSeminarRow  *r,
            gpointer              user_data,
            GError              **error)
{
  Seminars *s = user_data;
  SamSheet *sheet = s->sheet;
  SamReportContext *ctx = sheet->ctx;
  lxw_format *wrap = ctx->fmt.wrap;
  lxw_col_t c = 0;

  put_int (sheet, c++, r->id);
  sam_sheet_date (sheet, c++, r->starts_at, ctx->fmt.datetime);
  sam_sheet_date (sheet, c++, r->ends_at, ctx->fmt.datetime);
  sam_sheet_text (sheet, c++, r->title, wrap);
  sam_sheet_text (sheet, c++, r->format, NULL);
  sam_sheet_text (sheet, c++, sam_report_word (ctx, r->kind), NULL);
  sam_sheet_text (sheet, c++, sam_report_word (ctx, r->status ? r->status : "planned"), NULL);
  sam_sheet_text (sheet, c++, r->organiser, NULL);
  sam_sheet_text (sheet, c++, r->place, NULL);
  sam_sheet_yes_no (sheet, c++, r->online);
  sam_sheet_text (sheet, c++, r->activity, wrap);
  sam_sheet_text (sheet, c++, r->theme, wrap);
  sam_sheet_text (sheet, c++, r->sectors, wrap);
  sam_sheet_text (sheet, c++, r->target_groups, wrap);
  put_int (sheet, c++, r->capacity);
  put_int (sheet, c++, r->registered);
  put_int (sheet, c++, r->waitlisted);
  put_int (sheet, c++, r->attended);
  put_int (sheet, c++, r->evaluation_score);
  sam_sheet_text (sheet, c++, r->evaluation_comment, wrap);
  g_assert (c == G_N_ELEMENTS (seminar_columns));
  target_row (s);
  ctx->stats.seminars++;
  return sam_sheet_next_row (sheet);
}

/* Writes the Seminars sheet: one row per seminar in scope, and beside the
 * list the seminars held, planned and cancelled per year and format
 * against the format's yearly target. */
gboolean
sam_report_write_seminars (SamReportContext *ctx,
                           SamSheet         *sheet)
{
  GError *error = NULL;
  g_autoptr(GPtrArray) targets = sam_report_data_seminar_targets (ctx->store, &ctx->query, 0, &error);
  Seminars s = { sheet, targets, 0 };

  if (targets == NULL)
    return sam_report_keep_error (ctx, error);
  target_header (sheet);
  sam_sheet_start_list (sheet, seminar_columns, G_N_ELEMENTS (seminar_columns));
  if (!sam_report_data_foreach_seminar (ctx->store, &ctx->query, seminar_cb, &s, &error))
    return sam_report_keep_error (ctx, error);
  sam_sheet_finish_list (sheet);
  while (s.next < targets->len && !sam_report_failed (ctx))
    {
      target_row (&s);
      sam_sheet_next_row (sheet);
    }
  return !sam_report_failed (ctx);
}

static gboolean
participation_cb (const SamParticipationRow  *r,
                  gpointer                    user_data,
                  GError                    **error)
{
  SamSheet *sheet = user_data;
  SamReportContext *ctx = sheet->ctx;
  lxw_col_t c = 0;

  put_int (sheet, c++, r->seminar_id);
  sam_sheet_date (sheet, c++, r->starts_at, ctx->fmt.datetime);
  sam_sheet_text (sheet, c++, r->seminar, ctx->fmt.wrap);
  sam_sheet_text (sheet, c++, r->sector ? r->sector : sam_report_l (ctx, L_NO_SECTOR), NULL);
  put_int (sheet, c++, r->registered);
  put_int (sheet, c++, r->waitlisted);
  put_int (sheet, c++, r->attended);
  g_assert (c == G_N_ELEMENTS (participant_columns));
  return sam_sheet_next_row (sheet);
}

/* Writes the Participants by sector sheet: per seminar in scope and
 * sector, the participants registered, waiting and attending. */
gboolean
sam_report_write_participants (SamReportContext *ctx,
                               SamSheet         *sheet)
{
  GError *error = NULL;

  sam_sheet_start_list (sheet, participant_columns, G_N_ELEMENTS (participant_columns));
  if (!sam_report_data_foreach_participation (ctx->store, &ctx->query, participation_cb, sheet, &error))
    return sam_report_keep_error (ctx, error);
  sam_sheet_finish_list (sheet);
  return !sam_report_failed (ctx);
}
