#define G_LOG_DOMAIN "sam-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sam-report-private.h"
#include "core/sam-text.h"

/* Errors */

/* TRUE once writing has failed or was cancelled; every writer stops. */
gboolean
sam_report_failed (SamReportContext *ctx)
{
  return ctx->error != NULL;
}

/* Keeps @error (taking it) as the report's error unless it already has
 * one, and returns FALSE for the caller to pass on. */
gboolean
sam_report_keep_error (SamReportContext *ctx,
                       GError           *error)
{
  if (error != NULL && ctx->error == NULL)
    ctx->error = error;
  else
    g_clear_error (&error);
  return ctx->error == NULL;
}

/* Keeps @message (taking it) among what the report says did not fit. */
void
sam_report_warn (SamReportContext *ctx,
                 char             *message)
{
  g_debug ("%s", message);
  if (ctx->warnings == NULL)
    ctx->warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (ctx->warnings, message);
}

void
sam_report_set_lxw_error (SamReportContext *ctx,
                          lxw_error         rc)
{
  g_autofree char *why = NULL;

  if (rc == LXW_NO_ERROR || ctx->error != NULL)
    return;
  why = sam_lxw_error_text (rc);
  g_set_error (&ctx->error, SAM_REPORT_ERROR, SAM_REPORT_ERROR_FAILED, _("Could not write the report: %s."), why);
}

/* Words */

const char *
sam_report_l (SamReportContext *ctx,
              SamReportLabel    label)
{
  return sam_report_label (ctx->language, label);
}

const char *
sam_report_word (SamReportContext *ctx,
                 const char       *nick)
{
  return sam_report_enum_label (ctx->language, nick);
}

/* Returns what the report covers, in its language, as in
 * "Measure 7: Utvikle kompetansehevingstiltak". */
char *
sam_report_scope_label (SamReportContext *ctx)
{
  const SamScope *s = ctx->scope;
  g_autofree char *name = NULL;

  if (sam_scope_is_whole (s))
    return g_strdup (sam_report_l (ctx, L_WHOLE_STRATEGY));
  name = s->short_name && g_strcmp0 (s->short_name, s->title) != 0
         ? g_strdup_printf ("%s (%s)", s->title, s->short_name) : g_strdup (s->title);
  switch (s->kind)
    {
    case SAM_SCOPE_FOCUS_AREA:
      return g_strdup_printf ("%s %" G_GINT64_FORMAT ": %s", sam_report_l (ctx, L_FOCUS_AREA), s->number, name);
    case SAM_SCOPE_MEASURE:
      return g_strdup_printf ("%s %" G_GINT64_FORMAT ": %s", sam_report_l (ctx, L_MEASURE), s->number, name);
    case SAM_SCOPE_PLAN:
      return g_strdup_printf ("%s: %s", sam_report_l (ctx, L_PLAN), name);
    case SAM_SCOPE_AGENCY:
      return g_strdup_printf ("%s: %s", sam_report_l (ctx, L_AGENCY), name);
    case SAM_SCOPE_MINISTRY:
      return g_strdup_printf ("%s: %s", sam_report_l (ctx, L_MINISTRY_WITH_AGENCIES), name);
    case SAM_SCOPE_STRATEGY:
    default:
      return g_strdup_printf ("%s: %s", sam_report_l (ctx, L_STRATEGY), name);
    }
}

/* Returns the date @iso (YYYY-MM-DD…) as the report writes dates in its
 * language: 15.05.2026 in Norwegian, 2026-05-15 in English. */
char *
sam_report_date_text (SamReportContext *ctx,
                      const char       *iso)
{
  if (iso == NULL || strlen (iso) < 10)
    return g_strdup (iso ? iso : "");
  if (ctx->language == SAM_REPORT_LANGUAGE_NB)
    return g_strdup_printf ("%.2s.%.2s.%.4s", iso + 8, iso + 5, iso);
  return g_strndup (iso, 10);
}

/* Returns @period's code with its dates in the report's language, as a
 * reader outside the secretariat needs it. */
