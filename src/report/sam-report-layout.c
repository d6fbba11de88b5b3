#define G_LOG_DOMAIN "sam-report"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sam-report-private.h"

/* How the report is laid out for its readers: column widths, row heights
 * that fit wrapped text, and the print set-up of every sheet.
 *
 * Neither Excel nor LibreOffice nor Gnumeric sizes a row to its wrapped
 * text when the file does not give the height, so the report measures its
 * text itself. It is set in Calibri 11 (LibreOffice uses Carlito, which
 * has the same metrics); widths are in the units of a column's width, the
 * width of the digit 0. */

/* The widths of the printable ASCII characters in Carlito Regular, in
 * hundredths of the width of 0; bold is about 3 % wider. */
static const guint8 ascii_widths[95] = {
  /*   ! " # $ % & ' ( ) * + , - . / */
  45, 64, 79, 100, 100, 141, 135, 44, 60, 60, 100, 100, 49, 60, 50, 76,
  /* 0-9 */
  100, 100, 100, 100, 100, 100, 100, 100, 100, 100,
  /* : ; < = > ? @ */
  53, 53, 100, 100, 100, 91, 176,
  /* A-Z */
  114, 107, 105, 121, 96, 91, 124, 123, 50, 63, 103, 83, 169, 127, 131, 102, 133, 107, 91, 96, 127, 112,
  176, 102, 96, 92,
  /* [ \ ] ^ _ ` */
  60, 76, 60, 100, 100, 57,
  /* a-z */
  95, 104, 83, 104, 98, 60, 93, 104, 45, 47, 90, 45, 158, 104, 104, 104, 104, 69, 77, 66, 104, 89, 141,
  85, 89, 78,
  /* { | } ~ */
  63, 90, 63, 100,
};

/* Room for text in a column @width wide, in widths of 0: Excel gives a
 * column 7 pixels per unit and 5 of padding, where 0 is 7.4 pixels wide;
 * a little less, for the cell's margins and renderers that round
 * differently. */
static double
capacity (double width)
{
  return MAX (1.0, 0.93 * width - 0.3);
}

/* The width of the character at *@p, past ASCII, moving @p past it. */
static guint
non_ascii_width (const char **p)
{
  gunichar u = g_utf8_get_char_validated (*p, -1);

  *p = (u == (gunichar) -1 || u == (gunichar) -2) ? *p + 1 : g_utf8_next_char (*p);
  switch (u)
    {
    case 0x00E6: case 0x00C6: case 0x0152: case 0x0153:   /* æ Æ Œ œ */
      return 155;
    case 0x2013: case 0x00E5: case 0x00E4: case 0x00E9: case 0x00E8:   /* – å ä é è */
      return 100;
    case 0x2014: case 0x2026:   /* — … */
      return 180;
    case 0x2018: case 0x2019: case 0x201C: case 0x201D: case 0x00AB: case 0x00BB:
      return 80;
    default:
      return g_unichar_isupper (u) ? 135 : 115;
    }
}

/* The width of the character at *@p, in hundredths, moving @p past it. */
static inline guint
char_width (const char **p)
{
  const guchar c = (guchar) **p;

  if (G_LIKELY (c >= 0x20 && c < 0x7F))
    {
      (*p)++;
      return ascii_widths[c - 0x20];
    }
  if (c < 0x80)
    {
      (*p)++;
      return c == '\t' ? 180 : 0;
    }
  return non_ascii_width (p);
}

/* Returns how many lines @text takes in a column @width wide, wrapped at
 * spaces as spreadsheets wrap it, and at newlines; a word longer than a
 * line is broken. */
guint
sam_report_text_lines (const char *text,
                       double      width,
                       gboolean    bold)
{
  /* In hundredths of the width of 0, bold text measured 3 % narrower
   * room instead of 3 % wider letters. */
  const long room = (long) (capacity (width) * 100 / (bold ? 1.03 : 1.0));
  long line = 0, word = 0;
  const long space = 45;
  gboolean first = TRUE;
  guint lines = 1;
  const char *p = text;

  /* Most cells are short: no need to measure them. */
  if (strlen (text) * 180 <= (gsize) room && strchr (text, '\n') == NULL)
    return 1;
  for (;;)
    {
      char c = *p;

      if (c != ' ' && c != '\n' && c != '\0')
        {
          word += char_width (&p);
          continue;
        }
      /* Place the word that ends here. */
      if (!first && line + space + word > room)
        {
          lines++;
          line = word;
        }
      else
        line += (first ? 0 : space) + word;
      while (line > room)
        {
          lines++;
          line -= room;
        }
      first = FALSE;
      word = 0;
      if (c == '\0')
        break;
      if (c == '\n')
        {
          lines++;
          line = 0;
          first = TRUE;
        }
      p++;
    }
  return lines;
}

