#define G_LOG_DOMAIN "sam-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sam-window.h"
#include "models/sam-details.h"

struct _SamWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkButton            *back_button;
  GtkStack             *content_stack;
  AdwStatusPage        *error_page;
  GtkListView          *sidebar_view;
  GtkListView          *tree_view;
  GtkStack             *details_stack;
  GtkLabel             *details_kind;
  GtkLabel             *details_title;
  GtkListView          *details_list;

  SamStore             *store;
  GCancellable         *cancellable;
  char                 *error;          /* the last open error, for the error page */
  SamView               view;
  GtkSingleSelection   *rows;           /* over a GtkTreeListModel of SamNode */
  SamRecord            *shown;          /* the record in the details pane */
  GListModel           *details;
  GPtrArray            *history;        /* records shown before, for Back */
};

G_DEFINE_FINAL_TYPE (SamWindow, sam_window, ADW_TYPE_APPLICATION_WINDOW)

/* Helpers */

static GSettings *
settings (SamWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app ? sam_application_get_settings (SAM_APPLICATION (app)) : NULL;
}

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  return sam_node_get_children (SAM_NODE (item));
}

static void
update_back (SamWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", self->history->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), self->history->len > 0);
}

static void
show_details (SamWindow *self,
              SamRecord *record)
{
  g_autofree char *title = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  g_set_object (&self->shown, record);
  g_clear_object (&self->details);
  if (record == NULL)
    {
      gtk_stack_set_visible_child_name (self->details_stack, "empty");
      gtk_list_view_set_model (self->details_list, NULL);
      return;
    }
  title = sam_tree_describe (record);
  gtk_label_set_text (self->details_title, title);
  gtk_label_set_text (self->details_kind,
                      g_dgettext (GETTEXT_PACKAGE, sam_kind_get_info (sam_record_get_kind (record))->label));
  self->details = sam_details_new (self->store, record);
  selection = gtk_no_selection_new (g_object_ref (self->details));
  gtk_list_view_set_model (self->details_list, GTK_SELECTION_MODEL (selection));
  gtk_stack_set_visible_child_name (self->details_stack, "details");
}

/* Callbacks */

static void
on_row_selected_cb (SamWindow          *self,
                    GParamSpec         *pspec,
                    GtkSingleSelection *rows)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (rows);
  SamNode *node = row ? gtk_tree_list_row_get_item (row) : NULL;

  g_ptr_array_set_size (self->history, 0);
  update_back (self);
  show_details (self, node ? sam_node_get_record (node) : NULL);
  g_clear_object (&node);
}

static void
on_tree_activate_cb (GtkListView *view,
                     guint        position,
                     SamWindow   *self)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  if (row && gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

static gboolean
on_detail_link_cb (GtkLabel   *label,
                   const char *uri,
                   gpointer    user_data)
{
  SamWindow *self = SAM_WINDOW (gtk_widget_get_root (GTK_WIDGET (label)));
  g_autoptr(SamRecord) target = NULL;
  g_autoptr(GError) error = NULL;
  SamKind kind;
  gint64 id;

  if (!sam_details_parse_link (uri, &kind, &id))
    return FALSE;
  if (!(target = sam_store_get (self->store, kind, id, &error)))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return TRUE;
    }
  sam_window_show_record (self, target);
  return TRUE;
}

static void
on_sidebar_selected_cb (SamWindow          *self,
                        GParamSpec         *pspec,
                        GtkSingleSelection *selection)
{
  guint view = gtk_single_selection_get_selected (selection);

  if (view < SAM_N_VIEWS && self->store)
    sam_window_show_view (self, (SamView) view);
}

static void
set_store (SamWindow *self,
           SamStore  *store)
{
  g_autofree char *name = g_path_get_basename (sam_store_get_path (store));
  GSettings *s = settings (self);
  SamView view = s ? sam_view_from_name (g_settings_get_string (s, "last-view")) : SAM_VIEW_STRATEGY;
  GtkSelectionModel *sidebar = gtk_list_view_get_model (self->sidebar_view);

  g_set_object (&self->store, store);
  adw_window_title_set_subtitle (self->window_title, name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), sam_store_get_path (store));
  gtk_stack_set_visible_child_name (self->content_stack, "browse");
  if (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (sidebar)) != view)
    gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (sidebar), view);
  else
    sam_window_show_view (self, view);
  gtk_widget_grab_focus (GTK_WIDGET (self->tree_view));
}

