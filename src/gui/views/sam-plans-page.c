#define G_LOG_DOMAIN "sam-plans-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sam-plans-page.h"
#include "sam-activity-filter.h"
#include "sam-cell-factory.h"
#include "sam-filtered-list.h"
#include "sam-row-slots.h"
#include "sam-search.h"
#include "sam-table.h"
#include "sam-tree-rows.h"

struct _SamPlansPage
{
  SamPage             parent_instance;

  /* Template children */
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *filters_button;
  GtkMenuButton      *columns_button;
  GtkDropDown        *agency_filter;
  GtkCheckButton     *subordinates_check;
  GtkDropDown        *sector_filter;
  GtkDropDown        *group_filter;
  GtkDropDown        *status_filter;
  GtkDropDown        *period_filter;
  GtkToggleButton    *overdue_toggle;
  GtkLabel           *active_label;
  GtkLabel           *count_label;
  GtkPaned           *panes;           /* the tree above, the table below */
  GtkListView        *plan_tree_view;
  GtkColumnView      *activity_view;
  GtkColumnView      *title_view;      /* the titles, pinned beside it */

  GtkSingleSelection *plan_rows;
  SamActivityList    *activities;
  SamActivityFilter  *filter;
  GListModel         *filtered;       /* a SamFilteredList */
  GtkSingleSelection *activity_rows;
  SamRowSlots        *slots;          /* the tables' rows: activity_rows in slots */
  gboolean            setting;        /* the page sets its filter widgets */
  gboolean            filters_stale;  /* the drop-downs' lists are not filled since the store changed */
  guint               tree_idle;      /* the tree gets its rows after the first frame */
  gboolean            tree_waits;     /* for that frame */
};

G_DEFINE_FINAL_TYPE (SamPlansPage, sam_plans_page, SAM_TYPE_PAGE)

enum { PROP_0, PROP_SEARCH_MODE, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* The filter drop-downs */

/* A list of the records of @kind, named as in the trees, "any" first;
 * NULL with @error when they cannot be read. */
static GListModel *
options (SamStore    *store,
         SamKind      kind,
         const char  *any,
         GError     **error)
{
  g_autoptr(GPtrArray) records = sam_store_list (store, kind, error);
  GListStore *list;
  g_autoptr(SamRecord) first = sam_record_new (kind);

  if (records == NULL)
    return NULL;
  list = g_list_store_new (SAM_TYPE_RECORD);
  sam_record_set_string (first, sam_kind_get_info (kind)->title_field, any);
  g_list_store_append (list, first);
  for (guint i = 0; i < records->len; i++)
    {
      g_autofree char *title = sam_tree_describe (records->pdata[i]);
      g_autoptr(SamRecord) option = sam_record_copy (records->pdata[i]);

      sam_record_set_string (option, sam_kind_get_info (kind)->title_field, title);
      g_list_store_append (list, option);
    }
  return G_LIST_MODEL (list);
}

static gint64
selected_id (GtkDropDown *dropdown)
{
  SamRecord *r = gtk_drop_down_get_selected_item (dropdown);

  return r ? sam_record_get_id (r) : 0;
}

static void
select_id (GtkDropDown *dropdown,
           gint64       id)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; model && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SamRecord) r = g_list_model_get_item (model, i);
      if (sam_record_get_id (r) == id)
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
    }
  gtk_drop_down_set_selected (dropdown, 0);
}

/* Fills the drop-downs from the store, keeping what was chosen: when the
 * Filters popover opens, or a filter is chosen for the person, never
 * before; five hundred agencies take a moment to list. */
