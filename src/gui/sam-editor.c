#define G_LOG_DOMAIN "sam-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sam-editor.h"
#include "models/sam-details.h"
#include "models/sam-tree.h"
#include "store/sam-rules.h"
#include "store/sam-seminars.h"

#include <adwaita.h>

struct _SamEditor
{
  GtkWidget     parent_instance;

  GtkStack     *stack;
  GtkLabel     *kind_label;
  GtkLabel     *title_label;
  GtkBox       *fields_box;
  GtkWidget    *duty_box;
  GtkListView  *duty_view;
  GtkWidget    *seminar_box;
  GtkListView  *seminar_view;
  GtkWidget    *history_box;
  GtkWidget    *history_empty;
  GtkListView  *history_view;
  GtkWidget    *links_box;
  GtkListView  *links_view;

  SamStore     *store;
  SamRecord    *record;
  GPtrArray    *rows;          /* SamFieldRow, one per field */
  GListModel   *history;
  GListModel   *links;
  GListModel   *seminar;
  GListModel   *duty;          /* activities: who answers by sector responsibility */
};

G_DEFINE_FINAL_TYPE (SamEditor, sam_editor, GTK_TYPE_WIDGET)

static void
show_lists (SamEditor *self)
{
  gboolean activity = sam_record_get_kind (self->record) == SAM_KIND_ACTIVITY;
  g_autoptr(GtkNoSelection) links = NULL;

  g_clear_object (&self->links);
  self->links = sam_details_new_backlinks (self->store, self->record);
  links = gtk_no_selection_new (g_object_ref (self->links));
  gtk_list_view_set_model (self->links_view, GTK_SELECTION_MODEL (links));
  gtk_widget_set_visible (self->links_box, g_list_model_get_n_items (self->links) > 0);

  g_clear_object (&self->seminar);
  gtk_widget_set_visible (self->seminar_box, sam_record_get_kind (self->record) == SAM_KIND_SEMINAR);
  if (sam_record_get_kind (self->record) == SAM_KIND_SEMINAR)
    {
      g_autoptr(GtkNoSelection) seminar = NULL;

      self->seminar = sam_details_new_seminar (self->store, self->record);
      seminar = gtk_no_selection_new (g_object_ref (self->seminar));
      gtk_list_view_set_model (self->seminar_view, GTK_SELECTION_MODEL (seminar));
    }

  g_clear_object (&self->duty);
  gtk_widget_set_visible (self->duty_box, activity);
  if (activity)
    {
      g_autoptr(GtkNoSelection) duty = NULL;

      self->duty = sam_details_new_accountability (self->store, self->record);
      duty = gtk_no_selection_new (g_object_ref (self->duty));
      gtk_list_view_set_model (self->duty_view, GTK_SELECTION_MODEL (duty));
    }

  g_clear_object (&self->history);
  gtk_widget_set_visible (self->history_box, activity);
  if (activity)
    {
      g_autoptr(GtkNoSelection) history = NULL;

      self->history = sam_details_new_history (self->store, self->record);
      history = gtk_no_selection_new (g_object_ref (self->history));
      gtk_list_view_set_model (self->history_view, GTK_SELECTION_MODEL (history));
      gtk_widget_set_visible (self->history_empty, g_list_model_get_n_items (self->history) == 0);
    }
}

static void
show_title (SamEditor *self)
{
  g_autofree char *title = sam_tree_describe (self->record);

  gtk_label_set_text (self->title_label, *title ? title : _("Untitled"));
  gtk_label_set_text (self->kind_label,
                      g_dgettext (GETTEXT_PACKAGE, sam_kind_get_info (sam_record_get_kind (self->record))->label));
}