char *
sam_report_period_text (SamReportContext *ctx,
                        const SamPeriod  *period)
{
  return sam_period_describe_in (period, ctx->language == SAM_REPORT_LANGUAGE_NB ? "nb" : "en");
}

/* TRUE when the report covers part of the strategy and leaves out the
 * rows and columns of its matrices that have nothing in that part; a
 * report on the whole strategy shows them all, empty ones being its
 * findings. */
gboolean
sam_report_drops_empty (SamReportContext *ctx)
{
  return !sam_scope_is_whole (ctx->scope);
}

/* Formats */

static lxw_format *
new_format (SamReportContext *ctx)
{
  lxw_format *f = sam_lxw.workbook_add_format (ctx->workbook);

  sam_lxw.format_set_align (f, LXW_ALIGN_VERTICAL_TOP);
  return f;
}

static lxw_format *
fill (SamReportContext *ctx,
      lxw_color_t       colour)
{
  lxw_format *f = sam_lxw.workbook_add_format (ctx->workbook);

  sam_lxw.format_set_bg_color (f, colour);
  return f;
}

static lxw_format *
header_format (SamReportContext *ctx,
               uint8_t           align)
{
  lxw_format *f = new_format (ctx);

  sam_lxw.format_set_bold (f);
  sam_lxw.format_set_text_wrap (f);
  sam_lxw.format_set_bg_color (f, 0xDDEBF7);
  sam_lxw.format_set_bottom (f, LXW_BORDER_THIN);
  if (align != LXW_ALIGN_NONE)
    sam_lxw.format_set_align (f, align);
  return f;
}

