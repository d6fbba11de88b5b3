/* Status forms: written by Samordna, filled by another program (openpyxl),
 * re-saved by LibreOffice and Gnumeric, and imported with a review; every
 * kind of bad input the issue names has a test here. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sam-test-util.h"
#include "forms/sam-form-import.h"
#include "forms/sam-xlsx-reader.h"
#include "store/sam-accountability.h"
#include "store/sam-round.h"
#include "store/sam-status.h"

#define NOW "2026-03-01T10:00:00"

typedef struct
{
  char      *dir;
  char      *forms;
  SamStore  *store;
  SamRecord *bufdir;
  GPtrArray *rows;      /* Bufdir's form rows, as written */
} Fixture;

static void
write_round (Fixture    *f,
             const char *period,
             const char *agency)
{
  SamFormsOptions options = { period, "2026-04-15", agency, f->forms, SAM_REPORT_LANGUAGE_NB, NOW };
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_forms_write_round (f->store, &options, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = sam_test_make_dir ();
  f->forms = g_build_filename (f->dir, "forms", NULL);
  g_mkdir (f->forms, 0755);
  f->store = sam_test_open_new (f->dir, "plan.db");
  f->bufdir = sam_round_find_agency (f->store, "Bufdir", &error);
  g_assert_no_error (error);
  /* The default plan gives Bufdir three activities; a form of four or more
   * rows tries more: Bufdir takes the lead of two that name none. */
  {
    g_autoptr(GPtrArray) unled = sam_store_list_by (f->store, SAM_KIND_ACTIVITY, "lead_agency_id", 0, &error);

    g_assert_cmpuint (unled->len, >=, 2);
    for (guint i = 0; i < 2; i++)
      {
        sam_record_set_int (unled->pdata[i], "lead_agency_id", sam_record_get_id (f->bufdir));
        g_assert_true (sam_store_update (f->store, unled->pdata[i], &error));
      }
  }
  {
    g_autoptr(SamPeriod) t1 = sam_period_find (f->store, "2026-T1", &error);
    g_autoptr(GHashTable) asked = sam_round_asked (f->store, t1, &error);

    f->rows = sam_round_lead_rows (f->store, sam_record_get_id (f->bufdir), asked, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpuint (f->rows->len, >=, 4);
  write_round (f, "2026-T1", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->bufdir);
  g_clear_pointer (&f->rows, g_ptr_array_unref);
  sam_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->forms);
}

static gint64
row_id (Fixture *f,
        guint    i)
{
  return ((SamFormRow *) f->rows->pdata[i])->activity_id;
}

static char *
form_path (Fixture    *f,
           const char *period)
{
  g_autofree char *name = g_strdup_printf ("%s Bufdir.xlsx", period);
  return g_build_filename (f->forms, name, NULL);
}

static void
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s%s", argv[0], out, err);
}

/* Fills the form at @in into @out with openpyxl: "G6=s:Pågår", …, NULL. */
static char *
fill (Fixture    *f,
      const char *in,
      const char *out_name,
      ...)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "fill-form.py", NULL);
  char *out = g_build_filename (f->dir, out_name, NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *python = g_getenv ("SAM_PYTHON");
  va_list args;

  g_ptr_array_add (argv, (char *) (python ? python : "python3"));
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, (char *) in);
  g_ptr_array_add (argv, out);
  va_start (args, out_name);
  for (const char *a = va_arg (args, const char *); a; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  run ((const char * const *) argv->pdata);
  return out;
}

static char *
bad_file (Fixture    *f,
          const char *kind,
          const char *source)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "make-bad-file.py", NULL);
  g_autofree char *name = g_strconcat (kind, ".xlsx", NULL);
  char *out = g_build_filename (f->dir, name, NULL);
  const char *python = g_getenv ("SAM_PYTHON") ? g_getenv ("SAM_PYTHON") : "python3";
  const char *argv[] = { python, script, kind, source ? source : out, source ? out : NULL, NULL };

  run (argv);
  return out;
}

static SamImportReview *
review (Fixture    *f,
        SamStore   *store,
        const char *path,
        const char *as_period)
{
  SamImportReview *r = sam_import_review_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_import_review_add (r, store ? store : f->store, sam_import_read (path, NULL), as_period, &error));
  g_assert_no_error (error);
  return r;
}

static SamImportFile *
first (SamImportReview *r)
{
  return r->files->pdata[0];
}

static SamImportRow *
row_for (SamImportReview *r,
         gint64           id)
{
  SamImportFile *file = first (r);

  for (guint i = 0; i < file->rows->len; i++)
    if (((SamImportRow *) file->rows->pdata[i])->activity_id == id)
      return file->rows->pdata[i];
  return NULL;
}

/* Whether @r has an issue at @level whose message holds @text, at @cell
 * (or any cell when NULL). */
static gboolean
has_issue (SamImportReview *r,
           SamIssueLevel    level,
           const char      *cell,
           const char      *text)
{
  SamImportFile *file = first (r);

  for (guint i = 0; i < file->issues->len; i++)
    {
      SamImportIssue *issue = file->issues->pdata[i];
      if (issue->level == level && (cell == NULL || g_strcmp0 (issue->cell, cell) == 0)
          && strstr (issue->message, text))
        return TRUE;
    }
  return FALSE;
}

