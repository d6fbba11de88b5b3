#define G_LOG_DOMAIN "sam-field-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sam-field-row.h"
#include "sam-chooser.h"
#include "sam-search.h"
#include "models/sam-choice.h"
#include "models/sam-tree.h"

struct _SamFieldRow
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkLabel       *title_label;
  GtkStack       *stack;
  GtkEntry       *entry;
  GtkTextView    *text_view;
  GtkSpinButton  *spin;
  GtkSwitch      *switch_;
  GtkDropDown    *dropdown;
  GtkButton      *choose_button;
  GtkLabel       *choose_label;
  GtkEntry       *date_entry;
  GtkMenuButton  *date_button;
  GtkCalendar    *calendar;
  GtkLabel       *error_label;

  SamStore       *store;
  const SamField *field;
  SamKind         kind;
  guint           index;
  SamChooser     *chooser;
  GListStore     *options;    /* drop-down: SamRecord, the first one "none" */
  GVariant       *shown;      /* the value shown, to tell a real change */
  GVariant       *base;       /* the stored value the row last showed or saved */
  gboolean        updating;   /* setting widgets from a value: no commits */
  gboolean        int_unset;  /* a number field holds no number: shown empty */
};

G_DEFINE_FINAL_TYPE (SamFieldRow, sam_field_row, GTK_TYPE_WIDGET)

enum { COMMIT, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Long texts get a text view, one-line texts an entry. */
static gboolean
is_long_text (const SamField *f)
{
  return f->type == SAM_FIELD_TEXT && f->max_length > 1000;
}

static void
commit (SamFieldRow *self,
        GVariant    *value)
{
  g_autoptr(GVariant) owned = value ? g_variant_ref_sink (value) : NULL;

  if (self->updating)
    return;
  if ((owned == NULL && self->shown == NULL)
      || (owned && self->shown && g_variant_equal (owned, self->shown)))
    return;
  g_clear_pointer (&self->shown, g_variant_unref);
  self->shown = owned ? g_variant_ref (owned) : NULL;
  g_signal_emit (self, signals[COMMIT], 0, owned);
}

static GVariant *
text_value (const char *text,
            gboolean    keep_empty)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (*stripped == '\0' && !keep_empty)
    return NULL;
  return g_variant_new_string (stripped);
}

/* A required text stays set when emptied, so the store can say it is required. */
static void
commit_text (SamFieldRow *self,
             const char  *text)
{
  g_autofree char *iso = NULL;

  if (self->field->type == SAM_FIELD_DATETIME)
    {
      iso = g_strstrip (g_strdup (text));
      if (strlen (iso) > 10 && iso[10] == ' ')
        iso[10] = 'T';
      text = iso;
    }
  commit (self, text_value (text, self->field->required));
}

static void
on_entry_activate_cb (SamFieldRow *self,
                      GtkEntry    *entry)
{
  commit_text (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static char *
text_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void update_number (SamFieldRow *self);

static void
on_focus_leave_cb (GtkEventControllerFocus *controller,
                   SamFieldRow             *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (widget == GTK_WIDGET (self->text_view))
    {
      g_autofree char *text = text_view_text (self->text_view);
      commit_text (self, text);
    }
  else if (widget == GTK_WIDGET (self->spin))
    update_number (self);
  else
    commit_text (self, gtk_editable_get_text (GTK_EDITABLE (widget)));
}

static void
on_spin_changed_cb (SamFieldRow   *self,
                    GtkSpinButton *spin)
{
  gint64 value = (gint64) gtk_spin_button_get_value (spin);

  if (self->updating)
    return;
  /* A number the person set (arrows, typing) in an empty field: the
   * button wrote it out while the field was still empty. */
  if (self->int_unset)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, value);

      self->int_unset = FALSE;
      gtk_editable_set_text (GTK_EDITABLE (spin), number);
    }
  commit (self, g_variant_new_int64 (value));
}

