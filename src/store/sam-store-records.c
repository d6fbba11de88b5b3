#define G_LOG_DOMAIN "sam-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sam-history.h"
#include "sam-store-private.h"

/* Generic reading and writing of records, driven by the kind table of
 * sam-kind.c: the entity's own columns in its table, each multi-valued
 * field in its link table (owner column "<table>_id", value column from
 * the field, and a position that keeps the order people gave). */

static char *
owner_column (const SamKindInfo *info)
{
  return g_strconcat (info->table, "_id", NULL);
}

static char *
column_list (const SamKindInfo *info)
{
  GString *cols = g_string_new ("id");

  for (guint i = 0; i < info->n_fields; i++)
    if (!sam_field_is_link (&info->fields[i]))
      g_string_append_printf (cols, ", %s", info->fields[i].name);
  return g_string_free (cols, FALSE);
}

static void
bind_value (SamStmt        *stmt,
            int             pos,
            const SamField *field,
            GVariant       *value)
{
  if (value == NULL && field->type == SAM_FIELD_BOOL)
    sam_stmt_bind_int (stmt, pos, 0);   /* an unset yes/no is no */
  else if (value == NULL)
    sam_stmt_bind_null (stmt, pos);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    sam_stmt_bind_text (stmt, pos, g_variant_get_string (value, NULL));
  else if (field->type == SAM_FIELD_REF && g_variant_get_int64 (value) == 0)
    sam_stmt_bind_null (stmt, pos);
  else
    sam_stmt_bind_int (stmt, pos, g_variant_get_int64 (value));
}

static GVariant *
column_value (SamStmt        *stmt,
              int             col,
              const SamField *field)
{
  if (sam_stmt_column_is_null (stmt, col))
    return NULL;
  switch (field->type)
    {
    case SAM_FIELD_INT:
    case SAM_FIELD_BOOL:
    case SAM_FIELD_REF:
      return g_variant_new_int64 (sam_stmt_column_int (stmt, col));
    default:
      return g_variant_new_string (sam_stmt_column_text (stmt, col));
    }
}

/* Turns @failure, the database's error from running a statement that
 * writes @record, into the message to show: one that names the field
 * when a constraint was broken. Always returns FALSE. */
static gboolean
constraint_error (SamStore          *self,
                  const SamKindInfo *info,
                  SamRecord         *record,
                  GError            *failure,
                  GError           **error)
{
  g_autoptr(GError) local = failure;
  const char *column = NULL, *detail = NULL;
  SamDbConstraint constraint = sam_db_get_constraint (sam_store_get_db (self), &column, &detail);
  const SamField *field = column ? sam_kind_find_field (info->kind, column) : NULL;

  if (constraint == SAM_DB_CONSTRAINT_UNIQUE && field != NULL)
    sam_store_set_field_error (error, info->kind, field->name, _("“%s” is already in use. Choose another."),
                               sam_record_get_string (record, field->name));
  else if (constraint == SAM_DB_CONSTRAINT_FOREIGN_KEY)
    g_set_error_literal (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                         _("A linked item no longer exists. Choose the linked items again."));
  else if (constraint != SAM_DB_CONSTRAINT_NONE)
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                 _("A value breaks a rule of the database (%s). Correct it and try again."), detail);
  else
    g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/* Writes the link field @index of @record to its link table, first
 * removing what was there when @replace. */
