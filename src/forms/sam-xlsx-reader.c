#define G_LOG_DOMAIN "sam-xlsx"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gsf/gsf.h>
#include <libxml/xmlreader.h>
#include <string.h>
#include <sys/stat.h>

#include "core/sam-library.h"
#include "sam-xlsx-reader.h"
#include "sam-forms.h"

/* libgsf and libxml2, loaded when the first workbook is opened: linked,
 * they and the libraries they need (ICU, bzip2…) joined every symbol
 * look-up the dynamic loader makes as GTK starts, for an import of
 * returned forms that most sessions never do. Calls go through gsf and
 * xml. */
#define SAM_GSF_FUNCTIONS(X) \
  X (gsf_infile_child_by_name) \
  X (gsf_infile_msole_new) \
  X (gsf_infile_zip_new) \
  X (gsf_init) \
  X (gsf_input_get_type) \
  X (gsf_input_name) \
  X (gsf_input_read) \
  X (gsf_input_remaining) \
  X (gsf_input_seek) \
  X (gsf_input_size) \
  X (gsf_input_stdio_new) \
  X (gsf_open_pkg_open_rel_by_id) \
  X (gsf_open_pkg_open_rel_by_type)

#define SAM_XML_FUNCTIONS(X) \
  X (xmlFree) \
  X (xmlFreeTextReader) \
  X (xmlReaderForIO) \
  X (xmlTextReaderConstLocalName) \
  X (xmlTextReaderDepth) \
  X (xmlTextReaderGetAttribute) \
  X (xmlTextReaderGetAttributeNs) \
  X (xmlTextReaderIsEmptyElement) \
  X (xmlTextReaderNodeType) \
  X (xmlTextReaderRead) \
  X (xmlTextReaderReadString)

#define SAM_LIB_POINTER(name) __typeof__ (name) *name;
static struct { SAM_GSF_FUNCTIONS (SAM_LIB_POINTER) } gsf;
static struct { SAM_XML_FUNCTIONS (SAM_LIB_POINTER) } xml;
#undef SAM_LIB_POINTER

/* GSF_INPUT() calls gsf_input_get_type() where it is used: through the
 * table, or the linker would need the library again. */
#undef GSF_INPUT_TYPE
#define GSF_INPUT_TYPE (gsf.gsf_input_get_type ())

/* What to load, and the Debian package that installs it. */
static const struct
{
  const char *soname;
  const char *package;
} libraries[] = {
  { "libgsf-1.so.114", "libgsf-1-114" },
  { "libxml2.so.2", "libxml2" },
};

#define SAM_GSF_SYMBOL(name) SAM_LIBRARY_SYMBOL (gsf, name)
#define SAM_XML_SYMBOL(name) SAM_LIBRARY_SYMBOL (xml, name)
static const SamLibrarySymbol gsf_symbols[] = { SAM_GSF_FUNCTIONS (SAM_GSF_SYMBOL) };
static const SamLibrarySymbol xml_symbols[] = { SAM_XML_FUNCTIONS (SAM_XML_SYMBOL) };
#undef SAM_GSF_SYMBOL
#undef SAM_XML_SYMBOL

/* Loads libgsf and libxml2 once and initialises libgsf; returns FALSE,
 * with @error when not NULL, when either is missing or lacks a function.
 * The error names the Debian package to install. */
static gboolean
load_libraries (GError **error)
{
  static gsize state;   /* 1 loaded, 2 failed */
  static char *failure;
  static guint missing; /* the one of libraries[] that failed */

  if (g_once_init_enter (&state))
    {
      gboolean found = sam_library_open (libraries[0].soname, gsf_symbols, G_N_ELEMENTS (gsf_symbols), &failure);

      if (found)
        {
          missing = 1;
          found = sam_library_open (libraries[1].soname, xml_symbols, G_N_ELEMENTS (xml_symbols), &failure);
        }
      if (found)
        gsf.gsf_init ();
      g_once_init_leave (&state, found ? 1 : 2);
    }
  if (state == 1)
    return TRUE;
  g_set_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_LIBRARY,
               _("Samordna cannot read returned forms: the library %s could not be loaded (%s). Install it (%s)."),
               libraries[missing].soname, failure, libraries[missing].package);
  return FALSE;
}

