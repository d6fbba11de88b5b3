/* Samordna started as a person starts it (the application, its options,
 * its first window): the window has libadwaita's look, and what start-up
 * does to be quick leaves nothing behind for the programs it launches. */
#include "config.h"

#include <glib/gstdio.h>

#include "sam-application.h"
#include "sam-gui-test-util.h"

static char *dir;

typedef struct
{
  GApplication *app;
  gboolean      checked;
  char         *theme_env;     /* GTK_THEME once the window shows */
  char         *theme_name;    /* GtkSettings:gtk-theme-name */
  GdkRGBA       color;         /* the window's text colour */
  char         *first_item;    /* the main menu's first item, opened */
  char         *bus_env;       /* DBUS_SESSION_BUS_ADDRESS once the window shows */
} Shown;

/* Opens the main menu and returns the label of its first item. */
static char *
open_main_menu (GtkWindow *window)
{
  GtkMenuButton *button = sam_gui_find_menu_button (GTK_WIDGET (window), "open-menu-symbolic");
  GMenuModel *menu, *section;
  char *label = NULL;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  gtk_menu_button_popup (button);
  g_assert_nonnull (gtk_menu_button_get_popover (button));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (button))));
  menu = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (menu);
  section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label);
  g_object_unref (section);
  gtk_menu_button_popdown (button);
  return label;
}

static gboolean
check_window_cb (gpointer data)
{
  Shown *shown = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (shown->app));

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window))
      || g_strcmp0 (sam_window_get_page (SAM_WINDOW (window)), "browse") != 0)
    return G_SOURCE_CONTINUE;
  shown->theme_env = g_strdup (g_getenv ("GTK_THEME"));
  shown->bus_env = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
  g_object_get (gtk_settings_get_default (), "gtk-theme-name", &shown->theme_name, NULL);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (window)), &shown->color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  shown->first_item = open_main_menu (window);
  shown->checked = TRUE;
  gtk_window_destroy (window);
  g_application_quit (shown->app);
  return G_SOURCE_REMOVE;
}

/* Runs Samordna on @path as main() does, until its window shows the plan. */
static void
run_samordna (const char *path,
              Shown      *shown)
{
  g_autoptr(SamApplication) app = sam_application_new ();
  char *argv[] = { "samordna", "--database", (char *) path, NULL };

  shown->app = G_APPLICATION (app);
  g_timeout_add (20, check_window_cb, shown);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv), ==, 0);
  g_assert_true (shown->checked);
}

/* The window is drawn with libadwaita's stylesheet (its text colour, not
 * GTK's theme's, nor the black of no theme), and GTK_THEME, which start-up
 * uses to spare GTK its own theme, is gone again: a program launched from
 * Samordna looks as it always does. Its main menu opens. */
static void
test_adwaita_look (void)
{
  g_autofree char *path = g_build_filename (dir, "look.db", NULL);
  Shown shown = { 0 };

  g_assert_null (g_getenv ("GTK_THEME"));
  run_samordna (path, &shown);
  g_assert_null (shown.theme_env);
  g_assert_cmpstr (shown.theme_name, ==, "Adwaita-empty");
  /* libadwaita's window_fg_color: rgba(0, 0, 0, 0.8). */
  g_assert_cmpfloat_with_epsilon (shown.color.alpha, 0.8, 0.01);
  g_assert_cmpfloat_with_epsilon (shown.color.red, 0.0, 0.01);
  /* The main menu, made when first opened, opens with its items. */
  g_assert_cmpstr (shown.first_item, ==, "_New Database…");
  g_free (shown.theme_env);
  g_free (shown.first_item);
  g_free (shown.theme_name);
  g_free (shown.bus_env);
}

/* Where no session bus can be reached (none runs, and dbus-launch cannot
 * start one), start-up finds out once, not again in GTK, libadwaita and
 * the application's registration, each starting dbus-launch, before the
 * first frame; and leaves the environment as it was for the programs it
 * launches. In a process of its own, as a person starts Samordna. */
static void
test_no_session_bus (void)
{
  /* The subprocess has a folder of its own: it is told the parent's. */
  const char *parent = g_test_subprocess () ? g_getenv ("SAMORDNA_TEST_DIR") : dir;
  g_autofree char *bin = g_build_filename (parent, "bin", NULL);
  g_autofree char *launcher = g_build_filename (bin, "dbus-launch", NULL);
  g_autofree char *log = g_build_filename (parent, "dbus-launch.log", NULL);
  g_autofree char *script = g_strdup_printf ("#!/bin/sh\necho \"$*\" >> '%s'\nexit 1\n", log);
  g_autofree char *written = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      g_autofree char *path = g_build_filename (dir, "nobus.db", NULL);
      g_autofree char *search = g_strdup_printf ("%s:%s", bin, g_getenv ("PATH"));
      Shown shown = { 0 };

      g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
      g_setenv ("PATH", search, TRUE);
      run_samordna (path, &shown);
      g_assert_null (shown.bus_env);
      g_assert_null (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
      g_print ("shown\n");
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (bin, 0700), ==, 0);
  g_file_set_contents (launcher, script, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (launcher, 0700), ==, 0);
  g_setenv ("SAMORDNA_TEST_DIR", dir, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*shown*");
  g_file_get_contents (log, &written, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (g_strstrip (written), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  g_assert_true (g_str_has_prefix (lines[0], "--autolaunch="));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* GTK starts inside the application, as in main.c. */
  g_test_init (&argc, &argv, NULL);
  dir = sam_test_make_dir ();

  g_test_add_func ("/gui/startup/adwaita-look", test_adwaita_look);
  g_test_add_func ("/gui/startup/no-session-bus", test_no_session_bus);
  status = g_test_run ();

  sam_test_remove_dir (dir);
  g_free (dir);
  return status;
}
