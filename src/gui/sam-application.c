#define G_LOG_DOMAIN "sam-application"

#include "config.h"

#include <glib/gi18n.h>

#include "sam-application.h"
#include "sam-window.h"
#include "store/sam-store.h"

struct _SamApplication
{
  AdwApplication  parent_instance;

  char           *database;   /* --database, or the default path */
  GSettings      *settings;   /* NULL when the schema is not installed */
  GDBusConnection *bus;       /* the session bus, from before GTK starts until registered */
  gboolean        no_bus;     /* none could be reached: see tell_no_bus() */

  /* The plan of the first window, opened while the window is built. */
  GCancellable   *opening;    /* while it opens; NULL before and after */
  SamWindow      *window;     /* weak: the window it opens for, once there */
  SamStore       *opened;     /* what it opened, or */
  GError         *open_error; /* why not, until the window is there */
};

G_DEFINE_FINAL_TYPE (SamApplication, sam_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the Samordna database at PATH, or create it with the default plan; or open a shared plan on a PostgreSQL server (postgresql://HOST/DATABASE, a libpq connection string or service=NAME)"),
    N_("PATH") },
  { "version", 'v', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

/* Actions */

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { _("The Samordna developers"), NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", "Samordna",
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Samordna developers"),
                         "developers", developers,
                         "comments", _("Plan and follow up a cross-sector government strategy: plans, activities, responsible agencies, target groups and seminars."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
};

/* Overrides */

/* Hands the plan opened (or why not) to the window it is opened for. */
static void
hand_over (SamApplication *self)
{
  if (self->window == NULL || (self->opened == NULL && self->open_error == NULL))
    return;
  sam_window_end_open (self->window, self->opened, self->open_error);
  g_clear_object (&self->opened);
  g_clear_error (&self->open_error);
  g_clear_weak_pointer (&self->window);
}

static void
on_opened_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SamApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) store = sam_store_open_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->opening);
  self->opened = g_steal_pointer (&store);
  self->open_error = g_steal_pointer (&error);
  hand_over (self);
}

/* Starts opening the plan of the first window in a worker, so that it
 * opens while GTK starts and the window is built (two cores do both). */
static void
start_opening (SamApplication *self)
{
  sam_window_prepare_path (self->database);
  self->opening = g_cancellable_new ();
  sam_store_open_async (self->database, SAM_STORE_OPEN_CHECK_LATER, self->opening, on_opened_cb,
                        g_object_ref (self));
}

/* Whether the interface names measures, agencies, sectors and target
 * groups in English (where they have an English name): when the user asks
 * for a language other than Norwegian, whose messages are then English.
 * Without any preference (the C locale) the plan shows as it was written. */
static gboolean
prefers_english_names (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i]; i++)
    {
      if (g_str_equal (names[i], "C") || g_str_equal (names[i], "POSIX")
          || g_str_has_prefix (names[i], "C.") || g_str_has_prefix (names[i], "nb")
          || g_str_has_prefix (names[i], "nn") || g_str_has_prefix (names[i], "no"))
        return FALSE;
      return TRUE;
    }
  return FALSE;
}

/* The theme libadwaita gives GTK (its own resource) before it adds its
 * stylesheet on top. */
#define ADWAITA_EMPTY_THEME "Adwaita-empty"

/* GTK loads its own theme ("Default") when the display's settings are
 * made, as the application starts up, and libadwaita then replaces it
 * with the empty one and its stylesheet: a tenth of start-up spent on a
 * theme nobody sees. The settings are made here instead, while GTK_THEME
 * (set by the caller, before any thread runs) names the empty theme, so
 * GTK loads that; the variable goes before libadwaita looks at it, and
 * libadwaita sets the same theme as ever. What the window looks like does
 * not change. A GTK_THEME of the user's own is left alone. */
static void
skip_gtk_theme (void)
{
  g_assert (g_strcmp0 (g_getenv ("GTK_THEME"), ADWAITA_EMPTY_THEME) == 0);
  gtk_settings_get_default ();
  /* unsetenv frees nothing: safe beside threads that read the environment. */
  g_unsetenv ("GTK_THEME");
}

/* An address no connection can be made to, at once. */
#define NO_BUS_ADDRESS "disabled:"

/* Where no session bus can be reached (none runs, and dbus-launch cannot
 * start one), every connection tries again: GTK's set-up, libadwaita's
 * settings portal and registering the application would each run
 * dbus-launch (or look for it along PATH) before the first frame. Once
 * the first try failed, the others are told at once, through an address
 * that fails, until start-up is over (see sam_application_startup()). Only
 * when the user set no address: the variable is unset again then, which
 * frees nothing, safe beside threads that read the environment, and the
 * programs Samordna launches later see the environment as it was. */
