#define G_LOG_DOMAIN "sam-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sam-cli-private.h"
#include "store/sam-closing.h"

/* samordna period list|close|reopen */

/* Prints each reporting period as one tab-separated line: its code, its
 * dates as the reports show them, and "open" or "closed" with when and by
 * whom. */
static gboolean
list_periods (SamStore  *store,
              GError   **error)
{
  g_autoptr(GPtrArray) periods = sam_period_list (store, error);

  if (periods == NULL)
    return FALSE;
  for (guint i = 0; i < periods->len; i++)
    {
      SamPeriod *p = periods->pdata[i];
      g_autofree char *text = sam_period_describe (p);
      GError *local = NULL;
      g_autoptr(SamRecord) closing = sam_closing_get (store, p->code, &local);

      if (local)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      if (closing)
        g_print ("%s\t%s\t%s\t%.10s\t%s\n", p->code, text, "closed", sam_record_get_string (closing, "closed_at"),
                 sam_record_get_string (closing, "closed_by"));
      else
        g_print ("%s\t%s\t%s\n", p->code, text, "open");
    }
  return TRUE;
}

/* Closes or reopens the period @code and says so on stdout. Returns
 * SAM_CLI_OK, SAM_CLI_USAGE for a period that does not exist and
 * SAM_CLI_FAILED when it is closed already (close) or not (reopen). */
static int
close_or_reopen (SamStore   *store,
                 gboolean    close,
                 const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamPeriod) period = sam_period_find (store, code, &error);
  g_autofree char *who = sam_closing_who ();
  g_autofree char *today = sam_today ();
  g_autofree char *text = NULL;
  gboolean done;

  if (period == NULL)
    {
      sam_cli_print_error (error->message);
      return SAM_CLI_USAGE;
    }
  done = close ? sam_period_close (store, period, who, today, &error)
               : sam_period_reopen (store, period, who, &error);
  if (!done)
    {
      sam_cli_print_error (error->message);
      return g_error_matches (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID) ? SAM_CLI_FAILED : SAM_CLI_USAGE;
    }
  text = sam_period_describe (period);
  /* TRANSLATORS: %s is a reporting period with its dates. */
  g_print (close ? _("Closed %s: its report and figures hold what they show now.\n")
                 : _("Reopened %s: its figures follow the data again.\n"), text);
  return SAM_CLI_OK;
}

/* Lists the reporting periods, or closes or reopens one (argv[2] is list,
 * close or reopen; close and reopen take the period's code). Returns
 * SAM_CLI_OK when done, SAM_CLI_FAILED when the period is closed already
 * or not closed, and SAM_CLI_USAGE for bad options, an unknown period or a
 * database that cannot be used (one line on stderr). */
int
sam_cli_period (int    argc,
                char **argv)
{
  g_autofree char *database = NULL;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database,
      N_("The Samordna database (default: the one the window opens)"), N_("PATH") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = sam_cli_new_context (
    _("list | close CODE | reopen CODE"),
    _("Lists the reporting periods, or closes or reopens one. Closing a period when its report is sent keeps its "
      "report and figures as they are then, however the plan changes later; reopening lets them follow the data "
      "again. Both can be undone in the window, and each is recorded with who did it and when."),
    _("Exit status: 0 when done, 1 when the period is closed already (close) or not closed (reopen), 2 when the "
      "options or the period are wrong or the database cannot be used."),
    entries);
  g_auto(GStrv) rest = NULL;
  g_autoptr(SamStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *action;
  guint n;

  g_return_val_if_fail (argc >= 2, SAM_CLI_USAGE);
  if (!sam_cli_parse_options (context, argc, argv, &rest))
    return SAM_CLI_USAGE;
  n = g_strv_length (rest);
  action = n > 0 ? rest[0] : NULL;
  if (action == NULL || (g_str_equal (action, "list") ? n != 1
                         : !(g_str_equal (action, "close") || g_str_equal (action, "reopen")) || n != 2))
    {
      sam_cli_print_error (_("Write “samordna period list”, “samordna period close CODE” or “samordna period reopen CODE”."));
      return SAM_CLI_USAGE;
    }
  if (!(store = sam_cli_open_database (database, SAM_STORE_OPEN_NONE, &error)))
    {
      sam_cli_print_error (error->message);
      return SAM_CLI_USAGE;
    }
  if (g_str_equal (action, "list"))
    {
      if (list_periods (store, &error))
        return SAM_CLI_OK;
      sam_cli_print_error (error->message);
      return SAM_CLI_USAGE;
    }
  return close_or_reopen (store, g_str_equal (action, "close"), rest[1]);
}
