/* sam-report-private.h: what the sheets of a report share.
 *
 * One SamReportContext per report: the workbook, its formats, the query
 * every sheet asks the store with, and the first error. One SamSheet per
 * worksheet being written: libxlsxwriter runs in constant-memory mode, so
 * each sheet is written strictly row by row, top to bottom (all but the
 * Summary, which is small and held whole for its chart's sake).
 */
#pragma once

#include "report/sam-xlsxwriter-private.h"

#include "report/sam-report.h"
#include "report/sam-report-labels.h"
#include "store/sam-changes.h"
#include "store/sam-coordination.h"
#include "store/sam-report-data.h"

G_BEGIN_DECLS

/* The size of the report's text: libxlsxwriter's default font, Calibri. */
#define SAM_REPORT_FONT_SIZE 11.0

typedef struct
{
  lxw_format *title;
  lxw_format *label;
  lxw_format *header;          /* a list's column header, over text */
  lxw_format *header_number;   /* over numbers and dates, aligned right as they are */
  lxw_format *header_center;   /* over a matrix's counts */
  lxw_format *wrap;
  lxw_format *integer;
  lxw_format *count;           /* a matrix's count, centred */
  lxw_format *decimal;
  lxw_format *date;
  lxw_format *datetime;
  lxw_format *date_left;       /* a date in a line of text, aligned left */
  lxw_format *text;            /* text that does not wrap, at the top of its row as all is */
  lxw_format *yes_no;          /* Yes or No, centred */
  lxw_format *group;
  lxw_format *indent;
  lxw_format *gap;
  lxw_format *total;
  lxw_format *total_integer;
  lxw_format *total_decimal;
  lxw_format *note;
  lxw_format *note_wrap;       /* a note over several columns, wrapped */
  lxw_format *fill_grey;       /* conditional formats: planned */
  lxw_format *fill_blue;       /* in progress, open for registration */
  lxw_format *fill_green;      /* done, held */
  lxw_format *fill_red;        /* delayed, overdue */
  lxw_format *fill_struck;     /* cancelled */
  lxw_format *light[4];        /* a status light's cell, by SamLight */
  lxw_format *alert;           /* a sentence that calls for action: bold on red, wrapped */
  lxw_format *signed_decimal;  /* a change, +1.5 or −2.0 */
} SamReportFormats;

typedef struct _SamReportAhead SamReportAhead;

/* The most columns a matrix sheet can have for one block: all of a sheet
 * but the row labels. */
#define SAM_REPORT_MAX_MATRIX_COLUMNS (LXW_COL_MAX - 2)

typedef struct
{
  SamStore              *store;
  lxw_workbook          *workbook;
  SamReportLanguage      language;
  SamReportQuery         query;
  SamReportQuery         strategy_query; /* the same over the whole strategy */
  const SamScope        *scope;        /* resolved; NULL: the whole strategy */
  SamPeriod             *period;       /* NULL: the database has no periods */
  SamRecord             *closing;      /* the period's closing in force, or NULL */
  char                  *period_text;  /* its code and dates in the report's language */
  GPtrArray             *periods;      /* SamPeriod: every period up to it, in order */
  char                  *today;
  char                  *strategy_title;
  SamReportFormats       fmt;
  SamReportStats         stats;
  guint32                max_rows;     /* rows per sheet before a continuation sheet */
  SamReportAhead        *ahead;        /* a helper thread reading ahead, or NULL */
  SamReportActivities   *activities;   /* read before the sheets, until the Activities sheet */
  GPtrArray             *measures;     /* the Summary's SamMeasureSummary rows, once it is written */
  SamPeriod             *previous;     /* the period before the report's, or NULL */

  SamReportProgressFunc  progress;
  gpointer               progress_data;
  guint64                expected_rows;
  guint64                done_rows;
  double                 reported;     /* the fraction last reported */
  GCancellable          *cancellable;
  GError                *error;        /* the first failure; writing stops there */
  GPtrArray             *warnings;     /* what did not fit, for SamReportStats */
} SamReportContext;

typedef enum {
  SAM_COLUMN_ID,          /* an id or a measure's number, centred */
  SAM_COLUMN_TEXT,
  SAM_COLUMN_WRAP,        /* long text, wrapped */
  SAM_COLUMN_INTEGER,
  SAM_COLUMN_DATE,
  SAM_COLUMN_DATETIME,
  SAM_COLUMN_STATUS,      /* a status word, coloured by conditional formats */
  SAM_COLUMN_PROGRESS,    /* 0–100, shown with a data bar */
  SAM_COLUMN_FLAG,        /* Yes / No, Yes highlighted as a warning */
  SAM_COLUMN_YES_NO,      /* Yes / No */
} SamColumnKind;