void
sam_report_make_formats (SamReportContext *ctx)
{
  SamReportFormats *fmt = &ctx->fmt;

  fmt->title = new_format (ctx);
  sam_lxw.format_set_bold (fmt->title);
  sam_lxw.format_set_font_size (fmt->title, 16);
  fmt->label = new_format (ctx);
  sam_lxw.format_set_bold (fmt->label);
  fmt->header = header_format (ctx, LXW_ALIGN_NONE);
  fmt->header_number = header_format (ctx, LXW_ALIGN_RIGHT);
  fmt->header_center = header_format (ctx, LXW_ALIGN_CENTER);
  fmt->wrap = new_format (ctx);
  sam_lxw.format_set_text_wrap (fmt->wrap);
  fmt->text = new_format (ctx);
  fmt->yes_no = new_format (ctx);
  sam_lxw.format_set_align (fmt->yes_no, LXW_ALIGN_CENTER);
  fmt->integer = new_format (ctx);
  sam_lxw.format_set_num_format (fmt->integer, "0");
  fmt->count = new_format (ctx);
  sam_lxw.format_set_num_format (fmt->count, "0");
  sam_lxw.format_set_align (fmt->count, LXW_ALIGN_CENTER);
  fmt->decimal = new_format (ctx);
  sam_lxw.format_set_num_format (fmt->decimal, "0.0");
  /* Dates in lists are aligned right, as numbers are, so that an id
   * before one never runs into it. */
  fmt->date = new_format (ctx);
  sam_lxw.format_set_num_format (fmt->date, sam_report_l (ctx, L_DATE_FORMAT));
  fmt->datetime = new_format (ctx);
  sam_lxw.format_set_num_format (fmt->datetime, sam_report_l (ctx, L_DATETIME_FORMAT));
  fmt->date_left = new_format (ctx);
  sam_lxw.format_set_num_format (fmt->date_left, sam_report_l (ctx, L_DATE_FORMAT));
  sam_lxw.format_set_align (fmt->date_left, LXW_ALIGN_LEFT);
  fmt->group = new_format (ctx);
  sam_lxw.format_set_bold (fmt->group);
  sam_lxw.format_set_bg_color (fmt->group, 0xF2F2F2);
  sam_lxw.format_set_text_wrap (fmt->group);
  fmt->indent = new_format (ctx);
  sam_lxw.format_set_indent (fmt->indent, 1);
  sam_lxw.format_set_text_wrap (fmt->indent);
  fmt->gap = new_format (ctx);
  sam_lxw.format_set_bg_color (fmt->gap, 0xFCE4D6);
  fmt->total = new_format (ctx);
  sam_lxw.format_set_bold (fmt->total);
  sam_lxw.format_set_top (fmt->total, LXW_BORDER_THIN);
  fmt->total_integer = new_format (ctx);
  sam_lxw.format_set_bold (fmt->total_integer);
  sam_lxw.format_set_top (fmt->total_integer, LXW_BORDER_THIN);
  sam_lxw.format_set_num_format (fmt->total_integer, "0");
  fmt->total_decimal = new_format (ctx);
  sam_lxw.format_set_bold (fmt->total_decimal);
  sam_lxw.format_set_top (fmt->total_decimal, LXW_BORDER_THIN);
  sam_lxw.format_set_num_format (fmt->total_decimal, "0.0");
  fmt->note = new_format (ctx);
  sam_lxw.format_set_italic (fmt->note);
  sam_lxw.format_set_font_color (fmt->note, 0x595959);
  fmt->note_wrap = new_format (ctx);
  sam_lxw.format_set_italic (fmt->note_wrap);
  sam_lxw.format_set_font_color (fmt->note_wrap, 0x595959);
  sam_lxw.format_set_text_wrap (fmt->note_wrap);
  fmt->fill_grey = fill (ctx, 0xE7E6E6);
  fmt->fill_blue = fill (ctx, 0xBDD7EE);
  fmt->fill_green = fill (ctx, 0xC6EFCE);
  fmt->fill_red = fill (ctx, 0xFFC7CE);
  fmt->fill_struck = fill (ctx, 0xF2F2F2);
  sam_lxw.format_set_font_strikeout (fmt->fill_struck);
  sam_lxw.format_set_font_color (fmt->fill_struck, 0x7F7F7F);
  {
    static const lxw_color_t colours[] = { 0xFFFFFF, 0xC6EFCE, 0xFFEB9C, 0xFFC7CE };

    for (guint i = 0; i < G_N_ELEMENTS (fmt->light); i++)
      {
        fmt->light[i] = new_format (ctx);
        sam_lxw.format_set_align (fmt->light[i], LXW_ALIGN_CENTER);
        sam_lxw.format_set_bold (fmt->light[i]);
        if (i > 0)
          sam_lxw.format_set_bg_color (fmt->light[i], colours[i]);
      }
  }
  fmt->alert = new_format (ctx);
  sam_lxw.format_set_bold (fmt->alert);
  sam_lxw.format_set_bg_color (fmt->alert, 0xFFC7CE);
  sam_lxw.format_set_text_wrap (fmt->alert);
  fmt->signed_decimal = new_format (ctx);
  sam_lxw.format_set_num_format (fmt->signed_decimal, "+0.0;-0.0;0.0");
}

/* The word for a status light in the report's language; "" for none. */
const char *
sam_report_light_word (SamReportContext *ctx,
                       SamLight          light)
{
  switch (light)
    {
    case SAM_LIGHT_RED:
      return sam_report_l (ctx, L_LIGHT_RED);
    case SAM_LIGHT_AMBER:
      return sam_report_l (ctx, L_LIGHT_AMBER);
    case SAM_LIGHT_GREEN:
      return sam_report_l (ctx, L_LIGHT_GREEN);
    case SAM_LIGHT_NONE:
    default:
      return "";
    }
}

/* Text */

/* Returns @text cleaned as every cell's text is (see sam_text_for_cell()),
 * for what goes into the workbook besides cells: document properties,
 * sheet names, headers and footers. NULL stays NULL. */
char *
sam_report_clean (const char *text)
{
  char *clean = sam_text_for_cell (text);

  return clean ? clean : g_strdup (text);
}

/* Returns @name as Excel takes a sheet name: clean, without []:*?/\, not
 * starting or ending with an apostrophe, at most 31 characters. */
static char *
sheet_name (const char *name)
{
  g_autofree char *clean = sam_report_clean (name);
  GString *out = g_string_new (NULL);
  glong n = 0;

  for (const char *p = clean; *p && n < 31; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (strchr ("[]:*?/\\", (int) c) != NULL && c < 0x80)
        c = '_';
      else if (c == '\'' && (n == 0 || !p[1] || n == 30))
        c = '_';
      g_string_append_unichar (out, c);
    }
  if (out->len == 0)
    g_string_append_c (out, '_');
  return g_string_free (out, FALSE);
}