static void
fill_filters (SamPlansPage *self)
{
  SamStore *store = sam_page_get_store (SAM_PAGE (self));
  const struct { GtkDropDown *dropdown; SamKind kind; const char *any; } lists[] = {
    { self->agency_filter, SAM_KIND_AGENCY, _("Any agency") },
    { self->sector_filter, SAM_KIND_SECTOR, _("Any sector") },
    { self->group_filter, SAM_KIND_TARGET_GROUP, _("Any target group") },
    { self->period_filter, SAM_KIND_REPORTING_PERIOD, _("Reported or not") },
  };

  self->setting = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) model = options (store, lists[i].kind, lists[i].any, &error);
      gint64 id = selected_id (lists[i].dropdown);

      if (model == NULL)
        {
          sam_page_toast (SAM_PAGE (self), error->message);
          continue;
        }
      gtk_drop_down_set_model (lists[i].dropdown, model);
      select_id (lists[i].dropdown, id);
    }
  self->setting = FALSE;
  self->filters_stale = FALSE;
}

static void
ensure_filters (SamPlansPage *self)
{
  if (self->filters_stale)
    fill_filters (self);
}

static gboolean
filters_open (SamPlansPage *self)
{
  GtkPopover *popover = gtk_menu_button_get_popover (self->filters_button);

  return popover && gtk_widget_get_visible (GTK_WIDGET (popover));
}

static void
on_filters_shown_cb (SamPlansPage *self)
{
  ensure_filters (self);
}

static void
add_choice (GString     *text,
            GtkDropDown *dropdown)
{
  SamRecord *r = gtk_drop_down_get_selected_item (dropdown);

  if (r == NULL || sam_record_get_id (r) == 0)
    return;
  g_string_append_printf (text, "%s%s", text->len ? " · " : "", sam_record_get_title (r));
}

/* Names the filters in force beside the Filters button. */
static void
update_summary (SamPlansPage *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint status = gtk_drop_down_get_selected (self->status_filter);
  SamActivityQuery *q = sam_activity_filter_get_query (self->filter);
  SamRecord *in_tree = sam_tree_rows_get_record (self->plan_rows);

  if ((q->measure_id || q->plan_id) && in_tree)
    {
      g_autofree char *name = sam_tree_describe (in_tree);
      g_string_append (text, name);
    }
  add_choice (text, self->agency_filter);
  if (selected_id (self->agency_filter) && gtk_check_button_get_active (self->subordinates_check))
    g_string_append_printf (text, " %s", _("and subordinates"));
  add_choice (text, self->sector_filter);
  add_choice (text, self->group_filter);
  if (status > 0 && status != GTK_INVALID_LIST_POSITION)
    g_string_append_printf (text, "%s%s", text->len ? " · " : "",
                            g_dgettext (GETTEXT_PACKAGE, sam_status_values[status - 1].label));
  if (selected_id (self->period_filter))
    {
      SamRecord *p = gtk_drop_down_get_selected_item (self->period_filter);
      g_autofree char *not_reported = g_strdup_printf (_("not reported in %s"), sam_record_get_title (p));
      g_string_append_printf (text, "%s%s", text->len ? " · " : "", not_reported);
    }
  if (gtk_toggle_button_get_active (self->overdue_toggle))
    g_string_append_printf (text, "%s%s", text->len ? " · " : "", _("overdue"));
  gtk_label_set_text (self->active_label, text->str);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->active_label), text->str);
}

