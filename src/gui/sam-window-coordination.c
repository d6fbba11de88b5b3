#define G_LOG_DOMAIN "sam-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sam-window-private.h"
#include "models/sam-matrix-rows.h"
#include "models/sam-overview.h"
#include "report/sam-report.h"
#include "store/sam-coordination.h"
#include "store/sam-scope.h"

/* The coordination views: the responsibility and coverage matrices, whose
 * cells open the activities behind them; the Overview's figures; and the
 * Reports view that writes the Excel progress report. */

static SamKind
matrix_columns (SamWindow *self)
{
  gboolean plans = gtk_drop_down_get_selected (self->matrix_columns) == 1;

  if (plans)
    return SAM_KIND_PLAN;
  return self->view == SAM_VIEW_COVERAGE ? SAM_KIND_SECTOR : SAM_KIND_MEASURE;
}

/* Opens the Plans view on the activities of one cell. */
static void
show_cell (SamWindow    *self,
           SamMatrixRow *row,
           guint         column)
{
  const SamMatrix *m = sam_matrix_row_get_matrix (row);
  const SamMatrixHeader *col = g_ptr_array_index (m->columns, column);
  SamActivityQuery *q;

  sam_window_show_view (self, SAM_VIEW_PLANS);
  sam_window_clear_filters (self);
  q = sam_activity_filter_get_query (self->filter);
  sam_window_select_filter (self, m->row_kind == SAM_KIND_AGENCY ? "agency" : "group",
                            sam_matrix_row_get_id (row));
  if (m->column_kind == SAM_KIND_MEASURE)
    q->measure_id = col->id;
  else if (m->column_kind == SAM_KIND_PLAN)
    q->plan_id = col->id;
  else
    sam_window_select_filter (self, "sector", col->id);
  sam_window_apply_filters (self);
  /* The cell's activities replace the list: what the editor showed may not
   * be among them (the Plans view keeps its chosen plan and row). */
  sam_window_show_in_editor (self, NULL, FALSE);
}

static void
on_cell_clicked_cb (GtkButton *button,
                    SamWindow *self)
{
  SamMatrixRow *row = g_object_get_data (G_OBJECT (button), "row");
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "column"));

  if (row && sam_matrix_row_get_id (row))
    show_cell (self, row, column);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               SamWindow                *self)
{
  GtkWidget *button = gtk_button_new_with_label ("");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "matrix-cell");
  g_signal_connect (button, "clicked", G_CALLBACK (on_cell_clicked_cb), self);
  gtk_list_item_set_child (item, button);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *button = gtk_list_item_get_child (item);
  g_autoptr(SamMatrixRow) row = gtk_tree_list_row_get_item (gtk_list_item_get_item (item));
  g_autofree char *text = sam_matrix_row_cell_text (row, column);
  gboolean gap = sam_matrix_row_cell_is_gap (row, column);

  gtk_button_set_label (GTK_BUTTON (button), gap ? "–" : text);
  gtk_widget_set_tooltip_text (button, gap ? _("A gap: no activity reaches this group here") : NULL);
  if (gap)
    gtk_widget_add_css_class (button, "gap");
  else
    gtk_widget_remove_css_class (button, "gap");
  g_object_set_data_full (G_OBJECT (button), "row", g_object_ref (row), g_object_unref);
  g_object_set_data (G_OBJECT (button), "column", GUINT_TO_POINTER (column));
}

static GListModel *
matrix_children_cb (gpointer item,
                    gpointer data)
{
  return sam_matrix_row_get_children (SAM_MATRIX_ROW (item));
}

static void
clear_columns (GtkColumnView *view)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (view, column);
    }
}

static void
add_columns (SamWindow       *self,
             const SamMatrix *m)
{
  g_autoptr(GtkListItemFactory) first =
    gtk_builder_list_item_factory_new_from_resource (NULL, RESOURCE_PREFIX "/sam-matrix-row.ui");
  g_autoptr(GtkColumnViewColumn) head =
    gtk_column_view_column_new (m->row_kind == SAM_KIND_AGENCY ? _("Agency") : _("Target group"),
                                g_steal_pointer (&first));

  gtk_column_view_column_set_resizable (head, TRUE);
  gtk_column_view_column_set_fixed_width (head, 260);
  gtk_column_view_append_column (self->matrix_view, head);
  for (guint c = 0; c < m->columns->len; c++)
    {
      const SamMatrixHeader *h = g_ptr_array_index (m->columns, c);
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autofree char *title = h->number ? g_strdup_printf (_("Measure %d"), (int) h->number) : g_strdup (h->label);
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), NULL);
      column = gtk_column_view_column_new (title, factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->matrix_view, column);
    }
}

