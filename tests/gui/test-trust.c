/* An editor people can trust: another window (a second store on the same
 * file) edits the record the window shows and nothing is lost either way;
 * what the window shows follows without losing what is being typed; a
 * value changed elsewhere meanwhile is shown beside one's own to choose;
 * undo asks before it overwrites what someone else changed; a refused
 * value stays with its record; a selected row opens again; Delete and
 * Ctrl+Z act on what the person is in. Every step is checked in the
 * database. */
#include "config.h"

#include "sam-gui-test-util.h"
#include "store/sam-rules.h"
#include "store/sam-seminars.h"

#define ACTIVITY "Samarbeid om informasjonstiltak i særlig utsatte bransjer"

typedef struct
{
  char      *dir;
  char      *path;
  SamWindow *window;
  SamStore  *store;     /* the window's */
  SamStore  *other;     /* another window on the same file */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = sam_test_make_dir ();
  f->path = g_build_filename (f->dir, "shared.db", NULL);
  f->window = sam_gui_open_window (f->path);
  f->store = sam_window_get_store (f->window);
  f->other = sam_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "plans"));
  sam_gui_iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Dialogs a failed test left open go too. */
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, 0);
      gtk_window_destroy (w);
    }
  sam_gui_iterate ();
  g_clear_object (&f->other);
  sam_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
activity_id (Fixture *f)
{
  g_autoptr(SamRecord) a = sam_test_find (f->store, SAM_KIND_ACTIVITY, "title", ACTIVITY);

  return sam_record_get_id (a);
}

/* What the database holds for activity @id now, read afresh. */
static SamRecord *
read_activity (Fixture *f,
               gint64   id)
{
  g_autoptr(SamStore) reader = sam_store_open (f->path, NULL);

  return sam_store_get (reader, SAM_KIND_ACTIVITY, id, NULL);
}

/* The other window changes @field of activity @id to @value, as any
 * program writing the file would: it reads the record and writes it. */
static void
other_sets (Fixture    *f,
            gint64      id,
            const char *field,
            const char *value)
{
  g_autoptr(SamRecord) r = sam_store_get (f->other, SAM_KIND_ACTIVITY, id, NULL);
  g_autoptr(GError) error = NULL;

  sam_record_set_string (r, field, value);
  g_assert_true (sam_store_update (f->other, r, &error));
  g_assert_no_error (error);
}

static const char *
field_text (Fixture    *f,
            const char *field)
{
  GtkWidget *w = sam_gui_editor_widget (f->window, field);
  static char *last;

  if (GTK_IS_TEXT_VIEW (w))
    {
      GtkTextBuffer *b = gtk_text_view_get_buffer (GTK_TEXT_VIEW (w));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (b, &start, &end);
      g_free (last);
      last = gtk_text_buffer_get_text (b, &start, &end, FALSE);
      return last;
    }
  return gtk_editable_get_text (GTK_EDITABLE (w));
}

typedef struct { Fixture *f; const char *field; const char *text; } Shows;

static gboolean
editor_shows (gpointer data)
{
  Shows *s = data;

  return g_strcmp0 (field_text (s->f, s->field), s->text) == 0;
}

/* Waits (as a person would, a few seconds) for the window to show @text
 * in @field; FALSE when it never does. */
static gboolean
comes_to_show (Fixture    *f,
               const char *field,
               const char *text)
{
  Shows s = { f, field, text };

  return sam_gui_wait_for (editor_shows, &s, 8000);
}

static void
show_activity (Fixture *f,
               gint64   id)
{
  g_autoptr(SamRecord) r = sam_store_get (f->store, SAM_KIND_ACTIVITY, id, NULL);

  sam_gui_select (sam_gui_activity_rows (f->window), sam_record_get_title (r));
  g_assert_cmpint (sam_record_get_id (sam_window_get_shown_record (f->window)), ==, id);
}

/* Starts typing @text into a text field without leaving it. */
static void
start_typing (Fixture    *f,
              const char *field,
              const char *text)
{
  GtkWidget *w = sam_gui_editor_widget (f->window, field);

  gtk_widget_grab_focus (w);
  if (GTK_IS_TEXT_VIEW (w))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (w)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (w), text);
  sam_gui_iterate ();
}

