#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "sam-row-relay.h"

/* The batches form a ring: the full ones from head on, the one being
 * filled after them. A batch of 256 activity rows holds about 200 KB. */
#define N_BATCHES  4
#define BATCH_ROWS 256

typedef struct
{
  guint8       *rows;
  guint         n_rows;
  GStringChunk *texts;
} Batch;

struct _SamRowRelay
{
  gsize         row_size;
  const gsize  *text_offsets;   /* of the rows' string pointers */
  guint         n_texts;
  Batch         batches[N_BATCHES];

  GMutex        lock;           /* guards what follows */
  GCond         cond;
  guint         head;           /* the first full batch */
  guint         full;           /* full batches, from head on */
  gboolean      finished;       /* the reader has pushed its last row */
  gboolean      stopped;        /* the writer takes no more */
  GError       *error;          /* why the reader finished early, or NULL */

  /* the reader's own */
  Batch        *filling;        /* or NULL between batches */

  /* the writer's own */
  gboolean      taking;         /* rows of batches[head] are being taken */
  guint         taken;
};

/* A relay for rows of @row_size bytes whose strings (const char *, or
 * NULL) lie at @text_offsets, which must outlive it. */
SamRowRelay *
sam_row_relay_new (gsize        row_size,
                   const gsize *text_offsets,
                   guint        n_texts)
{
  SamRowRelay *relay = g_new0 (SamRowRelay, 1);

  relay->row_size = row_size;
  relay->text_offsets = text_offsets;
  relay->n_texts = n_texts;
  for (guint i = 0; i < N_BATCHES; i++)
    {
      relay->batches[i].rows = g_malloc (row_size * BATCH_ROWS);
      relay->batches[i].texts = g_string_chunk_new (64 * 1024);
    }
  g_mutex_init (&relay->lock);
  g_cond_init (&relay->cond);
  return relay;
}

/* Frees @relay once neither thread uses it any more. */
void
sam_row_relay_free (SamRowRelay *relay)
{
  if (relay == NULL)
    return;
  for (guint i = 0; i < N_BATCHES; i++)
    {
      g_free (relay->batches[i].rows);
      g_string_chunk_free (relay->batches[i].texts);
    }
  g_clear_error (&relay->error);
  g_mutex_clear (&relay->lock);
  g_cond_clear (&relay->cond);
  g_free (relay);
}

/* Hands the batch being filled to the writer. */
static void
publish (SamRowRelay *relay)
{
  g_mutex_lock (&relay->lock);
  relay->full++;
  relay->filling = NULL;
  g_cond_broadcast (&relay->cond);
  g_mutex_unlock (&relay->lock);
}

/* Reader: copies @row and its strings into the relay, waiting while every
 * batch is full. Returns FALSE with G_IO_ERROR_CANCELLED when the writer
 * has stopped taking rows: the reader should stop and finish. */
gboolean
sam_row_relay_push (SamRowRelay    *relay,
                    gconstpointer   row,
                    GError        **error)
{
  Batch *batch = relay->filling;
  guint8 *copy;

  if (batch == NULL)
    {
      gboolean stopped;

      g_mutex_lock (&relay->lock);
      while (relay->full == N_BATCHES && !relay->stopped)
        g_cond_wait (&relay->cond, &relay->lock);
      stopped = relay->stopped;
      batch = &relay->batches[(relay->head + relay->full) % N_BATCHES];
      g_mutex_unlock (&relay->lock);
      if (stopped)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The report was stopped."));
          return FALSE;
        }
      batch->n_rows = 0;
      g_string_chunk_clear (batch->texts);
      relay->filling = batch;
    }
  copy = batch->rows + batch->n_rows * relay->row_size;
  memcpy (copy, row, relay->row_size);
  for (guint i = 0; i < relay->n_texts; i++)
    {
      const char **text = (const char **) (gpointer) (copy + relay->text_offsets[i]);

      if (*text != NULL)
        *text = g_string_chunk_insert (batch->texts, *text);
    }
  if (++batch->n_rows == BATCH_ROWS)
    publish (relay);
  return TRUE;
}

/* Reader: there are no more rows; with @error, because reading failed,
 * which the writer then gets after the rows pushed before. Only the first
 * call counts. */
void
sam_row_relay_finish (SamRowRelay  *relay,
                      const GError *error)
{
  if (relay->filling != NULL && relay->filling->n_rows > 0)
    publish (relay);
  relay->filling = NULL;
  g_mutex_lock (&relay->lock);
  if (!relay->finished)
    {
      relay->finished = TRUE;
      relay->error = error ? g_error_copy (error) : NULL;
    }
  g_cond_broadcast (&relay->cond);
  g_mutex_unlock (&relay->lock);
}

/* Writer: returns the next row, waiting for the reader when none is ready,
 * or NULL after the last, with the reader's error if it failed. The row
 * and its strings stay valid until the next call. */
gconstpointer
sam_row_relay_next (SamRowRelay  *relay,
                    GError      **error)
{
  Batch *batch = &relay->batches[relay->head];

  if (relay->taking && relay->taken < batch->n_rows)
    return batch->rows + relay->taken++ * relay->row_size;
  g_mutex_lock (&relay->lock);
  if (relay->taking)
    {
      relay->taking = FALSE;
      relay->head = (relay->head + 1) % N_BATCHES;
      relay->full--;
      g_cond_broadcast (&relay->cond);
    }
  while (relay->full == 0 && !relay->finished)
    g_cond_wait (&relay->cond, &relay->lock);
  if (relay->full == 0)
    {
      if (relay->error)
        g_propagate_error (error, g_error_copy (relay->error));
      g_mutex_unlock (&relay->lock);
      return NULL;
    }
  relay->taking = TRUE;
  relay->taken = 1;
  batch = &relay->batches[relay->head];
  g_mutex_unlock (&relay->lock);
  return batch->rows;
}

/* Writer: takes no more rows; a reader waiting for room stops. */
void
sam_row_relay_stop (SamRowRelay *relay)
{
  g_mutex_lock (&relay->lock);
  relay->stopped = TRUE;
  g_cond_broadcast (&relay->cond);
  g_mutex_unlock (&relay->lock);
}