typedef struct
{
  SamReportLabel label;
  double         width;
  SamColumnKind  kind;
} SamColumn;

typedef struct
{
  SamReportContext *ctx;
  lxw_worksheet    *ws;
  SamReportLabel    name;
  guint             part;        /* 1, or 2, 3, … for continuation sheets */
  lxw_row_t         row;         /* the row being written */
  lxw_row_t         header_row;  /* a list's header row */
  const SamColumn  *columns;     /* a list's columns, or NULL */
  guint             n_columns;
  guint             title_columns; /* repeated on every printed page */
  gboolean          full;        /* the list goes on in a new sheet at the next cell */
  GArray           *cols;        /* the widths and formats set, see sam_sheet_set_columns() */
  double            row_height;  /* points the current row needs; 0: the default */
  guint8            row_level;   /* the current row's outline level */
  gboolean          overflowed;  /* a cell past the sheet's end was left out */
} SamSheet;

/* sam-report-cells.c */
gboolean  sam_report_failed        (SamReportContext *ctx);
gboolean  sam_report_keep_error    (SamReportContext *ctx,
                                    GError           *error);
void      sam_report_warn          (SamReportContext *ctx,
                                    char             *message);
void      sam_report_set_lxw_error (SamReportContext *ctx,
                                    lxw_error         rc);
void      sam_report_make_formats  (SamReportContext *ctx);
const char *sam_report_l           (SamReportContext *ctx,
                                    SamReportLabel    label);
const char *sam_report_word        (SamReportContext *ctx,
                                    const char       *nick);
char     *sam_report_scope_label   (SamReportContext *ctx);
char     *sam_report_period_text   (SamReportContext *ctx,
                                    const SamPeriod  *period);
char     *sam_report_date_text     (SamReportContext *ctx,
                                    const char       *iso);
gboolean  sam_report_drops_empty   (SamReportContext *ctx);
char     *sam_report_clean         (const char       *text);

void      sam_sheet_init           (SamSheet         *sheet,
                                    SamReportContext *ctx,
                                    SamReportLabel    name);
void      sam_sheet_merge          (SamSheet         *sheet,
                                    lxw_col_t         col,
                                    guint             n,
                                    const char       *text,
                                    lxw_format       *format);
void      sam_sheet_text           (SamSheet         *sheet,
                                    lxw_col_t         col,
                                    const char       *text,
                                    lxw_format       *format);
void      sam_sheet_number         (SamSheet         *sheet,
                                    lxw_col_t         col,
                                    double            value,
                                    lxw_format       *format);
void      sam_sheet_formula        (SamSheet         *sheet,
                                    lxw_col_t         col,
                                    const char       *formula,
                                    double            value,
                                    lxw_format       *format);
void      sam_sheet_blank          (SamSheet         *sheet,
                                    lxw_col_t         col,
                                    lxw_format       *format);
void      sam_sheet_date           (SamSheet         *sheet,
                                    lxw_col_t         col,
                                    const char       *iso,
                                    lxw_format       *format);
void      sam_sheet_yes_no         (SamSheet         *sheet,
                                    lxw_col_t         col,
                                    gboolean          yes);
gboolean  sam_sheet_next_row       (SamSheet         *sheet);
void      sam_sheet_start_list     (SamSheet         *sheet,
                                    const SamColumn  *columns,
                                    guint             n_columns,
                                    guint             title_columns);
void      sam_sheet_finish_list    (SamSheet         *sheet);
void      sam_sheet_status_colours (SamSheet         *sheet,
                                    lxw_row_t         first_row,
                                    lxw_row_t         last_row,
                                    lxw_col_t         col);

/* sam-report-layout.c */
guint     sam_report_text_lines    (const char       *text,
                                    double            width,
                                    gboolean          bold);
double    sam_report_column_width_for (const char    *text,
                                    gboolean          bold);
double    sam_report_row_height    (guint             lines,
                                    double            size);
void      sam_sheet_set_columns    (SamSheet         *sheet,
                                    lxw_col_t         first,
                                    lxw_col_t         last,
                                    double            width,
                                    lxw_format       *format);
double    sam_sheet_column_width   (SamSheet         *sheet,
                                    lxw_col_t         col);
lxw_format *sam_sheet_cell_format  (SamSheet         *sheet,
                                    lxw_col_t         col,
                                    lxw_format       *format);
void      sam_sheet_fit_text       (SamSheet         *sheet,
                                    lxw_col_t         col,
                                    guint             n,
                                    const char       *text,
                                    lxw_format       *format);
void      sam_sheet_finish_row     (SamSheet         *sheet);
void      sam_sheet_clear          (SamSheet         *sheet);
void      sam_sheet_set_print      (SamSheet         *sheet,
                                    lxw_row_t         title_first,
                                    lxw_row_t         title_last,
                                    guint             title_columns,
                                    guint             group);

