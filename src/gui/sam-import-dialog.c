#define G_LOG_DOMAIN "sam-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sam-import-dialog.h"

struct _SamImportDialog
{
  AdwWindow        parent_instance;

  GtkLabel        *summary_label;
  GtkLabel        *error_label;
  GtkListBox      *files_box;
  GtkButton       *apply_button;

  SamStore        *store;
  SamImportReview *review;
  GPtrArray       *switches;     /* GtkSwitch per file */
  GPtrArray       *choices;      /* GtkDropDown per conflicting row */
};

G_DEFINE_FINAL_TYPE (SamImportDialog, sam_import_dialog, ADW_TYPE_WINDOW)

static const char *
status_word (const char *nick)
{
  return nick ? g_dgettext (GETTEXT_PACKAGE, sam_enum_label (sam_status_values, nick)) : "–";
}

static void
update_summary (SamImportDialog *self)
{
  guint files = 0, rows = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < self->review->files->len; i++)
    {
      SamImportFile *f = self->review->files->pdata[i];
      if (f->apply && !f->refused)
        {
          files++;
          rows += f->changes;
        }
    }
  /* TRANSLATORS: the review's summary; the first %u counts status updates, the second files. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Apply records %u status update from %u of the files below.",
                                       "Apply records %u status updates from %u of the files below.", rows),
                          rows, files);
  gtk_label_set_text (self->summary_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), files > 0);
}

static void
on_switch_active_cb (GtkSwitch       *button,
                     GParamSpec      *pspec,
                     SamImportDialog *self)
{
  guint index;

  if (g_ptr_array_find (self->switches, button, &index))
    ((SamImportFile *) self->review->files->pdata[index])->apply = gtk_switch_get_active (button);
  update_summary (self);
}

static const char *
row_state (const SamImportRow *row)
{
  return !row->valid ? _("Not imported")
         : row->conflict && row->apply ? _("Conflict: the form’s taken")
         : row->conflict ? _("Conflict: Samordna’s kept")
         : row->apply ? _("Change")
         : _("Unchanged");
}

static void
on_choice_selected_cb (GtkDropDown     *choice,
                       GParamSpec      *pspec,
                       SamImportDialog *self)
{
  SamImportFile *f = g_object_get_data (G_OBJECT (choice), "file");
  SamImportRow *row = g_object_get_data (G_OBJECT (choice), "row");
  GtkLabel *state = g_object_get_data (G_OBJECT (choice), "state");
  guint index;

  sam_import_file_choose (f, row, gtk_drop_down_get_selected (choice) == 1);
  gtk_label_set_text (state, row_state (row));
  if (g_ptr_array_find (self->review->files, f, &index))
    {
      GtkWidget *file_switch = self->switches->pdata[index];
      gtk_widget_set_sensitive (file_switch, !f->refused && f->changes > 0);
      gtk_switch_set_active (GTK_SWITCH (file_switch), f->apply);
    }
  update_summary (self);
}

/* A conflicting row's choice: keep Samordna's status or take the form's. */
static GtkWidget *
choice_widget (SamImportDialog *self,
               SamImportFile   *f,
               SamImportRow    *row,
               GtkWidget       *state)
{
  const char *const words[] = { _("Keep Samordna’s"), _("Take the Form’s"), NULL };
  GtkWidget *choice = gtk_drop_down_new_from_strings (words);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (choice), row->apply ? 1 : 0);
  gtk_widget_set_valign (choice, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (choice, _("Samordna got another status after the form was written: keep it, or record the form’s"));
  g_object_set_data (G_OBJECT (choice), "file", f);
  g_object_set_data (G_OBJECT (choice), "row", row);
  g_object_set_data (G_OBJECT (choice), "state", state);
  g_signal_connect (choice, "notify::selected", G_CALLBACK (on_choice_selected_cb), self);
  g_ptr_array_add (self->choices, choice);
  return choice;
}

static GtkWidget *
row_widget (SamImportDialog *self,
            SamImportFile   *f,
            SamImportRow    *row)
{
  g_autofree char *old_p = sam_import_progress_text (row->old_progress);
  g_autofree char *new_p = sam_import_progress_text (row->new_progress);
  g_autofree char *title = g_strdup_printf (_("Row %u: %s"), row->row, row->title);
  g_autofree char *change = g_strdup_printf ("%s, %s → %s, %s", status_word (row->old_status), old_p,
                                             row->valid ? status_word (row->new_status) : "–",
                                             row->valid ? new_p : "–");
  g_autofree char *subtitle = row->new_comment && *row->new_comment
                              ? g_strdup_printf ("%s\n%s", change, row->new_comment) : g_strdup (change);
  GtkWidget *widget = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (row_state (row));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (widget), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), subtitle);
  gtk_widget_add_css_class (label, row->apply ? "accent" : row->valid && !row->conflict ? "dim-label" : "warning");
  adw_action_row_add_suffix (ADW_ACTION_ROW (widget), label);
  if (row->valid && row->conflict)
    adw_action_row_add_suffix (ADW_ACTION_ROW (widget), choice_widget (self, f, row, label));
  return widget;
}