/* Returns the worksheet name of part @part of the sheet @label: "Name",
 * or "Name (2)", its number kept when a long name is cut. */
static char *
sheet_title (const char *label,
             guint       part)
{
  g_autofree char *suffix = part > 1 ? g_strdup_printf (" (%u)", part) : g_strdup ("");
  g_autofree char *base = sheet_name (label);
  glong room = 31 - g_utf8_strlen (suffix, -1);

  if (g_utf8_strlen (base, -1) > room)
    *g_utf8_offset_to_pointer (base, room) = '\0';
  return g_strconcat (base, suffix, NULL);
}

/* Sheets */

/* Doubles the & of @text, which starts a code in Excel headers. */
static char *
header_escape (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "&", -1);

  return g_strjoinv ("&&", parts);
}

/* Returns @text cut to @max characters, with … where it was cut. */
static char *
shorten (const char *text,
         glong       max)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (text, -1) <= max)
    return g_strdup (text);
  start = g_utf8_substring (text, 0, max - 1);
  return g_strconcat (start, "…", NULL);
}

/* Sets the page header and footer of @sheet: what the report covers in
 * the header, and its period and date of report between the sheet's name
 * and "Page x of y" in the footer; so a page of a ministry's report never
 * passes for one of the whole strategy's. (Apart, the two lines fit the
 * page even where an application prints them unscaled, as Gnumeric
 * does.) */
static void
set_header_footer (SamSheet *sheet)
{
  SamReportContext *ctx = sheet->ctx;
  g_autofree char *scope = sam_report_scope_label (ctx);
  g_autofree char *full = g_strdup_printf ("%s – %s", sam_report_l (ctx, L_REPORT_TITLE), scope);
  g_autofree char *title = sam_report_clean (full);
  /* Excel takes 255 characters, codes included. */
  g_autofree char *short_title = shorten (title, 110);
  g_autofree char *title_escaped = header_escape (short_title);
  g_autofree char *date = sam_report_date_text (ctx, ctx->today);
  g_autofree char *clean_period = ctx->period ? sam_report_clean (ctx->period_text) : NULL;
  g_autofree char *code = clean_period ? shorten (clean_period, 70) : NULL;
  g_autofree char *period = code ? g_strdup_printf ("%s %s", sam_report_l (ctx, L_PERIOD), code)
                                 : g_strdup (sam_report_l (ctx, L_NO_PERIOD));
  g_autofree char *when = g_strdup_printf ("%s · %s %s", period, sam_report_l (ctx, L_WRITTEN), date);
  g_autofree char *when_escaped = header_escape (when);
  g_autofree char *header = g_strdup_printf ("&L%s", title_escaped);
  g_autofree char *footer = g_strdup_printf ("&L&A&C%s&R%s &P %s &N", when_escaped, sam_report_l (ctx, L_PAGE),
                                             sam_report_l (ctx, L_OF));

  sam_report_set_lxw_error (ctx, sam_lxw.worksheet_set_header (sheet->ws, header));
  sam_report_set_lxw_error (ctx, sam_lxw.worksheet_set_footer (sheet->ws, footer));
}

/* Adds the worksheet @name (part sheet->part) to the workbook, with the
 * report's header and footer on every printed page; how it prints is set
 * by sam_sheet_set_print() once its columns are known. */
void
sam_sheet_init (SamSheet         *sheet,
                SamReportContext *ctx,
                SamReportLabel    name)
{
  g_autofree char *title = NULL;
  guint part = sheet->part > 0 ? sheet->part : 1;

  sam_sheet_clear (sheet);
  memset (sheet, 0, sizeof *sheet);
  sheet->ctx = ctx;
  sheet->name = name;
  sheet->part = part;
  title = sheet_title (sam_report_l (ctx, name), part);
  sheet->ws = sam_lxw.workbook_add_worksheet (ctx->workbook, title);
  if (sheet->ws == NULL)
    {
      sam_report_set_lxw_error (ctx, LXW_ERROR_MEMORY_MALLOC_FAILED);
      return;
    }
  set_header_footer (sheet);
  sam_lxw.worksheet_set_landscape (sheet->ws);
  sam_lxw.worksheet_set_paper (sheet->ws, 9);
}

