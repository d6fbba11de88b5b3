/* Opening files: a new file gets the default plan; every file that cannot
 * be used gets a message that says what to do, and is left as it was. */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sam-test-util.h"

static void
test_creates_default (void)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "ny.db", NULL);
  g_autoptr(SamStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  store = sam_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sam_store_get_schema_version (store), ==, SAM_SCHEMA_VERSION);
  g_assert_cmpint (sam_store_count (store, SAM_KIND_MEASURE), ==, 4);
  g_clear_object (&store);

  /* Nothing but the database is left behind once it is closed. */
  names = sam_test_list_dir (dir);
  g_assert_cmpstr (names[0], ==, "ny.db");
  g_assert_null (names[1]);

  /* Opening it again keeps what is there rather than seeding twice. */
  store = sam_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sam_store_count (store, SAM_KIND_MEASURE), ==, 4);
  g_clear_object (&store);
  sam_test_remove_dir (dir);
}

typedef void (*MakeFunc) (const char *dir, const char *path);

typedef struct
{
  const char    *name;
  MakeFunc       make;
  SamStoreError  code;
  const char    *says;      /* part of the message that says what is wrong */
  const char    *advice;    /* part of the message that says what to do */
} BadCase;

static void
write_bytes (const char *path,
             const char *data,
             gssize      len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

static void
make_good (const char *dir,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) store = sam_store_open (path, &error);

  g_assert_no_error (error);
}

static void
make_text (const char *dir,
           const char *path)
{
  write_bytes (path, "Aktivitet;Ansvarlig\nSeminar;Bufdir\n", -1);
}

static void
make_empty (const char *dir,
            const char *path)
{
  write_bytes (path, "", 0);
}

static void
make_truncated (const char *dir,
                const char *path)
{
  g_autoptr(GBytes) bytes = NULL;

  make_good (dir, path);
  bytes = sam_test_read_file (path);
  write_bytes (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes) / 2);
}

static void
make_corrupt (const char *dir,
              const char *path)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree guint8 *data = NULL;
  gsize size;

  make_good (dir, path);
  bytes = sam_test_read_file (path);
  size = g_bytes_get_size (bytes);
  data = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
  /* Keep the header page, scramble the pages behind it. */
  for (gsize i = 4096; i < size; i++)
    data[i] = (guint8) (i * 31 + 7);
  write_bytes (path, (const char *) data, size);
}

static void
make_newer (const char *dir,
            const char *path)
{
  make_good (dir, path);
  sam_test_sql (path, "PRAGMA user_version = 99");
}

static void
make_other_sqlite (const char *dir,
                   const char *path)
{
  sam_test_sql (path, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Kari')");
}

static void
make_read_only (const char *dir,
                const char *path)
{
  make_good (dir, path);
  g_chmod (path, 0444);
}

static void
make_read_only_folder (const char *dir,
                       const char *path)
{
  make_good (dir, path);
  g_chmod (dir, 0555);
}

static void
make_folder (const char *dir,
             const char *path)
{
  g_mkdir (path, 0700);
}

static const BadCase bad_cases[] = {
  { "not-sqlite", make_text, SAM_STORE_ERROR_NOT_SQLITE, "is not a Samordna database", "Choose another file" },
  { "empty", make_empty, SAM_STORE_ERROR_EMPTY, "is an empty file", "Choose another file" },
  { "truncated", make_truncated, SAM_STORE_ERROR_CORRUPT, "is damaged", "Restore it from a backup" },
  { "corrupt", make_corrupt, SAM_STORE_ERROR_CORRUPT, "is damaged", "Restore it from a backup" },
  { "newer", make_newer, SAM_STORE_ERROR_NEWER, "written by a newer version of Samordna (database version 99", "Update Samordna" },
  { "other-program", make_other_sqlite, SAM_STORE_ERROR_NOT_SAMORDNA, "an SQLite database of another program", "Choose another file" },
  { "read-only-file", make_read_only, SAM_STORE_ERROR_READ_ONLY, "is read-only", "Make it writable" },
  { "read-only-folder", make_read_only_folder, SAM_STORE_ERROR_READ_ONLY, "cannot be written to", "Make the folder writable" },
  { "a-folder", make_folder, SAM_STORE_ERROR_NOT_A_FILE, "is a folder", "Choose a file" },
};

static void
test_bad_file (gconstpointer data)
{
  const BadCase *c = data;
  g_autofree char *dir = sam_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "plan.db", NULL);
  g_autoptr(GBytes) before = NULL, after = NULL;
  g_auto(GStrv) names_before = NULL, names_after = NULL;
  g_autoptr(SamStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean is_file;

  c->make (dir, path);
  is_file = g_file_test (path, G_FILE_TEST_IS_REGULAR);
  if (is_file)
    before = sam_test_read_file (path);
  names_before = sam_test_list_dir (dir);

  store = sam_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, SAM_STORE_ERROR, (int) c->code);
  g_test_message ("%s: %s", c->name, error->message);
  g_assert_nonnull (strstr (error->message, c->says));
  g_assert_nonnull (strstr (error->message, c->advice));
  g_assert_nonnull (strstr (error->message, c->code == SAM_STORE_ERROR_READ_ONLY && strstr (c->name, "folder") ? dir : path));

  /* Byte for byte as it was, and nothing added beside it. */
  if (is_file)
    {
      after = sam_test_read_file (path);
      g_assert_true (g_bytes_equal (before, after));
    }
  names_after = sam_test_list_dir (dir);
  g_assert_cmpstrv (names_before, names_after);
  sam_test_remove_dir (dir);
}

