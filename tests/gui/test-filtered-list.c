/* The activity table's filtered list: what it shows is always what the
 * query matches, and the view is told only what changed; many rows at
 * once come in steps. */
#include "config.h"

#include "sam-filtered-list.h"
#include "sam-row-slots.h"
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

/* Runs the main loop until @filtered shows every match, in steps of at
 * most @steps->most rows while fewer than 200 show. */
static void
fill (SamFilteredList *filtered,
      Steps           *steps)
{
  steps->larger = 0;
  while (sam_filtered_list_is_filling (filtered))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (steps->larger, ==, 0);
  g_assert_cmpuint (sam_filtered_list_get_n_matches (filtered), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (filtered)));
}

/* Many rows arriving at once (the rest of a large plan) come in a few at
 * a time while the table builds their rows, the rest at once; so do a
 * search's matches when it widens a few rows to many; a row added alone
 * shows at once. */
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

  /* Again, searching while they come in: the search's matches come in
   * steps too, counted in full at once. */
  g_list_store_splice (rows, 0, g_list_model_get_n_items (G_LIST_MODEL (rows)), NULL, 0);
  g_list_store_splice (rows, 0, 0, many->pdata, many->len);
  g_assert_true (sam_filtered_list_is_filling (filtered));
  search (filter, "i");
  fill (filtered, &steps);
  check_shows (G_LIST_MODEL (filtered), G_LIST_MODEL (rows), query);
  search (filter, "in");
  check_shows (G_LIST_MODEL (filtered), G_LIST_MODEL (rows), query);

  /* A search that widens a few rows to many shows a screenful at once,
   * the rest in steps, not the 200 rows a table would build at once. */
  search (filter, "zzzz");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (filtered)), ==, 0);
  search (filter, "");
  g_assert_true (sam_filtered_list_is_filling (filtered));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (filtered)), >=, 20);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (filtered)), <=, 60);
  g_assert_cmpuint (sam_filtered_list_get_n_matches (filtered), ==, many->len);
  fill (filtered, &steps);
  check_shows (G_LIST_MODEL (filtered), G_LIST_MODEL (rows), query);

  /* The kept row (the one selected) comes at once, so a selection keeps
   * it. */
  {
    guint last = g_list_model_get_n_items (plan) - 1;
    g_autoptr(SamActivityRow) kept = g_list_model_get_item (plan, last);

    g_assert_cmpuint (last, >, 40);
    sam_filtered_list_set_kept (filtered, kept);
    search (filter, "zzzz");
    search (filter, "");
    g_assert_true (sam_filtered_list_is_filling (filtered));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (filtered)), ==, last + 1);
    {
      g_autoptr(SamActivityRow) shown = g_list_model_get_item (G_LIST_MODEL (filtered), last);
      g_assert_true (shown == kept);
    }
    fill (filtered, &steps);
    sam_filtered_list_set_kept (filtered, NULL);
  }

  /* Searching again meanwhile: what was still to come is not shown. */
  search (filter, "zzzz");
  search (filter, "");
  search (filter, "in");
  fill (filtered, &steps);
  check_shows (G_LIST_MODEL (filtered), G_LIST_MODEL (rows), query);

  search (filter, "");
  while (sam_filtered_list_is_filling (filtered))
    g_main_context_iteration (NULL, TRUE);
  g_list_store_append (rows, one);
  g_assert_false (sam_filtered_list_is_filling (filtered));
  check_shows (G_LIST_MODEL (filtered), G_LIST_MODEL (rows), query);
}

/* The string a slot of @slots at @position shows now. */
static const char *
slot_text (GListModel *slots,
           guint       position)
{
  g_autoptr(SamRowSlot) slot = g_list_model_get_item (slots, position);

  return gtk_string_object_get_string (sam_row_slot_get_item (slot));
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint changes;
} LastChange;

static void
on_slots_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     LastChange *last)
{
  *last = (LastChange) { position, removed, added, last->changes + 1 };
}

/* A search that narrows the rows and widens them again: the table keeps
 * its slots (so its row widgets), hears only of rows that came or went at
 * the end, and every slot shows the row at its place; selecting is the
 * rows' own. */
static void
test_slots (void)
{
  const char *five[] = { "a", "b", "c", "d", "e", NULL };
  const char *two[] = { "x", "y", NULL };
  const char *four[] = { "p", "q", "r", "s", NULL };
  g_autoptr(GtkStringList) strings = gtk_string_list_new (five);
  g_autoptr(GtkSingleSelection) rows = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (strings)));
  g_autoptr(SamRowSlots) slots = NULL;
  g_autoptr(SamRowSlot) first = NULL;
  LastChange last = { 0 };

  gtk_single_selection_set_autoselect (rows, FALSE);
  gtk_single_selection_set_selected (rows, GTK_INVALID_LIST_POSITION);
  slots = sam_row_slots_new (GTK_SELECTION_MODEL (rows));
  g_signal_connect (slots, "items-changed", G_CALLBACK (on_slots_changed_cb), &last);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 5);
  first = g_list_model_get_item (G_LIST_MODEL (slots), 0);
  g_assert_cmpstr (slot_text (G_LIST_MODEL (slots), 4), ==, "e");

  /* Narrowed to two, told as everything replaced: three went at the end. */
  gtk_string_list_splice (strings, 0, 5, two);
  g_assert_cmpuint (last.changes, ==, 1);
  g_assert_cmpuint (last.position, ==, 2);
  g_assert_cmpuint (last.removed, ==, 3);
  g_assert_cmpuint (last.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 2);
  {
    g_autoptr(SamRowSlot) again = g_list_model_get_item (G_LIST_MODEL (slots), 0);

    g_assert_true (again == first);   /* the same slot, so the same widget */
  }
  g_assert_cmpstr (gtk_string_object_get_string (sam_row_slot_get_item (first)), ==, "x");
  g_assert_cmpstr (slot_text (G_LIST_MODEL (slots), 1), ==, "y");

  /* Widened to four: two came at the end, the first two show new rows. */
  gtk_string_list_splice (strings, 0, 2, four);
  g_assert_cmpuint (last.changes, ==, 2);
  g_assert_cmpuint (last.position, ==, 2);
  g_assert_cmpuint (last.removed, ==, 0);
  g_assert_cmpuint (last.added, ==, 2);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (slot_text (G_LIST_MODEL (slots), i), ==, four[i]);

  /* Selecting a slot selects the row beneath. */
  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (slots), 2, TRUE));
  g_assert_cmpuint (gtk_single_selection_get_selected (rows), ==, 2);
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (slots), 2));
  g_assert_false (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (slots), 0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gui/filtered-list/searches", test_searches);
  g_test_add_func ("/gui/filtered-list/fills-in-steps", test_fills_in_steps);
  g_test_add_func ("/gui/filtered-list/slots", test_slots);
  return g_test_run ();
}
