/* For people who use a screen reader or the keyboard: every control in
 * every view and in the editor has a name to be read; a matrix cell is
 * read with its row and column; the matrix is one stop for Tab, not one
 * stop per empty cell. Run with the
 * test accessibility backend (GTK_A11Y=test), which keeps what the
 * widgets tell assistive technologies. */
#include "config.h"

#include "sam-gui-test-util.h"
#include "sam-matrix-grid.h"
#include "models/sam-matrix-rows.h"

typedef struct
{
  char      *dir;
  SamWindow *window;
  SamStore  *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;

  f->dir = sam_test_make_dir ();
  path = g_build_filename (f->dir, "a11y.db", NULL);
  f->window = sam_gui_open_window (path);
  f->store = sam_window_get_store (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, 0);
      gtk_window_destroy (w);
    }
  sam_gui_iterate ();
  sam_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* Whether @widget is something a person acts on. */
static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget)
         || GTK_IS_SWITCH (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_ENTRY (widget)
         || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_SPIN_BUTTON (widget) || GTK_IS_TEXT_VIEW (widget)
         || GTK_IS_SCALE (widget) || GTK_IS_CALENDAR (widget) || GTK_IS_LIST_VIEW (widget)
         || GTK_IS_COLUMN_VIEW (widget);
}

/* A widget of GTK's or libadwaita's own making, named by them (the
 * window's close button, the inside of a drop-down, …). */
static gboolean
is_toolkit_part (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  return GTK_IS_WINDOW_CONTROLS (parent) || GTK_IS_DROP_DOWN (parent) || GTK_IS_MENU_BUTTON (parent)
         || GTK_IS_SPIN_BUTTON (parent) || GTK_IS_CALENDAR (parent) || GTK_IS_STACK_SWITCHER (parent)
         || GTK_IS_TREE_EXPANDER (parent)
         || (GTK_IS_LIST_VIEW (widget) && GTK_IS_COLUMN_VIEW (parent));
}

/* Whether @widget has a name to be read: a label of its own (a button's
 * text gives it one), or a label it is labelled by. GTK points a button
 * at its own icon, which reads as nothing, so for buttons only their own
 * label counts. */
static gboolean
has_name (GtkWidget *widget)
{
  GtkAccessible *a = GTK_ACCESSIBLE (widget);

  if (gtk_test_accessible_has_property (a, GTK_ACCESSIBLE_PROPERTY_LABEL))
    return TRUE;
  /* A menu button is read by the button inside it, which shows its label. */
  if (GTK_IS_MENU_BUTTON (widget))
    return gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) != NULL;
  if (GTK_IS_BUTTON (widget))
    return FALSE;
  return gtk_test_accessible_has_relation (a, GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

static char *
describe (GtkWidget *widget)
{
  GString *path = g_string_new (NULL);
  const char *tip = gtk_widget_get_tooltip_text (widget);

  for (GtkWidget *w = widget; w; w = gtk_widget_get_parent (w))
    {
      const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (w));
      g_string_prepend (path, id ? id : G_OBJECT_TYPE_NAME (w));
      if (gtk_widget_get_parent (w))
        g_string_prepend (path, " > ");
    }
  if (tip)
    g_string_append_printf (path, " (tooltip “%s”)", tip);
  return g_string_free (path, FALSE);
}

static void
collect_unnamed (GtkWidget *widget,
                 GString   *unnamed)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (!gtk_widget_get_mapped (c))
        continue;
      if (is_control (c) && !is_toolkit_part (c) && !has_name (c))
        {
          g_autofree char *what = describe (c);
          g_string_append_printf (unnamed, "\n  %s", what);
        }
      collect_unnamed (c, unnamed);
    }
}

static void
select_first (SamWindow *window,
              SamView    view)
{
  SamPage *page = sam_window_get_view_page (window, view);
  GListModel *rows = NULL;

  if (view == SAM_VIEW_PLANS)
    rows = sam_gui_activity_rows (window);
  else if (SAM_IS_TREE_PAGE (page))
    rows = sam_tree_page_get_rows (SAM_TREE_PAGE (page));
  for (guint i = 0; rows && i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (rows, i);
      g_autoptr(SamRecord) record = sam_page_record_for_item (page, item);

      if (record)
        {
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (rows), i, TRUE);
          return;
        }
      if (GTK_IS_TREE_LIST_ROW (item))
        gtk_tree_list_row_set_expanded (GTK_TREE_LIST_ROW (item), TRUE);
    }
}

