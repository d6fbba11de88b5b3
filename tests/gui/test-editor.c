/* Editing through the window, checking the database after each step:
 * create an activity and fill every field, a refused due date, undo and
 * redo, delete with undo, a delete that moves links, filters with
 * subordinate agencies, and a status update. */
#include "config.h"

#include "sam-gui-test-util.h"

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
  path = g_build_filename (f->dir, "editor.db", NULL);
  f->window = sam_gui_open_window (path);
  f->store = sam_window_get_store (f->window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "plans"));
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
}

static SamRecord *
stored (Fixture   *f,
        SamRecord *record)
{
  return sam_store_get (f->store, sam_record_get_kind (record), sam_record_get_id (record), NULL);
}

static void
select_plan (Fixture    *f,
             const char *measure,
             const char *plan)
{
  sam_gui_expand (sam_gui_plan_rows (f->window), measure);
  sam_gui_expand (sam_gui_plan_rows (f->window), "Plans");
  sam_gui_select (sam_gui_plan_rows (f->window), plan);
}

static SamRecord *
create_activity (Fixture *f)
{
  gint64 before = sam_store_count (f->store, SAM_KIND_ACTIVITY);
  SamRecord *shown;

  select_plan (f, "Measure 8: Utvikle informasjonstiltak", "Tverrsektoriell informasjonsplan");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", "s", "activity"));
  sam_gui_iterate ();
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_ACTIVITY), ==, before + 1);
  shown = sam_window_get_shown_record (f->window);
  g_assert_cmpstr (sam_record_get_title (shown), ==, "New activity");
  return g_object_ref (shown);
}

static void
test_create_and_fill (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(SamRecord) created = create_activity (f);
  g_autoptr(SamRecord) saved = NULL;
  g_autoptr(SamRecord) plan = sam_test_find (f->store, SAM_KIND_PLAN, "title", "Tverrsektoriell informasjonsplan");
  g_autoptr(SamRecord) hdir = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "Hdir");
  g_autoptr(SamRecord) udi = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "UDI");
  g_autoptr(SamRecord) asyl = sam_test_find (f->store, SAM_KIND_SECTOR, "name", "Asylmottak");
  g_autoptr(SamRecord) minors = sam_test_find (f->store, SAM_KIND_TARGET_GROUP, "name", "Enslige mindreårige asylsøkere");
  g_autofree const char **channels = NULL;

  g_assert_cmpint (sam_record_get_int (created, "plan_id"), ==, sam_record_get_id (plan));
  /* The title is ready to type over. */
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (f->window)),
                                         sam_gui_editor_widget (f->window, "title"))
                 || gtk_window_get_focus (GTK_WINDOW (f->window)) == sam_gui_editor_widget (f->window, "title"));

  sam_gui_type (f->window, "title", "Informasjon til enslige mindreårige i mottak");
  sam_gui_type (f->window, "description", "Brosjyre og samtaler om rettigheter.");
  sam_gui_pick (f->window, "scope", "Sector-wise");
  sam_gui_pick (f->window, "priority_task_id", "Utvikle nasjonale tverrsektorielle");
  sam_gui_pick (f->window, "lead_agency_id", "Helsedirektoratet");
  sam_gui_choose (f->window, "partners", "Utlendingsdirektoratet");
  sam_gui_choose (f->window, "sectors", "Asylmottak");
  sam_gui_choose (f->window, "target_groups", "Enslige mindreårige asylsøkere");
  sam_gui_type (f->window, "message", "Du har rett til hjelp.");
  sam_gui_add_text (f->window, "channels", "Brosjyre");
  sam_gui_add_text (f->window, "channels", "Samtale");
  sam_gui_type (f->window, "start_date", "2026-02-01");
  sam_gui_type (f->window, "due_date", "2026-10-31");
  sam_gui_pick (f->window, "status", "In progress");
  sam_gui_set_number (f->window, "progress", 25);

  saved = stored (f, created);
  g_assert_cmpstr (sam_record_get_title (saved), ==, "Informasjon til enslige mindreårige i mottak");
  g_assert_cmpstr (sam_record_get_string (saved, "description"), ==, "Brosjyre og samtaler om rettigheter.");
  g_assert_cmpstr (sam_record_get_string (saved, "scope"), ==, "sector");
  g_assert_cmpint (sam_record_get_int (saved, "priority_task_id"), >, 0);
  g_assert_cmpint (sam_record_get_int (saved, "lead_agency_id"), ==, sam_record_get_id (hdir));
  g_assert_true (sam_record_has_ref (saved, "partners", sam_record_get_id (udi)));
  g_assert_true (sam_record_has_ref (saved, "sectors", sam_record_get_id (asyl)));
  g_assert_true (sam_record_has_ref (saved, "target_groups", sam_record_get_id (minors)));
  g_assert_cmpstr (sam_record_get_string (saved, "message"), ==, "Du har rett til hjelp.");
  g_assert_cmpstr (sam_record_get_string (saved, "start_date"), ==, "2026-02-01");
  g_assert_cmpstr (sam_record_get_string (saved, "due_date"), ==, "2026-10-31");
  g_assert_cmpstr (sam_record_get_string (saved, "status"), ==, "in_progress");
  g_assert_cmpint (sam_record_get_int (saved, "progress"), ==, 25);
  channels = sam_record_get_strings (saved, "channels");
  g_assert_cmpstr (channels[0], ==, "Brosjyre");
  g_assert_cmpstr (channels[1], ==, "Samtale");
  g_assert_null (channels[2]);

  /* The table row shows it. */
  g_assert_cmpuint (sam_gui_find_activity (f->window, "Informasjon til enslige mindreårige i mottak"), <, G_MAXUINT);
}

