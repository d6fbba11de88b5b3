#define G_LOG_DOMAIN "sam-reports-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sam-reports-page.h"
#include "sam-search.h"
#include "models/sam-tree.h"
#include "report/sam-report.h"
#include "store/sam-access.h"
#include "store/sam-closing.h"
#include "store/sam-period.h"
#include "store/sam-scope.h"

struct _SamReportsPage
{
  SamPage         parent_instance;

  AdwStatusPage  *status_page;
  GtkDropDown    *report_scope;
  GtkDropDown    *report_period;
  GtkDropDown    *report_language;
  GtkButton      *report_button;
  GtkProgressBar *report_progress;
  GtkButton      *report_cancel;
  GtkLabel       *period_state;
  GtkButton      *close_button;

  GPtrArray      *periods;       /* SamPeriod, as the period list shows them */
  GCancellable   *writing;
  GCancellable   *closing;       /* while a period is being closed */
  char           *path;
  AdwToast       *toast;         /* “… has been written”, while shown (weak) */
  gint64          toast_added;   /* when, monotonic µs */
  AdwToast       *leaving;       /* a toast to dismiss when shown (weak) */
  guint           dismissing;    /* its delayed dismissal */
};

/* libadwaita 1.2's toast overlay frees a toast dismissed while it is still
 * sliding in (up to 500 ms when it replaces another) before its animation
 * ends, and crashes when the animation does: a toast that young is
 * dismissed when it has finished showing. */
#define TOAST_SHOWING_MS 600

G_DEFINE_FINAL_TYPE (SamReportsPage, sam_reports_page, SAM_TYPE_PAGE)

/* Choices */

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

/* @prefix names the kind in front of each choice ("Plan: "), or is "".
 * A ministry comes twice: with its agencies, and alone. */
static gboolean
append_scopes (GListStore  *list,
               SamStore    *store,
               SamKind      kind,
               const char  *prefix,
               GError     **error)
{
  g_autoptr(GPtrArray) all = sam_store_list (store, kind, error);

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
  return all != NULL;
}

static gboolean
fill_scopes (SamReportsPage  *self,
             GError         **error)
{
  SamStore *store = sam_page_get_store (SAM_PAGE (self));
  g_autoptr(GListStore) scopes = g_list_store_new (SAM_TYPE_RECORD);
  g_autoptr(SamRecord) whole = option (SAM_KIND_FOCUS_AREA, 0, _("The whole strategy"));

  g_list_store_append (scopes, whole);
  if (!append_scopes (scopes, store, SAM_KIND_FOCUS_AREA, "", error)
      || !append_scopes (scopes, store, SAM_KIND_MEASURE, "", error)
      /* TRANSLATORS: in front of a plan's name in the report's scope list. */
      || !append_scopes (scopes, store, SAM_KIND_PLAN, _("Plan: "), error)
      /* TRANSLATORS: in front of an agency's name in the report's scope list. */
      || !append_scopes (scopes, store, SAM_KIND_AGENCY, _("Agency: "), error))
    return FALSE;
  gtk_drop_down_set_model (self->report_scope, G_LIST_MODEL (scopes));
  return TRUE;
}

