#define G_LOG_DOMAIN "sam-seminars"

#include "config.h"

#include "sam-seminars.h"
#include "sam-dominance.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "sam-query-private.h"
#include "sam-store-private.h"

/* Helpers */

/* Ends a transaction the caller began: commits when @ok, otherwise (or
 * when the commit fails) rolls back. Returns whether it committed. */
static gboolean
end_transaction (SamStore  *store,
                 gboolean   ok,
                 GError   **error)
{
  if (ok && sam_store_commit (store, error))
    return TRUE;
  sam_store_rollback (store);
  return FALSE;
}

/* A seminar without a status is planned; so is a new one. */
static const char *
status_of (SamRecord *seminar)
{
  const char *status = sam_record_get_string (seminar, "status");

  return *status ? status : "planned";
}

/* Returns the year a date or date-time field starts with, 0 when unset. */
static int
year_of (SamRecord  *record,
         const char *field)
{
  const char *s = sam_record_get_string (record, field);

  if (strlen (s) < 4 || !g_ascii_isdigit (s[0]) || !g_ascii_isdigit (s[1])
      || !g_ascii_isdigit (s[2]) || !g_ascii_isdigit (s[3]))
    return 0;
  return (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
}

/* "2026-03-01T10:00" is shown as "2026-03-01 10:00". */
static char *
display_time (const char *iso)
{
  char *s = g_strdup (iso);

  if (strlen (s) > 10 && s[10] == 'T')
    s[10] = ' ';
  return s;
}

static char *
now_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
}

/* Copies the core layer's verdict into the store's error domain. */
static gboolean
validate_core (SamRecord  *record,
               GError    **error)
{
  g_autoptr(GError) local = NULL;

  if (sam_record_validate (record, &local))
    return TRUE;
  return sam_store_set_invalid_from_core (error, local);
}

/* Inserts @record when it is new, otherwise updates it. On failure the
 * record keeps the id it came with. */
static gboolean
write_record (SamStore   *store,
              SamRecord  *record,
              GError    **error)
{
  if (sam_record_get_id (record) != 0)
    return sam_store_update (store, record, error);
  return sam_store_insert (store, record, error);
}

/* Counts */

/* Returns whether the seminar exists; fills @counts with SQL aggregates. */
static gboolean
read_counts (SamStore          *store,
             gint64             seminar_id,
             SamSeminarCounts  *counts,
             GError           **error)
{
  g_autoptr(SamStmt) stmt = NULL;
  SamStep step;

  stmt = sam_store_prepare (store,
                            "SELECT s.capacity,"
                            " coalesce(sum(CASE WHEN r.waitlisted = 0 THEN r.participants END), 0),"
                            " coalesce(sum(CASE WHEN r.waitlisted <> 0 THEN r.participants END), 0),"
                            " count(r.id), count(CASE WHEN r.waitlisted <> 0 THEN 1 END),"
                            " count(r.attended), coalesce(sum(r.attended), 0)"
                            " FROM seminar s LEFT JOIN registration r ON r.seminar_id = s.id"
                            " WHERE s.id = ?1 GROUP BY s.id", error);
  if (stmt == NULL)
    return FALSE;
  sam_stmt_bind_int (stmt, 1, seminar_id);
  memset (counts, 0, sizeof *counts);
  if ((step = sam_stmt_step (stmt, error)) == SAM_STEP_ROW)
    {
      counts->has_capacity = !sam_stmt_column_is_null (stmt, 0);
      counts->capacity = sam_stmt_column_int (stmt, 0);
      counts->confirmed = (gint64) sam_stmt_column_double (stmt, 1);
      counts->waiting = (gint64) sam_stmt_column_double (stmt, 2);
      counts->n_registrations = (guint) sam_stmt_column_int (stmt, 3);
      counts->n_waiting = (guint) sam_stmt_column_int (stmt, 4);
      counts->has_attendance = sam_stmt_column_int (stmt, 5) > 0;
      counts->attended = (gint64) sam_stmt_column_double (stmt, 6);
      return TRUE;
    }
  if (step == SAM_STEP_ERROR)
    return FALSE;
  g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND,
               _("The seminar no longer exists. It may have been deleted; reload and try again."));
  return FALSE;
}

/* Fills @counts with what the registrations of seminar @seminar_id add up
 * to: places, confirmed and waiting participants, attendance. Returns FALSE
 * with SAM_STORE_ERROR_NOT_FOUND when there is no such seminar. */
gboolean
sam_seminar_get_counts (SamStore          *store,
                        gint64             seminar_id,
                        SamSeminarCounts  *counts,
                        GError           **error)
{
  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return read_counts (store, seminar_id, counts, error);
}

/* The waiting list */

/* Gives waiting registrations a place, first registered first, for as
 * long as the next one in line fits. A smaller registration further back
 * does not pass a larger one in front: people are served in the order
 * they registered. Call inside a transaction. */
static gboolean
move_up_waiting (SamStore  *store,
                 gint64     seminar_id,
                 GError   **error)
{
  g_autoptr(GPtrArray) registrations = NULL;
  SamSeminarCounts counts;
  gint64 free_places;

  if (!read_counts (store, seminar_id, &counts, error))
    return FALSE;
  if (counts.n_waiting == 0)
    return TRUE;
  /* Listed in the kind's order: registered_at, then id. */
  registrations = sam_store_list_by (store, SAM_KIND_REGISTRATION, "seminar_id", seminar_id, error);
  if (registrations == NULL)
    return FALSE;

  free_places = counts.capacity - counts.confirmed;
  for (guint i = 0; i < registrations->len; i++)
    {
      SamRecord *r = registrations->pdata[i];
      gint64 wanted = sam_record_get_int (r, "participants");

      if (!sam_record_get_int (r, "waitlisted"))
        continue;
      if (counts.has_capacity && wanted > free_places)
        break;
      sam_record_set_int (r, "waitlisted", 0);
      if (!sam_store_update (store, r, error))
        return FALSE;
      free_places -= wanted;
    }
  return TRUE;
}

