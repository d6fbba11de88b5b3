#define G_LOG_DOMAIN "sam-tree"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sam-tree.h"
#include "store/sam-changes.h"
#include "store/sam-closing.h"
#include "store/sam-coordination.h"
#include "store/sam-figures.h"

static const struct { const char *name; const char *title; } views[SAM_N_VIEWS] = {
  { "overview", N_("Overview") },
  { "plans", N_("Plans") },
  { "follow-up", N_("Follow-up") },
  { "seminars", N_("Seminars") },
  { "responsibility", N_("Responsibility") },
  { "coverage", N_("Coverage") },
  { "checks", N_("Checks") },
  { "agencies", N_("Agencies") },
  { "target-groups", N_("Target groups") },
  { "sectors", N_("Sectors") },
  { "knowledge", N_("Knowledge gaps") },
  { "obligations", N_("Obligations") },
  { "periods", N_("Reporting periods") },
  { "reports", N_("Reports") },
};

const char *
sam_view_get_name (SamView view)
{
  g_return_val_if_fail (view < SAM_N_VIEWS, NULL);
  return views[view].name;
}

const char *
sam_view_get_title (SamView view)
{
  g_return_val_if_fail (view < SAM_N_VIEWS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, views[view].title);
}

/* Returns the view named @name, or SAM_VIEW_OVERVIEW for an unknown name. */
SamView
sam_view_from_name (const char *name)
{
  for (guint v = 0; v < SAM_N_VIEWS; v++)
    if (g_strcmp0 (views[v].name, name) == 0)
      return (SamView) v;
  return SAM_VIEW_OVERVIEW;
}

/* Returns the text that names @record in a list or a link, with the
 * number of a focus area, measure or knowledge gap in front. */
char *
sam_tree_describe (SamRecord *record)
{
  g_return_val_if_fail (SAM_IS_RECORD (record), NULL);

  switch (sam_record_get_kind (record))
    {
    case SAM_KIND_FOCUS_AREA:
      return g_strdup_printf (_("Focus area %d: %s"), (int) sam_record_get_int (record, "number"),
                              sam_record_get_title (record));
    case SAM_KIND_MEASURE:
      return g_strdup_printf (_("Measure %d: %s"), (int) sam_record_get_int (record, "number"),
                              sam_record_get_title (record));
    case SAM_KIND_KNOWLEDGE_GAP:
      return g_strdup_printf ("%d. %s", (int) sam_record_get_int (record, "number"),
                              sam_record_get_title (record));
    case SAM_KIND_OBLIGATION:
      return g_strdup_printf ("%s: %s", sam_record_get_string (record, "reference"),
                              sam_record_get_title (record));
    case SAM_KIND_AGENCY:
      if (*sam_record_get_string (record, "short_name"))
        return g_strdup_printf ("%s (%s)", sam_record_get_title (record),
                                sam_record_get_string (record, "short_name"));
      return g_strdup (sam_record_get_title (record));
    default:
      return g_strdup (sam_record_get_title (record));
    }
}

static char *
subtitle_for (SamRecord *record)
{
  const SamKindInfo *info = sam_kind_get_info (sam_record_get_kind (record));
  const SamField *kind_field = sam_kind_find_field (info->kind, "kind");

  switch (info->kind)
    {
    case SAM_KIND_AGENCY:
    case SAM_KIND_PLAN:
    case SAM_KIND_SEMINAR_FORMAT:
      return g_strdup (sam_enum_label (kind_field->values, sam_record_get_string (record, "kind")));
    case SAM_KIND_TARGET_GROUP:
      return g_strdup (sam_enum_label (sam_target_category_values, sam_record_get_string (record, "category")));
    case SAM_KIND_OBLIGATION:
      return g_strdup (sam_enum_label (sam_obligation_source_values, sam_record_get_string (record, "source")));
    case SAM_KIND_ACTIVITY:
    case SAM_KIND_RD_PROJECT:
      return g_strdup (sam_enum_label (sam_status_values, sam_record_get_string (record, "status")));
    case SAM_KIND_SEMINAR:
      return sam_format_datetime (sam_record_get_string (record, "starts_at"));
    case SAM_KIND_REPORTING_PERIOD:
      return g_strdup_printf ("%s – %s", sam_record_get_string (record, "start_date"),
                              sam_record_get_string (record, "end_date"));
    default:
      return g_strdup (g_dgettext (GETTEXT_PACKAGE, info->label));
    }
}

