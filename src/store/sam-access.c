#define G_LOG_DOMAIN "sam-access"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sam-access-private.h"

/* The rules below are those of the server's rights (rights.sql): change
 * them together. */

struct _SamAccess
{
  SamAccessRole  role;
  GArray        *agencies;  /* gint64: the agencies an editor edits for */
};

static SamAccess *
access_new (SamAccessRole role)
{
  SamAccess *access = g_new0 (SamAccess, 1);

  access->role = role;
  access->agencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  return access;
}

/* The access of a file's user: everything. */
SamAccess *
sam_access_new_full (void)
{
  return access_new (SAM_ACCESS_SECRETARIAT);
}

void
sam_access_free (SamAccess *access)
{
  if (access == NULL)
    return;
  g_array_unref (access->agencies);
  g_free (access);
}

/* Whether the login of @db is of the secretariat: a member of its role,
 * the server's superuser, or the database's owner (whom no rule binds). */
static gboolean
read_is_secretariat (SamDb    *db,
                     gboolean *secretariat,
                     GError  **error)
{
  g_autoptr(SamStmt) stmt = sam_db_prepare (db, "SELECT samordna_is_secretariat () OR pg_has_role "
                                                "((SELECT relowner FROM pg_class WHERE oid = 'public.activity'::regclass), "
                                                "'MEMBER')", error);

  if (stmt == NULL || sam_stmt_step (stmt, error) != SAM_STEP_ROW)
    return FALSE;
  *secretariat = sam_stmt_column_int (stmt, 0) != 0;
  return TRUE;
}

static gboolean
read_agencies (SamDb     *db,
               SamAccess *access,
               GError   **error)
{
  g_autoptr(SamStmt) stmt = sam_db_prepare (db, "SELECT a FROM samordna_my_agencies () a ORDER BY a", error);
  SamStep step;

  if (stmt == NULL)
    return FALSE;
  while ((step = sam_stmt_step (stmt, error)) == SAM_STEP_ROW)
    {
      gint64 id = sam_stmt_column_int (stmt, 0);
      g_array_append_val (access->agencies, id);
    }
  return step == SAM_STEP_DONE;
}

/* Reads the access of the login of @db, a plan on a server, from the
 * roles `samordna server grant` gave it. A login with none of the plan's
 * roles reads (the server lets it read nothing at all). */
SamAccess *
sam_access_read (SamDb   *db,
                 GError **error)
{
  g_autoptr(SamAccess) access = access_new (SAM_ACCESS_READER);
  gboolean secretariat = FALSE;

  g_return_val_if_fail (sam_db_get_backend (db) == SAM_DB_POSTGRESQL, NULL);
  if (!read_is_secretariat (db, &secretariat, error))
    return NULL;
  if (secretariat)
    access->role = SAM_ACCESS_SECRETARIAT;
  else if (!read_agencies (db, access, error))
    return NULL;
  else if (access->agencies->len > 0)
    access->role = SAM_ACCESS_EDITOR;
  return g_steal_pointer (&access);
}

SamAccessRole
sam_access_get_role (const SamAccess *access)
{
  g_return_val_if_fail (access != NULL, SAM_ACCESS_READER);
  return access->role;
}

/* Returns the agency an editor edits for (the first, when a login holds
 * several agencies' roles), 0 for anyone else. */
gint64
sam_access_get_agency (const SamAccess *access)
{
  g_return_val_if_fail (access != NULL, 0);
  return access->agencies->len > 0 ? g_array_index (access->agencies, gint64, 0) : 0;
}

/* Whether the user edits for the agency @agency (an editor of it). */
gboolean
sam_access_edits_agency (const SamAccess *access,
                         gint64           agency)
{
  g_return_val_if_fail (access != NULL, FALSE);
  for (guint i = 0; agency > 0 && i < access->agencies->len; i++)
    if (g_array_index (access->agencies, gint64, i) == agency)
      return TRUE;
  return FALSE;
}

/* Whether the user may change the plan as a whole: its agencies, plans,
 * seminars and the rest, reporting rounds, imported forms and closed
 * periods. The secretariat's alone. */
