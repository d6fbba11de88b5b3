#define G_LOG_DOMAIN "sam-forms"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sam-form-import.h"
#include "sam-forms-private.h"
#include "store/sam-accountability.h"
#include "store/sam-report-data.h"
#include "store/sam-rules.h"
#include "store/sam-status.h"

#define STATUS_SHEET sam_form_label (SAM_REPORT_LANGUAGE_EN, F_SHEET_STATUS)

SamImportReview *
sam_import_review_new (void)
{
  SamImportReview *review = g_new0 (SamImportReview, 1);

  review->files = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_import_file_free);
  return review;
}

void
sam_import_review_free (SamImportReview *review)
{
  if (review == NULL)
    return;
  g_clear_pointer (&review->files, g_ptr_array_unref);
  g_free (review);
}

/* Returns "50 %", or "–" for none; for showing old and new values. */
char *
sam_import_progress_text (int progress)
{
  return progress < 0 ? g_strdup ("–") : g_strdup_printf ("%d %%", progress);
}

static char *
describe (const char *status,
          int         progress)
{
  g_autofree char *percent = sam_import_progress_text (progress);
  const char *word = status ? g_dgettext (GETTEXT_PACKAGE, sam_enum_label (sam_status_values, status)) : "–";

  return g_strdup_printf ("%s, %s", word, percent);
}

/* The file as a whole */

/* Checks who and what the form is for; FILE issues when it cannot be
 * imported here. FALSE only when the store fails. */
static gboolean
review_identity (SamImportFile  *f,
                 SamStore       *store,
                 GError        **error)
{
  g_autoptr(SamRecord) agency = NULL;
  g_autoptr(GError) local = NULL;

  if (g_strcmp0 (f->database, sam_store_get_identity (store)) != 0)
    {
      sam_import_note (f, SAM_ISSUE_FILE, NULL, 0, -1,
                       _("This form was written by another Samordna database (%s), not by “%s”. Import it into the database that wrote it."),
                       f->database, sam_store_get_path (store));
      return TRUE;
    }
  if (f->version > SAM_FORM_VERSION || f->version < 1)
    {
      sam_import_note (f, SAM_ISSUE_FILE, NULL, 0, -1,
                       _("This form has layout version %d, which this version of Samordna cannot read. Update Samordna."),
                       f->version);
      return TRUE;
    }
  if (!(agency = sam_store_get (store, SAM_KIND_AGENCY, f->agency_id, &local)))
    {
      if (!g_error_matches (local, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND))
        return g_propagate_error (error, g_steal_pointer (&local)), FALSE;
      sam_import_note (f, SAM_ISSUE_FILE, NULL, 0, -1,
                       _("The agency this form was written for (number %lld) is no longer in the database."),
                       (long long) f->agency_id);
      return TRUE;
    }
  f->agency = g_strdup (sam_record_get_string (agency, "name"));
  return TRUE;
}

/* Chooses the period the form goes into: its own, or @as_period when asked
 * explicitly. A form for another period than the round in progress is not
 * applied unless asked. FALSE only when the store fails. */
static gboolean
review_period (SamImportFile  *f,
               SamStore       *store,
               const char     *as_period,
               gboolean       *other_period,
               GError        **error)
{
  g_autoptr(SamPeriod) period = NULL;
  g_autoptr(SamRecord) round = NULL;
  g_autoptr(GError) local = NULL;
  const char *round_period;

  f->target_period = g_strdup (as_period ? as_period : f->period);
  if (!(period = sam_period_find (store, f->target_period, &local)))
    {
      if (!g_error_matches (local, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND))
        return g_propagate_error (error, g_steal_pointer (&local)), FALSE;
      sam_import_note (f, SAM_ISSUE_FILE, NULL, 0, -1,
                       _("There is no reporting period “%s” in this database. Add it under Reporting periods, or import the form as another period."),
                       f->target_period);
      return TRUE;
    }
  if (as_period && g_strcmp0 (as_period, f->period) != 0)
    sam_import_note (f, SAM_ISSUE_WARNING, NULL, 0, -1,
                     _("The form was written for the period %s; it is imported as %s, as asked."), f->period, as_period);
  if (!(round = sam_round_latest (store, error)) && error && *error)
    return FALSE;
  round_period = round ? sam_record_get_string (round, "period") : NULL;
  *other_period = as_period == NULL && round_period && g_strcmp0 (round_period, f->period) != 0;
  if (*other_period)
    sam_import_note (f, SAM_ISSUE_WARNING, NULL, 0, -1,
                     _("This form is for the period %s, but the round in progress is for %s. It is applied only if you choose so (on the command line: --as-period %s to record it for %s, or --as-period %s)."),
                     f->period, round_period, f->period, f->period, round_period);
  return TRUE;
}