static gboolean
write_link_field (SamStore   *self,
                  SamRecord  *record,
                  guint       index,
                  gboolean    replace,
                  GError    **error)
{
  const SamKindInfo *info = sam_kind_get_info (sam_record_get_kind (record));
  const SamField *f = &info->fields[index];
  GVariant *v = sam_record_get_value (record, index);
  g_autofree char *owner = owner_column (info);
  g_autofree char *del = NULL, *ins = NULL;
  g_autoptr(SamStmt) stmt = NULL;

  if (replace)
    {
      del = g_strdup_printf ("DELETE FROM %s WHERE %s = %" G_GINT64_FORMAT,
                             f->link_table, owner, sam_record_get_id (record));
      if (!sam_store_exec (self, del, error))
        return FALSE;
    }
  if (v == NULL || g_variant_n_children (v) == 0)
    return TRUE;

  /* A value given twice is kept once, in its first place. */
  ins = g_strdup_printf ("INSERT INTO %s (%s, %s, position) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                         f->link_table, owner, f->link_column);
  if (!(stmt = sam_store_prepare (self, ins, error)))
    return FALSE;
  for (gsize j = 0; j < g_variant_n_children (v); j++)
    {
      g_autoptr(GVariant) item = g_variant_get_child_value (v, j);
      GError *failure = NULL;

      sam_stmt_bind_int (stmt, 1, sam_record_get_id (record));
      if (f->type == SAM_FIELD_REFS)
        sam_stmt_bind_int (stmt, 2, g_variant_get_int64 (item));
      else
        sam_stmt_bind_text (stmt, 2, g_variant_get_string (item, NULL));
      sam_stmt_bind_int (stmt, 3, (gint64) j);
      if (!sam_stmt_run (stmt, &failure))
        return constraint_error (self, info, record, failure, error);
    }
  return TRUE;
}

static gboolean
write_links (SamStore   *self,
             SamRecord  *record,
             gboolean    replace,
             GError    **error)
{
  const SamKindInfo *info = sam_kind_get_info (sam_record_get_kind (record));

  for (guint i = 0; i < info->n_fields; i++)
    if (sam_field_is_link (&info->fields[i]) && !write_link_field (self, record, i, replace, error))
      return FALSE;
  return TRUE;
}

/* An agency or target group may not end up under itself. */
static gboolean
check_parent_cycle (SamStore   *self,
                    SamRecord  *record,
                    GError    **error)
{
  const SamKindInfo *info = sam_kind_get_info (sam_record_get_kind (record));
  g_autofree char *sql = NULL;
  g_autoptr(SamStmt) stmt = NULL;
  gint64 parent = sam_record_get_int (record, "parent_id");
  gboolean cycle = FALSE;
  guint guard = 0;

  if (parent == 0 || sam_record_get_id (record) == 0)
    return TRUE;
  sql = g_strdup_printf ("SELECT parent_id FROM %s WHERE id = ?", info->table);
  if (!(stmt = sam_store_prepare (self, sql, error)))
    return FALSE;
  while (parent != 0 && !cycle && guard++ < 10000)
    {
      cycle = parent == sam_record_get_id (record);
      sam_stmt_bind_int (stmt, 1, parent);
      parent = sam_stmt_step (stmt, NULL) == SAM_STEP_ROW ? sam_stmt_column_int (stmt, 0) : 0;
      sam_stmt_reset (stmt);
    }
  if (cycle)
    sam_store_set_field_error (error, info->kind, "parent_id",
                               _("cannot be the item itself or one of the items under it. Choose another."));
  return !cycle;
}

/* A sector answers to a ministry: its responsible ministry must be an
 * agency of kind ministry (see sam-accountability.h). */
static gboolean
check_sector_ministry (SamStore   *self,
                       SamRecord  *record,
                       GError    **error)
{
  gint64 id = sam_record_get_int (record, "ministry_id");
  g_autoptr(SamRecord) agency = NULL;

  if (id == 0 || !(agency = sam_store_get (self, SAM_KIND_AGENCY, id, NULL)))
    return TRUE;   /* none; a missing agency is the foreign key's to refuse */
  if (g_strcmp0 (sam_record_get_string (agency, "kind"), "ministry") == 0)
    return TRUE;
  g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
               _("%s: “%s” is not a ministry. Choose a ministry, or make it one by setting its kind to Ministry."),
               g_dgettext (GETTEXT_PACKAGE, sam_kind_find_field (SAM_KIND_SECTOR, "ministry_id")->label),
               sam_record_get_title (agency));
  return FALSE;
}

static gboolean
validate (SamStore   *self,
          SamRecord  *record,
          GError    **error)
{
  g_autoptr(GError) local = NULL;
  SamKind kind = sam_record_get_kind (record);

  if (!sam_record_validate (record, &local))
    {
      return sam_store_set_invalid_from_core (error, local);
    }
  if (kind == SAM_KIND_AGENCY || kind == SAM_KIND_TARGET_GROUP)
    return check_parent_cycle (self, record, error);
  if (kind == SAM_KIND_SECTOR)
    return check_sector_ministry (self, record, error);
  return TRUE;
}

/* Writes @record's own columns (not its links) as a new row, or over the
 * row of its id when @update. */
