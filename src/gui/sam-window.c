#define G_LOG_DOMAIN "sam-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sam-window-private.h"
#include "models/sam-details.h"
#include "models/sam-overview.h"
#include "models/sam-matrix-rows.h"

G_DEFINE_FINAL_TYPE (SamWindow, sam_window, ADW_TYPE_APPLICATION_WINDOW)
/* G_MESSAGES_DEBUG=sam-window prints how long start-up took to each step. */
static void
trace (const char *step)
{
  GApplication *app = g_application_get_default ();
  gint64 started = app ? GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (app), "started")) : 0;

  if (started)
    g_debug ("%.1f ms: %s", (g_get_monotonic_time () - started) / 1000.0, step);
}

/* Helpers */

static GSettings *
settings (SamWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app ? sam_application_get_settings (SAM_APPLICATION (app)) : NULL;
}

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  return sam_node_get_children (SAM_NODE (item));
}

/* Names a tree row by what it shows, so that it can be found again after
 * the tree is rebuilt: "agency:12", or a heading's path of titles. */
static char *
row_key (GtkTreeListRow *row)
{
  g_autoptr(SamNode) node = gtk_tree_list_row_get_item (row);
  g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);
  SamRecord *record = sam_node_get_record (node);
  g_autofree char *up = parent ? row_key (parent) : g_strdup ("");

  if (record)
    return g_strdup_printf ("%s/%s:%" G_GINT64_FORMAT, up,
                            sam_kind_get_info (sam_record_get_kind (record))->name,
                            sam_record_get_id (record));
  return g_strdup_printf ("%s/%s", up, sam_node_get_title (node));
}

static GtkTreeListRow *
row_at (GtkSingleSelection *rows,
        guint               i)
{
  return g_list_model_get_item (G_LIST_MODEL (rows), i);
}

static GHashTable *
expanded_keys (GtkSingleSelection *rows)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; rows && i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    {
      g_autoptr(GtkTreeListRow) row = row_at (rows, i);
      if (gtk_tree_list_row_get_expanded (row))
        g_hash_table_add (keys, row_key (row));
    }
  return keys;
}

static char *
selected_key (GtkSingleSelection *rows)
{
  GtkTreeListRow *row = rows ? gtk_single_selection_get_selected_item (rows) : NULL;

  return row ? row_key (row) : NULL;
}

