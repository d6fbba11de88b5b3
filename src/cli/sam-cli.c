#define G_LOG_DOMAIN "sam-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "sam-cli-private.h"
#include "core/sam-thread.h"
#include "report/sam-report.h"
#include "store/sam-coordination.h"

/* Helpers */

/* Prints @message on stderr as one line: a person reads it, a script
 * logs it. */
void
sam_cli_print_error (const char *message)
{
  g_autofree char *line = g_strdup (message);

  g_strdelimit (line, "\r\n", ' ');
  g_printerr ("samordna: %s\n", line);
}

GOptionContext *
sam_cli_new_context (const char   *parameter,
                     const char   *summary,
                     const char   *description,
                     GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameter);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

/* Parses the options of a command, whose name is argv[1]. Prints what is
 * wrong and returns FALSE on bad options. The arguments that are no
 * options go to *@rest (free it) when asked; else they are wrong. */
gboolean
sam_cli_parse_options (GOptionContext  *context,
                       int              argc,
                       char           **argv,
                       GStrv           *rest)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = g_new0 (char *, argc + 1);
  char **cursor;

  /* GOption takes argv[0] as the program; the command takes its place. */
  args[0] = g_strconcat (g_get_prgname () ? g_get_prgname () : "samordna", " ", argv[1], NULL);
  for (int i = 2; i < argc; i++)
    args[i - 1] = g_strdup (argv[i]);
  cursor = args;
  if (!g_option_context_parse_strv (context, &cursor, &error))
    {
      sam_cli_print_error (error->message);
      return FALSE;
    }
  if (rest)
    {
      *rest = g_strdupv (args + 1);
      return TRUE;
    }
  if (g_strv_length (args) > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”. See --help."), args[1]);
      sam_cli_print_error (message);
      return FALSE;
    }
  return TRUE;
}

/* Opens the database at @path, or the default one when @path is NULL,
 * checking it as @flags say; @path may be a server's address. Unlike the window, the command line never
 * creates a database: a missing file is more likely a typing error than a
 * wish for a new plan. */
SamStore *
sam_cli_open_database (const char         *path,
                       SamStoreOpenFlags   flags,
                       GError            **error)
{
  g_autofree char *default_path = path ? NULL : sam_store_default_path ();
  const char *file = path ? path : default_path;

  if (!sam_store_is_server_address (file) && !g_file_test (file, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND,
                   path ? _("There is no database “%s”. Give the path of a Samordna database with --database.")
                        : _("There is no database at the default place, “%s”. Start Samordna once, or give the path of a database with --database."),
                   file);
      return NULL;
    }
  return sam_store_open_with_flags (file, flags, error);
}

/* samordna check */

static void
print_result (const SamCheckResult *r)
{
  g_autofree char *message = g_strdup (r->message);

  g_strdelimit (message, "\r\n\t", ' ');
  g_print ("%s\t%s\t%s:%" G_GINT64_FORMAT "\t%s\n",
           sam_severity_to_string (r->severity), r->check_id,
           sam_kind_get_info (r->kind)->name, r->id, message);
}

/* Runs the coordination checks on a database and prints each failure as
 * one tab-separated line: severity, check id, what it concerns
 * (kind:id) and a message. Returns SAM_CLI_OK when every check passes,
 * SAM_CLI_FAILED when one fails and SAM_CLI_USAGE on bad options or a
 * database that cannot be used (with one line on stderr). */
int
sam_cli_check (int    argc,
               char **argv)
{
  g_autofree char *database = NULL;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database,
      N_("The Samordna database to check: a file, or a plan on a server (postgresql://HOST/DATABASE); default: the one the window opens"), N_("PATH") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = sam_cli_new_context (NULL,
    _("Runs the coordination checks and prints each failure as one line."),
    _("Exit status: 0 when every check passes, 1 when some check fails, 2 when the options are wrong or the database cannot be used."),
    entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) store = NULL;
  g_autoptr(GPtrArray) results = NULL;

  g_return_val_if_fail (argc >= 2, SAM_CLI_USAGE);
  if (!sam_cli_parse_options (context, argc, argv, NULL))
    return SAM_CLI_USAGE;
  if (!(store = sam_cli_open_database (database, SAM_STORE_OPEN_NONE, &error))
      || !(results = sam_coordination_run_checks (store, &error)))
    {
      sam_cli_print_error (error->message);
      return SAM_CLI_USAGE;
    }
  for (guint i = 0; i < results->len; i++)
    print_result (results->pdata[i]);
  return results->len == 0 ? SAM_CLI_OK : SAM_CLI_FAILED;
}

/* samordna report */

typedef struct
{
  char *output;
  char *scope;
  char *period;
  char *language;
  char *database;
  char *today;
} ReportArgs;

static void
report_args_clear (ReportArgs *args)
{
  g_free (args->output);
  g_free (args->scope);
  g_free (args->period);
  g_free (args->language);
  g_free (args->database);
  g_free (args->today);
}

