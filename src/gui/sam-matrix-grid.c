#define G_LOG_DOMAIN "sam-matrix-grid"

#include "config.h"

#include <glib/gi18n.h>

#include "sam-matrix-grid.h"

#define PAD_X 8
#define PAD_Y 4
#define INDENT 16
#define HEADER_LINES 3

struct _SamMatrixGrid
{
  GtkWidget      parent_instance;

  GListModel    *rows;          /* of GtkTreeListRow of SamMatrixRow */
  char          *corner;
  GStrv          titles;
  guint          n_columns;

  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  guint          hscroll_policy : 1;
  guint          vscroll_policy : 1;

  /* Sizes in pixels, from the font (see update_metrics()). */
  int            row_height;
  int            header_height;
  int            label_width;
  int            cell_width;

  guint          cursor_row;
  int            cursor_column;
  gboolean       has_cursor;
  gboolean       follow_cursor; /* kept in sight until the user scrolls */
  gboolean       scrolling;     /* scrolling to the cursor */
  guint          hover_row;
  int            hover_column;
  gboolean       has_hover;
  guint          pressed_row;
  int            pressed_column;
  gboolean       pressed;
};

enum {
  PROP_0,
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum {
  CELL_ACTIVATED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (SamMatrixGrid, sam_matrix_grid, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

static guint
n_rows (SamMatrixGrid *self)
{
  return self->rows ? g_list_model_get_n_items (self->rows) : 0;
}

static GtkTreeListRow *
tree_row (SamMatrixGrid *self,
          guint          row)
{
  return self->rows ? g_list_model_get_item (self->rows, row) : NULL;
}

static SamMatrixRow *
matrix_row (SamMatrixGrid *self,
            guint          row)
{
  g_autoptr(GtkTreeListRow) r = tree_row (self, row);

  return r ? gtk_tree_list_row_get_item (r) : NULL;
}

/* Metrics */

static int
text_width (SamMatrixGrid *self,
            const char    *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* The widest word of the columns' titles, so titles wrap between words. */
static int
widest_title_word (SamMatrixGrid *self,
                   PangoLayout   *layout)
{
  int widest = 0;

  for (guint c = 0; c < self->n_columns; c++)
    {
      g_auto(GStrv) words = g_strsplit (self->titles[c], " ", -1);

      for (guint w = 0; words[w]; w++)
        {
          int width;

          pango_layout_set_text (layout, words[w], -1);
          pango_layout_get_pixel_size (layout, &width, NULL);
          widest = MAX (widest, width);
        }
    }
  return widest;
}

/* The widest row label with its indent. */
static int
widest_label (SamMatrixGrid   *self,
              PangoLayout     *layout,
              const SamMatrix *m)
{
  int widest = 0;

  for (guint r = 0; m && r < m->rows->len; r++)
    {
      const SamMatrixHeader *h = g_ptr_array_index (m->rows, r);
      int width;

      pango_layout_set_text (layout, h->label, -1);
      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width + (int) (h->depth + 1) * INDENT);
    }
  return widest;
}

/* Sizes rows and columns to the widget's font and the matrix: a row one
 * line high, the titles three lines, the labels as wide as the longest
 * (within bounds, longer ones are cut with …), a cell as wide as the
 * widest text a cell of this kind holds and the longest word of a title. */
static void
update_metrics (SamMatrixGrid *self)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "Ag");
  g_autoptr(SamMatrixRow) first = n_rows (self) ? matrix_row (self, 0) : NULL;
  const SamMatrix *m = first ? sam_matrix_row_get_matrix (first) : NULL;
  int line, n = text_width (self, "n"), cell;

  pango_layout_get_pixel_size (layout, NULL, &line);
  self->row_height = line + 2 * PAD_Y + 1;
  self->header_height = HEADER_LINES * line + 2 * PAD_Y + 1;
  self->label_width = CLAMP (widest_label (self, layout, m) + INDENT + 2 * PAD_X, 24 * n, 48 * n);
  if (m && m->kind == SAM_MATRIX_RESPONSIBILITY)
    /* TRANSLATORS: the widest a responsibility cell gets; as the cells say it. */
    cell = text_width (self, _("88 L · 88 P · 88 SR"));
  else
    cell = 8 * n;
  self->cell_width = MAX (cell, MIN (widest_title_word (self, layout), 20 * n)) + 2 * PAD_X;
}

/* Scrolling */

static int
content_width (SamMatrixGrid *self)
{
  return self->label_width + (int) self->n_columns * self->cell_width;
}

static int
content_height (SamMatrixGrid *self)
{
  return self->header_height + (int) n_rows (self) * self->row_height;
}

static void
configure_adjustments (SamMatrixGrid *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  gboolean scrolling = self->scrolling;

  self->scrolling = TRUE;   /* clamping the value is not the user's scrolling */
  if (self->hadjustment)
    gtk_adjustment_configure (self->hadjustment,
                              CLAMP (gtk_adjustment_get_value (self->hadjustment), 0,
                                     MAX (0, content_width (self) - width)),
                              0, MAX (content_width (self), width), self->cell_width, width * 0.9, width);
  if (self->vadjustment)
    gtk_adjustment_configure (self->vadjustment,
                              CLAMP (gtk_adjustment_get_value (self->vadjustment), 0,
                                     MAX (0, content_height (self) - height)),
                              0, MAX (content_height (self), height), self->row_height, height * 0.9, height);
  self->scrolling = scrolling;
}

static int
scroll_x (SamMatrixGrid *self)
{
  return self->hadjustment ? (int) gtk_adjustment_get_value (self->hadjustment) : 0;
}

static int
scroll_y (SamMatrixGrid *self)
{
  return self->vadjustment ? (int) gtk_adjustment_get_value (self->vadjustment) : 0;
}

static void
on_adjustment_changed_cb (GtkAdjustment *adjustment,
                          SamMatrixGrid *self)
{
  if (!self->scrolling)
    self->follow_cursor = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (SamMatrixGrid  *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (*slot == adjustment && adjustment != NULL)
    return;
  if (*slot)
    {
      g_signal_handlers_disconnect_by_func (*slot, on_adjustment_changed_cb, self);
      g_clear_object (slot);
    }
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (on_adjustment_changed_cb), self);
  configure_adjustments (self);
}

/* Geometry */

/* The area of cell @column (or the label) of @row in widget coordinates,
 * as it is scrolled now (it may lie outside the widget). */
static graphene_rect_t
cell_area (SamMatrixGrid *self,
           guint          row,
           int            column)
{
  int y = self->header_height + (int) row * self->row_height - scroll_y (self);

  if (column == SAM_MATRIX_GRID_LABEL)
    return GRAPHENE_RECT_INIT (0, y, self->label_width, self->row_height);
  return GRAPHENE_RECT_INIT (self->label_width + column * self->cell_width - scroll_x (self), y,
                             self->cell_width, self->row_height);
}

/* Finds the row and column at (@x, @y); FALSE over the titles or below
 * the last row. */
static gboolean
hit (SamMatrixGrid *self,
     double         x,
     double         y,
     guint         *row,
     int           *column)
{
  double body_y = y - self->header_height + scroll_y (self);
  double body_x = x - self->label_width + scroll_x (self);

  if (y < self->header_height || body_y < 0 || body_y >= (double) n_rows (self) * self->row_height)
    return FALSE;
  *row = (guint) (body_y / self->row_height);
  if (x < self->label_width)
    *column = SAM_MATRIX_GRID_LABEL;
  else if (body_x < (double) self->n_columns * self->cell_width)
    *column = (int) (body_x / self->cell_width);
  else
    return FALSE;
  return TRUE;
}

/* Scrolls so the cursor's cell is in sight, clear of the fixed titles
 * and labels. */
static void
scroll_to_cursor (SamMatrixGrid *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int top = (int) self->cursor_row * self->row_height;
  int left = self->cursor_column * self->cell_width;
  int rows_seen = height - self->header_height;
  int columns_seen = width - self->label_width;

  self->scrolling = TRUE;
  if (self->vadjustment && rows_seen > 0)
    {
      double value = gtk_adjustment_get_value (self->vadjustment);

      if (top < value)
        gtk_adjustment_set_value (self->vadjustment, top);
      else if (top + self->row_height > value + rows_seen)
        gtk_adjustment_set_value (self->vadjustment, top + self->row_height - rows_seen);
    }
  if (self->hadjustment && columns_seen > 0 && self->cursor_column != SAM_MATRIX_GRID_LABEL)
    {
      double value = gtk_adjustment_get_value (self->hadjustment);

      if (left < value)
        gtk_adjustment_set_value (self->hadjustment, left);
      else if (left + self->cell_width > value + columns_seen)
        gtk_adjustment_set_value (self->hadjustment, left + self->cell_width - columns_seen);
    }
  self->scrolling = FALSE;
}

/* Drawing */

static GdkRGBA
named_color (SamMatrixGrid *self,
             const char    *name,
             double         alpha)
{
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA color;

  if (!gtk_style_context_lookup_color (style, name, &color))
    gtk_style_context_get_color (style, &color);
  color.alpha *= alpha;
  return color;
}

static GdkRGBA
foreground (SamMatrixGrid *self,
            double         alpha)
{
  GdkRGBA color;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &color);
  color.alpha *= alpha;
  return color;
}

