#define G_LOG_DOMAIN "sam-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "sam-cli-private.h"
#include "store/sam-server.h"

/* samordna server init | grant */

/* Asks for the password of the server of @error's message on the
 * terminal, without echoing it. Returns NULL when there is no terminal to
 * ask on or nothing was typed. */
static char *
ask_password (const GError *error)
{
  FILE *tty = fopen ("/dev/tty", "r+");
  struct termios old, quiet;
  char line[1024];
  char *password = NULL;

  if (tty == NULL)
    return NULL;
  if (tcgetattr (fileno (tty), &old) == 0)
    {
      quiet = old;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      fprintf (tty, "%s\n%s ", error->message, _("Password:"));
      fflush (tty);
      tcsetattr (fileno (tty), TCSAFLUSH, &quiet);
      if (fgets (line, sizeof line, tty) != NULL)
        {
          line[strcspn (line, "\r\n")] = '\0';
          if (*line)
            password = g_strdup (line);
        }
      tcsetattr (fileno (tty), TCSAFLUSH, &old);
      fputc ('\n', tty);
      memset (line, 0, sizeof line);
    }
  fclose (tty);
  return password;
}

static void
forget_password (char *password)
{
  if (password)
    memset (password, 0, strlen (password));
  g_free (password);
}

typedef struct
{
  const char     *address;
  const char     *login;
  SamServerRole   role;
  const char     *agency;
  gboolean        created_login;
  SamServerOutcome outcome;
  int             old_version;
} ServerJob;

typedef gboolean (*ServerFunc) (ServerJob *job, const char *password, GError **error);

static gboolean
run_init (ServerJob   *job,
          const char  *password,
          GError     **error)
{
  return sam_server_init (job->address, password, &job->outcome, &job->old_version, error);
}

static gboolean
run_grant (ServerJob   *job,
           const char  *password,
           GError     **error)
{
  return sam_server_grant (job->address, password, job->login, job->role, job->agency,
                           &job->created_login, error);
}

/* Runs @func, and once more with a password typed on the terminal when
 * the server asks for one that libpq could not find. */