static void
test_free_text_choices (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SamRecord) created = create_activity (f);
  g_autoptr(SamRecord) saved = NULL, other = NULL;
  g_autofree const char **languages = NULL;
  SamChooser *chooser;
  GListModel *choices;

  /* Typing a language and Enter adds it; a second one keeps the first. */
  sam_gui_add_text (f->window, "languages", "norsk");
  sam_gui_add_text (f->window, "languages", "arabisk");
  sam_gui_add_text (f->window, "languages", "norsk");

  saved = stored (f, created);
  languages = sam_record_get_strings (saved, "languages");
  g_assert_cmpstr (languages[0], ==, "norsk");
  g_assert_cmpstr (languages[1], ==, "arabisk");
  g_assert_null (languages[2]);

  /* The next activity is offered the languages already in use: these two
   * and the default plan's "Ulike språk" of Know your rights. */
  other = create_activity (f);
  chooser = sam_field_row_get_chooser (sam_editor_get_row (sam_window_get_editor (f->window), "languages"));
  choices = G_LIST_MODEL (sam_chooser_get_choices (chooser));
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 3);
}

static void
test_bad_due_date (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SamRecord) created = create_activity (f);
  g_autoptr(SamRecord) saved = NULL;
  GtkWidget *due = NULL;

  sam_gui_type (f->window, "start_date", "2026-06-01");
  sam_gui_type (f->window, "due_date", "2026-01-15");

  /* The message stands by the field; the typed value stays; nothing is saved. */
  g_assert_cmpstr (sam_gui_field_error (f->window, "due_date"), ==, "cannot be before the start");
  due = sam_gui_editor_widget (f->window, "due_date");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (due)), ==, "2026-01-15");
  g_assert_true (gtk_widget_has_css_class (due, "error"));
  saved = stored (f, created);
  g_assert_cmpstr (sam_record_get_string (saved, "start_date"), ==, "2026-06-01");
  g_assert_false (sam_record_is_set (saved, "due_date"));

  /* A date that is not a date is refused the same way. */
  sam_gui_type (f->window, "due_date", "31.12.2026");
  g_assert_cmpstr (sam_gui_field_error (f->window, "due_date"), ==, "must be a date written as YYYY-MM-DD");

  /* Correcting it saves it and clears the message. */
  sam_gui_type (f->window, "due_date", "2026-12-31");
  g_assert_null (sam_gui_field_error (f->window, "due_date"));
  g_clear_object (&saved);
  saved = stored (f, created);
  g_assert_cmpstr (sam_record_get_string (saved, "due_date"), ==, "2026-12-31");
}

