#define G_LOG_DOMAIN "sam-report"

#include "config.h"

#include "sam-report-private.h"
#include "store/sam-dominance.h"

/* The Seminars sheet (each seminar, and under the list the whole
 * strategy's seminars per year against the target) and the Participants
 * by sector sheet. Only numbers of participants are ever read: never
 * their names. */

/* The id, dates and title say which seminar a row is: on paper, where the
 * list takes several pages across, they repeat on every page. */
#define TITLE_COLUMNS 4

static const SamColumn seminar_columns[] = {
  { L_ID, 7, SAM_COLUMN_ID },
  { L_DATE, 16, SAM_COLUMN_DATETIME },
  { L_ENDS, 16, SAM_COLUMN_DATETIME },
  { L_SEMINAR, 40, SAM_COLUMN_WRAP },
  { L_FORMAT, 28, SAM_COLUMN_TEXT },
  { L_SEMINAR_KIND, 18, SAM_COLUMN_TEXT },
  { L_STATUS, 16, SAM_COLUMN_STATUS },
  { L_ORGANISER, 25, SAM_COLUMN_TEXT },
  { L_PLACE, 20, SAM_COLUMN_TEXT },
  { L_ONLINE, 10, SAM_COLUMN_YES_NO },
  { L_ACTIVITY, 35, SAM_COLUMN_WRAP },
  { L_THEME, 35, SAM_COLUMN_WRAP },
  { L_TARGET_SECTORS, 30, SAM_COLUMN_WRAP },
  { L_TARGET_GROUPS, 30, SAM_COLUMN_WRAP },
  { L_CAPACITY, 10, SAM_COLUMN_INTEGER },
  { L_REGISTERED, 10, SAM_COLUMN_INTEGER },
  { L_WAITLISTED, 10, SAM_COLUMN_INTEGER },
  { L_ATTENDED, 10, SAM_COLUMN_INTEGER },
  { L_ATTENDANCE_RATE, 11, SAM_COLUMN_INTEGER },
  { L_SECTOR_DOMINANCE, 30, SAM_COLUMN_WRAP },
  { L_EVALUATION_SCORE, 11, SAM_COLUMN_INTEGER },
  { L_EVALUATION_COMMENT, 40, SAM_COLUMN_WRAP },
};

static const SamReportLabel target_columns[] = {
  L_YEAR, L_FORMAT, L_HELD, L_PLANNED_OR_OPEN, L_CANCELLED, L_TARGET_MIN, L_TARGET_MAX, L_TARGET_MET,
};

/* The yearly totals under the list start in its third column, so that
 * each of their columns is about as wide as it needs. */
#define TARGETS_COLUMN 2

static const SamColumn participant_columns[] = {
  { L_ID, 7, SAM_COLUMN_ID },
  { L_DATE, 16, SAM_COLUMN_DATETIME },
  { L_SEMINAR, 40, SAM_COLUMN_WRAP },
  { L_SECTOR, 30, SAM_COLUMN_TEXT },
  { L_REGISTERED, 11, SAM_COLUMN_INTEGER },
  { L_WAITLISTED, 11, SAM_COLUMN_INTEGER },
  { L_ATTENDED, 11, SAM_COLUMN_INTEGER },
};

static void
put_int (SamSheet  *sheet,
         lxw_col_t  col,
         gint64     value)
{
  if (value >= 0)
    sam_sheet_number (sheet, col, (double) value, sheet->ctx->fmt.integer);
}

static void
target_row (SamSheet               *sheet,
            const SamSeminarTarget *t)
{
  lxw_col_t c = TARGETS_COLUMN;

  sam_sheet_number (sheet, c++, (double) t->year, sheet->ctx->fmt.count);
  sam_sheet_text (sheet, c++, t->name, sheet->ctx->fmt.wrap);
  put_int (sheet, c++, t->held);
  put_int (sheet, c++, t->planned);
  put_int (sheet, c++, t->cancelled);
  put_int (sheet, c++, t->min_per_year);
  put_int (sheet, c++, t->max_per_year);
  if (t->min_per_year >= 0 || t->max_per_year >= 0)
    sam_sheet_yes_no (sheet, c, (t->min_per_year < 0 || (gint64) t->held >= t->min_per_year)
                                && (t->max_per_year < 0 || (gint64) t->held <= t->max_per_year));
  sam_sheet_next_row (sheet);
}

/* Writes, under the list, the whole strategy's seminars held, planned and
 * cancelled per year and format against the format's yearly target:
 * whatever the report's scope, the target is the strategy's. */
static gboolean
write_targets (SamReportContext *ctx,
               SamSheet         *sheet)
{
  GError *error = NULL;
  g_autoptr(GPtrArray) targets = sam_report_data_seminar_targets (ctx->store, &ctx->strategy_query, 0, &error);

  if (targets == NULL)
    return sam_report_keep_error (ctx, error);
  sam_sheet_next_row (sheet);
  sam_sheet_text (sheet, TARGETS_COLUMN, sam_report_l (ctx, L_TARGETS_BY_YEAR), ctx->fmt.label);
  sam_sheet_next_row (sheet);
  for (guint c = 0; c < G_N_ELEMENTS (target_columns); c++)
    sam_sheet_text (sheet, TARGETS_COLUMN + c, sam_report_l (ctx, target_columns[c]),
                    c == 0 ? ctx->fmt.header_center : c == 1 ? ctx->fmt.header : ctx->fmt.header_number);
  sam_sheet_next_row (sheet);
  for (guint i = 0; i < targets->len && !sam_report_failed (ctx); i++)
    target_row (sheet, targets->pdata[i]);
  return !sam_report_failed (ctx);
}

