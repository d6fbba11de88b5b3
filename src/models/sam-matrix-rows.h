/* sam-matrix-rows.h: the rows of a coordination matrix as a list model.
 *
 * A responsibility matrix's agencies hang under their ministry; a coverage
 * matrix's target groups under their category. Each row knows the matrix
 * it belongs to, so a view can show any cell of it. */
#pragma once

#include <gio/gio.h>

#include "store/sam-coordination.h"

G_BEGIN_DECLS

#define SAM_TYPE_MATRIX_ROW (sam_matrix_row_get_type ())
G_DECLARE_FINAL_TYPE (SamMatrixRow, sam_matrix_row, SAM, MATRIX_ROW, GObject)

const char       *sam_matrix_row_get_label     (SamMatrixRow *self);
gint64            sam_matrix_row_get_id        (SamMatrixRow *self);
const SamMatrix  *sam_matrix_row_get_matrix    (SamMatrixRow *self);
GListModel       *sam_matrix_row_get_children  (SamMatrixRow *self);
char             *sam_matrix_row_cell_text     (SamMatrixRow *self,
                                                guint         column);
char             *sam_matrix_row_cell_description (SamMatrixRow *self,
                                                guint         column);
gboolean          sam_matrix_row_cell_is_gap   (SamMatrixRow *self,
                                                guint         column);

GListModel       *sam_matrix_rows_new          (SamMatrix    *matrix);
guint             sam_matrix_count_gaps        (const SamMatrix *matrix);

G_END_DECLS
