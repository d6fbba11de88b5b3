#define G_LOG_DOMAIN "sam-changes"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sam-changes-private.h"
#include "sam-closing-private.h"
#include "sam-facts-snapshot.h"
#include "sam-query-private.h"
#include "core/sam-enums.h"

struct _SamChanges
{
  SamPeriod    *previous;
  GArray       *rows;      /* SamChange */
  GStringChunk *texts;
  guint         counts[SAM_N_CHANGE_KINDS];
};

static const char *kind_nicks[SAM_N_CHANGE_KINDS] = {
  "newly-done", "newly-delayed", "progress-up", "progress-down", "due-moved", "lead-changed",
  "stopped-reporting", "new", "removed",
};

/* Returns the stable name of @kind ("newly-done"), for scripts and tests. */
const char *
sam_change_kind_nick (SamChangeKind kind)
{
  g_return_val_if_fail (kind < SAM_N_CHANGE_KINDS, NULL);
  return kind_nicks[kind];
}

SamChanges *
sam_changes_new (const SamPeriod *previous)
{
  SamChanges *changes = g_new0 (SamChanges, 1);

  changes->previous = sam_period_copy (previous);
  changes->rows = g_array_new (FALSE, FALSE, sizeof (SamChange));
  changes->texts = g_string_chunk_new (4096);
  return changes;
}

void
sam_changes_free (SamChanges *changes)
{
  if (changes == NULL)
    return;
  sam_period_free (changes->previous);
  g_array_unref (changes->rows);
  g_string_chunk_free (changes->texts);
  g_free (changes);
}

static const char *
keep (SamChanges *changes,
      const char *text)
{
  return text ? g_string_chunk_insert_const (changes->texts, text) : NULL;
}

/* Adds a copy of @change, its texts kept by @changes. */
void
sam_changes_add (SamChanges      *changes,
                 const SamChange *change)
{
  SamChange copy = *change;

  g_return_if_fail (changes != NULL && change->kind < SAM_N_CHANGE_KINDS);
  copy.title = keep (changes, change->title);
  copy.lead = keep (changes, change->lead);
  copy.before = keep (changes, change->before);
  copy.after = keep (changes, change->after);
  g_array_append_val (changes->rows, copy);
  changes->counts[change->kind]++;
}

static int
by_kind_measure_id (gconstpointer a,
                    gconstpointer b)
{
  const SamChange *x = a, *y = b;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if (x->measure_number != y->measure_number)
    return x->measure_number < y->measure_number ? -1 : 1;
  return x->activity_id < y->activity_id ? -1 : x->activity_id > y->activity_id;
}

/* Puts the changes in the order they are listed: by kind, measure and id. */
void
sam_changes_sort (SamChanges *changes)
{
  g_array_sort (changes->rows, by_kind_measure_id);
}

/* The period the changes are counted since, or NULL for the first. */
const SamPeriod *
sam_changes_get_previous (const SamChanges *changes)
{
  g_return_val_if_fail (changes != NULL, NULL);
  return changes->previous;
}

guint
sam_changes_get_n (const SamChanges *changes)
{
  g_return_val_if_fail (changes != NULL, 0);
  return changes->rows->len;
}

/* Returns change @index (by kind, measure and id), borrowed. */
const SamChange *
sam_changes_get (const SamChanges *changes,
                 guint             index)
{
  g_return_val_if_fail (changes != NULL && index < changes->rows->len, NULL);
  return &g_array_index (changes->rows, SamChange, index);
}

guint
sam_changes_count (const SamChanges *changes,
                   SamChangeKind     kind)
{
  g_return_val_if_fail (changes != NULL && kind < SAM_N_CHANGE_KINDS, 0);
  return changes->counts[kind];
}

/* Comparing two periods */

