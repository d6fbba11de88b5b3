/* The Seminars view: plan a national seminar, register organisations
 * past its capacity, mark it held with attendance, and watch the year's
 * target check change, checking the database after each step. */
#include "config.h"

#include "sam-gui-test-util.h"
#include "store/sam-seminars.h"
#include "sam-registration-dialog.h"

static char *dir;

static GtkLabel *
target_label (SamWindow *window)
{
  return GTK_LABEL (sam_gui_widget (window, "seminar-target"));
}

static SamRecord *
register_org (SamWindow  *window,
              SamRecord  *seminar,
              const char *organisation,
              int         participants,
              const char *sector)
{
  SamRegistrationDialog *dialog;

  sam_window_show_record (window, seminar);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.register", NULL));
  sam_gui_iterate ();
  dialog = sam_gui_find_toplevel (SAM_TYPE_REGISTRATION_DIALOG);
  g_assert_nonnull (dialog);
  sam_registration_dialog_fill (dialog, organisation, sector, participants);
  return sam_registration_dialog_register (dialog);
}

static void
test_plan_register_hold (void)
{
  g_autofree char *path = g_build_filename (dir, "seminars.db", NULL);
  SamWindow *window = sam_gui_open_window (path);
  SamStore *store = sam_window_get_store (window);
  g_autoptr(SamRecord) seminar = NULL, first = NULL, second = NULL, third = NULL, held = NULL;
  g_autoptr(SamRecord) r1 = NULL, r3 = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *year = g_strdup_printf ("%d", g_date_time_get_year (now));
  GListModel *seminar_details;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "seminars"));
  sam_gui_iterate ();

  /* A fresh plan has no national seminar this year: the target is not met. */
  g_assert_true (g_str_has_prefix (gtk_label_get_text (target_label (window)), year));
  g_assert_nonnull (strstr (gtk_label_get_text (target_label (window)), "not yet met"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (target_label (window)), "warning"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", "s", "seminar"));
  sam_gui_iterate ();
  seminar = g_object_ref (sam_window_get_shown_record (window));
  g_assert_cmpint (sam_record_get_kind (seminar), ==, SAM_KIND_SEMINAR);
  sam_gui_type (window, "title", "Nasjonalt seminar om utnytting i arbeidslivet");
  sam_gui_type (window, "place", "Oslo");
  sam_gui_set_number (window, "capacity", 20);

  /* Planned this year: the target is met now. */
  g_assert_nonnull (strstr (gtk_label_get_text (target_label (window)), "is met"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (target_label (window)), "success"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (
      GTK_LIST_VIEW (sam_gui_widget (window, "seminar-list"))))), ==, 1);

  first = register_org (window, seminar, "Bergen kommune, barnevernstjenesten", 12, "Barnevern");
  second = register_org (window, seminar, "Arbeidstilsynet Vest", 6, "Arbeidstilsyn");
  g_assert_cmpint (sam_record_get_int (first, "waitlisted"), ==, 0);
  g_assert_cmpint (sam_record_get_int (second, "waitlisted"), ==, 0);

  /* A registration with no organisation is refused in the dialog. */
  {
    SamRegistrationDialog *dialog;

    sam_window_show_record (window, seminar);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.register", NULL));
    sam_gui_iterate ();
    dialog = sam_gui_find_toplevel (SAM_TYPE_REGISTRATION_DIALOG);
    sam_registration_dialog_fill (dialog, "  ", "Barnevern", 3);
    g_assert_null (sam_registration_dialog_register (dialog));
    g_assert_nonnull (strstr (sam_registration_dialog_get_error (dialog), "Organisation"));
    sam_registration_dialog_fill (dialog, "Asker kommune", "Barnevern", -2);
    g_assert_null (sam_registration_dialog_register (dialog));
    g_assert_cmpint (sam_store_count (store, SAM_KIND_REGISTRATION), ==, 2);
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* Past capacity: the third goes on the waiting list. */
  third = register_org (window, seminar, "Politiet i Vest", 5, "Politi og påtalemyndighet");
  g_assert_cmpint (sam_record_get_int (third, "waitlisted"), ==, 1);
  sam_window_show_record (window, seminar);
  seminar_details = sam_editor_get_seminar (sam_window_get_editor (window));
  g_assert_cmpstr (sam_gui_detail (seminar_details, "Places"), ==, "18 of 20 places taken · 5 waiting");
  g_assert_nonnull (strstr (sam_gui_detail (seminar_details, "Registrations"), "on the waiting list"));

  /* Attendance per registration, then held. */
  sam_window_show_record (window, first);
  sam_gui_set_number (window, "attended", 10);
  sam_window_show_record (window, second);
  sam_gui_set_number (window, "attended", 6);
  r1 = sam_store_get (store, SAM_KIND_REGISTRATION, sam_record_get_id (first), NULL);
  g_assert_cmpint (sam_record_get_int (r1, "attended"), ==, 10);

  /* More attending than registered is refused by the field. */
  sam_gui_set_number (window, "attended", 9);
  g_assert_nonnull (sam_gui_field_error (window, "attended"));

  sam_window_show_record (window, seminar);
  sam_gui_pick (window, "status", "Held");
  held = sam_store_get (store, SAM_KIND_SEMINAR, sam_record_get_id (seminar), NULL);
  g_assert_cmpstr (sam_record_get_string (held, "status"), ==, "held");
  seminar_details = sam_editor_get_seminar (sam_window_get_editor (window));
  g_assert_nonnull (strstr (sam_gui_detail (seminar_details, "Places"), "16 attended"));
  g_assert_nonnull (strstr (sam_gui_detail (seminar_details, "Attendance by sector"), "Barnevern: 10 (62 %)"));
  /* A national seminar where one sector has more than half is flagged. */
  g_assert_nonnull (strstr (sam_gui_detail (seminar_details, "Attendance by sector"), "<b>"));

  /* Cancelling a place moves the waiting list up. */
  g_assert_true (sam_store_count (store, SAM_KIND_REGISTRATION) == 3);
  sam_window_show_record (window, second);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete", NULL));
  r3 = sam_store_get (store, SAM_KIND_REGISTRATION, sam_record_get_id (third), NULL);
  g_assert_cmpint (sam_record_get_int (r3, "waitlisted"), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dir = sam_test_make_dir ();
  g_test_add_func ("/gui/seminars/plan-register-hold", test_plan_register_hold);
  status = g_test_run ();
  sam_test_remove_dir (dir);
  g_free (dir);
  return status;
}