/* libgsf 1.14 declares no autoptr cleanups of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInfile, g_object_unref)

/* The relationship types, transitional and strict, without the last part. */
static const char *rel_bases[] = {
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
  "http://purl.oclc.org/ooxml/officeDocument/relationships/",
};

#define EXCEL_MAX_ROWS 1048576
#define EXCEL_MAX_COLS 16384

typedef struct
{
  char       *name;
  char       *rel_id;
  gboolean    hidden;
  gboolean    read;
  GHashTable *cells;      /* row << 32 | col → SamXlsxCell */
  guint32     n_rows;     /* one past the last row with a cell */
} Sheet;

struct _SamXlsxBook
{
  char          *name;          /* the file's name, for messages */
  SamXlsxLimits  limits;
  GsfInput      *file;
  GsfInfile     *zip;
  GsfInput      *workbook;
  GHashTable    *properties;    /* custom document properties: name → text */
  GPtrArray     *sheets;        /* Sheet */
  GPtrArray     *strings;       /* the shared strings */
  GArray        *percent;       /* gboolean per cell format (cellXfs) */
  gint64         total;         /* uncompressed bytes read so far */
};

static const SamXlsxLimits default_limits = {
  .max_file_bytes = 50 * 1024 * 1024,
  .max_part_bytes = 200 * 1024 * 1024,
  .max_total_bytes = 400 * 1024 * 1024,
  .max_cells = 1000000,
  .max_strings = 1000000,
  .max_sheets = 256,
};

/* Returns the limits a status form is read with. */
const SamXlsxLimits *
sam_xlsx_default_limits (void)
{
  return &default_limits;
}

static void
cell_free (SamXlsxCell *cell)
{
  g_free (cell->text);
  g_free (cell);
}

static void
sheet_free (Sheet *sheet)
{
  g_free (sheet->name);
  g_free (sheet->rel_id);
  g_clear_pointer (&sheet->cells, g_hash_table_unref);
  g_free (sheet);
}

void
sam_xlsx_book_free (SamXlsxBook *book)
{
  if (book == NULL)
    return;
  g_free (book->name);
  g_clear_object (&book->workbook);
  g_clear_object (&book->zip);
  g_clear_object (&book->file);
  g_clear_pointer (&book->properties, g_hash_table_unref);
  g_clear_pointer (&book->sheets, g_ptr_array_unref);
  g_clear_pointer (&book->strings, g_ptr_array_unref);
  g_clear_pointer (&book->percent, g_array_unref);
  g_free (book);
}

/* Errors */

static gboolean
damaged (SamXlsxBook  *book,
         const char   *part,
         GError      **error)
{
  g_set_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_DAMAGED,
               _("“%s” is damaged or cut off (its part “%s” cannot be read). Ask for the file again, or open it in a spreadsheet program and save it anew."),
               book->name, part);
  return FALSE;
}

static gboolean
too_large (SamXlsxBook  *book,
           const char   *what,
           GError      **error)
{
  g_set_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_TOO_LARGE,
               _("“%s” is too large to be a status form (%s). Check that it is the right file."),
               book->name, what);
  return FALSE;
}

/* Streaming XML */

/* Frees what libxml2 returned: its xmlFree is no function but a variable
 * that holds one, so the table holds its address. */
static void
free_xml (void *memory)
{
  (*xml.xmlFree) (memory);
}

static int
read_part_cb (void *context,
              char *buffer,
              int   length)
{
  GsfInput *input = context;
  gsf_off_t left = gsf.gsf_input_remaining (input);
  size_t n = (size_t) MIN ((gsf_off_t) length, left);

  if (n == 0)
    return 0;
  return gsf.gsf_input_read (input, n, (guint8 *) buffer) ? (int) n : -1;
}

/* Returns a streaming reader over @part after checking its size against
 * the limits; NULL with a SamFormsError. The reader reads @part, which
 * must outlive it. */