/* An emptied number field clears the value (no evaluation given), where a
 * spin button would read 0: see update_number(). */
static int
on_spin_input_cb (GtkSpinButton *spin,
                  double        *new_value,
                  SamFieldRow   *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));

  if (*text != '\0')
    return FALSE;
  *new_value = gtk_spin_button_get_value (spin);
  self->int_unset = TRUE;
  return TRUE;
}

/* Takes the number typed (Enter, leaving the field): a number is
 * committed by "value-changed", an empty field here, once the spin
 * button is done with it. */
static void
update_number (SamFieldRow *self)
{
  gtk_spin_button_update (self->spin);
  if (self->int_unset)
    commit (self, NULL);
}

static void
on_spin_activate_cb (SamFieldRow *self)
{
  update_number (self);
}

/* A number field without a number shows nothing, not 0. */
static gboolean
on_spin_output_cb (GtkSpinButton *spin,
                   SamFieldRow   *self)
{
  if (!self->int_unset)
    return FALSE;
  if (*gtk_editable_get_text (GTK_EDITABLE (spin)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (spin), "");
  return TRUE;
}

static void
on_switch_changed_cb (SamFieldRow *self)
{
  commit (self, g_variant_new_int64 (gtk_switch_get_active (self->switch_) ? 1 : 0));
}

static void
on_dropdown_changed_cb (SamFieldRow *self)
{
  g_autoptr(SamRecord) chosen = NULL;
  guint pos = gtk_drop_down_get_selected (self->dropdown);

  if (pos == GTK_INVALID_LIST_POSITION)
    return;
  if (self->field->type == SAM_FIELD_ENUM)
    {
      commit (self, pos == 0 ? NULL : g_variant_new_string (self->field->values[pos - 1].nick));
      return;
    }
  if (self->options == NULL)
    return;
  chosen = g_list_model_get_item (G_LIST_MODEL (self->options), pos);
  commit (self, pos == 0 ? NULL : g_variant_new_int64 (sam_record_get_id (chosen)));
}

static void
on_day_selected_cb (SamFieldRow *self,
                    GtkCalendar *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  if (self->updating)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), text);
  gtk_menu_button_popdown (self->date_button);
  commit_text (self, text);
}

/* The chosen items in order: those already chosen first, as they were. */
static GVariant *
chooser_value (SamFieldRow *self)
{
  GListModel *choices = G_LIST_MODEL (sam_chooser_get_choices (self->chooser));
  g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr(SamChoice) c = g_list_model_get_item (choices, i);
      gint64 id = sam_choice_get_id (c);

      if (!sam_choice_get_selected (c))
        continue;
      if (self->field->type == SAM_FIELD_REFS)
        g_array_append_val (refs, id);
      else
        g_ptr_array_add (texts, (gpointer) sam_choice_get_title (c));
    }
  if (self->field->type == SAM_FIELD_REFS)
    return g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, refs->data, refs->len, sizeof (gint64));
  return g_variant_new_strv ((const char * const *) texts->pdata, texts->len);
}

static void
update_choose_label (SamFieldRow *self)
{
  GListModel *choices = G_LIST_MODEL (sam_chooser_get_choices (self->chooser));
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  g_autofree char *joined = NULL;

  for (guint i = 0; choices && i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr(SamChoice) c = g_list_model_get_item (choices, i);
      if (sam_choice_get_selected (c))
        g_strv_builder_add (names, sam_choice_get_title (c));
    }
  strv = g_strv_builder_end (names);
  joined = g_strjoinv (", ", strv);
  gtk_label_set_text (self->choose_label, *joined ? joined : _("None chosen"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->choose_label), *joined ? joined : NULL);
}

static void
on_choose_clicked_cb (SamFieldRow *self)
{
  gtk_popover_popup (GTK_POPOVER (self->chooser));
}

