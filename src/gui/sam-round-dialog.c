#define G_LOG_DOMAIN "sam-round-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sam-round-dialog.h"
#include "sam-round-board.h"
#include "forms/sam-forms.h"
#include "store/sam-period.h"

struct _SamRoundDialog
{
  AdwWindow       parent_instance;

  AdwComboRow    *period_row;
  AdwEntryRow    *deadline_row;
  AdwComboRow    *language_row;
  AdwActionRow   *folder_row;
  GtkProgressBar *progress_bar;
  GtkLabel       *error_label;
  GtkButton      *write_button;

  SamStore       *store;
  GtkStringList  *periods;
  char           *folder;
  GCancellable   *cancellable;
  /* What the user agreed to when asked; forgotten when the choices change. */
  gboolean        overwrite;
  gboolean        replace_round;
  gboolean        past_deadline;
};

G_DEFINE_FINAL_TYPE (SamRoundDialog, sam_round_dialog, ADW_TYPE_WINDOW)

static void
show_error (SamRoundDialog *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
forget_answers (SamRoundDialog *self)
{
  self->overwrite = self->replace_round = self->past_deadline = FALSE;
}

static void
set_folder (SamRoundDialog *self,
            const char     *folder)
{
  forget_answers (self);
  g_free (self->folder);
  self->folder = g_strdup (folder);
  adw_action_row_set_subtitle (self->folder_row, folder ? folder : _("Not chosen"));
}

static void
on_folder_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     SamRoundDialog  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))))
    {
      g_autofree char *path = g_file_get_path (file);
      set_folder (self, path);
    }
  g_object_unref (chooser);
}

static void
on_choose_folder_clicked_cb (SamRoundDialog *self)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Folder for the Forms"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                               _("_Choose"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_folder_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

typedef struct
{
  SamRoundDialog *dialog;
  guint           done;
  guint           total;
} Progress;

static gboolean
show_progress_cb (gpointer data)
{
  Progress *p = data;
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u form written", "%u of %u forms written",
                                                       p->total), p->done, p->total);

  gtk_progress_bar_set_fraction (p->dialog->progress_bar, (double) p->done / MAX (p->total, 1));
  gtk_progress_bar_set_text (p->dialog->progress_bar, text);
  g_object_unref (p->dialog);
  g_free (p);
  return G_SOURCE_REMOVE;
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *p = g_new0 (Progress, 1);

  p->dialog = g_object_ref (user_data);
  p->done = done;
  p->total = total;
  g_idle_add (show_progress_cb, p);
}

static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (sam_forms_job_write (task_data, progress_cb, source, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  SamRoundDialog *self = SAM_ROUND_DIALOG (source);
  SamFormsJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->write_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error) || !sam_forms_job_record (job, self->store, &error))
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_present (GTK_WINDOW (sam_round_board_new (parent, self->store)));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_asked_cb (AdwMessageDialog *dialog,
             const char       *response,
             SamRoundDialog   *self)
{
  SamFormsError code = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "code"));

  if (g_strcmp0 (response, "go") != 0)
    return;
  self->overwrite |= code == SAM_FORMS_ERROR_EXISTS;
  self->replace_round |= code == SAM_FORMS_ERROR_ROUND_EXISTS;
  self->past_deadline |= code == SAM_FORMS_ERROR_PAST_DEADLINE;
  sam_round_dialog_write (self);
}

/* Asks whether to go on with what @error refused (a form over a file, a
 * new round over the period's, a deadline that has passed); TRUE when it
 * is such a refusal. */
static gboolean
ask (SamRoundDialog *self,
     const GError   *error)
{
  const char *heading, *button;
  GtkWidget *dialog;

  if (g_error_matches (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_EXISTS))
    heading = _("Write Over the Forms?"), button = _("_Write Over");
  else if (g_error_matches (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_ROUND_EXISTS))
    heading = _("Start a New Round?"), button = _("_Start New Round");
  else if (g_error_matches (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_PAST_DEADLINE))
    heading = _("Use a Deadline That Has Passed?"), button = _("_Use This Deadline");
  else
    return FALSE;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "go", button, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "go",
                                              error->code == SAM_FORMS_ERROR_PAST_DEADLINE
                                              ? ADW_RESPONSE_SUGGESTED : ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "code", GINT_TO_POINTER (error->code));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_asked_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Writes the forms as the dialog says, in a worker thread, then notes the
 * round and shows its board; shows what is wrong instead, writing nothing.
 * Asks first before writing over files, starting a new round over the
 * period's, or with a deadline that has passed. */
