/* What the views and the editor show, as a person sees it: cards as tall
 * as their text, headings apart from their buttons, times as people read
 * them, each record from its top, no evaluation shown as 0, seminar days
 * marked in the calendar, who moved up from a waiting list, and a key for
 * every view. Run in English and in Norwegian (LANGUAGE=nb), whose longer
 * words are the ones that ran into buttons. */
#include "config.h"

#include "sam-gui-test-util.h"
#include "store/sam-rules.h"
#include "store/sam-status.h"

typedef struct
{
  char      *dir;
  SamWindow *window;
  SamStore  *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;

  f->dir = sam_test_make_dir ();
  path = g_build_filename (f->dir, "views.db", NULL);
  f->window = sam_gui_open_window (path);
  f->store = sam_window_get_store (f->window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "plans"));
  sam_gui_iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, 0);
      gtk_window_destroy (w);
    }
  sam_gui_iterate ();
  sam_test_remove_dir (f->dir);
  g_free (f->dir);
}

static gboolean
in_norwegian (void)
{
  return g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "nb");
}

/* Every label shown inside @widget has the height its text needs at the
 * width it was given: no line cut off. */
static void
assert_no_label_cut (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (!gtk_widget_get_mapped (c))
        continue;
      if (GTK_IS_LABEL (c) && *gtk_label_get_text (GTK_LABEL (c)))
        {
          int width = gtk_widget_get_width (c), height = gtk_widget_get_height (c), needed = 0;

          gtk_widget_measure (c, GTK_ORIENTATION_VERTICAL, width, &needed, NULL, NULL, NULL);
          if (height < needed)
            g_error ("“%.60s…” is %d px tall where its %d px wide text needs %d", gtk_label_get_text (GTK_LABEL (c)),
                     height, width, needed);
        }
      assert_no_label_cut (c);
    }
}

/* @label and @button, side by side in one heading, do not touch. */
static void
assert_apart (GtkWidget *label,
              GtkWidget *button)
{
  graphene_rect_t l, b;

  g_assert_true (gtk_widget_compute_bounds (label, GTK_WIDGET (gtk_widget_get_root (label)), &l));
  g_assert_true (gtk_widget_compute_bounds (button, GTK_WIDGET (gtk_widget_get_root (button)), &b));
  if (l.origin.x + l.size.width + 6 > b.origin.x)
    g_error ("“%s” (%.0f–%.0f) runs into its button (from %.0f)", gtk_label_get_text (GTK_LABEL (label)),
             l.origin.x, l.origin.x + l.size.width, b.origin.x);
  assert_no_label_cut (gtk_widget_get_parent (label));
}

/* The heading label beside the button of @action in the editor. */
static void
heading_and_button (SamWindow   *window,
                    const char  *action,
                    GtkWidget  **label,
                    GtkWidget  **button)
{
  g_autoptr(GQueue) queue = g_queue_new ();

  *button = NULL;
  g_queue_push_tail (queue, sam_window_get_editor (window));
  while (!g_queue_is_empty (queue) && *button == NULL)
    {
      GtkWidget *w = g_queue_pop_head (queue);
      if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), action) == 0
          && GTK_IS_LABEL (gtk_widget_get_prev_sibling (w)))
        *button = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_queue_push_tail (queue, c);
    }
  g_assert_nonnull (*button);
  *label = gtk_widget_get_prev_sibling (*button);
}

static void
narrow_editor (Fixture *f)
{
  /* The narrowest the editor gets beside a view. */
  gtk_widget_set_size_request (GTK_WIDGET (sam_window_get_editor (f->window)), -1, -1);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1024, 768);
  sam_gui_settle (200);
}

static SamRecord *
activity_with_history (Fixture *f)
{
  SamRecord *activity = sam_test_find (f->store, SAM_KIND_ACTIVITY, "title",
      "Samarbeid om informasjonstiltak i særlig utsatte bransjer");
  const char *periods[] = { "2026-T1", "2026-T2", "2026-T3" };

  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autoptr(SamRecord) period = sam_test_find (f->store, SAM_KIND_REPORTING_PERIOD, "code", periods[i]);
      SamStatusEntry entry = { sam_record_get_id (activity), sam_record_get_id (period), "in_progress", 20 + 10 * (int) i,
                               "Partene i arbeidslivet er invitert, og det første møtet i arbeidsgruppen er holdt; "
                               "utkast til informasjonsmateriell på flere språk sendes på høring i neste periode.",
                               "Kari Nordmann", "2026-03-04T10:22:33", 0, NULL, NULL, NULL };
      g_assert_true (sam_status_record (f->store, &entry, NULL));
    }
  return activity;
}

