/* The window as at a reporting period, as the secretariat uses it: the
 * Overview and the Follow-up count as at the period chosen ("As at
 * 2020-T1 (1 Jan – 30 Apr 2020)"), the current one by default; the
 * Overview lists what changed since the period before, and an activity
 * there opens its plan; a closed period's figures stay as they were, with
 * a note when today's data differs, and closing and reopening are undone
 * like any change.
 *
 * The plan (every figure worked out by hand below), in plan 900:
 *
 *   A  2020-01-01 – 2020-06-30, Bufdir. Updates: 2020-T1 in progress 40,
 *      2020-T2 delayed 60. Own: delayed 60.
 *   B  2020-02-01 – 2020-03-31, Hdir. No updates; own: planned.
 *   C  2020-06-01 – 2020-07-31, Hdir. No updates; own: planned.
 *
 * As at 2020-T1 (judged 2020-04-30): B runs in it and has not reported,
 * and was due 03-31: 1 overdue, 1 not reported. C has not started.
 * As at 2020-T2 (judged 2020-08-31): A (due 06-30, delayed), B (due 03-31)
 * and C (due 07-31) are overdue: 3; only C runs in it without reporting:
 * 1 not reported. Since 2020-T1: A newly delayed (In progress → Delayed)
 * and its progress up 40 → 60 (+20 points); nothing else.
 * As at the current period (this year, none of them runs in it): 3
 * overdue, none expected to report.
 */
#include "config.h"

#include "sam-gui-test-util.h"
#include "sam-period-chooser.h"
#include "store/sam-closing.h"
#include "store/sam-status.h"

static const char fixture_sql[] =
  "DELETE FROM status_update; DELETE FROM activity_change; DELETE FROM obligation_activity;"
  "UPDATE seminar SET activity_id = NULL; DELETE FROM activity_partner; DELETE FROM activity_sector;"
  "DELETE FROM activity_target_group; DELETE FROM activity_channel; DELETE FROM activity_language;"
  "DELETE FROM activity; DELETE FROM round_form; DELETE FROM reporting_round; DELETE FROM reporting_period;"
  "INSERT INTO reporting_period (id, code, start_date, end_date) VALUES"
  " (1, '2020-T1', '2020-01-01', '2020-04-30'), (2, '2020-T2', '2020-05-01', '2020-08-31');"
  "INSERT INTO plan (id, measure_id, title, kind, start_date, end_date)"
  " VALUES (900, (SELECT min(id) FROM measure), 'Testplan for perioder', 'information', '2020-01-01', '2020-12-31');"
  "INSERT INTO activity (id, plan_id, title, lead_agency_id, start_date, due_date, status, progress) VALUES"
  " (1, 900, 'A: Kurs for barnevernet', (SELECT id FROM agency WHERE short_name = 'Bufdir'),"
  "  '2020-01-01', '2020-06-30', 'delayed', 60),"
  " (2, 900, 'B: Veileder for helse', (SELECT id FROM agency WHERE short_name = 'Hdir'),"
  "  '2020-02-01', '2020-03-31', 'planned', NULL),"
  " (3, 900, 'C: Informasjon til arbeidsgivere', (SELECT id FROM agency WHERE short_name = 'Hdir'),"
  "  '2020-06-01', '2020-07-31', 'planned', NULL);"
  "INSERT INTO status_update (activity_id, period_id, status, progress, comment, reported_by, reported_at) VALUES"
  " (1, 1, 'in_progress', 40, 'Godt i gang', 'Kari', '2020-04-20T10:00:00'),"
  " (1, 2, 'delayed', 60, 'Venter på midler', 'Kari', '2020-08-25T10:00:00');";

typedef struct
{
  char      *dir;
  char      *current;     /* the code of this year's period */
  SamWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *today = sam_today ();
  g_autofree char *sql = NULL;
  int year = (int) g_ascii_strtoll (today, NULL, 10);

  f->dir = sam_test_make_dir ();
  g_object_unref (sam_test_open_new (f->dir, "periods.db"));
  path = g_build_filename (f->dir, "periods.db", NULL);
  f->current = g_strdup_printf ("%d-H", year);
  sql = g_strdup_printf ("%s INSERT INTO reporting_period (id, code, start_date, end_date)"
                         " VALUES (3, '%s', '%d-01-01', '%d-12-31');", fixture_sql, f->current, year, year);
  sam_test_sql (path, sql);
  f->window = sam_gui_open_window (path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "overview"));
  sam_gui_iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  sam_gui_iterate ();
  sam_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->current);
}