/* Draws @text in @layout inside @area: one line, ellipsized, centred or
 * from the left at @indent. */
static void
draw_text (GtkSnapshot           *snapshot,
           PangoLayout           *layout,
           const char            *text,
           const graphene_rect_t *area,
           int                    indent,
           gboolean               centre,
           const GdkRGBA         *color)
{
  int width, height;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, MAX (1, (int) area->size.width - indent - PAD_X) * PANGO_SCALE);
  pango_layout_get_pixel_size (layout, &width, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (centre ? area->origin.x + (area->size.width - width) / 2
                                                                 : area->origin.x + indent,
                                                          area->origin.y + (area->size.height - height) / 2));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
draw_line (GtkSnapshot   *snapshot,
           float          x,
           float          y,
           float          width,
           float          height,
           const GdkRGBA *color)
{
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, width, height));
}

static void
draw_cells (SamMatrixGrid *self,
            GtkSnapshot   *snapshot,
            PangoLayout   *layout,
            guint          first_row,
            guint          last_row,
            guint          first_column,
            guint          last_column)
{
  GdkRGBA text = foreground (self, 1), line = foreground (self, 0.1), hover = foreground (self, 0.06);
  GdkRGBA gap = named_color (self, "warning_color", 0.18);

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  for (guint r = first_row; r < last_row; r++)
    {
      g_autoptr(SamMatrixRow) row = matrix_row (self, r);

      for (guint c = first_column; c < last_column; c++)
        {
          graphene_rect_t area = cell_area (self, r, (int) c);
          g_autofree char *value = sam_matrix_row_cell_text (row, c);
          gboolean is_gap = sam_matrix_row_cell_is_gap (row, c);

          if (is_gap)
            gtk_snapshot_append_color (snapshot, &gap, &area);
          if (self->has_hover && self->hover_row == r && self->hover_column == (int) c && *value)
            gtk_snapshot_append_color (snapshot, &hover, &area);
          draw_text (snapshot, layout, is_gap ? "–" : value, &area, 0, TRUE, &text);
          draw_line (snapshot, area.origin.x + area.size.width - 1, area.origin.y, 1, area.size.height, &line);
          draw_line (snapshot, area.origin.x, area.origin.y + area.size.height - 1, area.size.width, 1, &line);
        }
    }
}