/* Seminars */

static gboolean
check_seminar_fields (SamRecord  *seminar,
                      GError    **error)
{
  const char *starts = sam_record_get_string (seminar, "starts_at");
  const char *ends = sam_record_get_string (seminar, "ends_at");

  if (*starts && *ends && strcmp (ends, starts) < 0)
    {
      g_autofree char *e = display_time (ends), *s = display_time (starts);
      return sam_store_set_field_error (error, SAM_KIND_SEMINAR, "ends_at",
                      _("%s is before the start (%s). Choose an end after the start."), e, s);
    }
  if (sam_record_is_set (seminar, "capacity") && sam_record_get_int (seminar, "capacity") < 0)
    return sam_store_set_field_error (error, SAM_KIND_SEMINAR, "capacity",
                    _("cannot be negative (%d). Enter the number of places, or leave it empty for no limit."),
                    (int) sam_record_get_int (seminar, "capacity"));
  if (sam_record_is_set (seminar, "evaluation_score"))
    {
      gint64 score = sam_record_get_int (seminar, "evaluation_score");
      if (score < 1 || score > 5)
        return sam_store_set_field_error (error, SAM_KIND_SEMINAR, "evaluation_score",
                        _("%d is not a score from 1 to 5. Choose from 1 (poor) to 5 (very good), or leave it empty."),
                        (int) score);
    }
  return validate_core (seminar, error);
}

/* A smaller capacity must still hold everyone who has a place. */
static gboolean
check_capacity_fits (SamStore   *store,
                     SamRecord  *seminar,
                     GError    **error)
{
  SamSeminarCounts counts;
  gint64 capacity = sam_record_get_int (seminar, "capacity");

  if (sam_record_get_id (seminar) == 0 || !sam_record_is_set (seminar, "capacity"))
    return TRUE;
  if (!read_counts (store, sam_record_get_id (seminar), &counts, error))
    return FALSE;
  if (counts.confirmed <= capacity)
    return TRUE;
  return sam_store_set_field_error (error, SAM_KIND_SEMINAR, "capacity",
                  g_dngettext (GETTEXT_PACKAGE,
                               "%d participant already has a place at “%s”. Enter at least %d, or cancel registrations first.",
                               "%d participants already have a place at “%s”. Enter at least %d, or cancel registrations first.",
                               (gulong) counts.confirmed),
                  (int) counts.confirmed, sam_record_get_title (seminar), (int) counts.confirmed);
}

/* Stores @seminar, new (id 0, then given its id; an unset status becomes
 * planned) or changed, in one transaction. A raised capacity gives waiting
 * registrations a place in the order they registered. Asks nothing: call
 * sam_seminar_needs_past_confirmation() first. On failure returns FALSE,
 * SAM_STORE_ERROR_INVALID when a rule is broken, and changes nothing. */
gboolean
sam_seminar_save (SamStore   *store,
                  SamRecord  *seminar,
                  GError    **error)
{
  gint64 id;
  gboolean defaulted, ok;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (SAM_IS_RECORD (seminar), FALSE);
  g_return_val_if_fail (sam_record_get_kind (seminar) == SAM_KIND_SEMINAR, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = sam_record_get_id (seminar);
  if (!check_seminar_fields (seminar, error) || !sam_store_begin (store, error))
    return FALSE;
  if ((defaulted = id == 0 && !sam_record_is_set (seminar, "status")))
    sam_record_set_string (seminar, "status", "planned");
  ok = check_capacity_fits (store, seminar, error)
       && write_record (store, seminar, error)
       && (id == 0 || move_up_waiting (store, id, error));
  if (end_transaction (store, ok, error))
    return TRUE;
  sam_record_set_id (seminar, id);
  if (defaulted)
    sam_record_unset (seminar, "status");
  return FALSE;
}

/* Deletes seminar @seminar_id with its registrations, in one transaction.
 * SAM_STORE_ERROR_NOT_FOUND when it is gone already. */
gboolean
sam_seminar_delete (SamStore   *store,
                    gint64      seminar_id,
                    GError    **error)
{
  g_autoptr(GPtrArray) registrations = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!sam_store_begin (store, error))
    return FALSE;
  registrations = sam_store_list_by (store, SAM_KIND_REGISTRATION, "seminar_id", seminar_id, error);
  ok = registrations != NULL;
  for (guint i = 0; ok && i < registrations->len; i++)
    ok = sam_store_delete (store, SAM_KIND_REGISTRATION,
                           sam_record_get_id (registrations->pdata[i]), error);
  ok = ok && sam_store_delete (store, SAM_KIND_SEMINAR, seminar_id, error);
  return end_transaction (store, ok, error);
}

/* Returns whether saving @seminar would put a planned seminar at a date
 * that has passed (before today, as of @now, or the current time when
 * @now is NULL) for the first time: when it is new, or when its start has
 * moved since it was stored. A seminar stored earlier at a date that has
 * since passed needs no new confirmation. When TRUE and @question is not
 * NULL, sets it to a translated question to ask before saving. */
gboolean
sam_seminar_needs_past_confirmation (SamStore   *store,
                                     SamRecord  *seminar,
                                     GDateTime  *now,
                                     char      **question)
{
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(SamRecord) stored = NULL;
  g_autofree char *today = NULL, *day = NULL;
  const char *starts;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (SAM_IS_RECORD (seminar), FALSE);
  g_return_val_if_fail (sam_record_get_kind (seminar) == SAM_KIND_SEMINAR, FALSE);

  starts = sam_record_get_string (seminar, "starts_at");
  if (strlen (starts) < 10 || !g_str_equal (status_of (seminar), "planned"))
    return FALSE;
  local_now = now ? g_date_time_to_local (now) : g_date_time_new_now_local ();
  today = g_date_time_format (local_now, "%Y-%m-%d");
  day = g_strndup (starts, 10);
  if (strcmp (day, today) >= 0)
    return FALSE;
  if (sam_record_get_id (seminar) != 0
      && (stored = sam_store_get (store, SAM_KIND_SEMINAR, sam_record_get_id (seminar), NULL)) != NULL
      && strncmp (sam_record_get_string (stored, "starts_at"), day, 10) == 0)
    return FALSE;
  if (question)
    *question = g_strdup_printf (_("“%s” is planned for %s, which has already passed. Save it as planned anyway? If it took place, set its status to held instead."),
                                 sam_record_get_title (seminar), day);
  return TRUE;
}

