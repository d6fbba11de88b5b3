#define G_LOG_DOMAIN "sam-forms"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sam-forms-private.h"
#include "core/sam-text.h"
#include "report/sam-report-labels.h"
#include "report/sam-xlsxwriter-private.h"
#include "store/sam-report-data.h"
#include "store/sam-rules.h"

typedef struct
{
  lxw_format *title;
  lxw_format *label;
  lxw_format *header;
  lxw_format *text;
  lxw_format *wrap;
  lxw_format *number;
  lxw_format *input;
  lxw_format *input_number;
  lxw_format *input_wrap;
  lxw_format *note;
} Formats;

typedef struct
{
  const SamFormsJob *job;
  const SamForm     *form;
  lxw_workbook      *workbook;
  Formats            fmt;
  lxw_error          rc;          /* the first failure */
} Writer;

/* Cells */

static void
keep (Writer    *w,
      lxw_error  rc)
{
  if (w->rc == LXW_NO_ERROR)
    w->rc = rc;
}

/* Writes @text as a string (never a formula), cleaned for a cell; NULL or
 * "" writes a blank with @format. */
static void
put_text (Writer        *w,
          lxw_worksheet *ws,
          lxw_row_t      row,
          lxw_col_t      col,
          const char    *text,
          lxw_format    *format)
{
  g_autofree char *clean = sam_text_for_cell (text);

  if (text == NULL || *text == '\0')
    keep (w, sam_lxw.worksheet_write_blank (ws, row, col, format));
  else
    keep (w, sam_lxw.worksheet_write_string (ws, row, col, clean ? clean : text, format));
}

static void
put_number (Writer        *w,
            lxw_worksheet *ws,
            lxw_row_t      row,
            lxw_col_t      col,
            gint64         value,
            gboolean       present,
            lxw_format    *format)
{
  if (present)
    keep (w, sam_lxw.worksheet_write_number (ws, row, col, (double) value, format));
  else
    keep (w, sam_lxw.worksheet_write_blank (ws, row, col, format));
}

/* The text a locked cell shows, as the reader will read it back. */
static char *
cell_text (const char *text)
{
  char *clean = sam_text_for_cell (text);

  return clean ? clean : g_strdup (text ? text : "");
}

static lxw_format *
add_format (Writer *w)
{
  lxw_format *f = sam_lxw.workbook_add_format (w->workbook);

  sam_lxw.format_set_align (f, LXW_ALIGN_VERTICAL_TOP);
  return f;
}

static void
make_formats (Writer *w)
{
  Formats *fmt = &w->fmt;
  lxw_format *inputs[3];

  fmt->title = add_format (w);
  sam_lxw.format_set_bold (fmt->title);
  sam_lxw.format_set_font_size (fmt->title, 14);
  fmt->label = add_format (w);
  sam_lxw.format_set_bold (fmt->label);
  fmt->header = add_format (w);
  sam_lxw.format_set_bold (fmt->header);
  sam_lxw.format_set_text_wrap (fmt->header);
  sam_lxw.format_set_bg_color (fmt->header, 0xDDE3EA);
  sam_lxw.format_set_bottom (fmt->header, LXW_BORDER_THIN);
  fmt->text = add_format (w);
  fmt->wrap = add_format (w);
  sam_lxw.format_set_text_wrap (fmt->wrap);
  fmt->number = add_format (w);
  sam_lxw.format_set_align (fmt->number, LXW_ALIGN_LEFT);
  fmt->note = add_format (w);
  sam_lxw.format_set_italic (fmt->note);
  sam_lxw.format_set_text_wrap (fmt->note);
  inputs[0] = fmt->input = add_format (w);
  inputs[1] = fmt->input_number = add_format (w);
  sam_lxw.format_set_num_format (fmt->input_number, "0");
  inputs[2] = fmt->input_wrap = add_format (w);
  sam_lxw.format_set_text_wrap (fmt->input_wrap);
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      sam_lxw.format_set_unlocked (inputs[i]);
      sam_lxw.format_set_bg_color (inputs[i], 0xFFF7D6);
      sam_lxw.format_set_border (inputs[i], LXW_BORDER_THIN);
      sam_lxw.format_set_border_color (inputs[i], 0xC8B98A);
    }
}

