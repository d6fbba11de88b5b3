/* main.c: starts Samordna. */
#define G_LOG_DOMAIN "samordna"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sam-application.h"
#include "cli/sam-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SamApplication) app = NULL;
  const char *localedir = g_getenv ("SAMORDNA_LOCALEDIR");
  gint64 started = g_get_monotonic_time ();

  /* SAMORDNA_LOCALEDIR lets a build run in place find its translations. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The commands for scripts run before GTK is touched, with no display. */
  if (argc > 1 && sam_cli_is_command (argv[1]))
    return sam_cli_run (argc, argv);

  app = sam_application_new ();
  g_object_set_data (G_OBJECT (app), "started", GSIZE_TO_POINTER ((gsize) started));
  return g_application_run (G_APPLICATION (app), argc, argv);
}
