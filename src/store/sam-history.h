/* sam-history.h: what the store notes of an activity's life, for the
 * figures as at a period and the changes between periods.
 *
 * Every save and delete of an activity through the store (the editor, a
 * status update, an import, a delete that moves links) notes, in its own
 * transaction and undo step, a SAM_KIND_ACTIVITY_CHANGE record: the
 * activity was created or removed, or its status, progress, due date or
 * lead agency went from one value to another, at the time it was saved (a
 * removal keeps the lead the activity had as its old value).
 * Undo removes the note with the change; undo and redo themselves note
 * nothing. The default plan, loaded when a database is created, is the
 * starting point and is not noted.
 */
#pragma once

#include "sam-store.h"

G_BEGIN_DECLS

/* The fields noted, as the "field" of a change. */
#define SAM_CHANGE_CREATED  "created"
#define SAM_CHANGE_REMOVED  "removed"
#define SAM_CHANGE_STATUS   "status"
#define SAM_CHANGE_PROGRESS "progress"
#define SAM_CHANGE_DUE      "due_date"
#define SAM_CHANGE_LEAD     "lead_agency_id"

gboolean  sam_history_note  (SamStore   *store,
                             SamRecord  *before,
                             SamRecord  *after,
                             GError    **error);

G_END_DECLS
