/* The tables: a click on any column's header sorts by it (again: the
 * other way) and shows an arrow, in the activity table and the Overview
 * (the matrices are a grid of their own); the choice is there again in
 * the next window; the person picks the activity table's columns; Tab
 * leaves the table. */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "sam-gui-test-util.h"
#include "models/sam-overview.h"
#include "sam-text-cell.h"

static char *dir;

static SamWindow *
open_window (const char *name,
             GSettings  *settings,
             int         width)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return sam_gui_open_window_with (path, settings, width, 900);
}

static GtkWidget *table_area (SamWindow *window);

static gboolean
table_is_full (gpointer window)
{
  /* The default plan's activities, read in the background. */
  GListModel *rows = sam_gui_activity_rows (window);

  return rows && g_list_model_get_n_items (rows) == 47;
}

/* Shows the Plans view, once its table holds every activity. */
static void
show_plans (SamWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "plans"));
  sam_gui_wait_until (table_is_full, window, "the activities");
  sam_gui_settle (200);
}

static void
close_window (SamWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  sam_gui_iterate ();
}

static void
find_titles (GtkWidget *widget,
             GPtrArray *titles)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (g_str_equal (G_OBJECT_TYPE_NAME (c), "GtkColumnViewTitle"))
        g_ptr_array_add (titles, c);
      else
        find_titles (c, titles);
    }
}

static const char *
title_text (GtkWidget *title)
{
  for (GtkWidget *c = gtk_widget_get_first_child (title); c; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_LABEL (c))
        return gtk_label_get_text (GTK_LABEL (c));
      if (gtk_widget_get_first_child (c))
        {
          const char *inner = title_text (c);
          if (inner)
            return inner;
        }
    }
  return NULL;
}

/* The header of the column titled @name in @view. */
static GtkWidget *
header (GtkWidget  *view,
        const char *name)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();

  find_titles (view, titles);
  for (guint i = 0; i < titles->len; i++)
    if (g_strcmp0 (title_text (titles->pdata[i]), name) == 0)
      return titles->pdata[i];
  g_error ("No column “%s”", name);
}

/* The arrow the header of @name shows: "ascending", "descending" or "". */
static const char *
arrow (GtkWidget  *view,
       const char *name)
{
  g_autoptr(GQueue) queue = g_queue_new ();

  g_queue_push_tail (queue, header (view, name));
  while (!g_queue_is_empty (queue))
    {
      GtkWidget *w = g_queue_pop_head (queue);
      if (g_strcmp0 (gtk_widget_get_css_name (w), "sort-indicator") == 0)
        return gtk_widget_has_css_class (w, "ascending") ? "ascending"
               : gtk_widget_has_css_class (w, "descending") ? "descending" : "";
      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_queue_push_tail (queue, c);
    }
  return "";
}

static int
compare_text (const char *a,
              const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a ? a : "", -1), *fb = g_utf8_casefold (b ? b : "", -1);

  return g_utf8_collate (fa, fb);
}

/* The value of @property of every row of @rows, as text or number. */
static int
compare_items (GObject    *a,
               GObject    *b,
               const char *property)
{
  GParamSpec *spec = g_object_class_find_property (G_OBJECT_GET_CLASS (a), property);

  if (spec->value_type == G_TYPE_STRING)
    {
      g_autofree char *sa = NULL, *sb = NULL;
      g_object_get (a, property, &sa, NULL);
      g_object_get (b, property, &sb, NULL);
      /* Counts and percentages written as text are numbers. */
      if (sa && sb && g_ascii_isdigit (*sa) && g_ascii_isdigit (*sb) && !strchr (sa, '-') && !strchr (sb, '-'))
        {
          double x = g_ascii_strtod (sa, NULL), y = g_ascii_strtod (sb, NULL);
          return x < y ? -1 : x > y;
        }
      return compare_text (sa, sb);
    }
  {
    GValue va = G_VALUE_INIT, vb = G_VALUE_INIT, da = G_VALUE_INIT, db = G_VALUE_INIT;
    double x, y;

    g_value_init (&va, spec->value_type);
    g_value_init (&vb, spec->value_type);
    g_value_init (&da, G_TYPE_DOUBLE);
    g_value_init (&db, G_TYPE_DOUBLE);
    g_object_get_property (a, property, &va);
    g_object_get_property (b, property, &vb);
    g_value_transform (&va, &da);
    g_value_transform (&vb, &db);
    x = g_value_get_double (&da);
    y = g_value_get_double (&db);
    g_value_unset (&va);
    g_value_unset (&vb);
    return x < y ? -1 : x > y;
  }
}

