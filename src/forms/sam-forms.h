/* sam-forms.h: the status forms of a reporting round.
 *
 * One .xlsx form per agency: the activities it leads, with status,
 * progress and comment as the only cells it can change, and the activities
 * it takes part in, for context. Each form names the database, the agency,
 * the period and the round twice (custom document properties and a hidden
 * sheet) so that it can be told apart when it comes back, even after
 * another spreadsheet program has saved it.
 *
 * Writing a round is three steps, so that a window can keep the slow one
 * off its thread: sam_forms_prepare() reads what the forms hold from the
 * store; sam_forms_job_write() writes the files, needing no store, in any
 * thread; sam_forms_job_record() notes the round and its forms in the
 * store, in one transaction (one undo step).
 */
#pragma once

#include <gio/gio.h>

#include "report/sam-report.h"
#include "store/sam-round.h"

G_BEGIN_DECLS

#define SAM_FORMS_ERROR (sam_forms_error_quark ())

/* What can go wrong with forms, besides the store's own errors. Each
 * message says what is wrong, where, and what to do. */
typedef enum {
  SAM_FORMS_ERROR_PERIOD,         /* no reporting period has that code */
  SAM_FORMS_ERROR_AGENCY,         /* no such agency, or it leads nothing in the round */
  SAM_FORMS_ERROR_NO_AGENCIES,    /* no agency leads an activity the round asks about */
  SAM_FORMS_ERROR_DEADLINE,       /* the deadline is not a date */
  SAM_FORMS_ERROR_NO_FOLDER,      /* the output folder does not exist */
  SAM_FORMS_ERROR_NOT_WRITABLE,   /* the output folder cannot be written to */
  SAM_FORMS_ERROR_WRITE,          /* writing failed midway; nothing was left */
  SAM_FORMS_ERROR_NOT_A_WORKBOOK, /* the file is no .xlsx workbook (or not a file) */
  SAM_FORMS_ERROR_ENCRYPTED,      /* the workbook is protected with a password */
  SAM_FORMS_ERROR_DAMAGED,        /* cut off or damaged */
  SAM_FORMS_ERROR_TOO_LARGE,      /* past the limits on size */
  SAM_FORMS_ERROR_NOT_A_FORM,     /* a workbook, but no Samordna status form */
  SAM_FORMS_ERROR_CANCELLED,      /* stopped by the user */
  SAM_FORMS_ERROR_EXISTS,         /* a form would be written over a file; allow with overwrite */
  SAM_FORMS_ERROR_ROUND_EXISTS,   /* a round for the period was started; replace with replace_round */
  SAM_FORMS_ERROR_PAST_DEADLINE,  /* the deadline has passed; allow with past_deadline */
  SAM_FORMS_ERROR_LIBRARY,        /* a library the operation needs cannot be loaded; the message names its package */
} SamFormsError;

/* The layout version of the forms this build writes and reads. */
#define SAM_FORM_VERSION 1

/* How a round is written. */
typedef struct
{
  const char        *period;      /* a reporting period's code; required */
  const char        *deadline;    /* YYYY-MM-DD or NULL */
  const char        *agency;      /* one agency's short name; NULL: every agency that leads something */
  const char        *folder;      /* where the forms go; must exist */
  SamReportLanguage  language;
  const char        *now;         /* ISO date and time the forms are written; NULL: now */
  gboolean           overwrite;   /* write over files of the same names */
  gboolean           replace_round; /* every agency's form again: a new round for the period */
  gboolean           past_deadline; /* a deadline before today is meant */
} SamFormsOptions;

typedef struct _SamFormsJob SamFormsJob;

/* Called now and then from the writing thread: @done of @total forms. */
typedef void (*SamFormsProgressFunc) (guint    done,
                                      guint    total,
                                      gpointer user_data);

GQuark       sam_forms_error_quark      (void);

SamFormsJob *sam_forms_prepare          (SamStore               *store,
                                         const SamFormsOptions  *options,
                                         GError                **error);
gboolean     sam_forms_job_write        (SamFormsJob            *job,
                                         SamFormsProgressFunc    progress,
                                         gpointer                progress_data,
                                         GCancellable           *cancellable,
                                         GError                **error);
gboolean     sam_forms_job_record       (SamFormsJob            *job,
                                         SamStore               *store,
                                         GError                **error);
guint        sam_forms_job_get_n_forms  (SamFormsJob            *job);
const char  *sam_forms_job_get_path     (SamFormsJob            *job,
                                         guint                   index);
GStrv        sam_forms_job_without_address (SamFormsJob       *job);
void         sam_forms_job_free         (SamFormsJob            *job);

gboolean     sam_forms_write_round      (SamStore               *store,
                                         const SamFormsOptions  *options,
                                         SamFormsJob           **job_out,
                                         GError                **error);
char        *sam_forms_file_name        (const char             *period,
                                         const char             *agency);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamFormsJob, sam_forms_job_free)

G_END_DECLS
