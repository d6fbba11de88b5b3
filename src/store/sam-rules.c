#define G_LOG_DOMAIN "sam-rules"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sam-rules.h"
#include "sam-access.h"
#include "sam-seminars.h"
#include "sam-store-private.h"

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

/* Changes field @field of (@kind, @id) to @value only while it still holds
 * @expected, with the kind's rules; see sam_store_update_field(). A
 * seminar's capacity, a registration's size and a format's yearly target
 * are checked as sam_rules_save() checks them. */
gboolean
sam_rules_update_field (SamStore    *store,
                        SamKind      kind,
                        gint64       id,
                        const char  *field,
                        GVariant    *expected,
                        GVariant    *value,
                        GError     **error)
{
  g_autoptr(SamRecord) current = NULL;
  g_autoptr(SamRecord) changed = NULL;
  int index;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);
  if (kind != SAM_KIND_SEMINAR && kind != SAM_KIND_REGISTRATION && kind != SAM_KIND_SEMINAR_FORMAT)
    return sam_store_update_field (store, kind, id, field, expected, value, error);

  index = sam_kind_field_index (kind, field);
  g_return_val_if_fail (index >= 0, FALSE);
  if (!sam_store_begin (store, error))
    return FALSE;
  if (sam_store_lock_record (store, kind, id, error)
      && (current = sam_store_get (store, kind, id, error))
      && sam_store_check_value (current, field, expected, value, error))
    {
      changed = sam_record_copy (current);
      sam_record_take_value (changed, (guint) index, value ? g_variant_ref (value) : NULL);
    }
  if (changed == NULL || !sam_rules_save (store, changed, error) || !sam_store_commit (store, error))
    {
      sam_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* What belongs to a record and goes with it: its history, not things
 * that stand on their own. */
static const struct { SamKind kind; SamKind owned; const char *field; } owned_records[] = {
  { SAM_KIND_ACTIVITY, SAM_KIND_STATUS_UPDATE, "activity_id" },
  { SAM_KIND_REPORTING_ROUND, SAM_KIND_ROUND_FORM, "round_id" },
};

static gboolean
delete_owned (SamStore   *store,
              SamKind     kind,
              gint64      id,
              GError    **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (owned_records); i++)
    {
      g_autoptr(GPtrArray) owned = NULL;

      if (owned_records[i].kind != kind)
        continue;
      if (!(owned = sam_store_list_by (store, owned_records[i].owned, owned_records[i].field, id, error)))
        return FALSE;
      for (guint j = 0; j < owned->len; j++)
        if (!sam_store_delete (store, owned_records[i].owned, sam_record_get_id (owned->pdata[j]), error))
          return FALSE;
    }
  return TRUE;
}

/* Deletes (@kind, @id) as sam_rules_delete() does, after pointing what
 * stands on its own and points to it at @replacement, or with
 * @replacement 0, after removing those links; see
 * sam_store_delete_replacing(). One transaction and one undo step. */
gboolean
sam_rules_delete_replacing (SamStore   *store,
                            SamKind     kind,
                            gint64      id,
                            gint64      replacement,
                            GError    **error)
{
  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (replacement != id, FALSE);

  if (kind == SAM_KIND_SEMINAR || kind == SAM_KIND_REGISTRATION)
    return sam_rules_delete (store, kind, id, error);
  if (!sam_store_begin (store, error))
    return FALSE;
  if (!delete_owned (store, kind, id, error)
      || !sam_store_delete_replacing (store, kind, id, replacement, error)
      || !sam_store_commit (store, error))
    {
      sam_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* Deletes (@kind, @id) with its kind's rules: what belongs to it goes with
 * it (an activity's status updates, a seminar's registrations, a round's
 * forms), a cancelled registration moves the waiting list up. A record
 * that other records standing on their own point to is not deleted:
 * SAM_STORE_ERROR_IN_USE (see sam_rules_delete_replacing()). One
 * transaction and one undo step. */
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
      break;
    }
  if (!sam_store_begin (store, error))
    return FALSE;
  if (!delete_owned (store, kind, id, error)
      || !sam_store_delete (store, kind, id, error)
      || !sam_store_commit (store, error))
    {
      sam_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* Creating */

/* The title of a new record, per kind. */
static const struct { SamKind kind; const char *title; } new_titles[] = {
  { SAM_KIND_ACTIVITY, N_("New activity") },
  { SAM_KIND_PLAN, N_("New plan") },
  { SAM_KIND_MEASURE, N_("New measure") },
  { SAM_KIND_GOAL, N_("New goal") },
  { SAM_KIND_PRIORITY_TASK, N_("New priority task") },
  { SAM_KIND_FOCUS_AREA, N_("New focus area") },
  { SAM_KIND_AGENCY, N_("New agency") },
  { SAM_KIND_TARGET_GROUP, N_("New target group") },
  { SAM_KIND_SECTOR, N_("New sector") },
  { SAM_KIND_KNOWLEDGE_GAP, N_("New knowledge gap") },
  { SAM_KIND_RD_PROJECT, N_("New R&D project") },
  { SAM_KIND_OBLIGATION, N_("New obligation") },
  { SAM_KIND_REPORTING_PERIOD, N_("New period") },
  { SAM_KIND_SEMINAR_FORMAT, N_("New seminar format") },
  { SAM_KIND_SEMINAR, N_("New seminar") },
};

/* The id of the @kind that @r is, or belongs to, or 0. */
static gint64
id_near (SamStore  *store,
         SamRecord *r,
         SamKind    kind)
{
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
          && (plan = sam_store_get (store, SAM_KIND_PLAN, sam_record_get_int (r, "plan_id"), NULL)))
        return sam_record_get_int (plan, "measure_id");
    }
  if (kind == SAM_KIND_FOCUS_AREA && sam_record_get_kind (r) == SAM_KIND_MEASURE)
    return sam_record_get_int (r, "focus_area_id");
  if (kind == SAM_KIND_SEMINAR_FORMAT && sam_record_get_kind (r) == SAM_KIND_SEMINAR)
    return sam_record_get_int (r, "format_id");
  return 0;
}