static void
assert_sorted (GListModel *rows,
               const char *property,
               int         direction,
               const char *what)
{
  g_assert_cmpuint (g_list_model_get_n_items (rows), >, 2);
  for (guint i = 1; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GObject) a = g_list_model_get_item (rows, i - 1);
      g_autoptr(GObject) b = g_list_model_get_item (rows, i);

      if (compare_items (a, b, property) * direction > 0)
        g_error ("%s: rows %u and %u are out of order by %s", what, i - 1, i, property);
    }
}

static const struct { const char *title, *property; } activity_columns[] = {
  { "Title", "title" }, { "Lead agency", "lead" }, { "Partners", "partners" }, { "Sectors", "sectors" },
  { "Target groups", "target-groups" }, { "Start", "start" }, { "Due", "due" }, { "Status", "status" },
  { "Progress", "progress" }, { "Latest status update", "latest" },
};

/* Every column of the activity table sorts, both ways, with its arrow. */
static void
test_activity_table_sorts (void)
{
  SamWindow *window = open_window ("sort.db", NULL, 1920);
  GtkWidget *view;
  GListModel *rows;

  show_plans (window);
  view = table_area (window);  /* the titles' header is beside the others' */
  rows = sam_gui_activity_rows (window);
  for (guint i = 0; i < G_N_ELEMENTS (activity_columns); i++)
    {
      g_autofree char *up = g_strdup_printf ("%s, ascending", activity_columns[i].title);
      g_autofree char *down = g_strdup_printf ("%s, descending", activity_columns[i].title);

      sam_gui_click (header (view, activity_columns[i].title));
      assert_sorted (rows, activity_columns[i].property, 1, up);
      g_assert_cmpstr (arrow (view, activity_columns[i].title), ==, "ascending");
      sam_gui_click (header (view, activity_columns[i].title));
      assert_sorted (rows, activity_columns[i].property, -1, down);
      g_assert_cmpstr (arrow (view, activity_columns[i].title), ==, "descending");
    }
  close_window (window);
}

/* The sort chosen is the sort of the next window. */
static void
test_sort_remembered (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  SamWindow *window = open_window ("remember.db", settings, 1920);
  GtkWidget *view;

  show_plans (window);
  view = sam_gui_widget (window, "activities");
  sam_gui_click (header (view, "Due"));
  sam_gui_click (header (view, "Due"));
  g_assert_cmpstr (arrow (view, "Due"), ==, "descending");
  close_window (window);

  window = open_window ("remember.db", settings, 1920);
  show_plans (window);
  view = sam_gui_widget (window, "activities");
  g_assert_cmpstr (arrow (view, "Due"), ==, "descending");
  assert_sorted (sam_gui_activity_rows (window), "due", -1, "Due, remembered");
  close_window (window);
}

/* The Overview's table sorts by its columns too. */
static void
test_overview_sorts (void)
{
  SamWindow *window = open_window ("overview.db", NULL, 1920);
  GtkWidget *view;
  GListModel *rows;

  sam_window_show_view (window, SAM_VIEW_OVERVIEW);
  sam_gui_settle (300);
  view = GTK_WIDGET (sam_page_get_part (sam_window_get_view_page (window, SAM_VIEW_OVERVIEW), "summary_view"));
  rows = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));
  sam_gui_click (header (view, "Activities"));
  sam_gui_click (header (view, "Activities"));
  g_assert_cmpstr (arrow (view, "Activities"), ==, "descending");
  assert_sorted (rows, "total", -1, "Overview by activities");
  sam_gui_click (header (view, "Measure"));
  g_assert_cmpstr (arrow (view, "Measure"), ==, "ascending");
  assert_sorted (rows, "title", 1, "Overview by measure");
  close_window (window);
}

