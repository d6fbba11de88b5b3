/* Tests of the relay that hands a long list's rows from the thread reading
 * them to the thread writing the sheet: every row arrives once, in order,
 * with its own copy of its strings; a reader's failure reaches the writer
 * after the rows before it; a writer that stops lets a waiting reader go.
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "report/sam-row-relay.h"

typedef struct
{
  gint64      number;
  const char *name;
  const char *note;     /* NULL on every third row */
} Row;

static const gsize row_texts[] = { G_STRUCT_OFFSET (Row, name), G_STRUCT_OFFSET (Row, note) };

typedef struct
{
  SamRowRelay *relay;
  guint        n_rows;
  guint        fail_after;   /* 0: never */
  GThread     *thread;
  gboolean     push_failed;  /* push returned FALSE */
  GError      *push_error;
  guint        pushed;
} Reader;

/* Pushes rows whose strings live in one buffer the reader overwrites for
 * every row, as SQLite's do. */
static gpointer
reader_thread (gpointer data)
{
  Reader *reader = data;
  char name[64], note[64];
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < reader->n_rows; i++)
    {
      Row row = { i, name, i % 3 == 2 ? NULL : note };

      if (reader->fail_after > 0 && i == reader->fail_after)
        {
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "disk I/O error after %u rows", i);
          break;
        }
      g_snprintf (name, sizeof name, "Aktivitet %u", i);
      g_snprintf (note, sizeof note, "Merknad %u med æøå", i * 7);
      if (!sam_row_relay_push (reader->relay, &row, &reader->push_error))
        {
          reader->push_failed = TRUE;
          break;
        }
      reader->pushed++;
    }
  sam_row_relay_finish (reader->relay, error);
  return NULL;
}

static void
check_row (const Row *row,
           guint      i)
{
  g_autofree char *name = g_strdup_printf ("Aktivitet %u", i);
  g_autofree char *note = g_strdup_printf ("Merknad %u med æøå", i * 7);

  g_assert_cmpint (row->number, ==, i);
  g_assert_cmpstr (row->name, ==, name);
  if (i % 3 == 2)
    g_assert_null (row->note);
  else
    g_assert_cmpstr (row->note, ==, note);
}

/* Starts a reader of @n_rows rows that fails at row @fail_after (0: never). */
static void
reader_start (Reader *reader,
              guint   n_rows,
              guint   fail_after)
{
  *reader = (Reader) { sam_row_relay_new (sizeof (Row), row_texts, G_N_ELEMENTS (row_texts)), n_rows, fail_after };
  reader->thread = g_thread_new ("reader", reader_thread, reader);
}

static void
reader_finish (Reader *reader)
{
  g_clear_pointer (&reader->thread, g_thread_join);
  sam_row_relay_free (reader->relay);
  g_clear_error (&reader->push_error);
}

/* Takes every row, checking each, pausing a millisecond every
 * @pause_every rows (0: never), as a slow writer would; returns how many. */
static guint
take_rows (SamRowRelay  *relay,
           guint         pause_every,
           GError      **error)
{
  const Row *row;
  guint n = 0;

  while ((row = sam_row_relay_next (relay, error)))
    {
      check_row (row, n++);
      if (pause_every > 0 && n % pause_every == 0)
        g_usleep (1000);
    }
  return n;
}

/* Many batches' worth: each row once, in order, strings intact although
 * the reader overwrote its own long before the writer got to them, and
 * waited for room while the writer was slow. */
static void
test_all_rows (void)
{
  g_autoptr(GError) error = NULL;
  Reader reader;

  reader_start (&reader, 10000, 0);
  g_assert_cmpuint (take_rows (reader.relay, 1000, &error), ==, 10000);
  g_assert_no_error (error);
  g_assert_false (reader.push_failed);
  /* After the end it stays at the end. */
  g_assert_null (sam_row_relay_next (reader.relay, &error));
  g_assert_no_error (error);
  reader_finish (&reader);
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  Reader reader;

  reader_start (&reader, 0, 0);
  g_assert_cmpuint (take_rows (reader.relay, 0, &error), ==, 0);
  g_assert_no_error (error);
  reader_finish (&reader);
}

/* The reader fails after 700 rows: the writer gets those 700, then the
 * reader's error, not an early or a silent end. */
static void
test_reader_fails (void)
{
  g_autoptr(GError) error = NULL;
  Reader reader;

  reader_start (&reader, 10000, 700);
  g_assert_cmpuint (take_rows (reader.relay, 0, &error), ==, 700);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "after 700 rows"));
  reader_finish (&reader);
}

/* The writer stops after 10 rows (its sheet failed or was cancelled): the
 * reader, waiting for room, is let go with G_IO_ERROR_CANCELLED instead of
 * waiting for ever, having pushed no more than the relay holds. */
static void
test_writer_stops (void)
{
  g_autoptr(GError) error = NULL;
  Reader reader;

  reader_start (&reader, 1000000, 0);
  for (guint i = 0; i < 10; i++)
    check_row (sam_row_relay_next (reader.relay, &error), i);
  g_usleep (20000);   /* let the reader fill every batch and wait */
  sam_row_relay_stop (reader.relay);
  g_clear_pointer (&reader.thread, g_thread_join);
  g_assert_true (reader.push_failed);
  g_assert_error (reader.push_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (reader.pushed, <, 10000);
  reader_finish (&reader);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/relay/all-rows", test_all_rows);
  g_test_add_func ("/report/relay/empty", test_empty);
  g_test_add_func ("/report/relay/reader-fails", test_reader_fails);
  g_test_add_func ("/report/relay/writer-stops", test_writer_stops);
  return g_test_run ();
}