/* An activity as at the period before, kept small: there may be 100,000. */
typedef struct
{
  gint64      id;
  gint64      progress;   /* a missing one as 0 */
  gint64      lead;
  const char *due;        /* in the changes' texts */
  guint8      status;     /* a SamStatus */
  gboolean    reported;
} Before;

/* What a plan tells of an activity's place, for rows only the history holds. */
typedef struct
{
  gint64 measure_id;
  gint64 measure_number;
  gint64 focus_area_id;
  gint64 strategy_id;
} Place;

/* An activity created in the time compared, from the history. */
typedef struct
{
  gint64  plan_id;
  char   *title;
  gboolean seen;          /* it is there now, in scope, and listed */
} Created;

typedef struct
{
  SamChanges      *changes;
  const SamScope  *scope;
  const SamPeriod *period;      /* the period compared with the one before */
  GArray          *before;      /* Before, by id, or: */
  SamFactsSnapshot *then;       /* the facts as at the period before */
  GHashTable      *created;     /* id → Created */
  GHashTable      *agencies;    /* id → name */
  GHashTable      *parents;     /* agency id → parent id */
  GHashTable      *places;      /* plan id → Place */
  GHashTable      *measures;    /* measure id → number */
} Comparing;

static void
created_free (gpointer data)
{
  Created *c = data;

  g_free (c->title);
  g_free (c);
}

static gboolean
add_before_cb (const SamActivityFactsRow  *row,
               gpointer                    user_data,
               GError                    **error)
{
  Comparing *c = user_data;
  Before b = {
    row->id, MAX (row->facts.progress, 0), row->lead_id, keep (c->changes, row->facts.due_date),
    (guint8) sam_facts_status (&row->facts), row->facts.reported,
  };

  g_array_append_val (c->before, b);
  return TRUE;
}

