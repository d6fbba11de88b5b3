#define G_LOG_DOMAIN "sam-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sam-editor.h"
#include "models/sam-details.h"
#include "models/sam-tree.h"
#include "store/sam-access.h"
#include "store/sam-rules.h"
#include "store/sam-seminars.h"

#include <adwaita.h>

struct _SamEditor
{
  GtkWidget          parent_instance;

  GtkStack          *stack;
  GtkScrolledWindow *scroller;
  GtkLabel          *kind_label;
  GtkLabel          *title_label;
  GtkLabel          *access_label;  /* why the record cannot be changed */
  GtkBox            *fields_box;
  GtkWidget         *duty_box;
  GtkListBox        *duty_list;
  GtkWidget         *seminar_box;
  GtkListBox        *seminar_list;
  GtkWidget         *history_box;
  GtkWidget         *history_empty;
  GtkListBox        *history_list;
  GtkWidget         *links_to_box;
  GtkListBox        *links_to_list;
  GtkWidget         *links_box;
  GtkListBox        *links_list;

  SamStore          *store;
  SamRecord         *record;
  GPtrArray         *rows;          /* SamFieldRow, one per field */
  GListModel        *history;
  GListModel        *links;
  GListModel        *links_to;
  GListModel        *seminar;
  GListModel        *duty;          /* activities: who answers by sector responsibility */
};

G_DEFINE_FINAL_TYPE (SamEditor, sam_editor, GTK_TYPE_WIDGET)

