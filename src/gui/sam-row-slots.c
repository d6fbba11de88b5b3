#define G_LOG_DOMAIN "sam-row-slots"

#include "config.h"

#include "sam-row-slots.h"

/* A slot: the place of one row, and the item there now. */
struct _SamRowSlot
{
  GObject      parent_instance;

  GObject     *item;
  SamRowSlots *owner;     /* unowned; NULL once the slot is past the end */
  guint        position;
};

G_DEFINE_FINAL_TYPE (SamRowSlot, sam_row_slot, G_TYPE_OBJECT)

enum { SLOT_PROP_0, SLOT_PROP_ITEM, N_SLOT_PROPS };
static GParamSpec *slot_properties[N_SLOT_PROPS];

struct _SamRowSlots
{
  GObject            parent_instance;

  GtkSelectionModel *rows;
  /* The slots that exist (a view or someone else holds them), by
   * position; unowned: a slot leaves it when it is finalized. */
  GHashTable        *slots;
  guint              n_items;
  /* The slots from here on may hold what was at their places before the
   * rows changed (G_MAXUINT: none): a new search comes as many changes in
   * a row, and each slot takes its new row once, after the last. */
  guint              stale_from;
  guint              refresh_id;
};

static void sam_row_slots_list_init      (GListModelInterface        *iface);
static void sam_row_slots_selection_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SamRowSlots, sam_row_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, sam_row_slots_list_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL, sam_row_slots_selection_init))

/* The slot */

/* Puts @item (owned) in @self, telling its cells when it is another. */
static void
slot_set_item (SamRowSlot *self,
               GObject    *item)
{
  if (item == self->item)
    {
      g_clear_object (&item);
      return;
    }
  g_clear_object (&self->item);
  self->item = item;
  g_object_notify_by_pspec (G_OBJECT (self), slot_properties[SLOT_PROP_ITEM]);
}

static void
sam_row_slot_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  if (prop_id == SLOT_PROP_ITEM)
    g_value_set_object (value, SAM_ROW_SLOT (object)->item);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sam_row_slot_finalize (GObject *object)
{
  SamRowSlot *self = SAM_ROW_SLOT (object);

  if (self->owner)
    g_hash_table_remove (self->owner->slots, GUINT_TO_POINTER (self->position));
  g_clear_object (&self->item);
  G_OBJECT_CLASS (sam_row_slot_parent_class)->finalize (object);
}

static void
sam_row_slot_class_init (SamRowSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sam_row_slot_get_property;
  object_class->finalize = sam_row_slot_finalize;
  slot_properties[SLOT_PROP_ITEM] = g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                                                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                                         | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_SLOT_PROPS, slot_properties);
}

static void
sam_row_slot_init (SamRowSlot *self)
{
}

static void refresh (SamRowSlots *self);

/* Returns the item at @self's place now (borrowed), or NULL. */
gpointer
sam_row_slot_get_item (SamRowSlot *self)
{
  g_return_val_if_fail (SAM_IS_ROW_SLOT (self), NULL);
  if (self->owner && self->position >= self->owner->stale_from)
    refresh (self->owner);
  return self->item;
}

/* The list of slots */

static GType
sam_row_slots_get_item_type (GListModel *model)
{
  return SAM_TYPE_ROW_SLOT;
}

static guint
sam_row_slots_get_n_items (GListModel *model)
{
  return SAM_ROW_SLOTS (model)->n_items;
}

static gpointer
sam_row_slots_get_item (GListModel *model,
                        guint       position)
{
  SamRowSlots *self = SAM_ROW_SLOTS (model);
  SamRowSlot *slot;

  if (position >= self->n_items)
    return NULL;
  slot = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (position));
  if (slot)
    return g_object_ref (slot);
  slot = g_object_new (SAM_TYPE_ROW_SLOT, NULL);
  slot->owner = self;
  slot->position = position;
  slot->item = g_list_model_get_item (G_LIST_MODEL (self->rows), position);
  g_hash_table_insert (self->slots, GUINT_TO_POINTER (position), slot);
  return slot;
}

static void
sam_row_slots_list_init (GListModelInterface *iface)
{
  iface->get_item_type = sam_row_slots_get_item_type;
  iface->get_n_items = sam_row_slots_get_n_items;
  iface->get_item = sam_row_slots_get_item;
}

/* Selecting is the rows' own: a slot is selected when its row is. */

static gboolean
sam_row_slots_is_selected (GtkSelectionModel *model,
                           guint              position)
{
  return gtk_selection_model_is_selected (SAM_ROW_SLOTS (model)->rows, position);
}

static GtkBitset *
sam_row_slots_get_selection_in_range (GtkSelectionModel *model,
                                      guint              position,
                                      guint              n_items)
{
  return gtk_selection_model_get_selection_in_range (SAM_ROW_SLOTS (model)->rows, position, n_items);
}

static gboolean
sam_row_slots_select_item (GtkSelectionModel *model,
                           guint              position,
                           gboolean           unselect_rest)
{
  return gtk_selection_model_select_item (SAM_ROW_SLOTS (model)->rows, position, unselect_rest);
}

static gboolean
sam_row_slots_unselect_item (GtkSelectionModel *model,
                             guint              position)
{
  return gtk_selection_model_unselect_item (SAM_ROW_SLOTS (model)->rows, position);
}

static gboolean
sam_row_slots_select_range (GtkSelectionModel *model,
                            guint              position,
                            guint              n_items,
                            gboolean           unselect_rest)
{
  return gtk_selection_model_select_range (SAM_ROW_SLOTS (model)->rows, position, n_items, unselect_rest);
}

