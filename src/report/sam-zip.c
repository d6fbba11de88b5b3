#define _GNU_SOURCE   /* sched_getaffinity() */
#define G_LOG_DOMAIN "sam-zip"

#include "config.h"

#include <errno.h>
#include <sched.h>
#include <string.h>
#include <zlib.h>

#include "sam-xlsxwriter-private.h"

/* Compressing a workbook on every core.
 *
 * libxlsxwriter writes each part of a workbook to a temporary file and
 * only compresses them, one after another through minizip, when the
 * workbook is closed. At 100,000 activities that is 1.8 s on the report's
 * thread alone, after every sheet is written, while the other cores have
 * nothing left to do (bench/RESULTS.md).
 *
 * So Samordna's executables define the three minizip functions
 * libxlsxwriter compresses a part with (meson exports them; see
 * src/meson.build), and libxlsxwriter, loaded later, calls these instead.
 * They cut each part into blocks of BLOCK bytes and have a pool of
 * threads deflate them at once, as pigz does: each block on its own with
 * the 32 KiB before it as its dictionary, ended with a sync flush so that
 * the blocks make one deflate stream, the last with the stream's end. The
 * blocks are written in order into the part, which minizip opened for raw
 * data, and the part is closed with the CRC and size of what was written
 * into it. The compression level is the one libxlsxwriter asks for; the
 * file comes out 0.2 % larger (each block starts its own deflate blocks).
 *
 * Anything else (a part stored or encrypted, one core) goes to minizip's
 * own functions as it came, which sam_lxw holds from libxlsxwriter's own
 * dependencies. Only the thread that writes a workbook calls these for
 * its zip file, as libxlsxwriter does.
 *
 * Every XML part must also end as it began: libxlsxwriter writes each
 * part to a temporary file first without looking whether the writes
 * failed, so on a full disk a sheet came out cut off, and the report was
 * kept. A part whose root element is not closed at its end fails to close
 * here, and the workbook with it; so does a sheet whose rows, which
 * libxlsxwriter copies into the part from a temporary file of their own,
 * stop in the middle of a row. (Rows cut off exactly at the end of one,
 * where the disk had room again for the rest of the part, would pass.) */

#define BLOCK      (128 * 1024)
#define DICTIONARY (32 * 1024)
#define HEAD       512    /* bytes of a part kept, for its root element's name */
#define TAIL       4096   /* and at its end, for the element's end and a sheet's last row */

typedef struct _Stream Stream;

typedef struct
{
  Stream  *stream;
  guint8  *in;          /* the dictionary, then the block */
  gsize    dictionary;  /* bytes of dictionary in @in */
  gsize    length;      /* bytes of the block after it */
  gboolean last;
  guint8  *out;
  gsize    out_length;
  uLong    crc;         /* of the block */
  int      status;      /* Z_OK once deflated */
  gboolean done;
} Job;

struct _Stream
{
  zipFile   file;
  gboolean  parallel;   /* else minizip deflates it as it comes */
  gboolean  xml;        /* a part that must end as it began */
  guint8    head[HEAD], tail[TAIL];
  gsize     head_length, tail_length;
  int       level, window_bits, mem_level, strategy;
  Job      *filling;    /* the block being filled, or NULL */
  GQueue    jobs;       /* handed to the pool, in order */
  GMutex    lock;
  GCond     done_cond;
  ZPOS64_T  size;       /* of the blocks written */
  uLong     crc;        /* of the blocks written */
  guint     blocks;
  int       error;      /* the first ZIP_ error, or ZIP_OK */
};

static GMutex streams_lock;
static GHashTable *streams;   /* zipFile → Stream, for the parts being written */
static GThreadPool *pool;
static guint n_threads;

/* A thread's deflate stream, made once with the parts' parameters, which
 * libxlsxwriter keeps the same for every part. */
typedef struct
{
  z_stream z;
  int      level, window_bits, mem_level, strategy;
} Deflater;

static void
deflater_free (gpointer data)
{
  Deflater *d = data;

  deflateEnd (&d->z);
  g_free (d);
}

static GPrivate deflater = G_PRIVATE_INIT (deflater_free);

