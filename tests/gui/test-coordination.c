/* The coordination views: each matrix cell opens its activities, the
 * checks point at what they concern, the Overview's figures open the list
 * behind them, and the Reports view writes the workbook. */
#include "config.h"

#include <string.h>

#include "sam-gui-test-util.h"
#include "models/sam-matrix-rows.h"
#include "store/sam-coordination.h"

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
  path = g_build_filename (f->dir, "coordination.db", NULL);
  f->window = sam_gui_open_window (path);
  f->store = sam_window_get_store (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  sam_gui_iterate ();
  sam_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* The row of the matrix grid shown whose record is @row_id, its group
 * unfolded. */
static guint
find_row (SamMatrixGrid *grid,
          gint64         row_id)
{
  GListModel *rows = sam_matrix_grid_get_model (grid);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) tree = g_list_model_get_item (rows, i);
      g_autoptr(SamMatrixRow) row = gtk_tree_list_row_get_item (tree);

      if (sam_matrix_row_get_id (row) == row_id)
        return i;
      gtk_tree_list_row_set_expanded (tree, TRUE);
    }
  g_assert_not_reached ();
}

/* Opens the cell of row @row_id and column @column as a keyboard user
 * does: the cursor on it, then Enter. */
static void
click_cell (Fixture *f,
            gint64   row_id,
            guint    column)
{
  SamMatrixGrid *grid;

  sam_gui_iterate ();
  grid = SAM_MATRIX_GRID (sam_gui_widget (f->window, "matrix"));
  sam_matrix_grid_set_cursor (grid, find_row (grid, row_id), (int) column);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (grid), "grid.activate", NULL));
  sam_gui_iterate ();
}

static guint
shown_activities (Fixture *f)
{
  return g_list_model_get_n_items (sam_gui_activity_rows (f->window));
}

static void
test_responsibility_cell (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(SamRecord) hod = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "HOD");
  g_autoptr(SamRecord) m7 = sam_test_find (f->store, SAM_KIND_MEASURE, "title", "Utvikle kompetansehevingstiltak");
  g_autoptr(SamMatrix) m = sam_coordination_responsibility (f->store, NULL, SAM_KIND_MEASURE, NULL);
  guint column = (guint) sam_matrix_find_column (m, sam_record_get_id (m7));
  guint row = (guint) sam_matrix_find_row (m, sam_record_get_id (hod));
  guint expected = sam_matrix_get (m, row, column, SAM_MATRIX_LEAD) + sam_matrix_get (m, row, column, SAM_MATRIX_PARTNER)
                   + sam_matrix_get (m, row, column, SAM_MATRIX_SECTOR);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "responsibility"));
  click_cell (f, sam_record_get_id (hod), column);

  /* The Plans view lists exactly the cell's activities. */
  g_assert_cmpstr (sam_window_get_page (f->window), ==, "browse");
  /* HOD leads two, takes part in one, and answers by sector
   * responsibility for the sector-wise guides and tools. */
  g_assert_cmpuint (expected, ==, 4);
  g_assert_cmpuint (shown_activities (f), ==, expected);
}

/* A cell of activities a ministry answers for by sector responsibility
 * only opens those activities too. */
static void
test_sector_responsibility_cell (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(SamRecord) ud = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "UD");
  g_autoptr(SamRecord) m7 = sam_test_find (f->store, SAM_KIND_MEASURE, "title", "Utvikle kompetansehevingstiltak");
  g_autoptr(SamMatrix) m = sam_coordination_responsibility (f->store, NULL, SAM_KIND_MEASURE, NULL);
  guint column = (guint) sam_matrix_find_column (m, sam_record_get_id (m7));
  guint row = (guint) sam_matrix_find_row (m, sam_record_get_id (ud));
  guint sector = sam_matrix_get (m, row, column, SAM_MATRIX_SECTOR);

  g_assert_cmpuint (sam_matrix_get (m, row, column, SAM_MATRIX_LEAD), ==, 0);
  g_assert_cmpuint (sam_matrix_get (m, row, column, SAM_MATRIX_PARTNER), ==, 0);
  g_assert_cmpuint (sector, >, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "responsibility"));
  click_cell (f, sam_record_get_id (ud), column);
  g_assert_cmpstr (sam_window_get_page (f->window), ==, "browse");
  g_assert_cmpuint (shown_activities (f), ==, sector);
}

