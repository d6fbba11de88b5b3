#define G_LOG_DOMAIN "sam-xlsxwriter"

#include "config.h"

#include <glib/gi18n-lib.h>
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