static xmlTextReaderPtr
open_xml (SamXlsxBook  *book,
          GsfInput     *part,
          GError      **error)
{
  gsf_off_t size = gsf.gsf_input_size (part);
  xmlTextReaderPtr reader;
  g_autofree char *what = NULL;

  if (size > book->limits.max_part_bytes || book->total + size > book->limits.max_total_bytes)
    {
      g_autofree char *amount = g_format_size ((guint64) (book->total + size));
      /* TRANSLATORS: how large a workbook is once unpacked, "2.1 GB unpacked". */
      what = g_strdup_printf (_("%s unpacked"), amount);
      too_large (book, what, error);
      return NULL;
    }
  book->total += size;
  reader = xml.xmlReaderForIO (read_part_cb, NULL, part, NULL, NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
  if (reader == NULL)
    damaged (book, gsf.gsf_input_name (part), error);
  return reader;
}

static gboolean
is_element (xmlTextReaderPtr  reader,
            const char       *name)
{
  return xml.xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT
         && g_strcmp0 ((const char *) xml.xmlTextReaderConstLocalName (reader), name) == 0;
}

static gboolean
is_end (xmlTextReaderPtr  reader,
        const char       *name)
{
  return xml.xmlTextReaderNodeType (reader) == XML_READER_TYPE_END_ELEMENT
         && g_strcmp0 ((const char *) xml.xmlTextReaderConstLocalName (reader), name) == 0;
}

static char *
attribute (xmlTextReaderPtr  reader,
           const char       *name)
{
  xmlChar *value = xml.xmlTextReaderGetAttribute (reader, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);

  free_xml (value);
  return copy;
}

static char *
element_text (xmlTextReaderPtr reader)
{
  xmlChar *value = xml.xmlTextReaderIsEmptyElement (reader) ? NULL : xml.xmlTextReaderReadString (reader);
  char *copy = g_strdup (value ? (const char *) value : "");

  free_xml (value);
  return copy;
}

/* Appends the text of a rich or plain string (<si> or <is>) to @text, up
 * to the end of the element @until, leaving out phonetic runs. */
static void
read_rich_text (xmlTextReaderPtr  reader,
                const char       *until,
                GString          *text)
{
  int phonetic = 0;

  if (xml.xmlTextReaderIsEmptyElement (reader))
    return;
  while (xml.xmlTextReaderRead (reader) == 1 && !is_end (reader, until))
    {
      if (is_element (reader, "rPh") && !xml.xmlTextReaderIsEmptyElement (reader))
        phonetic++;
      else if (is_end (reader, "rPh"))
        phonetic--;
      else if (phonetic == 0 && is_element (reader, "t"))
        {
          g_autofree char *t = element_text (reader);
          g_string_append (text, t);
        }
    }
}

/* Runs @reader to the end; FALSE (damaged) when the XML is broken. */
static gboolean
finish_xml (SamXlsxBook       *book,
            xmlTextReaderPtr   reader,
            int                rc,
            const char        *part,
            GError           **error)
{
  xml.xmlFreeTextReader (reader);
  return rc == 0 || damaged (book, part, error);
}

/* Opening the package */

static GsfInput *
open_rel (SamXlsxBook  *book,
          GsfInput     *from,
          const char   *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (rel_bases); i++)
    {
      g_autofree char *full = g_strconcat (rel_bases[i], type, NULL);
      GsfInput *part = gsf.gsf_open_pkg_open_rel_by_type (from, full, NULL);
      if (part)
        return part;
    }
  return NULL;
}

/* Says what a file that is no zip package is: an encrypted (password-
 * protected) workbook, an old binary workbook, or something else. */
static gboolean
refuse_non_zip (SamXlsxBook  *book,
                GError      **error)
{
  g_autoptr(GsfInfile) ole = NULL;
  g_autoptr(GsfInput) encrypted = NULL;
  guint8 magic[4] = { 0 };

  gsf.gsf_input_seek (book->file, 0, G_SEEK_SET);
  if (gsf.gsf_input_size (book->file) >= 4 && gsf.gsf_input_read (book->file, 4, magic)
      && memcmp (magic, "PK\003\004", 4) == 0)
    return damaged (book, "zip", error);
  gsf.gsf_input_seek (book->file, 0, G_SEEK_SET);
  if ((ole = gsf.gsf_infile_msole_new (book->file, NULL)))
    {
      if ((encrypted = gsf.gsf_infile_child_by_name (ole, "EncryptedPackage")))
        g_set_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_ENCRYPTED,
                     _("“%s” is protected with a password, so Samordna cannot read it. Ask the agency to send it again without a password (in Excel: File → Info → Protect Workbook → Encrypt with Password, and clear the password)."),
                     book->name);
      else
        g_set_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_NOT_A_WORKBOOK,
                     _("“%s” is an old Excel (.xls) or other Office file, not an .xlsx workbook. Open it in a spreadsheet program and save it as an Excel workbook (.xlsx)."),
                     book->name);
      return FALSE;
    }
  g_set_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_NOT_A_WORKBOOK,
               _("“%s” is not an Excel workbook (.xlsx). Choose the status form the agency sent back."),
               book->name);
  return FALSE;
}

