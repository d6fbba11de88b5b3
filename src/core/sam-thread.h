/* sam-thread.h: threads that work in the background yield to the one a
 * person waits for. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void sam_thread_yield                (int step);
void sam_thread_set_give_back_memory (gboolean give_back);
void sam_thread_give_back_memory     (void);

G_END_DECLS
