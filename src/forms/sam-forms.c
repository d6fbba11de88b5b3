#define G_LOG_DOMAIN "sam-forms"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sam-forms-private.h"
#include "sam-reminder.h"
#include "core/sam-record.h"
#include "store/sam-report-data.h"
#include "store/sam-rules.h"

G_DEFINE_QUARK (sam-forms-error-quark, sam_forms_error)

static void
form_free (SamForm *form)
{
  g_free (form->short_name);
  g_free (form->name);
  g_free (form->contact);
  g_clear_pointer (&form->lead, g_ptr_array_unref);
  g_clear_pointer (&form->sector, g_ptr_array_unref);
  g_clear_pointer (&form->partner, g_ptr_array_unref);
  if (form->temporary)
    g_unlink (form->temporary);
  g_free (form->temporary);
  g_free (form->path);
  g_free (form->lock_hash);
  g_free (form);
}

void
sam_forms_job_free (SamFormsJob *job)
{
  if (job == NULL)
    return;
  g_free (job->identity);
  g_free (job->period);
  g_free (job->deadline);
  g_free (job->folder);
  g_free (job->written_at);
  g_clear_pointer (&job->forms, g_ptr_array_unref);
  g_free (job);
}

/* Returns the file name of @agency's form for @period, "2026-T1 Bufdir.xlsx",
 * with the characters no file system takes replaced by "-". */
char *
sam_forms_file_name (const char *period,
                     const char *agency)
{
  g_autofree char *name = g_strdup_printf ("%s %s.xlsx", period, agency);
  g_autofree char *valid = g_utf8_make_valid (name, -1);

  g_return_val_if_fail (period != NULL && agency != NULL, NULL);
  for (char *p = valid; *p; p++)
    if ((guchar) *p < 0x20 || strchr ("/\\:*?\"<>|", *p))
      *p = '-';
  while (valid[0] == '.' || valid[0] == ' ')
    valid[0] = '-';
  return g_steal_pointer (&valid);
}

static char *
now_text (const char *now)
{
  g_autoptr(GDateTime) time = NULL;

  if (now)
    return g_strdup (now);
  time = g_date_time_new_now_local ();
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
}

/* The rows on a form's Status sheet: what it leads, then (after a row
 * that says so) what it answers for by sector responsibility. */
guint
sam_form_n_rows (const SamForm *form)
{
  return form->lead->len + form->sector->len;
}

/* Returns row @index of @form's Status sheet, and sets *@sheet_row to its
 * 0-based row there. */
SamFormRow *
sam_form_get_row (const SamForm *form,
                  guint          index,
                  guint32       *sheet_row)
{
  g_return_val_if_fail (index < sam_form_n_rows (form), NULL);
  if (index < form->lead->len)
    {
      *sheet_row = FORM_FIRST_ROW + index;
      return form->lead->pdata[index];
    }
  *sheet_row = FORM_FIRST_ROW + index + 1;   /* below the sector row's title */
  return form->sector->pdata[index - form->lead->len];
}

static void
drop_rows_in (GPtrArray  *rows,
              GPtrArray  *others)
{
  for (guint i = rows->len; i > 0; i--)
    for (guint j = 0; j < others->len; j++)
      if (((SamFormRow *) rows->pdata[i - 1])->activity_id == ((SamFormRow *) others->pdata[j])->activity_id)
        {
          g_ptr_array_remove_index (rows, i - 1);
          break;
        }
}

/* Adds @agency's form to @job, or sets @error when it leads nothing. */
static gboolean
add_form (SamFormsJob  *job,
          SamStore     *store,
          SamRecord    *agency,
          GHashTable   *asked,
          GHashTable   *by_sector,
          GHashTable   *names,
          GError      **error)
{
  SamForm *form = g_new0 (SamForm, 1);
  const char *short_name = sam_record_get_string (agency, "short_name");
  g_autofree char *file = NULL;

  g_ptr_array_add (job->forms, form);
  form->agency_id = sam_record_get_id (agency);
  form->name = g_strdup (sam_record_get_string (agency, "name"));
  form->contact = g_strdup (sam_record_get_string (agency, "contact"));
  form->short_name = g_strdup (short_name && *short_name ? short_name : form->name);
  if (!(form->lead = sam_round_lead_rows (store, form->agency_id, asked, error))
      || !(form->sector = sam_round_sector_rows (store, g_hash_table_lookup (by_sector, &form->agency_id),
                                                 asked, error))
      || !(form->partner = sam_round_partner_rows (store, form->agency_id, asked, error)))
    return FALSE;
  drop_rows_in (form->partner, form->sector);
  file = sam_forms_file_name (job->period, form->short_name);
  for (guint n = 2; g_hash_table_contains (names, file); n++)
    {
      g_autofree char *numbered = g_strdup_printf ("%s %u", form->short_name, n);
      g_free (file);
      file = sam_forms_file_name (job->period, numbered);
    }
  g_hash_table_add (names, g_strdup (file));
  form->path = g_build_filename (job->folder, file, NULL);
  return TRUE;
}

