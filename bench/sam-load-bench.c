/* sam-load-bench: many people on one plan on a server at once.
 *
 *   sam-load-bench SERVER USERS SECONDS
 *
 * SERVER is a libpq key=value address of a cluster where the login may
 * create databases and roles (bench/load-bench.sh starts a throwaway one).
 * Makes a database with the default plan, a login of its own for each
 * simulated user (one in ten the secretariat, one in ten a reader, the
 * rest editors of the agencies that lead activities), and runs USERS
 * threads, each on its own connection as its own login, for SECONDS:
 * editing titles and descriptions of shared activities as shown a moment
 * before (as someone who reads, then types), recording status, and
 * reading the Overview's figures, with a think time between. Prints the
 * saves' 95th percentile, how long the other clients took to hear of each
 * save, and an audit: every successful save of a field follows the one
 * before it (none saved over a value it did not see), the database holds
 * the last, and every refused save was refused for a value someone else
 * had saved. Exits 1 when the audit fails. */
#include "config.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/sam-figures.h"
#include "store/sam-period.h"
#include "store/sam-rules.h"
#include "store/sam-server.h"
#include "store/sam-status.h"
#include "store/sam-store.h"

static const char * const fields[] = { "title", "description" };

typedef struct
{
  gint64   activity;
  guint    field;
  char    *was;
  char    *mine;
  char    *theirs;
  gboolean ok;
  gboolean conflict;
} Attempt;

typedef struct
{
  gint64 start;  /* monotonic µs, when the save began */
  gint64 at;     /* … and returned */
  int    user;
} Commit;

static GMutex lock;
static GArray *commits;       /* Commit */
static GPtrArray *attempts;   /* Attempt */
static GArray *save_ms;       /* double */
static GArray *field_ms;      /* double: the field saves of save_ms */
static GArray *status_ms;     /* double: the status records of save_ms */
static GArray *notify_ms;     /* double */
static guint n_status, n_status_failed, n_reads, n_other_errors;
static gint64 deadline;
static GCond all_listening;
static int n_users, n_listening;
static guint run_seconds;

typedef struct
{
  int           number;
  char         *address;
  SamServerRole role;
  GArray       *activities;   /* gint64: what it edits */
  guint         heard;        /* commits[] it has heard of */
  gint64        heard_at;     /* when it last heard of others' changes */
  GThread      *thread;
} User;

static void
attempt_free (gpointer data)
{
  Attempt *a = data;

  g_free (a->was);
  g_free (a->mine);
  g_free (a->theirs);
  g_free (a);
}

static void
on_external_cb (SamStore *store,
                User     *user)
{
  gint64 now = g_get_monotonic_time ();

  g_mutex_lock (&lock);
  for (; user->heard < commits->len; user->heard++)
    {
      Commit *c = &g_array_index (commits, Commit, user->heard);
      /* A save is listed once it has returned, which may be after its
       * notification came: one heard since the save began counts as
       * its own (so the figure may be low by a notification's
       * batching, never high by the listing's lag). */
      gint64 heard = user->heard_at >= c->start ? user->heard_at : now;
      double ms = MAX (0.0, (double) (heard - c->at) / 1000.0);

      if (c->user != user->number)
        g_array_append_val (notify_ms, ms);
    }
  user->heard_at = now;
  g_mutex_unlock (&lock);
}

static gboolean
on_thought_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Waits @ms, hearing notifications meanwhile. */
static void
think (GMainContext *context,
       guint         ms)
{
  gboolean done = FALSE;
  GSource *timeout = g_timeout_source_new (ms);

  g_source_set_callback (timeout, on_thought_cb, &done, NULL);
  g_source_attach (timeout, context);
  while (!done)
    g_main_context_iteration (context, TRUE);
  g_source_unref (timeout);
}

