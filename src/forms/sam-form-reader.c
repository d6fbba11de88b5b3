#define G_LOG_DOMAIN "sam-forms"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sam-form-import.h"
#include "sam-forms-private.h"
#include "sam-xlsx-reader.h"
#include "core/sam-kind.h"
#include "core/sam-text.h"
#include "report/sam-report-labels.h"
#include "store/sam-report-data.h"

/* Longest comment a status update holds, as in sam-kind.c. */
#define COMMENT_MAX 10000

/* A hidden sheet's row per activity, as the form was written. */
typedef struct
{
  gint64  update_id;
  char   *lock_hash;
  char   *status;
  int     progress;
  char   *comment_hash;
} ExportState;

typedef struct
{
  SamImportFile *file;
  SamXlsxBook   *book;
  int            status_sheet;
  const char    *status_name;
  GHashTable    *states;        /* activity id → ExportState */
} Reading;

static void
issue_free (SamImportIssue *issue)
{
  g_free (issue->file);
  g_free (issue->sheet);
  g_free (issue->cell);
  g_free (issue->message);
  g_free (issue);
}

static void
row_free (SamImportRow *row)
{
  g_free (row->title);
  g_free (row->old_status);
  g_free (row->old_comment);
  g_free (row->new_status);
  g_free (row->new_comment);
  g_free (row->export_status);
  g_free (row->export_comment);
  g_free (row);
}

static void
state_free (ExportState *state)
{
  g_free (state->lock_hash);
  g_free (state->status);
  g_free (state->comment_hash);
  g_free (state);
}

void
sam_import_file_free (SamImportFile *file)
{
  if (file == NULL)
    return;
  g_free (file->path);
  g_free (file->name);
  g_free (file->hash);
  g_free (file->database);
  g_free (file->agency);
  g_free (file->period);
  g_free (file->target_period);
  g_free (file->written_at);
  g_free (file->contact);
  g_free (file->imported_at);
  g_clear_pointer (&file->rows, g_ptr_array_unref);
  g_clear_pointer (&file->issues, g_ptr_array_unref);
  g_free (file);
}

/* Notes a problem of @file; @row 1-based or 0, @col only with a row. */
void
sam_import_note (SamImportFile *file,
                 SamIssueLevel  level,
                 const char    *sheet,
                 guint          row,
                 int            col,
                 const char    *format,
                 ...)
{
  SamImportIssue *issue = g_new0 (SamImportIssue, 1);
  va_list args;

  issue->level = level;
  issue->file = g_strdup (file->name);
  issue->sheet = g_strdup (sheet);
  issue->row = row;
  issue->cell = row > 0 && col >= 0 ? sam_xlsx_cell_name (row - 1, (guint32) col) : NULL;
  va_start (args, format);
  issue->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (file->issues, issue);
  if (level == SAM_ISSUE_FILE)
    file->refused = TRUE;
}

static char *
hash_file (const char    *path,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFile) gfile = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (gfile, cancellable, error);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 buffer[65536];
  gssize n;

  if (stream == NULL)
    return NULL;
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, cancellable, error)) > 0)
    g_checksum_update (sum, buffer, n);
  return n < 0 ? NULL : g_strdup (g_checksum_get_string (sum));
}

/* The identity: the hidden sheet first, the custom properties where a
 * re-save dropped the sheet. */

static char *
hidden_value (Reading    *r,
              int         sheet,
              const char *key)
{
  for (guint32 row = 0; sheet >= 0 && row < FORM_STATE_ROW - 1; row++)
    {
      g_autofree char *name = sam_xlsx_cell_to_text (sam_xlsx_book_get_cell (r->book, sheet, row, 0));
      if (g_str_equal (name, key))
        return sam_xlsx_cell_to_text (sam_xlsx_book_get_cell (r->book, sheet, row, 1));
    }
  return NULL;
}

static char *
identity_value (Reading    *r,
                int         hidden,
                const char *key,
                const char *property)
{
  char *value = hidden_value (r, hidden, key);
  const char *prop = sam_xlsx_book_get_property (r->book, property);

  if (value && *value)
    return value;
  g_free (value);
  return prop && *prop ? g_strstrip (g_strdup (prop)) : NULL;
}

