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
  return sam_format_datetime (iso ? iso : "");
}

static char *
describe (SamBoardRow *row)
{
  SamRecord *form = row->form;
  g_autofree char *written = when (sam_record_get_string (form, "written_at"));
  GString *text = g_string_new (NULL);

  /* TRANSLATORS: on the round's board: when and where an agency's form was written. */
  g_string_append_printf (text, _("Written %s to %s"), written, sam_record_get_string (form, "written_path"));
  if (sam_record_is_set (form, "received_at"))
    {
      g_autofree char *received = when (sam_record_get_string (form, "received_at"));
      int total = (int) sam_record_get_int (form, "rows_total");

      g_string_append_c (text, '\n');
      /* TRANSLATORS: on the round's board: when, in which file, rows answered of the form's rows. */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Received %s in “%s”: %d of %d row answered",
                                                 "Received %s in “%s”: %d of %d rows answered", total),
                              received, sam_record_get_string (form, "received_file"),
                              (int) sam_record_get_int (form, "rows_answered"), total);
    }
  else
    {
      g_string_append_c (text, '\n');
      g_string_append (text, row->late ? _("Not received, and the deadline has passed") : _("Not received yet"));
    }
  if (!sam_reminder_has_address (row->contact))
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("No e-mail address: a reminder would have no recipient"));
    }
  return g_string_free (text, FALSE);
}

/* Writes a reminder for the agency on row @index of the board to @path,
 * as Write Reminder… does, and says how it went (saying so when the
 * reminder has no recipient); FALSE when it could not be written. */
gboolean
sam_round_board_write_reminder (SamRoundBoard *self,
                                guint          index,
                                const char    *path)
{
  SamBoardRow *row;
  SamReminder reminder = { NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  g_return_val_if_fail (SAM_IS_ROUND_BOARD (self), FALSE);
  g_return_val_if_fail (self->rows != NULL && index < self->rows->len, FALSE);

  row = self->rows->pdata[index];
  reminder.to_name = row->agency;
  reminder.to_address = sam_reminder_has_address (row->contact) ? row->contact : NULL;
  reminder.period = sam_record_get_string (self->round, "period");
  reminder.deadline = sam_record_get_string (self->round, "deadline");
  reminder.form_path = sam_record_get_string (row->form, "written_path");
  reminder.norwegian = g_strcmp0 (sam_record_get_string (self->round, "language"), "en") != 0;
  if (!sam_reminder_write (&reminder, path, &error))
    {
      show_message (self, error->message);
      return FALSE;
    }
  if (reminder.to_address)
    done = g_strdup_printf (_("The reminder to %s was written to “%s”. Open it in your mail program to check and send it."),
                            row->agency, path);
  else
    done = g_strdup_printf (_("The reminder to %s was written to “%s” without a recipient, as Samordna has no e-mail address for it: fill in the recipient in your mail program before you send it, and add the address as the agency’s contact under Agencies."),
                            row->agency, path);
  show_message (self, done);
  return TRUE;
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
      guint index;

      if (g_ptr_array_find (self->rows, row, &index))
        sam_round_board_write_reminder (self, index, path);
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

static void say_without_address (SamRoundBoard *self);

static void
load (SamRoundBoard *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = sam_today ();
  g_autofree char *title = NULL, *name = NULL, *deadline = NULL, *forms = NULL, *late = NULL;
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
  deadline = sam_record_is_set (self->round, "deadline") ? when (sam_record_get_string (self->round, "deadline"))
                                                         : g_strdup ("–");
  forms = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u form received", "%u of %u forms received",
                                        self->rows->len), received, self->rows->len);
  /* TRANSLATORS: on the round's board: how many forms are late. */
  late = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u late", "%u late", self->late), self->late);
  /* TRANSLATORS: the board's heading: the round, its deadline, "3 of 40 forms received", "2 late". */
  /* The round's name is said in the window's language, whatever language started it. */
  name = g_strdup_printf (_("Reporting round %s"), sam_record_get_string (self->round, "period"));
  title = g_strdup_printf (_("%s · deadline %s · %s · %s"), name, deadline, forms, late);
  gtk_label_set_text (self->title_label, title);
  say_without_address (self);
}

/* Says which agencies have no e-mail address, and what to do. */
static void
say_without_address (SamRoundBoard *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  g_autofree char *list = NULL, *text = NULL;
  guint n;

  for (guint i = 0; i < self->rows->len; i++)
    {
      SamBoardRow *row = self->rows->pdata[i];
      if (!sam_reminder_has_address (row->contact))
        g_strv_builder_add (builder, row->short_name && *row->short_name ? row->short_name : row->agency);
    }
  names = g_strv_builder_end (builder);
  if ((n = g_strv_length (names)) == 0)
    return;
  list = g_strjoinv (", ", names);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u agency has no e-mail address (%s): a reminder to it has no recipient. Add the address as the agency’s contact under Agencies, or fill in the recipient in your mail program.",
                                       "%u agencies have no e-mail address (%s): reminders to them have no recipient. Add the addresses as the agencies’ contacts under Agencies, or fill in the recipient in your mail program.",
                                       n),
                          n, list);
  show_message (self, text);
}

const char *
sam_round_board_get_message (SamRoundBoard *self)
{
  g_return_val_if_fail (SAM_IS_ROUND_BOARD (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->message_label)) ? gtk_label_get_text (self->message_label) : "";
}

const char *
sam_round_board_get_title (SamRoundBoard *self)
{
  g_return_val_if_fail (SAM_IS_ROUND_BOARD (self), NULL);
  return gtk_label_get_text (self->title_label);
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