/* Deflates @job on the calling thread, and takes its CRC. */
static void
deflate_job (Job *job)
{
  Stream *stream = job->stream;
  Deflater *d = g_private_get (&deflater);
  gsize size;

  if (d && (d->level != stream->level || d->window_bits != stream->window_bits
            || d->mem_level != stream->mem_level || d->strategy != stream->strategy))
    g_private_replace (&deflater, (d = NULL));
  if (d == NULL)
    {
      d = g_new0 (Deflater, 1);
      *d = (Deflater) { .level = stream->level, .window_bits = stream->window_bits,
                        .mem_level = stream->mem_level, .strategy = stream->strategy };
      if ((job->status = deflateInit2 (&d->z, d->level, Z_DEFLATED, d->window_bits, d->mem_level, d->strategy)) != Z_OK)
        {
          g_free (d);
          return;
        }
      g_private_set (&deflater, d);
    }
  else if ((job->status = deflateReset (&d->z)) != Z_OK)
    return;

  if (job->dictionary && (job->status = deflateSetDictionary (&d->z, job->in, (uInt) job->dictionary)) != Z_OK)
    return;
  size = deflateBound (&d->z, (uLong) job->length) + 16;
  job->out = g_malloc (size);
  d->z.next_in = job->in + job->dictionary;
  d->z.avail_in = (uInt) job->length;
  d->z.next_out = job->out;
  d->z.avail_out = (uInt) size;
  /* A sync flush may want a few bytes more than the bound. */
  while ((job->status = deflate (&d->z, job->last ? Z_FINISH : Z_SYNC_FLUSH)) == Z_OK && d->z.avail_out == 0)
    {
      job->out = g_realloc (job->out, size * 2);
      d->z.next_out = job->out + size;
      d->z.avail_out = (uInt) size;
      size *= 2;
    }
  if (job->status == Z_STREAM_END)
    job->status = Z_OK;
  job->out_length = size - d->z.avail_out;
  job->crc = crc32 (0, job->in + job->dictionary, (uInt) job->length);
}

static void
pool_cb (gpointer data,
         gpointer user_data)
{
  Job *job = data;

  deflate_job (job);
  g_mutex_lock (&job->stream->lock);
  job->done = TRUE;
  g_cond_broadcast (&job->stream->done_cond);
  g_mutex_unlock (&job->stream->lock);
}

static void
job_free (Job *job)
{
  g_free (job->in);
  g_free (job->out);
  g_free (job);
}

/* A job for the block after @before (NULL: the first), with the end of
 * @before as its dictionary; @before may be deflating meanwhile. */
static Job *
job_new (Stream    *stream,
         const Job *before)
{
  Job *job = g_new0 (Job, 1);

  job->stream = stream;
  job->in = g_malloc (DICTIONARY + BLOCK);
  if (before)
    {
      const guint8 *end = before->in + before->dictionary + before->length;

      job->dictionary = MIN (before->dictionary + before->length, DICTIONARY);
      memcpy (job->in, end - job->dictionary, job->dictionary);
    }
  return job;
}

/* Writes the deflated blocks at the head of @stream's queue into its part,
 * in order: all of them with @all, waiting for each, else those done and
 * as many more as keep no more than twice the pool's threads waiting. */
static void
drain (Stream   *stream,
       gboolean  all)
{
  for (;;)
    {
      Job *job;

      g_mutex_lock (&stream->lock);
      job = g_queue_peek_head (&stream->jobs);
      if (job == NULL || (!all && !job->done && stream->jobs.length <= 2 * n_threads))
        {
          g_mutex_unlock (&stream->lock);
          return;
        }
      while (!job->done)
        g_cond_wait (&stream->done_cond, &stream->lock);
      g_queue_pop_head (&stream->jobs);
      g_mutex_unlock (&stream->lock);

      if (stream->error == ZIP_OK && job->status != Z_OK)
        stream->error = ZIP_INTERNALERROR;
      if (stream->error == ZIP_OK)
        stream->error = sam_lxw.zipWriteInFileInZip (stream->file, job->out, (unsigned) job->out_length);
      stream->crc = crc32_combine (stream->crc, job->crc, (z_off_t) job->length);
      stream->size += job->length;
      stream->blocks++;
      job_free (job);
    }
}

/* Hands @stream's filling block to the pool, and starts the next with its
 * end as the dictionary; the last, when no other is waiting, deflates on
 * the calling thread instead (most parts are small). */
static void
submit (Stream   *stream,
        gboolean  last)
{
  Job *job = g_steal_pointer (&stream->filling);

  job->last = last;
  if (last && g_queue_is_empty (&stream->jobs))
    {
      deflate_job (job);
      job->done = TRUE;
      g_queue_push_tail (&stream->jobs, job);
      return;
    }
  if (!last)
    stream->filling = job_new (stream, job);
  g_queue_push_tail (&stream->jobs, job);
  /* Where no thread can be started, the pool has not taken the job. */
  if (!g_thread_pool_push (pool, job, NULL))
    pool_cb (job, NULL);
}

