/* sam-report-data.h: what the progress report shows, read from the store.
 *
 * The report layer writes workbooks and never SQL; this module is its
 * source. Small tables (per-measure counts, seminar targets) come back as
 * arrays; the long ones (activities, status updates, seminars) are
 * streamed row by row to a callback, so that a report on 100,000
 * activities never holds them all. Strings in streamed rows are borrowed:
 * valid during the callback only.
 *
 * Every figure is counted by the rules of sam-figures.h, as at the
 * report's period; for a closed period (SamReportQuery.closing) the
 * figures and lists are read as they were frozen (sam-closing.h).
 */
#pragma once

#include "store/sam-changes.h"
#include "store/sam-facts-snapshot.h"
#include "store/sam-figures.h"

G_BEGIN_DECLS

/* What the Activities sheet shows of the activities' links and latest
 * status updates, read ahead of its rows. */
typedef struct _SamReportActivities SamReportActivities;

/* What every query of a report shares. */
typedef struct
{
  const SamScope  *scope;        /* NULL: the whole strategy */
  const SamPeriod *period;       /* the report's period, or NULL for none */
  const char      *today;        /* YYYY-MM-DD; the period is judged at it or its end */
  gint64           closing;      /* the period's closing whose frozen data to read
                                  * (sam-closing.h); 0: today's data */
  SamFactsShare   *facts;        /* the facts as at each period, read once for every
                                  * reader of the report (over this scope, as at
                                  * this day); NULL: each reads its own */
} SamReportQuery;

typedef struct
{
  gint64  measure_id;
  gint64  number;
  char   *title;
  guint   by_status[SAM_N_STATUSES];
  guint   total;
  guint   live;            /* not cancelled */
  gint64  progress_sum;    /* over live activities, a missing progress as 0 */
  guint   overdue;         /* live, not done, due before today */
  guint   not_reported;    /* live, not done, no status update in the period */
  SamLight light;          /* sam_tally_light() */
  double  previous_progress; /* the average as at the period before (sam_period_before()), by
                              * the rules as at a period; -1: none */
} SamMeasureSummary;

/* A status comment for the Summary's narrative. */
typedef struct
{
  gint64  measure_id;
  char   *activity;
  char   *period;          /* its period's code, or NULL */
  char   *comment;
} SamCommentRow;

void sam_comment_row_free (gpointer data);

/* An activity an obligation names, with what the Obligations sheet shows. */
typedef struct
{
  gint64    id;
  gint64    measure_id;
  char     *title;
  char     *status;        /* a sam_status_values nick, never NULL */
  gint64    progress;      /* -1: not given */
  char     *comment;       /* of the latest update up to the period, or NULL */
  gboolean  has_change;
  gint64    progress_change;
} SamObligationActivity;

/* An article of the convention or one of GRETA's recommendations, in the
 * order of the convention and then the recommendations. */
typedef struct
{
  gint64     id;
  char      *source;       /* "convention", "greta" or another nick, or NULL */
  char      *reference;
  char      *title;
  GArray    *measure_ids;  /* gint64: the measures it names, in order */
  GPtrArray *activities;   /* of SamObligationActivity: those in scope it names */
} SamObligation;

/* A knowledge gap with the R&D projects that address it. */
typedef struct
{
  gint64     id;
  gint64     measure_number; /* -1: none */
  gint64     number;         /* -1: none */
  char      *title;
  GPtrArray *projects;       /* of SamProjectRow */
} SamGapRow;

typedef struct
{
  char   *title;
  char   *lead;              /* agency name, or NULL */
  char   *due_date;
  char   *status;            /* a sam_status_values nick, or NULL */
} SamProjectRow;

/* A goal of a measure. */
typedef struct
{
  gint64  measure_number;
  char   *measure;
  char   *text;
} SamGoalRow;

/* One finding of `samordna check`, for the Follow-up sheet. */
typedef struct
{
  const char *check_id;      /* SAM_CHECK_*, static */
  int         severity;      /* a SamSeverity */
  SamKind     kind;
  char       *subject;       /* the name of what it concerns */
} SamFindingRow;