/* The drop-down of the period chooser @name ("overview-period", …). */
static GtkDropDown *
period_dropdown (Fixture    *f,
                 const char *name)
{
  GtkWidget *chooser = sam_gui_widget (f->window, name);

  return GTK_DROP_DOWN (gtk_widget_get_template_child (chooser, SAM_TYPE_PERIOD_CHOOSER, "dropdown"));
}

/* The text the period chooser @name shows. */
static const char *
chosen_period (Fixture    *f,
               const char *name)
{
  GtkDropDown *dropdown = period_dropdown (f, name);
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  return item ? gtk_string_object_get_string (item) : NULL;
}

static const char *
figure (Fixture    *f,
        const char *name)
{
  return gtk_button_get_label (GTK_BUTTON (sam_gui_widget (f->window, name)));
}

static const char *
label (Fixture    *f,
       const char *name)
{
  GtkWidget *widget = sam_gui_widget (f->window, name);

  return gtk_widget_get_visible (widget) ? gtk_label_get_text (GTK_LABEL (widget)) : NULL;
}

static void
choose_period (Fixture    *f,
               const char *prefix)
{
  sam_gui_pick_in (period_dropdown (f, "overview-period"), prefix);
  sam_gui_iterate ();
}

static GListModel *
change_rows (Fixture *f)
{
  return G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (sam_gui_widget (f->window, "overview-changes"))));
}

/* The subtitle of the change row whose title starts with @prefix. */
static const char *
change_subtitle (Fixture    *f,
                 const char *prefix)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (change_rows (f), sam_gui_find_row (change_rows (f), prefix));
  g_autoptr(SamNode) node = gtk_tree_list_row_get_item (row);

  return sam_node_get_subtitle (node);
}

/* The Overview opens on the current period, with its dates; another
 * period gives that period's figures and what changed since the one
 * before it. */
static void
test_overview_as_at (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *current = g_strdup_printf ("%s (1 Jan – 31 Dec %.4s)", f->current, f->current);
  g_autofree char *unreported = g_strdup_printf ("0 not reported in %s", f->current);
  g_autofree char *nothing = g_strdup_printf ("Nothing changed from 2020-T2 (1 May – 31 Aug 2020) to %s.", current);

  g_assert_cmpstr (chosen_period (f, "overview-period"), ==, current);
  g_assert_cmpstr (figure (f, "figure-overdue"), ==, "3 overdue");
  g_assert_cmpstr (figure (f, "figure-unreported"), ==, unreported);
  /* Today's overdue can be opened only for the period running today. */
  g_assert_true (gtk_widget_get_sensitive (sam_gui_widget (f->window, "figure-overdue")));
  g_assert_null (label (f, "overview-closing"));
  /* From 2020-T2 to this year nothing changed. */
  g_assert_cmpstr (label (f, "overview-changes-label"), ==, nothing);

  choose_period (f, "2020-T1");
  g_assert_cmpstr (chosen_period (f, "overview-period"), ==, "2020-T1 (1 Jan – 30 Apr 2020)");
  g_assert_cmpstr (figure (f, "figure-overdue"), ==, "1 overdue");
  g_assert_cmpstr (figure (f, "figure-unreported"), ==, "1 not reported in 2020-T1");
  g_assert_false (gtk_widget_get_sensitive (sam_gui_widget (f->window, "figure-overdue")));
  g_assert_cmpstr (label (f, "overview-changes-label"), ==,
                   "2020-T1 (1 Jan – 30 Apr 2020) is the first reporting period: there is nothing to compare it with.");
  g_assert_cmpuint (g_list_model_get_n_items (change_rows (f)), ==, 0);

  choose_period (f, "2020-T2");
  g_assert_cmpstr (figure (f, "figure-overdue"), ==, "3 overdue");
  g_assert_cmpstr (figure (f, "figure-unreported"), ==, "1 not reported in 2020-T2");
  g_assert_cmpstr (label (f, "overview-changes-label"), ==,
                   "Changes from 2020-T1 (1 Jan – 30 Apr 2020) to 2020-T2 (1 May – 31 Aug 2020)");
  /* A heading per kind of change, with its count, in the order of kinds. */
  g_assert_cmpuint (g_list_model_get_n_items (change_rows (f)), ==, 2);
  g_assert_cmpuint (sam_gui_find_row (change_rows (f), "Newly delayed or cancelled"), ==, 0);
  g_assert_cmpstr (change_subtitle (f, "Newly delayed or cancelled"), ==, "1");
  g_assert_cmpstr (change_subtitle (f, "Progress up"), ==, "1");
  sam_gui_expand (change_rows (f), "Progress up");
  g_assert_cmpstr (change_subtitle (f, "A: Kurs for barnevernet"), ==, "40 % → 60 % (+20 points)");
  sam_gui_expand (change_rows (f), "Newly delayed or cancelled");
  g_assert_cmpstr (change_subtitle (f, "A: Kurs for barnevernet"), ==, "In progress → Delayed");
}

