#define G_LOG_DOMAIN "sam-status"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sam-figures.h"
#include "sam-rules.h"
#include "sam-status.h"
#include "sam-store-private.h"

static void
set_text (SamRecord  *record,
          const char *field,
          const char *value)
{
  if (value != NULL && *value != '\0')
    sam_record_set_string (record, field, value);
}

/* Returns the status update @entry describes, not yet stored. */
SamRecord *
sam_status_entry_to_record (const SamStatusEntry *entry)
{
  SamRecord *update;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (entry != NULL, NULL);

  update = sam_record_new (SAM_KIND_STATUS_UPDATE);
  if (entry->reported_at == NULL)
    {
      now = g_date_time_new_now_local ();
      when = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
    }
  sam_record_set_int (update, "activity_id", entry->activity_id);
  sam_record_set_int (update, "period_id", entry->period_id);
  set_text (update, "status", entry->status);
  sam_record_set_int (update, "progress", entry->progress);
  set_text (update, "comment", entry->comment);
  set_text (update, "reported_by", entry->reported_by);
  set_text (update, "reported_at", entry->reported_at ? entry->reported_at : when);
  if (entry->agency_id > 0)
    sam_record_set_int (update, "agency_id", entry->agency_id);
  set_text (update, "source_file", entry->source_file);
  set_text (update, "source_hash", entry->source_hash);
  set_text (update, "imported_at", entry->imported_at);
  return update;
}

static gboolean
set_activity_status (SamStore              *store,
                     SamRecord             *activity,
                     const SamStatusEntry  *entry,
                     GError               **error)
{
  sam_record_set_string (activity, "status", entry->status);
  sam_record_set_int (activity, "progress", entry->progress);
  return sam_rules_save (store, activity, error);
}

/* Records @entry as a new status update and, when it is the activity's
 * latest by the order of updates (sam-figures.h; not one reported late for
 * an earlier period), sets the activity's status and progress to it, in
 * one transaction (one undo step, or part of the caller's open transaction). The rules are those of the editor: a known
 * status, progress 0–100 and 100 when done, an existing activity and
 * period, texts within their lengths. Returns FALSE, saving nothing, with
 * a SamCoreError or SamStoreError whose message names what is wrong. */
gboolean
sam_status_record (SamStore              *store,
                   const SamStatusEntry  *entry,
                   GError               **error)
{
  g_autoptr(SamRecord) update = NULL;
  g_autoptr(SamRecord) activity = NULL;
  gboolean latest = TRUE;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  if (entry->status == NULL || !sam_enum_is_valid (sam_status_values, entry->status))
    {
      g_set_error (error, SAM_CORE_ERROR, SAM_CORE_ERROR_INVALID,
                   _("Status: choose one of planned, in progress, done, delayed or cancelled"));
      return FALSE;
    }
  update = sam_status_entry_to_record (entry);
  if (!sam_record_validate (update, error))
    return FALSE;
  /* The activity is read in the transaction that writes it, locked, so
   * that a field someone else saves meanwhile is not written back as it
   * was. */
  if (!sam_store_begin (store, error))
    return FALSE;
  if (!sam_store_lock_record (store, SAM_KIND_ACTIVITY, entry->activity_id, error)
      || !(activity = sam_store_get (store, SAM_KIND_ACTIVITY, entry->activity_id, error))
      || !sam_figures_would_be_latest (store, entry->activity_id, entry->period_id,
                                       sam_record_get_string (update, "reported_at"), &latest, error)
      || !sam_rules_save (store, update, error)
      || (latest && !set_activity_status (store, activity, entry, error))
      || !sam_store_commit (store, error))
    {
      sam_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
