#define G_LOG_DOMAIN "sam-table"

#include "config.h"

#include <stdlib.h>

#include "sam-table.h"

#define COLUMN_ID "sam-column-id"
#define PARTNER   "sam-table-partner"   /* the other table of a pinned pair */
#define SORTER    "sam-table-sorter"    /* the sorter of both */
#define PIN       "sam-table-pin"       /* on the pinned table: its Pin */

/* Names @column, for keeping the sort (and other choices) by it. */
void
sam_table_set_column_id (GtkColumnViewColumn *column,
                         const char          *id)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));
  g_object_set_data_full (G_OBJECT (column), COLUMN_ID, g_strdup (id), g_free);
}

static char *
text_or_empty_cb (GObject    *item,
                  const char *property)
{
  char *text = NULL;

  if (item)
    g_object_get (item, property, &text, NULL);
  return text ? text : g_strdup ("");
}

/* Returns a sorter of items of @type by their string @property, in
 * people's alphabetical order, ignoring case; no text sorts first. (GTK
 * 4.8's string sorter would complain about a property that is NULL.) */
GtkSorter *
sam_table_text_sorter (GType       type,
                       const char *property)
{
  GtkExpression *text = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL, G_CALLBACK (text_or_empty_cb),
                                                     (gpointer) g_intern_string (property), NULL);

  return GTK_SORTER (gtk_string_sorter_new (text));
}

static double
number_cb (GObject    *item,
           const char *property)
{
  GParamSpec *spec = item ? g_object_class_find_property (G_OBJECT_GET_CLASS (item), property) : NULL;
  GValue value = G_VALUE_INIT, number = G_VALUE_INIT;
  double result = 0;

  if (spec == NULL)
    return 0;
  g_value_init (&value, spec->value_type);
  g_object_get_property (item, property, &value);
  if (spec->value_type == G_TYPE_STRING)
    result = g_value_get_string (&value) ? g_ascii_strtod (g_value_get_string (&value), NULL) : 0;
  else
    {
      g_value_init (&number, G_TYPE_DOUBLE);
      if (g_value_transform (&value, &number))
        result = g_value_get_double (&number);
      g_value_unset (&number);
    }
  g_value_unset (&value);
  return result;
}

/* Returns a sorter of items of @type by @property as a number: a numeric
 * property, or a count or percentage written as text ("12", "45 %"). */
GtkSorter *
sam_table_number_sorter (GType       type,
                         const char *property)
{
  GtkExpression *number = gtk_cclosure_expression_new (G_TYPE_DOUBLE, NULL, 0, NULL, G_CALLBACK (number_cb),
                                                       (gpointer) g_intern_string (property), NULL);

  return GTK_SORTER (gtk_numeric_sorter_new (number));
}

/* The column of @view, or of the table pinned beside it, named @id. */
static GtkColumnViewColumn *
column_by_id (GtkColumnView *view,
              const char    *id)
{
  GtkColumnView *partner = g_object_get_data (G_OBJECT (view), PARTNER);
  GtkColumnView *tables[] = { view, partner };

  for (guint t = 0; t < G_N_ELEMENTS (tables) && tables[t]; t++)
    {
      GListModel *columns = gtk_column_view_get_columns (tables[t]);

      for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
        {
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

          if (g_strcmp0 (g_object_get_data (G_OBJECT (column), COLUMN_ID), id) == 0)
            return column;
        }
    }
  return NULL;
}

static void
find_titles (GtkWidget *widget,
             GPtrArray *titles)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (g_str_equal (G_OBJECT_TYPE_NAME (c), "GtkColumnViewTitle"))
        g_ptr_array_add (titles, c);
      else if (!GTK_IS_LIST_VIEW (c))
        find_titles (c, titles);
    }
}

/* The arrow of a column's header: 1 ascending, -1 descending, 0 none. */
static int
arrow_of (GtkWidget *title)
{
  for (GtkWidget *c = gtk_widget_get_first_child (title); c; c = gtk_widget_get_next_sibling (c))
    {
      int inner;

      if (g_strcmp0 (gtk_widget_get_css_name (c), "sort-indicator") == 0)
        return gtk_widget_has_css_class (c, "ascending") ? 1 : gtk_widget_has_css_class (c, "descending") ? -1 : 0;
      if ((inner = arrow_of (c)) != 0)
        return inner;
    }
  return 0;
}

/* The column @view is sorted by and which way. GTK 4.8 keeps this to
 * itself (4.10 has gtk_column_view_sorter_get_primary_sort_column()):
 * each header shows it with its arrow, and the headers stand in the
 * order of the visible columns. */