static void
apply (Fixture         *f,
       SamImportReview *r,
       guint            expected)
{
  g_autoptr(GError) error = NULL;
  SamImportResult result = { 0, 0 };

  g_assert_true (sam_import_review_apply (r, f->store, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.updates, ==, expected);
}

static SamRecord *
activity (Fixture *f,
          gint64   id)
{
  g_autoptr(GError) error = NULL;
  SamRecord *a = sam_store_get (f->store, SAM_KIND_ACTIVITY, id, &error);

  g_assert_no_error (error);
  return a;
}

/* Records a status update of Bufdir's activity @i for @period, now. */
static void
record (Fixture    *f,
        guint       i,
        const char *period,
        const char *status,
        int         progress,
        const char *comment)
{
  g_autoptr(GError) error = NULL;
  SamStatusEntry entry = { row_id (f, i), 0, status, progress, comment };

  entry.period_id = sam_round_period_for (f->store, period, ((SamFormRow *) f->rows->pdata[i])->plan_id, &error);
  g_assert_no_error (error);
  g_assert_true (sam_status_record (f->store, &entry, &error));
  g_assert_no_error (error);
}

/* Reads the status, progress and comment a form at @path shows for
 * activity @id (as text; "" for a blank). */
static void
form_values (const char  *path,
             gint64       id,
             char       **status,
             char       **progress,
             char       **comment)
{
  g_autoptr(SamXlsxBook) book = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wanted = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  int sheet;

  book = sam_xlsx_book_open (path, NULL, &error);
  g_assert_no_error (error);
  sheet = sam_xlsx_book_find_sheet (book, "Status");
  g_assert_true (sam_xlsx_book_read_sheet (book, sheet, &error));
  for (guint32 row = 5; row < sam_xlsx_book_get_n_rows (book, sheet); row++)
    {
      g_autofree char *cell = sam_xlsx_cell_to_text (sam_xlsx_book_get_cell (book, sheet, row, 0));
      if (g_strcmp0 (cell, wanted) != 0)
        continue;
      *status = sam_xlsx_cell_to_text (sam_xlsx_book_get_cell (book, sheet, row, 6));
      *progress = sam_xlsx_cell_to_text (sam_xlsx_book_get_cell (book, sheet, row, 7));
      *comment = sam_xlsx_cell_to_text (sam_xlsx_book_get_cell (book, sheet, row, 8));
      return;
    }
  g_error ("activity %s is not on the form %s", wanted, path);
}

/* Returns the 1-based row of activity @id on the Status sheet of the form
 * at @path, 0 when it is not there; sets *@section (when asked) to the
 * text of the nearest row above it that holds no activity number. */
static guint
form_row (const char  *path,
          gint64       id,
          char       **section)
{
  g_autoptr(SamXlsxBook) book = sam_xlsx_book_open (path, NULL, NULL);
  g_autofree char *wanted = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *above = NULL;
  int sheet;

  g_assert_nonnull (book);
  sheet = sam_xlsx_book_find_sheet (book, "Status");
  g_assert_true (sam_xlsx_book_read_sheet (book, sheet, NULL));
  for (guint32 row = 5; row < sam_xlsx_book_get_n_rows (book, sheet); row++)
    {
      g_autofree char *cell = sam_xlsx_cell_to_text (sam_xlsx_book_get_cell (book, sheet, row, 0));
      if (g_strcmp0 (cell, wanted) == 0)
        {
          if (section)
            *section = g_steal_pointer (&above);
          return row + 1;
        }
      if (*cell && !g_ascii_isdigit (cell[0]))
        {
          g_free (above);
          above = g_strdup (cell);
        }
    }
  return 0;
}

/* Writing */

/* An activity that names no lead is accountable to its sector's ministry
 * (sector responsibility): that ministry's form carries it, apart from
 * what it leads, and its answer imports like a lead's. */
static void
test_sector_responsibility (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamPeriod) t1 = sam_period_find (f->store, "2026-T1", &error);
  g_autoptr(GHashTable) asked = sam_round_asked (f->store, t1, &error);
  g_autoptr(GPtrArray) unled = sam_store_list_by (f->store, SAM_KIND_ACTIVITY, "lead_agency_id", 0, &error);
  g_autoptr(SamAccountability) who = NULL;
  g_autoptr(GPtrArray) board = NULL;
  g_autoptr(SamImportReview) r = NULL, led = NULL;
  g_autoptr(SamRecord) a = NULL, hdir = NULL, latest = NULL;
  g_autofree char *name = NULL, *form = NULL, *section = NULL, *status = NULL, *progress = NULL, *filled = NULL;
  const SamAccountable *ministry;
  gint64 id = 0;
  gboolean on_board = FALSE;
  guint row;

  for (guint i = 0; i < unled->len && id == 0; i++)
    {
      gint64 candidate = sam_record_get_id (unled->pdata[i]);
      g_autoptr(SamAccountability) acc = sam_accountability_get (f->store, candidate, &error);
      if (g_hash_table_contains (asked, &candidate) && acc->by_sector->len > 0)
        {
          id = candidate;
          who = g_steal_pointer (&acc);
        }
    }
  g_assert_cmpint (id, >, 0);
  ministry = who->by_sector->pdata[0];
  name = sam_forms_file_name ("2026-T1", ministry->short_name ? ministry->short_name : ministry->name);
  form = g_build_filename (f->forms, name, NULL);
  g_assert_true (g_file_test (form, G_FILE_TEST_IS_REGULAR));
  row = form_row (form, id, &section);
  g_assert_cmpuint (row, >, 0);
  g_assert_nonnull (strstr (section, "sektoransvar"));

  /* On the board, and its answer imports like a lead's. */
  latest = sam_round_latest (f->store, &error);
  board = sam_round_board (f->store, sam_record_get_id (latest), "2026-03-02", &error);
  for (guint i = 0; i < board->len; i++)
    on_board |= sam_record_get_int (((SamBoardRow *) board->pdata[i])->form, "agency_id") == ministry->agency_id;
  g_assert_true (on_board);
  status = g_strdup_printf ("G%u=s:Pågår", row);
  progress = g_strdup_printf ("H%u=n:10", row);
  filled = fill (f, form, "ministry.xlsx", status, progress, NULL);
  r = review (f, NULL, filled, NULL);
  g_assert_true (row_for (r, id)->valid);
  g_assert_true (row_for (r, id)->apply);
  g_assert_false (has_issue (r, SAM_ISSUE_ROW, NULL, "not imported"));

  /* Once the activity names a lead, the ministry no longer answers for it. */
  a = activity (f, id);
  hdir = sam_round_find_agency (f->store, "Hdir", NULL);
  sam_record_set_int (a, "lead_agency_id", sam_record_get_id (hdir));
  g_assert_true (sam_store_update (f->store, a, &error));
  led = review (f, NULL, filled, NULL);
  g_assert_false (row_for (led, id)->valid);
  g_assert_true (has_issue (led, SAM_ISSUE_ROW, NULL, "is led by Hdir"));
  apply (f, r, 1);
}

/* A form for a period is filled in with the status as at that period:
 * the latest update in or before it, never one of a later period. */
static void
test_write_prefill_as_at_period (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *form = form_path (f, "2026-T2");
  g_autofree char *status = NULL, *progress = NULL, *comment = NULL;

  record (f, 0, "2026-T1", "in_progress", 20, "Godt i gang");
  record (f, 0, "2026-T3", "delayed", 30, "Venter på midler");
  write_round (f, "2026-T2", "Bufdir");
  form_values (form, row_id (f, 0), &status, &progress, &comment);
  g_assert_cmpstr (status, ==, "Pågår");
  g_assert_cmpstr (progress, ==, "20");
  g_assert_cmpstr (comment, ==, "Godt i gang");
}