/* sam-report-ahead.c */
/* The connections a report reads on besides its own: see sam-report-ahead.c. */
#define SAM_REPORT_N_HELPERS 4

void       sam_report_ahead_start        (SamReportContext  *ctx,
                                          SamStore         **helpers,
                                          gboolean           check);
void       sam_report_ahead_stop         (SamReportContext  *ctx);
void       sam_report_ahead_closing      (SamReportContext  *ctx,
                                          gboolean           closing);
GPtrArray *sam_report_get_measures       (SamReportContext  *ctx,
                                          GError           **error);
GPtrArray *sam_report_get_seminar_targets (SamReportContext *ctx,
                                          GError           **error);
SamMatrix *sam_report_get_responsibility (SamReportContext  *ctx,
                                          SamKind            columns,
                                          GError           **error);
SamMatrix *sam_report_get_coverage       (SamReportContext  *ctx,
                                          SamKind            columns,
                                          GError           **error);
GPtrArray *sam_report_get_message_flags  (SamReportContext  *ctx,
                                          GError           **error);
SamChanges *sam_report_get_changes       (SamReportContext  *ctx,
                                          GError           **error);
GPtrArray *sam_report_get_comments       (SamReportContext  *ctx,
                                          GError           **error);
GPtrArray *sam_report_get_obligations    (SamReportContext  *ctx,
                                          GError           **error);
GPtrArray *sam_report_get_gaps           (SamReportContext  *ctx,
                                          GError           **error);
GPtrArray *sam_report_get_goals          (SamReportContext  *ctx,
                                          GError           **error);
GPtrArray *sam_report_get_findings       (SamReportContext  *ctx,
                                          GError           **error);
gboolean   sam_report_read_activities    (SamReportContext  *ctx);
gboolean   sam_report_foreach_activity   (SamReportContext  *ctx,
                                          SamActivityRowFunc func,
                                          gpointer           user_data,
                                          GError           **error);
gboolean   sam_report_foreach_status     (SamReportContext  *ctx,
                                          SamStatusRowFunc   func,
                                          gpointer           user_data,
                                          GError           **error);
gboolean   sam_report_foreach_unreported (SamReportContext  *ctx,
                                          SamFollowUpRowFunc func,
                                          gpointer           user_data,
                                          GError           **error);
gboolean   sam_report_foreach_no_lead    (SamReportContext  *ctx,
                                          SamFollowUpRowFunc func,
                                          gpointer           user_data,
                                          GError           **error);
gboolean   sam_report_get_checked        (SamReportContext  *ctx,
                                          GError           **error);

/* sam-report-output.c */
gboolean   sam_report_output_check       (SamStore          *store,
                                          const char        *path,
                                          GError           **error);
char      *sam_report_output_create      (const char        *path,
                                          int               *lock,
                                          GError           **error);
gboolean   sam_report_output_finish      (const char        *temporary,
                                          const char        *path,
                                          GError           **error);

/* sam-report-summary.c */
gint64     sam_report_summary_year       (SamReportContext  *ctx);

/* The sheets */
gboolean  sam_report_write_summary        (SamReportContext *ctx,
                                           SamSheet         *sheet);
gboolean  sam_report_write_activities     (SamReportContext *ctx,
                                           SamSheet         *sheet);
gboolean  sam_report_write_history        (SamReportContext *ctx,
                                           SamSheet         *sheet);
gboolean  sam_report_write_changes        (SamReportContext *ctx,
                                           SamSheet         *sheet);
gboolean  sam_report_write_follow_up      (SamReportContext *ctx,
                                           SamSheet         *sheet);
gboolean  sam_report_write_obligations    (SamReportContext *ctx,
                                           SamSheet         *sheet);
gboolean  sam_report_write_knowledge      (SamReportContext *ctx,
                                           SamSheet         *sheet);
const char *sam_report_light_word         (SamReportContext *ctx,
                                           SamLight          light);
gboolean  sam_report_write_responsibility (SamReportContext *ctx,
                                           SamSheet         *sheet);
gboolean  sam_report_write_coverage       (SamReportContext *ctx,
                                           SamSheet         *sheet);
gboolean  sam_report_write_seminars       (SamReportContext *ctx,
                                           SamSheet         *sheet);
gboolean  sam_report_write_participants   (SamReportContext *ctx,
                                           SamSheet         *sheet);

/* For tests: sam_report_write() with a lower row limit per sheet, to see
 * continuation sheets without writing a million rows. */
gboolean  sam_report_write_limited        (SamStore                *store,
                                           const SamReportOptions  *options,
                                           const char              *path,
                                           guint32                  max_rows,
                                           GError                 **error);

G_END_DECLS
