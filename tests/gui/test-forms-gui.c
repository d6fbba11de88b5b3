/* The reporting round in the window: Start Reporting Round writes the
 * forms and shows the board, asking before a deadline that has passed or
 * a new round over the period's; importing shows the review dialog, whose
 * per-file and per-conflict choices decide what Apply records, as one undo
 * step. */
#include "config.h"

#include <glib/gstdio.h>

#include "sam-gui-test-util.h"
#include "forms/sam-xlsx-reader.h"
#include "store/sam-round.h"
#include "store/sam-status.h"
#include "sam-import-dialog.h"
#include "sam-round-actions.h"
#include "sam-round-board.h"
#include "sam-round-dialog.h"

static gboolean
toplevel_shown (gpointer type)
{
  return sam_gui_find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

/* Answers the question the window asks with @response; returns its text. */
static char *
answer (const char *response)
{
  AdwMessageDialog *dialog;
  char *body;

  sam_gui_wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), "a question");
  dialog = sam_gui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  body = g_strdup (adw_message_dialog_get_body (dialog));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  sam_gui_iterate ();
  return body;
}

/* Fills @in into @out as an agency would, with openpyxl: "G6=s:Pågår", …, NULL. */
static void
fill (const char *in,
      const char *out,
      ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  va_list args;
  int status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("SAM_PYTHON"));
  g_ptr_array_add (argv, (char *) g_getenv ("SAM_FILL_FORM"));
  g_ptr_array_add (argv, (char *) in);
  g_ptr_array_add (argv, (char *) out);
  va_start (args, out);
  for (const char *a = va_arg (args, const char *); a; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_nonnull (argv->pdata[0]);
  g_assert_nonnull (argv->pdata[1]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* The activity on row @row (1-based) of the form at @path. */
static gint64
form_activity (const char *path,
               guint32     row)
{
  g_autoptr(SamXlsxBook) book = sam_xlsx_book_open (path, NULL, NULL);
  g_autofree char *id = NULL;
  int sheet;

  g_assert_nonnull (book);
  sheet = sam_xlsx_book_find_sheet (book, "Status");
  g_assert_true (sam_xlsx_book_read_sheet (book, sheet, NULL));
  id = sam_xlsx_cell_to_text (sam_xlsx_book_get_cell (book, sheet, row - 1, 0));
  return g_ascii_strtoll (id, NULL, 10);
}

static void
test_round_and_review (void)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "plan.db", NULL);
  g_autofree char *forms = g_build_filename (dir, "forms", NULL);
  g_autofree char *form = g_build_filename (forms, "2026-T1 Bufdir.xlsx", NULL);
  g_autofree char *junk = g_build_filename (dir, "notes.xlsx", NULL);
  g_autofree char *filled = g_build_filename (dir, "filled.xlsx", NULL);
  char *paths[] = { filled, junk, NULL };
  g_autoptr(SamRecord) activity = NULL;
  gint64 conflicting;
  SamWindow *window = sam_gui_open_window (db);
  SamStore *store = sam_window_get_store (window);
  SamRoundDialog *round;
  SamRoundBoard *board;
  SamImportDialog *review;
  g_autofree char *question = NULL;
  gint64 before, rounds, forms_written;

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
  /* A deadline that has passed is asked about; only yes writes. */
  sam_round_dialog_fill (round, "2026-T1", "2026-01-15", TRUE, forms);
  sam_round_dialog_write (round);
  question = answer ("cancel");
  g_assert_nonnull (strstr (question, "has passed"));
  g_assert_false (g_file_test (form, G_FILE_TEST_EXISTS));
  g_clear_pointer (&question, g_free);
  sam_round_dialog_write (round);
  question = answer ("go");
  g_clear_pointer (&question, g_free);
  sam_gui_wait_until (toplevel_shown, GSIZE_TO_POINTER (SAM_TYPE_ROUND_BOARD), "the round's board");
  board = sam_gui_find_toplevel (SAM_TYPE_ROUND_BOARD);
  g_assert_true (g_file_test (form, G_FILE_TEST_EXISTS));
  /* The deadline has passed and nothing came back: every agency is late. */
  forms_written = sam_store_count (store, SAM_KIND_ROUND_FORM);
  g_assert_cmpuint (sam_round_board_get_late (board), ==, forms_written);
  /* The default plan has no e-mail addresses: the board says so, and so
   * does a reminder written all the same. */
  g_assert_nonnull (strstr (sam_round_board_get_message (board), "have no e-mail address"));
  g_assert_nonnull (strstr (sam_round_board_get_message (board), "Bufdir"));
  {
    g_autofree char *eml = g_build_filename (dir, "reminder.eml", NULL);
    g_assert_true (sam_round_board_write_reminder (board, 0, eml));
    g_assert_true (g_file_test (eml, G_FILE_TEST_IS_REGULAR));
    g_assert_nonnull (strstr (sam_round_board_get_message (board), "without a recipient"));
  }
  /* Dates are shown as people write them, never as ISO timestamps. */
  g_assert_null (strstr (sam_round_board_get_title (board), "2026-01-15"));
  g_assert_nonnull (strstr (sam_round_board_get_title (board), "15 Jan 2026"));
  gtk_window_destroy (GTK_WINDOW (board));

  /* Starting the period's round again asks, saying what it replaces; no
   * says nothing is written. */
  rounds = sam_store_count (store, SAM_KIND_REPORTING_ROUND);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.start-round", NULL);
  round = sam_gui_find_toplevel (SAM_TYPE_ROUND_DIALOG);
  sam_round_dialog_fill (round, "2026-T1", NULL, TRUE, forms);
  sam_round_dialog_write (round);
  question = answer ("cancel");
  g_assert_nonnull (strstr (question, "replaces its board"));
  g_clear_pointer (&question, g_free);
  /* Yes to a new round still asks before writing over the forms there. */
  sam_round_dialog_write (round);
  g_free (answer ("go"));
  question = answer ("cancel");
  g_assert_nonnull (strstr (question, "already exist"));
  g_clear_pointer (&question, g_free);
  g_assert_cmpint (sam_store_count (store, SAM_KIND_ROUND_FORM), ==, forms_written);
  gtk_window_destroy (GTK_WINDOW (round));
  g_assert_cmpint (sam_store_count (store, SAM_KIND_REPORTING_ROUND), ==, rounds);

  /* The agency fills in two rows; meanwhile Samordna gets another status
   * for the first: a conflict, settled in favour of the form. */
  fill (form, filled, "G6=s:Pågår", "H6=n:40", "G7=s:Forsinket", NULL);
  conflicting = form_activity (form, 6);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SamRecord) a = sam_store_get (store, SAM_KIND_ACTIVITY, conflicting, &error);
    SamStatusEntry entry = { conflicting, 0, "delayed", 30, "Venter på midler" };

    g_assert_no_error (error);
    entry.period_id = sam_round_period_for (store, "2026-T1", sam_record_get_int (a, "plan_id"), &error);
    g_assert_true (sam_status_record (store, &entry, &error));
    g_assert_no_error (error);
  }
  before = sam_store_count (store, SAM_KIND_STATUS_UPDATE);
  sam_round_import_files (GTK_WINDOW (window), sam_window_get_store (window), paths);
  sam_gui_wait_until (toplevel_shown, GSIZE_TO_POINTER (SAM_TYPE_IMPORT_DIALOG), "the review");
  review = sam_gui_find_toplevel (SAM_TYPE_IMPORT_DIALOG);
  g_assert_nonnull (strstr (sam_import_dialog_get_summary (review), "1 status update from 1 of the files"));
  /* Skipping the one good file leaves nothing to apply. */
  sam_import_dialog_set_apply (review, 0, FALSE);
  g_assert_nonnull (strstr (sam_import_dialog_get_summary (review), "0 status updates from 0"));
  sam_import_dialog_set_apply (review, 0, TRUE);
  g_assert_true (sam_import_dialog_take_form (review, 0, conflicting, TRUE));
  g_assert_nonnull (strstr (sam_import_dialog_get_summary (review), "2 status updates from 1 of the files"));
  g_assert_true (sam_import_dialog_apply (review));
  sam_gui_iterate ();
  g_assert_cmpint (sam_store_count (store, SAM_KIND_STATUS_UPDATE), ==, before + 2);
  activity = sam_store_get (store, SAM_KIND_ACTIVITY, conflicting, NULL);
  g_assert_cmpstr (sam_record_get_string (activity, "status"), ==, "in_progress");

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
