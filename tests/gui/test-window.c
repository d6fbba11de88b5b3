/* The main window, as a newcomer uses it: it opens on the default plan,
 * the tree leads from the focus area to a plan's activities, a row shows
 * its fields and links, and a bad file gets a dialog, not a crash. */
#include "config.h"

#include "sam-window.h"
#include "models/sam-details.h"
#include "sam-test-util.h"

static char *dir;

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition   condition,
            gpointer    data,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
page_is_not_loading (gpointer window)
{
  return g_strcmp0 (sam_window_get_page (window), "loading") != 0;
}

static SamWindow *
open_window (const char *path)
{
  SamWindow *window = sam_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  sam_window_open_database (window, path);
  wait_until (page_is_not_loading, window, "the database to open");
  return window;
}

/* Returns the position of the visible row whose title starts with @prefix. */
static guint
find_row (SamWindow  *window,
          const char *prefix)
{
  GListModel *rows = sam_window_get_rows (window);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(SamNode) node = gtk_tree_list_row_get_item (row);

      if (g_str_has_prefix (sam_node_get_title (node), prefix))
        return i;
    }
  g_error ("The window shows no row “%s…”", prefix);
}

static void
expand (SamWindow  *window,
        const char *prefix)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (sam_window_get_rows (window),
                                                         find_row (window, prefix));
  gtk_tree_list_row_set_expanded (row, TRUE);
}

static const char *
detail (SamWindow  *window,
        const char *label)
{
  GListModel *details = sam_window_get_details (window);

  for (guint i = 0; details && i < g_list_model_get_n_items (details); i++)
    {
      g_autoptr(SamDetail) d = g_list_model_get_item (details, i);
      if (g_str_equal (sam_detail_get_label (d), label))
        return sam_detail_get_markup (d);
    }
  return NULL;
}

static void
test_browse_default_plan (void)
{
  g_autofree char *path = g_build_filename (dir, "browse.db", NULL);
  SamWindow *window = open_window (path);
  guint first_activity, n_rows;
  SamRecord *shown;

  g_assert_cmpstr (sam_window_get_page (window), ==, "browse");
  g_assert_null (sam_window_get_error (window));

  /* The focus area is open; measure 7 is there, and leads to its plan. */
  expand (window, "Measure 7: Utvikle kompetansehevingstiltak");
  expand (window, "Plans");
  n_rows = g_list_model_get_n_items (sam_window_get_rows (window));
  expand (window, "Tverrsektoriell kompetansehevingsplan");
  g_assert_cmpuint (g_list_model_get_n_items (sam_window_get_rows (window)), >=, n_rows + 15);
  first_activity = find_row (window, "Gjennomføre 1–2 nasjonale tverrfaglige seminarer");

  /* Selecting it shows every field and link. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (sam_window_get_rows (window)), first_activity, TRUE);
  shown = sam_window_get_shown_record (window);
  g_assert_nonnull (shown);
  g_assert_cmpint (sam_record_get_kind (shown), ==, SAM_KIND_ACTIVITY);
  g_assert_nonnull (strstr (detail (window, "Lead agency"), "Direktoratsgruppen mot menneskehandel"));
  g_assert_nonnull (strstr (detail (window, "Plan"), "Tverrsektoriell kompetansehevingsplan"));
  g_assert_nonnull (detail (window, "Partner agencies"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_follow_link_and_back (void)
{
  g_autofree char *path = g_build_filename (dir, "links.db", NULL);
  SamWindow *window = open_window (path);
  g_autoptr(SamRecord) bufdir = sam_test_find (sam_window_get_store (window), SAM_KIND_AGENCY, "short_name", "Bufdir");
  g_autoptr(SamRecord) bfd = sam_test_find (sam_window_get_store (window), SAM_KIND_AGENCY, "short_name", "BFD");

  /* Agencies view: ministries with their agencies under them. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "agencies");
  expand (window, "Barne- og familiedepartementet (BFD)");
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (sam_window_get_rows (window)),
                                   find_row (window, "Barne-, ungdoms- og familiedirektoratet (Bufdir)"), TRUE);
  g_assert_cmpint (sam_record_get_id (sam_window_get_shown_record (window)), ==, sam_record_get_id (bufdir));
  g_assert_nonnull (strstr (detail (window, "Activities (Lead agency)"), "lavterskelseminarer"));

  sam_window_show_record (window, bfd);
  g_assert_cmpint (sam_record_get_id (sam_window_get_shown_record (window)), ==, sam_record_get_id (bfd));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  g_assert_cmpint (sam_record_get_id (sam_window_get_shown_record (window)), ==, sam_record_get_id (bufdir));

  gtk_window_destroy (GTK_WINDOW (window));
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static void
test_bad_file_dialog (void)
{
  g_autofree char *path = g_build_filename (dir, "notes.db", NULL);
  SamWindow *window;
  AdwMessageDialog *dialog;

  g_file_set_contents (path, "not a database\n", -1, NULL);
  window = open_window (path);

  g_assert_cmpstr (sam_window_get_page (window), ==, "error");
  g_assert_nonnull (strstr (sam_window_get_error (window), "is not a Samordna database"));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Database Could Not Be Opened");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Choose another file"));
  g_assert_true (adw_message_dialog_has_response (dialog, "open"));

  gtk_window_destroy (GTK_WINDOW (dialog));
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
  g_test_add_func ("/gui/window/bad-file-dialog", test_bad_file_dialog);
  status = g_test_run ();

  sam_test_remove_dir (dir);
  g_free (dir);
  return status;
}
