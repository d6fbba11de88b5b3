/* sam-choice.h: one item a multiple-choice field can hold, and whether it does. */
#pragma once

#include <gio/gio.h>

#include "store/sam-store.h"

G_BEGIN_DECLS

#define SAM_TYPE_CHOICE (sam_choice_get_type ())
G_DECLARE_FINAL_TYPE (SamChoice, sam_choice, SAM, CHOICE, GObject)

SamChoice  *sam_choice_new           (gint64      id,
                                      const char *title,
                                      gboolean    selected);
gint64      sam_choice_get_id        (SamChoice  *self);
const char *sam_choice_get_title     (SamChoice  *self);
gboolean    sam_choice_get_selected  (SamChoice  *self);
void        sam_choice_set_selected  (SamChoice  *self,
                                      gboolean    selected);

GListStore *sam_choice_list_new      (SamStore        *store,
                                      SamRecord       *record,
                                      const SamField  *field,
                                      GError         **error);

G_END_DECLS