/* Every control in every view, and in the editor with a record of that
 * view, has a name. */
static void
test_every_control_named (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);

  for (guint v = 0; v < SAM_N_VIEWS; v++)
    {
      g_autoptr(GString) here = g_string_new (NULL);

      sam_window_show_view (f->window, v);
      sam_gui_iterate ();
      select_first (f->window, v);
      sam_gui_settle (100);
      collect_unnamed (GTK_WIDGET (f->window), here);
      if (v == SAM_VIEW_PLANS)
        {
          /* And the filters, in their popover. */
          GtkMenuButton *filters = GTK_MENU_BUTTON (sam_page_get_part (sam_window_get_view_page (f->window, v),
                                                                       "filters_button"));
          gtk_menu_button_popup (filters);
          sam_gui_settle (100);
          collect_unnamed (GTK_WIDGET (gtk_menu_button_get_popover (filters)), here);
          gtk_menu_button_popdown (filters);
        }
      if (here->len)
        g_string_append_printf (unnamed, "\nIn %s:%s", sam_view_get_name (v), here->str);
    }
  if (unnamed->len)
    g_error ("Controls without a name to be read:%s", unnamed->str);
}

/* The row and column of a cell of @grid with activities in it. */
static void
find_full_cell (SamMatrixGrid *grid,
                guint         *row,
                guint         *column)
{
  GListModel *rows = sam_matrix_grid_get_model (grid);

  for (guint r = 0; r < g_list_model_get_n_items (rows); r++)
    {
      g_autoptr(GtkTreeListRow) tree = g_list_model_get_item (rows, r);
      g_autoptr(SamMatrixRow) item = gtk_tree_list_row_get_item (tree);

      for (guint c = 0; c < sam_matrix_grid_get_n_columns (grid); c++)
        {
          g_autofree char *text = sam_matrix_row_cell_text (item, c);

          if (*text)
            {
              *row = r;
              *column = c;
              return;
            }
        }
    }
  g_error ("No cell with activities");
}

/* The cell under the cursor is read with its row and column, and what it
 * holds in words, not as the "2 L 1 P" it shows. */
static void
test_matrix_cells_read_whole (Fixture       *f,
                              gconstpointer  data)
{
  SamMatrixGrid *grid;
  g_autoptr(GtkTreeListRow) tree = NULL;
  g_autoptr(SamMatrixRow) item = NULL;
  g_autofree char *what = NULL, *expected = NULL;
  guint row = 0, column = 0;

  sam_window_show_view (f->window, SAM_VIEW_RESPONSIBILITY);
  sam_gui_settle (200);
  grid = SAM_MATRIX_GRID (sam_gui_widget (f->window, "matrix"));
  find_full_cell (grid, &row, &column);
  sam_matrix_grid_set_cursor (grid, row, (int) column);
  tree = g_list_model_get_item (sam_matrix_grid_get_model (grid), row);
  item = gtk_tree_list_row_get_item (tree);
  what = sam_matrix_row_cell_description (item, column);
  g_assert_true (strstr (what, "leads") || strstr (what, "partner") || strstr (what, "answers"));
  expected = g_strdup_printf ("%s, %s: %s", sam_matrix_row_get_label (item),
                              sam_matrix_grid_get_title (grid, column), what);
  g_assert_true (gtk_test_accessible_check_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                     expected) == NULL);
}

/* The matrix is one stop for Tab, however many empty cells it has: Tab
 * goes on to the next control, and the arrows move within it. */
static void
test_matrix_tab_skips_empty (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *grid, *focus;

  sam_window_show_view (f->window, SAM_VIEW_RESPONSIBILITY);
  sam_gui_settle (200);
  grid = sam_gui_widget (f->window, "matrix");
  gtk_widget_grab_focus (grid);
  sam_gui_settle (100);
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (f->window)) == grid);
  sam_gui_press (GTK_WINDOW (f->window), "Tab");
  focus = gtk_window_get_focus (GTK_WINDOW (f->window));
  g_assert_nonnull (focus);
  g_assert_false (focus == grid || gtk_widget_is_ancestor (focus, grid));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  ADD ("/gui/a11y/every-control-named", test_every_control_named);
  ADD ("/gui/a11y/matrix-cells-read-whole", test_matrix_cells_read_whole);
  ADD ("/gui/a11y/matrix-tab-skips-empty", test_matrix_tab_skips_empty);
  return g_test_run ();
}