/* What a branch needs to list its children. */
typedef struct
{
  SamStore   *store;
  SamView     view;
  SamKind     kind;       /* headings: the kind listed */
  const char *field;      /* headings: the field that selects it, or a category */
  gint64      id;         /* headings: the value of that field */
} Ctx;

static void
ctx_free (gpointer data)
{
  Ctx *ctx = data;

  g_object_unref (ctx->store);
  g_free (ctx);
}

static Ctx *
ctx_new (SamStore   *store,
         SamView     view,
         SamKind     kind,
         const char *field,
         gint64      id)
{
  Ctx *ctx = g_new0 (Ctx, 1);

  *ctx = (Ctx) { g_object_ref (store), view, kind, field, id };
  return ctx;
}

static GListModel *record_children (SamNode *node, gpointer ctx);

/* Kinds whose records have children in the trees. */
static gboolean
is_branch (Ctx       *ctx,
           SamRecord *record)
{
  switch (sam_record_get_kind (record))
    {
    case SAM_KIND_FOCUS_AREA:
    case SAM_KIND_MEASURE:
    case SAM_KIND_SEMINAR_FORMAT:
      return TRUE;
    case SAM_KIND_AGENCY:
    case SAM_KIND_TARGET_GROUP:
      {
        g_autoptr(GPtrArray) under = NULL;

        if (ctx->view == SAM_VIEW_FOLLOW_UP)
          return FALSE;
        under = sam_store_list_by (ctx->store, sam_record_get_kind (record), "parent_id",
                                   sam_record_get_id (record), NULL);
        return under != NULL && under->len > 0;
      }
    default:
      return FALSE;
    }
}

/* A reporting period's dates, and whether it is closed. */
static char *
period_subtitle (Ctx       *ctx,
                 SamRecord *record)
{
  g_autofree char *dates = subtitle_for (record);
  g_autoptr(SamRecord) closing = sam_closing_get (ctx->store, sam_record_get_string (record, "code"), NULL);

  if (closing == NULL)
    return g_steal_pointer (&dates);
  /* TRANSLATORS: a period's dates, then when it was closed: "2026-05-01 – 2026-08-31 · closed 2026-09-12". */
  return g_strdup_printf (_("%s · closed %.10s"), dates, sam_record_get_string (closing, "closed_at"));
}

static SamNode *
node_new (Ctx       *ctx,
          SamRecord *record)
{
  g_autofree char *title = sam_tree_describe (record);
  g_autofree char *subtitle = sam_record_get_kind (record) == SAM_KIND_REPORTING_PERIOD
                              ? period_subtitle (ctx, record) : subtitle_for (record);
  SamNode *node = sam_node_new (title, subtitle, record);

  if (is_branch (ctx, record))
    sam_node_set_children (node, record_children,
                           ctx_new (ctx->store, ctx->view, SAM_KIND_NONE, NULL, 0), ctx_free);
  return node;
}

/* A list of one node that says why a list could not be read: a read that
 * fails tells the user where the list would be. */
static GListModel *
error_list (const GError *error)
{
  GListStore *list = g_list_store_new (SAM_TYPE_NODE);
  g_autoptr(SamNode) node = sam_node_new (error->message, _("Could not be read"), NULL);

  g_list_store_append (list, node);
  return G_LIST_MODEL (list);
}

static GListModel *
nodes_for (Ctx       *ctx,
           GPtrArray *records)
{
  GListStore *list = g_list_store_new (SAM_TYPE_NODE);

  for (guint i = 0; records && i < records->len; i++)
    {
      g_autoptr(SamNode) node = node_new (ctx, records->pdata[i]);
      g_list_store_append (list, node);
    }
  return G_LIST_MODEL (list);
}

static GListModel *
list_by (Ctx        *ctx,
         SamKind     kind,
         const char *field,
         gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = sam_store_list_by (ctx->store, kind, field, id, &error);

  return records ? nodes_for (ctx, records) : error_list (error);
}

static GListModel *
group_children (SamNode  *node,
                gpointer  data)
{
  Ctx *group = data;

  return list_by (group, group->kind, group->field, group->id);
}

/* Appends a heading node ("Goals") over the records of @kind whose @field
 * is @id, unless there are none. */