/* The periods with their dates, the current one chosen. */
static gboolean
fill_periods (SamReportsPage  *self,
              GError         **error)
{
  SamStore *store = sam_page_get_store (SAM_PAGE (self));
  g_autofree char *today = sam_today ();
  g_autoptr(SamPeriod) current = NULL;
  g_autoptr(GListStore) list = g_list_store_new (SAM_TYPE_RECORD);
  guint chosen = 0;

  g_autoptr(GError) local = NULL;

  g_clear_pointer (&self->periods, g_ptr_array_unref);
  if (!(self->periods = sam_period_list (store, error)))
    return FALSE;
  if (!(current = sam_period_current (store, today, &local)) && local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  for (guint i = 0; i < self->periods->len; i++)
    {
      SamPeriod *p = self->periods->pdata[i];
      g_autofree char *text = sam_period_describe (p);
      g_autoptr(SamRecord) r = option (SAM_KIND_REPORTING_PERIOD, p->id, text);

      g_list_store_append (list, r);
      if (current && g_strcmp0 (p->code, current->code) == 0)
        chosen = i;
    }
  gtk_drop_down_set_model (self->report_period, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->report_period, chosen);
  return TRUE;
}

static const SamPeriod *chosen_period (SamReportsPage *self);

/* Says whether the chosen period is closed, when and by whom, and offers
 * to close or reopen it. */
static void
show_period_state (SamReportsPage *self)
{
  const SamPeriod *period = chosen_period (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(SamRecord) closing = NULL;
  g_autofree char *text = NULL;
  gboolean manages;

  if (period == NULL || self->closing)
    {
      gtk_label_set_text (self->period_state, self->closing ? _("Closing the period…") : "");
      gtk_widget_set_sensitive (GTK_WIDGET (self->close_button), FALSE);
      return;
    }
  manages = sam_access_can_manage (sam_store_get_access (sam_page_get_store (SAM_PAGE (self))));
  closing = sam_closing_get (sam_page_get_store (SAM_PAGE (self)), period->code, &error);
  if (closing)
    /* TRANSLATORS: %.10s is the day (YYYY-MM-DD) the period was closed, %s who closed it. */
    text = g_strdup_printf (_("Closed on %.10s by %s: its report holds what it showed then."),
                            sam_record_get_string (closing, "closed_at"), sam_record_get_string (closing, "closed_by"));
  else
    text = g_strdup (error ? error->message : _("Open: its report shows the plan as it is."));
  gtk_label_set_text (self->period_state, text);
  gtk_button_set_label (self->close_button, closing ? _("_Reopen Period…") : _("C_lose Period…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->close_button),
                                  closing ? "reports.reopen-period" : "reports.close-period");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->close_button),
                               closing ? _("Reopen the period: its report and figures follow the plan again")
                                       : _("Close the period when its report is sent: its report and figures then hold what they show now, however the plan changes later"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->close_button), error == NULL && manages);
  if (!manages)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->close_button),
                                 _("Only the secretariat closes and reopens periods"));
}

static void
on_period_selected_cb (SamReportsPage *self)
{
  if (sam_page_get_store (SAM_PAGE (self)))
    show_period_state (self);
}

static void
sam_reports_page_reload (SamPage *page)
{
  SamReportsPage *self = SAM_REPORTS_PAGE (page);
  g_autoptr(GError) error = NULL;
  const SamPeriod *before = chosen_period (self);
  g_autofree char *code = before ? g_strdup (before->code) : NULL;

  if (!fill_scopes (self, &error) || !fill_periods (self, &error))
    sam_page_toast (page, error->message);
  /* A reload after a change keeps the period chosen. */
  for (guint i = 0; code && self->periods && i < self->periods->len; i++)
    if (g_strcmp0 (((SamPeriod *) self->periods->pdata[i])->code, code) == 0)
      gtk_drop_down_set_selected (self->report_period, i);
  show_period_state (self);
}

static SamScope *
chosen_scope (SamReportsPage *self)
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

static const SamPeriod *
chosen_period (SamReportsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->report_period);

  return self->periods && i < self->periods->len ? self->periods->pdata[i] : NULL;
}

/* Writing */

static void
show_busy (SamReportsPage *self,
           gboolean        busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->report_progress), busy);
  gtk_widget_set_visible (GTK_WIDGET (self->report_cancel), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->report_button), !busy);
  gtk_progress_bar_set_fraction (self->report_progress, 0);
}

static void
on_progress_cb (double   fraction,
                gpointer data)
{
  gtk_progress_bar_set_fraction (SAM_REPORTS_PAGE (data)->report_progress, fraction);
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(SamReportsPage) self = data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) warnings = NULL;
  g_autofree char *name = NULL, *text = NULL;
  g_autoptr(AdwToast) toast = NULL;

  show_busy (self, FALSE);
  g_clear_object (&self->writing);
  if (!sam_report_write_finish (result, &warnings, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sam_page_show_error (SAM_PAGE (self), _("The Report Was Not Written"), error->message);
      return;
    }
  /* Written, but what did not fit in a sheet is said, as on the command
   * line; the sheets say it too. */
  if (warnings[0])
    {
      g_autofree char *said = g_strjoinv ("\n\n", warnings);
      sam_page_show_error (SAM_PAGE (self), _("Part of the Report Did Not Fit"), said);
    }
  name = g_path_get_basename (self->path);
  text = g_strdup_printf (_("“%s” has been written"), name);
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-file");
  adw_toast_set_action_target (toast, "s", self->path);
  adw_toast_set_timeout (toast, 0);
  g_set_weak_pointer (&self->toast, toast);
  self->toast_added = g_get_monotonic_time ();
  sam_page_add_toast (SAM_PAGE (self), toast);
}

