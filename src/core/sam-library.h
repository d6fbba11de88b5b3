/* sam-library.h: libraries loaded when first used.
 *
 * What most sessions never need (libpq, libgsf with libxml2, GMime,
 * libxlsxwriter) is not linked, so that the dynamic loader spends nothing
 * on it at start-up: its functions are called through a table of
 * pointers, which sam_library_open() fills from the list of their names.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  gpointer   *slot;   /* the table's pointer to the function */
} SamLibrarySymbol;

/* One entry of a symbol list: the function @name, into @table.name. */
#define SAM_LIBRARY_SYMBOL(table, name) { #name, (gpointer *) &(table).name },

gboolean sam_library_open (const char             *soname,
                           const SamLibrarySymbol *symbols,
                           gsize                   n_symbols,
                           char                  **failure);

G_END_DECLS