static void
on_error_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      SamWindow        *self)
{
  if (g_strcmp0 (response, "open") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open", NULL);
}

static void
show_open_error (SamWindow    *self,
                 const GError *error)
{
  GtkWidget *dialog;

  g_free (self->error);
  self->error = g_strdup (error->message);
  adw_status_page_set_description (self->error_page, error->message);
  if (self->store == NULL)
    gtk_stack_set_visible_child_name (self->content_stack, "error");

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Database Could Not Be Opened"), error->message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "open", _("_Open Another File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  g_signal_connect (dialog, "response", G_CALLBACK (on_error_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_store_opened_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SamWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) store = sam_store_open_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (store == NULL)
    {
      show_open_error (self, error);
      return;
    }
  g_clear_pointer (&self->error, g_free);
  set_store (self, store);
}

static void
on_file_chosen_cb (GtkNativeDialog *dialog,
                   int              response,
                   SamWindow       *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog)))
      && (path = g_file_get_path (file)))
    sam_window_open_database (self, path);
  g_object_unref (dialog);
}

static void
choose_file (SamWindow            *self,
             GtkFileChooserAction  action)
{
  gboolean create = action == GTK_FILE_CHOOSER_ACTION_SAVE;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) db_filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (create ? _("New Database") : _("Open Database"),
                                         GTK_WINDOW (self), action,
                                         create ? _("_Create") : _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (db_filter, _("Samordna databases"));
  gtk_file_filter_add_pattern (db_filter, "*.db");
  gtk_file_filter_add_pattern (db_filter, "*.sqlite");
  gtk_file_filter_add_pattern (db_filter, "*.samordna");
  gtk_file_filter_set_name (all_filter, _("All files"));
  gtk_file_filter_add_pattern (all_filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), db_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all_filter);
  if (create)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("plan.db"));
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
on_close_request_cb (GtkWindow *window,
                     gpointer   user_data)
{
  SamWindow *self = SAM_WINDOW (window);
  GSettings *s = settings (self);
  int width, height;

  if (s == NULL)
    return FALSE;
  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (s, "window-width", width);
  g_settings_set_int (s, "window-height", height);
  g_settings_set_boolean (s, "window-maximized", gtk_window_is_maximized (window));
  g_settings_set_string (s, "last-view", sam_view_get_name (self->view));
  return FALSE;
}

/* Actions */

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  choose_file (SAM_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  choose_file (SAM_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);
  g_autoptr(SamRecord) previous = NULL;

  if (self->history->len == 0)
    return;
  previous = g_ptr_array_steal_index (self->history, self->history->len - 1);
  show_details (self, previous);
  update_back (self);
}

static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);
  GtkSelectionModel *sidebar = gtk_list_view_get_model (self->sidebar_view);
  SamView view = sam_view_from_name (g_variant_get_string (parameter, NULL));

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (sidebar), view);
}

/* Overrides */

static void
sam_window_dispose (GObject *object)
{
  SamWindow *self = SAM_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SAM_TYPE_WINDOW);
  g_clear_object (&self->rows);
  g_clear_object (&self->details);
  g_clear_object (&self->shown);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (sam_window_parent_class)->dispose (object);
}

static void
sam_window_class_init (SamWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_window_dispose;

  g_type_ensure (SAM_TYPE_NODE);
  g_type_ensure (SAM_TYPE_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SamWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, sidebar_view);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, tree_view);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, details_stack);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, details_kind);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, details_title);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, details_list);
  gtk_widget_class_bind_template_callback (widget_class, on_tree_activate_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.view", "s", view_action);

  for (guint v = 0; v < SAM_N_VIEWS; v++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + v, GDK_ALT_MASK,
                                         "win.view", "s", sam_view_get_name (v));
}

static GtkListItemFactory *
details_factory (void)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();

  gtk_builder_cscope_add_callback_symbol (GTK_BUILDER_CSCOPE (scope), "on_detail_link_cb",
                                          G_CALLBACK (on_detail_link_cb));
  return gtk_builder_list_item_factory_new_from_resource (scope, RESOURCE_PREFIX "/sam-detail-row.ui");
}