/* Rows */

static gboolean
same_values (const char *status_a,
             int         progress_a,
             const char *comment_a,
             const char *status_b,
             int         progress_b,
             const char *comment_b)
{
  return g_strcmp0 (status_a, status_b) == 0 && progress_a == progress_b
         && g_strcmp0 (comment_a && *comment_a ? comment_a : NULL, comment_b && *comment_b ? comment_b : NULL) == 0;
}

/* Whether Samordna got a status for @row's activity after the form was
 * written: by the update the form saw, or else by time. */
static gboolean
newer_than_form (SamImportFile    *f,
                 SamImportRow     *row,
                 const SamFormRow *now)
{
  if (now->update_id == 0)
    return FALSE;
  if (row->export_update >= 0)
    return now->update_id != row->export_update;
  return f->written_at && now->reported_at && g_strcmp0 (now->reported_at, f->written_at) > 0;
}

/* Whether @row comes back as the form was written: same status, progress
 * and comment (by the hidden sheet; where a re-save dropped it, by what
 * Samordna holds as at the period, @now). */
static gboolean
as_written (const SamImportRow *row,
            const SamFormRow   *now)
{
  g_autofree char *comment = NULL;

  if (!row->export_known)
    return same_values (now->status, now->progress, now->comment,
                        row->new_status, row->new_progress, row->new_comment);
  comment = sam_form_text_hash (row->new_comment);
  return g_strcmp0 (row->export_status, row->new_status) == 0 && row->export_progress == row->new_progress
         && g_strcmp0 (row->export_comment, comment) == 0;
}

/* Whether the form's agency answers for @now's activity: its lead, or
 * where it names none a ministry of its sectors (sector responsibility,
 * sam-accountability.h). Returns 1 or 0, or -1 when the store fails. */
static int
answers_for (SamImportFile     *f,
             const SamFormRow  *now,
             SamStore          *store,
             GError           **error)
{
  g_autoptr(SamAccountability) who = NULL;

  if (now->lead_agency_id != 0)
    return now->lead_agency_id == f->agency_id;
  if (!(who = sam_accountability_get (store, now->activity_id, error)))
    return -1;
  for (guint i = 0; i < who->by_sector->len; i++)
    if (((SamAccountable *) who->by_sector->pdata[i])->agency_id == f->agency_id)
      return 1;
  return 0;
}