/* Finds the visible row named @key; G_MAXUINT when there is none. */
static guint
find_key (GtkSingleSelection *rows,
          const char         *key)
{
  for (guint i = 0; key && i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    {
      g_autoptr(GtkTreeListRow) row = row_at (rows, i);
      g_autofree char *k = row_key (row);
      if (g_str_equal (k, key))
        return i;
    }
  return G_MAXUINT;
}

/* A new tree of @view; rows named in @expanded open, else the first level
 * of the plans and target groups. */
static GtkSingleSelection *
build_rows (SamWindow  *self,
            SamView     view,
            GHashTable *expanded)
{
  GListModel *roots = sam_tree_new_roots (self->store, view);
  GtkTreeListModel *tree = gtk_tree_list_model_new (roots, FALSE, FALSE, create_children_cb, NULL, NULL);
  GtkSingleSelection *rows = gtk_single_selection_new (G_LIST_MODEL (tree));

  gtk_single_selection_set_autoselect (rows, FALSE);
  gtk_single_selection_set_can_unselect (rows, TRUE);
  gtk_single_selection_set_selected (rows, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    {
      g_autoptr(GtkTreeListRow) row = row_at (rows, i);
      g_autofree char *key = row_key (row);
      gboolean open = expanded ? g_hash_table_contains (expanded, key)
                               : (gtk_tree_list_row_get_depth (row) == 0
                                  && (view == SAM_VIEW_PLANS || view == SAM_VIEW_TARGET_GROUPS));
      if (open)
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
  return rows;
}

static void
update_back (SamWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", self->history->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), self->history->len > 0);
}

void
sam_window_show_in_editor (SamWindow *self,
                           SamRecord *record,
                           gboolean   remember)
{
  SamRecord *shown = sam_editor_get_record (self->editor);

  if (remember && shown && record && sam_record_get_id (shown) != sam_record_get_id (record))
    g_ptr_array_add (self->history, g_object_ref (shown));
  else if (!remember)
    g_ptr_array_set_size (self->history, 0);
  sam_editor_set_record (self->editor, self->store, record);
  update_back (self);
  sam_window_update_actions (self);
}

/* Callbacks */

static gboolean is_page_view (SamView view);

static void
on_row_selected_cb (SamWindow          *self,
                    GParamSpec         *pspec,
                    GtkSingleSelection *rows)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (rows);
  g_autoptr(SamNode) node = row ? gtk_tree_list_row_get_item (row) : NULL;

  if (self->refreshing)
    return;
  sam_window_show_in_editor (self, node ? sam_node_get_record (node) : NULL, FALSE);
}

/* In the plans tree a measure or a plan also chooses the activities shown. */
static void
on_plan_row_selected_cb (SamWindow          *self,
                         GParamSpec         *pspec,
                         GtkSingleSelection *rows)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (rows);
  g_autoptr(SamNode) node = row ? gtk_tree_list_row_get_item (row) : NULL;
  SamRecord *record = node ? sam_node_get_record (node) : NULL;
  SamActivityQuery *q = sam_activity_filter_get_query (self->filter);
  SamKind kind = record ? sam_record_get_kind (record) : SAM_KIND_NONE;

  q->plan_id = kind == SAM_KIND_PLAN ? sam_record_get_id (record) : 0;
  q->measure_id = kind == SAM_KIND_MEASURE ? sam_record_get_id (record)
                  : (kind == SAM_KIND_GOAL || kind == SAM_KIND_PRIORITY_TASK || kind == SAM_KIND_KNOWLEDGE_GAP)
                  ? sam_record_get_int (record, "measure_id") : 0;
  sam_window_apply_filters (self);
  if (!self->refreshing)
    sam_window_show_in_editor (self, record, FALSE);
}

static void
on_activity_selected_cb (SamWindow          *self,
                         GParamSpec         *pspec,
                         GtkSingleSelection *rows)
{
  SamActivityRow *row = gtk_single_selection_get_selected_item (rows);
  g_autoptr(SamRecord) record = NULL;

  if (self->refreshing || row == NULL)
    return;
  record = sam_store_get (self->store, SAM_KIND_ACTIVITY, sam_activity_row_get_id (row), NULL);
  sam_window_show_in_editor (self, record, FALSE);
}

static void
on_tree_activate_cb (GtkListView *view,
                     guint        position,
                     SamWindow   *self)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (view));
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, position);

  if (row && gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

static void
on_overview_activate_cb (GtkColumnView *view,
                         guint          position,
                         SamWindow     *self)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_autoptr(SamSummary) summary = g_list_model_get_item (model, position);
  g_autofree char *key = NULL;
  guint found;

  sam_window_show_view (self, SAM_VIEW_PLANS);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->plan_rows)); i++)
    {
      g_autoptr(GtkTreeListRow) row = row_at (self->plan_rows, i);
      g_autoptr(SamNode) node = gtk_tree_list_row_get_item (row);
      SamRecord *r = sam_node_get_record (node);

      if (r && sam_record_get_kind (r) == SAM_KIND_MEASURE
          && sam_record_get_id (r) == sam_summary_get_measure_id (summary))
        key = row_key (row);
    }
  if ((found = find_key (self->plan_rows, key)) != G_MAXUINT)
    gtk_single_selection_set_selected (self->plan_rows, found);
}

static void
on_filter_changed_cb (SamWindow *self)
{
  sam_window_apply_filters (self);
}

static gboolean
on_detail_link_cb (GtkLabel   *label,
                   const char *uri,
                   gpointer    user_data)
{
  SamWindow *self = SAM_WINDOW (gtk_widget_get_root (GTK_WIDGET (label)));
  g_autoptr(SamRecord) target = NULL;
  g_autoptr(GError) error = NULL;
  SamKind kind;
  gint64 id;

  if (!sam_details_parse_link (uri, &kind, &id))
    return FALSE;
  if (!(target = sam_store_get (self->store, kind, id, &error)))
    sam_window_toast (self, error->message, FALSE);
  else
    sam_window_show_record (self, target);
  return TRUE;
}

static void
on_sidebar_selected_cb (SamWindow          *self,
                        GParamSpec         *pspec,
                        GtkSingleSelection *selection)
{
  guint view = gtk_single_selection_get_selected (selection);

  if (view < SAM_N_VIEWS && self->store)
    sam_window_show_view (self, (SamView) view);
}

