#define G_LOG_DOMAIN "sam-store"

#include "config.h"

#include <string.h>

#include "sam-facts-snapshot.h"
#include "sam-closing.h"
#include "sam-store-private.h"
#include "core/sam-enums.h"

enum {
  FLAG_REPORTED   = 1 << 0,
  FLAG_HAS_CHANGE = 1 << 1,
  FLAG_OVERDUE    = 1 << 2,
  FLAG_RUNNING    = 1 << 3,
};

/* One activity's facts, as the rules found them: 64 bytes. */
typedef struct
{
  gint64      id;
  gint64      measure_id;
  gint64      plan_id;
  gint64      lead_id;
  gint64      update_id;
  const char *due_date;       /* in the snapshot's texts */
  gint32      progress;       /* -1: not given */
  gint32      progress_change;
  guint16     update_period;  /* 1 + its place in periods; 0: none */
  guint8      status;         /* a SamStatus */
  guint8      flags;
} Entry;

/* Entries are kept in blocks of this many, so that a snapshot never holds
 * a second copy of itself while it grows. */
#define BLOCK 4096

struct _SamFactsSnapshot
{
  gatomicrefcount  ref_count;
  char            *period;    /* its code, or NULL for none */
  GPtrArray       *blocks;    /* of Entry[BLOCK], by id */
  guint            n;
  GStringChunk    *texts;     /* dates, each kept once */
  GPtrArray       *periods;   /* the updates' period codes, in the texts */
  GHashTable      *places;    /* period code → 1 + its place in periods */
};

typedef struct
{
  SamFactsSnapshot *snapshot;
  const SamPeriod  *period;
  const char       *as_at;
} Recording;

static const char *
keep (SamFactsSnapshot *snapshot,
      const char       *text)
{
  return text ? g_string_chunk_insert_const (snapshot->texts, text) : NULL;
}

static guint16
place_of (SamFactsSnapshot *snapshot,
          const char       *code)
{
  guint place;

  if (code == NULL)
    return 0;
  if ((place = GPOINTER_TO_UINT (g_hash_table_lookup (snapshot->places, code))) == 0
      && snapshot->periods->len < G_MAXUINT16)
    {
      code = keep (snapshot, code);
      g_ptr_array_add (snapshot->periods, (gpointer) code);
      place = snapshot->periods->len;
      g_hash_table_insert (snapshot->places, (gpointer) code, GUINT_TO_POINTER (place));
    }
  return (guint16) place;
}

static Entry *
entry_at (const SamFactsSnapshot *snapshot,
          guint                   i)
{
  return (Entry *) snapshot->blocks->pdata[i / BLOCK] + i % BLOCK;
}

static gboolean
record_cb (const SamActivityFactsRow  *row,
           gpointer                    user_data,
           GError                    **error)
{
  Recording *r = user_data;
  SamFactsSnapshot *snapshot = r->snapshot;
  const SamActivityFacts *f = &row->facts;

  if (snapshot->n % BLOCK == 0)
    g_ptr_array_add (snapshot->blocks, g_new (Entry, BLOCK));
  *entry_at (snapshot, snapshot->n++) = (Entry) {
    row->id, row->measure_id, row->plan_id, row->lead_id, f->update_id, keep (snapshot, f->due_date),
    (gint32) CLAMP (f->progress, -1, G_MAXINT32), (gint32) CLAMP (f->progress_change, G_MININT32, G_MAXINT32),
    place_of (snapshot, f->update_period), (guint8) sam_facts_status (f),
    (f->reported ? FLAG_REPORTED : 0) | (f->has_change ? FLAG_HAS_CHANGE : 0)
      | (sam_facts_is_overdue (f, r->as_at) ? FLAG_OVERDUE : 0)
      | (sam_facts_runs_in (f, r->period) ? FLAG_RUNNING : 0),
  };
  return TRUE;
}

