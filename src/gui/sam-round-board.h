/* sam-round-board.h: a reporting round's board: per agency, when its form
 * was written and where, when it came back and in which file, how many
 * rows it answered, and whether it is late; a reminder per late agency. */
#pragma once

#include <adwaita.h>

#include "store/sam-store.h"

G_BEGIN_DECLS

#define SAM_TYPE_ROUND_BOARD (sam_round_board_get_type ())
G_DECLARE_FINAL_TYPE (SamRoundBoard, sam_round_board, SAM, ROUND_BOARD, AdwWindow)

SamRoundBoard *sam_round_board_new      (GtkWindow     *parent,
                                         SamStore      *store);
guint          sam_round_board_get_late (SamRoundBoard *self);
const char    *sam_round_board_get_message (SamRoundBoard *self);
const char    *sam_round_board_get_title   (SamRoundBoard *self);
gboolean       sam_round_board_write_reminder (SamRoundBoard *self,
                                               guint          index,
                                               const char    *path);

G_END_DECLS
