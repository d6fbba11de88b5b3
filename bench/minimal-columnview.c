/* minimal-columnview.c: the baseline for Samordna's start-up benchmark.
 *
 * A plain GTK 4 program that shows N rows in a GtkColumnView from an
 * in-memory GListStore of objects with a title, a lead and a status,
 * and prints the time from its start to the first frame drawn with the
 * rows in it, then quits. Usage: minimal-columnview N */
#include <gtk/gtk.h>
#include <stdlib.h>

#define ROW_TYPE (min_row_get_type ())
/* Registered as "MinRow": the cell templates look it up by that name. */
G_DECLARE_FINAL_TYPE (MinRow, min_row, MIN, ROW, GObject)

struct _MinRow
{
  GObject parent_instance;
  char   *title;
  char   *lead;
  char   *status;
};

G_DEFINE_FINAL_TYPE (MinRow, min_row, G_TYPE_OBJECT)

enum { PROP_0, PROP_TITLE, PROP_LEAD, PROP_STATUS, N_PROPS };
static GParamSpec *props[N_PROPS];
static gint64 started;

static void
min_row_finalize (GObject *object)
{
  MinRow *self = MIN_ROW (object);

  g_free (self->title);
  g_free (self->lead);
  g_free (self->status);
  G_OBJECT_CLASS (min_row_parent_class)->finalize (object);
}

static void
min_row_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  MinRow *self = MIN_ROW (object);

  g_value_set_string (value, id == PROP_TITLE ? self->title : id == PROP_LEAD ? self->lead : self->status);
}

static void
min_row_class_init (MinRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = min_row_finalize;
  G_OBJECT_CLASS (klass)->get_property = min_row_get_property;
  props[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE);
  props[PROP_LEAD] = g_param_spec_string ("lead", NULL, NULL, NULL, G_PARAM_READABLE);
  props[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, G_PARAM_READABLE);
  g_object_class_install_properties (G_OBJECT_CLASS (klass), N_PROPS, props);
}

static void
min_row_init (MinRow *self)
{
}

static void
on_after_paint (GdkFrameClock *clock, GtkApplication *app)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, app);
  g_print ("first-frame-ms %.1f\n", (g_get_monotonic_time () - started) / 1000.0);
  g_application_quit (G_APPLICATION (app));
}

static GtkColumnViewColumn *
column (const char *title, const char *property)
{
  g_autofree char *ui = g_strdup_printf (
    "<interface><template class=\"GtkListItem\"><property name=\"child\"><object class=\"GtkLabel\">"
    "<property name=\"xalign\">0</property><binding name=\"label\"><lookup name=\"%s\" type=\"MinRow\">"
    "<lookup name=\"item\">GtkListItem</lookup></lookup></binding></object></property></template></interface>",
    property);
  g_autoptr(GBytes) bytes = g_bytes_new (ui, strlen (ui));

  return gtk_column_view_column_new (title, gtk_builder_list_item_factory_new_from_bytes (NULL, bytes));
}

static void
activate (GtkApplication *app, gpointer data)
{
  guint n = GPOINTER_TO_UINT (data);
  GListStore *store = g_list_store_new (ROW_TYPE);
  GtkWidget *window = gtk_application_window_new (app);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      MinRow *r = g_object_new (ROW_TYPE, NULL);
      r->title = g_strdup_printf ("Activity %u of the plan", i);
      r->lead = g_strdup_printf ("Agency %u", i % 500);
      r->status = g_strdup ("Planned");
      g_ptr_array_add (rows, r);
    }
  g_list_store_splice (store, 0, 0, rows->pdata, rows->len);
  view = gtk_column_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (store))));
  gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column ("Title", "title"));
  gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column ("Lead", "lead"));
  gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column ("Status", "status"));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 780);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), app);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GtkApplication) app = NULL;
  guint n = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 1000;

  started = g_get_monotonic_time ();
  app = gtk_application_new ("io.github.samordna.Minimal", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate), GUINT_TO_POINTER (n));
  return g_application_run (G_APPLICATION (app), 1, argv);
}
