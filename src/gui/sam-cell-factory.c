#define G_LOG_DOMAIN "sam-cell-factory"

#include "config.h"

#include "sam-cell-factory.h"
#include "sam-row-slots.h"
#include "sam-text-cell.h"

/* What a factory binds: the item's type and the properties shown. */
typedef struct
{
  GType  item_type;
  char  *first;          /* a text, or a progress's fraction */
  char  *second;         /* a progress's text, or NULL */
  gboolean in_slots;     /* the list's items are SamRowSlots holding them */
} Cell;

#define CELL "sam-cell-factory-cell"

static void
cell_free (gpointer  data,
           GClosure *closure)
{
  Cell *cell = data;

  g_free (cell->first);
  g_free (cell->second);
  g_free (cell);
}

/* Keeps @widget's @target property the item's @property while @list_item
 * shows it (and, in a slot, while the slot holds it). */
static void
bind_property (GtkListItem *list_item,
               const Cell  *cell,
               const char  *property,
               GtkWidget   *widget,
               const char  *target)
{
  GtkExpression *item = gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item");
  g_autoptr(GtkExpression) value = NULL;

  if (cell->in_slots)
    item = gtk_property_expression_new (SAM_TYPE_ROW_SLOT, item, "item");
  value = gtk_property_expression_new (cell->item_type, item, property);

  gtk_expression_bind (g_steal_pointer (&value), widget, target, list_item);
}

/* A text cell is a SamTextCell: a table builds up to 200 rows, most out
 * of sight, and a search that brings new rows in builds every cell of
 * them; a SamTextCell is measured by its table's font, read once, and
 * lays its text out only to draw it (a GtkLabel lays it out to be
 * measured, a GtkInscription makes a Pango context of its own). */
static void
setup_text_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               Cell                     *cell)
{
  GtkWidget *text = sam_text_cell_new ();

  gtk_list_item_set_child (list_item, text);
  bind_property (list_item, cell, cell->first, text, "text");
}

static void
setup_progress_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   Cell                     *cell)
{
  GtkWidget *bar = sam_text_cell_new ();

  /* The text beside the bar, not on it: a row is then one line of text
   * high, as the rows of a table pinned beside this one are
   * (sam_table_pin()). */
  sam_text_cell_set_fraction (SAM_TEXT_CELL (bar), 0);
  gtk_list_item_set_child (list_item, bar);
  bind_property (list_item, cell, cell->first, bar, "fraction");
  bind_property (list_item, cell, cell->second, bar, "text");
}

static GtkListItemFactory *
factory_new (GType       item_type,
             const char *first,
             const char *second,
             GCallback   setup)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  Cell *cell = g_new0 (Cell, 1);

  cell->item_type = item_type;
  cell->first = g_strdup (first);
  cell->second = g_strdup (second);
  g_signal_connect_data (factory, "setup", setup, cell, cell_free, 0);
  g_object_set_data (G_OBJECT (factory), CELL, cell);
  return factory;
}

/* Returns a factory of cells that show the string property @property of
 * items of @item_type as one line, ellipsized (a SamTextCell). */
GtkListItemFactory *
sam_cell_factory_new_text (GType       item_type,
                           const char *property)
{
  g_return_val_if_fail (property != NULL, NULL);
  return factory_new (item_type, property, NULL, G_CALLBACK (setup_text_cb));
}

/* Returns a factory of cells that show a progress bar: the double
 * property @fraction (0–1) of items of @item_type, with the string
 * property @text on it. */
GtkListItemFactory *
sam_cell_factory_new_progress (GType       item_type,
                               const char *fraction,
                               const char *text)
{
  g_return_val_if_fail (fraction != NULL && text != NULL, NULL);
  return factory_new (item_type, fraction, text, G_CALLBACK (setup_progress_cb));
}

/* Makes @factory (of this file) show the items that the list's
 * SamRowSlots hold, rather than the list's items themselves. Before the
 * factory makes its first cell. */
void
sam_cell_factory_through_slots (GtkListItemFactory *factory)
{
  Cell *cell;

  g_return_if_fail (GTK_IS_LIST_ITEM_FACTORY (factory));
  cell = g_object_get_data (G_OBJECT (factory), CELL);
  g_return_if_fail (cell != NULL);
  cell->in_slots = TRUE;
}
