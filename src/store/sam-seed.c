#define G_LOG_DOMAIN "sam-seed"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sam-store-private.h"

/* Loads the default plan (data/default-plan.json, compiled in as a
 * resource) into a new database. The JSON names records by keys; each
 * kind's keys map to the ids the store gives, so later records can point
 * to earlier ones by key. A key that does not resolve is a broken build,
 * reported as an error rather than skipped. */

typedef struct
{
  SamStore   *store;
  GHashTable *keys[SAM_N_KINDS];   /* key → id, per kind */
} Seed;

static void
seed_clear (Seed *seed)
{
  for (int k = 0; k < SAM_N_KINDS; k++)
    g_clear_pointer (&seed->keys[k], g_hash_table_unref);
}

/* Returns the array member @name of @object, or NULL when there is none. */
static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *
json_name (const SamField *field)
{
  static const struct { const char *field, *json; } aliases[] = {
    { "lead_agency_id", "lead" },
    { "priority_task_id", "task" },
    { "parent_id", "parent" },
    { "organiser_id", "organiser" },
    { "measure_id", "measure" },
    { "ministry_id", "ministry" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (field->name, aliases[i].field))
      return aliases[i].json;
  return field->name;
}

static gboolean
resolve (Seed        *seed,
         SamKind      kind,
         const char  *key,
         gint64      *id,
         GError     **error)
{
  gpointer value;

  if (key == NULL || !g_hash_table_lookup_extended (seed->keys[kind], key, NULL, &value))
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_FAILED,
                   "The default plan names an unknown %s “%s”",
                   sam_kind_get_info (kind)->name, key ? key : "(null)");
      return FALSE;
    }
  *id = GPOINTER_TO_SIZE (value);
  return TRUE;
}

static gboolean
fill_field (Seed            *seed,
            SamRecord       *record,
            const SamField  *f,
            JsonNode        *node,
            GError         **error)
{
  gint64 id;

  switch (f->type)
    {
    case SAM_FIELD_TEXT:
    case SAM_FIELD_DATE:
    case SAM_FIELD_DATETIME:
    case SAM_FIELD_ENUM:
      sam_record_set_string (record, f->name, json_node_get_string (node));
      return TRUE;
    case SAM_FIELD_INT:
      sam_record_set_int (record, f->name, json_node_get_int (node));
      return TRUE;
    case SAM_FIELD_BOOL:
      sam_record_set_int (record, f->name, json_node_get_boolean (node) ? 1 : 0);
      return TRUE;
    case SAM_FIELD_REF:
      if (!resolve (seed, f->ref_kind, json_node_get_string (node), &id, error))
        return FALSE;
      sam_record_set_int (record, f->name, id);
      return TRUE;
    case SAM_FIELD_REFS:
    case SAM_FIELD_STRINGS:
      {
        JsonArray *array = json_node_get_array (node);
        g_autoptr(GPtrArray) strings = g_ptr_array_new ();

        for (guint j = 0; array && j < json_array_get_length (array); j++)
          {
            const char *s = json_array_get_string_element (array, j);
            if (f->type == SAM_FIELD_STRINGS)
              g_ptr_array_add (strings, (gpointer) s);
            else if (!resolve (seed, f->ref_kind, s, &id, error))
              return FALSE;
            else
              sam_record_add_ref (record, f->name, id);
          }
        if (f->type == SAM_FIELD_STRINGS)
          {
            g_ptr_array_add (strings, NULL);
            sam_record_set_strings (record, f->name, (const char **) strings->pdata);
          }
        return TRUE;
      }
    default:
      g_assert_not_reached ();
    }
}

/* Makes a record of @kind from @object, with @parent_field (if any) set to
 * @parent_id, stores it and remembers its "key". @skip names a member to
 * leave for later (a parent that may come after the record). */