static void
update_count (SamPlansPage *self)
{
  guint shown = sam_filtered_list_get_n_matches (SAM_FILTERED_LIST (self->filtered));
  guint total = g_list_model_get_n_items (sam_activity_list_get_model (self->activities));
  g_autofree char *text = NULL;

  if (sam_activity_list_is_loading (self->activities))
    text = g_strdup (_("Reading the activities…"));
  else
    /* TRANSLATORS: how many activities the filters let through, of how many. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u activity", "%u of %u activities", total),
                            shown, total);
  gtk_label_set_text (self->count_label, text);
}

/* Reads the search and filter widgets into the query. The plans tree's
 * selection (measure or plan) is set by the tree, not here. */
static void
apply_filters (SamPlansPage *self)
{
  SamStore *store = sam_page_get_store (SAM_PAGE (self));
  SamActivityQuery *q = sam_activity_filter_get_query (self->filter);
  g_autoptr(GError) error = NULL;
  gint64 agency = selected_id (self->agency_filter);
  guint status = gtk_drop_down_get_selected (self->status_filter);

  if (self->setting || self->activities == NULL)
    return;
  sam_activity_query_set_text (q, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  g_clear_pointer (&q->agencies, g_hash_table_unref);
  g_clear_pointer (&q->duty_sectors, g_hash_table_unref);
  /* The agency's activities, and those that name no lead and answer to
   * it by sector responsibility. */
  if (agency && (!(q->agencies = sam_agency_with_subordinates (store, agency,
                                                               gtk_check_button_get_active (self->subordinates_check),
                                                               &error))
                 || !(q->duty_sectors = sam_sectors_of (store, q->agencies, &error))))
    sam_page_toast (SAM_PAGE (self), error->message);
  q->sector_id = selected_id (self->sector_filter);
  q->target_group_id = selected_id (self->group_filter);
  g_clear_pointer (&q->not_reported, sam_period_free);
  g_clear_pointer (&q->unreported, g_hash_table_unref);
  g_clear_error (&error);
  if (selected_id (self->period_filter))
    {
      SamRecord *p = gtk_drop_down_get_selected_item (self->period_filter);
      g_autofree char *today = sam_today ();

      /* Who has not reported is judged as at the period (sam-figures.h),
       * not by the rows' fields of today. */
      if (!(q->not_reported = sam_period_find (store, sam_record_get_string (p, "code"), &error))
          || !(q->unreported = sam_figures_unreported (store, q->not_reported, today, &error)))
        sam_page_toast (SAM_PAGE (self), error->message);
    }
  g_clear_pointer (&q->status, g_free);
  if (status > 0 && status != GTK_INVALID_LIST_POSITION)
    q->status = g_strdup (sam_status_values[status - 1].nick);
  q->overdue = gtk_toggle_button_get_active (self->overdue_toggle);
  g_free (q->today);
  q->today = sam_today ();
  sam_activity_filter_changed (self->filter);
  update_count (self);
  update_summary (self);
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

/* A search or filter the person changed: the rows it lets through are
 * shown around the selected activity while that is among them, otherwise
 * from the top, never from wherever the table was scrolled to before (the
 * rows are slots a search refills, so the table keeps its place). */
static void
on_filter_changed_cb (SamPlansPage *self)
{
  guint selected;

  apply_filters (self);
  if (self->activity_rows == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->activity_rows)) == 0)
    return;
  selected = gtk_single_selection_get_selected (self->activity_rows);
  scroll_to (self->activity_view, selected != GTK_INVALID_LIST_POSITION ? selected : 0);
}

/* Clears every filter, the search and the tree's measure or plan. */
void
sam_plans_page_clear_filters (SamPlansPage *self)
{
  SamActivityQuery *q;

  g_return_if_fail (SAM_IS_PLANS_PAGE (self));
  q = sam_activity_filter_get_query (self->filter);
  q->measure_id = 0;
  q->plan_id = 0;
  self->setting = TRUE;
  if (self->plan_rows)
    gtk_single_selection_set_selected (self->plan_rows, GTK_INVALID_LIST_POSITION);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->agency_filter, 0);
  gtk_check_button_set_active (self->subordinates_check, FALSE);
  gtk_drop_down_set_selected (self->sector_filter, 0);
  gtk_drop_down_set_selected (self->group_filter, 0);
  gtk_drop_down_set_selected (self->status_filter, 0);
  gtk_drop_down_set_selected (self->period_filter, 0);
  gtk_toggle_button_set_active (self->overdue_toggle, FALSE);
  self->setting = FALSE;
  apply_filters (self);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  sam_plans_page_clear_filters (SAM_PLANS_PAGE (widget));
}

/* The tree and the table */

