/* sam-search.h: searching lists the way people type.
 *
 * A search finds every item whose text holds each word typed, anywhere
 * (not only at the start of the name), in any case and with or without
 * accents; a record is also found by its short and English names
 * ("Bufdir", "Hdir"). See sam_text_matches().
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char      *sam_search_item_text    (gpointer     item);
gboolean   sam_search_item_matches (gpointer     item,
                                    const char  *query);
void       sam_search_dropdown     (GtkDropDown *dropdown);

G_END_DECLS
