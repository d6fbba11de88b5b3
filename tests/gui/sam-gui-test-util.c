#include "config.h"

#include "sam-gui-test-util.h"

#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>
#include <locale.h>

/* Runs the main loop until @condition holds; fails the test after 60 s. */
void
sam_gui_wait_until (SamCondition  condition,
                    gpointer      data,
                    const char   *what)
{
  /* Long enough for a sanitizer build on a busy machine; meson's own
   * timeout stops a test that hangs. */
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
nothing_loading (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      SamPage *plans = SAM_IS_WINDOW (w) && sam_window_get_store (SAM_WINDOW (w))
                       ? sam_window_get_view_page (SAM_WINDOW (w), SAM_VIEW_PLANS) : NULL;
      SamPage *overview = plans ? sam_window_get_view_page (SAM_WINDOW (w), SAM_VIEW_OVERVIEW) : NULL;

      SamView view = plans ? sam_window_get_view (SAM_WINDOW (w)) : SAM_VIEW_PLANS;
      SamPage *matrix = view == SAM_VIEW_RESPONSIBILITY || view == SAM_VIEW_COVERAGE
                        ? sam_window_get_view_page (SAM_WINDOW (w), view) : NULL;

      if (plans && (sam_plans_page_is_loading (SAM_PLANS_PAGE (plans))
                    || sam_overview_page_is_counting (SAM_OVERVIEW_PAGE (overview))))
        return FALSE;
      if (matrix && sam_matrix_page_is_computing (SAM_MATRIX_PAGE (matrix)))
        return FALSE;
    }
  return TRUE;
}

/* Lets the windows draw and handle what is pending, activity tables,
 * figures and the matrix shown computed in the background included. */
void
sam_gui_iterate (void)
{
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  sam_gui_wait_until (nothing_loading, NULL, "the activities to be read");
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
}

SamPlansPage *
sam_gui_plans (SamWindow *window)
{
  return SAM_PLANS_PAGE (sam_window_get_view_page (window, SAM_VIEW_PLANS));
}

GListModel *
sam_gui_plan_rows (SamWindow *window)
{
  return sam_plans_page_get_tree_rows (sam_gui_plans (window));
}

GListModel *
sam_gui_activity_rows (SamWindow *window)
{
  return sam_plans_page_get_activity_rows (sam_gui_plans (window));
}

/* The tree of the view shown, which must be a tree view. */
GListModel *
sam_gui_rows (SamWindow *window)
{
  SamPage *page = sam_window_get_view_page (window, sam_window_get_view (window));

  g_assert_true (SAM_IS_TREE_PAGE (page));
  return sam_tree_page_get_rows (SAM_TREE_PAGE (page));
}

/* Returns the widget that tests name @name ("search", "agency",
 * "matrix-columns", "report-scope", …): a part of the page of its view,
 * which is built first when it is not. */
