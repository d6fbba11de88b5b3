#define G_LOG_DOMAIN "sam-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sam-overview-page.h"
#include "sam-table.h"
#include "sam-period-chooser.h"
#include "sam-tree-rows.h"
#include "models/sam-matrix-rows.h"
#include "models/sam-overview.h"
#include "models/sam-tree.h"
#include "store/sam-closing.h"
#include "store/sam-coordination.h"
#include "store/sam-seminars.h"

/* The Overview's figures, as at the chosen period (sam-period-choice.h),
 * and the changes since the period before are counted in a worker thread
 * on a connection of their own: they grow with the plan, and the window
 * shows its first frame without waiting for them. The first count starts
 * once the page has been drawn, so that neither the worker nor showing
 * its figures takes from the window's first frame. */

struct _SamOverviewPage
{
  SamPage        parent_instance;

  GtkLabel      *target_label;
  SamPeriodChooser *period_chooser;
  GtkLabel      *closing_label;
  GtkLabel      *changes_label;
  GtkListView   *changes_view;
  GtkButton     *figure_overdue;
  GtkButton     *figure_unreported;
  GtkButton     *figure_gaps;
  GtkButton     *figure_checks;
  GtkColumnView *summary_view;

  GListModel    *summary;
  GtkSingleSelection *changes;
  SamPeriodChoice *choice;       /* followed, of the page's store */
  GCancellable  *counting;
  GdkFrameClock *clock;          /* while the first count waits for the first frame */
  gulong         after_paint_id;
  guint          start_id;       /* the first count, when the frame is done */
  gboolean       drawn;          /* the page has been drawn once */
};

G_DEFINE_FINAL_TYPE (SamOverviewPage, sam_overview_page, SAM_TYPE_PAGE)

/* What the worker counts. */
typedef struct
{
  SamStore   *reader;
  char       *today;
  char       *code;       /* the chosen period, or NULL for the current one */
  SamPeriod  *period;     /* the period counted as at, or NULL when there is none */
  gboolean    current;    /* it is the one running today */
  GListModel *summary;
  SamChanges *changes;
  GListModel *change_roots; /* the changes by kind, made in the worker */
  SamRecord  *closing;    /* its closing, when it is closed */
  guint       changed;    /* activities that differ today from what it froze */
  guint       gaps;
  guint       checks;
} Figures;

static void
figures_free (Figures *f)
{
  g_clear_object (&f->reader);
  g_free (f->today);
  g_free (f->code);
  sam_period_free (f->period);
  g_clear_object (&f->summary);
  g_clear_pointer (&f->changes, sam_changes_free);
  g_clear_object (&f->change_roots);
  g_clear_object (&f->closing);
  g_free (f);
}

/* Finds the chosen period, or the current one when none is chosen or it
 * is gone, and whether it is the current one. */
static gboolean
find_period (Figures  *f,
             GError  **error)
{
  g_autoptr(SamPeriod) current = NULL;
  GError *local = NULL;

  if (!(current = sam_period_current (f->reader, f->today, &local)) && local)
    return g_propagate_error (error, local), FALSE;
  if (f->code && !(f->period = sam_period_find (f->reader, f->code, &local)))
    {
      if (!g_error_matches (local, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND))
        return g_propagate_error (error, local), FALSE;
      g_clear_error (&local);
    }
  if (f->period == NULL)
    f->period = g_steal_pointer (&current);
  f->current = current == NULL || (f->period && g_strcmp0 (current->code, f->period->code) == 0);
  return TRUE;
}

/* The changes since the period before, and for a closed period when and
 * by whom and how much has changed since. */
static gboolean
count_changes (Figures  *f,
               GError  **error)
{
  GError *local = NULL;

  if (f->period == NULL)
    return TRUE;
  if (!(f->changes = sam_changes_read (f->reader, NULL, f->period, f->today, error)))
    return FALSE;
  /* Tens of thousands of rows at 100,000 activities: kept off the main
   * thread, which only puts the tree in place. */
  f->change_roots = sam_tree_new_changes (f->changes);
  if (!(f->closing = sam_closing_get (f->reader, f->period->code, &local)) && local)
    return g_propagate_error (error, local), FALSE;
  return f->closing == NULL || sam_closing_count_changed (f->reader, f->period, f->today, &f->changed, error);
}

