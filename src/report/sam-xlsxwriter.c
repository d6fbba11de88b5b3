#define G_LOG_DOMAIN "sam-xlsxwriter"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "core/sam-library.h"
#include "sam-xlsxwriter-private.h"
#include "sam-report.h"

#define LXW_NAME "libxlsxwriter.so.4"

SamLxw sam_lxw;

#define SAM_LXW_SYMBOL(name) SAM_LIBRARY_SYMBOL (sam_lxw, name)
static const SamLibrarySymbol lxw_symbols[] = { SAM_LXW_FUNCTIONS (SAM_LXW_SYMBOL) };
#undef SAM_LXW_SYMBOL

/* Returns libxlsxwriter's message for @rc without its full stop, for a
 * sentence of ours to go on after it. */
char *
sam_lxw_error_text (lxw_error rc)
{
  char *text = g_strdup (sam_lxw.lxw_strerror (rc));
  gsize length = strlen (text);

  while (length > 0 && text[length - 1] == '.')
    text[--length] = '\0';
  return text;
}

/* Loads libxlsxwriter once and fills sam_lxw (any thread may call it).
 * Returns FALSE, with @error when not NULL, when it is missing or lacks a
 * function: SAM_REPORT_ERROR_LIBRARY, whose message names the Debian
 * package to install. */
gboolean
sam_lxw_load (GError **error)
{
  static gsize state;   /* 1 loaded, 2 failed */
  static char *failure;

  if (g_once_init_enter (&state))
    g_once_init_leave (&state, sam_library_open (LXW_NAME, lxw_symbols, G_N_ELEMENTS (lxw_symbols), &failure) ? 1 : 2);
  if (state == 1)
    return TRUE;
  g_set_error (error, SAM_REPORT_ERROR, SAM_REPORT_ERROR_LIBRARY,
               _("Samordna cannot write Excel workbooks (reports and status forms): the library %s could not be loaded (%s). Install it (%s)."),
               LXW_NAME, failure, "libxlsxwriter4");
  return FALSE;
}

/* libxlsxwriter's temporary files */

/* libxlsxwriter writes every part of a workbook, and a streamed sheet's
 * rows first, to temporary files with the C library's buffer of 4 KiB,
 * and reads them back to compress: at 100,000 activities 84,000 write(2)
 * and 52,000 read(2) calls for a report's 171 MB of XML, each one a trip
 * to the kernel (and, in a virtual machine, often to the hypervisor).
 * Samordna's programs define lxw_tmpfile(), which libxlsxwriter calls for
 * each of them (src/meson.build exports it), to give each file a buffer of
 * FILE_BUFFER bytes while the calling thread asks for it. A buffer must
 * outlive its file, which libxlsxwriter closes: the thread frees its
 * buffers once the workbook is closed or freed. */
#define FILE_BUFFER (64 * 1024)

static _Thread_local struct
{
  gboolean  on;
  GSList   *buffers;
} buffering;

FILE *lxw_tmpfile (char *tmpdir);

FILE *
lxw_tmpfile (char *tmpdir)
{
  FILE *file = sam_lxw.lxw_tmpfile (tmpdir);
  char *buffer;

  if (file == NULL || !buffering.on)
    return file;
  buffer = g_malloc (FILE_BUFFER);
  if (setvbuf (file, buffer, _IOFBF, FILE_BUFFER) == 0)
    buffering.buffers = g_slist_prepend (buffering.buffers, buffer);
  else
    g_free (buffer);
  return file;
}

/* Has the calling thread's workbook's temporary files buffered from now
 * on (@buffer TRUE, before the workbook is made), or frees their buffers
 * (FALSE, once it is closed or freed, and with it every such file). */
void
sam_lxw_buffer_files (gboolean buffer)
{
  buffering.on = buffer;
  if (!buffer)
    g_slist_free_full (g_steal_pointer (&buffering.buffers), g_free);
}