static gboolean
open_file (SamXlsxBook  *book,
           const char   *path,
           GError      **error)
{
  g_autoptr(GError) local = NULL;
  struct stat st;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_NOT_A_WORKBOOK,
                   _("“%s” cannot be read: %s. Choose a status form."), book->name,
                   errno && !S_ISDIR (st.st_mode) ? g_strerror (errno) : _("it is not a file"));
      return FALSE;
    }
  if (st.st_size > book->limits.max_file_bytes)
    {
      g_autofree char *amount = g_format_size ((guint64) st.st_size);
      return too_large (book, amount, error);
    }
  if (!(book->file = gsf.gsf_input_stdio_new (path, &local)))
    {
      g_set_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_NOT_A_WORKBOOK,
                   _("“%s” cannot be read: %s."), book->name, local->message);
      return FALSE;
    }
  if (!(book->zip = gsf.gsf_infile_zip_new (book->file, NULL)))
    return refuse_non_zip (book, error);
  if (!(book->workbook = open_rel (book, GSF_INPUT (book->zip), "officeDocument")))
    {
      g_set_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_NOT_A_WORKBOOK,
                   _("“%s” is a zip file or an Office document, but not an Excel workbook (.xlsx). Choose the status form the agency sent back."),
                   book->name);
      return FALSE;
    }
  return TRUE;
}

/* The parts */

static gboolean
read_properties (SamXlsxBook  *book,
                 GError      **error)
{
  g_autoptr(GsfInput) part = open_rel (book, GSF_INPUT (book->zip), "custom-properties");
  xmlTextReaderPtr reader;
  g_autofree char *name = NULL;
  int rc;

  if (part == NULL)
    return TRUE;   /* a re-save may drop them: the hidden sheet says the same */
  if (!(reader = open_xml (book, part, error)))
    return FALSE;
  while ((rc = xml.xmlTextReaderRead (reader)) == 1)
    {
      if (is_element (reader, "property"))
        {
          g_free (name);
          name = attribute (reader, "name");
        }
      else if (name && xml.xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT && xml.xmlTextReaderDepth (reader) == 2)
        {
          g_hash_table_insert (book->properties, g_steal_pointer (&name), element_text (reader));
        }
    }
  return finish_xml (book, reader, rc, "docProps/custom.xml", error);
}

static char *
relationship_id (xmlTextReaderPtr reader)
{
  for (guint i = 0; i < G_N_ELEMENTS (rel_bases); i++)
    {
      g_autofree char *ns = g_strndup (rel_bases[i], strlen (rel_bases[i]) - 1);
      xmlChar *id = xml.xmlTextReaderGetAttributeNs (reader, (const xmlChar *) "id", (const xmlChar *) ns);
      if (id)
        {
          char *copy = g_strdup ((const char *) id);
          free_xml (id);
          return copy;
        }
    }
  return NULL;
}

static gboolean
read_workbook (SamXlsxBook  *book,
               GError      **error)
{
  xmlTextReaderPtr reader = open_xml (book, book->workbook, error);
  int rc;

  if (reader == NULL)
    return FALSE;
  while ((rc = xml.xmlTextReaderRead (reader)) == 1)
    if (is_element (reader, "sheet"))
      {
        Sheet *sheet = g_new0 (Sheet, 1);
        g_autofree char *state = attribute (reader, "state");

        g_ptr_array_add (book->sheets, sheet);
        sheet->name = attribute (reader, "name");
        sheet->rel_id = relationship_id (reader);
        sheet->hidden = state != NULL && g_strcmp0 (state, "visible") != 0;
        if (book->sheets->len > book->limits.max_sheets)
          {
            xml.xmlFreeTextReader (reader);
            return too_large (book, _("too many sheets"), error);
          }
      }
  return finish_xml (book, reader, rc, gsf.gsf_input_name (book->workbook), error);
}