static SamFactsSnapshot *
snapshot_new (const SamPeriod *period)
{
  SamFactsSnapshot *snapshot = g_new0 (SamFactsSnapshot, 1);

  g_atomic_ref_count_init (&snapshot->ref_count);
  snapshot->period = period ? g_strdup (period->code) : NULL;
  snapshot->blocks = g_ptr_array_new_with_free_func (g_free);
  snapshot->texts = g_string_chunk_new (4096);
  snapshot->periods = g_ptr_array_new ();
  snapshot->places = g_hash_table_new (g_str_hash, g_str_equal);
  return snapshot;
}

static SamFactsSnapshot *
read_snapshot (SamStore         *store,
               const SamScope   *scope,
               const SamPeriod  *period,
               const char       *today,
               gboolean          live,
               GError          **error)
{
  SamFactsSnapshot *snapshot = snapshot_new (period);
  Recording r = { snapshot, period, sam_figures_judged_on (period, today) };
  gboolean ok;

  ok = live ? sam_figures_foreach_live (store, scope, period, today, record_cb, &r, error)
            : sam_figures_foreach (store, scope, period, today, record_cb, &r, error);
  if (!ok)
    {
      sam_facts_snapshot_unref (snapshot);
      return NULL;
    }
  return snapshot;
}

static gboolean
record_both_cb (const SamActivityFactsRow  *row,
                guint                       index,
                gpointer                    user_data,
                GError                    **error)
{
  return record_cb (row, (Recording *) user_data + index, error);
}

/* Reads the facts as at @period and as at @previous (neither NULL) into
 * *@now and *@then: in one pass over the activities, their updates and
 * their history when neither period is closed, for each activity's data
 * is gathered once and judged twice; else one after the other, as
 * sam_facts_snapshot_read() does. FALSE with a SamStoreError. */
static gboolean
read_snapshots (SamStore          *store,
                const SamScope    *scope,
                const SamPeriod   *period,
                const SamPeriod   *previous,
                const char        *today,
                SamFactsSnapshot **now,
                SamFactsSnapshot **then,
                GError           **error)
{
  g_autoptr(GPtrArray) periods = NULL;
  Recording r[2];
  gint64 closed = 0, closed_before = 0;

  *now = *then = NULL;
  if (!sam_closing_find (store, period->code, &closed, error)
      || !sam_closing_find (store, previous->code, &closed_before, error))
    return FALSE;
  if (closed || closed_before)
    {
      if ((*now = read_snapshot (store, scope, period, today, FALSE, error)) == NULL)
        return FALSE;
      if ((*then = read_snapshot (store, scope, previous, today, FALSE, error)) == NULL)
        g_clear_pointer (now, sam_facts_snapshot_unref);
      return *then != NULL;
    }
  periods = g_ptr_array_new ();
  g_ptr_array_add (periods, (gpointer) period);
  g_ptr_array_add (periods, (gpointer) previous);
  r[0] = (Recording) { snapshot_new (period), period, sam_figures_judged_on (period, today) };
  r[1] = (Recording) { snapshot_new (previous), previous, sam_figures_judged_on (previous, today) };
  if (!sam_figures_foreach_periods (store, scope, periods, today, NULL, record_both_cb, r, error))
    {
      sam_facts_snapshot_unref (r[0].snapshot);
      sam_facts_snapshot_unref (r[1].snapshot);
      return FALSE;
    }
  *now = r[0].snapshot;
  *then = r[1].snapshot;
  return TRUE;
}

/* Reads the facts of every activity in @scope (NULL: all) as at @period
 * (NULL: none), judged with @today, as sam_figures_foreach() gives them
 * (frozen for a closed period), into a new snapshot; NULL with a
 * SamStoreError. */
SamFactsSnapshot *
sam_facts_snapshot_read (SamStore         *store,
                         const SamScope   *scope,
                         const SamPeriod  *period,
                         const char       *today,
                         GError          **error)
{
  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  return read_snapshot (store, scope, period, today, FALSE, error);
}

/* The same as sam_figures_foreach_live() gives them: today's data for a
 * closed period too. */
SamFactsSnapshot *
sam_facts_snapshot_read_live (SamStore         *store,
                              const SamScope   *scope,
                              const SamPeriod  *period,
                              const char       *today,
                              GError          **error)
{
  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  return read_snapshot (store, scope, period, today, TRUE, error);
}