static void
count_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Figures *f = task_data;
  GError *error = NULL;
  g_autoptr(SamMatrix) coverage = NULL;
  g_autoptr(GPtrArray) checks = NULL;

  if (find_period (f, &error))
    f->summary = sam_overview_new (f->reader, f->period, f->today, &error);
  if (f->summary && count_changes (f, &error)
      && (coverage = sam_coordination_coverage (f->reader, NULL, SAM_KIND_SECTOR, &error)))
    checks = sam_coordination_run_checks (f->reader, &error);
  if (error)
    {
      g_task_return_error (task, error);
      return;
    }
  f->gaps = sam_matrix_count_gaps (coverage);
  f->checks = checks->len;
  g_task_return_boolean (task, TRUE);
}

static void
set_figure (GtkButton  *button,
            guint       n,
            const char *text)
{
  gtk_button_set_label (button, text);
  if (n > 0)
    gtk_widget_add_css_class (GTK_WIDGET (button), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (button), "warning");
}

/* Whether the period is closed, when and by whom, and whether the data
 * has changed since: the figures are then as they were. */
static void
show_closing (SamOverviewPage *self,
              Figures         *f)
{
  g_autofree char *closed = NULL, *changed = NULL, *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->closing_label), f->closing != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->closing_label), "warning");
  if (f->closing == NULL)
    return;
  /* TRANSLATORS: %.10s is the day (YYYY-MM-DD) the period was closed, %s who closed it. */
  closed = g_strdup_printf (_("Closed on %.10s by %s: the figures are as they were then."),
                            sam_record_get_string (f->closing, "closed_at"),
                            sam_record_get_string (f->closing, "closed_by"));
  if (f->changed > 0)
    {
      /* TRANSLATORS: how many activities differ today from what a closed period's figures show. */
      changed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u activity changed since %s was closed.",
                                              "%u activities changed since %s was closed.", f->changed),
                                 f->changed, f->period->code);
      gtk_widget_add_css_class (GTK_WIDGET (self->closing_label), "warning");
    }
  text = changed ? g_strdup_printf ("%s %s", closed, changed) : g_strdup (closed);
  gtk_label_set_text (self->closing_label, text);
}

/* A kind of change opens or closes; an activity opens its plan in the
 * Plans view, as a measure's row opens the measure. */
static void
on_change_activate_cb (GtkListView     *view,
                       guint            position,
                       SamOverviewPage *self)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (view)), position);
  g_autoptr(SamNode) node = row ? gtk_tree_list_row_get_item (row) : NULL;
  SamRecord *record = node ? sam_node_get_record (node) : NULL;
  g_autoptr(GVariantDict) filter = NULL;

  if (record == NULL)
    {
      sam_tree_rows_activate_cb (view, position, NULL);
      return;
    }
  filter = g_variant_dict_new (NULL);
  g_variant_dict_insert (filter, "plan", "x", sam_record_get_int (record, "plan_id"));
  gtk_widget_activate_action_variant (GTK_WIDGET (self), "win.show-activities", g_variant_dict_end (filter));
}