static SamRecord *
add (Seed        *seed,
     SamKind      kind,
     JsonObject  *object,
     const char  *parent_field,
     gint64       parent_id,
     const char  *skip,
     GError     **error)
{
  const SamKindInfo *info = sam_kind_get_info (kind);
  g_autoptr(SamRecord) record = sam_record_new (kind);

  for (guint i = 0; i < info->n_fields; i++)
    {
      const SamField *f = &info->fields[i];
      const char *member = json_name (f);
      JsonNode *node = json_object_get_member (object, member);

      if (parent_field && g_str_equal (f->name, parent_field))
        sam_record_set_int (record, f->name, parent_id);
      else if (node != NULL && !JSON_NODE_HOLDS_NULL (node)
               && g_strcmp0 (member, skip) != 0
               && !fill_field (seed, record, f, node, error))
        return NULL;
    }
  if (!sam_store_insert (seed->store, record, error))
    {
      g_prefix_error (error, "Default plan, %s “%s”: ", info->name,
                      json_object_get_string_member_with_default (object, "key", "?"));
      return NULL;
    }
  if (json_object_has_member (object, "key"))
    g_hash_table_insert (seed->keys[kind],
                         g_strdup (json_object_get_string_member (object, "key")),
                         GSIZE_TO_POINTER (sam_record_get_id (record)));
  return g_steal_pointer (&record);
}

/* Adds every object of the array member @name of @parent, leaving the
 * member @deferred (if any) for link_deferred(). */