static void
show_summary (SamWindow       *self,
              const SamMatrix *m)
{
  g_autofree char *text = NULL;

  if (m->kind == SAM_MATRIX_COVERAGE)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u gap: a group no activity reaches there",
                                         "%u gaps: groups no activity reaches there", sam_matrix_count_gaps (m)),
                            sam_matrix_count_gaps (m));
  else
    text = g_strdup (_("L: leads, P: partner, SR: names no lead, answers by sector responsibility. Click a cell for its activities."));
  gtk_label_set_text (self->matrix_summary, text);
}

static SamScope *
ministry_scope (SamWindow *self)
{
  SamRecord *ministry = gtk_drop_down_get_selected_item (self->matrix_ministry);

  if (self->view == SAM_VIEW_COVERAGE || ministry == NULL || sam_record_get_id (ministry) == 0)
    return NULL;
  return sam_scope_new (SAM_SCOPE_MINISTRY, sam_record_get_id (ministry));
}

/* Computes and shows the matrix of the current view. */
void
sam_window_show_matrix (SamWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamScope) scope = NULL;
  SamMatrix *m;
  GListModel *rows;
  GtkTreeListModel *tree;
  GtkNoSelection *selection;

  sam_window_ensure_page (self, SAM_PAGE_MATRIX);
  scope = ministry_scope (self);
  if (scope && !sam_scope_resolve (scope, self->store, &error))
    {
      sam_window_toast (self, error->message, FALSE);
      return;
    }
  m = self->view == SAM_VIEW_COVERAGE
      ? sam_coordination_coverage (self->store, scope, matrix_columns (self), &error)
      : sam_coordination_responsibility (self->store, scope, matrix_columns (self), &error);
  if (m == NULL)
    {
      sam_window_toast (self, error->message, FALSE);
      return;
    }
  gtk_column_view_set_model (self->matrix_view, NULL);
  clear_columns (self->matrix_view);
  add_columns (self, m);
  show_summary (self, m);
  rows = sam_matrix_rows_new (m);
  tree = gtk_tree_list_model_new (rows, FALSE, self->view == SAM_VIEW_COVERAGE, matrix_children_cb, NULL, NULL);
  selection = gtk_no_selection_new (G_LIST_MODEL (tree));
  gtk_column_view_set_model (self->matrix_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
}

static GListModel *
ministries (SamStore *store)
{
  g_autoptr(GPtrArray) all = sam_store_list (store, SAM_KIND_AGENCY, NULL);
  GListStore *list = g_list_store_new (SAM_TYPE_RECORD);
  g_autoptr(SamRecord) any = sam_record_new (SAM_KIND_AGENCY);

  sam_record_set_string (any, "name", _("All ministries"));
  g_list_store_append (list, any);
  for (guint i = 0; all && i < all->len; i++)
    if (g_strcmp0 (sam_record_get_string (all->pdata[i], "kind"), "ministry") == 0)
      g_list_store_append (list, all->pdata[i]);
  return G_LIST_MODEL (list);
}

/* Sets up the column choice and the ministry filter for the current matrix. */
void
sam_window_prepare_matrix (SamWindow *self)
{
  g_autoptr(GtkStringList) columns = gtk_string_list_new (NULL);
  gboolean coverage = self->view == SAM_VIEW_COVERAGE;
  g_autoptr(GListModel) ministry_list = ministries (self->store);

  sam_window_ensure_page (self, SAM_PAGE_MATRIX);
  self->refreshing = TRUE;
  gtk_string_list_append (columns, coverage ? _("Sectors") : _("Measures"));
  gtk_string_list_append (columns, _("Plans"));
  gtk_drop_down_set_model (self->matrix_columns, G_LIST_MODEL (columns));
  gtk_drop_down_set_selected (self->matrix_columns, self->matrix_by_plans[coverage] ? 1 : 0);
  gtk_drop_down_set_model (self->matrix_ministry, ministry_list);
  gtk_widget_set_visible (GTK_WIDGET (self->matrix_ministry), !coverage);
  self->refreshing = FALSE;
  sam_window_show_matrix (self);
}