/* Returns the seminars whose start lies in @year, in date order, as a
 * GPtrArray that owns them, or NULL on a database error. */
GPtrArray *
sam_seminar_list_year (SamStore   *store,
                       int         year,
                       GError    **error)
{
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *found;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(all = sam_store_list (store, SAM_KIND_SEMINAR, error)))
    return NULL;
  found = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    if (year_of (all->pdata[i], "starts_at") == year)
      g_ptr_array_add (found, g_object_ref (all->pdata[i]));
  return found;
}

/* Attendance */

static gboolean
check_attended (SamRecord  *registration,
                gint64      attended,
                GError    **error)
{
  gint64 registered = sam_record_get_int (registration, "participants");

  if (attended < 0)
    return sam_store_set_field_error (error, SAM_KIND_REGISTRATION, "attended",
                    _("cannot be negative (%d). Enter how many people from “%s” came, 0 if nobody did."),
                    (int) attended, sam_record_get_title (registration));
  if (attended > registered)
    return sam_store_set_field_error (error, SAM_KIND_REGISTRATION, "attended",
                    g_dngettext (GETTEXT_PACKAGE,
                                 "%d is more than the %d participant registered from “%s”. Enter at most %d, or raise the number of participants first.",
                                 "%d is more than the %d participants registered from “%s”. Enter at most %d, or raise the number of participants first.",
                                 (gulong) registered),
                    (int) attended, (int) registered, sam_record_get_title (registration), (int) registered);
  return TRUE;
}

static SamRecord *
find_by_id (GPtrArray *records,
            gint64     id)
{
  for (guint i = 0; i < records->len; i++)
    if (sam_record_get_id (records->pdata[i]) == id)
      return records->pdata[i];
  return NULL;
}