static void
sam_window_init (SamWindow *self)
{
  g_autoptr(GtkStringList) views = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = details_factory ();
  GtkSingleSelection *sidebar;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->history = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_list_view_set_factory (self->details_list, factory);

  for (guint v = 0; v < SAM_N_VIEWS; v++)
    gtk_string_list_append (views, sam_view_get_title (v));
  sidebar = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (views)));
  gtk_single_selection_set_autoselect (sidebar, TRUE);
  g_signal_connect_object (sidebar, "notify::selected", G_CALLBACK (on_sidebar_selected_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->sidebar_view, GTK_SELECTION_MODEL (sidebar));
  g_object_unref (sidebar);

  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request_cb), NULL);
  update_back (self);
}

/* Public API */

SamWindow *
sam_window_new (SamApplication *application)
{
  SamWindow *self = g_object_new (SAM_TYPE_WINDOW, "application", application, NULL);
  GSettings *s = settings (self);

  if (s)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (s, "window-width"),
                                   g_settings_get_int (s, "window-height"));
      if (g_settings_get_boolean (s, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  return self;
}

/* Opens @path in the background and shows it; failures show a dialog that
 * says what is wrong. For the default path the folder is made first. */
void
sam_window_open_database (SamWindow  *self,
                          const char *path)
{
  g_autofree char *default_path = sam_store_default_path ();

  g_return_if_fail (SAM_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (g_strcmp0 (path, default_path) == 0)
    {
      g_autofree char *folder = g_path_get_dirname (path);
      g_mkdir_with_parents (folder, 0700);
    }
  if (self->store == NULL)
    gtk_stack_set_visible_child_name (self->content_stack, "loading");
  sam_store_open_async (path, self->cancellable, on_store_opened_cb, g_object_ref (self));
}

SamStore *
sam_window_get_store (SamWindow *self)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), NULL);
  return self->store;
}

/* Shows @view's tree; the strategy opens its first level. */
void
sam_window_show_view (SamWindow *self,
                      SamView    view)
{
  g_autoptr(GListModel) roots = NULL;
  GtkTreeListModel *tree;

  g_return_if_fail (SAM_IS_WINDOW (self));
  g_return_if_fail (self->store != NULL);

  self->view = view;
  roots = sam_tree_new_roots (self->store, view);
  tree = gtk_tree_list_model_new (g_steal_pointer (&roots), FALSE, FALSE, create_children_cb, NULL, NULL);
  g_clear_object (&self->rows);
  self->rows = gtk_single_selection_new (G_LIST_MODEL (tree));
  gtk_single_selection_set_autoselect (self->rows, FALSE);
  gtk_single_selection_set_can_unselect (self->rows, TRUE);
  gtk_single_selection_set_selected (self->rows, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->rows, "notify::selected-item", G_CALLBACK (on_row_selected_cb),
                           self, G_CONNECT_SWAPPED);
  if (view == SAM_VIEW_STRATEGY || view == SAM_VIEW_TARGET_GROUPS)
    for (guint i = g_list_model_get_n_items (G_LIST_MODEL (tree)); i > 0; i--)
      {
        g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (tree, i - 1);
        if (gtk_tree_list_row_get_depth (row) == 0)
          gtk_tree_list_row_set_expanded (row, TRUE);
      }
  gtk_list_view_set_model (self->tree_view, GTK_SELECTION_MODEL (self->rows));
  g_ptr_array_set_size (self->history, 0);
  update_back (self);
  show_details (self, NULL);
}

/* Shows @record in the details pane, remembering what was shown for Back. */
void
sam_window_show_record (SamWindow *self,
                        SamRecord *record)
{
  g_return_if_fail (SAM_IS_WINDOW (self));
  g_return_if_fail (SAM_IS_RECORD (record));

  if (self->shown)
    g_ptr_array_add (self->history, g_object_ref (self->shown));
  show_details (self, record);
  update_back (self);
}

GListModel *
sam_window_get_rows (SamWindow *self)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->rows);
}

SamRecord *
sam_window_get_shown_record (SamWindow *self)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), NULL);
  return self->shown;
}

GListModel *
sam_window_get_details (SamWindow *self)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), NULL);
  return self->details;
}

const char *
sam_window_get_error (SamWindow *self)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), NULL);
  return self->error;
}

/* Returns "loading", "error" or "browse". */
const char *
sam_window_get_page (SamWindow *self)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->content_stack);
}
