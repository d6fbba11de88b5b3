#define G_LOG_DOMAIN "sam-seminars-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sam-seminars-page.h"
#include "models/sam-node.h"
#include "store/sam-seminars.h"

struct _SamSeminarsPage
{
  SamPage             parent_instance;

  GtkLabel           *year_label;
  GtkLabel           *target_label;
  GtkStack           *seminar_stack;
  GtkListView        *seminar_list;
  GtkCalendar        *seminar_calendar;
  GtkListView        *day_list;

  int                 year;
  GtkSingleSelection *seminar_rows;
  GtkSingleSelection *day_rows;
  gboolean            setting;       /* the page moves its calendar */
};

G_DEFINE_FINAL_TYPE (SamSeminarsPage, sam_seminars_page, SAM_TYPE_PAGE)

static SamNode *
seminar_node (SamStore  *store,
              SamRecord *seminar)
{
  g_autoptr(SamRecord) format = sam_store_get (store, SAM_KIND_SEMINAR_FORMAT,
                                               sam_record_get_int (seminar, "format_id"), NULL);
  SamSeminarCounts counts;
  g_autofree char *when = sam_format_datetime (sam_record_get_string (seminar, "starts_at"));
  g_autofree char *places = NULL, *subtitle = NULL;
  const char *status = sam_enum_label (sam_seminar_status_values, sam_record_get_string (seminar, "status"));

  if (sam_seminar_get_counts (store, sam_record_get_id (seminar), &counts, NULL) && counts.has_capacity)
    places = g_strdup_printf (_("%d/%d places"), (int) counts.confirmed, (int) counts.capacity);
  subtitle = g_strdup_printf ("%s · %s · %s%s%s", when, format ? sam_record_get_title (format) : "", status,
                              places ? " · " : "", places ? places : "");
  return sam_node_new (sam_record_get_title (seminar), subtitle, seminar);
}

static void
on_seminar_selected_cb (SamSeminarsPage    *self,
                        GParamSpec         *pspec,
                        GtkSingleSelection *rows)
{
  SamNode *node = gtk_single_selection_get_selected_item (rows);

  if (node && !self->setting)
    sam_page_show_record (SAM_PAGE (self), sam_node_get_record (node));
}

/* The seminars of @year, or of one month of it (1–12) when @month > 0,
 * with the one of id @keep selected. */
static GtkSingleSelection *
seminar_rows (SamSeminarsPage *self,
              int              year,
              int              month,
              gint64           keep)
{
  SamStore *store = sam_page_get_store (SAM_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seminars = sam_seminar_list_year (store, year, &error);
  g_autofree char *prefix = g_strdup_printf ("%04d-%02d", year, month);
  GListStore *list = g_list_store_new (SAM_TYPE_NODE);
  GtkSingleSelection *rows;

  if (seminars == NULL)
    sam_page_toast (SAM_PAGE (self), error->message);
  for (guint i = 0; seminars && i < seminars->len; i++)
    if (month == 0 || g_str_has_prefix (sam_record_get_string (seminars->pdata[i], "starts_at"), prefix))
      {
        g_autoptr(SamNode) node = seminar_node (store, seminars->pdata[i]);
        g_list_store_append (list, node);
      }
  rows = gtk_single_selection_new (G_LIST_MODEL (list));
  gtk_single_selection_set_autoselect (rows, FALSE);
  gtk_single_selection_set_can_unselect (rows, TRUE);
  gtk_single_selection_set_selected (rows, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; keep && i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    {
      g_autoptr(SamNode) node = g_list_model_get_item (G_LIST_MODEL (rows), i);
      if (sam_record_get_id (sam_node_get_record (node)) == keep)
        gtk_single_selection_set_selected (rows, i);
    }
  g_signal_connect_object (rows, "notify::selected-item", G_CALLBACK (on_seminar_selected_cb), self,
                           G_CONNECT_SWAPPED);
  return rows;
}

static gint64
selected_id (GtkSingleSelection *rows)
{
  SamNode *node = rows ? gtk_single_selection_get_selected_item (rows) : NULL;

  return node && sam_node_get_record (node) ? sam_record_get_id (sam_node_get_record (node)) : 0;
}

/* The year's target for national seminars, with a warning look when the
 * year has too few or too many. */
static void
show_target (SamSeminarsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSeminarTarget) target = sam_seminar_year_target (sam_page_get_store (SAM_PAGE (self)),
                                                                SAM_SEMINAR_KIND_NATIONAL, self->year, &error);

  gtk_widget_remove_css_class (GTK_WIDGET (self->target_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->target_label), "success");
  gtk_label_set_text (self->target_label, target ? target->message : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->target_label), target == NULL || target->state != SAM_SEMINAR_TARGET_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->target_label),
                            target && target->state == SAM_SEMINAR_TARGET_MET ? "success" : "warning");
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