static void
test_write_identified_twice (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *path = form_path (f, "2026-T1");
  g_autoptr(SamXlsxBook) book = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL, *id = NULL, *expected = g_strdup_printf ("%" G_GINT64_FORMAT, row_id (f, 0));
  int hidden, sheet;

  book = sam_xlsx_book_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sam_xlsx_book_get_property (book, "Samordna database"), ==, sam_store_get_identity (f->store));
  g_assert_cmpstr (sam_xlsx_book_get_property (book, "Samordna period"), ==, "2026-T1");
  hidden = sam_xlsx_book_find_sheet (book, "Samordna");
  g_assert_cmpint (hidden, >=, 0);
  g_assert_true (sam_xlsx_book_sheet_hidden (book, hidden));
  g_assert_true (sam_xlsx_book_read_sheet (book, hidden, &error));
  id = sam_xlsx_cell_to_text (sam_xlsx_book_get_cell (book, hidden, 20, 0));
  g_assert_cmpstr (id, ==, expected);
  /* The Norwegian form shows the latest status in Norwegian. */
  sheet = sam_xlsx_book_find_sheet (book, "Status");
  g_assert_true (sam_xlsx_book_read_sheet (book, sheet, &error));
  status = sam_xlsx_cell_to_text (sam_xlsx_book_get_cell (book, sheet, 5, 6));
  g_assert_cmpstr (status, ==, "Planlagt");
  g_assert_cmpint (sam_xlsx_book_find_sheet (book, "Veiledning"), ==, 0);
  g_assert_cmpint (sam_xlsx_book_find_sheet (book, "Deltar i"), >=, 0);
  /* The round and each agency's form are noted. */
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_REPORTING_ROUND), ==, 1);
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_ROUND_FORM), >=, 5);
}

/* Returns the short name of an agency that got no form in the fixture's
 * round: it answers for nothing in 2026-T1. */
static char *
idle_agency (Fixture *f)
{
  g_autoptr(GPtrArray) agencies = sam_store_list (f->store, SAM_KIND_AGENCY, NULL);

  for (guint i = 0; i < agencies->len; i++)
    {
      const char *short_name = sam_record_get_string (agencies->pdata[i], "short_name");
      g_autofree char *name = short_name ? sam_forms_file_name ("2026-T1", short_name) : NULL;
      g_autofree char *path = name ? g_build_filename (f->forms, name, NULL) : NULL;

      if (path && !g_file_test (path, G_FILE_TEST_EXISTS))
        return g_strdup (short_name);
    }
  g_error ("every agency got a form");
}

static void
test_write_refuses (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "nowhere", NULL);
  g_autofree char *idle = idle_agency (f);
  const struct { const char *period, *deadline, *agency, *folder; SamFormsError code; } cases[] = {
    { "2099-T9", NULL, NULL, f->forms, SAM_FORMS_ERROR_PERIOD },
    { "2026-T1", "15.04.2026", NULL, f->forms, SAM_FORMS_ERROR_DEADLINE },
    { "2026-T1", NULL, "Ingen", f->forms, SAM_FORMS_ERROR_AGENCY },
    { "2026-T1", NULL, idle, f->forms, SAM_FORMS_ERROR_AGENCY },   /* answers for nothing */
    { "2026-T1", NULL, NULL, missing, SAM_FORMS_ERROR_NO_FOLDER },
  };
  gint64 rounds = sam_store_count (f->store, SAM_KIND_REPORTING_ROUND);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SamFormsOptions options = { cases[i].period, cases[i].deadline, cases[i].agency, cases[i].folder,
                                  SAM_REPORT_LANGUAGE_EN, NOW };
      g_autoptr(GError) error = NULL;

      g_assert_false (sam_forms_write_round (f->store, &options, NULL, &error));
      g_assert_error (error, SAM_FORMS_ERROR, (int) cases[i].code);
    }
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_REPORTING_ROUND), ==, rounds);
}

/* Writing a round again: a fresh round over one of the same period must
 * be asked for and says what it replaces; forms are never written over
 * files silently; writing one agency's form again adds to the round's
 * board and leaves the other agencies' rows alone. */
static void
test_write_again (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *form = form_path (f, "2026-T1");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(SamRecord) first_round = sam_round_latest (f->store, NULL);
  g_autoptr(GPtrArray) board = NULL;
  g_autoptr(GError) error = NULL;
  SamFormsOptions options = { "2026-T1", "2026-04-15", NULL, f->forms, SAM_REPORT_LANGUAGE_NB, "2026-03-02T09:00:00" };
  gint64 forms = sam_store_count (f->store, SAM_KIND_ROUND_FORM);
  guint n_board;

  {
    g_autoptr(GFile) file = g_file_new_for_path (form);
    before = g_file_load_bytes (file, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  board = sam_round_board (f->store, sam_record_get_id (first_round), "2026-03-02", &error);
  n_board = board->len;
  g_clear_pointer (&board, g_ptr_array_unref);

  /* The same period again: refused, saying what it would replace. */
  g_assert_false (sam_forms_write_round (f->store, &options, NULL, &error));
  g_assert_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_ROUND_EXISTS);
  g_assert_nonnull (strstr (error->message, "2026-T1 was started on 1 Mar 2026"));
  g_assert_nonnull (strstr (error->message, "replaces its board"));
  g_clear_error (&error);
  /* Asked for, it still does not write over the forms there. */
  options.replace_round = TRUE;
  g_assert_false (sam_forms_write_round (f->store, &options, NULL, &error));
  g_assert_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "already exist"));
  g_clear_error (&error);
  g_assert_true (sam_test_same_file (before, form));
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_REPORTING_ROUND), ==, 1);
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_ROUND_FORM), ==, forms);

  /* One agency's form again adds to the round in progress. */
  options.replace_round = FALSE;
  options.agency = "Bufdir";
  g_assert_false (sam_forms_write_round (f->store, &options, NULL, &error));
  g_assert_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_EXISTS);
  g_clear_error (&error);
  options.overwrite = TRUE;
  g_assert_true (sam_forms_write_round (f->store, &options, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_REPORTING_ROUND), ==, 1);
  board = sam_round_board (f->store, sam_record_get_id (first_round), "2026-03-02", &error);
  g_assert_cmpuint (board->len, ==, n_board);
  for (guint i = 0; i < board->len; i++)
    {
      SamBoardRow *b = board->pdata[i];
      gboolean ours = sam_record_get_int (b->form, "agency_id") == sam_record_get_id (f->bufdir);
      g_assert_cmpstr (sam_record_get_string (b->form, "written_at"), ==, ours ? "2026-03-02T09:00:00" : NOW);
    }
  g_assert_false (sam_test_same_file (before, form));

  /* Every form again, asked for and allowed: a new round. */
  options.agency = NULL;
  options.replace_round = TRUE;
  g_assert_true (sam_forms_write_round (f->store, &options, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_REPORTING_ROUND), ==, 2);
}