static void
test_undo_redo (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SamRecord) created = create_activity (f);
  g_autoptr(SamRecord) a = NULL, b = NULL, c = NULL;
  GtkWidget *window = GTK_WIDGET (f->window);
  gint64 count = sam_store_count (f->store, SAM_KIND_ACTIVITY);

  sam_gui_type (f->window, "title", "Første tittel");
  sam_gui_type (f->window, "title", "Andre tittel");

  g_assert_true (gtk_widget_activate_action (window, "win.undo", NULL));
  sam_gui_iterate ();
  a = stored (f, created);
  g_assert_cmpstr (sam_record_get_title (a), ==, "Første tittel");
  /* The editor shows what the database holds. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sam_gui_editor_widget (f->window, "title"))), ==, "Første tittel");

  g_assert_true (gtk_widget_activate_action (window, "win.redo", NULL));
  b = stored (f, created);
  g_assert_cmpstr (sam_record_get_title (b), ==, "Andre tittel");

  /* Undo reaches back to before the activity was made. */
  for (guint i = 0; i < 3; i++)
    g_assert_true (gtk_widget_activate_action (window, "win.undo", NULL));
  sam_gui_iterate ();
  c = stored (f, created);
  g_assert_null (c);
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_ACTIVITY), ==, count - 1);
}

static void
test_delete_with_undo (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SamRecord) created = create_activity (f);
  g_autoptr(SamRecord) back = NULL;
  g_autoptr(SamRecord) gone = NULL;

  sam_gui_type (f->window, "title", "Skal slettes");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete", NULL));
  sam_gui_iterate ();
  gone = stored (f, created);
  g_assert_null (gone);
  g_assert_null (sam_window_get_shown_record (f->window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  sam_gui_iterate ();
  back = stored (f, created);
  g_assert_nonnull (back);
  g_assert_cmpstr (sam_record_get_title (back), ==, "Skal slettes");
}

static void
test_delete_moving_links (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(SamRecord) bufdir = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "Bufdir");
  g_autoptr(SamRecord) bfd = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "BFD");
  g_autoptr(GPtrArray) led = sam_store_list_by (f->store, SAM_KIND_ACTIVITY, "lead_agency_id", sam_record_get_id (bufdir), NULL);
  g_autoptr(GPtrArray) moved = NULL, restored = NULL;
  AdwMessageDialog *dialog;
  GtkDropDown *choice;
  GListModel *options;

  sam_window_show_record (f->window, bufdir);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete", NULL));
  sam_gui_iterate ();

  /* It is in use: a dialog says by what, and offers where the links go. */
  dialog = sam_gui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Activities"));
  g_assert_nonnull (sam_store_get (f->store, SAM_KIND_AGENCY, sam_record_get_id (bufdir), NULL));
  choice = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  options = gtk_drop_down_get_model (choice);
  for (guint i = 0; i < g_list_model_get_n_items (options); i++)
    {
      g_autoptr(SamRecord) option = g_list_model_get_item (options, i);
      if (sam_record_get_id (option) == sam_record_get_id (bfd))
        gtk_drop_down_set_selected (choice, i);
    }
  adw_message_dialog_response (dialog, "delete");
  sam_gui_iterate ();

  g_assert_null (sam_store_get (f->store, SAM_KIND_AGENCY, sam_record_get_id (bufdir), NULL));
  moved = sam_store_list_by (f->store, SAM_KIND_ACTIVITY, "lead_agency_id", sam_record_get_id (bfd), NULL);
  g_assert_cmpuint (moved->len, >=, led->len);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  restored = sam_store_list_by (f->store, SAM_KIND_ACTIVITY, "lead_agency_id", sam_record_get_id (bufdir), NULL);
  g_assert_cmpuint (restored->len, ==, led->len);
}

static AdwMessageDialog *
visible_dialog (void)
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

/* An activity with a status history is deleted with it, asking nothing,
 * and one undo brings both back. */
static void
test_delete_activity_with_history (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(SamRecord) activity = sam_test_find (f->store, SAM_KIND_ACTIVITY, "title",
      "Samarbeid om informasjonstiltak i særlig utsatte bransjer");
  g_autoptr(SamRecord) period = sam_test_find (f->store, SAM_KIND_REPORTING_PERIOD, "code", "2026-T1");
  g_autoptr(SamRecord) gone = NULL, back = NULL;
  g_autoptr(SamRecord) update = sam_record_new (SAM_KIND_STATUS_UPDATE);

  sam_record_set_int (update, "activity_id", sam_record_get_id (activity));
  sam_record_set_int (update, "period_id", sam_record_get_id (period));
  sam_record_set_string (update, "status", "in_progress");
  sam_record_set_int (update, "progress", 30);
  g_assert_true (sam_store_insert (f->store, update, NULL));
  sam_window_show_record (f->window, activity);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete", NULL));
  g_assert_null (visible_dialog ());
  gone = stored (f, activity);
  g_assert_null (gone);
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_STATUS_UPDATE), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  sam_gui_iterate ();
  back = stored (f, activity);
  g_assert_nonnull (back);
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_STATUS_UPDATE), ==, 1);
}

