#define G_LOG_DOMAIN "sam-period-choice"

#include "config.h"

#include "sam-period-choice.h"

struct _SamPeriodChoice
{
  GObject  parent_instance;
  char    *code;     /* NULL: the current period */
};

G_DEFINE_FINAL_TYPE (SamPeriodChoice, sam_period_choice, G_TYPE_OBJECT)

enum { PROP_0, PROP_CODE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
sam_period_choice_finalize (GObject *object)
{
  g_free (SAM_PERIOD_CHOICE (object)->code);
  G_OBJECT_CLASS (sam_period_choice_parent_class)->finalize (object);
}

static void
sam_period_choice_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  if (prop_id == PROP_CODE)
    g_value_set_string (value, SAM_PERIOD_CHOICE (object)->code);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sam_period_choice_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  if (prop_id == PROP_CODE)
    sam_period_choice_set_code (SAM_PERIOD_CHOICE (object), g_value_get_string (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sam_period_choice_class_init (SamPeriodChoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sam_period_choice_finalize;
  object_class->get_property = sam_period_choice_get_property;
  object_class->set_property = sam_period_choice_set_property;
  /**
   * SamPeriodChoice:code:
   *
   * The chosen period's code, or NULL for the period running today.
   */
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sam_period_choice_init (SamPeriodChoice *self)
{
}

/* Returns the choice of @store (borrowed: it lives as long as the store),
 * made on first use, on the current period. */
SamPeriodChoice *
sam_period_choice_get (SamStore *store)
{
  SamPeriodChoice *choice;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  if (!(choice = g_object_get_data (G_OBJECT (store), "sam-period-choice")))
    {
      choice = g_object_new (SAM_TYPE_PERIOD_CHOICE, NULL);
      g_object_set_data_full (G_OBJECT (store), "sam-period-choice", choice, g_object_unref);
    }
  return choice;
}

const char *
sam_period_choice_get_code (SamPeriodChoice *self)
{
  g_return_val_if_fail (SAM_IS_PERIOD_CHOICE (self), NULL);
  return self->code;
}

/* Chooses the period @code, or with NULL the one running today. */
void
sam_period_choice_set_code (SamPeriodChoice *self,
                            const char      *code)
{
  g_return_if_fail (SAM_IS_PERIOD_CHOICE (self));
  if (g_strcmp0 (self->code, code) == 0)
    return;
  g_free (self->code);
  self->code = g_strdup (code);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

/* Returns the chosen period of @store: the one with the chosen code, or
 * the current one on @today when none is chosen or it is gone. NULL
 * without an error when the store has no periods; NULL with a
 * SamStoreError when they cannot be read. */
SamPeriod *
sam_period_choice_resolve (SamPeriodChoice  *self,
                           SamStore         *store,
                           const char       *today,
                           GError          **error)
{
  GError *local = NULL;
  SamPeriod *period;

  g_return_val_if_fail (SAM_IS_PERIOD_CHOICE (self), NULL);
  if (self->code && (period = sam_period_find (store, self->code, &local)))
    return period;
  if (local && !g_error_matches (local, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, local);
      return NULL;
    }
  g_clear_error (&local);
  return sam_period_current (store, today, error);
}