static GtkWidget *
find_toggle (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_CHECK_BUTTON (widget) && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_toggle (c, label);
      if (found)
        return found;
    }
  return NULL;
}

static GtkColumnViewColumn *
column (GtkWidget  *view,
        const char *title)
{
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (view));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (columns, i);
      if (g_strcmp0 (gtk_column_view_column_get_title (c), title) == 0)
        return c;
    }
  g_error ("No column “%s”", title);
}

/* The person picks the columns, and the next window shows those. */
static void
test_pick_columns (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  SamWindow *window = open_window ("columns.db", settings, 1280);
  GtkMenuButton *button;
  GtkWidget *view, *partners;

  show_plans (window);
  view = sam_gui_widget (window, "activities");
  button = GTK_MENU_BUTTON (sam_page_get_part (SAM_PAGE (sam_gui_plans (window)), "columns_button"));
  g_assert_nonnull (button);
  gtk_menu_button_popup (button);
  sam_gui_settle (200);
  partners = find_toggle (GTK_WIDGET (gtk_menu_button_get_popover (button)), "Partners");
  g_assert_nonnull (partners);
  /* Titles are always shown: there is nothing to pick for them. */
  g_assert_null (find_toggle (GTK_WIDGET (gtk_menu_button_get_popover (button)), "Title"));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (partners)));
  sam_gui_click (partners);
  g_assert_false (gtk_column_view_column_get_visible (column (view, "Partners")));
  gtk_menu_button_popdown (button);
  close_window (window);

  window = open_window ("columns.db", settings, 1280);
  show_plans (window);
  view = sam_gui_widget (window, "activities");
  g_assert_false (gtk_column_view_column_get_visible (column (view, "Partners")));
  g_assert_true (gtk_column_view_column_get_visible (column (view, "Lead agency")));
  close_window (window);
}

static gboolean
inside (GtkWidget *widget,
        GtkWidget *container)
{
  return widget && (widget == container || gtk_widget_is_ancestor (widget, container));
}

/* Tab in the table goes on to the editor, not from row to row. */
static void
test_tab_leaves_table (void)
{
  SamWindow *window = open_window ("tab.db", NULL, 1920);
  GtkWidget *view;
  GListModel *rows;
  gint64 shown;

  show_plans (window);
  view = sam_gui_widget (window, "activities");
  rows = sam_gui_activity_rows (window);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (rows), 2, TRUE);
  sam_gui_settle (100);
  shown = sam_record_get_id (sam_window_get_shown_record (window));
  gtk_widget_grab_focus (view);
  sam_gui_settle (100);
  g_assert_true (inside (gtk_window_get_focus (GTK_WINDOW (window)), view));
  sam_gui_press (GTK_WINDOW (window), "Tab");
  g_assert_nonnull (gtk_window_get_focus (GTK_WINDOW (window)));
  g_assert_false (inside (gtk_window_get_focus (GTK_WINDOW (window)), view));
  g_assert_cmpint (sam_record_get_id (sam_window_get_shown_record (window)), ==, shown);
  close_window (window);
}

/* The title of @rows' row at @position. */
static const char *
title_at (GListModel *rows,
          guint       position)
{
  g_autoptr(SamActivityRow) row = g_list_model_get_item (rows, position);

  return sam_activity_row_get_title (row);  /* the model keeps the row */
}