static void
finish_typing (Fixture    *f,
               const char *field)
{
  sam_field_row_flush (sam_editor_get_row (sam_window_get_editor (f->window), field));
  sam_gui_iterate ();
}

/* Two windows, one record: A changes the title after B changed the
 * description; both are kept, and A shows B's description unasked. */
static void
test_two_windows_keep_both (Fixture       *f,
                            gconstpointer  data)
{
  gint64 id = activity_id (f);
  g_autoptr(SamRecord) after = NULL;

  show_activity (f, id);
  other_sets (f, id, "description", "Beskrivelse fra det andre vinduet");
  g_assert_true (comes_to_show (f, "description", "Beskrivelse fra det andre vinduet"));

  sam_gui_type (f->window, "title", "Tittel fra dette vinduet");
  after = read_activity (f, id);
  g_assert_cmpstr (sam_record_get_title (after), ==, "Tittel fra dette vinduet");
  g_assert_cmpstr (sam_record_get_string (after, "description"), ==, "Beskrivelse fra det andre vinduet");
}

/* What is being typed stays while the window follows another's change,
 * and is saved over nothing of theirs. */
static void
test_typing_survives_refresh (Fixture       *f,
                              gconstpointer  data)
{
  gint64 id = activity_id (f);
  g_autoptr(SamRecord) after = NULL;
  GtkWidget *title = NULL;

  show_activity (f, id);
  start_typing (f, "title", "Halvskrevet tittel");
  title = sam_gui_editor_widget (f->window, "title");
  other_sets (f, id, "message", "Budskap fra det andre vinduet");
  g_assert_true (comes_to_show (f, "message", "Budskap fra det andre vinduet"));
  g_assert_cmpstr (field_text (f, "title"), ==, "Halvskrevet tittel");
  g_assert_true (gtk_widget_has_focus (title) || gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (f->window)), title));

  finish_typing (f, "title");
  after = read_activity (f, id);
  g_assert_cmpstr (sam_record_get_title (after), ==, "Halvskrevet tittel");
  g_assert_cmpstr (sam_record_get_string (after, "message"), ==, "Budskap fra det andre vinduet");
}

/* The message dialog on screen now, or NULL. */
static AdwMessageDialog *
dialog_shown (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  sam_gui_iterate ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

/* Answers @dialog as a click on the button of @response would. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  sam_gui_iterate ();
}

typedef struct { Fixture *f; gint64 id; const char *title; } Holds;

static gboolean
editor_record_holds (gpointer data)
{
  Holds *h = data;
  SamRecord *shown = sam_window_get_shown_record (h->f->window);

  return shown && g_strcmp0 (sam_record_get_title (shown), h->title) == 0;
}

/* Both changed the title: the window shows theirs and mine, and saves the
 * one the person chooses. */
static void
test_conflict_theirs_and_mine (Fixture       *f,
                               gconstpointer  data)
{
  gint64 id = activity_id (f);
  AdwMessageDialog *dialog;
  g_autoptr(SamRecord) after = NULL, later = NULL;
  Holds theirs = { f, id, "Tittel fra B" }, again = { f, id, "Ny tittel fra B" };

  show_activity (f, id);
  start_typing (f, "title", "Tittel fra A");
  other_sets (f, id, "title", "Tittel fra B");
  g_assert_true (sam_gui_wait_for (editor_record_holds, &theirs, 8000));
  finish_typing (f, "title");

  /* Nothing is overwritten before the person chooses. */
  dialog = dialog_shown ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Tittel fra B"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Tittel fra A"));
  g_assert_true (adw_message_dialog_has_response (dialog, "theirs"));
  g_assert_true (adw_message_dialog_has_response (dialog, "mine"));
  after = read_activity (f, id);
  g_assert_cmpstr (sam_record_get_title (after), ==, "Tittel fra B");

  respond (dialog, "mine");
  g_clear_object (&after);
  after = read_activity (f, id);
  g_assert_cmpstr (sam_record_get_title (after), ==, "Tittel fra A");

  /* Again, keeping theirs this time: the field shows it. */
  start_typing (f, "title", "Ny tittel fra A");
  other_sets (f, id, "title", "Ny tittel fra B");
  g_assert_true (sam_gui_wait_for (editor_record_holds, &again, 8000));
  finish_typing (f, "title");
  dialog = dialog_shown ();
  g_assert_nonnull (dialog);
  respond (dialog, "theirs");
  later = read_activity (f, id);
  g_assert_cmpstr (sam_record_get_title (later), ==, "Ny tittel fra B");
  g_assert_cmpstr (field_text (f, "title"), ==, "Ny tittel fra B");
}

