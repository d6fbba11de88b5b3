/* Finding things: the searchable choosers and drop-downs find a word
 * anywhere in a name, a short name ("Bufdir", "Hdir"), with or without
 * accents, and Escape in their search closes them. */
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
  path = g_build_filename (f->dir, "finding.db", NULL);
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

static GtkWidget *
find_child (GtkWidget *widget,
            GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_child (c, type);
      if (found)
        return found;
    }
  return NULL;
}

static const char *
item_text (gpointer item)
{
  if (SAM_IS_CHOICE (item))
    return sam_choice_get_title (item);
  if (GTK_IS_STRING_OBJECT (item))
    return gtk_string_object_get_string (item);
  return sam_record_get_title (item);
}

/* Types @query into the search of the list inside @widget (a chooser or a
 * drop-down) and returns what its list shows then, one item a line. */
static char *
search (GtkWidget  *widget,
        const char *query)
{
  GtkWidget *entry = find_child (widget, GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *list = find_child (widget, GTK_TYPE_LIST_VIEW);
  GListModel *shown;
  GString *lines = g_string_new (NULL);

  g_assert_nonnull (entry);
  g_assert_nonnull (list);
  gtk_editable_set_text (GTK_EDITABLE (entry), query);
  /* A search entry waits a moment before it searches. */
  sam_gui_settle (300);
  shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (shown, i);
      g_string_append_printf (lines, "%s\n", item_text (item));
    }
  return g_string_free (lines, FALSE);
}

static void
assert_finds (GtkWidget  *widget,
              const char *query,
              const char *expected)
{
  g_autofree char *found = search (widget, query);

  if (strstr (found, expected) == NULL)
    g_error ("Searching for “%s” did not find “%s”, but:\n%s", query, expected, found);
}

static void
assert_finds_nothing (GtkWidget  *widget,
                      const char *query)
{
  g_autofree char *found = search (widget, query);

  g_assert_cmpstr (found, ==, "");
}

/* The partner chooser of an activity. */
static void
test_chooser_finds_words_anywhere (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(SamRecord) activity = sam_test_find (f->store, SAM_KIND_ACTIVITY, "title",
      "Samarbeid om informasjonstiltak i særlig utsatte bransjer");
  GtkWidget *chooser;

  sam_window_show_record (f->window, activity);
  chooser = GTK_WIDGET (sam_field_row_get_chooser (sam_editor_get_row (sam_window_get_editor (f->window), "partners")));
  assert_finds (chooser, "Bufdir", "Barne-, ungdoms- og familiedirektoratet");
  assert_finds (chooser, "Hdir", "Helsedirektoratet");
  assert_finds (chooser, "direktoratet", "Barne-, ungdoms- og familiedirektoratet");
  assert_finds (chooser, "patalemyndigheten", "Påtalemyndigheten");
  assert_finds (chooser, "familie direktoratet", "Barne-, ungdoms- og familiedirektoratet");
  assert_finds_nothing (chooser, "xyzzy");
}

/* The agency filter of the Plans view, and an editor's drop-down. */
static void
test_dropdown_finds_words_anywhere (Fixture       *f,
                                    gconstpointer  data)
{
  GtkWidget *agency = sam_gui_widget (f->window, "agency");
  g_autoptr(SamRecord) activity = sam_test_find (f->store, SAM_KIND_ACTIVITY, "title",
      "Samarbeid om informasjonstiltak i særlig utsatte bransjer");

  assert_finds (agency, "Bufdir", "Barne-, ungdoms- og familiedirektoratet");
  assert_finds (agency, "Hdir", "Helsedirektoratet");
  assert_finds (agency, "direktoratet", "Barne-, ungdoms- og familiedirektoratet");
  assert_finds (agency, "PATALEMYNDIGHETEN", "Påtalemyndigheten");
  assert_finds_nothing (agency, "xyzzy");

  sam_window_show_record (f->window, activity);
  assert_finds (sam_gui_editor_widget (f->window, "lead_agency_id"), "Hdir", "Helsedirektoratet");
}

/* "Move them to …": every item starts with those words. */
static void
test_move_them_to (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SamRecord) bufdir = sam_test_find (f->store, SAM_KIND_AGENCY, "short_name", "Bufdir");
  AdwMessageDialog *dialog;
  GtkWidget *choice;

  sam_window_show_record (f->window, bufdir);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete", NULL));
  sam_gui_iterate ();
  dialog = sam_gui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  choice = adw_message_dialog_get_extra_child (dialog);
  assert_finds (choice, "Hdir", "Move them to Helsedirektoratet");
  assert_finds (choice, "barne- og familie", "Move them to Barne- og familiedepartementet");
}

/* Escape in the search closes the chooser, and a drop-down's list. */
static void
test_escape_closes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SamRecord) activity = sam_test_find (f->store, SAM_KIND_ACTIVITY, "title",
      "Samarbeid om informasjonstiltak i særlig utsatte bransjer");
  GtkPopover *chooser;
  GtkWidget *entry;

  sam_window_show_record (f->window, activity);
  chooser = GTK_POPOVER (sam_field_row_get_chooser (sam_editor_get_row (sam_window_get_editor (f->window), "partners")));
  gtk_popover_popup (chooser);
  sam_gui_iterate ();
  entry = find_child (GTK_WIDGET (chooser), GTK_TYPE_SEARCH_ENTRY);
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Buf");
  sam_gui_press (GTK_WINDOW (f->window), "Escape");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (chooser)));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  ADD ("/gui/finding/chooser-finds-words-anywhere", test_chooser_finds_words_anywhere);
  ADD ("/gui/finding/dropdown-finds-words-anywhere", test_dropdown_finds_words_anywhere);
  ADD ("/gui/finding/move-them-to", test_move_them_to);
  ADD ("/gui/finding/escape-closes", test_escape_closes);
  return g_test_run ();
}