SamFactsSnapshot *
sam_facts_snapshot_ref (SamFactsSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, NULL);
  g_atomic_ref_count_inc (&snapshot->ref_count);
  return snapshot;
}

void
sam_facts_snapshot_unref (SamFactsSnapshot *snapshot)
{
  if (snapshot == NULL || !g_atomic_ref_count_dec (&snapshot->ref_count))
    return;
  g_free (snapshot->period);
  g_ptr_array_unref (snapshot->blocks);
  g_string_chunk_free (snapshot->texts);
  g_ptr_array_unref (snapshot->periods);
  g_hash_table_unref (snapshot->places);
  g_free (snapshot);
}

/* The number of activities it holds. */
guint
sam_facts_snapshot_get_n (const SamFactsSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, 0);
  return snapshot->n;
}

/* Whether @snapshot holds the facts as at @period (NULL: none). */
gboolean
sam_facts_snapshot_holds (const SamFactsSnapshot *snapshot,
                          const SamPeriod        *period)
{
  return snapshot != NULL && g_strcmp0 (snapshot->period, period ? period->code : NULL) == 0;
}

static void
fill_row (const SamFactsSnapshot *snapshot,
          const Entry            *e,
          SamActivityFactsRow    *row)
{
  *row = (SamActivityFactsRow) {
    .id = e->id,
    .measure_id = e->measure_id,
    .plan_id = e->plan_id,
    .lead_id = e->lead_id,
    .facts = {
      .status = sam_status_values[e->status].nick,
      .progress = e->progress,
      .due_date = e->due_date,
      .reported = (e->flags & FLAG_REPORTED) != 0,
      .update_period = e->update_period ? snapshot->periods->pdata[e->update_period - 1] : NULL,
      .update_id = e->update_id,
      .has_change = (e->flags & FLAG_HAS_CHANGE) != 0,
      .progress_change = e->progress_change,
      .frozen = TRUE,
      .was_overdue = (e->flags & FLAG_OVERDUE) != 0,
      .was_running = (e->flags & FLAG_RUNNING) != 0,
    },
  };
}

/* Calls @func with each activity's facts as sam_figures_foreach() gave them
 * when @snapshot was read, in the order of their ids; but with no title
 * and no comment, and frozen: overdue and running are what the rules found
 * as at the snapshot's period and day. Returns FALSE when @func does. */
gboolean
sam_facts_snapshot_foreach (const SamFactsSnapshot *snapshot,
                            SamFactsFunc            func,
                            gpointer                user_data,
                            GError                **error)
{
  g_return_val_if_fail (snapshot != NULL && func != NULL, FALSE);
  for (guint i = 0; i < snapshot->n; i++)
    {
      SamActivityFactsRow row;

      fill_row (snapshot, entry_at (snapshot, i), &row);
      if (!func (&row, user_data, error))
        return FALSE;
    }
  return TRUE;
}

/* Returns the entry of activity @id, or NULL; as find_activity() in
 * sam-report-data.c finds an activity in the Activities sheet's index. */
static const Entry *
find_entry (const SamFactsSnapshot *snapshot,
            gint64                  id)
{
  guint low = 0, high = snapshot->n;
  gint64 first = high > 0 ? entry_at (snapshot, 0)->id : 0;

  /* Ids are mostly dense: first look where @id is when they all are. */
  if (high > 0 && id >= first && (guint64) id - (guint64) first < high
      && entry_at (snapshot, (guint) ((guint64) id - (guint64) first))->id == id)
    return entry_at (snapshot, (guint) ((guint64) id - (guint64) first));
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (entry_at (snapshot, middle)->id < id)
        low = middle + 1;
      else
        high = middle;
    }
  return low < snapshot->n && entry_at (snapshot, low)->id == id ? entry_at (snapshot, low) : NULL;
}

/* Fills @row with activity @id's facts as sam_facts_snapshot_foreach()
 * gives them; FALSE when @snapshot does not hold it. */