/* Checks every line of @attendance against the registrations of @seminar. */
static gboolean
check_attendance (SamRecord            *seminar,
                  GPtrArray            *registrations,
                  const SamAttendance  *attendance,
                  gsize                 n_attendance,
                  GError              **error)
{
  for (gsize i = 0; i < n_attendance; i++)
    {
      SamRecord *r = find_by_id (registrations, attendance[i].registration_id);

      if (r == NULL)
        return sam_store_set_field_error (error, SAM_KIND_REGISTRATION, "attended",
                        _("one of the registrations is not one of “%s”'s. Reload the seminar and try again."),
                        sam_record_get_title (seminar));
      if (!check_attended (r, attendance[i].attended, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_held (SamStore             *store,
            SamRecord            *seminar,
            GPtrArray            *registrations,
            const SamAttendance  *attendance,
            gsize                 n_attendance,
            GError              **error)
{
  for (gsize i = 0; i < n_attendance; i++)
    {
      SamRecord *r = find_by_id (registrations, attendance[i].registration_id);

      sam_record_set_int (r, "attended", attendance[i].attended);
      if (!sam_store_update (store, r, error))
        return FALSE;
    }
  sam_record_set_string (seminar, "status", "held");
  return sam_store_update (store, seminar, error);
}

/* Marks seminar @seminar_id held and records, for each line of
 * @attendance, how many people of that registration came (0 to its
 * participants). Registrations not listed keep what they had. One
 * transaction; when any line breaks a rule nothing is recorded and the
 * error (SAM_STORE_ERROR_INVALID) names the organisation. */
gboolean
sam_seminar_mark_held (SamStore             *store,
                       gint64                seminar_id,
                       const SamAttendance  *attendance,
                       gsize                 n_attendance,
                       GError              **error)
{
  g_autoptr(SamRecord) seminar = NULL;
  g_autoptr(GPtrArray) registrations = NULL;
  gboolean ok;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (attendance != NULL || n_attendance == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!sam_store_begin (store, error))
    return FALSE;
  ok = (seminar = sam_store_get (store, SAM_KIND_SEMINAR, seminar_id, error)) != NULL
       && (registrations = sam_store_list_by (store, SAM_KIND_REGISTRATION, "seminar_id",
                                              seminar_id, error)) != NULL
       && check_attendance (seminar, registrations, attendance, n_attendance, error)
       && write_held (store, seminar, registrations, attendance, n_attendance, error);
  return end_transaction (store, ok, error);
}

/* Registrations */

static gboolean
check_registration_fields (SamRecord  *registration,
                           GError    **error)
{
  gint64 participants = sam_record_get_int (registration, "participants");

  if (!sam_record_is_set (registration, "participants"))
    return sam_store_set_field_error (error, SAM_KIND_REGISTRATION, "participants",
                    _("enter how many people from “%s” are coming."),
                    sam_record_get_title (registration));
  if (participants < 0)
    return sam_store_set_field_error (error, SAM_KIND_REGISTRATION, "participants",
                    _("cannot be negative (%d). Enter how many people from “%s” are coming."),
                    (int) participants, sam_record_get_title (registration));
  if (participants == 0)
    return sam_store_set_field_error (error, SAM_KIND_REGISTRATION, "participants",
                    _("must be at least 1. Enter how many people from “%s” are coming, or cancel the registration."),
                    sam_record_get_title (registration));
  if (sam_record_is_set (registration, "attended")
      && !check_attended (registration, sam_record_get_int (registration, "attended"), error))
    return FALSE;
  return validate_core (registration, error);
}

/* A confirmed registration that grows must fit in the places left. */
static gboolean
check_growth_fits (SamStore   *store,
                   SamRecord  *seminar,
                   SamRecord  *registration,
                   SamRecord  *stored,
                   GError    **error)
{
  gint64 more = sam_record_get_int (registration, "participants") - sam_record_get_int (stored, "participants");
  SamSeminarCounts counts;
  gint64 left;

  if (sam_record_get_int (stored, "waitlisted") || more <= 0)
    return TRUE;
  if (!read_counts (store, sam_record_get_id (seminar), &counts, error))
    return FALSE;
  if (!counts.has_capacity || counts.confirmed + more <= counts.capacity)
    return TRUE;
  left = MAX (counts.capacity - counts.confirmed, 0);
  return sam_store_set_field_error (error, SAM_KIND_REGISTRATION, "participants",
                  g_dngettext (GETTEXT_PACKAGE,
                               "only %d more place is left at “%s”. Register the extra participants separately so that they join the waiting list, or raise the capacity.",
                               "only %d more places are left at “%s”. Register the extra participants separately so that they join the waiting list, or raise the capacity.",
                               (gulong) left),
                  (int) left, sam_record_get_title (seminar));
}

/* Rules that need the stored seminar and registration; @stored is NULL
 * for a new registration. Call inside the transaction. */
static gboolean
check_registration_place (SamStore   *store,
                          SamRecord  *registration,
                          SamRecord  *stored,
                          GError    **error)
{
  gint64 seminar_id = sam_record_get_int (registration, "seminar_id");
  g_autoptr(SamRecord) seminar = NULL;
  g_autoptr(GError) local = NULL;

  if (!(seminar = sam_store_get (store, SAM_KIND_SEMINAR, seminar_id, &local)))
    {
      if (!g_error_matches (local, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND))
        return g_propagate_error (error, g_steal_pointer (&local)), FALSE;
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND, _("%s: %s"),
                   g_dgettext (GETTEXT_PACKAGE, sam_kind_find_field (SAM_KIND_REGISTRATION, "seminar_id")->label),
                   _("the seminar no longer exists. It may have been deleted; reload and choose another seminar."));
      return FALSE;
    }
  if (stored == NULL && g_str_equal (status_of (seminar), "cancelled"))
    return sam_store_set_field_error (error, SAM_KIND_REGISTRATION, "seminar_id",
                    _("“%s” is cancelled and takes no registrations. Set its status back to planned or registration open first, or choose another seminar."),
                    sam_record_get_title (seminar));
  if (stored == NULL)
    return TRUE;
  if (sam_record_get_int (stored, "seminar_id") != seminar_id)
    return sam_store_set_field_error (error, SAM_KIND_REGISTRATION, "seminar_id",
                    _("a registration cannot move to another seminar. Cancel it, and register “%s” for the other seminar."),
                    sam_record_get_title (registration));
  return check_growth_fits (store, seminar, registration, stored, error);
}

/* Writes @copy, a registration with the place it had (a new one waits),
 * then lets the waiting list move up: a new registration gets a place
 * when it fits and nobody who registered before it is waiting. */
static gboolean
write_registration (SamStore   *store,
                    SamRecord  *copy,
                    SamRecord  *stored,
                    GError    **error)
{
  if (stored != NULL)
    {
      sam_record_set_int (copy, "waitlisted", sam_record_get_int (stored, "waitlisted"));
      if (!sam_record_is_set (copy, "registered_at"))
        sam_record_set_string (copy, "registered_at", sam_record_get_string (stored, "registered_at"));
    }
  else
    {
      sam_record_set_int (copy, "waitlisted", 1);
      if (!sam_record_is_set (copy, "registered_at"))
        sam_record_take_value (copy, sam_kind_field_index (SAM_KIND_REGISTRATION, "registered_at"),
                               g_variant_new_take_string (now_string ()));
    }
  return write_record (store, copy, error)
         && move_up_waiting (store, sam_record_get_int (copy, "seminar_id"), error);
}

/* Registers an organisation for a seminar (@registration new, id 0: its
 * seminar, organisation, sector, participants, optional names and time of
 * registration, now when unset) or changes a registration, in one
 * transaction. The registration gets a place when its participants fit in
 * the capacity and nobody who registered earlier is waiting; otherwise it
 * goes on the waiting list (waitlisted = 1). When a change frees places,
 * the waiting list moves up. On success @registration holds its id, time
 * and place; on failure (SAM_STORE_ERROR_INVALID: a count below 1, attended
 * outside 0..participants, a cancelled seminar, more participants than the
 * places left) nothing is changed, @registration included. */
gboolean
sam_registration_save (SamStore   *store,
                       SamRecord  *registration,
                       GError    **error)
{
  g_autoptr(SamRecord) copy = NULL, stored = NULL, saved = NULL;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (SAM_IS_RECORD (registration), FALSE);
  g_return_val_if_fail (sam_record_get_kind (registration) == SAM_KIND_REGISTRATION, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = sam_record_get_id (registration);
  if (!check_registration_fields (registration, error) || !sam_store_begin (store, error))
    return FALSE;
  copy = sam_record_copy (registration);
  ok = (id == 0 || (stored = sam_store_get (store, SAM_KIND_REGISTRATION, id, error)) != NULL)
       && check_registration_place (store, registration, stored, error)
       && write_registration (store, copy, stored, error)
       && (saved = sam_store_get (store, SAM_KIND_REGISTRATION, sam_record_get_id (copy), error)) != NULL;
  if (!end_transaction (store, ok, error))
    return FALSE;
  sam_record_set_id (registration, sam_record_get_id (saved));
  sam_record_set_int (registration, "waitlisted", sam_record_get_int (saved, "waitlisted"));
  sam_record_set_string (registration, "registered_at", sam_record_get_string (saved, "registered_at"));
  return TRUE;
}

/* Cancels (deletes) registration @registration_id and gives its places to
 * the waiting list, first registered first, in one transaction.
 * SAM_STORE_ERROR_NOT_FOUND when it is gone already. */
gboolean
sam_registration_cancel (SamStore   *store,
                         gint64      registration_id,
                         GError    **error)
{
  g_autoptr(SamRecord) registration = NULL;
  gboolean ok;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!sam_store_begin (store, error))
    return FALSE;
  ok = (registration = sam_store_get (store, SAM_KIND_REGISTRATION, registration_id, error)) != NULL
       && sam_store_delete (store, SAM_KIND_REGISTRATION, registration_id, error)
       && move_up_waiting (store, sam_record_get_int (registration, "seminar_id"), error);
  return end_transaction (store, ok, error);
}

/* Formats and the year's target */

static gboolean
check_format_fields (SamRecord  *format,
                     GError    **error)
{
  const char *fields[] = { "min_per_year", "max_per_year" };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (sam_record_is_set (format, fields[i]) && sam_record_get_int (format, fields[i]) < 0)
      return sam_store_set_field_error (error, SAM_KIND_SEMINAR_FORMAT, fields[i],
                      _("cannot be negative (%d). Enter 0 or more, or leave it empty for no target."),
                      (int) sam_record_get_int (format, fields[i]));
  if (sam_record_is_set (format, "min_per_year") && sam_record_is_set (format, "max_per_year")
      && sam_record_get_int (format, "max_per_year") < sam_record_get_int (format, "min_per_year"))
    return sam_store_set_field_error (error, SAM_KIND_SEMINAR_FORMAT, "max_per_year",
                    _("%d is less than the least per year (%d). Raise it, or lower the least per year."),
                    (int) sam_record_get_int (format, "max_per_year"),
                    (int) sam_record_get_int (format, "min_per_year"));
  return validate_core (format, error);
}

/* Stores a seminar format (new when its id is 0), whose min_per_year and
 * max_per_year are the yearly target: each 0 or more, the least not above
 * the most. One transaction; SAM_STORE_ERROR_INVALID and nothing changed
 * when a rule is broken. */
gboolean
sam_seminar_format_save (SamStore   *store,
                         SamRecord  *format,
                         GError    **error)
{
  gint64 id;

  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (SAM_IS_RECORD (format), FALSE);
  g_return_val_if_fail (sam_record_get_kind (format) == SAM_KIND_SEMINAR_FORMAT, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = sam_record_get_id (format);
  if (!check_format_fields (format, error) || !sam_store_begin (store, error))
    return FALSE;
  if (end_transaction (store, write_record (store, format, error), error))
    return TRUE;
  sam_record_set_id (format, id);
  return FALSE;
}

/* Reads the target of every format of @kind: the least is the sum of
 * those set (-1 when none is), the most the sum when every one is set. */
static gboolean
read_target_setting (SamStore          *store,
                     const char        *kind,
                     SamSeminarTarget  *target,
                     GError           **error)
{
  g_autoptr(SamStmt) stmt = NULL;
  SamStep step;

  stmt = sam_store_prepare (store,
                            "SELECT count(*), count(min_per_year), coalesce(sum(min_per_year), 0),"
                            " count(max_per_year), coalesce(sum(max_per_year), 0)"
                            " FROM seminar_format WHERE kind = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sam_stmt_bind_text (stmt, 1, kind);
  if ((step = sam_stmt_step (stmt, error)) == SAM_STEP_ROW)
    {
      gint64 n = sam_stmt_column_int (stmt, 0);

      target->min = sam_stmt_column_int (stmt, 1) > 0 ? (gint64) sam_stmt_column_double (stmt, 2) : -1;
      target->max = n > 0 && sam_stmt_column_int (stmt, 3) == n
                    ? (gint64) sam_stmt_column_double (stmt, 4) : -1;
    }
  return step == SAM_STEP_ROW;
}

/* Counts the seminars of @kind that start in the target's year and are
 * not cancelled. */
static gboolean
count_year (SamStore          *store,
            const char        *kind,
            SamSeminarTarget  *target,
            GError           **error)
{
  g_autofree char *from = g_strdup_printf ("%04d", target->year);
  g_autofree char *to = g_strdup_printf ("%04d", target->year + 1);
  g_autoptr(SamStmt) stmt = NULL;
  SamStep step;

  stmt = sam_store_prepare (store,
                            "SELECT count(*) FROM seminar s JOIN seminar_format f ON f.id = s.format_id"
                            " WHERE f.kind = ?1 AND s.starts_at >= ?2 AND s.starts_at < ?3"
                            " AND coalesce(s.status, 'planned') <> 'cancelled'", error);
  if (stmt == NULL)
    return FALSE;
  sam_stmt_bind_text (stmt, 1, kind);
  sam_stmt_bind_text (stmt, 2, from);
  sam_stmt_bind_text (stmt, 3, to);
  if ((step = sam_stmt_step (stmt, error)) == SAM_STEP_ROW)
    target->count = sam_stmt_column_int (stmt, 0);
  return step == SAM_STEP_ROW;
}

static SamSeminarTargetState
target_state (const SamSeminarTarget *target)
{
  if (target->min < 0 && target->max < 0)
    return SAM_SEMINAR_TARGET_NONE;
  if (target->min >= 0 && target->count < target->min)
    return SAM_SEMINAR_TARGET_TOO_FEW;
  if (target->max >= 0 && target->count > target->max)
    return SAM_SEMINAR_TARGET_TOO_MANY;
  return SAM_SEMINAR_TARGET_MET;
}

/* "1–2", "at least 1", "at most 2", "exactly 1". */
static char *
target_range (const SamSeminarTarget *target)
{
  if (target->min >= 0 && target->max >= 0 && target->min == target->max)
    return g_strdup_printf (_("exactly %d"), (int) target->min);
  if (target->min >= 0 && target->max >= 0)
    /* TRANSLATORS: a range of seminars per year, as in "the target of 1–2 a year". */
    return g_strdup_printf (_("%d–%d"), (int) target->min, (int) target->max);
  if (target->min >= 0)
    return g_strdup_printf (_("at least %d"), (int) target->min);
  return g_strdup_printf (_("at most %d"), (int) target->max);
}

static char *
target_message (const SamSeminarTarget *target,
                const char             *kind)
{
  g_autofree char *label = g_utf8_strdown (g_dgettext (GETTEXT_PACKAGE, sam_enum_label (sam_seminar_kind_values, kind)), -1);
  g_autofree char *seminars = NULL, *range = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int n = (int) target->count;

  if (target->state == SAM_SEMINAR_TARGET_NONE)
    return g_strdup_printf (_("No yearly target is set for %s seminars. Set one in the seminar format if there should be one."), label);

  /* TRANSLATORS: the first %d is a count, %s a seminar kind: "2 national interdisciplinary seminars". */
  seminars = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d %s seminar", "%d %s seminars", (gulong) n), n, label);
  range = target_range (target);
  switch (target->state)
    {
    case SAM_SEMINAR_TARGET_MET:
      return g_strdup_printf (_("%d: %s held or planned; the target of %s a year is met."), target->year, seminars, range);
    case SAM_SEMINAR_TARGET_TOO_FEW:
      if (target->year < g_date_time_get_year (now))
        return g_strdup_printf (_("%d: %s held or planned; the target of %s a year was not met."), target->year, seminars, range);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%d: %s held or planned; the target of %s a year is not yet met. Plan %d more.",
                                           "%d: %s held or planned; the target of %s a year is not yet met. Plan %d more.",
                                           (gulong) (target->min - n)),
                              target->year, seminars, range, (int) target->min - n);
    case SAM_SEMINAR_TARGET_TOO_MANY:
    case SAM_SEMINAR_TARGET_NONE:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%d: %s held or planned; the target is %s a year. Move %d to another year or cancel it, or raise the target in the seminar format.",
                                           "%d: %s held or planned; the target is %s a year. Move %d to another year or cancel them, or raise the target in the seminar format.",
                                           (gulong) (n - target->max)),
                              target->year, seminars, range, n - (int) target->max);
    }
}

/* Compares the seminars of formats of @format_kind (a nick of
 * sam_seminar_kind_values, as SAM_SEMINAR_KIND_NATIONAL) held or planned
 * in @year, that is starting in it and not cancelled, with the yearly
 * target of those formats (min_per_year, max_per_year). Returns a new
 * target with the count, the limits, the state and a translated message
 * (free with sam_seminar_target_free()), or NULL on a database error. */
SamSeminarTarget *
sam_seminar_year_target (SamStore    *store,
                         const char  *format_kind,
                         int          year,
                         GError     **error)
{
  g_autoptr(SamSeminarTarget) target = NULL;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (sam_enum_is_valid (sam_seminar_kind_values, format_kind), NULL);
  g_return_val_if_fail (year > 0 && year < 9999, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  target = g_new0 (SamSeminarTarget, 1);
  target->year = year;
  if (!read_target_setting (store, format_kind, target, error)
      || !count_year (store, format_kind, target, error))
    return NULL;
  target->state = target_state (target);
  target->message = target_message (target, format_kind);
  return g_steal_pointer (&target);
}

void
sam_seminar_target_free (SamSeminarTarget *target)
{
  if (target == NULL)
    return;
  g_free (target->message);
  g_free (target);
}

/* Interdisciplinarity */

static void
clear_share (gpointer data)
{
  SamSectorShare *share = data;

  g_clear_pointer (&share->name, g_free);
}

/* Sums participants (or attendance) per sector in one query, largest first. */
static gboolean
read_shares (SamStore      *store,
             SamSectorMix  *mix,
             GError       **error)
{
/* A HAVING may not name a column of the SELECT on PostgreSQL. */
#define SHARE_SUM "sum(CASE WHEN :attendance = 1 THEN coalesce(r.attended, 0) ELSE r.participants END)"
  g_autofree char *sql = g_strdup_printf (
    "SELECT r.sector_id, " SAM_NAME ("s") ", " SHARE_SUM " AS n"
    " FROM registration r LEFT JOIN sector s ON s.id = r.sector_id"
    " WHERE r.seminar_id = :seminar AND (:attendance = 1 OR r.waitlisted = 0)"
    " GROUP BY r.sector_id, s.name, s.name_en HAVING " SHARE_SUM " > 0"
    " ORDER BY n DESC, s.name IS NULL, " SAM_NAME ("s") " %s", sam_store_sql (store, SAM_SQL_NOCASE));
#undef SHARE_SUM
  g_autoptr(SamStmt) stmt = NULL;
  SamStep step;

  if (!(stmt = sam_store_prepare (store, sql, error)))
    return FALSE;
  sam_query_bind_int (stmt, ":seminar", mix->seminar_id);
  sam_query_bind_int (stmt, ":attendance", mix->by_attendance);
  sam_query_bind_int (stmt, ":english", sam_store_get_english_names (store));
  while ((step = sam_stmt_step (stmt, error)) == SAM_STEP_ROW)
    {
      SamSectorShare share = { 0 };

      share.sector_id = sam_stmt_column_int (stmt, 0);
      share.name = sam_stmt_column_is_null (stmt, 1)
                   ? g_strdup (_("No sector given"))
                   : g_strdup (sam_stmt_column_text (stmt, 1));
      share.participants = sam_stmt_column_int (stmt, 2);
      mix->total += share.participants;
      g_array_append_val (mix->shares, share);
    }
  return step == SAM_STEP_DONE;
}

/* Flags a national seminar where one named sector has more than half. */
static void
flag_dominant (SamSectorMix *mix,
               const char   *format_kind)
{
  SamSectorShare *top;

  for (guint i = 0; i < mix->shares->len; i++)
    {
      SamSectorShare *s = &g_array_index (mix->shares, SamSectorShare, i);
      s->share = (double) s->participants / (double) mix->total;
    }
  if (mix->shares->len == 0 || g_strcmp0 (format_kind, SAM_SEMINAR_KIND_NATIONAL) != 0)
    return;
  top = &g_array_index (mix->shares, SamSectorShare, 0);
  if (top->sector_id == 0 || 2 * top->participants <= mix->total)
    return;
  mix->flagged = TRUE;
  mix->dominant_sector_id = top->sector_id;
  mix->message = g_strdup_printf (_("%s has %d of the %d participants (%d %%). A national interdisciplinary seminar should bring the sectors together; invite more organisations from other sectors."),
                                  top->name, (int) top->participants, (int) mix->total,
                                  (int) (top->share * 100.0 + 0.5));
}

/* Returns the participants per sector at seminar @seminar_id and each
 * sector's share: who came, once the seminar is held and attendance is
 * recorded; otherwise the participants with a place (not the waiting
 * list). A national interdisciplinary seminar where one sector has more
 * than half is flagged, with a translated message. Free with
 * sam_sector_mix_free(). NULL with SAM_STORE_ERROR_NOT_FOUND when there
 * is no such seminar. */
SamSectorMix *
sam_seminar_sector_mix (SamStore   *store,
                        gint64      seminar_id,
                        GError    **error)
{
  g_autoptr(SamSectorMix) mix = NULL;
  g_autoptr(SamRecord) seminar = NULL, format = NULL;
  SamSeminarCounts counts;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(seminar = sam_store_get (store, SAM_KIND_SEMINAR, seminar_id, error))
      || !(format = sam_store_get (store, SAM_KIND_SEMINAR_FORMAT,
                                   sam_record_get_int (seminar, "format_id"), error))
      || !read_counts (store, seminar_id, &counts, error))
    return NULL;

  mix = g_new0 (SamSectorMix, 1);
  mix->seminar_id = seminar_id;
  mix->by_attendance = g_str_equal (status_of (seminar), "held") && counts.has_attendance;
  mix->shares = g_array_new (FALSE, TRUE, sizeof (SamSectorShare));
  g_array_set_clear_func (mix->shares, clear_share);
  if (!read_shares (store, mix, error))
    return NULL;
  flag_dominant (mix, sam_record_get_string (format, "kind"));
  return g_steal_pointer (&mix);
}

/* Sets @sector (borrowed from @flagged), @participants and @total and
 * returns TRUE when sam_seminar_dominance_all() flagged seminar
 * @seminar_id in @flagged; FALSE otherwise. */
gboolean
sam_seminar_dominance_lookup (GHashTable  *flagged,
                              gint64       seminar_id,
                              const char **sector,
                              gint64      *participants,
                              gint64      *total)
{
  SamSectorMix *mix;
  SamSectorShare *top;

  g_return_val_if_fail (flagged != NULL && sector != NULL && participants != NULL && total != NULL, FALSE);
  if (!(mix = g_hash_table_lookup (flagged, &seminar_id)))
    return FALSE;
  top = &g_array_index (mix->shares, SamSectorShare, 0);
  *sector = top->name;
  *participants = top->participants;
  *total = mix->total;
  return TRUE;
}

typedef struct
{
  GHashTable   *flagged;   /* seminar id → SamSectorMix */
  SamSectorMix *mix;       /* the seminar being read */
  char         *kind;      /* its format's kind */
} Dominance;

static void
finish_mix (Dominance *d)
{
  g_autoptr(SamSectorMix) mix = g_steal_pointer (&d->mix);

  if (mix == NULL)
    return;
  flag_dominant (mix, d->kind);
  if (mix->flagged)
    {
      gint64 *key = g_memdup2 (&mix->seminar_id, sizeof (gint64));

      g_hash_table_insert (d->flagged, key, g_steal_pointer (&mix));
    }
  g_clear_pointer (&d->kind, g_free);
}

/* Reads the shares of every seminar in one query, in the order
 * read_shares() gives one seminar's. */
static gboolean
read_all_shares (SamStore   *store,
                 Dominance  *d,
                 GError    **error)
{
  g_autofree char *sql = g_strdup_printf (
    "WITH mode AS (SELECT s.id, f.kind, CASE WHEN coalesce(s.status, 'planned') = 'held' "
    "  AND EXISTS (SELECT 1 FROM registration x WHERE x.seminar_id = s.id AND x.attended IS NOT NULL) "
    "  THEN 1 ELSE 0 END AS attendance "
    "  FROM seminar s JOIN seminar_format f ON f.id = s.format_id) "
    "SELECT m.id, m.kind, m.attendance, r.sector_id, " SAM_NAME ("c") ", "
    " sum(CASE WHEN m.attendance = 1 THEN coalesce(r.attended, 0) ELSE r.participants END) AS n "
    "FROM registration r JOIN mode m ON m.id = r.seminar_id LEFT JOIN sector c ON c.id = r.sector_id "
    "WHERE m.attendance = 1 OR r.waitlisted = 0 GROUP BY m.id, m.kind, m.attendance, r.sector_id, c.name, c.name_en "
    "HAVING sum(CASE WHEN m.attendance = 1 THEN coalesce(r.attended, 0) ELSE r.participants END) > 0 "
    "ORDER BY m.id, n DESC, c.name IS NULL, " SAM_NAME ("c") " %s", sam_store_sql (store, SAM_SQL_NOCASE));
  g_autoptr(SamStmt) stmt = NULL;
  SamStep step;

  if (!(stmt = sam_store_prepare (store, sql, error)))
    return FALSE;
  sam_query_bind_int (stmt, ":english", sam_store_get_english_names (store));
  while ((step = sam_stmt_step (stmt, error)) == SAM_STEP_ROW)
    {
      gint64 id = sam_stmt_column_int (stmt, 0);
      SamSectorShare share = { 0 };

      if (d->mix == NULL || d->mix->seminar_id != id)
        {
          finish_mix (d);
          d->mix = g_new0 (SamSectorMix, 1);
          d->mix->seminar_id = id;
          d->mix->by_attendance = sam_stmt_column_int (stmt, 2) != 0;
          d->mix->shares = g_array_new (FALSE, TRUE, sizeof (SamSectorShare));
          g_array_set_clear_func (d->mix->shares, clear_share);
          d->kind = g_strdup (sam_stmt_column_text (stmt, 1));
        }
      share.sector_id = sam_stmt_column_int (stmt, 3);
      share.name = sam_stmt_column_is_null (stmt, 4)
                   ? g_strdup (_("No sector given"))
                   : g_strdup (sam_stmt_column_text (stmt, 4));
      share.participants = sam_stmt_column_int (stmt, 5);
      d->mix->total += share.participants;
      g_array_append_val (d->mix->shares, share);
    }
  finish_mix (d);
  return step == SAM_STEP_DONE;
}

/* Returns the seminars that sam_seminar_sector_mix() flags for one sector
 * having more than half, read in one pass: a hash table from the seminar's
 * id (gint64 *) to its SamSectorMix. NULL with a SamStoreError. */
GHashTable *
sam_seminar_dominance_all (SamStore  *store,
                           GError   **error)
{
  g_autoptr(GHashTable) flagged = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         (GDestroyNotify) sam_sector_mix_free);
  Dominance d = { flagged, NULL, NULL };

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  if (!read_all_shares (store, &d, error))
    {
      g_clear_pointer (&d.mix, sam_sector_mix_free);
      g_free (d.kind);
      return NULL;
    }
  return g_steal_pointer (&flagged);
}

