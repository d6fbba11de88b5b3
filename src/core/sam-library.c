#define G_LOG_DOMAIN "sam-library"

#include "config.h"

#include <gmodule.h>

#include "sam-library.h"

/* Loads @soname and fills the slots of @symbols with its functions, for
 * the rest of the process. Returns FALSE, with the loader's message in
 * @failure, when the library is missing or lacks one of them. Call it
 * once (in g_once_init_enter()). */
gboolean
sam_library_open (const char             *soname,
                  const SamLibrarySymbol *symbols,
                  gsize                   n_symbols,
                  char                  **failure)
{
  GModule *module = g_module_open (soname, G_MODULE_BIND_LOCAL);
  gsize i = 0;

  while (module && i < n_symbols && g_module_symbol (module, symbols[i].name, symbols[i].slot))
    i++;
  if (module == NULL || i < n_symbols)
    {
      *failure = g_strdup (g_module_error ());
      g_clear_pointer (&module, g_module_close);
      return FALSE;
    }
  g_module_make_resident (module);
  return TRUE;
}