/* In the plans tree a measure or a plan also chooses the activities shown. */
static void
on_plan_row_selected_cb (SamPlansPage       *self,
                         GParamSpec         *pspec,
                         GtkSingleSelection *rows)
{
  SamRecord *record = sam_tree_rows_get_record (rows);
  SamActivityQuery *q = sam_activity_filter_get_query (self->filter);
  SamKind kind = record ? sam_record_get_kind (record) : SAM_KIND_NONE;

  q->plan_id = kind == SAM_KIND_PLAN ? sam_record_get_id (record) : 0;
  q->measure_id = kind == SAM_KIND_MEASURE ? sam_record_get_id (record)
                  : (kind == SAM_KIND_GOAL || kind == SAM_KIND_PRIORITY_TASK || kind == SAM_KIND_KNOWLEDGE_GAP)
                  ? sam_record_get_int (record, "measure_id") : 0;
  apply_filters (self);
  sam_page_show_record (SAM_PAGE (self), record);
}

static void
on_activity_selected_cb (SamPlansPage       *self,
                         GParamSpec         *pspec,
                         GtkSingleSelection *rows)
{
  SamActivityRow *row = gtk_single_selection_get_selected_item (rows);
  g_autoptr(SamRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  sam_filtered_list_set_kept (SAM_FILTERED_LIST (self->filtered), row);
  if (row == NULL || sam_page_is_reloading (SAM_PAGE (self)))
    return;
  record = sam_store_get (sam_page_get_store (SAM_PAGE (self)), SAM_KIND_ACTIVITY,
                          sam_activity_row_get_id (row), &error);
  if (record == NULL)
    sam_page_toast (SAM_PAGE (self), error->message);
  sam_page_show_record (SAM_PAGE (self), record);
}

static void
on_activities_loaded_cb (SamPlansPage *self,
                         const GError *error)
{
  if (error)
    sam_page_toast (SAM_PAGE (self), error->message);
  apply_filters (self);
}

/* The least height of a table's row (one line of text), and of what
 * stands above the table's rows below the tree (the filter bar, the
 * column headers). */
#define ROW_HEIGHT_MIN 20
#define ABOVE_ROWS     80

/* How many rows the table shows when the page is first shown: as many as
 * fit the view stack's height below the tree, and a few more. GTK builds
 * the widgets of every row the table has then, before the first frame,
 * so that frame gets no more than it draws. Before the window is laid
 * out: a guess. */
static guint
screenful (SamPlansPage *self)
{
  GtkWidget *stack = gtk_widget_get_parent (GTK_WIDGET (self));
  int height = stack ? gtk_widget_get_height (stack) : 0;

  if (height <= 0)
    return 40;
  height -= gtk_paned_get_position (self->panes) + ABOVE_ROWS;
  return MAX (height, 0) / ROW_HEIGHT_MIN + 2;
}

/* Starts reading the activities the first time the page needs them: a
 * large plan is read in the background while the table fills in. */
static void
ensure_activities (SamPlansPage *self)
{
  GtkSortListModel *sorted;

  if (self->activities)
    return;
  self->activities = sam_activity_list_new_loading (sam_page_get_store (SAM_PAGE (self)), screenful (self));
  g_signal_connect_object (self->activities, "loaded", G_CALLBACK (on_activities_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  /* Sorting comes before filtering: a keystroke in the search then
   * changes only the last model, and the table redraws just the rows it
   * shows, however large the plan. */
  sorted = gtk_sort_list_model_new (g_object_ref (sam_activity_list_get_model (self->activities)),
                                    g_object_ref (sam_table_get_sorter (self->activity_view)));
  self->filtered = G_LIST_MODEL (sam_filtered_list_new (G_LIST_MODEL (sorted), self->filter));
  g_object_unref (sorted);
  /* The rows of a large plan come in after "loaded", a few at a time. */
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  self->activity_rows = gtk_single_selection_new (g_object_ref (self->filtered));
  gtk_single_selection_set_autoselect (self->activity_rows, FALSE);
  gtk_single_selection_set_can_unselect (self->activity_rows, TRUE);
  gtk_single_selection_set_selected (self->activity_rows, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->activity_rows, "notify::selected-item",
                           G_CALLBACK (on_activity_selected_cb), self, G_CONNECT_SWAPPED);
  /* The tables show the rows in slots: a search changes what the rows
   * in sight show rather than building them anew (sam-row-slots.h). */
  self->slots = sam_row_slots_new (GTK_SELECTION_MODEL (self->activity_rows));
  gtk_column_view_set_model (self->activity_view, GTK_SELECTION_MODEL (self->slots));
  gtk_column_view_set_model (self->title_view, GTK_SELECTION_MODEL (self->slots));
  /* The rest is read once the first rows are drawn (show_tree_cb()). */
  if (!self->tree_waits)
    sam_activity_list_load_rest (self->activities);
}

static gboolean
show_tree_cb (gpointer data)
{
  SamPlansPage *self = data;

  self->tree_idle = 0;
  self->tree_waits = FALSE;
  gtk_list_view_set_model (self->plan_tree_view, GTK_SELECTION_MODEL (self->plan_rows));
  sam_activity_list_load_rest (self->activities);
  return G_SOURCE_REMOVE;
}

static void
on_painted_cb (GdkFrameClock *clock,
               SamPlansPage  *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_painted_cb, self);
  if (self->tree_idle == 0)
    self->tree_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, show_tree_cb, self, NULL);
}

static void
sam_plans_page_reload (SamPage *page)
{
  SamPlansPage *self = SAM_PLANS_PAGE (page);
  g_autoptr(GtkSingleSelection) previous = g_steal_pointer (&self->plan_rows);

  self->plan_rows = sam_tree_rows_new (sam_page_get_store (page), SAM_VIEW_PLANS, previous);
  g_signal_connect_object (self->plan_rows, "notify::selected-item", G_CALLBACK (on_plan_row_selected_cb),
                           self, G_CONNECT_SWAPPED);
  /* The first time, the tree's rows are built and the rest of the
   * activities read after the frame that shows the table's first rows (the
   * tree reads the plans' children as it builds them; the reading would
   * take a core from drawing); then at once. */
  if (previous == NULL && gtk_widget_get_frame_clock (GTK_WIDGET (self)))
    {
      self->tree_waits = TRUE;
      g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                               G_CALLBACK (on_painted_cb), self, 0);
    }
  else if (!self->tree_waits)
    gtk_list_view_set_model (self->plan_tree_view, GTK_SELECTION_MODEL (self->plan_rows));
  ensure_activities (self);
  self->filters_stale = TRUE;
  if (filters_open (self))
    fill_filters (self);
  apply_filters (self);
  /* Rows changed in place; filtering again drops those that no longer match. */
  sam_activity_filter_refilter (self->filter);
}

