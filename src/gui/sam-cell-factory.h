/* sam-cell-factory.h: cells of a column view that show one property.
 *
 * A GtkBuilderListItemFactory builds every cell from its XML, and a
 * column view keeps up to two hundred rows alive: at ten columns that was
 * most of the time the Plans view took to show. These build each cell
 * with a few calls and keep it bound to the row's property, as the
 * builder's <binding> would.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkListItemFactory *sam_cell_factory_new_text     (GType       item_type,
                                                   const char *property);
GtkListItemFactory *sam_cell_factory_new_progress (GType       item_type,
                                                   const char *fraction,
                                                   const char *text);
void                sam_cell_factory_through_slots (GtkListItemFactory *factory);

G_END_DECLS
