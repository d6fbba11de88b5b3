/* sam-activity-list.h: every activity as a row for the activity table.
 *
 * One query loads the rows with their links and latest status update, so
 * a plan of 100,000 activities loads without a query per row. Names of
 * agencies, sectors and groups are looked up when a row is shown. The
 * query (search and filters) is a plain predicate the GUI wraps in a
 * GtkFilter.
 */
#pragma once

#include <gio/gio.h>

#include "store/sam-figures.h"

G_BEGIN_DECLS

#define SAM_TYPE_ACTIVITY_ROW (sam_activity_row_get_type ())
G_DECLARE_FINAL_TYPE (SamActivityRow, sam_activity_row, SAM, ACTIVITY_ROW, GObject)

gint64       sam_activity_row_get_id          (SamActivityRow *self);
const char  *sam_activity_row_get_title       (SamActivityRow *self);
char        *sam_activity_row_dup_latest      (SamActivityRow *self);
void         sam_activity_row_get_facts       (SamActivityRow   *self,
                                               const SamPeriod  *period,
                                               SamActivityFacts *facts);

GListModel  *sam_activity_list_load           (SamStore       *store,
                                               GError        **error);

#define SAM_TYPE_ACTIVITY_LIST (sam_activity_list_get_type ())
G_DECLARE_FINAL_TYPE (SamActivityList, sam_activity_list, SAM, ACTIVITY_LIST, GObject)

SamActivityList *sam_activity_list_new        (SamStore         *store,
                                               GError          **error);
SamActivityList *sam_activity_list_new_loading (SamStore        *store,
                                               guint            first_rows);
void             sam_activity_list_load_rest  (SamActivityList  *self);
gboolean         sam_activity_list_is_loading (SamActivityList  *self);
GListModel      *sam_activity_list_get_model  (SamActivityList  *self);
guint            sam_activity_list_find       (SamActivityList  *self,
                                               gint64            id);

/* What the rows are filtered by; zero or NULL fields do not filter. */
typedef struct
{
  char       *text;           /* casefolded search text, in title or description */
  gint64      measure_id;
  gint64      plan_id;
  GHashTable *agencies;       /* set of gint64 ids: lead or partner is one of them, */
  GHashTable *duty_sectors;   /* or with no lead, a sector is one of these (the
                               * sectors of those agencies: sam_sectors_of()) */
  gint64      sector_id;
  gint64      target_group_id;
  char       *status;         /* a status nick */
  gboolean    overdue;        /* overdue as at @today (sam-figures.h) */
  char       *today;          /* YYYY-MM-DD */
  SamPeriod  *not_reported;   /* owned: not reported in this period (sam-figures.h), */
  GHashTable *unreported;     /* by this set of gint64 ids, of sam_figures_unreported()
                               * as at it; without the set, by the rows' own facts */
} SamActivityQuery;

SamActivityQuery *sam_activity_query_new        (void);
void              sam_activity_query_free       (SamActivityQuery *query);
void              sam_activity_query_set_text   (SamActivityQuery *query,
                                                 const char       *text);
gboolean          sam_activity_query_is_empty   (SamActivityQuery *query);
gboolean          sam_activity_query_matches    (SamActivityQuery *query,
                                                 SamActivityRow   *row);
GHashTable       *sam_agency_with_subordinates  (SamStore         *store,
                                                 gint64            agency_id,
                                                 gboolean          subordinates,
                                                 GError          **error);
GHashTable       *sam_sectors_of                (SamStore         *store,
                                                 GHashTable       *agencies,
                                                 GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamActivityQuery, sam_activity_query_free)

G_END_DECLS
