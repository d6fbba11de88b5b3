/* sam-ui-bench.c: times the main window on a database, in one process.
 *
 *   sam-ui-bench DATABASE
 *
 * Prints, in milliseconds: opening the Plans view the first time (its
 * first frame drawn; the first frame with rows in its table; every
 * activity in, and the longest the main loop was held meanwhile), and the time from a typed search
 * string to the updated table drawn, the median, 90th percentile and the
 * worst over many keystrokes (each keystroke's string applied at once,
 * without the entry's typing delay), with the 90th percentile and worst
 * until nothing is left to do (rows coming in steps after the first
 * frame) and the longest the main loop was held meanwhile; then the Overview switched between the latest
 * period (the generated plan's "today", with every period before it) and
 * an old one (BENCH_PERIOD, default 2027-T2) in alternating rounds: the
 * median time until its figures and changes show, and the longest the
 * main loop was held doing it (the counting is in a worker thread). Run
 * it under xvfb-run. BENCH_SPLIT=1 prints each keystroke's query and
 * time; BENCH_NO_PERIODS=1 leaves out the Overview; BENCH_WORDS=a,b
 * types those words instead of its own; BENCH_SHOWN_ONLY=1 stops once
 * the Plans view is drawn, with the main thread's processor time for it
 * (less than the time when other threads took the cores) and whether its
 * table had rows then. */
#define _GNU_SOURCE  /* RUSAGE_THREAD */
#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>

#include "sam-window.h"
#include "models/sam-period-choice.h"
#include "views/sam-overview-page.h"
#include "views/sam-plans-page.h"

static gint64
now_us (void)
{
  return g_get_monotonic_time ();
}

/* The processor time (user and system) of a getrusage (RUSAGE_THREAD). */
static double
cpu_ms (const struct rusage *usage)
{
  return (usage->ru_utime.tv_sec + usage->ru_stime.tv_sec) * 1e3
         + (usage->ru_utime.tv_usec + usage->ru_stime.tv_usec) / 1e3;
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
is_open (SamWindow *window)
{
  return g_strcmp0 (sam_window_get_page (window), "loading") != 0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Chooses @code and waits for the Overview's
 * figures; returns the milliseconds until they show, and the longest a
 * main loop iteration took meanwhile in *@held_ms. */
static double
switch_to (SamPage    *overview,
           const char *code,
           double     *held_ms)
{
  SamPeriodChoice *choice = sam_period_choice_get (sam_page_get_store (overview));
  gint64 start = now_us (), step;

  sam_period_choice_set_code (choice, code);
  *held_ms = (now_us () - start) / 1000.0;
  do
    {
      step = now_us ();
      g_main_context_iteration (NULL, FALSE);
      *held_ms = MAX (*held_ms, (now_us () - step) / 1000.0);
      if (sam_overview_page_is_counting (SAM_OVERVIEW_PAGE (overview)))
        g_usleep (500);
    }
  while (sam_overview_page_is_counting (SAM_OVERVIEW_PAGE (overview)));
  step = now_us ();
  iterate ();
  *held_ms = MAX (*held_ms, (now_us () - step) / 1000.0);
  return (now_us () - start) / 1000.0;
}

/* The Overview as at the latest period and as at an old one, alternately. */
static void
time_period_switch (SamWindow *window)
{
  const char *other = g_getenv ("BENCH_PERIOD") ? g_getenv ("BENCH_PERIOD") : "2027-T2";
  g_autoptr(GArray) current = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) switched = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) periods = sam_period_list (sam_window_get_store (window), NULL);
  g_autofree char *latest = NULL;
  SamPage *overview;
  double held = 0, most_held = 0;

  if (periods == NULL || periods->len == 0)
    g_error ("The database has no reporting periods");
  latest = g_strdup (((SamPeriod *) periods->pdata[periods->len - 1])->code);
  sam_window_show_view (window, SAM_VIEW_OVERVIEW);
  overview = sam_window_get_view_page (window, SAM_VIEW_OVERVIEW);
  while (sam_overview_page_is_counting (SAM_OVERVIEW_PAGE (overview)))
    g_main_context_iteration (NULL, TRUE);
  iterate ();
  for (guint round = 0; round < 5; round++)
    {
      double ms = switch_to (overview, other, &held);

      g_array_append_val (switched, ms);
      most_held = MAX (most_held, held);
      ms = switch_to (overview, latest, &held);
      g_array_append_val (current, ms);
      most_held = MAX (most_held, held);
    }
  g_array_sort (current, compare_doubles);
  g_array_sort (switched, compare_doubles);
  g_print ("overview-latest-period-ms %.0f (%s)\n", g_array_index (current, double, current->len / 2), latest);
  g_print ("overview-old-period-ms %.0f (%s)\n", g_array_index (switched, double, switched->len / 2), other);
  g_print ("overview-switch-held-ms %.1f\n", most_held);
}