static void
append_group (GListStore *list,
              Ctx        *ctx,
              SamKind     kind,
              const char *field,
              gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = sam_store_list_by (ctx->store, kind, field, id, &error);
  g_autoptr(SamNode) heading = NULL;
  g_autofree char *count = NULL;

  if (records != NULL && records->len == 0)
    return;
  /* A list that cannot be read shows its heading, which opens on why. */
  count = records ? g_strdup_printf ("%u", records->len) : g_strdup (_("Could not be read"));
  heading = sam_node_new (g_dgettext (GETTEXT_PACKAGE, sam_kind_get_info (kind)->plural), count, NULL);
  sam_node_set_children (heading, group_children, ctx_new (ctx->store, ctx->view, kind, field, id), ctx_free);
  g_list_store_append (list, heading);
}

static GListModel *
measure_children (Ctx    *ctx,
                  gint64  id)
{
  GListStore *list = g_list_store_new (SAM_TYPE_NODE);

  append_group (list, ctx, SAM_KIND_GOAL, "measure_id", id);
  append_group (list, ctx, SAM_KIND_PRIORITY_TASK, "measure_id", id);
  append_group (list, ctx, SAM_KIND_PLAN, "measure_id", id);
  append_group (list, ctx, SAM_KIND_KNOWLEDGE_GAP, "measure_id", id);
  append_group (list, ctx, SAM_KIND_OBLIGATION, "measures", id);
  return G_LIST_MODEL (list);
}

static GListModel *
record_children (SamNode  *node,
                 gpointer  data)
{
  Ctx *ctx = data;
  SamRecord *record = sam_node_get_record (node);
  gint64 id = sam_record_get_id (record);

  switch (sam_record_get_kind (record))
    {
    case SAM_KIND_FOCUS_AREA:
      return list_by (ctx, SAM_KIND_MEASURE, "focus_area_id", id);
    case SAM_KIND_MEASURE:
      return measure_children (ctx, id);
    case SAM_KIND_SEMINAR_FORMAT:
      return list_by (ctx, SAM_KIND_SEMINAR, "format_id", id);
    case SAM_KIND_AGENCY:
      return list_by (ctx, SAM_KIND_AGENCY, "parent_id", id);
    case SAM_KIND_TARGET_GROUP:
      return list_by (ctx, SAM_KIND_TARGET_GROUP, "parent_id", id);
    default:
      return NULL;
    }
}

static int
ministries_first (gconstpointer a,
                  gconstpointer b)
{
  SamRecord *ra = *(SamRecord **) a, *rb = *(SamRecord **) b;
  gboolean ma = g_strcmp0 (sam_record_get_string (ra, "kind"), "ministry") == 0;
  gboolean mb = g_strcmp0 (sam_record_get_string (rb, "kind"), "ministry") == 0;

  if (ma != mb)
    return ma ? -1 : 1;
  return g_utf8_collate (sam_record_get_title (ra), sam_record_get_title (rb));
}

static GListModel *
category_children (SamNode  *node,
                   gpointer  data)
{
  Ctx *ctx = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roots = sam_store_list_by (ctx->store, SAM_KIND_TARGET_GROUP, "parent_id", 0, &error);
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();

  if (roots == NULL)
    return error_list (error);
  for (guint i = 0; roots && i < roots->len; i++)
    if (g_strcmp0 (sam_record_get_string (roots->pdata[i], "category"), ctx->field) == 0)
      g_ptr_array_add (mine, roots->pdata[i]);
  return nodes_for (ctx, mine);
}

static GListModel *
target_group_roots (Ctx *ctx)
{
  GListStore *list = g_list_store_new (SAM_TYPE_NODE);

  for (const SamEnumValue *c = sam_target_category_values; c->nick; c++)
    {
      g_autoptr(SamNode) heading = sam_node_new (g_dgettext (GETTEXT_PACKAGE, c->label), NULL, NULL);

      sam_node_set_children (heading, category_children,
                             ctx_new (ctx->store, ctx->view, SAM_KIND_TARGET_GROUP, c->nick, 0), ctx_free);
      g_list_store_append (list, heading);
    }
  return G_LIST_MODEL (list);
}

static GListModel *
list_all (Ctx     *ctx,
          SamKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = sam_store_list (ctx->store, kind, &error);

  return records ? nodes_for (ctx, records) : error_list (error);
}

static void
append_all (GListStore *list,
            GListModel *more)
{
  for (guint i = 0; i < g_list_model_get_n_items (more); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (more, i);
      g_list_store_append (list, item);
    }
  g_object_unref (more);
}

