#define G_LOG_DOMAIN "sam-rules"

#include "config.h"

#include "sam-rules.h"
#include "sam-seminars.h"

/* Inserts @record (id 0) or updates it, with its kind's rules. Returns
 * FALSE, changing nothing, with the message of the rule it breaks. */
gboolean
sam_rules_save (SamStore   *store,
                SamRecord  *record,
                GError    **error)
{
  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (SAM_IS_RECORD (record), FALSE);

  switch (sam_record_get_kind (record))
    {
    case SAM_KIND_SEMINAR:
      return sam_seminar_save (store, record, error);
    case SAM_KIND_REGISTRATION:
      return sam_registration_save (store, record, error);
    case SAM_KIND_SEMINAR_FORMAT:
      return sam_seminar_format_save (store, record, error);
    default:
      return sam_record_get_id (record) == 0 ? sam_store_insert (store, record, error)
                                             : sam_store_update (store, record, error);
    }
}

/* Deletes (@kind, @id) with its kind's rules: a seminar goes with its
 * registrations, a cancelled registration moves the waiting list up. */
gboolean
sam_rules_delete (SamStore   *store,
                  SamKind     kind,
                  gint64      id,
                  GError    **error)
{
  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);

  switch (kind)
    {
    case SAM_KIND_SEMINAR:
      return sam_seminar_delete (store, id, error);
    case SAM_KIND_REGISTRATION:
      return sam_registration_cancel (store, id, error);
    default:
      return sam_store_delete (store, kind, id, error);
    }
}
