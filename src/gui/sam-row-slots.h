/* sam-row-slots.h: a table's rows as places whose contents change.
 *
 * GTK 4.8's list views keep the widgets of up to 200 rows and build them
 * anew for every item a change brings in: at a dozen cells a row, a
 * search that brings new rows in built some 4,000 widgets. SamRowSlots
 * stands between a selection model and the views: its items are slots,
 * one a position, each holding the item at its position ("item"). A
 * change of the rows changes what the slots hold (once, before the next
 * frame, however many changes a new search is told as); the views are
 * told only that rows came or went at the end, so the rows they have
 * keep their widgets and their cells show the new items. Selecting goes
 * to the selection model beneath, which keeps the selected item.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SAM_TYPE_ROW_SLOT (sam_row_slot_get_type ())
G_DECLARE_FINAL_TYPE (SamRowSlot, sam_row_slot, SAM, ROW_SLOT, GObject)

#define SAM_TYPE_ROW_SLOTS (sam_row_slots_get_type ())
G_DECLARE_FINAL_TYPE (SamRowSlots, sam_row_slots, SAM, ROW_SLOTS, GObject)

gpointer           sam_row_slot_get_item  (SamRowSlot        *self);

SamRowSlots       *sam_row_slots_new      (GtkSelectionModel *rows);
GtkSelectionModel *sam_row_slots_get_rows (SamRowSlots       *self);

G_END_DECLS