/* A disk that fills up while a form is written (stood in for by a limit
 * on the size of the files the process writes, just under the form's):
 * the form is not written, the error says to check the disk, and the
 * form there before stays as it was, and so does the round's board. */
static void
test_write_disk_full (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *name = NULL, *form = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SamRecord) round = sam_round_latest (f->store, NULL);
  g_autoptr(GPtrArray) board = NULL;
  SamFormsOptions options = { "2026-T1", "2026-04-15", "Bufdir", f->forms, SAM_REPORT_LANGUAGE_NB,
                              "2026-03-02T09:00:00", .overwrite = TRUE };
  gboolean ok;

  name = sam_forms_file_name ("2026-T1", "Bufdir");
  form = g_build_filename (f->forms, name, NULL);
  {
    g_autoptr(GFile) file = g_file_new_for_path (form);
    before = g_file_load_bytes (file, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  sam_test_limit_disk ((goffset) g_bytes_get_size (before) - 64);
  ok = sam_forms_write_round (f->store, &options, NULL, &error);
  sam_test_unlimit_disk ();
  g_assert_false (ok);
  g_assert_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "Check that the disk has room"));
  g_assert_null (strstr (error->message, ".."));
  g_assert_true (sam_test_same_file (before, form));
  g_clear_error (&error);
  board = sam_round_board (f->store, sam_record_get_id (round), "2026-03-02", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < board->len; i++)
    g_assert_cmpstr (sam_record_get_string (((SamBoardRow *) board->pdata[i])->form, "written_at"), ==, NOW);
}

/* Forms are noted with absolute paths, so that reminders find them from
 * any folder. */
static void
test_write_absolute_paths (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *expected = g_build_filename (f->dir, "relative", "2026-T2 Bufdir.xlsx", NULL);
  g_autoptr(SamFormsJob) job = NULL;
  g_autoptr(SamRecord) form = NULL;
  g_autoptr(GError) error = NULL;
  SamFormsOptions options = { "2026-T2", NULL, "Bufdir", "relative", SAM_REPORT_LANGUAGE_EN, NOW };

  g_assert_cmpint (g_chdir (f->dir), ==, 0);
  g_mkdir ("relative", 0755);
  g_assert_true (sam_forms_write_round (f->store, &options, &job, &error));
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpstr (sam_forms_job_get_path (job, 0), ==, expected);
  form = sam_round_find_form (f->store, sam_record_get_id (f->bufdir), "2026-T2", NOW, &error);
  g_assert_cmpstr (sam_record_get_string (form, "written_path"), ==, expected);
}

/* A deadline that has passed is refused, unless asked for. */
static void
test_write_past_deadline (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SamFormsOptions options = { "2026-T2", "2026-02-28", NULL, f->forms, SAM_REPORT_LANGUAGE_EN, NOW };

  g_assert_false (sam_forms_write_round (f->store, &options, NULL, &error));
  g_assert_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_PAST_DEADLINE);
  g_assert_nonnull (strstr (error->message, "28 Feb 2026 has passed"));
  g_clear_error (&error);
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_REPORTING_ROUND), ==, 1);
  options.past_deadline = TRUE;
  g_assert_true (sam_forms_write_round (f->store, &options, NULL, &error));
  g_assert_no_error (error);
}

/* The command line asks for the same explicitly, and says how. */
static void
test_write_cli (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "plan.db", NULL);
  g_auto(SamTestRun) run = { 0 };

  sam_test_run_samordna (&run, (const char *[]) { "forms", "--database", db, "--period", "2026-T1",
                                                  "--output", f->forms, NULL });
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 2);
  g_assert_nonnull (strstr (run.err, "--replace-round"));
  sam_test_run_clear (&run);
  sam_test_run_samordna (&run, (const char *[]) { "forms", "--database", db, "--period", "2026-T1",
                                                  "--output", f->forms, "--agency", "Bufdir", NULL });
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 2);
  g_assert_nonnull (strstr (run.err, "2026-T1 Bufdir.xlsx"));
  g_assert_nonnull (strstr (run.err, "--overwrite"));
  sam_test_run_clear (&run);
  sam_test_run_samordna (&run, (const char *[]) { "forms", "--database", db, "--period", "2026-T2",
                                                  "--output", f->forms, "--deadline", "2020-01-01", NULL });
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 2);
  g_assert_nonnull (strstr (run.err, "has passed"));
  sam_test_run_clear (&run);
  sam_test_run_samordna (&run, (const char *[]) { "forms", "--database", db, "--period", "2026-T1",
                                                  "--output", f->forms, "--agency", "Bufdir", "--overwrite", NULL });
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 0);
  g_assert_true (g_path_is_absolute (g_strstrip (run.out)));
  /* Bufdir has no e-mail address in the default plan: said, with what to do. */
  g_assert_nonnull (strstr (run.err, "No e-mail address for 1 agency: Bufdir"));
  g_assert_nonnull (strstr (run.err, "as the agency’s contact"));
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_REPORTING_ROUND), ==, 1);
}