/* A status card shows its last line, its time as people read it, and its
 * heading stays apart from the button beside it. */
static void
test_status_cards (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SamRecord) activity = activity_with_history (f);
  GListModel *history;
  GtkWidget *label, *button;
  g_autofree char *markup = NULL;

  narrow_editor (f);
  sam_window_show_record (f->window, activity);
  sam_gui_settle (200);
  history = sam_editor_get_history (sam_window_get_editor (f->window));
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 3);
  {
    g_autoptr(SamDetail) d = g_list_model_get_item (history, 0);
    markup = g_strdup (sam_detail_get_markup (d));
  }
  g_assert_null (strstr (markup, "2026-03-04T10"));
  g_assert_nonnull (strstr (markup, in_norwegian () ? "4. mar" : "4 Mar 2026, 10:22"));

  assert_no_label_cut (GTK_WIDGET (sam_window_get_editor (f->window)));
  heading_and_button (f->window, "win.record-status", &label, &button);
  assert_apart (label, button);
}

/* The registrations card grows with the registrations: attendance by
 * sector and the warning about one sector are there to read. */
static void
test_registrations_card (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(SamRecord) seminar = NULL;
  g_autoptr(SamRecord) barnevern = sam_test_find (f->store, SAM_KIND_SECTOR, "name", "Barnevern");
  GtkWidget *label, *button;
  GListModel *card;
  gboolean sector_warning = FALSE;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "seminars"));
  sam_gui_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", "s", "seminar"));
  sam_gui_iterate ();
  seminar = g_object_ref (sam_window_get_shown_record (f->window));
  {
    g_autoptr(SamRecord) format = sam_test_find (f->store, SAM_KIND_SEMINAR_FORMAT, "kind", "national");
    g_autoptr(SamRecord) changed = sam_record_copy (seminar);
    sam_record_set_int (changed, "format_id", sam_record_get_id (format));
    g_assert_true (sam_rules_save (f->store, changed, NULL));
  }
  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(SamRecord) r = sam_record_new (SAM_KIND_REGISTRATION);
      g_autofree char *org = g_strdup_printf ("Barneverntjenesten i kommune nummer %u i Vestland fylke", i + 1);

      sam_record_set_int (r, "seminar_id", sam_record_get_id (seminar));
      sam_record_set_string (r, "organisation", org);
      sam_record_set_int (r, "participants", 3);
      sam_record_set_int (r, "sector_id", sam_record_get_id (barnevern));
      g_assert_true (sam_rules_save (f->store, r, NULL));
    }
  narrow_editor (f);
  sam_window_show_record (f->window, seminar);
  sam_gui_settle (200);
  card = sam_editor_get_seminar (sam_window_get_editor (f->window));
  for (guint i = 0; i < g_list_model_get_n_items (card); i++)
    {
      g_autoptr(SamDetail) d = g_list_model_get_item (card, i);
      sector_warning |= strstr (sam_detail_get_markup (d), "<b>") != NULL;
    }
  g_assert_true (sector_warning);
  assert_no_label_cut (GTK_WIDGET (sam_window_get_editor (f->window)));
  heading_and_button (f->window, "win.register", &label, &button);
  assert_apart (label, button);
}

/* Another record opens at its top, not where the last one was scrolled. */
static void
test_editor_opens_at_top (Fixture       *f,
                          gconstpointer  data)
{
  GListModel *rows = sam_gui_activity_rows (f->window);
  GtkWidget *scroller = NULL;
  GtkAdjustment *adjustment;
  g_autoptr(GQueue) queue = g_queue_new ();

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (rows), 0, TRUE);
  sam_gui_settle (200);
  g_queue_push_tail (queue, sam_window_get_editor (f->window));
  while (!g_queue_is_empty (queue) && scroller == NULL)
    {
      GtkWidget *w = g_queue_pop_head (queue);
      if (GTK_IS_SCROLLED_WINDOW (w))
        scroller = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_queue_push_tail (queue, c);
    }
  g_assert_nonnull (scroller);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment) + 200);
  gtk_adjustment_set_value (adjustment, 400);
  sam_gui_iterate ();
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 400);

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (rows), 1, TRUE);
  sam_gui_settle (200);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
}

/* A seminar nobody evaluated shows no score, and leaving that field saves
 * nothing; a score typed is saved, and clearing it clears it. */
