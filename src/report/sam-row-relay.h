/* sam-row-relay.h: rows of a long list handed from the thread that reads
 * them to the thread that writes them.
 *
 * The rows of sam-report-data.h borrow their strings from SQLite for the
 * length of a callback. A relay copies each row (a struct of numbers and
 * string pointers) with its strings into a batch; the writing thread takes
 * the rows of a full batch one by one while the reading thread fills the
 * next. At most a few batches wait, so the reader never runs far ahead
 * and memory stays small however long the list. One reader and one
 * writer per relay.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SamRowRelay SamRowRelay;

SamRowRelay   *sam_row_relay_new    (gsize          row_size,
                                     const gsize   *text_offsets,
                                     guint          n_texts);
void           sam_row_relay_free   (SamRowRelay   *relay);

gboolean       sam_row_relay_push   (SamRowRelay   *relay,
                                     gconstpointer  row,
                                     GError       **error);
void           sam_row_relay_finish (SamRowRelay   *relay,
                                     const GError  *error);

gconstpointer  sam_row_relay_next   (SamRowRelay   *relay,
                                     GError       **error);
void           sam_row_relay_stop   (SamRowRelay   *relay);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamRowRelay, sam_row_relay_free)

G_END_DECLS