GtkWidget *
sam_gui_widget (SamWindow  *window,
                const char *name)
{
  static const struct { const char *name; SamView view; const char *part; } parts[] = {
    { "search", SAM_VIEW_PLANS, "search_entry" }, { "agency", SAM_VIEW_PLANS, "agency_filter" },
    { "subordinates", SAM_VIEW_PLANS, "subordinates_check" }, { "sector", SAM_VIEW_PLANS, "sector_filter" },
    { "group", SAM_VIEW_PLANS, "group_filter" }, { "status", SAM_VIEW_PLANS, "status_filter" },
    { "period", SAM_VIEW_PLANS, "period_filter" }, { "overdue", SAM_VIEW_PLANS, "overdue_toggle" },
    { "count", SAM_VIEW_PLANS, "count_label" }, { "activities", SAM_VIEW_PLANS, "activity_view" },
    { "seminar-target", SAM_VIEW_SEMINARS, "target_label" },
    { "seminar-list", SAM_VIEW_SEMINARS, "seminar_list" },
    { "overview-target", SAM_VIEW_OVERVIEW, "target_label" },
    { "figure-overdue", SAM_VIEW_OVERVIEW, "figure_overdue" },
    { "figure-unreported", SAM_VIEW_OVERVIEW, "figure_unreported" },
    { "figure-gaps", SAM_VIEW_OVERVIEW, "figure_gaps" },
    { "figure-checks", SAM_VIEW_OVERVIEW, "figure_checks" },
    { "overview-period", SAM_VIEW_OVERVIEW, "period_chooser" },
    { "overview-closing", SAM_VIEW_OVERVIEW, "closing_label" },
    { "overview-changes-label", SAM_VIEW_OVERVIEW, "changes_label" },
    { "overview-changes", SAM_VIEW_OVERVIEW, "changes_view" },
    { "follow-up-period", SAM_VIEW_FOLLOW_UP, "period_chooser" },
    { "follow-up-header", SAM_VIEW_FOLLOW_UP, "header_label" },
    { "report-period-state", SAM_VIEW_REPORTS, "period_state" },
    { "report-close", SAM_VIEW_REPORTS, "close_button" },
    { "report-scope", SAM_VIEW_REPORTS, "report_scope" }, { "report-period", SAM_VIEW_REPORTS, "report_period" },
    { "report-language", SAM_VIEW_REPORTS, "report_language" },
    { "report-progress", SAM_VIEW_REPORTS, "report_progress" },
  };
  static const struct { const char *name; const char *part; } matrix_parts[] = {
    { "matrix", "matrix_view" }, { "matrix-columns", "matrix_columns" },
    { "matrix-ministry", "matrix_ministry" }, { "matrix-summary", "matrix_summary" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (g_str_equal (parts[i].name, name))
      {
        SamPage *page = sam_window_get_view_page (window, parts[i].view);

        /* The filters are in a popover, filled when it opens: as a
         * person would, open it first. */
        if (g_str_has_suffix (parts[i].part, "_filter") || g_str_has_suffix (parts[i].part, "_check")
            || g_str_has_suffix (parts[i].part, "_toggle"))
          {
            gtk_menu_button_popup (GTK_MENU_BUTTON (sam_page_get_part (page, "filters_button")));
            sam_gui_iterate ();
          }
        return sam_page_get_part (page, parts[i].part);
      }
  /* A matrix part: of the matrix view shown. */
  for (guint i = 0; i < G_N_ELEMENTS (matrix_parts); i++)
    if (g_str_equal (matrix_parts[i].name, name))
      return sam_page_get_part (sam_window_get_view_page (window, sam_window_get_view (window)),
                                matrix_parts[i].part);
  g_error ("No widget “%s” in the window", name);
}

static gboolean
page_is_not_loading (gpointer window)
{
  return g_strcmp0 (sam_window_get_page (window), "loading") != 0;
}

SamWindow *
sam_gui_open_window (const char *path)
{
  return sam_gui_open_window_with (path, NULL, 1280, 900);
}

/* The program's own style sheet, which AdwApplication loads from the
 * application's resources: the tests' windows have no application, and
 * without it they would be laid out and drawn unlike the program's. */
static void
load_style (void)
{
  static GtkCssProvider *provider;

  if (provider)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* Opens @path in a window of @width × @height pixels that keeps the
 * person's choices in @settings (or none), once it shows the file. */
SamWindow *
sam_gui_open_window_with (const char *path,
                          GSettings  *settings,
                          int         width,
                          int         height)
{
  SamWindow *window;

  load_style ();
  window = sam_window_new (NULL, settings);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  sam_window_open_database (window, path);
  sam_gui_wait_until (page_is_not_loading, window, "the database to open");
  sam_gui_iterate ();
  return window;
}

static const char *
row_title (gpointer item)
{
  if (GTK_IS_TREE_LIST_ROW (item))
    {
      g_autoptr(SamNode) node = gtk_tree_list_row_get_item (item);
      return sam_node_get_title (node);
    }
  return sam_activity_row_get_title (item);
}

/* Returns the position of the row whose title starts with @prefix. */
guint
sam_gui_find_row (GListModel *rows,
                  const char *prefix)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (rows, i);
      if (g_str_has_prefix (row_title (item), prefix))
        return i;
    }
  g_error ("The window shows no row “%s…”", prefix);
}

void
sam_gui_expand (GListModel *rows,
                const char *prefix)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, sam_gui_find_row (rows, prefix));

  gtk_tree_list_row_set_expanded (row, TRUE);
}

