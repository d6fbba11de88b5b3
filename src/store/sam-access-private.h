/* sam-access-private.h: reading a user's access, for the store. */
#pragma once

#include "sam-access.h"
#include "sam-db-private.h"

G_BEGIN_DECLS

SamAccess *sam_access_new_full (void);
SamAccess *sam_access_read     (SamDb      *db,
                                GError    **error);
void       sam_access_free     (SamAccess  *access);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamAccess, sam_access_free)

G_END_DECLS