void
on_matrix_options_cb (SamWindow *self)
{
  if (self->store == NULL || self->refreshing)
    return;
  /* Kept for when the view is shown again. */
  self->matrix_by_plans[self->view == SAM_VIEW_COVERAGE] = gtk_drop_down_get_selected (self->matrix_columns) == 1;
  sam_window_show_matrix (self);
}

/* Overview figures */

static void
set_figure (GtkButton  *button,
            gint64      n,
            const char *text)
{
  gtk_button_set_label (button, text);
  if (n > 0)
    gtk_widget_add_css_class (GTK_WIDGET (button), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (button), "warning");
}

/* The figures that need the matrices and checks come a moment after the
 * Overview is drawn, so that a large plan opens at once. */
static gboolean
show_check_figures_cb (gpointer data)
{
  SamWindow *self = data;
  g_autoptr(SamMatrix) coverage = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  g_autofree char *gaps = NULL, *failed = NULL;
  guint n_gaps, n_checks;

  self->figures_idle = 0;
  if (self->store == NULL)
    return G_SOURCE_REMOVE;
  coverage = sam_coordination_coverage (self->store, NULL, SAM_KIND_SECTOR, NULL);
  checks = sam_coordination_run_checks (self->store, NULL);
  n_gaps = coverage ? sam_matrix_count_gaps (coverage) : 0;
  n_checks = checks ? checks->len : 0;
  gaps = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u coverage gap", "%u coverage gaps", n_gaps), n_gaps);
  failed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u failed check", "%u failed checks", n_checks), n_checks);
  set_figure (self->figure_gaps, n_gaps, gaps);
  set_figure (self->figure_checks, n_checks, failed);
  return G_SOURCE_REMOVE;
}

/* Shows the Overview's figures: overdue, not reported this period,
 * coverage gaps and failed checks; each button opens the list behind it. */
void
sam_window_show_figures (SamWindow *self)
{
  g_autofree char *today = sam_today ();
  g_autoptr(GListModel) summaries = sam_overview_new (self->store, today, NULL);
  g_autoptr(SamRecord) period = sam_tree_current_period (self->store, today);
  g_autofree char *overdue = NULL, *unreported = NULL;
  guint n_overdue = 0;
  gint64 n_unreported = sam_overview_count_unreported (self->store, period ? sam_record_get_id (period) : 0);

  for (guint i = 0; summaries && i < g_list_model_get_n_items (summaries); i++)
    {
      g_autoptr(SamSummary) s = g_list_model_get_item (summaries, i);
      n_overdue += sam_summary_get_overdue (s);
    }
  overdue = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u overdue", "%u overdue", n_overdue), n_overdue);
  unreported = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u not reported this period",
                                             "%u not reported this period", (gulong) MAX (n_unreported, 0)),
                                (guint) MAX (n_unreported, 0));
  set_figure (self->figure_overdue, n_overdue, overdue);
  set_figure (self->figure_unreported, n_unreported, unreported);
  if (self->figures_idle == 0)
    {
      set_figure (self->figure_gaps, 0, _("Counting gaps…"));
      set_figure (self->figure_checks, 0, _("Running checks…"));
      self->figures_idle = g_idle_add_full (G_PRIORITY_LOW, show_check_figures_cb, self, NULL);
    }
}

static void
show_figure_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);
  const char *figure = g_variant_get_string (parameter, NULL);

  if (self->store == NULL)
    return;
  if (g_str_equal (figure, "overdue"))
    {
      sam_window_show_view (self, SAM_VIEW_PLANS);
      sam_window_clear_filters (self);
      sam_window_select_filter (self, "overdue", 1);
      sam_window_apply_filters (self);
    }
  else if (g_str_equal (figure, "unreported"))
    sam_window_show_view (self, SAM_VIEW_FOLLOW_UP);
  else if (g_str_equal (figure, "gaps"))
    sam_window_show_view (self, SAM_VIEW_COVERAGE);
  else
    sam_window_show_view (self, SAM_VIEW_CHECKS);
}

/* Reports */