/* Views that have a page of their own rather than a tree. */
static gboolean
is_page_view (SamView view)
{
  return view == SAM_VIEW_OVERVIEW || view == SAM_VIEW_RESPONSIBILITY
         || view == SAM_VIEW_COVERAGE || view == SAM_VIEW_REPORTS;
}

/* Rebuilding after the store changed */

static void
rebuild_tree (SamWindow           *self,
              GtkSingleSelection **rows,
              GtkListView         *list_view,
              SamView              view,
              GCallback            on_selected)
{
  g_autoptr(GHashTable) expanded = *rows ? expanded_keys (*rows) : NULL;
  g_autofree char *selected = selected_key (*rows);
  guint found;

  g_clear_object (rows);
  *rows = build_rows (self, view, expanded);
  g_signal_connect_object (*rows, "notify::selected-item", on_selected, self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (list_view, GTK_SELECTION_MODEL (*rows));
  if ((found = find_key (*rows, selected)) != G_MAXUINT)
    gtk_single_selection_set_selected (*rows, found);
}

static void
show_overview (SamWindow *self)
{
  g_autofree char *today = sam_today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SamPeriod) period = sam_period_current (self->store, today, &error);
  GListModel *summaries = error ? NULL : sam_overview_new (self->store, period, today, &error);
  g_autoptr(GtkNoSelection) selection = NULL;

  if (summaries == NULL)
    {
      sam_window_toast (self, error->message, FALSE);
      return;
    }
  selection = gtk_no_selection_new (summaries);
  gtk_column_view_set_model (self->overview_view, GTK_SELECTION_MODEL (selection));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    sam_window_show_target (self, self->overview_target_label, g_date_time_get_year (now));
  }
  sam_window_show_figures (self);
}

static void
on_store_changed_cb (SamWindow *self)
{
  SamRecord *shown = sam_editor_get_record (self->editor);
  g_autoptr(SamRecord) fresh = NULL;

  self->refreshing = TRUE;
  if (self->view == SAM_VIEW_OVERVIEW)
    show_overview (self);
  else if (self->view == SAM_VIEW_PLANS)
    rebuild_tree (self, &self->plan_rows, self->plan_tree_view, SAM_VIEW_PLANS,
                  G_CALLBACK (on_plan_row_selected_cb));
  else if (self->view != SAM_VIEW_SEMINARS && !is_page_view (self->view))
    rebuild_tree (self, &self->rows, self->tree_view, self->view, G_CALLBACK (on_row_selected_cb));
  self->refreshing = FALSE;
  if (self->view == SAM_VIEW_SEMINARS)
    sam_window_show_seminars (self);
  else if (self->view == SAM_VIEW_RESPONSIBILITY || self->view == SAM_VIEW_COVERAGE)
    sam_window_show_matrix (self);
  /* Rows changed in place; filtering again drops those that no longer match. */
  if (self->activities)
    {
      sam_window_fill_filters (self);
      sam_window_apply_filters (self);
      sam_activity_filter_refilter (self->filter);
    }

  if (shown)
    fresh = sam_store_get (self->store, sam_record_get_kind (shown), sam_record_get_id (shown), NULL);
  sam_editor_set_record (self->editor, self->store, fresh);
  sam_window_update_actions (self);
}

/* SAMORDNA_BENCH_STARTUP=1: print the time from the process start to the
 * first frame drawn with the plan in it, then quit (bench/startup-bench). */
static void
on_first_frame_cb (GdkFrameClock *clock,
                   SamWindow     *self)
{
  gint64 started = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (g_application_get_default ()), "started"));

  g_signal_handlers_disconnect_by_func (clock, on_first_frame_cb, self);
  g_print ("first-frame-ms %.1f\n", (g_get_monotonic_time () - started) / 1000.0);
  g_application_quit (g_application_get_default ());
}

static void
bench_first_frame (SamWindow *self)
{
  GdkFrameClock *clock;

  if (g_strcmp0 (g_getenv ("SAMORDNA_BENCH_STARTUP"), "1") != 0 || g_application_get_default () == NULL)
    return;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock)
    {
      g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_frame_cb), self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* Opening a database */

static void
on_activities_loaded_cb (SamWindow    *self,
                         const GError *error)
{
  trace ("activities loaded");
  if (error)
    sam_window_toast (self, error->message, FALSE);
  sam_window_apply_filters (self);
}

