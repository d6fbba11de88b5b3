#define G_LOG_DOMAIN "sam-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sam-window-private.h"
#include "sam-registration-dialog.h"
#include "models/sam-tree.h"
#include "store/sam-rules.h"
#include "store/sam-seminars.h"

/* The Seminars view: a year's seminars as a list and a month calendar,
 * the year's target for national seminars, registering organisations,
 * and copying a year's series to another year. */

static SamNode *
seminar_node (SamStore  *store,
              SamRecord *seminar)
{
  g_autoptr(SamRecord) format = sam_store_get (store, SAM_KIND_SEMINAR_FORMAT,
                                               sam_record_get_int (seminar, "format_id"), NULL);
  SamSeminarCounts counts;
  g_autofree char *when = g_strndup (sam_record_get_string (seminar, "starts_at"), 10);
  g_autofree char *places = NULL, *subtitle = NULL;
  const char *status = sam_enum_label (sam_seminar_status_values, sam_record_get_string (seminar, "status"));

  if (sam_seminar_get_counts (store, sam_record_get_id (seminar), &counts, NULL) && counts.has_capacity)
    places = g_strdup_printf (_("%d/%d places"), (int) counts.confirmed, (int) counts.capacity);
  subtitle = g_strdup_printf ("%s · %s · %s%s%s", when, format ? sam_record_get_title (format) : "", status,
                              places ? " · " : "", places ? places : "");
  return sam_node_new (sam_record_get_title (seminar), subtitle, seminar);
}

/* The seminars of the year, or of one month of it (1–12) when @month > 0. */
static GtkSingleSelection *
seminar_rows (SamWindow *self,
              int        month)
{
  g_autoptr(GPtrArray) seminars = sam_seminar_list_year (self->store, self->seminar_year, NULL);
  g_autofree char *prefix = g_strdup_printf ("%04d-%02d", self->seminar_year, month);
  GListStore *list = g_list_store_new (SAM_TYPE_NODE);
  GtkSingleSelection *rows;

  for (guint i = 0; seminars && i < seminars->len; i++)
    if (month == 0 || g_str_has_prefix (sam_record_get_string (seminars->pdata[i], "starts_at"), prefix))
      {
        g_autoptr(SamNode) node = seminar_node (self->store, seminars->pdata[i]);
        g_list_store_append (list, node);
      }
  rows = gtk_single_selection_new (G_LIST_MODEL (list));
  gtk_single_selection_set_autoselect (rows, FALSE);
  gtk_single_selection_set_can_unselect (rows, TRUE);
  gtk_single_selection_set_selected (rows, GTK_INVALID_LIST_POSITION);
  return rows;
}

static void
on_seminar_selected_cb (SamWindow          *self,
                        GParamSpec         *pspec,
                        GtkSingleSelection *rows)
{
  SamNode *node = gtk_single_selection_get_selected_item (rows);

  if (node && !self->refreshing)
    sam_window_show_in_editor (self, sam_node_get_record (node), FALSE);
}

/* Shows the year's target check in @label, with a warning look when the
 * year has too few or too many national seminars. */
void
sam_window_show_target (SamWindow *self,
                        GtkLabel  *label,
                        int        year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSeminarTarget) target = sam_seminar_year_target (self->store, SAM_SEMINAR_KIND_NATIONAL, year, &error);

  gtk_widget_remove_css_class (GTK_WIDGET (label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "success");
  if (target == NULL)
    {
      gtk_label_set_text (label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (label), "warning");
      return;
    }
  gtk_label_set_text (label, target->message);
  gtk_widget_set_visible (GTK_WIDGET (label), target->state != SAM_SEMINAR_TARGET_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (label), target->state == SAM_SEMINAR_TARGET_MET ? "success" : "warning");
}

/* GTK 4.8 has the calendar's month (0–11) and year as properties only. */
static int
calendar_get (GtkCalendar *calendar,
              const char  *property)
{
  int value = 0;

  g_object_get (calendar, property, &value, NULL);
  return value;
}

static void
mark_month (SamWindow *self)
{
  int month = calendar_get (self->seminar_calendar, "month") + 1;
  int year = calendar_get (self->seminar_calendar, "year");
  g_autoptr(GPtrArray) seminars = sam_seminar_list_year (self->store, year, NULL);
  g_autofree char *prefix = g_strdup_printf ("%04d-%02d-", year, month);

  gtk_calendar_clear_marks (self->seminar_calendar);
  for (guint i = 0; seminars && i < seminars->len; i++)
    {
      const char *starts = sam_record_get_string (seminars->pdata[i], "starts_at");
      if (g_str_has_prefix (starts, prefix) && strlen (starts) >= 10)
        gtk_calendar_mark_day (self->seminar_calendar, (guint) g_ascii_strtoull (starts + 8, NULL, 10));
    }
}

/* The calendar moved to another month or day: mark its seminar days and
 * list that month's seminars under it. */
