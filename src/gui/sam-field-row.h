/* sam-field-row.h: one field of a record, edited in place.
 *
 * The row shows the editor that fits the field's type: a text entry, a
 * date with a calendar, a number, a switch, a searchable drop-down for
 * one linked record or a list of values, a chooser with search for
 * several. When the person is done with a value (Enter, leaving the
 * field, picking an item) the row emits "commit" with the new value as
 * a GVariant of the record's value type (NULL to clear it); whoever
 * saves it calls sam_field_row_set_error() when the value was refused.
 */
#pragma once

#include <gtk/gtk.h>

#include "sam-chooser.h"
#include "store/sam-store.h"

G_BEGIN_DECLS

#define SAM_TYPE_FIELD_ROW (sam_field_row_get_type ())
G_DECLARE_FINAL_TYPE (SamFieldRow, sam_field_row, SAM, FIELD_ROW, GtkWidget)

SamFieldRow    *sam_field_row_new         (SamStore    *store,
                                           SamKind      kind,
                                           guint        index);
const SamField *sam_field_row_get_field   (SamFieldRow *self);
guint           sam_field_row_get_index   (SamFieldRow *self);
void            sam_field_row_show_value  (SamFieldRow *self,
                                           SamRecord   *record);
void            sam_field_row_flush       (SamFieldRow *self);
gboolean        sam_field_row_has_unsaved (SamFieldRow *self);
GVariant       *sam_field_row_get_base    (SamFieldRow *self);
void            sam_field_row_set_saved   (SamFieldRow *self,
                                           GVariant    *value);
void            sam_field_row_set_error   (SamFieldRow *self,
                                           const char  *message);
const char     *sam_field_row_get_error   (SamFieldRow *self);
GtkWidget      *sam_field_row_get_editor  (SamFieldRow *self);
SamChooser     *sam_field_row_get_chooser (SamFieldRow *self);

G_END_DECLS