/* GTK 4.8's calendar notes marks but does not show them; its day labels
 * get a look of their own here ("seminar-day" in style.css). */
static void
show_marks (GtkWidget   *widget,
            GtkCalendar *calendar)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_LABEL (c) && gtk_widget_has_css_class (c, "day-number"))
        {
          guint day = (guint) g_ascii_strtoull (gtk_label_get_text (GTK_LABEL (c)), NULL, 10);
          gboolean marked = !gtk_widget_has_css_class (c, "other-month")
                            && gtk_calendar_get_day_is_marked (calendar, day);

          if (marked)
            gtk_widget_add_css_class (c, "seminar-day");
          else
            gtk_widget_remove_css_class (c, "seminar-day");
        }
      show_marks (c, calendar);
    }
}

static void
mark_month (SamSeminarsPage *self,
            int              year,
            int              month)
{
  g_autoptr(GPtrArray) seminars = sam_seminar_list_year (sam_page_get_store (SAM_PAGE (self)), year, NULL);
  g_autofree char *prefix = g_strdup_printf ("%04d-%02d-", year, month);

  gtk_calendar_clear_marks (self->seminar_calendar);
  for (guint i = 0; seminars && i < seminars->len; i++)
    {
      const char *starts = sam_record_get_string (seminars->pdata[i], "starts_at");
      if (g_str_has_prefix (starts, prefix) && strlen (starts) >= 10)
        gtk_calendar_mark_day (self->seminar_calendar, (guint) g_ascii_strtoull (starts + 8, NULL, 10));
    }
  show_marks (GTK_WIDGET (self->seminar_calendar), self->seminar_calendar);
}

static void show_year (SamSeminarsPage *self);

/* The calendar moved to another month or day: mark its seminar days and
 * list that month's seminars under it. */
static void
on_calendar_changed_cb (SamSeminarsPage *self)
{
  int year, month;

  if (sam_page_get_store (SAM_PAGE (self)) == NULL || self->setting)
    return;
  year = calendar_get (self->seminar_calendar, "year");
  month = calendar_get (self->seminar_calendar, "month") + 1;
  if (year != self->year)
    {
      self->year = year;
      show_year (self);
      return;
    }
  mark_month (self, year, month);
  g_clear_object (&self->day_rows);
  self->day_rows = seminar_rows (self, year, month, selected_id (self->day_rows));
  gtk_list_view_set_model (self->day_list, GTK_SELECTION_MODEL (self->day_rows));
}

static void
place_calendar (SamSeminarsPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = NULL;

  if (calendar_get (self->seminar_calendar, "year") == self->year)
    return;
  day = g_date_time_get_year (now) == self->year ? g_date_time_ref (now)
        : g_date_time_new_local (self->year, 1, 1, 0, 0, 0);
  self->setting = TRUE;
  gtk_calendar_select_day (self->seminar_calendar, day);
  self->setting = FALSE;
}

/* Shows the seminars of the chosen year, keeping the selected one. */
static void
show_year (SamSeminarsPage *self)
{
  g_autofree char *year = g_strdup_printf ("%d", self->year);
  gint64 keep = selected_id (self->seminar_rows);

  gtk_label_set_text (self->year_label, year);
  show_target (self);
  self->setting = TRUE;
  g_clear_object (&self->seminar_rows);
  self->seminar_rows = seminar_rows (self, self->year, 0, keep);
  gtk_list_view_set_model (self->seminar_list, GTK_SELECTION_MODEL (self->seminar_rows));
  self->setting = FALSE;
  place_calendar (self);
  on_calendar_changed_cb (self);
}

static void
sam_seminars_page_reload (SamPage *page)
{
  show_year (SAM_SEMINARS_PAGE (page));
}

