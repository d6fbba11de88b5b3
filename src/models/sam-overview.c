#define G_LOG_DOMAIN "sam-overview"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sam-overview.h"
#include "sam-tree.h"

#include <string.h>

#define N_STATUS 5

struct _SamSummary
{
  GObject  parent_instance;

  gint64   measure_id;
  char    *title;
  guint    counts[N_STATUS];   /* in the order of sam_status_values */
  guint    total;
  guint    overdue;
  guint    not_reported;
  double   progress;
};

G_DEFINE_FINAL_TYPE (SamSummary, sam_summary, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_PLANNED,
  PROP_IN_PROGRESS,
  PROP_DONE,
  PROP_DELAYED,
  PROP_CANCELLED,
  PROP_TOTAL,
  PROP_OVERDUE,
  PROP_NOT_REPORTED,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sam_summary_finalize (GObject *object)
{
  g_free (SAM_SUMMARY (object)->title);
  G_OBJECT_CLASS (sam_summary_parent_class)->finalize (object);
}

static void
sam_summary_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SamSummary *self = SAM_SUMMARY (object);

  if (prop_id >= PROP_PLANNED && prop_id <= PROP_CANCELLED)
    g_value_take_string (value, g_strdup_printf ("%u", self->counts[prop_id - PROP_PLANNED]));
  else if (prop_id == PROP_TITLE)
    g_value_set_string (value, self->title);
  else if (prop_id == PROP_TOTAL)
    g_value_take_string (value, g_strdup_printf ("%u", self->total));
  else if (prop_id == PROP_OVERDUE)
    g_value_take_string (value, g_strdup_printf ("%u", self->overdue));
  else if (prop_id == PROP_NOT_REPORTED)
    g_value_take_string (value, g_strdup_printf ("%u", self->not_reported));
  else if (prop_id == PROP_PROGRESS)
    g_value_take_string (value, g_strdup_printf ("%.0f %%", self->progress));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sam_summary_class_init (SamSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const char *names[] = { NULL, "title", "planned", "in-progress", "done", "delayed", "cancelled",
                          "total", "overdue", "not-reported", "progress" };

  object_class->finalize = sam_summary_finalize;
  object_class->get_property = sam_summary_get_property;
  /* Figures are strings, as shown: the columns bind them to labels. */
  for (guint i = 1; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sam_summary_init (SamSummary *self)
{
}

gint64
sam_summary_get_measure_id (SamSummary *self)
{
  g_return_val_if_fail (SAM_IS_SUMMARY (self), 0);
  return self->measure_id;
}

/* Returns the number of activities with status @status (a nick). */
guint
sam_summary_get_count (SamSummary *self,
                       const char *status)
{
  g_return_val_if_fail (SAM_IS_SUMMARY (self), 0);
  for (guint i = 0; i < N_STATUS; i++)
    if (g_strcmp0 (sam_status_values[i].nick, status) == 0)
      return self->counts[i];
  return 0;
}

guint
sam_summary_get_total (SamSummary *self)
{
  g_return_val_if_fail (SAM_IS_SUMMARY (self), 0);
  return self->total;
}

guint
sam_summary_get_overdue (SamSummary *self)
{
  g_return_val_if_fail (SAM_IS_SUMMARY (self), 0);
  return self->overdue;
}

guint
sam_summary_get_not_reported (SamSummary *self)
{
  g_return_val_if_fail (SAM_IS_SUMMARY (self), 0);
  return self->not_reported;
}

double
sam_summary_get_progress (SamSummary *self)
{
  g_return_val_if_fail (SAM_IS_SUMMARY (self), 0);
  return self->progress;
}

static SamSummary *
summary_new (const SamMeasureFigures *m)
{
  SamSummary *s = g_object_new (SAM_TYPE_SUMMARY, NULL);
  double progress = sam_tally_progress (&m->tally);

  s->measure_id = m->measure_id;
  s->title = g_strdup_printf (_("Measure %d: %s"), (int) m->number, m->title);
  memcpy (s->counts, m->tally.by_status, sizeof s->counts);
  s->total = m->tally.total;
  s->progress = MAX (progress, 0);
  s->overdue = m->tally.overdue;
  s->not_reported = m->tally.not_reported;
  return s;
}

/* Returns a new list of SamSummary, one per measure, counted by the rules
 * of sam-figures.h: overdue as at @as_at, "not reported" in @period (NULL:
 * none). Returns NULL with a SamStoreError when the plan cannot be read. */
GListModel *
sam_overview_new (SamStore         *store,
                  const SamPeriod  *period,
                  const char       *as_at,
                  GError          **error)
{
  g_autoptr(GListStore) list = g_list_store_new (SAM_TYPE_SUMMARY);
  g_autoptr(GPtrArray) measures = NULL;

  g_return_val_if_fail (SAM_IS_STORE (store) && as_at != NULL, NULL);
  if (!(measures = sam_figures_by_measure (store, NULL, period, as_at, error)))
    return NULL;
  for (guint i = 0; i < measures->len; i++)
    {
      g_autoptr(SamSummary) s = summary_new (measures->pdata[i]);
      g_list_store_append (list, s);
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}