static gboolean
read_shared_strings (SamXlsxBook  *book,
                     GError      **error)
{
  g_autoptr(GsfInput) part = open_rel (book, book->workbook, "sharedStrings");
  xmlTextReaderPtr reader;
  int rc;

  if (part == NULL)
    return TRUE;
  if (!(reader = open_xml (book, part, error)))
    return FALSE;
  while ((rc = xml.xmlTextReaderRead (reader)) == 1)
    if (is_element (reader, "si"))
      {
        GString *text = g_string_new (NULL);

        read_rich_text (reader, "si", text);
        g_ptr_array_add (book->strings, g_string_free (text, FALSE));
        if (book->strings->len > book->limits.max_strings)
          {
            xml.xmlFreeTextReader (reader);
            return too_large (book, _("too many texts"), error);
          }
      }
  return finish_xml (book, reader, rc, "sharedStrings", error);
}

/* Whether the number format @code shows percent: a "%" outside quotes,
 * brackets and escapes. */
static gboolean
code_is_percent (const char *code)
{
  gboolean quoted = FALSE;
  int bracket = 0;

  for (const char *p = code; p && *p; p++)
    {
      if (*p == '\\' && p[1])
        p++;
      else if (*p == '"')
        quoted = !quoted;
      else if (!quoted && *p == '[')
        bracket++;
      else if (!quoted && *p == ']' && bracket > 0)
        bracket--;
      else if (!quoted && bracket == 0 && *p == '%')
        return TRUE;
    }
  return FALSE;
}

static gboolean
read_styles (SamXlsxBook  *book,
             GError      **error)
{
  g_autoptr(GsfInput) part = open_rel (book, book->workbook, "styles");
  g_autoptr(GHashTable) percent_ids = g_hash_table_new (g_direct_hash, g_direct_equal);
  xmlTextReaderPtr reader;
  gboolean in_xfs = FALSE;
  int rc;

  if (part == NULL)
    return TRUE;
  if (!(reader = open_xml (book, part, error)))
    return FALSE;
  /* Formats 9 and 10 are Excel's own "0%" and "0.00%". */
  g_hash_table_add (percent_ids, GINT_TO_POINTER (9));
  g_hash_table_add (percent_ids, GINT_TO_POINTER (10));
  while ((rc = xml.xmlTextReaderRead (reader)) == 1)
    {
      if (is_element (reader, "numFmt"))
        {
          g_autofree char *id = attribute (reader, "numFmtId"), *code = attribute (reader, "formatCode");
          if (id && code_is_percent (code))
            g_hash_table_add (percent_ids, GINT_TO_POINTER (atoi (id)));
        }
      else if (is_element (reader, "cellXfs"))
        in_xfs = !xml.xmlTextReaderIsEmptyElement (reader);
      else if (is_end (reader, "cellXfs"))
        in_xfs = FALSE;
      else if (in_xfs && is_element (reader, "xf") && book->percent->len < book->limits.max_cells)
        {
          g_autofree char *id = attribute (reader, "numFmtId");
          gboolean percent = id && g_hash_table_contains (percent_ids, GINT_TO_POINTER (atoi (id)));
          g_array_append_val (book->percent, percent);
        }
    }
  return finish_xml (book, reader, rc, "styles", error);
}

/* Refuses a workbook whose sheets together unpack to more than the limits
 * allow before reading any, so that a zip bomb is found at once. */
static gboolean
check_sheet_sizes (SamXlsxBook  *book,
                   GError      **error)
{
  gint64 total = 0;

  for (guint i = 0; i < book->sheets->len; i++)
    {
      Sheet *sheet = book->sheets->pdata[i];
      g_autoptr(GsfInput) part = sheet->rel_id ? gsf.gsf_open_pkg_open_rel_by_id (book->workbook, sheet->rel_id, NULL) : NULL;
      gsf_off_t size = part ? gsf.gsf_input_size (part) : 0;

      total += size;
      if (size > book->limits.max_part_bytes || total > book->limits.max_total_bytes)
        {
          g_autofree char *amount = g_format_size ((guint64) total);
          g_autofree char *what = g_strdup_printf (_("%s unpacked"), amount);
          return too_large (book, what, error);
        }
    }
  return TRUE;
}

/* Opens the workbook at @path and reads what every sheet shares (the
 * sheets' names, shared strings, number formats, custom properties), but
 * no sheet yet. Returns NULL with a SamFormsError that names the file and
 * says what to do: NOT_A_WORKBOOK, ENCRYPTED (a password-protected one),
 * DAMAGED (cut off, or broken XML), TOO_LARGE (past @limits; NULL: the
 * defaults) or LIBRARY (libgsf or libxml2 cannot be loaded). */
