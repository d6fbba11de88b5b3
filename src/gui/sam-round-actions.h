/* sam-round-actions.h: what the window offers of a reporting round:
 * starting one, its board, and importing the forms that come back. */
#pragma once

#include <gtk/gtk.h>

#include "store/sam-store.h"

G_BEGIN_DECLS

void  sam_round_choose_forms  (GtkWindow *window,
                               SamStore  *store);
void  sam_round_import_files  (GtkWindow *window,
                               SamStore  *store,
                               GStrv      paths);

G_END_DECLS
