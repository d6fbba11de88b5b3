#define G_LOG_DOMAIN "sam-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "sam-cli-private.h"
#include "forms/sam-form-import.h"

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
  gboolean overwrite;
  gboolean replace_round;
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

/* Says on standard error which agencies have no e-mail address, so that a
 * reminder to them would have no recipient, and what to do. */
static void
say_without_address (SamFormsJob *job)
{
  g_auto(GStrv) names = sam_forms_job_without_address (job);
  guint n = g_strv_length (names);
  g_autofree char *list = g_strjoinv (", ", names);

  if (n == 0)
    return;
  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           "No e-mail address for %u agency: %s. A reminder to it would have no recipient: add its e-mail address as the agency’s contact in Samordna (Agencies).\n",
                           "No e-mail address for %u agencies: %s. Reminders to them would have no recipient: add their e-mail addresses as the agency’s contact in Samordna (Agencies).\n",
                           n),
              n, list);
}

/* Says which option allows what @error refused. */
static void
add_option_hint (GError *error)
{
  const char *hint = NULL;
  char *message;

  if (g_error_matches (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_EXISTS))
    hint = _("To write over forms that are there, add --overwrite.");
  else if (g_error_matches (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_ROUND_EXISTS))
    hint = _("To start a new round all the same, add --replace-round; to write one agency’s form again, add --agency SHORT-NAME.");
  if (hint == NULL)
    return;
  message = g_strconcat (error->message, " ", hint, NULL);
  g_free (error->message);
  error->message = message;
}

/* Writes one status form per agency (or for one agency) for a reporting
 * period and notes the round in the database. Prints the path of each
 * form written, one a line. Returns SAM_CLI_OK when every form was
 * written, SAM_CLI_USAGE on bad options, an unknown period or agency, a
 * missing folder, a deadline that has passed, forms that would be written
 * over files (without --overwrite), a round of the period that would be
 * replaced (without --replace-round) or a database that cannot be used, and SAM_CLI_FAILED
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
      N_("The Samordna database: a file, or a plan on a server (postgresql://HOST/DATABASE); default: the one the window opens"), N_("PATH") },
    { "overwrite", 0, 0, G_OPTION_ARG_NONE, &args.overwrite,
      N_("Write over forms of the same names in the folder (without it, nothing is written over)"), NULL },
    { "replace-round", 0, 0, G_OPTION_ARG_NONE, &args.replace_round,
      N_("Start a new round for a period that has one, replacing its board (without it, every agency's form is not written again; --agency adds one agency's form to the round)"), NULL },
    { "now", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &args.now, "The time the forms are written", "YYYY-MM-DDTHH:MM:SS" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = sam_cli_new_context (NULL,
    _("Writes a status form (.xlsx) for each agency to fill in, and starts a reporting round."),
    _("Exit status: 0 when the forms were written, 1 when they could not be written, 2 when the options, the period or the agency are wrong, the deadline has passed, a form would be written over a file (see --overwrite), a round of the period would be replaced (see --replace-round) or the database cannot be used."),
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
  options.overwrite = args.overwrite;
  options.replace_round = args.replace_round;
  if (!sam_forms_write_round (store, &options, &job, &error))
    {
      if (error->domain == SAM_FORMS_ERROR
          && (error->code == SAM_FORMS_ERROR_WRITE || error->code == SAM_FORMS_ERROR_NOT_WRITABLE))
        status = SAM_CLI_FAILED;
      add_option_hint (error);
      goto out;
    }
  for (guint i = 0; i < sam_forms_job_get_n_forms (job); i++)
    g_print ("%s\n", sam_forms_job_get_path (job, i));
  say_without_address (job);
  status = SAM_CLI_OK;

out:
  if (error)
    sam_cli_print_error (error->message);
  forms_args_clear (&args);
  return status;
}

/* samordna import */

static char *
one_line (const char *text)
{
  char *line = g_strdup (text ? text : "");

  return g_strdelimit (line, "\r\n\t", ' ');
}

static void
print_row (const SamImportRow *row)
{
  g_autofree char *old_progress = sam_import_progress_text (row->old_progress);
  g_autofree char *new_progress = sam_import_progress_text (row->new_progress);
  g_autofree char *title = one_line (row->title), *comment = one_line (row->new_comment);
  const char *old_status = row->old_status ? g_dgettext (GETTEXT_PACKAGE, sam_enum_label (sam_status_values, row->old_status)) : "–";
  const char *new_status = row->new_status ? g_dgettext (GETTEXT_PACKAGE, sam_enum_label (sam_status_values, row->new_status)) : "–";
  const char *what = !row->valid ? _("not imported")
                     : row->conflict && row->apply ? _("conflict, the form’s taken")
                     : row->conflict ? _("conflict, Samordna’s kept")
                     : row->apply ? _("change")
                     : _("unchanged");

  /* TRANSLATORS: one row of an import's review: row, what happens, activity number and title,
   * old status and progress → new status and progress, the comment. */
  g_print (_("  row %u\t%s\t%lld %s\t%s, %s → %s, %s\t%s\n"),
           row->row, what, (long long) row->activity_id, title, old_status, old_progress,
           row->valid ? new_status : "–", row->valid ? new_progress : "–", comment);
}

