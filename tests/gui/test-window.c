/* The main window, as a newcomer uses it: it opens on the default plan,
 * the plans tree leads from the focus area to a plan's activities, a row
 * shows its fields and links, and a bad file gets a dialog, not a crash. */
#include "config.h"

#include "sam-gui-test-util.h"

static char *dir;

static void
test_browse_default_plan (void)
{
  g_autofree char *path = g_build_filename (dir, "browse.db", NULL);
  SamWindow *window = sam_gui_open_window (path);
  g_autoptr(SamRecord) plan = NULL;
  g_autoptr(GPtrArray) in_plan = NULL;
  GListModel *activities;
  SamRecord *shown;

  g_assert_cmpstr (sam_window_get_page (window), ==, "browse");
  g_assert_null (sam_window_get_error (window));

  /* The overview opens first, one row per measure. */
  sam_window_show_view (window, SAM_VIEW_OVERVIEW);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "plans"));

  /* The focus area is open; measure 7 leads to its plan. */
  sam_gui_expand (sam_gui_plan_rows (window), "Measure 7: Utvikle kompetansehevingstiltak");
  sam_gui_expand (sam_gui_plan_rows (window), "Plans");
  sam_gui_select (sam_gui_plan_rows (window), "Tverrsektoriell kompetansehevingsplan");

  /* The table shows exactly the plan's activities. */
  plan = sam_test_find (sam_window_get_store (window), SAM_KIND_PLAN, "title", "Tverrsektoriell kompetansehevingsplan");
  in_plan = sam_store_list_by (sam_window_get_store (window), SAM_KIND_ACTIVITY, "plan_id", sam_record_get_id (plan), NULL);
  activities = sam_gui_activity_rows (window);
  g_assert_cmpuint (g_list_model_get_n_items (activities), ==, in_plan->len);
  g_assert_cmpuint (in_plan->len, >=, 15);

  /* Selecting one shows every field and link. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (activities),
                                   sam_gui_find_activity (window, "Gjennomføre 1–2 nasjonale tverrfaglige seminarer"), TRUE);
  sam_gui_iterate ();
  shown = sam_window_get_shown_record (window);
  g_assert_nonnull (shown);
  g_assert_cmpint (sam_record_get_kind (shown), ==, SAM_KIND_ACTIVITY);
  g_assert_cmpstr (sam_record_get_title (shown), ==, "Gjennomføre 1–2 nasjonale tverrfaglige seminarer årlig");
  g_assert_cmpstr (gtk_drop_down_get_selected_item (GTK_DROP_DOWN (sam_gui_editor_widget (window, "lead_agency_id")))
                   ? sam_record_get_title (gtk_drop_down_get_selected_item (GTK_DROP_DOWN (sam_gui_editor_widget (window, "lead_agency_id"))))
                   : NULL, ==, "Direktoratsgruppen mot menneskehandel (Direktoratsgruppen)");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_follow_link_and_back (void)
{
  g_autofree char *path = g_build_filename (dir, "links.db", NULL);
  SamWindow *window = sam_gui_open_window (path);
  g_autoptr(SamRecord) bufdir = sam_test_find (sam_window_get_store (window), SAM_KIND_AGENCY, "short_name", "Bufdir");
  g_autoptr(SamRecord) bfd = sam_test_find (sam_window_get_store (window), SAM_KIND_AGENCY, "short_name", "BFD");
  SamEditor *editor = sam_window_get_editor (window);

  /* Agencies view: ministries with their agencies under them. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "agencies"));
  sam_gui_expand (sam_gui_rows (window), "Barne- og familiedepartementet (BFD)");
  sam_gui_select (sam_gui_rows (window), "Barne-, ungdoms- og familiedirektoratet (Bufdir)");
  g_assert_cmpint (sam_record_get_id (sam_window_get_shown_record (window)), ==, sam_record_get_id (bufdir));
  g_assert_nonnull (strstr (sam_gui_detail (sam_editor_get_links (editor), "Activities (Lead agency)"),
                            "lavterskelseminarer"));

  sam_window_show_record (window, bfd);
  g_assert_cmpint (sam_record_get_id (sam_window_get_shown_record (window)), ==, sam_record_get_id (bfd));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  g_assert_cmpint (sam_record_get_id (sam_window_get_shown_record (window)), ==, sam_record_get_id (bufdir));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The keyboard shortcuts window is built when first asked for, not with
 * the window, and opens again after it was closed. */
