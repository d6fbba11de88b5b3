/* sam-round.h: what a reporting round reads from and writes to a database.
 *
 * Each period the secretariat writes one status form per agency (see
 * src/forms/) and imports the forms that come back. The rows a form
 * carries, the agencies that get one, the round and its forms as records,
 * and the state an import compares against are read here; status updates
 * themselves are recorded with sam_status_record().
 */
#pragma once

#include "store/sam-figures.h"

G_BEGIN_DECLS

/* One activity on a form, as Samordna holds it now. */
typedef struct
{
  gint64  activity_id;
  gint64  plan_id;
  gint64  lead_agency_id;  /* 0: none */
  gint64  measure;         /* the measure's number, 0: none */
  char   *plan;            /* the plan's title */
  char   *title;
  char   *lead;            /* the lead agency's short name or name, or NULL */
  char   *due_date;        /* YYYY-MM-DD or NULL */
  char   *status;          /* the latest update's status, else the activity's; a nick or NULL */
  int     progress;        /* likewise; -1: none */
  char   *comment;         /* the latest update's comment, or NULL */
  gint64  update_id;       /* the latest status update, 0: none */
  char   *update_period;   /* its period's code, or NULL */
  char   *reported_at;     /* when it was reported, or NULL */
} SamFormRow;

/* What a round knows of one activity as at its period (sam-figures.h):
 * the status, progress and comment of the latest update in or before the
 * period, and who leads it. */
typedef struct
{
  gint64  lead_id;         /* 0: none */
  char   *status;          /* a nick, or NULL */
  int     progress;        /* -1: none */
  char   *comment;         /* or NULL */
  gint64  update_id;       /* the update they come from, 0: none */
  char   *update_period;   /* its period's code, or NULL */
} SamRoundState;

/* One agency's form on a round's board. */
typedef struct
{
  SamRecord *form;         /* a round_form record */
  char      *agency;       /* the agency's name */
  char      *short_name;   /* its short name, or NULL */
  char      *contact;      /* its contact (an e-mail address, perhaps), or NULL */
  gboolean   late;         /* not received, and the deadline has passed */
} SamBoardRow;

void        sam_form_row_free          (SamFormRow   *row);
void        sam_board_row_free         (SamBoardRow  *row);
void        sam_form_row_take_state    (SamFormRow   *row,
                                        GHashTable   *states);

GHashTable *sam_round_asked            (SamStore        *store,
                                        const SamPeriod *period,
                                        GError         **error);
GHashTable *sam_round_as_at            (SamStore        *store,
                                        const SamPeriod *period,
                                        GError         **error);
GHashTable *sam_round_by_sector        (SamStore     *store,
                                        GHashTable   *asked,
                                        GError      **error);
GPtrArray  *sam_round_agencies         (SamStore     *store,
                                        GHashTable   *asked,
                                        GHashTable   *by_sector,
                                        GError      **error);
GPtrArray  *sam_round_lead_rows        (SamStore     *store,
                                        gint64        agency_id,
                                        GHashTable   *asked,
                                        GError      **error);
GPtrArray  *sam_round_sector_rows      (SamStore     *store,
                                        GHashTable   *ids,
                                        GHashTable   *asked,
                                        GError      **error);
GPtrArray  *sam_round_partner_rows     (SamStore     *store,
                                        gint64        agency_id,
                                        GHashTable   *asked,
                                        GError      **error);
SamFormRow *sam_round_current          (SamStore     *store,
                                        gint64        activity_id,
                                        GError      **error);
SamRecord  *sam_round_update_in_period (SamStore     *store,
                                        gint64        activity_id,
                                        const char   *period,
                                        GError      **error);
gint64      sam_round_period_for       (SamStore     *store,
                                        const char   *period,
                                        gint64        plan_id,
                                        GError      **error);
SamRecord  *sam_round_find_agency      (SamStore     *store,
                                        const char   *short_name,
                                        GError      **error);
SamRecord  *sam_round_find_form        (SamStore     *store,
                                        gint64        agency_id,
                                        const char   *period,
                                        const char   *written_at,
                                        GError      **error);
SamRecord  *sam_round_for_period       (SamStore     *store,
                                        const char   *period,
                                        GError      **error);
SamRecord  *sam_round_latest           (SamStore     *store,
                                        GError      **error);
GPtrArray  *sam_round_board            (SamStore     *store,
                                        gint64        round_id,
                                        const char   *today,
                                        GError      **error);
gboolean    sam_round_hash_imported    (SamStore     *store,
                                        const char   *hash,
                                        char        **imported_at);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamFormRow, sam_form_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamBoardRow, sam_board_row_free)

G_END_DECLS