static gboolean
dismiss_toast_cb (gpointer data)
{
  SamReportsPage *self = data;

  self->dismissing = 0;
  if (self->leaving)
    adw_toast_dismiss (self->leaving);
  g_clear_weak_pointer (&self->leaving);
  return G_SOURCE_REMOVE;
}

/* Dismisses the last report's toast, at once unless it is still showing;
 * a toast added meanwhile waits behind it. */
static void
dismiss_toast (SamReportsPage *self)
{
  gint64 age_ms = (g_get_monotonic_time () - self->toast_added) / 1000;

  if (self->toast == NULL || self->toast == self->leaving)
    return;
  /* While the one before it is still showing, it waits in the overlay's
   * queue, from which it can go at once. */
  if (self->leaving)
    {
      adw_toast_dismiss (self->toast);
      return;
    }
  g_set_weak_pointer (&self->leaving, self->toast);
  if (age_ms >= TOAST_SHOWING_MS)
    dismiss_toast_cb (self);
  else
    self->dismissing = g_timeout_add ((guint) (TOAST_SHOWING_MS - age_ms), dismiss_toast_cb, self);
}

/* Writes the report to @path in the background with the options chosen;
 * says in a toast when it is written, or in a dialog why not. */
void
sam_reports_page_write (SamReportsPage *self,
                        const char     *path)
{
  SamStore *store;
  g_autoptr(SamScope) scope = NULL;
  const SamPeriod *period;
  SamReportOptions options = { 0 };
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SAM_IS_REPORTS_PAGE (self));
  if ((store = sam_page_get_store (SAM_PAGE (self))) == NULL || self->writing)
    return;
  if (self->periods == NULL)
    sam_page_reload (SAM_PAGE (self));   /* never shown: its choices as it would show them */
  scope = chosen_scope (self);
  period = chosen_period (self);
  if (scope && !sam_scope_resolve (scope, store, &error))
    {
      sam_page_toast (SAM_PAGE (self), error->message);
      return;
    }
  options.scope = scope;
  options.period = period ? period->code : NULL;
  options.language = gtk_drop_down_get_selected (self->report_language) == 1 ? SAM_REPORT_LANGUAGE_EN
                                                                              : SAM_REPORT_LANGUAGE_NB;
  /* The last report's toast would open this one, and looks like its result. */
  dismiss_toast (self);
  g_free (self->path);
  self->path = g_strdup (path);
  self->writing = g_cancellable_new ();
  show_busy (self, TRUE);
  sam_report_write_async (store, &options, path, on_progress_cb, g_object_ref (self), g_object_unref,
                          self->writing, on_written_cb, g_object_ref (self));
}

static void
on_cancel_cb (SamReportsPage *self)
{
  if (self->writing)
    g_cancellable_cancel (self->writing);
}

static void
on_file_chosen_cb (GtkNativeDialog *dialog,
                   int              response,
                   SamReportsPage  *self)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))
                                                          : NULL;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  g_autofree char *xlsx = NULL;

  if (path)
    sam_reports_page_write (self, g_str_has_suffix (path, ".xlsx") ? path
                                  : (xlsx = g_strconcat (path, ".xlsx", NULL)));
  g_object_unref (dialog);
}

static void
write_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SamReportsPage *self = SAM_REPORTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const SamPeriod *period = chosen_period (self);
  g_autofree char *name = g_strdup_printf (_("Progress report %s.xlsx"), period ? period->code : "");

  if (self->writing)
    return;
  chooser = gtk_file_chooser_native_new (_("Save the Progress Report"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Excel workbooks"));
  gtk_file_filter_add_pattern (filter, "*.xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_file_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Closing and reopening */

static void
on_closed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(SamReportsPage) self = data;
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->closing);
  if (!sam_period_close_finish (SAM_STORE (source), result, &error))
    sam_page_show_error (SAM_PAGE (self), _("The Period Was Not Closed"), error->message);
  else
    sam_page_toast (SAM_PAGE (self), _("The period is closed: its report and figures hold what they show now"));
  show_period_state (self);
}

static void
on_close_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      SamReportsPage   *self)
{
  SamStore *store = sam_page_get_store (SAM_PAGE (self));
  const SamPeriod *period = chosen_period (self);
  g_autofree char *who = sam_closing_who ();
  g_autofree char *today = sam_today ();

  if (g_strcmp0 (response, "close") != 0 || period == NULL || store == NULL || self->closing)
    return;
  self->closing = g_cancellable_new ();
  show_period_state (self);
  sam_period_close_async (store, period, who, today, self->closing, on_closed_cb, g_object_ref (self));
}

