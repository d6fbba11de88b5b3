#define G_LOG_DOMAIN "sam-tree"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sam-tree.h"

static const struct { const char *name; const char *title; } views[SAM_N_VIEWS] = {
  { "strategy", N_("Strategy") },
  { "agencies", N_("Agencies") },
  { "sectors", N_("Sectors") },
  { "target-groups", N_("Target groups") },
  { "knowledge", N_("Knowledge gaps") },
  { "seminar-formats", N_("Seminar formats") },
  { "obligations", N_("Obligations") },
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

/* Returns the view named @name, or SAM_VIEW_STRATEGY for an unknown name. */
SamView
sam_view_from_name (const char *name)
{
  for (guint v = 0; v < SAM_N_VIEWS; v++)
    if (g_strcmp0 (views[v].name, name) == 0)
      return (SamView) v;
  return SAM_VIEW_STRATEGY;
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
    default:
      return g_strdup (g_dgettext (GETTEXT_PACKAGE, info->label));
    }
}

static GListModel *record_children (SamNode *node, gpointer store);

/* Kinds whose records have children in the trees. */
static gboolean
is_branch (SamStore  *store,
           SamRecord *record)
{
  switch (sam_record_get_kind (record))
    {
    case SAM_KIND_FOCUS_AREA:
    case SAM_KIND_MEASURE:
    case SAM_KIND_PLAN:
      return TRUE;
    case SAM_KIND_AGENCY:
    case SAM_KIND_TARGET_GROUP:
      {
        g_autoptr(GPtrArray) under = sam_store_list_by (store, sam_record_get_kind (record), "parent_id",
                                                        sam_record_get_id (record), NULL);
        return under != NULL && under->len > 0;
      }
    default:
      return FALSE;
    }
}

/* Returns a node for @record, a branch when its kind has children. */
SamNode *
sam_tree_node_new (SamStore  *store,
                   SamRecord *record)
{
  g_autofree char *title = sam_tree_describe (record);
  g_autofree char *subtitle = subtitle_for (record);
  SamNode *node = sam_node_new (title, subtitle, record);

  if (is_branch (store, record))
    sam_node_set_children (node, record_children, g_object_ref (store), g_object_unref);
  return node;
}

static GListModel *
nodes_for (SamStore  *store,
           GPtrArray *records)
{
  GListStore *list = g_list_store_new (SAM_TYPE_NODE);

  for (guint i = 0; records && i < records->len; i++)
    {
      g_autoptr(SamNode) node = sam_tree_node_new (store, records->pdata[i]);
      g_list_store_append (list, node);
    }
  return G_LIST_MODEL (list);
}

static GListModel *
list_by (SamStore   *store,
         SamKind     kind,
         const char *field,
         gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = sam_store_list_by (store, kind, field, id, &error);

  if (error)
    g_warning ("Could not list %s: %s", sam_kind_get_info (kind)->name, error->message);
  return nodes_for (store, records);
}

typedef struct
{
  SamStore   *store;
  SamKind     kind;
  const char *field;
  gint64      id;
} Group;

static void
group_free (gpointer data)
{
  Group *group = data;

  g_object_unref (group->store);
  g_free (group);
}

static GListModel *
group_children (SamNode  *node,
                gpointer  data)
{
  Group *group = data;

  return list_by (group->store, group->kind, group->field, group->id);
}

/* Appends a heading node ("Goals") over the records of @kind whose @field
 * is @id, unless there are none. */
static void
append_group (GListStore *list,
              SamStore   *store,
              SamKind     kind,
              const char *field,
              gint64      id)
{
  g_autoptr(GPtrArray) records = sam_store_list_by (store, kind, field, id, NULL);
  g_autoptr(SamNode) heading = NULL;
  g_autofree char *count = NULL;
  Group *group;

  if (records == NULL || records->len == 0)
    return;
  count = g_strdup_printf ("%u", records->len);
  heading = sam_node_new (g_dgettext (GETTEXT_PACKAGE, sam_kind_get_info (kind)->plural), count, NULL);
  group = g_new0 (Group, 1);
  *group = (Group) { g_object_ref (store), kind, field, id };
  sam_node_set_children (heading, group_children, group, group_free);
  g_list_store_append (list, heading);
}