/* The views built when first shown: each from its own UI file, whose
 * named objects are the window's fields of the same names. Together they
 * hold over half of the window's widgets, which the first frame (the
 * Overview) can do without. Until a view is built its fields are NULL. */
typedef struct
{
  const char *id;
  gsize       offset;
} PageField;

#define FIELD(name) { #name, G_STRUCT_OFFSET (SamWindow, name) }
static const PageField plans_fields[] = {
  FIELD (search_bar), FIELD (search_entry), FIELD (agency_filter), FIELD (subordinates_check),
  FIELD (sector_filter), FIELD (group_filter), FIELD (status_filter), FIELD (period_filter),
  FIELD (overdue_toggle), FIELD (count_label), FIELD (filters_button), FIELD (active_label),
  FIELD (plan_tree_view), FIELD (activity_view),
};
static const PageField seminars_fields[] = {
  FIELD (year_label), FIELD (target_label), FIELD (seminar_stack), FIELD (seminar_list),
  FIELD (seminar_calendar), FIELD (day_list),
};
static const PageField matrix_fields[] = {
  FIELD (matrix_columns), FIELD (matrix_ministry), FIELD (matrix_summary), FIELD (matrix_view),
};
static const PageField reports_fields[] = {
  FIELD (reports_page), FIELD (report_scope), FIELD (report_period), FIELD (report_language),
  FIELD (report_button), FIELD (report_progress), FIELD (report_cancel),
};
#undef FIELD

static const struct {
  const char      *name;       /* in the view stack */
  const char      *resource;
  const char      *root;       /* the page's top object */
  const PageField *fields;
  guint            n_fields;
} lazy_pages[SAM_N_PAGES] = {
  [SAM_PAGE_PLANS] = { "plans", "sam-plans-page.ui", "plans_page", plans_fields, G_N_ELEMENTS (plans_fields) },
  [SAM_PAGE_SEMINARS] = { "seminars", "sam-seminars-page.ui", "seminars_page", seminars_fields,
                          G_N_ELEMENTS (seminars_fields) },
  [SAM_PAGE_MATRIX] = { "matrix", "sam-matrix-page.ui", "matrix_page", matrix_fields, G_N_ELEMENTS (matrix_fields) },
  [SAM_PAGE_REPORTS] = { "reports", "sam-reports-page.ui", "reports_page", reports_fields,
                         G_N_ELEMENTS (reports_fields) },
};

/* Builds view @page unless it is built. */
void
sam_window_ensure_page (SamWindow *self,
                        SamPage    page)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GtkBuilderScope) scope = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *resource = NULL;

  g_return_if_fail (page < SAM_N_PAGES);

  if (gtk_stack_get_child_by_name (self->view_stack, lazy_pages[page].name))
    return;
  /* The pages' signal handlers, called with the window as in the template. */
  scope = gtk_builder_cscope_new ();
  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "on_filter_changed_cb", G_CALLBACK (on_filter_changed_cb),
                                           "on_tree_activate_cb", G_CALLBACK (on_tree_activate_cb),
                                           "on_calendar_changed_cb", G_CALLBACK (on_calendar_changed_cb),
                                           "on_matrix_options_cb", G_CALLBACK (on_matrix_options_cb),
                                           "on_report_cancel_cb", G_CALLBACK (on_report_cancel_cb),
                                           NULL);
  builder = gtk_builder_new ();
  gtk_builder_set_scope (builder, scope);
  gtk_builder_set_current_object (builder, G_OBJECT (self));
  resource = g_strconcat ("/io/github/samordna/Samordna/", lazy_pages[page].resource, NULL);
  /* The files are compiled in: failing to read one is a bug, not a condition. */
  if (!gtk_builder_add_from_resource (builder, resource, &error))
    g_error ("Could not build the view “%s”: %s", lazy_pages[page].name, error->message);
  for (guint i = 0; i < lazy_pages[page].n_fields; i++)
    G_STRUCT_MEMBER (gpointer, self, lazy_pages[page].fields[i].offset) =
      gtk_builder_get_object (builder, lazy_pages[page].fields[i].id);
  gtk_stack_add_named (self->view_stack, GTK_WIDGET (gtk_builder_get_object (builder, lazy_pages[page].root)),
                       lazy_pages[page].name);
  if (page == SAM_PAGE_PLANS)
    sam_window_setup_filters (self);
}