static gboolean
write_columns (SamStore   *self,
               SamRecord  *record,
               gboolean    update,
               GError    **error)
{
  const SamKindInfo *info = sam_kind_get_info (sam_record_get_kind (record));
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(SamStmt) stmt = NULL;
  GError *failure = NULL;
  SamStep step;
  gint64 id = 0;
  int pos = 1;

  if (update)
    {
      g_string_printf (sql, "UPDATE %s SET id = id", info->table);
      for (guint i = 0; i < info->n_fields; i++)
        if (!sam_field_is_link (&info->fields[i]))
          g_string_append_printf (sql, ", %s = ?", info->fields[i].name);
      g_string_append (sql, " WHERE id = ?");
    }
  else
    {
      g_autofree char *cols = column_list (info);
      /* A new record gets its id from the database (a server's identity
       * column takes no NULL for one); undo and redo put a deleted record
       * back under the id it had. */
      gboolean with_id = sam_record_get_id (record) != 0;

      g_string_printf (sql, "INSERT INTO %s (%s) VALUES (%s", info->table,
                       with_id ? cols : cols + strlen ("id, "), with_id ? "?, " : "");
      for (guint i = 0, n = 0; i < info->n_fields; i++)
        if (!sam_field_is_link (&info->fields[i]))
          g_string_append (sql, n++ ? ", ?" : "?");
      g_string_append (sql, ") RETURNING id");
    }

  if (!(stmt = sam_store_prepare (self, sql->str, error)))
    return FALSE;
  if (!update && sam_record_get_id (record) != 0)
    sam_stmt_bind_int (stmt, pos++, sam_record_get_id (record));
  for (guint i = 0; i < info->n_fields; i++)
    if (!sam_field_is_link (&info->fields[i]))
      bind_value (stmt, pos++, &info->fields[i], sam_record_get_value (record, i));
  if (update)
    sam_stmt_bind_int (stmt, pos, sam_record_get_id (record));
  while ((step = sam_stmt_step (stmt, &failure)) == SAM_STEP_ROW)
    id = sam_stmt_column_int (stmt, 0);
  if (step == SAM_STEP_ERROR)
    return constraint_error (self, info, record, failure, error);

  if (!update)
    sam_record_set_id (record, id);
  else if (sam_db_changes (sam_store_get_db (self)) == 0)
    {
      g_set_error_literal (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND,
                           _("The item you changed no longer exists; it may have been deleted. Reload the list and try again."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_row (SamStore   *self,
           SamRecord  *record,
           gboolean    update,
           GError    **error)
{
  return write_columns (self, record, update, error) && write_links (self, record, update, error);
}

/* Writes again the link fields of @record that differ between @from and
 * @to, and no other: a login that may change some fields of a record on a
 * server (a partner agency its status) may not write its links. */
static gboolean
write_changed_links (SamStore   *self,
                     SamRecord  *record,
                     SamRecord  *from,
                     SamRecord  *to,
                     GError    **error)
{
  const SamKindInfo *info = sam_kind_get_info (sam_record_get_kind (record));

  for (guint i = 0; i < info->n_fields; i++)
    if (sam_field_is_link (&info->fields[i])
        && !sam_record_values_equal (&info->fields[i], sam_record_get_value (from, i), sam_record_get_value (to, i))
        && !write_link_field (self, record, i, TRUE, error))
      return FALSE;
  return TRUE;
}

static gboolean
delete_row (SamStore   *self,
            SamKind     kind,
            gint64      id,
            GError    **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = %" G_GINT64_FORMAT,
                                          sam_kind_get_info (kind)->table, id);

  if (!sam_store_exec (self, sql, error))
    return FALSE;
  if (sam_db_changes (sam_store_get_db (self)) == 0)
    {
      g_set_error_literal (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND,
                           _("The item no longer exists; it may have been deleted already."));
      return FALSE;
    }
  return TRUE;
}

/* Whether @current still holds what @expected held in every field that
 * differs between @expected and @goal (all fields when @goal is NULL); if
 * not, a conflict about the first such field. */
static gboolean
check_unchanged (SamRecord  *current,
                 SamRecord  *expected,
                 SamRecord  *goal,
                 GError    **error)
{
  const SamKindInfo *info = sam_kind_get_info (sam_record_get_kind (current));

  for (guint i = 0; i < info->n_fields; i++)
    {
      const SamField *f = &info->fields[i];
      GVariant *now = sam_record_get_value (current, i);
      GVariant *was = sam_record_get_value (expected, i);
      GVariant *to = goal ? sam_record_get_value (goal, i) : NULL;

      if (goal && sam_record_values_equal (f, was, to))
        continue;
      if (!sam_record_values_equal (f, now, was) && !(goal && sam_record_values_equal (f, now, to)))
        return sam_store_set_conflict_error (error, current, f->name, now, to);
    }
  return TRUE;
}

/* Puts @to's values of the fields that differ between @from and @to into
 * @record. */
static void
apply_difference (SamRecord *record,
                  SamRecord *from,
                  SamRecord *to)
{
  const SamKindInfo *info = sam_kind_get_info (sam_record_get_kind (record));

  for (guint i = 0; i < info->n_fields; i++)
    {
      GVariant *v = sam_record_get_value (to, i);

      if (!sam_record_values_equal (&info->fields[i], sam_record_get_value (from, i), v))
        sam_record_take_value (record, i, v ? g_variant_ref (v) : NULL);
    }
}

/* Takes a record from the state @from to the state @to (either NULL: the
 * record is not there), with no rule checks and no journal: undo and redo
 * replay what was checked when it was first done. Only the fields that
 * differ between @from and @to are written, so what others changed in the
 * other fields stays. Unless @anyway, fails with SAM_STORE_ERROR_CONFLICT
 * when the record no longer holds @from's values in those fields. */
gboolean
sam_store_replay (SamStore   *self,
                  SamRecord  *from,
                  SamRecord  *to,
                  gboolean    anyway,
                  GError    **error)
{
  g_autoptr(SamRecord) current = NULL;
  g_autoptr(GError) local = NULL;
  SamRecord *any = from ? from : to;

  if (from == NULL)
    return write_row (self, to, FALSE, error);
  current = sam_store_get (self, sam_record_get_kind (any), sam_record_get_id (any), &local);
  if (current == NULL && to == NULL && g_error_matches (local, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND))
    return TRUE;   /* gone already, as the step would leave it */
  if (current == NULL)
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND,
                   _("“%s” was deleted elsewhere since, so this step cannot be taken back."),
                   sam_record_get_title (any));
      return FALSE;
    }
  if (!anyway && !check_unchanged (current, from, to, error))
    return FALSE;
  if (to == NULL)
    return delete_row (self, sam_record_get_kind (from), sam_record_get_id (from), error);
  apply_difference (current, from, to);
  return write_columns (self, current, TRUE, error) && write_changed_links (self, current, from, to, error);
}

static gboolean
save (SamStore   *self,
      SamRecord  *record,
      gboolean    update,
      GError    **error)
{
  gint64 old_id = sam_record_get_id (record);
  g_autoptr(SamRecord) before = NULL;

  if (!validate (self, record, error) || !sam_store_begin (self, error))
    return FALSE;
  /* The history's note goes before the record in the step, so that the
   * step is named after the record. */
  if ((update && !(before = sam_store_get (self, sam_record_get_kind (record), old_id, error)))
      || !write_row (self, record, update, error)
      || !sam_history_note (self, before, record, error))
    {
      sam_store_rollback (self);
      sam_record_set_id (record, old_id);
      return FALSE;
    }
  sam_store_journal_add (self, before, record);
  if (!sam_store_commit (self, error))
    {
      sam_store_rollback (self);
      sam_record_set_id (record, old_id);
      return FALSE;
    }
  return TRUE;
}

/* Stores @record as a new record in one transaction and sets its id.
 * Returns FALSE with SAM_STORE_ERROR_INVALID, saving nothing, when a value
 * breaks a rule (the message names the field). */
gboolean
sam_store_insert (SamStore   *self,
                  SamRecord  *record,
                  GError    **error)
{
  g_return_val_if_fail (SAM_IS_STORE (self), FALSE);
  g_return_val_if_fail (SAM_IS_RECORD (record), FALSE);
  g_return_val_if_fail (sam_record_get_id (record) == 0, FALSE);
  return save (self, record, FALSE, error);
}

/* Replaces the stored record with @record's id by @record, links included,
 * in one transaction. SAM_STORE_ERROR_NOT_FOUND when there is no such id. */
gboolean
sam_store_update (SamStore   *self,
                  SamRecord  *record,
                  GError    **error)
{
  g_return_val_if_fail (SAM_IS_STORE (self), FALSE);
  g_return_val_if_fail (SAM_IS_RECORD (record), FALSE);
  g_return_val_if_fail (sam_record_get_id (record) > 0, FALSE);
  return save (self, record, TRUE, error);
}

/* Whether field @field of @current may become @value for someone who read
 * it as @expected: it still is @expected, or it already is @value (both
 * made the same change). Otherwise SAM_STORE_ERROR_CONFLICT with both. */
gboolean
sam_store_check_value (SamRecord   *current,
                       const char  *field,
                       GVariant    *expected,
                       GVariant    *value,
                       GError     **error)
{
  int index = sam_kind_field_index (sam_record_get_kind (current), field);
  const SamField *f = sam_kind_find_field (sam_record_get_kind (current), field);
  GVariant *now;

  g_assert (index >= 0);
  now = sam_record_get_value (current, (guint) index);
  if (sam_record_values_equal (f, now, expected) || sam_record_values_equal (f, now, value))
    return TRUE;
  return sam_store_set_conflict_error (error, current, field, now, value);
}

/* Writes field @index of @changed, whose stored state is @current: a
 * column only while it still holds @current's value, or a link table. */
static gboolean
write_field (SamStore   *self,
             SamRecord  *current,
             SamRecord  *changed,
             guint       index,
             GError    **error)
{
  const SamKindInfo *info = sam_kind_get_info (sam_record_get_kind (changed));
  const SamField *f = &info->fields[index];
  g_autofree char *sql = NULL;
  g_autoptr(SamStmt) stmt = NULL;
  GError *failure = NULL;

  if (sam_field_is_link (f))
    return write_link_field (self, changed, index, TRUE, error);
  /* Standard SQL, as a server would run it: only if nobody changed it. */
  sql = g_strdup_printf ("UPDATE %s SET %s = ?1 WHERE id = ?2 AND %s IS NOT DISTINCT FROM ?3",
                         info->table, f->name, f->name);
  if (!(stmt = sam_store_prepare (self, sql, error)))
    return FALSE;
  bind_value (stmt, 1, f, sam_record_get_value (changed, index));
  sam_stmt_bind_int (stmt, 2, sam_record_get_id (changed));
  bind_value (stmt, 3, f, sam_record_get_value (current, index));
  if (!sam_stmt_run (stmt, &failure))
    return constraint_error (self, info, changed, failure, error);
  if (sam_db_changes (sam_store_get_db (self)) == 0)
    return sam_store_set_conflict_error (error, current, f->name, NULL, sam_record_get_value (changed, index));
  return TRUE;
}

static gboolean
update_field (SamStore    *self,
              SamRecord   *current,
              const char  *field,
              GVariant    *expected,
              GVariant    *value,
              GError     **error)
{
  int index = sam_kind_field_index (sam_record_get_kind (current), field);
  g_autoptr(SamRecord) changed = NULL;

  if (!sam_store_check_value (current, field, expected, value, error))
    return FALSE;
  if (sam_record_values_equal (sam_kind_find_field (sam_record_get_kind (current), field),
                               sam_record_get_value (current, (guint) index), value))
    return TRUE;
  changed = sam_record_copy (current);
  sam_record_take_value (changed, (guint) index, value ? g_variant_ref (value) : NULL);
  /* Noted in the history as a whole save is (see save()), the note first
   * in the step. */
  if (!validate (self, changed, error) || !write_field (self, current, changed, (guint) index, error)
      || !sam_history_note (self, current, changed, error))
    return FALSE;
  sam_store_journal_add (self, current, changed);
  return TRUE;
}

/* Keeps other connections from changing the record (@kind, @id) until
 * the transaction ends, so that what it reads of it stays true while it
 * writes (a server's READ COMMITTED would otherwise let another commit in
 * between; a file's write transaction already holds the whole file). */
gboolean
sam_store_lock_record (SamStore  *self,
                       SamKind    kind,
                       gint64     id,
                       GError   **error)
{
  const char *lock = sam_store_sql (self, SAM_SQL_LOCK_ROW);
  g_autofree char *sql = NULL;
  g_autoptr(SamStmt) stmt = NULL;

  if (*lock == '\0')
    return TRUE;
  sql = g_strdup_printf ("SELECT id FROM %s WHERE id = ?1 %s", sam_kind_get_info (kind)->table, lock);
  if (!(stmt = sam_store_prepare (self, sql, error)))
    return FALSE;
  sam_stmt_bind_int (stmt, 1, id);
  return sam_stmt_run (stmt, error);
}

/* Changes one field of the record (@kind, @id) to @value (NULL clears it),
 * but only while it still holds @expected, the value the caller read and
 * showed: so that two people editing one record never overwrite each
 * other's changes, and nothing else of the record is written. One
 * transaction and one undo step; a value equal to what is stored changes
 * nothing. Fails, changing nothing, with SAM_STORE_ERROR_CONFLICT when the
 * field holds another value now (see sam_store_error_get_theirs()),
 * SAM_STORE_ERROR_NOT_FOUND when the record is gone, and
 * SAM_STORE_ERROR_INVALID when the record would break a rule.
 *
 * A server backend implements the same contract with
 * UPDATE … SET field = value WHERE id = … AND field IS NOT DISTINCT FROM expected. */
gboolean
sam_store_update_field (SamStore    *self,
                        SamKind      kind,
                        gint64       id,
                        const char  *field,
                        GVariant    *expected,
                        GVariant    *value,
                        GError     **error)
{
  g_autoptr(SamRecord) current = NULL;

  g_return_val_if_fail (SAM_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind >= 0 && kind < SAM_N_KINDS, FALSE);
  g_return_val_if_fail (field != NULL && sam_kind_find_field (kind, field) != NULL, FALSE);

  if (!sam_store_begin (self, error))
    return FALSE;
  if (!sam_store_lock_record (self, kind, id, error)
      || !(current = sam_store_get (self, kind, id, error))
      || !update_field (self, current, field, expected, value, error)
      || !sam_store_commit (self, error))
    {
      sam_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/* Counts, per kind, the records whose fields point to (@kind, @id). */
static GString *
describe_references (SamStore *self,
                     SamKind   kind,
                     gint64    id)
{
  GString *what = NULL;

  for (int k = 0; k < SAM_N_KINDS; k++)
    {
      const SamKindInfo *other = sam_kind_get_info (k);
      gint64 total = 0;

      for (guint i = 0; i < other->n_fields; i++)
        {
          const SamField *f = &other->fields[i];
          g_autofree char *sql = NULL, *owner = owner_column (other);
          g_autoptr(SamStmt) stmt = NULL;

          if (f->ref_kind != kind)
            continue;
          sql = f->type == SAM_FIELD_REF
                ? g_strdup_printf ("SELECT count(*) FROM %s WHERE %s = ?", other->table, f->name)
                : g_strdup_printf ("SELECT count(DISTINCT %s) FROM %s WHERE %s = ?", owner, f->link_table, f->link_column);
          if ((stmt = sam_store_prepare (self, sql, NULL)) != NULL)
            {
              sam_stmt_bind_int (stmt, 1, id);
              if (sam_stmt_step (stmt, NULL) == SAM_STEP_ROW)
                total += sam_stmt_column_int (stmt, 0);
            }
        }
      if (total == 0)
        continue;
      if (what == NULL)
        what = g_string_new (NULL);
      else
        g_string_append (what, ", ");
      /* TRANSLATORS: a kind and a count, as in "Activities: 3". */
      g_string_append_printf (what, _("%s: %d"),
                              g_dgettext (GETTEXT_PACKAGE, other->plural), (int) total);
    }
  return what;
}

/* Returns TRUE when a record points to (@kind, @id) through a field that
 * must be set, so that its links can be moved to another record but not
 * removed (see sam_store_delete_replacing()). */
gboolean
sam_store_links_required (SamStore *self,
                          SamKind   kind,
                          gint64    id)
{
  g_return_val_if_fail (SAM_IS_STORE (self), FALSE);

  for (int k = 0; k < SAM_N_KINDS; k++)
    {
      const SamKindInfo *other = sam_kind_get_info (k);

      for (guint i = 0; i < other->n_fields; i++)
        {
          const SamField *f = &other->fields[i];
          g_autofree char *sql = NULL;
          g_autoptr(SamStmt) stmt = NULL;
          gboolean found = FALSE;

          if (f->ref_kind != kind || f->type != SAM_FIELD_REF || !f->required)
            continue;
          sql = g_strdup_printf ("SELECT 1 FROM %s WHERE %s = ? LIMIT 1", other->table, f->name);
          if ((stmt = sam_store_prepare (self, sql, NULL)) != NULL)
            {
              sam_stmt_bind_int (stmt, 1, id);
              found = sam_stmt_step (stmt, NULL) == SAM_STEP_ROW;
            }
          if (found)
            return TRUE;
        }
    }
  return FALSE;
}

/* Deletes the record (@kind, @id) and its own links in one transaction.
 * A record that others point to is not deleted: SAM_STORE_ERROR_IN_USE
 * says what points to it (see sam_store_delete_replacing()). */
gboolean
sam_store_delete (SamStore   *self,
                  SamKind     kind,
                  gint64      id,
                  GError    **error)
{
  g_autoptr(SamRecord) before = NULL;
  g_autoptr(GString) refs = NULL;

  g_return_val_if_fail (SAM_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind >= 0 && kind < SAM_N_KINDS, FALSE);

  if (!(before = sam_store_get (self, kind, id, error)))
    return FALSE;
  if ((refs = describe_references (self, kind, id)) != NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("Other items point to “%s” (%s). Move those links to another item or remove them, then delete it."),
                         sam_record_get_title (before), refs->str);
      return sam_store_set_in_use_error (error, refs->str, message);
    }
  if (!sam_store_begin (self, error))
    return FALSE;
  if (!delete_row (self, kind, id, error) || !sam_history_note (self, before, NULL, error))
    {
      sam_store_rollback (self);
      return FALSE;
    }
  sam_store_journal_add (self, before, NULL);
  if (!sam_store_commit (self, error))
    {
      sam_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/* Points @field of @record at @replacement instead of @id (0 removes it). */
static gboolean
replace_reference (SamRecord       *record,
                   const SamField  *field,
                   gint64           id,
                   gint64           replacement,
                   GError         **error)
{
  gsize n;
  const gint64 *refs;
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (field->type == SAM_FIELD_REF)
    {
      if (replacement == 0 && field->required)
        {
          g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_IN_USE,
                       _("“%s” needs a %s; choose another to move it to instead of removing the link."),
                       sam_record_get_title (record), g_dgettext (GETTEXT_PACKAGE, field->label));
          return FALSE;
        }
      sam_record_set_int (record, field->name, replacement);
      return TRUE;
    }
  refs = sam_record_get_refs (record, field->name, &n);
  for (gsize i = 0; i < n; i++)
    if (refs[i] != id && refs[i] != replacement)
      g_array_append_val (kept, refs[i]);
  if (replacement != 0)
    g_array_append_val (kept, replacement);
  sam_record_set_refs (record, field->name, (const gint64 *) kept->data, kept->len);
  return TRUE;
}

/* A record names an agency once: one that leads it (a REF field) is not
 * also among its partners (a REFS field of the same kind), as moving
 * another agency's links onto it could make it. */
static void
drop_repeated_refs (SamRecord *record)
{
  const SamKindInfo *info = sam_kind_get_info (sam_record_get_kind (record));

  for (guint i = 0; i < info->n_fields; i++)
    {
      const SamField *many = &info->fields[i];
      g_autoptr(GArray) kept = NULL;
      const gint64 *refs;
      gsize n;

      if (many->type != SAM_FIELD_REFS)
        continue;
      refs = sam_record_get_refs (record, many->name, &n);
      kept = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (gsize j = 0; j < n; j++)
        {
          gboolean named = FALSE;

          for (guint k = 0; k < info->n_fields && !named; k++)
            named = info->fields[k].type == SAM_FIELD_REF && info->fields[k].ref_kind == many->ref_kind
                    && sam_record_get_int (record, info->fields[k].name) == refs[j];
          if (!named)
            g_array_append_val (kept, refs[j]);
        }
      if (kept->len != n)
        sam_record_set_refs (record, many->name, (const gint64 *) kept->data, kept->len);
    }
}

static gboolean
replace_references (SamStore   *self,
                    SamKind     kind,
                    gint64      id,
                    gint64      replacement,
                    GError    **error)
{
  for (int k = 0; k < SAM_N_KINDS; k++)
    {
      const SamKindInfo *other = sam_kind_get_info (k);

      for (guint i = 0; i < other->n_fields; i++)
        {
          const SamField *f = &other->fields[i];
          g_autoptr(GPtrArray) found = NULL;

          if (f->ref_kind != kind)
            continue;
          if (!(found = sam_store_list_by (self, k, f->name, id, error)))
            return FALSE;
          for (guint j = 0; j < found->len; j++)
            {
              if (!replace_reference (found->pdata[j], f, id, replacement, error))
                return FALSE;
              drop_repeated_refs (found->pdata[j]);
              if (!sam_store_update (self, found->pdata[j], error))
                return FALSE;
            }
        }
    }
  return TRUE;
}

/* Deletes (@kind, @id) after pointing everything that points to it at
 * @replacement, a record of the same kind, or, with @replacement 0, after
 * removing those links. All of it is one transaction and one undo step.
 * Fails, changing nothing, when a link that must be set would be removed. */
gboolean
sam_store_delete_replacing (SamStore   *self,
                            SamKind     kind,
                            gint64      id,
                            gint64      replacement,
                            GError    **error)
{
  g_return_val_if_fail (SAM_IS_STORE (self), FALSE);
  g_return_val_if_fail (replacement != id, FALSE);

  if (!sam_store_begin (self, error))
    return FALSE;
  if (!replace_references (self, kind, id, replacement, error)
      || !sam_store_delete (self, kind, id, error)
      || !sam_store_commit (self, error))
    {
      sam_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

static void
flush_links (GHashTable     *by_id,
             gint64          owner,
             guint           index,
             const SamField *field,
             GArray         *refs,
             GPtrArray      *strings)
{
  SamRecord *r = g_hash_table_lookup (by_id, &owner);

  if (r == NULL)
    return;
  if (field->type == SAM_FIELD_REFS)
    sam_record_take_value (r, index, g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, refs->data,
                                                               refs->len, sizeof (gint64)));
  else
    sam_record_take_value (r, index, g_variant_new_strv ((const char * const *) strings->pdata,
                                                         strings->len));
  g_array_set_size (refs, 0);
  g_ptr_array_set_size (strings, 0);
}

/* Fills the link field @index of every record in @by_id with one query. */
static gboolean
read_links (SamStore           *self,
            const SamKindInfo  *info,
            const SamField     *field,
            guint               index,
            const char         *where,
            gint64              param,
            GHashTable         *by_id,
            GError            **error)
{
  g_autofree char *owner = owner_column (info), *sql = NULL;
  g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SamStmt) stmt = NULL;
  gint64 current = 0;
  SamStep step;

  sql = g_strdup_printf ("SELECT %s, %s FROM %s WHERE %s IN (SELECT id FROM %s WHERE %s) "
                         "ORDER BY %s, position",
                         owner, field->link_column, field->link_table, owner,
                         info->table, where, owner);
  if (!(stmt = sam_store_prepare (self, sql, error)))
    return FALSE;
  if (strchr (where, '?'))
    sam_stmt_bind_int (stmt, 1, param);
  while ((step = sam_stmt_step (stmt, error)) == SAM_STEP_ROW)
    {
      gint64 owner_id = sam_stmt_column_int (stmt, 0);

      if (owner_id != current && current != 0)
        flush_links (by_id, current, index, field, refs, strings);
      current = owner_id;
      if (field->type == SAM_FIELD_REFS)
        {
          gint64 ref = sam_stmt_column_int (stmt, 1);
          g_array_append_val (refs, ref);
        }
      else
        g_ptr_array_add (strings, g_strdup (sam_stmt_column_text (stmt, 1)));
    }
  if (current != 0)
    flush_links (by_id, current, index, field, refs, strings);
  return step == SAM_STEP_DONE;
}

/* Reads the records of @info selected by @where (SQL on the entity's
 * table, "TRUE" for all) with one ?-parameter @param, in the kind's order. */
static GPtrArray *
select_records (SamStore           *self,
                const SamKindInfo  *info,
                const char         *where,
                gint64              param,
                GError            **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *cols = column_list (info), *owner = owner_column (info);
  g_autofree char *sql = NULL;
  g_autoptr(SamStmt) stmt = NULL;
  SamStep step;

  sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s ORDER BY %s", cols, info->table, where, info->order_by);
  if (!(stmt = sam_store_prepare (self, sql, error)))
    return NULL;
  if (strchr (where, '?'))
    sam_stmt_bind_int (stmt, 1, param);
  while ((step = sam_stmt_step (stmt, error)) == SAM_STEP_ROW)
    {
      SamRecord *r = sam_record_new (info->kind);
      int col = 1;

      sam_record_set_id (r, sam_stmt_column_int (stmt, 0));
      for (guint i = 0; i < info->n_fields; i++)
        if (!sam_field_is_link (&info->fields[i]))
          sam_record_take_value (r, i, column_value (stmt, col++, &info->fields[i]));
      g_ptr_array_add (records, r);
    }
  if (step != SAM_STEP_DONE)
    return NULL;
  g_clear_pointer (&stmt, sam_stmt_free);

  if (records->len == 0)
    return g_steal_pointer (&records);
  for (guint j = 0; j < records->len; j++)
    {
      gint64 *key = g_new (gint64, 1);
      *key = sam_record_get_id (records->pdata[j]);
      g_hash_table_insert (by_id, key, records->pdata[j]);
    }
  for (guint i = 0; i < info->n_fields; i++)
    if (sam_field_is_link (&info->fields[i])
        && !read_links (self, info, &info->fields[i], i, where, param, by_id, error))
      return NULL;
  return g_steal_pointer (&records);
}

/* Returns the record (@kind, @id) with its links, or NULL with
 * SAM_STORE_ERROR_NOT_FOUND. */
SamRecord *
sam_store_get (SamStore   *self,
               SamKind     kind,
               gint64      id,
               GError    **error)
{
  g_autoptr(GPtrArray) found = NULL;
  const SamKindInfo *info;

  g_return_val_if_fail (SAM_IS_STORE (self), NULL);
  info = sam_kind_get_info (kind);
  g_return_val_if_fail (info != NULL, NULL);

  if (!(found = select_records (self, info, "id = ?", id, error)))
    return NULL;
  if (found->len == 0)
    {
      g_set_error_literal (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND,
                           _("The item no longer exists; it may have been deleted."));
      return NULL;
    }
  return g_object_ref (found->pdata[0]);
}

/* Returns every record of @kind in its natural order, as a GPtrArray of
 * SamRecord that owns them, or NULL on a database error. */
GPtrArray *
sam_store_list (SamStore   *self,
                SamKind     kind,
                GError    **error)
{
  g_return_val_if_fail (SAM_IS_STORE (self), NULL);
  return select_records (self, sam_kind_get_info (kind), "TRUE", 0, error);
}

/* Returns the records of @kind whose REF or REFS field @field holds @id,
 * as sam_store_list() does. For a REF field, @id 0 selects records where
 * the field is empty. */
GPtrArray *
sam_store_list_by (SamStore    *self,
                   SamKind      kind,
                   const char  *field,
                   gint64       id,
                   GError     **error)
{
  const SamKindInfo *info;
  const SamField *f;
  g_autofree char *where = NULL, *owner = NULL;

  g_return_val_if_fail (SAM_IS_STORE (self), NULL);
  info = sam_kind_get_info (kind);
  f = sam_kind_find_field (kind, field);
  g_return_val_if_fail (f != NULL && (f->type == SAM_FIELD_REF || f->type == SAM_FIELD_REFS), NULL);

  owner = owner_column (info);
  if (f->type == SAM_FIELD_REF)
    where = id == 0 ? g_strdup_printf ("%s IS NULL AND ? = 0", f->name)
                    : g_strdup_printf ("%s = ?", f->name);
  else
    where = g_strdup_printf ("id IN (SELECT %s FROM %s WHERE %s = ?)", owner, f->link_table, f->link_column);
  return select_records (self, info, where, id, error);
}

/* Returns every value the STRINGS field @field of @kind holds in any
 * record, once each, sorted; NULL with a SamStoreError. For choosers, so
 * that one channel is spelt one way everywhere. */
GStrv
sam_store_list_values (SamStore    *self,
                       SamKind      kind,
                       const char  *field,
                       GError     **error)
{
  const SamField *f;
  g_autofree char *sql = NULL;
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  g_autoptr(SamStmt) stmt = NULL;
  SamStep step;

  g_return_val_if_fail (SAM_IS_STORE (self), NULL);
  f = sam_kind_find_field (kind, field);
  g_return_val_if_fail (f != NULL && f->type == SAM_FIELD_STRINGS, NULL);

  sql = g_strdup_printf ("SELECT DISTINCT %s FROM %s ORDER BY 1", f->link_column, f->link_table);
  if (!(stmt = sam_store_prepare (self, sql, error)))
    return NULL;
  while ((step = sam_stmt_step (stmt, error)) == SAM_STEP_ROW)
    g_strv_builder_add (values, sam_stmt_column_text (stmt, 0));
  if (step != SAM_STEP_DONE)
    return NULL;
  return g_strv_builder_end (values);
}

/* Returns the number of records of @kind, or -1 on a database error. */
gint64
sam_store_count (SamStore *self,
                 SamKind   kind)
{
  g_autofree char *sql = NULL;
  g_autoptr(SamStmt) stmt = NULL;
  gint64 n = -1;

  g_return_val_if_fail (SAM_IS_STORE (self), -1);
  sql = g_strdup_printf ("SELECT count(*) FROM %s", sam_kind_get_info (kind)->table);
  if ((stmt = sam_store_prepare (self, sql, NULL)) != NULL && sam_stmt_step (stmt, NULL) == SAM_STEP_ROW)
    n = sam_stmt_column_int (stmt, 0);
  return n;
}