/* Returns the width of a column that holds @text on one line. */
double
sam_report_column_width_for (const char *text,
                             gboolean    bold)
{
  double units = 0;

  for (const char *p = text; *p;)
    units += char_width (&p) / 100.0;
  return ((bold ? 1.03 : 1.0) * units + 0.3) / 0.93;
}

/* The height in points of @lines lines of text of @size points, as Excel
 * gives a row of Calibri 11 15 points a line. */
double
sam_report_row_height (guint  lines,
                       double size)
{
  return MIN (409.0, lines * ceil (size * 15.0 / 11.0 * 4) / 4 + (lines > 1 ? 1 : 0));
}

/* Columns */

typedef struct
{
  double      width;
  lxw_format *format;
} SheetColumn;

/* Sets columns @first to @last @width wide with @format for empty cells
 * and cells written without one, and remembers both to size rows and the
 * printed page by. */
void
sam_sheet_set_columns (SamSheet   *sheet,
                       lxw_col_t   first,
                       lxw_col_t   last,
                       double      width,
                       lxw_format *format)
{
  if (sheet->cols == NULL)
    sheet->cols = g_array_new (FALSE, TRUE, sizeof (SheetColumn));
  if (sheet->cols->len <= last)
    {
      guint old = sheet->cols->len;

      g_array_set_size (sheet->cols, last + 1);
      for (guint c = old; c <= last; c++)
        g_array_index (sheet->cols, SheetColumn, c).width = LXW_DEF_COL_WIDTH;
    }
  for (lxw_col_t c = first; c <= last; c++)
    g_array_index (sheet->cols, SheetColumn, c) = (SheetColumn) { width, format };
  sam_report_set_lxw_error (sheet->ctx, sam_lxw.worksheet_set_column (sheet->ws, first, last, width, format));
}

double
sam_sheet_column_width (SamSheet  *sheet,
                        lxw_col_t  col)
{
  return sheet->cols && col < sheet->cols->len ? g_array_index (sheet->cols, SheetColumn, col).width
                                              : LXW_DEF_COL_WIDTH;
}

/* The format a cell written with @format shows in: the column's when
 * @format is NULL. */
lxw_format *
sam_sheet_cell_format (SamSheet   *sheet,
                       lxw_col_t   col,
                       lxw_format *format)
{
  if (format == NULL && sheet->cols && col < sheet->cols->len)
    return g_array_index (sheet->cols, SheetColumn, col).format;
  return format;
}

/* Makes the current row tall enough for @text in @format over @n columns
 * from @col. */
void
sam_sheet_fit_text (SamSheet   *sheet,
                    lxw_col_t   col,
                    guint       n,
                    const char *text,
                    lxw_format *format)
{
  double size = format && format->font_size > 0 ? format->font_size : SAM_REPORT_FONT_SIZE;
  double width = 0;
  guint lines = 1;

  if (format && format->text_wrap)
    {
      for (guint i = 0; i < n; i++)
        width += sam_sheet_column_width (sheet, col + i);
      width -= 1.5 * format->indent;
      /* No need to measure text that cannot be taller than the row is
       * already, as most cells of a row with a long description: no
       * character is wider than 1.8 and wrapped at words, two lines
       * together always hold more than one line's room. */
      if (sheet->row_height > 0 && strchr (text, '\n') == NULL
          && sam_report_row_height ((guint) (2 * strlen (text) * 1.8 * 1.03 / capacity (width)) + 2, size)
             <= sheet->row_height)
        return;
      lines = sam_report_text_lines (text, width, format->bold);
    }
  if (lines > 1 || size > SAM_REPORT_FONT_SIZE)
    sheet->row_height = MAX (sheet->row_height, sam_report_row_height (lines, size));
}

/* Sets the height and outline level the current row needs, before the
 * sheet moves on from it. */
void
sam_sheet_finish_row (SamSheet *sheet)
{
  lxw_row_col_options options = { .level = sheet->row_level };

  if (sheet->row_height > 0 || sheet->row_level > 0)
    sam_report_set_lxw_error (sheet->ctx,
                              sam_lxw.worksheet_set_row_opt (sheet->ws, sheet->row,
                                                             sheet->row_height > 0 ? sheet->row_height : LXW_DEF_ROW_HEIGHT,
                                                             NULL, &options));
  sheet->row_height = 0;
  sheet->row_level = 0;
}