/* TRUE when the editor shows nothing, or an activity the list shows. */
static gboolean
editor_matches_list (Fixture *f)
{
  SamRecord *shown = sam_window_get_shown_record (f->window);
  GListModel *rows = sam_gui_activity_rows (f->window);

  if (shown == NULL)
    return TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(SamActivityRow) item = g_list_model_get_item (rows, i);

      if (sam_activity_row_get_id (item) == sam_record_get_id (shown))
        return TRUE;
    }
  return FALSE;
}

/* A cell of the matrix by plans, while the Plans view has that plan
 * chosen and the editor shows one of its activities that the cell's list
 * leaves out: the editor lets it go. */
static void
test_responsibility_plan_cell_clears_editor (Fixture       *f,
                                             gconstpointer  data)
{
  g_autoptr(SamRecord) hod = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "HOD");
  g_autoptr(SamRecord) plan = sam_test_find (f->store, SAM_KIND_PLAN, "title", "Tverrsektoriell kompetansehevingsplan");
  g_autoptr(SamMatrix) m = sam_coordination_responsibility (f->store, NULL, SAM_KIND_PLAN, NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "plans"));
  sam_gui_expand (sam_gui_plan_rows (f->window), "Measure 7: Utvikle kompetansehevingstiltak");
  sam_gui_expand (sam_gui_plan_rows (f->window), "Plans");
  sam_gui_select (sam_gui_plan_rows (f->window), "Tverrsektoriell kompetansehevingsplan");
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (sam_gui_activity_rows (f->window)),
                                   sam_gui_find_activity (f->window, "Videreføre lavterskelseminarer"), TRUE);
  sam_gui_iterate ();
  g_assert_nonnull (sam_window_get_shown_record (f->window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "responsibility"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (sam_gui_widget (f->window, "matrix-columns")), 1);
  click_cell (f, sam_record_get_id (hod), (guint) sam_matrix_find_column (m, sam_record_get_id (plan)));
  g_assert_cmpuint (shown_activities (f), >, 0);
  g_assert_true (editor_matches_list (f));
}

static void
test_responsibility_by_plans_and_ministry (Fixture       *f,
                                          gconstpointer  data)
{
  GtkDropDown *columns, *ministry;
  SamMatrixGrid *view;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "responsibility"));
  sam_gui_iterate ();
  columns = GTK_DROP_DOWN (sam_gui_widget (f->window, "matrix-columns"));
  ministry = GTK_DROP_DOWN (sam_gui_widget (f->window, "matrix-ministry"));
  view = SAM_MATRIX_GRID (sam_gui_widget (f->window, "matrix"));
  g_assert_cmpuint (sam_matrix_grid_get_n_columns (view), ==, 4);
  g_assert_cmpstr (sam_matrix_grid_get_title (view, 0), ==, "Measure 6");

  gtk_drop_down_set_selected (columns, 1);
  sam_gui_iterate ();
  /* One column per plan. */
  g_assert_cmpuint (sam_matrix_grid_get_n_columns (view), ==, sam_store_count (f->store, SAM_KIND_PLAN));

  /* The choice stays when the view is left and shown again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "overview"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "responsibility"));
  sam_gui_iterate ();
  g_assert_cmpuint (gtk_drop_down_get_selected (columns), ==, 1);
  g_assert_cmpuint (sam_matrix_grid_get_n_columns (view), ==, sam_store_count (f->store, SAM_KIND_PLAN));

  sam_gui_pick_in (ministry, "Helse- og omsorgsdepartementet");
  sam_gui_iterate ();
  /* Only HOD and its agencies: one top row, the ministry. */
  g_assert_cmpuint (g_list_model_get_n_items (sam_matrix_grid_get_model (view)), >=, 1);
  {
    g_autoptr(GtkTreeListRow) first = g_list_model_get_item (sam_matrix_grid_get_model (view), 0);
    g_autoptr(SamMatrixRow) row = gtk_tree_list_row_get_item (first);
    g_assert_cmpstr (sam_matrix_row_get_label (row), ==, "Helse- og omsorgsdepartementet");
  }
}