static int
by_id (gconstpointer a,
       gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static const char *
agency_name (Comparing *c,
             gint64     id)
{
  return id ? g_hash_table_lookup (c->agencies, &id) : NULL;
}

static gint64
measure_number (Comparing *c,
                gint64     measure_id)
{
  gpointer number = g_hash_table_lookup (c->measures, &measure_id);

  return number ? *(gint64 *) number : 0;
}

static void
add (Comparing                 *c,
     SamChangeKind              kind,
     const SamActivityFactsRow *row,
     const char                *before,
     const char                *after,
     gint64                     points)
{
  SamChange change = {
    kind, row->id, row->measure_id, measure_number (c, row->measure_id), row->plan_id, row->lead_id,
    row->title, agency_name (c, row->lead_id), before, after, points,
  };

  sam_changes_add (c->changes, &change);
}

static void
compare_status (Comparing                 *c,
                const SamActivityFactsRow *row,
                const Before              *b)
{
  SamStatus now = sam_facts_status (&row->facts);
  const char *then = sam_status_values[b->status].nick;

  if (now == SAM_STATUS_DONE && b->status != SAM_STATUS_DONE)
    add (c, SAM_CHANGE_NEWLY_DONE, row, then, sam_status_values[now].nick, 0);
  else if ((now == SAM_STATUS_DELAYED || now == SAM_STATUS_CANCELLED) && b->status != now)
    add (c, SAM_CHANGE_NEWLY_DELAYED, row, then, sam_status_values[now].nick, 0);
}

static void
compare_progress (Comparing                 *c,
                  const SamActivityFactsRow *row,
                  const Before              *b)
{
  gint64 now = MAX (row->facts.progress, 0);
  g_autofree char *then_text = NULL, *now_text = NULL;

  if (now == b->progress)
    return;
  then_text = g_strdup_printf ("%" G_GINT64_FORMAT, b->progress);
  now_text = g_strdup_printf ("%" G_GINT64_FORMAT, now);
  add (c, now > b->progress ? SAM_CHANGE_PROGRESS_UP : SAM_CHANGE_PROGRESS_DOWN, row, then_text, now_text,
       now - b->progress);
}

/* Activity @id as at the period before, from @c's snapshot (in *@then)
 * or its own reading; NULL when it was not there. */
static const Before *
find_before (Comparing *c,
             gint64     id,
             Before    *then)
{
  SamActivityFactsRow row;

  if (c->then == NULL)
    return bsearch (&id, c->before->data, c->before->len, sizeof (Before), by_id);
  if (!sam_facts_snapshot_lookup (c->then, id, &row))
    return NULL;
  *then = (Before) {
    row.id, MAX (row.facts.progress, 0), row.lead_id, row.facts.due_date, (guint8) sam_facts_status (&row.facts),
    row.facts.reported,
  };
  return then;
}

static gboolean
compare_cb (const SamActivityFactsRow  *row,
            gpointer                    user_data,
            GError                    **error)
{
  Comparing *c = user_data;
  Created *created = g_hash_table_lookup (c->created, &row->id);
  const Before *b;
  Before then;

  if (created)
    {
      created->seen = TRUE;
      add (c, SAM_CHANGE_NEW, row, NULL, NULL, 0);
      return TRUE;
    }
  if (!(b = find_before (c, row->id, &then)))
    return TRUE;   /* not there then, and made before the history began */
  compare_status (c, row, b);
  compare_progress (c, row, b);
  if (g_strcmp0 (row->facts.due_date, b->due) != 0)
    add (c, SAM_CHANGE_DUE_MOVED, row, b->due, row->facts.due_date, 0);
  if (row->lead_id != b->lead)
    add (c, SAM_CHANGE_LEAD_CHANGED, row, agency_name (c, b->lead), agency_name (c, row->lead_id), 0);
  /* Only one expected to report now has stopped: one that ended has not. */
  if (b->reported && sam_facts_is_unreported (&row->facts, c->period))
    add (c, SAM_CHANGE_STOPPED_REPORTING, row, NULL, NULL, 0);
  return TRUE;
}

/* Names and places */

static gboolean
add_agency_cb (SamStmt       *stmt,
               gpointer       user_data,
               GError       **error)
{
  Comparing *c = user_data;
  gint64 id = sam_stmt_column_int (stmt, 0);

  g_hash_table_insert (c->agencies, g_memdup2 (&id, sizeof id), g_strdup (sam_stmt_column_text (stmt, 1)));
  g_hash_table_insert (c->parents, g_memdup2 (&id, sizeof id),
                       g_memdup2 (&(gint64) { sam_stmt_column_int (stmt, 2) }, sizeof (gint64)));
  return TRUE;
}

static gboolean
add_place_cb (SamStmt       *stmt,
              gpointer       user_data,
              GError       **error)
{
  Comparing *c = user_data;
  Place place = { sam_stmt_column_int (stmt, 1), sam_stmt_column_int (stmt, 2), sam_stmt_column_int (stmt, 3),
                  sam_stmt_column_int (stmt, 4) };

  g_hash_table_insert (c->places, g_memdup2 (&(gint64) { sam_stmt_column_int (stmt, 0) }, sizeof (gint64)),
                       g_memdup2 (&place, sizeof place));
  if (place.measure_id)
    g_hash_table_insert (c->measures, g_memdup2 (&place.measure_id, sizeof (gint64)),
                         g_memdup2 (&place.measure_number, sizeof (gint64)));
  return TRUE;
}

static gboolean
read_names (SamStore   *store,
            Comparing  *c,
            GError    **error)
{
  return sam_query_foreach (store, "SELECT g.id, " SAM_NAME ("g") ", coalesce(g.parent_id, 0) FROM agency g", NULL,
                            add_agency_cb, c, error)
         && sam_query_foreach (store, "SELECT p.id, coalesce(p.measure_id, 0), coalesce(m.number, 0), "
                               "coalesce(m.focus_area_id, 0), coalesce(f.strategy_id, 0) FROM plan p "
                               "LEFT JOIN measure m ON m.id = p.measure_id "
                               "LEFT JOIN focus_area f ON f.id = m.focus_area_id", NULL, add_place_cb, c, error);
}

/* Whether an agency is @top or below it. */
static gboolean
under (Comparing *c,
       gint64     agency,
       gint64     top)
{
  for (guint guard = 0; agency != 0 && guard < 1000; guard++)
    {
      gint64 *parent = g_hash_table_lookup (c->parents, &agency);

      if (agency == top)
        return TRUE;
      agency = parent ? *parent : 0;
    }
  return FALSE;
}

/* Whether an activity the history alone knows of, in plan @plan_id and
 * led by @lead, is in the scope: by its plan's place, and for an agency or
 * a ministry by its lead (its partners are not kept). */
static gboolean
in_scope (Comparing *c,
          gint64     plan_id,
          gint64     lead)
{
  const SamScope *s = c->scope;
  const Place *place = g_hash_table_lookup (c->places, &plan_id);

  if (sam_scope_is_whole (s))
    return TRUE;
  switch (s->kind)
    {
    case SAM_SCOPE_STRATEGY:
      return place && place->strategy_id == s->id;
    case SAM_SCOPE_FOCUS_AREA:
      return place && place->focus_area_id == s->id;
    case SAM_SCOPE_MEASURE:
      return place && place->measure_id == s->id;
    case SAM_SCOPE_PLAN:
      return plan_id == s->id;
    case SAM_SCOPE_AGENCY:
      return lead == s->id;
    case SAM_SCOPE_MINISTRY:
    default:
      return under (c, lead, s->id);
    }
}

/* The history: created and removed */

typedef struct
{
  Comparing *c;
  gboolean   removed;
} Noting;

static gboolean
add_note_cb (SamStmt       *stmt,
             gpointer       user_data,
             GError       **error)
{
  Noting *n = user_data;
  Comparing *c = n->c;
  gint64 id = sam_stmt_column_int (stmt, 0);
  gint64 plan = sam_stmt_column_int (stmt, 2);
  const char *lead_text = sam_stmt_column_text (stmt, 3);
  gint64 lead = lead_text ? g_ascii_strtoll (lead_text, NULL, 10) : 0;
  const Place *place = g_hash_table_lookup (c->places, &plan);
  SamChange change = {
    SAM_CHANGE_REMOVED, id, place ? place->measure_id : 0, place ? place->measure_number : 0, plan, lead,
    sam_stmt_column_text (stmt, 1), agency_name (c, lead), NULL, NULL, 0,
  };
  Created *created;

  if (!n->removed)
    {
      created = g_new0 (Created, 1);
      created->plan_id = plan;
      created->title = g_strdup (sam_stmt_column_text (stmt, 1));
      g_hash_table_replace (c->created, g_memdup2 (&id, sizeof id), created);
    }
  else if (in_scope (c, plan, lead))
    sam_changes_add (c->changes, &change);
  return TRUE;
}

/* Reads the activities created (@removed FALSE) or removed between the
 * two days: after @from, up to @to. */
static gboolean
read_notes (SamStore    *store,
            Comparing   *c,
            gboolean     removed,
            const char  *from,
            const char  *to,
            GError     **error)
{
  /* Every time of a day sorts below the day followed by "~". */
  g_autofree char *after = g_strconcat (from, "~", NULL);
  g_autofree char *until = g_strconcat (to, "~", NULL);
  Noting noting = { c, removed };
  SamStmt *stmt = sam_query_prepare (store,
                                     "SELECT activity_id, title, coalesce(plan_id, 0), old_value FROM activity_change "
                                     "WHERE field = :field AND changed_at > :after AND changed_at < :until "
                                     "ORDER BY changed_at, id", NULL, error);

  if (stmt == NULL)
    return FALSE;
  sam_query_bind_text (stmt, ":field", removed ? "removed" : "created");
  sam_query_bind_text (stmt, ":after", from ? after : "");
  sam_query_bind_text (stmt, ":until", until);
  return sam_query_run (store, stmt, add_note_cb, &noting, error);
}

static gboolean
exists_cb (SamStmt       *stmt,
           gpointer       user_data,
           GError       **error)
{
  *(gboolean *) user_data = TRUE;
  return TRUE;
}

/* New activities the pass did not list: those removed since are listed
 * from the history when their plan is in scope; the others are there now
 * but out of scope. */
static gboolean
add_unseen_created (SamStore   *store,
                    Comparing  *c,
                    GError    **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, c->created);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Created *created = value;
      const Place *place = g_hash_table_lookup (c->places, &created->plan_id);
      SamChange change = {
        SAM_CHANGE_NEW, *(gint64 *) key, place ? place->measure_id : 0, place ? place->measure_number : 0,
        created->plan_id, 0, created->title, NULL, NULL, NULL, 0,
      };
      g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM activity WHERE id = %" G_GINT64_FORMAT, change.activity_id);
      gboolean exists = FALSE;

      if (created->seen || !in_scope (c, created->plan_id, 0))
        continue;
      if (!sam_query_foreach (store, sql, NULL, exists_cb, &exists, error))
        return FALSE;
      if (!exists)
        sam_changes_add (c->changes, &change);
    }
  return TRUE;
}