void
sam_gui_select (GListModel *rows,
                const char *prefix)
{
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (rows), sam_gui_find_row (rows, prefix), TRUE);
  sam_gui_iterate ();
}

guint
sam_gui_find_activity (SamWindow  *window,
                       const char *prefix)
{
  return sam_gui_find_row (sam_gui_activity_rows (window), prefix);
}

/* Returns the markup of the detail row labelled @label, or NULL. */
const char *
sam_gui_detail (GListModel *details,
                const char *label)
{
  for (guint i = 0; details && i < g_list_model_get_n_items (details); i++)
    {
      g_autoptr(SamDetail) d = g_list_model_get_item (details, i);
      if (g_str_equal (sam_detail_get_label (d), label))
        return sam_detail_get_markup (d);
    }
  return NULL;
}

/* Returns the first top-level window of @type, or NULL. */
gpointer
sam_gui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
        return w;
    }
  return NULL;
}

static SamFieldRow *
row_for (SamWindow  *window,
         const char *field)
{
  SamFieldRow *row = sam_editor_get_row (sam_window_get_editor (window), field);

  g_assert_nonnull (row);
  return row;
}

GtkWidget *
sam_gui_editor_widget (SamWindow  *window,
                       const char *field)
{
  return sam_field_row_get_editor (row_for (window, field));
}

/* Types @text into a text or date field and leaves it, as a person would. */
void
sam_gui_type (SamWindow  *window,
              const char *field,
              const char *text)
{
  SamFieldRow *row = row_for (window, field);
  GtkWidget *editor = sam_field_row_get_editor (row);

  gtk_widget_grab_focus (editor);
  if (GTK_IS_TEXT_VIEW (editor))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (editor), text);
  sam_field_row_flush (row);
  sam_gui_iterate ();
}

/* Ticks the item starting with @prefix in a multiple-choice field. */
void
sam_gui_choose (SamWindow  *window,
                const char *field,
                const char *prefix)
{
  SamChooser *chooser = sam_field_row_get_chooser (sam_editor_get_row (sam_window_get_editor (window), field));
  GListModel *choices = G_LIST_MODEL (sam_chooser_get_choices (chooser));

  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr(SamChoice) c = g_list_model_get_item (choices, i);
      if (g_str_has_prefix (sam_choice_get_title (c), prefix))
        {
          sam_choice_set_selected (c, TRUE);
          sam_gui_iterate ();
          return;
        }
    }
  g_error ("No choice “%s…” for %s", prefix, field);
}

/* Picks the item of @dropdown whose text starts with @prefix. */
void
sam_gui_pick_in (GtkDropDown *dropdown,
                 const char  *prefix)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      const char *title = GTK_IS_STRING_OBJECT (item) ? gtk_string_object_get_string (GTK_STRING_OBJECT (item))
                                                      : sam_record_get_title (SAM_RECORD (item));
      if (g_str_has_prefix (title, prefix))
        {
          gtk_drop_down_set_selected (dropdown, i);
          sam_gui_iterate ();
          return;
        }
    }
  g_error ("No item “%s…” to pick", prefix);
}

/* Picks the item starting with @prefix in the drop-down of @field. */
void
sam_gui_pick (SamWindow  *window,
              const char *field,
              const char *prefix)
{
  sam_gui_pick_in (GTK_DROP_DOWN (sam_gui_editor_widget (window, field)), prefix);
}

