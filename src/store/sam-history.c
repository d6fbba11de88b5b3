#define G_LOG_DOMAIN "sam-history"

#include "config.h"

#include "sam-history.h"
#include "sam-store-private.h"

/* The fields whose changes the figures need, in the order they are noted. */
static const char *tracked[] = {
  SAM_CHANGE_STATUS, SAM_CHANGE_PROGRESS, SAM_CHANGE_DUE, SAM_CHANGE_LEAD,
};

/* Returns field @name of @record as the history keeps it: text, a number
 * in decimal, NULL when not set (a link to nothing is not set). */
static char *
value_text (SamRecord  *record,
            const char *name)
{
  GVariant *value = sam_record_get_value (record, sam_kind_field_index (SAM_KIND_ACTIVITY, name));

  if (value == NULL)
    return NULL;
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return *g_variant_get_string (value, NULL) ? g_variant_dup_string (value, NULL) : NULL;
  if (g_str_equal (name, SAM_CHANGE_LEAD) && g_variant_get_int64 (value) == 0)
    return NULL;
  return g_strdup_printf ("%" G_GINT64_FORMAT, g_variant_get_int64 (value));
}

static gboolean
note (SamStore    *store,
      SamRecord   *activity,
      const char  *when,
      const char  *field,
      const char  *old_value,
      const char  *new_value,
      GError     **error)
{
  g_autoptr(SamRecord) change = sam_record_new (SAM_KIND_ACTIVITY_CHANGE);

  sam_record_set_int (change, "activity_id", sam_record_get_id (activity));
  sam_record_set_string (change, "changed_at", when);
  sam_record_set_string (change, "field", field);
  if (old_value)
    sam_record_set_string (change, "old_value", old_value);
  if (new_value)
    sam_record_set_string (change, "new_value", new_value);
  sam_record_set_string (change, "title", sam_record_get_title (activity));
  sam_record_set_int (change, "plan_id", sam_record_get_int (activity, "plan_id"));
  return sam_store_insert (store, change, error);
}

/* Notes what the save or delete of an activity from @before to @after
 * (either NULL for an insert or a delete) changed, inside the caller's
 * transaction; does nothing for other kinds and while the store keeps no
 * history. Returns FALSE with a SamStoreError when the note cannot be
 * stored; the caller rolls back. */
gboolean
sam_history_note (SamStore   *store,
                  SamRecord  *before,
                  SamRecord  *after,
                  GError    **error)
{
  SamRecord *record = after ? after : before;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (sam_record_get_kind (record) != SAM_KIND_ACTIVITY || !sam_store_keeps_history (store))
    return TRUE;
  now = g_date_time_new_now_local ();
  when = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  if (before == NULL)
    return note (store, after, when, SAM_CHANGE_CREATED, NULL, NULL, error);
  if (after == NULL)
    {
      /* The lead it had, for the lists of what an agency leads. */
      g_autofree char *lead = value_text (before, SAM_CHANGE_LEAD);

      return note (store, before, when, SAM_CHANGE_REMOVED, lead, NULL, error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (tracked); i++)
    {
      g_autofree char *old_value = value_text (before, tracked[i]);
      g_autofree char *new_value = value_text (after, tracked[i]);

      if (g_strcmp0 (old_value, new_value) != 0
          && !note (store, after, when, tracked[i], old_value, new_value, error))
        return FALSE;
    }
  return TRUE;
}