static void
comparing_clear (Comparing *c)
{
  g_clear_pointer (&c->before, g_array_unref);
  g_clear_pointer (&c->created, g_hash_table_unref);
  g_clear_pointer (&c->agencies, g_hash_table_unref);
  g_clear_pointer (&c->parents, g_hash_table_unref);
  g_clear_pointer (&c->places, g_hash_table_unref);
  g_clear_pointer (&c->measures, g_hash_table_unref);
}

static SamChanges *read_live (SamStore          *store,
                              const SamScope    *scope,
                              const SamPeriod   *period,
                              const char        *today,
                              SamFactsSnapshot  *now,
                              SamFactsSnapshot  *then,
                              GError           **error);

/* Titles */

typedef struct
{
  SamChanges *changes;
  GArray     *untitled;   /* guint: rows without a title, by activity id */
  guint       next;
} Titling;

static int
by_activity (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  GArray *rows = user_data;
  gint64 x = g_array_index (rows, SamChange, *(const guint *) a).activity_id;
  gint64 y = g_array_index (rows, SamChange, *(const guint *) b).activity_id;

  return x < y ? -1 : x > y;
}

static gboolean
add_title_cb (SamStmt       *stmt,
              gpointer       user_data,
              GError       **error)
{
  Titling *t = user_data;
  GArray *rows = t->changes->rows;
  gint64 id = sam_stmt_column_int (stmt, 0);

  while (t->next < t->untitled->len
         && g_array_index (rows, SamChange, g_array_index (t->untitled, guint, t->next)).activity_id < id)
    t->next++;
  for (; t->next < t->untitled->len; t->next++)
    {
      SamChange *change = &g_array_index (rows, SamChange, g_array_index (t->untitled, guint, t->next));

      if (change->activity_id != id)
        break;
      change->title = keep (t->changes, sam_stmt_column_text (stmt, 1));
    }
  return TRUE;
}