static void
save_change (SamEditor   *self,
             SamFieldRow *row,
             SamRecord   *changed)
{
  g_autoptr(GError) error = NULL;
  SamFieldRow *about;

  if (!sam_rules_save (self->store, changed, &error))
    {
      /* Under the field the rule is about, which may be another than the
       * one edited ("Due: cannot be before the start" after a new start);
       * the edited one then says why its value was not saved. */
      about = error->domain == SAM_STORE_ERROR && sam_store_error_get_field (error)
              ? sam_editor_get_row (self, sam_store_error_get_field (error)) : NULL;
      if (about)
        sam_field_row_set_error (about, sam_store_error_get_reason (error));
      if (about != row)
        sam_field_row_set_error (row, error->message);
      return;
    }
  sam_field_row_set_error (row, NULL);
  g_set_object (&self->record, changed);
  show_title (self);
}

typedef struct
{
  SamEditor   *editor;
  SamFieldRow *row;
  SamRecord   *changed;
} Pending;

static void
on_past_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Pending          *pending)
{
  SamEditor *self = pending->editor;

  if (self->record && sam_record_get_id (self->record) == sam_record_get_id (pending->changed))
    {
      if (g_strcmp0 (response, "save") == 0)
        save_change (self, pending->row, pending->changed);
      else
        sam_field_row_show_value (pending->row, self->record);
    }
  g_object_unref (pending->editor);
  g_object_unref (pending->row);
  g_object_unref (pending->changed);
  g_free (pending);
}

/* A planned seminar moved into the past is saved only when confirmed. */
static gboolean
confirm_past (SamEditor   *self,
              SamFieldRow *row,
              SamRecord   *changed)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *question = NULL;
  GtkWidget *dialog;
  Pending *pending;

  if (sam_record_get_kind (changed) != SAM_KIND_SEMINAR
      || !sam_seminar_needs_past_confirmation (self->store, changed, now, &question))
    return FALSE;
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Plan a Seminar in the Past?"), question);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "save", _("_Save Anyway"), NULL);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  pending = g_new0 (Pending, 1);
  *pending = (Pending) { g_object_ref (self), g_object_ref (row), g_object_ref (changed) };
  g_signal_connect (dialog, "response", G_CALLBACK (on_past_response_cb), pending);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
on_row_commit_cb (SamFieldRow *row,
                  GVariant    *value,
                  SamEditor   *self)
{
  g_autoptr(SamRecord) changed = sam_record_copy (self->record);

  sam_record_take_value (changed, sam_field_row_get_index (row), value ? g_variant_ref (value) : NULL);
  if (!confirm_past (self, row, changed))
    save_change (self, row, changed);
}

static void
clear_rows (SamEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields_box))))
    gtk_box_remove (self->fields_box, child);
  g_ptr_array_set_size (self->rows, 0);
}

static void
build_rows (SamEditor *self)
{
  const SamKindInfo *info = sam_kind_get_info (sam_record_get_kind (self->record));

  clear_rows (self);
  for (guint i = 0; i < info->n_fields; i++)
    {
      SamFieldRow *row = sam_field_row_new (self->store, info->kind, i);

      g_signal_connect_object (row, "commit", G_CALLBACK (on_row_commit_cb), self, 0);
      gtk_box_append (self->fields_box, GTK_WIDGET (row));
      g_ptr_array_add (self->rows, row);
    }
}

/* Shows @record of @store, or nothing with NULL. The same record again
 * (after the store changed) refreshes the values, leaving any field that
 * holds a refused value as the person typed it. */