/* Keeps the first HEAD and the last TAIL bytes of @stream's part. */
static void
keep_ends (Stream       *stream,
           const guint8 *data,
           gsize         length)
{
  gsize take = MIN (length, HEAD - stream->head_length);

  memcpy (stream->head + stream->head_length, data, take);
  stream->head_length += take;
  if (length >= TAIL)
    {
      memcpy (stream->tail, data + length - TAIL, TAIL);
      stream->tail_length = TAIL;
      return;
    }
  take = MIN (stream->tail_length, TAIL - length);   /* of the tail kept */
  memmove (stream->tail, stream->tail + stream->tail_length - take, take);
  memcpy (stream->tail + take, data, length);
  stream->tail_length = take + length;
}

/* Whether the @length bytes at @text end with @end. */
static gboolean
ends_with (const char *text,
           gsize       length,
           const char *end)
{
  gsize n = strlen (end);

  return length >= n && memcmp (text + length - n, end, n) == 0;
}

/* Whether the @length bytes at @text, a sheet's data up to its end, end
 * with a whole row: "</row>", a row without cells ("<row .../>"), or no
 * row at all. */
static gboolean
ends_with_row (const char *text,
               gsize       length)
{
  const char *tag = g_strrstr_len (text, (gssize) length, "<");

  return ends_with (text, length, "</row>") || ends_with (text, length, "<sheetData>")
         || (tag && g_str_has_prefix (tag, "<row ") && ends_with (text, length, "/>"));
}

/* Whether @stream's part, XML, ends with the end of the element it began
 * with ("</name>", or "/>" where that element is all there is), and its
 * sheet data, if any, with a whole row. */
static gboolean
ends_as_it_began (Stream *stream)
{
  const char *head = (const char *) stream->head, *head_end = head + stream->head_length;
  const char *tail = (const char *) stream->tail;
  gsize tail_length = stream->tail_length, name_length;
  const char *name, *rows_end;
  char closing[64];

  /* The root element: the first tag that is no declaration or comment. */
  name = head;
  while ((name = memchr (name, '<', (gsize) (head_end - name))) != NULL && name + 1 < head_end
         && (name[1] == '?' || name[1] == '!'))
    name++;
  if (name == NULL || ++name >= head_end)
    return FALSE;
  for (name_length = 0; name + name_length < head_end && !strchr (" \t\r\n/>", name[name_length]); name_length++)
    ;
  while (tail_length > 0 && g_ascii_isspace (tail[tail_length - 1]))
    tail_length--;
  if (name_length == 0 || name_length + 3 > sizeof closing)
    return FALSE;
  g_snprintf (closing, sizeof closing, "</%.*s>", (int) name_length, name);
  if (!ends_with (tail, tail_length, closing))
    /* <name .../> alone, all of it within the head. */
    return stream->head_length < HEAD && ends_with (tail, tail_length, "/>")
           && memchr (name, '<', (gsize) (head_end - name)) == NULL;
  rows_end = g_strstr_len (tail, (gssize) tail_length, "</sheetData>");
  return rows_end == NULL || ends_with_row (tail, (gsize) (rows_end - tail));
}

static Stream *
stream_take (zipFile file)
{
  Stream *stream = NULL;

  g_mutex_lock (&streams_lock);
  if (streams)
    g_hash_table_steal_extended (streams, file, NULL, (gpointer *) &stream);
  g_mutex_unlock (&streams_lock);
  return stream;
}

static Stream *
stream_find (zipFile file)
{
  Stream *stream;

  g_mutex_lock (&streams_lock);
  stream = streams ? g_hash_table_lookup (streams, file) : NULL;
  g_mutex_unlock (&streams_lock);
  return stream;
}

/* The cores the process may run on: g_get_num_processors() counts them
 * all, even under taskset. */
static guint
n_cores (void)
{
#ifdef CPU_COUNT
  cpu_set_t set;

  if (sched_getaffinity (0, sizeof set, &set) == 0)
    return (guint) MAX (CPU_COUNT (&set), 1);
#endif
  return g_get_num_processors ();
}

static void
pool_start (void)
{
  static gsize started;

  if (g_once_init_enter (&started))
    {
      n_threads = MIN (n_cores (), 8);
      if (n_threads > 1)
        pool = g_thread_pool_new (pool_cb, NULL, (int) n_threads, FALSE, NULL);
      g_once_init_leave (&started, 1);
    }
}