/* What changed since the period before, by kind. */
static void
show_changes (SamOverviewPage *self,
              Figures         *f)
{
  const SamPeriod *previous = f->changes ? sam_changes_get_previous (f->changes) : NULL;
  g_autofree char *since = previous ? sam_period_describe (previous) : NULL;
  g_autofree char *as_at = f->period ? sam_period_describe (f->period) : NULL;
  g_autofree char *text = NULL;
  GListModel *roots = f->change_roots ? g_steal_pointer (&f->change_roots)
                                      : G_LIST_MODEL (g_list_store_new (SAM_TYPE_NODE));

  if (f->period == NULL)
    text = g_strdup (_("There are no reporting periods to compare."));
  else if (previous == NULL)
    /* TRANSLATORS: %s is a reporting period with its dates. */
    text = g_strdup_printf (_("%s is the first reporting period: there is nothing to compare it with."), as_at);
  else if (sam_changes_get_n (f->changes) == 0)
    /* TRANSLATORS: the periods compared, with their dates. */
    text = g_strdup_printf (_("Nothing changed from %s to %s."), since, as_at);
  else
    text = g_strdup_printf (_("Changes from %s to %s"), since, as_at);
  gtk_label_set_text (self->changes_label, text);
  g_clear_object (&self->changes);
  self->changes = sam_tree_rows_new_for (roots, SAM_VIEW_OVERVIEW, NULL);
  gtk_list_view_set_model (self->changes_view, GTK_SELECTION_MODEL (self->changes));
}

static void
show_figures (SamOverviewPage *self,
              Figures         *f)
{
  g_autofree char *overdue = NULL, *unreported = NULL, *gaps = NULL, *checks = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  guint n_overdue = 0, n_unreported = 0;

  for (guint i = 0; i < g_list_model_get_n_items (f->summary); i++)
    {
      g_autoptr(SamSummary) s = g_list_model_get_item (f->summary, i);
      n_overdue += sam_summary_get_overdue (s);
      n_unreported += sam_summary_get_not_reported (s);
    }
  overdue = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u overdue", "%u overdue", n_overdue), n_overdue);
  if (f->period)
    /* TRANSLATORS: %u activities, %s a period's code. */
    unreported = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u not reported in %s",
                                               "%u not reported in %s", n_unreported), n_unreported, f->period->code);
  else
    unreported = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u not reported this period",
                                               "%u not reported this period", n_unreported), n_unreported);
  gaps = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u coverage gap", "%u coverage gaps", f->gaps), f->gaps);
  checks = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u failed check", "%u failed checks", f->checks),
                            f->checks);
  set_figure (self->figure_overdue, n_overdue, overdue);
  set_figure (self->figure_unreported, n_unreported, unreported);
  set_figure (self->figure_gaps, f->gaps, gaps);
  set_figure (self->figure_checks, f->checks, checks);
  /* The Plans view lists today's overdue: the figure opens it only for
   * the period running today. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->figure_overdue), f->current);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->figure_overdue),
                               f->current ? _("Open the overdue activities")
                                          : _("Overdue at the end of the period. The Plans view lists the activities overdue today: choose the current period to open them."));
  show_closing (self, f);
  show_changes (self, f);
  g_set_object (&self->summary, f->summary);
  selection = gtk_no_selection_new (G_LIST_MODEL (gtk_sort_list_model_new (
    g_object_ref (f->summary), g_object_ref (gtk_column_view_get_sorter (self->summary_view)))));
  gtk_column_view_set_model (self->summary_view, GTK_SELECTION_MODEL (selection));
}

static void
on_counted_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  SamOverviewPage *self = SAM_OVERVIEW_PAGE (source);
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* A count that a newer one replaced is of no use, nor one of a store
   * the page no longer shows. */
  if (g_task_get_cancellable (G_TASK (result)) != self->counting)
    return;
  if (sam_page_get_store (SAM_PAGE (self)) == NULL)
    {
      g_clear_object (&self->counting);
      return;
    }
  g_clear_object (&self->counting);
  if (ok)
    show_figures (self, g_task_get_task_data (G_TASK (result)));
  else
    sam_page_toast (SAM_PAGE (self), error->message);
}

/* The year's national seminars against the target, with a warning look
 * when there are too few or too many. A handful of rows: read here. */