gboolean
sam_facts_snapshot_lookup (const SamFactsSnapshot *snapshot,
                           gint64                  id,
                           SamActivityFactsRow    *row)
{
  const Entry *e;

  g_return_val_if_fail (snapshot != NULL && row != NULL, FALSE);
  if ((e = find_entry (snapshot, id)) == NULL)
    return FALSE;
  fill_row (snapshot, e, row);
  return TRUE;
}

/* As sam_figures_foreach(), from @snapshot when it holds @period's facts
 * (read with the same @scope and @today; see sam_facts_snapshot_foreach()
 * for what its rows lack), else from the store. */
gboolean
sam_figures_foreach_in (SamFactsSnapshot  *snapshot,
                        SamStore          *store,
                        const SamScope    *scope,
                        const SamPeriod   *period,
                        const char        *today,
                        SamFactsFunc       func,
                        gpointer           user_data,
                        GError           **error)
{
  if (sam_facts_snapshot_holds (snapshot, period))
    return sam_facts_snapshot_foreach (snapshot, func, user_data, error);
  return sam_figures_foreach (store, scope, period, today, func, user_data, error);
}

/* As sam_figures_foreach_live(), from @snapshot when it holds @period's
 * facts as sam_figures_foreach_in() says: only for a period that is not
 * closed, where the two agree. */
gboolean
sam_figures_foreach_live_in (SamFactsSnapshot  *snapshot,
                             SamStore          *store,
                             const SamScope    *scope,
                             const SamPeriod   *period,
                             const char        *today,
                             SamFactsFunc       func,
                             gpointer           user_data,
                             GError           **error)
{
  if (sam_facts_snapshot_holds (snapshot, period))
    return sam_facts_snapshot_foreach (snapshot, func, user_data, error);
  return sam_figures_foreach_live (store, scope, period, today, func, user_data, error);
}

/* Sharing */

typedef struct
{
  char             *period;    /* its code, or NULL */
  SamFactsSnapshot *snapshot;  /* NULL while it is read, or after it failed */
  gboolean          reading;
} Shared;

struct _SamFactsShare
{
  const SamScope *scope;
  char           *today;
  GMutex          lock;
  GCond           read_cond;
  GArray         *shared;      /* Shared */
  guint           n_reads;
};

/* Returns a share for the snapshots of one report over @scope (NULL: all;
 * it must outlive the share), judged with @today. */
SamFactsShare *
sam_facts_share_new (const SamScope *scope,
                     const char     *today)
{
  SamFactsShare *share = g_new0 (SamFactsShare, 1);

  share->scope = scope;
  share->today = g_strdup (today);
  g_mutex_init (&share->lock);
  g_cond_init (&share->read_cond);
  share->shared = g_array_new (FALSE, TRUE, sizeof (Shared));
  return share;
}

void
sam_facts_share_free (SamFactsShare *share)
{
  if (share == NULL)
    return;
  for (guint i = 0; i < share->shared->len; i++)
    {
      Shared *s = &g_array_index (share->shared, Shared, i);

      g_assert (!s->reading);
      g_free (s->period);
      g_clear_pointer (&s->snapshot, sam_facts_snapshot_unref);
    }
  g_array_unref (share->shared);
  g_mutex_clear (&share->lock);
  g_cond_clear (&share->read_cond);
  g_free (share->today);
  g_free (share);
}

static Shared *
find_shared (SamFactsShare *share,
             const char    *code)
{
  for (guint i = 0; i < share->shared->len; i++)
    if (g_strcmp0 (g_array_index (share->shared, Shared, i).period, code) == 0)
      return &g_array_index (share->shared, Shared, i);
  return NULL;
}

/* Returns (a new reference to) the snapshot of the facts as at @period
 * (NULL: none): read on @store by the first thread that asks, and waited
 * for by the others; NULL with a SamStoreError when reading it failed. */