static gboolean
select_in (GtkSingleSelection *rows,
           gint64              id)
{
  for (guint i = 0; rows && i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    {
      g_autoptr(SamNode) node = g_list_model_get_item (G_LIST_MODEL (rows), i);
      if (sam_record_get_id (sam_node_get_record (node)) == id)
        {
          gtk_single_selection_set_selected (rows, i);
          return TRUE;
        }
    }
  return FALSE;
}

/* A seminar of another year takes the page to its year. */
static gboolean
sam_seminars_page_select_record (SamPage   *page,
                                 SamRecord *record)
{
  SamSeminarsPage *self = SAM_SEMINARS_PAGE (page);
  const char *starts;

  if (sam_record_get_kind (record) != SAM_KIND_SEMINAR)
    return FALSE;
  starts = sam_record_get_string (record, "starts_at");
  if (strlen (starts) >= 4 && g_ascii_strtoll (starts, NULL, 10) != self->year)
    {
      self->year = (int) g_ascii_strtoll (starts, NULL, 10);
      show_year (self);
    }
  else if (self->seminar_rows == NULL)
    show_year (self);
  return select_in (self->seminar_rows, sam_record_get_id (record));
}

static void
sam_seminars_page_fill_place (SamPage     *page,
                              SamNewPlace *place)
{
  place->year = SAM_SEMINARS_PAGE (page)->year;
}

static void
sam_seminars_page_unselect (SamPage *page)
{
  SamSeminarsPage *self = SAM_SEMINARS_PAGE (page);

  if (self->seminar_rows)
    gtk_single_selection_set_selected (self->seminar_rows, GTK_INVALID_LIST_POSITION);
  if (self->day_rows)
    gtk_single_selection_set_selected (self->day_rows, GTK_INVALID_LIST_POSITION);
}

static SamRecord *
sam_seminars_page_get_selected (SamPage *page)
{
  SamSeminarsPage *self = SAM_SEMINARS_PAGE (page);
  gboolean calendar = g_strcmp0 (gtk_stack_get_visible_child_name (self->seminar_stack), "calendar") == 0;
  GtkSingleSelection *rows = calendar ? self->day_rows : self->seminar_rows;
  SamNode *node = rows ? gtk_single_selection_get_selected_item (rows) : NULL;

  return node && sam_node_get_record (node) ? g_object_ref (sam_node_get_record (node)) : NULL;
}

/* Actions */

static void
year_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SamSeminarsPage *self = SAM_SEMINARS_PAGE (widget);

  if (sam_page_get_store (SAM_PAGE (self)) == NULL)
    return;
  self->year += g_variant_get_int32 (parameter);
  show_year (self);
}

static void
on_copy_year_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          SamSeminarsPage  *self)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (adw_message_dialog_get_extra_child (dialog));
  int to = gtk_spin_button_get_value_as_int (spin);
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(AdwToast) toast = NULL;

  if (g_strcmp0 (response, "copy") != 0)
    return;
  if (!(copies = sam_seminar_copy_year (sam_page_get_store (SAM_PAGE (self)), self->year, to, &error)))
    {
      sam_page_toast (SAM_PAGE (self), error->message);
      return;
    }
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u seminar copied to %d", "%u seminars copied to %d",
                                       copies->len), copies->len, to);
  toast = adw_toast_new (text);
  if (copies->len > 0)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  sam_page_add_toast (SAM_PAGE (self), toast);
}

static void
copy_year_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SamSeminarsPage *self = SAM_SEMINARS_PAGE (widget);
  g_autofree char *heading = g_strdup_printf (_("Copy the Seminars of %d"), self->year);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                              _("The copies are planned, on the same dates in the year you choose, without registrations."));
  GtkWidget *spin = gtk_spin_button_new_with_range (1990, 2200, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), self->year + 1);
  gtk_widget_set_halign (spin, GTK_ALIGN_CENTER);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), spin);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "copy", _("_Copy"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "copy", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "copy");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_copy_year_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Object */

static void
sam_seminars_page_dispose (GObject *object)
{
  SamSeminarsPage *self = SAM_SEMINARS_PAGE (object);

  g_clear_object (&self->seminar_rows);
  g_clear_object (&self->day_rows);
  G_OBJECT_CLASS (sam_seminars_page_parent_class)->dispose (object);
}

static void
sam_seminars_page_class_init (SamSeminarsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SamPageClass *page_class = SAM_PAGE_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sam_seminars_page_dispose;
  page_class->uses_editor = TRUE;
  page_class->reload = sam_seminars_page_reload;
  page_class->select_record = sam_seminars_page_select_record;
  page_class->fill_place = sam_seminars_page_fill_place;
  page_class->unselect = sam_seminars_page_unselect;
  page_class->get_selected = sam_seminars_page_get_selected;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-seminars-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SamSeminarsPage, year_label);
  gtk_widget_class_bind_template_child (widget_class, SamSeminarsPage, target_label);
  gtk_widget_class_bind_template_child (widget_class, SamSeminarsPage, seminar_stack);
  gtk_widget_class_bind_template_child (widget_class, SamSeminarsPage, seminar_list);
  gtk_widget_class_bind_template_child (widget_class, SamSeminarsPage, seminar_calendar);
  gtk_widget_class_bind_template_child (widget_class, SamSeminarsPage, day_list);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sam_page_activate_cb);
  gtk_widget_class_install_action (widget_class, "seminars.year", "i", year_action);
  gtk_widget_class_install_action (widget_class, "seminars.copy-year", NULL, copy_year_action);
}

static void
sam_seminars_page_init (SamSeminarsPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->year = g_date_time_get_year (now);
  gtk_widget_init_template (GTK_WIDGET (self));
}

SamPage *
sam_seminars_page_new (void)
{
  return g_object_new (SAM_TYPE_SEMINARS_PAGE, NULL);
}

