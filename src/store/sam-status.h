/* sam-status.h: recording an activity's status for a reporting period.
 *
 * Every way a status enters Samordna (the Record Status dialog, an
 * imported status form) goes through sam_status_record(), so that the
 * rules for a status update are checked in one place and the activity's
 * own status and progress follow its latest update.
 */
#pragma once

#include "sam-store.h"

G_BEGIN_DECLS

/* One status update to record. Only activity_id, period_id and status are
 * required; a text left NULL (or "") is stored as none. */
typedef struct
{
  gint64      activity_id;
  gint64      period_id;    /* a reporting_period row */
  const char *status;       /* a nick of sam_status_values */
  int         progress;     /* 0–100; 100 when the status is done; -1: none given */
  const char *comment;
  const char *reported_by;  /* a person's name */
  const char *reported_at;  /* ISO date and time; NULL: now */
  gint64      agency_id;    /* the agency that reported it; 0: none */
  const char *source_file;  /* the file it was imported from */
  const char *source_hash;  /* the SHA-256 of that file, in hex */
  const char *imported_at;  /* when it was imported */
} SamStatusEntry;

SamRecord *sam_status_entry_to_record (const SamStatusEntry  *entry);
gboolean   sam_status_record          (SamStore              *store,
                                       const SamStatusEntry  *entry,
                                       GError               **error);

G_END_DECLS
