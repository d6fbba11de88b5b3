#define G_LOG_DOMAIN "sam-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sam-window-private.h"
#include "models/sam-tree.h"

/* The filter bar over the activity table: each drop-down lists records
 * with an "any" first; the query follows the widgets. */

static GListModel *
options (SamStore   *store,
         SamKind     kind,
         const char *any)
{
  g_autoptr(GPtrArray) records = sam_store_list (store, kind, NULL);
  GListStore *list = g_list_store_new (SAM_TYPE_RECORD);
  g_autoptr(SamRecord) first = sam_record_new (kind);

  sam_record_set_string (first, sam_kind_get_info (kind)->title_field, any);
  g_list_store_append (list, first);
  for (guint i = 0; records && i < records->len; i++)
    {
      g_autofree char *title = sam_tree_describe (records->pdata[i]);
      g_autoptr(SamRecord) option = sam_record_new (kind);

      sam_record_set_id (option, sam_record_get_id (records->pdata[i]));
      sam_record_set_string (option, sam_kind_get_info (kind)->title_field, title);
      g_list_store_append (list, option);
    }
  return G_LIST_MODEL (list);
}

static gint64
selected_id (GtkDropDown *dropdown)
{
  SamRecord *r = gtk_drop_down_get_selected_item (dropdown);

  return r ? sam_record_get_id (r) : 0;
}

static void
select_id (GtkDropDown *dropdown,
           gint64       id)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; model && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SamRecord) r = g_list_model_get_item (model, i);
      if (sam_record_get_id (r) == id)
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
    }
  gtk_drop_down_set_selected (dropdown, 0);
}

static void
refill (GtkDropDown *dropdown,
        GListModel  *model)
{
  gint64 id = selected_id (dropdown);

  gtk_drop_down_set_model (dropdown, model);
  select_id (dropdown, id);
  g_object_unref (model);
}

/* Fills the drop-downs from the store, keeping what was chosen. */
void
sam_window_fill_filters (SamWindow *self)
{
  if (self->activity_view == NULL)
    return;   /* the Plans view is not built yet; it fills them then */
  self->refreshing = TRUE;
  refill (self->agency_filter, options (self->store, SAM_KIND_AGENCY, _("Any agency")));
  refill (self->sector_filter, options (self->store, SAM_KIND_SECTOR, _("Any sector")));
  refill (self->group_filter, options (self->store, SAM_KIND_TARGET_GROUP, _("Any target group")));
  refill (self->period_filter, options (self->store, SAM_KIND_REPORTING_PERIOD, _("Reported or not")));
  self->refreshing = FALSE;
}

void
sam_window_setup_filters (SamWindow *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_string_list_append (statuses, _("Any status"));
  for (guint i = 0; sam_status_values[i].nick; i++)
    gtk_string_list_append (statuses, g_dgettext (GETTEXT_PACKAGE, sam_status_values[i].label));
  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (statuses));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_object_bind_property (self->search_button, "active", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

static void
add_choice (GString     *text,
            GtkDropDown *dropdown)
{
  SamRecord *r = gtk_drop_down_get_selected_item (dropdown);

  if (r == NULL || sam_record_get_id (r) == 0)
    return;
  g_string_append_printf (text, "%s%s", text->len ? " · " : "", sam_record_get_title (r));
}

/* Names the filters in force beside the Filters button. */
static void
update_summary (SamWindow *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint status = gtk_drop_down_get_selected (self->status_filter);

  SamActivityQuery *q = sam_activity_filter_get_query (self->filter);

  if (q->measure_id || q->plan_id)
    {
      g_autoptr(SamRecord) r = sam_store_get (self->store, q->plan_id ? SAM_KIND_PLAN : SAM_KIND_MEASURE,
                                              q->plan_id ? q->plan_id : q->measure_id, NULL);
      g_autofree char *name = r ? sam_tree_describe (r) : NULL;
      if (name)
        g_string_append (text, name);
    }
  add_choice (text, self->agency_filter);
  if (text->len && gtk_check_button_get_active (self->subordinates_check))
    g_string_append_printf (text, " %s", _("and subordinates"));
  add_choice (text, self->sector_filter);
  add_choice (text, self->group_filter);
  if (status > 0 && status != GTK_INVALID_LIST_POSITION)
    g_string_append_printf (text, "%s%s", text->len ? " · " : "",
                            g_dgettext (GETTEXT_PACKAGE, sam_status_values[status - 1].label));
  if (selected_id (self->period_filter))
    {
      SamRecord *p = gtk_drop_down_get_selected_item (self->period_filter);
      g_autofree char *not_reported = g_strdup_printf (_("not reported in %s"), sam_record_get_title (p));
      g_string_append_printf (text, "%s%s", text->len ? " · " : "", not_reported);
    }
  if (gtk_toggle_button_get_active (self->overdue_toggle))
    g_string_append_printf (text, "%s%s", text->len ? " · " : "", _("overdue"));
  gtk_label_set_text (self->active_label, text->str);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->active_label), text->str);
}