static void
test_no_folder (void)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autofree char *missing = g_build_filename (dir, "finnes-ikke", NULL);
  g_autofree char *path = g_build_filename (missing, "plan.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) store = sam_store_open (path, &error);

  g_assert_null (store);
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NO_FOLDER);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_nonnull (strstr (error->message, "does not exist. Create it first"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  sam_test_remove_dir (dir);
}

/* A server's address opens a database on that server: where none
 * answers, the error says so, and nothing is made on disk, not even a
 * file named like the address in the folder Samordna runs in. */
static void
test_server_unreachable (void)
{
  const char *addresses[] = {
    "postgresql://localhost/samordna",
    "POSTGRES://localhost:1/plan?sslmode=disable",
    "host=localhost dbname=samordna",
    "  dbname = samordna user=secretariat",
    "service=samordna",
  };
  g_autofree char *dir = sam_test_make_dir ();
  g_autofree char *before = g_get_current_dir ();
  g_auto(GStrv) names = NULL;

  g_assert_cmpint (g_chdir (dir), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SamStore) store = sam_store_open (addresses[i], &error);

      g_test_message ("%s", addresses[i]);
      g_assert_null (store);
      g_test_message ("%s", error->message);
      g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_UNREACHABLE);
      g_assert_nonnull (strstr (error->message, "Check the address, that the server is running"));
    }
  names = sam_test_list_dir (dir);
  g_assert_null (names[0]);
  g_assert_cmpint (g_chdir (before), ==, 0);
  sam_test_remove_dir (dir);
}

/* A file whose name holds "=" or "://" is still a file. */
static void
test_file_named_like_an_address (void)
{
  const char *files[] = { "notes=2026.db", "dbname", "plan://copy.db", "Host=x.db" };
  g_autofree char *dir = sam_test_make_dir ();
  g_autofree char *sub = g_build_filename (dir, "plan:", NULL);

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      /* "plan://copy.db" is the file copy.db in the folder "plan:". */
      g_autofree char *path = g_strconcat (dir, "/", files[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(SamStore) store = sam_store_open (path, &error);

      g_assert_no_error (error);
      g_assert_cmpint (sam_store_count (store, SAM_KIND_MEASURE), ==, 4);
    }
  sam_test_remove_dir (dir);
}

/* Another process holds the write lock for as long as the pipe is open. */
static void
test_locked (void)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "plan.db", NULL);
  g_autoptr(GBytes) before = NULL, after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) store = NULL;
  int ready[2], release[2];
  pid_t child;
  char byte = 0;

  make_good (dir, path);
  before = sam_test_read_file (path);
  g_assert_cmpint (pipe (ready), ==, 0);
  g_assert_cmpint (pipe (release), ==, 0);
  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      sqlite3 *db = NULL;
      if (sqlite3_open (path, &db) != SQLITE_OK
          || sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL) != SQLITE_OK)
        _exit (1);
      if (write (ready[1], &byte, 1) != 1 || read (release[0], &byte, 1) < 0)
        _exit (1);
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close (db);
      _exit (0);
    }
  g_assert_cmpint (read (ready[0], &byte, 1), ==, 1);

  store = sam_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "is in use by another program. Close the other program"));

  g_assert_cmpint (write (release[1], &byte, 1), ==, 1);
  waitpid (child, NULL, 0);
  after = sam_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));

  /* Once the other program lets go, the same file opens. */
  g_clear_error (&error);
  store = sam_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  sam_test_remove_dir (dir);
}

static void
got_result_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static void
test_open_async (void)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "plan.db", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SamStore) store = NULL;
  g_autoptr(GError) error = NULL;

  make_empty (dir, path);
  sam_store_open_async (path, SAM_STORE_OPEN_NONE, NULL, got_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  store = sam_store_open_finish (result, &error);
  g_assert_null (store);
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_EMPTY);
  sam_test_remove_dir (dir);
}

/* With the check left for later, a damaged database still opens at once,
 * and the check that follows reports the damage without writing. */
static void
test_check_later (void)
{
  g_autofree char *dir = sam_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "plan.db", NULL);
  g_autoptr(GAsyncResult) opened = NULL, checked = NULL;
  g_autoptr(SamStore) store = NULL, good = NULL;
  g_autoptr(GBytes) before = NULL, after = NULL;
  g_autoptr(GError) error = NULL;

  sam_test_make_damaged (path);
  before = sam_test_read_file (path);
  sam_store_open_async (path, SAM_STORE_OPEN_CHECK_LATER, NULL, got_result_cb, &opened);
  while (opened == NULL)
    g_main_context_iteration (NULL, TRUE);
  store = sam_store_open_finish (opened, &error);
  g_assert_no_error (error);

  sam_store_check_async (store, NULL, got_result_cb, &checked);
  while (checked == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sam_store_check_finish (checked, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "Restore it from a backup"));
  g_clear_object (&store);
  after = sam_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));

  /* A sound file passes the same check. */
  g_clear_error (&error);
  g_clear_object (&checked);
  good = sam_test_open_new (dir, "good.db");
  sam_store_check_async (good, NULL, got_result_cb, &checked);
  while (checked == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (sam_store_check_finish (checked, &error));
  g_assert_no_error (error);
  g_clear_object (&good);
  sam_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/open/creates-default", test_creates_default);
  g_test_add_func ("/store/open/no-folder", test_no_folder);
  g_test_add_func ("/store/open/locked", test_locked);
  g_test_add_func ("/store/open/server-unreachable", test_server_unreachable);
  g_test_add_func ("/store/open/file-named-like-an-address", test_file_named_like_an_address);
  g_test_add_func ("/store/open/async", test_open_async);
  g_test_add_func ("/store/open/check-later", test_check_later);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/store/open/bad/%s", bad_cases[i].name);
      g_test_add_data_func (name, &bad_cases[i], test_bad_file);
    }
  return g_test_run ();
}