/* Cells */

/* A list that filled its sheet continues on a new one, "Name (2)", with
 * its header again, once there is another row to write; so a list that
 * ends exactly at the limit leaves no empty sheet. */
static void
make_room (SamSheet *sheet)
{
  const SamColumn *columns = sheet->columns;
  guint n_columns = sheet->n_columns, title_columns = sheet->title_columns;
  SamReportLabel name = sheet->name;

  if (!sheet->full)
    return;
  sheet->full = FALSE;
  sam_sheet_finish_list (sheet);
  sheet->part++;
  sam_sheet_init (sheet, sheet->ctx, name);
  if (!sam_report_failed (sheet->ctx))
    sam_sheet_start_list (sheet, columns, n_columns, title_columns);
}

/* Makes room for a cell in column @col of the current row (a full list
 * goes on in a new sheet) and returns TRUE; or FALSE when nothing is to be
 * written: writing has failed, or the cell lies past the end of a sheet
 * that cannot go on, which is left out and said once. */
static gboolean
ready (SamSheet  *sheet,
       lxw_col_t  col)
{
  SamReportContext *ctx = sheet->ctx;

  make_room (sheet);
  if (sam_report_failed (ctx))
    return FALSE;
  if (col < LXW_COL_MAX && sheet->row < ctx->max_rows)
    return TRUE;
  if (!sheet->overflowed)
    {
      sheet->overflowed = TRUE;
      sam_report_warn (ctx, g_strdup_printf (_("Part of the sheet “%s” did not fit, as a sheet holds at most 16,384 columns and %u rows, and is left out."),
                                             sam_report_l (ctx, sheet->name), ctx->max_rows));
    }
  return FALSE;
}

/* Writes @text in @format over @n columns from @col, merged, in the
 * current row. */
void
sam_sheet_merge (SamSheet   *sheet,
                 lxw_col_t   col,
                 guint       n,
                 const char *text,
                 lxw_format *format)
{
  SamReportContext *ctx = sheet->ctx;
  g_autofree char *clean = NULL;

  if (n == 0)
    return;
  if (n == 1)
    {
      sam_sheet_text (sheet, col, text, format);
      return;
    }
  if (!ready (sheet, col + n - 1))
    return;
  if ((clean = sam_text_for_cell (text)))
    text = clean;
  sam_report_set_lxw_error (ctx, sam_lxw.worksheet_merge_range (sheet->ws, sheet->row, col, sheet->row,
                                                                col + n - 1, text, format));
  sam_sheet_fit_text (sheet, col, n, text, format);
  /* The text in the first cell, blanks with its format in the rest. */
  ctx->stats.cells++;
  ctx->stats.strings++;
  ctx->stats.text_bytes += strlen (text);
  ctx->stats.blanks += n - 1;
  ctx->stats.formatted += n;
}

/* Counts a cell written, for the benchmark's yardstick to write as many. */
static void
count_cell (SamReportContext *ctx,
            lxw_format       *format)
{
  ctx->stats.cells++;
  if (format != NULL)
    ctx->stats.formatted++;
}

/* Writes @text as a string, never as a formula, whatever it starts with;
 * NULL or "" leaves the cell empty (with @format, when given). */
void
sam_sheet_text (SamSheet   *sheet,
                lxw_col_t   col,
                const char *text,
                lxw_format *format)
{
  g_autofree char *clean = NULL;

  if (!ready (sheet, col))
    return;
  if (text == NULL || *text == '\0')
    {
      if (format)
        sam_sheet_blank (sheet, col, format);
      return;
    }
  if ((clean = sam_text_for_cell (text)))
    text = clean;
  if (format == NULL && (format = sam_sheet_cell_format (sheet, col, NULL)) == NULL)
    format = sheet->ctx->fmt.text;
  sam_report_set_lxw_error (sheet->ctx, sam_lxw.worksheet_write_string (sheet->ws, sheet->row, col, text, format));
  sam_sheet_fit_text (sheet, col, 1, text, format);
  count_cell (sheet->ctx, format);
  sheet->ctx->stats.strings++;
  sheet->ctx->stats.text_bytes += strlen (text);
}

