/* sam-tree.h: the browsing trees of the main window, as list models.
 *
 * Each view is a list of root SamNodes whose children load on demand; the
 * window wraps it in a GtkTreeListModel. No widgets here.
 */
#pragma once

#include <gio/gio.h>

#include "models/sam-node.h"
#include "store/sam-changes.h"
#include "store/sam-period.h"

G_BEGIN_DECLS

/* The views of the sidebar, in order. */
typedef enum {
  SAM_VIEW_OVERVIEW,        /* figures per measure; no tree */
  SAM_VIEW_PLANS,           /* focus area → measure → goals, tasks, plans (activities beside) */
  SAM_VIEW_FOLLOW_UP,       /* lead agency → activities not reported this period */
  SAM_VIEW_SEMINARS,        /* seminar format → seminars */
  SAM_VIEW_RESPONSIBILITY,  /* agencies × measures or plans; no tree */
  SAM_VIEW_COVERAGE,        /* target groups × sectors or plans; no tree */
  SAM_VIEW_CHECKS,          /* the coordination checks that fail */
  SAM_VIEW_AGENCIES,        /* ministries → their agencies */
  SAM_VIEW_TARGET_GROUPS,   /* category → group → sub-group */
  SAM_VIEW_SECTORS,
  SAM_VIEW_KNOWLEDGE,       /* knowledge gaps and R&D projects */
  SAM_VIEW_OBLIGATIONS,
  SAM_VIEW_PERIODS,         /* reporting periods */
  SAM_VIEW_REPORTS,         /* the Excel progress report; no tree */
  SAM_N_VIEWS
} SamView;

const char *sam_view_get_name    (SamView     view);
const char *sam_view_get_title   (SamView     view);
SamView     sam_view_from_name   (const char *name);

GListModel *sam_tree_new_roots   (SamStore   *store,
                                  SamView     view);
GListModel *sam_tree_new_follow_up (SamStore        *store,
                                  const SamPeriod *period,
                                  const char      *today);
GListModel *sam_tree_new_changes (const SamChanges *changes);
char       *sam_tree_describe    (SamRecord  *record);

G_END_DECLS