static void
show_target (SamOverviewPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSeminarTarget) target = sam_seminar_year_target (sam_page_get_store (SAM_PAGE (self)),
                                                                SAM_SEMINAR_KIND_NATIONAL,
                                                                g_date_time_get_year (now), &error);

  gtk_widget_remove_css_class (GTK_WIDGET (self->target_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->target_label), "success");
  gtk_label_set_text (self->target_label, target ? target->message : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->target_label), target == NULL || target->state != SAM_SEMINAR_TARGET_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->target_label),
                            target && target->state == SAM_SEMINAR_TARGET_MET ? "success" : "warning");
}

static void
on_choice_cb (SamOverviewPage *self)
{
  sam_page_refresh (SAM_PAGE (self));
}

/* Follows the period choice of the page's store, and lists its periods. */
static void
follow_choice (SamOverviewPage *self)
{
  SamStore *store = sam_page_get_store (SAM_PAGE (self));
  SamPeriodChoice *choice = sam_period_choice_get (store);

  if (self->choice != choice)
    {
      self->choice = choice;
      g_signal_connect_object (choice, "notify::code", G_CALLBACK (on_choice_cb), self, G_CONNECT_SWAPPED);
    }
  sam_period_chooser_set_store (self->period_chooser, store);
}

/* Counts the figures of the chosen period in a worker, for
 * self->counting. */
static void
start_counting (SamOverviewPage *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Figures *f = g_new0 (Figures, 1);

  g_assert (self->counting != NULL);
  if (!(f->reader = sam_store_open_reader (sam_page_get_store (SAM_PAGE (self)), &error)))
    {
      figures_free (f);
      g_clear_object (&self->counting);
      sam_page_toast (SAM_PAGE (self), error->message);
      return;
    }
  f->today = sam_today ();
  f->code = g_strdup (sam_period_choice_get_code (self->choice));
  task = g_task_new (self, self->counting, on_counted_cb, NULL);
  g_task_set_source_tag (task, start_counting);
  g_task_set_task_data (task, f, (GDestroyNotify) figures_free);
  g_task_run_in_thread (task, count_thread);
}

/* A clock disposed with its window has dropped the handler already. */
static void
stop_waiting (SamOverviewPage *self)
{
  g_clear_handle_id (&self->start_id, g_source_remove);
  if (self->clock && g_signal_handler_is_connected (self->clock, self->after_paint_id))
    g_signal_handler_disconnect (self->clock, self->after_paint_id);
  self->after_paint_id = 0;
  g_clear_object (&self->clock);
}

static gboolean
start_counting_cb (gpointer data)
{
  SamOverviewPage *self = data;

  self->start_id = 0;
  if (self->counting && sam_page_get_store (SAM_PAGE (self)))
    start_counting (self);
  return G_SOURCE_REMOVE;
}

/* The page is drawn: the count (which opens a connection) starts when
 * the main loop has finished the frame. */
static void
on_after_paint_cb (GdkFrameClock   *clock,
                   SamOverviewPage *self)
{
  stop_waiting (self);
  self->drawn = TRUE;
  self->start_id = g_idle_add (start_counting_cb, self);
}

static void
sam_overview_page_reload (SamPage *page)
{
  SamOverviewPage *self = SAM_OVERVIEW_PAGE (page);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  show_target (self);
  follow_choice (self);
  if (self->counting)
    g_cancellable_cancel (self->counting);
  g_clear_object (&self->counting);
  if (self->summary == NULL)
    {
      set_figure (self->figure_overdue, 0, _("Counting…"));
      set_figure (self->figure_unreported, 0, _("Counting…"));
      set_figure (self->figure_gaps, 0, _("Counting gaps…"));
      set_figure (self->figure_checks, 0, _("Running checks…"));
    }
  self->counting = g_cancellable_new ();
  stop_waiting (self);
  if (self->drawn || clock == NULL)
    {
      start_counting (self);
      return;
    }
  self->clock = g_object_ref (clock);
  self->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), self);
}