/* When the first frame with the Plans view was drawn, and whether its
 * table had rows then. */
static gint64 painted_at;
static gboolean painted_rows;

static void
on_after_paint (GdkFrameClock *clock,
                SamWindow     *window)
{
  SamPage *plans = sam_window_get_view_page (window, SAM_VIEW_PLANS);
  GListModel *rows;

  if (painted_at || plans == NULL || !gtk_widget_get_mapped (GTK_WIDGET (plans)))
    return;
  painted_at = now_us ();
  rows = sam_plans_page_get_activity_rows (SAM_PLANS_PAGE (plans));
  painted_rows = rows && g_list_model_get_n_items (rows) > 0;
}

/* Shows the Plans view and waits for its first frame. Its own function,
 * for callgrind's --toggle-collect=show_plans. */
G_GNUC_NO_INLINE static void
show_plans (SamWindow *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  painted_at = 0;
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), window);
  sam_window_show_view (window, SAM_VIEW_PLANS);
  while (painted_at == 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, window);
}

/* When the first frame after a keystroke was drawn. */
static gint64 keystroke_painted_at;

static void
on_keystroke_painted (GdkFrameClock *clock,
                      gpointer       data)
{
  if (keystroke_painted_at == 0)
    keystroke_painted_at = now_us ();
}

/* One keystroke in the search: @key typed at @position, or without
 * @key the character there erased. Returns once the table is redrawn
 * with the search's matches (the first frame after the keystroke; a
 * search that widens to many rows shows a screenful of them then, the
 * rest coming in steps at idle), in *@painted_ms the milliseconds until
 * then; returns once nothing is left to do, in *@held_ms the longest the
 * main loop was held after that frame. Its own function, for callgrind's
 * --toggle-collect=keystroke. */