/* Prints one page wide, landscape, on A4, with the header on each page. */
static void
set_up_page (lxw_worksheet *ws,
             gboolean       list)
{
  sam_lxw.worksheet_set_landscape (ws);
  sam_lxw.worksheet_set_paper (ws, 9);
  sam_lxw.worksheet_fit_to_pages (ws, 1, 0);
  if (list)
    sam_lxw.worksheet_repeat_rows (ws, FORM_HEADER_ROW, FORM_HEADER_ROW);
}

static void
protect (Writer        *w,
         lxw_worksheet *ws)
{
  /* Widening a column or a row to read a long text is allowed. */
  lxw_protection options = { .format_columns = 1, .format_rows = 1 };

  sam_lxw.worksheet_protect (ws, NULL, &options);
}

static const char *
l (Writer       *w,
   SamFormLabel  label)
{
  return sam_form_label (w->job->language, label);
}

static char *
format_date (Writer     *w,
             const char *iso)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *midnight = NULL;

  if (iso == NULL)
    return g_strdup (l (w, F_NO_DEADLINE));
  midnight = g_strconcat (iso, "T00:00:00Z", NULL);
  date = g_date_time_new_from_iso8601 (midnight, NULL);
  return date ? g_date_time_format (date, l (w, F_DATE_FORMAT)) : g_strdup (iso);
}

/* Sheets */

static void
write_instructions (Writer *w)
{
  lxw_worksheet *ws = sam_lxw.workbook_add_worksheet (w->workbook, l (w, F_SHEET_INSTRUCTIONS));
  g_autofree char *title = g_strdup_printf ("%s %s – %s", l (w, F_TITLE), w->job->period, w->form->name);
  g_autofree char *deadline = format_date (w, w->job->deadline);
  const SamFormLabel steps[] = { F_HOW_1, F_HOW_2, F_HOW_3, F_HOW_4, F_HOW_5, F_HOW_6 };
  lxw_row_t row = 0;

  if (ws == NULL)
    return keep (w, LXW_ERROR_MEMORY_MALLOC_FAILED);
  sam_lxw.worksheet_set_column (ws, 0, 0, 24, NULL);
  sam_lxw.worksheet_set_column (ws, 1, 1, 90, NULL);
  put_text (w, ws, row++, 0, title, w->fmt.title);
  row++;
  put_text (w, ws, row, 0, l (w, F_AGENCY), w->fmt.label);
  put_text (w, ws, row++, 1, w->form->name, w->fmt.text);
  put_text (w, ws, row, 0, l (w, F_PERIOD), w->fmt.label);
  put_text (w, ws, row++, 1, w->job->period, w->fmt.text);
  put_text (w, ws, row, 0, l (w, F_DEADLINE), w->fmt.label);
  put_text (w, ws, row++, 1, deadline, w->fmt.text);
  row++;
  put_text (w, ws, row++, 0, l (w, F_HOW_TITLE), w->fmt.label);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      keep (w, sam_lxw.worksheet_merge_range (ws, row, 0, row, 1, "", w->fmt.wrap));
      put_text (w, ws, row, 0, l (w, steps[i]), w->fmt.wrap);
      sam_lxw.worksheet_set_row (ws, row++, 36, NULL);
    }
  set_up_page (ws, FALSE);
  protect (w, ws);
}

static void
write_headers (Writer        *w,
               lxw_worksheet *ws,
               const SamFormLabel *headers,
               const double  *widths,
               guint          n)
{
  for (guint i = 0; i < n; i++)
    {
      sam_lxw.worksheet_set_column (ws, i, i, widths[i], NULL);
      put_text (w, ws, FORM_HEADER_ROW, i, l (w, headers[i]), w->fmt.header);
    }
  sam_lxw.worksheet_freeze_panes (ws, FORM_FIRST_ROW, 0);
  set_up_page (ws, TRUE);
}