void
sam_sheet_clear (SamSheet *sheet)
{
  g_clear_pointer (&sheet->cols, g_array_unref);
}

/* Printing */

#define PAGE_WIDTH_IN   (297.0 / 25.4)    /* A4, landscape */
#define SIDE_MARGIN_IN  0.4
#define FIT_MIN_SCALE   0.65              /* 11 pt text prints at 7.15 pt */
#define ACROSS_SCALE    70                /* 7.7 pt, for sheets wider than that */

/* A column @width wide, in points, as LibreOffice prints it: the file
 * says @width + 0.71 characters (5 pixels of padding), and LibreOffice
 * gives each the width of Carlito's 0, 5.6 points (Excel 5.25). */
static double
width_points (double width)
{
  return (width + 0.71) * 5.6;
}

/* Breaks the pages of a sheet printed across pages before the column
 * that would not fit, never inside a group of @group columns after the
 * first @title_columns (which repeat on every page). */
static void
set_column_breaks (SamSheet *sheet,
                   guint     title_columns,
                   guint     group)
{
  double page = (PAGE_WIDTH_IN - 2 * SIDE_MARGIN_IN) * 72 * 100 / ACROSS_SCALE * 0.97;
  double titles = 0, used = 0;
  g_autoptr(GArray) breaks = g_array_new (TRUE, TRUE, sizeof (lxw_col_t));
  guint n = sheet->cols->len;

  for (guint c = 0; c < MIN (title_columns, n); c++)
    titles += width_points (g_array_index (sheet->cols, SheetColumn, c).width);
  used = titles;
  for (guint c = title_columns; c < n && breaks->len < LXW_BREAKS_MAX; c += group)
    {
      double width = 0;

      for (guint i = c; i < MIN (c + group, n); i++)
        width += width_points (g_array_index (sheet->cols, SheetColumn, i).width);
      if (used + width > page && used > titles)
        {
          lxw_col_t at = (lxw_col_t) c;

          g_array_append_val (breaks, at);
          used = titles;
        }
      used += width;
    }
  if (breaks->len > 0)
    sam_report_set_lxw_error (sheet->ctx, sam_lxw.worksheet_set_v_pagebreaks (sheet->ws, (lxw_col_t *) breaks->data));
}

/* Sets how the sheet prints, once its columns are set (once per sheet
 * after sam_sheet_init()): on A4 in landscape, fitted to the page's width
 * where the text still prints at 7 points or more, else at 70 % across as
 * many pages as it takes, page by page along the rows, with rows
 * @title_first to @title_last (none when @title_last is LXW_ROW_MAX) and
 * the first @title_columns columns repeated on every page, and the
 * columns after them in groups of @group kept on one page. */
void
sam_sheet_set_print (SamSheet  *sheet,
                     lxw_row_t  title_first,
                     lxw_row_t  title_last,
                     guint      title_columns,
                     guint      group)
{
  double total = 0, printable = (PAGE_WIDTH_IN - 2 * SIDE_MARGIN_IN) * 72;

  for (guint c = 0; sheet->cols && c < sheet->cols->len; c++)
    total += width_points (g_array_index (sheet->cols, SheetColumn, c).width);
  sam_lxw.worksheet_set_landscape (sheet->ws);
  sam_lxw.worksheet_set_paper (sheet->ws, 9);
  sam_lxw.worksheet_set_margins (sheet->ws, SIDE_MARGIN_IN, SIDE_MARGIN_IN, 0.75, 0.75);
  if (title_last != LXW_ROW_MAX)
    sam_report_set_lxw_error (sheet->ctx, sam_lxw.worksheet_repeat_rows (sheet->ws, title_first, title_last));
  if (total <= 0 || printable / total >= FIT_MIN_SCALE)
    {
      sam_lxw.worksheet_set_print_scale (sheet->ws, 100);
      sam_lxw.worksheet_fit_to_pages (sheet->ws, 1, 0);
      return;
    }
  sam_lxw.worksheet_set_print_scale (sheet->ws, ACROSS_SCALE);
  sam_lxw.worksheet_print_across (sheet->ws);
  if (title_columns > 0)
    sam_report_set_lxw_error (sheet->ctx, sam_lxw.worksheet_repeat_columns (sheet->ws, 0, title_columns - 1));
  set_column_breaks (sheet, title_columns, MAX (group, 1));
}