static void
draw_labels (SamMatrixGrid *self,
             GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             guint          first_row,
             guint          last_row)
{
  GdkRGBA background = named_color (self, "view_bg_color", 1), text = foreground (self, 1);
  GdkRGBA line = foreground (self, 0.15);
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  g_autoptr(PangoAttrList) bold = pango_attr_list_new ();

  pango_attr_list_insert (bold, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, self->header_height,
                                                                        self->label_width, height));
  for (guint r = first_row; r < last_row; r++)
    {
      g_autoptr(GtkTreeListRow) tree = tree_row (self, r);
      g_autoptr(SamMatrixRow) row = gtk_tree_list_row_get_item (tree);
      graphene_rect_t area = cell_area (self, r, SAM_MATRIX_GRID_LABEL);
      int indent = PAD_X + (int) gtk_tree_list_row_get_depth (tree) * INDENT;
      gboolean group = gtk_tree_list_row_is_expandable (tree);

      if (group)
        draw_text (snapshot, layout, gtk_tree_list_row_get_expanded (tree) ? "▾" : "▸", &area, indent, FALSE, &text);
      pango_layout_set_attributes (layout, group ? bold : NULL);
      draw_text (snapshot, layout, sam_matrix_row_get_label (row), &area, indent + INDENT, FALSE, &text);
      pango_layout_set_attributes (layout, NULL);
      draw_line (snapshot, 0, area.origin.y + area.size.height - 1, self->label_width, 1, &line);
    }
  draw_line (snapshot, self->label_width - 1, self->header_height, 1, height, &line);
}

