/* sam-check-bench.c: what checking a database costs (issue 11).
 *
 *   sam-check-bench DATABASE [ROUNDS]
 *
 * Prints, in milliseconds, medians of ROUNDS (default 7):
 *
 * - quick-check-ms and full-check-ms: PRAGMA quick_check, the yardstick,
 *   and PRAGMA integrity_check, which Samordna runs, in alternating rounds
 *   on one connection of the kind Samordna checks on (read-write, kept
 *   from writing, so that CHECK constraints count), the file in the page
 *   cache for both;
 * - first-open-ms: this process's first open as the window opens a file,
 *   which builds the schemas of every version once (sam-schema.c), and
 *   open-ms the later ones; schema-verify-ms: verifying the file's schema
 *   against its version's on an open store. */
#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>

#include "store/sam-store-private.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

static double
run_pragma (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 start = g_get_monotonic_time ();

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW
      || g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_printerr ("sam-check-bench: %s did not pass: %s\n", sql, sqlite3_errmsg (db));
      exit (1);
    }
  sqlite3_finalize (stmt);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
open_once (const char *path)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(SamStore) store = sam_store_open_with_flags (path, SAM_STORE_OPEN_CHECK_LATER, &error);

  if (store == NULL)
    {
      g_printerr ("sam-check-bench: %s\n", error->message);
      exit (1);
    }
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  guint rounds = argc > 2 ? (guint) strtoul (argv[2], NULL, 10) : 7;
  g_autoptr(GArray) quick = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) full = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) opens = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) verifies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(SamStore) store = NULL;
  double first;
  sqlite3 *db = NULL;

  if (argc < 2 || rounds == 0)
    {
      g_printerr ("usage: %s DATABASE [ROUNDS]\n", argv[0]);
      return 2;
    }
  first = open_once (argv[1]);
  for (guint i = 0; i < rounds; i++)
    {
      double ms = open_once (argv[1]);
      g_array_append_val (opens, ms);
    }
  store = sam_store_open_with_flags (argv[1], SAM_STORE_OPEN_CHECK_LATER, NULL);
  for (guint i = 0; i < rounds; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      if (!sam_schema_verify (store, sam_store_get_schema_version (store), NULL))
        return 1;
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (verifies, ms);
    }
  g_clear_object (&store);

  if (sqlite3_open_v2 (argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    return 1;
  sqlite3_exec (db, "PRAGMA query_only = ON", NULL, NULL, NULL);
  run_pragma (db, "PRAGMA quick_check(1)");   /* into the page cache */
  for (guint i = 0; i < rounds; i++)
    {
      double q = run_pragma (db, "PRAGMA quick_check(1)");
      double f = run_pragma (db, "PRAGMA integrity_check(1)");
      g_array_append_val (quick, q);
      g_array_append_val (full, f);
    }
  sqlite3_close (db);

  g_print ("quick-check-ms %.1f\n", median (quick));
  g_print ("full-check-ms %.1f\n", median (full));
  g_print ("first-open-ms %.2f\n", first);
  g_print ("open-ms %.2f\n", median (opens));
  g_print ("schema-verify-ms %.2f\n", median (verifies));
  return 0;
}