static SamRecord *
option (SamKind     kind,
        gint64      id,
        const char *title)
{
  SamRecord *r = sam_record_new (kind);

  sam_record_set_id (r, id);
  sam_record_set_string (r, sam_kind_get_info (kind)->title_field, title);
  return r;
}

/* @prefix names the kind in front of each choice ("Plan: "), or is "". */
static void
append_scopes (GListStore *list,
               SamStore   *store,
               SamKind     kind,
               const char *prefix)
{
  g_autoptr(GPtrArray) all = sam_store_list (store, kind, NULL);

  for (guint i = 0; all && i < all->len; i++)
    {
      g_autofree char *name = sam_tree_describe (all->pdata[i]);
      g_autofree char *title = g_strconcat (prefix, name, NULL);
      g_autoptr(SamRecord) r = option (kind, sam_record_get_id (all->pdata[i]), title);

      if (kind == SAM_KIND_AGENCY && g_strcmp0 (sam_record_get_string (all->pdata[i], "kind"), "ministry") == 0)
        {
          g_autofree char *with = g_strdup_printf (_("%s with its agencies"), name);
          g_autoptr(SamRecord) ministry = option (SAM_KIND_STRATEGY, sam_record_get_id (all->pdata[i]), with);
          g_list_store_append (list, ministry);
        }
      g_list_store_append (list, r);
    }
}

/* Fills the report's choices: scopes, periods (the current one chosen). */
void
sam_window_show_reports (SamWindow *self)
{
  GListStore *scopes = g_list_store_new (SAM_TYPE_RECORD);
  GListStore *periods = g_list_store_new (SAM_TYPE_RECORD);
  g_autoptr(SamRecord) whole = option (SAM_KIND_FOCUS_AREA, 0, _("The whole strategy"));
  g_autoptr(GPtrArray) all_periods = sam_store_list (self->store, SAM_KIND_REPORTING_PERIOD, NULL);
  g_autofree char *today = sam_today ();
  g_autoptr(SamRecord) current = sam_tree_current_period (self->store, today);
  guint chosen = 0;

  sam_window_ensure_page (self, SAM_PAGE_REPORTS);
  /* Set when shown: an icon that comes only as SVG would load librsvg for
   * the first frame. */
  adw_status_page_set_icon_name (self->reports_page, "x-office-spreadsheet-symbolic");

  g_list_store_append (scopes, whole);
  append_scopes (scopes, self->store, SAM_KIND_FOCUS_AREA, "");
  append_scopes (scopes, self->store, SAM_KIND_MEASURE, "");
  /* TRANSLATORS: in front of a plan's name in the report's scope list. */
  append_scopes (scopes, self->store, SAM_KIND_PLAN, _("Plan: "));
  /* TRANSLATORS: in front of an agency's name in the report's scope list. */
  append_scopes (scopes, self->store, SAM_KIND_AGENCY, _("Agency: "));
  gtk_drop_down_set_model (self->report_scope, G_LIST_MODEL (scopes));
  g_object_unref (scopes);

  for (guint i = 0; all_periods && i < all_periods->len; i++)
    {
      g_list_store_append (periods, all_periods->pdata[i]);
      if (current && sam_record_get_id (current) == sam_record_get_id (all_periods->pdata[i]))
        chosen = i;
    }
  gtk_drop_down_set_model (self->report_period, G_LIST_MODEL (periods));
  gtk_drop_down_set_selected (self->report_period, chosen);
  g_object_unref (periods);
  gtk_drop_down_set_selected (self->report_language,
                              sam_report_language_default () == SAM_REPORT_LANGUAGE_EN ? 1 : 0);
}

static SamScope *
chosen_scope (SamWindow *self)
{
  SamRecord *r = gtk_drop_down_get_selected_item (self->report_scope);

  if (r == NULL || sam_record_get_id (r) == 0)
    return NULL;
  switch (sam_record_get_kind (r))
    {
    case SAM_KIND_FOCUS_AREA:
      return sam_scope_new (SAM_SCOPE_FOCUS_AREA, sam_record_get_id (r));
    case SAM_KIND_MEASURE:
      return sam_scope_new (SAM_SCOPE_MEASURE, sam_record_get_id (r));
    case SAM_KIND_PLAN:
      return sam_scope_new (SAM_SCOPE_PLAN, sam_record_get_id (r));
    case SAM_KIND_AGENCY:
      return sam_scope_new (SAM_SCOPE_AGENCY, sam_record_get_id (r));
    case SAM_KIND_STRATEGY:    /* a ministry with its agencies */
      return sam_scope_new (SAM_SCOPE_MINISTRY, sam_record_get_id (r));
    default:
      return NULL;
    }
}

