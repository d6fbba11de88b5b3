/* sam-table.h: what every table of the window does alike.
 *
 * A click on a column's header sorts the table by it (again: the other
 * way), and the choice is kept in a GSettings key of its own, as
 * "due:descending", so that the next window opens sorted so. Columns are
 * named for this with sam_table_set_column_id(). The columns a person
 * hides are kept so too, as a list of ids. Tab leaves a table, as it
 * leaves any other control. A table's first column can stay in sight
 * while the others scroll sideways: it is then a table of its own beside
 * the rest (sam_table_pin()), one table to the person.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void       sam_table_set_column_id  (GtkColumnViewColumn *column,
                                     const char          *id);
GtkSorter *sam_table_text_sorter    (GType                type,
                                     const char          *property);
GtkSorter *sam_table_number_sorter  (GType                type,
                                     const char          *property);
void       sam_table_remember_sort  (GtkColumnView       *view,
                                     GSettings           *settings,
                                     const char          *key);
void       sam_table_restore_sort   (GtkColumnView       *view,
                                     GSettings           *settings,
                                     const char          *key);
void       sam_table_remember_columns (GtkColumnView     *view,
                                     GSettings           *settings,
                                     const char          *key);
void       sam_table_tab_leaves     (GtkColumnView       *view);
void       sam_table_pin            (GtkColumnView       *pinned,
                                     GtkColumnView       *view);
GtkSorter *sam_table_get_sorter     (GtkColumnView       *view);

G_END_DECLS