static GtkColumnViewColumn *
sorted_by (GtkColumnView *view,
           GtkSortType   *order)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  GListModel *columns = gtk_column_view_get_columns (view);
  guint shown = 0;

  find_titles (GTK_WIDGET (view), titles);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      int arrow;

      if (!gtk_column_view_column_get_visible (column))
        continue;
      if (shown >= titles->len)
        break;
      arrow = arrow_of (titles->pdata[shown++]);
      if (arrow != 0)
        {
          *order = arrow > 0 ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING;
          return column;
        }
    }
  return NULL;
}

typedef struct
{
  GWeakRef       view;          /* the sorter may outlive its view */
  GSettings     *settings;
  char          *key;
  guint          idle;
} Keeper;

static void
keeper_free (gpointer  data,
             GClosure *closure)
{
  Keeper *k = data;

  g_clear_handle_id (&k->idle, g_source_remove);
  g_weak_ref_clear (&k->view);
  g_object_unref (k->settings);
  g_free (k->key);
  g_free (k);
}

static gboolean
save_sort_cb (gpointer data)
{
  Keeper *k = data;
  g_autoptr(GtkWidget) view = g_weak_ref_get (&k->view);
  GtkColumnView *partner = view ? g_object_get_data (G_OBJECT (view), PARTNER) : NULL;
  GtkSortType order = GTK_SORT_ASCENDING;
  GtkColumnViewColumn *column = partner ? sorted_by (partner, &order) : NULL;
  const char *id;

  if (column == NULL && view)
    column = sorted_by (GTK_COLUMN_VIEW (view), &order);
  id = column ? g_object_get_data (G_OBJECT (column), COLUMN_ID) : NULL;
  g_autofree char *value = id ? g_strdup_printf ("%s:%s", id, order == GTK_SORT_ASCENDING ? "ascending"
                                                                                          : "descending")
                              : g_strdup ("");

  k->idle = 0;
  if (view)
    g_settings_set_string (k->settings, k->key, value);
  return G_SOURCE_REMOVE;
}

static void
on_sorter_changed_cb (GtkSorter *sorter,
                      int        change,
                      Keeper    *k)
{
  /* Once the headers show the new arrow. */
  if (k->idle == 0)
    k->idle = g_idle_add (save_sort_cb, k);
}

/* Sorts @view as @key of @settings says ("due:descending"; nothing or a
 * column it does not have: as it is). */
void
sam_table_restore_sort (GtkColumnView *view,
                        GSettings     *settings,
                        const char    *key)
{
  g_autofree char *value = NULL;
  g_auto(GStrv) parts = NULL;
  GtkColumnViewColumn *column;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  if (settings == NULL)
    return;
  value = g_settings_get_string (settings, key);
  parts = g_strsplit (value, ":", 2);
  if (g_strv_length (parts) != 2 || !(column = column_by_id (view, parts[0])))
    return;
  gtk_column_view_sort_by_column (gtk_column_view_column_get_column_view (column), column, g_str_equal (parts[1], "descending") ? GTK_SORT_DESCENDING
                                                                                      : GTK_SORT_ASCENDING);
}

/* Sorts @view as @key of @settings says, and keeps there how the person
 * sorts it from now on. Does nothing without @settings. */
void
sam_table_remember_sort (GtkColumnView *view,
                         GSettings     *settings,
                         const char    *key)
{
  Keeper *k;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  if (settings == NULL)
    return;
  sam_table_restore_sort (view, settings, key);
  k = g_new0 (Keeper, 1);
  g_weak_ref_init (&k->view, view);
  k->settings = g_object_ref (settings);
  k->key = g_strdup (key);
  g_signal_connect_data (sam_table_get_sorter (view), "changed", G_CALLBACK (on_sorter_changed_cb), k,
                         keeper_free, 0);
}

typedef struct
{
  GSettings *settings;
  char      *key;
} Columns;

static void
columns_free (gpointer data,
              GClosure *closure)
{
  Columns *c = data;

  g_object_unref (c->settings);
  g_free (c->key);
  g_free (c);
}

static void
on_column_visible_cb (GtkColumnViewColumn *changed,
                      GParamSpec          *pspec,
                      Columns             *c)
{
  GtkColumnView *view = gtk_column_view_column_get_column_view (changed);
  GListModel *columns;
  g_autoptr(GStrvBuilder) hidden = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  if (view == NULL)
    return;
  columns = gtk_column_view_get_columns (view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *id = g_object_get_data (G_OBJECT (column), COLUMN_ID);

      if (id && !gtk_column_view_column_get_visible (column))
        g_strv_builder_add (hidden, id);
    }
  ids = g_strv_builder_end (hidden);
  g_settings_set_strv (c->settings, c->key, (const char * const *) ids);
}

