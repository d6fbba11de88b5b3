/* sam-open-bench.c: times opening a database, as the command line does
 * (every check, the full integrity check included) and as the window
 * does (the integrity check left for later).
 *
 *   sam-open-bench DATABASE [ROUNDS]
 *
 * Prints the median of ROUNDS (default 5) of each, in milliseconds. */
#include "config.h"

#include <stdlib.h>

#include "store/sam-store.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static double
open_once (const char *path,
           gboolean    later)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  gint64 start = g_get_monotonic_time ();

  if (later)
    {
      sam_store_open_async (path, SAM_STORE_OPEN_CHECK_LATER, NULL, got_result, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      store = sam_store_open_finish (result, &error);
    }
  else
    store = sam_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("sam-open-bench: %s\n", error->message);
      exit (1);
    }
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  guint rounds = argc > 2 ? (guint) strtoul (argv[2], NULL, 10) : 5;

  if (argc < 2 || rounds == 0)
    {
      g_printerr ("usage: %s DATABASE [ROUNDS]\n", argv[0]);
      return 2;
    }
  for (int later = 0; later <= 1; later++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

      for (guint i = 0; i < rounds; i++)
        {
          double ms = open_once (argv[1], later);
          g_array_append_val (times, ms);
        }
      g_array_sort (times, compare_doubles);
      g_print ("%s %.1f\n", later ? "open-window-ms" : "open-full-check-ms",
               g_array_index (times, double, times->len / 2));
    }
  return 0;
}