static gboolean
check_row (SamImportFile     *f,
           SamImportRow      *row,
           const SamFormRow  *now,
           SamStore          *store,
           GError           **error)
{
  g_autoptr(GError) local = NULL;
  int accountable;

  g_free (row->title);
  row->title = g_strdup (now->title);
  row->old_status = g_strdup (now->status);
  row->old_progress = now->progress;
  row->old_comment = g_strdup (now->comment);
  if (!row->valid)
    return TRUE;
  if ((accountable = answers_for (f, now, store, error)) < 0)
    return FALSE;
  if (accountable == 0)
    {
      row->valid = FALSE;
      if (now->lead)
        sam_import_note (f, SAM_ISSUE_ROW, STATUS_SHEET, row->row, -1,
                         _("“%s” is led by %s, not by %s, so this form cannot report on it; the row is not imported."),
                         now->title, now->lead, f->agency);
      else
        sam_import_note (f, SAM_ISSUE_ROW, STATUS_SHEET, row->row, -1,
                         _("“%s” names no lead agency, and %s is not the ministry of its sectors, so this form cannot report on it; the row is not imported."),
                         now->title, f->agency);
      return TRUE;
    }
  row->period_id = sam_round_period_for (store, f->target_period, now->plan_id, &local);
  if (row->period_id < 0)
    return g_propagate_error (error, g_steal_pointer (&local)), FALSE;
  if (row->period_id == 0)
    {
      row->valid = FALSE;
      sam_import_note (f, SAM_ISSUE_ROW, STATUS_SHEET, row->row, -1, "%s", local->message);
      return TRUE;
    }
  if (row->new_progress < 0)
    row->new_progress = g_strcmp0 (row->new_status, "done") == 0 ? 100 : now->progress;   /* the latest stands */
  if (g_strcmp0 (row->new_status, "done") == 0 && row->new_progress < 100)
    {
      row->valid = FALSE;
      sam_import_note (f, SAM_ISSUE_ROW, STATUS_SHEET, row->row, FORM_COL_PROGRESS,
                       _("The status is done but the progress is %d %%; the row is not imported. A done activity has progress 100 %%."),
                       row->new_progress);
    }
  return TRUE;
}

static gboolean
review_row (SamImportFile  *f,
            SamImportRow   *row,
            GHashTable     *as_at,
            SamStore       *store,
            GError        **error)
{
  g_autoptr(SamFormRow) now = NULL;
  g_autoptr(SamRecord) existing = NULL;
  g_autoptr(GError) local = NULL;

  if (!(now = sam_round_current (store, row->activity_id, &local)))
    {
      if (!g_error_matches (local, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND))
        return g_propagate_error (error, g_steal_pointer (&local)), FALSE;
      row->valid = FALSE;
      sam_import_note (f, SAM_ISSUE_ROW, STATUS_SHEET, row->row, 0,
                       _("There is no activity number %lld in this database (it may have been deleted); the row is not imported."),
                       (long long) row->activity_id);
      return TRUE;
    }
  sam_form_row_take_state (now, as_at);   /* as at the period the form goes into */
  if (!check_row (f, row, now, store, error))
    return FALSE;
  if (!row->valid)
    return TRUE;
  f->answered++;
  if (as_written (row, now))
    {
      f->unchanged++;
      return TRUE;
    }
  existing = sam_round_update_in_period (store, row->activity_id, f->target_period, &local);
  if (local)
    return g_propagate_error (error, g_steal_pointer (&local)), FALSE;
  row->changed = existing == NULL
                 || !same_values (sam_record_get_string (existing, "status"),
                                  sam_record_is_set (existing, "progress") ? (int) sam_record_get_int (existing, "progress") : -1,
                                  sam_record_get_string (existing, "comment"),
                                  row->new_status, row->new_progress, row->new_comment);
  row->conflict = row->changed && newer_than_form (f, row, now)
                  && !same_values (now->status, now->progress, now->comment,
                                   row->new_status, row->new_progress, row->new_comment);
  if (row->conflict)
    {
      g_autofree char *ours = describe (now->status, now->progress);
      g_autofree char *theirs = describe (row->new_status, row->new_progress);
      g_autofree char *when = now->reported_at ? sam_format_datetime (now->reported_at) : g_strdup ("?");
      sam_import_note (f, SAM_ISSUE_WARNING, STATUS_SHEET, row->row, -1,
                       _("“%s”: Samordna got the status “%s” (reported %s) after the form was written; the form says “%s”. Samordna’s is kept unless you choose the form’s."),
                       now->title, ours, when, theirs);
    }
  row->apply = row->changed && !row->conflict;
  if (row->apply)
    f->changes++;
  return TRUE;
}