static void
edit (User         *user,
      SamStore     *store,
      GMainContext *context,
      GRand        *rand,
      guint         n)
{
  Attempt *a = g_new0 (Attempt, 1);
  g_autoptr(SamRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) was = NULL, mine = NULL;
  gint64 start;
  double ms;

  a->activity = g_array_index (user->activities, gint64, g_rand_int_range (rand, 0, (int) user->activities->len));
  a->field = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (fields));
  if (!(record = sam_store_get (store, SAM_KIND_ACTIVITY, a->activity, &error)))
    {
      g_printerr ("user %d: %s\n", user->number, error->message);
      attempt_free (a);
      return;
    }
  a->was = g_strdup (sam_record_get_string (record, fields[a->field]));
  a->mine = g_strdup_printf ("u%d-%u", user->number, n);
  was = a->was ? g_variant_ref_sink (g_variant_new_string (a->was)) : NULL;
  mine = g_variant_ref_sink (g_variant_new_string (a->mine));
  think (context, (guint) g_rand_int_range (rand, 20, 200));   /* typing */
  start = g_get_monotonic_time ();
  a->ok = sam_rules_update_field (store, SAM_KIND_ACTIVITY, a->activity, fields[a->field], was, mine, &error);
  ms = (double) (g_get_monotonic_time () - start) / 1000.0;
  g_mutex_lock (&lock);
  if (a->ok)
    {
      Commit c = { start, g_get_monotonic_time (), user->number };

      g_array_append_val (commits, c);
    }
  else if (g_error_matches (error, SAM_STORE_ERROR, SAM_STORE_ERROR_CONFLICT))
    {
      GVariant *theirs = sam_store_error_get_theirs (error);

      a->conflict = TRUE;
      a->theirs = theirs ? g_variant_dup_string (theirs, NULL) : NULL;
    }
  else
    {
      n_other_errors++;
      g_printerr ("user %d: %s\n", user->number, error->message);
    }
  g_array_append_val (save_ms, ms);
  g_array_append_val (field_ms, ms);
  g_ptr_array_add (attempts, a);
  g_mutex_unlock (&lock);
}

static void
record_status (User     *user,
               SamStore *store,
               gint64    period,
               GRand    *rand)
{
  static const char * const statuses[] = { "in_progress", "delayed", "planned" };
  g_autoptr(GError) error = NULL;
  SamStatusEntry entry = {
    .activity_id = g_array_index (user->activities, gint64, g_rand_int_range (rand, 0, (int) user->activities->len)),
    .period_id = period,
    .status = statuses[g_rand_int_range (rand, 0, G_N_ELEMENTS (statuses))],
    .progress = g_rand_int_range (rand, 0, 100),
  };
  gint64 start = g_get_monotonic_time ();
  gboolean ok = sam_status_record (store, &entry, &error);
  double ms = (double) (g_get_monotonic_time () - start) / 1000.0;

  g_mutex_lock (&lock);
  if (ok)
    {
      Commit c = { start, g_get_monotonic_time (), user->number };

      n_status++;
      g_array_append_val (commits, c);
    }
  else
    {
      n_status_failed++;
      g_printerr ("user %d: status: %s\n", user->number, error->message);
    }
  g_array_append_val (save_ms, ms);
  g_array_append_val (status_ms, ms);
  g_mutex_unlock (&lock);
}

static void
read_overview (SamStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = sam_today ();
  g_autoptr(SamPeriod) period = sam_period_current (store, today, &error);
  g_autoptr(GPtrArray) measures = period ? sam_figures_by_measure (store, NULL, period, today, &error) : NULL;

  g_mutex_lock (&lock);
  if (measures)
    n_reads++;
  else
    {
      n_other_errors++;
      g_printerr ("overview: %s\n", error->message);
    }
  g_mutex_unlock (&lock);
}

static gpointer
user_thread (gpointer data)
{
  User *user = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) user->number);
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) store = NULL;
  g_autoptr(SamPeriod) period = NULL;
  gint64 period_id = 0;
  guint n = 0;
  g_autofree char *today = sam_today ();

  g_main_context_push_thread_default (context);
  if (!(store = sam_store_open (user->address, &error)) || !sam_store_watch_changes (store, &error))
    g_error ("user %d: %s", user->number, error->message);
  g_signal_connect (store, "external-change", G_CALLBACK (on_external_cb), user);
  /* Everyone listens before anyone saves, and the run starts then: a save
   * made before a client listened is not one it could hear. */
  g_mutex_lock (&lock);
  user->heard = commits->len;
  if (++n_listening == n_users)
    {
      deadline = g_get_monotonic_time () + (gint64) run_seconds * G_USEC_PER_SEC;
      g_cond_broadcast (&all_listening);
    }
  while (n_listening < n_users)
    g_cond_wait (&all_listening, &lock);
  g_mutex_unlock (&lock);
  if ((period = sam_period_current (store, today, NULL)) != NULL)
    {
      g_autoptr(GPtrArray) rows = sam_store_list (store, SAM_KIND_REPORTING_PERIOD, NULL);

      for (guint i = 0; rows && i < rows->len; i++)
        if (g_strcmp0 (sam_record_get_string (rows->pdata[i], "code"), period->code) == 0)
          period_id = sam_record_get_id (rows->pdata[i]);
    }
  while (g_get_monotonic_time () < deadline)
    {
      int what = g_rand_int_range (rand, 0, 10);

      if (user->role == SAM_SERVER_READER || what >= 8)
        read_overview (store);
      else if (what >= 6 && period_id > 0)
        record_status (user, store, period_id, rand);
      else
        edit (user, store, context, rand, n++);
      think (context, (guint) g_rand_int_range (rand, 300, 1200));
    }
  think (context, 1000);   /* the last notifications */
  g_main_context_pop_thread_default (context);
  return NULL;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *values,
            double  p)
{
  if (values->len == 0)
    return 0.0;
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (p * values->len)));
}