/* Follow-up: the activities not reported in a period (by the rules of
 * sam-figures.h, as at that period), under their lead agency, agencies by
 * name, "No lead agency" last. One pass over the activities finds them
 * all; an agency's activities are read when it is opened. */
typedef struct
{
  gint64  id;
  char   *title;
  char   *status;    /* as at the period */
} FollowUpItem;

static void
follow_up_item_clear (gpointer data)
{
  FollowUpItem *item = data;

  g_free (item->title);
  g_free (item->status);
}

typedef struct
{
  SamStore *store;
  GArray   *items;        /* FollowUpItem: its activities not reported */
} FollowUp;

static void
follow_up_free (gpointer data)
{
  FollowUp *f = data;

  g_object_unref (f->store);
  g_array_unref (f->items);
  g_free (f);
}

static GListModel *
follow_up_children (SamNode  *node,
                    gpointer  data)
{
  FollowUp *f = data;
  GListStore *list = g_list_store_new (SAM_TYPE_NODE);

  for (guint i = 0; i < f->items->len; i++)
    {
      const FollowUpItem *item = &g_array_index (f->items, FollowUpItem, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(SamRecord) record = sam_store_get (f->store, SAM_KIND_ACTIVITY, item->id, &error);
      g_autoptr(SamNode) child = NULL;

      if (record == NULL && !g_error_matches (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND))
        return g_object_unref (list), error_list (error);
      /* A closed period lists what it froze, also an activity removed since. */
      child = sam_node_new (record ? sam_record_get_title (record) : item->title,
                            record ? sam_enum_label (sam_status_values, item->status)
                                   : _("Removed since the period was closed"),
                            record);
      g_list_store_append (list, child);
    }
  return G_LIST_MODEL (list);
}

typedef struct
{
  const SamPeriod *period;
  GHashTable      *by_lead;   /* lead id → GArray of FollowUpItem */
} Unreported;

static gboolean
add_unreported_cb (const SamActivityFactsRow  *row,
                   gpointer                    user_data,
                   GError                    **error)
{
  Unreported *u = user_data;
  FollowUpItem item;
  GArray *items;

  if (!sam_facts_is_unreported (&row->facts, u->period))
    return TRUE;
  if (!(items = g_hash_table_lookup (u->by_lead, &row->lead_id)))
    {
      items = g_array_new (FALSE, FALSE, sizeof (FollowUpItem));
      g_array_set_clear_func (items, follow_up_item_clear);
      g_hash_table_insert (u->by_lead, g_memdup2 (&row->lead_id, sizeof (gint64)), items);
    }
  item = (FollowUpItem) { row->id, g_strdup (row->title),
                          g_strdup (sam_status_values[sam_facts_status (&row->facts)].nick) };
  g_array_append_val (items, item);
  return TRUE;
}

static void
append_follow_up (GListStore      *list,
                  SamStore        *store,
                  SamRecord       *agency,
                  GArray          *items,
                  const SamPeriod *period)
{
  g_autofree char *title = agency ? sam_tree_describe (agency) : g_strdup (_("No lead agency"));
  /* TRANSLATORS: how many activities are not reported, and in which period. */
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u not reported in %s",
                                                         "%u not reported in %s", items->len),
                                            items->len, period->code);
  g_autoptr(SamNode) heading = sam_node_new (title, count, agency);
  FollowUp *f = g_new0 (FollowUp, 1);

  f->store = g_object_ref (store);
  f->items = g_array_ref (items);
  sam_node_set_children (heading, follow_up_children, f, follow_up_free);
  g_list_store_append (list, heading);
}

/* Returns the Follow-up's tree for @period (NULL: none, an empty tree):
 * per lead agency, the activities not reported in it by the rules of
 * sam-figures.h as at it, judged with @today; for a closed period, as it
 * was frozen. A tree that cannot be read holds one node that says why. */
GListModel *
sam_tree_new_follow_up (SamStore        *store,
                        const SamPeriod *period,
                        const char      *today)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GHashTable) by_lead = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         (GDestroyNotify) g_array_unref);
  Unreported unreported = { period, by_lead };
  GListStore *list = g_list_store_new (SAM_TYPE_NODE);
  GArray *items;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  if (!(agencies = sam_store_list (store, SAM_KIND_AGENCY, &error))
      || (period && !sam_figures_foreach (store, NULL, period, today, add_unreported_cb, &unreported, &error)))
    return g_object_unref (list), error_list (error);
  for (guint i = 0; i < agencies->len; i++)
    if ((items = g_hash_table_lookup (by_lead, &(gint64) { sam_record_get_id (agencies->pdata[i]) })))
      append_follow_up (list, store, agencies->pdata[i], items, period);
  if ((items = g_hash_table_lookup (by_lead, &(gint64) { 0 })))
    append_follow_up (list, store, NULL, items, period);
  return G_LIST_MODEL (list);
}