static void
read_states (Reading *r,
             int      hidden)
{
  guint32 n = sam_xlsx_book_get_n_rows (r->book, hidden);

  for (guint32 row = FORM_STATE_ROW; row < n; row++)
    {
      const SamXlsxCell *id = sam_xlsx_book_get_cell (r->book, hidden, row, 0);
      const SamXlsxCell *update = sam_xlsx_book_get_cell (r->book, hidden, row, 5);
      const SamXlsxCell *progress = sam_xlsx_book_get_cell (r->book, hidden, row, 3);
      ExportState *state;

      if (id == NULL || id->type != SAM_XLSX_NUMBER)
        continue;
      state = g_new0 (ExportState, 1);
      state->update_id = update && update->type == SAM_XLSX_NUMBER ? (gint64) update->number : 0;
      state->lock_hash = sam_xlsx_cell_to_text (sam_xlsx_book_get_cell (r->book, hidden, row, 6));
      state->status = g_strstrip (sam_xlsx_cell_to_text (sam_xlsx_book_get_cell (r->book, hidden, row, 2)));
      if (*state->status == '\0')
        g_clear_pointer (&state->status, g_free);
      state->progress = progress && progress->type == SAM_XLSX_NUMBER ? (int) progress->number : -1;
      state->comment_hash = sam_xlsx_cell_to_text (sam_xlsx_book_get_cell (r->book, hidden, row, 4));
      g_hash_table_insert (r->states, g_memdup2 (&(gint64) { (gint64) id->number }, sizeof (gint64)), state);
    }
}

static gboolean
read_identity (Reading  *r,
               GError  **error)
{
  SamImportFile *f = r->file;
  int hidden = sam_xlsx_book_find_sheet (r->book, FORM_HIDDEN_SHEET);
  g_autofree char *marker = NULL, *version = NULL, *agency = NULL;

  if (hidden >= 0 && !sam_xlsx_book_read_sheet (r->book, hidden, error))
    return FALSE;
  marker = hidden >= 0 ? sam_xlsx_cell_to_text (sam_xlsx_book_get_cell (r->book, hidden, 0, 0)) : NULL;
  if (g_strcmp0 (marker, FORM_MARKER) != 0)
    hidden = -1;
  f->database = identity_value (r, hidden, "database", PROP_DATABASE);
  version = hidden >= 0 ? sam_xlsx_cell_to_text (sam_xlsx_book_get_cell (r->book, hidden, 0, 1))
                        : g_strdup (sam_xlsx_book_get_property (r->book, PROP_VERSION));
  agency = identity_value (r, hidden, "agency_id", PROP_AGENCY_ID);
  f->period = identity_value (r, hidden, "period", PROP_PERIOD);
  f->written_at = identity_value (r, hidden, "written_at", PROP_WRITTEN);
  if (f->database == NULL || agency == NULL || f->period == NULL || version == NULL)
    {
      sam_import_note (f, SAM_ISSUE_FILE, NULL, 0, -1,
                       _("This workbook is not a Samordna status form: it does not say which database, agency and period it is for. Import only the forms Samordna wrote, as the agencies sent them back."));
      return TRUE;
    }
  f->version = atoi (version);
  f->agency_id = g_ascii_strtoll (agency, NULL, 10);
  if (hidden >= 0)
    read_states (r, hidden);
  else
    sam_import_note (f, SAM_ISSUE_NOTE, NULL, 0, -1,
                     _("The form’s hidden sheet is gone (another spreadsheet program may have dropped it); it was recognised by its document properties, and conflicts are found by the time the form was written."));
  return TRUE;
}

/* Values */

static char *
fold (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  g_auto(GStrv) words = g_strsplit_set (copy, " \t\n\r_-", -1);
  g_autofree char *joined = NULL;
  GString *compact = g_string_new (NULL);

  for (guint i = 0; words[i]; i++)
    if (*words[i])
      g_string_append_printf (compact, "%s%s", compact->len ? " " : "", words[i]);
  joined = g_string_free (compact, FALSE);
  return g_utf8_casefold (joined, -1);
}

/* Returns the nick of the status @text names, in Norwegian or English, in
 * any case ("Pågår", "IN PROGRESS", "in_progress"), or NULL. */
