/* sam-window-private.h: the window's parts, shared by its source files. */
#pragma once

#include "sam-window.h"
#include "sam-activity-filter.h"
#include "sam-filtered-list.h"
#include "sam-editor.h"
#include "models/sam-activity-list.h"

G_BEGIN_DECLS

struct _SamWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkMenuButton        *new_button;
  GtkButton            *back_button;
  GtkToggleButton      *search_button;
  GtkButton            *undo_button;
  GtkButton            *redo_button;
  GtkStack             *content_stack;
  AdwStatusPage        *error_page;
  AdwStatusPage        *reports_page;
  GtkListView          *sidebar_view;
  GtkStack             *view_stack;
  GtkColumnView        *overview_view;
  GtkListView          *tree_view;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *agency_filter;
  GtkCheckButton       *subordinates_check;
  GtkDropDown          *sector_filter;
  GtkDropDown          *group_filter;
  GtkDropDown          *status_filter;
  GtkDropDown          *period_filter;
  GtkToggleButton      *overdue_toggle;
  GtkLabel             *count_label;
  GtkMenuButton        *filters_button;
  GtkLabel             *active_label;
  GtkListView          *plan_tree_view;
  GtkColumnView        *activity_view;
  SamEditor            *editor;
  GtkLabel             *overview_target_label;
  GtkLabel             *year_label;
  GtkLabel             *target_label;
  GtkStack             *seminar_stack;
  GtkListView          *seminar_list;
  GtkCalendar          *seminar_calendar;
  GtkListView          *day_list;
  GtkDropDown          *matrix_columns;
  GtkDropDown          *matrix_ministry;
  GtkLabel             *matrix_summary;
  GtkColumnView        *matrix_view;
  GtkDropDown          *report_scope;
  GtkDropDown          *report_period;
  GtkDropDown          *report_language;
  GtkButton            *report_button;
  GtkProgressBar       *report_progress;
  GtkButton            *report_cancel;
  GtkButton            *figure_overdue;
  GtkButton            *figure_unreported;
  GtkButton            *figure_gaps;
  GtkButton            *figure_checks;

  SamStore             *store;
  GCancellable         *cancellable;
  char                 *error;           /* the last open error */
  SamView               view;
  GtkSingleSelection   *rows;            /* the tree of the current view */
  GtkSingleSelection   *plan_rows;       /* the plans view's tree */
  SamActivityList      *activities;
  SamActivityFilter    *filter;
  GListModel           *filtered;       /* a SamFilteredList */
  GtkSingleSelection   *activity_rows;
  GPtrArray            *history;         /* records shown before, for Back */
  int                   seminar_year;
  GtkSingleSelection   *seminar_rows;
  GtkSingleSelection   *day_rows;
  GCancellable         *report_cancellable;
  guint                 figures_idle;
  char                 *report_path;
  gboolean              matrix_by_plans[2]; /* the columns chosen: responsibility, coverage */
  AdwToast             *report_toast;     /* “… has been written”, while shown (weak) */
  gboolean              refreshing;      /* rebuilding after a change */
};

/* sam-window-actions.c */
void  sam_window_install_actions  (GtkWidgetClass *widget_class);
void  sam_window_update_actions   (SamWindow      *self);
char *sam_window_chosen_path     (GtkNativeDialog *dialog,
                                   int              response);
void  sam_window_toast            (SamWindow      *self,
                                   const char     *title,
                                   gboolean        offer_undo);

/* sam-window-filters.c */
void  sam_window_setup_filters    (SamWindow      *self);
typedef enum {
  SAM_PAGE_PLANS,
  SAM_PAGE_SEMINARS,
  SAM_PAGE_MATRIX,
  SAM_PAGE_REPORTS,
  SAM_N_PAGES
} SamPage;

void  sam_window_ensure_page      (SamWindow      *self,
                                   SamPage         page);
void  sam_window_fill_filters     (SamWindow      *self);
void  sam_window_apply_filters    (SamWindow      *self);
void  sam_window_clear_filters    (SamWindow      *self);
void  sam_window_select_filter    (SamWindow      *self,
                                   const char     *name,
                                   gint64          id);

/* sam-window-seminars.c */
void  sam_window_show_seminars    (SamWindow      *self);
void  sam_window_show_target      (SamWindow      *self,
                                   GtkLabel       *label,
                                   int             year);
void  sam_window_install_seminar_actions (GtkWidgetClass *widget_class);
void  on_calendar_changed_cb      (SamWindow      *self);

/* sam-window-coordination.c */
void  sam_window_show_matrix      (SamWindow      *self);
void  sam_window_prepare_matrix   (SamWindow      *self);
void  sam_window_show_figures     (SamWindow      *self);
void  sam_window_show_reports     (SamWindow      *self);
void  sam_window_install_coordination_actions (GtkWidgetClass *widget_class);
void  on_matrix_options_cb        (SamWindow      *self);
void  on_report_cancel_cb         (SamWindow      *self);

/* sam-window.c */
gboolean sam_window_ensure_activities (SamWindow *self);
void  sam_window_show_in_editor   (SamWindow      *self,
                                   SamRecord      *record,
                                   gboolean        remember);
void  sam_window_select_record    (SamWindow      *self,
                                   SamRecord      *record);

G_END_DECLS
