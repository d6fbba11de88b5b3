/* sam-matrix-bench.c: the window's memory and time on the coordination
 * matrices of a database, in one process.
 *
 *   sam-matrix-bench DATABASE [SECONDS]
 *
 * Opens the window on DATABASE, waits for the Overview (whose figures
 * compute the coverage matrix), then shows the Coverage and the
 * Responsibility views, each by sectors or measures and then by plans,
 * and stays in the last for SECONDS (default 5) with the main loop
 * running. Prints the resident memory (VmRSS, KiB) after each step, its
 * peak (VmHWM) and the milliseconds each view took to show. Run it under
 * xvfb-run. */
#include "config.h"

#include <stdlib.h>

#include "sam-window.h"
#include "views/sam-matrix-page.h"

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gint64
status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || !(line = strstr (status, field)))
    return -1;
  return g_ascii_strtoll (line + strlen (field), NULL, 10);
}

static void
show (SamWindow  *window,
      SamView     view,
      gboolean    plans,
      const char *label)
{
  gint64 start = g_get_monotonic_time ();
  SamMatrixPage *page = SAM_MATRIX_PAGE (sam_window_get_view_page (window, view));

  sam_window_show_view (window, view);
  if (plans)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (sam_page_get_part (SAM_PAGE (page), "matrix_columns")), 1);
  /* Computed in the background, then drawn. */
  while (sam_matrix_page_is_computing (page))
    g_main_context_iteration (NULL, TRUE);
  iterate ();
  g_print ("%s-ms %.0f\n", label, (g_get_monotonic_time () - start) / 1000.0);
  g_print ("%s-rss-kib %" G_GINT64_FORMAT "\n", label, status_kib ("VmRSS:"));
}

int
main (int   argc,
      char *argv[])
{
  SamWindow *window;
  double seconds = argc > 2 ? g_ascii_strtod (argv[2], NULL) : 5;
  gint64 until;

  if (argc < 2)
    {
      g_printerr ("usage: %s DATABASE [SECONDS]\n", argv[0]);
      return 2;
    }
  gtk_init ();
  adw_init ();
  window = sam_window_new (NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  sam_window_open_database (window, argv[1]);
  while (g_strcmp0 (sam_window_get_page (window), "loading") == 0)
    g_main_context_iteration (NULL, TRUE);
  /* The Overview's figures come a moment after it is drawn. */
  until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  iterate ();
  g_print ("overview-rss-kib %" G_GINT64_FORMAT "\n", status_kib ("VmRSS:"));
  show (window, SAM_VIEW_COVERAGE, FALSE, "coverage-sectors");
  show (window, SAM_VIEW_COVERAGE, TRUE, "coverage-plans");
  show (window, SAM_VIEW_RESPONSIBILITY, FALSE, "responsibility-measures");
  show (window, SAM_VIEW_RESPONSIBILITY, TRUE, "responsibility-plans");
  show (window, SAM_VIEW_COVERAGE, FALSE, "coverage-sectors-again");
  until = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_print ("after-%.0fs-rss-kib %" G_GINT64_FORMAT "\n", seconds, status_kib ("VmRSS:"));
  g_print ("peak-rss-kib %" G_GINT64_FORMAT "\n", status_kib ("VmHWM:"));
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