/* Importing */

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *form = form_path (f, "2026-T1");
  g_autofree char *filled = fill (f, form, "filled.xlsx", "G6=s:Pågår", "H6=n:40", "I6=s:Godt i gang",
                                  "D3=s:Kari Nordmann", NULL);
  g_autoptr(SamImportReview) r = review (f, NULL, filled, NULL);
  g_autoptr(SamRecord) a = NULL;
  g_autoptr(GPtrArray) updates = NULL, board = NULL;
  g_autoptr(GError) error = NULL;
  SamImportRow *row = row_for (r, row_id (f, 0));
  gint64 before = sam_store_count (f->store, SAM_KIND_STATUS_UPDATE);
  SamRecord *update;

  g_assert_true (first (r)->apply);
  g_assert_cmpstr (first (r)->agency, ==, sam_record_get_string (f->bufdir, "name"));
  g_assert_cmpstr (row->old_status, ==, "planned");
  g_assert_cmpstr (row->new_status, ==, "in_progress");
  g_assert_cmpint (row->new_progress, ==, 40);
  g_assert_cmpstr (row->new_comment, ==, "Godt i gang");
  g_assert_true (row->apply);
  apply (f, r, first (r)->changes);

  a = activity (f, row_id (f, 0));
  g_assert_cmpstr (sam_record_get_string (a, "status"), ==, "in_progress");
  g_assert_cmpint (sam_record_get_int (a, "progress"), ==, 40);
  updates = sam_store_list_by (f->store, SAM_KIND_STATUS_UPDATE, "activity_id", row_id (f, 0), &error);
  update = updates->pdata[updates->len - 1];
  g_assert_cmpstr (sam_record_get_string (update, "reported_by"), ==, "Kari Nordmann");
  g_assert_cmpint (sam_record_get_int (update, "agency_id"), ==, sam_record_get_id (f->bufdir));
  g_assert_cmpstr (sam_record_get_string (update, "source_file"), ==, "filled.xlsx");
  g_assert_cmpstr (sam_record_get_string (update, "source_hash"), ==, first (r)->hash);
  g_assert_true (sam_record_is_set (update, "imported_at"));

  /* The board shows the form received; the others are late after the deadline. */
  board = sam_round_board (f->store, sam_record_get_id (sam_round_latest (f->store, NULL)), "2026-05-01", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < board->len; i++)
    {
      SamBoardRow *b = board->pdata[i];
      gboolean ours = sam_record_get_int (b->form, "agency_id") == sam_record_get_id (f->bufdir);
      g_assert_cmpint (b->late, ==, !ours);
      if (ours)
        {
          g_assert_cmpstr (sam_record_get_string (b->form, "received_file"), ==, "filled.xlsx");
          g_assert_cmpint (sam_record_get_int (b->form, "rows_answered"), ==, f->rows->len);
        }
    }

  /* The whole import is one undo step. */
  g_assert_true (sam_store_undo (f->store, &error));
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_STATUS_UPDATE), ==, before);
  g_clear_object (&a);
  a = activity (f, row_id (f, 0));
  g_assert_cmpstr (sam_record_get_string (a, "status"), !=, "in_progress");
}

static void
test_twice (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *form = form_path (f, "2026-T1");
  g_autofree char *filled = fill (f, form, "filled.xlsx", "G6=s:Forsinket", "H6=n:20", NULL);
  g_autoptr(SamImportReview) r = review (f, NULL, filled, NULL);
  g_autoptr(SamImportReview) again = NULL;
  gint64 count;

  apply (f, r, 1);   /* the other rows came back as written */
  count = sam_store_count (f->store, SAM_KIND_STATUS_UPDATE);
  again = review (f, NULL, filled, NULL);
  g_assert_cmpuint (first (again)->changes, ==, 0);
  g_assert_false (first (again)->apply);
  g_assert_nonnull (first (again)->imported_at);
  g_assert_true (has_issue (again, SAM_ISSUE_NOTE, NULL, "was imported on"));
  /* When, as people write it, not as an ISO timestamp. */
  {
    g_autofree char *shown = sam_format_datetime (first (again)->imported_at);
    g_assert_true (has_issue (again, SAM_ISSUE_NOTE, NULL, shown));
    g_assert_false (has_issue (again, SAM_ISSUE_NOTE, NULL, first (again)->imported_at));
  }
  first (again)->apply = TRUE;   /* even when chosen, nothing changes */
  apply (f, again, 0);
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_STATUS_UPDATE), ==, count);
}

/* An emptied progress cell means "no new progress": the latest progress
 * stands, and an activity that never had one gets none, never 0 %; so
 * does a formula without a saved result, whose cell alone is refused. */
static void
test_empty_progress (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *form = form_path (f, "2026-T2");
  g_autofree char *filled = NULL;
  g_autoptr(SamImportReview) r = NULL;
  g_autoptr(GPtrArray) updates = NULL;
  g_autoptr(GError) error = NULL;
  SamImportRow *kept, *none, *rejected;

  record (f, 0, "2026-T1", "in_progress", 35, NULL);
  for (guint i = 1; i <= 2; i++)
    {
      g_autoptr(SamRecord) a = activity (f, row_id (f, i));
      sam_record_unset (a, "progress");
      g_assert_true (sam_store_update (f->store, a, &error));
      g_assert_no_error (error);
    }
  write_round (f, "2026-T2", "Bufdir");
  filled = fill (f, form, "filled.xlsx", "G6=s:Forsinket", "H6=none:", "G7=s:Forsinket", "H7=none:",
                 "G8=s:Forsinket", "H8=f:=20+20", NULL);
  r = review (f, NULL, filled, NULL);
  kept = row_for (r, row_id (f, 0));
  none = row_for (r, row_id (f, 1));
  rejected = row_for (r, row_id (f, 2));
  g_assert_true (kept->valid && none->valid && rejected->valid);
  g_assert_cmpint (kept->new_progress, ==, 35);
  g_assert_cmpint (none->new_progress, ==, -1);
  g_assert_cmpint (rejected->new_progress, ==, -1);
  g_assert_true (has_issue (r, SAM_ISSUE_ROW, "H8", "formula with no saved result"));
  apply (f, r, 3);
  updates = sam_store_list_by (f->store, SAM_KIND_STATUS_UPDATE, "activity_id", row_id (f, 1), &error);
  g_assert_cmpuint (updates->len, ==, 1);
  g_assert_cmpstr (sam_record_get_string (updates->pdata[0], "status"), ==, "delayed");
  g_assert_false (sam_record_is_set (updates->pdata[0], "progress"));
  {
    g_autoptr(SamRecord) a = activity (f, row_id (f, 2));
    g_assert_false (sam_record_is_set (a, "progress"));
  }
}

/* A pre-filled row sent back as it was written is unchanged: shown so,
 * neither counted nor recorded as a change. */
static void
test_unchanged_rows (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *form = form_path (f, "2026-T1");
  g_autofree char *filled = fill (f, form, "filled.xlsx", "G6=s:Pågår", "H6=n:40", NULL);
  g_autoptr(SamImportReview) r = review (f, NULL, filled, NULL);

  g_assert_true (row_for (r, row_id (f, 0))->changed);
  for (guint i = 1; i < f->rows->len; i++)
    {
      SamImportRow *row = row_for (r, row_id (f, i));
      g_assert_true (row->valid);
      g_assert_false (row->changed);
      g_assert_false (row->apply);
    }
  g_assert_cmpuint (first (r)->answered, ==, f->rows->len);
  g_assert_cmpuint (first (r)->changes, ==, 1);
  g_assert_cmpuint (first (r)->unchanged, ==, f->rows->len - 1);
  apply (f, r, 1);
}