static gboolean
check_report_args (ReportArgs        *args,
                   SamReportLanguage *language)
{
  g_autofree char *message = NULL;

  if (args->output == NULL || *args->output == '\0')
    message = g_strdup (_("Say where to write the report with --output FILE.xlsx."));
  else if (args->language == NULL)
    *language = sam_report_language_default ();
  else if (!sam_report_language_from_string (args->language, language))
    message = g_strdup_printf (_("“%s” is not a report language. Write nb or en."), args->language);
  if (message == NULL && args->today != NULL && !sam_date_is_valid (args->today))
    message = g_strdup_printf (_("“%s” is not a date. Write it as YYYY-MM-DD."), args->today);
  if (message)
    sam_cli_print_error (message);
  return message == NULL;
}

/* Writes the Excel progress report without a display. Returns SAM_CLI_OK
 * when the report was written, SAM_CLI_USAGE on bad options, an unknown
 * scope or period, or a database that cannot be used, and SAM_CLI_FAILED
 * when the file could not be written; every failure prints one line on
 * stderr and leaves no file behind. */
int
sam_cli_report (int    argc,
                char **argv)
{
  ReportArgs args = { NULL };
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args.output, N_("Where to write the report (an .xlsx file)"), N_("FILE") },
    { "scope", 's', 0, G_OPTION_ARG_STRING, &args.scope,
      N_("What to report on: strategy, focus-area:NUMBER, measure:NUMBER, plan:ID, agency:SHORT-NAME or ministry:SHORT-NAME (default: strategy)"),
      N_("SCOPE") },
    { "period", 'p', 0, G_OPTION_ARG_STRING, &args.period,
      N_("The reporting period, as in 2026-T1 (default: the period running today)"), N_("CODE") },
    { "language", 'l', 0, G_OPTION_ARG_STRING, &args.language,
      N_("The report's language: nb or en (default: from the environment)"), N_("LANGUAGE") },
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &args.database,
      N_("The Samordna database to report on: a file, or a plan on a server (postgresql://HOST/DATABASE); default: the one the window opens"), N_("PATH") },
    { "today", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &args.today, "The date to count overdue from", "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = sam_cli_new_context (NULL,
    _("Writes the Excel progress report without a display."),
    _("Exit status: 0 when the report was written, 1 when it could not be written, 2 when the options, the scope or the period are wrong or the database cannot be used."),
    entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) store = NULL;
  g_autoptr(SamScope) scope = NULL;
  SamReportOptions options = { NULL };
  g_auto(SamReportStats) stats = { 0 };
  int status = SAM_CLI_USAGE;

  g_return_val_if_fail (argc >= 2, SAM_CLI_USAGE);
  if (!sam_cli_parse_options (context, argc, argv, NULL) || !check_report_args (&args, &options.language))
    goto out;
  /* The report runs the integrity check beside its writing (a damaged
   * file still fails it, with nothing written), not before. */
  if (!(store = sam_cli_open_database (args.database, SAM_STORE_OPEN_CHECK_LATER, &error))
      || !(scope = sam_scope_parse (store, args.scope, &error)))
    goto out;
  options.scope = scope;
  options.period = args.period;
  options.today = args.today;
  options.check_store = TRUE;
  /* This process writes the report and ends: what its helper threads let
   * go is given back at once, which holds its peak down. */
  sam_thread_set_give_back_memory (TRUE);
  if (!sam_report_write (store, &options, args.output, NULL, NULL, &stats, NULL, &error))
    {
      if (!g_error_matches (error, SAM_REPORT_ERROR, SAM_REPORT_ERROR_PERIOD)
          && !g_error_matches (error, SAM_REPORT_ERROR, SAM_REPORT_ERROR_DATABASE) && error->domain != SAM_STORE_ERROR)
        status = SAM_CLI_FAILED;
      goto out;
    }
  /* Written, but what did not fit in it is said. */
  for (guint i = 0; stats.warnings && stats.warnings[i]; i++)
    sam_cli_print_error (stats.warnings[i]);
  status = SAM_CLI_OK;

out:
  if (error)
    sam_cli_print_error (error->message);
  report_args_clear (&args);
  return status;
}

/* Dispatch */

/* Returns TRUE when @arg names a command answered here. */
gboolean
sam_cli_is_command (const char *arg)
{
  return g_strcmp0 (arg, "check") == 0 || g_strcmp0 (arg, "report") == 0
         || g_strcmp0 (arg, "forms") == 0 || g_strcmp0 (arg, "import") == 0
         || g_strcmp0 (arg, "period") == 0 || g_strcmp0 (arg, "server") == 0;
}

/* Runs the command argv[1] with the options after it and returns the
 * process's exit status. Never touches GTK. */
int
sam_cli_run (int    argc,
             char **argv)
{
  g_return_val_if_fail (argc >= 2 && sam_cli_is_command (argv[1]), SAM_CLI_USAGE);

  if (g_str_equal (argv[1], "check"))
    return sam_cli_check (argc, argv);
  if (g_str_equal (argv[1], "forms"))
    return sam_cli_forms (argc, argv);
  if (g_str_equal (argv[1], "import"))
    return sam_cli_import (argc, argv);
  if (g_str_equal (argv[1], "period"))
    return sam_cli_period (argc, argv);
  if (g_str_equal (argv[1], "server"))
    return sam_cli_server (argc, argv);
  return sam_cli_report (argc, argv);
}