static void
on_chooser_changed_cb (SamFieldRow *self)
{
  update_choose_label (self);
  commit (self, chooser_value (self));
}

/* Candidates */

static GPtrArray *
candidates (SamFieldRow *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = sam_store_list (self->store, self->field->ref_kind, &error);

  if (records == NULL)
    {
      g_warning ("Could not list choices for %s: %s", self->field->name, error->message);
      return g_ptr_array_new_with_free_func (g_object_unref);
    }
  return records;
}

/* Titles for a drop-down: the record named as in the trees. */
static SamRecord *
option_for (SamRecord *record)
{
  g_autofree char *title = sam_tree_describe (record);
  const SamKindInfo *info = sam_kind_get_info (sam_record_get_kind (record));
  SamRecord *option = sam_record_new (sam_record_get_kind (record));

  sam_record_set_id (option, sam_record_get_id (record));
  sam_record_set_string (option, info->title_field, title);
  return option;
}

static void
fill_dropdown (SamFieldRow *self)
{
  g_autoptr(SamRecord) none = NULL;
  g_autoptr(GPtrArray) records = NULL;
  const SamKindInfo *info;

  if (self->field->type == SAM_FIELD_ENUM)
    {
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
      g_autoptr(GtkExpression) expression =
        gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

      gtk_string_list_append (labels, _("Not set"));
      for (const SamEnumValue *v = self->field->values; v->nick; v++)
        gtk_string_list_append (labels, g_dgettext (GETTEXT_PACKAGE, v->label));
      g_autoptr(GtkListItemFactory) factory =
        gtk_builder_list_item_factory_new_from_resource (NULL, RESOURCE_PREFIX "/sam-dropdown-string.ui");

      gtk_drop_down_set_factory (self->dropdown, factory);
      gtk_drop_down_set_list_factory (self->dropdown, factory);
      gtk_drop_down_set_expression (self->dropdown, expression);
      gtk_drop_down_set_enable_search (self->dropdown, FALSE);
      gtk_drop_down_set_model (self->dropdown, G_LIST_MODEL (labels));
      return;
    }
  records = candidates (self);
  info = sam_kind_get_info (self->field->ref_kind);
  none = sam_record_new (self->field->ref_kind);
  sam_record_set_string (none, info->title_field, _("None"));
  self->options = g_list_store_new (SAM_TYPE_RECORD);
  g_list_store_append (self->options, none);
  for (guint i = 0; i < records->len; i++)
    {
      g_autoptr(SamRecord) option = option_for (records->pdata[i]);
      g_list_store_append (self->options, option);
    }
  gtk_drop_down_set_model (self->dropdown, G_LIST_MODEL (self->options));
  sam_search_dropdown (self->dropdown);
}

/* Showing values */

static guint
option_position (SamFieldRow *self,
                 GVariant    *value)
{
  if (value == NULL)
    return 0;
  if (self->field->type == SAM_FIELD_ENUM)
    {
      for (guint i = 0; self->field->values[i].nick; i++)
        if (g_str_equal (self->field->values[i].nick, g_variant_get_string (value, NULL)))
          return i + 1;
      return 0;
    }
  for (guint i = 1; i < g_list_model_get_n_items (G_LIST_MODEL (self->options)); i++)
    {
      g_autoptr(SamRecord) r = g_list_model_get_item (G_LIST_MODEL (self->options), i);
      if (sam_record_get_id (r) == g_variant_get_int64 (value))
        return i;
    }
  return 0;
}

/* Sets @editable's text unless it already reads so (keeping the cursor). */
static void
set_text (GtkEditable *editable,
          const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (editable), text) != 0)
    gtk_editable_set_text (editable, text);
}

