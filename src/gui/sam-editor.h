/* sam-editor.h: the side pane that shows and edits one record.
 *
 * Every field is edited in place and saved at once through the store,
 * one undo step per change; a refused value stays in its field with the
 * store's message under it. Below the fields: an activity's status
 * history, and every item that links to the record.
 */
#pragma once

#include <gtk/gtk.h>

#include "sam-field-row.h"
#include "store/sam-store.h"

G_BEGIN_DECLS

#define SAM_TYPE_EDITOR (sam_editor_get_type ())
G_DECLARE_FINAL_TYPE (SamEditor, sam_editor, SAM, EDITOR, GtkWidget)

void         sam_editor_set_record   (SamEditor  *self,
                                      SamStore   *store,
                                      SamRecord  *record);
SamRecord   *sam_editor_get_record   (SamEditor  *self);
SamFieldRow *sam_editor_get_row      (SamEditor  *self,
                                      const char *field);
GListModel  *sam_editor_get_history  (SamEditor  *self);
GListModel  *sam_editor_get_links    (SamEditor  *self);
GListModel  *sam_editor_get_links_to (SamEditor  *self);
GListModel  *sam_editor_get_accountability (SamEditor *self);
GListModel  *sam_editor_get_seminar  (SamEditor  *self);
void         sam_editor_focus_first  (SamEditor  *self);
const char  *sam_editor_get_access_notice (SamEditor *self);

G_END_DECLS