void
sam_sheet_number (SamSheet   *sheet,
                  lxw_col_t   col,
                  double      value,
                  lxw_format *format)
{
  if (!ready (sheet, col))
    return;
  sam_report_set_lxw_error (sheet->ctx, sam_lxw.worksheet_write_number (sheet->ws, sheet->row, col, value, format));
  count_cell (sheet->ctx, format);
}

/* Writes @formula with its computed @value, so that readers that do not
 * recalculate still show the number. */
void
sam_sheet_formula (SamSheet   *sheet,
                   lxw_col_t   col,
                   const char *formula,
                   double      value,
                   lxw_format *format)
{
  if (!ready (sheet, col))
    return;
  sam_report_set_lxw_error (sheet->ctx,
                            sam_lxw.worksheet_write_formula_num (sheet->ws, sheet->row, col, formula, format, value));
  count_cell (sheet->ctx, format);
}

void
sam_sheet_blank (SamSheet   *sheet,
                 lxw_col_t   col,
                 lxw_format *format)
{
  if (!ready (sheet, col))
    return;
  sam_report_set_lxw_error (sheet->ctx, sam_lxw.worksheet_write_blank (sheet->ws, sheet->row, col, format));
  if (format != NULL)   /* libxlsxwriter writes no blank cell without one */
    {
      sheet->ctx->stats.blanks++;
      sheet->ctx->stats.formatted++;
    }
}

/* Returns the number in the @n digits at @s, or -1 when they are not all
 * digits. */
static int
digits (const char *s,
        guint       n)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return -1;
      value = value * 10 + (s[i] - '0');
    }
  return value;
}

/* Reads the forms the store writes, "YYYY-MM-DD", "YYYY-MM-DD HH:MM" and
 * "YYYY-MM-DD HH:MM:SS" (or with T), into @f (year, month, day, hour,
 * minute, second), without sscanf(), which showed in profiles of long
 * reports. Returns FALSE for anything else. */
static gboolean
read_plain_iso (const char *iso,
                int         f[6])
{
  gsize length = strlen (iso);

  if ((length != 10 && length != 16 && length != 19) || iso[4] != '-' || iso[7] != '-'
      || (f[0] = digits (iso, 4)) < 0 || (f[1] = digits (iso + 5, 2)) < 0 || (f[2] = digits (iso + 8, 2)) < 0)
    return FALSE;
  if (length == 10)
    return TRUE;
  if ((iso[10] != ' ' && iso[10] != 'T') || iso[13] != ':'
      || (f[3] = digits (iso + 11, 2)) < 0 || (f[4] = digits (iso + 14, 2)) < 0)
    return FALSE;
  return length == 16 || (iso[16] == ':' && (f[5] = digits (iso + 17, 2)) >= 0);
}

/* Parses "YYYY-MM-DD", optionally followed by " HH:MM[:SS]" or "THH:MM…". */
static gboolean
parse_iso (const char   *iso,
           lxw_datetime *dt)
{
  int f[6] = { 0 };
  int year, month, day, hour, minute, second;
  int n;

  memset (dt, 0, sizeof *dt);
  if (!read_plain_iso (iso, f))
    {
      memset (f, 0, sizeof f);
      if (sscanf (iso, "%4d-%2d-%2d", &f[0], &f[1], &f[2]) != 3 || strlen (iso) < 10)
        return FALSE;
      if (iso[10] == ' ' || iso[10] == 'T')
        {
          n = sscanf (iso + 11, "%2d:%2d:%2d", &f[3], &f[4], &f[5]);
          if (n < 2)
            return FALSE;
        }
      else if (iso[10] != '\0')
        return FALSE;
    }
  year = f[0], month = f[1], day = f[2], hour = f[3], minute = f[4], second = f[5];
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year) || year < 1900
      || hour > 23 || minute > 59 || second > 59)
    return FALSE;
  *dt = (lxw_datetime) { year, month, day, hour, minute, second };
  return TRUE;
}