/* An activity among the changes opens its plan in the Plans view. */
static void
test_change_opens_plan (Fixture       *f,
                        gconstpointer  data)
{
  GtkListView *view = GTK_LIST_VIEW (sam_gui_widget (f->window, "overview-changes"));
  GListModel *activities;

  choose_period (f, "2020-T2");
  sam_gui_expand (change_rows (f), "Progress up");
  g_signal_emit_by_name (view, "activate", sam_gui_find_row (change_rows (f), "A: Kurs for barnevernet"));
  sam_gui_iterate ();
  g_assert_cmpint (sam_window_get_view (f->window), ==, SAM_VIEW_PLANS);
  activities = sam_gui_activity_rows (f->window);
  g_assert_cmpuint (g_list_model_get_n_items (activities), ==, 3);
  g_assert_cmpuint (sam_gui_find_activity (f->window, "A: Kurs for barnevernet"), <, 3);
  g_assert_cmpuint (sam_gui_find_activity (f->window, "C: Informasjon til arbeidsgivere"), <, 3);
}

/* The Follow-up counts as at the period the Overview chose, and choosing
 * there chooses for the Overview too. */
static void
test_follow_up_as_at (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *current = g_strdup_printf ("%s (1 Jan – 31 Dec %.4s)", f->current, f->current);
  g_autofree char *all_reported = g_strdup_printf ("Every activity expected to report in %s has reported.", current);

  choose_period (f, "2020-T1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "follow-up"));
  sam_gui_iterate ();
  g_assert_cmpstr (chosen_period (f, "follow-up-period"), ==, "2020-T1 (1 Jan – 30 Apr 2020)");
  g_assert_cmpstr (label (f, "follow-up-header"), ==,
                   "Activities expected to report in 2020-T1 (1 Jan – 30 Apr 2020) that have not, by lead agency.");
  sam_gui_expand (sam_gui_rows (f->window), "Helsedirektoratet");
  g_assert_cmpuint (sam_gui_find_row (sam_gui_rows (f->window), "B: Veileder for helse"), <, G_MAXUINT);
  g_assert_cmpuint (g_list_model_get_n_items (sam_gui_rows (f->window)), ==, 2);

  sam_gui_pick_in (period_dropdown (f, "follow-up-period"), "2020-T2");
  sam_gui_iterate ();
  sam_gui_expand (sam_gui_rows (f->window), "Helsedirektoratet");
  g_assert_cmpuint (sam_gui_find_row (sam_gui_rows (f->window), "C: Informasjon til arbeidsgivere"), <, G_MAXUINT);
  g_assert_cmpuint (g_list_model_get_n_items (sam_gui_rows (f->window)), ==, 2);

  sam_gui_pick_in (period_dropdown (f, "follow-up-period"), f->current);
  sam_gui_iterate ();
  g_assert_cmpstr (label (f, "follow-up-header"), ==, all_reported);
  g_assert_cmpuint (g_list_model_get_n_items (sam_gui_rows (f->window)), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "overview"));
  sam_gui_iterate ();
  g_assert_cmpstr (chosen_period (f, "overview-period"), ==, current);
}

static gboolean
is_closed (gpointer data)
{
  Fixture *f = data;

  sam_gui_iterate ();
  return g_str_has_prefix (label (f, "report-period-state"), "Closed on");
}

/* Closes 2020-T2 in the Reports view, as a person would. */
static void
close_period (Fixture *f)
{
  GtkDropDown *periods = GTK_DROP_DOWN (sam_gui_widget (f->window, "report-period"));
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "reports"));
  sam_gui_iterate ();
  sam_gui_pick_in (periods, "2020-T2");
  g_assert_cmpstr (label (f, "report-period-state"), ==, "Open: its report shows the plan as it is.");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (sam_gui_widget (f->window, "report-close"))), ==,
                   "C_lose Period…");
  g_signal_emit_by_name (sam_gui_widget (f->window, "report-close"), "clicked");
  sam_gui_iterate ();
  dialog = sam_gui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Close 2020-T2?");
  adw_message_dialog_response (dialog, "close");
  sam_gui_wait_until (is_closed, f, "the period to be closed");
}

static void
show_overview (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "overview"));
  sam_gui_iterate ();
}

/* C reports late for 2020-T2. */
static void
report_late (Fixture *f)
{
  SamStatusEntry entry = { .activity_id = 3, .period_id = 2, .status = "in_progress", .progress = 10,
                           .comment = "Sent rapport", .reported_by = "Ola" };
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_status_record (sam_window_get_store (f->window), &entry, &error));
  g_assert_no_error (error);
  sam_gui_iterate ();
}