static void
write_validations (Writer        *w,
                   lxw_worksheet *ws,
                   lxw_row_t      last)
{
  const char *words[SAM_N_STATUSES + 1] = { NULL };
  lxw_data_validation status = {
    .validate = LXW_VALIDATION_TYPE_LIST,
    .ignore_blank = LXW_VALIDATION_ON,
    .error_title = (char *) l (w, F_STATUS_ERROR_TITLE),
    .error_message = (char *) l (w, F_STATUS_ERROR),
  };
  lxw_data_validation progress = {
    .validate = LXW_VALIDATION_TYPE_INTEGER,
    .criteria = LXW_VALIDATION_CRITERIA_BETWEEN,
    .minimum_number = 0,
    .maximum_number = 100,
    .ignore_blank = LXW_VALIDATION_ON,
    .input_message = (char *) l (w, F_PROGRESS_INPUT),
    .error_title = (char *) l (w, F_PROGRESS_ERROR_TITLE),
    .error_message = (char *) l (w, F_PROGRESS_ERROR),
  };

  for (guint i = 0; i < SAM_N_STATUSES; i++)
    words[i] = sam_report_enum_label (w->job->language, sam_status_values[i].nick);
  status.value_list = (char **) words;
  keep (w, sam_lxw.worksheet_data_validation_range (ws, FORM_FIRST_ROW, FORM_COL_STATUS, last, FORM_COL_STATUS, &status));
  keep (w, sam_lxw.worksheet_data_validation_range (ws, FORM_FIRST_ROW, FORM_COL_PROGRESS, last, FORM_COL_PROGRESS, &progress));
}

/* Lines @text takes in a wrapped column @width characters wide. */
static guint
lines_for (const char *text,
           double      width)
{
  guint lines = 1, run = 0;

  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    if (*p == '\n' || ++run > (guint) (width * 1.1))
      {
        lines++;
        run = 0;
      }
  return lines;
}

/* Sets a row's height to show its wrapped texts whole: spreadsheet
 * programs do not grow a row written without one. */
static void
fit_row (lxw_worksheet *ws,
         lxw_row_t      row,
         SamFormRow    *r,
         gboolean       with_comment)
{
  guint lines = MAX (lines_for (r->plan, 28), lines_for (r->title, 48));

  if (with_comment)
    lines = MAX (lines, lines_for (r->comment, 60));
  sam_lxw.worksheet_set_row (ws, row, MIN (15.0 * lines, 409.0), NULL);
}

/* Writes the locked cells of one row and returns their lock hash. */
static char *
write_locked (Writer        *w,
              lxw_worksheet *ws,
              lxw_row_t      row,
              SamFormRow    *r)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, r->activity_id);
  g_autofree char *measure = r->measure ? g_strdup_printf ("%" G_GINT64_FORMAT, r->measure) : g_strdup ("");
  g_autofree char *plan = cell_text (r->plan), *title = cell_text (r->title);
  g_autofree char *due = cell_text (r->due_date), *latest = cell_text (r->update_period);
  const char *cells[FORM_N_LOCKED] = { id, measure, plan, title, due, latest };

  put_number (w, ws, row, FORM_COL_ID, r->activity_id, TRUE, w->fmt.number);
  put_number (w, ws, row, FORM_COL_MEASURE, r->measure, r->measure != 0, w->fmt.number);
  put_text (w, ws, row, FORM_COL_PLAN, plan, w->fmt.wrap);
  put_text (w, ws, row, FORM_COL_TITLE, title, w->fmt.wrap);
  put_text (w, ws, row, FORM_COL_DUE, due, w->fmt.text);
  put_text (w, ws, row, FORM_COL_LATEST, latest, w->fmt.text);
  return sam_form_lock_hash (cells, FORM_N_LOCKED);
}