static const char *
parse_status (const char *text)
{
  g_autofree char *wanted = fold (text);

  for (guint i = 0; sam_status_values[i].nick; i++)
    {
      const char *nick = sam_status_values[i].nick;
      const char *names[] = { nick, sam_report_enum_label (SAM_REPORT_LANGUAGE_NB, nick),
                              sam_report_enum_label (SAM_REPORT_LANGUAGE_EN, nick) };

      for (guint j = 0; j < G_N_ELEMENTS (names); j++)
        {
          g_autofree char *name = fold (names[j]);
          if (g_str_equal (name, wanted))
            return nick;
        }
    }
  return NULL;
}

/* Reads @text as a number with "," or "." for decimals; FALSE if it is none. */
static gboolean
parse_decimal (const char *text,
               double     *value)
{
  g_autofree char *copy = g_strdup (text);
  char *end = NULL;

  g_strdelimit (copy, ",", '.');
  g_strstrip (copy);
  if (*copy == '\0')
    return FALSE;
  *value = g_ascii_strtod (copy, &end);
  return end != copy && *end == '\0' && isfinite (*value);
}

/* Reads progress from @cell by the rule in sam-form-import.h. Returns -1
 * when there is none, -2 (with a ROW issue) when it cannot be read. */
static int
parse_progress (Reading           *r,
                const SamXlsxCell *cell,
                guint              row)
{
  g_autofree char *text = sam_xlsx_cell_to_text (cell);
  gboolean shown_as_percent = cell && cell->percent;
  gboolean share = FALSE;
  double value = cell ? cell->number : 0;
  char *sign = NULL;

  if (cell == NULL || cell->type == SAM_XLSX_EMPTY || *g_strstrip (text) == '\0')
    return -1;
  if (cell->type == SAM_XLSX_STRING)
    {
      g_autofree char *number = g_strdup (text);
      shown_as_percent = FALSE;
      if ((sign = strrchr (number, '%')) && sign[1] == '\0')
        *sign = '\0';   /* "50 %" is 50 as written */
      if (!parse_decimal (number, &value))
        goto bad;
    }
  else if (cell->type != SAM_XLSX_NUMBER)
    goto bad;
  if (shown_as_percent)
    value *= 100;
  else if (sign == NULL && value > 0 && value < 1)
    share = TRUE;
  if (share)
    {
      value *= 100;
      sam_import_note (r->file, SAM_ISSUE_WARNING, r->status_name, row, FORM_COL_PROGRESS,
                       _("The progress “%s” was read as a share done: %.0f %%."), text, round (value));
    }
  if (value < -1e-9 || value > 100 + 1e-9)
    goto bad;
  if (!share && fabs (value - round (value)) > 1e-9)
    sam_import_note (r->file, SAM_ISSUE_WARNING, r->status_name, row, FORM_COL_PROGRESS,
                     _("The progress %s was rounded to %.0f %%."), text, round (value));
  return (int) round (value);

bad:
  sam_import_note (r->file, SAM_ISSUE_ROW, r->status_name, row, FORM_COL_PROGRESS,
                   _("“%s” is not a progress from 0 to 100 %%; the row is not imported. Write a whole number of percent."),
                   text);
  return -2;
}

/* Returns the value of an unlocked cell as text, or NULL when it holds
 * nothing usable: a formula's cached value is used and flagged, a formula
 * without one is refused. */
static const SamXlsxCell *
input_cell (Reading *r,
            guint32  row,
            int      col)
{
  const SamXlsxCell *cell = sam_xlsx_book_get_cell (r->book, r->status_sheet, row, (guint32) col);
  g_autofree char *value = sam_xlsx_cell_to_text (cell);

  if (cell == NULL || !cell->formula)
    return cell;
  if (cell->type == SAM_XLSX_EMPTY || cell->type == SAM_XLSX_ERROR)
    {
      sam_import_note (r->file, SAM_ISSUE_ROW, r->status_name, row + 1, col,
                       _("The cell holds a formula with no saved result; it is ignored. Write the value itself, or open the file in a spreadsheet program and save it so that the result is kept."));
      return NULL;
    }
  sam_import_note (r->file, SAM_ISSUE_WARNING, r->status_name, row + 1, col,
                   _("The cell holds a formula; its saved result “%s” was used."), value);
  return cell;
}