static void
show_text (SamFieldRow *self,
           GVariant    *value)
{
  const char *text = value ? g_variant_get_string (value, NULL) : "";

  if (is_long_text (self->field))
    {
      g_autofree char *old = text_view_text (self->text_view);
      if (g_strcmp0 (old, text) != 0)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
    }
  else if (self->field->type == SAM_FIELD_DATETIME)
    {
      /* Shown as people write it, "2026-03-04 09:00"; stored as ISO 8601. */
      g_autofree char *shown = g_strdup (text);
      if (strlen (shown) > 10 && shown[10] == 'T')
        shown[10] = ' ';
      set_text (GTK_EDITABLE (self->date_entry), shown);
    }
  else if (self->field->type == SAM_FIELD_DATE)
    set_text (GTK_EDITABLE (self->date_entry), text);
  else
    set_text (GTK_EDITABLE (self->entry), text);
}

/* Shows @record's value of this field, unless the person is editing it. */
void
sam_field_row_show_value (SamFieldRow *self,
                          SamRecord   *record)
{
  GVariant *value;

  g_return_if_fail (SAM_IS_FIELD_ROW (self));
  g_return_if_fail (SAM_IS_RECORD (record));

  value = sam_record_get_value (record, self->index);
  self->updating = TRUE;
  g_clear_pointer (&self->shown, g_variant_unref);
  self->shown = value ? g_variant_ref (value) : NULL;
  g_clear_pointer (&self->base, g_variant_unref);
  self->base = value ? g_variant_ref (value) : NULL;
  switch (self->field->type)
    {
    case SAM_FIELD_INT:
      self->int_unset = value == NULL;
      gtk_spin_button_set_value (self->spin, value ? (double) g_variant_get_int64 (value) : 0);
      {
        /* Written out, as the value may be the one the button held. */
        g_autofree char *number = value ? g_strdup_printf ("%" G_GINT64_FORMAT, g_variant_get_int64 (value))
                                        : g_strdup ("");
        gtk_editable_set_text (GTK_EDITABLE (self->spin), number);
      }
      break;
    case SAM_FIELD_BOOL:
      gtk_switch_set_active (self->switch_, value && g_variant_get_int64 (value) != 0);
      break;
    case SAM_FIELD_ENUM:
    case SAM_FIELD_REF:
      gtk_drop_down_set_selected (self->dropdown, option_position (self, value));
      break;
    case SAM_FIELD_REFS:
    case SAM_FIELD_STRINGS:
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GListStore) choices = sam_choice_list_new (self->store, record, self->field, &error);

        /* The choices that cannot be read are not offered, and the
         * field says why. */
        if (choices == NULL)
          choices = g_list_store_new (SAM_TYPE_CHOICE);
        sam_chooser_set_choices (self->chooser, choices, self->field->type == SAM_FIELD_STRINGS);
        update_choose_label (self);
        if (error)
          sam_field_row_set_error (self, error->message);
      }
      break;
    default:
      show_text (self, value);
      break;
    }
  self->updating = FALSE;
}

/* Commits what the person has typed but not yet confirmed (a text, a
 * date, a number), as leaving the field would. */
void
sam_field_row_flush (SamFieldRow *self)
{
  g_return_if_fail (SAM_IS_FIELD_ROW (self));

  switch (self->field->type)
    {
    case SAM_FIELD_INT:
      update_number (self);
      break;
    case SAM_FIELD_DATE:
    case SAM_FIELD_DATETIME:
      commit_text (self, gtk_editable_get_text (GTK_EDITABLE (self->date_entry)));
      break;
    case SAM_FIELD_TEXT:
      if (is_long_text (self->field))
        {
          g_autofree char *text = text_view_text (self->text_view);
          commit_text (self, text);
        }
      else
        commit_text (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
      break;
    default:
      break;
    }
}

/* The value the person has typed into a text, date or number field,
 * as committing it would give it; FALSE for other fields. */
static gboolean
typed_value (SamFieldRow  *self,
             GVariant    **value)
{
  g_autofree char *text = NULL;

  switch (self->field->type)
    {
    case SAM_FIELD_INT:
      text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->spin))));
      *value = *text ? g_variant_ref_sink (g_variant_new_int64 (g_ascii_strtoll (text, NULL, 10))) : NULL;
      return TRUE;
    case SAM_FIELD_DATE:
    case SAM_FIELD_DATETIME:
      text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_entry)));
      break;
    case SAM_FIELD_TEXT:
      text = is_long_text (self->field) ? text_view_text (self->text_view)
                                        : g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
      break;
    default:
      return FALSE;
    }
  if (self->field->type == SAM_FIELD_DATETIME && strlen (text) > 10 && text[10] == ' ')
    text[10] = 'T';
  *value = text_value (text, self->field->required);
  if (*value)
    g_variant_ref_sink (*value);
  return TRUE;
}

