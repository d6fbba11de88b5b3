#define G_LOG_DOMAIN "sam-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sam-window-private.h"
#include "sam-round-actions.h"
#include "sam-status-dialog.h"
#include "models/sam-tree.h"
#include "store/sam-rules.h"

/* The window's actions: files, new, duplicate, delete, undo and redo,
 * status, search. Each change is one store transaction, so one undo step. */

/* Names for new records, per kind. */
static const struct { SamKind kind; const char *name; const char *title; } new_kinds[] = {
  { SAM_KIND_ACTIVITY, "activity", N_("New activity") },
  { SAM_KIND_PLAN, "plan", N_("New plan") },
  { SAM_KIND_MEASURE, "measure", N_("New measure") },
  { SAM_KIND_GOAL, "goal", N_("New goal") },
  { SAM_KIND_PRIORITY_TASK, "priority-task", N_("New priority task") },
  { SAM_KIND_FOCUS_AREA, "focus-area", N_("New focus area") },
  { SAM_KIND_AGENCY, "agency", N_("New agency") },
  { SAM_KIND_TARGET_GROUP, "target-group", N_("New target group") },
  { SAM_KIND_SECTOR, "sector", N_("New sector") },
  { SAM_KIND_KNOWLEDGE_GAP, "knowledge-gap", N_("New knowledge gap") },
  { SAM_KIND_RD_PROJECT, "rd-project", N_("New R&D project") },
  { SAM_KIND_OBLIGATION, "obligation", N_("New obligation") },
  { SAM_KIND_REPORTING_PERIOD, "reporting-period", N_("New period") },
  { SAM_KIND_SEMINAR_FORMAT, "seminar-format", N_("New seminar format") },
  { SAM_KIND_SEMINAR, "seminar", N_("New seminar") },
};

/* Menu entries of the New button, per view. */
static const struct { SamView view; const char *label; const char *target; } new_menu[] = {
  { SAM_VIEW_OVERVIEW, N_("_Activity"), "activity" },
  { SAM_VIEW_PLANS, N_("_Activity"), "activity" },
  { SAM_VIEW_PLANS, N_("_Plan"), "plan" },
  { SAM_VIEW_PLANS, N_("_Goal"), "goal" },
  { SAM_VIEW_PLANS, N_("P_riority Task"), "priority-task" },
  { SAM_VIEW_PLANS, N_("_Measure"), "measure" },
  { SAM_VIEW_PLANS, N_("_Focus Area"), "focus-area" },
  { SAM_VIEW_FOLLOW_UP, N_("_Reporting Period"), "reporting-period" },
  { SAM_VIEW_SEMINARS, N_("_Seminar"), "seminar" },
  { SAM_VIEW_SEMINARS, N_("Seminar _Format"), "seminar-format" },
  { SAM_VIEW_AGENCIES, N_("_Agency"), "agency" },
  { SAM_VIEW_AGENCIES, N_("_Subordinate Agency"), "agency-under" },
  { SAM_VIEW_TARGET_GROUPS, N_("_Target Group"), "target-group" },
  { SAM_VIEW_TARGET_GROUPS, N_("_Sub-group"), "target-group-under" },
  { SAM_VIEW_SECTORS, N_("_Sector"), "sector" },
  { SAM_VIEW_KNOWLEDGE, N_("_Knowledge Gap"), "knowledge-gap" },
  { SAM_VIEW_KNOWLEDGE, N_("_R&D Project"), "rd-project" },
  { SAM_VIEW_OBLIGATIONS, N_("_Obligation"), "obligation" },
  { SAM_VIEW_PERIODS, N_("_Reporting Period"), "reporting-period" },
};

/* Shows a toast; with @offer_undo it has an Undo button. */
void
sam_window_toast (SamWindow  *self,
                  const char *title,
                  gboolean    offer_undo)
{
  AdwToast *toast = adw_toast_new (title);

  if (offer_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error (SamWindow  *self,
            const char *heading,
            const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Files */

/* Returns the local path a file chooser's @response accepted, or NULL. */
char *
sam_window_chosen_path (GtkNativeDialog *dialog,
                        int              response)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT || !(file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))))
    return NULL;
  return g_file_get_path (file);
}

