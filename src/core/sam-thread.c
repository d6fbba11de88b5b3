#define G_LOG_DOMAIN "sam-thread"

#include "config.h"

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sam-thread.h"

/**
 * sam_thread_yield:
 * @step: how far below its present priority the calling thread goes (a
 *   step of the nice value, 1 to 19)
 *
 * Lowers the calling thread's priority, for a thread of its own that works
 * in the background (never one of a pool: an ordinary user cannot raise it
 * back). There are more threads than cores, and the thread a person waits
 * for (the window's, the report's) sets the pace. The step is from the
 * thread's own nice value, the one it started with: set as an absolute
 * value, a program run under `nice -n 19` by a user who may lower nice
 * values would put its helpers ahead of its own thread. Does nothing where
 * a thread has no nice value of its own (only Linux has).
 */
void
sam_thread_yield (int step)
{
#ifdef __linux__
  id_t tid = (id_t) syscall (SYS_gettid);
  int own;

  errno = 0;
  own = getpriority (PRIO_PROCESS, tid);
  if (own == -1 && errno != 0)
    g_debug ("Could not read a thread's priority: %s", g_strerror (errno));
  else if (setpriority (PRIO_PROCESS, tid, MIN (own + step, 19)) != 0)
    g_debug ("Could not lower a thread's priority: %s", g_strerror (errno));
#else
  (void) step;
#endif
}

static gboolean giving_back;

/**
 * sam_thread_set_give_back_memory:
 * @give_back: whether sam_thread_give_back_memory() gives memory back
 *
 * For a program that does one job in a few threads and then ends, where
 * the memory it holds at its peak is what counts (`samordna report`); to
 * be called before those threads start. Elsewhere (the window) memory is
 * not given back: giving it back walks every heap of the process under
 * its lock, the window's large one included, and the window's thread
 * would wait at its next allocation (a heap of 100 MB, half of it freed,
 * took 18–54 ms to trim in a small program).
 */
void
sam_thread_set_give_back_memory (gboolean give_back)
{
  giving_back = give_back;
}

/**
 * sam_thread_give_back_memory:
 *
 * Gives the memory the program has freed back to the system, for a
 * thread that has just let a step's worth of it go, when the program asked
 * for that (sam_thread_set_give_back_memory()). glibc keeps a heap (arena)
 * per thread, so that threads do not wait for one another at each
 * allocation; but memory freed in one thread's heap serves no other, and
 * stays with the process until it is given back. Does nothing where the C
 * library has no such call.
 */
void
sam_thread_give_back_memory (void)
{
#ifdef __GLIBC__
  if (giving_back)
    malloc_trim (0);
#endif
}
