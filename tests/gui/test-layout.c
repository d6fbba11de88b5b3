/* Usable at any window size: at 800×600 and at 1920×1080 every view, and
 * the editor beside it or in its place, fits inside the window, checked
 * by the widgets' allocations (a widget that does not fit is cut off by
 * the window or by its parent). Each view is written to a PNG at each
 * size (in $SAM_SCREENSHOTS, or the test's build folder) for people to
 * look at. */
#include "config.h"

#include "sam-gui-test-util.h"

static char *dir;
static char *shots;

typedef struct { int width, height; } Size;

static const Size sizes[] = { { 800, 600 }, { 1920, 1080 } };

typedef struct
{
  GtkWidget *content;
  char      *file;
  gboolean   done;
} Shot;

/* Right after a frame is drawn every allocation is current. */
static void
after_paint_cb (GdkFrameClock *clock,
                Shot          *shot)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (shot->content);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (shot->content));
  int width = gtk_widget_get_width (shot->content), height = gtk_widget_get_height (shot->content);

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, shot);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, shot->file));
  shot->done = TRUE;
}

static gboolean
shot_done (gpointer data)
{
  return ((Shot *) data)->done;
}

/* Writes what @window shows to @name.png in the screenshot folder. */
static void
screenshot (GtkWindow  *window,
            const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s/%s.png", shots, name);
  Shot shot = { adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)), file, FALSE };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &shot);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  sam_gui_wait_until (shot_done, &shot, "a frame to be drawn");
}

static char *
describe (GtkWidget *widget)
{
  GString *path = g_string_new (NULL);

  for (GtkWidget *w = widget; w; w = gtk_widget_get_parent (w))
    {
      const char *name = gtk_buildable_get_buildable_id (GTK_BUILDABLE (w));
      g_string_prepend (path, name ? name : G_OBJECT_TYPE_NAME (w));
      if (gtk_widget_get_parent (w))
        g_string_prepend (path, " > ");
      if (GTK_IS_LABEL (w))
        g_string_append_printf (path, " “%.40s”", gtk_label_get_text (GTK_LABEL (w)));
    }
  return g_string_free (path, FALSE);
}

/* Every widget on screen in @widget lies inside @within (the window, or
 * the parent that would cut it off). What scrolls is checked as the
 * scrolled window that shows it. */
static void
assert_inside (GtkWidget             *widget,
               const graphene_rect_t *within,
               GtkWidget             *window,
               const char            *where)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      graphene_rect_t b;

      if (!gtk_widget_get_mapped (c) || GTK_IS_POPOVER (c) || !gtk_widget_compute_bounds (c, window, &b))
        continue;
      if (b.size.width > 0 && b.size.height > 0
          && (b.origin.x < within->origin.x - 1 || b.origin.y < within->origin.y - 1
              || b.origin.x + b.size.width > within->origin.x + within->size.width + 1
              || b.origin.y + b.size.height > within->origin.y + within->size.height + 1))
        {
          g_autofree char *what = describe (c);
          g_error ("%s: %s at %.0f,%.0f %.0f×%.0f is cut off outside %.0f,%.0f %.0f×%.0f", where, what,
                   b.origin.x, b.origin.y, b.size.width, b.size.height,
                   within->origin.x, within->origin.y, within->size.width, within->size.height);
        }
      if (!GTK_IS_SCROLLED_WINDOW (c) && !GTK_IS_VIEWPORT (c))
        assert_inside (c, within, window, where);
    }
}

static void
assert_fits (SamWindow  *window,
             const Size *size,
             const char *where)
{
  int width = gtk_widget_get_width (GTK_WIDGET (window)), height = gtk_widget_get_height (GTK_WIDGET (window));
  graphene_rect_t all = GRAPHENE_RECT_INIT (0, 0, width, height);

  /* The window's frame (its resize border) takes a few pixels of the size
   * asked for; anything more means the window had to grow. */
  if (width > size->width || height > size->height || width < size->width - 20 || height < size->height - 20)
    g_error ("%s: the window is %d×%d, not %d×%d: what it holds needs more", where,
             width, height, size->width, size->height);
  assert_inside (GTK_WIDGET (window), &all, GTK_WIDGET (window), where);
}

/* Something for the editor to show in @view: the first record its list
 * or tree holds, or NULL for a view with no editor. */