/* The question about links says what points to the item, and offers only
 * what can be done: links that must be set can only move. */
static void
test_delete_in_use_wording (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(SamRecord) plan = sam_test_find (f->store, SAM_KIND_PLAN, "title", "Tverrsektoriell informasjonsplan");
  AdwMessageDialog *dialog;
  GListModel *options;

  sam_window_show_record (f->window, plan);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete", NULL));
  dialog = visible_dialog ();
  g_assert_nonnull (dialog);
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "cannot be deleted"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Activities: "));
  options = gtk_drop_down_get_model (GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog)));
  for (guint i = 0; i < g_list_model_get_n_items (options); i++)
    {
      g_autoptr(SamRecord) option = g_list_model_get_item (options, i);
      g_assert_cmpstr (sam_record_get_title (option), !=, "Remove the links");
    }
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_nonnull (sam_store_get (f->store, SAM_KIND_PLAN, sam_record_get_id (plan), NULL));
}

/* Deleting Hdir and moving its links to HOD: HOD leads what Hdir led and
 * is not also a partner there. */
static void
test_delete_moving_to_partner (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(SamRecord) hdir = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "Hdir");
  g_autoptr(SamRecord) hod = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "HOD");
  g_autoptr(GPtrArray) after = NULL;
  AdwMessageDialog *dialog;
  GtkDropDown *choice;
  GListModel *options;

  sam_window_show_record (f->window, hdir);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete", NULL));
  dialog = visible_dialog ();
  g_assert_nonnull (dialog);
  choice = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  options = gtk_drop_down_get_model (choice);
  for (guint i = 0; i < g_list_model_get_n_items (options); i++)
    {
      g_autoptr(SamRecord) option = g_list_model_get_item (options, i);
      if (sam_record_get_id (option) == sam_record_get_id (hod))
        gtk_drop_down_set_selected (choice, i);
    }
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  sam_gui_iterate ();

  g_assert_null (sam_store_get (f->store, SAM_KIND_AGENCY, sam_record_get_id (hdir), NULL));
  after = sam_store_list (f->store, SAM_KIND_ACTIVITY, NULL);
  for (guint i = 0; i < after->len; i++)
    g_assert_false (sam_record_has_ref (after->pdata[i], "partners", sam_record_get_int (after->pdata[i], "lead_agency_id")));
}

static guint
shown_rows (Fixture *f)
{
  sam_gui_iterate ();
  return g_list_model_get_n_items (sam_gui_activity_rows (f->window));
}

static void
pick_filter (Fixture    *f,
             const char *name,
             const char *prefix)
{
  sam_gui_pick_in (GTK_DROP_DOWN (sam_gui_widget (f->window, name)), prefix);
}

static gboolean
one_row_shown (gpointer data)
{
  return g_list_model_get_n_items (sam_gui_activity_rows (((Fixture *) data)->window)) == 1;
}

static void
test_filter_agency_with_subordinates (Fixture       *f,
                                      gconstpointer  data)
{
  guint all = shown_rows (f), hod_alone, hod_and_under;
  GtkLabel *count = GTK_LABEL (sam_gui_widget (f->window, "count"));
  g_autofree char *expected = NULL;

  g_assert_cmpuint (all, ==, sam_store_count (f->store, SAM_KIND_ACTIVITY));
  pick_filter (f, "agency", "Helse- og omsorgsdepartementet");
  hod_alone = shown_rows (f);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (sam_gui_widget (f->window, "subordinates")), TRUE);
  hod_and_under = shown_rows (f);

  /* HOD takes part in three and answers by sector responsibility for the
   * sector-wise guides and tools; with the agencies under it, Hdir's own
   * guidance and RVTS's information join. */
  g_assert_cmpuint (hod_alone, ==, 4);
  g_assert_cmpuint (hod_and_under, ==, 6);
  expected = g_strdup_printf ("6 of %u activities", all);
  g_assert_cmpstr (gtk_label_get_text (count), ==, expected);

  /* Filters combine: with a search too, and clearing is one action. */
  gtk_editable_set_text (GTK_EDITABLE (sam_gui_widget (f->window, "search")), "tolk");
  sam_gui_wait_until (one_row_shown, f, "the search to narrow the table");
  g_assert_cmpuint (shown_rows (f), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sam_gui_plans (f->window)), "plans.clear-filters", NULL));
  g_assert_cmpuint (shown_rows (f), ==, all);
}