static void
test_progress_forms (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *form = form_path (f, "2026-T1");
  g_autofree char *a = fill (f, form, "a.xlsx", "H6=s:50 %", "H7=s:0,5", "H8=n:50", "H9=n:0.5", NULL);
  g_autofree char *b = fill (f, form, "b.xlsx", "H6=s:50", "H7=pct:0.5", "H8=s:mye", "H9=n:150", NULL);
  g_autoptr(SamImportReview) ra = review (f, NULL, a, NULL);
  g_autoptr(SamImportReview) rb = review (f, NULL, b, NULL);

  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (row_for (ra, row_id (f, i))->new_progress, ==, 50);
  g_assert_true (has_issue (ra, SAM_ISSUE_WARNING, "H7", "share done"));
  g_assert_true (has_issue (ra, SAM_ISSUE_WARNING, "H9", "share done"));
  g_assert_false (has_issue (ra, SAM_ISSUE_WARNING, "H6", "share done"));
  g_assert_cmpint (row_for (rb, row_id (f, 0))->new_progress, ==, 50);
  g_assert_cmpint (row_for (rb, row_id (f, 1))->new_progress, ==, 50);
  g_assert_false (has_issue (rb, SAM_ISSUE_WARNING, "H7", "share done"));
  g_assert_false (row_for (rb, row_id (f, 2))->valid);
  g_assert_true (has_issue (rb, SAM_ISSUE_ROW, "H8", "“mye” is not a progress"));
  g_assert_false (row_for (rb, row_id (f, 3))->valid);
  g_assert_true (has_issue (rb, SAM_ISSUE_ROW, "H9", "not a progress"));
}

static void
test_status_words (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *form = form_path (f, "2026-T1");
  g_autofree char *a = fill (f, form, "a.xlsx", "G6=s:PÅGÅR", "G7=s:done", "H7=n:100", "G8=s:  In Progress ",
                             "G9=s:forsinket", NULL);
  g_autofree char *b = fill (f, form, "b.xlsx", "G6=s:kanskje", "G7=s:Fullført", "H7=n:60", NULL);
  g_autoptr(SamImportReview) ra = review (f, NULL, a, NULL);
  g_autoptr(SamImportReview) rb = review (f, NULL, b, NULL);

  g_assert_cmpstr (row_for (ra, row_id (f, 0))->new_status, ==, "in_progress");
  g_assert_cmpstr (row_for (ra, row_id (f, 1))->new_status, ==, "done");
  g_assert_cmpstr (row_for (ra, row_id (f, 2))->new_status, ==, "in_progress");
  g_assert_cmpstr (row_for (ra, row_id (f, 3))->new_status, ==, "delayed");
  g_assert_false (row_for (rb, row_id (f, 0))->valid);
  g_assert_true (has_issue (rb, SAM_ISSUE_ROW, "G6", "“kanskje” is not a status"));
  /* Done below 100 % breaks the editor's rule, so the row waits. */
  g_assert_false (row_for (rb, row_id (f, 1))->valid);
  g_assert_true (has_issue (rb, SAM_ISSUE_ROW, "H7", "progress is 60"));
}

static void
test_locked_cells (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *form = form_path (f, "2026-T1");
  g_autofree char *filled = fill (f, form, "filled.xlsx", "D6=s:Noe helt annet", "G6=s:Pågår", NULL);
  g_autoptr(SamImportReview) r = review (f, NULL, filled, NULL);
  SamImportRow *row = row_for (r, row_id (f, 0));

  g_assert_true (row->locked_edited);
  g_assert_true (has_issue (r, SAM_ISSUE_WARNING, NULL, "changes are ignored"));
  g_assert_cmpstr (row->title, ==, ((SamFormRow *) f->rows->pdata[0])->title);
  g_assert_true (row->valid);
  g_assert_false (row_for (r, row_id (f, 1))->locked_edited);
}

static void
test_formula_without_result (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *form = form_path (f, "2026-T1");
  g_autofree char *filled = fill (f, form, "filled.xlsx", "G6=s:Pågår", "H6=f:=20+20", NULL);
  g_autoptr(SamImportReview) r = review (f, NULL, filled, NULL);

  g_assert_true (has_issue (r, SAM_ISSUE_ROW, "H6", "formula with no saved result"));
  g_assert_cmpint (row_for (r, row_id (f, 0))->new_progress, !=, 40);
}

static void
test_unknown_and_duplicate_ids (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *form = form_path (f, "2026-T1");
  g_autofree char *twice = g_strdup_printf ("A8=n:%" G_GINT64_FORMAT, row_id (f, 0));
  g_autofree char *filled = fill (f, form, "filled.xlsx", "A7=n:999999", twice, NULL);
  g_autoptr(SamImportReview) r = review (f, NULL, filled, NULL);

  g_assert_true (has_issue (r, SAM_ISSUE_ROW, "A7", "999999 was not on this form"));
  g_assert_true (has_issue (r, SAM_ISSUE_ROW, "A8", "appears twice"));
  g_assert_null (row_for (r, 999999));
  g_assert_cmpuint (first (r)->rows->len, ==, f->rows->len - 2);
}

static void
test_not_led (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *form = form_path (f, "2026-T1");
  g_autoptr(SamRecord) a = activity (f, row_id (f, 0));
  g_autoptr(SamRecord) hdir = sam_round_find_agency (f->store, "Hdir", NULL);
  g_autoptr(SamImportReview) r = NULL;
  g_autoptr(GError) error = NULL;

  sam_record_set_int (a, "lead_agency_id", sam_record_get_id (hdir));
  g_assert_true (sam_store_update (f->store, a, &error));
  /* One that names no lead now is its sector ministry's, not Bufdir's. */
  {
    g_autoptr(SamRecord) b = activity (f, row_id (f, 2));
    sam_record_unset (b, "lead_agency_id");
    g_assert_true (sam_store_update (f->store, b, &error));
  }
  r = review (f, NULL, form, NULL);
  g_assert_false (row_for (r, row_id (f, 0))->valid);
  g_assert_true (has_issue (r, SAM_ISSUE_ROW, NULL, "is led by Hdir, not by"));
  g_assert_true (row_for (r, row_id (f, 1))->valid);
  g_assert_false (row_for (r, row_id (f, 2))->valid);
  g_assert_true (has_issue (r, SAM_ISSUE_ROW, NULL, "is not the ministry of its sectors"));
}

static void
test_other_database (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *form = form_path (f, "2026-T1");
  g_autoptr(SamStore) other = sam_test_open_new (f->dir, "other.db");
  g_autoptr(SamImportReview) r = review (f, other, form, NULL);

  g_assert_true (first (r)->refused);
  g_assert_false (first (r)->apply);
  g_assert_true (has_issue (r, SAM_ISSUE_FILE, NULL, "written by another Samordna database"));
  apply (f, r, 0);
}

