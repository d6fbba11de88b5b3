#define G_LOG_DOMAIN "sam-test"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "sam-test-pg.h"
#include "sam-test-util.h"

/* Returns a new empty temporary folder; remove it with sam_test_remove_dir(). */
char *
sam_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("samordna-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* The databases on the test cluster that belong to a test's folder:
 * folder → GPtrArray of addresses. */
static GHashTable *server_databases;

/* Whether the tests run on a PostgreSQL server (SAMORDNA_TEST_BACKEND=
 * postgresql) rather than on SQLite files (unset, or sqlite). */
gboolean
sam_test_on_server (void)
{
  const char *backend = g_getenv ("SAMORDNA_TEST_BACKEND");

  if (backend == NULL || *backend == '\0' || g_str_equal (backend, "sqlite"))
    return FALSE;
  if (!g_str_equal (backend, "postgresql"))
    g_error ("SAMORDNA_TEST_BACKEND is “%s”: give sqlite or postgresql", backend);
  return TRUE;
}

static void
drop_server_databases (const char *dir)
{
  GPtrArray *addresses;

  if (server_databases == NULL || !(addresses = g_hash_table_lookup (server_databases, dir)))
    return;
  for (guint i = 0; i < addresses->len; i++)
    sam_test_pg_drop_database (addresses->pdata[i]);
  g_hash_table_remove (server_databases, dir);
}

/* Removes @dir and everything in it, restoring write access on the way,
 * and drops the databases on the server that belong to it. */
void
sam_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  drop_server_databases (dir);
  g_chmod (dir, 0700);
  if (!(d = g_dir_open (dir, 0, NULL)))
    return;
  while ((name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        sam_test_remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

/* Returns where a test keeps a new database, which opens with the default
 * plan: on SQLite the path @name in @dir (not yet made); on the server a
 * new database holding the default plan, dropped by
 * sam_test_remove_dir (@dir). */
char *
sam_test_new_location (const char *dir,
                       const char *name)
{
  char *address;
  GPtrArray *addresses;

  if (!sam_test_on_server ())
    return g_build_filename (dir, name, NULL);
  address = sam_test_pg_new_plan ();
  if (server_databases == NULL)
    server_databases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_ptr_array_unref);
  if (!(addresses = g_hash_table_lookup (server_databases, dir)))
    g_hash_table_insert (server_databases, g_strdup (dir),
                         (addresses = g_ptr_array_new_with_free_func (g_free)));
  g_ptr_array_add (addresses, g_strdup (address));
  return address;
}

/* Opens (creating with the default plan) @name in @dir, or a new database
 * on the server (see sam_test_new_location()); fails the test on error. */
SamStore *
sam_test_open_new (const char *dir,
                   const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *location = sam_test_new_location (dir, name);
  SamStore *store = sam_store_open (location, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

GBytes *
sam_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* Returns the sorted names in @dir, as a NULL-terminated array. */
char **
sam_test_list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new ();
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

/* Returns the first record of @kind whose text @field equals @value, or NULL. */
SamRecord *
sam_test_find (SamStore   *store,
               SamKind     kind,
               const char *field,
               const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = sam_store_list (store, kind, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (sam_record_get_string (all->pdata[i], field), value) == 0)
      return g_object_ref (all->pdata[i]);
  return NULL;
}

/* Runs @sql, in one transaction, on the database at @location (a file,
 * or a server's address) with a connection of its own. On a server, rows
 * inserted with their ids given move the identity columns on past them,
 * as on a file. */
void
sam_test_sql (const char *location,
              const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  if (sam_store_is_server_address (location))
    {
      g_autoptr(PGconn) conn = sam_test_pg_connect (location);

      sam_test_pg_exec (conn, "BEGIN");
      sam_test_pg_exec (conn, sql);
      sam_test_pg_reset_identities (conn);
      sam_test_pg_exec (conn, "COMMIT");
      return;
    }
  g_assert_cmpint (sqlite3_open (location, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("SQL failed: %s", message);
  sqlite3_close (db);
}

/* Makes at @path a Samordna database whose last-written data pages are
 * damaged but whose schema is whole, so that it opens and only a full
 * integrity check finds the damage. */
void
sam_test_make_damaged (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) store = sam_store_open (path, &error);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree guint8 *data = NULL;
  gsize size;

  g_assert_no_error (error);
  g_clear_object (&store);
  sam_test_sql (path, "PRAGMA journal_mode = DELETE;"
                      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) "
                      "INSERT INTO strategy (title, description) SELECT 'Fyll ' || i, printf('%.2000c', 'x') FROM n;"
                      "PRAGMA journal_mode = WAL");
  bytes = sam_test_read_file (path);
  size = g_bytes_get_size (bytes);
  data = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
  for (gsize i = size - size / 8; i < size; i++)
    data[i] = (guint8) (i * 31 + 7);
  g_file_set_contents (path, (const char *) data, size, &error);
  g_assert_no_error (error);
}

/* Makes at @path a sound database with the default plan, closed. */
void
sam_test_make_good (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) store = sam_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
}

/* Whether the file at @path holds exactly @before. */
gboolean
sam_test_same_file (GBytes     *before,
                    const char *path)
{
  g_autoptr(GBytes) after = sam_test_read_file (path);

  return g_bytes_equal (before, after);
}

void
sam_test_run_clear (SamTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* How long a run of samordna may take before it counts as hanging. */
#define RUN_LIMIT_S 120

/* Runs the samordna binary ($SAMORDNA_BINARY) with @args, without a
 * display, killed when it runs past @limit_s seconds, and keeps what it
 * printed. */
void
sam_test_run_samordna_limited (SamTestRun         *run,
                               guint               limit_s,
                               const char  *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("SAMORDNA_BINARY");

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, g_strdup ("timeout"));
  g_ptr_array_add (argv, g_strdup ("-s"));
  g_ptr_array_add (argv, g_strdup ("KILL"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", limit_s));
  g_ptr_array_add (argv, g_strdup (binary));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  sam_test_run_clear (run);
  run->limit_s = limit_s;
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &run->out, &run->err, &run->status, &error);
  g_assert_no_error (error);
}

/* sam_test_run_samordna_limited() with a limit no sound run comes near. */
void
sam_test_run_samordna (SamTestRun         *run,
                       const char  *const *args)
{
  sam_test_run_samordna_limited (run, RUN_LIMIT_S, args);
}

/* Returns the exit code of @run; fails the test when it crashed or hung. */
int
sam_test_run_exit_code (SamTestRun *run)
{
  if ((WIFSIGNALED (run->status) && WTERMSIG (run->status) == SIGKILL)
      || (WIFEXITED (run->status) && (WEXITSTATUS (run->status) == 137 || WEXITSTATUS (run->status) == 124)))
    g_error ("samordna ran past %u s and was killed; it said: %s", run->limit_s, run->err);
  if (!WIFEXITED (run->status))
    g_error ("samordna died of signal %d; it said: %s", WTERMSIG (run->status), run->err);
  return WEXITSTATUS (run->status);
}

static struct rlimit disk_unlimited;
static void (*disk_handler) (int);

/* Stands in for a disk with room for @bytes more in each file: limits the
 * size of every file this process, and what it starts, writes, until
 * sam_test_unlimit_disk(). A write past it fails with EFBIG, as one on a
 * full disk does with ENOSPC (SIGXFSZ, which would end the process, is
 * ignored meanwhile). */
void
sam_test_limit_disk (goffset bytes)
{
  struct rlimit limit;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &disk_unlimited), ==, 0);
  limit = (struct rlimit) { (rlim_t) bytes, disk_unlimited.rlim_max };
  disk_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
}

void
sam_test_unlimit_disk (void)
{
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &disk_unlimited), ==, 0);
  signal (SIGXFSZ, disk_handler);
}
