#define G_LOG_DOMAIN "sam-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sam-overview-page.h"
#include "sam-table.h"
#include "models/sam-matrix-rows.h"
#include "models/sam-overview.h"
#include "store/sam-coordination.h"
#include "store/sam-seminars.h"

/* The Overview's figures are counted in a worker thread on a connection of
 * their own: they grow with the plan, and the window shows its first frame
 * without waiting for them. */

struct _SamOverviewPage
{
  SamPage        parent_instance;

  GtkLabel      *target_label;
  GtkButton     *figure_overdue;
  GtkButton     *figure_unreported;
  GtkButton     *figure_gaps;
  GtkButton     *figure_checks;
  GtkColumnView *summary_view;

  GListModel    *summary;
  GCancellable  *counting;
};

G_DEFINE_FINAL_TYPE (SamOverviewPage, sam_overview_page, SAM_TYPE_PAGE)

/* What the worker counts. */
typedef struct
{
  SamStore   *reader;
  char       *today;
  GListModel *summary;
  guint       gaps;
  guint       checks;
} Figures;

static void
figures_free (Figures *f)
{
  g_clear_object (&f->reader);
  g_free (f->today);
  g_clear_object (&f->summary);
  g_free (f);
}

static void
count_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Figures *f = task_data;
  GError *error = NULL;
  g_autoptr(SamPeriod) period = sam_period_current (f->reader, f->today, &error);
  g_autoptr(SamMatrix) coverage = NULL;
  g_autoptr(GPtrArray) checks = NULL;

  if (error == NULL)
    f->summary = sam_overview_new (f->reader, period, f->today, &error);
  if (f->summary && (coverage = sam_coordination_coverage (f->reader, NULL, SAM_KIND_SECTOR, &error)))
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
  unreported = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u not reported this period",
                                             "%u not reported this period", n_unreported), n_unreported);
  gaps = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u coverage gap", "%u coverage gaps", f->gaps), f->gaps);
  checks = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u failed check", "%u failed checks", f->checks),
                            f->checks);
  set_figure (self->figure_overdue, n_overdue, overdue);
  set_figure (self->figure_unreported, n_unreported, unreported);
  set_figure (self->figure_gaps, f->gaps, gaps);
  set_figure (self->figure_checks, f->checks, checks);
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

  /* A count that a newer one replaced is of no use. */
  if (g_task_get_cancellable (G_TASK (result)) != self->counting)
    return;
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
sam_overview_page_reload (SamPage *page)
{
  SamOverviewPage *self = SAM_OVERVIEW_PAGE (page);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Figures *f;

  show_target (self);
  if (self->counting)
    g_cancellable_cancel (self->counting);
  g_clear_object (&self->counting);
  f = g_new0 (Figures, 1);
  if (!(f->reader = sam_store_open_reader (sam_page_get_store (page), &error)))
    {
      figures_free (f);
      sam_page_toast (page, error->message);
      return;
    }
  f->today = sam_today ();
  if (self->summary == NULL)
    {
      set_figure (self->figure_overdue, 0, _("Counting…"));
      set_figure (self->figure_unreported, 0, _("Counting…"));
      set_figure (self->figure_gaps, 0, _("Counting gaps…"));
      set_figure (self->figure_checks, 0, _("Running checks…"));
    }
  self->counting = g_cancellable_new ();
  task = g_task_new (self, self->counting, on_counted_cb, NULL);
  g_task_set_source_tag (task, sam_overview_page_reload);
  g_task_set_task_data (task, f, (GDestroyNotify) figures_free);
  g_task_run_in_thread (task, count_thread);
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

  if (self->counting)
    g_cancellable_cancel (self->counting);
  g_clear_object (&self->counting);
  g_clear_object (&self->summary);
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
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SamOverviewPage, target_label);
  gtk_widget_class_bind_template_child (widget_class, SamOverviewPage, figure_overdue);
  gtk_widget_class_bind_template_child (widget_class, SamOverviewPage, figure_unreported);
  gtk_widget_class_bind_template_child (widget_class, SamOverviewPage, figure_gaps);
  gtk_widget_class_bind_template_child (widget_class, SamOverviewPage, figure_checks);
  gtk_widget_class_bind_template_child (widget_class, SamOverviewPage, summary_view);
  gtk_widget_class_bind_template_callback (widget_class, on_summary_activate_cb);
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