/**
 * sam_zip_leave_core:
 * @leave: whether to leave a core
 *
 * Has the threads that deflate workbooks leave one core to other work of
 * the program (@leave TRUE), or take every core again. A report whose
 * integrity check, which runs at the lowest priority, has not answered by
 * the time the workbook is closed leaves it one: with both cores taken
 * the check waited for the workbook, and the report for the check.
 */
void
sam_zip_leave_core (gboolean leave)
{
  pool_start ();
  if (pool)
    g_thread_pool_set_max_threads (pool, (int) (leave ? n_threads - 1 : n_threads), NULL);
}

int
zipOpenNewFileInZip4_64 (zipFile             file,
                         const char         *filename,
                         const zip_fileinfo *zipfi,
                         const void         *extrafield_local,
                         uInt                size_extrafield_local,
                         const void         *extrafield_global,
                         uInt                size_extrafield_global,
                         const char         *comment,
                         int                 method,
                         int                 level,
                         int                 raw,
                         int                 windowBits,
                         int                 memLevel,
                         int                 strategy,
                         const char         *password,
                         uLong               crcForCrypting,
                         uLong               versionMadeBy,
                         uLong               flagBase,
                         int                 zip64)
{
  gboolean parallel;
  Stream *stream;
  int rc;

  pool_start ();
  parallel = pool && method == Z_DEFLATED && !raw && password == NULL;
  /* Closes a part still open, as minizip would, but through the pool. */
  if (stream_find (file))
    zipCloseFileInZip (file);
  rc = sam_lxw.zipOpenNewFileInZip4_64 (file, filename, zipfi, extrafield_local, size_extrafield_local,
                                        extrafield_global, size_extrafield_global, comment, method, level,
                                        parallel ? 1 : raw, windowBits, memLevel, strategy, password,
                                        crcForCrypting, versionMadeBy, flagBase, zip64);
  if (rc != ZIP_OK)
    return rc;

  stream = g_new0 (Stream, 1);
  *stream = (Stream) { file, parallel, g_str_has_suffix (filename, ".xml") || g_str_has_suffix (filename, ".rels"),
                       .level = level, .window_bits = windowBits, .mem_level = memLevel, .strategy = strategy };
  g_queue_init (&stream->jobs);
  g_mutex_init (&stream->lock);
  g_cond_init (&stream->done_cond);
  stream->crc = crc32 (0, NULL, 0);
  g_mutex_lock (&streams_lock);
  if (streams == NULL)
    streams = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (streams, file, stream);
  g_mutex_unlock (&streams_lock);
  return ZIP_OK;
}

int
zipWriteInFileInZip (zipFile     file,
                     const void *buf,
                     unsigned    len)
{
  Stream *stream = stream_find (file);
  const guint8 *data = buf;

  if (stream == NULL)
    return sam_lxw.zipWriteInFileInZip (file, buf, len);
  keep_ends (stream, data, len);
  if (!stream->parallel)
    return sam_lxw.zipWriteInFileInZip (file, buf, len);
  while (len > 0 && stream->error == ZIP_OK)
    {
      gsize take;

      if (stream->filling == NULL)
        stream->filling = job_new (stream, NULL);
      take = MIN (len, BLOCK - stream->filling->length);
      memcpy (stream->filling->in + stream->filling->dictionary + stream->filling->length, data, take);
      stream->filling->length += take;
      data += take;
      len -= (unsigned) take;
      if (stream->filling->length == BLOCK)
        {
          submit (stream, FALSE);
          drain (stream, FALSE);
        }
    }
  return stream->error;
}

int
zipCloseFileInZip (zipFile file)
{
  Stream *stream = stream_take (file);
  int rc;

  if (stream == NULL)
    return sam_lxw.zipCloseFileInZip (file);
  if (stream->parallel)
    {
      if (stream->filling == NULL)
        stream->filling = job_new (stream, NULL);
      submit (stream, TRUE);
      drain (stream, TRUE);
      g_debug ("Compressed a part of %" G_GUINT64_FORMAT " bytes in %u blocks", (guint64) stream->size,
               stream->blocks);
      rc = sam_lxw.zipCloseFileInZipRaw64 (file, stream->size, stream->crc);
    }
  else
    rc = sam_lxw.zipCloseFileInZip (file);
  if (stream->error == ZIP_OK)
    stream->error = rc;
  if (stream->error == ZIP_OK && stream->xml && !ends_as_it_began (stream))
    {
      g_debug ("A part of the workbook is cut off: a temporary file could not be written whole");
      errno = ENOSPC;
      stream->error = ZIP_ERRNO;
    }
  rc = stream->error;
  g_mutex_clear (&stream->lock);
  g_cond_clear (&stream->done_cond);
  g_free (stream);
  return rc;
}
