#define G_LOG_DOMAIN "sam-report"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sam-report-private.h"
#include "store/sam-closing.h"

G_DEFINE_QUARK (sam-report-error-quark, sam_report_error)

/* Languages */

/* Sets *@language from "nb" (also "no", "nob", "nb_NO"…) or "en"; returns
 * FALSE for anything else. */
gboolean
sam_report_language_from_string (const char        *text,
                                 SamReportLanguage *language)
{
  g_return_val_if_fail (language != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  if (g_ascii_strncasecmp (text, "nb", 2) == 0 || g_ascii_strncasecmp (text, "no", 2) == 0)
    *language = SAM_REPORT_LANGUAGE_NB;
  else if (g_ascii_strncasecmp (text, "en", 2) == 0)
    *language = SAM_REPORT_LANGUAGE_EN;
  else
    return FALSE;
  return text[2] == '\0' || text[2] == '_' || text[2] == '-' || text[2] == '.'
         || (g_ascii_tolower (text[2]) == 'b' && text[3] == '\0');
}

/* The language people here read: Norwegian when the environment asks for
 * Norwegian (nb, nn or no) messages, else English. */
SamReportLanguage
sam_report_language_default (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i]; i++)
    {
      if (g_str_has_prefix (names[i], "nb") || g_str_has_prefix (names[i], "nn")
          || g_str_has_prefix (names[i], "no"))
        return SAM_REPORT_LANGUAGE_NB;
      if (g_str_has_prefix (names[i], "en"))
        return SAM_REPORT_LANGUAGE_EN;
    }
  return SAM_REPORT_LANGUAGE_EN;
}

/* The workbook */

/* The document properties, each as clean as a cell's text: libxlsxwriter
 * writes them into docProps as they are, and a control character or
 * broken UTF-8 from the database there makes the whole file unreadable. */
static void
set_properties (SamReportContext *ctx)
{
  g_autofree char *label = sam_report_scope_label (ctx);
  g_autofree char *full = g_strdup_printf ("%s – %s", sam_report_l (ctx, L_REPORT_TITLE), label);
  g_autofree char *notes = g_strdup_printf ("%s %s", sam_report_l (ctx, L_COMMENTS), PACKAGE_VERSION);
  /* The file goes to ministries, the national rapporteur and GRETA: its
   * author is the strategy, never the name or login of whoever wrote it
   * (libxlsxwriter writes the author as "last modified by" too). */
  g_autofree char *title = sam_report_clean (full);
  g_autofree char *subject = sam_report_clean (sam_report_l (ctx, L_SUBJECT));
  g_autofree char *author = sam_report_clean (ctx->strategy_title && *ctx->strategy_title
                                              ? ctx->strategy_title : "Samordna");
  g_autofree char *category = sam_report_clean (label);
  g_autofree char *keywords = sam_report_clean (ctx->period ? ctx->period->code : NULL);
  g_autofree char *comments = sam_report_clean (notes);
  lxw_doc_properties properties = {
    .title = title,
    .subject = subject,
    .author = author,
    .company = author,
    .category = category,
    .keywords = keywords,
    .comments = comments,
    .created = time (NULL),
  };

  sam_report_set_lxw_error (ctx, sam_lxw.workbook_set_properties (ctx->workbook, &properties));
}

typedef gboolean (*SheetWriter) (SamReportContext *ctx,
                                 SamSheet         *sheet);

/* The sheets in the order of the workbook. */
enum { SUMMARY, CHANGES, FOLLOW_UP, OBLIGATIONS, KNOWLEDGE, ACTIVITIES, RESPONSIBILITY, COVERAGE, SEMINARS,
       PARTICIPANTS, HISTORY, N_SHEETS };