/* The position of the row titled @text in @rows, or none. */
static guint
titled (GListModel *rows,
        const char *text)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    if (g_strcmp0 (title_at (rows, i), text) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* The part of the Plans view the activity table fills. */
static GtkWidget *
table_area (SamWindow *window)
{
  GtkWidget *view = sam_gui_widget (window, "activities");

  return gtk_paned_get_end_child (GTK_PANED (gtk_widget_get_ancestor (view, GTK_TYPE_PANED)));
}

/* Whether @label is whole in sight: in @area and in its list (rows
 * scrolled up go under the header). */
static gboolean
in_sight (GtkWidget *label,
          GtkWidget *area)
{
  GtkWidget *list = label;
  graphene_rect_t b, l;

  while (list && g_strcmp0 (gtk_widget_get_css_name (list), "listview") != 0)
    list = gtk_widget_get_parent (list);
  g_assert_nonnull (list);
  return gtk_widget_compute_bounds (label, area, &b) && gtk_widget_compute_bounds (list, area, &l)
         && b.size.width > 0 && b.origin.x >= MAX (l.origin.x, 0) && b.origin.y >= MAX (l.origin.y, 0)
         && b.origin.x + b.size.width <= MIN (l.origin.x + l.size.width, gtk_widget_get_width (area))
         && b.origin.y + b.size.height <= MIN (l.origin.y + l.size.height, gtk_widget_get_height (area));
}

/* The text a cell shows: the tables' text cells are SamTextCells. */
static const char *
cell_text (GtkWidget *cell)
{
  return SAM_IS_TEXT_CELL (cell) ? sam_text_cell_get_text (SAM_TEXT_CELL (cell))
                                 : gtk_label_get_text (GTK_LABEL (cell));
}

/* The texts of the table's cells (not of its headers) that @area shows
 * whole. */
static void
shown_cells (GtkWidget *widget,
             GtkWidget *area,
             GPtrArray *labels)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (!gtk_widget_get_mapped (c) || g_str_equal (G_OBJECT_TYPE_NAME (c), "GtkColumnViewTitle"))
        continue;
      if ((GTK_IS_LABEL (c) || SAM_IS_TEXT_CELL (c))
          && g_strcmp0 (gtk_widget_get_css_name (gtk_widget_get_parent (c)), "cell") == 0)
        {
          if (in_sight (c, area))
            g_ptr_array_add (labels, c);
        }
      else
        shown_cells (c, area, labels);
    }
}

static double
middle_of (GtkWidget *label,
           GtkWidget *area)
{
  graphene_rect_t b;

  g_assert_true (gtk_widget_compute_bounds (label, area, &b));
  return b.origin.y + b.size.height / 2;
}

/* The title cell of the first row the table shows whole, its row in
 * @rows at *@position. Fails when no title is in sight. */
static GtkWidget *
first_title (SamWindow *window,
             guint     *position)
{
  GtkWidget *area = table_area (window);
  GListModel *rows = sam_gui_activity_rows (window);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GtkWidget *first = NULL;

  shown_cells (area, area, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      guint at = titled (rows, cell_text (labels->pdata[i]));

      if (at != GTK_INVALID_LIST_POSITION && (first == NULL || middle_of (labels->pdata[i], area) < middle_of (first, area)))
        {
          first = labels->pdata[i];
          *position = at;
        }
    }
  if (first == NULL)
    g_error ("No activity title in sight");
  return first;
}

/* The cells beside @title, in the row the person sees it in. */
static GPtrArray *
beside (SamWindow *window,
        GtkWidget *title)
{
  GtkWidget *area = table_area (window);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GPtrArray *cells = g_ptr_array_new ();
  graphene_rect_t b;

  g_assert_true (gtk_widget_compute_bounds (title, area, &b));
  shown_cells (area, area, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      double y = middle_of (labels->pdata[i], area);

      if (labels->pdata[i] != title && y > b.origin.y && y < b.origin.y + b.size.height)
        g_ptr_array_add (cells, labels->pdata[i]);
    }
  return cells;
}

