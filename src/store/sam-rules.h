/* sam-rules.h: saving and deleting a record with the rules of its kind.
 *
 * Most kinds need only the store's own checks; seminars, registrations
 * and seminar formats have rules of their own (capacity, the waiting
 * list, the yearly target) in sam-seminars.c. Whoever saves on a
 * person's behalf calls these, never the bare store calls.
 */
#pragma once

#include "sam-store.h"

G_BEGIN_DECLS

gboolean  sam_rules_save    (SamStore   *store,
                             SamRecord  *record,
                             GError    **error);
gboolean  sam_rules_delete  (SamStore   *store,
                             SamKind     kind,
                             gint64      id,
                             GError    **error);

G_END_DECLS