static void
test_coverage_cell (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SamRecord) lawyers = sam_test_find (f->store, SAM_KIND_TARGET_GROUP, "name", "Advokater");
  g_autoptr(SamRecord) courts = sam_test_find (f->store, SAM_KIND_SECTOR, "name", "Advokater og domstoler");
  g_autoptr(SamMatrix) m = sam_coordination_coverage (f->store, NULL, SAM_KIND_SECTOR, NULL);
  guint column = (guint) sam_matrix_find_column (m, sam_record_get_id (courts));
  guint row = (guint) sam_matrix_find_row (m, sam_record_get_id (lawyers));
  guint reached = sam_matrix_get (m, row, column, SAM_MATRIX_REACHED);
  g_autofree char *gaps = g_strdup_printf ("%u gaps", sam_matrix_count_gaps (m));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "coverage"));
  /* Its own options: sectors or plans, and no ministry to choose. */
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (
                     GTK_DROP_DOWN (sam_gui_widget (f->window, "matrix-columns")))), ==, "Sectors");
  g_assert_false (gtk_widget_get_visible (sam_gui_widget (f->window, "matrix-ministry")));
  /* Counted in the background: the window answers meanwhile. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (sam_gui_widget (f->window, "matrix-summary"))), ==, "Counting…");
  sam_gui_iterate ();
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (sam_gui_widget (f->window, "matrix-summary"))), gaps));
  g_assert_cmpuint (reached, >, 0);
  click_cell (f, sam_record_get_id (lawyers), column);
  g_assert_cmpuint (shown_activities (f), ==, reached);
}

static void
test_checks_point_at_records (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) results = sam_coordination_run_checks (f->store, NULL);
  GListModel *rows;
  SamRecord *shown;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "checks"));
  rows = sam_gui_rows (f->window);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, results->len);
  sam_gui_select (rows, "No lead agency is named for the activity “Utarbeide rutiner for utenriksstasjonene");
  shown = sam_window_get_shown_record (f->window);
  g_assert_nonnull (shown);
  g_assert_cmpint (sam_record_get_kind (shown), ==, SAM_KIND_ACTIVITY);
  g_assert_cmpint (sam_record_get_int (shown, "lead_agency_id"), ==, 0);
}

static gboolean
checks_counted (gpointer data)
{
  Fixture *f = data;
  const char *label = gtk_button_get_label (GTK_BUTTON (sam_gui_widget (f->window, "figure-checks")));

  return g_str_has_suffix (label, "checks") || g_str_has_suffix (label, "check");
}

static void
test_overview_figures (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) results = sam_coordination_run_checks (f->store, NULL);
  g_autofree char *checks = g_strdup_printf ("%u failed checks", results->len);
  GtkButton *button;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "overview"));
  button = GTK_BUTTON (sam_gui_widget (f->window, "figure-checks"));
  /* The checks are counted just after the Overview is drawn. */
  sam_gui_wait_until (checks_counted, f, "the checks to be counted");
  g_assert_cmpstr (gtk_button_get_label (button), ==, checks);
  /* The grey-zone research report was due in November 2025. */
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (sam_gui_widget (f->window, "figure-overdue"))),
                   ==, "1 overdue");
  g_signal_emit_by_name (sam_gui_widget (f->window, "figure-overdue"), "clicked");
  sam_gui_iterate ();
  g_assert_cmpuint (shown_activities (f), ==, 1);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (sam_gui_widget (f->window, "overdue"))));
}

static SamReportsPage *
reports_page (Fixture *f)
{
  return SAM_REPORTS_PAGE (sam_window_get_view_page (f->window, SAM_VIEW_REPORTS));
}

static gboolean
report_done (gpointer data)
{
  Fixture *f = data;

  return !gtk_widget_get_visible (sam_gui_widget (f->window, "report-progress"));
}

static void
set_true (gboolean *flag)
{
  *flag = TRUE;
}

static gboolean
is_true (gpointer flag)
{
  return *(gboolean *) flag;
}