/* The row (of its table) @cell is in, where @area shows it. */
static graphene_rect_t
row_of (GtkWidget *cell,
        GtkWidget *area)
{
  GtkWidget *row = cell;
  graphene_rect_t b;

  while (row && g_strcmp0 (gtk_widget_get_css_name (row), "row") != 0)
    row = gtk_widget_get_parent (row);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_compute_bounds (row, area, &b));
  return b;
}

static gboolean
has_text (GPtrArray  *cells,
          const char *text)
{
  for (guint i = 0; i < cells->len; i++)
    if (g_strcmp0 (cell_text (cells->pdata[i]), text) == 0)
      return TRUE;
  return FALSE;
}

/* The row the person sees @title in shows the rest of @position's row. */
static void
assert_same_row (SamWindow *window,
                 GtkWidget *title,
                 guint      position)
{
  g_autoptr(GObject) row = g_list_model_get_item (sam_gui_activity_rows (window), position);
  g_autoptr(GPtrArray) cells = beside (window, title);
  g_autofree char *status = NULL, *latest = NULL;
  GtkWidget *area = table_area (window);
  graphene_rect_t mine = row_of (title, area);

  g_object_get (row, "status", &status, "latest", &latest, NULL);
  g_assert_cmpuint (cells->len, >=, 2);
  if (latest && *latest)
    g_assert_true (has_text (cells, latest));
  g_assert_true (has_text (cells, status));
  /* Lined up: the rows are as high and at the same height. */
  for (guint i = 0; i < cells->len; i++)
    {
      graphene_rect_t theirs = row_of (cells->pdata[i], area);

      g_assert_cmpfloat_with_epsilon (theirs.origin.y, mine.origin.y, 0.5);
      g_assert_cmpfloat_with_epsilon (theirs.size.height, mine.size.height, 0.5);
    }
}

static void
scroll_to_end (GtkAdjustment *adjustment)
{
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment)
                                        - gtk_adjustment_get_page_size (adjustment));
  sam_gui_settle (300);
}

/* A click on a row shows it in the editor and leaves the keyboard in the
 * table, as in any list: the arrow keys go on to the next row. */
static void
test_click_keeps_keys (void)
{
  SamWindow *window = open_window ("click.db", NULL, 1920);
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  GtkWidget *view, *titles, *focus;
  GListModel *rows;
  guint position;

  show_plans (window);
  view = sam_gui_widget (window, "activities");
  titles = sam_page_get_part (sam_window_get_view_page (window, SAM_VIEW_PLANS), "title_view");
  rows = sam_gui_activity_rows (window);
  for (GtkWidget *part = titles; part; part = part == titles ? view : NULL)
    {
      shown_cells (part, table_area (window), cells);
      g_assert_cmpuint (cells->len, >, 6);
      sam_gui_click (cells->pdata[4]);
      sam_gui_settle (300);
      position = gtk_bitset_get_nth (gtk_selection_model_get_selection (GTK_SELECTION_MODEL (rows)), 0);
      g_assert_cmpint (sam_record_get_id (sam_window_get_shown_record (window)), >, 0);
      focus = gtk_window_get_focus (GTK_WINDOW (window));
      if (!inside (focus, view) && !inside (focus, titles))
        g_error ("after a click on a row the keyboard is in %s “%s”, not in the table",
                 focus ? G_OBJECT_TYPE_NAME (focus) : "nothing",
                 GTK_IS_LABEL (focus) ? gtk_label_get_text (GTK_LABEL (focus)) : "");
      sam_gui_press (GTK_WINDOW (window), "Down");
      sam_gui_settle (300);
      g_assert_cmpuint (gtk_bitset_get_nth (gtk_selection_model_get_selection (GTK_SELECTION_MODEL (rows)), 0), ==,
                        position + 1);
      g_ptr_array_set_size (cells, 0);
    }
  close_window (window);
}

/* In a narrow window the table scrolls sideways to its last columns and
 * the titles stay in sight, each in line with its row; a click on the
 * titles' header sorts, a click on a title selects its activity, and the
 * arrow keys go on from there. */