static void
report_busy (SamWindow *self,
             gboolean   busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->report_progress), busy);
  gtk_widget_set_visible (GTK_WIDGET (self->report_cancel), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->report_button), !busy);
  gtk_progress_bar_set_fraction (self->report_progress, 0);
}

static void
on_report_progress_cb (double   fraction,
                       gpointer data)
{
  SamWindow *self = data;

  gtk_progress_bar_set_fraction (self->report_progress, fraction);
}

static void
on_report_written_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  g_autoptr(SamWindow) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL, *text = NULL;
  AdwToast *toast;

  report_busy (self, FALSE);
  g_clear_object (&self->report_cancellable);
  if (!sam_report_write_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Report Was Not Written"),
                                                      error->message);
          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
      return;
    }
  name = g_path_get_basename (self->report_path);
  text = g_strdup_printf (_("“%s” has been written"), name);
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-report");
  adw_toast_set_timeout (toast, 0);
  g_set_weak_pointer (&self->report_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Writes the report to @path in the background with the chosen options. */
void
sam_window_write_report (SamWindow  *self,
                         const char *path)
{
  g_autoptr(SamScope) scope = NULL;
  SamRecord *period;
  SamReportOptions options = { 0 };
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SAM_IS_WINDOW (self));
  if (self->report_scope == NULL)
    sam_window_show_reports (self);   /* the view was never shown: its choices as it would show them */
  scope = chosen_scope (self);
  period = gtk_drop_down_get_selected_item (self->report_period);
  if (scope && !sam_scope_resolve (scope, self->store, &error))
    {
      sam_window_toast (self, error->message, FALSE);
      return;
    }
  options.scope = scope;
  options.period = period ? sam_record_get_string (period, "code") : NULL;
  options.language = gtk_drop_down_get_selected (self->report_language) == 1 ? SAM_REPORT_LANGUAGE_EN
                                                                              : SAM_REPORT_LANGUAGE_NB;
  /* The last report's toast would open this one, and looks like its result. */
  if (self->report_toast)
    adw_toast_dismiss (self->report_toast);
  g_free (self->report_path);
  self->report_path = g_strdup (path);
  self->report_cancellable = g_cancellable_new ();
  report_busy (self, TRUE);
  sam_report_write_async (self->store, &options, path, on_report_progress_cb, g_object_ref (self), g_object_unref,
                          self->report_cancellable, on_report_written_cb, g_object_ref (self));
}

void
on_report_cancel_cb (SamWindow *self)
{
  if (self->report_cancellable)
    g_cancellable_cancel (self->report_cancellable);
}

static void
on_report_file_cb (GtkNativeDialog *dialog,
                   int              response,
                   SamWindow       *self)
{
  g_autofree char *path = sam_window_chosen_path (dialog, response);
  g_autofree char *xlsx = NULL;

  if (path)
    sam_window_write_report (self, g_str_has_suffix (path, ".xlsx") ? path
                                   : (xlsx = g_strconcat (path, ".xlsx", NULL)));
  g_object_unref (dialog);
}

static void
write_report_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  SamRecord *period;
  g_autofree char *name = NULL;

  if (self->store == NULL || self->report_cancellable)
    return;
  if (self->report_scope == NULL)
    sam_window_show_reports (self);
  period = gtk_drop_down_get_selected_item (self->report_period);
  name = g_strdup_printf (_("Progress report %s.xlsx"), period ? sam_record_get_string (period, "code") : "");
  chooser = gtk_file_chooser_native_new (_("Save the Progress Report"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Excel workbooks"));
  gtk_file_filter_add_pattern (filter, "*.xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_report_file_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  if (self->report_path == NULL)
    return;
  file = g_file_new_for_path (self->report_path);
  uri = g_file_get_uri (file);
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

void
sam_window_install_coordination_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-figure", "s", show_figure_action);
  gtk_widget_class_install_action (widget_class, "win.write-report", NULL, write_report_action);
  gtk_widget_class_install_action (widget_class, "win.open-report", NULL, open_report_action);
}