static gboolean
run_with_password (ServerFunc   func,
                   ServerJob   *job,
                   GError     **error)
{
  g_autoptr(GError) local = NULL;
  char *password;
  gboolean ok;

  if (func (job, NULL, &local))
    return TRUE;
  if (!g_error_matches (local, SAM_STORE_ERROR, SAM_STORE_ERROR_NEEDS_PASSWORD)
      || !isatty (STDIN_FILENO) || (password = ask_password (local)) == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  ok = func (job, password, error);
  forget_password (password);
  return ok;
}

static int
server_init (int    argc,
             char **argv)
{
  g_autofree char *database = NULL;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_STRING, &database,
      N_("The database on the server: a postgresql:// address, a libpq connection string or service=NAME"),
      N_("ADDRESS") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = sam_cli_new_context (NULL,
    _("Sets up a database on a PostgreSQL server for a shared plan: Samordna's tables, the roles of its users and the default plan; on a database an older Samordna set up, brings it up to date."),
    _("Run it as the database's owner, with the right to create roles. The password comes from ~/.pgpass, PGPASSWORD or a prompt, and is never stored. Exit status: 0 when done, 2 when the options are wrong or the database cannot be set up (then nothing is changed)."),
    entries);
  g_autoptr(GError) error = NULL;
  ServerJob job = { NULL };

  if (!sam_cli_parse_options (context, argc, argv, NULL))
    return SAM_CLI_USAGE;
  if (database == NULL || *database == '\0')
    {
      sam_cli_print_error (_("Say which database to set up with --database ADDRESS, as in --database postgresql://server/samordna."));
      return SAM_CLI_USAGE;
    }
  job.address = database;
  if (!run_with_password (run_init, &job, &error))
    {
      sam_cli_print_error (error->message);
      return SAM_CLI_USAGE;
    }
  if (job.outcome == SAM_SERVER_CREATED)
    g_print (_("Set up Samordna's plan (database version %d). Give its users their roles with: samordna server grant\n"),
             SAM_SCHEMA_VERSION);
  else if (job.outcome == SAM_SERVER_UPGRADED)
    g_print (_("Brought the plan from database version %d to %d.\n"), job.old_version, SAM_SCHEMA_VERSION);
  else
    g_print (_("The plan was up to date (database version %d); renewed its roles and rights.\n"), SAM_SCHEMA_VERSION);
  return SAM_CLI_OK;
}

static int
server_grant (int    argc,
              char **argv)
{
  g_autofree char *database = NULL;
  g_auto(GStrv) rest = NULL;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_STRING, &database,
      N_("The database on the server: a postgresql:// address, a libpq connection string or service=NAME"),
      N_("ADDRESS") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = sam_cli_new_context (_("LOGIN ROLE [AGENCY]"),
    _("Gives a login a role in the shared plan, in place of any role it had there: secretariat (edits everything), editor AGENCY (edits the activities the agency leads and records status where it takes part) or reader."),
    _("A login that does not exist is made, without a password: give it one on the server. Exit status: 0 when done, 2 when the options, the role or the agency are wrong or the database cannot be used (then nothing is changed)."),
    entries);
  g_autoptr(GError) error = NULL;
  ServerJob job = { NULL };
  guint n;

  if (!sam_cli_parse_options (context, argc, argv, &rest))
    return SAM_CLI_USAGE;
  n = g_strv_length (rest);
  if (database == NULL || *database == '\0' || n < 2 || n > 3)
    {
      sam_cli_print_error (database == NULL || *database == '\0'
                           ? _("Say which database with --database ADDRESS, as in --database postgresql://server/samordna.")
                           : _("Give a login and its role, and for an editor the agency: samordna server grant --database ADDRESS anne editor Bufdir."));
      return SAM_CLI_USAGE;
    }
  job.address = database;
  job.login = rest[0];
  job.agency = rest[2];
  if (!sam_server_role_parse (rest[1], &job.role, &error) || !run_with_password (run_grant, &job, &error))
    {
      sam_cli_print_error (error->message);
      return SAM_CLI_USAGE;
    }
  if (job.created_login)
    g_print (_("Made the login “%s”, without a password: give it one on the server (in psql: \\password %s).\n"),
             job.login, job.login);
  if (job.role == SAM_SERVER_EDITOR)
    g_print (_("“%s” now edits for %s.\n"), job.login, job.agency);
  else if (job.role == SAM_SERVER_SECRETARIAT)
    g_print (_("“%s” is now one of the secretariat.\n"), job.login);
  else
    g_print (_("“%s” now reads the plan.\n"), job.login);
  return SAM_CLI_OK;
}

/* Sets up a shared plan on a server (server init) or gives a login a
 * role in it (server grant). Returns SAM_CLI_OK when done and
 * SAM_CLI_USAGE, with one line on stderr, otherwise. */
int
sam_cli_server (int    argc,
                char **argv)
{
  g_autofree char **args = NULL;
  g_autofree char *command = NULL;

  g_return_val_if_fail (argc >= 2, SAM_CLI_USAGE);

  if (argc >= 3 && (g_str_equal (argv[2], "init") || g_str_equal (argv[2], "grant")))
    {
      /* The options' help names the command "server init". */
      args = g_new0 (char *, argc);
      command = g_strconcat (argv[1], " ", argv[2], NULL);
      args[0] = argv[0];
      args[1] = command;
      for (int i = 3; i < argc; i++)
        args[i - 1] = argv[i];
      return g_str_equal (argv[2], "init") ? server_init (argc - 1, args) : server_grant (argc - 1, args);
    }
  sam_cli_print_error (_("Say what to do on the server: samordna server init --database ADDRESS, or samordna server grant --database ADDRESS LOGIN ROLE [AGENCY]."));
  return SAM_CLI_USAGE;
}