static void
test_title_stays (void)
{
  /* Narrow enough to scroll sideways, wide enough for the editor beside. */
  SamWindow *window = open_window ("title.db", NULL, 1100);
  GtkWidget *view, *title, *area;
  GtkScrolledWindow *scrolled;
  GListModel *rows;
  guint position = 0, top;

  show_plans (window);
  view = sam_gui_widget (window, "activities");
  area = table_area (window);
  rows = sam_gui_activity_rows (window);
  scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW));
  scroll_to_end (gtk_scrolled_window_get_hadjustment (scrolled));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrolled), 200);
  sam_gui_settle (300);
  title = first_title (window, &position);
  g_assert_cmpuint (position, >, 0);  /* scrolled down with the rest */
  assert_same_row (window, title, position);

  sam_gui_click (header (area, "Title"));
  assert_sorted (rows, "title", 1, "Title, ascending");
  g_assert_cmpstr (arrow (area, "Title"), ==, "ascending");
  sam_gui_click (header (area, "Title"));
  assert_sorted (rows, "title", -1, "Title, descending");
  g_assert_cmpstr (arrow (area, "Title"), ==, "descending");

  title = first_title (window, &position);
  assert_same_row (window, title, position);
  top = position;
  sam_gui_click (title);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (rows)), ==, top);
  g_assert_cmpstr (sam_record_get_title (sam_window_get_shown_record (window)), ==,
                   title_at (rows, top));
  /* The keyboard in the titles (the editor took it on the click): */
  g_assert_true (gtk_widget_grab_focus (gtk_widget_get_ancestor (title, GTK_TYPE_COLUMN_VIEW)));
  sam_gui_press (GTK_WINDOW (window), "Down");
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (rows)), ==, top + 1);
  g_assert_cmpstr (sam_record_get_title (sam_window_get_shown_record (window)), ==,
                   title_at (rows, top + 1));
  close_window (window);
}

/* Types @text into the Plans view's search, as a person does. */
static void
search_for (SamWindow  *window,
            const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (sam_gui_widget (window, "search")), text);
  sam_gui_settle (400);  /* the entry's typing delay, then the table redrawn */
}

/* The titles the table shows highlighted as selected, of the rows in
 * sight. */
static GPtrArray *
highlighted (SamWindow *window)
{
  GtkWidget *area = table_area (window);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GPtrArray *titles = g_ptr_array_new ();
  GListModel *rows = sam_gui_activity_rows (window);

  shown_cells (area, area, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *row = gtk_widget_get_parent (gtk_widget_get_parent (labels->pdata[i]));

      if ((gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_SELECTED)
          && titled (rows, cell_text (labels->pdata[i])) != GTK_INVALID_LIST_POSITION)
        g_ptr_array_add (titles, (gpointer) cell_text (labels->pdata[i]));
    }
  return titles;
}

static void
assert_highlighted (SamWindow  *window,
                    const char *title)
{
  g_autoptr(GPtrArray) titles = highlighted (window);

  g_assert_cmpuint (titles->len, ==, 1);
  g_assert_cmpstr (titles->pdata[0], ==, title);
}

/* A search keeps the titles in line with their rows, in a table scrolled
 * down and sideways, and keeps the selected activity while it matches;
 * erasing the search brings every row back, the titles still in line. */