/* Returns TRUE when the person has typed something into the field that
 * is neither saved nor refused yet: it must not be overwritten. */
gboolean
sam_field_row_has_unsaved (SamFieldRow *self)
{
  g_autoptr(GVariant) typed = NULL;

  g_return_val_if_fail (SAM_IS_FIELD_ROW (self), FALSE);
  if (!typed_value (self, &typed))
    return FALSE;
  return !sam_record_values_equal (self->field, typed, self->shown);
}

/* Returns the stored value the row was shown with, or last saved: what
 * the person saw before changing it (borrowed; NULL when unset). */
GVariant *
sam_field_row_get_base (SamFieldRow *self)
{
  g_return_val_if_fail (SAM_IS_FIELD_ROW (self), NULL);
  return self->base;
}

/* Notes that @value (NULL: unset) is now stored in the field. */
void
sam_field_row_set_saved (SamFieldRow *self,
                         GVariant    *value)
{
  g_return_if_fail (SAM_IS_FIELD_ROW (self));
  g_clear_pointer (&self->base, g_variant_unref);
  self->base = value ? g_variant_ref (value) : NULL;
}

/* Shows @message under the field, or clears it with NULL. */
void
sam_field_row_set_error (SamFieldRow *self,
                         const char  *message)
{
  g_return_if_fail (SAM_IS_FIELD_ROW (self));
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message)
    gtk_widget_add_css_class (sam_field_row_get_editor (self), "error");
  else
    gtk_widget_remove_css_class (sam_field_row_get_editor (self), "error");
}

