/* sam-registration-dialog.h: registers an organisation for a seminar.
 *
 * The registration gets a place, or a place on the waiting list, by the
 * seminar's rules when it is made; a refused value keeps the dialog open
 * with the message in it.
 */
#pragma once

#include <adwaita.h>

#include "store/sam-store.h"

G_BEGIN_DECLS

#define SAM_TYPE_REGISTRATION_DIALOG (sam_registration_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SamRegistrationDialog, sam_registration_dialog, SAM, REGISTRATION_DIALOG, AdwWindow)

SamRegistrationDialog *sam_registration_dialog_new        (GtkWindow             *parent,
                                                           SamStore              *store,
                                                           SamRecord             *seminar);
void                   sam_registration_dialog_fill       (SamRegistrationDialog *self,
                                                           const char            *organisation,
                                                           const char            *sector,
                                                           int                    participants);
SamRecord             *sam_registration_dialog_register   (SamRegistrationDialog *self);
const char            *sam_registration_dialog_get_error  (SamRegistrationDialog *self);

G_END_DECLS