static void
test_status_update (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SamRecord) activity = sam_test_find (f->store, SAM_KIND_ACTIVITY, "title",
      "Samarbeid om informasjonstiltak i særlig utsatte bransjer");
  g_autoptr(SamRecord) after = NULL, period = NULL;
  g_autoptr(GPtrArray) updates = NULL;
  SamStatusDialog *dialog;
  GListModel *history;

  sam_window_show_record (f->window, activity);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.record-status", NULL));
  sam_gui_iterate ();
  dialog = sam_gui_find_toplevel (SAM_TYPE_STATUS_DIALOG);
  g_assert_nonnull (dialog);

  /* A refused value keeps the dialog open with the message; nothing is saved. */
  sam_status_dialog_fill (dialog, "2026-T1", "done", 60, "Nesten ferdig");
  g_assert_false (sam_status_dialog_record (dialog));
  g_assert_nonnull (strstr (sam_status_dialog_get_error (dialog), "must be 100 when the status is done"));
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_STATUS_UPDATE), ==, 0);

  sam_status_dialog_fill (dialog, "2026-T1", "in_progress", 40, "Partene er invitert");
  g_assert_true (sam_status_dialog_record (dialog));
  sam_gui_iterate ();

  updates = sam_store_list_by (f->store, SAM_KIND_STATUS_UPDATE, "activity_id", sam_record_get_id (activity), NULL);
  g_assert_cmpuint (updates->len, ==, 1);
  period = sam_store_get (f->store, SAM_KIND_REPORTING_PERIOD, sam_record_get_int (updates->pdata[0], "period_id"), NULL);
  g_assert_cmpstr (sam_record_get_string (period, "code"), ==, "2026-T1");
  g_assert_cmpstr (sam_record_get_string (updates->pdata[0], "comment"), ==, "Partene er invitert");
  g_assert_true (sam_record_is_set (updates->pdata[0], "reported_at"));
  /* Who reported is the activity's lead agency unless chosen otherwise;
   * a person's name only when one is typed, never the login name. */
  g_assert_cmpint (sam_record_get_int (updates->pdata[0], "agency_id"), ==,
                   sam_record_get_int (activity, "lead_agency_id"));
  g_assert_false (sam_record_is_set (updates->pdata[0], "reported_by"));
  after = stored (f, activity);
  g_assert_cmpstr (sam_record_get_string (after, "status"), ==, "in_progress");
  g_assert_cmpint (sam_record_get_int (after, "progress"), ==, 40);

  /* The history shows it, and the table's latest-update column too. */
  history = sam_editor_get_history (sam_window_get_editor (f->window));
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 1);
  g_assert_nonnull (sam_gui_detail (history, "2026-T1 · In progress · 40 %"));
  {
    g_autoptr(SamActivityRow) row = g_list_model_get_item (sam_gui_activity_rows (f->window),
        sam_gui_find_activity (f->window, "Samarbeid om informasjonstiltak i særlig utsatte bransjer"));
    g_autofree char *latest = sam_activity_row_dup_latest (row);
    g_assert_cmpstr (latest, ==, "2026-T1: Partene er invitert");
  }

  /* One undo takes back both the update and the new status. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_STATUS_UPDATE), ==, 0);
  g_clear_object (&after);
  after = stored (f, activity);
  g_assert_cmpstr (sam_record_get_string (after, "status"), ==, "planned");
}

/* The editor shows who answers for an activity by sector responsibility,
 * apart from its fields, and follows each change: a sector with a
 * ministry makes that ministry answer, naming a lead ends it. */