static gboolean
check_options (const SamFormsOptions  *options,
               GError                **error)
{
  g_autofree char *today = options->now ? g_strndup (options->now, 10) : sam_today ();
  struct stat st;

  if (options->deadline && !sam_date_is_valid (options->deadline))
    {
      g_set_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_DEADLINE,
                   _("The deadline “%s” is not a date. Write it as YYYY-MM-DD, for example 2026-05-15."),
                   options->deadline);
      return FALSE;
    }
  if (options->deadline && !options->past_deadline && strcmp (options->deadline, today) < 0)
    {
      g_autofree char *deadline = sam_format_datetime (options->deadline);
      g_autofree char *now = sam_format_datetime (today);

      g_set_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_PAST_DEADLINE,
                   _("The deadline %s has passed (today is %s). Give the agencies a deadline from today on."),
                   deadline, now);
      return FALSE;
    }
  if (g_stat (options->folder, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      g_set_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_NO_FOLDER,
                   _("The folder “%s” does not exist. Create it first, or choose another folder for the forms."),
                   options->folder);
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
find_agencies (SamStore               *store,
               const SamFormsOptions  *options,
               GHashTable             *asked,
               GHashTable             *by_sector,
               GError                **error)
{
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GError) local = NULL;
  SamRecord *one;

  if (options->agency == NULL)
    {
      if ((agencies = sam_round_agencies (store, asked, by_sector, error)) && agencies->len == 0)
        {
          g_set_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_NO_AGENCIES,
                       _("No agency answers for an activity in the period “%s”, so there is no form to write. Give the activities a lead agency, or their sectors a ministry, first."),
                       options->period);
          return NULL;
        }
      return g_steal_pointer (&agencies);
    }
  if (!(one = sam_round_find_agency (store, options->agency, &local)))
    {
      g_set_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_AGENCY, "%s", local->message);
      return NULL;
    }
  agencies = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (agencies, one);
  return g_steal_pointer (&agencies);
}

/* Where a round for the period was started: one agency's form is added to
 * it; every agency's form again starts a new round only when asked, as it
 * replaces the board. */
static gboolean
check_round (SamFormsJob            *job,
             SamStore               *store,
             const SamFormsOptions  *options,
             GError                **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(SamRecord) round = sam_round_for_period (store, job->period, &local);
  g_autoptr(GPtrArray) board = NULL;
  g_autofree char *today = sam_today (), *started = NULL, *written = NULL, *received = NULL;
  guint n_received = 0;

  if (local)
    return g_propagate_error (error, g_steal_pointer (&local)), FALSE;
  if (round == NULL || (options->agency == NULL && options->replace_round))
    return TRUE;
  if (options->agency)
    {
      job->add_to = sam_record_get_id (round);
      if (job->deadline == NULL)
        job->deadline = g_strdup (sam_record_get_string (round, "deadline"));
      return TRUE;
    }
  if (!(board = sam_round_board (store, sam_record_get_id (round), today, error)))
    return FALSE;
  for (guint i = 0; i < board->len; i++)
    if (sam_record_is_set (((SamBoardRow *) board->pdata[i])->form, "received_at"))
      n_received++;
  started = sam_format_datetime (sam_record_get_string (round, "created_at") ? sam_record_get_string (round, "created_at") : "?");
  written = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u form written", "%u forms written", board->len), board->len);
  /* TRANSLATORS: of the forms of a reporting round. */
  received = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u received", "%u received", n_received), n_received);
  g_set_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_ROUND_EXISTS,
               _("A reporting round for %s was started on %s (%s, %s). Writing every form again starts a new round, which replaces its board."),
               job->period, started, written, received);
  return FALSE;
}

/* Refuses to write over a file, unless allowed. */
static gboolean
check_files (SamFormsJob  *job,
             GError      **error)
{
  const char *first = NULL;
  guint n = 0;

  for (guint i = 0; i < job->forms->len; i++)
    if (g_file_test (((SamForm *) job->forms->pdata[i])->path, G_FILE_TEST_EXISTS))
      {
        first = first ? first : ((SamForm *) job->forms->pdata[i])->path;
        n++;
      }
  if (n == 0)
    return TRUE;
  if (n == 1)
    g_set_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_EXISTS,
                 _("“%s” already exists. Nothing was written: choose another folder, or allow writing over it."), first);
  else
    g_set_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_EXISTS,
                 g_dngettext (GETTEXT_PACKAGE,
                              "“%s” and %u more form already exist. Nothing was written: choose another folder, or allow writing over them.",
                              "“%s” and %u more forms already exist. Nothing was written: choose another folder, or allow writing over them.",
                              n - 1),
                 first, n - 1);
  return FALSE;
}