/* The Follow-up of the period running today. */
static GListModel *
follow_up_roots (Ctx *ctx)
{
  g_autofree char *today = sam_today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SamPeriod) period = sam_period_current (ctx->store, today, &error);

  if (error)
    return error_list (error);
  return sam_tree_new_follow_up (ctx->store, period, today);
}

/* Changes since the period before: a heading per kind of change that has
 * any, over its activities, each with what it was and what it is. */
static const char *change_headings[SAM_N_CHANGE_KINDS] = {
  N_("Newly done"),
  N_("Newly delayed or cancelled"),
  N_("Progress up"),
  N_("Progress down"),
  N_("Due date moved"),
  N_("Lead agency changed"),
  N_("Reported last period, not this one"),
  N_("New activities"),
  N_("Removed activities"),
};

typedef struct
{
  gint64  id;
  gint64  plan_id;
  char   *title;
  char   *subtitle;
} ChangeItem;

static void
change_item_clear (gpointer data)
{
  ChangeItem *item = data;

  g_free (item->title);
  g_free (item->subtitle);
}

static GListModel *
change_children (SamNode  *node,
                 gpointer  data)
{
  GArray *items = data;
  GListStore *list = g_list_store_new (SAM_TYPE_NODE);

  for (guint i = 0; i < items->len; i++)
    {
      const ChangeItem *item = &g_array_index (items, ChangeItem, i);
      g_autoptr(SamRecord) record = sam_record_new (SAM_KIND_ACTIVITY);
      g_autoptr(SamNode) child = NULL;

      /* Not read from the store, which thousands of changes would wait
       * for: what names the activity and where it is. */
      sam_record_set_id (record, item->id);
      sam_record_set_string (record, "title", item->title);
      sam_record_set_int (record, "plan_id", item->plan_id);
      child = sam_node_new (item->title, item->subtitle, record);
      g_list_store_append (list, child);
    }
  return G_LIST_MODEL (list);
}

/* What a change was and is, as a line: "In progress → Done". */
static char *
change_subtitle (const SamChange *c,
                 const SamPeriod *previous)
{
  switch (c->kind)
    {
    case SAM_CHANGE_NEWLY_DONE:
    case SAM_CHANGE_NEWLY_DELAYED:
      return g_strdup_printf ("%s → %s", sam_enum_label (sam_status_values, c->before),
                              sam_enum_label (sam_status_values, c->after));
    case SAM_CHANGE_PROGRESS_UP:
    case SAM_CHANGE_PROGRESS_DOWN:
      /* TRANSLATORS: progress then and now, and the change in percentage points. */
      return g_strdup_printf (_("%s %% → %s %% (%+d points)"), c->before, c->after, (int) c->points);
    case SAM_CHANGE_DUE_MOVED:
    case SAM_CHANGE_LEAD_CHANGED:
      return g_strdup_printf ("%s → %s", c->before ? c->before : _("none"), c->after ? c->after : _("none"));
    case SAM_CHANGE_STOPPED_REPORTING:
      /* TRANSLATORS: %s is the period before, where the activity reported. */
      return g_strdup_printf (_("reported in %s"), previous ? previous->code : "");
    case SAM_CHANGE_NEW:
    case SAM_CHANGE_REMOVED:
    case SAM_N_CHANGE_KINDS:
    default:
      return g_strdup (c->lead ? c->lead : "");
    }
}

/* Returns the tree of @changes (sam_changes_read()): a heading per kind
 * of change that has any, with its count, over its activities. An
 * activity's node holds a record that only names it: its id, title and
 * plan (read it from the store to show it whole). */