static void
select_something (SamWindow *window,
                  SamView    view)
{
  SamPage *page = sam_window_get_view_page (window, view);
  GListModel *rows = NULL;

  if (!sam_page_uses_editor (page))
    return;
  if (view == SAM_VIEW_PLANS)
    rows = sam_gui_activity_rows (window);
  else if (SAM_IS_TREE_PAGE (page))
    rows = sam_tree_page_get_rows (SAM_TREE_PAGE (page));
  for (guint i = 0; rows && i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (rows, i);
      g_autoptr(SamRecord) record = sam_page_record_for_item (page, item);

      if (record)
        {
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (rows), i, TRUE);
          return;
        }
      if (GTK_IS_TREE_LIST_ROW (item))
        gtk_tree_list_row_set_expanded (GTK_TREE_LIST_ROW (item), TRUE);
    }
}

static void
test_every_view_fits (gconstpointer data)
{
  const Size *size = data;
  g_autofree char *path = g_strdup_printf ("%s/layout-%d.db", dir, size->width);
  SamWindow *window = sam_gui_open_window_with (path, NULL, size->width, size->height);

  sam_gui_settle (500);
  for (guint v = 0; v < SAM_N_VIEWS; v++)
    {
      g_autofree char *where = g_strdup_printf ("%s at %d×%d", sam_view_get_name (v), size->width, size->height);
      g_autofree char *name = g_strdup_printf ("%s-%dx%d", sam_view_get_name (v), size->width, size->height);

      sam_window_show_view (window, v);
      /* Past any animation of the views' list or the editor. */
      sam_gui_settle (700);
      assert_fits (window, size, where);
      select_something (window, v);
      sam_gui_settle (700);
      assert_fits (window, size, where);
      g_test_message ("shot %s", name);
      screenshot (GTK_WINDOW (window), name);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  sam_gui_iterate ();
}

static gboolean
overview_counted (gpointer page)
{
  return !sam_overview_page_is_counting (SAM_OVERVIEW_PAGE (page));
}

/* The window at the size it first opens with (the settings' defaults):
 * every view is shown with the sidebar beside it (none is so wide that
 * the sidebar folds away), and the Overview shows every column of its
 * figures per measure beside the measures, none cut off past the table's
 * right edge. */
static void
test_default_size (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GVariant) width = g_settings_get_default_value (settings, "window-width");
  g_autoptr(GVariant) height = g_settings_get_default_value (settings, "window-height");
  g_autofree char *path = g_build_filename (dir, "layout-default.db", NULL);
  SamWindow *window = sam_gui_open_window_with (path, NULL, g_variant_get_int32 (width), g_variant_get_int32 (height));
  AdwFlap *sidebar = ADW_FLAP (gtk_widget_get_template_child (GTK_WIDGET (window), SAM_TYPE_WINDOW, "sidebar_flap"));
  SamPage *overview = sam_window_get_view_page (window, SAM_VIEW_OVERVIEW);
  GtkWidget *view, *scrolled;
  GtkAdjustment *across;

  for (guint v = 0; v < SAM_N_VIEWS; v++)
    {
      sam_window_show_view (window, v);
      sam_gui_settle (700);
      if (adw_flap_get_folded (sidebar))
        g_error ("%s at the default size: the sidebar folds away", sam_view_get_name (v));
    }
  sam_window_show_view (window, SAM_VIEW_OVERVIEW);
  sam_gui_wait_until (overview_counted, overview, "the Overview's figures");
  sam_gui_settle (700);
  view = GTK_WIDGET (sam_page_get_part (overview, "summary_view"));
  scrolled = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);
  across = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_test_message ("figures %.0f wide in %.0f", gtk_adjustment_get_upper (across), gtk_adjustment_get_page_size (across));
  g_assert_cmpfloat (gtk_adjustment_get_upper (across), <=, gtk_adjustment_get_page_size (across));
  gtk_window_destroy (GTK_WINDOW (window));
  sam_gui_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  sam_gui_use_translations ();
  dir = sam_test_make_dir ();
  shots = g_strdup (g_getenv ("SAM_SCREENSHOTS"));
  if (shots == NULL)
    shots = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".", "screenshots", NULL);
  g_mkdir_with_parents (shots, 0755);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *test = g_strdup_printf ("/gui/layout/every-view-fits/%dx%d", sizes[i].width, sizes[i].height);
      g_test_add_data_func (test, &sizes[i], test_every_view_fits);
    }
  g_test_add_func ("/gui/layout/default-size", test_default_size);
  status = g_test_run ();
  sam_test_remove_dir (dir);
  g_free (dir);
  g_free (shots);
  return status;
}