static void
test_other_period (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *written = form_path (f, "2026-T1");
  g_autofree char *form = fill (f, written, "filled.xlsx", "G6=s:Forsinket", "H6=n:20", NULL);
  g_autoptr(SamImportReview) r = NULL, as_own = NULL, as_new = NULL;
  SamImportRow *row;

  write_round (f, "2026-T2", "Bufdir");   /* the round in progress is now 2026-T2 */
  r = review (f, NULL, form, NULL);
  g_assert_false (first (r)->refused);
  g_assert_false (first (r)->apply);
  g_assert_true (has_issue (r, SAM_ISSUE_WARNING, NULL, "round in progress is for 2026-T2"));
  as_own = review (f, NULL, form, "2026-T1");
  g_assert_true (first (as_own)->apply);
  g_assert_cmpstr (first (as_own)->target_period, ==, "2026-T1");
  as_new = review (f, NULL, form, "2026-T2");
  g_assert_true (first (as_new)->apply);
  g_assert_true (has_issue (as_new, SAM_ISSUE_WARNING, NULL, "imported as 2026-T2"));
  apply (f, as_new, 1);
  row = row_for (as_new, row_id (f, 0));
  g_assert_cmpstr (sam_record_get_string (sam_store_get (f->store, SAM_KIND_REPORTING_PERIOD, row->period_id, NULL),
                                          "code"), ==, "2026-T2");
}

static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *form = form_path (f, "2026-T1");
  g_autofree char *filled = fill (f, form, "filled.xlsx", "G6=s:Pågår", "H6=n:40", NULL);
  g_autoptr(SamImportReview) r = NULL;
  g_autoptr(SamRecord) a = NULL;
  g_autoptr(GError) error = NULL;
  SamStatusEntry entry = { row_id (f, 0), 0, "delayed", 30, "Venter på midler" };
  SamImportRow *row;

  entry.period_id = sam_round_period_for (f->store, "2026-T1", ((SamFormRow *) f->rows->pdata[0])->plan_id, &error);
  g_assert_true (sam_status_record (f->store, &entry, &error));
  g_assert_no_error (error);
  r = review (f, NULL, filled, NULL);
  row = row_for (r, row_id (f, 0));
  g_assert_true (row->conflict);
  g_assert_false (row->apply);
  g_assert_cmpstr (row->old_status, ==, "delayed");
  g_assert_true (has_issue (r, SAM_ISSUE_WARNING, NULL, "“Delayed, 30 %”"));
  g_assert_true (has_issue (r, SAM_ISSUE_WARNING, NULL, "the form says “In progress, 40 %”"));
  g_assert_false (has_issue (r, SAM_ISSUE_WARNING, NULL, "(reported 20"));
  apply (f, r, first (r)->changes);
  a = activity (f, row_id (f, 0));
  g_assert_cmpstr (sam_record_get_string (a, "status"), ==, "delayed");
}

/* A conflict can be settled in favour of the form, row by row. */
static void
test_conflict_take_form (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *form = form_path (f, "2026-T1");
  g_autofree char *filled = fill (f, form, "filled.xlsx", "G6=s:Pågår", "H6=n:40", NULL);
  g_autoptr(SamImportReview) r = NULL;
  g_autoptr(SamRecord) a = NULL;
  SamImportRow *row;

  record (f, 0, "2026-T1", "delayed", 30, "Venter på midler");
  r = review (f, NULL, filled, NULL);
  row = row_for (r, row_id (f, 0));
  g_assert_true (row->conflict);
  g_assert_cmpuint (first (r)->changes, ==, 0);
  g_assert_false (first (r)->apply);
  sam_import_file_choose (first (r), row, TRUE);
  g_assert_true (row->apply);
  g_assert_cmpuint (first (r)->changes, ==, 1);
  g_assert_true (first (r)->apply);
  apply (f, r, 1);
  a = activity (f, row_id (f, 0));
  g_assert_cmpstr (sam_record_get_string (a, "status"), ==, "in_progress");
  g_assert_cmpint (sam_record_get_int (a, "progress"), ==, 40);
}

/* samordna import: exit status 1 whenever something was left out or
 * refused, as its --help says; --take-form settles conflicts for the
 * form. */
static void
test_import_cli (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "plan.db", NULL);
  g_autofree char *form = form_path (f, "2026-T1");
  g_autofree char *filled = fill (f, form, "filled.xlsx", "G6=s:Pågår", "H6=n:40", "G7=s:Forsinket", NULL);
  g_autoptr(SamRecord) a = NULL;
  g_auto(SamTestRun) run = { 0 };

  sam_test_run_samordna (&run, (const char *[]) { "import", "--help", NULL });
  g_assert_nonnull (strstr (run.out, "--take-form"));
  g_assert_nonnull (strstr (run.out, "1 when"));
  sam_test_run_clear (&run);

  record (f, 0, "2026-T1", "delayed", 30, NULL);
  sam_test_run_samordna (&run, (const char *[]) { "import", "--database", db, "--dry-run", filled, NULL });
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 1);
  g_assert_nonnull (strstr (run.out, "conflict, Samordna’s kept"));
  sam_test_run_clear (&run);
  sam_test_run_samordna (&run, (const char *[]) { "import", "--database", db, filled, NULL });
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 1);
  a = activity (f, row_id (f, 0));
  g_assert_cmpstr (sam_record_get_string (a, "status"), ==, "delayed");
  g_clear_object (&a);
  sam_test_run_clear (&run);
  sam_test_run_samordna (&run, (const char *[]) { "import", "--database", db, "--take-form", filled, NULL });
  g_test_message ("%s%s", run.out, run.err);
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 0);
  g_assert_nonnull (strstr (run.out, "conflict, the form’s taken"));
  a = activity (f, row_id (f, 0));
  g_assert_cmpstr (sam_record_get_string (a, "status"), ==, "in_progress");
  sam_test_run_clear (&run);

  /* A form of another period than the round in progress is left out. */
  write_round (f, "2026-T2", "Bufdir");
  g_free (filled);
  filled = fill (f, form, "other.xlsx", "G8=s:Fullført", "H8=n:100", NULL);
  sam_test_run_samordna (&run, (const char *[]) { "import", "--database", db, "--dry-run", filled, NULL });
  g_assert_cmpint (sam_test_run_exit_code (&run), ==, 1);
  g_assert_nonnull (strstr (run.out, "not applied"));
}

