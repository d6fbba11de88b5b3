/* sam-forms-private.h: what the writer and the reader of forms share: the
 * layout of a form, its words in both languages and its lock hash. */
#pragma once

#include "forms/sam-forms.h"
#include "forms/sam-form-import.h"

G_BEGIN_DECLS

/* The Status sheet: a title block, the contact cell, then one row per
 * activity the agency leads (0-based rows and columns). */
enum {
  FORM_CONTACT_ROW = 2,
  FORM_CONTACT_COL = 3,
  FORM_HEADER_ROW = 4,
  FORM_FIRST_ROW = 5,
};

typedef enum {
  FORM_COL_ID,
  FORM_COL_MEASURE,
  FORM_COL_PLAN,
  FORM_COL_TITLE,
  FORM_COL_DUE,
  FORM_COL_LATEST,
  FORM_COL_STATUS,      /* unlocked */
  FORM_COL_PROGRESS,    /* unlocked */
  FORM_COL_COMMENT,     /* unlocked */
  FORM_N_COLS,
  FORM_N_LOCKED = FORM_COL_STATUS,
} SamFormColumn;

/* The hidden sheet: key–value rows from the top, then from
 * FORM_STATE_ROW one row per activity: id, its Status-sheet row (1-based),
 * status, progress and comment at export, the latest update's id and the
 * hash of the row's locked cells. */
#define FORM_HIDDEN_SHEET "Samordna"
#define FORM_MARKER "Samordna status form"
#define FORM_STATE_ROW 20

/* Custom document properties. */
#define PROP_DATABASE "Samordna database"
#define PROP_AGENCY_ID "Samordna agency id"
#define PROP_AGENCY "Samordna agency"
#define PROP_PERIOD "Samordna period"
#define PROP_VERSION "Samordna form version"
#define PROP_WRITTEN "Samordna written at"
#define PROP_LOCK_HASH "Samordna lock hash"

typedef enum {
  F_SHEET_INSTRUCTIONS,
  F_SHEET_STATUS,
  F_SHEET_CONTEXT,
  F_TITLE,
  F_AGENCY,
  F_PERIOD,
  F_DEADLINE,
  F_NO_DEADLINE,
  F_CONTACT,
  F_ID,
  F_MEASURE,
  F_PLAN,
  F_ACTIVITY,
  F_DUE,
  F_LATEST,
  F_STATUS,
  F_PROGRESS,
  F_COMMENT,
  F_LEAD,
  F_HOW_TITLE,
  F_HOW_1,
  F_HOW_2,
  F_HOW_3,
  F_HOW_4,
  F_HOW_5,
  F_HOW_6,
  F_CONTEXT_NOTE,
  F_NO_ROWS,
  F_STATUS_ERROR_TITLE,
  F_STATUS_ERROR,
  F_PROGRESS_ERROR_TITLE,
  F_PROGRESS_ERROR,
  F_PROGRESS_INPUT,
  F_DATE_FORMAT,
  F_BY_SECTOR,
  F_N_LABELS
} SamFormLabel;

typedef struct
{
  gint64     agency_id;
  char      *short_name;   /* or the name, for an agency without one */
  char      *name;
  char      *contact;      /* the agency's contact, or NULL */
  GPtrArray *lead;         /* SamFormRow */
  GPtrArray *sector;       /* SamFormRow: no lead named, accountable by sector responsibility */
  GPtrArray *partner;      /* SamFormRow */
  char      *path;
  char      *temporary;
  char      *lock_hash;
} SamForm;

struct _SamFormsJob
{
  char              *identity;
  char              *period;
  char              *deadline;
  char              *folder;
  char              *written_at;
  SamReportLanguage  language;
  GPtrArray         *forms;       /* SamForm */
  gint64             round_id;    /* once recorded */
  gint64             add_to;      /* the round of the period the forms are added to; 0: a new one */
};

guint       sam_form_n_rows    (const SamForm      *form);
SamFormRow *sam_form_get_row   (const SamForm      *form,
                                guint               index,
                                guint32            *sheet_row);

gboolean    sam_form_write_workbook (const SamFormsJob  *job,
                                     SamForm            *form,
                                     GError            **error);
const char *sam_form_label     (SamReportLanguage   language,
                                SamFormLabel        label);
char       *sam_form_lock_hash (const char * const *cells,
                                guint               n_cells);
char       *sam_form_text_hash (const char         *text);

void        sam_import_note    (SamImportFile      *file,
                                SamIssueLevel       level,
                                const char         *sheet,
                                guint               row,
                                int                 col,
                                const char         *format,
                                ...) G_GNUC_PRINTF (6, 7);

G_END_DECLS