void
sam_sector_mix_free (SamSectorMix *mix)
{
  if (mix == NULL)
    return;
  g_clear_pointer (&mix->shares, g_array_unref);
  g_free (mix->message);
  g_free (mix);
}

/* Copying to another year */

/* Returns @iso moved by @years whole years, 29 February becoming 28
 * February in a year that has none; NULL when the year leaves 1..9999. */
static char *
shift_years (const char *iso,
             int         years)
{
  int year = 0;
  char *moved;

  if (strlen (iso) < 10)
    return NULL;
  for (int i = 0; i < 4; i++)
    if (!g_ascii_isdigit (iso[i]))
      return NULL;
    else
      year = year * 10 + (iso[i] - '0');
  year += years;
  if (year < 1 || year > 9999)
    return NULL;
  moved = g_strdup_printf ("%04d%s", year, iso + 4);
  if (strncmp (moved + 4, "-02-29", 6) == 0 && !g_date_is_leap_year ((GDateYear) year))
    moved[9] = '8';
  return moved;
}

/* Returns a new, unsaved copy of @seminar @years later: dates moved,
 * status planned, no evaluation; links (sectors, invitations, …) kept. */
static SamRecord *
copy_seminar (SamRecord  *seminar,
              int         years,
              GError    **error)
{
  g_autoptr(SamRecord) copy = sam_record_copy (seminar);
  const char *dates[] = { "starts_at", "ends_at" };

  sam_record_set_id (copy, 0);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *moved = NULL;

      if (!sam_record_is_set (copy, dates[i]))
        continue;
      if (!(moved = shift_years (sam_record_get_string (copy, dates[i]), years)))
        return sam_store_set_field_error (error, SAM_KIND_SEMINAR, dates[i],
                        _("“%s” cannot be moved %d years: the date would leave the years 1 to 9999. Choose another year."),
                        sam_record_get_title (seminar), years), NULL;
      sam_record_set_string (copy, dates[i], moved);
    }
  sam_record_set_string (copy, "status", "planned");
  sam_record_unset (copy, "evaluation_score");
  sam_record_unset (copy, "evaluation_comment");
  return g_steal_pointer (&copy);
}