static void
on_file_chosen_cb (GtkNativeDialog *dialog,
                   int              response,
                   SamWindow       *self)
{
  g_autofree char *path = sam_window_chosen_path (dialog, response);

  if (path)
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

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  choose_file (SAM_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
new_database_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  choose_file (SAM_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE);
}

/* Navigation */

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);
  g_autoptr(SamRecord) previous = NULL;
  g_autoptr(SamRecord) fresh = NULL;

  if (self->history->len == 0)
    return;
  previous = g_ptr_array_steal_index (self->history, self->history->len - 1);
  fresh = sam_store_get (self->store, sam_record_get_kind (previous), sam_record_get_id (previous), NULL);
  sam_editor_set_record (self->editor, self->store, fresh);
  gtk_widget_action_set_enabled (widget, "win.back", self->history->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), self->history->len > 0);
  sam_window_update_actions (self);
}

static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);

  if (self->store)
    sam_window_show_view (self, sam_view_from_name (g_variant_get_string (parameter, NULL)));
}

/* The keyboard shortcuts window, built when first asked for: GtkApplication
 * would build it with every window (from gtk/help-overlay.ui), a tenth of
 * the time the window takes to appear. Once set as the window's help
 * overlay it shows the keys of the actions it lists. */
static void
shortcuts_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);

  if (gtk_application_window_get_help_overlay (window) == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/samordna/Samordna/sam-shortcuts.ui");

      gtk_application_window_set_help_overlay (window, GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder,
                                                                                                       "help_overlay")));
    }
  gtk_window_present (GTK_WINDOW (gtk_application_window_get_help_overlay (window)));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);

  if (self->store == NULL)
    return;
  if (self->view != SAM_VIEW_PLANS)
    sam_window_show_view (self, SAM_VIEW_PLANS);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  sam_window_clear_filters (SAM_WINDOW (widget));
}

/* Undo and redo */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gboolean redo = g_str_equal (action_name, "win.redo");

  if (self->store == NULL)
    return;
  if (!(redo ? sam_store_redo (self->store, &error) : sam_store_undo (self->store, &error)))
    show_error (self, redo ? _("Could Not Redo") : _("Could Not Undo"), error->message);
  sam_window_update_actions (self);
}

/* New records */

static SamRecord *
context_record (SamWindow *self)
{
  return sam_editor_get_record (self->editor);
}

/* The id of the @kind the context record is, or belongs to, or 0. */
static gint64
context_id (SamWindow *self,
            SamKind    kind)
{
  SamRecord *r = context_record (self);
  g_autoptr(SamRecord) plan = NULL;

  if (r == NULL)
    return 0;
  if (sam_record_get_kind (r) == kind)
    return sam_record_get_id (r);
  if (kind == SAM_KIND_PLAN && sam_record_get_kind (r) == SAM_KIND_ACTIVITY)
    return sam_record_get_int (r, "plan_id");
  if (kind == SAM_KIND_MEASURE)
    {
      if (sam_kind_find_field (sam_record_get_kind (r), "measure_id"))
        return sam_record_get_int (r, "measure_id");
      if (sam_record_get_kind (r) == SAM_KIND_ACTIVITY
          && (plan = sam_store_get (self->store, SAM_KIND_PLAN, sam_record_get_int (r, "plan_id"), NULL)))
        return sam_record_get_int (plan, "measure_id");
    }
  if (kind == SAM_KIND_FOCUS_AREA && sam_record_get_kind (r) == SAM_KIND_MEASURE)
    return sam_record_get_int (r, "focus_area_id");
  if (kind == SAM_KIND_SEMINAR_FORMAT && sam_record_get_kind (r) == SAM_KIND_SEMINAR)
    return sam_record_get_int (r, "format_id");
  return 0;
}

static gint64
first_id (SamStore *store,
          SamKind   kind)
{
  g_autoptr(GPtrArray) all = sam_store_list (store, kind, NULL);

  return all && all->len ? sam_record_get_id (all->pdata[0]) : 0;
}