/* Reads from @store what the forms of a round hold, as @options say: one
 * form per agency that answers for an activity in the period, as its lead
 * or, where it names none, as the ministry of its sector (or the one agency
 * asked for, whose form is added to the period's round when one was
 * started). Returns the job, or NULL with a SamFormsError (unknown
 * period or agency, a deadline that is no date or has passed, a missing
 * folder, an agency that leads nothing, a form that would be written over
 * a file, a round of the period that would be replaced: the last three
 * unless @options allow them) or a SamStoreError. Writes nothing. */
SamFormsJob *
sam_forms_prepare (SamStore               *store,
                   const SamFormsOptions  *options,
                   GError                **error)
{
  g_autoptr(SamFormsJob) job = NULL;
  g_autoptr(SamPeriod) period = NULL;
  g_autoptr(GHashTable) asked = NULL;
  g_autoptr(GHashTable) by_sector = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL && options->period != NULL && options->folder != NULL, NULL);

  if (!check_options (options, error))
    return NULL;
  if (!(period = sam_period_find (store, options->period, &local)))
    {
      g_set_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_PERIOD, "%s", local->message);
      return NULL;
    }
  job = g_new0 (SamFormsJob, 1);
  job->identity = g_strdup (sam_store_get_identity (store));
  job->period = g_strdup (period->code);
  job->deadline = g_strdup (options->deadline);
  job->folder = g_canonicalize_filename (options->folder, NULL);
  job->written_at = now_text (options->now);
  job->language = options->language;
  job->forms = g_ptr_array_new_with_free_func ((GDestroyNotify) form_free);
  if (!check_round (job, store, options, error)
      || !(asked = sam_round_asked (store, period, error))
      || !(by_sector = sam_round_by_sector (store, asked, error))
      || !(agencies = find_agencies (store, options, asked, by_sector, error)))
    return NULL;
  for (guint i = 0; i < agencies->len; i++)
    if (!add_form (job, store, agencies->pdata[i], asked, by_sector, names, error))
      return NULL;
  if (options->agency && sam_form_n_rows (job->forms->pdata[0]) == 0)
    {
      g_set_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_AGENCY,
                   _("“%s” answers for no activity in the period “%s” (it leads none, and no activity without a lead is in its sectors), so it gets no form."),
                   ((SamForm *) job->forms->pdata[0])->name, job->period);
      return NULL;
    }
  if (!options->overwrite && !check_files (job, error))
    return NULL;
  return g_steal_pointer (&job);
}

static gboolean
make_temporary (SamFormsJob  *job,
                SamForm      *form,
                GError      **error)
{
  g_autofree char *base = g_path_get_basename (form->path);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);
  int fd;

  form->temporary = g_build_filename (job->folder, name, NULL);
  if ((fd = g_mkstemp_full (form->temporary, O_RDWR | O_CLOEXEC, 0666)) < 0)
    {
      int saved = errno;
      g_clear_pointer (&form->temporary, g_free);
      g_set_error (error, SAM_FORMS_ERROR,
                   saved == EACCES || saved == EPERM || saved == EROFS ? SAM_FORMS_ERROR_NOT_WRITABLE : SAM_FORMS_ERROR_WRITE,
                   _("The forms cannot be written in the folder “%s”: %s. Choose a folder you can write to."),
                   job->folder, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static gboolean
move_into_place (SamForm  *form,
                 GError  **error)
{
  int fd = g_open (form->temporary, O_RDONLY | O_CLOEXEC, 0);
  struct stat st;

  if (g_stat (form->path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      if (fd >= 0)
        close (fd);
      g_set_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_WRITE,
                   _("“%s” is a folder or a device, so the form cannot be saved there. Move it away, or choose another folder."),
                   form->path);
      return FALSE;
    }
  if (fd < 0 || fsync (fd) != 0 || close (fd) != 0 || g_rename (form->temporary, form->path) != 0)
    {
      int saved = errno;
      g_set_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_WRITE,
                   _("Could not save the form as “%s”: %s."), form->path, g_strerror (saved));
      return FALSE;
    }
  g_clear_pointer (&form->temporary, g_free);
  return TRUE;
}

/* Writes every form of @job, each to a temporary file beside its target,
 * and renames them into place only when all are written, so that a
 * failure or a cancel leaves no form, half written or not. Needs no store:
 * may run in any thread. Returns FALSE with a SamFormsError. */
gboolean
sam_forms_job_write (SamFormsJob           *job,
                     SamFormsProgressFunc   progress,
                     gpointer               progress_data,
                     GCancellable          *cancellable,
                     GError               **error)
{
  g_return_val_if_fail (job != NULL, FALSE);

  for (guint i = 0; i < job->forms->len; i++)
    {
      SamForm *form = job->forms->pdata[i];

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_set_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_CANCELLED, _("Writing the forms was stopped."));
          goto fail;
        }
      if (!make_temporary (job, form, error) || !sam_form_write_workbook (job, form, error))
        goto fail;
      if (progress)
        progress (i + 1, job->forms->len, progress_data);
    }
  for (guint i = 0; i < job->forms->len; i++)
    if (!move_into_place (job->forms->pdata[i], error))
      goto fail;
  return TRUE;