G_GNUC_NO_INLINE static void
keystroke (GtkEditable *search,
           const char  *key,
           int          position,
           double      *painted_ms,
           double      *held_ms)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (search))));
  gint64 start = now_us ();
  gulong handler;

  keystroke_painted_at = 0;
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_keystroke_painted), NULL);
  if (key)
    gtk_editable_insert_text (search, key, 1, &position);
  else
    gtk_editable_delete_text (search, position, position + 1);
  /* At once, not after the entry's typing delay. */
  g_signal_emit_by_name (search, "search-changed");
  /* A frame even when the matches stay the same. */
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  while (keystroke_painted_at == 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
  *painted_ms = (keystroke_painted_at - start) / 1000.0;
  *held_ms = 0;
  for (;;)
    {
      gint64 step = now_us ();

      if (!g_main_context_iteration (NULL, FALSE))
        break;
      *held_ms = MAX (*held_ms, (now_us () - step) / 1000.0);
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *all_words[] = { "menneskehandel", "kompetanse", "informasjon", "activity 9", "bufdir", "tiltak 42", NULL };
  g_auto(GStrv) chosen = g_getenv ("BENCH_WORDS") ? g_strsplit (g_getenv ("BENCH_WORDS"), ",", -1) : NULL;
  const char * const *words = chosen ? (const char * const *) chosen : all_words;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) done_times = g_array_new (FALSE, FALSE, sizeof (double));
  double search_held_ms = 0;
  SamWindow *window;
  SamPage *plans;
  GtkEditable *search;
  gint64 start;
  double plans_ms, shown_ms, rows_ms = -1, held_ms = 0;
  struct rusage before, after;

  if (argc != 2)
    {
      g_printerr ("usage: %s DATABASE\n", argv[0]);
      return 2;
    }
  gtk_init ();
  adw_init ();
  window = sam_window_new (NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  sam_window_open_database (window, argv[1]);
  while (!is_open (window))
    g_main_context_iteration (NULL, TRUE);
  iterate ();

  start = now_us ();
  getrusage (RUSAGE_THREAD, &before);
  show_plans (window);
  getrusage (RUSAGE_THREAD, &after);
  shown_ms = (painted_at - start) / 1000.0;
  if (g_getenv ("BENCH_SHOWN_ONLY"))
    {
      g_print ("plans-view-shown-ms %.1f cpu %.1f rows %s\n", shown_ms, cpu_ms (&after) - cpu_ms (&before),
               painted_rows ? "yes" : "no");
      return 0;
    }
  plans = sam_window_get_view_page (window, SAM_VIEW_PLANS);
  if (painted_rows)
    rows_ms = shown_ms;
  /* The rest comes in while the person may type or scroll: the longest
   * the main loop is held meanwhile. */
  while (sam_plans_page_is_loading (SAM_PLANS_PAGE (plans)))
    {
      gint64 step = now_us ();

      g_main_context_iteration (NULL, TRUE);
      if (rows_ms < 0 && g_list_model_get_n_items (sam_plans_page_get_activity_rows (SAM_PLANS_PAGE (plans))) > 0)
        {
          iterate ();
          rows_ms = (now_us () - start) / 1000.0;
        }
      held_ms = MAX (held_ms, (now_us () - step) / 1000.0);
    }
  iterate ();
  plans_ms = (now_us () - start) / 1000.0;

  search = GTK_EDITABLE (sam_page_get_part (plans, "search_entry"));
  for (guint w = 0; words[w]; w++)
    {
      /* Type the word one key at a time, then erase it the same way. */
      for (gsize len = 1; len <= strlen (words[w]) * 2; len++)
        {
          int position = len <= strlen (words[w]) ? (int) len - 1 : (int) (strlen (words[w]) * 2 - len);
          double ms, held, done;

          start = now_us ();
          keystroke (search, len <= strlen (words[w]) ? words[w] + position : NULL, position, &ms, &held);
          done = (now_us () - start) / 1000.0;
          if (g_getenv ("BENCH_SPLIT"))
            g_printerr ("%s %.1f (all done %.1f, held %.1f)\n", gtk_editable_get_text (search), ms, done, held);
          g_array_append_val (times, ms);
          g_array_append_val (done_times, done);
          search_held_ms = MAX (search_held_ms, held);
        }
    }
  g_array_sort (times, compare_doubles);
  g_print ("activities %u\n", g_list_model_get_n_items (sam_plans_page_get_activity_rows (SAM_PLANS_PAGE (plans))));
  g_print ("plans-view-shown-ms %.1f\n", shown_ms);
  g_print ("plans-view-first-rows-ms %.1f\n", rows_ms);
  g_print ("plans-view-filled-ms %.1f\n", plans_ms);
  g_print ("plans-view-fill-held-ms %.1f\n", held_ms);
  g_print ("search-keystrokes %u\n", times->len);
  g_print ("search-median-ms %.2f\n", g_array_index (times, double, times->len / 2));
  g_print ("search-p90-ms %.2f\n", g_array_index (times, double, times->len * 9 / 10));
  g_print ("search-worst-ms %.2f\n", g_array_index (times, double, times->len - 1));
  g_array_sort (done_times, compare_doubles);
  g_print ("search-done-p90-ms %.2f\n", g_array_index (done_times, double, done_times->len * 9 / 10));
  g_print ("search-done-worst-ms %.2f\n", g_array_index (done_times, double, done_times->len - 1));
  g_print ("search-held-ms %.2f\n", search_held_ms);
  if (!g_getenv ("BENCH_NO_PERIODS"))
    time_period_switch (window);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