static GtkWidget *
issue_widget (SamImportIssue *issue)
{
  g_autofree char *where = sam_import_issue_where (issue);
  g_autofree char *title = g_strdup_printf ("%s: %s", sam_import_level_label (issue->level), where);
  GtkWidget *widget = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (issue->level >= SAM_ISSUE_ROW ? "dialog-error-symbolic"
                                                  : issue->level == SAM_ISSUE_WARNING ? "dialog-warning-symbolic"
                                                  : "dialog-information-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (widget), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), issue->message);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (widget), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (widget), icon);
  return widget;
}

/* One expander per file: its rows and issues inside, the choice beside. */
static void
add_file (SamImportDialog *self,
          SamImportFile   *f)
{
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *choice = gtk_switch_new ();
  g_autofree char *subtitle = NULL;

  if (f->refused)
    subtitle = g_strdup (_("Cannot be imported: see why below"));
  else
    {
      g_autofree char *answered = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row answered", "%u rows answered",
                                                                f->answered), f->answered);
      g_autofree char *changes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes", f->changes),
                                                  f->changes);
      /* TRANSLATORS: rows of a returned form that came back as they were written. */
      g_autofree char *unchanged = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unchanged", "%u unchanged",
                                                                  f->unchanged), f->unchanged);

      /* TRANSLATORS: a file in the review: agency, period, "3 rows answered", "1 change", "2 unchanged". */
      subtitle = g_strdup_printf (_("%s · %s · %s · %s · %s"), f->agency, f->target_period, answered, changes, unchanged);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), f->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  gtk_switch_set_active (GTK_SWITCH (choice), f->apply);
  gtk_widget_set_sensitive (choice, !f->refused && f->changes > 0);
  gtk_widget_set_valign (choice, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (choice, _("Apply this file, or skip it"));
  g_signal_connect (choice, "notify::active", G_CALLBACK (on_switch_active_cb), self);
  g_ptr_array_add (self->switches, choice);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), choice);
  for (guint i = 0; i < f->rows->len; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row_widget (self, f, f->rows->pdata[i]));
  for (guint i = 0; i < f->issues->len; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), issue_widget (f->issues->pdata[i]));
  gtk_list_box_append (self->files_box, expander);
}

/* Records what is chosen as one undo step and closes; FALSE, with the
 * message shown and nothing recorded, when that fails. */
gboolean
sam_import_dialog_apply (SamImportDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SAM_IS_IMPORT_DIALOG (self), FALSE);

  if (!sam_import_review_apply (self->review, self->store, NULL, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return FALSE;
    }
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
on_apply_clicked_cb (SamImportDialog *self)
{
  sam_import_dialog_apply (self);
}

/* Chooses, as a person would with its switch, whether file @file is applied. */
void
sam_import_dialog_set_apply (SamImportDialog *self,
                             guint            file,
                             gboolean         apply)
{
  g_return_if_fail (SAM_IS_IMPORT_DIALOG (self));
  g_return_if_fail (file < self->switches->len);
  gtk_switch_set_active (self->switches->pdata[file], apply);
}

/* Chooses, as a person would, for the conflicting row of file @file about
 * activity @activity_id whether the form's status is taken; FALSE when
 * there is no such row. */
gboolean
sam_import_dialog_take_form (SamImportDialog *self,
                             guint            file,
                             gint64           activity_id,
                             gboolean         take)
{
  g_return_val_if_fail (SAM_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (file < self->review->files->len, FALSE);

  for (guint i = 0; i < self->choices->len; i++)
    {
      GObject *choice = self->choices->pdata[i];
      SamImportRow *row = g_object_get_data (choice, "row");

      if (g_object_get_data (choice, "file") == self->review->files->pdata[file] && row->activity_id == activity_id)
        {
          gtk_drop_down_set_selected (GTK_DROP_DOWN (choice), take ? 1 : 0);
          return TRUE;
        }
    }
  return FALSE;
}

const char *
sam_import_dialog_get_summary (SamImportDialog *self)
{
  g_return_val_if_fail (SAM_IS_IMPORT_DIALOG (self), NULL);
  return gtk_label_get_text (self->summary_label);
}

static void
sam_import_dialog_dispose (GObject *object)
{
  SamImportDialog *self = SAM_IMPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SAM_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->review, sam_import_review_free);
  g_clear_pointer (&self->switches, g_ptr_array_unref);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  G_OBJECT_CLASS (sam_import_dialog_parent_class)->dispose (object);
}

static void
sam_import_dialog_class_init (SamImportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sam_import_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SamImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SamImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SamImportDialog, files_box);
  gtk_widget_class_bind_template_child (widget_class, SamImportDialog, apply_button);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sam_import_dialog_init (SamImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->switches = g_ptr_array_new ();
  self->choices = g_ptr_array_new ();
}

/* Returns a review dialog over @parent for @review (taken), whose Apply
 * records into @store. */
SamImportDialog *
sam_import_dialog_new (GtkWindow       *parent,
                       SamStore        *store,
                       SamImportReview *review)
{
  SamImportDialog *self = g_object_new (SAM_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (review != NULL, NULL);

  self->store = g_object_ref (store);
  self->review = review;
  for (guint i = 0; i < review->files->len; i++)
    add_file (self, review->files->pdata[i]);
  update_summary (self);
  return self;
}