static void
test_write_report (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "rapport.xlsx", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "no-such-folder", "rapport.xlsx", NULL);
  g_autoptr(GBytes) bytes = NULL;
  AdwMessageDialog *dialog;
  AdwToast *toast;
  gboolean dismissed = FALSE;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "reports"));
  sam_gui_pick_in (GTK_DROP_DOWN (sam_gui_widget (f->window, "report-scope")), "Measure 7");
  sam_gui_pick_in (GTK_DROP_DOWN (sam_gui_widget (f->window, "report-language")), "English");
  sam_reports_page_write (reports_page (f), path);
  g_assert_true (gtk_widget_get_visible (sam_gui_widget (f->window, "report-progress")));
  sam_gui_wait_until (report_done, f, "the report to be written");

  bytes = sam_test_read_file (path);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 1000);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 2, "PK", 2);
  toast = sam_reports_page_get_toast (reports_page (f));
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "“rapport.xlsx” has been written");
  g_signal_connect_swapped (toast, "dismissed", G_CALLBACK (set_true), &dismissed);

  /* A folder that does not exist: a dialog says so, and nothing is written;
   * the last report's toast goes, lest it read as this one's result. */
  sam_reports_page_write (reports_page (f), bad);
  sam_gui_wait_until (is_true, &dismissed, "the last report's toast to go");
  sam_gui_wait_until (report_done, f, "the report to fail");
  sam_gui_iterate ();
  dialog = sam_gui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Report Was Not Written");
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A disk that fills up while the report is written (stood in for by a
 * limit on the size of the files the process writes): a dialog says the
 * report was not written and to check the disk, and the last report of
 * that name stays as it was. */
static void
test_write_report_disk_full (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "rapport.xlsx", NULL);
  g_autoptr(GBytes) before = NULL, after = NULL;
  AdwMessageDialog *dialog;

  sam_reports_page_write (reports_page (f), path);
  sam_gui_wait_until (report_done, f, "the report to be written");
  before = sam_test_read_file (path);
  g_assert_cmpuint (g_bytes_get_size (before), >, 1000);

  /* Just under the report's size: the largest sheet's XML, larger than
   * the whole workbook compressed, is cut off in its temporary file. */
  sam_test_limit_disk ((goffset) g_bytes_get_size (before) - 64);
  sam_reports_page_write (reports_page (f), path);
  sam_gui_wait_until (report_done, f, "the report to fail");
  sam_test_unlimit_disk ();
  sam_gui_iterate ();

  dialog = sam_gui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Report Was Not Written");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Check that the disk has room."));
  after = sam_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Writing before the Reports view was ever shown (it is built when first
 * needed): the report uses the choices the view would have shown, the
 * whole strategy in the current period. */
static void
test_write_report_unseen_view (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "straks.xlsx", NULL);
  g_autoptr(GBytes) bytes = NULL;

  sam_reports_page_write (reports_page (f), path);
  sam_gui_wait_until (report_done, f, "the report to be written");
  bytes = sam_test_read_file (path);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 1000);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 2, "PK", 2);
  g_assert_cmpstr (gtk_drop_down_get_selected_item (GTK_DROP_DOWN (sam_gui_widget (f->window,
                                                                                                 "report-scope")))
                   ? sam_record_get_title (gtk_drop_down_get_selected_item (
                       GTK_DROP_DOWN (sam_gui_widget (f->window, "report-scope"))))
                   : NULL, ==, "The whole strategy");
}

static gboolean
last_row_in_sight (gpointer grid)
{
  graphene_rect_t area;
  guint n = g_list_model_get_n_items (sam_matrix_grid_get_model (grid));

  return n > 0 && sam_matrix_grid_get_cell_area (grid, n - 1, SAM_MATRIX_GRID_LABEL, &area);
}

/* The coverage grid by keyboard: the cursor starts on the first row's
 * label, the arrows move it, a screen reader is told the cell's row,
 * column and value, a group folds and unfolds, and a gap opens nothing. */