static gboolean
select_activity (SamPlansPage *self,
                 gint64        id)
{
  GListModel *rows = G_LIST_MODEL (self->activity_rows);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(SamActivityRow) row = g_list_model_get_item (rows, i);
      if (sam_activity_row_get_id (row) == id)
        {
          gtk_single_selection_set_selected (self->activity_rows, i);
          scroll_to (self->activity_view, i);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
sam_plans_page_select_record (SamPage   *page,
                              SamRecord *record)
{
  SamPlansPage *self = SAM_PLANS_PAGE (page);
  guint found;

  if (self->plan_rows == NULL)
    sam_page_reload (page);
  if (sam_record_get_kind (record) == SAM_KIND_ACTIVITY)
    return select_activity (self, sam_record_get_id (record));
  found = sam_tree_rows_find_record (self->plan_rows, sam_record_get_kind (record), sam_record_get_id (record));
  if (found == G_MAXUINT)
    return FALSE;
  /* What the tree selects is shown, not an activity of the table. */
  if (self->activity_rows)
    gtk_single_selection_set_selected (self->activity_rows, GTK_INVALID_LIST_POSITION);
  gtk_single_selection_set_selected (self->plan_rows, found);
  return TRUE;
}

static void
sam_plans_page_fill_place (SamPage     *page,
                           SamNewPlace *place)
{
  place->plan_id = sam_activity_filter_get_query (SAM_PLANS_PAGE (page)->filter)->plan_id;
}

static void
sam_plans_page_unselect (SamPage *page)
{
  SamPlansPage *self = SAM_PLANS_PAGE (page);

  if (self->activity_rows)
    gtk_single_selection_set_selected (self->activity_rows, GTK_INVALID_LIST_POSITION);
}

/* The activity selected in the table, or else what is selected in the
 * tree (which also chooses the activities in the table). */
static SamRecord *
sam_plans_page_get_selected (SamPage *page)
{
  SamPlansPage *self = SAM_PLANS_PAGE (page);
  SamActivityRow *row = self->activity_rows ? gtk_single_selection_get_selected_item (self->activity_rows) : NULL;
  SamRecord *in_tree = self->plan_rows ? sam_tree_rows_get_record (self->plan_rows) : NULL;

  if (row)
    return sam_page_record_for_item (page, row);
  return in_tree ? g_object_ref (in_tree) : NULL;
}

/* Keeps how the person sorts the table and which columns it shows. */
static void
sam_plans_page_use_settings (SamPage   *page,
                             GSettings *settings)
{
  SamPlansPage *self = SAM_PLANS_PAGE (page);

  sam_table_remember_sort (self->activity_view, settings, "activity-sort");
  sam_table_remember_columns (self->activity_view, settings, "activity-hidden-columns");
}

/* Object */

static void
sam_plans_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SamPlansPage *self = SAM_PLANS_PAGE (object);

  if (prop_id == PROP_SEARCH_MODE)
    g_value_set_boolean (value, gtk_search_bar_get_search_mode (self->search_bar));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sam_plans_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SamPlansPage *self = SAM_PLANS_PAGE (object);

  if (prop_id != PROP_SEARCH_MODE)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  gtk_search_bar_set_search_mode (self->search_bar, g_value_get_boolean (value));
  if (g_value_get_boolean (value))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_search_mode_cb (SamPlansPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

static void
sam_plans_page_dispose (GObject *object)
{
  SamPlansPage *self = SAM_PLANS_PAGE (object);

  g_clear_handle_id (&self->tree_idle, g_source_remove);
  if (self->activity_view)
    gtk_column_view_set_model (self->activity_view, NULL);
  if (self->title_view)
    gtk_column_view_set_model (self->title_view, NULL);
  g_clear_object (&self->slots);
  g_clear_object (&self->activity_rows);
  g_clear_object (&self->filtered);
  g_clear_object (&self->activities);
  g_clear_object (&self->plan_rows);
  g_clear_object (&self->filter);
  G_OBJECT_CLASS (sam_plans_page_parent_class)->dispose (object);
}

static void
sam_plans_page_class_init (SamPlansPageClass *klass)
{
  static const char *columns[] = {
    "title_column", "lead_column", "partners_column", "sectors_column", "groups_column", "start_column",
    "due_column", "status_column", "progress_column", "latest_column",
  };
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SamPageClass *page_class = SAM_PAGE_CLASS (klass);

  object_class->dispose = sam_plans_page_dispose;
  object_class->get_property = sam_plans_page_get_property;
  object_class->set_property = sam_plans_page_set_property;
  page_class->uses_editor = TRUE;
  page_class->reload = sam_plans_page_reload;
  page_class->select_record = sam_plans_page_select_record;
  page_class->fill_place = sam_plans_page_fill_place;
  page_class->unselect = sam_plans_page_unselect;
  page_class->get_selected = sam_plans_page_get_selected;
  page_class->use_settings = sam_plans_page_use_settings;

  properties[PROP_SEARCH_MODE] = g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                                                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                       | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SAM_TYPE_ACTIVITY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-plans-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SamPlansPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, SamPlansPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SamPlansPage, filters_button);
  gtk_widget_class_bind_template_child (widget_class, SamPlansPage, columns_button);
  gtk_widget_class_bind_template_child (widget_class, SamPlansPage, agency_filter);
  gtk_widget_class_bind_template_child (widget_class, SamPlansPage, subordinates_check);
  gtk_widget_class_bind_template_child (widget_class, SamPlansPage, sector_filter);
  gtk_widget_class_bind_template_child (widget_class, SamPlansPage, group_filter);
  gtk_widget_class_bind_template_child (widget_class, SamPlansPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, SamPlansPage, period_filter);
  gtk_widget_class_bind_template_child (widget_class, SamPlansPage, overdue_toggle);
  gtk_widget_class_bind_template_child (widget_class, SamPlansPage, active_label);
  gtk_widget_class_bind_template_child (widget_class, SamPlansPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, SamPlansPage, panes);
  gtk_widget_class_bind_template_child (widget_class, SamPlansPage, plan_tree_view);
  gtk_widget_class_bind_template_child (widget_class, SamPlansPage, activity_view);
  gtk_widget_class_bind_template_child (widget_class, SamPlansPage, title_view);
  /* The columns, for their cells and sorters (set_columns()). */
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    gtk_widget_class_bind_template_child_full (widget_class, columns[i], FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sam_tree_rows_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, sam_page_activate_cb);
  gtk_widget_class_install_action (widget_class, "plans.clear-filters", NULL, clear_filters_action);
}

/* The table's columns: each shows one property of SamActivityRow, sorts
 * by it and is named by it, for keeping the sort and the columns shown. */
static void
set_columns (SamPlansPage *self)
{
  static const struct { const char *column; const char *property; } texts[] = {
    { "title_column", "title" }, { "lead_column", "lead" }, { "partners_column", "partners" },
    { "sectors_column", "sectors" }, { "groups_column", "target-groups" }, { "start_column", "start" },
    { "due_column", "due" }, { "status_column", "status" }, { "latest_column", "latest" },
  };
  GtkWidget *widget = GTK_WIDGET (self);
  GtkColumnViewColumn *progress =
    GTK_COLUMN_VIEW_COLUMN (gtk_widget_get_template_child (widget, SAM_TYPE_PLANS_PAGE, "progress_column"));
  g_autoptr(GtkListItemFactory) bars = sam_cell_factory_new_progress (SAM_TYPE_ACTIVITY_ROW, "fraction",
                                                                       "progress-text");
  g_autoptr(GtkSorter) by_progress = sam_table_number_sorter (SAM_TYPE_ACTIVITY_ROW, "progress");

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      GtkColumnViewColumn *column =
        GTK_COLUMN_VIEW_COLUMN (gtk_widget_get_template_child (widget, SAM_TYPE_PLANS_PAGE, texts[i].column));
      g_autoptr(GtkListItemFactory) factory = sam_cell_factory_new_text (SAM_TYPE_ACTIVITY_ROW, texts[i].property);
      g_autoptr(GtkSorter) sorter = sam_table_text_sorter (SAM_TYPE_ACTIVITY_ROW, texts[i].property);

      sam_cell_factory_through_slots (factory);
      gtk_column_view_column_set_factory (column, factory);
      gtk_column_view_column_set_sorter (column, sorter);
      sam_table_set_column_id (column, texts[i].property);
    }
  sam_cell_factory_through_slots (bars);
  gtk_column_view_column_set_factory (progress, bars);
  gtk_column_view_column_set_sorter (progress, by_progress);
  sam_table_set_column_id (progress, "progress");
}

static void
sam_plans_page_init (SamPlansPage *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  self->filter = sam_activity_filter_new ();
  self->setting = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  set_columns (self);
  sam_table_pin (self->title_view, self->activity_view);
  sam_table_tab_leaves (self->activity_view);
  sam_table_tab_leaves (self->title_view);
  sam_search_dropdown (self->agency_filter);
  sam_search_dropdown (self->sector_filter);
  sam_search_dropdown (self->group_filter);
  sam_search_dropdown (self->period_filter);
  gtk_string_list_append (statuses, _("Any status"));
  for (guint i = 0; sam_status_values[i].nick; i++)
    gtk_string_list_append (statuses, g_dgettext (GETTEXT_PACKAGE, sam_status_values[i].label));
  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (statuses));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (on_search_mode_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_menu_button_get_popover (self->filters_button), "show",
                           G_CALLBACK (on_filters_shown_cb), self, G_CONNECT_SWAPPED);
  self->setting = FALSE;
}