static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *form = form_path (f, "2026-T1");
  g_autofree char *text = g_build_filename (f->dir, "notes.xlsx", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.xlsx", NULL);
  struct { char *path; const char *message; } cases[] = {
    { g_strdup (text), "not an Excel workbook" },
    { g_strdup (empty), "not an Excel workbook" },
    { g_strdup (f->dir), "not a file" },
    { bad_file (f, "zip", NULL), "not an Excel workbook" },
    { fill (f, "--new", "plain.xlsx", NULL), "not a Samordna status form" },
    { fill (f, form, "no-hidden.xlsx", "Samordna=drop-sheet", NULL), "not a Samordna status form" },
    { fill (f, form, "no-status.xlsx", "Status=drop-sheet", NULL), "no sheet named “Status”" },
    { bad_file (f, "encrypted", NULL), "protected with a password" },
    { bad_file (f, "cut", form), "damaged or cut off" },
    { bad_file (f, "bomb", NULL), "too large" },
  };

  g_file_set_contents (text, "Status: done\n", -1, NULL);
  g_file_set_contents (empty, "", 0, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SamImportReview) r = review (f, NULL, cases[i].path, NULL);
      g_test_message ("%s", cases[i].path);
      g_assert_true (first (r)->refused);
      g_assert_false (first (r)->apply);
      g_assert_true (has_issue (r, SAM_ISSUE_FILE, NULL, cases[i].message));
      g_free (cases[i].path);
    }
}

static void
test_cell_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *form = form_path (f, "2026-T1");
  SamXlsxLimits limits = *sam_xlsx_default_limits ();
  g_autoptr(SamXlsxBook) book = NULL;
  g_autoptr(GError) error = NULL;

  limits.max_cells = 10;
  book = sam_xlsx_book_open (form, &limits, &error);
  g_assert_no_error (error);
  g_assert_false (sam_xlsx_book_read_sheet (book, sam_xlsx_book_find_sheet (book, "Status"), &error));
  g_assert_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "more than 10 cells"));
}

/* Another spreadsheet program saves the filled form: LibreOffice keeps the
 * formula's result, which is used and flagged. */
static void
test_resave (Fixture       *f,
             gconstpointer  data)
{
  gboolean libreoffice = GPOINTER_TO_INT (data);
  g_autofree char *form = form_path (f, "2026-T1");
  g_autofree char *filled = fill (f, form, "filled.xlsx", "G6=s:Pågår", "H6=f:=20+20", "I6=s:Fra «Calc»",
                                  "G7=s:Fullført", "H7=n:100", NULL);
  g_autofree char *outdir = g_build_filename (f->dir, "resaved", NULL);
  g_autofree char *resaved = g_build_filename (outdir, "filled.xlsx", NULL);
  g_autofree char *profile = g_strconcat ("-env:UserInstallation=file://", f->dir, "/profile", NULL);
  g_autoptr(SamImportReview) r = NULL;
  SamImportRow *row;

  g_mkdir (outdir, 0755);
  if (libreoffice)
    {
      const char *argv[] = { "soffice", profile, "--headless", "--convert-to", "xlsx", "--outdir", outdir, filled, NULL };
      run (argv);
    }
  else
    {
      const char *argv[] = { "ssconvert", filled, resaved, NULL };
      run (argv);
    }
  r = review (f, NULL, resaved, NULL);
  g_assert_false (first (r)->refused);
  row = row_for (r, row_id (f, 0));
  g_assert_cmpstr (row->new_status, ==, "in_progress");
  g_assert_cmpint (row->new_progress, ==, 40);
  g_assert_cmpstr (row->new_comment, ==, "Fra «Calc»");
  g_assert_true (has_issue (r, SAM_ISSUE_WARNING, "H6", "saved result “40” was used"));
  g_assert_cmpstr (row_for (r, row_id (f, 1))->new_status, ==, "done");
  g_assert_false (row->locked_edited);
  apply (f, r, first (r)->changes);
}

static void
test_status_record_rules (Fixture       *f,
                          gconstpointer  data)
{
  gint64 id = row_id (f, 0);
  gint64 period = sam_round_period_for (f->store, "2026-T1", ((SamFormRow *) f->rows->pdata[0])->plan_id, NULL);
  const SamStatusEntry bad[] = {
    { id, period, "maybe", 10 },
    { id, period, "in_progress", 120 },
    { id, period, "done", 90 },
    { id, 0, "planned", 0 },
    { 999999, period, "planned", 0 },
  };
  gint64 before = sam_store_count (f->store, SAM_KIND_STATUS_UPDATE);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (sam_status_record (f->store, &bad[i], &error));
      g_assert_nonnull (error);
    }
  g_assert_cmpint (sam_store_count (f->store, SAM_KIND_STATUS_UPDATE), ==, before);
}

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/forms/write/identified-twice", test_write_identified_twice, NULL);
  ADD ("/forms/write/refuses", test_write_refuses, NULL);
  ADD ("/forms/write/prefill-as-at-period", test_write_prefill_as_at_period, NULL);
  ADD ("/forms/write/again", test_write_again, NULL);
  ADD ("/forms/write/disk-full", test_write_disk_full, NULL);
  ADD ("/forms/write/sector-responsibility", test_sector_responsibility, NULL);
  ADD ("/forms/write/absolute-paths", test_write_absolute_paths, NULL);
  ADD ("/forms/write/past-deadline", test_write_past_deadline, NULL);
  ADD ("/forms/write/cli", test_write_cli, NULL);
  ADD ("/forms/import/round-trip", test_round_trip, NULL);
  ADD ("/forms/import/twice", test_twice, NULL);
  ADD ("/forms/import/progress-forms", test_progress_forms, NULL);
  ADD ("/forms/import/empty-progress", test_empty_progress, NULL);
  ADD ("/forms/import/unchanged-rows", test_unchanged_rows, NULL);
  ADD ("/forms/import/status-words", test_status_words, NULL);
  ADD ("/forms/import/locked-cells", test_locked_cells, NULL);
  ADD ("/forms/import/formula-without-result", test_formula_without_result, NULL);
  ADD ("/forms/import/unknown-and-duplicate-ids", test_unknown_and_duplicate_ids, NULL);
  ADD ("/forms/import/not-led", test_not_led, NULL);
  ADD ("/forms/import/other-database", test_other_database, NULL);
  ADD ("/forms/import/other-period", test_other_period, NULL);
  ADD ("/forms/import/conflict", test_conflict, NULL);
  ADD ("/forms/import/conflict-take-form", test_conflict_take_form, NULL);
  ADD ("/forms/import/cli", test_import_cli, NULL);
  ADD ("/forms/import/bad-files", test_bad_files, NULL);
  ADD ("/forms/import/cell-limit", test_cell_limit, NULL);
  ADD ("/forms/import/status-record-rules", test_status_record_rules, NULL);
  ADD ("/forms/resave/gnumeric", test_resave, GINT_TO_POINTER (FALSE));
  ADD ("/forms/resave/libreoffice", test_resave, GINT_TO_POINTER (TRUE));
  return g_test_run ();
}