static char *
row_lock_hash (Reading *r,
               guint32  row)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  for (int col = 0; col < FORM_N_LOCKED; col++)
    g_ptr_array_add (cells, sam_xlsx_cell_to_text (sam_xlsx_book_get_cell (r->book, r->status_sheet, row, col)));
  return sam_form_lock_hash ((const char * const *) cells->pdata, cells->len);
}

static char *
clean_comment (Reading    *r,
               const char *text,
               guint       row)
{
  g_autofree char *clean = sam_text_for_cell (text);
  char *comment = g_strstrip (g_strdup (clean ? clean : text));

  if (g_utf8_strlen (comment, -1) > COMMENT_MAX)
    {
      char *end = g_utf8_offset_to_pointer (comment, COMMENT_MAX - 1);
      char *cut;

      *end = '\0';
      cut = g_strconcat (comment, "…", NULL);
      g_free (comment);
      comment = cut;
      sam_import_note (r->file, SAM_ISSUE_WARNING, r->status_name, row, FORM_COL_COMMENT,
                       _("The comment was longer than %d characters and was cut there."), COMMENT_MAX);
    }
  return comment;
}

/* Rows */

static gboolean
has_input (Reading *r,
           guint32  row)
{
  for (int col = FORM_COL_STATUS; col <= FORM_COL_COMMENT; col++)
    {
      const SamXlsxCell *cell = sam_xlsx_book_get_cell (r->book, r->status_sheet, row, (guint32) col);
      if (cell && (cell->type != SAM_XLSX_EMPTY || cell->formula))
        return TRUE;
    }
  return FALSE;
}

/* Reads the activity number of @row: > 0, or 0 when it holds none. */
static gint64
read_id (Reading *r,
         guint32  row)
{
  const SamXlsxCell *cell = sam_xlsx_book_get_cell (r->book, r->status_sheet, row, FORM_COL_ID);
  g_autofree char *text = sam_xlsx_cell_to_text (cell);
  char *end = NULL;
  gint64 id;

  g_strstrip (text);
  id = g_ascii_strtoll (text, &end, 10);
  return end != text && *end == '\0' && id > 0 ? id : 0;
}

static void
check_locked (Reading      *r,
              SamImportRow *row,
              guint32       index)
{
  ExportState *state = g_hash_table_lookup (r->states, &row->activity_id);
  g_autofree char *hash = NULL;

  if (state == NULL)
    return;
  row->export_update = state->update_id;
  row->export_known = TRUE;
  row->export_status = g_strdup (state->status);
  row->export_progress = state->progress;
  row->export_comment = g_strdup (state->comment_hash);
  hash = row_lock_hash (r, index);
  if (g_strcmp0 (hash, state->lock_hash) != 0)
    {
      row->locked_edited = TRUE;
      sam_import_note (r->file, SAM_ISSUE_WARNING, r->status_name, index + 1, -1,
                       _("Cells that cannot be changed in the form (number, measure, plan, activity, due date, last reported) were changed in this row; the changes are ignored, and Samordna keeps its own."));
    }
}

static void
read_inputs (Reading      *r,
             SamImportRow *row,
             guint32       index)
{
  const SamXlsxCell *status = input_cell (r, index, FORM_COL_STATUS);
  const SamXlsxCell *comment = input_cell (r, index, FORM_COL_COMMENT);
  g_autofree char *status_text = g_strstrip (sam_xlsx_cell_to_text (status));
  g_autofree char *comment_text = sam_xlsx_cell_to_text (comment);
  const char *nick = parse_status (status_text);

  row->new_progress = parse_progress (r, input_cell (r, index, FORM_COL_PROGRESS), index + 1);
  row->new_comment = clean_comment (r, comment_text, index + 1);
  row->valid = row->new_progress != -2;
  if (*status_text == '\0')
    {
      row->valid = FALSE;
      sam_import_note (r->file, SAM_ISSUE_ROW, r->status_name, index + 1, FORM_COL_STATUS,
                       _("The row has a progress or a comment but no status; it is not imported. Choose a status from the list."));
    }
  else if (nick == NULL)
    {
      row->valid = FALSE;
      sam_import_note (r->file, SAM_ISSUE_ROW, r->status_name, index + 1, FORM_COL_STATUS,
                       _("“%s” is not a status; the row is not imported. Write planned, in progress, done, delayed or cancelled (in Norwegian: planlagt, pågår, fullført, forsinket or avlyst)."),
                       status_text);
    }
  row->new_status = g_strdup (nick);
}