SamFactsSnapshot *
sam_facts_share_get (SamFactsShare    *share,
                     SamStore         *store,
                     const SamPeriod  *period,
                     GError          **error)
{
  const char *code = period ? period->code : NULL;
  SamFactsSnapshot *snapshot;
  Shared *s;

  g_return_val_if_fail (share != NULL && SAM_IS_STORE (store), NULL);
  g_mutex_lock (&share->lock);
  while ((s = find_shared (share, code)) != NULL && s->reading)
    g_cond_wait (&share->read_cond, &share->lock);
  if (s != NULL && s->snapshot != NULL)
    {
      snapshot = sam_facts_snapshot_ref (s->snapshot);
      g_mutex_unlock (&share->lock);
      return snapshot;
    }
  if (s == NULL)
    {
      Shared fresh = { g_strdup (code), NULL, FALSE };
      g_array_append_val (share->shared, fresh);
    }
  find_shared (share, code)->reading = TRUE;
  share->n_reads++;
  g_mutex_unlock (&share->lock);

  snapshot = sam_facts_snapshot_read (store, share->scope, period, share->today, error);

  g_mutex_lock (&share->lock);
  s = find_shared (share, code);
  s->reading = FALSE;
  s->snapshot = snapshot ? sam_facts_snapshot_ref (snapshot) : NULL;
  g_cond_broadcast (&share->read_cond);
  g_mutex_unlock (&share->lock);
  return snapshot;
}

/* Sets *@now and *@then to (new references to) the snapshots of the facts
 * as at @period and as at @previous (neither NULL), as two calls of
 * sam_facts_share_get() would; but when no thread has read or is reading
 * either, both are read in one pass (see read_snapshots()). Returns FALSE
 * with a SamStoreError, and neither, when reading failed. */
gboolean
sam_facts_share_get_both (SamFactsShare     *share,
                          SamStore          *store,
                          const SamPeriod   *period,
                          const SamPeriod   *previous,
                          SamFactsSnapshot **now,
                          SamFactsSnapshot **then,
                          GError           **error)
{
  gboolean ok;

  g_return_val_if_fail (share != NULL && SAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (period != NULL && previous != NULL && now != NULL && then != NULL, FALSE);
  *now = *then = NULL;
  g_mutex_lock (&share->lock);
  if (find_shared (share, period->code) || find_shared (share, previous->code))
    {
      g_mutex_unlock (&share->lock);
      if ((*now = sam_facts_share_get (share, store, period, error)) == NULL)
        return FALSE;
      if ((*then = sam_facts_share_get (share, store, previous, error)) == NULL)
        g_clear_pointer (now, sam_facts_snapshot_unref);
      return *then != NULL;
    }
  g_array_append_vals (share->shared, ((Shared[]) { { g_strdup (period->code), NULL, TRUE },
                                                    { g_strdup (previous->code), NULL, TRUE } }), 2);
  share->n_reads += 2;
  g_mutex_unlock (&share->lock);

  ok = read_snapshots (store, share->scope, period, previous, share->today, now, then, error);

  g_mutex_lock (&share->lock);
  for (guint i = 0; i < 2; i++)
    {
      Shared *s = find_shared (share, i == 0 ? period->code : previous->code);
      SamFactsSnapshot *snapshot = i == 0 ? *now : *then;

      s->reading = FALSE;
      s->snapshot = snapshot ? sam_facts_snapshot_ref (snapshot) : NULL;
    }
  g_cond_broadcast (&share->read_cond);
  g_mutex_unlock (&share->lock);
  return ok;
}

/* Lets the share's reference to @period's snapshot go, for its memory,
 * once no reader is left that needs it (asking again reads it again). */
void
sam_facts_share_drop (SamFactsShare   *share,
                      const SamPeriod *period)
{
  Shared *s;

  g_return_if_fail (share != NULL);
  g_mutex_lock (&share->lock);
  if ((s = find_shared (share, period ? period->code : NULL)) != NULL && !s->reading)
    g_clear_pointer (&s->snapshot, sam_facts_snapshot_unref);
  g_mutex_unlock (&share->lock);
}

/* How many snapshots the share has read: for tests. */
guint
sam_facts_share_get_n_reads (SamFactsShare *share)
{
  guint n;

  g_return_val_if_fail (share != NULL, 0);
  g_mutex_lock (&share->lock);
  n = share->n_reads;
  g_mutex_unlock (&share->lock);
  return n;
}