static void
undo (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  sam_gui_iterate ();
}

/* A closed period shows what it froze, says when it was closed and how
 * much differs today; undo takes the difference away again. */
static void
test_closed_period (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *today = sam_today ();
  g_autofree char *who = sam_closing_who ();
  g_autofree char *closed = g_strdup_printf ("Closed on %s by %s: the figures are as they were then.", today, who);
  g_autofree char *changed = g_strdup_printf ("%s 1 activity changed since 2020-T2 was closed.", closed);
  g_autofree char *list_closed = g_strdup_printf ("The period was closed on %s by %s: the list is as it was then.",
                                                  today, who);

  choose_period (f, "2020-T2");
  close_period (f);
  show_overview (f);
  g_assert_cmpstr (chosen_period (f, "overview-period"), ==, "2020-T2 (1 May – 31 Aug 2020), closed");
  g_assert_cmpstr (label (f, "overview-closing"), ==, closed);
  g_assert_false (gtk_widget_has_css_class (sam_gui_widget (f->window, "overview-closing"), "warning"));
  g_assert_cmpstr (figure (f, "figure-unreported"), ==, "1 not reported in 2020-T2");

  /* A late report changes today's data, not the closed period's figures. */
  report_late (f);
  g_assert_cmpstr (figure (f, "figure-unreported"), ==, "1 not reported in 2020-T2");
  g_assert_cmpstr (figure (f, "figure-overdue"), ==, "3 overdue");
  g_assert_cmpstr (label (f, "overview-closing"), ==, changed);
  g_assert_true (gtk_widget_has_css_class (sam_gui_widget (f->window, "overview-closing"), "warning"));
  /* The Follow-up lists what the period froze, and says so. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "follow-up"));
  sam_gui_iterate ();
  g_assert_true (g_str_has_suffix (label (f, "follow-up-header"), list_closed));
  sam_gui_expand (sam_gui_rows (f->window), "Helsedirektoratet");
  g_assert_cmpuint (sam_gui_find_row (sam_gui_rows (f->window), "C: Informasjon til arbeidsgivere"), <, G_MAXUINT);

  show_overview (f);
  undo (f);
  g_assert_cmpstr (label (f, "overview-closing"), ==, closed);
  g_assert_cmpstr (figure (f, "figure-unreported"), ==, "1 not reported in 2020-T2");
}

/* Reopening lets the figures follow the data; undoing it closes the
 * period again with what it froze, and undoing the closing opens it. */
static void
test_reopen_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *today = sam_today ();
  g_autofree char *who = sam_closing_who ();
  g_autofree char *closed = g_strdup_printf ("Closed on %s by %s: the figures are as they were then.", today, who);

  choose_period (f, "2020-T2");
  close_period (f);
  report_late (f);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (sam_gui_widget (f->window, "report-close"))), ==,
                   "_Reopen Period…");
  g_signal_emit_by_name (sam_gui_widget (f->window, "report-close"), "clicked");
  sam_gui_iterate ();
  g_assert_cmpstr (label (f, "report-period-state"), ==, "Open: its report shows the plan as it is.");

  show_overview (f);
  g_assert_null (label (f, "overview-closing"));
  g_assert_cmpstr (chosen_period (f, "overview-period"), ==, "2020-T2 (1 May – 31 Aug 2020)");
  g_assert_cmpstr (figure (f, "figure-unreported"), ==, "0 not reported in 2020-T2");

  /* Undo the reopening: closed again, as it was frozen. */
  undo (f);
  g_assert_true (g_str_has_prefix (label (f, "overview-closing"), closed));
  g_assert_cmpstr (figure (f, "figure-unreported"), ==, "1 not reported in 2020-T2");
  /* Undo the late report, then the closing itself. */
  undo (f);
  g_assert_cmpstr (label (f, "overview-closing"), ==, closed);
  undo (f);
  g_assert_null (label (f, "overview-closing"));
  g_assert_cmpstr (chosen_period (f, "overview-period"), ==, "2020-T2 (1 May – 31 Aug 2020)");
  g_assert_cmpstr (figure (f, "figure-unreported"), ==, "1 not reported in 2020-T2");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/gui/periods/overview-as-at", test_overview_as_at);
  ADD ("/gui/periods/change-opens-plan", test_change_opens_plan);
  ADD ("/gui/periods/follow-up-as-at", test_follow_up_as_at);
  ADD ("/gui/periods/closed-period", test_closed_period);
  ADD ("/gui/periods/reopen-and-undo", test_reopen_and_undo);
  return g_test_run ();
}
