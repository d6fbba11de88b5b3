/* sam-import-dialog.h: the review of returned status forms.
 *
 * Per file: who sent it, for which period, and a switch to apply it or
 * skip it; per row Samordna's status and the form's; every warning with
 * where it is. Apply records what is chosen as one undo step. */
#pragma once

#include <adwaita.h>

#include "forms/sam-form-import.h"

G_BEGIN_DECLS

#define SAM_TYPE_IMPORT_DIALOG (sam_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SamImportDialog, sam_import_dialog, SAM, IMPORT_DIALOG, AdwWindow)

SamImportDialog *sam_import_dialog_new       (GtkWindow        *parent,
                                              SamStore         *store,
                                              SamImportReview  *review);
gboolean         sam_import_dialog_apply     (SamImportDialog  *self);
void             sam_import_dialog_set_apply (SamImportDialog  *self,
                                              guint             file,
                                              gboolean          apply);
gboolean         sam_import_dialog_take_form (SamImportDialog  *self,
                                              guint             file,
                                              gint64            activity_id,
                                              gboolean          take);
const char      *sam_import_dialog_get_summary (SamImportDialog *self);

G_END_DECLS