static const struct {
  SamReportLabel name;
  SheetWriter    write;
} sheets[N_SHEETS] = {
  [SUMMARY] = { L_SHEET_SUMMARY, sam_report_write_summary },
  [CHANGES] = { L_SHEET_CHANGES, sam_report_write_changes },
  [FOLLOW_UP] = { L_SHEET_FOLLOW_UP, sam_report_write_follow_up },
  [OBLIGATIONS] = { L_SHEET_OBLIGATIONS, sam_report_write_obligations },
  [KNOWLEDGE] = { L_SHEET_KNOWLEDGE, sam_report_write_knowledge },
  [ACTIVITIES] = { L_SHEET_ACTIVITIES, sam_report_write_activities },
  [RESPONSIBILITY] = { L_SHEET_RESPONSIBILITY, sam_report_write_responsibility },
  [COVERAGE] = { L_SHEET_COVERAGE, sam_report_write_coverage },
  [SEMINARS] = { L_SHEET_SEMINARS, sam_report_write_seminars },
  [PARTICIPANTS] = { L_SHEET_PARTICIPANTS, sam_report_write_participants },
  [HISTORY] = { L_SHEET_HISTORY, sam_report_write_history },
};

/* The order they are written in, each whole before the next. The helpers
 * read ahead meanwhile (see sam-report-ahead.c): first the two sheets read
 * on the report's own connection, while the Status history is sorted; the
 * history as it comes, while the activities are sorted; the Summary, whose
 * counts are ready by then, and the changes; the activities as they come,
 * while the aggregates are read; the matrices; then the sheets that follow
 * the Summary's measures, and the Follow-up, whose lists are read on the
 * report's own connection when it comes to them. */
static const guint write_order[N_SHEETS] = {
  SEMINARS, PARTICIPANTS, HISTORY, SUMMARY, CHANGES, ACTIVITIES, RESPONSIBILITY, COVERAGE, OBLIGATIONS, KNOWLEDGE,
  FOLLOW_UP,
};