static void
update_count (SamWindow *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint total = g_list_model_get_n_items (sam_activity_list_get_model (self->activities));
  g_autofree char *text = NULL;

  if (sam_activity_list_is_loading (self->activities))
    text = g_strdup (_("Reading the activities…"));
  else
    /* TRANSLATORS: how many activities the filters let through, of how many. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u activity", "%u of %u activities", total),
                            shown, total);
  gtk_label_set_text (self->count_label, text);
}

/* Reads the search and filter widgets into the query. The plans tree's
 * selection (measure or plan) is set by the tree, not here. */
void
sam_window_apply_filters (SamWindow *self)
{
  SamActivityQuery *q;
  gint64 agency;
  guint status;

  if (self->filter == NULL || self->activities == NULL || self->refreshing)
    return;
  q = sam_activity_filter_get_query (self->filter);
  sam_activity_query_set_text (q, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  agency = selected_id (self->agency_filter);
  g_clear_pointer (&q->agencies, g_hash_table_unref);
  g_clear_pointer (&q->duty_sectors, g_hash_table_unref);
  if (agency)
    {
      q->agencies = sam_agency_with_subordinates (self->store, agency,
                                                  gtk_check_button_get_active (self->subordinates_check));
      q->duty_sectors = sam_sectors_of (self->store, q->agencies);
    }
  q->sector_id = selected_id (self->sector_filter);
  q->target_group_id = selected_id (self->group_filter);
  q->not_reported = selected_id (self->period_filter);
  status = gtk_drop_down_get_selected (self->status_filter);
  g_clear_pointer (&q->status, g_free);
  if (status > 0 && status != GTK_INVALID_LIST_POSITION)
    q->status = g_strdup (sam_status_values[status - 1].nick);
  q->overdue = gtk_toggle_button_get_active (self->overdue_toggle);
  g_free (q->today);
  q->today = sam_today ();
  sam_activity_filter_changed (self->filter);
  update_count (self);
  update_summary (self);
}

/* Chooses @id in the filter drop-down @name ("agency", "group", "sector",
 * "period"), or sets the "overdue" toggle; call sam_window_apply_filters()
 * after. */
void
sam_window_select_filter (SamWindow  *self,
                          const char *name,
                          gint64      id)
{
  sam_window_ensure_page (self, SAM_PAGE_PLANS);
  self->refreshing = TRUE;
  if (g_str_equal (name, "overdue"))
    gtk_toggle_button_set_active (self->overdue_toggle, id != 0);
  else
    select_id (GTK_DROP_DOWN (sam_window_get_filter_widget (self, name)), id);
  self->refreshing = FALSE;
}

/* Clears every filter, the search and the tree's measure or plan. */
void
sam_window_clear_filters (SamWindow *self)
{
  SamActivityQuery *q = sam_activity_filter_get_query (self->filter);

  q->measure_id = 0;
  q->plan_id = 0;
  if (self->activity_view == NULL)
    return;   /* the Plans view is not built yet: nothing chosen */
  self->refreshing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->agency_filter, 0);
  gtk_check_button_set_active (self->subordinates_check, FALSE);
  gtk_drop_down_set_selected (self->sector_filter, 0);
  gtk_drop_down_set_selected (self->group_filter, 0);
  gtk_drop_down_set_selected (self->status_filter, 0);
  gtk_drop_down_set_selected (self->period_filter, 0);
  gtk_toggle_button_set_active (self->overdue_toggle, FALSE);
  if (self->plan_rows)
    gtk_single_selection_set_selected (self->plan_rows, GTK_INVALID_LIST_POSITION);
  self->refreshing = FALSE;
  sam_window_apply_filters (self);
}