const char *
sam_field_row_get_error (SamFieldRow *self)
{
  g_return_val_if_fail (SAM_IS_FIELD_ROW (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

/* Returns the widget that takes input for this field. */
GtkWidget *
sam_field_row_get_editor (SamFieldRow *self)
{
  g_return_val_if_fail (SAM_IS_FIELD_ROW (self), NULL);
  switch (self->field->type)
    {
    case SAM_FIELD_INT:
      return GTK_WIDGET (self->spin);
    case SAM_FIELD_BOOL:
      return GTK_WIDGET (self->switch_);
    case SAM_FIELD_ENUM:
    case SAM_FIELD_REF:
      return GTK_WIDGET (self->dropdown);
    case SAM_FIELD_REFS:
    case SAM_FIELD_STRINGS:
      return GTK_WIDGET (self->choose_button);
    case SAM_FIELD_DATE:
    case SAM_FIELD_DATETIME:
      return GTK_WIDGET (self->date_entry);
    default:
      return is_long_text (self->field) ? GTK_WIDGET (self->text_view) : GTK_WIDGET (self->entry);
    }
}

/* Returns the chooser of a multiple-choice field, or NULL. */
SamChooser *
sam_field_row_get_chooser (SamFieldRow *self)
{
  g_return_val_if_fail (SAM_IS_FIELD_ROW (self), NULL);
  return self->chooser;
}

const SamField *
sam_field_row_get_field (SamFieldRow *self)
{
  g_return_val_if_fail (SAM_IS_FIELD_ROW (self), NULL);
  return self->field;
}

guint
sam_field_row_get_index (SamFieldRow *self)
{
  g_return_val_if_fail (SAM_IS_FIELD_ROW (self), 0);
  return self->index;
}

/* Object */

static void
sam_field_row_dispose (GObject *object)
{
  SamFieldRow *self = SAM_FIELD_ROW (object);

  if (self->chooser)
    gtk_widget_unparent (GTK_WIDGET (self->chooser));
  self->chooser = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), SAM_TYPE_FIELD_ROW);
  g_clear_object (&self->store);
  g_clear_object (&self->options);
  g_clear_pointer (&self->shown, g_variant_unref);
  g_clear_pointer (&self->base, g_variant_unref);
  G_OBJECT_CLASS (sam_field_row_parent_class)->dispose (object);
}

static void
sam_field_row_class_init (SamFieldRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sam_field_row_dispose;

  signals[COMMIT] = g_signal_new ("commit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_VARIANT);

  g_type_ensure (SAM_TYPE_RECORD);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-field-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SamFieldRow, box);
  gtk_widget_class_bind_template_child (widget_class, SamFieldRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, SamFieldRow, stack);
  gtk_widget_class_bind_template_child (widget_class, SamFieldRow, entry);
  gtk_widget_class_bind_template_child (widget_class, SamFieldRow, text_view);
  gtk_widget_class_bind_template_child (widget_class, SamFieldRow, spin);
  gtk_widget_class_bind_template_child (widget_class, SamFieldRow, switch_);
  gtk_widget_class_bind_template_child (widget_class, SamFieldRow, dropdown);
  gtk_widget_class_bind_template_child (widget_class, SamFieldRow, choose_button);
  gtk_widget_class_bind_template_child (widget_class, SamFieldRow, choose_label);
  gtk_widget_class_bind_template_child (widget_class, SamFieldRow, date_entry);
  gtk_widget_class_bind_template_child (widget_class, SamFieldRow, date_button);
  gtk_widget_class_bind_template_child (widget_class, SamFieldRow, calendar);
  gtk_widget_class_bind_template_child (widget_class, SamFieldRow, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_spin_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_switch_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_dropdown_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked_cb);
}

static void
sam_field_row_init (SamFieldRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Ctrl+Z in a field: what was typed and not yet saved goes back to the
 * saved value first; otherwise the window's undo takes back the last
 * saved change. Never the text's own undo, which would leave a field
 * empty and the change in the database. Ctrl+Shift+Z is the window's
 * redo. Seen before the text does (capture), as it would take the keys. */
static gboolean
undo_typing_cb (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  SamFieldRow *self = SAM_FIELD_ROW (widget);
  g_autoptr(SamRecord) saved = NULL;

  if (!sam_field_row_has_unsaved (self) && sam_field_row_get_error (self) == NULL)
    return gtk_widget_activate_action (widget, "win.undo", NULL);
  saved = sam_record_new (self->kind);
  sam_record_take_value (saved, self->index, self->base ? g_variant_ref (self->base) : NULL);
  sam_field_row_set_error (self, NULL);
  sam_field_row_show_value (self, saved);
  return TRUE;
}

static gboolean
redo_cb (GtkWidget *widget,
         GVariant  *args,
         gpointer   user_data)
{
  return gtk_widget_activate_action (widget, "win.redo", NULL);
}

static void
add_undo_shortcuts (SamFieldRow *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkShortcutController *c = GTK_SHORTCUT_CONTROLLER (shortcuts);

  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (c, gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK),
                                                             gtk_callback_action_new (undo_typing_cb, NULL, NULL)));
  gtk_shortcut_controller_add_shortcut (c, gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                             gtk_callback_action_new (redo_cb, NULL, NULL)));
  gtk_shortcut_controller_add_shortcut (c, gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                             gtk_callback_action_new (redo_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

static void
watch_focus (SamFieldRow *self,
             GtkWidget   *widget)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave_cb), self);
  gtk_widget_add_controller (widget, focus);
}

