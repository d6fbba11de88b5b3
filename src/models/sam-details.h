/* sam-details.h: every field and link of one record, as rows to show.
 *
 * Each row is a label and a value in Pango markup; records the value
 * names are links "samordna:KIND/ID" that the window follows.
 */
#pragma once

#include <gio/gio.h>

#include "store/sam-store.h"

G_BEGIN_DECLS

#define SAM_TYPE_DETAIL (sam_detail_get_type ())
G_DECLARE_FINAL_TYPE (SamDetail, sam_detail, SAM, DETAIL, GObject)

const char *sam_detail_get_label   (SamDetail   *self);
const char *sam_detail_get_markup  (SamDetail   *self);

GListModel *sam_details_new        (SamStore    *store,
                                    SamRecord   *record);
GListModel *sam_details_new_backlinks (SamStore *store,
                                    SamRecord   *record);
GListModel *sam_details_new_links_to (SamStore  *store,
                                    SamRecord   *record);
char       *sam_details_describe_value (SamStore   *store,
                                    SamKind      kind,
                                    const char  *field,
                                    GVariant    *value);
GListModel *sam_details_new_accountability (SamStore *store,
                                    SamRecord   *activity);
GListModel *sam_details_new_history (SamStore   *store,
                                    SamRecord   *activity);
GListModel *sam_details_new_seminar (SamStore   *store,
                                    SamRecord   *seminar);
char       *sam_details_link       (SamRecord   *record);
gboolean    sam_details_parse_link (const char  *uri,
                                    SamKind     *kind,
                                    gint64      *id);

G_END_DECLS