static GListModel *
measure_children (SamStore *store,
                  gint64    id)
{
  GListStore *list = g_list_store_new (SAM_TYPE_NODE);

  append_group (list, store, SAM_KIND_GOAL, "measure_id", id);
  append_group (list, store, SAM_KIND_PRIORITY_TASK, "measure_id", id);
  append_group (list, store, SAM_KIND_PLAN, "measure_id", id);
  append_group (list, store, SAM_KIND_KNOWLEDGE_GAP, "measure_id", id);
  append_group (list, store, SAM_KIND_OBLIGATION, "measures", id);
  return G_LIST_MODEL (list);
}

static GListModel *
record_children (SamNode  *node,
                 gpointer  store)
{
  SamRecord *record = sam_node_get_record (node);
  gint64 id = sam_record_get_id (record);

  switch (sam_record_get_kind (record))
    {
    case SAM_KIND_FOCUS_AREA:
      return list_by (store, SAM_KIND_MEASURE, "focus_area_id", id);
    case SAM_KIND_MEASURE:
      return measure_children (store, id);
    case SAM_KIND_PLAN:
      return list_by (store, SAM_KIND_ACTIVITY, "plan_id", id);
    case SAM_KIND_AGENCY:
      return list_by (store, SAM_KIND_AGENCY, "parent_id", id);
    case SAM_KIND_TARGET_GROUP:
      return list_by (store, SAM_KIND_TARGET_GROUP, "parent_id", id);
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
  Group *group = data;
  g_autoptr(GPtrArray) roots = sam_store_list_by (group->store, SAM_KIND_TARGET_GROUP, "parent_id", 0, NULL);
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();
  const char *category = group->field;

  for (guint i = 0; roots && i < roots->len; i++)
    if (g_strcmp0 (sam_record_get_string (roots->pdata[i], "category"), category) == 0)
      g_ptr_array_add (mine, roots->pdata[i]);
  return nodes_for (group->store, mine);
}

static GListModel *
target_group_roots (SamStore *store)
{
  GListStore *list = g_list_store_new (SAM_TYPE_NODE);

  for (const SamEnumValue *c = sam_target_category_values; c->nick; c++)
    {
      g_autoptr(SamNode) heading = sam_node_new (g_dgettext (GETTEXT_PACKAGE, c->label), NULL, NULL);
      Group *group = g_new0 (Group, 1);

      *group = (Group) { g_object_ref (store), SAM_KIND_TARGET_GROUP, c->nick, 0 };
      sam_node_set_children (heading, category_children, group, group_free);
      g_list_store_append (list, heading);
    }
  return G_LIST_MODEL (list);
}

static GListModel *
list_all (SamStore *store,
          SamKind   kind)
{
  g_autoptr(GPtrArray) records = sam_store_list (store, kind, NULL);

  return nodes_for (store, records);
}

/* Returns a new list of the root nodes of @view over @store. */
GListModel *
sam_tree_new_roots (SamStore *store,
                    SamView   view)
{
  g_return_val_if_fail (SAM_IS_STORE (store), NULL);

  switch (view)
    {
    case SAM_VIEW_STRATEGY:
      return list_all (store, SAM_KIND_FOCUS_AREA);
    case SAM_VIEW_AGENCIES:
      {
        g_autoptr(GPtrArray) roots = sam_store_list_by (store, SAM_KIND_AGENCY, "parent_id", 0, NULL);
        if (roots)
          g_ptr_array_sort (roots, ministries_first);
        return nodes_for (store, roots);
      }
    case SAM_VIEW_SECTORS:
      return list_all (store, SAM_KIND_SECTOR);
    case SAM_VIEW_TARGET_GROUPS:
      return target_group_roots (store);
    case SAM_VIEW_KNOWLEDGE:
      {
        GListStore *list = G_LIST_STORE (list_all (store, SAM_KIND_KNOWLEDGE_GAP));
        g_autoptr(GListModel) projects = list_all (store, SAM_KIND_RD_PROJECT);

        for (guint i = 0; i < g_list_model_get_n_items (projects); i++)
          {
            g_autoptr(GObject) item = g_list_model_get_item (projects, i);
            g_list_store_append (list, item);
          }
        return G_LIST_MODEL (list);
      }
    case SAM_VIEW_SEMINAR_FORMATS:
      return list_all (store, SAM_KIND_SEMINAR_FORMAT);
    case SAM_VIEW_OBLIGATIONS:
      return list_all (store, SAM_KIND_OBLIGATION);
    case SAM_N_VIEWS:
    default:
      g_return_val_if_reached (NULL);
    }
}