/* Copies seminar @seminar_id to @year, in one transaction: its dates move
 * by whole years (29 February to 28 February when @year has none), its
 * status becomes planned, its evaluation is left behind and its
 * registrations are not copied. Returns the new seminar, or NULL:
 * SAM_STORE_ERROR_INVALID when the seminar has no start date. */
SamRecord *
sam_seminar_copy_to_year (SamStore   *store,
                          gint64      seminar_id,
                          int         year,
                          GError    **error)
{
  g_autoptr(SamRecord) seminar = NULL, copy = NULL;
  gboolean ok;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(seminar = sam_store_get (store, SAM_KIND_SEMINAR, seminar_id, error)))
    return NULL;
  if (year_of (seminar, "starts_at") == 0)
    return sam_store_set_field_error (error, SAM_KIND_SEMINAR, "starts_at",
                    _("“%s” has no date, so it cannot be moved to another year. Give it a start date first."),
                    sam_record_get_title (seminar)), NULL;
  if (!(copy = copy_seminar (seminar, year - year_of (seminar, "starts_at"), error))
      || !sam_store_begin (store, error))
    return NULL;
  ok = sam_store_insert (store, copy, error);
  return end_transaction (store, ok, error) ? g_steal_pointer (&copy) : NULL;
}

/* Copies the series of @from_year, every seminar starting in it that is
 * not cancelled, to @to_year as sam_seminar_copy_to_year() does, all in
 * one transaction: all are copied or none. Returns the new seminars (an
 * empty array, and no transaction, when @from_year has none), or NULL on
 * failure. */
GPtrArray *
sam_seminar_copy_year (SamStore   *store,
                       int         from_year,
                       int         to_year,
                       GError    **error)
{
  g_autoptr(GPtrArray) seminars = NULL, copies = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (from_year == to_year)
    return sam_store_set_field_error (error, SAM_KIND_SEMINAR, "starts_at",
                    _("the seminars of %d are in %d already. Choose another year to copy them to."),
                    from_year, to_year), NULL;
  if (!(seminars = sam_seminar_list_year (store, from_year, error)))
    return NULL;
  copies = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < seminars->len; i++)
    if (!g_str_equal (status_of (seminars->pdata[i]), "cancelled"))
      {
        SamRecord *copy = copy_seminar (seminars->pdata[i], to_year - from_year, error);
        if (copy == NULL)
          return NULL;
        g_ptr_array_add (copies, copy);
      }
  if (copies->len == 0)
    return g_steal_pointer (&copies);
  if (!sam_store_begin (store, error))
    return NULL;
  for (guint i = 0; ok && i < copies->len; i++)
    ok = sam_store_insert (store, copies->pdata[i], error);
  return end_transaction (store, ok, error) ? g_steal_pointer (&copies) : NULL;
}