static void
write_status_sheet (Writer     *w,
                    GPtrArray  *hashes)
{
  static const SamFormLabel headers[] = { F_ID, F_MEASURE, F_PLAN, F_ACTIVITY, F_DUE, F_LATEST,
                                          F_STATUS, F_PROGRESS, F_COMMENT };
  static const double widths[] = { 7, 8, 28, 48, 11, 13, 16, 12, 60 };
  lxw_worksheet *ws = sam_lxw.workbook_add_worksheet (w->workbook, l (w, F_SHEET_STATUS));
  g_autofree char *title = g_strdup_printf ("%s %s – %s", l (w, F_TITLE), w->job->period, w->form->name);
  g_autofree char *date = format_date (w, w->job->deadline);
  g_autofree char *deadline = g_strdup_printf ("%s: %s", l (w, F_DEADLINE), date);
  guint n = sam_form_n_rows (w->form);
  guint32 last = FORM_FIRST_ROW;

  G_STATIC_ASSERT (G_N_ELEMENTS (headers) == FORM_N_COLS && G_N_ELEMENTS (widths) == FORM_N_COLS);
  if (ws == NULL)
    return keep (w, LXW_ERROR_MEMORY_MALLOC_FAILED);
  put_text (w, ws, 0, 0, title, w->fmt.title);
  put_text (w, ws, 1, 0, deadline, w->fmt.text);
  put_text (w, ws, FORM_CONTACT_ROW, FORM_CONTACT_COL - 1, l (w, F_CONTACT), w->fmt.label);
  put_text (w, ws, FORM_CONTACT_ROW, FORM_CONTACT_COL, NULL, w->fmt.input);
  write_headers (w, ws, headers, widths, FORM_N_COLS);
  if (w->form->sector->len > 0)
    {
      lxw_row_t row = FORM_FIRST_ROW + w->form->lead->len;

      keep (w, sam_lxw.worksheet_merge_range (ws, row, 0, row, FORM_N_COLS - 1, "", w->fmt.label));
      put_text (w, ws, row, 0, l (w, F_BY_SECTOR), w->fmt.label);
      sam_lxw.worksheet_set_row (ws, row, 32, NULL);
    }
  for (guint i = 0; i < n; i++)
    {
      guint32 row;
      SamFormRow *r = sam_form_get_row (w->form, i, &row);

      fit_row (ws, row, r, TRUE);
      g_ptr_array_add (hashes, write_locked (w, ws, row, r));
      put_text (w, ws, row, FORM_COL_STATUS, r->status ? sam_report_enum_label (w->job->language, r->status) : NULL,
                w->fmt.input);
      put_number (w, ws, row, FORM_COL_PROGRESS, r->progress, r->progress >= 0, w->fmt.input_number);
      put_text (w, ws, row, FORM_COL_COMMENT, r->comment, w->fmt.input_wrap);
      last = row;
    }
  if (n > 0)
    write_validations (w, ws, last);
  protect (w, ws);
  sam_lxw.worksheet_activate (ws);
}