SamPage *
sam_plans_page_new (void)
{
  return g_object_new (SAM_TYPE_PLANS_PAGE, NULL);
}

/* Shows the activities that @filter (a{sv}) chooses, every other filter
 * cleared: "measure" or "plan" (x, chosen in the tree), "agency",
 * "sector" or "group" (x), "overdue" (b). A measure shows in the editor;
 * otherwise the editor is cleared, since what it showed may not be among
 * them. */
void
sam_plans_page_show_activities (SamPlansPage *self,
                                GVariant     *filter)
{
  GVariantDict dict;
  gint64 id = 0;
  gboolean overdue = FALSE;
  SamKind tree_kind = SAM_KIND_NONE;
  guint found = G_MAXUINT;

  g_return_if_fail (SAM_IS_PLANS_PAGE (self));
  if (self->plan_rows == NULL)
    sam_page_reload (SAM_PAGE (self));
  ensure_filters (self);
  sam_plans_page_clear_filters (self);
  g_variant_dict_init (&dict, filter);
  self->setting = TRUE;
  if (g_variant_dict_lookup (&dict, "agency", "x", &id))
    select_id (self->agency_filter, id);
  if (g_variant_dict_lookup (&dict, "sector", "x", &id))
    select_id (self->sector_filter, id);
  if (g_variant_dict_lookup (&dict, "group", "x", &id))
    select_id (self->group_filter, id);
  if (g_variant_dict_lookup (&dict, "overdue", "b", &overdue))
    gtk_toggle_button_set_active (self->overdue_toggle, overdue);
  if (g_variant_dict_lookup (&dict, "measure", "x", &id))
    tree_kind = SAM_KIND_MEASURE;
  else if (g_variant_dict_lookup (&dict, "plan", "x", &id))
    tree_kind = SAM_KIND_PLAN;
  self->setting = FALSE;
  g_variant_dict_clear (&dict);
  if (tree_kind != SAM_KIND_NONE)
    found = sam_tree_rows_find_record (self->plan_rows, tree_kind, id);
  if (found != G_MAXUINT)
    gtk_single_selection_set_selected (self->plan_rows, found);
  else
    {
      SamActivityQuery *q = sam_activity_filter_get_query (self->filter);

      /* A plan in a measure the tree keeps closed: filter without it. */
      q->measure_id = tree_kind == SAM_KIND_MEASURE ? id : 0;
      q->plan_id = tree_kind == SAM_KIND_PLAN ? id : 0;
      apply_filters (self);
      sam_page_show_record (SAM_PAGE (self), NULL);
    }
  if (tree_kind == SAM_KIND_PLAN)
    sam_page_show_record (SAM_PAGE (self), NULL);
}

gboolean
sam_plans_page_is_loading (SamPlansPage *self)
{
  g_return_val_if_fail (SAM_IS_PLANS_PAGE (self), FALSE);
  return self->activities && (sam_activity_list_is_loading (self->activities)
                              || sam_filtered_list_is_filling (SAM_FILTERED_LIST (self->filtered)));
}

GListModel *
sam_plans_page_get_tree_rows (SamPlansPage *self)
{
  g_return_val_if_fail (SAM_IS_PLANS_PAGE (self), NULL);
  if (self->plan_rows == NULL)
    sam_page_reload (SAM_PAGE (self));
  return G_LIST_MODEL (self->plan_rows);
}

GListModel *
sam_plans_page_get_activity_rows (SamPlansPage *self)
{
  g_return_val_if_fail (SAM_IS_PLANS_PAGE (self), NULL);
  if (self->plan_rows == NULL)
    sam_page_reload (SAM_PAGE (self));
  return G_LIST_MODEL (self->activity_rows);
}