fail:
  for (guint i = 0; i < job->forms->len; i++)
    {
      SamForm *form = job->forms->pdata[i];
      if (form->temporary)
        g_unlink (form->temporary);
      g_clear_pointer (&form->temporary, g_free);
    }
  return FALSE;
}

static gboolean
record_form (SamFormsJob  *job,
             SamStore     *store,
             SamForm      *form,
             GError      **error)
{
  g_autoptr(SamRecord) record = sam_record_new (SAM_KIND_ROUND_FORM);

  sam_record_set_int (record, "round_id", job->round_id);
  sam_record_set_int (record, "agency_id", form->agency_id);
  sam_record_set_int (record, "form_version", SAM_FORM_VERSION);
  sam_record_set_string (record, "written_at", job->written_at);
  sam_record_set_string (record, "written_path", form->path);
  sam_record_set_int (record, "rows_total", sam_form_n_rows (form));
  return sam_rules_save (store, record, error);
}

/* Notes the round and each written form in @store, in one transaction
 * (one undo step): a new round, or the forms added to the period's round
 * (with its deadline, when one was given). Returns FALSE, noting nothing,
 * on failure. */
gboolean
sam_forms_job_record (SamFormsJob  *job,
                      SamStore     *store,
                      GError      **error)
{
  g_autoptr(SamRecord) round = NULL;
  /* TRANSLATORS: the name of a reporting round, "Reporting round 2026-T1". */
  g_autofree char *title = g_strdup_printf (_("Reporting round %s"), job->period);

  g_return_val_if_fail (job != NULL, FALSE);
  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);

  if (job->add_to > 0 && !(round = sam_store_get (store, SAM_KIND_REPORTING_ROUND, job->add_to, error)))
    return FALSE;
  if (round == NULL)
    {
      round = sam_record_new (SAM_KIND_REPORTING_ROUND);
      sam_record_set_string (round, "title", title);
      sam_record_set_string (round, "period", job->period);
      sam_record_set_string (round, "language", job->language == SAM_REPORT_LANGUAGE_NB ? "nb" : "en");
      sam_record_set_string (round, "folder", job->folder);
      sam_record_set_string (round, "created_at", job->written_at);
    }
  if (job->deadline)
    sam_record_set_string (round, "deadline", job->deadline);
  if (!sam_store_begin (store, error))
    return FALSE;
  if (!sam_rules_save (store, round, error))
    goto fail;
  job->round_id = sam_record_get_id (round);
  for (guint i = 0; i < job->forms->len; i++)
    if (!record_form (job, store, job->forms->pdata[i], error))
      goto fail;
  if (sam_store_commit (store, error))
    return TRUE;
fail:
  sam_store_rollback (store);
  job->round_id = 0;
  return FALSE;
}

guint
sam_forms_job_get_n_forms (SamFormsJob *job)
{
  g_return_val_if_fail (job != NULL, 0);
  return job->forms->len;
}

const char *
sam_forms_job_get_path (SamFormsJob *job,
                        guint        index)
{
  g_return_val_if_fail (job != NULL && index < job->forms->len, NULL);
  return ((SamForm *) job->forms->pdata[index])->path;
}

/* Returns the short names of the agencies of @job whose contact holds no
 * e-mail address, so that a reminder to them would have no recipient;
 * empty when all have one. */
GStrv
sam_forms_job_without_address (SamFormsJob *job)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  g_return_val_if_fail (job != NULL, NULL);
  for (guint i = 0; i < job->forms->len; i++)
    {
      SamForm *form = job->forms->pdata[i];
      if (!sam_reminder_has_address (form->contact))
        g_strv_builder_add (names, form->short_name);
    }
  return g_strv_builder_end (names);
}

/* Prepares, writes and records a round in one call, blocking: for the
 * command line. Sets *@job_out (free it) to the job when asked. */
gboolean
sam_forms_write_round (SamStore               *store,
                       const SamFormsOptions  *options,
                       SamFormsJob           **job_out,
                       GError                **error)
{
  g_autoptr(SamFormsJob) job = sam_forms_prepare (store, options, error);

  if (job == NULL || !sam_forms_job_write (job, NULL, NULL, NULL, error)
      || !sam_forms_job_record (job, store, error))
    return FALSE;
  if (job_out)
    *job_out = g_steal_pointer (&job);
  return TRUE;
}