/* An activity in the Follow-up sheet's lists. */
typedef struct
{
  const char *ministry;      /* of the lead agency, or NULL */
  const char *agency;        /* the lead agency, or NULL */
  const char *contact;       /* the lead agency's contact, or NULL */
  gint64      id;
  gint64      measure_number;
  const char *title;
  const char *status;        /* a sam_status_values nick, never NULL */
  const char *due_date;
  const char *sector_duty;   /* with no lead: the ministries by sector responsibility */
} SamFollowUpRow;

typedef struct
{
  gint64   format_id;
  char    *name;
  char    *kind;           /* a sam_seminar_kind_values nick, or NULL */
  gint64   year;
  gint64   min_per_year;   /* -1: no target */
  gint64   max_per_year;   /* -1: no target */
  guint    held;
  guint    planned;        /* planned or open for registration */
  guint    cancelled;
} SamSeminarTarget;

typedef struct
{
  gint64      id;
  gint64      focus_area_id;
  gint64      measure_id;
  gint64      plan_id;
  gint64      lead_id;          /* as at the report's period; 0: none */
  gint64      measure_number;
  const char *measure;
  const char *plan;
  const char *plan_kind;
  const char *title;
  const char *description;
  const char *scope;            /* sam_scope_values nick, or NULL */
  const char *priority_task;
  const char *lead;             /* agency name, as at the report's period, or NULL */
  const char *partners;         /* names, "; " between, in the order given; or NULL */
  /* With no lead named: the ministries that answer for it by sector
   * responsibility, "HOD (Helse- og omsorgstjenester); JD (…)", or NULL. */
  const char *sector_duty;
  const char *sectors;
  const char *target_groups;
  const char *message;
  const char *channels;
  const char *languages;
  const char *start_date;       /* YYYY-MM-DD or NULL */
  const char *due_date;
  const char *status;           /* a sam_status_values nick, never NULL */
  gint64      progress;         /* -1: not given */
  gboolean    overdue;
  gboolean    running;          /* runs in the report's period */
  gboolean    reported;         /* has a status update in the report's period */
  const char *latest_period;    /* the latest update up to the report's period */
  const char *latest_comment;
  gint64      progress_change;  /* latest progress minus the update before; */
  gboolean    has_change;       /* only when both updates give a progress */
} SamActivityRow;

typedef struct
{
  gint64      activity_id;
  gint64      measure_number;
  const char *activity;
  const char *period;
  const char *status;           /* nick or NULL */
  gint64      progress;         /* -1: not given */
  const char *comment;
  const char *reported_by;
  const char *reported_at;      /* YYYY-MM-DD HH:MM[:SS] or NULL */
} SamStatusRow;

typedef struct
{
  gint64      id;
  const char *title;
  const char *format;
  const char *kind;             /* sam_seminar_kind_values nick or NULL */
  const char *starts_at;
  const char *ends_at;
  const char *place;
  gboolean    online;
  const char *organiser;
  const char *activity;
  const char *theme;
  const char *sectors;          /* target sectors */
  const char *target_groups;
  const char *status;           /* sam_seminar_status_values nick or NULL */
  gint64      capacity;         /* -1: not given */
  gint64      registered;       /* participants registered, waiting list not included */
  gint64      waitlisted;
  gint64      attended;         /* -1: no attendance recorded */
  gint64      evaluation_score; /* -1: not given */
  const char *evaluation_comment;
} SamSeminarRow;

typedef struct
{
  gint64      seminar_id;
  const char *seminar;
  const char *starts_at;
  const char *sector;           /* NULL: registrations that gave no sector */
  gint64      registered;
  gint64      waitlisted;
  gint64      attended;         /* -1: no attendance recorded */
} SamParticipationRow;

typedef gboolean (*SamFollowUpRowFunc)      (const SamFollowUpRow      *row,
                                             gpointer                   user_data,
                                             GError                   **error);
typedef gboolean (*SamActivityRowFunc)      (const SamActivityRow      *row,
                                             gpointer                   user_data,
                                             GError                   **error);