void
sam_editor_set_record (SamEditor *self,
                       SamStore  *store,
                       SamRecord *record)
{
  gboolean same_kind;

  g_return_if_fail (SAM_IS_EDITOR (self));

  /* Whatever was typed into the record shown is saved before it goes. */
  if (self->record && (record == NULL || sam_record_get_id (record) != sam_record_get_id (self->record)
                       || sam_record_get_kind (record) != sam_record_get_kind (self->record)))
    for (guint i = 0; i < self->rows->len; i++)
      if (sam_field_row_get_error (self->rows->pdata[i]) == NULL)
        sam_field_row_flush (self->rows->pdata[i]);

  if (record == NULL)
    {
      g_clear_object (&self->record);
      clear_rows (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  same_kind = self->record && self->store == store
              && sam_record_get_kind (self->record) == sam_record_get_kind (record);
  g_set_object (&self->store, store);
  g_set_object (&self->record, record);
  if (!same_kind)
    build_rows (self);
  for (guint i = 0; i < self->rows->len; i++)
    {
      SamFieldRow *row = self->rows->pdata[i];
      if (!same_kind || sam_field_row_get_error (row) == NULL)
        sam_field_row_show_value (row, record);
    }
  show_title (self);
  show_lists (self);
  gtk_stack_set_visible_child_name (self->stack, "edit");
}

SamRecord *
sam_editor_get_record (SamEditor *self)
{
  g_return_val_if_fail (SAM_IS_EDITOR (self), NULL);
  return self->record;
}

/* Returns the row of field @field, or NULL. */
SamFieldRow *
sam_editor_get_row (SamEditor  *self,
                    const char *field)
{
  g_return_val_if_fail (SAM_IS_EDITOR (self), NULL);
  for (guint i = 0; i < self->rows->len; i++)
    if (g_str_equal (sam_field_row_get_field (self->rows->pdata[i])->name, field))
      return self->rows->pdata[i];
  return NULL;
}

GListModel *
sam_editor_get_history (SamEditor *self)
{
  g_return_val_if_fail (SAM_IS_EDITOR (self), NULL);
  return self->history;
}

GListModel *
sam_editor_get_seminar (SamEditor *self)
{
  g_return_val_if_fail (SAM_IS_EDITOR (self), NULL);
  return self->seminar;
}

/* The computed row of what follows from sector responsibility, for an
 * activity; NULL for anything else. */
GListModel *
sam_editor_get_accountability (SamEditor *self)
{
  g_return_val_if_fail (SAM_IS_EDITOR (self), NULL);
  return self->duty;
}

GListModel *
sam_editor_get_links (SamEditor *self)
{
  g_return_val_if_fail (SAM_IS_EDITOR (self), NULL);
  return self->links;
}

/* Puts the keyboard in the field that names the record. */
void
sam_editor_focus_first (SamEditor *self)
{
  SamFieldRow *row;

  g_return_if_fail (SAM_IS_EDITOR (self));
  if (self->record == NULL)
    return;
  row = sam_editor_get_row (self, sam_kind_get_info (sam_record_get_kind (self->record))->title_field);
  if (row)
    gtk_widget_grab_focus (sam_field_row_get_editor (row));
}

static void
sam_editor_dispose (GObject *object)
{
  SamEditor *self = SAM_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SAM_TYPE_EDITOR);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->record);
  g_clear_object (&self->store);
  g_clear_object (&self->history);
  g_clear_object (&self->links);
  g_clear_object (&self->seminar);
  g_clear_object (&self->duty);
  G_OBJECT_CLASS (sam_editor_parent_class)->dispose (object);
}

static void
sam_editor_class_init (SamEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sam_editor_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SamEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, kind_label);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, fields_box);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, duty_box);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, duty_view);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, seminar_box);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, seminar_view);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, history_box);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, history_empty);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, history_view);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, links_box);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, links_view);
}

static void
sam_editor_init (SamEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

/* Sets the factory that draws link and history rows (with link handling). */
void
sam_editor_set_detail_factory (SamEditor          *self,
                               GtkListItemFactory *factory)
{
  g_return_if_fail (SAM_IS_EDITOR (self));
  gtk_list_view_set_factory (self->links_view, factory);
  gtk_list_view_set_factory (self->history_view, factory);
  gtk_list_view_set_factory (self->seminar_view, factory);
  gtk_list_view_set_factory (self->duty_view, factory);
}
