/* sam-access.h: who the user of a plan is, and what they may do.
 *
 * A store reads its user's access once, when it opens the plan: on a file
 * the user may do everything; on a server the login's role decides
 * (`samordna server grant`): the secretariat edits everything, an
 * agency's editor edits the activities its agency leads and records status
 * for the activities it leads or takes part in, a reader reads. The
 * answers here are those of the server's row-level security (rights.sql),
 * written once for the window: what they refuse the server refuses too.
 */
#pragma once

#include "store/sam-store.h"

G_BEGIN_DECLS

/* The user's role in the plan. */
typedef enum {
  SAM_ACCESS_SECRETARIAT,  /* edits everything (also a file's user and the database's owner) */
  SAM_ACCESS_EDITOR,       /* edits for an agency */
  SAM_ACCESS_READER,       /* reads */
} SamAccessRole;

typedef struct _SamAccess SamAccess;

const SamAccess *sam_store_get_access            (SamStore        *store);

SamAccessRole    sam_access_get_role             (const SamAccess *access);
gint64           sam_access_get_agency           (const SamAccess *access);
gboolean         sam_access_edits_agency         (const SamAccess *access,
                                                  gint64           agency);
gboolean         sam_access_can_manage           (const SamAccess *access);
gboolean         sam_access_can_create           (const SamAccess *access,
                                                  SamKind          kind);
gboolean         sam_access_can_edit             (const SamAccess *access,
                                                  SamRecord       *record);
gboolean         sam_access_can_edit_field       (const SamAccess *access,
                                                  SamRecord       *record,
                                                  const char      *field);
gboolean         sam_access_can_record_status    (const SamAccess *access,
                                                  SamRecord       *activity);
char            *sam_access_explain              (const SamAccess *access,
                                                  SamRecord       *record);
const char      *sam_access_describe             (const SamAccess *access);

G_END_DECLS