static void
write_context_sheet (Writer *w)
{
  static const SamFormLabel headers[] = { F_ID, F_MEASURE, F_PLAN, F_ACTIVITY, F_DUE, F_LATEST,
                                          F_STATUS, F_PROGRESS, F_LEAD };
  static const double widths[] = { 7, 8, 28, 48, 11, 13, 16, 12, 24 };
  lxw_worksheet *ws = sam_lxw.workbook_add_worksheet (w->workbook, l (w, F_SHEET_CONTEXT));
  GPtrArray *rows = w->form->partner;

  if (ws == NULL)
    return keep (w, LXW_ERROR_MEMORY_MALLOC_FAILED);
  keep (w, sam_lxw.worksheet_merge_range (ws, 0, 0, 0, FORM_N_COLS - 1, "", w->fmt.note));
  put_text (w, ws, 0, 0, l (w, F_CONTEXT_NOTE), w->fmt.note);
  write_headers (w, ws, headers, widths, G_N_ELEMENTS (headers));
  if (rows->len == 0)
    put_text (w, ws, FORM_FIRST_ROW, FORM_COL_PLAN, l (w, F_NO_ROWS), w->fmt.note);
  for (guint i = 0; i < rows->len; i++)
    {
      SamFormRow *r = rows->pdata[i];
      lxw_row_t row = FORM_FIRST_ROW + i;
      g_autofree char *ignored = NULL;

      fit_row (ws, row, r, FALSE);
      ignored = write_locked (w, ws, row, r);
      put_text (w, ws, row, FORM_COL_STATUS, sam_report_enum_label (w->job->language, r->status), w->fmt.text);
      put_number (w, ws, row, FORM_COL_PROGRESS, r->progress, r->progress >= 0, w->fmt.number);
      put_text (w, ws, row, FORM_COL_COMMENT, r->lead, w->fmt.wrap);
    }
  protect (w, ws);
}

static void
put_pair (Writer        *w,
          lxw_worksheet *ws,
          lxw_row_t     *row,
          const char    *key,
          const char    *value)
{
  put_text (w, ws, *row, 0, key, NULL);
  put_text (w, ws, (*row)++, 1, value, NULL);
}

/* The hidden sheet: who the form is for and each row's state at export. */
static void
write_hidden_sheet (Writer     *w,
                    GPtrArray  *hashes,
                    const char *lock_hash)
{
  static const char *columns[] = { "activity_id", "row", "status", "progress", "comment_sha256",
                                   "update_id", "lock_sha256" };
  lxw_worksheet *ws = sam_lxw.workbook_add_worksheet (w->workbook, FORM_HIDDEN_SHEET);
  g_autofree char *version = g_strdup_printf ("%d", SAM_FORM_VERSION);
  g_autofree char *agency_id = g_strdup_printf ("%" G_GINT64_FORMAT, w->form->agency_id);
  g_autofree char *rows = g_strdup_printf ("%u", sam_form_n_rows (w->form));
  lxw_row_t row = 0;

  if (ws == NULL)
    return keep (w, LXW_ERROR_MEMORY_MALLOC_FAILED);
  put_pair (w, ws, &row, FORM_MARKER, version);
  put_pair (w, ws, &row, "database", w->job->identity);
  put_pair (w, ws, &row, "agency_id", agency_id);
  put_pair (w, ws, &row, "agency", w->form->short_name);
  put_pair (w, ws, &row, "period", w->job->period);
  put_pair (w, ws, &row, "written_at", w->job->written_at);
  put_pair (w, ws, &row, "language", w->job->language == SAM_REPORT_LANGUAGE_NB ? "nb" : "en");
  put_pair (w, ws, &row, "rows", rows);
  put_pair (w, ws, &row, "lock_sha256", lock_hash);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    put_text (w, ws, FORM_STATE_ROW - 1, i, columns[i], NULL);
  for (guint i = 0; i < sam_form_n_rows (w->form); i++)
    {
      guint32 sheet_row;
      SamFormRow *r = sam_form_get_row (w->form, i, &sheet_row);
      g_autofree char *shown = cell_text (r->comment);
      g_autofree char *comment = sam_form_text_hash (g_strstrip (shown));
      row = FORM_STATE_ROW + i;

      put_number (w, ws, row, 0, r->activity_id, TRUE, NULL);
      put_number (w, ws, row, 1, sheet_row + 1, TRUE, NULL);
      put_text (w, ws, row, 2, r->status, NULL);
      put_number (w, ws, row, 3, r->progress, r->progress >= 0, NULL);
      put_text (w, ws, row, 4, comment, NULL);
      put_number (w, ws, row, 5, r->update_id, TRUE, NULL);
      put_text (w, ws, row, 6, hashes->pdata[i], NULL);
    }
  sam_lxw.worksheet_hide (ws);
  protect (w, ws);
}