enum { FOLLOW_LINK, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The cards: a list box per list of SamDetail, each row as tall as its
 * text (a list view would cut wrapped lines and keep a fixed height). */

static gboolean
on_link_cb (GtkLabel   *label,
            const char *uri,
            SamEditor  *self)
{
  gboolean handled = FALSE;

  g_signal_emit (self, signals[FOLLOW_LINK], 0, uri, &handled);
  return handled;
}

static GtkWidget *
create_detail_row_cb (gpointer item,
                      gpointer user_data)
{
  SamEditor *self = user_data;
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/sam-detail-row.ui");
  GtkWidget *row = GTK_WIDGET (gtk_builder_get_object (builder, "row"));
  GtkLabel *value = GTK_LABEL (gtk_builder_get_object (builder, "value"));

  gtk_label_set_text (GTK_LABEL (gtk_builder_get_object (builder, "label")), sam_detail_get_label (item));
  gtk_label_set_markup (value, sam_detail_get_markup (item));
  g_signal_connect_object (value, "activate-link", G_CALLBACK (on_link_cb), self, 0);
  return g_object_ref (row);
}

/* Shows @model (owned) in @list, and returns it. */
static GListModel *
fill_card (SamEditor  *self,
           GtkListBox *list,
           GListModel *model)
{
  gtk_list_box_bind_model (list, model, create_detail_row_cb, self, NULL);
  return model;
}

static void
show_lists (SamEditor *self)
{
  SamKind kind = sam_record_get_kind (self->record);
  gboolean activity = kind == SAM_KIND_ACTIVITY;

  g_clear_object (&self->links);
  self->links = fill_card (self, self->links_list, sam_details_new_backlinks (self->store, self->record));
  gtk_widget_set_visible (self->links_box, g_list_model_get_n_items (self->links) > 0);

  g_clear_object (&self->links_to);
  self->links_to = fill_card (self, self->links_to_list, sam_details_new_links_to (self->store, self->record));
  gtk_widget_set_visible (self->links_to_box, g_list_model_get_n_items (self->links_to) > 0);

  g_clear_object (&self->seminar);
  gtk_widget_set_visible (self->seminar_box, kind == SAM_KIND_SEMINAR);
  if (kind == SAM_KIND_SEMINAR)
    self->seminar = fill_card (self, self->seminar_list, sam_details_new_seminar (self->store, self->record));

  g_clear_object (&self->duty);
  gtk_widget_set_visible (self->duty_box, activity);
  if (activity)
    self->duty = fill_card (self, self->duty_list, sam_details_new_accountability (self->store, self->record));

  g_clear_object (&self->history);
  gtk_widget_set_visible (self->history_box, activity);
  if (activity)
    {
      self->history = fill_card (self, self->history_list, sam_details_new_history (self->store, self->record));
      gtk_widget_set_visible (self->history_empty, g_list_model_get_n_items (self->history) == 0);
      gtk_widget_set_visible (GTK_WIDGET (self->history_list), g_list_model_get_n_items (self->history) > 0);
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

/* Leaves the fields of a record the user may not change insensitive,
 * and says why above them (the server would refuse the change). */
static void
show_access (SamEditor *self)
{
  g_autofree char *why = sam_access_explain (sam_store_get_access (self->store), self->record);

  gtk_label_set_text (self->access_label, why ? why : "");
  gtk_widget_set_visible (GTK_WIDGET (self->access_label), why != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->fields_box), why == NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->fields_box), why);
  /* Within a record the user changes, a field only the secretariat may. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      SamFieldRow *row = self->rows->pdata[i];
      gboolean may = why != NULL || sam_access_can_edit_field (sam_store_get_access (self->store), self->record,
                                                               sam_field_row_get_field (row)->name);

      gtk_widget_set_sensitive (GTK_WIDGET (row), may);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), may ? NULL : _("Only the secretariat gives an activity another lead agency."));
    }
}

/* Saving one field */

static void save_field (SamEditor *self, SamFieldRow *row, GVariant *expected, GVariant *value);

/* Shows the store's refusal under the field the rule is about, which may
 * be another than the one edited ("Due: cannot be before the start" after
 * a new start); the edited one then says why its value was not saved. */
static void
show_refusal (SamEditor    *self,
              SamFieldRow  *row,
              const GError *error)
{
  SamFieldRow *about = error->domain == SAM_STORE_ERROR && sam_store_error_get_field (error)
                       ? sam_editor_get_row (self, sam_store_error_get_field (error)) : NULL;

  if (about)
    sam_field_row_set_error (about, sam_store_error_get_reason (error));
  if (about != row)
    sam_field_row_set_error (row, error->message);
}

typedef struct
{
  SamEditor   *editor;
  SamFieldRow *row;
  SamRecord   *record;     /* the record the value was for */
  GVariant    *expected;
  GVariant    *value;
  gboolean     answered;
} Pending;

static Pending *
pending_new (SamEditor   *self,
             SamFieldRow *row,
             GVariant    *expected,
             GVariant    *value)
{
  Pending *p = g_new0 (Pending, 1);

  p->editor = g_object_ref (self);
  p->row = g_object_ref (row);
  p->record = g_object_ref (self->record);
  p->expected = expected ? g_variant_ref (expected) : NULL;
  p->value = value ? g_variant_ref (value) : NULL;
  return p;
}

static void
pending_free (gpointer data,
              GClosure *closure)
{
  Pending *p = data;

  g_object_unref (p->editor);
  g_object_unref (p->row);
  g_object_unref (p->record);
  g_clear_pointer (&p->expected, g_variant_unref);
  g_clear_pointer (&p->value, g_variant_unref);
  g_free (p);
}

/* Whether the editor still shows the record @p was about, and the
 * question was not answered yet. */
static gboolean
still_shown (Pending *p)
{
  SamRecord *shown = p->editor->record;
  gboolean first = !p->answered;

  p->answered = TRUE;
  return first && shown && sam_record_get_kind (shown) == sam_record_get_kind (p->record)
         && sam_record_get_id (shown) == sam_record_get_id (p->record);
}

/* Shows the field as the store holds it now. */
static void
show_stored (SamEditor   *self,
             SamFieldRow *row)
{
  g_autoptr(SamRecord) fresh = sam_store_get (self->store, sam_record_get_kind (self->record),
                                              sam_record_get_id (self->record), NULL);

  sam_field_row_set_error (row, NULL);
  if (fresh)
    sam_field_row_show_value (row, fresh);
}

static void
on_conflict_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         Pending          *p)
{
  if (still_shown (p))
    {
      if (g_strcmp0 (response, "mine") == 0)
        save_field (p->editor, p->row, p->expected, p->value);
      else
        show_stored (p->editor, p->row);
    }
}

/* Someone else changed the field meanwhile: theirs and mine side by side,
 * and the person chooses. */
static void
ask_conflict (SamEditor    *self,
              SamFieldRow  *row,
              const GError *error)
{
  const SamField *f = sam_field_row_get_field (row);
  SamKind kind = sam_record_get_kind (self->record);
  g_autofree char *theirs = sam_details_describe_value (self->store, kind, f->name, sam_store_error_get_theirs (error));
  g_autofree char *mine = sam_details_describe_value (self->store, kind, f->name, sam_store_error_get_mine (error));
  g_autofree char *heading = g_strdup_printf (_("%s Was Changed Elsewhere"), g_dgettext (GETTEXT_PACKAGE, f->label));
  /* TRANSLATORS: the values of a field someone else changed while it was edited here. */
  g_autofree char *body = g_strdup_printf (_("While you edited “%s”, someone else saved another value.\n\nTheirs: %s\nYours: %s\n\nWhich one should be kept?"),
                                           sam_record_get_title (self->record), theirs, mine);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "theirs", _("Keep _Theirs"),
                                    "mine", _("Keep _Mine"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "mine", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "theirs");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_conflict_response_cb),
                         pending_new (self, row, sam_store_error_get_theirs (error), sam_store_error_get_mine (error)),
                         pending_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Saves @value in @row's field, only while it still holds @expected, the
 * value the person saw. */
static void
save_field (SamEditor   *self,
            SamFieldRow *row,
            GVariant    *expected,
            GVariant    *value)
{
  g_autoptr(GError) error = NULL;
  const SamField *f = sam_field_row_get_field (row);

  if (sam_rules_update_field (self->store, sam_record_get_kind (self->record), sam_record_get_id (self->record),
                              f->name, expected, value, &error))
    {
      sam_field_row_set_error (row, NULL);
      sam_field_row_set_saved (row, value);
      return;
    }
  if (g_error_matches (error, SAM_STORE_ERROR, SAM_STORE_ERROR_CONFLICT))
    ask_conflict (self, row, error);
  else
    show_refusal (self, row, error);
}

static void
on_past_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Pending          *p)
{
  if (still_shown (p))
    {
      if (g_strcmp0 (response, "save") == 0)
        save_field (p->editor, p->row, p->expected, p->value);
      else
        show_stored (p->editor, p->row);
    }
}