/* Forgets the built views' widgets, which the view stack disposed of. */
static void
forget_pages (SamWindow *self)
{
  for (guint page = 0; page < SAM_N_PAGES; page++)
    for (guint i = 0; i < lazy_pages[page].n_fields; i++)
      G_STRUCT_MEMBER (gpointer, self, lazy_pages[page].fields[i].offset) = NULL;
}

/* The header's search button shows the Plans view's search bar. */
static void
on_search_toggled_cb (SamWindow *self)
{
  sam_window_ensure_page (self, SAM_PAGE_PLANS);
}

/* Loads the activity table the first time the Plans view needs it, so
 * that opening a large plan shows the Overview without waiting for it.
 * Returns FALSE, with a message shown, when the activities cannot be read. */
gboolean
sam_window_ensure_activities (SamWindow *self)
{
  g_autoptr(SamActivityList) activities = NULL;
  GtkSortListModel *sorted;

  if (self->activities)
    return TRUE;
  sam_window_ensure_page (self, SAM_PAGE_PLANS);
  /* A large plan is read in the background; the table fills in. */
  activities = sam_activity_list_new_loading (self->store);
  g_signal_connect_object (activities, "loaded", G_CALLBACK (on_activities_loaded_cb), self, G_CONNECT_SWAPPED);
  self->activities = g_steal_pointer (&activities);
  /* Sorting comes before filtering: a keystroke in the search then
   * changes only the last model, and the table redraws just the rows
   * it shows, however large the plan. */
  sorted = gtk_sort_list_model_new (g_object_ref (sam_activity_list_get_model (self->activities)),
                                    g_object_ref (gtk_column_view_get_sorter (self->activity_view)));
  self->filtered = G_LIST_MODEL (sam_filtered_list_new (G_LIST_MODEL (sorted), self->filter));
  g_object_unref (sorted);
  self->activity_rows = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->activity_rows, FALSE);
  gtk_single_selection_set_can_unselect (self->activity_rows, TRUE);
  gtk_single_selection_set_selected (self->activity_rows, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->activity_rows, "notify::selected-item",
                           G_CALLBACK (on_activity_selected_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->activity_view, GTK_SELECTION_MODEL (self->activity_rows));
  sam_window_fill_filters (self);
  sam_window_apply_filters (self);
  return TRUE;
}

/* Returns TRUE while the activity table is being read. */
gboolean
sam_window_is_loading (SamWindow *self)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), FALSE);
  return self->activities && sam_activity_list_is_loading (self->activities);
}

static void show_open_error (SamWindow *self, const GError *error);

static void
forget_store (SamWindow *self);

/* The integrity check that runs after the plan is shown found damage:
 * the plan goes, nothing was written, and a dialog says what to do. */
static void
on_store_checked_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(SamWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (sam_store_check_finish (result, &error) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || self->store != SAM_STORE (source))
    return;
  sam_window_show_in_editor (self, NULL, FALSE);
  forget_store (self);
  show_open_error (self, error);
}

static void
forget_store (SamWindow *self)
{
  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->activity_view)
    gtk_column_view_set_model (self->activity_view, NULL);
  g_clear_object (&self->activity_rows);
  g_clear_object (&self->filtered);
  g_clear_object (&self->activities);
  g_clear_object (&self->plan_rows);
  g_clear_object (&self->store);
}

static void
set_store (SamWindow *self,
           SamStore  *store)
{
  g_autofree char *name = g_path_get_basename (sam_store_get_path (store));
  GSettings *s = settings (self);
  SamView view = s ? sam_view_from_name (g_settings_get_string (s, "last-view")) : SAM_VIEW_OVERVIEW;
  GtkSelectionModel *sidebar = gtk_list_view_get_model (self->sidebar_view);

  trace ("database open");
  forget_store (self);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);

  adw_window_title_set_subtitle (self->window_title, name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), sam_store_get_path (store));
  gtk_stack_set_visible_child_name (self->content_stack, "browse");
  sam_window_clear_filters (self);
  if (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (sidebar)) != view)
    gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (sidebar), view);
  else
    sam_window_show_view (self, view);
  trace ("view shown");
  sam_window_update_actions (self);
  gtk_window_present (GTK_WINDOW (self));
  bench_first_frame (self);
  sam_store_check_async (store, self->cancellable, on_store_checked_cb, g_object_ref (self));
}