static void
test_sector_responsibility (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(SamRecord) created = create_activity (f);
  g_autoptr(SamRecord) jd = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "JD");
  g_autofree char *jd_link = sam_details_link (jd);
  SamEditor *editor = sam_window_get_editor (f->window);
  const char *markup;

  markup = sam_gui_detail (sam_editor_get_accountability (editor), "By sector responsibility");
  g_assert_nonnull (strstr (markup, "Nobody"));

  sam_gui_choose (f->window, "sectors", "Asylmottak");
  markup = sam_gui_detail (sam_editor_get_accountability (editor), "By sector responsibility");
  g_assert_nonnull (strstr (markup, jd_link));
  g_assert_nonnull (strstr (markup, "Asylmottak"));

  sam_gui_pick (f->window, "lead_agency_id", "Barne-, ungdoms- og familiedirektoratet");
  markup = sam_gui_detail (sam_editor_get_accountability (editor), "By sector responsibility");
  g_assert_nonnull (strstr (markup, "names its lead agency"));
}

/* Returns the first label in @widget's tree that reads @text, or NULL. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found)
        return found;
    }
  return NULL;
}

static char *
shown_text (GtkWidget *editor)
{
  GtkTextIter start, end;

  if (!GTK_IS_TEXT_VIEW (editor))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (editor)));
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor)), &start, &end);
  return gtk_text_buffer_get_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor)), &start, &end, FALSE);
}

/* Each fact of the default plan shows the sentence of the strategy it
 * comes from under "From the strategy"; an agency the text names but
 * gives no task says so in its role. */
static void
test_from_the_strategy (Fixture       *f,
                        gconstpointer  data)
{
  static const struct { SamKind kind; const char *field, *value; } facts[] = {
    { SAM_KIND_ACTIVITY, "title", "Utarbeide rutiner for utenriksstasjonene ved mistanke om menneskehandel" },
    { SAM_KIND_AGENCY, "short_name", "Utenriksstasjonene" },
    { SAM_KIND_TARGET_GROUP, "name", "Barn og unge på digitale plattformer og arenaer for bytte av seksuelle tjenester" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
    {
      g_autoptr(SamRecord) record = sam_test_find (f->store, facts[i].kind, facts[i].field, facts[i].value);
      SamFieldRow *row;
      g_autofree char *shown = NULL;

      g_assert_nonnull (record);
      sam_window_show_record (f->window, record);
      sam_gui_iterate ();
      row = sam_editor_get_row (sam_window_get_editor (f->window), "source_quote");
      g_assert_nonnull (row);
      g_assert_nonnull (find_label (GTK_WIDGET (row), "From the strategy"));
      g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (row)));
      shown = shown_text (sam_field_row_get_editor (row));
      g_assert_cmpstr (shown, ==, sam_record_get_string (record, "source_quote"));
      g_assert_cmpuint (strlen (shown), >, 20);
      if (facts[i].kind == SAM_KIND_AGENCY)
        {
          GtkDropDown *role = GTK_DROP_DOWN (sam_gui_editor_widget (f->window, "role"));
          GtkStringObject *item = gtk_drop_down_get_selected_item (role);

          g_assert_cmpstr (gtk_string_object_get_string (item), ==, "Named, with no task of its own");
        }
    }
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  ADD ("/gui/editor/create-and-fill", test_create_and_fill);
  ADD ("/gui/editor/free-text-choices", test_free_text_choices);
  ADD ("/gui/editor/bad-due-date", test_bad_due_date);
  ADD ("/gui/editor/undo-redo", test_undo_redo);
  ADD ("/gui/editor/delete-with-undo", test_delete_with_undo);
  ADD ("/gui/editor/delete-moving-links", test_delete_moving_links);
  ADD ("/gui/editor/delete-activity-with-history", test_delete_activity_with_history);
  ADD ("/gui/editor/delete-in-use-wording", test_delete_in_use_wording);
  ADD ("/gui/editor/delete-moving-to-partner", test_delete_moving_to_partner);
  ADD ("/gui/editor/filter-agency-with-subordinates", test_filter_agency_with_subordinates);
  ADD ("/gui/editor/status-update", test_status_update);
  ADD ("/gui/editor/sector-responsibility", test_sector_responsibility);
  ADD ("/gui/editor/from-the-strategy", test_from_the_strategy);
  return g_test_run ();
}