static gboolean
sam_row_slots_unselect_range (GtkSelectionModel *model,
                              guint              position,
                              guint              n_items)
{
  return gtk_selection_model_unselect_range (SAM_ROW_SLOTS (model)->rows, position, n_items);
}

static gboolean
sam_row_slots_select_all (GtkSelectionModel *model)
{
  return gtk_selection_model_select_all (SAM_ROW_SLOTS (model)->rows);
}

static gboolean
sam_row_slots_unselect_all (GtkSelectionModel *model)
{
  return gtk_selection_model_unselect_all (SAM_ROW_SLOTS (model)->rows);
}

static gboolean
sam_row_slots_set_selection (GtkSelectionModel *model,
                             GtkBitset         *selected,
                             GtkBitset         *mask)
{
  return gtk_selection_model_set_selection (SAM_ROW_SLOTS (model)->rows, selected, mask);
}

static void
sam_row_slots_selection_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = sam_row_slots_is_selected;
  iface->get_selection_in_range = sam_row_slots_get_selection_in_range;
  iface->select_item = sam_row_slots_select_item;
  iface->unselect_item = sam_row_slots_unselect_item;
  iface->select_range = sam_row_slots_select_range;
  iface->unselect_range = sam_row_slots_unselect_range;
  iface->select_all = sam_row_slots_select_all;
  iface->unselect_all = sam_row_slots_unselect_all;
  iface->set_selection = sam_row_slots_set_selection;
}

/* Gives the stale slots the rows now at their places, and has the views
 * show which of them is selected. */
static void
refresh (SamRowSlots *self)
{
  g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func (g_object_unref);
  guint from = self->stale_from;
  GHashTableIter iter;
  gpointer value;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->stale_from = G_MAXUINT;
  if (from >= self->n_items)
    return;
  /* Held while they change: a cell's update must not finalize one midway. */
  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((SamRowSlot *) value)->position >= from)
      g_ptr_array_add (stale, g_object_ref (value));
  for (guint i = 0; i < stale->len; i++)
    {
      SamRowSlot *slot = stale->pdata[i];

      slot_set_item (slot, g_list_model_get_item (G_LIST_MODEL (self->rows), slot->position));
    }
  gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), from, self->n_items - from);
}

static gboolean
refresh_cb (gpointer data)
{
  SamRowSlots *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* The rows changed from @position on: the slots past the new end leave,
 * the views hear of rows that came or went at the end, and the slots
 * from @position on take their new rows before the next frame (or when
 * asked for their item), once however many changes come before. */
static void
on_rows_changed_cb (GListModel  *rows,
                    guint        position,
                    guint        removed,
                    guint        added,
                    SamRowSlots *self)
{
  guint before = self->n_items, after = before - removed + added;
  GHashTableIter iter;
  gpointer value;

  self->n_items = after;
  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((SamRowSlot *) value)->position >= after)
      {
        ((SamRowSlot *) value)->owner = NULL;
        g_hash_table_iter_remove (&iter);
      }
  if (MIN (before, after) > position)
    {
      self->stale_from = MIN (self->stale_from, position);
      if (self->refresh_id == 0)
        self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH, refresh_cb, self, NULL);
    }
  if (after > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, after - before);
  else if (after < before)
    g_list_model_items_changed (G_LIST_MODEL (self), after, before - after, 0);
}

static void
on_selection_changed_cb (GtkSelectionModel *rows,
                         guint              position,
                         guint              n_items,
                         SamRowSlots       *self)
{
  gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position, n_items);
}

static void
sam_row_slots_dispose (GObject *object)
{
  SamRowSlots *self = SAM_ROW_SLOTS (object);
  GHashTableIter iter;
  gpointer value;

  if (self->rows)
    g_signal_handlers_disconnect_by_data (self->rows, self);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_object (&self->rows);
  if (self->slots)
    {
      g_hash_table_iter_init (&iter, self->slots);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        ((SamRowSlot *) value)->owner = NULL;
      g_clear_pointer (&self->slots, g_hash_table_unref);
    }
  G_OBJECT_CLASS (sam_row_slots_parent_class)->dispose (object);
}

static void
sam_row_slots_class_init (SamRowSlotsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sam_row_slots_dispose;
}

static void
sam_row_slots_init (SamRowSlots *self)
{
  self->slots = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->stale_from = G_MAXUINT;
}

/* Returns slots over @rows (a selection model: its items and its
 * selection), kept current as it changes. */
SamRowSlots *
sam_row_slots_new (GtkSelectionModel *rows)
{
  SamRowSlots *self;

  g_return_val_if_fail (GTK_IS_SELECTION_MODEL (rows), NULL);
  self = g_object_new (SAM_TYPE_ROW_SLOTS, NULL);
  self->rows = g_object_ref (rows);
  self->n_items = g_list_model_get_n_items (G_LIST_MODEL (rows));
  g_signal_connect (rows, "items-changed", G_CALLBACK (on_rows_changed_cb), self);
  g_signal_connect (rows, "selection-changed", G_CALLBACK (on_selection_changed_cb), self);
  return self;
}

/* Returns the selection model beneath @self (borrowed). */
GtkSelectionModel *
sam_row_slots_get_rows (SamRowSlots *self)
{
  g_return_val_if_fail (SAM_IS_ROW_SLOTS (self), NULL);
  return self->rows;
}
