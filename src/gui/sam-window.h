/* sam-window.h: the main window: views in a sidebar, a tree or the
 * activity table in the middle, and the editor on the right. */
#pragma once

#include <adwaita.h>

#include "sam-application.h"
#include "sam-editor.h"
#include "core/sam-record.h"
#include "models/sam-tree.h"
#include "store/sam-store.h"

G_BEGIN_DECLS

#define SAM_TYPE_WINDOW (sam_window_get_type ())
G_DECLARE_FINAL_TYPE (SamWindow, sam_window, SAM, WINDOW, AdwApplicationWindow)

SamWindow   *sam_window_new                (SamApplication *application);
void         sam_window_open_database      (SamWindow      *self,
                                            const char     *path);
SamStore    *sam_window_get_store          (SamWindow      *self);
void         sam_window_show_view          (SamWindow      *self,
                                            SamView         view);
void         sam_window_show_record        (SamWindow      *self,
                                            SamRecord      *record);
void         sam_window_write_report       (SamWindow      *self,
                                            const char     *path);

/* For tests: what the window shows now. */
GListModel  *sam_window_get_rows           (SamWindow      *self);
GListModel  *sam_window_get_plan_rows      (SamWindow      *self);
GListModel  *sam_window_get_activity_rows  (SamWindow      *self);
SamEditor   *sam_window_get_editor         (SamWindow      *self);
SamRecord   *sam_window_get_shown_record   (SamWindow      *self);
const char  *sam_window_get_error          (SamWindow      *self);
const char  *sam_window_get_page           (SamWindow      *self);
gboolean     sam_window_is_loading         (SamWindow      *self);
GtkWidget   *sam_window_get_filter_widget  (SamWindow      *self,
                                            const char     *name);
AdwToast    *sam_window_get_report_toast  (SamWindow      *self);

G_END_DECLS