static void
print_file (const SamImportFile *f,
            gboolean             dry_run)
{
  const char *verdict = f->refused ? _("refused")
                        : f->apply ? (dry_run ? _("would be applied") : _("applied"))
                        : f->changes == 0 ? _("nothing to change")
                        : _("not applied");

  g_autofree char *answered = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row answered", "%u rows answered",
                                                            f->answered), f->answered);
  g_autofree char *changes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes", f->changes),
                                              f->changes);
  /* TRANSLATORS: rows of a returned form that came back as they were written. */
  g_autofree char *unchanged = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unchanged", "%u unchanged",
                                                              f->unchanged), f->unchanged);

  /* TRANSLATORS: a file in an import's review: name, agency, period, "3 rows answered", "1 change",
   * "2 unchanged", verdict. */
  g_print (_("%s: %s, %s: %s, %s, %s, %s\n"),
           f->name, f->agency ? f->agency : "?", f->target_period ? f->target_period : (f->period ? f->period : "?"),
           answered, changes, unchanged, verdict);
  for (guint i = 0; i < f->rows->len; i++)
    print_row (f->rows->pdata[i]);
  for (guint i = 0; i < f->issues->len; i++)
    {
      const SamImportIssue *issue = f->issues->pdata[i];
      g_autofree char *where = sam_import_issue_where (issue);
      g_autofree char *message = one_line (issue->message);

      g_print ("  %s\t%s: %s\n", sam_import_level_label (issue->level), where, message);
    }
}

/* Reads returned status forms, prints the review (per file its verdict,
 * per row Samordna's status and the form's, and every warning with the
 * file, sheet, row and cell), and unless --dry-run records what can be
 * recorded in one transaction. A form for another period than the round
 * in progress is recorded only with --as-period; where Samordna got
 * another status after the form was written, the form's is recorded only
 * with --take-form. Returns SAM_CLI_OK when every file was read and
 * nothing left out, SAM_CLI_FAILED when anything was left out or refused
 * (sam_import_file_left_out(); the rest is recorded all the same),
 * and SAM_CLI_USAGE on bad options or a database that cannot be used. */
int
sam_cli_import (int    argc,
                char **argv)
{
  g_autofree char *database = NULL, *as_period = NULL;
  gboolean dry_run = FALSE, take_form = FALSE;
  g_auto(GStrv) files = NULL;
  GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Print the review but record nothing"), NULL },
    { "take-form", 0, 0, G_OPTION_ARG_NONE, &take_form,
      N_("Where Samordna got another status after a form was written (a conflict), record the form's (default: keep Samordna's)"), NULL },
    { "as-period", 0, 0, G_OPTION_ARG_STRING, &as_period,
      N_("Record the forms for this reporting period, whatever period they were written for"), N_("CODE") },
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database,
      N_("The Samordna database: a file, or a plan on a server (postgresql://HOST/DATABASE); default: the one the window opens"), N_("PATH") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = sam_cli_new_context (_("FILE.xlsx…"),
    _("Imports status forms the agencies sent back, after printing a review of every change and problem."),
    _("Exit status: 0 when every form was imported whole, 1 when anything was left out or refused: a file refused or not applied, a row or cell not imported, a conflict where Samordna's status was kept (the rest is recorded), 2 when the options are wrong or the database cannot be used."),
    entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) store = NULL;
  g_autoptr(SamImportReview) review = sam_import_review_new ();
  SamImportResult result = { 0, 0 };
  gboolean whole = TRUE;

  g_return_val_if_fail (argc >= 2, SAM_CLI_USAGE);
  if (!sam_cli_parse_options (context, argc, argv, &files))
    return SAM_CLI_USAGE;
  if (files[0] == NULL)
    {
      sam_cli_print_error (_("Name the forms to import, as in: samordna import “2026-T1 Bufdir.xlsx”."));
      return SAM_CLI_USAGE;
    }
  if (!(store = sam_cli_open_database (database, SAM_STORE_OPEN_NONE, &error)))
    {
      sam_cli_print_error (error->message);
      return SAM_CLI_USAGE;
    }
  for (guint i = 0; files[i]; i++)
    if (!sam_import_review_add (review, store, sam_import_read (files[i], NULL), as_period, &error))
      {
        sam_cli_print_error (error->message);
        return SAM_CLI_USAGE;
      }
  for (guint i = 0; i < review->files->len; i++)
    {
      SamImportFile *f = review->files->pdata[i];
      for (guint j = 0; take_form && j < f->rows->len; j++)
        sam_import_file_choose (f, f->rows->pdata[j], TRUE);
      print_file (f, dry_run);
      whole = whole && sam_import_file_left_out (f) == 0;
    }
  if (dry_run)
    {
      g_print ("%s\n", _("Dry run: nothing was recorded."));
      return whole ? SAM_CLI_OK : SAM_CLI_FAILED;
    }
  if (!sam_import_review_apply (review, store, &result, &error))
    {
      sam_cli_print_error (error->message);
      return SAM_CLI_FAILED;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Recorded %u status update from %u file.\n",
                        "Recorded %u status updates from %u file(s).\n", result.updates),
           result.updates, result.files);
  return whole ? SAM_CLI_OK : SAM_CLI_FAILED;
}
