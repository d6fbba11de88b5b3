/* sam-changes-private.h: building a SamChanges, for the closing that
 * freezes one and reads it back. */
#pragma once

#include "sam-changes.h"

G_BEGIN_DECLS

SamChanges *sam_changes_new  (const SamPeriod  *previous);
void        sam_changes_add  (SamChanges       *changes,
                              const SamChange  *change);
void        sam_changes_sort (SamChanges       *changes);

G_END_DECLS