static gboolean
add_all (Seed        *seed,
         SamKind      kind,
         JsonObject  *parent,
         const char  *name,
         const char  *parent_field,
         gint64       parent_id,
         const char  *deferred,
         GError     **error)
{
  JsonArray *array = array_member (parent, name);

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      g_autoptr(SamRecord) r = add (seed, kind, json_array_get_object_element (array, i),
                                    parent_field, parent_id, deferred, error);
      if (r == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Sets the reference @field (named @member in the JSON) of each record of
 * the array member @name of @root, once what it points to is there: a
 * parent may come after its children, and a sector's ministry after the
 * sectors. A plain UPDATE of the one column: the records were just
 * checked and stored, and there is nothing to undo in a new database. */
static gboolean
link_deferred (Seed        *seed,
               SamKind      kind,
               JsonObject  *root,
               const char  *name,
               const char  *member,
               const char  *field,
               GError     **error)
{
  JsonArray *array = array_member (root, name);
  const SamField *f = sam_kind_find_field (kind, field);
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = ?1 WHERE id = ?2",
                                          sam_kind_get_info (kind)->table, field);
  g_autoptr(SamStmt) stmt = NULL;

  g_assert (f != NULL && f->type == SAM_FIELD_REF);
  if (!(stmt = sam_store_prepare (seed->store, sql, error)))
    return FALSE;
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      const char *key = json_object_get_string_member_with_default (o, member, NULL);
      gint64 id, target;

      if (key == NULL)
        continue;
      if (!resolve (seed, kind, json_object_get_string_member (o, "key"), &id, error)
          || !resolve (seed, f->ref_kind, key, &target, error))
        return FALSE;
      sam_stmt_bind_int (stmt, 1, target);
      sam_stmt_bind_int (stmt, 2, id);
      if (!sam_stmt_run (stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_goals (Seed        *seed,
           JsonObject  *measure,
           gint64       measure_id,
           GError     **error)
{
  JsonArray *goals = array_member (measure, "goals");

  /* A goal is the strategy's own words: its text is its source. */
  for (guint i = 0; goals && i < json_array_get_length (goals); i++)
    {
      g_autoptr(SamRecord) goal = sam_record_new (SAM_KIND_GOAL);
      const char *text = json_array_get_string_element (goals, i);

      sam_record_set_int (goal, "measure_id", measure_id);
      sam_record_set_int (goal, "position", i + 1);
      sam_record_set_string (goal, "text", text);
      sam_record_set_string (goal, "source_quote", text);
      if (!sam_store_insert (seed->store, goal, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_measure (Seed        *seed,
             JsonObject  *object,
             gint64       focus_area_id,
             GError     **error)
{
  g_autoptr(SamRecord) measure = add (seed, SAM_KIND_MEASURE, object, "focus_area_id", focus_area_id, NULL, error);
  JsonArray *tasks, *plans;
  gint64 id;

  if (measure == NULL || !add_goals (seed, object, (id = sam_record_get_id (measure)), error))
    return FALSE;

  tasks = array_member (object, "tasks");
  for (guint i = 0; tasks && i < json_array_get_length (tasks); i++)
    {
      g_autoptr(SamRecord) task = NULL;
      JsonObject *t = json_array_get_object_element (tasks, i);

      json_object_set_int_member (t, "position", i + 1);
      if (!(task = add (seed, SAM_KIND_PRIORITY_TASK, t, "measure_id", id, NULL, error)))
        return FALSE;
    }

  plans = array_member (object, "plans");
  for (guint i = 0; plans && i < json_array_get_length (plans); i++)
    {
      JsonObject *p = json_array_get_object_element (plans, i);
      g_autoptr(SamRecord) plan = add (seed, SAM_KIND_PLAN, p, "measure_id", id, NULL, error);

      if (plan == NULL
          || !add_all (seed, SAM_KIND_ACTIVITY, p, "activities", "plan_id", sam_record_get_id (plan), NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_focus_areas (Seed        *seed,
                 JsonObject  *root,
                 gint64       strategy_id,
                 GError     **error)
{
  JsonArray *areas = array_member (root, "focus_areas");

  for (guint i = 0; areas && i < json_array_get_length (areas); i++)
    {
      JsonObject *a = json_array_get_object_element (areas, i);
      g_autoptr(SamRecord) area = add (seed, SAM_KIND_FOCUS_AREA, a, "strategy_id", strategy_id, NULL, error);
      JsonArray *measures = array_member (a, "measures");

      if (area == NULL)
        return FALSE;
      for (guint j = 0; measures && j < json_array_get_length (measures); j++)
        if (!add_measure (seed, json_array_get_object_element (measures, j), sam_record_get_id (area), error))
          return FALSE;
    }
  return TRUE;
}

static gboolean
load (Seed        *seed,
      JsonObject  *root,
      GError     **error)
{
  g_autoptr(SamRecord) strategy = NULL;
  JsonNode *node = json_object_get_member (root, "strategy");

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, SAM_STORE_ERROR, SAM_STORE_ERROR_FAILED,
                           "The default plan has no strategy");
      return FALSE;
    }
  if (!(strategy = add (seed, SAM_KIND_STRATEGY, json_node_get_object (node), NULL, 0, NULL, error)))
    return FALSE;

  return add_all (seed, SAM_KIND_SECTOR, root, "sectors", NULL, 0, "ministry", error)
         && add_all (seed, SAM_KIND_AGENCY, root, "agencies", NULL, 0, "parent", error)
         && link_deferred (seed, SAM_KIND_AGENCY, root, "agencies", "parent", "parent_id", error)
         && link_deferred (seed, SAM_KIND_SECTOR, root, "sectors", "ministry", "ministry_id", error)
         && add_all (seed, SAM_KIND_TARGET_GROUP, root, "target_groups", NULL, 0, "parent", error)
         && link_deferred (seed, SAM_KIND_TARGET_GROUP, root, "target_groups", "parent", "parent_id", error)
         && add_focus_areas (seed, root, sam_record_get_id (strategy), error)
         && add_all (seed, SAM_KIND_SEMINAR_FORMAT, root, "seminar_formats", NULL, 0, NULL, error)
         && add_all (seed, SAM_KIND_KNOWLEDGE_GAP, root, "knowledge_gaps", NULL, 0, NULL, error)
         && add_all (seed, SAM_KIND_RD_PROJECT, root, "rd_projects", NULL, 0, NULL, error)
         && add_all (seed, SAM_KIND_OBLIGATION, root, "obligations", NULL, 0, NULL, error)
         && add_all (seed, SAM_KIND_REPORTING_PERIOD, root, "reporting_periods", NULL, 0, NULL, error);
}

/* Fills @self, a new and empty database inside a transaction the caller
 * holds, with the default plan. Returns FALSE if the compiled-in plan
 * cannot be read or does not fit the schema; the caller rolls back. */
gboolean
sam_seed_load_default (SamStore  *self,
                       GError   **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  Seed seed = { self, { NULL } };
  gboolean ok;
  gsize size;
  const char *data;

  if (!(bytes = sam_data_lookup ("default-plan.json", error)))
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  if (!json_parser_load_from_data (parser, data, (gssize) size, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, SAM_STORE_ERROR, SAM_STORE_ERROR_FAILED,
                           "The default plan is not a JSON object");
      return FALSE;
    }
  for (int k = 0; k < SAM_N_KINDS; k++)
    seed.keys[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ok = load (&seed, json_node_get_object (json_parser_get_root (parser)), error);
  seed_clear (&seed);
  return ok;
}
