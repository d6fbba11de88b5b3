#define G_LOG_DOMAIN "sam-status-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sam-status-dialog.h"
#include "models/sam-tree.h"
#include "store/sam-period.h"
#include "store/sam-status.h"

struct _SamStatusDialog
{
  AdwWindow      parent_instance;

  GtkLabel      *activity_label;
  GtkDropDown   *period_dropdown;
  GtkDropDown   *status_dropdown;
  GtkSpinButton *progress_spin;
  GtkTextView   *comment_view;
  GtkDropDown   *agency_dropdown;
  GtkEntry      *reporter_entry;
  GtkLabel      *error_label;

  SamStore      *store;
  SamRecord     *activity;
  GListStore    *periods;
};

G_DEFINE_FINAL_TYPE (SamStatusDialog, sam_status_dialog, ADW_TYPE_WINDOW)

static void
show_error (SamStatusDialog *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Records what the dialog holds as one status update (with the activity
 * following it, by sam_status_record()); FALSE, with the message shown
 * and nothing saved, when a value is refused. */
gboolean
sam_status_dialog_record (SamStatusDialog *self)
{
  SamRecord *period = gtk_drop_down_get_selected_item (self->period_dropdown);
  SamRecord *agency = gtk_drop_down_get_selected_item (self->agency_dropdown);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->comment_view);
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  g_autofree char *comment = NULL, *reporter = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextIter start, end;
  SamStatusEntry entry = { 0 };

  g_return_val_if_fail (SAM_IS_STATUS_DIALOG (self), FALSE);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  comment = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  reporter = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reporter_entry))));
  entry.activity_id = sam_record_get_id (self->activity);
  entry.period_id = period ? sam_record_get_id (period) : 0;
  entry.status = status < sam_enum_count (sam_status_values) ? sam_status_values[status].nick : NULL;
  entry.progress = gtk_spin_button_get_value_as_int (self->progress_spin);
  entry.comment = comment;
  entry.reported_by = reporter;
  entry.agency_id = agency ? sam_record_get_id (agency) : 0;
  if (!sam_status_record (self->store, &entry, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
on_record_clicked_cb (SamStatusDialog *self)
{
  sam_status_dialog_record (self);
}

const char *
sam_status_dialog_get_error (SamStatusDialog *self)
{
  g_return_val_if_fail (SAM_IS_STATUS_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}

static void
sam_status_dialog_dispose (GObject *object)
{
  SamStatusDialog *self = SAM_STATUS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SAM_TYPE_STATUS_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->activity);
  g_clear_object (&self->periods);
  G_OBJECT_CLASS (sam_status_dialog_parent_class)->dispose (object);
}

static void
sam_status_dialog_class_init (SamStatusDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sam_status_dialog_dispose;
  g_type_ensure (SAM_TYPE_RECORD);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-status-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SamStatusDialog, activity_label);
  gtk_widget_class_bind_template_child (widget_class, SamStatusDialog, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SamStatusDialog, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SamStatusDialog, progress_spin);
  gtk_widget_class_bind_template_child (widget_class, SamStatusDialog, comment_view);
  gtk_widget_class_bind_template_child (widget_class, SamStatusDialog, agency_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SamStatusDialog, reporter_entry);
  gtk_widget_class_bind_template_child (widget_class, SamStatusDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_record_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sam_status_dialog_init (SamStatusDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static guint
status_position (const char *nick)
{
  for (guint i = 0; sam_status_values[i].nick; i++)
    if (g_strcmp0 (sam_status_values[i].nick, nick) == 0)
      return i;
  return 0;
}

static void
fill_periods (SamStatusDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = sam_store_list (self->store, SAM_KIND_REPORTING_PERIOD, &error);
  g_autofree char *today = sam_today ();
  g_autoptr(SamPeriod) current = all ? sam_period_current (self->store, today, &error) : NULL;
  gint64 plan = sam_record_get_int (self->activity, "plan_id");

  if (error)
    show_error (self, error->message);
  self->periods = g_list_store_new (SAM_TYPE_RECORD);
  for (guint i = 0; all && i < all->len; i++)
    {
      gint64 for_plan = sam_record_get_int (all->pdata[i], "plan_id");

      /* Periods for every plan, and those of this activity's plan. */
      if (for_plan != 0 && for_plan != plan)
        continue;
      g_list_store_append (self->periods, all->pdata[i]);
    }
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (self->periods));
  for (guint i = 0; current && i < g_list_model_get_n_items (G_LIST_MODEL (self->periods)); i++)
    {
      g_autoptr(SamRecord) p = g_list_model_get_item (G_LIST_MODEL (self->periods), i);
      if (g_strcmp0 (sam_record_get_string (p, "code"), current->code) == 0)
        gtk_drop_down_set_selected (self->period_dropdown, i);
    }
}

/* The agencies that may report, the activity's lead chosen: who reported
 * is recorded as an agency; a person's name only when one is typed. */
static void
fill_agencies (SamStatusDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = sam_store_list (self->store, SAM_KIND_AGENCY, &error);
  g_autoptr(GListStore) list = g_list_store_new (SAM_TYPE_RECORD);
  g_autoptr(SamRecord) none = sam_record_new (SAM_KIND_AGENCY);
  gint64 lead = sam_record_get_int (self->activity, "lead_agency_id");
  guint chosen = 0;

  if (all == NULL)
    show_error (self, error->message);
  sam_record_set_string (none, "name", _("No agency"));
  g_list_store_append (list, none);
  for (guint i = 0; all && i < all->len; i++)
    {
      g_autofree char *title = sam_tree_describe (all->pdata[i]);
      g_autoptr(SamRecord) option = sam_record_copy (all->pdata[i]);

      sam_record_set_string (option, "name", title);
      if (sam_record_get_id (option) == lead)
        chosen = g_list_model_get_n_items (G_LIST_MODEL (list));
      g_list_store_append (list, option);
    }
  gtk_drop_down_set_model (self->agency_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->agency_dropdown, chosen);
}

/* Returns a dialog over @parent for recording @activity's status, filled
 * with its present status and progress and the current period. */
SamStatusDialog *
sam_status_dialog_new (GtkWindow *parent,
                       SamStore  *store,
                       SamRecord *activity)
{
  SamStatusDialog *self = g_object_new (SAM_TYPE_STATUS_DIALOG, "transient-for", parent, NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  self->store = g_object_ref (store);
  self->activity = g_object_ref (activity);
  gtk_label_set_text (self->activity_label, sam_record_get_title (activity));
  fill_periods (self);
  for (guint i = 0; sam_status_values[i].nick; i++)
    gtk_string_list_append (statuses, g_dgettext (GETTEXT_PACKAGE, sam_status_values[i].label));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
  gtk_drop_down_set_selected (self->status_dropdown, status_position (sam_record_get_string (activity, "status")));
  gtk_spin_button_set_value (self->progress_spin, (double) sam_record_get_int (activity, "progress"));
  fill_agencies (self);
  gtk_window_set_default_widget (GTK_WINDOW (self), NULL);
  return self;
}

/* Sets the dialog's values, as a person would; for tests and scripts. */
void
sam_status_dialog_fill (SamStatusDialog *self,
                        const char      *period_code,
                        const char      *status,
                        int              progress,
                        const char      *comment)
{
  g_return_if_fail (SAM_IS_STATUS_DIALOG (self));

  for (guint i = 0; period_code && i < g_list_model_get_n_items (G_LIST_MODEL (self->periods)); i++)
    {
      g_autoptr(SamRecord) p = g_list_model_get_item (G_LIST_MODEL (self->periods), i);
      if (g_strcmp0 (sam_record_get_string (p, "code"), period_code) == 0)
        gtk_drop_down_set_selected (self->period_dropdown, i);
    }
  gtk_drop_down_set_selected (self->status_dropdown, status_position (status));
  gtk_spin_button_set_value (self->progress_spin, progress);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->comment_view), comment ? comment : "", -1);
}