static void
read_rows (Reading *r)
{
  guint32 n = sam_xlsx_book_get_n_rows (r->book, r->status_sheet);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gboolean know_rows = g_hash_table_size (r->states) > 0;

  for (guint32 index = FORM_FIRST_ROW; index < n; index++)
    {
      gint64 id = read_id (r, index);
      SamImportRow *row;

      if (!has_input (r, index))
        continue;   /* not answered */
      if (id == 0)
        {
          sam_import_note (r->file, SAM_ISSUE_ROW, r->status_name, index + 1, FORM_COL_ID,
                           _("The row has no activity number, so it cannot be matched; it is not imported."));
          continue;
        }
      if (g_hash_table_contains (seen, &id))
        {
          sam_import_note (r->file, SAM_ISSUE_ROW, r->status_name, index + 1, FORM_COL_ID,
                           _("Activity %lld appears twice in the form; only its first row is imported."), (long long) id);
          continue;
        }
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
      if (know_rows && !g_hash_table_contains (r->states, &id))
        {
          sam_import_note (r->file, SAM_ISSUE_ROW, r->status_name, index + 1, FORM_COL_ID,
                           _("Activity number %lld was not on this form when it was written; the row is not imported."), (long long) id);
          continue;
        }
      row = g_new0 (SamImportRow, 1);
      row->activity_id = id;
      row->row = index + 1;
      row->export_update = -1;
      row->old_progress = -1;
      row->title = g_strstrip (sam_xlsx_cell_to_text (sam_xlsx_book_get_cell (r->book, r->status_sheet, index, FORM_COL_TITLE)));
      g_ptr_array_add (r->file->rows, row);
      check_locked (r, row, index);
      read_inputs (r, row, index);
    }
}

static gboolean
read_form (Reading  *r,
           GError  **error)
{
  SamImportFile *f = r->file;

  if (!read_identity (r, error))
    return FALSE;
  if (f->refused)
    return TRUE;
  r->status_sheet = sam_xlsx_book_find_sheet (r->book, sam_form_label (SAM_REPORT_LANGUAGE_EN, F_SHEET_STATUS));
  if (r->status_sheet < 0)
    {
      sam_import_note (f, SAM_ISSUE_FILE, NULL, 0, -1,
                       _("The form has no sheet named “Status”, so there is nothing to import. Ask the agency for the form as Samordna wrote it."));
      return TRUE;
    }
  r->status_name = sam_xlsx_book_get_sheet_name (r->book, r->status_sheet);
  if (!sam_xlsx_book_read_sheet (r->book, r->status_sheet, error))
    return FALSE;
  f->contact = g_strstrip (sam_xlsx_cell_to_text (sam_xlsx_book_get_cell (r->book, r->status_sheet,
                                                                          FORM_CONTACT_ROW, FORM_CONTACT_COL)));
  read_rows (r);
  return TRUE;
}

/* Reads the returned form at @path, needing no store (any thread may call
 * it). Never fails: what cannot be read is an issue of the file it
 * returns (a FILE issue when nothing of it can be imported). */
SamImportFile *
sam_import_read (const char   *path,
                 GCancellable *cancellable)
{
  SamImportFile *file = g_new0 (SamImportFile, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SamXlsxBook) book = NULL;
  Reading r = { file, NULL, -1, NULL, NULL };

  g_return_val_if_fail (path != NULL, NULL);

  file->path = g_strdup (path);
  file->name = g_filename_display_basename (path);
  file->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  file->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) issue_free);
  r.states = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) state_free);
  if ((book = sam_xlsx_book_open (path, NULL, &error)) == NULL
      || (file->hash = hash_file (path, cancellable, &error)) == NULL
      || !(r.book = book, read_form (&r, &error)))
    {
      sam_import_note (file, SAM_ISSUE_FILE, NULL, 0, -1, "%s", error->message);
      g_clear_error (&error);
    }
  file->readable = !file->refused;
  g_hash_table_unref (r.states);
  return file;
}