static void
on_error_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      SamWindow        *self)
{
  if (g_strcmp0 (response, "open") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open", NULL);
}

static void
show_open_error (SamWindow    *self,
                 const GError *error)
{
  GtkWidget *dialog;

  g_free (self->error);
  self->error = g_strdup (error->message);
  /* The status pages get their icons when shown: these two come only as
   * SVG, and the first SVG loads librsvg, which the first frame can do
   * without. */
  adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
  adw_status_page_set_description (self->error_page, error->message);
  if (self->store == NULL)
    gtk_stack_set_visible_child_name (self->content_stack, "error");

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Database Could Not Be Opened"), error->message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "open", _("_Open Another File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  g_signal_connect (dialog, "response", G_CALLBACK (on_error_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_store_opened_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SamWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) store = sam_store_open_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->cancellable == NULL)
    return;
  if (store == NULL)
    {
      gtk_window_present (GTK_WINDOW (self));
      show_open_error (self, error);
      return;
    }
  g_clear_pointer (&self->error, g_free);
  set_store (self, store);
}

static gboolean
on_close_request_cb (GtkWindow *window,
                     gpointer   user_data)
{
  SamWindow *self = SAM_WINDOW (window);
  GSettings *s = settings (self);
  int width, height;

  if (s == NULL)
    return FALSE;
  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (s, "window-width", width);
  g_settings_set_int (s, "window-height", height);
  g_settings_set_boolean (s, "window-maximized", gtk_window_is_maximized (window));
  g_settings_set_string (s, "last-view", sam_view_get_name (self->view));
  return FALSE;
}

/* Overrides */

static void
sam_window_dispose (GObject *object)
{
  SamWindow *self = SAM_WINDOW (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->figures_idle, g_source_remove);
  forget_store (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SAM_TYPE_WINDOW);
  forget_pages (self);
  g_clear_object (&self->rows);
  g_clear_object (&self->seminar_rows);
  g_clear_object (&self->day_rows);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->error, g_free);
  if (self->report_cancellable)
    g_cancellable_cancel (self->report_cancellable);
  g_clear_object (&self->report_cancellable);
  g_clear_pointer (&self->report_path, g_free);
  g_clear_weak_pointer (&self->report_toast);

  G_OBJECT_CLASS (sam_window_parent_class)->dispose (object);
}

static void
sam_window_class_init (SamWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_window_dispose;

  g_type_ensure (SAM_TYPE_NODE);
  g_type_ensure (SAM_TYPE_DETAIL);
  g_type_ensure (SAM_TYPE_RECORD);
  g_type_ensure (SAM_TYPE_ACTIVITY_ROW);
  g_type_ensure (SAM_TYPE_SUMMARY);
  g_type_ensure (SAM_TYPE_EDITOR);
  g_type_ensure (SAM_TYPE_MATRIX_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SamWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, sidebar_view);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, overview_view);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, tree_view);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, editor);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, overview_target_label);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, figure_overdue);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, figure_unreported);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, figure_gaps);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, figure_checks);
  gtk_widget_class_bind_template_callback (widget_class, on_tree_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_overview_activate_cb);

  sam_window_install_actions (widget_class);
  sam_window_install_seminar_actions (widget_class);
  sam_window_install_coordination_actions (widget_class);
}

static GtkListItemFactory *
details_factory (void)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();

  gtk_builder_cscope_add_callback_symbol (GTK_BUILDER_CSCOPE (scope), "on_detail_link_cb",
                                          G_CALLBACK (on_detail_link_cb));
  return gtk_builder_list_item_factory_new_from_resource (scope, RESOURCE_PREFIX "/sam-detail-row.ui");
}

static void
sam_window_init (SamWindow *self)
{
  g_autoptr(GtkStringList) views = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = details_factory ();
  GtkSingleSelection *sidebar;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->history = g_ptr_array_new_with_free_func (g_object_unref);
  self->filter = sam_activity_filter_new ();
  sam_editor_set_detail_factory (self->editor, factory);
  /* The search bar is in the Plans view, built when first needed. */
  g_signal_connect_object (self->search_button, "notify::active", G_CALLBACK (on_search_toggled_cb),
                           self, G_CONNECT_SWAPPED);

  for (guint v = 0; v < SAM_N_VIEWS; v++)
    gtk_string_list_append (views, sam_view_get_title (v));
  sidebar = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (views)));
  gtk_single_selection_set_autoselect (sidebar, TRUE);
  g_signal_connect_object (sidebar, "notify::selected", G_CALLBACK (on_sidebar_selected_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->sidebar_view, GTK_SELECTION_MODEL (sidebar));
  g_object_unref (sidebar);

  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request_cb), NULL);
  update_back (self);
  sam_window_update_actions (self);
}

