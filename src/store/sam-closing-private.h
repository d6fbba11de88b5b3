/* sam-closing-private.h: reading what a closing froze, for the figures,
 * the report's data and the changes, which read it instead of today's
 * data for a closed period. Each takes the closing's id (see
 * sam_closing_find()) and a scope judged on where the activities were
 * when the period was closed (sam_scope_closed_sql()). */
#pragma once

#include "sam-changes.h"
#include "sam-closing.h"
#include "sam-report-data.h"

G_BEGIN_DECLS

gboolean    sam_closing_foreach_facts     (SamStore            *store,
                                           gint64               closing,
                                           const SamScope      *scope,
                                           SamFactsFunc         func,
                                           gpointer             user_data,
                                           GError             **error);
GPtrArray  *sam_closing_read_measures     (SamStore            *store,
                                           gint64               closing,
                                           const SamScope      *scope,
                                           GError             **error);
gboolean    sam_closing_foreach_activity  (SamStore            *store,
                                           gint64               closing,
                                           const SamScope      *scope,
                                           SamActivityRowFunc   func,
                                           gpointer             user_data,
                                           GError             **error);
gboolean    sam_closing_foreach_status    (SamStore            *store,
                                           gint64               closing,
                                           const SamScope      *scope,
                                           SamStatusRowFunc     func,
                                           gpointer             user_data,
                                           GError             **error);
GPtrArray  *sam_closing_read_previous     (SamStore            *store,
                                           gint64               closing,
                                           const SamScope      *scope,
                                           GError             **error);
GPtrArray  *sam_closing_read_comments     (SamStore            *store,
                                           gint64               closing,
                                           const SamScope      *scope,
                                           guint                per_measure,
                                           GError             **error);
SamChanges *sam_closing_read_changes      (SamStore            *store,
                                           gint64               closing,
                                           const SamScope      *scope,
                                           GError             **error);
gboolean    sam_closing_count             (SamStore            *store,
                                           gint64               closing,
                                           const SamScope      *scope,
                                           guint64             *activities,
                                           guint64             *status_updates,
                                           GError             **error);

G_END_DECLS