typedef gboolean (*SamStatusRowFunc)        (const SamStatusRow        *row,
                                             gpointer                   user_data,
                                             GError                   **error);
typedef gboolean (*SamSeminarRowFunc)       (const SamSeminarRow       *row,
                                             gpointer                   user_data,
                                             GError                   **error);
typedef gboolean (*SamParticipationRowFunc) (const SamParticipationRow *row,
                                             gpointer                   user_data,
                                             GError                   **error);

gboolean       sam_report_data_begin              (SamStore                *store,
                                                   SamStore               **helpers,
                                                   guint                    n_helpers,
                                                   GError                 **error);
void           sam_report_data_end                (SamStore                *store);

char          *sam_report_data_strategy_title     (SamStore                *store);

gboolean       sam_report_data_count              (SamStore                *store,
                                                   const SamReportQuery    *query,
                                                   guint64                 *activities,
                                                   guint64                 *status_updates,
                                                   GError                 **error);
GPtrArray     *sam_report_data_measures           (SamStore                *store,
                                                   const SamReportQuery    *query,
                                                   GError                 **error);
SamChanges    *sam_report_data_changes            (SamStore                *store,
                                                   const SamReportQuery    *query,
                                                   GError                 **error);
GPtrArray     *sam_report_data_seminar_targets    (SamStore                *store,
                                                   const SamReportQuery    *query,
                                                   gint64                   year,
                                                   GError                 **error);

SamReportActivities *sam_report_data_read_activities (SamStore           *store,
                                                   const SamReportQuery    *query,
                                                   GError                 **error);
void           sam_report_activities_free         (SamReportActivities     *activities);
gboolean       sam_report_data_foreach_activity   (SamStore                *store,
                                                   const SamReportQuery    *query,
                                                   SamReportActivities     *activities,
                                                   SamActivityRowFunc       func,
                                                   gpointer                 user_data,
                                                   GError                 **error);
gboolean       sam_report_data_foreach_status     (SamStore                *store,
                                                   const SamReportQuery    *query,
                                                   SamStatusRowFunc         func,
                                                   gpointer                 user_data,
                                                   GError                 **error);
gboolean       sam_report_data_foreach_seminar    (SamStore                *store,
                                                   const SamReportQuery    *query,
                                                   SamSeminarRowFunc        func,
                                                   gpointer                 user_data,
                                                   GError                 **error);
gboolean       sam_report_data_foreach_participation (SamStore             *store,
                                                   const SamReportQuery    *query,
                                                   SamParticipationRowFunc  func,
                                                   gpointer                 user_data,
                                                   GError                 **error);

/* sam-report-sections.c */
GPtrArray     *sam_report_data_latest_comments    (SamStore                *store,
                                                   const SamReportQuery    *query,
                                                   guint                    per_measure,
                                                   GError                 **error);
GPtrArray     *sam_report_data_obligations        (SamStore                *store,
                                                   const SamReportQuery    *query,
                                                   GError                 **error);
GPtrArray     *sam_report_data_gaps               (SamStore                *store,
                                                   const SamReportQuery    *query,
                                                   GError                 **error);
GPtrArray     *sam_report_data_goals              (SamStore                *store,
                                                   const SamReportQuery    *query,
                                                   GError                 **error);
GPtrArray     *sam_report_data_findings           (SamStore                *store,
                                                   const SamReportQuery    *query,
                                                   GPtrArray               *message_flags,
                                                   GError                 **error);
gboolean       sam_report_data_foreach_unreported (SamStore                *store,
                                                   const SamReportQuery    *query,
                                                   SamFollowUpRowFunc       func,
                                                   gpointer                 user_data,
                                                   GError                 **error);
gboolean       sam_report_data_foreach_no_lead    (SamStore                *store,
                                                   const SamReportQuery    *query,
                                                   SamFollowUpRowFunc       func,
                                                   gpointer                 user_data,
                                                   GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamReportActivities, sam_report_activities_free)

G_END_DECLS
