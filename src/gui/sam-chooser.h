/* sam-chooser.h: a popover to choose several items, with search.
 *
 * It shows a list of SamChoice with check buttons. With new items
 * allowed (free texts such as channels), Enter in the search adds what
 * was typed. "changed" is emitted after every toggle or addition.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SAM_TYPE_CHOOSER (sam_chooser_get_type ())
G_DECLARE_FINAL_TYPE (SamChooser, sam_chooser, SAM, CHOOSER, GtkPopover)

SamChooser *sam_chooser_new          (void);
void        sam_chooser_set_choices  (SamChooser *self,
                                      GListStore *choices,
                                      gboolean    allow_new);
GListStore *sam_chooser_get_choices  (SamChooser *self);

G_END_DECLS