/* Every successful save of a field saved over what the one before it
 * saved (or the value at the start), no two over the same value, and the
 * database holds the last; every refused save was refused for a value
 * another had saved. Returns the number of faults. */
static guint
audit (SamStore   *store,
       GHashTable *start)
{
  g_autoptr(GHashTable) chains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_hash_table_unref);
  g_autoptr(GHashTable) saved = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;
  guint faults = 0, refused = 0;

  for (guint i = 0; i < attempts->len; i++)
    {
      Attempt *a = attempts->pdata[i];
      g_autofree char *k = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", a->activity, fields[a->field]);
      GHashTable *next;

      if (!a->ok)
        continue;
      g_hash_table_add (saved, a->mine);
      if (!(next = g_hash_table_lookup (chains, k)))
        g_hash_table_insert (chains, g_strdup (k), (next = g_hash_table_new (g_str_hash, g_str_equal)));
      if (g_hash_table_contains (next, a->was ? a->was : ""))
        {
          g_print ("FAULT: two saves of %s over “%s”: one was lost unseen\n", k, a->was);
          faults++;
        }
      g_hash_table_insert (next, a->was ? a->was : "", a->mine);
    }
  for (guint i = 0; i < attempts->len; i++)
    {
      Attempt *a = attempts->pdata[i];

      if (!a->conflict)
        continue;
      refused++;
      if (a->theirs == NULL || g_strcmp0 (a->theirs, a->was) == 0 || !g_hash_table_contains (saved, a->theirs))
        {
          g_print ("FAULT: a save over “%s” was refused for “%s”, which nobody saved\n", a->was, a->theirs);
          faults++;
        }
    }
  g_hash_table_iter_init (&iter, chains);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 id = g_ascii_strtoll (key, NULL, 10);
      const char *field = strchr (key, '/') + 1;
      const char *at = g_hash_table_lookup (start, key);
      const char *next;
      g_autoptr(SamRecord) record = sam_store_get (store, SAM_KIND_ACTIVITY, id, NULL);
      guint steps = 0;

      for (at = at ? at : ""; (next = g_hash_table_lookup (value, at)) != NULL; at = next)
        steps++;
      if (steps != g_hash_table_size (value) || g_strcmp0 (sam_record_get_string (record, field), at) != 0)
        {
          g_print ("FAULT: %s holds “%s”; the saves lead to “%s” in %u of %u steps\n", (char *) key,
                   sam_record_get_string (record, field), at, steps, g_hash_table_size (value));
          faults++;
        }
    }
  g_print ("audit: %u fields saved, %u refused saves accounted for, %u faults\n",
           g_hash_table_size (chains), refused, faults);
  return faults;
}