static void
test_search_keeps_rows (void)
{
  SamWindow *window = open_window ("search.db", NULL, 1100);
  GtkWidget *view, *title;
  GtkScrolledWindow *scrolled;
  GListModel *rows;
  g_autofree char *chosen = NULL;
  guint position = 0;

  show_plans (window);
  view = sam_gui_widget (window, "activities");
  rows = sam_gui_activity_rows (window);
  scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW));
  scroll_to_end (gtk_scrolled_window_get_hadjustment (scrolled));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrolled), 200);
  sam_gui_settle (300);
  title = first_title (window, &position);
  chosen = g_strdup (title_at (rows, position + 2));
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (rows), position + 2);
  sam_gui_settle (100);
  g_assert_cmpstr (sam_record_get_title (sam_window_get_shown_record (window)), ==, chosen);

  /* Its title finds it (and maybe a few more): still selected, in line. */
  search_for (window, chosen);
  g_assert_cmpuint (g_list_model_get_n_items (rows), <, 47);
  g_assert_cmpuint (titled (rows, chosen), !=, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (rows)), ==, titled (rows, chosen));
  g_assert_cmpstr (sam_record_get_title (sam_window_get_shown_record (window)), ==, chosen);
  title = first_title (window, &position);
  assert_same_row (window, title, position);
  /* The row highlighted is the chosen one's, wherever it moved to. */
  assert_highlighted (window, chosen);

  /* A search it does not match: nothing is highlighted. */
  search_for (window, "zzzz ingen slik aktivitet");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
  search_for (window, "a");
  g_assert_cmpuint (g_list_model_get_n_items (rows), >, 0);
  {
    g_autoptr(GPtrArray) none = highlighted (window);
    g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (rows)), ==,
                      GTK_INVALID_LIST_POSITION);
    g_assert_cmpuint (none->len, ==, 0);
  }
  search_for (window, chosen);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (rows), titled (rows, chosen));
  sam_gui_settle (100);
  assert_highlighted (window, chosen);

  /* Erased: every row, the same one selected, the titles in line. */
  search_for (window, "");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 47);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (rows)), ==, titled (rows, chosen));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrolled), 300);
  sam_gui_settle (300);
  title = first_title (window, &position);
  assert_same_row (window, title, position);
  close_window (window);
}

/* A search brings its matches in from the top, not from wherever the
 * table was scrolled to; with the selected activity among them, the table
 * shows it. */
static void
test_search_from_top (void)
{
  SamWindow *window = open_window ("top.db", NULL, 1100);
  GtkAdjustment *vertical;
  GListModel *rows;
  g_autofree char *chosen = NULL;
  guint position = 0;

  show_plans (window);
  rows = sam_gui_activity_rows (window);
  vertical = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (
    gtk_widget_get_ancestor (sam_gui_widget (window, "activities"), GTK_TYPE_SCROLLED_WINDOW)));
  scroll_to_end (vertical);
  sam_gui_settle (300);
  first_title (window, &position);
  g_assert_cmpuint (position, >, 10);

  /* Nothing selected: the first match is the first row in sight. */
  search_for (window, "e");
  g_assert_cmpuint (g_list_model_get_n_items (rows), >, 30);  /* enough to scroll */
  first_title (window, &position);
  g_assert_cmpuint (position, ==, 0);
  g_assert_cmpfloat (gtk_adjustment_get_value (vertical), ==, 0);

  /* The last activity selected, then another search that matches it:
   * the table goes to it. */
  position = g_list_model_get_n_items (rows) - 1;
  chosen = g_strdup (title_at (rows, position));
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (rows), position);
  gtk_adjustment_set_value (vertical, 0);
  sam_gui_settle (100);
  search_for (window, "");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 47);
  assert_highlighted (window, chosen);
  close_window (window);
}

/* The progress cells under @widget that @area shows. */
static void
progress_cells (GtkWidget *widget,
                GtkWidget *area,
                GPtrArray *cells)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      double fraction = -1;

      if (SAM_IS_TEXT_CELL (c))
        g_object_get (c, "fraction", &fraction, NULL);
      if (fraction >= 0 && in_sight (c, area))
        g_ptr_array_add (cells, c);
      else if (gtk_widget_get_mapped (c))
        progress_cells (c, area, cells);
    }
}

/* The progress column shows a bar as full as the figure beside it says,
 * for every activity in sight. */