/* What to select before making something that must go inside it. */
static const char *
where_first (SamKind parent_kind)
{
  switch (parent_kind)
    {
    case SAM_KIND_PLAN:
      return _("Select a plan in the tree first; the new activity goes in it.");
    case SAM_KIND_MEASURE:
      return _("Select a measure in the tree first; the new item goes under it.");
    case SAM_KIND_FOCUS_AREA:
      return _("Create a focus area first; a measure goes under one.");
    case SAM_KIND_SEMINAR_FORMAT:
      return _("Create a seminar format first; every seminar has one.");
    case SAM_KIND_AGENCY:
      return _("Select the agency the new one reports to first.");
    case SAM_KIND_TARGET_GROUP:
      return _("Select the target group the new one is part of first.");
    default:
      return _("There is nothing to put the new item in yet.");
    }
}

/* A new seminar is planned in the year shown: a month from today in this
 * year, or the first of March in another. */
static void
place_seminar (SamWindow *self,
               SamRecord *seminar)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *starts = NULL, *ends = NULL;
  int year = self->seminar_year ? self->seminar_year : g_date_time_get_year (now);

  if (year == g_date_time_get_year (now))
    day = g_date_time_add_days (now, 30);
  if (day == NULL || g_date_time_get_year (day) != year)
    {
      g_clear_pointer (&day, g_date_time_unref);
      day = g_date_time_new_local (year, 3, 1, 9, 0, 0);
    }
  starts = g_date_time_format (day, "%Y-%m-%dT09:00");
  ends = g_date_time_format (day, "%Y-%m-%dT15:00");
  sam_record_set_string (seminar, "starts_at", starts);
  sam_record_set_string (seminar, "ends_at", ends);
  sam_record_set_string (seminar, "status", "planned");
}

/* Sets the field that puts a new record of @kind in its place; FALSE
 * with a message when the context gives none. */
static gboolean
place_new (SamWindow  *self,
           SamRecord  *record,
           gboolean    under,
           GError    **error)
{
  SamRecord *ctx = context_record (self);
  SamKind kind = sam_record_get_kind (record);
  const char *parent_field = NULL;
  SamKind parent_kind = SAM_KIND_NONE;
  gint64 parent = 0;

  switch (kind)
    {
    case SAM_KIND_ACTIVITY:
      parent_field = "plan_id", parent_kind = SAM_KIND_PLAN;
      parent = context_id (self, SAM_KIND_PLAN);
      if (parent == 0 && self->filter)
        parent = sam_activity_filter_get_query (self->filter)->plan_id;
      break;
    case SAM_KIND_PLAN:
    case SAM_KIND_GOAL:
    case SAM_KIND_PRIORITY_TASK:
      parent_field = "measure_id", parent_kind = SAM_KIND_MEASURE;
      parent = context_id (self, SAM_KIND_MEASURE);
      break;
    case SAM_KIND_MEASURE:
      parent_field = "focus_area_id", parent_kind = SAM_KIND_FOCUS_AREA;
      parent = context_id (self, SAM_KIND_FOCUS_AREA);
      if (parent == 0)
        parent = first_id (self->store, SAM_KIND_FOCUS_AREA);
      break;
    case SAM_KIND_FOCUS_AREA:
      parent_field = "strategy_id", parent_kind = SAM_KIND_STRATEGY;
      parent = first_id (self->store, SAM_KIND_STRATEGY);
      break;
    case SAM_KIND_SEMINAR:
      parent_field = "format_id", parent_kind = SAM_KIND_SEMINAR_FORMAT;
      parent = context_id (self, SAM_KIND_SEMINAR_FORMAT);
      if (parent == 0)
        parent = first_id (self->store, SAM_KIND_SEMINAR_FORMAT);
      place_seminar (self, record);
      break;
    case SAM_KIND_AGENCY:
    case SAM_KIND_TARGET_GROUP:
      if (ctx && sam_record_get_kind (ctx) == kind && kind == SAM_KIND_TARGET_GROUP)
        sam_record_set_string (record, "category", sam_record_get_string (ctx, "category"));
      if (under)
        {
          parent_field = "parent_id", parent_kind = kind;
          parent = context_id (self, kind);
        }
      break;
    default:
      break;
    }
  if (parent_field && parent == 0)
    {
      g_set_error_literal (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, where_first (parent_kind));
      return FALSE;
    }
  if (parent_field)
    sam_record_set_int (record, parent_field, parent);
  return TRUE;
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);
  const char *what = g_variant_get_string (parameter, NULL);
  gboolean under = g_str_has_suffix (what, "-under");
  g_autofree char *name = under ? g_strndup (what, strlen (what) - strlen ("-under")) : g_strdup (what);
  g_autoptr(SamRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (new_kinds) && record == NULL; i++)
    if (g_str_equal (new_kinds[i].name, name))
      {
        record = sam_record_new (new_kinds[i].kind);
        sam_record_set_string (record, sam_kind_get_info (new_kinds[i].kind)->title_field,
                               _(new_kinds[i].title));
      }
  g_return_if_fail (record != NULL);
  if (sam_record_get_kind (record) == SAM_KIND_ACTIVITY)
    {
      sam_record_set_string (record, "status", "planned");
      sam_record_set_int (record, "progress", 0);
    }
  if (!place_new (self, record, under, &error) || !sam_rules_save (self->store, record, &error))
    {
      show_error (self, _("Could Not Create It"), error->message);
      return;
    }
  sam_window_select_record (self, record);
  sam_editor_focus_first (self->editor);
}

