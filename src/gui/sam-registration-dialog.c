#define G_LOG_DOMAIN "sam-registration-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sam-registration-dialog.h"
#include "store/sam-rules.h"

struct _SamRegistrationDialog
{
  AdwWindow      parent_instance;

  GtkLabel      *seminar_label;
  GtkEntry      *organisation_entry;
  GtkDropDown   *sector_dropdown;
  GtkSpinButton *participants_spin;
  GtkTextView   *names_view;
  GtkLabel      *error_label;

  SamStore      *store;
  SamRecord     *seminar;
  GListStore    *sectors;
};

G_DEFINE_FINAL_TYPE (SamRegistrationDialog, sam_registration_dialog, ADW_TYPE_WINDOW)

enum { REGISTERED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_error (SamRegistrationDialog *self,
            const char            *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static SamRecord *
build (SamRegistrationDialog *self)
{
  SamRecord *r = sam_record_new (SAM_KIND_REGISTRATION);
  SamRecord *sector = gtk_drop_down_get_selected_item (self->sector_dropdown);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->names_view);
  g_autofree char *names = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  names = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  sam_record_set_int (r, "seminar_id", sam_record_get_id (self->seminar));
  sam_record_set_string (r, "organisation",
                         g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->organisation_entry)))));
  if (sector && sam_record_get_id (sector))
    sam_record_set_int (r, "sector_id", sam_record_get_id (sector));
  sam_record_set_int (r, "participants", gtk_spin_button_get_value_as_int (self->participants_spin));
  if (*names)
    sam_record_set_string (r, "names", names);
  return r;
}

/* Registers what the dialog holds and closes it; returns the stored
 * registration (transfer full), or NULL with the message shown. */
SamRecord *
sam_registration_dialog_register (SamRegistrationDialog *self)
{
  g_autoptr(SamRecord) registration = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SAM_IS_REGISTRATION_DIALOG (self), NULL);

  gtk_spin_button_update (self->participants_spin);
  registration = build (self);
  if (!sam_rules_save (self->store, registration, &error))
    {
      show_error (self, error->message);
      return NULL;
    }
  g_signal_emit (self, signals[REGISTERED], 0, registration);
  gtk_window_destroy (GTK_WINDOW (self));
  return g_steal_pointer (&registration);
}

static void
on_record_clicked_cb (SamRegistrationDialog *self)
{
  g_autoptr(SamRecord) registration = sam_registration_dialog_register (self);
}

const char *
sam_registration_dialog_get_error (SamRegistrationDialog *self)
{
  g_return_val_if_fail (SAM_IS_REGISTRATION_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}

static void
sam_registration_dialog_dispose (GObject *object)
{
  SamRegistrationDialog *self = SAM_REGISTRATION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SAM_TYPE_REGISTRATION_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->seminar);
  g_clear_object (&self->sectors);
  G_OBJECT_CLASS (sam_registration_dialog_parent_class)->dispose (object);
}

static void
sam_registration_dialog_class_init (SamRegistrationDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sam_registration_dialog_dispose;

  /* Emitted with the stored registration, before the dialog closes. */
  signals[REGISTERED] = g_signal_new ("registered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, SAM_TYPE_RECORD);

  g_type_ensure (SAM_TYPE_RECORD);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-registration-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SamRegistrationDialog, seminar_label);
  gtk_widget_class_bind_template_child (widget_class, SamRegistrationDialog, organisation_entry);
  gtk_widget_class_bind_template_child (widget_class, SamRegistrationDialog, sector_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SamRegistrationDialog, participants_spin);
  gtk_widget_class_bind_template_child (widget_class, SamRegistrationDialog, names_view);
  gtk_widget_class_bind_template_child (widget_class, SamRegistrationDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_record_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sam_registration_dialog_init (SamRegistrationDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Returns a dialog over @parent for registering an organisation for @seminar. */
SamRegistrationDialog *
sam_registration_dialog_new (GtkWindow *parent,
                             SamStore  *store,
                             SamRecord *seminar)
{
  SamRegistrationDialog *self = g_object_new (SAM_TYPE_REGISTRATION_DIALOG, "transient-for", parent, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sectors = sam_store_list (store, SAM_KIND_SECTOR, &error);
  g_autoptr(SamRecord) none = sam_record_new (SAM_KIND_SECTOR);

  if (sectors == NULL)
    show_error (self, error->message);
  self->store = g_object_ref (store);
  self->seminar = g_object_ref (seminar);
  gtk_label_set_text (self->seminar_label, sam_record_get_title (seminar));
  self->sectors = g_list_store_new (SAM_TYPE_RECORD);
  sam_record_set_string (none, "name", _("No sector given"));
  g_list_store_append (self->sectors, none);
  for (guint i = 0; sectors && i < sectors->len; i++)
    g_list_store_append (self->sectors, sectors->pdata[i]);
  gtk_drop_down_set_model (self->sector_dropdown, G_LIST_MODEL (self->sectors));
  return self;
}

/* Sets the dialog's values, as a person would; for tests and scripts. */
void
sam_registration_dialog_fill (SamRegistrationDialog *self,
                              const char            *organisation,
                              const char            *sector,
                              int                    participants)
{
  g_return_if_fail (SAM_IS_REGISTRATION_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->organisation_entry), organisation ? organisation : "");
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sectors)); i++)
    {
      g_autoptr(SamRecord) s = g_list_model_get_item (G_LIST_MODEL (self->sectors), i);
      if (g_strcmp0 (sam_record_get_title (s), sector) == 0)
        gtk_drop_down_set_selected (self->sector_dropdown, i);
    }
  gtk_spin_button_set_value (self->participants_spin, participants);
}