static void
draw_titles (SamMatrixGrid *self,
             GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             guint          first_column,
             guint          last_column)
{
  GdkRGBA background = named_color (self, "window_bg_color", 1), text = foreground (self, 1);
  GdkRGBA line = foreground (self, 0.15);
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, self->header_height));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -HEADER_LINES);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  for (guint c = first_column; c < last_column; c++)
    {
      graphene_rect_t area = cell_area (self, 0, (int) c);

      area.origin.y = 0;
      area.size.height = self->header_height;
      gtk_snapshot_push_clip (snapshot, &area);
      draw_text (snapshot, layout, self->titles[c], &area, PAD_X / 2, FALSE, &text);
      gtk_snapshot_pop (snapshot);
      draw_line (snapshot, area.origin.x + area.size.width - 1, 0, 1, self->header_height, &line);
    }
  /* The corner, over the labels. */
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, self->label_width, self->header_height));
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  pango_layout_set_height (layout, -1);
  draw_text (snapshot, layout, self->corner ? self->corner : "",
             &GRAPHENE_RECT_INIT (0, 0, self->label_width, self->header_height), PAD_X, FALSE, &text);
  draw_line (snapshot, 0, self->header_height - 1, width, 1, &line);
  draw_line (snapshot, self->label_width - 1, 0, 1, self->header_height, &line);
}

static void
draw_cursor (SamMatrixGrid *self,
             GtkSnapshot   *snapshot)
{
  GdkRGBA accent = named_color (self, "accent_color", 1);
  graphene_rect_t area;
  GskRoundedRect outline;
  const float widths[4] = { 2, 2, 2, 2 };
  const GdkRGBA colors[4] = { accent, accent, accent, accent };

  if (!self->has_cursor || !gtk_widget_has_focus (GTK_WIDGET (self)) || self->cursor_row >= n_rows (self))
    return;
  area = cell_area (self, self->cursor_row, self->cursor_column);
  gsk_rounded_rect_init_from_rect (&outline, &area, 0);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static void
sam_matrix_grid_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  SamMatrixGrid *self = SAM_MATRIX_GRID (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  GdkRGBA background = named_color (self, "view_bg_color", 1);
  int body_top = scroll_y (self), body_left = scroll_x (self);
  guint first_row = (guint) (body_top / self->row_height);
  guint last_row = MIN (n_rows (self), (guint) ((body_top + height - self->header_height) / self->row_height) + 1);
  guint first_column = (guint) (body_left / self->cell_width);
  guint last_column = MIN (self->n_columns,
                           (guint) ((body_left + width - self->label_width) / self->cell_width) + 1);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->rows != NULL)
    {
      draw_cells (self, snapshot, layout, first_row, last_row, first_column, last_column);
      draw_labels (self, snapshot, layout, first_row, last_row);
      draw_titles (self, snapshot, layout, first_column, last_column);
      gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, self->header_height, width, height));
      draw_cursor (self, snapshot);
      gtk_snapshot_pop (snapshot);
    }
  gtk_snapshot_pop (snapshot);
}

