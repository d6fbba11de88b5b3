/* sam-xlsx-reader.h: reading the cells of an .xlsx workbook.
 *
 * The package is opened with libgsf (GsfInfileZip and its Open Packaging
 * relationships, as Gnumeric reads OOXML); each part is streamed through
 * libxml2's xmlTextReader, so that a huge sheet is never held as a tree.
 * Sheets are found through the workbook's relationships, never by file
 * name. Only what a status form needs is kept: cell values (shared and
 * inline strings, numbers, booleans, errors, the cached value of a
 * formula), whether a cell's number format shows percent, the sheets'
 * names and visibility, and the custom document properties. Every size is
 * limited, so that a zip bomb or a sheet of a million rows is refused with
 * a clear error instead of filling the memory.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SAM_XLSX_EMPTY,         /* no value (a formula with no cached value, too) */
  SAM_XLSX_STRING,
  SAM_XLSX_NUMBER,
  SAM_XLSX_BOOLEAN,
  SAM_XLSX_ERROR,         /* #N/A, #DIV/0!, …: text holds it */
} SamXlsxType;

typedef struct
{
  guint32      row;       /* 0-based */
  guint32      col;       /* 0-based */
  SamXlsxType  type;
  double       number;    /* NUMBER and BOOLEAN */
  char        *text;      /* STRING and ERROR */
  gboolean     formula;   /* the cell holds a formula; the value is its cached result */
  gboolean     percent;   /* its number format shows percent */
} SamXlsxCell;

/* How much a workbook may hold before it is refused as too large. */
typedef struct
{
  gint64  max_file_bytes;      /* the .xlsx file itself */
  gint64  max_part_bytes;      /* one part, uncompressed */
  gint64  max_total_bytes;     /* every part read, uncompressed */
  guint   max_cells;           /* cells of one sheet */
  guint   max_strings;         /* shared strings */
  guint   max_sheets;
} SamXlsxLimits;

typedef struct _SamXlsxBook SamXlsxBook;

const SamXlsxLimits *sam_xlsx_default_limits   (void);

SamXlsxBook       *sam_xlsx_book_open          (const char           *path,
                                                const SamXlsxLimits  *limits,
                                                GError              **error);
void               sam_xlsx_book_free          (SamXlsxBook          *book);
const char        *sam_xlsx_book_get_property  (SamXlsxBook          *book,
                                                const char           *name);
guint              sam_xlsx_book_get_n_sheets  (SamXlsxBook          *book);
const char        *sam_xlsx_book_get_sheet_name (SamXlsxBook         *book,
                                                guint                 index);
gboolean           sam_xlsx_book_sheet_hidden  (SamXlsxBook          *book,
                                                guint                 index);
int                sam_xlsx_book_find_sheet    (SamXlsxBook          *book,
                                                const char           *name);
gboolean           sam_xlsx_book_read_sheet    (SamXlsxBook          *book,
                                                guint                 index,
                                                GError              **error);
const SamXlsxCell *sam_xlsx_book_get_cell      (SamXlsxBook          *book,
                                                guint                 index,
                                                guint32               row,
                                                guint32               col);
guint32            sam_xlsx_book_get_n_rows    (SamXlsxBook          *book,
                                                guint                 index);
char              *sam_xlsx_cell_to_text       (const SamXlsxCell    *cell);
char              *sam_xlsx_cell_name          (guint32               row,
                                                guint32               col);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamXlsxBook, sam_xlsx_book_free)

G_END_DECLS
