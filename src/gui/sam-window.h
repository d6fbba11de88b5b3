/* sam-window.h: the main window: the views in a sidebar, the view chosen
 * in the middle, and the editor on the right.
 *
 * The window keeps what the views share: the sidebar, the stack of views
 * (each a SamPage, built when first shown), the editor, toasts, undo and
 * redo, and Back. The views never call it; they ask with signals and the
 * window's actions.
 */
#pragma once

#include <adwaita.h>

#include "sam-editor.h"
#include "sam-page.h"
#include "core/sam-record.h"
#include "models/sam-tree.h"
#include "store/sam-store.h"

G_BEGIN_DECLS

#define SAM_TYPE_WINDOW (sam_window_get_type ())
G_DECLARE_FINAL_TYPE (SamWindow, sam_window, SAM, WINDOW, AdwApplicationWindow)

SamWindow   *sam_window_new                (GtkApplication *application,
                                            GSettings      *settings);
void         sam_window_open_database      (SamWindow      *self,
                                            const char     *path);
void         sam_window_prepare_path       (const char     *path);
void         sam_window_begin_open         (SamWindow      *self);
void         sam_window_end_open           (SamWindow      *self,
                                            SamStore       *store,
                                            const GError   *error);
SamStore    *sam_window_get_store          (SamWindow      *self);
void         sam_window_show_view          (SamWindow      *self,
                                            SamView         view);
SamView      sam_window_get_view           (SamWindow      *self);
SamPage     *sam_window_get_view_page      (SamWindow      *self,
                                            SamView         view);
void         sam_window_show_record        (SamWindow      *self,
                                            SamRecord      *record);

/* What the window shows now, for tests and the benchmark. */
SamEditor   *sam_window_get_editor         (SamWindow      *self);
SamRecord   *sam_window_get_shown_record   (SamWindow      *self);
const char  *sam_window_get_error          (SamWindow      *self);
const char  *sam_window_get_access_notice  (SamWindow      *self);
const char  *sam_window_get_page           (SamWindow      *self);

G_END_DECLS