/* The cursor */

static void
describe_cursor (SamMatrixGrid *self)
{
  g_autofree char *text = NULL;

  if (self->has_cursor && self->cursor_row < n_rows (self))
    text = sam_matrix_grid_describe_cell (self, self->cursor_row, self->cursor_column);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text ? text : "", -1);
}

static void
move_cursor_to (SamMatrixGrid *self,
                gint64         row,
                gint64         column)
{
  guint rows = n_rows (self);

  if (rows == 0)
    return;
  self->has_cursor = TRUE;
  self->cursor_row = (guint) CLAMP (row, 0, (gint64) rows - 1);
  self->cursor_column = (int) CLAMP (column, SAM_MATRIX_GRID_LABEL, (gint64) self->n_columns - 1);
  self->follow_cursor = TRUE;
  scroll_to_cursor (self);
  describe_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Activates the cursor's cell: opens its activities, or folds or
 * unfolds a group when it is on a label. */
static void
activate_cursor (SamMatrixGrid *self)
{
  g_autoptr(GtkTreeListRow) tree = NULL;
  g_autoptr(SamMatrixRow) row = NULL;
  g_autofree char *value = NULL;

  if (!self->has_cursor || !(tree = tree_row (self, self->cursor_row)))
    return;
  if (self->cursor_column == SAM_MATRIX_GRID_LABEL)
    {
      if (gtk_tree_list_row_is_expandable (tree))
        gtk_tree_list_row_set_expanded (tree, !gtk_tree_list_row_get_expanded (tree));
      return;
    }
  row = gtk_tree_list_row_get_item (tree);
  value = sam_matrix_row_cell_text (row, (guint) self->cursor_column);
  if (*value)
    g_signal_emit (self, signals[CELL_ACTIVATED], 0, row, (guint) self->cursor_column);
}

static void
move_action (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  SamMatrixGrid *self = SAM_MATRIX_GRID (widget);
  int dx, dy;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  if (!self->has_cursor)
    move_cursor_to (self, 0, SAM_MATRIX_GRID_LABEL);
  else
    move_cursor_to (self, (gint64) self->cursor_row + dy, (gint64) self->cursor_column + dx);
}

static void
page_action (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  SamMatrixGrid *self = SAM_MATRIX_GRID (widget);
  int rows = MAX (1, (gtk_widget_get_height (widget) - self->header_height) / self->row_height - 1);

  move_cursor_to (self, (gint64) self->cursor_row + g_variant_get_int32 (parameter) * rows,
                  self->has_cursor ? self->cursor_column : SAM_MATRIX_GRID_LABEL);
}

/* (dx, dy): (−1, 0) the row's label, (1, 0) its last cell, (0, −1) the
 * first row, (0, 1) the last. */
static void
edge_action (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  SamMatrixGrid *self = SAM_MATRIX_GRID (widget);
  int dx, dy;
  gint64 row = self->cursor_row, column = self->has_cursor ? self->cursor_column : SAM_MATRIX_GRID_LABEL;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  if (dx)
    column = dx < 0 ? SAM_MATRIX_GRID_LABEL : (gint64) self->n_columns - 1;
  if (dy)
    row = dy < 0 ? 0 : (gint64) n_rows (self) - 1;
  move_cursor_to (self, row, column);
}

static void
activate_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *parameter)
{
  activate_cursor (SAM_MATRIX_GRID (widget));
}

