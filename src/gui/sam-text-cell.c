#define G_LOG_DOMAIN "sam-text-cell"

#include "config.h"

#include "sam-text-cell.h"

#define LINE "sam-text-cell-line"   /* on a table: its font's line height */

struct _SamTextCell
{
  GtkWidget    parent_instance;

  char        *text;
  PangoLayout *layout;   /* made when first drawn */
};

G_DEFINE_FINAL_TYPE (SamTextCell, sam_text_cell, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_TEXT, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* A table's line height, for the context's serial it was read at. */
typedef struct
{
  guint serial;
  int   height;
} Line;

/* The height of a line of text in @context's font, in pixels. */
static int
line_height (PangoContext *context)
{
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  int height = pango_font_metrics_get_height (metrics);

  if (height <= 0)
    height = pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics);
  pango_font_metrics_unref (metrics);
  return PANGO_PIXELS_CEIL (height);
}

/* The height of one line in the font of the table @self is in (its own
 * font when it is in none), read once for all its cells. */
static int
table_line_height (SamTextCell *self)
{
  GtkWidget *table = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_COLUMN_VIEW);
  PangoContext *context;
  Line *line;

  if (table == NULL)
    return line_height (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  context = gtk_widget_get_pango_context (table);
  line = g_object_get_data (G_OBJECT (table), LINE);
  if (line == NULL)
    {
      line = g_new0 (Line, 1);
      g_object_set_data_full (G_OBJECT (table), LINE, line, g_free);
    }
  if (line->height == 0 || line->serial != pango_context_get_serial (context))
    {
      line->serial = pango_context_get_serial (context);
      line->height = line_height (context);
    }
  return line->height;
}

static void
sam_text_cell_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  /* Across: as wide as its column makes it (the text is ellipsized). */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = 0;
  else
    *minimum = *natural = table_line_height (SAM_TEXT_CELL (widget));
}

static void
sam_text_cell_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  SamTextCell *self = SAM_TEXT_CELL (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  PangoRectangle logical;

  if (self->text == NULL || *self->text == '\0' || width <= 0)
    return;
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (widget, self->text);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
    }
  pango_layout_set_width (self->layout, width * PANGO_SCALE);
  pango_layout_get_pixel_extents (self->layout, NULL, &logical);
  gtk_snapshot_render_layout (snapshot, gtk_widget_get_style_context (widget), 0,
                              (height - logical.height) / 2.0, self->layout);
}

/* The layout follows the widget's font and direction when they change. */
static void
sam_text_cell_direction_changed (GtkWidget        *widget,
                                 GtkTextDirection  previous)
{
  g_clear_object (&SAM_TEXT_CELL (widget)->layout);
  GTK_WIDGET_CLASS (sam_text_cell_parent_class)->direction_changed (widget, previous);
}

static void
sam_text_cell_system_setting_changed (GtkWidget        *widget,
                                      GtkSystemSetting  setting)
{
  g_clear_object (&SAM_TEXT_CELL (widget)->layout);
  gtk_widget_queue_resize (widget);
  GTK_WIDGET_CLASS (sam_text_cell_parent_class)->system_setting_changed (widget, setting);
}

static void
sam_text_cell_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  if (prop_id == PROP_TEXT)
    g_value_set_string (value, SAM_TEXT_CELL (object)->text);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sam_text_cell_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  if (prop_id == PROP_TEXT)
    sam_text_cell_set_text (SAM_TEXT_CELL (object), g_value_get_string (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sam_text_cell_finalize (GObject *object)
{
  SamTextCell *self = SAM_TEXT_CELL (object);

  g_clear_object (&self->layout);
  g_clear_pointer (&self->text, g_free);
  G_OBJECT_CLASS (sam_text_cell_parent_class)->finalize (object);
}

static void
sam_text_cell_class_init (SamTextCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sam_text_cell_finalize;
  object_class->get_property = sam_text_cell_get_property;
  object_class->set_property = sam_text_cell_set_property;
  widget_class->measure = sam_text_cell_measure;
  widget_class->snapshot = sam_text_cell_snapshot;
  widget_class->direction_changed = sam_text_cell_direction_changed;
  widget_class->system_setting_changed = sam_text_cell_system_setting_changed;
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
sam_text_cell_init (SamTextCell *self)
{
}

/* Returns a cell that shows no text yet. */
GtkWidget *
sam_text_cell_new (void)
{
  return g_object_new (SAM_TYPE_TEXT_CELL, NULL);
}

const char *
sam_text_cell_get_text (SamTextCell *self)
{
  g_return_val_if_fail (SAM_IS_TEXT_CELL (self), NULL);
  return self->text;
}

/* Shows @text (NULL: none) on one line, ellipsized at the end; names the
 * cell so for assistive technologies. */
void
sam_text_cell_set_text (SamTextCell *self,
                        const char  *text)
{
  g_return_if_fail (SAM_IS_TEXT_CELL (self));
  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  if (self->layout)
    pango_layout_set_text (self->layout, text ? text : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text ? text : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}
