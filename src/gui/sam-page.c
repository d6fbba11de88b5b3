#define G_LOG_DOMAIN "sam-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sam-page.h"
#include "sam-row-slots.h"
#include "models/sam-activity-list.h"
#include "models/sam-node.h"

typedef struct
{
  SamStore  *store;
  GSettings *settings;     /* the person's choices, or NULL */
  gboolean   stale;        /* the store changed while the page was hidden */
  gboolean   reloading;
} SamPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (SamPage, sam_page, GTK_TYPE_WIDGET)

enum {
  SHOW_RECORD,
  ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_store_changed_cb (SamPage *self)
{
  sam_page_refresh (self);
}

/* Shows the data again: at once when the page is shown, else when it is
 * next shown. For a page whose data changed otherwise than by the store,
 * as when another period is chosen. */
void
sam_page_refresh (SamPage *self)
{
  SamPagePrivate *priv;

  g_return_if_fail (SAM_IS_PAGE (self));
  priv = sam_page_get_instance_private (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    sam_page_reload (self);
  else
    priv->stale = TRUE;
}

static void
sam_page_map (GtkWidget *widget)
{
  SamPagePrivate *priv = sam_page_get_instance_private (SAM_PAGE (widget));

  GTK_WIDGET_CLASS (sam_page_parent_class)->map (widget);
  if (priv->stale)
    sam_page_reload (SAM_PAGE (widget));
}

static void
sam_page_dispose (GObject *object)
{
  SamPage *self = SAM_PAGE (object);
  SamPagePrivate *priv = sam_page_get_instance_private (self);
  GtkWidget *child;

  if (priv->store)
    g_signal_handlers_disconnect_by_data (priv->store, self);
  g_clear_object (&priv->store);
  g_clear_object (&priv->settings);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (sam_page_parent_class)->dispose (object);
}

static gboolean
default_select_record (SamPage   *self,
                       SamRecord *record)
{
  return FALSE;
}

static void
default_fill_place (SamPage     *self,
                    SamNewPlace *place)
{
}

static SamRecord *
default_get_selected (SamPage *self)
{
  return NULL;
}

/* The selection model of the list or table (or tree) @widget is in. */
static GtkSingleSelection *
list_of (GtkWidget *widget,
         GtkWidget *page)
{
  for (GtkWidget *w = widget; w && w != page; w = gtk_widget_get_parent (w))
    {
      GtkSelectionModel *model = GTK_IS_LIST_VIEW (w) ? gtk_list_view_get_model (GTK_LIST_VIEW (w))
                                 : GTK_IS_COLUMN_VIEW (w) ? gtk_column_view_get_model (GTK_COLUMN_VIEW (w))
                                 : NULL;

      if (SAM_IS_ROW_SLOTS (model))
        model = sam_row_slots_get_rows (SAM_ROW_SLOTS (model));
      if (GTK_IS_SINGLE_SELECTION (model))
        return GTK_SINGLE_SELECTION (model);
    }
  return NULL;
}

/* The Delete key in a list: deletes what is selected in that list (after
 * showing it), not what the editor happened to show. */
static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SamPage *self = SAM_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkSingleSelection *list = focus ? list_of (focus, widget) : NULL;
  g_autoptr(SamRecord) record = NULL;

  if (list == NULL)
    return;
  record = sam_page_record_for_item (self, gtk_single_selection_get_selected_item (list));
  if (record == NULL)
    return;
  sam_page_show_record (self, record);
  gtk_widget_activate_action (widget, "win.delete", NULL);
}

static void
sam_page_class_init (SamPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_page_dispose;
  widget_class->map = sam_page_map;
  klass->select_record = default_select_record;
  klass->fill_place = default_fill_place;
  klass->get_selected = default_get_selected;
  gtk_widget_class_install_action (widget_class, "page.delete-selected", NULL, delete_selected_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  /**
   * SamPage::show-record:
   * @record: (nullable): what to show in the editor, or %NULL for nothing
   *
   * The page asks for @record in the window's editor.
   */
  signals[SHOW_RECORD] = g_signal_new ("show-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, SAM_TYPE_RECORD);
  /**
   * SamPage::add-toast:
   * @toast: the toast to show; the handler takes a reference of its own
   */
  signals[ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);
}

static void
sam_page_init (SamPage *self)
{
}

SamStore *
sam_page_get_store (SamPage *self)
{
  SamPagePrivate *priv = sam_page_get_instance_private (self);

  g_return_val_if_fail (SAM_IS_PAGE (self), NULL);
  return priv->store;
}

/* Shows @store (or nothing, with NULL) from now on, following its changes. */
void
sam_page_set_store (SamPage  *self,
                    SamStore *store)
{
  SamPagePrivate *priv = sam_page_get_instance_private (self);

  g_return_if_fail (SAM_IS_PAGE (self));
  if (priv->store)
    g_signal_handlers_disconnect_by_data (priv->store, self);
  g_set_object (&priv->store, store);
  if (store == NULL)
    return;
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  priv->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    sam_page_reload (self);
}

/* Gives @self the settings it keeps the person's choices in (how its
 * tables are sorted, which columns they show), once; NULL keeps none. */
void
sam_page_set_settings (SamPage   *self,
                       GSettings *settings)
{
  SamPagePrivate *priv = sam_page_get_instance_private (self);

  g_return_if_fail (SAM_IS_PAGE (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));
  g_return_if_fail (priv->settings == NULL);
  if (settings == NULL)
    return;
  priv->settings = g_object_ref (settings);
  if (SAM_PAGE_GET_CLASS (self)->use_settings)
    SAM_PAGE_GET_CLASS (self)->use_settings (self, settings);
}

/* Returns TRUE while the page reloads: selections it makes then are its
 * own, not a person's, and must not move the editor. */
gboolean
sam_page_is_reloading (SamPage *self)
{
  SamPagePrivate *priv = sam_page_get_instance_private (self);

  g_return_val_if_fail (SAM_IS_PAGE (self), FALSE);
  return priv->reloading;
}

/* Shows the store's data now. */
void
sam_page_reload (SamPage *self)
{
  SamPagePrivate *priv = sam_page_get_instance_private (self);

  g_return_if_fail (SAM_IS_PAGE (self));
  priv->stale = FALSE;
  if (priv->store == NULL || SAM_PAGE_GET_CLASS (self)->reload == NULL)
    return;
  priv->reloading = TRUE;
  SAM_PAGE_GET_CLASS (self)->reload (self);
  priv->reloading = FALSE;
}

gboolean
sam_page_select_record (SamPage   *self,
                        SamRecord *record)
{
  g_return_val_if_fail (SAM_IS_PAGE (self), FALSE);
  g_return_val_if_fail (SAM_IS_RECORD (record), FALSE);
  return SAM_PAGE_GET_CLASS (self)->select_record (self, record);
}

void
sam_page_fill_place (SamPage     *self,
                     SamNewPlace *place)
{
  g_return_if_fail (SAM_IS_PAGE (self));
  SAM_PAGE_GET_CLASS (self)->fill_place (self, place);
}

void
sam_page_unselect (SamPage *self)
{
  g_return_if_fail (SAM_IS_PAGE (self));
  if (SAM_PAGE_GET_CLASS (self)->unselect)
    SAM_PAGE_GET_CLASS (self)->unselect (self);
}

/* Returns the record the page has selected (the row that a person sees
 * highlighted), or NULL. */
SamRecord *
sam_page_get_selected (SamPage *self)
{
  g_return_val_if_fail (SAM_IS_PAGE (self), NULL);
  return SAM_PAGE_GET_CLASS (self)->get_selected (self);
}

/* Returns the record a list's @item stands for (a tree row, a node, an
 * activity row or a record), or NULL for a heading or nothing. */
SamRecord *
sam_page_record_for_item (SamPage  *self,
                          gpointer  item)
{
  g_autoptr(GObject) inner = NULL;

  g_return_val_if_fail (SAM_IS_PAGE (self), NULL);
  if (item == NULL)
    return NULL;
  if (SAM_IS_ROW_SLOT (item))
    item = sam_row_slot_get_item (item);
  if (GTK_IS_TREE_LIST_ROW (item))
    item = inner = gtk_tree_list_row_get_item (item);
  if (SAM_IS_NODE (item))
    item = sam_node_get_record (item);
  if (SAM_IS_RECORD (item))
    return g_object_ref (item);
  if (SAM_IS_ACTIVITY_ROW (item) && sam_page_get_store (self))
    return sam_store_get (sam_page_get_store (self), SAM_KIND_ACTIVITY, sam_activity_row_get_id (item), NULL);
  return NULL;
}

/* A list's "activate" (Enter, a double click): shows the row's record,
 * also when it is the row already selected. */
void
sam_page_activate_cb (GtkWidget *list,
                      guint      position,
                      SamPage   *self)
{
  GtkSelectionModel *model = GTK_IS_LIST_VIEW (list) ? gtk_list_view_get_model (GTK_LIST_VIEW (list))
                                                     : gtk_column_view_get_model (GTK_COLUMN_VIEW (list));
  g_autoptr(GObject) item = model ? g_list_model_get_item (G_LIST_MODEL (model), position) : NULL;
  g_autoptr(SamRecord) record = sam_page_record_for_item (self, item);

  if (record)
    sam_page_show_record (self, record);
}

gboolean
sam_page_uses_editor (SamPage *self)
{
  g_return_val_if_fail (SAM_IS_PAGE (self), FALSE);
  return SAM_PAGE_GET_CLASS (self)->uses_editor;
}

/* Asks the window to show @record (NULL: nothing) in its editor, unless
 * the page is only reloading. */
void
sam_page_show_record (SamPage   *self,
                      SamRecord *record)
{
  g_return_if_fail (SAM_IS_PAGE (self));
  if (!sam_page_is_reloading (self))
    g_signal_emit (self, signals[SHOW_RECORD], 0, record);
}

void
sam_page_add_toast (SamPage  *self,
                    AdwToast *toast)
{
  g_return_if_fail (SAM_IS_PAGE (self));
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

/* Shows @message a moment at the foot of the window. */
void
sam_page_toast (SamPage    *self,
                const char *message)
{
  g_autoptr(AdwToast) toast = adw_toast_new (message);

  sam_page_add_toast (self, toast);
}

/* Shows a dialog that says what went wrong, over the window. */
void
sam_page_show_error (SamPage    *self,
                     const char *heading,
                     const char *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Returns the page's template child @name (bound by its class), for tests
 * and for the window's keyboard shortcuts; NULL when there is none. */
GtkWidget *
sam_page_get_part (SamPage    *self,
                   const char *name)
{
  g_return_val_if_fail (SAM_IS_PAGE (self), NULL);

  /* The template may be a parent class's. */
  for (GType type = G_OBJECT_TYPE (self); type != SAM_TYPE_PAGE; type = g_type_parent (type))
    {
      GObject *part = gtk_widget_get_template_child (GTK_WIDGET (self), type, name);

      if (GTK_IS_WIDGET (part))
        return GTK_WIDGET (part);
    }
  return NULL;
}