/* Compares @file (taken) with @store and adds it to @review: per row what
 * Samordna holds and what the form says, every warning, and whether the
 * file is applied by default (only when it can be and changes something,
 * and is for the round in progress unless @as_period asks explicitly for
 * a period). Returns FALSE only when the store fails. */
gboolean
sam_import_review_add (SamImportReview  *review,
                       SamStore         *store,
                       SamImportFile    *file,
                       const char       *as_period,
                       GError          **error)
{
  g_autoptr(SamPeriod) period = NULL;
  g_autoptr(GHashTable) as_at = NULL;
  gboolean other_period = FALSE;

  g_return_val_if_fail (review != NULL && file != NULL, FALSE);
  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);

  g_ptr_array_add (review->files, file);
  if (file->refused || !review_identity (file, store, error))
    return file->refused || error == NULL || *error == NULL;
  if (file->refused)
    return TRUE;
  if (!review_period (file, store, as_period, &other_period, error))
    return FALSE;
  if (file->refused)
    return TRUE;
  g_clear_pointer (&file->imported_at, g_free);
  if (sam_round_hash_imported (store, file->hash, &file->imported_at))
    {
      g_autofree char *when = sam_format_datetime (file->imported_at);
      sam_import_note (file, SAM_ISSUE_NOTE, NULL, 0, -1,
                       _("This very file was imported on %s; what it recorded then is not recorded again."), when);
    }
  if (!(period = sam_period_find (store, file->target_period, error))
      || !(as_at = sam_round_as_at (store, period, error)))
    return FALSE;
  for (guint i = 0; i < file->rows->len; i++)
    if (!review_row (file, file->rows->pdata[i], as_at, store, error))
      return FALSE;
  if (file->answered == 0)
    sam_import_note (file, SAM_ISSUE_NOTE, NULL, 0, -1, _("The form has no answered row."));
  file->other_period = other_period;
  file->apply = file->changes > 0 && !other_period;
  return TRUE;
}

/* Chooses for @row of @file, a conflict (Samordna got another status
 * after the form was written), whether the form's values are recorded
 * (@take_form) or Samordna's kept. Counts the file's changes again; a file
 * that gets its first change is applied, unless it is for another period
 * than the round in progress. Other rows are left as they are. */
void
sam_import_file_choose (SamImportFile *file,
                        SamImportRow  *row,
                        gboolean       take_form)
{
  guint before;

  g_return_if_fail (file != NULL && row != NULL);
  if (!row->conflict || !row->valid)
    return;
  before = file->changes;
  row->apply = take_form;
  file->changes = 0;
  for (guint i = 0; i < file->rows->len; i++)
    {
      SamImportRow *r = file->rows->pdata[i];
      if (r->valid && r->changed && r->apply)
        file->changes++;
    }
  if (before == 0 && file->changes > 0 && !file->other_period && !file->refused)
    file->apply = TRUE;
  else if (file->changes == 0)
    file->apply = FALSE;
}

/* Counts what of @file is left out: rows not imported (and cells
 * refused), conflicts where Samordna's status is kept, and every change
 * of a file not applied; a refused file counts 1 at least. */
guint
sam_import_file_left_out (SamImportFile *file)
{
  guint n;

  g_return_val_if_fail (file != NULL, 0);
  n = sam_import_file_count (file, SAM_ISSUE_ROW) + (file->refused ? 1 : 0);
  for (guint i = 0; i < file->rows->len; i++)
    {
      SamImportRow *r = file->rows->pdata[i];
      if (r->valid && r->changed && (!r->apply || !file->apply))
        n++;
    }
  return n;
}

/* Applying */

