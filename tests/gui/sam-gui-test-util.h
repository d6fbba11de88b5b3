/* sam-gui-test-util.h: driving the main window in the GUI tests. */
#pragma once

#include "sam-window.h"
#include "sam-matrix-grid.h"
#include "views/sam-matrix-page.h"
#include "views/sam-overview-page.h"
#include "views/sam-plans-page.h"
#include "views/sam-reports-page.h"
#include "views/sam-seminars-page.h"
#include "views/sam-tree-page.h"
#include "sam-editor.h"
#include "sam-chooser.h"
#include "sam-status-dialog.h"
#include "models/sam-activity-list.h"
#include "models/sam-choice.h"
#include "models/sam-details.h"
#include "sam-test-util.h"

G_BEGIN_DECLS

typedef gboolean (*SamCondition) (gpointer data);

void         sam_gui_wait_until     (SamCondition  condition,
                                     gpointer      data,
                                     const char   *what);
void         sam_gui_iterate        (void);
void         sam_gui_use_translations (void);
gboolean     sam_gui_wait_for       (SamCondition  condition,
                                     gpointer      data,
                                     guint         ms);
void         sam_gui_settle         (guint         ms);
void         sam_gui_press          (GtkWindow    *window,
                                     const char   *keys);
void         sam_gui_click          (GtkWidget    *widget);
SamWindow   *sam_gui_open_window    (const char   *path);
SamWindow   *sam_gui_open_window_with (const char *path,
                                       GSettings  *settings,
                                       int         width,
                                       int         height);
SamPlansPage *sam_gui_plans         (SamWindow    *window);
GListModel  *sam_gui_plan_rows      (SamWindow    *window);
GListModel  *sam_gui_activity_rows  (SamWindow    *window);
GListModel  *sam_gui_rows           (SamWindow    *window);
GtkWidget   *sam_gui_widget         (SamWindow    *window,
                                     const char   *name);
guint        sam_gui_find_row       (GListModel   *rows,
                                     const char   *prefix);
void         sam_gui_expand         (GListModel   *rows,
                                     const char   *prefix);
void         sam_gui_select         (GListModel   *rows,
                                     const char   *prefix);
guint        sam_gui_find_activity  (SamWindow    *window,
                                     const char   *prefix);
const char  *sam_gui_detail         (GListModel   *details,
                                     const char   *label);
gpointer     sam_gui_find_toplevel  (GType         type);
GtkMenuButton *sam_gui_find_menu_button (GtkWidget *widget,
                                         const char *icon);
GtkWidget   *sam_gui_editor_widget  (SamWindow    *window,
                                     const char   *field);
void         sam_gui_type           (SamWindow    *window,
                                     const char   *field,
                                     const char   *text);
void         sam_gui_choose         (SamWindow    *window,
                                     const char   *field,
                                     const char   *prefix);
void         sam_gui_pick_in        (GtkDropDown  *dropdown,
                                     const char   *prefix);
void         sam_gui_pick           (SamWindow    *window,
                                     const char   *field,
                                     const char   *prefix);
void         sam_gui_set_number     (SamWindow    *window,
                                     const char   *field,
                                     double        value);
void         sam_gui_add_text       (SamWindow    *window,
                                     const char   *field,
                                     const char   *text);
const char  *sam_gui_field_error    (SamWindow    *window,
                                     const char   *field);

G_END_DECLS