static void
new_menu_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  gtk_menu_button_popup (SAM_WINDOW (widget)->new_button);
}

/* Duplicate and delete */

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);
  SamRecord *shown = sam_editor_get_record (self->editor);
  g_autoptr(SamRecord) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  const SamKindInfo *info;

  if (shown == NULL)
    return;
  info = sam_kind_get_info (sam_record_get_kind (shown));
  copy = sam_record_copy (shown);
  sam_record_set_id (copy, 0);
  /* TRANSLATORS: the name of a copy. */
  title = g_strdup_printf (_("%s (copy)"), sam_record_get_title (shown));
  sam_record_set_string (copy, info->title_field, title);
  if (sam_kind_find_field (info->kind, "short_name"))
    sam_record_unset (copy, "short_name");
  if (!sam_rules_save (self->store, copy, &error))
    {
      show_error (self, _("Could Not Duplicate It"), error->message);
      return;
    }
  sam_window_select_record (self, copy);
  sam_window_toast (self, _("Duplicated"), TRUE);
}

static void
toast_deleted (SamWindow  *self,
               const char *title)
{
  g_autofree char *text = g_strdup_printf (_("“%s” deleted"), title);

  sam_window_toast (self, text, TRUE);
}

typedef struct
{
  SamWindow   *window;
  SamRecord   *record;
  GtkDropDown *choice;
} DeleteData;

static void
delete_data_free (DeleteData *data)
{
  g_object_unref (data->window);
  g_object_unref (data->record);
  g_free (data);
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       DeleteData       *data)
{
  SamRecord *replacement = gtk_drop_down_get_selected_item (data->choice);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup (sam_record_get_title (data->record));

  if (g_strcmp0 (response, "delete") == 0)
    {
      if (sam_store_delete_replacing (data->window->store, sam_record_get_kind (data->record),
                                      sam_record_get_id (data->record),
                                      replacement ? sam_record_get_id (replacement) : 0, &error))
        toast_deleted (data->window, title);
      else
        show_error (data->window, _("Could Not Delete It"), error->message);
    }
  delete_data_free (data);
}

/* The choice of what happens to the links: removed, or moved to another
 * record of the same kind. */
static GtkDropDown *
replacement_choice (SamWindow *self,
                    SamRecord *record)
{
  g_autoptr(GPtrArray) all = sam_store_list (self->store, sam_record_get_kind (record), NULL);
  GListStore *options = g_list_store_new (SAM_TYPE_RECORD);
  g_autoptr(SamRecord) none = sam_record_new (sam_record_get_kind (record));
  const char *title_field = sam_kind_get_info (sam_record_get_kind (record))->title_field;
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (SAM_TYPE_RECORD, NULL, "title");
  GtkDropDown *dropdown;

  sam_record_set_string (none, title_field, _("Remove the links"));
  g_list_store_append (options, none);
  for (guint i = 0; all && i < all->len; i++)
    if (sam_record_get_id (all->pdata[i]) != sam_record_get_id (record))
      {
        g_autofree char *text = g_strdup_printf (_("Move them to %s"), sam_record_get_title (all->pdata[i]));
        g_autoptr(SamRecord) option = sam_record_new (sam_record_get_kind (record));

        sam_record_set_id (option, sam_record_get_id (all->pdata[i]));
        sam_record_set_string (option, title_field, text);
        g_list_store_append (options, option);
      }
  dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (options), g_steal_pointer (&expression)));
  gtk_drop_down_set_enable_search (dropdown, TRUE);
  return dropdown;
}