/* The first record of @kind, or 0; FALSE with a SamStoreError. */
static gboolean
first_id (SamStore  *store,
          SamKind    kind,
          gint64    *id,
          GError   **error)
{
  g_autoptr(GPtrArray) all = *id ? NULL : sam_store_list (store, kind, error);

  if (*id == 0 && all == NULL)
    return FALSE;
  if (*id == 0 && all->len > 0)
    *id = sam_record_get_id (all->pdata[0]);
  return TRUE;
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

/* A new seminar is planned in @year (0: this year): a month from today in
 * this year, or the first of March in another. */
static void
place_seminar (SamRecord *seminar,
               int        year)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *starts = NULL, *ends = NULL;

  if (year == 0)
    year = g_date_time_get_year (now);
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

/* Gives a new record the defaults of its kind and the field that puts it
 * in its place; FALSE with a message saying what to select first. */
static gboolean
place_new (SamStore           *store,
           SamRecord          *record,
           const SamNewPlace  *place,
           GError            **error)
{
  SamKind kind = sam_record_get_kind (record), parent_kind = SAM_KIND_NONE;
  const char *parent_field = NULL;
  gint64 parent = 0;

  switch (kind)
    {
    case SAM_KIND_ACTIVITY:
      sam_record_set_string (record, "status", "planned");
      sam_record_set_int (record, "progress", 0);
      parent_field = "plan_id", parent_kind = SAM_KIND_PLAN;
      parent = id_near (store, place->near, SAM_KIND_PLAN);
      parent = parent ? parent : place->plan_id;
      break;
    case SAM_KIND_PLAN:
    case SAM_KIND_GOAL:
    case SAM_KIND_PRIORITY_TASK:
      parent_field = "measure_id", parent_kind = SAM_KIND_MEASURE;
      parent = id_near (store, place->near, SAM_KIND_MEASURE);
      break;
    case SAM_KIND_MEASURE:
      parent_field = "focus_area_id", parent_kind = SAM_KIND_FOCUS_AREA;
      parent = id_near (store, place->near, SAM_KIND_FOCUS_AREA);
      break;
    case SAM_KIND_FOCUS_AREA:
      parent_field = "strategy_id", parent_kind = SAM_KIND_STRATEGY;
      break;
    case SAM_KIND_SEMINAR:
      parent_field = "format_id", parent_kind = SAM_KIND_SEMINAR_FORMAT;
      parent = id_near (store, place->near, SAM_KIND_SEMINAR_FORMAT);
      place_seminar (record, place->year);
      break;
    case SAM_KIND_AGENCY:
    case SAM_KIND_TARGET_GROUP:
      if (place->near && sam_record_get_kind (place->near) == kind && kind == SAM_KIND_TARGET_GROUP)
        sam_record_set_string (record, "category", sam_record_get_string (place->near, "category"));
      if (place->under)
        {
          parent_field = "parent_id", parent_kind = kind;
          parent = id_near (store, place->near, kind);
        }
      break;
    default:
      break;
    }
  /* A measure, a focus area and a seminar have somewhere to go by default. */
  if ((kind == SAM_KIND_MEASURE || kind == SAM_KIND_FOCUS_AREA || kind == SAM_KIND_SEMINAR)
      && !first_id (store, parent_kind, &parent, error))
    return FALSE;
  if (parent_field && parent == 0)
    {
      g_set_error_literal (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, where_first (parent_kind));
      return FALSE;
    }
  if (parent_field)
    sam_record_set_int (record, parent_field, parent);
  return TRUE;
}

/* Creates a record of @kind with its kind's defaults (a title saying it is
 * new; an activity planned at 0 %; a seminar planned in the year in view),
 * in the place @place points to (a plan for an activity, a measure for a
 * plan, …), saved by the kind's rules as one undo step. Returns the new
 * record, or NULL with SAM_STORE_ERROR_INVALID saying what to select
 * first, or another error; nothing is saved then. */
SamRecord *
sam_rules_create (SamStore           *store,
                  SamKind             kind,
                  const SamNewPlace  *place,
                  GError            **error)
{
  g_autoptr(SamRecord) record = NULL;
  const SamNewPlace nowhere = { NULL, 0, 0, FALSE };

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (new_titles) && record == NULL; i++)
    if (new_titles[i].kind == kind)
      {
        record = sam_record_new (kind);
        sam_record_set_string (record, sam_kind_get_info (kind)->title_field, _(new_titles[i].title));
      }
  g_return_val_if_fail (record != NULL, NULL);
  if (!place_new (store, record, place ? place : &nowhere, error))
    return NULL;
  /* An agency's editor adds activities its agency leads (the only ones
   * the server lets it add). */
  if (kind == SAM_KIND_ACTIVITY && sam_access_get_role (sam_store_get_access (store)) == SAM_ACCESS_EDITOR)
    sam_record_set_int (record, "lead_agency_id", sam_access_get_agency (sam_store_get_access (store)));
  if (!sam_rules_save (store, record, error))
    return NULL;
  return g_steal_pointer (&record);
}