/* Gives the changes of activities that are there now the titles a facts
 * snapshot does not keep, in one pass over the activities in @scope. */
static gboolean
add_titles (SamStore        *store,
            const SamScope  *scope,
            SamChanges      *changes,
            GError         **error)
{
  g_autoptr(GArray) untitled = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *sql = g_strdup_printf ("SELECT a.id, a.title FROM activity a WHERE %s ORDER BY a.id",
                                          sam_scope_activity_sql (scope));
  Titling titling = { changes, untitled, 0 };

  for (guint i = 0; i < changes->rows->len; i++)
    if (g_array_index (changes->rows, SamChange, i).title == NULL)
      g_array_append_val (untitled, i);
  if (untitled->len == 0)
    return TRUE;
  g_array_sort_with_data (untitled, by_activity, changes->rows);
  return sam_query_foreach (store, sql, scope, add_title_cb, &titling, error);
}

/* Returns the changes in @scope since the period before @period as they
 * are in the database now (see sam-changes.h; the period before as it was
 * frozen when it is closed), @today for the days the periods are judged
 * at. Returns NULL with a SamStoreError. */
SamChanges *
sam_changes_read_live (SamStore         *store,
                       const SamScope   *scope,
                       const SamPeriod  *period,
                       const char       *today,
                       GError          **error)
{
  return read_live (store, scope, period, today, NULL, NULL, error);
}