static void
ask_delete_in_use (SamWindow  *self,
                   SamRecord  *record,
                   const char *message)
{
  g_autofree char *heading = g_strdup_printf (_("Delete “%s”?"), sam_record_get_title (record));
  g_autofree char *body = g_strdup_printf ("%s\n\n%s", message, _("Choose what happens to the links:"));
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  DeleteData *data = g_new0 (DeleteData, 1);

  data->window = g_object_ref (self);
  data->record = g_object_ref (record);
  data->choice = replacement_choice (self, record);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (data->choice));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response_cb), data);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);
  g_autoptr(SamRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  if (sam_editor_get_record (self->editor) == NULL)
    return;
  record = g_object_ref (sam_editor_get_record (self->editor));
  if (sam_rules_delete (self->store, sam_record_get_kind (record), sam_record_get_id (record), &error))
    toast_deleted (self, sam_record_get_title (record));
  else if (g_error_matches (error, SAM_STORE_ERROR, SAM_STORE_ERROR_IN_USE))
    ask_delete_in_use (self, record, error->message);
  else
    show_error (self, _("Could Not Delete It"), error->message);
}

/* Status */

static void
record_status_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);
  SamRecord *shown = sam_editor_get_record (self->editor);

  if (shown == NULL || sam_record_get_kind (shown) != SAM_KIND_ACTIVITY)
    return;
  gtk_window_present (GTK_WINDOW (sam_status_dialog_new (GTK_WINDOW (self), self->store, shown)));
}

/* Keeping the actions' state */

static void
set_new_menu (SamWindow *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (new_menu); i++)
    if (new_menu[i].view == self->view)
      {
        g_autoptr(GMenuItem) item = g_menu_item_new (_(new_menu[i].label), NULL);
        g_menu_item_set_action_and_target (item, "win.new", "s", new_menu[i].target);
        g_menu_append_item (menu, item);
      }
  gtk_menu_button_set_menu_model (self->new_button, G_MENU_MODEL (menu));
}

/* Enables what can be done now and names what undo and redo would do. */
void
sam_window_update_actions (SamWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  SamRecord *shown = sam_editor_get_record (self->editor);
  gboolean have = self->store != NULL;
  g_autofree char *undo = have ? sam_store_get_undo_label (self->store) : NULL;
  g_autofree char *redo = have ? sam_store_get_redo_label (self->store) : NULL;
  g_autofree char *undo_tip = g_strdup_printf (_("Undo: %s (Ctrl+Z)"), undo ? undo : _("nothing"));
  g_autofree char *redo_tip = g_strdup_printf (_("Redo: %s (Ctrl+Shift+Z)"), redo ? redo : _("nothing"));

  gtk_widget_action_set_enabled (widget, "win.undo", undo != NULL);
  gtk_widget_action_set_enabled (widget, "win.redo", redo != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->undo_button), undo_tip);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->redo_button), redo_tip);
  gtk_widget_action_set_enabled (widget, "win.new", have);
  gtk_widget_action_set_enabled (widget, "win.new-menu", have);
  gtk_widget_action_set_enabled (widget, "win.duplicate", shown != NULL);
  gtk_widget_action_set_enabled (widget, "win.delete", shown != NULL);
  gtk_widget_action_set_enabled (widget, "win.record-status",
                                 shown != NULL && sam_record_get_kind (shown) == SAM_KIND_ACTIVITY);
  gtk_widget_action_set_enabled (widget, "win.search", have);
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_button), have);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), have);
  if (have)
    set_new_menu (self);
}

void
sam_window_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.new-database", NULL, new_database_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.view", "s", view_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.new", "s", new_action);
  gtk_widget_class_install_action (widget_class, "win.new-menu", NULL, new_menu_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "win.record-status", NULL, record_status_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.shortcuts", NULL, shortcuts_action);
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL, clear_filters_action);
  sam_round_actions_install (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.duplicate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.record-status", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  for (guint v = 0; v < SAM_N_VIEWS && v < 9; v++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + v, GDK_ALT_MASK,
                                         "win.view", "s", sam_view_get_name (v));
}