static gboolean
note_received (SamImportFile  *f,
               SamStore       *store,
               const char     *now,
               GError        **error)
{
  g_autoptr(SamRecord) form = sam_round_find_form (store, f->agency_id, f->period, f->written_at, error);

  if (form == NULL)
    return error == NULL || *error == NULL;
  if (g_strcmp0 (sam_record_get_string (form, "received_hash"), f->hash) == 0)
    return TRUE;
  sam_record_set_string (form, "received_at", now);
  sam_record_set_string (form, "received_file", f->name);
  sam_record_set_string (form, "received_hash", f->hash);
  sam_record_set_int (form, "rows_answered", f->answered);
  return sam_rules_save (store, form, error);
}

static gboolean
apply_file (SamImportFile  *f,
            SamStore       *store,
            const char     *now,
            guint          *updates,
            GError        **error)
{
  for (guint i = 0; i < f->rows->len; i++)
    {
      SamImportRow *row = f->rows->pdata[i];
      SamStatusEntry entry = {
        .activity_id = row->activity_id,
        .period_id = row->period_id,
        .status = row->new_status,
        .progress = row->new_progress,
        .comment = row->new_comment,
        .reported_by = f->contact && *f->contact ? f->contact : f->agency,
        .reported_at = now,
        .agency_id = f->agency_id,
        .source_file = f->name,
        .source_hash = f->hash,
        .imported_at = now,
      };

      if (!row->apply || !row->valid)
        continue;
      if (!sam_status_record (store, &entry, error))
        {
          g_prefix_error (error, _("%s, row %u: "), f->name, row->row);
          return FALSE;
        }
      (*updates)++;
    }
  return note_received (f, store, now, error);
}

/* Records every chosen row of every chosen file as a status update of its
 * period, naming the agency, the file, its hash and the time of import,
 * and notes each file as received on its round's board: all in one
 * transaction, one undo step. A file that is refused, or not chosen, adds
 * nothing. Returns FALSE, recording nothing, when a row breaks a rule or
 * the store fails. */
gboolean
sam_import_review_apply (SamImportReview  *review,
                         SamStore         *store,
                         SamImportResult  *result,
                         GError          **error)
{
  g_autoptr(GDateTime) time = g_date_time_new_now_local ();
  g_autofree char *now = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
  SamImportResult done = { 0, 0 };

  g_return_val_if_fail (review != NULL, FALSE);
  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);

  if (!sam_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < review->files->len; i++)
    {
      SamImportFile *f = review->files->pdata[i];

      if (!f->apply || f->refused)
        continue;
      if (!apply_file (f, store, now, &done.updates, error))
        {
          sam_store_rollback (store);
          return FALSE;
        }
      done.files++;
    }
  if (!sam_store_commit (store, error))
    {
      sam_store_rollback (store);
      return FALSE;
    }
  if (result)
    *result = done;
  return TRUE;
}

/* Counts the issues of @file at @level. */
guint
sam_import_file_count (SamImportFile *file,
                       SamIssueLevel  level)
{
  guint n = 0;

  g_return_val_if_fail (file != NULL, 0);
  for (guint i = 0; i < file->issues->len; i++)
    if (((SamImportIssue *) file->issues->pdata[i])->level == level)
      n++;
  return n;
}

const char *
sam_import_level_label (SamIssueLevel level)
{
  switch (level)
    {
    case SAM_ISSUE_NOTE:
      return _("Note");
    case SAM_ISSUE_WARNING:
      return _("Warning");
    case SAM_ISSUE_ROW:
      return _("Not imported");
    case SAM_ISSUE_FILE:
    default:
      return _("File refused");
    }
}

/* Returns where @issue is, for people: "2026-T1 Bufdir.xlsx, sheet Status,
 * row 7, cell G7". */
char *
sam_import_issue_where (const SamImportIssue *issue)
{
  GString *where = g_string_new (issue->file);

  g_return_val_if_fail (issue != NULL, NULL);
  if (issue->sheet)
    g_string_append_printf (where, _(", sheet %s"), issue->sheet);
  if (issue->row > 0)
    g_string_append_printf (where, _(", row %u"), issue->row);
  if (issue->cell)
    g_string_append_printf (where, _(", cell %s"), issue->cell);
  return g_string_free (where, FALSE);
}
