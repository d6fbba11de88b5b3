/* plain-xlsx: the yardstick of the report benchmark.
 *
 * Usage: plain-xlsx OUTPUT CELLS STRINGS
 *
 * Writes CELLS cells, STRINGS of them text and the rest numbers, 25 to a
 * row, with libxlsxwriter in constant-memory mode and nothing else: no
 * database, no formats, no sheets but what the row limit needs. What the
 * report takes beyond this is the price of its queries and its form.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <xlsxwriter.h>

#define COLUMNS 25

int
main (int argc, char **argv)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  lxw_workbook *workbook;
  lxw_worksheet *sheet = NULL;
  uint64_t cells, strings, written = 0, texts = 0;
  lxw_row_t row = LXW_ROW_MAX;
  char text[96];

  if (argc != 4)
    {
      fprintf (stderr, "Usage: %s OUTPUT CELLS STRINGS\n", argv[0]);
      return 2;
    }
  cells = strtoull (argv[2], NULL, 10);
  strings = strtoull (argv[3], NULL, 10);
  workbook = workbook_new_opt (argv[1], &options);
  while (written < cells)
    {
      if (row >= LXW_ROW_MAX)
        {
          sheet = workbook_add_worksheet (workbook, NULL);
          row = 0;
        }
      for (lxw_col_t col = 0; col < COLUMNS && written < cells; col++, written++)
        {
          /* Spread the strings evenly over the cells. */
          if (texts * cells < strings * (written + 1))
            {
              snprintf (text, sizeof text, "Tekst %" PRIu64 " om en aktivitet mot menneskehandel", written);
              worksheet_write_string (sheet, row, col, text, NULL);
              texts++;
            }
          else
            worksheet_write_number (sheet, row, col, (double) written, NULL);
        }
      row++;
    }
  return workbook_close (workbook) == LXW_NO_ERROR ? 0 : 1;
}