/* Public API */

SamWindow *
sam_window_new (SamApplication *application)
{
  SamWindow *self = g_object_new (SAM_TYPE_WINDOW, "application", application, NULL);
  GSettings *s = settings (self);

  if (s)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (s, "window-width"),
                                   g_settings_get_int (s, "window-height"));
      if (g_settings_get_boolean (s, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  return self;
}

static gboolean
present_later_cb (gpointer data)
{
  gtk_window_present (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* Opens @path in the background and shows it; failures show a dialog that
 * says what is wrong. For the default path the folder is made first. */
void
sam_window_open_database (SamWindow  *self,
                          const char *path)
{
  g_autofree char *default_path = sam_store_default_path ();

  g_return_if_fail (SAM_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (g_strcmp0 (path, default_path) == 0)
    {
      g_autofree char *folder = g_path_get_dirname (path);
      g_mkdir_with_parents (folder, 0700);
    }
  trace ("opening the database");
  if (self->store == NULL)
    gtk_stack_set_visible_child_name (self->content_stack, "loading");
  /* A quick open shows the window once, with the plan in it; a slow one
   * shows "Opening the plan…" after a moment. */
  g_timeout_add_full (G_PRIORITY_DEFAULT, 300, present_later_cb, g_object_ref (self), g_object_unref);
  sam_store_open_async (path, SAM_STORE_OPEN_CHECK_LATER, self->cancellable, on_store_opened_cb, g_object_ref (self));
}

SamStore *
sam_window_get_store (SamWindow *self)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), NULL);
  return self->store;
}

/* Shows @view: the overview, the plans with their activities, or a tree. */
void
sam_window_show_view (SamWindow *self,
                      SamView    view)
{
  GtkSelectionModel *sidebar = gtk_list_view_get_model (self->sidebar_view);

  g_return_if_fail (SAM_IS_WINDOW (self));
  g_return_if_fail (self->store != NULL);

  self->view = view;
  if (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (sidebar)) != view)
    {
      gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (sidebar), view);
      return;
    }
  sam_window_show_in_editor (self, NULL, FALSE);
  /* Pages of figures and matrices use the whole width. */
  gtk_widget_set_visible (GTK_WIDGET (self->editor), !is_page_view (view));
  if (view == SAM_VIEW_OVERVIEW)
    {
      show_overview (self);
      gtk_stack_set_visible_child_name (self->view_stack, "overview");
    }
  else if (view == SAM_VIEW_SEMINARS)
    {
      sam_window_show_seminars (self);
      gtk_stack_set_visible_child_name (self->view_stack, "seminars");
    }
  else if (view == SAM_VIEW_RESPONSIBILITY || view == SAM_VIEW_COVERAGE)
    {
      sam_window_prepare_matrix (self);
      gtk_stack_set_visible_child_name (self->view_stack, "matrix");
    }
  else if (view == SAM_VIEW_REPORTS)
    {
      sam_window_show_reports (self);
      gtk_stack_set_visible_child_name (self->view_stack, "reports");
    }
  else if (view == SAM_VIEW_PLANS)
    {
      sam_window_ensure_activities (self);
      if (self->plan_rows == NULL)
        rebuild_tree (self, &self->plan_rows, self->plan_tree_view, SAM_VIEW_PLANS,
                      G_CALLBACK (on_plan_row_selected_cb));
      gtk_stack_set_visible_child_name (self->view_stack, "plans");
    }
  else
    {
      g_clear_object (&self->rows);
      self->rows = build_rows (self, view, NULL);
      g_signal_connect_object (self->rows, "notify::selected-item", G_CALLBACK (on_row_selected_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_list_view_set_model (self->tree_view, GTK_SELECTION_MODEL (self->rows));
      gtk_stack_set_visible_child_name (self->view_stack, "tree");
    }
  sam_window_update_actions (self);
}

/* Shows @record in the editor, remembering what was shown for Back. */
void
sam_window_show_record (SamWindow *self,
                        SamRecord *record)
{
  g_return_if_fail (SAM_IS_WINDOW (self));
  g_return_if_fail (SAM_IS_RECORD (record));

  sam_window_show_in_editor (self, record, TRUE);
}

/* GTK 4.8's column view scrolls through its inner list view's action. */
static void
scroll_to (GtkColumnView *view,
           guint          position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

/* Selects @record where the current view lists it, or else shows it in
 * the editor; used after something was created. */
void
sam_window_select_record (SamWindow *self,
                          SamRecord *record)
{
  GListModel *rows;

  if (self->view == SAM_VIEW_SEMINARS && sam_record_get_kind (record) == SAM_KIND_SEMINAR)
    {
      rows = G_LIST_MODEL (self->seminar_rows);
      for (guint i = 0; rows && i < g_list_model_get_n_items (rows); i++)
        {
          g_autoptr(SamNode) node = g_list_model_get_item (rows, i);
          if (sam_record_get_id (sam_node_get_record (node)) == sam_record_get_id (record))
            {
              gtk_single_selection_set_selected (self->seminar_rows, i);
              return;
            }
        }
    }
  if (self->view == SAM_VIEW_PLANS && sam_record_get_kind (record) == SAM_KIND_ACTIVITY
      && sam_window_ensure_activities (self))
    {
      rows = G_LIST_MODEL (self->activity_rows);
      for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
        {
          g_autoptr(SamActivityRow) row = g_list_model_get_item (rows, i);
          if (sam_activity_row_get_id (row) == sam_record_get_id (record))
            {
              gtk_single_selection_set_selected (self->activity_rows, i);
              scroll_to (self->activity_view, i);
              return;
            }
        }
    }
  sam_window_show_in_editor (self, record, FALSE);
}

GListModel *
sam_window_get_rows (SamWindow *self)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->rows);
}

