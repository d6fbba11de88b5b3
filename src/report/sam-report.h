/* sam-report.h: the Excel progress report.
 *
 * One .xlsx workbook for a scope, a reporting period and a language, with a
 * summary, every activity, the responsibility and coverage matrices,
 * seminars, participants by sector and the status history. The workbook is
 * written to a temporary file beside the target and renamed into place, so
 * a failure leaves no partial file and never touches an existing one.
 * Numbers are written the same whatever the process locale.
 */
#pragma once

#include <gio/gio.h>

#include "store/sam-scope.h"

G_BEGIN_DECLS

#define SAM_REPORT_ERROR (sam_report_error_quark ())

/* What can go wrong writing a report, besides the store's own errors
 * (SamStoreError) reading the database. Each message says what to do. */
typedef enum {
  SAM_REPORT_ERROR_PERIOD,        /* no reporting period has the code asked for */
  SAM_REPORT_ERROR_NO_FOLDER,     /* the folder of the output does not exist */
  SAM_REPORT_ERROR_NOT_WRITABLE,  /* the folder cannot be written to */
  SAM_REPORT_ERROR_NOT_A_FILE,    /* the output path is a folder or a device */
  SAM_REPORT_ERROR_WRITE,         /* writing failed midway (disk full, …); nothing was left */
  SAM_REPORT_ERROR_FAILED,        /* libxlsxwriter failed otherwise; the message is its own */
  SAM_REPORT_ERROR_DATABASE,      /* the output is the database, or a file SQLite keeps beside it */
  SAM_REPORT_ERROR_LIBRARY,       /* libxlsxwriter cannot be loaded; the message names its package */
} SamReportError;

typedef enum {
  SAM_REPORT_LANGUAGE_NB,         /* Norwegian Bokmål */
  SAM_REPORT_LANGUAGE_EN,         /* English */
} SamReportLanguage;

typedef struct
{
  const SamScope    *scope;       /* NULL: the whole strategy; resolved against the store */
  const char        *period;      /* a reporting period's code; NULL: the one running today */
  SamReportLanguage  language;    /* of sheet names, headers and status words */
  const char        *today;       /* YYYY-MM-DD the report counts overdue from; NULL: today */
  gboolean           check_store; /* also run the store's integrity check (for one opened with
                                   * SAM_STORE_OPEN_CHECK_LATER), beside the writing when it can:
                                   * a damaged file fails the report with SAM_STORE_ERROR_CORRUPT */
} SamReportOptions;

/* What a report held, for the benchmark and for messages. */
typedef struct
{
  guint64 activities;
  guint64 status_updates;
  guint64 seminars;
  guint64 rows;                   /* rows written, headers included, all sheets */
  guint64 cells;                  /* cells written, all sheets */
  guint64 strings;                /* of those: text cells */
  guint64 text_bytes;             /* the text of those, in bytes */
  guint64 blanks;                 /* empty cells written for their format, besides */
  guint64 formatted;              /* cells and blanks written with a format */
  char  **warnings;               /* what did not fit in the workbook, one sentence each,
                                   * or NULL; free with sam_report_stats_clear() */
} SamReportStats;

/* Called now and then with the share done, 0.0 to 1.0. */
typedef void (*SamReportProgressFunc) (double   fraction,
                                       gpointer user_data);

GQuark             sam_report_error_quark          (void);

gboolean           sam_report_write                (SamStore                *store,
                                                    const SamReportOptions  *options,
                                                    const char              *path,
                                                    SamReportProgressFunc    progress,
                                                    gpointer                 progress_data,
                                                    SamReportStats          *stats,
                                                    GCancellable            *cancellable,
                                                    GError                 **error);
void               sam_report_write_async          (SamStore                *store,
                                                    const SamReportOptions  *options,
                                                    const char              *path,
                                                    SamReportProgressFunc    progress,
                                                    gpointer                 progress_data,
                                                    GDestroyNotify           progress_data_free,
                                                    GCancellable            *cancellable,
                                                    GAsyncReadyCallback      callback,
                                                    gpointer                 user_data);
gboolean           sam_report_write_finish         (GAsyncResult            *result,
                                                    char                  ***warnings,
                                                    GError                 **error);

void               sam_report_stats_clear          (SamReportStats          *stats);

gboolean           sam_report_language_from_string (const char              *text,
                                                    SamReportLanguage       *language);
SamReportLanguage  sam_report_language_default     (void);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SamReportStats, sam_report_stats_clear)

G_END_DECLS
