/* plain-xlsx: the yardstick of the report benchmark.
 *
 * Usage: plain-xlsx OUTPUT CELLS STRINGS [TEXT-BYTES BLANKS FORMATTED]
 *
 * Writes CELLS cells, STRINGS of them text and the rest numbers, 25 to a
 * row, with libxlsxwriter in constant-memory mode and nothing else: no
 * database, no sheets but what the row limit needs. What the report takes
 * beyond this is the price of its queries and its form.
 *
 * To write what the report writes, not merely as many values, it takes
 * the report's other figures too: the texts come to TEXT-BYTES bytes
 * together (the report's are shorter than the 48-byte sentence written
 * without it), BLANKS more cells are empty but formatted (the report's
 * shaded gaps and header cells), and FORMATTED of all cells carry a format
 * (a style index in the XML). Each kind is spread evenly over the cells.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define COLUMNS 25

static const char sentence[] =
  "om en aktivitet mot menneskehandel i kommunene, med partnere, sektorer og grupper ";

/* TRUE when draw @n (from 0) of @total is one of @share spread evenly among
 * them; counts those in *@taken. */
static int
spread (uint64_t *taken,
        uint64_t  share,
        uint64_t  total,
        uint64_t  n)
{
  if (*taken * total < share * (n + 1))
    {
      (*taken)++;
      return 1;
    }
  return 0;
}

/* Writes @length bytes (at least 1) of text for cell @n into @text: its
 * number, then as much of the sentence as fits. */
static void
make_text (char     *text,
           size_t    size,
           uint64_t  n,
           size_t    length)
{
  size_t used = (size_t) snprintf (text, size, "Tekst %" PRIu64 " ", n);

  length = length < 1 ? 1 : length < size ? length : size - 1;
  while (used < length)
    {
      size_t take = length - used < sizeof sentence - 1 ? length - used : sizeof sentence - 1;

      memcpy (text + used, sentence, take);
      used += take;
    }
  text[length] = '\0';
}

int
main (int argc, char **argv)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  lxw_workbook *workbook;
  lxw_worksheet *sheet = NULL;
  lxw_format *format;
  uint64_t cells, strings, text_bytes = 0, blanks = 0, formatted = 0;
  uint64_t position = 0, cell = 0, texts = 0, bytes = 0, empty = 0, styled = 0;
  lxw_row_t row = LXW_ROW_MAX;
  char text[4096];

  if (argc != 4 && argc != 7)
    {
      fprintf (stderr, "Usage: %s OUTPUT CELLS STRINGS [TEXT-BYTES BLANKS FORMATTED]\n", argv[0]);
      return 2;
    }
  cells = strtoull (argv[2], NULL, 10);
  strings = strtoull (argv[3], NULL, 10);
  if (argc == 7)
    {
      text_bytes = strtoull (argv[4], NULL, 10);
      blanks = strtoull (argv[5], NULL, 10);
      formatted = strtoull (argv[6], NULL, 10);
      formatted = formatted > blanks ? formatted - blanks : 0;   /* the blanks all have one */
    }
  workbook = workbook_new_opt (argv[1], &options);
  format = workbook_add_format (workbook);
  format_set_text_wrap (format);
  while (position < cells + blanks)
    {
      if (row >= LXW_ROW_MAX)
        {
          sheet = workbook_add_worksheet (workbook, NULL);
          row = 0;
        }
      for (lxw_col_t col = 0; col < COLUMNS && position < cells + blanks; col++, position++)
        {
          lxw_format *f;

          if (spread (&empty, blanks, cells + blanks, position))
            {
              worksheet_write_blank (sheet, row, col, format);
              continue;
            }
          f = spread (&styled, formatted, cells, cell) ? format : NULL;
          if (!spread (&texts, strings, cells, cell++))
            worksheet_write_number (sheet, row, col, (double) position, f);
          else
            {
              if (text_bytes > 0)
                make_text (text, sizeof text, position, (size_t) (text_bytes * texts / strings - bytes));
              else
                snprintf (text, sizeof text, "Tekst %" PRIu64 " om en aktivitet mot menneskehandel", position);
              bytes += strlen (text);
              worksheet_write_string (sheet, row, col, text, f);
            }
        }
      row++;
    }
  return workbook_close (workbook) == LXW_NO_ERROR ? 0 : 1;
}