/* Undo takes back only its own change, and asks before it overwrites what
 * someone else changed since. */
static void
test_undo_asks_first (Fixture       *f,
                      gconstpointer  data)
{
  gint64 id = activity_id (f);
  g_autoptr(SamRecord) before = read_activity (f, id);
  g_autoptr(SamRecord) a = NULL, b = NULL, c = NULL;
  AdwMessageDialog *dialog;

  show_activity (f, id);
  sam_gui_type (f->window, "title", "Tittel fra A");
  other_sets (f, id, "description", "Beskrivelse fra B");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  sam_gui_iterate ();
  a = read_activity (f, id);
  g_assert_cmpstr (sam_record_get_title (a), ==, sam_record_get_title (before));
  g_assert_cmpstr (sam_record_get_string (a, "description"), ==, "Beskrivelse fra B");
  g_assert_null (dialog_shown ());

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL));
  sam_gui_iterate ();
  other_sets (f, id, "title", "Tittel fra B");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  dialog = dialog_shown ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Tittel fra B"));
  respond (dialog, "cancel");
  b = read_activity (f, id);
  g_assert_cmpstr (sam_record_get_title (b), ==, "Tittel fra B");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  dialog = dialog_shown ();
  g_assert_nonnull (dialog);
  respond (dialog, "undo");
  c = read_activity (f, id);
  g_assert_cmpstr (sam_record_get_title (c), ==, sam_record_get_title (before));
}

/* A refused value belongs to the record it was typed for. */
static void
test_refused_value_stays_behind (Fixture       *f,
                                 gconstpointer  data)
{
  GListModel *rows = sam_gui_activity_rows (f->window);
  g_autoptr(SamActivityRow) first = g_list_model_get_item (rows, 0);
  g_autoptr(SamActivityRow) second = g_list_model_get_item (rows, 1);
  g_autoptr(SamRecord) b = NULL, b_after = NULL;
  g_autofree char *description = NULL;

  show_activity (f, sam_activity_row_get_id (first));
  sam_gui_type (f->window, "start_date", "2026-06-01");
  sam_gui_type (f->window, "due_date", "2026-01-15");
  sam_gui_set_number (f->window, "progress", 120);
  g_assert_nonnull (sam_gui_field_error (f->window, "due_date"));
  g_assert_nonnull (sam_gui_field_error (f->window, "progress"));

  show_activity (f, sam_activity_row_get_id (second));
  b = read_activity (f, sam_activity_row_get_id (second));
  g_assert_null (sam_gui_field_error (f->window, "due_date"));
  g_assert_null (sam_gui_field_error (f->window, "progress"));
  g_assert_cmpstr (field_text (f, "due_date"), ==, sam_record_get_string (b, "due_date"));
  g_assert_cmpint ((gint64) gtk_spin_button_get_value (GTK_SPIN_BUTTON (sam_gui_editor_widget (f->window, "progress"))),
                   ==, sam_record_get_int (b, "progress"));

  /* Editing B saves nothing of A's refused values to it. */
  description = g_strdup_printf ("%s.", sam_record_get_string (b, "description"));
  sam_gui_type (f->window, "description", description);
  b_after = read_activity (f, sam_activity_row_get_id (second));
  g_assert_cmpstr (sam_record_get_string (b_after, "due_date"), ==, sam_record_get_string (b, "due_date"));
  g_assert_cmpint (sam_record_get_int (b_after, "progress"), ==, sam_record_get_int (b, "progress"));
  g_assert_cmpstr (sam_record_get_string (b_after, "description"), ==, description);
}

/* What is highlighted is what the editor shows: coming back to a view
 * shows its selected row again, and a row the editor no longer shows
 * opens again when clicked; Enter opens the row it is on. */