/* Writes an ISO date or date and time as a real Excel date in @format; a
 * value that is not a date (from a newer or damaged file) is kept as text. */
void
sam_sheet_date (SamSheet   *sheet,
                lxw_col_t   col,
                const char *iso,
                lxw_format *format)
{
  lxw_datetime dt;

  if (iso == NULL || *iso == '\0' || !ready (sheet, col))
    return;
  if (!parse_iso (iso, &dt))
    {
      sam_sheet_text (sheet, col, iso, NULL);
      return;
    }
  sam_report_set_lxw_error (sheet->ctx, sam_lxw.worksheet_write_datetime (sheet->ws, sheet->row, col, &dt, format));
  count_cell (sheet->ctx, format);
}

void
sam_sheet_yes_no (SamSheet  *sheet,
                  lxw_col_t  col,
                  gboolean   yes)
{
  sam_sheet_text (sheet, col, sam_report_l (sheet->ctx, yes ? L_YES : L_NO), sheet->ctx->fmt.yes_no);
}

/* Rows */

static void
report_progress (SamReportContext *ctx)
{
  double fraction;

  if (g_cancellable_set_error_if_cancelled (ctx->cancellable, &ctx->error))
    return;
  if (ctx->progress == NULL || ctx->expected_rows == 0)
    return;
  fraction = MIN (0.99, (double) ctx->done_rows / (double) ctx->expected_rows);
  if (fraction - ctx->reported >= 0.01)
    {
      ctx->reported = fraction;
      ctx->progress (fraction, ctx->progress_data);
    }
}

/* Moves to the next row; a list that reaches the row limit is marked
 * full (see make_room()). Returns FALSE once writing has failed or was
 * cancelled. */
gboolean
sam_sheet_next_row (SamSheet *sheet)
{
  SamReportContext *ctx = sheet->ctx;

  sam_sheet_finish_row (sheet);
  sheet->row++;
  ctx->stats.rows++;
  if (++ctx->done_rows % 1024 == 0)
    report_progress (ctx);
  if (sheet->columns != NULL && sheet->row >= ctx->max_rows)
    sheet->full = TRUE;
  return !sam_report_failed (ctx);
}

static gboolean
is_numeric (SamColumnKind kind)
{
  return kind == SAM_COLUMN_ID || kind == SAM_COLUMN_INTEGER || kind == SAM_COLUMN_PROGRESS
         || kind == SAM_COLUMN_DATE || kind == SAM_COLUMN_DATETIME;
}

static lxw_format *
header_for (SamReportFormats *fmt,
            SamColumnKind     kind)
{
  if (kind == SAM_COLUMN_ID || kind == SAM_COLUMN_PROGRESS || kind == SAM_COLUMN_FLAG || kind == SAM_COLUMN_YES_NO)
    return fmt->header_center;
  return is_numeric (kind) ? fmt->header_number : fmt->header;
}

/* Writes the header row of a list at the current row and sets the column
 * widths, text columns wrapped; the rows that follow are its data. On
 * paper the header row, and the first @title_columns columns where the
 * list is wider than a page, repeat on every page. */
void
sam_sheet_start_list (SamSheet        *sheet,
                      const SamColumn *columns,
                      guint            n_columns,
                      guint            title_columns)
{
  SamReportFormats *fmt = &sheet->ctx->fmt;

  sheet->columns = NULL;   /* no continuation while writing the header */
  sheet->header_row = sheet->row;
  for (guint c = 0; c < n_columns; c++)
    sam_sheet_set_columns (sheet, c, c, columns[c].width, columns[c].kind == SAM_COLUMN_TEXT
                                                          || columns[c].kind == SAM_COLUMN_WRAP
                                                          || columns[c].kind == SAM_COLUMN_STATUS ? fmt->wrap : NULL);
  for (guint c = 0; c < n_columns; c++)
    sam_sheet_text (sheet, c, sam_report_l (sheet->ctx, columns[c].label), header_for (fmt, columns[c].kind));
  sam_sheet_set_print (sheet, sheet->header_row, sheet->header_row, title_columns, 1);
  sam_sheet_next_row (sheet);
  sheet->columns = columns;
  sheet->n_columns = n_columns;
  sheet->title_columns = title_columns;
}

