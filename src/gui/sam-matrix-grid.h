/* sam-matrix-grid.h: a coordination matrix drawn as one widget.
 *
 * Rows (a GtkTreeListModel of SamMatrixRow: ministries over agencies,
 * categories over target groups) run down the left, fixed as the grid
 * scrolls; the columns' titles run along the top, fixed too. Only the
 * cells in sight are drawn, so a matrix of any size shows at once and
 * costs no widget per cell.
 *
 * A cursor marks one cell (or a row's label); the arrow keys, Page Up and
 * Down, Home and End move it, Enter or a click opens the cell
 * ("cell-activated"), + and − (or Enter on a label) fold a group. The
 * grid's accessible description says the cursor's row, column and what
 * the cell holds.
 */
#pragma once

#include <gtk/gtk.h>

#include "models/sam-matrix-rows.h"

G_BEGIN_DECLS

#define SAM_TYPE_MATRIX_GRID (sam_matrix_grid_get_type ())
G_DECLARE_FINAL_TYPE (SamMatrixGrid, sam_matrix_grid, SAM, MATRIX_GRID, GtkWidget)

/* The column of a row's label, left of the cells. */
#define SAM_MATRIX_GRID_LABEL (-1)

GtkWidget   *sam_matrix_grid_new             (void);
void         sam_matrix_grid_set_model       (SamMatrixGrid  *self,
                                              GListModel     *rows,
                                              const char     *corner,
                                              GStrv           titles);
GListModel  *sam_matrix_grid_get_model       (SamMatrixGrid  *self);
guint        sam_matrix_grid_get_n_columns   (SamMatrixGrid  *self);
const char  *sam_matrix_grid_get_title       (SamMatrixGrid  *self,
                                              guint           column);

gboolean     sam_matrix_grid_get_cursor      (SamMatrixGrid  *self,
                                              guint          *row,
                                              int            *column);
void         sam_matrix_grid_set_cursor      (SamMatrixGrid  *self,
                                              guint           row,
                                              int             column);
gboolean     sam_matrix_grid_get_cell_area   (SamMatrixGrid  *self,
                                              guint           row,
                                              int             column,
                                              graphene_rect_t *area);
char        *sam_matrix_grid_describe_cell   (SamMatrixGrid  *self,
                                              guint           row,
                                              int             column);

G_END_DECLS