static void
test_shortcuts_window (void)
{
  g_autofree char *path = g_build_filename (dir, "shortcuts.db", NULL);
  SamWindow *window = sam_gui_open_window (path);
  GtkApplicationWindow *app_window = GTK_APPLICATION_WINDOW (window);
  GtkShortcutsWindow *shortcuts;

  g_assert_null (gtk_application_window_get_help_overlay (app_window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.shortcuts", NULL));
  sam_gui_iterate ();
  shortcuts = gtk_application_window_get_help_overlay (app_window);
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (shortcuts)) == GTK_WINDOW (window));

  gtk_window_close (GTK_WINDOW (shortcuts));
  sam_gui_iterate ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.shortcuts", NULL));
  sam_gui_iterate ();
  g_assert_true (gtk_application_window_get_help_overlay (app_window) == shortcuts);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_bad_file_dialog (void)
{
  g_autofree char *path = g_build_filename (dir, "notes.db", NULL);
  SamWindow *window;
  AdwMessageDialog *dialog;

  g_file_set_contents (path, "not a database\n", -1, NULL);
  window = sam_gui_open_window (path);

  g_assert_cmpstr (sam_window_get_page (window), ==, "error");
  g_assert_nonnull (strstr (sam_window_get_error (window), "is not a Samordna database"));
  dialog = sam_gui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Database Could Not Be Opened");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Choose another file"));
  g_assert_true (adw_message_dialog_has_response (dialog, "open"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
page_is_error (gpointer window)
{
  return g_strcmp0 (sam_window_get_page (window), "error") == 0;
}

/* A file damaged inside opens at once; the check that follows finds it,
 * takes the plan away and says so. */
static void
test_damage_found_after_opening (void)
{
  g_autofree char *path = g_build_filename (dir, "damaged.db", NULL);
  g_autoptr(GBytes) before = NULL, after = NULL;
  SamWindow *window;
  AdwMessageDialog *dialog;

  sam_test_make_damaged (path);
  before = sam_test_read_file (path);
  window = sam_gui_open_window (path);
  sam_gui_wait_until (page_is_error, window, "the damage to be found");
  g_assert_nonnull (strstr (sam_window_get_error (window), "is damaged"));
  g_assert_null (sam_window_get_store (window));
  dialog = sam_gui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  sam_gui_iterate ();
  after = sam_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));
}

/* Opens the New menu with Ctrl+N; returns its items' labels, joined by
 * "|", and closes it. */
static char *
new_menu_items (SamWindow *window)
{
  GtkMenuButton *button = sam_gui_find_menu_button (GTK_WIDGET (window), "list-add-symbolic");
  GString *labels = g_string_new (NULL);
  GMenuModel *menu;

  g_assert_nonnull (button);
  sam_gui_press (GTK_WINDOW (window), "ctrl+n");
  sam_gui_iterate ();
  g_assert_nonnull (gtk_menu_button_get_popover (button));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (button))));
  menu = gtk_menu_button_get_menu_model (button);
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;

      g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      g_string_append_printf (labels, "%s%s", labels->len ? "|" : "", label);
    }
  gtk_menu_button_popdown (button);
  sam_gui_iterate ();
  return g_string_free (labels, FALSE);
}

/* The New menu (made when first opened) lists what can be added in the
 * view shown, and follows the view. */
static void
test_new_menu (void)
{
  g_autofree char *path = g_build_filename (dir, "new.db", NULL);
  SamWindow *window = sam_gui_open_window (path);
  g_autofree char *in_plans = NULL;
  g_autofree char *in_seminars = NULL;
  g_autofree char *in_plans_again = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "plans"));
  sam_gui_iterate ();
  in_plans = new_menu_items (window);
  g_assert_cmpstr (in_plans, ==, "_Activity|_Plan|_Goal|P_riority Task|_Measure|_Focus Area");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "seminars"));
  sam_gui_iterate ();
  in_seminars = new_menu_items (window);
  g_assert_cmpstr (in_seminars, ==, "_Seminar|Seminar _Format");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "plans"));
  sam_gui_iterate ();
  in_plans_again = new_menu_items (window);
  g_assert_cmpstr (in_plans_again, ==, in_plans);
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

  g_test_add_func ("/gui/window/browse-default-plan", test_browse_default_plan);
  g_test_add_func ("/gui/window/follow-link-and-back", test_follow_link_and_back);
  g_test_add_func ("/gui/window/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/gui/window/bad-file-dialog", test_bad_file_dialog);
  g_test_add_func ("/gui/window/damage-found-after-opening", test_damage_found_after_opening);
  g_test_add_func ("/gui/window/new-menu", test_new_menu);
  status = g_test_run ();

  sam_test_remove_dir (dir);
  g_free (dir);
  return status;
}
