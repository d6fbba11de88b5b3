/* sam-server-dialog.h: Open Plan on a Server: a server, a database and a
 * user (or a connection string or service name), a password only when
 * the server asks for one. Opens the plan itself, so that whatever goes
 * wrong is said in the dialog, with what was typed kept. */
#pragma once

#include <adwaita.h>

#include "store/sam-store.h"

G_BEGIN_DECLS

#define SAM_TYPE_SERVER_DIALOG (sam_server_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SamServerDialog, sam_server_dialog, SAM, SERVER_DIALOG, AdwWindow)

SamServerDialog *sam_server_dialog_new       (GtkWindow        *parent,
                                              GSettings        *settings);
void             sam_server_dialog_fill      (SamServerDialog  *self,
                                              const char       *host,
                                              const char       *database,
                                              const char       *user,
                                              const char       *address);
void             sam_server_dialog_connect   (SamServerDialog  *self);
const char      *sam_server_dialog_get_error (SamServerDialog  *self);
const char      *sam_server_dialog_get_text  (SamServerDialog  *self,
                                              const char       *field);
gboolean         sam_server_dialog_asks_password (SamServerDialog *self);
void             sam_server_dialog_set_password  (SamServerDialog *self,
                                                  const char      *password);

G_END_DECLS