GListModel *
sam_tree_new_changes (const SamChanges *changes)
{
  GListStore *list = g_list_store_new (SAM_TYPE_NODE);
  GArray *lists[SAM_N_CHANGE_KINDS] = { NULL };

  g_return_val_if_fail (changes != NULL, NULL);

  for (guint i = 0; i < sam_changes_get_n (changes); i++)
    {
      const SamChange *c = sam_changes_get (changes, i);
      ChangeItem item = { c->activity_id, c->plan_id, g_strdup (c->title),
                          change_subtitle (c, sam_changes_get_previous (changes)) };

      if (lists[c->kind] == NULL)
        {
          lists[c->kind] = g_array_new (FALSE, FALSE, sizeof (ChangeItem));
          g_array_set_clear_func (lists[c->kind], change_item_clear);
        }
      g_array_append_val (lists[c->kind], item);
    }
  for (guint k = 0; k < SAM_N_CHANGE_KINDS; k++)
    {
      g_autofree char *count = NULL;
      g_autoptr(SamNode) heading = NULL;

      if (lists[k] == NULL)
        continue;
      count = g_strdup_printf ("%u", lists[k]->len);
      heading = sam_node_new (g_dgettext (GETTEXT_PACKAGE, change_headings[k]), count, NULL);
      sam_node_set_children (heading, change_children, lists[k], (GDestroyNotify) g_array_unref);
      g_list_store_append (list, heading);
    }
  return G_LIST_MODEL (list);
}

static int
by_severity (gconstpointer a,
             gconstpointer b)
{
  const SamCheckResult *ra = *(SamCheckResult **) a, *rb = *(SamCheckResult **) b;

  return (int) rb->severity - (int) ra->severity;
}

/* Checks: each failed check, most severe first, pointing at what it is about. */
static GListModel *
check_roots (Ctx *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = sam_coordination_run_checks (ctx->store, &error);
  GListStore *list = g_list_store_new (SAM_TYPE_NODE);

  if (results == NULL)
    {
      g_autoptr(SamNode) node = sam_node_new (error->message, NULL, NULL);
      g_list_store_append (list, node);
      return G_LIST_MODEL (list);
    }
  g_ptr_array_sort (results, by_severity);
  for (guint i = 0; i < results->len; i++)
    {
      SamCheckResult *r = results->pdata[i];
      g_autoptr(SamRecord) record = r->id ? sam_store_get (ctx->store, r->kind, r->id, NULL) : NULL;
      g_autoptr(SamNode) node = sam_node_new (r->message, sam_severity_to_string (r->severity), record);

      g_list_store_append (list, node);
    }
  return G_LIST_MODEL (list);
}

/* Returns a new list of the root nodes of @view over @store. */
GListModel *
sam_tree_new_roots (SamStore *store,
                    SamView   view)
{
  g_autoptr(GPtrArray) roots = NULL;
  g_autoptr(GError) error = NULL;
  Ctx ctx = { store, view, SAM_KIND_NONE, NULL, 0 };
  GListStore *list;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);

  switch (view)
    {
    case SAM_VIEW_OVERVIEW:
    case SAM_VIEW_RESPONSIBILITY:
    case SAM_VIEW_COVERAGE:
    case SAM_VIEW_REPORTS:
      return G_LIST_MODEL (g_list_store_new (SAM_TYPE_NODE));
    case SAM_VIEW_CHECKS:
      return check_roots (&ctx);
    case SAM_VIEW_PLANS:
      return list_all (&ctx, SAM_KIND_FOCUS_AREA);
    case SAM_VIEW_FOLLOW_UP:
      return follow_up_roots (&ctx);
    case SAM_VIEW_SEMINARS:
      return list_all (&ctx, SAM_KIND_SEMINAR_FORMAT);
    case SAM_VIEW_AGENCIES:
      if (!(roots = sam_store_list_by (store, SAM_KIND_AGENCY, "parent_id", 0, &error)))
        return error_list (error);
      g_ptr_array_sort (roots, ministries_first);
      return nodes_for (&ctx, roots);
    case SAM_VIEW_TARGET_GROUPS:
      return target_group_roots (&ctx);
    case SAM_VIEW_SECTORS:
      return list_all (&ctx, SAM_KIND_SECTOR);
    case SAM_VIEW_KNOWLEDGE:
      list = G_LIST_STORE (list_all (&ctx, SAM_KIND_KNOWLEDGE_GAP));
      append_all (list, list_all (&ctx, SAM_KIND_RD_PROJECT));
      return G_LIST_MODEL (list);
    case SAM_VIEW_OBLIGATIONS:
      return list_all (&ctx, SAM_KIND_OBLIGATION);
    case SAM_VIEW_PERIODS:
      return list_all (&ctx, SAM_KIND_REPORTING_PERIOD);
    case SAM_N_VIEWS:
    default:
      g_return_val_if_reached (NULL);
    }
}