static void
test_grid_keyboard (Fixture       *f,
                    gconstpointer  data)
{
  SamMatrixGrid *grid;
  GListModel *rows;
  guint all, row, gap_row = G_MAXUINT;
  int column, gap_column = -1;
  g_autofree char *said = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "coverage"));
  sam_gui_iterate ();
  grid = SAM_MATRIX_GRID (sam_gui_widget (f->window, "matrix"));
  rows = sam_matrix_grid_get_model (grid);
  all = g_list_model_get_n_items (rows);
  g_assert_false (sam_matrix_grid_get_cursor (grid, NULL, NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (grid), "grid.move", "(ii)", 0, 1));
  g_assert_true (sam_matrix_grid_get_cursor (grid, &row, &column));
  g_assert_cmpuint (row, ==, 0);
  g_assert_cmpint (column, ==, SAM_MATRIX_GRID_LABEL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (grid), "grid.move", "(ii)", 1, 1));
  g_assert_true (sam_matrix_grid_get_cursor (grid, &row, &column));
  g_assert_cmpuint (row, ==, 1);
  g_assert_cmpint (column, ==, 0);
  said = sam_matrix_grid_describe_cell (grid, 1, 0);
  g_assert_true (g_str_has_prefix (said, "Advokater, Advokater og domstoler: "));

  /* The first category folds with −, its groups gone, and comes back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (grid), "grid.edge", "(ii)", 0, -1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (grid), "grid.edge", "(ii)", -1, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (grid), "grid.expand", "b", FALSE));
  g_assert_cmpuint (g_list_model_get_n_items (rows), <, all);
  g_clear_pointer (&said, g_free);
  said = sam_matrix_grid_describe_cell (grid, 0, SAM_MATRIX_GRID_LABEL);
  g_assert_true (g_str_has_suffix (said, ", collapsed"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (grid), "grid.activate", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, all);

  /* The last row, far below: scrolled into sight. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (grid), "grid.edge", "(ii)", 0, 1));
  g_assert_true (sam_matrix_grid_get_cursor (grid, &row, NULL));
  g_assert_cmpuint (row, ==, all - 1);
  /* Once the grid is laid out for the rows unfolded just before. */
  sam_gui_wait_until (last_row_in_sight, grid, "the last row to scroll into sight");
  {
    graphene_rect_t area;
    g_assert_true (sam_matrix_grid_get_cell_area (grid, row, SAM_MATRIX_GRID_LABEL, &area));
    g_assert_false (sam_matrix_grid_get_cell_area (grid, 0, SAM_MATRIX_GRID_LABEL, &area));
  }

  /* Enter on a gap: nothing to open, the view stays. */
  for (guint r = 0; r < all && gap_row == G_MAXUINT; r++)
    {
      g_autoptr(GtkTreeListRow) tree = g_list_model_get_item (rows, r);
      g_autoptr(SamMatrixRow) item = gtk_tree_list_row_get_item (tree);

      for (guint c = 0; c < sam_matrix_grid_get_n_columns (grid) && gap_row == G_MAXUINT; c++)
        if (sam_matrix_row_cell_is_gap (item, c))
          {
            gap_row = r;
            gap_column = (int) c;
          }
    }
  g_assert_cmpuint (gap_row, !=, G_MAXUINT);
  sam_matrix_grid_set_cursor (grid, gap_row, gap_column);
  g_clear_pointer (&said, g_free);
  said = sam_matrix_grid_describe_cell (grid, gap_row, gap_column);
  g_assert_true (g_str_has_suffix (said, ": a gap: no activity reaches the group here"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (grid), "grid.activate", NULL));
  sam_gui_iterate ();
  g_assert_cmpint (sam_window_get_view (f->window), ==, SAM_VIEW_COVERAGE);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  ADD ("/gui/coordination/responsibility-cell", test_responsibility_cell);
  ADD ("/gui/coordination/sector-responsibility-cell", test_sector_responsibility_cell);
  ADD ("/gui/coordination/plan-cell-clears-editor", test_responsibility_plan_cell_clears_editor);
  ADD ("/gui/coordination/responsibility-plans-ministry", test_responsibility_by_plans_and_ministry);
  ADD ("/gui/coordination/coverage-cell", test_coverage_cell);
  ADD ("/gui/coordination/grid-keyboard", test_grid_keyboard);
  ADD ("/gui/coordination/checks", test_checks_point_at_records);
  ADD ("/gui/coordination/overview-figures", test_overview_figures);
  ADD ("/gui/coordination/write-report", test_write_report);
  ADD ("/gui/coordination/write-report-disk-full", test_write_report_disk_full);
  ADD ("/gui/coordination/write-report-unseen-view", test_write_report_unseen_view);
  return g_test_run ();
}
