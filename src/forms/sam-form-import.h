/* sam-form-import.h: bringing status forms back, with a review.
 *
 * Importing is two steps. sam_import_read() reads one returned form
 * (needing no store: any thread may run it) and notes every problem of
 * the file itself. sam_import_review_add() compares it with the store:
 * per row Samordna's status and the form's, and every warning, with the
 * file, sheet, row and cell it concerns. Nothing is written until
 * sam_import_review_apply(), which records the rows chosen, in one
 * transaction (one undo step), as status updates that name the agency,
 * the file, its hash and the time of import.
 *
 * How progress is read. A form asks for a whole number of percent, 0–100.
 * What people and spreadsheet programs write instead is read so:
 *   50, "50", "50 %", "50%"   → 50
 *   a cell formatted as percent holding 0.5 (shown as 50 %) → 50
 *   0.5 or "0,5" (a fraction between 0 and 1, not a whole number) → 50,
 *     with a warning: no whole percent lies between 0 and 1, so a value
 *     there is taken as the share done
 *   1 → 1 (a whole number is always percent), 42.6 → 43 with a warning
 *   anything else, or outside 0–100 → the row is not imported
 */
#pragma once

#include "forms/sam-forms.h"

G_BEGIN_DECLS

typedef enum {
  SAM_ISSUE_NOTE,      /* for information; nothing is lost */
  SAM_ISSUE_WARNING,   /* something was read in a way the user should check */
  SAM_ISSUE_ROW,       /* the row (or cell) is not imported */
  SAM_ISSUE_FILE,      /* nothing of the file can be imported */
} SamIssueLevel;

typedef struct
{
  SamIssueLevel  level;
  char          *file;     /* the file's name */
  char          *sheet;    /* or NULL */
  guint          row;      /* 1-based, 0: none */
  char          *cell;     /* "G7", or NULL */
  char          *message;
} SamImportIssue;

typedef struct
{
  gint64    activity_id;
  char     *title;
  guint     row;            /* 1-based row in the Status sheet */
  /* What Samordna holds now (its latest update), and what the form says. */
  char     *old_status;     /* nick or NULL */
  int       old_progress;   /* -1: none */
  char     *old_comment;
  char     *new_status;
  int       new_progress;
  char     *new_comment;
  gboolean  valid;          /* the row can be recorded */
  gboolean  changed;        /* recording it changes what the period holds */
  gboolean  conflict;       /* Samordna got another status after the form was written */
  gboolean  apply;          /* recorded when the file is applied */
  gint64    period_id;
  /* Read from the file, before the review. */
  gint64    export_update;  /* the latest update when the form was written; -1: unknown */
  gboolean  locked_edited;
  gboolean  export_known;   /* the row's values as written are known: */
  char     *export_status;  /* the status the form was written with, a nick or NULL */
  int       export_progress;/* -1: none */
  char     *export_comment;  /* SHA-256 of the comment it was written with, hex */
} SamImportRow;

typedef struct
{
  char      *path;
  char      *name;          /* the file's name, for people */
  char      *hash;          /* SHA-256 of the file, hex */
  gboolean   readable;      /* a form could be read from it at all */
  char      *database;
  gint64     agency_id;
  char      *agency;        /* the agency's name (from the database once reviewed) */
  char      *period;        /* the period the form was written for */
  char      *target_period; /* the period it is imported into */
  char      *written_at;
  char      *contact;
  int        version;
  GPtrArray *rows;          /* SamImportRow */
  GPtrArray *issues;        /* SamImportIssue */
  gboolean   refused;       /* nothing of it can be imported */
  gboolean   apply;         /* the user's choice; set by the review to what is safe */
  char      *imported_at;   /* when this very file was imported before, or NULL */
  guint      answered;      /* rows with a status that can be recorded */
  guint      changes;       /* rows whose recording changes something */
  guint      unchanged;     /* rows sent back as the form was written */
  gboolean   other_period;  /* for another period than the round in progress: not applied unless chosen */
} SamImportFile;

typedef struct
{
  GPtrArray *files;         /* SamImportFile */
} SamImportReview;

/* What sam_import_review_apply() did. */
typedef struct
{
  guint files;
  guint updates;
} SamImportResult;

SamImportFile   *sam_import_read            (const char           *path,
                                             GCancellable         *cancellable);
void             sam_import_file_free       (SamImportFile        *file);

SamImportReview *sam_import_review_new      (void);
void             sam_import_review_free     (SamImportReview      *review);
gboolean         sam_import_review_add      (SamImportReview      *review,
                                             SamStore             *store,
                                             SamImportFile        *file,
                                             const char           *as_period,
                                             GError              **error);
gboolean         sam_import_review_apply    (SamImportReview      *review,
                                             SamStore             *store,
                                             SamImportResult      *result,
                                             GError              **error);
void             sam_import_file_choose     (SamImportFile        *file,
                                             SamImportRow         *row,
                                             gboolean              take_form);
guint            sam_import_file_left_out   (SamImportFile        *file);
guint            sam_import_file_count      (SamImportFile        *file,
                                             SamIssueLevel         level);
const char      *sam_import_level_label     (SamIssueLevel         level);
char            *sam_import_issue_where     (const SamImportIssue *issue);
char            *sam_import_progress_text   (int                   progress);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamImportFile, sam_import_file_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamImportReview, sam_import_review_free)

G_END_DECLS
