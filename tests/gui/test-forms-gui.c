/* The reporting round in the window: Start Reporting Round writes the
 * forms and shows the board; importing shows the review dialog, whose
 * per-file choice decides what Apply records, as one undo step. */
#include "config.h"

#include <glib/gstdio.h>

#include "sam-gui-test-util.h"
#include "sam-import-dialog.h"
#include "sam-round-actions.h"
#include "sam-round-board.h"
#include "sam-round-dialog.h"

static gboolean
toplevel_shown (gpointer type)
{
  return sam_gui_find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

static void
test_round_and_review (void)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "plan.db", NULL);
  g_autofree char *forms = g_build_filename (dir, "forms", NULL);
  g_autofree char *form = g_build_filename (forms, "2026-T1 Bufdir.xlsx", NULL);
  g_autofree char *junk = g_build_filename (dir, "notes.xlsx", NULL);
  char *paths[] = { form, junk, NULL };
  SamWindow *window = sam_gui_open_window (db);
  SamStore *store = sam_window_get_store (window);
  SamRoundDialog *round;
  SamRoundBoard *board;
  SamImportDialog *review;
  gint64 before;

  g_mkdir (forms, 0755);
  g_file_set_contents (junk, "not a workbook", -1, NULL);

  /* A bad deadline is refused in the dialog, with nothing written. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.start-round", NULL);
  round = sam_gui_find_toplevel (SAM_TYPE_ROUND_DIALOG);
  g_assert_nonnull (round);
  sam_round_dialog_fill (round, "2026-T1", "15. april", TRUE, forms);
  sam_round_dialog_write (round);
  g_assert_nonnull (strstr (sam_round_dialog_get_error (round), "is not a date"));
  g_assert_false (g_file_test (form, G_FILE_TEST_EXISTS));
  sam_round_dialog_fill (round, "2026-T1", "2026-01-15", TRUE, forms);
  sam_round_dialog_write (round);
  sam_gui_wait_until (toplevel_shown, GSIZE_TO_POINTER (SAM_TYPE_ROUND_BOARD), "the round's board");
  board = sam_gui_find_toplevel (SAM_TYPE_ROUND_BOARD);
  g_assert_true (g_file_test (form, G_FILE_TEST_EXISTS));
  /* The deadline has passed and nothing came back: every agency is late. */
  g_assert_cmpuint (sam_round_board_get_late (board), ==, sam_store_count (store, SAM_KIND_ROUND_FORM));
  gtk_window_destroy (GTK_WINDOW (board));

  before = sam_store_count (store, SAM_KIND_STATUS_UPDATE);
  sam_round_import_files (GTK_WINDOW (window), sam_window_get_store (window), paths);
  sam_gui_wait_until (toplevel_shown, GSIZE_TO_POINTER (SAM_TYPE_IMPORT_DIALOG), "the review");
  review = sam_gui_find_toplevel (SAM_TYPE_IMPORT_DIALOG);
  g_assert_nonnull (strstr (sam_import_dialog_get_summary (review), "from 1 of the files"));
  /* Skipping the one good file leaves nothing to apply. */
  sam_import_dialog_set_apply (review, 0, FALSE);
  g_assert_nonnull (strstr (sam_import_dialog_get_summary (review), "0 status updates from 0"));
  sam_import_dialog_set_apply (review, 0, TRUE);
  g_assert_true (sam_import_dialog_apply (review));
  sam_gui_iterate ();
  g_assert_cmpint (sam_store_count (store, SAM_KIND_STATUS_UPDATE), >, before);

  /* One undo takes the whole import back. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  sam_gui_iterate ();
  g_assert_cmpint (sam_store_count (store, SAM_KIND_STATUS_UPDATE), ==, before);

  gtk_window_destroy (GTK_WINDOW (window));
  sam_gui_iterate ();
  sam_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/gui/forms/round-and-review", test_round_and_review);
  return g_test_run ();
}