SamXlsxBook *
sam_xlsx_book_open (const char           *path,
                    const SamXlsxLimits  *limits,
                    GError              **error)
{
  g_autoptr(SamXlsxBook) book = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!load_libraries (error))
    return NULL;
  book = g_new0 (SamXlsxBook, 1);
  book->name = g_filename_display_basename (path);
  book->limits = limits ? *limits : default_limits;
  book->properties = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  book->sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_free);
  book->strings = g_ptr_array_new_with_free_func (g_free);
  book->percent = g_array_new (FALSE, FALSE, sizeof (gboolean));
  if (!open_file (book, path, error) || !read_workbook (book, error) || !check_sheet_sizes (book, error)
      || !read_properties (book, error)
      || !read_shared_strings (book, error) || !read_styles (book, error))
    return NULL;
  return g_steal_pointer (&book);
}

/* Sheets */

/* Reads "BC12" into 0-based @row and @col; FALSE when it is no reference. */
static gboolean
parse_reference (const char *ref,
                 guint32    *row,
                 guint32    *col)
{
  guint64 c = 0, r = 0;
  const char *p = ref;

  for (; p && g_ascii_isalpha (*p) && c <= EXCEL_MAX_COLS; p++)
    c = c * 26 + (guint64) (g_ascii_toupper (*p) - 'A' + 1);
  for (; p && g_ascii_isdigit (*p) && r <= EXCEL_MAX_ROWS; p++)
    r = r * 10 + (guint64) (*p - '0');
  if (p == NULL || *p != '\0' || c == 0 || r == 0 || c > EXCEL_MAX_COLS || r > EXCEL_MAX_ROWS)
    return FALSE;
  *row = (guint32) (r - 1);
  *col = (guint32) (c - 1);
  return TRUE;
}

typedef struct
{
  char     *type;
  char     *value;
  GString  *inline_text;
  gboolean  formula;
  guint     style;
} RawCell;

static void
raw_cell_clear (RawCell *raw)
{
  g_clear_pointer (&raw->type, g_free);
  g_clear_pointer (&raw->value, g_free);
  if (raw->inline_text)
    g_string_free (raw->inline_text, TRUE);
  raw->inline_text = NULL;
  raw->formula = FALSE;
  raw->style = 0;
}

/* Turns what a <c> element held into a cell's value. */
static void
resolve_cell (SamXlsxBook *book,
              RawCell     *raw,
              SamXlsxCell *cell)
{
  const char *t = raw->type ? raw->type : "n";
  char *end = NULL;

  cell->formula = raw->formula;
  cell->percent = raw->style < book->percent->len && g_array_index (book->percent, gboolean, raw->style);
  if (g_str_equal (t, "inlineStr") && raw->inline_text)
    {
      cell->type = SAM_XLSX_STRING;
      cell->text = g_strdup (raw->inline_text->str);
    }
  else if (raw->value == NULL)
    cell->type = SAM_XLSX_EMPTY;
  else if (g_str_equal (t, "s"))
    {
      guint64 index = g_ascii_strtoull (raw->value, &end, 10);
      gboolean known = end != raw->value && *end == '\0' && index < book->strings->len;
      cell->type = known ? SAM_XLSX_STRING : SAM_XLSX_ERROR;
      cell->text = g_strdup (known ? book->strings->pdata[index] : "#REF!");
    }
  else if (g_str_equal (t, "str") || g_str_equal (t, "d") || g_str_equal (t, "inlineStr"))
    {
      cell->type = SAM_XLSX_STRING;
      cell->text = g_strdup (raw->value);
    }
  else if (g_str_equal (t, "e"))
    {
      cell->type = SAM_XLSX_ERROR;
      cell->text = g_strdup (raw->value);
    }
  else
    {
      cell->number = g_ascii_strtod (raw->value, &end);
      cell->type = end != raw->value && *end == '\0' ? (g_str_equal (t, "b") ? SAM_XLSX_BOOLEAN : SAM_XLSX_NUMBER)
                                                     : SAM_XLSX_ERROR;
      if (cell->type == SAM_XLSX_ERROR)
        cell->text = g_strdup (raw->value);
    }
}