gboolean
sam_access_can_manage (const SamAccess *access)
{
  g_return_val_if_fail (access != NULL, FALSE);
  return access->role == SAM_ACCESS_SECRETARIAT;
}

/* Whether the user may add records of @kind: an editor adds activities
 * (its agency then leads them). */
gboolean
sam_access_can_create (const SamAccess *access,
                       SamKind          kind)
{
  g_return_val_if_fail (access != NULL, FALSE);
  return sam_access_can_manage (access)
         || (access->role == SAM_ACCESS_EDITOR && kind == SAM_KIND_ACTIVITY);
}

static gboolean
leads (const SamAccess *access,
       SamRecord       *activity)
{
  return sam_access_edits_agency (access, sam_record_get_int (activity, "lead_agency_id"));
}

static gboolean
takes_part (const SamAccess *access,
            SamRecord       *activity)
{
  gsize n = 0;
  const gint64 *partners = sam_record_get_refs (activity, "partners", &n);

  for (gsize i = 0; i < n; i++)
    if (sam_access_edits_agency (access, partners[i]))
      return TRUE;
  return leads (access, activity);
}

static gboolean
is_activity (SamRecord *record)
{
  return sam_record_get_kind (record) == SAM_KIND_ACTIVITY;
}

/* Whether the user may change or delete @record: an editor those
 * activities its agency leads. */
gboolean
sam_access_can_edit (const SamAccess *access,
                     SamRecord       *record)
{
  g_return_val_if_fail (access != NULL && SAM_IS_RECORD (record), FALSE);
  return sam_access_can_manage (access)
         || (access->role == SAM_ACCESS_EDITOR && is_activity (record) && leads (access, record));
}

/* Whether the user may change the field @field of @record: as
 * sam_access_can_edit(), except that only the secretariat gives an
 * activity another lead agency. */
gboolean
sam_access_can_edit_field (const SamAccess *access,
                           SamRecord       *record,
                           const char      *field)
{
  g_return_val_if_fail (field != NULL, FALSE);
  return sam_access_can_edit (access, record)
         && (sam_access_can_manage (access) || !g_str_equal (field, "lead_agency_id"));
}

/* Whether the user may record the status of @activity: an editor for
 * those its agency leads or takes part in. */
gboolean
sam_access_can_record_status (const SamAccess *access,
                              SamRecord       *activity)
{
  g_return_val_if_fail (access != NULL && SAM_IS_RECORD (activity), FALSE);
  if (!is_activity (activity))
    return FALSE;
  return sam_access_can_manage (access)
         || (access->role == SAM_ACCESS_EDITOR && takes_part (access, activity));
}

/* Returns why the user may not change @record, a sentence for the window,
 * or NULL when they may. */
char *
sam_access_explain (const SamAccess *access,
                    SamRecord       *record)
{
  g_return_val_if_fail (access != NULL && SAM_IS_RECORD (record), NULL);
  if (sam_access_can_edit (access, record))
    return NULL;
  if (access->role == SAM_ACCESS_READER)
    return g_strdup (_("You can read this plan; ask the secretariat for editing rights."));
  if (!is_activity (record))
    return g_strdup (_("Only the secretariat changes this. Your agency edits the activities it leads."));
  if (takes_part (access, record))
    return g_strdup (_("Your agency takes part in this activity: you can record its status. Its lead agency or the secretariat changes the rest."));
  return g_strdup (_("Your agency does not lead or take part in this activity: its lead agency or the secretariat changes it."));
}

/* Returns what the user may do in the plan as a whole, for a notice at
 * the top of the window, or NULL for one who may do everything. */
const char *
sam_access_describe (const SamAccess *access)
{
  g_return_val_if_fail (access != NULL, NULL);
  switch (access->role)
    {
    case SAM_ACCESS_READER:
      return _("You can read this plan; ask the secretariat for editing rights.");
    case SAM_ACCESS_EDITOR:
      return _("You edit the activities your agency leads and record status for those it takes part in; ask the secretariat to change the rest.");
    case SAM_ACCESS_SECRETARIAT:
    default:
      return NULL;
    }
}