void
sam_gui_set_number (SamWindow  *window,
                    const char *field,
                    double      value)
{
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (sam_gui_editor_widget (window, field)), value);
  sam_gui_iterate ();
}

const char *
sam_gui_field_error (SamWindow  *window,
                     const char *field)
{
  return sam_field_row_get_error (row_for (window, field));
}

/* Types @text into a free-text chooser's search and presses Enter. */
void
sam_gui_add_text (SamWindow  *window,
                  const char *field,
                  const char *text)
{
  SamChooser *chooser = sam_field_row_get_chooser (sam_editor_get_row (sam_window_get_editor (window), field));
  GtkWidget *search = gtk_widget_get_first_child (gtk_popover_get_child (GTK_POPOVER (chooser)));

  gtk_editable_set_text (GTK_EDITABLE (search), text);
  g_signal_emit_by_name (search, "activate");
  sam_gui_iterate ();
}

/* Runs the main loop until @condition holds or @ms milliseconds pass;
 * returns whether it held. */
gboolean
sam_gui_wait_for (SamCondition  condition,
                  gpointer      data,
                  guint         ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

/* Lets pending events in for about @ms milliseconds. */
void
sam_gui_settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  sam_gui_iterate ();
}

/* Presses @keys ("ctrl+z", "Delete", "Tab Tab") on the keyboard, as a
 * person would, into @window, which gets the pointer and the focus
 * first: real key events through the X server (xdotool), so that the
 * widgets' own key handling comes first as it does for people. */
void
sam_gui_press (GtkWindow  *window,
               const char *keys)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  g_auto(GStrv) names = g_strsplit (keys, " ", -1);
  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
  g_auto(GStrv) args = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_strv_builder_add_many (argv, "xdotool", "mousemove", "--window", xid, "2", "2",
                           "windowfocus", "--sync", xid, "key", "--clearmodifiers", "--delay", "30", NULL);
  for (guint i = 0; names[i]; i++)
    g_strv_builder_add (argv, names[i]);
  args = g_strv_builder_end (argv);
  sam_gui_settle (50);
  if (!g_spawn_sync (NULL, args, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("Could not press %s: %s", keys, error->message);
  sam_gui_settle (150);
}

/* Reads the translations as the program does, so that a test run with
 * LANGUAGE=nb (and a Norwegian locale) sees the window in Norwegian.
 * Call after gtk_test_init(). */
void
sam_gui_use_translations (void)
{
  const char *dir = g_getenv ("SAMORDNA_LOCALEDIR");

  /* gtk_test_init() chose a locale of its own; the environment's counts. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dir && *dir ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* Clicks the middle of @widget with the mouse, as a person would. */
void
sam_gui_click (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  g_autofree char *xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  g_autofree char *x = NULL, *y = NULL;
  graphene_point_t middle;
  double nx = 0, ny = 0;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                                 gtk_widget_get_height (widget) / 2.0),
                                           &middle));
  gtk_native_get_surface_transform (native, &nx, &ny);
  x = g_strdup_printf ("%d", (int) (middle.x + nx));
  y = g_strdup_printf ("%d", (int) (middle.y + ny));
  /* Apart from any click before: two would make a double click. */
  sam_gui_settle (450);
  if (!g_spawn_sync (NULL, (char *[]) { "xdotool", "mousemove", "--window", xid, x, y, "click", "1", NULL }, NULL,
                     G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("Could not click: %s", error->message);
  sam_gui_settle (200);
}

/* The menu button under @widget that shows @icon, or NULL. */
GtkMenuButton *
sam_gui_find_menu_button (GtkWidget  *widget,
                          const char *icon)
{
  if (GTK_IS_MENU_BUTTON (widget) && g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), icon) == 0)
    return GTK_MENU_BUTTON (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkMenuButton *found = sam_gui_find_menu_button (c, icon);
      if (found)
        return found;
    }
  return NULL;
}
