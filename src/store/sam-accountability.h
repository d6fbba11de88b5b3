/* sam-accountability.h: who answers for an activity.
 *
 * An activity is carried by the lead agency and the partners it names.
 * Where it names no lead, it is not nobody's: under the principle of
 * sector responsibility ("sektoransvar") it is accountable to the ministry
 * responsible for each of its sectors. What the plan names and what follows
 * from sector responsibility are always told apart: a lead or partner is a
 * fact of the plan, a ministry by sector responsibility a consequence.
 *
 * The rule is written here once; the checks, the responsibility matrix,
 * the report and the details of an activity all ask this module.
 * Cancelled activities are nobody's responsibility any more.
 */
#pragma once

#include "store/sam-scope.h"

G_BEGIN_DECLS

typedef enum {
  SAM_ACCOUNT_LEAD    = 1 << 0,   /* the lead agency the activity names */
  SAM_ACCOUNT_PARTNER = 1 << 1,   /* a partner agency it names */
  SAM_ACCOUNT_SECTOR  = 1 << 2,   /* no lead named: a ministry of its sectors */
  SAM_ACCOUNT_ALL     = 0x7,
  /* Not a role: rows carry ids only (name, short_name and sectors NULL),
   * for callers that count, which saves reading every agency's name. */
  SAM_ACCOUNT_IDS_ONLY = 1 << 8,
} SamAccountRole;

/* One agency's part in one activity. Strings are borrowed: valid during
 * the callback only. */
typedef struct
{
  gint64          activity_id;
  gint64          plan_id;
  gint64          measure_id;
  SamAccountRole  role;
  gint64          agency_id;
  const char     *name;
  const char     *short_name;  /* NULL or "" when it has none */
  /* SAM_ACCOUNT_SECTOR: the activity's sectors this ministry is
   * responsible for, ", " between, in the activity's order; else NULL. */
  const char     *sectors;
  gint64          position;    /* partners and sectors: their place in the activity's list */
} SamAccountRow;

typedef gboolean (*SamAccountFunc) (const SamAccountRow  *row,
                                    gpointer              user_data,
                                    GError              **error);

/* One activity's answer, as sam_accountability_get() collects it. */
typedef struct
{
  gint64  agency_id;
  char   *name;
  char   *short_name;   /* NULL when it has none */
  char   *sectors;      /* by sector responsibility: through which sectors; else NULL */
} SamAccountable;

typedef struct
{
  gint64          activity_id;
  SamAccountable *lead;        /* NULL: no lead named */
  GPtrArray      *partners;    /* of SamAccountable, in the order named */
  GPtrArray      *by_sector;   /* of SamAccountable: empty when a lead is named */
} SamAccountability;

gboolean           sam_accountability_foreach   (SamStore              *store,
                                                 const SamScope        *scope,
                                                 gint64                 activity_id,
                                                 SamAccountRole         roles,
                                                 SamAccountFunc         func,
                                                 gpointer               user_data,
                                                 GError               **error);
SamAccountability *sam_accountability_get       (SamStore              *store,
                                                 gint64                 activity_id,
                                                 GError               **error);
void               sam_accountability_free      (SamAccountability     *accountability);
char              *sam_accountable_describe     (const SamAccountable  *accountable);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamAccountability, sam_accountability_free)

G_END_DECLS