static void
write_properties (Writer     *w,
                  const char *lock_hash)
{
  g_autofree char *title = g_strdup_printf ("%s %s – %s", l (w, F_TITLE), w->job->period, w->form->name);
  g_autofree char *agency_id = g_strdup_printf ("%" G_GINT64_FORMAT, w->form->agency_id);
  g_autofree char *version = g_strdup_printf ("%d", SAM_FORM_VERSION);
  g_autofree char *clean_title = sam_text_for_cell (title);
  g_autofree char *clean_name = sam_text_for_cell (w->form->short_name);
  lxw_doc_properties properties = {
    .title = clean_title ? clean_title : title,
    .subject = (char *) l (w, F_TITLE),
    .company = (char *) "Samordna",
    .keywords = w->job->period,
    .created = time (NULL),
  };

  keep (w, sam_lxw.workbook_set_properties (w->workbook, &properties));
  keep (w, sam_lxw.workbook_set_custom_property_string (w->workbook, PROP_DATABASE, w->job->identity));
  keep (w, sam_lxw.workbook_set_custom_property_string (w->workbook, PROP_AGENCY_ID, agency_id));
  keep (w, sam_lxw.workbook_set_custom_property_string (w->workbook, PROP_AGENCY,
                                                        clean_name ? clean_name : w->form->short_name));
  keep (w, sam_lxw.workbook_set_custom_property_string (w->workbook, PROP_PERIOD, w->job->period));
  keep (w, sam_lxw.workbook_set_custom_property_string (w->workbook, PROP_VERSION, version));
  keep (w, sam_lxw.workbook_set_custom_property_string (w->workbook, PROP_WRITTEN, w->job->written_at));
  keep (w, sam_lxw.workbook_set_custom_property_string (w->workbook, PROP_LOCK_HASH, lock_hash));
}

/* The form's lock hash: of the agency, the period and every row's hash. */
static char *
total_hash (Writer    *w,
            GPtrArray *hashes)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  g_autofree char *agency_id = g_strdup_printf ("%" G_GINT64_FORMAT, w->form->agency_id);

  g_ptr_array_add (cells, agency_id);
  g_ptr_array_add (cells, w->job->period);
  for (guint i = 0; i < hashes->len; i++)
    g_ptr_array_add (cells, hashes->pdata[i]);
  return sam_form_lock_hash ((const char * const *) cells->pdata, cells->len);
}

/* Writes @form's workbook to its temporary file; FALSE with a
 * SamFormsError when libxlsxwriter fails, or cannot be loaded (LIBRARY). */
gboolean
sam_form_write_workbook (const SamFormsJob  *job,
                         SamForm            *form,
                         GError            **error)
{
  Writer w = { job, form, NULL, { 0 }, LXW_NO_ERROR };

  g_return_val_if_fail (job != NULL && form != NULL, FALSE);
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) missing = NULL;
  lxw_error rc;

  if (!sam_lxw_load (&missing))
    {
      g_set_error_literal (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_LIBRARY, missing->message);
      return FALSE;
    }
  w.workbook = sam_lxw.workbook_new (form->temporary);
  if (w.workbook == NULL)
    {
      g_set_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_WRITE,
                   _("Could not write the form “%s”: out of memory."), form->path);
      return FALSE;
    }
  make_formats (&w);
  write_instructions (&w);
  write_status_sheet (&w, hashes);
  write_context_sheet (&w);
  form->lock_hash = total_hash (&w, hashes);
  write_hidden_sheet (&w, hashes, form->lock_hash);
  write_properties (&w, form->lock_hash);
  rc = sam_lxw.workbook_close (w.workbook);
  if (w.rc == LXW_NO_ERROR)
    w.rc = rc;
  if (w.rc != LXW_NO_ERROR)
    {
      g_autofree char *why = sam_lxw_error_text (w.rc);

      g_set_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_WRITE,
                   _("Could not write the form “%s”: %s. Check that the disk has room, then try again."),
                   form->path, why);
      return FALSE;
    }
  return TRUE;
}
