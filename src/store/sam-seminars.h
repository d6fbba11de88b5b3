/* sam-seminars.h: the rules of seminars, registrations and the year's target.
 *
 * Seminars and registrations are ordinary records (see sam-kind.c); this
 * module adds what the generic store does not know: the capacity and the
 * waiting list, attendance, the checks that need other records, the yearly
 * target of a seminar format, the mix of sectors at a seminar, and copying
 * seminars to another year.
 *
 * Every call that changes something is one outermost transaction (one
 * sam_store_begin()/sam_store_commit()), so one call is one undo step, and
 * writes only through sam_store_insert(), sam_store_update() and
 * sam_store_delete(). A rule broken is SAM_STORE_ERROR_INVALID with a
 * message that names the field, says what is wrong and what to do, and
 * leaves the database as it was.
 */
#pragma once

#include "store/sam-store.h"

G_BEGIN_DECLS

/* The format kind whose yearly target DESIGN.md asks for. */
#define SAM_SEMINAR_KIND_NATIONAL "national"

/* What the registrations of one seminar add up to. */
typedef struct
{
  gboolean has_capacity;      /* FALSE when the seminar has no capacity: no limit */
  gint64   capacity;          /* places, when has_capacity */
  gint64   confirmed;         /* participants of registrations with a place */
  gint64   waiting;           /* participants on the waiting list */
  guint    n_registrations;
  guint    n_waiting;         /* registrations on the waiting list */
  gboolean has_attendance;    /* some registration has attendance recorded */
  gint64   attended;          /* people who came, summed over registrations */
} SamSeminarCounts;

/* One line of attendance for sam_seminar_mark_held(). */
typedef struct
{
  gint64 registration_id;
  gint64 attended;
} SamAttendance;

typedef enum {
  SAM_SEMINAR_TARGET_NONE,      /* the format sets no yearly target */
  SAM_SEMINAR_TARGET_MET,
  SAM_SEMINAR_TARGET_TOO_FEW,
  SAM_SEMINAR_TARGET_TOO_MANY,
} SamSeminarTargetState;

/* A year's seminars of one format kind against the target in its format. */
typedef struct
{
  int                    year;
  gint64                 count;    /* seminars held or planned, not cancelled */
  gint64                 min;      /* at least per year, -1 when not set */
  gint64                 max;      /* at most per year, -1 when not set */
  SamSeminarTargetState  state;
  char                  *message;  /* translated, for the Seminars view and Overview */
} SamSeminarTarget;

/* One sector's part of a seminar's participants. */
typedef struct
{
  gint64  sector_id;     /* 0 for registrations that name no sector */
  char   *name;          /* the sector's name, or a translated "No sector given" */
  gint64  participants;
  double  share;         /* participants / total, 0 to 1 */
} SamSectorShare;

/* The sectors at one seminar: attendance once it is held and recorded,
 * otherwise the participants who have a place. */
typedef struct
{
  gint64    seminar_id;
  gboolean  by_attendance;  /* TRUE when counted from attendance */
  gint64    total;
  GArray   *shares;         /* of SamSectorShare, largest first */
  gboolean  flagged;        /* a national seminar where one sector has more than half */
  gint64    dominant_sector_id;
  char     *message;        /* translated reason when flagged, else NULL */
} SamSectorMix;

/* Seminars */

gboolean          sam_seminar_save                    (SamStore          *store,
                                                       SamRecord         *seminar,
                                                       GError           **error);
gboolean          sam_seminar_delete                  (SamStore          *store,
                                                       gint64             seminar_id,
                                                       GError           **error);
gboolean          sam_seminar_needs_past_confirmation (SamStore          *store,
                                                       SamRecord         *seminar,
                                                       GDateTime         *now,
                                                       char             **question);
gboolean          sam_seminar_get_counts              (SamStore          *store,
                                                       gint64             seminar_id,
                                                       SamSeminarCounts  *counts,
                                                       GError           **error);
gboolean          sam_seminar_mark_held               (SamStore          *store,
                                                       gint64             seminar_id,
                                                       const SamAttendance *attendance,
                                                       gsize              n_attendance,
                                                       GError           **error);
GPtrArray        *sam_seminar_list_year               (SamStore          *store,
                                                       int                year,
                                                       GError           **error);

/* Registrations */

gboolean          sam_registration_save               (SamStore          *store,
                                                       SamRecord         *registration,
                                                       GError           **error);
gboolean          sam_registration_cancel             (SamStore          *store,
                                                       gint64             registration_id,
                                                       GError           **error);

/* Formats and the year's target */

gboolean          sam_seminar_format_save             (SamStore          *store,
                                                       SamRecord         *format,
                                                       GError           **error);
SamSeminarTarget *sam_seminar_year_target             (SamStore          *store,
                                                       const char        *format_kind,
                                                       int                year,
                                                       GError           **error);
void              sam_seminar_target_free             (SamSeminarTarget  *target);

/* Interdisciplinarity */

SamSectorMix     *sam_seminar_sector_mix              (SamStore          *store,
                                                       gint64             seminar_id,
                                                       GError           **error);
void              sam_sector_mix_free                 (SamSectorMix      *mix);

/* Copying to another year */

SamRecord        *sam_seminar_copy_to_year            (SamStore          *store,
                                                       gint64             seminar_id,
                                                       int                year,
                                                       GError           **error);
GPtrArray        *sam_seminar_copy_year               (SamStore          *store,
                                                       int                from_year,
                                                       int                to_year,
                                                       GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamSeminarTarget, sam_seminar_target_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamSectorMix, sam_sector_mix_free)

G_END_DECLS
