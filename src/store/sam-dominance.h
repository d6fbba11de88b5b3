/* sam-dominance.h: whether one sector dominates a seminar, for readers
 * that cannot take all of sam-seminars.h (the report has a seminar target
 * type of its own).
 */
#pragma once

#include "store/sam-store.h"

G_BEGIN_DECLS

gboolean    sam_seminar_dominance_lookup (GHashTable  *flagged,
                                          gint64       seminar_id,
                                          const char **sector,
                                          gint64      *participants,
                                          gint64      *total);
GHashTable *sam_seminar_dominance_all (SamStore  *store,
                                       GError   **error);

G_END_DECLS