static const char *
page_for (const SamField *f)
{
  switch (f->type)
    {
    case SAM_FIELD_INT:
      return "spin";
    case SAM_FIELD_BOOL:
      return "switch";
    case SAM_FIELD_ENUM:
    case SAM_FIELD_REF:
      return "dropdown";
    case SAM_FIELD_REFS:
    case SAM_FIELD_STRINGS:
      return "choose";
    case SAM_FIELD_DATE:
    case SAM_FIELD_DATETIME:
      return "date";
    default:
      return is_long_text (f) ? "text" : "entry";
    }
}

/* Returns a row editing field @index of records of @kind in @store. */
SamFieldRow *
sam_field_row_new (SamStore *store,
                   SamKind   kind,
                   guint     index)
{
  SamFieldRow *self = g_object_new (SAM_TYPE_FIELD_ROW, NULL);
  const SamField *f = &sam_kind_get_info (kind)->fields[index];
  g_autofree char *label = NULL;

  self->store = g_object_ref (store);
  self->field = f;
  self->kind = kind;
  self->index = index;
  add_undo_shortcuts (self);
  label = f->required ? g_strdup_printf (_("%s (required)"), g_dgettext (GETTEXT_PACKAGE, f->label))
                      : g_strdup (g_dgettext (GETTEXT_PACKAGE, f->label));
  gtk_label_set_text (self->title_label, label);
  gtk_stack_set_visible_child_name (self->stack, page_for (f));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (sam_field_row_get_editor (self)),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title_label, NULL, -1);
  /* A button says what it is about itself: GTK names a button by what it
   * shows (the chosen items), not by the label beside it. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (sam_field_row_get_editor (self)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  {
    /* TRANSLATORS: the calendar button of a date field, as a screen reader says it. */
    g_autofree char *choose = g_strdup_printf (_("Choose a date for %s"), g_dgettext (GETTEXT_PACKAGE, f->label));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->date_button), GTK_ACCESSIBLE_PROPERTY_LABEL, choose, -1);
  }

  if (f->type == SAM_FIELD_ENUM || f->type == SAM_FIELD_REF)
    fill_dropdown (self);
  if (f->type == SAM_FIELD_REFS || f->type == SAM_FIELD_STRINGS)
    {
      self->chooser = sam_chooser_new ();
      gtk_widget_set_parent (GTK_WIDGET (self->chooser), GTK_WIDGET (self->choose_button));
      g_signal_connect_object (self->chooser, "changed", G_CALLBACK (on_chooser_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  if (f->type == SAM_FIELD_DATETIME)
    {
      gtk_entry_set_placeholder_text (self->date_entry, _("YYYY-MM-DD HH:MM"));
      gtk_widget_set_visible (GTK_WIDGET (self->date_button), FALSE);
    }
  watch_focus (self, GTK_WIDGET (self->entry));
  watch_focus (self, GTK_WIDGET (self->date_entry));
  watch_focus (self, GTK_WIDGET (self->text_view));
  watch_focus (self, GTK_WIDGET (self->spin));
  g_signal_connect (self->spin, "input", G_CALLBACK (on_spin_input_cb), self);
  /* GTK 4.8's spin button says Enter only through its text. */
  g_signal_connect_swapped (gtk_editable_get_delegate (GTK_EDITABLE (self->spin)), "activate",
                            G_CALLBACK (on_spin_activate_cb), self);
  g_signal_connect (self->spin, "output", G_CALLBACK (on_spin_output_cb), self);
  /* Ctrl+Z undoes the last saved change (see undo_typing_cb), not the
   * typing inside one field. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->entry), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->date_entry), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->spin), FALSE);
  gtk_text_buffer_set_enable_undo (gtk_text_view_get_buffer (self->text_view), FALSE);
  return self;
}