static void
expand_action (GtkWidget  *widget,
               const char *name,
               GVariant   *parameter)
{
  SamMatrixGrid *self = SAM_MATRIX_GRID (widget);
  g_autoptr(GtkTreeListRow) tree = self->has_cursor ? tree_row (self, self->cursor_row) : NULL;

  if (tree && gtk_tree_list_row_is_expandable (tree))
    gtk_tree_list_row_set_expanded (tree, g_variant_get_boolean (parameter));
}

/* Pointer */

static void
on_pressed_cb (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               SamMatrixGrid   *self)
{
  guint row;
  int column;

  self->pressed = hit (self, x, y, &row, &column);
  if (!self->pressed)
    return;
  self->pressed_row = row;
  self->pressed_column = column;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  move_cursor_to (self, row, column);
}

static void
on_released_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                SamMatrixGrid   *self)
{
  guint row;
  int column;

  if (self->pressed && n_press == 1 && hit (self, x, y, &row, &column)
      && row == self->pressed_row && column == self->pressed_column)
    activate_cursor (self);
  self->pressed = FALSE;
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              SamMatrixGrid            *self)
{
  guint row;
  int column;
  gboolean over = hit (self, x, y, &row, &column);

  if (over == self->has_hover && (!over || (row == self->hover_row && column == self->hover_column)))
    return;
  self->has_hover = over;
  self->hover_row = row;
  self->hover_column = column;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_leave_cb (GtkEventControllerMotion *motion,
             SamMatrixGrid            *self)
{
  self->has_hover = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
sam_matrix_grid_query_tooltip (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard,
                               GtkTooltip *tooltip)
{
  SamMatrixGrid *self = SAM_MATRIX_GRID (widget);
  g_autofree char *text = NULL;
  guint row;
  int column;

  if (keyboard && self->has_cursor)
    text = sam_matrix_grid_describe_cell (self, self->cursor_row, self->cursor_column);
  else if (y < self->header_height && x >= self->label_width)
    {
      guint c = (guint) ((x - self->label_width + scroll_x (self)) / self->cell_width);

      if (c < self->n_columns)
        text = g_strdup (self->titles[c]);
    }
  else if (hit (self, x, y, &row, &column))
    text = sam_matrix_grid_describe_cell (self, row, column);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The widget */

static void
on_rows_changed_cb (GListModel    *rows,
                    guint          position,
                    guint          removed,
                    guint          added,
                    SamMatrixGrid *self)
{
  /* The cursor stays on its row when rows above it fold or unfold. */
  if (self->has_cursor && self->cursor_row >= position)
    {
      if (self->cursor_row < position + removed)
        self->cursor_row = position;
      else
        self->cursor_row = self->cursor_row - removed + added;
    }
  if (self->has_cursor && self->cursor_row >= n_rows (self))
    self->has_cursor = FALSE;
  self->has_hover = FALSE;
  configure_adjustments (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
sam_matrix_grid_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  SamMatrixGrid *self = SAM_MATRIX_GRID (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = self->label_width / 2;
  else
    *minimum = self->header_height + self->row_height;
  *natural = MAX (*minimum, orientation == GTK_ORIENTATION_HORIZONTAL ? content_width (self) : content_height (self));
}

static void
sam_matrix_grid_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  SamMatrixGrid *self = SAM_MATRIX_GRID (widget);

  configure_adjustments (self);
  /* A cursor just moved stays in sight when the grid shrinks. */
  if (self->has_cursor && self->follow_cursor)
    scroll_to_cursor (self);
}

static void
sam_matrix_grid_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (sam_matrix_grid_parent_class)->css_changed (widget, change);
  update_metrics (SAM_MATRIX_GRID (widget));
  gtk_widget_queue_resize (widget);
}

static void
sam_matrix_grid_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SamMatrixGrid *self = SAM_MATRIX_GRID (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_matrix_grid_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SamMatrixGrid *self = SAM_MATRIX_GRID (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clear_model (SamMatrixGrid *self)
{
  if (self->rows)
    g_signal_handlers_disconnect_by_func (self->rows, on_rows_changed_cb, self);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->corner, g_free);
  g_clear_pointer (&self->titles, g_strfreev);
  self->n_columns = 0;
}

static void
sam_matrix_grid_dispose (GObject *object)
{
  SamMatrixGrid *self = SAM_MATRIX_GRID (object);

  clear_model (self);
  if (self->hadjustment)
    g_signal_handlers_disconnect_by_func (self->hadjustment, on_adjustment_changed_cb, self);
  if (self->vadjustment)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_adjustment_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  G_OBJECT_CLASS (sam_matrix_grid_parent_class)->dispose (object);
}

static void
sam_matrix_grid_class_init (SamMatrixGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sam_matrix_grid_get_property;
  object_class->set_property = sam_matrix_grid_set_property;
  object_class->dispose = sam_matrix_grid_dispose;
  widget_class->snapshot = sam_matrix_grid_snapshot;
  widget_class->measure = sam_matrix_grid_measure;
  widget_class->size_allocate = sam_matrix_grid_size_allocate;
  widget_class->css_changed = sam_matrix_grid_css_changed;
  widget_class->query_tooltip = sam_matrix_grid_query_tooltip;

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * SamMatrixGrid::cell-activated:
   * @row: the SamMatrixRow
   * @column: the column
   *
   * A cell with activities was clicked, or Enter pressed on it.
   */
  signals[CELL_ACTIVATED] = g_signal_new ("cell-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 2, SAM_TYPE_MATRIX_ROW, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "grid.move", "(ii)", move_action);
  gtk_widget_class_install_action (widget_class, "grid.page", "i", page_action);
  gtk_widget_class_install_action (widget_class, "grid.edge", "(ii)", edge_action);
  gtk_widget_class_install_action (widget_class, "grid.activate", NULL, activate_action);
  gtk_widget_class_install_action (widget_class, "grid.expand", "b", expand_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "grid.move", "(ii)", 0, -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "grid.move", "(ii)", 0, 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "grid.move", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "grid.move", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "grid.page", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "grid.page", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "grid.edge", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "grid.edge", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_CONTROL_MASK, "grid.edge", "(ii)", 0, -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, GDK_CONTROL_MASK, "grid.edge", "(ii)", 0, 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "grid.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "grid.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "grid.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "grid.expand", "b", TRUE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "grid.expand", "b", TRUE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "grid.expand", "b", FALSE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "grid.expand", "b", FALSE);

  gtk_widget_class_set_css_name (widget_class, "matrixgrid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
sam_matrix_grid_init (SamMatrixGrid *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (on_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  self->cursor_column = SAM_MATRIX_GRID_LABEL;
  update_metrics (self);
}

GtkWidget *
sam_matrix_grid_new (void)
{
  return g_object_new (SAM_TYPE_MATRIX_GRID, NULL);
}

/* Shows @rows (a GtkTreeListModel of SamMatrixRow, or NULL for nothing)
 * under the columns @titles, with @corner over the labels. The cursor
 * goes back to the top, and so does the view. */
void
sam_matrix_grid_set_model (SamMatrixGrid *self,
                           GListModel    *rows,
                           const char    *corner,
                           GStrv          titles)
{
  g_return_if_fail (SAM_IS_MATRIX_GRID (self));
  g_return_if_fail (rows == NULL || G_IS_LIST_MODEL (rows));

  clear_model (self);
  if (rows)
    {
      self->rows = g_object_ref (rows);
      self->corner = g_strdup (corner);
      self->titles = g_strdupv (titles);
      self->n_columns = titles ? g_strv_length (titles) : 0;
      g_signal_connect (rows, "items-changed", G_CALLBACK (on_rows_changed_cb), self);
    }
  self->has_cursor = FALSE;
  self->has_hover = FALSE;
  self->cursor_column = SAM_MATRIX_GRID_LABEL;
  update_metrics (self);
  if (self->hadjustment)
    gtk_adjustment_set_value (self->hadjustment, 0);
  if (self->vadjustment)
    gtk_adjustment_set_value (self->vadjustment, 0);
  describe_cursor (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

GListModel *
sam_matrix_grid_get_model (SamMatrixGrid *self)
{
  g_return_val_if_fail (SAM_IS_MATRIX_GRID (self), NULL);
  return self->rows;
}

guint
sam_matrix_grid_get_n_columns (SamMatrixGrid *self)
{
  g_return_val_if_fail (SAM_IS_MATRIX_GRID (self), 0);
  return self->n_columns;
}

const char *
sam_matrix_grid_get_title (SamMatrixGrid *self,
                           guint          column)
{
  g_return_val_if_fail (SAM_IS_MATRIX_GRID (self), NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);
  return self->titles[column];
}

/* Returns TRUE with the cursor's row and column (SAM_MATRIX_GRID_LABEL
 * for a row's label), FALSE when there is no cursor. */
gboolean
sam_matrix_grid_get_cursor (SamMatrixGrid *self,
                            guint         *row,
                            int           *column)
{
  g_return_val_if_fail (SAM_IS_MATRIX_GRID (self), FALSE);
  if (row)
    *row = self->cursor_row;
  if (column)
    *column = self->cursor_column;
  return self->has_cursor;
}

/* Puts the cursor on @row, @column and scrolls it into sight. */
void
sam_matrix_grid_set_cursor (SamMatrixGrid *self,
                            guint          row,
                            int            column)
{
  g_return_if_fail (SAM_IS_MATRIX_GRID (self));
  move_cursor_to (self, row, column);
}

/* Sets @area to where cell @column (or the label) of @row is drawn now,
 * in the grid's coordinates; FALSE when it is out of sight. */
gboolean
sam_matrix_grid_get_cell_area (SamMatrixGrid   *self,
                               guint            row,
                               int              column,
                               graphene_rect_t *area)
{
  graphene_rect_t bounds;

  g_return_val_if_fail (SAM_IS_MATRIX_GRID (self), FALSE);
  *area = cell_area (self, row, column);
  bounds = GRAPHENE_RECT_INIT (column == SAM_MATRIX_GRID_LABEL ? 0 : self->label_width, self->header_height,
                               gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  return row < n_rows (self) && graphene_rect_contains_rect (&bounds, area);
}

/* Returns a cell as a screen reader says it: "Advokater, Politi: 3
 * activities reach it"; a row's label with what it is. */
char *
sam_matrix_grid_describe_cell (SamMatrixGrid *self,
                               guint          row,
                               int            column)
{
  g_autoptr(GtkTreeListRow) tree = NULL;
  g_autoptr(SamMatrixRow) item = NULL;
  g_autofree char *what = NULL;

  g_return_val_if_fail (SAM_IS_MATRIX_GRID (self), NULL);
  if (row >= n_rows (self) || column >= (int) self->n_columns)
    return NULL;
  tree = tree_row (self, row);
  item = gtk_tree_list_row_get_item (tree);
  if (column == SAM_MATRIX_GRID_LABEL)
    {
      if (!gtk_tree_list_row_is_expandable (tree))
        return g_strdup (sam_matrix_row_get_label (item));
      /* TRANSLATORS: a group's row in a matrix, as a screen reader says it. */
      return g_strdup_printf (gtk_tree_list_row_get_expanded (tree) ? _("%s, expanded") : _("%s, collapsed"),
                              sam_matrix_row_get_label (item));
    }
  if (sam_matrix_row_cell_is_gap (item, (guint) column))
    what = g_strdup (_("a gap: no activity reaches the group here"));
  else
    {
      what = sam_matrix_row_cell_text (item, (guint) column);
      if (*what == '\0')
        {
          g_free (what);
          what = g_strdup (_("none"));
        }
    }
  /* TRANSLATORS: a matrix cell as a screen reader says it: its row, its column, what it holds. */
  return g_strdup_printf (_("%s, %s: %s"), sam_matrix_row_get_label (item), self->titles[column], what);
}