static void
run_sql (PGconn     *conn,
         const char *sql)
{
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) admin = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GHashTable) by_agency = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) start = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GArray) led = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) agencies = g_ptr_array_new ();
  g_autofree char *address = NULL;
  g_autofree char *db = NULL;
  PGconn *conn;
  User *users;
  int seconds;
  double p95, notify_p95, notify_max;
  guint faults, statuses;

  if (argc != 4)
    {
      g_printerr ("usage: %s SERVER USERS SECONDS\n", argv[0]);
      return 2;
    }
  n_users = atoi (argv[2]);
  seconds = atoi (argv[3]);
  db = g_strdup_printf ("samordna_load_%d", (int) getpid ());
  conn = PQconnectdb (argv[1]);
  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("%s", PQerrorMessage (conn));
  {
    g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8'", db);
    run_sql (conn, sql);
  }
  PQfinish (conn);
  address = g_strdup_printf ("%s dbname=%s", argv[1], db);
  if (!sam_server_init (address, NULL, NULL, NULL, &error) || !(admin = sam_store_open (address, &error))
      || !(activities = sam_store_list (admin, SAM_KIND_ACTIVITY, &error)))
    g_error ("%s", error->message);

  /* The activities that name a lead, by lead: the shared ones. */
  for (guint i = 0; i < activities->len; i++)
    {
      SamRecord *a = activities->pdata[i];
      gint64 lead = sam_record_get_int (a, "lead_agency_id"), id = sam_record_get_id (a);
      GArray *mine;

      if (lead <= 0)
        continue;
      if (!(mine = g_hash_table_lookup (by_agency, &lead)))
        {
          g_hash_table_insert (by_agency, g_memdup2 (&lead, sizeof lead), (mine = g_array_new (FALSE, FALSE, sizeof (gint64))));
          g_ptr_array_add (agencies, mine);
        }
      g_array_append_val (mine, id);
      g_array_append_val (led, id);
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        g_hash_table_insert (start, g_strdup_printf ("%" G_GINT64_FORMAT "/%s", id, fields[f]),
                             g_strdup (sam_record_get_string (a, fields[f]) ? sam_record_get_string (a, fields[f]) : ""));
    }

  users = g_new0 (User, n_users);
  for (int i = 0; i < n_users; i++)
    {
      User *u = &users[i];
      g_autofree char *login = g_strdup_printf ("%s_user%d", db, i);
      g_autofree char *agency = NULL;
      GHashTableIter iter;
      gpointer key, value;

      u->number = i;
      u->role = i % 10 == 0 ? SAM_SERVER_SECRETARIAT : i % 10 == 1 ? SAM_SERVER_READER : SAM_SERVER_EDITOR;
      u->activities = g_array_ref (led);
      if (u->role == SAM_SERVER_EDITOR)
        {
          guint pick = (guint) i % agencies->len, k = 0;

          g_hash_table_iter_init (&iter, by_agency);
          while (g_hash_table_iter_next (&iter, &key, &value) && k++ < pick)
            ;
          g_array_unref (u->activities);
          u->activities = g_array_ref (value);
          {
            g_autoptr(SamRecord) ag = sam_store_get (admin, SAM_KIND_AGENCY, *(gint64 *) key, &error);

            agency = g_strdup (sam_record_get_string (ag, "short_name"));
          }
        }
      if (!sam_server_grant (address, NULL, login, u->role, agency, NULL, &error))
        g_error ("%s", error->message);
      u->address = g_strdup_printf ("%s user=%s", address, login);
    }

  commits = g_array_new (FALSE, FALSE, sizeof (Commit));
  attempts = g_ptr_array_new_with_free_func (attempt_free);
  save_ms = g_array_new (FALSE, FALSE, sizeof (double));
  field_ms = g_array_new (FALSE, FALSE, sizeof (double));
  status_ms = g_array_new (FALSE, FALSE, sizeof (double));
  notify_ms = g_array_new (FALSE, FALSE, sizeof (double));
  run_seconds = (guint) seconds;
  for (int i = 0; i < n_users; i++)
    users[i].thread = g_thread_new ("user", user_thread, &users[i]);
  for (int i = 0; i < n_users; i++)
    g_thread_join (users[i].thread);

  p95 = percentile (save_ms, 0.95);
  notify_p95 = percentile (notify_ms, 0.95);
  notify_max = notify_ms->len ? g_array_index (notify_ms, double, notify_ms->len - 1) : 0.0;
  statuses = (guint) sam_store_count (admin, SAM_KIND_STATUS_UPDATE);
  g_print ("users: %d for %d s; saves: %u (fields %u, status %u), overview reads: %u, other errors: %u\n",
           n_users, seconds, save_ms->len, attempts->len, n_status, n_reads, n_other_errors);
  g_print ("save: median %.1f ms, 95th percentile %.1f ms (target <= 50 ms); "
           "fields %.1f / %.1f ms, status %.1f / %.1f ms\n", percentile (save_ms, 0.5), p95,
           percentile (field_ms, 0.5), percentile (field_ms, 0.95), percentile (status_ms, 0.5),
           percentile (status_ms, 0.95));
  g_print ("heard by every other client: %u notifications, median %.1f ms, 95th percentile %.1f ms, "
           "slowest %.1f ms (target <= 1000 ms)\n",
           notify_ms->len, percentile (notify_ms, 0.5), notify_p95, notify_max);
  faults = audit (admin, start);
  if (statuses != n_status)
    {
      g_print ("FAULT: %u status updates recorded, %u in the database\n", n_status, statuses);
      faults++;
    }
  return faults == 0 && n_other_errors == 0 && n_status_failed == 0 ? 0 : 1;
}
