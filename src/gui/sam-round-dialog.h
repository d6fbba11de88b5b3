/* sam-round-dialog.h: Start Reporting Round: a period, a deadline, a
 * language and a folder; writes one status form per agency. */
#pragma once

#include <adwaita.h>

#include "store/sam-store.h"

G_BEGIN_DECLS

#define SAM_TYPE_ROUND_DIALOG (sam_round_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SamRoundDialog, sam_round_dialog, SAM, ROUND_DIALOG, AdwWindow)

SamRoundDialog *sam_round_dialog_new       (GtkWindow       *parent,
                                            SamStore        *store);
void            sam_round_dialog_fill      (SamRoundDialog  *self,
                                            const char      *period,
                                            const char      *deadline,
                                            gboolean         norwegian,
                                            const char      *folder);
void            sam_round_dialog_write     (SamRoundDialog  *self);
const char     *sam_round_dialog_get_error (SamRoundDialog  *self);

G_END_DECLS