/* Hides the columns of @view that @key of @settings lists (by their ids,
 * sam_table_set_column_id()), shows the others, and keeps there which
 * the person hides from now on. Ids of columns @view does not have are
 * passed over. Does nothing without @settings. */
void
sam_table_remember_columns (GtkColumnView *view,
                            GSettings     *settings,
                            const char    *key)
{
  GListModel *columns;
  g_auto(GStrv) hidden = NULL;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  if (settings == NULL)
    return;
  hidden = g_settings_get_strv (settings, key);
  columns = gtk_column_view_get_columns (view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *id = g_object_get_data (G_OBJECT (column), COLUMN_ID);
      Columns *c;

      if (id == NULL)
        continue;
      gtk_column_view_column_set_visible (column, !g_strv_contains ((const char * const *) hidden, id));
      c = g_new0 (Columns, 1);
      c->settings = g_object_ref (settings);
      c->key = g_strdup (key);
      g_signal_connect_data (column, "notify::visible", G_CALLBACK (on_column_visible_cb), c, columns_free, 0);
    }
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *keys,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkWidget             *view)
{
  GtkRoot *root = gtk_widget_get_root (view);
  GtkWidget *partner = g_object_get_data (G_OBJECT (view), PARTNER);
  GtkDirectionType direction;

  if ((keyval != GDK_KEY_Tab && keyval != GDK_KEY_ISO_Left_Tab && keyval != GDK_KEY_KP_Tab)
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) || root == NULL)
    return FALSE;
  direction = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) ? GTK_DIR_TAB_BACKWARD
                                                                          : GTK_DIR_TAB_FORWARD;
  /* The window's focus chain, as if the table (with the one pinned
   * beside it) were one stop. */
  gtk_widget_set_can_focus (view, FALSE);
  if (partner)
    gtk_widget_set_can_focus (partner, FALSE);
  if (!gtk_widget_child_focus (GTK_WIDGET (root), direction))
    gtk_widget_child_focus (GTK_WIDGET (root), direction);  /* from the start again, as GTK does */
  gtk_widget_set_can_focus (view, TRUE);
  if (partner)
    gtk_widget_set_can_focus (partner, TRUE);
  return TRUE;
}

/* Makes Tab and Shift+Tab leave @view for the next part of the window, as
 * they leave any other control, instead of stepping from row to row (and
 * moving the selection, and with it the editor, at each step); the arrow
 * keys move within it. (GTK 4.12 has GtkListTabBehavior; 4.8 does not.) */
void
sam_table_tab_leaves (GtkColumnView *view)
{
  GtkEventController *keys;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), view, 0);
  gtk_widget_add_controller (GTK_WIDGET (view), keys);
}

static void
on_sorted_cb (GtkSorter     *sorter,
              int            change,
              GtkColumnView *other)
{
  /* One sort at a time: the other table's arrow goes. */
  if (gtk_sorter_get_order (sorter) != GTK_SORTER_ORDER_NONE)
    gtk_column_view_sort_by_column (other, NULL, GTK_SORT_ASCENDING);
}

/* Up and down, the pinned table follows the other and the other it. The
 * two have adjustments of their own, kept at one value, but never while
 * GTK lays them out: a move made then (a shared adjustment would make
 * it) reaches the other table after its layout, or before its new rows
 * are measured (GTK 4.8 warns and drops it). So a move is passed on at
 * the next frame, before its layout (for a wheel or a scroll bar: the same
 * frame); after a change of rows only once both have been laid out, and
 * the pinned table then takes the other's place. */
typedef struct
{
  GtkAdjustment *mine;          /* the pinned table's */
  GtkAdjustment *theirs;        /* the other table's */
  GtkAdjustment *moved;         /* which moved last, to pass on */
  gboolean       stale;         /* rows changed, not yet laid out */
  guint          tick;
  guint          frames;        /* to wait before passing it on */
  gboolean       following;
} Pin;

static void
pin_free (gpointer data)
{
  Pin *pin = data;

  g_object_unref (pin->mine);
  g_object_unref (pin->theirs);
  g_free (pin);
}

static gboolean
follow_cb (GtkWidget     *pinned,
           GdkFrameClock *clock,
           gpointer       data)
{
  Pin *pin = g_object_get_data (G_OBJECT (pinned), PIN);
  GtkAdjustment *to;

  if (pin == NULL)
    return G_SOURCE_REMOVE;
  if (pin->frames > 0)
    {
      pin->frames--;
      return G_SOURCE_CONTINUE;
    }
  pin->tick = 0;
  pin->stale = FALSE;
  to = pin->moved == pin->mine ? pin->theirs : pin->mine;
  if (gtk_adjustment_get_value (pin->moved) != gtk_adjustment_get_value (to))
    {
      pin->following = TRUE;
      gtk_adjustment_set_value (to, gtk_adjustment_get_value (pin->moved));
      pin->following = FALSE;
    }
  return G_SOURCE_REMOVE;
}