static void
conditional (SamSheet   *sheet,
             lxw_row_t   first_row,
             lxw_row_t   last_row,
             lxw_col_t   col,
             const char *word,
             lxw_format *format)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", word);
  lxw_conditional_format cf = {
    .type = LXW_CONDITIONAL_TYPE_CELL,
    .criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO,
    .value_string = quoted,
    .format = format,
  };

  sam_report_set_lxw_error (sheet->ctx,
                            sam_lxw.worksheet_conditional_format_range (sheet->ws, first_row, col, last_row, col, &cf));
}

/* Colours the status words of rows @first_row to @last_row in column @col. */
void
sam_sheet_status_colours (SamSheet  *sheet,
                          lxw_row_t  first_row,
                          lxw_row_t  last_row,
                          lxw_col_t  col)
{
  static const struct { const char *nick; gsize fill; } colours[] = {
    { "planned", G_STRUCT_OFFSET (SamReportFormats, fill_grey) },
    { "in_progress", G_STRUCT_OFFSET (SamReportFormats, fill_blue) },
    { "open", G_STRUCT_OFFSET (SamReportFormats, fill_blue) },
    { "done", G_STRUCT_OFFSET (SamReportFormats, fill_green) },
    { "held", G_STRUCT_OFFSET (SamReportFormats, fill_green) },
    { "delayed", G_STRUCT_OFFSET (SamReportFormats, fill_red) },
    { "cancelled", G_STRUCT_OFFSET (SamReportFormats, fill_struck) },
  };

  if (last_row < first_row)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (colours); i++)
    conditional (sheet, first_row, last_row, col, sam_report_word (sheet->ctx, colours[i].nick),
                 G_STRUCT_MEMBER (lxw_format *, &sheet->ctx->fmt, colours[i].fill));
}

static void
progress_bar (SamSheet  *sheet,
              lxw_row_t  first_row,
              lxw_row_t  last_row,
              lxw_col_t  col)
{
  lxw_conditional_format cf = {
    .type = LXW_CONDITIONAL_DATA_BAR,
    .min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
    .min_value = 0,
    .max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
    .max_value = 100,
    .bar_color = 0x63BE7B,
  };

  sam_report_set_lxw_error (sheet->ctx,
                            sam_lxw.worksheet_conditional_format_range (sheet->ws, first_row, col, last_row, col, &cf));
}

/* Ends a list: autofilter over it, header frozen and repeated on every
 * printed page, status colours, progress bars and flags. */
void
sam_sheet_finish_list (SamSheet *sheet)
{
  lxw_row_t first = sheet->header_row + 1, last = sheet->row - 1;

  if (sam_report_failed (sheet->ctx) || sheet->columns == NULL)
    return;
  sam_report_set_lxw_error (sheet->ctx, sam_lxw.worksheet_autofilter (sheet->ws, sheet->header_row, 0,
                                                                       MAX (last, sheet->header_row),
                                                                       sheet->n_columns - 1));
  sam_lxw.worksheet_freeze_panes (sheet->ws, first, 0);
  for (guint c = 0; c < sheet->n_columns && last >= first; c++)
    {
      if (sheet->columns[c].kind == SAM_COLUMN_STATUS)
        sam_sheet_status_colours (sheet, first, last, c);
      else if (sheet->columns[c].kind == SAM_COLUMN_PROGRESS)
        progress_bar (sheet, first, last, c);
      else if (sheet->columns[c].kind == SAM_COLUMN_FLAG)
        conditional (sheet, first, last, c, sam_report_l (sheet->ctx, L_YES), sheet->ctx->fmt.fill_red);
    }
  sheet->columns = NULL;
  /* What follows the list is no part of it, and never goes on in a
   * continuation sheet of it. */
  sheet->full = FALSE;
}
