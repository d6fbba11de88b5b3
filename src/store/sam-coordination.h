/* sam-coordination.h: who is responsible for what, who is reached by whom,
 * and the checks that find the holes.
 *
 * Everything here is computed with a few SQL aggregates over the whole
 * database (never one query per cell), so the matrices of 100,000
 * activities take well under a second. Results are plain structs the
 * caller owns; nothing holds on to the store.
 */
#pragma once

#include "store/sam-scope.h"

G_BEGIN_DECLS

/* Matrices */

typedef enum {
  SAM_MATRIX_RESPONSIBILITY,  /* agencies × measures or plans: lead and partner counts */
  SAM_MATRIX_COVERAGE,        /* target groups × sectors or plans: activities reaching */
} SamMatrixKind;

/* Values of one responsibility cell, for sam_matrix_get(). */
enum {
  SAM_MATRIX_LEAD = 0,        /* activities the agency leads there */
  SAM_MATRIX_PARTNER = 1,     /* activities the agency is a partner in there */
  SAM_MATRIX_SECTOR = 2,      /* activities with no lead named that the agency
                               * answers for by sector responsibility there */
  SAM_MATRIX_REACHED = 0,     /* coverage: activities reaching the group there */
};

typedef struct
{
  gint64      id;
  char       *label;     /* the record's name or title */
  gint64      number;    /* measures: their number; else 0 */
  gint64      parent_id; /* rows: the parent agency or group; plan columns: their
                          * measure; measure columns: their focus area; else 0 */
  /* Rows of a responsibility matrix: the ministry the agency belongs to (the
   * nearest agency of kind ministry up its parent chain, itself included),
   * 0 when none; and how many steps below that ministry (or below its top
   * agency) it sits. */
  gint64      group_id;
  char       *group;     /* that ministry's name, or NULL */
  guint       depth;
  /* Rows of a coverage matrix: the target group's category nick, one of
   * sam_target_category_values (static), or NULL when it has none. */
  const char *category;
} SamMatrixHeader;

/* At most this many columns in a matrix the window shows: more is more
 * than anyone reads across, and the counts of a matrix of 20,000 sectors
 * would grow with them. The report has them all. */
#define SAM_MATRIX_MAX_COLUMNS 1000

typedef struct _SamMatrixCells SamMatrixCells;

typedef struct
{
  SamMatrixKind   kind;
  SamKind         row_kind;     /* SAM_KIND_AGENCY or SAM_KIND_TARGET_GROUP */
  SamKind         column_kind;  /* SAM_KIND_MEASURE, SAM_KIND_PLAN or SAM_KIND_SECTOR */
  GPtrArray      *rows;         /* of SamMatrixHeader, in display order (grouped) */
  GPtrArray      *columns;      /* of SamMatrixHeader, in display order */
  guint           n_values;     /* per cell: 3 for responsibility, 1 for coverage */
  /* Columns past the limit the matrix was made with, in no column. When
   * the window's matrix leaves some out, its last column is a note (id 0,
   * its label saying how many more there are) whose cells are empty. */
  guint           n_columns_left_out;
  SamMatrixCells *cells;        /* read with sam_matrix_get() */
} SamMatrix;

SamMatrix  *sam_coordination_responsibility (SamStore        *store,
                                             const SamScope  *scope,
                                             SamKind          columns,
                                             GError         **error);
SamMatrix  *sam_coordination_coverage       (SamStore        *store,
                                             const SamScope  *scope,
                                             SamKind          columns,
                                             GError         **error);
SamMatrix  *sam_coordination_responsibility_at_most (SamStore   *store,
                                             const SamScope  *scope,
                                             SamKind          columns,
                                             guint            max_columns,
                                             GError         **error);
gboolean    sam_coordination_responsibility_both (SamStore   *store,
                                             const SamScope  *scope,
                                             guint            max_columns,
                                             SamMatrix      **by_measure,
                                             SamMatrix      **by_plan,
                                             GError         **error);
SamMatrix  *sam_coordination_coverage_at_most (SamStore       *store,
                                             const SamScope  *scope,
                                             SamKind          columns,
                                             guint            max_columns,
                                             GError         **error);
void        sam_coordination_matrix_async  (SamStore            *store,
                                            SamMatrixKind        kind,
                                            const SamScope      *scope,
                                            SamKind              columns,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
SamMatrix  *sam_coordination_matrix_finish (GAsyncResult        *result,
                                            GError             **error);
guint       sam_matrix_get                  (const SamMatrix *matrix,
                                             guint            row,
                                             guint            column,
                                             guint            value);
gboolean    sam_matrix_row_is_empty         (const SamMatrix *matrix,
                                             guint            row);
void        sam_matrix_add_row              (const SamMatrix *matrix,
                                             guint            row,
                                             guint           *sums);
guint       sam_matrix_count_empty          (const SamMatrix *matrix);
gint        sam_matrix_find_row             (const SamMatrix *matrix,
                                             gint64           id);
gint        sam_matrix_find_column          (const SamMatrix *matrix,
                                             gint64           id);
void        sam_matrix_free                 (SamMatrix       *matrix);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamMatrix, sam_matrix_free)

/* Differing messages */

/* One target group that several information activities reach in one
 * reporting period with different messages. */
typedef struct
{
  gint64  target_group_id;
  char   *target_group;     /* its name */
  char   *period;           /* the reporting period's code */
  guint   n_messages;       /* different non-empty messages, at least 2 */
  guint   n_activities;     /* information activities with a message */
} SamMessageFlag;

GPtrArray  *sam_coordination_message_flags  (SamStore        *store,
                                             const SamScope  *scope,
                                             const char      *today,
                                             GError         **error);

/* Checks */

typedef enum {
  SAM_SEVERITY_INFO,
  SAM_SEVERITY_WARNING,
  SAM_SEVERITY_ERROR,
} SamSeverity;

/* Stable ids of the checks, for scripts and for tests. */
#define SAM_CHECK_ACTIVITY_NO_LEAD        "activity-no-lead"
#define SAM_CHECK_ACTIVITY_LEAD_ONLY      "activity-lead-only"
#define SAM_CHECK_AGENCY_IDLE             "agency-idle"
#define SAM_CHECK_MINISTRY_MEASURE_GAP    "ministry-measure-gap"
#define SAM_CHECK_TARGET_GROUP_UNREACHED  "target-group-unreached"
#define SAM_CHECK_MIXED_MESSAGES          "target-group-mixed-messages"
#define SAM_CHECK_KNOWLEDGE_GAP_UNADDRESSED "knowledge-gap-unaddressed"

typedef struct
{
  const char  *check_id;    /* one of SAM_CHECK_*, static */
  SamSeverity  severity;
  SamKind      kind;        /* what it concerns: kind and id */
  gint64       id;
  gint64       other_id;    /* ministry gaps: the measure; mixed messages: 0 */
  char        *message;     /* translated, one sentence that names the thing */
} SamCheckResult;

GPtrArray  *sam_coordination_run_checks     (SamStore        *store,
                                             GError         **error);
GPtrArray  *sam_coordination_run_checks_with (SamStore        *store,
                                             GPtrArray       *message_flags,
                                             const char * const *skip,
                                             GError         **error);
const char *sam_severity_to_string          (SamSeverity      severity);

G_END_DECLS