static SamChanges *
read_live (SamStore          *store,
           const SamScope    *scope,
           const SamPeriod   *period,
           const char        *today,
           SamFactsSnapshot  *now,
           SamFactsSnapshot  *then,
           GError           **error)
{
  g_autoptr(SamPeriod) previous = NULL;
  g_autoptr(SamChanges) changes = NULL;
  Comparing c = { 0 };
  GError *local = NULL;
  gboolean ok;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  if (!(previous = sam_period_before (store, period, &local)) && local)
    return g_propagate_error (error, local), NULL;
  changes = sam_changes_new (previous);
  if (previous == NULL)
    return g_steal_pointer (&changes);
  c = (Comparing) {
    changes, scope, period, g_array_new (FALSE, FALSE, sizeof (Before)), NULL,
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, created_free),
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free),
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free),
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free),
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free),
  };
  /* The facts as at the period before, from @then where it holds them. */
  if (sam_facts_snapshot_holds (then, previous))
    c.then = then;
  ok = read_names (store, &c, error)
       && (c.then || sam_figures_foreach (store, scope, previous, today, add_before_cb, &c, error))
       && read_notes (store, &c, FALSE, sam_figures_judged_on (previous, today),
                      sam_figures_judged_on (period, today), error);
  if (ok)
    {
      g_array_sort (c.before, by_id);
      ok = sam_figures_foreach_live_in (now, store, scope, period, today, compare_cb, &c, error)
           && read_notes (store, &c, TRUE, sam_figures_judged_on (previous, today),
                          sam_figures_judged_on (period, today), error);
    }
  if (ok && (ok = add_unseen_created (store, &c, error)) && sam_facts_snapshot_holds (now, period))
    ok = add_titles (store, scope, changes, error);
  if (ok)
    sam_changes_sort (changes);
  comparing_clear (&c);
  return ok ? g_steal_pointer (&changes) : NULL;
}

/* Returns the changes in @scope since the period before @period: as
 * sam_changes_read_live() does for an open period, and as they were
 * frozen for a closed one (sam-closing.h); none for no period (NULL).
 * Returns NULL with a SamStoreError. */
SamChanges *
sam_changes_read (SamStore         *store,
                  const SamScope   *scope,
                  const SamPeriod  *period,
                  const char       *today,
                  GError          **error)
{
  return sam_changes_read_in (NULL, NULL, store, scope, period, today, error);
}

/* As sam_changes_read(), with the facts as at @period and as at the
 * period before from @now and @then where they hold them (see
 * sam_figures_foreach_in()). */
SamChanges *
sam_changes_read_in (SamFactsSnapshot  *now,
                     SamFactsSnapshot  *then,
                     SamStore          *store,
                     const SamScope    *scope,
                     const SamPeriod   *period,
                     const char        *today,
                     GError           **error)
{
  gint64 closing = 0;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);

  if (period == NULL)
    return sam_changes_new (NULL);
  if (!sam_closing_find (store, period->code, &closing, error))
    return NULL;
  if (closing)
    return sam_closing_read_changes (store, closing, scope, error);
  return read_live (store, scope, period, today, now, then, error);
}
