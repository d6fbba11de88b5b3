/* sam-text.h: text as a spreadsheet cell can hold it, and as searches
 * compare it.
 *
 * The report and the status forms write text from the database and from
 * people into .xlsx cells; XML cannot carry control characters or invalid
 * UTF-8, and Excel holds at most 32,767 characters in a cell.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SAM_CELL_MAX_CHARS 32767

char     *sam_text_for_cell (const char *text);
char     *sam_text_fold     (const char *text);
gboolean  sam_text_matches  (const char *text,
                             const char *query);

G_END_DECLS