void
on_calendar_changed_cb (SamWindow *self)
{
  int year;

  if (self->store == NULL || self->refreshing)
    return;
  year = calendar_get (self->seminar_calendar, "year");
  if (year != self->seminar_year)
    {
      self->seminar_year = year;
      sam_window_show_seminars (self);
      return;
    }
  mark_month (self);
  g_clear_object (&self->day_rows);
  self->day_rows = seminar_rows (self, calendar_get (self->seminar_calendar, "month") + 1);
  g_signal_connect_object (self->day_rows, "notify::selected-item", G_CALLBACK (on_seminar_selected_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->day_list, GTK_SELECTION_MODEL (self->day_rows));
}

static void
place_calendar (SamWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = NULL;

  if (calendar_get (self->seminar_calendar, "year") == self->seminar_year)
    return;
  day = g_date_time_get_year (now) == self->seminar_year ? g_date_time_ref (now)
        : g_date_time_new_local (self->seminar_year, 1, 1, 0, 0, 0);
  self->refreshing = TRUE;
  gtk_calendar_select_day (self->seminar_calendar, day);
  self->refreshing = FALSE;
}

/* Shows the seminars of the chosen year, keeping the selected one. */
void
sam_window_show_seminars (SamWindow *self)
{
  g_autofree char *year = NULL;
  SamNode *selected = self->seminar_rows ? gtk_single_selection_get_selected_item (self->seminar_rows) : NULL;
  gint64 keep = selected && sam_node_get_record (selected) ? sam_record_get_id (sam_node_get_record (selected)) : 0;

  sam_window_ensure_page (self, SAM_PAGE_SEMINARS);
  if (self->seminar_year == 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      self->seminar_year = g_date_time_get_year (now);
    }
  year = g_strdup_printf ("%d", self->seminar_year);
  gtk_label_set_text (self->year_label, year);
  sam_window_show_target (self, self->target_label, self->seminar_year);

  self->refreshing = TRUE;
  g_clear_object (&self->seminar_rows);
  self->seminar_rows = seminar_rows (self, 0);
  g_signal_connect_object (self->seminar_rows, "notify::selected-item", G_CALLBACK (on_seminar_selected_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->seminar_list, GTK_SELECTION_MODEL (self->seminar_rows));
  for (guint i = 0; keep && i < g_list_model_get_n_items (G_LIST_MODEL (self->seminar_rows)); i++)
    {
      g_autoptr(SamNode) node = g_list_model_get_item (G_LIST_MODEL (self->seminar_rows), i);
      if (sam_record_get_id (sam_node_get_record (node)) == keep)
        gtk_single_selection_set_selected (self->seminar_rows, i);
    }
  self->refreshing = FALSE;
  place_calendar (self);
  on_calendar_changed_cb (self);
}

/* Actions */

static void
seminar_year_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);

  if (self->store == NULL)
    return;
  self->seminar_year += g_variant_get_int32 (parameter);
  sam_window_show_seminars (self);
}

static void
on_registered_cb (SamRegistrationDialog *dialog,
                  SamRecord             *registration,
                  SamWindow             *self)
{
  if (sam_record_get_int (registration, "waitlisted"))
    sam_window_toast (self, _("The seminar is full: the registration is on the waiting list"), FALSE);
}

static void
register_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);
  SamRecord *shown = sam_editor_get_record (self->editor);
  SamRegistrationDialog *dialog;

  if (shown == NULL || sam_record_get_kind (shown) != SAM_KIND_SEMINAR)
    return;
  dialog = sam_registration_dialog_new (GTK_WINDOW (self), self->store, shown);
  g_signal_connect_object (dialog, "registered", G_CALLBACK (on_registered_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_copy_year_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          SamWindow        *self)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (adw_message_dialog_get_extra_child (dialog));
  int to = gtk_spin_button_get_value_as_int (spin);
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "copy") != 0)
    return;
  if (!(copies = sam_seminar_copy_year (self->store, self->seminar_year, to, &error)))
    {
      sam_window_toast (self, error->message, FALSE);
      return;
    }
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u seminar copied to %d", "%u seminars copied to %d",
                                       copies->len), copies->len, to);
  sam_window_toast (self, text, copies->len > 0);
}

static void
copy_year_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);
  g_autofree char *heading = g_strdup_printf (_("Copy the Seminars of %d"), self->seminar_year);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                              _("The copies are planned, on the same dates in the year you choose, without registrations."));
  GtkWidget *spin = gtk_spin_button_new_with_range (1990, 2200, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), self->seminar_year + 1);
  gtk_widget_set_halign (spin, GTK_ALIGN_CENTER);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), spin);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "copy", _("_Copy"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "copy", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "copy");
  g_signal_connect (dialog, "response", G_CALLBACK (on_copy_year_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
sam_window_install_seminar_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.seminar-year", "i", seminar_year_action);
  gtk_widget_class_install_action (widget_class, "win.register", NULL, register_action);
  gtk_widget_class_install_action (widget_class, "win.copy-year", NULL, copy_year_action);
}