static void
test_no_evaluation_is_empty (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(SamRecord) seminar = NULL, after = NULL, cleared = NULL;
  GtkWidget *score;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "seminars"));
  sam_gui_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", "s", "seminar"));
  sam_gui_iterate ();
  seminar = g_object_ref (sam_window_get_shown_record (f->window));
  score = sam_gui_editor_widget (f->window, "evaluation_score");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (score)), ==, "");

  /* In and out of the field: nothing saved, no complaint. */
  sam_gui_type (f->window, "evaluation_score", "");
  g_assert_null (sam_gui_field_error (f->window, "evaluation_score"));
  after = sam_store_get (f->store, SAM_KIND_SEMINAR, sam_record_get_id (seminar), NULL);
  g_assert_false (sam_record_is_set (after, "evaluation_score"));

  sam_gui_type (f->window, "evaluation_score", "4");
  g_clear_object (&after);
  after = sam_store_get (f->store, SAM_KIND_SEMINAR, sam_record_get_id (seminar), NULL);
  g_assert_cmpint (sam_record_get_int (after, "evaluation_score"), ==, 4);

  sam_gui_type (f->window, "evaluation_score", "");
  cleared = sam_store_get (f->store, SAM_KIND_SEMINAR, sam_record_get_id (seminar), NULL);
  g_assert_false (sam_record_is_set (cleared, "evaluation_score"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (score)), ==, "");
}

static void
collect_day_labels (GtkWidget *widget,
                    GPtrArray *labels)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_LABEL (c) && gtk_widget_has_css_class (c, "day-number") && !gtk_widget_has_css_class (c, "other-month"))
        g_ptr_array_add (labels, c);
      collect_day_labels (c, labels);
    }
}

/* The calendar shows which days have a seminar, and only those. */
static void
test_calendar_marks_seminar_days (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(SamRecord) seminar = NULL;
  g_autoptr(GPtrArray) days = g_ptr_array_new ();
  GtkStack *stack;
  const char *starts;
  guint day, marked = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "seminars"));
  sam_gui_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", "s", "seminar"));
  sam_gui_iterate ();
  seminar = g_object_ref (sam_window_get_shown_record (f->window));
  starts = sam_record_get_string (seminar, "starts_at");
  day = (guint) g_ascii_strtoull (starts + 8, NULL, 10);

  stack = GTK_STACK (sam_page_get_part (sam_window_get_view_page (f->window, SAM_VIEW_SEMINARS), "seminar_stack"));
  gtk_stack_set_visible_child_name (stack, "calendar");
  {
    GtkCalendar *calendar = GTK_CALENDAR (sam_page_get_part (sam_window_get_view_page (f->window, SAM_VIEW_SEMINARS),
                                                             "seminar_calendar"));
    g_autoptr(GDateTime) when = g_date_time_new_local ((int) g_ascii_strtoll (starts, NULL, 10),
                                                       (int) g_ascii_strtoll (starts + 5, NULL, 10), 1, 12, 0, 0);
    gtk_calendar_select_day (calendar, when);
    sam_gui_settle (200);
    collect_day_labels (GTK_WIDGET (calendar), days);
  }
  g_assert_cmpuint (days->len, >=, 28);
  for (guint i = 0; i < days->len; i++)
    {
      GtkWidget *label = days->pdata[i];
      gboolean is_marked = gtk_widget_has_css_class (label, "seminar-day");

      marked += is_marked;
      if (g_ascii_strtoull (gtk_label_get_text (GTK_LABEL (label)), NULL, 10) == day)
        g_assert_true (is_marked);
    }
  g_assert_cmpuint (marked, ==, 1);
}

/* Whether a label on screen in @widget reads @text and @also. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text,
            const char *also)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text)
      && strstr (gtk_label_get_text (GTK_LABEL (widget)), also))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (shows_text (c, text, also))
      return TRUE;
  return FALSE;
}

static gboolean
toast_shown (gpointer window)
{
  return shows_text (window, "Kirkens Bymisjon",
                     in_norwegian () ? "fått plass fra ventelisten" : "moved up from the waiting list");
}

/* A cancelled registration gives a place to the first on the waiting
 * list, and the window says who. */