static void
test_selected_row_opens_again (Fixture       *f,
                               gconstpointer  data)
{
  gint64 id = activity_id (f);
  GListModel *tree = sam_gui_plan_rows (f->window);
  g_autoptr(SamRecord) plan = sam_test_find (f->store, SAM_KIND_PLAN, "title", "Tverrsektoriell informasjonsplan");
  g_autoptr(SamRecord) lead = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "Bufdir");
  SamRecord *shown;

  sam_gui_expand (tree, "Measure 8: Utvikle informasjonstiltak");
  sam_gui_expand (tree, "Plans");
  sam_gui_select (tree, "Tverrsektoriell informasjonsplan");
  show_activity (f, id);
  sam_gui_type (f->window, "message", "Et endret budskap");
  sam_gui_press (GTK_WINDOW (f->window), "alt+1");
  sam_gui_press (GTK_WINDOW (f->window), "alt+2");
  g_assert_cmpint (sam_window_get_view (f->window), ==, SAM_VIEW_PLANS);
  shown = sam_window_get_shown_record (f->window);
  g_assert_nonnull (shown);
  g_assert_cmpint (sam_record_get_id (shown), ==, id);

  /* A link takes the editor elsewhere; the row opens again on a click. */
  g_assert_nonnull (lead);
  sam_window_show_record (f->window, lead);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (sam_gui_activity_rows (f->window)),
                                   sam_gui_find_activity (f->window, ACTIVITY), TRUE);
  sam_gui_iterate ();
  shown = sam_window_get_shown_record (f->window);
  g_assert_nonnull (shown);
  g_assert_cmpint (sam_record_get_kind (shown), ==, SAM_KIND_ACTIVITY);
  g_assert_cmpint (sam_record_get_id (shown), ==, id);

  /* The plan, still chosen in the tree, opens with Enter on its row. */
  tree = sam_gui_plan_rows (f->window);
  g_signal_emit_by_name (sam_page_get_part (SAM_PAGE (sam_gui_plans (f->window)), "plan_tree_view"), "activate",
                         sam_gui_find_row (tree, "Tverrsektoriell informasjonsplan"));
  sam_gui_iterate ();
  shown = sam_window_get_shown_record (f->window);
  g_assert_nonnull (shown);
  g_assert_cmpint (sam_record_get_id (shown), ==, sam_record_get_id (plan));
}

/* The year's only seminar, selected, after a link took the editor to one
 * of its registrations and that registration was deleted. */
static void
test_seminar_opens_again (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(SamRecord) seminar = NULL;
  g_autoptr(SamRecord) registration = sam_record_new (SAM_KIND_REGISTRATION);
  GListModel *list;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "seminars"));
  sam_gui_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", "s", "seminar"));
  sam_gui_iterate ();
  seminar = g_object_ref (sam_window_get_shown_record (f->window));
  sam_record_set_int (registration, "seminar_id", sam_record_get_id (seminar));
  sam_record_set_string (registration, "organisation", "Kirkens Bymisjon");
  sam_record_set_int (registration, "participants", 4);
  g_assert_true (sam_rules_save (f->store, registration, NULL));
  sam_gui_iterate ();
  list = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (sam_gui_widget (f->window, "seminar-list"))));
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (list), 0, TRUE);
  sam_gui_iterate ();
  g_assert_cmpint (sam_record_get_id (sam_window_get_shown_record (f->window)), ==, sam_record_get_id (seminar));

  sam_window_show_record (f->window, registration);    /* the registration's link */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete", NULL));
  sam_gui_iterate ();
  g_assert_null (sam_window_get_shown_record (f->window));

  list = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (sam_gui_widget (f->window, "seminar-list"))));
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (list), 0, TRUE);
  sam_gui_iterate ();
  g_assert_nonnull (sam_window_get_shown_record (f->window));
  g_assert_cmpint (sam_record_get_id (sam_window_get_shown_record (f->window)), ==, sam_record_get_id (seminar));
}

/* Delete in the plans tree is about the plan selected there, not about
 * the activity the editor shows. */
