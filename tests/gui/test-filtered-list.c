/* The activity table's filtered list: what it shows is always what the
 * query matches, and the view is told only what changed; many rows at
 * once come in steps. */
#include "config.h"

#include "sam-filtered-list.h"
#include "sam-test-util.h"

typedef struct
{
  guint   changes;
  guint   removed;
  guint   added;
} Told;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Told       *told)
{
  /* Every change leaves a list that agrees with its own length. */
  g_assert_cmpuint (position + added, <=, g_list_model_get_n_items (model));
  told->changes++;
  told->removed += removed;
  told->added += added;
}

/* Requires @filtered to show exactly the rows of @source that @query
 * matches, in order. */
static void
check_shows (GListModel       *filtered,
             GListModel       *source,
             SamActivityQuery *query)
{
  guint j = 0;

  for (guint i = 0; i < g_list_model_get_n_items (source); i++)
    {
      g_autoptr(SamActivityRow) row = g_list_model_get_item (source, i);

      if (sam_activity_query_matches (query, row))
        {
          g_autoptr(SamActivityRow) shown = g_list_model_get_item (filtered, j++);
          g_assert_true (shown == row);
        }
    }
  g_assert_cmpuint (g_list_model_get_n_items (filtered), ==, j);
}

static void
search (SamActivityFilter *filter,
        const char        *text)
{
  sam_activity_query_set_text (sam_activity_filter_get_query (filter), text);
  sam_activity_filter_changed (filter);
}

static void
test_searches (void)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autoptr(SamStore) store = sam_test_open_new (dir, "plan.db");
  g_autoptr(GListModel) rows = sam_activity_list_load (store, NULL);
  g_autoptr(SamActivityFilter) filter = sam_activity_filter_new ();
  g_autoptr(SamFilteredList) filtered = sam_filtered_list_new (rows, filter);
  SamActivityQuery *query = sam_activity_filter_get_query (filter);
  const char *steps[] = { "i", "in", "inf", "info", "inf", "in", "i", "", "seminar", "", "kompetanse", "z", "" };
  Told told = { 0 };

  g_signal_connect (filtered, "items-changed", G_CALLBACK (on_items_changed_cb), &told);
  check_shows (G_LIST_MODEL (filtered), rows, query);
  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    {
      search (filter, steps[s]);
      check_shows (G_LIST_MODEL (filtered), rows, query);
    }

  /* Narrowing by one more letter that drops a single row is told as that
   * row going, not as every row changing. */
  search (filter, "");
  for (guint len = 1; len < 40; len++)
    {
      g_autoptr(SamActivityRow) first = g_list_model_get_item (rows, 0);
      g_autofree char *prefix = g_utf8_substring (sam_activity_row_get_title (first), 0, len);
      g_autofree char *folded = g_utf8_casefold (prefix, -1);
      guint before = g_list_model_get_n_items (G_LIST_MODEL (filtered));

      told = (Told) { 0 };
      search (filter, folded);
      check_shows (G_LIST_MODEL (filtered), rows, query);
      if (told.changes > 0)
        g_assert_cmpuint (told.removed, ==, before - g_list_model_get_n_items (G_LIST_MODEL (filtered)));
      g_assert_cmpuint (told.added, ==, 0);
    }
}

/* Told changes of at most @most rows while fewer than 200 rows show. */
typedef struct
{
  guint most;
  guint larger;
} Steps;

static void
on_step_cb (GListModel *model,
            guint       position,
            guint       removed,
            guint       added,
            Steps      *steps)
{
  if (position < 200 && added > steps->most)
    steps->larger++;
}

/* Many rows arriving at once (the rest of a large plan) come in a few at
 * a time while the table builds their rows, the rest at once; a search
 * meanwhile shows every match at once; a row added alone shows at once. */
static void
test_fills_in_steps (void)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autoptr(SamStore) store = sam_test_open_new (dir, "plan.db");
  g_autoptr(GListModel) plan = sam_activity_list_load (store, NULL);
  g_autoptr(GListStore) rows = g_list_store_new (SAM_TYPE_ACTIVITY_ROW);
  g_autoptr(SamActivityFilter) filter = sam_activity_filter_new ();
  g_autoptr(SamFilteredList) filtered = sam_filtered_list_new (G_LIST_MODEL (rows), filter);
  SamActivityQuery *query = sam_activity_filter_get_query (filter);
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SamActivityRow) one = g_list_model_get_item (plan, 0);
  Steps steps = { 40, 0 };

  for (guint round = 0; round < 30; round++)
    for (guint i = 0; i < g_list_model_get_n_items (plan); i++)
      g_ptr_array_add (many, g_list_model_get_item (plan, i));
  g_signal_connect (filtered, "items-changed", G_CALLBACK (on_step_cb), &steps);
  g_list_store_splice (rows, 0, 0, many->pdata, many->len);
  g_assert_true (sam_filtered_list_is_filling (filtered));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (filtered)), <, many->len);
  while (sam_filtered_list_is_filling (filtered))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (steps.larger, ==, 0);
  check_shows (G_LIST_MODEL (filtered), G_LIST_MODEL (rows), query);

  /* Again, searching while they come in. */
  g_list_store_splice (rows, 0, g_list_model_get_n_items (G_LIST_MODEL (rows)), NULL, 0);
  g_list_store_splice (rows, 0, 0, many->pdata, many->len);
  g_assert_true (sam_filtered_list_is_filling (filtered));
  search (filter, "i");
  g_assert_false (sam_filtered_list_is_filling (filtered));
  check_shows (G_LIST_MODEL (filtered), G_LIST_MODEL (rows), query);
  search (filter, "in");
  check_shows (G_LIST_MODEL (filtered), G_LIST_MODEL (rows), query);

  search (filter, "");
  g_list_store_append (rows, one);
  g_assert_false (sam_filtered_list_is_filling (filtered));
  check_shows (G_LIST_MODEL (filtered), G_LIST_MODEL (rows), query);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gui/filtered-list/searches", test_searches);
  g_test_add_func ("/gui/filtered-list/fills-in-steps", test_fills_in_steps);
  return g_test_run ();
}
