/* test-zip-parts: sam-zip.c refuses a workbook part that was cut off.
 *
 * libxlsxwriter writes each part to a temporary file first and never looks
 * whether the writes failed; the minizip functions Samordna defines check
 * that each XML part ends as it began, and a sheet's rows with a whole row,
 * and fail to close a part that does not. Here parts are written through
 * them as libxlsxwriter would, in small and large writes, on every core
 * (more than a block) and in one piece. */
#include "config.h"

#include <glib/gstdio.h>
#include <minizip/zip.h>
#include <string.h>

#include "report/sam-xlsxwriter-private.h"
#include "sam-test-util.h"

typedef struct
{
  const char *name;
  const char *text;
  gboolean    whole;
} Part;

static const Part parts[] = {
  { "xl/worksheets/sheet1.xml",
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"x\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData><pageMargins left=\"0.7\"/></worksheet>\n", TRUE },
  { "xl/worksheets/sheet1.xml",
    "<worksheet><sheetData><row r=\"1\" ht=\"15\" customHeight=\"1\"/></sheetData></worksheet>", TRUE },
  { "xl/worksheets/sheet1.xml", "<worksheet><sheetData/></worksheet>", TRUE },
  { "xl/worksheets/sheet1.xml", "<worksheet><sheetData></sheetData></worksheet>", TRUE },
  /* The rows cut off after a blank cell, in a cell, after a row's start;
   * the part cut off. */
  { "xl/worksheets/sheet1.xml",
    "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" s=\"2\"/></sheetData></worksheet>", FALSE },
  { "xl/worksheets/sheet1.xml",
    "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></sheetData></worksheet>", FALSE },
  { "xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"1\"></sheetData></worksheet>", FALSE },
  { "xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"1\"></row></sheetData><pageMar", FALSE },
  { "docProps/app.xml", "<?xml version=\"1.0\"?>\n<Properties/>\n", TRUE },
  { "_rels/.rels", "<Relationships><Relationship Id=\"rId1\"/></Relationships>", TRUE },
  { "_rels/.rels", "<Relationships><Relationship Id=\"rId1\"/>", FALSE },
  { "xl/sharedStrings.xml", "", FALSE },
  /* Not XML: not looked at. */
  { "xl/media/image1.png", "\x89PNG\r\n", TRUE },
};

/* Writes @text as part @name of a new zip file, @chunk bytes a write,
 * and returns what closing the part returned. */
static int
write_part (const char *dir,
            const char *name,
            const char *text,
            gsize       length,
            gsize       chunk)
{
  g_autofree char *path = g_build_filename (dir, "parts.zip", NULL);
  zip_fileinfo info = { 0 };
  zipFile file = zipOpen (path, APPEND_STATUS_CREATE);
  int rc;

  g_assert_nonnull (file);
  g_assert_cmpint (zipOpenNewFileInZip4_64 (file, name, &info, NULL, 0, NULL, 0, NULL, Z_DEFLATED,
                                            Z_DEFAULT_COMPRESSION, 0, -MAX_WBITS, DEF_MEM_LEVEL,
                                            Z_DEFAULT_STRATEGY, NULL, 0, 0, 0, 0), ==, ZIP_OK);
  for (gsize at = 0; at < length; at += chunk)
    g_assert_cmpint (zipWriteInFileInZip (file, text + at, (unsigned) MIN (chunk, length - at)), ==, ZIP_OK);
  rc = zipCloseFileInZip (file);
  g_assert_cmpint (zipClose (file, NULL), ==, ZIP_OK);
  g_remove (path);
  return rc;
}

static void
test_parts (void)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_lxw_load (&error));
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    for (gsize chunk = 1; chunk <= 16384; chunk *= 16)
      {
        g_test_message ("%s, %" G_GSIZE_FORMAT " bytes a write: %s", parts[i].name, chunk, parts[i].text);
        g_assert_cmpint (write_part (dir, parts[i].name, parts[i].text, strlen (parts[i].text), chunk), ==,
                         parts[i].whole ? ZIP_OK : ZIP_ERRNO);
      }
  sam_test_remove_dir (dir);
}

/* A sheet of many blocks, deflated on every core where there are several:
 * whole, and with its rows cut off in a row. */
static void
test_large_sheet (void)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autoptr(GString) whole = g_string_new ("<?xml version=\"1.0\"?>\n<worksheet><sheetData>");
  g_autoptr(GString) cut = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_lxw_load (&error));
  for (guint row = 1; whole->len < 600 * 1024; row++)
    g_string_append_printf (whole, "<row r=\"%u\"><c r=\"A%u\" t=\"inlineStr\"><is><t>Rad %u</t></is></c></row>",
                            row, row, row);
  cut = g_string_new_len (whole->str, (gssize) whole->len - 20);
  g_string_append (whole, "</sheetData><pageMargins/></worksheet>");
  g_string_append (cut, "</sheetData><pageMargins/></worksheet>");
  g_assert_cmpint (write_part (dir, "xl/worksheets/sheet2.xml", whole->str, whole->len, 16384), ==, ZIP_OK);
  g_assert_cmpint (write_part (dir, "xl/worksheets/sheet2.xml", cut->str, cut->len, 16384), ==, ZIP_ERRNO);
  sam_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/zip/parts", test_parts);
  g_test_add_func ("/zip/large-sheet", test_large_sheet);
  return g_test_run ();
}