/* Passes on the move of @moved after @frames frames' layout. */
static void
pass_on (GtkWidget     *pinned,
         Pin           *pin,
         GtkAdjustment *moved,
         guint          frames)
{
  pin->moved = moved;
  pin->frames = MAX (pin->frames, frames);
  if (pin->tick == 0)
    pin->tick = gtk_widget_add_tick_callback (pinned, follow_cb, NULL, NULL);
}

static void
on_moved_cb (GtkAdjustment *moved,
             GtkWidget     *pinned)
{
  Pin *pin = g_object_get_data (G_OBJECT (pinned), PIN);

  if (pin && !pin->stale && !pin->following)
    pass_on (pinned, pin, moved, 0);
}

static void
on_rows_changed_cb (GListModel *rows,
                    guint       position,
                    guint       removed,
                    guint       added,
                    GtkWidget  *pinned)
{
  Pin *pin = g_object_get_data (G_OBJECT (pinned), PIN);

  /* The first tick comes before this frame's layout, the second after. */
  if (pin == NULL)
    return;
  pin->stale = TRUE;
  pass_on (pinned, pin, pin->theirs, 1);
}

static void
on_model_cb (GtkColumnView *view,
             GParamSpec    *pspec,
             GtkWidget     *pinned)
{
  GtkSelectionModel *rows = gtk_column_view_get_model (view);

  if (rows)
    g_signal_connect_object (rows, "items-changed", G_CALLBACK (on_rows_changed_cb), pinned, 0);
}

/* Makes @pinned (a table of the first column) stay beside @view while
 * @view scrolls sideways: both show the same rows, in the same order, and
 * scroll up and down together. Give both the same selection model, sort
 * it by sam_table_get_sorter (@view), and give their rows the same height
 * (one line of text each). A click on either's header sorts both; the
 * other choices of sam_table (sort kept, Tab) take both as one table.
 * Both must be the child of a GtkScrolledWindow; @pinned's should
 * neither scroll sideways nor show a scroll bar of its own. */
void
sam_table_pin (GtkColumnView *pinned,
               GtkColumnView *view)
{
  GtkWidget *scrolled = gtk_widget_get_parent (GTK_WIDGET (view));
  GtkWidget *beside = gtk_widget_get_parent (GTK_WIDGET (pinned));
  GtkMultiSorter *sorter;
  Pin *pin;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (pinned) && GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (scrolled) && GTK_IS_SCROLLED_WINDOW (beside));
  pin = g_new0 (Pin, 1);
  pin->mine = g_object_ref (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (beside)));
  pin->theirs = g_object_ref (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)));
  g_object_set_data_full (G_OBJECT (pinned), PIN, pin, pin_free);
  g_signal_connect_object (pin->theirs, "value-changed", G_CALLBACK (on_moved_cb), pinned, 0);
  g_signal_connect_object (pin->mine, "value-changed", G_CALLBACK (on_moved_cb), pinned, 0);
  g_signal_connect_object (view, "notify::model", G_CALLBACK (on_model_cb), pinned, 0);
  on_model_cb (view, NULL, GTK_WIDGET (pinned));

  sorter = gtk_multi_sorter_new ();
  gtk_multi_sorter_append (sorter, g_object_ref (gtk_column_view_get_sorter (pinned)));
  gtk_multi_sorter_append (sorter, g_object_ref (gtk_column_view_get_sorter (view)));
  g_object_set_data_full (G_OBJECT (view), SORTER, sorter, g_object_unref);
  g_object_set_data (G_OBJECT (view), PARTNER, pinned);
  g_object_set_data (G_OBJECT (pinned), PARTNER, view);
  g_signal_connect_object (gtk_column_view_get_sorter (pinned), "changed", G_CALLBACK (on_sorted_cb), view, 0);
  g_signal_connect_object (gtk_column_view_get_sorter (view), "changed", G_CALLBACK (on_sorted_cb), pinned, 0);
}

/* The sorter of @view's rows: its own, or with a table pinned beside it
 * (sam_table_pin()), one that sorts as either table's header says. */
GtkSorter *
sam_table_get_sorter (GtkColumnView *view)
{
  GtkSorter *sorter;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);
  sorter = g_object_get_data (G_OBJECT (view), SORTER);
  return sorter ? sorter : gtk_column_view_get_sorter (view);
}
