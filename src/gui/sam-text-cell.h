/* sam-text-cell.h: one line of text in a table's cell, ellipsized.
 *
 * A table keeps the widgets of up to 200 rows (GTK 4.8), most of them
 * out of sight. A GtkInscription makes a Pango context and layout as it
 * is made, and asks its context for the font's metrics to be measured:
 * half of building a row. A SamTextCell is one line high by the metrics
 * of its table's font, read once per table (and again when that font
 * changes), and lays its text out only when it is drawn. Given a
 * fraction, it draws a bar before its text: a progress bar with its
 * figure, at the cost of a text cell.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SAM_TYPE_TEXT_CELL (sam_text_cell_get_type ())
G_DECLARE_FINAL_TYPE (SamTextCell, sam_text_cell, SAM, TEXT_CELL, GtkWidget)

GtkWidget  *sam_text_cell_new      (void);
const char *sam_text_cell_get_text (SamTextCell *self);
void        sam_text_cell_set_text (SamTextCell *self,
                                    const char  *text);
void        sam_text_cell_set_fraction (SamTextCell *self,
                                        double       fraction);

G_END_DECLS