static void
test_progress_cells (void)
{
  g_autofree char *path = g_build_filename (dir, "progress.db", NULL);
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  SamWindow *window = open_window ("progress.db", NULL, 1900);
  guint filled = 0;

  close_window (window);
  sam_test_sql (path, "UPDATE activity SET progress = (id * 37) % 101");
  window = open_window ("progress.db", NULL, 1900);
  show_plans (window);
  sam_gui_settle (200);
  progress_cells (table_area (window), table_area (window), cells);
  g_assert_cmpuint (cells->len, >, 10);
  for (guint i = 0; i < cells->len; i++)
    {
      const char *text = sam_text_cell_get_text (cells->pdata[i]);
      double fraction;

      g_object_get (cells->pdata[i], "fraction", &fraction, NULL);
      g_assert_nonnull (text);
      g_assert_cmpint (atoi (text), ==, (int) round (fraction * 100));
      filled += fraction > 0;
    }
  g_assert_cmpuint (filled, >, 5);
  close_window (window);
}

static gboolean
table_is_filled (gpointer window)
{
  return !sam_plans_page_is_loading (SAM_PLANS_PAGE (sam_gui_plans (window)));
}

/* A search that widens a few rows of a large plan to all of them shows
 * the first screenful at once and the rest in steps, counted in full at
 * once, the selected activity kept and in sight. */
static void
test_search_widens_in_steps (void)
{
  const char *generator = g_getenv ("SAM_GENERATE");
  g_autofree char *path = g_build_filename (dir, "large.db", NULL);
  const char *argv[] = { generator, path, "1000", NULL };
  g_autoptr(GError) error = NULL;
  GtkWidget *search;
  SamWindow *window;
  GListModel *rows;
  g_autofree char *chosen = NULL;
  g_autofree char *count = NULL;
  guint total, position;
  int status = 0;

  g_assert_nonnull (generator);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  window = open_window ("large.db", NULL, 1100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "plans"));
  sam_gui_wait_until (table_is_filled, window, "the activities");
  rows = sam_gui_activity_rows (window);
  total = g_list_model_get_n_items (rows);
  g_assert_cmpuint (total, ==, 1047);
  count = g_strdup_printf ("%u of %u activities", total, total);

  /* An activity below the first screenful selected, then found by a
   * search. */
  position = 100;
  chosen = g_strdup (title_at (rows, position));
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (rows), position);
  search_for (window, chosen);
  g_assert_cmpuint (g_list_model_get_n_items (rows), <, 10);
  assert_highlighted (window, chosen);

  /* The search erased: a screenful at once, not the 200 rows GTK would
   * build; every match counted. */
  search = sam_gui_widget (window, "search");
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (rows), <, 200);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (sam_gui_widget (window, "count"))), ==, count);
  g_assert_cmpstr (title_at (rows, gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (rows))), ==, chosen);

  /* Then the rest, the selected activity still selected and in sight. */
  sam_gui_wait_until (table_is_filled, window, "the matches");
  sam_gui_settle (300);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, total);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (rows)), ==, position);
  assert_highlighted (window, chosen);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (sam_gui_widget (window, "count"))), ==, count);
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dir = sam_test_make_dir ();

  g_test_add_func ("/gui/table/activity-table-sorts", test_activity_table_sorts);
  g_test_add_func ("/gui/table/sort-remembered", test_sort_remembered);
  g_test_add_func ("/gui/table/overview-sorts", test_overview_sorts);
  g_test_add_func ("/gui/table/pick-columns", test_pick_columns);
  g_test_add_func ("/gui/table/tab-leaves-table", test_tab_leaves_table);
  g_test_add_func ("/gui/table/title-stays", test_title_stays);
  g_test_add_func ("/gui/table/click-keeps-keys", test_click_keeps_keys);
  g_test_add_func ("/gui/table/search-keeps-rows", test_search_keeps_rows);
  g_test_add_func ("/gui/table/search-from-top", test_search_from_top);
  g_test_add_func ("/gui/table/search-widens-in-steps", test_search_widens_in_steps);
  g_test_add_func ("/gui/table/progress-cells", test_progress_cells);
  status = g_test_run ();
  sam_test_remove_dir (dir);
  g_free (dir);
  return status;
}