static lxw_error
close_workbook (SamReportContext *ctx)
{
  gint64 start = g_get_monotonic_time ();
  lxw_error rc;

  sam_report_ahead_closing (ctx, TRUE);
  rc = sam_lxw.workbook_close (ctx->workbook);
  sam_report_ahead_closing (ctx, FALSE);

  g_debug ("Closing the workbook: %.3f s", (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  return rc;
}

/* Writes every sheet into a workbook at @temporary. libxlsxwriter prints
 * numbers with the C library in the thread's locale, and a Norwegian locale
 * would write 12,5 for 12.5 and break the file; so the numeric part of the
 * locale is C while the workbook exists, for this thread only. */
static gboolean
write_workbook (SamReportContext *ctx,
                const char       *temporary)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  SamSheet list[N_SHEETS] = { { 0 } };
  locale_t numeric = newlocale (LC_NUMERIC_MASK, "C", duplocale (uselocale ((locale_t) 0)));
  locale_t saved = numeric ? uselocale (numeric) : (locale_t) 0;
  lxw_error rc;

  if (numeric == (locale_t) 0)
    g_set_error (&ctx->error, SAM_REPORT_ERROR, SAM_REPORT_ERROR_FAILED,
                 _("Could not write the report: %s."), g_strerror (errno));
  else
    {
      sam_lxw_buffer_files (TRUE);
      if ((ctx->workbook = sam_lxw.workbook_new_opt (temporary, &options)) == NULL)
        sam_report_set_lxw_error (ctx, LXW_ERROR_MEMORY_MALLOC_FAILED);
    }
  if (ctx->workbook)
    {
      set_properties (ctx);
      sam_report_make_formats (ctx);
      for (guint i = 0; i < N_SHEETS; i++)
        {
          /* libxlsxwriter gives a chart the values it shows (for readers
           * that do not recalculate) only from a sheet it holds in memory:
           * the Summary, small, is held whole; the others stream. */
          ctx->workbook->options.constant_memory = i != SUMMARY;
          sam_sheet_init (&list[i], ctx, sheets[i].name);
        }
      ctx->workbook->options.constant_memory = LXW_TRUE;
      sam_report_read_activities (ctx);
      for (guint i = 0; i < N_SHEETS && !sam_report_failed (ctx); i++)
        {
          guint sheet = write_order[i];
          gint64 start = g_get_monotonic_time ();

          sheets[sheet].write (ctx, &list[sheet]);
          g_debug ("Sheet %s: %.3f s", sam_report_l (ctx, sheets[sheet].name),
                   (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
        }
      if (!sam_report_failed (ctx))
        g_cancellable_set_error_if_cancelled (ctx->cancellable, &ctx->error);
      g_clear_pointer (&ctx->activities, sam_report_activities_free);
      for (guint i = 0; i < N_SHEETS; i++)
        sam_sheet_clear (&list[i]);
      if (sam_report_failed (ctx))
        sam_lxw.lxw_workbook_free (ctx->workbook);
      else if ((rc = close_workbook (ctx)) != LXW_NO_ERROR)
        {
          g_autofree char *why = sam_lxw_error_text (rc);

          g_set_error (&ctx->error, SAM_REPORT_ERROR, SAM_REPORT_ERROR_WRITE,
                       _("Could not write the report: %s. Check that the disk has room."), why);
        }
      ctx->workbook = NULL;
      /* A helper checks the file while the workbook is compressed. */
      if (!sam_report_failed (ctx))
        {
          GError *error = NULL;

          if (!sam_report_get_checked (ctx, &error))
            sam_report_keep_error (ctx, error);
        }
    }
  /* The workbook, closed or freed, closed its temporary files. */
  sam_lxw_buffer_files (FALSE);
  if (numeric)
    {
      uselocale (saved);
      freelocale (numeric);
    }
  return !sam_report_failed (ctx);
}

/* Reading what the report needs before writing */

static gboolean
find_period (SamReportContext        *ctx,
             const SamReportOptions  *options,
             GError                 **error)
{
  g_autoptr(GError) local = NULL;

  if (options->period)
    ctx->period = sam_period_find (ctx->store, options->period, &local);
  else
    ctx->period = sam_period_current (ctx->store, ctx->today, &local);
  if (local && g_error_matches (local, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND))
    {
      g_set_error_literal (error, SAM_REPORT_ERROR, SAM_REPORT_ERROR_PERIOD, local->message);
      return FALSE;
    }
  if (local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

/* The period's text and every period up to it, for the Summary. */
static gboolean
read_periods (SamReportContext  *ctx,
              GError           **error)
{
  g_autoptr(GPtrArray) all = sam_period_list (ctx->store, error);
  gboolean found = FALSE;

  if (all == NULL)
    return FALSE;
  ctx->period_text = sam_report_period_text (ctx, ctx->period);
  ctx->periods = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_period_free);
  for (guint i = 0; i < all->len && !found; i++)
    {
      found = g_strcmp0 (((SamPeriod *) all->pdata[i])->code, ctx->period->code) == 0;
      g_ptr_array_add (ctx->periods, g_steal_pointer (&all->pdata[i]));
    }
  return TRUE;
}

/* For a closed period, its closing: the report reads what it froze. */
static gboolean
read_closing (SamReportContext  *ctx,
              GError           **error)
{
  GError *local = NULL;

  ctx->closing = sam_closing_get (ctx->store, ctx->period->code, &local);
  if (local)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

static gboolean
prepare (SamReportContext        *ctx,
         const SamReportOptions  *options,
         SamScope               **scope,
         GError                 **error)
{
  g_autoptr(GError) local = NULL;
  guint64 activities = 0, updates = 0;

  if (options->scope && !sam_scope_is_whole (options->scope))
    {
      *scope = sam_scope_copy (options->scope);
      if (!sam_scope_resolve (*scope, ctx->store, error))
        return FALSE;
      ctx->scope = *scope;
    }
  if (!find_period (ctx, options, error))
    return FALSE;
  if (ctx->period && (!read_periods (ctx, error) || !read_closing (ctx, error)))
    return FALSE;
  ctx->query.scope = ctx->scope;
  ctx->query.period = ctx->period;
  ctx->query.today = ctx->today;
  ctx->query.closing = ctx->closing ? sam_record_get_id (ctx->closing) : 0;
  ctx->strategy_query = ctx->query;
  ctx->strategy_query.scope = NULL;
  /* Every reader of the report's scope takes the facts as at a period
   * from one reading of them. */
  ctx->query.facts = sam_facts_share_new (ctx->scope, ctx->today);
  ctx->strategy_title = sam_report_data_strategy_title (ctx->store);
  ctx->previous = ctx->period ? sam_period_before (ctx->store, ctx->period, &local) : NULL;
  if (local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!sam_report_data_count (ctx->store, &ctx->query, &activities, &updates, error))
    return FALSE;
  /* Rows of the long sheets, which are most of the work. */
  ctx->expected_rows = activities + updates + 1;
  return TRUE;
}

static gboolean
write_report (SamStore                *store,
              const SamReportOptions  *options,
              const char              *path,
              guint32                  max_rows,
              SamReportProgressFunc    progress,
              gpointer                 progress_data,
              SamReportStats          *stats,
              GCancellable            *cancellable,
              GError                 **error)
{
  SamReportContext ctx = { .store = store, .language = options->language, .max_rows = max_rows,
                           .progress = progress, .progress_data = progress_data,
                           .cancellable = cancellable };
  g_autoptr(SamScope) scope = NULL;
  g_autofree char *temporary = NULL;
  SamStore *helpers[SAM_REPORT_N_HELPERS] = { NULL };
  int lock = -1;
  gboolean ok, english_names = sam_store_get_english_names (store);

  /* Names in the report's language, on its helpers' connections too:
   * they take the setting of @store when they open. */
  sam_store_set_english_names (store, options->language == SAM_REPORT_LANGUAGE_EN);
  ctx.today = options->today ? g_strdup (options->today) : sam_today ();
  /* The integrity check runs in a helper thread; without one, first.
   * SAMORDNA_REPORT_ONE_CONNECTION makes do without, for the tests to
   * compare. */
  ok = sam_lxw_load (error)
       && sam_report_output_check (store, path, error)
       && sam_report_data_begin (store, g_getenv ("SAMORDNA_REPORT_ONE_CONNECTION") ? NULL : helpers,
                                 G_N_ELEMENTS (helpers), error)
       && (!options->check_store || helpers[0] || sam_store_check (store, cancellable, error))
       && prepare (&ctx, options, &scope, error)
       && (temporary = sam_report_output_create (path, &lock, error)) != NULL;
  if (ok && helpers[0])
    sam_report_ahead_start (&ctx, helpers, options->check_store);
  for (guint i = 0; i < G_N_ELEMENTS (helpers); i++)
    if (helpers[i])
      {
        sam_report_data_end (helpers[i]);
        g_object_unref (helpers[i]);
      }
  if (ok)
    {
      ok = write_workbook (&ctx, temporary) && sam_report_output_finish (temporary, path, &ctx.error);
      if (!ok)
        {
          g_unlink (temporary);
          g_propagate_error (error, g_steal_pointer (&ctx.error));
        }
    }
  if (lock >= 0)
    close (lock);
  sam_report_ahead_stop (&ctx);
  g_clear_pointer (&ctx.query.facts, sam_facts_share_free);
  sam_report_data_end (store);
  sam_store_set_english_names (store, english_names);
  if (ok && progress)
    progress (1.0, progress_data);
  if (ctx.warnings && ctx.warnings->len > 0 && stats)
    {
      g_ptr_array_add (ctx.warnings, NULL);
      ctx.stats.warnings = (char **) g_ptr_array_free (g_steal_pointer (&ctx.warnings), FALSE);
    }
  g_clear_pointer (&ctx.warnings, g_ptr_array_unref);
  if (stats)
    *stats = ctx.stats;
  else
    sam_report_stats_clear (&ctx.stats);
  g_clear_error (&ctx.error);
  sam_period_free (ctx.period);
  g_clear_object (&ctx.closing);
  g_free (ctx.period_text);
  g_clear_pointer (&ctx.periods, g_ptr_array_unref);
  sam_period_free (ctx.previous);
  g_clear_pointer (&ctx.measures, g_ptr_array_unref);
  g_free (ctx.strategy_title);
  g_free (ctx.today);
  return ok;
}

/* Writes the progress report of @options from @store to @path (an .xlsx
 * file), calling @progress now and then. The workbook is built in a
 * temporary file in the same folder and renamed to @path only when it is
 * complete, so that on any failure nothing is left behind and an existing
 * file at @path is untouched. Fills @stats, when given, with what was
 * written. Returns FALSE with:
 *
 * - a SamStoreError when the scope names nothing or the database fails;
 * - SAM_REPORT_ERROR_PERIOD when no reporting period has the code given;
 * - SAM_REPORT_ERROR_NO_FOLDER, _NOT_WRITABLE or _NOT_A_FILE when @path
 *   cannot take the report, _DATABASE when it is the database itself (or
 *   its -wal, -shm or -journal file), and _WRITE when writing fails midway;
 * - SAM_REPORT_ERROR_LIBRARY when libxlsxwriter cannot be loaded;
 * - G_IO_ERROR_CANCELLED when @cancellable was cancelled.
 *
 * Blocks until done; see sam_report_write_async() for the window. */
gboolean
sam_report_write (SamStore                *store,
                  const SamReportOptions  *options,
                  const char              *path,
                  SamReportProgressFunc    progress,
                  gpointer                 progress_data,
                  SamReportStats          *stats,
                  GCancellable            *cancellable,
                  GError                 **error)
{
  g_return_val_if_fail (SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_report (store, options, path, LXW_ROW_MAX, progress, progress_data, stats, cancellable, error);
}

gboolean
sam_report_write_limited (SamStore                *store,
                          const SamReportOptions  *options,
                          const char              *path,
                          guint32                  max_rows,
                          GError                 **error)
{
  g_return_val_if_fail (max_rows >= 2 && max_rows <= LXW_ROW_MAX, FALSE);
  return write_report (store, options, path, max_rows, NULL, NULL, NULL, NULL, error);
}

/* In a thread */

/* The caller's progress function and its data, shared by the worker thread
 * and the progress calls it queues; the last one to let go frees the data,
 * always in the caller's main context. */
typedef struct
{
  gint                   ref_count;
  SamReportProgressFunc  func;
  gpointer               data;
  GDestroyNotify         free_data;
} Progress;

static Progress *
progress_ref (Progress *p)
{
  g_atomic_int_inc (&p->ref_count);
  return p;
}

static void
progress_unref (gpointer data)
{
  Progress *p = data;

  if (!g_atomic_int_dec_and_test (&p->ref_count))
    return;
  if (p->free_data)
    p->free_data (p->data);
  g_free (p);
}

typedef struct
{
  char       *database;
  SamStore   *store;        /* the window's, when on a server: the thread opens its own reader of it */
  SamScope   *scope;
  char       *period;
  char       *today;
  SamReportLanguage language;
  char       *path;
  Progress   *progress;     /* not owned: the completion holds it */
  GMainContext *context;
} WriteData;

static void
write_data_free (gpointer data)
{
  WriteData *d = data;

  g_free (d->database);
  g_clear_object (&d->store);
  sam_scope_free (d->scope);
  g_free (d->period);
  g_free (d->today);
  g_free (d->path);
  g_main_context_unref (d->context);
  g_free (d);
}

typedef struct
{
  Progress *progress;
  double    fraction;
} ProgressCall;

static gboolean
progress_in_main_cb (gpointer user_data)
{
  ProgressCall *call = user_data;

  call->progress->func (call->fraction, call->progress->data);
  return G_SOURCE_REMOVE;
}

static void
progress_call_free (gpointer data)
{
  ProgressCall *call = data;

  progress_unref (call->progress);
  g_free (call);
}

/* Passes progress from the worker thread to the caller's main context. */
static void
progress_in_thread_cb (double   fraction,
                       gpointer user_data)
{
  WriteData *d = user_data;
  ProgressCall *call = g_new0 (ProgressCall, 1);

  call->progress = progress_ref (d->progress);
  call->fraction = fraction;
  g_main_context_invoke_full (d->context, G_PRIORITY_DEFAULT, progress_in_main_cb, call, progress_call_free);
}

static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *d = task_data;
  /* The full integrity check runs beside the writing, as for the command
   * line: a report is never kept from a file that fails it, whether or not
   * the window's own check of the file has finished. */
  SamReportOptions options = { d->scope, d->period, d->language, d->today, .check_store = TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) store = d->store ? sam_store_open_reader (d->store, &error)
                              : sam_store_open_with_flags (d->database, SAM_STORE_OPEN_CHECK_LATER, &error);
  SamReportStats stats = { 0 };

  if (store == NULL
      || !write_report (store, &options, d->path, LXW_ROW_MAX, d->progress->func ? progress_in_thread_cb : NULL,
                        d, &stats, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, stats.warnings ? g_steal_pointer (&stats.warnings) : g_new0 (char *, 1),
                           (GDestroyNotify) g_strfreev);
  sam_report_stats_clear (&stats);
}

typedef struct
{
  GAsyncReadyCallback  callback;
  gpointer             user_data;
  Progress            *progress;
} Completion;

/* Runs in the caller's main context once the thread is done with the
 * progress function; the progress data goes when the last queued call has
 * run. */
static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Completion *completion = user_data;

  if (completion->callback)
    completion->callback (source, result, completion->user_data);
  progress_unref (completion->progress);
  g_free (completion);
}

/* Writes the report as sam_report_write() does, in a worker thread with
 * its own connection to @store's file, so the window stays responsive,
 * always with the file's integrity check beside it (whatever
 * @options->check_store says): no report is kept from a damaged file,
 * whether or not the window's own check of it has finished.
 * @progress runs in the thread-default main context of the caller, and
 * @progress_data_free frees @progress_data there after the last call and
 * after @callback. Call sam_report_write_finish() from @callback. */
void
sam_report_write_async (SamStore                *store,
                        const SamReportOptions  *options,
                        const char              *path,
                        SamReportProgressFunc    progress,
                        gpointer                 progress_data,
                        GDestroyNotify           progress_data_free,
                        GCancellable            *cancellable,
                        GAsyncReadyCallback      callback,
                        gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  Completion *completion;
  WriteData *d;

  g_return_if_fail (SAM_IS_STORE (store));
  g_return_if_fail (options != NULL && path != NULL);

  completion = g_new0 (Completion, 1);
  completion->callback = callback;
  completion->user_data = user_data;
  completion->progress = g_new0 (Progress, 1);
  completion->progress->ref_count = 1;
  completion->progress->func = progress;
  completion->progress->data = progress_data;
  completion->progress->free_data = progress_data_free;

  d = g_new0 (WriteData, 1);
  /* A server's path names it for messages; its address is the store's. */
  if (sam_store_is_on_server (store))
    d->store = g_object_ref (store);
  else
    d->database = g_strdup (sam_store_get_path (store));
  d->scope = options->scope ? sam_scope_copy (options->scope) : NULL;
  d->period = g_strdup (options->period);
  d->today = g_strdup (options->today);
  d->language = options->language;
  d->path = g_strdup (path);
  d->progress = completion->progress;
  d->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, written_cb, completion);
  g_task_set_source_tag (task, sam_report_write_async);
  g_task_set_task_data (task, d, write_data_free);
  g_task_run_in_thread (task, write_thread);
}

/* Returns TRUE when the report was written, with what did not fit in it
 * in @warnings (one sentence each, in the user's language; an empty list
 * when everything fit; free with g_strfreev()); FALSE with the error of
 * sam_report_write() otherwise. @warnings may be NULL. */
gboolean
sam_report_write_finish (GAsyncResult  *result,
                         char        ***warnings,
                         GError       **error)
{
  char **said;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  if (!(said = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;
  if (warnings)
    *warnings = said;
  else
    g_strfreev (said);
  return TRUE;
}

/* Frees what @stats holds (its warnings), not @stats itself. */
void
sam_report_stats_clear (SamReportStats *stats)
{
  g_return_if_fail (stats != NULL);
  g_clear_pointer (&stats->warnings, g_strfreev);
}
