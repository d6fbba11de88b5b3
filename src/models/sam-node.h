/* sam-node.h: one row of a browsing tree.
 *
 * A node names a record (or a group of records, such as "Plans" under a
 * measure) and knows how to list its children, which it does only when
 * asked, so that a tree over a large plan costs nothing until opened.
 */
#pragma once

#include <gio/gio.h>

#include "core/sam-record.h"

G_BEGIN_DECLS

#define SAM_TYPE_NODE (sam_node_get_type ())
G_DECLARE_FINAL_TYPE (SamNode, sam_node, SAM, NODE, GObject)

/* Returns a new list of SamNode, the children of @node, or NULL for a leaf. */
typedef GListModel *(*SamNodeChildrenFunc) (SamNode  *node,
                                            gpointer  user_data);

SamNode    *sam_node_new           (const char          *title,
                                    const char          *subtitle,
                                    SamRecord           *record);
void        sam_node_set_children  (SamNode             *self,
                                    SamNodeChildrenFunc  func,
                                    gpointer             user_data,
                                    GDestroyNotify       destroy);
const char *sam_node_get_title     (SamNode             *self);
const char *sam_node_get_subtitle  (SamNode             *self);
SamRecord  *sam_node_get_record    (SamNode             *self);
gboolean    sam_node_has_children  (SamNode             *self);
GListModel *sam_node_get_children  (SamNode             *self);

G_END_DECLS