static void
test_waiting_list_announced (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(SamRecord) seminar = NULL, first = sam_record_new (SAM_KIND_REGISTRATION);
  g_autoptr(SamRecord) waiting = sam_record_new (SAM_KIND_REGISTRATION);
  g_autoptr(SamRecord) moved = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "seminars"));
  sam_gui_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", "s", "seminar"));
  sam_gui_iterate ();
  seminar = g_object_ref (sam_window_get_shown_record (f->window));
  sam_gui_type (f->window, "title", "Fagdag om arbeidsutnytting");
  sam_gui_set_number (f->window, "capacity", 10);
  sam_record_set_int (first, "seminar_id", sam_record_get_id (seminar));
  sam_record_set_string (first, "organisation", "Arbeidstilsynet Vest");
  sam_record_set_int (first, "participants", 8);
  g_assert_true (sam_rules_save (f->store, first, NULL));
  sam_record_set_int (waiting, "seminar_id", sam_record_get_id (seminar));
  sam_record_set_string (waiting, "organisation", "Kirkens Bymisjon");
  sam_record_set_int (waiting, "participants", 6);
  g_assert_true (sam_rules_save (f->store, waiting, NULL));
  g_assert_cmpint (sam_record_get_int (waiting, "waitlisted"), ==, 1);

  sam_window_show_record (f->window, first);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete", NULL));
  sam_gui_iterate ();
  moved = sam_store_get (f->store, SAM_KIND_REGISTRATION, sam_record_get_id (waiting), NULL);
  g_assert_true (sam_gui_wait_for (toast_shown, f->window, 3000));
}

static void
collect_shortcut_titles (GtkWidget  *widget,
                         GHashTable *titles)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *title = NULL, *accel = NULL;
      g_object_get (widget, "title", &title, "accelerator", &accel, NULL);
      if (accel && *accel)
        g_hash_table_add (titles, g_steal_pointer (&title));
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_shortcut_titles (c, titles);
}

/* Each of the fourteen views has its key, listed in the shortcuts window. */
static void
test_every_view_has_a_key (Fixture       *f,
                           gconstpointer  data)
{
  const char *keys[SAM_N_VIEWS] = {
    [SAM_VIEW_OVERVIEW] = "alt+1", [SAM_VIEW_PLANS] = "alt+2", [SAM_VIEW_FOLLOW_UP] = "alt+3",
    [SAM_VIEW_SEMINARS] = "alt+4", [SAM_VIEW_RESPONSIBILITY] = "alt+5", [SAM_VIEW_COVERAGE] = "alt+6",
    [SAM_VIEW_CHECKS] = "alt+7", [SAM_VIEW_REPORTS] = "alt+8", [SAM_VIEW_AGENCIES] = "ctrl+1",
    [SAM_VIEW_TARGET_GROUPS] = "ctrl+2", [SAM_VIEW_SECTORS] = "ctrl+3", [SAM_VIEW_KNOWLEDGE] = "ctrl+4",
    [SAM_VIEW_OBLIGATIONS] = "ctrl+5", [SAM_VIEW_PERIODS] = "ctrl+6",
  };
  g_autoptr(GHashTable) titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GtkShortcutsWindow *shortcuts;

  for (guint v = 0; v < SAM_N_VIEWS; v++)
    {
      guint other = v == SAM_VIEW_PLANS ? SAM_VIEW_OVERVIEW : SAM_VIEW_PLANS;

      sam_window_show_view (f->window, other);
      sam_gui_iterate ();
      sam_gui_press (GTK_WINDOW (f->window), keys[v]);
      if (sam_window_get_view (f->window) != v)
        g_error ("%s did not show %s", keys[v], sam_view_get_title (v));
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.shortcuts", NULL));
  sam_gui_iterate ();
  shortcuts = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window));
  collect_shortcut_titles (GTK_WIDGET (shortcuts), titles);
  for (guint v = 0; v < SAM_N_VIEWS; v++)
    if (!g_hash_table_contains (titles, sam_view_get_title (v)))
      g_error ("The shortcuts window does not list %s", sam_view_get_title (v));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  sam_gui_use_translations ();

  ADD ("/gui/views/status-cards", test_status_cards);
  ADD ("/gui/views/registrations-card", test_registrations_card);
  ADD ("/gui/views/editor-opens-at-top", test_editor_opens_at_top);
  ADD ("/gui/views/no-evaluation-is-empty", test_no_evaluation_is_empty);
  ADD ("/gui/views/calendar-marks-seminar-days", test_calendar_marks_seminar_days);
  ADD ("/gui/views/waiting-list-announced", test_waiting_list_announced);
  ADD ("/gui/views/every-view-has-a-key", test_every_view_has_a_key);
  return g_test_run ();
}
