#define G_LOG_DOMAIN "sam-node"

#include "config.h"

#include "sam-node.h"

struct _SamNode
{
  GObject              parent_instance;

  char                *title;
  char                *subtitle;
  SamRecord           *record;
  SamNodeChildrenFunc  children_func;
  gpointer             children_data;
  GDestroyNotify       children_destroy;
};

G_DEFINE_FINAL_TYPE (SamNode, sam_node, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sam_node_finalize (GObject *object)
{
  SamNode *self = (SamNode *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_object (&self->record);
  if (self->children_destroy)
    g_clear_pointer (&self->children_data, self->children_destroy);

  G_OBJECT_CLASS (sam_node_parent_class)->finalize (object);
}

static void
sam_node_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SamNode *self = SAM_NODE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_node_class_init (SamNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sam_node_finalize;
  object_class->get_property = sam_node_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, SAM_TYPE_RECORD,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sam_node_init (SamNode *self)
{
}

/* Returns a new leaf node; @record may be NULL for a group heading. */
SamNode *
sam_node_new (const char *title,
              const char *subtitle,
              SamRecord  *record)
{
  SamNode *self = g_object_new (SAM_TYPE_NODE, NULL);

  self->title = g_strdup (title ? title : "");
  self->subtitle = g_strdup (subtitle ? subtitle : "");
  self->record = record ? g_object_ref (record) : NULL;
  return self;
}

/* Makes @self a branch whose children @func lists when they are needed. */
void
sam_node_set_children (SamNode             *self,
                       SamNodeChildrenFunc  func,
                       gpointer             user_data,
                       GDestroyNotify       destroy)
{
  g_return_if_fail (SAM_IS_NODE (self));
  g_return_if_fail (self->children_func == NULL);

  self->children_func = func;
  self->children_data = user_data;
  self->children_destroy = destroy;
}

const char *
sam_node_get_title (SamNode *self)
{
  g_return_val_if_fail (SAM_IS_NODE (self), NULL);
  return self->title;
}

const char *
sam_node_get_subtitle (SamNode *self)
{
  g_return_val_if_fail (SAM_IS_NODE (self), NULL);
  return self->subtitle;
}

/* Returns the record the node shows (borrowed), or NULL for a heading. */
SamRecord *
sam_node_get_record (SamNode *self)
{
  g_return_val_if_fail (SAM_IS_NODE (self), NULL);
  return self->record;
}

gboolean
sam_node_has_children (SamNode *self)
{
  g_return_val_if_fail (SAM_IS_NODE (self), FALSE);
  return self->children_func != NULL;
}

/* Returns a new list of the children (transfer full), or NULL for a leaf. */
GListModel *
sam_node_get_children (SamNode *self)
{
  g_return_val_if_fail (SAM_IS_NODE (self), NULL);
  if (self->children_func == NULL)
    return NULL;
  return self->children_func (self, self->children_data);
}