static void
test_delete_acts_on_focus (Fixture       *f,
                           gconstpointer  data)
{
  GListModel *tree = sam_gui_plan_rows (f->window);
  gint64 id = activity_id (f);
  g_autoptr(SamRecord) still = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *tree_view = NULL;

  sam_gui_expand (tree, "Measure 8: Utvikle informasjonstiltak");
  sam_gui_expand (tree, "Plans");
  sam_gui_select (tree, "Tverrsektoriell informasjonsplan");
  show_activity (f, id);

  /* The tree is the list view whose model is the tree's rows. */
  {
    g_autoptr(GQueue) queue = g_queue_new ();
    g_queue_push_tail (queue, sam_gui_plans (f->window));
    while (!g_queue_is_empty (queue) && tree_view == NULL)
      {
        GtkWidget *w = g_queue_pop_head (queue);
        if (GTK_IS_LIST_VIEW (w) && G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (w))) == tree)
          tree_view = w;
        for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
          g_queue_push_tail (queue, c);
      }
  }
  g_assert_nonnull (tree_view);
  gtk_widget_grab_focus (tree_view);
  sam_gui_press (GTK_WINDOW (f->window), "Delete");

  still = read_activity (f, id);
  g_assert_nonnull (still);
  dialog = dialog_shown ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Tverrsektoriell informasjonsplan"));
}

/* Ctrl+Z in a field undoes the last change, not the typing in the field:
 * a new agency goes, not its name. */
static void
test_ctrl_z_in_field (Fixture       *f,
                      gconstpointer  data)
{
  gint64 before = sam_store_count (f->store, SAM_KIND_AGENCY);
  GtkWidget *name;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "agencies"));
  sam_gui_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", "s", "agency"));
  sam_gui_iterate ();
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_AGENCY), ==, before + 1);
  name = sam_gui_editor_widget (f->window, "name");
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (f->window)), name)
                 || gtk_window_get_focus (GTK_WINDOW (f->window)) == name);

  /* Half a name typed: the first Ctrl+Z puts the saved name back. */
  gtk_editable_set_text (GTK_EDITABLE (name), "Halv");
  sam_gui_press (GTK_WINDOW (f->window), "ctrl+z");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "New agency");
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_AGENCY), ==, before + 1);

  /* The next one undoes the new agency. */
  sam_gui_press (GTK_WINDOW (f->window), "ctrl+z");
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_AGENCY), ==, before);
  g_assert_null (sam_window_get_shown_record (f->window));
}

static gboolean
has_link_to (GtkWidget  *widget,
             const char *uri)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
      && strstr (gtk_label_get_label (GTK_LABEL (widget)), uri))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (has_link_to (c, uri))
      return TRUE;
  return FALSE;
}

/* The editor of an activity links to its lead agency, as the agency's
 * links to the activities it leads. */
static void
test_link_to_lead (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SamRecord) activity = sam_test_find (f->store, SAM_KIND_ACTIVITY, "title",
      "Gjennomføre 1–2 nasjonale tverrfaglige seminarer årlig");
  g_autoptr(SamRecord) lead = sam_store_get (f->store, SAM_KIND_AGENCY, sam_record_get_int (activity, "lead_agency_id"), NULL);
  g_autofree char *uri = sam_details_link (lead);

  g_assert_nonnull (lead);
  show_activity (f, sam_record_get_id (activity));
  g_assert_true (has_link_to (GTK_WIDGET (sam_window_get_editor (f->window)), uri));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  ADD ("/gui/trust/two-windows-keep-both", test_two_windows_keep_both);
  ADD ("/gui/trust/typing-survives-refresh", test_typing_survives_refresh);
  ADD ("/gui/trust/conflict-theirs-and-mine", test_conflict_theirs_and_mine);
  ADD ("/gui/trust/undo-asks-first", test_undo_asks_first);
  ADD ("/gui/trust/refused-value-stays-behind", test_refused_value_stays_behind);
  ADD ("/gui/trust/selected-row-opens-again", test_selected_row_opens_again);
  ADD ("/gui/trust/seminar-opens-again", test_seminar_opens_again);
  ADD ("/gui/trust/delete-acts-on-focus", test_delete_acts_on_focus);
  ADD ("/gui/trust/ctrl-z-in-field", test_ctrl_z_in_field);
  ADD ("/gui/trust/link-to-lead", test_link_to_lead);
  return g_test_run ();
}