/* A measure's row opens its activities in the Plans view. */
static void
on_summary_activate_cb (GtkColumnView   *view,
                        guint            position,
                        SamOverviewPage *self)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_autoptr(SamSummary) summary = g_list_model_get_item (model, position);
  g_autoptr(GVariantDict) filter = g_variant_dict_new (NULL);

  g_variant_dict_insert (filter, "measure", "x", sam_summary_get_measure_id (summary));
  gtk_widget_activate_action_variant (GTK_WIDGET (self), "win.show-activities", g_variant_dict_end (filter));
}

/* Keeps how the person sorts the table. */
static void
sam_overview_page_use_settings (SamPage   *page,
                                GSettings *settings)
{
  sam_table_remember_sort (SAM_OVERVIEW_PAGE (page)->summary_view, settings, "overview-sort");
}

static void
sam_overview_page_dispose (GObject *object)
{
  SamOverviewPage *self = SAM_OVERVIEW_PAGE (object);

  stop_waiting (self);
  if (self->counting)
    g_cancellable_cancel (self->counting);
  g_clear_object (&self->counting);
  g_clear_object (&self->summary);
  g_clear_object (&self->changes);
  if (self->choice)
    g_signal_handlers_disconnect_by_data (self->choice, self);
  self->choice = NULL;
  G_OBJECT_CLASS (sam_overview_page_parent_class)->dispose (object);
}

static void
sam_overview_page_class_init (SamOverviewPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sam_overview_page_dispose;
  SAM_PAGE_CLASS (klass)->reload = sam_overview_page_reload;
  SAM_PAGE_CLASS (klass)->use_settings = sam_overview_page_use_settings;

  g_type_ensure (SAM_TYPE_SUMMARY);
  g_type_ensure (SAM_TYPE_PERIOD_CHOOSER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SamOverviewPage, target_label);
  gtk_widget_class_bind_template_child (widget_class, SamOverviewPage, period_chooser);
  gtk_widget_class_bind_template_child (widget_class, SamOverviewPage, closing_label);
  gtk_widget_class_bind_template_child (widget_class, SamOverviewPage, changes_label);
  gtk_widget_class_bind_template_child (widget_class, SamOverviewPage, changes_view);
  gtk_widget_class_bind_template_child (widget_class, SamOverviewPage, figure_overdue);
  gtk_widget_class_bind_template_child (widget_class, SamOverviewPage, figure_unreported);
  gtk_widget_class_bind_template_child (widget_class, SamOverviewPage, figure_gaps);
  gtk_widget_class_bind_template_child (widget_class, SamOverviewPage, figure_checks);
  gtk_widget_class_bind_template_child (widget_class, SamOverviewPage, summary_view);
  gtk_widget_class_bind_template_callback (widget_class, on_summary_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_change_activate_cb);
}

/* Each column sorts by the figure it shows (the measures by title), and
 * is named by it. */
static void
set_sorters (SamOverviewPage *self)
{
  static const char *properties[] = {
    "title", "total", "planned", "in-progress", "done", "delayed", "cancelled", "progress", "overdue",
    "not-reported",
  };
  GListModel *columns = gtk_column_view_get_columns (self->summary_view);

  g_assert (g_list_model_get_n_items (columns) == G_N_ELEMENTS (properties));
  for (guint i = 0; i < G_N_ELEMENTS (properties); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      g_autoptr(GtkSorter) sorter = i == 0 ? sam_table_text_sorter (SAM_TYPE_SUMMARY, properties[i])
                                           : sam_table_number_sorter (SAM_TYPE_SUMMARY, properties[i]);

      gtk_column_view_column_set_sorter (column, sorter);
      sam_table_set_column_id (column, properties[i]);
    }
}

static void
sam_overview_page_init (SamOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_sorters (self);
  sam_table_tab_leaves (self->summary_view);
}

SamPage *
sam_overview_page_new (void)
{
  return g_object_new (SAM_TYPE_OVERVIEW_PAGE, NULL);
}

/* Returns TRUE while the figures are being counted. */
gboolean
sam_overview_page_is_counting (SamOverviewPage *self)
{
  g_return_val_if_fail (SAM_IS_OVERVIEW_PAGE (self), FALSE);
  return self->counting != NULL;
}