static void
tell_no_bus (SamApplication *self)
{
  if (self->bus || g_getenv ("DBUS_SESSION_BUS_ADDRESS"))
    return;
  self->no_bus = TRUE;
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", NO_BUS_ADDRESS, TRUE);
}

static int
sam_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  SamApplication *self = SAM_APPLICATION (app);
  g_autofree char *database = NULL;
  gboolean own_theme;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("samordna %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "database", "^ay", &database))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (database);
      g_free (self->database);
      /* A server's address is libpq's to read, not a file name. */
      self->database = sam_store_is_server_address (database) ? g_strdup (database) : g_file_get_path (file);
    }
  /* Before any thread runs: see skip_gtk_theme(). */
  own_theme = g_getenv ("GTK_THEME") == NULL;
  if (own_theme)
    g_setenv ("GTK_THEME", ADWAITA_EMPTY_THEME, TRUE);
  /* GTK's set-up connects to the session bus and lets it go, and
   * registering the application connects again: twice the handshake, and
   * where no bus runs, two buses started (dbus-launch). Held here, the one
   * connection serves both. */
  self->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  tell_no_bus (self);
  if (!gtk_init_check ())
    {
      g_printerr ("%s\n", _("samordna: cannot open a window because there is no display; set DISPLAY or WAYLAND_DISPLAY, or run it in a desktop session."));
      return 1;
    }
  if (own_theme)
    skip_gtk_theme ();
  /* The one place that decides which names the interface shows; every
   * store opened from here on follows it. */
  sam_record_set_english_titles (prefers_english_names ());
  start_opening (self);
  return -1;
}

/* libadwaita adds its own icons to the display's icon theme as it starts
 * up, and so throws away the theme GTK had begun to read in a worker: the
 * first icon the window draws would read it all again on the main thread,
 * a tenth of start-up. It is read here in a worker instead, as GTK's own
 * preloading does, while the window is built. */
static void
read_icon_theme_thread (GTask        *task,
                        gpointer      source,
                        gpointer      theme,
                        GCancellable *cancellable)
{
  gtk_icon_theme_has_icon (theme, APP_ID);
}

static void
read_icon_theme (void)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_task_data (task, g_object_ref (gtk_icon_theme_get_for_display (gdk_display_get_default ())),
                        g_object_unref);
  g_task_run_in_thread (task, read_icon_theme_thread);
}

static void
sam_application_startup (GApplication *app)
{
  SamApplication *self = SAM_APPLICATION (app);
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *back_accels[] = { "<Alt>Left", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (sam_application_parent_class)->startup (app);
  g_clear_object (&self->bus);
  /* Registered, and libadwaita started: see tell_no_bus(). */
  if (self->no_bus)
    g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
  read_icon_theme ();

  /* Without the installed schema (a build run in place) the window still
   * works; it just does not remember its size. */
  if (source && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)))
    self->settings = g_settings_new (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.back", back_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.shortcuts", shortcuts_accels);
}

static void
sam_application_activate (GApplication *app)
{
  SamApplication *self = SAM_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      /* The window shows itself when the plan is open, or after a moment. */
      window = GTK_WINDOW (sam_window_new (GTK_APPLICATION (self), self->settings));
      if (self->opening == NULL && self->opened == NULL && self->open_error == NULL)
        {
          sam_window_open_database (SAM_WINDOW (window), self->database);
          return;
        }
      sam_window_begin_open (SAM_WINDOW (window));
      g_set_weak_pointer (&self->window, SAM_WINDOW (window));
      hand_over (self);
      return;
    }
  gtk_window_present (window);
}

static void
sam_application_finalize (GObject *object)
{
  SamApplication *self = SAM_APPLICATION (object);

  if (self->opening)
    g_cancellable_cancel (self->opening);
  g_clear_object (&self->opening);
  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->opened);
  g_clear_error (&self->open_error);
  g_clear_pointer (&self->database, g_free);
  g_clear_object (&self->settings);
  g_clear_object (&self->bus);
  G_OBJECT_CLASS (sam_application_parent_class)->finalize (object);
}

static void
sam_application_class_init (SamApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sam_application_finalize;
  app_class->handle_local_options = sam_application_handle_local_options;
  app_class->startup = sam_application_startup;
  app_class->activate = sam_application_activate;
}

static void
sam_application_init (SamApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Plan and follow up a cross-sector government strategy."));
  self->database = sam_store_default_path ();
}

SamApplication *
sam_application_new (void)
{
  return g_object_new (SAM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

