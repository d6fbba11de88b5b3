#define G_LOG_DOMAIN "sam-text-cell"

#include "config.h"

#include "sam-text-cell.h"

#define LINE "sam-text-cell-line"   /* on a table: its font's line height */

struct _SamTextCell
{
  GtkWidget    parent_instance;

  char        *text;
  PangoLayout *layout;   /* made when first drawn */
  double       fraction; /* a bar before the text, this full; < 0: none */
};

G_DEFINE_FINAL_TYPE (SamTextCell, sam_text_cell, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_TEXT, PROP_FRACTION, N_PROPS };

/* A bar's least width, its height (as libadwaita's progress bars), and
 * the space between it and its text, which is DIGITS digits wide. */
#define BAR_MIN    24
#define BAR_HEIGHT 8
#define BAR_GAP    6
#define DIGITS     5
static GParamSpec *properties[N_PROPS];

/* A table's line height, for the context's serial it was read at. */
typedef struct
{
  guint serial;
  int   height;
  int   digits;   /* the width of DIGITS digits */
} Line;

/* A line of text in @context's font, in pixels: its height and the
 * width of DIGITS digits. */
static void
read_line (PangoContext *context,
           Line         *line)
{
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  int height = pango_font_metrics_get_height (metrics);

  if (height <= 0)
    height = pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics);
  line->height = PANGO_PIXELS_CEIL (height);
  line->digits = PANGO_PIXELS_CEIL (DIGITS * pango_font_metrics_get_approximate_digit_width (metrics));
  pango_font_metrics_unref (metrics);
}

/* A line in the font of the table @self is in (its own font when it is
 * in none), read once for all its cells. */
static Line
table_line (SamTextCell *self)
{
  GtkWidget *table = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_COLUMN_VIEW);
  PangoContext *context;
  Line *line, own;

  if (table == NULL)
    {
      read_line (gtk_widget_get_pango_context (GTK_WIDGET (self)), &own);
      return own;
    }
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
      read_line (context, line);
    }
  return *line;
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
  SamTextCell *self = SAM_TEXT_CELL (widget);

  /* Across: as wide as its column makes it (the text is ellipsized), but
   * for a bar and its number. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = self->fraction < 0 ? 0 : BAR_MIN + BAR_GAP + table_line (self).digits;
  else
    *minimum = *natural = table_line (self).height;
}

/* Draws the bar, @width wide from @x, in the middle of @height, in the
 * colours of libadwaita's progress bars: the accent over a trough of the
 * text's colour, faint. */
static void
snapshot_bar (SamTextCell *self,
              GtkSnapshot *snapshot,
              double       x,
              double       width,
              double       height)
{
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  double filled = width * CLAMP (self->fraction, 0, 1);
  GdkRGBA trough, accent;
  GskRoundedRect bar;

  gtk_style_context_get_color (style, &trough);
  trough.alpha *= 0.15;
  if (!gtk_style_context_lookup_color (style, "accent_bg_color", &accent))
    gdk_rgba_parse (&accent, "#3584e4");
  gsk_rounded_rect_init_from_rect (&bar, &GRAPHENE_RECT_INIT (x, (height - BAR_HEIGHT) / 2, width, BAR_HEIGHT),
                                   BAR_HEIGHT / 2.0);
  gtk_snapshot_push_rounded_clip (snapshot, &bar);
  gtk_snapshot_append_color (snapshot, &trough, &bar.bounds);
  gtk_snapshot_append_color (snapshot, &accent,
                             &GRAPHENE_RECT_INIT (rtl ? x + width - filled : x, bar.bounds.origin.y, filled, BAR_HEIGHT));
  gtk_snapshot_pop (snapshot);
}

static void
sam_text_cell_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  SamTextCell *self = SAM_TEXT_CELL (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  int x = 0, text_width = width;
  PangoRectangle logical;

  if (width <= 0)
    return;
  /* A bar first, the text after it, right-aligned (mirrored when the
   * text runs from right to left). */
  if (self->fraction >= 0)
    {
      gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
      int bar_width;

      text_width = MIN (width, table_line (self).digits);
      bar_width = width - text_width - BAR_GAP;
      if (bar_width > 0)
        snapshot_bar (self, snapshot, rtl ? text_width + BAR_GAP : 0, bar_width, height);
      x = rtl ? 0 : width - text_width;
    }
  if (self->text == NULL || *self->text == '\0')
    return;
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (widget, self->text);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      if (self->fraction >= 0)
        pango_layout_set_alignment (self->layout, PANGO_ALIGN_RIGHT);
    }
  pango_layout_set_width (self->layout, text_width * PANGO_SCALE);
  pango_layout_get_pixel_extents (self->layout, NULL, &logical);
  gtk_snapshot_render_layout (snapshot, gtk_widget_get_style_context (widget), x,
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
  else if (prop_id == PROP_FRACTION)
    g_value_set_double (value, SAM_TEXT_CELL (object)->fraction);
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
  else if (prop_id == PROP_FRACTION)
    sam_text_cell_set_fraction (SAM_TEXT_CELL (object), g_value_get_double (value));
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
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, -1, 1, -1,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
sam_text_cell_init (SamTextCell *self)
{
  self->fraction = -1;
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

/* Draws a bar @fraction full (0 to 1) before the text, which goes to the
 * end of the cell, as a progress bar with its figure beside it; a
 * negative @fraction: no bar. Both are drawn, not built of widgets: a
 * GtkProgressBar with a label in a box cost seven times a text cell to
 * make, in every row of a table. */
void
sam_text_cell_set_fraction (SamTextCell *self,
                            double       fraction)
{
  g_return_if_fail (SAM_IS_TEXT_CELL (self));
  fraction = fraction < 0 ? -1 : MIN (fraction, 1);
  if (self->fraction == fraction)
    return;
  if ((self->fraction < 0) != (fraction < 0))
    {
      g_clear_object (&self->layout);
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  self->fraction = fraction;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}
