/* sam-round-actions.h: the window's actions of a reporting round:
 * win.start-round, win.round-board and win.import-forms. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void  sam_round_actions_install  (GtkWidgetClass *widget_class);
void  sam_round_import_files     (GtkWindow      *window,
                                  GStrv           paths);

G_END_DECLS
