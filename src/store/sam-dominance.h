/* sam-dominance.h: whether one sector dominates a seminar, for readers
 * that cannot take all of sam-seminars.h (the report has a seminar target
 * type of its own).
 */
#pragma once

#include "store/sam-store.h"

G_BEGIN_DECLS

gboolean  sam_seminar_dominant_sector (SamStore  *store,
                                       gint64     seminar_id,
                                       char     **sector,
                                       gint64    *participants,
                                       gint64    *total,
                                       GError   **error);

G_END_DECLS