typedef struct
{
  SamXlsxBook *book;
  Sheet       *sheet;
  guint32      row;
  guint32      next_col;
} SheetReader;

static gboolean
keep_cell (SheetReader  *sr,
           RawCell      *raw,
           guint32       row,
           guint32       col,
           GError      **error)
{
  SamXlsxCell *cell;
  gint64 *key;

  if (raw->value == NULL && raw->inline_text == NULL && !raw->formula)
    return TRUE;   /* formatting only */
  if (g_hash_table_size (sr->sheet->cells) >= sr->book->limits.max_cells)
    {
      g_autofree char *what = g_strdup_printf (_("the sheet “%s” has more than %u cells"),
                                               sr->sheet->name, sr->book->limits.max_cells);
      return too_large (sr->book, what, error);
    }
  cell = g_new0 (SamXlsxCell, 1);
  cell->row = row;
  cell->col = col;
  resolve_cell (sr->book, raw, cell);
  key = g_new (gint64, 1);
  *key = ((gint64) row << 32) | col;
  g_hash_table_replace (sr->sheet->cells, key, cell);
  sr->sheet->n_rows = MAX (sr->sheet->n_rows, row + 1);
  return TRUE;
}

/* Reads one <c> element, from its start to its end. */
static gboolean
read_cell (SheetReader       *sr,
           xmlTextReaderPtr   reader,
           GError           **error)
{
  g_autofree char *ref = attribute (reader, "r");
  g_autofree char *style = attribute (reader, "s");
  RawCell raw = { attribute (reader, "t"), NULL, NULL, FALSE, style ? (guint) atoi (style) : 0 };
  guint32 row = sr->row, col = sr->next_col;
  gboolean ok;

  if (ref && !parse_reference (ref, &row, &col))
    {
      raw_cell_clear (&raw);
      return damaged (sr->book, sr->sheet->name, error);
    }
  if (!xml.xmlTextReaderIsEmptyElement (reader))
    while (xml.xmlTextReaderRead (reader) == 1 && !is_end (reader, "c"))
      {
        if (is_element (reader, "v"))
          {
            g_free (raw.value);
            raw.value = element_text (reader);
          }
        else if (is_element (reader, "f"))
          raw.formula = TRUE;
        else if (is_element (reader, "is"))
          {
            raw.inline_text = g_string_new (NULL);
            read_rich_text (reader, "is", raw.inline_text);
          }
      }
  sr->row = row;
  sr->next_col = col + 1;
  ok = keep_cell (sr, &raw, row, col, error);
  raw_cell_clear (&raw);
  return ok;
}

static gboolean
read_sheet_xml (SheetReader       *sr,
                xmlTextReaderPtr   reader,
                GError           **error)
{
  int rc;

  while ((rc = xml.xmlTextReaderRead (reader)) == 1)
    {
      if (is_element (reader, "row"))
        {
          g_autofree char *r = attribute (reader, "r");
          guint64 n = r ? g_ascii_strtoull (r, NULL, 10) : sr->row + 2;

          if (n == 0 || n > EXCEL_MAX_ROWS)
            return damaged (sr->book, sr->sheet->name, error);
          sr->row = (guint32) (n - 1);
          sr->next_col = 0;
        }
      else if (is_element (reader, "c") && !read_cell (sr, reader, error))
        return FALSE;
      else if (is_end (reader, "sheetData"))
        return TRUE;   /* what follows (protection, validations, …) is not needed */
    }
  return rc == 0 || damaged (sr->book, sr->sheet->name, error);
}

/* Reads the cells of sheet @index (once; later calls do nothing). Returns
 * FALSE with a SamFormsError when it is damaged or too large. */
gboolean
sam_xlsx_book_read_sheet (SamXlsxBook  *book,
                          guint         index,
                          GError      **error)
{
  Sheet *sheet;
  g_autoptr(GsfInput) part = NULL;
  xmlTextReaderPtr reader;
  SheetReader sr = { book, NULL, 0, 0 };
  gboolean ok;

  g_return_val_if_fail (book != NULL && index < book->sheets->len, FALSE);

  sheet = sr.sheet = book->sheets->pdata[index];
  if (sheet->read)
    return TRUE;
  sheet->cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) cell_free);
  if (sheet->rel_id == NULL || !(part = gsf.gsf_open_pkg_open_rel_by_id (book->workbook, sheet->rel_id, NULL)))
    return damaged (book, sheet->name, error);
  if (!(reader = open_xml (book, part, error)))
    return FALSE;
  ok = read_sheet_xml (&sr, reader, error);
  xml.xmlFreeTextReader (reader);
  sheet->read = ok;
  return ok;
}