/* A planned seminar moved into the past is saved only when confirmed. */
static gboolean
confirm_past (SamEditor   *self,
              SamFieldRow *row,
              GVariant    *expected,
              GVariant    *value)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(SamRecord) changed = NULL;
  g_autofree char *question = NULL;
  GtkWidget *dialog;

  if (sam_record_get_kind (self->record) != SAM_KIND_SEMINAR)
    return FALSE;
  changed = sam_record_copy (self->record);
  sam_record_take_value (changed, sam_field_row_get_index (row), value ? g_variant_ref (value) : NULL);
  if (!sam_seminar_needs_past_confirmation (self->store, changed, now, &question))
    return FALSE;
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Plan a Seminar in the Past?"), question);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "save", _("_Save Anyway"), NULL);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_past_response_cb), pending_new (self, row, expected, value),
                         pending_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
on_row_commit_cb (SamFieldRow *row,
                  GVariant    *value,
                  SamEditor   *self)
{
  GVariant *expected = sam_field_row_get_base (row);

  if (self->record == NULL)
    return;
  if (!confirm_past (self, row, expected, value))
    save_field (self, row, expected, value);
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

static gboolean
same_record (SamRecord *a,
             SamRecord *b)
{
  return a && b && sam_record_get_kind (a) == sam_record_get_kind (b) && sam_record_get_id (a) == sam_record_get_id (b);
}

/* Shows @record of @store, or nothing with NULL. Another record starts
 * clean, at its top: what was refused for the one before stays behind.
 * The same record again (after the store changed, here or elsewhere)
 * refreshes the values, leaving any field the person is typing in, or
 * that holds a refused value, as the person typed it. */
void
sam_editor_set_record (SamEditor *self,
                       SamStore  *store,
                       SamRecord *record)
{
  gboolean same, same_kind;

  g_return_if_fail (SAM_IS_EDITOR (self));

  same = self->store == store && same_record (self->record, record);
  /* Whatever was typed into the record shown is saved before it goes. */
  if (self->record && !same)
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

      if (same && (sam_field_row_get_error (row) != NULL || sam_field_row_has_unsaved (row)))
        continue;
      sam_field_row_set_error (row, NULL);
      sam_field_row_show_value (row, record);
    }
  show_title (self);
  show_access (self);
  show_lists (self);
  gtk_stack_set_visible_child_name (self->stack, "edit");
  if (!same)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
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

/* The records the shown one links to (its lead agency, its plan, …). */
GListModel *
sam_editor_get_links_to (SamEditor *self)
{
  g_return_val_if_fail (SAM_IS_EDITOR (self), NULL);
  return self->links_to;
}

GListModel *
sam_editor_get_links (SamEditor *self)
{
  g_return_val_if_fail (SAM_IS_EDITOR (self), NULL);
  return self->links;
}

/* Returns why the user may not change the record shown, as the editor
 * says it, or NULL when they may (or nothing is shown). */
const char *
sam_editor_get_access_notice (SamEditor *self)
{
  g_return_val_if_fail (SAM_IS_EDITOR (self), NULL);
  return self->record && gtk_widget_get_visible (GTK_WIDGET (self->access_label))
         ? gtk_label_get_text (self->access_label) : NULL;
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
  g_clear_object (&self->links_to);
  g_clear_object (&self->seminar);
  g_clear_object (&self->duty);
  G_OBJECT_CLASS (sam_editor_parent_class)->dispose (object);
}

static void
sam_editor_class_init (SamEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sam_editor_dispose;

  /**
   * SamEditor::follow-link:
   * @uri: a link of sam_details_link(), or another URI
   *
   * A link in one of the editor's cards was clicked; returns TRUE when it
   * was followed.
   */
  signals[FOLLOW_LINK] = g_signal_new ("follow-link", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       g_signal_accumulator_true_handled, NULL, NULL,
                                       G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SamEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, kind_label);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, access_label);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, fields_box);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, duty_box);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, duty_list);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, seminar_box);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, seminar_list);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, history_box);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, history_empty);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, history_list);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, links_to_box);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, links_to_list);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, links_box);
  gtk_widget_class_bind_template_child (widget_class, SamEditor, links_list);
}

static void
sam_editor_init (SamEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}