static void
close_period_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SamReportsPage *self = SAM_REPORTS_PAGE (widget);
  const SamPeriod *period = chosen_period (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (period == NULL || self->closing)
    return;
  /* TRANSLATORS: %s is a reporting period's code. */
  heading = g_strdup_printf (_("Close %s?"), period->code);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("Close the period when its report has been sent. Its report, figures and lists "
                                     "will then hold what they show now, however the plan changes later. You can "
                                     "reopen it, and undo either."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "close", _("C_lose Period"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reopen_period_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SamReportsPage *self = SAM_REPORTS_PAGE (widget);
  const SamPeriod *period = chosen_period (self);
  g_autofree char *who = sam_closing_who ();
  g_autoptr(GError) error = NULL;

  if (period == NULL || self->closing)
    return;
  if (!sam_period_reopen (sam_page_get_store (SAM_PAGE (self)), period, who, &error))
    sam_page_show_error (SAM_PAGE (self), _("The Period Was Not Reopened"), error->message);
  else
    sam_page_toast (SAM_PAGE (self), _("The period is reopened: its figures follow the plan again"));
  show_period_state (self);
}

/* Object */

static void
sam_reports_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sam_reports_page_parent_class)->map (widget);
  /* Set when shown: an icon that comes only as SVG would load librsvg for
   * the first frame. */
  adw_status_page_set_icon_name (SAM_REPORTS_PAGE (widget)->status_page, "x-office-spreadsheet-symbolic");
}

static void
sam_reports_page_dispose (GObject *object)
{
  SamReportsPage *self = SAM_REPORTS_PAGE (object);

  if (self->writing)
    g_cancellable_cancel (self->writing);
  g_clear_object (&self->writing);
  g_clear_object (&self->closing);
  g_clear_pointer (&self->periods, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_handle_id (&self->dismissing, g_source_remove);
  g_clear_weak_pointer (&self->leaving);
  g_clear_weak_pointer (&self->toast);
  G_OBJECT_CLASS (sam_reports_page_parent_class)->dispose (object);
}

static void
sam_reports_page_class_init (SamReportsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sam_reports_page_dispose;
  widget_class->map = sam_reports_page_map;
  SAM_PAGE_CLASS (klass)->reload = sam_reports_page_reload;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SamReportsPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, SamReportsPage, report_scope);
  gtk_widget_class_bind_template_child (widget_class, SamReportsPage, report_period);
  gtk_widget_class_bind_template_child (widget_class, SamReportsPage, report_language);
  gtk_widget_class_bind_template_child (widget_class, SamReportsPage, report_button);
  gtk_widget_class_bind_template_child (widget_class, SamReportsPage, report_progress);
  gtk_widget_class_bind_template_child (widget_class, SamReportsPage, report_cancel);
  gtk_widget_class_bind_template_child (widget_class, SamReportsPage, period_state);
  gtk_widget_class_bind_template_child (widget_class, SamReportsPage, close_button);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_period_selected_cb);
  gtk_widget_class_install_action (widget_class, "reports.write", NULL, write_action);
  gtk_widget_class_install_action (widget_class, "reports.close-period", NULL, close_period_action);
  gtk_widget_class_install_action (widget_class, "reports.reopen-period", NULL, reopen_period_action);
}

static void
sam_reports_page_init (SamReportsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sam_search_dropdown (self->report_scope);
  gtk_drop_down_set_selected (self->report_language,
                              sam_report_language_default () == SAM_REPORT_LANGUAGE_EN ? 1 : 0);
}

SamPage *
sam_reports_page_new (void)
{
  return g_object_new (SAM_TYPE_REPORTS_PAGE, NULL);
}

/* The “… has been written” toast of the last report while it is shown,
 * or NULL. */
AdwToast *
sam_reports_page_get_toast (SamReportsPage *self)
{
  g_return_val_if_fail (SAM_IS_REPORTS_PAGE (self), NULL);
  return self->toast;
}
