/* sam-status-dialog.h: records an activity's status for a reporting period.
 *
 * Recording adds a status update (kept as history) and sets the
 * activity's status and progress, in one transaction and one undo step.
 * A refused value keeps the dialog open with the message in it.
 */
#pragma once

#include <adwaita.h>

#include "store/sam-store.h"

G_BEGIN_DECLS

#define SAM_TYPE_STATUS_DIALOG (sam_status_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SamStatusDialog, sam_status_dialog, SAM, STATUS_DIALOG, AdwWindow)

SamStatusDialog *sam_status_dialog_new        (GtkWindow       *parent,
                                               SamStore        *store,
                                               SamRecord       *activity);
void             sam_status_dialog_fill       (SamStatusDialog *self,
                                               const char      *period_code,
                                               const char      *status,
                                               int              progress,
                                               const char      *comment);
gboolean         sam_status_dialog_record     (SamStatusDialog *self);
const char      *sam_status_dialog_get_error  (SamStatusDialog *self);

G_END_DECLS