void
sam_round_dialog_write (SamRoundDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *deadline = NULL;
  GtkStringObject *period = adw_combo_row_get_selected_item (self->period_row);
  SamFormsOptions options = { NULL };
  SamFormsJob *job;

  g_return_if_fail (SAM_IS_ROUND_DIALOG (self));

  deadline = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->deadline_row))));
  options.period = period ? gtk_string_object_get_string (period) : NULL;
  options.deadline = *deadline ? deadline : NULL;
  options.folder = self->folder;
  options.language = adw_combo_row_get_selected (self->language_row) == 1 ? SAM_REPORT_LANGUAGE_EN
                                                                          : SAM_REPORT_LANGUAGE_NB;
  options.overwrite = self->overwrite;
  options.replace_round = self->replace_round;
  options.past_deadline = self->past_deadline;
  if (options.period == NULL || options.folder == NULL)
    return show_error (self, options.period ? _("Choose the folder to write the forms to.")
                                            : _("The database has no reporting period. Add one under Reporting periods first."));
  if (!(job = sam_forms_prepare (self->store, &options, &error)))
    {
      /* A question says it all; anything else is shown in the dialog. */
      show_error (self, ask (self, error) ? NULL : error->message);
      return;
    }
  show_error (self, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->write_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  task = g_task_new (self, self->cancellable, on_written_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) sam_forms_job_free);
  g_task_run_in_thread (task, write_thread);
}

static void
on_write_clicked_cb (SamRoundDialog *self)
{
  sam_round_dialog_write (self);
}

/* Sets the dialog's values as a person would; for tests. */
void
sam_round_dialog_fill (SamRoundDialog *self,
                       const char     *period,
                       const char     *deadline,
                       gboolean        norwegian,
                       const char     *folder)
{
  g_return_if_fail (SAM_IS_ROUND_DIALOG (self));

  for (guint i = 0; period && i < g_list_model_get_n_items (G_LIST_MODEL (self->periods)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->periods, i), period) == 0)
      adw_combo_row_set_selected (self->period_row, i);
  gtk_editable_set_text (GTK_EDITABLE (self->deadline_row), deadline ? deadline : "");
  adw_combo_row_set_selected (self->language_row, norwegian ? 0 : 1);
  set_folder (self, folder);
}

const char *
sam_round_dialog_get_error (SamRoundDialog *self)
{
  g_return_val_if_fail (SAM_IS_ROUND_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}

static void
sam_round_dialog_dispose (GObject *object)
{
  SamRoundDialog *self = SAM_ROUND_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SAM_TYPE_ROUND_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->periods);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->folder, g_free);
  G_OBJECT_CLASS (sam_round_dialog_parent_class)->dispose (object);
}

static void
sam_round_dialog_class_init (SamRoundDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sam_round_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-round-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SamRoundDialog, period_row);
  gtk_widget_class_bind_template_child (widget_class, SamRoundDialog, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, SamRoundDialog, language_row);
  gtk_widget_class_bind_template_child (widget_class, SamRoundDialog, folder_row);
  gtk_widget_class_bind_template_child (widget_class, SamRoundDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SamRoundDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SamRoundDialog, write_button);
  gtk_widget_class_bind_template_callback (widget_class, on_write_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_folder_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sam_round_dialog_init (SamRoundDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->period_row, "notify::selected", G_CALLBACK (forget_answers), self);
  g_signal_connect_swapped (self->deadline_row, "changed", G_CALLBACK (forget_answers), self);
  self->cancellable = g_cancellable_new ();
}

/* Returns the dialog over @parent, on the period running today, in the
 * language of the desktop, and in the documents folder. */
SamRoundDialog *
sam_round_dialog_new (GtkWindow *parent,
                      SamStore  *store)
{
  SamRoundDialog *self = g_object_new (SAM_TYPE_ROUND_DIALOG, "transient-for", parent, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) periods = sam_period_list (store, &error);
  g_autofree char *today = sam_today ();
  g_autoptr(SamPeriod) current = periods ? sam_period_current (store, today, &error) : NULL;
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (error)
    show_error (self, error->message);
  self->store = g_object_ref (store);
  self->periods = gtk_string_list_new (NULL);
  for (guint i = 0; periods && i < periods->len; i++)
    gtk_string_list_append (self->periods, ((SamPeriod *) periods->pdata[i])->code);
  adw_combo_row_set_model (self->period_row, G_LIST_MODEL (self->periods));
  sam_round_dialog_fill (self, current ? current->code : NULL, NULL,
                         sam_report_language_default () == SAM_REPORT_LANGUAGE_NB,
                         documents ? documents : g_get_home_dir ());
  return self;
}
