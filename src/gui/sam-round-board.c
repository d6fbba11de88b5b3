#define G_LOG_DOMAIN "sam-round-board"

#include "config.h"

#include <glib/gi18n.h>

#include "sam-round-board.h"
#include "forms/sam-reminder.h"
#include "store/sam-round.h"

struct _SamRoundBoard
{
  AdwWindow   parent_instance;

  GtkLabel   *title_label;
  GtkLabel   *message_label;
  GtkListBox *board_box;

  SamStore   *store;
  SamRecord  *round;
  GPtrArray  *rows;       /* SamBoardRow */
  guint       late;
};

G_DEFINE_FINAL_TYPE (SamRoundBoard, sam_round_board, ADW_TYPE_WINDOW)

static void
show_message (SamRoundBoard *self,
              const char    *message)
{
  gtk_label_set_text (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
}

static char *
when (const char *iso)
{
  g_autofree char *copy = g_strdup (iso ? iso : "");

  g_strdelimit (copy, "T", ' ');
  return g_strndup (copy, 16);
}

static char *
describe (SamBoardRow *row)
{
  SamRecord *form = row->form;
  g_autofree char *written = when (sam_record_get_string (form, "written_at"));
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, _("Written %s to %s"), written, sam_record_get_string (form, "written_path"));
  if (sam_record_is_set (form, "received_at"))
    {
      g_autofree char *received = when (sam_record_get_string (form, "received_at"));
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Received %s in “%s”: %d of %d rows answered"), received,
                              sam_record_get_string (form, "received_file"),
                              (int) sam_record_get_int (form, "rows_answered"), (int) sam_record_get_int (form, "rows_total"));
    }
  else
    {
      g_string_append_c (text, '\n');
      g_string_append (text, row->late ? _("Not received, and the deadline has passed") : _("Not received yet"));
    }
  return g_string_free (text, FALSE);
}

static void
write_reminder (SamRoundBoard *self,
                SamBoardRow   *row,
                const char    *path)
{
  const char *contact = row->contact;
  SamReminder reminder = {
    .to_name = row->agency,
    .to_address = contact && strchr (contact, '@') ? contact : NULL,
    .period = sam_record_get_string (self->round, "period"),
    .deadline = sam_record_get_string (self->round, "deadline"),
    .form_path = sam_record_get_string (row->form, "written_path"),
    .norwegian = g_strcmp0 (sam_record_get_string (self->round, "language"), "en") != 0,
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (!sam_reminder_write (&reminder, path, &error))
    return show_message (self, error->message);
  done = g_strdup_printf (_("The reminder to %s was written to “%s”. Open it in your mail program to check and send it."),
                          row->agency, path);
  show_message (self, done);
}

static void
on_reminder_chosen_cb (GtkNativeDialog *chooser,
                       int              response,
                       SamRoundBoard   *self)
{
  SamBoardRow *row = g_object_get_data (G_OBJECT (chooser), "row");
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))))
    {
      g_autofree char *path = g_file_get_path (file);
      write_reminder (self, row, path);
    }
  g_object_unref (chooser);
}

static void
on_reminder_clicked_cb (GtkButton     *button,
                        SamRoundBoard *self)
{
  SamBoardRow *row = g_object_get_data (G_OBJECT (button), "row");
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Save Reminder"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                                               _("_Save"), _("_Cancel"));
  /* TRANSLATORS: the file name of a reminder e-mail: period and agency. */
  g_autofree char *name = g_strdup_printf (_("Reminder %s %s.eml"), sam_record_get_string (self->round, "period"),
                                           row->short_name ? row->short_name : row->agency);

  g_strdelimit (name, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "row", row);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_reminder_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GtkWidget *
board_row (SamRoundBoard *self,
           SamBoardRow   *row)
{
  GtkWidget *widget = adw_action_row_new ();
  g_autofree char *subtitle = describe (row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), row->agency);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (widget), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (widget), 0);
  if (row->late)
    {
      GtkWidget *late = gtk_label_new (_("Late"));
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Write _Reminder…"));

      gtk_widget_add_css_class (late, "error");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "row", row);
      g_signal_connect (button, "clicked", G_CALLBACK (on_reminder_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (widget), late);
      adw_action_row_add_suffix (ADW_ACTION_ROW (widget), button);
    }
  else if (sam_record_is_set (row->form, "received_at"))
    adw_action_row_add_suffix (ADW_ACTION_ROW (widget), gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
  return widget;
}

static void
load (SamRoundBoard *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = sam_today ();
  g_autofree char *title = NULL;
  guint received = 0;

  if (!(self->round = sam_round_latest (self->store, &error)))
    {
      gtk_label_set_text (self->title_label, _("No reporting round has been started"));
      show_message (self, error ? error->message : _("Start one with Start Reporting Round… in the main menu."));
      return;
    }
  if (!(self->rows = sam_round_board (self->store, sam_record_get_id (self->round), today, &error)))
    return show_message (self, error->message);
  for (guint i = 0; i < self->rows->len; i++)
    {
      SamBoardRow *row = self->rows->pdata[i];
      received += sam_record_is_set (row->form, "received_at");
      self->late += row->late;
      gtk_list_box_append (self->board_box, board_row (self, row));
    }
  /* TRANSLATORS: the board's heading: the round, its deadline, forms received of written, late. */
  title = g_strdup_printf (_("%s · deadline %s · %u of %u forms received · %u late"),
                           sam_record_get_title (self->round),
                           sam_record_is_set (self->round, "deadline") ? sam_record_get_string (self->round, "deadline") : "–",
                           received, self->rows->len, self->late);
  gtk_label_set_text (self->title_label, title);
}

guint
sam_round_board_get_late (SamRoundBoard *self)
{
  g_return_val_if_fail (SAM_IS_ROUND_BOARD (self), 0);
  return self->late;
}

static void
sam_round_board_dispose (GObject *object)
{
  SamRoundBoard *self = SAM_ROUND_BOARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SAM_TYPE_ROUND_BOARD);
  g_clear_object (&self->store);
  g_clear_object (&self->round);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (sam_round_board_parent_class)->dispose (object);
}

static void
sam_round_board_class_init (SamRoundBoardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sam_round_board_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-round-board.ui");
  gtk_widget_class_bind_template_child (widget_class, SamRoundBoard, title_label);
  gtk_widget_class_bind_template_child (widget_class, SamRoundBoard, message_label);
  gtk_widget_class_bind_template_child (widget_class, SamRoundBoard, board_box);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sam_round_board_init (SamRoundBoard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Returns the board of the round started last in @store, over @parent. */
SamRoundBoard *
sam_round_board_new (GtkWindow *parent,
                     SamStore  *store)
{
  SamRoundBoard *self = g_object_new (SAM_TYPE_ROUND_BOARD, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  load (self);
  return self;
}