/* Accessors */

/* Returns custom document property @name as text, or NULL. */
const char *
sam_xlsx_book_get_property (SamXlsxBook *book,
                            const char  *name)
{
  g_return_val_if_fail (book != NULL && name != NULL, NULL);
  return g_hash_table_lookup (book->properties, name);
}

/* Returns how many sheets @book has, hidden ones included. */
guint
sam_xlsx_book_get_n_sheets (SamXlsxBook *book)
{
  g_return_val_if_fail (book != NULL, 0);
  return book->sheets->len;
}

const char *
sam_xlsx_book_get_sheet_name (SamXlsxBook *book,
                              guint        index)
{
  g_return_val_if_fail (book != NULL && index < book->sheets->len, NULL);
  return ((Sheet *) book->sheets->pdata[index])->name;
}

gboolean
sam_xlsx_book_sheet_hidden (SamXlsxBook *book,
                            guint        index)
{
  g_return_val_if_fail (book != NULL && index < book->sheets->len, FALSE);
  return ((Sheet *) book->sheets->pdata[index])->hidden;
}

/* Returns the index of the sheet named @name (any case), or -1. */
int
sam_xlsx_book_find_sheet (SamXlsxBook *book,
                          const char  *name)
{
  g_return_val_if_fail (book != NULL && name != NULL, -1);
  for (guint i = 0; i < book->sheets->len; i++)
    {
      const char *other = ((Sheet *) book->sheets->pdata[i])->name;
      g_autofree char *a = g_utf8_casefold (name, -1);
      g_autofree char *b = other ? g_utf8_casefold (other, -1) : NULL;
      if (g_strcmp0 (a, b) == 0)
        return (int) i;
    }
  return -1;
}

/* Returns the cell at @row, @col of sheet @index, read with
 * sam_xlsx_book_read_sheet(), or NULL when it holds nothing. */
const SamXlsxCell *
sam_xlsx_book_get_cell (SamXlsxBook *book,
                        guint        index,
                        guint32      row,
                        guint32      col)
{
  Sheet *sheet;
  gint64 key = ((gint64) row << 32) | col;

  g_return_val_if_fail (book != NULL && index < book->sheets->len, NULL);
  sheet = book->sheets->pdata[index];
  return sheet->cells ? g_hash_table_lookup (sheet->cells, &key) : NULL;
}

/* Returns one past the last row of sheet @index that holds a cell. */
guint32
sam_xlsx_book_get_n_rows (SamXlsxBook *book,
                          guint        index)
{
  g_return_val_if_fail (book != NULL && index < book->sheets->len, 0);
  return ((Sheet *) book->sheets->pdata[index])->n_rows;
}

/* Returns @cell's value as text: a whole number without decimals, others
 * with 15 significant digits, booleans as TRUE or FALSE; "" for none. */
char *
sam_xlsx_cell_to_text (const SamXlsxCell *cell)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (cell == NULL || cell->type == SAM_XLSX_EMPTY)
    return g_strdup ("");
  if (cell->type == SAM_XLSX_BOOLEAN)
    return g_strdup (cell->number != 0 ? "TRUE" : "FALSE");
  if (cell->type != SAM_XLSX_NUMBER)
    return g_strdup (cell->text ? cell->text : "");
  if (cell->number == (double) (gint64) cell->number && ABS (cell->number) < 1e15)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) cell->number);
  /* 15 digits, as spreadsheet programs show a number: 0.3, not 0.29999999999999999. */
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", cell->number));
}

/* Returns the name of a cell for people, "B7". */
char *
sam_xlsx_cell_name (guint32 row,
                    guint32 col)
{
  char letters[8];
  int n = 0;

  for (guint32 c = col + 1; c > 0 && n < 7; c = (c - 1) / 26)
    letters[n++] = (char) ('A' + (c - 1) % 26);
  letters[n] = '\0';
  g_strreverse (letters);
  return g_strdup_printf ("%s%u", letters, row + 1);
}
