#define G_LOG_DOMAIN "sam-store"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sam-facts-snapshot.h"
#include "sam-store-private.h"
#include "core/sam-enums.h"

enum {
  FLAG_REPORTED   = 1 << 0,
  FLAG_HAS_CHANGE = 1 << 1,
  FLAG_OVERDUE    = 1 << 2,
  FLAG_RUNNING    = 1 << 3,
};

/* One activity's facts, as the rules found them. */
typedef struct
{
  gint64      id;
  gint64      measure_id;
  gint64      plan_id;
  gint64      lead_id;
  gint64      update_id;
  const char *due_date;       /* in the snapshot's texts */
  const char *update_period;  /* the same */
  gint32      progress;       /* -1: not given */
  gint32      progress_change;
  guint8      status;         /* a SamStatus */
  guint8      flags;
} Entry;

struct _SamFactsSnapshot
{
  gatomicrefcount  ref_count;
  char            *period;    /* its code, or NULL for none */
  GArray          *entries;   /* Entry, by id */
  GStringChunk    *texts;     /* dates and period codes, each kept once */
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

static gboolean
record_cb (const SamActivityFactsRow  *row,
           gpointer                    user_data,
           GError                    **error)
{
  Recording *r = user_data;
  const SamActivityFacts *f = &row->facts;
  Entry e = {
    row->id, row->measure_id, row->plan_id, row->lead_id, f->update_id,
    keep (r->snapshot, f->due_date), keep (r->snapshot, f->update_period),
    (gint32) CLAMP (f->progress, -1, G_MAXINT32), (gint32) CLAMP (f->progress_change, G_MININT32, G_MAXINT32),
    (guint8) sam_facts_status (f),
    (f->reported ? FLAG_REPORTED : 0) | (f->has_change ? FLAG_HAS_CHANGE : 0)
      | (sam_facts_is_overdue (f, r->as_at) ? FLAG_OVERDUE : 0)
      | (sam_facts_runs_in (f, r->period) ? FLAG_RUNNING : 0),
  };

  g_array_append_val (r->snapshot->entries, e);
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
  SamFactsSnapshot *snapshot = g_new0 (SamFactsSnapshot, 1);
  Recording r = { snapshot, period, sam_figures_judged_on (period, today) };

  g_atomic_ref_count_init (&snapshot->ref_count);
  snapshot->period = period ? g_strdup (period->code) : NULL;
  snapshot->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  snapshot->texts = g_string_chunk_new (4096);
  if (!sam_figures_foreach (store, scope, period, today, record_cb, &r, error))
    {
      sam_facts_snapshot_unref (snapshot);
      return NULL;
    }
  return snapshot;
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
  g_array_unref (snapshot->entries);
  g_string_chunk_free (snapshot->texts);
  g_free (snapshot);
}

/* The number of activities it holds. */
guint
sam_facts_snapshot_get_n (const SamFactsSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, 0);
  return snapshot->entries->len;
}

/* Whether @snapshot holds the facts as at @period (NULL: none). */
gboolean
sam_facts_snapshot_holds (const SamFactsSnapshot *snapshot,
                          const SamPeriod        *period)
{
  return snapshot != NULL && g_strcmp0 (snapshot->period, period ? period->code : NULL) == 0;
}

static void
fill_row (const Entry         *e,
          SamActivityFactsRow *row)
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
      .update_period = e->update_period,
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
  for (guint i = 0; i < snapshot->entries->len; i++)
    {
      SamActivityFactsRow row;

      fill_row (&g_array_index (snapshot->entries, Entry, i), &row);
      if (!func (&row, user_data, error))
        return FALSE;
    }
  return TRUE;
}

static int
by_id (gconstpointer key,
       gconstpointer element)
{
  gint64 x = *(const gint64 *) key, y = ((const Entry *) element)->id;

  return x < y ? -1 : x > y;
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
  e = bsearch (&id, snapshot->entries->data, snapshot->entries->len, sizeof (Entry), by_id);
  if (e != NULL)
    fill_row (e, row);
  return e != NULL;
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
