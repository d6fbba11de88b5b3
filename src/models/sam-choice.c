#define G_LOG_DOMAIN "sam-choice"

#include "config.h"

#include "sam-choice.h"
#include "sam-tree.h"

struct _SamChoice
{
  GObject   parent_instance;
  gint64    id;         /* a record id, or 0 for a free text */
  char     *title;
  gboolean  selected;
};

G_DEFINE_FINAL_TYPE (SamChoice, sam_choice, G_TYPE_OBJECT)

enum { PROP_0, PROP_TITLE, PROP_SELECTED, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
sam_choice_finalize (GObject *object)
{
  g_free (SAM_CHOICE (object)->title);
  G_OBJECT_CLASS (sam_choice_parent_class)->finalize (object);
}

static void
sam_choice_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SamChoice *self = SAM_CHOICE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SELECTED:
      g_value_set_boolean (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_choice_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SELECTED:
      sam_choice_set_selected (SAM_CHOICE (object), g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_choice_class_init (SamChoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sam_choice_finalize;
  object_class->get_property = sam_choice_get_property;
  object_class->set_property = sam_choice_set_property;
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] = g_param_spec_boolean ("selected", NULL, NULL, FALSE,
                                                    G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS
                                                    | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sam_choice_init (SamChoice *self)
{
}

SamChoice *
sam_choice_new (gint64      id,
                const char *title,
                gboolean    selected)
{
  SamChoice *self = g_object_new (SAM_TYPE_CHOICE, NULL);

  self->id = id;
  self->title = g_strdup (title);
  self->selected = selected;
  return self;
}

gint64
sam_choice_get_id (SamChoice *self)
{
  g_return_val_if_fail (SAM_IS_CHOICE (self), 0);
  return self->id;
}

const char *
sam_choice_get_title (SamChoice *self)
{
  g_return_val_if_fail (SAM_IS_CHOICE (self), NULL);
  return self->title;
}

gboolean
sam_choice_get_selected (SamChoice *self)
{
  g_return_val_if_fail (SAM_IS_CHOICE (self), FALSE);
  return self->selected;
}

void
sam_choice_set_selected (SamChoice *self,
                         gboolean   selected)
{
  g_return_if_fail (SAM_IS_CHOICE (self));
  selected = !!selected;
  if (self->selected == selected)
    return;
  self->selected = selected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

/* The choices of a REFS field: every record of the kind it points to,
 * named as in the trees, those @record holds chosen. */
static gboolean
add_records (GListStore      *choices,
             SamStore        *store,
             SamRecord       *record,
             const SamField  *field,
             GError         **error)
{
  g_autoptr(GPtrArray) records = sam_store_list (store, field->ref_kind, error);

  for (guint i = 0; records && i < records->len; i++)
    {
      g_autofree char *title = sam_tree_describe (records->pdata[i]);
      gint64 id = sam_record_get_id (records->pdata[i]);
      g_autoptr(SamChoice) c = sam_choice_new (id, title, sam_record_has_ref (record, field->name, id));

      g_list_store_append (choices, c);
    }
  return records != NULL;
}

/* The choices of a STRINGS field: @record's values first, chosen, then
 * those other records use. */
static gboolean
add_texts (GListStore      *choices,
           SamStore        *store,
           SamRecord       *record,
           const SamField  *field,
           GError         **error)
{
  g_autofree const char **chosen = sam_record_get_strings (record, field->name);
  g_auto(GStrv) used = sam_store_list_values (store, sam_record_get_kind (record), field->name, error);

  for (guint i = 0; chosen[i]; i++)
    {
      g_autoptr(SamChoice) c = sam_choice_new (0, chosen[i], TRUE);
      g_list_store_append (choices, c);
    }
  for (guint i = 0; used && used[i]; i++)
    if (!g_strv_contains (chosen, used[i]))
      {
        g_autoptr(SamChoice) c = sam_choice_new (0, used[i], FALSE);
        g_list_store_append (choices, c);
      }
  return used != NULL;
}

/* Returns what the multiple-choice @field (REFS or STRINGS) of @record
 * can hold, as SamChoice, those it holds selected; NULL with a
 * SamStoreError when the choices cannot be read. */
GListStore *
sam_choice_list_new (SamStore        *store,
                     SamRecord       *record,
                     const SamField  *field,
                     GError         **error)
{
  g_autoptr(GListStore) choices = g_list_store_new (SAM_TYPE_CHOICE);

  g_return_val_if_fail (SAM_IS_STORE (store) && SAM_IS_RECORD (record), NULL);
  g_return_val_if_fail (field->type == SAM_FIELD_REFS || field->type == SAM_FIELD_STRINGS, NULL);

  if (!(field->type == SAM_FIELD_REFS ? add_records : add_texts) (choices, store, record, field, error))
    return NULL;
  return g_steal_pointer (&choices);
}
