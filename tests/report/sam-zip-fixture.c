/* sam-zip-fixture: writes a workbook whose one sheet has about 2.5 MB of
 * XML, through libxlsxwriter as Samordna loads it, for check-zip.py.
 *
 * Usage: sam-zip-fixture WORKBOOK TEXTS [--leave-core]
 *
 * With --leave-core, the threads that deflate leave a core to other work,
 * as while a report's integrity check still runs (sam_zip_leave_core()).
 *
 * TEXTS gets the sheet's texts, one a line, in the order of the cells. The
 * texts are made of words drawn from a fixed sequence, so that they
 * compress as prose does, not as one sentence repeated. */
#define G_LOG_DOMAIN "sam-zip-fixture"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "report/sam-xlsxwriter-private.h"

#define ROWS 20000

static const char *words[] = {
  "kommune", "politi", "barnevern", "helse", "skole", "arbeid", "tilsyn", "veileder",
  "menneskehandel", "seminar", "opplæring", "informasjon", "utnyttelse", "tiltak", "sektor", "ansvar",
};

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  guint32 seed = 12345;
  FILE *texts;

  if (argc != 3 && (argc != 4 || strcmp (argv[3], "--leave-core") != 0))
    {
      g_printerr ("usage: %s WORKBOOK TEXTS [--leave-core]\n", argv[0]);
      return 2;
    }
  if (!sam_lxw_load (&error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (argc == 4)
    sam_zip_leave_core (TRUE);
  texts = fopen (argv[2], "w");
  workbook = sam_lxw.workbook_new_opt (argv[1], &options);
  if (texts == NULL || workbook == NULL)
    {
      g_printerr ("cannot write %s or %s\n", argv[1], argv[2]);
      return 1;
    }
  sheet = sam_lxw.workbook_add_worksheet (workbook, NULL);
  for (lxw_row_t row = 0; row < ROWS; row++)
    for (lxw_col_t col = 0; col < 3; col++)
      {
        g_autoptr(GString) text = g_string_new (NULL);

        g_string_printf (text, "%u.%u", row, col);
        for (guint w = 0; w < 6; w++)
          {
            seed = seed * 1103515245 + 12345;
            g_string_append_printf (text, " %s", words[(seed >> 16) % G_N_ELEMENTS (words)]);
          }
        sam_lxw.worksheet_write_string (sheet, row, col, text->str, NULL);
        fprintf (texts, "%s\n", text->str);
      }
  if (sam_lxw.workbook_close (workbook) != LXW_NO_ERROR || fclose (texts) != 0)
    {
      g_printerr ("cannot write %s or %s\n", argv[1], argv[2]);
      return 1;
    }
  return 0;
}