/* Names the sector that has more than half of a national
 * interdisciplinary seminar's participants, with its share, by the rule
 * the Seminars view flags it with (see sam_seminar_dominance_all()). */
static void
dominance (SamSheet   *sheet,
           GHashTable *flagged,
           lxw_col_t   col,
           gint64      seminar_id)
{
  SamReportContext *ctx = sheet->ctx;
  g_autofree char *text = NULL;
  const char *sector;
  gint64 participants = 0, total = 0;

  if (!sam_seminar_dominance_lookup (flagged, seminar_id, &sector, &participants, &total))
    return;
  text = g_strdup_printf ("%s: %" G_GINT64_FORMAT " %s %" G_GINT64_FORMAT " (%d %%)", sector, participants,
                          sam_report_l (ctx, L_OF), total, (int) (100.0 * (double) participants / (double) total + 0.5));
  sam_sheet_text (sheet, col, text, ctx->fmt.alert);
}

typedef struct
{
  SamSheet   *sheet;
  GHashTable *flagged;
} SeminarWriting;

static gboolean
seminar_cb (const SamSeminarRow  *r,
            gpointer              user_data,
            GError              **error)
{
  SeminarWriting *w = user_data;
  SamSheet *sheet = w->sheet;
  SamReportContext *ctx = sheet->ctx;
  lxw_format *wrap = ctx->fmt.wrap;
  lxw_col_t c = 0;

  sam_sheet_number (sheet, c++, (double) r->id, ctx->fmt.count);
  sam_sheet_date (sheet, c++, r->starts_at, ctx->fmt.datetime);
  sam_sheet_date (sheet, c++, r->ends_at, ctx->fmt.datetime);
  sam_sheet_text (sheet, c++, r->title, wrap);
  sam_sheet_text (sheet, c++, r->format, wrap);
  sam_sheet_text (sheet, c++, sam_report_word (ctx, r->kind), wrap);
  sam_sheet_text (sheet, c++, sam_report_word (ctx, r->status ? r->status : "planned"), wrap);
  sam_sheet_text (sheet, c++, r->organiser, wrap);
  sam_sheet_text (sheet, c++, r->place, wrap);
  sam_sheet_yes_no (sheet, c++, r->online);
  sam_sheet_text (sheet, c++, r->activity, wrap);
  sam_sheet_text (sheet, c++, r->theme, wrap);
  sam_sheet_text (sheet, c++, r->sectors, wrap);
  sam_sheet_text (sheet, c++, r->target_groups, wrap);
  put_int (sheet, c++, r->capacity);
  put_int (sheet, c++, r->registered);
  put_int (sheet, c++, r->waitlisted);
  put_int (sheet, c++, r->attended);
  if (r->attended >= 0 && r->registered > 0)
    sam_sheet_number (sheet, c, 100.0 * (double) r->attended / (double) r->registered, ctx->fmt.decimal);
  c++;
  dominance (sheet, w->flagged, c++, r->id);
  put_int (sheet, c++, r->evaluation_score);
  sam_sheet_text (sheet, c++, r->evaluation_comment, wrap);
  g_assert (c == G_N_ELEMENTS (seminar_columns));
  ctx->stats.seminars++;
  return sam_sheet_next_row (sheet);
}

/* Writes the Seminars sheet: one row per seminar in scope, and under the
 * list the whole strategy's seminars per year and format against the
 * format's yearly target. */
gboolean
sam_report_write_seminars (SamReportContext *ctx,
                           SamSheet         *sheet)
{
  GError *error = NULL;
  g_autoptr(GHashTable) flagged = sam_seminar_dominance_all (ctx->store, &error);
  SeminarWriting writing = { sheet, flagged };

  if (flagged == NULL)
    return sam_report_keep_error (ctx, error);
  sam_sheet_start_list (sheet, seminar_columns, G_N_ELEMENTS (seminar_columns), TITLE_COLUMNS);
  if (!sam_report_data_foreach_seminar (ctx->store, &ctx->query, seminar_cb, &writing, &error))
    return sam_report_keep_error (ctx, error);
  sam_sheet_finish_list (sheet);
  sam_sheet_next_row (sheet);
  sam_sheet_merge (sheet, 1, 8, sam_report_l (ctx, L_DOMINANCE_RULE), ctx->fmt.note_wrap);
  sam_sheet_next_row (sheet);
  return write_targets (ctx, sheet);
}

static gboolean
participation_cb (const SamParticipationRow  *r,
                  gpointer                    user_data,
                  GError                    **error)
{
  SamSheet *sheet = user_data;
  SamReportContext *ctx = sheet->ctx;
  lxw_col_t c = 0;

  sam_sheet_number (sheet, c++, (double) r->seminar_id, ctx->fmt.count);
  sam_sheet_date (sheet, c++, r->starts_at, ctx->fmt.datetime);
  sam_sheet_text (sheet, c++, r->seminar, ctx->fmt.wrap);
  sam_sheet_text (sheet, c++, r->sector ? r->sector : sam_report_l (ctx, L_NO_SECTOR), ctx->fmt.wrap);
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

  sam_sheet_start_list (sheet, participant_columns, G_N_ELEMENTS (participant_columns), 3);
  if (!sam_report_data_foreach_participation (ctx->store, &ctx->query, participation_cb, sheet, &error))
    return sam_report_keep_error (ctx, error);
  sam_sheet_finish_list (sheet);
  return !sam_report_failed (ctx);
}
