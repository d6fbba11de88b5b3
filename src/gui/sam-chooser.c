#define G_LOG_DOMAIN "sam-chooser"

#include "config.h"

#include "sam-chooser.h"
#include "sam-search.h"
#include "models/sam-choice.h"

struct _SamChooser
{
  GtkPopover       parent_instance;

  GtkSearchEntry  *search_entry;
  GtkListView     *list_view;
  GtkLabel        *hint_label;

  GListStore      *choices;
  GtkCustomFilter *filter;
  char            *query;      /* what is typed in the search */
  gboolean         allow_new;
};

G_DEFINE_FINAL_TYPE (SamChooser, sam_chooser, GTK_TYPE_POPOVER)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
on_selected_notify_cb (SamChooser *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
setup_item_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *check = gtk_check_button_new ();

  gtk_widget_set_margin_top (check, 2);
  gtk_widget_set_margin_bottom (check, 2);
  gtk_list_item_set_child (item, check);
}

static void
bind_item_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  SamChoice *choice = gtk_list_item_get_item (item);
  GtkWidget *check = gtk_list_item_get_child (item);
  GBinding *binding;

  gtk_check_button_set_label (GTK_CHECK_BUTTON (check), sam_choice_get_title (choice));
  binding = g_object_bind_property (choice, "selected", check, "active",
                                    G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (check), "binding", binding);
}

static void
unbind_item_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *check = gtk_list_item_get_child (item);
  GBinding *binding = g_object_get_data (G_OBJECT (check), "binding");

  if (binding)
    g_binding_unbind (binding);
  g_object_set_data (G_OBJECT (check), "binding", NULL);
}

static gboolean
match_cb (gpointer    item,
          SamChooser *self)
{
  return sam_search_item_matches (item, self->query);
}

static void
on_search_changed_cb (SamChooser *self)
{
  g_free (self->query);
  self->query = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Escape in the search closes the chooser, as it closes any popover. */
static void
on_stop_search_cb (SamChooser *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
on_search_activate_cb (SamChooser *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autoptr(SamChoice) choice = NULL;

  if (!self->allow_new || *text == '\0' || self->choices == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->choices)); i++)
    {
      g_autoptr(SamChoice) c = g_list_model_get_item (G_LIST_MODEL (self->choices), i);
      if (g_utf8_collate (sam_choice_get_title (c), text) == 0)
        {
          sam_choice_set_selected (c, TRUE);
          gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
          return;
        }
    }
  choice = sam_choice_new (0, text, FALSE);
  g_signal_connect_object (choice, "notify::selected", G_CALLBACK (on_selected_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_list_store_append (self->choices, choice);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  sam_choice_set_selected (choice, TRUE);
}

static void
sam_chooser_dispose (GObject *object)
{
  SamChooser *self = SAM_CHOOSER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SAM_TYPE_CHOOSER);
  g_clear_object (&self->choices);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->query, g_free);
  G_OBJECT_CLASS (sam_chooser_parent_class)->dispose (object);
}

static void
sam_chooser_class_init (SamChooserClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sam_chooser_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, SamChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SamChooser, list_view);
  gtk_widget_class_bind_template_child (widget_class, SamChooser, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
}

static void
sam_chooser_init (SamChooser *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_item_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_item_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  self->filter = gtk_custom_filter_new ((GtkCustomFilterFunc) match_cb, self, NULL);
}

SamChooser *
sam_chooser_new (void)
{
  return g_object_new (SAM_TYPE_CHOOSER, NULL);
}

/* Shows @choices (a GListStore of SamChoice); with @allow_new, Enter in
 * the search adds the typed text as a new, chosen item. */
void
sam_chooser_set_choices (SamChooser *self,
                         GListStore *choices,
                         gboolean    allow_new)
{
  GtkFilterListModel *filtered;
  GtkNoSelection *selection;

  g_return_if_fail (SAM_IS_CHOOSER (self));
  g_return_if_fail (G_IS_LIST_STORE (choices));

  g_set_object (&self->choices, choices);
  self->allow_new = allow_new;
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), allow_new);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (choices)); i++)
    {
      g_autoptr(SamChoice) c = g_list_model_get_item (G_LIST_MODEL (choices), i);
      g_signal_connect_object (c, "notify::selected", G_CALLBACK (on_selected_notify_cb),
                               self, G_CONNECT_SWAPPED);
    }
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (choices)),
                                        g_object_ref (GTK_FILTER (self->filter)));
  selection = gtk_no_selection_new (G_LIST_MODEL (filtered));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Returns the choices (borrowed), in the order shown. */
GListStore *
sam_chooser_get_choices (SamChooser *self)
{
  g_return_val_if_fail (SAM_IS_CHOOSER (self), NULL);
  return self->choices;
}
