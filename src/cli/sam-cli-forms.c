#define G_LOG_DOMAIN "sam-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "sam-cli-private.h"
#include "forms/sam-forms.h"

/* samordna forms */

typedef struct
{
  char *period;
  char *output;
  char *agency;
  char *deadline;
  char *language;
  char *database;
  char *now;
} FormsArgs;

static void
forms_args_clear (FormsArgs *args)
{
  g_free (args->period);
  g_free (args->output);
  g_free (args->agency);
  g_free (args->deadline);
  g_free (args->language);
  g_free (args->database);
  g_free (args->now);
}

static gboolean
check_forms_args (FormsArgs         *args,
                  SamReportLanguage *language)
{
  g_autofree char *message = NULL;

  if (args->period == NULL || *args->period == '\0')
    message = g_strdup (_("Say which reporting period the forms ask about with --period CODE, as in --period 2026-T1."));
  else if (args->output == NULL || *args->output == '\0')
    message = g_strdup (_("Say which folder to write the forms to with --output FOLDER."));
  else if (args->language == NULL)
    *language = sam_report_language_default ();
  else if (!sam_report_language_from_string (args->language, language))
    message = g_strdup_printf (_("“%s” is not a form language. Write nb or en."), args->language);
  if (message)
    sam_cli_print_error (message);
  return message == NULL;
}

/* Writes one status form per agency (or for one agency) for a reporting
 * period and notes the round in the database. Prints the path of each
 * form written, one a line. Returns SAM_CLI_OK when every form was
 * written, SAM_CLI_USAGE on bad options, an unknown period or agency, a
 * missing folder or a database that cannot be used, and SAM_CLI_FAILED
 * when the forms could not be written (then none is left behind). */
int
sam_cli_forms (int    argc,
               char **argv)
{
  FormsArgs args = { NULL };
  GOptionEntry entries[] = {
    { "period", 'p', 0, G_OPTION_ARG_STRING, &args.period, N_("The reporting period the forms ask about, as in 2026-T1"), N_("CODE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args.output, N_("The folder to write the forms to"), N_("FOLDER") },
    { "agency", 'a', 0, G_OPTION_ARG_STRING, &args.agency,
      N_("Write only this agency's form, by its short name (default: every agency that leads an activity)"), N_("SHORT-NAME") },
    { "deadline", 0, 0, G_OPTION_ARG_STRING, &args.deadline, N_("The date the forms are due back"), N_("YYYY-MM-DD") },
    { "language", 'l', 0, G_OPTION_ARG_STRING, &args.language,
      N_("The forms' language: nb or en (default: from the environment)"), N_("LANGUAGE") },
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &args.database,
      N_("The Samordna database (default: the one the window opens)"), N_("PATH") },
    { "now", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &args.now, "The time the forms are written", "YYYY-MM-DDTHH:MM:SS" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = sam_cli_new_context (NULL,
    _("Writes a status form (.xlsx) for each agency to fill in, and starts a reporting round."),
    _("Exit status: 0 when the forms were written, 1 when they could not be written, 2 when the options, the period or the agency are wrong or the database cannot be used."),
    entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) store = NULL;
  g_autoptr(SamFormsJob) job = NULL;
  SamFormsOptions options = { NULL };
  int status = SAM_CLI_USAGE;

  g_return_val_if_fail (argc >= 2, SAM_CLI_USAGE);
  if (!sam_cli_parse_options (context, argc, argv, NULL) || !check_forms_args (&args, &options.language))
    goto out;
  if (!(store = sam_cli_open_database (args.database, SAM_STORE_OPEN_NONE, &error)))
    goto out;
  options.period = args.period;
  options.folder = args.output;
  options.agency = args.agency;
  options.deadline = args.deadline;
  options.now = args.now;
  if (!sam_forms_write_round (store, &options, &job, &error))
    {
      if (error->domain == SAM_FORMS_ERROR
          && (error->code == SAM_FORMS_ERROR_WRITE || error->code == SAM_FORMS_ERROR_NOT_WRITABLE))
        status = SAM_CLI_FAILED;
      goto out;
    }
  for (guint i = 0; i < sam_forms_job_get_n_forms (job); i++)
    g_print ("%s\n", sam_forms_job_get_path (job, i));
  status = SAM_CLI_OK;

out:
  if (error)
    sam_cli_print_error (error->message);
  forms_args_clear (&args);
  return status;
}

int
sam_cli_import (int    argc,
                char **argv)
{
  return SAM_CLI_USAGE;
}