GListModel *
sam_window_get_plan_rows (SamWindow *self)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->plan_rows);
}

GListModel *
sam_window_get_activity_rows (SamWindow *self)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->activity_rows);
}

SamEditor *
sam_window_get_editor (SamWindow *self)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), NULL);
  return self->editor;
}

SamRecord *
sam_window_get_shown_record (SamWindow *self)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), NULL);
  return sam_editor_get_record (self->editor);
}

const char *
sam_window_get_error (SamWindow *self)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), NULL);
  return self->error;
}

/* Returns "loading", "error" or "browse". */
const char *
sam_window_get_page (SamWindow *self)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->content_stack);
}

/* The widget called @name; see sam_window_get_filter_widget(). */
static GtkWidget *
filter_widget (SamWindow  *self,
               const char *name)
{
  const struct { const char *name; gpointer widget; } widgets[] = {
    { "search", self->search_entry }, { "agency", self->agency_filter },
    { "subordinates", self->subordinates_check }, { "sector", self->sector_filter },
    { "group", self->group_filter }, { "status", self->status_filter },
    { "period", self->period_filter }, { "overdue", self->overdue_toggle },
    { "count", self->count_label }, { "seminar-target", self->target_label },
    { "seminar-list", self->seminar_list }, { "overview-target", self->overview_target_label },
    { "matrix", self->matrix_view }, { "matrix-columns", self->matrix_columns },
    { "matrix-ministry", self->matrix_ministry }, { "matrix-summary", self->matrix_summary },
    { "report-scope", self->report_scope }, { "report-period", self->report_period },
    { "report-language", self->report_language }, { "report-progress", self->report_progress },
    { "figure-overdue", self->figure_overdue }, { "figure-unreported", self->figure_unreported },
    { "figure-gaps", self->figure_gaps }, { "figure-checks", self->figure_checks },
  };

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    if (g_str_equal (widgets[i].name, name))
      return widgets[i].widget;
  return NULL;
}

/* The “… has been written” toast of the last report while it is shown,
 * or NULL. For the tests. */
AdwToast *
sam_window_get_report_toast (SamWindow *self)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), NULL);
  return self->report_toast;
}

/* Returns a filter widget by name: "search", "agency", "subordinates",
 * "sector", "group", "status", "period", "overdue", "count", or a widget of
 * another view as listed in filter_widget(); builds the views first (see
 * sam_window_ensure_page()). For the tests. */
GtkWidget *
sam_window_get_filter_widget (SamWindow  *self,
                              const char *name)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), NULL);
  for (guint page = 0; page < SAM_N_PAGES; page++)
    sam_window_ensure_page (self, page);
  return filter_widget (self, name);
}
